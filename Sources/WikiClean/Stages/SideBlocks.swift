extension StripSiteChrome {
    /// At most this many entries under a side-block heading.
    static let maximumSideBlockEntries = 40

    /// The entries under a chrome line whose rule says `next-lines: drop`: a side block or
    /// footer block (`人気のページ`, `最新の20件`, `カテゴリ:`, `親記事`) that a scrape put one
    /// link a line. The lines after it are chrome when every one reads like a link (short,
    /// no sentence or clause punctuation, no truncation mark) and the run reaches the
    /// next chrome line, another page's cut-off preview or the end of the page; otherwise nothing goes (the block may have
    /// been followed by body text). Shared with the reference implementation.
    /// `announcing`: the ids of the rules that say `next-lines: drop` (``ruleIDs(_:nextLines:)``).
    /// `blockHeaders`: the ids of the rules that open a block of their own (any `next-lines`,
    /// so `announcing` among them); a side block goes on past a chrome line inside it (a date)
    /// but never past one of these. Made once by the stage: a set built per page (a union of
    /// the two) cost 40 M instructions of hashing on the 4 MB benchmark slice.
    static func markSideBlocks(_ blocks: inout [Block], announcing: some RuleIDLookup, blockHeaders: some RuleIDLookup, context: inout StageContext) {
        markMenuBarLinks(&blocks, announcing: announcing, context: &context)
        // A list of pages may run into the previews of pages (cut off by a truncation mark).
        markLinesUnder(
            &blocks, announcing: announcing, maximum: maximumSideBlockEntries, keepsSignal: true, continuesOverChrome: true,
            blockHeaders: blockHeaders, context: &context,
            endsRun: DetectArticleBoundaries.endsTruncated
        ) { isSideBlockEntry($0) }
    }

    /// The menu bar's own links before its first side block. A wiki skin with a menu bar
    /// (PukiWiki's `MenuBar` page, WIKIWIKI.jp's side menu) prints the page header (the
    /// header's chrome, then the page's title), then the menu bar (the wiki's own links, then
    /// its plugins' blocks: `最新の20件`, `人気の10件`), then the body. When the lines between a
    /// header that opens the page (chrome with the page-start signal, or the page's start) and
    /// a side block's heading all read as links, the first is the page's title (it stays) and
    /// the others are the menu's links (`トップページ`, `はじめに`, `路線一覧`): chrome of the
    /// block's rule. Nothing goes when a line between is not a link or the header is not there.
    static func markMenuBarLinks(_ blocks: inout [Block], announcing: some RuleIDLookup, context: inout StageContext) {
        guard !announcing.isEmpty else { return }
        // Only the page's first side block: the menu bar stands before the body.
        // (Indices, not `firstIndex(where:)`, which copies every block it passes over.)
        var first = 0
        while first < blocks.count && !(blocks[first].role == .chrome && announcing.contains(blocks[first].rule ?? "")) { first += 1 }
        guard first < blocks.count, let rule = blocks[first].rule else { return }
        let i = first
        var k = i - 1
        while k >= 0, i - k <= maximumSideBlockEntries, blocks[k].role == .paragraph, isSideBlockEntry(blocks[k].text) { k -= 1 }
        guard k < 0 || (blocks[k].role == .chrome && blocks[k].signal == .pageStart) else { return }
        let title = k + 1
        guard title + 1 < i else { return }
        for m in (title + 1)..<i {
            context.recordRemoval(rule: rule, text: blocks[m].text, line: blocks[m].line)
            blocks[m] = Block(role: .chrome, text: blocks[m].text, line: blocks[m].line, rule: rule)
        }
    }

    /// The paragraph lines under a chrome line of one of the `announcing` rules, as far as
    /// `isEntry` holds for each and at most `maximum` of them, become chrome of that rule when
    /// the run reaches the next chrome line, a line for which `endsRun` holds, or the end of
    /// the page (with the header's signal when `keepsSignal`); with `continuesOverChrome`, past a
    /// chrome line inside the block that neither opens nor closes a page nor heads a block of
    /// its own (`blockHeaders`).
    static func markLinesUnder(
        _ blocks: inout [Block], announcing: some RuleIDLookup, maximum: Int, keepsSignal: Bool, continuesOverChrome: Bool = false,
        blockHeaders: some RuleIDLookup = Set<String>(), context: inout StageContext, endsRun: (String) -> Bool = { _ in false }, isEntry: (String) -> Bool
    ) {
        guard !announcing.isEmpty else { return }
        var i = 0
        while i < blocks.count {
            // Most blocks are paragraphs: no rule id to look up.
            guard blocks[i].role == .chrome, let rule = blocks[i].rule, i + 1 < blocks.count, announcing.contains(rule) else { i += 1; continue }
            // Chrome lines right under the header (a menu word such as `全般`) belong to its block,
            // up to a line that opens a page (what comes after it is the next page's, as the HTML
            // title of a page that a dump concatenated after an empty comment block).
            var first = i + 1
            while first < blocks.count, first - i - 1 < maximum, blocks[first].role == .chrome, !announcing.contains(blocks[first].rule ?? ""),
                blocks[first].signal != .pageStart
            {
                first += 1
            }
            guard first < blocks.count, blocks[first].role == .paragraph else { i += 1; continue }
            var j = first
            while j < blocks.count, j - first < maximum, blocks[j].role == .paragraph, !endsRun(blocks[j].text), isEntry(blocks[j].text) { j += 1 }
            guard j > first, j == blocks.count || blocks[j].role == .chrome || endsRun(blocks[j].text) else { i += 1; continue }
            let signal = keepsSignal ? blocks[i].signal : nil
            for k in first..<j {
                context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule, signal: signal)
            }
            // A chrome line inside the block that neither opens nor closes a page (the date
            // over each day's pages in PukiWiki's recent plugin: `最新の20件`, `2025-03-02`, two
            // pages, `2025-02-27`, a page) does not end it: the entries after it are the block's
            // too, on the same terms (every one a link, the run reaching chrome or the end).
            while continuesOverChrome, j < blocks.count, blocks[j].role == .chrome, blocks[j].signal == nil, !blockHeaders.contains(blocks[j].rule ?? "") {
                let next = j + 1
                guard next < blocks.count, blocks[next].role == .paragraph else { break }
                var e = next
                while e < blocks.count, e - next < maximum, blocks[e].role == .paragraph, !endsRun(blocks[e].text), isEntry(blocks[e].text) { e += 1 }
                guard e > next, e == blocks.count || blocks[e].role == .chrome || endsRun(blocks[e].text) else { break }
                for k in next..<e {
                    context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                    blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule, signal: signal)
                }
                j = e
            }
            i = j
        }
    }

    /// The ids of the rules that say `next-lines: kind`.
    /// The rule of the captions under file links (``markFileCaptions(_:announcing:context:)``).
    static let fileCaptionRule = "file-caption"

    /// The line right after a file link (`ファイル:Brockhaus Lexikon.jpg`, a rule with
    /// `next-lines: caption`), when it reads as a caption: at most 80 characters, no `。`, not
    /// cut off, no lead, and not a section's name (an image with no caption stands right over
    /// the next heading). Shared with the reference implementation.
    static func markFileCaptions(_ blocks: inout [Block], announcing rules: some RuleIDLookup, context: inout StageContext) {
        guard !rules.isEmpty else { return }
        for i in blocks.indices.dropLast() {
            guard blocks[i].role == .chrome, let rule = blocks[i].rule, rules.contains(rule), blocks[i + 1].role == .paragraph else { continue }
            let text = blocks[i + 1].text
            let word = text.trimmingSpaces
            guard text.utf8.count <= 4 * 80, text.unicodeScalars.count <= 80, !text.containsKuten, !DetectArticleBoundaries.endsTruncated(text),
                !JapaneseText.opensWithLead(text), !SplitHeadings.defaultBareHeadingWords.contains(word),
                !HeadingAnchors.trailingSectionWords.contains(word), !HeadingAnchors.bodySectionWords.contains(word),
                !HeadingAnchors.listSectionWords.contains(word)
            else { continue }
            context.recordRelabel(rule: fileCaptionRule, text: text, line: blocks[i + 1].line, role: .caption)
            blocks[i + 1].role = .caption
        }
    }

    static func ruleIDs(_ rules: ChromeRules, nextLines kind: ChromeRules.NextLines) -> Set<String> {
        Set(rules.phrases.lazy.filter { $0.nextLines == kind }.map(\.id))
    }

    /// A link in a side block: at most 40 characters, no `。` or `、`, not cut off. A page name
    /// with a qualifier (`リンク (キャラクター)`) is a link here, though it reads like a bare lead.
    static func isSideBlockEntry(_ text: String) -> Bool {
        text.utf8.count <= 4 * 40 && text.unicodeScalars.count <= 40 && !text.containsKuten && !text.containsBytes("、")
            && !DetectArticleBoundaries.endsTruncated(text)
    }

    /// At most this many lines in a language menu (jawiki's longest list about 250 languages).
    static let maximumLanguageLinks = 400

    /// The menu whose lines may stand among the language names (the names it knows).
    static let languageLinksRule = "wikipedia.language-links"

    /// The language names under a language menu's count or heading (a chrome line whose rule
    /// says `next-lines: drop-languages`: `24の言語版`, `他言語版`), one a line as Vector and
    /// Vector 2022 list the interlanguage links, names the language menu knows among them: the
    /// lines become chrome when every one reads like a language's name (``isLanguageName(_:)``)
    /// and the list reaches another chrome line (`リンクを編集`, the tabs `ページ` `ノート`) or the
    /// end of the page; otherwise nothing goes. Shared with the reference implementation.
    static func markLanguageLists(_ blocks: inout [Block], announcing: some RuleIDLookup, context: inout StageContext) {
        guard !announcing.isEmpty else { return }
        var i = 0
        while i < blocks.count {
            guard blocks[i].role == .chrome, let rule = blocks[i].rule, announcing.contains(rule) else { i += 1; continue }
            var names: [Int] = []
            var j = i + 1
            while j < blocks.count, j - i <= maximumLanguageLinks {
                if blocks[j].role == .paragraph {
                    guard isLanguageName(blocks[j].text) else { break }
                    names.append(j)
                } else if blocks[j].role != .chrome || blocks[j].rule != languageLinksRule {
                    break
                }
                j += 1
            }
            guard !names.isEmpty, j == blocks.count || blocks[j].role == .chrome else { i += 1; continue }
            for k in names {
                context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule)
            }
            i = j
        }
    }

    /// A language's name as a language menu lists it (its autonym: `Deutsch`, `Bahasa Melayu`,
    /// `Қазақша`, `中文`): at most 40 characters, no kana (no language's name in its own script
    /// holds one; a Japanese line does), no `。` or `、`, not cut off.
    static func isLanguageName(_ text: String) -> Bool {
        guard text.utf8.count <= 4 * 40, !text.containsKuten, !text.containsBytes("、"), !DetectArticleBoundaries.endsTruncated(text) else { return false }
        var n = 0
        for c in text.unicodeScalars {
            n += 1
            if n > 40 || UTF8Scan.isHiragana(c.value) || UTF8Scan.isKatakana(c.value) { return false }
        }
        return !text.trimmingSpaces.isEmpty
    }

    /// At most this many rows under a navbar.
    static let maximumNavboxRows = 80

    /// The rows of a navbox under its navbar (a chrome line whose rule says
    /// `next-lines: drop-navbox`): the navbox title, group names and runs of linked terms,
    /// one a line or glued, up to the next chrome line (`典拠管理データベース`, a stub notice,
    /// the category bar) or the end of the page. A row can be long (a group of many links)
    /// but holds no `。` and is not a lead; if one line is not a row, nothing goes (the
    /// navbar belonged to a sidebar above the text). Shared with the reference implementation.
    static func markNavboxes(_ blocks: inout [Block], announcing: some RuleIDLookup, context: inout StageContext) {
        markLinesUnder(&blocks, announcing: announcing, maximum: maximumNavboxRows, keepsSignal: false, context: &context) {
            isNavboxRow($0)
        }
    }

    /// A navbox row: at most 400 characters, no `。`, not cut off, not a lead.
    static func isNavboxRow(_ text: String) -> Bool {
        text.utf8.count <= 4 * 400 && text.unicodeScalars.count <= 400 && !text.containsKuten
            && !DetectArticleBoundaries.endsTruncated(text) && !JapaneseText.opensWithLead(text)
    }
}
