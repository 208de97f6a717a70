import ArgumentParser
import WikiClean

extension WikiCleanCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",  // named here: ArgumentParser would derive it by reflection at every start
            abstract: "Compare two document JSON Lines files, as diff(1) does, for CI.",
            discussion: """
                Reads OLD and NEW, two JSON Lines files of documents as `run` writes them (one JSON \
                object per line; - for standard input), and pairs their documents by "id" (a line \
                without a string "id" is paired by its line number as #N). Fields are compared as JSON \
                values: the order of keys inside objects does not matter; --ignore leaves a top-level \
                field out. Documents that only moved count as unchanged, and how many moved is reported.

                Writes to standard output, in the order of NEW (then removed documents in the order of \
                OLD): each added, removed and changed document, with the fields that changed and a \
                unified diff of its paragraphs ("## heading" lines, one line per paragraph, "[caption] …" \
                lines); then a summary line of counts. --format json writes one JSON object instead: \
                {"summary":{…},"added":[ids],"removed":[ids],"reordered":[ids],\
                "changed":[{"id":…,"fields":[…],"diff":[…]}]}. Errors go to standard error.

                Exit codes: 0 no document added, removed or changed; 1 some were; 2 trouble (a file \
                cannot be read, a line is not a JSON object, an id appears twice in one file); \
                64 usage error.
                """)

        /// How the report is written.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @Argument(help: ArgumentHelp("The earlier documents (- for standard input).", valueName: "OLD"), completion: .file())
        var old: String

        @Argument(help: ArgumentHelp("The later documents (- for standard input).", valueName: "NEW"), completion: .file())
        var new: String

        @Option(help: "Report format: text (for people) or json (for machines).")
        var format: Format = .text

        @Option(help: ArgumentHelp("Leave a top-level field out of the comparison (repeatable).", valueName: "FIELD"))
        var ignore: [String] = []

        @Option(help: ArgumentHelp("Unchanged paragraph lines shown around each change.", valueName: "N"))
        var context: Int = 2

        func validate() throws {
            guard context >= 0 else { throw ValidationError("--context must be 0 or more.") }
            guard !(old == "-" && new == "-") else { throw ValidationError("Only one of OLD and NEW can be -.") }
        }

        func run() throws {
            let diff: JSONLinesDiff
            do {
                diff = try JSONLinesDiff(oldPath: old, newPath: new, ignoring: Set(ignore), context: context)
            } catch {
                var stderr = StandardError()
                print("error: \(error)", to: &stderr)
                throw ExitCode(2)
            }
            var report: [UInt8]
            switch format {
            case .text: report = Array(diff.renderText().utf8)
            case .json: report = Array((diff.renderJSON() + "\n").utf8)
            }
            report.withUnsafeBufferPointer(writeStandardOutput)
            if !diff.isIdentical { throw ExitCode(1) }
        }
    }
}
