import Foundation
import Testing

internal import CICUShims
@testable import WikiClean

/// The fast paths of split-headings and split-captions against the code they replaced
/// (``ReferenceSplitHeadings``, ``ReferenceSplitCaptions``, ``ReferenceEditMarkers``): the
/// same blocks, byte for byte, and the same figures and events, on fixtures, on tricky
/// lines and on random lines built from tricky pieces.
@Suite struct SplitStagesFastPathTests {
    // MARK: - Comparing stage outputs

    /// Blocks as bytes (String `==` would accept canonically equal texts).
    private static func dump(_ docs: [Document]) -> [String] {
        docs.flatMap { doc in
            doc.blocks.map { b in
                "\(b.role.rawValue)|\(b.line.map(String.init) ?? "-")|\(b.rule ?? "-")|\(Array(b.text.utf8))"
            }
        }
    }

    private static func dump(_ context: StageContext) -> [String] {
        var out: [String] = []
        for (k, v) in context.removed.sorted(by: { $0.key < $1.key }) { out.append("removed \(k) \(v.count) \(v.characters)") }
        for (k, v) in context.changed.sorted(by: { $0.key < $1.key }) { out.append("changed \(k) \(v.count) \(v.characters)") }
        for e in context.events {
            out.append(
                "event \(e.stage) \(e.rule) \(e.action.rawValue) \(e.line.map(String.init) ?? "-") \(Array(e.text.utf8)) \(e.replacement.map { Array($0.utf8) } ?? [])"
            )
        }
        return out
    }

    /// Runs `fast` and `reference` on the page and expects the same output; returns the
    /// fast stage's documents.
    @discardableResult
    private static func expectSame(_ fast: any Stage, _ reference: any Stage, _ doc: Document, _ label: @autoclosure () -> String)
        throws -> [Document]
    {
        var c1 = StageContext(stage: fast.identifier, recordsEvents: true)
        var c2 = StageContext(stage: reference.identifier, recordsEvents: true)
        let d1 = try fast.apply(to: doc, context: &c1)
        let d2 = try reference.apply(to: doc, context: &c2)
        let a = dump(d1)
        let b = dump(d2)
        #expect(a == b, "blocks differ: \(label())")
        #expect(dump(c1) == dump(c2), "figures differ: \(label())")
        return d1
    }

    /// Both stages in a row (captions run on the headings' output), fast against reference.
    private static func checkPage(_ lines: [String], _ label: @autoclosure () -> String) throws {
        let doc = TestSupport.page(lines)
        for (fast, reference) in stagePairs {
            let out = try expectSame(fast.0, reference.0, doc, "headings \(label())")
            let captionsInput = out.first ?? doc
            try expectSame(fast.1, reference.1, captionsInput, "captions \(label())")
            try expectSame(fast.1, reference.1, doc, "captions alone \(label())")
        }
    }

    /// Default options, and options that switch the pre-checks off or move their bounds.
    private static let stagePairs: [((SplitHeadings, SplitCaptions), (ReferenceSplitHeadings, ReferenceSplitCaptions))] = [
        ((SplitHeadings(), SplitCaptions()), (ReferenceSplitHeadings(), ReferenceSplitCaptions())),
        (
            (SplitHeadings(maximumHeadingLength: 8, unmarkedHeadings: false, bareHeadingWords: ["概要", "歴史", "ガイド"]), SplitCaptions(maximumCaptionLength: 12)),
            (
                ReferenceSplitHeadings(maximumHeadingLength: 8, unmarkedHeadings: false, bareHeadingWords: ["概要", "歴史", "ガイド"]),
                ReferenceSplitCaptions(maximumCaptionLength: 12)
            )
        ),
    ]

    // MARK: - Tricky inputs

    static let trickyLines: [String] = [
        "", " ", "\u{3000}", "\t", "[", "]", "[]", "［］", "［", "== ==", "==", "===", "=", "#", "# ", "## ", "##", "#1 の話", "a == b ==",
        "== 歴史 ==", "=== 古代 ===", "====== 六 ======", "======= 七 =======", "## 地理", "###### 六", "####### 七", "#\u{3000}全角",
        "＝＝ 全角 ＝＝", "＃ 全角", "＃＃\u{3000}全角", "＝= 混在 =＝", "＝＝＝", "＃", "＃＃", "＃タグ", "\u{FF1D}",
        "編集", " 編集 ", "\u{3000}編集\u{3000}", "編 集", "[編集]", " [編集] ", "［編集］", "[ 編集 ]", "[編\t集]", "[ソースを編集]",
        "[編集 | ソースを編集]", "[編集・ソースを編集]", "[edit]", "[Edit]", "[ｅｄｉｔ]", "[ｿｰｽを編集]", "[ソ－スを編集]",
        "[編集 | ソースを編集 | edit | edit]", "[編集する]", "[編集部注]", "【編集】", "【編集する】", "【 編集 ｜ ソースを編集 】", "歴史【編集】",
        "歴史【編集】日本では明治時代に建てられた。", "メニューの【編集】をクリック", "【編集】ボタン", "【編集】>【左メニューを編集する】", "編集する",
        " 編集する ", "【編集]", "[編集】", "【】", "[編", "[編...", "[編集…", "[...", "[ソース...", "[ソ…", "[]x",
        "歴史 編集", "歴史\u{3000}編集", "歴史  編集", " 編集", "\u{3000}編集", "。 編集", "とても長い見出しのようでいてじつは本文である可能性もあるような行です 編集",
        "マングース作戦[編集]ピッグス湾事件の7カ月後の1961年11月、作戦が始まった。", "魚沼丘陵は、新潟県にある丘陵。地理[編集]魚野川流域にある。",
        "高月北は、地名。脚注[編集]参考文献[編集]外部リンク[編集]", "統合参謀本部の強行案［編集］朝、この統合参謀本部のメンバーとの協議の席で。",
        "概要[]", "配列 a[] を使う。", "これは[編集部注]である。", "魚沼丘陵は、丘陵。地理[編...", "魚沼丘陵は、丘陵。地理[ソース…",
        "概要『天装戦隊ゴセイジャー』と言う番組の戦闘員。", "概要「題」", "概要【題】", "概要(題)", "概要", "あらすじ『題』の話。",
        "あらすし\u{3099}『題』の話。", "\u{2F8FC}革『題』の話。", "沿革『題』の話。", "\u{F900}『題』", "概要\u{3099}『題』", "概要\u{FE00}『題』",
        "ストーリー「題」", "ｽﾄｰﾘｰ「題」", "登場人物【一覧】", "登場人物", "作品『', ", "語源『", "概要『",
        "国連総会に出席したカストロ(1960年4月)同年4月には早くもソ連のタンカーが到着した。",
        "グロムイコ外相(座って左から3番目)らと会談するケネディ大統領(1962年10月18日)こうしたホワイトハウス内の極秘の動きの中で、会談した。",
        "沈没した貨物船の残骸アイゼンハワー(右)とケネディ", "撃墜されたU-2の残骸(日時不明)", "会談する両首脳(右から2人目)",
        "キューバ危機の際の会議(1962年)", "キューバ危機の際の会議（１９６２年）このような会議が続いた。", "会談するケネディ大統領 (1962年10月18日) 　こうした動きの中で。",
        "ケネディとフルシチョフの会談1961年6月にウィーンで会談した。", "ソ連の貨物船ポルタヴァまた、同年には派遣が続いた。", "写真はイメージ・・・このような",
        "ホワイトハウスで会談する首脳たち一方で交渉は続いた。", "1. 最初の項目である", "12)項目", "・箇条書き(右)", "「引用」(右)", "…(右)", "本文...(右)",
        "東京都は、日本の首都(右)同年に", "首都が、移転した(右)同年", "首都、移転(右)同年", "首都(中央、右)同年", "左、首都(右)同年に変わる",
        "ｶﾞｲﾄﾞ(右)同年", "ＡＢＣ社の新型機（左）翌年に登場した。", "新型機(左から2番目)その後", "新型機(左)(右)(中央)", "((右))同年", "(右))同年", "(右同年",
        String(repeating: "あ", count: 300), String(repeating: "漢", count: 300) + "(右)", String(repeating: "[編集]", count: 50),
        String(repeating: "見出し[編集]本文。", count: 40), String(repeating: "ア", count: 250) + " 編集",
        String(repeating: " ", count: 70) + "[編集]" + String(repeating: "\u{3000}", count: 10), "\u{200B}[編集]", "[\u{200B}編集]", "[編\u{200B}集]",
        "x\u{FF3B}編集\u{FF3D}y", "見出し\u{FF3B}\u{3000}ｿｰｽを編集\u{FF3D}本文", "🙂[編集]🙂", "é[編集]e\u{301}", "\u{FEFF}[編集]", "\u{00A0}[編集]\u{00A0}",
        "[編集] 地理", "[編集]地理", " ［編集］　関連項目 ", "[編集 | ソースを編集] 歴史", "[編集]湖は北湖と南湖に分けられる。", "[編集] 地理[編集]",
        "[編集] 見出し...", "[編集]港の夕景(2010年)", "【編集】 地理", "[] 地理", "[編集] " + String(repeating: "あ", count: 70),
        "ab\u{EF}", "\u{FFFD}[", "見出し\u{FF3B}", "見出し\u{FF3B}編", "見出し[編集", "見出し[編集|", "見出し[編集|ソースを編集", "見出し[ 編集 |",
    ]

    @Test func trickyLinesGiveTheSameOutput() throws {
        for line in Self.trickyLines {
            try Self.checkPage([line], line)
            try Self.checkPage(["前の段落である。", line, "次の本文である。とても長い本文。"], line)
            try Self.checkPage(["鳴門海峡は、海峡である。", "歴史", line, "古くから潮流の速さで知られ、航海の難所とされた。"], line)
        }
        // All the lines on one page, and each pair of neighbours.
        try Self.checkPage(Self.trickyLines, "all")
        for (a, b) in zip(Self.trickyLines, Self.trickyLines.dropFirst()) {
            try Self.checkPage([a, b], "\(a) / \(b)")
        }
    }

    @Test func fixturePagesGiveTheSameOutput() throws {
        let root = TestSupport.packageRoot.appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "txt" || $0.pathExtension == "jsonl" }
        #expect(!files.isEmpty)
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
            try Self.checkPage(lines, url.lastPathComponent)
            // Pages of 12 lines too (markers, unmarked headings and captions depend on neighbours).
            var i = 0
            while i < lines.count {
                try Self.checkPage(Array(lines[i..<min(lines.count, i + 12)]), "\(url.lastPathComponent):\(i)")
                i += 12
            }
        }
    }

    /// Pieces random lines are made of: markers, headings, quotes, dates and positions,
    /// openers, commas, widths, spaces, marks.
    static let pieces: [String] = [
        "[編集]", "［編集］", "[ソースを編集]", "[編集 | ソースを編集]", "[ ｅｄｉｔ ]", "[", "]", "［", "］", "[]", "[編", "編集", " 編集", "\u{3000}編集",
        "...", "…", "。", "、", ",", "，", "は、", "が、", "と", "は", "が", "(", ")", "（", "）", "(右)", "(左から2番目)", "(1960年4月)", "（１９６２年）",
        "(日時不明)", "(中央)", "「", "」", "『", "』", "【", "】", "概要", "あらすじ", "あらすし\u{3099}", "\u{2F8FC}革", "沿革", "ストーリー", "登場人物",
        "語源", "歴史", "=", "==", "#", "## ", " ", "  ", "\u{3000}", "\t", "\u{00A0}", "\u{200B}", "このような", "また", "また、", "同年", "一方",
        "しかし", "1959年1月に", "10月24日午前に", "4月", "1961", "１２", "第", "ケネディ", "アイゼンハワー", "ｶﾞｲﾄﾞ", "ＡＢＣ", "abc", "国連総会",
        "に出席した", "された残骸", "する貨物船", "カストロ", "会談", "・", "ー", "🙂", "e\u{301}", "\u{FF3B}", "\u{EF}", "x",
        "．．．", "‥", "・・・", "･･･", "\u{2002}", "\u{202F}",
        "【編集】", "【編集する】", "編集する", "を", "の", ">",
        // What ends a heading before a marker when read back from it (SplitHeadings.headingStart).
        "？", "！", "?", "!",
    ]

    /// A small fixed-seed generator (SplitMix64).
    private struct Generator {
        /// The project's seeded generator (``SplitMix64``), with picking helpers.
        var rng: SplitMix64
        init(state: UInt64) { rng = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { rng.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    @Test func randomPagesGiveTheSameOutput() throws {
        var g = Generator(state: 20_260_601)
        for round in 0..<4000 {
            var lines: [String] = []
            for _ in 0..<(1 + g.below(6)) {
                var line = ""
                let n = g.below(4) == 0 ? g.below(60) : g.below(14)
                for _ in 0..<n { line += Self.pieces[g.below(Self.pieces.count)] }
                lines.append(line)
            }
            try Self.checkPage(lines, "round \(round): \(lines)")
        }
    }

    // MARK: - Pre-checks and helpers against the slow forms

    /// `text.hasPrefix(word)` compares characters up to canonical equivalence: every scalar
    /// that reads as a default word's first character must pass the bare-heading pre-check.
    @Test func bareHeadingFilterAdmitsEveryEquivalentFirstScalar() {
        let filter = SplitHeadings.defaultBareHeadingFilter
        let firsts = Set(SplitHeadings.defaultBareHeadingWords.map { $0.first! })
        // The pre-check takes the first character to be one scalar: it must be so for the words.
        for w in SplitHeadings.defaultBareHeadingWords { #expect(w.first!.unicodeScalars.count == 1) }
        var admitted = 0
        for v: UInt32 in 0...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if firsts.contains(Character(s)) {
                admitted += 1
                #expect(filter.mayStart(with: v), "U+\(String(v, radix: 16, uppercase: true))")
            }
        }
        #expect(admitted >= firsts.count)
        // 沿 has a compatibility ideograph (U+2F8FC) that reads as it.
        #expect(firsts.contains(Character(Unicode.Scalar(0x2F8FC)!)))
    }

    @Test func bareHeadingFastPathMatchesTheSlowOne() {
        let stage = SplitHeadings()
        let reference = ReferenceSplitHeadings()
        var lines = Self.trickyLines
        for w in SplitHeadings.defaultBareHeadingWords {
            for q in ["『", "「", "【", "(", ""] {
                lines.append(w + q + "題』である。")
                lines.append(w + q)
                lines.append(" " + w + q + "題")
                lines.append(String(repeating: "\u{3099}", count: 3) + w + q)
            }
        }
        lines.append("あらすし\u{3099}『題』")
        lines.append("\u{2F8FC}革『題』")
        for line in lines {
            let slow = reference.bareHeading(line)
            let fast = line.withUTF8Bytes { SplitHeadings.defaultBareHeadingFilter.mayMatch($0) } ? stage.bareHeading(line) : nil
            #expect(slow?.0 == fast?.0 && slow.map { Array($0.1.utf8) } == fast.map { Array($0.1.utf8) }, "\(line)")
            // Asking only the words whose first scalar opens the line.
            let filter = SplitHeadings.defaultBareHeadingFilter
            let filtered = line.withUTF8Bytes { filter.mayMatch($0) } ? stage.bareHeading(line, filter: filter) : nil
            #expect(slow?.0 == filtered?.0 && slow.map { Array($0.1.utf8) } == filtered.map { Array($0.1.utf8) }, "\(line)")
        }
        #expect(reference.bareHeading("\u{2F8FC}革『題』")?.0 == "沿革")
        #expect(reference.bareHeading("あらすし\u{3099}『題』")?.0 == "あらすじ")
    }

    @Test func lineShapeNeverRulesOutAMatch() {
        let stage = SplitHeadings()
        let reference = ReferenceSplitHeadings()
        var g = Generator(state: 7)
        var lines = Self.trickyLines
        for _ in 0..<20000 {
            var line = ""
            for _ in 0..<g.below(8) { line += Self.pieces[g.below(Self.pieces.count)] }
            lines.append(line)
        }
        for line in lines {
            let shape = SplitHeadings.LineShape(line, bareFilter: SplitHeadings.defaultBareHeadingFilter)
            if !shape.mayBeLoneMarker { #expect(!reference.isLoneMarker(line), "\(line)") }
            #expect(stage.isLoneMarker(line) == reference.isLoneMarker(line), "\(line)")
            if !shape.mayBeMarkup { #expect(ReferenceSplitHeadings.markupHeading(line) == nil, "\(line)") }
            #expect(shape.hasMobileSuffix == (line.hasSuffixBytes(" 編集") || line.hasSuffixBytes("\u{3000}編集")), "\(line)")
            let naiveBracket = line.withUTF8Bytes { p in
                (0..<p.count).contains { i in
                    p[i] == 0x5B || (p[i] == 0xEF && i + 2 < p.count && p[i + 1] == 0xBC && p[i + 2] == 0xBB)
                        || (p[i] == 0xE3 && i + 2 < p.count && p[i + 1] == 0x80 && p[i + 2] == 0x90)
                }
            }
            #expect(shape.hasBracket == naiveBracket, "\(line)")
            if !shape.mayBeBareHeading { #expect(reference.bareHeading(line) == nil, "\(line)") }
            if !shape.mayBeTruncated { #expect(!DetectArticleBoundaries.endsTruncated(line), "\(line)") }
        }
    }

    /// ``SplitHeadings/PageMarks`` (one pass over a page) gives the answers of the three
    /// page-wide functions it stands for, and says a line opens with an edit link followed by
    /// text wherever one does (the line, trimmed, opens with a marker and goes on after it).
    @Test func pageMarksMatchThePageFunctions() {
        var g = Generator(state: 23)
        let extra = [
            "歴史[]", " 概要[] ", "概要[]。", "見出し Edit", "見出し † Edit", "Good First Edit", "見出し\u{3000}Edit", "歴史 編集", " 歴史 編集",
            "[編集] 地理", "  ［編集］ 地理", "\u{3000}【編集】地理", "[編集]", "[編集]  ", "[編…", "[編集…", "[編集] ", "「引用」", "、続き",
        ]
        let rules = ["fandom.footer", "wikipedia.mobile-menu", "generic.toc", "fandom", "wikipedia.mobile", "x"]
        var pages: [[Block]] = []
        for line in Self.trickyLines + extra { pages.append([.paragraph(line, line: 1)]) }
        for _ in 0..<6000 {
            var blocks: [Block] = []
            for k in 0..<(1 + g.below(6)) {
                switch g.below(8) {
                case 0: blocks.append(Block(role: .chrome, text: "x", line: k, rule: g.below(2) == 0 ? rules[g.below(rules.count)] : nil))
                case 1: blocks.append(.heading(extra[g.below(extra.count)], line: k))
                case 2: blocks.append(.paragraph(extra[g.below(extra.count)], line: k))
                default:
                    var line = ""
                    for _ in 0..<g.below(8) { line += Self.pieces[g.below(Self.pieces.count)] }
                    if g.below(4) == 0 { line += extra[g.below(extra.count)] }
                    blocks.append(.paragraph(line, line: k))
                }
            }
            pages.append(blocks)
        }
        var opened = 0
        for blocks in pages {
            for maximum in [60, 8] {
                let marks = SplitHeadings.PageMarks(blocks, maximumHeadingLength: maximum)
                #expect(marks.emptyBracketHeadings == HeadingAnchors.pageHasEmptyBracketHeadings(blocks), "\(blocks)")
                #expect(marks.mobileHeadings == HeadingAnchors.pageHasMobileHeadings(blocks, maximumHeadingLength: maximum), "\(blocks)")
                #expect(marks.paraeditHeadings == HeadingAnchors.pageHasParaeditHeadings(blocks, maximumHeadingLength: maximum), "\(blocks)")
                let opens = blocks.contains { b in
                    guard b.role == .paragraph else { return false }
                    // The line, trimmed, opens with a bracket where a marker (as the marker scan
                    // finds one: only at a bracket) starts, and goes on after it.
                    return b.text.trimmingSpaces.withUTF8Bytes { p in
                        let n = p.count
                        guard n > 0, p[0] == 0x5B || (n > 2 && ((p[0] == 0xEF && p[1] == 0xBC && p[2] == 0xBB) || (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x90))),
                            let end = EditMarkers.match(p, at: 0, end: n) ?? EditMarkers.truncatedMatch(p, at: 0, end: n)
                        else { return false }
                        return end < n
                    }
                }
                #expect(marks.opensWithEditLink == opens, "\(blocks)")
                if opens { opened += 1 }
            }
        }
        #expect(opened > 100)
    }

    /// `LineShape.mayHoldDagger` (the `†` searched for once, with the line's other tests) is
    /// false only where ``HeadingAnchors/daggerHeading(_:maximumHeadingLength:)`` finds no
    /// heading, and true exactly where the line's first `†` is not its first byte.
    @Test func daggerPreCheckNeverRulesOutAHeading() {
        var g = Generator(state: 19)
        let daggers = ["†", " †", "\u{3000}†", "†x", "‡", "…", "“", "\u{E2}", "\u{2020}\u{301}", "見出し †", "概要 †北アルプスの", "加藤一郎†は"]
        var lines = Self.trickyLines + daggers
        for _ in 0..<20000 {
            var line = ""
            for _ in 0..<g.below(8) {
                line += g.below(3) == 0 ? daggers[g.below(daggers.count)] : Self.pieces[g.below(Self.pieces.count)]
            }
            lines.append(line)
        }
        let needle = Array("†".utf8)
        var held = 0
        for line in lines {
            let shape = SplitHeadings.LineShape(line, bareFilter: SplitHeadings.defaultBareHeadingFilter)
            let first = needle.withUnsafeBufferPointer { n in line.withUTF8Bytes { p in UTF8Scan.find(n, in: p) } }
            #expect(shape.mayHoldDagger == (first.map { $0 > 0 } ?? false), "\(line)")
            if !shape.mayHoldDagger { #expect(HeadingAnchors.daggerHeading(line, maximumHeadingLength: 60) == nil, "\(line)") }
            if HeadingAnchors.daggerHeading(line, maximumHeadingLength: 60) != nil { held += 1 }
        }
        // The lines hold headings for the check to rule out.
        #expect(held > 100)
    }

    /// On random bytes up to 100 long (so the loops of 16 and 32 bytes run), with each vector
    /// level `cicu_find_bracket` can take (AVX2, SSE2, bytes; never above the processor's).
    @Test(arguments: [2, 1, 0] as [Int32]) func nextBracketFindsEveryBracketInRandomBytes(level: Int32) {
        var g = Generator(state: 11)
        let alphabet: [UInt8] = [0x5B, 0xEF, 0xBC, 0xBB, 0x5D, 0x41, 0xE3, 0x80, 0x20, 0x90]
        var failures: [String] = []
        for k in 0..<20000 {
            let bytes = (0..<g.below(k % 4 == 0 ? 100 : 40)).map { _ in alphabet[g.below(alphabet.count)] }
            bytes.withUnsafeBufferPointer { p in
                for from in 0...p.count {
                    var expected: Int?
                    for i in from..<max(from, p.count)
                    where p[i] == 0x5B || (p[i] == 0xEF && i + 2 < p.count && p[i + 1] == 0xBC && p[i + 2] == 0xBB)
                        || (p[i] == 0xE3 && i + 2 < p.count && p[i + 1] == 0x80 && p[i + 2] == 0x90)
                    {
                        expected = i
                        break
                    }
                    if SplitHeadings.LineShape.nextBracket(p, from: from) != expected { failures.append("\(bytes) from \(from)") }
                    if let base = p.baseAddress {
                        let at = cicu_find_bracket_at_level(base, Int64(from), Int64(p.count), level)
                        if (at >= 0 ? Int(at) : nil) != expected { failures.append("level \(level): \(bytes) from \(from)") }
                    }
                }
                if SplitHeadings.LineShape.containsBracket(p) != (SplitHeadings.LineShape.nextBracket(p, from: 0) != nil) {
                    failures.append("contains \(bytes)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    /// `cicu_line_marks` against `nextBracket` and `firstDagger` (the searches it stands for)
    /// on random bytes up to 200 long (the loops of 64 and 32 bytes and the last vector run),
    /// with each level it can take (AVX2, bytes; never above the processor's).
    @Test(arguments: [2, 0, -1] as [Int32]) func lineMarksFindTheFirstBracketAndDagger(level: Int32) {
        var g = Generator(state: 12)
        // The marks whole, their bytes alone (in other orders, near misses) and other bytes.
        let pieces: [[UInt8]] = [
            [0x5B], [0xEF, 0xBC, 0xBB], [0xE3, 0x80, 0x90], [0xE2, 0x80, 0xA0], [0xEF], [0xBC], [0xBB], [0xE3], [0x80], [0x90], [0xE2], [0xA0],
            [0x41], [0x20], [0xE3, 0x81, 0x82], [0xE9, 0x80, 0x90], [0xE2, 0x80, 0x90], [0xEF, 0xBC, 0x90],
        ]
        var failures: [String] = []
        var found = (bracket: 0, dagger: 0)
        for k in 0..<20000 {
            let bytes = (0..<g.below(k % 4 == 0 ? 90 : 30)).flatMap { _ in pieces[g.below(pieces.count)] }
            bytes.withUnsafeBufferPointer { p in
                let bracket = SplitHeadings.LineShape.nextBracket(p, from: 0) ?? -1
                let dagger = SplitHeadings.LineShape.firstDagger(p) ?? -1
                var b: Int64 = -7
                var d: Int64 = -7
                // An empty buffer may have no base address: any pointer, nothing is read.
                cicu_line_marks_at_level(p.baseAddress ?? UnsafePointer(bitPattern: 8)!, Int64(p.count), &b, &d, level)
                if Int(b) != bracket || Int(d) != dagger { failures.append("\(bytes): \(b) \(d), not \(bracket) \(dagger)") }
                if bracket >= 0 { found.bracket += 1 }
                if dagger >= 0 { found.dagger += 1 }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        // Both are found in many lines, and missed in many.
        #expect(found.bracket > 1000 && found.bracket < 19000 && found.dagger > 1000 && found.dagger < 19000, "\(found)")
    }

    /// `cicu_kuten_before_digit` (``HeadingAnchors/listSectionGluedInPreview(_:)``'s search)
    /// finds, one after another, the places of the `memchr` loop it replaced: each `。` (by its
    /// middle byte) with an ASCII digit a list word's length after it, on random lines of `。`,
    /// digits, the words, bytes of `。` alone and `80` in other characters, up to some 400 bytes
    /// (the vector loop and the bytes after it), at each level it can take.
    @Test(arguments: [2, 0] as [Int32]) func kutenBeforeDigitFindsTheMemchrLoopsPlaces(level: Int32) {
        var g = Generator(state: 17)
        let pieces: [[UInt8]] = ["。", "、", "「", "」", "1", "9", "0", "a", "国", "あ", "老", "年譜", "キャスト", "隣の駅", "参加ミュージシャン", "…", " "]
            .map { Array($0.utf8) } + [[0xE3], [0x80], [0x82], [0xE3, 0x80]]
        let lengths = HeadingAnchors.listSectionWordLengths
        var failures: [String] = []
        var found = 0
        for k in 0..<30000 {
            let bytes = (0..<g.below(k % 4 == 0 ? 120 : 24)).flatMap { _ in pieces[g.below(pieces.count)] }
            bytes.withUnsafeBufferPointer { p in
                let n = p.count
                guard let base = p.baseAddress else { return }
                // The loop as it was: `memchr` for the middle byte, then the lengths in order.
                var expected: [Int] = []
                var i = 1
                while i + 2 < n, let hit = memchr(base + i, 0x80, n - 2 - i) {
                    let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    i = k + 1
                    guard p[k - 1] == 0xE3 && p[k + 1] == 0x82 else { continue }
                    var m = lengths
                    while m != 0 {
                        let at = k + 2 + m.trailingZeroBitCount
                        m &= m - 1
                        guard at < n else { break }
                        if p[at] >= 0x30 && p[at] <= 0x39 {
                            expected.append(k)
                            break
                        }
                    }
                }
                var got: [Int] = []
                i = 1
                while i + 2 < n {
                    let k = Int(cicu_kuten_before_digit_at_level(base, Int64(n), Int64(i), lengths, level))
                    guard k >= 0 else { break }
                    got.append(k)
                    i = k + 1
                }
                if got != expected { failures.append("\(bytes): \(got), not \(expected)") }
                found += expected.count
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(found > 3000, "\(found)")
    }

    /// `LineShape`'s trimmed ends, read on the bytes for most lines (scalar loops for the
    /// others), against their definitions on the trimmed line's scalars.
    @Test func lineShapeEndsMatchTheirDefinitions() {
        var g = Generator(state: 14)
        let parts = Self.pieces + ["．", "\u{2026}", "\u{2025}", "\u{30FB}", "\u{FF65}", "\u{FF3B}", "［", "【", "\u{2003}", "a.", "。 ", "\u{FF0E}", "\u{3010}"]
        var truncated = 0
        var marker = 0
        for _ in 0..<30000 {
            var line = ""
            for _ in 0..<g.below(6) { line += parts[g.below(parts.count)] }
            let p = Array(line.utf8)
            guard !p.isEmpty else { continue }
            // The definitions on the trimmed line's scalars (the reference stage's trimming).
            let trimmed = Array(line.referenceTrimmingSpaces.unicodeScalars).map(\.value)
            let first = trimmed.first.map(UTF8Scan.fold)
            let expectedMarker = String(line.referenceTrimmingSpaces).utf8.count <= 12 || first == 0x5B || first == 0x3010
            let expectedTruncated = trimmed.last.map { v in
                [0x2E, 0x30FB, 0xFF65].contains(UTF8Scan.fold(v)) || v == 0x2026 || v == 0x2025
            } ?? false
            let shape = SplitHeadings.LineShape(line, bareFilter: SplitHeadings.defaultBareHeadingFilter)
            #expect(shape.mayBeLoneMarker == expectedMarker && shape.mayBeTruncated == expectedTruncated, "\(Array(line.unicodeScalars))")
            if expectedTruncated { truncated += 1 }
            if expectedMarker && p.count > 12 { marker += 1 }
        }
        #expect(truncated > 1000 && marker > 1000, "\(truncated) \(marker)")
    }

    /// `HeadingAnchors.hasWidthForms` (its E2/EF search eight bytes at a time) against its
    /// definition on the scalars, and `isLinkSectionWord`'s first-bytes test against the words
    /// it rules out, on random texts of section words, width forms and spaces.
    @Test func headingByteTestsMatchTheirDefinitions() {
        var g = Generator(state: 13)
        let parts = ["関連", "外部", "項目", "リンク", "ﾘﾝｸ", "ペ―ジ", "ページ", "ギャラリー", "ｷﾞｬﾗﾘｰ", "画像", "Ｇａｌｌｅｒｙ", "Gallery",
                     " ", "\u{3000}", "\t", "\u{00A0}", "\u{2003}", "a", "あ", "—", "─", "…", "（", "🙂", "\u{FF61}", "\u{2011}",
                     "関連項目", "外部リンク", "関連ページ", "関", "外", "関連", "外部"]
        // The definition on the scalars: half-width katakana, full-width Latin letters, and
        // the four look-alikes of `ー`.
        func reference(_ text: String) -> Bool {
            text.unicodeScalars.contains { c in
                (0xFF66...0xFF9F).contains(c.value) || (0xFF21...0xFF3A).contains(c.value) || (0xFF41...0xFF5A).contains(c.value)
                    || [0x2014, 0x2015, 0x2500, 0x2501].contains(c.value)
            }
        }
        var widthForms = 0
        var linkWords = 0
        for _ in 0..<20000 {
            var s = ""
            for _ in 0..<g.below(12) { s += parts[g.below(parts.count)] }
            let expected = reference(s)
            if expected { widthForms += 1 }
            #expect(HeadingAnchors.hasWidthForms(s) == expected, "\(Array(s.unicodeScalars))")
            // A link section's word, once trimmed, opens with `関` or `外`: the first byte test
            // never rules out a text that is one.
            let t = s.trimmingSpaces
            let isWord = HeadingAnchors.trailingSectionWords.contains(t) && (t.hasPrefixBytes("関連") || t.hasPrefixBytes("外部"))
            if isWord {
                linkWords += 1
                #expect(HeadingAnchors.isLinkSectionWord(s), "\(Array(s.unicodeScalars))")
            }
            if !s.withUTF8Bytes({ HeadingAnchors.mayOpenLinkSectionWord($0) }) { #expect(!HeadingAnchors.isLinkSectionWord(s)) }
        }
        #expect(widthForms > 1000 && linkWords > 100, "\(widthForms) \(linkWords)")
        for word in HeadingAnchors.trailingSectionWords where word.hasPrefix("関連") || word.hasPrefix("外部") {
            for text in [word, " " + word, "\u{3000}" + word + " ", "\u{00A0}" + word, "\u{2003}" + word] {
                #expect(HeadingAnchors.isLinkSectionWord(text), "\(text)")
            }
        }
        // `isGalleryHeading` compares the words only with a text of their lengths.
        #expect(Set(SplitCaptions.galleryHeadings.map(\.utf8.count)).isSubset(of: [6, 7, 15, 21]))
        for text in SplitCaptions.galleryHeadings.sorted() + ["ｷﾞｬﾗﾘｰ", "画像ｷﾞｬﾗﾘｰ", "Ｇａｌｌｅｒｙ"] {
            #expect(SplitCaptions.isGalleryHeading(text), "\(text)")
        }
        for text in ["", "ギャラリ", "画像集", "関連ﾍﾟｰｼﾞ", "写真 ", "ギャラリー1"] {
            #expect(!SplitCaptions.isGalleryHeading(text), "\(text)")
        }
    }

    @Test func mobileSuffixAndScalarBounds() {
        for text in ["", "編集", " 編集", "\u{3000}編集", "x 編集", "x\u{3000}編集", "x\u{3001}編集", "\u{80}編集", "a編集", "見出し\u{3000}編集"] {
            let fast = text.withUTF8Bytes { SplitHeadings.LineShape.hasMobileSuffix($0) }
            #expect(fast == (text.hasSuffixBytes(" 編集") || text.hasSuffixBytes("\u{3000}編集")), "\(text)")
        }
        for text in ["", "a", "あ", "🙂🙂", String(repeating: "a", count: 40), String(repeating: "あ", count: 31), String(repeating: "🙂", count: 9), "e\u{301}"] {
            for n in 0..<40 {
                #expect(SplitHeadings.hasMoreScalars(text, than: n) == (text.unicodeScalars.count > n), "\(text) \(n)")
            }
        }
    }

    @Test func trimmingSpacesMatchesTheScalarForm() {
        var g = Generator(state: 3)
        let parts = [" ", "\u{3000}", "\t", "\u{00A0}", "\u{2003}", "\u{202F}", "\u{200B}", "a", "あ", "🙂", "e\u{301}", "\u{FF01}", "\n"]
        for _ in 0..<20000 {
            var s = ""
            for _ in 0..<g.below(8) { s += parts[g.below(parts.count)] }
            #expect(Array(s.trimmingSpaces.utf8) == Array(s.referenceTrimmingSpaces.utf8), "\(Array(s.unicodeScalars))")
        }
    }

    @Test func editMarkerMatchingIsUnchanged() {
        var g = Generator(state: 5)
        var lines = Self.trickyLines
        for _ in 0..<20000 {
            var line = ""
            for _ in 0..<g.below(6) { line += Self.pieces[g.below(Self.pieces.count)] }
            lines.append(line)
        }
        for extra in ["[ＥＤＩＴ]", "[ｅｄｉｔｓｏｕｒｃｅ]", "[editsource]", "[ ソース を 編集 ]", "[ｿｰｽ編集]", "[編集する|edit]", "[\u{00AD}編集]"] {
            lines.append(extra)
        }
        var failures: [String] = []
        var matched = 0
        for line in lines {
            line.withUTF8Bytes { p in
                // At scalar starts, with the line end or the start of its last scalar as end
                // (the callers pass scalar boundaries).
                let lastStart = p.count == 0 ? 0 : p.count - UTF8Scan.decodeBefore(p, p.count).length
                for i in 0..<p.count where p[i] & 0xC0 != 0x80 {
                    for end in [p.count, max(i, lastStart)] {
                        let m = EditMarkers.match(p, at: i, end: end)
                        if m != nil { matched += 1 }
                        if m != ReferenceEditMarkers.match(p, at: i, end: end)
                            || EditMarkers.truncatedMatch(p, at: i, end: end) != ReferenceEditMarkers.truncatedMatch(p, at: i, end: end)
                        {
                            failures.append("\(line) at \(i) end \(end)")
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(matched > 1000)
    }

    /// Scalar sequences rich in what the caption scan reacts to.
    @Test func gluedCaptionsMatchesTheSlowScan() {
        let scalars: [Unicode.Scalar] = [
            "(", ")", "（", "）", "、", ",", "は", "が", "。", " ", "\u{3000}", "右", "左", "中央", "か", "ら", "2", "番", "目", "年", "月", "日", "1", "9",
            "こ", "の", "よ", "う", "な", "ま", "た", "同", "一", "方", "国", "連", "ア", "イ", "・", "=", "に", "し", "不", "明", "Ａ", "１",
        ].flatMap { Array(String($0).unicodeScalars) }
        let words: [[Unicode.Scalar]] = ["このような", "また、", "同年", "1959年1月に", "(1960年4月)", "(右)", "（左から2番目）", "(日時不明)", "（1950年代）", "国連総会に出席したカストロ", "は、", "が、"]
            .map { Array($0.unicodeScalars) }
        var g = Generator(state: 13)
        for length in [4, 12, 0] {
            let fast = SplitCaptions(maximumCaptionLength: length == 0 ? 200 : length)
            let slow = ReferenceSplitCaptions(maximumCaptionLength: length == 0 ? 200 : length)
            for _ in 0..<20000 {
                var u: [Unicode.Scalar] = []
                for _ in 0..<g.below(40) {
                    if g.below(3) == 0 { u.append(contentsOf: words[g.below(words.count)]) } else { u.append(scalars[g.below(scalars.count)]) }
                }
                let a = fast.gluedCaptions(u)
                let b = slow.gluedCaptions(u)
                #expect(a.0 == b.0 && a.1 == b.1, "\(String(String.UnicodeScalarView(u)))")
                #expect(fast.captionOnlyLine(u) == slow.captionOnlyLine(u))
            }
        }
    }

    /// The byte probe of split-captions only ever rules out what the scalar checks would not
    /// find: when it says no caption can be glued, the glued-caption scan finds none and no
    /// caption before a lead is cut; and what else it answers is what the slow forms answer.
    @Test func lineProbeNeverRulesOutACaption() {
        let extra = [
            "国連総会に出席したカストロ", "(1960年4月)", "同年4月には", "沈没した", "正岡 子規", "(まさおか しき、1867年)は、", "偕楽園の梅林(2015年2月)偕楽園(かいらくえん)は、",
            "（左から2番目）", "年", "月", "日", "第", "代", "頃", "撮影", "右", "1", "１", "こ", "ま", "し", "一", "同", "翌", "\u{3000}", " ",
        ]
        let parts = Self.pieces + extra
        var ruledOut = 0
        var found = 0
        Self.forEachProbeCase(seed: 27, rounds: 60000, parts: parts, longest: 80) { line, maximum, sawContent in
            let probe = line.withUTF8Bytes { SplitCaptions.probe($0, sawContent: sawContent, maximumCaptionLength: maximum) }
            var u: [Unicode.Scalar] = []
            let (may, sentence) = SplitCaptions.loadScalars(line, into: &u, sawContent: sawContent, maximumCaptionLength: maximum)
            #expect(probe.mayBeCaptionOnly == may, "\(line)")
            if let spaced = probe.spaced {
                #expect(spaced == line.withUTF8Bytes { SplitCaptions.spacedBeforeParenthesis($0, maximumCaptionLength: maximum) }, "\(line)")
            }
            let glued = SplitCaptions(maximumCaptionLength: maximum).gluedCaptions(u, sentence).0
            let beforeLead =
                sentence.lastClose >= 0
                ? SplitCaptions.captionBeforeLead(line, u, through: sentence.lastClose, maximumCaptionLength: maximum) : nil
            if !glued.isEmpty || beforeLead != nil { found += 1 }
            guard !probe.mayGlue else { return }
            ruledOut += 1
            #expect(glued.isEmpty && beforeLead == nil, "max \(maximum): \(line)")
        }
        #expect(ruledOut > 10000 && found > 1000, "\(ruledOut) \(found)")
    }

    /// ``cicu_caption_stop``'s definition on bytes, written again here: where it stops from
    /// `from`, and the scalars (first bytes) before that.
    private static func captionStopByBytes(_ p: [UInt8], from: Int, closesOnly: Bool) -> (Int, Int) {
        let n = p.count
        var count = 0
        var i = from
        while i < n {
            let b = p[i]
            let three = i + 2 < n ? (p[i + 1], p[i + 2]) : nil
            let stops: Bool
            if closesOnly {
                stops = b == 0x29 || (three.map { (b == 0xE3 && $0 == (0x80, 0x82)) || (b == 0xEF && $0 == (0xBC, 0x89)) } ?? false)
            } else if b == 0x09 || b == 0x20 || (0x28...0x39).contains(b) || b == 0xC2 {
                stops = true
            } else if let (c, d) = three {
                stops = (b == 0xE2 && c == 0x80 && ((0x80...0x8A).contains(d) || d == 0xAF))
                    || (b == 0xE3 && c == 0x80 && (0x80...0x82).contains(d)) || (b == 0xE3 && c == 0x81 && [0x93, 0x97, 0xBE].contains(d))
                    || (b == 0xE4 && c == 0xB8 && d == 0x80) || (b == 0xE5 && c == 0x90 && d == 0x8C) || (b == 0xE7 && c == 0xBF && d == 0x8C)
                    || (b == 0xEF && c == 0xBC && (0x88...0x99).contains(d))
            } else {
                stops = false
            }
            if stops { return (i, count) }
            if b & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return (-1, count)
    }

    /// The vector and byte loops of ``cicu_caption_stop`` find what its definition says, on
    /// random bytes rich in the ones it tests (every start, both modes, lengths around the
    /// vectors' 32 and 34 bytes).
    @Test func captionStopMatchesItsDefinition() {
        let alphabet: [UInt8] = [0x09, 0x20, 0x27, 0x28, 0x29, 0x2C, 0x39, 0x3A, 0x41, 0xC2, 0xA0, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xEF,
            0x80, 0x81, 0x82, 0x83, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x93, 0x97, 0x99, 0x9A, 0xAF, 0xB8, 0xBC, 0xBE, 0xBF, 0x90, 0x87]
        var g = Generator(state: 41)
        var failures: [String] = []
        var stops = 0
        for round in 0..<6000 {
            let n = round % 3 == 0 ? g.below(40) : g.below(140)
            // Mostly runs of quiet three-byte characters (`あ`), with tested bytes among them.
            var bytes: [UInt8] = []
            while bytes.count < n {
                if g.below(4) == 0 { bytes.append(alphabet[g.below(alphabet.count)]) } else { bytes += [0xE3, 0x81, 0x82] }
            }
            for closesOnly in [false, true] {
                for from in stride(from: 0, through: bytes.count, by: max(1, bytes.count / 7)) {
                    let expected = Self.captionStopByBytes(bytes, from: from, closesOnly: closesOnly)
                    if expected.0 >= 0 { stops += 1 }
                    for level: Int32 in [0, 2] {
                        var scalars: Int64 = 5
                        let at = bytes.withUnsafeBufferPointer { p in
                            cicu_caption_stop_at_level(p.baseAddress ?? UnsafePointer(bitPattern: 1)!, Int64(from), Int64(p.count), closesOnly ? 1 : 0, &scalars, level)
                        }
                        if Int(at) != expected.0 || (!closesOnly && Int(scalars) != expected.1 + 5) {
                            failures.append("level \(level) closes \(closesOnly) from \(from): \(bytes) -> \(at), \(scalars)")
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(stops > 10000)
    }

    /// Every scalar the probe must look at (``SplitCaptions/ScanFlags/attention``) is one
    /// ``cicu_caption_stop`` stops at, and `)`, `）`, `。` are the ones it stops at when asked
    /// for closes only: the C scan steps over none of them.
    @Test func captionStopStopsAtEveryAttentionScalar() {
        let quiet = Array(String(repeating: "国", count: 20).utf8)
        var missed: [UInt32] = []
        var attention = 0
        for v: UInt32 in 0...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let f = SplitCaptions.scanFlags.flags(v)
            let isClose = v == 0x29 || v == 0xFF09 || v == 0x3002
            guard f & SplitCaptions.ScanFlags.attention != 0 || isClose else { continue }
            attention += 1
            let bytes = quiet + Array(String(s).utf8) + quiet
            for level: Int32 in [0, 2] {
                for closesOnly in isClose ? [false, true] : [false] {
                    var scalars: Int64 = 0
                    let at = bytes.withUnsafeBufferPointer { p in
                        cicu_caption_stop_at_level(p.baseAddress!, 0, Int64(p.count), closesOnly ? 1 : 0, &scalars, level)
                    }
                    if at != Int64(quiet.count) || scalars != 20 { missed.append(v) }
                }
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(5))")
        #expect(attention > 30)
    }

    /// The probe in C (``cicu_caption_probe``, both its loops) answers as the probe in Swift
    /// (``SplitCaptions/probeInSwift(_:sawContent:maximumCaptionLength:flags:)``), field for field, on random lines from tricky pieces, short and long (past the limit,
    /// with long quiet runs that the vectors step over).
    @Test func probeMatchesItsReference() {
        let extra = [
            "国連総会に出席したカストロ", "(1960年4月)", "同年4月には", "沈没した", "正岡 子規", "(まさおか しき、1867年)は、", "偕楽園の梅林(2015年2月)偕楽園(かいらくえん)は、",
            "（左から2番目）", "年", "月", "日", "第", "代", "頃", "撮影", "右", "1", "１", "こ", "ま", "し", "一", "同", "翌", "\u{3000}", " ", "-", "＋", "©",
            String(repeating: "あ", count: 40), String(repeating: "漢字", count: 30), String(repeating: "a", count: 70),
        ]
        let parts = Self.pieces + extra
        var differing: [String] = []
        var glued = 0
        Self.forEachProbeCase(seed: 43, rounds: 40000, parts: parts, longest: 120) { line, maximum, sawContent in
            line.withUTF8Bytes { p in
                let fast = SplitCaptions.probe(p, sawContent: sawContent, maximumCaptionLength: maximum)
                let slow = SplitCaptions.probeInSwift(p, sawContent: sawContent, maximumCaptionLength: maximum, flags: SplitCaptions.scanFlags)
                if fast.mayGlue { glued += 1 }
                if fast != slow { differing.append("max \(maximum) \(sawContent): \(line)") }
                // Both loops of the C probe (the byte loop on lines of 34 bytes or more too).
                guard let base = p.baseAddress else { return }
                let t = SplitCaptions.probeTables
                for level: Int32 in [0, 2] {
                    let r = cicu_caption_probe_at_level(base, Int64(p.count), Int64(maximum), t.flags, t.pairs, Int64(t.pairCount), level)
                    if r & CICU_PROBE_UNDECIDED != 0 { continue }
                    let spaced: Bool? = r & CICU_PROBE_SPACED_KNOWN != 0 ? r & CICU_PROBE_SPACED != 0 : nil
                    if (r & CICU_PROBE_GLUE != 0) != slow.mayGlue || spaced != slow.spaced {
                        differing.append("level \(level) max \(maximum): \(line)")
                    }
                }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        #expect(glued > 1000)
    }

    /// The AVX2 probe passes over an opener's first scalar whose next scalar's last byte is none
    /// of those it knows (``caption_pair_second_mask``): every pair's second is a three-byte
    /// scalar ending in one of them, and every pair's first is one of the openers its blocks
    /// find (``caption_stop_classes``' x3-x7).
    @Test func openerPairsEndInTheBytesTheProbeKnows() {
        let lastBytes: Set<UInt8> = [0xAE, 0x86, 0x8C, 0x93, 0x8B, 0x9F, 0xB9, 0xB4, 0x88, 0xA5]
        let firsts: Set<UInt32> = [0x3053, 0x3057, 0x307E, 0x4E00, 0x540C, 0x7FCC]  // こ し ま 一 同 翌
        for (first, second) in SplitCaptions.openerPairs {
            #expect(firsts.contains(first))
            let bytes = Array(String(Unicode.Scalar(second)!).utf8)
            #expect(bytes.count == 3 && lastBytes.contains(bytes[2]), "\(second)")
        }
    }

    /// The AVX2 probe's block masks by nibble look-ups (``caption_stop_classes``) are those of
    /// the compares they replaced (``caption_stop_mask`` less ``caption_quiet_mask``), on every
    /// three bytes and on random vectors of the bytes that matter (a wrong table entry or a
    /// dropped quiet rule gives thousands of mismatches).
    @Test func probeClassLookupsMatchTheCompares() {
        #expect(cicu_caption_classes_check(53, 200_000) == 0)
    }

    /// The stops the AVX2 probe passes over (``caption_quiet_mask``: an opener's first scalar
    /// or a digit right after a hiragana, a digit right after a digit; an opener's first scalar
    /// whose next scalar is no pair's second, ``caption_pair_second_mask``; `*` `+` `-` `.` `/`)
    /// change no answer: lines
    /// made mostly of those and of what sits next to them (the hiragana range's edges, `゠` and
    /// `ァ` just past it, a full-width digit, `年` `第` before a digit, spaces, parentheses,
    /// commas), against the Swift probe, long enough for several vectors and past the person-lead
    /// pre-check's bytes.
    @Test func probeQuietStopsChangeNoAnswer() {
        let parts = [
            "こ", "し", "ま", "一", "同", "翌", "この", "しかし", "また", "同年", "一方", "1", "9", "0", "12", "１", "/", ":", "ぁ", "ゟ",
            "\u{3040}", "む", "る", "を", "ん", "゠", "ァ", "カ", "国", "年", "第", "月", "日", "右", "(", ")", "（", "）", "、", "。", " ",
            "\u{3000}", "a", "Z", "é", "😀", "年4月", "(1960年4月)", "正岡 子規", String(repeating: "あ", count: 11),
            // An opener's first scalar before its pairs' seconds and their look-alikes (the same
            // last byte, or the same first two), and the punctuation left out of the blocks.
            "の", "う", "れ", "か", "た", "方", "為", "ぐ", "ほ", "ぞ", "っ", "奄", "尊", "有", "早", "ぢ", "*", "+", "-", ".", ",", "．",
        ]
        var differing: [String] = []
        var glued = 0
        Self.forEachProbeCase(seed: 53, rounds: 30000, parts: parts, longest: 90) { line, maximum, sawContent in
            line.withUTF8Bytes { p in
                let slow = SplitCaptions.probeInSwift(p, sawContent: sawContent, maximumCaptionLength: maximum, flags: SplitCaptions.scanFlags)
                if slow.mayGlue { glued += 1 }
                guard let base = p.baseAddress else { return }
                let t = SplitCaptions.probeTables
                let r = cicu_caption_probe_at_level(base, Int64(p.count), Int64(maximum), t.flags, t.pairs, Int64(t.pairCount), 2)
                if r & CICU_PROBE_UNDECIDED != 0 { return }
                let spaced: Bool? = r & CICU_PROBE_SPACED_KNOWN != 0 ? r & CICU_PROBE_SPACED != 0 : nil
                if (r & CICU_PROBE_GLUE != 0) != slow.mayGlue || spaced != slow.spaced { differing.append("max \(maximum): \(line)") }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        #expect(glued > 1000)
    }

    /// The scalars ``SplitCaptions/loadScalars(_:into:sawContent:maximumCaptionLength:)`` loads
    /// (``cicu_load_scalars``, at both levels) and what it finds on the way are those of the
    /// Swift loop it replaced (``SplitCaptions/decodeScalarsInSwift(_:into:limit:whole:maximumCaptionLength:kuten:lastClose:)``), on random lines of tricky pieces: runs of three-byte characters
    /// long and short, `。`, `）` and `)` inside or at the edges of them, characters of every length.
    @Test func loadedScalarsMatchTheSwiftLoop() {
        let extra = [
            "。", "）", ")", "（", "(", "、", "©", "é", "😀", "𠮷", "a", " ", String(repeating: "あ", count: 5), String(repeating: "漢字", count: 9),
            String(repeating: "カタカナ", count: 20), "国連総会(1960年4月)", "同年。", "右）", "ー",
        ]
        let parts = Self.pieces + extra
        var differing: [String] = []
        var longRuns = 0
        Self.forEachProbeCase(seed: 47, rounds: 20000, parts: parts, longest: 120) { line, maximum, sawContent in
            var fast: [Unicode.Scalar] = [" "]
            var slow: [Unicode.Scalar] = []
            let a = SplitCaptions.loadScalars(line, into: &fast, sawContent: sawContent, maximumCaptionLength: maximum)
            let b = SplitCaptions.loadScalars(line, into: &slow, sawContent: sawContent, maximumCaptionLength: maximum, inSwift: true)
            if fast.count > 40 { longRuns += 1 }
            if a.0 != b.0 || a.1 != b.1 || fast != slow { differing.append("max \(maximum) \(sawContent): \(line)") }
            // Both loops of the C function, with limits around the vector's steps too.
            line.withUTF8Bytes { p in
                guard let base = p.baseAddress else { return }
                for limit in [1, 3, 4, 5, 8, 13, maximum + 1, Int.max] {
                    for whole: Int32 in [0, 1] {
                        var results: [[UInt32]] = []
                        for level: Int32 in [0, 2] {
                            var out = [UInt32](repeating: 0, count: max(1, min(p.count, limit)))
                            var kuten: Int64 = 7
                            var close: Int64 = 7
                            let k = out.withUnsafeMutableBufferPointer {
                                cicu_load_scalars_at_level(base, Int64(p.count), $0.baseAddress!, Int64(limit), whole, Int64(maximum), &kuten, &close, level)
                            }
                            results.append(Array(out[..<Int(k)]) + [UInt32(bitPattern: Int32(kuten)), UInt32(bitPattern: Int32(close))])
                        }
                        // The byte loop against the scalars of the line, by definition.
                        var expected: [UInt32] = []
                        var kuten = -1
                        var close = -1
                        for c in line.unicodeScalars {
                            let k = expected.count
                            expected.append(c.value)
                            if c.value == 0x3002 {
                                if kuten < 0 { kuten = k }
                                if whole == 0 { break }
                            } else if (c.value == 0x29 || c.value == 0xFF09) && kuten < 0 && k < maximum {
                                close = k
                            }
                            if expected.count >= limit { break }
                        }
                        expected += [UInt32(bitPattern: Int32(kuten)), UInt32(bitPattern: Int32(close))]
                        if results[0] != expected || results[1] != expected { differing.append("limit \(limit) whole \(whole): \(line)") }
                    }
                }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        #expect(longRuns > 1000)
    }

    /// ``SplitCaptions/hasSpacedDash(_:)`` (one pass over the spaces) finds what the six
    /// searches it replaced found, on random lines of dashes, spaces and look-alikes.
    @Test func spacedDashMatchesTheSixSearches() {
        let parts = [" ", "-", "–", "—", "―", "−", "－", "‐", "ー", "a", "国", "  ", " -", "- ", "\u{3000}"]
        var g = Generator(state: 53)
        var found = 0
        for _ in 0..<20000 {
            var line = ""
            for _ in 0..<g.below(9) { line += parts[g.below(parts.count)] }
            let expected =
                line.containsBytes(" - ") || line.containsBytes(" – ") || line.containsBytes(" － ") || line.containsBytes(" — ")
                || line.containsBytes(" ― ") || line.containsBytes(" − ")
            if expected { found += 1 }
            #expect(line.withUTF8Bytes { SplitCaptions.hasSpacedDash($0) } == expected, "\(line)")
        }
        #expect(found > 1000)
    }

    /// ``SplitCaptions/spacedBeforeParenthesis(_:maximumCaptionLength:)`` (a step a
    /// character) answers as the byte loop it was, on random lines of spaces, parentheses,
    /// commas, characters of every length and long runs, at limits short and long.
    @Test func spacedBeforeParenthesisMatchesTheByteLoop() {
        func byteLoop(_ p: UnsafeBufferPointer<UInt8>, maximumCaptionLength: Int) -> Bool {
            let n = min(p.count, 4 * (maximumCaptionLength + 12))
            var afterSpace = -1
            var i = 0
            while i < n {
                let b = p[i]
                if b == 0x20 {
                    afterSpace = i + 1
                } else if b == 0x28 {
                    return afterSpace >= 0 && i - afterSpace <= 15
                } else if b == 0xE3, i + 2 < p.count, p[i + 1] == 0x80 {
                    let c = p[i + 2]
                    if c == 0x80 {
                        afterSpace = i + 3
                        i += 3
                        continue
                    }
                    if c == 0x81 || c == 0x82 { return false }
                } else if b == 0xEF, i + 2 < p.count, p[i + 1] == 0xBC, p[i + 2] == 0x88 {
                    return afterSpace >= 0 && i - afterSpace <= 15
                }
                i += 1
            }
            return false
        }
        let parts = [
            " ", "\u{3000}", "(", "（", "、", "。", "〃", "正岡", "子規", "あ", "é", "😀", "a", "ｶ", "）", "＊", "\u{3004}", "国国国国国",
        ]
        var differing: [String] = []
        var spaced = 0
        Self.forEachProbeCase(seed: 71, rounds: 30000, parts: parts, longest: 100) { line, maximum, _ in
            line.withUTF8Bytes { p in
                let fast = SplitCaptions.spacedBeforeParenthesis(p, maximumCaptionLength: maximum)
                if fast { spaced += 1 }
                if fast != byteLoop(p, maximumCaptionLength: maximum) { differing.append("max \(maximum): \(line)") }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        #expect(spaced > 1000)
    }

    /// ``SplitCaptions/TaglineWatch`` never rules out a paragraph that
    /// ``SplitCaptions/isCaptionOverLead(at:in:)`` takes, on random pages of taglines (and
    /// chrome that is none: another signal or rule), headings, captions and paragraphs that are
    /// caption-shaped lines, leads or prose; and it finds some.
    @Test func taglineWatchRulesOutNoCaptionOverLead() {
        let paragraphs = [
            "孝明天皇の冕冠", "インターネット百科事典。コンピューターを使って閲覧する。", "冕冠(べんかん)は、日本の天皇が着用した礼冠の一種。",
            "本文である。", "「引用", "概要...", "x",
        ]
        var rng = SplitMix64(seed: 79)
        func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var missed: [String] = []
        var taken = 0
        for _ in 0..<20000 {
            var blocks: [Block] = []
            for k in 0..<(1 + below(12)) {
                let block: Block
                switch below(10) {
                case 0: block = Block(role: .chrome, text: "出典", line: k, rule: "wikipedia.tagline", signal: .pageStart)
                case 1: block = Block(role: .chrome, text: "転送", line: k, rule: below(2) == 0 ? "wikipedia.redirect" : "wikipedia.tagline")
                case 2: block = Block(role: below(2) == 0 ? .heading : .caption, text: "歴史", line: k)
                default: block = .paragraph(paragraphs[below(paragraphs.count)], line: k)
                }
                blocks.append(block)
            }
            var watch = SplitCaptions.TaglineWatch()
            for i in blocks.indices {
                let may = watch.pass(i, in: blocks)
                guard blocks[i].role == .paragraph, SplitCaptions.isCaptionOverLead(at: i, in: blocks) else { continue }
                taken += 1
                if !may { missed.append("\(i): \(blocks.map { "\($0.role.rawValue):\($0.text)" })") }
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(3))")
        #expect(taken > 50)
    }

    /// ``SplitCaptions/closesDatePosition(_:_:)`` (on the storage, the words looked up by
    /// their last scalar) answers as the reference stage's form at every position of random
    /// texts made of the words it looks for, their pieces, digits, parentheses of both widths
    /// nested or not, and filler long enough to put the opening parenthesis out of reach.
    @Test func closesDatePositionMatchesTheReference() {
        let parts = [
            "(", ")", "（", "）", "日時不明", "不明", "撮影年不明", "年", "月", "日", "年頃", "撮影", "日午前", "午後", "朝", "右", "左", "中央", "央",
            "中", "手前", "真ん中", "右端", "前列", "後列", "側", "番目", "人目", "目", "右から", "左から", "から", "1", "１", "9", "国", "あ",
            String(repeating: "漢", count: 13), String(repeating: "字", count: 41), "😀",
        ]
        var differing: [String] = []
        var closes = 0
        Self.forEachProbeCase(seed: 73, rounds: 30000, parts: parts, longest: 30) { line, maximum, sawContent in
            guard maximum == 200, !sawContent else { return }
            let u = Array(line.unicodeScalars)
            for k in 0..<u.count {
                let fast = SplitCaptions.closesDatePosition(u, k)
                if fast { closes += 1 }
                if fast != ReferenceSplitCaptions.closesDatePosition(u, k) { differing.append("\(k): \(line)") }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        #expect(closes > 300)
    }

    /// ``SplitCaptions/isCaptionLike(_:)`` (one pass over the storage) answers as its
    /// definition, the reference stage's form (the one it had): four scalars or more, no `。`,
    /// the last a kanji, katakana, letter, digit or closing bracket, no `、` right after `は` or
    /// `が`. Random slices (not from the array's start) of lines made of those scalars and
    /// their neighbours.
    @Test func isCaptionLikeMatchesItsDefinition() {
        let definition = ReferenceSplitCaptions.isCaptionLike
        let alphabet = Array("は、が、。国カaZ1１)）(」あ をの\u{3000}\u{3003}\u{3000}ば😀ｶ々".unicodeScalars)
        var rng = SplitMix64(seed: 67)
        var differing: [String] = []
        var liked = 0
        for _ in 0..<30000 {
            let u = (0..<Int(rng.next() % 16)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let from = u.isEmpty ? 0 : Int(rng.next() % UInt64(u.count + 1))
            let slice = u[from...]
            let fast = SplitCaptions.isCaptionLike(slice)
            if fast { liked += 1 }
            if fast != definition(slice) { differing.append(String(String.UnicodeScalarView(slice))) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        #expect(liked > 1000)
    }

    /// ``SplitCaptions/utf8Offset(_:)`` is the UTF-8 length of the scalars, of every length.
    @Test func utf8OffsetIsTheUTF8Length() {
        // The bounds of each length too (U+007F/0080, U+07FF/0800, U+FFFF/10000).
        let text = "a国é😀)（。\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}" + String(repeating: "ｶﾞ漢𠮷x", count: 30)
        let u = Array(text.unicodeScalars)
        for k in 0...u.count {
            #expect(SplitCaptions.utf8Offset(u, k) == String(String.UnicodeScalarView(u[..<k])).utf8.count)
            // A slice that starts past the array's start.
            if k > 0 { #expect(SplitCaptions.utf8Offset(u[k / 2..<k]) == String(String.UnicodeScalarView(u[k / 2..<k])).utf8.count) }
        }
    }

    /// ``SplitCaptions/firstScalars(_:_:)`` is the prefix of the text's scalars, whatever the
    /// limit (past `。` too).
    @Test func firstScalarsAreThePrefixOfTheScalars() {
        for text in ["", "a", "国。国", "a国é😀)（。" + String(repeating: "ｶﾞ漢𠮷x。", count: 30)] {
            for limit in [0, 1, 2, 3, 4, 5, 7, 40, 1000] {
                #expect(SplitCaptions.firstScalars(text, limit) == Array(text.unicodeScalars.prefix(limit)), "\(limit) \(text)")
            }
        }
    }

    /// ``SplitCaptions/holdsTwice(_:in:)``, the test in front of the full-date count, is true
    /// whenever the count can reach two: on random lines of date pieces.
    @Test func twoFullDatesNeedTwoDayMarks() {
        let parts = ["2019年", "4月", "7日", "日", "(", ")", "第1話", "国", "（2020年1月2日）"]
        var g = Generator(state: 59)
        for _ in 0..<5000 {
            var line = ""
            for _ in 0..<g.below(12) { line += parts[g.below(parts.count)] }
            let u = Array(line.unicodeScalars)
            #expect(SplitCaptions.holdsTwice(0x65E5, in: u) == (u.filter { $0 == "日" }.count >= 2), "\(line)")
            if SplitCaptions.fullDatesOutsideParentheses(u) >= 2 { #expect(SplitCaptions.holdsTwice(0x65E5, in: u), "\(line)") }
        }
    }

    /// ``SplitCaptions/script(_:)`` (its table, built by ranges) is ``JapaneseText/script(_:)``
    /// for every scalar of the BMP and some beyond.
    @Test func scriptTableMatchesTheScriptFunction() {
        var differing: [UInt32] = []
        for v in UInt32(0)..<0x1_0000 where SplitCaptions.script(v) != JapaneseText.script(v) { differing.append(v) }
        for v: UInt32 in [0x1_0000, 0x2_0000, 0x2_A6D6, 0x3_0000, 0x1F600] where SplitCaptions.script(v) != JapaneseText.script(v) {
            differing.append(v)
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    /// The cases the probe tests run: `rounds` random lines of `parts` (one in four up to
    /// `longest` parts, the others up to 16), each with caption limits 4 and 12 (every third
    /// line) and 200, and `sawContent` false and true.
    private static func forEachProbeCase(
        seed: UInt64, rounds: Int, parts: [String], longest: Int, _ body: (String, Int, Bool) -> Void
    ) {
        var g = Generator(state: seed)
        for round in 0..<rounds {
            var line = ""
            let n = g.below(4) == 0 ? g.below(longest) : g.below(16)
            for _ in 0..<n { line += parts[g.below(parts.count)] }
            for maximum in [4, 12, 200] where round % 3 == 0 || maximum == 200 {
                for sawContent in [false, true] { body(line, maximum, sawContent) }
            }
        }
    }

    @Test func scanFlagsMatchTheirDefinitions() {
        typealias F = SplitCaptions.ScanFlags
        var differing: [UInt32] = []
        for v: UInt32 in 0...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let f = SplitCaptions.scanFlags.flags(v)
            let script = JapaneseText.script(v)
            let expected: [(UInt8, Bool)] = [
                (F.open, s == "(" || s == "（"),
                (F.close, s == ")" || s == "）"),
                (F.comma, s == "、" || s == ","),
                (F.space, UTF8Scan.isSpace(UTF8Scan.fold(v))),
                (F.mayOpen, SplitCaptions.mayOpenSentence(s)),
                (F.nounEnd, script == .kanji || script == .katakana || script == .alnum),
                (F.kuten, s == "。"),
                (F.dateEnd, SplitCaptions.dateOrPositionLastScalars.contains(s)),
            ]
            if expected.contains(where: { bit, value in (f & bit != 0) != value }) { differing.append(v) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        let extra = F(openers: [0x1F600, 0x3053])
        #expect(extra.mayOpenSentence(0x1F600) && extra.mayOpenSentence(0x3053) && !extra.mayOpenSentence(0x1F601) && extra.mayOpenSentence(0x31))
        #expect(extra.flags(0x3000) & F.space != 0 && extra.flags(0x4E00) & F.nounEnd != 0 && extra.flags(0x3042) & F.nounEnd == 0)
    }

    /// ``SplitCaptions/isGalleryHeading(_:)`` answers as the width-folded look-up it makes on
    /// the bytes (``HeadingAnchors/widthFoldedWord(_:keys:)``) does: on the gallery words in
    /// half-width and full-width forms, with look-alikes of `ー`, spaces and other text, and
    /// on other headings.
    @Test func galleryHeadingOnTheBytesAsWidthFolded() {
        let keys = HeadingAnchors.widthFoldKeys(SplitCaptions.galleryHeadings)
        func reference(_ t: String) -> Bool {
            let n = t.utf8.count
            guard n <= 48 else { return false }
            if n <= 21, SplitCaptions.galleryHeadings.contains(where: { $0.utf8.count == n && t.utf8.elementsEqual($0.utf8) }) { return true }
            return HeadingAnchors.hasWidthForms(t) && SplitCaptions.galleryHeadings.contains(HeadingAnchors.widthFoldedWord(t, keys: keys))
        }
        var headings = [
            "ギャラリー", "ｷﾞｬﾗﾘｰ", "画像ｷﾞｬﾗﾘｰ", "ギャラリ―", "ギャラリ—", "ギャラリ─", "Ｇａｌｌｅｒｙ", "ｇａｌｌｅｒｙ", "ＧＡＬＬＥＲＹ", "Ｇallery",
            "写真", "画像", "ｷﾞｬﾗﾘｰ ", " ｷﾞｬﾗﾘｰ", "ｷﾞｬ ﾗﾘｰ", "ｷﾞｬﾗﾘｰ2", "画像ｷﾞｬﾗﾘｰ画像", "ｶﾞｲﾄﾞ", "ｷﾞｬﾗﾘｰ\u{3000}", "ｷ\u{FF9E}ｬﾗﾘｰ",
            "ギャラリー (写真)", "ｷﾞｬﾗﾘｰ（写真）", "", "ｰ", "―", "Ｇ", "歴史", "関連ﾍﾟｰｼﾞ",
            // Decomposed and other canonically equivalent spellings, with a width form.
            "キ\u{3099}ャラリｰ", "キ\u{3099}ャラリ―", "画像キ\u{3099}ャラリｰ", "ｷﾞｬﾗﾘｰ\u{0301}", "Ｇａｌｌｅｒｙ\u{0301}", "\u{F9A8}像ｷﾞｬﾗﾘｰ",
        ]
        var g = Generator(state: 41)
        let parts = [
            "ｷﾞ", "ｬ", "ﾗ", "ﾘ", "ｰ", "ギ", "ャ", "ラ", "リ", "ー", "―", "画", "像", "写", "真", "Ｇ", "ａ", "ｌ", "e", "r", "y", " ", "\u{3000}", "キ",
            "\u{3099}", "ﾞ", "ｶ",
        ]
        for _ in 0..<3000 { headings.append((0..<g.below(9)).map { _ in parts[g.below(parts.count)] }.joined()) }
        var found = 0
        for t in headings {
            let a = SplitCaptions.isGalleryHeading(t)
            #expect(a == reference(t), "\(t)")
            if a && HeadingAnchors.hasWidthForms(t) { found += 1 }
        }
        #expect(found >= 5)
    }

    /// ``SplitCaptions/isTagline(at:in:)`` answers as ``StripSiteChrome/isTagline(_:)`` does, on
    /// every rule id of the default rules and on ids cut and spliced around `.tagline`.
    @Test func taglineInPlaceAsStripSiteChrome() throws {
        let rules = try TestSupport.chromeRules()
        var ids = rules.phrases.map(\.id) + rules.menus.map(\.id)
        ids += [
            ".tagline", "a.tagline", "a.tagline-b", "a.taglines", "a.tagline.b", "tagline", "a.taglin", ".tagline-", "x.tagline-x.tagline",
            "a..tagline", "a.tag.tagline", "", "a.TAGLINE", "a.tagline\u{0}", "a.tagline-\u{3042}",
        ]
        var checked = 0
        for id in ids {
            for signal in [Block.Signal.pageStart, .pageEnd, nil] {
                for rule in [id, nil] as [String?] {
                    let blocks = [Block(role: .chrome, text: "x", line: 1, rule: rule, signal: signal)]
                    #expect(SplitCaptions.isTagline(at: 0, in: blocks) == StripSiteChrome.isTagline(blocks[0]), "\(id) \(String(describing: signal))")
                    checked += 1
                }
            }
        }
        #expect(checked > 100 && ids.contains(where: { $0.hasSuffix(".tagline") }))
    }

    /// The probe's look-up form of ``SplitCaptions/endsLikeACaption(last:)`` answers as the
    /// script test does, for every scalar.
    @Test func endsLikeACaptionByLookUp() {
        let flags = SplitCaptions.scanFlags
        var differing: [UInt32] = []
        for v: UInt32 in 0...0x10FFFF where Unicode.Scalar(v) != nil {
            if flags.endsLikeACaption(last: v) != SplitCaptions.endsLikeACaption(last: v) { differing.append(v) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    /// ``SplitCaptions/spaceTrimmed(_:)`` keeps the bytes `trimmingSpaces` keeps.
    @Test func spaceTrimmedBytesAsTrimmingSpaces() {
        var g = Generator(state: 29)
        let parts = ["a", "あ", " ", "\u{3000}", "\t", "\u{00A0}", "\u{2003}", "\u{202F}", "漢", "🙂", "(", "\u{FF01}"]
        for _ in 0..<5000 {
            var s = ""
            for _ in 0..<g.below(12) { s += parts[g.below(parts.count)] }
            let trimmed = s.withUTF8Bytes { Array(SplitCaptions.spaceTrimmed($0)) }
            #expect(trimmed == Array(s.trimmingSpaces.utf8), "\(s)")
        }
    }

    @Test func captionHelpersOnBytes() {
        var g = Generator(state: 17)
        let parts = ["a", "あ", "🙂", "é", "漢", "。", " ", "\u{3000}", "(右)", ")", "）"]
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<g.below(30) { s += parts[g.below(parts.count)] }
            let u = Array(s.unicodeScalars)
            for k in 0...u.count {
                #expect(SplitCaptions.utf8Offset(u, k) == String(String.UnicodeScalarView(u[0..<k])).utf8.count)
                for j in k...u.count {
                    let a = SplitCaptions.utf8Offset(u, k)
                    let b = SplitCaptions.utf8Offset(u, j)
                    #expect(Array(s.scalarAlignedSlice(a, b).utf8) == Array(s.utf8Slice(a, b).utf8))
                }
            }
            for sawContent in [false, true] {
                for maximum in [0, 3, 200] {
                    var loaded: [Unicode.Scalar] = [" "]
                    let (may, sentence) = SplitCaptions.loadScalars(s, into: &loaded, sawContent: sawContent, maximumCaptionLength: maximum)
                    let expectedMay = sawContent && SplitCaptions.endsLikeACaption(s)
                    #expect(may == expectedMay)
                    var expected: [Unicode.Scalar] = []
                    let limit = expectedMay ? Int.max : maximum + 1
                    for c in s.unicodeScalars {
                        expected.append(c)
                        if expected.count >= limit || (c == "。" && !expectedMay) { break }
                    }
                    #expect(loaded == expected)
                    #expect(sentence == SplitCaptions.FirstSentence(expected, maximumCaptionLength: maximum))
                }
            }
        }
    }

    /// The switch of ``SplitHeadings/isSentencePunctuation(_:)`` holds the scalars of the set it
    /// replaced, and no other.
    @Test func sentencePunctuationSwitchMatchesTheSet() {
        let set: Set<Unicode.Scalar> = ["。", "、", "(", ")", "（", "）", "「", "」", "『", "』", ":", "："]
        var differing: [UInt32] = []
        for v in UInt32(0)..<0x11_0000 {
            guard let c = Unicode.Scalar(v) else { continue }
            if SplitHeadings.isSentencePunctuation(v) != set.contains(c) { differing.append(v) }
        }
        #expect(differing.isEmpty, "\(differing.map { String($0, radix: 16) })")
    }
}
