internal import CICUShims

/// Scalar loading and offsets for ``SplitCaptions``, on the UTF-8 bytes of a line.
extension SplitCaptions {
    /// Where the glued-caption scan stops in `u`: `limit`, the first `。` or
    /// `maximumCaptionLength`, whichever comes first; and `lastClose`, the last `)` or `）`
    /// before it (-1 if none).
    struct FirstSentence: Equatable {
        var limit: Int
        var lastClose: Int

        init(limit: Int, lastClose: Int) {
            self.limit = limit
            self.lastClose = lastClose
        }

        init(_ u: [Unicode.Scalar], maximumCaptionLength: Int) {
            var limit = min(u.count, maximumCaptionLength)
            var lastClose = -1
            var i = 0
            while i < limit {
                let v = u[i].value
                if v == 0x3002 {  // 。
                    limit = i
                    break
                }
                if v == 0x29 || v == 0xFF09 { lastClose = i }
                i += 1
            }
            self.init(limit: limit, lastClose: lastClose)
        }
    }

    /// Fills `u` with the scalars of `text` that the caption checks read, and tells whether
    /// the line may be made of captions only (content came before it and it ends like a
    /// caption). Such a line is read whole; another one up to its first `。` (included) or
    /// to `maximumCaptionLength + 1` scalars. Also finds ``FirstSentence`` on the way.
    ///
    /// The loop is ``cicu_load_scalars`` (C): eight three-byte characters at a time with AVX2,
    /// where the Swift loop (``decodeScalarsInSwift(_:into:limit:whole:maximumCaptionLength:kuten:lastClose:)``, the
    /// reference a unit test compares it with) took some 28 instructions a scalar (callgrind:
    /// 2.7 M on the 4 MB corpus, 94 K scalars on its 1,056 lines that get here).
    static func loadScalars(
        _ text: String, into u: inout [Unicode.Scalar], sawContent: Bool, maximumCaptionLength: Int, inSwift: Bool = false
    ) -> (Bool, FirstSentence) {
        let mayBeCaptionOnly = text.withUTF8Bytes { p in
            sawContent && p.count > 0 && endsLikeACaption(last: UTF8Scan.decodeBefore(p, p.count).scalar)
        }
        let sentence = loadScalars(text, into: &u, mayBeCaptionOnly: mayBeCaptionOnly, maximumCaptionLength: maximumCaptionLength, inSwift: inSwift)
        return (mayBeCaptionOnly, sentence)
    }

    /// ``loadScalars(_:into:sawContent:maximumCaptionLength:inSwift:)`` with `mayBeCaptionOnly`
    /// known: ``LineProbe/mayBeCaptionOnly``, the same test, which the stage has in hand (the
    /// last scalar decoded again and looked up, 1,056 lines on the 4 MB corpus).
    static func loadScalars(
        _ text: String, into u: inout [Unicode.Scalar], mayBeCaptionOnly: Bool, maximumCaptionLength: Int, inSwift: Bool = false
    ) -> FirstSentence {
        u.removeAll(keepingCapacity: true)
        return text.withUTF8Bytes { p -> FirstSentence in
            let n = p.count
            let limit = mayBeCaptionOnly ? Int.max : maximumCaptionLength + 1
            var kuten: Int64 = -1
            var lastClose: Int64 = -1
            // Decoded into a scratch buffer (no capacity check per scalar), then appended at once.
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: min(n, limit)) { buffer in
                guard let out = buffer.baseAddress, let bytes = p.baseAddress else { return }  // an empty line
                // (A scalar is its `UInt32` value: the loops write the values, valid UTF-8
                // decodes to valid scalars.)
                let k = out.withMemoryRebound(to: UInt32.self, capacity: buffer.count) {
                    inSwift
                        ? decodeScalarsInSwift(
                            p, into: $0, limit: limit, whole: mayBeCaptionOnly, maximumCaptionLength: maximumCaptionLength,
                            kuten: &kuten, lastClose: &lastClose)
                        : Int(
                            cicu_load_scalars(
                                bytes, Int64(n), $0, Int64(limit), mayBeCaptionOnly ? 1 : 0, Int64(maximumCaptionLength),
                                &kuten, &lastClose))
                }
                u.append(contentsOf: UnsafeBufferPointer(start: out, count: k))
            }
            return FirstSentence(limit: min(kuten < 0 ? u.count : Int(kuten), maximumCaptionLength), lastClose: Int(lastClose))
        }
    }

    /// ``cicu_load_scalars`` in Swift (the loop ``loadScalars(_:into:sawContent:maximumCaptionLength:inSwift:)``
    /// had): the reference a unit test compares the C loop with.
    static func decodeScalarsInSwift(
        _ p: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt32>, limit: Int, whole: Bool, maximumCaptionLength: Int,
        kuten: inout Int64, lastClose: inout Int64
    ) -> Int {
        let n = p.count
        var k = 0
        var i = 0
        while i < n {
            // The text is valid UTF-8 (a `String`): no checks of the continuation bytes.
            let b0 = p[i]
            let v: UInt32
            if b0 < 0x80 {
                v = UInt32(b0)
                i &+= 1
            } else if b0 < 0xE0 {
                v = UInt32(b0 & 0x1F) &<< 6 | UInt32(p[i &+ 1] & 0x3F)
                i &+= 2
            } else if b0 < 0xF0 {
                v = UInt32(b0 & 0x0F) &<< 12 | UInt32(p[i &+ 1] & 0x3F) &<< 6 | UInt32(p[i &+ 2] & 0x3F)
                i &+= 3
            } else {
                v = UTF8Scan.decode(p, i).scalar
                i &+= 4
            }
            out[k] = v
            if v == 0x3002 {  // 。
                if kuten < 0 { kuten = Int64(k) }
                if !whole { k &+= 1; break }
            } else if (v == 0x29 || v == 0xFF09) && kuten < 0 && k < maximumCaptionLength {
                lastClose = Int64(k)
            }
            k &+= 1
            if k >= limit { break }
        }
        return k
    }

    /// The bytes of `p` (well-formed UTF-8) without the leading and trailing white space that
    /// `trimmingSpaces` takes off: `Array(String(p).trimmingSpaces.utf8)` with no string made.
    static func spaceTrimmed(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let (s, e) = PlainTextReader.spaceTrimmedBounds(p)
        return UnsafeBufferPointer(rebasing: p[s..<e])
    }

    /// `text.unicodeScalars.count > n`, counted on the bytes (and not at all when the byte
    /// count decides).
    static func hasMoreScalars(_ text: String, than n: Int) -> Bool {
        let bytes = text.utf8.count
        if bytes <= n { return false }  // at most one scalar per byte
        if bytes > 4 * n { return true }  // at least one scalar per four bytes
        return text.withUTF8Bytes { UTF8Scan.scalarCount($0) } > n
    }

    /// The first `limit` scalars of `text` (all of them if fewer), decoded from its bytes
    /// (`Array(text.unicodeScalars.prefix(limit))` without the generic copy) by
    /// ``cicu_load_scalars`` straight into the array's storage: an append per scalar cost
    /// some 40 instructions each (callgrind: 357 K for the 217 lines ``listShape(_:)`` asks).
    static func firstScalars(_ text: String, _ limit: Int) -> [Unicode.Scalar] {
        text.withUTF8Bytes { p in
            guard let bytes = p.baseAddress, limit > 0 else { return [] }
            let capacity = min(limit, p.count)
            return [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { buffer, count in
                var kuten: Int64 = -1
                var close: Int64 = -1
                // Valid UTF-8 decodes to valid scalars; no stop at `。` (`whole`).
                count = buffer.baseAddress!.withMemoryRebound(to: UInt32.self, capacity: capacity) {
                    Int(cicu_load_scalars(bytes, Int64(p.count), $0, Int64(limit), 1, 0, &kuten, &close))
                }
            }
        }
    }

    /// UTF-8 length of the first `k` scalars of `u`.
    @inline(__always)
    static func utf8Offset(_ u: [Unicode.Scalar], _ k: Int) -> Int {
        utf8Offset(u[0..<k])
    }

    /// UTF-8 length of scalars: one byte each, and one more for each of the bounds 0x80,
    /// 0x800 and 0x1_0000 it reaches, summed over the slice's storage with no branch: `b &- v`
    /// has its top bit set when `v` is past `b` (a scalar is below 2^21). The chain of
    /// comparisons cost some 14 instructions a scalar (0.95 M on the 4 MB corpus, 66 K
    /// scalars), and so did comparisons written as 0 or 1 (the compiler made branches of
    /// them again). A unit test compares it with `String(String.UnicodeScalarView(s)).utf8.count`.
    static func utf8Offset(_ s: ArraySlice<Unicode.Scalar>) -> Int {
        s.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: UInt32.self) { w in
                var n = w.count
                for v in w {
                    n &+= Int(truncatingIfNeeded: (0x7F &- v) >> 31 &+ (0x7FF &- v) >> 31 &+ (0xFFFF &- v) >> 31)
                }
                return n
            }
        }
    }

    /// What the glued-caption scan asks of each scalar, as bits of one table entry over the
    /// Basic Multilingual Plane (scalars beyond it are worked out when met): one load per
    /// scalar instead of a chain of comparisons. A unit test checks every bit against its
    /// definition for every scalar.
    struct ScanFlags: Sendable {
        /// `(` or `（`.
        static let open: UInt8 = 1 << 0
        /// `)` or `）`.
        static let close: UInt8 = 1 << 1
        /// `、` or `,`.
        static let comma: UInt8 = 1 << 2
        /// White space once folded (``UTF8Scan/fold(_:)``, ``UTF8Scan/isSpace(_:)``).
        static let space: UInt8 = 1 << 3
        /// ``SplitCaptions/mayOpenSentence(_:)``: a digit or the first scalar of an opener.
        static let mayOpen: UInt8 = 1 << 4
        /// Kanji, katakana or a letter or digit (``JapaneseText/script(_:)``): what a caption
        /// ends in before an opener.
        static let nounEnd: UInt8 = 1 << 5
        /// `。` (the first one ends the scan).
        static let kuten: UInt8 = 1 << 6
        /// The last scalar of a date or position word (``SplitCaptions/dateOrPositionLastScalars``):
        /// a `)` after it may close a caption. Not an ``attention`` bit: read of the scalar
        /// before a closing parenthesis, where a search of the list cost forty instructions.
        static let dateEnd: UInt8 = 1 << 7
        /// What ``SplitCaptions/probe(_:sawContent:maximumCaptionLength:)`` stops at: anything
        /// but a scalar it only steps over.
        static let attention: UInt8 = open | close | comma | space | mayOpen | kuten

        /// The flags of each scalar of the Basic Multilingual Plane (read in place by
        /// ``ProbeTables``).
        let table: [UInt8]
        private let openerValues: [UInt32]
        private let dateEndValues: [UInt32]

        init(openers: [UInt32], dateEnds: [UInt32] = []) {
            openerValues = openers
            dateEndValues = dateEnds
            // Built by ranges: the definitions (``compute(_:openers:)``) once per scalar would
            // cost a few million instructions at start-up.
            var t = [UInt8](repeating: 0, count: 0x1_0000)
            for v in [0x28, 0xFF08] { t[v] |= Self.open }
            for v in [0x29, 0xFF09] { t[v] |= Self.close }
            for v in [0x3001, 0x2C] { t[v] |= Self.comma }
            for v in Array(0x30...0x39) + Array(0xFF10...0xFF19) { t[v] |= Self.mayOpen }
            for v in openers where v >= 0x3040 && v < 0x1_0000 { t[Int(v)] |= Self.mayOpen }
            // White space and kanji, katakana, letters and digits, after folding (a unit test
            // checks these ranges against `UTF8Scan.fold` and `JapaneseText.script`).
            for v in [0x09, 0x20, 0xA0, 0x202F, 0x3000] + Array(0x2000...0x200A) { t[v] |= Self.space }
            let nounEnds: [ClosedRange<Int>] = [
                0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3005...0x3006, 0x30A0...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xF900...0xFAFF, 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF66...0xFF9F,
            ]
            for r in nounEnds { for v in r { t[v] |= Self.nounEnd } }
            t[0x3002] |= Self.kuten
            for v in dateEnds where v < 0x1_0000 { t[Int(v)] |= Self.dateEnd }
            table = t
        }

        /// The flags of `v` from their definitions.
        static func compute(_ v: UInt32, openers: [UInt32], dateEnds: [UInt32] = []) -> UInt8 {
            var f: UInt8 = 0
            if v == 0x28 || v == 0xFF08 { f |= open }
            if v == 0x29 || v == 0xFF09 { f |= close }
            if v == 0x3001 || v == 0x2C { f |= comma }
            if UTF8Scan.isSpace(UTF8Scan.fold(v)) { f |= space }
            if (v >= 0x30 && v <= 0x39) || (v >= 0xFF10 && v <= 0xFF19) || (v >= 0x3040 && openers.contains(v)) { f |= mayOpen }
            let s = JapaneseText.script(v)
            if s == .kanji || s == .katakana || s == .alnum { f |= nounEnd }
            if v == 0x3002 { f |= kuten }
            if dateEnds.contains(v) { f |= dateEnd }
            return f
        }

        @inline(__always)
        func flags(_ v: UInt32) -> UInt8 {
            v < 0x1_0000 ? table.withUnsafeBufferPointer { $0[Int(v)] } : Self.compute(v, openers: openerValues, dateEnds: dateEndValues)
        }

        /// ``SplitCaptions/mayOpenSentence(_:)``.
        func mayOpenSentence(_ v: UInt32) -> Bool { flags(v) & Self.mayOpen != 0 }

        /// ``SplitCaptions/endsLikeACaption(last:)`` with a look-up for the script test
        /// (``nounEnd`` is that test: kanji, katakana, a letter or a digit).
        @inline(__always)
        func endsLikeACaption(last v: UInt32) -> Bool { v == 0x29 || v == 0xFF09 || flags(v) & Self.nounEnd != 0 }
    }

    static let scanFlags = ScanFlags(openers: openerFirstValues, dateEnds: dateOrPositionLastValues)

    /// ``JapaneseText/script(_:)``, looked up for a BMP scalar in ``scriptTable``: the
    /// function's chain of range tests, called once per scalar where a line of captions is cut
    /// in two (``splitTwo(_:_:)``), cost some 43 instructions a call (callgrind).
    @inline(__always)
    static func script(_ v: UInt32) -> JapaneseText.Script {
        v < 0x1_0000 ? scriptTable[Int(v)] : JapaneseText.script(v)
    }

    /// ``JapaneseText/script(_:)`` of every BMP scalar, built by ranges from its definition
    /// (a unit test compares every scalar): in memory of its own, made once and never freed
    /// (never written after it is built: shared by all threads).
    nonisolated(unsafe) static let scriptTable: UnsafePointer<JapaneseText.Script> = {
        let t = UnsafeMutablePointer<JapaneseText.Script>.allocate(capacity: 0x1_0000)
        t.initialize(repeating: .other, count: 0x1_0000)
        func set(_ r: ClosedRange<Int>, _ s: JapaneseText.Script) { for v in r { t[v] = s } }
        // The scalars as they are once folded (``UTF8Scan/fold(_:)``)...
        set(0x4E00...0x9FFF, .kanji)
        set(0x3400...0x4DBF, .kanji)
        set(0x3005...0x3006, .kanji)
        set(0xF900...0xFAFF, .kanji)
        set(0x30A0...0x30FF, .katakana)
        set(0xFF66...0xFF9F, .katakana)
        set(0x3041...0x309F, .hiragana)
        set(0x30...0x39, .alnum)
        set(0x41...0x5A, .alnum)
        set(0x61...0x7A, .alnum)
        for v in [0x28, 0x300C, 0x300E, 0x3010, 0x5B] { t[v] = .open }
        for v in [0x29, 0x300D, 0x300F, 0x3011, 0x5D] { t[v] = .close }
        t[0x20] = .space
        for v in [0x3001, 0x3002, 0x2C, 0x2E, 0xFF0C, 0x3A, 0x3B] { t[v] = .punctuation }
        // ...and those that fold: full-width ASCII to ASCII, the other spaces to U+0020.
        for v in 0xFF01...0xFF5E { t[v] = t[v - 0xFEE0] }
        for v in [0x3000, 0xA0, 0x09, 0x202F] + Array(0x2000...0x200A) { t[v] = .space }
        return UnsafePointer(t)
    }()

    // MARK: - A first look at the bytes

    /// The byte pre-check of ``captionBeforePersonLead(_:maximumCaptionLength:)``: up to the
    /// first parenthesis, no `、` or `。` (most lines stop there), and a space at most 15 bytes
    /// (five kanji or hiragana, the given name) before it. What the scalar checks also ask, so
    /// no line they take is left out.
    ///
    /// Read a character at a time (a three-byte one, most of a line, is one step: the bytes it
    /// looks for are leads, and a continuation byte is none of them), where a step a byte cost
    /// some 18 instructions a kana or kanji (0.37 M on the 4 MB corpus, 309 calls). A unit test
    /// compares it with the byte loop it was.
    static func spacedBeforeParenthesis(_ p: UnsafeBufferPointer<UInt8>, maximumCaptionLength: Int) -> Bool {
        let n = min(p.count, 4 * (maximumCaptionLength + 12))
        var afterSpace = -1
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b == 0x20 {
                    afterSpace = i + 1
                } else if b == 0x28 {
                    return afterSpace >= 0 && i - afterSpace <= 15
                }
                i &+= 1
            } else if b & 0xF0 == 0xE0 {
                // (The text is well-formed UTF-8: a three-byte lead has its two bytes after it.)
                if b == 0xE3 {
                    if p[i &+ 1] == 0x80 {
                        let c = p[i &+ 2]
                        if c == 0x80 {
                            afterSpace = i &+ 3
                        } else if c == 0x81 || c == 0x82 {
                            return false  // 、 。
                        }
                    }
                } else if b == 0xEF, p[i &+ 1] == 0xBC, p[i &+ 2] == 0x88 {
                    return afterSpace >= 0 && i - afterSpace <= 15
                }
                i &+= 3
            } else {
                i &+= b >= 0xF0 ? 4 : 2
            }
        }
        return false
    }

    /// What one pass over a line's first sentence, on its bytes, says before any scalar
    /// array is built. Most paragraphs are prose: no caption is glued before them, and this
    /// pass is all that is read of them.
    struct LineProbe: Equatable {
        /// The line may be made of captions only (content came before it and it ends like a
        /// caption: ``endsLikeACaption(last:)``), as ``loadScalars`` tells.
        var mayBeCaptionOnly: Bool
        /// Whether ``gluedCaptions(_:_:)`` may find a caption or
        /// ``captionBeforeLead(_:_:through:maximumCaptionLength:)`` a lead: false only when
        /// neither can (see ``probe(_:sawContent:maximumCaptionLength:)``).
        var mayGlue: Bool
        /// ``spacedBeforeParenthesis(_:maximumCaptionLength:)`` when the pass came to know it,
        /// else nil.
        var spaced: Bool?
    }

    /// The last scalars of the words a date or position parenthesis ends in, as values (a
    /// linear search: asked only at a closing parenthesis).
    static let dateOrPositionLastValues: [UInt32] = dateOrPositionLastScalars.map(\.value).sorted()

    /// Probes a line (see ``LineProbe``). A caption is cut from the first sentence only
    /// (up to the first `。`, at most `maximumCaptionLength` scalars), at one of two places:
    ///
    /// - after a closing parenthesis whose scalar before it ends a date or a position
    ///   (``closesDatePosition(_:_:)`` asks that first); a caption before a lead is cut only
    ///   there too;
    /// - before a digit or an opener's first scalar (``ScanFlags/mayOpen``) at depth 0, four
    ///   scalars or more in, after a kanji, kana or letter (spaces between allowed), not
    ///   inside a number or date (``splitsANumberOrDate(_:_:)``), and before any comma at
    ///   depth 0 (after one, only the first kind is left).
    ///
    /// So the pass reads scalars up to the first comma at depth 0 (the sentence's subject,
    /// mostly), then looks for `)`, `）` and `。` only. It runs in C (``cicu_caption_probe``,
    /// the Swift form ``probeInSwift(_:sawContent:maximumCaptionLength:flags:)`` written
    /// again): the scalars that need no attention (most of a Japanese line) are stepped over
    /// 32 bytes at a time and counted, the vector's mask kept for the stops in it (digits,
    /// parentheses, spaces, commas, `。`, the openers' first scalars: ``cicu_caption_stop``),
    /// where the Swift loop decoded and looked up every scalar and a call per stop cost more
    /// than the vectors saved. A line the C pass cannot decide (a four-byte scalar whose flags
    /// it would need) goes to the Swift form. `mayGlue` is
    /// true as soon as such a place is seen (the scalar checks then decide, as before);
    /// false means no split can happen. The person-lead pre-check is answered on the way
    /// when the pass reads that far.
    static func probe(_ p: UnsafeBufferPointer<UInt8>, sawContent: Bool, maximumCaptionLength: Int) -> LineProbe {
        probe(p, sawContent: sawContent, maximumCaptionLength: maximumCaptionLength, tables: probeTables)
    }

    /// ``probe(_:sawContent:maximumCaptionLength:)`` with ``probeTables`` passed in: the stage
    /// reads the global once a page (each read of it is a `swift_once` call, some 47
    /// instructions, 8,014 lines on the 4 MB corpus).
    static func probe(_ p: UnsafeBufferPointer<UInt8>, sawContent: Bool, maximumCaptionLength: Int, tables: ProbeTables) -> LineProbe {
        let n = p.count
        guard let base = p.baseAddress, n > 0 else { return LineProbe(mayBeCaptionOnly: false, mayGlue: false, spaced: false) }
        // ``ScanFlags/endsLikeACaption(last:)``, its table read through the pointer.
        let last = UTF8Scan.decodeBefore(p, n).scalar
        let mayBeCaptionOnly =
            sawContent
            && (last == 0x29 || last == 0xFF09
                || (last < 0x1_0000 ? tables.flags[Int(last)] : scanFlags.flags(last)) & ScanFlags.nounEnd != 0)
        let r = cicu_caption_probe(base, Int64(n), Int64(maximumCaptionLength), tables.flags, tables.pairs, Int64(tables.pairCount))
        if r & CICU_PROBE_UNDECIDED != 0 {
            return probeInSwift(p, sawContent: sawContent, maximumCaptionLength: maximumCaptionLength, flags: scanFlags)
        }
        return LineProbe(
            mayBeCaptionOnly: mayBeCaptionOnly, mayGlue: r & CICU_PROBE_GLUE != 0,
            spaced: r & CICU_PROBE_SPACED_KNOWN != 0 ? r & CICU_PROBE_SPACED != 0 : nil)
    }

    /// What ``cicu_caption_probe`` reads: ``scanFlags``' table and ``openerPairs`` (flat and
    /// sorted by their first scalar), in memory of their own made once and never freed, so
    /// that a call passes two pointers (no array retained, no closure per line).
    struct ProbeTables: @unchecked Sendable {
        let flags: UnsafePointer<UInt8>
        let pairs: UnsafePointer<UInt32>
        let pairCount: Int

        init(flags table: ScanFlags, pairs: [(UInt32, UInt32)]) {
            let f = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x1_0000)
            table.table.withUnsafeBufferPointer { f.initialize(from: $0.baseAddress!, count: 0x1_0000) }
            let q = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, 2 * pairs.count))
            // Sorted by their first scalar: the C walk stops past the scalar it asks about.
            for (k, (a, b)) in pairs.sorted(by: { $0.0 < $1.0 }).enumerated() {
                q[2 * k] = a
                q[2 * k + 1] = b
            }
            self.flags = UnsafePointer(f)
            self.pairs = UnsafePointer(q)
            pairCount = pairs.count
        }
    }

    static let probeTables = ProbeTables(flags: scanFlags, pairs: openerPairs)

    /// ``probe(_:sawContent:maximumCaptionLength:)`` in Swift, with ``scanFlags`` passed in
    /// (its ``ScanFlags/dateEnd`` bit stands for ``dateOrPositionLastValues``): what the C
    /// probe leaves undecided (a four-byte scalar whose flags it would need), and the
    /// reference a unit test compares it with. Scalars are decoded one by one, three-byte
    /// ones that need no attention in a tighter loop.
    static func probeInSwift(
        _ p: UnsafeBufferPointer<UInt8>, sawContent: Bool, maximumCaptionLength: Int, flags table: ScanFlags
    ) -> LineProbe {
        typealias F = ScanFlags
        let n = p.count
        let mayBeCaptionOnly = sawContent && n > 0 && table.endsLikeACaption(last: UTF8Scan.decodeBefore(p, n).scalar)
        var probe = LineProbe(mayBeCaptionOnly: mayBeCaptionOnly, mayGlue: true, spaced: nil)
        // The person-lead pre-check, scalar by scalar (its bytes are whole scalars).
        let spaceEnd = min(n, 4 * (maximumCaptionLength + 12))
        var afterSpace = -1
        var i = 0
        var k = 0
        var depth = 0
        var lastNonSpace = -1
        var lastIsNoun = false
        var prev: UInt32 = 0
        var prevFlags: UInt8 = 0  // the flags of `prev`
        var commaAtDepth0 = false
        while i < n {
            // The text is valid UTF-8 (a `String`): no checks of the continuation bytes.
            let b0 = p[i]
            let v: UInt32
            let length: Int
            if b0 < 0x80 {
                v = UInt32(b0)
                length = 1
            } else if b0 < 0xE0 {
                v = UInt32(b0 & 0x1F) &<< 6 | UInt32(p[i &+ 1] & 0x3F)
                length = 2
            } else if b0 < 0xF0 {
                v = UInt32(b0 & 0x0F) &<< 12 | UInt32(p[i &+ 1] & 0x3F) &<< 6 | UInt32(p[i &+ 2] & 0x3F)
                length = 3
            } else {
                v = UTF8Scan.decode(p, i).scalar
                length = 4
            }
            let d = (scalar: v, length: length)
            let f = table.flags(v)
            // No split at or after the scan limit (nor a closing parenthesis that counts).
            if k >= maximumCaptionLength {
                probe.mayGlue = false
                return probe
            }
            // Most scalars (kanji, kana, letters) are only stepped over.
            if f & F.attention == 0 {
                i &+= length
                k &+= 1
                // The three-byte ones that follow (most of a Japanese line) in a tighter loop:
                // decoded, looked up and stepped over; the count and the last one are worked
                // out after it. It stops where the loop above would do more than step: at
                // another kind of scalar, at one that needs attention, at the scan limit (the
                // bound: as many more scalars as the limit leaves; a lead before `n - 2` has
                // its two continuation bytes in the line).
                var last = (scalar: v, flags: f)
                let start = i
                let end = min(n &- 2, i &+ 3 &* max(0, maximumCaptionLength &- k))
                while i < end {
                    let c0 = p[i]
                    guard c0 & 0xF0 == 0xE0 else { break }
                    let w = UInt32(c0 & 0x0F) &<< 12 | UInt32(p[i &+ 1] & 0x3F) &<< 6 | UInt32(p[i &+ 2] & 0x3F)
                    guard table.flags(w) & F.attention == 0 else { break }
                    i &+= 3
                }
                if i > start {
                    k &+= (i &- start) / 3
                    let w = UInt32(p[i &- 3] & 0x0F) &<< 12 | UInt32(p[i &- 2] & 0x3F) &<< 6 | UInt32(p[i &- 1] & 0x3F)
                    last = (w, table.flags(w))
                }
                lastNonSpace = k &- 1
                lastIsNoun = last.flags & F.nounEnd != 0
                prev = last.scalar
                prevFlags = last.flags
                continue
            }
            if probe.spaced == nil {
                if i >= spaceEnd {
                    probe.spaced = false
                } else if v == 0x20 || v == 0x3000 {
                    afterSpace = i + d.length
                } else if v == 0x28 || v == 0xFF08 {
                    probe.spaced = afterSpace >= 0 && i - afterSpace <= 15
                } else if v == 0x3001 || v == 0x3002 {
                    probe.spaced = false
                }
            }
            if f & F.kuten != 0 {  // 。: the scan's limit
                probe.mayGlue = false
                return probe
            }
            if f & F.mayOpen != 0, k >= 4, depth == 0, lastNonSpace >= 3, lastIsNoun {
                // `…1|960年`, `4月|28日`: no cut inside a number or a date.
                let insideNumber =
                    lastNonSpace == k - 1 && UTF8Scan.isDigit(UTF8Scan.fold(v))
                    && (UTF8Scan.isDigit(UTF8Scan.fold(prev)) || prev == 0x5E74 || prev == 0x6708 || prev == 0x65E5 || prev == 0x7B2C)  // 年 月 日 第
                if !insideNumber && mayOpenSentence(p, at: i, first: v, length: d.length) { return probe }
            }
            if f & (F.open | F.close | F.comma) != 0 {
                if f & F.open != 0 { depth += 1 }
                if f & F.close != 0 {
                    depth = max(0, depth - 1)
                    if k > 0, prevFlags & F.dateEnd != 0 { return probe }
                }
                if f & F.comma != 0, depth == 0 {
                    // `は、` `が、` (the subject's particle before the first comma, in most
                    // sentences that have one): ``gluedCaptions(_:_:)`` stops there, and finds
                    // no caption before it (no place where one could end came before: the pass
                    // would have answered); ``captionBeforeLead(_:_:through:maximumCaptionLength:)``
                    // takes no caption that holds it (``isCaptionLike(_:)``), and no closing
                    // parenthesis before it qualified (the pass would have answered there too).
                    // So no search for a closing parenthesis after it: on the 4 MB corpus the
                    // search ran on 5,204 lines.
                    if v == 0x3001 && (prev == 0x306F || prev == 0x304C) {
                        probe.mayGlue = false
                        return probe
                    }
                    i += d.length
                    commaAtDepth0 = true
                    break
                }
            }
            if f & F.space == 0 {
                lastNonSpace = k
                lastIsNoun = f & F.nounEnd != 0
            }
            prev = v
            prevFlags = f
            i += d.length
            k += 1
        }
        if !commaAtDepth0 {
            // The line ended: the person-lead scan found nothing either.
            if probe.spaced == nil { probe.spaced = false }
            probe.mayGlue = false
            return probe
        }
        // A scalar at byte 4 × `maximumCaptionLength` or later is past the limit: the search
        // stops there (two bytes more, so that a `）` that starts before it is seen whole).
        let bound = min(n, 4 * maximumCaptionLength + 2)
        probe.mayGlue = i < bound && closesADateBeforeKuten(UnsafeBufferPointer(rebasing: p[..<bound]), from: i, flags: table)
        return probe
    }

    /// The first two scalars of each opener of ``JapaneseText/opensSentence(_:at:)`` (its
    /// words, and `また` before a kanji, katakana or `、`); a one-scalar word pairs with 0.
    static let openerPairs: [(UInt32, UInt32)] = {
        var pairs: [(UInt32, UInt32)] = [(0x307E, 0x305F)]  // また
        for w in JapaneseText.sentenceOpeners {
            let u = Array(w.unicodeScalars)
            pairs.append((u[0].value, u.count > 1 ? u[1].value : 0))
        }
        return pairs
    }()

    /// What ``JapaneseText/opensSentence(_:at:)`` needs of the scalar `first` at byte `at`
    /// (`length` bytes) and what follows it: an opener's first two scalars, or digits and then
    /// `年`, `月` or `日` (a date adverbial's first part). True when it may open a sentence.
    static func mayOpenSentence(_ p: UnsafeBufferPointer<UInt8>, at: Int, first: UInt32, length: Int) -> Bool {
        let n = p.count
        var j = at + length
        let second = j < n ? UTF8Scan.decode(p, j).scalar : 0xFFFF_FFFF
        for (a, b) in openerPairs where a == first && (b == 0 || b == second) { return true }
        guard UTF8Scan.isDigit(UTF8Scan.fold(first)) else { return false }
        while j < n {
            let d = UTF8Scan.decode(p, j)
            if UTF8Scan.isDigit(UTF8Scan.fold(d.scalar)) {
                j += d.length
                continue
            }
            return d.scalar == 0x5E74 || d.scalar == 0x6708 || d.scalar == 0x65E5  // 年 月 日
        }
        return false
    }

    /// Whether a `)` or `）` whose scalar before it ends a date or position word
    /// (``ScanFlags/dateEnd``) comes before the first `。` from `from` (a scalar boundary) on,
    /// the three found sixteen bytes at a time.
    static func closesADateBeforeKuten(_ p: UnsafeBufferPointer<UInt8>, from: Int, flags table: ScanFlags) -> Bool {
        var i = from
        while let k = UTF8Scan.firstOf(p, from: i, byte: 0x29, (0xEF, 0xBC, 0x89), (0xE3, 0x80, 0x82)) {
            if p[k] == 0xE3 { return false }  // 。
            if table.flags(UTF8Scan.decodeBefore(p, k).scalar) & ScanFlags.dateEnd != 0 { return true }
            i = k + 1
        }
        return false
    }
}
