#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Shapes of title, reading and header lines for ``DetectArticleBoundaries``: what a stray
// line or a lead's subject reads as (a title line, a reading, a title glued to its reading,
// a headword or an infobox run glued before the subject).
extension DetectArticleBoundaries {
    /// The page title as a line of its own: the lead's title, or (Weblio, chrome catalogue §8)
    /// the headword `X 概要` of the section-split page that holds the lead, its space
    /// gone after normalization or not.
    static func isTitleLine(_ text: String, title: String) -> Bool {
        let line = ChromeRules.foldKey(text)
        let key = ChromeRules.foldKey(title)
        if line == key { return true }
        // A work's title line keeps the brackets its lead writes it in (`『港町ブルース』` over
        // `『港町ブルース』(みなとまちブルース)は、`), which the lead's title leaves out.
        if line == ChromeRules.foldKey("『" + title + "』") || line == ChromeRules.foldKey("「" + title + "」") { return true }
        // A subpage's title line shows its whole path (`高等学校化学I/中和反応` over the lead
        // `中和反応(ちゅうわはんのう)とは、…`: a ウィキブックス book is a page and its subpages).
        // (A `/` character holds the byte 2F: a line without it, a long paragraph as a rule, is
        // not walked `Character` by `Character`.)
        if text.containsBytes("/"), let slash = text.lastIndex(of: "/"), slash != text.startIndex, text.index(after: slash) != text.endIndex,
            !title.contains("/"), isHeaderTitle(text), ChromeRules.foldKey(String(text[text.index(after: slash)...])) == key
        {
            return true
        }
        guard line.hasPrefix(key) else { return false }
        // Weblio's section-page headword `X 概要`; a page titled `Xとは` over its lead `Xとは、…`
        // (a glossary page's own name, as @wiki pages are often named: `FreeNetとは`).
        let rest = ChromeRules.foldKey(String(line.dropFirst(key.count)).trimmingSpaces)
        return rest == Self.overviewKey || rest == "とは"
    }

    private static let overviewKey = ChromeRules.foldKey("概要")

    /// A Weblio section page's headword over the article's name (ウィキペディア小見出し辞書,
    /// weblio.jp/wkpja/content/X_Y: `ギザの大ピラミッド 概要` over `ギザの大ピラミッド`): the
    /// name, a space (normalize takes it out between two Japanese characters), and a section's
    /// name of at most 20 characters with no punctuation.
    static func isSectionHeadword(_ headword: String, of name: String) -> Bool {
        guard isHeaderTitle(name), headword.utf8.count > name.utf8.count, headword.hasPrefix(name) else { return false }
        let section = headword.utf8Copy(name.utf8.count, headword.utf8.count).trimmingSpaces
        return !section.isEmpty && section.unicodeScalars.count <= 20 && isHeaderTitle(section) && !section.contains(" ")
    }

    /// A page's h1 title over its tagline, as a headline may be: at most 80 characters, no
    /// sentence end (a clause mark is fine: `嵐山で紅葉が見頃に、週末の観光客で混雑`), not a
    /// truncated preview.
    static func isHeadlineTitle(_ t: String) -> Bool {
        guard !t.isEmpty, t.utf8.count <= 320, t.unicodeScalars.count <= 80 else { return false }
        return !t.unicodeScalars.contains { "。．!?！？".unicodeScalars.contains($0) } && !t.hasSuffix("...") && !t.hasSuffix("…")
    }

    /// A page title standing alone as a header line: short (at most 40 characters), no
    /// sentence or clause punctuation, not a truncated preview.
    /// The title and reading a lead gives when it names the page of `titleLine`
    /// (`通潤橋(つうじゅんきょう)は、…` under `通潤橋`, or `ゼルダの伝説は、…` with no reading); nil
    /// when it names another or is no lead.
    static func leadUnderFirstHeading(_ text: String, titleLine: String) -> (title: String, reading: String?)? {
        if let lead = JapaneseText.parseLead(text) {
            return isTitleLine(titleLine, title: lead.title) ? (lead.title, lead.reading) : nil
        }
        return leadNames(text, title: titleLine) ? (titleLine, nil) : nil
    }

    ///
    /// On the bytes, a scalar a turn (its first byte gives its length): each of those marks is
    /// one scalar, found as its bytes; a text whose bytes do not end in `...` or `…` has no
    /// such suffix (neither mark has a canonical equivalent, and a last character equal to one
    /// is that scalar alone). Only a text whose bytes end so is asked as `Character`s. (Each
    /// scalar looked up among the marks' scalars, and both suffixes asked as `Character`s,
    /// cost some 640 instructions a title.)
    static func isHeaderTitle(_ t: String) -> Bool {
        guard !t.isEmpty, t.utf8.count <= 160 else { return false }
        let decided: Bool? = t.withUTF8Bytes { p in
            let n = p.count
            var i = 0
            var scalars = 0
            while i < n {
                let b = p[i]
                scalars += 1
                if b < 0x80 {
                    if b == 0x21 || b == 0x3F { return false }  // ! ?
                    i += 1
                } else if b < 0xE0 {
                    i += 2
                } else if b < 0xF0 {
                    let b1 = p[i + 1]
                    let b2 = p[i + 2]
                    if b == 0xE3 && b1 == 0x80 && (b2 == 0x81 || b2 == 0x82) { return false }  // 、 。
                    // ！ (EF BC 81), ， (EF BC 8C), ． (EF BC 8E), ？ (EF BC 9F)
                    if b == 0xEF && b1 == 0xBC && (b2 == 0x81 || b2 == 0x8C || b2 == 0x8E || b2 == 0x9F) { return false }
                    i += 3
                } else {
                    i += 4
                }
            }
            guard scalars <= 40 else { return false }
            let dots = n >= 3 && p[n - 1] == 0x2E && p[n - 2] == 0x2E && p[n - 3] == 0x2E
            let ellipsis = n >= 3 && p[n - 1] == 0xA6 && p[n - 2] == 0x80 && p[n - 3] == 0xE2
            return dots || ellipsis ? nil : true
        }
        return decided ?? (!t.hasSuffix("...") && !t.hasSuffix("…"))
    }

    /// The title of a talk page: a header title whose namespace, before the first `:`, is a
    /// talk namespace (`ノート`, `利用者‐会話`, `Wikipedia‐ノート`, `Template‐ノート`, …; chrome
    /// catalogue §2, the jawiki namespace names) followed by the page name.
    /// A text with no `:` nor `：` (EF BC 9A) among its bytes has no colon character (neither
    /// has a canonical equivalent): turned down before ``isHeaderTitle(_:)`` and the search by
    /// `Character`s (some 1,500 instructions a title line). A text too long for a header
    /// title is turned down before its bytes are read.
    static func isTalkPageTitle(_ t: String) -> Bool {
        guard t.utf8.count <= 160 else { return false }
        let hasColon = t.withUTF8Bytes { p in
            var i = 0
            while i < p.count {
                if p[i] == 0x3A || (p[i] == 0xEF && i + 2 < p.count && p[i + 1] == 0xBC && p[i + 2] == 0x9A) { return true }
                i += 1
            }
            return false
        }
        guard hasColon, isHeaderTitle(t), let colon = t.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return false }
        guard talkNamespaces.contains(String(t[..<colon].map { $0 == "-" ? "‐" : $0 })) else { return false }
        return !String(t[t.index(after: colon)...]).trimmingSpaces.isEmpty
    }

    /// The jawiki talk namespaces (1, 3, 5, …, 829); the separator is U+2010, which a copy may
    /// have turned into `-`.
    static let talkNamespaces: Set<String> = Set(["ノート", "利用者‐会話"] + [
        "Wikipedia", "ファイル", "MediaWiki", "Template", "Help", "Category", "Portal", "プロジェクト", "MOS", "TimedText", "モジュール",
    ].map { $0 + "‐ノート" })

    /// The reading a dictionary entry's headword line gives its title: `灯台(とうだい)` (the
    /// title, then its kana reading in parentheses, nothing after), or `いのしし【猪】` (a title in
    /// kana, then its spelling in brackets); nil for any other line.
    static func headwordReading(_ t: String, title: String) -> String? {
        guard t.utf8.count <= 240, t.hasPrefix(title) else { return nil }
        let rest = t.dropFirst(title.count)
        if rest.hasPrefix("("), rest.hasSuffix(")") {
            let inner = String(rest.dropFirst().dropLast()).trimmingSpaces
            return !inner.isEmpty && isReadingLine(inner) ? inner : nil
        }
        if rest.hasPrefix("【"), rest.hasSuffix("】"), isReadingLine(title) { return title }
        return nil
    }

    /// A kana reading alone on a line (at most 60 characters).
    /// A page's short description as a skin prints it under the title (`日本語文章表記の体系`,
    /// `日本最高峰の山`, a translated `日本、兵庫県姫路市の城`): a phrase of at most `maximum`
    /// characters, not a sentence (no `。`), not cut off, no lead, and no kana reading (a
    /// reading line under the title is read as one). Shared by detect-boundaries (the mobile
    /// header) and strip-chrome (between an h1 and its infobox's title).
    static func isShortDescription(_ t: String, maximum: Int = 60) -> Bool {
        t.utf8.count <= 4 * maximum && t.unicodeScalars.count <= maximum && !t.containsKuten && !endsTruncated(t) && !isReadingLine(t)
            && !JapaneseText.opensWithLead(t)
    }

    static func isReadingLine(_ t: String) -> Bool {
        // The bound on the bytes first: a paragraph is not counted to its end.
        !SplitHeadings.hasMoreScalars(t, than: 60) && isKanaOnly(t)
    }

    /// Whether `reading` can be the reading of `title`: any kana reading for a title with
    /// kanji or letters; for a title all in kana, its own sounds in the other script.
    /// The reading glued after the title in a lead whose ruby lost its parentheses: the lead
    /// opens with the title line, which has a kanji and does not end in hiragana, then (after a
    /// space or none) two or more hiragana that spell its kana, then `は、` or `とは、`
    /// (`新世界訳聖書` over `新世界訳聖書しんせかいやくせいしょは、…`); nil otherwise.
    static func rubyReading(after titleLine: String, in lead: String) -> String? {
        let line = titleLine.trimmingSpaces
        guard !line.isEmpty, lead.hasPrefix(line), line.unicodeScalars.count <= 60,
            line.unicodeScalars.contains(where: { JapaneseText.script($0.value) == .kanji }),
            let last = line.unicodeScalars.last, !UTF8Scan.isHiragana(last.value)
        else { return nil }
        var run = String.UnicodeScalarView()
        var rest = lead.unicodeScalars.dropFirst(line.unicodeScalars.count)
        if rest.first == " " { rest = rest.dropFirst() }
        for c in rest {
            if c == "、" || c == "," { break }
            guard UTF8Scan.isHiragana(c.value) || c == "ー", run.count < 60 else { return nil }
            run.append(c)
        }
        let text = String(run)
        for end in ["とは", "は"] where text.hasSuffix(end) {
            let reading = String(text.unicodeScalars.dropLast(end.unicodeScalars.count))
            if reading.unicodeScalars.count >= 2, spellsKana(of: line, reading) { return reading }
        }
        return nil
    }

    static func mayBeReadAs(_ title: String, _ reading: String) -> Bool {
        guard isKanaOnly(title) else { return true }
        return reading != title && katakana(reading) == katakana(title)
    }

    /// Whether `reading` has a kana at least for each kanji of `title` and holds each run of
    /// the title's kana (`・` and `ー` left out), in order, whatever the script
    /// (`東京タワー` `とうきょうたわー`; not `さくらんぼ` for `日本の城一覧`). Not for a page
    /// header's title, which may carry a label (`洞爺湖 単語`).
    static func spellsKana(of title: String, _ reading: String) -> Bool {
        func isKana(_ c: Unicode.Scalar) -> Bool { (UTF8Scan.isHiragana(c.value) || UTF8Scan.isKatakana(c.value)) && c != "・" && c != "ー" }
        let r = Array(katakana(reading).unicodeScalars).filter(isKana)
        var kanji = 0
        var runs: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        for c in katakana(title).unicodeScalars {
            if isKana(c) {
                run.append(c)
                continue
            }
            if !run.isEmpty { runs.append(run) }
            run.removeAll()
            if UTF8Scan.isKanji(c.value) { kanji += 1 }
        }
        if !run.isEmpty { runs.append(run) }
        guard r.count >= kanji else { return false }
        var at = 0
        for run in runs {
            guard let found = (at..<max(at, r.count - run.count + 1)).first(where: { r[$0..<($0 + run.count)].elementsEqual(run) }) else { return false }
            at = found + run.count
        }
        return true
    }

    /// Hiragana turned into katakana (`びわこ` → `ビワコ`), other scalars as they are.
    static func katakana(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { (0x3041...0x3096).contains($0.value) ? Unicode.Scalar($0.value + 0x60)! : $0 }))
    }

    /// A stray entry that is a title in kanji with its hiragana reading glued after it
    /// (`彦根城ひこねじょう`, `霧島山きりしまやま`): the title and the reading, or nil. The title has
    /// three kanji or more (one kanji and kana is a word with its okurigana: `落ちこぼれ`; two
    /// kanji and a kana word of four or more make many a song's or programme's name:
    /// `横浜たそがれ`, `天才てれびくん`, `花咲かじいさん`, so `立山たてやま` stays whole too), the
    /// reading at least two kana for each kanji, and it does not open with a particle (`山のあなた`).
    static func titleGluedToReading(_ t: String) -> (title: String, reading: String)? {
        let u = Array(t.unicodeScalars)
        var k = 0
        while k < u.count, UTF8Scan.isKanji(u[k].value) { k += 1 }
        guard k >= 3, u.count - k >= 2 * k, !"のはがをにへもとで".unicodeScalars.contains(u[k]),
            u[k...].allSatisfy({ UTF8Scan.isHiragana($0.value) || $0 == "ー" })
        else { return nil }
        var title = String.UnicodeScalarView()
        title.append(contentsOf: u[..<k])
        var reading = String.UnicodeScalarView()
        reading.append(contentsOf: u[k...])
        return (String(title), String(reading))
    }

    /// The name, and the reading when it is whole, of a preview's lead cut inside its
    /// parenthesis (the text before the truncation mark): `河東碧梧桐(かわひがしへきごとう、1873年(明治6年)2月26日-1`
    /// (a biography's dates fill the parenthesis, and a preview of 100 characters ends in it),
    /// `河東碧梧桐(かわひがしへきご` (cut in the reading: the name only). The name is 1 to 60
    /// scalars of kanji, kana, letters or digits (spaces between), the parenthesis never closes,
    /// and its first part, up to `、` or the end, is kana (`ー`, `・` and spaces allowed), two at
    /// least. Nil for any other text.
    static func leadCutInParenthesis(_ text: String) -> (title: String, reading: String?)? {
        guard text.utf8.count <= 4 * 200 else { return nil }
        let u = Array(text.trimmingSpaces.unicodeScalars)
        guard let open = u.firstIndex(where: { $0 == "(" || $0 == "（" }), open >= 1, open <= 60 else { return nil }
        for c in u[..<open] where c != " " {
            switch JapaneseText.script(c.value) {
            case .kanji, .katakana, .hiragana, .alnum: continue
            default: return nil
            }
        }
        var depth = 0
        for c in u[open...] {
            if c == "(" || c == "（" { depth += 1 }
            if c == ")" || c == "）" { depth -= 1 }
            if depth == 0 { return nil }
        }
        let comma = u[(open + 1)...].firstIndex(of: "、") ?? u.count
        let part = u[(open + 1)..<comma].filter { $0 != " " }
        guard part.count >= 2, part.allSatisfy({ UTF8Scan.isHiragana($0.value) || UTF8Scan.isKatakana($0.value) || $0 == "ー" || $0 == "・" })
        else { return nil }
        let name = String(String.UnicodeScalarView(u[..<open])).trimmingSpaces
        return (name, comma < u.count ? String(String.UnicodeScalarView(part)) : nil)
    }

    /// `ドラえもんは、…`, `かぐや姫とは、…`: the subject of a preview's lead with no parenthesis,
    /// where the name holds a kana that ``JapaneseText/parseLead(_:)`` takes for a particle
    /// (`も`, `や`, `の`, …) and so reads no lead. Only for a line that structure already makes
    /// another page's preview (a fragment: after a page's end, among previews): a preview opens
    /// with its page's lead, whose subject is the page's name. Still no clause: the subject is 1
    /// to 30 scalars before `は、` or `とは、`, with no space, bracket or punctuation, does not open
    /// with a demonstrative (`この町は、`, `それは、`, `どこまでは、`; `かぐや姫` does open with
    /// hiragana), and has no particle `が を に で へ も と` right
    /// after a kanji (`日本でも東京は、`, `駅前に店は、`), whereas a kana word runs on (`ドラえもん`),
    /// nor ends in one (`ドイツには、`, `東京からは、`).
    static func previewSubject(_ text: String) -> String? {
        // Bytes first: `は、` (E3 81 AF E3 80 81) within the first 32 scalars' bytes.
        let found: Int? = text.withUTF8Bytes { p in
            let n = min(p.count, 4 * 32 + 6)
            var i = 3
            while i + 6 <= n {
                if p[i] == 0xE3, p[i + 1] == 0x81, p[i + 2] == 0xAF, p[i + 3] == 0xE3, p[i + 4] == 0x80, p[i + 5] == 0x81 { return i }
                i += 1
            }
            return nil
        }
        guard let ha = found else { return nil }
        var u = Array(text.utf8Copy(0, ha).unicodeScalars)
        if u.last == "と", u.count > 1 { u.removeLast() }
        guard (1...30).contains(u.count) else { return nil }
        for w in demonstratives where u.starts(with: w) {
            // `この町`, `それ`, `ここでは、`, but not `こころ` (`ここ` running on in a word).
            if u.count == w.count || !UTF8Scan.isHiragana(u[w.count].value) || "でにがをもへとの".unicodeScalars.contains(u[w.count]) { return nil }
        }
        // A subject that ends in a particle is an adverbial (`ドイツには、`, `東京からは、`).
        if let last = u.last, "でにへがをもの".unicodeScalars.contains(last) { return nil }
        if u.count >= 2, (u[u.count - 2], u[u.count - 1]) == ("か", "ら") || (u[u.count - 2], u[u.count - 1]) == ("よ", "り") { return nil }
        var previous: Unicode.Scalar?
        for c in u {
            switch c {
            case " ", "\u{3000}", "、", "。", "「", "」", "『", "』", "(", ")", "（", "）", ",", "，", ":", "：", "!", "?", "！", "？", "…", ".":
                return nil
            case "が", "を", "に", "で", "へ", "も", "と":
                if let previous, UTF8Scan.isKanji(previous.value) { return nil }
            default: break
            }
            previous = c
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: u)
        return String(v)
    }

    private static let demonstratives: [[Unicode.Scalar]] = [
        "この", "その", "あの", "どの", "これ", "それ", "あれ", "どれ", "ここ", "そこ", "あそこ", "どこ", "こちら", "そちら", "あちら", "どちら",
        "こんな", "そんな", "あんな", "どんな",
    ].map { Array($0.unicodeScalars) }

    /// The update date a list of previews puts at the start of a preview's line, before its
    /// lead (`2024年3月1日 富士山(…)は、…`, `2024-05-02 東大寺(…)は、…`, `2024/03/01 12:00 …`): its
    /// length in bytes with the spaces after it, or nil. A full date (year, month and day; a
    /// year alone opens many a title: `1964年東京オリンピック`), then an optional weekday in
    /// parentheses, time and `更新`; what follows must read as a lead of its own (so a date
    /// article's own lead, `3月1日(さんがつついたち)は、`, keeps its name).
    static func leadingDate(_ text: String) -> Int? {
        text.withUTF8Bytes { p -> Int? in
            let n = p.count
            var i = 0
            func digits(_ most: Int) -> Bool {
                let s = i
                while i < n, i - s < most, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
                return i > s
            }
            func word(_ w: StaticString) -> Bool {
                let k = w.utf8CodeUnitCount
                guard i + k <= n, memcmp(p.baseAddress! + i, w.utf8Start, k) == 0 else { return false }
                i += k
                return true
            }
            func spaces() { while i < n, p[i] == 0x20 { i += 1 } }
            guard n > 0, p[0] >= 0x31, p[0] <= 0x39, digits(4) else { return nil }
            if word("年") {
                guard digits(2), word("月"), digits(2), word("日") else { return nil }
            } else if i < n, p[i] == 0x2D || p[i] == 0x2F {  // - /
                let sep = p[i]
                i += 1
                guard digits(2), i < n, p[i] == sep else { return nil }
                i += 1
                guard digits(2) else { return nil }
            } else {
                return nil
            }
            // A weekday `(金)`.
            if i + 5 <= n, p[i] == 0x28, p[i + 4] == 0x29 { i += 5 }
            let beforeTime = i
            spaces()
            if digits(2), i < n, p[i] == 0x3A {
                i += 1
                guard digits(2) else { return nil }
                if i < n, p[i] == 0x3A {
                    i += 1
                    guard digits(2) else { return nil }
                }
            } else {
                i = beforeTime
            }
            spaces()
            _ = word("更新")
            spaces()
            guard i < n, i > 0 else { return nil }
            return i
        }
    }

    /// A dictionary portal's page header `X(読み)よみ`, with the other spelling after it
    /// (`コーパス言語学(読み)こーぱすげんごがく(その他表記)corpus linguistics`): コトバンク's h1,
    /// which names the headword and its reading before the entries of each dictionary.
    /// The title and the kana reading, or nil.
    static func dictionaryHeader(_ t: String) -> (title: String, reading: String)? {
        // `(読み)` after NFKC: 28 E8 AA AD E3 81 BF 29; the bytes are looked for first.
        let at = t.withUTF8Bytes { p -> Int in
            let n = p.count
            guard n >= 10, n <= 400 else { return -1 }
            var i = 1
            while i + 8 <= n {
                if p[i] == 0x28, p[i + 1] == 0xE8, p[i + 2] == 0xAA, p[i + 3] == 0xAD, p[i + 4] == 0xE3, p[i + 5] == 0x81, p[i + 6] == 0xBF, p[i + 7] == 0x29 {
                    return i
                }
                i += 1
            }
            return -1
        }
        guard at > 0 else { return nil }
        let n = t.utf8.count
        let title = t.utf8Copy(0, at).trimmingSpaces
        var reading = t.utf8Copy(at + 8, n)
        if let other = reading.range(of: "(その他表記)") { reading = String(reading[..<other.lowerBound]) }
        reading = reading.trimmingSpaces
        guard isHeaderTitle(title), !title.contains("("), reading.unicodeScalars.count <= 60, isKanaOnly(reading) else { return nil }
        return (title, reading)
    }

    /// On a dictionary portal's page (``dictionaryHeader(_:)``), each dictionary heads its
    /// entry with the headword as it prints it, and some sign it: a kana headword with the
    /// written form in 【】 (`とう‐だい【灯台】`, `ことば【言葉・詞・辞】`); the headword, its
    /// reading and its term in another script one a line (`灯台` / `とうだい` / `lighthouse`,
    /// 日本大百科全書); the author's name in brackets after the entry or a part of it
    /// (`[投野由紀夫]`). They name the entry and its writer; they are no text of it.
    static func dropDictionaryHeadwords(_ blocks: inout [Block], title: String, reading: String, context: inout StageContext) {
        let readingKey = katakana(reading)
        var k = 0
        while k < blocks.count {
            let text = blocks[k].text
            if blocks[k].role == .heading, isAuthorSignature(text) {
                // A signature between a part and the next entry, taken for a heading.
                context.recordRemoval(rule: dictionaryHeadwordRule, text: text, line: blocks[k].line)
                blocks.remove(at: k)
                continue
            }
            guard blocks[k].role == .paragraph else { k += 1; continue }
            if text == title, k + 1 < blocks.count, blocks[k + 1].role == .paragraph, katakana(blocks[k + 1].text) == readingKey {
                var end = k + 2
                if end < blocks.count, blocks[end].role == .paragraph, isOtherScriptTerm(blocks[end].text) { end += 1 }
                for b in blocks[k..<end] { context.recordRemoval(rule: dictionaryHeadwordRule, text: b.text, line: b.line) }
                blocks.removeSubrange(k..<end)
                continue
            }
            if isBracketedHeadword(text, title: title) || isAuthorSignature(text) {
                context.recordRemoval(rule: dictionaryHeadwordRule, text: text, line: blocks[k].line)
                blocks.remove(at: k)
                continue
            }
            k += 1
        }
    }

    /// `とう‐だい【灯台】`: kana (with `‐`, `-`, `・`, `ー`) and the title among the written
    /// forms in 【】 at the end.
    static func isBracketedHeadword(_ t: String, title: String) -> Bool {
        guard t.unicodeScalars.count <= 60, t.hasSuffix("】"), let open = t.firstIndex(of: "【") else { return false }
        let head = t[..<open].unicodeScalars.filter { $0 != "‐" && $0 != "-" && $0 != " " }
        guard !head.isEmpty, isKanaOnly(String(String.UnicodeScalarView(head))) else { return false }
        let forms = t[t.index(after: open)..<t.index(before: t.endIndex)]
        return forms.split(whereSeparator: { $0 == "・" || $0 == "/" || $0 == "／" }).contains { $0 == title[...] } || forms == title[...]
    }

    /// `[投野由紀夫]`: a name in brackets alone on a line, no digit (a note mark `[1]` has one).
    static func isAuthorSignature(_ t: String) -> Bool {
        let s = t.unicodeScalars
        guard s.count >= 3, s.count <= 30, s.first == "[", s.last == "]" else { return false }
        return !s.dropFirst().dropLast().contains { $0 == "[" || $0 == "]" || ("0"..."9").contains($0) || $0 == "。" }
    }

    /// `lighthouse`, `corpus linguistics`: Latin letters, spaces and a few marks only.
    static func isOtherScriptTerm(_ t: String) -> Bool {
        !t.isEmpty && t.unicodeScalars.count <= 80 && t.unicodeScalars.contains { $0.properties.isAlphabetic }
            && t.unicodeScalars.allSatisfy { $0.value < 0x250 && ($0.properties.isAlphabetic || " -'.,()".unicodeScalars.contains($0)) }
    }

    /// Katakana only (with `ー` and `・`), no hiragana.
    static func isKatakanaOnly(_ t: String) -> Bool {
        !t.isEmpty && t.unicodeScalars.allSatisfy { UTF8Scan.isKatakana($0.value) || $0 == "ー" || $0 == "・" }
    }

    static func isKanaOnly(_ t: String) -> Bool {
        !t.isEmpty && t.unicodeScalars.allSatisfy { UTF8Scan.isHiragana($0.value) || UTF8Scan.isKatakana($0.value) || $0 == "ー" || $0 == "・" }
    }

    /// `薬師寺薬師寺` read as a lead's subject over the reading of one `薬師寺`: a title line
    /// (a preview's, an h1) glued onto the lead that repeats it, as the seed's breadcrumb
    /// `… > 高等工業学校高等工業学校(…)` glues its last crumb. The subject once, or nil. A word
    /// doubled in its own right is read doubled too (`トムトム(とむとむ)`). A subject with no
    /// reading is taken only when the name is no reduplicated word (`ワンワンは、`): two kanji or
    /// more, or six characters or more (`函館朝市函館朝市とは、`, `ラッキーピエロラッキーピエロは、`).
    static func gluedTitleLine(_ subject: String, reading: String?) -> String? {
        // The bytes first: two equal halves (the second half then starts on a character, as
        // the first does), compared at once, before any string is made.
        let n = subject.utf8.count
        guard n >= 4, n % 2 == 0, subject.withUTF8Bytes({ p in memcmp(p.baseAddress!, p.baseAddress! + n / 2, n / 2) == 0 }) else { return nil }
        let once = subject.scalarAlignedSlice(0, n / 2)
        guard once.unicodeScalars.count >= 2, !once.hasPrefix(" "), !once.hasSuffix(" ") else { return nil }
        guard let reading else {
            let long = once.unicodeScalars.count >= 6 || once.unicodeScalars.lazy.filter({ UTF8Scan.isKanji($0.value) }).count >= 2
            return long ? once : nil
        }
        if let doubled = readingIsDoubled(reading) { return doubled ? nil : once }
        let r = reading.filter { $0 != " " && $0 != "　" }
        if r.count % 2 == 0, r.hasSuffix(String(r.prefix(r.count / 2))) { return nil }
        return once
    }

    /// ``gluedTitleLine(_:reading:)``'s test of the reading (its characters but spaces, ` ` and
    /// `　`, an even number of them whose second half repeats the first) on the bytes, when every
    /// other scalar is one that stands as a character of its own and has no other canonical form
    /// (printable ASCII, kana and `ー` `・`, the CJK ideographs U+4E00–9FFF): characters are then
    /// scalars, and equal ones equal bytes. Nil (undecided) when the reading holds another scalar.
    /// On `Character`s the filter, count and suffix test cost some 35,000 instructions a reading.
    static func readingIsDoubled(_ reading: String) -> Bool? {
        reading.withUTF8Bytes { p -> Bool? in
            let n = p.count
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 1) { kept -> Bool? in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: n + 1) { starts -> Bool? in
                    // The reading without its spaces, and where each of its scalars starts there.
                    var length = 0
                    var count = 0
                    var i = 0
                    while i < n {
                        let d = UTF8Scan.decode(p, i)
                        let c = d.scalar
                        if c != 0x20 && c != 0x3000 {
                            let plain = (c >= 0x21 && c <= 0x7E) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FC)
                                || (c >= 0x4E00 && c <= 0x9FFF)
                            guard plain else { return nil }
                            starts[count] = length
                            count += 1
                            for k in 0..<d.length { kept[length + k] = p[i + k] }
                            length += d.length
                        }
                        i += d.length
                    }
                    guard count % 2 == 0 else { return false }
                    let half = count / 2
                    let cut = half < count ? starts[half] : length
                    return cut * 2 == length && (0..<cut).allSatisfy { kept[$0] == kept[cut + $0] }
                }
            }
        }
    }

    /// A MediaWiki page name with its qualifier as the wiki writes it, a space before the
    /// parenthesis (`ピカチュウ (アニメ)`): ``isQualifiedTitle(_:)`` and nothing after it.
    static func isQualifiedPageName(_ t: String) -> Bool {
        (t.containsBytes(" (") || t.containsBytes(" （")) && isQualifiedTitle(t)
    }

    /// A page name with its qualifier (``isQualifiedPageName(_:)``, `額 (曖昧さ回避)`) whose name is `title`.
    static func isQualifiedName(_ text: String, of title: String) -> Bool {
        guard isQualifiedPageName(text) else { return false }
        let u = text.unicodeScalars
        guard let open = u.firstIndex(where: { $0 == "(" || $0 == "（" }) else { return false }
        return ChromeRules.foldKey(String(u[..<open]).trimmingSpaces) == ChromeRules.foldKey(title)
    }

    /// `name (qualifier)` and nothing else: a Wikipedia page name that another page of the
    /// same name makes say what it is (`呼吸 (曖昧さ回避)`, `東京 (小説)`, `マーキュリー (惑星)`).
    /// The name is 1 to 30 scalars, the qualifier 1 to 20 with no space, digit or sentence in
    /// it (not a photo's date, `大仏殿(2009年)`), closing the line.
    static func isQualifiedTitle(_ t: String) -> Bool {
        let u = Array(t.unicodeScalars)
        guard let open = u.firstIndex(where: { $0 == "(" || $0 == "（" }), u.last == ")" || u.last == "）" else { return false }
        let name = open > 0 && u[open - 1] == " " ? open - 1 : open
        guard name >= 1, name <= 30, u[0] != " ", u.count - open - 2 >= 1, u.count - open - 2 <= 20 else { return false }
        return !u[(open + 1)..<(u.count - 1)].contains(where: {
            $0 == " " || $0 == "　" || $0 == "、" || $0 == "。" || $0 == "(" || $0 == "（" || UTF8Scan.isDigit(UTF8Scan.fold($0.value))
        })
    }

    /// A title line glued onto the lead that opens with the name again, where the lead's
    /// subject alone does not show it (``gluedTitleLine(_:reading:)`` takes `薬師寺薬師寺(…)`):
    /// the title line with its qualifier (`ハリー・ポッター (曖昧さ回避)ハリー・ポッター(…)は、`,
    /// `東京 (小説)『東京』(…)は、`: a Wikipedia page name that another page of the same name
    /// makes say what it is), or before a lead that quotes the name (`銀河鉄道の夜『銀河鉄道の夜』(…)は、`).
    /// The title line as written, the lead after it, the lead's title and reading, or nil. The
    /// qualifier is short (at most 20 scalars) and no sentence.
    static func qualifiedTitleLine(_ text: String) -> (head: String, rest: String, title: String, reading: String?)? {
        // On bytes: most leads this is asked of have no parenthesis or quote early, or no name after it.
        let cut = text.withUTF8Bytes { p -> (name: Int, after: Int)? in
            let n = p.count
            func isQuote(_ i: Int) -> Bool { i + 2 < n && p[i] == 0xE3 && p[i + 1] == 0x80 && (p[i + 2] == 0x8C || p[i + 2] == 0x8E) }  // 「 『
            guard let (open, quote) = qualifiedTitleOpening(p) else { return nil }
            var name = quote
            var head = quote
            if open >= 1 {
                name = p[open - 1] == 0x20 ? open - 1 : open
                guard name >= 1 else { return nil }
                var i = open + (p[open] == 0x28 ? 1 : 3)
                var scalars = 0
                while i < n, scalars <= 20 {
                    let d = UTF8Scan.decode(p, i)
                    if d.scalar == 0x29 || d.scalar == 0xFF09 {
                        guard scalars >= 1 else { return nil }
                        head = i + d.length
                        break
                    }
                    if d.scalar == 0x3001 || d.scalar == 0x3002 || d.scalar == 0x28 || d.scalar == 0xFF08 { return nil }
                    i += d.length
                    scalars += 1
                }
                guard head > open else { return nil }
            }
            // The name again, quoted or not (after a bare title line, quoted).
            var r = head
            let quoted = isQuote(r)
            guard quoted || open >= 1 else { return nil }
            if quoted { r += 3 }
            guard n - r > name, memcmp(p.baseAddress! + r, p.baseAddress!, name) == 0 else { return nil }
            if quoted {
                let c = r + name
                guard c + 2 < n, p[c] == 0xE3, p[c + 1] == 0x80, p[c + 2] == 0x8D || p[c + 2] == 0x8F else { return nil }  // 」 』
            }
            return (name, head)
        }
        guard let cut else { return nil }
        let rest = text.utf8Copy(cut.after, text.utf8.count)
        guard let lead = JapaneseText.parseLead(rest), lead.title.utf8.count == cut.name else { return nil }
        return (text.utf8Copy(0, cut.after), rest, lead.title, lead.reading)
    }

    /// Where ``qualifiedTitleLine(_:)``'s title line may end: the first `(` or `（` (`open`) or
    /// `「` or `『` (`quote`, the other -1) among the first 61 scalars of `p`, with no `、` or `。`
    /// before it, after the first byte (not a space); nil otherwise. Found on the bytes
    /// (``JapaneseText/firstLeadMark(_:from:to:quotes:)``: the 61 scalars lie in the first 244
    /// bytes) and the scalars before it counted after: decoded one by one, they cost some 1,250
    /// instructions a line.
    static func qualifiedTitleOpening(_ p: UnsafeBufferPointer<UInt8>) -> (open: Int, quote: Int)? {
        let mark = JapaneseText.firstLeadMark(p, from: 0, to: min(p.count, 61 * 4), quotes: true)
        guard mark >= 1, p[0] != 0x20, UTF8Scan.scalarCount(UnsafeBufferPointer(rebasing: p[0..<mark])) <= 60 else { return nil }
        // `(` is 28 and `（` starts with EF; `「` and `『` are E3 80 8C, 8E; `、` and `。` (E3 80 81,
        // 82) end the search with no name.
        if p[mark] == 0x28 || p[mark] == 0xEF { return (mark, -1) }
        return p[mark + 2] >= 0x8C ? (-1, mark) : nil
    }

    /// A lead's subject that is a title line glued onto the lead that names it again, the
    /// title line being Weblio's section-page headword (`桜島 概要桜島`, ``isTitleLine(_:title:)``):
    /// the name once, or nil.
    static func headwordBeforeSubject(_ subject: String) -> String? {
        // Most subjects hold no scalar twice: one byte search rules them out.
        guard subject.withUTF8Bytes(firstScalarRecurs) else { return nil }
        // The cheap test first, on the bytes (the subject opens with its last n scalars: the
        // same bytes); only then the strings and their matching forms.
        var found: [Int] = []
        withScalarOffsets(subject) { p, off, count in
            var n = (count - 2) / 2
            while n >= 1 {
                if count - n > n, sameBytes(p, 0..<off[n], off[count - n]..<p.count) { found.append(off[count - n]) }
                n -= 1
            }
        }
        for cut in found {
            let once = subject.utf8Copy(cut, subject.utf8.count)
            let before = subject.utf8Copy(0, cut)
            if isTitleLine(before, title: once) { return once }
            // `セガ 概要株式会社セガ`: the lead's subject opens with a legal form the page's
            // name leaves out (``JapaneseText/legalForms``).
            if let form = JapaneseText.legalFormSuffixLength(before), isTitleLine(String(before.dropLast(form)), title: once) { return once }
        }
        return nil
    }

    /// Whether the first scalar of `p` (valid UTF-8) occurs again after it, on the bytes. A
    /// subject that opens with its own last `n` scalars (``headwordBeforeSubject(_:)``,
    /// ``infoboxBeforeSubject(_:)``, `n` >= 1, the two runs apart) holds its first scalar's
    /// bytes again where the last `n` start: without them, neither can match, and neither
    /// needs its scalar offsets.
    static func firstScalarRecurs(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !p.isEmpty else { return false }
        let length = UTF8Scan.decode(p, 0).length
        return UTF8Scan.find(UnsafeBufferPointer(rebasing: p[0..<length]), in: p, from: length) != nil
    }

    /// Calls `body` with the UTF-8 of `s`, the byte offset of each of its scalars (and the
    /// byte count after the last), and the number of scalars: scalar positions without an
    /// array of scalars.
    static func withScalarOffsets(_ s: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeMutablePointer<Int>, Int) -> Void) {
        s.withUTF8Bytes { p in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: UTF8Scan.scalarCount(p) + 1) { off in
                let o = off.baseAddress!
                var k = 0
                for i in 0..<p.count where p[i] & 0xC0 != 0x80 {
                    o[k] = i
                    k += 1
                }
                o[k] = p.count
                body(p, o, k)
            }
        }
    }

    /// Whether two byte ranges of `p` hold the same bytes.
    @inline(__always)
    static func sameBytes(_ p: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.count == b.count && (a.isEmpty || (p[a.lowerBound] == p[b.lowerBound] && memcmp(p.baseAddress! + a.lowerBound, p.baseAddress! + b.lowerBound, a.count) == 0))
    }

    /// A lead's subject that opens and closes with the same name, with a run of label and value
    /// text between (`ホンドタヌキ分類界動物界…科イヌ科ホンドタヌキ(本土狸)は、`): an infobox whose
    /// header repeats the title and whose fields a scrape glued together with no
    /// `テンプレートを表示` after them (a Fandom portable infobox has no navbar), glued onto the
    /// lead. The name and the length in scalars of the infobox run before the lead's own subject, or nil.
    /// The name is at least 2 characters and the run between at least 6, with no space, comma
    /// or `・` in it (`アイ・ラブ・アイ` is one name).
    static func infoboxBeforeSubject(_ subject: String) -> (name: String, runLength: Int)? {
        // Most subjects hold no scalar twice: one byte search rules them out.
        guard subject.withUTF8Bytes(firstScalarRecurs) else { return nil }
        // On the bytes: equal scalars are equal bytes. The name's end (bytes) and the run's
        // length (scalars), or nil.
        var result: (nameEnd: Int, run: Int)?
        withScalarOffsets(subject) { p, off, count in
            guard count >= 10 else { return }
            var n = (count - 6) / 2
            while n >= 2 {
                if sameBytes(p, 0..<off[n], off[count - n]..<p.count) {
                    // No ` `, `　` (E3 80 80), `、` (E3 80 81), `,` or `・` (E3 83 BB) between.
                    var i = off[n]
                    let end = off[count - n]
                    while i < end {
                        let b = p[i]
                        if b == 0x20 || b == 0x2C { return }
                        if b == 0xE3, (p[i + 1] == 0x80 && (p[i + 2] == 0x80 || p[i + 2] == 0x81)) || (p[i + 1] == 0x83 && p[i + 2] == 0xBB) { return }
                        i += 1
                    }
                    result = (off[n], count - n)
                    return
                }
                n -= 1
            }
        }
        guard let result else { return nil }
        return (subject.utf8Copy(0, result.nameEnd), result.run)
    }
}
