/// Recognises lines where a new page begins in a plain-text dump of concatenated pages:
/// lines that start with chrome a site renders at the top of every page (a rule with
/// `signal: page-start`: the @wiki left menu, a skip link, the Wikipedia tagline, …).
public struct PageStartDetector: Sendable {
    private let templates: [Template]
    /// Per template: the phrase stands first on its page (``ChromeRules/Phrase/firstOnPage``).
    private let firstOnPage: [Bool]
    private let automaton: PhraseAutomaton
    /// Bytes a page-start line can begin with (0xEF stands for every full-width form).
    private let firstBytes: [Bool]
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
    /// The byte lengths ``longMenuWords`` that spell ASCII characters other than the space
    /// (`アップロード (ウィキメディア・コモンズ)`) take with one to all of them in full-width forms
    /// (each two bytes more): the only lengths where a full-width form can spell one.
    private let longMenuFullWidthLengths: ClosedRange<Int>

    /// Uses the `page-start` rules of `rules` that match at the start of a line.
    public init(rules: ChromeRules) {
        let starts = rules.phrases.filter { $0.signal == .pageStart && $0.template.startsWithAnchor }
        templates = starts.map(\.template)
        firstOnPage = starts.map(\.firstOnPage)
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
        longMenuWords = rules.longMenuSpellings
        longMenuLengths = Set(rules.longMenuSpellings.map(\.utf8.count))
        longMenuFoldKeys = Set(rules.longMenuSpellings.map { ChromeRules.foldKey($0) })
        longMenuFoldedMaximum = 2 * (rules.longMenuSpellings.map(\.utf8.count).max() ?? 0)
        var lower = Int.max, upper = Int.min
        for w in rules.longMenuSpellings {
            let ascii = w.utf8.filter { $0 > 0x20 && $0 < 0x7F }.count
            guard ascii > 0 else { continue }
            lower = min(lower, w.utf8.count + 2)
            upper = max(upper, w.utf8.count + 2 * ascii)
        }
        longMenuFullWidthLengths = lower <= upper ? lower...upper : 1...0
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

    /// Where the page-start phrase `line` opens with ends, and whether that phrase stands first
    /// on its page (so that a title-like line before it is the previous page's).
    public func pageStart(_ line: UnsafeBufferPointer<UInt8>) -> (end: Int, first: Bool)? {
        guard !templates.isEmpty else { return nil }
        let (s, e) = StripSiteChrome.trimmedBounds(line)
        guard s < e, firstBytes[Int(line[s])] else { return nil }
        // Only the first bytes matter: a page-start phrase stands at the line start.
        var cut = min(line.count, s + 256)
        while cut < line.count && cut > s && line[cut] & 0xC0 == 0x80 { cut -= 1 }  // on a scalar boundary
        let head = UnsafeBufferPointer(rebasing: line[s..<cut])
        var found: (end: Int, first: Bool)? = nil
        let templates = self.templates
        let firstOnPage = self.firstOnPage
        automaton.scanPrefix(head) { index, start in
            if found == nil, start == 0, let end = templates[index].match(head, at: 0) { found = (s + end, firstOnPage[index]) }
        }
        return found
    }
}
