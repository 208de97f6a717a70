#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
internal import CICUShims

/// Byte-level pre-checks for ``SplitHeadings``: each one only answers "this check cannot
/// succeed on this line", so a line that passes goes through the same String-level check as
/// before and the output does not change. Most lines fail every pre-check after a look at
/// their first and last scalars and one word-at-a-time scan for `[`/`［`.
extension SplitHeadings {
    /// What one pass over a line's bytes says about which checks can succeed.
    struct LineShape {
        /// ``isLoneMarker(_:)`` may hold: once trimmed, the line is at most 12 bytes (`編集`,
        /// `編集する` and every string canonically equal to them have two or four scalars) or
        /// opens with `[`/`［` or `【`.
        var mayBeLoneMarker = false
        /// ``markupHeading(_:)`` may find a heading: the line starts with `=` or `#` (or `＝`, `＃`).
        var mayBeMarkup = false
        /// The line ends with ` 編集` or `　編集` (the mobile form).
        var hasMobileSuffix = false
        /// The line holds a `[`, `［` or `【` (where an edit marker or Fandom `[]` starts).
        var hasBracket: Bool { firstBracket >= 0 }
        /// The offset of the first `[`, `［` or `【` (-1 if none): where the marker scan of
        /// ``SplitHeadings/splitGlued(_:gluedEmptyBrackets:from:)`` starts, not asked again.
        var firstBracket = -1
        /// The trimmed line ends with `Edit` (PukiWiki's paragraph-edit link, ``HeadingAnchors/paraeditHeading(_:maximumHeadingLength:pageWide:)``).
        var mayEndInEdit = false
        /// ``bareHeading(_:)`` may find a word (see ``BareHeadingFilter``).
        var mayBeBareHeading = false
        /// ``DetectArticleBoundaries/endsTruncated(_:)`` may hold: the last scalar before the
        /// trailing spaces is a dot (`.`, `．`), `…`, `‥` or a middle dot (`・`, `･`).
        var mayBeTruncated = false
        /// The line's first `†` (E2 80 A0) is not its first byte: what
        /// ``HeadingAnchors/daggerHeading(_:maximumHeadingLength:)`` looks for first (and, not
        /// finding it, answers nil). Read here on the bytes already in hand, so that most lines
        /// make no call with a closure, and no second `String` access, to be turned down.
        var mayHoldDagger = false

        /// No check of ``SplitHeadings/split(_:context:)`` can change the line (not another
        /// page's preview either): with no glued mobile headings on the page and no Markdown
        /// heading hint on the block, it goes on as it is.
        var failsEveryCheck: Bool {
            !(mayBeTruncated || mayEndInEdit || mayHoldDagger || mayBeLoneMarker || mayBeMarkup || hasMobileSuffix || hasBracket
                || mayBeBareHeading)
        }

        // The filter holds no reference (``BareHeadingFilter/firstScalars`` is a plain
        // pointer): passing it retains nothing. (Borrowed while it held an array, the array was
        // still retained twice and released for each line.) The text is borrowed too (an
        // initializer's arguments are owned by default: the caller retained it).
        @inline(__always)
        init(_ text: borrowing String, bareFilter: BareHeadingFilter?) {
            self = text.withUTF8Bytes { p in LineShape(utf8: p, bareFilter: bareFilter) }
        }

        init(utf8 p: UnsafeBufferPointer<UInt8>, bareFilter: BareHeadingFilter?) {
            let n = p.count
            guard n > 0 else {
                mayBeLoneMarker = true
                mayBeBareHeading = bareFilter == nil
                return
            }
            // The trimmed line, as `trimmingSpaces` finds it. Most lines open with a byte that
            // leads no space (20, 09, C2 A0, E2 80 xx, E3 80 80) and no full-width form (EF,
            // which folds), and end in an ASCII character other than a space or in `。`: their
            // ends are read on the bytes, with no scalar decoded and folded (some 55
            // instructions a line, 7,751 lines on the 4 MB corpus). So do the lines that open
            // with a kana or kanji of E3 but `　` and `【` (E3 80 xx): half of those lines.
            var s = 0
            let opensLikeMarker: Bool
            let b0 = p[0]
            // (A string is well-formed UTF-8: E3 has its two bytes after it.)
            if b0 != 0x20 && b0 != 0x09 && b0 != 0xC2 && b0 != 0xE2 && b0 != 0xEF && (b0 != 0xE3 || p[1] != 0x80) {
                // The first scalar is itself once folded: `[` (5B) or `【` (E3 80 90) only if it
                // is that byte.
                opensLikeMarker = b0 == 0x5B
            } else {
                var first: UInt32 = 0
                while s < n {
                    let d = UTF8Scan.decode(p, s)
                    first = UTF8Scan.fold(d.scalar)
                    guard UTF8Scan.isSpace(first) else { break }
                    s += d.length
                }
                opensLikeMarker = first == 0x5B || first == 0x3010
            }
            var e = n
            let last = p[n - 1]
            if last < 0x80 && last != 0x20 && last != 0x09 {
                // Not a space, so `s < n`: the last scalar, folded (itself), is the one below.
                mayBeTruncated = last == 0x2E
            } else if last == 0x82 && n >= 3 && p[n - 2] == 0x80 && p[n - 3] == 0xE3 {
                mayBeTruncated = false  // `。`
            } else {
                while e > s {
                    let d = UTF8Scan.decodeBefore(p, e)
                    let c = UTF8Scan.fold(d.scalar)
                    guard UTF8Scan.isSpace(c) else {
                        mayBeTruncated = c == 0x2E || d.scalar == 0x2026 || d.scalar == 0x2025 || StripSiteChrome.isNakaguro(c)
                        break
                    }
                    e -= d.length
                }
            }
            mayBeLoneMarker = e - s <= 12 || opensLikeMarker
            mayEndInEdit = e - s >= 5 && p[e - 4] == 0x45 && p[e - 3] == 0x64 && p[e - 2] == 0x69 && p[e - 1] == 0x74  // Edit
            // = #, or their full-width forms ＝ ＃ (EF BC 9D, EF BC 83) as typed with an IME on.
            mayBeMarkup = p[0] == 0x3D || p[0] == 0x23 || (p[0] == 0xEF && n >= 3 && p[1] == 0xBC && (p[2] == 0x9D || p[2] == 0x83))
            hasMobileSuffix = Self.hasMobileSuffix(p)
            // The first bracket and the first `†` in one pass (``cicu_line_marks``), where a
            // search for each read the line twice: `cicu_find_bracket` stopped at every `BB` and
            // `90` (continuation bytes of many characters) and a `memchr` for E2 then went
            // through the line again (2.8 M instructions for both on the 4 MB corpus's lines).
            var bracket: Int64 = -1
            var dagger: Int64 = -1
            cicu_line_marks(p.baseAddress!, Int64(n), &bracket, &dagger)
            firstBracket = Int(bracket)
            mayBeBareHeading = bareFilter?.mayMatch(p) ?? true
            mayHoldDagger = dagger > 0
        }

        /// The offset of the first `†` (E2 80 A0) in the bytes, as `UTF8Scan.find` finds it
        /// (a `memchr` for E2, which leads only general punctuation, rare in Japanese text): the
        /// reference a unit test compares ``cicu_line_marks`` with.
        @inline(__always)
        static func firstDagger(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
            let n = p.count
            guard n >= 3, let base = p.baseAddress else { return nil }
            var i = 0
            while i <= n - 3, let hit = memchr(base + i, 0xE2, n - 2 - i) {
                let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if base[k + 1] == 0x80 && base[k + 2] == 0xA0 { return k }
                i = k + 1
            }
            return nil
        }

        /// Whether the bytes end with ` 編集` (20 E7 B7 A8 E9 9B 86) or `　編集` (E3 80 80 E7 B7
        /// A8 E9 9B 86), as `hasSuffixBytes` compares them.
        @inline(__always)
        static func hasMobileSuffix(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            let n = p.count
            guard n >= 7, p[n - 6] == 0xE7, p[n - 5] == 0xB7, p[n - 4] == 0xA8, p[n - 3] == 0xE9, p[n - 2] == 0x9B, p[n - 1] == 0x86
            else { return false }
            if p[n - 7] == 0x20 { return true }
            return n >= 9 && p[n - 9] == 0xE3 && p[n - 8] == 0x80 && p[n - 7] == 0x80
        }

        /// Whether the bytes hold `[` (5B) or `［` (EF BC BB).
        @inline(__always)
        static func containsBracket(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            nextBracket(p, from: 0) != nil
        }

        /// The first offset `i >= from` where `p[i]` is `[`, `［` or `【` starts (the test of
        /// the marker scan: `p[i] == 5B`, `EF BC BB` or `E3 80 90` at `i`), found by
        /// `cicu_find_bracket`: one pass for `[` and the last bytes `BB` and `90`, 32 bytes at a
        /// time, checking the two bytes before each `BB` or `90` (one continuation byte in 64
        /// is either). Half the instructions of a `memchr` for `[` and then one for each last
        /// byte (which stopped at every other character's `BB` or `90`).
        static func nextBracket(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
            let n = p.count
            guard from < n, let base = p.baseAddress else { return nil }
            let at = cicu_find_bracket(base, Int64(from), Int64(n))
            return at >= 0 ? Int(at) : nil
        }
    }

    /// A pre-check for ``bareHeading(_:)`` with the default words: `text.hasPrefix(word)`
    /// compares characters up to canonical equivalence, so the text's first character must
    /// be one scalar canonically equal to the word's first scalar. For the default words
    /// (ideographs and kana without decompositions) that is the scalar itself or a CJK
    /// compatibility ideograph (a unit test checks every scalar). The quote (`『「【`) must
    /// follow the word, which takes at most 4 scalars of 4 bytes per scalar of the word
    /// (the NFD expansion bound), so it starts within the first `16 × length` bytes.
    struct BareHeadingFilter: @unchecked Sendable {
        /// The words' first scalars, in memory of their own made once and never freed (a
        /// filter is made once, for the default words; never written after): a plain pointer,
        /// where an array was retained twice and released for every line the filter was
        /// passed with (``LineShape``).
        let firstScalars: UnsafePointer<UInt32>
        /// How many ``firstScalars`` there are.
        let count: Int
        /// One bit per first scalar, at its value's low twelve bits (4,096 bits, made once and
        /// never freed, as ``firstScalars``): a scalar whose bit is clear is none of them, found
        /// without a walk through the list (most lines' first scalar). With 64 bits (the low
        /// six) a fifth of the lines passed and walked the list (0.21 M instructions on the
        /// 4 MB corpus).
        let firstScalarBits: UnsafePointer<UInt64>
        let window: Int

        init(words: [String]) {
            let firsts = words.compactMap { $0.unicodeScalars.first?.value }
            let storage = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, firsts.count))
            storage.initialize(from: firsts, count: firsts.count)
            firstScalars = UnsafePointer(storage)
            count = firsts.count
            let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
            bits.initialize(repeating: 0, count: 64)
            for f in firsts { bits[Int(f & 4095) >> 6] |= 1 << UInt64(f & 63) }
            firstScalarBits = UnsafePointer(bits)
            window = 16 * (words.map { $0.unicodeScalars.count }.max() ?? 0) + 4
        }

        /// A CJK compatibility ideograph: one scalar that reads as another.
        @inline(__always)
        static func isCompatibilityIdeograph(_ scalar: UInt32) -> Bool {
            (scalar >= 0xF900 && scalar <= 0xFAFF) || (scalar >= 0x2F800 && scalar <= 0x2FA1F)
        }

        /// Whether a line can start with `scalar` when one of the words opens it.
        @inline(__always)
        func mayStart(with scalar: UInt32) -> Bool {
            if Self.isCompatibilityIdeograph(scalar) { return true }
            guard firstScalarBits[Int(scalar & 4095) >> 6] & (1 << UInt64(scalar & 63)) != 0 else { return false }
            for k in 0..<count where firstScalars[k] == scalar { return true }
            return false
        }

        func mayMatch(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            let n = p.count
            guard n > 0, mayStart(with: UTF8Scan.decode(p, 0).scalar) else { return false }
            // `『` E3 80 8E, `「` E3 80 8C, `【` E3 80 90.
            var j = 0
            let last = min(n - 3, window)
            while j <= last {
                if p[j] == 0xE3 && p[j + 1] == 0x80 {
                    let c = p[j + 2]
                    if c == 0x8E || c == 0x8C || c == 0x90 { return true }
                }
                j += 1
            }
            return false
        }
    }

    /// What ``split(_:context:)`` asks of a whole page before its lines, read in one pass
    /// over the blocks (three passes asked the first three, each a `String` access per line):
    /// the answers of the shared functions named below, the cheap byte tests first.
    struct PageMarks {
        /// ``HeadingAnchors/pageHasEmptyBracketHeadings(_:)``.
        var emptyBracketHeadings = false
        /// ``HeadingAnchors/pageHasMobileHeadings(_:maximumHeadingLength:)``.
        var mobileHeadings = false
        /// ``HeadingAnchors/pageHasParaeditHeadings(_:maximumHeadingLength:)``.
        var paraeditHeadings = false
        /// A paragraph opens, after its spaces, with an edit link (``EditMarkers``) that text
        /// follows: only such a line splits into the marker and the text after it (what
        /// ``SplitHeadings/leadingMarker(_:)`` reads), so only on such a page is
        /// `editLinksLeadHeadings` asked.
        var opensWithEditLink = false

        // The page is borrowed (an initializer's arguments are owned by default: the array
        // would be retained and released).
        init(_ blocks: borrowing [Block], maximumHeadingLength: Int) {
            var paraedit = 0
            for i in blocks.indices {
                switch blocks[i].role {
                case .chrome:
                    guard !mobileHeadings || !emptyBracketHeadings, let rule = blocks[i].rule else { continue }
                    // `fandom.` or `wikipedia.mobile-`, on the bytes (their first byte first).
                    let (fandom, mobile) = rule.withUTF8Bytes { p -> (Bool, Bool) in
                        guard let first = p.first, first == 0x66 || first == 0x77 else { return (false, false) }
                        return (Self.hasPrefix(p, "fandom."), Self.hasPrefix(p, "wikipedia.mobile-"))
                    }
                    if fandom { emptyBracketHeadings = true }
                    if fandom || mobile { mobileHeadings = true }
                case .paragraph:
                    let ends = blocks[i].text.withUTF8Bytes { p in Ends(p) }
                    if ends.isEmpty { continue }
                    if !emptyBracketHeadings, ends.mayEndEmptyBracket, HeadingAnchors.isEmptyBracketHeadingLine(blocks[i].text) {
                        emptyBracketHeadings = true
                    }
                    if !mobileHeadings, ends.hasMobileSuffix,
                        HeadingAnchors.isMobileHeadingLine(blocks[i].text, maximumHeadingLength: maximumHeadingLength)
                    {
                        mobileHeadings = true
                    }
                    if paraedit < 2, ends.endsInEdit,
                        HeadingAnchors.paraeditHeading(blocks[i].text, maximumHeadingLength: maximumHeadingLength, pageWide: true) != nil
                    {
                        paraedit += 1
                    }
                    if !opensWithEditLink, ends.mayOpenWithBracket, blocks[i].text.withUTF8Bytes(Self.opensWithEditLink) {
                        opensWithEditLink = true
                    }
                default: continue
                }
            }
            paraeditHeadings = paraedit >= 2
        }

        /// The byte tests on a line's ends, the shared functions' cheap tests first.
        struct Ends {
            var isEmpty = true
            /// ``HeadingAnchors/mayEndEmptyBracketHeading(last:)``.
            var mayEndEmptyBracket = false
            /// ` 編集` or `　編集` at the end (``LineShape/hasMobileSuffix(_:)``).
            var hasMobileSuffix = false
            /// `Edit` at the end (what `pageHasParaeditHeadings` asks first).
            var endsInEdit = false
            /// The first byte is `[` or one that may start `［`, `【` or a space.
            var mayOpenWithBracket = false

            @inline(__always)
            init(_ p: UnsafeBufferPointer<UInt8>) {
                let n = p.count
                guard n > 0 else { return }
                isEmpty = false
                let last = p[n - 1]
                mayEndEmptyBracket = HeadingAnchors.mayEndEmptyBracketHeading(last: last)
                hasMobileSuffix = last == 0x86 && LineShape.hasMobileSuffix(p)
                endsInEdit = last == 0x74 && n >= 4 && p[n - 4] == 0x45 && p[n - 3] == 0x64 && p[n - 2] == 0x69  // Edit
                // `[`, `［` (EF BC BB), `【` (E3 80 90), or a space (20, 09, C2 A0, E2 80 xx, E3 80 80).
                switch p[0] {
                case 0x5B, 0x20, 0x09, 0xC2, 0xE2: mayOpenWithBracket = true
                case 0xE3: mayOpenWithBracket = n >= 3 && p[1] == 0x80 && (p[2] == 0x90 || p[2] == 0x80)
                case 0xEF: mayOpenWithBracket = n >= 3 && p[1] == 0xBC && p[2] == 0xBB
                default: break
                }
            }
        }

        /// Whether the bytes start with `prefix`'s.
        @inline(__always)
        static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
            let n = prefix.utf8CodeUnitCount
            return p.count >= n && memcmp(p.baseAddress!, prefix.utf8Start, n) == 0
        }

        /// Whether the line opens, after its spaces, with an edit link (as ``splitGlued`` finds
        /// one: ``EditMarkers/match(_:at:end:)`` or ``EditMarkers/truncatedMatch(_:at:end:)``
        /// at a `[`, `［` or `【`) with something other than spaces after it.
        static func opensWithEditLink(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            let n = p.count
            guard n > 0 else { return false }
            let s = StripSiteChrome.startsWithSpace(p) ? StripSiteChrome.trimmedBoundsByScalars(p).0 : 0
            guard s < n else { return false }
            // `[` (5B), `［` (EF BC BB) or `【` (E3 80 90): where the marker scan looks for one.
            let b = p[s]
            let bracket = b == 0x5B
                || (s + 2 < n && ((b == 0xEF && p[s + 1] == 0xBC && p[s + 2] == 0xBB) || (b == 0xE3 && p[s + 1] == 0x80 && p[s + 2] == 0x90)))
            guard bracket, let end = EditMarkers.match(p, at: s, end: n) ?? EditMarkers.truncatedMatch(p, at: s, end: n) else { return false }
            var j = end
            while j < n {
                let d = UTF8Scan.decode(p, j)
                if !UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) { return true }
                j += d.length
            }
            return false
        }
    }

    /// Whether `p[a..<b]` holds `)` (29) or `）` (EF BC 89).
    @inline(__always)
    static func holdsCloseParenthesis(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        var i = a
        while i < b {
            let c = p[i]
            if c == 0x29 || (c == 0xEF && i + 2 < b && p[i + 1] == 0xBC && p[i + 2] == 0x89) { return true }
            i += 1
        }
        return false
    }

    static let defaultBareHeadingFilter = BareHeadingFilter(words: defaultBareHeadingWords)

    /// The pre-check for `words`, or nil (no pre-check) for words other than the defaults.
    static func bareHeadingFilter(for words: [String]) -> BareHeadingFilter? {
        words == defaultBareHeadingWords ? defaultBareHeadingFilter : nil
    }

    /// `text.unicodeScalars.count > n`, without counting a long text to its end.
    static func hasMoreScalars(_ text: String, than n: Int) -> Bool {
        let bytes = text.utf8.count
        if bytes <= n { return false }  // at most one scalar per byte
        if (bytes + 3) / 4 > n { return true }  // at least one scalar per four bytes
        return text.unicodeScalars.count > n
    }
}

extension String {
    /// The text between two UTF-8 offsets on scalar boundaries, copied as it is: the bytes
    /// come from a valid string, so unlike `String(decoding:as:)` nothing is validated again.
    func scalarAlignedSlice(_ from: Int, _ to: Int) -> String {
        withUTF8Bytes { UTF8Validation.knownValidString(UnsafeBufferPointer(rebasing: $0[from..<to])) }
    }
}
