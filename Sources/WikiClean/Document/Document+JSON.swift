// MARK: - Encoding

extension Document {
    /// Appends the document as one JSON object (no newline), keys in the documented order:
    /// `id, title, reading, kind, truncated, text, sections, captions, source, meta`; a
    /// document still of kind `page` adds `blocks` (roles, raw lines and chrome rules, so
    /// that `wikiclean stage` can hand it to the next stage without loss); then any
    /// unknown top-level fields of the input record, untouched.
    public func appendJSON(to out: inout [UInt8]) {
        var buffer = ByteBuffer(capacity: blocks.reduce(0) { $0 + $1.text.utf8.count } * 2 + 256)
        appendJSON(to: &buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// ``appendJSON(to:)`` into a ``ByteBuffer``: what the runner writes with.
    ///
    /// Written straight from the blocks: `text` and `sections` are not built as strings and
    /// arrays first (the escaping is byte by byte, so escaping the pieces gives the bytes of
    /// escaping the whole). Each heading and paragraph is escaped once, for `text`; `sections`
    /// copies those bytes (``ByteBuffer/markBase`` holds where each piece is).
    func appendJSON(to out: inout ByteBuffer) {
        let idInput = appendHead(to: &out)
        // The blocks read in place: `blocks[i].text` through the array retained and released
        // each string it passed on.
        blocks.withUnsafeBufferPointer { Self.appendTexts(ReadBlocks(blocks: $0), to: &out) }
        appendTail(idInput, to: &out)
    }

    /// ``appendJSON(to:)`` of a document held in a variable or an array's element: a
    /// mutating call reaches it where it is, where a call of ``appendJSON(to:)`` on
    /// `documents[k]` copied the document first (its fields retained, then released). It
    /// changes nothing; its blocks' texts are read in place (``InPlaceBlocks``).
    mutating func appendJSONInPlace(to out: inout ByteBuffer) {
        let idInput = appendHead(to: &out)
        // Only `out` in the closure: one that used `self` copied the document.
        blocks.withUnsafeMutableBufferPointer { Self.appendTexts(InPlaceBlocks(blocks: $0), to: &out) }
        appendTail(idInput, to: &out)
    }

    /// Where ``appendTexts(_:to:)`` reads the document's blocks: their roles and their texts'
    /// bytes.
    private protocol Blocks {
        var count: Int { get }
        func role(_ i: Int) -> Block.Role
        func withText(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void)
    }

    /// Blocks read through a buffer: each text read is a copy of the string (retained, then
    /// released).
    private struct ReadBlocks: Blocks {
        let blocks: UnsafeBufferPointer<Block>
        var count: Int { blocks.count }
        @inline(__always) func role(_ i: Int) -> Block.Role { blocks[i].role }
        @inline(__always) func withText(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) { blocks[i].text.withUTF8Bytes(body) }
    }

    /// Blocks reached for writing, the document's own: `String.withUTF8` on a text in place
    /// reads its bytes with no copy of the string, where a read through an
    /// `UnsafeBufferPointer` retained and released it (on the 4 MB slice 9,730 pairs, some
    /// 0.47 M instructions). It changes a string only to make a foreign one (a bridged
    /// `NSString`) native, with the same text.
    private struct InPlaceBlocks: Blocks {
        let blocks: UnsafeMutableBufferPointer<Block>
        var count: Int { blocks.count }
        @inline(__always) func role(_ i: Int) -> Block.Role { blocks[i].role }
        @inline(__always) func withText(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) { blocks[i].text.withUTF8(body) }
    }

    /// The JSON object's start, from its brace to `truncated`. Answers where the id's input
    /// name went, escaped (for ``appendTail(_:to:)``).
    @inline(__always)
    private func appendHead(to out: inout ByteBuffer) -> Range<Int>? {
        out.append("{\"id\":")
        // Where the id's input name went, escaped: `source.input` is nearly always the same
        // name, and copies those bytes instead of escaping them again.
        let idInput = storedID.appendJSON(to: &out)
        out.append(",\"title\":")
        if let title { JSONWriter.appendString(title, to: &out) } else { out.append("null") }
        out.append(",\"reading\":")
        if let reading { JSONWriter.appendString(reading, to: &out) } else { out.append("null") }
        switch kind {
        case .page: out.append(",\"kind\":\"page\"")
        case .article: out.append(",\"kind\":\"article\"")
        case .fragment: out.append(",\"kind\":\"fragment\"")
        }
        out.append(truncated ? ",\"truncated\":true" : ",\"truncated\":false")
        return idInput
    }

    /// `text`, `sections` and `captions`, the blocks read from `blocks`.
    @inline(__always)
    private static func appendTexts<B: Blocks>(_ blocks: B, to out: inout ByteBuffer) {
        // `text`: headings and paragraphs, one a line; the start and end of each one's
        // escaped bytes go to the buffer's marks, in block order.
        out.append(",\"text\":\"")
        out.removeAllMarks()
        var first = true
        for i in 0..<blocks.count where blocks.role(i) == .heading || blocks.role(i) == .paragraph {
            if !first { out.append("\\n") }
            let start = out.count
            blocks.withText(i) { JSONWriter.appendEscaped(utf8: $0, to: &out) }
            out.appendMark(start)
            out.appendMark(out.count)
            first = false
        }
        // `sections`: the lead (heading null, always there), then one a heading; the same
        // headings and paragraphs in the same order, so the marks are taken in turn.
        out.append("\",\"sections\":[{\"heading\":null,\"paragraphs\":[")
        var mark = 0
        var firstInSection = true
        for i in 0..<blocks.count {
            switch blocks.role(i) {
            case .heading:
                out.append("]},{\"heading\":\"")
                out.appendCopy(of: out.markBase[mark]..<out.markBase[mark + 1])
                mark += 2
                out.append("\",\"paragraphs\":[")
                firstInSection = true
            case .paragraph:
                if firstInSection { out.append(UInt8(ascii: "\"")) } else { out.append(UInt8(ascii: ","), UInt8(ascii: "\"")) }
                out.appendCopy(of: out.markBase[mark]..<out.markBase[mark + 1])
                mark += 2
                out.append(UInt8(ascii: "\""))
                firstInSection = false
            case .caption, .chrome: break
            }
        }
        out.append("]}],\"captions\":[")
        var firstCaption = true
        for i in 0..<blocks.count where blocks.role(i) == .caption {
            if !firstCaption { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            blocks.withText(i) { JSONWriter.appendEscaped(utf8: $0, to: &out) }
            out.append(UInt8(ascii: "\""))
            firstCaption = false
        }
    }

    /// The JSON object's end, from the captions' closing bracket; `idInput`: what
    /// ``appendHead(to:)`` answered.
    @inline(__always)
    private func appendTail(_ idInput: Range<Int>?, to out: inout ByteBuffer) {
        out.append("],\"source\":{\"input\":")
        DocumentID.appendInput(source.input, escapedAt: idInput, of: storedID, to: &out)
        out.append(",\"line_start\":")
        if let n = source.lineStart { JSONWriter.appendInt(n, to: &out) } else { out.append("null") }
        out.append(",\"line_end\":")
        if let n = source.lineEnd { JSONWriter.appendInt(n, to: &out) } else { out.append("null") }
        out.append(",\"record\":")
        if let n = source.record { JSONWriter.appendInt(n, to: &out) } else { out.append("null") }
        out.append("},\"meta\":")
        if meta.members.isEmpty { out.append("{}") } else { JSONWriter.append(.object(meta), to: &out) }
        if kind == .page {
            out.append(",\"blocks\":[")
            for k in blocks.indices {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out.append("{\"role\":\"")
                switch blocks[k].role {
                case .paragraph: out.append("paragraph")
                case .heading: out.append("heading")
                case .caption: out.append("caption")
                case .chrome: out.append("chrome")
                }
                out.append("\",\"line\":")
                if let n = blocks[k].line { JSONWriter.appendInt(n, to: &out) } else { out.append("null") }
                if let rule = blocks[k].rule {
                    out.append(",\"rule\":")
                    JSONWriter.appendString(rule, to: &out)
                }
                switch blocks[k].signal {
                case nil: break
                case .pageStart?: out.append(",\"signal\":\"page-start\"")
                case .pageEnd?: out.append(",\"signal\":\"page-end\"")
                }
                out.append(",\"text\":")
                JSONWriter.appendString(blocks[k].text, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        for member in extra.members {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendString(member.key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.append(member.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The document as one line of JSON (no newline).
    public var jsonLine: String {
        var out = ByteBuffer(capacity: blocks.reduce(0) { $0 + $1.text.utf8.count } * 2 + 256)
        appendJSON(to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

// MARK: - Decoding

/// Why a JSON object could not be read as a document.
public struct DocumentDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: Rejection.Reason
    public var message: String
    public var description: String { message }
    public init(reason: Rejection.Reason, message: String) {
        self.reason = reason
        self.message = message
    }
}

extension Document {
    /// The top-level keys this tool reads; any other key passes through in ``extra``.
    public static let knownKeys: Set<String> = [
        "id", "title", "reading", "kind", "truncated", "text", "sections", "captions", "source", "meta", "blocks",
    ]

    /// Reads a document from a JSON object as written by ``appendJSON(to:)``, or from any
    /// record with at least a string `textField` (HojiChar, datatrove and dolma records).
    ///
    /// Content comes from `blocks` when present, else from `sections` and `captions`, else
    /// from the text field split into lines (one paragraph block a line).
    /// - Parameters:
    ///   - defaultID: the id to use when the object has none.
    ///   - defaultSource: the source to use when the object has none.
    public init(
        json object: JSONObject, textField: String = "text", defaultID: String, defaultSource: SourceLocation
    ) throws(DocumentDecodingError) {
        func fail(_ reason: Rejection.Reason, _ message: String) -> DocumentDecodingError {
            DocumentDecodingError(reason: reason, message: message)
        }
        func optionalString(_ key: String) throws(DocumentDecodingError) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case let v?: throw fail(.notAnObject, "field \"\(key)\" is \(v.kindDescription), expected a string or null")
            }
        }
        var source = defaultSource
        if let src = object["source"]?.objectValue {
            // A document that says where it came from is taken at its word: null stays null.
            source = SourceLocation(
                input: src["input"]?.stringValue ?? defaultSource.input, lineStart: src["line_start"]?.intValue,
                lineEnd: src["line_end"]?.intValue, record: src["record"]?.intValue)
        }
        var id = defaultID
        switch object["id"] {
        case .string(let s)?: id = s
        case .number(let n)?: id = n
        default: break
        }
        var kind = Kind.page
        if let k = try optionalString("kind") {
            guard let parsed = Kind(rawValue: k) else {
                throw fail(.notAnObject, "field \"kind\" is \"\(k)\"; expected page, article or fragment")
            }
            kind = parsed
        }
        var truncated = false
        if case .bool(let b)? = object["truncated"] { truncated = b }

        var blocks: [Block] = []
        if let array = object["blocks"]?.arrayValue {
            for item in array {
                guard let b = item.objectValue, let text = b["text"]?.stringValue,
                    let role = b["role"]?.stringValue.flatMap(Block.Role.init(rawValue:))
                else { throw fail(.notAnObject, "an entry of \"blocks\" lacks a valid \"role\" or a string \"text\"") }
                blocks.append(
                    Block(
                        role: role, text: text, line: b["line"]?.intValue, rule: b["rule"]?.stringValue,
                        signal: b["signal"]?.stringValue.flatMap(Block.Signal.init(rawValue:))))
            }
        } else if let sections = object["sections"]?.arrayValue, !sections.isEmpty, textField == "text" {
            for case .object(let s) in sections {
                if let h = s["heading"]?.stringValue { blocks.append(.heading(h, line: nil)) }
                for case .string(let p) in s["paragraphs"]?.arrayValue ?? [] { blocks.append(.paragraph(p, line: nil)) }
            }
            for case .string(let c) in object["captions"]?.arrayValue ?? [] { blocks.append(.caption(c, line: nil)) }
        } else {
            switch object[textField] {
            case .string(let text)?:
                var n = source.lineStart ?? 1
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    if !line.isEmpty { blocks.append(.paragraph(String(line), line: n)) }
                    n += 1
                }
            case nil:
                throw fail(.missingTextField, "the record has no \"\(textField)\" field")
            case let v?:
                throw fail(.textNotAString, "field \"\(textField)\" is \(v.kindDescription), expected a string")
            }
        }
        let meta = object["meta"]?.objectValue ?? JSONObject()
        var extra = JSONObject()
        for member in object.members where !Document.knownKeys.contains(member.key) && member.key != textField {
            extra.members.append(member)
        }
        self.init(
            id: id, title: try optionalString("title"), reading: try optionalString("reading"), kind: kind,
            truncated: truncated, blocks: blocks, source: source, meta: meta, extra: extra)
    }
}
