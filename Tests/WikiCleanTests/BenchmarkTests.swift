import Testing

@testable import WikiClean

@Suite struct BenchmarkTests {
    private func row(_ name: String, _ seconds: Double) -> Benchmark.Row {
        Benchmark.Row(name: name, seconds: seconds, bytes: 1_000_000, documents: 10)
    }

    /// Each row of several rounds becomes its median round (the mean of the middle two for an
    /// even number) with the fastest round beside it; one round is left as it is.
    @Test func roundsBecomeTheMedianAndTheFastest() {
        let three = Benchmark.summarize([
            [row("pipeline", 0.30), row("read", 0.05)],
            [row("pipeline", 0.20), row("read", 0.09)],
            [row("pipeline", 0.50), row("read", 0.04)],
        ])
        #expect(three.map(\.name) == ["pipeline", "read"])
        #expect(three.map(\.seconds) == [0.30, 0.05])
        #expect(three.map(\.fastest) == [0.20, 0.04])
        #expect(three[0].megabytesPerSecond == 1 / 0.30)
        let four = Benchmark.summarize([[row("read", 4)], [row("read", 1)], [row("read", 3)], [row("read", 2)]])
        #expect(four[0].seconds == 2.5 && four[0].fastest == 1)
        let one = Benchmark.summarize([[row("read", 0.7)]])
        #expect(one[0].seconds == 0.7 && one[0].fastest == nil)
        #expect(Benchmark.summarize([]).isEmpty)
    }

    /// The table has a column for the fastest round only when the rows carry one.
    @Test func theTableShowsTheFastestRoundOnlyForRounds() {
        let single = Benchmark.render([row("read", 0.5)])
        #expect(!single.contains("fastest"))
        let rounds = Benchmark.render(Benchmark.summarize([[row("read", 0.5)], [row("read", 0.25)]]))
        let lines = rounds.split(separator: "\n")
        #expect(lines[0].hasSuffix("fastest"))
        #expect(lines[1].split(separator: " ").map(String.init) == ["read", "0.375", "2.7", "27", "0.250"])
    }

    /// The library leaves the allocator to its host: this test process links no mimalloc (the
    /// `wikiclean` command does, on Linux: `CLITests`), and the report says so.
    @Test func theAllocatorIsTheHostsOwn() {
        #expect(Benchmark.allocator == "the C library's malloc")
    }
}
