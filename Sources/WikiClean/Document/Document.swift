/// A document flowing through the pipeline: first a raw page from a reader, then, after
/// `detect-boundaries`, an article or a fragment with a title and sections.
///
/// It is a value: every stage takes one and returns new ones. Its content is an ordered
/// list of ``Block``s; `text`, `sections` and `captions` in the output are derived from them.
public struct Document: Sendable, Hashable {
    /// What a document is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A raw page or record not yet split into documents.
        case page
        /// A full article.
        case article
        /// A stray entry: a truncated preview of another article, a lone title or reading.
        case fragment
    }

    // `kind` is declared first so that the memberwise initializer the compiler makes
    // (`init(kind:storedID:title:reading:truncated:blocks:source:meta:extra:)`, internal)
    // differs from the public one below, which calls it (see ``Block``'s).
    public var kind: Kind
    /// The id, kept as its parts when the pipeline made it (``DocumentID``): the JSON writer
    /// writes its text, and no `String` is made for it per document.
    var storedID: DocumentID
    /// Stable, unique within a run, derived from input and position (`dump.txt:3`).
    ///
    /// Made from its parts (input, record, line) when read: the pipeline keeps those, and
    /// writes the text straight into its output. Setting it keeps the text as given.
    public var id: String {
        get { storedID.text }
        set { storedID = DocumentID(text: newValue) }
    }
    public var title: String?
    /// Kana reading of the title, from the lead (`タイトル(よみ、…)は`).
    public var reading: String?
    /// True when the document is cut off (a preview ending in `...` or `…`).
    public var truncated: Bool
    public var blocks: [Block]
    public var source: SourceLocation
    /// The input record's other fields (JSON Lines input), in their input order.
    public var meta: JSONObject
    /// Top-level fields this tool does not know, passed through untouched after `meta`.
    public var extra: JSONObject

    /// A section of the output: a heading (nil for the lead) and its paragraphs.
    public struct Section: Sendable, Hashable {
        public var heading: String?
        public var paragraphs: [String]
        public init(heading: String?, paragraphs: [String]) {
            self.heading = heading
            self.paragraphs = paragraphs
        }
    }

    /// Headings and paragraphs grouped into sections, in order. The lead section (heading
    /// nil) is always first, even when empty, so that a document's first section is its lead.
    public var sections: [Section] {
        var out = [Section(heading: nil, paragraphs: [])]
        for block in blocks {
            switch block.role {
            case .heading: out.append(Section(heading: block.text, paragraphs: []))
            case .paragraph: out[out.count - 1].paragraphs.append(block.text)
            case .caption, .chrome: break
            }
        }
        return out
    }

    /// Captions in order.
    public var captions: [String] {
        blocks.lazy.filter { $0.role == .caption }.map(\.text)
    }

    /// Headings and paragraphs in order, one per line, without captions and chrome.
    public var text: String {
        var out = ""
        var first = true
        for block in blocks where block.role == .heading || block.role == .paragraph {
            if !first { out.append("\n") }
            out.append(block.text)
            first = false
        }
        return out
    }
}

extension Document {
    /// Delegates to the memberwise initializer, declared in an extension so that the compiler
    /// still makes one: written field by field, an initializer of its own built the document
    /// twice where it was inlined, the first copied over (every field retained) and the second
    /// destroyed (as ``Block``'s did).
    public init(
        id: String, title: String? = nil, reading: String? = nil, kind: Kind = .page,
        truncated: Bool = false, blocks: [Block] = [], source: SourceLocation,
        meta: JSONObject = JSONObject(), extra: JSONObject = JSONObject()
    ) {
        self.init(
            kind: kind, storedID: DocumentID(text: id), title: title, reading: reading, truncated: truncated, blocks: blocks, source: source, meta: meta,
            extra: extra)
    }

    /// The same, with the id as its parts (``DocumentID``), as the readers and stages make it.
    init(
        storedID: DocumentID, kind: Kind = .page, blocks: [Block] = [], source: SourceLocation,
        meta: JSONObject = JSONObject(), extra: JSONObject = JSONObject()
    ) {
        self.init(
            kind: kind, storedID: storedID, title: nil, reading: nil, truncated: false, blocks: blocks, source: source, meta: meta,
            extra: extra)
    }
}
