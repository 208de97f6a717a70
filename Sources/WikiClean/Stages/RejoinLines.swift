#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Undoes what text-mode scrapers do to a page's lines before the other stages read it:
///
/// - a text browser's dump (`w3m -dump`, `lynx -dump`) is hard-wrapped at the terminal's width
///   (80 columns), so a paragraph spans several raw lines with a blank line between paragraphs:
///   a line that fills the page's width is joined with the raw line right under it;
/// - BeautifulSoup's `get_text("\n")` puts every text node on a line of its own, so a
///   paragraph is cut at each link and the edit marker and footnote marks come as `[`, `編集`,
///   `]`: runs of lines on consecutive raw lines (the HTML's block breaks come out as blank
///   lines) are joined when they hold a sentence end or such a mark;
/// - w3m draws lists with `•` `◦` `▪` and toggles as `[ ] `, lynx lists with `*` `+` `o`, and
///   both number ordered lists `1. `: the marks go, the item's text stays;
/// - lynx numbers links `[12]` before their text and lists their URLs under `References` at the
///   end: the numbers and that list go;
/// - tables drawn with box-drawing characters (w3m) and rows of tab-separated cells (a
///   browser's select-all copy, three cells or more) are set aside, as unwrap-markdown sets
///   Markdown tables aside; a run of `- ` items (trafilatura's plain text) loses its marks.
/// - a furigana proxy (trans.hiragana.jp) writes a reading after each kanji word, between
///   spaces: the readings go (see `RubyReadings.swift`).
///
/// Pages that show none of these pass unchanged.
public struct RejoinLines: InfallibleStage {
    public static let identifier = "rejoin-lines"
    public static let summary = "Rejoin lines that text browsers wrapped and get_text() split; drop their list marks, link numbers and drawn tables."

    /// The `rule` of a paragraph that was a list item (its mark taken off): split-captions
    /// leaves it alone, as it leaves a line that opens with a list mark.
    public static let listItemHint = "list-item"
    static let markRule = "textdump.mark"
    static let tableRule = "textdump.table"
    static let linkNumberRule = "textdump.link-number"
    static let referencesRule = "textdump.references"
    static let imageRule = "textdump.image"

    public init() {}

    public func apply(to doc: consuming Document, context: inout StageContext) -> [Document] {
        applyInPlace(to: doc, context: &context)
    }

    /// The stage on the document in place (always one document goes on: nil).
    public func apply(inPlace doc: inout Document, context: inout StageContext) -> [Document]? {
        // What the page shows, read in one pass (most pages show nothing: each test below is
        // then answered from it, where each read the page again).
        let scan = PageScan(doc.blocks)
        // lynx's references end the page it dumped: lines after them are another page's, which
        // a dump concatenated after it, and are read as that page's (not as lynx's dump).
        let references = scan.mayHoldReferences ? Self.referencesStart(doc.blocks) : nil
        if let r = references {
            let end = Self.referencesEnd(doc.blocks, from: r)
            if doc.blocks[end...].contains(where: { $0.role == .paragraph }) {
                var head = copy doc, tail = copy doc
                head.blocks = Array(doc.blocks[..<end])
                tail.blocks = Array(doc.blocks[end...])
                doc.blocks = apply(to: head, context: &context).flatMap(\.blocks) + apply(to: tail, context: &context).flatMap(\.blocks)
                return nil
            }
        }
        var blocks = doc.blocks
        // Whether a join below changed the lines (else the references start where found above).
        var joined = false
        // (The scan's answers hold for the page as it came: after a join, the tests read the
        // joined blocks.)
        if scan.hasBlankLines, let width = Self.wrapWidth(blocks) {
            blocks = Self.joinWrapped(blocks, width: width)
            joined = true
        }
        if (joined || scan.mayShowSplitNodes) && Self.showsSplitNodes(blocks) {
            blocks = Self.joinSplitNodes(blocks)
            joined = true
        } else if joined ? Self.showsUnmarkedSplitNodes(blocks) : scan.showsUnmarkedSplitNodes {
            blocks = Self.joinUnmarkedSplitNodes(blocks)
            joined = true
        }
        if Self.showsRubyReadings(blocks) {
            blocks = Self.removingRubyReadings(blocks, context: &context)
            joined = true
        }
        let lynx = joined ? Self.referencesStart(blocks) : references
        let dump = lynx != nil || ((joined || scan.mayShowBrowserMarks) && Self.showsBrowserMarks(blocks))
        // Neither a browser's dump nor a page with a line that the loop below could change (a
        // tabbed row, a `- ` item, an empty line): the blocks go on as they are, uncopied.
        if !dump && !(joined ? Self.mayChangeALine(blocks) : scan.mayChangeALine) {
            doc.blocks = blocks
            return nil
        }
        // Which lines hold two tabs or more (cells of a copied table), read once.
        let tabbed = blocks.map { $0.role != .chrome && $0.text.containsByte(0x09, atLeast: 2) }
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        // The index in `out` after an image placeholder, where its caption may come.
        var afterImage: Int?
        let captionReader = UnwrapMarkdown()
        for (k, block) in blocks.enumerated() {
            guard block.role == .paragraph else { out.append(block); continue }
            if let r = lynx, k >= r { out.append(context.removing(block, rule: Self.referencesRule)); continue }
            if Self.isTableLine(block.text, dump: dump) || Self.isTabRow(tabbed, blocks, k) { out.append(context.removing(block, rule: Self.tableRule)); continue }
            var text = block.text
            if lynx != nil, text.hasPrefix("#[") { out.append(context.removing(block, rule: Self.linkNumberRule)); continue }  // lynx's `<link rel>` header
            if dump, text.unicodeScalars.allSatisfy({ $0 == "_" }) { out.append(context.removing(block, rule: Self.markRule)); continue }  // a text field
            if lynx != nil { text = Self.removingLinkNumbers(text, line: block.line, context: &context) }
            var listItem = false
            if let (mark, rest) = Self.listMark(text, dump: dump, lynx: lynx != nil) ?? Self.dashItem(blocks, k) {
                context.recordRemoval(rule: Self.markRule, text: mark, line: block.line)
                text = rest
                listItem = !mark.hasPrefix("[")  // not a toggle or a field
            }
            if dump, Self.isImagePlaceholder(text) {
                out.append(context.removing(Block(role: .paragraph, text: text, line: block.line), rule: Self.imageRule))
                if !text.contains("] [") { afterImage = out.count }  // a figure, not a logo
                continue
            }
            // The line under a figure is its caption when it reads like one.
            if afterImage == out.count, captionReader.isCaptionLike(text) {
                context.recordRelabel(rule: Self.imageRule, text: text, line: block.line, role: .caption)
                out.append(.caption(text, line: block.line))
                continue
            }
            if text.isEmpty { out.append(Block(role: .chrome, text: block.text, line: block.line, rule: Self.markRule)); continue }
            out.append(text == block.text ? block : Block(role: .paragraph, text: text, line: block.line, rule: listItem ? Self.listItemHint : block.rule))
        }
        doc.blocks = out
        return nil
    }

    /// What ``apply(inPlace:context:)`` asks of a page before it changes it, read in one pass
    /// over its blocks (by index: no block copied), each paragraph's bytes looked at once: the
    /// seven tests read the page one after another, each block's fields and bytes again (some
    /// 2 M instructions of rejoin-lines' 3.4 M on the 4 MB corpus, callgrind). Exact answers
    /// for ``hasBlankLines(_:)``, ``showsUnmarkedSplitNodes(_:)`` and ``mayChangeALine(_:)``;
    /// for ``referencesStart(_:)``, ``showsSplitNodes(_:)`` and ``showsBrowserMarks(_:)`` a
    /// pre-check: false means the test is false (nil), true that it must be asked. A unit test
    /// compares each with its test on random pages.
    struct PageScan {
        var paragraphs = 0
        /// Paragraphs that come after a gap in the raw lines (``hasBlankLines(_:)``).
        var gaps = 0
        /// Paragraphs that open as the continuation of the one right above, which has no
        /// sentence end (``showsUnmarkedSplitNodes(_:)``).
        var continuations = 0
        /// A paragraph of 10 or 6 bytes (`References`, `参照`) is on the page.
        var mayHoldReferences = false
        /// A paragraph `[` (a split mark's first line) is on the page.
        var mayShowSplitNodes = false
        /// A paragraph opens with E2 (`•`, box drawing) or `[` (a toggle).
        var mayShowBrowserMarks = false
        /// ``mayChangeALine(_:)``.
        var mayChangeALine = false

        init(_ blocks: [Block]) {
            var previous: Int?
            for i in blocks.indices {
                defer { previous = blocks[i].line }
                guard blocks[i].role == .paragraph else { continue }
                paragraphs += 1
                let line = blocks[i].line
                if let p = previous, let l = line, l > p + 1 { gaps += 1 }
                // The bytes: their count, first byte and first scalar; a tab search for
                // ``mayChangeALine(_:)`` until one line may change.
                let changed = mayChangeALine
                let (opens, changes, n, first) = blocks[i].text.withUTF8Bytes { p -> (Bool, Bool, Int, UInt8) in
                    (opensAsContinuation(p), changed || mayChange(p), p.count, p.first ?? 0)
                }
                if changes { mayChangeALine = true }
                if n == 10 || n == 6 { mayHoldReferences = true }
                if n == 1 && first == 0x5B { mayShowSplitNodes = true }
                if first == 0xE2 || first == 0x5B { mayShowBrowserMarks = true }
                if opens, i > 0, blocks[i - 1].role == .paragraph, let x = previous, let y = line, y == x + 1,
                    !endsSentence(blocks[i - 1].text)
                {
                    continuations += 1
                }
            }
        }

        /// ``hasBlankLines(_:)``.
        var hasBlankLines: Bool { RejoinLines.hasBlankLines(gaps: gaps, paragraphs: paragraphs) }

        /// ``showsUnmarkedSplitNodes(_:)``.
        var showsUnmarkedSplitNodes: Bool {
            RejoinLines.showsUnmarkedSplitNodes(continuations: continuations, paragraphs: paragraphs, blankLines: hasBlankLines)
        }
    }

    // MARK: - Hard-wrapped dumps

    /// Display columns of a text: East Asian wide and full-width characters take two.
    static func columns(_ text: Substring) -> Int {
        var n = 0
        for u in text.unicodeScalars { n += isWide(u) ? 2 : 1 }
        return n
    }

    /// The columns of a text that holds a wide character, counted up to `limit` (a wider text
    /// gives `limit`); nil for a text with no wide character before the limit.
    static func japaneseColumns(_ text: String, upTo limit: Int) -> Int? {
        var n = 0
        var wide = false
        for u in text.unicodeScalars {
            if isWide(u) {
                wide = true
                n += 2
            } else {
                n += 1
            }
            if n >= limit { break }
        }
        if !wide && n >= limit { wide = text.unicodeScalars.contains(where: isWide) }
        return wide ? min(n, limit) : nil
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default: return false
        }
    }

    /// The width a page was wrapped at, when it was. A dump separates its paragraphs with
    /// blank lines (a tenth of the paragraph lines or more come after one), and its lines that
    /// hold Japanese text reach one width and no further: the widest width of 60 to 160
    /// columns that three lines or more reach within two columns, with at most two such lines
    /// or a twentieth wider (an unbreakable URL). A page scraped one paragraph a line has
    /// no blank lines, or paragraphs of hundreds of columns.
    ///
    /// The three lines must end mid-sentence: a browser breaks a line wherever the width runs
    /// out, so a line that fills it ends in `。` only now and then, while an ordinary page's
    /// paragraphs of one sentence or two (a stub, a chronology) all end in `。` and three of
    /// them may well be as long as each other.
    static func wrapWidth(_ blocks: [Block]) -> Int? {
        guard hasBlankLines(blocks) else { return nil }
        // Widths past 160 columns only count as wider: each line is read up to there, once.
        // Each entry is the width times two, plus one for a line that ends a sentence.
        let widths = blocks.compactMap { b -> Int? in
            guard b.role == .paragraph, let w = japaneseColumns(b.text, upTo: 161) else { return nil }
            return 2 * w + (endsSentence(b.text) ? 1 : 0)
        }
        guard widths.count >= 3 else { return nil }
        let sorted = widths.sorted(by: >)
        for (i, e) in sorted.enumerated() where e >> 1 <= 160 {
            let w = e >> 1
            guard w >= 60, i <= max(2, sorted.count / 20) else { return nil }
            if sorted[i...].prefix(while: { $0 >> 1 >= w - 2 }).count(where: { $0 & 1 == 0 }) >= 3 { return w }
        }
        return nil
    }

    /// A line that ends in `。`, `！` or `？` (each E3 80 82 or EF BC 81/9F: the last byte is read first).
    static func endsSentence(_ text: String) -> Bool {
        guard let l = text.utf8.last, l == 0x82 || l == 0x81 || l == 0x9F else { return false }
        return text.hasSuffixBytes("。") || text.hasSuffixBytes("！") || text.hasSuffixBytes("？")
    }

    /// Columns a wrapped line may fall short of the width: a browser breaks before a word of
    /// Latin letters that does not fit.
    static let wrapSlack = 12

    /// Joins each line that fills the width with the paragraph on the next raw line, unless
    /// that one opens a list item or a drawn table, or either is a row of a table drawn
    /// without borders (cells padded with runs of spaces).
    static func joinWrapped(_ blocks: [Block], width: Int) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        var lastWidth = 0
        var lastLine: Int?
        // Whether the last raw line holds a run of three spaces (it alone, not all of what it
        // was joined to: that would be read again on every line).
        var lastPadded = false
        for b in blocks {
            let padded = b.text.contains("   ")
            defer { lastLine = b.line; lastPadded = padded }
            let w = columns(b.text[...])
            if b.role == .paragraph, let i = out.indices.last, out[i].role == .paragraph, let pl = lastLine, let l = b.line, l == pl + 1,
                lastWidth >= width - wrapSlack, !opensItem(b.text), !padded, !lastPadded, !endsTruncated(out[i].text)
            {
                glue(&out[i].text, b.text)
                lastWidth = w
                continue
            }
            out.append(b)
            lastWidth = b.role == .paragraph ? w : 0
        }
        return out
    }

    /// Whether a paragraph of a page that is no browser's dump could change in ``apply``: it
    /// holds two tabs or more (a copied table's row), opens with `- ` (trafilatura's items) or
    /// is empty. By index, bytes only: no block is copied.
    static func mayChangeALine(_ blocks: [Block]) -> Bool {
        for i in blocks.indices where blocks[i].role == .paragraph {
            if blocks[i].text.withUTF8Bytes(mayChange) { return true }
        }
        return false
    }

    /// ``mayChangeALine(_:)`` of one paragraph's bytes: empty, `- ` first, or two tabs (two
    /// memchr calls at most).
    @inline(__always)
    static func mayChange(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress, p.count > 0 else { return true }
        if p.count >= 2 && base[0] == 0x2D && base[1] == 0x20 { return true }
        guard let tab = memchr(base, 0x09, p.count) else { return false }
        let next = base.distance(to: tab.assumingMemoryBound(to: UInt8.self)) + 1
        return next < p.count && memchr(base + next, 0x09, p.count - next) != nil
    }

    /// A line that ends in a truncation mark (`...`, `…`): a cut-off preview, which ends its entry
    /// however wide it is (a list of previews cut at one length reaches one width too).
    static func endsTruncated(_ text: String) -> Bool {
        text.hasSuffix("...") || text.hasSuffix("…")
    }

    /// Two pieces of one line: a space between them only where both sides are Latin (the
    /// browser broke the line at that space).
    static func glue(_ a: inout String, _ b: String) {
        if let x = a.unicodeScalars.last, let y = b.unicodeScalars.first, x.isASCII && y.isASCII && x != "-" { a += " " }
        a += b
    }

    /// A list mark or a box-drawing character opening a line.
    static func opensItem(_ text: String) -> Bool {
        guard let f = text.unicodeScalars.first else { return false }
        if (0x2500...0x257F).contains(f.value) { return true }
        return listMark(text, dump: true, lynx: true) != nil
    }

    // MARK: - get_text("\n")

    /// Whether the page shows text nodes one a line: twice or more `[` `編集` `]` or `[` `1`
    /// `]` on three consecutive raw lines.
    static func showsSplitNodes(_ blocks: [Block]) -> Bool {
        var n = 0
        var k = 0
        while k + 2 < blocks.count {
            if splitMark(blocks, k) { n += 1; if n >= 2 { return true }; k += 3 } else { k += 1 }
        }
        return false
    }

    static func splitMark(_ blocks: [Block], _ k: Int) -> Bool {
        guard k + 2 < blocks.count, blocks[k].text.utf8.count == 1, blocks[k].text == "[", blocks[k + 2].text == "]", consecutive(blocks[k], blocks[k + 1]),
            consecutive(blocks[k + 1], blocks[k + 2])
        else { return false }
        let mid = blocks[k + 1].text
        return mid == "編集" || mid == "ソースを編集" || (!mid.isEmpty && mid.utf8.count <= 12 && mid.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == " " || !$0.isASCII })
    }

    static func consecutive(_ a: Block, _ b: Block) -> Bool {
        guard a.role == .paragraph, b.role == .paragraph, let x = a.line, let y = b.line else { return false }
        return y == x + 1
    }

    /// Joins each run of paragraphs on consecutive raw lines that holds a `。`, a split mark or
    /// a bracket or punctuation that cannot stand alone (`「`, `」から取得`, `:`); and, across a
    /// blank line, a note's back-link `^` with its text and a contents entry's number with its
    /// heading (`1` over `歴史`: `1 歴史`).
    ///
    /// `get_text("\n", strip=True)` leaves no blank line, so that runs are not elements: then
    /// only a split mark joins the line before it, and a line that opens with `。` `、` or a
    /// closing bracket joins the mark.
    static func joinSplitNodes(_ blocks: [Block]) -> [Block] {
        guard hasBlankLines(blocks) else { return joinSplitMarks(blocks) }
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        var k = 0
        while k < blocks.count {
            var e = k + 1
            while e < blocks.count, consecutive(blocks[e - 1], blocks[e]) { e += 1 }
            let run = blocks[k..<e]
            if run.count > 1, run.contains(where: { $0.text.containsKuten || isDangling($0.text) }) || (k..<e).contains(where: { splitMark(blocks, $0) && $0 + 2 < e }) {
                var b = blocks[k]
                for next in run.dropFirst() { glueNodes(&b.text, next.text) }
                out.append(b)
            } else {
                out.append(contentsOf: run)
            }
            k = e
        }
        // `^` or a contents number, then its text after a blank line.
        var joined: [Block] = []
        joined.reserveCapacity(out.count)
        for b in out {
            if b.role == .paragraph, let i = joined.indices.last, joined[i].role == .paragraph, b.line != nil,
                (joined[i].text == "^" || joined[i].text == "↑") && !b.text.isEmpty
                    || isSectionNumber(joined[i].text) && b.text.unicodeScalars.count <= 40 && !b.text.containsKuten && !isSectionNumber(b.text)
            {
                joined[i].text += " " + b.text
                continue
            }
            joined.append(b)
        }
        return joined
    }

    /// Whether a tenth of the paragraph lines or more come after a blank line.
    static func hasBlankLines(_ blocks: [Block]) -> Bool {
        var gaps = 0
        var paragraphs = 0
        var previous: Int?
        for i in blocks.indices {  // by index: no block is copied
            defer { previous = blocks[i].line }
            guard blocks[i].role == .paragraph else { continue }
            paragraphs += 1
            if let p = previous, let l = blocks[i].line, l > p + 1 { gaps += 1 }
        }
        return hasBlankLines(gaps: gaps, paragraphs: paragraphs)
    }

    /// ``hasBlankLines(_:)`` of a page with `paragraphs` paragraph lines, `gaps` of them after
    /// a blank line (also ``PageScan``'s answer).
    @inline(__always)
    static func hasBlankLines(gaps: Int, paragraphs: Int) -> Bool { paragraphs > 0 && gaps * 10 >= paragraphs }

    /// Each split mark (`[` `編集` `]`) joined onto the line before it, and a line opening with
    /// `。` `、` or a closing bracket right after the mark joined onto it.
    static func joinSplitMarks(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        var k = 0
        // The `]` of the mark just joined.
        var markEnd: Block?
        while k < blocks.count {
            let b = blocks[k]
            if splitMark(blocks, k), let i = out.indices.last, consecutive(out[i], b) || markEnd.map({ consecutive($0, b) }) == true {
                out[i].text += "[" + blocks[k + 1].text + "]"
                markEnd = blocks[k + 2]
                k += 3
                continue
            }
            if let m = markEnd, let i = out.indices.last, let f = b.text.unicodeScalars.first, "。、，」』）)".unicodeScalars.contains(f), consecutive(m, b) {
                out[i].text += b.text
            } else {
                out.append(b)
            }
            markEnd = nil
            k += 1
        }
        return out
    }

    // MARK: - Split text nodes with no marks

    /// The first scalar of a text, or nil.
    /// Decoded from the bytes: `unicodeScalars.first` costs a hundred instructions a line.
    private static func firstScalar(_ t: String) -> UInt32? { t.withUTF8Bytes { $0.isEmpty ? nil : UTF8Scan.decode($0, 0).scalar } }

    /// A text node that continues the sentence of the node before it: it opens with a case
    /// particle no sentence opens with (`を`, `の`, `に`, `は`, `が`, `へ`) or with a closing
    /// bracket or a comma (`」や「ご`, `、とりわけ`): the text after a link, cut off by a scrape
    /// that puts every text node on a line of its own.
    static func opensAsContinuation(_ t: String) -> Bool {
        guard let f = firstScalar(t) else { return false }
        return opensAsContinuation(scalar: f)
    }

    /// ``opensAsContinuation(_:)`` of a text whose first scalar is `f`.
    @inline(__always)
    static func opensAsContinuation(scalar f: UInt32) -> Bool {
        switch f {
        case 0x3092, 0x306E, 0x306B, 0x306F, 0x304C, 0x3078: return true  // を の に は が へ
        case 0x3001, 0x3002, 0x300D, 0x300F, 0xFF09, 0x29, 0xFF0C: return true  // 、 。 」 』 ） ) ，
        default: return false
        }
    }

    /// A node the node before it joins when that one has no sentence end: a continuation, or
    /// one that opens with `で` `と` `や` `も` (`では、`, `です。`, `とほぼ同じ`: not a sentence's
    /// first word after a node with no sentence end), or a reading or qualifier in parentheses.
    private static func continuesAfterOpenSentence(_ t: String) -> Bool {
        if opensAsContinuation(t) { return true }
        guard let f = firstScalar(t) else { return false }
        return f == 0x3067 || f == 0x3068 || f == 0x3084 || f == 0x3082 || f == 0x28 || f == 0xFF08  // で と や も ( （
    }

    /// Whether the page was scraped one text node a line with no blank line between elements
    /// and no split edit or footnote mark (`get_text("\n", strip=True)` of a page with no
    /// `[編集]` links: the mobile skin's, a disambiguation page's): six paragraph lines or more,
    /// and a tenth of them or more, open as a continuation of the line above, which ends with
    /// no sentence end. A page whose lines are elements has few such lines (a paragraph that
    /// opens with `の` after a lost list item).
    static func showsUnmarkedSplitNodes(_ blocks: [Block]) -> Bool {
        var continuations = 0
        var paragraphs = 0
        // By index: no block is copied (a copy retains and releases its two strings).
        for i in blocks.indices where blocks[i].role == .paragraph {
            paragraphs += 1
            guard i > 0, blocks[i - 1].role == .paragraph, let x = blocks[i - 1].line, let y = blocks[i].line, y == x + 1 else { continue }
            if blocks[i].text.withUTF8Bytes(opensAsContinuation), !endsSentence(blocks[i - 1].text) { continuations += 1 }
        }
        return showsUnmarkedSplitNodes(continuations: continuations, paragraphs: paragraphs, blankLines: hasBlankLines(blocks))
    }

    /// ``showsUnmarkedSplitNodes(_:)`` of a page with `paragraphs` paragraph lines,
    /// `continuations` of them continuing the line above (also ``PageScan``'s answer).
    @inline(__always)
    static func showsUnmarkedSplitNodes(continuations: Int, paragraphs: Int, blankLines: Bool) -> Bool {
        continuations >= 6 && continuations * 10 >= paragraphs && !blankLines
    }

    /// Whether a line's bytes open as ``opensAsContinuation(_:)`` says. Every continuation
    /// opens with E3 (kana, `、`, `」`), EF (`）`, `，`) or `)`: that byte first, then the
    /// scalar, in one look at the bytes (`utf8.first` was a generic call, and
    /// ``opensAsContinuation(_:)`` took the bytes again).
    @inline(__always)
    static func opensAsContinuation(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = p.first, f == 0xE3 || f == 0xEF || f == 0x29 else { return false }
        return opensAsContinuation(scalar: UTF8Scan.decode(p, 0).scalar)
    }

    /// Joins the text nodes of one element on a page ``showsUnmarkedSplitNodes(_:)``: a node
    /// joins the one before it, when that one has no sentence end, if it continues it
    /// (``continuesAfterOpenSentence(_:)``), if the one before it cannot stand alone (it ends
    /// with an opening bracket, a comma or a connector `-` `⇒`), or if it is a link between two
    /// nodes of a sentence already joined (`宮城県` `仙台市` `の雅称…`: the node after it continues).
    /// Whether the nodes from `k` on are links in a row (at most three, short, no sentence end)
    /// whose next node continues the sentence: `落葉` `果樹` `を指す。`.
    private static func linksRunToAContinuation(_ blocks: [Block], from k: Int) -> Bool {
        var j = k
        while j < blocks.count, j < k + 3 {
            let t = blocks[j].text
            guard blocks[j].role == .paragraph, t.unicodeScalars.count <= 20, !endsSentence(t), j == k || !continuesAfterOpenSentence(t) else { return false }
            guard j + 1 < blocks.count, consecutive(blocks[j], blocks[j + 1]) else { return false }
            if opensAsContinuation(blocks[j + 1].text) { return true }
            j += 1
        }
        return false
    }

    static func joinUnmarkedSplitNodes(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        // Whether the last block of `out` was joined from several nodes, and the raw line of
        // the last node joined into it.
        var joinedRun = false
        var lastLine: Int?
        for (k, b) in blocks.enumerated() {
            defer { lastLine = b.line }
            if b.role == .paragraph, let i = out.indices.last, out[i].role == .paragraph, let x = lastLine, let y = b.line, y == x + 1,
                blocks[k - 1].role == .paragraph, !endsSentence(out[i].text)
            {
                // `このページは` over `曖昧さ回避のためのページ`: a topic or object particle ends no line.
                let dangling = out[i].text.unicodeScalars.last.map { "「『（(、-–⇒→はをがへ".unicodeScalars.contains($0) } ?? false
                let connector = b.text == "-" || b.text == "–" || b.text == "⇒" || b.text == "→"
                if continuesAfterOpenSentence(b.text) || dangling || connector || (joinedRun && linksRunToAContinuation(blocks, from: k)) {
                    glueNodes(&out[i].text, b.text)
                    // A reading or qualifier after a term (`杜` `(もり)`) opens no sentence: the
                    // line after it starts one of its own.
                    let paren = firstScalar(b.text) == 0x28 || firstScalar(b.text) == 0xFF08
                    joinedRun = joinedRun || !paren
                    continue
                }
            }
            out.append(b)
            joinedRun = false
        }
        return out
    }

    /// Two text nodes of one element: a space between them only between Latin letters or digits.
    static func glueNodes(_ a: inout String, _ b: String) {
        func word(_ u: Unicode.Scalar) -> Bool { u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u)) }
        if let x = a.unicodeScalars.last, let y = b.unicodeScalars.first, word(x) && word(y) { a += " " }
        a += b
    }

    /// A node that cannot stand alone: it ends with an opening bracket, opens with a closing
    /// one, or is punctuation only (`:`, `|`, `、`).
    static func isDangling(_ t: String) -> Bool {
        guard let f = t.unicodeScalars.first, let l = t.unicodeScalars.last else { return false }
        if "「『（(［".unicodeScalars.contains(l) || "」』）)］".unicodeScalars.contains(f) { return true }
        return t.unicodeScalars.allSatisfy { ":|、,：・".unicodeScalars.contains($0) }
    }

    /// `1`, `2.1`: the number of a contents entry.
    static func isSectionNumber(_ t: String) -> Bool {
        !t.isEmpty && t.utf8.count <= 8 && t.first != "." && t.last != "." && t.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
    }

    // MARK: - Marks

    /// Whether the page shows a text browser's marks: three lines or more that open with w3m's
    /// `•` or a toggle `[ ] `, or that are drawn with box-drawing characters.
    static func showsBrowserMarks(_ blocks: [Block]) -> Bool {
        var n = 0
        for i in blocks.indices where blocks[i].role == .paragraph {  // by index: no block is copied
            // `•` and the box-drawing characters are E2 …; `[` is 5B: other lines are passed over on
            // a byte, read in place (`utf8.first` was a generic call: 30 instructions a line on cc4).
            guard blocks[i].text.withUTF8Bytes({ p in p.first == 0xE2 || p.first == 0x5B }) else { continue }
            let t = blocks[i].text
            if t.hasPrefix("• ") || t.hasPrefix("[ ] ") || isBoxLine(t) { n += 1; if n >= 3 { return true } }
        }
        return false
    }

    /// A line drawn with box-drawing characters: a border (`┌──┬──┐`) or a row (`│a│b│`).
    static func isBoxLine(_ t: String) -> Bool {
        guard let f = t.unicodeScalars.first, let l = t.unicodeScalars.last else { return false }
        return (0x2500...0x257F).contains(f.value) && (0x2500...0x257F).contains(l.value)
    }

    static func isTableLine(_ t: String, dump: Bool) -> Bool { dump && isBoxLine(t) }

    /// A row of three cells or more separated by tabs, with another such row on the raw line
    /// above or below (a browser's copy of a table).
    /// `tabbed[i]`: whether `blocks[i]` is no chrome and holds two tabs or more.
    static func isTabRow(_ tabbed: [Bool], _ blocks: [Block], _ k: Int) -> Bool {
        func row(_ i: Int) -> Bool { tabbed.indices.contains(i) && tabbed[i] }
        guard row(k) else { return false }
        return (row(k - 1) && consecutive(blocks[k - 1], blocks[k], anyRole: true)) || (row(k + 1) && consecutive(blocks[k], blocks[k + 1], anyRole: true))
    }

    static func consecutive(_ a: Block, _ b: Block, anyRole: Bool) -> Bool {
        guard let x = a.line, let y = b.line else { return false }
        return y == x + 1
    }

    /// A list mark opening a line: w3m's `• ` `◦ ` `▪ ` `□ ` and toggle `[ ] ` on a dump,
    /// lynx's `* ` `+ ` `o `, and a number `1. ` on either. The mark (with its spaces) and the rest.
    static func listMark(_ text: String, dump: Bool, lynx: Bool) -> (String, String)? {
        guard dump else { return nil }
        for m in ["• ", "◦ ", "▪ ", "□ ", "[X] "] where text.hasPrefix(m) { return split(text, m.count) }
        // A toggle `[ ]` or a text field `[      ]` before its label.
        if text.hasPrefix("[ ") {
            let spaces = text.dropFirst().prefix { $0 == " " }
            if text.dropFirst(1 + spaces.count).hasPrefix("] ") { return split(text, spaces.count + 3) }
        }
        if lynx { for m in ["* ", "+ ", "o "] where text.hasPrefix(m) { return split(text, m.count) } }
        let digits = text.prefix { ("0"..."9").contains($0) }
        if !digits.isEmpty, digits.count <= 3, text.dropFirst(digits.count).hasPrefix(". ") { return split(text, digits.count + 2) }
        return nil
    }

    private static func split(_ text: String, _ n: Int) -> (String, String) {
        var i = text.index(text.startIndex, offsetBy: n)
        while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
        return (String(text[..<i]), String(text[i...]))
    }

    /// `- item` on a run of two lines or more on consecutive raw lines (trafilatura's plain
    /// text): the mark and the rest.
    static func dashItem(_ blocks: [Block], _ k: Int) -> (String, String)? {
        func item(_ i: Int) -> Bool { blocks.indices.contains(i) && blocks[i].role == .paragraph && blocks[i].text.hasPrefixBytes("- ") && blocks[i].text.hasPrefix("- ") && blocks[i].text.count > 2 }
        guard item(k), (item(k - 1) && consecutive(blocks[k - 1], blocks[k])) || (item(k + 1) && consecutive(blocks[k], blocks[k + 1])) else { return nil }
        return split(blocks[k].text, 2)
    }

    /// `[IMG]`, `[画像]`, or a file name in brackets (`[Akashi_bridge.jpg]`): an image a text
    /// browser shows by its alt text or name.
    static func isImagePlaceholder(_ t: String) -> Bool {
        guard t.hasPrefix("["), t.hasSuffix("]") else { return false }
        // Images side by side, each shown by its alt text (`[ウィキペディア] [フリー百科事典]`, a logo).
        if t.contains("] [") {
            return t.split(separator: " ").allSatisfy { $0.hasPrefix("[") && $0.hasSuffix("]") && $0.count > 2 && $0.dropFirst().dropLast().allSatisfy { $0 != "[" && $0 != "]" } }
        }
        guard !t.dropFirst().dropLast().contains("]") else { return false }
        let inner = t.dropFirst().dropLast().lowercased()
        if inner == "img" || inner == "image" || inner == "画像" { return true }
        return [".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp"].contains { inner.hasSuffix($0) }
    }

    // MARK: - lynx

    /// The index of lynx's `References` (or `参照`) line, when the page ends with its list of
    /// numbered URLs (`Visible links:` or `1. https://…` within three lines under it).
    static func referencesStart(_ blocks: [Block]) -> Int? {
        // From the end, by index (no block is copied), the byte length first.
        var found: Int?
        for i in blocks.indices.reversed() where blocks[i].role == .paragraph {
            let n = blocks[i].text.utf8.count
            if (n == 10 || n == 6) && (blocks[i].text == "References" || blocks[i].text == "参照") {
                found = i
                break
            }
        }
        guard let k = found else { return nil }
        // `Visible links:` (or its translation) may come between.
        for next in blocks[(k + 1)...].prefix(3).map(\.text) {
            let numbered = next.drop { ("0"..."9").contains($0) }
            if next == "Visible links:" || next == "Hidden links:" || (numbered.count < next.count && numbered.hasPrefix(". http")) { return k }
        }
        return nil
    }

    /// The index after lynx's list of references that starts at `start` (its `References`
    /// line): the list is its headings (`Visible links:`, `Hidden links:`) and numbered URLs
    /// (`12. https://…`, `3. file:///…`), and what follows them is another page's, which a dump
    /// concatenated after this one.
    static func referencesEnd(_ blocks: [Block], from start: Int) -> Int {
        var k = start + 1
        while k < blocks.count {
            if blocks[k].role == .paragraph {
                let t = blocks[k].text.trimmingSpaces
                guard t.isEmpty || isListHeading(t) || isNumberedURL(t) else { return k }
            }
            k += 1
        }
        return k
    }

    /// `Visible links:`, `Hidden links:` or their translation (`表示されているリンク:`): a short
    /// line that ends in a colon.
    private static func isListHeading(_ t: String) -> Bool {
        t.unicodeScalars.count <= 30 && !t.containsKuten && (t.hasSuffix(":") || t.hasSuffix("："))
    }

    /// `12. https://…`: a number, `. `, then one token with a scheme (no space in it).
    private static func isNumberedURL(_ t: String) -> Bool {
        let rest = t.drop { ("0"..."9").contains($0) }
        guard rest.count < t.count, rest.hasPrefix(". ") else { return false }
        let url = rest.dropFirst(2)
        guard let colon = url.firstIndex(of: ":"), colon > url.startIndex else { return false }
        return !url.contains(" ") && url[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// The text with lynx's link numbers `[12]` (and `^[12]`, the mark lynx puts before a
    /// superscript such as a footnote link) removed where text follows them.
    static func removingLinkNumbers(_ text: String, line: Int?, context: inout StageContext) -> String {
        guard text.contains("[") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "^" || c == "[" || c == "#" {
                var j = c == "[" ? i : text.index(after: i)
                if j < text.endIndex, text[j] == "[" {
                    j = text.index(after: j)
                    let digits = text[j...].prefix { ("0"..."9").contains($0) }
                    let close = text.index(j, offsetBy: digits.count)
                    if !digits.isEmpty, digits.count <= 5, close < text.endIndex, text[close] == "]" {
                        let end = text.index(after: close)
                        if end < text.endIndex, text[end] != " " {
                            context.recordRemoval(rule: linkNumberRule, text: text[i..<end], line: line)
                            i = end
                            continue
                        }
                    }
                }
            }
            out.append(c)
            i = text.index(after: i)
        }
        return out
    }
}
