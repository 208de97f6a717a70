import Testing
@testable import WikiClean

@Suite struct SplitHeadingsTests {
    let stage = SplitHeadings()

    private func roles(_ doc: Document) -> [String] {
        doc.blocks.map { "\($0.role.rawValue):\($0.text)" }
    }

    @Test func gluedHeadingIsSplitFromItsParagraph() throws {
        let (docs, context) = try TestSupport.apply(stage, ["マングース作戦[編集]ピッグス湾事件の7カ月後、作戦が始まった。"])
        #expect(roles(docs[0]) == ["heading:マングース作戦", "paragraph:ピッグス湾事件の7カ月後、作戦が始まった。"])
        #expect(context.removed["edit-marker"]?.count == 1)
    }

    @Test func headingAfterASentenceInTheSameLine() throws {
        let (docs, _) = try TestSupport.apply(stage, ["魚沼丘陵は、新潟県にある丘陵。地理[編集]魚野川流域にある。"])
        #expect(roles(docs[0]) == ["paragraph:魚沼丘陵は、新潟県にある丘陵。", "heading:地理", "paragraph:魚野川流域にある。"])
    }

    /// A heading that asks (a talk page's topic, a help page's question) keeps its mark: the
    /// `?` right before the marker ends the heading, a sentence end before it still starts it.
    @Test func aHeadingEndingInAQuestionMark() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "前の段落である。", "表記ガイドに合わせるべきか?[編集]", "本文である。本当ですか？[編集]次の本文である。", "何ですか? 編集", "最後の本文である。",
        ])
        #expect(
            roles(docs[0]) == [
                "paragraph:前の段落である。", "heading:表記ガイドに合わせるべきか?", "paragraph:本文である。", "heading:本当ですか？",
                "paragraph:次の本文である。", "heading:何ですか?", "paragraph:最後の本文である。",
            ])
    }

    /// MediaWiki before 1.18 rendered the edit link before the heading's text (MonoBook pages of
    /// 2005–2010, the 2008 static dump, mirrors of that time): `[編集] 地理` is the heading 地理.
    @Test func anEditLinkBeforeItsHeading() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "琵琶湖は、滋賀県にある湖である。", "[編集] 地理", "湖は北湖と南湖に分けられる。", "［編集］ 関連項目", "淀川", "瀬田川",
        ])
        #expect(
            roles(docs[0]) == [
                "paragraph:琵琶湖は、滋賀県にある湖である。", "heading:地理", "paragraph:湖は北湖と南湖に分けられる。", "heading:関連項目",
                "paragraph:淀川", "paragraph:瀬田川",
            ])
        #expect(context.removed["edit-marker"]?.count == 2)
    }

    /// A heading line over its paragraph with the edit link glued to the paragraph's start (a
    /// scrape that broke the line after the heading's text but not after its link): the line
    /// over the link is the heading, and on such a page a short line after a link is the
    /// section's text, not a heading.
    @Test func anEditLinkGluedToTheParagraphUnderItsHeading() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "前書きの文である。", "免責事項", "[編集]ウィキペディアの素材については、いかなる保証もされません。", "関連項目", "[編集]著作権",
        ])
        #expect(
            roles(docs[0]) == [
                "paragraph:前書きの文である。", "heading:免責事項", "paragraph:ウィキペディアの素材については、いかなる保証もされません。",
                "heading:関連項目", "paragraph:著作権",
            ])
    }

    /// An edit link after text elsewhere on the page (`見出し[編集]`): the page renders links after
    /// headings, so one opening a short line is the link of the heading over it, glued to the line
    /// under it, not one before a heading of its own.
    @Test func anEditLinkOpeningALineOnAPageOfLinksAfterHeadings() throws {
        let (docs, _) = try TestSupport.apply(stage, ["本文である。", "歴史[編集]古くから栄えた。", "ギャラリー", "[編集]港の夕景(2010年)"])
        #expect(
            roles(docs[0]) == [
                "paragraph:本文である。", "heading:歴史", "paragraph:古くから栄えた。", "heading:ギャラリー", "paragraph:港の夕景(2010年)",
            ])
    }

    /// PukiWiki's paragraph-edit link (`$fixed_heading_anchor_edit`: the `paraedit.png` icon,
    /// alt text `Edit`, after every heading; WIKIWIKI.jp pages as stored copies show them):
    /// `見出し Edit` and `見出し † Edit` are headings, their marker cut.
    @Test func pukiwikiParagraphEditLinkAfterAHeading() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "戦闘関連のデータ集 Edit", "主に戦闘周りの雑多なデータをこのページに集積する。", "ターン制バトル Edit",
            "このゲームの戦闘はターン制である。", "奇襲攻撃 † Edit", "ボスを含めた全ての敵は、低確率で先制攻撃を行う。",
        ])
        #expect(
            roles(docs[0]) == [
                "heading:戦闘関連のデータ集", "paragraph:主に戦闘周りの雑多なデータをこのページに集積する。", "heading:ターン制バトル",
                "paragraph:このゲームの戦闘はターン制である。", "heading:奇襲攻撃", "paragraph:ボスを含めた全ての敵は、低確率で先制攻撃を行う。",
            ])
        #expect(context.removed["edit-marker"]?.count == 3)
    }

    /// An English heading that ends in the word (`Good First Edit`) keeps it when no other line of
    /// the page ends in the link; on a page of such headings, a heading in Latin letters loses it.
    @Test func aHeadingEndingInTheWordEditIsNoLinkAlone() throws {
        let (alone, _) = try TestSupport.apply(stage, ["前の段落である。", "Good First Edit", "初めての編集の例を示します。"])
        #expect(roles(alone[0]).contains { $0.hasSuffix(":Good First Edit") })
        let (page, _) = try TestSupport.apply(stage, ["概要 Edit", "本文である。", "FAQ Edit", "よくある質問である。"])
        #expect(roles(page[0]) == ["heading:概要", "paragraph:本文である。", "heading:FAQ", "paragraph:よくある質問である。"])
    }

    /// Older MediaWiki put the edit link before the headline (`[編集] 見出し`, an old Wikia page).
    @Test func anEditLinkBeforeTheHeadline() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "ここでは、ウィキアに関するFAQを掲載しています。", "[編集] ウィキアについて", "[編集] ウィキアとは何ですか?",
            "ウィキアは、MediaWikiを使ってウェブサイトを創るコミュニティです。",
        ])
        #expect(
            roles(docs[0]) == [
                "paragraph:ここでは、ウィキアに関するFAQを掲載しています。", "heading:ウィキアについて", "heading:ウィキアとは何ですか?",
                "paragraph:ウィキアは、MediaWikiを使ってウェブサイトを創るコミュニティです。",
            ])
        #expect(context.removed["edit-marker"]?.count == 2)
        // A marker glued to a sentence with no space stays the marker before a paragraph.
        let (glued, _) = try TestSupport.apply(stage, ["歴史", "[編集]この城は1346年に築かれた。"])
        #expect(roles(glued[0]).last == "paragraph:この城は1346年に築かれた。")
    }

    /// The numbering preference (`numberheadings`) puts `1 `, `1.1 ` before every heading: the
    /// numbers go when every heading of the page carries one and the first is `1 `; a heading
    /// that opens with a number of its own keeps it.
    @Test func headingNumbersOfTheNumberingPreferenceAreCut() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "湖を面積順に挙げる。", "1 面積順[編集]", "琵琶湖が最大である。", "1.1 汽水湖[編集]", "サロマ湖がある。", "2 水深順[編集]", "田沢湖が最も深い。",
        ])
        #expect(
            roles(docs[0]) == [
                "paragraph:湖を面積順に挙げる。", "heading:面積順", "paragraph:琵琶湖が最大である。", "heading:汽水湖", "paragraph:サロマ湖がある。",
                "heading:水深順", "paragraph:田沢湖が最も深い。",
            ])
        #expect(context.removed[HeadingAnchors.headingNumberRule]?.count == 3)
        let (own, _) = try TestSupport.apply(stage, ["大会の記事である。", "2010 FIFAワールドカップ[編集]", "南アフリカで開かれた。", "2014 FIFAワールドカップ[編集]", "ブラジルで開かれた。"])
        #expect(own[0].blocks.filter { $0.role == .heading }.map(\.text) == ["2010 FIFAワールドカップ", "2014 FIFAワールドカップ"])
        let (mixed, _) = try TestSupport.apply(stage, ["本文である。", "1 月の行事[編集]", "元日である。", "歴史[編集]", "古い。"])
        #expect(mixed[0].blocks.filter { $0.role == .heading }.map(\.text) == ["1 月の行事", "歴史"])
    }

    @Test func severalEmptySectionsInOneLine() throws {
        let (docs, _) = try TestSupport.apply(stage, ["高月北は、地名。脚注[編集]参考文献[編集]外部リンク[編集]"])
        #expect(roles(docs[0]) == ["paragraph:高月北は、地名。", "heading:脚注", "heading:参考文献", "heading:外部リンク"])
    }

    /// A page whose edit markers a mirror dropped, with its contents list (as strip-site-chrome took it).
    private func pageWithContents(_ contents: [String], _ body: [String]) -> Document {
        var blocks: [Block] = [Block(role: .chrome, text: "目次", line: 1, rule: "wikipedia.vector-menu")]
        for t in contents { blocks.append(Block(role: .chrome, text: t, line: blocks.count + 1, rule: "generic.toc")) }
        blocks.append(Block(role: .chrome, text: "目次の表示・非表示を切り替え", line: blocks.count + 1, rule: "wikipedia.single-chrome-lines"))
        for t in body { blocks.append(.paragraph(t, line: blocks.count + 1)) }
        return Document(id: "t.txt:1", kind: .page, blocks: blocks, source: SourceLocation(input: "t.txt", lineStart: 1, lineEnd: blocks.count))
    }

    @Test func aLineNamingAContentsEntryIsItsHeading() throws {
        // Wikibooks: `中和滴定` after a formula line (no sentence before it), `指示薬` over a sentence.
        let page = pageWithContents(
            ["1 中和反応の式", "2 中和滴定", "2.1 指示薬"],
            ["中和反応とは、酸と塩基が反応する反応である。", "中和反応の式", "塩酸と水酸化ナトリウムを混ぜる。", "HCl + NaOH → NaCl + H2O", "中和滴定",
             "濃度を求める操作を中和滴定という。", "指示薬", "フェノールフタレインを加える。"])
        var context = StageContext(stage: "split-headings")
        let docs = stage.apply(to: page, context: &context)
        #expect(docs[0].blocks.filter { $0.role == .heading }.map(\.text) == ["中和反応の式", "中和滴定", "指示薬"])
    }

    @Test func contentsEntriesAreMatchedInOrderEachOnce() throws {
        // Wiktionary: `名詞` right over `発音`'s parent entry, every line short; a second `発音`
        // (a list item after the section) and an entry passed over stay paragraphs.
        let page = pageWithContents(
            ["1 日本語", "1.1 名詞", "1.1.1 発音", "1.1.2 翻訳"],
            ["灯台", "日本語", "名詞", "灯台（とうだい）", "岬に建てられ、光を放つ塔。", "発音", "と↘うだい", "翻訳", "英語: lighthouse", "発音", "名詞"])
        var context = StageContext(stage: "split-headings")
        let docs = stage.apply(to: page, context: &context)
        #expect(roles(docs[0]).filter { !$0.hasPrefix("chrome:") } == [
            "paragraph:灯台", "heading:日本語", "heading:名詞", "paragraph:灯台（とうだい）", "paragraph:岬に建てられ、光を放つ塔。", "heading:発音",
            "paragraph:と↘うだい", "heading:翻訳", "paragraph:英語: lighthouse", "paragraph:発音", "paragraph:名詞",
        ])
    }

    @Test func contentsEntriesOfAnotherPageOrWithMarkersNameNoHeading() throws {
        // After the page's footer, the next page's lines are not this list's headings.
        var page = pageWithContents(["1 中和滴定", "2 指示薬"], ["中和反応とは、酸と塩基の反応である。", "HCl + NaOH → NaCl + H2O"])
        page.blocks.append(Block(role: .chrome, text: "カテゴリ: 化学", line: 20, rule: "mediawiki.categories", signal: .pageEnd))
        page.blocks += [.paragraph("HCl + NaOH → NaCl + H2O", line: 21), .paragraph("中和滴定", line: 22), .paragraph("指示薬", line: 23)]
        var context = StageContext(stage: "split-headings")
        var docs = stage.apply(to: page, context: &context)
        #expect(docs[0].blocks.filter { $0.role == .heading }.isEmpty)
        // On a page with edit markers the markers say which lines are headings.
        let marked = pageWithContents(["1 概要", "2 中和滴定"], ["概要[編集]", "中和反応とは、酸と塩基の反応である。", "HCl + NaOH → NaCl + H2O", "中和滴定", "x"])
        docs = stage.apply(to: marked, context: &context)
        #expect(docs[0].blocks.filter { $0.role == .heading }.map(\.text) == ["概要"])
    }

    @Test func contentsEntryNamesOfEachListShape() {
        #expect(HeadingAnchors.contentsEntryNames("2.1 指示薬") == ["指示薬"])
        #expect(HeadingAnchors.contentsEntryNames("１ 概要") == ["概要"])
        #expect(HeadingAnchors.contentsEntryNames("目次1 概要2 歴史2.1 近世3 関連項目") == ["概要", "歴史", "近世", "関連項目"])
        #expect(HeadingAnchors.contentsEntryNames("1 2010年代の活動") == ["2010年代の活動"])
        #expect(HeadingAnchors.contentsEntryNames("概要") == ["概要"])
        #expect(HeadingAnchors.contentsEntryNames("目次").isEmpty)
        #expect(HeadingAnchors.contentsEntryNames("目次 [非表示]").isEmpty)
    }

    private func page(_ blocks: [Block]) -> Document {
        Document(id: "t.txt:1", kind: .page, blocks: blocks, source: SourceLocation(input: "t.txt", lineStart: 1, lineEnd: blocks.count))
    }

    @Test func aNotesWordOverTheNotesListIsItsHeading() throws {
        // The notes (`[脚注の使い方]`, `^ …`) were taken as chrome; a list item, not a sentence, before `脚注`.
        let doc = page([
            .paragraph("利根川は、一級河川である。", line: 1), .paragraph("主な支流", line: 2), .paragraph("吾妻川 - 渋川市", line: 3),
            .paragraph("脚注", line: 4), Block(role: .chrome, text: "[脚注の使い方]", line: 5, rule: "wikipedia.footnote-help"),
            Block(role: .chrome, text: "^ 資料による。", line: 6, rule: "wikipedia.footnote-backlink"),
            .paragraph("参考文献", line: 7), .paragraph("山田太郎『利根川』2000年。", line: 8), .paragraph("外部リンク", line: 9),
            .paragraph("利根川 - 国土交通省", line: 10),
        ])
        var context = StageContext(stage: "split-headings")
        let docs = stage.apply(to: doc, context: &context)
        #expect(docs[0].blocks.filter { $0.role == .heading }.map(\.text).contains("脚注"))
        #expect(roles(docs[0]).contains("paragraph:吾妻川 - 渋川市"))
    }

    @Test func notesSubsectionsAndTheirSectionAreHeadings() throws {
        // Wikipedia's `脚注` over `注釈` and `出典`, each with its notes.
        let doc = page([
            .paragraph("石狩川は、一級河川である。", line: 1), .paragraph("忠別川", line: 2), .paragraph("脚注", line: 3), .paragraph("注釈", line: 4),
            Block(role: .chrome, text: "^ 1981年の洪水による。", line: 5, rule: "wikipedia.footnote-backlink"), .paragraph("出典", line: 6),
            Block(role: .chrome, text: "↑ 資料による。", line: 7, rule: "mediawiki.footnote-backlink-arrow"),
            .paragraph("天塩川は、一級河川である。", line: 8), .paragraph("x", line: 9),
        ])
        var context = StageContext(stage: "split-headings")
        let docs = stage.apply(to: doc, context: &context)
        #expect(docs[0].blocks.filter { $0.role == .heading }.map(\.text) == ["脚注", "注釈", "出典"])
    }

    @Test func aNotesWordOverOtherChromeOrBeforeTheBodyStaysAsItIs() throws {
        // Over a navigation box's line no notes list says it is a section; before any line of
        // the body (the first line: a title) it is no section of a body.
        let doc = page([
            .paragraph("出典", line: 1), Block(role: .chrome, text: "^ 資料による。", line: 2, rule: "wikipedia.footnote-backlink"),
            .paragraph("石狩川は、一級河川である。", line: 3), .paragraph("忠別川", line: 4), .paragraph("脚注", line: 5),
            Block(role: .chrome, text: "表・話・編・歴", line: 6, rule: "wikipedia.navbar"), .paragraph("空知川", line: 7),
            .paragraph("天塩川", line: 8), .paragraph("x", line: 9),
        ])
        var context = StageContext(stage: "split-headings")
        let docs = stage.apply(to: doc, context: &context)
        #expect(docs[0].blocks.filter { $0.role == .heading }.isEmpty)
    }

    @Test func aNotesWordOverNotesThenAPreviewStaysAsItIs() throws {
        // A copy's notes, then another page's preview cut off with `...` (mixed-families-xpwiki):
        // the word is left to detect-boundaries.
        let doc = page([
            .paragraph("日本海は、縁海である。", line: 1), .paragraph("気候", line: 2), .paragraph("冬には季節風が吹く。", line: 3),
            .paragraph("脚注", line: 4), Block(role: .chrome, text: "^ 概説書による。", line: 5, rule: "wikipedia.footnote-backlink"),
            .paragraph("松島は、宮城県の松島湾にある島々からなる景勝地である。日...", line: 6), .paragraph("x", line: 7),
        ])
        var context = StageContext(stage: "split-headings")
        let docs = stage.apply(to: doc, context: &context)
        #expect(docs[0].blocks.filter { $0.role == .heading }.map(\.text) == ["気候"])
    }

    @Test func wikipediaLayoutSectionWordsAfterAListAreHeadings() throws {
        // `由来` (a name's) after a list, over a sentence; `諸元` (specifications) over its rows.
        var (docs, _) = try TestSupport.apply(stage, [
            "日本三名園は、三つの庭園を指す呼び名である。", "偕楽園 - 茨城県水戸市", "後楽園 - 岡山県岡山市", "由来", "この名で呼ぶようになった時期ははっきりしない。",
        ])
        #expect(docs[0].headings == ["由来"])
        (docs, _) = try TestSupport.apply(stage, ["瀬戸内海は、内海である。", "「海は広く、島は近い」", "諸元", "東西の長さ:約450キロメートル", "南北の長さ:約55キロメートル"])
        #expect(docs[0].headings == ["諸元"])
        // A station's `利用状況` after its platforms.
        (docs, _) = try TestSupport.apply(stage, ["港浜駅は、海浜線の駅である。", "1・2番線海浜線上り", "3・4番線海浜線下り", "利用状況", "2022年度の1日平均乗車人員は8,214人である。"])
        #expect(docs[0].headings == ["利用状況"])
    }

    @Test func aCaptionRightUnderAGalleryHeadingIsNoHeading() throws {
        // No markers: `ギャラリー`, a photo's caption, the next photo's caption (a sentence).
        let (docs, _) = try TestSupport.apply(stage, [
            "函館港は、北海道函館市にある港湾である。", "歴史", "1859年に開港した。", "ギャラリー", "函館山から見た港の夜景", "港に停泊する連絡船。現在は記念館として公開されている。",
            "関連項目", "青函連絡船",
        ])
        #expect(docs[0].headings == ["歴史", "ギャラリー", "関連項目"])
    }

    @Test func wikinewsSourcesSectionIsATrailingSection() throws {
        // ウィキニュース: `情報源` over its source line (no sentence end in it).
        let (docs, _) = try TestSupport.apply(stage, [
            "京都市右京区の嵐山で紅葉が見頃を迎えた。", "見頃は12月上旬まで続く見込みだという。", "情報源", "「嵐山の紅葉が見頃に」 — 京都新聞, 2023年11月18日",
        ])
        #expect(roles(docs[0]).contains("heading:情報源"))
    }

    @Test func aTrailingSectionWordBeforeOnlyChromeIsAnEmptySection() throws {
        var page = Document(
            id: "t.txt:1", kind: .page,
            blocks: [
                .paragraph("瀬戸大橋は、橋である。", line: 1), .paragraph("歴史", line: 2), .paragraph("1988年に開通した。", line: 3),
                .paragraph("脚注", line: 4), Block(role: .chrome, text: "^ 資料による。", line: 5, rule: "wikipedia.footnote-backlink"),
            ], source: SourceLocation(input: "t.txt", lineStart: 1, lineEnd: 5))
        var context = StageContext(stage: "split-headings")
        var docs = stage.apply(to: page, context: &context)
        #expect(roles(docs[0]).prefix(4) == ["paragraph:瀬戸大橋は、橋である。", "heading:歴史", "paragraph:1988年に開通した。", "heading:脚注"])
        // The last line of a page with nothing after it may be anything: it stays a paragraph.
        page.blocks.removeLast()
        docs = stage.apply(to: page, context: &context)
        #expect(roles(docs[0]).last == "paragraph:脚注")
    }

    @Test func aTrailingSectionWordAfterAnotherTrailingSectionsListIsAnEmptySection() throws {
        // ニコニコ大百科: `関連項目` and its links, then `関連リンク` whose links were chrome.
        let blocks: [Block] = [
            .paragraph("富士山とは、日本最高峰の山である。", line: 1), .paragraph("関連項目", line: 2), .paragraph("日本の山", line: 3),
            .paragraph("宝永噴火", line: 4), .paragraph("関連リンク", line: 5),
            Block(role: .chrome, text: "富士山 - Wikipedia", line: 6, rule: "wikipedia.html-title"),
        ]
        let page = Document(id: "t.txt:1", kind: .page, blocks: blocks, source: SourceLocation(input: "t.txt", lineStart: 1, lineEnd: 6))
        var context = StageContext(stage: "split-headings")
        let docs = stage.apply(to: page, context: &context)
        #expect(roles(docs[0]).suffix(4).dropLast() == ["paragraph:日本の山", "paragraph:宝永噴火", "heading:関連リンク"])
        // A list item of an ordinary section is not such a section.
        var other = page
        other.blocks[1] = .paragraph("名所", line: 2)
        let kept = stage.apply(to: other, context: &context)
        #expect(roles(kept[0]).suffix(2).first == "paragraph:関連リンク")
    }

    @Test func everyMarkerFormIsRecognised() throws {
        for marker in ["[編集]", "[ソースを編集]", "[編集 | ソースを編集]", "［編集］", "[ 編集 ]", "[編\t集]"] {
            let (docs, _) = try TestSupport.apply(stage, ["歴史\(marker)本文である。"])
            #expect(roles(docs[0]) == ["heading:歴史", "paragraph:本文である。"], "marker \(marker)")
            #expect(!docs[0].text.contains("編集"))
        }
    }

    @Test func pukiwikiDaggerAnchorsMarkHeadingsGluedOrNot() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["姫路城は城である。", "概要 †", "築城には池田輝政?が関わった。", "天守†大天守は国宝である。", "関連ページ †", "彦根城?", "注記[† 1]は城の話である。"])
        #expect(
            roles(docs[0]) == [
                "paragraph:姫路城は城である。", "heading:概要", "paragraph:築城には池田輝政が関わった。", "heading:天守", "paragraph:大天守は国宝である。",
                "heading:関連ページ", "paragraph:彦根城", "paragraph:注記[† 1]は城の話である。",
            ])
        #expect(context.removed["edit-marker"]?.count == 3)
        #expect(context.removed["missing-page-mark"]?.count == 2)
        // Without PukiWiki anchors on the page, a `?` is text; a URL query stays everywhere.
        let (plain, _) = try TestSupport.apply(stage, ["本当に城なのか?と聞いた。"])
        #expect(plain[0].paragraphs == ["本当に城なのか?と聞いた。"])
        #expect(HeadingAnchors.cutMissingPageMarks("詳細はindex.php?cmd=editを参照") == nil)
        // A question's `?` after a sentence-final particle stays, on a PukiWiki page too.
        #expect(HeadingAnchors.cutMissingPageMarks("本当に脅威ですか?アメリカは") == nil)
        #expect(HeadingAnchors.cutMissingPageMarks("どうするの?と聞いた。池田輝政?") ?? ("", 0) == ("どうするの?と聞いた。池田輝政", 1))
    }

    @Test func editMarkerVariantsGluedOrAloneAreRecognised() throws {
        // Lenticular brackets, the verb form, full-width brackets and bars: glued to a heading
        // and its paragraph, closing a heading line, and alone under a heading line.
        for marker in ["【編集】", "【編集する】", "［編集する］", "[編集する]", "[ソースを編集]", "[編集 | ソースを編集]", "[編集 ｜ ソースを編集]", "［編集 ｜ ソースを編集］"] {
            let lines = ["灯台は、船舶に位置を知らせる施設である。", "歴史\(marker)明治時代に多くが建てられた。", "構造\(marker)", "高さは場所によって異なる。", "種類", marker, "大型のものと小型のものがある。"]
            let (docs, context) = try TestSupport.apply(stage, lines)
            #expect(
                roles(docs[0]) == [
                    "paragraph:灯台は、船舶に位置を知らせる施設である。", "heading:歴史", "paragraph:明治時代に多くが建てられた。", "heading:構造",
                    "paragraph:高さは場所によって異なる。", "heading:種類", "paragraph:大型のものと小型のものがある。",
                ], "marker \(marker)")
            #expect(context.removed["edit-marker"]?.count == 3, "marker \(marker)")
        }
    }

    @Test func lenticularBracketsAroundOtherWordsOrInASentenceAreText() throws {
        // Only the edit words make a marker: `【題】`, `【灯台】` are text; and a sentence about the
        // button (a particle or an arrow beside it) is no heading.
        for line in ["灯台【とうだい】は、船舶に位置を知らせる施設である。", "概要を書くにはメニューの【編集】をクリックする。", "ヘッダーメニューの【編集】>【左メニューを編集する】をクリックすると編集できます。", "右上の【編集】ボタンを押す。"] {
            let (docs, context) = try TestSupport.apply(stage, [line])
            #expect(roles(docs[0]) == ["paragraph:\(line)"], "\(line)")
            #expect(context.removed["edit-marker"] == nil, "\(line)")
        }
    }

    @Test func aLoneVerbEditLineMarksTheLineOverItAsAHeading() throws {
        let (docs, context) = try TestSupport.apply(stage, ["灯台は、船舶に位置を知らせる施設である。", "歴史", "編集する", "明治時代に多くが建てられた。"])
        #expect(roles(docs[0]) == ["paragraph:灯台は、船舶に位置を知らせる施設である。", "heading:歴史", "paragraph:明治時代に多くが建てられた。"])
        #expect(context.removed["edit-marker"]?.count == 1)
    }

    @Test func fullWidthMissingPageMarksGoOnPukiWikiPages() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["姫路城は城である。", "概要 †", "築城には池田輝政？が関わった。本多忠刻？、松平忠明？も城主となった。", "関連ページ †", "彦根城？", "何が起きたのか、城内の人は誰？と聞いた。"])
        #expect(
            roles(docs[0]) == [
                "paragraph:姫路城は城である。", "heading:概要", "paragraph:築城には池田輝政が関わった。本多忠刻、松平忠明も城主となった。", "heading:関連ページ",
                "paragraph:彦根城", "paragraph:何が起きたのか、城内の人は誰？と聞いた。",
            ])
        #expect(context.removed["missing-page-mark"]?.count == 2)  // one removal a line
        // A question's `？` stays: after a verb or particle, before a quote's end or a new
        // sentence, after an interrogative, or ending a sentence line.
        for line in ["どうする？と聞いた。", "「本当に脅威？」と聞いた。", "これは何？", "大丈夫？と聞いた。", "天守は国宝である。なぜ国宝か？"] {
            #expect(HeadingAnchors.cutMissingPageMarks(line) == nil, "\(line)")
        }
        // Without PukiWiki anchors on the page, `？` is text.
        let (plain, _) = try TestSupport.apply(stage, ["築城には池田輝政？が関わった。"])
        #expect(plain[0].paragraphs == ["築城には池田輝政？が関わった。"])
    }

    @Test func aPageAfterAFooterKeepsItsOwnHeadingState() throws {
        // A Wikipedia article with `[編集]` and a PukiWiki page with `†`, its footer
        // (`カテゴリ: …`, a page end), then a page of another site with bare headings and a `？`:
        // the bare headings are headings there, and its `?` stays.
        let blocks: [Block] = [
            .paragraph("阿蘇山は、火山である。", line: 1), .paragraph("地形[編集]カルデラがある。", line: 2), .paragraph("概要 †", line: 3),
            .paragraph("池田輝政?が見た。", line: 4),
            Block(role: .chrome, text: "カテゴリ: 九州の火山", line: 5, rule: "mediawiki.categories", signal: .pageEnd),
            .paragraph("霧島山は、火山群である。", line: 6), .paragraph("新燃岳", line: 7), .paragraph("2011年に噴火した。本多忠刻?も見た。", line: 8),
            .paragraph("登山", line: 9), .paragraph("えびの高原から登る道がある。", line: 10),
        ]
        let page = Document(id: "t.txt:1", kind: .page, blocks: blocks, source: SourceLocation(input: "t.txt", lineStart: 1, lineEnd: 10))
        var context = StageContext(stage: "split-headings")
        let docs = stage.apply(to: page, context: &context)
        #expect(
            roles(docs[0]) == [
                "paragraph:阿蘇山は、火山である。", "heading:地形", "paragraph:カルデラがある。", "heading:概要", "paragraph:池田輝政が見た。",
                "chrome:カテゴリ: 九州の火山", "paragraph:霧島山は、火山群である。", "heading:新燃岳", "paragraph:2011年に噴火した。本多忠刻?も見た。",
                "heading:登山", "paragraph:えびの高原から登る道がある。",
            ])
        // Before any sentence, a page end or start (a tagline under the title) cuts nothing.
        #expect(HeadingAnchors.pageSegmentStarts(Array(blocks[4...])) == [])
        #expect(HeadingAnchors.pageSegmentStarts(blocks) == [5])
    }

    /// On a page without markers, photo captions alone on their lines (a section's thumbnails)
    /// stand between a heading and its sentences, or between the last sentence and the next
    /// heading: the heading is found past them. A sentence that a list goes on (`…として、`)
    /// counts as one after a heading.
    @Test func unmarkedHeadingIsFoundPastCaptionLines() throws {
        let lead = "キューバ危機は、1962年に起きた米ソ間の対立である。"
        let body = "この日の朝、モスクワではフルシチョフに悪い情報が入り、幹部会が招集された。"
        let (after, _) = try TestSupport.apply(stage, [lead, "準戦時体制発令", "ボーイングKC-135から空中給油を受けるロッキードU-2発射準備が進められたジュピター", body])
        #expect(after[0].sections.map(\.heading) == [nil, "準戦時体制発令"])
        let (twoAfter, _) = try TestSupport.apply(
            stage, [lead, "国連安保理での米ソ対決", "写真を解説するスティーブンソン国連大使(円卓の写真右から2番目)", "ソ連の貨物船の上空を飛行するアメリカ軍の哨戒機", body])
        #expect(twoAfter[0].sections.map(\.heading) == [nil, "国連安保理での米ソ対決"])
        let (before, _) = try TestSupport.apply(stage, [lead, "キューバ港からミサイルを運び出すソ連の貨物船(アメリカ空軍の偵察機が撮影)", "モスクワ放送での回答", body])
        #expect(before[0].sections.map(\.heading) == [nil, "モスクワ放送での回答"])
        let (list, _) = try TestSupport.apply(stage, [lead, "6つの選択肢", "ここでメンバーがこれから行動に移す可能なコースとして、", body])
        #expect(list[0].sections.map(\.heading) == [nil, "6つの選択肢"])
        // A portrait's name alone is no caption line to look past: of two short lines in a
        // row, either could be the heading, and neither is taken for one.
        let (name, _) = try TestSupport.apply(stage, [lead, "国内の動き", "バリー・ゴールドウオーター", body])
        #expect(name[0].sections.map(\.heading) == [nil])
    }

    @Test func sectionWordAloneBeforeACaptionOrAListIsAHeading() throws {
        let (docs, _) = try TestSupport.apply(stage, ["富士山は山である。", "歴史", "宝永火口(2012年)", "古くから信仰の対象とされた。", "関連項目", "富士五湖"])
        #expect(docs[0].sections.map(\.heading) == [nil, "歴史", "関連項目"])
    }

    /// `年表` over its rows (a year and an event a line, no sentence end): a section of its own.
    @Test func chronologyOverItsRowsIsAHeading() throws {
        let (docs, _) = try TestSupport.apply(
            stage, ["姫路城は、日本の城である。", "歴史", "赤松氏が砦を築いたのが始まりとされる。", "年表", "1346年 赤松貞範が築城", "1993年 世界文化遺産に登録"])
        #expect(docs[0].headings == ["歴史", "年表"])
        #expect(docs[0].sections.last?.paragraphs.count == 2)
    }

    @Test func sectionWordAfterAListInTheBodyIsAHeading() throws {
        // No markers: `歴史` comes after a list's last item, over a sentence.
        let (docs, _) = try TestSupport.apply(
            stage, ["利根川は、関東平野を流れる川である。", "流域", "流域面積は日本最大である。", "主な支流", "鬼怒川", "渡良瀬川", "歴史", "江戸時代に流路が大きく変えられた。"])
        #expect(docs[0].headings == ["流域", "歴史"])
        // Not before the first sentence (menu words at the top of a page), not an ordinary word.
        for lines in [["滋賀県", "湖", "近畿", "歴史", "滋賀県にある日本最大の湖である。"], ["本文である。", "鬼怒川", "渡良瀬川", "江戸時代に流路が大きく変えられた。"]] {
            let (other, _) = try TestSupport.apply(stage, lines)
            #expect(other[0].headings.isEmpty, "\(lines)")
        }
    }

    @Test func sectionWordRightUnderTheTitleAndReadingLinesIsAHeading() throws {
        // ピクシブ百科事典 with no summary and no contents box: title, reading, then `概要`.
        let (docs, _) = try TestSupport.apply(stage, ["琵琶湖", "びわこ", "概要", "滋賀県にある日本最大の湖である。", "歴史", "古くから水運に使われた。"])
        #expect(roles(docs[0]) == ["paragraph:琵琶湖", "paragraph:びわこ", "heading:概要", "paragraph:滋賀県にある日本最大の湖である。",
            "heading:歴史", "paragraph:古くから水運に使われた。"])
        // Only a section word, and only under one or two short header lines.
        let (other, _) = try TestSupport.apply(stage, ["琵琶湖", "びわこ", "湖の話", "滋賀県にある日本最大の湖で、面積は約670平方キロメートルである。"])
        #expect(other[0].blocks.allSatisfy { $0.role == .paragraph })
        let (deep, _) = try TestSupport.apply(stage, ["琵琶湖", "びわこ", "滋賀県", "概要", "滋賀県にある日本最大の湖である。"])
        #expect(deep[0].blocks.allSatisfy { $0.role == .paragraph })
    }

    @Test func introductionWordUnderTheTitleLineIsAHeading() throws {
        // A WIKIWIKI.jp page whose headings lost their `†` (its `Last-modified: …` under the
        // title already taken as chrome): the title, then `はじめに` over the first sentence.
        let (docs, _) = try TestSupport.apply(stage, ["編集をしてくださるみなさんへ", "はじめに", "このwikiは誰でも編集できます。", "本文の続きである。"])
        #expect(roles(docs[0]) == ["paragraph:編集をしてくださるみなさんへ", "heading:はじめに", "paragraph:このwikiは誰でも編集できます。",
            "paragraph:本文の続きである。"])
    }

    @Test func loneMarkerLineMakesThePreviousLineAHeading() throws {
        let (docs, _) = try TestSupport.apply(stage, ["前の段落である。", "歴史", "[編集]", "本文である。"])
        #expect(roles(docs[0]) == ["paragraph:前の段落である。", "heading:歴史", "paragraph:本文である。"])
    }

    @Test func mobileHeadingForms() throws {
        let (docs, _) = try TestSupport.apply(stage, ["前の段落である。", "歴史 編集", "本文である。", "地理", "編集", "次の本文である。"])
        #expect(roles(docs[0]) == ["paragraph:前の段落である。", "heading:歴史", "paragraph:本文である。", "heading:地理", "paragraph:次の本文である。"])
    }

    @Test func fandomEmptyBrackets() throws {
        let (docs, _) = try TestSupport.apply(stage, ["前の段落である。", "概要[]", "本文である。"])
        #expect(roles(docs[0]) == ["paragraph:前の段落である。", "heading:概要", "paragraph:本文である。"])
    }

    @Test func fandomEmptyBracketsGluedToTheParagraphOnAPageWithTheShape() throws {
        let (docs, _) = try TestSupport.apply(stage, ["概要[]", "本文である。", "進化[]かみなりのいしを使うと進化する。"])
        #expect(roles(docs[0]) == ["heading:概要", "paragraph:本文である。", "heading:進化", "paragraph:かみなりのいしを使うと進化する。"])
        // Without a `見出し[]` line on the page, or after a space or a comma, `[]` is text.
        let (plain, _) = try TestSupport.apply(stage, ["進化[]かみなりのいしを使うと進化する。"])
        #expect(roles(plain[0]) == ["paragraph:進化[]かみなりのいしを使うと進化する。"])
        let (text, _) = try TestSupport.apply(stage, ["概要[]", "配列 a[] を使う。", "型は、int[]である。"])
        #expect(roles(text[0]) == ["heading:概要", "paragraph:配列 a[] を使う。", "paragraph:型は、int[]である。"])
    }

    /// A subsection's `見出し[]` glued right after its section's (`作品[]シングル[]1. …`): two
    /// headings, the second starting after the first one's brackets.
    @Test func fandomSubsectionGluedAfterItsSection() throws {
        let (docs, _) = try TestSupport.apply(stage, ["概要[]", "本文である。", "作品[]シングル[]1. 灯台 (1999年)", "型は、int[][]である。"])
        #expect(roles(docs[0]) == ["heading:概要", "paragraph:本文である。", "heading:作品", "heading:シングル", "paragraph:1. 灯台 (1999年)", "paragraph:型は、int[][]である。"])
    }

    @Test func bareSectionWordGluedToAQuotedTitle() throws {
        let (docs, _) = try TestSupport.apply(stage, ["概要『天装戦隊ゴセイジャー』と言う番組の戦闘員。"])
        #expect(roles(docs[0]) == ["heading:概要", "paragraph:『天装戦隊ゴセイジャー』と言う番組の戦闘員。"])
    }

    @Test func unmarkedHeadingsOnlyOnPagesWithoutMarkers() throws {
        let lines = ["鳴門海峡は、海峡である。渦潮で知られる。", "歴史", "古くから潮流の速さで知られ、航海の難所とされた。", "地理", "幅は約1.3キロメートルである。"]
        let (docs, _) = try TestSupport.apply(stage, lines)
        #expect(docs[0].headings == ["歴史", "地理"])
        let (marked, _) = try TestSupport.apply(stage, lines + ["脚注[編集]"])
        #expect(marked[0].headings == ["脚注"])
    }

    /// A drama's sections as a Weblio copy shows them (no markers): the cast, the staff and
    /// the schedule are lists, their headings alone on a line between list items.
    @Test func unmarkedHeadingsOverListsOfADrama() throws {
        let lines = ["『港町の灯』(みなとまちのともしび)は、日本のテレビドラマ。", "あらすじ", "港町の食堂を舞台に、常連客との交流を描く。", "キャスト", "高木一郎 - 浜田翔",
            "山下春子 - 野村沙織", "スタッフ", "脚本 - 野村沙織", "放送日程", "第1話 2015年1月8日 港の食堂"]
        let (docs, _) = try TestSupport.apply(stage, lines)
        #expect(docs[0].headings == ["あらすじ", "キャスト", "スタッフ", "放送日程"])
    }

    /// On a page without markers, a gallery's section word over its captions, and a body
    /// section word (`アクセス`) after them over a sentence, are headings, also written in
    /// half-width katakana (split-headings runs before normalize); a word that reads as none
    /// of them (`ｶﾒﾗ`, an item between captions) stays text.
    @Test func unmarkedGalleryAndBodySectionWordsAlsoInHalfWidthKatakana() throws {
        for (gallery, access) in [("ギャラリー", "アクセス"), ("ｷﾞｬﾗﾘｰ", "ｱｸｾｽ")] {
            let lines = ["松本城は、長野県にある城である。", "概要", "天守は国宝に指定されている。", gallery, "黒い壁の天守(2019年10月)", "月見櫓",
                access, "松本駅から徒歩で約20分である。"]
            let (docs, _) = try TestSupport.apply(stage, lines)
            #expect(docs[0].headings == ["概要", gallery, access])
        }
        let (other, _) = try TestSupport.apply(stage, ["松本城は、長野県にある城である。", "概要", "天守は国宝に指定されている。", "ｶﾒﾗ", "黒い壁の天守"])
        #expect(other[0].headings == ["概要"])
        #expect(HeadingAnchors.widthFoldedWord("ｷﾞｬﾗﾘｰ", among: ["歴史", "ギャラリー"]) == "ギャラリー")
        #expect(HeadingAnchors.widthFoldedWord("ｶﾒﾗ", among: ["ギャラリー"]) == "ｶﾒﾗ")
        #expect(HeadingAnchors.widthFoldedWord("関連ペ―ジ", among: ["歴史", "関連ページ"]) == "関連ページ")
        #expect(HeadingAnchors.widthFoldedWord("ギャラリ—", among: ["ギャラリー"]) == "ギャラリー")
        #expect(HeadingAnchors.isTrailingSectionWord("関連ﾘﾝｸ"))
        #expect(HeadingAnchors.isTrailingSectionWord(" 関連ペ―ジ "))
        #expect(!HeadingAnchors.isTrailingSectionWord("関連ﾘﾝｸ集"))
        // A section of links, in any of those spellings; not another word that starts alike.
        for word in ["関連項目", "関連ペ―ジ", "関連ﾘﾝｸ", " 外部ﾘﾝｸ ", "外部リンク"] { #expect(HeadingAnchors.isLinkSectionWord(word), "\(word)") }
        for word in ["関連会社", "外部", "関連ﾘﾝｸ集", "脚注"] { #expect(!HeadingAnchors.isLinkSectionWord(word), "\(word)") }
        // The byte test that answers first: true only for a word's own bytes, each of which
        // `contains` finds; a word spelled with other scalars (`ペ` as `ヘ` and U+309A) is still
        // a link section word through the string comparison.
        for word in HeadingAnchors.trailingSectionWords {
            #expect(HeadingAnchors.spellsTrailingSectionWord(word), "\(word)")
            #expect(!HeadingAnchors.spellsTrailingSectionWord(word + " "), "\(word)")
            #expect(!HeadingAnchors.spellsTrailingSectionWord(String(word.dropLast())), "\(word)")
        }
        let decomposed = "関連ヘ\u{309A}ージ"
        #expect(!HeadingAnchors.spellsTrailingSectionWord(decomposed))
        #expect(HeadingAnchors.isLinkSectionWord(decomposed))
        var rng = SplitMix64(seed: 41)
        let alphabet = Array("関連項目外部リンクペヘージ脚注タグ記事 ﾘﾝｸ\u{309A}".unicodeScalars)
        for _ in 0..<3000 {
            var s = ""
            for _ in 0..<Int(rng.next() % 7) { s.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            if HeadingAnchors.spellsTrailingSectionWord(s) { #expect(HeadingAnchors.trailingSectionWords.contains(s), "\(s.debugDescription)") }
        }
        #expect(SplitCaptions.isGalleryHeading("ｷﾞｬﾗﾘｰ") && SplitCaptions.isGalleryHeading("画像ｷﾞｬﾗﾘｰ") && !SplitCaptions.isGalleryHeading("ｶﾒﾗ"))
    }

    /// A glossary page's section words with no marker: `用途` right after a sentence over a
    /// list, `注意点` right after the list over a sentence.
    @Test func unmarkedUsesAndCautionsAroundAList() throws {
        let lines = ["BitTorrentとは、ファイルを断片に分けて交換する仕組みです。", "用途", "大きなソフトウェアの配布", "公開素材の共有", "注意点",
            "著作物を無断で共有することは、多くの国で違法とされています。"]
        let (docs, _) = try TestSupport.apply(stage, lines)
        #expect(docs[0].headings == ["用途", "注意点"])
    }

    /// A preview cut off in a list section, its heading glued with no marker between the
    /// lead's last sentence and the first item (`…俳優。年譜1985年 - …...`): a heading; not in
    /// a whole line, nor before a word (`。年譜によれば`).
    @Test func listSectionGluedInAPreview() throws {
        let (docs, _) = try TestSupport.apply(stage, ["浜田翔(はまだ しょう)は、日本の俳優。年譜1985年 - 南海県に生まれる..."])
        #expect(roles(docs[0]) == ["paragraph:浜田翔(はまだ しょう)は、日本の俳優。", "heading:年譜", "paragraph:1985年 - 南海県に生まれる..."])
        for line in ["浜田翔は、日本の俳優。年譜1985年 - 南海県に生まれる。", "浜田翔は、日本の俳優。年譜によれば1985年に生まれる..."] {
            let (plain, _) = try TestSupport.apply(stage, [line])
            #expect(roles(plain[0]) == ["paragraph:" + line])
        }
    }

    @Test func textWithoutMarkersIsUnchanged() throws {
        let (docs, _) = try TestSupport.apply(stage, ["配列 a[] を使う。", "これは[編集部注]である。"])
        #expect(roles(docs[0]) == ["paragraph:配列 a[] を使う。", "paragraph:これは[編集部注]である。"])
    }

    @Test func markerCutOffByATruncationIsRemoved() throws {
        for tail in ["[編...", "[編集…", "[...", "[ソース..."] {
            let (docs, _) = try TestSupport.apply(stage, ["魚沼丘陵は、丘陵。地理\(tail)"])
            #expect(docs[0].headings == ["地理"], "\(tail)")
            #expect(!docs[0].text.contains("["), "\(tail)")
        }
    }

    @Test func wikitextAndMarkdownHeadingLines() throws {
        let (docs, _) = try TestSupport.apply(stage, ["本文である。", "== 歴史 ==", "古い。", "=== 古代 ===", "## 地理", "広い。", "a == b ==", "#1 の話"])
        #expect(roles(docs[0]) == [
            "paragraph:本文である。", "heading:歴史", "paragraph:古い。", "heading:古代", "heading:地理", "paragraph:広い。", "paragraph:a == b ==",
            "paragraph:#1 の話",
        ])
    }
}

extension SplitHeadingsTests {
    /// Wiki text or Markdown typed with an IME on writes the marks full-width (`＝＝ 歴史 ＝＝`,
    /// `＃＃　地理`); no renderer reads them, so the page shows them as they are, and they are
    /// the same headings (no marker survives normalization as `== 歴史 ==`).
    @Test func fullWidthWikitextAndMarkdownHeadingLines() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["本文である。", "＝＝ 歴史 ＝＝", "古い。", "＝＝＝ 古代 ＝＝＝", "＃＃　地理", "広い。", "＃＃ 気候", "暖かい。", "＃タグ", "＝＝ 未完", "ａ ＝＝ ｂ ＝＝"])
        #expect(roles(docs[0]) == [
            "paragraph:本文である。", "heading:歴史", "paragraph:古い。", "heading:古代", "heading:地理", "paragraph:広い。", "heading:気候",
            "paragraph:暖かい。", "paragraph:＃タグ", "paragraph:＝＝ 未完", "paragraph:ａ ＝＝ ｂ ＝＝",
        ])
        #expect(context.removed["edit-marker"]?.count == 4)
    }
}

extension SplitHeadingsTests {
    /// A preview glues a section's heading after the lead's last sentence: a PukiWiki `見出し †`
    /// or (on a page with `見出し[]` lines) a Fandom `見出し[]` opens a section there too, and the
    /// sentence before it stays the lead's paragraph; every `†` heading of the line is split.
    @Test func aHeadingGluedAfterASentenceIsSplit() throws {
        let (dagger, context) = try TestSupport.apply(stage, ["槍ヶ岳(やりがたけ)は、山である。概要 †北アルプスにある。歴史 †古くから登られた..."])
        #expect(roles(dagger[0]) == [
            "paragraph:槍ヶ岳(やりがたけ)は、山である。", "heading:概要", "paragraph:北アルプスにある。", "heading:歴史", "paragraph:古くから登られた...",
        ])
        #expect(context.removed["edit-marker"]?.count == 2)
        let (brackets, _) = try TestSupport.apply(stage, ["生態[]", "ツキノワグマは、クマ科の哺乳類。分布[]日本では本州と四国に..."])
        #expect(roles(brackets[0]) == ["heading:生態", "paragraph:ツキノワグマは、クマ科の哺乳類。", "heading:分布", "paragraph:日本では本州と四国に..."])
        // After a comma, `[]` is still text.
        let (comma, _) = try TestSupport.apply(stage, ["生態[]", "型は、int[]である。"])
        #expect(roles(comma[0]) == ["heading:生態", "paragraph:型は、int[]である。"])
    }
}

extension SplitHeadingsTests {
    /// On a page with no edit markers, a short line over a photo caption alone on its line and
    /// then a sentence is a heading (the section's thumbnail comes first); a short line over a
    /// caption and no sentence is not.
    @Test func anUnmarkedHeadingOverAStandaloneCaptionIsAHeading() throws {
        let (docs, _) = try TestSupport.apply(
            stage, ["東大寺(とうだいじ)は、寺院である。", "伽藍", "大仏殿(2009年)", "現在の大仏殿は江戸時代に再建されたもので、世界最大級の木造建築である。"])
        #expect(roles(docs[0]) == [
            "paragraph:東大寺(とうだいじ)は、寺院である。", "heading:伽藍", "paragraph:大仏殿(2009年)",
            "paragraph:現在の大仏殿は江戸時代に再建されたもので、世界最大級の木造建築である。",
        ])
        let (short, _) = try TestSupport.apply(stage, ["東大寺(とうだいじ)は、寺院である。", "伽藍", "大仏殿(2009年)", "南大門"])
        #expect(short[0].blocks.allSatisfy { $0.role == .paragraph })
    }
}

extension SplitHeadingsTests {
    /// On a page with no edit markers (previews after a tagline), a short line between cut-off
    /// previews is another page's title, not a heading.
    @Test func aShortLineBetweenPreviewsIsNoHeading() throws {
        let (docs, _) = try TestSupport.apply(
            stage, ["FreeBSDは、UNIX系のオペレーティングシステムの一つ。BSDの流れをくむ...", "シェルスクリプト",
                    "Emacs(イーマックス)は、拡張性の高いテキストエディタの一つ。Lispによって機能を追加でき..."])
        #expect(docs[0].blocks.allSatisfy { $0.role == .paragraph })
    }
}

extension SplitHeadingsTests {
    /// On a page with mobile headings (`見出し 編集` lines: Minerva, Fandom's older skin), a
    /// heading whose ` 編集` is glued to its paragraph, at the line start or after a sentence,
    /// is split too; on a page without such lines, ` 編集` in a line is text.
    @Test func aMobileHeadingGluedToItsParagraphIsSplit() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["松本城は、城である。", "歴史 編集", "深志城が始まりとされる。", "構造 編集五重六階の天守である。",
                    "犬山城(いぬやまじょう)は、平山城。歴史 編集1537年に築かれたと..."])
        #expect(roles(docs[0]) == [
            "paragraph:松本城は、城である。", "heading:歴史", "paragraph:深志城が始まりとされる。", "heading:構造", "paragraph:五重六階の天守である。",
            "paragraph:犬山城(いぬやまじょう)は、平山城。", "heading:歴史", "paragraph:1537年に築かれたと...",
        ])
        #expect(context.removed["edit-marker"]?.count == 3)
        let (plain, _) = try TestSupport.apply(stage, ["松本城は、城である。", "雑誌 編集者として働いた。"])
        #expect(roles(plain[0]) == ["paragraph:松本城は、城である。", "paragraph:雑誌 編集者として働いた。"])
    }
}

extension SplitHeadingsTests {
    /// The roles after the stage, on a page whose line `chrome` (1-based) a chrome rule took
    /// whole, and on the same page without it.
    private func rolesWithAndWithoutChrome(_ lines: [String], chrome: Int, rule: String) throws -> (with: [String], without: [String]) {
        var page = TestSupport.page(lines)
        page.blocks[chrome - 1] = Block(role: .chrome, text: lines[chrome - 1], line: chrome, rule: rule)
        var context = StageContext(stage: "split-headings")
        let with = roles(stage.apply(to: page, context: &context)[0]).filter { !$0.hasPrefix("chrome:") }
        var rest = lines
        rest.remove(at: chrome - 1)
        return (with, roles(try TestSupport.apply(stage, rest).0[0]))
    }

    /// A Fandom page whose every heading is glued to its paragraph has no `見出し[]` line: its
    /// Fandom chrome shows the shape instead.
    @Test func fandomChromeShowsTheEmptyBracketShape() throws {
        let (with, without) = try rolesWithAndWithoutChrome(
            ["Advertisement", "RPGとは、ゲームの略称である。", "歴史[]1970年代に生まれた。"], chrome: 1, rule: "fandom.advertisement")
        #expect(with == ["paragraph:RPGとは、ゲームの略称である。", "heading:歴史", "paragraph:1970年代に生まれた。"])
        #expect(without == ["paragraph:RPGとは、ゲームの略称である。", "paragraph:歴史[]1970年代に生まれた。"])
    }

    /// A mobile page whose every heading is glued to its paragraph has no `見出し 編集` line: the
    /// mobile view's chrome shows the shape instead.
    @Test func mobileChromeShowsTheGluedMobileHeadingShape() throws {
        let (with, without) = try rolesWithAndWithoutChrome(
            ["松本城は、城である。", "歴史 編集深志城が始まりとされる。", "最終更新: 2024年1月1日"], chrome: 3, rule: "wikipedia.mobile-last-modified")
        #expect(with == ["paragraph:松本城は、城である。", "heading:歴史", "paragraph:深志城が始まりとされる。"])
        #expect(without == ["paragraph:松本城は、城である。", "paragraph:歴史 編集深志城が始まりとされる。"])
    }
}

extension SplitHeadingsTests {
    /// After a sentence, a `†` glued to a word with no space before it is text, not PukiWiki's
    /// anchor: the mark of a deceased person or of an extinct taxon in an ordinary article.
    @Test func aDaggerGluedToAWordAfterASentenceIsText() throws {
        let lines = ["剣竜類に属する。近縁の属には†ケントロサウルスや†ダケントルルスなどが知られている。", "主演は森田健作である。共演した加藤一郎†は1980年に死去した。"]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(roles(docs[0]) == lines.map { "paragraph:" + $0 })
        #expect(context.removed["edit-marker"] == nil)
    }
}

extension SplitHeadingsTests {
    /// On a Fandom page (glued `[]` and ` 編集` headings shown by its chrome), a Latin word
    /// spaced before `編集` in a sentence (`YouTube 編集者`) and `[]` written after a topic
    /// particle (`表記は[]で囲まれる`) are text; `Xとは[]` is still a heading.
    @Test func ordinaryUsesOfEditAndEmptyBracketsOnAFandomPageAreText() throws {
        let lines = [
            "Advertisement", "ヒカルは、日本のYouTuberである。", "大学を中退した。YouTube 編集者の協力を得て、企画の幅を広げた。", "Web 編集部に在籍した経験を持つ。",
            "動画の表記は[]で囲まれる。テロップの多用が特徴である。", "RPGとは[]ゲームの一種である。",
        ]
        var page = TestSupport.page(lines)
        page.blocks[0] = Block(role: .chrome, text: lines[0], line: 1, rule: "fandom.advertisement")
        var context = StageContext(stage: "split-headings")
        let out = roles(stage.apply(to: page, context: &context)[0]).filter { !$0.hasPrefix("chrome:") }
        #expect(out == lines[1..<5].map { "paragraph:" + $0 } + ["heading:RPGとは", "paragraph:ゲームの一種である。"])
    }
}

extension SplitHeadingsTests {
    /// On a page without markers, a short line right under a section of links (`関連項目`,
    /// `関連タグ`, `外部リンク`) is the list's item, even when a sentence follows (the next page's
    /// lead, when no page-start line separates them); a section word there is still a heading.
    @Test func aShortLineUnderALinkSectionIsItsItem() throws {
        let (docs, _) = try TestSupport.apply(
            stage, ["洞爺湖とは、北海道のカルデラ湖である。", "概要", "冬でも凍らない湖として知られ、湖畔には温泉街が広がる。", "関連項目", "北海道", "支笏湖(しこつこ)は、北海道千歳市にあるカルデラ湖である。"])
        #expect(roles(docs[0])[3...5] == ["heading:関連項目", "paragraph:北海道", "paragraph:支笏湖(しこつこ)は、北海道千歳市にあるカルデラ湖である。"])
        let (other, _) = try TestSupport.apply(
            stage, ["洞爺湖とは、北海道のカルデラ湖である。", "概要", "冬でも凍らない湖として知られ、湖畔には温泉街が広がる。", "参考文献", "書籍", "山田太郎『北海道の湖』北方出版、2001年、全三百ページにわたる解説書。"])
        #expect(roles(other[0])[4] == "heading:書籍")
    }

    /// `[編集]` markers inside another page's preview (a line cut off with `...`) leave a page
    /// with no markers of its own its unmarked headings.
    @Test func markersInAPreviewLeaveThePageItsUnmarkedHeadings() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "日本海(にほんかい)は、縁海である。", "概要", "面積は約100万平方キロメートルである。", "気候", "冬には季節風が吹く。",
            "概要[編集]天橋立(あまのはしだて)は、京都府にある砂州である。...",
        ])
        #expect(docs[0].blocks.filter { $0.role == .heading }.map(\.text) == ["概要", "気候", "概要"])
    }
}

extension SplitHeadingsTests {
    /// A PukiWiki `見出し †` inside another page's preview leaves a page with no markers of its
    /// own (a Weblio or Seesaa page over WIKIWIKI previews) its unmarked headings, as `[編集]` does.
    @Test func aDaggerInAPreviewLeavesThePageItsUnmarkedHeadings() throws {
        let lines = [
            "富士山(ふじさん)は、活火山である。", "地形", "山体は複数の火山が重なってできた成層火山である。", "歴史", "平安時代には何度も噴火した。",
            "槍ヶ岳(やりがたけ)は、山である。概要 †北アルプスの南部に位置し...",
        ]
        let (docs, _) = try TestSupport.apply(stage, lines)
        #expect(docs[0].headings == ["地形", "歴史", "概要"])
        // The page's own `†` still marks its headings: no other line is taken for one.
        var own = lines
        own[3] = "歴史 †"
        let (marked, _) = try TestSupport.apply(stage, own)
        #expect(marked[0].headings == ["歴史", "概要"])
    }

    /// Fandom's `見出し[]` and the older skin's `見出し 編集` glued after a sentence in another
    /// page's preview open a section of that preview whatever this page's site (an @wiki page
    /// whose previews hold copied Fandom text); in a whole line, or on a page of no such site,
    /// they are text.
    @Test func fandomMarkersGluedInAPreviewUnderAnotherSite() throws {
        let head = ["阿蘇山[編集]", "阿蘇山(あそさん)は、熊本県にある活火山である。"]
        let (brackets, _) = try TestSupport.apply(stage, head + ["ツキノワグマは、クマ科の哺乳類。分布[]日本では本州と四国に..."])
        #expect(roles(brackets[0]).suffix(3) == ["paragraph:ツキノワグマは、クマ科の哺乳類。", "heading:分布", "paragraph:日本では本州と四国に..."])
        let (mobile, _) = try TestSupport.apply(stage, head + ["犬山城(いぬやまじょう)は、平山城。木曽川に面する。歴史 編集1537年に築かれたと..."])
        #expect(roles(mobile[0]).suffix(3) == ["paragraph:犬山城(いぬやまじょう)は、平山城。木曽川に面する。", "heading:歴史", "paragraph:1537年に築かれたと..."])
        // Not in a whole line of the page itself.
        for line in ["ツキノワグマは、クマ科の哺乳類。分布[]日本では本州と四国に生息する。", "犬山城は、平山城。歴史 編集1537年に築かれた。"] {
            let (plain, _) = try TestSupport.apply(stage, head + [line])
            #expect(roles(plain[0]).last == "paragraph:" + line)
        }
    }

    /// A preview's list section glued with no marker (`…俳優。年譜1985年 - …...`) is split on a
    /// page with edit markers of its own too: the preview is another page's text.
    @Test func listSectionGluedInAPreviewOnAMarkedPage() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "港町の灯(みなとまちのともしび)は、ドラマである。", "キャスト[編集]高木一郎 - 浜田翔", "浜田翔(はまだしょう)は、日本の俳優。年譜1985年 - 南海県に生まれる...",
        ])
        #expect(docs[0].headings == ["キャスト", "年譜"])
    }
}

extension SplitHeadingsTests {
    /// A preview cut with `・・・` keeps its glued list section as one cut with `...` does.
    @Test func listSectionGluedInAPreviewCutWithMiddleDots() throws {
        let (docs, _) = try TestSupport.apply(stage, ["浜田翔(はまだ しょう)は、日本の俳優。年譜1985年 - 南海県に生まれる・・・"])
        #expect(docs[0].headings == ["年譜"])
    }
}

extension SplitHeadingsTests {
    /// On a page with no edit markers, a section of links alone on its line after a list, over
    /// its first item (`関連項目`, then `日本の鉄道駅一覧`), is a heading, as a list's own section
    /// word is; an ordinary section word there (`概要`, a short line after it) is not.
    @Test func aLinkSectionAfterAListIsAHeading() throws {
        let lines = [
            "港浜駅(みなとはまえき)は、南海県港浜市にある駅である。", "歴史", "1925年に開業した。駅舎は1998年に改築された。", "隣の駅",
            "← 北港駅 - 港浜駅 - 南浜駅 →", "関連項目", "日本の鉄道駅一覧",
        ]
        let (docs, _) = try TestSupport.apply(stage, lines)
        #expect(docs[0].headings == ["歴史", "隣の駅", "関連項目"])
        var other = lines
        other[5] = "概要"
        let (plain, _) = try TestSupport.apply(stage, other)
        #expect(plain[0].headings == ["歴史", "隣の駅"])
    }
}

extension SplitHeadingsTests {
    /// A photo's caption glued before the next heading (the thumbnail at a section's end, then
    /// the heading with no break): glued to `[編集]` or over a lone `[編集]` line, the caption
    /// (up to its date parenthesis) stays a paragraph and the section word is the heading. A
    /// heading with a date in it and no section word after it stays whole.
    @Test func aCaptionGluedBeforeAHeadingIsNoPartOfIt() throws {
        let (glued, _) = try TestSupport.apply(stage, ["鳴門海峡は、海峡である。", "大鳴門橋から見た渦潮(2015年5月)歴史[編集]潮流が速い。"])
        #expect(roles(glued[0]).suffix(3) == ["paragraph:大鳴門橋から見た渦潮(2015年5月)", "heading:歴史", "paragraph:潮流が速い。"])
        let (lone, _) = try TestSupport.apply(stage, ["鳴門海峡は、海峡である。", "大鳴門橋から見た渦潮(2015年5月)歴史", "[編集]", "潮流が速い。"])
        #expect(roles(lone[0]).suffix(3) == ["paragraph:大鳴門橋から見た渦潮(2015年5月)", "heading:歴史", "paragraph:潮流が速い。"])
        let (dated, _) = try TestSupport.apply(stage, ["大会は、催しである。", "1964年(昭和39年)の大会[編集]東京で開かれた。"])
        #expect(dated[0].headings == ["1964年(昭和39年)の大会"])
    }
}

extension SplitHeadingsTests {
    /// A short line led by a bracketed label (`[類語]…`, a dictionary's synonyms) between two
    /// sentences is an item of the text, not a heading; a short line without one still is.
    @Test func aLabelledLineIsNoHeading() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "岬や港の入り口などに設けて、夜間に強い光を放ち、船舶に位置や危険を知らせる塔状の施設。", "[類語]灯明台・航路標識",
            "航路標識の一種で、沿岸を航行する船舶に陸地の位置や危険な場所を知らせるための構造物。", "歴史",
            "古代エジプトのアレクサンドリアに建てられた大灯台は、古代世界の七不思議の一つに数えられる。",
        ])
        #expect(docs[0].blocks.filter { $0.role == .heading }.map(\.text) == ["歴史"])
        #expect(SplitHeadings.opensWithLabel("［補説］灯台守") && !SplitHeadings.opensWithLabel("[編集]") && !SplitHeadings.opensWithLabel("灯台[1]"))
    }

    /// A short line led by a list bullet (`• 誤字脱字の修正` over its description, as a text
    /// extractor renders a list item of a WIKIWIKI page) is an item, not a heading; the short
    /// line without a bullet between sentences still is one.
    @Test func aBulletedLineIsNoHeading() throws {
        let lines = [
            "このWikiは誰でも編集できます。全ての編集について、相談する必要はありません。", "編集の際に気をつけること",
            "自分も編集作業に協力したいが、何をしたらいいのか分からない人に向けて例を示します。", "• 誤字脱字の修正",
            "タイピングミスなどを発見したら是非修正をお願いします。こちらも併せてご覧ください。",
        ]
        let (docs, _) = try TestSupport.apply(stage, lines)
        #expect(docs[0].headings == ["編集の際に気をつけること"])
        let (unbulleted, _) = try TestSupport.apply(stage, lines.map { $0 == "• 誤字脱字の修正" ? "誤字脱字の修正" : $0 })
        #expect(unbulleted[0].headings == ["編集の際に気をつけること", "誤字脱字の修正"])
        for bulleted in ["• 項目", "・用語", "･用語", "- 項目", "* 項目", "  ◦ 項目"] { #expect(SplitHeadings.opensWithListBullet(bulleted), "\(bulleted)") }
        for plain in ["-項目", "項目", "•", "C++ 言語", "■概要"] { #expect(!SplitHeadings.opensWithListBullet(plain), "\(plain)") }
    }
}

extension SplitHeadingsTests {
    /// On a page without markers, a line after the links of a link section (`関連リンク`,
    /// `関連項目`) is the next section's heading when a sentence follows it (a link section holds
    /// no prose) or when it is a trailing section word (`参考文献`, `脚注`); not right under the
    /// section word, nor over another link, nor over the next page's lead that names it.
    @Test func aShortLineAfterALinkSectionsLinksIsTheNextHeading() throws {
        let head = ["通潤橋(つうじゅんきょう)は、熊本県にある石橋である。", "歴史", "橋は1854年に完成した。", "関連リンク", "山都町公式サイト", "熊本県観光サイト"]
        let (docs, _) = try TestSupport.apply(stage, head + ["周辺の名所", "通潤橋の近くには道の駅があり、放水の日には多くの人が訪れる。"])
        #expect(docs[0].headings == ["歴史", "関連リンク", "周辺の名所"])
        let (notes, _) = try TestSupport.apply(stage, head + ["参考文献", "熊本県教育委員会『熊本県の石橋』", "外部リンク", "山都町"])
        #expect(notes[0].headings == ["歴史", "関連リンク", "参考文献", "外部リンク"])
        let (links, _) = try TestSupport.apply(stage, head + ["霊台橋", "白糸台地", "石橋の一覧"])
        #expect(links[0].headings == ["歴史", "関連リンク"])
        let (next, _) = try TestSupport.apply(stage, head + ["霊台橋", "霊台橋(れいたいきょう)は、熊本県美里町にある石橋である。"])
        #expect(next[0].headings == ["歴史", "関連リンク"])
        // A section word of the body over another short line: a link to a page so named.
        let (word, _) = try TestSupport.apply(stage, head + ["写真", "石橋の一覧"])
        #expect(word[0].headings == ["歴史", "関連リンク"])
    }
}

extension SplitHeadingsTests {
    /// A page whose headings have no marker (Weblio): a short line over a list whose items it
    /// does not share the shape of (`本社 - …`), after a sentence and two photo captions, is
    /// the next section's heading; a line of the list's own shape stays an item.
    @Test func aShortLineOverAListIsAHeading() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "任天堂は、日本の企業である。", "沿革", "1889年に花札の製造を始めた。", "京都リサーチセンター(2015年8月)", "東京支店が入るビル(2019年4月)",
            "事業所", "本社 - 京都府京都市南区", "東京支店 - 東京都千代田区",
        ])
        let headings = docs[0].blocks.filter { $0.role == .heading }.map(\.text)
        #expect(headings.contains("事業所"))
        #expect(!headings.contains("本社 - 京都府京都市南区"))
    }
}
