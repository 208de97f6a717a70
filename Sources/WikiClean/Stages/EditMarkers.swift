/// The section edit links that MediaWiki skins render after a heading: `[編集]`,
/// `[ソースを編集]`, `[編集 | ソースを編集]` (with any spacing, full-width brackets too).
enum EditMarkers {
    private static let wordSources = ["編集", "ソースを編集", "ソース編集", "edit", "Edit", "editsource", "編集する"]
    private static let words: [[UInt32]] = wordSources.map { UTF8Scan.matchFolded($0) }

    /// Each word compiled once as a template made of its folded literal alone: matching it
    /// is exactly `Template.matchLiteral(word, …)`, without building a template per call.
    /// (A word the template syntax would read otherwise keeps going through `matchLiteral`.)
    private static let wordTemplates: [Template?] = zip(wordSources, words).map { source, word in
        guard let t = try? Template(source), t.pieces == [.literal(word)] else { return nil }
        return t
    }

    /// If an edit marker starts at byte `i` (at a `[` or `［`, or at a `【` closed by `】`), the
    /// byte offset just after it.
    static func match(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard i < end else { return nil }
        // `[編集]` as written, the marker of most pages: its end without the word matching.
        // (`編集` then `]` reads as nothing else: no longer word goes on with `]`.)
        if i + 8 <= end, p[i] == 0x5B, p[i + 7] == 0x5D, p[i + 1] == 0xE7, p[i + 2] == 0xB7, p[i + 3] == 0xA8, p[i + 4] == 0xE9,
            p[i + 5] == 0x9B, p[i + 6] == 0x86
        {
            return i + 8
        }
        var j = i
        let open = UTF8Scan.decode(p, j)
        // `【編集】`: the edit link in lenticular brackets [unverified: the form some wikis and
        // copies print], only around the edit words, as `[…]` is, and not in a sentence about
        // the button (``lenticularInProse(_:at:end:close:)``).
        let lenticular = open.scalar == 0x3010
        guard lenticular || UTF8Scan.fold(open.scalar) == 0x5B else { return nil }
        j += open.length
        var words = 0
        while true {
            skipSpaces(p, &j, end)
            guard let after = matchWord(p, j, end) else { return nil }
            j = after
            words += 1
            skipSpaces(p, &j, end)
            guard j < end else { return nil }
            let d = UTF8Scan.decode(p, j)
            let c = UTF8Scan.fold(d.scalar)
            if lenticular {
                if d.scalar == 0x3011 { return lenticularInProse(p, at: i, end: end, close: j + d.length) ? nil : j + d.length }  // 】
            } else if c == 0x5D {
                return j + d.length  // ]
            }
            guard c == 0x7C || c == 0x30FB || c == 0xB7, words < 3 else { return nil }  // | ・ ·
            j += d.length
        }
    }

    /// Whether `【編集】` at `i` (closed before `close`) stands in a sentence about the button
    /// (`ヘッダーメニューの【編集】>【左メニューを編集する】をクリック`, `【編集】を押す`): a particle,
    /// a comma or an opening quote right before it, or a particle, an arrow or a quote right
    /// after it. A heading ends in none of them, and a paragraph starts with none of them.
    static func lenticularInProse(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, close: Int) -> Bool {
        if i > 0 {
            let before = UTF8Scan.decodeBefore(p, i).scalar
            // の を が に で は へ と も や 、 , 「 『
            switch before {
            case 0x306E, 0x3092, 0x304C, 0x306B, 0x3067, 0x306F, 0x3078, 0x3068, 0x3082, 0x3084, 0x3001, 0xFF0C, 0x2C, 0x300C, 0x300E:
                return true
            default: break
            }
        }
        guard close < end else { return false }
        let after = UTF8Scan.decode(p, close).scalar
        // を が に で は の と も へ や > ＞ → 」 』 、 ボ(タン) 【 (a menu path)
        switch after {
        case 0x3092, 0x304C, 0x306B, 0x3067, 0x306F, 0x306E, 0x3068, 0x3082, 0x3078, 0x3084, 0x3E, 0xFF1E, 0x2192, 0x300D, 0x300F, 0x3001,
            0x30DC, 0x3010:
            return true
        default: return false
        }
    }

    /// A marker cut off by a truncation (`見出し[編...`, `[ソース…`): if the bytes from `i` are
    /// the start of a marker followed only by `...`/`…`, the offset where the ellipsis begins.
    static func truncatedMatch(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard let ell = StripSiteChrome.ellipsisStart(p, i, end), ell > i else { return nil }
        var forms: [[UInt32]] = []
        for w in words { forms.append([0x5B] + w) }
        var j = i
        var k = 0
        while j < ell {
            let d = UTF8Scan.decode(p, j)
            j += d.length
            let f = UTF8Scan.matchFold(d.scalar)
            for c in [f.first, f.second] where c != 0 {
                forms = forms.filter { k < $0.count && $0[k] == c }
                guard !forms.isEmpty else { return nil }
                k += 1
            }
        }
        return ell
    }

    private static func skipSpaces(_ p: UnsafeBufferPointer<UInt8>, _ j: inout Int, _ end: Int) {
        while j < end {
            let d = UTF8Scan.decode(p, j)
            guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { return }
            j += d.length
        }
    }

    private static func matchWord(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let text = UnsafeBufferPointer(rebasing: p[0..<end])
        // The literal match reads the text in its matching form, skipping what folds to
        // nothing: the first scalar it compares decides most words at once.
        var i = start
        var first: UInt32 = 0
        while i < end {
            let d = UTF8Scan.decode(p, i)
            i += d.length
            first = UTF8Scan.matchFold(d.scalar).first
            if first != 0 { break }
        }
        var best: Int?
        for k in 0..<words.count {
            let word = words[k]
            // A non-empty word needs a first scalar that reads as its own.
            if !word.isEmpty && word[0] != first { continue }
            let j: Int?
            if let t = wordTemplates[k] {
                j = t.match(text, at: start)
            } else {
                j = Template.matchLiteral(word, text, at: start)
            }
            if let j { best = max(best ?? 0, j) }
        }
        return best
    }
}
