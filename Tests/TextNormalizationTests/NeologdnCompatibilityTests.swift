import Testing

@testable import TextNormalization

/// The 39 cases of neologdn 0.5.6's `test_neologdn.py` and the 15 examples of its README, run
/// under profile `neologdn` with neologdn's keyword arguments as settings.
@Suite struct NeologdnCompatibilityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var expected: String
        var settings: [(String, String)] = []
        /// `shorten_repeat(text, n, m)` on its own: profile `none` plus the repeat settings.
        var shortenRepeatOnly = false

        var testDescription: String {
            let extra = settings.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            return "\(input.debugDescription) \(extra)"
        }
    }

    static func normalize(_ c: Case) throws -> String {
        var options: NormalizationOptions = c.shortenRepeatOnly ? .none : .neologdn
        for (key, value) in c.settings { try options.set(key, to: value) }
        return Normalizer(options: options).normalize(c.input)
    }

    // MARK: test_neologdn.py

    static let testNormalize: [Case] = [
        Case(input: "０", expected: "0"),
        Case(input: "ﾊﾝｶｸ", expected: "ハンカク"),
        Case(input: "o₋o", expected: "o-o"),
        Case(input: "majika━", expected: "majikaー"),
        Case(input: "わ〰い", expected: "わい"),
        Case(input: "スーパーーーー", expected: "スーパー"),
        Case(input: "!#", expected: "!#"),
        Case(input: "ゼンカク　スペース", expected: "ゼンカクスペース"),
        Case(input: "お             お", expected: "おお"),
        Case(input: "      おお", expected: "おお"),
        Case(input: "おお      ", expected: "おお"),
        Case(input: "検索 エンジン 自作 入門 を 買い ました!!!", expected: "検索エンジン自作入門を買いました!!!"),
        Case(input: "アルゴリズム C", expected: "アルゴリズムC"),
        Case(input: "　　　ＰＲＭＬ　　副　読　本　　　", expected: "PRML副読本"),
        Case(input: "Coding the Matrix", expected: "Coding the Matrix"),
        Case(
            input: "南アルプスの　天然水　Ｓｐａｒｋｉｎｇ　Ｌｅｍｏｎ　レモン一絞り",
            expected: "南アルプスの天然水Sparking Lemonレモン一絞り"),
        Case(
            input: "南アルプスの　天然水-　Ｓｐａｒｋｉｎｇ*　Ｌｅｍｏｎ+　レモン一絞り",
            expected: "南アルプスの天然水- Sparking*Lemon+レモン一絞り"),
        Case(input: "ﾊﾟﾊﾟ", expected: "パパ"),
        Case(input: "a˗֊‐‑‒–⁃⁻₋−", expected: "a-"),
        Case(input: "あ﹣－ｰ—―─━ー", expected: "あー"),
        Case(input: "チルダ~∼∾〜〰～", expected: "チルダ"),
        Case(input: "う゛ほﾟ", expected: "ゔぽ"),
    ]

    static let testShortenRepeat: [Case] = [
        Case(
            input: "うまああああああああああああい", expected: "うまあああああああい",
            settings: [("repeat", "7"), ("max_repeat_substr_length", "0")], shortenRepeatOnly: true),
        Case(
            input: "かわいいいいいるい", expected: "かわいいいいいるい",
            settings: [("repeat", "6"), ("max_repeat_substr_length", "0")], shortenRepeatOnly: true),
        Case(
            input: "オラオラオラオラーッ", expected: "オラオラーッ",
            settings: [("repeat", "2"), ("max_repeat_substr_length", "0")], shortenRepeatOnly: true),
        Case(
            input: "無駄無駄無駄無駄ァ", expected: "無駄ァ",
            settings: [("repeat", "1"), ("max_repeat_substr_length", "0")], shortenRepeatOnly: true),
        Case(
            input: "隣の客はよく柿食う客だ、隣の客はよく柿食う客だ、隣の客はよく柿食う客だ、言えた！",
            expected: "隣の客はよく柿食う客だ、言えた！",
            settings: [("repeat", "1"), ("max_repeat_substr_length", "0")], shortenRepeatOnly: true),
        Case(
            input: "隣の客はよく柿食う客だ、隣の客はよく柿食う客だ、隣の客はよく柿食う客だ、言えた！",
            expected: "隣の客はよく柿食う客だ、隣の客はよく柿食う客だ、隣の客はよく柿食う客だ、言えた！",
            settings: [("repeat", "1"), ("max_repeat_substr_length", "11")], shortenRepeatOnly: true),
    ]

    static let testSuppressRemovalOfSpaces: [Case] = [
        Case(input: "巴 マミ", expected: "巴 マミ", settings: [("remove_space", "false")])
    ]

    static let testHandlingTilde: [Case] = [
        Case(input: "1467〜1487年", expected: "1467~1487年", settings: [("tilde", "normalize")]),
        Case(
            input: "1467~1487年", expected: "1467〜1487年", settings: [("tilde", "normalize_zenkaku")]),
        Case(input: "1467〜1487年", expected: "1467〜1487年", settings: [("tilde", "ignore")]),
        Case(input: "1467〜1487年", expected: "14671487年", settings: [("tilde", "remove")]),
        Case(input: "1467〜1487年", expected: "14671487年"),
    ]

    static let testTildeBoundaryHandling: [Case] = [
        Case(input: "A ˗あ", expected: "A -あ"),
        Case(input: "A ーあ", expected: "A ーあ"),
        Case(input: "A ～あ", expected: "A ~あ", settings: [("tilde", "normalize")]),
        Case(input: "A ~あ", expected: "A 〜あ", settings: [("tilde", "normalize_zenkaku")]),
        Case(input: "A ～あ", expected: "Aあ"),
    ]

    // MARK: README examples

    static let readme: [Case] = [
        Case(input: "ﾊﾝｶｸｶﾅ", expected: "ハンカクカナ"),
        Case(input: "全角記号！？＠＃", expected: "全角記号!?@#"),
        Case(input: "全角記号例外「・」", expected: "全角記号例外「・」"),
        Case(input: "長音短縮ウェーーーーイ", expected: "長音短縮ウェーイ"),
        Case(input: "チルダ削除ウェ~∼∾〜〰～イ", expected: "チルダ削除ウェイ"),
        Case(input: "いろんなハイフン˗֊‐‑‒–⁃⁻₋−", expected: "いろんなハイフン-"),
        Case(input: "　　　ＰＲＭＬ　　副　読　本　　　", expected: "PRML副読本"),
        Case(input: " Natural Language Processing ", expected: "Natural Language Processing"),
        Case(input: "かわいいいいいいいいい", expected: "かわいいいいいい", settings: [("repeat", "6")]),
        Case(input: "無駄無駄無駄無駄ァ", expected: "無駄ァ", settings: [("repeat", "1")]),
        Case(input: "1995〜2001年", expected: "1995~2001年", settings: [("tilde", "normalize")]),
        Case(
            input: "1995~2001年", expected: "1995〜2001年", settings: [("tilde", "normalize_zenkaku")]),
        Case(input: "1995〜2001年", expected: "1995〜2001年", settings: [("tilde", "ignore")]),
        Case(input: "1995〜2001年", expected: "19952001年", settings: [("tilde", "remove")]),
        Case(input: "1995〜2001年", expected: "19952001年"),
    ]

    @Test func portsAllThirtyNineTestCasesAndFifteenReadmeExamples() {
        let tests =
            Self.testNormalize.count + Self.testShortenRepeat.count
            + Self.testSuppressRemovalOfSpaces.count + Self.testHandlingTilde.count
            + Self.testTildeBoundaryHandling.count
        #expect(tests == 39)
        #expect(Self.readme.count == 15)
    }

    @Test(arguments: testNormalize)
    func normalizeMatchesNeologdn(_ c: Case) throws {
        #expect(try Self.normalize(c) == c.expected)
    }

    @Test(arguments: testShortenRepeat)
    func shortenRepeatMatchesNeologdn(_ c: Case) throws {
        #expect(try Self.normalize(c) == c.expected)
    }

    @Test(arguments: testSuppressRemovalOfSpaces)
    func removeSpaceFalseKeepsSpacesBetweenJapanese(_ c: Case) throws {
        #expect(try Self.normalize(c) == c.expected)
    }

    @Test(arguments: testHandlingTilde)
    func tildeOptionMatchesNeologdn(_ c: Case) throws {
        #expect(try Self.normalize(c) == c.expected)
    }

    @Test(arguments: testTildeBoundaryHandling)
    func tildeBoundaryHandlingMatchesNeologdn(_ c: Case) throws {
        #expect(try Self.normalize(c) == c.expected)
    }

    @Test(arguments: readme)
    func readmeExampleMatchesNeologdn(_ c: Case) throws {
        #expect(try Self.normalize(c) == c.expected)
    }

    // MARK: Further behaviour checked against neologdn 0.5.6

    static let extra: [Case] = [
        Case(input: "ﾊﾟﾊﾟ 検索 エンジン", expected: "パパ検索エンジン"),
        Case(input: "か゛", expected: "かﾞ"),
        Case(input: "ｳﾞ", expected: "ヴ"),
        Case(input: "ﾞ", expected: "ﾞ"),
        Case(input: "ｰﾞ", expected: "ーﾞ"),
        Case(input: "a  b", expected: "a b"),
        Case(input: "é b", expected: "éb"),
        Case(input: "café au lait", expected: "caféau lait"),
        Case(input: "10 km²  です", expected: "10 km²です"),
        Case(input: "a\u{3000}\u{3000}あ", expected: "aあ"),
        Case(input: "a *b", expected: "a *b"),
        Case(input: "* b", expected: "*b"),
        Case(input: "x\u{A0}y", expected: "x\u{A0}y"),
        Case(input: "ー ー", expected: "ー"),
        Case(input: "- -", expected: "- -"),
        Case(input: "東京—大阪", expected: "東京ー大阪"),
        Case(input: "A－B", expected: "AーB"),
        Case(input: "円¥100 ￥", expected: "円\\100￥"),
        Case(input: "‘quote’ “x”", expected: "`quote' \"x\""),
        Case(input: "＂＇", expected: "＂＇"),
        Case(input: "①②㈱㍻ｶﾞ", expected: "①②㈱㍻ガ"),
        Case(input: "a\u{3000}\u{3000}あ", expected: "a  あ", settings: [("remove_space", "false")]),
        Case(input: "おお  ", expected: "おお ", settings: [("remove_space", "false")]),
        Case(input: "ﾊﾟﾊﾟ 検索 エンジン", expected: "パパ 検索 エンジン", settings: [("remove_space", "false")]),
        // Lines are normalized one at a time.
        Case(input: "あ \n い", expected: "あ\nい"),
    ]

    @Test(arguments: extra)
    func furtherBehaviourMatchesNeologdn(_ c: Case) throws {
        #expect(try Self.normalize(c) == c.expected)
    }
}
