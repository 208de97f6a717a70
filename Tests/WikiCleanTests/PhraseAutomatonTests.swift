import Testing
@testable import WikiClean

@Suite struct PhraseAutomatonTests {
    static let phrases = ["左メニュー", "左メニューサンプル", "メニュー", "検索に移動", "(Wikipedia)", "[編集]", "ガイド", "」とは異なります。", "ー"]
    let automaton = PhraseAutomaton(phrases: Self.phrases.map { UTF8Scan.matchFolded($0) })

    func occurrences(_ text: String, prefix: Bool) -> [[Int]] {
        var found: [[Int]] = []
        var copy = text
        copy.withUTF8 { p in
            if prefix {
                automaton.scanPrefix(p) { found.append([$0, $1]) }
            } else {
                automaton.scan(p) { found.append([$0, $1]) }
            }
        }
        return found
    }

    @Test func findsEveryOccurrenceInItsMatchingForm() {
        // Full-width brackets, half-width kana with a separate voiced mark, spaces inside.
        let text = "本文［編集］ｶﾞｲﾄﾞ 検索に 移動"
        let found = occurrences(text, prefix: false)
        let names = found.map { Self.phrases[$0[0]] }
        #expect(names == ["[編集]", "ガイド", "検索に移動"])
        // Starts are raw byte offsets.
        #expect(found[0][1] == "本文".utf8.count)
    }

    @Test func prefixScanReportsExactlyTheOccurrencesAtTheStart() {
        var rng = SplitMix64(seed: 7)
        let pieces = ["左", "メニュー", "ﾒﾆｭｰ", "サンプル", " ", "　", "検索", "に", "移動", "(", "（", "Wikipedia", ")", "［編集］", "ｶﾞｲﾄﾞ", "ー", "本文", "」とは", "異なります。"]
        for _ in 0..<2000 {
            var text = pieces[Int(rng.next() % UInt64(pieces.count - 2))]
            if text == " " || text == "　" { text = "左" }
            for _ in 0..<Int(rng.next() % 8) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let all = occurrences(text, prefix: false).filter { $0[1] == 0 }
            let atStart = occurrences(text, prefix: true)
            #expect(all == atStart, "\(text)")
        }
    }
}

extension PhraseAutomatonTests {
    @Test func longPhrasesReportWhereTheyStart() {
        let long = String(repeating: "長い句", count: 150)  // 450 scalars
        let a = PhraseAutomaton(phrases: [UTF8Scan.matchFolded(long), UTF8Scan.matchFolded("句")])
        var copy = "前置き" + long
        var starts: [Int] = []
        copy.withUTF8 { p in a.scan(p) { if $0 == 0 { starts.append($1) } } }
        #expect(starts == ["前置き".utf8.count])
    }

    @Test func malformedBytesAndAstralCharactersAreReadSafely() {
        let a = PhraseAutomaton(phrases: [UTF8Scan.matchFolded("𠮷野家"), UTF8Scan.matchFolded("編集")])
        let bytes: [UInt8] = Array("x".utf8) + [0xE3, 0x81] + Array("𠮷野家".utf8) + [0xFF] + Array("編集".utf8) + [0xE7]
        var found: [[Int]] = []
        bytes.withUnsafeBufferPointer { p in a.scan(p) { found.append([$0, $1]) } }
        #expect(found == [[0, 3], [1, 3 + "𠮷野家".utf8.count + 1]])
    }
}

extension PhraseAutomatonTests {
    /// `scanValidUTF8` has a loop of its own, tuned for three-byte characters (in C,
    /// `cicu_phrase_step`); it must report exactly what the general loop (`scan`, the one
    /// `scanPrefix` uses) reports, on text of every width. (Malformed bytes never reach it: the pieces that are go to `scan` alone, in
    /// `malformedBytesAndAstralCharactersAreReadSafely`.)
    @Test func theTunedLoopAgreesWithTheGeneralOne() {
        var rng = SplitMix64(seed: 0xA070)
        let pieces: [[UInt8]] =
            ["左", "メニュー", "ﾒﾆｭｰ", "ｶﾞｲﾄﾞ", "ガイド", " ", "　", "検索に移動", "(", "（", "Wikipedia", ")", "［編集］", "本文", "」とは異なります。", "é", "𠮷", "ー", "x"]
            .map { Array($0.utf8) } + [[0xE3, 0x81], [0xFF], [0x80], [0xE7]]
        expectTunedLoopAgrees(pieces: pieces, upTo: 10, lines: 3000, rng: &rng)
        // Long lines, with more phrases found than the loop records before they are reported
        // (``PhraseAutomaton/eventCapacity``): it stops, they are reported, and it goes on.
        expectTunedLoopAgrees(pieces: pieces, upTo: 600, lines: 200, rng: &rng)
    }

    /// Checks `scanValidUTF8` against the general loop on `lines` random lines of fewer than
    /// `upTo` pieces each (the well-formed pieces: the tuned loop reads `String`s).
    func expectTunedLoopAgrees(pieces allPieces: [[UInt8]], upTo: Int, lines: Int, rng: inout SplitMix64) {
        let pieces = allPieces.filter { String(validating: $0, as: UTF8.self) != nil }
        for _ in 0..<lines {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % UInt64(upTo)) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
            var tuned: [[Int]] = []
            var general: [[Int]] = []
            bytes.withUnsafeBufferPointer { p in
                automaton.scanValidUTF8(p) { tuned.append([$0, $1]) }
                automaton.scan(p) { general.append([$0, $1]) }
            }
            #expect(tuned == general, "\(bytes)")
        }
    }
}

extension PhraseAutomatonTests {
    /// The automaton skips the pages that `readsAsItself` names: every scalar there must
    /// read as itself.
    @Test func pagesThatReadAsThemselvesDo() {
        var checked = 0
        for page in 0..<256 where !(0xD8..<0xE0).contains(page) && UTF8Scan.readsAsItself(page: page) {
            for low in 0..<256 {
                let u = UInt32(page << 8 | low)
                let f = UTF8Scan.matchFold(u)
                #expect(f.first == u && f.second == 0, "U+\(String(u, radix: 16))")
            }
            checked += 1
        }
        #expect(checked > 200)
        // And the others do hold a scalar that reads as something else.
        for page in [0x00, 0x20, 0x30, 0xFE, 0xFF] {
            #expect(!UTF8Scan.readsAsItself(page: page))
            #expect((0..<256).contains { low in
                let u = UInt32(page << 8 | low)
                let f = UTF8Scan.matchFold(u)
                return f.first != u || f.second != 0
            })
        }
    }
}

extension PhraseAutomatonTests {
    /// The tuned loop finds a three-byte character's class from its first two bytes at once
    /// and a phrase's start by stepping back: on long lines where phrases, their pieces and
    /// plain text alternate (the malformed pieces below are left out for it), with phrases that
    /// overlap and one inside another, it must still report what the general loop reports,
    /// with the same starts.
    @Test func theTunedLoopAgreesOnLongLinesOfMixedText() {
        var rng = SplitMix64(seed: 0x5EED)
        let pieces: [[UInt8]] =
            ["左", "左メ", "メニュー", "ﾒﾆｭｰ", "ｶﾞｲﾄﾞ", "ガイ", "ド", " ", "　", "検索", "に移動", "(", "（", "Wikipedia", ")", "［編集］", "[編",
             "本文", "本文の続き", "」とは", "異なります。", "é", "𠮷", "ーー", "xyz", "。"]
            .map { Array($0.utf8) }
            // Malformed: a cut-off character, a stray byte, an overlong `(`, a surrogate.
            + [[0xE3, 0x81], [0xFF], [0xE0, 0x80, 0xA8], [0xED, 0xA0, 0x80], [0xEF, 0xBC]]
        expectTunedLoopAgrees(pieces: pieces, upTo: 60, lines: 1000, rng: &rng)
    }
}

extension PhraseAutomatonTests {
    /// The automaton against a plain search, on many small phrase sets over a three-letter
    /// alphabet (phrases that overlap, nest and share prefixes and suffixes: every failure
    /// link and inherited output is exercised).
    @Test func findsWhatAPlainSearchFinds() {
        var rng = SplitMix64(seed: 31)
        let alphabet: [Character] = ["あ", "い", "う"]
        func word(_ maxLength: Int) -> String {
            String((0..<(1 + Int(rng.next() % UInt64(maxLength)))).map { _ in alphabet[Int(rng.next() % 3)] })
        }
        for _ in 0..<300 {
            let phrases = (0..<(1 + Int(rng.next() % 12))).map { _ in word(5) }
            let a = PhraseAutomaton(phrases: phrases.map { UTF8Scan.matchFolded($0) })
            let text = Array(word(40))
            var found: [[Int]] = []
            var copy = String(text)
            var tuned: [[Int]] = []
            copy.withUTF8 { p in
                a.scan(p) { found.append([$0, $1]) }
                a.scanValidUTF8(p) { tuned.append([$0, $1]) }
            }
            #expect(tuned == found, "\(phrases) in \(String(text))")
            // Every phrase at every start (3 bytes a character).
            var expected: [[Int]] = []
            for (k, phrase) in phrases.enumerated() {
                let w = Array(phrase)
                guard w.count <= text.count else { continue }
                for start in 0...(text.count - w.count) where Array(text[start..<(start + w.count)]) == w {
                    expected.append([k, 3 * start])
                }
            }
            let order: ([Int], [Int]) -> Bool = { $0.lexicographicallyPrecedes($1) }
            #expect(found.sorted(by: order) == expected.sorted(by: order), "\(phrases) in \(String(text))")
        }
    }
}

extension PhraseAutomatonTests {
    /// `scanValidUTF8` finds starts by stepping back instead of keeping a ring: on
    /// well-formed text of every width (skipped spaces, voiced marks that read as two
    /// classes, characters beyond the BMP, phrases that overlap) it must report exactly what
    /// `scan` reports, in the same order.
    @Test func theRingFreeLoopAgreesOnWellFormedText() {
        var rng = SplitMix64(seed: 0xB17E)
        let pieces: [String] = [
            "左", "メニュー", "ﾒﾆｭｰ", "ｶﾞｲﾄﾞ", "ガイド", " ", "　", "検索に移動", "(", "（", "Wikipedia", ")", "［編集］", "本文", "」とは異なります。",
            "é", "𠮷", "ー", "x", "ﾞ", "ｶ", "メニュ", "ー ", "検 索",
        ]
        var checked = 0
        for _ in 0..<4000 {
            var line = ""
            for _ in 0..<Int(rng.next() % 12) { line += pieces[Int(rng.next() % UInt64(pieces.count))] }
            var ring: [[Int]] = []
            var back: [[Int]] = []
            var copy = line
            copy.withUTF8 { p in
                automaton.scan(p) { ring.append([$0, $1]) }
                automaton.scanValidUTF8(p) { back.append([$0, $1]) }
            }
            #expect(back == ring, "\(line)")
            checked += ring.count
        }
        #expect(checked > 1000, "the lines found too few phrases to test anything: \(checked)")
    }
}

extension PhraseAutomatonTests {
    /// `scanValidUTF8(_:flags:found:)` reports a flagged phrase once (start -1) or never, and
    /// sets its bit: on random lines of every width, with every phrase of the default chrome
    /// rules (anchors and the literals they need, flagged as strip-chrome flags them, and some
    /// phrases flagged at random besides), what it reports and the bits it sets must be what
    /// the general loop's reports make of them.
    @Test func theFlaggingLoopAgreesWithTheGeneralOne() throws {
        let rules = try DefaultPipeline.chromeRules()
        var phrases: [[UInt32]] = rules.phrases.map(\.template.anchor)
        let anchorCount = phrases.count
        var literals: [[UInt32]] = []
        for phrase in rules.phrases { for l in phrase.template.requiredLiterals.dropFirst() where !literals.contains(l) { literals.append(l) } }
        phrases += literals
        var rng = SplitMix64(seed: 0xF1A6)
        var flagging = [PhraseAutomaton.Flagging](repeating: .always, count: phrases.count)
        for (k, phrase) in rules.phrases.enumerated() where !phrase.template.startsWithAnchor { flagging[k] = .first(bit: 64 * 8 + k) }
        for k in 0..<anchorCount where rng.next() % 16 == 0 { flagging[k] = rng.next() % 2 == 0 ? .first(bit: 64 * 8 + k) : .never(bit: 64 * 8 + k) }
        for k in literals.indices { flagging[anchorCount + k] = .never(bit: k) }
        #expect(literals.count < 64 * 8)
        let automaton = PhraseAutomaton(phrases: phrases, flagging: flagging)
        // Pieces of the phrases themselves and of other text, in every width.
        var pieces: [String] = ["左", "メニュー", "ﾒﾆｭｰ", "ｶﾞｲﾄﾞ", " ", "　", "(", "（", ")", "［編集］", "本文", "é", "𠮷", "ー", "x", "ﾞ", "。", "「", "」", "と", "は", "日", "."]
        for phrase in rules.phrases.prefix(200) { pieces.append(String(phrase.template.source.prefix(6))) }
        var checked = 0
        // Short lines, then long ones, with more phrases found than the loop records before
        // they are reported (``PhraseAutomaton/eventCapacity``).
        for round in 0..<3200 {
            var line = ""
            let count = round < 3000 ? Int(rng.next() % 16) : 100 + Int(rng.next() % 300)
            for _ in 0..<count { line += pieces[Int(rng.next() % UInt64(pieces.count))] }
            var general: [[Int]] = []
            var expectedFlags = [UInt64](repeating: 0, count: 16)
            var flagged: [[Int]] = []
            var flags = [UInt64](repeating: 0, count: 16)
            var copy = line
            copy.withUTF8 { p in
                automaton.scan(p) { general.append([$0, $1]) }
                flags.withUnsafeMutableBufferPointer { f in automaton.scanValidUTF8(p, flags: f.baseAddress!) { flagged.append([$0, $1]) } }
            }
            var expected: [[Int]] = []
            for hit in general {
                switch flagging[hit[0]] {
                case .always: expected.append(hit)
                case .first(let bit):
                    if expectedFlags[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { expected.append([hit[0], -1]) }
                    expectedFlags[bit >> 6] |= 1 << UInt64(bit & 63)
                case .never(let bit): expectedFlags[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
            #expect(flagged == expected, "\(line)")
            #expect(flags == expectedFlags, "\(line)")
            // Deferred starts, worked out after the scan, are the starts reported at once.
            var deferred: [[Int]] = []
            var deferredFlags = [UInt64](repeating: 0, count: 16)
            copy.withUTF8 { p in
                var pending: [[Int]] = []
                deferredFlags.withUnsafeMutableBufferPointer { f in
                    automaton.scanValidUTF8(p, flags: f.baseAddress!, defersStarts: true) { pending.append([$0, $1]) }
                }
                deferred = pending.map { [$0[0], automaton.resolvedStart(of: $0[0], $0[1], in: p)] }
            }
            #expect(deferred == expected, "\(line)")
            #expect(deferredFlags == expectedFlags, "\(line)")
            checked += general.count
        }
        #expect(checked > 3000, "the lines found too few phrases to test anything: \(checked)")
    }
}

extension PhraseAutomatonTests {
    /// The transition table keeps, for each state, only its entries that differ from the
    /// start state's, in a comb where the rows of many states overlap: on random phrase sets
    /// over a larger alphabet (rows whose slots hold other states' entries, states with no
    /// entry of their own, texts that fall back to the start state's row at every depth), both
    /// loops must find what a plain search finds.
    @Test func theCompressedTableFindsWhatAPlainSearchFinds() {
        var rng = SplitMix64(seed: 0xC0B)
        let alphabet = Array("あいうえおかきくけこ日本語一二三四五六七八九十")
        for round in 0..<200 {
            // Few letters (deep, overlapping phrases) or many (shallow, sparse rows).
            let letters = Array(alphabet.prefix(round % 2 == 0 ? 4 : alphabet.count))
            func word(_ maxLength: Int) -> [Character] {
                (0..<(1 + Int(rng.next() % UInt64(maxLength)))).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }
            }
            let phrases = (0..<(1 + Int(rng.next() % 40))).map { _ in word(6) }
            let a = PhraseAutomaton(phrases: phrases.map { UTF8Scan.matchFolded(String($0)) })
            // The text: pieces of the phrases and single letters.
            var text: [Character] = []
            while text.count < 80 {
                if rng.next() % 2 == 0 {
                    let p = phrases[Int(rng.next() % UInt64(phrases.count))]
                    text += p.prefix(1 + Int(rng.next() % UInt64(p.count)))
                } else {
                    text.append(letters[Int(rng.next() % UInt64(letters.count))])
                }
            }
            var expected: [[Int]] = []
            for (k, w) in phrases.enumerated() where w.count <= text.count {
                for start in 0...(text.count - w.count) where Array(text[start..<(start + w.count)]) == w {
                    expected.append([k, 3 * start])
                }
            }
            var found: [[Int]] = []
            var tuned: [[Int]] = []
            var copy = String(text)
            copy.withUTF8 { p in
                a.scan(p) { found.append([$0, $1]) }
                a.scanValidUTF8(p) { tuned.append([$0, $1]) }
            }
            let order: ([Int], [Int]) -> Bool = { $0.lexicographicallyPrecedes($1) }
            #expect(found.sorted(by: order) == expected.sorted(by: order), "\(phrases) in \(String(text))")
            #expect(tuned == found, "\(phrases) in \(String(text))")
        }
    }
}

extension PhraseAutomatonTests {
    /// `cicu_phrase_step` reads four three-byte characters a turn, and tells a rare one (a
    /// voiced kana's two classes, a skipped space) and a run of ASCII by the rare class's step,
    /// then feeds it from the row before: on random phrase sets over kana with and without
    /// their voiced marks, half-width kana, ASCII, spaces and other widths, and random texts of
    /// their pieces (long ones too, for turns of four and for more phrases found than the loop
    /// records before they are reported), it must report what the general loop reports.
    @Test func theTunedLoopAgreesOnRandomPhraseSetsWithRareCharacters() {
        var rng = SplitMix64(seed: 0xDFA15)
        let letters = ["か", "が", "カ", "ガ", "ｶ", "ﾞ", "は", "ば", "ぱ", "日", "本", "語", "a", "B", "1", " ", "　", "-", "é", "𠮷"]
        func word(_ maxLength: Int) -> String {
            (0..<(1 + Int(rng.next() % UInt64(maxLength)))).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }.joined()
        }
        var checked = 0
        for round in 0..<300 {
            let phrases = (0..<(1 + Int(rng.next() % 30))).map { _ in UTF8Scan.matchFolded(word(5)) }.filter { !$0.isEmpty }
            guard !phrases.isEmpty else { continue }
            let a = PhraseAutomaton(phrases: phrases)
            var text = ""
            let length = round % 3 == 0 ? 600 : 40
            while text.utf8.count < length {
                if rng.next() % 2 == 0 {
                    // A phrase's text (its matching form, read back as scalars).
                    let p = phrases[Int(rng.next() % UInt64(phrases.count))]
                    text += String(String.UnicodeScalarView(p.compactMap(Unicode.Scalar.init)))
                } else {
                    text += word(4)
                }
            }
            var general: [[Int]] = []
            var tuned: [[Int]] = []
            var copy = text
            copy.withUTF8 { p in
                a.scan(p) { general.append([$0, $1]) }
                a.scanValidUTF8(p) { tuned.append([$0, $1]) }
            }
            #expect(tuned == general, "\(phrases) in \(text)")
            checked += general.count
        }
        #expect(checked > 3000, "the texts held too few phrases to test anything: \(checked)")
    }
}
