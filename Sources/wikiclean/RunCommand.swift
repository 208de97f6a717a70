import ArgumentParser
import Foundation
import WikiClean

extension WikiCleanCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",  // named here: ArgumentParser would derive it by reflection at every start
            abstract: "Run the pipeline on dump files.",
            discussion: """
                Reads each INPUT (a plain-text dump, or JSON Lines for .jsonl/.ndjson; - for standard \
                input) and writes, per input NAME.EXT: OUT/NAME.jsonl (documents), OUT/NAME.rejects.jsonl \
                (records that could not be read, with reasons) and OUT/NAME.stats.json (counts per stage \
                and rule; no timings). Files appear under their final names only when the input is done.
                With -o -, documents go to standard output and the side files to Output/.
                Timings and a summary go to standard error.

                --shard K/N reads only the K-th of N parts of each input (its pages that start in \
                the K-th N-th of the file's bytes, both ends moved to page boundaries), for one \
                run split over processes or machines. The files are named NAME.shard-K-of-N.* (K \
                zero-padded to the width of N, so that they sort in order); the N documents files \
                concatenated in order are byte for byte the unsharded run's, and the N stats files \
                add up to its stats.

                Exit codes: 0 done (even with rejected records); 1 rejected records with --strict; \
                66 input missing or unreadable; 73 output cannot be written; 78 bad pipeline file; \
                70 internal error.
                """)

        @Argument(help: ArgumentHelp("Dump files to clean (- for standard input).", valueName: "INPUT"), completion: .file())
        var inputs: [String]

        @Option(name: .shortAndLong, help: ArgumentHelp("Output folder, or - for standard output.", valueName: "DIR"))
        var output: String = "Output"

        @OptionGroup var pipelineOptions: PipelineOptions

        @Option(help: "Worker threads that clean (default: the number of cores); reading and writing each run on a thread beside them. Output is the same for any value.")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: ArgumentHelp("Read only shard K of N of each input (e.g. 3/8). Needs regular files, not standard input.", valueName: "K/N"))
        var shard: String?

        @Flag(help: "Exit with status 1 if any record was rejected.")
        var strict = false

        @Flag(help: "Flush each output file to disk (fsync) before renaming it into place: even a power loss then leaves no partial file under a final name (slower).")
        var fsync = false

        @Flag(inversion: .prefixedNo, help: "Show a progress line on standard error (default: when it is a terminal).")
        var progress: Bool?

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
            guard !inputs.isEmpty else { throw ValidationError("Give at least one INPUT.") }
            if let shard {
                do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard: \(error)") }
                guard output != "-" else { throw ValidationError("--shard writes files; give an output folder, not -o -.") }
            }
        }

        func run() throws {
            var stderr = StandardError()
            let started = Date()
            do {
                let pipeline = try Pipeline(spec: try pipelineOptions.spec())
                var runner = Runner(pipeline: pipeline, inputs: inputs, outputDirectory: output, jobs: jobs)
                runner.syncToDisk = fsync
                runner.shard = try shard.map { try Shard(parsing: $0) }
                let showProgress = progress ?? standardErrorIsTerminal
                if showProgress { runner.progress = ProgressLine.make(started: started) }
                installSignalCleanup()
                let outcomes = try runner.run()
                if showProgress { print("\r\u{1B}[K", terminator: "", to: &stderr) }
                var rejected = 0
                for o in outcomes {
                    let i = o.stats.inputs[0]
                    rejected += i.recordsRejected
                    let kinds = o.stats.documentsByKind.keys.sorted().map { "\(o.stats.documentsByKind[$0]!) \($0)" }.joined(separator: ", ")
                    print(
                        "\(i.input): \(o.stats.documentsWritten) documents (\(kinds.isEmpty ? "none" : kinds)), "
                            + "\(i.recordsRejected) rejected -> \(o.documentsPath == "-" ? "stdout" : o.documentsPath)", to: &stderr)
                    if let hint = encodingHint(i) { print(hint, to: &stderr) }
                }
                let seconds = Date().timeIntervalSince(started)
                let bytes = outcomes.reduce(0) { $0 + $1.stats.inputs[0].bytes }
                print(String(format: "done in %.2f s (%.1f MB/s, %d jobs)", seconds, Double(bytes) / 1e6 / max(seconds, 1e-9), jobs), to: &stderr)
                if strict && rejected > 0 {
                    print("error: \(rejected) records were rejected (--strict)", to: &stderr)
                    throw ExitCode(1)
                }
            } catch let e as ExitCode {
                throw e
            } catch {
                throw report(error)
            }
        }
    }
}

/// When most lines of an input were rejected as invalid UTF-8, the input is most likely in
/// another encoding (Japanese wikis and old dumps: Shift_JIS, EUC-JP): say so, and how to
/// convert it, instead of leaving the user with a rejects file of base64.
func encodingHint(_ i: RunStats.Input) -> String? {
    let invalid = i.rejectedByReason["invalid_utf8"] ?? 0
    guard invalid > 0, invalid * 2 >= i.recordsRead else { return nil }
    let file = i.input == "-" ? "FILE" : i.input
    return "hint: \(invalid) of \(i.recordsRead) lines of \(i.input) are not valid UTF-8; if it is Shift_JIS or EUC-JP "
        + "(as older Japanese wikis write), convert it first: iconv -f CP932 -t UTF-8 \(file) > converted.txt "
        + "(or -f EUC-JP; nkf -w guesses which)"
}

/// On SIGINT or SIGTERM, remove temporary output files and exit: no partial file is ever
/// left under a final name (final names appear only by rename at the end).
func installSignalCleanup() {
    var handled = sigset_t()
    sigemptyset(&handled)
    for sig in [SIGINT, SIGTERM] {
        signal(sig) { s in
            AtomicOutputFile.removeAllTemporaryFiles()
            _exit(128 + s)
        }
        sigaddset(&handled, sig)
    }
    // A blocked signal mask is inherited across exec: a parent that starts us from a thread
    // that blocks signals (a Dispatch worker, e.g. Foundation's Process in a Swift test) would
    // leave SIGINT and SIGTERM pending for good, and the run would go on to the end and
    // write its files. Unblock them on this thread (the workers block them).
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
}

/// The progress line: bytes done of total, documents per second, ETA.
enum ProgressLine {
    static func make(started: Date) -> (String, Int, Int?, Int) -> Void {
        // Batches come many times a second: the line is redrawn at most ten times a second
        // (and once more at the end of each input).
        var lastDrawn = Date.distantPast
        return { input, done, total, docs in
            var stderr = StandardError()
            let now = Date()
            guard now.timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
            lastDrawn = now
            let elapsed = max(now.timeIntervalSince(started), 1e-3)
            let mb = Double(done) / 1e6
            var line = String(format: "\r\u{1B}[K%@: %.1f MB", input, mb)
            if let total, total > 0 {
                let fraction = Double(done) / Double(total)
                let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
                line += String(format: " of %.1f MB (%.0f%%), ETA %.0f s", Double(total) / 1e6, fraction * 100, eta)
            }
            line += String(format: ", %.0f docs/s", Double(docs) / elapsed)
            print(line, terminator: "", to: &stderr)
        }
    }
}
