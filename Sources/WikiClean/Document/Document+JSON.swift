// MARK: - Encoding

extension Document {
    /// Appends the document as one JSON object (no newline), keys in the documented order:
    /// `id, title, reading, kind, truncated, text, sections, captions, source, meta`; a
    /// document still of kind `page` adds `blocks` (roles, raw lines and chrome rules, so
    /// that `wikiclean stage` can hand it to the next stage without loss); then any
    /// unknown top-level fields of the input record, untouched.
    public func appendJSON(to out: inout [UInt8]) {
        // Written straight from the blocks: `text` and `sections` are not built as strings
        // and arrays first (the escaping is byte by byte, so escaping the pieces gives the
        // bytes of escaping the whole).
        func key(_ k: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        }
        func optString(_ s: String?) {
            if let s { JSONWriter.appendString(s, to: &out) } else { key("null") }
        }
        func optInt(_ n: Int?) {
            if let n { JSONWriter.appendInt(n, to: &out) } else { key("null") }
        }
        key("{\"id\":"); JSONWriter.appendString(id, to: &out)
        key(",\"title\":"); optString(title)
        key(",\"reading\":"); optString(reading)
        switch kind {
        case .page: key(",\"kind\":\"page\"")
        case .article: key(",\"kind\":\"article\"")
        case .fragment: key(",\"kind\":\"fragment\"")
        }
        key(",\"truncated\":"); key(truncated ? "true" : "false")
        blocks.withUnsafeBufferPointer { blocks in
            // `text`: headings and paragraphs, one a line.
            key(",\"text\":\"")
            var first = true
            for i in blocks.indices where blocks[i].role == .heading || blocks[i].role == .paragraph {
                if !first { key("\\n") }
                JSONWriter.appendEscaped(blocks[i].text, to: &out)
                first = false
            }
            // `sections`: the lead (heading null, always there), then one a heading.
            key("\",\"sections\":[{\"heading\":null,\"paragraphs\":[")
            var firstInSection = true
            for i in blocks.indices {
                switch blocks[i].role {
                case .heading:
                    key("]},{\"heading\":"); JSONWriter.appendString(blocks[i].text, to: &out)
                    key(",\"paragraphs\":[")
                    firstInSection = true
                case .paragraph:
                    if !firstInSection { key(",") }
                    JSONWriter.appendString(blocks[i].text, to: &out)
                    firstInSection = false
                case .caption, .chrome: break
                }
            }
            key("]}],\"captions\":[")
            var firstCaption = true
            for i in blocks.indices where blocks[i].role == .caption {
                if !firstCaption { key(",") }
                JSONWriter.appendString(blocks[i].text, to: &out)
                firstCaption = false
            }
        }
        key("],\"source\":{\"input\":"); JSONWriter.appendString(source.input, to: &out)
        key(",\"line_start\":"); optInt(source.lineStart)
        key(",\"line_end\":"); optInt(source.lineEnd)
        key(",\"record\":"); optInt(source.record)
        key("},\"meta\":")
        if meta.members.isEmpty { key("{}") } else { JSONWriter.append(.object(meta), to: &out) }
        if kind == .page {
            key(",\"blocks\":[")
            for (k, block) in blocks.enumerated() {
                if k > 0 { key(",") }
                key("{\"role\":\""); out.append(contentsOf: block.role.rawValue.utf8)
                key("\",\"line\":"); optInt(block.line)
                if let rule = block.rule { key(",\"rule\":"); JSONWriter.appendString(rule, to: &out) }
                if let signal = block.signal {
                    key(",\"signal\":\""); out.append(contentsOf: signal.rawValue.utf8); key("\"")
                }
                key(",\"text\":"); JSONWriter.appendString(block.text, to: &out)
                key("}")
            }
            key("]")
        }
        for member in extra.members {
            key(",")
            JSONWriter.appendString(member.key, to: &out)
            key(":")
            JSONWriter.append(member.value, to: &out)
        }
        key("}")
    }


    /// The document as one line of JSON (no newline).
    public var jsonLine: String {
        var out: [UInt8] = []
        appendJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
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
