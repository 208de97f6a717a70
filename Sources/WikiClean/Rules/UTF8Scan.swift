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

    /// Decodes the scalar that ends just before byte `end`.
    @inline(__always)
    static func decodeBefore(_ p: UnsafeBufferPointer<UInt8>, _ end: Int) -> (scalar: UInt32, length: Int) {
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
