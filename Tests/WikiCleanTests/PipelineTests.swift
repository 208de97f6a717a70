import Foundation
import Testing
@testable import WikiClean

/// The real default pipeline on the fixtures: golden outputs, determinism, the
/// `read | stage | …` equivalence and the line accounting.
@Suite struct PipelineTests {
    /// Every input fixture with the name of its golden folder.
    static let cases: [(name: String, input: String)] = [
        ("seed", "000_2232c584cf89ac51.txt"),
        ("vector2022", "layouts/vector2022/input.txt"),
        ("legacy-vector", "layouts/legacy-vector/input.txt"),
        ("mobile", "layouts/mobile/input.txt"),
        ("fandom", "layouts/fandom/input.txt"),
        ("weblio", "layouts/weblio/input.txt"),
        ("multi-page", "layouts/multi-page/input.txt"),
        ("crlf-bom-fullwidth", "layouts/crlf-bom-fullwidth/input.txt"),
        ("pukiwiki", "layouts/pukiwiki/input.txt"),
        ("wikiwand", "layouts/wikiwand/input.txt"),
        ("atwiki-custom", "layouts/atwiki-custom/input.txt"),
        ("weblio-sections", "layouts/weblio-sections/input.txt"),
        ("pixiv", "layouts/pixiv/input.txt"),
        ("jawiki-mirror", "layouts/jawiki-mirror/input.txt"),
        ("mediawiki-small", "layouts/mediawiki-small/input.txt"),
        ("fandom-infobox", "layouts/fandom-infobox/input.txt"),
        ("seesaa", "layouts/seesaa/input.txt"),
        ("wikidot", "layouts/wikidot/input.txt"),
        ("jawiki-dump", "layouts/jawiki-dump/input.txt"),
        ("talk-mobile", "layouts/talk-mobile/input.txt"),
        ("pukiwiki-plus", "layouts/pukiwiki-plus/input.txt"),
        ("mirror-css", "layouts/mirror-css/input.txt"),
        ("markdown-jina", "layouts/markdown-jina/input.txt"),
        ("markdown-fandom", "layouts/markdown-fandom/input.txt"),
        ("nicopedia", "layouts/nicopedia/input.txt"),
        ("miraheze", "layouts/miraheze/input.txt"),
        ("wikiwiki-previews", "layouts/wikiwiki-previews/input.txt"),
        ("fandom-previews", "layouts/fandom-previews/input.txt"),
        ("atwiki-captions", "layouts/atwiki-captions/input.txt"),
        ("weblio-previews", "layouts/weblio-previews/input.txt"),
        ("fandom-classic-previews", "layouts/fandom-classic-previews/input.txt"),
        ("w3m-dump", "layouts/w3m-dump/input.txt"),
        ("lynx-dump", "layouts/lynx-dump/input.txt"),
        ("bs4-gettext", "layouts/bs4-gettext/input.txt"),
        ("trafilatura-text", "layouts/trafilatura-text/input.txt"),
        ("browser-copy", "layouts/browser-copy/input.txt"),
        ("atwiki-list-previews", "layouts/atwiki-list-previews/input.txt"),
        ("seesaa-previews", "layouts/seesaa-previews/input.txt"),
        ("atwiki-lists", "layouts/atwiki-lists/input.txt"),
        ("atwiki-source", "layouts/atwiki-source/input.txt"),
        ("pukiwiki-diff", "layouts/pukiwiki-diff/input.txt"),
        ("mirror-diff", "layouts/mirror-diff/input.txt"),
        ("pixiv-history", "layouts/pixiv-history/input.txt"),
        ("atwiki-preview-marks", "layouts/atwiki-preview-marks/input.txt"),
        ("mixed-families", "layouts/mixed-families/input.txt"),
        ("mixed-families-atwiki", "layouts/mixed-families-atwiki/input.txt"),
        ("atwiki-genres", "layouts/atwiki-genres/input.txt"),
        ("fandom-genres", "layouts/fandom-genres/input.txt"),
        ("weblio-genres", "layouts/weblio-genres/input.txt"),
        ("atwiki-wiki-syntax", "layouts/atwiki-wiki-syntax/input.txt"),
        ("atwiki-photo-captions", "layouts/atwiki-photo-captions/input.txt"),
        ("atwiki-disambiguation", "layouts/atwiki-disambiguation/input.txt"),
        ("atwiki-glued-notes", "layouts/atwiki-glued-notes/input.txt"),
        ("atwiki-glossary", "layouts/atwiki-glossary/input.txt"),
        ("vector2022-tools", "layouts/vector2022-tools/input.txt"),
        ("mixed-families-xpwiki", "layouts/mixed-families-xpwiki/input.txt"),
        ("seesaa-foreign-previews", "layouts/seesaa-foreign-previews/input.txt"),
        ("atwiki-lead-shapes", "layouts/atwiki-lead-shapes/input.txt"),
        ("wiki3-halfwidth", "layouts/wiki3-halfwidth/input.txt"),
        ("fandom-mobile", "layouts/fandom-mobile/input.txt"),
        ("atwiki-native", "layouts/atwiki-native/input.txt"),
        ("mirror-nolang", "layouts/mirror-nolang/input.txt"),
        ("kotobank", "layouts/kotobank/input.txt"),
        ("wikipedia-reuse-notice", "layouts/wikipedia-reuse-notice/input.txt"),
        ("reader-view", "layouts/reader-view/input.txt"),
        ("mediawiki-skins", "layouts/mediawiki-skins/input.txt"),
        ("dokuwiki", "layouts/dokuwiki/input.txt"),
        ("wayback-toolbar", "layouts/wayback-toolbar/input.txt"),
        ("growi", "layouts/growi/input.txt"),
        ("wiktionary", "layouts/wiktionary/input.txt"),
        ("wikisource", "layouts/wikisource/input.txt"),
        ("wikibooks", "layouts/wikibooks/input.txt"),
        ("wikinews", "layouts/wikinews/input.txt"),
        ("seesaa-heading-shapes", "layouts/seesaa-heading-shapes/input.txt"),
        ("hatena-keyword", "layouts/hatena-keyword/input.txt"),
        ("jablog-translated", "layouts/jablog-translated/input.txt"),
        ("monobook-2008", "layouts/monobook-2008/input.txt"),
        ("pukiwiki-paraedit", "layouts/pukiwiki-paraedit/input.txt"),
        ("mediawiki-old", "layouts/mediawiki-old/input.txt"),
        ("uncyclopedia", "layouts/uncyclopedia/input.txt"),
        ("mediawiki-copied", "layouts/mediawiki-copied/input.txt"),
        ("atwiki-biography", "layouts/atwiki-biography/input.txt"),
        ("weblio-company", "layouts/weblio-company/input.txt"),
        ("wikiwiki-species", "layouts/wikiwiki-species/input.txt"),
        ("fandom-disaster", "layouts/fandom-disaster/input.txt"),
        ("mobile-disambiguation", "layouts/mobile-disambiguation/input.txt"),
        ("vector2022-biography", "layouts/vector2022-biography/input.txt"),
        ("legacy-vector-numbered", "layouts/legacy-vector-numbered/input.txt"),
        ("wikiwiki-menubar-previews", "layouts/wikiwiki-menubar-previews/input.txt"),
        ("fandom-categories-previews", "layouts/fandom-categories-previews/input.txt"),
        ("weblio-entries-previews", "layouts/weblio-entries-previews/input.txt"),
        ("jsonl-records", "layouts/jsonl-records/input.jsonl"),
    ]

    /// Compares with `Fixtures/golden/NAME/`; `RECORD_GOLDENS=1` rewrites the files and fails,
    /// so that a new golden is never accepted silently.
    @Test(arguments: cases.map(\.name))
    func defaultPipelineMatchesTheGoldenOutput(name: String) throws {
        let input = Self.cases.first { $0.name == name }!.input
        // Named relative to the package root, so the output does not depend on the machine.
        let (docs, rejects, stats) = try TestSupport.run(
            try TestSupport.defaultPipeline(), path: TestSupport.fixture(input).path, name: "Fixtures/\(input)")
        let dir = TestSupport.fixture("golden/\(name)")
        let files = [("documents.jsonl", docs), ("rejects.jsonl", rejects), ("stats.json", stats.json)]
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (file, content) in files { try content.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8) }
            Issue.record("Recorded new golden files in \(dir.path); run again without RECORD_GOLDENS to check them.")
            return
        }
        for (file, content) in files {
            let expected = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            if expected != content {
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let g = content.split(separator: "\n", omittingEmptySubsequences: false)
                let k = (0..<min(e.count, g.count)).first { e[$0] != g[$0] } ?? min(e.count, g.count)
                Issue.record(
                    """
                    \(name)/\(file) differs from the golden file at line \(k + 1):
                    expected: \(k < e.count ? String(e[k].prefix(300)) : "<end>")
                    actual:   \(k < g.count ? String(g[k].prefix(300)) : "<end>")
                    Re-record with RECORD_GOLDENS=1 swift test --filter PipelineTests if the change is intended.
                    """)
            }
        }
        #expect(stats.inputs[0].linesAddUp)
    }

    @Test func outputIsTheSameForAnyNumberOfJobs() throws {
        // Several pages, so that batches hold pages for every worker.
        let seed = try String(contentsOfFile: TestSupport.seedPath, encoding: .utf8)
        let layouts = try ["vector2022", "mobile", "fandom", "weblio"].map {
            try String(contentsOf: TestSupport.fixture("layouts/\($0)/input.txt"), encoding: .utf8)
        }
        let path = TestSupport.write((Array(repeating: seed + "\n", count: 3) + layouts).joined(separator: "\n"))
        let one = try TestSupport.run(try TestSupport.defaultPipeline(), path: path, jobs: 1)
        let three = try TestSupport.run(try TestSupport.defaultPipeline(), path: path, jobs: 3)
        #expect(one.docs == three.docs)
        #expect(one.stats.json == three.stats.json)
        #expect(one.stats.inputs[0].pages >= 7)
        #expect(one.docs.split(separator: "\n").count > 60)
    }

    /// The strip-chrome stage ``DefaultPipeline/prepareInBackground()`` builds on another
    /// thread, taken by the built-in pipeline, cleans as the stage built from the rules here.
    @Test func thePrebuiltStripStageCleansAsOneBuiltHere() throws {
        DefaultPipeline.prepareInBackground()
        let built = try TestSupport.defaultPipeline()
        let strip = try #require(built.stages.firstIndex { $0 is StripSiteChrome })
        var stages = built.stages
        stages[strip] = StripSiteChrome(rules: try DefaultPipeline.chromeRules())
        let here = Pipeline(stages: stages, reader: built.reader)
        let seed = try String(contentsOfFile: TestSupport.seedPath, encoding: .utf8)
        let layouts = try ["vector2022", "fandom", "weblio"].map {
            try String(contentsOf: TestSupport.fixture("layouts/\($0)/input.txt"), encoding: .utf8)
        }
        let path = TestSupport.write(([seed] + layouts).joined(separator: "\n"))
        let a = try TestSupport.run(built, path: path)
        let b = try TestSupport.run(here, path: path)
        #expect(a.docs == b.docs)
        #expect(a.stats.json == b.stats.json)
        #expect(a.docs.split(separator: "\n").count > 20)
    }

    /// A multi-page input with a rejected record between pages.
    static func windowInput() throws -> String {
        let seed = try String(contentsOfFile: TestSupport.seedPath, encoding: .utf8)
        let layouts = try ["vector2022", "mobile", "fandom", "weblio", "multi-page", "legacy-vector", "fandom-mobile"].map {
            try String(contentsOf: TestSupport.fixture("layouts/\($0)/input.txt"), encoding: .utf8)
        }
        var parts = layouts + Array(repeating: seed, count: 2)
        parts.insert("a NUL \u{0} line is rejected\n", at: 4)
        return TestSupport.write(parts.joined(separator: "\n"))
    }

    @Test(arguments: [1, 2, 3, 32])
    func aWindowOfPagesGivesWhatEachPageGivesAlone(window: Int) throws {
        // `clean` takes the pages through the stages a window at a time, stage by stage;
        // `process` takes one page through every stage. Per page: the same JSON lines, line
        // accounting (the lines the stages removed, attributed to the page) and rejections,
        // and the same tallies over the batch.
        var pipeline = try TestSupport.defaultPipeline()
        pipeline.pagesPerStageWindow = window
        var reader = try pipeline.makeReader(path: try Self.windowInput())
        let batch = try ReaderBatch.read(from: &reader, byteLimit: .max)
        let out = pipeline.clean(batch)
        var tallies = Pipeline.Tallies(stages: pipeline.stages, recordEvents: false)
        var pages = 0
        var attributedLines = 0
        #expect(out.items.count == batch.items.count)
        for (item, result) in zip(batch.items, out.items) {
            switch (item, result) {
            case (.rejected(let a), .rejected(let b)):
                #expect(a == b)
            case (.page(let page), .page(let o)):
                pages += 1
                let before = tallies.contexts.reduce(0) { $0 + $1.linesOutsideTotal }
                let (docs, rejections, inDocs, outside) = pipeline.process(page, tallies: &tallies)
                let attributed = tallies.contexts.reduce(0) { $0 + $1.linesOutsideTotal } - before
                attributedLines += attributed
                #expect(o.unattributed == outside - attributed)
                #expect(o.linesInDocuments == inDocs)
                #expect(o.rejections == rejections)
                var bytes = ByteBuffer(capacity: 4096)
                for d in docs {
                    d.appendJSON(to: &bytes)
                    bytes.append(0x0A)
                }
                let written = Array(out.bytes.buffer.bytes[o.start..<(o.offsets.last ?? o.start)])
                #expect(written == Array(bytes.bytes), "page \(pages)")
                #expect(o.end == (o.offsets.last ?? o.start))
                #expect(o.documentCount == docs.count && o.offsets.count == docs.count)
            default:
                Issue.record("item \(pages): a page on one side, a rejection on the other")
            }
        }
        #expect(out.tallies.documentsIn == tallies.documentsIn)
        #expect(out.tallies.documentsOut == tallies.documentsOut)
        #expect(out.tallies.contexts.map(\.linesOutsideTotal) == tallies.contexts.map(\.linesOutsideTotal))
        #expect(pages >= 9)
        #expect(attributedLines > 0)
        // Without the documents (the run's file writer): the same bytes, page by page, with
        // no per-document ends.
        let bare = pipeline.clean(batch, keepDocuments: false)
        #expect(Array(bare.bytes.buffer.bytes) == Array(out.bytes.buffer.bytes))
        for (a, b) in zip(out.items, bare.items) {
            guard case .page(let o) = a, case .page(let p) = b else { continue }
            #expect(p.documents.isEmpty && p.offsets.isEmpty)
            #expect((p.start, p.end, p.documentCount) == (o.start, o.end, o.documentCount))
        }
    }

    @Test(arguments: [2, 32])
    func pagesTakenThroughTheStagesInWindowsGiveTheSameBytes(window: Int) throws {
        // The whole run, on several workers, with batches that end mid-window.
        let path = try Self.windowInput()
        var pageByPage = try TestSupport.defaultPipeline()
        pageByPage.pagesPerStageWindow = 1
        let reference = try TestSupport.run(pageByPage, path: path, jobs: 1)
        for batchBytes in [nil, 5000] {
            var windowed = try TestSupport.defaultPipeline()
            windowed.pagesPerStageWindow = window
            windowed.batchBytes = batchBytes
            let out = try TestSupport.run(windowed, path: path, jobs: 2)
            #expect(out.docs == reference.docs)
            #expect(out.rejects == reference.rejects)
            #expect(out.stats.json == reference.stats.json)
        }
        #expect(reference.stats.inputs[0].pages >= 9)
        #expect(!reference.rejects.isEmpty)
    }

    @Test(arguments: [1, 2, 3, 5])
    func manySmallBatchesOnSeveralWorkersGiveTheSameBytes(jobs: Int) throws {
        // Batches of a few pages each: workers finish them out of order, the writer must not.
        let seed = try String(contentsOfFile: TestSupport.seedPath, encoding: .utf8)
        let layouts = try ["vector2022", "mobile", "fandom", "weblio", "multi-page", "legacy-vector"].map {
            try String(contentsOf: TestSupport.fixture("layouts/\($0)/input.txt"), encoding: .utf8)
        }
        var parts = layouts + Array(repeating: seed, count: 4)
        parts.insert("a NUL \u{0} line is rejected\n", at: 3)  // a reject between pages keeps its place
        var rng = SplitMix64(seed: 11)
        parts.shuffle(using: &rng)
        let path = TestSupport.write(parts.joined(separator: "\n"))
        let reference = try TestSupport.run(try TestSupport.defaultPipeline(), path: path, jobs: 1)
        var small = try TestSupport.defaultPipeline()
        small.batchBytes = 3000
        let out = try TestSupport.run(small, path: path, jobs: jobs)
        #expect(out.docs == reference.docs)
        #expect(out.rejects == reference.rejects)
        #expect(out.stats.json == reference.stats.json)
        #expect(reference.stats.inputs[0].pages >= 10)
        #expect(!reference.rejects.isEmpty)
    }

    @Test func withoutThreadsTheRunGivesTheSameBytes() throws {
        // What a run does when no thread can be made: read, clean and write in turn, here.
        let (path, pipeline) = try Self.seedCopies(4, batchBytes: 3000)
        let reference = try TestSupport.run(pipeline, path: path, jobs: 2)
        var inTurn = pipeline
        inTurn.startsThreads = false
        for jobs in [1, 3] {
            let out = try TestSupport.run(inTurn, path: path, jobs: jobs)
            #expect(out.docs == reference.docs)
            #expect(out.rejects == reference.rejects)
            #expect(out.stats.json == reference.stats.json)
        }
        #expect(reference.stats.inputs[0].pages >= 4)
    }

    @Test(arguments: [1, 3])
    func theLinesSinkGetsTheSameBytesAndStatsAsTheDocumentSink(jobs: Int) throws {
        let (path, pipeline) = try Self.seedCopies(4, batchBytes: 3000)
        let reference = try TestSupport.run(pipeline, path: path, jobs: jobs)
        var bytes: [UInt8] = []
        var calls = 0
        var stats = RunStats(stages: pipeline.stages.map(\.identifier))
        stats.inputs = [
            try pipeline.run(
                path: path, jobs: jobs, stats: &stats,
                sinks: .init(lines: { b in bytes.append(contentsOf: b); calls += 1 }, rejection: { _ in }))
        ]
        #expect(String(decoding: bytes, as: UTF8.self) == reference.docs)
        #expect(stats.json == reference.stats.json)
        #expect(stats.documentsByKind["article", default: 0] > 0 && stats.documentsByKind["fragment", default: 0] > 0)
        #expect(calls < stats.documentsWritten)  // one call per page, not per document
    }

    struct SinkFull: Error {}

    /// A file of `n` copies of the seed, and the default pipeline cutting it into small batches.
    static func seedCopies(_ n: Int, batchBytes: Int) throws -> (String, Pipeline) {
        let seed = try String(contentsOfFile: TestSupport.seedPath, encoding: .utf8)
        var pipeline = try TestSupport.defaultPipeline()
        pipeline.batchBytes = batchBytes
        return (TestSupport.write(Array(repeating: seed, count: n).joined(separator: "\n")), pipeline)
    }

    @Test(arguments: [1, 3])
    func aSinkErrorStopsTheRunWithoutHangingOrLosingTheError(jobs: Int) throws {
        // The writer fails part-way while workers are busy and batches wait in the queue:
        // the run must stop, let every thread go and report the writer's error.
        let (path, pipeline) = try Self.seedCopies(12, batchBytes: 2000)
        var stats = RunStats(stages: pipeline.stages.map(\.identifier))
        var written = 0
        #expect(throws: SinkFull.self) {
            _ = try pipeline.run(
                path: path, jobs: jobs, stats: &stats,
                sinks: .init(
                    document: { _, _ in
                        written += 1
                        if written == 30 { throw SinkFull() }
                    }, rejection: { _ in }))
        }
        #expect(written == 30)
    }

    @Test func chainingStagesOverJSONEqualsRun() throws {
        // What `wikiclean read IN | wikiclean stage A | … ` does, in process.
        let pipeline = try TestSupport.defaultPipeline()
        for (_, input) in Self.cases {
            let path = TestSupport.fixture(input).path
            var reader = try pipeline.makeReader(path: path)
            var lines: [[UInt8]] = []
            while let item = try reader.next() {
                if case .page(let d) = item {
                    var out: [UInt8] = []
                    d.appendJSON(to: &out)
                    lines.append(out)
                }
            }
            for stage in pipeline.stages {
                var next: [[UInt8]] = []
                for line in lines {
                    guard case .object(let o) = try JSONParser.parse(line) else { Issue.record("not an object"); return }
                    let doc = try Document(json: o, defaultID: "x", defaultSource: SourceLocation(input: "-"))
                    var context = StageContext(stage: stage.identifier)
                    for d in try stage.apply(to: doc, context: &context) {
                        var out: [UInt8] = []
                        d.appendJSON(to: &out)
                        next.append(out)
                    }
                }
                lines = next
            }
            let chained = lines.map { String(decoding: $0, as: UTF8.self) + "\n" }.joined()
            #expect(chained == (try TestSupport.run(pipeline, path: path).docs), "\(input)")
            #expect(!chained.isEmpty)
        }
    }

    @Test func everyLineIsAccountedFor() throws {
        let (_, _, stats) = try TestSupport.run(try TestSupport.defaultPipeline(), path: TestSupport.seedPath)
        let i = stats.inputs[0]
        #expect(i.linesTotal == 188)
        #expect(i.linesOutsideDocuments.values.reduce(0, +) == 4)
        #expect(i.linesInDocuments == 184)
        #expect(i.linesAddUp)
        #expect(i.linesOutsideDocuments["unattributed"] == nil)
        #expect(stats.documentsByKind == ["article": 1, "fragment": 19])
    }

    @Test func statsAreDeterministicAndHaveNoTimings() throws {
        let a = try TestSupport.run(try TestSupport.defaultPipeline(), path: TestSupport.seedPath).stats.json
        let b = try TestSupport.run(try TestSupport.defaultPipeline(), path: TestSupport.seedPath).stats.json
        #expect(a == b)
        #expect(!a.contains("time") && !a.contains("seconds"))
        #expect(a.contains("\"atwiki.left-menu-heading\""))
    }
}

/// A stage with only `apply(to:)`: it drops pages holding one word and splits those holding
/// another in two (the default `apply(inPlace:)` hands such results on).
private struct DroppingOrSplittingStage: Stage {
    static let identifier = "drop-or-split"
    static let summary = "Drops or splits pages that contain a word."
    func apply(to document: Document, context: inout StageContext) throws -> [Document] {
        if document.blocks.contains(where: { $0.text.contains("二頁目") }) { return [] }
        if document.blocks.contains(where: { $0.text.contains("三頁目") }) {
            var head = document, tail = document
            head.blocks = Array(document.blocks.prefix(1))
            tail.blocks = Array(document.blocks.dropFirst())
            return [head, tail]
        }
        var changed = document
        changed.title = "t"
        return [changed]
    }
}

@Suite struct StageInPlaceTests {
    /// What a stage hands on from `document`, and its figures, through `apply(to:)` and
    /// through `apply(inPlace:)` (what the runner calls).
    private func bothWays(_ stage: any Stage, _ document: Document) throws -> (applied: [Document], inPlace: [Document], same: Bool) {
        var a = StageContext(stage: stage.identifier)
        var b = StageContext(stage: stage.identifier)
        let applied = try stage.apply(to: document, context: &a)
        var held = document
        let replaced = try stage.apply(inPlace: &held, context: &b)
        let same = a.removed == b.removed && a.changed == b.changed && a.linesOutside == b.linesOutside
        return (applied, replaced ?? [held], same)
    }

    @Test func everyStageInPlaceHandsOnWhatApplyDoes() throws {
        // Stage by stage over every layout fixture: the same documents and the same figures.
        let pipeline = try TestSupport.defaultPipeline()
        var pages = 0
        for (_, input) in PipelineTests.cases {
            var reader = try pipeline.makeReader(path: TestSupport.fixture(input).path)
            while let item = try reader.next() {
                guard case .page(let page) = item else { continue }
                pages += 1
                var docs = [page]
                for stage in pipeline.stages {
                    var next: [Document] = []
                    for d in docs {
                        let (applied, inPlace, same) = try bothWays(stage, d)
                        #expect(inPlace == applied, "\(stage.identifier), \(input)")
                        #expect(same, "\(stage.identifier), \(input)")
                        next += applied
                    }
                    docs = next
                }
            }
        }
        #expect(pages > 20)
    }

    @Test func aStageWithoutInPlaceDropsSplitsAndChangesThroughTheRunner() throws {
        let page = { (text: String) in
            Document(id: "p", blocks: text.split(separator: "\n").enumerated().map { .paragraph(String($1), line: $0 + 1) }, source: SourceLocation(input: "x"))
        }
        for text in ["一頁目の本文。\n次の行。", "二頁目の本文。", "三頁目の本文。\n次の行。"] {
            let (applied, inPlace, same) = try bothWays(DroppingOrSplittingStage(), page(text))
            #expect(inPlace == applied)
            #expect(same)
        }
        let text = "左メニュー\n一頁目の本文である。\n左メニュー\n二頁目の本文である。\n左メニュー\n三頁目の本文である。\n"
        let base = try TestSupport.defaultPipeline()
        var stages = base.stages
        stages.insert(DroppingOrSplittingStage(), at: 1)
        let pipeline = Pipeline(stages: stages, reader: base.reader, pageStarts: base.pageStarts)
        let (_, _, stats) = try TestSupport.run(pipeline, path: TestSupport.write(text))
        #expect(stats.stages[1].documentsIn == 3)
        #expect(stats.stages[1].documentsOut == 3)  // one dropped, one split in two
        #expect(stats.stages[2].documentsIn == 3)
        #expect(stats.inputs[0].linesAddUp)
    }
}

/// A stage that fails on pages holding a given word (to test the runner's bookkeeping).
private struct FailingStage: Stage {
    static let identifier = "fail-on-word"
    static let summary = "Throws on pages that contain a word."
    struct Failure: Error, CustomStringConvertible { var description: String { "boom" } }
    let word: String
    func apply(to document: Document, context: inout StageContext) throws -> [Document] {
        if document.blocks.contains(where: { $0.text.contains(word) }) { throw Failure() }
        return [document]
    }
}

/// A failing stage that also declares a `mayFail` of its own, saying it never fails: the
/// runner does not take its word (``Stage/mayFail`` is told from the type).
private struct FailingStageThatClaimsItCannot: Stage {
    static let identifier = "fail-on-word-quietly"
    static let summary = "Throws on pages that contain a word, and says it never does."
    let inner: FailingStage
    var mayFail: Bool { false }
    func apply(to document: Document, context: inout StageContext) throws -> [Document] {
        try inner.apply(to: document, context: &context)
    }
}

@Suite struct StageFailureTests {
    @Test(arguments: [false, true])
    func aFailingStageRejectsThatPageOnlyAndTheBooksStillBalance(claimsItCannotFail: Bool) throws {
        let text = "左メニュー\n一頁目の本文である。\n左メニュー\n爆発する二頁目の本文である。\n左メニュー\n三頁目の本文である。\n"
        let path = TestSupport.write(text)
        let base = try TestSupport.defaultPipeline()
        var stages = base.stages
        let failing = FailingStage(word: "爆発")
        stages.insert(claimsItCannotFail ? FailingStageThatClaimsItCannot(inner: failing) : failing, at: 1)
        let pipeline = Pipeline(stages: stages, reader: base.reader, pageStarts: base.pageStarts)
        let (docs, rejects, stats) = try TestSupport.run(pipeline, path: path)
        #expect(docs.split(separator: "\n").count == 2)
        #expect(rejects.contains("\"reason\":\"stage_failed\"") && rejects.contains("fail-on-word"))
        // The rejection quotes the failed page's lines as read (the runner kept them).
        #expect(rejects.contains("爆発する二頁目の本文である。"))
        #expect(stats.stages[1].rejected == 1)
        #expect(stats.inputs[0].linesAddUp)
        #expect(stats.inputs[0].linesOutsideDocuments["stage_failed"] == 2)  // the page: its menu line and its body line
    }

    /// The runner keeps a page's blocks as read (for the rejection a failure quotes) only when
    /// a stage of the pipeline may fail: the built-in stages are ``InfallibleStage``s (their
    /// `apply` forms compiled without `throws`), so they do not; a stage of any other type is
    /// taken to, whatever it declares, so its failures still quote the page.
    @Test func onlyTheBuiltInStagesSayTheyNeverFail() throws {
        let base = try TestSupport.defaultPipeline()
        #expect(base.stages.count == StageRegistry.descriptors.count)
        #expect(base.stages.allSatisfy { $0 is any InfallibleStage })
        #expect(base.stages.allSatisfy { !$0.mayFail })
        let failing: any Stage = FailingStage(word: "爆発")
        #expect(failing.mayFail)
        #expect(!(failing is any InfallibleStage))
        let claiming: any Stage = FailingStageThatClaimsItCannot(inner: FailingStage(word: "爆発"))
        #expect(claiming.mayFail)
    }
}

@Suite struct PipelineSpecTests {
    private func spec(_ yaml: String) throws -> PipelineSpec {
        try PipelineSpec(yaml: yaml, file: "p.yaml", baseDirectory: TestSupport.packageRoot.appendingPathComponent("Pipelines").path)
    }

    private func error(_ yaml: String) -> ConfigError? {
        do {
            _ = try Pipeline(spec: try spec(yaml))
            return nil
        } catch {
            return error as? ConfigError
        }
    }

    @Test func pipelineFilesInTheRepositoryLoad() throws {
        let dir = TestSupport.packageRoot.appendingPathComponent("Pipelines")
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".yaml") {
            let p = try Pipeline(spec: try PipelineSpec.load(path: dir.appendingPathComponent(file).path))
            #expect(!p.stages.isEmpty, "\(file)")
        }
    }

    @Test func unknownStageNamesFileLineAndKey() {
        let e = error("stages:\n  - stage: strip-chrome\n  - stage: strip-everything\n")
        #expect(e?.line == 3)
        #expect(e?.key == "stage")
        #expect(e?.description.contains("strip-everything") == true)
        #expect(e?.description.hasPrefix("p.yaml:3:") == true)
    }

    @Test func unknownOptionAndWrongType() {
        let e1 = error("stages:\n  - stage: split-captions\n    max-caption-lenght: 3\n")
        #expect(e1?.line == 3 && e1?.key == "max-caption-lenght")
        let e2 = error("stages:\n  - stage: detect-boundaries\n    keep-fragments: maybe\n")
        #expect(e2?.line == 3 && e2?.description.contains("true or false") == true)
        let e3 = error("stages:\n  - stage: normalize\n    tilde: sometimes\n")
        #expect(e3?.line == 3 && e3?.key == "tilde")
    }

    @Test func missingRulesFileAndBadYAML() {
        let e = error("stages:\n  - stage: strip-chrome\n    rules: rules/nope.yaml\n")
        #expect(e?.line == 3 && e?.description.contains("nope.yaml") == true)
        #expect(error("stages: [") != nil)
        #expect(error("name: x\n") != nil)
        #expect(error("stages:\n  - stage: normalize\nextra: 1\n")?.line == 3)
    }

    @Test func embeddedDefaultsMatchThePipelinesFolder() throws {
        let pipeline = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Pipelines/default.yaml"), encoding: .utf8)
        let rules = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Pipelines/rules/chrome-ja.yaml"), encoding: .utf8)
        if ProcessInfo.processInfo.environment["RECORD_DEFAULTS"] == "1" {
            let swift = """
                // Generated from Pipelines/default.yaml and Pipelines/rules/chrome-ja.yaml: the defaults
                // compiled into the binary. Do not edit by hand; EmbeddedDefaultsTests checks that this
                // file matches them, and `RECORD_DEFAULTS=1 swift test --filter EmbeddedDefaults` rewrites it.
                enum EmbeddedDefaults {
                    static let pipelineYAML = #\"\"\"
                \(pipeline.dropLast())
                \"\"\"#

                    static let chromeRulesYAML = #\"\"\"
                \(rules.dropLast())
                \"\"\"#
                }

                """
            try swift.write(to: TestSupport.packageRoot.appendingPathComponent("Sources/WikiClean/Defaults/EmbeddedDefaults.swift"), atomically: true, encoding: .utf8)
            Issue.record("Rewrote EmbeddedDefaults.swift; rebuild and run again.")
            return
        }
        #expect(EmbeddedDefaults.pipelineYAML + "\n" == pipeline, "Pipelines/default.yaml changed: RECORD_DEFAULTS=1 swift test --filter embeddedDefaults")
        #expect(EmbeddedDefaults.chromeRulesYAML + "\n" == rules, "rules/chrome-ja.yaml changed: RECORD_DEFAULTS=1 swift test --filter embeddedDefaults")
    }
}
