import Dispatch

/// Stages in order, with the reader settings: what `wikiclean run` executes.
///
/// The runner does the bookkeeping, not the stages: it counts documents in and out of each
/// stage, turns a stage failure into a rejection of that page, checks that every raw line
/// is accounted for, and writes results in input order whatever the number of jobs.
public struct Pipeline: Sendable {
    public var stages: [any Stage]
    public var reader: ReaderOptions
    /// Where a plain-text dump is cut into pages.
    public var pageStarts: PageStartDetector

    public init(stages: [any Stage], reader: ReaderOptions = ReaderOptions(), pageStarts: PageStartDetector? = nil) {
        self.stages = stages
        self.reader = reader
        if let pageStarts {
            self.pageStarts = pageStarts
        } else if let strip = stages.lazy.compactMap({ $0 as? StripSiteChrome }).first {
            self.pageStarts = PageStartDetector(rules: strip.rules)
        } else {
            self.pageStarts = .none
        }
    }

    /// Builds a pipeline from a spec; every option and rules file is checked here, before
    /// any input is read.
    public init(spec: PipelineSpec) throws(ConfigError) {
        self.init(stages: try spec.makeStages(), reader: spec.reader)
    }

    /// The reader for one input; `name` (default: the path) is how documents name it.
    public func makeReader(path: String, name: String? = nil) throws(InputError) -> any DocumentReader {
        switch reader.format.resolved(for: path) {
        case .jsonl: return try JSONLinesReader(path: path, name: name, options: reader)
        default: return try PlainTextReader(path: path, name: name, options: reader, detector: pageStarts)
        }
    }

    // MARK: - One page

    /// The outcome of one page.
    public struct PageResult: Sendable {
        public var documents: [Document] = []
        public var rejections: [Rejection] = []
        /// Per stage: its context, documents in and out.
        public var contexts: [StageContext]
        public var documentsIn: [Int]
        public var documentsOut: [Int]
        public var rejectedAt: [Int]
        /// Raw lines of the page that fall in a written document's range.
        public var linesInDocuments = 0
        /// Raw lines of the page in no document.
        public var linesOutside = 0
    }

    /// Runs every stage over one page.
    public func process(_ page: Document, recordEvents: Bool = false) -> PageResult {
        var result = PageResult(
            contexts: stages.map { StageContext(stage: $0.identifier, recordsEvents: recordEvents) },
            documentsIn: Array(repeating: 0, count: stages.count), documentsOut: Array(repeating: 0, count: stages.count),
            rejectedAt: Array(repeating: 0, count: stages.count))
        let pageLines = page.blocks.compactMap(\.line)
        var docs = [page]
        for (k, stage) in stages.enumerated() {
            var next: [Document] = []
            next.reserveCapacity(docs.count)
            for doc in docs {
                result.documentsIn[k] += 1
                do {
                    let out = try stage.apply(to: doc, context: &result.contexts[k])
                    result.documentsOut[k] += out.count
                    next.append(contentsOf: out)
                } catch {
                    result.rejectedAt[k] += 1
                    let raw = Array(doc.blocks.map(\.text).joined(separator: "\n").utf8.prefix(ByteLineReader.keptBytes))
                    result.rejections.append(
                        Rejection(
                            reason: .stageFailed, message: "stage \(stage.identifier) failed: \(error)", input: doc.source.input,
                            line: doc.source.lineStart, record: doc.source.record, raw: raw, rawTruncated: true,
                            lineCount: Set(doc.blocks.compactMap(\.line)).count))
                    for l in Set(doc.blocks.compactMap(\.line)) { result.contexts[k].recordLineOutside(rule: "stage_failed", line: l) }
                }
            }
            docs = next
        }
        result.documents = docs
        // Line accounting: which of the page's lines fall in a document's range.
        let ranges = LineRanges(docs.compactMap { d -> ClosedRange<Int>? in
            guard let a = d.source.lineStart, let b = d.source.lineEnd, a <= b else { return nil }
            return a...b
        })
        for l in Set(pageLines) {
            if ranges.contains(l) { result.linesInDocuments += 1 } else { result.linesOutside += 1 }
        }
        return result
    }

    // MARK: - A whole input

    /// Where results go, in input order.
    public struct Sinks {
        public var document: (Document, UnsafeBufferPointer<UInt8>) throws -> Void
        public var rejection: (Rejection) throws -> Void
        public var progress: ((_ done: Int, _ total: Int?, _ documents: Int) -> Void)?
        public init(
            document: @escaping (Document, UnsafeBufferPointer<UInt8>) throws -> Void, rejection: @escaping (Rejection) throws -> Void,
            progress: ((Int, Int?, Int) -> Void)? = nil
        ) {
            self.document = document
            self.rejection = rejection
            self.progress = progress
        }
    }

    /// Why a run stopped.
    public struct RunError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Streams one input through the pipeline with `jobs` workers. Pages are read in
    /// batches; the pages of a batch are cleaned in parallel and written in input order,
    /// so the output is the same for every `jobs`.
    /// - Throws: ``InputError`` when the input cannot be read; errors from the sinks.
    public func run(path: String, name: String? = nil, jobs: Int, stats: inout RunStats, sinks: Sinks) throws -> RunStats.Input {
        var reader = try makeReader(path: path, name: name)
        var input = RunStats.Input(input: name ?? path, format: reader.format)
        let batchBytes = 4 << 20
        let jobs = max(1, jobs)
        var documentsWritten = 0
        var done = false
        while !done {
            var items: [ReaderItem] = []
            var size = 0
            while size < batchBytes && items.count < 4096 {
                guard let item = try reader.next() else { done = true; break }
                if case .page(let d) = item { size += d.blocks.reduce(0) { $0 + $1.text.utf8.count } + 64 }
                items.append(item)
            }
            let batch = items
            let pageIndices = items.indices.filter { if case .page = batch[$0] { return true } else { return false } }
            let results = ResultSlots(count: pageIndices.count)
            let work: @Sendable (Int) -> Void = { (w: Int) in
                var k = w
                while k < pageIndices.count {
                    guard case .page(let page) = batch[pageIndices[k]] else { k += jobs; continue }
                    let r = self.process(page)
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(page.blocks.reduce(0) { $0 + $1.text.utf8.count } * 2 + 256)
                    var offsets: [Int] = []
                    for d in r.documents {
                        d.appendJSON(to: &bytes)
                        bytes.append(0x0A)
                        offsets.append(bytes.count)
                    }
                    results.store(k, (r, bytes, offsets))
                    k += jobs
                }
            }
            if jobs == 1 || pageIndices.count < 2 {
                work(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: min(jobs, pageIndices.count), execute: work)
            }
            var p = 0
            for item in items {
                switch item {
                case .rejected(let r):
                    input.rejectedByReason[r.reason.rawValue, default: 0] += 1
                    try sinks.rejection(r)
                case .page:
                    let (r, bytes, offsets) = results.take(p)
                    p += 1
                    var from = 0
                    try bytes.withUnsafeBufferPointer { buf in
                        for (d, to) in zip(r.documents, offsets) {
                            try sinks.document(d, UnsafeBufferPointer(rebasing: buf[from..<to]))
                            from = to
                        }
                    }
                    for rej in r.rejections {
                        input.rejectedByReason[rej.reason.rawValue, default: 0] += 1
                        try sinks.rejection(rej)
                    }
                    documentsWritten += r.documents.count
                    stats.documentsWritten += r.documents.count
                    for d in r.documents { stats.documentsByKind[d.kind.rawValue, default: 0] += 1 }
                    input.linesInDocuments += r.linesInDocuments
                    for k in stages.indices {
                        stats.stages[k].documentsIn += r.documentsIn[k]
                        stats.stages[k].documentsOut += r.documentsOut[k]
                        stats.stages[k].rejected += r.rejectedAt[k]
                        let c = r.contexts[k]
                        for (rule, t) in c.removed { stats.stages[k].removed[rule, default: .init()].add(t) }
                        for (rule, t) in c.changed { stats.stages[k].changed[rule, default: .init()].add(t) }
                        for (rule, n) in c.linesOutside { input.linesOutsideDocuments[rule, default: 0] += n }
                    }
                    let attributed = r.contexts.reduce(0) { $0 + $1.linesOutside.values.reduce(0, +) }
                    if attributed != r.linesOutside {
                        // Lines no stage claimed, or claimed twice: keep the books exact.
                        input.linesOutsideDocuments["unattributed", default: 0] += r.linesOutside - attributed
                    }
                }
            }
            sinks.progress?(reader.progress.done, reader.progress.total, documentsWritten)
        }
        let a = reader.accounting
        input.bytes = reader.progress.done
        input.linesTotal = a.lines
        input.linesBlank = a.blankLines
        input.linesRejected = a.rejectedLines
        input.recordsRead = a.records
        input.recordsRejected = a.rejectedRecords
        input.pages = a.pages
        input.recordTextLines = a.recordTextLines
        input.recordTextBlankLines = a.recordTextBlankLines
        return input
    }
}

/// Result slots written by one worker each and read after the workers finish.
private final class ResultSlots: @unchecked Sendable {
    typealias Slot = (Pipeline.PageResult, [UInt8], [Int])
    private var slots: [Slot?]
    private let lock = NSLockLike()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ i: Int, _ value: Slot) {
        lock.locked { slots[i] = value }
    }
    func take(_ i: Int) -> Slot {
        lock.locked {
            let v = slots[i]!
            slots[i] = nil
            return v
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small pthread mutex (no Foundation on the hot path).
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}

extension DocumentReader {
    var format: String { self is JSONLinesReader ? "jsonl" : "text" }
}

/// Line ranges sorted for membership tests in O(log n) (a page can hold thousands of
/// documents).
struct LineRanges {
    private let starts: [Int]
    private let ends: [Int]

    init(_ ranges: [ClosedRange<Int>]) {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var starts: [Int] = []
        var ends: [Int] = []
        for r in sorted {
            if let last = ends.last, r.lowerBound <= last + 1 {
                ends[ends.count - 1] = max(last, r.upperBound)
            } else {
                starts.append(r.lowerBound)
                ends.append(r.upperBound)
            }
        }
        self.starts = starts
        self.ends = ends
    }

    func contains(_ line: Int) -> Bool {
        var lo = 0
        var hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= line { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && line <= ends[lo - 1]
    }
}
