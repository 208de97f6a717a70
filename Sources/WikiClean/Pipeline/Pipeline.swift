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
    /// Bytes of pages per batch that `run` reads and cleans as one unit (nil: 1 MiB).
    /// Output does not depend on it.
    public var batchBytes: Int?
    /// Pages that `run` takes through the stages together, stage by stage (see
    /// ``clean(_:keepDocuments:)``). Output does not depend on it.
    var pagesPerStageWindow = 32
    /// Whether `run` may start threads (reading, workers). Off, it does what it does when no
    /// thread can be made: each batch read, cleaned and written in turn on the calling thread.
    var startsThreads = true

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

    /// The reader for one input; `name` (default: the path) is how documents name it;
    /// `shard`, when given, is the part of the input it reads (see ``Shard``).
    public func makeReader(path: String, name: String? = nil, shard: Shard? = nil) throws(InputError) -> any DocumentReader {
        switch reader.format.resolved(for: path) {
        case .jsonl: return try JSONLinesReader(path: path, name: name, options: reader, shard: shard)
        default: return try PlainTextReader(path: path, name: name, options: reader, detector: pageStarts, shard: shard)
        }
    }

    // MARK: - One page

    /// The outcome of one page.
    public struct PageResult: Sendable {
        public var documents: [Document] = []
        public var rejections: [Rejection] = []
        /// Per stage: its context (what it removed and changed on this page).
        public var contexts: [StageContext]
        /// Raw lines of the page that fall in a written document's range.
        public var linesInDocuments = 0
        /// Raw lines of the page in no document.
        public var linesOutside = 0
    }

    /// Per-stage figures that the runner keeps per worker and adds up once per batch.
    public struct Tallies: Sendable {
        public var contexts: [StageContext]
        public var documentsIn: [Int]
        public var documentsOut: [Int]
        public var rejectedAt: [Int]

        init(stages: [any Stage], recordEvents: Bool) {
            contexts = stages.map { StageContext(stage: $0.identifier, recordsEvents: recordEvents) }
            documentsIn = Array(repeating: 0, count: stages.count)
            documentsOut = documentsIn
            rejectedAt = documentsIn
        }

        /// Runs `body` with stage `k`'s context and counts taken out of the tallies (swapped
        /// out, not copied: a copy's first change would copy the context's tables), and puts
        /// them back. One stage over a window of pages then reaches them in place, where each
        /// page's `contexts[k]`, `documentsIn[k]` and `documentsOut[k]` tested its array for
        /// uniqueness (a call each).
        @inline(__always)
        mutating func withStage<R>(_ k: Int, _ body: (inout StageContext, inout StageCounts) -> R) -> R {
            var context = StageContext(stage: "")
            swap(&context, &contexts[k])
            var counts = StageCounts()
            let r = body(&context, &counts)
            swap(&context, &contexts[k])
            documentsIn[k] += counts.documentsIn
            documentsOut[k] += counts.documentsOut
            rejectedAt[k] += counts.rejected
            return r
        }
    }

    /// One stage's counts over some pages, added to ``Tallies`` at the end.
    struct StageCounts {
        var documentsIn = 0
        var documentsOut = 0
        var rejected = 0
    }

    /// Runs every stage over one page (for `explain` and tests; `run` batches the bookkeeping).
    public func process(_ page: Document, recordEvents: Bool = false) -> PageResult {
        var tallies = Tallies(stages: stages, recordEvents: recordEvents)
        let (docs, rejections, inDocs, outside) = process(page, tallies: &tallies)
        return PageResult(documents: docs, rejections: rejections, contexts: tallies.contexts, linesInDocuments: inDocs, linesOutside: outside)
    }

    /// Runs every stage over one page, adding to `tallies`. Returns the documents, the
    /// rejections and the line accounting of the page.
    func process(_ page: Document, tallies: inout Tallies) -> ([Document], [Rejection], Int, Int) {
        var rejections: [Rejection] = []
        var docs = [page]
        for k in stages.indices {
            tallies.withStage(k) { context, counts in
                runStage(
                    stages[k], mayFail: stages[k].mayFail, on: &docs, of: page.blocks, rejections: &rejections, context: &context,
                    counts: &counts)
            }
        }
        let (inDocs, outside) = Self.lineAccounting(of: page, in: docs)
        return (docs, rejections, inDocs, outside)
    }

    /// Runs `stage` (taken from ``stages`` once by the caller: a copy of the existential per
    /// page retained and released it; `mayFail` is its ``Stage/mayFail``) over `docs`, the documents that the stages before it
    /// made of a page whose blocks (as read) are `pageBlocks`, with its context and adding to
    /// its counts (``Tallies/withStage(_:_:)``); a failure becomes a rejection of that
    /// document, in `rejections`. (The blocks, not the page: a `Document` passed here was
    /// copied for each call, its eight fields retained and released.)
    @inline(__always)
    func runStage(
        _ stage: any Stage, mayFail: Bool, on docs: inout [Document], of pageBlocks: @autoclosure () -> [Block],
        rejections: inout [Rejection], context: inout StageContext, counts: inout StageCounts
    ) {
        /// Records that the stage failed on the document from `source`.
        func reject(_ source: SourceLocation, _ error: any Error) {
            // The document went to the stage: the page's own lines in its range stand for it.
            let inRange = pageBlocks().filter { b in
                guard let l = b.line else { return false }
                return (source.lineStart.map { l >= $0 } ?? true) && (source.lineEnd.map { l <= $0 } ?? true)
            }
            counts.rejected += 1
            let raw = Array(inRange.map(\.text).joined(separator: "\n").utf8.prefix(ByteLineReader.keptBytes))
            let lines = Set(inRange.compactMap(\.line))
            rejections.append(
                Rejection(
                    reason: .stageFailed, message: "stage \(stage.identifier) failed: \(error)", input: source.input,
                    line: source.lineStart, record: source.record, raw: raw, rawTruncated: true,
                    lineCount: lines.count))
            for l in lines { context.recordLineOutside(rule: "stage_failed", line: l) }
        }
        if docs.count == 1 {
            // One document (every stage before detect-boundaries): changed in place by a stage
            // that hands on one document (no array made or freed), else replaced by the
            // stage's array.
            counts.documentsIn += 1
            @inline(__always)
            func apply() throws {
                if let out = try stage.apply(inPlace: &docs[0], context: &context) { docs = out }
                counts.documentsOut += docs.count
            }
            // The source a rejection names, copied before the stage runs (a throw leaves the
            // document moved out) only when the stage may fail: copied for every stage, it was
            // an outlined copy and destroy per page and stage (its string retained, released),
            // and held as an optional, a generic destroy of the nil.
            if mayFail {
                let source = docs[0].source
                do { try apply() } catch {
                    docs.removeAll()
                    reject(source, error)
                }
            } else {
                // An ``InfallibleStage`` (``Stage/mayFail`` is told from the type): its `apply`
                // forms are compiled without `throws`.
                try! apply()
            }
            return
        }
        var next: [Document] = []
        next.reserveCapacity(docs.count)
        // Each document is moved to the stage, not copied: a stage that changes a block then
        // changes the only copy of the blocks array, instead of copying the array (every
        // block's strings retained) while `docs` still holds the old one.
        docs.reverse()
        while let doc = docs.popLast() {
            counts.documentsIn += 1
            let source = doc.source
            do {
                var out = try stage.apply(to: consume doc, context: &context)
                counts.documentsOut += out.count
                if out.count == 1 { next.append(out.removeLast()) } else { next.append(contentsOf: out) }
            } catch {
                reject(source, error)
            }
        }
        docs = next
    }

    /// How many distinct raw lines of `page` fall in a document's range, and how many in none.
    /// Blocks of a page come in line order and so, nearly always, do the documents' ranges:
    /// then one walk over both answers, with no array of lines, no sort and no search.
    static func lineAccounting(of page: Document, in docs: [Document]) -> (Int, Int) {
        lineAccounting(ofBlocks: page.blocks, in: docs)
    }

    /// ``lineAccounting(of:in:)`` of a page whose blocks are `blocks`.
    static func lineAccounting(ofBlocks blocks: [Block], in docs: [Document]) -> (Int, Int) {
        blocks.compactMap(\.line).withUnsafeBufferPointer { lineAccounting(ofLines: $0, in: docs) }
    }

    /// ``lineAccounting(of:in:)`` of a page whose blocks' raw lines (those that have one) are
    /// `blocks`, in block order.
    static func lineAccounting(ofLines blocks: UnsafeBufferPointer<Int>, in docs: [Document]) -> (Int, Int) {
        var linesSorted = true
        var previous: Int?
        for l in blocks {
            if let p = previous, p > l {
                linesSorted = false
                break
            }
            previous = l
        }
        var inDocs = 0
        var outside = 0
        if linesSorted && LineRangeWalk.rangesInOrder(docs) {
            var walk = LineRangeWalk()
            previous = nil
            for l in blocks where l != previous {
                previous = l
                if walk.reaches(l, in: docs) { inDocs += 1 } else { outside += 1 }
            }
            return (inDocs, outside)
        }
        var ranges: [ClosedRange<Int>] = []
        ranges.reserveCapacity(docs.count)
        for d in docs {
            guard let a = d.source.lineStart, let b = d.source.lineEnd, a <= b else { continue }
            ranges.append(a...b)
        }
        let lineRanges = LineRanges(ranges)
        var lines = Array(blocks)
        lines.sort()
        previous = nil
        for l in lines where l != previous {
            previous = l
            if lineRanges.contains(l) { inDocs += 1 } else { outside += 1 }
        }
        return (inDocs, outside)
    }

    // MARK: - A whole input

    /// Where results go, in input order.
    public struct Sinks {
        /// Called per document with the document and its JSON line (newline included).
        public var document: ((Document, UnsafeBufferPointer<UInt8>) throws -> Void)?
        /// Called instead of ``document``, per batch of pages, with the JSON lines of all their
        /// documents in order (for a writer that needs only the bytes: the workers then free
        /// each document as soon as it is encoded, instead of handing it to the writing thread).
        public var lines: ((UnsafeBufferPointer<UInt8>) throws -> Void)?
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

        public init(
            lines: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void, rejection: @escaping (Rejection) throws -> Void,
            progress: ((Int, Int?, Int) -> Void)? = nil
        ) {
            self.lines = lines
            self.rejection = rejection
            self.progress = progress
        }
    }

    /// Why a run stopped.
    public struct RunError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Streams one input through the pipeline with `jobs` workers. The input is read in
    /// batches of pages: a reading thread keeps batches coming, `jobs` workers each clean
    /// whole batches as they come, and this thread writes the results strictly in input order
    /// (at most a few batches wait, so memory stays bounded). With one job, reading and
    /// writing still run beside the one worker, so the cleaning never waits for the disk.
    /// When no thread can be made, each batch is read, cleaned and written in turn here.
    /// Output and stats are the same for every `jobs`.
    /// - Throws: ``InputError`` when the input cannot be read; errors from the sinks.
    public func run(path: String, name: String? = nil, shard: Shard? = nil, jobs: Int, stats: inout RunStats, sinks: Sinks) throws -> RunStats.Input {
        let opened = try makeReader(path: path, name: name, shard: shard)
        var input = RunStats.Input(input: name ?? path, format: opened.format)
        input.shard = shard
        let jobs = max(1, jobs)
        let batches = BatchPrefetcher(reader: opened, byteLimit: max(1, batchBytes ?? 1 << 20))
        var documentsWritten = 0
        let keepDocuments = sinks.lines == nil

        func write(_ out: BatchOutput) throws {
            let bytes = out.bytes.buffer.bytes
            // The pages' lines are one piece in the batch's buffer (rejections go to a file of
            // their own, so their order with the lines does not matter).
            if let lines = sinks.lines, bytes.count > 0 { try lines(bytes) }
            for item in out.items {
                switch item {
                case .rejected(let r):
                    input.rejectedByReason[r.reason.rawValue, default: 0] += 1
                    try sinks.rejection(r)
                case .page(let r):
                    if sinks.lines == nil, let document = sinks.document {
                        var from = r.start
                        for (d, to) in zip(r.documents, r.offsets) {
                            try document(d, UnsafeBufferPointer(rebasing: bytes[from..<to]))
                            from = to
                        }
                    }
                    for rej in r.rejections {
                        input.rejectedByReason[rej.reason.rawValue, default: 0] += 1
                        try sinks.rejection(rej)
                    }
                    documentsWritten += r.documentCount
                    stats.documentsWritten += r.documentCount
                    r.kindCounts.forEachNonZero { kind, n in stats.documentsByKind[kind.rawValue, default: 0] += n }
                    input.linesInDocuments += r.linesInDocuments
                    if r.unattributed != 0 {
                        // Lines no stage claimed, or claimed twice: keep the books exact.
                        input.linesOutsideDocuments["unattributed", default: 0] += r.unattributed
                    }
                }
            }
            let t = out.tallies
            for k in stages.indices {
                stats.stages[k].documentsIn += t.documentsIn[k]
                stats.stages[k].documentsOut += t.documentsOut[k]
                stats.stages[k].rejected += t.rejectedAt[k]
                let c = t.contexts[k]
                for (rule, tally) in c.removed { stats.stages[k].removed[rule, default: .init()].add(tally) }
                for (rule, tally) in c.changed { stats.stages[k].changed[rule, default: .init()].add(tally) }
                for (rule, n) in c.linesOutside { input.linesOutsideDocuments[rule, default: 0] += n }
            }
            sinks.progress?(out.progress.done, out.progress.total, documentsWritten)
        }

        if startsThreads { batches.start() }
        let ordered = OrderedBatches(window: jobs + 1)
        let pipeline = self
        let workers = WorkerThreads(count: startsThreads ? jobs : 0) {
            while let (seq, read) = ordered.take(from: batches) {
                switch consume read {
                case .success(let batch): ordered.put(seq, .success(pipeline.clean(batch, keepDocuments: keepDocuments)))
                case .failure(let error): ordered.put(seq, .failure(error))
                }
            }
        }
        defer {
            ordered.cancel()
            workers.join()
            _ = batches.finish()
        }
        var done = false
        if workers.isEmpty {
            // No worker thread could be made: clean here, batch by batch.
            while !done {
                let read = try batches.next()
                done = read.isLast
                try write(clean(consume read, keepDocuments: keepDocuments))
            }
        }
        var seq = 0
        while !done {
            let out = try ordered.result(seq).get()
            done = out.isLast
            try write(out)
            seq += 1
        }
        let reader = batches.finish()
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

extension Pipeline {
    /// Cleans one batch: every page through every stage, encoded as JSON Lines.
    /// Cleans one batch. Without `keepDocuments`, only the documents' JSON lines and kinds are
    /// kept: the documents are freed here, on the worker that made them.
    func clean(_ batch: consuming ReaderBatch, keepDocuments: Bool = true) -> BatchOutput {
        var tallies = Tallies(stages: stages, recordEvents: false)
        var items: [BatchOutput.Item] = []
        items.reserveCapacity(batch.items.count)
        // The pages are moved out of the batch, one at a time, into the window: the batch
        // holding them too, a page's blocks were shared, and the first stage to change them
        // in place copied their array (each block's strings retained, and released again).
        var read = batch.items
        batch.items = []
        read.reverse()
        // One buffer for the JSON lines of every page, in order: the writer takes them in one
        // piece. Documents take about twice their pages' text (`text` and `sections`); more
        // is a `realloc`.
        var bytes = ByteBuffer(capacity: batch.bytes * 5 / 2 + 512 * batch.items.count + 4096)
        // Pages go through the stages a window at a time, stage by stage: each stage's code
        // then runs over several pages in a row and stays in the instruction cache, where one
        // page through all the stages evicts each stage's code before its next page. Each
        // stage still sees the pages in input order, so its tallies are the same. On the 4 MB
        // benchmark slice (`cachegrind --cache-sim=yes --branch-sim=yes`, one job), windows
        // of 1 → 32 pages: L1 instruction misses 3.50 M → 3.08 M, mispredicted branches
        // 5.61 M → 4.87 M, L1 data misses 3.90 M → 4.04 M, instructions +0.4%.
        let size = max(1, pagesPerStageWindow)
        var window = StageWindow(capacity: size, stagesMayFail: stages.map(\.mayFail))
        while let item = read.popLast() {
            switch consume item {
            case .rejected(let r):
                flush(&window, bytes: &bytes, items: &items, tallies: &tallies, keepDocuments: keepDocuments)
                items.append(.rejected(r))
            case .page(let page):
                window.add(page)
                if window.count == size {
                    flush(&window, bytes: &bytes, items: &items, tallies: &tallies, keepDocuments: keepDocuments)
                }
            }
        }
        flush(&window, bytes: &bytes, items: &items, tallies: &tallies, keepDocuments: keepDocuments)
        return BatchOutput(items: items, bytes: OutputBytes(bytes), tallies: tallies, progress: batch.progress, isLast: batch.isLast)
    }
}

extension Pipeline {
    /// The pages that ``clean(_:keepDocuments:)`` takes through the stages together. Per page:
    /// the raw lines of its blocks as read (what the line accounting needs of it), the
    /// documents the stages have made of it so far, its rejections, and how many of its lines
    /// the stages recorded as removed; and its blocks as read, which a rejection quotes, only
    /// when a stage may fail (``keepsBlocks``). Kept, they share their array with the page's
    /// document, and the first stage that changes a block copies the array (every block's
    /// strings retained, then released); with no stage that ``Stage/mayFail``, the page's
    /// blocks are changed in place.
    struct StageWindow {
        /// Per page, its blocks as read (empty unless ``keepsBlocks``).
        var pageBlocks: [[Block]] = []
        /// Per page, its documents: the first ``count`` arrays. The arrays are kept from window
        /// to window, emptied (``removeAll(keepingDocuments:)``), so that a page's array is
        /// nearly always one with room already (one allocated and freed per page before).
        var docs: [[Document]] = []
        /// The pages in the window.
        private(set) var count = 0
        var rejections: [[Rejection]] = []
        var attributed: [Int] = []
        /// The raw lines of the pages' blocks as read (those that have one), page after page;
        /// page `w`'s end at `lineEnds[w]`. One array for the window, kept across windows.
        var lines: [Int] = []
        var lineEnds: [Int] = []
        /// Per stage, its ``Stage/mayFail`` (a dynamic cast, asked once per batch).
        let stagesMayFail: [Bool]
        let keepsBlocks: Bool

        init(capacity: Int, stagesMayFail: [Bool]) {
            self.stagesMayFail = stagesMayFail
            keepsBlocks = stagesMayFail.contains(true)
            pageBlocks.reserveCapacity(capacity)
            docs.reserveCapacity(capacity)
            rejections.reserveCapacity(capacity)
            attributed.reserveCapacity(capacity)
            lineEnds.reserveCapacity(capacity)
            // Room for pages of some 16 lines: the array is kept across windows.
            lines.reserveCapacity(16 * capacity)
        }

        mutating func add(_ page: consuming Document) {
            // Room for every block's line made in one step, filled through a pointer and cut
            // back to the lines there are: appended one by one, each line tested the array
            // for uniqueness (a call) and its capacity.
            page.blocks.withUnsafeBufferPointer { blocks in
                let start = lines.count
                lines.append(contentsOf: repeatElement(0, count: blocks.count))
                let end = lines.withUnsafeMutableBufferPointer { out in
                    var m = start
                    for i in blocks.indices {
                        if let l = blocks[i].line {
                            out[m] = l
                            m += 1
                        }
                    }
                    return m
                }
                lines.removeLast(lines.count - end)
            }
            lineEnds.append(lines.count)
            pageBlocks.append(keepsBlocks ? page.blocks : [])
            if count < docs.count { docs[count].append(page) } else { docs.append([page]) }
            count += 1
            rejections.append([])
            attributed.append(0)
        }

        /// Runs `body` with the pages' documents, rejections and attributed lines in place, and
        /// their blocks as read.
        @inline(__always)
        mutating func withPages(
            _ body: (
                UnsafeMutableBufferPointer<[Document]>, UnsafeMutableBufferPointer<[Rejection]>, UnsafeMutableBufferPointer<Int>,
                UnsafeBufferPointer<[Block]>
            ) -> Void
        ) {
            let count = self.count
            pageBlocks.withUnsafeBufferPointer { blocks in
                docs.withUnsafeMutableBufferPointer { all in
                    let docs = UnsafeMutableBufferPointer(rebasing: all[0..<count])
                    rejections.withUnsafeMutableBufferPointer { rejections in
                        attributed.withUnsafeMutableBufferPointer { body(docs, rejections, $0, blocks) }
                    }
                }
            }
        }

        /// ``Pipeline/lineAccounting(of:in:)`` of page `w` (from the raw lines of its blocks as
        /// read). A method of the window: called with a closure that read `window.docs[w]`, it
        /// copied the window (its arrays retained, then released) once a page.
        func lineAccounting(of w: Int) -> (Int, Int) {
            let start = w == 0 ? 0 : lineEnds[w - 1]
            return lines.withUnsafeBufferPointer {
                Pipeline.lineAccounting(ofLines: UnsafeBufferPointer(rebasing: $0[start..<lineEnds[w]]), in: docs[w])
            }
        }

        /// Empties the window. `keepingDocuments`: the pages' documents were handed on (their
        /// arrays are shared), so their arrays are let go rather than emptied in place.
        mutating func removeAll(keepingDocuments: Bool) {
            pageBlocks.removeAll(keepingCapacity: true)
            for w in 0..<count {
                if keepingDocuments { docs[w] = [] } else { docs[w].removeAll(keepingCapacity: true) }
            }
            count = 0
            rejections.removeAll(keepingCapacity: true)
            attributed.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)
            lineEnds.removeAll(keepingCapacity: true)
        }
    }

    /// Runs every stage over the window's pages, stage by stage, then encodes their documents
    /// in page order into `bytes` and `items`, and empties the window.
    func flush(
        _ window: inout StageWindow, bytes: inout ByteBuffer, items: inout [BatchOutput.Item], tallies: inout Tallies, keepDocuments: Bool
    ) {
        guard window.count > 0 else { return }
        for k in stages.indices {
            let stage = stages[k]
            let mayFail = window.stagesMayFail[k]
            // The window's arrays reached through pointers for the stage's pass, and the
            // stage's context and counts taken out of the tallies: indexed per page, each
            // tested its array for uniqueness (a call), some six per page and stage.
            tallies.withStage(k) { context, counts in
                window.withPages { docs, rejections, attributed, pageBlocks in
                    for w in docs.indices {
                        let before = context.linesOutsideTotal
                        runStage(
                            stage, mayFail: mayFail, on: &docs[w], of: pageBlocks[w], rejections: &rejections[w], context: &context,
                            counts: &counts)
                        attributed[w] += context.linesOutsideTotal - before
                    }
                }
            }
        }
        for w in 0..<window.count {
            let (inDocs, outside) = window.lineAccounting(of: w)
            let start = bytes.count
            // Each document's end only for a writer that is handed the documents one by one:
            // else no array per page (made, grown and freed for every page).
            var offsets: [Int] = []
            if keepDocuments { offsets.reserveCapacity(window.docs[w].count) }
            var kindCounts = PageOutput.KindCounts()
            // The page's documents reached through a pointer: `window.docs[w][k]` tested both
            // arrays for uniqueness (two calls) and copied the document's kind out, per document.
            window.docs[w].withUnsafeMutableBufferPointer { docs in
                for k in docs.indices {
                    // In place (``Document/appendJSONInPlace(to:)``): read for the call, each
                    // document was copied, its fields retained and then released.
                    docs[k].appendJSONInPlace(to: &bytes)
                    bytes.append(0x0A)
                    if keepDocuments { offsets.append(bytes.count) }
                    kindCounts.add(docs[k].kind)
                }
            }
            items.append(
                .page(
                    PageOutput(
                        documents: keepDocuments ? window.docs[w] : [], kindCounts: kindCounts, rejections: window.rejections[w],
                        start: start, end: bytes.count, offsets: offsets, linesInDocuments: inDocs,
                        unattributed: outside - window.attributed[w])))
        }
        window.removeAll(keepingDocuments: keepDocuments)
    }
}

/// A cleaned batch, in input order, with the stage tallies of its pages.
struct BatchOutput: Sendable {
    enum Item: Sendable {
        case page(PageOutput)
        case rejected(Rejection)
    }
    var items: [Item]
    /// The JSON lines of all its pages, in order (each page's ``PageOutput/start`` and
    /// ``PageOutput/offsets`` are offsets in it).
    var bytes: OutputBytes
    var tallies: Pipeline.Tallies
    var progress: (done: Int, total: Int?)
    var isLast: Bool
}

/// Hands batches to workers in input order, numbering them, and collects the cleaned
/// batches for the writer, which takes them by number. A worker waits before taking a
/// batch that is more than `window` ahead of the writer.
final class OrderedBatches: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    private var nextSeq = 0
    private var exhausted = false
    private var cancelled = false
    private var writerAt = 0
    private let window: Int
    private var done: [Int: Result<BatchOutput, InputError>] = [:]

    init(window: Int) {
        self.window = max(1, window)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// The next batch and its number, or nil when the input is done or the run stopped.
    func take(from source: BatchPrefetcher) -> (Int, Result<ReaderBatch, InputError>)? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while !cancelled && !exhausted && nextSeq >= writerAt + window { pthread_cond_wait(&changed, &mutex) }
        if cancelled || exhausted { return nil }
        // Reading from the prefetcher under the lock keeps numbers in input order.
        let read: Result<ReaderBatch, InputError>
        do throws(InputError) { read = .success(try source.next()) } catch { read = .failure(error) }
        switch read {
        case .failure: exhausted = true
        case .success(let b): if b.isLast { exhausted = true }
        }
        let seq = nextSeq
        nextSeq += 1
        return (seq, read)
    }

    func put(_ seq: Int, _ result: Result<BatchOutput, InputError>) {
        pthread_mutex_lock(&mutex)
        done[seq] = result
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }

    /// Waits for batch `seq` and hands it to the writer.
    func result(_ seq: Int) -> Result<BatchOutput, InputError> {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while done[seq] == nil { pthread_cond_wait(&changed, &mutex) }
        writerAt = seq + 1
        pthread_cond_broadcast(&changed)
        return done.removeValue(forKey: seq)!
    }

    /// Stops handing out batches (the writer stopped).
    func cancel() {
        pthread_mutex_lock(&mutex)
        cancelled = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }
}

/// Threads running the same body, joined together.
final class WorkerThreads: @unchecked Sendable {
    private var threads: [pthread_t] = []

    /// Starts `count` threads running `body`, or as many as can be made (none: see ``isEmpty``).
    init(count: Int, body: @escaping @Sendable () -> Void) {
        for _ in 0..<count {
            if let t = startThread(body) { threads.append(t) }
        }
    }

    /// No thread could be made: the caller does the work itself (running `body` here would
    /// wait for a writer that is this very thread, once a window of batches is taken).
    var isEmpty: Bool { threads.isEmpty }

    func join() {
        for t in threads { pthread_join(t, nil) }
        threads = []
    }
}

/// What a worker made of one page, kept until it is written in input order.
struct PageOutput: Sendable {
    /// The documents (empty when the writer needs only their bytes).
    var documents: [Document]
    /// Documents by kind.
    var kindCounts: KindCounts
    var rejections: [Rejection]
    /// Where the page's JSON lines start and end in the batch's bytes.
    var start: Int
    var end: Int
    /// Where each document's JSON line (newline included) ends in the batch's bytes; empty
    /// when the documents are not kept (``documents``).
    var offsets: [Int]
    /// How many documents the page gave.
    var documentCount: Int { kindCounts.page + kindCounts.article + kindCounts.fragment }
    var linesInDocuments: Int
    var unattributed: Int

    /// Documents by kind (no array per page).
    struct KindCounts: Sendable {
        var page = 0
        var article = 0
        var fragment = 0

        mutating func add(_ kind: Document.Kind) {
            switch kind {
            case .page: page += 1
            case .article: article += 1
            case .fragment: fragment += 1
            }
        }

        /// Calls `body` with each kind that has documents and its count, in the order of
        /// `Document.Kind.allCases`.
        func forEachNonZero(_ body: (Document.Kind, Int) -> Void) {
            if page > 0 { body(.page, page) }
            if article > 0 { body(.article, article) }
            if fragment > 0 { body(.fragment, fragment) }
        }
    }
}

/// The JSON lines of a cleaned batch: one buffer, handed from the worker that wrote it to
/// the writing thread, freed with the batch.
final class OutputBytes: @unchecked Sendable {
    let buffer: ByteBuffer
    init(_ buffer: consuming ByteBuffer) { self.buffer = buffer }
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
/// The documents' line ranges walked alongside lines that come in increasing order, when the
/// ranges come by their first line (nearly every page: the stages make documents in line
/// order): the ranges that start at or before a line only grow, and the line is in one of them
/// when the farthest end among them reaches it. One walk over both, with no array of ranges,
/// no sort and no search (else: ``LineRanges``).
struct LineRangeWalk {
    private var next = 0
    private var reach = Int.min

    /// Whether the documents' ranges (those with both ends, in order) start by their first line.
    static func rangesInOrder(_ docs: [Document]) -> Bool {
        var previous = Int.min
        for k in docs.indices {
            guard let a = docs[k].source.lineStart, let b = docs[k].source.lineEnd, a <= b else { continue }
            guard a >= previous else { return false }
            previous = a
        }
        return true
    }

    /// Whether a range of `docs` holds `line`, no smaller than the lines asked before (the
    /// same `docs` each time, their ranges in order: ``rangesInOrder(_:)``).
    mutating func reaches(_ line: Int, in docs: [Document]) -> Bool {
        while next < docs.count {
            if let a = docs[next].source.lineStart, let b = docs[next].source.lineEnd, a <= b {
                guard a <= line else { break }
                reach = max(reach, b)
            }
            next += 1
        }
        return line <= reach
    }
}

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
