import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the real `wikiclean` binary that `swift test` builds next to the test bundle.
enum CLI {
    /// The package root, found from this file's path.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static let seed = packageRoot.appendingPathComponent("Fixtures/000_2232c584cf89ac51.txt").path

    /// The folders that may hold the binary: `WIKICLEAN_BINARY`'s, the test executable's
    /// (and the folders above it, for a bundle), then `.build/debug`.
    static func candidates() -> [URL] {
        var urls: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["WIKICLEAN_BINARY"] { urls.append(URL(fileURLWithPath: explicit)) }
        var starts: [URL] = [Bundle.main.bundleURL, Bundle.main.executableURL].compactMap { $0 }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append(URL(fileURLWithPath: exe)) }
        starts += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        for start in starts {
            var dir = start
            for _ in 0..<4 {
                urls.append(dir.appendingPathComponent("wikiclean"))
                dir.deleteLastPathComponent()
            }
        }
        urls.append(packageRoot.appendingPathComponent(".build/debug/wikiclean"))
        return urls
    }

    static let binary: URL? = candidates().first { url in
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }

    /// The binary, or a failed requirement naming where it was looked for.
    static func requireBinary() throws -> URL {
        guard let binary else {
            throw CLIError(
                "the wikiclean binary was not found (swift test builds it next to the test bundle); looked in: "
                    + candidates().map(\.path).joined(separator: ", ") + ". Set WIKICLEAN_BINARY to its path.")
        }
        return binary
    }

    struct CLIError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// What a finished process left.
    struct Result {
        var status: Int32
        var reason: Process.TerminationReason
        var stdout: Data
        var stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// One folder per test process holding every temporary folder of its tests; it is
    /// removed when the process exits, so test runs leave nothing behind in the temp dir.
    static let temporaryRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wikiclean-cli-\(getpid())-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: CLI.temporaryRoot) }
        return url
    }()

    /// A fresh temporary folder (inside ``temporaryRoot``).
    static func temporaryDirectory() -> URL {
        let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts `wikiclean ARGS` in `cwd` with standard output and error going to files in
    /// `scratch` (no pipe to fill up), standard input from `stdin` (a file path) or nothing.
    static func start(_ args: [String], cwd: URL, scratch: URL, stdin: String? = nil, executable: URL? = nil) throws -> Process {
        let p = Process()
        p.executableURL = try executable ?? requireBinary()
        p.arguments = args
        p.currentDirectoryURL = cwd
        let out = scratch.appendingPathComponent("stdout")
        let err = scratch.appendingPathComponent("stderr")
        precondition(FileManager.default.createFile(atPath: out.path, contents: nil), "could not create \(out.path)")
        precondition(FileManager.default.createFile(atPath: err.path, contents: nil), "could not create \(err.path)")
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits for `p`, killing it after `timeout` seconds (a hang is a test failure).
    static func wait(_ p: Process, timeout: Double = 300) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning {
            if Date() > deadline {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                throw CLIError("\(p.executableURL?.lastPathComponent ?? "process") \(p.arguments ?? []) did not finish in \(timeout) s")
            }
            usleep(10_000)
        }
        p.waitUntilExit()
    }

    static func collect(_ p: Process, scratch: URL) throws -> Result {
        Result(
            status: p.terminationStatus, reason: p.terminationReason,
            stdout: try Data(contentsOf: scratch.appendingPathComponent("stdout")),
            stderr: String(decoding: try Data(contentsOf: scratch.appendingPathComponent("stderr")), as: UTF8.self))
    }

    /// Runs `wikiclean ARGS` to the end.
    @discardableResult
    static func run(_ args: [String], cwd: URL? = nil, stdin: String? = nil, executable: URL? = nil) throws -> Result {
        let scratch = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let p = try start(args, cwd: cwd ?? scratch, scratch: scratch, stdin: stdin, executable: executable)
        try wait(p)
        return try collect(p, scratch: scratch)
    }

    /// Runs a shell pipeline (`/bin/sh -c`), `$0` being the binary and `$1`… the arguments.
    static func shell(_ script: String, _ args: [String], cwd: URL) throws -> Result {
        try run(["-c", "set -e; " + script, try requireBinary().path] + args, cwd: cwd, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// Files in `dir` (hidden ones too), sorted; empty when it does not exist.
    static func files(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    /// The layout fixtures' inputs and the seed, relative to the package root.
    static var fixtureInputs: [String] {
        let layouts = packageRoot.appendingPathComponent("Fixtures/layouts")
        let names = files(in: layouts).flatMap { dir in
            files(in: layouts.appendingPathComponent(dir)).filter { $0.hasPrefix("input.") }.map { "Fixtures/layouts/\(dir)/\($0)" }
        }
        return ["Fixtures/000_2232c584cf89ac51.txt"] + names
    }
}

@Suite struct CLITests {
    private let base = "000_2232c584cf89ac51"

    @Test func runWritesTheDocumentsTheRejectsAndTheStats() throws {
        let out = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLI.run(["run", CLI.seed, "-o", out.path, "--no-progress", "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CLI.files(in: out) == ["\(base).jsonl", "\(base).rejects.jsonl", "\(base).stats.json"])
        let docs = try String(contentsOf: out.appendingPathComponent("\(base).jsonl"), encoding: .utf8)
        #expect(docs.split(separator: "\n").count == 20)
        let stats = try String(contentsOf: out.appendingPathComponent("\(base).stats.json"), encoding: .utf8)
        #expect(stats.contains("\"accounting_ok\": true"))
        #expect(try Data(contentsOf: out.appendingPathComponent("\(base).rejects.jsonl")).isEmpty)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("20 documents"))
    }

    @Test func fsyncWritesTheSameFilesUnderTheSameNames() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let plain = try CLI.run(["run", CLI.seed, "-o", "plain", "--no-progress"], cwd: cwd)
        #expect(plain.status == 0, "\(plain.stderr)")
        let synced = try CLI.run(["run", CLI.seed, "-o", "synced", "--no-progress", "--fsync"], cwd: cwd)
        #expect(synced.status == 0, "\(synced.stderr)")
        let names = CLI.files(in: cwd.appendingPathComponent("synced"))
        #expect(names == ["\(base).jsonl", "\(base).rejects.jsonl", "\(base).stats.json"])
        for name in names {
            #expect(
                (try Data(contentsOf: cwd.appendingPathComponent("synced/\(name)")))
                    == (try Data(contentsOf: cwd.appendingPathComponent("plain/\(name)"))))
        }
    }

    @Test func dashOWritesTheDocumentsToStandardOutputAndTheSideFilesToOutput() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let toFile = try CLI.run(["run", CLI.seed, "-o", "files", "--no-progress"], cwd: cwd)
        #expect(toFile.status == 0, "\(toFile.stderr)")
        let r = try CLI.run(["run", CLI.seed, "-o", "-", "--no-progress"], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.isEmpty)
        #expect(r.stdout == (try Data(contentsOf: cwd.appendingPathComponent("files/\(base).jsonl"))))
        #expect(CLI.files(in: cwd.appendingPathComponent("Output")) == ["\(base).rejects.jsonl", "\(base).stats.json"])
        #expect(
            (try Data(contentsOf: cwd.appendingPathComponent("Output/\(base).stats.json")))
                == (try Data(contentsOf: cwd.appendingPathComponent("files/\(base).stats.json"))))
    }

    @Test func shardsAreWrittenUnderTheirOwnNamesAndMakeUpTheWholeRun() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let whole = try CLI.run(["run", CLI.seed, "-o", "whole", "--no-progress"], cwd: cwd)
        #expect(whole.status == 0, "\(whole.stderr)")
        var joined = Data()
        for k in 1...3 {
            let r = try CLI.run(["run", CLI.seed, "-o", "parts", "--no-progress", "--shard", "\(k)/3"], cwd: cwd)
            #expect(r.status == 0, "\(r.stderr)")
            joined += try Data(contentsOf: cwd.appendingPathComponent("parts/\(base).shard-\(k)-of-3.jsonl"))
            let stats = try String(contentsOf: cwd.appendingPathComponent("parts/\(base).shard-\(k)-of-3.stats.json"), encoding: .utf8)
            #expect(stats.contains("\"shard\": \"\(k)/3\""))
        }
        #expect(CLI.files(in: cwd.appendingPathComponent("parts")).count == 9)
        #expect(joined == (try Data(contentsOf: cwd.appendingPathComponent("whole/\(base).jsonl"))))
        for bad in [["--shard", "4/3"], ["--shard", "x"], ["--shard", "1/2", "-o", "-"]] {
            let r = try CLI.run(["run", CLI.seed, "--no-progress"] + bad, cwd: cwd)
            #expect(r.status == 64, "\(bad): \(r.stderr)")
            #expect(r.stderr.contains("shard"))
        }
        let piped = try CLI.run(["run", "-", "-o", "out", "--no-progress", "--shard", "1/2"], cwd: cwd, stdin: CLI.seed)
        #expect(piped.status == 66, "\(piped.stderr)")
        #expect(piped.stderr.contains("--shard needs a regular file"))
    }

    @Test func standardInputIsReadAsStdin() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let r = try CLI.run(["run", "-", "-o", "out", "--no-progress"], cwd: cwd, stdin: CLI.seed)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CLI.files(in: cwd.appendingPathComponent("out")) == ["stdin.jsonl", "stdin.rejects.jsonl", "stdin.stats.json"])
        let docs = try String(contentsOf: cwd.appendingPathComponent("out/stdin.jsonl"), encoding: .utf8)
        #expect(docs.split(separator: "\n").count == 20)
    }

    @Test func missingInputExits66NamingTheFileAndWritesNothing() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let r = try CLI.run(["run", CLI.seed, "no-such-dump.txt", "-o", "out", "--no-progress"], cwd: cwd)
        #expect(r.status == 66)
        #expect(r.stderr.contains("no-such-dump.txt"), "\(r.stderr)")
        #expect(CLI.files(in: cwd) == [], "nothing may be written when an input is missing")
        let read = try CLI.run(["read", "no-such-dump.txt"], cwd: cwd)
        #expect(read.status == 66 && read.stderr.contains("no-such-dump.txt"))
        #expect(read.stdout.isEmpty)
        let folder = try CLI.run(["run", cwd.path, "-o", "out"], cwd: cwd)
        #expect(folder.status == 66 && folder.stderr.contains("folder"))
    }

    /// A dump in another encoding: UTF-16 (told by its byte-order mark) is refused with exit
    /// 66 and the command that converts it; Shift_JIS lines are rejected one by one, as any
    /// line that is not UTF-8, and the summary says what the input most likely is.
    @Test func otherEncodingsAreNamedWithTheCommandThatConvertsThem() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let text = "富士山(ふじさん)は、日本の山である。\n標高は3776メートル。\n"
        for (name, data) in [("le.txt", text.data(using: .utf16LittleEndian)!), ("be.txt", text.data(using: .utf16BigEndian)!)] {
            let bom: [UInt8] = name == "le.txt" ? [0xFF, 0xFE] : [0xFE, 0xFF]
            try (Data(bom) + data).write(to: cwd.appendingPathComponent(name))
            let r = try CLI.run(["run", name, "-o", "out", "--no-progress"], cwd: cwd)
            #expect(r.status == 66, "\(r.stderr)")
            #expect(r.stderr.contains(name) && r.stderr.contains("UTF-16") && r.stderr.contains("iconv -f UTF-16 -t UTF-8"), "\(r.stderr)")
        }
        try text.data(using: .shiftJIS)!.write(to: cwd.appendingPathComponent("sjis.txt"))
        let r = try CLI.run(["run", "sjis.txt", "-o", "out", "--no-progress"], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("2 of 2 lines of sjis.txt are not valid UTF-8") && r.stderr.contains("Shift_JIS"), "\(r.stderr)")
        // A UTF-8 dump with one bad line gets no hint.
        var mixed = Data(text.utf8)
        mixed.append(contentsOf: [0x82, 0xA0, 0x0A])
        try mixed.write(to: cwd.appendingPathComponent("mixed.txt"))
        let m = try CLI.run(["run", "mixed.txt", "-o", "out", "--no-progress"], cwd: cwd)
        #expect(m.status == 0 && !m.stderr.contains("hint:"), "\(m.stderr)")
    }

    @Test func impossibleOutputFolderExits73() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        #expect(FileManager.default.createFile(atPath: cwd.appendingPathComponent("plain-file").path, contents: Data("x".utf8)))
        let r = try CLI.run(["run", CLI.seed, "-o", "plain-file/out", "--no-progress"], cwd: cwd)
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("plain-file/out"))
        let onFile = try CLI.run(["run", CLI.seed, "-o", "plain-file", "--no-progress"], cwd: cwd)
        #expect(onFile.status == 73, "\(onFile.stderr)")
        #expect(CLI.files(in: cwd) == ["plain-file"])
    }

    @Test func badPipelineFileExits78WithFileAndLine() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try "name: broken\nstages:\n  - stage: strip-chrome\n  - stage: strip-everything\n".write(
            to: cwd.appendingPathComponent("my.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", CLI.seed, "--pipeline", "my.yaml", "-o", "out", "--no-progress"], cwd: cwd)
        #expect(r.status == 78, "\(r.stderr)")
        #expect(r.stderr.contains("my.yaml:4:"), "\(r.stderr)")
        #expect(r.stderr.contains("strip-everything"))
        #expect(CLI.files(in: cwd) == ["my.yaml"])
        let missing = try CLI.run(["run", CLI.seed, "--pipeline", "nope.yaml", "-o", "out"], cwd: cwd)
        #expect(missing.status == 78 && missing.stderr.contains("nope.yaml"), "\(missing.stderr)")
    }

    @Test func usageErrorsExit64() throws {
        for args in [["run", CLI.seed, "--jobs", "0"], ["run"], ["run", CLI.seed, "--no-such-flag"], ["stage", "no-such-stage"], ["frobnicate"]] {
            let r = try CLI.run(args)
            #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
            #expect(!r.stderr.isEmpty)
        }
        let badSet = try CLI.run(["stage", "normalize", "--set", "profile=nope"], stdin: CLI.seed)
        #expect(badSet.status == 64, "\(badSet.stderr)")
    }

    /// `bench --rounds` measures every row that many times and prints the median round with
    /// the fastest beside it: the whole pipeline, the reader, each stage and the writer.
    @Test func benchRoundsPrintTheMedianAndTheFastestOfEveryRow() throws {
        let r = try CLI.run(["bench", "--input", CLI.seed, "--jobs", "1", "--rounds", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("fastest") == true, "\(r.stdoutText)")
        let rows = lines.dropFirst().filter { !$0.hasPrefix("peak memory") && !$0.hasPrefix("allocator") }
        #expect(rows.count >= 8, "\(r.stdoutText)")
        #expect(rows.first?.hasPrefix("pipeline") == true && rows.contains { $0.hasPrefix("write") }, "\(r.stdoutText)")
        for row in rows {
            let numbers = row.split(separator: " ").compactMap { Double($0) }
            try #require(numbers.count >= 4, "\(row)")
            let (median, fastest) = (numbers[numbers.count - 4], numbers[numbers.count - 1])
            #expect(fastest <= median, "\(row)")
        }
        #expect(lines.dropLast().last?.hasPrefix("peak memory") == true, "\(r.stdoutText)")
        // On Linux the command links mimalloc (Package.swift) unless built with
        // WIKICLEAN_SYSTEM_MALLOC=1, and says which.
        #if os(Linux)
            let expected = ProcessInfo.processInfo.environment["WIKICLEAN_SYSTEM_MALLOC"] == "1" ? "allocator: the C library's malloc" : "allocator: mimalloc "
            #expect(lines.last?.hasPrefix(expected) == true, "\(r.stdoutText)")
        #else
            #expect(lines.last?.hasPrefix("allocator: ") == true, "\(r.stdoutText)")
        #endif
        let bad = try CLI.run(["bench", "--input", CLI.seed, "--rounds", "0"])
        #expect(bad.status == 64 && bad.stderr.contains("--rounds"), "\(bad.stderr)")
    }

    @Test func strictExits1OnARejectedLineAndOtherwise0() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let input = cwd.appendingPathComponent("bad.txt")
        try Data(Array("一つ目の段落である。\n".utf8) + [0xFF, 0xFE, 0x0A] + Array("二つ目の段落である。\n".utf8)).write(to: input)
        let strict = try CLI.run(["run", input.path, "-o", "strict", "--strict", "--no-progress"], cwd: cwd)
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(strict.stderr.contains("--strict"))
        let lenient = try CLI.run(["run", input.path, "-o", "lenient", "--no-progress"], cwd: cwd)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        for dir in ["strict", "lenient"] {
            let rejects = try String(contentsOf: cwd.appendingPathComponent("\(dir)/bad.rejects.jsonl"), encoding: .utf8)
            #expect(rejects.split(separator: "\n").count == 1 && rejects.contains("\"reason\":\"invalid_utf8\""))
        }
        let clean = try CLI.run(["run", CLI.seed, "-o", "clean", "--strict", "--no-progress"], cwd: cwd)
        #expect(clean.status == 0, "\(clean.stderr)")
    }

    @Test(arguments: CLI.fixtureInputs)
    func readThroughStagesOverRealPipesEqualsRun(input: String) throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let path = CLI.packageRoot.appendingPathComponent(input).path
        let run = try CLI.run(["run", path, "-o", "-", "--no-progress"], cwd: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let chained = try CLI.shell(
            """
            "$0" read "$1" 2>read.err | "$0" stage unwrap-wiki-source | "$0" stage unwrap-markdown | "$0" stage rejoin-lines \
            | "$0" stage strip-chrome \
            | "$0" stage split-headings | "$0" stage split-captions | "$0" stage normalize | "$0" stage detect-boundaries
            """, [path], cwd: cwd)
        #expect(chained.status == 0, "\(chained.stderr)")
        #expect(chained.stderr.isEmpty, "\(chained.stderr)")
        #expect(!chained.stdout.isEmpty)
        #expect(chained.stdout == run.stdout, "\(input): read | stage … differs from run -o -")
    }

    /// Parses one output line of `stage`.
    private func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func stageNormalizeWithTheNeologdnProfile() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let input = cwd.appendingPathComponent("in.jsonl")
        try "{\"text\":\"ﾊﾟﾊﾟ 検索 エンジン\",\"x\":1}\n".write(to: input, atomically: true, encoding: .utf8)
        let r = try CLI.run(["stage", "normalize", "--set", "profile=neologdn"], stdin: input.path)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdoutText.split(separator: "\n")
        try #require(lines.count == 1, "\(r.stdoutText)")
        #expect(try object(lines[0])["text"] as? String == "パパ検索エンジン")
        #expect(lines[0].contains("\"x\":1"), "\(lines[0])")

        try "{\"text\":\"1467〜1487年\"}\n".write(to: input, atomically: true, encoding: .utf8)
        let tilde = try CLI.run(["stage", "normalize", "--set", "profile=neologdn", "--set", "tilde=normalize"], stdin: input.path)
        #expect(tilde.status == 0, "\(tilde.stderr)")
        let t = tilde.stdoutText.split(separator: "\n")
        try #require(t.count == 1, "\(tilde.stdoutText)")
        #expect(try object(t[0])["text"] as? String == "1467~1487年")
    }

    @Test func stageReportsBadLinesAndExits65() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let input = cwd.appendingPathComponent("in.jsonl")
        try "{\"text\":\"良い。\"}\nnot json\n{\"text\":5}\n{\"text\":\"これも良い。\"}\n".write(to: input, atomically: true, encoding: .utf8)
        let r = try CLI.run(["stage", "normalize"], stdin: input.path)
        #expect(r.status == 65)
        #expect(r.stdoutText.split(separator: "\n").count == 2)
        #expect(r.stderr.contains("<stdin>:2") && r.stderr.contains("<stdin>:3"), "\(r.stderr)")
        // Line 2 is not JSON at all: one hint says how to turn plain text into documents.
        #expect(r.stderr.components(separatedBy: "hint: ").count == 2, "\(r.stderr)")
        #expect(r.stderr.contains("wikiclean read - | wikiclean stage normalize"), "\(r.stderr)")
    }

    @Test func stageGivesNoHintForBrokenDocuments() throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let input = cwd.appendingPathComponent("in.jsonl")
        try "{\"text\":5}\n".write(to: input, atomically: true, encoding: .utf8)
        let r = try CLI.run(["stage", "normalize"], stdin: input.path)
        #expect(r.status == 65)
        #expect(!r.stderr.contains("hint:"), "\(r.stderr)")
    }

    // MARK: - Interruption

    /// Writes a dump of tens of MB (the seed repeated) into `dir`.
    static func writeLargeInput(in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("large.txt")
        var seed = try Data(contentsOf: URL(fileURLWithPath: CLI.seed))
        seed.append(0x0A)
        precondition(FileManager.default.createFile(atPath: url.path, contents: nil), "could not create \(url.path)")
        let handle = try FileHandle(forWritingTo: url)
        for _ in 0..<600 { try handle.write(contentsOf: seed) }  // 62 MB
        try handle.close()
        return url
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func interruptedRunLeavesNoFileUnderAFinalName(signal: Int32) throws {
        let cwd = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let scratch = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = cwd.appendingPathComponent("out")
        let input = try Self.writeLargeInput(in: cwd)
        let p = try CLI.start(["run", input.path, "-o", out.path, "--jobs", "2", "--no-progress"], cwd: cwd, scratch: scratch)
        usleep(1_000_000)
        let wasRunning = p.isRunning
        // The child's signal mask, for the record (a mask blocked by the parent is inherited).
        let status = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/status", encoding: .utf8)) ?? ""
        let masks = status.split(separator: "\n").filter { $0.hasPrefix("SigBlk") || $0.hasPrefix("SigIgn") }
        kill(p.processIdentifier, signal)
        try CLI.wait(p, timeout: 60)
        let r = try CLI.collect(p, scratch: scratch)
        try #require(wasRunning, "the run finished within 1 s (status \(r.status)); make the input larger")
        #expect(r.status != 0)
        #expect(r.reason == .exit && r.status == 128 + signal, "expected exit status \(128 + signal), got \(r.reason) \(r.status)")
        let left = CLI.files(in: out)
        for final in ["large.jsonl", "large.stats.json", "large.rejects.jsonl"] {
            #expect(!left.contains(final), "\(final) exists after signal \(signal)")
        }
        print("interrupted run (signal \(signal), child \(masks.joined(separator: " "))): output folder holds \(left)")
        #expect(left.isEmpty, "temporary files left after signal \(signal): \(left)")
    }
}
