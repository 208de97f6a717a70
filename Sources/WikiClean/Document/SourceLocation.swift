/// Where a document came from in the raw input.
public struct SourceLocation: Sendable, Hashable {
    /// The input as named on the command line (`-` for standard input).
    public var input: String
    /// First raw line (1-based, inclusive). For JSON Lines input: the line within the
    /// record's text.
    public var lineStart: Int?
    /// Last raw line (1-based, inclusive).
    public var lineEnd: Int?
    /// For JSON Lines input, the 0-based record index; `nil` for text dumps.
    public var record: Int?

    public init(input: String, lineStart: Int? = nil, lineEnd: Int? = nil, record: Int? = nil) {
        self.input = input
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.record = record
    }
}
