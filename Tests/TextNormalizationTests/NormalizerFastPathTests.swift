import Testing

internal import CICUShims

@testable import TextNormalization

/// The per-line quick check (`Triggers.scanLine`) and the character rules against the forms
/// they replaced (`FastPathReferences.swift`), on tricky and generated lines: same triggers, same
/// first offsets, same output bytes, same edits.
@Suite struct NormalizerFastPathTests {
    // MARK: - Inputs

    /// Every character some rule or trigger looks at, the neighbours rules care about (kana that
    /// take voiced marks, Japanese and Latin letters), characters of every UTF-8 length, and
    /// characters that share lead or second bytes with the ones looked for.
    static let alphabet: [UInt32] = {
        var s: [UInt32] = []
        for c in "aZ09*-~ \t!\"#.,()（）。、「」ーｰ－—―─━﹣‐‑‒–⁃⁻₋−˗֊∼∾〜〰～　ＡＺａ０９！＂～｡｢ｶｷﾊﾎｳﾜｦｧﾞﾟ゛゜かきはぱうゝゞカハウワヲヽヾヷヿゟ漢字東京㍿①ﬁ½éàÅ€¥“”‘’㈱Ⅳ가ᄀ😀𠮷𝐀"
            .unicodeScalars
        {
            s.append(c.value)
        }
        s += [
            0x00, 0x01, 0x1F, 0x7F, 0x85, 0x9F, 0xA0, 0xAD, 0x1680, 0x2000, 0x2005, 0x200A, 0x200B, 0x200C, 0x200D,
            0x202F, 0x205F, 0x2060, 0xFEFF, 0x3099, 0x309A, 0x30FB, 0x3001, 0x303F, 0x3040, 0x309F, 0x30A0, 0x30FF,
            0x31F0, 0x3131, 0x3190, 0x3200, 0x33FF, 0x3400, 0xF900, 0xFAFF, 0xFE30, 0xFE63, 0xFF00, 0xFF5F, 0xFF60,
            0xFF61, 0xFF9D, 0xFFA0, 0xFFE5, 0xFFEF, 0x2E80, 0x2F00, 0x0301, 0x0345, 0x1E9B, 0x2126, 0x1D15E, 0x2F800,
            0x20000, 0x10FFFF,
        ]
        return s
    }()

    /// A line of up to `maxLength` characters; characters often repeat, so runs of marks and
    /// spaces occur.
    static func randomLine(_ rng: inout SplitMix64, maxLength: Int, newlines: Bool = false) -> [UInt8] {
        let n = Int(rng.next() % UInt64(maxLength + 1))
        var out: [UInt8] = []
        var prev: UInt32 = 0x3042
        for _ in 0..<n {
            var c = rng.next() % 4 == 0 ? prev : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            if newlines && rng.next() % 16 == 0 { c = 0x0A }
            appendUTF8(c, to: &out)
            prev = c
        }
        return out
    }

    static let tricky: [String] = [
        "", " ", "  ", "a b", "a  b", "* a", "a *", "a b ", " a b", "ーー", "ーーー", "アーー", "ーアー", "ー ー",
        "カ—", "カ—－", "スーパーーー", "東京—大阪", "ｶﾞｲﾄﾞ　ブック", "か゛", "は゜", "カﾞ", "ﾊﾟ", "ﾞ", "ﾟﾟ", "ｳﾞ",
        "１９９５〜２００１年", "a〜b", "～", "a\u{3000}b", "少将 を", "DEFCON2 と", "(ロシア語版) を", "あ \u{3099}",
        "\u{200B}あ\u{FEFF}", "a\u{00AD}b", "‐‐‐", "a−−b", "㍿", "ヿ", "ゟ", "😀ーー", "𝐀ーー",
    ]

    /// Tricky lines and many generated ones.
    static func lines(count: Int, seed: UInt64, maxLength: Int = 24, newlines: Bool = false) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        var result = tricky.map { Array($0.utf8) }
        for _ in 0..<count { result.append(randomLine(&rng, maxLength: maxLength, newlines: newlines)) }
        return result
    }

    // MARK: - Quick check

    /// The trigger table, built once at start-up, holds what the reference construction gives
    /// for every BMP code point (and so do supplementary code points).
    @Test func triggerTableMatchesTheReferenceConstruction() {
        let table = Triggers.bmpTable
        for c in 0..<0x10000 where c < 0xD800 || c > 0xDFFF {
            #expect(table[c] == Triggers.referenceTriggers(of: UInt32(c)).rawValue, "U+\(String(c, radix: 16))")
        }
        for c: UInt32 in [0x1D400, 0x1F100, 0x1F200, 0x2F800, 0x20000, 0x1F600, 0x10FFFF] {
            #expect(Triggers.triggers(of: c) == Triggers.referenceTriggers(of: c))
        }
    }

    /// The range test in front of the trigger sets lets through every code point that is in
    /// one of them.
    @Test func ownTriggersRangeTestKeepsEveryMember() {
        for c in stride(from: UInt32(0), through: 0x10FFFF, by: 1) where c < 0x10000 || c % 61 == 0 {
            if !Triggers.mayHaveOwnTriggers(c) {
                #expect(Triggers.referenceOwn(c).isEmpty, "U+\(String(c, radix: 16))")
            }
        }
    }

    /// The range test with which the trigger table is built eight code points at a time is
    /// true for every range that holds a code point with triggers of its own or a width
    /// character (every aligned range of eight, and every single code point, of the BMP).
    @Test func ownTriggersOrWidthRangeTestKeepsEveryMember() {
        for c in UInt32(0)..<0x10000 where Triggers.mayHaveOwnTriggers(c) || Triggers.isWidthCharacter(c) {
            #expect(Triggers.mayHaveOwnTriggersOrWidth(from: c, to: c + 1), "U+\(String(c, radix: 16))")
            #expect(Triggers.mayHaveOwnTriggersOrWidth(from: c & ~7, to: (c & ~7) + 8), "U+\(String(c, radix: 16))")
        }
        // And false for some of the quiet stretches, or it would save nothing.
        #expect(!Triggers.mayHaveOwnTriggersOrWidth(from: 0x4E00, to: 0x4E08))
        #expect(!Triggers.mayHaveOwnTriggersOrWidth(from: 0x0100, to: 0x0108))
    }

    /// ICU's flags, taken for an inert code point without asking its three properties, are
    /// what the properties give: every BMP code point and every 61st beyond.
    @Test func nfkcFlagsMatchTheThreeProperties() {
        for c in stride(from: UInt32(0), through: 0x10FFFF, by: 1) where c < 0x10000 || c % 61 == 0 {
            if c >= 0xD800 && c <= 0xDFFF { continue }
            #expect(cicu_nfkc_flags(c) == cicu_nfkc_flags_reference(c), "U+\(String(c, radix: 16))")
        }
    }

    @Test func scanLineMatchesTheReferenceScan() {
        Triggers.bmpTable.withUnsafeBufferPointer { table in
            for text in Self.lines(count: 30000, seed: 7, maxLength: 40, newlines: true) {
                text.withUnsafeBufferPointer { bytes in
                    var start = 0
                    while true {
                        let new = Triggers.scanLine(bytes, from: start)
                        let old = Triggers.referenceScanLine(bytes, from: start, table: table)
                        #expect(new.triggers == old.triggers, "\(text)")
                        #expect(new.end == old.end, "\(text)")
                        for k in 0..<8 {
                            let bit = Triggers(rawValue: 1 << k)
                            #expect(
                                new.first.earliest(of: bit, present: new.triggers)
                                    == old.first.earliest(of: bit, present: old.triggers), "\(text) bit \(k)")
                        }
                        if old.end >= bytes.count { break }
                        start = old.end + 1
                    }
                }
            }
        }
    }

    /// The scan in C (`cicu_scan_line`, with AVX2 and with its byte loop) finds what the scan in
    /// Swift finds: triggers, end, and first and last offset of every trigger, on lines long
    /// enough for several vectors, from every line start.
    @Test func scanLineInCMatchesTheScanInSwift() {
        #expect(UInt8(CICU_TRIGGER_LONG_VOWEL) == Triggers.longVowel.rawValue)
        let tables = TriggerTables.shared
        var inputs = Self.lines(count: 6000, seed: 21, maxLength: 90, newlines: true)
        // Long quiet stretches with a loud character at every place (vector edges, the last
        // vector that overlaps the one before it, the bytes after it).
        let quiet = Array("あいうえお漢字東京かきくけこさしすせそ日本語アイウエオabc123カタカナひらがなスーパー".utf8)
        for loud in ["ーー", "（", "ｶﾞ", "〜", "\u{3000}", " ", "a b", "* b", "~", "\n", "\u{7F}", "é", "😀", "\u{3099}", "゛", "、", "㍿"] {
            for k in 0...quiet.count where k == quiet.count || quiet[k] & 0xC0 != 0x80 {
                var bytes = quiet
                bytes.insert(contentsOf: Array(loud.utf8), at: k)
                inputs.append(bytes)
            }
        }
        // Texts of every length up to 100 bytes, with a loud character last, first or nowhere:
        // every split between the whole vectors, the byte before the last 32, the vector of the
        // last 32 bytes (1 to 32 of its lanes new) and the buffer of a text under 32 bytes.
        let quietASCII = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for run in [quiet, quietASCII + quietASCII] {
            for cut in 0...min(run.count, 100) where cut == run.count || run[cut] & 0xC0 != 0x80 {
                let prefix = Array(run[0..<cut])
                inputs.append(prefix)
                for loud in ["ーー", "（", "ｶﾞ", " ", "a b", "é", "😀", "\n", "、", "ー"] {
                    inputs.append(prefix + Array(loud.utf8))
                    inputs.append(Array(loud.utf8) + prefix)
                }
            }
        }
        for text in inputs {
            text.withUnsafeBufferPointer { bytes in
                guard let p = bytes.baseAddress else { return }
                var start = 0
                while true {
                    let old = Triggers.scanLineInSwift(bytes, from: start, tables: tables)
                    for level: Int32 in [2, 0] {
                        let new = Triggers.scanLineInC(p, count: bytes.count, from: start, tables: tables, level: level)
                        #expect(new.triggers == old.triggers, "level \(level): \(text) from \(start)")
                        #expect(new.end == old.end, "level \(level): \(text) from \(start)")
                        for k in 0..<8 {
                            let bit = Triggers(rawValue: 1 << k)
                            #expect(
                                new.first.earliest(of: bit, present: new.triggers)
                                    == old.first.earliest(of: bit, present: old.triggers),
                                "level \(level): \(text) from \(start) bit \(k)")
                            #expect(
                                new.last.latest(of: bit, present: new.triggers)
                                    == old.last.latest(of: bit, present: old.triggers),
                                "level \(level): \(text) from \(start) bit \(k)")
                        }
                    }
                    if old.end >= bytes.count { break }
                    start = old.end + 1
                }
            }
        }
    }

    /// `skipQuietPairs` (four three-byte characters at a time, then two) stops where a
    /// character-by-character walk of the trigger table stops: at the first character that
    /// is not a three-byte one or may trigger (`ー` included), on runs of quiet kana and kanji
    /// with one such character put at every place, and on random lines.
    @Test func skipQuietPairsMatchesACharacterWalk() {
        let table = Triggers.bmpTable
        func walk(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var i = start
            while i + 2 < p.count, p[i] & 0xF0 == 0xE0 {
                let c = Int(p[i] & 0x0F) << 12 | Int(p[i + 1] & 0x3F) << 6 | Int(p[i + 2] & 0x3F)
                if table[c] != 0 || c == 0x30FC { break }
                i += 3
            }
            return i
        }
        let quiet = Array("あいうえお漢字東京かきくけこさしすせそ日本語".utf8)
        var inputs: [[UInt8]] = []
        for loud in ["ー", "ーー", "（", "ｶ", "〜", "\u{3000}", "a", "é", "😀", "\u{3099}", "ゟ"] {
            for k in stride(from: 0, through: quiet.count, by: 3) {
                var bytes = quiet
                bytes.insert(contentsOf: Array(loud.utf8), at: k)
                inputs.append(bytes)
            }
        }
        inputs += Self.lines(count: 3000, seed: 11, maxLength: 40)
        for bytes in inputs {
            bytes.withUnsafeBufferPointer { p in
                var start = 0
                while start < p.count {
                    let fast = TriggerTables.shared.skipQuietPairs(p.baseAddress!, from: start, count: p.count)
                    let slow = walk(p, from: start)
                    // Never past a loud character; short of the walk only near the end (it
                    // reads 8 or 13 bytes ahead) or by one character before one that is not
                    // of three bytes (a pair must be two three-byte characters).
                    #expect(fast <= slow, "\(bytes) from \(start)")
                    if fast < slow { #expect(slow - fast <= 3 || p.count - fast < 8, "\(bytes) from \(start) \(fast) \(slow)") }
                    start = max(start, fast) + 1
                    while start < p.count && p[start] & 0xC0 == 0x80 { start += 1 }
                }
            }
        }
    }

    /// The start-up check that guards the C skip refuses a trigger table with a trigger on a
    /// character the skip passes without a look-up (printable ASCII, a kanji, a hiragana, a
    /// katakana outside the voiced-mark rows, ー), so an edited table falls back to the Swift
    /// loop instead of skipping what needs work; a trigger on a character the skip looks up
    /// (ゟ, U+309F) leaves it on.
    @Test func theSkipInCIsRefusedForATableItWouldMisread() {
        let table = Triggers.bmpTable
        // (、U+3001, 〛U+301B, タ U+30BF, ベ U+30D9 and ミ U+30DF: the AVX2 test's.)
        for c in [0x41, 0x7D, 0x4E00, 0x9FFF, 0x3042, 0x307F, 0x30A2, 0x30FC, 0x3001, 0x301B, 0x30BF, 0x30D9, 0x30DF] {
            var edited = table
            edited[c] = 1
            #expect(!TriggerTables.agreesWithTheSkipInC(edited), "U+\(String(c, radix: 16))")
        }
        var looked = table
        looked[0x309F] = 1
        #expect(TriggerTables.agreesWithTheSkipInC(looked))
    }

    /// `cicu_skip_quiet` (32 or 16 bytes at a time in C) stops exactly where a character-by-character
    /// walk of the trigger table stops (printable ASCII `!`–`}`, three-byte characters without
    /// triggers and a `ー` that no `ー` follows are quiet), from every character boundary of long random
    /// lines and of quiet runs with one loud character put at every place; and the tables agree
    /// with the sets it takes as quiet without a look-up. At each vector level (32, 16, 1 bytes).
    @Test func skipInCMatchesACharacterWalk() {
        let table = Triggers.bmpTable
        #expect(TriggerTables.agreesWithTheSkipInC(table))
        #expect(TriggerTables.shared.skipsInC)
        func walk(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var i = start
            while i < p.count {
                let b = p[i]
                if b > 0x20 && b < 0x7E && table[Int(b)] == 0 { i += 1; continue }
                guard b & 0xF0 == 0xE0 else { break }
                let c = Int(b & 0x0F) << 12 | Int(p[i + 1] & 0x3F) << 6 | Int(p[i + 2] & 0x3F)
                // A lone ー is quiet; the first of ーー is not.
                let runOfMarks = c == 0x30FC && i + 5 < p.count && p[i + 3] == 0xE3 && p[i + 4] == 0x83 && p[i + 5] == 0xBC
                if table[c] != 0 || runOfMarks { break }
                i += 3
            }
            return i
        }
        let quiet = Array("あいうえお漢字東京かきくけこさしすせそ日本語アイウエオabc123カタカナひらがなスーパー".utf8)
        var inputs: [[UInt8]] = []
        for loud in ["ー", "ーー", "（", "ｶ", "〜", "\u{3000}", " ", "~", "\n", "\u{7F}", "é", "😀", "\u{3099}", "゛", "゜", "ゟ", "、", "㍿", "〛", "〰", "タ", "ミ", "ヽ", "ヿ", "ゞ"] {
            for k in 0...quiet.count where k == quiet.count || quiet[k] & 0xC0 != 0x80 {
                var bytes = quiet
                bytes.insert(contentsOf: Array(loud.utf8), at: k)
                inputs.append(bytes)
            }
        }
        inputs += Self.lines(count: 3000, seed: 13, maxLength: 80)
        for bytes in inputs {
            bytes.withUnsafeBufferPointer { p in
                for start in 0..<p.count where p[start] & 0xC0 != 0x80 {
                    let slow = walk(p, from: start)
                    let fast = Int(cicu_skip_quiet(p.baseAddress!, Int64(start), Int64(p.count), TriggerTables.shared.mayTriggerLE))
                    #expect(fast == slow, "\(bytes) from \(start)")
                    // Each vector level (AVX2, SSE2, none; never above the processor's).
                    for level: Int32 in [1, 0] {
                        let at = Int(cicu_skip_quiet_at_level(p.baseAddress!, Int64(start), Int64(p.count), TriggerTables.shared.mayTriggerLE, level))
                        #expect(at == slow, "level \(level): \(bytes) from \(start)")
                    }
                }
            }
        }
    }

    /// A text of one line takes `process`'s own path, a longer one the loop over its lines, and
    /// `normalizedIfChanged` is `normalize` without the text handed back when it is unchanged:
    /// two lines normalized alone and joined by `\n` give the same bytes, counts and
    /// `changedFrom`.
    @Test func oneLinePathMatchesTheLineLoop() {
        let normalizer = Normalizer(options: .wikiJa)
        let lines = Self.lines(count: 2000, seed: 23, maxLength: 30).map { String(decoding: $0, as: UTF8.self) }
        for k in 0..<(lines.count - 1) {
            let a = lines[k], b = lines[k + 1]
            var alone = NormalizationCounter()
            var scratch = Normalizer.Scratch()
            let na = normalizer.normalize(a, counter: &alone, scratch: &scratch)
            let (changedA, fromA) = (scratch.changed, scratch.changedFrom)
            let nb = normalizer.normalize(b, counter: &alone, scratch: &scratch)
            var joined = NormalizationCounter()
            var joinedScratch = Normalizer.Scratch()
            let nab = normalizer.normalize(a + "\n" + b, counter: &joined, scratch: &joinedScratch)
            #expect(Array(nab.utf8) == Array((na + "\n" + nb).utf8), "\(a) / \(b)")
            #expect(joined.stats == alone.stats, "\(a) / \(b)")
            if changedA { #expect(joinedScratch.changedFrom == fromA, "\(a) / \(b)") }
            var counter = NormalizationCounter()
            let ifChanged = normalizer.normalizedIfChanged(a, counter: &counter, scratch: &scratch)
            #expect(Array((ifChanged ?? a).utf8) == Array(na.utf8), "\(a)")
            #expect((ifChanged != nil) == changedA && scratch.changed == changedA && scratch.changedFrom == fromA, "\(a)")
        }
    }

    /// The thread's scratch, reused from call to call, gives what a fresh scratch gives (bytes,
    /// counts, `changed`, `changedFrom`); a call inside another on the same thread gets a
    /// scratch of its own, and the outer one is the thread's again afterwards.
    @Test func threadScratchMatchesAFreshScratch() {
        let normalizer = Normalizer(options: .wikiJa)
        let texts = Self.lines(count: 600, seed: 43, maxLength: 40, newlines: true).map { String(decoding: $0, as: UTF8.self) }
        var viaThread = NormalizationCounter()
        var fresh = NormalizationCounter()
        for text in texts {
            var scratch = Normalizer.Scratch()
            let expected = normalizer.normalizedIfChanged(text, counter: &fresh, scratch: &scratch)
            Normalizer.withThreadScratch { threadScratch in
                let got = normalizer.normalizedIfChanged(text, counter: &viaThread, scratch: &threadScratch)
                #expect(got.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(text)")
                #expect(threadScratch.changed == scratch.changed && threadScratch.changedFrom == scratch.changedFrom)
                let outer = withUnsafePointer(to: &threadScratch) { $0 }
                Normalizer.withThreadScratch { inner in
                    #expect(withUnsafePointer(to: &inner) { $0 } != outer)
                    var counter = NormalizationCounter()
                    let again = normalizer.normalizedIfChanged(text, counter: &counter, scratch: &inner)
                    #expect(again.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(text)")
                }
            }
        }
        #expect(viaThread.stats == fresh.stats)
    }

    // MARK: - Rules

    typealias Apply = (UnsafeBufferPointer<UInt8>, Int, inout [UInt8], inout [Edit], Bool) -> Bool

    /// Runs both forms of a rule from several starting offsets (0, the first character carrying
    /// the rule's trigger as the pipeline does, and every character boundary), with and without
    /// edit tracking, and compares everything they return.
    static func compare(
        _ name: String, trigger: Triggers, new: Apply, old: Apply, count: Int = 6000, seed: UInt64
    ) {
        Triggers.bmpTable.withUnsafeBufferPointer { table in
            for line in lines(count: count, seed: seed) {
                line.withUnsafeBufferPointer { bytes in
                    let scan = Triggers.scanLine(bytes, from: 0)
                    var starts = [0, scan.first.earliest(of: trigger, present: scan.triggers)]
                    for (i, b) in line.enumerated() where b & 0xC0 != 0x80 && i % 3 == 0 { starts.append(i) }
                    for start in Set(starts) {
                        for track in [false, true] {
                            var outNew: [UInt8] = [9, 9]
                            var outOld: [UInt8] = [9, 9]
                            var editsNew: [Edit] = []
                            var editsOld: [Edit] = []
                            let changedNew = new(bytes, start, &outNew, &editsNew, track)
                            let changedOld = old(bytes, start, &outOld, &editsOld, track)
                            #expect(changedNew == changedOld, "\(name) \(line) from \(start)")
                            if changedOld {
                                #expect(outNew == outOld, "\(name) \(line) from \(start)")
                            }
                            #expect(editsNew == editsOld, "\(name) \(line) from \(start)")
                        }
                    }
                }
            }
        }
    }

    @Test func widthMatchesTheReference() {
        Self.compare(
            "width", trigger: .width, new: { UnifyWidth().apply($0, from: $1, into: &$2, edits: &$3, track: $4) },
            old: { ReferenceUnifyWidth().apply($0, from: $1, into: &$2, edits: &$3, track: $4) }, seed: 1)
    }

    typealias SwiftLoop = (UnsafeBufferPointer<UInt8>, Int, Int, inout [UInt8], inout [Edit], Bool) -> Bool
    typealias CLoop = (UnsafePointer<UInt8>, Int, Int, Int, inout [UInt8], inout [Edit], Bool, Int32) -> Bool

    /// Runs a rule's C loop (AVX2 and bytes) and its Swift loop on each line, from 0, the end and
    /// character boundaries picked at random, up to several ends, with and without edits, the C
    /// loop into output arrays of random lengths (it reuses what they hold), and compares what
    /// they return; returns how many C runs were compared.
    static func compareInC(
        _ name: String, lines: [[UInt8]], rng: inout SplitMix64, swift: SwiftLoop, c: CLoop
    ) -> Int {
        var checked = 0
        for line in lines {
            line.withUnsafeBufferPointer { bytes in
                let n = bytes.count
                var starts = [0, n]
                for (i, b) in line.enumerated() where b & 0xC0 != 0x80 && rng.next() % 3 == 0 { starts.append(i) }
                for start in starts {
                    for end in [Int.max, n, start + Int(rng.next() % 40), start] {
                        for track in [false, true] {
                            var outSwift: [UInt8] = [9, 9]
                            var editsSwift: [Edit] = []
                            let changedSwift = swift(bytes, start, end, &outSwift, &editsSwift, track)
                            for level: Int32 in [2, 0] {
                                var outC: [UInt8] = Array(repeating: 7, count: Int(rng.next() % 90))
                                var editsC: [Edit] = []
                                let changedC = n == 0 ? false : c(bytes.baseAddress!, n, start, end, &outC, &editsC, track, level)
                                let place = "\(name) \(line) from \(start) to \(end) level \(level)"
                                #expect(changedC == changedSwift, "\(place)")
                                if changedSwift { #expect(outC == outSwift, "\(place)") }
                                #expect(editsC == editsSwift, "\(place)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        return checked
    }

    /// The width rule's C loop (`cicu_unify_width`, AVX2 and bytes) against its Swift loop: on
    /// long generated lines (the vector search needs 34 bytes), from every character boundary,
    /// up to several ends, with and without edits; and on every BMP kana-block code point before
    /// each mark that may join it, after a half-width kana or alone; and on lines with more
    /// edits than fit on the stack (the call again with room for them all).
    @Test func widthInCMatchesTheSwiftLoop() {
        var rng = SplitMix64(seed: 31)
        var lines = Self.lines(count: 1000, seed: 30, maxLength: 60)
        for c in UInt32(0x3000)...0x30FF {
            for mark: UInt32 in [0xFF9E, 0xFF9F, 0x3099, 0x309A, 0x309B, 0x309C] {
                for first: [UInt32] in [[c, mark], [0xFF76, mark, c, mark], [0x6F22, c, 0xFF71, mark]] {
                    var line: [UInt8] = []
                    for x in first { appendUTF8(x, to: &line) }
                    lines.append(line)
                }
            }
        }
        for c in UInt32(0xFF61)...0xFF9F {
            for mark: UInt32 in [0xFF9E, 0xFF9F, 0x3099, 0x309A, 0x309B, 0x309C, 0x41] {
                var line: [UInt8] = []
                for x in [c, mark, 0xFF10, c] { appendUTF8(x, to: &line) }
                lines.append(line)
            }
        }
        // More than `stackEdits` runs, apart.
        var many: [UInt8] = []
        for k in 0..<(UnifyWidth.stackEdits * 2 + 3) {
            appendUTF8(k % 2 == 0 ? 0xFF76 : 0xFF21, to: &many)
            appendUTF8(0x3042, to: &many)
        }
        lines.append(many)
        lines.append(Array("漢字".utf8) + many + Array(String(repeating: "かな", count: 30).utf8))
        let checked = Self.compareInC(
            "width", lines: lines, rng: &rng,
            swift: { UnifyWidth().applyInSwift($0, from: $1, to: $2, into: &$3, edits: &$4, track: $5) },
            c: { p, n, start, end, out, edits, track, level in
                start >= min(end, n)
                    ? false
                    : UnifyWidth.applyInC(
                        p, count: n, from: start, to: min(end, n), into: &out, edits: &edits, track: track, level: level)
            })
        #expect(checked > 100_000)
    }

    /// The long-vowel rule's C loop (`cicu_unify_long_vowels`, AVX2 and bytes) against its
    /// Swift loop, in both modes: on long generated lines, from character boundaries (the run
    /// that holds the start is looked for backwards), up to several ends, with and without
    /// edits; on every pair of marks after each kana-block code point; on a line with more runs
    /// than edits fit on the stack.
    @Test(arguments: [NormalizationOptions.LongVowel.kana, .all])
    func longVowelInCMatchesTheSwiftLoop(mode: NormalizationOptions.LongVowel) {
        var rng = SplitMix64(seed: 33)
        var lines = Self.lines(count: 1000, seed: 32, maxLength: 60)
        let marks: [UInt32] = [0xFE63, 0xFF0D, 0xFF70, 0x2014, 0x2015, 0x2500, 0x2501, 0x30FC, 0x2010, 0x2D, 0x2013]
        for c in stride(from: UInt32(0x3000), through: 0x30FF, by: 1) {
            for m in marks {
                for tail: [UInt32] in [[], [0x30FC], [0x2D], [m, 0x3042], [0x2010]] {
                    var line: [UInt8] = []
                    for x in [c, m] + tail { appendUTF8(x, to: &line) }
                    lines.append(line)
                }
            }
        }
        var many: [UInt8] = []
        for _ in 0..<(UnifyWidth.stackEdits * 2 + 3) {
            for x: UInt32 in [0x30AB, 0x2014, 0x41] { appendUTF8(x, to: &many) }
        }
        lines.append(many)
        lines.append(Array(String(repeating: "カーー", count: 20).utf8) + many)
        let rule = UnifyLongVowels(mode: mode)
        let checked = Self.compareInC(
            "long-vowel", lines: lines, rng: &rng,
            swift: { rule.applyInSwift($0, from: $1, to: $2, into: &$3, edits: &$4, track: $5) },
            c: { rule.applyInC($0, count: $1, from: $2, to: $3, into: &$4, edits: &$5, track: $6, level: $7) })
        #expect(checked > 100_000)
    }

    /// The C long-vowel loop's own copies of the character sets (`long_vowel_is_mark`,
    /// `_is_kana`, `_is_katakana`, `_is_hyphen`, and the lead bytes its search stops at)
    /// against ``CharacterClasses``, through the rule, for every BMP scalar: as the character
    /// before a run of one mark (katakana), before a run with `ー` (kana), after an isolated
    /// mark (hyphen), and as the mark itself. A set changed on one side only shows here.
    @Test(arguments: [NormalizationOptions.LongVowel.kana, .all])
    func longVowelInCKnowsTheCharacterSets(mode: NormalizationOptions.LongVowel) {
        let rule = UnifyLongVowels(mode: mode)
        var compared = 0
        for c in UInt32(0)...0xFFFF where !(0xD800...0xDFFF).contains(c) && c != 0x0A {
            for scalars: [UInt32] in [[c, 0x2014], [c, 0x30FC, 0x2014], [0x30AB, 0x2014, c], [0x30AB, c, 0x41]] {
                // Padded past the 35 bytes the vector search reads, so both searches run.
                var line = Array(String(repeating: "a", count: 40).utf8)
                for x in scalars { appendUTF8(x, to: &line) }
                line += Array("かな".utf8)
                line.withUnsafeBufferPointer { bytes in
                    var outSwift: [UInt8] = []
                    var editsSwift: [Edit] = []
                    let changedSwift = rule.applyInSwift(bytes, from: 0, into: &outSwift, edits: &editsSwift, track: true)
                    for level: Int32 in [2, 0] {
                        var outC: [UInt8] = []
                        var editsC: [Edit] = []
                        let changedC = rule.applyInC(
                            bytes.baseAddress!, count: bytes.count, from: 0, to: .max, into: &outC, edits: &editsC, track: true,
                            level: level)
                        if changedC != changedSwift || (changedSwift && outC != outSwift) || editsC != editsSwift {
                            Issue.record("U+\(String(c, radix: 16)) in \(scalars) level \(level)")
                        }
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 500_000)
    }

    @Test(arguments: [NormalizationOptions.LongVowel.kana, .all])
    func longVowelMatchesTheReference(mode: NormalizationOptions.LongVowel) {
        Self.compare(
            "long-vowel", trigger: .longVowel,
            new: { UnifyLongVowels(mode: mode).apply($0, from: $1, into: &$2, edits: &$3, track: $4) },
            old: { ReferenceUnifyLongVowels(mode: mode).apply($0, from: $1, into: &$2, edits: &$3, track: $4) }, seed: 2)
    }

    /// The spaces rule's C loop (`cicu_remove_japanese_spaces`, AVX2 and bytes) against its
    /// Swift loop: on long generated lines, from character boundaries (the run that holds the
    /// start is looked for backwards), up to several ends, with and without edits; on every BMP
    /// scalar before and after a space (Japanese or not, starting a cluster or not) and as the
    /// would-be space itself, padded past the 34 bytes the vector search reads; on a line with
    /// more runs than edits fit on the stack.
    @Test func japaneseSpacesInCMatchTheSwiftLoop() {
        var rng = SplitMix64(seed: 35)
        var lines = Self.lines(count: 1000, seed: 34, maxLength: 60)
        var many: [UInt8] = []
        for _ in 0..<(UnifyWidth.stackEdits * 2 + 3) {
            for x: UInt32 in [0x3042, 0x3000, 0x41, 0x20, 0x20, 0x6F22] { appendUTF8(x, to: &many) }
        }
        lines.append(many)
        lines.append(Array(String(repeating: "かな ", count: 20).utf8) + many)
        let rule = RemoveJapaneseSpaces()
        let checked = Self.compareInC(
            "spaces", lines: lines, rng: &rng,
            swift: { rule.applyInSwift($0, from: $1, to: $2, into: &$3, edits: &$4, track: $5) },
            c: { rule.applyInC($0, count: $1, from: $2, to: $3, into: &$4, edits: &$5, track: $6, level: $7) })
        #expect(checked > 100_000)
        var compared = 0
        for c in UInt32(0)...0xFFFF where !(0xD800...0xDFFF).contains(c) && c != 0x0A {
            for scalars: [UInt32] in [[c, 0x20, 0x3042], [0x3042, 0x3000, c], [0x41, c, 0x42], [0x3042, c, 0x3099]] {
                var line = Array(String(repeating: "a", count: 40).utf8)
                for x in scalars { appendUTF8(x, to: &line) }
                line += Array("かな".utf8)
                line.withUnsafeBufferPointer { bytes in
                    var outSwift: [UInt8] = []
                    var editsSwift: [Edit] = []
                    let changedSwift = rule.applyInSwift(bytes, from: 40, into: &outSwift, edits: &editsSwift, track: true)
                    for level: Int32 in [2, 0] {
                        var outC: [UInt8] = []
                        var editsC: [Edit] = []
                        let changedC = rule.applyInC(
                            bytes.baseAddress!, count: bytes.count, from: 40, to: .max, into: &outC, edits: &editsC,
                            track: true, level: level)
                        if changedC != changedSwift || (changedSwift && outC != outSwift) || editsC != editsSwift {
                            Issue.record("U+\(String(c, radix: 16)) in \(scalars) level \(level)")
                        }
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 500_000)
    }

    @Test func japaneseSpacesMatchTheReference() {
        Self.compare(
            "spaces", trigger: .spaces,
            new: { RemoveJapaneseSpaces().apply($0, from: $1, into: &$2, edits: &$3, track: $4) },
            old: { ReferenceRemoveJapaneseSpaces().apply($0, from: $1, into: &$2, edits: &$3, track: $4) }, seed: 3)
    }

    @Test(arguments: NormalizationOptions.Tilde.allCases)
    func tildesMatchTheReference(mode: NormalizationOptions.Tilde) {
        Self.compare(
            "tilde", trigger: .tilde,
            new: { UnifyTildes(mode: mode).apply($0, from: $1, into: &$2, edits: &$3, track: $4) },
            old: { ReferenceUnifyTildes(mode: mode).apply($0, from: $1, into: &$2, edits: &$3, track: $4) }, seed: 4)
    }

    @Test func hyphensMatchTheReference() {
        Self.compare(
            "hyphens", trigger: .hyphens,
            new: { UnifyHyphens().apply($0, from: $1, into: &$2, edits: &$3, track: $4) },
            old: { ReferenceUnifyHyphens().apply($0, from: $1, into: &$2, edits: &$3, track: $4) }, seed: 5)
    }

    @Test func controlsMatchTheReference() {
        Self.compare(
            "controls", trigger: .controls,
            new: { RemoveControls().apply($0, from: $1, into: &$2, edits: &$3, track: $4) },
            old: { ReferenceRemoveControls().apply($0, from: $1, into: &$2, edits: &$3, track: $4) }, seed: 6)
    }

    /// A piece that is one BMP code point takes its form from a cache that ICU fills on first
    /// use: for every code point NFKC may change, alone and between two kanji, with and without
    /// edits, first and second time (from ICU, then from the cache), `cicu_nfkc_utf8` gives the
    /// form `cicu_nfkc_code_point` gets from ICU on UTF-16 (no piece in between).
    @Test func cachedFormsOfOneCodePointMatchICU() {
        var checked = 0
        for c in UInt32(0x80)..<0x10000 where !(0xD800...0xDFFF).contains(c) {
            guard cicu_nfkc_flags(c) & UInt8(CICU_NFKC_SAFE) == 0 else { continue }
            var form = [UInt32](repeating: 0, count: 32)
            let count = Int(cicu_nfkc_code_point(c, &form, 32))
            #expect(count > 0 && count <= 32)
            var expected: [UInt8] = []
            for d in form.prefix(count) { appendUTF8(d, to: &expected) }
            var alone: [UInt8] = []
            appendUTF8(c, to: &alone)
            let kanji = Array("漢".utf8)
            for input in [alone, kanji + alone + kanji] {
                let want = input == alone ? expected : kanji + expected + kanji
                for _ in 0..<2 {
                    for track in [false, true] {
                        var out = [UInt8](repeating: 0, count: 256)
                        var edits = [cicu_nfkc_edit](repeating: cicu_nfkc_edit(), count: 8)
                        var editCount: Int64 = 0
                        let r = out.withUnsafeMutableBufferPointer { d in
                            edits.withUnsafeMutableBufferPointer { e in
                                input.withUnsafeBufferPointer { src in
                                    cicu_nfkc_utf8(
                                        src.baseAddress, Int64(src.count), d.baseAddress, 256,
                                        track ? e.baseAddress : nil, 8, &editCount)
                                }
                            }
                        }
                        if want == input {
                            #expect(r == -1, "U+\(String(c, radix: 16))")
                        } else {
                            #expect(r == Int64(want.count), "U+\(String(c, radix: 16))")
                            if r > 0 { #expect(Array(out[..<Int(r)]) == want, "U+\(String(c, radix: 16))") }
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 10000)
    }

    /// What `cicu_nfkc_utf8_skipping` relies on: every BMP code point without a trigger is
    /// NFKC-safe, and every safe one has a boundary before it.
    @Test func quietCodePointsAreNFKCSafe() {
        #expect(cicu_nfkc_safe_has_boundary() == 1)
        #expect(TriggerTables.shared.nfkcSkipTable != nil)
        let table = Triggers.bmpTable
        for c in 0..<0x10000 where !(0xD800...0xDFFF).contains(c) {
            let flags = cicu_nfkc_flags(UInt32(c))
            if table[c] == 0 { #expect(flags & UInt8(CICU_NFKC_SAFE) != 0, "U+\(String(c, radix: 16))") }
            if flags & UInt8(CICU_NFKC_SAFE) != 0 {
                #expect(flags & UInt8(CICU_NFKC_BOUNDARY_BEFORE) != 0, "U+\(String(c, radix: 16))")
            }
        }
    }

    /// `cicu_nfkc_utf8_skipping`, which passes runs of quiet characters 32 bytes at a time,
    /// gives what `cicu_nfkc_utf8` (every character looked at) gives: same result, same bytes,
    /// same edits, on long lines with quiet runs between characters NFKC changes or composes.
    @Test func nfkcSkippingQuietRunsMatchesTheCharacterLoop() {
        var alphabet = Self.alphabet
        alphabet += [0x2026, 0x3000, 0xA0, 0x2163, 0x2460, 0x3231, 0x2122, 0x2103, 0x338F, 0x3349, 0x0300, 0x0308, 0x3099]
        alphabet += [0x1100, 0x1161, 0x11A8, 0xAC00, 0x0041, 0x0065, 0x212B, 0x00C5]
        let quiet = Array("あいうえお漢字東京かきくけこさしすせそ日本語アイウエオabc123カタカナひらがなスーパー".utf8)
        var rng = SplitMix64(seed: 29)
        let table = TriggerTables.shared.nfkcSkipTable
        for _ in 0..<6000 {
            var line: [UInt8] = []
            for _ in 0..<Int(rng.next() % 12) {
                if rng.next() % 2 == 0 {
                    // A piece of a quiet run (whole characters: 3 bytes each but the ASCII).
                    let from = Int(rng.next() % 20) * 3
                    line += quiet[from..<min(quiet.count, from + Int(rng.next() % 60))].prefix { _ in true }
                    while let b = line.last, b & 0xC0 == 0x80 || b >= 0xC0 {
                        // Drop a cut character.
                        var k = line.count - 1
                        while k > 0 && line[k] & 0xC0 == 0x80 { k -= 1 }
                        let length = line[k] < 0x80 ? 1 : line[k] < 0xE0 ? 2 : line[k] < 0xF0 ? 3 : 4
                        if line.count - k == length { break }
                        line.removeLast(line.count - k)
                    }
                } else {
                    appendUTF8(alphabet[Int(rng.next() % UInt64(alphabet.count))], to: &line)
                }
            }
            #expect(String(validating: line, as: UTF8.self) != nil)
            line.withUnsafeBufferPointer { src in
                for track in [false, true] {
                    func run(_ quiet: UnsafePointer<UInt64>?) -> (Int64, [UInt8], [Int64]) {
                        var out = [UInt8](repeating: 0, count: src.count * 3 + 64)
                        var edits = [cicu_nfkc_edit](repeating: cicu_nfkc_edit(), count: 64)
                        var count: Int64 = 0
                        let r = out.withUnsafeMutableBufferPointer { d in
                            edits.withUnsafeMutableBufferPointer { e in
                                cicu_nfkc_utf8_skipping(
                                    src.baseAddress, Int64(src.count), d.baseAddress, Int64(d.count),
                                    track ? e.baseAddress : nil, 64, &count, quiet)
                            }
                        }
                        let bytes = r > 0 ? Array(out[..<Int(r)]) : []
                        let spans = track ? edits.prefix(Int(count)).flatMap { [$0.src_start, $0.src_end, $0.dst_start, $0.dst_end] } : []
                        return (r, bytes, spans)
                    }
                    let slow = run(nil)
                    let fast = run(table)
                    #expect(fast.0 == slow.0, "\(line)")
                    #expect(fast.1 == slow.1, "\(line)")
                    #expect(fast.2 == slow.2, "\(line)")
                }
            }
        }
    }

    /// NFKC from a later start to an earlier end (every character before the start, and every
    /// one that begins at or after the end, NFKC-safe, as the pipeline guarantees) gives what
    /// NFKC of the whole line gives: same bytes, same edits.
    @Test func nfkcFromTheFirstUnsafeCharacterMatchesTheWholeLine() {
        var alphabet = Self.alphabet
        // Characters NFKC changes or composes, next to boundaries and combining marks.
        alphabet += [0x2026, 0x3000, 0xA0, 0x2163, 0x2460, 0x3231, 0x2122, 0x2103, 0x338F, 0x3349, 0x0300, 0x0308, 0x3099]
        alphabet += [0x1100, 0x1161, 0x11A8, 0xAC00, 0x0041, 0x0065, 0x212B, 0x00C5]
        var rng = SplitMix64(seed: 11)
        var checked = 0
        for k in 0..<20000 {
            var line: [UInt8] = []
            let n = Int(rng.next() % 24)
            for _ in 0..<n { appendUTF8(alphabet[Int(rng.next() % UInt64(alphabet.count))], to: &line) }
            if k < Self.tricky.count { line = Array(Self.tricky[k].utf8) }
            line.withUnsafeBufferPointer { bytes in
                // The first and the last character that are not NFKC-safe.
                func unsafe(_ c: UInt32) -> Bool {
                    Triggers.triggers(of: c).contains(.nfkc) || Triggers.isWidthCharacter(c)
                        || (c >= 0x10000 && !Triggers.supplementary(c).isEmpty)
                }
                var first = bytes.count
                var last = -1
                var i = 0
                while i < bytes.count {
                    let (c, len) = decodeScalar(bytes.baseAddress!, i)
                    if unsafe(c) {
                        first = min(first, i)
                        last = i
                    }
                    i += len
                }
                var ends = [Int.max, bytes.count, last + 1]
                var e = last + 1
                while e < bytes.count && ends.count < 6 {
                    e += 1
                    ends.append(e)
                }
                for track in [false, true] {
                    var whole: [UInt8] = [7]
                    var wholeEdits: [Edit] = []
                    let changedWhole = ApplyNFKC().apply(bytes, from: 0, into: &whole, edits: &wholeEdits, track: track)
                    var s = 0
                    while s <= first {
                        for e in ends {
                            var out: [UInt8] = [7]
                            var edits: [Edit] = []
                            let changed = ApplyNFKC().apply(
                                bytes, from: s, to: e, into: &out, edits: &edits, track: track)
                            #expect(changed == changedWhole, "\(line) from \(s) to \(e)")
                            if changed { #expect(out == whole, "\(line) from \(s) to \(e)") }
                            #expect(edits == wholeEdits, "\(line) from \(s) to \(e)")
                            checked += 1
                        }
                        if s == bytes.count { break }
                        s += decodeScalar(bytes.baseAddress!, s).length
                    }
                }
            }
        }
        #expect(checked > 20000)
    }

    // MARK: - Whole normalizer

    /// Option sets that exercise every step and every step order.
    static let optionSets: [NormalizationOptions] = {
        var sets: [NormalizationOptions] = [.wikiJa, .neologdn, .nfkcOnly]
        var o = NormalizationOptions.wikiJa
        o.width = false
        sets.append(o)
        o = .wikiJa
        o.tilde = .normalize
        o.longVowel = .all
        sets.append(o)
        o = .wikiJa
        o.tilde = .remove
        o.spaces = .neologdn
        o.repeatLimit = 2
        sets.append(o)
        o = .neologdn
        o.longVowel = .kana
        o.spaces = .japanese
        o.nfkc = true
        o.controls = true
        sets.append(o)
        o = .none
        o.spaces = .japanese
        o.hyphens = true
        o.controls = true
        sets.append(o)
        return sets
    }()

    /// Steps that stop after their last trigger give what steps that run to the end of the line
    /// give: same text, same counts, same change records, for every option set.
    @Test func stepsBoundedByTheirLastTriggerChangeNothing() {
        var rng = SplitMix64(seed: 13)
        var texts = Self.tricky
        for _ in 0..<4000 {
            texts.append(String(decoding: Self.randomLine(&rng, maxLength: 30, newlines: true), as: UTF8.self))
        }
        // Long lines with triggers near both ends and none in between.
        texts.append("ｶﾞ　" + String(repeating: "日本語のテキスト", count: 20) + " ～ｱｰ―。")
        texts.append("少将 を" + String(repeating: "漢字", count: 40) + "ーー\u{3000}ﾞ")
        for options in Self.optionSets {
            let bounded = Normalizer(options: options)
            let unbounded = Normalizer(options: options, boundsSteps: false)
            for text in texts {
                var statsBounded = NormalizationStats()
                var statsUnbounded = NormalizationStats()
                let x = bounded.normalize(text, stats: &statsBounded)
                let y = unbounded.normalize(text, stats: &statsUnbounded)
                #expect(Array(x.utf8) == Array(y.utf8), "\(options) \(text.debugDescription)")
                #expect(statsBounded == statsUnbounded, "\(options) \(text.debugDescription)")
                let cx = bounded.normalizeWithChanges(text)
                let cy = unbounded.normalizeWithChanges(text)
                #expect(cx.changes == cy.changes, "\(options) \(text.debugDescription)")
                // Without counts (no edits tracked: the unchanged ends are found by comparing bytes).
                #expect(Array(bounded.normalize(text).utf8) == Array(y.utf8), "\(options) \(text.debugDescription)")
                var bytes: [UInt8] = []
                var scratch = Normalizer.Scratch()
                Array(text.utf8).withUnsafeBufferPointer {
                    bounded.normalize(utf8: $0, appendingTo: &bytes, scratch: &scratch)
                }
                #expect(bytes == Array(y.utf8), "\(options) \(text.debugDescription)")
            }
        }
    }

    /// A recorder that only counts takes the C rules' edits summarized (``EditSummary``), one
    /// that records changes takes them listed: the counts of the first equal those rebuilt from
    /// the second's change records (each change's scalars, at least 1; the lines each rule
    /// changed), for every option set, on tricky and generated texts of several lines.
    @Test func summarizedEditsCountWhatTheChangeRecordsCount() {
        var rng = SplitMix64(seed: 15)
        var texts = Self.tricky
        for _ in 0..<3000 {
            texts.append(String(decoding: Self.randomLine(&rng, maxLength: 40, newlines: true), as: UTF8.self))
        }
        texts.append("（１９６２年）ｶﾞｲﾄﾞ" + String(repeating: "日本語のテキスト", count: 30) + "ＮＨＫ①ｱｰ―")
        for options in Self.optionSets {
            let normalizer = Normalizer(options: options)
            for text in texts {
                var stats = NormalizationStats()
                let counted = normalizer.normalize(text, stats: &stats)
                let (recorded, changes) = normalizer.normalizeWithChanges(text)
                #expect(Array(counted.utf8) == Array(recorded.utf8), "\(options) \(text.debugDescription)")
                var characters: [String: Int] = [:]
                var lines: [String: Set<Int>] = [:]
                let bytes = Array(text.utf8)
                for c in changes {
                    characters[c.rule, default: 0] += max(1, c.original.unicodeScalars.count)
                    lines[c.rule, default: []].insert(bytes[..<c.offset].count { $0 == 0x0A })
                }
                #expect(stats.charactersChanged == characters, "\(options) \(text.debugDescription)")
                #expect(stats.linesChanged == lines.mapValues(\.count), "\(options) \(text.debugDescription)")
            }
        }
    }

    /// ``scalarCount(_:from:to:)`` (two words at most for a short span) against the byte
    /// loop, for every span of generated lines, near their ends too.
    @Test func scalarCountOfASpanMatchesTheByteLoop() {
        for line in Self.lines(count: 400, seed: 16, maxLength: 12) {
            line.withUnsafeBufferPointer { buffer in
                for start in 0...buffer.count {
                    for end in start...buffer.count {
                        let reference = scalarCount(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                        #expect(scalarCount(buffer, from: start, to: end) == reference)
                    }
                }
            }
        }
    }

    /// The comparisons above must be able to fail: a rule that differs from its reference on
    /// one character is caught.
    @Test func theComparisonCatchesADifference() {
        var rng = SplitMix64(seed: 9)
        var differs = false
        for _ in 0..<2000 where !differs {
            let line = Self.randomLine(&rng, maxLength: 24)
            line.withUnsafeBufferPointer { bytes in
                var a: [UInt8] = []
                var b: [UInt8] = []
                var e: [Edit] = []
                let x = UnifyTildes(mode: .normalize).apply(bytes, from: 0, into: &a, edits: &e, track: false)
                let y = ReferenceUnifyTildes(mode: .normalizeZenkaku).apply(bytes, from: 0, into: &b, edits: &e, track: false)
                if x != y || (x && a != b) { differs = true }
            }
        }
        #expect(differs)
    }
}

/// A small fixed-seed generator (SplitMix64), so generated lines are the same on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
