#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The line shapes of strip-chrome that span several lines: lines a chrome line announces,
/// subtitles, contents lists (glued, one entry a line, or bare heading names), menu runs and
/// their tails, infobox runs. Moved from StripSiteChrome.swift as they were.
extension StripSiteChrome {
    // MARK: - Multi-line shapes

    /// The line after a chrome line whose rule says so (`next-line: drop`: the @wiki
    /// `左メニュー` heading announces the menu block, whatever the wiki put in it), when that
    /// line reads like a menu rather than like body text.
    ///
    /// Also the lines a chrome line points at by shape: the page id under DokuWiki's
    /// breadcrumbs (`next-line: drop-page-id`) and the page path over GROWI's title line
    /// (`path-over-title: drop`); see ``markPageID(_:after:context:)`` and
    /// ``markPathOverTitle(_:below:context:)``.
    func markAnnouncedLines(_ blocks: inout [Block], context: inout StageContext) {
        let announcing = announcingRules
        guard !announcing.isEmpty else { return }
        var lastPageID = -1
        for i in blocks.indices {
            guard blocks[i].role == .chrome, let rule = blocks[i].rule, announcing.contains(rule) else { continue }
            if pathOverTitleRules.contains(rule) { Self.markPathOverTitle(&blocks, below: i, context: &context) }
            // A page id is one line: the line after it is the page's, whatever it reads like.
            if pageIDRules.contains(rule), i != lastPageID, Self.markPageID(&blocks, after: i, context: &context) { lastPageID = i + 1 }
            guard i + 1 < blocks.count, nextLineRules.contains(rule) else { continue }
            let next = i + 1
            // A menu is a run of links: no sentence end (or cut off by a truncation), no lead.
            let text = blocks[next].text
            guard blocks[next].role == .paragraph, !text.containsKuten || DetectArticleBoundaries.endsTruncated(text),
                JapaneseText.parseLead(text) == nil
            else { continue }
            context.recordRemoval(rule: rule, text: blocks[next].text, line: blocks[next].line)
            blocks[next] = Block(role: .chrome, text: blocks[next].text, line: blocks[next].line, rule: rule, signal: blocks[i].signal)
        }
    }

    /// The line after the chrome line at `i` when it reads like a page id (``isPageID(_:)``):
    /// DokuWiki's default template prints the page's id (`kyushu:sakurajima`, `start`) over the
    /// page, right under the header's breadcrumbs (`トレース: • …`, `現在位置: …`). Whether it
    /// marked one. Shared with the reference implementation.
    @discardableResult
    static func markPageID(_ blocks: inout [Block], after i: Int, context: inout StageContext) -> Bool {
        let next = i + 1
        guard next < blocks.count, blocks[next].role == .paragraph, let rule = blocks[i].rule, isPageID(blocks[next].text) else { return false }
        context.recordRemoval(rule: rule, text: blocks[next].text, line: blocks[next].line)
        blocks[next] = Block(role: .chrome, text: blocks[next].text, line: blocks[next].line, rule: rule, signal: blocks[i].signal)
        return true
    }

    /// A DokuWiki page id as its template prints it: one word (its `cleanID` turns spaces into
    /// `_` and capitals into small letters), either with a namespace (`wiki:syntax`,
    /// `九州:桜島`: a `:` and a letter) or of small ASCII letters, digits, `_`, `-` and `.` only
    /// (`start`, `page_name`). On the bytes.
    static func isPageID(_ text: String) -> Bool {
        let n = text.utf8.count
        guard n > 0, n <= 200 else { return false }
        return text.withUTF8Bytes { p in
            var colon = false, letter = false, plain = true
            var i = 0
            while i < n {
                let b = p[i]
                if b >= 0x80 {
                    // No ideographic space or sentence mark (U+3000–3002: E3 80 80–82).
                    if b == 0xE3, i + 2 < n, p[i + 1] == 0x80, p[i + 2] <= 0x82 { return false }
                    plain = false
                    letter = true
                } else if b == 0x3A {
                    colon = true
                } else if (b >= 0x61 && b <= 0x7A) {
                    letter = true
                } else if !((b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D || b == 0x2E) {
                    return false  // a space, a capital, other punctuation: no id
                }
                i += 1
            }
            return letter && (colon || plain) && p[0] != 0x3A && p[n - 1] != 0x3A
        }
    }

    /// The page path a site prints over its title line (GROWI: `/火山/` over `霧島山`): above
    /// the chrome line at `i` (the author info under the title), past chrome lines, the first
    /// line of text is the title line (short, no sentence end); the line over it is chrome when
    /// it reads like a path (``isPagePath(_:)``). Shared with the reference implementation.
    static func markPathOverTitle(_ blocks: inout [Block], below i: Int, context: inout StageContext) {
        var t = i - 1
        while t >= 0 && blocks[t].role == .chrome { t -= 1 }
        guard t >= 1, blocks[t].role == .paragraph, blocks[t].text.utf8.count <= 200, !blocks[t].text.containsKuten else { return }
        let path = t - 1
        guard blocks[path].role == .paragraph, let rule = blocks[i].rule, isPagePath(blocks[path].text) else { return }
        context.recordRemoval(rule: rule, text: blocks[path].text, line: blocks[path].line)
        blocks[path] = Block(role: .chrome, text: blocks[path].text, line: blocks[path].line, rule: rule, signal: blocks[i].signal)
    }

    /// A page path: `/`, then one or more names each ended by `/` or the line's end
    /// (`/火山/`, `/趣味/写真`), with no space, no empty name (`//`: a URL) and no sentence end.
    /// On the bytes.
    static func isPagePath(_ text: String) -> Bool {
        let n = text.utf8.count
        guard n >= 2, n <= 300 else { return false }
        return text.withUTF8Bytes { p in
            guard p[0] == 0x2F else { return false }
            var i = 1
            var nameLength = 0
            while i < n {
                let b = p[i]
                if b == 0x2F {
                    if nameLength == 0 { return false }
                    nameLength = 0
                } else if b <= 0x20 || b == 0x7F {
                    return false
                } else {
                    // No ideographic space or sentence mark (U+3000–3002: E3 80 80–82).
                    if b == 0xE3, i + 2 < n, p[i + 1] == 0x80, p[i + 2] <= 0x82 { return false }
                    nameLength += 1
                }
                i += 1
            }
            return true
        }
    }

    /// The line before a chrome line whose rule says so (`previous-line: drop`: Wikiwand puts
    /// the article's one-line short description between the title and `ウィキペディアから`),
    /// when that line reads like a label rather than like body text: short, no sentence end,
    /// no lead. Only one line: the page title above it stays for detect-boundaries.
    static func markSubtitleLines(_ blocks: inout [Block], rules subtitle: some RuleIDLookup, context: inout StageContext) {
        guard !subtitle.isEmpty else { return }
        for i in blocks.indices.dropFirst() {
            guard blocks[i].role == .chrome, let rule = blocks[i].rule, subtitle.contains(rule) else { continue }
            let prev = i - 1
            let text = blocks[prev].text
            guard blocks[prev].role == .paragraph, text.utf8.count <= 4 * 80, text.unicodeScalars.count <= 80, !text.containsKuten,
                !DetectArticleBoundaries.endsTruncated(text), JapaneseText.parseLead(text) == nil,
                // コトバンク's page header `灯台(読み)とうだい` is the title, not an entry's label.
                !text.contains("読み)"), !text.contains("読み）")
            else { continue }
            context.recordRemoval(rule: rule, text: text, line: blocks[prev].line)
            blocks[prev] = Block(role: .chrome, text: text, line: blocks[prev].line, rule: rule, signal: blocks[i].signal)
        }
    }

    /// The entries a wiki added to its own menu (`橋梁データベース`, `@wikiご利用ガイドここを編集`)
    /// sit between the menu words a rule knows and the page's start (a tagline): up to
    /// `maximumMenuTail` short lines with no sentence end, no lead and no truncation mark, after
    /// a line of a menu run (rule in `menus`) and right before a page-start chrome line, are that
    /// menu too. Shared with the reference implementation.
    /// `目次1 概要2 歴史2.1 近世3 関連項目`: a table of contents scraped onto one line from a
    /// page that renders no edit links (so the `[編集]`-delimited shape does not apply). The
    /// whole line is the contents when it starts with a contents heading directly followed by
    /// a number, holds at least two numbered entries, and has no sentence end, no bracket (edit
    /// markers are the other shape's) and no truncation mark (a cut-off preview keeps its own
    /// handling). Shared with the reference implementation.
    static func markGluedUnmarkedTOC(_ blocks: inout [Block], rules: ChromeRules, context: inout StageContext) {
        guard let rule = rules.tocRule else { return }
        markGluedUnmarkedTOC(&blocks, headings: tocHeadingBytes(rules), rule: rule, context: &context)
    }

    /// The TOC headings' bytes, the empty ones left out.
    static func tocHeadingBytes(_ rules: ChromeRules) -> [[UInt8]] { rules.tocHeadings.map { Array($0.utf8) }.filter { !$0.isEmpty } }

    /// ``markGluedUnmarkedTOC(_:rules:context:)`` with the headings' bytes (``tocHeadingBytes(_:)``)
    /// made once by the stage.
    static func markGluedUnmarkedTOC(_ blocks: inout [Block], headings: [[UInt8]], rule: String, context: inout StageContext) {
        // (Bits in registers, not an array allocated per page.)
        var firstBytes = ByteBits()
        for h in headings { firstBytes.insert(h[0]) }
        for k in blocks.indices where blocks[k].role == .paragraph {
            // (The first byte read in place: a copy of the text was retained and released for
            // every line.)
            guard let first = firstByte(blocks[k].text), firstBytes.contains(first), blocks[k].text.utf8.count <= 1200 else { continue }
            let text = blocks[k].text
            let isTOC = text.withUTF8Bytes { p -> Bool in
                // The longest heading the line starts with.
                var start = -1
                for h in headings where h.count <= p.count && h.count > start {
                    if memcmp(p.baseAddress!, h, h.count) == 0 { start = h.count }
                }
                guard start > 0 else { return false }
                var i = start
                while i < p.count, UTF8Scan.isSpace(UTF8Scan.fold(UTF8Scan.decode(p, i).scalar)) { i += UTF8Scan.decode(p, i).length }
                var entries = 0
                var previousWasDigit = false
                var first = true
                while i < p.count {
                    let d = UTF8Scan.decode(p, i)
                    let c = UTF8Scan.fold(d.scalar)
                    if first && !UTF8Scan.isDigit(c) { return false }
                    first = false
                    if c == 0x3002 || c == 0x5B || c == 0xFF3B || c == 0x2026 { return false }  // 。 [ ［ …
                    let digit = UTF8Scan.isDigit(c)
                    if digit && !previousWasDigit && (i == start || p[i - 1] != 0x2E) { entries += 1 }
                    previousWasDigit = digit || (previousWasDigit && c == 0x2E)
                    i += d.length
                }
                return entries >= 2 && !text.hasSuffixBytes("...")
            }
            guard isTOC else { continue }
            context.recordRemoval(rule: rule, text: text, line: blocks[k].line)
            blocks[k] = Block(role: .chrome, text: text, line: blocks[k].line, rule: rule)
        }
    }

    static func markMenuTails(_ blocks: inout [Block], menus: some RuleIDLookup, context: inout StageContext) {
        guard !menus.isEmpty else { return }
        var i = 0
        while i < blocks.count {
            guard blocks[i].role == .chrome, let rule = blocks[i].rule, menus.contains(rule) else { i += 1; continue }
            var j = i + 1
            while j < blocks.count, j - i - 1 < maximumMenuTail, blocks[j].role == .paragraph, isMenuEntryLike(blocks[j].text) { j += 1 }
            guard j > i + 1, j < blocks.count, blocks[j].role == .chrome, blocks[j].signal == .pageStart else { i += 1; continue }
            for k in (i + 1)..<j {
                context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule, signal: blocks[i].signal)
            }
            i = j
        }
    }

    /// At most this many unknown menu entries between a menu run and a page start.
    static let maximumMenuTail = 4

    /// A menu entry: short, no sentence end, not a lead, not a cut-off preview.
    static func isMenuEntryLike(_ text: String) -> Bool {
        text.utf8.count <= 4 * 40 && text.withUTF8Bytes(UTF8Scan.scalarCount) <= 40 && !text.containsKuten && !text.containsBytes("、")
            && !DetectArticleBoundaries.endsTruncated(text) && JapaneseText.parseLead(text) == nil
    }

    /// A line of one word, a space and the plain edit link `編集` (`全般 編集`).
    static func isWordThenEditLink(_ text: String) -> Bool {
        text.utf8.count <= 64 && text.hasSuffix(" 編集") && !text.hasSuffix("  編集") && !text.hasPrefix(" ")
    }

    /// A line that is one bracketed edit marker and nothing else (`[編集]`, `[ソースを編集]`).
    static func isLoneEditMarker(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        let t = text.trimmingSpaces
        return t.withUTF8Bytes { p in EditMarkers.match(p, at: 0, end: p.count) == p.count }
    }

    /// Runs of lines made only of menu words.
    func markMenuRuns(_ blocks: inout [Block], context: inout StageContext) {
        guard !rules.menus.isEmpty else { return }
        // Made at the first candidate (a page with none, most of them, allocates nothing, and
        // then has no run to mark).
        var candidate: [(menu: Int, words: Int)?] = []
        for i in blocks.indices where blocks[i].role == .paragraph {
            // (Most lines are longer than any menu line, which their count tells with no call:
            // on the 4 MB slice, 7,631 of 7,751.)
            guard blocks[i].text.utf8.count <= Self.longestMenuLine, let found = menuIndex(for: blocks[i].text) else { continue }
            // A word over a lone `[編集]` is a heading (Vector 2022 renders the marker under it):
            // Wiktionary's language heading `日本語` is also the language menu's word.
            if i + 1 < blocks.count, blocks[i + 1].role == .paragraph, Self.isLoneEditMarker(blocks[i + 1].text) { continue }
            if candidate.isEmpty { candidate = [(menu: Int, words: Int)?](repeating: nil, count: blocks.count) }
            candidate[i] = found
        }
        guard !candidate.isEmpty else { return }
        // A heading with its plain edit link, `全般 編集` (Fandom's older skin and the mobile skin
        // render `編集` after every heading): a menu word and `編集` alone on a line, between text
        // lines, is a heading named like a menu item, not a menu.
        for i in blocks.indices where candidate[i]?.words == 2 && Self.isWordThenEditLink(blocks[i].text) {
            let textBefore = i == 0 || (blocks[i - 1].role == .paragraph && candidate[i - 1] == nil)
            let textAfter = i + 1 == blocks.count || (blocks[i + 1].role == .paragraph && candidate[i + 1] == nil)
            if textBefore && textAfter { candidate[i] = nil }
        }
        var i = 0
        while i < blocks.count {
            guard candidate[i] != nil else { i += 1; continue }
            var j = i
            while j < blocks.count && (candidate[j] != nil || blocks[j].role == .chrome) { j += 1 }
            // Chrome lines next to the run count towards it: menus sit among other chrome.
            var runStart = i
            while runStart > 0 && blocks[runStart - 1].role == .chrome { runStart -= 1 }
            let members = (i..<j).filter { candidate[$0] != nil }
            let runLength = j - runStart
            for k in members {
                let (index, words) = candidate[k]!
                let menu = rules.menus[index]
                // A line of several menu words is a run by itself.
                if runLength >= menu.minimumRun || words >= menu.minimumRun {
                    context.recordRemoval(rule: menu.id, text: blocks[k].text, line: blocks[k].line)
                    blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: menu.id, signal: menu.signal)
                }
            }
            i = j
        }
    }

    /// The most bytes a menu line has.
    static var longestMenuLine: Int { 600 }

    /// Which menu a line belongs to: the line is one menu word, or menu words separated by
    /// spaces, `|` or `·`, or glued together (three or more).
    func menuIndex(for text: String) -> (menu: Int, words: Int)? {
        text.withUTF8Bytes { p -> (menu: Int, words: Int)? in
            // Menu lines are short and have no sentence end.
            guard p.count <= Self.longestMenuLine, p.count > 0, menuFirstScalars.contains(UTF8Scan.matchFold(UTF8Scan.decode(p, 0).scalar).first),
                !Self.containsKuten(p)
            else { return nil }
            // The line's matching form (`ChromeRules.foldKey`), as scalars.
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * p.count) { folded -> (menu: Int, words: Int)? in
                let n = Self.fold(p, into: folded)
                let key = UnsafeBufferPointer(rebasing: folded[0..<n])
                guard n > 0, n <= 200 else { return nil }
                // The most permissive menu that has the word (a word that is chrome even alone wins).
                let menus = rules.menus
                func mostPermissive(_ mask: UInt64) -> Int? {
                    var best: Int?
                    var m = mask
                    while m != 0 {
                        let k = m.trailingZeroBitCount
                        m &= m - 1
                        if best == nil || menus[k].minimumRun < menus[best!].minimumRun { best = k }
                    }
                    return best
                }
                if let mask = menuWords?.mask(of: key) {
                    if let k = mostPermissive(mask) { return (k, 1) }
                } else {
                    let keyString = Self.string(key)
                    if let k = menus.indices.filter({ menus[$0].words.contains(keyString) }).min(by: { menus[$0].minimumRun < menus[$1].minimumRun }) {
                        return (k, 1)
                    }
                }
                // Words separated by spaces, `|`, `·`, `•` or `/`.
                if let menuWords, let found = tokenMenu(p, menuWords) {
                    if let found = found { return found }
                } else if let found = tokenMenuFromStrings(text) {
                    return found
                }
                guard n <= 120, !key.contains(0x3001) else { return nil }
                // A scalar in no menu's words: no trie can split the line (each would say 0 at
                // its own alphabet test, after a copy of the trie, its five arrays retained and
                // released: on the 4 MB slice, 120 lines asked 23 tries each, 1.6 M).
                for c in key where !menuAlphabet.contains(c) { return nil }
                // Each trie read in place through the buffer.
                return menuTries.withUnsafeBufferPointer { tries -> (menu: Int, words: Int)? in
                    for k in tries.indices {
                        let count = tries[k].segmentCount(key)
                        if count >= 3 { return (k, count) }
                    }
                    return nil
                }
            }
        }
    }

    /// Whether the bytes hold `。` (as `String.containsKuten`).
    static func containsKuten(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        containsE380(p) { $0 == 0x82 }
    }

    /// Whether the bytes hold `。` or `、` (E3 80 82, E3 80 81): `containsKuten(p) ||
    /// containsBytes("、")` in one pass.
    static func containsKutenOrTouten(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        containsE380(p) { $0 == 0x82 || $0 == 0x81 }
    }

    /// Whether the bytes hold a character E3 80 xx whose last byte passes `last`, found by its
    /// middle byte: 0x80 is much rarer in Japanese text than 0xE3.
    @inline(__always)
    private static func containsE380(_ p: UnsafeBufferPointer<UInt8>, _ last: (UInt8) -> Bool) -> Bool {
        let n = p.count
        guard n >= 3, let base = p.baseAddress else { return false }
        var i = 1
        while i < n - 1 {
            guard let hit = memchr(base + i, 0x80, n - 1 - i) else { return false }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if base[at - 1] == 0xE3 && last(base[at + 1]) { return true }
            i = at + 1
        }
        return false
    }

    /// The first byte of `text`'s UTF-8 (nil when empty), read from its storage (the generic
    /// `utf8.first` cost ~30 instructions a call).
    @inline(__always)
    static func firstByte(_ text: String) -> UInt8? {
        text.withUTF8Bytes { $0.first }
    }

    /// The string of some scalars (all valid).
    static func string(_ scalars: UnsafeBufferPointer<UInt32>) -> String {
        var out = String.UnicodeScalarView()
        for c in scalars { if let u = Unicode.Scalar(c) { out.append(u) } }
        return String(out)
    }

    /// Whether the separators of the line cut it into two or more words of one menu: `.some(nil)`
    /// no, `.some(menu and words)` yes, `nil` when a word cannot be looked up on bytes.
    func tokenMenu(_ p: UnsafeBufferPointer<UInt8>, _ table: CanonicalWordTable) -> (menu: Int, words: Int)?? {
        var all = ~UInt64(0)
        var tokens = 0
        var tokenStart = -1
        var i = 0
        func close(_ end: Int) -> Bool {
            guard tokenStart >= 0 else { return true }
            defer { tokenStart = -1 }
            tokens += 1
            // A word already in no menu with the others: the answer is no, whatever this one is.
            guard all != 0 else { return true }
            guard let mask = table.mask(ofFolding: UnsafeBufferPointer(rebasing: p[tokenStart..<end])) else { return false }
            all &= mask
            return true
        }
        while i < p.count {
            let d = UTF8Scan.decode(p, i)
            let f = UTF8Scan.fold(d.scalar)
            if f == 0x20 || f == 0x7C || f == 0xB7 || f == 0x2022 || f == 0x2F {
                guard close(i) else { return nil }
            } else if tokenStart < 0 {
                tokenStart = i
            }
            i += d.length
        }
        guard close(p.count) else { return nil }
        guard tokens >= 2, all != 0 else { return .some(nil) }
        return .some((all.trailingZeroBitCount, tokens))
    }

    /// ``tokenMenu(_:_:)`` on `String`s.
    func tokenMenuFromStrings(_ text: String) -> (menu: Int, words: Int)? {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            let f = UTF8Scan.fold(u.value)
            if f == 0x20 || f == 0x7C || f == 0xB7 || f == 0x2022 || f == 0x2F {
                if !current.isEmpty { tokens.append(String(current)); current = String.UnicodeScalarView() }
            } else {
                current.append(u)
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        tokens = tokens.map(ChromeRules.foldKey)
        if tokens.count >= 2 {
            for (k, menu) in rules.menus.enumerated() where tokens.allSatisfy(menu.words.contains) { return (k, tokens.count) }
        }
        return nil
    }

    /// `目次` alone on a line, followed by numbered entries one per line.
    func markLineTOC(_ blocks: inout [Block], context: inout StageContext) {
        guard let rule = rules.tocRule else { return }
        let maxHeadingBytes = maximumTOCHeadingBytes
        var i = 0
        while i < blocks.count {
            defer { i += 1 }
            guard blocks[i].role == .paragraph || blocks[i].role == .chrome, blocks[i].text.utf8.count <= maxHeadingBytes,
                Self.contains(tocHeadingKeys, tocHeadingSet, blocks[i].text)
            else { continue }
            var j = i + 1
            var entries = 0
            var seen = Set<String>()
            while j < blocks.count, blocks[j].role == .chrome || (blocks[j].role == .paragraph && Self.isTOCEntry(blocks[j].text)) {
                if blocks[j].role == .paragraph {
                    // An entry the run already holds is the body's first numbered heading.
                    guard !Self.repeatsTOCEntry(blocks[j].text, seen: seen) else { break }
                    seen.insert(blocks[j].text)
                    entries += 1
                }
                j += 1
            }
            if entries == 0, let end = StripSiteChrome.unnumberedTOCEnd(blocks, after: i) {
                j = end
                entries = 1
            }
            // The contents box's title alone, its entries lost, over the first marked heading.
            if entries == 0, StripSiteChrome.isEmptyTOCOverAMarkedHeading(blocks, after: i) {
                j = i + 1
                entries = 1
            }
            guard entries > 0 else { continue }
            for k in i..<j where blocks[k].role == .paragraph {
                context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule)
            }
            i = j - 1
        }
    }

    /// A numbered line that repeats an entry already in the contents list, alone or with its
    /// edit link after it (`1 概要[編集]` under `1 概要`): with the user preference that numbers
    /// headings (legacy skins render `<span class="mw-headline-number">1</span> 概要`), the
    /// body's headings carry the same numbers as the list, so the list ends at the first of them.
    /// Shared with the reference implementation.
    static func repeatsTOCEntry(_ text: String, seen: Set<String>) -> Bool {
        guard !seen.isEmpty else { return false }
        if seen.contains(text) { return true }
        // Cut a trailing `[…]` (the edit link: `[編集]`, `[ソースを編集]`, `[編集 | ソースを編集]`).
        let scalars = text.unicodeScalars
        guard let last = scalars.last, last == "]" || last == "\u{FF3D}",
            let open = scalars.lastIndex(where: { $0 == "[" || $0 == "\u{FF3B}" })
        else { return false }
        return seen.contains(String(scalars[..<open]).trimmingSpaces)
    }

    /// `1 概要`, `2.1 生涯`: a numbered TOC entry.
    static func isTOCEntry(_ text: String) -> Bool {
        text.withUTF8Bytes { p in
            // The number: digits, and dots after the first character (as read by `fold`).
            var i = 0
            var n = 0
            while i < p.count {
                let d = UTF8Scan.decode(p, i)
                let c = UTF8Scan.fold(d.scalar)
                guard UTF8Scan.isDigit(c) || (n > 0 && c == 0x2E) else { break }
                i += d.length
                n += 1
            }
            guard n > 0, i < p.count, UTF8Scan.fold(UTF8Scan.decode(p, i).scalar) == 0x20 else { return false }
            i += UTF8Scan.decode(p, i).length
            // The title: 1 to 60 characters, no `。`.
            var title = 0
            while i < p.count {
                let d = UTF8Scan.decode(p, i)
                if d.scalar == 0x3002 { return false }
                title += 1
                if title > 60 { return false }
                i += d.length
            }
            return title > 0
        }
    }

    /// `テンプレートを表示` alone on a line closes a flattened infobox: it and the table-like
    /// lines above it (short, no sentence end) are chrome.
    func markInfoboxLines(_ blocks: inout [Block], context: inout StageContext) {
        guard let rule = rules.infoboxRule else { return }
        let maxBytes = maximumInfoboxMarkerBytes
        for i in blocks.indices
        where (blocks[i].role == .paragraph || blocks[i].rule == rule) && blocks[i].text.utf8.count <= maxBytes
            && Self.contains(infoboxMarkerKeys, infoboxMarkerSet, blocks[i].text)
        {
            var k = i
            while k >= 0 {
                let b = blocks[k]
                // A line another rule made chrome inside the box (a notice such as the IPA
                // one, a field that reads as a menu word) keeps its rule, and the run goes on
                // above it; not past a page's start or end.
                if k < i, b.role == .chrome, b.signal == nil {
                    k -= 1
                    continue
                }
                if k < i {
                    guard b.role == .paragraph || b.role == .caption, b.text.utf8.count <= 240, !b.text.containsKuten else { break }
                    if Self.isInfoboxImageCaption(b.text), !Self.hasDatedNeighbour(k, blocks) {
                        // The infobox's image caption (`任天堂本社(2013年)` under the box's
                        // header): a caption of the page's, as the seed's gold lists a map's
                        // caption inside an infobox run; the run goes on above it.
                        context.recordRelabel(rule: Self.infoboxCaptionRule, text: b.text, line: b.line, role: .caption)
                        blocks[k].role = .caption
                        k -= 1
                        continue
                    }
                }
                if b.role != .chrome { context.recordRemoval(rule: rule, text: b.text, line: b.line) }
                blocks[k] = Block(role: .chrome, text: b.text, line: b.line, rule: rule)
                k -= 1
            }
        }
    }

    /// Rule id of an infobox's image caption found inside its flattened run.
    static let infoboxCaptionRule = "infobox-caption"

    /// A line of a flattened infobox (one row a line) that is its image's caption, not a row:
    /// a dated photo caption alone (``SplitCaptions/isDatedCaptionLine(_:)``: `任天堂本社(2013年)`)
    /// with no space or tab (a row is `label value`: `開業 1988年(昭和63年)`) and no digit before
    /// its last parenthesis (a glued row opens with its label and then the date:
    /// `竣工1988年(昭和63年)`).
    /// Not a work's title with its year (`『こゝろ』（1914年）`, the box's `代表作` row).
    static func isInfoboxImageCaption(_ text: String) -> Bool {
        guard SplitCaptions.isDatedCaptionLine(text) else { return false }
        let u = Array(text.trimmingSpaces.unicodeScalars)
        guard let first = u.first, first != "『", first != "「", !u.contains(" "), !u.contains("\t"), !u.contains("\u{3000}"),
            let open = u.lastIndex(where: { $0 == "(" || $0 == "（" }), open > 0
        else { return false }
        return !u[..<open].contains(where: { UTF8Scan.isDigit(UTF8Scan.fold($0.value)) })
    }

    /// Whether the line before or after block `k` is dated as a caption is: one of a run of such
    /// lines is an item of a list the box holds (its works, `『坊っちゃん』（1906年）`), no caption.
    static func hasDatedNeighbour(_ k: Int, _ blocks: [Block]) -> Bool {
        (k > 0 && SplitCaptions.isDatedCaptionLine(blocks[k - 1].text))
            || (k + 1 < blocks.count && SplitCaptions.isDatedCaptionLine(blocks[k + 1].text))
    }

    /// Rule id of an article's short description between its title line and its infobox.
    static let shortDescriptionRule = "wikipedia.short-description"

    /// A portable infobox (Fandom) scraped one label or value a line, with no end marker: the
    /// page title line, the infobox title repeating it on the next line, then short lines (no
    /// sentence end, no comma, not a lead) up to the lead, which opens with the title. The
    /// repeated title and the fields are chrome (at least four field lines, as label/value
    /// pairs). The same shape holds an English Wikipedia article's infobox on its translated
    /// copies, where one short line, the short description, may stand between the title line
    /// and the infobox title; it is chrome too. Shared with the reference implementation.
    static func markPortableInfobox(_ blocks: inout [Block], rules: ChromeRules, context: inout StageContext) {
        guard let rule = rules.infoboxRule else { return }
        let maximumFields = 80
        func isField(_ text: String) -> Bool {
            // (Scalars counted on the bytes, not through the string's scalar view; `。` and `、`
            // looked for in one pass.)
            text.withUTF8Bytes { p in p.count <= 4 * 40 && UTF8Scan.scalarCount(p) <= 40 && !containsKutenOrTouten(p) }
                && !DetectArticleBoundaries.endsTruncated(text)
        }
        // Whether a block reads as a field (and no lead), worked out once per block: each
        // candidate title looks at up to `maximumFields` blocks after it, and a run of equal
        // short lines (`[編集]` a line, 100 000 times) makes every line a candidate.
        // (Made when first asked: most pages have no title line twice, and ask nothing.)
        var fieldOf: [UInt8] = []  // 0 unknown, 1 field, 2 not
        func isFieldNoLead(_ k: Int) -> Bool {
            if fieldOf.isEmpty { fieldOf = [UInt8](repeating: 0, count: blocks.count) }
            if fieldOf[k] == 0 { fieldOf[k] = isField(blocks[k].text) && JapaneseText.parseLead(blocks[k].text) == nil ? 1 : 2 }
            return fieldOf[k] == 1
        }
        var i = 0
        while i + 1 < blocks.count {
            // Two identical short title lines in a row (chrome lines between them aside).
            // (A field's count first, with no call: most lines are longer.)
            guard blocks[i].role == .paragraph, blocks[i].text.utf8.count <= 4 * 40, isField(blocks[i].text) else { i += 1; continue }
            let title = blocks[i].text.trimmingSpaces
            var h = i + 1
            while h < blocks.count, blocks[h].role == .chrome { h += 1 }
            guard !title.isEmpty, h < blocks.count, blocks[h].role == .paragraph else { i += 1; continue }
            // One short line between the title line and the infobox title: the article's short
            // description (`{{Short description}}`), which copies of English Wikipedia articles
            // show under the title, left in English or translated (jablog.org, jmedia.wiki:
            // `メディアウィキ`, `Free and open-source wiki software`, `メディアウィキ`, [page]).
            func isTitleAgain(_ k: Int) -> Bool {
                let n = blocks[k].text.utf8.count
                return n >= title.utf8.count && n <= title.utf8.count + 16 && blocks[k].text.trimmingSpaces == title
            }
            var description: Int?
            if !isTitleAgain(h) {
                var t = h + 1
                while t < blocks.count, blocks[t].role == .chrome { t += 1 }
                // A description may hold a comma (`日本、兵庫県姫路市の城`: `Castle in Himeji, Hyōgo
                // Prefecture, Japan` translated), which no infobox field does.
                guard t < blocks.count, blocks[t].role == .paragraph, isTitleAgain(t), DetectArticleBoundaries.isShortDescription(blocks[h].text, maximum: 40) else { i += 1; continue }
                description = h
                h = t
            }
            var j = h + 1
            var fields = 0
            while j < blocks.count, j - h <= maximumFields {
                let role = blocks[j].role
                if role == .chrome { j += 1; continue }
                guard role == .paragraph || role == .caption, isFieldNoLead(j) else { break }
                fields += 1
                j += 1
            }
            guard fields >= 4, j < blocks.count, blocks[j].role == .paragraph,
                let lead = JapaneseText.parseLead(blocks[j].text), lead.title == title, blocks[j].text.hasPrefix(title)
            else { i += 1; continue }
            if let d = description {
                context.recordRemoval(rule: shortDescriptionRule, text: blocks[d].text, line: blocks[d].line)
                blocks[d] = Block(role: .chrome, text: blocks[d].text, line: blocks[d].line, rule: shortDescriptionRule)
            }
            for k in h..<j where blocks[k].role != .chrome {
                context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule)
            }
            i = j
        }
    }
}

// MARK: - Links to missing templates

extension StripSiteChrome {
    static let missingTemplateRule = "mediawiki.missing-template-link"

    private static let templatePrefix: [UInt8] = Array("テンプレート".utf8)

    /// Links to templates a wiki does not have, as MediaWiki renders a transclusion of a missing
    /// template: a red link named with the namespace, `テンプレート:Otheruses` (a small wiki that
    /// copied an article without its hatnote and navbox templates; goldpedia.shoutwiki.com's
    /// `テンプレート:Otheruses テンプレート:LookYourpedia ユアペディア(…)とは、…` and
    /// `テンプレート:ウィキペディア テンプレート:アンサイクロペディア …`). A run of them opening a
    /// line goes: the whole line when nothing else is on it (one link alone only right over
    /// chrome that starts a page: else it is a template page's own title line), or cut off the
    /// text after it when that does not open with hiragana (a help page's
    /// `テンプレート:Infobox を使うと…` stays). A name ends at a space or at the next link and
    /// holds no `、` or `。`. Shared with the reference implementation.
    static func markMissingTemplateLinks(_ blocks: inout [Block], context: inout StageContext) {
        for i in blocks.indices where blocks[i].role == .paragraph {
            guard opensWithTemplatePrefix(blocks[i].text) else { continue }
            guard let (end, links) = missingTemplateRun(blocks[i].text) else { continue }
            let text = blocks[i].text
            if end == text.utf8.count {
                let overPageStart = i + 1 < blocks.count && blocks[i + 1].role == .chrome && blocks[i + 1].signal == .pageStart
                guard links >= 2 || !overPageStart else { continue }
                context.recordRemoval(rule: missingTemplateRule, text: text, line: blocks[i].line)
                blocks[i] = Block(role: .chrome, text: text, line: blocks[i].line, rule: missingTemplateRule)
            } else {
                let rest = text.utf8Copy(end, text.utf8.count)
                guard let first = rest.unicodeScalars.first, !UTF8Scan.isHiragana(first.value) else { continue }
                context.recordRemoval(rule: missingTemplateRule, text: text.utf8Copy(0, end).trimmingSpaces, line: blocks[i].line)
                blocks[i].text = rest
            }
        }
    }

    /// The cheap test: the line opens with `テン` (E3 83 86 E3 83 B3).
    @inline(__always)
    static func opensWithTemplatePrefix(_ text: String) -> Bool {
        // (Read from the string's storage: its generic iterator cost ~100 instructions a line.)
        text.withUTF8Bytes { p in
            p.count >= 6 && p[0] == 0xE3 && p[1] == 0x83 && p[2] == 0x86 && p[3] == 0xE3 && p[4] == 0x83 && p[5] == 0xB3
        }
    }

    /// The byte offset where the run of missing-template links opening `text` ends (spaces after
    /// it included) and how many links it holds; nil when the line does not open with one.
    static func missingTemplateRun(_ text: String) -> (end: Int, links: Int)? {
        text.withUTF8Bytes { p -> (end: Int, links: Int)? in
            let n = p.count
            let k = templatePrefix.count
            func opensLink(_ i: Int) -> Int? {  // the offset after `テンプレート:` at i
                guard i + k < n, memcmp(p.baseAddress! + i, templatePrefix, k) == 0 else { return nil }
                if p[i + k] == 0x3A { return i + k + 1 }
                if i + k + 2 < n, p[i + k] == 0xEF, p[i + k + 1] == 0xBC, p[i + k + 2] == 0x9A { return i + k + 3 }  // ：
                return nil
            }
            func space(_ i: Int) -> Int {  // the length of a space at i (ASCII or U+3000), or 0
                if p[i] == 0x20 { return 1 }
                if i + 2 < n, p[i] == 0xE3, p[i + 1] == 0x80, p[i + 2] == 0x80 { return 3 }
                return 0
            }
            var i = 0
            var links = 0
            while let nameStart = opensLink(i) {
                var j = nameStart
                while j < n, space(j) == 0, opensLink(j) == nil {
                    // `、` `。` end no name: the line is a sentence about a template.
                    if p[j] == 0xE3, j + 2 < n, p[j + 1] == 0x80, p[j + 2] == 0x81 || p[j + 2] == 0x82 { return nil }
                    j += 1
                }
                guard j > nameStart, j - nameStart <= 120 else { return nil }
                links += 1
                while j < n, space(j) > 0 { j += space(j) }
                i = j
                if i >= n { break }
            }
            return links > 0 ? (i, links) : nil
        }
    }
}

// MARK: - Image file names standing for icons

extension StripSiteChrome {
    static let imageFileNameRule = "mediawiki.image-file-name"

    /// Where an image's file name opening a line ends, the spaces after it included: a notice
    /// template's icon that a scrape kept as its file name, which MediaWiki gives an image with
    /// no alt text of its own (`Icon-not-under18.png この項目には、…` and `Wikipedia-logo.png`
    /// alone, アンサイクロペディア and Yourpedia; `Purple question mark.svg この文書は…`,
    /// ウィキバーシティ). The name is ASCII (a capital first, as MediaWiki titles files; letters,
    /// digits, spaces, `_-().,`), at most 80 bytes, and ends in an image extension followed by a
    /// space or the line's end. Nil for any other line (a Japanese name goes as a red link,
    /// `ファイル:X.jpg`, mediawiki.file-link). On the bytes.
    static func imageFileNameEnd(_ text: String) -> Int? {
        text.withUTF8Bytes { p -> Int? in
            let n = p.count
            guard n >= 5, p[0] >= 0x41, p[0] <= 0x5A else { return nil }
            func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            func isNameByte(_ b: UInt8) -> Bool {
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x20 || b == 0x5F || b == 0x2D
                    || b == 0x28 || b == 0x29 || b == 0x2E || b == 0x2C
            }
            func spaceAt(_ i: Int) -> Int {
                if i < n, p[i] == 0x20 { return 1 }
                if i + 2 < n, p[i] == 0xE3, p[i + 1] == 0x80, p[i + 2] == 0x80 { return 3 }
                return 0
            }
            var i = 1
            while i < n, i < 80, isNameByte(p[i]) {
                if p[i] == 0x2E, p[i - 1] != 0x20 {
                    // An extension here, followed by a space or the line's end?
                    for ext in imageExtensions where i + ext.count <= n {
                        var k = 0
                        while k < ext.count, lower(p[i + k]) == ext[k] { k += 1 }
                        guard k == ext.count else { continue }
                        var e = i + ext.count
                        guard e == n || spaceAt(e) > 0 else { continue }
                        while e < n, spaceAt(e) > 0 { e += spaceAt(e) }
                        return e
                    }
                }
                i += 1
            }
            return nil
        }
    }

    /// Image extensions with their dot, in small letters.
    private static let imageExtensions: [[UInt8]] = [".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp"].map { Array($0.utf8) }

    /// ``imageFileNameEnd(_:)`` applied to one paragraph block: the whole line is chrome, or the
    /// name is cut off the text after it. Shared with the reference implementation.
    static func markImageFileName(_ block: inout Block, context: inout StageContext) {
        guard block.role == .paragraph, let end = imageFileNameEnd(block.text) else { return }
        let text = block.text
        if end == text.utf8.count {
            context.recordRemoval(rule: imageFileNameRule, text: text, line: block.line)
            block = Block(role: .chrome, text: text, line: block.line, rule: imageFileNameRule)
        } else {
            context.recordRemoval(rule: imageFileNameRule, text: text.utf8Copy(0, end).trimmingSpaces, line: block.line)
            block.text = text.utf8Copy(end, text.utf8.count)
        }
    }
}

/// A set of bytes, as four words held in registers (no array allocated where it is made).
struct ByteBits {
    private var w0: UInt64 = 0
    private var w1: UInt64 = 0
    private var w2: UInt64 = 0
    private var w3: UInt64 = 0

    @inline(__always)
    mutating func insert(_ b: UInt8) {
        let bit: UInt64 = 1 << UInt64(b & 63)
        switch b >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    @inline(__always)
    func contains(_ b: UInt8) -> Bool {
        let bit: UInt64 = 1 << UInt64(b & 63)
        switch b >> 6 {
        case 0: return w0 & bit != 0
        case 1: return w1 & bit != 0
        case 2: return w2 & bit != 0
        default: return w3 & bit != 0
        }
    }
}
