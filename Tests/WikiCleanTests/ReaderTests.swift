import Foundation
import Testing
@testable import WikiClean

@Suite struct ReaderTests {
    private func read(_ bytes: [UInt8], name: String = "in.txt", options: ReaderOptions = ReaderOptions()) throws -> ([ReaderItem], ReaderAccounting) {
        let path = TestSupport.write(bytes, name: name)
        var reader = try Pipeline(stages: [], reader: options, pageStarts: PageStartDetector(rules: try TestSupport.chromeRules())).makeReader(path: path)
        var items: [ReaderItem] = []
        while let item = try reader.next() { items.append(item) }
        return (items, reader.accounting)
    }

    private func pages(_ items: [ReaderItem]) -> [Document] {
        items.compactMap { if case .page(let d) = $0 { return d } else { return nil } }
    }

    private func rejections(_ items: [ReaderItem]) -> [Rejection] {
        items.compactMap { if case .rejected(let r) = $0 { return r } else { return nil } }
    }

    @Test func bomCRLFBlankLinesTrailingSpaceAndNoFinalNewline() throws {
        let (items, a) = try read([0xEF, 0xBB, 0xBF] + Array("一行目である。\r\n\r\n  二行目である。  \r\n三行目".utf8))
        let page = pages(items)[0]
        #expect(page.blocks == [.paragraph("一行目である。", line: 1), .paragraph("二行目である。", line: 3), .paragraph("三行目", line: 4)])
        #expect(a.lines == 4 && a.blankLines == 1 && a.records == 3)
    }

    /// A page start written as a text browser's numbered link or a Markdown link opens a page.
    @Test func pageStartsBehindLinkNumbersAndInMarkdownLinksOpenPages() throws {
        for opening in ["[3]コンテンツにスキップ", "[Fandom](https://www.fandom.com/ \"Fandom\")"] {
            let (items, _) = try read(Array("前の記事の本文である。これは十分に長い一行の文章として書かれている。\n\(opening)\n次の記事の本文である。\n".utf8))
            #expect(pages(items).map { $0.blocks.count } == [1, 2], "\(opening)")
        }
        // Not a page start: a number alone, a link to other text, an image.
        for other in ["[3]", "[3]記事の本文", "[記事](https://example.jp/)", "[![Fandom](https://x/y.png)](https://www.fandom.com/)"] {
            let (items, _) = try read(Array("前の記事の本文である。これは十分に長い一行の文章として書かれている。\n\(other)\n".utf8))
            #expect(pages(items).count == 1, "\(other)")
        }
    }

    /// The header a site renders over every page goes with the page it opens: the menu run
    /// over the title line and tagline, the wiki's own entries under it, and the site's name
    /// over it when the page before ends in text; a list's short item there stays.
    @Test func theSiteHeaderOverAPageStartMovesWithIt() throws {
        let before = "前の記事の本文である。これは十分に長い一行の文章として書かれている。"
        let header = ["検索", "ログイン", "案内", "灯台", "提供: 灯台Wiki", "灯台(とうだい)は、航路標識である。"]
        let (items, _) = try read(Array(([before, "灯台Wiki"] + header).joined(separator: "\n").utf8))
        #expect(pages(items).map { $0.blocks.count } == [1, 7])
        let (listed, _) = try read(Array(([before, "関連項目", "灯台Wiki"] + header).joined(separator: "\n").utf8))
        #expect(pages(listed).map { $0.blocks.count } == [3, 6])
        let entries = ["メニュー", "トップページ", "ページ一覧", "灯台の一覧", "@wikiご利用ガイド", "出典: フリー百科事典『ウィキペディア(Wikipedia)』", "灯台(とうだい)は、航路標識である。"]
        let (own, _) = try read(Array(([before] + entries).joined(separator: "\n").utf8))
        #expect(pages(own).map { $0.blocks.count } == [1, 7])
    }

    /// A footer line of the page before that a phrase rule knows stays with it: GROWI's comment
    /// form `コメントを追加` is no title line of the page its tagline opens, and a wiki's name under
    /// kotobank's last line `関連語をあわせて調べる` goes with the header under it, as under text.
    @Test func aFooterLineOfThePageBeforeStaysWithIt() throws {
        let before = "前の記事の本文である。これは十分に長い一行の文章として書かれている。"
        let next = ["出典: フリー百科事典『ウィキペディア(Wikipedia)』", "灯台(とうだい)は、航路標識である。"]
        let (growi, _) = try read(Array(([before, "コメント", "コメントを追加"] + next).joined(separator: "\n").utf8))
        #expect(pages(growi).map { $0.blocks.count } == [3, 2])
        let (titled, _) = try read(Array(([before, "関連項目", "灯台"] + next).joined(separator: "\n").utf8))
        #expect(pages(titled).map { $0.blocks.count } == [2, 3])
        let header = ["検索", "ログイン", "案内", "灯台", "提供: 灯台Wiki", "灯台(とうだい)は、航路標識である。"]
        let (kotobank, _) = try read(Array(([before, "関連語をあわせて調べる", "灯台Wiki"] + header).joined(separator: "\n").utf8))
        #expect(pages(kotobank).map { $0.blocks.count } == [2, 7])
    }

    /// Files joined with `cat`: each brings its byte-order mark to the line where it begins.
    @Test func aByteOrderMarkOnAnyLineIsNoText() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let (items, _) = try read(bom + Array("一行目である。\n".utf8) + bom + Array("二行目である。\n".utf8))
        #expect(pages(items)[0].blocks == [.paragraph("一行目である。", line: 1), .paragraph("二行目である。", line: 2)])
        let record = Array(#"{"text":"本文である。"}"#.utf8)
        let (records, a) = try read(bom + record + [0x0A] + bom + record + [0x0A], name: "in.jsonl")
        #expect(pages(records).map(\.paragraphs) == [["本文である。"], ["本文である。"]])
        #expect(a.rejectedRecords == 0)
    }

    @Test func invalidUTF8LineIsRejectedAloneWithItsBytes() throws {
        let bad: [UInt8] = [0xE3, 0x81, 0x28, 0xFF]
        let (items, a) = try read(Array("前の行。\n".utf8) + bad + Array("\n次の行。\n".utf8))
        #expect(pages(items)[0].blocks.map(\.text) == ["前の行。", "次の行。"])
        let r = try #require(rejections(items).first)
        #expect(r.reason == .invalidUTF8 && r.line == 2 && r.raw == bad)
        #expect(r.jsonLine.contains("\"raw\":null,\"raw_base64\":\"44Eo/w==\""))
        #expect(a.rejectedLines == 1)
    }

    @Test func nulByteAndOverLongLinesAreRejectedWithBoundedBytes() throws {
        var options = ReaderOptions()
        options.maximumRecordBytes = 64
        let long = String(repeating: "あ", count: 10_000)
        let (items, _) = try read(Array("前の行。\nNUL\u{0}here\n\(long)\n後の行。".utf8), options: options)
        #expect(pages(items).flatMap(\.blocks).map(\.text) == ["前の行。", "後の行。"])
        let rs = rejections(items)
        #expect(rs.map(\.reason) == [.nulByte, .tooLong])
        #expect(rs[1].raw.count <= ByteLineReader.keptBytes && rs[1].rawTruncated)
        #expect(rs[1].line == 3)
    }

    @Test func emptyFileGivesNothing() throws {
        let (items, a) = try read([])
        #expect(items.isEmpty && a.lines == 0)
    }

    @Test func pagesAreCutAtPageStartLinesWithTheirTitleLine() throws {
        let text = """
            左メニュー
            最初のページの本文である。
            二つ目の記事
            出典: フリー百科事典『ウィキペディア(Wikipedia)』
            二つ目の記事(ふたつめのきじ)は、例である。
            """
        let ps = pages(try read(Array(text.utf8)).0)
        #expect(ps.map { $0.blocks.map(\.line!) } == [[1, 2], [3, 4, 5]])
    }

    /// A page start that its site renders first (a skip link, a brand, an HTML title) takes
    /// no title line over it: a short last line there (a related tag, a list item) is the
    /// previous page's, and the new page keeps its own title line and lead.
    @Test func aPageStartRenderedFirstTakesNoLineFromThePageBefore() throws {
        let text = """
            摩周湖
            摩周湖とは、北海道の東部にあるカルデラ湖である。
            関連タグ
            北海道
            阿寒湖
            コンテンツにスキップ
            屈斜路湖
            屈斜路湖(くっしゃろこ)は、カルデラ湖である。
            北海道
            Fandom
            ヘルプ
            ホンドギツネ(ほんどぎつね)は、キツネの亜種である。
            """
        #expect(pages(try read(Array(text.utf8)).0).map { $0.blocks.map(\.line!) } == [[1, 2, 3, 4, 5], [6, 7, 8, 9], [10, 11, 12]])
    }

    /// ピクシブ百科事典's privacy-policy banner is the first line of its page (catalogue §9): a
    /// page starts there, after another site's page in the same dump (a Vector 2022 footer),
    /// and its last line stays the page before's.
    @Test func pixivsPolicyBannerStartsAPage() throws {
        let text = """
            屈斜路湖(くっしゃろこ)は、カルデラ湖である。
            プライバシー・ポリシー
            免責事項
            ピクシブ百科事典は2024年5月28日付でプライバシーポリシーを改定しました。改訂履歴
            摩周湖
            ましゅうこ
            摩周湖とは、北海道の東部にあるカルデラ湖である。
            """
        #expect(pages(try read(Array(text.utf8)).0).map { $0.blocks.map(\.line!) } == [[1, 2, 3], [4, 5, 6, 7]])
    }

    @Test func theTitleBarOverACarriedTitleLineMovesWithIt() throws {
        let text = """
            転轍機 - 鉄道用語の部屋
            転轍機
            提供: 鉄道用語の部屋
            転轍機(てんてつき)とは、線路の装置である。
            Powered by MediaWiki
            信号機 - 鉄道用語の部屋
            信号機
            提供: 鉄道用語の部屋
            信号機(しんごうき)とは、鉄道の装置である。
            """
        #expect(pages(try read(Array(text.utf8)).0).map { $0.blocks.map(\.line!) } == [[1, 2, 3, 4, 5], [6, 7, 8, 9]])
        // A line that does not name the title stays with the page before.
        let other = text.replacingOccurrences(of: "信号機 - 鉄道用語の部屋", with: "東京 - 大阪")
        #expect(pages(try read(Array(other.utf8)).0).map { $0.blocks.map(\.line!) } == [[1, 2, 3, 4, 5, 6], [7, 8, 9]])
    }

    @Test func aPageStartPhraseWithChromeGluedOnIsNoTextOfThePage() throws {
        // ja-wiki.pages.dev: the skip link with the mirror's banner glued on opens the page;
        // the tagline further down must not open another one (the title line would be lost).
        let text = """
            コンテンツにスキップ英文维基 | 中文维基 | 日文维基 | 草榴社区
            メインメニュー
            姫路城
            出典: フリー百科事典『ウィキペディア（Wikipedia）』
            姫路城（ひめじじょう）は、兵庫県姫路市にある日本の城である。
            """
        #expect(pages(try read(Array(text.utf8)).0).map { $0.blocks.map(\.line!) } == [[1, 2, 3, 4, 5]])
        // What follows the phrase still counts: a tagline glued to body text is a page's text.
        let glued = """
            出典: フリー百科事典『ウィキペディア(Wikipedia)』ナビゲーションに移動検索に移動一つ目の記事は、例である。
            出典: フリー百科事典『ウィキペディア(Wikipedia)』二つ目の記事は、例である。
            """
        #expect(pages(try read(Array(glued.utf8)).0).map { $0.blocks.map(\.line!) } == [[1], [2]])
    }

    @Test func aLongMenuEntryWithAListMarkIsNoTextOfThePage() throws {
        // w3m's `•` makes `アップロード (ウィキメディア・コモンズ)` 61 bytes long: the menu entry must
        // not count as the page's text, or the tagline opens another page and the title line
        // (over a menu, not right before the tagline) is cut from its article.
        let text = """
            • アップロード (ウィキメディア・コモンズ)
            琵琶湖
            • 閲覧
            出典: フリー百科事典『ウィキペディア（Wikipedia）』
            琵琶湖（びわこ）は、滋賀県にある日本最大の湖である。
            """
        #expect(pages(try read(Array(text.utf8)).0).map { $0.blocks.map(\.line!) } == [[1, 2, 3, 4, 5]])
    }

    /// The same menu entry with full-width parentheses (`（` `）`, as a page or scrape in
    /// full-width forms writes them) is 61 bytes too, and still the menu entry the rules know.
    @Test func aLongMenuEntryInFullWidthFormsIsNoTextOfThePage() throws {
        let text = """
            アップロード （ウィキメディア・コモンズ）
            琵琶湖
            閲覧
            出典: フリー百科事典『ウィキペディア（Wikipedia）』
            琵琶湖（びわこ）は、滋賀県にある日本最大の湖である。
            """
        #expect(pages(try read(Array(text.utf8)).0).map { $0.blocks.map(\.line!) } == [[1, 2, 3, 4, 5]])
        let detector = PageStartDetector(rules: try TestSupport.chromeRules())
        #expect(detector.isLongMenuWord("アップロード （ウィキメディア・コモンズ）"))
        #expect(detector.isLongMenuWord("アップロード（ウィキメディア・コモンズ）"))
        #expect(!detector.isLongMenuWord("アップロード （ウィキメディア・コモンズの画像）"))
    }

    @Test func jsonLinesRecordsKeepOtherFieldsAsMetaAndRejectBadRecords() throws {
        let text = """
            {"url":"u1","text":"一行目。\\n\\n三行目。","n":1}
            not json
            {"url":"u3"}
            {"text":5}
            [1,2]

            {"text":"最後。"}
            """
        let (items, a) = try read(Array(text.utf8), name: "in.jsonl")
        let ps = pages(items)
        #expect(ps.count == 2)
        #expect(ps[0].blocks == [.paragraph("一行目。", line: 1), .paragraph("三行目。", line: 3)])
        #expect(ps[0].meta.keys == ["url", "n"])
        #expect(ps[0].source.record == 0 && ps[1].source.record == 5)
        #expect(rejections(items).map(\.reason) == [.malformedJSON, .missingTextField, .textNotAString, .notAnObject])
        #expect(rejections(items).map(\.line) == [2, 3, 4, 5])
        #expect(a.blankLines == 1 && a.records == 6)
    }

    @Test func missingInputIsAnError() {
        #expect(throws: InputError.self) { _ = try ByteLineReader(path: "/nonexistent/dump.txt", limit: 100) }
    }

    /// A menu line the rules know, long enough to pass for text
    /// (`ログアウトした編集者のページ もっと詳しく`), gives a page no text: the tagline under the
    /// header's menus and title line does not cut the page.
    @Test func aLongMenuLineIsNoTextBeforeAPageStart() throws {
        let text = """
            メインメニュー
            ログアウトした編集者のページ もっと詳しく
            港浜駅
            8個の言語版
            出典: フリー百科事典『ウィキペディア(Wikipedia)』
            港浜駅(みなとはまえき)は、駅である。
            """
        let ps = pages(try read(Array(text.utf8)).0)
        #expect(ps.map { $0.blocks.map(\.line!) } == [[1, 2, 3, 4, 5, 6]])
    }
}

extension ReaderTests {
    /// A whole-line page-start rule (`where: line`: the brand `Fandom`, `ニコニコ大百科`) opens a
    /// page only on a line of its own: a heading or a sentence that starts with the same word
    /// (`Fandom powered by Wikiaとは何ですか? 編集` on Community Central's ヘルプ:Fandom, the lead
    /// `ニコニコ大百科とは、…` on ピクシブ百科事典's page about it) is the page's text.
    @Test func aWholeLinePageStartOpensAPageOnlyOnALineOfItsOwn() throws {
        let before = "今回の変更に関するよくある質問はこちらからご覧ください。"
        let lines = [before, "Fandom powered by Wikiaとは何ですか? 編集", "Wikiaは、2004年に創設された。", "FANDOMの使い方",
                     "ニコニコ大百科とは、オンライン百科事典である。", "本文である。"]
        let (items, _) = try read(Array(lines.joined(separator: "\n").utf8))
        #expect(pages(items).map { $0.blocks.count } == [6])
        // The brand alone on its line still opens the next page.
        let (split, _) = try read(Array(([before, "Fandom", "ヘルプ", "本文である。"]).joined(separator: "\n").utf8))
        #expect(pages(split).map { $0.blocks.count } == [1, 3])
    }
}
