/// What a reader yields: a raw page (a document of kind `page`) or a rejected record.
public enum ReaderItem: Sendable {
    case page(Document)
    case rejected(Rejection)
}

/// Counts a reader keeps, so that every raw line and record can be accounted for.
public struct ReaderAccounting: Sendable, Hashable {
    /// Raw lines of the input (for JSON Lines: lines of the file).
    public var lines = 0
    /// Blank lines (white space only).
    public var blankLines = 0
    /// Records read: lines of a text dump that carry text, or JSON Lines records.
    public var records = 0
    public var rejectedRecords = 0
    /// Raw lines inside rejected records.
    public var rejectedLines = 0
    /// Lines of text inside accepted JSON Lines records (their own line numbering).
    public var recordTextLines = 0
    /// Blank lines inside accepted JSON Lines records.
    public var recordTextBlankLines = 0
    public var pages = 0
    public var bytes = 0
    public init() {}
}

/// A source of raw pages. A reader throws only when it cannot read at all (a missing or
/// unreadable file); a bad record is yielded as ``ReaderItem/rejected(_:)``.
public protocol DocumentReader {
    /// The input's name as given.
    var input: String { get }
    /// The next page or rejection, in input order; nil at the end.
    mutating func next() throws(InputError) -> ReaderItem?
    /// Counts so far.
    var accounting: ReaderAccounting { get }
    /// Bytes of input consumed so far, and the total when known (for progress).
    var progress: (done: Int, total: Int?) { get }
}

extension Rejection {
    static func forLine(
        _ line: ByteLineReader.Line, input: String, reason: Reason, message: String, record: Int? = nil
    ) -> Rejection {
        Rejection(
            reason: reason, message: message, input: input, line: line.number, record: record, raw: Array(line.bytes),
            rawTruncated: line.tooLong, lineCount: 1)
    }
}

/// Validation shared by the readers: UTF-8, NUL bytes and the size limit.
enum LineCheck {
    /// The line without a UTF-8 byte-order mark at its start: on the first line, and on any
    /// other, where files joined with `cat` each bring theirs to the line where they begin.
    @inline(__always)
    static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
    }

    static func problem(_ line: ByteLineReader.Line, limit: Int) -> (Rejection.Reason, String)? {
        if line.tooLong { return tooLong(line, limit: limit) }
        if line.bytes.count > 0, memchr(line.bytes.baseAddress!, 0, line.bytes.count) != nil { return nulByte }
        return nil
    }

    /// The rejection of a line over the size limit.
    static func tooLong(_ line: ByteLineReader.Line, limit: Int) -> (Rejection.Reason, String) {
        (.tooLong, "the line is \(line.length) bytes, over the limit of \(limit) (max-record-bytes); its first \(line.bytes.count) bytes are kept")
    }

    /// The rejection of a line that holds a NUL byte.
    static let nulByte: (Rejection.Reason, String) = (.nulByte, "the line contains a NUL byte")
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
