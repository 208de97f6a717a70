import Foundation
import Testing
@testable import WikiClean

@Suite struct SplitCaptionsTests {
    let stage = SplitCaptions()

    private func split(_ lines: [String]) throws -> [String] {
        let (docs, _) = try TestSupport.apply(stage, lines)
        return docs[0].blocks.map { "\($0.role.rawValue):\($0.text)" }
    }

    @Test func captionEndingInADateBeforeAParagraph() throws {
        #expect(
            try split(["前の段落。", "国連総会に出席したカストロ(1960年4月)同年4月には早くもタンカーが到着した。"]) == [
                "paragraph:前の段落。", "caption:国連総会に出席したカストロ(1960年4月)", "paragraph:同年4月には早くもタンカーが到着した。",
            ])
    }

    /// A photo's date as Wikipedia's captions often write it, with the act after it:
    /// `(2015年5月撮影)`, `(2009年4月製作)` (a video's).
    @Test func captionDatedWithTheShootingOrMaking() throws {
        #expect(
            try split(["前の段落。", "湖岸から望む筑波山(2015年5月撮影)", "ウィキメディア財団の紹介動画(2009年4月製作)", "次の段落である。"]) == [
                "paragraph:前の段落。", "caption:湖岸から望む筑波山(2015年5月撮影)", "caption:ウィキメディア財団の紹介動画(2009年4月製作)",
                "paragraph:次の段落である。",
            ])
    }

    @Test func captionBeforeASentenceOpenerWithoutParenthesis() throws {
        #expect(
            try split(["前の段落。", "海上封鎖に参加した空母エンタープライズ10月24日午前にモスクワで書簡が出された。"]) == [
                "paragraph:前の段落。", "caption:海上封鎖に参加した空母エンタープライズ", "paragraph:10月24日午前にモスクワで書簡が出された。",
            ])
        #expect(
            try split(["前の段落。", "アナトリー・ドブルイニンこれが送信された後、会談が行われた。"]) == [
                "paragraph:前の段落。", "caption:アナトリー・ドブルイニン", "paragraph:これが送信された後、会談が行われた。",
            ])
    }

    @Test func aQuotationsAttributionIsNoCaption() throws {
        // アンサイクロペディア's quote template: the quotation, then `〜 Xについて、Y` under it.
        for mark in ["〜", "～", "~", "――", "—"] {
            let attribution = "\(mark) テトリスについて、とある会社員"
            #expect(
                try split(["前の段落。", "「一列そろえば消える」", attribution, "テトリスとは、落ち物パズルゲームである。"]) == [
                    "paragraph:前の段落。", "paragraph:「一列そろえば消える」", "paragraph:\(attribution)", "paragraph:テトリスとは、落ち物パズルゲームである。",
                ], "\(mark)")
        }
    }

    @Test func tableRowsFlattenedToTextAreNotCaptions() throws {
        // A table's rows, cells split by `|` or `｜`: a row ending in a noun is no caption.
        #expect(
            try split(["前の段落。", "2012年 | 東京スカイツリーへの電波送信移行", "1958年｜竣工した電波塔の展望台"]) == [
                "paragraph:前の段落。", "paragraph:2012年 | 東京スカイツリーへの電波送信移行", "paragraph:1958年｜竣工した電波塔の展望台",
            ])
        // The same words without cell separators are still a caption line.
        #expect(
            try split(["前の段落。", "竣工した電波塔の展望台(1958年)"]) == ["paragraph:前の段落。", "caption:竣工した電波塔の展望台(1958年)"])
    }

    @Test func captionSeparatedBySpacesOrFullWidthForms() throws {
        #expect(
            try split(["前の段落。", "国連総会に出席したカストロ（１９６０年４月）　同年４月には早くもタンカーが到着した。"]) == [
                "paragraph:前の段落。", "caption:国連総会に出席したカストロ（１９６０年４月）", "paragraph:同年４月には早くもタンカーが到着した。",
            ])
        #expect(
            try split(["前の段落。", "海上封鎖に参加した空母エンタープライズ 10月24日午前にモスクワで書簡が出された。"]) == [
                "paragraph:前の段落。", "caption:海上封鎖に参加した空母エンタープライズ", "paragraph:10月24日午前にモスクワで書簡が出された。",
            ])
    }

    @Test func lineOfTwoGluedCaptions() throws {
        #expect(
            try split(["前の段落。", "撃墜された爆撃機の残骸アイゼンハワー(右)とケネディ"]) == [
                "paragraph:前の段落。", "caption:撃墜された爆撃機の残骸", "caption:アイゼンハワー(右)とケネディ",
            ])
        #expect(
            try split(["前の段落。", "空中給油を受けるロッキードU-2発射準備が進められたジュピター"]) == [
                "paragraph:前の段落。", "caption:空中給油を受けるロッキードU-2", "caption:発射準備が進められたジュピター",
            ])
    }

    /// A one-caption line whose nouns change script inside one noun phrase is not cut there:
    /// a one-kanji prefix of a katakana name (`東ドイツ`), a model name and its kind
    /// (`B-26爆撃機の`, `B-59潜水艦と`).
    @Test func oneCaptionLineIsNotCutInsideANounPhrase() throws {
        for caption in [
            "キューバ近海を航行する東ドイツの貨物船の上空を飛行するアメリカ軍の偵察機(10月17日)",
            "ピッグス湾事件で撃墜されたアメリカ軍のB-26爆撃機の残骸",
            "ソ連海軍のB-59潜水艦とその上空を飛ぶアメリカ海軍のヘリコプター",
        ] {
            #expect(try split(["前の段落。", caption, "次の段落。"]) == ["paragraph:前の段落。", "caption:\(caption)", "paragraph:次の段落。"])
        }
    }

    /// A line that names a place in a photo in parentheses is a caption, though no date or
    /// position closes it; a parenthesis that names no place is no such sign.
    @Test func lineNamingAPlaceInAPhotoIsACaption() throws {
        #expect(try split(["前の段落。", "アイゼンハワー(右)とケネディ", "次の段落。"])[1] == "caption:アイゼンハワー(右)とケネディ")
        #expect(try split(["前の段落。", "会談する両国の代表団（左から3人目が首相）", "次の段落。"])[1] == "caption:会談する両国の代表団（左から3人目が首相）")
        #expect(try split(["前の段落。", "アイゼンハワー(共和党)とケネディ", "次の段落。"])[1] == "paragraph:アイゼンハワー(共和党)とケネディ")
    }

    /// A page's title line over its lead is no caption, though it has a caption's shape (a
    /// verb before a noun).
    @Test func titleLineOverItsLeadIsNoCaption() throws {
        let title = "高杉晋作が登場する大衆文化作品一覧"
        let lead = "高杉晋作が登場する大衆文化作品一覧(たかすぎしんさくがとうじょうするたいしゅうぶんかさくひんいちらん)では、作品を挙げる。"
        #expect(try split(["前の段落。", title, lead])[1] == "paragraph:\(title)")
        #expect(try split(["前の段落。", title, "次の段落。"])[1] == "caption:\(title)")
    }

    @Test func standaloneCaptionLine() throws {
        #expect(try split(["前の段落。", "大鳴門橋から見た渦潮(2015年5月)", "次の段落。"])[1] == "caption:大鳴門橋から見た渦潮(2015年5月)")
    }

    @Test func leadsQuotesListsAndProseAreNotCaptions() throws {
        let lines = [
            "キューバ危機(キューバきき、英: Cuban Missile Crisis)は、1962年の出来事。",
            "ワシントン時間10月28日午前9時、首相が発表した。",
            "ゾーリン「私はアメリカの法廷に立たされているのではない」",
            "18日の会議でロバート・ケネディは、",
            "1. 外交交渉のみを行う案",
            "ルフォ・ロペス財務大臣の更迭(その後アメリカに亡命)など、対立は決定的なものとなった。",
            "ケネディは21日(日)にテレビで演説する意向を示した。",
            "この「ピッグズ湾事件」の直後の4月28日に、経済封鎖が発表された。",
            "ニクソン政権の時代に国家安全保障担当特別補佐官そして国務長官を務めた人物である。",
            "鼻葉(びよう)とは、小型のコウモリで発達している鼻のまわりの複雑なひだのこと...",
        ]
        let out = try split(lines)
        #expect(out == lines.map { "paragraph:\($0)" })
    }

    @Test func linesUnderAGalleryHeadingAreCaptions() throws {
        let blocks: [Block] = [
            .paragraph("ピカチュウは、ポケモンの一種である。", line: 1), .heading("ギャラリー", line: 2), .paragraph("アニメのピカチュウ", line: 3),
            .paragraph("ゲームのピカチュウ(初代)", line: 4), .paragraph("この画像は公式のものである。", line: 5), .heading("トリビア", line: 6),
            .paragraph("電気ネズミ", line: 7),
        ]
        var context = StageContext(stage: SplitCaptions.identifier)
        let docs = SplitCaptions().apply(to: Document(id: "t", kind: .page, blocks: blocks, source: SourceLocation(input: "t")), context: &context)
        #expect(docs[0].captions == ["アニメのピカチュウ", "ゲームのピカチュウ(初代)"])
        // A sentence under the gallery, and a short line under another heading, stay text.
        #expect(docs[0].blocks.filter { $0.role == .paragraph }.map(\.text) == ["ピカチュウは、ポケモンの一種である。", "この画像は公式のものである。", "電気ネズミ"])
    }

    /// A gallery caption written as sentences (`石巻港に停泊する船。震災前に撮影された。`), right
    /// after another caption of the gallery, is a caption: its first sentence is a noun phrase.
    /// The same line before the first caption (the gallery's introduction), or a sentence that
    /// says something, stays text.
    @Test func aSentenceCaptionAmongAGallerysCaptionsIsACaption() throws {
        func run(_ lines: [String]) throws -> Document {
            let blocks = [Block.paragraph("函館港(はこだてこう)は、北海道の港湾。", line: 1), .heading("ギャラリー", line: 2)]
                + lines.enumerated().map { Block.paragraph($0.element, line: $0.offset + 3) }
            var context = StageContext(stage: SplitCaptions.identifier)
            return SplitCaptions().apply(to: Document(id: "t", kind: .page, blocks: blocks, source: SourceLocation(input: "t")), context: &context)[0]
        }
        let gallery = try run(["函館山から見た夜景", "港に停泊する連絡船。現在は記念館として公開されている。", "摩周丸(2015年8月)"])
        #expect(gallery.captions == ["函館山から見た夜景", "港に停泊する連絡船。現在は記念館として公開されている。", "摩周丸(2015年8月)"])
        let intro = try run(["港に停泊する連絡船。現在は記念館として公開されている。", "函館山から見た夜景"])
        #expect(intro.captions == ["函館山から見た夜景"])
        let remark = try run(["函館山から見た夜景", "いずれも2015年に撮影されたものである。"])
        #expect(remark.captions == ["函館山から見た夜景"])
    }
}

extension SplitCaptionsTests {
    /// A photo caption glued before a lead that names its title with a reading is cut, on a
    /// truncated preview too; a lead with a date parenthesis in its own subject, or with no
    /// lead after the parenthesis, stays whole.
    @Test func aCaptionGluedBeforeALeadIsCut() throws {
        #expect(
            try split(["偕楽園の梅林(2015年2月)偕楽園(かいらくえん)は、茨城県水戸市にある日本庭園。約3000本の梅で..."]) == [
                "caption:偕楽園の梅林(2015年2月)", "paragraph:偕楽園(かいらくえん)は、茨城県水戸市にある日本庭園。約3000本の梅で...",
            ])
        #expect(
            try split(["ゴジラ(1954年の映画)は、日本の特撮映画である。"]) == ["paragraph:ゴジラ(1954年の映画)は、日本の特撮映画である。"])
        #expect(
            try split(["本殿(2010年)は、国宝に指定されている..."]) == ["paragraph:本殿(2010年)は、国宝に指定されている..."])
    }
}

extension SplitCaptionsTests {
    /// After a date parenthesis, a sentence opened by a hiragana adverb (`いずれも`, `かつて`) is
    /// split from the caption; a particle after the parenthesis continues the sentence.
    @Test func aCaptionBeforeAHiraganaAdverbIsCut() throws {
        #expect(
            try split(["前の段落。", "雪吊りが施された兼六園(2011年1月)いずれも回遊式の庭園で、多くの観光客が訪れる。"]) == [
                "paragraph:前の段落。", "caption:雪吊りが施された兼六園(2011年1月)", "paragraph:いずれも回遊式の庭園で、多くの観光客が訪れる。",
            ])
        #expect(
            try split(["前の段落。", "修復された本堂(2011年1月)かつては五重塔も建っていた。"]) == [
                "paragraph:前の段落。", "caption:修復された本堂(2011年1月)", "paragraph:かつては五重塔も建っていた。",
            ])
        #expect(
            try split(["前の段落。", "大規模な修理工事(1960年)までに多くの建物が失われた。"]) == [
                "paragraph:前の段落。", "paragraph:大規模な修理工事(1960年)までに多くの建物が失われた。",
            ])
    }
}

extension SplitCaptionsTests {
    /// A chronology's line opens with a year and its era in parentheses: a date alone is no
    /// caption, whatever follows it (a digit, a kanji, a hiragana adverb); a caption with more
    /// than a date before its parenthesis is still cut.
    @Test func aDateWithItsEraOpeningASentenceIsNoCaption() throws {
        let lines = [
            "前の段落。", "1947年(昭和22年)3月15日に麹町区と神田区が合併して千代田区が成立した。",
            "1964年(昭和39年)東京オリンピックにあわせて首都高速道路が開通した。", "2011年(平成23年)かつての庁舎を建て替えた新庁舎での業務が始まった。",
            "平成23年(2011年)いずれの出張所でも証明書の交付が始まった。",
        ]
        #expect(try split(lines) == lines.map { "paragraph:" + $0 })
        #expect(
            try split(["前の段落。", "建て替えられた庁舎(2011年)かつての庁舎は解体された。"]) == [
                "paragraph:前の段落。", "caption:建て替えられた庁舎(2011年)", "paragraph:かつての庁舎は解体された。",
            ])
    }
}

extension SplitCaptionsTests {
    /// A chronology puts a year and its era on a line of their own over each event: such a
    /// line is no caption (a photo's caption with a date is still one).
    @Test func aYearAndItsEraAloneOnALineIsNoCaption() throws {
        let lines = ["東京府は、府である。", "1868年(明治元年)", "江戸を東京と改称した。", "1871年(明治4年)", "廃藩置県により、新たな東京府となった。"]
        #expect(try split(lines) == lines.map { "paragraph:" + $0 })
        #expect(!SplitCaptions.isDatedCaptionLine("1871年(明治4年)") && SplitCaptions.isDatedCaptionLine("大仏殿(2009年)"))
    }
}

extension SplitCaptionsTests {
    /// A filmography or an award list: items one a line, each shaped like a lone photo
    /// caption (`作品名(2014年)`), stay paragraphs when the line before or after has the same
    /// shape; the same line alone between paragraphs is still a caption.
    @Test func runsOfListItemsAreNotCaptions() throws {
        let works = ["海の記憶(2010年) - 主演・佐伯航 役", "霧の港(2014年)", "遠い岬(2018年、監督:高橋一郎)"]
        #expect(try split(["前の段落。"] + works) == ["paragraph:前の段落。"] + works.map { "paragraph:\($0)" })
        let awards = ["2010年 - 第12回港町映画祭 新人賞(『海の記憶』)", "2015年 - 第30回関東ドラマアカデミー賞 助演男優賞(『青い坂道』)"]
        #expect(try split(["前の段落。"] + awards) == ["paragraph:前の段落。"] + awards.map { "paragraph:\($0)" })
        let staff = ["監督 - 高橋一郎", "キャラクターデザイン - 伊藤三奈"]
        #expect(try split(["前の段落。"] + staff) == ["paragraph:前の段落。"] + staff.map { "paragraph:\($0)" })
        let titles = ["地域リーグ優勝:2回(2010年、2019年)", "県選手権優勝：5回"]
        #expect(try split(["前の段落。"] + titles) == ["paragraph:前の段落。"] + titles.map { "paragraph:\($0)" })
        // A time (`12:30`) is no label, nor a colon inside a parenthesis or after a sentence.
        #expect(!SplitCaptions.hasLabelShape("12:30の港浜駅") && !SplitCaptions.hasLabelShape("港浜駅(2010年:撮影)"))
        #expect(!SplitCaptions.hasLabelShape("駅である。構造:地上駅") && SplitCaptions.hasLabelShape("監督：高橋一郎"))
        // Alone: a caption, as before.
        #expect(try split(["前の段落。", "霧の港(2014年)", "次の段落。"]) == ["paragraph:前の段落。", "caption:霧の港(2014年)", "paragraph:次の段落。"])
        // Two captions of different shapes in a row stay captions.
        #expect(
            try split(["前の段落。", "霧の港(2014年)", "撃墜された爆撃機の残骸アイゼンハワー(右)とケネディ"]) == [
                "paragraph:前の段落。", "caption:霧の港(2014年)", "caption:撃墜された爆撃機の残骸", "caption:アイゼンハワー(右)とケネディ",
            ])
    }

    /// Two photos' captions in a row, each dated to its month (`芭蕉庵跡(2016年5月)`), are
    /// captions: a work is listed with its year alone (`霧の港(2014年)`).
    @Test func captionsDatedToTheMonthAreNoListOfWorks() throws {
        #expect(
            try split(["前の段落。", "深川の芭蕉庵跡(2016年5月)", "山寺の立石寺(2019年10月)", "次の段落。"]) == [
                "paragraph:前の段落。", "caption:深川の芭蕉庵跡(2016年5月)", "caption:山寺の立石寺(2019年10月)", "paragraph:次の段落。",
            ])
        #expect(try split(["前の段落。", "霧の港(2014年)", "遠い岬(2018年、監督:高橋一郎)"]) == ["paragraph:前の段落。", "paragraph:霧の港(2014年)", "paragraph:遠い岬(2018年、監督:高橋一郎)"])
    }

    /// A number and the kanji that counts it (`第12回`, `全12話`) are never cut apart; a
    /// model name and the caption after it are, whatever dash the name holds.
    @Test func aBareNumberKeepsItsCounter() throws {
        #expect(
            try split(["前の段落。", "2010年 - 第12回港町映画祭 新人賞(『海の記憶』)", "次の段落。"]) == [
                "paragraph:前の段落。", "paragraph:2010年 - 第12回港町映画祭 新人賞(『海の記憶』)", "paragraph:次の段落。",
            ])
        for dash in ["-", "―", "—", "－"] {
            #expect(
                try split(["前の段落。", "空中給油を受けるロッキードU\(dash)2発射準備が進められたジュピター"]) == [
                    "paragraph:前の段落。", "caption:空中給油を受けるロッキードU\(dash)2", "caption:発射準備が進められたジュピター",
                ])
        }
    }

    /// A table's rows glued into one line (an episode list: number, title, staff, air date)
    /// hold two full dates outside parentheses: no caption line, though it ends in a noun.
    @Test func gluedTableRowsAreNotACaptionLine() throws {
        let rows = "話数サブタイトル脚本放送日第1話灯台の少女田中二美2019年4月7日第2話星を数える夜田中二美2019年4月14日"
        #expect(try split(["前の段落。", rows]) == ["paragraph:前の段落。", "paragraph:\(rows)"])
        #expect(SplitCaptions.fullDatesOutsideParentheses(Array(rows.unicodeScalars)) == 2)
        #expect(SplitCaptions.fullDatesOutsideParentheses(Array("会談するケネディ(1962年10月29日)と話す首相(1962年10月30日)".unicodeScalars)) == 0)
    }
}

extension SplitCaptionsTests {
    /// A line cut with `・・・` is a cut preview's or a paused sentence's, never a caption, as
    /// with `...` and `…`.
    @Test func aLineEndingInMiddleDotsIsNoCaption() throws {
        #expect(
            try split(["前の段落。", "解散の理由について、団員は多くを語らなかった・・・", "次の段落。"]) == [
                "paragraph:前の段落。", "paragraph:解散の理由について、団員は多くを語らなかった・・・", "paragraph:次の段落。",
            ])
        #expect(JapaneseText.endsWithMiddleDotMark("語らなかった･･･") && !JapaneseText.endsWithMiddleDotMark("語らなかった・・・・・・"))
    }
}

extension SplitCaptionsTests {
    /// A lone photo caption that opens with a year and `の` (`1998年のマシン(1998年4月)`) is a
    /// caption though the paragraph after it opens with a year (`1998年、…`): `YYYY年の…` is a
    /// noun phrase, no chronology's row. Rows `YYYY年、…` in a run stay a list.
    @Test func aYearFirstNounPhraseCaptionIsNoChronologyRow() throws {
        #expect(
            try split(["前の段落。", "1998年のマシン(1998年4月)", "1998年、F1にデビューした。"]) == [
                "paragraph:前の段落。", "caption:1998年のマシン(1998年4月)", "paragraph:1998年、F1にデビューした。",
            ])
        #expect(SplitCaptions.listShape("1998年のマシン(1998年4月)") == nil)
        #expect(SplitCaptions.listShape("1998年、F1にデビューした。") == .year && SplitCaptions.listShape("1998年 - F1デビュー") == .year)
        #expect(SplitCaptions.listShape("1998年") == .year)
        // The spaced dash of a list item, however written.
        for dash in ["-", "–", "－", "—", "―", "−"] {
            #expect(SplitCaptions.listShape("滝見橋 \(dash) 滝を正面から眺められる橋") == .dash, "\(dash)")
        }
    }
}

extension SplitCaptionsTests {
    /// Under a section of links (`関連項目`, `外部リンク`), a line alone is the list's item, not
    /// a photo's caption, whatever its shape (`阿蘇くじゅう国立公園` reads like a clause and a
    /// noun); under another heading the same line still is one.
    @Test func aLineUnderALinkSectionIsNoCaption() throws {
        func blocks(_ heading: String) -> Document {
            Document(
                id: "t.txt:1", kind: .page,
                blocks: [
                    .paragraph("阿蘇山(あそさん)は、熊本県にある活火山である。", line: 1), .heading(heading, line: 2),
                    .paragraph("九州の火山", line: 3), .paragraph("阿蘇くじゅう国立公園", line: 4), .heading("脚注", line: 5),
                ], source: SourceLocation(input: "t.txt", lineStart: 1, lineEnd: 5))
        }
        var context = StageContext(stage: "split-captions")
        let links = stage.apply(to: blocks("関連項目"), context: &context)
        #expect(links[0].captions.isEmpty)
        let other = stage.apply(to: blocks("景観"), context: &context)
        #expect(other[0].captions == ["阿蘇くじゅう国立公園"])
    }
}

extension SplitCaptionsTests {
    /// The documents' titles, texts and captions from the default pipeline.
    private func pipelineDocuments(_ lines: [String]) throws -> [(title: String?, text: String, captions: [String])] {
        try TestSupport.documents(lines).map { d in
            (d["title"] as? String, try #require(d["text"] as? String), try #require(d["captions"] as? [String]))
        }
    }

    /// A desktop skin floats the first photo beside the lead; a scrape puts its caption between
    /// the tagline (and a redirect notice) and the lead, and such a caption may hold sentences:
    /// it is a caption, and the title and reading are the lead's. Where no tagline is over it
    /// (an @wiki page's own introduction over a character's entry), a line over a truncated
    /// lead (a list of previews), or a line with an open quotation, it stays text.
    @Test func aCaptionBetweenTheTaglineAndTheLeadIsACaption() throws {
        let caption = "インターネット百科事典。コンピューターを使ってインターネット経由で閲覧する。"
        let lead = "インターネット百科事典(インターネットひゃっかじてん)は、インターネットでアクセスできるデジタル百科事典である。"
        let body = ["歴史[編集]", "1980年代から1990年代にかけて、多種多様な辞書・事典サイトがインターネットに現れた。"]
        let page = try pipelineDocuments(
            ["インターネット百科事典", "出典: フリー百科事典『ウィキペディア(Wikipedia)』", "オンライン百科事典から転送)", caption, lead] + body)
        #expect(page.count == 1)
        #expect(page.first?.title == "インターネット百科事典")
        #expect(page.first?.captions == [caption])
        #expect(page.first?.text.contains("コンピューターを使って") == false)

        // A scrape that keeps the image's alt text gives the caption twice.
        let twice = try pipelineDocuments(
            ["冕冠", "出典: フリー百科事典『ウィキペディア(Wikipedia)』", "孝明天皇の冕冠", "孝明天皇の冕冠",
             "冕冠(べんかん)は、日本の天皇・皇太子が着用した礼冠の一種。"] + body)
        #expect(twice.first?.captions == ["孝明天皇の冕冠", "孝明天皇の冕冠"])
        #expect(twice.first?.title == "冕冠")

        let intro = "このページでは主な登場人物を紹介する。"
        let wiki = try pipelineDocuments(["左メニュー", intro, "山田太郎(やまだたろう)は、本作の主人公。"] + body)
        #expect(wiki.first?.captions == [])
        #expect(wiki.first?.text.hasPrefix(intro) == true)

        let quoted = "「インターネット百科事典。コンピューターを使って閲覧する"
        let open = try pipelineDocuments(["出典: フリー百科事典『ウィキペディア(Wikipedia)』", quoted, lead] + body)
        #expect(open.first?.captions == [])
        #expect(open.first?.text.hasPrefix(quoted) == true)
    }
}

extension SplitCaptionsTests {
    /// A katakana name after kanji goes on the kanji's name (`京都リサーチセンター`,
    /// `東京スカイツリー`): a caption line is not cut there into two captions.
    @Test func aKatakanaNameAfterKanjiIsNoSecondCaption() throws {
        #expect(
            try split(["前の段落。", "開発拠点の京都リサーチセンター(2015年8月)", "次の段落である。"]) == [
                "paragraph:前の段落。", "caption:開発拠点の京都リサーチセンター(2015年8月)", "paragraph:次の段落である。",
            ])
        #expect(
            try split(["前の段落。", "隅田川から見た東京スカイツリー(2012年5月)", "次の段落である。"]) == [
                "paragraph:前の段落。", "caption:隅田川から見た東京スカイツリー(2012年5月)", "paragraph:次の段落である。",
            ])
    }
}

extension SplitCaptionsTests {
    /// A line of two photo captions under a heading, the first dated, the second not
    /// (`子規庵(2008年7月)大龍寺にある正岡子規の墓`): both are captions, as the second is
    /// shaped as one (a clause before its noun), like the seed's `…ロッキードU-2発射準備が…`.
    @Test func anUndatedCaptionAfterADatedOneOnACaptionLine() throws {
        #expect(
            try split(["前の段落である。", "子規庵(2008年7月)大龍寺にある正岡子規の墓", "次の段落である。"]) == [
                "paragraph:前の段落である。", "caption:子規庵(2008年7月)", "caption:大龍寺にある正岡子規の墓", "paragraph:次の段落である。",
            ])
    }

    /// An undated photo caption glued before a biography's lead whose name and reading are
    /// spaced (`正岡 子規(まさおか しき、…`): the cut is before the family name. A lead with no
    /// caption, or a caption with no hiragana, stays whole.
    @Test func anUndatedCaptionBeforeASpacedPersonsLead() throws {
        #expect(
            try split(["松山市にある子規記念博物館正岡 子規(まさおか しき、1867年10月14日 - 1902年9月19日)は、日本の俳人。"]) == [
                "caption:松山市にある子規記念博物館", "paragraph:正岡 子規(まさおか しき、1867年10月14日 - 1902年9月19日)は、日本の俳人。",
            ])
        #expect(
            try split(["前の段落である。", "林 芙美子(はやし ふみこ、1903年 - 1951年)は、日本の小説家。"]) == [
                "paragraph:前の段落である。", "paragraph:林 芙美子(はやし ふみこ、1903年 - 1951年)は、日本の小説家。",
            ])
        #expect(
            try split(["前の段落である。", "山口市にある記念館中原 中也(なかはら ちゅうや、1907年 - 1937年)は、日本の詩人。"]) == [
                "paragraph:前の段落である。", "caption:山口市にある記念館", "paragraph:中原 中也(なかはら ちゅうや、1907年 - 1937年)は、日本の詩人。",
            ])
        #expect(SplitCaptions.captionBeforePersonLead("東京都台東区正岡 子規(まさおか しき)は、", maximumCaptionLength: 100) == nil)
    }
}

extension SplitCaptionsTests {
    /// A photo's date with the time of day or an approximation after the day or month
    /// (`(1923年9月1日午後)`, `(9月2日夜)`, `(1923年9月頃)`), as a disaster's or a battle's
    /// captions write it: the caption ends there.
    @Test func captionDatedWithTheTimeOfDay() throws {
        #expect(
            try split(["前の段落。", "被服廠跡に避難した人々(1923年9月1日午後)本所区の被服廠跡では、多くの人が亡くなった。"]) == [
                "paragraph:前の段落。", "caption:被服廠跡に避難した人々(1923年9月1日午後)", "paragraph:本所区の被服廠跡では、多くの人が亡くなった。",
            ])
        #expect(
            try split(["前の段落。", "炎上する市街地(9月2日夜)", "焼け跡の日本橋(1923年9月頃)", "次の段落である。"]) == [
                "paragraph:前の段落。", "caption:炎上する市街地(9月2日夜)", "caption:焼け跡の日本橋(1923年9月頃)", "paragraph:次の段落である。",
            ])
    }
}
