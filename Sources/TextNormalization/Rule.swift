internal import CICUShims

/// The normalization rules, in the order a ``Normalizer`` applies them.
enum Rule: UInt8, CaseIterable, Sendable {
    case controls
    case longVowel
    case width
    case nfkc
    case hyphens
    case tilde
    case spaces
    case `repeat`

    /// The stable identifier used in stats, changes and settings.
    var identifier: String {
        switch self {
        case .controls: "controls"
        case .longVowel: "long-vowel"
        case .width: "width"
        case .nfkc: "nfkc"
        case .hyphens: "hyphens"
        case .tilde: "tilde"
        case .spaces: "spaces"
        case .repeat: "repeat"
        }
    }
}

/// One span a rule rewrote: `[start, end)` of the rule's input became `[outStart, outEnd)` of
/// its output (UTF-8 byte offsets within one line).
struct Edit: Sendable, Hashable {
    var rule: Rule
    var start: Int
    var end: Int
    var outStart: Int
    var outEnd: Int
}

extension Array where Element == Edit {
    /// Maps an offset in the output of the step that produced these edits back to its input.
    func mapBack(_ offset: Int) -> Int {
        var delta = 0
        for edit in self {
            if offset < edit.outStart { break }
            if offset < edit.outEnd { return edit.start }
            delta = edit.end - edit.outEnd
        }
        return offset + delta
    }
}

/// What one step's edits amount to, for a recorder that only counts (``ChangeRecorder`` without
/// `wantsChanges`, the `normalize` stage's): the span they cover and the characters they
/// replaced, added up by the C rules (width, long-vowel, nfkc, spaces) from the edits the C loop
/// returns, with no ``Edit`` list made, walked by the recorder and emptied again for each step
/// (callgrind, 4 MB corpus: 0.9 M, ~170 instructions a step, most of it the recorder's walk).
struct EditSummary {
    /// Whether the rules that can should summarize their edits here (set by the pipeline);
    /// otherwise they list them, as the other rules always do.
    var active = false
    /// Edits summarized since the last ``reset()`` (0: the step listed its edits, or made none).
    var count = 0
    var rule = Rule.controls
    /// The smallest start and the largest end of the edits, in the step's input.
    var first = Int.max
    var last = 0
    /// What ``ChangeRecorder/record(_:input:output:)`` counts: each edit's scalars, at least 1.
    var characters = 0

    /// Adds the edits of `rule` that a C loop returned, each `[src_start, src_end)` + `shift`
    /// of `input`. Summed in locals first: through the summary (a pointer the compiler cannot
    /// keep in registers) each edit stored four fields.
    @inline(__always)
    mutating func add(
        _ rule: Rule, _ edits: UnsafeBufferPointer<cicu_nfkc_edit>, shift: Int, in input: UnsafeBufferPointer<UInt8>
    ) {
        var first = self.first
        var last = self.last
        var characters = self.characters
        for e in edits {
            let start = shift &+ Int(e.src_start)
            let end = shift &+ Int(e.src_end)
            first = min(first, start)
            last = max(last, end)
            characters &+= max(1, scalarCount(input, from: start, to: end))
        }
        self.rule = rule
        count &+= edits.count
        self.first = first
        self.last = last
        self.characters = characters
    }

    mutating func reset() {
        count = 0
        first = .max
        last = 0
        characters = 0
    }
}
