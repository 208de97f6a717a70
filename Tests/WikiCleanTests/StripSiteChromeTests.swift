import Foundation
import Testing
@testable import WikiClean

@Suite struct StripSiteChromeTests {
    let stage = StripSiteChrome(rules: try! TestSupport.chromeRules())

    @Test func wholeLineChromeBecomesChromeBlockWithRuleAndSignal() throws {
        let (docs, context) = try TestSupport.apply(stage, ["左メニュー", "本文である。", "シェアボタン: このページをSNSに投稿するのに便利です。"])
        let blocks = docs[0].blocks
        #expect(blocks[0].role == .chrome)
        #expect(blocks[0].rule == "atwiki.left-menu-heading")
        #expect(blocks[0].signal == .pageStart)
        #expect(blocks[1] == .paragraph("本文である。", line: 2))
        #expect(blocks[2].signal == .pageEnd)
        #expect(context.removed["atwiki.share-button"]?.count == 1)
    }

    /// A Wikipedia page as MediaWiki before 1.13 or so rendered it (MonoBook, MessagesJa.php of
    /// 1.11): the jump links, the footer's source line and last-modified line, the sidebar's words.
    @Test func monobookChromeOfOldMediaWikiMessages() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "移動: ナビゲーション, 検索", "霞ヶ浦は、茨城県にある湖である。", "\"http://ja.wikipedia.org/wiki/%E9%9C%9E\" より作成", "本文", "ノート",
            "ツールボックス", "リンク元", "他の言語", "English", "最終更新 2008年5月3日 (土) 12:34。",
        ])
        let blocks = docs[0].blocks
        #expect(blocks.filter { $0.role == .paragraph }.map(\.text) == ["霞ヶ浦は、茨城県にある湖である。"])
        #expect(context.removed["mediawiki.jump-to-old"]?.count == 1)
        #expect(blocks[2].rule == "mediawiki.retrieved-from-older" && blocks[2].signal == .pageEnd)
        #expect(blocks.last?.rule == "mediawiki.last-modified-older")
        // MediaWiki 1.16's messages in the same place: `移動: 案内, 検索`.
        let (later, _) = try TestSupport.apply(stage, ["移動: 案内, 検索", "霞ヶ浦は、茨城県にある湖である。"])
        #expect(later[0].blocks[0].role == .chrome && later[0].blocks[0].rule == "mediawiki.jump-to-short")
    }

    @Test func oldWikipediaFooterLicenseAndTrademarkLines() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "霞ヶ浦は、茨城県にある湖である。", "All text is available under the terms of the GNU Free Documentation License. (詳細は 著作権 を参照)",
            "Wikipedia® は Wikimedia Foundation, Inc. の米国およびその他の国における登録商標です。",
        ])
        #expect(docs[0].blocks.map(\.rule) == [nil, "wikipedia.license-gfdl-old", "wikipedia.trademark-old"])
        #expect(docs[0].blocks[1].signal == .pageEnd)
    }

    /// Vector 2022's language menu scraped one name a line under its count: names no menu
    /// knows (`Cebuano`, `Қазақша`, `Bahasa Melayu`) go with the ones it knows, down to
    /// `リンクを編集`; a line of Japanese text under a count is no language and keeps the run.
    @Test func aLanguageListUnderItsCountIsChromeToItsEditLink() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "宍道湖", "24の言語版", "العربية", "Cebuano", "Deutsch", "English", "Kapampangan", "Қазақша", "한국어", "Bahasa Melayu", "中文",
            "リンクを編集", "ページ", "ノート", "宍道湖(しんじこ)は、島根県にある湖である。",
        ])
        #expect(docs[0].blocks.filter { $0.role == .paragraph }.map(\.text) == ["宍道湖", "宍道湖(しんじこ)は、島根県にある湖である。"])
        let (kept, _) = try TestSupport.apply(stage, ["3の言語版", "Cebuano", "ウィキペディアの記事である。", "English", "Deutsch"])
        #expect(kept[0].blocks.filter { $0.role == .paragraph }.map(\.text) == ["Cebuano", "ウィキペディアの記事である。"])
    }

    @Test func wikiwandShortDescriptionAndInfoboxRowsAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["富士山", "日本最高峰の山", "ウィキペディアから", "標高 | 3,776 m |", "富士山(ふじさん)は、山である。"])
        #expect(docs[0].paragraphs == ["富士山", "富士山(ふじさん)は、山である。"])
        #expect(context.removed["wikiwand.from-wikipedia"]?.count == 2)
        #expect(context.removed["wikiwand.infobox-row"]?.count == 1)
        // A sentence before the line is not a description.
        let (lead, _) = try TestSupport.apply(stage, ["富士山(ふじさん)は、山である。", "ウィキペディアから"])
        #expect(lead[0].paragraphs == ["富士山(ふじさん)は、山である。"])
    }

    /// Headings numbered by the reader's preference (`1 面積順[編集]` under the list's
    /// `1 面積順`): the list ends at the first numbered heading, which stays for split-headings.
    /// Wikipedia mobile (Minerva) scraped one element a line: the main menu over the title, a
    /// sister-project box over the body with the entry it links under it, and the notice that
    /// closes a disambiguation page. Two menu words alone stay (a heading `設定`, `付近` in prose).
    @Test func minervaMenuSisterBoxAndDisambiguationNoticeAreChrome() throws {
        let notice = "このページは曖昧さ回避のためのページです。一つの語句が複数の意味・職能を有する場合の水先案内のために、異なる用法を一覧にしてあります。お探しの用語に一番近い記事を選んで下さい。このページへリンクしているページを見つけたら、リンクを適切な項目に張り替えて下さい。"
        let (docs, context) = try TestSupport.apply(stage, [
            "付近", "設定", "寄付", "杜", "ウィクショナリーに関連の辞書項目があります。", "杜", "杜(もり)", "神社の森を意味する。",
            "ウィキクォートに夏目漱石に関する引用句があります。", notice, "付近の湖である。", "設定", "湖の説明である。",
        ])
        #expect(docs.flatMap(\.paragraphs) == ["杜", "杜(もり)", "神社の森を意味する。", "付近の湖である。", "設定", "湖の説明である。"])
        #expect(context.removed["wikipedia.minerva-menu"]?.count == 2)  // 付近, 設定; 寄付 keeps the Vector menu's rule
        #expect(context.removed["wikipedia.sister-box-wiktionary"]?.count == 2)
        #expect(context.removed["wikipedia.sister-box-wikiquote"]?.count == 1)
        #expect(context.removed["wikipedia.disambiguation-notice"]?.count == 1)
        // The 人名 variant, glued after the page's last entry.
        let (glued, _) = try TestSupport.apply(stage, [
            "夏目漱石 - 小説家。このページは人名の曖昧さ回避のためのページです。同名の人物に関する複数の記事の水先案内のために、同じ人名を持つ人物を一覧にしてあります。お探しの人物の記事に一番近いリンクを選んで下さい。このページへリンクしているページを見つけたら、リンクを適切な項目に張り替えて下さい。",
        ])
        #expect(glued.flatMap(\.paragraphs) == ["夏目漱石 - 小説家。"])
        // Split at its link by a scrape that puts each text node on a line: each part goes.
        let (split, splitContext) = try TestSupport.apply(stage, [
            "ヤマナシ", "このページは曖昧さ回避のためのページです。一つの語句が複数の意味・職能を有する場合の水先案内のために、異なる用法を一覧にしてあります。お探しの用語に一番近い記事を選んで下さい。",
            "このページへリンクしているページを見つけたら、リンクを適切な項目に張り替えて下さい。",
        ])
        #expect(split.flatMap(\.paragraphs) == ["ヤマナシ"])
        #expect(splitContext.removed["wikipedia.disambiguation-notice-links"]?.count == 1)
    }

    @Test func aContentsListOneEntryALineEndsAtTheFirstNumberedHeading() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["目次", "1 面積順", "1.1 汽水湖", "2 水深順", "1 面積順[編集]", "琵琶湖が最大である。", "1.1 汽水湖[編集]", "2 水深順"])
        #expect(docs[0].paragraphs == ["1 面積順[編集]", "琵琶湖が最大である。", "1.1 汽水湖[編集]", "2 水深順"])
        #expect(context.removed["generic.toc"]?.count == 4)
        // Without an edit link, a repeated entry is the heading all the same.
        let (bare, _) = try TestSupport.apply(stage, ["目次", "1 概要", "2 歴史", "1 概要", "琵琶湖は湖である。"])
        #expect(bare[0].paragraphs == ["1 概要", "琵琶湖は湖である。"])
    }

    @Test func aContentsListOnOneLineWithoutEditLinksIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["目次 [非表示]1 概要2 歴史2.1 近世3 関連タグ", "目次1 概要2 歴史", "琵琶湖は、日本最大の湖である。",
                    "目次1 概要[編集]2 歴史[編集]", "目次のページは2つある。", "目次1 概要"])
        // Kept: a glued list with edit links (the other shape's), a sentence, a single entry.
        #expect(docs[0].paragraphs == ["琵琶湖は、日本最大の湖である。", "目次のページは2つある。", "目次1 概要"])
        #expect(context.removed["generic.toc"]?.count == 3)
    }

    @Test func aContentsListWithoutEditLinksCutOffByATruncationIsChromeUpToTheMark() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["琵琶湖(びわこ)は、日本最大の湖である。目次1 概要2 歴史2.1 近代以降3 関...", "目次 [非表示]1 概要2 歴...",
                    "本の目次1冊目は...", "目次1 概要2 歴史である。...", "目次1概要2歴史...", "目次1 概要2 歴史"])
        // The list is cut up to the mark, which stays for the preview's own handling; not a
        // sentence, not an entry number without its space, not a list with a sentence end.
        #expect(docs[0].paragraphs == ["琵琶湖(びわこ)は、日本最大の湖である。...", "本の目次1冊目は...", "目次1 概要2 歴史である。...",
            "目次1概要2歴史..."])
        // `目次1 概要2 歴史2.1 近代以降3 関`, `目次 [非表示]1 概要2 歴`, `目次1 概要2 歴史`.
        #expect(context.removed["generic.toc"]?.count == 3 && context.removed["generic.toc"]?.characters == 21 + 15 + 10)
    }

    @Test func residueOfAWikitextDumpWithTemplatesStrippedIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["川(かわ)は、水の流れである。", "ファイル:River.jpg|サムネイル|山あいの川(2009年)", "__目次__", "＿＿目次＿＿", "== 歴史 ==", "節スタブ",
                    "== 脚注 ==", "脚注ヘルプ", "*和書", "*", "* 水系", "**支流", "Normdaten", "DEFAULTSORT:かわ", "カテゴリ:河川",
                    "かわ", "#転送 川", "File:Source.jpg|thumb|右|250px|川の源流(2010年)"])
        #expect(docs[0].paragraphs == ["川(かわ)は、水の流れである。", "山あいの川(2009年)", "== 歴史 ==", "== 脚注 ==", "水系", "支流",
            "川の源流(2010年)"])
        #expect(context.removed["wikitext.image-link-en-thumb"]?.count == 1)
        for rule in ["wikitext.image-link", "wikitext.section-stub", "wikitext.footnote-help", "wikitext.book-list-marker",
            "wikitext.empty-list-item", "wikitext.authority-control", "wikitext.defaultsort"] {
            #expect(context.removed[rule]?.count == 1, "\(rule)")
        }
        #expect(context.removed["wikitext.toc-magic-word"]?.count == 2)
        #expect(context.removed["wikitext.list-marker"]?.count == 2)
        // The redirect line and the redirect page's title line above it.
        #expect(context.removed["wikitext.redirect"]?.count == 2)
        // Text that only looks like it stays: a list item in prose, a sentence about a template.
        let (kept, _) = try TestSupport.apply(stage, ["節スタブは、節が短いことを示す。", "ファイル:の名前空間は画像を扱う。", "DEFAULTSORT"])
        #expect(kept[0].paragraphs == ["節スタブは、節が短いことを示す。", "ファイル:の名前空間は画像を扱う。", "DEFAULTSORT"])
    }

    @Test func talkPageHeaderAndSignaturesAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["最新のコメント: 4 年前 | トピック: 2 | 投稿者: 3", "出典を付けました。--Sirasagi会話2013年11月14日 (木) 21:05 (UTC)返信",
                    "確認しました。--Hanamizuki(会話) 2013年11月15日 (金) 08:12 (UTC)",
                    "2013年11月13日 (水) 10:43 (UTC)に記録された。", "--と書く。", "最新のコメントは少ない。"])
        #expect(docs[0].paragraphs == ["出典を付けました。", "確認しました。", "2013年11月13日 (水) 10:43 (UTC)に記録された。", "--と書く。",
            "最新のコメントは少ない。"])
        #expect(context.removed["wikipedia.talk-latest-comment"]?.count == 1)
        #expect(context.removed["wikipedia.talk-signature"]?.count == 2)
    }

    @Test func pukiwikiPlusHeaderAndFooterAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["http://example.jp/wiki/index.php?FrontPage", "[ トップ | 一覧 | 検索 | 最終更新 | ヘルプ ]", "[ 新規 | 編集 | 添付 ]",
                    "Top / 島 / 屋久島", "屋久島は島である。", "Link: 島(3d) 縄文杉(15d)", "Modified by anonymous.", "Site Admin : 管理人.",
                    "[ 注 ] を参照。", "[ A | B ] の表は下にある。", "Top10の島", "詳しくは http://example.jp/wiki/index.php?島 を見よ。"])
        #expect(docs[0].paragraphs == ["屋久島は島である。", "[ 注 ] を参照。", "[ A | B ] の表は下にある。", "Top10の島",
            "詳しくは http://example.jp/wiki/index.php?島 を見よ。"])
        #expect(context.removed["pukiwiki.navibar-group"]?.count == 2)
        for rule in ["pukiwiki.reload-link", "pukiwiki.topicpath", "pukiwiki.related", "pukiwiki.modified-by", "pukiwiki.plus-site-admin"] {
            #expect(context.removed[rule]?.count == 1, "\(rule)")
        }
    }

    @Test func aLoneEditMarkerLineIsNoNavibarGroup() throws {
        // `[編集 | ソースを編集]` alone under a heading line (Vector 2022 on a wiki with both
        // editors) fits a PukiWiki Plus! navibar group's shape: it stays for split-headings,
        // which makes the line over it a heading.
        let lines = ["灯台は、施設である。", "種類", "[編集 | ソースを編集]", "大型のものがある。", "構造", "［編集 ｜ ソースを編集］", "[ 新規 | 編集 | 添付 ]"]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(docs[0].blocks.map(\.role) == [.paragraph, .paragraph, .paragraph, .paragraph, .paragraph, .paragraph, .chrome])
        #expect(context.removed["pukiwiki.navibar-group"]?.count == 1)
    }

    @Test func leakedTemplateStylesAreCutUpToTheirBraceAndTheTextAfterThemStays() throws {
        let (docs, context) = try TestSupport.apply(
            stage, [".mw-parser-output .infobox{float:right}.mw-parser-output .infobox th,.mw-parser-output .infobox td{padding:0.2em}信濃川(しなのがわ)は、川である。",
                    ".mw-parser-output .reflist{font-size:90%;margin-bottom:0.5em}", "信濃川 – Wikipedia", "信濃川 – 日本の川",
                    "CSSでは .mw-parser-output という名前が使われる。"])
        #expect(docs[0].paragraphs == ["信濃川(しなのがわ)は、川である。", "信濃川 – 日本の川", "CSSでは .mw-parser-output という名前が使われる。"])
        #expect(context.removed["wikipedia.css-leak"]?.count == 3)
        // wiki.edu.vn's title with an en dash is the HTML title rule's (dashes fold alike).
        #expect(context.removed["wikipedia.html-title"]?.count == 1)
    }

    @Test func pukiwikiPageAgesCommentsAndFooter() throws {
        let (docs, _) = try TestSupport.apply(
            stage, ["大坂城 (3602d)", "松本城(412d)", "見学しました。 -- 名無し 2024-04-02 (火) 10:15:32", "お名前:", "コメントの挿入",
                    "城の高さ(3m)は低い。", "天守の高さ(31m)"])
        // Only the day form is cut: `(31m)` at a line end is as likely a length as an age.
        #expect(docs[0].paragraphs == ["大坂城", "松本城", "城の高さ(3m)は低い。", "天守の高さ(31m)"])
    }

    @Test func aWikisOwnMenuEntriesBetweenKnownMenuWordsAndTheTaglineAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["メニュー", "トップページ", "更新履歴", "橋梁データベース", "@wikiご利用ガイドここを編集",
                    "出典: フリー百科事典『ウィキペディア(Wikipedia)』ナビゲーションに移動検索に移動", "淡路島(あわじしま)は、島である。"])
        #expect(docs[0].paragraphs == ["淡路島(あわじしま)は、島である。"])
        #expect(context.removed["atwiki.menu"]?.count == 5)
        // Without a page start right after them, short lines after a menu stay (a title, a list).
        let (open, _) = try TestSupport.apply(stage, ["メニュー", "トップページ", "更新履歴", "橋梁データベース", "淡路島(あわじしま)は、島である。"])
        #expect(open[0].paragraphs == ["橋梁データベース", "淡路島(あわじしま)は、島である。"])
        // Nor a sentence.
        let (sentence, _) = try TestSupport.apply(
            stage, ["メニュー", "トップページ", "更新履歴", "橋は川を渡る。", "出典: フリー百科事典『ウィキペディア(Wikipedia)』"])
        #expect(sentence[0].paragraphs == ["橋は川を渡る。"])
    }

    @Test func aCustomAtwikiMenuAfterItsHeadingIsChrome() throws {
        let (docs, _) = try TestSupport.apply(
            stage, ["左メニュー", "トップページゲーム攻略キャラクター一覧よくある質問リンク集...", "淡路島(あわじしま)は、島である。"])
        #expect(docs[0].paragraphs == ["淡路島(あわじしま)は、島である。"])
        // An empty menu: the heading is followed by the lead, which stays.
        let (lead, _) = try TestSupport.apply(stage, ["左メニュー", "淡路島(あわじしま)は、島である。"])
        #expect(lead[0].paragraphs == ["淡路島(あわじしま)は、島である。"])
    }

    @Test func gluedTaglineAndJumpLinksAreCutInFullAndHalfWidth() throws {
        let lines = [
            "出典: フリー百科事典『ウィキペディア（Wikipedia）』ナビゲーションに移動検索に移動高知大学の概要である。",
            "出典: フリー百科事典『ウィキペディア(Wikipedia)』 ナビゲーションに移動 検索に移動高知大学の概要である。",
            "出典：フリー百科事典『ウィキペディア（Ｗｉｋｉｐｅｄｉａ）』高知大学の概要である。",
        ]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(docs[0].paragraphs == Array(repeating: "高知大学の概要である。", count: 3))
        #expect(context.removed["wikipedia.tagline"]?.count == 3)
        #expect(context.removed["wikipedia.jump-links"]?.count == 2)
    }

    @Test func taglinesOfTheWikimediaSisterProjectsAreChrome() throws {
        let lines = [
            "出典: フリー教科書『ウィキブックス（Wikibooks）』",
            "出典: フリー多機能辞典『ウィクショナリー日本語版（Wiktionary）』",
            "出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2024/11/04 23:37 UTC 版)高知大学の概要である。",
            "出典:『ウィキニュース』(ベータ版)",
            "【2023年11月18日】",
            "出典: 『日本書紀』(720年)による。",
            "【2023年11月18日】に発表された。",
            "前日<< 12月23日の短信 >>翌日",
        ]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(docs[0].paragraphs == ["高知大学の概要である。", "出典: 『日本書紀』(720年)による。", "【2023年11月18日】に発表された。"])
        #expect(context.removed["wikipedia.tagline"]?.count == 3)
        #expect(context.removed["wikinews.tagline"]?.count == 1)
        #expect(context.removed["wikinews.date"]?.count == 1)
        #expect(context.removed["wikinews.brief-nav"]?.count == 1)
    }

    @Test func taglinesOfWikisThatCopyWikipediasLookAreChrome() throws {
        // `出典: <what the site is>『<its name>(<other name>)』`, the site's name a variable part.
        let lines = [
            "出典: へっぽこ実験ウィキ『八百科事典(アンサイクロペディア)』",
            "出典: へっぽこ実験ウィキ『八百科事典（アンサイクロペディア）』",
            "出典: なんでもウィキ『ほげペディア(Hogepedia)』によれば、富士山は高い。",
            "出典: フリー百科事典『地下ぺディア(Wikipedia)』",
            "出典: なんでもウィキ『ほげペディア(Hogepedia)』",
            "出典: 世界大百科事典『富士山(ふじさん)』",
            "移動先: 案内, 検索",
            "移動先: 案内、検索",
            "出典: 『日本書紀』(720年)による。",
            "この説の出典: 世界大百科事典『富士山(ふじさん)』を見よ。",
            "出典: 山田太郎『日本の山(上)』",
        ]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(
            docs[0].paragraphs == [
                "出典: なんでもウィキ『ほげペディア(Hogepedia)』によれば、富士山は高い。", "出典: 世界大百科事典『富士山(ふじさん)』", "出典: 『日本書紀』(720年)による。", "この説の出典: 世界大百科事典『富士山(ふじさん)』を見よ。", "出典: 山田太郎『日本の山(上)』",
            ])
        #expect(context.removed["mediawiki.tagline-cited-wiki"]?.count == 3)
        #expect(context.removed["wikipedia.tagline"]?.count == 1)
        #expect(context.removed["mediawiki.jump-to"]?.count == 2)
    }

    @Test func sisterProjectBoxesUnderTheirLogosAreChrome() throws {
        // ウィキクォート's foot of page: each box under its logo's alt text.
        let lines = [
            "岡山県に関する引用句、諺。",
            "日本の都道府県",
            "Wikipedia",
            "ウィキペディアにも岡山県の記事があります。",
            "Wiktionary",
            "ウィクショナリーにも岡山県の項目があります。",
            "Commons",
            "ウィキメディア・コモンズ岡山県に関するメディアがあります。",
            "ウィキペディアにも同じ話があり、そちらの記事が詳しい。",
        ]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(docs[0].paragraphs == ["岡山県に関する引用句、諺。", "日本の都道府県", "ウィキペディアにも同じ話があり、そちらの記事が詳しい。"])
        #expect(context.removed["wikimedia.sister-box-wikipedia"]?.count == 1 && context.removed["wikimedia.sister-box-wiktionary"]?.count == 1)
        #expect(context.removed["wikimedia.sister-box-commons"]?.count == 1)
        #expect(context.removed["wikimedia.sister-project-logos"]?.count == 3)
    }

    @Test func linksToMissingTemplatesAreChrome() throws {
        // A small wiki that copied articles without their templates: each transclusion is a red
        // link named with the namespace.
        let lines = [
            "テンプレート:Otheruses テンプレート:LookYourpedia ユアペディア(ゆあぺでぃあ、Yourpedia)とは、自由な百科事典と自称するサイトである。",
            "テンプレート:ウィキペディア テンプレート:アンサイクロペディア テンプレート:ユアペディア",
            "テンプレート:出典の明記テンプレート:独自研究",
            "テンプレート:Infobox を使うと表が作れる。",
            "テンプレート:Infoboxは、記事の冒頭に置く表である。",
            "テンプレートについて説明する。",
        ]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(
            docs[0].paragraphs == [
                "ユアペディア(ゆあぺでぃあ、Yourpedia)とは、自由な百科事典と自称するサイトである。", "テンプレート:Infobox を使うと表が作れる。",
                "テンプレート:Infoboxは、記事の冒頭に置く表である。", "テンプレートについて説明する。",
            ])
        #expect(context.removed["mediawiki.missing-template-link"]?.count == 3)
        // A template page's own title line over its tagline stays (a title, not a link).
        let (page, _) = try TestSupport.apply(
            stage, ["テンプレート:Infobox", "出典: フリー百科事典『ウィキペディア(Wikipedia)』", "このテンプレートは基本情報を表にする。"])
        #expect(page[0].paragraphs.first == "テンプレート:Infobox")
    }

    @Test func iconFileNamesOpeningALineAreChrome() throws {
        // Notice templates' icons kept as their file names (an image with no alt text).
        let lines = [
            "Icon-not-under18.png この項目には、18歳未満には有害な記述が含まれています。",
            "Wikipedia-logo.png",
            "Purple question mark.svg この文書は方針の草案です。",
            "Leaf.PNG",
            "JR東日本の駅である。",
            "Photo.jpgという名前で保存する。",
            "Windows 10は、OSである。",
            "ロゴ.png",
        ]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(
            docs[0].paragraphs == [
                "この項目には、18歳未満には有害な記述が含まれています。", "この文書は方針の草案です。", "JR東日本の駅である。", "Photo.jpgという名前で保存する。",
                "Windows 10は、OSである。", "ロゴ.png",
            ])
        #expect(context.removed["mediawiki.image-file-name"]?.count == 4)
    }

    @Test func chromeMatchesWhateverTheWidthVoicingOrSpacesInside() throws {
        let lines = [
            "出典: ﾌﾘｰ百科事典『ｳｨｷﾍﾟﾃﾞｨｱ(Wikipedia)』ﾅﾋﾞｹﾞｰｼｮﾝに移動検索に移動高槻市の学校である。",
            "地名である。特に記載のない限り、コミュニティのコンテンツは\tCC BY‑SAライセンスの下で利用可能です。",
            "地名である。この節の加\u{3000}筆が望まれています。",
            "ﾃﾝﾌﾟﾚｰﾄを表示高所恐怖症(こうしょきょうふしょう)は、恐怖症のひとつ。",
        ]
        let (docs, _) = try TestSupport.apply(stage, lines)
        #expect(docs[0].paragraphs == ["高槻市の学校である。", "地名である。", "地名である。", "高所恐怖症(こうしょきょうふしょう)は、恐怖症のひとつ。"])
    }

    @Test func matchingFormUnifiesKanaWidthAndVoicing() {
        #expect(UTF8Scan.matchFolded("ガ") == UTF8Scan.matchFolded("ｶﾞ"))
        #expect(UTF8Scan.matchFolded("パ") == UTF8Scan.matchFolded("ﾊﾟ"))
        #expect(UTF8Scan.matchFolded("が") == UTF8Scan.matchFolded("か\u{3099}"))
        #expect(UTF8Scan.matchFolded("（Ａ　Ｂ）") == UTF8Scan.matchFolded("(AB)"))
        #expect(UTF8Scan.matchFolded("ヴ") == UTF8Scan.matchFolded("ｳﾞ"))
        #expect(UTF8Scan.matchFolded("ポ") != UTF8Scan.matchFolded("ボ"))
    }

    /// The lines that stand in for `ー` (normalize's long-vowel rule reads them so) read as it;
    /// they do not read as `-`, which a title bar's ` - ` is matched with.
    @Test func matchingFormReadsLongVowelLookAlikesAsTheMark() throws {
        for lookAlike in ["―", "—", "─", "━", "ｰ"] {
            #expect(UTF8Scan.matchFolded("フリ\(lookAlike)百科事典") == UTF8Scan.matchFolded("フリー百科事典"))
        }
        #expect(UTF8Scan.matchFolded("ー") != UTF8Scan.matchFolded("-"))
        for hyphen in ["‐", "‑", "‒", "–", "−", "⁃", "﹣", "－"] {
            #expect(UTF8Scan.matchFolded("BY\(hyphen)SA") == UTF8Scan.matchFolded("BY-SA"), "\(hyphen)")
        }
        let lines = [
            "出典: フリ―百科事典『ウィキペディア(Wikipedia)』ナビゲ─ション に移動検索に移動",
            "高所恐怖症分類および外部参照情報診療科・学術分野精神医学テンプレ━トを表示高所恐怖症(こうしょきょうふしょう)は、恐怖症のひとつ。",
        ]
        let (docs, _) = try TestSupport.apply(stage, lines)
        #expect(docs[0].paragraphs == ["高所恐怖症(こうしょきょうふしょう)は、恐怖症のひとつ。"])
    }

    @Test func breadcrumbIncludesTheRepeatedTitle() throws {
        let (docs, _) = try TestSupport.apply(stage, ["旧制教育機関 > 旧制専門学校 > 高等工業学校高等工業学校(こうとうこうぎょうがっこう)は、旧制の学校。"])
        #expect(docs[0].paragraphs == ["高等工業学校(こうとうこうぎょうがっこう)は、旧制の学校。"])
    }

    @Test func breadcrumbWithIdeographicSpacesAfterTheSeparators() throws {
        // `＞` followed by `　` (three bytes): the cut ends on a character boundary.
        let (docs, context) = try TestSupport.apply(stage, ["ホーム　＞　地理　＞　鳴門海峡鳴門海峡(なるとかいきょう)は、兵庫県と徳島県の間にある海峡である。"])
        #expect(docs[0].paragraphs == ["鳴門海峡(なるとかいきょう)は、兵庫県と徳島県の間にある海峡である。"])
        #expect(!docs[0].paragraphs[0].unicodeScalars.contains("\u{FFFD}"))
        #expect(context.removed.keys.contains { $0.contains("breadcrumb") })
    }

    @Test func angleBracketWithoutSpacesIsNotABreadcrumb() throws {
        let line = "式 a>b が成り立つ場合を考える。"
        let (docs, _) = try TestSupport.apply(stage, [line])
        #expect(docs[0].paragraphs == [line])
    }

    @Test func gluedTableOfContentsWithEditLinksIsCutUpToTheTruncation() throws {
        let (docs, context) = try TestSupport.apply(stage, ["黄泉(よみ)とは、死者の世界のこと。目次1 語源[編集]2 記紀の伝承[編集]2.1 『古事記』[編..."])
        #expect(docs[0].paragraphs == ["黄泉(よみ)とは、死者の世界のこと。..."])
        #expect(context.removed["generic.toc"]?.count == 1)
    }

    @Test func lineTableOfContentsIsChrome() throws {
        let (docs, _) = try TestSupport.apply(stage, ["目次", "1 歴史", "1.1 古代", "2 地理", "本文である。"])
        #expect(docs[0].blocks.prefix(4).allSatisfy { $0.role == .chrome })
        #expect(docs[0].paragraphs == ["本文である。"])
    }

    @Test func infoboxUpToTemplateLinkIsCut() throws {
        let (docs, _) = try TestSupport.apply(
            stage, ["高所恐怖症分類および外部参照情報ICD-10F40.2テンプレートを表示高所恐怖症(こうしょきょうふしょう)は、恐怖症のひとつ。"])
        #expect(docs[0].paragraphs == ["高所恐怖症(こうしょきょうふしょう)は、恐怖症のひとつ。"])
    }

    @Test func infoboxLinesAboveATemplateLinkLineAreChrome() throws {
        let (docs, _) = try TestSupport.apply(stage, ["前の段落である。", "種類: 海峡", "幅: 1.3km", "テンプレートを表示", "本文である。"])
        #expect(docs[0].paragraphs == ["前の段落である。", "本文である。"])
    }

    /// A field that another rule takes for chrome (`言語 日本語` reads as a menu), or a notice
    /// inside the box (the IPA one, on mobile where the lead comes before the box), does not
    /// end the box: the fields above it are the box's too. A page's start does.
    @Test func infoboxLinesAboveAChromeLineInsideTheBoxAreChrome() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "日本語の表記体系(にほんごのひょうきたいけい)では、日本語を表記する方法を解説する。", "類型: 表意文字と音節文字の併用", "言語 日本語",
            "時期: 4世紀 - 現在", "注意: このページはUnicodeで書かれた国際音声記号 (IPA) を含む場合があります。", "テンプレートを表示", "概要",
        ])
        #expect(docs[0].paragraphs == ["日本語の表記体系(にほんごのひょうきたいけい)では、日本語を表記する方法を解説する。", "概要"])
        #expect(context.removed["wikipedia.infobox"]?.count == 3)
        let (tagline, _) = try TestSupport.apply(stage, ["富士山", "出典: フリー百科事典『ウィキペディア（Wikipedia）』", "標高 3776 m", "テンプレートを表示", "富士山(ふじさん)は、山である。"])
        #expect(tagline[0].paragraphs == ["富士山", "富士山(ふじさん)は、山である。"])
    }

    @Test func aPortableInfoboxBetweenTheRepeatedTitleAndTheLeadIsChrome() throws {
        let lines = ["ピカチュウ", "ピカチュウ", "分類", "ねずみポケモン", "タイプ", "でんき", "ピカチュウ(英: Pikachu)は、ポケモンの一種である。"]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(docs[0].paragraphs == ["ピカチュウ", "ピカチュウ(英: Pikachu)は、ポケモンの一種である。"])
        #expect(context.removed["wikipedia.infobox"]?.count == 5)
        // No repeated title, or a lead about something else: the lines stay.
        let (single, _) = try TestSupport.apply(stage, Array(lines.dropFirst()))
        #expect(single[0].paragraphs.count == 6)
        let (other, _) = try TestSupport.apply(stage, Array(lines.dropLast()) + ["ライチュウ(英: Raichu)は、ポケモンの一種である。"])
        #expect(other[0].paragraphs.count == 7)
    }

    @Test func aShortDescriptionBetweenTheTitleLineAndTheInfoboxTitleIsChrome() throws {
        // A translated copy of an English Wikipedia article: the h1, the short description (in
        // English or translated), the infobox title, its fields, the lead.
        let lines = ["富士山", "Active stratovolcano in Japan", "富士山", "最高点", "標高3,776メートル", "地理", "位置日本", "富士山は、本州にある活火山です。"]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(docs[0].paragraphs == ["富士山", "富士山は、本州にある活火山です。"])
        #expect(context.removed["wikipedia.short-description"]?.count == 1 && context.removed["wikipedia.infobox"]?.count == 5)
        // Translated, with a comma.
        var translated = lines
        translated[1] = "日本、静岡県と山梨県にある火山"
        let (withComma, _) = try TestSupport.apply(stage, translated)
        #expect(withComma[0].paragraphs == ["富士山", "富士山は、本州にある活火山です。"])
        // A sentence between them, or two lines: not a short description; the lines stay.
        var sentence = lines
        sentence[1] = "日本の山です。"
        let (withSentence, _) = try TestSupport.apply(stage, sentence)
        #expect(withSentence[0].paragraphs.count == lines.count)
        var two = lines
        two.insert("Mountain", at: 2)
        let (withTwo, _) = try TestSupport.apply(stage, two)
        #expect(withTwo[0].paragraphs.count == two.count)
    }

    @Test func smallWikiFooterWithGroupedCountAndSiteName() throws {
        let (docs, _) = try TestSupport.apply(
            stage, ["本文である。", "このページは 1,234 回アクセスされました。", "プライバシー・ポリシー", "灯台Wikiについて", "免責事項", "登場人物について"])
        #expect(docs[0].paragraphs == ["本文である。", "登場人物について"])
    }

    @Test func menuWordsAreChromeOnlyInRuns() throws {
        let (docs, _) = try TestSupport.apply(stage, ["ヘルプ", "井戸端", "お知らせ", "本文である。", "ヘルプ", "ヘルプについて説明する本文である。"])
        #expect(docs[0].paragraphs == ["本文である。", "ヘルプ", "ヘルプについて説明する本文である。"])
    }

    @Test func aLineOfGluedOrSeparatedMenuWordsIsChromeAlone() throws {
        let (docs, _) = try TestSupport.apply(stage, ["本文である。", "プライバシー・ポリシーウィキペディアについて免責事項", "ページ ノート 閲覧 編集 履歴表示", "次の本文。"])
        #expect(docs[0].paragraphs == ["本文である。", "次の本文。"])
    }

    @Test func cutOffStubNoticeBeforeEllipsisIsRemoved() throws {
        let (docs, context) = try TestSupport.apply(stage, ["高月北は、大阪府の地名。この項目は、..."])
        #expect(docs[0].paragraphs == ["高月北は、大阪府の地名。..."])
        #expect(context.removed["wikipedia.stub"]?.count == 1)
    }

    @Test func referenceMarksAndInlineTagsAreCut() throws {
        let (docs, _) = try TestSupport.apply(stage, ["渦潮で知られる[1]。描かれた[要出典]。[注 2]も参照。"])
        #expect(docs[0].paragraphs == ["渦潮で知られる。描かれた。も参照。"])
    }

    /// The redirect notice as text scrapers give it: alone on its line, whole (`(Xから転送)`) or
    /// with its opening parenthesis lost with the link before it (`Xから転送)`), or glued before
    /// the lead. Prose that mentions a redirect stays.
    @Test func redirectNoticesAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["情報", "インフォメーションから転送)", "(Wikipedia日本語版から転送)", "Wikipedia日本語版から転送）", "情報とは、知らせのことである。"])
        #expect(docs[0].paragraphs == ["情報", "情報とは、知らせのことである。"])
        #expect(context.removed["mediawiki.redirected-from-line"]?.count == 3)
        // Glued before the lead, it is cut from the start of the line.
        let (glued, gluedContext) = try TestSupport.apply(stage, ["(インフォメーションから転送)情報とは、知らせのことである。"])
        #expect(glued[0].paragraphs == ["情報とは、知らせのことである。"])
        #expect(gluedContext.removed["mediawiki.redirected-from"]?.count == 1)
        let (prose, _) = try TestSupport.apply(stage, ["このページは旧記事名から転送)される。", "旧名の記事は新名から転送(リダイレクト)されている。"])
        #expect(prose[0].paragraphs == ["このページは旧記事名から転送)される。", "旧名の記事は新名から転送(リダイレクト)されている。"])
    }

    /// A protected page's padlock icons by its title, scraped as their titles, one a line.
    @Test func protectionIndicatorsAreChrome() throws {
        let (docs, context) = try TestSupport.apply(stage, ["Help:検索", "半永久的に半保護されているページ", "移動保護されたページ", "このページでは、検索機能を解説します。"])
        #expect(docs[0].paragraphs == ["Help:検索", "このページでは、検索機能を解説します。"])
        #expect(context.removed["wikipedia.protection-indicator"]?.count == 1 && context.removed["wikipedia.protection-indicator-ongoing"]?.count == 1)
        let (prose, _) = try TestSupport.apply(stage, ["この記事は荒らしのため保護されたページです。", "保護されたページ"])
        #expect(prose[0].paragraphs == ["この記事は荒らしのため保護されたページです。", "保護されたページ"])
    }

    /// A mirror that machine-translates English Wikipedia's skin: its tagline starts the page,
    /// its jump links go.
    @Test func aTranslatedMirrorsTaglineAndJumpLinksAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["ヘルプ:ウォッチリスト", "ウィキペディアから、無料の百科事典", "ナビゲーションにジャンプ 検索にジャンプ", "ウォッチリストは、変更を追うためのページです。"])
        #expect(docs[0].paragraphs == ["ヘルプ:ウォッチリスト", "ウォッチリストは、変更を追うためのページです。"])
        #expect(docs[0].blocks[1].signal == .pageStart)
        #expect(context.removed["mirror.translated-jump-links"]?.count == 1)
    }

    /// An image a copy did not carry over, shown as its file link over its caption: the link
    /// is chrome, the line under it the caption; a section name under it (an image with no
    /// caption) or a sentence stays text.
    @Test func aFileLinkIsChromeAndTheLineUnderItItsCaption() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "百科事典(ひゃっかじてん)とは、知識を集めた書物のこと。", "ファイル:Brockhaus Lexikon.jpg", "ブロックハウス百科事典 1902年", "概説",
            "画像:Encyclopaedia Britannica 15 with 2002.jpg", "概要", "File:Example.png", "広辞苑によれば、知識を集め記した書物である。",
        ])
        #expect(docs[0].blocks.filter { $0.role == .caption }.map(\.text) == ["ブロックハウス百科事典 1902年"])
        #expect(docs[0].paragraphs == ["百科事典(ひゃっかじてん)とは、知識を集めた書物のこと。", "概説", "概要", "広辞苑によれば、知識を集め記した書物である。"])
        #expect(context.removed["mediawiki.file-link"]?.count == 1 && context.removed["mediawiki.file-link-image"]?.count == 1)
        #expect(context.removed["mediawiki.file-link-english"]?.count == 1)
        // A line that names a file in prose is text.
        let (prose, _) = try TestSupport.apply(stage, ["ファイル:の名前空間には画像の説明ページが置かれる。"])
        #expect(prose[0].paragraphs == ["ファイル:の名前空間には画像の説明ページが置かれる。"])
    }

    @Test func hatnoteIsCut() throws {
        let (docs, _) = try TestSupport.apply(stage, ["「紅巾の乱」とは異なります。黄巾の乱は、後漢末期の農民反乱。"])
        #expect(docs[0].paragraphs == ["黄巾の乱は、後漢末期の農民反乱。"])
    }

    /// A year article's navigation table glued before its lead (千年紀, 世紀, 十年紀 and the
    /// years around it); cut off by a preview, as far as it goes.
    @Test func yearNavigationBeforeTheLeadIsCut() throws {
        let nav = "千年紀:2千年紀世紀:19世紀 - 20世紀 - 21世紀十年紀:1940年代 1950年代 1960年代 1970年代 1980年代年:1961年 1962年 1963年 1964年 1965年 1966年 1967年"
        let (docs, _) = try TestSupport.apply(stage, [nav + "1964年(1964 ねん)は、閏年。", "千年紀:2千年紀世紀:19世紀 - 20世紀 - 21世紀十年紀:1940年代 1950..."])
        #expect(docs[0].paragraphs == ["1964年(1964 ねん)は、閏年。", "十年紀:1940年代 1950..."])
    }

    @Test func aContentsListWithoutNumbersBeforePukiwikiHeadingsOrRightOverItsFirstHeading() throws {
        // PukiWiki headings carry `†`; the entries are the headings without it.
        let (puki, _) = try TestSupport.apply(stage, ["天守は、櫓である。", "目次", "構造", "現存天守", "構造 †", "型がある。", "現存天守 †", "十二ある。"])
        #expect(puki[0].paragraphs == ["天守は、櫓である。", "構造 †", "型がある。", "現存天守 †", "十二ある。"])
        // ピクシブ百科事典: the first heading follows the list directly; it stays.
        let (pixiv, _) = try TestSupport.apply(stage, ["目次 [非表示]", "概要", "品種", "概要", "起源がある。", "品種", "品種が多い。"])
        #expect(pixiv[0].paragraphs == ["概要", "起源がある。", "品種", "品種が多い。"])
    }

    @Test func sideBlocksScrapedOneLinkALineAreChromeUpToTheNextChromeLine() throws {
        // Fandom's category bar and rail module, PukiWiki's recent plugin, pixiv's family
        // blocks: each heading takes the links under it when they run to chrome or the end.
        let (docs, context) = try TestSupport.apply(stage, [
            "本文である。", "カテゴリ:", "ゲーム", "任天堂", "人気のページ", "ゲーム一覧", "リンク (キャラクター)",
            "最新の20件", "2024-05-06", "天守", "親記事", "魚", "Powered by MediaWiki",
        ])
        #expect(docs[0].paragraphs == ["本文である。"])
        #expect(context.removed["mediawiki.category-heading"]?.count == 3)
        #expect(context.removed["fandom.popular-pages"]?.count == 3)
        #expect(context.removed["pukiwiki.recent"]?.count == 2)
        #expect(context.removed["generic.timestamp-line"]?.count == 1)
        #expect(context.removed["pixiv.parent-articles"]?.count == 2)
        // A sentence among the lines: the block may have run into body text, nothing goes.
        let (prose, _) = try TestSupport.apply(stage, ["カテゴリ:", "ゲーム", "任天堂が発売した。"])
        #expect(prose[0].paragraphs == ["ゲーム", "任天堂が発売した。"])
        // Short lines that do not reach chrome or the end stay.
        let (open, _) = try TestSupport.apply(stage, ["親記事", "魚", "鯉は、淡水魚である。", "本文である。"])
        #expect(open[0].paragraphs == ["魚", "鯉は、淡水魚である。", "本文である。"])
    }

    /// PukiWiki's menu bar scraped one item a line: the recent plugin's pages under each
    /// day's date (the date is chrome of its own, the block goes on after it), the popular
    /// plugin's blocks (`人気の10件`, `今日の10件`, pages with their counts).
    @Test func pukiwikiMenuBarBlocksGoOnPastTheirDates() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "本文である。", "最新の20件", "2025-03-02", "碓氷峠", "横川駅", "2025-02-27", "EF63形電気機関車", "人気の10件", "碓氷峠(2312)",
            "信越本線(1544)", "今日の10件", "横川駅(14)", "Powered by MediaWiki",
        ])
        #expect(docs[0].paragraphs == ["本文である。"])
        #expect(context.removed["pukiwiki.recent"]?.count == 4)
        #expect(context.removed["pukiwiki.popular"]?.count == 3)
        #expect(context.removed["pukiwiki.popular-today"]?.count == 2)
        // After a date, a line that is no link ends the block there: what follows stays.
        let (prose, _) = try TestSupport.apply(stage, ["最新の20件", "2025-03-02", "碓氷峠", "2025-02-27", "碓氷峠は、峠である。", "本文である。"])
        #expect(prose[0].paragraphs == ["碓氷峠は、峠である。", "本文である。"])
    }

    /// A menu bar between the page header and the body (PukiWiki, WIKIWIKI.jp): the page's
    /// title, the wiki's own links, then the plugins' blocks. The links go, the title stays.
    @Test func aMenuBarsOwnLinksBeforeItsFirstBlockAreChrome() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "[ ホーム ] 一覧 最終更新 バックアップ ヘルプ", "碓氷峠", "トップページ", "はじめに", "路線一覧", "最新の20件", "2025-03-02", "碓氷峠",
            "Last-modified: 2025-03-02 (日) 21:14:09", "碓氷峠(うすいとうげ)は、峠である。",
        ])
        #expect(docs[0].paragraphs == ["碓氷峠", "碓氷峠(うすいとうげ)は、峠である。"])
        // Text between the header and the block: not a menu bar, nothing goes.
        let (body, _) = try TestSupport.apply(stage, [
            "[ ホーム ] 一覧 最終更新 バックアップ ヘルプ", "碓氷峠", "碓氷峠は、峠である。", "はじめに", "最新の20件", "碓氷峠", "Powered by MediaWiki",
        ])
        #expect(body[0].paragraphs == ["碓氷峠", "碓氷峠は、峠である。", "はじめに"])
    }

    /// Fandom's category panel (`カテゴリ`, no colon) over the category links, and Weblio's
    /// related terms under `「X」の関連用語`: each heading takes the links under it.
    @Test func fandomCategoryPanelAndWeblioRelatedTermsTakeTheirLinks() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "本文である。", "カテゴリ", "日本の蒸気機関車", "鉄道省の車両", "特に記載のない限り、コミュニティのコンテンツはCC BY-SAライセンスの下で利用可能です。",
        ])
        #expect(docs[0].paragraphs == ["本文である。"])
        #expect(context.removed["fandom.category-panel"]?.count == 3)
        let (weblio, related) = try TestSupport.apply(stage, ["本文である。", "「横川駅」の関連用語", "信越本線", "軽井沢駅", "横川駅のページへのリンク"])
        #expect(weblio[0].paragraphs == ["本文である。"])
        #expect(related.removed["weblio.related-terms"]?.count == 3)
    }

    @Test func aGluedContentsListWhoseHeadingHasASpaceInsideIsCutWhole() throws {
        // `目　次`: the heading's matching form is longer than the rule's text; the list is read
        // from the heading's real end (it was read from inside it, and could run past the line).
        let (docs, context) = try TestSupport.apply(stage, ["黄疸(おうだん)とは、症状の1つ。目　次1 黄疸の発生機序[編集]2 症状[編集]"])
        #expect(docs[0].paragraphs == ["黄疸(おうだん)とは、症状の1つ。"])
        #expect(context.removed["generic.toc"]?.count == 1)
    }

    @Test func navboxUnderItsNavbarIsChromeUpToTheNextChromeLine() throws {
        // Each navbar form takes the navbox under it: title, group names, long link runs.
        let group = "北海道 利尻山 羅臼岳 斜里岳 阿寒岳 大雪山 トムラウシ山 十勝岳 幌尻岳 後方羊蹄山 岩木山 八甲田山 八幡平 岩手山 早池峰"
        for navbar in [["表・話・編・歴"], ["表示・話・編・歴"], ["表 話 編 歴"], ["表話編歴"], ["表 · 話 · 編 · 歴"], ["表示 · 編集"], ["表", "話", "編", "歴"],
                       ["表示", "話", "編", "歴"]] {
            let (docs, _) = try TestSupport.apply(
                stage, ["山である。"] + navbar + ["日本百名山", group, "東北 岩木山 八甲田山", "典拠管理データベース", "全般", "VIAF", "国立図書館", "日本"])
            #expect(docs[0].paragraphs == ["山である。"], "\(navbar)")
        }
        // A navbar closing a sidebar above the text: the lead under it stays, as do the rows.
        let (sidebar, _) = try TestSupport.apply(stage, ["仏教", "表・話・編・歴", "釈迦", "仏教(ぶっきょう)は、宗教である。", "本文である。"])
        #expect(sidebar[0].paragraphs == ["仏教", "釈迦", "仏教(ぶっきょう)は、宗教である。", "本文である。"])
        // The navbar's words in prose, or 表示 and 歴 alone among text, stay.
        let (prose, _) = try TestSupport.apply(stage, ["表示や編集のリンクは、話と歴に並ぶ。", "表示", "歴史", "本文である。", "歴", "本文である。"])
        #expect(prose[0].paragraphs == ["表示や編集のリンクは、話と歴に並ぶ。", "表示", "歴史", "本文である。", "本文である。"])
    }

    @Test func coordinatesNotesPortalAndInlineTagsOfWikipediaAreChrome() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "座標: 北緯35度21分38秒 東経138度43分39秒 / 北緯35.36056度 東経138.72750度 / 35.36056; 138.72750",
            "座標: 南緯33度51分 西経151度12分", "山頂の座標は北緯35度21分38秒 東経138度43分39秒である。",
            "古来より霊峰とされた[独自研究?]。時期は不明である[いつ?]。", "独自研究?という語がある。",
            "出典検索?: \"富士山\" – ニュース · 書籍 · スカラー · CiNii · J-STAGE · NDL · dlib.jp · ジャパンサーチ · TWL(2020年5月)",
            "1. ^ 静岡県の資料。", "1. 概要", "ウィキポータル 関連ポータルのリンク",
        ])
        #expect(docs[0].paragraphs == ["山頂の座標は北緯35度21分38秒 東経138度43分39秒である。", "古来より霊峰とされた。時期は不明である。", "独自研究?という語がある。", "1. 概要"])
        #expect(context.removed["wikipedia.coordinates"]?.count == 2)
        #expect(context.removed["wikipedia.footnote-backlink-numbered"]?.count == 1)
    }

    @Test func nicopediaHeaderFooterAndBoardHeadersAreChrome() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "ニコニコ大百科", "富士山 単語", "フジサン", "2.1千文字の記事", "掲示板をみる(35)", "富士山とは、山である。",
            "ページ番号: 123456", "初版作成日: 08/05/10 12:00", "リビジョン番号: 3012345",
            "編集内容についての説明/コメント: 概要を追記", "スマホ版URL: https://dic.nicovideo.jp/t/a/富士山",
            "1 ななしのよっしん", "2009/05/10(日) 12:34:56 ID: AbCdEf1234",
        ])
        #expect(docs[0].paragraphs == ["富士山 単語", "フジサン", "富士山とは、山である。"])
    }

    @Test func weblioAndPixivFooterBlocksAreChrome() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "天の川は、光の帯である。", "天の川と同じ種類の言葉", "銀河に関連する言葉", "天の川のお隣キーワード", "天の川のページの著作権",
            "Weblio 辞書 情報提供元は 参加元一覧 にて確認できます。",
            "All text is available under the terms of the GNU Free Documentation License.",
            "pixivに投稿されたイラスト", "pixivで「金魚」のイラストを見る", "このタグがついたpixivの作品閲覧データ", "総閲覧数: 1234567",
            "Counter: 4567, today: 12, yesterday: 34", "スマートフォン用の表示で見る",
        ])
        #expect(docs[0].paragraphs == ["天の川は、光の帯である。"])
    }

    @Test func aDiffOrSourceViewIsChromeToTheFooterOrAPreview() throws {
        // PukiWiki's backup diff: the title (also as the HTML title), the colour legend, the raw
        // source; the footer and the previews after it stay what they are.
        let (docs, context) = try TestSupport.apply(stage, [
            "富士山 のバックアップ差分(No.3) - 日本の山 Wiki", "富士山 のバックアップ差分(No.3)", "バックアップ一覧", "1 (2023-04-02 (日) 10:12:45)",
            "追加された行はこの色です。", "削除された行はこの色です。", "#contents", "*概要 [#k2a8f1c3]",
            "富士山(ふじさん)は、静岡県と山梨県にまたがる活火山である。&br;", "|~登山道|~起点|h",
            "PukiWiki 1.5.4 © 2001-2022 PukiWiki Development Team. Powered by PHP 8.1.27. HTML convert time: 0.014 sec.",
            "八ヶ岳(やつがたけ)は、長野県と山梨県にまたがる火山群である。...",
        ])
        #expect(docs[0].paragraphs == ["八ヶ岳(やつがたけ)は、長野県と山梨県にまたがる火山群である。..."])
        #expect(context.removed["pukiwiki.backup-diff"]?.count == 8)
        #expect(context.removed["pukiwiki.diff-removed"]?.count == 1)
        // With no footer, a preview of another page ends the run; 1.5's 履歴 titles too.
        let (history, _) = try TestSupport.apply(stage, [
            "富士山 の履歴ソース(No.2)", "*概要 [#k2a8f1c3]", "富士山は、活火山である。", "八ヶ岳(やつがたけ)は、火山群である。...",
        ])
        #expect(history[0].paragraphs == ["八ヶ岳(やつがたけ)は、火山群である。..."])
        // The diff plugin's title (`X の変更点`) is no rule's: the legend under it takes it along,
        // as the page's title line (chrome above it, the navigator between).
        let (changes, _) = try TestSupport.apply(stage, [
            "富士山 の変更点", "[ トップ ] [ 編集 | 差分 | 履歴 | 添付 | リロード ]", "追加された行はこの色です。", "削除された行はこの色です。",
            "*概要 [#k2a8f1c3]", "富士山は、活火山である。",
        ])
        #expect(changes[0].paragraphs.isEmpty)
        // A paragraph over the legend's line stays: it is not the page's title.
        let (body, _) = try TestSupport.apply(stage, ["富士山は、活火山である。", "旧版との変更点", "追加された行はこの色です。", "*概要"])
        #expect(body[0].paragraphs == ["富士山は、活火山である。", "旧版との変更点"])
        // A MediaWiki diff page mirrored (ja-wiki.pages.dev): revision lines and wikitext rows.
        let (mirror, _) = try TestSupport.apply(stage, [
            "「琵琶湖」の版間の差分", "2023年4月10日 (月) 03:15時点における版", "削除された内容 追加された内容", "7行目: 7行目:",
            "'''琵琶湖'''（びわこ）は、[[滋賀県]]にある[[湖]]。", "== 概要 ==",
        ])
        #expect(mirror[0].paragraphs.isEmpty)
        // The words in prose stay, and so does a line that only names a diff.
        let (prose, _) = try TestSupport.apply(stage, ["版間の差分は、履歴から見られる。", "バックアップ差分", "本文である。"])
        #expect(prose[0].paragraphs == ["版間の差分は、履歴から見られる。", "バックアップ差分", "本文である。"])
    }

    /// A sentence that starts like a view's title and quotes one (an article about PukiWiki
    /// explaining its diff screen) is no title: it stays, and so does the page under it.
    @Test func proseQuotingADiffTitleIsNoView() throws {
        let lines = [
            "PukiWikiの差分画面は、題が「FrontPage のバックアップ差分(No.2)」のようになり、追加された行が色分けされる。",
            "この機能は、荒らしへの対処で役立つ。", "評価", "書式が単純で覚えやすい。",
        ]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(docs[0].paragraphs == lines)
        #expect(context.removed.isEmpty)
        // The title itself, alone or with the site's name after it, is still the view's.
        let (view, _) = try TestSupport.apply(stage, ["FrontPage のバックアップ差分(No.2) - 例のWiki", "*概要", "本文である。"])
        #expect(view[0].paragraphs.isEmpty)
    }

    @Test func pixivHistoryLinesAndAperzasCategoryLinkAreChrome() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "計測/測定器に戻る", "琵琶湖の編集履歴", "2024-03-15 21:04:33 バージョン", "琵琶湖", "琵琶湖とは、滋賀県にある湖である。",
        ])
        #expect(docs[0].paragraphs == ["琵琶湖", "琵琶湖とは、滋賀県にある湖である。"])
        let (prose, _) = try TestSupport.apply(stage, ["編集履歴", "元の場所に戻る", "版は2024-03-15 21:04:33 バージョンである。"])
        #expect(prose[0].paragraphs == ["編集履歴", "元の場所に戻る", "版は2024-03-15 21:04:33 バージョンである。"])
    }

    @Test func anOldRevisionsLinesAreChromeAndItsTextStays() throws {
        let (docs, _) = try TestSupport.apply(stage, [
            "琵琶湖", "2023年4月10日 (月) 03:15時点における Lakeside (会話 | 投稿記録) による版 (→概要: 出典を追加)",
            "(差分) ← 古い版 | 最新版 (差分) | 新しい版 → (差分)", "琵琶湖(びわこ)は、滋賀県にある湖である。",
        ])
        #expect(docs[0].paragraphs == ["琵琶湖", "琵琶湖(びわこ)は、滋賀県にある湖である。"])
        let (prose, _) = try TestSupport.apply(stage, ["2023年4月時点における人口による版図の比較", "本文である。"])
        #expect(prose[0].paragraphs == ["2023年4月時点における人口による版図の比較", "本文である。"])
    }

    @Test func proseIsLeftAlone() throws {
        let lines = try String(contentsOfFile: TestSupport.seedPath, encoding: .utf8).split(separator: "\n").map(String.init)
        let (docs, _) = try TestSupport.apply(stage, Array(lines[2..<167]))
        // The article body of the seed has no chrome: every line survives unchanged.
        #expect(docs[0].paragraphs == Array(lines[2..<167]))
    }

    // MARK: - Rules files

    @Test func rulesFileErrorsNameFileLineAndKey() {
        #expect {
            _ = try ChromeRules(yaml: "version: 1\nphrases:\n  - id: x\n    pattern: \"abc\"\n    wher: line\n", file: "r.yaml")
        } throws: { error in
            let e = error as! ConfigError
            return e.file == "r.yaml" && e.line == 5 && e.description.contains("wher")
        }
        #expect(throws: ConfigError.self) { _ = try ChromeRules(yaml: "phrases: [", file: "r.yaml") }
        #expect(throws: ConfigError.self) { _ = try ChromeRules(yaml: "phrases:\n  - id: a\n    pattern: \"{any<5}x\"\n", file: "r.yaml") }
        #expect(throws: ConfigError.self) { _ = try ChromeRules(yaml: "phrases:\n  - id: a\n    pattern: \"x{nope}\"\n", file: "r.yaml") }
        // `next-lines` takes one of its kinds, read into one field.
        #expect {
            _ = try ChromeRules(yaml: "phrases:\n  - id: a\n    pattern: \"x\"\n    next-lines: drop-some\n", file: "r.yaml")
        } throws: { error in
            (error as! ConfigError).description.contains("next-lines takes drop, drop-all, drop-navbox, drop-page, drop-languages or caption")
        }
        let kinds = try? ChromeRules(
            yaml: "phrases:\n  - id: a\n    pattern: \"x\"\n    next-lines: drop-all\n  - id: b\n    pattern: \"y\"\n", file: "r.yaml")
        #expect(kinds?.phrases.map(\.nextLines) == [.dropAll, nil])
    }

    @Test func templateMatchesBoundedPlaceholders() throws {
        let t = try Template("最終更新 {d}年{d}月{d}日 ({any<3}) {d}:{d}{? (UTC)}")
        for (line, expected) in [
            ("最終更新 2021年6月11日 (金) 17:10 (UTC)残り", "最終更新 2021年6月11日 (金) 17:10 (UTC)"),
            ("最終更新 2021年6月11日(金)17:10", "最終更新 2021年6月11日(金)17:10"),
        ] {
            let end = line.withUTF8Bytes { t.match($0, at: 0) }
            #expect(end.map { line.utf8Slice(0, $0) } == expected)
        }
        #expect("最終更新 年6月".withUTF8Bytes { t.match($0, at: 0) } == nil)
    }

    /// Reference marks of every group the catalogue lists go from inside sentences:
    /// `[1]`, `[ 1]`, `[注 1]`, `[注釈 1]`, `[† 1]`, `[※ 1]`, `[証人 1]`.
    @Test func referenceMarksOfEveryGroupAreChrome() throws {
        for mark in ["[1]", "[ 1]", "[注 1]", "[注釈 12]", "[† 1]", "[※ 2]", "[証人 3]"] {
            let (docs, _) = try TestSupport.apply(stage, ["富士山は活火山である\(mark)。標高は高い。", "本文である。"])
            #expect(docs[0].paragraphs == ["富士山は活火山である。標高は高い。", "本文である。"], "\(mark)")
        }
        let (kept, _) = try TestSupport.apply(stage, ["価格は[税込 1000円]である。", "本文である。"])
        #expect(kept[0].paragraphs == ["価格は[税込 1000円]である。", "本文である。"])
    }

    /// A maintenance box glued before the lead takes its own sentences only: the lead stays.
    @Test func aMaintenanceBoxGluedBeforeTheLeadLeavesTheLead() throws {
        let lead = "富士山(ふじさん)は、静岡県と山梨県にまたがる活火山である。"
        for box in ["この記事には独自研究が含まれているおそれがあります。",
            "この記事には独自研究が含まれているおそれがあります。問題箇所を検証し出典を追加して、記事の改善にご協力ください。議論はノートを参照してください。(2019年3月)"] {
            let (docs, _) = try TestSupport.apply(stage, [box + lead, "本文である。"])
            #expect(docs[0].paragraphs == [lead, "本文である。"])
        }
    }

    /// The interlanguage list's `リンクを編集` (its Wikidata edit link) is chrome even alone.
    @Test func interlanguageEditLinkIsChromeAlone() throws {
        let (docs, context) = try TestSupport.apply(stage, ["富士山は活火山である。", "リンクを編集", "本文である。"])
        #expect(docs[0].paragraphs == ["富士山は活火山である。", "本文である。"])
        #expect(context.removed["wikipedia.single-chrome-lines"]?.count == 1)
    }

    /// An optional part that ends in a placeholder grows until what follows it matches
    /// (`[要出典 – ノート]`, `[要検証 – ノート]`), and the part stays optional (`[要出典]`).
    @Test func optionalPartEndingInAPlaceholderGrows() throws {
        let t = try Template("[要出典{?{text<30}}]")
        for line in ["[要出典]", "[要出典 – ノート]", "[要出典 – 2020年1月]"] {
            #expect(line.withUTF8Bytes { t.match($0, at: 0) } == line.utf8.count, "\(line)")
        }
        #expect("[要出典。]".withUTF8Bytes { t.match($0, at: 0) } == nil)
        let (docs, _) = try TestSupport.apply(stage, ["富士山は活火山である[要検証 – ノート]。標高は高い[疑問点 – ノート]。", "本文である。"])
        #expect(docs[0].paragraphs == ["富士山は活火山である。標高は高い。", "本文である。"])
    }

    /// Left out first: `[要出典]` ends at its own `]`, not at a later one in the sentence
    /// (`[要出典]リンクは[[表示名>URL]]のように書く`, prose about wiki markup, lost its middle).
    @Test func anOptionalPlaceholderPartMatchesTheFewestCharacters() throws {
        let t = try Template("[要出典{?{text<30}}]")
        #expect("[要出典]リンクは[[表示名>URL]]".withUTF8Bytes { t.match($0, at: 0) } == "[要出典]".utf8.count)
        let (docs, _) = try TestSupport.apply(stage, ["改行になる。[要出典]リンクは[[表示名>URL]]のように書く。"])
        #expect(docs[0].paragraphs == ["改行になる。リンクは[[表示名>URL]]のように書く。"])
    }
}

extension StripSiteChromeTests {
    /// A page of a site with no rules of its own: account and navigation links, the
    /// previous/next and share links after the body, and a copyright footer are chrome; one
    /// such word alone among paragraphs, or "Copyright" inside a sentence, is not.
    @Test func genericSiteMenusAndCopyrightFootersAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["ホーム", "ログイン", "新規登録", "お問い合わせ", "江戸城(えどじょう)は、日本の城である。", "前の記事", "次の記事",
                    "この記事をシェアする", "Copyright © 2024 Example Wiki All Rights Reserved.", "© 2024 Example Inc.",
                    "Copyright (C) 2001-2024 Example Co., Ltd.", "Copyright 2024 Example"])
        #expect(docs[0].paragraphs == ["江戸城(えどじょう)は、日本の城である。"])
        #expect(context.removed["generic.site-menu"]?.count == 5)
        #expect(docs[0].blocks[8].rule == "generic.copyright" && docs[0].blocks[8].signal == .pageEnd)
        #expect(docs[0].blocks[9].rule == "generic.copyright-mark")
        #expect(docs[0].blocks[10].rule == "generic.copyright-c" && docs[0].blocks[11].rule == "generic.copyright-year")
        let (kept, _) = try TestSupport.apply(
            stage, ["城の歴史は古い。", "ツイート", "城の構造は複雑である。", "Copyright law protects works.", "著作権は Copyright とも呼ばれる。"])
        #expect(kept[0].paragraphs.count == 5)
    }
}

extension StripSiteChromeTests {
    /// A wiki of its own site: the HTML title `ページ名 - サイト名wiki`, page metadata lines, a
    /// back-to-top link alone, the comment form; lines that only look alike stay.
    @Test func genericTitleBarMetadataAndCommentFormAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["姫路城 - 城郭wiki", "最終更新日時: 2024年1月1日 12:00", "閲覧数: 1,234", "姫路城(ひめじじょう)は、日本の城である。",
                    "ページの先頭へ", "コメント(2)", "名前:", "コメントを投稿する", "更新日: 2024/01/01", "作成日: 2023/12/31"])
        #expect(docs[0].paragraphs == ["姫路城(ひめじじょう)は、日本の城である。"])
        #expect(docs[0].blocks[0].rule == "generic.html-title-wiki" && docs[0].blocks[0].signal == .pageStart)
        for id in ["generic.last-modified", "generic.view-count", "generic.page-top", "generic.comment-count", "generic.updated", "generic.created"] {
            #expect(context.removed[id]?.count == 1, "\(id)")
        }
        #expect(context.removed["generic.site-menu"]?.count == 2)
        let (kept, _) = try TestSupport.apply(
            stage, ["城の歴史は古い。", "名前:", "城の構造は複雑である。", "閲覧数は増えている。", "更新日は不明である。", "A - B wiki の記事は多い。"])
        #expect(kept[0].paragraphs.count == 6)
    }
}

extension StripSiteChromeTests {
    /// `目次` followed by bare heading names (no numbers) that the page shows again below, with
    /// or without an edit marker glued on, is a contents list; short lines after `目次` that
    /// do not come again are left alone.
    @Test func aContentsListWithoutNumbersIsChromeWhenItsEntriesComeAgain() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["目次", "概要", "歴史", "熊本城(くまもとじょう)は、日本の城である。", "概要[編集]", "石垣が特徴である。", "歴史", "1607年に完成した。"])
        #expect(docs[0].paragraphs == ["熊本城(くまもとじょう)は、日本の城である。", "概要[編集]", "石垣が特徴である。", "歴史", "1607年に完成した。"])
        #expect(context.removed["generic.toc"]?.count == 3)
        let (kept, _) = try TestSupport.apply(stage, ["目次", "概要", "歴史", "熊本城(くまもとじょう)は、日本の城である。", "構造", "石垣が特徴である。"])
        #expect(kept[0].paragraphs.count == 6)
        // Only the entries that come again: the list stops at the first that does not.
        let (partial, _) = try TestSupport.apply(stage, ["目次", "概要", "歴史", "地理", "熊本城は城である。", "概要", "歴史"])
        #expect(partial[0].paragraphs == ["地理", "熊本城は城である。", "概要", "歴史"])
    }
}

extension StripSiteChromeTests {
    /// An infobox scraped as `項目：値` lines right before the lead is infobox chrome; the same
    /// lines elsewhere, or fewer than three, are text.
    @Test func keyValueInfoboxRowsBeforeTheLeadAreChrome() throws {
        let lead = "彦根城(ひこねじょう)は、滋賀県にある日本の城である。"
        let rows = ["所在地：滋賀県彦根市金亀町", "城郭構造：連郭式平山城", "築城主：井伊直継", "築城年：1604年"]
        let (docs, context) = try TestSupport.apply(stage, ["彦根城"] + rows + [lead])
        #expect(docs[0].paragraphs == ["彦根城", lead])
        #expect(context.removed["wikipedia.infobox"]?.count == 4)
        // After the lead (a list in the text), or only two rows: kept.
        let (after, _) = try TestSupport.apply(stage, [lead] + rows)
        #expect(after[0].paragraphs.count == 5)
        let (two, _) = try TestSupport.apply(stage, Array(rows.prefix(2)) + [lead])
        #expect(two[0].paragraphs.count == 3)
        #expect(!StripSiteChrome.isKeyValueRow("注意：この城は現存しない。"))
        #expect(!StripSiteChrome.isKeyValueRow("とても長いラベルの名前がここにある：値"))
        #expect(StripSiteChrome.isKeyValueRow("標高: 3,776 m"))
    }
}

extension StripSiteChromeTests {
    /// `続きを読む` under a preview and a list page's side-block heading are chrome alone; the
    /// words inside a sentence are text.
    @Test func readMoreLinksAndListHeadingsAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["最近更新されたページ", "大阪城(おおさかじょう)は、日本の城である。豊臣秀吉が築いた...", "続きを読む", "もっと見る"])
        #expect(docs[0].paragraphs == ["大阪城(おおさかじょう)は、日本の城である。豊臣秀吉が築いた..."])
        #expect(context.removed["generic.recent-pages"]?.count == 1)
        #expect(context.removed["generic.read-more"]?.count == 2)
        let (kept, _) = try TestSupport.apply(stage, ["この本は続きを読むのが楽しみになる。", "城の歴史は古い。"])
        #expect(kept[0].paragraphs.count == 2)
    }

    /// Previews of a list page (`新着ページ`, a ranking) carry their dates on lines of their own
    /// and a read-more link glued after the truncation mark; a ranking's page links run up to the
    /// first preview, not to a chrome line.
    @Test func datesReadMoreAndRankingsAroundPreviewsAreChrome() throws {
        let aso = "阿蘇山(あそさん)は、熊本県にある活火山である。カルデラの中には..."
        let (docs, context) = try TestSupport.apply(
            stage, ["新着ページ", "2023-01-05 12:00:00", "阿蘇山(あそさん)は、熊本県にある活火山である。カルデラの中には...続きを読む",
                    "2022/12/28", "人気ページランキング", "1位 Python", "2位 2001年宇宙の旅", "Python(パイソン)は、プログラミング言語である。標準..."])
        #expect(docs.flatMap(\.paragraphs) == [aso, "Python(パイソン)は、プログラミング言語である。標準..."])
        #expect(context.removed["generic.timestamp-line"]?.count == 1)
        #expect(context.removed["generic.timestamp-line-slashes"]?.count == 1)
        #expect(context.removed["generic.page-ranking"]?.count == 3)
        // A view count glued after the mark goes as the read-more link does.
        let (counted, counts) = try TestSupport.apply(stage, ["桜島(さくらじま)は、鹿児島湾にある火山である。現在も...(1234)", "本文である。"])
        #expect(counted[0].paragraphs == ["桜島(さくらじま)は、鹿児島湾にある火山である。現在も...", "本文である。"])
        #expect(counts.removed["generic.view-count-after-preview"]?.count == 1)
        // With its label and a space after the mark; a date with its weekday.
        let (labelled, labels) = try TestSupport.apply(
            stage, ["阿蘇山(あそさん)は、熊本県にある活火山である。カルデラの中には… (閲覧数: 1234)", "2023-01-03 (火) 10:00:00", "本文である。"])
        #expect(labelled[0].paragraphs == ["阿蘇山(あそさん)は、熊本県にある活火山である。カルデラの中には…", "本文である。"])
        #expect(labels.removed["generic.view-count-label-after-preview"]?.count == 1)
        #expect(labels.removed["generic.timestamp-line"]?.count == 1)
        // A date inside a line, a count or the words with no truncation mark before them, stay.
        let (kept, _) = try TestSupport.apply(
            stage, ["2023-01-05に開業した。", "1位 Python", "映画『七人の侍』(1954)", "本編の続きを読む", "本文である。"])
        #expect(kept[0].paragraphs == ["2023-01-05に開業した。", "1位 Python", "映画『七人の侍』(1954)", "本編の続きを読む", "本文である。"])
    }
}

extension StripSiteChromeTests {
    /// A read-more link after a preview's mark in brackets, parentheses or behind an arrow goes;
    /// the rest is read as a line that ends in the mark, so a contents list glued before the
    /// mark goes with it, as when the line ends there.
    @Test func readMoreLinksInBracketsAfterAMarkAreChrome() throws {
        let lead = "黄疸(おうだん)とは、病気や疾患に伴う症状の1つ。"
        for link in ["[続きを読む]", "［続きを読む］", "(続きを読む)", " »続きを読む", " >>続きを読む", " 続きを読む", "[続き]"] {
            let (docs, context) = try TestSupport.apply(stage, [lead + "目次1 黄疸の発生機序[編集]2..." + link, "本文である。"])
            #expect(docs[0].paragraphs == [lead + "...", "本文である。"], "\(link)")
            #expect(context.removed["generic.toc"]?.count == 1, "\(link)")
        }
        // Without a mark before them the words stay.
        let (kept, _) = try TestSupport.apply(stage, ["詳しくは本編[続きを読む]", "本文である。"])
        #expect(kept[0].paragraphs == ["詳しくは本編[続きを読む]", "本文である。"])
    }
}

extension StripSiteChromeTests {
    /// The HTML title `ページ名 - サイト名` for a site name not ending in Wiki, over the h1 or over
    /// a lead that names the page: chrome, and a page start.
    @Test func aTitleBarOverThePageItNamesIsChrome() throws {
        let lead = "閉塞(へいそく)とは、鉄道の保安の仕組みである。"
        let (docs, context) = try TestSupport.apply(stage, ["閉塞 - 鉄道資料館", "閉塞", "提供: 鉄道資料館", lead])
        #expect(docs[0].paragraphs == ["閉塞", lead])
        #expect(docs[0].blocks[0].rule == "generic.html-title" && docs[0].blocks[0].signal == .pageStart)
        #expect(context.removed["generic.html-title"]?.count == 1)
        // No h1: the lead names the page; the page name last (`サイト名 | ページ名`) or `｜`.
        let (noH1, _) = try TestSupport.apply(stage, ["閉塞 – 鉄道資料館", "ナビゲーションに移動", lead])
        #expect(noH1[0].paragraphs == [lead])
        let (last, _) = try TestSupport.apply(stage, ["鉄道資料館 | 閉塞", "閉塞", lead])
        #expect(last[0].paragraphs == ["閉塞", lead])
        let (bar, _) = try TestSupport.apply(stage, ["閉塞｜鉄道資料館", lead])
        #expect(bar[0].paragraphs == [lead])
        // A line with a dash over a page about something else, or over a sentence, stays.
        let (other, _) = try TestSupport.apply(stage, ["東京 - 大阪", "京都(きょうと)は、日本の都市である。"])
        #expect(other[0].paragraphs.count == 2)
        let (prose, _) = try TestSupport.apply(stage, ["本文である。", "東京 - 大阪", "東京", "大阪"])
        #expect(prose[0].paragraphs.count == 4)
    }

    /// MediaWiki's `{{SITENAME}}について` footer link between the other footer links, for a site
    /// name not ending in Wiki (the rules' own pattern needs one).
    @Test func theAboutSiteLinkBetweenFooterLinksIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["本文である。", "プライバシー・ポリシー", "鉄道資料館について", "免責事項", "Powered by MediaWiki", "Hosted by Miraheze"])
        #expect(docs[0].paragraphs == ["本文である。"])
        #expect(context.removed["mediawiki.about-site"]?.count == 1)
        #expect(context.removed["miraheze.hosted-by"]?.count == 1)
        // Not between chrome lines: a heading or text.
        let (kept, _) = try TestSupport.apply(stage, ["本文である。", "鉄道資料館について", "免責事項", "Powered by MediaWiki"])
        #expect(kept[0].paragraphs == ["本文である。", "鉄道資料館について"])
    }

    /// Seesaa's `最終更新：…` glued to a short lead: the mobile footer rule `最終更新: …` (a
    /// whole line) must not take the lead's sentence with it.
    @Test func aShortLeadGluedToSeesaasLastModifiedStays() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["法隆寺", "最終更新： 2024年05月02日(木) 10:21:07法隆寺（ほうりゅうじ）は、奈良県にある寺院である。"])
        #expect(docs.flatMap(\.paragraphs).contains { $0.hasSuffix("は、奈良県にある寺院である。") })
        #expect(context.removed["wikipedia.mobile-last-modified"] == nil)
        let (mobile, _) = try TestSupport.apply(stage, ["本文である。", "最終更新: 2024年10月6日 (日) 10:00"])
        #expect(mobile[0].paragraphs == ["本文である。"])
    }

    /// Board posts under ニコニコ大百科's article and comments under a Seesaa page: the lines
    /// under a post header (`next-lines: drop-all`) up to the next chrome line or the page end.
    @Test func postBodiesUnderTheirHeadersAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["本文である。", "この記事の掲示板", "1 ななしのよっしん", "2009/05/10(日) 12:34:56 ID: AbCdEf1234", "一度は登ってみたい山だ。",
                    "2 ななしのよっしん", "2010/01/02(土) 08:00:00 ID: XyZ9876543", ">>1", "初日の出を見に行ったことがある。"])
        #expect(docs[0].paragraphs == ["本文である。"])
        #expect(context.removed["nicovideo.board-post-time"]?.count == 5)
        let (seesaa, _) = try TestSupport.apply(
            stage, ["本文である。", "このページへのコメント", "ID:abc123", "秘湯らしい雰囲気がよかったです。", "0", "Wiki内検索"])
        #expect(seesaa[0].paragraphs == ["本文である。"])
        // A run longer than a post that reaches no chrome line stays (an article may follow).
        let long = (1...13).map { "温泉の説明の文である。その\($0)。" }
        let (kept, _) = try TestSupport.apply(stage, ["本文である。", "このページへのコメント"] + long)
        #expect(kept[0].paragraphs.count == 14)
    }

    /// A dump shaped like the seed's puts other pages' cut-off previews after the page: an
    /// empty comment block (`このページへのコメント` with no comment) must not take them in.
    @Test func postBodiesStopAtAnotherPagesPreview() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["本文である。", "このページへのコメント", "浅間山(あさまやま)は、長野県と群馬県の県境にある成層火山である。標高は…",
                    "桜島(さくらじま)は、鹿児島県の錦江湾にある活火山である。かつては島...", "Wiki内検索"])
        #expect(docs.flatMap(\.paragraphs).contains { $0.hasPrefix("浅間山(") })
        #expect(docs.flatMap(\.paragraphs).contains { $0.hasPrefix("桜島(") })
        #expect(context.removed["seesaa.page-comments"]?.count == 1)
        // A comment before the previews still goes.
        let (withComment, _) = try TestSupport.apply(
            stage, ["本文である。", "このページへのコメント", "秘湯らしい雰囲気がよかったです。",
                    "浅間山(あさまやま)は、長野県と群馬県の県境にある成層火山である。標高は…"])
        let kept = withComment.flatMap(\.paragraphs)
        #expect(!kept.contains("秘湯らしい雰囲気がよかったです。") && kept.contains { $0.hasPrefix("浅間山(") })
    }
}

extension StripSiteChromeTests {
    /// PukiWiki's pcomment plugin lines, @wiki's access counter, and Weblio's HTML title with
    /// the site name after it.
    @Test func pcommentLinesAccessCounterAndWeblioTitleBarAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["阿蘇山とは? わかりやすく解説 - Weblio辞書", "阿蘇山(あそさん)は、熊本県の火山である。", "最新の10件を表示しています。 コメントページを参照",
                    "コメントはありません。", "このページへのアクセス", "今日: 3", "昨日: 5", "合計: 1234", "今日: 3 昨日: 5 合計: 1234"])
        #expect(docs[0].paragraphs == ["阿蘇山(あそさん)は、熊本県の火山である。"])
        #expect(context.removed["weblio.title"]?.count == 1)
        #expect(context.removed["pukiwiki.pcomment-recent"]?.count == 1 && context.removed["pukiwiki.pcomment-none"]?.count == 1)
        #expect(context.removed["atwiki.access-counter-heading"]?.count == 4 && context.removed["atwiki.access-counter"]?.count == 1)
    }
}

extension StripSiteChromeTests {
    /// Fandom's ad label glued by the scrape to the line after it or before it is cut, and the
    /// text stays; the label alone on a line is still a chrome line.
    @Test func fandomsAdvertisementLabelGluedToTextIsCut() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["Advertisementオコジョ(おこじょ)は、イタチ科の哺乳類。", "ヤマネは、齧歯類。Advertisement...", "Advertisement"])
        #expect(docs[0].paragraphs == ["オコジョ(おこじょ)は、イタチ科の哺乳類。", "ヤマネは、齧歯類。..."])
        #expect(context.removed["fandom.advertisement-glued"]?.count == 1)
        #expect(context.removed["fandom.advertisement-glued-end"]?.count == 1)
        #expect(context.removed["fandom.advertisement"]?.count == 1)
    }
}

extension StripSiteChromeTests {
    /// Weblio's title line glued to its breadcrumb at the start of a preview is cut through the
    /// breadcrumb's last crumb (`…の意味・解説`), not only to its last `>`.
    @Test func weblioTitleGluedToItsBreadcrumbIsCutWhole() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["雲仙岳とは? わかりやすく解説Weblio 辞書 > 辞書・百科事典 > 百科事典 > 雲仙岳の意味・解説雲仙岳(うんぜんだけ)は、火山。..."])
        #expect(docs[0].paragraphs == ["雲仙岳(うんぜんだけ)は、火山。..."])
        #expect(context.removed["weblio.title-glued"]?.count == 1)
    }
}

extension StripSiteChromeTests {
    /// On a page whose headings are glued to their first paragraph (`脚注[編集]^ 注…`, as the
    /// seed's host renders them), a rule that must start the line also starts the paragraph
    /// after the heading's marker (and after `[脚注の使い方]`): the first note goes as the
    /// notes on lines of their own do, and the heading stays for split-headings.
    @Test func aNoteGluedToItsHeadingGoesAndTheHeadingStays() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["本文である。", "脚注[編集][脚注の使い方]^ 2010年3月の発表による。", "^ 2011年の発表。", "注釈[編集]^ 別の注。", "脚注[編集][脚注の使い方]注釈[編集]^ 注の注。"])
        #expect(docs[0].paragraphs == ["本文である。", "脚注[編集]", "注釈[編集]", "脚注[編集]注釈[編集]"])
        #expect(context.removed["wikipedia.footnote-backlink"]?.count == 4)
        // Only right after the marker: a `^ ` inside the paragraph stays, as does a line
        // whose text before the bracket is a sentence, not a heading.
        let (kept, _) = try TestSupport.apply(stage, ["本文である。", "脚注[編集]本文の途中 ^ 記号。", "本文である。[編集]^ 残る。"])
        #expect(kept[0].paragraphs == ["本文である。", "脚注[編集]本文の途中 ^ 記号。", "本文である。[編集]^ 残る。"])
    }

    /// Headings glued one after another on a line (`脚注[編集]注釈[編集]^ 注。出典[編集]^ 出典参考文献[編集]書名。`):
    /// a note after any heading's marker goes, up to the next heading (after a sentence end,
    /// or a trailing section's word right before its marker), so the later headings and the
    /// book list stay; a note of a preview stops at its truncation mark.
    @Test func notesGluedBetweenHeadingsGoUpToTheNextHeading() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["本文である。", "脚注[編集][脚注の使い方]注釈[編集]^ 流路延長は国内3位。出典[編集]^ 国土交通省「石狩川水系」参考文献[編集]山田次郎『石狩川』北海出版、1999年。外部リンク[編集]開発建設部"])
        #expect(docs[0].paragraphs == ["本文である。", "脚注[編集]注釈[編集]出典[編集]参考文献[編集]山田次郎『石狩川』北海出版、1999年。外部リンク[編集]開発建設部"])
        #expect(context.removed["wikipedia.footnote-backlink"]?.count == 2)
        let (preview, _) = try TestSupport.apply(stage, ["十勝川(とかちがわ)は、一級河川。脚注[編集][脚注の使い方]出典[編集]^ 北海道開発局..."])
        #expect(preview[0].paragraphs == ["十勝川(とかちがわ)は、一級河川。脚注[編集]出典[編集]..."])
        // A note with no heading after it still goes to the line's end.
        let (last, _) = try TestSupport.apply(stage, ["本文である。", "脚注[編集]出典[編集]^ 国土交通省の資料 ^ 別の資料"])
        #expect(last[0].paragraphs == ["本文である。", "脚注[編集]出典[編集]"])
    }
}

extension StripSiteChromeTests {
    /// Wikipedia's multiple-issues box: its header, then each issue's text and date. The
    /// lead glued after it stays, whether the box lists issues or not.
    @Test func theMultipleIssuesBoxGoesWithItsIssues() throws {
        let header = "この記事には複数の問題があります。改善やノートページでの議論にご協力ください。"
        let issues = "出典がまったく示されていないか不十分です。内容に関する文献や情報源が必要です。(2015年3月)独自研究が含まれているおそれがあります。(2015年3月)"
        let lead = "港浜(みなとはま)は、港町である。"
        let (docs, context) = try TestSupport.apply(stage, [header + issues + lead, header + lead, header + issues])
        #expect(docs[0].paragraphs == [lead, lead])
        #expect(context.removed["wikipedia.maintenance-multiple-issues"]?.count == 3)
    }

    /// The same box scraped one issue a line under its header: each issue line goes (its text
    /// and the month it was tagged), not read as a photo's caption; a sentence with a month in
    /// parentheses but no `。` before it, and one with text after the month, stay.
    @Test func theMultipleIssuesBoxOneIssueALineGoes() throws {
        let header = "この記事には複数の問題があります。改善やノートページでの議論にご協力ください。"
        let issues = ["出典がまったく示されていないか不十分です。内容に関する文献や情報源が必要です。（2015年3月）", "独自研究が含まれているおそれがあります。(2015年3月)"]
        let lead = "港浜(みなとはま)は、港町である。"
        let kept = ["新駅の開業(2020年5月)", "新駅が開業した。(2020年5月)には式典があった。"]
        let (docs, context) = try TestSupport.apply(stage, [header] + issues + [lead] + kept)
        #expect(docs[0].paragraphs == [lead] + kept)
        #expect(context.removed["wikipedia.maintenance-issue-line"]?.count == 2)
    }
}

extension StripSiteChromeTests {
    /// Wikipedia's maintenance and notice boxes, glued before the lead as a scrape of the
    /// page's text leaves them: each goes under its rule, the lead stays.
    @Test(arguments: [
        ("wikipedia.maintenance-notability", "この記事の主題はウィキペディアにおける独立記事作成の目安を満たしていないおそれがあります。目安に適合することを証明するために、記事の主題についての信頼できる二次資料を求めています。(2019年4月)"),
        ("wikipedia.maintenance-translate", "この記事は英語版の対応するページを翻訳することにより充実させることができます。(2023年5月)翻訳前に重要な指示を読むには右にある[表示]をクリックしてください。"),
        ("wikipedia.maintenance-blp-sources", "この存命人物の記事には検証可能な出典が不足しています。信頼できる情報源の提供に協力をお願いします。(2015年3月)"),
        ("wikipedia.maintenance-primary-sources", "この記事は一次資料や記事主題の関係者による情報源に頼って書かれています。正確な記述にするために、記事主題と関係のない独立した情報源による裏付けが必要です。(2020年1月)"),
        ("wikipedia.maintenance-update", "この記事は更新が必要とされています。この記事には古い情報が掲載されています。編集の際に新しい情報を記事に反映させてください。反映後、このタグは除去してください。(2021年6月)"),
        ("wikipedia.notice-unsupported-characters", "この項目には、一部のコンピュータや閲覧ソフトで表示できない文字が含まれています(詳細)。"),
        ("wikipedia.maintenance-image-request", "画像提供依頼:港浜の灯台の画像提供をお願いします。(2015年3月)"),
    ])
    func aMaintenanceBoxBeforeTheLeadGoes(rule: String, box: String) throws {
        let lead = "港浜(みなとはま)は、港町である。"
        let (docs, context) = try TestSupport.apply(stage, [box + lead, box])
        #expect(docs[0].paragraphs == [lead])
        #expect(context.removed[rule]?.count == 2, "\(context.removed.keys.sorted())")
    }
}

extension StripSiteChromeTests {
    /// Share buttons that name their service (`Twitterでシェアする`, `Xでポスト`, `LINEで送る`)
    /// are chrome when two stand together; prose about sharing stays.
    @Test func shareButtonsNamingTheirServiceAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["ウェブブラウザは、ウェブページを閲覧するためのソフトウェアである。", "検索エンジン", "Twitterでシェアする", "Facebookでシェアする", "Xでポスト", "LINEで送る"])
        #expect(docs[0].paragraphs == ["ウェブブラウザは、ウェブページを閲覧するためのソフトウェアである。", "検索エンジン"])
        #expect(context.removed["generic.site-menu"]?.count == 4)
        let (kept, _) = try TestSupport.apply(stage, ["記事はTwitterでシェアすることもできる。", "Facebookでシェアする利用者も多い。"])
        #expect(kept[0].paragraphs.count == 2)
    }

    /// Wikipedia's portal box (`ポータル 鉄道`, two glued), xpWiki's `Page Top` after a
    /// section and its XOOPS login block are chrome; a word that begins with ポータル is not.
    @Test func portalBoxesPageTopAndTheXoopsLoginBlockAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["ログイン", "E-mail", "パスワード", "次回から自動ログインする", "パスワード紛失", "新規登録",
                    "天体観測は、星を観察する趣味である。", "Page Top", "ポータルサイト", "ポータル 鉄道", "ポータル 地理学 ポータル 日本の地理"])
        #expect(docs[0].paragraphs == ["天体観測は、星を観察する趣味である。", "ポータルサイト"])
        #expect(context.removed["wikipedia.portal"]?.count == 2)
        #expect(context.removed["generic.page-top"]?.count == 1)
        #expect(context.removed["xoops.login"]?.count == 4)  // `ログイン` and `新規登録`: generic.site-menu
    }

    /// wiki3.jp's header `ページ名:X` alone on its line is chrome; glued before a lead with a
    /// sentence end, it is no header line to drop: the lead stays.
    @Test func aPageNameHeaderDoesNotTakeTheLeadGluedToIt() throws {
        let (docs, context) = try TestSupport.apply(stage, ["ページ名:日本海", "ページ名: 日本海 日本海(にほんかい)は、縁海である。"])
        #expect(context.removed["mirror.page-name"]?.count == 1)
        #expect(docs[0].paragraphs.count == 1 && docs[0].paragraphs[0].hasSuffix("日本海(にほんかい)は、縁海である。"))
    }
}

extension StripSiteChromeTests {
    /// Fandom's mobile skin: the account links under the community's name (two or more in a
    /// row; `Register` alone is a word), the footer's properties and newer links within the
    /// footer's run, and the `View Full Site` link last.
    @Test func fandomMobileAccountLinksFooterPropertiesAndViewFullSite() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["日本の城 Wiki", "Sign In", "Register", "彦根城は、城である。", "Register", "天守は国宝である。", "Explore properties", "Fandom", "Muthead",
                "Fanatical", "GameSpot", "Follow Us", "Digital Services Act", "Global Sitemap", "View Full Site"])
        #expect(docs[0].paragraphs == ["日本の城 Wiki", "彦根城は、城である。", "Register", "天守は国宝である。"])
        #expect(context.removed["fandom.account"]?.count == 2)
        // `Fandom` goes as the brand line; the seven others as the footer's run.
        #expect(context.removed["fandom.footer"]?.count == 7)
        #expect(context.removed["fandom.view-site"]?.count == 1)
        let (lower, lowerContext) = try TestSupport.apply(stage, ["彦根城は、城である。", "View full site"])
        #expect(lower[0].paragraphs == ["彦根城は、城である。"] && lowerContext.removed["fandom.view-site-lower"]?.count == 1)
    }
}

extension StripSiteChromeTests {
    /// Vector 2022's message for a page with no other language versions, a sentence alone on
    /// the line under the title: chrome, and spelled among the rules' long menu spellings, so
    /// that the plain-text reader counts it as no text (the tagline under it starts no page).
    @Test func vectorNoLanguagesMessageIsChromeAndNoText() throws {
        let message = "ページのコンテンツが他言語でサポートされていません。"
        let (docs, context) = try TestSupport.apply(stage, ["洞爺湖", message, "洞爺湖(とうやこ)は、カルデラ湖である。"])
        #expect(docs[0].paragraphs == ["洞爺湖", "洞爺湖(とうやこ)は、カルデラ湖である。"])
        #expect(context.removed["wikipedia.no-languages"]?.count == 1)
        let rules = try TestSupport.chromeRules()
        #expect(rules.longMenuSpellings.contains(message))
        #expect(PageStartDetector(rules: rules).isLongMenuWord(message))
        // With a look-alike of ー, or in half-width katakana, it is still that menu line.
        #expect(PageStartDetector(rules: rules).isLongMenuWord("ページのコンテンツが他言語でサポ―トされていません。"))
        #expect(PageStartDetector(rules: rules).isLongMenuWord("ﾍﾟｰｼﾞのｺﾝﾃﾝﾂが他言語でｻﾎﾟｰﾄされていません。"))
        #expect(!PageStartDetector(rules: rules).isLongMenuWord("ページのコンテンツは他言語でも読める。"))
    }

    /// A page's end glued after its last paragraph (a scrape that joined the blocks): the
    /// paragraph stays, the share line and what follows it go, and the removal is counted. A
    /// line with no sentence before the match, and a comment's signature, still go whole.
    @Test func pageEndGluedAfterProseKeepsTheProse() throws {
        let share = "シェアボタン: このページをSNSに投稿するのに便利です。"
        let (docs, context) = try TestSupport.apply(stage, [
            "条約は1963年に結ばれた[1]。" + share,
            "関連項目" + share,
        ])
        #expect(docs[0].paragraphs == ["条約は1963年に結ばれた。"])
        #expect(context.removed["atwiki.share-button"]?.count == 2)
    }

    /// Wikipedia's portal box, also with a look-alike of ー or in half-width katakana; not a
    /// word that only starts like it.
    @Test func portalBoxesWhateverTheirLongVowelMark() {
        #expect(StripSiteChrome.isPortalBox("ポータル 鉄道"))
        #expect(StripSiteChrome.isPortalBox("ポ―タル 鉄道 ポ―タル 交通"))
        #expect(StripSiteChrome.isPortalBox("ﾎﾟｰﾀﾙ 鉄道"))
        #expect(!StripSiteChrome.isPortalBox("ポータルサイト"))
        #expect(!StripSiteChrome.isPortalBox("ポ―タルサイトの一覧 です"))
    }
}

extension StripSiteChromeTests {
    /// DokuWiki's page id under the breadcrumbs (`next-line: drop-page-id`) is chrome; a title
    /// line or a sentence there is not, and the id takes no second line with it.
    @Test func dokuwikiPageIDUnderTheBreadcrumbsIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["トレース: • start • aso", "kyushu:sakurajima", "sakurajima", "桜島", "桜島(さくらじま)は、活火山である。"])
        #expect(docs[0].paragraphs == ["sakurajima", "桜島", "桜島(さくらじま)は、活火山である。"])
        #expect(context.removed["dokuwiki.trace"]?.count == 2)
        let (kept, _) = try TestSupport.apply(stage, ["現在位置: 火山の学習ノート » 桜島", "桜島", "桜島(さくらじま)は、活火山である。"])
        #expect(kept[0].paragraphs == ["桜島", "桜島(さくらじま)は、活火山である。"])
        for id in ["start", "wiki:syntax", "ns:page_name", "九州:桜島", "a.b-c_1"] { #expect(StripSiteChrome.isPageID(id), "\(id)") }
        for not in ["桜島", "Start", "12:30", "wiki: syntax", "ノート:桜島。", "https://example.jp/", ":start", ""] {
            #expect(!StripSiteChrome.isPageID(not), "\(not)")
        }
    }

    /// GROWI's parent path over the title line, above the author info (`path-over-title: drop`),
    /// is chrome; a path-like line anywhere else is text.
    @Test func growiPagePathOverTheTitleLineIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["/趣味/写真", "一眼レフ", "作成者: tanaka", "一眼レフは、カメラの一種である。", "/etc/hosts", "設定はここに書く。"])
        #expect(docs[0].paragraphs == ["一眼レフ", "一眼レフは、カメラの一種である。", "/etc/hosts", "設定はここに書く。"])
        #expect(context.removed["growi.created-by"]?.count == 2)
        for path in ["/火山/", "/趣味/写真", "/a"] { #expect(StripSiteChrome.isPagePath(path), "\(path)") }
        for not in ["/", "//example.jp/a", "/趣味 /写真", "火山/", "/火山//桜島", "/火山。"] { #expect(!StripSiteChrome.isPagePath(not), "\(not)") }
    }

    /// Seesaa's `最終更新： …` glued to the page's first heading is the page's header (cut, a
    /// page start), not Wikipedia mobile's footer `最終更新: …` that would take the line whole
    /// as a page end; a date that a list of pages glues before another page's preview is cut
    /// and the preview stays, while a metadata line of its own still goes whole.
    @Test func aHeaderCutBeforeTextWinsOverAWholeLineFooterRule() throws {
        let (docs, context) = try TestSupport.apply(stage, ["熊本の石橋", "最終更新： 2024年03月10日(日) 14:05:22概要", "熊本の石橋は、石造りの橋である。"])
        #expect(docs.flatMap(\.paragraphs).contains("概要"))
        #expect(context.removed["seesaa.last-modified"]?.count == 1 && context.removed["wikipedia.mobile-last-modified"] == nil)
        let (mobile, _) = try TestSupport.apply(stage, ["本文である。", "最終更新: 2024年10月6日 (日) 10:00"])
        #expect(mobile[0].paragraphs == ["本文である。"])
        let (previews, dated) = try TestSupport.apply(stage, [
            "本文である。", "更新日：2024年05月01日 霊台橋は、熊本県の石橋である。緑川に架かる...", "更新日: 2024/05/01 眼鏡橋は長崎市の石橋...",
            "更新日: 2024/05/02",
        ])
        #expect(previews.flatMap(\.paragraphs) == ["本文である。", "霊台橋は、熊本県の石橋である。緑川に架かる...", "眼鏡橋は長崎市の石橋..."])
        #expect(dated.removed["generic.updated-date"]?.count == 1 && dated.removed["generic.updated-date-slashes"]?.count == 1)
        #expect(dated.removed["generic.updated"]?.count == 1)
    }
}

extension StripSiteChromeTests {
    /// Fandom's older skin and the mobile skin put a plain `編集` link after every heading
    /// (community.fandom.com/ja ヘルプ:Fandom, `全般 編集`). A heading that is also a menu word,
    /// alone between text lines, stays text for split-headings; the same two words among menu
    /// lines, or a longer tab row, are still a menu.
    @Test func aMenuWordWithThePlainEditLinkBetweenTextLinesIsAHeading() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["よくある質問はこちらからご覧ください。", "全般 編集", "Fandomとは何ですか? 編集", "その他 編集", "城の一覧である。"])
        #expect(docs[0].paragraphs == ["よくある質問はこちらからご覧ください。", "全般 編集", "Fandomとは何ですか? 編集", "その他 編集", "城の一覧である。"])
        #expect(context.removed["wikipedia.vector-menu"] == nil)
        let (menu, menuContext) = try TestSupport.apply(stage, ["ページ", "ノート", "閲覧 編集", "履歴表示", "本文である。"])
        #expect(menu[0].paragraphs == ["本文である。"])
        #expect(menuContext.removed["wikipedia.vector-menu"]?.count == 4)
        let (row, _) = try TestSupport.apply(stage, ["本文である。", "閲覧 編集 履歴表示", "次の本文である。"])
        #expect(row[0].paragraphs == ["本文である。", "次の本文である。"])
    }

    /// Community Central's translation banner over its help pages, and its link to the English
    /// original (`原文 : w:Help:Fandom`).
    @Test func fandomTranslationBannerIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["このヘルプには翻訳されていないコンテンツがあります。どなたでも翻訳にご協力いただくことができます。", "原文 : w:Help:Fandom",
                    "このヘルプには更新、または翻訳されていないコンテンツがあります。どなたでも翻訳にご協力いただくことができます。",
                    "原文 : w:help:Wiki Rules and Blocking Policy", "原文を読むと、翻訳されていない部分がわかる。"])
        #expect(docs[0].paragraphs == ["原文を読むと、翻訳されていない部分がわかる。"])
        #expect(context.removed["fandom.translation-notice"]?.count == 2)
        #expect(context.removed["fandom.translation-source"]?.count == 2)
    }
}

extension StripSiteChromeTests {
    /// ピクシブ百科事典's page about ニコニコ大百科 (and its history view) heads it with the title
    /// over its hiragana reading: a whole-line rule for nicopedia's logo text does not take a
    /// line that stands over its own reading; over anything else it still goes.
    @Test func aSiteNameLineOverItsOwnReadingIsThePageTitle() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["ニコニコ大百科", "にこにこだいひゃっか", "ニコニコ大百科とは、オンライン百科事典である。"])
        #expect(docs[0].paragraphs == ["ニコニコ大百科", "にこにこだいひゃっか", "ニコニコ大百科とは、オンライン百科事典である。"])
        #expect(context.removed["nicovideo.site-name"] == nil)
        let (logo, logoContext) = try TestSupport.apply(stage, ["ニコニコ大百科", "ログイン", "初音ミクとは、歌声合成ソフトである。"])
        #expect(!logo[0].paragraphs.contains("ニコニコ大百科"))
        #expect(logoContext.removed["nicovideo.site-name"]?.count == 1)
        // A brand with no kana or kanji is never a title read so (`Fandom` over `ヘルプ`).
        let (brand, _) = try TestSupport.apply(stage, ["Fandom", "へるぷ", "本文である。"])
        #expect(!brand[0].paragraphs.contains("Fandom"))
    }
}

extension StripSiteChromeTests {
    /// atwiki's header scraped one item a line (the logo's alt text, the dropdowns' items with
    /// their list bullets, which rejoin-lines takes off a text dump's indented list, the wiki's
    /// own bar): a menu, whatever the wiki's name between.
    @Test func atwikiHeaderMenuScrapedOneItemALineIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["atwiki-logo", "新規作成", "新規ページ作成", "このページをコピーして新規ページ作成", "編集",
                    "ページ編集(簡易版)", "最新版変更点(差分)", "このウィキの更新情報RSS", "ページ検索 メニュー", "灯台研究所",
                    "広告なしオファー", "目安箱バナー", "登録/ログイン", "広告非表示(β版)", "灯台は、航路標識である。"])
        #expect(docs[0].paragraphs == ["灯台研究所", "灯台は、航路標識である。"])
        #expect((context.removed["atwiki.menu"]?.count ?? 0) >= 12)
    }

    /// アニヲタWiki(仮)'s header under every page's title: registered, updated, reading time.
    @Test func aniwotaPageHeaderIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["灯台(航路標識)", "登録日:2016/10/27 Thu 14:35:50", "更新日:2025/02/01 Sat 13:54:27", "所要時間:約 19 分で読めます",
                    "ここでは、灯台について解説する。", "登録日は申込書に書く。"])
        #expect(docs[0].paragraphs == ["灯台(航路標識)", "ここでは、灯台について解説する。", "登録日は申込書に書く。"])
        #expect(context.removed["aniwota.registered"]?.count == 1)
        #expect(context.removed["aniwota.reading-time"]?.count == 1)
    }

    /// Uncyclopedia's tagline under the title, and the jump links of older MediaWiki versions
    /// (`移動: 案内, 検索`, `移動: ナビゲーション, 検索`).
    @Test func uncyclopediaTaglineAndOlderJumpLinksAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["アンサイクロポテト", "出典: へっぽこ実験ウィキ『八百科事典(アンサイクロペディア)』", "移動: 案内, 検索",
                    "アンサイクロポテトとは、ロゴである。", "移動: ナビゲーション, 検索"])
        #expect(docs[0].paragraphs == ["アンサイクロポテト", "アンサイクロポテトとは、ロゴである。"])
        #expect(context.removed["mediawiki.tagline-cited-wiki"]?.count == 1)
        #expect(context.removed["mediawiki.jump-to-short"]?.count == 1)
        #expect(context.removed["mediawiki.jump-to-old"]?.count == 1)
    }

    /// FreeStyleWiki's menu bar over the page: the plugins' menu words on one line.
    @Test func freeStyleWikiMenuBarIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["トップ 新規 編集 差分 一覧 ソース 検索 ヘルプ PDF RSS ログイン", "ひとりwiki", "wikiは皆で編集できるのがウリである。"])
        #expect(docs[0].paragraphs == ["ひとりwiki", "wikiは皆で編集できるのがウリである。"])
        #expect(context.removed["fswiki.menu"]?.count == 1)
    }

    /// An older MediaWiki's diff view (`(版間での差分)` under the title and tagline, `9 行: 9 行:`)
    /// shows wikitext rows, not the page: the whole page is chrome; its footer lines too.
    @Test func olderMediaWikiDiffViewAndFooterAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["環境", "提供:Terraria Japan Wiki", "(版間での差分)", "移動: 案内, 検索", "(要約)", "9 行: 9 行:", "==環境==", "-",
                    "条件を書いた。", "+", "条件を書き直した。"])
        #expect(docs[0].paragraphs.isEmpty)
        #expect(context.removed["mediawiki.diff-subtitle-old"] != nil)
        let (footer, _) = try TestSupport.apply(
            stage, ["松本城は、長野県の城である。", "「http://example.jp/w/index.php?title=X&oldid=1」より作成",
                    "このページの最終更新は 2011年5月3日 (火) 14:20 に行われました。"])
        #expect(footer[0].paragraphs == ["松本城は、長野県の城である。"])
    }

    /// A contents list of bare names over headings that carry PukiWiki's paragraph-edit link
    /// (`種類 Edit`) or older MediaWiki's leading edit link (`[編集] 種類`) is the page's TOC;
    /// a `目次` line whose entries a scrape lost, right over the first marked heading, is its title.
    @Test func contentsOverHeadingsWithOtherEditLinksAreChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["軌間とは、レールの間隔である。", "目次", "種類", "模型の縮尺", "種類 Edit", "標準軌は1435mmである。", "模型の縮尺 Edit", "Nゲージは1/150である。"])
        #expect(docs[0].paragraphs == ["軌間とは、レールの間隔である。", "種類 Edit", "標準軌は1435mmである。", "模型の縮尺 Edit", "Nゲージは1/150である。"])
        #expect(context.removed["generic.toc"]?.count ?? 0 >= 2)
        let (old, _) = try TestSupport.apply(
            stage, ["松本城は、長野県の城である。", "目次", "歴史", "天守", "[編集] 歴史", "1504年に築かれた。", "[編集] 天守", "五重六階である。"])
        #expect(old[0].paragraphs == ["松本城は、長野県の城である。", "[編集] 歴史", "1504年に築かれた。", "[編集] 天守", "五重六階である。"])
        let (lone, _) = try TestSupport.apply(
            stage, ["Terrariaは、2Dアクションゲームです。", "目次", "[編集] ゲームを起動してから", "マウスとキーボードで操作します。"])
        #expect(lone[0].paragraphs == ["Terrariaは、2Dアクションゲームです。", "[編集] ゲームを起動してから", "マウスとキーボードで操作します。"])
        // Over a section word alone (its anchor lost too) and the section's first line.
        let (bare, _) = try TestSupport.apply(
            stage, ["攻略wikiとは、wikiを使う攻略サイトである。", "目次", "概要", "• 正確にいうと、ウィキ記法を用いる攻略サイトが、"])
        #expect(bare[0].paragraphs == ["攻略wikiとは、wikiを使う攻略サイトである。", "概要", "• 正確にいうと、ウィキ記法を用いる攻略サイトが、"])
        // Over a run of section words (the entries themselves), it stays for the lists' rules.
        let (run, _) = try TestSupport.apply(stage, ["本文である。", "目次", "概要", "歴史", "本文の続きである。"])
        #expect(run[0].paragraphs.contains("目次"))
        // A `目次` line over text stays (no heading under it says it is the box's title).
        let (prose, _) = try TestSupport.apply(stage, ["本の構成を説明する。", "目次", "本文の前に置かれる一覧である。"])
        #expect(prose[0].paragraphs.contains("目次"))
    }

    /// Cosense (Scrapbox) icons scraped as their link path, glued after a line's text.
    @Test func scrapboxIconPathIsCut() throws {
        let (docs, context) = try TestSupport.apply(stage, ["Scrapboxのここが好き", "だから新鮮に感じるのかな/icons/うーん.icon", "軽い"])
        #expect(docs[0].paragraphs == ["Scrapboxのここが好き", "だから新鮮に感じるのかな", "軽い"])
        #expect(context.removed["scrapbox.icon"]?.count == 1)
    }

    /// Unionpedia's frame around a concept: the header (logo, site name, menu word, app banner),
    /// `索引 <concept>`, `<n> 関係: <names>` under the lead and the connector `新しい!!: XとY · 続きを見る »`
    /// under each related concept's preview.
    @Test func unionpediaFrameIsChrome() throws {
        let (docs, context) = try TestSupport.apply(
            stage, ["ロゴ", "ユニオンペディア", "コミュニケーション", "Google Play で手に入れよう",
                    "新しい! あなたのAndroid™デバイスでユニオンペディアをダウンロードしてください!", "ダウンロード",
                    "ブラウザよりも高速アクセス!", "讃岐弁", "索引 讃岐弁",
                    "讃岐弁(さぬきべん)は、香川県で話される日本語の方言である。.", "21 関係: 香川県四国方言高松市",
                    "香川県", "香川県(かがわけん)は、日本の四国地方に位置する県。.", "新しい!!: 讃岐弁と香川県 · 続きを見る »"])
        #expect(docs[0].paragraphs == ["讃岐弁", "讃岐弁(さぬきべん)は、香川県で話される日本語の方言である。.", "香川県",
                                       "香川県(かがわけん)は、日本の四国地方に位置する県。."])
        // The site's name with the logo over it and the menu word under it; the banner with its button.
        #expect(context.removed["unionpedia.site-name"]?.count == 3)
        #expect(context.removed["unionpedia.app-banner"]?.count == 2)
        for id in ["unionpedia.app-banner-tagline", "googleplay.badge", "unionpedia.index", "unionpedia.relations", "unionpedia.connector"] {
            #expect(context.removed[id]?.count == 1, "\(id)")
        }
        // `索引` over prose, or a count of relations in a sentence, stays.
        let (prose, _) = try TestSupport.apply(stage, ["索引", "本の巻末に置かれる一覧である。", "この2つの関係: 親子である。"])
        #expect(prose[0].paragraphs == ["索引", "本の巻末に置かれる一覧である。", "この2つの関係: 親子である。"])
    }

    /// A whole Unionpedia page: the concept's own lead is an article under its name; each related
    /// concept's preview (its name, its lead) is a document of its own, not the concept's text.
    @Test func unionpediaPageKeepsTheConceptApartFromItsRelations() throws {
        let path = TestSupport.write([
            "ロゴ", "ユニオンペディア", "コミュニケーション", "Google Play で手に入れよう",
            "新しい! あなたのAndroid™デバイスでユニオンペディアをダウンロードしてください!", "ダウンロード", "ブラウザよりも高速アクセス!", " ", "",
            "讃岐弁", "", "索引 讃岐弁", "", "讃岐弁(さぬきべん)は、香川県で話される日本語の方言である。四国方言に属する。.", "",
            "21 関係: 香川県四国方言高松市", "", "香川県", "", "香川県(かがわけん)は、日本の四国地方に位置する県。.", "",
            "新しい!!: 讃岐弁と香川県 · 続きを見る »", "", "四国方言", "", "四国方言(しこくほうげん)は、四国地方で話される日本語の方言の総称である。.",
            "", "新しい!!: 讃岐弁と四国方言 · 続きを見る »",
        ].joined(separator: "\n"))
        let docs = try TestSupport.run(try TestSupport.defaultPipeline(), path: path).docs
        let objects = try docs.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["title"] as? String } == ["讃岐弁", "香川県", "四国方言"])
        #expect(!docs.contains("関係:") && !docs.contains("索引") && !docs.contains("続きを見る") && !docs.contains("ユニオンペディア"))
        #expect((objects.first?["text"] as? String)?.contains("香川県(かがわけん)") == false)
    }
}

extension StripSiteChromeTests {
    /// An infobox scraped one row a line between the tagline and the lead, with no
    /// `テンプレートを表示` to close it (Weblio's copies drop the link), goes as infobox chrome,
    /// the quotation it shows too; the lead opens with the title line. Where the lines between
    /// the tagline and a paragraph that opens with the title are mostly sentences (the body
    /// before a later paragraph names the title), nothing goes.
    @Test func anInfoboxBetweenTheTaglineAndTheLeadGoes() throws {
        let title = "新世界訳聖書"
        let tagline = "出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2025/09/27 16:04 UTC 版)"
        let rows = ["新世界訳聖書", "正式名称 New World Translation of the Holy Scriptures", "略称 NWT", "言語 300言語", "出版時期", "1950年",
                    "神は言った。「光よ、輝け」。すると光が輝いた。", "教派 エホバの証人"]
        let lead = "新世界訳聖書(しんせかいやくせいしょ)は、英語訳聖書またはその重訳。日本語訳全巻の合本発行は1982年。"
        let docs = try TestSupport.documents([title, tagline] + rows + [lead, "概要", "原書である英語版は1950年から分冊で発表された。"])
        #expect(docs.count == 1)
        let text = try #require(docs.first?["text"] as? String)
        #expect(text.hasPrefix("新世界訳聖書(しんせかいやくせいしょ)は、"))
        #expect(!text.contains("NWT") && !text.contains("光よ"))
        #expect(docs.first?["title"] as? String == title)

        let body = ["1962年10月、アメリカは偵察機の写真でミサイル基地を見つけた。", "政府は会議を開いた。", "海上封鎖が決まった。",
                    "ソ連は反発した。", "新世界訳聖書は、この間も配られた。"]
        let prose = try TestSupport.documents([title, tagline] + body)
        let proseText = try #require(prose.first?["text"] as? String)
        #expect(proseText.contains("偵察機の写真") && proseText.contains("海上封鎖が決まった。"))
    }
}

extension StripSiteChromeTests {
    /// Over an infobox closed by `テンプレートを表示`, the box's header (the page's title once
    /// more) and its photo's caption, which holds a sentence end the rows never do: the header
    /// is infobox chrome and the line a caption (the mobile skin shows the box under the lead).
    /// A line with a sentence end over the box under any other line stays.
    @Test func anInfoboxsHeaderAndPhotoCaptionOverItsRows() throws {
        let lead = "日本語の表記体系(にほんごのひょうきたいけい)では、日本語を文字によって表記する方法について解説する。"
        let caption = "縦書きの漢字仮名交じり文で書かれた小説。漢字には振り仮名が振られている。"
        let rows = ["類型: 表意文字と音節文字の併用", "言語: 日本語", "時期: 4世紀 - 現在", "テンプレートを表示"]
        let docs = try TestSupport.documents([lead, "日本語の表記体系", caption] + rows + ["概要 編集", "現代の日本語では、主に3種類の文字体系が用いられる。"])
        #expect(docs.first?["captions"] as? [String] == [caption])
        let text = try #require(docs.first?["text"] as? String)
        #expect(text.split(separator: "\n").first.map(String.init) == lead)
        #expect(!text.contains("振り仮名が振られている"))

        let other = try TestSupport.documents([lead, "別の段落の見出し", caption] + rows + ["概要 編集", "現代の日本語では、主に3種類の文字体系が用いられる。"])
        #expect(try #require(other.first?["text"] as? String).contains("振り仮名が振られている"))
    }
}

extension StripSiteChromeTests {
    /// An infobox flattened one row a line (Weblio's copy) with its image's caption under the
    /// box's header: the caption is the page's, the rows chrome; a row whose value is a date
    /// with its era (`設立 1947年(昭和22年)`, `竣工1988年(昭和63年)`) stays a row.
    @Test func anInfoboxImageCaptionInsideItsRun() throws {
        let (docs, context) = try TestSupport.apply(stage, [
            "任天堂株式会社", "Nintendo Co., Ltd.", "任天堂本社(2013年)", "種類 株式会社", "設立 1947年(昭和22年)", "竣工1959年(昭和34年)",
            "テンプレートを表示", "任天堂株式会社(にんてんどう)は、日本の企業。",
        ])
        let blocks = docs[0].blocks
        #expect(blocks.filter { $0.role == .caption }.map(\.text) == ["任天堂本社(2013年)"])
        #expect(blocks.filter { $0.role == .paragraph }.map(\.text) == ["任天堂株式会社(にんてんどう)は、日本の企業。"])
        #expect(context.removed["wikipedia.infobox"]?.count == 6)
        #expect(StripSiteChrome.isInfoboxImageCaption("任天堂本社(2013年)"))
        #expect(!StripSiteChrome.isInfoboxImageCaption("開業 1988年(昭和63年)"))
        #expect(!StripSiteChrome.isInfoboxImageCaption("竣工1988年(昭和63年)"))
        #expect(!StripSiteChrome.isInfoboxImageCaption("『こゝろ』(1914年)"))
        // Works the box lists, each with its year, are its rows, not captions.
        let (works, _) = try TestSupport.apply(stage, [
            "夏目漱石", "職業", "小説家", "代表作", "河童図鑑(1905年)", "坊ちゃん日記(1906年)", "門前町(1910年)", "テンプレートを表示",
            "夏目漱石(なつめそうせき)は、日本の小説家。",
        ])
        #expect(works[0].captions.isEmpty)
    }
}
