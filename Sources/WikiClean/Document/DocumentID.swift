#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A document's id as the parts it is made of: what ``Document/id`` holds.
///
/// The pipeline names each document by its input, record and first line (`dump.txt:3`,
/// `data.jsonl:12:3`). Kept as those parts,
/// no `String` is made (allocated, then freed) per document: the JSON writer writes the text
/// (``appendJSON(to:)``) and ``Document/id`` makes it only when a library user asks. Made as
/// text it was some 3,250 strings per 4 MB of input (cc4), about 2.5 M instructions with their
/// freeing, `DetectArticleBoundaries`' ids alone 1.5 M (some 590 instructions an id).
///
/// An id given as text (read from JSON, set through ``Document/id``) is kept as text.
/// Equality and hashing are those of the text, as when the id was a `String`.
struct DocumentID: Sendable {
    /// The whole text (``isText``), or else the input's name the parts follow.
    var base: String
    /// The record (``hasRecord``).
    var record: Int
    /// The line (``hasLine``).
    var line: Int
    /// ``isText``, ``hasRecord``, ``hasLine`` as bits (one byte).
    private var flags: UInt8

    private static let textFlag: UInt8 = 1
    private static let recordFlag: UInt8 = 2
    private static let lineFlag: UInt8 = 4

    /// An id given as its text.
    init(text: String) {
        base = text
        record = 0
        line = 0
        flags = Self.textFlag
    }

    /// `input:line`, `input:record:line`, `input:record` or `input:0` (no record, no line).
    init(input: String, record: Int?, line: Int?) {
        base = input
        self.record = record ?? 0
        self.line = line ?? 0
        flags = (record == nil ? 0 : Self.recordFlag) | (line == nil ? 0 : Self.lineFlag)
    }

    var isText: Bool { flags & Self.textFlag != 0 }
    var hasRecord: Bool { flags & Self.recordFlag != 0 }
    var hasLine: Bool { flags & Self.lineFlag != 0 }

    /// The id's text: the parts joined by colons (the line 0 when there is neither record nor
    /// line).
    var text: String {
        if isText { return base }
        var out = ByteBuffer(capacity: base.utf8.count + 56)
        appendRawText(to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The text's bytes, unescaped.
    private func appendRawText(to out: inout ByteBuffer) {
        base.withUTF8Bytes { out.append($0) }
        appendNumbers(to: &out)
    }

    /// The colons and numbers after the input's name: ASCII, the same escaped or not.
    private func appendNumbers(to out: inout ByteBuffer) {
        if hasRecord {
            out.append(UInt8(ascii: ":"))
            JSONWriter.appendInt(record, to: &out)
        }
        if hasLine {
            out.append(UInt8(ascii: ":"))
            JSONWriter.appendInt(line, to: &out)
        } else if !hasRecord {
            out.append(UInt8(ascii: ":"), UInt8(ascii: "0"))
        }
    }

    /// Appends the id as a JSON string literal: the bytes `JSONWriter.appendString(text)`
    /// writes (escaping goes byte by byte, and the numbers and colons need none).
    /// Answers where the escaped input's name is in `out` (nil for an id kept as text), so
    /// that the writer can copy it for `source.input` (``writesInput(_:)``).
    @discardableResult
    func appendJSON(to out: inout ByteBuffer) -> Range<Int>? {
        if isText {
            JSONWriter.appendString(base, to: &out)
            return nil
        }
        out.append(UInt8(ascii: "\""))
        let start = out.count
        base.withUTF8Bytes { out.appendEscapedName($0) }
        let end = out.count
        appendNumbers(to: &out)
        out.append(UInt8(ascii: "\""))
        return start..<end
    }

    /// Appends `input` as a JSON string literal: a copy of `range` of `out` (where `id`'s
    /// input name went, escaped, ``appendJSON(to:)``) when `id` is made of that very name
    /// (``writesInput(_:)``), else escaped. A call of its own, so that the caller passes
    /// `source.input` as it passed it to `JSONWriter.appendString` (tested there, the
    /// document's `source` was copied and destroyed, some 110 instructions).
    @inline(never)
    static func appendInput(_ input: String, escapedAt range: Range<Int>?, of id: DocumentID, to out: inout ByteBuffer) {
        if let range, id.writesInput(input) {
            out.append(UInt8(ascii: "\""))
            out.appendCopy(of: range)
            out.append(UInt8(ascii: "\""))
        } else {
            JSONWriter.appendString(input, to: &out)
        }
    }

    /// True when `input` has the bytes of the input's name the id is made of (so that its
    /// escaped bytes are the same): the same storage nearly always, as a document's id and
    /// `source.input` both come from its page's. Bytes, not `==`, which is Unicode's
    /// canonical equivalence and would take `é` and `e` with an accent as equal.
    @inline(__always)
    func writesInput(_ input: String) -> Bool {
        base.withUTF8Bytes { a in
            input.withUTF8Bytes { b in
                a.count == b.count && (a.count == 0 || a.baseAddress == b.baseAddress || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
    }
}

extension DocumentID: Hashable {
    /// Equal texts. Equal parts give equal texts, without making them.
    static func == (a: DocumentID, b: DocumentID) -> Bool {
        if !a.isText && !b.isText && a.flags == b.flags && a.record == b.record && a.line == b.line
            && a.base == b.base
        {
            return true
        }
        return a.text == b.text
    }

    /// The text's hash, as the id's was when it was a `String`.
    func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }
}
