/// Checks that bytes are well-formed UTF-8, as Unicode defines it (no overlong forms, no
/// surrogates, nothing beyond U+10FFFF): what `String(validating:as:)` accepts.
///
/// The reader checks every line of a dump, so it is tuned for Japanese text: 32 bytes at a
/// time, with vector compares (SSE2 on x86-64), as long as they hold only ASCII and
/// three-byte characters other than those with the leads E0 and ED (the leads that narrow
/// their second byte); one character at a time otherwise (16 bytes or more, then back to the
/// vectors). On the 4 MB benchmark slice this takes two thirds of the instructions of
/// checking four three-byte characters at a time with word compares (callgrind: 15.1 M →
/// 9.9 M), mostly because the ASCII bytes mixed into Japanese text (digits, brackets,
/// spaces) no longer leave the fast loop.
enum UTF8Validation {
    /// Whether the 32 bytes at `p` fit the fast path, given that the bytes before `p` are
    /// well-formed and end on a character boundary, at least 2 of them: each byte is ASCII, a
    /// continuation byte exactly where a three-byte lead one or two bytes before calls for
    /// one, or a three-byte lead (not E0, not ED). Then every character that starts in them is
    /// well-formed, except that a lead in the last two bytes has its continuation bytes
    /// checked by the next block (or by the per-character path, which starts at that lead).
    ///
    /// Each test is a compare of 16 bytes at once; the bytes one and two places before are
    /// read as two more unaligned loads rather than shifted across lanes.
    @inline(__always)
    private static func isFastBlock(_ p: UnsafePointer<UInt8>) -> Bool {
        let r = UnsafeRawPointer(p)
        // Only `&`, `|`, `^` on vectors and `.==` (pcmpeqb): the standard library's other
        // mask operations and unsigned comparisons of `SIMD16<UInt8>` are not vectorized
        // (they went lane by lane: ten times the instructions of the word compares).
        typealias V = SIMD16<UInt8>
        @inline(__always)
        func lanes(_ m: SIMDMask<SIMD16<Int8>>) -> V { unsafeBitCast(m, to: V.self) }
        @inline(__always)
        func flaws(_ offset: Int) -> V {
            let v = r.loadUnaligned(fromByteOffset: offset, as: V.self)
            let before1 = r.loadUnaligned(fromByteOffset: offset - 1, as: V.self)
            let before2 = r.loadUnaligned(fromByteOffset: offset - 2, as: V.self)
            let f0 = V(repeating: 0xF0)
            let e0 = V(repeating: 0xE0)
            let calledFor = lanes((before1 & f0) .== e0) | lanes((before2 & f0) .== e0)
            let isContinuation = lanes((v & V(repeating: 0xC0)) .== V(repeating: 0x80))
            // C0–DF and F0–FF: leads of two- and four-byte characters (or never leads).
            let otherLead = lanes((v & e0) .== V(repeating: 0xC0)) | lanes((v & f0) .== f0)
            let narrowing = lanes(v .== e0) | lanes(v .== V(repeating: 0xED))
            return (isContinuation ^ calledFor) | otherLead | narrowing
        }
        // Read as two words (`any` on a mask made this way became a call to `min()`).
        let f = unsafeBitCast(flaws(0) | flaws(16), to: SIMD2<UInt64>.self)
        return f[0] | f[1] == 0
    }

    /// Checks the characters that start in `i..<stop` one at a time (the last may end past
    /// `stop`, not past `n`); leaves `i` on the boundary after them. False when one is not
    /// well-formed.
    @inline(__always)
    private static func checkCharacters(_ base: UnsafePointer<UInt8>, _ i: inout Int, until stop: Int, count n: Int) -> Bool {
        while i < stop {
            let b0 = base[i]
            if b0 < 0x80 {
                i &+= 1
            } else if b0 >= 0xE0 && b0 < 0xF0 {
                guard i &+ 2 < n else { return false }
                let b1 = base[i &+ 1]
                let b2 = base[i &+ 2]
                guard b2 & 0xC0 == 0x80 else { return false }
                // E0 needs A0–BF (no overlong form), ED needs 80–9F (no surrogate).
                let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                guard b1 >= low && b1 <= high else { return false }
                i &+= 3
            } else if b0 >= 0xC2 && b0 < 0xE0 {
                guard i &+ 1 < n, base[i &+ 1] & 0xC0 == 0x80 else { return false }
                i &+= 2
            } else if b0 >= 0xF0 && b0 <= 0xF4 {
                guard i &+ 3 < n else { return false }
                let b1 = base[i &+ 1]
                // F0 needs 90–BF (no overlong form), F4 needs 80–8F (≤ U+10FFFF).
                let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                guard b1 >= low && b1 <= high, base[i &+ 2] & 0xC0 == 0x80, base[i &+ 3] & 0xC0 == 0x80 else { return false }
                i &+= 4
            } else {
                return false  // a continuation byte, C0/C1 or F5–FF as a lead
            }
        }
        return true
    }

    static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let n = p.count
        var i = 0
        // One character at a time: at the start, the characters in the first two bytes (the
        // blocks read two bytes before them); later, 16 bytes at least, the characters a block
        // could not take.
        var stop = 2
        while true {
            guard checkCharacters(base, &i, until: min(n, stop), count: n) else { return false }
            if i >= n { return true }
            while i &+ 32 <= n && isFastBlock(base + i) { i &+= 32 }
            // Fewer than 32 bytes left: one block that ends at the end, over some bytes checked
            // already (instead of the rest one character at a time). Its rules hold wherever it
            // starts: the bytes before `i` are well-formed and `i` is a character boundary, so
            // no lead one or two bytes before `i` calls for a continuation byte at or after it,
            // and the block judges the bytes from `i` on as a block that starts at `i` would.
            // (A character the block cannot take, in the bytes before `i` too, fails it: the
            // rest is then checked one character at a time, as before.)
            if i &+ 32 > n && n >= 34 && n &- i > 8 && isFastBlock(base + (n &- 32)) { i = n }
            // A three-byte character that the last block ends inside (its lead in the block's
            // last two bytes: the bytes before `i` are ASCII, continuation bytes and such
            // leads) is checked again from its lead, with the bytes after it, if any.
            if base[i &- 1] & 0xF0 == 0xE0 {
                i &-= 1
            } else if base[i &- 2] & 0xF0 == 0xE0 {
                i &-= 2
            }
            if i >= n { return true }
            stop = i &+ 16
        }
    }

    /// The bytes as a `String` when they are valid UTF-8 (the same result as
    /// `String(validating:as:)`), checked once, by ``isValid(_:)``, and then copied.
    static func string(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        guard isValid(p) else { return nil }
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            // Known valid: made without a second check.
            return String(copying: UTF8Span(unchecked: p.span))
        }
        return String(decoding: p, as: UTF8.self)
    }

    /// The bytes as a `String`, copied without a check: for bytes known to be valid UTF-8,
    /// a slice of a `String` cut on scalar boundaries. (Debug builds check it.)
    static func knownValidString(_ p: UnsafeBufferPointer<UInt8>) -> String {
        assert(isValid(p), "not valid UTF-8: a slice cut inside a character")
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            return String(copying: UTF8Span(unchecked: p.span))
        }
        return String(decoding: p, as: UTF8.self)
    }
}
