/// Recognises lines where a new page begins in a plain-text dump of concatenated pages:
/// lines that start with chrome a site renders at the top of every page (a rule with
/// `signal: page-start`: the @wiki left menu, a skip link, the Wikipedia tagline, …).
public struct PageStartDetector: Sendable {
    private let templates: [Template]
    /// Per template: the phrase stands first on its page (``ChromeRules/Phrase/firstOnPage``).
    private let firstOnPage: [Bool]
    /// Per template: a subtitle line stands between the page's title and the phrase
    /// (``ChromeRules/Phrase/dropsPreviousLine``: Wikiwand's short description).
    private let subtitled: [Bool]
    /// Per template: the rule is a whole line (`where: line`, the brand `Fandom`): it opens a
    /// page only where it fills the line, not as the first word of a heading or a sentence
    /// (`Fandom powered by Wikiaとは何ですか?`, `ニコニコ大百科とは、…`).
    private let wholeLine: [Bool]
    /// Page-start rules that fill a line and open with a short wildcard (a reader view's
    /// domain `ja.wikipedia.org`, `{text<20}wikipedia.org`), tried on lines of at most
    /// ``wholeLineMaximum`` bytes in which their anchor occurs; with their flags as above.
    /// Only wildcards of at most ``shortWildcard`` characters: such a line is the phrase
    /// nearly whole. A line mostly of free text before a fixed end (an HTML title
    /// `X - Wikipedia`) is also how a page lists a link (nicopedia's `関連リンク`), so it
    /// opens no page here (strip-chrome still marks it).
    private let lineTemplates: [Template]
    private let lineFirstOnPage: [Bool]
    private let lineSubtitled: [Bool]
    private let lineAutomaton: PhraseAutomaton
    /// The bytes a line that such a rule fills can end with (the last byte of the last
    /// literal's last character, in either case and width): a cheap test before the scan.
    private let wholeLineLastBytes: [Bool]
    /// The last scalars of those literals in their matching form (``UTF8Scan/matchFold(_:)``,
    /// as the templates store them), or nil when some rule does not end with a literal: such a
    /// rule matches a line to its end only where the line's last character reads as its own
    /// last scalar (or as nothing). After the byte test, this turns down the lines that end
    /// with a character sharing a last byte with one of them (`」` ends as `ｍ` does, `8D`).
    private let wholeLineLastFolded: [UInt32]?
    /// Whether ``wholeLineLastFolded`` is asked before the scan. Off only in tests, to check
    /// that it changes nothing.
    var filtersLastCharacter = true
    static let wholeLineMaximum = 400
    static let shortWildcard = 40
    private let automaton: PhraseAutomaton
    /// Bytes a page-start line can begin with (0xEF stands for every full-width form).
    private let firstBytes: [Bool]
    /// The first scalars of the anchors of ``templates`` in their matching form, one bit per
    /// BMP scalar: a line whose first character reads as none of them (most lines of text: a
    /// kanji, a kana) opens no page by those rules, and their automaton is not run on it.
    private let anchorFirstBits: [UInt64]
    /// Whether ``pageStart(_:)`` looks up the first character in ``anchorFirstBits`` before
    /// running the automaton. Off only in tests, to check that it changes nothing.
    var filtersFirstCharacter = true
    /// Menu words long enough to pass for a line of text by their length alone
    /// (`ログアウトした編集者のページ もっと詳しく`): a page made of menus so far has no text yet.
    private let longMenuWords: Set<String>
    /// The byte lengths of ``longMenuWords``, to pass over other lines without a look-up.
    private let longMenuLengths: Set<Int>
    /// ``longMenuWords`` in the chrome rules' folded form, for a line written with half-width
    /// katakana or a look-alike of `ー` (``HeadingAnchors/hasWidthForms(_:)``).
    private let longMenuFoldKeys: Set<String>
    /// Twice the longest of ``longMenuWords`` in bytes: a half-width voiced kana takes twice
    /// the bytes of its full-width form, a look-alike of `ー` as many.
    private let longMenuFoldedMaximum: Int
    /// Words of the rules' menus in their matching form (``UTF8Scan/matchFolded(_:)``, as
    /// scalar values: no `String` normalization per look-up): of the menus a site renders at
    /// the top (no `page-end` signal), and of its footer menus (`page-end`).
    private let headerMenuKeys: Set<[UInt32]>
    private let footerMenuKeys: Set<[UInt32]>
    /// Whole lines that end a page by a phrase rule of plain text (`page-end`, `where: line`, no
    /// placeholder: GROWI's `コメントを追加`, kotobank's `関連語をあわせて調べる`), in the same form.
    private let footerLineKeys: Set<[UInt32]>
    private let longestMenuWord: Int
    /// The byte lengths ``longMenuWords`` that spell ASCII characters other than the space
    /// (`アップロード (ウィキメディア・コモンズ)`) take with one to all of them in full-width forms
    /// (each two bytes more): the only lengths where a full-width form can spell one.
    private let longMenuFullWidthLengths: ClosedRange<Int>

    /// Uses the `page-start` rules of `rules` that match at the start of a line.
    public init(rules: ChromeRules) {
        let starts = rules.phrases.filter { $0.signal == .pageStart && $0.template.startsWithAnchor }
        templates = starts.map(\.template)
        firstOnPage = starts.map(\.firstOnPage)
        subtitled = starts.map(\.dropsPreviousLine)
        wholeLine = starts.map { $0.place == .line }
        let lines = rules.phrases.filter {
            $0.signal == .pageStart && !$0.template.startsWithAnchor && $0.place == .line && $0.template.longestWildcard <= Self.shortWildcard
        }
        lineTemplates = lines.map(\.template)
        lineFirstOnPage = lines.map(\.firstOnPage)
        lineSubtitled = lines.map(\.dropsPreviousLine)
        lineAutomaton = PhraseAutomaton(phrases: lines.map(\.template.anchor))
        automaton = PhraseAutomaton(phrases: templates.map(\.anchor))
        var first = [Bool](repeating: false, count: 256)
        for t in templates {
            guard let s = t.anchor.first, let u = Unicode.Scalar(s) else { continue }
            first[Int(UTF8.encode(u)!.first!)] = true
            if s < 0x80 { first[0xE3] = true }
        }
        // Full-width and half-width forms (EF …) can spell any anchor's first character.
        first[0xEF] = true
        firstBytes = first
        var anchorFirsts = [UInt64](repeating: 0, count: 0x1_0000 / 64)
        for t in templates {
            guard let f = t.anchor.first else {
                // A template with no anchor could match anything: no filter.
                anchorFirsts = [UInt64](repeating: ~0, count: anchorFirsts.count)
                break
            }
            if f < 0x1_0000 { anchorFirsts[Int(f >> 6)] |= 1 << UInt64(f & 63) }
        }
        anchorFirstBits = anchorFirsts
        longMenuWords = rules.longMenuSpellings
        longMenuLengths = Set(rules.longMenuSpellings.map(\.utf8.count))
        longMenuFoldKeys = Set(rules.longMenuSpellings.map { ChromeRules.foldKey($0) })
        longMenuFoldedMaximum = 2 * (rules.longMenuSpellings.map(\.utf8.count).max() ?? 0)
        headerMenuKeys = Set(rules.menus.filter { $0.signal == nil }.flatMap(\.words).map { UTF8Scan.matchFolded($0) })
        footerMenuKeys = Set(rules.menus.filter { $0.signal == .pageEnd }.flatMap(\.words).map { UTF8Scan.matchFolded($0) })
        footerLineKeys = Set(
            rules.phrases.filter { $0.signal == .pageEnd && $0.place == .line && !$0.template.source.contains("{") }
                .map { UTF8Scan.matchFolded($0.template.source) })
        // A half-width voiced kana takes twice the bytes of its full-width form.
        longestMenuWord = 2 * (rules.menus.flatMap(\.words).map(\.utf8.count).max() ?? 0)
        var last = [Bool](repeating: false, count: 256)
        var unfiltered = false
        for t in lineTemplates {
            guard let u = t.lastLiteralScalar, let scalar = Unicode.Scalar(u) else {
                unfiltered = true
                continue
            }
            // The scalar as written, its other case, and its full-width form.
            var forms = [scalar]
            if u < 0x80 {
                forms += [Character(scalar).uppercased(), Character(scalar).lowercased()].compactMap { $0.unicodeScalars.first }
                forms += forms.compactMap { Unicode.Scalar($0.value + 0xFEE0) }
            }
            for f in forms { last[Int(String(f).utf8.last!)] = true }
        }
        if unfiltered { last = [Bool](repeating: true, count: 256) }
        wholeLineLastBytes = last
        wholeLineLastFolded = unfiltered ? nil : lineTemplates.compactMap(\.lastLiteralScalar)
        var lower = Int.max, upper = Int.min
        for w in rules.longMenuSpellings {
            let ascii = w.utf8.filter { $0 > 0x20 && $0 < 0x7F }.count
            guard ascii > 0 else { continue }
            lower = min(lower, w.utf8.count + 2)
            upper = max(upper, w.utf8.count + 2 * ascii)
        }
        longMenuFullWidthLengths = lower <= upper ? lower...upper : 1...0
    }

    /// Whether `line` is a word of a menu that sites render above a page's text.
    func isHeaderMenuWord(_ line: String) -> Bool { line.utf8.count <= longestMenuWord && headerMenuKeys.contains(UTF8Scan.matchFolded(line)) }

    /// Whether `line` is a word of a footer menu (one that ends a page).
    func isFooterMenuWord(_ line: String) -> Bool { line.utf8.count <= longestMenuWord && footerMenuKeys.contains(UTF8Scan.matchFolded(line)) }

    /// Whether `line` is a word of a footer menu or a whole footer line a phrase rule knows:
    /// the end of the page it closes.
    func isFooterLine(_ line: String) -> Bool {
        guard line.utf8.count <= 240 else { return false }
        let key = UTF8Scan.matchFolded(line)
        return footerMenuKeys.contains(key) || footerLineKeys.contains(key)
    }

    /// Whether `line` is a menu word that the rules know, one long enough to pass for text,
    /// spelled as the rules spell it (or so once folded). Asked until a page has text.
    public func isLongMenuWord(_ line: String) -> Bool {
        if longMenuLengths.contains(line.utf8.count) && longMenuWords.contains(line) { return true }
        // Otherwise spelled with other widths or a look-alike of `ー` (`サポ―ト`), or with
        // full-width punctuation (`アップロード （ウィキメディア・コモンズ）`: its parentheses
        // take two bytes more each, which is what makes such a line pass for text by its length).
        let n = line.utf8.count
        if n <= longMenuFoldedMaximum && HeadingAnchors.hasWidthForms(line) { return longMenuFoldKeys.contains(ChromeRules.foldKey(line)) }
        // Only lines as long as a spelling with ASCII punctuation in full-width forms are scanned.
        return longMenuFullWidthLengths.contains(n) && Self.hasFullWidthASCII(line) && longMenuFoldKeys.contains(ChromeRules.foldKey(line))
    }

    /// Whether a line of `count` bytes may be one of ``isLongMenuWord(_:)``'s: false when its
    /// length rules out every spelling, so that a caller holding only bytes makes no `String`.
    func mayBeLongMenuWord(count n: Int) -> Bool {
        longMenuLengths.contains(n) || n <= longMenuFoldedMaximum || longMenuFullWidthLengths.contains(n)
    }

    /// Whether `line` holds a full-width form of an ASCII character (U+FF01–FF5E: EF BC 81 –
    /// EF BD 9E), on the bytes.
    static func hasFullWidthASCII(_ line: String) -> Bool {
        line.withUTF8Bytes { p in
            var i = 0
            while i + 2 < p.count {
                if p[i] == 0xEF {
                    let b1 = p[i + 1], b2 = p[i + 2]
                    if (b1 == 0xBC && b2 >= 0x81) || (b1 == 0xBD && b2 <= 0x9E) { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// A detector that never splits.
    public static let none = PageStartDetector(rules: ChromeRules())

    /// Whether `line` opens a page.
    public func isPageStart(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        pageStartEnd(line) != nil
    }

    /// The byte offset in `line` where the page-start phrase it opens with ends, or nil when
    /// the line does not open a page. What follows the phrase is the rest of the line (a
    /// banner glued to a skip link, or the body glued to a tagline).
    public func pageStartEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        pageStart(line)?.end
    }

    /// Where the page-start phrase `line` opens with ends, whether that phrase stands first
    /// on its page (so that a title-like line before it is the previous page's), and whether
    /// a subtitle line stands between it and the page's title.
    public func pageStart(_ line: UnsafeBufferPointer<UInt8>) -> (end: Int, first: Bool, subtitled: Bool)? {
        guard !templates.isEmpty else { return nil }
        let (s, e) = StripSiteChrome.trimmedBounds(line)
        guard s < e else { return nil }
        // A scrape to Markdown writes the brand as a link (`[Fandom](https://www.fandom.com/ "Fandom")`):
        // a line that is one link whose text is a page-start phrase, whole, opens a page.
        if line[s] == 0x5B, let (a, b) = Self.wholeLineLinkText(line, s, e) {
            let text = UnsafeBufferPointer(rebasing: line[a..<b])
            if let found = pageStart(text), found.end == text.count { return (e, found.first, found.subtitled) }
            return nil
        }
        // A text browser numbers links (lynx `[3]コンテンツにスキップ`, w3m the same with
        // `-o display_link_number=1`): the number before a page-start phrase is no part of it.
        if line[s] == 0x5B, let after = Self.linkNumberEnd(line, s, e) {
            let rest = UnsafeBufferPointer(rebasing: line[after..<e])
            if let found = pageStart(rest) { return (after + found.end, found.first, found.subtitled) }
            return nil
        }
        guard firstBytes[Int(line[s])] else { return wholeLinePageStart(line, s, e) }
        if filtersFirstCharacter && !mayOpenWithAnchor(line, s, e) { return wholeLinePageStart(line, s, e) }
        // Only the first bytes matter: a page-start phrase stands at the line start.
        var cut = min(line.count, s + 256)
        while cut < line.count && cut > s && line[cut] & 0xC0 == 0x80 { cut -= 1 }  // on a scalar boundary
        let head = UnsafeBufferPointer(rebasing: line[s..<cut])
        var found: (end: Int, first: Bool, subtitled: Bool)? = nil
        let templates = self.templates
        let firstOnPage = self.firstOnPage
        let subtitled = self.subtitled
        let wholeLine = self.wholeLine
        automaton.scanPrefix(head) { index, start in
            guard found == nil, start == 0 else { return }
            if wholeLine[index] {
                let whole = UnsafeBufferPointer(rebasing: line[s..<e])
                if templates[index].match(whole, at: 0, endingAt: [whole.count]) != nil { found = (e, firstOnPage[index], subtitled[index]) }
            } else if let end = templates[index].match(head, at: 0) {
                found = (s + end, firstOnPage[index], subtitled[index])
            }
        }
        return found ?? wholeLinePageStart(line, s, e)
    }

    /// Whether the character at `s` may begin the matching form of an anchor of
    /// ``templates``: a phrase that matches from the line's start begins with the matching
    /// form of its first character (``UTF8Scan/matchFold(_:)``, as the automaton reads it).
    /// Only ASCII and three-byte characters that read as one BMP scalar are looked up; any
    /// other (one the matching form skips, say) may.
    @inline(__always)
    private func mayOpenWithAnchor(_ line: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let b0 = line[s]
        let c: UInt32
        if b0 < 0x80 {
            c = UInt32(b0)
        } else if b0 & 0xF0 == 0xE0 && s + 2 < e {
            c = UInt32(b0 & 0x0F) << 12 | UInt32(line[s + 1] & 0x3F) << 6 | UInt32(line[s + 2] & 0x3F)
        } else {
            return true
        }
        let f = UTF8Scan.matchFold(c).first
        guard f != 0 && f < 0x1_0000 else { return true }
        return anchorFirstBits[Int(f >> 6)] & (1 << UInt64(f & 63)) != 0
    }

    /// A page-start rule that fills the line `line[s..<e]` and opens with a wildcard (see
    /// ``lineTemplates``): each is tried once, where its anchor occurs.
    private func wholeLinePageStart(_ line: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (end: Int, first: Bool, subtitled: Bool)? {
        guard !lineTemplates.isEmpty, e - s <= Self.wholeLineMaximum, wholeLineLastBytes[Int(line[e - 1])] else { return nil }
        let whole = UnsafeBufferPointer(rebasing: line[s..<e])
        if filtersLastCharacter, let lastFolded = wholeLineLastFolded {
            // The rule's last literal reads the line's last character (the match ends at the
            // line's end): what that character reads as must be its last scalar.
            var k = whole.count - 1
            while k > 0 && whole[k] & 0xC0 == 0x80 { k -= 1 }
            let d = UTF8Scan.decode(whole, k)
            if k + d.length == whole.count {
                let f = UTF8Scan.matchFold(d.scalar)
                let reads = f.second != 0 ? f.second : f.first
                if reads != 0 && !lastFolded.contains(reads) { return nil }
            }
        }
        var found: (end: Int, first: Bool, subtitled: Bool)? = nil
        var tried = Set<Int>()
        let templates = lineTemplates
        lineAutomaton.scan(whole) { index, _ in
            guard found == nil, tried.insert(index).inserted else { return }
            if templates[index].match(whole, at: 0, endingAt: [whole.count]) != nil { found = (e, lineFirstOnPage[index], lineSubtitled[index]) }
        }
        return found
    }

    /// The end of a text browser's link number `[12]` at `s` (one to five digits), when
    /// something follows it.
    static func linkNumberEnd(_ line: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        var i = s + 1
        while i < e, i - s <= 5, line[i] >= 0x30 && line[i] <= 0x39 { i += 1 }
        guard i > s + 1, i < e - 1, line[i] == 0x5D else { return nil }
        return i + 1
    }

    /// The bounds of the link text when `line[s..<e]` is one Markdown link and nothing else:
    /// `[text](url)` or `[text](url "title")`, the text without brackets in it (so no image).
    static func wholeLineLinkText(_ line: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int)? {
        guard e - s >= 4, line[s] == 0x5B, line[e - 1] == 0x29 else { return nil }
        var i = s + 1
        while i + 1 < e {
            let b = line[i]
            if b == 0x5B { return nil }
            if b == 0x5D { return line[i + 1] == 0x28 && i > s + 1 ? (s + 1, i) : nil }
            i += 1
        }
        return nil
    }
}
