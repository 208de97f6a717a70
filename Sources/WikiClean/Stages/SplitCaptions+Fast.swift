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
    static func loadScalars(_ text: String, into u: inout [Unicode.Scalar], sawContent: Bool, maximumCaptionLength: Int)
        -> (Bool, FirstSentence)
    {
        u.removeAll(keepingCapacity: true)
        return text.withUTF8Bytes { p -> (Bool, FirstSentence) in
            let n = p.count
            let mayBeCaptionOnly = sawContent && n > 0 && endsLikeACaption(last: UTF8Scan.decodeBefore(p, n).scalar)
            let limit = mayBeCaptionOnly ? Int.max : maximumCaptionLength + 1
            // Decoded into a scratch buffer (no capacity check per scalar), then appended at once.
            let capacity = min(n, limit)
            var kuten = -1
            var lastClose = -1
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: capacity) { buffer in
                guard let out = buffer.baseAddress, let bytes = p.baseAddress else { return }  // an empty line
                var k = 0
                var i = 0
                while i < n {
                    // The text is valid UTF-8 (a `String`): no checks of the continuation bytes.
                    let b0 = bytes[i]
                    let v: UInt32
                    if b0 < 0x80 {
                        v = UInt32(b0)
                        i &+= 1
                    } else if b0 < 0xE0 {
                        v = UInt32(b0 & 0x1F) &<< 6 | UInt32(bytes[i &+ 1] & 0x3F)
                        i &+= 2
                    } else if b0 < 0xF0 {
                        v = UInt32(b0 & 0x0F) &<< 12 | UInt32(bytes[i &+ 1] & 0x3F) &<< 6 | UInt32(bytes[i &+ 2] & 0x3F)
                        i &+= 3
                    } else {
                        v = UTF8Scan.decode(p, i).scalar
                        i &+= 4
                    }
                    // Valid UTF-8 decodes to a valid scalar.
                    (out + k).initialize(to: unsafeBitCast(v, to: Unicode.Scalar.self))
                    if v == 0x3002 {  // 。
                        if kuten < 0 { kuten = k }
                        if !mayBeCaptionOnly { k &+= 1; break }
                    } else if (v == 0x29 || v == 0xFF09) && kuten < 0 && k < maximumCaptionLength {
                        lastClose = k
                    }
                    k &+= 1
                    if k >= limit { break }
                }
                u.append(contentsOf: UnsafeBufferPointer(start: out, count: k))
            }
            let sentence = FirstSentence(limit: min(kuten < 0 ? u.count : kuten, maximumCaptionLength), lastClose: lastClose)
            return (mayBeCaptionOnly, sentence)
        }
    }

    /// UTF-8 length of the first `k` scalars of `u`.
    @inline(__always)
    static func utf8Offset(_ u: [Unicode.Scalar], _ k: Int) -> Int {
        utf8Offset(u[0..<k])
    }

    /// UTF-8 length of scalars.
    static func utf8Offset(_ s: ArraySlice<Unicode.Scalar>) -> Int {
        var n = 0
        for c in s {
            let v = c.value
            n += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x1_0000 ? 3 : 4
        }
        return n
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

        private let table: [UInt8]
        private let openerValues: [UInt32]

        init(openers: [UInt32]) {
            openerValues = openers
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
            table = t
        }

        /// The flags of `v` from their definitions.
        static func compute(_ v: UInt32, openers: [UInt32]) -> UInt8 {
            var f: UInt8 = 0
            if v == 0x28 || v == 0xFF08 { f |= open }
            if v == 0x29 || v == 0xFF09 { f |= close }
            if v == 0x3001 || v == 0x2C { f |= comma }
            if UTF8Scan.isSpace(UTF8Scan.fold(v)) { f |= space }
            if (v >= 0x30 && v <= 0x39) || (v >= 0xFF10 && v <= 0xFF19) || (v >= 0x3040 && openers.contains(v)) { f |= mayOpen }
            let s = JapaneseText.script(v)
            if s == .kanji || s == .katakana || s == .alnum { f |= nounEnd }
            return f
        }

        @inline(__always)
        func flags(_ v: UInt32) -> UInt8 {
            v < 0x1_0000 ? table.withUnsafeBufferPointer { $0[Int(v)] } : Self.compute(v, openers: openerValues)
        }

        /// ``SplitCaptions/mayOpenSentence(_:)``.
        func mayOpenSentence(_ v: UInt32) -> Bool { flags(v) & Self.mayOpen != 0 }
    }

    static let scanFlags = ScanFlags(openers: openerFirstValues)
}
