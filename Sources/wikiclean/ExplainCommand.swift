import ArgumentParser
import WikiClean

extension WikiCleanCommand {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",  // named here: ArgumentParser would derive it by reflection at every start
            abstract: "Show what became of each raw line: its document and section, and every removal or change by rule id.",
            discussion: """
                Reads INPUT (a dump, as `run` does) and runs the pipeline on one thread with every \
                event recorded. Writes to standard output, for each raw line in --lines: the document \
                and section its text went to (or that it went to none), and which stage removed or \
                changed which span under which rule id. Writes no files.

                Exit codes: 0 done; 64 usage error; 66 input missing or unreadable; 78 bad pipeline file.
                """)

        @Argument(help: ArgumentHelp("The dump to explain.", valueName: "INPUT"), completion: .file())
        var input: String

        @Option(help: ArgumentHelp("Only these raw lines: A-B, or a single line N (1-based).", valueName: "A-B"))
        var lines: String?

        @OptionGroup var pipelineOptions: PipelineOptions

        func range() throws -> ClosedRange<Int>? {
            guard let lines else { return nil }
            let parts = lines.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            if parts.count == 1, let a = parts[0], a >= 1 { return a...a }
            if parts.count == 2, let a = parts[0], let b = parts[1], a >= 1, b >= a { return a...b }
            throw ValidationError("--lines takes A-B (1 ≤ A ≤ B) or N, not \"\(lines)\".")
        }

        func validate() throws { _ = try range() }

        func run() throws {
            do {
                let pipeline = try Pipeline(spec: try pipelineOptions.spec())
                let reports = try Explainer(pipeline: pipeline).explain(path: input, lines: try range())
                print(Explainer.render(reports), terminator: "")
            } catch let e as ValidationError {
                throw e
            } catch {
                throw report(error)
            }
        }
    }
}
