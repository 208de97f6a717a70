extension Normalizer {
    /// Whether `a` and `b` are certainly not canonically equivalent (so `a != b` in Swift),
    /// decided at the first character where their bytes differ, without normalizing them.
    ///
    /// `false` means "not decided": compare with `!=`. The answer is `true` when one string ends
    /// where the other goes on, or when the canonical decompositions of the two differing
    /// characters begin with two different stable starters (canonical combining class 0 and no
    /// decomposition of their own: the characters themselves, or the base of a voiced kana),
    /// which nothing before or after them can reorder in NFD: then the two NFD forms differ at
    /// that position. Meant for "did normalizing change this text?" in Swift's sense, where most
    /// changes start at full-width forms, ASCII, kana or ideographs.
    ///
    /// `from` is an offset before which the caller knows the two are byte for byte the same
    /// (as ``Normalizer/Scratch/changedFrom`` is for a text and its normalized form); the search
    /// starts there.
    public static func certainlyNotCanonicallyEquivalent(_ a: String, _ b: String, from: Int = 0) -> Bool {
        let answer = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                certainlyNotCanonicallyEquivalent(utf8: x, y, from: from)
            }
        }
        return (answer ?? nil) ?? false
    }

    /// ``certainlyNotCanonicallyEquivalent(_:_:from:)`` of two texts' UTF-8 bytes (valid UTF-8):
    /// for ``Normalizer``, which has a line's bytes and its result's at hand when it changed it.
    static func certainlyNotCanonicallyEquivalent(
        utf8 x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, from: Int
    ) -> Bool {
        guard let p = x.baseAddress, let q = y.baseAddress else { return x.count != y.count }
        if p == q && x.count == y.count { return false }
        let known = min(max(from, 0), x.count, y.count)
        var i = known
            + commonPrefix(
                UnsafeBufferPointer(rebasing: x[known...]), UnsafeBufferPointer(rebasing: y[known...]))
        if i == min(x.count, y.count) { return x.count != y.count }
        // Back to the start of the character that holds the first differing byte (the
        // bytes before it are the same in both).
        while i > 0 && p[i] & 0xC0 == 0x80 { i -= 1 }
        guard let s = leadingStarter(decodeScalar(p, i).scalar),
            let t = leadingStarter(decodeScalar(q, i).scalar)
        else { return false }
        return s != t
    }

    /// The first scalar of the canonical decomposition of `c` when it is a stable starter that
    /// nothing before it can reorder: `c` itself for a stable starter (``isStableStarter(_:)``),
    /// the base kana of a precomposed voiced or semi-voiced one (`が` → `か`, `ヷ` → `ワ`); nil
    /// when unknown. Two characters whose leading starters differ begin two NFD forms that
    /// differ there: the `ダ` a half-width `ﾀﾞ` became is told apart from its `ﾀ` here, without
    /// the normalizing comparison (a tenth of the blocks normalize changed on the benchmark
    /// slice went on to it).
    @inline(__always)
    static func leadingStarter(_ c: UInt32) -> UInt32? {
        // The two sides of most changes first (ASCII and the full-width forms it replaces):
        // ``isStableStarter(_:)``'s switch tests its ranges one after another, these first and
        // last (callgrind, 4 MB corpus: ~54 instructions a call, two calls a changed block).
        if c < 0x80 || (0xFF01...0xFFEF).contains(c) { return c }
        if isStableStarter(c) { return c }
        guard (0x3041...0x30FF).contains(c) else { return nil }
        if CharacterClasses.voiced(c - 1) == c { return c - 1 }
        if CharacterClasses.semiVoiced(c - 2) == c { return c - 2 }
        switch c {
        case 0x3094: return 0x3046  // ゔ: う
        case 0x30F4: return 0x30A6  // ヴ: ウ
        case 0x30F7...0x30FA: return c - 8  // ヷヸヹヺ: ワヰヱヲ
        default: return nil
        }
    }

    /// Canonical combining class 0 and no canonical decomposition, for the code points Japanese
    /// text is made of: ASCII, Latin-1 punctuation, general punctuation (but not U+2000/2001),
    /// number forms, enclosed alphanumerics, box drawing, shapes and symbols, CJK punctuation
    /// (but not U+302A–302F), kana (but not the precomposed voiced ones, nor the combining marks
    /// U+3099/309A), enclosed CJK and squared words, CJK unified ideographs and the halfwidth and
    /// fullwidth forms. Any other code point is answered `false` (unknown).
    static func isStableStarter(_ c: UInt32) -> Bool {
        switch c {
        case 0x00...0x7F, 0xA0...0xBF, 0x2002...0x206F, 0x2150...0x218F, 0x2460...0x24FF,
            0x2500...0x27BF, 0x3000...0x3029, 0x3030...0x303F, 0x3200...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xFF01...0xFFEF:
            return true
        case 0x3041...0x3096, 0x309B...0x30FF:
            return !hasVoicedDecomposition(c)
        default:
            return false
        }
    }

    /// Whether the kana is the canonical composition of another kana with U+3099 or U+309A
    /// (が, ぱ, ゔ, ゞ, ヴ, ヷ…): the only canonical decompositions in U+3040–30FF. Most are the
    /// base plus 1 (voiced) or 2 (semi-voiced); ゔ, ヴ and ヷ–ヺ are not.
    @inline(__always)
    private static func hasVoicedDecomposition(_ c: UInt32) -> Bool {
        CharacterClasses.voiced(c - 1) == c || CharacterClasses.semiVoiced(c - 2) == c || c == 0x3094
            || c == 0x30F4 || (0x30F7...0x30FA).contains(c)
    }
}
