import ArgumentParser
import Foundation
import WikiClean

extension WikiCleanCommand {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",  // named here: ArgumentParser would derive it by reflection at every start
            abstract: "Measure throughput: the whole pipeline and each stage alone.",
            discussion: """
                Builds a deterministic synthetic corpus of --mb MB from the sample dump \
                (Fixtures/000_2232c584cf89ac51.txt, or --seed-dump) in a temporary folder, or uses \
                --input, then prints MB/s and documents/s for the whole pipeline (--jobs) and for each \
                stage alone on one thread, and the peak memory of the whole-pipeline run (the stage-alone \
                runs hold every page in memory, so the process peak after them is higher), and the \
                allocator the process runs with. With --normalize-only it normalizes \
                the input line by line (the loop of the ICU C reference) with --profile. With --rounds N \
                each row is measured N times: it shows the median round, and the fastest in a column of \
                its own (a busy machine slows rounds down, never up). Writes no \
                output files (the corpus is removed unless --keep-corpus).

                Exit codes: 0 done; 64 usage error; 66 input missing; 78 bad pipeline file.
                """)

        @Option(help: "Size of the synthetic corpus in MB.")
        var mb: Double = 20

        @Option(help: ArgumentHelp("Measure this file instead of a synthetic corpus.", valueName: "FILE"))
        var input: String?

        @Option(help: ArgumentHelp("The dump the synthetic corpus is built from.", valueName: "FILE"))
        var seedDump = "Fixtures/000_2232c584cf89ac51.txt"

        @Option(help: "Workers for the whole-pipeline run.")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Measure every row this many times; print the median and the fastest round.")
        var rounds: Int = 1

        @Flag(help: "Only normalize the input line by line (compare with the ICU C reference).")
        var normalizeOnly = false

        @Option(help: "Normalization profile for --normalize-only.")
        var profile = "wiki-ja"

        @Flag(help: "Keep the synthetic corpus and print its path.")
        var keepCorpus = false

        @OptionGroup var pipelineOptions: PipelineOptions

        func validate() throws {
            guard mb > 0 else { throw ValidationError("--mb must be positive.") }
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
            guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1.") }
        }

        func run() throws {
            do {
                var path = input
                var temporary: String?
                if path == nil {
                    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wikiclean-bench-\(getpid())")
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    temporary = dir.appendingPathComponent("corpus.txt").path
                    try Benchmark.makeCorpus(from: seedDump, megabytes: mb, to: temporary!)
                    path = temporary
                }
                defer {
                    if let temporary, !keepCorpus { try? FileManager.default.removeItem(atPath: (temporary as NSString).deletingLastPathComponent) }
                }
                if let temporary, keepCorpus { print("corpus: \(temporary)") }
                if normalizeOnly {
                    let options = try NormalizationOptions.profile(named: profile)
                    let rows = try (0..<rounds).map { _ in [try Benchmark.normalizeLines(path: path!, options: options)] }
                    print(Benchmark.render(Benchmark.summarize(rows)), terminator: "")
                    print(String(format: "peak memory: %.0f MiB", Benchmark.peakMemoryMiB))
                    print("allocator: \(Benchmark.allocator)")
                } else {
                    let pipeline = try Pipeline(spec: try pipelineOptions.spec())
                    // The whole-pipeline runs first: the peak after them is the streaming run's; the
                    // stage-alone runs then hold every page.
                    let wholeRuns = try (0..<rounds).map { _ in try Benchmark.wholePipeline(pipeline, path: path!, jobs: jobs) }
                    let pipelinePeak = Benchmark.peakMemoryMiB
                    let stageRuns = try (0..<rounds).map { _ in try Benchmark.stagesAlone(pipeline, path: path!) }
                    let rows = Benchmark.summarize(wholeRuns.map { [$0] }) + Benchmark.summarize(stageRuns)
                    print(Benchmark.render(rows), terminator: "")
                    print(String(format: "peak memory: %.0f MiB for the whole pipeline (streaming); %.0f MiB in all (the stage-alone runs hold every page)", pipelinePeak, Benchmark.peakMemoryMiB))
                    print("allocator: \(Benchmark.allocator)")
                }
            } catch {
                throw report(error)
            }
        }
    }
}
