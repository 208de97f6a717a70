#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
internal import CICUShims

/// Heading shapes shared by ``SplitHeadings`` and the reference implementation it is
/// tested against.
enum HeadingAnchors {
    /// Fandom renders an empty edit link after every heading, `見出し[]`; a scrape may glue
    /// the paragraph after it (`進化[]かみなりのいしを…`). A page shows the shape when one of its
    /// lines is a heading closed by `[]`: at most 30 characters, no sentence end; or when a
    /// line of it is Fandom chrome (`Fandom`, `Advertisement`, the license line: a page whose
    /// every heading was glued has no `見出し[]` line of its own).
    static func pageHasEmptyBracketHeadings(_ blocks: [Block]) -> Bool {
        // By index, the cheap tests first: no block is copied.
        for i in blocks.indices {
            if blocks[i].role == .chrome {
                if let rule = blocks[i].rule, rule.hasPrefixBytes("fandom.") { return true }
                continue
            }
            // The last byte first: `]`, or a space after it (most lines end in `。`). Read on the
            // bytes (`utf8.last` stepped back through the view's generic index, some 80
            // instructions a line).
            guard blocks[i].role == .paragraph, let last = blocks[i].text.withUTF8Bytes({ $0.last }),
                mayEndEmptyBracketHeading(last: last)
            else { continue }
            if isEmptyBracketHeadingLine(blocks[i].text) { return true }
        }
        return false
    }

    /// Whether a line whose last byte is `last` may be an empty-bracket heading line
    /// (``isEmptyBracketHeadingLine(_:)``): `]`, or a space after it.
    @inline(__always)
    static func mayEndEmptyBracketHeading(last: UInt8) -> Bool {
        last == 0x5D || last == 0x20 || last == 0x09 || last == 0x80 || last == 0xA0
    }

    /// A heading closed by `[]` on a line of its own: at most 32 characters with the brackets,
    /// no sentence end.
    static func isEmptyBracketHeadingLine(_ text: String) -> Bool {
        let t = text.trimmingSpaces
        guard t.utf8.count > 2, t.utf8.count <= 4 * 32, t.hasSuffixBytes("[]") else { return false }
        let n = t.unicodeScalars.count
        return n > 2 && n <= 32 && !t.containsKuten
    }

    /// Where Fandom's `[]` at byte `i` ends, if it is an edit marker: at the end of the line,
    /// or (when `glued`, on a page with the shape) right after a heading that opens the line or
    /// follows a sentence end (a preview: `…模様がある。分布[]日本では…`): 1 to 30 characters
    /// with no bracket and no comma before it, and no space after it.
    static func emptyBracketsEnd(_ p: UnsafeBufferPointer<UInt8>, at i: Int, glued: Bool) -> Int? {
        guard p[i] == 0x5B, i + 1 < p.count, p[i + 1] == 0x5D else { return nil }
        if i + 2 == p.count { return i + 2 }
        // Glued: the paragraph follows at once (`配列 a[] を使う` is text).
        guard glued, i > 0, !UTF8Scan.isSpace(UTF8Scan.fold(UTF8Scan.decode(p, i + 2).scalar)) else { return nil }
        // A topic or object particle before the brackets: a sentence about them (`表記は[]で囲む`),
        // no heading (`Xとは[]` is one).
        let before = UTF8Scan.decodeBefore(p, i)
        if before.scalar == 0x3092 || before.scalar == 0x304C { return nil }  // を が
        if before.scalar == 0x306F, i - before.length == 0 || UTF8Scan.decodeBefore(p, i - before.length).scalar != 0x3068 { return nil }  // は, not とは
        // Back from the brackets to the line start or a sentence end.
        var j = i
        var n = 0
        while j > 0 {
            let d = UTF8Scan.decodeBefore(p, j)
            let c = UTF8Scan.fold(d.scalar)
            if c == 0x3002 || c == 0x21 || c == 0x3F { break }  // 。!?
            // The `[]` of the heading before (`ディスコグラフィ[]シングル[]1. …`, a subsection
            // right under its section): this heading starts after it.
            if j >= 2 && p[j - 1] == 0x5D && p[j - 2] == 0x5B { break }
            if c == 0x3001 || c == 0x2C || c == 0x5B || c == 0x5D { return nil }  // 、,[]
            n += 1
            if n > 30 { return nil }
            j -= d.length
        }
        return n > 0 ? i + 2 : nil
    }

    /// A paragraph that unwrap-markdown marked as a heading (`## 見出し`, a line underlined
    /// with `---`): the heading, and the edit link glued after it if any (`歴史[編集]` from
    /// `## 歴史[[編集](…)]`, Fandom's `概要[]`). Nil when the text is no heading (too long, or a
    /// sentence): it stays a paragraph.
    static func hintedHeading(_ text: String, maximumHeadingLength: Int) -> (heading: String, marker: String?)? {
        let t = text.trimmingSpaces
        let markerStart: Int? = t.withUTF8Bytes { p -> Int? in
            let n = p.count
            if n > 2, p[n - 2] == 0x5B, p[n - 1] == 0x5D { return n - 2 }  // []
            var i = n
            while i > 0 {
                i -= 1
                // `[` (5B) or `［` (EF BC BB).
                let open = p[i] == 0x5B || (i + 2 < n && p[i] == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0xBB)
                if open, EditMarkers.match(p, at: i, end: n) == n { return i }
            }
            return nil
        }
        let head = markerStart.map { t.scalarAlignedSlice(0, $0).trimmingSpaces } ?? t
        guard !head.isEmpty, head.utf8.count <= 4 * maximumHeadingLength, head.unicodeScalars.count <= maximumHeadingLength,
            !head.containsKuten
        else { return nil }
        return (head, markerStart.map { t.scalarAlignedSlice($0, t.utf8.count) })
    }

    /// PukiWiki's paragraph-edit link after a heading: with `$fixed_heading_anchor_edit` on, the
    /// edit plugin puts the `paraedit.png` icon, its alt text `Edit`, after every heading (PukiWiki
    /// 1.5, PukiWiki Plus!, xpWiki; WIKIWIKI.jp's skin), and a scrape that keeps alt texts gives
    /// `見出し Edit`, or `見出し † Edit` with the anchor. The heading (at most
    /// `maximumHeadingLength` characters, no `。`, not ending in `、`) and the marker from the end
    /// of the heading; nil when the line is none. A heading that ends in a Latin letter or digit
    /// (`Good First Edit` is an English heading with no marker) counts only when `pageWide`: the
    /// page has other such lines (``pageHasParaeditHeadings(_:maximumHeadingLength:)``).
    static func paraeditHeading(_ text: String, maximumHeadingLength: Int, pageWide: Bool) -> (heading: String, marker: String)? {
        let t = text.trimmingSpaces
        guard t.hasSuffixBytes(" Edit") || t.hasSuffixBytes("\u{3000}Edit") else { return nil }
        var head = String(t.unicodeScalars.dropLast(5)).trimmingSpaces
        if head.hasSuffixBytes("†") { head = String(head.unicodeScalars.dropLast()).trimmingSpaces }
        guard !head.isEmpty, head.utf8.count <= 4 * maximumHeadingLength, head.unicodeScalars.count <= maximumHeadingLength,
            !head.containsKuten, !head.hasSuffixBytes("、"), let last = head.unicodeScalars.last
        else { return nil }
        if last.isASCII, last.properties.isAlphabetic || ("0"..."9").contains(last), !pageWide { return nil }
        let marker = t.scalarAlignedSlice(head.utf8.count, t.utf8.count)
        return (head, marker)
    }

    /// Whether two paragraphs or more of the page end in PukiWiki's paragraph-edit link
    /// (``paraeditHeading(_:maximumHeadingLength:pageWide:)``).
    static func pageHasParaeditHeadings(_ blocks: [Block], maximumHeadingLength: Int) -> Bool {
        var count = 0
        for i in blocks.indices where blocks[i].role == .paragraph && blocks[i].text.hasSuffixBytes("Edit") {
            if paraeditHeading(blocks[i].text, maximumHeadingLength: maximumHeadingLength, pageWide: true) != nil {
                count += 1
                if count >= 2 { return true }
            }
        }
        return false
    }

    /// Older MediaWiki put the section edit link before the headline (`<span class="editsection">[編集]</span>
    /// <span class="mw-headline">…</span>`, floated right by the skin's CSS), and a text scrape of such a page
    /// (an old Wikia or MediaWiki page, an archived copy) gives `[編集] 見出し`: the marker at the line start,
    /// a space, and a short heading (at most `maximumHeadingLength` characters, no `。`, no other marker).
    /// The marker and the heading; nil when the line is none. (A marker glued to a paragraph with no space,
    /// `[編集]本文…`, is no such heading.) Strip-chrome's contents-list check reads headings with it;
    /// split-headings takes such lines as headings when every edit link of the page opens its line
    /// (`SplitHeadings.editLinksLeadHeadings`), one check for the spaced and the glued forms.
    static func editLinkBeforeHeading(_ text: String, maximumHeadingLength: Int) -> (marker: String, heading: String)? {
        let t = text.trimmingSpaces
        let markerEnd: Int? = t.withUTF8Bytes { p -> Int? in
            guard p.count > 0, p[0] == 0x5B || p[0] == 0xEF || p[0] == 0xE3, let e = EditMarkers.match(p, at: 0, end: p.count), e < p.count else { return nil }
            let d = UTF8Scan.decode(p, e)
            return UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) ? e : nil
        }
        guard let markerEnd else { return nil }
        let head = t.scalarAlignedSlice(markerEnd, t.utf8.count).trimmingSpaces
        guard !head.isEmpty, head.utf8.count <= 4 * maximumHeadingLength, head.unicodeScalars.count <= maximumHeadingLength,
            !head.containsKuten, !head.hasSuffixBytes("、"),
            !head.unicodeScalars.contains(where: { $0 == "[" || $0 == "［" || $0 == "【" })
        else { return nil }
        return (t.scalarAlignedSlice(0, markerEnd), head)
    }

    /// PukiWiki (and WIKIWIKI.jp) render every heading with a trailing anchor link, `†`
    /// (`$_symbol_anchor = '&dagger;'`): `テキスト整形のルール †`, sometimes glued to the
    /// paragraph that follows (`天守 †大天守と…`), or glued after the sentence before it (a
    /// preview: `…山である。概要 †北アルプスの…`, with the space before `†`). The heading is the short text before the
    /// first `†` of the line, after the last sentence end (`。！？`) before it: heading-like (at
    /// most `maximumHeadingLength` characters, not ending in `、` or a truncation mark) and with
    /// no `[`/`［` (grouped reference marks `[† 1]` are not anchors). Returns the text before the
    /// heading (empty when the heading opens the line), the heading, the marker (the spaces
    /// before the `†` and the `†`) and the rest of the line, trimmed.
    static func daggerHeading(_ text: String, maximumHeadingLength: Int) -> (lead: String, heading: String, marker: String, rest: String)? {
        // `†` is E2 80 A0; E2 leads only general punctuation, rare in Japanese text, so a
        // `memchr` for it skips most lines at once.
        let dagger: StaticString = "†"
        let at: Int? = text.withUTF8Bytes { p -> Int? in
            UTF8Scan.find(UnsafeBufferPointer(start: dagger.utf8Start, count: dagger.utf8CodeUnitCount), in: p)
        }
        guard let at, at > 0 else { return nil }
        // The heading starts after the last sentence end before the `†`.
        let headStart: Int = text.withUTF8Bytes { p -> Int in
            var s = at
            while s > 0 {
                let d = UTF8Scan.decodeBefore(p, s)
                let c = d.scalar
                if c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x21 || c == 0x3F { break }  // 。！？!?
                s -= d.length
            }
            return s
        }
        let lead = text.scalarAlignedSlice(0, headStart).trimmingSpaces
        let before = text.scalarAlignedSlice(headStart, at)
        let heading = before.trimmingSpaces
        guard !heading.isEmpty, heading.utf8.count <= 4 * maximumHeadingLength, heading.unicodeScalars.count <= maximumHeadingLength,
            !heading.containsKuten, !heading.hasSuffixBytes("、"), !heading.hasSuffixBytes("..."), !heading.hasSuffixBytes("…"),
            !heading.unicodeScalars.contains(where: { $0 == "[" || $0 == "［" })
        else { return nil }
        // The marker runs from the end of the heading (the trailing spaces of `before`) to after `†`.
        let trailing = before.withUTF8Bytes { p -> Int in
            var e = p.count
            while e > 0 {
                let d = UTF8Scan.decodeBefore(p, e)
                guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { break }
                e -= d.length
            }
            return e
        }
        // After a sentence, the anchor's space must be there: a `†` glued to a word is text
        // (a deceased person's mark, `加藤一郎†は`; an extinct taxon's, `近縁の属には†ケントロサウルス`).
        guard headStart == 0 || trailing < before.utf8.count else { return nil }
        let marker = text.scalarAlignedSlice(headStart + trailing, at + 3)
        let rest = text.scalarAlignedSlice(at + 3, text.utf8.count).trimmingSpaces
        return (lead, heading, marker, rest)
    }

    /// Appends the pieces of a line with anchored headings to `out` (`find` gives the first
    /// one: the text before it, the heading, its marker and the rest; every one of the line in
    /// turn, as a preview may hold several, each after a sentence), recording the headings and
    /// markers; false (nothing appended) when the line has none.
    static func splitAnchoredHeadings(
        _ text: String, line: Int?, headingRule: String, markerRule: String, into out: inout [Block], context: inout StageContext,
        find: (String) -> (lead: String, heading: String, marker: String, rest: String)?
    ) -> Bool {
        guard var found = find(text) else { return false }
        while true {
            if !found.lead.isEmpty { out.append(.paragraph(found.lead, line: line)) }
            context.recordRelabel(rule: headingRule, text: found.heading, line: line, role: .heading)
            out.append(.heading(found.heading, line: line))
            context.recordRemoval(rule: markerRule, text: found.marker, line: line)
            guard let next = find(found.rest) else { break }
            found = next
        }
        if !found.rest.isEmpty { out.append(.paragraph(found.rest, line: line)) }
        return true
    }

    /// Whether the page has a mobile heading line, `見出し 編集` (Minerva; Fandom's older skin,
    /// catalogue §3): on such a page a heading's ` 編集` may be glued to its paragraph too. So
    /// may it on a page with the mobile view's chrome (`wikipedia.mobile-…`) or Fandom's, whose
    /// headings may all be glued, with no such line of their own.
    static func pageHasMobileHeadings(_ blocks: [Block], maximumHeadingLength: Int) -> Bool {
        // By index, the cheap tests first: no block is copied.
        for i in blocks.indices {
            if blocks[i].role == .chrome {
                if let rule = blocks[i].rule, rule.hasPrefixBytes("wikipedia.mobile-") || rule.hasPrefixBytes("fandom.") { return true }
                continue
            }
            guard blocks[i].role == .paragraph, blocks[i].text.hasSuffixBytes(" 編集") || blocks[i].text.hasSuffixBytes("\u{3000}編集") else { continue }
            if isMobileHeadingLine(blocks[i].text, maximumHeadingLength: maximumHeadingLength) { return true }
        }
        return false
    }

    /// A line that ends in ` 編集` (or `　編集`) is a mobile heading line when it is short (the
    /// heading and the marker: at most `maximumHeadingLength + 3` characters) with no `。`.
    static func isMobileHeadingLine(_ t: String, maximumHeadingLength: Int) -> Bool {
        t.utf8.count <= 4 * (maximumHeadingLength + 3) && t.unicodeScalars.count <= maximumHeadingLength + 3 && !t.containsKuten
    }

    /// `見出し 編集本文`, on a page with mobile headings: a heading with its ` 編集` glued to
    /// the paragraph, at the line start or after a sentence end (a preview: `…建つ。歴史 編集1537年に…`).
    /// The heading is 1 to 30 characters of kanji, kana or letters with no comma, bracket or
    /// parenthesis (Japanese prose puts no space before a word, so a space then `編集` between
    /// two Japanese words is the edit link). Returns the text before, the heading, the marker
    /// and the rest, as ``daggerHeading(_:maximumHeadingLength:)``.
    static func gluedMobileHeading(_ text: String) -> (lead: String, heading: String, marker: String, rest: String)? {
        let marker: StaticString = " 編集"
        let at: Int? = text.withUTF8Bytes { p -> Int? in
            UTF8Scan.find(UnsafeBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount), in: p)
        }
        guard let at, at > 0 else { return nil }
        let end = at + marker.utf8CodeUnitCount
        let rest = text.scalarAlignedSlice(end, text.utf8.count)
        guard let next = rest.unicodeScalars.first, !UTF8Scan.isSpace(UTF8Scan.fold(next.value)) else { return nil }
        let before = Array(text.scalarAlignedSlice(0, at).unicodeScalars)
        var s = before.count
        while s > 0, !"。！？!?".unicodeScalars.contains(before[s - 1]) { s -= 1 }
        let head = before[s...]
        // A Latin word alone before ` 編集` is spaced from the Japanese after it, as prose is
        // written (`YouTube 編集者の…`, `Web 編集部に…`), no heading.
        guard !head.isEmpty, head.count <= 30, head.contains(where: { !$0.isASCII }),
            head.allSatisfy({ c in
                let v = c.value
                return UTF8Scan.isKanji(v) || UTF8Scan.isHiragana(v) || UTF8Scan.isKatakana(v) || JapaneseText.script(v) == .alnum
            })
        else { return nil }
        var lead = String.UnicodeScalarView()
        lead.append(contentsOf: before[..<s])
        var heading = String.UnicodeScalarView()
        heading.append(contentsOf: head)
        return (String(lead).trimmingSpaces, String(heading), " 編集", rest.trimmingSpaces)
    }

    /// The content block that follows an unmarked heading candidate `content[k]`: the next one,
    /// or, when that is a photo caption alone on its line (a section's thumbnail comes first in
    /// a text scrape), the one after the captions.
    static func blockAfterHeadingCandidate(_ blocks: [Block], _ content: [Int], _ k: Int) -> Block {
        // Up to two such lines (a scrape puts each thumbnail's caption on a line of its own).
        var j = k + 1
        while j + 1 < content.count, j <= k + 2, blocks[content[j]].role == .paragraph, isCaptionsLine(blocks[content[j]].text) { j += 1 }
        return blocks[content[j]]
    }

    /// The content block that comes before an unmarked heading candidate `content[k]`: the one
    /// before, or, when that is a photo caption alone on its line (up to two) after a sentence
    /// (the last section's thumbnails), the sentence.
    static func blockBeforeHeadingCandidate(_ blocks: [Block], _ content: [Int], _ k: Int) -> Block {
        let prev = blocks[content[k - 1]]
        var j = k - 1
        while j >= 1, j >= k - 2, blocks[content[j]].role == .paragraph, isCaptionsLine(blocks[content[j]].text) { j -= 1 }
        let before = blocks[content[j]]
        return j < k - 1 && before.role == .paragraph && before.text.containsKuten ? before : prev
    }

    /// A line of photo captions alone, as a text scrape puts a section's thumbnails: one dated
    /// caption (``SplitCaptions/isDatedCaptionLine(_:)``), or a phrase of 16 to 120 scalars
    /// (some hiragana) with no sentence end that ends like a caption (`…空中給油を受けるロッキード
    /// U-2発射準備が進められたジュピター`). Shorter undated lines (a portrait's name) are left
    /// alone: they could be headings.
    static func isCaptionsLine(_ text: String) -> Bool {
        let bytes = text.utf8.count
        guard bytes >= 4, bytes <= 4 * 120, !text.containsKuten else { return false }
        if SplitCaptions.isDatedCaptionLine(text) { return true }
        guard bytes >= 16, !DetectArticleBoundaries.endsTruncated(text) else { return false }
        let u = text.unicodeScalars
        let n = u.count
        guard n >= 16, n <= 120, let last = u.last, SplitCaptions.endsLikeACaption(last: last.value) else { return false }
        return u.contains { UTF8Scan.isHiragana($0.value) }
    }

    /// Whether the paragraph before or after an unmarked heading candidate ends in a truncation
    /// mark: the candidate stands among other pages' previews (a stray title), not in a body.
    static func touchesAPreview(_ prev: Block, _ next: Block) -> Bool {
        (prev.role == .paragraph && DetectArticleBoundaries.endsTruncated(prev.text))
            || (next.role == .paragraph && DetectArticleBoundaries.endsTruncated(next.text))
    }

    /// Words that name a section when they stand alone on a line: the bare heading words and
    /// the trailing sections corpus builders cut (chrome catalogue §2, [peer] llm-jp-corpus).
    /// ピクシブ百科事典 closes its articles with `関連タグ` and `関連記事` (a list of tags or links,
    /// one a line) [unverified: general knowledge of the site's article template].
    /// ニコニコ大百科 closes its articles with `関連動画`, `関連静画`, `関連商品`, `関連コミュニティ`,
    /// `関連チャンネル` and `関連リンク` [unverified: general knowledge of the site's article template].
    /// Section words over a list, of the genres whose sections are lists (a drama's cast and
    /// staff, an album's tracks, a club's squad, a station's platforms, a species' taxa, a
    /// person's chronology): on a page without markers, such a word alone on its line after a
    /// list is the next section's heading, though no sentence stands around it.
    static let listSectionWords: Set<String> = [
        "キャスト", "出演者", "スタッフ", "放送日程", "各話リスト", "収録曲", "参加ミュージシャン", "ディスコグラフィ", "年譜",
        "成績", "所属選手", "下位分類", "のりば", "隣の駅", "隣接自治体", "隣接している自治体", "できごと", "主な作品", "出演作品", "受賞歴",
        // A vehicle's, a ship's or an aircraft's specifications (the section the Wikipedia
        // projects on railways, ships and aircraft give their articles, a list or a table).
        "諸元",
    ]

    private static let listSectionWordBytes: [[UInt8]] = listSectionWords.sorted().map { Array($0.utf8) }

    /// The byte lengths of ``listSectionWordBytes``, each once, as bits (all under 64 bytes):
    /// a word of length `n` right after a `。` needs a digit `n` bytes on, so a `。` with no
    /// digit at any of these distances is passed without comparing a word.
    static let listSectionWordLengths: UInt64 = listSectionWordBytes.reduce(0) { $0 | 1 << UInt64($1.count) }

    /// A preview cut off in a list section whose heading the scrape glued between the lead's
    /// last sentence and the list's first item, with no marker (`…日本の俳優。年譜1985年 - …...`,
    /// a Weblio section page's text): the lead up to its `。`, the section word, and the items.
    /// Only on a line cut off by a truncation mark, a list word right after `。` and right
    /// before a digit. Shared with the reference implementation.
    static func listSectionGluedInPreview(_ text: String) -> (lead: String, word: String, rest: String)? {
        guard text.withUTF8Bytes({ mayEndInTruncationMark(last: $0.last) }) else { return nil }
        // The list word after a `。` first, then the truncation mark: nearly every line that
        // gets this far is a preview (it ends in a mark), and nearly none has the word.
        let found = text.withUTF8Bytes { p -> (String, String, String)? in
            let n = p.count
            guard let base = p.baseAddress else { return nil }
            // Each `。` (E3 80 82) with a digit a word's length after it (``cicu_kuten_before_digit``,
            // by its middle byte `k`: 32 bytes a step, where a `memchr` for the middle byte 80
            // stopped at every `、`, `「` and `」` too, some 450 instructions a preview line).
            var i = 1
            while i + 2 < n {
                let k = Int(cicu_kuten_before_digit(base, Int64(n), Int64(i), listSectionWordLengths))
                guard k >= 0 else { break }
                i = k + 1
                let at = k + 2
                for w in listSectionWordBytes where at + w.count < n {
                    let next = p[at + w.count]
                    guard next >= 0x30 && next <= 0x39 else { continue }
                    if p[at..<(at + w.count)].elementsEqual(w) {
                        func str(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[a..<b]), as: UTF8.self) }
                        return (str(0, at), str(at, at + w.count), str(at + w.count, n))
                    }
                }
            }
            return nil
        }
        guard let found, DetectArticleBoundaries.endsTruncated(text) else { return nil }
        return found
    }

    /// Whether a line whose last byte is `last` may end in a truncation mark, as
    /// ``listSectionGluedInPreview(_:)`` needs: `...`, `…` (its last byte 0xA6) or `・・・`
    /// (`・` E3 83 BB, `･` EF BD A5).
    @inline(__always)
    static func mayEndInTruncationMark(last: UInt8?) -> Bool {
        guard let last else { return false }
        return last == 0x2E || last == 0xA6 || last == 0xBB || last == 0xA5
    }

    /// On any page: every preview's list section glued in with no marker
    /// (``listSectionGluedInPreview(_:)``) becomes a heading between two paragraphs.
    static func splitListSectionsGluedInPreviews(_ blocks: inout [Block], rule: String, context: inout StageContext) {
        var i = 0
        while i < blocks.count {
            defer { i += 1 }
            // The last byte first, in place (``listSectionGluedInPreview(_:)`` asks it too):
            // most lines end in none of a truncation mark's, and are passed with no call, no
            // copy of their text.
            guard blocks[i].role == .paragraph, blocks[i].text.withUTF8Bytes({ mayEndInTruncationMark(last: $0.last) }),
                let (lead, word, rest) = listSectionGluedInPreview(blocks[i].text)
            else { continue }
            let line = blocks[i].line
            context.recordRelabel(rule: rule, text: word, line: line, role: .heading)
            blocks[i].text = lead
            blocks.insert(contentsOf: [.heading(word, line: line), .paragraph(rest, line: line)], at: i + 1)
            i += 2
        }
    }

    /// A photo's caption glued before a heading (`大鳴門橋から見た渦潮(2015年5月)歴史`: the
    /// thumbnail at a section's end and the next heading with no break between them): the
    /// caption, up to its date parenthesis (`…年)`, `…月)`, `…日)`), and the section word after
    /// it. Nil for any other heading (`1964年(昭和39年)の出来事`: no section word after it).
    /// Shared with the reference implementation.
    static func captionGluedBeforeHeading(_ heading: String, sectionWords: Set<String>) -> (caption: String, heading: String)? {
        guard heading.containsBytes(")") || heading.containsBytes("）") else { return nil }
        let u = Array(heading.unicodeScalars)
        guard let close = u.lastIndex(where: { $0 == ")" || $0 == "）" }), close >= 2, close + 1 < u.count,
            "年月日".unicodeScalars.contains(u[close - 1]), u[..<close].contains(where: { $0 == "(" || $0 == "（" })
        else { return nil }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: u[(close + 1)...])
        let w = String(word).trimmingSpaces
        guard sectionWords.contains(w) else { return nil }
        var caption = String.UnicodeScalarView()
        caption.append(contentsOf: u[...close])
        return (String(caption).trimmingSpaces, w)
    }

    /// The paragraph `out[prev]` over a lone edit marker becomes its heading; when a photo's
    /// caption is glued before the heading (``captionGluedBeforeHeading(_:sectionWords:)``), the
    /// caption stays a paragraph and the section word after it is the heading. Shared with the
    /// reference implementation.
    static func markHeadingOverALoneMarker(_ out: inout [Block], at prev: Int, sectionWords: Set<String>, rule: String, context: inout StageContext) {
        let line = out[prev].line
        if let (caption, word) = captionGluedBeforeHeading(out[prev].text, sectionWords: sectionWords) {
            out[prev].text = caption
            out.append(.heading(word, line: line))
            context.recordRelabel(rule: rule, text: word, line: line, role: .heading)
        } else {
            out[prev].role = .heading
            context.recordRelabel(rule: rule, text: out[prev].text, line: line, role: .heading)
        }
    }

    /// ウィキニュース closes each report with `情報源`, the list of its sources (the section its
    /// writing guide, Wikinews:スタイルガイド, names; `wikinews` fixture).
    static let trailingSectionWords = ["脚注", "注釈", "出典", "参照", "参考文献", "関連項目", "外部リンク", "関連ページ", "関連タグ", "関連記事",
        "関連動画", "関連静画", "関連商品", "関連コミュニティ", "関連チャンネル", "関連リンク", "情報源"]

    /// Section words of a page's body beyond the bare heading words and the list words: an
    /// image gallery's (a caption, not a sentence, stands under it) and a few more that
    /// guides, glossaries and fan wikis put between the prose sections (`アクセス` after a
    /// gallery, `注意点` after a list of uses, `用途` over one).
    /// Also the sections Wikipedia's own article layouts name: `名称` and `由来` (a place's or a
    /// thing's name), and a station's `駅構造`, `利用状況` and `駅周辺` (the layout of
    /// Wikipedia:ウィキプロジェクト 鉄道/駅, with `歴史` and `隣の駅`).
    static let bodySectionWords: Set<String> = ["ギャラリー", "画像ギャラリー", "画像", "写真", "アクセス", "交通アクセス", "エピソード",
        "備考", "余談", "トリビア", "用途", "仕組み", "注意点", "注意事項", "問題点", "利点", "欠点", "使い方", "遊び方", "入手方法",
        "名称", "由来", "駅構造", "利用状況", "駅周辺", "はじめに"]

    /// A section word written in half-width katakana or full-width letters (`ｷﾞｬﾗﾘｰ`,
    /// `ｱｸｾｽ`, `ＦＡＱ`; split-headings runs before normalize): the word of `words` it reads
    /// as (compared in the folded form the chrome rules use), or `word` itself.
    static func widthFoldedWord(_ word: String, among words: some Sequence<String>) -> String {
        widthFoldedWord(word, keys: widthFoldKeys(words))
    }

    /// `words` by their folded form, made once for ``widthFoldedWord(_:keys:)``.
    static func widthFoldKeys(_ words: some Sequence<String>) -> [String: String] {
        Dictionary(words.map { (ChromeRules.foldKey($0), $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// ``widthFoldedWord(_:among:)`` with the folded forms made beforehand. Only a word that
    /// holds such a form (a byte test) is folded and looked up.
    static func widthFoldedWord(_ word: String, keys: [String: String]) -> String {
        guard hasWidthForms(word) else { return word }
        return keys[ChromeRules.foldKey(word)] ?? word
    }

    /// Whether `text` holds a half-width katakana (U+FF66–FF9F: EF BD A6–BF, EF BE 80–9F), a
    /// full-width Latin letter (U+FF21–FF3A: EF BC A1–BA; U+FF41–FF5A: EF BD 81–9A) or a line
    /// that stands in for the long vowel mark (`—` `―`: E2 80 94–95; `─` `━`: E2 94 80–81; the
    /// chrome rules' folded form reads it as `ー`, `関連ペ―ジ` as `関連ページ`), on the bytes.
    /// Full-width digits and punctuation (`（`, `！`) are no such form: they spell no section word.
    static func hasWidthForms(_ text: String) -> Bool {
        text.withUTF8Bytes { hasWidthForms($0) }
    }

    /// ``hasWidthForms(_:)`` on the bytes. Each such form starts with E2 or EF, bytes that most
    /// headings hold none of: the first one is found eight bytes at a time (a byte loop asked
    /// both of every byte, some 280 instructions a heading, 1,872 headings on the 4 MB corpus
    /// asked by split-captions), and the byte loop starts there (before it, it only stepped).
    static func hasWidthForms(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        guard n > 2, var i = firstE2OrEF(p, before: n - 2) else { return false }
        while i + 2 < n {
            if p[i] == 0xE2 {
                let b1 = p[i + 1], b2 = p[i + 2]
                if (b1 == 0x80 && (b2 == 0x94 || b2 == 0x95)) || (b1 == 0x94 && b2 <= 0x81) { return true }
                i += 1
                continue
            }
            guard p[i] == 0xEF else { i += 1; continue }
            let b1 = p[i + 1], b2 = p[i + 2]
            if b1 == 0xBD ? (b2 >= 0xA6 || (b2 >= 0x81 && b2 <= 0x9A)) : b1 == 0xBE ? b2 <= 0x9F : (b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) {
                return true
            }
            i += 3
        }
        return false
    }

    /// The first offset below `end` (at most `p.count`) whose byte is E2 or EF, or nil: eight
    /// bytes a step, a word with a zero byte once xor-ed with either found by the usual
    /// borrow test (`(v - 0x01…) & ~v & 0x80…` is not zero exactly when a byte of `v` is).
    @inline(__always)
    static func firstE2OrEF(_ p: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= end {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let a = w ^ 0xE2E2_E2E2_E2E2_E2E2
            let b = w ^ 0xEFEF_EFEF_EFEF_EFEF
            if ((a &- ones) & ~a | (b &- ones) & ~b) & highs != 0 { break }
            i += 8
        }
        while i < end {
            if base[i] == 0xE2 || base[i] == 0xEF { return i }
            i += 1
        }
        return nil
    }

    private static let trailingSectionKeys = widthFoldKeys(trailingSectionWords)

    /// One of ``trailingSectionWords``, also written in half-width katakana or with a look-alike
    /// of `ー` (`関連ﾘﾝｸ`, `関連ペ―ジ`).
    static func isTrailingSectionWord(_ text: String) -> Bool {
        // The longest word is 24 bytes, twice that in half-width kana: most lines are longer.
        guard text.utf8.count <= 96 else { return false }
        return trailingSectionWords.contains(widthFoldedWord(text.trimmingSpaces, keys: trailingSectionKeys))
    }

    /// A trailing section that lists links (`関連項目`, `関連タグ`, `外部リンク`, …): what stands
    /// under it is a list of page names, not sub-headings.
    static func isLinkSectionWord(_ text: String) -> Bool {
        // The words open the trimmed text: the text opens with `関` (E9 96 A2), `外` (E5 A4 96)
        // or a space (20, 09, C2 A0, E2 80 xx, E3 80 80). Most headings open with another
        // character (three bytes read, where the two searches below cost some 250
        // instructions a heading: 1,872 headings on the 4 MB corpus in split-captions).
        guard text.withUTF8Bytes({ Self.mayOpenLinkSectionWord($0) }) else { return false }
        // Bytes first: asked of every heading, most of which hold neither word.
        guard text.containsBytes("関連") || text.containsBytes("外部") else { return false }
        let t = text.trimmingSpaces
        // Spelled as the words are, or with half-width kana or a look-alike of `ー` (`関連ペ―ジ`).
        return (t.hasPrefixBytes("関連") || t.hasPrefixBytes("外部"))
            && (spellsTrailingSectionWord(t) || trailingSectionWords.contains(t) || isTrailingSectionWord(t))
    }

    /// Whether a text of bytes `p` may be a link section's word once trimmed
    /// (``isLinkSectionWord(_:)``): it opens with `関` (E9 96 A2), `外` (E5 A4 96) or a space
    /// (its first byte 20, 09, C2 or E2; or `　`, E3 80 80).
    @inline(__always)
    static func mayOpenLinkSectionWord(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = p.first else { return false }
        switch b {
        case 0x20, 0x09, 0xC2, 0xE2: return true
        case 0xE3: return p.count >= 3 && p[1] == 0x80 && p[2] == 0x80
        case 0xE9: return p.count >= 3 && p[1] == 0x96 && p[2] == 0xA2
        case 0xE5: return p.count >= 3 && p[1] == 0xA4 && p[2] == 0x96
        default: return false
        }
    }

    /// ``trailingSectionWords`` in UTF-8.
    private static let trailingSectionWordUTF8 = trailingSectionWords.map { Array($0.utf8) }

    /// Whether `text`'s bytes are those of one of ``trailingSectionWords``: then the strings are
    /// equal, found without `String` comparisons (`関連項目`, `外部リンク` under most pages: the
    /// array's `contains` compared each word before it as strings, some 60 instructions each).
    /// False says nothing (an equal string may be spelled with other scalars).
    static func spellsTrailingSectionWord(_ text: String) -> Bool {
        text.withUTF8Bytes { p in
            for w in trailingSectionWordUTF8 where w.count == p.count {
                if w.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p.baseAddress!, p.count) == 0 }) { return true }
            }
            return false
        }
    }

    /// On a page without markers, a trailing section word (`脚注`, `関連項目`) alone on the last
    /// content line, after a sentence or in another trailing section, with only chrome after it (its notes and the page footer
    /// were taken as chrome): a heading whose section is empty, as on a page with markers.
    /// Marks it and returns whether it did.
    @discardableResult
    static func markTrailingSectionAtEnd(_ blocks: inout [Block], rule: String, context: inout StageContext) -> Bool {
        // The last three content lines (paragraphs and headings), found from the end in place:
        // no array of every content line's index (grown by doubling, on every page).
        func contentBefore(_ i: Int) -> Int {
            var k = i - 1
            while k >= 0, blocks[k].role != .paragraph && blocks[k].role != .heading { k -= 1 }
            return k
        }
        let last = contentBefore(blocks.count)
        guard last >= 0, last + 1 < blocks.count, blocks[last].role == .paragraph else { return false }
        let before = contentBefore(last)
        guard before >= 0, contentBefore(before) >= 0, isTrailingSectionWord(blocks[last].text) else { return false }
        // After a sentence, or after the list of another trailing section (`関連項目`'s links,
        // then `関連リンク` or `外部リンク` whose links were chrome): the last heading before it.
        var heading = before
        while heading >= 0, blocks[heading].role != .heading { heading -= 1 }
        let underTrailingSection = heading >= 0 && isTrailingSectionWord(blocks[heading].text)
        guard blocks[before].role == .paragraph, blocks[before].text.containsKuten || underTrailingSection,
            blocks[(last + 1)...].allSatisfy({ $0.role == .chrome })
        else { return false }
        blocks[last].role = .heading
        context.recordRelabel(rule: rule, text: blocks[last].text, line: blocks[last].line, role: .heading)
        return true
    }

    /// Where the pages of a page run together start, after the first (empty for most pages):
    /// at the first paragraph after a chrome line that ends a page (a footer, `カテゴリ: …`) or
    /// starts one (a tagline, an HTML title) once the page so far holds a sentence. That is
    /// where detect-boundaries starts a new article; the headings of the page before (its
    /// `[編集]` or `†` markers, or none) say nothing of the next one's, which another site may
    /// render otherwise (a GROWI page with bare headings after a Wikipedia article; a コトバンク
    /// page after a mobile talk page). Shared with the reference implementation.
    static func pageSegmentStarts(_ blocks: [Block]) -> [Int] {
        var cuts: [Int] = []
        // Paragraphs of the segment up to `scanned` were looked at for a sentence.
        var scanned = 0
        var sentence = false
        var afterSignal = false
        // By index: no block is copied.
        for i in blocks.indices {
            if blocks[i].role == .chrome {
                guard !afterSignal, blocks[i].signal != nil else { continue }
                while !sentence && scanned < i {
                    if blocks[scanned].role == .paragraph && blocks[scanned].text.containsKuten { sentence = true }
                    scanned += 1
                }
                if sentence { afterSignal = true }
            } else if afterSignal && blocks[i].role == .paragraph {
                cuts.append(i)
                scanned = i
                sentence = false
                afterSignal = false
            }
        }
        return cuts
    }

    /// The rule id strip-site-chrome gives a contents list's lines (``ChromeRules/tocRule``'s default).
    static let contentsRule = "generic.toc"

    /// The section names one line of a contents list holds: `1 概要` and `2.1 近世` (one entry a
    /// line: a number of digits and dots, a space, the name), `目次1 概要2 歴史2.1 近世` (a list
    /// scraped onto one line: the names between the numbers), or a bare `概要` (a skin that
    /// numbers its entries with CSS). The contents heading itself (`目次`, `目次 [非表示]`,
    /// with no number after it) names no section. Shared with the reference implementation.
    static func contentsEntryNames(_ text: String) -> [String] {
        let u = Array(text.unicodeScalars)
        func isDigit(_ k: Int) -> Bool { UTF8Scan.isDigit(UTF8Scan.fold(u[k].value)) }
        func isDot(_ k: Int) -> Bool { UTF8Scan.fold(u[k].value) == 0x2E }
        // Each entry number: digits (dots after the first), not glued after a digit or a dot,
        // and followed by a space; its start and where its name starts.
        var numbers: [(start: Int, name: Int)] = []
        var i = 0
        while i < u.count {
            guard isDigit(i), i == 0 || !(isDigit(i - 1) || isDot(i - 1)) else { i += 1; continue }
            var j = i
            while j < u.count, isDigit(j) || isDot(j) { j += 1 }
            if j < u.count, UTF8Scan.isSpace(UTF8Scan.fold(u[j].value)) { numbers.append((i, j)) }
            i = j
        }
        func string(_ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: u[a..<b])
            return String(v).trimmingSpaces
        }
        guard !numbers.isEmpty else {
            let t = text.trimmingSpaces
            return t.isEmpty || t.hasPrefix("目次") ? [] : [t]
        }
        var names: [String] = []
        for (k, number) in numbers.enumerated() {
            let name = string(number.name, k + 1 < numbers.count ? numbers[k + 1].start : u.count)
            if !name.isEmpty { names.append(name) }
        }
        return names
    }

    /// On a page without edit markers, a line that is the name of an entry of the page's own
    /// contents list (seen before it, as strip-site-chrome took it), alone on its line, is that
    /// section's heading: MediaWiki builds the list from the headings, so each of its entries
    /// stands again as a heading further down, in the same order. The entries are matched in
    /// order, each once (a line that names an entry already passed stays a paragraph); a new
    /// contents list, or the page's footer, starts over. Shared with the reference implementation.
    static func markContentsEntries(_ blocks: inout [Block], maximumHeadingLength: Int, rule: String, context: inout StageContext) {
        var entries: [String] = []
        // The first entry not yet met, and whether a paragraph came since the last contents line.
        var next = 0
        var inList = false
        for i in blocks.indices {
            switch blocks[i].role {
            case .chrome:
                if blocks[i].rule == contentsRule {
                    if !inList { entries.removeAll(); next = 0; inList = true }
                    entries.append(contentsOf: contentsEntryNames(blocks[i].text))
                } else if blocks[i].signal == .pageEnd {
                    entries.removeAll()
                    next = 0
                }
            case .paragraph:
                inList = false
                guard next < entries.count, blocks[i].text.utf8.count <= 4 * maximumHeadingLength else { continue }
                let t = blocks[i].text.trimmingSpaces
                // Compared as bytes: the entry and the heading are the same text of the page.
                guard t.unicodeScalars.count <= maximumHeadingLength, !t.containsKuten,
                    let q = entries[next...].firstIndex(where: { $0.utf8.elementsEqual(t.utf8) })
                else { continue }
                next = q + 1
                blocks[i].role = .heading
                context.recordRelabel(rule: rule, text: blocks[i].text, line: blocks[i].line, role: .heading)
            default:
                inList = false
            }
        }
    }

    /// The chrome rules that take a notes list's lines: the `[脚注の使い方]` link that
    /// Template:脚注ヘルプ puts under the section's heading, and the notes with their back-links
    /// (`^ …`, `1. ^ …`, the Cite extension's default `↑ …`).
    static let notesRules: Set<String> = [
        "wikipedia.footnote-help", "wikitext.footnote-help", "wikipedia.footnote-backlink", "wikipedia.footnote-backlink-numbered",
        "mediawiki.footnote-backlink-arrow",
    ]

    /// On a page without markers, a notes section's word (`脚注`, `注釈`, `出典`, `参考文献`: a
    /// trailing section word that names no section of links) alone on its line, in the body (a
    /// paragraph or heading before it) and right over the notes list that strip-site-chrome
    /// took (``notesRules``), is that section's heading, whatever stands before it (a table,
    /// a list): the notes it holds say what it is. So is one right over such a heading (`脚注`
    /// over `注釈` and `出典`, Wikipedia's notes split into subsections). Not when another page's
    /// preview follows the notes. Shared with the reference implementation.
    /// The trailing section words that name no section of links (`脚注`, `出典`, `情報源`; all
    /// kanji, so no half-width form), as bytes.
    private static let notesWordBytes: [[UInt8]] = trailingSectionWords.filter { !isLinkSectionWord($0) }.map { Array($0.utf8) }

    /// One of the notes words, compared on the bytes (the length first).
    static func isNotesWord(_ text: String) -> Bool {
        guard text.utf8.count <= 16 else { return false }
        // On the trimmed bytes, with `memcmp` (`elementsEqual` stepped through the string's
        // UTF-8 view, a dozen instructions a byte).
        return text.withUTF8Bytes { p in
            let (s, e) = StripSiteChrome.trimmedBounds(p)
            let n = e - s
            return notesWordBytes.contains { w in w.count == n && (n == 0 || memcmp(p.baseAddress! + s, w, n) == 0) }
        }
    }

    static func markNotesSectionWords(_ blocks: inout [Block], rule: String, context: inout StageContext) {
        // Roles read in place (`firstIndex(where:)` and a copy of the next block copied every
        // block they looked at).
        guard let first = blocks.firstIndex(role: .paragraph, or: .heading) else { return }
        // From the end, so that a subsection's heading is known before the line over it.
        for i in blocks.indices.reversed() where i > first && i + 1 < blocks.count {
            // The cheap tests first: a short paragraph right over a chrome line or a heading.
            guard blocks[i].role == .paragraph, blocks[i].text.utf8.count <= 96 else { continue }
            let nextRole = blocks[i + 1].role
            guard nextRole == .chrome
                ? blocks[i + 1].rule.map(notesRules.contains) == true : nextRole == .heading && isNotesWord(blocks[i + 1].text),
                isNotesWord(blocks[i].text)
            else { continue }
            // Notes followed by another page's preview (a line cut off with `...`): the word may
            // be that list's, as detect-boundaries takes a short line over previews.
            if nextRole == .chrome {
                var j = i + 1
                while j < blocks.count, blocks[j].role == .chrome { j += 1 }
                if j < blocks.count, blocks[j].role == .paragraph, DetectArticleBoundaries.endsTruncated(blocks[j].text) { continue }
            }
            blocks[i].role = .heading
            context.recordRelabel(rule: rule, text: blocks[i].text, line: blocks[i].line, role: .heading)
        }
    }

    /// Rule id for the missing-page marks cut on PukiWiki pages.
    static let missingPageRule = "missing-page-mark"

    /// PukiWiki renders a link to a page that does not exist yet as the page name followed by
    /// a `?` link (`$_symbol_noexists`): `池田輝政?が…`, `彦根城?`. On a page that shows
    /// PukiWiki heading anchors (`†`), an ASCII `?` right after a Japanese character (kana,
    /// CJK) is that mark, unless another `?`/`!` follows or ASCII text goes on (a URL query),
    /// or it ends a question: after a sentence-final particle (`ですか?`, `どうするの?`), which
    /// ends no page name. Returns the line without the marks and the marks cut, or nil when
    /// there are none.
    private static let questionParticles: Set<Unicode.Scalar> = ["か", "の", "ね", "よ", "な"]

    static func cutMissingPageMarks(_ text: String) -> (text: String, cut: Int)? {
        cutMissingPageMarksAndTell(text).map { ($0.text, $0.marks.unicodeScalars.count) }
    }

    /// ``cutMissingPageMarks(_:)`` with the marks cut, as they were written (`?`, `？`).
    ///
    /// The mark also written full-width, `？` (a page whose text was converted to full-width
    /// forms, as the `（）［編集］` of some copies): that is also Japanese's own question mark,
    /// so it is cut only after a katakana or a kanji other than an interrogative (`何？`,
    /// `誰？`), not after a question's verb or particle (`どうする？`), and only where a page
    /// name's link goes on: before a particle other than `と` (`大丈夫？と聞いた` quotes a
    /// question), a `、`, a `・` or a space, or at the end of a short line with no `。` (a list
    /// item); not before a closing bracket (`「脅威？」`) or a new sentence.
    static func cutMissingPageMarksAndTell(_ text: String) -> (text: String, marks: String)? {
        // `?` (3F) or `？` (EF BC 9F).
        guard text.utf8.contains(0x3F) || text.containsBytes("？") else { return nil }
        let u = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var marks = String.UnicodeScalarView()
        for (k, c) in u.enumerated() {
            if c == "?", k > 0, u[k - 1].value >= 0x3040, u[k - 1] != "?", u[k - 1] != "？", !Self.questionParticles.contains(u[k - 1]) {
                let next = k + 1 < u.count ? u[k + 1] : nil
                let goesOn = next.map { $0 == "?" || $0 == "!" || $0 == "？" || $0 == "！" || $0 == "=" || $0 == "&" || $0 == "/"
                    || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) } ?? false
                if !goesOn { marks.append(c); continue }
            }
            if c == "？", k > 0, Self.endsAPageName(u[k - 1]) {
                // The sentence goes on with a particle after the page name (`池田輝政？が`), or a list
                // goes on (`、`, `・`, a space), or a short line without a sentence ends (a list item).
                let afterName: Bool
                if k + 1 < u.count {
                    afterName = "がをにはのでもへや、・ \u{3000}".unicodeScalars.contains(u[k + 1])
                } else {
                    afterName = u.count <= 40 && !u.contains("。")
                }
                if afterName { marks.append(c); continue }
            }
            out.append(c)
        }
        return marks.isEmpty ? nil : (String(out), String(marks))
    }

    /// A katakana (or `ー`) or a kanji other than an interrogative (`何`, `誰`): how a page
    /// name ends before a full-width missing-page mark.
    private static func endsAPageName(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if (0x30A1...0x30FA).contains(v) || v == 0x30FC { return true }
        guard (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) else { return false }
        return c != "何" && c != "誰"
    }
}

extension HeadingAnchors {
    static let headingNumberRule = "heading-number"

    /// The number a heading carries when the reader's preference numbers headings
    /// (MediaWiki's `numberheadings`: legacy skins render `<span class="mw-headline-number">1</span> 概要`,
    /// scraped `1 概要[編集]`, `1.1 汽水湖[編集]`): `1 ` or `2.1 ` before the heading's text.
    /// Returns the length in bytes of the number and its space, or nil.
    static func headingNumberLength(_ text: String) -> Int? {
        text.withUTF8Bytes { p -> Int? in
            var i = 0
            var digits = 0
            var lastWasDot = false
            while i < p.count {
                let d = UTF8Scan.decode(p, i)
                let c = UTF8Scan.fold(d.scalar)
                if UTF8Scan.isDigit(c) {
                    digits += 1
                    lastWasDot = false
                } else if c == 0x2E, digits > 0, !lastWasDot {
                    lastWasDot = true
                } else {
                    break
                }
                i += d.length
            }
            guard digits > 0, digits <= 6, !lastWasDot, i < p.count, p[i] == 0x20 else { return nil }
            let after = i + 1
            guard after < p.count, p[after] != 0x20 else { return nil }
            return after
        }
    }

    /// Cuts the numbers off a page's headings when every heading carries one and the first is
    /// `1 `: the numbering preference numbers every heading from 1, in order; a heading of its
    /// own that opens with a number (`2010 FIFAワールドカップ`, `1 月の行事`) stands among
    /// headings that do not, or does not open with `1 `. At least two headings. Shared with the
    /// reference implementation.
    static func cutHeadingNumbers(_ blocks: inout [Block], context: inout StageContext) {
        var cuts: [(Int, Int)] = []
        // By index: `enumerated()` copied every block of the page (its strings retained, then
        // released) to look at the headings' roles.
        for k in blocks.indices where blocks[k].role == .heading {
            guard let n = headingNumberLength(blocks[k].text) else { return }
            cuts.append((k, n))
        }
        guard cuts.count >= 2, let first = cuts.first,
            String(decoding: blocks[first.0].text.utf8.prefix(first.1), as: UTF8.self).unicodeScalars.map({ UTF8Scan.fold($0.value) }) == [0x31, 0x20]
        else { return }
        for (k, n) in cuts {
            let bytes = Array(blocks[k].text.utf8)
            let number = String(decoding: bytes[..<n], as: UTF8.self)
            context.recordRemoval(rule: headingNumberRule, text: number, line: blocks[k].line)
            blocks[k].text = String(decoding: bytes[n...], as: UTF8.self)
        }
    }
}
