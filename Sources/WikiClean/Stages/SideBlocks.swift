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
    static func markSideBlocks(_ blocks: inout [Block], announcing: Set<String>, context: inout StageContext) {
        // A list of pages may run into the previews of pages (cut off by a truncation mark).
        markLinesUnder(
            &blocks, announcing: announcing, maximum: maximumSideBlockEntries, keepsSignal: true, context: &context,
            endsRun: DetectArticleBoundaries.endsTruncated
        ) { isSideBlockEntry($0) }
    }

    /// The paragraph lines under a chrome line of one of the `announcing` rules, as far as
    /// `isEntry` holds for each and at most `maximum` of them, become chrome of that rule when
    /// the run reaches the next chrome line, a line for which `endsRun` holds, or the end of
    /// the page (with the header's signal when `keepsSignal`).
    static func markLinesUnder(
        _ blocks: inout [Block], announcing: Set<String>, maximum: Int, keepsSignal: Bool, context: inout StageContext,
        endsRun: (String) -> Bool = { _ in false }, isEntry: (String) -> Bool
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
    static func markFileCaptions(_ blocks: inout [Block], announcing rules: Set<String>, context: inout StageContext) {
        guard !rules.isEmpty else { return }
        for i in blocks.indices.dropLast() {
            guard blocks[i].role == .chrome, let rule = blocks[i].rule, rules.contains(rule), blocks[i + 1].role == .paragraph else { continue }
            let text = blocks[i + 1].text
            let word = text.trimmingSpaces
            guard text.utf8.count <= 4 * 80, text.unicodeScalars.count <= 80, !text.containsKuten, !DetectArticleBoundaries.endsTruncated(text),
                JapaneseText.parseLead(text) == nil, !SplitHeadings.defaultBareHeadingWords.contains(word),
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
    static func markLanguageLists(_ blocks: inout [Block], announcing: Set<String>, context: inout StageContext) {
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
    static func markNavboxes(_ blocks: inout [Block], announcing: Set<String>, context: inout StageContext) {
        markLinesUnder(&blocks, announcing: announcing, maximum: maximumNavboxRows, keepsSignal: false, context: &context) {
            isNavboxRow($0)
        }
    }

    /// A navbox row: at most 400 characters, no `。`, not cut off, not a lead.
    static func isNavboxRow(_ text: String) -> Bool {
        text.utf8.count <= 4 * 400 && text.unicodeScalars.count <= 400 && !text.containsKuten
            && !DetectArticleBoundaries.endsTruncated(text) && JapaneseText.parseLead(text) == nil
    }
}
