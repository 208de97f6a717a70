import Foundation

/// Runs a pipeline over input files and writes, per input `NAME.EXT`, the documents
/// (`NAME.jsonl`), the rejects (`NAME.rejects.jsonl`) and the stats (`NAME.stats.json`),
/// each through a temporary file renamed into place at the end.
public struct Runner {
    public var pipeline: Pipeline
    public var inputs: [String]
    /// Folder for the output files; `"-"` sends the documents to standard output (rejects
    /// and stats still go to `sideDirectory`).
    public var outputDirectory: String
    public var sideDirectory: String
    public var jobs: Int
    /// Called with (input, bytes done, total bytes, documents) after each batch.
    public var progress: ((String, Int, Int?, Int) -> Void)?
    /// Flush every output file to disk before renaming it into place (see ``AtomicOutputFile``).
    public var syncToDisk = false
    /// Read only this part of each input; the output names carry it (`NAME.shard-3-of-8.jsonl`).
    public var shard: Shard?

    public init(pipeline: Pipeline, inputs: [String], outputDirectory: String = "Output", jobs: Int = 1) {
        self.pipeline = pipeline
        self.inputs = inputs
        self.outputDirectory = outputDirectory
        self.sideDirectory = outputDirectory == "-" ? "Output" : outputDirectory
        self.jobs = jobs
    }

    /// The output base name of an input: its file name without extension (`stdin` for `-`).
    public static func baseName(of input: String) -> String {
        if input == "-" { return "stdin" }
        let file = (input as NSString).lastPathComponent
        let base = (file as NSString).deletingPathExtension
        return base.isEmpty ? file : base
    }

    /// What happened to one input.
    public struct InputOutcome: Sendable {
        public var stats: RunStats
        public var documentsPath: String
        public var rejectsPath: String
        public var statsPath: String
    }

    /// Checks what can be checked before reading any input: distinct output names, inputs
    /// that exist, a writable output folder.
    public func validate() throws {
        var names = Set<String>()
        for input in inputs {
            guard names.insert(Self.baseName(of: input)).inserted else {
                throw OutputError(path: input, message: "two inputs would write the same output name \"\(Self.baseName(of: input))\"; rename one or run them separately")
            }
            if input != "-" {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
                    throw InputError(input: input, message: "no such file. Check the path.")
                }
                guard !isDir.boolValue else { throw InputError(input: input, message: "is a folder, not a file") }
                guard FileManager.default.isReadableFile(atPath: input) else {
                    throw InputError(input: input, message: "the file is not readable (permissions)")
                }
            }
        }
        for dir in Set([outputDirectory, sideDirectory]) where dir != "-" {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                var isDir: ObjCBool = false
                let why =
                    FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && !isDir.boolValue
                    ? "it exists and is not a folder"
                    : "a part of the path is not a folder, or there is no permission to create it"
                throw OutputError(path: dir, message: "cannot create the output folder: \(why). Choose another with -o.")
            }
            guard FileManager.default.isWritableFile(atPath: dir) else {
                throw OutputError(path: dir, message: "the output folder is not writable; choose another with -o")
            }
        }
    }

    /// Runs every input in turn. Files of an input are renamed into place only when it is
    /// fully processed.
    public func run() throws -> [InputOutcome] {
        try validate()
        var outcomes: [InputOutcome] = []
        for input in inputs {
            let name = Self.baseName(of: input) + (shard.map(\.fileSuffix) ?? "")
            let docsPath = outputDirectory == "-" ? "-" : (outputDirectory as NSString).appendingPathComponent("\(name).jsonl")
            let rejectsPath = (sideDirectory as NSString).appendingPathComponent("\(name).rejects.jsonl")
            let statsPath = (sideDirectory as NSString).appendingPathComponent("\(name).stats.json")
            let docs = try AtomicOutputFile(path: docsPath, sync: syncToDisk)
            let rejects = try AtomicOutputFile(path: rejectsPath, sync: syncToDisk)
            var stats = RunStats(stages: pipeline.stages.map(\.identifier))
            let newline: [UInt8] = [0x0A]
            let sinks = Pipeline.Sinks(
                lines: { bytes in try docs.write(bytes) },
                rejection: { r in
                    try rejects.write(r.jsonLine)
                    try newline.withUnsafeBufferPointer { try rejects.write($0) }
                },
                progress: progress.map { p in { done, total, n in p(input, done, total, n) } })
            let inputStats = try pipeline.run(path: input, shard: shard, jobs: jobs, stats: &stats, sinks: sinks)
            stats.inputs = [inputStats]
            guard inputStats.linesAddUp else {
                throw Pipeline.RunError(message: "internal error: the line accounting of \(input) does not add up (\(inputStats)); nothing was written. Please report this.")
            }
            let statsFile = try AtomicOutputFile(path: statsPath, sync: syncToDisk)
            try statsFile.write(stats.json)
            try docs.commit()
            try rejects.commit()
            try statsFile.commit()
            outcomes.append(InputOutcome(stats: stats, documentsPath: docsPath, rejectsPath: rejectsPath, statsPath: statsPath))
        }
        return outcomes
    }
}
