import Foundation
import Testing
@testable import WikiClean

@Suite struct UnwrapWikiSourceTests {
    /// The one-pass scan for `&` and a letter or `[[` (``UnwrapWikiSource/holdsInlineMark(_:level:)``),
    /// AVX2 and bytes, against the two `memchr` searches it stands for, on random lines of every
    /// length to 200 bytes with `&`, `[` and letters sparse or frequent (so that a mark falls
    /// at each place of a block, across blocks and at the end).
    @Test func inlineMarkScanMatchesTheTwoSearches() {
        var rng = SplitMix64(seed: 0x12_0012)
        let pieces: [[UInt8]] = [Array("あ".utf8), [0x26], [0x5B], [0x5D], [0x41], [0x7A], [0x40], [0x7B], [0x31], [0x20], [0xE3], [0x80]]
        for length in 0...200 {
            for density in [1, 10, 50] {
                for _ in 0..<4 {
                    var bytes: [UInt8] = []
                    while bytes.count < length {
                        let r = Int(rng.next() % 100)
                        bytes += r < density ? pieces[1 + Int(rng.next() % UInt64(pieces.count - 1))] : pieces[0]
                    }
                    bytes = Array(bytes.prefix(length))
                    let expected = bytes.withUnsafeBufferPointer { p -> Bool in
                        guard let base = p.baseAddress else { return false }
                        return UnwrapWikiSource.hasInlinePluginStart(base, p.count) || UnwrapWikiSource.hasPair(base, p.count, 0x5B)
                    }
                    for level: Int32 in [2, 0] {
                        let found = bytes.withUnsafeBufferPointer { UnwrapWikiSource.holdsInlineMark($0, level: level) }
                        #expect(found == expected, "level \(level): \(bytes)")
                    }
                }
            }
        }
        // One mark (or a near miss: `&1`, `[x`, a lone `&` or `[` at the end) at every place
        // of lines of every length to 200, in bytes that hold none.
        for length in 1...200 {
            for k in 0..<length {
                for mark: [UInt8] in [[0x26, 0x61], [0x26, 0x5A], [0x5B, 0x5B], [0x26, 0x31], [0x5B, 0x78]] {
                    var bytes = [UInt8](repeating: 0x78, count: length)
                    for (j, b) in mark.enumerated() where k + j < length { bytes[k + j] = b }
                    let expected = bytes.withUnsafeBufferPointer { p -> Bool in
                        UnwrapWikiSource.hasInlinePluginStart(p.baseAddress!, p.count) || UnwrapWikiSource.hasPair(p.baseAddress!, p.count, 0x5B)
                    }
                    for level: Int32 in [2, 0] {
                        let found = bytes.withUnsafeBufferPointer { UnwrapWikiSource.holdsInlineMark($0, level: level) }
                        #expect(found == expected, "level \(level), length \(length), mark at \(k): \(mark)")
                    }
                }
            }
        }
    }

    let stage = UnwrapWikiSource()

    private func roles(_ lines: [String]) throws -> ([String], StageContext) {
        let (docs, context) = try TestSupport.apply(stage, lines)
        let out = docs[0].blocks.map { b -> String in
            let hint = b.rule == UnwrapMarkdown.headingHint ? "(h)" : b.rule == RejoinLines.listItemHint ? "(li)" : ""
            return b.role == .chrome ? "chrome[\(b.rule ?? "")]" : "\(b.role.rawValue)\(hint):\(b.text)"
        }
        return (out, context)
    }

    /// MediaWiki wikitext from an XML dump (catalogue §2): bold and italic marks, footnotes
    /// (`<ref>…</ref>`, `<ref name=… />`), the notes list tag and line breaks go, the text
    /// stays; headings are left to split-headings. A page with one heading line, or with its
    /// marks on one line only (a diff view quoting a row), passes unchanged.
    @Test func mediaWikiTextLosesItsMarkupAroundTheText() throws {
        let (out, context) = try roles([
            "夏目漱石",
            "'''夏目 漱石'''（なつめ そうせき、1867年2月9日 - 1916年12月9日）は、日本の小説家。",
            "== 生涯 ==",
            "江戸に生まれた<ref>『漱石全集』第27巻。</ref>。子規と知り合った<ref name=\"nenpyo\" />。『''七草集''』を評した。<br />",
            "== 脚注 ==",
            "<references />",
        ])
        #expect(out == [
            "paragraph:夏目漱石", "paragraph:夏目 漱石（なつめ そうせき、1867年2月9日 - 1916年12月9日）は、日本の小説家。", "paragraph:== 生涯 ==",
            "paragraph:江戸に生まれた。子規と知り合った。『七草集』を評した。", "paragraph:== 脚注 ==", "chrome[wikitext.ref]",
        ])
        #expect(context.removed["wikitext.ref"]?.count == 3)
        #expect(context.removed["wikitext.mark"]?.count == 5)
        let lines = ["== 生涯 ==", "'''夏目漱石'''は小説家。", "本文である。"]
        let (one, _) = try roles(lines)
        #expect(one == lines.map { "paragraph:" + $0 })
        // A diff view's rows of wikitext, under its line numbers, are left to strip-chrome.
        let diff = ["7行目: 7行目:", "== 生涯 ==", "== 生涯 ==", "'''夏目漱石'''は小説家。", "'''夏目漱石'''は日本の小説家。"]
        let (view, _) = try roles(diff)
        #expect(view == diff.map { "paragraph:" + $0 })
    }

    /// An @wiki page's source: plugins and comments are chrome, headings are hinted, inline
    /// plugins keep the text they wrap, links their alias or page name, and notes, emphasis
    /// marks, list marks, tables and rules go.
    @Test func atwikiSourceBecomesText() throws {
        let (out, context) = try roles([
            "#contents()",
            "// 編集者へのメモ",
            "*概要",
            "港浜灯台(みなとはまとうだい)は、岬の灯台である。&br()1890年に初点灯した。",
            "''白い塔''で、[[港浜市>https://example.jp/]]と[[港浜市>>https://example.jp/]]の名所。",
            "**建設",
            "建設は&color(#999999){明治時代}に始まった。((市史による。))詳細は[[港浜灯台の歴史#a1]]を参照。",
            "-1889年 着工",
            "--%%取り消し%%の記録",
            "|年|出来事|h",
            "|1890|初点灯|",
            "----",
            "#right(){文責:編集部}",
            "#comment()",
        ])
        #expect(
            out == [
                "chrome[wiki-source.plugin]", "chrome[wiki-source.comment]", "paragraph(h):概要",
                "paragraph:港浜灯台(みなとはまとうだい)は、岬の灯台である。1890年に初点灯した。", "paragraph:白い塔で、港浜市と港浜市の名所。",
                "paragraph(h):建設", "paragraph:建設は明治時代に始まった。詳細は港浜灯台の歴史を参照。", "paragraph(li):1889年 着工",
                "paragraph(li):取り消しの記録", "chrome[wiki-source.table]", "chrome[wiki-source.table]", "chrome[wiki-source.rule]",
                "paragraph:文責:編集部", "chrome[wiki-source.plugin]",
            ])
        #expect(context.removed[UnwrapWikiSource.noteRule]?.count == 1)
        #expect(context.events.contains { $0.rule == UnwrapWikiSource.noteRule && $0.text == "((市史による。))" })
    }

    /// PukiWiki's source: heading anchors, line-head styles, the line-end `~`, `:`-aliased
    /// URLs, quotes and `#author`.
    @Test func pukiwikiSourceBecomesText() throws {
        let (out, _) = try roles([
            "#author(\"2023-05-05T12:00:00+09:00\",\"default:admin\",\"admin\")",
            "*白峰山 [#a1b2c3d4]",
            "白峰山(しらみねさん)は、山である。~",
            "CENTER:COLOR(red):主な登山道",
            "-裏参道:[[登山口:https://example.jp/yamaguchi]]から&ruby(と){徒}歩2時間。",
            ">山頂からは海を一望できる。",
        ])
        #expect(
            out == [
                "chrome[wiki-source.plugin]", "paragraph(h):白峰山", "paragraph:白峰山(しらみねさん)は、山である。", "paragraph:主な登山道",
                "paragraph(li):裏参道:登山口から徒歩2時間。", "paragraph(li):山頂からは海を一望できる。",
            ])
    }

    /// Pages that show no source pass unchanged: a MediaWiki dump's `*` lists, Markdown, an
    /// ampersand or double brackets in prose.
    @Test func pagesWithoutSourcePassUnchanged() throws {
        for lines in [
            ["ナイル川は、アフリカの川である。", "*和書", "**ナイル川の歴史", "----"],
            ["# 虹", "**虹**は、[気象](https://example.jp/a?x=1&y=2)現象である。", "- 項目", "| a | b |"],
            ["AT&Tは、アメリカの企業である。", "「[[1]]」は表記の例である。"],
        ] {
            let (docs, context) = try TestSupport.apply(stage, lines)
            #expect(docs[0].blocks.map(\.text) == lines && docs[0].blocks.allSatisfy { $0.role == .paragraph && $0.rule == nil })
            #expect(context.removed.isEmpty)
        }
    }

    /// Prose about wiki syntax shows inline markup in its sentences, in one line or several,
    /// and no line of markup of its own (no block plugin, heading, table, rule or comment): it
    /// is text, not source.
    @Test func proseAboutWikiSyntaxIsNoSource() throws {
        let lines = [
            "ウィキ記法(ウィキきほう)は、ウィキの書式である。",
            "PukiWikiでは、&br()と書くと改行になる。リンクは[[表示名>URL]]のように書く。",
            "@wikiでも[[ページ名]]と書けばリンクになり、''強調''のように書くと太字になる。",
        ]
        let (docs, context) = try TestSupport.apply(stage, lines)
        #expect(docs[0].blocks.map(\.text) == lines && docs[0].blocks.allSatisfy { $0.role == .paragraph && $0.rule == nil })
        #expect(context.removed.isEmpty)
        // A sentence that opens with `*` is no heading line.
        let starred = ["*で始まる行は見出しになり、**と重ねると小見出しになる。"] + lines
        let (prose, _) = try TestSupport.apply(stage, starred)
        #expect(prose[0].blocks.map(\.text) == starred)
    }

    /// The default pipeline on a source page: the page opens with a heading, so the lead
    /// under it names the page; a first heading that is the title is the page's title line.
    @Test func theDefaultPipelineTitlesASourcePage() throws {
        let path = TestSupport.write(
            ["*白峰山 [#a1b2c3d4]", "白峰山(しらみねさん)は、山である。&br()標高は820メートル。", "**登山道 [#e5f6a7b8]", "-表参道:[[港浜駅>港浜駅]]から徒歩3時間。", "#pcomment"]
                .joined(separator: "\n"))
        let docs = try TestSupport.run(try TestSupport.defaultPipeline(), path: path).docs
        let d = try #require(try JSONSerialization.jsonObject(with: Data(docs.split(separator: "\n")[0].utf8)) as? [String: Any])
        #expect(d["title"] as? String == "白峰山" && d["reading"] as? String == "しらみねさん")
        let sections = try #require(d["sections"] as? [[String: Any]])
        #expect(sections.map { $0["heading"] as? String } == [nil, "登山道"])
        #expect(sections.map { $0["paragraphs"] as? [String] ?? [] } == [["白峰山(しらみねさん)は、山である。標高は820メートル。"], ["表参道:港浜駅から徒歩3時間。"]])
    }
}
