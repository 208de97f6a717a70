extension DetectArticleBoundaries {
    /// Rule id of a short label between a page title and its repeat (a category or site label).
    static let headerLabelRule = "header-label"

    /// The page title on a line, a short label line (or none), then the title again, over its
    /// kana reading or a lead that names it: the page header showed the title twice (an HTML
    /// title without the site name and the h1; はてなキーワード's keyword, its category `地理`,
    /// then the keyword over its reading [unverified: general knowledge of the site's header]).
    /// The first title and the label go, so that the title line and its reading or lead are
    /// read as on any page.
    static func dropRepeatedTitle(_ blocks: inout [Block], context: inout StageContext) {
        guard let i = blocks.firstIndex(where: { $0.role == .paragraph || $0.role == .heading }), blocks[i].role == .paragraph,
            isHeaderTitle(blocks[i].text)
        else { return }
        if i + 2 < blocks.count, blocks[i + 1].role == .paragraph, blocks[i + 2].role == .paragraph,
            isParenthesizedLabel(blocks[i + 1].text), isReadingLine(blocks[i + 2].text), mayBeReadAs(blocks[i].text, blocks[i + 2].text)
        {
            // The title, its category in parentheses, then its reading (はてなブログ タグ's keyword
            // header: `駅つきキーワード`, `(コミュニティ)`, `えきつききーわーど`, [page]): the label
            // goes, and the title line over its reading is read as on any page.
            context.recordRemoval(rule: headerLabelRule, text: blocks[i + 1].text, line: blocks[i + 1].line)
            blocks.remove(at: i + 1)
            return
        }
        let key = ChromeRules.foldKey(blocks[i].text)
        func isTitle(_ k: Int) -> Bool { k < blocks.count && blocks[k].role == .paragraph && ChromeRules.foldKey(blocks[k].text) == key }
        let again: Int
        if isTitle(i + 1) {
            again = i + 1
        } else if i + 2 < blocks.count, blocks[i + 1].role == .paragraph || blocks[i + 1].role == .heading,
            blocks[i + 1].text.unicodeScalars.count <= 20, isHeaderTitle(blocks[i + 1].text), isTitle(i + 2)
        {
            again = i + 2
        } else {
            return
        }
        // What follows the repeat must be the title's reading or a lead naming it.
        guard again + 1 < blocks.count, blocks[again + 1].role == .paragraph else { return }
        let next = blocks[again + 1].text
        let title = blocks[again].text
        guard (isReadingLine(next) && mayBeReadAs(title, next)) || leadNames(next, title: title)
            || JapaneseText.parseLead(next).map({ ChromeRules.foldKey($0.title) == key }) == true
        else { return }
        context.recordRemoval(rule: titleLineRule, text: blocks[i].text, line: blocks[i].line)
        if again == i + 2 { context.recordRemoval(rule: headerLabelRule, text: blocks[i + 1].text, line: blocks[i + 1].line) }
        blocks.removeSubrange(i..<again)
    }

    /// A short label in parentheses alone on a line (`(一般)`, `（コミュニティ）`): at most 20
    /// characters inside, no sentence mark, no parenthesis nested.
    static func isParenthesizedLabel(_ t: String) -> Bool {
        // On scalars (a line of every page's header is asked): no `Character` breaking.
        func isOpen(_ c: Unicode.Scalar) -> Bool { c == "(" || c == "（" }
        func isClose(_ c: Unicode.Scalar) -> Bool { c == ")" || c == "）" }
        guard t.utf8.count <= 4 * 22 else { return false }
        let u = t.unicodeScalars
        guard let f = u.first, let l = u.last, isOpen(f), isClose(l), u.count >= 3 else { return false }
        let inner = u.dropFirst().dropLast()
        guard inner.count <= 20, !inner.contains(where: { isOpen($0) || isClose($0) }) else { return false }
        let body = String(String.UnicodeScalarView(inner)).trimmingSpaces
        return !body.isEmpty && isHeaderTitle(body)
    }
}
