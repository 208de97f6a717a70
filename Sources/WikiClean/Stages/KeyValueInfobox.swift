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
            guard rows.count >= 3, j < blocks.count, blocks[j].role == .paragraph, JapaneseText.parseLead(blocks[j].text) != nil else {
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

    /// `ラベル：値`: a label of 1 to 12 characters with no punctuation, a colon (`:` or `：`),
    /// and a value of 1 to 80 characters; no sentence end anywhere.
    static func isKeyValueRow(_ text: String) -> Bool {
        text.withUTF8Bytes { p -> Bool in
            guard p.count <= 4 * 100 else { return false }
            var i = 0
            var label = 0
            var colonAt = -1
            while i < p.count {
                let d = UTF8Scan.decode(p, i)
                let c = UTF8Scan.fold(d.scalar)
                if c == 0x3002 { return false }  // 。
                if colonAt < 0 {
                    if c == 0x3A {  // : or ：
                        colonAt = i
                    } else {
                        if c == 0x3001 || c == 0x2C || c == 0x20 || c == 0x28 || c == 0x29 || c == 0x5B || c == 0x5D { return false }
                        label += 1
                        if label > 12 { return false }
                    }
                }
                i += d.length
            }
            guard colonAt >= 0, label >= 1 else { return false }
            let value = p.count - colonAt - 1
            return value >= 1 && value <= 4 * 80
        }
    }
}
