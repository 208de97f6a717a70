// Fuzz harness for the default pipeline.
//
// Built normally, `WikiCleanFuzz FILE_OR_FOLDER...` replays inputs (a crash corpus, the
// seeds in Tests/Fuzz/corpus) through the same checks. Built with `-DFUZZING` and
// `-sanitize=fuzzer` (see Tests/Fuzz/run-fuzzer.sh), libFuzzer drives `LLVMFuzzerTestOneInput`.
//
// Each input is read twice, as a plain-text dump and as JSON Lines, by the default pipeline,
// once with one job and once with two. The checks:
// - no crash (and, under the address sanitizer, no memory error);
// - the line accounting adds up (`RunStats.Input.linesAddUp`);
// - every document, rejection and the stats are valid JSON (`JSONParser`), documents are
//   objects with distinct ids;
// - a text dump's documents hold no replacement character (U+FFFD) unless the input does
//   (none made by a cut inside a character);
// - the run is deterministic: both runs give the same bytes.

import Foundation
import WikiClean

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes a run produced.
struct FuzzOutcome: Equatable {
    var documents: [UInt8] = []
    var rejects: [UInt8] = []
    var stats = ""
}

/// Runs the default pipeline over fuzz inputs and checks the invariants.
enum FuzzTarget {
    /// The default pipeline, built once.
    static let pipeline: Pipeline = {
        do {
            return try Pipeline(spec: PipelineSpec.builtInDefault())
        } catch {
            fatalError("the built-in pipeline does not load: \(error)")
        }
    }()

    /// A private folder for the input files, made once.
    static let folder: String = {
        var template = Array((NSTemporaryDirectory() + "/wikiclean-fuzz-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else { fatalError("mkdtemp failed") }
        return String(cString: p)
    }()

    /// Checks one input; on a broken invariant, prints what broke and aborts (libFuzzer
    /// then saves the input as a crash).
    static func check(_ data: UnsafeBufferPointer<UInt8>) {
        for ext in ["txt", "jsonl"] {
            let path = folder + "/input." + ext
            write(data, to: path)
            let one = run(path: path, ext: ext, jobs: 1)
            let two = run(path: path, ext: ext, jobs: 2)
            if one != two {
                fail("not deterministic (.\(ext)): jobs 1 and jobs 2 differ", data)
            }
            if ext == "txt" && contains(one.documents, replacementCharacter) && !contains(Array(data), replacementCharacter) {
                fail("a replacement character (U+FFFD) in the documents, none in the input", data)
            }
        }
    }

    /// One run, with the invariants checked.
    static func run(path: String, ext: String, jobs: Int) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        var stats = RunStats(stages: pipeline.stages.map(\.identifier))
        var ids = Set<String>()
        let input: RunStats.Input
        do {
            input = try pipeline.run(
                path: path, name: "fuzz.\(ext)", jobs: jobs, stats: &stats,
                sinks: .init(
                    document: { doc, bytes in
                        outcome.documents.append(contentsOf: bytes)
                        guard bytes.last == 0x0A else { fail("a document line does not end with a newline", nil) }
                        switch try? JSONParser.parse(UnsafeBufferPointer(rebasing: bytes.dropLast())) {
                        case .object?: break
                        default: fail("a document is not a JSON object: \(String(decoding: bytes.prefix(300), as: UTF8.self))", nil)
                        }
                        if !ids.insert(doc.id).inserted { fail("two documents have the id \(doc.id)", nil) }
                    },
                    rejection: { r in
                        let line = r.jsonLine
                        guard case .object? = try? JSONParser.parse(line) else { fail("a rejection is not a JSON object: \(line.prefix(300))", nil) }
                        outcome.rejects.append(contentsOf: line.utf8)
                        outcome.rejects.append(0x0A)
                    }))
        } catch {
            fail("the run threw: \(error)", nil)
        }
        stats.inputs = [input]
        outcome.stats = stats.json
        if !input.linesAddUp { fail("the line accounting does not add up (.\(ext), jobs \(jobs)): \(input)", nil) }
        if input.recordsRejected != input.rejectedByReason.filter({ $0.key != "stage_failed" }).values.reduce(0, +) {
            fail("rejected records \(input.recordsRejected) do not match the rejections by reason \(input.rejectedByReason)", nil)
        }
        guard case .object? = try? JSONParser.parse(outcome.stats) else { fail("the stats are not a JSON object", nil) }
        return outcome
    }

    /// U+FFFD in UTF-8.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    static func write(_ data: UnsafeBufferPointer<UInt8>, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fatalError("cannot write \(path)") }
        var at = 0
        while at < data.count {
            let n = Glibc.write(fd, data.baseAddress! + at, data.count - at)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { fatalError("cannot write \(path)") }
            at += n
        }
        close(fd)
    }

    static func fail(_ message: String, _ data: UnsafeBufferPointer<UInt8>?) -> Never {
        var text = "WikiCleanFuzz: invariant broken: \(message)\n"
        if let data { text += "input (\(data.count) bytes): \(String(decoding: data.prefix(500), as: UTF8.self).debugDescription)\n" }
        printError(text)
        abort()
    }
}

/// Writes `text` to standard error.
func printError(_ text: String) {
    var text = text
    text.withUTF8 { p in _ = Glibc.write(2, p.baseAddress, p.count) }
}

#if FUZZING
    /// The libFuzzer entry point.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        FuzzTarget.check(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
        return 0
    }

    /// libFuzzer's driver, called from our own `main` (SwiftPM gives the executable a Swift
    /// `main`, so libFuzzer's is not the one that runs).
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

    // Build the pipeline and the folder before the first input, so that one-time set-up
    // does not count against it.
    _ = FuzzTarget.pipeline
    _ = FuzzTarget.folder
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) })
#else
    // Replay: every file given, and every file inside a folder given.
    var files: [String] = []
    for arg in CommandLine.arguments.dropFirst() {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: arg, isDirectory: &isDir) else {
            printError("WikiCleanFuzz: \(arg): no such file\n")
            exit(66)
        }
        if isDir.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: arg)) ?? []
            files += names.sorted().filter { !$0.hasPrefix(".") }.map { (arg as NSString).appendingPathComponent($0) }
        } else {
            files.append(arg)
        }
    }
    if files.isEmpty {
        printError("usage: WikiCleanFuzz FILE_OR_FOLDER... (replays inputs through the fuzz checks)\n")
        exit(64)
    }
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("WikiCleanFuzz: \(file): cannot read\n")
            exit(66)
        }
        Array(data).withUnsafeBufferPointer { FuzzTarget.check($0) }
    }
    print("WikiCleanFuzz: \(files.count) inputs replayed, all checks passed")
#endif
