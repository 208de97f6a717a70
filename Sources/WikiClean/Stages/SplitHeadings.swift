/// Splits section headings off the text they are glued to and removes every edit marker.
///
/// Recognises `見出し[編集]本文` (and `[ソースを編集]`, `[編集 | ソースを編集]`, `【編集】`), a lone
/// `[編集]` line after a heading line (Vector 2022), the mobile `見出し 編集` and a lone
/// `編集` (or `編集する`) line, Fandom's empty `見出し[]`, and a bare section word glued to a quoted title
/// (`概要『…』`), and PukiWiki's `見出し †` anchors (on such a page the `?` links to missing
/// pages are cut too). On a page that renders no edit markers at all, a short standalone line
/// between paragraphs, a section word (`歴史`, `関連項目`) alone on its line, or a line that
/// names an entry of the page's own contents list, is taken as a heading.
///
/// ```
/// マングース作戦[編集]ピッグス湾事件の7カ月後の1961年11月、…
/// → heading "マングース作戦" + paragraph "ピッグス湾事件の7カ月後の1961年11月、…"
/// ```
public struct SplitHeadings: InfallibleStage {
    public static let identifier = "split-headings"
    public static let summary = "Split headings glued to text ('見出し[編集]本文', mobile '見出し 編集') and strip every edit marker."

    /// Longest heading, in characters.
    public var maximumHeadingLength: Int
    /// Take short standalone lines as headings on pages that show no edit markers.
    public var unmarkedHeadings: Bool
    /// Section words that open a line without a marker (`概要『…』`).
    public var bareHeadingWords: [String] {
        didSet { words = Words(bareHeadingWords) }
    }
    /// The word sets made from ``bareHeadingWords`` (once, not per page), in one object so
    /// that a copy of the stage retains one reference.
    private var words: Words

    private final class Words: Sendable {
        /// The bare heading words and the trailing section words.
        let section: Set<String>
        /// What a line alone may be known as on a page without markers: ``section``, the
        /// list words and the body words (one set, so that a line is hashed once for them).
        let unmarked: Set<String>
        /// ``unmarked`` by their folded form (a word written in half-width katakana).
        let unmarkedKeys: [String: String]

        init(_ bare: [String]) {
            section = Set(bare + HeadingAnchors.trailingSectionWords)
            unmarked = section.union(HeadingAnchors.listSectionWords).union(HeadingAnchors.bodySectionWords)
            unmarkedKeys = HeadingAnchors.widthFoldKeys(unmarked)
        }
    }
    private var sectionWords: Set<String> { words.section }

    public static let defaultBareHeadingWords = [
        "概要", "歴史", "経歴", "来歴", "人物", "特徴", "生涯", "沿革", "あらすじ", "ストーリー", "登場人物", "解説", "作品",
        "評価", "背景", "地理", "語源", "年表",
    ]

    public init(maximumHeadingLength: Int = 60, unmarkedHeadings: Bool = true, bareHeadingWords: [String] = Self.defaultBareHeadingWords) {
        self.maximumHeadingLength = maximumHeadingLength
        self.unmarkedHeadings = unmarkedHeadings
        self.bareHeadingWords = bareHeadingWords
        words = Words(bareHeadingWords)
    }

    static let markerRule = "edit-marker"
    static let headingRule = "heading"

    public func apply(to document: consuming Document, context: inout StageContext) -> [Document] {
        applyInPlace(to: document, context: &context)
    }

    /// The page changed in place (no `[Document]` made, no document copied). Its blocks are
    /// taken out of the document first: the array's only reference, so that ``split(_:context:)``
    /// moves them into the page's new blocks instead of copying each (its strings retained,
    /// then released with the old array).
    public func apply(inPlace doc: inout Document, context: inout StageContext) -> [Document]? {
        var blocks: [Block] = []
        swap(&blocks, &doc.blocks)
        // Pages of other sites run together in one page (no page start the reader knows between
        // them): each keeps its own markers, unmarked headings and PukiWiki marks (shared with
        // the reference implementation).
        let cuts = HeadingAnchors.pageSegmentStarts(blocks)
        if cuts.isEmpty {
            doc.blocks = split(blocks, context: &context)
        } else {
            var out: [Block] = []
            var from = 0
            for cut in cuts + [blocks.count] {
                out += split(Array(blocks[from..<cut]), context: &context)
                from = cut
            }
            doc.blocks = out
        }
        return nil
    }

    /// Splits the headings of one page's blocks (see ``HeadingAnchors/pageSegmentStarts(_:)``).
    /// The blocks are consumed: each is popped off the array as its turn comes, moved, not
    /// copied (a copy retained its strings, then the old array released them), so a line that
    /// goes on as it is costs no copy.
    private func split(_ blocks: consuming [Block], context: inout StageContext) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(blocks.count + 8)
        var sawMarker = false
        var sawDagger = false
        // The page's lines as they came, read in one pass (``PageMarks``).
        let marks = PageMarks(blocks, maximumHeadingLength: maximumHeadingLength)
        let gluedEmptyBrackets = marks.emptyBracketHeadings
        let gluedMobile = marks.mobileHeadings
        let paraeditPage = marks.paraeditHeadings
        // Whether the page's edit links stand before their headings: asked of the lines as they
        // came, before any is moved out, on a page where a line opens with an edit link and
        // goes on after it (only such a line asks).
        let linksLeadHeadings = marks.opensWithEditLink && editLinksLeadHeadings(blocks)
        // Byte-level pre-checks (see SplitHeadings+Fast.swift) rule out most lines before any
        // String work; a line that passes one goes through the same checks as before.
        let bareFilter = Self.bareHeadingFilter(for: bareHeadingWords)
        // The pieces of the line being split (``splitGlued(_:gluedEmptyBrackets:from:into:)``),
        // one array for the page: an array made for each line with a marker was allocated
        // (its `reserveCapacity` on an empty array went the general way, ~250 instructions)
        // and freed.
        var pieces: [Piece] = []
        // From the last block to the first: `popLast` moves each out (and the array, empty at
        // the end, has nothing to release). Reversed through its buffer: the array's own
        // `reverse()` checked bounds and uniqueness at every swap, some 115 instructions a block.
        blocks.withUnsafeMutableBufferPointer { $0.reverse() }
        while let block = blocks.popLast() {
            guard block.role == .paragraph else { out.append(block); continue }
            // Read on the block's own string (borrowed): most lines fail every pre-check and
            // go on as they are, with no copy of the text made (a copy retained the string and
            // released it after the block had been moved out, for every line).
            let shape = Self.LineShape(block.text, bareFilter: bareFilter)
            if shape.failsEveryCheck && !gluedMobile && block.rule != UnwrapMarkdown.headingHint {
                out.append(block)
                continue
            }
            let line = block.line
            let text = block.text
            // Another page's preview (a line cut off with `...`): its markers say nothing of this
            // page's headings, and its glued headings are split whatever this page's site.
            let preview = shape.mayBeTruncated && DetectArticleBoundaries.endsTruncated(text)

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
            if shape.mayEndInEdit, let (head, marker) = HeadingAnchors.paraeditHeading(text, maximumHeadingLength: maximumHeadingLength, pageWide: paraeditPage),
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
            if shape.mayHoldDagger, HeadingAnchors.splitAnchoredHeadings(
                text, line: line, headingRule: Self.headingRule, markerRule: Self.markerRule, into: &out, context: &context,
                find: { HeadingAnchors.daggerHeading($0, maximumHeadingLength: maximumHeadingLength) })
            {
                // A `†` in another page's preview says nothing of this page's headings (as `[編集]`).
                if !preview { sawMarker = true }
                sawDagger = true
                continue
            }
            // A lone marker line: the line before it is the heading.
            if shape.mayBeLoneMarker, isLoneMarker(text) {
                sawMarker = true
                context.recordRemoval(rule: Self.markerRule, text: text, line: line)
                if let prev = out.indices.last, out[prev].role == .paragraph, isHeadingLike(out[prev].text) {
                    // A photo's caption glued before it stays a paragraph, for split-captions.
                    HeadingAnchors.markHeadingOverALoneMarker(&out, at: prev, sectionWords: sectionWords, rule: Self.headingRule, context: &context)
                }
                continue
            }
            // Wikitext `== 見出し ==` and Markdown `## 見出し` lines (exports and converted dumps).
            if shape.mayBeMarkup, let head = Self.markupHeading(text), isHeadingLike(head) {
                sawMarker = true
                context.recordRemoval(rule: Self.markerRule, text: text, line: line)
                context.recordRelabel(rule: Self.headingRule, text: head, line: line, role: .heading)
                out.append(.heading(head, line: line))
                continue
            }
            // Mobile: `見出し 編集`. A mobile heading is short: count scalars only for short lines.
            if shape.hasMobileSuffix {
                let scalars = text.utf8.count <= 4 * (maximumHeadingLength + 3) ? text.unicodeScalars.count : Int.max
                if scalars <= maximumHeadingLength + 3 {
                    let head = String(text.unicodeScalars.dropLast(3)).trimmingSpaces
                    if !head.isEmpty, isHeadingLike(head) {
                        sawMarker = true
                        context.recordRemoval(rule: Self.markerRule, text: " 編集", line: line)
                        out.append(.heading(head, line: line))
                        continue
                    }
                }
            }
            // Mobile, glued: `見出し 編集本文` on a page with `見出し 編集` lines, or in another
            // page's preview, whatever this page's site (`…建つ。歴史 編集1537年に…...`).
            if gluedMobile || preview, HeadingAnchors.splitAnchoredHeadings(
                text, line: line, headingRule: Self.headingRule, markerRule: Self.markerRule, into: &out, context: &context,
                find: HeadingAnchors.gluedMobileHeading)
            {
                if !preview { sawMarker = true }
                continue
            }
            // No `[`, `［` or `【` in the line: no marker to split at.
            var wasSplit = shape.hasBracket && splitGlued(text, gluedEmptyBrackets: gluedEmptyBrackets, from: shape.firstBracket, into: &pieces)
            // Fandom's `見出し[]` glued in another page's preview, whatever this page's site
            // (`…模様がある。分布[]日本では…...`).
            if preview, shape.hasBracket, !gluedEmptyBrackets, !wasSplit || Self.isSingleParagraph(pieces) {
                wasSplit = splitGlued(text, gluedEmptyBrackets: true, from: shape.firstBracket, into: &pieces)
            }
            if !wasSplit || Self.isSingleParagraph(pieces) {
                if shape.mayBeBareHeading, let (word, rest) = bareHeading(text, filter: bareFilter) {
                    context.recordRelabel(rule: Self.headingRule, text: word, line: line, role: .heading)
                    out.append(.heading(word, line: line))
                    out.append(.paragraph(rest, line: line))
                } else {
                    out.append(block)
                }
                continue
            }
            // An edit link opening the line, with text after it (``leadingMarker(_:)``).
            if !preview, let (marker, rest) = Self.leadingMarker(pieces) {
                sawMarker = true
                Self.recordMarker(text, marker, line: line, context: &context)
                if linksLeadHeadings, isHeadingLike(rest) {
                    // `[編集] 地理`: MediaWiki before 1.18 rendered the link before the heading.
                    context.recordRelabel(rule: Self.headingRule, text: rest, line: line, role: .heading)
                    out.append(.heading(rest, line: line))
                } else {
                    // `[編集]ウィキペディアが…` under `免責事項`: the link of the heading over it,
                    // glued by the scrape to the paragraph under the heading (as a lone marker).
                    if let prev = out.indices.last, out[prev].role == .paragraph, isHeadingLike(out[prev].text) {
                        HeadingAnchors.markHeadingOverALoneMarker(&out, at: prev, sectionWords: sectionWords, rule: Self.headingRule, context: &context)
                    }
                    out.append(.paragraph(rest, line: line))
                }
                continue
            }
            // Moved out of the scratch array, first to last (reversed, then popped from the end),
            // not copied out of it (a copy and a destroy of each piece, its string retained
            // and released).
            pieces.withUnsafeMutableBufferPointer { $0.reverse() }
            while let piece = pieces.popLast() {
                switch piece {
                case .paragraph(let t): out.append(.paragraph(t, line: line))
                case .heading(let t):
                    context.recordRelabel(rule: Self.headingRule, text: t, line: line, role: .heading)
                    out.append(.heading(t, line: line))
                case .marker(let r):
                    if !preview { sawMarker = true }
                    Self.recordMarker(text, r, line: line, context: &context)
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

    /// A line that an edit link opens, with text after it and no other marker: the link and
    /// the text (`[編集] 地理` → the offsets of `[編集]`, `地理`).
    private static func leadingMarker(_ pieces: [Piece]) -> (Range<Int>, String)? {
        guard pieces.count == 2, case .marker(let m) = pieces[0], case .paragraph(let rest) = pieces[1] else { return nil }
        return (m, rest)
    }

    /// Whether the page renders its edit links before their headings, as MediaWiki did before
    /// 1.18 (`<span class="editsection">[編集]</span> <span class="mw-headline">地理</span>`:
    /// MonoBook and early Vector pages, old mirrors and static dumps): every edit link on it
    /// opens its line, a short line with no sentence end after it, and none stands alone or
    /// after text. Where one opens a sentence instead, the links belong to the headings over
    /// them and the scrape glued them to the paragraph under each.
    private func editLinksLeadHeadings(_ blocks: [Block]) -> Bool {
        var any = false
        var pieces: [Piece] = []
        for block in blocks where block.role == .paragraph {
            let text = block.text
            if isLoneMarker(text) { return false }
            guard splitGlued(text, gluedEmptyBrackets: false, into: &pieces), !Self.isSingleParagraph(pieces) else { continue }
            guard let (_, rest) = Self.leadingMarker(pieces), isHeadingLike(rest), !DetectArticleBoundaries.endsTruncated(text) else { return false }
            any = true
        }
        return any
    }

    private static func isSingleParagraph(_ pieces: [Piece]) -> Bool {
        if pieces.count == 1, case .paragraph = pieces[0] { return true }
        return false
    }

    private enum Piece {
        case paragraph(String)
        case heading(String)
        /// The marker's UTF-8 offsets in the line: it is only counted (and made a `String`
        /// only when events are kept, ``recordMarker(_:_:line:context:)``), not kept.
        case marker(Range<Int>)
    }

    /// Records the marker at `range` of `text`'s bytes as ``markerRule``'s removal, as
    /// `recordRemoval(rule:text:line:)` records its text: a `String` was made of every marker
    /// that a line was split at, only to be counted.
    private static func recordMarker(_ text: String, _ range: Range<Int>, line: Int?, context: inout StageContext) {
        text.withUTF8Bytes { context.recordRemoval(rule: markerRule, validUTF8: UnsafeBufferPointer(rebasing: $0[range]), line: line) }
    }

    /// Splits one line at its edit markers (and Fandom `[]`) into `pieces` (emptied first);
    /// false when it has none (the line is one paragraph, unchanged). `first`: the offset of
    /// the line's first bracket when ``LineShape`` found it (no marker starts before it), so
    /// it is not searched again.
    private func splitGlued(_ text: String, gluedEmptyBrackets: Bool, from first: Int? = nil, into pieces: inout [Piece]) -> Bool {
        pieces.removeAll(keepingCapacity: true)
        return text.withUTF8Bytes { p -> Bool in
            // Each marker is cut out as it is found (the pieces before it depend only on where
            // the previous one ended): no array of markers first, one allocation fewer a line.
            var found = false
            // The end of the last marker cut.
            var at = 0
            var known = first
            var i = first ?? 0
            // Only at `[`, `［` and `【`: jump from one to the next (the first may be known).
            while let bracket = known ?? LineShape.nextBracket(p, from: i) {
                known = nil
                i = bracket
                let b = p[i]
                let ms = i
                let me: Int
                if let e = EditMarkers.match(p, at: i, end: p.count) ?? EditMarkers.truncatedMatch(p, at: i, end: p.count) {
                    me = e
                } else if b == 0x5B, let e = HeadingAnchors.emptyBracketsEnd(p, at: i, glued: gluedEmptyBrackets) {
                    // Fandom `見出し[]`: ends its line, or glued to its paragraph (shared with the reference).
                    me = e
                } else {
                    i += 1
                    continue
                }
                i = me
                if !found {
                    found = true
                    // A paragraph, a caption, a heading and a marker, and the rest: enough for
                    // the usual one marker a line.
                    pieces.reserveCapacity(5)
                }
                let headStart = headingStart(p, from: at, to: ms)
                let isEmptyBrackets = me - ms == 2 && p[ms] == 0x5B
                if isEmptyBrackets && (headStart == ms || UTF8Scan.scalarCount(UnsafeBufferPointer(rebasing: p[headStart..<ms])) > 30) {
                    // `[]` that does not close a short heading is text.
                    continue
                }
                if let before = trimmedSlice(p, at, headStart) { pieces.append(.paragraph(before)) }
                let heading = trimmedSlice(p, headStart, ms) ?? ""
                // A caption glued before the heading closes its date with `)` or `）` (what
                // ``HeadingAnchors/captionGluedBeforeHeading(_:sectionWords:)`` looks for
                // first): looked for on the heading's bytes, in hand.
                if Self.holdsCloseParenthesis(p, headStart, ms),
                    let (caption, word) = HeadingAnchors.captionGluedBeforeHeading(heading, sectionWords: sectionWords)
                {
                    pieces.append(.paragraph(caption))
                    pieces.append(.heading(word))
                } else if !heading.isEmpty {
                    pieces.append(.heading(heading))
                }
                pieces.append(.marker(ms..<me))
                at = me
            }
            guard found else { return false }
            if let after = trimmedSlice(p, at, p.count) { pieces.append(.paragraph(after)) }
            return true
        }
    }

    /// The bytes `p[a..<b]` (on scalar boundaries) without leading and trailing spaces, as a
    /// `String`; nil when nothing is left. The same text as `slice(text, a, b).trimmingSpaces`,
    /// copied once (trimmed on the bytes, not sliced and then trimmed into a second copy).
    @inline(__always)
    private func trimmedSlice(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> String? {
        let (s, e) = StripSiteChrome.trimmedBoundsByScalars(UnsafeBufferPointer(rebasing: p[a..<b]))
        guard s < e else { return nil }
        return UTF8Validation.knownValidString(UnsafeBufferPointer(rebasing: p[(a + s)..<(a + e)]))
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


    private func slice(_ text: String, _ a: Int, _ b: Int) -> String {
        text.scalarAlignedSlice(a, b)
    }

    func isLoneMarker(_ text: String) -> Bool {
        let t = text.trimmingSpaces
        // `編集する`: the mobile-style lone edit link some skins label with the verb [unverified].
        if t == "編集" || t == "編集する" || t == "[]" { return true }
        return t.withUTF8Bytes { p in EditMarkers.match(p, at: 0, end: p.count) == p.count }
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
            let inner = String(String.UnicodeScalarView(u[lead..<(u.count - trail)])).trimmingSpaces
            return inner.isEmpty ? nil : inner
        }
        var hashes = 0
        while hashes < u.count, u[hashes] == "#" || u[hashes] == "\u{FF03}" { hashes += 1 }
        if hashes >= 1, hashes <= 6, hashes < u.count, u[hashes] == " " || u[hashes] == "\u{3000}" {
            let inner = String(String.UnicodeScalarView(u[(hashes + 1)...])).trimmingSpaces
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

    /// ``bareHeading(_:)`` asking `hasPrefix` only of the words that can open the text: with
    /// the default words (`filter`, see ``BareHeadingFilter``), a word whose first scalar is
    /// not the text's opens it only through a CJK compatibility ideograph. Nil `filter`: all.
    func bareHeading(_ text: String, filter: BareHeadingFilter?) -> (String, String)? {
        guard let filter, let first = text.unicodeScalars.first?.value, !BareHeadingFilter.isCompatibilityIdeograph(first) else {
            return bareHeading(text)
        }
        for (k, word) in bareHeadingWords.enumerated() where k < filter.count && filter.firstScalars[k] == first {
            // The word's bytes opening the text: the answer is the scalar after them. A quote
            // (`『` `「` `【`, no mark that joins the scalar before it) ends the word's last
            // character there, so `hasPrefix` holds and the rest starts after those bytes; any
            // other scalar leaves either no prefix or no quote after it (the word is passed, as
            // below). Bytes that differ may still be canonically equal: the comparison below.
            switch Self.bytePrefixThenQuote(text, word) {
            case true?: return (word, text.utf8Copy(word.utf8.count, text.utf8.count))
            case false?: continue
            case nil: break
            }
            guard text.hasPrefix(word) else { continue }
            let rest = text.dropFirst(word.count)
            guard let first = rest.unicodeScalars.first, "『「【".unicodeScalars.contains(first) else { continue }
            return (word, String(rest))
        }
        return nil
    }

    /// Whether `text`'s bytes open with `word`'s and then a `『`, `「` or `【` (E3 80 8E, 8C,
    /// 90); nil when they do not open with the word's bytes.
    static func bytePrefixThenQuote(_ text: String, _ word: String) -> Bool? {
        text.withUTF8Bytes { p in
            word.withUTF8Bytes { w in
                let n = w.count
                guard p.count >= n else { return nil }
                for i in 0..<n where p[i] != w[i] { return nil }
                return p.count >= n + 3 && p[n] == 0xE3 && p[n + 1] == 0x80 && (p[n + 2] == 0x8E || p[n + 2] == 0x8C || p[n + 2] == 0x90)
            }
        }
    }

    /// On a page without markers: a short line with no sentence punctuation, between
    /// paragraphs, is a heading.
    /// Whether `c` is one of `。、()（）「」『』:：`: a switch on the value (a `Set<Unicode.Scalar>`
    /// hashed every scalar of the line, some 40 instructions each).
    @inline(__always)
    static func isSentencePunctuation(_ c: UInt32) -> Bool {
        switch c {
        case 0x3002, 0x3001, 0x28, 0x29, 0xFF08, 0xFF09, 0x300C, 0x300D, 0x300E, 0x300F, 0x3A, 0xFF1A: return true
        default: return false
        }
    }

    /// Whether a character of `text` is one of `。、()（）「」『』:：` (compared as characters).
    /// No scalar of the set in the text means no such character: the character comparison
    /// runs only on the rare short line that holds one of the scalars.
    static func hasSentencePunctuation(_ text: String) -> Bool {
        guard text.unicodeScalars.contains(where: { isSentencePunctuation($0.value) }) else { return false }
        return text.contains(where: { "。、()（）「」『』:：".contains($0) })
    }

    /// `[類語]灯明台・航路標識`, `［補説］…`: a line led by a bracketed label and going on
    /// after it is a labelled item of the text (a dictionary's synonyms, a note), not a heading.
    /// `• 誤字脱字の修正`, `・用語`, `- 項目`: a line led by a list bullet (how text extractors
    /// and browsers render a list item, or a list typed as text) is an item, not a heading.
    static func opensWithListBullet(_ text: String) -> Bool {
        text.trimmingSpaces.withUTF8Bytes { p -> Bool in
            guard p.count > 1 else { return false }
            // Markdown's and wiki text's marks, with the space after them.
            if p[0] == 0x2D || p[0] == 0x2A || p[0] == 0x2B { return p[1] == 0x20 }
            let d = UTF8Scan.decode(p, 0)
            guard p.count > d.length else { return false }
            switch d.scalar {
            case 0x2022, 0x2023, 0x2043, 0x25E6, 0x30FB, 0xFF65: return true  // • ‣ ⁃ ◦ ・ ･
            default: return false
            }
        }
    }

    static func opensWithLabel(_ text: String) -> Bool {
        text.withUTF8Bytes { p -> Bool in
            let n = p.count
            let open: Int
            if n > 0, p[0] == 0x5B { open = 1 } else if n > 2, p[0] == 0xEF, p[1] == 0xBC, p[2] == 0xBB { open = 3 } else { return false }
            var i = open
            while i < n {
                if p[i] == 0x5D { return i > open && i + 1 < n }
                if i + 2 < n, p[i] == 0xEF, p[i + 1] == 0xBC, p[i + 2] == 0xBD { return i > open && i + 3 < n }
                if p[i] == 0x5B { return false }
                i += 1
            }
            return false
        }
    }

    /// Whether the short line `content[k]` stands over a list it is no item of: the next two
    /// lines are items of one shape (`本社 - 京都府…`, `東京支店 - 東京都…`: a spaced dash; or
    /// `監督：…` labels), the line has neither shape (`事業所`). A section's list opens right
    /// under its heading; an item with no description would still be a name, as its siblings'.
    static func isOverAList(_ blocks: [Block], _ content: [Int], _ k: Int) -> Bool {
        guard k + 2 < content.count else { return false }
        let a = blocks[content[k + 1]], b = blocks[content[k + 2]]
        guard a.role == .paragraph, b.role == .paragraph, content[k + 2] == content[k + 1] + 1, !a.text.containsKuten, !b.text.containsKuten
        else { return false }
        let line = blocks[content[k]].text
        guard SplitCaptions.listShape(line) == nil, !SplitCaptions.hasLabelShape(line) else { return false }
        if let shape = SplitCaptions.listShape(a.text), shape == .dash, SplitCaptions.listShape(b.text) == shape { return true }
        return SplitCaptions.hasLabelShape(a.text) && SplitCaptions.hasLabelShape(b.text)
    }

    private func markUnmarkedHeadings(_ blocks: inout [Block], context: inout StageContext) {
        // Reserved whole: no regrowth while it is filled.
        var content: [Int] = []
        content.reserveCapacity(blocks.count)
        for i in blocks.indices where blocks[i].role == .paragraph || blocks[i].role == .heading { content.append(i) }
        guard content.count >= 3 else { return }
        // Whether a sentence came before: past the lead, in the body.
        var sentenceBefore = false
        // Whether the last heading before is a section of links (`関連項目`, `関連リンク`,
        // `外部リンク`), and how many lines stand under it, none a sentence (its links).
        var linkSection = false
        var linkItems = 0
        for (k, i) in content.enumerated() where k > 0 && k + 1 < content.count {
            // By index, not a copy of the block (most lines stop at the tests below).
            let before = content[k - 1]
            if !sentenceBefore, blocks[before].text.containsKuten { sentenceBefore = true }
            if blocks[before].role == .heading {
                linkSection = HeadingAnchors.isLinkSectionWord(blocks[before].text)
                linkItems = 0
            } else if linkSection {
                if blocks[before].text.containsKuten { linkSection = false } else { linkItems += 1 }
            }
            guard blocks[i].role == .paragraph else { continue }
            // More than 60 bytes is more than 15 scalars: no need to count them.
            guard blocks[i].text.utf8.count <= 60 else { continue }
            let b = blocks[i]
            let n = b.text.unicodeScalars.count
            guard n <= 15, !Self.hasSentencePunctuation(b.text),
                !b.text.hasSuffix("..."), !b.text.hasSuffix("…"), !Self.opensWithLabel(b.text), !Self.opensWithListBullet(b.text)
            else { continue }
            let prev = HeadingAnchors.blockBeforeHeadingCandidate(blocks, content, k)
            let next = HeadingAnchors.blockAfterHeadingCandidate(blocks, content, k)
            // A section word alone on its line needs no long sentence after it (a caption or a list may follow).
            let word0 = b.text.trimmingSpaces
            // Written in half-width katakana or full-width letters (`ｷﾞｬﾗﾘｰ`): the word it reads as.
            let word = HeadingAnchors.widthFoldedWord(word0, keys: words.unmarkedKeys)
            // One hash for most lines: the list words are asked only of a known word.
            let known = words.unmarked.contains(word)
            let listWord = known && HeadingAnchors.listSectionWords.contains(word)
            // A sentence after it, or one that a list goes on (`…として、`, its items lost), or a
            // list whose shape it does not share (``isOverAList(_:_:_:)``).
            guard next.role == .paragraph,
                known || (Self.hasMoreScalars(next.text, than: n * 2) && (next.text.containsKuten || next.text.hasSuffixBytes("、")))
                    || Self.isOverAList(blocks, content, k)
            else { continue }
            // Or a section word right under the page header: one or two short lines with no
            // sentence end before it (a title line, the reading line under it), as on a
            // ピクシブ百科事典 article with no summary and no contents box.
            let underHeader = known && k <= 2 && content[..<k].allSatisfy { j in
                blocks[j].role == .paragraph && blocks[j].text.utf8.count <= 4 * 40 && blocks[j].text.unicodeScalars.count <= 40
                    && !blocks[j].text.containsKuten
            }
            // Or a section word in the body over a sentence, after a list (`主な支流`, its items,
            // then `歴史` over the next paragraph).
            // A list's section word after a list, over another (`スタッフ` between the cast and
            // the staff of a drama) needs neither.
            // So does a section of links over its first item (`関連項目` after a list, then
            // `日本の鉄道駅一覧`): what stands under it is a list of page names.
            let afterList = known && sentenceBefore
                && (listWord || HeadingAnchors.isLinkSectionWord(word) || next.text.containsKuten && Self.hasMoreScalars(next.text, than: n * 2))
            // Or a line after the links of a link section (no sentence among them): the next
            // section's heading when a sentence follows it (a link section holds no prose) or
            // when it is a trailing section word (`脚注` after `関連項目`'s links), right under it.
            // Not over chrome (the page's footer or side blocks: the body has ended there).
            let afterLinks = linkItems > 0 && linkSection && prev.role == .paragraph && content[k + 1] == i + 1
                && (!known || HeadingAnchors.isTrailingSectionWord(word)
                    || next.text.containsKuten && Self.hasMoreScalars(next.text, than: n * 2))
                // Not the next page's title line over its lead (`支笏湖`, `支笏湖(しこつこ)は、…`).
                && !DetectArticleBoundaries.leadNames(next.text, title: word0)
            guard prev.role == .heading || prev.text.containsKuten || underHeader || afterList || afterLinks else { continue }
            // Right under a section of links (`関連項目`, `外部リンク`), a short line is its item.
            guard known || prev.role != .heading || !HeadingAnchors.isLinkSectionWord(prev.text) else { continue }
            // Right under a gallery's heading, a short line is a photo's caption.
            guard known || prev.role != .heading || !SplitCaptions.isGalleryHeading(prev.text.trimmingSpaces) else { continue }
            // Between cut-off previews, a short line is another page's title, not a heading.
            guard !HeadingAnchors.touchesAPreview(prev, next) else { continue }
            blocks[i].role = .heading
            context.recordRelabel(rule: Self.headingRule, text: b.text, line: b.line, role: .heading)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces (ASCII, ideographic, NBSP, tabs).
    var trimmingSpaces: String {
        // On the UTF-8 bytes, scalar by scalar (the same scalars the scalar view would see).
        let (s, e, n) = withUTF8Bytes { p -> (Int, Int, Int) in
            let n = p.count
            var s = 0
            while s < n {
                let d = UTF8Scan.decode(p, s)
                guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { break }
                s += d.length
            }
            var e = n
            while e > s {
                let d = UTF8Scan.decodeBefore(p, e)
                guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { break }
                e -= d.length
            }
            return (s, e, n)
        }
        if s == 0 && e == n { return self }
        return scalarAlignedSlice(s, e)
    }
}
