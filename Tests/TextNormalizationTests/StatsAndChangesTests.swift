import Testing

@testable import TextNormalization

@Suite struct StatsAndChangesTests {
    @Test func statsCountCharactersAndLinesPerRule() {
        let n = Normalizer(options: .wikiJa)
        var stats = NormalizationStats()
        // Line 1: width ｶﾞ (2 scalars), spaces (1). Line 2: hyphens ‐‐ (2), tilde ～ via nfkc→tilde.
        // Line 3: unchanged.
        let out = n.normalize("ｶﾞ を\nA‐‐B\nそのまま", stats: &stats)
        #expect(out == "ガを\nA-B\nそのまま")
        #expect(stats.charactersChanged == ["width": 2, "spaces": 1, "hyphens": 2])
        #expect(stats.linesChanged == ["width": 1, "spaces": 1, "hyphens": 1])

        var more = NormalizationStats()
        _ = n.normalize("ｱ\nｲ", stats: &more)
        #expect(more.charactersChanged == ["width": 2])
        #expect(more.linesChanged == ["width": 2])
        stats.merge(more)
        #expect(stats.charactersChanged["width"] == 4)
        #expect(stats.linesChanged["width"] == 3)
        #expect(stats.linesChanged["hyphens"] == 1)
    }

    @Test func statsAgreeWithChanges() {
        let n = Normalizer(options: .wikiJa)
        let text = "ＡＢ　ｶﾞ\u{200B}①〜～\n  x − y  \nスーパーーー"
        var stats = NormalizationStats()
        let a = n.normalize(text, stats: &stats)
        let (b, changes) = n.normalizeWithChanges(text)
        #expect(a == b)
        #expect(a == n.normalize(text))
        var fromChanges: [String: Int] = [:]
        for c in changes { fromChanges[c.rule, default: 0] += max(1, c.original.unicodeScalars.count) }
        #expect(fromChanges == stats.charactersChanged)
    }

    @Test func changesReportRuleAndInputSpan() {
        let n = Normalizer(options: .wikiJa)
        let text = "前\u{200B}ｶﾞ少将 を—"
        let (out, changes) = n.normalizeWithChanges(text)
        #expect(out == "前ガ少将を—")
        #expect(
            changes == [
                NormalizationChange(rule: "controls", original: "\u{200B}", replacement: "", offset: 3),
                NormalizationChange(rule: "width", original: "ｶﾞ", replacement: "ガ", offset: 6),
                NormalizationChange(rule: "spaces", original: " ", replacement: "", offset: 18),
            ])
    }

    @Test func changeOffsetsAreMappedThroughEarlierRules() {
        // nfkc changes ① (3 bytes → 1); the later hyphen change must still point into the input.
        let n = Normalizer(options: .wikiJa)
        let text = "ＡＡ①x−y\n① ‐ "
        let (_, changes) = n.normalizeWithChanges(text)
        let bytes = Array(text.utf8)
        for c in changes where c.rule == "hyphens" {
            let original = Array(c.original.utf8)
            #expect(Array(bytes[c.offset..<(c.offset + original.count)]) == original)
        }
        #expect(changes.map(\.rule).filter { $0 == "hyphens" }.count == 2)
        #expect(changes.contains { $0.rule == "nfkc" && $0.original == "①" && $0.offset == 6 })
        #expect(changes.contains { $0.rule == "spaces" && $0.original == " " && $0.offset == 22 })
    }

    @Test func neologdnProfileAttributesItsChanges() {
        let (out, changes) = Normalizer(options: .neologdn).normalizeWithChanges("ﾊﾟ 検索～")
        #expect(out == "パ検索")
        #expect(
            changes == [
                NormalizationChange(rule: "width", original: "ﾊﾟ", replacement: "パ", offset: 0),
                NormalizationChange(rule: "spaces", original: " ", replacement: "", offset: 6),
                NormalizationChange(rule: "tilde", original: "～", replacement: "", offset: 13),
            ])
    }

    @Test func repeatChangesAreDeletions() throws {
        var o = NormalizationOptions.none
        try o.set("repeat=1")
        let (out, changes) = Normalizer(options: o).normalizeWithChanges("無駄無駄無駄ァ")
        #expect(out == "無駄ァ")
        #expect(
            changes == [NormalizationChange(rule: "repeat", original: "無駄無駄", replacement: "", offset: 6)]
        )
    }

    @Test func normalizerIsUsableFromManyTasks() async {
        let n = Normalizer(options: .wikiJa)
        let lines = (0..<200).map { "ｶﾞ\($0)　少将 を ①〜～ Ｘ" }
        let expected = lines.map { n.normalize($0) }
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for (i, line) in lines.enumerated() { group.addTask { (i, n.normalize(line)) } }
            var out = [String](repeating: "", count: lines.count)
            for await (i, s) in group { out[i] = s }
            return out
        }
        #expect(results == expected)
    }
}

@Suite struct CounterTests {
    @Test func aCounterAddsUpLikeMergedStats() {
        let n = Normalizer(options: .wikiJa)
        let texts = ["ｶﾞ を", "A‐‐B", "そのまま", "１９９５〜２００１年", "ﾊﾟﾊﾟ 検索 エンジン", "", "㈱ ①", "カー ー"]
        var merged = NormalizationStats()
        var counter = NormalizationCounter()
        for t in texts {
            var one = NormalizationStats()
            let a = n.normalize(t, stats: &one)
            merged.merge(one)
            let b = n.normalize(t, counter: &counter)
            #expect(a == b)
        }
        #expect(!merged.isEmpty)
        #expect(counter.stats == merged)
    }
}
