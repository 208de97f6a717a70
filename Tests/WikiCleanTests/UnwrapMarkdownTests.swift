import Testing
@testable import WikiClean

@Suite struct UnwrapMarkdownTests {
    let stage = UnwrapMarkdown()

    private func roles(_ doc: Document) -> [String] {
        doc.blocks.map { b in
            let hint = b.rule == UnwrapMarkdown.headingHint ? "(h)" : ""
            return b.role == .chrome ? "chrome[\(b.rule ?? "")]" : "\(b.role.rawValue)\(hint):\(b.text)"
        }
    }

    private func page(_ lines: [(Int, String)]) -> Document {
        Document(
            id: "t.md:1", kind: .page, blocks: lines.map { .paragraph($0.1, line: $0.0) },
            source: SourceLocation(input: "t.md", lineStart: 1, lineEnd: lines.last?.0 ?? 1))
    }

    private func apply(_ lines: [(Int, String)]) throws -> (Document, StageContext) {
        var context = StageContext(stage: UnwrapMarkdown.identifier)
        let docs = stage.apply(to: page(lines), context: &context)
        return (docs[0], context)
    }

    @Test func linksKeepTheirTextAndLoseTheirURL() throws {
        let (doc, context) = try apply([(1, "[ソビエト連邦](https://ja.wikipedia.org/wiki/%E3%82%BD \"ソビエト連邦\")の首相[フルシチョフ](https://ja.wikipedia.org/wiki/X_(Y))は、")])
        #expect(roles(doc) == ["paragraph:ソビエト連邦の首相フルシチョフは、"])
        #expect(context.removed[UnwrapMarkdown.linkRule]?.count == 4)
    }

    @Test func footnoteAndEditLinksBecomeTheMarksTheOtherStagesKnow() throws {
        let (doc, _) = try apply([
            (1, "海上封鎖が始まった[[1]](#cite_note-1)。"),
            (2, "## 歴史[[編集](https://ja.wikipedia.org/w/index.php?title=X&action=edit&section=1 \"節を編集: 歴史 [e]\")]"),
        ])
        #expect(roles(doc) == ["paragraph:海上封鎖が始まった[1]。", "paragraph(h):歴史[編集]"])
    }

    @Test func aHintedHeadingLosesItsGluedEditMarkerInSplitHeadings() throws {
        let (doc, _) = try apply([(1, "## 歴史[[編集](https://x/?action=edit&section=1)]"), (2, "### 背景"), (3, "1962年に始まった。")])
        var context = StageContext(stage: SplitHeadings.identifier)
        let split = SplitHeadings().apply(to: doc, context: &context)[0]
        #expect(roles(split) == ["heading:歴史", "heading:背景", "paragraph:1962年に始まった。"])
        #expect(context.removed["edit-marker"]?.count == 1)
        // The reference implementation does the same.
        var refContext = StageContext(stage: SplitHeadings.identifier)
        #expect(roles(try ReferenceSplitHeadings().apply(to: doc, context: &refContext)[0]) == roles(split))
    }

    @Test func setextUnderlinesMakeAHeadingOrThePageTitle() throws {
        let (doc, _) = try apply([(1, "虹"), (2, "="), (4, "概要"), (5, "--"), (7, "本文である。"), (9, "---"), (10, "[次](#x)へ")])
        #expect(roles(doc) == [
            "chrome[markdown.title]", "chrome[markdown.mark]", "paragraph(h):概要", "chrome[markdown.mark]", "paragraph:本文である。",
            "chrome[markdown.rule]", "paragraph:次へ",
        ])
    }

    @Test func anUnderlineUnderAListItemOrASentenceIsARule() throws {
        let (doc, _) = try apply([(1, "# 題"), (2, "# 二つ目"), (3, "- [a](#a)"), (4, "---"), (5, "長い本文である。"), (6, "===")])
        #expect(roles(doc) == [
            "chrome[markdown.title]", "paragraph(h):二つ目", "paragraph:a", "chrome[markdown.rule]", "paragraph:長い本文である。",
            "chrome[markdown.rule]",
        ])
    }

    @Test func anH1AfterTheBodyTextIsAHeadingNotTheTitle() throws {
        // A wikitext dump page with a nested numbered list (`## x` makes it look like Markdown).
        let (doc, _) = try apply([(1, "富士山は、日本の最高峰である。"), (2, "# 第一項"), (3, "## 第一項の下位")])
        #expect(roles(doc) == ["paragraph:富士山は、日本の最高峰である。", "paragraph(h):第一項", "paragraph(h):第一項の下位"])
    }

    @Test func aWikitextNumberedListIsNoMarkdown() throws {
        let lines = [(1, "# 第一項"), (2, "# 第二項")]
        let (doc, _) = try apply(lines)
        #expect(doc == page(lines))
    }

    @Test func anUnderlineAfterABlankLineIsARuleNotAHeading() throws {
        let (doc, _) = try apply([(1, "[a](#a)"), (2, "概要"), (4, "--")])
        #expect(roles(doc) == ["paragraph:a", "paragraph:概要", "chrome[markdown.rule]"])
    }

    @Test func aFigureLosesItsImageAndTheLineUnderItIsItsCaption() throws {
        let (doc, _) = try apply([
            (1, "[![Image 1](https://upload.wikimedia.org/a/b/X.jpg)](https://ja.wikipedia.org/wiki/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB:X.jpg)"),
            (3, "湖の上に現れた虹（2019年）"), (5, "![](https://example.org/y.png)虹の断面図"),
            (6, "[![Image 2: ロゴ](https://ja.wikipedia.org/static/logo.png)](https://ja.wikipedia.org/wiki/Main)"), (7, "検索"),
            (8, "*   [![Image 3: Powered by MediaWiki](https://x/b.svg)](https://www.mediawiki.org/)"), (9, "本文"),
        ])
        #expect(roles(doc) == [
            "chrome[markdown.image]", "caption:湖の上に現れた虹（2019年）", "caption:虹の断面図", "chrome[markdown.image]", "paragraph:検索",
            "chrome[markdown.image]", "paragraph:本文",
        ])
    }

    @Test func aSentenceUnderAFigureIsNoCaption() throws {
        let (doc, _) = try apply([(1, "![](https://x/y.jpg)"), (2, "虹は、光が水滴で屈折して見える現象である。")])
        #expect(roles(doc) == ["chrome[markdown.image]", "paragraph:虹は、光が水滴で屈折して見える現象である。"])
    }

    @Test func tablesAreSetAsideAndListMarksEmphasisAndEscapesGo() throws {
        let (doc, _) = try apply([
            (1, "| 種類 | 視半径 |"), (2, "| --- | --- |"), (3, "| 主虹 | 約42度 |"), (4, "*   [光輪](https://x/y)"),
            (5, "    1.  **虹**は\\[注\\]光の帯。"), (6, "> 引用文"), (8, "-"),
        ])
        #expect(roles(doc) == [
            "chrome[markdown.table]", "chrome[markdown.table]", "chrome[markdown.table]", "paragraph:光輪", "paragraph:虹は[注]光の帯。",
            "paragraph:引用文", "chrome[markdown.rule]",
        ])
    }

    @Test func html2textTablesWithoutOuterPipesAreSetAsideButAPipeInProseIsNot() throws {
        let (doc, _) = try apply([
            (1, "種類 | 視半径  "), (2, "---|---  "), (3, "主虹 | 約42度  "), (5, "A | B の二つがある。"), (6, "[a](#a)"),
        ])
        #expect(roles(doc) == ["chrome[markdown.table]", "chrome[markdown.table]", "chrome[markdown.table]", "paragraph:A | B の二つがある。", "paragraph:a"])
    }

    @Test func tableRules() {
        for rule in ["| --- |", "|---|---|", "---|---", "| :-- | --: |", "|:---:|---", "--- | ---"] { #expect(UnwrapMarkdown.isTableRule(rule), "\(rule)") }
        for text in ["|-", "|----", "|-|-|", "---", "| a |", "-|-", "||"] { #expect(!UnwrapMarkdown.isTableRule(text), "\(text)") }
    }

    @Test func aWikitextTableIsNoMarkdown() throws {
        let lines = [(1, "{| class=\"wikitable\""), (2, "|-"), (3, "! 種類 !! 視半径"), (4, "|----"), (5, "| 主虹 || 約42度"), (6, "|}"), (7, "# 第一項")]
        let (doc, _) = try apply(lines)
        #expect(doc == page(lines))
    }

    @Test func aTableRuleAloneMakesAPageMarkdown() throws {
        let (doc, _) = try apply([(1, "| 種類 | 視半径 |"), (2, "| :-- | --: |"), (3, "| 主虹 | 約42度 |")])
        #expect(roles(doc) == ["chrome[markdown.table]", "chrome[markdown.table]", "chrome[markdown.table]"])
    }

    @Test func emphasisMarksGoButUnderscoresInsideWordsStay() throws {
        let (doc, _) = try apply([
            (1, "光の帯である[_[要出典](https://ja.wikipedia.org/wiki/Wikipedia:X \"Wikipedia:X\")_]。"), (2, "学名は_Iris sanguinea_で、*強調*もある。"),
            (3, "snake_case_name と 2*3*4 と _ 単独"),
        ])
        #expect(roles(doc) == ["paragraph:光の帯である[要出典]。", "paragraph:学名はIris sanguineaで、強調もある。", "paragraph:snake_case_name と 2*3*4 と _ 単独"])
    }

    @Test func aPageWithoutMarkdownIsLeftAlone() throws {
        let lines = [(1, "姫路城[編集]"), (2, "白い城である[1]。"), (3, "*和書"), (4, "== 歴史 =="), (5, "[Wikipedia|▼Menu]"), (6, "- 5度")]
        let (doc, context) = try apply(lines)
        #expect(doc == page(lines))
        #expect(context.removed.isEmpty)
    }

    @Test func anUnclosedLinkIsText() throws {
        // `[0](1)` is a link in Markdown.
        let (doc, _) = try apply([(1, "[a](#a)"), (2, "[注](未完"), (3, "配列[0](1)")])
        #expect(roles(doc) == ["paragraph:a", "paragraph:[注](未完", "paragraph:配列0"])
    }

    /// trafilatura's Markdown output keeps no links and no page chrome: `##` headings, `- `
    /// lists, `**`, a table. Through the default pipeline it gives sections as a page with
    /// `[編集]` markers would.
    @Test func aTrafilaturaPageThroughTheDefaultPipeline() throws {
        let text = """
            **富士山**（ふじさん）は、静岡県と山梨県にまたがる活火山である。
            ## 地理
            標高は3776mで、日本の最高峰である。
            | 項目 | 値 |
            |---|---|
            | 標高 | 3776m |
            ## 関連項目
            - 富士五湖
            - 青木ヶ原
            """
        let path = TestSupport.write(text)
        let (docs, _, _) = try TestSupport.run(try TestSupport.defaultPipeline(), path: path)
        let doc = try #require(docs.split(separator: "\n").first)
        #expect(doc.contains("\"title\":\"富士山\",\"reading\":\"ふじさん\""))
        #expect(doc.contains("{\"heading\":\"地理\",\"paragraphs\":[\"標高は3776mで、日本の最高峰である。\"]}"))
        #expect(doc.contains("{\"heading\":\"関連項目\",\"paragraphs\":[\"富士五湖\",\"青木ヶ原\"]}"))
        #expect(!doc.contains("|") && !doc.contains("**") && !doc.contains("##"))
    }

    /// The reader must not start a new page at the tagline under the title: the Jina header's
    /// URL and the menu lines before the title are long, but they are no body text.
    @Test func aJinaPageWithItsTitleRightBeforeTheTaglineIsOnePage() throws {
        let w = "https://ja.wikipedia.org/wiki/%E7%80%AC%E6%88%B8%E5%A4%A7%E6%A9%8B"
        let text = """
            Title: 瀬戸大橋 - Wikipedia

            URL Source: \(w)

            Markdown Content:
            *   [メインページ](https://ja.wikipedia.org/wiki/%E3%83%A1%E3%82%A4%E3%83%B3 "メインページに移動する [z]")
            *   [最近の更新](https://ja.wikipedia.org/wiki/%E7%89%B9%E5%88%A5:%E6%9C%80%E8%BF%91 "最近の更新の一覧 [r]")

            瀬戸大橋
            ====

            出典: フリー百科事典『ウィキペディア（Wikipedia）』

            [ナビゲーションに移動](#mw-head) [検索に移動](#searchInput)

            **瀬戸大橋**（せとおおはし）は、[岡山県](\(w) "岡山県")と香川県を結ぶ橋の総称である[[1]](#cite_note-1)。

            ## 歴史[[編集](https://ja.wikipedia.org/w/index.php?title=X&action=edit&section=1 "節を編集: 歴史") | [ソースを編集](https://ja.wikipedia.org/w/index.php?title=X&action=edit&section=1 "節を編集: 歴史")]

            1988年に開通した。
            """
        let (docs, _, _) = try TestSupport.run(try TestSupport.defaultPipeline(), path: TestSupport.write(text))
        let lines = docs.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("\"title\":\"瀬戸大橋\",\"reading\":\"せとおおはし\"") == true)
        #expect(lines.first?.contains("\"text\":\"瀬戸大橋(せとおおはし)は、岡山県と香川県を結ぶ橋の総称である。\\n歴史\\n1988年に開通した。\"") == true)
    }
}

extension UnwrapMarkdownTests {
    /// Link parsing reads bounded spans: a destination stops at a raw `[`, `]` or `<`, and
    /// text or destinations past the limits are no link. (Unbounded, a line of unclosed links
    /// was read to its end once per `[`: 50,000 of them took seconds.)
    @Test func linkParsingIsBounded() {
        func parse(_ s: String) -> (text: Range<Int>, end: Int)? {
            let u = Array(s.unicodeScalars)
            return UnwrapMarkdown.parseLink(u, at: 0, end: u.count)
        }
        #expect(parse("[a](https://x.org/wiki/A_(B))")?.end == 29)
        #expect(parse("[a]([a](https://x.org)") == nil)  // the first destination meets a `[`
        #expect(parse("[a](<https://x.org/a b>)") != nil)
        let long = String(repeating: "あ", count: UnwrapMarkdown.maximumLinkTextLength)
        #expect(parse("[\(long)](u)") != nil)
        #expect(parse("[\(long)あ](u)") == nil)
        let url = "https://x.org/" + String(repeating: "a", count: UnwrapMarkdown.maximumDestinationLength - 14)
        #expect(parse("[a](\(url))") != nil)
        #expect(parse("[a](\(url)a)") == nil)
        // A page of such lines still gives its text back (links unwrapped where they close).
        let unclosed = String(repeating: "[a](", count: 2000) + "[b](https://x.org)です。"
        var context = StageContext(stage: UnwrapMarkdown.identifier)
        let out = UnwrapMarkdown.unwrapInline(unclosed, line: 1, context: &context).text
        #expect(out.hasSuffix("bです。"))
    }
}
