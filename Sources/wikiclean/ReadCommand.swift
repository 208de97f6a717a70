import ArgumentParser
import WikiClean

extension WikiCleanCommand {
    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read",  // named here: ArgumentParser would derive it by reflection at every start
            abstract: "Emit the raw pages that `run` feeds to its stages, as document JSON Lines.",
            discussion: """
                Reads each INPUT like `run` does (plain text, or JSON Lines for .jsonl; - for standard \
                input) and writes one document of kind "page" per raw page to standard output, with its \
                blocks and line numbers, so that `wikiclean read IN | wikiclean stage A | wikiclean stage B` \
                gives the same bytes as `run` with stages A and B. Rejected records go to standard error \
                as JSON Lines.

                Exit codes: 0 done; 66 input missing or unreadable; 78 bad pipeline file.
                """)

        @Argument(help: ArgumentHelp("Dump files (- for standard input).", valueName: "INPUT"), completion: .file())
        var inputs: [String]

        @OptionGroup var pipelineOptions: PipelineOptions

        func run() throws {
            do {
                let pipeline = try Pipeline(spec: try pipelineOptions.spec())
                var stderr = StandardError()
                var out: [UInt8] = []
                for input in inputs {
                    var reader = try pipeline.makeReader(path: input)
                    while let item = try reader.next() {
                        switch item {
                        case .page(let d):
                            d.appendJSON(to: &out)
                            out.append(0x0A)
                            if out.count > 1 << 20 { out.withUnsafeBufferPointer(writeStandardOutput); out.removeAll(keepingCapacity: true) }
                        case .rejected(let r):
                            print(r.jsonLine, to: &stderr)
                        }
                    }
                }
                out.withUnsafeBufferPointer(writeStandardOutput)
            } catch {
                throw report(error)
            }
        }
    }
}
