/// Checks that bytes are well-formed UTF-8, as Unicode defines it (no overlong forms, no
/// surrogates, nothing beyond U+10FFFF): what `String(validating:as:)` accepts.
///
/// The reader checks every line of a dump, so it is tuned for Japanese text: runs of ASCII
/// are read eight bytes at a time, and runs of multi-byte characters (mostly three bytes
/// each) without going back to the ASCII loop after every character, four three-byte
/// characters at a time where they come in a row.
enum UTF8Validation {
    /// Whether the 12 bytes at `p` are four well-formed three-byte characters with leads
    /// other than E0 and ED (the leads that narrow their second byte; they take the slower
    /// paths). Reads them as two words, bytes 0–7 and 8–11.
    @inline(__always)
    private static func isQuadOfThreeByteCharacters(_ p: UnsafePointer<UInt8>) -> Bool {
        let w0 = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let w1 = UInt32(littleEndian: UnsafeRawPointer(p + 8).loadUnaligned(as: UInt32.self))
        // Leads (`1110xxxx`) at bytes 0, 3, 6 and 9, continuation bytes (`10xxxxxx`) between.
        guard w0 & 0xC0F0_C0C0_F0C0_C0F0 == 0x80E0_8080_E080_80E0, w1 & 0xC0C0_F0C0 == 0x8080_E080 else { return false }
        // The low four bits of the four leads, in bytes 0, 3 and 6 and (from byte 9) byte 1,
        // as F0 + bits; every other byte FF. A lead is E0 or ED exactly when its byte here is
        // F0 or FD: that is, when the word xor F0…F0 or the word xor FD…FD has a zero byte.
        let leads = (w0 & 0x000F_0000_0F00_000F) | UInt64(w1 & 0x0F00) | 0xFFF0_FFFF_F0FF_F0F0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let a = leads ^ 0xF0F0_F0F0_F0F0_F0F0
        let b = leads ^ 0xFDFD_FDFD_FDFD_FDFD
        let zeroByte = ((a &- ones) & ~a) | ((b &- ones) & ~b)
        return zeroByte & 0x8080_8080_8080_8080 == 0
    }

    static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let n = p.count
        var i = 0
        while i < n {
            // ASCII, a word at a time.
            while i &+ 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                i &+= 8
            }
            // Then one character at a time, until the next ASCII byte past a multi-byte run.
            while i < n {
                // Four three-byte characters in a row (most of Japanese text), checked at once.
                while i &+ 12 <= n && isQuadOfThreeByteCharacters(base + i) { i &+= 12 }
                guard i < n else { break }
                // Two three-byte characters in a row: both checked with one compare of a word,
                // when neither lead is E0 or ED (the leads that narrow their second byte).
                if i &+ 8 <= n {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self).littleEndian
                    if w & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0 {
                        let l0 = UInt8(truncatingIfNeeded: w) & 0x0F
                        let l1 = UInt8(truncatingIfNeeded: w >> 24) & 0x0F
                        if l0 != 0 && l0 != 0x0D && l1 != 0 && l1 != 0x0D {
                            i &+= 6
                            continue
                        }
                    }
                }
                // A three-byte character: lead and both continuation bytes checked with one
                // compare of a word.
                if i &+ 4 <= n {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self).littleEndian
                    if w & 0x00C0_C0F0 == 0x0080_80E0 {
                        let b0 = UInt8(truncatingIfNeeded: w)
                        let b1 = UInt8(truncatingIfNeeded: w >> 8)
                        if b0 == 0xE0 && b1 < 0xA0 { return false }  // overlong
                        if b0 == 0xED && b1 > 0x9F { return false }  // surrogate
                        i &+= 3
                        continue
                    }
                }
                let b0 = base[i]
                if b0 < 0x80 {
                    i &+= 1
                    if i < n && base[i] < 0x80 { break }  // back to the word loop
                    continue
                }
                if b0 >= 0xE0 && b0 < 0xF0 {
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
        }
        return true
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
