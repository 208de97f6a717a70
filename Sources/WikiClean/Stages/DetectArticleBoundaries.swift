/// Splits a page into documents: articles and the stray entries around them (truncated
/// previews of other articles ending in `...` or `…`), and gives each its title, kana
/// reading, `kind` and `truncated`.
///
/// Titles and readings come from the lead (`タイトル(よみ、英: …)は、`, `タイトル(よみ)とは、`,
/// `タイトルは、`), or, when there is no lead, from the header of a flattened infobox.
/// Chrome lines belong to no document. A new article starts after a page-end signal
/// (a share button, a license footer) or at a lead line once the current article has text.
///
/// ```
/// 鼻葉(びよう)とは、小型のコウモリで発達している…役に立...
/// → fragment, title "鼻葉", reading "びよう", truncated, text without "..."
/// ```
public struct DetectArticleBoundaries: InfallibleStage {
    public static let identifier = "detect-boundaries"
    public static let summary = "Split a page into articles and truncated fragments; find titles, kana readings and kinds."

    /// Keep fragments (kind "fragment") in the output; when false they are filtered.
    public var keepFragments: Bool
    /// Longest preview line taken as a fragment on its own, in characters (longer truncated
    /// lines need a neighbouring preview or a page-end signal before them).
    public var maximumPreviewLength: Int
    /// Infobox field labels that mark the start of infobox residue in a preview.
    public var infoboxLabels: [String]

    public static let defaultInfoboxLabels = [
        "過去の名称", "国公私立", "設置者", "設立年月日", "創立記念日", "所在地", "通称", "生年", "没年", "生誕", "死没", "国籍", "職業",
        "分類および外部参照情報", "種類", "戦争", "年月日", "場所", "結果", "交戦勢力", "本名", "別名", "愛称", "ジャンル", "活動期間",
        "レーベル", "事務所", "公式サイト", "本社所在地", "代表者", "業種", "資本金", "人口", "面積", "標高", "所属", "出身地", "生年月日",
        "開業年", "座標", "所属事業者", "学校種別", "設立", "創業", "国", "種別", "基本情報",
        // Template:生物分類表 (taxobox) and Template:Infobox 鉄道路線 (a rail line's infobox).
        "保全状況評価", "分類", "学名", "和名", "英名", "概要", "起点", "終点", "駅数",
        // Template:化合物 (chembox), Template:サッカークラブ, Template:Infobox Album and
        // Template:基礎情報 テレビ番組: the first rows their previews open with.
        "IUPAC名", "識別情報", "CAS登録番号", "化学式", "モル質量", "原語表記", "クラブカラー", "ホームタウン", "リリース", "脚本", "出演者",
    ]

    public init(keepFragments: Bool = true, maximumPreviewLength: Int = 160, infoboxLabels: [String] = Self.defaultInfoboxLabels) {
        self.keepFragments = keepFragments
        self.maximumPreviewLength = maximumPreviewLength
        self.infoboxLabels = infoboxLabels
    }

    static let ellipsisRule = "ellipsis"
    static let infoboxRule = "infobox"
    static let titleLineRule = "title-line"
    static let readingLineRule = "reading-line"
    static let previewListHeadingRule = "preview-list-heading"
    static let previewDateRule = "preview-date"
    static let dictionaryHeadwordRule = "dictionary-headword"

    /// A date written out (`2023年01月04日`, `2023年1月4日(水) 12:00`): digits, 年 and 月, and
    /// nothing but digits, 日, a weekday in parentheses, a time and spaces. Only stray lines
    /// among previews are read so (an article's day heading `10月22日` is no stray line).
    static func isDateLine(_ text: String) -> Bool {
        guard text.utf8.count <= 60 else { return false }
        var year = false
        var month = false
        for c in text.unicodeScalars {
            switch c.value {
            case 0x30...0x39, 0xFF10...0xFF19, 0x20, 0x3000, 0x3A, 0xFF1A, 0x28, 0x29, 0xFF08, 0xFF09, 0x65E5: break  // digits : ( ) 日
            case 0x5E74: year = true  // 年
            case 0x6708: month = true  // 月
            case 0x706B, 0x6C34, 0x6728, 0x91D1, 0x571F: break  // 火 水 木 金 土 (月 日 above)
            default: return false
            }
        }
        return year && month
    }

    /// The units taken as stray entries among the previews (2 in the page's `strayCache`),
    /// read as `isStray[k]`.
    private struct StrayMarks {
        let cache: [Int8]
        init(_ cache: [Int8]) { self.cache = cache }
        subscript(_ k: Int) -> Bool { cache[k] == 2 }
    }

    /// The arrays that ``apply(to:context:)`` fills for each page, kept empty with their
    /// storage in the worker's ``StageContext`` from one page to the next: allocated anew for
    /// each page (reserved at the page's size), they cost some 330 instructions each to make
    /// (`reserveCapacity` on an empty array takes the general reallocation path) and more to
    /// free, about 0.9 M a cc4 run. Only their storage is reused: they hold nothing between
    /// pages, so the output does not depend on which pages a worker ran before.
    struct Scratch: Sendable {
        fileprivate var units: [LineUnit] = []
        fileprivate var current: [LineUnit] = []
        fileprivate var outside: [(rule: String, line: Int?)] = []
        fileprivate var stray: [Int8] = []
        init() {}
    }

    /// The blocks of one raw line: a range of the page's blocks.
    fileprivate struct LineUnit: Sendable {
        var range: Range<Int>
        var line: Int?
        /// All blocks are chrome (set once the line's blocks are grouped).
        var isChrome = false
        /// The first signal among the blocks (set once the line's blocks are grouped).
        var signal: Block.Signal?
        /// Where the truncation mark of the unit's last content block starts (its UTF-8
        /// offset, as ``truncationMarkStart(_:)`` finds it), or -1 when that block ends in
        /// none: kept so that the mark is cut there when the unit is a preview, not looked
        /// for again.
        var markStart: Int32 = -1
        /// The unit's last content block ends in a truncation mark (``endsTruncated(_:)``).
        var truncated: Bool { markStart >= 0 }
        /// A preview of another page (a truncated line taken as a fragment of its own); set
        /// once every unit is grouped. Kept here rather than in an array of its own per page.
        var isFragment = false

        init(range: Range<Int>, line: Int?) {
            self.range = range
            self.line = line
        }

        /// Index of the first block (a unit is never empty).
        var first: Int { range.lowerBound }
    }

    public func apply(to input: consuming Document, context: inout StageContext) -> [Document] {
        guard input.kind == .page else { return [input] }
        // Group blocks by raw line (blocks without a line stand alone). Units are ranges of
        // `all`: no block is copied until it goes into a document, and then it is moved there
        // (``takeBlock(_:_:)``), so the page's array is taken out of the document, which
        // keeps no reference to it (it would be copied whole at the first block moved).
        // `document`, the page without its blocks, is an ordinary binding (the code below
        // copies it where it needs to), not a variable that the local functions would capture.
        var all = input.blocks
        input.blocks = []
        let document = input
        // A document of this page with nothing of its own yet: each document is made in place
        // in `docs` from one (``makeDocument(from:_:fragment:page:titleOverTagline:metadataUnderTitle:into:context:)``).
        // A `Document` made and returned, or appended from a variable, was copied whole and the
        // first one destroyed. Made anew for each: a copy of one made once went through the
        // type's value witness (every field retained, some 230 instructions), where this
        // retains the three fields it takes from the page.
        func blank() -> Document { Document(id: "", source: document.source, meta: document.meta, extra: document.extra) }
        // The arrays below are taken out of the context (swapped, so that each stays unique
        // and keeps its storage) and put back empty at the end (``Scratch``).
        var grouped: [LineUnit] = []
        swap(&grouped, &context.boundaryScratch.units)
        grouped.removeAll(keepingCapacity: true)
        grouped.reserveCapacity(all.count)
        var i = 0
        while i < all.count {
            let line = all[i].line
            var j = i + 1
            if let line {
                while j < all.count, all[j].line == line { j += 1 }
            }
            var unit = LineUnit(range: i..<j, line: line)
            var chrome = true
            var signal: Block.Signal?
            var lastContent: Int?
            for b in i..<j {
                let role = all[b].role
                if role != .chrome { chrome = false }
                if role == .paragraph || role == .heading { lastContent = b }
                if signal == nil, let s = all[b].signal { signal = s }
            }
            unit.isChrome = chrome
            unit.signal = signal
            // Preview candidates: content lines that end in a truncation mark.
            if !chrome, let lastContent, let at = all[lastContent].text.withUTF8Bytes(Self.truncationMarkStart) { unit.markStart = Int32(at) }
            grouped.append(unit)
            i = j
        }
        var afterPageEnd = false
        // Whether any unit is a preview: with none, no line is a stray entry among previews.
        var anyFragment = false
        // Units of chrome and previews: what `outside` and `docs` below hold at most (reserved
        // once, not grown by doubling, a copy of what they held at each step).
        var chromeUnits = 0
        var fragmentUnits = 0
        for k in grouped.indices {
            if grouped[k].isChrome {
                chromeUnits += 1
                if grouped[k].signal == .pageEnd { afterPageEnd = true }
                if grouped[k].signal == .pageStart { afterPageEnd = false }
                continue
            }
            guard grouped[k].truncated else { continue }
            // Next to another preview or after a footer: a preview, whatever its length.
            if afterPageEnd || Self.neighbourTruncated(grouped, k) {
                grouped[k].isFragment = true
                anyFragment = true
                fragmentUnits += 1
                continue
            }
            if Self.isAtMost(maximumPreviewLength, scalarsIn: grouped[k], all) && !Self.betweenBodySentences(grouped, k, all) {
                grouped[k].isFragment = true
                anyFragment = true
                fragmentUnits += 1
            }
        }
        // From here on the units do not change: the functions below capture a constant (a
        // captured variable is boxed, with an exclusivity check at every access).
        let units = grouped
        // Which units are stray entries among the previews: found in a function of its own,
        // whose local functions capture its parameters (constants), not `all`, a variable here
        // that the documents' blocks are moved out of: a variable a local function captures is
        // boxed, and each `&all` passed on was checked for exclusivity at run time.
        var strayCache: [Int8] = []
        swap(&strayCache, &context.boundaryScratch.stray)
        Self.strayMarks(units, all, anyFragment: anyFragment, into: &strayCache)
        let isStray = StrayMarks(strayCache)
        strayCache = []

        // Reserved: a document for each preview and a few articles (stray entries, rarer, may
        // still grow it); a unit outside for each chrome unit (and the few lines cut as a
        // title or a header, rarer); the current article's units, at most all of them.
        var docs: [Document] = []
        docs.reserveCapacity(fragmentUnits + 4)
        var outside: [(rule: String, line: Int?)] = []
        swap(&outside, &context.boundaryScratch.outside)
        outside.reserveCapacity(chromeUnits + 2)
        var current: [LineUnit] = []
        swap(&current, &context.boundaryScratch.current)
        current.reserveCapacity(units.count)
        var sawPageEnd = false
        // The line of the article's first line when it is one paragraph with chrome only after
        // it up to a page-start line (`出典: …`, `提供: …`): every MediaWiki skin prints the
        // page's h1 title right over its tagline, the tabs and tools between them.
        var titleOverTagline: Int?
        // The article's first line is one paragraph right over a line of header metadata
        // (`Last-modified: …`, `登録日:…`; see `titleOverMetadataLine`).
        var metadataUnderTitle = false
        // `docs` is passed, not captured: a captured variable is boxed, and each access to it
        // checked for exclusivity (and its documents copied out to be read). The article goes
        // at the end, or `before` the document there (a preview made before it); true when
        // there was one.
        @discardableResult
        func flushArticle(into docs: inout [Document], all: inout [Block], before: Int? = nil) -> Bool {
            let made = !current.isEmpty
            if made {
                let at = before ?? docs.count
                docs.insert(blank(), at: at)
                makeDocument(
                    from: current, &all, fragment: false, page: document, titleOverTagline: titleOverTagline,
                    metadataUnderTitle: metadataUnderTitle, into: &docs[at], context: &context)
            }
            // Emptied only when it held some: `removeAll(keepingCapacity:)` goes through the
            // generic `replaceSubrange` (some 55 instructions) even on an empty array.
            if made { current.removeAll(keepingCapacity: true) }
            titleOverTagline = nil
            metadataUnderTitle = false
            return made
        }
        for k in units.indices {
            let unit = units[k]
            if unit.isChrome {
                outside.append((all[unit.first].rule ?? "chrome", unit.line))
                if unit.signal == .pageEnd { sawPageEnd = true }
                // A page-start ends the article only once it has body text (menus and the title
                // come before the tagline on desktop skins).
                // A long title alone (a subpage's `教科/単元の学習`, a headline) is no body text: no
                // sentence end in it, it stays over the tagline as its page's title line.
                let loneTitle = current.count == 1 && current[0].range.count == 1 && current[0].signal == nil
                    && all[current[0].first].role == .paragraph && !all[current[0].first].text.containsKuten
                    && Self.isHeadlineTitle(all[current[0].first].text)
                if unit.signal == .pageStart, !loneTitle, current.contains(where: { Self.hasBodyText($0, all) }) {
                    flushArticle(into: &docs, all: &all)
                    sawPageEnd = false
                } else if unit.signal == .pageStart, titleOverTagline == nil, current.count == 1, current[0].range.count == 1,
                    current[0].signal == nil, all[current[0].first].role == .paragraph
                {
                    titleOverTagline = current[0].line
                } else if unit.signal == .pageStart, titleOverTagline == nil, current.count == 2,
                    current.allSatisfy({ $0.range.count == 1 && $0.signal == nil && all[$0.first].role == .paragraph }),
                    Self.isSectionHeadword(all[current[0].first].text, of: all[current[1].first].text)
                {
                    // A Weblio section page (ウィキペディア小見出し辞書): its headword `X 概要` over
                    // the article's name `X`, then the tagline.
                    titleOverTagline = current[1].line
                } else if unit.signal == .pageStart, titleOverTagline == nil, current.count >= 2, current.count <= 6,
                    StripSiteChrome.isTagline(all[unit.first]),
                    current.allSatisfy({ $0.signal == nil && !$0.truncated && $0.range.allSatisfy { all[$0].role == .paragraph || all[$0].role == .chrome } }),
                    let last = current.last, last.range.count == 1, all[last.first].role == .paragraph,
                    Self.leadAfter(units, k, all, names: all[last.first].text)
                {
                    // Lines over the title line over the tagline, with no sentence in them, where the
                    // lead names that title: the header of a site or a scraper no rule knows (a web
                    // proxy's toolbar, `Location via proxy: [ UP ]`), not the article's.
                    for u in current.dropLast() {
                        for b in u.range where all[b].role == .paragraph {
                            context.recordRemoval(rule: Self.headerLabelRule, text: all[b].text, line: all[b].line)
                        }
                        outside.append((Self.headerLabelRule, u.line))
                    }
                    current = [last]
                    titleOverTagline = last.line
                } else if current.count == 1, k > 0, units[k - 1].range == current[0].range, let rule = all[unit.first].rule,
                    Self.headerMetadataRules.contains(rule)
                {
                    metadataUnderTitle = true
                }
                continue
            }
            if sawPageEnd, !unit.isFragment, unit.range.count == 1, all[unit.first].text.utf8.count <= 160,
                Self.isTitleAfterFooter(units, k, all, title: Self.leadTitle(current, all))
            {
                // After the footer, the page's title once more with chrome only after it, to the
                // page's end or the previews after it: a sticky header (Vector 2022's, scraped
                // at the page's end: `目次の表示・非表示を切り替え`, the title, `8個の言語版`).
                context.recordRemoval(rule: Self.titleLineRule, text: all[unit.first].text, line: unit.line)
                outside.append((Self.titleLineRule, unit.line))
                continue
            }
            if sawPageEnd, unit.range.count == 1, all[unit.first].role == .paragraph, Self.neighbour(units, k, before: false) == nil,
                Self.isSiteName(all[unit.first].text)
            {
                // After the footer, a wiki's name (`灯台Wiki`) with only chrome after it to the
                // page's end: the header of the next page, whose menus the reader moved there.
                context.recordRemoval(rule: Self.headerLabelRule, text: all[unit.first].text, line: unit.line)
                outside.append((Self.headerLabelRule, unit.line))
                continue
            }
            if isStray[k], Self.isDateLine(all[unit.first].text) {
                // `2023年01月04日` on a line of its own among previews: the update time of one.
                context.recordRemoval(rule: Self.previewDateRule, text: all[unit.first].text, line: unit.line)
                outside.append((Self.previewDateRule, unit.line))
                continue
            }
            if isStray[k], let next = Self.neighbour(units, k, before: false), units[next].truncated,
                HeadingAnchors.trailingSectionWords.contains(all[unit.first].text.trimmingSpaces)
            {
                // `関連ページ` on a line of its own over previews of other pages: the heading of
                // the list they are in, not the title of a page.
                context.recordRemoval(rule: Self.previewListHeadingRule, text: all[unit.first].text, line: unit.line)
                outside.append((Self.previewListHeadingRule, unit.line))
                continue
            }
            // A reading among stray titles has hiragana (`こうつきし`), as a lone one: a line all
            // in katakana under a title is another page's name (`第2次世界大戦`, then `コンピュータ`),
            // and so is one that does not spell the title's kana (`日本の城一覧`, then `さくらんぼ`).
            if isStray[k], Self.isKanaOnly(all[unit.first].text), !Self.isKatakanaOnly(all[unit.first].text), let last = docs.indices.last,
                docs[last].kind == .fragment, !docs[last].truncated, docs[last].reading == nil, let title = docs[last].title,
                Self.mayBeReadAs(title, all[unit.first].text), Self.spellsKana(of: title, all[unit.first].text),
                let end = docs[last].source.lineEnd, let l = unit.line, Self.follows(l, end, units, k), current.isEmpty
            {
                // `タイトル` then `よみ` on the next line: one stray entry.
                // The reading line stays in the entry's text, as a reading in a lead does.
                let t = all[unit.first].text
                docs[last].reading = t
                docs[last].source.lineEnd = l
                docs[last].blocks.append(all[unit.first])
                continue
            }
            if unit.isFragment || isStray[k] {
                // The preview (or stray entry) is made in place at the end of `docs`, `docs[f]`;
                // the article before it, flushed below, goes in before it. A stray entry's line
                // is read below as it was: its block is moved into the document.
                let strayText = isStray[k] ? all[unit.first].text : nil
                docs.append(blank())
                var f = docs.count - 1
                makeDocument(from: CollectionOfOne(unit), &all, fragment: true, page: document, into: &docs[f], context: &context)
                // `鼻葉`, then `鼻葉(びよう)とは、…...`: a title line over its own preview (which the
                // check above kept as an article's line) is the preview's header, right after
                // the previous page's footer or right after its body (no share line between).
                if !isStray[k], let lastUnit = current.last, let title = docs[f].title, let header = Self.titleLine(lastUnit, all),
                    ChromeRules.foldKey(header.text) == ChromeRules.foldKey(title)
                {
                    context.recordRemoval(rule: Self.titleLineRule, text: header.text, line: header.line)
                    docs[f].source.lineStart = header.line
                    docs[f].storedID = Self.id(for: document, line: header.line)
                    current.removeLast()
                } else if !isStray[k], current.count == 1, let lastUnit = current.last, let l = unit.line, let end = lastUnit.line,
                    Self.follows(l, end, units, k),
                    all[lastUnit.range].contains(where: { $0.role == .caption }),
                    all[lastUnit.range].allSatisfy({ $0.role == .caption || $0.role == .chrome })
                {
                    // `偕楽園の梅林(2015年2月)`, then `偕楽園(かいらくえん)は、…...`: a photo's caption alone
                    // on the line right over a preview (no article before it) is that preview's,
                    // as one glued before its lead is.
                    let captions = all[lastUnit.range].filter { $0.role == .caption }
                    docs[f].blocks.insert(contentsOf: captions, at: 0)
                    docs[f].source.lineStart = end
                    docs[f].storedID = Self.id(for: document, line: end)
                    current.removeLast()
                }
                if flushArticle(into: &docs, all: &all, before: f) { f += 1 }
                if let t = strayText {
                    docs[f].truncated = false
                    // A lone line is a page's name, in whatever script: `ツツジ`, `ムササビ`, and also
                    // `さくらんぼ`, `ドラえもん` (page names in hiragana are common: food, toys,
                    // words). A reading line goes with the stray title right above it (checked
                    // above); one with no title over it names no page of its own, and a wiki
                    // lists page names, not readings, among its previews.
                    if docs[f].title == nil, docs[f].reading == nil, let (title, reading) = Self.titleGluedToReading(t) {
                        // `彦根城ひこねじょう`: the title line and its reading line glued.
                        docs[f].title = title
                        docs[f].reading = reading
                    }
                    if docs[f].title == nil { docs[f].title = t }
                } else if f > 0, let end = docs[f - 1].source.lineEnd, let l = unit.line, Self.follows(l, end, units, k),
                    Self.isHeaderOf(docs, f - 1, preview: f)
                {
                    // `薬師寺`, `やくしじ`, then `薬師寺(やくしじ)は、…...`: the stray entry just before
                    // is the preview's title line (and reading line), as an h1 over its lead.
                    let header = docs.remove(at: f - 1)
                    f -= 1
                    for (n, block) in header.blocks.enumerated() {
                        context.recordRemoval(rule: n == 0 ? Self.titleLineRule : Self.readingLineRule, text: block.text, line: block.line)
                    }
                    if docs[f].reading == nil { docs[f].reading = header.reading }
                    docs[f].source.lineStart = header.source.lineStart
                    docs[f].storedID = header.storedID
                }
                if !keepFragments {
                    let doc = docs.removeLast()
                    context.recordRemoval(rule: "fragment-filtered", text: doc.text, line: unit.line)
                    outside.append(("fragment-filtered", unit.line))
                }
                continue
            }
            let startsNew: Bool
            if current.isEmpty {
                startsNew = false
            } else if sawPageEnd {
                // A page's title line, then a metadata line that other skins put in the footer
                // (`最終更新：…` under a Seesaa or livedoor h1), then the lead that names the
                // title: one article, not a footer between two.
                // Nor is a menu whose words a footer shares right under the wiki's name in the
                // header (Fandom's community header and its `探索` menu) the end of a page.
                startsNew = !Self.titleLineOverItsLead(current, unit, all) && !Self.isOnlySiteName(current, all)
            } else if all[unit.first].role == .paragraph, !Self.endsWithParenthesis(all[unit.first].text),
                let lead = JapaneseText.parseReadingLead(all[unit.first].text),
                let currentTitle = titleOf(current, all), currentTitle != lead.title
            {
                // A lead that says something (`X(よみ)は、…`) starts another article in a page's
                // body; a bare `「したっけね」(じゃあね)` is an item of a list, a word and its gloss.
                startsNew = true
            } else if Self.isTitleOverInfoboxTitle(units, k, all), current.contains(where: { Self.hasBodyText($0, all) }) {
                // A page's h1 title right over its infobox's title, which strip-chrome took with
                // the fields under it: another page, with no site chrome between the two. After
                // the page before's last paragraph, split-headings took the short line for a
                // heading; it is the new page's title line.
                startsNew = true
                all[unit.first].role = .paragraph
            } else {
                startsNew = false
            }
            if startsNew { flushArticle(into: &docs, all: &all) }
            sawPageEnd = false
            current.append(unit)
        }
        flushArticle(into: &docs, all: &all)
        // A record that names its page (`"title"` in JSON Lines) titles its first article when
        // the text itself gives no title.
        if case .string(let t)? = document.meta["title"], let k = docs.firstIndex(where: { $0.kind == .article }), docs[k].title == nil {
            docs[k].title = t
        }
        // Lines in no document's range, by the rule that claimed them.
        if !outside.isEmpty, !Self.recordLinesOutsideInOrder(outside, docs, context: &context) {
            // Reserved once, and read by index (`compactMap` grew its array by doubling).
            var spans: [ClosedRange<Int>] = []
            spans.reserveCapacity(docs.count)
            for k in docs.indices {
                guard let a = docs[k].source.lineStart, let b = docs[k].source.lineEnd, a <= b else { continue }
                spans.append(a...b)
            }
            let ranges = LineRanges(spans)
            // Each line once: units come in line order, so the lines nearly always increase
            // and none repeats; a set is kept only when they do not.
            var increasing = true
            var previous: Int?
            for (_, line) in outside {
                guard let line else { continue }
                if let p = previous, line <= p {
                    increasing = false
                    break
                }
                previous = line
            }
            var counted = Set<Int>()
            for (rule, line) in outside {
                guard let line else { continue }
                if !ranges.contains(line) && (increasing || counted.insert(line).inserted) {
                    context.recordLineOutside(rule: rule, line: line)
                }
            }
        }
        // Ids: input and first line, unique within the page. Every id here is made from the
        // page and the document's first line, so strictly increasing first lines give
        // distinct ids and there is nothing to rename.
        var increasing = true
        var previous: Int?
        for d in docs {
            guard let l = d.source.lineStart, previous == nil || l > previous! else { increasing = false; break }
            previous = l
        }
        if !increasing { Self.makeIDsUnique(&docs) }
        // Back into the context, empty: `units` and `grouped` share their storage, which is
        // unique again once both go out of scope here.
        outside.removeAll(keepingCapacity: true)
        swap(&outside, &context.boundaryScratch.outside)
        current.removeAll(keepingCapacity: true)
        swap(&current, &context.boundaryScratch.current)
        grouped = []
        context.boundaryScratch.units = units
        context.boundaryScratch.stray = isStray.cache
        return docs
    }

    /// The units that are stray entries among the previews (``StrayMarks``): short lines
    /// (``isStrayEntry(_:_:)``) next to a preview, or in a run of them that touches one, that
    /// are no list's items under a section heading and no title line over their own lead.
    private static func strayMarks(_ units: [LineUnit], _ all: [Block], anyFragment: Bool, into strayCache: inout [Int8]) {
        // `isStrayEntry` of each unit, computed once when first asked (0: not yet, -1: no, 1:
        // yes), and 2 for a stray entry among the previews (a lone title, a lone `タイトル(よみ)`,
        // a lone reading): one array for both, one allocation a page fewer. Filled in the
        // array kept from the page before (``Scratch``), a parameter: not a local variable
        // that the local functions capture (boxed, an exclusivity check at each access).
        strayCache.removeAll(keepingCapacity: true)
        strayCache.append(contentsOf: repeatElement(0, count: units.count))
        func strayEntry(_ j: Int) -> Bool {
            if strayCache[j] == 0 { strayCache[j] = Self.isStrayEntry(units[j], all) ? 1 : -1 }
            return strayCache[j] > 0
        }
        // Where a walk from a unit past the stray entries next to it ends, per direction (-2: not
        // known yet, -1: nowhere). Every unit of a run of stray entries ends at the same place,
        // so each walk is made once: a page of thousands of short lines stays linear.
        // Both directions in one array, `2 * unit + direction`, made on the first walk (most
        // pages have no stray entry to walk from).
        var walkEnd: [Int32] = []
        var chain: [Int] = []
        func endOfStrayRun(from k: Int, before: Bool) -> Int? {
            let d = before ? 0 : 1
            if walkEnd.isEmpty { walkEnd = [Int32](filledWith: -2, count: 2 * units.count) }
            chain.removeAll(keepingCapacity: true)
            var at = k
            var end: Int?
            while true {
                let known = walkEnd[2 * at + d]
                if known != -2 {
                    end = known < 0 ? nil : Int(known)
                    break
                }
                chain.append(at)
                // Not across a page-start or page-end line: previews of other pages after a
                // page's footer say nothing of the short lines (a see-also list) above it.
                let j = Self.neighbourInRegion(units, at, before: before)
                if let jj = j, !units[jj].isFragment, strayEntry(jj) {
                    at = jj
                    continue
                }
                end = j
                break
            }
            for c in chain { walkEnd[2 * c + d] = end.map { Int32($0) } ?? -1 }
            return end
        }
        // A stray entry is next to a preview (or in a run that touches one): on a page with no
        // preview no unit is asked.
        for k in units.indices where anyFragment {
            guard !units[k].isChrome, !units[k].isFragment, strayEntry(k) else { continue }
            // Next to a preview, or in a run of stray entries that touches one.
            var nearPreview = false
            for pass in 0..<2 {
                if let j = endOfStrayRun(from: k, before: pass == 0), units[j].isFragment { nearPreview = true }
            }
            // Only among previews: after a page's footer a short line is more often left-over
            // menu than a stray entry.
            guard nearPreview else { continue }
            // The items of a list under a section heading of the page (`関連項目`, `関連タグ`, then
            // short lines): the section's paragraphs, though previews follow with no footer between.
            if Self.isListItemUnderHeading(units, k, all, strayEntry) { continue }
            // The items under an article's section of links (`関連項目`, then `しまなみ海道`) are
            // the article's, with previews of other pages right after them or not.
            if let j = endOfStrayRun(from: k, before: true), !units[j].isFragment,
                let h = units[j].range.last(where: { all[$0].role != .chrome }), all[h].role == .heading,
                HeadingAnchors.isLinkSectionWord(all[h].text)
            {
                continue
            }
            // A title line right before its own lead belongs to that article.
            if let next = Self.neighbour(units, k, before: false), all[units[next].first].role == .paragraph,
                let lead = JapaneseText.parseLead(all[units[next].first].text),
                ChromeRules.foldKey(lead.title) == ChromeRules.foldKey(all[units[k].first].text)
            {
                continue
            }
            strayCache[k] = 2
        }
    }

    /// Records the lines of `outside` that no document's line range holds, each once, when
    /// they come in increasing order and the documents' ranges by their first line (nearly
    /// every page: units and documents are made in line order): one walk over both, with no
    /// array of ranges, no sort and no search. False (nothing recorded) otherwise.
    private static func recordLinesOutsideInOrder(
        _ outside: [(rule: String, line: Int?)], _ docs: [Document], context: inout StageContext
    ) -> Bool {
        var previous = Int.min
        for k in outside.indices {
            guard let line = outside[k].line else { continue }
            guard line > previous else { return false }
            previous = line
        }
        guard LineRangeWalk.rangesInOrder(docs) else { return false }
        var walk = LineRangeWalk()
        for k in outside.indices {
            guard let line = outside[k].line else { continue }
            if !walk.reaches(line, in: docs) { context.recordLineOutside(rule: outside[k].rule, line: line) }
        }
        return true
    }

    /// A title line (one short paragraph) right over a chrome line that repeats it, the
    /// infobox's title (a portable infobox scraped one field a line, strip-chrome's
    /// `markPortableInfobox`), with at most the article's short description between them (an
    /// English Wikipedia article's infobox on a translated copy).
    private static func isTitleOverInfoboxTitle(_ units: [LineUnit], _ k: Int, _ all: [Block]) -> Bool {
        var j = k + 1
        guard j < units.count, units[j].isChrome, units[k].range.count == 1,
            all[units[k].first].role == .paragraph || all[units[k].first].role == .heading
        else { return false }
        if units[j].range.count == 1, all[units[j].first].rule == StripSiteChrome.shortDescriptionRule { j += 1 }
        guard j < units.count, units[j].isChrome, units[j].range.count == 1 else { return false }
        let title = all[units[k].first].text
        let again = all[units[j].first].text
        guard again.utf8.count <= title.utf8.count + 16, isHeaderTitle(title) else { return false }
        return ChromeRules.foldKey(again) == ChromeRules.foldKey(title)
    }

    /// A unit that is only a title, `タイトル(よみ)` or a kana reading: one short paragraph with
    /// no sentence end.
    private static func isStrayEntry(_ unit: LineUnit, _ all: [Block]) -> Bool {
        guard unit.range.count == 1, all[unit.first].role == .paragraph else { return false }
        let t = all[unit.first].text
        let bytes = t.utf8.count
        guard bytes <= 240 else { return false }
        // Only compared with 60 and 30 below: a line of at most 30 bytes has at most 30
        // scalars, and needs no count.
        let scalars = bytes <= 30 ? bytes : scalarCount(t)
        guard scalars <= 60, !t.containsKuten, !t.containsBytes("、") else { return false }
        if let lead = JapaneseText.parseLead(t) { return lead.reading != nil && endsWithParenthesis(t) }
        // A page name with its qualifier (`呼吸 (曖昧さ回避)`, `東京 (小説)`).
        if endsWithParenthesis(t) { return isQualifiedTitle(t) }
        return scalars <= 30 && !t.containsBytes(" ") && !t.containsBytes("(")
    }

    /// The wiki's name on a line of its own (`鉄道 Wiki`, `日本の城 Wiki*`: Fandom's community
    /// header, a WIKIWIKI site name) over the title line and the lead that names it: the site
    /// name goes (as `header-label`), so that the title line is read over its lead.
    /// Chrome between them (Fandom's account links and ad label under the community's name,
    /// one a line) is skipped. Right over the lead, with no title line between them (a skin
    /// whose header shows the wiki's name first, as Timeless does, its title line taken with
    /// the menus before it), the name goes too, unless the lead is about it (`PukiWiki` over
    /// `PukiWiki(…)は、`).
    static func dropSiteNameOverTitle(_ blocks: inout [Block], context: inout StageContext) {
        guard let i = blocks.firstIndex(where: { $0.role == .paragraph || $0.role == .heading }), blocks[i].role == .paragraph,
            i + 1 < blocks.count
        else { return }
        let name = blocks[i].text
        guard isSiteName(name), let t = blocks[(i + 1)...].firstIndex(where: { $0.role != .chrome }), blocks[t].role == .paragraph
        else { return }
        if let l = blocks[(t + 1)...].firstIndex(where: { $0.role != .chrome }), blocks[l].role == .paragraph,
            let lead = JapaneseText.parseLead(blocks[l].text), isTitleLine(blocks[t].text, title: lead.title)
        {
            context.recordRemoval(rule: headerLabelRule, text: name, line: blocks[i].line)
            blocks.remove(at: i)
        } else if t == i + 1, let lead = JapaneseText.parseLead(blocks[t].text), lead.reading != nil, !isTitleLine(name, title: lead.title) {
            context.recordRemoval(rule: headerLabelRule, text: name, line: blocks[i].line)
            blocks.remove(at: i)
        }
    }

    /// A wiki's name as its header shows it (`鉄道 Wiki`, `日本の城 Wiki*`): a short line with no
    /// sentence mark that ends in `wiki` or `wiki*` (any case, any width).
    static func isSiteName(_ text: String) -> Bool {
        // The cheap test first: the first line of most pages is a long paragraph.
        guard isHeaderTitle(text) else { return false }
        let key = ChromeRules.foldKey(text).lowercased()
        return key.count > 4 && (key.hasSuffix("wiki") || key.hasSuffix("wiki*"))
    }

    /// The page so far is only the wiki's name on a line of its own (the community header
    /// Fandom's desktop skin prints over its `探索` menu, whose words are also its footer's).
    private static func isOnlySiteName(_ current: [LineUnit], _ all: [Block]) -> Bool {
        guard current.count == 1, current[0].range.count == 1, current[0].signal == nil else { return false }
        let b = all[current[0].first]
        return b.role == .paragraph && isSiteName(b.text)
    }

    /// The nearest non-chrome unit before or after `k`.
    private static func neighbour(_ units: [LineUnit], _ k: Int, before: Bool) -> Int? {
        var j = before ? k - 1 : k + 1
        while j >= 0 && j < units.count {
            if !units[j].isChrome { return j }
            j += before ? -1 : 1
        }
        return nil
    }

    /// The nearest non-chrome unit before or after `k` with no page-start or page-end line
    /// between them.
    private static func neighbourInRegion(_ units: [LineUnit], _ k: Int, before: Bool) -> Int? {
        var j = before ? k - 1 : k + 1
        while j >= 0 && j < units.count {
            if !units[j].isChrome { return j }
            if units[j].signal != nil { return nil }
            j += before ? -1 : 1
        }
        return nil
    }

    /// `current` is one short line, with no body text, that the paragraph opening `unit`
    /// names as its title (`乳頭温泉郷` over `乳頭温泉郷（にゅうとうおんせんきょう）は、…`).
    /// The one paragraph of a line unit (its other blocks chrome), as a title line would be.
    private static func titleLine(_ unit: LineUnit, _ all: [Block]) -> Block? {
        var found: Block?
        for b in unit.range where all[b].role != .chrome {
            guard found == nil, all[b].role == .paragraph else { return nil }
            found = all[b]
        }
        return found
    }

    private static func titleLineOverItsLead(_ current: [LineUnit], _ unit: LineUnit, _ all: [Block]) -> Bool {
        guard current.count == 1, current[0].range.count == 1, !hasBodyText(current[0], all), all[unit.first].role == .paragraph else { return false }
        let title = all[current[0].first]
        guard title.role == .paragraph, let lead = JapaneseText.parseLead(all[unit.first].text) else { return false }
        return ChromeRules.foldKey(lead.title) == ChromeRules.foldKey(title.text)
    }

    /// Page metadata that wiki skins print right under the h1 title, before the body: PukiWiki's
    /// `Last-modified: …` (WIKIWIKI.jp's skin; the default, Plus! and xpWiki skins print it in
    /// the footer, after the body), アニヲタWiki's `登録日:…`, `更新日:…`, `所要時間:約 N 分で読めます`.
    static let headerMetadataRules: Set<String> = [
        "pukiwiki.last-modified", "aniwota.registered", "aniwota.reading-time", "generic.updated", "generic.last-modified",
    ]

    /// The line of an article's first line when it is one paragraph alone on its line right
    /// over header metadata (``headerMetadataRules``: a line of its own, `metadataUnder`, or
    /// glued before the next line's text), with body text (a paragraph or heading) after the
    /// metadata: the page's h1 title. Over a footer's `Last-modified: …` (the body's last line,
    /// then `Link:`, `Powered by …` and the page's end) there is no body after it, and the line
    /// is no title.
    private static func titleOverMetadataLine(_ units: some Collection<LineUnit>, _ all: [Block], metadataUnder: Bool) -> Int? {
        guard let u = units.first, u.range.count == 1, u.signal == nil, all[u.first].role == .paragraph else { return nil }
        var rest = units.dropFirst()
        if !metadataUnder {
            guard let next = rest.first, all[next.first].role == .chrome, let rule = all[next.first].rule, headerMetadataRules.contains(rule)
            else { return nil }
        }
        while let v = rest.popFirst() {
            for b in v.range where all[b].role == .paragraph || all[b].role == .heading { return all[u.first].line }
        }
        return nil
    }

    /// `header` is a stray entry (a title line, or a title line and its reading line) on the
    /// lines right above `preview`, whose lead names the same title.
    /// Whether line `l` (unit `k`) comes right after line `end`: the next line, or the next
    /// after one or two blank lines (a scrape that puts a blank line after every line), with
    /// no other line (chrome either) between.
    private static func follows(_ l: Int, _ end: Int, _ units: [LineUnit], _ k: Int) -> Bool {
        l == end + 1 || (l > end && l - end <= 3 && k > 0 && units[k - 1].line == end)
    }

    /// Whether `header` (the entry right before `preview`, see ``follows(_:_:_:_:)``) is the
    /// preview's title line (and reading line).
    /// The header is `docs[h]`, its fields read in place (passed as a `Document`, it was
    /// copied first: every field retained, then released).
    private static func isHeaderOf(_ docs: [Document], _ h: Int, preview p: Int) -> Bool {
        guard docs[h].kind == .fragment, !docs[h].truncated, docs[h].blocks.count <= 2, let title = docs[h].title,
            let leadTitle = docs[p].title, ChromeRules.foldKey(leadTitle) == ChromeRules.foldKey(title)
        else { return false }
        return docs[h].reading == nil || docs[p].reading == nil || docs[h].reading == docs[p].reading
    }

    /// Unit `k` is one of the short lines right under a heading line (no chrome and no preview
    /// between): a list in the page's last section (`関連項目`, then `マルチメータ`,
    /// `スペクトラムアナライザ`), not stray entries, though previews of other pages follow.
    /// Unless one of the lines names the preview right under them: then they are its title
    /// line (and reading line) under an empty section.
    private static func isListItemUnderHeading(
        _ units: [LineUnit], _ k: Int, _ all: [Block], _ isStrayEntry: (Int) -> Bool
    ) -> Bool {
        func isItem(_ j: Int) -> Bool { !units[j].isChrome && !units[j].isFragment && all[units[j].first].role == .paragraph && isStrayEntry(j) }
        var j = k - 1
        while j >= 0, isItem(j) { j -= 1 }
        guard j >= 0, !units[j].isChrome, !units[j].isFragment, all[units[j].first].role == .heading,
            all[units[j].range].allSatisfy({ $0.role == .heading || $0.role == .chrome })
        else { return false }
        var n = k + 1
        while n < units.count, isItem(n) { n += 1 }
        guard n < units.count, units[n].isFragment, let lead = JapaneseText.parseLead(all[units[n].first].text) else { return true }
        let key = ChromeRules.foldKey(lead.title)
        return !((j + 1)..<n).contains { ChromeRules.foldKey(all[units[$0].first].text) == key }
    }

    /// Unit `k` is one line that names `title` (the article's, from its lead), and only chrome
    /// follows it to the page's end (or to a page-start line, or another page's preview).
    private static func isTitleAfterFooter(_ units: [LineUnit], _ k: Int, _ all: [Block], title: String?) -> Bool {
        guard let title, units[k].range.count == 1, all[units[k].first].role == .paragraph,
            all[units[k].first].text.utf8.count <= 3 * title.utf8.count + 8,
            ChromeRules.foldKey(all[units[k].first].text) == ChromeRules.foldKey(title)
        else { return false }
        var j = k + 1
        while j < units.count, units[j].isChrome {
            if units[j].signal == .pageStart { break }
            j += 1
        }
        return j == units.count || units[j].signal == .pageStart || units[j].isFragment
    }

    /// The title a lead among the first paragraphs of `units` names (past a title line above it).
    private static func leadTitle(_ units: [LineUnit], _ all: [Block]) -> String? {
        var seen = 0
        for u in units {
            for b in u.range where all[b].role == .paragraph {
                if let lead = JapaneseText.parseLead(all[b].text) { return lead.title }
                seen += 1
                if seen == 4 { return nil }
            }
        }
        return nil
    }

    /// Whether the first paragraph after unit `k` (a few units on, past chrome and captions) is
    /// a lead that names `title` (`インターネット百科事典(…)は、`).
    private static func leadAfter(_ units: [LineUnit], _ k: Int, _ all: [Block], names title: String) -> Bool {
        var j = k + 1
        while j < units.count, j <= k + 8 {
            if let p = units[j].range.first(where: { all[$0].role == .paragraph }) {
                guard let lead = JapaneseText.parseLead(all[p].text) else { return false }
                return ChromeRules.foldKey(lead.title) == ChromeRules.foldKey(title)
            }
            if units[j].range.contains(where: { all[$0].role == .heading }) { return false }
            j += 1
        }
        return false
    }

    private static func hasBodyText(_ unit: LineUnit, _ all: [Block]) -> Bool {
        all[unit.range].contains { $0.role == .paragraph && ($0.text.containsKuten || $0.text.utf8.count >= 60) }
    }

    /// Whether a short line that ends in a truncation mark stands between two lines of an
    /// article's body (a sentence that is no lead, right before and right after it, no chrome
    /// between): a pause at a paragraph's end (`団員は多くを語らなかった・・・`), not another page's
    /// preview, which a list of previews, a page's end or a lead surrounds.
    private static func betweenBodySentences(_ units: [LineUnit], _ k: Int, _ all: [Block]) -> Bool {
        func isBodySentence(_ j: Int) -> Bool {
            guard j >= 0, j < units.count, !units[j].isChrome, !units[j].truncated else { return false }
            let content = units[j].range.filter { all[$0].role == .paragraph }
            guard let first = content.first, let last = content.last, all[last].text.containsKuten else { return false }
            return !JapaneseText.opensWithLead(all[first].text)
        }
        return isBodySentence(k - 1) && isBodySentence(k + 1)
    }

    /// Whether the unit's blocks hold at most `maximum` scalars in all. Only the bound matters,
    /// so the bytes answer first: no more bytes than `maximum`, or more than four a scalar
    /// allows, decide it uncounted (the same answers as counting).
    private static func isAtMost(_ maximum: Int, scalarsIn unit: LineUnit, _ all: [Block]) -> Bool {
        var bytes = 0
        for b in unit.range { bytes += all[b].text.utf8.count }
        if bytes > 4 * maximum { return bytes <= maximum }
        if bytes <= maximum { return true }
        var length = 0
        for b in unit.range { length += scalarCount(all[b].text) }
        return length <= maximum
    }

    private static func neighbourTruncated(_ units: [LineUnit], _ k: Int) -> Bool {
        var j = k - 1
        while j >= 0, units[j].isChrome { j -= 1 }
        if j >= 0, units[j].truncated { return true }
        j = k + 1
        while j < units.count, units[j].isChrome { j += 1 }
        if j < units.count, units[j].truncated { return true }
        return false
    }

    static func endsTruncated(_ text: String) -> Bool {
        text.withUTF8Bytes { truncationMarkStart($0) != nil }
    }

    /// Where the truncation mark that `p` ends in starts (``StripSiteChrome/ellipsisStart(_:_:_:)``
    /// within the trimmed bytes), or nil when ``endsTruncated(_:)`` does not hold.
    static func truncationMarkStart(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        // Most lines end in a letter or `。`: a last scalar that is no mark and no space
        // (see ``mayEndTruncationMark(_:)``) answers at once.
        guard !p.isEmpty, mayEndTruncationMark(UTF8Scan.decodeBefore(p, p.count).scalar) else { return nil }
        let (s, e) = StripSiteChrome.trimmedBounds(p)
        guard let ell = StripSiteChrome.ellipsisStart(p, s, e) else { return nil }
        // `……` inside prose is a stylistic ellipsis; `...`, a single `…` or `・・・` is a cut
        // (white space a scraper put among the dots aside); more middle dots are prose.
        var dots = 0
        var ellipses = 0
        var nakaguro = 0
        var i = ell
        while i < e {
            let d = UTF8Scan.decode(p, i)
            let c = UTF8Scan.fold(d.scalar)
            if c == 0x2E { dots += 1 } else if d.scalar == 0x2026 { ellipses += 1 } else if StripSiteChrome.isNakaguro(c) { nakaguro += 1 }
            i += d.length
        }
        let cut = (ellipses == 0 && nakaguro == 0 && dots >= 3) || (ellipses == 1 && dots == 0 && nakaguro == 0)
            || (nakaguro == 3 && dots == 0 && ellipses == 0)
        return cut ? ell : nil
    }

    /// Whether `c` may be the last scalar of a text that ends in a truncation mark (what
    /// ``endsTruncated(_:)`` skips back over): `.` or `．`, `…`, `‥`, `・` or `･`, or a space of
    /// ``UTF8Scan/fold(_:)``. A text whose last scalar is none of these ends in no mark.
    @inline(__always)
    static func mayEndTruncationMark(_ c: UInt32) -> Bool {
        let f = UTF8Scan.fold(c)
        return f == 0x2E || UTF8Scan.isSpace(f) || c == 0x2026 || c == 0x2025 || StripSiteChrome.isNakaguro(f)
    }

    private func titleOf(_ units: [LineUnit], _ all: [Block]) -> String? {
        for u in units {
            for b in u.range where all[b].role == .paragraph {
                return JapaneseText.parseLead(all[b].text)?.title
            }
        }
        return nil
    }

    // MARK: - Building a document

    /// `titleOverTagline`: the line of a title line right over the page's tagline (see
    /// `run`), the only place that names a page whose lead names nothing.
    /// The document is made in `doc`, a copy of the page with nothing of its own (no id, title,
    /// reading, blocks or lines; the page's source, meta and extra), field by field.
    private func makeDocument(
        from units: some Collection<LineUnit>, _ all: inout [Block], fragment: Bool, page: Document, titleOverTagline: Int? = nil,
        metadataUnderTitle: Bool = false, into doc: inout Document, context: inout StageContext
    ) {
        let titleOverMetadata = fragment ? nil : Self.titleOverMetadataLine(units, all, metadataUnder: metadataUnderTitle)
        var blocks: [Block]
        if units.count == 1, let u = units.first, u.range.count == 1, all[u.first].role != .chrome {
            // One line of one block (nearly every preview): an array literal, allocated at its
            // size at once (`reserveCapacity` on an empty array went through the general
            // reallocation path, some 300 instructions a document).
            blocks = [Self.takeBlock(&all, u.first)]
        } else {
            blocks = []
            blocks.reserveCapacity(units.reduce(0) { $0 + $1.range.count })
            for u in units { for b in u.range where all[b].role != .chrome { blocks.append(Self.takeBlock(&all, b)) } }
        }
        var lineMin: Int?
        var lineMax: Int?
        for u in units {
            guard let l = u.line else { continue }
            if lineMin == nil || l < lineMin! { lineMin = l }
            if lineMax == nil || l > lineMax! { lineMax = l }
        }
        let lineStart = lineMin ?? page.source.lineStart
        let lineEnd = lineMax ?? page.source.lineEnd
        // The document's fields, put into `doc` once at the end.
        var docTitle: String?
        var docReading: String?
        var docKind: Document.Kind = fragment ? .fragment : .article
        // Captions alone (a photo's caption between other pages' previews) are no article: a
        // stray entry.
        if !fragment, !blocks.contains(role: .paragraph, or: .heading), blocks.contains(role: .caption) {
            docKind = .fragment
        }

        if fragment, let k = blocks.lastIndex(role: .paragraph, or: .heading) {
            // The truncation mark: cut at its start, then trim the spaces of what is left. A
            // preview's unit found where its mark starts when the page's lines were grouped
            // (in its last content block: `blocks[k]`).
            let known = units.count == 1 ? units.first.flatMap { $0.truncated ? Int($0.markStart) : nil } : nil
            let line = blocks[k].line
            if blocks[k].role == .paragraph {
                // Cut in the block's own string (moved out of the page: nothing else holds it).
                Self.cutTruncationMark(in: &blocks[k].text, markStart: known, recordingIn: &context, line: line)
                if blocks[k].text.isEmpty { blocks.remove(at: k) }
            } else {
                _ = Self.cutTruncationMark(blocks[k].text, markStart: known, recordingIn: &context, line: line)
            }
        }
        if !fragment {
            Self.dropRepeatedTitle(&blocks, context: &context)
            Self.dropSiteNameOverTitle(&blocks, context: &context)
        }
        if fragment, let i = blocks.firstIndex(role: .paragraph, or: .heading), blocks[i].role == .paragraph,
            let b = blocks[i].text.utf8.first, b >= 0x31, b <= 0x39, let cut = Self.leadingDate(blocks[i].text)
        {
            // `2024年3月1日 富士山(ふじさん)は、…...`: a list of previews dates each one; the date
            // is no part of the lead's name (as a date on a line of its own over a preview).
            let rest = blocks[i].text.utf8Copy(cut, blocks[i].text.utf8.count)
            if JapaneseText.opensWithLead(rest) || Self.previewSubject(rest) != nil {
                context.recordRemoval(rule: Self.previewDateRule, text: blocks[i].text.utf8Copy(0, cut).trimmingSpaces, line: blocks[i].line)
                blocks[i].text = rest
            }
        }
        // A page that opens with a heading (wiki source's `*概要`, or `*白峰山` naming the page)
        // over a lead: the lead names the page; a heading that is its title is the page's
        // title line, and the lead is the lead section's.
        if let i = blocks.firstIndex(role: .paragraph, or: .heading), blocks[i].role == .heading,
            i + 1 < blocks.count, blocks[i + 1].role == .paragraph, let lead = JapaneseText.parseLead(blocks[i + 1].text)
        {
            docTitle = lead.title
            docReading = lead.reading
            if blocks[i].text == lead.title {
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            }
        } else if let i = blocks.firstIndex(role: .paragraph, or: .heading), blocks[i].role == .paragraph {
            // The h1 over the tagline is the page's name, which never holds a reading: `X (Q)` there
            // is a name with its qualifier (`ピカチュウ (アニメ)`, `アンサイクロペディア (エロゲー)`),
            // not a title with its reading, even when the qualifier is in kana.
            let qualifiedName = titleOverTagline == blocks[i].line && Self.isQualifiedPageName(blocks[i].text)
            if !qualifiedName, let lead = JapaneseText.parseLead(blocks[i].text) {
                docTitle = lead.title
                docReading = lead.reading
                // Both `headwordBeforeSubject` and `infoboxBeforeSubject` below turn down a subject
                // whose first scalar does not occur again (nearly every one) with this test, each
                // asking it anew: asked once here, and neither is called without it.
                let subjectRecurs = lead.title.withUTF8Bytes(Self.firstScalarRecurs)
                if let once = Self.gluedTitleLine(lead.title, reading: lead.reading), Self.hasPlainPrefix(blocks[i].text, once + once) {
                    // The title line glued onto its lead (`薬師寺薬師寺(やくしじ)は、…`).
                    docTitle = once
                    context.recordRemoval(rule: Self.titleLineRule, text: once, line: blocks[i].line)
                    blocks[i].text = String(blocks[i].text.dropFirst(once.count))
                } else if subjectRecurs, let once = Self.headwordBeforeSubject(lead.title), Self.hasPlainPrefix(blocks[i].text, lead.title) {
                    // Weblio's section-page headword glued onto the lead (`桜島 概要桜島(さくらじま)は、…`).
                    var head = String(lead.title.dropLast(once.count))
                    // `セガ 概要株式会社セガ(…)は、`: a legal form before the name opens the lead's
                    // subject (`株式会社セガ`), it is no part of the headword.
                    if let form = JapaneseText.legalFormSuffixLength(head), Self.isTitleLine(String(head.dropLast(form)), title: once) {
                        head = String(head.dropLast(form))
                    }
                    docTitle = once
                    context.recordRemoval(rule: Self.titleLineRule, text: head, line: blocks[i].line)
                    blocks[i].text = String(blocks[i].text.dropFirst(head.count)).trimmingSpaces
                } else if subjectRecurs, let (name, run) = Self.infoboxBeforeSubject(lead.title), Self.hasPlainPrefix(blocks[i].text, lead.title) {
                    // An infobox glued before the lead, its header the title (`X分類…科イヌ科X(…)は、`).
                    docTitle = name
                    context.recordRemoval(rule: Self.infoboxRule, text: String(blocks[i].text.unicodeScalars.prefix(run)), line: blocks[i].line)
                    blocks[i].text = String(blocks[i].text.unicodeScalars.dropFirst(run))
                    docReading = JapaneseText.parseLead(blocks[i].text)?.reading
                }
            } else if !fragment, let (title, reading) = Self.dictionaryHeader(blocks[i].text),
                blocks.contains(from: i + 1, role: .paragraph, or: .heading)
            {
                // コトバンク's page header `灯台(読み)とうだい` over the dictionaries' entries.
                docTitle = title
                docReading = reading
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
                Self.dropDictionaryHeadwords(&blocks, title: title, reading: reading, context: &context)
            } else if let (head, rest, title, reading) = Self.qualifiedTitleLine(blocks[i].text) {
                // `ハリー・ポッター (曖昧さ回避)ハリー・ポッター(Harry Potter)は、…`,
                // `銀河鉄道の夜『銀河鉄道の夜』(…)は、…`: the title line glued onto the lead.
                docTitle = title
                docReading = reading
                context.recordRemoval(rule: Self.titleLineRule, text: head, line: blocks[i].line)
                blocks[i].text = rest
            } else if let l = blocks.firstIndex(from: i + 1, notRole: .caption), blocks[l].role == .paragraph,
                let lead = JapaneseText.parseLead(blocks[l].text), Self.isTitleLine(blocks[i].text, title: lead.title)
            {
                // A title line standing before the lead (desktop skins show the page title as h1;
                // Weblio heads the section-split page that holds the lead `X 概要`). A caption
                // may stand between (the infobox's image caption, the lead photo's).
                docTitle = lead.title
                docReading = lead.reading
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            } else if i + 1 < blocks.count, blocks[i + 1].role == .paragraph, let reading = Self.rubyReading(after: blocks[i].text, in: blocks[i + 1].text) {
                // `新世界訳聖書` over `新世界訳聖書 しんせかいやくせいしょは、…`: the lead's reading is a
                // ruby ({{読み仮名}}) whose parentheses (`<rp>`) the scrape dropped.
                docTitle = blocks[i].text.trimmingSpaces
                docReading = reading
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            } else if !fragment, i + 2 < blocks.count, blocks[i + 1].role == .paragraph, Self.isReadingLine(blocks[i + 1].text),
                Self.isHeaderTitle(blocks[i].text), Self.mayBeReadAs(blocks[i].text, blocks[i + 1].text),
                Self.spellsKana(of: Self.withoutArticleTypeLabel(blocks[i].text, reading: blocks[i + 1].text), blocks[i + 1].text),
                blocks.contains(from: i + 2, role: .paragraph, or: .heading)
            {
                // The page title with its kana reading on the line under it, then the body
                // (ピクシブ百科事典's article header; chrome catalogue §9). A title all in kana
                // is read as it is written (`ピカチュウ`, `ぴかちゅう`): two other kana words are two
                // menu items (`ゲーム`, `アニメ`). The reading holds the title's own kana, and a
                // kana at least for each kanji: `はじめに` under `編集をしてくださるみなさんへ` is
                // the first heading of a page whose headings lost their marks, not its reading.
                docTitle = Self.withoutArticleTypeLabel(blocks[i].text, reading: blocks[i + 1].text)
                docReading = blocks[i + 1].text
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                context.recordRemoval(rule: Self.readingLineRule, text: blocks[i + 1].text, line: blocks[i + 1].line)
                blocks.removeSubrange(i...(i + 1))
            } else if !fragment, titleOverTagline == nil, i + 2 < blocks.count, blocks[i + 1].role == .paragraph, blocks[i + 2].role == .paragraph,
                Self.isShortDescription(blocks[i + 1].text), let lead = JapaneseText.parseLead(blocks[i + 2].text),
                Self.isTitleLine(blocks[i].text, title: lead.title) || Self.isQualifiedName(blocks[i].text, of: lead.title)
            {
                // The title line, the page's short description under it (`日本語文章表記の体系`:
                // the mobile skin prints it as the title's tagline, as Wikiwand does), then the
                // lead that names the title: the description is header, as the title line is.
                // Not under a desktop skin's tagline: a line between it and the lead is the lead
                // photo's caption there. The title line may carry the page name's qualifier
                // (`額 (曖昧さ回避)` over `ウィキメディアの曖昧さ回避ページ` and `額(ひたい)`): the
                // lead names the title without it.
                docTitle = lead.title
                docReading = lead.reading
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                context.recordRemoval(rule: StripSiteChrome.shortDescriptionRule, text: blocks[i + 1].text, line: blocks[i + 1].line)
                blocks.removeSubrange(i...(i + 1))
            } else if i + 1 < blocks.count, blocks[i + 1].role == .paragraph, Self.isHeaderTitle(blocks[i].text),
                Self.leadNames(blocks[i + 1].text, title: blocks[i].text)
            {
                // A title line over a lead that opens with it (`ゼルダの伝説は、…`) where the
                // lead alone does not read as one (a particle inside the title).
                docTitle = blocks[i].text
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            } else if !fragment, i + 2 < blocks.count, Self.isHeaderTitle(blocks[i].text),
                let j = blocks.firstIndex(from: i + 1, role: .paragraph, or: .heading),
                blocks[j].role == .heading, j + 1 < blocks.count, blocks[j + 1].role == .paragraph,
                let (title, reading) = Self.leadUnderFirstHeading(blocks[j + 1].text, titleLine: blocks[i].text)
            {
                // A page with no lead section whose first section opens with the lead (Seesaa's
                // `最終更新：…` glued to the first heading, `概要`, then `通潤橋(つうじゅんきょう)は、…`):
                // the title line over the heading names the page, as over a lead; the lead section
                // is empty.
                docTitle = title
                docReading = reading
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            } else if !fragment, let j = blocks.firstIndex(from: i + 1, role: .paragraph, or: .heading),
                blocks[j].role == .heading, let k = blocks.firstIndex(from: j + 1, role: .paragraph),
                let reading = Self.headwordReading(blocks[k].text, title: blocks[i].text), Self.isHeaderTitle(blocks[i].text)
            {
                // A dictionary entry's title line over its first heading (ウィクショナリー: `灯台`,
                // then `日本語`, `名詞`, then the headword `灯台(とうだい)` or `いのしし【猪】`): no
                // lead; the title line names the page and the headword line reads it.
                docTitle = blocks[i].text
                docReading = reading
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            } else if !fragment, i + 1 < blocks.count, blocks[i + 1].role == .paragraph, blocks[i + 1].text == blocks[i].text,
                Self.isHeaderTitle(blocks[i].text), blocks.contains(from: i + 2, role: .paragraph)
            {
                // A work with no lead (ウィキソース): the title line, then the header box's title
                // again over the text; both name the page.
                docTitle = blocks[i].text
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i + 1].text, line: blocks[i + 1].line)
                blocks.removeSubrange(i...(i + 1))
            } else if !fragment, let l = titleOverTagline, i + 1 < blocks.count, blocks[i + 1].line == l,
                blocks[i + 1].role == .paragraph, Self.isSectionHeadword(blocks[i].text, of: blocks[i + 1].text),
                blocks.contains(from: i + 2, role: .paragraph)
            {
                // A Weblio section page whose section holds no lead (`ギザの大ピラミッド 概要` over
                // `ギザの大ピラミッド`, the tagline, then `概要` over the section's text): the
                // article's name over the tagline names the page, the headword is header too.
                docTitle = blocks[i + 1].text
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i + 1].text, line: blocks[i + 1].line)
                blocks.removeSubrange(i...(i + 1))
            } else if !fragment, let l = titleOverTagline, blocks[i].line == l, Self.isHeadlineTitle(blocks[i].text),
                blocks.contains(from: i + 1, role: .paragraph)
            {
                // A page whose lead names nothing (a ウィキニュース article under its headline):
                // the title line over the tagline is the only place that names it.
                docTitle = blocks[i].text
                // A page name with its qualifier (`横川駅 (群馬県)`, a Weblio entry's headword over
                // the tagline) over a lead that names it without the qualifier and reads it
                // (`横川駅(よこかわえき)は、`): the name stays the page's, the reading is the lead's.
                if Self.isQualifiedPageName(blocks[i].text), let l = blocks.firstIndex(from: i + 1, notRole: .caption),
                    blocks[l].role == .paragraph, let lead = JapaneseText.parseLead(blocks[l].text), lead.reading != nil,
                    Self.isQualifiedName(blocks[i].text, of: lead.title)
                {
                    docReading = lead.reading
                }
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            } else if let l = titleOverMetadata, blocks[i].line == l, Self.isHeaderTitle(blocks[i].text) {
                // A wiki page whose lead names nothing (a WIKIWIKI page `編集をしてくださるみなさんへ`,
                // an アニヲタWiki article): the h1 title, then the header's metadata under it
                // (`Last-modified: …`, `登録日:…`), then the body. The title line is the only
                // place that names the page.
                docTitle = blocks[i].text
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            } else if !fragment, Self.isTalkPageTitle(blocks[i].text),
                blocks.contains(from: i + 1, role: .paragraph, or: .heading)
            {
                // A talk page's title line (`ノート:姫路城`, `利用者‐会話:X`): it has no lead, the
                // title line is the only place that names it.
                docTitle = blocks[i].text
                context.recordRemoval(rule: Self.titleLineRule, text: blocks[i].text, line: blocks[i].line)
                blocks.remove(at: i)
            } else if fragment, let (title, caption, removed) = infoboxHeader(blocks[i].text) {
                // A preview that starts with an infobox: its header is the title, the rest is residue.
                docTitle = title
                context.recordRemoval(rule: Self.infoboxRule, text: removed, line: blocks[i].line)
                let line = blocks[i].line
                blocks.remove(at: i)
                if let caption { blocks.insert(.caption(caption, line: line), at: i) }
            } else if fragment, let subject = Self.previewSubject(blocks[i].text) {
                // `ドラえもんは、…...`: a preview's lead with no reading, its name holding a kana
                // the lead parser takes for a particle.
                docTitle = subject
            } else if fragment, let (name, reading) = Self.leadCutInParenthesis(blocks[i].text) {
                // `河東碧梧桐(かわひがしへきごとう、1873年(明治6年)2月26日-1...`: a preview cut inside its
                // lead's parenthesis (a biography's dates, or an infobox before the lead, took
                // most of its characters).
                docTitle = name
                docReading = reading
            }
        }
        if fragment, let k = blocks.lastIndex(role: .paragraph) {
            // Navbox or sidebar residue after the last sentence of a preview: no kana at all.
            if let (kept, residue) = Self.trailingResidue(blocks[k].text) {
                context.recordRemoval(rule: Self.infoboxRule, text: residue, line: blocks[k].line)
                blocks[k].text = kept
            }
        }
        if !fragment, docReading == nil, let title = docTitle {
            // The title from a title line, and the lead that names it under a photo's caption
            // or a hatnote: the lead's reading is the page's (`インターネット百科事典。…` (the
            // caption), then `インターネット百科事典(インターネットひゃっかじてん、…)は、…`).
            let key = ChromeRules.foldKey(title)
            for b in blocks.lazy.filter({ $0.role == .paragraph }).prefix(3) {
                guard let lead = JapaneseText.parseLead(b.text), ChromeRules.foldKey(lead.title) == key else { continue }
                docReading = lead.reading
                break
            }
        }
        doc.storedID = Self.id(for: page, line: lineStart)
        doc.title = docTitle
        doc.reading = docReading
        doc.kind = docKind
        doc.truncated = fragment
        doc.blocks = blocks
        doc.source.lineStart = lineStart
        doc.source.lineEnd = lineEnd
    }

    /// The page's block `b`, moved out of `all` into a document, an empty block with its role
    /// and line left in its place: copied, each block's strings were retained, and released
    /// again when the page's array was destroyed. A block goes into one document only, and
    /// once it is there the stage no longer reads its text in `all` (the units after the
    /// current one are read, and the article's units until it is made).
    /// (A placeholder assigned through the array's subscript cost a copy and a destroy of its
    /// own, more than the copy it saved; here it is written into the moved-out slot, and holds
    /// no reference.)
    @inline(__always)
    private static func takeBlock(_ all: inout [Block], _ b: Int) -> Block {
        all.withUnsafeMutableBufferPointer { p in
            let slot = p.baseAddress! + b
            let block = slot.move()
            slot.initialize(to: Block(text: "", role: block.role, line: block.line, rule: nil, signal: nil))
            return block
        }
    }

    /// Gives each id repeated in `docs` the first free `.n` suffix (`n` from 2), in order: the
    /// first keeps its id. On the ids' texts (the renamed ones then kept as text): it runs only
    /// for a page whose documents' first lines do not increase, which none of the sample, the
    /// 4 MB and the 20 MB slices has, so their parts bring nothing here.
    static func makeIDsUnique(_ docs: inout [Document]) {
        var used = Set<String>()
        for k in docs.indices {
            var id = docs[k].id
            var n = 2
            while !used.insert(id).inserted {
                id = "\(docs[k].id).\(n)"
                n += 1
            }
            docs[k].id = id
        }
    }

    static func id(for page: Document, line: Int?) -> DocumentID {
        id(for: page.source, line: line)
    }

    /// `input:line`, `input:record:line`, `input:record` or `input:0`, kept as those parts
    /// (``DocumentID``): the writer writes the text. (Made as a `String`, even from one buffer
    /// with the bytes copied unchecked, an id cost some 590 instructions, 1.9 M a cc4 run with
    /// the readers' page ids, and its freeing more.)
    static func id(for source: SourceLocation, line: Int?) -> DocumentID {
        DocumentID(input: source.input, record: source.record, line: line)
    }

    /// The truncation mark at the end of `text` (empty when there is none) and the text
    /// before it without leading and trailing spaces (nil when that is `text` itself).
    static func cutTruncationMark(_ text: String) -> (removed: String, kept: String?) {
        let (ell, a, b, count) = text.withUTF8Bytes { p -> (Int, Int, Int, Int) in
            let (s, e) = StripSiteChrome.trimmedBounds(p)
            let ell = StripSiteChrome.ellipsisStart(p, s, e) ?? p.count
            let (a, b) = StripSiteChrome.trimmedBounds(UnsafeBufferPointer(rebasing: p[0..<ell]))
            return (ell, a, b, p.count)
        }
        let removed = ell == count ? "" : text.utf8Copy(ell, count)
        if a == 0 && b == count { return (removed, nil) }
        return (removed, text.utf8Copy(a, b))
    }

    /// ``cutTruncationMark(_:)`` that records the mark as ``ellipsisRule``'s removal, counted
    /// on the text's bytes: the kept text (nil when that is `text` itself). No `String` is made
    /// of the mark (nor a `Substring` of one, as `recordRemoval(rule:text:line:)` takes),
    /// unless events are kept. `markStart`: where the mark starts when already known (what
    /// ``truncationMarkStart(_:)`` answered for `text`: the same offset `ellipsisStart` finds),
    /// so that it is not looked for again.
    static func cutTruncationMark(_ text: String, markStart: Int? = nil, recordingIn context: inout StageContext, line: Int?) -> String? {
        let (a, b, count) = keptBounds(text, markStart: markStart, recordingIn: &context, line: line)
        if a == 0 && b == count { return nil }
        return text.utf8Copy(a, b)
    }

    /// The two ``cutTruncationMark(_:markStart:recordingIn:line:)`` forms' reading of `text`:
    /// the mark recorded, and the bounds of the kept text (the bytes before the mark, their
    /// spaces trimmed) with the text's length.
    @inline(__always)
    private static func keptBounds(_ text: String, markStart: Int?, recordingIn context: inout StageContext, line: Int?) -> (Int, Int, Int) {
        text.withUTF8Bytes { p -> (Int, Int, Int) in
            let ell: Int
            if let markStart {
                ell = markStart
            } else {
                let (s, e) = StripSiteChrome.trimmedBounds(p)
                ell = StripSiteChrome.ellipsisStart(p, s, e) ?? p.count
            }
            context.recordRemoval(rule: ellipsisRule, validUTF8: UnsafeBufferPointer(rebasing: p[ell..<p.count]), line: line)
            let (a, b) = StripSiteChrome.trimmedBounds(UnsafeBufferPointer(rebasing: p[0..<ell]))
            return (a, b, p.count)
        }
    }

    /// ``cutTruncationMark(_:markStart:recordingIn:line:)`` that leaves the kept text in
    /// `text` itself: where no leading space is trimmed (nearly every preview), the mark and
    /// the spaces before it are removed from the string's own storage, which a string that
    /// nothing else holds keeps (`removeSubrange` at the end of a unique native string moves
    /// no byte and allocates nothing). A new string was made of the kept bytes for every
    /// preview (an allocation and a copy of the whole text), and the old one freed.
    static func cutTruncationMark(in text: inout String, markStart: Int? = nil, recordingIn context: inout StageContext, line: Int?) {
        let (a, b, count) = keptBounds(text, markStart: markStart, recordingIn: &context, line: line)
        if a == 0 && b == count { return }
        guard a == 0 else {
            text = text.utf8Copy(a, b)
            return
        }
        text.removeSubrange(text.utf8.index(text.utf8.startIndex, offsetBy: b)..<text.endIndex)
    }

    static func withoutEllipsis(_ text: String) -> String {
        text.withUTF8Bytes { p in
            let (s, e) = StripSiteChrome.trimmedBounds(p)
            guard let ell = StripSiteChrome.ellipsisStart(p, s, e) else { return text }
            return String(decoding: UnsafeBufferPointer(rebasing: p[0..<ell]), as: UTF8.self)
        }
    }

    /// Particles no infobox header ends in: の は が を に で と も へ や.
    static let particleScalars: Set<UInt32> = Set("のはがをにでともへや".unicodeScalars.map(\.value))

    /// `黄巾の乱赤が黄巾の乱が発生した地域(184年)戦争:黄巾の乱年月日:…`: the infobox header
    /// (title), an optional map caption, and the whole residue text.
    private func infoboxHeader(_ text: String) -> (String, String?, String)? {
        // The earliest label (not at the very start), within the 80 scalars a header may
        // have: one pass over the scalars with an index of the labels' first scalars.
        let index = InfoboxLabelIndex.index(for: infoboxLabels)
        // Byte offset of the label and the header's length in scalars.
        let found: (Int, Int)? = text.withUTF8Bytes { p in index.earliest(in: p, maximumOffset: 80) }
        guard let (firstLabelByte, headScalars) = found else { return nil }
        // A header is a name: one that ends in a particle is a sentence using a label's word
        // (`明治時代の鉄道は起点を…`, `このページの概要を…`, `この地域の人口は…`).
        let particle: Bool = text.withUTF8Bytes { p in
            firstLabelByte >= 3 && p[firstLabelByte - 3] == 0xE3 && Self.particleScalars.contains(UTF8Scan.decodeBefore(p, firstLabelByte).scalar)
        }
        if particle { return nil }
        // No `。` in the header, and no `、` (a clause, not a name: `城の石垣には、…野面積み`
        // holds the label `面積`); `高杉晋作高杉晋作` (header then name field): the two halves
        // compared as bytes.
        let (hasKuten, repeated): (Bool, String?) = text.withUTF8Bytes { p in
            let head = UnsafeBufferPointer(rebasing: p[0..<firstLabelByte])
            if head.containsKutenBytes || head.containsToutenBytes { return (true, nil) }
            guard headScalars % 2 == 0 else { return (false, nil) }
            var mid = 0
            for _ in 0..<(headScalars / 2) { mid += UTF8Scan.decode(p, mid).length }
            guard mid * 2 == firstLabelByte, memcmp(p.baseAddress!, p.baseAddress! + mid, mid) == 0 else { return (false, nil) }
            return (false, String(decoding: UnsafeBufferPointer(rebasing: p[0..<mid]), as: UTF8.self))
        }
        if hasKuten { return nil }
        if let repeated { return (repeated, nil, text) }
        // Header glued to a map caption that ends in a date: the longest prefix repeated later.
        switch text.withUTF8Bytes({ Self.headerBeforeCaption(UnsafeBufferPointer(rebasing: $0[0..<firstLabelByte]), scalars: headScalars) }) {
        case .decided(let split?): return (split.title, split.caption, text)
        case .decided(nil): break
        case .undecided:
            if let (title, caption) = Self.headerBeforeCaptionCharacters(text.utf8Copy(0, firstLabelByte)) { return (title, caption, text) }
        }
        guard headScalars <= 40 else { return nil }
        // The label starts on a scalar boundary (the index steps scalar by scalar): the bytes
        // before it are copied unchecked (decoded with repair, ~750 instructions a header).
        let head = text.utf8Copy(0, firstLabelByte)
        // An album's or a book's header names the work in 『』 before its artist
        // (`『青い港』港浜バンド の スタジオ・アルバム`): the title is the name inside.
        if Self.opensWithDoubleCornerBracket(head), let close = head.firstIndex(of: "』"), close > head.index(after: head.startIndex) {
            return (String(head[head.index(after: head.startIndex)..<close]), nil, text)
        }
        return (head, nil, text)
    }

    /// `head.hasPrefix("『")`, on the bytes where they decide it: `『` (E3 80 8E) is only
    /// itself (no decomposition, none to it), so without those bytes first it is no prefix;
    /// with them, it is when the next scalar is plain (``isPlainScalar(_:)``: no mark joins
    /// it) or there is none. A `Character` comparison decides the rest.
    static func opensWithDoubleCornerBracket(_ head: String) -> Bool {
        let decided: Bool? = head.withUTF8Bytes { p in
            guard p.count >= 3, p[0] == 0xE3, p[1] == 0x80, p[2] == 0x8E else { return false }
            if p.count == 3 || isPlainScalar(UTF8Scan.decode(p, 3).scalar) { return true }
            return nil
        }
        return decided ?? head.hasPrefix("『")
    }

    /// The header glued to a map caption that ends in a date (`黄巾の乱赤が黄巾の乱が発生した地域(184年)`):
    /// the longest prefix (2 to 40 scalars, at most half) found again in the rest, as first
    /// written, on `String`s.
    static func headerBeforeCaptionCharacters(_ head: String) -> (String, String)? {
        if head.hasSuffix(")") || head.hasSuffix("）") {
            let u = Array(head.unicodeScalars)
            var best = 0
            for n in stride(from: min(u.count / 2, 40), through: 2, by: -1) {
                let prefix = String(String.UnicodeScalarView(u[0..<n]))
                let rest = String(String.UnicodeScalarView(u[n...]))
                if rest.contains(prefix) { best = n; break }
            }
            if best > 0 {
                let title = String(String.UnicodeScalarView(u[0..<best]))
                let caption = String(String.UnicodeScalarView(u[best...]))
                return (title, caption)
            }
        }
        return nil
    }

    /// The text ends in `)` or `）` (a bare `X(よみ)` with nothing said after it).
    static func endsWithParenthesis(_ text: String) -> Bool {
        // One look at the last bytes: `)` (29) or `）` (EF BC 89).
        text.withUTF8Bytes { p in
            let n = p.count
            return n > 0 && (p[n - 1] == 0x29 || (n >= 3 && p[n - 1] == 0x89 && p[n - 2] == 0xBC && p[n - 3] == 0xEF))
        }
    }

    /// Text after the last `。` that has no kana (hiragana) at all: left-over navbox words.
    /// Not an item of a list `X - 説明` (a disambiguation page's entry cut off before its
    /// kana, `ハリー・ポッターシリーズ - 小説`): navbox words are glued, with no ` - ` between.
    static func trailingResidue(_ text: String) -> (String, String)? {
        switch trailingResidueBytes(text) {
        case .decided(let result): return result
        case .undecided: return trailingResidueCharacters(text)
        }
    }

    /// ``trailingResidue(_:)`` as first written, on `Character`s: the last `。` that is a
    /// character of its own.
    static func trailingResidueCharacters(_ text: String) -> (String, String)? {
        guard let kuten = text.lastIndex(of: "。") else { return nil }
        let tail = text[text.index(after: kuten)...]
        let n = tail.unicodeScalars.count
        let u = Array(tail.unicodeScalars)
        guard n >= 8, !u.contains(where: { UTF8Scan.isHiragana($0.value) || $0 == "、" }),
            !u.indices.contains(where: { $0 > 0 && $0 + 1 < u.count && u[$0] == "-" && u[$0 - 1] == " " && u[$0 + 1] == " " })
        else { return nil }
        return (String(text[...kuten]), String(tail))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
