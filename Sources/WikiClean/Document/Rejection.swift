/// An input record that could not become a document, with the reason and the place.
///
/// Rejections are values, not errors: they go to `NAME.rejects.jsonl` and to the stats,
/// and the run goes on.
public struct Rejection: Sendable, Hashable {
    /// Stable snake_case reason codes.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        case invalidUTF8 = "invalid_utf8"
        case nulByte = "nul_byte"
        case tooLong = "too_long"
        case malformedJSON = "malformed_json"
        case notAnObject = "not_an_object"
        case missingTextField = "missing_text_field"
        case textNotAString = "text_not_a_string"
        case stageFailed = "stage_failed"
    }

    public var reason: Reason
    public var message: String
    /// The input as named on the command line.
    public var input: String
    /// 1-based raw line (text dumps: the line; JSON Lines: the record's line).
    public var line: Int?
    /// 0-based record index (JSON Lines).
    public var record: Int?
    /// The raw bytes (at most the first `keptBytes` of them for over-long records).
    public var raw: [UInt8]
    /// True when `raw` holds only the first bytes of the record.
    public var rawTruncated: Bool
    /// How many raw lines the rejected record spans (for accounting).
    public var lineCount: Int

    public init(
        reason: Reason, message: String, input: String, line: Int?, record: Int? = nil,
        raw: [UInt8], rawTruncated: Bool = false, lineCount: Int = 1
    ) {
        self.reason = reason
        self.message = message
        self.input = input
        self.line = line
        self.record = record
        self.raw = raw
        self.rawTruncated = rawTruncated
        self.lineCount = lineCount
    }
}
