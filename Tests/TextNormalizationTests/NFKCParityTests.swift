import Foundation
import Testing

@testable import TextNormalization

/// Profile `nfkc` must give, line for line and byte for byte, what Python's
/// `unicodedata.normalize("NFKC", line)` gives on the benchmark corpus
/// (`../shared/bench/gen_corpus.py`, 1 MB). Skipped, with a message, when python3 or the shared
/// folder is missing.
@Suite struct NFKCParityTests {
    /// The package root, found from this file (symlinks resolved).
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func lines(of data: Data) -> [String] {
        var result = data.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if result.last == "" { result.removeLast() }
        return result
    }

    @Test func nfkcProfileMatchesPythonOnTheBenchmarkCorpus() throws {
        let generator = Self.packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/bench/gen_corpus.py")
        guard FileManager.default.fileExists(atPath: generator.path) else {
            print("NFKC parity test SKIPPED: \(generator.path) not found.")
            return
        }
        guard let version = Self.run(["python3", "--version"]), version.status == 0 else {
            print("NFKC parity test SKIPPED: python3 not found.")
            return
        }
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("nfkc-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let generated = try #require(
            Self.run(["python3", generator.path, dir.path, "--mb", "1"]))
        try #require(generated.status == 0, "gen_corpus.py failed: \(generated.output)")
        let corpus = dir.appendingPathComponent("corpus.txt")
        let expectedFile = dir.appendingPathComponent("expected.txt")
        let script = """
            import sys, unicodedata
            text = open(sys.argv[1], 'rb').read().decode('utf-8')
            lines = text.split('\\n')
            if lines and lines[-1] == '':
                lines.pop()
            with open(sys.argv[2], 'wb') as f:
                for line in lines:
                    f.write(unicodedata.normalize('NFKC', line).encode('utf-8') + b'\\n')
            """
        let python = try #require(
            Self.run(["python3", "-c", script, corpus.path, expectedFile.path]))
        try #require(python.status == 0, "python3 NFKC failed: \(python.output)")

        let input = Self.lines(of: try Data(contentsOf: corpus))
        let expected = Self.lines(of: try Data(contentsOf: expectedFile))
        try #require(input.count == expected.count)
        #expect(input.count > 1000)

        let normalizer = Normalizer(options: .nfkcOnly)
        var mismatches = 0
        var changed = 0
        for (index, (line, want)) in zip(input, expected).enumerated() {
            let got = normalizer.normalize(line)
            if line != want { changed += 1 }
            if Array(got.utf8) != Array(want.utf8) {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record(
                        "line \(index + 1): got \(got.debugDescription), Python gave \(want.debugDescription)")
                }
            }
        }
        #expect(mismatches == 0)
        // The corpus is meant to exercise NFKC: make sure it did.
        #expect(changed > input.count / 10)
    }

    @Test func nfkcMatchesPythonOnTrickyCharacters() throws {
        guard let version = Self.run(["python3", "--version"]), version.status == 0 else {
            print("NFKC tricky-characters test SKIPPED: python3 not found.")
            return
        }
        let samples = [
            "ｶﾞｷﾞｸﾞﾊﾟｳﾞﾜﾞｱﾞﾞ", "か゛は゜", "か\u{3099}", "e\u{301}\u{327}", "ﬁ ﬀ ㍻ ㈱ ① Ⅻ …",
            "\u{FDFA}", "한국어 ﾡﾢ", "Å Ω K", "𝐀𝐁 𝟙", "\u{2F800}", "\u{3000}\u{A0}\u{2002}",
            "¨ ˜ ＂＇～", "e\u{301}\u{301}\u{301}", "\u{1100}\u{1161}\u{11A8}",
        ]
        let script = """
            import sys, unicodedata
            for line in sys.stdin.buffer.read().decode('utf-8').split('\\n')[:-1]:
                sys.stdout.buffer.write(unicodedata.normalize('NFKC', line).encode('utf-8') + b'\\n')
            """
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("nfkc-tricky-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.txt")
        try Data((samples.joined(separator: "\n") + "\n").utf8).write(to: input)
        let result = try #require(
            Self.run(["sh", "-c", "python3 -c \"$0\" < \"$1\"", script, input.path]))
        try #require(result.status == 0, "python3 failed: \(result.output)")
        let expected = result.output.split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
        try #require(expected.count == samples.count)
        let normalizer = Normalizer(options: .nfkcOnly)
        for (sample, want) in zip(samples, expected) {
            #expect(Array(normalizer.normalize(sample).utf8) == Array(want.utf8), "\(sample)")
        }
    }
}
