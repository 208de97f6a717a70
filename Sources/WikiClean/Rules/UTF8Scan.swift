internal import CICUShims

/// Byte-level helpers over UTF-8 text. Hot paths use these instead of `Character`.
enum UTF8Scan {
    /// Decodes the scalar starting at `i` (input is valid UTF-8). Returns the scalar value
    /// and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = p[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xE0 { return (UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return (UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        return (
            UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F), 4
        )
    }

    /// Appends the UTF-8 form of scalar `c` (a valid scalar value) to `out`.
    @inline(__always)
    static func appendUTF8(_ c: UInt32, to out: inout [UInt8]) {
        // Byte by byte: an array literal per scalar cost an allocation each.
        if c < 0x80 {
            out.append(UInt8(c))
        } else if c < 0x800 {
            out.append(UInt8(0xC0 | c >> 6))
            out.append(UInt8(0x80 | c & 0x3F))
        } else if c < 0x1_0000 {
            out.append(UInt8(0xE0 | c >> 12))
            out.append(UInt8(0x80 | c >> 6 & 0x3F))
            out.append(UInt8(0x80 | c & 0x3F))
        } else {
            out.append(UInt8(0xF0 | c >> 18))
            out.append(UInt8(0x80 | c >> 12 & 0x3F))
            out.append(UInt8(0x80 | c >> 6 & 0x3F))
            out.append(UInt8(0x80 | c & 0x3F))
        }
    }

    /// Decodes the scalar that ends just before byte `end`. ASCII and three-byte characters
    /// (nearly every one in Japanese text) are read in place; others walk back to their lead
    /// byte and decode forward (some 38 instructions a character, which split-headings'
    /// backward walks paid for every character).
    @inline(__always)
    static func decodeBefore(_ p: UnsafeBufferPointer<UInt8>, _ end: Int) -> (scalar: UInt32, length: Int) {
        let last = p[end - 1]
        if last < 0x80 { return (UInt32(last), 1) }
        if end >= 3, p[end - 3] & 0xF0 == 0xE0, p[end - 2] & 0xC0 == 0x80 {
            return (UInt32(p[end - 3] & 0x0F) << 12 | UInt32(p[end - 2] & 0x3F) << 6 | UInt32(last & 0x3F), 3)
        }
        var s = end - 1
        while s > 0 && p[s] & 0xC0 == 0x80 { s -= 1 }
        let d = decode(p, s)
        return (d.scalar, end - s)
    }

    /// Folds the width variants that matching must treat alike: full-width ASCII
    /// (U+FF01–FF5E) to ASCII, the ideographic space and other spaces to U+0020.
    @inline(__always)
    static func fold(_ c: UInt32) -> UInt32 {
        if c >= 0xFF01 && c <= 0xFF5E { return c - 0xFEE0 }
        if c == 0x3000 || c == 0x00A0 || c == 0x09 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F { return 0x20 }
        return c
    }

    /// Whether a (folded) scalar is white space inside a line.
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool { c == 0x20 }

    /// ASCII or full-width digit.
    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { (c >= 0x30 && c <= 0x39) }

    static func isHiragana(_ c: UInt32) -> Bool { c >= 0x3041 && c <= 0x309F }
    static func isKatakana(_ c: UInt32) -> Bool { (c >= 0x30A0 && c <= 0x30FF) || (c >= 0xFF66 && c <= 0xFF9F) }
    static func isKanji(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005 || c == 0x3006 || (c >= 0xF900 && c <= 0xFAFF)
            || (c >= 0x20000 && c <= 0x2FFFF)
    }
    /// Japanese character in the sense of the gold notes: CJK punctuation, kana, ideographs,
    /// full-width forms.
    static func isJapanese(_ c: UInt32) -> Bool {
        (c >= 0x3001 && c <= 0x303F) || (c >= 0x3040 && c <= 0x30FF) || isKanji(c) || (c >= 0xFF00 && c <= 0xFFEF)
    }
    static func isLatinLetter(_ c: UInt32) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
}

extension String {
    /// Runs `body` over the string's UTF-8 bytes without copying when the string is native.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return try copy.withUTF8(body)
    }

    /// The substring between two UTF-8 byte offsets.
    func utf8Slice(_ from: Int, _ to: Int) -> String {
        withUTF8Bytes { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }
}

extension UTF8Scan {
    /// Number of Unicode scalars in valid UTF-8: one per byte that does not continue a
    /// sequence. Counted by ``cicu_scalar_count`` (C): 32 bytes at a time with AVX2 (a compare,
    /// a mask and `popcnt`), the last ones in the vector of the last 32. In Swift a word of
    /// eight bytes at a time (its lanes summed with a multiply, `nonzeroBitCount` being a
    /// software popcount on the baseline x86-64 target) took ~12 instructions a word and the
    /// last 1 to 7 bytes one by one: ~140 instructions a call over the 14,000 calls on cc4,
    /// most of them short (the lead parser's titles and parentheses, removed text's tallies).
    @inline(__always)
    static func scalarCount(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = p.baseAddress, p.count > 0 else { return 0 }
        return Int(cicu_scalar_count(base, Int64(p.count)))
    }

    /// ``scalarCount(_:)`` with the loop of `level` at most (2: AVX2, 1: words of eight bytes,
    /// 0: bytes): for tests.
    static func scalarCount(_ p: UnsafeBufferPointer<UInt8>, level: Int32) -> Int {
        guard let base = p.baseAddress, p.count > 0 else { return 0 }
        return Int(cicu_scalar_count_at_level(base, Int64(p.count), level))
    }

    /// Byte offset of the first occurrence of `needle` in `p` at or after `from`.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        let n = needle.count
        guard n > 0, p.count - from >= n else { return nil }
        let first = needle[0]
        var i = from
        let last = p.count - n
        while i <= last {
            guard let hit = memchr(p.baseAddress! + i, Int32(first), last - i + 1) else { return nil }
            let at = p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(p.baseAddress! + at, needle.baseAddress!, n) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}

extension String {
    /// Whether the UTF-8 of `needle` occurs in the string (a byte search, no Unicode
    /// equivalence: both sides are taken as they are encoded).
    func containsBytes(_ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        return withUTF8Bytes { p in
            guard n > 0, p.count >= n else { return n == 0 }
            return UTF8Scan.find(UnsafeBufferPointer(start: needle.utf8Start, count: n), in: p) != nil
        }
    }

    /// Whether the string contains `。`.
    var containsKuten: Bool { containsBytes("。") }

    /// Whether the string starts with the UTF-8 of `prefix` (byte comparison).
    func hasPrefixBytes(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        return withUTF8Bytes { p in
            p.count >= n && memcmp(p.baseAddress!, prefix.utf8Start, n) == 0
        }
    }

    /// Whether the string holds `byte` at least `count` times (a `memchr` per occurrence).
    func containsByte(_ byte: UInt8, atLeast count: Int) -> Bool {
        withUTF8Bytes { p in
            guard var at = p.baseAddress else { return count <= 0 }
            let end = at + p.count
            var found = 0
            while found < count, at < end, let hit = memchr(at, Int32(byte), end - at) {
                found += 1
                at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return found >= count
        }
    }

    /// Whether the string ends with the UTF-8 of `suffix` (byte comparison).
    func hasSuffixBytes(_ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        return withUTF8Bytes { p in
            p.count >= n && memcmp(p.baseAddress! + (p.count - n), suffix.utf8Start, n) == 0
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Folding for chrome matching

extension UTF8Scan {
    /// How one scalar reads when chrome is matched: skipped (white space, zero-width
    /// characters), replaced by one or two scalars, or itself. Full-width ASCII becomes
    /// ASCII, half-width katakana full-width, kana with (semi-)voiced marks are decomposed
    /// (`ガ` and `ｶﾞ` both read `カ` + U+3099), hyphen variants read `-`, and the lines that
    /// stand in for the long vowel mark (`―` `—` `─` `━`, as normalize's long-vowel rule
    /// reads them) read `ー`. So a phrase matches whatever the width, the voicing form, or
    /// white space a scraper put inside it, and `フリー百科事典` is found in `フリ―百科事典`.
    struct MatchFold {
        /// 0: the scalar is skipped.
        var first: UInt32
        /// 0: none.
        var second: UInt32
    }

    /// Folded forms of the Basic Multilingual Plane, packed: 0 = itself, else
    /// `first | second << 32`, with `1 << 63` for white space. Only built once, to cut the
    /// small per-block tables below from it.
    private static func buildMatchTable() -> [UInt64] {
        var table = [UInt64](repeating: 0, count: 0x10000)
        let skip: UInt64 = 1 << 63
        for c: UInt32 in [0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x3000, 0x202F, 0x205F, 0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD] {
            table[Int(c)] = skip
        }
        for c: UInt32 in 0x2000...0x200A { table[Int(c)] = skip }
        for c: UInt32 in 0xFF01...0xFF5E { table[Int(c)] = UInt64(c - 0xFEE0) }
        for c: UInt32 in [0x2010, 0x2011, 0x2012, 0x2013, 0x2043, 0x2212, 0xFE63] { table[Int(c)] = 0x2D }
        // Not `-`: a title bar's ` - ` must not match every katakana word's `ー`.
        for c: UInt32 in [0x2014, 0x2015, 0x2500, 0x2501] { table[Int(c)] = 0x30FC }
        // Half-width forms: the compatibility mapping of each (one scalar each).
        let halfwidth: [UInt32: UInt32] = [
            0xFF61: 0x3002, 0xFF62: 0x300C, 0xFF63: 0x300D, 0xFF64: 0x3001, 0xFF65: 0x30FB, 0xFF70: 0x30FC,
            0xFF9E: 0x3099, 0xFF9F: 0x309A,
        ]
        for (k, v) in halfwidth { table[Int(k)] = UInt64(v) }
        // ｦ ｧ ｨ ｩ ｪ ｫ ｬ ｭ ｮ ｯ, then ｱ … ﾝ: full-width counterparts.
        let small: [UInt32] = [0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3]
        for (k, v) in small.enumerated() { table[0xFF66 + k] = UInt64(v) }
        let full: [UInt32] = [
            0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB,
            0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5,
            0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC,
            0x30ED, 0x30EF, 0x30F3,
        ]
        for (k, v) in full.enumerated() { table[0xFF71 + k] = UInt64(v) }
        // Spacing voiced marks read as the combining ones.
        table[0x309B] = 0x3099
        table[0x309C] = 0x309A
        // Voiced and semi-voiced kana decompose to base + mark (the code point layout of
        // the kana blocks: voiced forms follow their base).
        func voiced(_ c: UInt32, base: UInt32, mark: UInt32) { table[Int(c)] = UInt64(base) | UInt64(mark) << 32 }
        for block: UInt32 in [0x3040, 0x30A0] {
            // か…ぢ (even offsets voiced after odd bases), つ/づ, て/で, と/ど.
            for base in stride(from: block + 0x0B, through: block + 0x21, by: 2) { voiced(base + 1, base: base, mark: 0x3099) }
            for base: UInt32 in [block + 0x24, block + 0x26, block + 0x28] { voiced(base + 1, base: base, mark: 0x3099) }
            for base in stride(from: block + 0x2F, through: block + 0x3B, by: 3) {
                voiced(base + 1, base: base, mark: 0x3099)
                voiced(base + 2, base: base, mark: 0x309A)
            }
        }
        voiced(0x3094, base: 0x3046, mark: 0x3099)  // ゔ
        voiced(0x30F4, base: 0x30A6, mark: 0x3099)  // ヴ
        voiced(0x30F7, base: 0x30EF, mark: 0x3099)  // ヷ
        voiced(0x30FA, base: 0x30F2, mark: 0x3099)  // ヺ
        return table
    }

    /// The only blocks where a scalar reads as something else (small, cache-friendly), as
    /// raw pointers allocated once for the process: no reference counting on the hot path.
    private struct FoldBlocks: @unchecked Sendable {
        let latin1: UnsafePointer<UInt64>
        let punctuation: UnsafePointer<UInt64>
        let kana: UnsafePointer<UInt64>
        let halfFull: UnsafePointer<UInt64>
    }

    private static let foldBlocks: FoldBlocks = {
        let t = buildMatchTable()
        func block(_ r: Range<Int>) -> UnsafePointer<UInt64> {
            let p = UnsafeMutablePointer<UInt64>.allocate(capacity: r.count)
            for (k, v) in t[r].enumerated() { p[k] = v }
            return UnsafePointer(p)
        }
        return FoldBlocks(
            latin1: block(0x0000..<0x0100), punctuation: block(0x2000..<0x2080), kana: block(0x3000..<0x3100),
            halfFull: block(0xFE00..<0x10000))
    }()

    /// The matching form of `c`.
    @inline(__always)
    static func matchFold(_ c: UInt32) -> MatchFold {
        let v: UInt64
        switch c {
        case 0x21..<0x7F: return MatchFold(first: c, second: 0)
        case 0..<0x100: v = foldBlocks.latin1[Int(c)]
        case 0x2000..<0x2080: v = foldBlocks.punctuation[Int(c - 0x2000)]
        case 0x2212: return MatchFold(first: 0x2D, second: 0)  // − (outside the blocks below)
        case 0x2500..<0x2502: return MatchFold(first: 0x30FC, second: 0)  // ─ ━
        case 0x3000..<0x3100: v = foldBlocks.kana[Int(c - 0x3000)]
        case 0xFE00..<0x10000: v = foldBlocks.halfFull[Int(c - 0xFE00)]
        default: return MatchFold(first: c, second: 0)
        }
        if v == 0 { return MatchFold(first: c, second: 0) }
        if v == 1 << 63 { return MatchFold(first: 0, second: 0) }
        return MatchFold(first: UInt32(truncatingIfNeeded: v), second: UInt32(truncatingIfNeeded: v >> 32))
    }

    /// Whether every scalar of the 256-scalar page `page` (U+page00–page FF) reads as itself
    /// in ``matchFold(_:)``: true outside the blocks it looks up.
    static func readsAsItself(page: Int) -> Bool {
        switch page {
        case 0x00, 0x20, 0x22, 0x25, 0x30, 0xFE, 0xFF: return false
        default: return true
        }
    }

    /// The matching form of a whole string, as scalars (skipped ones left out), decoded from its
    /// bytes into an array sized once (walking the scalar view and growing the array as it went
    /// took five thousand instructions for a short line). A test compares it with that walk.
    static func matchFolded(_ s: String) -> [UInt32] {
        s.withUTF8Bytes { p in
            var out: [UInt32] = []
            out.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                let d = decode(p, i)
                let f = matchFold(d.scalar)
                if f.first != 0 { out.append(f.first) }
                if f.second != 0 { out.append(f.second) }
                i += d.length
            }
            return out
        }
    }
}

extension UTF8Scan {
    /// The first offset `i >= from` where the byte `a` stands or one of the three-byte
    /// sequences `b`, `c` starts (all three of its bytes in `p`), or nil. Sixteen starts at a
    /// time (SSE2 compares, three loads a block, the sequences matched exactly, so a block
    /// with no hit costs no byte-by-byte look); the rest byte by byte. Little-endian lanes
    /// (x86-64, arm64).
    @inline(__always)
    static func firstOf(
        _ p: UnsafeBufferPointer<UInt8>, from: Int, byte a: UInt8, _ b: (UInt8, UInt8, UInt8), _ c: (UInt8, UInt8, UInt8)
    ) -> Int? {
        let n = p.count
        guard from < n, let base = p.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var i = from
        typealias V = SIMD16<UInt8>
        let va = V(repeating: a)
        let (b0, b1, b2) = (V(repeating: b.0), V(repeating: b.1), V(repeating: b.2))
        let (c0, c1, c2) = (V(repeating: c.0), V(repeating: c.1), V(repeating: c.2))
        // A block's last start reads two bytes past it: 18 bytes must be there.
        while i + 18 <= n {
            let x0 = raw.loadUnaligned(fromByteOffset: i, as: V.self)
            let x1 = raw.loadUnaligned(fromByteOffset: i + 1, as: V.self)
            let x2 = raw.loadUnaligned(fromByteOffset: i + 2, as: V.self)
            let m = (x0 .== va) .| ((x0 .== b0) .& (x1 .== b1) .& (x2 .== b2)) .| ((x0 .== c0) .& (x1 .== c1) .& (x2 .== c2))
            // The mask's lanes (0 or FF) read as two words: the first hit is the lowest set
            // byte. (`any(m)` and the lane subscript were left as calls in the whole module.)
            let w = unsafeBitCast(m, to: SIMD2<UInt64>.self)
            let lo = w[0]
            let hi = w[1]
            if lo | hi != 0 {
                return i &+ (lo != 0 ? lo.trailingZeroBitCount &>> 3 : 8 &+ hi.trailingZeroBitCount &>> 3)
            }
            i &+= 16
        }
        while i < n {
            let x = p[i]
            if x == a { return i }
            if i + 2 < n, (x == b.0 && p[i + 1] == b.1 && p[i + 2] == b.2) || (x == c.0 && p[i + 1] == c.1 && p[i + 2] == c.2) { return i }
            i += 1
        }
        return nil
    }
}
