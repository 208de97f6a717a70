#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
internal import CICUShims

/// Normalizes Japanese text according to ``NormalizationOptions``.
///
/// Rules run in this order: controls → long-vowel → width → nfkc → hyphens → tilde → spaces →
/// repeat. With ``NormalizationOptions/neologdnCompatible`` (the `neologdn` profile), width,
/// hyphens, long-vowel=all, tilde and spaces=neologdn run as neologdn 0.5.6's single pass,
/// after controls and nfkc.
///
/// `\n` is a hard separator: every line is normalized on its own (so spaces are trimmed per
/// line and the `neologdn` profile equals neologdn applied to each line) and the newlines are
/// kept. Lines that no rule touches cost one scan of their UTF-8 bytes; a text that no rule
/// changes is returned as is, without a copy. ICU is called only for lines holding a character
/// that NFKC could change.
///
/// `Normalizer` is a value without shared mutable state; one instance may be used from many
/// threads at once.
///
/// ```swift
/// let normalizer = Normalizer(options: .wikiJa)
/// normalizer.normalize("ｶﾞｲﾄﾞ　ブック")   // "ガイドブック"
/// ```
public struct Normalizer: Sendable {
    /// The rules this normalizer applies.
    public let options: NormalizationOptions
    private var pipeline: RulePipeline

    /// The rule identifiers, in application order, as used in ``NormalizationStats`` and
    /// ``NormalizationChange``.
    public static let ruleIdentifiers = Rule.allCases.map(\.identifier)

    private static let ruleOrder = Dictionary(
        uniqueKeysWithValues: ruleIdentifiers.enumerated().map { ($1, $0) })

    /// Creates a normalizer.
    ///
    /// A failure to load ICU's NFKC data (which ships with libicu) is a fatal error when
    /// `options.nfkc` is on.
    public init(options: NormalizationOptions = .wikiJa) {
        self.options = options
        self.pipeline = RulePipeline(options: options)
        if pipeline.usesNFKC {
            precondition(
                ApplyNFKC.isAvailable, "ICU's NFKC normalizer is unavailable (is libicu installed?)")
        }
    }

    /// Starts loading ICU's NFKC tables on a background thread, so that a program can build
    /// its other parts meanwhile; the first ``init(options:)`` that needs them waits for them.
    /// Optional: without it, the first normalizer loads them itself (a few milliseconds).
    public static func prepareInBackground() {
        ApplyNFKC.prepareInBackground()
    }

    /// A normalizer whose steps run to the end of each line rather than stopping after their
    /// last trigger (for tests: the results must be the same).
    init(options: NormalizationOptions, boundsSteps: Bool) {
        self.init(options: options)
        pipeline.boundsSteps = boundsSteps
    }

    /// Returns the normalized text.
    public func normalize(_ text: String) -> String {
        var recorder: ChangeRecorder? = nil
        var scratch = Scratch()
        return run(text, recorder: &recorder, scratch: &scratch)
    }

    /// Returns the normalized text and adds what each rule changed to `stats`.
    public func normalize(_ text: String, stats: inout NormalizationStats) -> String {
        var recorder: ChangeRecorder? = ChangeRecorder(wantsChanges: false)
        var scratch = Scratch()
        let result = run(text, recorder: &recorder, scratch: &scratch)
        stats.merge(recorder!.stats)
        return result
    }

    /// Returns the normalized text and adds what each rule changed to `counter` (for many
    /// short texts: no per-text dictionaries).
    public func normalize(_ text: String, counter: inout NormalizationCounter) -> String {
        var scratch = Scratch()
        return run(text, recorder: &counter.recorder, scratch: &scratch)
    }

    /// Like ``normalize(_:counter:)``, reusing `scratch`'s buffers across calls: for a caller
    /// that normalizes many short texts in a row (no allocation per text but the result's).
    public func normalize(
        _ text: String, counter: inout NormalizationCounter, scratch: inout Scratch
    ) -> String {
        run(text, recorder: &counter.recorder, scratch: &scratch)
    }

    /// ``normalize(_:counter:scratch:)``, but nil when no rule changed the text: a caller that
    /// keeps the text it has then neither gets it back nor releases it again.
    public func normalizedIfChanged(
        _ text: String, counter: inout NormalizationCounter, scratch: inout Scratch
    ) -> String? {
        runIfChanged(text, recorder: &counter.recorder, scratch: &scratch)
    }

    /// ``normalizedIfChanged(_:counter:scratch:)`` of a text's UTF-8 bytes (valid UTF-8), for a
    /// caller that reads them in place: a block's text borrowed where it is stored, with no
    /// copy of the string (a retain and a release) for the quick check that most texts end with.
    public func normalizedIfChanged(
        utf8 bytes: UnsafeBufferPointer<UInt8>, counter: inout NormalizationCounter, scratch: inout Scratch
    ) -> String? {
        runIfChanged(utf8: bytes, recorder: &counter.recorder, scratch: &scratch)
    }

    /// Returns the normalized text and which rule changed which span (for `explain`).
    ///
    /// Changes are ordered by offset in the input, then by rule order.
    public func normalizeWithChanges(_ text: String) -> (
        text: String, changes: [NormalizationChange]
    ) {
        var recorder: ChangeRecorder? = ChangeRecorder(wantsChanges: true)
        var scratch = Scratch()
        let result = run(text, recorder: &recorder, scratch: &scratch)
        let order = Normalizer.ruleOrder
        let changes = recorder!.changes.enumerated().sorted {
            ($0.element.offset, order[$0.element.rule] ?? 0, $0.offset)
                < ($1.element.offset, order[$1.element.rule] ?? 0, $1.offset)
        }.map(\.element)
        return (result, changes)
    }

    /// Reusable buffers for ``normalize(utf8:appendingTo:scratch:)`` and
    /// ``normalize(_:counter:scratch:)``: a line's result and the step before it, one step's
    /// edits, and a changed multi-line text.
    public struct Scratch {
        var a: [UInt8] = []
        var b: [UInt8] = []
        var edits: [Edit] = []
        var out: [UInt8] = []
        /// After ``Normalizer/normalize(_:counter:scratch:)``: a UTF-8 offset before which the
        /// result equals the input (0 when unknown), for a caller comparing the two.
        public internal(set) var changedFrom = 0
        /// After ``Normalizer/normalize(_:counter:scratch:)``: false when no rule changed the
        /// text, which was returned as it is (the caller need not compare the two).
        public internal(set) var changed = false
        /// After ``Normalizer/normalizedIfChanged(utf8:counter:scratch:)`` of a text of one line
        /// that a rule changed: true when the result is certainly not canonically equivalent to
        /// the text (``Normalizer/certainlyNotCanonicallyEquivalent(_:_:from:)``, decided on the
        /// bytes at hand; false: not decided, compare the two). The `normalize` stage's test of a
        /// changed block then takes no second look at the two strings' storage (callgrind, 4 MB
        /// corpus: ~280 instructions a changed block, 0.92 M, with two views of contiguous
        /// storage and the closures around them).
        public internal(set) var certainlyChanged = false
        public init() {
            // Room for the edits of a line up front: one allocation per scratch (a caller makes
            // one per document), not a growth at 1, 2, 4, 8, 16 edits each time.
            edits.reserveCapacity(32)
        }
    }

    /// Runs `body` with this thread's ``Scratch``, which stays with the thread from one call to
    /// the next: a caller that normalizes a page's texts (the `normalize` stage) then neither
    /// makes a scratch for each page (its `edits` reserved, four arrays freed at the end) nor
    /// grows its buffers again, page after page (callgrind, 4 MB corpus: ~1 M instructions of
    /// 32 M in the stage went to the scratch made per page and its arrays' growth). A call
    /// made inside `body` on the same thread gets a scratch of its own.
    public static func withThreadScratch<R>(_ body: (inout Scratch) -> R) -> R {
        let slot = ThreadScratch.current()
        guard !slot.pointee.inUse else {
            var scratch = Scratch()
            return body(&scratch)
        }
        slot.pointee.inUse = true
        defer { slot.pointee.inUse = false }
        return body(&slot.pointee.scratch)
    }

    /// Normalizes UTF-8 bytes (valid UTF-8; `\n` separates lines) and appends the result to
    /// `out`, with no `String` in between: the loop of a byte-level caller such as a line
    /// filter. Reuses `scratch` across calls.
    public func normalize(
        utf8 bytes: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8], scratch: inout Scratch
    ) {
        if bytes.isEmpty || pipeline.isEmpty {
            out.append(contentsOf: bytes)
            return
        }
        var recorder: ChangeRecorder? = nil
        forEachLine(bytes, scanned: nil, a: &scratch.a, b: &scratch.b, edits: &scratch.edits, recorder: &recorder) { line, changed, normalized, _, _, isLast in
            if changed { out.append(contentsOf: normalized) } else { out.append(contentsOf: line) }
            if !isLast { out.append(0x0A) }
        }
    }

    // MARK: - Driver

    private func run(_ text: String, recorder: inout ChangeRecorder?, scratch: inout Scratch) -> String {
        runIfChanged(text, recorder: &recorder, scratch: &scratch) ?? text
    }

    /// ``run(_:recorder:scratch:)``, nil when no rule changed the text.
    private func runIfChanged(_ text: String, recorder: inout ChangeRecorder?, scratch: inout Scratch) -> String? {
        if let result = text.utf8.withContiguousStorageIfAvailable({
            runIfChanged(utf8: $0, recorder: &recorder, scratch: &scratch)
        }) {
            return result
        }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable({
            runIfChanged(utf8: $0, recorder: &recorder, scratch: &scratch)
        })!
    }

    /// ``runIfChanged(_:recorder:scratch:)`` of a text's UTF-8 bytes.
    private func runIfChanged(
        utf8 bytes: UnsafeBufferPointer<UInt8>, recorder: inout ChangeRecorder?, scratch: inout Scratch
    ) -> String? {
        scratch.changedFrom = 0
        scratch.changed = false
        scratch.certainlyChanged = false
        if bytes.isEmpty || pipeline.isEmpty { return nil }
        guard let result = process(bytes, recorder: &recorder, scratch: &scratch) else { return nil }
        scratch.changed = true
        return result
    }

    /// Runs the rules over each `\n`-separated line of `bytes` and calls `body` with the line,
    /// whether it changed, its normalized bytes (valid when changed), its start offset and
    /// whether it is the last line. The one loop behind every entry point. `first`: the scan of
    /// the first line, when the caller made it.
    private func forEachLine(
        _ bytes: UnsafeBufferPointer<UInt8>, scanned first: LineScan?, a: inout [UInt8], b: inout [UInt8], edits: inout [Edit],
        recorder: inout ChangeRecorder?,
        _ body: (
            _ line: UnsafeBufferPointer<UInt8>, _ changed: Bool, _ normalized: [UInt8], _ lineStart: Int,
            _ changedFrom: Int, _ isLast: Bool
        )
            -> Void
    ) {
        do {
            let tables = TriggerTables.shared
            var lineStart = 0
            let n = bytes.count
            var scan = first ?? LineScan()
            var scanned = first != nil
            while true {
                if !scanned { Triggers.scanLine(bytes, from: lineStart, tables: tables, into: &scan) }
                scanned = false
                let lineEnd = scan.end
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                recorder?.beginLine(at: lineStart)
                var changedFrom = 0
                let changed = pipeline.process(
                    line, scan: scan, a: &a, b: &b, edits: &edits, recorder: &recorder, changedFrom: &changedFrom)
                recorder?.endLine()
                body(line, changed, a, lineStart, changedFrom, lineEnd >= n)
                if lineEnd >= n { break }
                lineStart = lineEnd + 1
            }
        }
    }

    /// Returns nil when nothing changed.
    private func process(
        _ bytes: UnsafeBufferPointer<UInt8>, recorder: inout ChangeRecorder?, scratch: inout Scratch
    ) -> String? {
        let tables = TriggerTables.shared
        let scan: LineScan
        if tables.scansInC, let p = bytes.baseAddress {
            // The C scan's triggers looked at first: a line of one that no step runs on (most
            // texts) ends here, with no ``LineScan`` made (zeroed, then filled from the C scan:
            // ~40 instructions a text, with the call of ``Triggers/scanLineInC(_:count:from:tables:level:into:)``).
            var c = cicu_line_scan()
            let end = Triggers.scanLineInC(p, count: bytes.count, from: 0, tables: tables, level: 2, into: &c)
            if end >= bytes.count && !pipeline.runsOn(Triggers(rawValue: UInt8(truncatingIfNeeded: c.mask))) {
                return nil
            }
            scan = LineScan(c, end: end)
        } else {
            var swiftScan = LineScan()
            Triggers.scanLine(bytes, from: 0, tables: tables, into: &swiftScan)
            scan = swiftScan
        }
        if scan.end >= bytes.count {
            // One line (a block, a title: nearly every text): what the loop below does for it,
            // without its closure and the buffer for the lines of a longer text.
            guard pipeline.runsOn(scan.triggers) else {
                // No step runs (the scan, 144 bytes, is not copied on its way to them), so no
                // rule changes the line: the recorder is not told of it (`beginLine` and
                // `endLine` would change nothing it reports, and each test of the optional
                // copied it out: two thirds of the texts are such lines).
                return nil
            }
            recorder?.beginLine(at: 0)
            var changedFrom = 0
            let changed = pipeline.process(
                bytes, scan: scan, a: &scratch.a, b: &scratch.b, edits: &scratch.edits, recorder: &recorder,
                changedFrom: &changedFrom)
            recorder?.endLine()
            guard changed else { return nil }
            let from = min(changedFrom, bytes.count)
            scratch.changedFrom = from
            scratch.certainlyChanged = scratch.a.withUnsafeBufferPointer {
                Normalizer.certainlyNotCanonicallyEquivalent(utf8: $0, bytes, from: from)
            }
            return stringFromValidUTF8(scratch.a)
        }
        var outActive = false
        var whole: String?
        var firstChange: Int? = nil
        let n = bytes.count
        // Taken out of `scratch` (and put back) so the closure below owns it alone; emptied
        // only when a text of several lines changes (most texts are one line, and emptying an
        // array that holds nothing yet still asks whether its buffer is unique).
        var out = scratch.out
        scratch.out = []
        defer { scratch.out = out }
        forEachLine(bytes, scanned: scan, a: &scratch.a, b: &scratch.b, edits: &scratch.edits, recorder: &recorder) { line, changed, normalized, lineStart, changedFrom, isLast in
            if changed && firstChange == nil { firstChange = lineStart + min(changedFrom, line.count) }
            if changed && lineStart == 0 && isLast {
                // One line, changed: no second copy.
                whole = stringFromValidUTF8(normalized)
            } else if changed {
                if !outActive {
                    outActive = true
                    out.removeAll(keepingCapacity: true)
                    out.reserveCapacity(n + n / 8 + 16)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<lineStart]))
                }
                out.append(contentsOf: normalized)
            } else if outActive {
                out.append(contentsOf: line)
            }
            if !isLast && outActive { out.append(0x0A) }
        }
        scratch.changedFrom = firstChange ?? 0
        if let whole { return whole }
        return outActive ? stringFromValidUTF8(out) : nil
    }
}

/// The per-thread scratch of ``Normalizer/withThreadScratch(_:)``: allocated on a thread's
/// first call, reached through a `pthread` key (no lock, no reference count: a pointer, not an
/// object, so no retain and no dynamic exclusivity check either), freed when the thread ends.
private struct ThreadScratch {
    var scratch = Normalizer.Scratch()
    var inUse = false

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { raw in
            guard let raw = raw as UnsafeMutableRawPointer? else { return }
            let slot = raw.assumingMemoryBound(to: ThreadScratch.self)
            slot.deinitialize(count: 1)
            slot.deallocate()
        }
        precondition(status == 0, "pthread_key_create failed (\(status))")
        return key
    }()

    static func current() -> UnsafeMutablePointer<ThreadScratch> {
        let key = Self.key
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: ThreadScratch.self) }
        let slot = UnsafeMutablePointer<ThreadScratch>.allocate(capacity: 1)
        slot.initialize(to: ThreadScratch())
        pthread_setspecific(key, slot)
        return slot
    }
}
