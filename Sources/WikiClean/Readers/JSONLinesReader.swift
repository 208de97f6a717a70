/// Reads JSON Lines: one raw page per record. The page text is in `textField` (default
/// `text`); the record's other fields are kept in the documents' `meta`. Each record's
/// text is split into lines, numbered from 1 within the record.
///
/// A line that is not valid UTF-8, not JSON, not an object, lacks the text field or has a
/// non-string one is rejected alone, with its line number and reason.
public struct JSONLinesReader: DocumentReader {
    public let input: String
    private let reader: ByteLineReader
    private let textField: String
    private let limit: Int
    public private(set) var accounting = ReaderAccounting()
    /// For a shard: the byte range of its lines (each line is a record, so the shard takes
    /// the lines that start in its slice of the file), and the records before it.
    private let range: Range<Int>?
    private var recordsBefore = 0

    /// - Parameters:
    ///   - name: how the input is named in ids and `source.input` (default: the path).
    ///   - shard: read only this shard's records (a regular file only, not standard input).
    public init(path: String, name: String? = nil, options: ReaderOptions, shard: Shard? = nil) throws(InputError) {
        input = name ?? path
        reader = try ByteLineReader(path: path, limit: options.maximumRecordBytes)
        textField = options.textField
        limit = options.maximumRecordBytes
        if let shard, shard.count > 1 {
            guard let total = reader.totalBytes, path != "-" else {
                throw InputError(input: input, message: "a shard of standard input or a pipe cannot be read: --shard needs a regular file")
            }
            range = shard.byteRange(total: total)
        } else {
            range = nil
        }
    }

    public var progress: (done: Int, total: Int?) {
        guard let range else { return (reader.bytesRead, reader.totalBytes) }
        return (min(max(0, reader.bytesRead - range.lowerBound), range.count), range.count)
    }

    public mutating func next() throws(InputError) -> ReaderItem? {
        while true {
            guard let line = try reader.next(), line.offset < range?.upperBound ?? .max else {
                accounting.bytes = min(reader.bytesRead, range?.upperBound ?? .max) - min(range?.lowerBound ?? 0, reader.bytesRead)
                return nil
            }
            if let range, line.offset < range.lowerBound {
                // Another shard's record: passed over, but numbered (record numbers are the file's).
                if !Self.isBlank(line) { recordsBefore += 1 }
                continue
            }
            accounting.lines += 1
            let (bytes, s, e) = Self.trimmed(line)
            if s == e && !line.tooLong {
                accounting.blankLines += 1
                continue
            }
            let record = recordsBefore + accounting.records
            accounting.records += 1
            func reject(_ reason: Rejection.Reason, _ message: String) -> ReaderItem {
                accounting.rejectedRecords += 1
                accounting.rejectedLines += 1
                return .rejected(.forLine(line, input: input, reason: reason, message: message, record: record))
            }
            if line.tooLong {
                return reject(.tooLong, "the record is \(line.length) bytes, over the limit of \(limit) (max-record-bytes); its first \(line.bytes.count) bytes are kept")
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[s..<e]))
            } catch {
                let reason: Rejection.Reason = error.message.contains("UTF-8") ? .invalidUTF8 : .malformedJSON
                return reject(reason, "not valid JSON: \(error.message) at byte \(error.offset + s)")
            }
            guard case .object(let object) = value else {
                return reject(.notAnObject, "the record is \(value.kindDescription), not a JSON object")
            }
            let text: String
            switch object[textField] {
            case .string(let t)?: text = t
            case nil: return reject(.missingTextField, "the record has no \"\(textField)\" field")
            case let v?: return reject(.textNotAString, "field \"\(textField)\" is \(v.kindDescription), expected a string")
            }
            if text.utf8.contains(0) {
                return reject(.nulByte, "the text contains a NUL character")
            }
            var meta = JSONObject()
            for m in object.members where m.key != textField { meta.members.append(m) }
            var blocks: [Block] = []
            var n = 0
            var blank = 0
            // Split on bytes: as Characters, "\r\n" is one grapheme that is not "\n".
            for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
                n += 1
                var piece = raw
                if piece.last == 0x0D { piece = piece.dropLast() }
                let t = String(decoding: piece, as: UTF8.self).trimmingSpaces
                if t.isEmpty { blank += 1; continue }
                blocks.append(.paragraph(t, line: n))
            }
            if text.utf8.last == 0x0A { n -= 1; blank -= 1 }
            accounting.recordTextLines += n
            accounting.recordTextBlankLines += blank
            accounting.pages += 1
            // `input:record`, kept as its parts (``DocumentID``).
            let doc = Document(
                storedID: DocumentID(input: input, record: record, line: nil), kind: .page, blocks: blocks,
                source: SourceLocation(input: input, lineStart: blocks.first?.line ?? 1, lineEnd: blocks.last?.line ?? n, record: record),
                meta: meta)
            return .page(doc)
        }
    }

    /// The line's bytes (without a byte-order mark) and the bounds of what is left without
    /// spaces, tabs and `\r` at either end.
    private static func trimmed(_ line: ByteLineReader.Line) -> (UnsafeBufferPointer<UInt8>, Int, Int) {
        let bytes = LineCheck.withoutByteOrderMark(line.bytes)
        var s = 0
        var e = bytes.count
        while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 || bytes[s] == 0x0D { s += 1 }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D { e -= 1 }
        return (bytes, s, e)
    }

    /// A line that holds no record (white space only).
    private static func isBlank(_ line: ByteLineReader.Line) -> Bool {
        let (_, s, e) = trimmed(line)
        return s == e && !line.tooLong
    }
}
