/// MediaWiki wikitext as an XML dump's text holds it, its templates and links taken off by a
/// naive strip or not (catalogue §2): the bold and italic marks (`'''夏目 漱石'''`, `''七草集''`),
/// the footnotes (`<ref>…</ref>`, `<ref name="x">…</ref>`, `<ref name="x" />`), the notes list
/// tag (`<references />`) and line breaks (`<br />`) are markup around the text, which a
/// renderer never shows. A page shows wikitext when it has a wikitext heading line
/// (`== 生涯 ==`) and a bold mark or a `<ref` tag, each on two lines or more (a diff view's
/// rows quote single lines of wikitext; prose about wiki syntax has no heading line of its own).
extension UnwrapWikiSource {
    static let mediaWikiRefRule = "wikitext.ref"
    static let mediaWikiMarkRule = "wikitext.mark"

    static func showsMediaWikiText(_ blocks: [Block]) -> Bool {
        // A first pass on what costs a byte or two a line: the page says yes only once two
        // heading lines went by, so with fewer (nearly every page) the marks, two memchr
        // calls a line, are never looked for. A diff view before that says no either way.
        var headingLines = 0
        for i in blocks.indices where blocks[i].role == .paragraph {
            // The bytes read in place first: only a line of 40 bytes or less may be a diff
            // view's numbers, and only one that opens and ends with `=` a heading (the text
            // was copied out for each line, retained and released).
            let (short, equalsEnds) = blocks[i].text.withUTF8Bytes { p in
                (p.count <= 40, p.count > 0 && p[0] == 0x3D && p[p.count - 1] == 0x3D)
            }
            if short && isDiffLineNumbers(blocks[i].text) { return false }
            if equalsEnds && SplitHeadings.markupHeading(blocks[i].text) != nil {
                headingLines += 1
                if headingLines >= 2 { break }
            }
        }
        guard headingLines >= 2 else { return false }
        var headings = 0
        var marks = 0
        for i in blocks.indices where blocks[i].role == .paragraph {
            let t = blocks[i].text
            // A diff view (`7行目: 7行目:`, `12 行: 12 行:`) quotes rows of wikitext: strip-chrome
            // sets the whole view aside.
            if isDiffLineNumbers(t) { return false }
            if isHeadingLine(t) { headings += 1 }
            if t.containsBytes("'''") || t.containsBytes("<ref") { marks += 1 }
            if headings >= 2 && marks >= 2 { return true }
        }
        return false
    }

    /// A wikitext heading line (`== 生涯 ==`), its first and last bytes asked first.
    private static func isHeadingLine(_ t: String) -> Bool {
        let ends = t.withUTF8Bytes { p in p.count > 0 && p[0] == 0x3D && p[p.count - 1] == 0x3D }
        return ends && SplitHeadings.markupHeading(t) != nil
    }

    /// A diff view's line-number row: digits, spaces, `行`, `目` and colons only, with a `行`.
    static func isDiffLineNumbers(_ t: String) -> Bool {
        guard t.utf8.count <= 40, t.containsBytes("行") else { return false }
        return t.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == " " || $0 == "行" || $0 == "目" || $0 == ":" || $0 == "：" }
    }

    /// Takes the markup out of one line of wikitext; nil when the line is a notes list tag alone.
    static func unwrapMediaWiki(_ text: String, line: Int?, context: inout StageContext) -> String? {
        let t = Array(text.utf8)
        let trimmedLine = trimmed(t)
        if starts(trimmedLine, at: 0, "<references"), trimmedLine.last == 0x3E {
            context.recordRemoval(rule: mediaWikiRefRule, text: text, line: line)
            return nil
        }
        guard t.contains(0x27) || t.contains(0x3C) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var i = 0
        while i < t.count {
            // `''`, `'''`, `'''''`: a run of two apostrophes or more.
            if t[i] == 0x27, i + 1 < t.count, t[i + 1] == 0x27 {
                var j = i
                while j < t.count, t[j] == 0x27 { j += 1 }
                context.recordRemoval(rule: mediaWikiMarkRule, text: String(decoding: t[i..<j], as: UTF8.self), line: line)
                i = j
                continue
            }
            if t[i] == 0x3C, let end = tagEnd(t, i) {
                if starts(t, at: i, "<ref"), i + 4 < t.count, t[i + 4] == 0x3E || t[i + 4] == 0x20 {
                    // Self-closing, or up to its `</ref>`.
                    var stop = end
                    if t[end - 2] != 0x2F, let close = find(t, "</ref>", from: end) { stop = close + 6 }
                    context.recordRemoval(rule: mediaWikiRefRule, text: String(decoding: t[i..<stop], as: UTF8.self), line: line)
                    i = stop
                    continue
                }
                if starts(t, at: i, "<br"), i + 3 < t.count, t[i + 3] == 0x3E || t[i + 3] == 0x20 || t[i + 3] == 0x2F {
                    context.recordRemoval(rule: mediaWikiMarkRule, text: String(decoding: t[i..<end], as: UTF8.self), line: line)
                    i = end
                    continue
                }
            }
            out.append(t[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index after the `>` that closes the tag opened at `i`, at most 80 bytes on.
    private static func tagEnd(_ t: [UInt8], _ i: Int) -> Int? {
        var j = i + 1
        while j < t.count, j < i + 80 {
            if t[j] == 0x3E { return j + 1 }
            if t[j] == 0x3C { return nil }
            j += 1
        }
        return nil
    }

    private static func starts(_ t: [UInt8], at i: Int, _ s: String) -> Bool {
        let b = Array(s.utf8)
        return i + b.count <= t.count && Array(t[i..<(i + b.count)]) == b
    }

    private static func find(_ t: [UInt8], _ s: String, from: Int) -> Int? {
        let b = Array(s.utf8)
        guard t.count >= b.count, from <= t.count - b.count else { return nil }
        for i in from...(t.count - b.count) where t[i] == b[0] && Array(t[i..<(i + b.count)]) == b { return i }
        return nil
    }
}
