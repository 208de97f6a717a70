import Foundation

/// How input files are read.
public enum InputFormat: String, Sendable, CaseIterable {
    /// By extension: `.jsonl`, `.ndjson`, `.json` are JSON Lines, anything else plain text.
    case auto
    /// Plain-text dump: one paragraph per line, pages concatenated.
    case text
    /// JSON Lines: one raw page per record.
    case jsonl

    /// The concrete format for a path.
    public func resolved(for path: String) -> InputFormat {
        guard self == .auto else { return self }
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") ? .jsonl : .text
    }
}

/// Reader settings of a pipeline.
public struct ReaderOptions: Sendable, Hashable {
    public var format: InputFormat = .auto
    /// JSON Lines: the field that holds the raw page text.
    public var textField = "text"
    /// A line (text) or record (JSON Lines) longer than this is rejected with its first bytes kept.
    public var maximumRecordBytes = 64 << 20
    public init() {}
}

/// A pipeline as written in a `Pipelines/*.yaml` file: reader settings and the stages in
/// order with their options.
public struct PipelineSpec: Sendable {
    public struct Entry: Sendable {
        public var identifier: String
        public var options: StageOptions
        public var origin: StageOptions.Origin
    }

    public var name: String
    /// The file it was read from (`<built-in default>` for the compiled-in one).
    public var file: String
    public var reader = ReaderOptions()
    public var stages: [Entry] = []

    /// The default pipeline compiled into the binary (`Pipelines/default.yaml`).
    public static func builtInDefault() -> PipelineSpec {
        // The embedded text is checked by a test to parse and to equal the file.
        try! PipelineSpec(yaml: EmbeddedDefaults.pipelineYAML, file: DefaultPipeline.builtInName, baseDirectory: nil)
    }

    /// Reads a pipeline file.
    public static func load(path: String) throws(ConfigError) -> PipelineSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot read the pipeline file (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "the pipeline file is not valid UTF-8")
        }
        let base = (path as NSString).deletingLastPathComponent
        return try PipelineSpec(yaml: text, file: path, baseDirectory: base.isEmpty ? "." : base)
    }

    /// Parses pipeline YAML. Relative rules paths are read from `baseDirectory`; `nil`
    /// means the compiled-in rules.
    public init(yaml: String, file: String, baseDirectory: String?) throws(ConfigError) {
        self.file = file
        self.name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let root = try ConfigNode.parse(yaml: yaml, file: file)
        var sawStages = false
        for (key, value) in try root.mapping() {
            switch key {
            case "name": name = try value.string()
            case "reader":
                for (k, v) in try value.mapping() {
                    switch k {
                    case "format":
                        let s = try v.string()
                        guard let f = InputFormat(rawValue: s) else {
                            throw v.error("unknown reader format \"\(s)\"; expected auto, text or jsonl")
                        }
                        reader.format = f
                    case "text-field": reader.textField = try v.string()
                    case "max-record-bytes":
                        let n = try v.int()
                        guard n >= 16 else { throw v.error("max-record-bytes must be at least 16") }
                        reader.maximumRecordBytes = n
                    default: throw v.error("unknown reader option \"\(k)\"; expected format, text-field or max-record-bytes")
                    }
                }
            case "stages":
                sawStages = true
                for item in try value.sequence() {
                    var identifier: String?
                    var origin = StageOptions.Origin(file: file, line: item.line, column: item.column)
                    var options = StageOptions(baseDirectory: baseDirectory ?? DefaultPipeline.builtInName)
                    for (k, v) in try item.mapping() {
                        if k == "stage" {
                            identifier = try v.string()
                            origin = StageOptions.Origin(file: file, line: v.line, column: v.column)
                        } else {
                            options.set(k, try v.scalarText(), origin: StageOptions.Origin(file: file, line: v.line, column: v.column))
                        }
                    }
                    guard let identifier else { throw item.error("a stage entry needs a \"stage:\" key naming the stage") }
                    guard StageRegistry.identifiers.contains(identifier) else {
                        throw ConfigError(
                            file: file, line: origin.line, column: origin.column, key: "stage",
                            message: "unknown stage \"\(identifier)\"; known stages: \(StageRegistry.identifiers.joined(separator: ", "))")
                    }
                    stages.append(Entry(identifier: identifier, options: options, origin: origin))
                }
            default:
                throw value.error("unknown key \"\(key)\"; a pipeline file has name, reader and stages")
            }
        }
        guard sawStages else { throw ConfigError(file: file, line: 1, message: "the pipeline has no \"stages:\" list") }
    }

    /// Builds the stages, checking every option and reading every rules file, before any
    /// input is read.
    public func makeStages() throws(ConfigError) -> [any Stage] {
        // ICU's tables load on another core while the chrome rules compile.
        if stages.contains(where: { $0.identifier == NormalizeText.identifier }) { Normalizer.prepareInBackground() }
        var out: [any Stage] = []
        for entry in stages {
            out.append(try StageRegistry.makeStage(entry.identifier, options: entry.options, origin: entry.origin))
        }
        return out
    }
}

/// The compiled-in defaults.
public enum DefaultPipeline {
    public static let builtInName = "<built-in default>"

    /// The compiled-in chrome rules (`Pipelines/rules/chrome-ja.yaml`).
    public static func chromeRules() throws(ConfigError) -> ChromeRules {
        try ChromeRules(yaml: EmbeddedDefaults.chromeRulesYAML, file: "\(builtInName) rules/chrome-ja.yaml")
    }

    /// Starts building the strip-chrome stage of the compiled-in rules on another thread, for
    /// a program that will most likely run it (the command line tool, before it parses its
    /// arguments): the ~40 M instructions of reading and compiling the rules then overlap the
    /// argument parsing instead of following it. Optional; without it (or when the pipeline
    /// has other rules) the stage is built when the pipeline is made, as it always was.
    public static func prepareInBackground() { prebuilt.start() }

    /// The strip-chrome stage of the compiled-in rules: the one ``prepareInBackground()``
    /// started (waiting for it to be done), else one built here.
    static func stripSiteChrome() throws(ConfigError) -> StripSiteChrome {
        if let stage = prebuilt.take() { return stage }
        return StripSiteChrome(rules: try chromeRules())
    }

    private static let prebuilt = PrebuiltStage()

    /// The stage ``prepareInBackground()`` builds: started once, and handed to every
    /// ``take()`` (a value: copies share its immutable tables).
    private final class PrebuiltStage: @unchecked Sendable {
        private let lock: UnsafeMutablePointer<pthread_mutex_t>
        /// Used under `lock` only.
        private var build: BackgroundValue<StripSiteChrome?>?

        init() {
            lock = .allocate(capacity: 1)
            lock.initialize(to: pthread_mutex_t())
            pthread_mutex_init(lock, nil)
        }

        func start() {
            pthread_mutex_lock(lock)
            defer { pthread_mutex_unlock(lock) }
            guard build == nil else { return }
            // The compiled-in rules parse (a test checks); were they not to, nil here and the
            // caller's own build reports the error.
            build = BackgroundValue { try? StripSiteChrome(rules: DefaultPipeline.chromeRules()) }
        }

        /// The stage, waiting for it; nil when ``start()`` was not called.
        func take() -> StripSiteChrome? {
            pthread_mutex_lock(lock)
            let started = build
            pthread_mutex_unlock(lock)
            return started?.value ?? nil
        }
    }
}
