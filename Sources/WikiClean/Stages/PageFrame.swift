/// Page furniture known by where it stands rather than by its words: the browser title bar
/// kept as the first line, the `{{SITENAME}}について` link among the footer links, and the
/// bodies of board posts and page comments under their header lines. Shared with the
/// reference implementation.
extension StripSiteChrome {
    /// Rule id of a title bar `ページ名 - サイト名` over the page it names.
    static let titleBarRule = "generic.html-title"
    /// Rule id of `{{SITENAME}}について` among the footer links (as the rules file's own).
    static let aboutSiteRule = "mediawiki.about-site"
    /// At most this many lines in one post or comment body.
    static let maximumPostLines = 12
    /// How far past a title bar its page's title or lead may stand (chrome lines between).
    static let titleBarReach = 8

    /// The footer-link menus (menus that signal a page end): their ids, and their words
    /// (folded) with the id of the menu each is in.
    static func footerMenus(_ rules: ChromeRules) -> FooterMenus {
        var words: [String: String] = [:]
        var ids = Set<String>()
        for menu in rules.menus where menu.signal == .pageEnd {
            ids.insert(menu.id)
            // Folded once.
            for w in menu.words {
                let key = ChromeRules.foldKey(w)
                if words[key] == nil { words[key] = menu.id }
            }
        }
        return FooterMenus(ids: ids, words: words)
    }

    struct FooterMenus: Sendable {
        var ids: Set<String>
        var words: [String: String]
    }

    /// The three passes, in order.
    static func markPageFrame(_ blocks: inout [Block], posts: some RuleIDLookup, footerMenus: FooterMenus, context: inout StageContext) {
        markTitleBars(&blocks, context: &context)
        markPortalBoxes(&blocks, context: &context)
        markAboutSiteLinks(&blocks, footerMenus: footerMenus, context: &context)
        markPostBodies(&blocks, announcing: posts, context: &context)
    }

    // MARK: - Title bar

    /// A line `X - Y` (also `X | Y`, `X – Y`, `X — Y`, `X｜Y`, or with the page name last) whose
    /// `X` is the page's title: the next line that is not chrome is `X` itself (the h1) or a
    /// lead that names `X` (`X(よみ)とは、…`). Browsers show the HTML title as `ページ名 - サイト名`
    /// and text scrapes keep it as the first line; rules know it only for site names ending
    /// in Wiki or ウィキ, this finds it for any site name by the page it heads. It stands at the
    /// top of a page: first, or right after chrome (the previous page's footer).
    static func markTitleBars(_ blocks: inout [Block], context: inout StageContext) {
        for i in blocks.indices where blocks[i].role == .paragraph && (i == 0 || blocks[i - 1].role == .chrome) {
            let text = blocks[i].text
            guard text.utf8.count <= 4 * 160, let (first, last) = titleBarEnds(text) else { continue }
            var j = i + 1
            while j < blocks.count, j - i <= titleBarReach, blocks[j].role == .chrome { j += 1 }
            guard j < blocks.count, j - i <= titleBarReach, blocks[j].role == .paragraph else { continue }
            let next = blocks[j].text
            let ends = [ChromeRules.foldKey(first), ChromeRules.foldKey(last)]
            var names: [String] = []
            if next.utf8.count <= 4 * 80 { names.append(ChromeRules.foldKey(next)) }
            if let lead = JapaneseText.parseLead(next) { names.append(ChromeRules.foldKey(lead.title)) }
            guard names.contains(where: { ends.contains($0) }) else { continue }
            context.recordRemoval(rule: titleBarRule, text: text, line: blocks[i].line)
            blocks[i] = Block(role: .chrome, text: text, line: blocks[i].line, rule: titleBarRule, signal: .pageStart)
        }
    }

    // MARK: - Portal boxes

    /// Rule id of a portal box line.
    static let portalRule = "wikipedia.portal"

    /// A line `ポータル 鉄道` (also `ポータル 鉄道 ポータル 交通`): Wikipedia's portal box
    /// (Template:Portal), its icon gone, `ポータル`, a space and the portal's name, scraped on a
    /// line of its own near the page's end. The space tells it from a word (`ポータルサイト`).
    static func markPortalBoxes(_ blocks: inout [Block], context: inout StageContext) {
        for i in blocks.indices where blocks[i].role == .paragraph {
            let n = blocks[i].text.utf8.count
            guard n >= 14, n <= 160, let first = blocks[i].text.utf8.first, first == 0xE3 || first == 0xEF, isPortalBox(blocks[i].text) else { continue }
            context.recordRemoval(rule: portalRule, text: blocks[i].text, line: blocks[i].line)
            blocks[i] = Block(role: .chrome, text: blocks[i].text, line: blocks[i].line, rule: portalRule)
        }
    }

    private static let portalBytes = Array("ポータル".utf8)
    private static let portalKey = ChromeRules.foldKey("ポータル")

    /// `ポータル X` once or more, each name at most 20 characters with no sentence punctuation;
    /// `ﾎﾟｰﾀﾙ` and `ポ―タル` are compared in the chrome rules' folded form.
    static func isPortalBox(_ text: String) -> Bool {
        // `ポ` or `ﾎ` first (bytes), before the whole line is scanned for other forms.
        let exact = text.utf8.starts(with: portalBytes)
        let folded = !exact && (text.utf8.starts(with: [0xE3, 0x83, 0x9D]) || text.utf8.starts(with: [0xEF, 0xBE, 0x8E])) && HeadingAnchors.hasWidthForms(text)
        guard exact || folded else { return false }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" })
        guard words.count >= 2, words.count % 2 == 0 else { return false }
        for (k, w) in words.enumerated() {
            if k % 2 == 0 {
                guard folded ? ChromeRules.foldKey(String(w)) == portalKey : w == "ポータル" else { return false }
            } else {
                guard w.unicodeScalars.count <= 20, !w.contains(where: { "。、「」()（）".contains($0) }) else { return false }
            }
        }
        return true
    }

    /// Whether `bar` is a title bar naming `title` (`X - サイト名` or `サイト名 | X`).
    static func titleBarNames(_ bar: String, _ title: String) -> Bool {
        guard bar.utf8.count <= 4 * 160, let (first, last) = titleBarEnds(bar) else { return false }
        let key = ChromeRules.foldKey(title)
        return ChromeRules.foldKey(first) == key || ChromeRules.foldKey(last) == key
    }

    /// The text before the first separator and after the last, both non-empty, or nil when the
    /// line has no separator.
    static func titleBarEnds(_ text: String) -> (String, String)? {
        // On the UTF-8 bytes: ` - `, ` | `, ` – ` (E2 80 93), ` — ` (E2 80 94), `｜` (EF BD 9C).
        let cuts = text.withUTF8Bytes { p -> (Int, Int)? in
            let n = p.count
            guard let base = p.baseAddress else { return nil }
            /// The first `byte` at or after `from`, or `n`.
            func next(_ byte: UInt8, _ from: Int) -> Int {
                guard from < n, let hit = memchr(base + from, Int32(byte), n - from) else { return n }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var first = -1
            var last = -1
            var k = 0
            // A separator opens with a space or EF: the bytes between are stepped over with
            // `memchr` (the line's next space and next EF, each looked for again once passed),
            // not one at a time (a title bar is looked for in the first line after chrome).
            var space = -1
            var ef = -1
            while k < n {
                if space < k { space = next(0x20, k) }
                if ef < k { ef = next(0xEF, k) }
                k = min(space, ef)
                guard k < n else { break }
                var e = -1
                if p[k] == 0x20, k + 2 < n {
                    var m = k + 1
                    if p[m] == 0x2D || p[m] == 0x7C {
                        m += 1
                    } else if p[m] == 0xE2, m + 2 < n, p[m + 1] == 0x80, p[m + 2] == 0x93 || p[m + 2] == 0x94 {
                        m += 3
                    } else {
                        k += 1; continue
                    }
                    if m < n, p[m] == 0x20 { e = m + 1 }
                } else if p[k] == 0xEF, k + 2 < n, p[k + 1] == 0xBD, p[k + 2] == 0x9C {
                    e = k + 3
                }
                if e >= 0 {
                    if first < 0 { first = k }
                    last = e
                    k = e
                } else {
                    k += 1
                }
            }
            return first < 0 ? nil : (first, last)
        }
        guard let (fs, le) = cuts else { return nil }
        let first = text.scalarAlignedSlice(0, fs).trimmingSpaces
        let last = text.scalarAlignedSlice(le, text.utf8.count).trimmingSpaces
        guard !first.isEmpty, !last.isEmpty else { return nil }
        return (first, last)
    }

    // MARK: - About-site link

    /// `Xについて` alone on a line between two footer links (chrome already, or lines that are
    /// footer-link words), or between one and other chrome: MediaWiki's `aboutsite` link
    /// (`{{SITENAME}}について`) between `プライバシー・ポリシー` and `免責事項`, for a site name the
    /// rules cannot know. The footer-link words next to it go too (the link had split their
    /// run). At the page end, with nothing after it, the line may be a heading
    /// (`登場人物について`) and stays.
    static func markAboutSiteLinks(_ blocks: inout [Block], footerMenus: FooterMenus, context: inout StageContext) {
        guard !footerMenus.ids.isEmpty else { return }
        /// The footer menu a neighbour belongs to (nil: none).
        func footerLink(_ k: Int) -> String? {
            guard k >= 0, k < blocks.count else { return nil }
            if blocks[k].role == .chrome { return blocks[k].rule.flatMap { footerMenus.ids.contains($0) ? $0 : nil } }
            guard blocks[k].role == .paragraph, blocks[k].text.utf8.count <= 4 * 40 else { return nil }
            return footerMenus.words[ChromeRules.foldKey(blocks[k].text)]
        }
        func isChrome(_ k: Int) -> Bool { k >= 0 && k < blocks.count && blocks[k].role == .chrome }
        for i in blocks.indices where blocks[i].role == .paragraph {
            let text = blocks[i].text
            guard text.utf8.count <= 4 * 44, text.hasSuffixBytes("について"), text.unicodeScalars.count > 4, text.unicodeScalars.count <= 44,
                !text.containsKuten, !text.containsBytes("、")
            else { continue }
            let before = footerLink(i - 1)
            let after = footerLink(i + 1)
            guard (before != nil && (after != nil || isChrome(i + 1))) || (after != nil && isChrome(i - 1)) else { continue }
            context.recordRemoval(rule: aboutSiteRule, text: text, line: blocks[i].line)
            blocks[i] = Block(role: .chrome, text: text, line: blocks[i].line, rule: aboutSiteRule, signal: .pageEnd)
            for (k, menu) in [(i - 1, before), (i + 1, after)] where blocks[k].role == .paragraph {
                guard let menu else { continue }
                context.recordRemoval(rule: menu, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: menu, signal: .pageEnd)
            }
        }
    }

    // MARK: - Post bodies

    /// The lines under a chrome line whose rule says `next-lines: drop-all` (a board post's
    /// header, a comment block's heading): the post or comment, whatever it reads like, up to
    /// the next chrome line (the next post's header, a side block) or the end of the page. At
    /// most ``maximumPostLines`` lines, and the run must reach chrome or the page end; otherwise
    /// nothing goes (an article may follow with no chrome between). A cut-off lead
    /// (`X(よみ)は、…`) ends the run too: it is the preview of another page that a dump
    /// concatenated after this one, as the seed's previews follow its page, not a comment.
    static func markPostBodies(_ blocks: inout [Block], announcing: some RuleIDLookup, context: inout StageContext) {
        markLinesUnder(
            &blocks, announcing: announcing, maximum: maximumPostLines, keepsSignal: false, context: &context,
            endsRun: isPreviewLead
        ) { _ in true }
    }

    /// The lines under a chrome line whose rule says `next-lines: drop-page` (the title of a
    /// diff or source view: `X のバックアップ差分(No.3)`, `「X」の版間の差分`): raw wiki source and
    /// diff lines, whatever they read like, to the end of the page: the page is chrome as a
    /// whole. A footer line (chrome with `signal: page-end`) ends the run, and so does a lead
    /// cut off with `...` (another page's preview, which a dump concatenates after the page).
    /// Chrome lines inside the run stay as they are. The view's title line over the matched
    /// line, when another rule did not match it, goes too.
    static func markPageViews(_ blocks: inout [Block], announcing: some RuleIDLookup, context: inout StageContext) {
        guard !announcing.isEmpty else { return }
        var i = 0
        while i < blocks.count {
            // Most blocks are paragraphs: no rule id to look up.
            guard blocks[i].role == .chrome, let rule = blocks[i].rule, announcing.contains(rule) else { i += 1; continue }
            // The view's own title over it (`X の変更点` over the colour legend, chrome between),
            // heading the page: a short line with no sentence end, chrome or nothing above it.
            var h = i - 1
            while h >= 0, blocks[h].role == .chrome { h -= 1 }
            if h >= 0, h == 0 || blocks[h - 1].role == .chrome, blocks[h].role == .paragraph, isViewTitle(blocks[h].text) {
                context.recordRemoval(rule: rule, text: blocks[h].text, line: blocks[h].line)
                blocks[h] = Block(role: .chrome, text: blocks[h].text, line: blocks[h].line, rule: rule, signal: nil)
            }
            var j = i + 1
            while j < blocks.count {
                if blocks[j].role == .chrome {
                    if blocks[j].signal == .pageEnd { break }
                    j += 1
                    continue
                }
                guard blocks[j].role == .paragraph, !isPreviewLead(blocks[j].text) else { break }
                context.recordRemoval(rule: rule, text: blocks[j].text, line: blocks[j].line)
                blocks[j] = Block(role: .chrome, text: blocks[j].text, line: blocks[j].line, rule: rule, signal: nil)
                j += 1
            }
            i = j
        }
    }

    /// Whether a `。` follows a page-view rule's match that starts the line: the rule matched
    /// the start of a sentence quoting a view's title (`差分画面の題は「X のバックアップ差分(No.2)」
    /// のようになる。`), not the title (`X のバックアップ差分(No.3)`, or its HTML title with the
    /// site's name after it). A title is no sentence: the line stays text and the page stays.
    /// Read only when such a rule matched.
    static func sentenceFollows(_ p: UnsafeBufferPointer<UInt8>, _ end: Int, _ lineEnd: Int) -> Bool {
        guard end < lineEnd else { return false }
        let kuten: StaticString = "。"
        return UTF8Scan.find(UnsafeBufferPointer(start: kuten.utf8Start, count: kuten.utf8CodeUnitCount), in: UnsafeBufferPointer(rebasing: p[end..<lineEnd])) != nil
    }

    /// A title line: at most 80 characters, no `。`, not a lead.
    static func isViewTitle(_ text: String) -> Bool {
        text.utf8.count <= 4 * 80 && text.unicodeScalars.count <= 80 && !text.containsKuten && !JapaneseText.opensWithLead(text)
    }

    /// A lead cut off with `...` or `…`: another page's preview.
    static func isPreviewLead(_ text: String) -> Bool {
        DetectArticleBoundaries.endsTruncated(text) && JapaneseText.opensWithLead(text)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
