/// Turns a page scraped to Markdown (Jina Reader, Firecrawl, html2text, trafilatura's
/// `output_format="markdown"`) back into the text lines the other stages read: a link keeps
/// its text and loses its URL (`[ソビエト連邦](https://…)` → `ソビエト連邦`, so a footnote link
/// `[[1]](#cite_note-1)` becomes the `[1]` that strip-chrome knows, and an edit link
/// `[[編集](…)]` the `[編集]` that split-headings knows), images go, list marks and `**` go,
/// tables are set aside, and headings (`## 見出し`, or a line underlined with `---`) are
/// marked for split-headings with the paragraph hint ``headingHint``. A page's first
/// `# タイトル` or `===`-underlined line before any sentence is its title (page header,
/// chrome). The line under a thumbnail is its caption when it reads like one.
///
/// Pages that show no Markdown (no link, image, heading mark, setext underline or table
/// rule, no Jina `Markdown Content:` line) pass unchanged.
public struct UnwrapMarkdown: InfallibleStage {
    public static let identifier = "unwrap-markdown"
    public static let summary = "Unwrap pages scraped to Markdown: keep link text, drop URLs, images, list marks and tables; mark headings."

    /// The `rule` of a paragraph that Markdown marks as a heading; split-headings makes it one.
    public static let headingHint = "markdown.heading"
    static let linkRule = "markdown.link"
    static let imageRule = "markdown.image"
    static let markRule = "markdown.mark"
    static let titleRule = "markdown.title"
    static let tableRule = "markdown.table"
    static let ruleRule = "markdown.rule"

    /// Longest caption under an image, in characters.
    public var maximumCaptionLength: Int

    public init(maximumCaptionLength: Int = 100) {
        self.maximumCaptionLength = maximumCaptionLength
    }

    public func apply(to document: consuming Document, context: inout StageContext) -> [Document] {
        applyInPlace(to: document, context: &context)
    }

    /// The stage on the document in place (always one document goes on: nil).
    public func apply(inPlace document: inout Document, context: inout StageContext) -> [Document]? {
        guard Self.pageShowsMarkdown(document.blocks) else { return nil }
        let doc = document
        let table = Self.tableLines(doc.blocks)
        var out: [Block] = []
        out.reserveCapacity(doc.blocks.count)
        // The index in `out` of an image line whose caption may follow.
        var imageLine: Int?
        // Indices in `out` of list items (a `---` under one is a rule, not an underline).
        var listItems = Set<Int>()
        // The page title comes before the body: once a sentence went by, an h1 is a heading.
        var sawTitle = false
        var sawText = false
        for (k, block) in doc.blocks.enumerated() {
            guard block.role == .paragraph else { out.append(block); continue }
            let line = block.line
            let after = imageLine
            imageLine = nil
            if table.contains(k) {
                out.append(context.removing(block, rule: Self.tableRule))
                continue
            }
            let trimmed = block.text.trimmingSpaces
            // A setext underline: the line above is a heading (`---`) or the page title (`===`).
            if let u = Self.underline(trimmed) {
                if let prev = out.indices.last, out[prev].role == .paragraph, !listItems.contains(prev), let pl = out[prev].line, let l = line,
                    pl == l - 1, isShort(out[prev].text)
                {
                    context.recordRemoval(rule: Self.markRule, text: trimmed, line: line)
                    out.append(Block(role: .chrome, text: block.text, line: line, rule: Self.markRule))
                    if u == "=" && !sawTitle && !sawText {
                        sawTitle = true
                        out[prev] = context.removing(out[prev], rule: Self.titleRule)
                    } else {
                        out[prev].rule = Self.headingHint
                    }
                    continue
                }
                out.append(context.removing(block, rule: Self.ruleRule))
                continue
            }
            if Self.isThematicBreak(trimmed) { out.append(context.removing(block, rule: Self.ruleRule)); continue }
            // `## 見出し`: the heading text, hinted; the first `# タイトル` is the page title.
            if let (level, mark, head) = Self.atxHeading(trimmed) {
                if level == 1 && !sawTitle && !sawText {
                    sawTitle = true
                    out.append(context.removing(block, rule: Self.titleRule))
                    continue
                }
                context.recordRemoval(rule: Self.markRule, text: mark, line: line)
                let (text, images, _, _) = Self.unwrapInline(head, line: line, context: &context)
                if text.trimmingSpaces.isEmpty { out.append(Block(role: .chrome, text: block.text, line: line, rule: images > 0 ? Self.imageRule : Self.linkRule)); continue }
                out.append(Block(role: .paragraph, text: text.trimmingSpaces, line: line, rule: Self.headingHint))
                continue
            }
            var body = trimmed
            var listItem = false
            if let (mark, rest) = Self.blockMark(body) {
                context.recordRemoval(rule: Self.markRule, text: mark, line: line)
                body = rest
                listItem = true
            }
            if listItem { listItems.insert(out.count) }
            let (text, images, figures, leadingFigure) = Self.unwrapInline(body, line: line, context: &context)
            let kept = text.trimmingSpaces
            if kept.isEmpty {
                out.append(Block(role: .chrome, text: block.text, line: line, rule: images > 0 ? Self.imageRule : (listItem ? Self.markRule : Self.linkRule)))
                // A figure (an image line, not a list of badges or a logo link) whose caption may follow.
                if figures > 0 && !listItem { imageLine = out.count - 1 }
                continue
            }
            // The caption of a figure: under its image, or after it on the same line.
            if !listItem, leadingFigure || (after != nil && after == out.count - 1), isCaptionLike(kept) {
                context.recordRelabel(rule: Self.imageRule, text: kept, line: line, role: .caption)
                out.append(.caption(kept, line: line))
                continue
            }
            if !sawText && kept.containsKuten { sawText = true }
            out.append(kept == block.text ? block : .paragraph(kept, line: line))
        }
        document.blocks = out
        return nil
    }

    /// At most 80 characters, no `。`: a line that an underline can make a heading or a title.
    private func isShort(_ text: String) -> Bool {
        text.utf8.count <= 4 * 80 && text.unicodeScalars.count <= 80 && !text.containsKuten
    }

    /// Short, no sentence end: the caption of a figure.
    func isCaptionLike(_ text: String) -> Bool {
        let n = text.unicodeScalars.count
        return n > 0 && n <= maximumCaptionLength && !text.containsKuten
    }

    // MARK: - Recognising a Markdown page

    /// Whether a paragraph of the page ``showsMarkdown(_:)``, each one's bytes read in place (by
    /// index: `contains(where:)` copied every block; and a text handed on from the stage's
    /// document was retained and released for each line, where the bytes of an array passed in
    /// are read as they are).
    static func pageShowsMarkdown(_ blocks: [Block]) -> Bool {
        for i in blocks.indices where blocks[i].role == .paragraph {
            let (link, shape) = blocks[i].text.withUTF8Bytes(marks)
            if link || (shape && showsShape(blocks[i].text)) { return true }
        }
        return false
    }

    /// Whether a line shows Markdown: a link or image (`](`), the Jina Reader header's
    /// `Markdown Content:`, an ATX heading mark, a setext underline or a table rule.
    static func showsMarkdown(_ text: String) -> Bool {
        let (link, shape) = text.withUTF8Bytes(marks)
        return link || (shape && showsShape(text))
    }

    /// What the bytes of a line tell at once: whether it holds a link mark `](`, and whether it
    /// opens with a byte the other shapes open with (`#`, `-`, `=`, `|`, `:` or `M`).
    private static func marks(_ p: UnsafeBufferPointer<UInt8>) -> (link: Bool, shape: Bool) {
        let linkMark: StaticString = "]("
        let link = UTF8Scan.find(UnsafeBufferPointer(start: linkMark.utf8Start, count: 2), in: p) != nil
        guard let f = p.first else { return (link, false) }
        return (link, f == 0x23 || f == 0x2D || f == 0x3D || f == 0x7C || f == 0x3A || f == 0x4D)
    }

    /// The shapes other than a link (of a line ``marks(_:)`` let through): `Markdown Content:`,
    /// an ATX heading of level 2 or deeper (`# x` alone could be a wikitext numbered list item),
    /// an underline, a table rule.
    private static func showsShape(_ text: String) -> Bool {
        let t = text.trimmingSpaces
        return t == "Markdown Content:" || (atxHeading(t)?.level ?? 0) >= 2 || (t.count >= 2 && underline(t) != nil) || isTableRule(t)
    }

    // MARK: - Block shapes

    /// `---` or `===` (turndown underlines a heading with as many marks as it has characters,
    /// so `虹` gets one): which character.
    static func underline(_ t: String) -> Character? {
        guard let c = t.first, c == "-" || c == "=", t.allSatisfy({ $0 == c }) else { return nil }
        return c
    }

    /// `***`, `* * *`, `___`, `- - -`: a horizontal rule.
    static func isThematicBreak(_ t: String) -> Bool {
        let s = t.filter { $0 != " " }
        guard s.count >= 3, let c = s.first, c == "*" || c == "_" || c == "-" else { return false }
        return s.allSatisfy { $0 == c }
    }

    /// `## 見出し` (1 to 6 `#`, a space, optional closing `#`s): the level, the marks and the text.
    static func atxHeading(_ t: String) -> (level: Int, mark: String, text: String)? {
        let u = Array(t.unicodeScalars)
        var n = 0
        while n < u.count, u[n] == "#" { n += 1 }
        guard n >= 1, n <= 6, n < u.count, u[n] == " " else { return nil }
        var e = u.count
        while e > n, u[e - 1] == "#" { e -= 1 }
        if e < u.count, e > n, u[e - 1] != " " { e = u.count }  // `C#` is text
        let text = String(String.UnicodeScalarView(u[(n + 1)..<e])).trimmingSpaces
        guard !text.isEmpty else { return nil }
        return (n, String(String.UnicodeScalarView(u[0...n])), text)
    }

    /// A list or quote mark opening a line (`*   `, `- `, `+ `, `1.  `, `2) `, `> `): the mark
    /// (with the spaces after it) and the rest.
    static func blockMark(_ t: String) -> (String, String)? {
        let u = Array(t.unicodeScalars)
        var i = 0
        if i < u.count, u[i] == "*" || u[i] == "-" || u[i] == "+" || u[i] == ">" {
            i += 1
        } else {
            while i < u.count, i < 9, ("0"..."9").contains(u[i]) { i += 1 }
            guard i > 0, i < u.count, u[i] == "." || u[i] == ")" else { return nil }
            i += 1
        }
        let markEnd = i
        while i < u.count, u[i] == " " || u[i] == "\t" { i += 1 }
        guard i > markEnd || (u[0] == ">" && i < u.count) else { return nil }
        guard i < u.count else { return nil }
        return (String(String.UnicodeScalarView(u[0..<i])), String(String.UnicodeScalarView(u[i...])))
    }

    /// `| --- | :---: |`, or `---|---` (html2text writes tables without the outer pipes): the
    /// rule under a table's header row.
    /// Each cell is hyphens with a colon at either end or none (`---`, `:--`, three characters
    /// or more); with no pipe at both ends there are two cells or more, so that wikitext's `|-`
    /// and `|----` are no rule.
    static func isTableRule(_ t: String) -> Bool {
        guard t.contains("|"), t.contains("-"), t.allSatisfy({ $0 == "|" || $0 == "-" || $0 == ":" || $0 == " " }) else { return false }
        let compact = t.filter { $0 != " " }
        var cells = compact.split(separator: "|", omittingEmptySubsequences: false)
        let closed = compact.hasPrefix("|") && compact.hasSuffix("|") && compact.count > 1
        if compact.hasPrefix("|") { cells.removeFirst() }
        if compact.hasSuffix("|"), !cells.isEmpty { cells.removeLast() }
        guard !cells.isEmpty, closed || cells.count >= 2 else { return false }
        return cells.allSatisfy { cell in
            let dashes = cell.drop { $0 == ":" }.reversed().drop { $0 == ":" }
            return cell.count >= 3 && !dashes.isEmpty && dashes.allSatisfy { $0 == "-" }
        }
    }

    /// The blocks (indices) of Markdown tables: runs of lines on consecutive raw lines that
    /// hold a `|` and a table rule among them.
    static func tableLines(_ blocks: [Block]) -> Set<Int> {
        var out = Set<Int>()
        func isRow(_ b: Block) -> Bool { b.role == .paragraph && b.text.utf8.contains(0x7C) }
        func follows(_ a: Block, _ b: Block) -> Bool { a.line.map { l in b.line.map { $0 == l + 1 } ?? true } ?? true }
        var k = 0
        while k < blocks.count {
            guard isRow(blocks[k]) else { k += 1; continue }
            var j = k + 1
            while j < blocks.count, isRow(blocks[j]), follows(blocks[j - 1], blocks[j]) { j += 1 }
            if (k..<j).contains(where: { isTableRule(blocks[$0].text.trimmingSpaces) }) { out.formUnion(k..<j) }
            k = j
        }
        return out
    }

    // MARK: - Inline

    /// The text with links unwrapped (their text kept), images, `**` and escapes removed; how
    /// many images it held, how many of them are figures (an image alone, or a link to a file
    /// page or an image file: a thumbnail, not a logo or a badge), and whether it opens with one.
    static func unwrapInline(_ text: String, line: Int?, context: inout StageContext) -> (text: String, images: Int, figures: Int, leadingFigure: Bool) {
        guard text.contains("](") || text.contains("*") || text.contains("_") || text.contains("\\") else { return (text, 0, 0, false) }
        let u = Array(text.unicodeScalars)
        var images = 0
        var figures = 0
        var out = String.UnicodeScalarView()
        let emphasis = emphasisMarks(u)
        render(u, 0..<u.count, into: &out, images: &images, figures: &figures, emphasis: emphasis, line: line, context: &context)
        let leading = figures > 0 && (text.hasPrefix("![") || text.hasPrefix("[!["))
        return (String(out), images, figures, leading)
    }

    /// Whether a link destination is a file page (`ファイル:`, `File:`, `画像:`, `Image:`,
    /// percent-encoded or not) or an image file.
    static func isFileTarget(_ dest: String) -> Bool {
        let d = dest.lowercased()
        for w in ["ファイル:", "file:", "画像:", "image:", "%e3%83%95%e3%82%a1%e3%82%a4%e3%83%ab:", "%e7%94%bb%e5%83%8f:"] where d.contains(w) { return true }
        let path = d.split(separator: "?", maxSplits: 1).first.map(String.init) ?? d
        return [".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp"].contains { path.hasSuffix($0) || path.contains($0 + "/") }
    }

    private static func render(
        _ u: [Unicode.Scalar], _ range: Range<Int>, into out: inout String.UnicodeScalarView, images: inout Int, figures: inout Int,
        emphasis: Set<Int>, line: Int?, context: inout StageContext
    ) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = u[i]
            if c == "\\", i + 1 < end, "\\`*_{}[]()#+-.!|<>~\"'".unicodeScalars.contains(u[i + 1]) {
                context.recordRemoval(rule: markRule, text: "\\", line: line)
                out.append(u[i + 1])
                i += 2
                continue
            }
            if c == "*", i + 1 < end, u[i + 1] == "*" {
                context.recordRemoval(rule: markRule, text: "**", line: line)
                i += 2
                continue
            }
            if emphasis.contains(i) {
                context.recordRemoval(rule: markRule, text: String(c), line: line)
                i += 1
                continue
            }
            let bang = c == "!" && i + 1 < end && u[i + 1] == "["
            if c == "[" || bang, let link = parseLink(u, at: bang ? i + 1 : i, end: end) {
                let whole = String(String.UnicodeScalarView(u[i..<link.end]))
                var inner = String.UnicodeScalarView()
                var innerImages = 0
                var innerFigures = 0
                render(u, link.text, into: &inner, images: &innerImages, figures: &innerFigures, emphasis: emphasis, line: line, context: &context)
                if bang || (innerImages > 0 && String(inner).trimmingSpaces.isEmpty) {
                    // An image, or a link around nothing but an image.
                    images += 1
                    let dest = String(String.UnicodeScalarView(u[(link.text.upperBound + 2)..<(link.end - 1)]))
                    if bang || Self.isFileTarget(dest) { figures += 1 }
                    context.recordRemoval(rule: imageRule, text: whole, line: line)
                } else {
                    images += innerImages
                    context.recordRemoval(rule: linkRule, text: "[", line: line)
                    context.recordRemoval(rule: linkRule, text: String(String.UnicodeScalarView(u[link.text.upperBound..<link.end])), line: line)
                    out.append(contentsOf: inner)
                }
                i = link.end
                continue
            }
            out.append(c)
            i += 1
        }
    }

    /// The positions of single `_` and `*` that mark emphasis (`_Iris_`, Vector's
    /// `[_[要出典](…)_]`): an opener followed by a non-space and not after an ASCII letter or
    /// digit, paired with the next closer of the same mark that follows a non-space and is not
    /// followed by an ASCII letter or digit (so `snake_case` and `2*3*4` stay).
    static func emphasisMarks(_ u: [Unicode.Scalar]) -> Set<Int> {
        func isWord(_ k: Int) -> Bool { k >= 0 && k < u.count && u[k].isASCII && (u[k].properties.isAlphabetic || ("0"..."9").contains(u[k])) }
        func isSpace(_ k: Int) -> Bool { k < 0 || k >= u.count || u[k] == " " || u[k] == "\t" }
        func single(_ k: Int) -> Bool { (k == 0 || u[k - 1] != u[k]) && (k + 1 == u.count || u[k + 1] != u[k]) && (k == 0 || u[k - 1] != "\\") }
        var marks = Set<Int>()
        var i = 0
        while i < u.count {
            let c = u[i]
            guard c == "_" || c == "*", single(i), !isSpace(i + 1), !isWord(i - 1) else { i += 1; continue }
            var j = i + 2
            while j < u.count, !(u[j] == c && single(j) && !isSpace(j - 1) && !isWord(j + 1)) { j += 1 }
            guard j < u.count else { i += 1; continue }
            marks.insert(i)
            marks.insert(j)
            i = j + 1
        }
        return marks
    }

    /// Longest link text, destination and title read, in scalars. Every `[` of a line may
    /// start a link: without bounds, a line of unclosed links (`[a]([a]([a](…`) would be read
    /// to its end once per `[`, quadratic in the line's length.
    static let maximumLinkTextLength = 1000
    static let maximumDestinationLength = 2048

    /// `[text](destination "title")` starting at `i` (a `[`): the text's range and the end.
    /// A destination without angle brackets has no `[`, `]` or `<` (a URL has them encoded).
    static func parseLink(_ u: [Unicode.Scalar], at i: Int, end: Int) -> (text: Range<Int>, end: Int)? {
        guard i < end, u[i] == "[" else { return nil }
        var depth = 0
        var j = i
        var close: Int?
        let textEnd = min(end, i + 2 + maximumLinkTextLength)  // `[`, the text, `]`
        while j < textEnd {
            let c = u[j]
            if c == "\\" { j += 2; continue }
            if c == "[" { depth += 1 } else if c == "]" {
                depth -= 1
                if depth == 0 { close = j; break }
            }
            j += 1
        }
        guard let close, close + 1 < end, u[close + 1] == "(" else { return nil }
        // The destination: `<…>`, or no spaces with balanced parentheses; then an optional title.
        var k = close + 2
        let linkEnd = min(end, k + maximumDestinationLength + maximumLinkTextLength)
        if k < linkEnd, u[k] == "<" {
            while k < linkEnd, u[k] != ">" { k += 1 }
            guard k < linkEnd else { return nil }
            k += 1
        } else {
            var parens = 0
            let destinationEnd = min(linkEnd, k + maximumDestinationLength)
            while k < destinationEnd {
                let c = u[k]
                if c == " " || c == "\t" { break }
                if c == "[" || c == "]" || c == "<" { return nil }
                if c == "(" { parens += 1 } else if c == ")" {
                    if parens == 0 { break }
                    parens -= 1
                }
                k += 1
            }
        }
        while k < linkEnd, u[k] == " " { k += 1 }
        if k < linkEnd, u[k] == "\"" || u[k] == "'" {
            let q = u[k]
            k += 1
            while k < linkEnd, u[k] != q { k += 1 }
            guard k < linkEnd else { return nil }
            k += 1
            while k < linkEnd, u[k] == " " { k += 1 }
        }
        guard k < linkEnd, u[k] == ")" else { return nil }
        return ((i + 1)..<close, k + 1)
    }
}
