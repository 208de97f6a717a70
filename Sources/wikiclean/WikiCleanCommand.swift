import ArgumentParser
import WikiClean

@main
struct WikiCleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wikiclean",
        abstract: "Clean raw Japanese wiki dumps into structured JSON Lines.",
        discussion: """
            Reads plain-text dumps scraped from Japanese wiki sites (Wikipedia mirrors, @wiki, Fandom, \
            Weblio copies, WIKIWIKI) or JSON Lines, strips site chrome, splits headings and captions, \
            normalizes the text with ICU, finds article boundaries and writes one JSON object per document.

            Exit codes: 0 success; 1 rejected records with --strict, or outputs differ (diff); \
            64 usage error; 65 bad input data; 66 input missing or unreadable; 73 output cannot be \
            written; 78 bad pipeline file; 70 internal error.
            """,
        version: "0.1.0",
        subcommands: [Run.self, Read.self, StageCommand.self, Stages.self, Explain.self, Diff.self, Bench.self])

    /// The default chrome rules compile on another core while the arguments are parsed, for
    /// the commands that make the pipeline when no `--pipeline` file is named (a guess from the
    /// raw arguments: a wrong one only costs the thread's work, or leaves the rules to be
    /// compiled when the pipeline is made, as they always were).
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if let command = arguments.first, ["run", "read", "explain", "bench"].contains(command),
            !arguments.contains(where: { $0.hasPrefix("--pipeline") })
        {
            DefaultPipeline.prepareInBackground()
        }
        main(nil)
    }
}
