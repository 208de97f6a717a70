// The two splitting stages and the edit-marker matcher exactly as they were before their
// fast paths (byte-level pre-checks, scans without `Character` or per-line allocations):
// the reference the differential tests in SplitStagesFastPathTests compare the stages with.
// Only the type names, `trimmingSpaces` (renamed `referenceTrimmingSpaces`) and the access of
// the functions the tests call directly differ.
@testable import WikiClean

// MARK: - SplitHeadings

/// Splits section headings off the text they are glued to and removes every edit marker.
///
/// Recognises `見出し[編集]本文` (and `[ソースを編集]`, `[編集 | ソースを編集]`), a lone
/// `[編集]` line after a heading line (Vector 2022), the mobile `見出し 編集` and a lone
/// `編集` line, Fandom's empty `見出し[]`, and a bare section word glued to a quoted title
/// (`概要『…』`). On a page that renders no edit markers at all, a short standalone line
/// between paragraphs is taken as a heading.
///
/// ```
/// マングース作戦[編集]ピッグス湾事件の7カ月後の1961年11月、…
/// → heading "マングース作戦" + paragraph "ピッグス湾事件の7カ月後の1961年11月、…"
/// ```
struct ReferenceSplitHeadings: Stage {
    public static let identifier = "split-headings"
    public static let summary = "Split headings glued to text ('見出し[編集]本文', mobile '見出し 編集') and strip every edit marker."

    /// Longest heading, in characters.
    public var maximumHeadingLength: Int
    /// Take short standalone lines as headings on pages that show no edit markers.
    public var unmarkedHeadings: Bool
    /// Section words that open a line without a marker (`概要『…』`).
    public var bareHeadingWords: [String]

    public static let defaultBareHeadingWords = [
        "概要", "歴史", "経歴", "来歴", "人物", "特徴", "生涯", "沿革", "あらすじ", "ストーリー", "登場人物", "解説", "作品",
        "評価", "背景", "地理", "語源", "年表",
    ]

    public init(maximumHeadingLength: Int = 60, unmarkedHeadings: Bool = true, bareHeadingWords: [String] = Self.defaultBareHeadingWords) {
        self.maximumHeadingLength = maximumHeadingLength
        self.unmarkedHeadings = unmarkedHeadings
        self.bareHeadingWords = bareHeadingWords
    }

    static let markerRule = "edit-marker"
    static let headingRule = "heading"

    public func apply(to document: Document, context: inout StageContext) throws -> [Document] {
        var doc = document
        // Pages of other sites run together in one page (no page start the reader knows between
        // them): each keeps its own markers, unmarked headings and PukiWiki marks (shared with
        // the reference implementation).
        let cuts = HeadingAnchors.pageSegmentStarts(doc.blocks)
        if cuts.isEmpty {
            doc.blocks = split(doc.blocks, context: &context)
        } else {
            var out: [Block] = []
            var from = 0
            for cut in cuts + [doc.blocks.count] {
                out += split(Array(doc.blocks[from..<cut]), context: &context)
                from = cut
            }
            doc.blocks = out
        }
        return [doc]
    }

    /// Splits the headings of one page's blocks (see ``HeadingAnchors/pageSegmentStarts(_:)``).
    private func split(_ blocks: [Block], context: inout StageContext) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(blocks.count + 8)
        var sawMarker = false
        var sawDagger = false
        let gluedEmptyBrackets = HeadingAnchors.pageHasEmptyBracketHeadings(blocks)
        let gluedMobile = HeadingAnchors.pageHasMobileHeadings(blocks, maximumHeadingLength: maximumHeadingLength)
        let paraeditPage = HeadingAnchors.pageHasParaeditHeadings(blocks, maximumHeadingLength: maximumHeadingLength)
        for block in blocks {
            guard block.role == .paragraph else { out.append(block); continue }
            let line = block.line
            let text = block.text
            // A mobile heading is short: count scalars only for short lines.
            let scalars = text.utf8.count <= 4 * (maximumHeadingLength + 3) ? text.unicodeScalars.count : Int.max

            // A heading that Markdown marked (`## 見出し`, `見出し` over `---`), its edit link cut.
            if block.rule == UnwrapMarkdown.headingHint,
                let (head, marker) = HeadingAnchors.hintedHeading(text, maximumHeadingLength: maximumHeadingLength)
            {
                sawMarker = true
                context.recordRelabel(rule: Self.headingRule, text: head, line: line, role: .heading)
                out.append(.heading(head, line: line))
                if let marker { context.recordRemoval(rule: Self.markerRule, text: marker, line: line) }
                continue
            }

            // PukiWiki's paragraph-edit link: `見出し Edit`, `見出し † Edit` (before the `†` alone).
            if let (head, marker) = HeadingAnchors.paraeditHeading(text, maximumHeadingLength: maximumHeadingLength, pageWide: paraeditPage),
                isHeadingLike(head)
            {
                sawMarker = true
                sawDagger = true
                context.recordRelabel(rule: Self.headingRule, text: head, line: line, role: .heading)
                out.append(.heading(head, line: line))
                context.recordRemoval(rule: Self.markerRule, text: marker, line: line)
                continue
            }
            // PukiWiki: `見出し †`, glued or not (the `†` anchor stands for the edit marker).
            if HeadingAnchors.splitAnchoredHeadings(
                text, line: line, headingRule: Self.headingRule, markerRule: Self.markerRule, into: &out, context: &context,
                find: { HeadingAnchors.daggerHeading($0, maximumHeadingLength: maximumHeadingLength) })
            {
                if !DetectArticleBoundaries.endsTruncated(text) { sawMarker = true }
                sawDagger = true
                continue
            }
            // A lone marker line: the line before it is the heading.
            if isLoneMarker(text) {
                sawMarker = true
                context.recordRemoval(rule: Self.markerRule, text: text, line: line)
                if let prev = out.indices.last, out[prev].role == .paragraph, isHeadingLike(out[prev].text) {
                    // Added with captions glued before a heading: the caption stays a paragraph.
                    let words = Set(bareHeadingWords + HeadingAnchors.trailingSectionWords)
                    HeadingAnchors.markHeadingOverALoneMarker(&out, at: prev, sectionWords: words, rule: Self.headingRule, context: &context)
                }
                continue
            }
            // Wikitext `== 見出し ==` and Markdown `## 見出し` lines (exports and converted dumps).
            if let head = Self.markupHeading(text), isHeadingLike(head) {
                sawMarker = true
                context.recordRemoval(rule: Self.markerRule, text: text, line: line)
                context.recordRelabel(rule: Self.headingRule, text: head, line: line, role: .heading)
                out.append(.heading(head, line: line))
                continue
            }
            // Mobile: `見出し 編集`.
            if scalars <= maximumHeadingLength + 3, text.hasSuffixBytes(" 編集") || text.hasSuffixBytes("\u{3000}編集") {
                let head = String(text.unicodeScalars.dropLast(3)).referenceTrimmingSpaces
                if !head.isEmpty, isHeadingLike(head) {
                    sawMarker = true
                    context.recordRemoval(rule: Self.markerRule, text: " 編集", line: line)
                    out.append(.heading(head, line: line))
                    continue
                }
            }
            // Mobile, glued: `見出し 編集本文` on a page with `見出し 編集` lines.
            // Or in another page's preview, whatever this page's site.
            let inAPreview = DetectArticleBoundaries.endsTruncated(text)
            if gluedMobile || inAPreview, HeadingAnchors.splitAnchoredHeadings(
                text, line: line, headingRule: Self.headingRule, markerRule: Self.markerRule, into: &out, context: &context,
                find: HeadingAnchors.gluedMobileHeading)
            {
                if !inAPreview { sawMarker = true }
                continue
            }
            var pieces = splitGlued(text, gluedEmptyBrackets: gluedEmptyBrackets)
            // Fandom's `見出し[]` glued in another page's preview, whatever this page's site.
            if inAPreview, !gluedEmptyBrackets, pieces.count == 1, case .paragraph = pieces[0] {
                pieces = splitGlued(text, gluedEmptyBrackets: true)
            }
            if pieces.count == 1, case .paragraph = pieces[0] {
                if let (word, rest) = bareHeading(text) {
                    context.recordRelabel(rule: Self.headingRule, text: word, line: line, role: .heading)
                    out.append(.heading(word, line: line))
                    out.append(.paragraph(rest, line: line))
                } else {
                    out.append(block)
                }
                continue
            }
            // Markers in another page's preview (a line cut off with `...`) say nothing of
            // this page's headings: a page with none of its own still has unmarked ones.
            let inPreview = DetectArticleBoundaries.endsTruncated(text)
            // Added with edit links before their headings: a link opening the line, text after it.
            if !inPreview, pieces.count == 2, case .marker(let marker) = pieces[0], case .paragraph(let rest) = pieces[1] {
                sawMarker = true
                context.recordRemoval(rule: Self.markerRule, text: marker, line: line)
                if linksLeadHeadings(blocks), isHeadingLike(rest) {
                    context.recordRelabel(rule: Self.headingRule, text: rest, line: line, role: .heading)
                    out.append(.heading(rest, line: line))
                } else {
                    if let prev = out.indices.last, out[prev].role == .paragraph, isHeadingLike(out[prev].text) {
                        let words = Set(bareHeadingWords + HeadingAnchors.trailingSectionWords)
                        HeadingAnchors.markHeadingOverALoneMarker(&out, at: prev, sectionWords: words, rule: Self.headingRule, context: &context)
                    }
                    out.append(.paragraph(rest, line: line))
                }
                continue
            }
            for piece in pieces {
                switch piece {
                case .paragraph(let t): out.append(.paragraph(t, line: line))
                case .heading(let t):
                    context.recordRelabel(rule: Self.headingRule, text: t, line: line, role: .heading)
                    out.append(.heading(t, line: line))
                case .marker(let t):
                    if !inPreview { sawMarker = true }
                    context.recordRemoval(rule: Self.markerRule, text: t, line: line)
                }
            }
        }
        if unmarkedHeadings && !sawMarker {
            // Shared with the reference implementation.
            HeadingAnchors.markContentsEntries(&out, maximumHeadingLength: maximumHeadingLength, rule: Self.headingRule, context: &context)
            HeadingAnchors.markNotesSectionWords(&out, rule: Self.headingRule, context: &context)
            markUnmarkedHeadings(&out, context: &context)
            // Shared with the reference implementation.
            HeadingAnchors.markTrailingSectionAtEnd(&out, rule: Self.headingRule, context: &context)
        }
        // Another page's preview keeps its own list section whatever this page's markers
        // (a Weblio section page's preview under an @wiki or Wikipedia page).
        if unmarkedHeadings {
            HeadingAnchors.splitListSectionsGluedInPreviews(&out, rule: Self.headingRule, context: &context)
        }
        // A PukiWiki page: cut the `?` of links to missing pages.
        if sawDagger {
            for i in out.indices where out[i].role == .paragraph {
                guard let (kept, marks) = HeadingAnchors.cutMissingPageMarksAndTell(out[i].text) else { continue }
                context.recordRemoval(rule: HeadingAnchors.missingPageRule, text: marks, line: out[i].line)
                out[i].text = kept
            }
        }
        // `1 概要`, `1.1 生涯`: headings numbered by the reader's preference.
        HeadingAnchors.cutHeadingNumbers(&out, context: &context)
        return out
    }

    private enum Piece {
        case paragraph(String)
        case heading(String)
        case marker(String)
    }

    /// Added with edit links before their headings (MediaWiki before 1.18: `[編集] 地理`): every
    /// edit link of the page opens its line over a short line with no sentence end, none alone
    /// or after text, none in a preview.
    private func linksLeadHeadings(_ blocks: [Block]) -> Bool {
        var any = false
        for block in blocks where block.role == .paragraph {
            if isLoneMarker(block.text) { return false }
            let pieces = splitGlued(block.text, gluedEmptyBrackets: false)
            if pieces.count == 1, case .paragraph = pieces[0] { continue }
            guard pieces.count == 2, case .marker = pieces[0], case .paragraph(let rest) = pieces[1], isHeadingLike(rest),
                !DetectArticleBoundaries.endsTruncated(block.text)
            else { return false }
            any = true
        }
        return any
    }

    /// Splits one line at its edit markers (and Fandom `[]`).
    private func splitGlued(_ text: String, gluedEmptyBrackets: Bool) -> [Piece] {
        text.withUTF8Bytes { p -> [Piece] in
            var markers: [(Int, Int)] = []
            var i = 0
            while i < p.count {
                let b = p[i]
                // Added with `【編集】`: at `【` (E3 80 90) too.
                if b == 0x5B || (b == 0xEF && i + 2 < p.count && p[i + 1] == 0xBC && p[i + 2] == 0xBB)
                    || (b == 0xE3 && i + 2 < p.count && p[i + 1] == 0x80 && p[i + 2] == 0x90)
                {
                    if let e = ReferenceEditMarkers.match(p, at: i, end: p.count) ?? ReferenceEditMarkers.truncatedMatch(p, at: i, end: p.count) {
                        markers.append((i, e))
                        i = e
                        continue
                    }
                    // Fandom `見出し[]`: ends its line, or glued to its paragraph (shared with the reference).
                    if b == 0x5B, let e = HeadingAnchors.emptyBracketsEnd(p, at: i, glued: gluedEmptyBrackets) {
                        markers.append((i, e))
                        i = e
                        continue
                    }
                }
                i += 1
            }
            guard !markers.isEmpty else { return [.paragraph(text)] }
            var pieces: [Piece] = []
            var at = 0
            for (ms, me) in markers {
                let headStart = headingStart(p, from: at, to: ms)
                let isEmptyBrackets = me - ms == 2 && p[ms] == 0x5B
                if isEmptyBrackets && (headStart == ms || scalarCount(p, headStart, ms) > 30) {
                    // `[]` that does not close a short heading is text.
                    continue
                }
                let before = slice(p, at, headStart).referenceTrimmingSpaces
                if !before.isEmpty { pieces.append(.paragraph(before)) }
                let heading = slice(p, headStart, ms).referenceTrimmingSpaces
                if let (caption, word) = HeadingAnchors.captionGluedBeforeHeading(heading, sectionWords: Set(bareHeadingWords + HeadingAnchors.trailingSectionWords)) {
                    pieces.append(.paragraph(caption))
                    pieces.append(.heading(word))
                } else if !heading.isEmpty {
                    pieces.append(.heading(heading))
                }
                pieces.append(.marker(slice(p, ms, me)))
                at = me
            }
            let after = slice(p, at, p.count).referenceTrimmingSpaces
            if !after.isEmpty { pieces.append(.paragraph(after)) }
            return pieces
        }
    }

    /// Where the heading before a marker at `end` starts: after the last sentence end
    /// (`。！？`) or a previous marker, and at most `maximumHeadingLength` characters back.
    private func headingStart(_ p: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int {
        var s = end
        var n = 0
        var lastBracket: Int?
        while s > from {
            let d = UTF8Scan.decodeBefore(p, s)
            let c = d.scalar
            if c == 0x3002 || c == 0x0A { break }
            // A question or exclamation mark right before the marker ends the heading itself
            // (`…とは何ですか?[編集]`: talk and help pages ask), not a sentence before it.
            if (c == 0xFF01 || c == 0xFF1F || c == 0x21 || c == 0x3F) && s != end { break }
            if lastBracket == nil && (c == 0x300D || c == 0x300F || c == 0x29 || c == 0xFF09) && s != end { lastBracket = s }
            n += 1
            if n > maximumHeadingLength { return lastBracket ?? s }
            s -= d.length
        }
        return s
    }

    private func scalarCount(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int {
        var n = 0
        for i in a..<b where p[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    private func slice(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[a..<b]), as: UTF8.self)
    }

    func isLoneMarker(_ text: String) -> Bool {
        let t = text.referenceTrimmingSpaces
        if t == "編集" || t == "編集する" || t == "[]" { return true }
        return t.withUTF8Bytes { p in ReferenceEditMarkers.match(p, at: 0, end: p.count) == p.count }
    }

    /// Short, no sentence end, no trailing comma: a line that can be a heading.
    func isHeadingLike(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 4 * maximumHeadingLength, text.unicodeScalars.count <= maximumHeadingLength else { return false }
        return !text.containsKuten && !text.hasSuffixBytes("、") && !text.hasSuffixBytes("...") && !text.hasSuffixBytes("…")
    }

    /// `== 歴史 ==` (2 to 6 `=` on both sides) or `## 歴史` (1 to 6 `#` and a space), each mark
    /// also full-width (`＝`, `＃`, `　`): the heading text.
    static func markupHeading(_ text: String) -> String? {
        let u = Array(text.unicodeScalars)
        guard u.count >= 3 else { return nil }
        // Added with full-width marks: `＝＝ 歴史 ＝＝`, `＃＃　歴史`, wiki text or Markdown typed
        // with an IME on (no renderer reads them, so the page shows them as they are).
        func isEquals(_ c: Unicode.Scalar) -> Bool { c == "=" || c == "\u{FF1D}" }
        var lead = 0
        while lead < u.count, isEquals(u[lead]) { lead += 1 }
        if lead >= 2, lead <= 6 {
            var trail = 0
            while trail < u.count - lead, isEquals(u[u.count - 1 - trail]) { trail += 1 }
            guard trail == lead, u.count > 2 * lead else { return nil }
            let inner = String(String.UnicodeScalarView(u[lead..<(u.count - trail)])).referenceTrimmingSpaces
            return inner.isEmpty ? nil : inner
        }
        var hashes = 0
        while hashes < u.count, u[hashes] == "#" || u[hashes] == "\u{FF03}" { hashes += 1 }
        if hashes >= 1, hashes <= 6, hashes < u.count, u[hashes] == " " || u[hashes] == "\u{3000}" {
            let inner = String(String.UnicodeScalarView(u[(hashes + 1)...])).referenceTrimmingSpaces
            return inner.isEmpty ? nil : inner
        }
        return nil
    }

    /// `概要『天装戦隊…』と言う…`: a section word glued to a quoted title.
    func bareHeading(_ text: String) -> (String, String)? {
        for word in bareHeadingWords where text.hasPrefix(word) {
            let rest = text.dropFirst(word.count)
            guard let first = rest.unicodeScalars.first, "『「【".unicodeScalars.contains(first) else { continue }
            return (word, String(rest))
        }
        return nil
    }

    /// `[類語]…`: a bracketed label with text after it (the scalar form of
    /// ``SplitHeadings/opensWithLabel(_:)``).
    static func opensWithLabel(_ text: String) -> Bool {
        let u = Array(text.unicodeScalars)
        guard let first = u.first, first == "[" || first == "［" else { return false }
        guard let close = u.dropFirst().firstIndex(where: { $0 == "]" || $0 == "］" || $0 == "[" }), u[close] != "[" else { return false }
        return close > 1 && close + 1 < u.count
    }

    /// A list bullet first (the scalar form of ``SplitHeadings/opensWithListBullet(_:)``).
    static func opensWithListBullet(_ text: String) -> Bool {
        let u = Array(text.trimmingSpaces.unicodeScalars)
        guard u.count > 1 else { return false }
        if "-*+".unicodeScalars.contains(u[0]) { return u[1] == " " }
        return "•‣⁃◦・･".unicodeScalars.contains(u[0])
    }

    /// On a page without markers: a short line with no sentence punctuation, between
    /// paragraphs, is a heading.
    private func markUnmarkedHeadings(_ blocks: inout [Block], context: inout StageContext) {
        let content = blocks.indices.filter { blocks[$0].role == .paragraph || blocks[$0].role == .heading }
        guard content.count >= 3 else { return }
        let sectionWords = Set(bareHeadingWords + HeadingAnchors.trailingSectionWords)
        for (k, i) in content.enumerated() where k > 0 && k + 1 < content.count {
            let b = blocks[i]
            guard b.role == .paragraph else { continue }
            let n = b.text.unicodeScalars.count
            guard n <= 15, !b.text.contains(where: { "。、()（）「」『』:：".contains($0) }),
                !b.text.hasSuffix("..."), !b.text.hasSuffix("…"), !Self.opensWithLabel(b.text), !Self.opensWithListBullet(b.text)
            else { continue }
            let prev = HeadingAnchors.blockBeforeHeadingCandidate(blocks, content, k)
            let next = HeadingAnchors.blockAfterHeadingCandidate(blocks, content, k)
            // A section word alone on its line needs no long sentence after it (a caption or a list may follow).
            // Added with half-width section words: `ｷﾞｬﾗﾘｰ` reads as ギャラリー; and with the body
            // section words (a gallery's, `アクセス`).
            let width = HeadingAnchors.widthFoldedWord(
                b.text.referenceTrimmingSpaces, among: sectionWords.union(HeadingAnchors.listSectionWords).union(HeadingAnchors.bodySectionWords))
            let listWord = HeadingAnchors.listSectionWords.contains(width)
            let known = listWord || sectionWords.contains(width) || HeadingAnchors.bodySectionWords.contains(width)
            // Added with headings over a list: the next two lines are items of one shape (a
            // spaced dash, or labels) that the line does not have.
            var overList = false
            if k + 2 < content.count, content[k + 2] == content[k + 1] + 1 {
                let a = blocks[content[k + 1]], c = blocks[content[k + 2]]
                if a.role == .paragraph, c.role == .paragraph, !a.text.containsKuten, !c.text.containsKuten,
                    SplitCaptions.listShape(b.text) == nil, !SplitCaptions.hasLabelShape(b.text)
                {
                    overList = (SplitCaptions.listShape(a.text) == .dash && SplitCaptions.listShape(c.text) == .dash)
                        || (SplitCaptions.hasLabelShape(a.text) && SplitCaptions.hasLabelShape(c.text))
                }
            }
            guard next.role == .paragraph, known || overList || (next.text.unicodeScalars.count > n * 2 && (next.text.containsKuten || next.text.hasSuffix("、"))) else { continue }
            // Or a section word right under the page header: one or two short lines with no
            // sentence end before it (a title line, the reading line under it), as on a
            // ピクシブ百科事典 article with no summary and no contents box.
            let underHeader = known && k <= 2 && content[..<k].allSatisfy { j in
                blocks[j].role == .paragraph && blocks[j].text.utf8.count <= 4 * 40 && blocks[j].text.unicodeScalars.count <= 40
                    && !blocks[j].text.containsKuten
            }
            // Or a section word in the body (a sentence somewhere before) over a sentence.
            // Added with link sections after a list: `関連項目` over its first item.
            let word = width
            let linkWord = (word.hasPrefix("関連") || word == "外部リンク") && HeadingAnchors.trailingSectionWords.contains(word)
            let afterList = known && content[..<k].contains { blocks[$0].text.containsKuten }
                && (listWord || linkWord || next.text.containsKuten && next.text.unicodeScalars.count > n * 2)
            // Added with headings after a link section's links: the lines since the last heading
            // before, a link section's, are its links (no sentence among them); a line after them
            // is the next heading when a sentence follows or it is a trailing section word.
            let lastHeading = content[..<k].last { blocks[$0].role == .heading }
            let links = lastHeading.map { h in content[..<k].filter { $0 > h } } ?? []
            let afterLinks = lastHeading.map { h in
                let t = blocks[h].text.referenceTrimmingSpaces
                return (t.hasPrefix("関連") || t.hasPrefix("外部リンク")) && HeadingAnchors.trailingSectionWords.contains(t)
            } == true && !links.isEmpty && !links.contains { blocks[$0].text.containsKuten } && prev.role == .paragraph && content[k + 1] == i + 1
                && (!known || HeadingAnchors.isTrailingSectionWord(width) || next.text.containsKuten && next.text.unicodeScalars.count > n * 2)
                && !DetectArticleBoundaries.leadNames(next.text, title: b.text.referenceTrimmingSpaces)
            guard prev.role == .heading || prev.text.containsKuten || underHeader || afterList || afterLinks else { continue }
            // Right under a section of links, a short line is its item.
            let linkSection = prev.role == .heading && (prev.text.referenceTrimmingSpaces.hasPrefix("関連") || prev.text.referenceTrimmingSpaces == "外部リンク")
                && HeadingAnchors.trailingSectionWords.contains(prev.text.referenceTrimmingSpaces)
            guard known || !linkSection else { continue }
            // Added with gallery sections: right under `ギャラリー`, a short line is a photo's caption.
            guard known || prev.role != .heading || !SplitCaptions.isGalleryHeading(prev.text.referenceTrimmingSpaces) else { continue }
            // Between cut-off previews, a short line is another page's title, not a heading.
            guard !HeadingAnchors.touchesAPreview(prev, next) else { continue }
            blocks[i].role = .heading
            context.recordRelabel(rule: Self.headingRule, text: b.text, line: b.line, role: .heading)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces (ASCII, ideographic, NBSP, tabs).
    var referenceTrimmingSpaces: String {
        let scalars = unicodeScalars
        var s = scalars.startIndex
        var e = scalars.endIndex
        while s < e, UTF8Scan.isSpace(UTF8Scan.fold(scalars[s].value)) { s = scalars.index(after: s) }
        while e > s, UTF8Scan.isSpace(UTF8Scan.fold(scalars[scalars.index(before: e)].value)) { e = scalars.index(before: e) }
        if s == scalars.startIndex && e == scalars.endIndex { return self }
        return String(scalars[s..<e])
    }
}

// MARK: - SplitCaptions

/// Cuts image captions out of the text: captions glued in front of a paragraph, and lines
/// made only of captions (one or several glued together).
///
/// A scraped thumbnail caption is a noun phrase with no sentence end, often closed by a
/// date or a position in the photo (`(1960年4月)`, `(右)`, `(左から2番目)`), glued to the
/// sentence that follows. The stage cuts where such a phrase ends and a sentence opens
/// (after a date/position parenthesis, or before an opener such as `このような`, `また`
/// or a date adverbial like `1959年1月に`). Lead sentences, truncated previews and list
/// items are left alone.
///
/// ```
/// 国連総会に出席したカストロ(1960年4月)同年4月には早くもソ連のタンカーが…
/// → caption "国連総会に出席したカストロ(1960年4月)" + paragraph "同年4月には早くもソ連のタンカーが…"
/// ```
struct ReferenceSplitCaptions: Stage {
    public static let identifier = "split-captions"
    public static let summary = "Cut image captions glued before paragraphs, or standing alone on a line, into the document's captions."

    /// Longest caption, in characters.
    public var maximumCaptionLength: Int

    public init(maximumCaptionLength: Int = 200) {
        self.maximumCaptionLength = maximumCaptionLength
    }

    static let rule = "caption"

    public func apply(to document: Document, context: inout StageContext) throws -> [Document] {
        var doc = document
        var out: [Block] = []
        out.reserveCapacity(doc.blocks.count + 4)
        var sawContent = false
        var inGallery = false
        var inLinks = false
        var u: [Unicode.Scalar] = []
        for (index, block) in doc.blocks.enumerated() {
            guard block.role == .paragraph else {
                if block.role != .chrome { sawContent = true }
                // Added with gallery sections: lines under `ギャラリー` are captions.
                if block.role == .heading {
                    inGallery = SplitCaptions.galleryHeadings.contains(HeadingAnchors.widthFoldedWord(block.text, among: SplitCaptions.galleryHeadings))
                }
                // Added with link sections: a line alone under `関連項目` is an item, no caption.
                if block.role == .heading { inLinks = HeadingAnchors.isLinkSectionWord(block.text) }
                out.append(block)
                continue
            }
            defer { sawContent = true }
            let text = block.text
            // Added with pages run together: an article's lead ends the section of links.
            if inLinks, text.contains("。"), JapaneseText.parseLead(text) != nil { inLinks = false }
            // Added with sentence captions among a gallery's: a short line of sentences after a
            // caption, its first sentence a noun phrase.
            if inGallery, SplitCaptions.isGalleryCaption(text, maximumCaptionLength: maximumCaptionLength)
                || (out.last?.role == .caption && text.hasSuffix("。") && text.unicodeScalars.count <= min(maximumCaptionLength, 80)
                    && !SplitCaptions.isTableRow(text) && JapaneseText.parseLead(text) == nil
                    && Self.isCaptionLike(Array(text.unicodeScalars).split(separator: "。", omittingEmptySubsequences: false)[0]))
            {
                context.recordRelabel(rule: Self.rule, text: text, line: block.line, role: .caption)
                out.append(.caption(text, line: block.line))
                continue
            }
            // A list item whose mark an earlier stage took off is no caption, as one with its mark.
            if block.rule == RejoinLines.listItemHint { out.append(block); continue }
            // Added with a photo's caption between the tagline and the lead.
            if SplitCaptions.isCaptionOverLead(at: index, in: doc.blocks) {
                context.recordRelabel(rule: Self.rule, text: text, line: block.line, role: .caption)
                out.append(.caption(text, line: block.line))
                continue
            }
            // Added with captions before a lead (`偕楽園の梅林(2015年2月)偕楽園(かいらくえん)は、…`).
            if let (caption, lead) = SplitCaptions.captionBeforeLead(text, maximumCaptionLength: maximumCaptionLength) {
                context.recordRelabel(rule: Self.rule, text: caption, line: block.line, role: .caption)
                out.append(.caption(caption, line: block.line))
                out.append(.paragraph(lead, line: block.line))
                continue
            }
            // A caption-only line ends in a noun or a parenthesis; most paragraphs end in `。`.
            let mayBeCaptionOnly = sawContent && Self.endsLikeACaption(text)
            // Only the first sentence can hold glued captions.
            u.removeAll(keepingCapacity: true)
            let limit = mayBeCaptionOnly ? Int.max : maximumCaptionLength + 1
            for c in text.unicodeScalars {
                u.append(c)
                if u.count >= limit || (c == "。" && !mayBeCaptionOnly) { break }
            }
            guard u.count >= 6 else { out.append(block); continue }
            // Added with table rows (`1958年 | 竣工`): a line with cells split by `|` or `｜` is no caption line.
            if mayBeCaptionOnly, !inLinks, !Self.isExcluded(text, u), !text.unicodeScalars.contains(where: { $0 == "|" || $0 == "｜" }),
                let captions = captionOnlyLine(u),
                // Added with list items (`霧の港(2014年)` over `遠い岬(2018年)`): one of a run of the same shape is no caption.
                !SplitCaptions.isListItem(at: index, in: doc.blocks),
                // Added with title lines over their leads: a page's title is no caption.
                !SplitCaptions.titlesTheNextLead(at: index, in: doc.blocks)
            {
                for c in captions {
                    let t = Self.string(u[c])
                    context.recordRelabel(rule: Self.rule, text: t, line: block.line, role: .caption)
                    out.append(.caption(t, line: block.line))
                }
                continue
            }
            let (captions, rest) = gluedCaptions(u)
            guard !captions.isEmpty, !Self.isExcluded(text, u) else { out.append(block); continue }
            for c in captions {
                let t = Self.string(u[c])
                context.recordRelabel(rule: Self.rule, text: t, line: block.line, role: .caption)
                out.append(.caption(t, line: block.line))
            }
            var restText = String.UnicodeScalarView()
            restText.append(contentsOf: text.unicodeScalars.dropFirst(rest))
            out.append(.paragraph(String(restText).referenceTrimmingSpaces, line: block.line))
        }
        doc.blocks = out
        return [doc]
    }

    /// The last character is a kanji, kana, letter, digit or a closing parenthesis.
    private static func endsLikeACaption(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        if last == ")" || last == "）" { return true }
        let s = JapaneseText.script(last.value)
        return s == .kanji || s == .katakana || s == .alnum
    }

    // MARK: - Shapes

    private static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v).referenceTrimmingSpaces
    }

    /// Leads, truncated previews, list items and quotations are never captions.
    private static func isExcluded(_ text: String, _ u: [Unicode.Scalar]) -> Bool {
        if JapaneseText.parseLead(text) != nil { return true }
        // Added with `・・・` as a truncation mark; shared with the stage.
        if text.hasSuffix("...") || text.hasSuffix("…") || JapaneseText.endsWithMiddleDotMark(text) { return true }
        // A quotation's attribution under it opens with a wave dash or a dash (`〜 テトリスについて、X`,
        // アンサイクロペディア's quote template; `―― 夏目漱石`): no photo is captioned so.
        if let f = u.first, "・*-•◆■●○◎※「『\"〜～~―—".unicodeScalars.contains(f) { return true }
        var i = 0
        while i < u.count, UTF8Scan.isDigit(UTF8Scan.fold(u[i].value)) { i += 1 }
        if i > 0, i < u.count, u[i] == "." || u[i] == ")" || u[i] == "." { return true }
        return false
    }

    private static let unknownDates = ["日時不明", "年不明", "撮影年不明", "年代不明", "撮影日不明", "撮影時期不明"].map { Array($0.unicodeScalars) }
    private static let positions = ["右", "左", "中央", "中", "手前", "奥", "上", "下", "真ん中", "右端", "左端", "前列", "後列", "右側", "左側"]
        .map { Array($0.unicodeScalars) }
    private static let dateEnds = ["年", "月", "日", "年頃", "年代", "年撮影", "月撮影", "日撮影", "年製作", "月製作", "日製作", "月頃", "日頃", "日午前", "日午後", "日朝", "日夜"].map { Array($0.unicodeScalars) }
    private static let ordinalEnds = ["番目", "人目"].map { Array($0.unicodeScalars) }
    private static let fromSides = ["右から", "左から"].map { Array($0.unicodeScalars) }

    /// Whether the `)` at `close` ends a date (`1960年4月`, `10月14日`, `日時不明`) or a
    /// position in a photo (`右`, `左から2番目`, `窓際真ん中`). Works on scalars, no strings.
    /// Added with photo places: `(右)`, `(左から3番目)` anywhere in a line (on the text, with
    /// full-width parentheses made ASCII).
    static func namesAPlaceInAPhoto(_ u: [Unicode.Scalar]) -> Bool {
        var text = String(String.UnicodeScalarView(u))
        text = text.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
        let places = ["右", "左", "中央", "真ん中", "右端", "左端", "手前", "前列", "後列"].map { "(\($0))" } + ["(右から", "(左から"]
        return places.contains { text.contains($0) }
    }

    static func closesDatePosition(_ u: [Unicode.Scalar], _ close: Int) -> Bool {
        guard close < u.count, u[close] == ")" || u[close] == "）" else { return false }
        var j = close - 1
        var depth = 0
        while j >= 0 {
            if u[j] == ")" || u[j] == "）" { depth += 1 }
            if u[j] == "(" || u[j] == "（" {
                if depth == 0 { break }
                depth -= 1
            }
            j -= 1
        }
        guard j >= 0 else { return false }
        let inner = u[(j + 1)..<close]
        guard !inner.isEmpty, inner.count <= 40 else { return false }
        func hasSuffix(_ w: [Unicode.Scalar]) -> Bool {
            w.count <= inner.count && inner.suffix(w.count).elementsEqual(w)
        }
        func contains(_ w: [Unicode.Scalar]) -> Bool {
            guard w.count <= inner.count else { return false }
            var i = inner.startIndex
            while i + w.count <= inner.endIndex {
                if inner[i..<(i + w.count)].elementsEqual(w) { return true }
                i += 1
            }
            return false
        }
        if unknownDates.contains(where: hasSuffix) { return true }
        if dateEnds.contains(where: hasSuffix), inner.contains(where: { UTF8Scan.isDigit(UTF8Scan.fold($0.value)) }) { return true }
        if inner.count <= 12, positions.contains(where: hasSuffix) { return true }
        return fromSides.contains(where: contains) && ordinalEnds.contains(where: hasSuffix)
    }

    private static func suffix(_ u: [Unicode.Scalar], _ p: Int) -> Substring {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: u[p..<min(u.count, p + 24)])
        return Substring(String(v))
    }

    /// A sentence (or another caption) can start at `p`, right after a date/position `)`.
    private static func startsAfterParen(_ u: [Unicode.Scalar], _ p: Int) -> Bool {
        guard p < u.count else { return false }
        switch JapaneseText.script(u[p].value) {
        case .kanji, .katakana, .alnum: return true
        case .open: return u[p] != "(" && u[p] != "（"
        case .hiragana:
            return JapaneseText.opensAfterCaption(u, at: p)
        default: return false
        }
    }

    /// Caption-like text before a split: no sentence end, no topic clause, not ending in a
    /// particle.
    static func isCaptionLike(_ u: ArraySlice<Unicode.Scalar>) -> Bool {
        guard u.count >= 4, let last = u.last else { return false }
        if u.contains("。") { return false }
        let ls = JapaneseText.script(last.value)
        guard ls == .kanji || ls == .katakana || ls == .alnum || ls == .close else { return false }
        var prev: Unicode.Scalar = " "
        for c in u {
            if c == "、" && (prev == "は" || prev == "が") { return false }
            prev = c
        }
        return true
    }

    /// First characters of the sentence openers that may follow a caption with no
    /// parenthesis (a cheap filter before the full check).
    private static let openerFirstValues: [UInt32] = {
        var set = Set<UInt32>()
        for w in JapaneseText.sentenceOpeners { set.insert(w.unicodeScalars.first!.value) }
        set.insert(Unicode.Scalar("ま").value)
        return set.sorted()
    }()

    @inline(__always)
    private static func mayOpenSentence(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if (v >= 0x30 && v <= 0x39) || (v >= 0xFF10 && v <= 0xFF19) { return true }
        guard v >= 0x3040 else { return false }
        return openerFirstValues.contains(v)
    }

    /// Captions glued before the paragraph: their ranges, and where the paragraph starts.
    func gluedCaptions(_ u: [Unicode.Scalar]) -> ([Range<Int>], Int) {
        let kuten = u.firstIndex(of: "。") ?? u.count
        let limit = min(kuten, maximumCaptionLength)
        var captions: [Range<Int>] = []
        var pos = 0
        var depth = 0
        var p = pos + 1
        while p < limit {
            let c = u[p - 1]
            if c == "(" || c == "（" { depth += 1 }
            if c == ")" || c == "）" { depth = max(0, depth - 1) }
            // A caption may be separated from the sentence by spaces: look past them.
            var end = p
            while end > pos, UTF8Scan.isSpace(UTF8Scan.fold(u[end - 1].value)) { end -= 1 }
            let isSpace = UTF8Scan.isSpace(UTF8Scan.fold(u[p].value))
            var split = false
            if depth == 0 && end - pos >= 4 && !isSpace {
                let last = u[end - 1]
                if last == ")" || last == "）" {
                    split = Self.closesDatePosition(u, end - 1) && Self.startsAfterParen(u, p) && Self.isCaptionLike(u[pos..<end])
                        && !SplitCaptions.isDateOnly(u[pos..<end])
                } else if Self.mayOpenSentence(u[p]) {
                    let prevScript = JapaneseText.script(last.value)
                    if prevScript == .kanji || prevScript == .katakana || prevScript == .alnum,
                        end < p || !Self.splitsANumberOrDate(u, p), JapaneseText.opensSentence(u, at: p)
                    {
                        let prefix = u[pos..<end]
                        split =
                            Self.isCaptionLike(prefix) && !Self.hasCommaOutsideParens(prefix)
                            && prefix.contains(where: { UTF8Scan.isHiragana($0.value) || $0 == "・" || $0 == "=" })
                    }
                }
            }
            if split {
                captions.append(pos..<end)
                pos = p
            }
            p += 1
        }
        return (captions, pos)
    }

    /// `…1|960年`, `4月|28日に`: a cut inside a number or a date is never a caption end.
    private static func splitsANumberOrDate(_ u: [Unicode.Scalar], _ p: Int) -> Bool {
        guard p > 0, p < u.count, UTF8Scan.isDigit(UTF8Scan.fold(u[p].value)) else { return false }
        let prev = u[p - 1]
        return UTF8Scan.isDigit(UTF8Scan.fold(prev.value)) || prev == "年" || prev == "月" || prev == "日" || prev == "." || prev == ","
            || prev == "第"
    }

    private static func hasCommaOutsideParens(_ u: ArraySlice<Unicode.Scalar>) -> Bool {
        var depth = 0
        for c in u {
            if c == "(" || c == "（" { depth += 1 }
            if c == ")" || c == "）" { depth = max(0, depth - 1) }
            if depth == 0 && (c == "、" || c == ",") { return true }
        }
        return false
    }

    /// A line made only of captions: the captions, or nil if it is not such a line.
    func captionOnlyLine(_ u: [Unicode.Scalar]) -> [Range<Int>]? {
        guard u.count <= maximumCaptionLength * 2, let last = u.last else { return nil }
        let ls = JapaneseText.script(last.value)
        guard ls == .kanji || ls == .katakana || ls == .alnum || last == ")" || last == "）" else { return nil }
        // A year and its era alone on a line (a chronology's row) is no caption.
        if (last == ")" || last == "）"), SplitCaptions.isDateOnly(u[...]) { return nil }
        // Added with glued table rows: two full dates outside parentheses make no caption line.
        if SplitCaptions.fullDatesOutsideParentheses(u) >= 2 { return nil }
        // Segments: split after date/position parentheses followed by more caption text.
        var segments: [Range<Int>] = []
        var start = 0
        for p in 1..<u.count where Self.closesDatePosition(u, p - 1) && Self.startsAfterParen(u, p) {
            segments.append(start..<p)
            start = p
        }
        segments.append(start..<u.count)
        let lastEndsWithDate = Self.closesDatePosition(u, u.count - 1)
        for (k, seg) in segments.enumerated() {
            let s = u[seg]
            if s.contains("。") && !(k == segments.count - 1 && lastEndsWithDate) && !(Self.closesDatePosition(u, seg.upperBound - 1)) {
                return nil
            }
            if s.contains("「") && !s.contains("」") { return nil }
        }
        var out: [Range<Int>] = []
        var splitSomewhere = false
        for seg in segments {
            let parts = splitTwo(u, seg)
            if parts.count > 1 { splitSomewhere = true }
            out.append(contentsOf: parts)
        }
        // Added with an undated caption after dated ones: the segments before the last end in
        // their date, so only the last needs the caption's shape.
        let shaped = Self.hasRelativeClause(u[segments[segments.count - 1]])
        guard lastEndsWithDate || splitSomewhere || shaped || Self.namesAPlaceInAPhoto(u) else { return nil }
        return out
    }

    /// `…する貨物船`, `…された残骸`: a verb form directly before a noun.
    private static func hasRelativeClause(_ u: ArraySlice<Unicode.Scalar>) -> Bool {
        guard u.count >= 8 else { return false }
        let endings: Set<Unicode.Scalar> = ["る", "た", "す", "く", "う", "ぶ", "む", "つ", "ぐ", "ぬ", "い", "だ"]
        var i = u.startIndex
        while i + 1 < u.endIndex {
            if endings.contains(u[i]) {
                let next = JapaneseText.script(u[i + 1].value)
                if next == .kanji || next == .katakana { return true }
            }
            i += 1
        }
        return false
    }

    /// Two captions glued with no separator (`…の残骸アイゼンハワー(右)とケネディ`): split
    /// where a noun run changes script and a new phrase with its own particle begins.
    private func splitTwo(_ u: [Unicode.Scalar], _ r: Range<Int>) -> [Range<Int>] {
        guard r.count >= 12, !u[r].contains("。") else { return [r] }
        var best: (priority: Int, at: Int)?
        var depth = 0
        for p in (r.lowerBound + 1)..<r.upperBound {
            let a = u[p - 1]
            if a == "(" || a == "（" { depth += 1 }
            if a == ")" || a == "）" { depth = max(0, depth - 1) }
            guard depth == 0 else { continue }
            let sa = JapaneseText.script(a.value)
            let sb = JapaneseText.script(u[p].value)
            let priority: Int
            if sa == .kanji && sb == .katakana {
                // Added with prefixes: one kanji before katakana (`東ドイツ`) is never cut.
                if p - 2 < r.lowerBound || JapaneseText.script(u[p - 2].value) != .kanji { continue }
                priority = 2
            } else if sa == .alnum && sb == .kanji {
                // Added with counters: a bare number before the kanji (`第12回`) is never cut.
                var i = p - 1
                while i >= 0, UTF8Scan.isDigit(UTF8Scan.fold(u[i].value)) || UTF8Scan.fold(u[i].value) == 0x2E || UTF8Scan.fold(u[i].value) == 0x2C { i -= 1 }
                if i < 0 || (JapaneseText.script(UTF8Scan.fold(u[i].value)) != .alnum && !SplitCaptions.isDash(UTF8Scan.fold(u[i].value))) { continue }
                // Added with model names: `B-26爆撃機の…` (a kanji run then `の` or `と`) is never cut.
                var j = p
                while j < r.upperBound, JapaneseText.script(u[j].value) == .kanji { j += 1 }
                if j < r.upperBound && (u[j] == "の" || u[j] == "と") { continue }
                priority = 1
            } else {
                continue
            }
            let left = p - r.lowerBound
            let right = r.upperBound - p
            guard left >= 6, right >= 6 else { continue }
            let head = u[p..<min(r.upperBound, p + 12)]
            // Added with katakana names after kanji (`京都リサーチセンター(…)`): a part of katakana
            // alone up to its parenthesis goes on the kanji's name.
            let rest = u[p..<r.upperBound]
            let katakanaName = rest.firstIndex(where: { $0 == "(" || $0 == "（" }).map { o in
                o > p && rest[..<o].allSatisfy { JapaneseText.script($0.value) == .katakana }
            } ?? false
            guard head.contains(where: { UTF8Scan.isHiragana($0.value) }) || (rest.contains("(") && !katakanaName) else { continue }
            if best == nil || priority > best!.priority { best = (priority, p) }
        }
        guard let best else { return [r] }
        return [r.lowerBound..<best.at, best.at..<r.upperBound]
    }
}

// MARK: - EditMarkers

/// The section edit links that MediaWiki skins render after a heading: `[編集]`,
/// `[ソースを編集]`, `[編集 | ソースを編集]` (with any spacing, full-width brackets too).
enum ReferenceEditMarkers {
    private static let words: [[UInt32]] = ["編集", "ソースを編集", "ソース編集", "edit", "Edit", "editsource", "編集する"].map {
        UTF8Scan.matchFolded($0)
    }

    /// If an edit marker starts at byte `i` (at a `[` or `［`, or at a `【` closed by `】`), the
    /// byte offset just after it.
    static func match(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard i < end else { return nil }
        var j = i
        let open = UTF8Scan.decode(p, j)
        // Added with `【編集】`: not in a sentence about the button (as in EditMarkers).
        let lenticular = open.scalar == "【".unicodeScalars.first!.value
        guard lenticular || UTF8Scan.fold(open.scalar) == 0x5B else { return nil }
        j += open.length
        var words = 0
        while true {
            skipSpaces(p, &j, end)
            guard let after = matchWord(p, j, end) else { return nil }
            j = after
            words += 1
            skipSpaces(p, &j, end)
            guard j < end else { return nil }
            let d = UTF8Scan.decode(p, j)
            let c = UTF8Scan.fold(d.scalar)
            if lenticular {
                if d.scalar == "】".unicodeScalars.first!.value {
                    let close = j + d.length
                    let before = String(decoding: UnsafeBufferPointer(rebasing: p[0..<i]), as: UTF8.self).unicodeScalars.last
                    let after = String(decoding: UnsafeBufferPointer(rebasing: p[close..<end]), as: UTF8.self).unicodeScalars.first
                    if let before, "のをがにではへともや、,，「『".unicodeScalars.contains(before) { return nil }
                    if let after, "をがにではのともへや>＞→」』、ボ【".unicodeScalars.contains(after) { return nil }
                    return close
                }
            } else if c == 0x5D {
                return j + d.length  // ]
            }
            guard c == 0x7C || c == 0x30FB || c == 0xB7, words < 3 else { return nil }  // | ・ ·
            j += d.length
        }
    }

    /// A marker cut off by a truncation (`見出し[編...`, `[ソース…`): if the bytes from `i` are
    /// the start of a marker followed only by `...`/`…`, the offset where the ellipsis begins.
    static func truncatedMatch(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard let ell = StripSiteChrome.ellipsisStart(p, i, end), ell > i else { return nil }
        var forms: [[UInt32]] = []
        for w in words { forms.append([0x5B] + w) }
        var j = i
        var k = 0
        while j < ell {
            let d = UTF8Scan.decode(p, j)
            j += d.length
            let f = UTF8Scan.matchFold(d.scalar)
            for c in [f.first, f.second] where c != 0 {
                forms = forms.filter { k < $0.count && $0[k] == c }
                guard !forms.isEmpty else { return nil }
                k += 1
            }
        }
        return ell
    }

    private static func skipSpaces(_ p: UnsafeBufferPointer<UInt8>, _ j: inout Int, _ end: Int) {
        while j < end {
            let d = UTF8Scan.decode(p, j)
            guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { return }
            j += d.length
        }
    }

    private static func matchWord(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var best: Int?
        for word in words {
            if let j = Template.matchLiteral(word, UnsafeBufferPointer(rebasing: p[0..<end]), at: start) { best = max(best ?? 0, j) }
        }
        return best
    }
}
