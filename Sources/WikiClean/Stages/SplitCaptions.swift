#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
public struct SplitCaptions: InfallibleStage {
    public static let identifier = "split-captions"
    public static let summary = "Cut image captions glued before paragraphs, or standing alone on a line, into the document's captions."

    /// Longest caption, in characters.
    public var maximumCaptionLength: Int

    public init(maximumCaptionLength: Int = 200) {
        self.maximumCaptionLength = maximumCaptionLength
    }

    static let rule = "caption"

    public func apply(to document: consuming Document, context: inout StageContext) -> [Document] {
        applyInPlace(to: document, context: &context)
    }

    /// The stage on the document in place (always one document goes on: nil).
    public func apply(inPlace document: inout Document, context: inout StageContext) -> [Document]? {
        // The blocks are read first and changed after, in place: the blocks that stay are
        // neither copied nor released (a new array of the page's blocks retained each block
        // it took over, and freeing the old one released it again).
        var out = edits(of: document.blocks, context: &context)
        out.apply(to: &document.blocks)
        return nil
    }

    /// What the stage changes in `blocks`, in order.
    private func edits(of blocks: [Block], context: inout StageContext) -> Output {
        var out = Output()
        var sawContent = false
        var inGallery = false
        // Under a section of links (`関連項目`, `外部リンク`), a line alone is the list's item.
        var inLinks = false
        var u: [Unicode.Scalar] = []
        var overLead = TaglineWatch()
        // Read once (a global's every read calls `swift_once`).
        let probeTables = Self.probeTables
        for index in blocks.indices {
            // By index, the fields one at a time: no block is copied.
            let role = blocks[index].role
            let mayBeOverLead = overLead.pass(index, in: blocks)
            guard role == .paragraph else {
                if role != .chrome { sawContent = true }
                if role == .heading {
                    // (One copy of the text for both: each read of the field retains it.)
                    let heading = blocks[index].text
                    inGallery = Self.isGalleryHeading(heading)
                    inLinks = HeadingAnchors.isLinkSectionWord(heading)
                }
                out.keep(index, of: blocks)
                continue
            }
            defer { sawContent = true }
            let text = blocks[index].text
            let line = blocks[index].line
            // An article's lead ends the section of links: another article begins on the page
            // (pages of a dump with no page marker between them).
            if inLinks, text.containsKuten, JapaneseText.opensWithLead(text) { inLinks = false }
            // Under a gallery heading every line without a sentence end is a caption, and so
            // is a short sentence among them.
            if inGallery, Self.isGalleryCaption(text, afterRole: out.lastRole, maximumCaptionLength: maximumCaptionLength) {
                context.recordRelabel(rule: Self.rule, text: text, line: line, role: .caption)
                out.add(.caption(text, line: line), at: index, of: blocks)
                continue
            }
            // A list item whose mark an earlier stage took off is no caption, as one with its mark.
            if blocks[index].rule == RejoinLines.listItemHint { out.keep(index, of: blocks); continue }
            // The photo beside the lead, whose caption a scrape puts between the tagline and the lead.
            if mayBeOverLead && Self.isCaptionOverLead(at: index, in: blocks) {
                context.recordRelabel(rule: Self.rule, text: text, line: line, role: .caption)
                out.add(.caption(text, line: line), at: index, of: blocks)
                continue
            }
            // A first pass on the bytes: most paragraphs are prose, no caption-only line (they
            // end in `。` or are long) and with no place in their first sentence where a caption
            // could end.
            // (The closure captures no array: one that does retains and releases it per line.)
            let probe = text.withUTF8Bytes {
                Self.probe($0, sawContent: sawContent, maximumCaptionLength: maximumCaptionLength, tables: probeTables)
            }
            // A line of captions has at most twice `maximumCaptionLength` scalars
            // (``captionOnlyLine(_:)``): a longer one is read as prose.
            if !probe.mayGlue && (!probe.mayBeCaptionOnly || Self.hasMoreScalars(text, than: 2 * maximumCaptionLength)) {
                // Only a caption before a biography's spaced name is left to look for (none
                // when the probe found no space before the first parenthesis: the call is
                // passed over).
                if probe.spaced != false,
                    let (caption, lead) = Self.captionBeforePersonLead(text, maximumCaptionLength: maximumCaptionLength, spaced: probe.spaced)
                {
                    context.recordRelabel(rule: Self.rule, text: caption, line: line, role: .caption)
                    out.add(.caption(caption, line: line), at: index, of: blocks)
                    out.add(.paragraph(lead, line: line), at: index, of: blocks)
                } else {
                    out.keep(index, of: blocks)
                }
                continue
            }
            // A caption-only line ends in a noun or a parenthesis; most paragraphs end in `。`.
            // Only the first sentence can hold glued captions: the scalars up to it.
            // (The probe's `mayBeCaptionOnly` is ``loadScalars``' test, already made.)
            let mayBeCaptionOnly = probe.mayBeCaptionOnly
            let sentence = Self.loadScalars(text, into: &u, mayBeCaptionOnly: mayBeCaptionOnly, maximumCaptionLength: maximumCaptionLength)
            // A caption before a lead closes a parenthesis in the first sentence.
            // Or, undated, before a biography's spaced name (no parenthesis closes the caption).
            if let (caption, lead) =
                (sentence.lastClose >= 0
                    ? Self.captionBeforeLead(text, u, through: sentence.lastClose, maximumCaptionLength: maximumCaptionLength) : nil)
                ?? (probe.spaced == false ? nil : Self.captionBeforePersonLead(text, maximumCaptionLength: maximumCaptionLength, spaced: probe.spaced))
            {
                context.recordRelabel(rule: Self.rule, text: caption, line: line, role: .caption)
                out.add(.caption(caption, line: line), at: index, of: blocks)
                out.add(.paragraph(lead, line: line), at: index, of: blocks)
                continue
            }
            guard u.count >= 6 else { out.keep(index, of: blocks); continue }
            if mayBeCaptionOnly, !inLinks, !Self.isExcluded(text, u), !Self.isTableRow(text), let captions = captionOnlyLine(u),
                !Self.isListItem(at: index, in: blocks), !Self.titlesTheNextLead(at: index, in: blocks)
            {
                for c in captions {
                    let t = Self.string(text, u, c)
                    context.recordRelabel(rule: Self.rule, text: t, line: line, role: .caption)
                    out.add(.caption(t, line: line), at: index, of: blocks)
                }
                // (A line of captions always holds one: `captionOnlyLine` returns its parts.)
                if captions.isEmpty { out.drop(index, of: blocks) }
                continue
            }
            let (captions, rest) = gluedCaptions(u, sentence)
            guard !captions.isEmpty, !Self.isExcluded(text, u) else { out.keep(index, of: blocks); continue }
            for c in captions {
                let t = Self.string(text, u, c)
                context.recordRelabel(rule: Self.rule, text: t, line: line, role: .caption)
                out.add(.caption(t, line: line), at: index, of: blocks)
            }
            let restStart = Self.utf8Offset(u, rest)
            out.add(.paragraph(text.scalarAlignedSlice(restStart, text.utf8.count).trimmingSpaces, line: line), at: index, of: blocks)
        }
        return out
    }

    /// What the stage does to a page's blocks: the blocks that go out in place of some of
    /// them (most pages hold no caption: none), applied to the blocks in place at the end.
    private struct Output {
        /// The blocks that go out instead of page blocks, in page order.
        var blocks: [Block] = []
        /// Per page block replaced, in page order: its index, and where its replacements
        /// start in ``blocks`` and how many there are (0: it is dropped).
        var spans: [(index: Int, start: Int, count: Int)] = []
        /// The role of the last block out so far (nil before the first).
        var lastRole: Block.Role?

        /// The page's block at `index` stays as it is.
        @inline(__always)
        mutating func keep(_ index: Int, of page: [Block]) {
            lastRole = page[index].role
        }

        /// `block` goes out in place of (or with others in place of) the page's block at
        /// `index`.
        mutating func add(_ block: Block, at index: Int, of page: [Block]) {
            if let last = spans.last, last.index == index {
                spans[spans.count - 1].count += 1
            } else {
                spans.append((index, blocks.count, 1))
            }
            lastRole = block.role
            blocks.append(block)
        }

        /// The page's block at `index` goes, nothing in its place.
        mutating func drop(_ index: Int, of page: [Block]) {
            spans.append((index, blocks.count, 0))
        }

        /// Puts the replacements in `page` (the blocks the edits were made of), the last
        /// first so that the indices before stay: a block for a block is swapped in, no
        /// block moved.
        mutating func apply(to page: inout [Block]) {
            var k = spans.count - 1
            while k >= 0 {
                let (index, start, count) = spans[k]
                if count == 1 {
                    swap(&page[index], &blocks[start])
                } else {
                    page.replaceSubrange(index..<(index + 1), with: blocks[start..<(start + count)])
                }
                k -= 1
            }
        }
    }

    /// The last character is a kanji, kana, letter, digit or a closing parenthesis.
    static func endsLikeACaption(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return endsLikeACaption(last: last.value)
    }

    @inline(__always)
    static func endsLikeACaption(last: UInt32) -> Bool {
        if last == 0x29 || last == 0xFF09 { return true }  // ) ）
        let s = Self.script(last)
        return s == .kanji || s == .katakana || s == .alnum
    }

    // MARK: - Shapes

    /// The text of the scalars `r` of `u` (the first scalars of `text`), trimmed.
    static func string(_ text: String, _ u: [Unicode.Scalar], _ r: Range<Int>) -> String {
        let start = utf8Offset(u, r.lowerBound)
        let end = start + utf8Offset(u[r])
        return text.scalarAlignedSlice(start, end).trimmingSpaces
    }

    /// Leads, truncated previews, list items and quotations are never captions.
    static func isExcluded(_ text: String, _ u: [Unicode.Scalar]) -> Bool {
        // The same tests as ever, cheapest first (each one alone can exclude the line).
        // A quotation's attribution under it opens with a wave dash or a dash (`〜 テトリスについて、X`,
        // アンサイクロペディア's quote template; `―― 夏目漱石`): no photo is captioned so.
        if let f = u.first, excludedFirstScalars.contains(f) { return true }
        var i = 0
        while i < u.count, UTF8Scan.isDigit(UTF8Scan.fold(u[i].value)) { i += 1 }
        if i > 0, i < u.count, u[i] == "." || u[i] == ")" || u[i] == "." { return true }
        // A character suffix holds only if the bytes end so (`.` and `…` have no other form):
        // the byte test first.
        if endsWithEllipsis(text) || JapaneseText.endsWithMiddleDotMark(text) { return true }
        if JapaneseText.opensWithLead(text) { return true }
        return false
    }

    /// `text.hasSuffix("...") || text.hasSuffix("…")`, on the last three bytes (both marks'
    /// length) first. When they are a mark's and the scalar before it is plain
    /// (``DetectArticleBoundaries/isPlainScalar(_:)``: none that joins the mark's first
    /// character), the characters end so too: `hasSuffix` (some 2,300 instructions a call, 104
    /// calls on the 4 MB corpus) is asked only after another scalar.
    static func endsWithEllipsis(_ text: String) -> Bool {
        // 0: no, 1: yes, 2: `...` to ask as characters, 3: `…` to ask as characters.
        let bytes = text.withUTF8Bytes { p -> Int in
            let n = p.count
            guard n >= 3 else { return 0 }
            let a = p[n - 3], b = p[n - 2], c = p[n - 1]
            let dots = a == 0x2E && b == 0x2E && c == 0x2E
            guard dots || (a == 0xE2 && b == 0x80 && c == 0xA6) else { return 0 }
            if n == 3 || DetectArticleBoundaries.isPlainScalar(UTF8Scan.decodeBefore(p, n - 3).scalar) { return 1 }
            return dots ? 2 : 3
        }
        switch bytes {
        case 0: return false
        case 1: return true
        case 2: return text.hasSuffix("...")
        default: return text.hasSuffix("…")
        }
    }

    /// The first scalars of list items and quotations ``isExcluded(_:_:)`` rules out.
    private static let excludedFirstScalars = Array("・*-•◆■●○◎※「『\"〜～~―—".unicodeScalars)

    /// Headings of an image gallery (MediaWiki's `<gallery>` under a section such as
    /// `ギャラリー`): a text scrape puts each thumbnail's caption on a line of its own.
    static let galleryHeadings: Set<String> = ["ギャラリー", "画像", "画像ギャラリー", "写真", "Gallery", "gallery"]
    private static let galleryHeadingBytes = galleryHeadings.map { Array($0.utf8) }

    /// ``galleryHeadings`` asked on the bytes (a heading's length first): hashing a Japanese
    /// string for the set costs more than comparing six short words.
    /// A word written in half-width katakana (`ｷﾞｬﾗﾘｰ`, 18 bytes; `画像ｷﾞｬﾗﾘｰ`, 24) is asked
    /// in its folded form, only when it holds such a byte (at most 48 bytes: spaces fold away).
    /// The word comparisons and the width-form test read the bytes once (`elementsEqual` on the
    /// `UTF8View` for each word of the heading's length cost some 100 instructions a word).
    static func isGalleryHeading(_ t: String) -> Bool {
        let n = t.utf8.count
        guard n <= 48 else { return false }
        let (word, widthForms) = t.withUTF8Bytes { p -> (Bool, Bool) in
            // (The words' lengths in bytes: 6, 7, 15 and 21; a unit test checks it.)
            if n == 6 || n == 7 || n == 15 || n == 21, let base = p.baseAddress {
                for w in galleryHeadingBytes where w.count == n {
                    if w.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base, n) == 0 }) { return (true, false) }
                }
            }
            return (false, HeadingAnchors.hasWidthForms(p))
        }
        if word { return true }
        guard widthForms else { return false }
        // `galleryHeadings.contains(HeadingAnchors.widthFoldedWord(t, keys: galleryHeadingKeys))`,
        // the folded key made from the bytes (``UTF8Scan/matchFolded(_:)``) and looked
        // up (a string hashed, some fifteen thousand instructions) only when each of its
        // scalars may stand in a gallery word's key: one of the keys' own, a combining mark or
        // a compatibility ideograph (a string canonically equivalent to a key is made of
        // these). Most headings with a width form (`関連ﾍﾟｰｼﾞ`) hold another. (A heading with a
        // width form is no gallery word itself: those hold none.)
        let folded = UTF8Scan.matchFolded(t)
        guard folded.allSatisfy({ Self.mayStandInGalleryKey($0) }) else { return false }
        var key = String.UnicodeScalarView()
        for c in folded { if let scalar = Unicode.Scalar(c) { key.append(scalar) } }
        return galleryHeadings.contains(galleryHeadingKeys[String(key)] ?? t)
    }

    /// The scalars of the gallery words' folded keys, and for a katakana among them the two
    /// before it (the base letter of a voiced `ギ` or semi-voiced kana, which a decomposed
    /// spelling writes with a combining mark).
    private static let galleryKeyScalars: [UInt32] = Array(
        Set(galleryHeadingKeys.keys.flatMap { k in
            k.unicodeScalars.flatMap { u -> [UInt32] in (0x30A1...0x30FA).contains(u.value) ? [u.value, u.value - 1, u.value - 2] : [u.value] }
        })
    ).sorted()

    /// Whether `v` may stand in a string canonically equivalent to a gallery word's key: one
    /// of ``galleryKeyScalars``, a combining mark (U+0300–036F, U+1AB0–1AFF, U+1DC0–1DFF,
    /// U+20D0–20FF, U+3099–309A, U+FE20–FE2F) or a compatibility ideograph (U+F900–FAFF,
    /// U+2F800–2FA1F).
    static func mayStandInGalleryKey(_ v: UInt32) -> Bool {
        galleryKeyScalars.contains(v) || (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || v == 0x3099 || v == 0x309A || (0xFE20...0xFE2F).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x2F800...0x2FA1F).contains(v)
    }

    private static let galleryHeadingKeys = HeadingAnchors.widthFoldKeys(galleryHeadings)

    /// A line under a gallery heading that is a caption: no sentence end, not a table row, at
    /// most `maximumCaptionLength` characters.
    static func isGalleryCaption(_ text: String, maximumCaptionLength: Int) -> Bool {
        !text.isEmpty && !text.containsKuten && !isTableRow(text) && !DetectArticleBoundaries.endsTruncated(text)
            && text.utf8.count <= 4 * maximumCaptionLength && text.unicodeScalars.count <= maximumCaptionLength
    }

    /// Longest caption that is a sentence, in scalars.
    static let maximumSentenceCaptionLength = 80

    /// ``isGalleryCaption(_:maximumCaptionLength:)``, or a short line of sentences right after
    /// a caption of the gallery whose first sentence is a noun phrase, as a caption is
    /// (`石巻港に停泊する船。震災前に撮影された。`: a thumbnail's caption written as sentences). A
    /// sentence before the first caption introduces the gallery, and one that says something
    /// (`この画像は公式のものである。`) remarks on it: they stay paragraphs.
    static func isGalleryCaption(_ text: String, after previous: Block?, maximumCaptionLength: Int) -> Bool {
        isGalleryCaption(text, afterRole: previous?.role, maximumCaptionLength: maximumCaptionLength)
    }

    /// ``isGalleryCaption(_:after:maximumCaptionLength:)`` with the role of the block before
    /// (all it reads of it).
    static func isGalleryCaption(_ text: String, afterRole previousRole: Block.Role?, maximumCaptionLength: Int) -> Bool {
        if isGalleryCaption(text, maximumCaptionLength: maximumCaptionLength) { return true }
        guard previousRole == .caption, text.utf8.count <= 4 * maximumSentenceCaptionLength, text.hasSuffix("。"),
            !isTableRow(text)
        else { return false }
        let u = Array(text.unicodeScalars)
        guard u.count <= min(maximumCaptionLength, maximumSentenceCaptionLength), let kuten = u.firstIndex(of: "。") else { return false }
        return isCaptionLike(u[..<kuten]) && !JapaneseText.opensWithLead(text)
    }

    /// A table row flattened to text: cells separated by `|` or `｜` (`1958年 | 竣工`). No
    /// line of captions holds one. (A tab is no sign: scrapes leave stray tabs in text.)
    static func isTableRow(_ text: String) -> Bool {
        text.containsBytes("|") || text.containsBytes("｜")
    }

    /// The shapes of a list item that a lone caption does not take twice in a row.
    enum ListShape {
        /// `2010年 - 第12回…賞`, `1985年、東京都に生まれる。`: a chronology's or an award list's row
        /// (not `1998年のマシン`, a noun phrase).
        case year
        /// `霧の港(2014年)`, `潮風の駅(2003年、港町テレビ) - 浜田翔 役`: a work and its year.
        case titleYear
        /// `監督 - 高橋一郎`, `作品名 - 役名`: a list item's two parts around a spaced dash.
        case dash
    }

    /// The list-item shape of a line, if it has one (read from its first 40 scalars, but for
    /// the dash).
    static func listShape(_ text: String) -> ListShape? {
        let u = firstScalars(text, 40)
        func digits(from i: Int) -> Int {
            var j = i
            while j < u.count, UTF8Scan.isDigit(UTF8Scan.fold(u[j].value)) { j += 1 }
            return j - i
        }
        let lead = digits(from: 0)
        // Not `1998年の…`: a noun phrase (a photo's `1998年のマシン`), no chronology's row.
        if lead >= 1 && lead <= 4 && lead < u.count && u[lead] == "年" && (lead + 1 == u.count || u[lead + 1] != "の") { return .year }
        if let open = u.firstIndex(where: { $0 == "(" || $0 == "（" }), open >= 1, open <= 30, digits(from: open + 1) == 4,
            open + 5 < u.count, u[open + 5] == "年",
            // A work's year (`(2014年)`, `(2003年、…)`, `(2012年 - 2013年)`); a month after it is a
            // photo's date (`芭蕉庵跡(2016年5月)`), and two photos' captions come in a row too.
            open + 6 >= u.count || !UTF8Scan.isDigit(UTF8Scan.fold(u[open + 6].value))
        {
            return .titleYear
        }
        // The dash as written (`-`, `–`), full-width (`－`), or as a long dash (`—`, `―`) or minus.
        if text.withUTF8Bytes({ hasSpacedDash($0) }) { return .dash }
        return nil
    }

    /// Whether `p` holds ` - `, ` – `, ` － `, ` — `, ` ― ` or ` − `: the six searches of the
    /// text (one `containsBytes` each) as one pass over its spaces, each space asked what
    /// follows it.
    static func hasSpacedDash(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return false }
        let n = p.count
        var i = 0
        while i + 2 < n, let hit = memchr(base + i, 0x20, n - 2 - i) {
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // ` - `
            if base[k + 1] == 0x2D && base[k + 2] == 0x20 { return true }
            if k + 4 < n && base[k + 4] == 0x20 {
                let b0 = base[k + 1], b1 = base[k + 2], b2 = base[k + 3]
                // – — ― (E2 80 93–95), − (E2 88 92), － (EF BC 8D)
                if b0 == 0xE2 && ((b1 == 0x80 && b2 >= 0x93 && b2 <= 0x95) || (b1 == 0x88 && b2 == 0x92)) { return true }
                if b0 == 0xEF && b1 == 0xBC && b2 == 0x8D { return true }
            }
            i = k + 1
        }
        return false
    }

    /// Whether the paragraph at `index` is an item of a list: the paragraph right before or
    /// right after it (no heading between) has the same list-item shape. A photo's caption
    /// stands alone between paragraphs (or glued to one); a filmography's `作品名(2014年)`,
    /// an award list's `2010年 - …賞(『作品』)` come in runs, line after line, each shaped
    /// like a lone caption.
    /// Whether the paragraph at `index` is the title line over the next paragraph's lead
    /// (`高杉晋作が登場する大衆文化作品一覧` over `高杉晋作が登場する大衆文化作品一覧(たかすぎ…)は`):
    /// a page's title, which no caption is, whatever its shape.
    static func titlesTheNextLead(at index: Int, in blocks: [Block]) -> Bool {
        var k = index + 1
        while k < blocks.count && blocks[k].role == .chrome { k += 1 }
        guard k < blocks.count, blocks[k].role == .paragraph else { return false }
        let title = blocks[index].text.trimmingSpaces
        let next = blocks[k].text
        guard !title.isEmpty, next.utf8.count > title.utf8.count, next.hasPrefix(title) else { return false }
        let after = next.unicodeScalars[next.unicodeScalars.index(next.unicodeScalars.startIndex, offsetBy: title.unicodeScalars.count)]
        return after == "(" || after == "（" || after == "は" || after == "と"
    }

    /// Whether the paragraph at `index` is the caption of the photo a desktop skin floats
    /// beside the lead: a whole line right under the page's tagline (only chrome between them,
    /// a redirect notice or a hatnote) and right over the lead (`X(よみ)は、…`), which a scrape
    /// puts in that order (`出典: フリー百科事典『…』`, `インターネット百科事典。コンピューターを
    /// 使ってインターネット経由で閲覧する。`, `インターネット百科事典(…)は、…`). Such a line may
    /// hold sentences, which a caption elsewhere does not. Nothing else of the article stands
    /// there: the tagline opens the body, and the lead is its first paragraph. Up to three such
    /// lines stand together (a scrape that keeps an image's alt text repeats its caption; two
    /// photos). A line that is a lead itself, a truncated preview, a long line (over 100
    /// characters) or one with an open quotation is no caption; nor is any line over a
    /// truncated lead (a list of previews).
    static func isCaptionOverLead(at index: Int, in blocks: [Block]) -> Bool {
        // Cheap first (every paragraph comes here): a tagline over it, past chrome and at most
        // two paragraphs.
        var t = index - 1
        var over = 0
        while t >= 0 {
            if blocks[t].role == .chrome {
                if isTagline(at: t, in: blocks) { break }
            } else if blocks[t].role == .paragraph, over < 2 {
                over += 1
            } else {
                return false
            }
            t -= 1
        }
        guard t >= 0, isCaptionShapedLine(at: index, in: blocks) else { return false }
        // Under the tagline, with only chrome and other such lines between.
        var k = index - 1
        var run = 1
        while k >= 0 {
            if blocks[k].role == .chrome {
                if isTagline(at: k, in: blocks) { break }
            } else if blocks[k].role == .paragraph, run < 3, isCaptionShapedLine(at: k, in: blocks) {
                run += 1
            } else {
                return false
            }
            k -= 1
        }
        guard k >= 0 else { return false }
        // Over the lead, a paragraph of a line of its own.
        var next = index + 1
        while next < blocks.count {
            if blocks[next].role == .chrome {
                next += 1
            } else if blocks[next].role == .paragraph, run < 3, isCaptionShapedLine(at: next, in: blocks),
                !isLeadLine(at: next, in: blocks)
            {
                run += 1
                next += 1
            } else {
                break
            }
        }
        return isLeadLine(at: next, in: blocks)
    }

    /// The first test of ``isCaptionOverLead(at:in:)`` carried along the page, block after
    /// block: a tagline over the paragraph with only chrome and at most two paragraphs
    /// between them. The test walked back from each paragraph over the blocks before it and
    /// asked each chrome block whether it is a tagline again (some 0.35 M instructions on the
    /// 4 MB corpus, with ``isTagline(at:in:)``); here each block is read once. A unit test
    /// checks on random pages that no paragraph the test takes is ruled out.
    struct TaglineWatch {
        /// The paragraphs since the last tagline, nil when none is over them (or a block
        /// other than chrome or a paragraph came after it).
        private var paragraphs: Int?

        /// Passes the block at `index` (the blocks are passed in order): for a paragraph,
        /// whether a tagline is over it as ``isCaptionOverLead(at:in:)`` needs (false: that
        /// is false too).
        mutating func pass(_ index: Int, in blocks: [Block]) -> Bool {
            switch blocks[index].role {
            case .paragraph:
                guard let n = paragraphs else { return false }
                paragraphs = n + 1
                return n <= 2
            case .chrome:
                if SplitCaptions.isTagline(at: index, in: blocks) { paragraphs = 0 }
                return false
            default:
                paragraphs = nil
                return false
            }
        }
    }

    /// ``StripSiteChrome/isTagline(_:)`` of the block at `t`, its fields read in place (the
    /// block is not copied) and its rule id compared with `.tagline` on the bytes, no array
    /// made: asked of the chrome over every paragraph (a unit test compares the two).
    static func isTagline(at t: Int, in blocks: [Block]) -> Bool {
        guard blocks[t].signal == .pageStart, let id = blocks[t].rule else { return false }
        return id.withUTF8Bytes { isTaglineRule($0) }
    }

    /// Whether a rule id names a tagline: `.tagline` at its end or before a `-`.
    static func isTaglineRule(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let word: StaticString = ".tagline"
        let m = word.utf8CodeUnitCount
        guard p.count >= m, let base = p.baseAddress else { return false }
        let w = word.utf8Start
        var i = 0
        while i + m <= p.count {
            if base[i] == 0x2E {
                var k = 1
                while k < m && base[i + k] == w[k] { k += 1 }
                let end = i + m
                if k == m && (end == p.count || base[end] == 0x2D) { return true }  // the end, or `-`
            }
            i += 1
        }
        return false
    }

    /// A paragraph that is a whole line, of 2 to 100 characters, neither a lead nor truncated,
    /// with no open quotation: what the caption of a photo at the lead may be.
    private static func isCaptionShapedLine(at index: Int, in blocks: [Block]) -> Bool {
        guard blocks[index].role == .paragraph, blocks.isWholeLine(at: index) else { return false }
        let text = blocks[index].text
        var count = 0
        var quotes = 0
        for c in text.unicodeScalars {
            count += 1
            if count > 100 { return false }
            if c == "「" { quotes += 1 } else if c == "」" { quotes -= 1 }
        }
        guard count >= 2, quotes == 0, !DetectArticleBoundaries.endsTruncated(text) else { return false }
        return !JapaneseText.opensWithLead(text)
    }

    /// A paragraph of a line of its own that opens like a lead (`X(よみ)は、…`), not truncated.
    private static func isLeadLine(at index: Int, in blocks: [Block]) -> Bool {
        guard index < blocks.count, blocks[index].role == .paragraph, blocks.isWholeLine(at: index) else { return false }
        let text = blocks[index].text
        return !DetectArticleBoundaries.endsTruncated(text) && JapaneseText.opensWithLead(text)
    }

    static func isListItem(at index: Int, in blocks: [Block]) -> Bool {
        let text = blocks[index].text
        let shape = listShape(text)
        let labelled = hasLabelShape(text)
        guard shape != nil || labelled else { return false }
        for k in [index - 1, index + 1] where k >= 0 && k < blocks.count && blocks[k].role == .paragraph {
            if let shape, listShape(blocks[k].text) == shape { return true }
            if labelled, hasLabelShape(blocks[k].text) { return true }
        }
        return false
    }

    /// `項目:値` (a record list's `地域リーグ優勝:2回(2010年、2019年)`, a staff list's `監督：…`):
    /// a label of 1 to 20 scalars, no parenthesis or sentence end in it, then `:` or `：` (not
    /// between two digits, a time `12:30`). A list's rows share it line after line.
    static func hasLabelShape(_ text: String) -> Bool {
        var previous: Unicode.Scalar?
        var n = 0
        var it = text.unicodeScalars.makeIterator()
        while let c = it.next(), n <= 20 {
            switch c {
            case ":", "：":
                guard n >= 1, let previous else { return false }
                if UTF8Scan.isDigit(UTF8Scan.fold(previous.value)), let next = it.next(), UTF8Scan.isDigit(UTF8Scan.fold(next.value)) { return false }
                return true
            case "(", "（", "。", "、", "「", "『": return false
            default: break
            }
            previous = c
            n += 1
        }
        return false
    }

    private static let unknownDates = ["日時不明", "年不明", "撮影年不明", "年代不明", "撮影日不明", "撮影時期不明"].map { Array($0.unicodeScalars) }
    private static let positions = ["右", "左", "中央", "中", "手前", "奥", "上", "下", "真ん中", "右端", "左端", "前列", "後列", "右側", "左側"]
        .map { Array($0.unicodeScalars) }
    private static let dateEnds = ["年", "月", "日", "年頃", "年代", "年撮影", "月撮影", "日撮影", "年製作", "月製作", "日製作", "月頃", "日頃", "日午前", "日午後", "日朝", "日夜"].map { Array($0.unicodeScalars) }
    private static let ordinalEnds = ["番目", "人目"].map { Array($0.unicodeScalars) }
    private static let fromSides = ["右から", "左から"].map { Array($0.unicodeScalars) }
    /// The last scalars of the words a date or position parenthesis ends in.
    static let dateOrPositionLastScalars = Set((unknownDates + positions + dateEnds + ordinalEnds).compactMap(\.last))

    /// Whether the `)` at `close` ends a date (`1960年4月`, `10月14日`, `日時不明`) or a
    /// position in a photo (`右`, `左から2番目`, `窓際真ん中`). Works on scalars, no strings.
    /// Places in a photo that a caption names in parentheses (`アイゼンハワー(右)とケネディ`,
    /// `(左から3番目)`); not `上` and `下`, which also name volumes (`源氏物語(上)`).
    private static let photoPlaces = ["右", "左", "中央", "真ん中", "右端", "左端", "手前", "前列", "後列"].map { Array($0.unicodeScalars) }
    private static let photoSides = ["右から", "左から"].map { Array($0.unicodeScalars) }

    /// Whether `u` names a place in a photo in parentheses, anywhere: the caption of a photo.
    static func namesAPlaceInAPhoto(_ u: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < u.count {
            if u[i] == "(" || u[i] == "（" {
                let rest = u[(i + 1)...]
                for w in photoPlaces where rest.starts(with: w) {
                    let close = i + 1 + w.count
                    if close < u.count && (u[close] == ")" || u[close] == "）") { return true }
                }
                if photoSides.contains(where: { rest.starts(with: $0) }) { return true }
            }
            i += 1
        }
        return false
    }

    ///
    /// On the array's storage: the opening parenthesis is looked for with one test a scalar
    /// that passes over all but the four parentheses (`(` `)` are 28 29, `（` `）` FF08 FF09:
    /// `v | 1` is 29 or FF09), and each list of words is asked only of the words that end in
    /// the scalar before `)` (``SuffixWords``), where a closure per word read every word's last
    /// scalar out of its array (0.90 M on the 4 MB corpus, 2,000 calls). A unit test compares
    /// it with the reference stage's form on random text.
    static func closesDatePosition(_ u: [Unicode.Scalar], _ close: Int) -> Bool {
        guard close > 0, close < u.count else { return false }
        return u.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: UInt32.self) { w in
                let c = w[close]
                guard c == 0x29 || c == 0xFF09 else { return false }
                // Every test below is on a suffix of the text inside: its last scalar must end
                // a word. (Its ``ScanFlags/dateEnd`` bit, one look-up, where the set hashed the
                // scalar.)
                let last = w[close - 1]
                guard scanFlags.flags(last) & ScanFlags.dateEnd != 0 else { return false }
                // The opening parenthesis, looked for no farther back than 40 scalars inside allow.
                let stop = max(0, close - 41)
                var j = close - 1
                var depth = 0
                while j >= stop {
                    let v = w[j]
                    let folded = v | 1
                    if folded == 0x29 || folded == 0xFF09 {
                        if v & 1 != 0 {  // ) ）
                            depth += 1
                        } else {  // ( （
                            if depth == 0 { break }
                            depth -= 1
                        }
                    }
                    j -= 1
                }
                guard j >= stop else { return false }
                let inner = UnsafeBufferPointer(rebasing: w[(j + 1)..<close])
                guard !inner.isEmpty, inner.count <= 40 else { return false }
                if unknownDateWords.endsAny(inner, last: last) { return true }
                if dateEndWords.endsAny(inner, last: last), inner.contains(where: { UTF8Scan.isDigit(UTF8Scan.fold($0)) }) { return true }
                if inner.count <= 12, positionWords.endsAny(inner, last: last) { return true }
                guard ordinalEndWords.endsAny(inner, last: last) else { return false }
                // `右から` `左から` anywhere inside.
                for s in fromSideValues where s.count <= inner.count {
                    for i in 0...(inner.count - s.count) where inner[i] == s[0] {
                        if (1..<s.count).allSatisfy({ inner[i + $0] == s[$0] }) { return true }
                    }
                }
                return false
            }
        }
    }

    /// A list of words asked whether a text ends in one of them: their last scalars in one
    /// array, read first (most words end in another scalar than the text), and each word's
    /// scalars before it, all as values.
    struct SuffixWords: Sendable {
        let lasts: [UInt32]
        let words: [[UInt32]]

        init(_ words: [[Unicode.Scalar]]) {
            self.words = words.map { $0.map(\.value) }
            lasts = words.map { $0.last!.value }
        }

        /// Whether `inner`, whose last scalar is `last`, ends in one of the words.
        func endsAny(_ inner: UnsafeBufferPointer<UInt32>, last: UInt32) -> Bool {
            for k in lasts.indices where lasts[k] == last {
                let word = words[k]
                guard word.count <= inner.count else { continue }
                let from = inner.count - word.count
                var i = 0
                while i < word.count - 1 && inner[from + i] == word[i] { i += 1 }
                if i == word.count - 1 { return true }
            }
            return false
        }
    }

    private static let unknownDateWords = SuffixWords(unknownDates)
    private static let dateEndWords = SuffixWords(dateEnds)
    private static let positionWords = SuffixWords(positions)
    private static let ordinalEndWords = SuffixWords(ordinalEnds)
    private static let fromSideValues = fromSides.map { $0.map(\.value) }

    /// A photo caption glued before a lead that names its title with a reading (a page or a
    /// preview whose first image comes before the lead: `偕楽園の梅林(2015年2月)偕楽園(かいらくえん)は、…`):
    /// the caption (caption-like, closed by a date or position parenthesis) and the lead. Nil
    /// when the text does not start so. A lead alone is never cut (`ゴジラ(1954年の映画)は、`
    /// has no lead after its parenthesis).
    static func captionBeforeLead(_ text: String, maximumCaptionLength: Int) -> (caption: String, lead: String)? {
        let u = Array(text.unicodeScalars.prefix(maximumCaptionLength + 1))
        return captionBeforeLead(text, u, through: u.count - 1, maximumCaptionLength: maximumCaptionLength)
            ?? captionBeforePersonLead(text, maximumCaptionLength: maximumCaptionLength)
    }

    /// An undated photo caption glued before a biography's lead, which writes the name and its
    /// reading with a space between family and given name, as jawiki does
    /// (`松山市にある子規記念博物館正岡 子規(まさおか しき、1867年…)は、…`): the caption and the lead,
    /// or nil. No parenthesis closes the caption, so the cut is found from the name: the given
    /// name is the run after the space, the family name the last kanji before it, as many as
    /// family names most often have for the reading's first part (one for one or two kana, two
    /// otherwise: `林` read `はやし` and a three-kanji name such as `長谷川` are cut wrong, a
    /// kanji of the caption's or the name's on the other side; no sentence is lost). The caption before it is a phrase (four scalars or more, some
    /// hiragana, no sentence end, ending in a kanji) and the rest reads as a lead whose reading
    /// is the spaced one.
    static func captionBeforePersonLead(_ text: String, maximumCaptionLength: Int) -> (caption: String, lead: String)? {
        captionBeforePersonLead(text, maximumCaptionLength: maximumCaptionLength, spaced: nil)
    }

    /// ``captionBeforePersonLead(_:maximumCaptionLength:)`` with the answer of its byte
    /// pre-check (``spacedBeforeParenthesis(_:maximumCaptionLength:)``) when the caller already
    /// has it (``LineProbe`` finds it on its pass), or nil to have it worked out.
    static func captionBeforePersonLead(_ text: String, maximumCaptionLength: Int, spaced known: Bool?) -> (caption: String, lead: String)? {
        // Cheap test first, on the bytes: an ASCII or ideographic space (E3 80 80) and a
        // parenthesis in the first ones.
        guard text.utf8.count > 12 else { return nil }
        let spaced = known ?? text.withUTF8Bytes { spacedBeforeParenthesis($0, maximumCaptionLength: maximumCaptionLength) }
        guard spaced else { return nil }
        let u = Array(text.unicodeScalars.prefix(maximumCaptionLength + 80))
        guard let open = u.firstIndex(where: { $0 == "(" || $0 == "（" }), open <= maximumCaptionLength + 12 else { return nil }
        let subject = u[..<open]
        guard !subject.contains("。"), !subject.contains("、"), let space = subject.lastIndex(where: { $0 == " " || $0 == "\u{3000}" }),
            space + 1 < open, subject[..<space].allSatisfy({ $0 != " " && $0 != "\u{3000}" })
        else { return nil }
        let given = subject[(space + 1)...]
        guard given.count <= 5, given.allSatisfy({ Self.script($0.value) == .kanji || UTF8Scan.isHiragana($0.value) }) else { return nil }
        // The reading: two kana runs with one space between, up to `、` or `)`.
        var r = open + 1
        var parts = [0]
        while r < u.count, u[r] != "、", u[r] != ")", u[r] != "）", u[r] != "," {
            if u[r] == " " || u[r] == "\u{3000}" {
                parts.append(0)
            } else if UTF8Scan.isHiragana(u[r].value) || UTF8Scan.isKatakana(u[r].value) || u[r] == "ー" {
                parts[parts.count - 1] += 1
            } else {
                return nil
            }
            r += 1
        }
        guard r < u.count, parts.count == 2, parts[0] >= 1, parts[1] >= given.count else { return nil }
        let family = parts[0] <= 2 ? 1 : 2
        let cut = space - family
        guard cut >= 4, subject[cut..<space].allSatisfy({ Self.script($0.value) == .kanji }),
            Self.script(u[cut - 1].value) == .kanji, u[..<cut].contains(where: { UTF8Scan.isHiragana($0.value) }),
            isCaptionLike(u[..<cut])
        else { return nil }
        let start = utf8Offset(u, cut)
        let rest = text.scalarAlignedSlice(start, text.utf8.count)
        guard let lead = JapaneseText.parseLead(rest), lead.reading != nil, lead.title.unicodeScalars.count == space - cut + given.count + 1 else { return nil }
        return (text.scalarAlignedSlice(0, start).trimmingSpaces, rest)
    }

    /// ``captionBeforeLead(_:maximumCaptionLength:)`` with the first scalars of `text` already
    /// read into `u` (at least its first `maximumCaptionLength + 1`, or up to its first `。`
    /// included), looking at `u[0...last]` only: `last` may be the last closing parenthesis
    /// among them (the stage passes ``FirstSentence/lastClose``), as no caption ends after it.
    static func captionBeforeLead(_ text: String, _ u: [Unicode.Scalar], through last: Int, maximumCaptionLength: Int) -> (caption: String, lead: String)? {
        guard text.utf8.count > 12, last >= 0, last < u.count else { return nil }
        // No caption ends at or past `maximumCaptionLength` scalars (the scan gave up there).
        let end = min(last, maximumCaptionLength - 1)
        guard end >= 0 else { return nil }
        let table = scanFlags
        typealias F = ScanFlags
        var depth = 0
        for k in 0...end {
            // One look-up passes over what is none of `(`, `（`, `)`, `）` and `。` (most scalars).
            let f = table.flags(u[k].value)
            guard f & (F.open | F.close | F.kuten) != 0 else { continue }
            if f & F.kuten != 0 { return nil }
            if f & F.open != 0 {
                depth += 1
                continue
            }
            depth -= 1
            guard depth == 0 else {
                if depth < 0 { return nil }
                continue
            }
            guard closesDatePosition(u, k), isCaptionLike(u[...k]) else { continue }
            let start = utf8Offset(u, k + 1)
            // The lead is read on the bytes of the rest, trimmed as `trimmingSpaces` trims
            // (most such rests are no lead: no string is made for them).
            let parsed = text.withUTF8Bytes { p in JapaneseText.parseLead(utf8: spaceTrimmed(UnsafeBufferPointer(rebasing: p[start...]))) }
            guard let lead = parsed, lead.reading != nil, !lead.title.hasPrefix("("), !lead.title.hasPrefix("（") else { return nil }
            return (text.scalarAlignedSlice(0, start).trimmingSpaces, text.scalarAlignedSlice(start, text.utf8.count).trimmingSpaces)
        }
        return nil
    }

    /// A photo caption alone on its line: at most 60 characters, no `。`, not a lead, ending in
    /// a date or position parenthesis (`大仏殿(2009年)`, `前列右`), not a date alone (`1871年(明治4年)`).
    static func isDatedCaptionLine(_ text: String) -> Bool {
        guard text.utf8.count <= 4 * 60, !text.containsKuten else { return false }
        let u = Array(text.trimmingSpaces.unicodeScalars)
        guard u.count >= 4, u.count <= 60 else { return false }
        return closesDatePosition(u, u.count - 1) && !isDateOnly(u[...]) && !JapaneseText.opensWithLead(text)
    }

    private static func suffix(_ u: [Unicode.Scalar], _ p: Int) -> Substring {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: u[p..<min(u.count, p + 24)])
        return Substring(String(v))
    }

    /// A sentence (or another caption) can start at `p`, right after a date/position `)`.
    private static func startsAfterParen(_ u: [Unicode.Scalar], _ p: Int) -> Bool {
        guard p < u.count else { return false }
        switch Self.script(u[p].value) {
        case .kanji, .katakana, .alnum: return true
        case .open: return u[p] != "(" && u[p] != "（"
        case .hiragana:
            return JapaneseText.opensAfterCaption(u, at: p)
        default: return false
        }
    }

    /// A date and nothing else, its parenthesis included (`1947年(昭和22年)`, `平成23年(2011年)3月`):
    /// a chronology's line opens so, and no photo is captioned by its date alone. Digits,
    /// `年` `月` `日`, era names and `同` `翌` `頃` outside the parentheses, one of `年` `月` `日` at least.
    static func isDateOnly(_ u: ArraySlice<Unicode.Scalar>) -> Bool {
        var depth = 0
        var unit = false
        for c in u {
            if c == "(" || c == "（" { depth += 1; continue }
            if c == ")" || c == "）" { depth = max(0, depth - 1); continue }
            guard depth == 0 else { continue }
            if c == "年" || c == "月" || c == "日" { unit = true; continue }
            guard UTF8Scan.isDigit(UTF8Scan.fold(c.value)) || dateWordScalars.contains(c) else { return false }
        }
        return unit
    }

    private static let dateWordScalars = Set("元同翌頃西暦紀前明治大正昭和平成令 ".unicodeScalars)

    /// Caption-like text before a split: no sentence end, no topic clause, not ending in a
    /// particle.
    ///
    /// The last scalar first, then one pass over the slice's storage for `。` and `は、` `が、`
    /// (one comparison a scalar: `、` and `。` are U+3001 and U+3002), where the search for
    /// `。` and the loop for the commas read it twice (some 490 instructions a call, 1,200
    /// calls on the 4 MB corpus). A unit test compares it with its definition.
    static func isCaptionLike(_ u: ArraySlice<Unicode.Scalar>) -> Bool {
        guard u.count >= 4, let last = u.last else { return false }
        let ls = Self.script(last.value)
        guard ls == .kanji || ls == .katakana || ls == .alnum || ls == .close else { return false }
        return u.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: UInt32.self) { w in
                var prev: UInt32 = 0x20
                for v in w {
                    if v &- 0x3001 < 2 {
                        if v == 0x3002 { return false }  // 。
                        if prev == 0x306F || prev == 0x304C { return false }  // は、 が、
                    }
                    prev = v
                }
                return true
            }
        }
    }

    /// First characters of the sentence openers that may follow a caption with no
    /// parenthesis (a cheap filter before the full check).
    static let openerFirstValues: [UInt32] = {
        var set = Set<UInt32>()
        for w in JapaneseText.sentenceOpeners { set.insert(w.unicodeScalars.first!.value) }
        set.insert(Unicode.Scalar("ま").value)
        return set.sorted()
    }()

    /// A digit or the first scalar of an opener. The scan uses ``scanFlags``, the same
    /// test as a table (a unit test compares the two on every scalar).
    static func mayOpenSentence(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if (v >= 0x30 && v <= 0x39) || (v >= 0xFF10 && v <= 0xFF19) { return true }
        guard v >= 0x3040 else { return false }
        return openerFirstValues.contains(v)
    }

    /// Captions glued before the paragraph: their ranges, and where the paragraph starts.
    ///
    /// Every split needs ``isCaptionLike(_:)`` on the text since the last split: once that
    /// text holds `は、` or `が、`, no later split can happen and the scan stops. After a
    /// comma outside parentheses only a split after a `)` remains possible, so the scan also
    /// stops when no `)` is left before the limit.
    func gluedCaptions(_ u: [Unicode.Scalar]) -> ([Range<Int>], Int) {
        gluedCaptions(u, FirstSentence(u, maximumCaptionLength: maximumCaptionLength))
    }

    /// ``gluedCaptions(_:)`` with the scan limit already found (``loadScalars`` finds it
    /// while it decodes).
    func gluedCaptions(_ u: [Unicode.Scalar], _ sentence: FirstSentence) -> ([Range<Int>], Int) {
        let table = Self.scanFlags
        let stopsEarly = Self.commasAreNotSpaces
        let limit = sentence.limit
        let lastClose = sentence.lastClose
        typealias F = ScanFlags
        return u.withUnsafeBufferPointer { b -> ([Range<Int>], Int) in
            var captions: [Range<Int>] = []
            var pos = 0
            var depth = 0
            var commaSincePos = false
            var p = pos + 1
            // The flags of the scalar at `p - 1`, carried over from the step before (as `fn`).
            var fc = limit > 1 ? table.flags(b[0].value) : 0
            while p < limit {
                let fn = table.flags(b[p].value)
                // Most steps can neither split nor change what the scan keeps: the scalar
                // before `p` neither opens, closes, is a comma nor a space, and the one at `p`
                // opens no sentence after a noun. They are passed over at once. (The early
                // stop below may then come a step later: it stops where no split is left, so
                // the captions are the same.)
                if fc & (F.open | F.close | F.comma | F.space) == 0 && (fn & F.mayOpen == 0 || fc & F.nounEnd == 0) {
                    fc = fn
                    p += 1
                    continue
                }
                let c = b[p - 1].value
                defer { p += 1 }
                defer { fc = fn }
                if fc & (F.open | F.close | F.comma) != 0 {
                    if fc & F.open != 0 { depth += 1 }  // ( （
                    if fc & F.close != 0 { depth = max(0, depth - 1) }  // ) ）
                    if stopsEarly && fc & F.comma != 0 {  // 、 ,
                        if c == 0x3001, p - 2 >= pos, b[p - 2].value == 0x306F || b[p - 2].value == 0x304C { break }  // は、 が、
                        if depth == 0 { commaSincePos = true }
                    }
                }
                // Nothing can split inside a parenthesis, or with fewer than 4 scalars before.
                guard depth == 0, p - pos >= 4 else { continue }
                // A caption may be separated from the sentence by spaces: look past them.
                var end = p
                if fc & F.space != 0 {
                    while end > pos, table.flags(b[end - 1].value) & F.space != 0 { end -= 1 }
                }
                // A comma since the last split, and no `)` from here on: no split is left.
                if commaSincePos && end - 1 > lastClose { break }
                var split = false
                if end - pos >= 4 && fn & F.space == 0 {
                    let last = b[end - 1].value
                    let fl = end == p ? fc : table.flags(last)
                    if fl & F.close != 0 {
                        split = Self.closesDatePosition(u, end - 1) && Self.startsAfterParen(u, p) && Self.isCaptionLike(u[pos..<end])
                            && !Self.isDateOnly(u[pos..<end])
                    } else if !commaSincePos && fn & F.mayOpen != 0 {
                        if fl & F.nounEnd != 0,
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
                    commaSincePos = false
                }
            }
            return (captions, pos)
        }
    }

    /// The early stops of ``gluedCaptions(_:)`` count on `、` and `,` being text (a comma
    /// that folded to a space would be skipped like one).
    static let commasAreNotSpaces = !UTF8Scan.isSpace(UTF8Scan.fold(0x3001)) && !UTF8Scan.isSpace(UTF8Scan.fold(0x2C))

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
        let ls = Self.script(last.value)
        guard ls == .kanji || ls == .katakana || ls == .alnum || last == ")" || last == "）" else { return nil }
        // A year and its era alone on a line (a chronology's row) is no caption.
        if (last == ")" || last == "）"), Self.isDateOnly(u[...]) { return nil }
        // Nor is a line with two full dates outside parentheses: a table's rows glued into a
        // line (`第1話灯台の少女…2019年4月7日第2話…2019年4月14日`). A photo's date is in
        // parentheses after its caption, one to a photo.
        // (Each full date ends in `日`: a line with fewer than two, most of them, is not read
        // for dates. The count cost some 2,600 instructions a line: callgrind.)
        if Self.holdsTwice(0x65E5, in: u), Self.fullDatesOutsideParentheses(u) >= 2 { return nil }
        // Segments: split after date/position parentheses followed by more caption text.
        var segments: [Range<Int>] = []
        var start = 0
        // (`closesDatePosition` asks first for a closing parenthesis at `p - 1`: asked here, it
        // is no call for each scalar.)
        for p in 1..<u.count where (u[p - 1] == ")" || u[p - 1] == "）") && Self.closesDatePosition(u, p - 1) && Self.startsAfterParen(u, p) {
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
        // Every segment but the last is a dated caption (the split is after its date); the
        // last, undated, is a caption too when it is shaped as one (`子規庵(2008年7月)` then
        // `大龍寺にある正岡子規の墓`), as every segment of an undated line must be.
        let shaped = Self.hasRelativeClause(u[segments[segments.count - 1]])
        guard lastEndsWithDate || splitSomewhere || shaped || Self.namesAPlaceInAPhoto(u) else { return nil }
        return out
    }

    /// Whether the scalar `v` occurs twice or more in `u`.
    static func holdsTwice(_ v: UInt32, in u: [Unicode.Scalar]) -> Bool {
        var seen = false
        for c in u where c.value == v {
            if seen { return true }
            seen = true
        }
        return false
    }

    /// How many full dates (`2019年4月7日`) stand outside parentheses in `u`.
    static func fullDatesOutsideParentheses(_ u: [Unicode.Scalar]) -> Int {
        var count = 0
        var depth = 0
        var i = 0
        func number(_ at: Int) -> Int {  // the end of a run of digits from `at`
            var j = at
            while j < u.count, UTF8Scan.isDigit(UTF8Scan.fold(u[j].value)) { j += 1 }
            return j
        }
        while i < u.count {
            let c = u[i]
            if c == "(" || c == "（" { depth += 1 } else if c == ")" || c == "）" { depth = max(0, depth - 1) }
            if depth == 0, UTF8Scan.isDigit(UTF8Scan.fold(c.value)) {
                let year = number(i)
                if year < u.count, u[year] == "年" {
                    let month = number(year + 1)
                    if month > year + 1, month < u.count, u[month] == "月" {
                        let day = number(month + 1)
                        if day > month + 1, day < u.count, u[day] == "日" {
                            count += 1
                            i = day + 1
                            continue
                        }
                    }
                }
                i = year
                continue
            }
            i += 1
        }
        return count
    }

    /// Whether the letters and digits right before `p` are digits only: a bare number, which
    /// the kanji after it counts (`12回`, `1話`), unlike a model name (`U-2`, `Il-28`).
    private static func endsABareNumber(_ u: [Unicode.Scalar], _ p: Int) -> Bool {
        var i = p - 1
        while i >= 0 {
            let v = UTF8Scan.fold(u[i].value)
            if UTF8Scan.isDigit(v) || v == 0x2E || v == 0x2C {  // digits, `.` and `,` inside a number
                i -= 1
                continue
            }
            return Self.script(v) != .alnum && !isDash(v)  // a letter or a dash: a model name
        }
        return true
    }

    /// Whether the kanji run from `p` goes on with `の` or `と`: a noun phrase that the model
    /// name before it began (`B-26爆撃機の残骸`), where a new caption's first noun takes its
    /// own particle (`発射準備が…`).
    static func continuesANounPhrase(_ u: [Unicode.Scalar], from p: Int, to end: Int) -> Bool {
        var i = p
        while i < end, Self.script(u[i].value) == .kanji { i += 1 }
        return i < end && (u[i] == "の" || u[i] == "と")
    }

    /// `-` and the dashes that stand for it (`U-2`, `U―2`, `U—2`, `U－2`).
    static func isDash(_ v: UInt32) -> Bool {
        v == 0x2D || (0x2010...0x2015).contains(v) || v == 0x2212 || v == 0xFE63 || v == 0xFF0D
    }

    /// (An array: a dozen comparisons cost less than hashing a scalar.)
    private static let relativeClauseEndings: [Unicode.Scalar] = ["る", "た", "す", "く", "う", "ぶ", "む", "つ", "ぐ", "ぬ", "い", "だ"]

    /// `…する貨物船`, `…された残骸`: a verb form directly before a noun.
    private static func hasRelativeClause(_ u: ArraySlice<Unicode.Scalar>) -> Bool {
        guard u.count >= 8 else { return false }
        let endings = relativeClauseEndings
        var i = u.startIndex
        while i + 1 < u.endIndex {
            if endings.contains(u[i]) {
                let next = Self.script(u[i + 1].value)
                if next == .kanji || next == .katakana { return true }
            }
            i += 1
        }
        return false
    }

    /// Two captions glued with no separator (`…の残骸アイゼンハワー(右)とケネディ`): split
    /// where a noun run changes script and a new phrase with its own particle begins.
    /// `リサーチセンター(2015年8月)`: katakana alone up to the first parenthesis. After kanji it
    /// goes on the name the kanji open (`京都リサーチセンター`, `東京スカイツリー`), no second
    /// caption: one that opens there says more than a katakana name.
    static func isKatakanaNounBeforeParen(_ u: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let open = u.firstIndex(where: { $0 == "(" || $0 == "（" }), open > u.startIndex else { return false }
        return u[..<open].allSatisfy { Self.script($0.value) == .katakana }
    }

    private func splitTwo(_ u: [Unicode.Scalar], _ r: Range<Int>) -> [Range<Int>] {
        guard r.count >= 12, !u[r].contains("。") else { return [r] }
        var best: (priority: Int, at: Int)?
        var depth = 0
        // The script of `u[p - 1]`, carried over from the step before (each scalar's once).
        var sa = Self.script(u[r.lowerBound].value)
        for p in (r.lowerBound + 1)..<r.upperBound {
            let a = u[p - 1]
            let sb = Self.script(u[p].value)
            defer { sa = sb }
            if a == "(" || a == "（" { depth += 1 }
            if a == ")" || a == "）" { depth = max(0, depth - 1) }
            guard depth == 0 else { continue }
            let priority: Int
            if sa == .kanji && sb == .katakana {
                // Never after one kanji: a prefix of the katakana noun (`東ドイツ`, `反ナチス`).
                guard p - 2 >= r.lowerBound, Self.script(u[p - 2].value) == .kanji else { continue }
                priority = 2
            } else if sa == .alnum && sb == .kanji && !Self.endsABareNumber(u, p) {
                // `…ロッキードU-2` | `発射準備が…`, never `第12` | `回…` (a number and its counter),
                // nor a model name and its kind (`B-26爆撃機の残骸`, `B-59潜水艦と…`).
                guard !Self.continuesANounPhrase(u, from: p, to: r.upperBound) else { continue }
                priority = 1
            } else {
                continue
            }
            let left = p - r.lowerBound
            let right = r.upperBound - p
            guard left >= 6, right >= 6 else { continue }
            let head = u[p..<min(r.upperBound, p + 12)]
            guard head.contains(where: { UTF8Scan.isHiragana($0.value) })
                || (u[p..<r.upperBound].contains("(") && !Self.isKatakanaNounBeforeParen(u[p..<r.upperBound]))
            else { continue }
            if best == nil || priority > best!.priority { best = (priority, p) }
        }
        guard let best else { return [r] }
        return [r.lowerBound..<best.at, best.at..<r.upperBound]
    }
}
