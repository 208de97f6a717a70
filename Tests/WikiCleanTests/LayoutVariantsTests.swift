import Foundation
import Testing
@testable import WikiClean

/// Layout cases rendered a little differently, as other scrapes of the same site do (lines
/// glued together, optional boxes missing): the documents must come out as for the case
/// itself, whose output the layout gold checks.
@Suite struct LayoutVariantsTests {
    private func lines(_ layout: String) throws -> [String] {
        try String(contentsOf: TestSupport.fixture("layouts/\(layout)/input.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The documents of `lines`, without `id` and `source` (line numbers shift in a variant).
    private func documents(_ lines: [String]) throws -> [[String: Any]] {
        let path = TestSupport.write(lines.joined(separator: "\n"))
        let docs = try TestSupport.run(try TestSupport.defaultPipeline(), path: path).docs
        return try docs.split(separator: "\n").map { line in
            var d = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            d["id"] = nil
            d["source"] = nil
            return d
        }
    }

    /// Equal as JSON (keys sorted).
    private func same(_ a: [[String: Any]], _ b: [[String: Any]]) -> Bool {
        func canonical(_ v: [[String: Any]]) -> Data? { try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys]) }
        return canonical(a) != nil && canonical(a) == canonical(b)
    }

    /// Two pages of different sites run together (no page start the reader knows between
    /// them): each page's documents come out as for the page alone. The page before has edit
    /// markers (`[編集]`, mobile `見出し 編集`) or PukiWiki anchors, the page after bare headings
    /// or none of its marks; a footer or a tagline of the first ends it.
    @Test(arguments: [
        ("trafilatura-text", "growi"), ("legacy-vector", "growi"), ("atwiki-list-previews", "growi"), ("growi", "pukiwiki-plus"),
        ("talk-mobile", "kotobank"), ("pukiwiki", "kotobank"), ("crlf-bom-fullwidth", "kotobank"), ("mediawiki-skins", "kotobank"),
        ("monobook-2008", "growi"), ("monobook-2008", "kotobank"), ("vector2022", "monobook-2008"),
    ])
    func pagesOfTwoSitesRunTogetherKeepTheirOwnHeadings(first: String, second: String) throws {
        try pagesRunTogetherGiveTheirOwnDocuments(first: first, second: second)
    }

    /// Two pages run together where the end of the first could be taken for the start of the
    /// second, or the reverse: GROWI's comment form `コメントを追加` (a footer line, not the next
    /// page's title line), kotobank's last line over a wiki's name and its header menus (the
    /// name goes with the next page), a Seesaa comment block that is empty over the next page's
    /// HTML title (the block ends where the page does), a blog entry's title in the はてな
    /// block under an article over ニコニコ大百科's logo (which heads its page), lynx's
    /// references over the next page (the list ends with its numbered URLs), a wiki's name
    /// after the footer of the page before (`カテゴリ: …`), the next page's header; WIKIWIKI's
    /// topicpath `Top > …` after another page's previews (it opens its page).
    @Test(arguments: [
        ("growi", "trafilatura-text"), ("kotobank", "mediawiki-skins"), ("mixed-families-atwiki", "kotobank"), ("hatena-keyword", "nicopedia"),
        ("lynx-dump", "growi"), ("trafilatura-text", "mediawiki-skins"), ("jawiki-dump", "mediawiki-skins"),
        ("atwiki-lead-shapes", "pukiwiki-paraedit"), ("mirror-diff", "pukiwiki-paraedit"),
    ])
    func pageEndsAndStartsThatLookAlikeStayApart(first: String, second: String) throws {
        try pagesRunTogetherGiveTheirOwnDocuments(first: first, second: second)
    }

    private func pagesRunTogetherGiveTheirOwnDocuments(first: String, second: String) throws {
        let a = try lines(first), b = try lines(second)
        func trimmed(_ l: [String]) -> [String] { Array(l.reversed().drop(while: \.isEmpty).reversed()) }
        let together = try documents(trimmed(a) + trimmed(b))
        let expected = try documents(trimmed(a)) + documents(trimmed(b))
        #expect(same(together, expected), "\(together.map { $0["title"] ?? "nil" })")
    }

    /// A page scraped with its HTML title line (`X - Wikipedia`, `X – Wikipedia`, `X - ウィキペディア`,
    /// `X - Wikiwand`, `X | Y Wiki | Fandom`) right after a page of another site whose headings
    /// carry `[編集]`, with no other page start between them (the reader does not cut there: a
    /// whole line that ends in a site's name is also how a page lists a link, as nicopedia's
    /// `関連リンク`): the title line ends the first page's document and the second page's bare
    /// headings are headings, as for the pages alone.
    @Test(arguments: ["富士山 - Wikipedia", "富士山 – Wikipedia", "富士山 - ウィキペディア", "富士山 - Wikiwand", "富士山 | 日本の山 Wiki | Fandom"])
    func anHTMLTitleLineStartsTheNextPagesDocument(title: String) throws {
        let first = ["灯台は、船舶に位置を知らせる施設である。", "歴史[編集]", "明治時代に多くの灯台が建てられた。石造りのものが多い。"]
        let second = [title, "富士山", "富士山（ふじさん）は、静岡県と山梨県にまたがる活火山である。", "地理", "標高は3776メートルで、日本の最高峰である。", "歴史",
            "古くから信仰の対象とされてきた。"]
        let together = try documents(first + second)
        #expect(together.count == 2)
        #expect(same(together, try documents(first) + documents(second)), "\(together.map { $0["sections"] ?? "nil" })")
        let sections = try #require(together.last?["sections"] as? [[String: Any]])
        #expect(sections.compactMap { $0["heading"] as? String } == ["地理", "歴史"])
    }

    /// The HTML title line of a family that names itself in it (`X - atwiki（アットウィキ）`,
    /// `X - Seesaa Wiki（ウィキ）`, `Xとは (読みとは) [単語記事] - ニコニコ大百科`,
    /// `X (読み)とは【ピクシブ百科事典】`, `Xとは - はてなキーワード`), put above a page of that
    /// family: the page gives the same document as without it, and after another page it starts
    /// the page's document.
    @Test(arguments: [
        ("atwiki-native", "BitTorrent - ネットワーク技術メモ - atwiki（アットウィキ）"),
        ("seesaa", "通潤橋 - 熊本の石橋 Wiki - Seesaa Wiki（ウィキ）"),
        ("nicopedia", "法隆寺とは (ホウリュウジとは) [単語記事] - ニコニコ大百科"),
        ("pixiv", "琵琶湖 (びわこ)とは【ピクシブ百科事典】"),
        ("hatena-keyword", "桜島とは - はてなキーワード"),
    ])
    func aFamilysHTMLTitleLineOverItsPageChangesNothing(layout: String, title: String) throws {
        let page = Array(try lines(layout).reversed().drop(while: \.isEmpty).reversed())
        let alone = try documents(page)
        let titled = try documents([title] + page)
        #expect(same(titled, alone), "\(titled.map { $0["title"] ?? "nil" }) \(titled.first?["sections"] ?? "nil")")
        let first = ["灯台は、船舶に位置を知らせる施設である。", "歴史[編集]", "明治時代に多くの灯台が建てられた。石造りのものが多い。"]
        let together = try documents(first + [title] + page)
        #expect(same(together, try documents(first) + alone), "\(together.map { $0["title"] ?? "nil" })")
    }

    /// A Fandom page scraped with the desktop skin's navigation (FandomDesktop): the global
    /// navigation down the left edge over the community header, and the community's `探索` menu
    /// under the wiki's name, whose words are also the footer's (a page end): the same documents
    /// as the page without them. A list of three of the navigation's generic words in a body
    /// (`ゲーム`, `映画`, `テレビ`) stays.
    @Test func fandomDesktopNavigationGivesTheSameDocuments() throws {
        let raw = Array(try lines("fandom-mobile").reversed().drop(while: \.isEmpty).reversed())
        #expect(raw[0] == "Fandom" && raw[1] == "日本の城 Wiki")
        let expected = try documents(raw)
        let global = ["FANDOM", "ゲーム", "映画", "テレビ", "Wiki", "Wikiを探索", "コミュニティセントラル", "Wikiを作成"]
        let explore = ["探索", "メインページ", "すべてのページ", "コミュニティ", "最近のブログ記事"]
        let desktop = global + [raw[1]] + explore + raw[2...]
        let got = try documents(desktop)
        #expect(got.count == 1)
        #expect(same(got, expected), "\(got.map { $0["title"] ?? "nil" }) \(got.first?["sections"] ?? "nil")")

        let body = ["映像化", "本作は次の媒体で展開された。", "ゲーム", "映画", "テレビ"]
        let withList = try documents(Array(raw[..<9]) + body + raw[9...])
        let text = try #require(withList.first?["text"] as? String)
        #expect(text.contains("ゲーム\n映画\nテレビ"), "\(text)")
    }

    @Test func mirrorSkipLinkGluedToTheBannerGivesTheSameDocuments() throws {
        let raw = try lines("jawiki-mirror")
        #expect(raw[0] == "コンテンツにスキップ" && raw[1].hasPrefix("英文维基"))
        let glued = [raw[0] + raw[1]] + raw[2...]
        let expected = try documents(raw)
        let got = try documents(glued)
        #expect(got.count == 1)
        #expect(same(got, expected), "\(got.map { $0["title"] ?? "nil" })")
    }

    @Test func pixivArticleWithoutSummaryAndContentsBoxKeepsItsFirstHeading() throws {
        let raw = try lines("pixiv")
        // Title, reading, then the summary and the contents box (`目次 [非表示]` and its entries).
        let toc = try #require(raw.firstIndex(of: "目次 [非表示]"))
        let firstHeading = try #require(raw[toc...].firstIndex(of: "概要"))
        #expect(toc == 4)
        let full = try documents(raw)
        // Without the contents box: the same documents.
        #expect(same(try documents(Array(raw[..<toc] + raw[firstHeading...])), full))
        // Without the summary too: `概要` right under the reading line is still a heading, and
        // the lead section is empty.
        let bare = try documents(Array(raw[..<(toc - 1)] + raw[firstHeading...]))
        #expect(bare.count == 1 && full.count == 1)
        #expect(bare[0]["title"] as? String == "琵琶湖" && bare[0]["reading"] as? String == "びわこ")
        let sections = try #require(bare[0]["sections"] as? [[String: Any]])
        let fullSections = try #require(full[0]["sections"] as? [[String: Any]])
        #expect(sections.first?["heading"] is NSNull && (sections.first?["paragraphs"] as? [String]) == [])
        #expect(sections.count == fullSections.count)
        #expect(same(Array(sections.dropFirst()), Array(fullSections.dropFirst())))
    }

    @Test func wikitextDumpWithOtherAliasesGivesTheSameDocuments() throws {
        let raw = try lines("jawiki-dump")
        var changed = 0
        let variant = raw.map { line -> String in
            // The other spellings a dump may use: the full-width magic word, the `画像:` alias
            // with `thumb` and a size, a space after the list mark.
            if line == "__目次__" { changed += 1; return "＿＿目次＿＿" }
            if line.hasPrefix("ファイル:"), let bar = line.firstIndex(of: "|") {
                changed += 1
                return "画像:" + line[line.index(line.startIndex, offsetBy: 5)..<bar] + "|thumb|右|250px|" + line[line.index(after: bar)...].split(separator: "|").last!
            }
            if line.hasPrefix("*"), line.count > 1, !line.hasPrefix("**"), !line.hasPrefix("*和書") { changed += 1; return "* " + line.dropFirst() }
            return line
        }
        #expect(changed >= 4)
        #expect(same(try documents(variant), try documents(raw)))
    }

    @Test func pukiwikiPlusWithTheOtherTopicpathAndSignatureGivesTheSameDocuments() throws {
        let raw = try lines("pukiwiki-plus")
        let variant = raw.map { line -> String in
            if line.hasPrefix("Top / ") { return line.split(separator: "/").map { String($0).trimmingSpaces }.joined(separator: " > ") }
            if line.hasPrefix("Modified by ") { return "Site Admin : 管理人." }
            return line
        }
        #expect(variant != raw)
        #expect(same(try documents(variant), try documents(raw)))
    }

    /// The Jina page as other converters write it: no Jina header, ATX headings (`## 概要`)
    /// with the edit link glued on (`## 概要[[編集](…)]`, as legacy Vector renders it inside the
    /// heading), `-` bullets.
    @Test func markdownWithAtxHeadingsGluedEditLinksAndNoJinaHeaderGivesTheSameDocuments() throws {
        let raw = try lines("markdown-jina")
        var variant: [String] = []
        var consumed = Set<Int>()
        var glued = 0
        for (i, line) in raw.enumerated() where !consumed.contains(i) {
            if ["Title: ", "URL Source: ", "Published Time: ", "Markdown Content:"].contains(where: { line.hasPrefix($0) }) { continue }
            var heading: String?
            if i + 1 < raw.count, !line.isEmpty, !raw[i + 1].isEmpty, raw[i + 1].allSatisfy({ $0 == "-" }) {
                heading = "## " + line
                consumed.insert(i + 1)
            } else if line.hasPrefix("### ") {
                heading = line
            }
            if var h = heading {
                var j = i + 1
                while j < raw.count, raw[j].isEmpty || consumed.contains(j) { j += 1 }
                if j < raw.count, raw[j].hasPrefix("[[編集](") {
                    h += raw[j]
                    consumed.insert(j)
                    glued += 1
                }
                variant.append(h)
                continue
            }
            variant.append(line.hasPrefix("*   ") ? "- " + line.dropFirst(4) : line)
        }
        #expect(glued == 6)
        let expected = try documents(raw)
        #expect(expected.count == 1)
        #expect(same(try documents(variant), expected))
    }

    /// A dump holds many pages of one site: each layout's page twice in a row must give its
    /// documents twice, the second page cut where the site's page starts (a reader cut or an
    /// article boundary), with nothing of one page leaking into the other (its menus, the
    /// state of its sections). Not `atwiki-source`: wiki source text has no page marker and
    /// no rendered title line, so two pages of it in a row read as one.
    @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixture("layouts").path).sorted().filter {
        FileManager.default.fileExists(atPath: TestSupport.fixture("layouts/\($0)/input.txt").path) && $0 != "atwiki-source"
    })
    func twoPagesOfALayoutInARowGiveItsDocumentsTwice(layout: String) throws {
        var raw = try lines(layout)
        while raw.last?.isEmpty == true { raw.removeLast() }
        let once = try documents(raw)
        let twice = try documents(raw + raw)
        #expect(same(twice, once + once), "\(twice.count) documents for \(once.count) twice: \(twice.map { $0["title"] ?? "nil" })")
    }
}

extension LayoutVariantsTests {
    /// DokuWiki's default template prints the page's id over the page, right under the
    /// header's breadcrumbs (main.php: `<div class="pageId">`): the case has it under
    /// `現在位置: …`; a wiki that shows no `現在位置` (the default configuration) has it under
    /// `トレース: …`, a template that prints none has no such line, and the id of a root page
    /// has no namespace (`start`). The id is chrome, so the documents are the case's.
    @Test func dokuwikiWithThePageIDUnderTheBreadcrumbsGivesTheSameDocuments() throws {
        let raw = try lines("dokuwiki")
        let expected = try documents(raw)
        let here = raw.indices.filter { raw[$0].hasPrefix("現在位置: ") }
        #expect(here.count == 2 && here.allSatisfy { raw[$0 + 1].hasPrefix("kyushu:") })
        // No id.
        let noID = raw.enumerated().filter { !$0.element.hasPrefix("kyushu:") }.map(\.element)
        #expect(noID.count == raw.count - 2)
        #expect(same(try documents(noID), expected))
        // No `現在位置`: the id under `トレース`; a namespace in Japanese, a root page's id.
        let traceOnly = raw.enumerated().filter { !$0.element.hasPrefix("現在位置: ") }.map(\.element)
        #expect(traceOnly.count == raw.count - 2)
        #expect(same(try documents(traceOnly), expected))
        let otherIDs = traceOnly.map { $0 == "kyushu:sakurajima" ? "九州:桜島" : $0 == "kyushu:unzen" ? "start" : $0 }
        #expect(otherIDs.contains("start") && otherIDs.contains("九州:桜島"))
        #expect(same(try documents(otherIDs), expected))
    }

    /// GROWI prints the parent page's path over the title line (`/火山/`); a sidebar scraped
    /// without its `タグ` button leaves nothing over the path that takes it along.
    @Test func growiWithoutTheTagButtonGivesTheSameDocuments() throws {
        let raw = try lines("growi")
        let tag = try #require(raw.firstIndex(of: "タグ"))
        #expect(raw[tag + 1] == "/火山/")
        var variant = raw
        variant.remove(at: tag)
        let expected = try documents(raw)
        #expect(same(try documents(variant), expected))
        // A path without its closing slash, two levels deep.
        variant[tag] = "/九州/火山"
        #expect(same(try documents(variant), expected))
    }

    /// The page with full-width parentheses on its lines of Japanese (a page or scrape in
    /// full-width forms): Vector 2022's menu entry `アップロード （ウィキメディア・コモンズ）`
    /// is then long enough to pass for text, but it is still the menu entry the rules know, so
    /// the tagline under the header starts no page of its own.
    @Test func vector2022WithFullWidthParenthesesGivesTheSameDocuments() throws {
        let raw = try lines("vector2022-tools")
        let variant = raw.map { line in
            line.unicodeScalars.contains { $0.value > 0x3000 }
                ? line.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）") : line
        }
        #expect(variant.contains("アップロード （ウィキメディア・コモンズ）"))
        let got = try documents(variant)
        #expect(got.count == 1)
        #expect(same(got, try documents(raw)))
    }
}

extension LayoutVariantsTests {
    /// Wiki text typed with an IME on writes a heading's marks full-width (`＝＝ 歴史 ＝＝`):
    /// MediaWiki reads no heading there and the page shows the marks, but the line is the
    /// heading its writer meant, with no marker left in the text.
    @Test func wikitextDumpWithFullWidthHeadingMarksGivesTheSameDocuments() throws {
        let raw = try lines("jawiki-dump")
        let expected = try documents(raw)
        func fullWidth(_ line: String) -> String {
            guard line.hasPrefix("=="), line.hasSuffix("==") else { return line }
            return line.replacingOccurrences(of: "=", with: "＝")
        }
        let all = raw.map(fullWidth)
        #expect(zip(raw, all).filter { $0 != $1 }.count >= 6)
        #expect(same(try documents(all), expected))
        // One heading among ASCII ones.
        let one = try #require(raw.firstIndex(of: "== 歴史 =="))
        var variant = raw
        variant[one] = "＝＝ 歴史 ＝＝"
        #expect(same(try documents(variant), expected))
    }
}
