import Testing

@testable import WikiClean

/// The byte-level forms of detect-boundaries' title helpers against the scalar-array forms
/// they replace, and the lead parser's byte scans on long lines (the marks past a vector block,
/// the 62- and 300-scalar windows).
@Suite struct DetectBoundariesFastPathTests {
    /// ``DetectArticleBoundaries/headwordBeforeSubject(_:)`` as first written, on an array of scalars.
    static func referenceHeadwordBeforeSubject(_ subject: String) -> String? {
        let c = Array(subject.unicodeScalars)
        var n = (c.count - 2) / 2
        while n >= 1 {
            if c[..<n].elementsEqual(c[(c.count - n)...]), c.count - n > n {
                let once = String(String.UnicodeScalarView(c[(c.count - n)...]))
                let before = String(String.UnicodeScalarView(c[..<(c.count - n)]))
                if DetectArticleBoundaries.isTitleLine(before, title: once) { return once }
                if let form = JapaneseText.legalFormSuffixLength(before),
                    DetectArticleBoundaries.isTitleLine(String(before.dropLast(form)), title: once)
                {
                    return once
                }
            }
            n -= 1
        }
        return nil
    }

    /// ``DetectArticleBoundaries/infoboxBeforeSubject(_:)`` as first written, on an array of scalars.
    static func referenceInfoboxBeforeSubject(_ subject: String) -> (name: String, runLength: Int)? {
        let c = Array(subject.unicodeScalars)
        guard c.count >= 10 else { return nil }
        var n = (c.count - 6) / 2
        while n >= 2 {
            if c[..<n].elementsEqual(c[(c.count - n)...]) {
                let between = c[n..<(c.count - n)]
                guard !between.contains(where: { $0 == " " || $0 == "　" || $0 == "、" || $0 == "," || $0 == "・" }) else { return nil }
                return (String(String.UnicodeScalarView(c[..<n])), c.count - n)
            }
            n -= 1
        }
        return nil
    }

    @Test func subjectSplitsMatchTheScalarForms() {
        var inputs = [
            "桜島 概要桜島", "セガ 概要株式会社セガ", "桜島概要桜島", "ホンドタヌキ分類界動物界科イヌ科ホンドタヌキ", "アイ・ラブ・アイ分類界動物界アイ・ラブ・アイ",
            "ab", "a", "", "ああ", "桜島桜島", "X分類界動物界科イヌ科X", "XY分類、界動物界科イヌ科XY", "東京 (小説)東京",
        ]
        var rng = SplitMix64(seed: 11)
        let alphabet: [Unicode.Scalar] = Array("桜島 概要株式会社セガ・、,　分類界科aé".unicodeScalars) + ["\u{1F600}"]
        for _ in 0..<20000 {
            let name = FastPathEquivalenceTests.randomString(&rng, maxLength: 5, from: alphabet)
            let middle = FastPathEquivalenceTests.randomString(&rng, maxLength: 12, from: alphabet)
            inputs.append(name + middle + name)
            inputs.append(FastPathEquivalenceTests.randomString(&rng, maxLength: 16, from: alphabet))
        }
        for s in inputs {
            #expect(DetectArticleBoundaries.headwordBeforeSubject(s) == Self.referenceHeadwordBeforeSubject(s), "\(s.debugDescription)")
            let fast = DetectArticleBoundaries.infoboxBeforeSubject(s)
            let slow = Self.referenceInfoboxBeforeSubject(s)
            #expect(fast?.name == slow?.name && fast?.runLength == slow?.runLength, "\(s.debugDescription)")
        }
    }

    @Test func leadParserMatchesTheScalarOneOnLongLines() {
        var rng = SplitMix64(seed: 17)
        let marks: [Unicode.Scalar] = Array("()（）。、はとは「」『』 　がアカ漢.株式会社".unicodeScalars) + ["\u{1F600}", "\u{E9}"]
        let filler: [Unicode.Scalar] = Array("漢かカーa".unicodeScalars)
        var inputs: [String] = []
        for k in 0..<6000 {
            // Mostly filler (3-byte scalars and ASCII), marks here and there: the marks fall at
            // every offset of a 16-byte block and around the windows' ends.
            let length = Int(rng.next() % 400)
            let density = 1 + Int(rng.next() % 40)
            var v = String.UnicodeScalarView()
            for _ in 0..<length {
                let pick = rng.next()
                v.append(pick % UInt64(density) == 0 ? marks[Int(pick / 64 % UInt64(marks.count))] : filler[Int(pick / 64 % UInt64(filler.count))])
            }
            let s = String(v)
            inputs.append(s)
            inputs.append((k % 2 == 0 ? "題(" : "株式会社題（") + s)
        }
        for s in inputs {
            #expect(FastPathEquivalenceTests.sameLead(JapaneseText.parseLead(s), FastPathEquivalenceTests.referenceParseLead(s)), "\(s.debugDescription)")
        }
    }

    /// ``JapaneseText/parseReadingLead(_:)`` is ``JapaneseText/parseLead(_:)`` when the lead has
    /// a reading, and nil when it has none (or is no lead). And ``JapaneseText/opensWithLead(_:)``
    /// answers `parseLead(_:) != nil`, the parse without strings having a reading exactly when
    /// the full one has (readings with spaces skipped, qualified leads `X (q)(よみ)は、`).
    @Test func readingLeadIsTheLeadWithAReading() {
        var rng = SplitMix64(seed: 29)
        let alphabet: [Unicode.Scalar] = Array("()（）。、はとではという「」『』・ 　かなカナ漢字aZ1".unicodeScalars) + ["\u{1F600}", "\u{E9}"]
        var inputs = [
            "", "東京は、日本の首都。", "東京(とうきょう)は、日本の首都。", "東京（とうきょう）とは、", "・鼻葉(びよう)とは、…", "『銀河』(ぎんが)は、",
            "ジュピター (Jupiter) は、", "東京、大阪(おおさか)は、", "東京。大阪(おおさか)は、", "X(よみ)", "1972年の日本(せんきゅうひゃく)では、",
            "東京（とう きょう）とは、", "呼吸 (生物学)(こきゅう)", "呼吸 (生物学)(こきゅう)は、", "呼吸 (生物学)(英: x)は、",
            "D51形蒸気機関車(D51がたじょうききかんしゃ)は、",
        ]
        for _ in 0..<30000 {
            let head = FastPathEquivalenceTests.randomString(&rng, maxLength: 6, from: alphabet)
            let tail = FastPathEquivalenceTests.randomString(&rng, maxLength: 14, from: alphabet)
            inputs.append(head + (rng.next() % 2 == 0 ? "(" : "（") + tail)
            inputs.append(FastPathEquivalenceTests.randomString(&rng, maxLength: 20, from: alphabet))
            inputs.append(head + " (" + tail + ")(" + FastPathEquivalenceTests.randomString(&rng, maxLength: 6, from: alphabet) + ")は、")
        }
        for s in inputs {
            let full = JapaneseText.parseLead(s)
            let fast = JapaneseText.parseReadingLead(s)
            let bare = s.withUTF8Bytes { JapaneseText.parseLead(utf8: $0, makingStrings: false) }
            #expect(JapaneseText.opensWithLead(s) == (full != nil), "\(s.debugDescription)")
            #expect((bare == nil) == (full == nil) && (bare?.reading == nil) == (full?.reading == nil), "\(s.debugDescription)")
            if let full, let reading = full.reading {
                #expect(fast?.title == full.title && fast?.reading == reading, "\(s.debugDescription)")
            } else {
                #expect(fast == nil, "\(s.debugDescription)")
            }
        }
    }

    /// ``ChromeRules/foldKey(_:)`` (on the bytes) gives the bytes of its definition: each
    /// scalar's matching form appended to a scalar view (`referenceFoldKey`), on every scalar the
    /// fold's tables look up and on others.
    @Test func byteFoldKeyMatchesTheChromeRulesOne() {
        var rng = SplitMix64(seed: 31)
        var alphabet: [Unicode.Scalar] = Array("漢字かなカナがパｶﾞﾊﾟｱＡＢａｂ０１ABab01 　-ー―—─━・･、。「」『』()（）/／".unicodeScalars)
        alphabet += ["\u{0}", "\u{9}", "\u{A}", "\u{A0}", "\u{C0}", "\u{E9}", "\u{FF}", "\u{2010}", "\u{2026}", "\u{2212}", "\u{3099}",
            "\u{309A}", "\u{FE0F}", "\u{FF5E}", "\u{FF9E}", "\u{FFE5}", "\u{1F600}", "\u{20BB7}", "\u{301}", "\u{7FF}", "\u{800}"]
        // Every scalar of the blocks the fold looks up, one at a time.
        var inputs: [String] = [""]
        for range in [0x0..<0x100, 0x2000..<0x2080, 0x2200..<0x2220, 0x2500..<0x2502, 0x3000..<0x3100, 0xFE00..<0x10000] {
            for v in range { if let c = Unicode.Scalar(UInt32(v)) { inputs.append(String(Character(c)) + "a") } }
        }
        for _ in 0..<20000 { inputs.append(FastPathEquivalenceTests.randomString(&rng, maxLength: 30, from: alphabet)) }
        for s in inputs {
            #expect(Array(ChromeRules.foldKey(s).utf8) == Array(Self.referenceFoldKey(s).utf8), "\(s.debugDescription)")
        }
    }

    /// ``ChromeRules/foldKey(_:)``'s definition: the matching form of each scalar, appended to a
    /// scalar view (a scalar that is none, a surrogate, dropped).
    static func referenceFoldKey(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let f = UTF8Scan.matchFold(u.value)
            for c in [f.first, f.second] where c != 0 { if let scalar = Unicode.Scalar(c) { out.append(scalar) } }
        }
        return String(out)
    }

    /// ``DetectArticleBoundaries/opensWithDoubleCornerBracket(_:)`` and `hasPrefix("『")`.
    @Test func doubleCornerBracketPrefixMatchesTheCharacterForm() {
        var rng = SplitMix64(seed: 23)
        let alphabet: [Unicode.Scalar] = Array("『』「題a ".unicodeScalars) + ["\u{301}", "\u{3099}", "\u{200D}", "\u{FE0F}", "\u{1F600}", "\u{D}", "\u{A}"]
        var inputs = ["", "『", "『題』", "『\u{301}題』", "題『", "「題」"]
        for _ in 0..<20000 { inputs.append(FastPathEquivalenceTests.randomString(&rng, maxLength: 5, from: alphabet)) }
        for s in inputs {
            #expect(DetectArticleBoundaries.opensWithDoubleCornerBracket(s) == s.hasPrefix("『"), "\(s.debugDescription)")
        }
    }
}
