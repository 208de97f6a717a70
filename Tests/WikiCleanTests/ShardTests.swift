import Foundation
import Testing
@testable import WikiClean

/// `--shard K/N`: each shard reads the pages that start in its slice of the file, both ends
/// moved to page boundaries by the same rule, so that the shards' outputs put together are
/// the whole run's.
@Suite struct ShardTests {
    /// Pages of many layouts (so that many kinds of page start meet at the slices' ends),
    /// the seed, blank lines, and lines the reader rejects, in a shuffled order.
    static func mixedDump() throws -> String {
        let layouts = try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixture("layouts").path).sorted().compactMap {
            name -> String? in
            let url = TestSupport.fixture("layouts/\(name)/input.txt")
            return FileManager.default.fileExists(atPath: url.path) ? try String(contentsOf: url, encoding: .utf8) : nil
        }
        var parts = layouts + [try String(contentsOfFile: TestSupport.seedPath, encoding: .utf8)]
        parts.append("a NUL \u{0} line is rejected")
        parts.append("\n\n   \n")
        var rng = SplitMix64(seed: 7)
        parts.shuffle(using: &rng)
        return parts.joined(separator: "\n")
    }

    static func check(path: String, count: Int) throws {
        let pipeline = try TestSupport.defaultPipeline()
        let whole = try TestSupport.run(pipeline, path: path, jobs: 1)
        var docs = ""
        var rejects = ""
        var sum = RunStats.Input(input: path, format: whole.stats.inputs[0].format)
        var written = 0
        for k in 1...count {
            let part = try TestSupport.run(pipeline, path: path, shard: try Shard(index: k, count: count), jobs: 2)
            let i = part.stats.inputs[0]
            #expect(i.linesAddUp, "shard \(k)/\(count)")
            let expected = try Shard(index: k, count: count)
            #expect(i.shard == expected)
            docs += part.docs
            rejects += part.rejects
            written += part.stats.documentsWritten
            sum.bytes += i.bytes
            sum.linesTotal += i.linesTotal
            sum.linesBlank += i.linesBlank
            sum.linesRejected += i.linesRejected
            sum.linesInDocuments += i.linesInDocuments
            sum.recordsRead += i.recordsRead
            sum.recordsRejected += i.recordsRejected
            sum.pages += i.pages
        }
        let w = whole.stats.inputs[0]
        #expect(docs == whole.docs, "\(count) shards")
        #expect(rejects == whole.rejects)
        #expect(written == whole.stats.documentsWritten)
        let parts: [Int] = [sum.bytes, sum.linesTotal, sum.linesBlank, sum.linesRejected, sum.linesInDocuments, sum.recordsRead, sum.recordsRejected, sum.pages]
        let all: [Int] = [w.bytes, w.linesTotal, w.linesBlank, w.linesRejected, w.linesInDocuments, w.recordsRead, w.recordsRejected, w.pages]
        #expect(parts == all)
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13])
    func theShardsOfADumpPutTogetherAreTheWholeRun(count: Int) throws {
        let path = TestSupport.write(try Self.mixedDump())
        try Self.check(path: path, count: count)
    }

    @Test(arguments: [2, 4, 7])
    func theShardsOfJSONLinesPutTogetherAreTheWholeRun(count: Int) throws {
        let records = try String(contentsOf: TestSupport.fixture("layouts/jsonl-records/input.jsonl"), encoding: .utf8)
        // Blank lines and bad records between good ones: record numbers stay the file's.
        let text = (0..<6).map { "\($0 % 2 == 0 ? "\n  \n{not json\n" : "")" + records }.joined(separator: "\n")
        let path = TestSupport.write(text, name: "records.jsonl")
        try Self.check(path: path, count: count)
    }

    /// More shards than pages: most are empty, and nothing is lost or repeated.
    @Test func moreShardsThanPagesLeavesSomeEmpty() throws {
        let path = TestSupport.write(try String(contentsOf: TestSupport.fixture("layouts/multi-page/input.txt"), encoding: .utf8))
        try Self.check(path: path, count: 40)
    }

    @Test func aShardIsWrittenKOverN() throws {
        let third = try Shard(index: 3, count: 8)
        #expect(try Shard(parsing: "3/8") == third)
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/2/3", ""] {
            #expect(throws: ShardError.self, "\(bad)") { try Shard(parsing: bad) }
        }
        #expect(try Shard(index: 3, count: 12).fileSuffix == ".shard-03-of-12")
        #expect(try Shard(index: 1, count: 1).fileSuffix == ".shard-1-of-1")
    }

    /// The slices cover every byte once, in order, for any size and number of shards.
    @Test func theSlicesCoverTheFile() throws {
        for total in [0, 1, 5, 999, 1 << 40, Int.max / 2] {
            for count in [1, 2, 3, 7, 64] {
                var next = 0
                for k in 1...count {
                    let r = try Shard(index: k, count: count).byteRange(total: total)
                    #expect(r.lowerBound == next)
                    next = r.upperBound
                }
                #expect(next == total)
            }
        }
    }

    @Test func aShardOfStandardInputIsRefused() throws {
        let pipeline = try TestSupport.defaultPipeline()
        #expect(throws: InputError.self) { _ = try pipeline.makeReader(path: "-", shard: try Shard(index: 1, count: 2)) }
    }
}
