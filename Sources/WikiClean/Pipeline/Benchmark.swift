import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Throughput measurements printed by `wikiclean bench`: the whole pipeline and each stage
/// alone, on a deterministic synthetic corpus or on a given file.
public enum Benchmark {
    /// One measured row.
    public struct Row: Sendable {
        public var name: String
        public var seconds: Double
        public var bytes: Int
        public var documents: Int
        /// With several rounds (``summarize(_:)``): `seconds` is the median round's time and this
        /// the fastest round's; nil for one round.
        public var fastest: Double? = nil
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
        public var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }
    }

    /// Writes a corpus of about `megabytes` MB built from `seedPath` (a dump of one page
    /// layout): the page repeated with its digits re-rolled by a fixed-seed generator, so
    /// the same arguments always give the same bytes.
    public static func makeCorpus(from seedPath: String, megabytes: Double, to path: String, seed: UInt64 = 20_260_601) throws {
        guard let data = FileManager.default.contents(atPath: seedPath) else {
            throw InputError(input: seedPath, message: "cannot read the seed dump for the benchmark corpus")
        }
        let page = [UInt8](data)
        var rng = SplitMix64(seed: seed)
        let target = Int(megabytes * 1e6)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw OutputError(path: path, message: "cannot create the benchmark corpus")
        }
        defer { try? handle.close() }
        var written = 0
        var buffer: [UInt8] = []
        buffer.reserveCapacity(page.count + 1)
        while written < target {
            buffer.removeAll(keepingCapacity: true)
            for b in page {
                if b >= 0x30 && b <= 0x39 && rng.next() % 4 == 0 {
                    buffer.append(0x30 + UInt8(rng.next() % 10))
                } else {
                    buffer.append(b)
                }
            }
            if buffer.last != 0x0A { buffer.append(0x0A) }
            handle.write(Data(buffer))
            written += buffer.count
        }
    }

    /// Runs the whole pipeline over `path` with `jobs` workers, writing nothing.
    public static func wholePipeline(_ pipeline: Pipeline, path: String, jobs: Int) throws -> Row {
        var stats = RunStats(stages: pipeline.stages.map(\.identifier))
        var documents = 0
        let start = Date()
        let input = try pipeline.run(
            path: path, jobs: jobs, stats: &stats, sinks: .init(document: { _, _ in documents += 1 }, rejection: { _ in }))
        return Row(name: "pipeline (--jobs \(jobs))", seconds: Date().timeIntervalSince(start), bytes: input.bytes, documents: documents)
    }

    /// Times each stage alone, on one thread: the pages are read first, each stage is fed
    /// the output of the ones before it, and only its own calls are timed.
    public static func stagesAlone(_ pipeline: Pipeline, path: String) throws -> [Row] {
        var reader = try pipeline.makeReader(path: path)
        var docs: [Document] = []
        let readStart = Date()
        while let item = try reader.next() {
            if case .page(let d) = item { docs.append(d) }
        }
        let bytes = reader.progress.done
        var rows = [Row(name: "read", seconds: Date().timeIntervalSince(readStart), bytes: bytes, documents: docs.count)]
        for stage in pipeline.stages {
            var next: [Document] = []
            next.reserveCapacity(docs.count)
            var context = StageContext(stage: stage.identifier)
            let start = Date()
            for d in docs { next.append(contentsOf: try stage.apply(to: d, context: &context)) }
            rows.append(Row(name: stage.identifier, seconds: Date().timeIntervalSince(start), bytes: bytes, documents: next.count))
            docs = next
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes * 2)
        let writeStart = Date()
        for d in docs {
            d.appendJSON(to: &out)
            out.append(0x0A)
        }
        rows.append(Row(name: "write (JSON)", seconds: Date().timeIntervalSince(writeStart), bytes: bytes, documents: docs.count))
        return rows
    }

    /// Normalizes `path` line by line, like the ICU C reference loop (`icu_nfkc nfkc FILE`),
    /// writing the lines to `/dev/null`.
    public static func normalizeLines(path: String, options: NormalizationOptions) throws -> Row {
        let reader = try ByteLineReader(path: path, limit: 1 << 30)
        let normalizer = Normalizer(options: options)
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        var lines = 0
        let start = Date()
        var scratch = Normalizer.Scratch()
        while let line = try reader.next() {
            lines += 1
            // Like the C loop: bytes in, bytes out. Invalid UTF-8 is passed through untouched.
            if UTF8Validation.isValid(line.bytes) {
                normalizer.normalize(utf8: line.bytes, appendingTo: &out, scratch: &scratch)
            } else {
                out.append(contentsOf: line.bytes)
            }
            out.append(0x0A)
            if out.count >= 1 << 20 {
                _ = out.withUnsafeBytes { write(devNull, $0.baseAddress, $0.count) }
                out.removeAll(keepingCapacity: true)
            }
        }
        _ = out.withUnsafeBytes { write(devNull, $0.baseAddress, $0.count) }
        return Row(name: "normalize lines", seconds: Date().timeIntervalSince(start), bytes: reader.bytesRead, documents: lines)
    }

    /// The allocator this process runs with: mimalloc and its version when the process links
    /// it (the `wikiclean` command does on Linux), else the C library's `malloc`.
    public static var allocator: String {
        #if canImport(Glibc)
            typealias Version = @convention(c) () -> Int32
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mi_version") {
                let v = unsafeBitCast(symbol, to: Version.self)()
                return "mimalloc \(v / 100).\(v / 10 % 10).\(v % 10)"
            }
        #endif
        return "the C library's malloc"
    }

    /// Peak resident memory of this process so far, in MiB.
    public static var peakMemoryMiB: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Rows measured in several rounds (each round's rows in the same order, as `wikiclean bench
    /// --rounds` measures them), one row each: the median round's seconds (of an even number,
    /// the mean of the middle two), and the fastest round's in ``Row/fastest``. A machine shared
    /// with other work slows some rounds down and none up, so the fastest tells more of what
    /// the code costs, and the gap between the two how noisy the machine was.
    public static func summarize(_ rounds: [[Row]]) -> [Row] {
        guard var rows = rounds.first, rounds.count > 1 else { return rounds.first ?? [] }
        for k in rows.indices {
            let times = rounds.map { $0[k].seconds }.sorted()
            let middle = times.count / 2
            rows[k].seconds = times.count % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2
            rows[k].fastest = times.first
        }
        return rows
    }

    /// A table of rows (with a column for the fastest round when the rows have one).
    public static func render(_ rows: [Row]) -> String {
        let rounds = rows.contains { $0.fastest != nil }
        var out = "stage                         seconds      MB/s      docs/s" + (rounds ? "     fastest\n" : "\n")
        for r in rows {
            out += r.name.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: "%11.3f %9.1f %11.0f", r.seconds, r.megabytesPerSecond, r.documentsPerSecond)
                + (r.fastest.map { String(format: " %11.3f", $0) } ?? "") + "\n"
        }
        return out
    }
}

/// A small, fast, fixed-seed random generator (SplitMix64) for deterministic corpora and
/// seeded tests: the same seed always gives the same sequence.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
