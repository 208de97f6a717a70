#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
internal import CICUShims

/// Turns a page that holds wiki source — the markup of @wiki or PukiWiki, as a dump of a
/// wiki's source or a saved edit box leaves it (catalogue §4 and §7) — back into the text
/// lines the other stages read:
///
/// - headings `*見出し`, `**見出し`, `***見出し` (PukiWiki's anchor `[#a1b2c3d4]` cut) are
///   marked for split-headings with ``UnwrapMarkdown/headingHint``;
/// - block plugins alone on a line (`#contents()`, `#comment()`, `#region`, `#author(…)`)
///   and comment lines (`// …`) are chrome; `#right(){文}` keeps its text;
/// - inline plugins keep the text they wrap and lose the rest (`&color(#999999){文}` → `文`,
///   `&br()`, `&ref(…)`, `&aname(x);` go), links keep their text (`[[名前>URL]]` → `名前`,
///   `[[ページ]]` → `ページ`), emphasis marks go (`''太字''`, `'''斜体'''`, `%%取消%%`),
///   PukiWiki's line-head styles (`COLOR(red):`, `CENTER:`), its line-end `~` and its
///   footnotes `((…))` go;
/// - list marks (`-`, `--`, `+`, `++`) and quote marks (`>`) go, the item keeps a hint so
///   that split-captions does not take it for a caption; table rows (`|a|b|h`) are set
///   aside, as are rules (`----`).
///
/// Only a page that shows source passes through: one line at least with a plugin, an alias
/// link or a PukiWiki anchor (a sign of source among its first 24 lines), and two signals of
/// markup in all (a lone `*` list of a MediaWiki dump is no source), one of them on a line of
/// markup of its own (prose explaining wiki syntax shows inline markup only). Others pass unchanged.
public struct UnwrapWikiSource: InfallibleStage {
    public static let identifier = "unwrap-wiki-source"
    public static let summary = "Unwrap pages that hold @wiki or PukiWiki source: keep text, drop plugins and markup; mark headings."

    static let pluginRule = "wiki-source.plugin"
    static let markRule = "wiki-source.mark"
    static let commentRule = "wiki-source.comment"
    static let tableRule = "wiki-source.table"
    static let ruleRule = "wiki-source.rule"
    static let noteRule = "wiki-source.note"

    public init() {}

    public func apply(to document: consuming Document, context: inout StageContext) -> [Document] {
        applyInPlace(to: document, context: &context)
    }

    /// The stage on the document in place (always one document goes on: nil).
    public func apply(inPlace document: inout Document, context: inout StageContext) -> [Document]? {
        guard Self.showsWikiSource(document.blocks) else {
            guard Self.showsMediaWikiText(document.blocks) else { return nil }
            let doc = document
            var out: [Block] = []
            out.reserveCapacity(doc.blocks.count)
            for block in doc.blocks {
                guard block.role == .paragraph else { out.append(block); continue }
                if let text = Self.unwrapMediaWiki(block.text, line: block.line, context: &context) {
                    out.append(text == block.text ? block : Block(role: .paragraph, text: text, line: block.line, rule: block.rule))
                } else {
                    out.append(Block(role: .chrome, text: block.text, line: block.line, rule: Self.mediaWikiRefRule))
                }
            }
            document.blocks = out
            return nil
        }
        let doc = document
        var out: [Block] = []
        out.reserveCapacity(doc.blocks.count)
        for block in doc.blocks {
            guard block.role == .paragraph else { out.append(block); continue }
            let line = block.line
            let bytes = Array(block.text.utf8)
            let trimmed = Self.trimmed(bytes)
            switch Self.lineKind(trimmed) {
            case .comment:
                out.append(context.removing(block, rule: Self.commentRule))
            case .rule:
                out.append(context.removing(block, rule: Self.ruleRule))
            case .table:
                out.append(context.removing(block, rule: Self.tableRule))
            case .plugin(let body):
                // `#right(){文}`: the text it wraps; any other block plugin is chrome.
                if let body, case let text = Self.unwrapInline(body, line: line, context: &context), !text.isEmpty {
                    context.recordRemoval(rule: Self.pluginRule, text: String(decoding: trimmed, as: UTF8.self), line: line)
                    out.append(.paragraph(text, line: line))
                } else {
                    out.append(context.removing(block, rule: Self.pluginRule))
                }
            case .heading(let markEnd):
                context.recordRemoval(rule: Self.markRule, text: String(decoding: trimmed[..<markEnd], as: UTF8.self), line: line)
                var head = Array(trimmed[markEnd...])
                if let anchor = Self.anchorStart(head) {
                    context.recordRemoval(rule: Self.markRule, text: String(decoding: head[anchor...], as: UTF8.self), line: line)
                    head = Self.trimmed(Array(head[..<anchor]))
                }
                let text = Self.unwrapInline(head, line: line, context: &context)
                out.append(
                    text.isEmpty
                        ? Block(role: .chrome, text: block.text, line: line, rule: Self.markRule)
                        : Block(role: .paragraph, text: text, line: line, rule: UnwrapMarkdown.headingHint))
            case .item(let markEnd):
                context.recordRemoval(rule: Self.markRule, text: String(decoding: trimmed[..<markEnd], as: UTF8.self), line: line)
                let text = Self.unwrapInline(Array(trimmed[markEnd...]), line: line, context: &context)
                out.append(
                    text.isEmpty
                        ? Block(role: .chrome, text: block.text, line: line, rule: Self.markRule)
                        : Block(role: .paragraph, text: text, line: line, rule: RejoinLines.listItemHint))
            case .text:
                let text = Self.unwrapInline(trimmed, line: line, context: &context)
                if text.isEmpty {
                    out.append(Block(role: .chrome, text: block.text, line: line, rule: Self.pluginRule))
                } else {
                    out.append(text == block.text ? block : .paragraph(text, line: line))
                }
            }
        }
        document.blocks = out
        return nil
    }

    // MARK: - Which pages

    /// The block plugins of @wiki and PukiWiki that stand alone on a line.
    static let blockPlugins: Set<String> = [
        "contents", "comment", "pcomment", "article", "region", "endregion", "right", "center", "left", "ref", "author",
        "freeze", "norelated", "nofollow", "vote", "vote2", "vote3", "include", "includex", "ls", "ls2", "lsx", "image", "exk", "hr",
        "clear", "br", "nicovideo", "youtube", "twitter", "recent", "online", "counter", "navi", "related", "rss", "calendar",
        "calendar2", "bugtrack", "tracker", "memo", "fold", "html", "table_edit2", "areaedit", "lastmod", "tag", "tagcloud",
        "newpage", "search", "bbs", "ranking", "topicpath", "backlink", "pageinfo",
    ]

    /// Whether the page's lines show wiki source (see the type's documentation).
    static func showsWikiSource(_ blocks: [Block]) -> Bool {
        // A strong signal starts with `#` or `*` at the line start, `&` and a letter, or `[[`,
        // and a page of source shows one near its top (`#contents()`, `*見出し`, a link in its
        // first paragraphs): a page with none in its first 24 lines (nearly every page) costs
        // two memchr calls a line for those lines.
        var looked = 0
        var mayBeSource = false
        for i in blocks.indices where blocks[i].role == .paragraph {
            if mayHoldStrongSignal(blocks[i].text) {
                mayBeSource = true
                break
            }
            looked += 1
            if looked == 24 { break }
        }
        guard mayBeSource else { return false }
        // Prose about wiki syntax (`&br()と書くと改行になる。リンクは[[表示名>URL]]のように書く。`)
        // shows inline markup only: a page of source also shows its structure in a line of
        // markup of its own (a block plugin, a heading, a table row, a rule, a comment).
        var strong = 0
        var weak = 0
        var lineMarkup = false
        for block in blocks where block.role == .paragraph {
            let t = Array(block.text.utf8)
            let (s, w) = signals(t)
            strong += s
            weak += w
            if !lineMarkup, s + w > 0 {
                switch lineKind(trimmed(t)) {
                case .plugin, .table, .rule, .comment: lineMarkup = true
                // A heading names a section; a sentence that opens with `*` (`*で始まる行は見出しになる。`) is prose.
                case .heading: lineMarkup = !block.text.containsKuten
                case .item, .text: break
                }
            }
            if lineMarkup && strong >= 1 && strong + weak >= 2 { return true }
        }
        return false
    }

    /// Whether a line may hold a strong signal (a block plugin, an inline plugin, an aliased
    /// link or a heading anchor): byte tests, and one scan for `&` and a letter or `[[`
    /// (``holdsInlineMark(_:level:)``). Inlined: a call of its own retained and released the text.
    @inline(__always)
    static func mayHoldStrongSignal(_ text: String) -> Bool {
        text.withUTF8Bytes { p in
            guard let base = p.baseAddress, p.count > 1 else { return false }
            return base[0] == 0x23 || base[0] == 0x2A || cicu_wiki_source_mark(base, Int64(p.count)) != 0
        }
    }

    /// `hasInlinePluginStart(p) || hasPair(p, 0x5B)` in one pass (`cicu_wiki_source_mark`: AVX2,
    /// the lanes of `&` and `[` 64 bytes a step, each read with the byte after it), with the vector
    /// loop of `level` at most (2: AVX2, 0: bytes). The two `memchr` scans it replaces on a page's
    /// first lines cost 250 instructions a line on the 4 MB slice (6,400 lines: a call for each
    /// `[` of a footnote mark `[1]`, and two calls' overhead).
    static func holdsInlineMark(_ p: UnsafeBufferPointer<UInt8>, level: Int32 = 2) -> Bool {
        guard let base = p.baseAddress else { return false }
        return cicu_wiki_source_mark_at_level(base, Int64(p.count), level) != 0
    }

    /// Whether `byte` comes twice in a row in `p[0..<n]` (`[[`, `''`, `%%`), found with memchr.
    static func hasPair(_ p: UnsafePointer<UInt8>, _ n: Int, _ byte: UInt8) -> Bool {
        var i = 0
        while i + 1 < n, let hit = memchr(p + i, Int32(byte), n - i - 1) {
            let k = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if p[k + 1] == byte { return true }
            i = k + 1
        }
        return false
    }

    /// Whether an `&` followed by an ASCII letter is in `p[0..<n]`.
    static func hasInlinePluginStart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 1 < n, let hit = memchr(p + i, 0x26, n - i - 1) {
            let k = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if isLetter(p[k + 1]) { return true }
            i = k + 1
        }
        return false
    }

    /// The strong and weak signals of source in one line.
    static func signals(_ b: [UInt8]) -> (strong: Int, weak: Int) {
        var strong = 0
        var weak = 0
        let t = trimmed(b)
        switch lineKind(t) {
        case .plugin: strong += 1
        case .heading(let end):
            if anchorStart(Array(t[end...])) != nil { strong += 1 } else { weak += 1 }
        case .table, .rule, .comment: weak += 1
        case .item, .text: break
        }
        if inlinePluginCount(t) > 0 { strong += 1 }
        if aliasLinkCount(t) > 0 { strong += 1 }
        if contains(t, "''") || contains(t, "%%") { weak += 1 }
        return (strong, weak)
    }

    // MARK: - Line kinds

    enum LineKind: Equatable {
        case comment, rule, table, text
        /// A block plugin; the text it wraps in `{…}`, if any.
        case plugin([UInt8]?)
        /// A heading; where its `*` marks end.
        case heading(Int)
        /// A list or quote item; where its marks end.
        case item(Int)
    }

    static func lineKind(_ t: [UInt8]) -> LineKind {
        guard let first = t.first else { return .text }
        switch first {
        case 0x2F where t.count >= 2 && t[1] == 0x2F:  // `//`
            return .comment
        case 0x23:  // `#plugin`, `#plugin(…)`, `#plugin(…){…}`
            var i = 1
            while i < t.count, isLetter(t[i]) || isDigit(t[i]) || t[i] == 0x5F { i += 1 }
            guard i > 1, blockPlugins.contains(String(decoding: t[1..<i], as: UTF8.self).lowercased()) else { return .text }
            if i < t.count, t[i] == 0x28 {  // `(`: to its `)`
                guard let close = t[i...].firstIndex(of: 0x29) else { return .text }
                i = close + 1
            }
            if i < t.count, t[i] == 0x7B {  // `{…}`: the text it wraps
                var end = t.count
                while end > i + 1, t[end - 1] == 0x7D { end -= 1 }
                return .plugin(trimmed(Array(t[(i + 1)..<end])))
            }
            return i == t.count || t[i] == 0x3B ? .plugin(nil) : .text
        case 0x2A:  // `*`, `**`, `***`
            var i = 0
            while i < t.count, t[i] == 0x2A { i += 1 }
            guard i <= 3, i < t.count, t[i] != 0x20 || i < t.count - 1 else { return .text }
            return .heading(i)
        case 0x2D:  // `----` or a list item `-`, `--`, `---`
            var i = 0
            while i < t.count, t[i] == 0x2D { i += 1 }
            if i >= 4 && i == t.count { return .rule }
            guard i <= 3, i < t.count else { return .text }
            return .item(i)
        case 0x2B, 0x3E:  // `+` numbered, `>` quote
            var i = 0
            while i < t.count, t[i] == first { i += 1 }
            guard i <= 3, i < t.count else { return .text }
            return .item(i)
        case 0x7C:  // `|a|b|`, `|a|b|h`
            var end = t.count
            if end > 1, t[end - 1] == 0x68 || t[end - 1] == 0x66 || t[end - 1] == 0x63 { end -= 1 }  // h f c
            return t.count >= 3 && t[end - 1] == 0x7C ? .table : .text
        default:
            return .text
        }
    }

    /// Where PukiWiki's heading anchor ` [#a1b2c3d4]` starts at the end of a heading.
    static func anchorStart(_ h: [UInt8]) -> Int? {
        guard h.count >= 4, h.last == 0x5D, let open = h.lastIndex(of: 0x5B), open + 2 < h.count - 1, h[open + 1] == 0x23 else { return nil }
        guard h[(open + 2)..<(h.count - 1)].allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x5F || $0 == 0x2D }) else { return nil }
        var s = open
        while s > 0, h[s - 1] == 0x20 { s -= 1 }
        return s
    }

    // MARK: - Inline markup

    /// The inline plugins of @wiki and PukiWiki that keep the text they wrap in `{…}` (and
    /// lose their arguments); any other `&name(…)` goes whole.
    static let styles: Set<String> = [
        "color", "size", "bold", "b", "i", "u", "s", "del", "ins", "fsize", "big", "small", "sup", "sub", "bgcolor", "font",
        "highlight", "ruby", "tooltip", "abbr",
    ]
    /// `&name;` forms of PukiWiki that go (a line break, a face, the page name, a date).
    static let bareInline: Set<String> = [
        "br", "heart", "smile", "bigsmile", "huh", "oh", "wink", "sad", "worried", "page", "fpage", "date", "time", "now",
        "lastmod", "t",
    ]

    static func inlinePluginCount(_ t: [UInt8]) -> Int {
        var n = 0
        var i = 0
        while i < t.count {
            if t[i] == 0x26, let (end, _) = inlinePlugin(t, at: i) {
                n += 1
                i = end
            } else {
                i += 1
            }
        }
        return n
    }

    static func aliasLinkCount(_ t: [UInt8]) -> Int {
        var n = 0
        var i = 0
        while i + 1 < t.count {
            if t[i] == 0x5B && t[i + 1] == 0x5B, let (end, _, alias) = link(t, at: i), alias {
                n += 1
                i = end
            } else {
                i += 1
            }
        }
        return n
    }

    /// An inline plugin at `i` (at `&`): where it ends and the text it keeps.
    static func inlinePlugin(_ t: [UInt8], at i: Int) -> (end: Int, kept: [UInt8])? {
        var j = i + 1
        while j < t.count, isLetter(t[j]) || isDigit(t[j]) || t[j] == 0x5F { j += 1 }
        guard j > i + 1, let first = t.get(i + 1), isLetter(first) else { return nil }
        let name = String(decoding: t[(i + 1)..<j], as: UTF8.self).lowercased()
        if j < t.count, t[j] == 0x3B {  // `&br;`
            return bareInline.contains(name) ? (j + 1, []) : nil
        }
        guard j < t.count, t[j] == 0x28, let close = t[j...].firstIndex(of: 0x29) else { return nil }  // `(…)`
        var end = close + 1
        var kept: [UInt8] = []
        if end < t.count, t[end] == 0x7B, let brace = matchingBrace(t, end) {  // `{…}`
            kept = styles.contains(name) ? Array(t[(end + 1)..<brace]) : []
            end = brace + 1
        }
        if end < t.count, t[end] == 0x3B { end += 1 }  // PukiWiki's closing `;`
        return (end, kept)
    }

    /// The `}` that closes the `{` at `i`.
    static func matchingBrace(_ t: [UInt8], _ i: Int) -> Int? {
        var depth = 0
        var j = i
        while j < t.count {
            if t[j] == 0x7B { depth += 1 } else if t[j] == 0x7D {
                depth -= 1
                if depth == 0 { return j }
            }
            j += 1
        }
        return nil
    }

    /// A link at `i` (at `[[`): where it ends, the text it keeps, and whether it has an alias
    /// (`名前>先`, `名前>>先`, `名前:URL`).
    static func link(_ t: [UInt8], at i: Int) -> (end: Int, kept: [UInt8], alias: Bool)? {
        var j = i + 2
        while j + 1 < t.count, !(t[j] == 0x5D && t[j + 1] == 0x5D) {
            if t[j] == 0x5B && t[j + 1] == 0x5B { return nil }
            j += 1
        }
        guard j + 1 < t.count else { return nil }
        let inner = Array(t[(i + 2)..<j])
        guard !inner.isEmpty else { return nil }
        if let gt = inner.firstIndex(of: 0x3E), gt > 0 {  // `名前>先`
            return (j + 2, Array(inner[..<gt]), true)
        }
        // `名前:http…` (PukiWiki's alias of a URL); a page name may hold `:` otherwise.
        if let colon = inner.firstIndex(of: 0x3A), colon > 0, inner[(colon + 1)...].starts(with: Array("http".utf8)) {
            return (j + 2, Array(inner[..<colon]), true)
        }
        var page = inner
        if let hash = page.firstIndex(of: 0x23), hash > 0 { page = Array(page[..<hash]) }  // `ページ#anchor`
        return (j + 2, page, false)
    }

    /// The text of a line of source: plugins, links, emphasis, styles and notes unwrapped.
    static func unwrapInline(_ t: [UInt8], line: Int?, context: inout StageContext) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var i = 0
        // PukiWiki's line-head styles: `COLOR(red):`, `SIZE(20):`, `BGCOLOR(…):`, `LEFT:`, `CENTER:`, `RIGHT:`, `BOLD:`.
        while let end = lineHeadStyleEnd(t, at: i) {
            context.recordRemoval(rule: markRule, text: String(decoding: t[i..<end], as: UTF8.self), line: line)
            i = end
        }
        var removed: [UInt8] = []
        func flushRemoved(_ rule: String) {
            guard !removed.isEmpty else { return }
            context.recordRemoval(rule: rule, text: String(decoding: removed, as: UTF8.self), line: line)
            removed.removeAll(keepingCapacity: true)
        }
        while i < t.count {
            let b = t[i]
            if b == 0x26, let (end, kept) = inlinePlugin(t, at: i) {
                removed = Array(t[i..<end])
                flushRemoved(pluginRule)
                out += trimmed(Array(unwrapInline(kept, line: line, context: &context).utf8))
                i = end
                continue
            }
            if b == 0x5B, i + 1 < t.count, t[i + 1] == 0x5B, let (end, kept, _) = link(t, at: i) {
                context.recordRemoval(rule: markRule, text: String(decoding: t[i..<end], as: UTF8.self), line: line)
                out += kept
                i = end
                continue
            }
            if b == 0x28, i + 1 < t.count, t[i + 1] == 0x28, let close = noteEnd(t, i) {  // `((注))`
                context.recordRemoval(rule: noteRule, text: String(decoding: t[i..<close], as: UTF8.self), line: line)
                i = close
                continue
            }
            if b == 0x27, i + 1 < t.count, t[i + 1] == 0x27 {  // `''` or `'''`
                let n = i + 2 < t.count && t[i + 2] == 0x27 ? 3 : 2
                context.recordRemoval(rule: markRule, text: String(repeating: "'", count: n), line: line)
                i += n
                continue
            }
            if b == 0x25, i + 1 < t.count, t[i + 1] == 0x25 {  // `%%` or `%%%`
                let n = i + 2 < t.count && t[i + 2] == 0x25 ? 3 : 2
                context.recordRemoval(rule: markRule, text: String(repeating: "%", count: n), line: line)
                i += n
                continue
            }
            out.append(b)
            i += 1
        }
        // PukiWiki's line break: a `~` that ends the line.
        var text = trimmed(out)
        if text.last == 0x7E, text.count >= 2, text[text.count - 2] != 0x7E {
            context.recordRemoval(rule: markRule, text: "~", line: line)
            text = trimmed(Array(text.dropLast()))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The end of PukiWiki's footnote `((…))` at `i`.
    static func noteEnd(_ t: [UInt8], _ i: Int) -> Int? {
        var j = i + 2
        while j + 1 < t.count {
            if t[j] == 0x29 && t[j + 1] == 0x29 { return j > i + 2 ? j + 2 : nil }
            j += 1
        }
        return nil
    }

    static let lineHeadStyles = ["LEFT:", "CENTER:", "RIGHT:", "BOLD:"].map { Array($0.utf8) }
    static let lineHeadStylesWithArgument = ["COLOR(", "SIZE(", "BGCOLOR("].map { Array($0.utf8) }

    /// The end of a PukiWiki line-head style at `i`, if one is there.
    static func lineHeadStyleEnd(_ t: [UInt8], at i: Int) -> Int? {
        let rest = t[i...]
        for s in lineHeadStyles where rest.starts(with: s) { return i + s.count }
        for s in lineHeadStylesWithArgument where rest.starts(with: s) {
            guard let close = rest.firstIndex(of: 0x29), close + 1 < t.count, t[close + 1] == 0x3A else { return nil }
            return close + 2
        }
        return nil
    }

    // MARK: - Bytes

    static func trimmed(_ b: [UInt8]) -> [UInt8] {
        var s = 0
        var e = b.count
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return s == 0 && e == b.count ? b : Array(b[s..<e])
    }

    static func contains(_ t: [UInt8], _ s: String) -> Bool {
        let n = Array(s.utf8)
        guard t.count >= n.count else { return false }
        for i in 0...(t.count - n.count) where t[i] == n[0] && Array(t[i..<(i + n.count)]) == n { return true }
        return false
    }

    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}

extension Array where Element == UInt8 {
    fileprivate func get(_ i: Int) -> UInt8? { i >= 0 && i < count ? self[i] : nil }
}
