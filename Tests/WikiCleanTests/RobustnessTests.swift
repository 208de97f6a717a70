import Foundation
import Testing
@testable import WikiClean

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// "Nothing lost, nothing crashes": bad input, adversarial input and seeded random input
/// through the real default pipeline. Every case checks the rejects, that the neighbours of
/// a bad line survive, and that every raw line is accounted for (`linesAddUp`).
@Suite struct RobustnessTests {
    // MARK: - Support

    /// What one run of the default pipeline produced.
    struct Outcome {
        var documents: [Document] = []
        /// The documents as written, one JSON object per line.
        var lines: [UInt8] = []
        var rejections: [Rejection] = []
        var stats: RunStats
        var input: RunStats.Input { stats.inputs[0] }
        var paragraphs: [String] { documents.flatMap(\.paragraphs) }
        var rejectsJSONL: String { rejections.map { $0.jsonLine + "\n" }.joined() }
    }

    static let pipeline: Pipeline = try! TestSupport.defaultPipeline()

    /// Runs the default pipeline over `bytes` written to a file named `name`.
    func run(_ bytes: [UInt8], name: String = "in.txt", maximumRecordBytes: Int? = nil, jobs: Int = 1) throws -> Outcome {
        var pipeline = Self.pipeline
        if let maximumRecordBytes { pipeline.reader.maximumRecordBytes = maximumRecordBytes }
        let path = TestSupport.write(bytes, name: name)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return try run(pipeline, path: path, name: name, jobs: jobs)
    }

    func run(_ text: String, name: String = "in.txt", maximumRecordBytes: Int? = nil, jobs: Int = 1) throws -> Outcome {
        try run(Array(text.utf8), name: name, maximumRecordBytes: maximumRecordBytes, jobs: jobs)
    }

    func run(_ pipeline: Pipeline, path: String, name: String, jobs: Int = 1) throws -> Outcome {
        var stats = RunStats(stages: pipeline.stages.map(\.identifier))
        var documents: [Document] = []
        var lines: [UInt8] = []
        var rejections: [Rejection] = []
        let input = try pipeline.run(
            path: path, name: name, jobs: jobs, stats: &stats,
            sinks: .init(
                document: { d, b in
                    documents.append(d)
                    lines.append(contentsOf: b)
                }, rejection: { rejections.append($0) }))
        stats.inputs = [input]
        return Outcome(documents: documents, lines: lines, rejections: rejections, stats: stats)
    }

    /// The invariants every run must keep: the books balance, every output line is a JSON
    /// object, ids are distinct, rejections and stats are valid JSON.
    static func checkInvariants(_ o: Outcome, _ label: String) -> [String] {
        var problems: [String] = []
        let i = o.input
        if !i.linesAddUp { problems.append("\(label): the line accounting does not add up: \(i)") }
        if i.recordsRejected != i.rejectedByReason.filter({ $0.key != "stage_failed" }).values.reduce(0, +) {
            problems.append("\(label): \(i.recordsRejected) rejected records but by reason \(i.rejectedByReason)")
        }
        let lines = o.lines.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == false { problems.append("\(label): the documents do not end with a newline") }
        if lines.count - 1 != o.documents.count { problems.append("\(label): \(lines.count - 1) lines for \(o.documents.count) documents") }
        for line in lines.dropLast() {
            guard case .object? = try? JSONParser.parse(Array(line)) else {
                problems.append("\(label): not a JSON object: \(String(decoding: line.prefix(200), as: UTF8.self))")
                break
            }
        }
        if Set(o.documents.map(\.id)).count != o.documents.count {
            problems.append("\(label): duplicate ids: \(o.documents.map(\.id))")
        }
        for r in o.rejections {
            guard case .object? = try? JSONParser.parse(r.jsonLine) else {
                problems.append("\(label): rejection not JSON: \(r.jsonLine.prefix(200))")
                break
            }
        }
        if case .object? = try? JSONParser.parse(o.stats.json) {} else { problems.append("\(label): stats not JSON") }
        return problems
    }

    func expectInvariants(_ o: Outcome, _ label: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for p in Self.checkInvariants(o, label) { Issue.record(Comment(rawValue: p), sourceLocation: sourceLocation) }
    }

    // MARK: - Bad input

    @Test func invalidUTF8LineIsRejectedAndItsNeighboursAreKept() throws {
        let bad: [UInt8] = [0xE3, 0x81, 0x28, 0xFF, 0xC0, 0xAF]
        let o = try run(Array("キューバ危機は1962年の事件である。\n".utf8) + bad + Array("\n次の段落も本文である。\n".utf8))
        #expect(o.paragraphs == ["キューバ危機は1962年の事件である。", "次の段落も本文である。"])
        #expect(o.rejections.map(\.reason) == [.invalidUTF8])
        #expect(o.rejections.first?.line == 2 && o.rejections.first?.raw == bad)
        #expect(o.rejectsJSONL.contains("\"raw_base64\":\"44Eo/8Cv\""))
        #expect(o.input.linesRejected == 1 && o.input.linesTotal == 3)
        expectInvariants(o)

        // The same inside JSON Lines: the bytes of a string value are checked too.
        let j = try run(Array("{\"text\":\"前の記録。\"}\n{\"text\":\"".utf8) + bad + Array("\"}\n{\"text\":\"後の記録。\"}\n".utf8), name: "in.jsonl")
        #expect(j.rejections.map(\.reason) == [.invalidUTF8])
        #expect(j.rejections.first?.line == 2 && j.rejections.first?.record == 1)
        #expect(j.paragraphs == ["前の記録。", "後の記録。"])
        expectInvariants(j)
    }

    @Test func malformedJSONLinesAreRejectedAlone() throws {
        let text = """
            {"text":"一つ目の記録である。","id":1}
            {"text":"閉じていない記録
            {"text":"末尾のコンマ",}
            {"text":"二つ目の記録である。"} trailing
            {'text':'single quotes'}
            {"text":"最後の記録である。"}

            """
        let o = try run(text, name: "in.jsonl")
        #expect(o.rejections.map(\.reason) == Array(repeating: .malformedJSON, count: 4))
        #expect(o.rejections.map(\.line) == [2, 3, 4, 5])
        #expect(o.rejections.map(\.record) == [1, 2, 3, 4])
        #expect(o.paragraphs == ["一つ目の記録である。", "最後の記録である。"])
        #expect(o.documents.map(\.source.record) == [0, 5])
        #expect(o.input.recordsRead == 6 && o.input.recordsRejected == 4)
        expectInvariants(o)
    }

    @Test func recordsWithoutATextFieldOrWithANonStringTextAreRejected() throws {
        let text = """
            {"title":"本文なし"}
            {"text":null}
            {"text":["配列"]}
            {"text":{"a":1}}
            {"text":true}
            {"text":12}
            {"text":"残る記録である。","text2":5}
            "just a string"
            []
            """
        let o = try run(text, name: "in.jsonl")
        #expect(
            o.rejections.map(\.reason) == [
                .missingTextField, .textNotAString, .textNotAString, .textNotAString, .textNotAString, .textNotAString,
                .notAnObject, .notAnObject,
            ])
        #expect(o.rejections.map(\.line) == [1, 2, 3, 4, 5, 6, 8, 9])
        #expect(o.paragraphs == ["残る記録である。"])
        #expect(o.documents.first?.meta.keys == ["text2"])
        expectInvariants(o)
    }

    @Test func nulBytesAreRejectedInTextDumpsAndInJSONText() throws {
        let o = try run(Array("前の段落である。\nNUL\u{0}を含む行。\n\u{0}\n後の段落である。".utf8))
        #expect(o.rejections.map(\.reason) == [.nulByte, .nulByte])
        #expect(o.rejections.map(\.line) == [2, 3])
        #expect(o.paragraphs == ["前の段落である。", "後の段落である。"])
        // Bytes with a NUL are kept as base64 in the rejects file.
        #expect(o.rejectsJSONL.contains("\"raw\":null,\"raw_base64\":"))
        expectInvariants(o)

        // JSON Lines: an escaped NUL in the text, and a raw NUL byte in the line.
        let j = try run(Array("{\"text\":\"a\\u0000b\"}\n{\"text\":\"raw \u{0} nul\"}\n{\"text\":\"x\"}\u{0}\n{\"text\":\"残る。\"}\n".utf8), name: "in.jsonl")
        #expect(j.rejections.count == 3)
        #expect(j.rejections.first?.reason == .nulByte)
        #expect(j.rejections.map(\.line) == [1, 2, 3])
        #expect(j.paragraphs == ["残る。"])
        expectInvariants(j)
    }

    @Test func emptyAndBlankFilesGiveNothingAndAddUp() throws {
        for (bytes, name) in [([UInt8](), "in.txt"), ([], "in.jsonl"), (Array("\n\n \r\n\t\n".utf8), "in.txt"), (Array("\n \r\n".utf8), "in.jsonl")] {
            let o = try run(bytes, name: name)
            #expect(o.documents.isEmpty && o.rejections.isEmpty, "\(name) \(bytes)")
            #expect(o.input.linesTotal == o.input.linesBlank)
            expectInvariants(o, name)
        }
        let bomOnly = try run([0xEF, 0xBB, 0xBF])
        #expect(bomOnly.documents.isEmpty && bomOnly.rejections.isEmpty && bomOnly.input.linesBlank == 1)
        expectInvariants(bomOnly)
    }

    @Test func aFileOfNothingButChromeGivesNoDocuments() throws {
        let lines = (0..<50).flatMap { _ in ["左メニュー", "シェアボタン: このページをSNSに投稿するのに便利です。"] }
        for jobs in [1, 2] {
            let o = try run(lines.joined(separator: "\n") + "\n", jobs: jobs)
            #expect(o.documents.isEmpty)
            #expect(o.rejections.isEmpty)
            #expect(o.input.linesInDocuments == 0)
            #expect(o.input.linesOutsideDocuments.values.reduce(0, +) == 100)
            #expect(o.input.linesOutsideDocuments["unattributed"] == nil)
            expectInvariants(o)
        }
    }

    @Test func lastLineWithoutNewlineIsKept() throws {
        let o = try run("最初の段落である。\n最後の段落である。")
        #expect(o.paragraphs == ["最初の段落である。", "最後の段落である。"])
        #expect(o.input.linesTotal == 2)
        expectInvariants(o)
        let crlf = try run("最初の段落である。\r\n最後の段落である。\r")
        #expect(crlf.paragraphs == ["最初の段落である。", "最後の段落である。"])
        expectInvariants(crlf)
        let j = try run("{\"text\":\"一つ目。\"}\n{\"text\":\"最後の記録。\"}", name: "in.jsonl")
        #expect(j.paragraphs == ["一つ目。", "最後の記録。"])
        #expect(j.input.recordsRead == 2)
        expectInvariants(j)
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = Array("キューバ危機(キューバきき)は、1962年の事件である。\n次の段落である。\n".utf8)
        let plain = try run(text)
        let marked = try run(bom + text)
        #expect(marked.lines == plain.lines)
        #expect(marked.rejections.isEmpty)
        expectInvariants(marked)
        let j = try run(bom + Array("{\"text\":\"記録である。\"}\n".utf8), name: "in.jsonl")
        #expect(j.rejections.isEmpty && j.paragraphs == ["記録である。"])
        expectInvariants(j)
    }

    @Test func overLongLinesAndRecordsAreRejectedWithTheirFirstBytes() throws {
        let long = String(repeating: "長", count: 100_000)  // 300 000 bytes
        let o = try run("前の段落である。\n\(long)\n後の段落である。\n", maximumRecordBytes: 4096)
        #expect(o.rejections.map(\.reason) == [.tooLong])
        let r = try #require(o.rejections.first)
        #expect(r.line == 2 && r.rawTruncated)
        #expect(r.raw.count == ByteLineReader.keptBytes && r.raw == Array(long.utf8.prefix(ByteLineReader.keptBytes)))
        #expect(r.message.contains("300000"))
        #expect(o.paragraphs == ["前の段落である。", "後の段落である。"])
        expectInvariants(o)

        let j = try run("{\"text\":\"前。\"}\n{\"text\":\"\(long)\"}\n{\"text\":\"後。\"}", name: "in.jsonl", maximumRecordBytes: 4096)
        #expect(j.rejections.map(\.reason) == [.tooLong])
        #expect(j.rejections.first?.record == 1 && j.rejections.first?.raw.count == ByteLineReader.keptBytes)
        #expect(j.paragraphs == ["前。", "後。"])
        expectInvariants(j)

        // Exactly at the limit is accepted; one byte over is not.
        let atLimit = String(repeating: "a", count: 4096)
        let edge = try run("\(atLimit)\n\(atLimit)b\n", maximumRecordBytes: 4096)
        #expect(edge.rejections.map(\.line) == [2])
        expectInvariants(edge)
    }

    /// Every item a reader yields for `bytes`, and its accounting.
    func read(_ bytes: [UInt8], name: String = "in.txt", maximumRecordBytes: Int? = nil) throws -> ([ReaderItem], ReaderAccounting) {
        var pipeline = Self.pipeline
        if let maximumRecordBytes { pipeline.reader.maximumRecordBytes = maximumRecordBytes }
        let path = TestSupport.write(bytes, name: name)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var reader = try pipeline.makeReader(path: path, name: name)
        var items: [ReaderItem] = []
        while let item = try reader.next() { items.append(item) }
        return (items, reader.accounting)
    }

    @Test func aCRLFLineOfExactlyTheLimitIsAcceptedWhereverItFalls() throws {
        // The reader reads a 1 MiB window at a time. A line of exactly the limit followed by
        // CRLF, whose `\n` falls just past the window, was rejected as too long, while the
        // same line anywhere else was accepted.
        let limit = 4096
        let window = 1 << 20
        /// Short lines up to byte `start`.
        func filler(_ start: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            while bytes.count + 100 <= start { bytes += Array(repeating: 0x61, count: 99) + [0x0A] }
            if bytes.count < start { bytes += Array(repeating: 0x61, count: start - bytes.count - 1) + [0x0A] }
            return bytes
        }
        for shift in -3...3 {
            for (length, accepted) in [(limit, true), (limit + 1, false)] {
                let bytes = filler(window - length - 1 + shift) + Array(repeating: 0x62, count: length) + [0x0D, 0x0A] + Array("最後の行。\n".utf8)
                let (items, accounting) = try read(bytes, maximumRecordBytes: limit)
                let rejected = items.compactMap { if case .rejected(let r) = $0 { return r } else { return nil } }
                #expect(rejected.map(\.reason) == (accepted ? [] : [.tooLong]), "shift \(shift), \(length) bytes: \(rejected.map(\.message))")
                #expect(accounting.lines == accounting.blankLines + accounting.records)
            }
        }
    }

    @Test func crlfInsideAJSONTextSplitsItsLines() throws {
        let (items, a) = try read(Array("{\"text\":\"一行目である。\\r\\n\\r\\n三行目である。\\r\\n\"}\n".utf8), name: "in.jsonl")
        let pages = items.compactMap { if case .page(let d) = $0 { return d } else { return nil } }
        try #require(pages.count == 1)
        #expect(pages[0].blocks == [.paragraph("一行目である。", line: 1), .paragraph("三行目である。", line: 3)])
        #expect(a.recordTextLines == 3 && a.recordTextBlankLines == 1)
        let o = try run("{\"text\":\"一行目である。\\r\\n\\r\\n三行目である。\\r\\n\"}\n", name: "in.jsonl")
        #expect(o.paragraphs == ["一行目である。", "三行目である。"])
        expectInvariants(o)
    }

    /// Peak resident memory of the process, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    @Test func aHugeLineIsSkippedInBoundedMemory() throws {
        // A sparse file: 512 MiB of NUL bytes and no newline, then one line of text. With a
        // 1 MiB limit the reader must skip it, not buffer it.
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("huge.txt").path
        let size = 512 << 20
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        let tail = Array("\n最後の段落である。\n".utf8)
        #expect(ftruncate(fd, off_t(size)) == 0)
        #expect(lseek(fd, off_t(size), SEEK_SET) == off_t(size))
        #expect(tail.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == tail.count)
        close(fd)

        var pipeline = Self.pipeline
        pipeline.reader.maximumRecordBytes = 1 << 20
        let before = Self.peakResidentBytes()
        let started = ContinuousClock.now
        let o = try run(pipeline, path: path, name: "huge.txt")
        let elapsed = ContinuousClock.now - started
        let growth = Self.peakResidentBytes() - before
        print("aHugeLineIsSkippedInBoundedMemory: 512 MiB line skipped in \(elapsed), peak RSS \(before >> 20) MiB before, grew by \(growth >> 20) MiB")
        #expect(growth < 64 << 20, "peak memory grew by \(growth >> 20) MiB reading a 512 MiB line with a 1 MiB limit")
        #expect(o.rejections.map(\.reason) == [.tooLong])
        #expect(o.rejections.first?.raw.count == ByteLineReader.keptBytes)
        #expect(o.rejections.first?.message.contains("\(size) bytes") == true)
        #expect(o.paragraphs == ["最後の段落である。"])
        #expect(o.input.bytes == size + tail.count)
        expectInvariants(o)
    }

    // MARK: - Adversarial input: linear cost

    /// Inputs built to provoke super-linear work in the stages (backtracking on brackets,
    /// chrome phrases matched at every position, quadratic splitting of markers).
    static let adversarial: [String: @Sendable () -> String] = [
        "10 MB of one kana, no newline": { String(repeating: "あ", count: 3_500_000) },
        "10 MB of one ASCII letter, no newline": { String(repeating: "a", count: 10_000_000) },
        "1 MB of [": { String(repeating: "[", count: 1_000_000) },
        "1 MB of (": { String(repeating: "(", count: 1_000_000) },
        "1 MB of 」": { String(repeating: "」", count: 350_000) },
        "1 MB of 『": { String(repeating: "『", count: 350_000) },
        "200 KB of 「": { String(repeating: "「", count: 70_000) },
        "1 MB of ...": { String(repeating: "...", count: 350_000) },
        "1 MB of …": { String(repeating: "…", count: 350_000) },
        "Wikipedia tagline x 100 000 in one line": { String(repeating: "出典: フリー百科事典『ウィキペディア(Wikipedia)』", count: 100_000) },
        "[編集] x 100 000 in one line": { String(repeating: "[編集]", count: 100_000) },
        "目次1 a[編集] x 100 000 in one line": { String(repeating: "目次1 a[編集]", count: 100_000) },
        "カテゴリ: x 100 000 in one line": { String(repeating: "カテゴリ: ", count: 100_000) },
        "「http x 20 000 in one line": { String(repeating: "「http", count: 20_000) },
        "この項目では、 x 20 000 in one line": { String(repeating: "この項目では、", count: 20_000) },
        "[要出典 x 100 000 in one line": { String(repeating: "[要出典", count: 100_000) },
        "A > B > breadcrumb x 100 000 in one line": { String(repeating: "A > ", count: 100_000) + "タイトル" },
        "1 MB without 。": { String(repeating: "これは句点のない長い文で、読点だけが続き", count: 17_000) },
        "1 MB of 。": { String(repeating: "。", count: 350_000) },
        "100 000 lines of 左メニュー": { String(repeating: "左メニュー\n", count: 100_000) },
        "100 000 lines of [編集]": { String(repeating: "[編集]\n", count: 100_000) },
        "100 000 lines of heading[編集] and a paragraph": { String(repeating: "見出し[編集]\n本文の段落である。\n", count: 50_000) },
        // The reader's page starts behind link numbers and in Markdown links, and the site
        // header a page start carries (menu words over a tagline), a page each.
        "20 000 numbered skip links and Markdown brands (a page each)": {
            String(repeating: "[3]コンテンツにスキップ\n本文である。\n[Fandom](https://www.fandom.com/ \"Fandom\")\n本文である。\n", count: 10_000)
        },
        "10 000 site headers over taglines (a page each)": {
            String(repeating: "灯台Wiki\n検索\nログイン\n案内\nメインページ\n灯台\n提供: 灯台Wiki\n灯台(とうだい)は、航路標識である。\n", count: 10_000)
        },
        "20 000 tagline lines (a page each)": {
            String(repeating: "出典: フリー百科事典『ウィキペディア(Wikipedia)』\n記事(きじ)は、例である。\n", count: 10_000)
        },
    ]

    /// How much slower code runs here: 10 under the thread or address sanitizer, else 1.
    static let sanitizerSlowdown: Int = {
        guard let handle = dlopen(nil, RTLD_NOW) else { return 1 }
        defer { dlclose(handle) }
        return dlsym(handle, "__tsan_init") != nil || dlsym(handle, "__asan_init") != nil ? 10 : 1
    }()

    @Test(arguments: adversarial.keys.sorted())
    func adversarialInputFinishesQuicklyAndAddsUp(name: String) throws {
        let text = Self.adversarial[name]!()
        let path = TestSupport.write(text)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // One job, so that every stage runs on this thread and its CPU time is the run's cost:
        // with wall time and two jobs, this guard failed on a machine busy with other builds
        // (31–35 s at a load of 6–7 for work that takes a few seconds on an idle machine).
        let started = Self.threadCPUSeconds()
        let o = try run(Self.pipeline, path: path, name: "in.txt")
        let cpu = Self.threadCPUSeconds() - started
        print("adversarial \"\(name)\": \(text.utf8.count) bytes, \(o.documents.count) documents, \(cpu) s CPU")
        // A hang guard only (debug build; ten times more under a sanitizer); real figures are
        // printed above. Super-linear cost is what costGrowsLinearlyWithTheInput measures.
        #expect(cpu < 30.0 * Double(Self.sanitizerSlowdown), "\(name) took \(cpu) s of CPU")
        #expect(o.rejections.isEmpty)
        expectInvariants(o, name)
    }

    /// Inputs whose cost once grew faster than their size, and two linear controls. Each
    /// generator takes a repeat count.
    static let scaling: [String: (base: Int, make: @Sendable (Int) -> String)] = [
        // Was O(blocks²): DetectArticleBoundaries copied a raw line's blocks on every append.
        "見出し[編集]本文である。 repeated in one line": (2_500, { String(repeating: "見出し[編集]本文である。", count: $0) }),
        // Was O(lines × documents) per page: Pipeline.process's line accounting.
        "title and preview lines": (1_250, { String(repeating: "題名\n短い紹介文...\n", count: $0) }),
        "[ repeated in one line": (25_000, { String(repeating: "[", count: $0) }),
        "「 repeated in one line": (5_000, { String(repeating: "「", count: $0) }),
        "[編集] repeated in one line (control)": (25_000, { String(repeating: "[編集]", count: $0) }),
        "lines of 左メニュー (control)": (25_000, { String(repeating: "左メニュー\n", count: $0) }),
        // Page-level passes: title bars, the about-site link among footer links, side blocks
        // and post bodies under their headers.
        "title bars over their title lines": (2_500, { String(repeating: "左メニュー\n富士山 - 山のWiki\n富士山\n富士山(ふじさん)は、山である。\n", count: $0) }),
        "about-site links between footer links": (5_000, { String(repeating: "プライバシー・ポリシー\n鉄道資料館について\n免責事項\n", count: $0) }),
        "side blocks and post headers": (2_500, { String(repeating: "人気のページ\n富士山\n高尾山\nこのページへのコメント\n良い記事です。\n", count: $0) }),
        // rejoin-lines: one paragraph wrapped over many lines, one element split over many nodes.
        "one paragraph hard-wrapped at 80 columns": (2_500, { String(repeating: "地理\n\n", count: $0 / 5) + String(repeating: "湖は北側の大きな北湖と、南側の小さな南湖に分けられる。両者の境のもっとも狭い所に\n", count: $0) }),
        "text nodes of one element a line": (2_500, { String(repeating: "歴史\n[\n編集\n]\n\n", count: $0 / 5) + String(repeating: "山形県\nを流れる。\n", count: $0) }),
    ]

    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    @Test(arguments: scaling.keys.sorted())
    func costGrowsLinearlyWithTheInput(name: String) throws {
        let c = Self.scaling[name]!
        func seconds(_ n: Int) throws -> Double {
            let path = TestSupport.write(c.make(n))
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            // CPU time of this thread, which runs every stage with one job: the tests that
            // swift-testing runs alongside and other processes on the machine do not count
            // (with wall time this test failed on a machine busy with two builds).
            let started = Self.threadCPUSeconds()
            let o = try run(Self.pipeline, path: path, name: "in.txt")
            let d = Self.threadCPUSeconds() - started
            expectInvariants(o, "\(name) x \(n)")
            return d
        }
        // The faster of two runs each: what else the machine does only adds time.
        let small = min(try seconds(c.base), try seconds(c.base))
        let large = min(try seconds(c.base * 4), try seconds(c.base * 4))
        print("scaling \"\(name)\": x\(c.base) \(small) s, x\(c.base * 4) \(large) s, ratio \(large / max(small, 1e-9))")
        // Four times the input should cost about four times as much; 8 leaves room for noise.
        // Below 0.3 s the figures are too noisy to judge.
        #expect(large < 0.3 || large < 8 * small, "\(name): 4x the input cost \(large / max(small, 1e-9))x the time")
    }

    // MARK: - Seeded random input

    /// Pieces the generator mixes: fixture lines, chrome phrases and markers.
    static let fragments: [[UInt8]] = {
        var lines: [String] = []
        for file in ["000_2232c584cf89ac51.txt"] + ["vector2022", "mobile", "fandom", "weblio", "multi-page", "crlf-bom-fullwidth"].map({ "layouts/\($0)/input.txt" }) {
            let text = (try? String(contentsOf: TestSupport.fixture(file), encoding: .utf8)) ?? ""
            lines += text.split(separator: "\n").map { String($0.prefix(300)) }
        }
        let chrome = [
            "左メニュー", "左メニューサンプル", "シェアボタン: このページをSNSに投稿するのに便利です。", "出典: フリー百科事典『ウィキペディア(Wikipedia)』",
            "ナビゲーションに移動 検索に移動", "[編集]", "[ソースを編集]", "[編集 | ソースを編集]", "[]", " 編集", "目次", "目次1 概要2 歴史",
            "テンプレートを表示", "[脚注の使い方]", "[1]", "[注 2]", "^ ", "カテゴリ: ", "この項目は、", "に関連した書きかけの項目です。",
            "この記事は検証可能な参考文献や出典が全く示されていないか、不十分です。", "最終更新 2024年1月2日 (火) 03:04 (日時は個人設定で未設定ならばUTC)。",
            "A > B > タイトル", "Weblio 辞書 > ", "とは? わかりやすく解説", "FANDOM", "Advertisement", "...", "…", "『", "』", "「", "」",
            "(", ")", "[", "]", "【", "】", "。", "、", "(よみ、英: Reading)は、", "ﾊﾟﾊﾟ", "〜", "ｰ", "  ", "\t", "\u{3000}", "\u{FEFF}",
            "人気のページ", "このページへのコメント", "この記事の掲示板", " - ", "について", "プライバシー・ポリシー", "免責事項",
            "{\"text\":\"", "\"}", "\\n", "\\u0000", "\\ud800", ",\"x\":1}", "{", "}",
        ]
        return lines.map { Array($0.utf8) } + chrome.map { Array($0.utf8) }
    }()

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// One random input of up to a few KiB.
    static func randomInput(_ g: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        let pieces = Int.random(in: 0...40, using: &g)
        for _ in 0..<pieces {
            switch Int.random(in: 0..<20, using: &g) {
            case 0..<9:
                var f = fragments.randomElement(using: &g)!
                if Bool.random(using: &g), f.count > 4 {
                    // A cut anywhere, also inside a multi-byte character.
                    let a = Int.random(in: 0..<f.count, using: &g)
                    f = Array(f[a..<min(f.count, a + Int.random(in: 1...200, using: &g))])
                }
                out += f
            case 9, 10: out.append(0x0A)
            case 11: out += [[0x0D, 0x0A], [0x0D], [0x00], [0x0A, 0x0A]].randomElement(using: &g)!
            case 12:
                // Invalid UTF-8: stray continuation, truncated sequence, overlong, surrogate, FF.
                out += [[0x80], [0xE3, 0x81], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80]].randomElement(using: &g)!
            case 13: out += (0..<Int.random(in: 1...16, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            case 14:
                let s = ["[", "(", "」", "『", "...", "[編集]", "。", "…", "ホーム　＞　"].randomElement(using: &g)!
                out += Array(String(repeating: s, count: Int.random(in: 2...300, using: &g)).utf8)
            case 15:
                // A JSON record around a fixture fragment.
                let text = String(decoding: fragments.randomElement(using: &g)!, as: UTF8.self)
                out += Array(JSONWriter.string(.object(JSONObject([.init(key: "text", value: .string(text)), .init(key: "n", value: .number("1"))]))).utf8)
                out.append(0x0A)
            case 16: out += [0xEF, 0xBB, 0xBF]
            default: out += Array(" ".utf8)
            }
        }
        return out
    }

    @Test func seededRandomInputsKeepTheInvariants() throws {
        var g = SplitMix64(seed: 0x5EED_0F_F022)
        let started = ContinuousClock.now
        var documents = 0
        var rejections = 0
        let cases = 300
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for n in 0..<cases {
            let bytes = Self.randomInput(&g)
            for ext in ["txt", "jsonl"] {
                let path = dir.appendingPathComponent("case.\(ext)").path
                precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "could not create \(path)")
                let one = try run(Self.pipeline, path: path, name: "case.\(ext)", jobs: 1)
                let two = try run(Self.pipeline, path: path, name: "case.\(ext)", jobs: 2)
                let label = "case \(n) (.\(ext), \(bytes.count) bytes: \(Data(bytes).base64EncodedString().prefix(400)))"
                var problems = Self.checkInvariants(one, label)
                // No replacement character that the input did not hold (a cut inside a character;
                // JSON Lines input may spell one as `\ufffd`).
                let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
                if ext == "txt" && !Self.contains(bytes, replacement) && Self.contains(one.lines, replacement) {
                    problems.append("\(label): a replacement character in the documents, none in the input")
                }
                for p in problems { Issue.record(Comment(rawValue: p)) }
                #expect(one.lines == two.lines && one.rejectsJSONL == two.rejectsJSONL && one.stats.json == two.stats.json, "not deterministic: \(label)")
                documents += one.documents.count
                rejections += one.rejections.count
                if !problems.isEmpty { return }
            }
        }
        print("seededRandomInputsKeepTheInvariants: \(cases) inputs x 2 formats x 2 job counts, \(documents) documents, \(rejections) rejections, \(ContinuousClock.now - started)")
        #expect(documents > 0 && rejections > 0)
    }
}
