import Foundation
@testable import WikiClean

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root, found from this file's path (tests run from any folder).
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static func fixture(_ relative: String) -> URL { packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative) }

    static var seedPath: String { fixture("000_2232c584cf89ac51.txt").path }

    /// One folder per test process holding every temporary folder of its tests; it is
    /// removed when the process exits, so test runs leave nothing behind in the temp dir.
    static let temporaryRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wikiclean-tests-\(getpid())-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestSupport.temporaryRoot) }
        return url
    }()

    /// A fresh temporary folder (inside ``temporaryRoot``).
    static func temporaryDirectory() -> URL {
        let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes bytes to a temporary file and returns its path.
    static func write(_ bytes: [UInt8], name: String = "input.txt") -> String {
        let url = temporaryDirectory().appendingPathComponent(name)
        precondition(FileManager.default.createFile(atPath: url.path, contents: Data(bytes)), "could not create \(url.path)")
        return url.path
    }

    static func write(_ text: String, name: String = "input.txt") -> String { write(Array(text.utf8), name: name) }

    /// The default pipeline.
    static func defaultPipeline() throws -> Pipeline { try Pipeline(spec: PipelineSpec.builtInDefault()) }

    /// A page document made of one paragraph block per line.
    static func page(_ lines: [String], input: String = "t.txt") -> Document {
        Document(
            id: "\(input):1", kind: .page, blocks: lines.enumerated().map { .paragraph($0.element, line: $0.offset + 1) },
            source: SourceLocation(input: input, lineStart: 1, lineEnd: lines.count))
    }

    /// Runs one stage over a page and returns its output and context.
    static func apply(_ stage: any Stage, _ lines: [String]) throws -> ([Document], StageContext) {
        var context = StageContext(stage: stage.identifier, recordsEvents: true)
        let docs = try stage.apply(to: page(lines), context: &context)
        return (docs, context)
    }

    /// Runs the pipeline over a file and returns (documents JSONL, rejects JSONL, stats).
    static func run(_ pipeline: Pipeline, path: String, name: String? = nil, shard: Shard? = nil, jobs: Int = 1) throws -> (
        docs: String, rejects: String, stats: RunStats
    ) {
        var docs: [UInt8] = []
        var rejects = ""
        var stats = RunStats(stages: pipeline.stages.map(\.identifier))
        let input = try pipeline.run(
            path: path, name: name, shard: shard, jobs: jobs, stats: &stats,
            sinks: .init(document: { _, b in docs.append(contentsOf: b) }, rejection: { rejects += $0.jsonLine + "\n" }))
        stats.inputs = [input]
        return (String(decoding: docs, as: UTF8.self), rejects, stats)
    }

    static func chromeRules() throws -> ChromeRules { try DefaultPipeline.chromeRules() }

    /// The documents the default pipeline makes of a page given as lines, as JSON objects.
    static func documents(_ lines: [String]) throws -> [[String: Any]] {
        let path = write(lines.joined(separator: "\n") + "\n")
        let docs = try run(try defaultPipeline(), path: path).docs
        return try docs.split(separator: "\n").map { line in
            guard let d = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CocoaError(.propertyListReadCorrupt)
            }
            return d
        }
    }
}

extension Document {
    var paragraphs: [String] { blocks.filter { $0.role == .paragraph }.map(\.text) }
    var headings: [String] { blocks.filter { $0.role == .heading }.map(\.text) }
}
