import Testing
@testable import WikiClean

@Suite struct RejoinLinesTests {
    let stage = RejoinLines()

    private func roles(_ doc: Document) -> [String] {
        doc.blocks.map { b in
            let hint = b.rule == RejoinLines.listItemHint ? "(li)" : ""
            return b.role == .chrome ? "chrome[\(b.rule ?? "")]" : "\(b.role.rawValue)\(hint):\(b.text)"
        }
    }

    /// Two paragraphs of a dump hard-wrapped at 80 columns, a blank line after each (raw lines 1–5).
    static let wrappedOpening: [(Int, String)] = [
            (1, "琵琶湖（びわこ）は、滋賀県にある日本最大の湖である。面積は約670平方キロメートル"),
            (2, "で、県の面積のおよそ6分の1を占める。"),
            (4, "湖の水は瀬田川から流れ出し、宇治川、淀川と名を変えて大阪湾に注ぐ。京阪神の水源と"),
            (5, "して重要な役割を果たしている。"),
    ]

    private func apply(_ lines: [(Int, String)]) throws -> (Document, StageContext) {
        let page = Document(
            id: "t.txt:1", kind: .page, blocks: lines.map { .paragraph($0.1, line: $0.0) },
            source: SourceLocation(input: "t.txt", lineStart: 1, lineEnd: lines.last?.0 ?? 1))
        var context = StageContext(stage: RejoinLines.identifier)
        let docs = stage.apply(to: page, context: &context)
        return (docs[0], context)
    }

    /// Three paragraphs hard-wrapped at 80 columns, blank lines between them (`w3m -dump`).
    @Test func aDumpWrappedAt80ColumnsGetsItsParagraphsBack() throws {
        let (doc, _) = try apply(Self.wrappedOpening + [
            (7, "地理"),
            (9, "湖は北側の大きな北湖と、南側の小さな南湖に分けられる。両者の境のもっとも狭い所に"),
            (10, "は琵琶湖大橋が架かっている。Lake Biwa is the largest lake in Japan and it lies"),
            (11, "in Shiga."),
        ])
        #expect(roles(doc) == [
            "paragraph:琵琶湖（びわこ）は、滋賀県にある日本最大の湖である。面積は約670平方キロメートルで、県の面積のおよそ6分の1を占める。",
            "paragraph:湖の水は瀬田川から流れ出し、宇治川、淀川と名を変えて大阪湾に注ぐ。京阪神の水源として重要な役割を果たしている。",
            "paragraph:地理",
            "paragraph:湖は北側の大きな北湖と、南側の小さな南湖に分けられる。両者の境のもっとも狭い所には琵琶湖大橋が架かっている。Lake Biwa is the largest lake in Japan and it lies in Shiga.",
        ])
    }

    /// Previews cut off at one length reach one width too; one that ends in a truncation mark
    /// ends its entry, and the next preview on the raw line under it stays apart.
    @Test func previewsCutAtOneWidthStayApart() throws {
        let (doc, _) = try apply(Self.wrappedOpening + [
            (7, "瀬田川（せたがわ）は、滋賀県大津市の琵琶湖から流れ出る唯一の河川である。下流で..."),
            (8, "宇治川（うじがわ）は、京都府宇治市を流れる淀川水系の河川で、瀬田川の下流にあた..."),
            (9, "淀川（よどがわ）は、琵琶湖から流れ出て大阪湾に注ぐ河川で、一級水系淀川の本流..."),
        ])
        #expect(doc.blocks.count == 5)
        #expect(doc.blocks[2].text.hasPrefix("瀬田川") && doc.blocks[3].text.hasPrefix("宇治川") && doc.blocks[4].text.hasPrefix("淀川"))
    }

    /// A table w3m draws without borders pads its cells with spaces: its rows are no wrapped lines.
    @Test func rowsOfABorderlessTableInADumpStayApart() throws {
        let (doc, _) = try apply(Self.wrappedOpening + [
            (7, "所在地        滋賀県大津市、草津市、守山市、近江八幡市、彦根市、長浜市、高島市"),
            (8, "面積          約670平方キロメートル"),
        ])
        #expect(doc.blocks.count == 4)
        #expect(doc.blocks[3].text == "面積          約670平方キロメートル")
    }

    /// A page scraped one paragraph a line, with no blank lines, is not a wrapped dump even when
    /// some of its lines are about as long as one another.
    @Test func linesOfOnePageScrapedOneParagraphALineStayApart() throws {
        let lines = [
            "湖の水は瀬田川から流れ出し、宇治川、淀川と名を変えて大阪湾に注ぐ。京阪神の水源と",
            "湖は北側の大きな北湖と、南側の小さな南湖に分けられる。両者の境のもっとも狭い所に",
            "古くは淡海と呼ばれ、近江国の名の由来となった。江戸時代には米や木材を運ぶ湖上水運",
            "短い一行。",
        ]
        let (doc, _) = try apply(lines.enumerated().map { ($0.offset + 1, $0.element) })
        #expect(roles(doc) == lines.map { "paragraph:" + $0 })
    }

    /// A page with a blank line between its sections and paragraphs of one sentence a line
    /// is no wrapped dump, though three of its lines are as long as one another: they end
    /// in `。`, where a browser's wrap falls anywhere.
    @Test func sentencesOfOneLengthOnAPageWithBlankLinesStayApart() throws {
        let lines: [(Int, String)] = [
            (1, "小倉山"),
            (3, "小倉山(おぐらやま)は、京都府京都市右京区にある標高二九六メートルの山である。"),
            (4, "嵐山の北に位置し、古くから紅葉の名所として和歌に詠まれてきた山である。"),
            (5, "百人一首の撰者として知られる藤原定家の山荘があったと伝えられている。"),
            (7, "歴史"),
            (8, "平安時代には貴族の別荘地として栄え、多くの歌人がこの地を訪れて歌を詠んだ。"),
            (9, "鎌倉時代には藤原定家がこの地で小倉百人一首を撰んだとされ、名が広まった。"),
            (11, "交通"),
            (12, "京福電気鉄道嵐山本線の嵐山駅から徒歩でおよそ二十分ほどで山麓に到着する。"),
        ]
        #expect(RejoinLines.wrapWidth(lines.map { .paragraph($0.1, line: $0.0) }) == nil)
        let (doc, _) = try apply(lines)
        #expect(roles(doc) == lines.map { "paragraph:" + $0.1 })
    }

    @Test func w3mMarksTogglesImagesAndDrawnTablesGo() throws {
        let (doc, context) = try apply([
            (1, "[ ] メインメニュー"), (2, "• メインページ"), (3, "◦ 2.1 近代"), (5, "[ウィキペディア] [フリー百科事典]"),
            (6, "[                    ] 検索"), (8, "[IMG]"), (9, "琵琶湖大橋（2018年撮影）"),
            (11, "┌──────┬──────┐"), (12, "│沖島  │約1.5平方キロメートル│"), (13, "└──────┴──────┘"), (15, "1. ^ 滋賀県の統計による。"),
        ])
        #expect(roles(doc) == [
            "paragraph:メインメニュー", "paragraph(li):メインページ", "paragraph(li):2.1 近代", "chrome[textdump.image]", "paragraph:検索",
            "chrome[textdump.image]", "caption:琵琶湖大橋（2018年撮影）", "chrome[textdump.table]", "chrome[textdump.table]",
            "chrome[textdump.table]", "paragraph(li):^ 滋賀県の統計による。",
        ])
        #expect(context.removed[RejoinLines.markRule]?.count == 5)
    }

    @Test func lynxLinkNumbersAndItsReferenceListGo() throws {
        let (doc, context) = try apply([
            (1, "#[1]Wikipedia (ja) [2]Wikipedia Atom feed"), (3, "* [4]メインページ"),
            (5, "明石海峡大橋は、[22]兵庫県[23]神戸市と[24]淡路島を結ぶ吊り橋である^[26][1]。"), (7, "歴史"), (9, "[[31]編集]"),
            (11, "[33][Akashi_bridge.jpg]"), (13, "表は[12] を見よ。"), (15, "References"), (17, "表示されているリンク:"),
            (18, "1. https://ja.wikipedia.org/w/api.php?action=featuredfeed"), (20, "Hidden links:"),
        ])
        #expect(roles(doc) == [
            "chrome[textdump.link-number]", "paragraph(li):メインページ", "paragraph:明石海峡大橋は、兵庫県神戸市と淡路島を結ぶ吊り橋である。",
            "paragraph:歴史", "paragraph:[編集]", "chrome[textdump.image]", "paragraph:表は[12] を見よ。", "chrome[textdump.references]",
            "chrome[textdump.references]", "chrome[textdump.references]", "chrome[textdump.references]",
        ])
        // The header line, seven link numbers and the footnote mark `[1]` before `。` (on a lynx
        // page a bracketed number before text is read as a link number; a footnote goes anyway).
        #expect(context.removed[RejoinLines.linkNumberRule]?.count == 9)
    }

    /// Without lynx's reference list, `[1]` before text is no link number (a footnote mark
    /// before `。` or a sentence).
    @Test func bracketedNumbersStayOnPagesWithoutLynxReferences() throws {
        let (doc, _) = try apply([(1, "渦潮で知られる[1]。また[2]潮流が速い。"), (2, "* 項目")])
        #expect(roles(doc) == ["paragraph:渦潮で知られる[1]。また[2]潮流が速い。", "paragraph:* 項目"])
    }

    /// BeautifulSoup `get_text("\n")`: a text node a line, the HTML's line breaks as blank lines.
    @Test func textNodesOneALineAreJoinedBackIntoTheirElement() throws {
        let (doc, _) = try apply([
            (1, "1"), (3, "歴史"), (5, "最上川"), (6, "（もがみがわ）は、"), (7, "山形県"), (8, "を流れる川である"), (9, "["), (10, "1"), (11, "]"),
            (12, "。"), (14, "歴史"), (15, "["), (16, "編集"), (17, "]"), (19, "^"), (21, "国土交通省の資料による。"), (23, "「"),
            (24, "https://ja.wikipedia.org/w/index.php?oldid=1"), (25, "」から取得"), (27, "日本の川"), (29, "山形県の地理"),
        ])
        #expect(roles(doc) == [
            "paragraph:1 歴史", "paragraph:最上川（もがみがわ）は、山形県を流れる川である[1]。", "paragraph:歴史[編集]",
            "paragraph:^ 国土交通省の資料による。", "paragraph:「https://ja.wikipedia.org/w/index.php?oldid=1」から取得", "paragraph:日本の川",
            "paragraph:山形県の地理",
        ])
    }

    /// `get_text("\n", strip=True)` leaves no blank line: a run of lines is no element, so only
    /// the split marks join the line before them (a whole page glued into one line is lost).
    @Test func withNoBlankLinesOnlyTheSplitMarksJoin() throws {
        let (doc, _) = try apply([
            (1, "メインメニュー"), (2, "最上川"), (3, "を流れる川である"), (4, "["), (5, "1"), (6, "]"), (7, "。"), (8, "歴史"), (9, "["),
            (10, "編集"), (11, "]"), (12, "江戸時代には舟運が盛んであった"), (13, "["), (14, "2"), (15, "]"), (16, "["), (17, "3"), (18, "]"),
            (19, "。"),
        ])
        #expect(roles(doc) == [
            "paragraph:メインメニュー", "paragraph:最上川", "paragraph:を流れる川である[1]。", "paragraph:歴史[編集]",
            "paragraph:江戸時代には舟運が盛んであった[2][3]。",
        ])
    }

    /// `get_text("\n", strip=True)` of a page with no edit or footnote marks (a mobile
    /// disambiguation page, as a stored copy of ja.m.wikipedia.org's 杜 shows it): the text
    /// after each link opens its own line with a particle or a closing bracket. A node joins
    /// the one before it when that one has no sentence end and it continues it, when the one
    /// before cannot stand alone (`の「`, `このページは`), or when it is a link in a row whose
    /// next node continues; a term and its reading join, and the next sense starts its own line.
    @Test func textNodesOneALineWithNoMarksAreJoinedWhereTheSentenceGoesOn() throws {
        let lines = [
            "杜", "ウィキメディアの曖昧さ回避ページ", "杜", "(もり)", "国訓", "では、", "神社", "の「", "鎮守の森", "」や「ご", "神木", "」を意味する。",
            "杜の都", "-", "宮城県", "仙台市", "の雅称・愛称。", "漢語", "では", "天然林", "、とりわけ、山野に自生する", "落葉", "果樹", "を指す。",
            "杜", "(やまなし)", "ヤマナシ", "このページは", "曖昧さ回避のためのページ", "です。",
        ]
        let (doc, _) = try apply(lines.enumerated().map { ($0.offset + 1, $0.element) })
        #expect(roles(doc) == [
            "paragraph:杜", "paragraph:ウィキメディアの曖昧さ回避ページ", "paragraph:杜(もり)", "paragraph:国訓では、神社の「鎮守の森」や「ご神木」を意味する。",
            "paragraph:杜の都-宮城県仙台市の雅称・愛称。", "paragraph:漢語では天然林、とりわけ、山野に自生する落葉果樹を指す。", "paragraph:杜(やまなし)",
            "paragraph:ヤマナシ", "paragraph:このページは曖昧さ回避のためのページです。",
        ])
        // Lines that are elements, with a few that open with `の` after a lost list item (three,
        // under the six that show a split page), stay apart.
        let elements = [
            "最上川は、山形県を流れる川である。", "上流", "の支流がある。", "中流", "の盆地を流れる。", "下流", "の平野を潤す。", "河口は酒田港である。",
            "舟運が盛んであった。", "芭蕉の句が名高い。",
        ]
        let (apart, _) = try apply(elements.enumerated().map { ($0.offset + 1, $0.element) })
        #expect(apart.blocks.count == elements.count)
    }

    @Test func tabSeparatedRowsAndDashListsOfPlainText() throws {
        let (doc, _) = try apply([
            (1, "水系\t一級水系 利根川"), (2, "支流\t合流地点\t延長"), (3, "吾妻川\t渋川市\t76 km"), (5, "語\tと\t語のある一行。"),
            (7, "- 九州の火山"), (8, "- 阿蘇くじゅう国立公園"), (10, "- 一つだけの行"),
        ])
        #expect(roles(doc) == [
            "paragraph:水系\t一級水系 利根川", "chrome[textdump.table]", "chrome[textdump.table]", "paragraph:語\tと\t語のある一行。",
            "paragraph(li):九州の火山", "paragraph(li):阿蘇くじゅう国立公園", "paragraph:- 一つだけの行",
        ])
    }

    /// A list item whose mark rejoin-lines took off is not read as a caption (it was one
    /// with its mark).
    @Test func aListItemBeforeAHeadingIsNoCaption() throws {
        let (doc, _) = try apply([(1, "関連項目[編集]"), (2, "- 九州の火山"), (3, "- 阿蘇くじゅう国立公園"), (4, "脚注[編集]")])
        var hc = StageContext(stage: SplitHeadings.identifier)
        let headed = SplitHeadings().apply(to: doc, context: &hc)[0]
        var cc = StageContext(stage: SplitCaptions.identifier)
        let split = SplitCaptions().apply(to: headed, context: &cc)[0]
        #expect(split.blocks.filter { $0.role == .caption }.isEmpty)
        var rc = StageContext(stage: SplitCaptions.identifier)
        #expect(try ReferenceSplitCaptions().apply(to: headed, context: &rc)[0].blocks == split.blocks)
    }

    @Test func readingsAFuriganaProxyWroteAfterKanjiWordsGo() throws {
        // trans.hiragana.jp: a reading after each kanji word, between spaces; a title bar's
        // separator and a Latin word keep their space, the rest close up.
        let (doc, context) = try apply([
            (1, "阿蘇山 あそさん - Wikipedia"),
            (2, "出典 しゅってん : フリー百科事典 ひゃっかじてん 『ウィキペディア（Wikipedia）』"),
            (3, "阿蘇山 あそさん （あそさん）は、熊本県 くまもとけん にある。約 やく 5万人 まんにん が暮 く らす。"),
            (4, "概要 がいよう [編集 へんしゅう ]"),
            (5, "英語 えいご Mount Aso"),
        ])
        #expect(doc.blocks.map(\.text) == [
            "阿蘇山 - Wikipedia", "出典: フリー百科事典『ウィキペディア（Wikipedia）』", "阿蘇山（あそさん）は、熊本県にある。約5万人が暮らす。",
            "概要[編集]", "英語 Mount Aso",
        ])
        #expect(context.removed[RejoinLines.rubyRule]?.count == 11)
        // Spaces before kana in ordinary text (a haiku, a Latin name) are left alone: the page's
        // first lines must show three readings.
        let verse = [(1, "古池 や 蛙飛び込む 水の音"), (2, "春の海 ひねもす のたりのたり かな"), (3, "句である。")]
        let (plain, _) = try apply(verse)
        #expect(plain.blocks.map(\.text) == verse.map(\.1))
    }

    /// A name list that spells each name's reading with a space between surname and given
    /// name (`夏目漱石 なつめ そうせき`) is no proxy's page: kana shorter than the kanji word before
    /// them spell no reading of it, and the names keep their readings.
    @Test func aNameListsSplitReadingsAreNoProxysReadings() throws {
        let names = [
            (1, "夏目漱石 なつめ そうせき、森鴎外 もり おうがい - 小説家"), (2, "樋口一葉 ひぐち いちよう - 小説家"),
            (3, "正岡子規 まさおか しき - 俳人"),
        ]
        let (doc, context) = try apply(names)
        #expect(doc.blocks.map(\.text) == names.map(\.1))
        #expect(context.removed[RejoinLines.rubyRule] == nil)
    }

    /// ``RejoinLines/PageScan`` answers as the tests it stands for, on random pages of lines
    /// that show each shape (split marks, continuations, blank lines, lynx's references, w3m's
    /// marks, tabbed rows, `- ` items, empty lines), its pre-checks false only where the test is.
    @Test func pageScanAnswersAsTheTestsItStandsFor() {
        let texts = [
            "[", "]", "編集", "1", "References", "参照", "Visible links:", "1. https://example.com/", "• 項目", "[ ] 選択", "[X] 済",
            "┌──┐", "│a│", "- 項目", "-", "a\tb\tc", "a\tb", "", "を含む。", "の一つ", "、そして", "）は", ")", "本文である。", "本文で",
            "琵琶湖は日本最大の湖である", "x", "[ ", "参照。", "Reference", "——", "あ",
        ]
        var rng = SplitMix64(seed: 61)
        func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var differing: [String] = []
        var shown = (unmarked: 0, blank: 0, change: 0, references: 0, splits: 0, marks: 0)
        // Pages of three kinds: any lines; split marks (`[` `編集` `]` on consecutive lines)
        // among lines with few gaps; continuations (`を…`, `の…`) one a line with few gaps.
        let continuing = ["を含む", "の一つ", "、そして", "）は", "に", "本文で", "本文である。"]
        for _ in 0..<20000 {
            var blocks: [Block] = []
            var line = 1
            let kind = below(3)
            let count = below(4) == 0 ? below(40) : below(kind == 0 ? 10 : 20)
            for _ in 0..<count {
                line += below(kind == 0 ? 5 : 40) == 0 ? 2 : below(7) == 0 ? 0 : 1
                if kind == 1 && below(3) == 0 {
                    for t in ["[", below(2) == 0 ? "編集" : "12", "]"] {
                        blocks.append(Block(role: .paragraph, text: t, line: line))
                        line += 1
                    }
                    continue
                }
                let text =
                    kind == 2 ? continuing[below(continuing.count)]
                    : below(3) == 0 ? texts[below(texts.count)] + texts[below(texts.count)] : texts[below(texts.count)]
                let role: Block.Role = below(8) == 0 ? .chrome : below(12) == 0 ? .heading : .paragraph
                blocks.append(Block(role: role, text: text, line: below(30) == 0 ? nil : line))
            }
            let scan = RejoinLines.PageScan(blocks)
            let unmarked = RejoinLines.showsUnmarkedSplitNodes(blocks), blank = RejoinLines.hasBlankLines(blocks)
            let change = RejoinLines.mayChangeALine(blocks), references = RejoinLines.referencesStart(blocks) != nil
            let splits = RejoinLines.showsSplitNodes(blocks), marks = RejoinLines.showsBrowserMarks(blocks)
            if scan.showsUnmarkedSplitNodes != unmarked || scan.hasBlankLines != blank || scan.mayChangeALine != change
                || (references && !scan.mayHoldReferences) || (splits && !scan.mayShowSplitNodes) || (marks && !scan.mayShowBrowserMarks)
            {
                differing.append("\(blocks.map { "\($0.role.rawValue)@\($0.line ?? -1):\($0.text)" })")
            }
            shown.unmarked += unmarked ? 1 : 0
            shown.blank += blank ? 1 : 0
            shown.change += change ? 1 : 0
            shown.references += references ? 1 : 0
            shown.splits += splits ? 1 : 0
            shown.marks += marks ? 1 : 0
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        // Each answer is seen both ways.
        for n in [shown.unmarked, shown.blank, shown.change, shown.references, shown.splits, shown.marks] { #expect(n > 20 && n < 19980) }
    }
}
