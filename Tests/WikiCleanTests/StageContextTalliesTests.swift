import Testing

@testable import WikiClean

/// ``StageContext`` keeps its figures by rule in ``RuleTallies`` (a small table of its own,
/// not a `[String: Tally]`): the same figures as a dictionary keeps, for rule ids that share
/// lengths, first bytes and last bytes, and are or are not the same `String` each time.
@Suite struct StageContextTalliesTests {
    @Test func ruleTalliesAgreeWithADictionary() {
        // Ids alike at both ends and in length (the hash reads only those), short and long,
        // ASCII and not, and copies of them made afresh (equal, with other storage).
        var ids: [String] = ["", "a", "caption", "textdump.mark", "textdump.mank", "chrome.menu.header.0001", "chrome.menu.header.0002",
            "chrome.menu.footer.0001", "見出し", "見出し.番号", "x.yyyyyyyyyyyyyyyyyyyyy.z", "x.yyyyyyyyyyyyyyyyyyyyy.z2"]
        for k in 0..<120 { ids.append("rule.\(k % 7).\(String(repeating: "m", count: k % 13)).\(k)") }
        var rng = SplitMix64(seed: 41)
        var table = RuleTallies()
        var expected: [String: StageContext.Tally] = [:]
        for round in 0..<20000 {
            let base = ids[Int(rng.next() % UInt64(ids.count))]
            let id = round % 3 == 0 ? String(decoding: Array(base.utf8), as: UTF8.self) : base
            let t = StageContext.Tally(count: Int(rng.next() % 3), characters: Int(rng.next() % 50))
            table.add(t, to: id)
            expected[id, default: .init()].add(t)
        }
        #expect(table.dictionary == expected)
        // Merged into another table (as contexts of one stage are merged).
        var other = RuleTallies()
        other.add(StageContext.Tally(count: 1, characters: 2), to: "caption")
        other.add(StageContext.Tally(count: 5, characters: 0), to: "only.here")
        other.add(table)
        var merged = expected
        merged["caption", default: .init()].add(StageContext.Tally(count: 1, characters: 2))
        merged["only.here", default: .init()].add(StageContext.Tally(count: 5, characters: 0))
        #expect(other.dictionary == merged)
    }

    @Test func stageContextFiguresAsBefore() {
        var a = StageContext(stage: "s")
        a.recordRemoval(rule: "r1", text: "あいう", line: 1)
        a.recordRemoval(rule: "r1", text: "ab", line: 2)
        a.recordChange(rule: "c", characters: 4, line: 3, before: "x", after: "y")
        a.recordRelabel(rule: "c", text: "z", line: 4, role: .caption)
        a.addChanges(rule: "n", StageContext.Tally(count: 2, characters: 9))
        a.recordLineOutside(rule: "o", line: 5)
        a.recordLineOutside(rule: "o", line: 6)
        var b = StageContext(stage: "s")
        b.recordRemoval(rule: "r2", text: "q", line: 7)
        b.recordLineOutside(rule: "o", line: 8)
        a.merge(b)
        #expect(a.removed == ["r1": .init(count: 2, characters: 5), "r2": .init(count: 1, characters: 1)])
        #expect(a.changed == ["c": .init(count: 2, characters: 4), "n": .init(count: 2, characters: 9)])
        #expect(a.linesOutside == ["o": 3])
        #expect(a.linesOutsideTotal == 3)
    }
}
