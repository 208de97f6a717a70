/// The rules of one ``NormalizationOptions`` value, in application order, and the per-line
/// driver that runs them.
///
/// Order: controls → long-vowel → width → nfkc → hyphens → tilde → spaces → repeat.
/// With `neologdnCompatible`, width, hyphens, long-vowel=all, tilde and spaces=neologdn/off
/// run as one neologdn pass after nfkc: controls → long-vowel (kana only) → nfkc → neologdn
/// pass → spaces (japanese only) → repeat.
struct RulePipeline: Sendable {
    enum Step: Sendable {
        case controls(RemoveControls)
        case longVowel(UnifyLongVowels)
        case width(UnifyWidth)
        case nfkc(ApplyNFKC)
        case hyphens(UnifyHyphens)
        case tilde(UnifyTildes)
        case japaneseSpaces(RemoveJapaneseSpaces)
        case neologdn(NeologdnPass)
        case shortenRepeats(ShortenRepeats)
    }

    struct Entry: Sendable {
        var step: Step
        /// The step runs on a line only if the line has one of these triggers.
        var triggers: Triggers
        var always: Bool = false
        /// Whether the text must be rescanned for triggers after this step changed it.
        var rescans: Bool = false
    }

    let entries: [Entry]
    /// Whether steps that start at their first trigger also stop after their last one (see
    /// ``process(_:scan:a:b:edits:recorder:)``). Off only in tests, to check that it changes
    /// nothing.
    var boundsSteps = true
    /// Union of all entries' triggers.
    let triggers: Triggers
    let hasAlwaysStep: Bool
    /// For each value of a line's triggers (256), the entries that run on it: bit `k` for
    /// `entries[k]` (at most 16 entries). ``runSteps(from:_:scan:state:a:b:edits:recorder:changedFrom:)``
    /// visits those only, where it loaded every entry and tested its triggers (callgrind: 22
    /// instructions an entry, seven entries a line, 0.54 M on the 4 MB corpus).
    let entriesByTriggers: [UInt16]

    init(options o: NormalizationOptions) {
        var e: [Entry] = []
        // Steps that delete characters rescan, so spaces that became adjacent to something else
        // are looked at again.
        if o.controls {
            e.append(Entry(step: .controls(RemoveControls()), triggers: .controls, rescans: true))
        }
        if o.neologdnCompatible {
            if o.longVowel == .kana {
                e.append(
                    Entry(step: .longVowel(UnifyLongVowels(mode: .kana)), triggers: .longVowel))
            }
            if o.nfkc {
                e.append(Entry(step: .nfkc(ApplyNFKC()), triggers: [.nfkc, .width]))
            }
            let pass = NeologdnPass(
                convert: o.width, hyphens: o.hyphens, longVowels: o.longVowel == .all,
                tilde: o.tilde, removeSpace: o.spaces == .neologdn)
            e.append(
                Entry(
                    step: .neologdn(pass),
                    triggers: [.neologdn, .hyphens, .longVowel, .tilde, .spaces]))
            if o.spaces == .japanese {
                e.append(Entry(step: .japaneseSpaces(RemoveJapaneseSpaces()), triggers: .spaces))
            }
        } else {
            if o.longVowel != .off {
                e.append(
                    Entry(step: .longVowel(UnifyLongVowels(mode: o.longVowel)), triggers: .longVowel))
            }
            if o.width { e.append(Entry(step: .width(UnifyWidth()), triggers: .width)) }
            if o.nfkc {
                let triggers: Triggers = o.width ? .nfkc : [.nfkc, .width]
                e.append(Entry(step: .nfkc(ApplyNFKC()), triggers: triggers))
            }
            if o.hyphens { e.append(Entry(step: .hyphens(UnifyHyphens()), triggers: .hyphens)) }
            if o.tilde != .ignore {
                // Rescans: `a ~あ` → `a 〜あ` or `a あ` puts a Japanese character next to a space.
                e.append(Entry(step: .tilde(UnifyTildes(mode: o.tilde)), triggers: .tilde, rescans: true))
            }
            switch o.spaces {
            case .off: break
            case .japanese:
                e.append(Entry(step: .japaneseSpaces(RemoveJapaneseSpaces()), triggers: .spaces))
            case .neologdn:
                let pass = NeologdnPass(
                    convert: false, hyphens: false, longVowels: false, tilde: nil, removeSpace: true)
                e.append(Entry(step: .neologdn(pass), triggers: .spaces))
            }
        }
        if let limit = o.repeatLimit, limit > 0 {
            e.append(
                Entry(
                    step: .shortenRepeats(
                        ShortenRepeats(limit: limit, maxSubstringLength: o.maxRepeatSubstrLength)),
                    triggers: [], always: true))
        }
        // Rescanning only matters when a later step looks at the triggers.
        for k in e.indices where k == e.count - 1 || e[(k + 1)...].allSatisfy(\.always) {
            e[k].rescans = false
        }
        entries = e
        triggers = e.reduce(into: []) { $0.formUnion($1.triggers) }
        hasAlwaysStep = e.contains { $0.always }
        precondition(e.count <= 16, "more rule steps than entriesByTriggers holds")
        entriesByTriggers = (0..<256).map { value in
            let lineTriggers = Triggers(rawValue: UInt8(value))
            var mask: UInt16 = 0
            for (k, entry) in e.enumerated() where entry.always || !lineTriggers.isDisjoint(with: entry.triggers) {
                mask |= 1 << UInt16(k)
            }
            return mask
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Whether a line whose scan found `lineTriggers` goes through any step (when not,
    /// ``process(_:scan:a:b:edits:recorder:changedFrom:)`` returns false at once).
    @inline(__always)
    func runsOn(_ lineTriggers: Triggers) -> Bool {
        hasAlwaysStep || !lineTriggers.isDisjoint(with: triggers)
    }

    var usesNFKC: Bool {
        entries.contains {
            if case .nfkc = $0.step { return true }
            return false
        }
    }

    /// Runs the steps on one line. Returns true when the line changed; the result is then in
    /// `a`, equal to the line before offset `changedFrom`. `b` and `edits` are scratch.
    ///
    /// Steps that work character by character start at the first character that triggered them
    /// (or at the first byte an earlier step changed, if that comes first), and stop after the
    /// last such character (or the last byte an earlier step changed, if that comes later): a
    /// character that carries none of a step's triggers, outside what earlier steps rewrote, is
    /// one the step leaves alone. The last trigger's offset is in the scanned text; in the
    /// current one it is found from the end, through the suffix that no step has changed.
    func process(
        _ line: UnsafeBufferPointer<UInt8>, scan initial: LineScan,
        a: inout [UInt8], b: inout [UInt8], edits: inout [Edit], recorder: inout ChangeRecorder?,
        changedFrom: inout Int
    ) -> Bool {
        changedFrom = Int.max
        if line.isEmpty { return false }
        if !runsOn(initial.triggers) { return false }
        var state = StepState(scanLength: line.count)
        // Emptied only when it holds something (a tracked step's edits are cleared after it):
        // `removeAll(keepingCapacity:)` on an empty array still went through its generic
        // `replaceSubrange` and the uniqueness test (~80 instructions a line, callgrind).
        if !edits.isEmpty { edits.removeAll(keepingCapacity: true) }
        // A recorder that only counts takes the C rules' edits summarized (``EditSummary``).
        if case .some(let r) = recorder, !r.wantsChanges { state.summary.active = true }
        runSteps(
            from: 0, line, scan: initial, state: &state, a: &a, b: &b, edits: &edits, recorder: &recorder,
            changedFrom: &changedFrom)
        return state.inA
    }

    /// What the steps run so far did to the line, for those after them.
    private struct StepState {
        var unchangedPrefix = Int.max  // bytes of the current text still equal to the scanned one
        var unchangedSuffix = Int.max  // the same, at the end
        var scanLength: Int  // length of the text the scan describes
        var inA = false
        /// The C rules' edits, added up (when the recorder only counts).
        var summary = EditSummary()

        /// Takes in a step's summarized edits, of an input of `length` bytes: what
        /// ``unchangedEnds(_:_:edits:track:)`` and ``ChangeRecorder/record(_:input:output:)``
        /// do with listed ones. Resets the summary.
        @inline(__always)
        mutating func summarized(input length: Int, changedFrom: inout Int, recorder: inout ChangeRecorder?) {
            narrow(prefix: summary.first, suffix: length - summary.last, changedFrom: &changedFrom)
            recorder?.record(summary)
            summary.reset()
        }

        /// Takes in a step that turned `input` into `output` with its edits listed (or not
        /// tracked: the two are compared).
        @inline(__always)
        mutating func listed(
            _ input: UnsafeBufferPointer<UInt8>, _ output: UnsafeBufferPointer<UInt8>, edits: [Edit], track: Bool,
            changedFrom: inout Int, recorder: inout ChangeRecorder?
        ) {
            let same = unchangedEnds(input, output, edits: edits, track: track)
            narrow(prefix: same.prefix, suffix: same.suffix, changedFrom: &changedFrom)
            if track { recorder?.record(edits, input: input, output: output) }
        }

        /// Bytes at the start (`prefix`) and at the end (`suffix`) of the current text that a
        /// step left as they were.
        @inline(__always)
        private mutating func narrow(prefix: Int, suffix: Int, changedFrom: inout Int) {
            unchangedPrefix = min(unchangedPrefix, prefix)
            changedFrom = min(changedFrom, prefix)
            unchangedSuffix = min(unchangedSuffix, suffix)
        }
    }

    /// Runs the steps from `entries[first]` on, with the scan of the text they start from.
    ///
    /// A step that rescans hands the steps after it to a call of their own, with the new scan:
    /// the scan (144 bytes) is then no variable of the loop, which the compiler copied twice
    /// on every step, skipped or not (callgrind: two `memcpy` calls a step).
    private func runSteps(
        from first: Int, _ line: UnsafeBufferPointer<UInt8>, scan: LineScan, state: inout StepState,
        a: inout [UInt8], b: inout [UInt8], edits: inout [Edit], recorder: inout ChangeRecorder?,
        changedFrom: inout Int
    ) {
        // NB: `recorder != nil` copied the recorder (162 bytes, `memcpy`) to compare it, on
        // every call; the pattern tests it where it is.
        var track = false
        if case .some = recorder { track = true }
        // The entries from `first` on that run on the scanned triggers.
        var pending = entriesByTriggers[Int(scan.triggers.rawValue)] & ~((1 << UInt16(first)) &- 1)
        while pending != 0 {
            let k = pending.trailingZeroBitCount
            pending &= pending &- 1
            let entry = entries[k]
            var start = 0
            if entry.step.startsAtTrigger {
                start = min(
                    scan.first.earliest(of: entry.triggers, present: scan.triggers), state.unchangedPrefix)
            }
            var end = Int.max
            if boundsSteps && entry.step.startsAtTrigger {
                let last = scan.last.latest(of: entry.triggers, present: scan.triggers)
                if state.unchangedSuffix == Int.max {
                    end = last + 1
                } else {
                    let length = state.inA ? a.count : line.count
                    let changedEnd = length - state.unchangedSuffix
                    let mapped =
                        last >= state.scanLength - state.unchangedSuffix
                        ? last - state.scanLength + length : changedEnd
                    end = max(changedEnd, mapped) + 1
                }
            }
            let changed: Bool
            if !state.inA {
                changed = entry.step.apply(
                    line, from: start, to: end, into: &a, edits: &edits, track: track, summary: &state.summary)
                if changed {
                    state.inA = true
                    if state.summary.count > 0 {
                        state.summarized(input: line.count, changedFrom: &changedFrom, recorder: &recorder)
                    } else {
                        a.withUnsafeBufferPointer { output in
                            state.listed(
                                line, output, edits: edits, track: track, changedFrom: &changedFrom, recorder: &recorder)
                        }
                    }
                }
            } else {
                changed = a.withUnsafeBufferPointer { input in
                    let start = characterStart(input, atOrBefore: start)
                    let changed = entry.step.apply(
                        input, from: start, to: end, into: &b, edits: &edits, track: track, summary: &state.summary)
                    if changed && state.summary.count > 0 {
                        state.summarized(input: input.count, changedFrom: &changedFrom, recorder: &recorder)
                    } else if changed {
                        b.withUnsafeBufferPointer { output in
                            state.listed(
                                input, output, edits: edits, track: track, changedFrom: &changedFrom, recorder: &recorder)
                        }
                    }
                    return changed
                }
                if changed { swap(&a, &b) }
            }
            if track && !edits.isEmpty { edits.removeAll(keepingCapacity: true) }
            if changed && entry.rescans {
                let rescan = a.withUnsafeBufferPointer { Triggers.scanLine($0, from: 0) }
                state.unchangedPrefix = Int.max
                state.unchangedSuffix = Int.max
                state.scanLength = a.count
                runSteps(
                    from: k + 1, line, scan: rescan, state: &state, a: &a, b: &b, edits: &edits,
                    recorder: &recorder, changedFrom: &changedFrom)
                return
            }
        }
    }
}

/// Length of the common prefix of two byte buffers.
func commonPrefix(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(x.count, y.count)
    guard let p = x.baseAddress, let q = y.baseAddress else { return 0 }
    var i = 0
    while i + 8 <= n
        && UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            == UnsafeRawPointer(q + i).loadUnaligned(as: UInt64.self)
    {
        i += 8
    }
    while i < n && p[i] == q[i] { i += 1 }
    return i
}

/// How many bytes at the start and at the end of a step's output are its input's, unchanged:
/// from the edits when they were tracked (everything outside them is copied), otherwise by
/// comparing the bytes. Either is a lower bound the callers can rely on.
private func unchangedEnds(
    _ input: UnsafeBufferPointer<UInt8>, _ output: UnsafeBufferPointer<UInt8>, edits: [Edit], track: Bool
) -> (prefix: Int, suffix: Int) {
    if track && !edits.isEmpty {
        var first = Int.max
        var last = 0
        for e in edits {
            first = min(first, e.start)
            last = max(last, e.end)
        }
        return (first, input.count - last)
    }
    return (commonPrefix(input, output), commonSuffix(input, output))
}

/// Length of the common suffix of two byte buffers.
func commonSuffix(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(x.count, y.count)
    guard let p = x.baseAddress, let q = y.baseAddress else { return 0 }
    let xe = p + x.count
    let ye = q + y.count
    var i = 0
    while i + 8 <= n
        && UnsafeRawPointer(xe - i - 8).loadUnaligned(as: UInt64.self)
            == UnsafeRawPointer(ye - i - 8).loadUnaligned(as: UInt64.self)
    {
        i += 8
    }
    while i < n && xe[-i - 1] == ye[-i - 1] { i += 1 }
    return i
}

/// The start of the character that holds byte offset `i` (clamped to the buffer).
private func characterStart(_ x: UnsafeBufferPointer<UInt8>, atOrBefore i: Int) -> Int {
    var i = min(i, x.count)
    while i > 0 && i < x.count && x[i] & 0xC0 == 0x80 { i -= 1 }
    return i
}

extension RulePipeline.Step {
    /// Whether the step can begin at the first character that triggered it.
    var startsAtTrigger: Bool {
        switch self {
        case .controls, .longVowel, .width, .nfkc, .hyphens, .tilde, .japaneseSpaces: true
        case .neologdn, .shortenRepeats: false
        }
    }

    /// `summary`: where width, long-vowel, nfkc and spaces add up their edits instead of listing them,
    /// when it is active (``EditSummary``).
    @inline(__always)
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool, summary: UnsafeMutablePointer<EditSummary>? = nil
    ) -> Bool {
        switch self {
        case .controls(let r): r.apply(input, from: start, to: end, into: &out, edits: &edits, track: track)
        case .longVowel(let r):
            r.apply(input, from: start, to: end, into: &out, edits: &edits, track: track, summary: summary)
        case .width(let r):
            r.apply(input, from: start, to: end, into: &out, edits: &edits, track: track, summary: summary)
        case .nfkc(let r):
            r.apply(input, from: start, to: end, into: &out, edits: &edits, track: track, summary: summary)
        case .hyphens(let r): r.apply(input, from: start, to: end, into: &out, edits: &edits, track: track)
        case .tilde(let r): r.apply(input, from: start, to: end, into: &out, edits: &edits, track: track)
        case .japaneseSpaces(let r):
            r.apply(input, from: start, to: end, into: &out, edits: &edits, track: track, summary: summary)
        case .neologdn(let r): r.apply(input, from: 0, into: &out, edits: &edits, track: track)
        case .shortenRepeats(let r): r.apply(input, from: 0, into: &out, edits: &edits, track: track)
        }
    }
}

/// One count per rule (eight of them), stored inline: no array to allocate for each counter.
struct RuleCounts {
    static let capacity = 8
    private var counts: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)

    subscript(rule: Rule) -> Int {
        get {
            assert(Int(rule.rawValue) < Self.capacity)
            return withUnsafeBytes(of: counts) { $0.load(fromByteOffset: Int(rule.rawValue) * 8, as: Int.self) }
        }
        set {
            assert(Int(rule.rawValue) < Self.capacity)
            withUnsafeMutableBytes(of: &counts) {
                $0.storeBytes(of: newValue, toByteOffset: Int(rule.rawValue) * 8, as: Int.self)
            }
        }
    }

    /// `self[rule] += amount` in place (the subscript's getter copies the whole tuple first).
    @inline(__always)
    mutating func add(_ amount: Int, to rule: Rule) {
        assert(Int(rule.rawValue) < Self.capacity)
        withUnsafeMutableBytes(of: &counts) {
            let offset = Int(rule.rawValue) * 8
            $0.storeBytes(
                of: $0.load(fromByteOffset: offset, as: Int.self) &+ amount, toByteOffset: offset, as: Int.self)
        }
    }
}

/// Collects stats and/or change records while a text is normalized.
struct ChangeRecorder {
    var wantsChanges: Bool
    var changes: [NormalizationChange] = []
    private var characters = RuleCounts()
    private var lines = RuleCounts()
    private var lineBase = 0
    private var layers: [[Edit]] = []
    private var rulesInLine: UInt16 = 0

    init(wantsChanges: Bool) {
        self.wantsChanges = wantsChanges
    }

    /// The counts so far, keyed by rule identifier (rules that changed nothing are absent).
    var stats: NormalizationStats {
        var stats = NormalizationStats()
        for rule in Rule.allCases where characters[rule] > 0 {
            stats.charactersChanged[rule.identifier] = characters[rule]
            stats.linesChanged[rule.identifier] = lines[rule]
        }
        return stats
    }

    /// Identifier, lines and characters of each rule that changed something, in rule order.
    func forEachChangedRule(_ body: (_ rule: String, _ lines: Int, _ characters: Int) -> Void) {
        for rule in Rule.allCases where characters[rule] > 0 {
            body(rule.identifier, lines[rule], characters[rule])
        }
    }

    mutating func beginLine(at offset: Int) {
        lineBase = offset
        if wantsChanges { layers.removeAll(keepingCapacity: true) }
        rulesInLine = 0
    }

    mutating func endLine() {
        // The rules' bits, lowest first (rule order), rather than a walk of `Rule.allCases`.
        var bits = rulesInLine
        while bits != 0 {
            lines.add(1, to: Rule(rawValue: UInt8(truncatingIfNeeded: bits.trailingZeroBitCount))!)
            bits &= bits &- 1
        }
    }

    /// One step's edits added up (``EditSummary``, for a recorder without `wantsChanges`): the
    /// counts ``record(_:input:output:)`` makes of them listed.
    mutating func record(_ summary: EditSummary) {
        assert(!wantsChanges, "a recorder of changes takes every edit")
        characters.add(summary.characters, to: summary.rule)
        rulesInLine |= 1 &<< summary.rule.rawValue
    }

    /// One step's edits, in the coordinates of that step's input and output.
    mutating func record(
        _ edits: [Edit], input: UnsafeBufferPointer<UInt8>, output: UnsafeBufferPointer<UInt8>
    ) {
        for edit in edits {
            characters.add(max(1, scalarCount(input, from: edit.start, to: edit.end)), to: edit.rule)
            // (`&<<`: eight rules, so no shift past 15; `<<` tested for one, 3 instructions an edit.)
            rulesInLine |= 1 &<< edit.rule.rawValue
            guard wantsChanges else { continue }
            let original = UnsafeBufferPointer(rebasing: input[edit.start..<edit.end])
            var offset = edit.start
            for layer in layers.reversed() { offset = layer.mapBack(offset) }
            changes.append(
                NormalizationChange(
                    rule: edit.rule.identifier,
                    original: String(decoding: original, as: UTF8.self),
                    replacement: String(
                        decoding: UnsafeBufferPointer(rebasing: output[edit.outStart..<edit.outEnd]),
                        as: UTF8.self),
                    offset: lineBase + offset))
        }
        if wantsChanges { layers.append(edits) }
    }
}
