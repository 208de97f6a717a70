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
