internal import CICUShims

/// Checks that bytes are well-formed UTF-8, as Unicode defines it (no overlong forms, no
/// surrogates, nothing beyond U+10FFFF): what `String(validating:as:)` accepts.
///
/// The reader checks every line of a dump, so this is one C call (``cicu_utf8_valid``): with
/// AVX2, Keiser and Lemire's check, 32 bytes at a time with three table look-ups on the
/// nibbles of each pair of bytes and no branch per character, whatever the mix of ASCII, kana
/// and kanji; without it, a byte loop. On the 4 MB benchmark slice this took a quarter of the
/// instructions of the Swift check before it, which went 32 bytes at a time only through
/// ASCII and three-byte characters (with two 16-byte vectors) and one character at a time
/// around anything else (callgrind: 8.46 M → 3.81 M). ``check(_:)`` looks for NUL bytes in
/// the same pass (4.10 M), which spares the reader a `memchr` of every line.
enum UTF8Validation {
    static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        return cicu_utf8_valid(base, Int64(p.count)) != 0
    }

    /// What ``check(_:)`` finds wrong with bytes.
    struct Flaws: OptionSet {
        let rawValue: Int32
        /// The bytes are not well-formed UTF-8.
        static let invalid = Flaws(rawValue: CICU_UTF8_INVALID)
        /// The bytes hold a NUL byte (well-formed UTF-8, but a line the readers reject).
        static let nulByte = Flaws(rawValue: CICU_UTF8_NUL)
    }

    /// ``isValid(_:)`` and a search for NUL bytes, in one pass (``cicu_utf8_check``).
    static func check(_ p: UnsafeBufferPointer<UInt8>) -> Flaws {
        guard let base = p.baseAddress else { return [] }
        return Flaws(rawValue: cicu_utf8_check(base, Int64(p.count)))
    }

    /// ``check(_:)`` with the vector loop of `level` at most (2: AVX2; 0: bytes): for tests.
    static func check(_ p: UnsafeBufferPointer<UInt8>, level: Int32) -> Flaws {
        guard let base = p.baseAddress else { return [] }
        return Flaws(rawValue: cicu_utf8_check_at_level(base, Int64(p.count), level))
    }

    /// ``isValid(_:)`` with the vector loop of `level` at most (2: AVX2; 0: bytes): for tests,
    /// to check each path against the standard library.
    static func isValid(_ p: UnsafeBufferPointer<UInt8>, level: Int32) -> Bool {
        guard let base = p.baseAddress else { return true }
        return cicu_utf8_valid_at_level(base, Int64(p.count), level) != 0
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
