import Testing
@testable import WikiClean

@Suite struct ExplainerTests {
    private func explain(_ lines: ClosedRange<Int>) throws -> [Explainer.LineReport] {
        try Explainer(pipeline: try TestSupport.defaultPipeline()).explain(path: TestSupport.seedPath, lines: lines)
    }

    @Test func chromeLineBelongsToNoDocumentAndNamesItsRule() throws {
        let r = try explain(1...1)
        #expect(r.count == 1 && r[0].line == 1)
        #expect(r[0].placements.isEmpty)
        #expect(r[0].events.contains { $0.stage == "strip-chrome" && $0.rule == "atwiki.left-menu-heading" && $0.action == .removed })
        #expect(r[0].events.contains { $0.action == .outside })
        #expect(Explainer.render(r).contains("in no document"))
    }

    @Test func headingLineShowsItsSectionAndTheMarkerRemoval() throws {
        let r = try explain(29...29)[0]
        #expect(r.placements.contains { $0.role == .heading && $0.document.hasSuffix(":3") })
        #expect(r.placements.contains { $0.role == .paragraph && $0.section == "マングース作戦" })
        #expect(r.events.contains { $0.rule == "edit-marker" && $0.text == "[編集]" })
        #expect(r.events.contains { $0.stage == "normalize" && $0.rule == "spaces" })
    }

    @Test func captionLineShowsTheCaption() throws {
        let r = try explain(7...7)[0]
        #expect(r.placements.contains { $0.role == .caption })
        #expect(r.events.contains { $0.rule == "caption" && $0.text == "1959年の訪米時のカストロ首相" })
        #expect(Explainer.render([r]).contains("is a caption"))
    }

    @Test func previewWithChromeAndInfoboxNamesEveryRule() throws {
        let r = try explain(183...183)[0]
        let rules = r.events.map(\.rule)
        #expect(rules.contains("wikipedia.tagline") && rules.contains("wikipedia.jump-links") && rules.contains("infobox"))
        #expect(r.placements.contains { $0.document.hasSuffix(":183") })
    }

    @Test func rangeSelectsLines() throws {
        #expect(try explain(170...175).map(\.line) == Array(170...175))
    }
}
