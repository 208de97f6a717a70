import ArgumentParser
import WikiClean

extension WikiCleanCommand {
    struct StageCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stage",
            abstract: "Apply one stage to document JSON Lines from standard input.",
            discussion: """
                Reads JSON objects, one per line, from standard input: documents written by `read` or by \
                another `stage`, or any record with a string "text" field (HojiChar, datatrove, dolma); \
                unknown fields pass through untouched. Applies the stage NAME (see `wikiclean stages`) \
                and writes the resulting documents to standard output. Lines that cannot be read are \
                reported on standard error with their line number and skipped.

                Exit codes: 0 done; 65 some input lines were not documents; 64 unknown stage or bad \
                option; 78 unreadable rules file.
                """)

        @Argument(help: ArgumentHelp("The stage to apply.", valueName: "NAME"))
        var name: String

        @Option(name: .customLong("set"), help: ArgumentHelp("A stage option (repeatable).", valueName: "KEY=VALUE"))
        var settings: [String] = []

        func validate() throws {
            guard StageRegistry.identifiers.contains(name) else {
                throw ValidationError("Unknown stage \"\(name)\". Stages: \(StageRegistry.identifiers.joined(separator: ", ")).")
            }
        }

        private func makeStage() throws -> any Stage {
            var options = StageOptions(baseDirectory: ".")
            for s in settings { try options.set(assignment: s, origin: .init(file: "--set")) }
            return try StageRegistry.makeStage(name, options: options, origin: .init(file: "--set"))
        }

        private func process(_ line: [UInt8], lineNumber: Int, stage: any Stage, into out: inout [UInt8]) throws {
            guard case .object(let o) = try JSONParser.parse(line) else {
                throw DocumentDecodingError(reason: .notAnObject, message: "not a JSON object")
            }
            let doc = try Document(
                json: o, defaultID: "stdin:\(lineNumber)", defaultSource: SourceLocation(input: "-", lineStart: nil, record: lineNumber - 1))
            var context = StageContext(stage: name)
            for d in try stage.apply(to: doc, context: &context) {
                d.appendJSON(to: &out)
                out.append(0x0A)
            }
        }

        func run() throws {
            var stderr = StandardError()
            let stage: any Stage
            do {
                stage = try makeStage()
            } catch {
                print("error: \(error)", to: &stderr)
                throw ExitCode(64)
            }
            var failures = 0
            var hinted = false
            var out: [UInt8] = []
            var lineNumber = 0
            let lines = StandardInputLines()
            while let line = lines.next() {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    try process(line, lineNumber: lineNumber, stage: stage, into: &out)
                } catch {
                    failures += 1
                    print("error: <stdin>:\(lineNumber): \(error)", to: &stderr)
                    // Plain text piped in by mistake: say once how to make documents of it.
                    if !hinted, line.first(where: { $0 != 0x20 && $0 != 0x09 }) != UInt8(ascii: "{") {
                        hinted = true
                        print(
                            "hint: `stage` reads documents, one JSON object a line; for plain text use "
                                + "`wikiclean read - | wikiclean stage \(name)`", to: &stderr)
                    }
                }
                if out.count > 1 << 20 { out.withUnsafeBufferPointer(writeStandardOutput); out.removeAll(keepingCapacity: true) }
            }
            out.withUnsafeBufferPointer(writeStandardOutput)
            if failures > 0 { throw Exit.dataError }
        }
    }
}

/// Lines of standard input as byte arrays, read in 64 KiB chunks.
final class StandardInputLines {
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false

    func next() -> [UInt8]? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<nl])
                start = nl + 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n <= 0 { eof = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
