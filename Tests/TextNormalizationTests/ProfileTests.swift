import Testing

@testable import TextNormalization

@Suite struct ProfileTests {
    @Test func neologdnProfileRemovesSpacesAndJoinsVoicedMarks() {
        #expect(Normalizer(options: .neologdn).normalize("ﾊﾟﾊﾟ 検索 エンジン") == "パパ検索エンジン")
    }

    @Test func neologdnProfileWithTildeNormalize() throws {
        var options = try NormalizationOptions.profile(named: "neologdn")
        try options.set("tilde", to: "normalize")
        #expect(Normalizer(options: options).normalize("1467〜1487年") == "1467~1487年")
    }

    @Test func neologdnProfileIsNotNFKC() {
        #expect(Normalizer(options: .neologdn).normalize("①②㈱㍻ｶﾞ") == "①②㈱㍻ガ")
    }

    @Test func wikiJaKeepsRangesDashesAndYen() {
        let n = Normalizer(options: .wikiJa)
        #expect(n.normalize("1995〜2001年") == "1995〜2001年")
        #expect(n.normalize("1995～2001年") == "1995〜2001年")
        #expect(n.normalize("1995~2001年") == "1995〜2001年")
        #expect(n.normalize("東京—大阪") == "東京—大阪")
        #expect(n.normalize("価格は¥100") == "価格は¥100")
        #expect(n.normalize("価格は￥100") == "価格は¥100")
    }

    @Test func wikiJaAndNFKCJoinHalfwidthVoicedKana() {
        #expect(Normalizer(options: .wikiJa).normalize("ｶﾞ") == "ガ")
        #expect(Normalizer(options: .nfkcOnly).normalize("ｶﾞ") == "ガ")
    }

    @Test func wikiJaExamples() {
        let n = Normalizer(options: .wikiJa)
        #expect(n.normalize("第３艦隊の少将 を務めた") == "第3艦隊の少将を務めた")
        #expect(n.normalize("DEFCON2 と") == "DEFCON2 と")
        #expect(n.normalize("(ロシア語版) を") == "(ロシア語版) を")
        #expect(n.normalize("（注）") == "(注)")
        #expect(n.normalize("スーパーーー　ｽｰﾊﾟｰ") == "スーパースーパー")
        #expect(n.normalize("x − y ‐‐ z") == "x - y - z")
        #expect(n.normalize("\u{FEFF}本文\u{200B}です\t。") == "本文です。")
        #expect(n.normalize("A－B") == "A-B")
        #expect(n.normalize("か゛あ゛") == "があ ゙")  // NFKC writes a lone ゛ as space + U+3099
    }

    @Test func nfkcProfileIsOnlyNFKC() {
        let n = Normalizer(options: .nfkcOnly)
        #expect(n.normalize("ーーー 〜 ‐ 少将 を") == "ーーー 〜 ‐ 少将 を")
        #expect(n.normalize("Ａ\u{3000}Ｂ") == "A B")
    }

    @Test func noneProfileChangesNothing() {
        #expect(Normalizer(options: .none).normalize("ｶﾞ　～") == "ｶﾞ　～")
    }

    @Test(arguments: [
        ("wiki-ja", NormalizationOptions.wikiJa), ("neologdn", .neologdn), ("nfkc", .nfkcOnly),
        ("none", .none),
    ])
    func profilesByName(_ name: String, _ expected: NormalizationOptions) throws {
        #expect(try NormalizationOptions.profile(named: name) == expected)
        #expect(expected.profileName == name)
    }

    @Test func wikiJaIsIdempotentOnTypicalText() {
        let n = Normalizer(options: .wikiJa)
        for text in [
            "ｶﾞｲﾄﾞ　ﾌﾞｯｸ 第１版（２０２０年）〜", "か゛は゜ ﾊﾟ ①", "スーパ—マン —東京—", "x − y ‐‐ z ～",
        ] {
            let once = n.normalize(text)
            #expect(n.normalize(once) == once, "\(text)")
        }
    }

    @Test func defaultNormalizerIsWikiJa() {
        #expect(Normalizer().options == .wikiJa)
    }
}
