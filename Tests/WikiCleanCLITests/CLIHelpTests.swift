import Foundation
import Testing

/// Every command's `--help` states what it reads, what it writes and its exit codes.
@Suite struct CLIHelpTests {
    private static func binary() -> URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("wikiclean")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        var root = URL(fileURLWithPath: #filePath)
        while root.path != "/" {
            root.deleteLastPathComponent()
            let candidate = root.appendingPathComponent(".build/debug/wikiclean")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private func help(_ command: String) throws -> String {
        let url = try #require(Self.binary(), "the wikiclean binary was not built next to the tests")
        let p = Process()
        p.executableURL = url
        p.arguments = command.isEmpty ? ["--help"] : [command, "--help"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: ["run", "read", "stage", "stages", "diff", "explain", "bench"])
    func helpStatesInputsOutputsAndExitCodes(command: String) throws {
        let text = try help(command).lowercased()
        #expect(text.contains("exit code"), "\(command) --help lacks exit codes")
        #expect(text.contains("read") || text.contains("input"), "\(command) --help does not say what it reads")
        #expect(text.contains("write") || text.contains("print") || text.contains("output"), "\(command) --help does not say what it writes")
    }

    @Test func rootHelpListsEveryCommand() throws {
        let text = try help("")
        for command in ["run", "read", "stage", "stages", "diff", "explain", "bench"] {
            #expect(text.contains("  \(command) "), "root --help does not list \(command)")
        }
    }
}
