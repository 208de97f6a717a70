import Testing

@testable import TextNormalization

/// Each rule switched on alone (profile `none` plus one setting).
@Suite struct RuleTests {
    static func only(_ settings: String..., text: String) throws -> String {
        var options = NormalizationOptions.none
        for s in settings { try options.set(s) }
        return Normalizer(options: options).normalize(text)
    }

    @Test func nfkcComposesHalfwidthVoicedKana() throws {
        #expect(try Self.only("nfkc=true", text: "ｶﾞ") == "ガ")
        #expect(try Self.only("nfkc=true", text: "①②㈱㍻Ⅻ…") == "12(株)平成XII...")
        #expect(try Self.only("nfkc=true", text: "か\u{3099}") == "が")
        #expect(try Self.only("nfkc=true", text: "～ ＂＇") == "~ \"'")
        #expect(try Self.only("nfkc=true", text: "東京—大阪 1995年〜2001年") == "東京—大阪 1995年〜2001年")
    }

    @Test func widthConvertsFullwidthAsciiAndHalfwidthKana() throws {
        #expect(try Self.only("width=true", text: "ＡＢＣ１２３！") == "ABC123!")
        #expect(try Self.only("width=true", text: "ｶﾞｷﾞﾊﾟｳﾞﾜﾞｱﾞ") == "ガギパヴヷア\u{3099}")
        #expect(try Self.only("width=true", text: "｡､･｢｣ｰ") == "。、・「」ー")
        #expect(try Self.only("width=true", text: "カﾞ") == "ガ")
        #expect(try Self.only("width=true", text: "か゛ハ゜ｶ゛あ゛") == "がパガあ゛")
        // Not width's business: ¥, ￥, U+3000.
        #expect(try Self.only("width=true", text: "¥￥\u{3000}") == "¥￥\u{3000}")
    }

    @Test func widthAgreesWithNFKCOnHalfwidthForms() throws {
        var all = ""
        for cp in 0xFF61...0xFF9F {
            let c = Character(Unicode.Scalar(UInt32(cp))!)
            all.append(c)
            all.append("ｶ")
            all.append(c)
            all.append("ﾞ")
        }
        let widthThenNFKC = try Self.only("width=true", "nfkc=true", text: all)
        let nfkc = try Self.only("nfkc=true", text: all)
        #expect(widthThenNFKC == nfkc)
    }

    @Test func hyphensBecomeOneHyphenMinus() throws {
        #expect(try Self.only("hyphens=true", text: "a˗֊‐‑‒–⁃⁻₋−b") == "a-b")
        #expect(try Self.only("hyphens=true", text: "x − y") == "x - y")
        #expect(try Self.only("hyphens=true", text: "a-‐b a--b") == "a-b a--b")
        #expect(try Self.only("hyphens=true", text: "東京—大阪") == "東京—大阪")
    }

    @Test func longVowelKanaModeOnlyTouchesMarksThatExtendKana() throws {
        let kana = "long-vowel=kana"
        #expect(try Self.only(kana, text: "スーパーーー") == "スーパー")
        #expect(try Self.only(kana, text: "すごーーい") == "すごーい")
        #expect(try Self.only(kana, text: "スーパ—") == "スーパー")
        #expect(try Self.only(kana, text: "ｽｰﾊﾟｰｰ") == "ｽーﾊﾟー")
        #expect(try Self.only(kana, text: "東京—大阪") == "東京—大阪")
        #expect(try Self.only(kana, text: "そうだ——それは") == "そうだ——それは")
        #expect(try Self.only(kana, text: "A－B ーーー") == "A－B ーーー")
        #expect(try Self.only(kana, text: "カ—－") == "カ—－")
    }

    @Test func longVowelAllModeIsNeologdns() throws {
        let all = "long-vowel=all"
        #expect(try Self.only(all, text: "東京—大阪") == "東京ー大阪")
        #expect(try Self.only(all, text: "あ﹣－ｰ—―─━ー") == "あー")
        #expect(try Self.only(all, text: "ーーーーー") == "ー")
        #expect(try Self.only("long-vowel=off", text: "ーーー") == "ーーー")
    }

    @Test func tildeModes() throws {
        let text = "~∼∾〜〰～"
        #expect(try Self.only("tilde=ignore", text: text) == text)
        #expect(try Self.only("tilde=normalize", text: text) == "~~~~~~")
        #expect(try Self.only("tilde=normalize_zenkaku", text: text) == "〜〜〜〜〜〜")
        #expect(try Self.only("tilde=remove", text: "1995〜2001年") == "19952001年")
    }

    @Test func japaneseSpacesDropOnlyBetweenJapanese() throws {
        let sp = "spaces=japanese"
        #expect(try Self.only(sp, text: "少将 を") == "少将を")
        #expect(try Self.only(sp, text: "DEFCON2 と") == "DEFCON2 と")
        #expect(try Self.only(sp, text: "(ロシア語版) を") == "(ロシア語版) を")
        #expect(try Self.only(sp, text: "Coding  the\u{3000}Matrix") == "Coding the Matrix")
        #expect(try Self.only(sp, text: "\u{3000} 巴\u{3000}マミ \u{A0}") == "巴マミ")
        #expect(try Self.only(sp, text: " a \n b ") == "a\nb")
        #expect(try Self.only(sp, text: "日本 語 の text です") == "日本語の text です")
        // A space before a combining mark stays (deleting it would move the mark).
        #expect(try Self.only(sp, text: "カ \u{3099}") == "カ \u{3099}")
    }

    @Test func neologdnSpacesOutsideTheNeologdnProfile() throws {
        #expect(try Self.only("spaces=neologdn", text: "検索 エンジン 自作 入門") == "検索エンジン自作入門")
        #expect(try Self.only("spaces=neologdn", text: "アルゴリズム C") == "アルゴリズムC")
        #expect(try Self.only("spaces=neologdn", text: "Coding the Matrix") == "Coding the Matrix")
    }

    @Test func controlsRemovesControlAndZeroWidthCharacters() throws {
        let text = "a\u{0}b\tc\rd\u{7F}e\u{85}f\u{AD}g\u{200B}h\u{200C}\u{200D}i\u{2060}j\u{FEFF}k\nl"
        #expect(try Self.only("controls=true", text: text) == "abcdefghijk\nl")
        #expect(try Self.only("controls=true", text: "\u{FEFF}見出し") == "見出し")
    }

    @Test func repeatShortensRepeatedSubstrings() throws {
        #expect(try Self.only("repeat=1", text: "無駄無駄無駄無駄ァ") == "無駄ァ")
        #expect(try Self.only("repeat=6", text: "かわいいいいいいいいい") == "かわいいいいいい")
        #expect(try Self.only("repeat=2", "max_repeat_substr_length=1", text: "オラオラオラ") == "オラオラオラ")
    }

    @Test func ruleOffChangesNothing() throws {
        let text = "ｶﾞ　ＡＢＣ‐〜—\u{200B}"
        #expect(Normalizer(options: .none).normalize(text) == text)
    }

    @Test func unchangedTextIsReturnedAsIs() {
        let text = "これは変更の要らない行です。ASCII text too."
        #expect(Normalizer(options: .wikiJa).normalize(text) == text)
        #expect(Normalizer(options: .neologdn).normalize("") == "")
        #expect(Normalizer(options: .wikiJa).normalize("\n\n") == "\n\n")
    }

    @Test func newlinesAreKeptAndSeparateLines() {
        let n = Normalizer(options: .wikiJa)
        #expect(n.normalize("ｶﾞ\n\nＡ \n") == "ガ\n\nA\n")
        #expect(n.normalize("スー\nーー") == "スー\nーー")
    }
}
