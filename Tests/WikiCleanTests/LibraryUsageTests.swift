import Testing
import WikiClean

/// The README's library example, compiled and run (public API only: no @testable import).
@Suite struct LibraryUsageTests {
    @Test func readmeExampleAssemblesAPipelineFromStageValues() throws {
        let pipeline = Pipeline(stages: [
            UnwrapMarkdown(),
            StripSiteChrome(rules: try DefaultPipeline.chromeRules()),
            SplitHeadings(),
            SplitCaptions(),
            NormalizeText(options: .wikiJa),
            DetectArticleBoundaries(keepFragments: false),
        ])
        var stats = RunStats(stages: pipeline.stages.map(\.identifier))
        var titles: [String?] = []
        var rejected = 0
        _ = try pipeline.run(
            path: PublicTestSupport.seedPath, jobs: 2, stats: &stats,
            sinks: .init(document: { doc, _ in titles.append(doc.title) }, rejection: { _ in rejected += 1 }))
        #expect(titles == ["キューバ危機"])
        #expect(rejected == 0)
        #expect(stats.documentsByKind == ["article": 1])

        // One stage on one document.
        let page = Document(
            id: "x:1", blocks: [.paragraph("歴史[編集]古くから知られる。", line: 1)], source: SourceLocation(input: "x", lineStart: 1, lineEnd: 1))
        var context = StageContext(stage: SplitHeadings.identifier)
        let docs = SplitHeadings().apply(to: page, context: &context)
        #expect(docs[0].sections.map(\.heading) == [nil, "歴史"])
        #expect(context.removed["edit-marker"]?.count == 1)
    }
}

private enum PublicTestSupport {
    static var seedPath: String {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/000_2232c584cf89ac51.txt").path
    }
}

import Foundation
