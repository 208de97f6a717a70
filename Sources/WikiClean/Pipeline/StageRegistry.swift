import Foundation

/// Every stage the tool knows, with its options and defaults, and how to build it from
/// `KEY=VALUE` options.
public enum StageRegistry {
    /// What `wikiclean stages` shows for one stage.
    public struct Descriptor: Sendable {
        public struct Option: Sendable {
            public var name: String
            public var defaultValue: String
            public var help: String
        }
        public var identifier: String
        public var summary: String
        public var options: [Option]
        /// Rule files the stage reads by default (relative to the pipeline file).
        public var ruleFiles: [String]
    }

    public static let descriptors: [Descriptor] = [
        Descriptor(identifier: UnwrapWikiSource.identifier, summary: UnwrapWikiSource.summary, options: [], ruleFiles: []),
        Descriptor(
            identifier: UnwrapMarkdown.identifier, summary: UnwrapMarkdown.summary,
            options: [.init(name: "max-caption-length", defaultValue: "100", help: "Longest caption under an image, in characters.")],
            ruleFiles: []),
        Descriptor(identifier: RejoinLines.identifier, summary: RejoinLines.summary, options: [], ruleFiles: []),
        Descriptor(
            identifier: StripSiteChrome.identifier, summary: StripSiteChrome.summary,
            options: [.init(name: "rules", defaultValue: "rules/chrome-ja.yaml", help: "Rules file (phrases, menus, shapes), relative to the pipeline file.")],
            ruleFiles: ["rules/chrome-ja.yaml"]),
        Descriptor(
            identifier: SplitHeadings.identifier, summary: SplitHeadings.summary,
            options: [
                .init(name: "max-heading-length", defaultValue: "60", help: "Longest heading, in characters."),
                .init(name: "unmarked-headings", defaultValue: "true", help: "On pages with no edit markers, take short standalone lines between paragraphs as headings."),
                .init(name: "bare-heading-words", defaultValue: SplitHeadings.defaultBareHeadingWords.joined(separator: ","), help: "Section words that may open a line with no marker (comma-separated)."),
            ], ruleFiles: []),
        Descriptor(
            identifier: SplitCaptions.identifier, summary: SplitCaptions.summary,
            options: [.init(name: "max-caption-length", defaultValue: "200", help: "Longest caption, in characters.")], ruleFiles: []),
        Descriptor(
            identifier: NormalizeText.identifier, summary: NormalizeText.summary,
            options: [.init(name: "profile", defaultValue: "wiki-ja", help: "wiki-ja, neologdn, nfkc or none; single rules below override it.")]
                + NormalizationOptions.settingKeys.filter { $0 != "profile" }.map {
                    .init(name: $0, defaultValue: "(profile)", help: "Override one normalization rule.")
                },
            ruleFiles: []),
        Descriptor(
            identifier: DetectArticleBoundaries.identifier, summary: DetectArticleBoundaries.summary,
            options: [
                .init(name: "keep-fragments", defaultValue: "true", help: "Keep truncated previews as kind \"fragment\"; false filters them (counted in the stats)."),
                .init(name: "max-preview-length", defaultValue: "160", help: "Longest truncated line taken as a preview on its own, in characters."),
            ], ruleFiles: []),
    ]

    public static var identifiers: [String] { descriptors.map(\.identifier) }

    /// Builds a stage from its options.
    /// - Throws: ``ConfigError`` naming the file, line and key of a bad option, or a rules
    ///   file that cannot be read or parsed.
    public static func makeStage(_ identifier: String, options: StageOptions, origin: StageOptions.Origin) throws(ConfigError) -> any Stage {
        switch identifier {
        case UnwrapMarkdown.identifier:
            try options.checkKeys(["max-caption-length"], stage: identifier)
            return UnwrapMarkdown(maximumCaptionLength: try options.int("max-caption-length", default: 100, range: 1...2000))
        case RejoinLines.identifier:
            try options.checkKeys([], stage: identifier)
            return RejoinLines()
        case UnwrapWikiSource.identifier:
            try options.checkKeys([], stage: identifier)
            return UnwrapWikiSource()
        case StripSiteChrome.identifier:
            try options.checkKeys(["rules"], stage: identifier)
            if let e = options.entry("rules"), !(options.baseDirectory == DefaultPipeline.builtInName && e.value == "rules/chrome-ja.yaml") {
                let path = e.value.hasPrefix("/") ? e.value : (options.baseDirectory as NSString).appendingPathComponent(e.value)
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw options.error(e, "cannot read the rules file \(path)")
                }
                return StripSiteChrome(rules: try ChromeRules(yaml: text, file: path))
            }
            return try DefaultPipeline.stripSiteChrome()
        case SplitHeadings.identifier:
            try options.checkKeys(["max-heading-length", "unmarked-headings", "bare-heading-words"], stage: identifier)
            return SplitHeadings(
                maximumHeadingLength: try options.int("max-heading-length", default: 60, range: 1...500),
                unmarkedHeadings: try options.bool("unmarked-headings", default: true),
                bareHeadingWords: options.list("bare-heading-words", default: SplitHeadings.defaultBareHeadingWords))
        case SplitCaptions.identifier:
            try options.checkKeys(["max-caption-length"], stage: identifier)
            return SplitCaptions(maximumCaptionLength: try options.int("max-caption-length", default: 200, range: 10...2000))
        case NormalizeText.identifier:
            var o = NormalizationOptions.wikiJa
            // The profile first, then single rules over it.
            for e in options.entries.sorted(by: { ($0.key == "profile" ? 0 : 1) < ($1.key == "profile" ? 0 : 1) }) {
                do { try o.set(e.key, to: e.value) } catch { throw options.error(e, "\(error)") }
            }
            return NormalizeText(options: o)
        case DetectArticleBoundaries.identifier:
            try options.checkKeys(["keep-fragments", "max-preview-length"], stage: identifier)
            return DetectArticleBoundaries(
                keepFragments: try options.bool("keep-fragments", default: true),
                maximumPreviewLength: try options.int("max-preview-length", default: 160, range: 1...100_000))
        default:
            throw ConfigError(
                file: origin.file, line: origin.line, column: origin.column, key: "stage",
                message: "unknown stage \"\(identifier)\"; known stages: \(identifiers.joined(separator: ", "))")
        }
    }
}
