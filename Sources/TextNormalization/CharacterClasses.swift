internal import CICUShims

/// The character sets the rules work with.
enum CharacterClasses {
    /// `˗ ֊ ‐ ‑ ‒ – ⁃ ⁻ ₋ −`
    @inline(__always)
    static func isHyphen(_ c: UInt32) -> Bool {
        switch c {
        case 0x02D7, 0x058A, 0x2010, 0x2011, 0x2012, 0x2013, 0x2043, 0x207B, 0x208B, 0x2212: true
        default: false
        }
    }

    /// `﹣ － ｰ — ― ─ ━ ー`
    @inline(__always)
    static func isLongVowelMark(_ c: UInt32) -> Bool {
        switch c {
        case 0xFE63, 0xFF0D, 0xFF70, 0x2014, 0x2015, 0x2500, 0x2501, 0x30FC: true
        default: false
        }
    }

    /// `~ ∼ ∾ 〜 〰 ～`
    @inline(__always)
    static func isTilde(_ c: UInt32) -> Bool {
        switch c {
        case 0x007E, 0x223C, 0x223E, 0x301C, 0x3030, 0xFF5E: true
        default: false
        }
    }

    /// Space separators (Unicode Zs).
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        switch c {
        case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Characters the `controls` rule removes: C0 controls except `\n`, DEL, C1 controls, the
    /// soft hyphen and the zero-width characters.
    @inline(__always)
    static func isControl(_ c: UInt32) -> Bool {
        switch c {
        case 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }

    /// "Japanese" for `spaces=japanese`: CJK punctuation, hiragana, katakana, CJK ideographs,
    /// fullwidth forms.
    @inline(__always)
    static func isJapanese(_ c: UInt32) -> Bool {
        switch c {
        case 0x3001...0x303F, 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            true
        default: false
        }
    }

    /// neologdn's "blocks" set.
    @inline(__always)
    static func isNeologdnBlock(_ c: UInt32) -> Bool {
        switch c {
        case 0x4E00...0x9FFF, 0x3040...0x309F, 0x30A0...0x30FF, 0x3001...0x303F, 0xFF00...0xFFEF:
            true
        default: false
        }
    }

    /// Kana letters and sound marks (what a long-vowel mark may extend).
    @inline(__always)
    static func isKana(_ c: UInt32) -> Bool {
        switch c {
        case 0x3041...0x3096, 0x3099...0x309F, 0x30A1...0x30FA, 0x30FD...0x30FF, 0x31F0...0x31FF,
            0xFF66...0xFF6F, 0xFF71...0xFF9F:
            true
        default: false
        }
    }

    /// Katakana letters (full- and half-width) and the voiced-sound marks that follow them.
    @inline(__always)
    static func isKatakana(_ c: UInt32) -> Bool {
        switch c {
        case 0x3099...0x309C, 0x30A1...0x30FA, 0x30FD...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF6F,
            0xFF71...0xFF9F:
            true
        default: false
        }
    }

    /// Whether the character never combines with what precedes it under NFKC (not a
    /// combining mark).
    @inline(__always)
    static func startsCluster(_ c: UInt32) -> Bool {
        cicu_nfkc_flags(c) & UInt8(CICU_NFKC_BOUNDARY_BEFORE) != 0
    }

    // MARK: - Kana tables

    /// Half-width U+FF61–FF9F to full-width, as NFKC maps them (ﾞﾟ to combining U+3099/309A).
    static let halfwidthToFullwidth: [UInt32] = [
        0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,
        0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB,
        0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1,
        0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5,
        0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9,
        0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x3099, 0x309A,
    ]

    /// The canonical composition of a kana with U+3099 (voiced), if any.
    @inline(__always)
    static func voiced(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x3046: 0x3094
        case 0x304B, 0x304D, 0x304F, 0x3051, 0x3053, 0x3055, 0x3057, 0x3059, 0x305B, 0x305D, 0x305F,
            0x3061, 0x3064, 0x3066, 0x3068, 0x306F, 0x3072, 0x3075, 0x3078, 0x307B, 0x309D,
            0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF,
            0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30FD:
            c + 1
        case 0x30A6: 0x30F4
        case 0x30EF, 0x30F0, 0x30F1, 0x30F2: c + 8
        default: nil
        }
    }

    /// The canonical composition of a kana with U+309A (semi-voiced), if any.
    @inline(__always)
    static func semiVoiced(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x306F, 0x3072, 0x3075, 0x3078, 0x307B, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB: c + 2
        default: nil
        }
    }

    // MARK: - neologdn's conversion table

    /// neologdn 0.5.6's `conversion_map` (full-width ASCII except `＂＇＼｀～`, `“”’‘¥`,
    /// half-width katakana and punctuation, `゛゜` to `ﾞﾟ`).
    @inline(__always)
    static func neologdnConversion(_ c: UInt32) -> UInt32? {
        switch c {
        case 0xFF01, 0xFF03...0xFF06, 0xFF08...0xFF3B, 0xFF3D...0xFF3F, 0xFF41...0xFF5D:
            c - 0xFEE0
        case 0xFF61...0xFF9D: halfwidthToFullwidth[Int(c - 0xFF61)]
        case 0x201C, 0x201D: 0x22
        case 0x2019: 0x27
        case 0x2018: 0x60
        case 0xA5: 0x5C
        case 0x309B: 0xFF9E
        case 0x309C: 0xFF9F
        default: nil
        }
    }

    /// neologdn's `kana_ten_map`: the kana that `ﾞ` joins.
    @inline(__always)
    static func neologdnTen(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x3046: 0x3094
        case 0x30A6: 0x30F4
        case 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF,
            0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB:
            c + 1
        default: nil
        }
    }

    /// neologdn's `kana_maru_map`: the kana that `ﾟ` joins.
    @inline(__always)
    static func neologdnMaru(_ c: UInt32) -> UInt32? {
        semiVoiced(c)
    }
}

/// Per-character trigger bits: which rules might touch a line that contains the character.
///
/// A character that `width` or `nfkc` rewrites also carries the triggers of what it becomes
/// (`～` → `~` triggers `tilde`, `⁻` → `−` triggers `hyphens`, U+3000 → space triggers
/// `spaces`), so a line is scanned once, not again after each rewriting step.
struct Triggers: OptionSet, Sendable {
    let rawValue: UInt8
    static let controls = Triggers(rawValue: 1 << 0)
    static let longVowel = Triggers(rawValue: 1 << 1)
    /// A character `width` rewrites. NFKC rewrites it the same way (so the `nfkc` step runs on
    /// it only when `width` is off).
    static let width = Triggers(rawValue: 1 << 2)
    /// NFKC could change the character, and `width` does not already do exactly that.
    static let nfkc = Triggers(rawValue: 1 << 3)
    static let hyphens = Triggers(rawValue: 1 << 4)
    static let tilde = Triggers(rawValue: 1 << 5)
    static let spaces = Triggers(rawValue: 1 << 6)
    /// Keys of neologdn's conversion table, plus `ﾞﾟ` which may join the previous kana.
    static let neologdn = Triggers(rawValue: 1 << 7)

    /// The triggers of the character itself, ignoring what rewriting rules turn it into.
    private static func own(_ c: UInt32) -> Triggers {
        // Most code points are in none of the sets below: one range test rules them out (the
        // table of every BMP code point is built at start-up from this function).
        guard mayHaveOwnTriggers(c) else { return [] }
        var t: Triggers = []
        if CharacterClasses.isControl(c) { t.insert(.controls) }
        // NB: a lone ー never changes; scanLine triggers on ーー itself.
        if CharacterClasses.isLongVowelMark(c) && c != 0x30FC { t.insert(.longVowel) }
        if CharacterClasses.isHyphen(c) { t.insert(.hyphens) }
        if CharacterClasses.isTilde(c) { t.insert(.tilde) }
        if CharacterClasses.isSpace(c) { t.insert(.spaces) }
        if CharacterClasses.neologdnConversion(c) != nil || c == 0xFF9E || c == 0xFF9F {
            t.insert(.neologdn)
        }
        return t
    }

    /// False for code points in none of the sets ``own(_:)`` tests (checked against it for
    /// every BMP code point by a unit test): the stretches U+0100–2000, U+2502–2FFF,
    /// U+3031–FE62 and beyond U+FFFF, but for the few members in them.
    @inline(__always)
    static func mayHaveOwnTriggers(_ c: UInt32) -> Bool {
        switch c {
        case 0x0100..<0x2000: c == 0x02D7 || c == 0x058A || c == 0x1680
        case 0x2502..<0x3000: false
        case 0x3031..<0xFE63: c == 0x309B || c == 0x309C
        case 0x10000...: false
        default: true
        }
    }

    /// Whether a code point in `from..<to` may have triggers of its own
    /// (``mayHaveOwnTriggers(_:)``) or be a width character: false only when the range lies
    /// in the stretches ``mayHaveOwnTriggers(_:)`` rules out and misses their few members (a
    /// unit test compares it with the two per code point).
    @inline(__always)
    static func mayHaveOwnTriggersOrWidth(from: UInt32, to: UInt32) -> Bool {
        // A range within one quiet stretch meets only that stretch's members; any other range
        // meets the code points between the stretches. The widest stretch first: a range there
        // (most of the BMP's) is decided by four compares, where a test of all eight pieces
        // outside the stretches took ~45 instructions (callgrind, at start-up).
        func within(_ lo: UInt32, _ hi: UInt32) -> Bool { lo <= from && to <= hi }
        func meets(_ lo: UInt32, _ hi: UInt32) -> Bool { from < hi && lo < to }
        if within(0x3031, 0xFE63) { return meets(0x309B, 0x309D) }
        if within(0x0100, 0x2000) { return meets(0x02D7, 0x02D8) || meets(0x058A, 0x058B) || meets(0x1680, 0x1681) }
        return !within(0x2502, 0x3000)
    }

    static func isWidthCharacter(_ c: UInt32) -> Bool {
        (0xFF01...0xFF5E).contains(c) || (0xFF61...0xFF9F).contains(c)
    }

    /// Triggers for every BMP code point, built once.
    static let bmpTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        // ICU's flags of the BMP read from their table, not one call (and one `pthread_once`)
        // per code point.
        let flags = cicu_nfkc_bmp_flags()!
        // The code points NFKC may change: their forms' triggers are added below, all asked of
        // ICU in one call.
        var unsafe: [UInt32] = []
        let safeBit = UInt8(CICU_NFKC_SAFE)
        let quickYesBit = UInt8(CICU_NFKC_QUICK_YES)
        let safeInEach = UInt64(safeBit) &* 0x0101_0101_0101_0101
        /// Whether the eight flags from `cp` all have `safeBit`.
        func allSafe(_ cp: Int) -> Bool {
            UnsafeRawPointer(flags + cp).loadUnaligned(as: UInt64.self) & safeInEach == safeInEach
        }
        var cp = 0
        while cp < 0x10000 {
            // Sixty-four code points at a time where the eight at a time below would pass them all
            // (the CJK blocks, private use, most of the rest: 7,300 steps of eight became ~1,400
            // of sixty-four or eight; with the surrogates passed at once, the loop's own
            // instructions went from 1.07 M to 0.66 M at start-up, callgrind).
            if cp & 63 == 0,
                allSafe(cp) && allSafe(cp + 8) && allSafe(cp + 16) && allSafe(cp + 24) && allSafe(cp + 32)
                    && allSafe(cp + 40) && allSafe(cp + 48) && allSafe(cp + 56),
                !mayHaveOwnTriggersOrWidth(from: UInt32(cp), to: UInt32(cp + 64))
            {
                cp += 64
                continue
            }
            // Eight code points at a time where all are NFKC-safe and none may carry a trigger
            // of its own or be a width character (most of the BMP): the tests below, once
            // per code point, cost about two million instructions at start-up (callgrind).
            if cp & 7 == 0,
                allSafe(cp),
                !mayHaveOwnTriggersOrWidth(from: UInt32(cp), to: UInt32(cp + 8))
            {
                cp += 8
                continue
            }
            if cp == 0xD800 {
                // Surrogates: no code points.
                cp = 0xE000
                continue
            }
            defer { cp += 1 }
            let safe = flags[cp] & safeBit != 0
            // Most code points are in blocks no rule names (CJK ideographs, Hangul syllables,
            // private use): there only NFKC can give them triggers.
            if safe && isUnnamedBlock(UInt32(cp)) { continue }
            // Nor can a code point NFKC leaves alone that is in none of the rules' sets and
            // not a width character (most of the rest): no call for it.
            if safe && !mayHaveOwnTriggers(UInt32(cp)) && !isWidthCharacter(UInt32(cp)) { continue }
            table[cp] = triggers(of: UInt32(cp), nfkcSafe: true).rawValue
            if !safe {
                if !isWidthCharacter(UInt32(cp)) { table[cp] |= Triggers.nfkc.rawValue }
                // A character of NFKC_QC=Yes (a combining mark: its class made it unsafe) is its
                // own NFKC form, whose triggers it has just been given: ICU is not asked (665
                // of the 3,739 unsafe ones; 0.11 M instructions of the call below, callgrind).
                if flags[cp] & quickYesBit == 0 { unsafe.append(UInt32(cp)) }
            }
        }
        let images = nfkcImages(of: unsafe)
        images.scalars.withUnsafeBufferPointer { scalars in
            // (The array's buffer, not a slice of the array a form: a retain and a release each.)
            var from = 0
            for (k, cp) in unsafe.enumerated() {
                var t: Triggers = []
                for d in scalars[from..<images.ends[k]] { t.formUnion(own(d)) }
                from = images.ends[k]
                table[Int(cp)] |= t.rawValue
            }
        }
        return table
    }()

    /// The NFKC forms of `codePoints`, one after another in `scalars`; the form of
    /// `codePoints[k]` ends at `ends[k]`. One ICU call for them all
    /// (``cicu_nfkc_code_points``): on the ~3,700 BMP code points NFKC changes, a ninth of
    /// the instructions of one call each (callgrind). Falls back on one call each.
    private static func nfkcImages(of codePoints: [UInt32]) -> (scalars: [UInt32], ends: [Int]) {
        let count = codePoints.count
        var capacity = 4 * count + 16
        for _ in 0..<2 {
            var scalars = [UInt32](repeating: 0, count: capacity)
            var ends = [Int32](repeating: 0, count: count)
            let total = codePoints.withUnsafeBufferPointer { cps in
                scalars.withUnsafeMutableBufferPointer { out in
                    ends.withUnsafeMutableBufferPointer { e in
                        cicu_nfkc_code_points(cps.baseAddress, Int32(count), out.baseAddress, Int32(capacity), e.baseAddress)
                    }
                }
            }
            if total < 0 { break }
            if Int(total) <= capacity {
                scalars.removeLast(capacity - Int(total))
                return (scalars, ends.map { Int($0) })
            }
            capacity = Int(total)
        }
        var scalars: [UInt32] = []
        var ends: [Int] = []
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 32) { buffer in
            for c in codePoints {
                let n = Int(cicu_nfkc_code_point(c, buffer.baseAddress!, 32))
                if n > 0 && n <= 32 { scalars.append(contentsOf: buffer[0..<n]) }
                ends.append(scalars.count)
            }
        }
        return (scalars, ends)
    }

    /// Blocks where no rule names a character (``own(_:)`` is empty and none is a width
    /// character): CJK ideographs and extension A, Hangul syllables, private use.
    private static func isUnnamedBlock(_ c: UInt32) -> Bool {
        switch c {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xE000...0xF8FF: true
        default: false
        }
    }

    /// All triggers of one code point.
    static func triggers(of c: UInt32) -> Triggers {
        triggers(of: c, nfkcSafe: cicu_nfkc_flags(c) & UInt8(CICU_NFKC_SAFE) != 0)
    }

    /// All triggers of one code point, given whether NFKC leaves it and what follows it as
    /// they are (ICU's `CICU_NFKC_SAFE`).
    private static func triggers(of c: UInt32, nfkcSafe: Bool) -> Triggers {
        var t = own(c)
        if c == 0x309B || c == 0x309C { t.insert(.width) }
        if isWidthCharacter(c) {
            t.insert(.width)
            t.formUnion(
                own(c <= 0xFF5E ? c - 0xFEE0 : CharacterClasses.halfwidthToFullwidth[Int(c - 0xFF61)]))
        }
        if !nfkcSafe {
            if !isWidthCharacter(c) { t.insert(.nfkc) }
            t.formUnion(ownTriggersOfNFKCImage(of: c))
        }
        return t
    }

    /// The union of ``own(_:)`` over the scalars of the NFKC form of a single code point (its
    /// own when NFKC leaves it as it is). Built for every BMP code point at start-up, so it
    /// asks ICU for the code points of the form directly (no UTF-8 in between) into a stack
    /// buffer, with no array or string per call.
    private static func ownTriggersOfNFKCImage(of c: UInt32) -> Triggers {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 32) { buffer in
            let n = Int(cicu_nfkc_code_point(c, buffer.baseAddress!, 32))
            guard n > 0 && n <= 32 else { return [] }
            var t: Triggers = []
            for k in 0..<n { t.formUnion(own(buffer[k])) }
            return t
        }
    }

    /// Triggers of a supplementary-plane code point (only NFKC can apply there).
    static func supplementary(_ c: UInt32) -> Triggers {
        cicu_nfkc_flags(c) & UInt8(CICU_NFKC_SAFE) == 0 ? triggers(of: c) : []
    }

    /// ORs the triggers of the line starting at `start`, which ends at the next `\n` or the end
    /// of the buffer, and notes where each trigger first and last occurs.
    ///
    /// This runs over every byte of the input. With AVX2 and tables that `cicu_skip_quiet`
    /// reads right (``TriggerTables/scansInC``), the whole line is one call of
    /// `cicu_scan_line`, which looks at the characters its vectors do not find quiet without
    /// leaving its loop (a skip that stopped at each of them, to be called again for the rest
    /// of the line, cost twice as much: callgrind); only a four-byte character comes back here.
    /// Otherwise ``scanLineInSwift(_:from:tables:)``.
    static func scanLine(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, tables: TriggerTables = .shared
    ) -> LineScan {
        var scan = LineScan()
        scanLine(bytes, from: start, tables: tables, into: &scan)
        return scan
    }

    /// ``scanLine(_:from:tables:)`` into `scan`, for a caller that scans line after line:
    /// written in place, where a returned scan (144 bytes) was copied three times on its way
    /// to the rules (callgrind: three `memcpy` calls a line).
    @inline(__always)
    static func scanLine(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, tables: TriggerTables, into scan: inout LineScan
    ) {
        guard tables.scansInC, let p = bytes.baseAddress else {
            scan = scanLineInSwift(bytes, from: start, tables: tables)
            return
        }
        scanLineInC(p, count: bytes.count, from: start, tables: tables, level: 2, into: &scan)
    }

    /// ``scanLine(_:from:tables:)`` through `cicu_scan_line_at_level` (`level` 2: AVX2, below:
    /// its byte loop), whatever ``TriggerTables/scansInC`` says: for tests.
    static func scanLineInC(
        _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, tables: TriggerTables, level: Int32
    ) -> LineScan {
        var scan = LineScan()
        scanLineInC(p, count: n, from: start, tables: tables, level: level, into: &scan)
        return scan
    }

    /// ``scanLineInC(_:count:from:tables:level:)`` into `scan` (the offsets only when a trigger
    /// was found: they are read only for the triggers found).
    static func scanLineInC(
        _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, tables: TriggerTables, level: Int32,
        into scan: inout LineScan
    ) {
        var c = cicu_line_scan()
        let end = scanLineInC(p, count: n, from: start, tables: tables, level: level, into: &c)
        scan.triggers = Triggers(rawValue: UInt8(truncatingIfNeeded: c.mask))
        scan.end = end
        // The offsets are read only for the triggers found: a quiet line (two thirds of the
        // texts) leaves them as they were.
        guard c.mask != 0 else { return }
        scan.first = TriggerOffsets(c.first)
        scan.last = TriggerOffsets(c.last)
    }

    /// ``scanLineInC(_:count:from:tables:level:into:)`` into the C scan `c` (as made, all zero),
    /// returning where the line ends: for ``Normalizer``'s one-line texts, which look at the
    /// triggers (`c.mask`) before they make a ``LineScan`` of it, and make none for a line no
    /// step runs on.
    @inline(__always)
    static func scanLineInC(
        _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, tables: TriggerTables, level: Int32,
        into c: inout cicu_line_scan
    ) -> Int {
        var i = start
        while true {
            i = Int(
                level == 2
                    ? cicu_scan_line(p, Int64(start), Int64(i), Int64(n), tables.mayTriggerLE, tables.triggers, &c)
                    : cicu_scan_line_at_level(
                        p, Int64(start), Int64(i), Int64(n), tables.mayTriggerLE, tables.triggers, &c, level))
            guard i < n && p[i] != 0x0A else { break }
            // A four-byte character: only NFKC can apply there.
            let (scalar, length) = decodeScalar(p, i)
            cicu_line_scan_note(&c, UInt32(supplementary(scalar).rawValue), Int64(i &- start))
            i &+= length
        }
        return min(i, n)
    }

    /// ``scanLine(_:from:tables:)`` in Swift, with ``TriggerTables/skipQuiet(_:from:count:)``
    /// between the characters that may trigger.
    ///
    /// A three-byte sequence (kana, CJK, punctuation: nearly all of Japanese text) costs one bit
    /// test in ``TriggerTables/mayTrigger`` and one well-predicted branch, and the loop carries
    /// no state but the mask of triggers seen so far. Everything else (a character with
    /// triggers, `ー`, ASCII, other lengths) is handled off that path.
    static func scanLineInSwift(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, tables: TriggerTables = .shared
    ) -> LineScan {
        var scan = LineScan()
        guard let p = bytes.baseAddress else {
            scan.end = start
            return scan
        }
        let t = tables.triggers
        let bits = tables.mayTrigger
        let n = bytes.count
        var mask: UInt8 = 0
        var i = start
        while i < n {
            // An ASCII byte goes straight to the per-character path: the skip would spend a
            // round of its four-at-a-time loop to stop at it (text in Latin letters and
            // digits, a space between words).
            if tables.skipsInC {
                // 32 bytes at a time, ASCII letters and digits and a lone ー too (see
                // ``TriggerTables/skipsInC``).
                i = Int(cicu_skip_quiet(p, Int64(i), Int64(n), tables.mayTriggerLE))
                guard i < n else { break }
            } else if p[i] >= 0x80 {
                i = tables.skipQuietPairs(p, from: i, count: n)
                guard i < n else { break }
            }
            // One character of any kind.
            let b = p[i]
            if b & 0xF0 == 0xE0 {
                let b1 = p[i &+ 1]
                let b2 = p[i &+ 2]
                let word = bits[Int(b & 0x0F) << 8 | Int(b1 & 0x3F)]
                if _fastPath(word & (1 << UInt64(b2 & 0x3F)) == 0) {
                    i &+= 3
                    continue
                }
                let c = Int(b & 0x0F) << 12 | Int(b1 & 0x3F) << 6 | Int(b2 & 0x3F)
                // ー never changes alone; a run ーー triggers long-vowel at its first ー.
                if c == 0x30FC && i &+ 3 < n && p[i &+ 3] == 0xE3 && p[i &+ 4] == 0x83
                    && p[i &+ 5] == 0xBC
                {
                    if mask & Triggers.longVowel.rawValue == 0 {
                        scan.first.note(Triggers.longVowel.rawValue, at: i &- start)
                        mask |= Triggers.longVowel.rawValue
                    }
                    scan.last.note(Triggers.longVowel.rawValue, at: i &- start)
                }
                let tc = t[c]
                if tc & ~mask != 0 {
                    scan.first.note(tc & ~mask, at: i &- start)
                    mask |= tc
                }
                scan.last.note(tc, at: i &- start)
                i &+= 3
                continue
            }
            var tc: UInt8
            let at = i
            if b < 0x80 {
                if b == 0x0A { break }
                i &+= 1
                if b == 0x20 && at > start && i < n {
                    // A single space between two printable ASCII characters (other than `*`, which
                    // neologdn treats specially) is never changed by any space rule.
                    let before = p[at &- 1]
                    let after = p[i]
                    if before > 0x20 && before < 0x7F && before != 0x2A && after > 0x20 && after < 0x7F {
                        continue
                    }
                }
                tc = t[Int(b)]
            } else {
                let (c, len) = decodeScalar(p, i)
                i &+= len
                tc = c < 0x10000 ? t[Int(c)] : supplementary(c).rawValue
            }
            if tc & ~mask != 0 {
                scan.first.note(tc & ~mask, at: at &- start)
                mask |= tc
            }
            scan.last.note(tc, at: at &- start)
        }
        scan.triggers = Triggers(rawValue: mask)
        scan.end = i
        return scan
    }
}

/// The lookup tables of ``Triggers/scanLine(_:from:tables:)``, built once and kept for the life
/// of the process (never freed, never written after they are built).
struct TriggerTables: @unchecked Sendable {
    /// ``Triggers/bmpTable``: the triggers of every BMP code point.
    let triggers: UnsafePointer<UInt8>
    /// One bit per three-byte code point, set when the code point has triggers, and for `ー`,
    /// whose runs trigger `long-vowel`: a clear bit means the character can be skipped. The
    /// character `b0 b1 b2` is word `(b0 & 0x0F) << 8 | (b1 & 0x3F)`, bit `b2 & 63`, so a
    /// big-endian load of its bytes shifted right by 16 and masked with `0x0F3F` is the word's
    /// index. 3,904 words, of which the 1,024 in use are 64 to a row of 256: the words of one
    /// lead byte sit together (8 cache lines). (Indexed the other way round, 16 to a row, the
    /// words in use all fell into 4 of the L1 cache's 64 sets and were evicted over and over.)
    let mayTrigger: UnsafePointer<UInt64>
    /// The same bits as ``mayTrigger``, indexed the other way round for a little-endian word
    /// of the character's bytes (see ``skipQuietPairs(_:from:count:)``): the character
    /// `b0 b1 b2` is word `(b1 & 0x3F) << 8 | b0`, bit `b2 & 63`; a word whose `b0` is not a
    /// three-byte lead (`E0`–`EF`) has all its bits set. 16,384 words, of which the 1,024 of
    /// the three-byte leads are 16 to a row of 256: the rows of the lead bytes `E0`–`E7` and
    /// `E8`–`EF` take a cache line each (8 KiB in all); the others are read only where a
    /// character other than a three-byte one stops the loop.
    let mayTriggerLE: UnsafePointer<UInt64>

    /// Whether ``Triggers/scanLine(_:from:tables:)`` may skip with `cicu_skip_quiet` (C, 16
    /// bytes at a time): the characters it takes as quiet without a look-up carry no
    /// triggers here (printable ASCII `!`–`}`, U+4000–9FFF, U+3001–301B, U+3040–30FF but a
    /// few, among them `゙゚゛゜ゟーヿ`). True
    /// for the tables as they are built; checked rather than assumed.
    let skipsInC: Bool
    /// Whether ``Triggers/scanLine(_:from:tables:)`` scans in C (`cicu_scan_line`): when
    /// ``skipsInC`` (the same vector test) and the processor has AVX2 (without it, the Swift
    /// loop with the 16-byte skip is the faster).
    let scansInC: Bool
    /// ``mayTriggerLE`` when ``skipsInC``, otherwise nil: the table with which
    /// `cicu_nfkc_utf8_skipping` passes runs of quiet characters between the pieces it
    /// normalizes. Every code point NFKC may change carries a trigger here (`nfkc`, or `width`
    /// for the width characters: ``Triggers/bmpTable``; a unit test checks every BMP code
    /// point), so a quiet one is NFKC-safe.
    let nfkcSkipTable: UnsafePointer<UInt64>?

    static let shared = TriggerTables()

    /// Skips characters that carry no trigger from `i` (a character boundary): with
    /// `cicu_skip_quiet` (32 bytes at a time) when ``skipsInC``, which also passes printable
    /// ASCII `!`–`}` and a lone `ー`, otherwise with ``skipQuietPairs(_:from:count:)``. For the
    /// rules whose characters all carry their trigger and are neither of those (width, tilde,
    /// spaces): every character they pass is one the rule leaves alone.
    @inline(__always)
    func skipQuiet(_ p: UnsafePointer<UInt8>, from i: Int, count n: Int) -> Int {
        guard skipsInC else { return skipQuietPairs(p, from: i, count: n) }
        return Int(cicu_skip_quiet(p, Int64(i), Int64(n), mayTriggerLE))
    }

    /// Skips three-byte characters that may not trigger, four at a time while all four are
    /// three-byte characters, then two at a time (then the first of a pair if only it is
    /// quiet); returns where it stopped (at `i` at worst): the hot loop of the quick check and
    /// of the character rules, whose characters all carry triggers.
    ///
    /// Four at a time: each character is read as one little-endian word of 4 bytes from its
    /// lead byte, whose bits `0x3FFF` (the low six bits of its second byte, its first byte
    /// whole) index ``mayTriggerLE`` and whose third byte picks the bit (a shift takes its
    /// count modulo 64); a first byte that is no three-byte lead finds all bits set. No byte swap, no decoding: about half the instructions a character of
    /// the two-at-a-time loop takes (callgrind), which matters on text that is mostly kana and
    /// kanji. Two at a time: each character is read as one big-endian word of 4 bytes: its
    /// first two bytes give the bitmap word (``mayTrigger``), its third picks the bit. Reads
    /// at most 13 bytes from `i`, all before `n`.
    @inline(__always)
    func skipQuietPairs(_ p: UnsafePointer<UInt8>, from i: Int, count n: Int) -> Int {
        let bits = mayTrigger
        let quads = mayTriggerLE
        var i = i
        while i &+ 13 <= n {
            let r = UnsafeRawPointer(p + i)
            let v0 = UInt32(littleEndian: r.loadUnaligned(as: UInt32.self))
            let v1 = UInt32(littleEndian: r.loadUnaligned(fromByteOffset: 3, as: UInt32.self))
            let v2 = UInt32(littleEndian: r.loadUnaligned(fromByteOffset: 6, as: UInt32.self))
            let v3 = UInt32(littleEndian: r.loadUnaligned(fromByteOffset: 9, as: UInt32.self))
            // The whole first byte is in the index: a word whose first byte is not a
            // three-byte lead `1110xxxx` has every bit set, so such a character stops the loop
            // as one that may trigger does, with no test of the lead bytes of its own (valid
            // UTF-8 from a character boundary: after four three-byte leads, the bytes between
            // are their continuation bytes).
            let q0 = quads[Int(v0 & 0x3FFF)] &>> UInt64(v0 &>> 16)
            let q1 = quads[Int(v1 & 0x3FFF)] &>> UInt64(v1 &>> 16)
            let q2 = quads[Int(v2 & 0x3FFF)] &>> UInt64(v2 &>> 16)
            let q3 = quads[Int(v3 & 0x3FFF)] &>> UInt64(v3 &>> 16)
            if _fastPath((q0 | q1 | q2 | q3) & 1 == 0) {
                i &+= 12
                continue
            }
            // Stop at the first of the four that may trigger.
            if q0 & 1 != 0 { return i }
            if q1 & 1 != 0 { return i &+ 3 }
            if q2 & 1 != 0 { return i &+ 6 }
            return i &+ 9
        }
        while i &+ 8 <= n {
            let x = UInt32(bigEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self))
            let y = UInt32(bigEndian: UnsafeRawPointer(p + (i &+ 3)).loadUnaligned(as: UInt32.self))
            guard ((x ^ 0xE000_0000) | (y ^ 0xE000_0000)) & 0xF000_0000 == 0 else { break }
            let w0 = bits[Int(x &>> 16 & 0x0F3F)] &>> UInt64(x &>> 8 & 0x3F)
            let w1 = bits[Int(y &>> 16 & 0x0F3F)] &>> UInt64(y &>> 8 & 0x3F)
            guard (w0 | w1) & 1 == 0 else {
                // The first of the two may still be quiet.
                if w0 & 1 == 0 { i &+= 3 }
                break
            }
            i &+= 6
        }
        return i
    }

    private init() {
        let table = Triggers.bmpTable
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        t.initialize(from: table, count: 0x10000)
        let words = 0x0F3F + 1
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        bits.initialize(repeating: 0, count: words)
        // Words of a first byte other than E0–EF: all bits set (see `skipQuietPairs`).
        let wordsLE = 0x3FFF + 1
        let bitsLE = UnsafeMutablePointer<UInt64>.allocate(capacity: wordsLE)
        bitsLE.initialize(repeating: ~0, count: wordsLE)
        for second in 0..<64 {
            for lead in 0xE0...0xEF { bitsLE[second << 8 | lead] = 0 }
        }
        // Eight table entries at a time: most are 0.
        var c = 0x800
        while c < 0x10000 {
            if c & 7 == 0 && UnsafeRawPointer(t + c).loadUnaligned(as: UInt64.self) == 0 && c != 0x30F8 {
                c += 8
                continue
            }
            if t[c] != 0 || c == 0x30FC {
                bits[(c >> 12) << 8 | (c >> 6 & 0x3F)] |= 1 << UInt64(c & 63)
                bitsLE[(c >> 6 & 0x3F) << 8 | 0xE0 | (c >> 12)] |= 1 << UInt64(c & 63)
            }
            c += 1
        }
        triggers = UnsafePointer(t)
        skipsInC = Self.agreesWithTheSkipInC(table)
        scansInC = skipsInC && cicu_simd_level() == 2
        nfkcSkipTable = skipsInC ? UnsafePointer(bitsLE) : nil
        mayTrigger = UnsafePointer(bits)
        mayTriggerLE = UnsafePointer(bitsLE)
    }
}

extension TriggerTables {
    /// Whether every code point that `cicu_skip_quiet` passes without a look-up in the bit
    /// table is quiet in `table`, and `ー`, which it passes when no `ー` follows (``skipsInC``).
    static func agreesWithTheSkipInC(_ table: [UInt8]) -> Bool {
        // ー: its runs trigger (in the bit table), but it has no triggers of its own.
        if table[0x30FC] != 0 { return false }
        for c in 0x21...0x7D where table[c] != 0 { return false }
        // Eight entries a load (a byte at a time, 0.1 M instructions at start-up).
        let cjkQuiet = table.withUnsafeBytes { raw in
            stride(from: 0x4000, to: 0xA000, by: 8).allSatisfy { raw.loadUnaligned(fromByteOffset: $0, as: UInt64.self) == 0 }
        }
        if !cjkQuiet { return false }
        // E3 80 81–9B (U+3001–301B: 、。「」『』【】々…), the AVX2 test's (SSE2's is a subset).
        for c in 0x3001...0x301B where table[c] != 0 { return false }
        // Hiragana (E3 81) all; E3 82 but where the last byte is 99–9F, E3 83 but where it is
        // BC–BF (AVX2 tells the rows apart; SSE2 passes neither set in either row).
        for c in 0x3040...0x30FF where table[c] != 0 || c == 0x30FC {
            let last = 0x80 | c & 0x3F
            switch c >> 6 {
            case 0x3080 >> 6 where (0x99...0x9F).contains(last): continue
            case 0x30C0 >> 6 where (0xBC...0xBF).contains(last): continue
            default: return false
            }
        }
        return true
    }
}

/// What ``Triggers/scanLine(_:from:tables:)`` found in one line.
struct LineScan {
    var triggers: Triggers = []
    /// Where the line ends (the offset of its `\n`, or the end of the text).
    var end = 0
    /// Offset (from the line start) of the first character carrying each trigger.
    var first = TriggerOffsets()
    /// Offset (from the line start) of the last character carrying each trigger (for
    /// `long-vowel`, also of the first ー of the last ーー).
    var last = TriggerOffsets()

    init() {}

    /// The scan `cicu_scan_line` made (``Triggers/scanLineInC(_:count:from:tables:level:into:)``)
    /// of a line that ends at `end`.
    init(_ c: cicu_line_scan, end: Int) {
        triggers = Triggers(rawValue: UInt8(truncatingIfNeeded: c.mask))
        self.end = end
        guard c.mask != 0 else { return }
        first = TriggerOffsets(c.first)
        last = TriggerOffsets(c.last)
    }
}

/// One offset per trigger bit.
struct TriggerOffsets {
    private var offsets: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)

    init() {}

    /// The offsets `cicu_scan_line` wrote (`int64_t[8]`).
    init(_ offsets: (Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64)) {
        self.offsets = (
            Int(offsets.0), Int(offsets.1), Int(offsets.2), Int(offsets.3), Int(offsets.4), Int(offsets.5),
            Int(offsets.6), Int(offsets.7)
        )
    }

    /// Records `offset` for every bit in `bits`.
    @inline(__always)
    mutating func note(_ bits: UInt8, at offset: Int) {
        var rest = bits
        while rest != 0 {
            let k = rest.trailingZeroBitCount
            withUnsafeMutableBytes(of: &offsets) {
                $0.storeBytes(of: offset, toByteOffset: k * 8, as: Int.self)
            }
            rest &= rest &- 1
        }
    }

    /// The smallest offset among the bits of `triggers` that are set in `present`.
    func earliest(of triggers: Triggers, present: Triggers) -> Int {
        var rest = triggers.rawValue & present.rawValue
        var result = Int.max
        while rest != 0 {
            let k = rest.trailingZeroBitCount
            let o = withUnsafeBytes(of: offsets) { $0.load(fromByteOffset: k * 8, as: Int.self) }
            result = min(result, o)
            rest &= rest &- 1
        }
        return result == Int.max ? 0 : result
    }

    /// The largest offset among the bits of `triggers` that are set in `present` (0 if none).
    func latest(of triggers: Triggers, present: Triggers) -> Int {
        var rest = triggers.rawValue & present.rawValue
        var result = 0
        while rest != 0 {
            let k = rest.trailingZeroBitCount
            let o = withUnsafeBytes(of: offsets) { $0.load(fromByteOffset: k * 8, as: Int.self) }
            result = max(result, o)
            rest &= rest &- 1
        }
        return result
    }
}
