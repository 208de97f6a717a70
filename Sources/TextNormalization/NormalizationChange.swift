/// One span of text that one rule changed, as reported by
/// ``Normalizer/normalizeWithChanges(_:)``.
///
/// `original` is the text the rule saw and replaced. When an earlier rule already rewrote that
/// span, this is the earlier rule's output rather than the raw input; `offset` is always mapped
/// back to the input string.
public struct NormalizationChange: Sendable, Hashable, CustomStringConvertible {
    /// The rule identifier: `controls`, `long-vowel`, `width`, `nfkc`, `hyphens`, `tilde`,
    /// `spaces` or `repeat` (see ``Normalizer/ruleIdentifiers``).
    public var rule: String
    /// The replaced text.
    public var original: String
    /// What it became (empty when the rule deleted it).
    public var replacement: String
    /// UTF-8 byte offset of the change in the input string.
    public var offset: Int

    /// Creates a change record.
    public init(rule: String, original: String, replacement: String, offset: Int) {
        self.rule = rule
        self.original = original
        self.replacement = replacement
        self.offset = offset
    }

    public var description: String {
        "\(rule)@\(offset): \(original.debugDescription) -> \(replacement.debugDescription)"
    }
}
