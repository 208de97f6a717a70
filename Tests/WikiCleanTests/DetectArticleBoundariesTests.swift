import Testing
@testable import WikiClean

@Suite struct DetectArticleBoundariesTests {
    let stage = DetectArticleBoundaries()

    private func page(_ blocks: [Block]) -> Document {
        Document(id: "t.txt:1", kind: .page, blocks: blocks, source: SourceLocation(input: "t.txt", lineStart: 1, lineEnd: blocks.count))
    }

    private func run(_ blocks: [Block], stage: DetectArticleBoundaries? = nil) throws -> ([Document], StageContext) {
        var context = StageContext(stage: "detect-boundaries")
        let docs = (stage ?? self.stage).apply(to: page(blocks), context: &context)
        return (docs, context)
    }

    /// One context over many pages (as a worker's, whose arrays detect-boundaries keeps from
    /// page to page) gives each page the documents and figures a fresh context gives it, in
    /// any order of pages (a long page before short ones and after them).
    @Test func contextReusedAcrossPagesChangesNothing() throws {
        let long = Self.articleThenPreviews + [
            Block(role: .chrome, text: "メニュー", line: 7, rule: "menu"),
            .paragraph("薬師寺", line: 8), .paragraph("薬師寺(やくしじ)は、奈良市にある寺院…", line: 9),
        ]
        let pages: [[Block]] = [
            long, [.paragraph("高月北は、大阪府泉北郡忠岡町の地名。...", line: 1)], [],
            [Block(role: .chrome, text: "メニュー", line: 1, rule: "menu"), .paragraph("東京(とうきょう)は、日本の首都。", line: 2)], long,
        ]
        for order in [pages, pages.reversed()] {
            var shared = StageContext(stage: "detect-boundaries")
            var removed: [String: StageContext.Tally] = [:]
            var outside: [String: Int] = [:]
            for blocks in order {
                let docs = stage.apply(to: page(blocks), context: &shared)
                let (fresh, context) = try run(blocks)
                #expect(docs == fresh)
                removed.merge(context.removed) { StageContext.Tally(count: $0.count + $1.count, characters: $0.characters + $1.characters) }
                outside.merge(context.linesOutside, uniquingKeysWith: +)
            }
            #expect(shared.removed == removed)
            #expect(shared.linesOutside == outside)
        }
    }

    /// An article, a page end, then two previews.
    static let articleThenPreviews: [Block] = [
        Block(role: .chrome, text: "左メニュー", line: 1, rule: "atwiki.left-menu-heading", signal: .pageStart),
        .paragraph("キューバ危機(キューバきき、英: Cuban Missile Crisis)は、1962年の出来事。", line: 2),
        .heading("背景", line: 3), .paragraph("冷戦の時代であった。", line: 3),
        Block(role: .chrome, text: "シェアボタン", line: 4, rule: "atwiki.share-button", signal: .pageEnd),
        .paragraph("鼻葉(びよう)とは、小型のコウモリで発達している鼻のまわりのひだ...", line: 5),
        .paragraph("『魏略』(ぎりゃく)は、中国三国時代の歴史書。著者は...", line: 6),
    ]

    @Test func articleThenPreviewsAfterAPageEnd() throws {
        let (docs, context) = try run(Self.articleThenPreviews)
        #expect(docs.map(\.kind) == [.article, .fragment, .fragment])
        #expect(docs.map(\.title) == ["キューバ危機", "鼻葉", "魏略"])
        #expect(docs.map(\.reading) == ["キューバきき", "びよう", "ぎりゃく"])
        #expect(docs.map(\.truncated) == [false, true, true])
        #expect(docs[1].paragraphs == ["鼻葉(びよう)とは、小型のコウモリで発達している鼻のまわりのひだ"])
        #expect(docs.map(\.id) == ["t.txt:2", "t.txt:5", "t.txt:6"])
        #expect(docs[0].source.lineStart == 2 && docs[0].source.lineEnd == 3)
        #expect(context.linesOutside.values.reduce(0, +) == 2)
    }

    @Test func titleWithoutReadingAndNoTitle() throws {
        let (docs, _) = try run([
            .paragraph("高月北は、大阪府泉北郡忠岡町の地名。...", line: 1),
            .paragraph("『天装戦隊ゴセイジャー』と言う番組における戦闘員で...", line: 2),
        ])
        #expect(docs.map(\.title) == ["高月北", nil])
        #expect(docs.map(\.reading) == [nil, nil])
    }

    @Test func previewThatIsAnInfoboxTakesItsHeaderAsTitle() throws {
        let (docs, _) = try run([
            .paragraph("高杉晋作高杉晋作通称東行生年天保10年8月20日(...", line: 1),
            .paragraph("黄巾の乱赤が黄巾の乱が発生した地域(184年)戦争:黄巾の乱年月日:184年場所:中国全土...", line: 2),
            .paragraph("高知大学教育学部附属中学校過去の名称高知県師範学校附属小学校...", line: 3),
            // A compound's, a football club's and an album's infobox (chembox `IUPAC名`,
            // `原語表記`, the album's `『名』アーティスト の スタジオ・アルバム`).
            .paragraph("塩化ナトリウムIUPAC名塩化ナトリウム別称食塩識別情報CAS登録番号7647-14-5特性化学式NaCl...", line: 4),
            .paragraph("南浜SC原語表記南浜スポーツクラブ愛称ミナミ クラブカラー 緑創設年1972年...", line: 5),
            .paragraph("『青い港』港浜バンド の スタジオ・アルバムリリース2001年6月6日録音2000年ジャンルロック...", line: 6),
        ])
        #expect(docs.map(\.title) == ["高杉晋作", "黄巾の乱", "高知大学教育学部附属中学校", "塩化ナトリウム", "南浜SC", "青い港"])
        #expect(docs.allSatisfy { $0.paragraphs.isEmpty })
        #expect(docs[1].captions == ["赤が黄巾の乱が発生した地域(184年)"])
    }

    @Test func navboxResidueAfterTheLastSentenceOfAPreview() throws {
        let (docs, _) = try run([.paragraph("高齢者虐待(こうれいしゃぎゃくたい)とは、虐待行為である。人間関係種類ボーイフレンドブロマンス同棲側...", line: 1)])
        #expect(docs[0].paragraphs == ["高齢者虐待(こうれいしゃぎゃくたい)とは、虐待行為である。"])
    }

    @Test func aSecondLeadStartsASecondArticle() throws {
        let (docs, _) = try run([
            .paragraph("淡路島(あわじしま)は、瀬戸内海の島である。", line: 1),
            .paragraph("古代には御食国とされた。", line: 2),
            .paragraph("小豆島(しょうどしま)は、香川県の島である。", line: 3),
            .paragraph("オリーブで知られる。", line: 4),
        ])
        #expect(docs.map(\.title) == ["淡路島", "小豆島"])
        #expect(docs.map(\.kind) == [.article, .article])
    }

    /// The title from the title line over the tagline, and the lead that names it under the
    /// lead photo's caption (a sentence, so not told from text): the lead's reading is the
    /// page's. A lead that names something else gives none.
    @Test func theReadingComesFromTheLeadThatNamesTheTitleUnderACaption() throws {
        let tagline = Block(role: .chrome, text: "出典: フリー百科事典『ウィキペディア(Wikipedia)』", line: 2, rule: "wikipedia.tagline", signal: .pageStart)
        let (docs, _) = try run([
            .paragraph("インターネット百科事典", line: 1), tagline, .paragraph("インターネット百科事典。ネット経由で閲覧する。", line: 3),
            .paragraph("インターネット百科事典(インターネットひゃっかじてん)は、デジタル百科事典である。", line: 4),
        ])
        #expect(docs.count == 1)
        #expect(docs[0].title == "インターネット百科事典" && docs[0].reading == "インターネットひゃっかじてん")
        let (other, _) = try run([
            .paragraph("インターネット百科事典", line: 1), tagline, .paragraph("インターネット百科事典。ネット経由で閲覧する。", line: 3),
            .paragraph("オンライン百科事典(オンラインひゃっかじてん)は、別の呼び名である。", line: 4),
        ])
        #expect(other[0].title == "インターネット百科事典" && other[0].reading == nil)
    }

    @Test func titleLineBeforeTheLeadIsDropped() throws {
        let (docs, context) = try run([.paragraph("鳴門海峡", line: 1), .paragraph("鳴門海峡(なるとかいきょう)は、海峡である。", line: 2)])
        #expect(docs[0].paragraphs == ["鳴門海峡(なるとかいきょう)は、海峡である。"])
        #expect(context.removed["title-line"]?.count == 1)
    }

    /// The mobile skin's header: the title line, the short description under it, then the
    /// lead that names the title. Both lines are header; a sentence under the title is not a
    /// description, nor is a line over a lead that names something else.
    /// A disambiguation page in the mobile skin: the title line carries the page name's
    /// qualifier, the description under it says what the page is, and the lead names the
    /// title without the qualifier (`額(ひたい)`); another name in the parentheses is no match.
    @Test func qualifiedTitleLineWithAShortDescriptionUnderIt() throws {
        let (docs, context) = try run([
            .paragraph("額 (曖昧さ回避)", line: 1), .paragraph("ウィキメディアの曖昧さ回避ページ", line: 2), .paragraph("額(ひたい)", line: 3),
            .paragraph("ヒトの顔の一部。おでこ。", line: 4),
        ])
        #expect(docs.count == 1)
        #expect(docs[0].title == "額" && docs[0].reading == "ひたい")
        #expect(docs[0].paragraphs == ["額(ひたい)", "ヒトの顔の一部。おでこ。"])
        #expect(context.removed["wikipedia.short-description"]?.count == 1)
        #expect(DetectArticleBoundaries.isQualifiedName("額 (曖昧さ回避)", of: "額"))
        #expect(!DetectArticleBoundaries.isQualifiedName("額田 (曖昧さ回避)", of: "額"))
        #expect(!DetectArticleBoundaries.isQualifiedName("額(ひたい)", of: "額"))
    }

    @Test func titleLineWithAShortDescriptionUnderIt() throws {
        let (docs, context) = try run([
            .paragraph("日本語の表記体系", line: 1), .paragraph("日本語文章表記の体系", line: 2),
            .paragraph("日本語の表記体系(にほんごのひょうきたいけい)では、日本語を文字によって表記する方法について解説する。", line: 3),
            .heading("概要", line: 4), .paragraph("三種類の文字体系が用いられる。", line: 5),
        ])
        #expect(docs.count == 1)
        #expect(docs[0].title == "日本語の表記体系" && docs[0].reading == "にほんごのひょうきたいけい")
        #expect(docs[0].paragraphs.first?.hasPrefix("日本語の表記体系(") == true)
        #expect(context.removed["title-line"]?.count == 1 && context.removed["wikipedia.short-description"]?.count == 1)
        let (sentence, _) = try run([
            .paragraph("富士山", line: 1), .paragraph("日本一の山である。", line: 2), .paragraph("富士山(ふじさん)は、山である。", line: 3),
        ])
        #expect(sentence[0].paragraphs.contains("日本一の山である。"))
        let (other, otherContext) = try run([
            .paragraph("富士山", line: 1), .paragraph("日本最高峰の山", line: 2), .paragraph("浅間山(あさまやま)は、山である。", line: 3),
        ])
        #expect(other.flatMap(\.paragraphs).contains("日本最高峰の山"))
        #expect(otherContext.removed["wikipedia.short-description"] == nil)
        // Under a desktop skin's tagline, the line over the lead is the lead photo's caption.
        let tagline = Block(role: .chrome, text: "出典: フリー百科事典『ウィキペディア(Wikipedia)』", line: 2, rule: "wikipedia.tagline", signal: .pageStart)
        let (desktop, desktopContext) = try run([
            .paragraph("富士山", line: 1), tagline, .paragraph("山中湖から見た富士山", line: 3), .paragraph("富士山(ふじさん)は、山である。", line: 4),
        ])
        #expect(desktop[0].title == "富士山" && desktopContext.removed["wikipedia.short-description"] == nil)
        #expect(desktop[0].blocks.contains { $0.text == "山中湖から見た富士山" })
    }

    @Test func titleLineWithAReadingLineUnderIt() throws {
        // ピクシブ百科事典's header: the title, its reading on the next line, then the body.
        let (docs, context) = try run([
            .paragraph("琵琶湖", line: 1), .paragraph("びわこ", line: 2), .paragraph("琵琶湖とは、滋賀県にある湖である。", line: 3),
        ])
        #expect(docs.count == 1)
        #expect(docs[0].title == "琵琶湖" && docs[0].reading == "びわこ")
        #expect(docs[0].paragraphs == ["琵琶湖とは、滋賀県にある湖である。"])
        #expect(context.removed["title-line"]?.count == 1 && context.removed["reading-line"]?.count == 1)
        // A title and a reading with no body after them are not a header: both stay as text.
        let (alone, _) = try run([.paragraph("琵琶湖", line: 1), .paragraph("びわこ", line: 2)])
        #expect(alone.flatMap(\.paragraphs) == ["琵琶湖", "びわこ"])
        // A sentence is not a title line.
        let (sentence, _) = try run([
            .paragraph("湖である。", line: 1), .paragraph("びわこ", line: 2), .paragraph("滋賀県にある湖である。", line: 3),
        ])
        #expect(sentence[0].reading == nil)
        // A title all in kana has no reading line: two kana words are menu items, not a header.
        let (kana, _) = try run([
            .paragraph("ゲーム", line: 1), .paragraph("アニメ", line: 2), .paragraph("スライムは、モンスターである。", line: 3),
        ])
        #expect(kana[0].title != "ゲーム" && kana[0].reading != "アニメ")
        // A title in katakana over its own sounds in hiragana is a header (ピクシブ百科事典).
        let (katakana, _) = try run([
            .paragraph("ピカチュウ", line: 1), .paragraph("ぴかちゅう", line: 2), .paragraph("ピカチュウは、ポケモンの一種である。", line: 3),
        ])
        #expect(katakana[0].title == "ピカチュウ" && katakana[0].reading == "ぴかちゅう")
        // A kana line that does not spell the title's own kana is no reading: the first heading
        // of a page whose headings lost their marks (a WIKIWIKI page scraped to text).
        let (heading, headingContext) = try run([
            .paragraph("編集をしてくださるみなさんへ", line: 1), .paragraph("はじめに", line: 2),
            .paragraph("このWikiは誰でも編集できます。", line: 3),
        ])
        #expect(heading[0].reading == nil)
        #expect(headingContext.removed["reading-line"] == nil)
        // Nor is one too short for the title's kanji (`さくら` under `日本の城一覧`).
        let (short, _) = try run([
            .paragraph("日本の城一覧", line: 1), .paragraph("さくら", line: 2), .paragraph("日本の城を一覧にする。", line: 3),
        ])
        #expect(short[0].reading == nil)
    }

    /// A page titled `Xとは` (an @wiki glossary page's name) over its lead `Xとは、…`: the
    /// title line goes and the title is the lead's; `Xとは` over a lead that names another
    /// page stays text.
    @Test func aTitleLineEndingInToWaOverItsLeadIsTheTitleLine() throws {
        let (docs, context) = try run([.paragraph("飛行機とは", line: 1), .paragraph("飛行機とは、翼の揚力で空を飛ぶ乗り物のことです。", line: 2)])
        #expect(docs.count == 1 && docs[0].title == "飛行機")
        #expect(docs[0].paragraphs == ["飛行機とは、翼の揚力で空を飛ぶ乗り物のことです。"])
        #expect(context.removed["title-line"]?.count == 1)
        #expect(DetectArticleBoundaries.isTitleLine("BitTorrentとは", title: "BitTorrent"))
        #expect(!DetectArticleBoundaries.isTitleLine("飛行機とは", title: "ヘリコプター"))
        #expect(!DetectArticleBoundaries.isTitleLine("飛行機とは何か", title: "飛行機"))
    }

    /// Fandom's mobile header: the community's name, then its account links and ad label as
    /// chrome lines, then the title line over the lead. The name goes as a header label
    /// though chrome stands between it and the title line.
    @Test func aWikisNameOverChromeAndTheTitleLineIsAHeaderLabel() throws {
        let chrome = { (text: String, line: Int) in Block(role: .chrome, text: text, line: line, rule: "fandom.account") }
        let (docs, context) = try run([
            .paragraph("日本の城 Wiki", line: 1), chrome("Sign In", 2), chrome("Register", 3), .paragraph("彦根城", line: 4),
            .paragraph("彦根城(ひこねじょう)は、滋賀県にある日本の城である。", line: 5),
        ])
        #expect(docs.count == 1)
        #expect(docs[0].title == "彦根城" && docs[0].reading == "ひこねじょう")
        #expect(docs[0].paragraphs == ["彦根城(ひこねじょう)は、滋賀県にある日本の城である。"])
        #expect(context.removed["header-label"]?.count == 1)
    }

    /// Two translated copies of English Wikipedia articles with no site chrome between them:
    /// the second page's h1 (a heading after the page before's last paragraph) stands right over
    /// its infobox title, which strip-chrome made chrome with the short description over it.
    @Test func aTitleLineOverItsInfoboxTitleStartsAPage() throws {
        let chrome = { (text: String, line: Int, rule: String) in Block(role: .chrome, text: text, line: line, rule: rule) }
        let (docs, _) = try run([
            .paragraph("富士山", line: 1), chrome("富士山", 2, "wikipedia.infobox"), .paragraph("富士山は、本州にある活火山です。", line: 3),
            .heading("歴史", line: 4), .paragraph("古くから信仰の対象とされてきました。", line: 5),
            .heading("姫路城", line: 6), chrome("日本の兵庫県にある城", 7, "wikipedia.short-description"), chrome("姫路城", 8, "wikipedia.infobox"),
            .paragraph("姫路城は、兵庫県姫路市にある日本の城です。", line: 9),
        ])
        #expect(docs.count == 2)
        #expect(docs.map(\.title) == ["富士山", "姫路城"])
        #expect(docs[1].paragraphs == ["姫路城は、兵庫県姫路市にある日本の城です。"] && docs[1].headings.isEmpty)
        // A heading over chrome that does not repeat it: a section of the same page.
        let (same, _) = try run([
            .paragraph("富士山は、本州にある活火山です。", line: 1), .heading("歴史", line: 2), chrome("テンプレートを表示", 3, "wikipedia.infobox"),
            .paragraph("古くから信仰の対象とされてきました。", line: 4),
        ])
        #expect(same.count == 1)
    }

    @Test func aCategoryInParenthesesBetweenATitleAndItsReadingIsAHeaderLabel() throws {
        // はてなブログ タグ's header: the keyword, its category in parentheses, its reading.
        let (docs, context) = try run([
            .paragraph("金閣寺", line: 1), .paragraph("(一般)", line: 2), .paragraph("きんかくじ", line: 3),
            .paragraph("京都市北区にある寺院、鹿苑寺の通称。", line: 4),
        ])
        #expect(docs.count == 1)
        #expect(docs[0].title == "金閣寺" && docs[0].reading == "きんかくじ")
        #expect(docs[0].paragraphs == ["京都市北区にある寺院、鹿苑寺の通称。"])
        #expect(context.removed["header-label"]?.count == 1 && context.removed["reading-line"]?.count == 1)
        // A parenthesised line that is not a label (a sentence), or no reading under it: kept.
        let (sentence, _) = try run([
            .paragraph("金閣寺", line: 1), .paragraph("(京都市北区にある。)", line: 2), .paragraph("きんかくじ", line: 3),
            .paragraph("京都市北区にある寺院、鹿苑寺の通称。", line: 4),
        ])
        #expect(sentence[0].paragraphs.contains("(京都市北区にある。)"))
        let (noReading, _) = try run([
            .paragraph("金閣寺", line: 1), .paragraph("(一般)", line: 2), .paragraph("京都市北区にある寺院、鹿苑寺の通称。", line: 3),
        ])
        #expect(noReading[0].paragraphs.contains("(一般)"))
    }

    @Test func aTitleShownTwiceWithALabelBetweenIsOneTitleLine() throws {
        // はてなキーワード's header: the keyword, its category, the keyword again over its reading.
        let (docs, context) = try run([
            .paragraph("琵琶湖", line: 1), .heading("地理", line: 2), .paragraph("琵琶湖", line: 3), .paragraph("びわこ", line: 4),
            .paragraph("滋賀県にある日本最大の湖。", line: 5),
        ])
        #expect(docs.count == 1)
        #expect(docs[0].title == "琵琶湖" && docs[0].reading == "びわこ")
        #expect(docs[0].paragraphs == ["滋賀県にある日本最大の湖。"] && docs[0].headings.isEmpty)
        #expect(context.removed["header-label"]?.count == 1 && context.removed["title-line"]?.count == 2)
        // The title twice over a lead that names it.
        let (twice, _) = try run([.paragraph("琵琶湖", line: 1), .paragraph("琵琶湖", line: 2), .paragraph("琵琶湖(びわこ)は、湖である。", line: 3)])
        #expect(twice[0].paragraphs == ["琵琶湖(びわこ)は、湖である。"] && twice[0].title == "琵琶湖")
        // A heading between a word and the same word again, over prose that does not name it: kept.
        let (prose, _) = try run([
            .paragraph("琵琶湖", line: 1), .heading("地理", line: 2), .paragraph("琵琶湖", line: 3), .paragraph("滋賀県にある湖である。", line: 4),
        ])
        #expect(prose[0].paragraphs == ["琵琶湖", "琵琶湖", "滋賀県にある湖である。"])
    }

    @Test func nicopediaTitleLineLosesItsArticleKindLabel() throws {
        // ニコニコ大百科's header `富士山 単語` (the space gone by normalization), reading under it.
        let (docs, _) = try run([
            .paragraph("富士山単語", line: 1), .paragraph("フジサン", line: 2), .paragraph("富士山とは、山である。", line: 3),
        ])
        #expect(docs[0].title == "富士山" && docs[0].reading == "フジサン")
        // A title that ends in the word, read with it, keeps it.
        let (word, _) = try run([
            .paragraph("英単語", line: 1), .paragraph("えいたんご", line: 2), .paragraph("英単語とは、英語の単語である。", line: 3),
        ])
        #expect(word[0].title == "英単語")
    }

    @Test func titleLineOverALeadThatOpensWithIt() throws {
        // `ゼルダの伝説は、…` does not read as a lead alone (の inside the title); the title line does.
        let (docs, context) = try run([
            .paragraph("ゼルダの伝説", line: 1), .paragraph("ゼルダの伝説は、任天堂のゲームである。", line: 2),
        ])
        #expect(docs[0].title == "ゼルダの伝説" && docs[0].reading == nil)
        #expect(docs[0].paragraphs == ["ゼルダの伝説は、任天堂のゲームである。"])
        #expect(context.removed["title-line"]?.count == 1)
        // A line the next one does not open with is not a title line.
        let (other, _) = try run([.paragraph("任天堂のゲーム", line: 1), .paragraph("ゼルダの伝説は、ゲームである。", line: 2)])
        #expect(other[0].title == nil)
    }

    @Test func titleLineThenFooterStyleMetadataThenItsLead() throws {
        // Seesaa / livedoor: the h1, `最終更新：…` on its own line (a line other skins put in
        // the footer), then the lead naming the h1: one article.
        let page: [Block] = [
            .paragraph("乳頭温泉郷", line: 1),
            Block(role: .chrome, text: "最終更新：2015年03月04日(水) 10:20:30", line: 2, rule: "generic.last-updated", signal: .pageEnd),
            .paragraph("乳頭温泉郷(にゅうとうおんせんきょう)は、秋田県にある温泉群である。", line: 3),
        ]
        let (docs, _) = try run(page)
        #expect(docs.count == 1 && docs[0].title == "乳頭温泉郷" && docs[0].source.lineStart == 1)
        #expect(docs[0].paragraphs == ["乳頭温泉郷(にゅうとうおんせんきょう)は、秋田県にある温泉群である。"])
        // After a footer, a line the next lead does not name still ends the article before it.
        var other = page
        other[0] = .paragraph("銀山温泉", line: 1)
        let (split, _) = try run(other)
        #expect(split.count == 2)
    }

    @Test func talkPageTitleLine() throws {
        // A talk page has no lead: its title line names it.
        let (docs, context) = try run([
            .paragraph("ノート:姫路城", line: 1), .heading("天守について", line: 2), .paragraph("出典を確認しました。", line: 3),
        ])
        #expect(docs.count == 1 && docs[0].title == "ノート:姫路城" && docs[0].reading == nil)
        #expect(docs[0].paragraphs == ["出典を確認しました。"])
        #expect(context.removed["title-line"]?.count == 1)
        let (user, _) = try run([.paragraph("利用者‐会話:Example", line: 1), .paragraph("ようこそ。", line: 2)])
        #expect(user[0].title == "利用者‐会話:Example")
        // Not a talk namespace, no page name, or nothing after it: left alone.
        for lines in [["カテゴリ:河川", "本文である。"], ["ノート:", "本文である。"], ["ノート:姫路城"], ["時刻表のノート:一覧", "本文である。"]] {
            let (other, _) = try run(lines.enumerated().map { .paragraph($1, line: $0 + 1) })
            #expect(other.allSatisfy { $0.title == nil }, "\(lines)")
        }
    }

    @Test func subpageTitleLineOverItsLead() throws {
        // ウィキブックス: a book's subpage shows its whole path as the title line; the lead names
        // the last segment.
        let (docs, context) = try run([
            .paragraph("高等学校化学I/中和反応", line: 1),
            .paragraph("中和反応(ちゅうわはんのう)とは、酸と塩基が反応して、互いの性質を打ち消し合う反応である。", line: 2),
        ])
        #expect(docs.count == 1 && docs[0].title == "中和反応" && docs[0].reading == "ちゅうわはんのう")
        #expect(docs[0].paragraphs.count == 1 && context.removed["title-line"]?.count == 1)
        // Another page's path, or a lead that names more than the last segment: left alone.
        for first in ["高等学校化学I/酸と塩基", "/中和反応", "中和反応/"] {
            let (other, _) = try run([
                .paragraph(first, line: 1),
                .paragraph("中和反応(ちゅうわはんのう)とは、酸と塩基が反応して、互いの性質を打ち消し合う反応である。", line: 2),
            ])
            #expect(other.count == 1 && other[0].paragraphs.count == 2, "\(first)")
        }
    }

    @Test func titleLineOverTheTaglineNamesAPageWithNoLead() throws {
        // ウィキニュース: the headline, the skin's tabs, the tagline, then a report whose lead
        // names nothing.
        let tagline = Block(role: .chrome, text: "出典:『ウィキニュース』(ベータ版)", line: 3, rule: "wikinews.tagline", signal: .pageStart)
        let (docs, context) = try run([
            .paragraph("嵐山で紅葉が見頃に、週末の観光客で混雑", line: 1),
            Block(role: .chrome, text: "ページ", line: 2, rule: "wikipedia.vector-menu"),
            tagline,
            .paragraph("京都市右京区の嵐山で紅葉が見頃を迎えた。", line: 4),
        ])
        #expect(docs.count == 1 && docs[0].title == "嵐山で紅葉が見頃に、週末の観光客で混雑" && docs[0].reading == nil)
        #expect(docs[0].paragraphs == ["京都市右京区の嵐山で紅葉が見頃を迎えた。"])
        #expect(context.removed["title-line"]?.count == 1)
        // A sentence, a line with text between it and the tagline, or no tagline: left alone.
        for blocks: [Block] in [
            [.paragraph("嵐山で紅葉が見頃を迎えた。", line: 1), tagline, .paragraph("京都市右京区の話である。", line: 4)],
            [.paragraph("嵐山で紅葉が見頃に", line: 1), .paragraph("週末の観光客で混雑", line: 2), tagline, .paragraph("京都市右京区の話である。", line: 4)],
            [.paragraph("嵐山で紅葉が見頃に", line: 1), .paragraph("京都市右京区の話である。", line: 4)],
        ] {
            let (other, _) = try run(blocks)
            #expect(other.allSatisfy { $0.title == nil })
        }
    }

    @Test func qualifiedPageNameOverTheTaglineHoldsNoReading() throws {
        // The h1 `ピカチュウ (アニメ)` over the tagline is a page name with its qualifier, even in
        // kana: not the title `ピカチュウ` read `アニメ`.
        let tagline = Block(role: .chrome, text: "出典: フリー百科事典『ウィキペディア(Wikipedia)』", line: 2, rule: "wikipedia.tagline", signal: .pageStart)
        for lead in ["ピカチュウは、アニメに登場するポケモンである。", "この記事ではアニメのピカチュウについて述べる。"] {
            let (docs, context) = try run([.paragraph("ピカチュウ (アニメ)", line: 1), tagline, .paragraph(lead, line: 3)])
            #expect(docs.count == 1 && docs[0].title == "ピカチュウ (アニメ)" && docs[0].reading == nil, "\(lead)")
            #expect(docs[0].paragraphs == [lead])
            #expect(context.removed["title-line"]?.count == 1)
        }
        // A title and its reading with no tagline under it (a stray entry, `title(reading)`), or
        // written with no space before the parenthesis: read as before.
        let (stray, _) = try run([.paragraph("ピカチュウ (ぴかちゅう)", line: 1)])
        #expect(stray.count == 1 && stray[0].title == "ピカチュウ" && stray[0].reading == "ぴかちゅう")
        let (glued, _) = try run([.paragraph("富士山(ふじさん)", line: 1), tagline, .paragraph("日本一高い山である。", line: 3)])
        #expect(glued.count == 1 && glued[0].title == "富士山" && glued[0].reading == "ふじさん")
    }

    @Test func titleLineOverHeaderMetadataNamesAPageWithNoLead() throws {
        // WIKIWIKI.jp: the h1 title, `Last-modified: …` under it, then the body, whose lead
        // names nothing.
        let modified = Block(role: .chrome, text: "Last-modified: 2025-06-16 (月) 00:05:44", line: 2, rule: "pukiwiki.last-modified")
        let (docs, context) = try run([
            .paragraph("編集をしてくださるみなさんへ", line: 1), modified,
            .paragraph("はじめに", line: 3), .paragraph("このwikiは誰でも編集できます。", line: 4),
        ])
        #expect(docs.count == 1 && docs[0].title == "編集をしてくださるみなさんへ" && docs[0].reading == nil)
        #expect(docs[0].paragraphs == ["はじめに", "このwikiは誰でも編集できます。"])
        #expect(context.removed["title-line"]?.count == 1)
        // The metadata glued before the first line of the body (a text scrape of the same header).
        let glued = Block(role: .chrome, text: "Last-modified: 2025-06-16 (月) 00:05:44", line: 2, rule: "pukiwiki.last-modified")
        let (gluedDocs, _) = try run([
            .paragraph("編集をしてくださるみなさんへ", line: 1), glued, .paragraph("このwikiは誰でも編集できます。", line: 2),
        ])
        #expect(gluedDocs.count == 1 && gluedDocs[0].title == "編集をしてくださるみなさんへ")
        #expect(gluedDocs[0].paragraphs == ["このwikiは誰でも編集できます。"])
        // アニヲタWiki: the title, `登録日:…`, `更新日:…`, `所要時間:…`, then the body.
        let (aniwota, _) = try run([
            .paragraph("機動戦士ガンダム", line: 1),
            Block(role: .chrome, text: "登録日:2016/10/27 Thu 14:35:50", line: 2, rule: "aniwota.registered"),
            Block(role: .chrome, text: "更新日:2024/05/01 Wed 10:00:00", line: 3, rule: "generic.updated"),
            Block(role: .chrome, text: "所要時間:約 19 分で読めます", line: 4, rule: "aniwota.reading-time"),
            .paragraph("1979年に放送されたロボットアニメ。", line: 5),
        ])
        #expect(aniwota.count == 1 && aniwota[0].title == "機動戦士ガンダム")
        #expect(aniwota[0].paragraphs == ["1979年に放送されたロボットアニメ。"])
        // The footer's `Last-modified: …` (PukiWiki's default and Plus! skins): the body's last
        // line over it, then only footer chrome; a sentence; a line of text between the title
        // and the metadata; other chrome under the line: no title.
        for blocks: [Block] in [
            [.paragraph("縄文杉", line: 1), modified,
             Block(role: .chrome, text: "Link: 縄文杉(15d)", line: 3, rule: "pukiwiki.link"),
             Block(role: .chrome, text: "Powered by PukiWiki", line: 4, rule: "pukiwiki.powered-by", signal: .pageEnd)],
            [.paragraph("縄文杉", line: 1), modified],
            [.paragraph("このwikiは誰でも編集できます。", line: 1), modified, .paragraph("はじめに", line: 3)],
            [.paragraph("編集をしてくださるみなさんへ", line: 1), .paragraph("ようこそ", line: 2), modified, .paragraph("本文である。", line: 3)],
            [.paragraph("編集をしてくださるみなさんへ", line: 1), Block(role: .chrome, text: "ページ", line: 2, rule: "wikipedia.vector-menu"),
             .paragraph("本文である。", line: 3)],
        ] {
            let (other, _) = try run(blocks)
            #expect(other.allSatisfy { $0.title == nil }, "\(blocks.map(\.text))")
        }
    }

    @Test func aLongTitleLineStaysOverItsTagline() throws {
        // ウィキブックス: a subpage's title (`教科/単元`) is longer than 20 characters; it is still
        // the page's title line, not a page of its own before the tagline.
        let tagline = Block(role: .chrome, text: "出典: フリー教科書『ウィキブックス(Wikibooks)』", line: 2, rule: "wikipedia.tagline", signal: .pageStart)
        let title = "中学校理科 第1分野/化学変化と原子・分子の学習のまとめ"
        let (docs, context) = try run([
            .paragraph(title, line: 1), tagline, .heading("はじめに", line: 3),
            .paragraph("この単元では、物質どうしの化学変化を学ぶ。", line: 4),
        ])
        #expect(docs.count == 1 && docs[0].title == title)
        #expect(docs[0].paragraphs == ["この単元では、物質どうしの化学変化を学ぶ。"])
        #expect(context.removed["title-line"]?.count == 1)
        // A sentence before the tagline is the page before's.
        let (other, _) = try run([
            .paragraph("化学変化と原子・分子の学習はここまでで終わりである。", line: 1), tagline,
            .paragraph("この単元では、物質どうしの化学変化を学ぶ。", line: 3),
        ])
        #expect(other.count == 2 && other.allSatisfy { $0.title == nil })
    }

    @Test func longTruncatedParagraphInsideAnArticleIsNotAFragment() throws {
        let long = String(repeating: "長い段落の文章である。", count: 30) + "..."
        let (docs, _) = try run([.paragraph("淡路島(あわじしま)は、島である。", line: 1), .paragraph(long, line: 2), .paragraph("続きの段落である。", line: 3)])
        #expect(docs.count == 1)
        #expect(docs[0].kind == .article)
    }

    @Test func fragmentsCanBeFiltered() throws {
        let (docs, context) = try run(
            [.paragraph("淡路島(あわじしま)は、島である。", line: 1), .paragraph("鼻葉(びよう)とは、ひだ...", line: 2)],
            stage: DetectArticleBoundaries(keepFragments: false))
        #expect(docs.map(\.kind) == [.article])
        #expect(context.linesOutside["fragment-filtered"] == 1)
    }

    @Test func strayTitlesReadingsAndBareLeadsAmongPreviewsAreFragments() throws {
        let (docs, _) = try run([
            .paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1),
            .paragraph("黄泉(よみ)", line: 2),
            .paragraph("高槻市", line: 3),
            .paragraph("こうつきし", line: 4),
            .paragraph("魏略(ぎりゃく)は、歴史書...", line: 5),
        ])
        #expect(docs.map(\.kind) == [.fragment, .fragment, .fragment, .fragment])
        #expect(docs.map(\.title) == ["鼻葉", "黄泉", "高槻市", "魏略"])
        #expect(docs.map(\.reading) == ["びよう", "よみ", "こうつきし", "ぎりゃく"])
        #expect(docs.map(\.truncated) == [true, false, false, true])
        #expect(docs[2].source.lineStart == 3 && docs[2].source.lineEnd == 4)
    }

    @Test func aReadingLineStaysInItsEntrysText() throws {
        let (docs, _) = try run([
            .paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1), .paragraph("斜張橋", line: 2), .paragraph("しゃちょうきょう", line: 3),
            .paragraph("魏略(ぎりゃく)は、歴史書...", line: 4),
        ])
        #expect(docs[1].title == "斜張橋" && docs[1].reading == "しゃちょうきょう")
        #expect(docs[1].paragraphs == ["斜張橋", "しゃちょうきょう"])
    }

    @Test func aSeeAlsoListBeforeThePageEndIsNotAStrayEntry() throws {
        let (docs, _) = try run([
            .paragraph("明石海峡大橋(あかしかいきょうおおはし)は、吊橋である。", line: 1), .heading("関連項目", line: 2),
            .paragraph("瀬戸大橋", line: 3), .paragraph("大鳴門橋", line: 4),
            Block(role: .chrome, text: "シェアボタン", line: 5, rule: "atwiki.share-button", signal: .pageEnd),
            .paragraph("関門橋(かんもんきょう)は、吊橋である。目次1 概要...", line: 6), .paragraph("トラス橋", line: 7),
            .paragraph("アーチ橋(アーチきょう)は、橋である...", line: 8),
        ])
        #expect(docs.map(\.title) == ["明石海峡大橋", "関門橋", "トラス橋", "アーチ橋"])
        #expect(docs[0].paragraphs == ["明石海峡大橋(あかしかいきょうおおはし)は、吊橋である。", "瀬戸大橋", "大鳴門橋"])
    }

    @Test func aListUnderTheLastHeadingRightOverPreviewsIsNotAStrayEntry() throws {
        // No footer between the list and the previews (pixiv, aperza): the items stay the section's.
        let (docs, _) = try run([
            .paragraph("竹生島とは、琵琶湖の北部に浮かぶ島である。", line: 1), .heading("関連タグ", line: 2),
            .paragraph("琵琶湖", line: 3), .paragraph("マルチメータ", line: 4),
            .paragraph("淀川(よどがわ)とは、一級河川のこと...", line: 5), .paragraph("トラス橋", line: 6),
            .paragraph("アーチ橋(アーチきょう)は、橋である...", line: 7),
        ])
        #expect(docs.map(\.title) == ["竹生島", "淀川", "トラス橋", "アーチ橋"])
        #expect(docs[0].paragraphs == ["竹生島とは、琵琶湖の北部に浮かぶ島である。", "琵琶湖", "マルチメータ"])
        // A title line and reading line under an empty section, right over their own preview,
        // stay that preview's header.
        let (header, _) = try run([
            .paragraph("竹生島とは、琵琶湖の北部に浮かぶ島である。", line: 1), .heading("脚注", line: 2),
            .paragraph("沖島", line: 3), .paragraph("おきしま", line: 4),
            .paragraph("沖島(おきしま)とは、琵琶湖に浮かぶ島...", line: 5),
        ])
        #expect(header.map(\.title) == ["竹生島", "沖島"])
        #expect(header[0].paragraphs == ["竹生島とは、琵琶湖の北部に浮かぶ島である。"])
    }

    @Test func weblioSectionPageHeadwordIsATitleLine() throws {
        let (docs, context) = try run([
            .paragraph("瀬戸大橋概要", line: 1), .paragraph("瀬戸大橋(せとおおはし)は、橋の総称である。", line: 2),
        ])
        #expect(docs.map(\.title) == ["瀬戸大橋"])
        #expect(docs[0].paragraphs == ["瀬戸大橋(せとおおはし)は、橋の総称である。"])
        #expect(context.removed["title-line"]?.count == 1)
    }

    /// A Weblio section page (ウィキペディア小見出し辞書) of a section that holds no lead: the
    /// headword `X 概要` (its space gone after normalize) over the article's name, the tagline,
    /// then the section: the name is the title, both lines header, the lead section empty.
    @Test func weblioSectionPageOfASectionWithoutTheLead() throws {
        let (docs, context) = try run([
            .paragraph("ギザの大ピラミッド概要", line: 1), .paragraph("ギザの大ピラミッド", line: 2),
            Block(role: .chrome, text: "出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2024/05/16 05:29 UTC 版)", line: 3, rule: "wikipedia.tagline", signal: .pageStart),
            .heading("概要", line: 4), .paragraph("第4王朝の時代に、巨大なピラミッドが建造された。", line: 5),
        ])
        #expect(docs.map(\.title) == ["ギザの大ピラミッド"])
        #expect(docs[0].paragraphs == ["第4王朝の時代に、巨大なピラミッドが建造された。"])
        #expect(context.removed["title-line"]?.count == 2)
        // Two lines over a tagline that are no headword and name: the first is no header.
        let (other, _) = try run([
            .paragraph("ギザの大ピラミッド", line: 1), .paragraph("エジプト", line: 2),
            Block(role: .chrome, text: "出典: フリー百科事典『ウィキペディア(Wikipedia)』", line: 3, rule: "wikipedia.tagline", signal: .pageStart),
            .heading("概要", line: 4), .paragraph("第4王朝の時代に、巨大なピラミッドが建造された。", line: 5),
        ])
        #expect(other.map(\.title) != ["ギザの大ピラミッド"])
    }

    @Test func aShortLineInsideAnArticleIsNotAStrayEntry() throws {
        let (docs, _) = try run([
            .paragraph("淡路島(あわじしま)は、島である。", line: 1), .paragraph("アナトリー・ドブルイニン", line: 2), .paragraph("続きの段落である。", line: 3),
        ])
        #expect(docs.count == 1 && docs[0].paragraphs.count == 3)
    }

    @Test func oneLineArticlesConcatenatedWithoutSeparators() throws {
        let (docs, _) = try run([
            .paragraph("淡路島(あわじしま)は、瀬戸内海の島である。", line: 1),
            .paragraph("小豆島(しょうどしま)は、香川県の島である。", line: 2),
            .paragraph("直島(なおしま)は、香川県の島である。", line: 3),
        ])
        #expect(docs.map(\.title) == ["淡路島", "小豆島", "直島"])
    }

    @Test func aRecordTitleFieldTitlesAnArticleWithoutALead() throws {
        var page = self.page([.paragraph("瀬戸内海の島々について述べる。", line: 1)])
        page.meta["title"] = .string("瀬戸内海の島")
        var context = StageContext(stage: "detect-boundaries")
        let docs = stage.apply(to: page, context: &context)
        #expect(docs.map(\.title) == ["瀬戸内海の島"])
    }

    @Test func leadTitlesWithLatinSpacesAndNonKanaParentheses() throws {
        let (docs, _) = try run([
            .paragraph("Microsoft Windows(マイクロソフト ウィンドウズ)は、オペレーティングシステムである。", line: 1),
            .paragraph("ジョン・F・ケネディ(John F. Kennedy、1917年 - 1963年)は、政治家。...", line: 2),
        ])
        #expect(docs.map(\.title) == ["Microsoft Windows", "ジョン・F・ケネディ"])
        #expect(docs.map(\.reading) == ["マイクロソフトウィンドウズ", nil])
    }

    @Test func aTruncationMarkWithSpacesInsideIsStillACut() throws {
        let (docs, _) = try run([.paragraph("鼻葉(びよう)とは、ひだのこと..\u{3000}.", line: 1)])
        #expect(docs[0].kind == .fragment && docs[0].truncated)
        #expect(docs[0].paragraphs == ["鼻葉(びよう)とは、ひだのこと"])
    }
}

extension DetectArticleBoundariesTests {
    /// A long run of stray entries is judged as a whole (each walk to the run's ends is made
    /// once): all of them are fragments when a preview touches the run, none when none does.
    @Test func aLongRunOfStrayEntriesIsJudgedAsAWhole() throws {
        let titles = (0..<3000).map { Block.paragraph("項目\($0)", line: $0 + 2) }
        let (near, _) = try run([.paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1)] + titles)
        #expect(near.count == 3001 && near.allSatisfy { $0.kind == .fragment })
        #expect(near.last?.title == "項目2999")
        let (far, _) = try run(
            [.paragraph("明石海峡大橋(あかしかいきょうおおはし)は、吊橋である。", line: 1)] + titles
                + [Block(role: .chrome, text: "シェアボタン", line: 3002, rule: "atwiki.share-button", signal: .pageEnd),
                   .paragraph("魏略(ぎりゃく)は、歴史書...", line: 3003)])
        #expect(far.count == 2 && far[0].kind == .article && far[0].paragraphs.count == 3001)
    }
}

extension DetectArticleBoundariesTests {
    /// A preview whose title line the scrape glued onto its lead (`薬師寺薬師寺(やくしじ)は、…`):
    /// the title once, the lead from the second. A word doubled in its own right, read doubled,
    /// stays whole.
    @Test func titleLineGluedOntoItsLead() throws {
        let (docs, context) = try run([.paragraph("薬師寺薬師寺(やくしじ)は、奈良県奈良市にある寺院である。南都七大寺の一つ...", line: 1)])
        #expect(docs.count == 1 && docs[0].title == "薬師寺" && docs[0].reading == "やくしじ")
        #expect(docs[0].paragraphs == ["薬師寺(やくしじ)は、奈良県奈良市にある寺院である。南都七大寺の一つ"])
        #expect(context.removed[DetectArticleBoundaries.titleLineRule]?.count == 1)
        let (doubled, _) = try run([.paragraph("トムトム(とむとむ)は、架空の楽器である。その音色...", line: 1)])
        #expect(doubled[0].title == "トムトム" && doubled[0].paragraphs[0].hasPrefix("トムトム(とむとむ)"))
    }
}

extension DetectArticleBoundariesTests {
    /// The wiki's name (`鉄道 Wiki`: Fandom's community header, a WIKIWIKI site name) over the
    /// title line and the lead: the name goes and the title line is read over its lead. A line
    /// ending in `Wiki` that no title line and lead follow stays.
    @Test func siteNameOverTheTitleLine() throws {
        let (docs, context) = try run([
            .paragraph("鉄道 Wiki", line: 1), .paragraph("新幹線", line: 2),
            .paragraph("新幹線(しんかんせん)は、日本の高速鉄道である。", line: 3), .paragraph("1964年に開業した。", line: 4),
        ])
        #expect(docs.count == 1 && docs[0].title == "新幹線" && docs[0].reading == "しんかんせん")
        #expect(docs[0].paragraphs == ["新幹線(しんかんせん)は、日本の高速鉄道である。", "1964年に開業した。"])
        #expect(context.removed[DetectArticleBoundaries.headerLabelRule]?.count == 1)
        let (kept, _) = try run([
            .paragraph("新幹線(しんかんせん)は、日本の高速鉄道である。", line: 1), .paragraph("鉄道 Wiki", line: 2),
            .paragraph("1964年に開業した。", line: 3),
        ])
        #expect(kept.flatMap(\.paragraphs).contains("鉄道 Wiki"))
    }
}

extension DetectArticleBoundariesTests {
    /// A lone line all in katakana among previews is a page's title (`ムササビ`), and a reading
    /// line of its own sounds under it is its reading; a kana line that is not the title's
    /// sounds is not read as its reading, and is a page's name too (`こうつきし` after `ツツジ`:
    /// a lone line among previews names a page, in whatever script).
    @Test func aKatakanaLineAmongPreviewsIsATitle() throws {
        let (docs, _) = try run([
            .paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1), .paragraph("ムササビ", line: 2),
            .paragraph("ホンドギツネ", line: 3), .paragraph("ほんどぎつね", line: 4),
            .paragraph("ツツジ", line: 5), .paragraph("こうつきし", line: 6),
            .paragraph("魏略(ぎりゃく)は、歴史書...", line: 7),
        ])
        #expect(docs.map(\.title) == ["鼻葉", "ムササビ", "ホンドギツネ", "ツツジ", "こうつきし", "魏略"])
        #expect(docs.map(\.reading) == ["びよう", nil, "ほんどぎつね", nil, nil, "ぎりゃく"])
        #expect(docs[2].paragraphs == ["ホンドギツネ", "ほんどぎつね"])
    }
}

extension DetectArticleBoundariesTests {
    /// An infobox with no `テンプレートを表示` glued before the lead, its header the title: the
    /// lead's subject opens and closes with the name. The name is the title, the run before the
    /// lead's own subject goes as infobox residue; a name that only repeats a word around a `・`
    /// stays whole.
    @Test func anInfoboxRunGluedBeforeTheLeadWithoutItsNavbar() throws {
        let (docs, context) = try run([
            .paragraph("ホンドタヌキ分類界動物界門脊索動物門綱哺乳綱目食肉目科イヌ科ホンドタヌキ(本土狸)は、タヌキの亜種である。夜行性...", line: 1),
            .paragraph("アイ・ラブ・アイ(あいらぶあい)は、架空の歌である。曲は...", line: 2),
        ])
        #expect(docs.map(\.title) == ["ホンドタヌキ", "アイ・ラブ・アイ"])
        #expect(docs[0].paragraphs == ["ホンドタヌキ(本土狸)は、タヌキの亜種である。夜行性"])
        #expect(docs[1].reading == "あいらぶあい")
        #expect(context.removed[DetectArticleBoundaries.infoboxRule]?.count == 1)
    }
}

extension DetectArticleBoundariesTests {
    /// A stray entry whose title line and reading line the scrape glued (`彦根城ひこねじょう`): the
    /// kanji are the title and the hiragana its reading, the text stays whole. A title with a
    /// particle after its kanji, or too few kana for a reading, stays one title.
    @Test func aStrayTitleGluedToItsReading() throws {
        let (docs, _) = try run([
            .paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1), .paragraph("彦根城ひこねじょう", line: 2),
            .paragraph("山のあなた", line: 3), .paragraph("落ちこぼれ", line: 4), .paragraph("魏略(ぎりゃく)は、歴史書...", line: 5),
        ])
        #expect(docs.map(\.title) == ["鼻葉", "彦根城", "山のあなた", "落ちこぼれ", "魏略"])
        #expect(docs.map(\.reading) == ["びよう", "ひこねじょう", nil, nil, "ぎりゃく"])
        #expect(docs[1].paragraphs == ["彦根城ひこねじょう"])
    }
}

extension DetectArticleBoundariesTests {
    /// Two kanji and a kana word after them are a name of their own (a song, a programme, a
    /// folk tale), not a title glued to its reading: the stray line is the title, whole.
    @Test func aStrayTitleOfTwoKanjiAndAKanaWordStaysWhole() throws {
        let names = ["横浜たそがれ", "天才てれびくん", "花咲かじいさん", "日本むかしばなし"]
        let (docs, _) = try run(
            [.paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1)] + names.enumerated().map { .paragraph($0.element, line: $0.offset + 2) }
                + [.paragraph("霧島山きりしまやま", line: 6)])
        #expect(docs.map(\.title) == ["鼻葉"] + names + ["霧島山"])
        #expect(docs.map(\.reading) == ["びよう", nil, nil, nil, nil, "きりしまやま"])
    }
}

extension DetectArticleBoundariesTests {
    /// A preview of a Weblio section page whose headword the scrape glued onto the lead
    /// (`桜島 概要桜島(さくらじま)は、…`): the title once, the lead from its own subject.
    @Test func aWeblioHeadwordGluedOntoTheLead() throws {
        let (docs, context) = try run([.paragraph("桜島 概要桜島(さくらじま)は、鹿児島湾にある火山。1914年の噴火で...", line: 1)])
        #expect(docs.map(\.title) == ["桜島"] && docs[0].reading == "さくらじま")
        #expect(docs[0].paragraphs == ["桜島(さくらじま)は、鹿児島湾にある火山。1914年の噴火で"])
        #expect(context.removed[DetectArticleBoundaries.titleLineRule]?.count == 1)
    }
}

extension DetectArticleBoundariesTests {
    /// Previews cut off inside a taxobox or a rail line's infobox, with no lead: the header
    /// before the first label is the title.
    @Test func previewsInsideATaxoboxOrARailInfoboxAreTitledByTheirHeader() throws {
        let (docs, _) = try run([
            .paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1),
            .paragraph("ニホンカモシカ保全状況評価軽度懸念分類界:動物界門:脊索動物門綱:哺乳綱目:偶蹄目科:ウシ科...", line: 2),
            .paragraph("大井川本線概要起点金谷駅終点千頭駅駅数20駅開業1927年6月10日...", line: 3),
        ])
        #expect(docs.map(\.title) == ["鼻葉", "ニホンカモシカ", "大井川本線"])
        #expect(docs[1].paragraphs.isEmpty && docs[2].paragraphs.isEmpty)
    }
}

extension DetectArticleBoundariesTests {
    /// A preview with no lead whose prose uses a label's word (`起点`, `分類`, `概要`, `人口`)
    /// after a particle is no infobox: its text stays and it has no title.
    @Test func aPreviewUsingALabelsWordInProseKeepsItsText() throws {
        let previews = [
            "明治時代の鉄道は起点を新橋とし、終点を横浜とした。開業当初は一日九往復の列車が走った。その後路線は",
            "ニホンカモシカの分類については諸説あり、かつてはヤギの仲間とされた。現在ではウシ科に含める",
            "このページの概要を説明する。山小屋の営業期間は七月から九月までで、予約が必要な",
            // A clause before the label (`、`), the label inside a word (`野面積み`).
            "城の石垣には、自然の石をそのまま積む野面積みという技法が用いられた。石の",
        ]
        let (docs, _) = try run(
            [.paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1)] + previews.enumerated().map { .paragraph($0.element + "...", line: $0.offset + 2) })
        #expect(docs.map(\.title) == ["鼻葉", nil, nil, nil, nil])
        #expect(docs.dropFirst().map(\.paragraphs) == previews.map { [$0] })
    }

    /// A preview under its own title line and reading line (`薬師寺`, `やくしじ`, `薬師寺(やくしじ)は、…`):
    /// one entry, whose title and reading lines are header, as a title line glued onto its lead
    /// is. A title line over another page's preview stays an entry of its own.
    @Test func aTitleAndReadingLineOverTheirPreviewAreItsHeader() throws {
        let (docs, context) = try run([
            .paragraph("東大寺(とうだいじ)は、奈良県にある寺院である。大仏殿は...", line: 1), .paragraph("薬師寺", line: 2),
            .paragraph("やくしじ", line: 3), .paragraph("薬師寺(やくしじ)は、奈良県奈良市にある寺院である。東塔は...", line: 4),
            .paragraph("斜張橋", line: 5), .paragraph("魏略(ぎりゃく)は、歴史書...", line: 6),
        ])
        #expect(docs.map(\.title) == ["東大寺", "薬師寺", "斜張橋", "魏略"])
        #expect(docs[1].reading == "やくしじ" && docs[1].truncated)
        #expect(docs[1].paragraphs == ["薬師寺(やくしじ)は、奈良県奈良市にある寺院である。東塔は"])
        #expect(docs[1].source.lineStart == 2 && docs[1].source.lineEnd == 4)
        #expect(context.removed[DetectArticleBoundaries.titleLineRule]?.count == 1)
        #expect(context.removed[DetectArticleBoundaries.readingLineRule]?.count == 1)
    }
}

extension DetectArticleBoundariesTests {
    /// A preview under its own title line alone (`鼻葉`, then `鼻葉(びよう)とは、…...`): one entry
    /// whose title line is header, not an article of one line with no title.
    @Test func aTitleLineAloneOverItsPreviewIsItsHeader() throws {
        let (docs, context) = try run([
            .paragraph("東大寺(とうだいじ)は、奈良県にある寺院である。大仏殿は...", line: 1), .paragraph("鼻葉", line: 2),
            .paragraph("鼻葉(びよう)とは、小型のコウモリで発達している鼻のまわりのひだ...", line: 3), .paragraph("黄泉", line: 4),
            .paragraph("黄泉(よみ)とは、日本神話における死者の世界のこと。古事記では...", line: 5),
        ])
        #expect(docs.map(\.kind) == [.fragment, .fragment, .fragment])
        #expect(docs.map(\.title) == ["東大寺", "鼻葉", "黄泉"])
        #expect(docs.map(\.id) == ["t.txt:1", "t.txt:2", "t.txt:4"])
        #expect(docs[1].paragraphs == ["鼻葉(びよう)とは、小型のコウモリで発達している鼻のまわりのひだ"])
        #expect(docs[1].source.lineStart == 2 && docs[1].source.lineEnd == 3)
        #expect(context.removed[DetectArticleBoundaries.titleLineRule]?.count == 2)
    }

    /// A scrape that puts a blank line after every line: a title line, its reading line and the
    /// preview under them are still one entry.
    @Test func titleAndReadingLinesOverTheirPreviewAcrossBlankLines() throws {
        let (docs, context) = try run([
            .paragraph("東大寺(とうだいじ)は、奈良県にある寺院である。大仏殿は...", line: 1), .paragraph("薬師寺", line: 3),
            .paragraph("やくしじ", line: 5), .paragraph("薬師寺(やくしじ)は、奈良県奈良市にある寺院である。東塔は...", line: 7),
            .paragraph("斜張橋", line: 9), .paragraph("しゃちょうきょう", line: 11),
        ])
        #expect(docs.map(\.title) == ["東大寺", "薬師寺", "斜張橋"])
        #expect(docs[1].reading == "やくしじ" && docs[1].source.lineStart == 3 && docs[1].source.lineEnd == 7)
        #expect(docs[2].reading == "しゃちょうきょう" && docs[2].source.lineEnd == 11)
        #expect(context.removed[DetectArticleBoundaries.titleLineRule]?.count == 1)
        #expect(context.removed[DetectArticleBoundaries.readingLineRule]?.count == 1)
    }

    /// A work's title line in the brackets its lead writes it in (`『港町ブルース』` over
    /// `『港町ブルース』(みなとまちブルース)は、…`) is the title line: the title and reading come
    /// from the lead, without the brackets.
    @Test func aBracketedTitleLineOverItsLeadIsTheTitleLine() throws {
        let (docs, context) = try run([
            .paragraph("『港町ブルース』", line: 1), .paragraph("『港町ブルース』(みなとまちブルース)は、1969年に発売された歌謡曲である。", line: 2),
            .heading("概要", line: 3), .paragraph("港町を歌った曲である。", line: 4),
        ])
        #expect(docs.map(\.title) == ["港町ブルース"])
        #expect(docs[0].reading == "みなとまちブルース")
        #expect(docs[0].paragraphs.first == "『港町ブルース』(みなとまちブルース)は、1969年に発売された歌謡曲である。")
        #expect(context.removed[DetectArticleBoundaries.titleLineRule]?.count == 1)
    }

    /// A photo's caption alone on the line right over a preview is that preview's (as one
    /// glued before its lead is); elsewhere between previews it is a stray entry (a fragment
    /// holding the caption), never an article with no text.
    @Test func aCaptionAloneBetweenPreviewsIsNoArticle() throws {
        let (docs, _) = try run([
            .paragraph("東大寺(とうだいじ)は、奈良県にある寺院である。大仏殿は...", line: 1), .caption("撃墜された爆撃機の残骸(1961年)", line: 2),
            .paragraph("薬師寺(やくしじ)は、奈良県奈良市にある寺院である。東塔は...", line: 3),
        ])
        #expect(docs.map(\.kind) == [.fragment, .fragment])
        #expect(docs[1].captions == ["撃墜された爆撃機の残骸(1961年)"] && docs[1].title == "薬師寺" && docs[1].truncated)
        #expect(docs[1].source.lineStart == 2 && docs[1].id == "t.txt:2")
        // With a line between, the caption stands alone: a stray entry, not an article.
        let (apart, _) = try run([
            .paragraph("東大寺(とうだいじ)は、奈良県にある寺院である。大仏殿は...", line: 1), .caption("撃墜された爆撃機の残骸(1961年)", line: 2),
            Block(role: .chrome, text: "続きを読む", line: 3, rule: "generic.read-more"),
            .paragraph("薬師寺(やくしじ)は、奈良県奈良市にある寺院である。東塔は...", line: 4),
        ])
        #expect(apart.map(\.kind) == [.fragment, .fragment, .fragment])
        #expect(apart[1].captions == ["撃墜された爆撃機の残骸(1961年)"] && apart[1].title == nil && !apart[1].truncated)
    }

    /// `関連ページ` alone among previews, over the previews of its list: the list's heading, in no
    /// entry. A page name over another page's preview stays an entry.
    @Test func aSectionWordOverPreviewsIsTheirListsHeading() throws {
        let (docs, context) = try run([
            .paragraph("浅間山(あさまやま)は、長野県にある火山である。山麓は...", line: 1), .paragraph("関連ページ", line: 2),
            .paragraph("桜島(さくらじま)は、鹿児島湾にある火山である。現在も...", line: 3), .paragraph("斜張橋", line: 4),
            .paragraph("魏略(ぎりゃく)は、歴史書...", line: 5),
        ])
        #expect(docs.map(\.title) == ["浅間山", "桜島", "斜張橋", "魏略"])
        #expect(context.removed[DetectArticleBoundaries.previewListHeadingRule]?.count == 1)
        #expect(context.linesOutside[DetectArticleBoundaries.previewListHeadingRule] == 1)
    }
}

extension DetectArticleBoundariesTests {
    /// `2023年01月04日` alone among previews is a preview's update date, not a stray title.
    @Test func aDateAloneAmongPreviewsIsNoEntry() throws {
        let (docs, context) = try run([
            .paragraph("浅間山(あさまやま)は、長野県にある火山である。山麓は...", line: 1), .paragraph("2023年01月04日", line: 2),
            .paragraph("桜島(さくらじま)は、鹿児島湾にある火山である。現在も...", line: 3), .paragraph("2023年1月3日", line: 4),
            .paragraph("魏略(ぎりゃく)は、歴史書...", line: 5),
        ])
        #expect(docs.map(\.title) == ["浅間山", "桜島", "魏略"])
        #expect(context.removed[DetectArticleBoundaries.previewDateRule]?.count == 2)
        #expect(DetectArticleBoundaries.isDateLine("2024年5月2日"))
        #expect(!DetectArticleBoundaries.isDateLine("5月2日") && !DetectArticleBoundaries.isDateLine("2024年の噴火"))
    }
}

extension DetectArticleBoundariesTests {
    /// A page that opens with a heading over its lead (`概要` first, as wiki source and some
    /// scrapes have it): the lead still names the page; a first heading that is the page's
    /// name is its title line, and the lead moves to the lead section. A heading over a
    /// sentence with no subject names nothing (the seed's `概要` preview).
    @Test func aLeadUnderTheFirstHeadingNamesThePage() throws {
        let (docs, _) = try run([.heading("概要", line: 1), .paragraph("港浜灯台(みなとはまとうだい)は、岬の灯台である。", line: 2), .heading("歴史", line: 3)])
        #expect(docs.map(\.title) == ["港浜灯台"] && docs.map(\.reading) == ["みなとはまとうだい"])
        #expect(docs[0].sections.map(\.heading) == [nil, "概要", "歴史"])
        let (named, context) = try run([.heading("白峰山", line: 1), .paragraph("白峰山(しらみねさん)は、山である。", line: 2)])
        #expect(named.map(\.title) == ["白峰山"] && named[0].sections.map(\.heading) == [nil])
        #expect(named[0].sections[0].paragraphs == ["白峰山(しらみねさん)は、山である。"])
        #expect(context.removed[DetectArticleBoundaries.titleLineRule]?.count == 1)
        let (none, _) = try run([.heading("概要", line: 1), .paragraph("『天装戦隊ゴセイジャー』と言う番組における用語である。", line: 2)])
        #expect(none.map(\.title) == [nil])
    }
}

extension DetectArticleBoundariesTests {
    /// Sites that cut previews with `・・・` (or half-width `･･･`) instead of `...`: the preview is
    /// a truncated fragment without the mark. Six middle dots are a stylistic pause, not a cut.
    @Test func aPreviewCutWithMiddleDotsIsTruncated() throws {
        let (docs, context) = try run([
            .paragraph("浅間山(あさまやま)は、長野県にある火山である。山麓は・・・", line: 1),
            .paragraph("桜島(さくらじま)は、鹿児島湾にある火山である。現在も･･･", line: 2),
        ])
        #expect(docs.map(\.title) == ["浅間山", "桜島"])
        #expect(docs.allSatisfy { $0.truncated && $0.kind == .fragment })
        #expect(docs[0].paragraphs == ["浅間山(あさまやま)は、長野県にある火山である。山麓は"])
        #expect(docs[1].paragraphs == ["桜島(さくらじま)は、鹿児島湾にある火山である。現在も"])
        #expect(context.removed[DetectArticleBoundaries.ellipsisRule]?.count == 2)
        #expect(!DetectArticleBoundaries.endsTruncated("彼は言った。そして・・・・・・"))
        #expect(!DetectArticleBoundaries.endsTruncated("東京・大阪・"))
    }
}

extension DetectArticleBoundariesTests {
    /// Leads written with half-width parentheses set off by spaces (`X (Jupiter) は、`, common
    /// in text typed with half-width brackets or normalized with NFKC): the title is `X`.
    @Test func aLeadWithSpacesAroundItsParenthesisHasATitle() throws {
        let (docs, _) = try run([
            .paragraph("ジュピター (Jupiter) は、以下のものを指す。ユーピテル - ローマ神話の主神。木星 - 太陽系の...", line: 1),
            .paragraph("アポロ11号 (アポロじゅういちごう) は、1969年に打ち上げられた有人宇宙船。人類が初めて...", line: 2),
        ])
        #expect(docs.map(\.title) == ["ジュピター", "アポロ11号"])
        #expect(docs.map(\.reading) == [nil, "アポロじゅういちごう"])
        #expect(JapaneseText.parseLead("『源氏物語』 (げんじものがたり) は、")?.title == "源氏物語")
        #expect(JapaneseText.parseLead("東京 (とうきょう) の人口") == nil)
    }

    /// Previews listed behind a mark (`・`, `■`, `●`): the mark is not the title's.
    @Test func previewsBehindListMarksAreTitledWithoutTheMark() throws {
        let (docs, _) = try run([
            .paragraph("・鼻葉(びよう)とは、小型のコウモリで発達している鼻のまわりのひだ...", line: 1),
            .paragraph("■『魏略』(ぎりゃく)は、中国三国時代の歴史書。著者は...", line: 2),
            .paragraph("●黄泉(よみ)とは、日本神話における死者の世界...", line: 3),
        ])
        #expect(docs.map(\.title) == ["鼻葉", "魏略", "黄泉"])
        #expect(docs.map(\.reading) == ["びよう", "ぎりゃく", "よみ"])
        #expect(JapaneseText.parseLead("■海浜線") == nil)
        #expect(JapaneseText.parseLead("・ 鼻葉(びよう)とは、") == nil)
    }

    /// A list's or a chronology's lead says `Xでは、` (`港町の灯の登場人物(…)では、`,
    /// `1972年の日本(…)では、`): a lead when its parenthesis holds a kana reading; a station
    /// and its number (`北港駅(KH 11)では、`) in a sentence is none.
    @Test func aListOrChronologyLeadSaysDeha() throws {
        let (docs, _) = try run([
            .paragraph("港町の灯の登場人物(みなとまちのともしびのとうじょうじんぶつ)では、テレビドラマ『港町の灯』に登場する人物について述べる。主要...", line: 1),
            .paragraph("1972年の日本(1972ねんのにほん)では、1972年(昭和47年)の日本における出来事について記述する。...", line: 2),
        ])
        #expect(docs.map(\.title) == ["港町の灯の登場人物", nil])
        #expect(docs.map(\.reading) == ["みなとまちのともしびのとうじょうじんぶつ", nil])
        #expect(JapaneseText.parseLead("北港駅(KH 11)では、特急が停車する。") == nil)
    }

    /// A reading keeps the Latin letters of the title, and the digits with them, as jawiki
    /// writes them (`D51形蒸気機関車(D51がたじょうききかんしゃ)`): each run of them stands in the
    /// title, and the reading holds kana. Letters the title does not spell, a parenthesis with
    /// no kana, or digits with no letter (`9600がた…`, `1964 ねん`: `atwiki-genres`) are no reading.
    @Test func aReadingKeepsTheTitlesLettersAndDigits() throws {
        #expect(JapaneseText.parseLead("D51形蒸気機関車(D51がたじょうききかんしゃ)は、貨物用の蒸気機関車である。")?.reading == "D51がたじょうききかんしゃ")
        #expect(JapaneseText.parseLead("国鉄EF63形電気機関車(こくてつEF63がたでんききかんしゃ)は、")?.reading == "こくてつEF63がたでんききかんしゃ")
        #expect(JapaneseText.parseLead("9600形蒸気機関車(9600がたじょうききかんしゃ)は、")?.reading == nil)
        #expect(JapaneseText.parseLead("1964年(1964 ねん)は、閏年。")?.reading == nil)
        #expect(JapaneseText.parseLead("D51形蒸気機関車(C62がたじょうききかんしゃ)は、")?.reading == nil)
        #expect(JapaneseText.parseLead("D51形蒸気機関車(D51)は、")?.reading == nil)
        #expect(JapaneseText.parseLead("アポロ11号(Apollo 11)は、")?.reading == nil)
        let (docs, _) = try run([.paragraph("EF63形電気機関車(EF63がたでんききかんしゃ)は、直流電気機関車である。構造車体の軽井沢側に...", line: 1)])
        #expect(docs.map(\.title) == ["EF63形電気機関車"])
        #expect(docs.map(\.reading) == ["EF63がたでんききかんしゃ"])
    }

    /// A Weblio page of two articles of one name: each entry's headword is the page name with
    /// its qualifier (`横川駅 (群馬県)`) over the tagline and a lead that names it without the
    /// qualifier: the title is the page name, the reading the lead's.
    @Test func aQualifiedPageNameOverItsTaglineTakesTheLeadsReading() throws {
        let tagline = "出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2025/02/14 11:20 UTC 版)"
        let (docs, _) = try run([
            .paragraph("横川駅 (群馬県)", line: 1), Block(role: .chrome, text: tagline, line: 2, rule: "wikipedia.tagline", signal: .pageStart),
            .paragraph("横川駅(よこかわえき)は、群馬県安中市にある駅である。", line: 3),
        ])
        #expect(docs.map(\.title) == ["横川駅 (群馬県)"])
        #expect(docs.map(\.reading) == ["よこかわえき"])
        // A lead that names another page gives no reading.
        let (other, _) = try run([
            .paragraph("横川駅 (群馬県)", line: 1), Block(role: .chrome, text: tagline, line: 2, rule: "wikipedia.tagline", signal: .pageStart),
            .paragraph("軽井沢駅(かるいざわえき)は、長野県にある駅である。", line: 3),
        ])
        #expect(other.first?.reading != "かるいざわえき")
    }
}

extension DetectArticleBoundariesTests {
    /// The items under an article's section of links (`関連項目[編集]`, then `しまなみ海道`) are the
    /// article's, even with previews of other pages right after them and no share line between.
    @Test func itemsUnderALinkSectionBeforePreviewsAreTheArticles() throws {
        let (docs, _) = try run([
            .paragraph("瀬戸内海(せとないかい)は、本州、四国、九州に囲まれた内海である。大小数多くの島が点在する。", line: 1),
            .heading("関連項目", line: 2), .paragraph("しまなみ海道", line: 3), .paragraph("明石海峡大橋", line: 4),
            .paragraph("淡路島(あわじしま)は、兵庫県に属する瀬戸内海最大の島である。明石海峡大橋で本州と...", line: 5),
            .paragraph("斜張橋", line: 6), .paragraph("小豆島(しょうどしま)は、香川県に属する島。オリーブの...", line: 7),
        ])
        #expect(docs.map(\.title) == ["瀬戸内海", "淡路島", "斜張橋", "小豆島"])
        #expect(docs[0].paragraphs.suffix(2) == ["しまなみ海道", "明石海峡大橋"])
    }
}

extension DetectArticleBoundariesTests {
    /// A short paragraph that trails off with `・・・` (or `…`) between two sentences of an
    /// article's body is the article's, not another page's preview; a preview after a page's
    /// end, or next to another preview, is still one.
    @Test func aPauseAtAParagraphsEndInsideAnArticleIsNoPreview() throws {
        for mark in ["・・・", "…"] {
            let (docs, _) = try run([
                .paragraph("港町楽団(みなとまちがくだん)は、日本の吹奏楽団である。", line: 1),
                .paragraph("2012年、定期公演の回数を減らした。", line: 2),
                .heading("解散", line: 3), .paragraph("解散の理由について、団員は多くを語らなかった\(mark)", line: 3),
                .paragraph("最後の公演の幕が下りたとき、会場は拍手に包まれた。", line: 4),
                Block(role: .chrome, text: "シェアボタン", line: 5, rule: "atwiki.share-button", signal: .pageEnd),
                .paragraph("港町市(みなとまちし)は、架空の港湾都市である。港は\(mark)", line: 6),
            ])
            #expect(docs.map(\.kind) == [.article, .fragment])
            #expect(docs[0].paragraphs.count == 4 && docs[0].truncated == false)
        }
    }

    /// The page's title once more after its footer, with only chrome after it up to the page's
    /// end or the previews after it: Vector 2022's sticky header, scraped last. Chrome, not a
    /// stray title; another short line there is not taken for it.
    @Test func theTitleAgainAfterTheFooterIsChrome() throws {
        let (docs, context) = try run([
            .paragraph("諏訪湖(すわこ)は、長野県にある湖である。", line: 1),
            Block(role: .chrome, text: "プライバシー・ポリシー", line: 2, rule: "wikipedia.footer-links", signal: .pageEnd),
            Block(role: .chrome, text: "目次の表示・非表示を切り替え", line: 3, rule: "wikipedia.single-chrome-lines"),
            .paragraph("諏訪湖", line: 4),
            Block(role: .chrome, text: "言語を追加", line: 5, rule: "wikipedia.single-chrome-lines"),
            .paragraph("霞ヶ浦(かすみがうら)は、茨城県にある湖である。日本で2番目に大きい...", line: 6),
        ])
        #expect(docs.map(\.title) == ["諏訪湖", "霞ヶ浦"])
        #expect(docs[0].paragraphs == ["諏訪湖(すわこ)は、長野県にある湖である。"])
        #expect(context.removed["title-line"]?.count == 1)
        let (other, _) = try run([
            .paragraph("諏訪湖(すわこ)は、長野県にある湖である。", line: 1),
            Block(role: .chrome, text: "プライバシー・ポリシー", line: 2, rule: "wikipedia.footer-links", signal: .pageEnd),
            .paragraph("霞ヶ浦", line: 3),
            Block(role: .chrome, text: "言語を追加", line: 4, rule: "wikipedia.single-chrome-lines"),
        ])
        #expect(other.flatMap(\.paragraphs).contains("霞ヶ浦"))
    }
}

extension DetectArticleBoundariesTests {
    /// Among stray titles, a line all in katakana after a title is another page's name, not
    /// its reading: a reading line has hiragana (`こうつきし`), as a lone one.
    @Test func aKatakanaLineAfterAStrayTitleIsAnotherTitle() throws {
        let (docs, _) = try run([
            .paragraph("函館山(はこだてやま)は、北海道の山...", line: 1), .paragraph("第2次世界大戦", line: 2),
            .paragraph("コンピュータ", line: 3), .paragraph("GLAY", line: 4), .paragraph("フェリー", line: 5),
            .paragraph("五稜郭(ごりょうかく)は、城郭...", line: 6),
        ])
        #expect(docs.map(\.title) == ["函館山", "第2次世界大戦", "コンピュータ", "GLAY", "フェリー", "五稜郭"])
        #expect(docs.map(\.reading) == ["はこだてやま", nil, nil, nil, nil, "ごりょうかく"])
    }

    /// A page name with its qualifier alone among previews (`呼吸 (曖昧さ回避)`) is a stray
    /// entry, as a bare title is; a photo's dated caption (`大仏殿(2009年)`) is not one.
    @Test func aQualifiedPageNameAmongPreviewsIsAStrayEntry() throws {
        let (docs, _) = try run([
            Block(role: .chrome, text: "左メニュー", line: 1, rule: "atwiki.left-menu", signal: .pageStart),
            .paragraph("摩周丸 (船)", line: 2), .paragraph("函館山(はこだてやま)は、北海道の山...", line: 3),
            .paragraph("青函(曖昧さ回避)", line: 4), .paragraph("五稜郭(ごりょうかく)は、城郭...", line: 5),
        ])
        #expect(docs.map(\.kind) == [.fragment, .fragment, .fragment, .fragment])
        #expect(docs.map(\.title) == ["摩周丸 (船)", "函館山", "青函(曖昧さ回避)", "五稜郭"])
        #expect(DetectArticleBoundaries.isQualifiedTitle("呼吸 (曖昧さ回避)") && DetectArticleBoundaries.isQualifiedTitle("東京(小説)"))
        #expect(!DetectArticleBoundaries.isQualifiedTitle("大仏殿(2009年)") && !DetectArticleBoundaries.isQualifiedTitle("港 (左から2番目)"))
        #expect(!DetectArticleBoundaries.isQualifiedTitle("(曖昧さ回避)") && !DetectArticleBoundaries.isQualifiedTitle("港 (北の港、南の港)"))
    }

    /// A disambiguation page's preview: its title line with the qualifier glued onto the lead
    /// is header (the title and reading come from the lead), and its entries (`X - 説明`) cut
    /// off before any kana are text, not navbox residue.
    @Test func aDisambiguationPreviewKeepsItsEntries() throws {
        let (docs, context) = try run([
            .paragraph("函館山(はこだてやま)は、北海道の山...", line: 1),
            .paragraph("青函 (曖昧さ回避)青函(せいかん)は、以下のものを指す。青函連絡船 - 鉄道連絡船。青函トンネル - 津軽海峡線...", line: 2),
        ])
        #expect(docs[1].title == "青函" && docs[1].reading == "せいかん" && docs[1].truncated)
        #expect(docs[1].paragraphs == ["青函(せいかん)は、以下のものを指す。青函連絡船 - 鉄道連絡船。青函トンネル - 津軽海峡線"])
        #expect(context.removed["title-line"] == StageContext.Tally(count: 1, characters: "青函 (曖昧さ回避)".unicodeScalars.count))
        // Navbox words glued after the last sentence still go.
        let (navbox, _) = try run([
            .paragraph("函館山(はこだてやま)は、北海道の山...", line: 1),
            .paragraph("高齢者虐待(こうれいしゃぎゃくたい)とは、虐待行為である。人間関係種類ボーイフレンドブロマンス同棲側...", line: 2),
        ])
        #expect(navbox[1].paragraphs == ["高齢者虐待(こうれいしゃぎゃくたい)とは、虐待行為である。"])
        // A lead that merely opens with a parenthesis is left as it is.
        #expect(DetectArticleBoundaries.qualifiedTitleLine("東京(とうきょう)は、日本の首都。") == nil)
        #expect(DetectArticleBoundaries.qualifiedTitleLine("東京 (小説)の舞台は、東京である。") == nil)
        #expect(DetectArticleBoundaries.qualifiedTitleLine("東京 (小説)東京は、小説である。")?.head == "東京 (小説)")
        // A bare title line before a lead that quotes the name.
        let quoted = DetectArticleBoundaries.qualifiedTitleLine("銀河鉄道の夜『銀河鉄道の夜』(ぎんがてつどうのよる)は、童話。")
        #expect(quoted?.head == "銀河鉄道の夜" && quoted?.title == "銀河鉄道の夜" && quoted?.reading == "ぎんがてつどうのよる")
        #expect(quoted?.rest == "『銀河鉄道の夜』(ぎんがてつどうのよる)は、童話。")
        #expect(DetectArticleBoundaries.qualifiedTitleLine("童話『銀河鉄道の夜』(ぎんがてつどうのよる)は、童話。") == nil)
    }
}

extension DetectArticleBoundariesTests {
    /// A kana line after a stray title is its reading only when it spells the title's own kana
    /// and has a kana for each kanji: `さくらんぼ` after `日本の城一覧` is another stray entry
    /// (a page named in hiragana, as a lone line among previews is), `しゃちょうきょう` after
    /// `斜張橋` a reading.
    @Test func aHiraganaLineAfterAStrayTitleThatDoesNotSpellItIsNoReadingOfIt() throws {
        let (docs, _) = try run([
            .paragraph("函館山(はこだてやま)は、北海道の山...", line: 1), .paragraph("日本の城一覧", line: 2),
            .paragraph("さくらんぼ", line: 3), .paragraph("東京タワー", line: 4), .paragraph("ひまわり", line: 5),
            .paragraph("斜張橋", line: 6), .paragraph("しゃちょうきょう", line: 7), .paragraph("五稜郭(ごりょうかく)は、城郭...", line: 8),
        ])
        #expect(docs.map(\.title) == ["函館山", "日本の城一覧", "さくらんぼ", "東京タワー", "ひまわり", "斜張橋", "五稜郭"])
        #expect(docs.map(\.reading) == ["はこだてやま", nil, nil, nil, nil, "しゃちょうきょう", "ごりょうかく"])
        #expect(DetectArticleBoundaries.spellsKana(of: "東京タワー", "とうきょうたわー"))
        #expect(DetectArticleBoundaries.spellsKana(of: "落ちこぼれ", "おちこぼれ") && !DetectArticleBoundaries.spellsKana(of: "第2次世界大戦", "さくら"))
    }
}

extension DetectArticleBoundariesTests {
    /// A preview's title line glued onto a lead with no reading (`函館朝市函館朝市とは、…`) is the
    /// title line, when the name is no reduplicated word (`ワンワンは、` stays whole).
    @Test func aTitleLineGluedOntoALeadWithNoReadingIsTheTitleLine() throws {
        let (docs, context) = try run([
            .paragraph("イカ飯(いかめし)は、郷土料理...", line: 1),
            .paragraph("函館朝市函館朝市とは、函館駅前にある市場の通称...", line: 2),
            .paragraph("ラッキーピエロラッキーピエロは、ハンバーガーチェーン...", line: 3),
            .paragraph("ワンワンワンワンは、犬の鳴き声...", line: 4),
        ])
        #expect(docs.map(\.title) == ["イカ飯", "函館朝市", "ラッキーピエロ", "ワンワンワンワン"])
        #expect(docs[1].paragraphs == ["函館朝市とは、函館駅前にある市場の通称"])
        #expect(context.removed["title-line"]?.count == 2)
        #expect(DetectArticleBoundaries.gluedTitleLine("ワンワン", reading: nil) == nil)
    }
}

extension DetectArticleBoundariesTests {
    /// In a page's body, a bare `「したっけね」(じゃあね)` (a word and its gloss in kana, nothing
    /// said after it) is a list item of the article, not the lead of another; a lead that
    /// says something (`X(よみ)は、…`) still starts one.
    @Test func aBareWordAndItsGlossInABodyStartsNoArticle() throws {
        let (docs, _) = try run([
            .paragraph("北海道の方言(ほっかいどうのほうげん)は、方言の総称。", line: 1), .heading("用例", line: 2),
            .paragraph("「したっけね」(じゃあね)", line: 3), .paragraph("わや(めちゃくちゃ)", line: 4),
            .paragraph("北海道弁は、土産物にも使われている。", line: 5),
            .paragraph("津軽弁(つがるべん)は、青森県の方言である。", line: 6),
        ])
        #expect(docs.map(\.title) == ["北海道の方言", "津軽弁"])
        #expect(docs[0].paragraphs.count == 4)
    }
}

extension DetectArticleBoundariesTests {
    /// A preview's title line right after the page's body, with no footer or share line
    /// between (`…水がめと呼ばれる。`, `アルザス=ロレーヌ`, then `アルザス=ロレーヌ(…)は、…...`), is
    /// the preview's header, as it is right after a footer: not the article's last paragraph.
    @Test func aPreviewsTitleLineRightAfterTheBodyIsItsHeader() throws {
        let (docs, context) = try run([
            .paragraph("琵琶湖(びわこ)は、滋賀県にある湖である。", line: 1), .heading("利用", line: 2),
            .paragraph("湖の水は近畿地方の水がめと呼ばれる。", line: 3), .paragraph("アルザス=ロレーヌ", line: 4),
            .paragraph("アルザス=ロレーヌ(仏: Alsace-Lorraine)は、フランス北東部の地方。普仏戦争の後...", line: 5),
        ])
        #expect(docs.map(\.title) == ["琵琶湖", "アルザス=ロレーヌ"])
        #expect(docs[0].paragraphs == ["琵琶湖(びわこ)は、滋賀県にある湖である。", "湖の水は近畿地方の水がめと呼ばれる。"])
        #expect(docs[0].source.lineEnd == 3)
        #expect(docs[1].source.lineStart == 4 && docs[1].id == "t.txt:4")
        #expect(context.removed["title-line"]?.count == 1)
        // A last line that is no title of the preview stays the article's.
        let (other, _) = try run([
            .paragraph("琵琶湖(びわこ)は、滋賀県にある湖である。", line: 1), .heading("関連項目", line: 2), .paragraph("淀川", line: 3),
            .paragraph("アルザス=ロレーヌ(仏: Alsace-Lorraine)は、フランス北東部の地方。普仏戦争の後...", line: 4),
        ])
        #expect(other[0].paragraphs.last == "淀川")
    }
}

extension DetectArticleBoundariesTests {
    /// A page name with its qualifier, then the lead's parenthesis with the reading
    /// (`呼吸 (生物学)(こきゅう)とは、`): the title is the name with its qualifier, as the lead
    /// writes it (a lone `摩周丸 (船)` keeps its qualifier too); the reading is the reading's.
    /// A date or a second name in the first parenthesis is no qualifier.
    @Test func aQualifiedNameBeforeTheLeadsParenthesisIsTheTitle() throws {
        let (docs, _) = try run([
            .paragraph("呼吸 (生物学)(こきゅう)とは、生物が酸素を取り込み二酸化炭素を出す働き...", line: 1),
            .paragraph("マーキュリー (惑星)(まーきゅりー)は、水星の英語名...", line: 2),
            .paragraph("水星 (天体) (すいせい)は、太陽系の惑星の一つ...", line: 3),
            .paragraph("ドラゴン (アニメ)（どらごん）は、架空の生き物を描いた作品...", line: 4),
        ])
        #expect(docs.map(\.title) == ["呼吸 (生物学)", "マーキュリー (惑星)", "水星 (天体)", "ドラゴン (アニメ)"])
        #expect(docs.map(\.reading) == ["こきゅう", "まーきゅりー", "すいせい", "どらごん"])
        #expect(JapaneseText.parseLead("大仏殿 (2009年)(だいぶつでん)は、") == nil)
        #expect(JapaneseText.parseLead("東京 (とうきょう)(英: Tokyo)は、") == nil)
        #expect(JapaneseText.parseLead("呼吸 (生物学)(こきゅう)")?.title == "呼吸 (生物学)")
        #expect(JapaneseText.parseLead("呼吸 (生物学)(こきゅう)の仕組み") == nil)
        // A reading whose long-vowel mark was typed as a dash (`―`, `—`): still a reading.
        #expect(JapaneseText.parseLead("ゴ―ミン(ご―みん)は、")?.reading == "ご―みん")
        #expect(JapaneseText.parseLead("マーキュリー (惑星)(ま—きゅり—)は、")?.reading == "ま—きゅり—")
        #expect(JapaneseText.parseLead("題(―だい)は、")?.reading == nil)
    }

    /// A preview's lead with no reading whose name holds a kana the lead parser takes for a
    /// particle (`ドラえもんは、`, `かぐや姫は、`): among previews, its subject is the title,
    /// with a date a list puts before it cut off; a title line over it that repeats it is
    /// its header. A clause (`この町は、`, `日本でも東京は、`) names no page.
    @Test func aPreviewLeadWithoutReadingIsTitledByItsSubject() throws {
        let (docs, context) = try run([
            .paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1),
            .paragraph("ドラえもんは、日本の漫画作品、およびその主人公の名前...", line: 2),
            .paragraph("かぐや姫とは、日本の昔話の主人公...", line: 3),
            .paragraph("2024年3月1日 ドラえもんは、日本の漫画作品...", line: 4),
            .paragraph("この町は、古くから港町として栄えた...", line: 5),
            .paragraph("日本でも東京は、人口が多い...", line: 6),
            .paragraph("となりのトトロ", line: 7),
            .paragraph("となりのトトロは、日本のアニメ映画作品...", line: 8),
        ])
        #expect(docs.map(\.title) == ["鼻葉", "ドラえもん", "かぐや姫", "ドラえもん", nil, nil, "となりのトトロ"])
        #expect(docs.map(\.truncated) == [true, true, true, true, true, true, true])
        #expect(docs[3].paragraphs == ["ドラえもんは、日本の漫画作品"])
        #expect(docs[6].source.lineStart == 7 && docs[6].paragraphs == ["となりのトトロは、日本のアニメ映画作品"])
        for clause in ["ここでは、以下を述べる...", "ドイツには、古い城が多い...", "東京からは、特急が出る...", "それは、昔の話..."] {
            #expect(DetectArticleBoundaries.previewSubject(clause) == nil, "\(clause)")
        }
        #expect(DetectArticleBoundaries.previewSubject("こころは、夏目漱石の小説...") == "こころ")
        #expect(context.removed[DetectArticleBoundaries.previewDateRule]?.count == 1)
        #expect(context.removed[DetectArticleBoundaries.previewDateRule]?.characters == "2024年3月1日".count)
    }

    /// A date a list of previews puts before each one (`2024年3月1日 富士山(…)は、`,
    /// `2024-05-02 東大寺(…)は、`, with a time or `更新`) is no part of the title; a date
    /// article's own lead (`3月1日(さんがつついたち)は、`) and a title opening with a year
    /// (`1964年東京オリンピック(…)は、`) keep their names.
    @Test func aDateBeforeAPreviewsLeadIsNotItsTitle() throws {
        let (docs, _) = try run([
            .paragraph("鼻葉(びよう)とは、ひだのこと...", line: 1),
            .paragraph("2024年3月1日 富士山(ふじさん)は、静岡県と山梨県にまたがる活火山...", line: 2),
            .paragraph("2024-05-02 東大寺(とうだいじ)は、奈良県奈良市にある寺院...", line: 3),
            .paragraph("2024/03/01 12:00 更新 桜島(さくらじま)は、鹿児島県の火山...", line: 4),
            .paragraph("3月1日(さんがつついたち)は、グレゴリオ暦で年始から60日目...", line: 5),
            .paragraph("1964年東京オリンピック(せんきゅうひゃくろくじゅうよねんとうきょうおりんぴっく)は、1964年に東京で...", line: 6),
        ])
        #expect(docs.map(\.title) == ["鼻葉", "富士山", "東大寺", "桜島", "3月1日", "1964年東京オリンピック"])
        #expect(docs.map(\.reading) == ["びよう", "ふじさん", "とうだいじ", "さくらじま", "さんがつついたち", "せんきゅうひゃくろくじゅうよねんとうきょうおりんぴっく"])
        #expect(docs[1].paragraphs == ["富士山(ふじさん)は、静岡県と山梨県にまたがる活火山"])
        #expect(DetectArticleBoundaries.leadingDate("2024年3月") == nil)
        #expect(DetectArticleBoundaries.leadingDate("2024年3月1日(金) 12:00 更新 X") == "2024年3月1日(金) 12:00 更新 ".utf8.count)
    }

    /// A lone line in hiragana among previews (`さくらんぼ`, `ひらがな`) is a page's name, as one
    /// in katakana is: not a reading of the preview before it, nor a reading of no title.
    @Test func aLoneHiraganaLineAmongPreviewsIsATitle() throws {
        let (docs, _) = try run([
            .paragraph("富士山(ふじさん)は、静岡県と山梨県にまたがる活火山...", line: 1),
            .paragraph("さくらんぼ", line: 2),
            .paragraph("桜島(さくらじま)は、鹿児島県の火山...", line: 3),
            .paragraph("ひらがな", line: 4),
            .paragraph("ドラえもん", line: 5),
            .paragraph("鼻葉(びよう)とは、ひだのこと...", line: 6),
        ])
        #expect(docs.map(\.title) == ["富士山", "さくらんぼ", "桜島", "ひらがな", "ドラえもん", "鼻葉"])
        #expect(docs.map(\.reading) == ["ふじさん", nil, "さくらじま", nil, nil, "びよう"])
    }
}

extension DetectArticleBoundariesTests {
    /// コトバンク's page header `灯台(読み)とうだい` gives the title and reading; the headwords
    /// each dictionary prints over its entry (`とう‐だい【灯台】`; the headword, reading and term
    /// in another script one a line) and the author's signature go; the entries stay.
    @Test func aDictionaryPortalsHeaderAndHeadwords() throws {
        let (docs, context) = try run([
            .paragraph("灯台(読み)とうだい", line: 1), .paragraph("とう-だい【灯台】", line: 2),
            .paragraph("1 岬や港に設けて、船舶に位置を知らせる塔状の施設。", line: 3), .paragraph("[類語]灯明台・航路標識", line: 4),
            .paragraph("灯台", line: 5), .paragraph("とうだい", line: 6), .paragraph("lighthouse", line: 7),
            .paragraph("航路標識の一種で、岬や島などに建てられる塔状の構造物。", line: 8), .paragraph("[山田太郎]", line: 9),
        ])
        #expect(docs.count == 1)
        #expect(docs[0].title == "灯台" && docs[0].reading == "とうだい")
        #expect(docs[0].paragraphs == ["1 岬や港に設けて、船舶に位置を知らせる塔状の施設。", "[類語]灯明台・航路標識", "航路標識の一種で、岬や島などに建てられる塔状の構造物。"])
        #expect(context.removed[DetectArticleBoundaries.titleLineRule]?.count == 1)
        #expect(context.removed[DetectArticleBoundaries.dictionaryHeadwordRule]?.count == 5)
    }

    @Test func dictionaryHeaderShapes() {
        #expect(DetectArticleBoundaries.dictionaryHeader("羅針盤(読み)ラシンバン(その他表記)compass")! == ("羅針盤", "ラシンバン"))
        #expect(DetectArticleBoundaries.dictionaryHeader("言葉・詞・辞(読み)ことば")! == ("言葉・詞・辞", "ことば"))
        // No kana after it, or a sentence: no header.
        #expect(DetectArticleBoundaries.dictionaryHeader("灯台(読み)lighthouse") == nil)
        #expect(DetectArticleBoundaries.dictionaryHeader("灯台の名は、(読み)とうだい") == nil)
        #expect(DetectArticleBoundaries.dictionaryHeader("灯台(とうだい)は、岬に建つ。") == nil)
    }
}

extension DetectArticleBoundariesTests {
    /// The wiki's name right over the lead (Timeless shows it first; the title line went with
    /// the menus): header, so that the lead gives the title. A name the lead is about stays.
    @Test func theWikisNameRightOverTheLeadIsHeader() throws {
        let (docs, context) = try run([
            .paragraph("灯台Wiki", line: 1), .paragraph("灯台(とうだい)は、岬に建てられる航路標識である。", line: 2),
            .paragraph("夜間に光を放つ。", line: 3),
        ])
        #expect(docs.map(\.title) == ["灯台"])
        #expect(docs[0].paragraphs == ["灯台(とうだい)は、岬に建てられる航路標識である。", "夜間に光を放つ。"])
        #expect(context.removed[DetectArticleBoundaries.headerLabelRule]?.count == 1)
        let (same, _) = try run([
            .paragraph("PukiWiki", line: 1), .paragraph("PukiWiki(ぷきうぃき)は、PHPで書かれたウィキである。", line: 2),
            .paragraph("日本で広く使われる。", line: 3),
        ])
        #expect(same[0].title == "PukiWiki")
    }
}

extension DetectArticleBoundariesTests {
    /// A page with no lead section (Seesaa's header glued to the first heading): the title
    /// line over the first heading, whose first paragraph is a lead naming it, is the page's
    /// header; the lead section is empty. A lead naming another page leaves the line as text.
    @Test func titleLineOverTheFirstHeadingOverTheLead() throws {
        let (docs, context) = try run([
            .paragraph("通潤橋", line: 1), .heading("概要", line: 2), .paragraph("通潤橋(つうじゅんきょう)は、熊本県にある石橋である。", line: 3),
            .heading("歴史", line: 4), .paragraph("1854年に完成した。", line: 5),
        ])
        #expect(docs.count == 1 && docs[0].title == "通潤橋" && docs[0].reading == "つうじゅんきょう")
        #expect(docs[0].sections.first?.heading == nil && docs[0].sections.first?.paragraphs == [])
        #expect(context.removed["title-line"]?.count == 1)
        let (plain, _) = try run([
            .paragraph("熊本の石橋", line: 1), .heading("概要", line: 2), .paragraph("熊本の石橋は、石造りの橋の総称である。", line: 3),
        ])
        #expect(plain[0].title == "熊本の石橋" && plain[0].reading == nil && plain[0].paragraphs == ["熊本の石橋は、石造りの橋の総称である。"])
        let (other, _) = try run([
            .paragraph("石橋めぐり", line: 1), .heading("概要", line: 2), .paragraph("通潤橋(つうじゅんきょう)は、熊本県にある石橋である。", line: 3),
        ])
        #expect(other[0].paragraphs.first == "石橋めぐり")
    }
}

extension DetectArticleBoundariesTests {
    /// A lead whose ruby reading ({{読み仮名}}) lost its parentheses in the scrape
    /// (`新世界訳聖書 しんせかいやくせいしょは、…`, the space gone once normalized) under the title
    /// line: the title is the title line, the reading the kana after it. Kana after the title
    /// that are particles (`日本酒のみは、`: fewer kana than kanji) are no reading.
    @Test func aReadingWhoseParenthesesTheScrapeDroppedIsTheReading() throws {
        let tagline = "出典: フリー百科事典『ウィキペディア(Wikipedia)』"
        let docs = try TestSupport.documents(
            ["新世界訳聖書", tagline, "新世界訳聖書 しんせかいやくせいしょは、エホバの証人による英語訳聖書の重訳。", "概要", "原書は1950年から分冊で発表された。"])
        #expect(docs.first?["title"] as? String == "新世界訳聖書")
        #expect(docs.first?["reading"] as? String == "しんせかいやくせいしょ")
        #expect(DetectArticleBoundaries.rubyReading(after: "新世界訳聖書", in: "新世界訳聖書しんせかいやくせいしょとは、") == "しんせかいやくせいしょ")
        #expect(DetectArticleBoundaries.rubyReading(after: "日本酒", in: "日本酒のみは、別に扱う。") == nil)
        #expect(DetectArticleBoundaries.rubyReading(after: "東京都", in: "東京都では、") == nil)
    }
}

extension DetectArticleBoundariesTests {
    /// jawiki names a company's or a juridical person's article without its legal form
    /// (Wikipedia:記事名の付け方): `任天堂株式会社(にんてんどう、…)は、` is the page `任天堂`, read
    /// `にんてんどう`; `株式会社セガ(…)は、` the page `セガ`. The article on the form keeps it.
    @Test func aLeadsLegalFormIsNoPartOfTheTitle() throws {
        #expect(JapaneseText.parseLead("任天堂株式会社(にんてんどう、英: Nintendo Co., Ltd.)は、日本の企業。")?.title == "任天堂")
        #expect(JapaneseText.parseLead("任天堂株式会社(にんてんどう、英: Nintendo Co., Ltd.)は、日本の企業。")?.reading == "にんてんどう")
        #expect(JapaneseText.parseLead("株式会社セガ(英: SEGA CORPORATION)は、日本のゲームメーカー。")?.title == "セガ")
        #expect(JapaneseText.parseLead("公益財団法人日本相撲協会(にほんすもうきょうかい)は、")?.title == "日本相撲協会")
        #expect(JapaneseText.parseLead("株式会社(かぶしきがいしゃ)は、会社の形態の一つ。")?.title == "株式会社")
        #expect(JapaneseText.parseLead("ア株式会社(あ)は、")?.title == "ア株式会社")
    }

    /// Weblio's section headword glued onto a lead whose subject opens with a legal form
    /// (`セガ 概要株式会社セガ(…)は、`): the headword goes, the subject stays whole.
    @Test func aHeadwordBeforeASubjectWithALegalForm() throws {
        let (docs, _) = try run([
            .paragraph("セガ概要株式会社セガ(英: SEGA CORPORATION)は、東京都品川区に本社を置く日本のゲームメーカー。セガサミー...", line: 1)
        ])
        #expect(docs.map(\.title) == ["セガ"])
        #expect(docs[0].paragraphs == ["株式会社セガ(英: SEGA CORPORATION)は、東京都品川区に本社を置く日本のゲームメーカー。セガサミー"])
    }

    /// The title line, then the infobox's image caption (the box itself gone as chrome), then
    /// the lead that names the title: the title line is still the page's header.
    @Test func aTitleLineOverACaptionOverTheLead() throws {
        let (docs, _) = try run([
            .paragraph("任天堂概要", line: 1), .caption("任天堂本社(2013年)", line: 2),
            .paragraph("任天堂(にんてんどう)は、京都府京都市南区に本社を置く日本の企業。", line: 3),
            .heading("沿革", line: 4), .paragraph("1889年に花札の製造を始めた。", line: 5),
        ])
        #expect(docs.map(\.title) == ["任天堂"])
        #expect(docs.map(\.reading) == ["にんてんどう"])
        #expect(docs[0].paragraphs.first == "任天堂(にんてんどう)は、京都府京都市南区に本社を置く日本の企業。")
    }
}

extension DetectArticleBoundariesTests {
    /// Lines with no sentence over the title line over the tagline, where the lead names that
    /// title, are the header of a site or scraper no rule knows (a web proxy's toolbar): they
    /// go, and the title line is the title. Where the lead names another title, they stay.
    @Test func unknownHeaderLinesOverTheTitleLineGo() throws {
        let header = ["Location via proxy: [ UP ]", "[Report a bug] [Manage cookies]"]
        let page = ["インターネット百科事典", "出典: フリー百科事典『ウィキペディア(Wikipedia)』",
                    "インターネット百科事典(いんたーねっとひゃっかじてん)は、インターネットでアクセスできる百科事典である。", "歴史[編集]",
                    "1980年代から多種多様な辞書・事典サイトがインターネットに現れた。"]
        let docs = try TestSupport.documents(header + page)
        #expect(docs.count == 1)
        #expect(docs.first?["title"] as? String == "インターネット百科事典")
        #expect(try #require(docs.first?["text"] as? String).hasPrefix("インターネット百科事典(いんたーねっと"))

        var other = page
        other[0] = "オンライン百科事典"
        let kept = try TestSupport.documents(header + other)
        #expect(try #require(kept.first?["text"] as? String).contains("Report a bug"))
    }
}

extension DetectArticleBoundariesTests {
    /// Previews cut inside their lead's parenthesis: after the reading (a biography's dates
    /// fill it) the title and the reading; inside the reading the title alone.
    @Test func aPreviewCutInsideItsLeadsParenthesis() throws {
        let (docs, _) = try run([
            Block(role: .chrome, text: "シェアボタン", line: 1, rule: "atwiki.share-button", signal: .pageEnd),
            .paragraph("河東碧梧桐(かわひがしへきごとう、1873年(明治6年)2月26日 - 1...", line: 2),
            .paragraph("伊藤左千夫(いとうさち...", line: 3),
            .paragraph("1945年(昭和20年)8月15日、...", line: 4),
        ])
        #expect(docs.map(\.title) == ["河東碧梧桐", "伊藤左千夫", nil])
        #expect(docs.map(\.reading) == ["かわひがしへきごとう", nil, nil])
    }
}
