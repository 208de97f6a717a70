/// Counts of what each normalization rule changed, keyed by rule identifier
/// (see ``Normalizer/ruleIdentifiers``).
///
/// A line is a `\n`-separated segment of the input. A rule that changed `ｶﾞ` to `ガ` counts two
/// characters (Unicode scalars of the replaced text); a deletion counts the deleted scalars.
public struct NormalizationStats: Sendable, Hashable {
    /// Unicode scalars replaced or removed, per rule.
    public var charactersChanged: [String: Int]
    /// Lines in which the rule changed at least one character, per rule.
    public var linesChanged: [String: Int]

    /// Creates empty (or given) counts.
    public init(charactersChanged: [String: Int] = [:], linesChanged: [String: Int] = [:]) {
        self.charactersChanged = charactersChanged
        self.linesChanged = linesChanged
    }

    /// Adds another set of counts to this one.
    public mutating func merge(_ other: Self) {
        charactersChanged.merge(other.charactersChanged, uniquingKeysWith: +)
        linesChanged.merge(other.linesChanged, uniquingKeysWith: +)
    }

    /// Whether nothing was counted.
    public var isEmpty: Bool { charactersChanged.isEmpty && linesChanged.isEmpty }
}

/// Per-rule counts kept across many texts by ``Normalizer/normalize(_:counter:)``; read
/// them as ``NormalizationStats`` once at the end.
public struct NormalizationCounter: Sendable {
    var recorder: ChangeRecorder? = ChangeRecorder(wantsChanges: false)

    public init() {}

    /// The counts so far (rules that changed nothing are absent).
    public var stats: NormalizationStats { recorder?.stats ?? NormalizationStats() }

    /// Calls `body` with the identifier, lines changed and characters changed of each rule that
    /// changed something, in rule order: ``stats`` without building its dictionaries (for a
    /// caller that adds the counts of many short texts elsewhere).
    public func forEachChangedRule(_ body: (_ rule: String, _ lines: Int, _ characters: Int) -> Void) {
        recorder?.forEachChangedRule(body)
    }
}
