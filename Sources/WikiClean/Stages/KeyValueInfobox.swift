extension StripSiteChrome {
    /// An infobox scraped as `項目：値` lines right before the lead (`所在地：滋賀県彦根市`,
    /// `築城年：1604年`), as a text scrape renders a two-column infobox table: a run of at
    /// least three such lines, after which (chrome aside) the lead sentence comes,
    /// `タイトル(よみ)は、…`. The rows are infobox chrome. Shared with the reference
    /// implementation.
    static func markKeyValueInfobox(_ blocks: inout [Block], rules: ChromeRules, context: inout StageContext) {
        guard let rule = rules.infoboxRule else { return }
        var i = 0
        while i < blocks.count {
            guard blocks[i].role == .paragraph, isKeyValueRow(blocks[i].text) else { i += 1; continue }
            var j = i
            var rows: [Int] = []
            while j < blocks.count, blocks[j].role == .chrome || (blocks[j].role == .paragraph && isKeyValueRow(blocks[j].text)) {
                if blocks[j].role == .paragraph { rows.append(j) }
                j += 1
            }
            guard rows.count >= 3, j < blocks.count, blocks[j].role == .paragraph, JapaneseText.opensWithLead(blocks[j].text) else {
                i = max(j, i + 1)
                continue
            }
            for k in rows {
                context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule)
            }
            i = j
        }
    }

    /// Whether a chrome block is a page's tagline: a page-start rule whose id names a tagline
    /// (`wikipedia.tagline`, `mediawiki.tagline-cited-wiki`). On the bytes of the id, as it is
    /// asked of every chrome block over a paragraph.
    static func isTagline(_ block: Block) -> Bool {
        guard block.signal == .pageStart, let id = block.rule else { return false }
        return id.withUTF8Bytes { p -> Bool in
            let word: [UInt8] = [0x2E, 0x74, 0x61, 0x67, 0x6C, 0x69, 0x6E, 0x65]  // `.tagline`, a constant: no array made per call
            guard p.count >= word.count else { return false }
            var i = 0
            while i + word.count <= p.count {
                if p[i] == 0x2E, (0..<word.count).allSatisfy({ p[i + $0] == word[$0] }) {
                    let end = i + word.count
                    if end == p.count || p[end] == 0x2D { return true }  // the end, or `-`
                }
                i += 1
            }
            return false
        }
    }

    /// An infobox scraped one row a line between the page's tagline and its lead, with no
    /// `テンプレートを表示` to close it (Weblio's copies drop that link): the title line over the
    /// tagline (`新世界訳聖書`), the tagline, the rows (`正式名称 New World Translation of …`,
    /// `略称 NWT`, a quotation the box shows), then the lead, which opens with the title
    /// (`新世界訳聖書(しんせかいやくせいしょ)は、…`). A skin puts nothing of the article's text
    /// between its tagline and its lead, only hatnotes and notices (chrome already), the
    /// infobox and photos: four lines or more there, most of them with no sentence end, are
    /// the infobox (up to three lines are photo captions, for split-captions). A heading, or a
    /// paragraph line that is not a whole line, before such a lead leaves the page alone.
    /// Shared with the reference implementation.
    static func markInfoboxUnderTagline(_ blocks: inout [Block], rules: ChromeRules, context: inout StageContext) {
        guard let rule = rules.infoboxRule else { return }
        for t in blocks.indices {
            guard blocks[t].role == .chrome, Self.isTagline(blocks[t]) else { continue }
            // The title line over the tagline (chrome between: a skin's tabs and tools).
            var h = t - 1
            while h >= 0 && blocks[h].role == .chrome { h -= 1 }
            guard h >= 0, blocks[h].role == .paragraph, blocks.isWholeLine(at: h), !blocks[h].text.containsKuten,
                blocks[h].text.unicodeScalars.count <= 80
            else { continue }
            let title = ChromeRules.foldKey(blocks[h].text)
            guard !title.isEmpty else { continue }
            var rows: [Int] = []
            var sentences = 0
            var j = t + 1
            var lead: Int?
            while j < blocks.count, rows.count <= 80 {
                if blocks[j].role == .chrome { j += 1; continue }
                guard blocks[j].role == .paragraph, blocks.isWholeLine(at: j) else { break }
                let text = blocks[j].text
                if text.containsKuten {
                    let key = ChromeRules.foldKey(text)
                    if key.unicodeScalars.count > title.unicodeScalars.count + 4, key.hasPrefix(title) {
                        lead = j
                        break
                    }
                    sentences += 1
                }
                rows.append(j)
                j += 1
            }
            guard lead != nil, rows.count >= 4, sentences * 2 < rows.count else { continue }
            for k in rows {
                context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule)
            }
        }
    }

    /// Over an infobox run (closed by `テンプレートを表示`, marked by ``markInfoboxLines``), its
    /// header and the caption of its photo, which the run stops at for the sentence end in it:
    /// the page's title once more (the box's name) then one line of 2 to 120 characters with a
    /// `。` (`日本語の表記体系`, `縦書き…で書かれた小説。漢字には振り仮名が振られている。`, as the
    /// mobile skin shows the box under the lead). The header is infobox chrome, the line a
    /// caption. The title is the one the page's lead names. Shared with the reference
    /// implementation.
    static func markInfoboxHeader(_ blocks: inout [Block], rules: ChromeRules, context: inout StageContext) {
        guard let rule = rules.infoboxRule else { return }
        var title: String??  // worked out once, when a run needs it
        func pageTitle() -> String? {
            if title == nil {
                title = .some(blocks.lazy.filter { $0.role == .paragraph }.compactMap { JapaneseText.parseLead($0.text)?.title }.first.map(ChromeRules.foldKey))
            }
            return title!
        }
        var i = 1
        while i < blocks.count {
            defer { i += 1 }
            // The first row of a run of the infobox rule.
            guard blocks[i].role == .chrome, blocks[i].rule == rule, blocks[i - 1].rule != rule else { continue }
            let c = i - 1
            guard blocks[c].role == .paragraph, blocks.isWholeLine(at: c), blocks[c].text.containsKuten else { continue }
            let n = blocks[c].text.unicodeScalars.count
            guard n >= 2, n <= 120, !JapaneseText.opensWithLead(blocks[c].text) else { continue }
            var h = c - 1
            while h >= 0, blocks[h].role == .chrome, blocks[h].signal == nil { h -= 1 }
            guard h >= 0, blocks[h].role == .paragraph, blocks.isWholeLine(at: h), !blocks[h].text.containsKuten,
                blocks[h].text.unicodeScalars.count <= 60, let t = pageTitle(), ChromeRules.foldKey(blocks[h].text) == t
            else { continue }
            context.recordRemoval(rule: rule, text: blocks[h].text, line: blocks[h].line)
            blocks[h] = Block(role: .chrome, text: blocks[h].text, line: blocks[h].line, rule: rule)
            context.recordRelabel(rule: SplitCaptions.rule, text: blocks[c].text, line: blocks[c].line, role: .caption)
            blocks[c] = .caption(blocks[c].text, line: blocks[c].line)
        }
    }

    /// `ラベル：値`: a label of 1 to 12 characters with no punctuation, a colon (`:` or `：`),
    /// and a value of 1 to 80 characters; no sentence end anywhere.
    static func isKeyValueRow(_ text: String) -> Bool {
        text.withUTF8Bytes { p -> Bool in
            guard p.count <= 4 * 100 else { return false }
            // The colon (`:` 3A or `：` EF BC 9A, what folds to `:`) is one of the first 13
            // characters, in the first 52 bytes: a line with neither 3A nor 9A there has none
            // (most lines; the tests check this against the loop alone).
            let head = min(p.count, 4 * 13)
            guard let base = p.baseAddress, memchr(base, 0x3A, head) != nil || memchr(base, 0x9A, head) != nil else { return false }
            return isKeyValueRowByScalars(p)
        }
    }

    /// ``isKeyValueRow(_:)`` without its test on the bytes: the label read scalar by scalar.
    static func isKeyValueRowByScalars(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count <= 4 * 100 else { return false }
        var i = 0
        var label = 0
        var colonAt = -1
        // The label, up to the colon; then only `。` matters, looked for on the bytes.
        while i < p.count {
            let d = UTF8Scan.decode(p, i)
            let c = UTF8Scan.fold(d.scalar)
            if c == 0x3002 { return false }  // 。
            if c == 0x3A {  // : or ：
                colonAt = i
                break
            }
            if c == 0x3001 || c == 0x2C || c == 0x20 || c == 0x28 || c == 0x29 || c == 0x5B || c == 0x5D { return false }
            label += 1
            if label > 12 { return false }
            i += d.length
        }
        guard colonAt >= 0, label >= 1, !containsKuten(UnsafeBufferPointer(rebasing: p[colonAt...])) else { return false }
        let value = p.count - colonAt - 1
        return value >= 1 && value <= 4 * 80
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
