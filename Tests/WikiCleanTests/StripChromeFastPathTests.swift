import Foundation
import Testing

@testable import WikiClean

/// The fast paths of strip-chrome and of the plain-text reader against the code they replaced
/// (``ReferenceStripSiteChrome``, ``ReferencePlainTextReader``): the same blocks, byte for
/// byte, the same figures and events, the same rejections and counts, on fixtures and on
/// seeded random pages built from the chrome rules' own phrases and words in every width,
/// voicing and normalization form, and on lines that only Swift's canonical equivalence
/// tells apart.
@Suite struct StripChromeFastPathTests {
    // MARK: - Comparing outputs

    /// Blocks as bytes (String `==` would accept canonically equal texts).
    private static func dump(_ docs: [Document]) -> [String] {
        docs.flatMap { doc in
            ["doc \(doc.id) \(doc.kind) \(doc.title ?? "-") \(doc.reading ?? "-") \(doc.truncated) \(doc.source.input) \(doc.source.lineStart.map(String.init) ?? "-") \(doc.source.lineEnd.map(String.init) ?? "-")"]
                + doc.blocks.map { b in
                    "\(b.role.rawValue)|\(b.line.map(String.init) ?? "-")|\(b.rule ?? "-")|\(b.signal?.rawValue ?? "-")|\(Array(b.text.utf8))"
                }
        }
    }

    private static func dump(_ context: StageContext) -> [String] {
        var out: [String] = []
        for (k, v) in context.removed.sorted(by: { $0.key < $1.key }) { out.append("removed \(k) \(v.count) \(v.characters)") }
        for (k, v) in context.changed.sorted(by: { $0.key < $1.key }) { out.append("changed \(k) \(v.count) \(v.characters)") }
        for (k, v) in context.linesOutside.sorted(by: { $0.key < $1.key }) { out.append("outside \(k) \(v)") }
        for e in context.events {
            out.append(
                "event \(e.stage) \(e.rule) \(e.action.rawValue) \(e.line.map(String.init) ?? "-") \(Array(e.text.utf8)) \(e.replacement.map { Array($0.utf8) } ?? [])"
            )
        }
        return out
    }

    /// Runs both stages on the page; expects the same documents and the same figures and events.
    private static func expectSame(_ fast: StripSiteChrome, _ reference: ReferenceStripSiteChrome, _ doc: Document, _ label: @autoclosure () -> String) throws {
        var c1 = StageContext(stage: StripSiteChrome.identifier, recordsEvents: true)
        var c2 = StageContext(stage: StripSiteChrome.identifier, recordsEvents: true)
        let d1 = fast.apply(to: doc, context: &c1)
        let d2 = try reference.apply(to: doc, context: &c2)
        let a = dump(d1)
        let b = dump(d2)
        #expect(a == b, "blocks differ: \(label())")
        #expect(dump(c1) == dump(c2), "figures differ: \(label())")
        // Without events too (the stage must not depend on it).
        var c3 = StageContext(stage: StripSiteChrome.identifier)
        var c4 = StageContext(stage: StripSiteChrome.identifier)
        #expect(dump(fast.apply(to: doc, context: &c3)) == a, "blocks differ without events: \(label())")
        _ = try reference.apply(to: doc, context: &c4)
        #expect(dump(c3) == dump(c4), "figures differ without events: \(label())")
    }

    private static func checkPage(_ lines: [String], _ label: @autoclosure () -> String, stages: [(StripSiteChrome, ReferenceStripSiteChrome)] = stagePairs) throws {
        let doc = TestSupport.page(lines)
        for (fast, reference) in stages { try expectSame(fast, reference, doc, label()) }
    }

    // MARK: - Rules

    static let defaultRules = try! TestSupport.chromeRules()

    static func menu(_ id: String, _ words: [String], run: Int, signal: Block.Signal? = nil) -> ChromeRules.Menu {
        let folded = Set(words.map(ChromeRules.foldKey))
        return ChromeRules.Menu(id: id, words: folded, trie: WordTrie(folded), minimumRun: run, signal: signal)
    }

    /// Menu words that only canonical equivalence matches with their other spellings: precomposed
    /// and combining Latin, Hangul syllables and jamo, a compatibility ideograph and its unified
    /// form, marks out of canonical order, kana the matching form does not decompose, a scalar
    /// beyond the BMP, half-width forms.
    static let trickyWords: [[String]] = [
        [
            "Français", "한국어", "\u{F900}", "ガ\u{302A}", "a\u{323}\u{301}", "ヸ", "ゞ", "🙂メニュー", "ｶﾞｲﾄﾞ", "メニュー", "ヘルプ", "トップ",
            "e\u{301}cole", "Å", "Ω", "ぱ", "ア", "イ", "ウ", "アイ",
        ],
        ["Franc\u{327}ais", "\u{1100}\u{1161}", "豈", "ログイン", "ヰ\u{3099}", "ゝ\u{3099}", "\u{212B}", "ọ\u{302}", "目次", "ガイド"],
        ["ア", "イ", "ウ", "アイ", "カ", "ガ", "キ"],
    ]

    static func trickyRules() -> ChromeRules {
        var r = defaultRules
        r.menus = [
            menu("t.one", trickyWords[0], run: 2), menu("t.two", trickyWords[1], run: 1, signal: .pageStart), menu("t.three", trickyWords[2], run: 3),
        ] + r.menus
        r.tocHeadings = ["目次", "Contents", "ｺﾝﾃﾝﾂ", "Inhalt\u{308}", "Ïnhalt"]
        r.infoboxEndMarkers = ["テンプレートを表示", "Infobox終わり", "ガ\u{302A}表"]
        r.truncatedPrefixMinimum = 2
        return r
    }

    /// More than 64 menus: the word sets are asked as `String`s.
    static func manyMenuRules() -> ChromeRules {
        var r = defaultRules
        for k in 0..<70 { r.menus.append(menu("m.\(k)", ["語\(k)", "メニュー\(k)", "ア"], run: 1 + k % 3)) }
        r.menus += trickyRules().menus.prefix(3)
        return r
    }

    static func bareRules() -> ChromeRules {
        var r = ChromeRules()
        r.menus = [menu("b.menu", ["トップ", "ヘルプ", "ア", "イ"], run: 2)]
        r.breadcrumbRule = nil
        r.truncatedPrefixMinimum = 1
        return r
    }

    static let ruleVariants: [ChromeRules] = {
        var shortPrefix = defaultRules
        shortPrefix.truncatedPrefixMinimum = 1
        return [defaultRules, shortPrefix, trickyRules(), manyMenuRules(), bareRules()]
    }()

    static let stagePairs: [(StripSiteChrome, ReferenceStripSiteChrome)] = ruleVariants.map {
        (StripSiteChrome(rules: $0), ReferenceStripSiteChrome(rules: $0))
    }

    // MARK: - Fixtures

    private static func fixtureFiles() -> [URL] {
        let root = TestSupport.packageRoot.appendingPathComponent("Fixtures")
        return FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "txt" || $0.pathExtension == "jsonl" }
    }

    @Test func fixturePagesGiveTheSameOutput() throws {
        let files = Self.fixtureFiles()
        #expect(!files.isEmpty)
        let pipeline = try TestSupport.defaultPipeline()
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
            try Self.checkPage(lines, url.lastPathComponent)
            var i = 0
            while i < lines.count {
                try Self.checkPage(Array(lines[i..<min(lines.count, i + 12)]), "\(url.lastPathComponent):\(i)")
                i += 12
            }
            // The pages the reader makes of it.
            var reader = try pipeline.makeReader(path: url.path)
            while let item = try reader.next() {
                guard case .page(let doc) = item else { continue }
                for (fast, reference) in Self.stagePairs { try Self.expectSame(fast, reference, doc, "\(url.lastPathComponent) \(doc.id)") }
            }
        }
    }

    // MARK: - Tricky lines

    static let trickyLines: [String] = [
        "", " ", "\u{3000}", "...", "…", "……", "．．．", "・・・", ". . .", "x...", "x …", "x. . .", "x…\u{3000}", "x.. .",
        "左メニュー", " 左メニュー ", "左メニューサンプル", "左メニュー\u{3000}", "ﾋﾀﾞﾘﾒﾆｭｰ", "左メニューはヘッダーメニューの【編集】>【左メニューを編集する】をクリックすると編集できます。",
        "トップページゲーム攻略キャラクター一覧よくある質問リンク集...", "淡路島(あわじしま)は、島である。",
        "出典: フリー百科事典『ウィキペディア（Wikipedia）』ナビゲーションに移動検索に移動高知大学の概要である。",
        "出典: ﾌﾘｰ百科事典『ｳｨｷﾍﾟﾃﾞｨｱ(Wikipedia)』ﾅﾋﾞｹﾞｰｼｮﾝに移動検索に移動高槻市の学校である。",
        "出典: フリー百科事典『ウィキペディア(Wikipedia)』 (2024/01/02 03:04 UTC 版)本文。",
        "この項目は、...", "この項目は、地理に関連した書きかけの項目です。", "地名である。この項…", "地名である。この項目は…", "地名である。出典: フリー百科...",
        "本文。ナビゲーションに移…", "本文。ナビゲ...", "本文。ﾅﾋﾞｹﾞｰｼｮﾝに...", "本文。ナヒ\u{3099}ゲーションに…", "本文。この節の加\u{3000}筆が...",
        "黄泉(よみ)とは、死者の世界のこと。目次1 語源[編集]2 記紀の伝承[編集]2.1 『古事記』[編...", "目次1 概要[編集]2 歴史[編集]本文である。",
        "目次", "１ 概要", "1 歴史", "1.1 古代", "2 地理", "2. 地理", ".1 x", "1  x", "1 " + String(repeating: "あ", count: 60), "1 " + String(repeating: "あ", count: 61),
        "1 概要。", "１２．３ ｘ", "3", "3 ", "ｺﾝﾃﾝﾂ", "Contents", "Ｃｏｎｔｅｎｔｓ", "Inhalt\u{308}", "I\u{308}nhalt", "Ïnhalt",
        "テンプレートを表示", "ﾃﾝﾌﾟﾚｰﾄを表示", "テンフ\u{309A}レートを表示", "テンプレート を表示", "Infobox終わり", "ガ\u{302A}表", "カ\u{302A}\u{3099}表", "ガ\u{302A}\u{3099}表",
        "所在地 東京都", "人口 100人", "面積 10 km2", "高所恐怖症分類および外部参照情報テンプレートを表示高所恐怖症(こうしょきょうふしょう)は、恐怖症のひとつ。",
        "旧制教育機関 > 旧制専門学校 > 高等工業学校高等工業学校(こうとうこうぎょうがっこう)は、旧制の学校。", "式 a>b が成り立つ場合を考える。", "A ＞ B ＞ C",
        "A › B › C", "ホーム > カテゴリ", "シェアボタン: このページをSNSに投稿するのに便利です。", "「紅巾の乱」とは異なります。黄巾の乱は、乱である。",
        "メインメニュー", "メインメニュー サイドバーに移動", "メインメニュー|サイドバーに移動", "メインメニュー・ヘルプ", "ヘルプ", "ヘルプ ヘルプ",
        "トップ 編集 差分", "トップ編集差分履歴", "トップ | 編集 | ", " | トップ", "English Deutsch Français", "English Deutsch Franc\u{327}ais",
        "Français", "Franc\u{327}ais", "FRANÇAIS", "한국어", "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}\u{110B}\u{1165}", "\u{F900}", "豈", "\u{F900} 豈",
        "ガ\u{302A}", "カ\u{3099}\u{302A}", "カ\u{302A}\u{3099}", "a\u{323}\u{301}", "a\u{301}\u{323}", "ạ\u{301}", "ヸ", "ヰ\u{3099}", "ゞ", "ゝ\u{3099}", "ゝ゛",
        "🙂メニュー", "🙂メニュー 🙂メニュー", "ｶﾞｲﾄﾞ", "ガイド", "カ\u{3099}イト\u{3099}", "ガイド ガイド", "ガイドガイドガイド", "アイウ", "アイウア", "アイウエ", "カガキ",
        "Å", "\u{212B}", "A\u{30A}", "Ω", "\u{2126}", "ọ\u{302}", "ộ", "o\u{302}\u{323}", "e\u{301}cole", "école", "メニュー ヘルプ トップ", "メニュー、ヘルプ",
        "メニューヘルプトップ", "メニュー\u{200B}ヘルプ", "\u{200B}", "ア\u{200B}", "Fan Feed", "Fan  Feed", "FanFeed", "Fan Feed More", "D&D Beyond Fandom",
        "What is Fandom? About", "掲示板 更新履歴", "掲示板更新履歴最近のコメント", "雑談・質問・相談掲示板",
        String(repeating: "ア", count: 119), String(repeating: "ア", count: 121), String(repeating: "ア", count: 199), String(repeating: "ア", count: 201),
        String(repeating: "ア", count: 250), String(repeating: "トップ", count: 100), String(repeating: "トップ ", count: 60), String(repeating: "あ", count: 300),
        "見出し[編集]本文。", "この記事は検証可能な参考文献や出典が全く示されていないか、不十分です。", "[1]", "[注 2]", "[要出典]", "本文[1]である。",
        "カテゴリ: 日本の島 | 淡路島", "このページの最終更新日時は 2024年1月2日 (火) 03:04 です。", "( 本文 )", "本文 - Wikipedia", "提供: Wikipedia",
    ]

    @Test func trickyLinesGiveTheSameOutput() throws {
        for line in Self.trickyLines {
            try Self.checkPage([line], line)
            try Self.checkPage(["前の段落である。", line, "次の本文である。とても長い本文。"], line)
            try Self.checkPage(["左メニュー", line, "目次", line], line)
            try Self.checkPage([line, "テンプレートを表示"], line)
            try Self.checkPage(["目次", line, line, "本文である。"], line)
            try Self.checkPage([line, line, line], line)
        }
        try Self.checkPage(Self.trickyLines, "all")
        for (a, b) in zip(Self.trickyLines, Self.trickyLines.dropFirst()) { try Self.checkPage([a, b], "\(a) / \(b)") }
    }

    // MARK: - Random pages

    /// A small fixed-seed generator (SplitMix64).
    struct Generator {
        /// The project's seeded generator (``SplitMix64``), with picking helpers.
        var rng: SplitMix64
        init(state: UInt64) { rng = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { rng.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
    }

    static let fillers = ["高知大学", "x", "テスト", "Wikipedia", "1", "あいう", "東京都", "ガイド", "。", "Fandom"]

    /// A text the template matches (or nearly): placeholders filled at random, optional parts in or out.
    static func instantiate(_ source: String, _ g: inout Generator) -> String {
        var scalars = Array(source.unicodeScalars)[...]
        func run(_ nested: Bool) -> String {
            var out = ""
            while let c = scalars.first {
                scalars.removeFirst()
                if c == "{" {
                    if scalars.first == "{" { scalars.removeFirst(); out += "{"; continue }
                    if scalars.first == "?" {
                        scalars.removeFirst()
                        let inner = run(true)
                        if g.below(2) == 0 { out += inner }
                        continue
                    }
                    var name = ""
                    while let d = scalars.first, d != "}" { name.unicodeScalars.append(d); scalars.removeFirst() }
                    if !scalars.isEmpty { scalars.removeFirst() }
                    if name == "d" {
                        let digits = String((0..<(1 + g.below(4))).map { _ in Character(String(g.below(10))) })
                        out += g.below(4) == 0 ? fullWidth(digits) : digits
                    } else {
                        for _ in 0..<(1 + g.below(2)) { out += g.pick(fillers) }
                    }
                } else if c == "}" {
                    if scalars.first == "}" { scalars.removeFirst(); out += "}"; continue }
                    if nested { return out }
                } else {
                    out.unicodeScalars.append(c)
                }
            }
            return out
        }
        return run(false)
    }

    static func fullWidth(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value >= 0x21 && $0.value <= 0x7E ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
    }

    /// Half-width katakana for full-width (voiced ones as base + `ﾞ`/`ﾟ`), from the matching table.
    static let halfWidthOf: [UInt32: UInt32] = {
        var m: [UInt32: UInt32] = [:]
        for h: UInt32 in 0xFF61...0xFF9F {
            let f = UTF8Scan.matchFold(h)
            if f.second == 0 && f.first != h && m[f.first] == nil { m[f.first] = h }
        }
        return m
    }()

    static func halfWidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let f = UTF8Scan.matchFold(u.value)
            if let h = halfWidthOf[f.first] {
                out.append(Unicode.Scalar(h)!)
                if f.second == 0x3099 { out.append("\u{FF9E}") } else if f.second == 0x309A { out.append("\u{FF9F}") } else if f.second != 0 { return s }
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    static func nfd(_ s: String) -> String { String(String.UnicodeScalarView(standardNFD(s)!)) }

    static let spaces = [" ", "\u{3000}", "\t", "\u{00A0}", "\u{2003}", "\u{200B}", "  "]

    /// One of the spellings of `s` a scraper may produce.
    static func vary(_ s: String, _ g: inout Generator) -> String {
        switch g.below(9) {
        case 0: return fullWidth(s)
        case 1: return halfWidth(s)
        case 2: return nfd(s)
        case 3:
            var out = String.UnicodeScalarView()
            for u in s.unicodeScalars {
                out.append(u)
                if g.below(6) == 0 { out.append(contentsOf: g.pick(spaces).unicodeScalars) }
            }
            return String(out)
        case 4:
            // Cut off, as a truncated preview.
            let u = Array(s.unicodeScalars)
            guard u.count > 1 else { return s }
            return String(String.UnicodeScalarView(u.prefix(1 + g.below(u.count - 1)))) + g.pick(["...", "…", "……", "．．．", " ...", "…\u{3000}"])
        case 5: return halfWidth(nfd(s))
        default: return s
        }
    }

    static let bodyPieces = [
        "鳴門海峡は、海峡である。", "高知大学", "そして", "1962年", "(右)", "「引用」", "。", "、", " ", "\u{3000}", "\t", "...", "…", "……", "．．．", "・", "|", "/",
        "•", "·", ">", "＞", "›", " > ", "[編集]", "目次", "テンプレートを表示", "１", "2.1", "1 ", "こ", "この", "出典", "ナ", "「", "」とは異なります。",
        "🙂", "e\u{301}", "\u{F900}", "한", "\u{200B}", "ｶﾞ", "ガ", "カ\u{3099}", "\u{302A}", "x", "ア", "イ", "アイ",
    ]

    static let chromePieces: [String] = defaultRules.phrases.map(\.template.source)
    static let menuWordPieces: [String] = (defaultRules.menus.flatMap(\.words) + trickyWords.flatMap { $0 }).sorted()

    static func randomLine(_ g: inout Generator) -> String {
        switch g.below(8) {
        case 0:
            // A phrase alone, or glued into text.
            let p = vary(instantiate(g.pick(chromePieces), &g), &g)
            switch g.below(3) {
            case 0: return p
            case 1: return g.pick(bodyPieces) + p + g.pick(bodyPieces)
            default: return p + g.pick(bodyPieces) + g.pick(bodyPieces)
            }
        case 1:
            // Menu words with separators, or glued.
            let sep = g.pick(["", " ", "|", " | ", "・", "·", "•", "/", "\u{3000}", "、"])
            return (0..<(1 + g.below(4))).map { _ in vary(g.pick(menuWordPieces), &g) }.joined(separator: sep)
        case 2:
            // A TOC entry or heading.
            let number = g.pick(["1", "2", "1.1", "2.3.4", "１", "１．２", "3.", ".1", ""])
            return number + g.pick([" ", "\u{3000}", "  ", ""]) + (0..<g.below(4)).map { _ in g.pick(bodyPieces) }.joined()
        case 3:
            // Text with a truncation mark.
            let text = (0..<(1 + g.below(5))).map { _ in g.pick(bodyPieces) }.joined()
            let phrase = instantiate(g.pick(chromePieces), &g)
            return text + vary(phrase, &g)
        default:
            let n = g.below(4) == 0 ? g.below(40) : g.below(10)
            var line = ""
            for _ in 0..<n {
                switch g.below(6) {
                case 0: line += vary(instantiate(g.pick(chromePieces), &g), &g)
                case 1: line += vary(g.pick(menuWordPieces), &g)
                default: line += g.pick(bodyPieces)
                }
            }
            return line
        }
    }

    @Test func randomPagesGiveTheSameOutput() throws {
        var g = Generator(state: 20_260_602)
        for round in 0..<2500 {
            let lines = (0..<(1 + g.below(8))).map { _ in Self.randomLine(&g) }
            try Self.checkPage(lines, "round \(round): \(lines)")
        }
    }

    // MARK: - Helpers against the slow forms

    /// The standard library's NFD and combining classes, for the CJK ideographs the scalar table
    /// takes as their own decomposition without asking.
    @Test func cjkIdeographsAreTheirOwnDecomposition() {
        for r in CanonicalScalars.cjkIdeographs {
            for v in r {
                let u = Unicode.Scalar(v)!
                let d = standardNFD(String(u))!
                #expect(d == [u] && u.properties.canonicalCombiningClass.rawValue == 0, "U+\(String(v, radix: 16))")
                #expect(CanonicalScalars.combiningClass(v) == 0)
            }
        }
        // Elsewhere the table says what the standard library says, or "unknown".
        for v: UInt32 in 0..<0x10000 {
            guard let u = Unicode.Scalar(v) else { continue }
            let cc = CanonicalScalars.combiningClass(v)
            if cc != CanonicalScalars.unknown {
                #expect(standardNFD(String(u))! == [u], "U+\(String(v, radix: 16))")
                #expect(cc == u.properties.canonicalCombiningClass.rawValue, "U+\(String(v, radix: 16))")
            }
        }
    }

    /// Scalars that make canonical equivalence interesting.
    static let scalarPool: [UInt32] = [
        0x41, 0x61, 0x65, 0x6F, 0x20, 0x301, 0x302, 0x308, 0x323, 0x327, 0x30A, 0xE9, 0xE7, 0xC5, 0x212B, 0x2126, 0x3A9, 0x340, 0x344, 0x1EA1, 0x1ED9,
        0x3099, 0x309A, 0x302A, 0x30AB, 0x30AC, 0x304B, 0x304C, 0x30F0, 0x30F8, 0x309D, 0x309E, 0x30A2, 0x30A4, 0x30A6, 0x30C8, 0x30C9, 0xFF76, 0xFF9E,
        0xAC00, 0xD55C, 0x1100, 0x1161, 0x11AB, 0xF900, 0x8C48, 0xFA10, 0x585A, 0x2F800, 0x4E3D, 0x1F642, 0x76EE, 0x6B21, 0x3001, 0x3002, 0x0F73, 0x0F71,
        0x0F72,
    ]

    @Test func canonicalWordTableAnswersAsStringSets() {
        var g = Generator(state: 7)
        var lists: [Set<String>] = Self.trickyWords.map { Set($0.map(ChromeRules.foldKey)) }
        // Random words from the pool too.
        for _ in 0..<3 {
            var words = Set<String>()
            for _ in 0..<40 {
                let n = 1 + g.below(4)
                words.insert(String(String.UnicodeScalarView((0..<n).map { _ in Unicode.Scalar(g.pick(Self.scalarPool))! })))
            }
            lists.append(words)
        }
        let table = CanonicalWordTable(lists: lists)
        var queries: [[UInt32]] = []
        for list in lists {
            for w in list {
                queries.append(w.unicodeScalars.map(\.value))
                queries.append(standardNFD(w)!.map(\.value))
                queries.append(Array(w._nfcCodeUnits).withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }.unicodeScalars.map(\.value))
            }
        }
        for _ in 0..<20_000 { queries.append((0..<(1 + g.below(5))).map { _ in g.pick(Self.scalarPool) }) }
        queries.append([])
        var answered = 0
        for q in queries {
            let s = String(String.UnicodeScalarView(q.map { Unicode.Scalar($0)! }))
            var expected: UInt64 = 0
            for (k, list) in lists.enumerated() where list.contains(s) { expected |= 1 << UInt64(k) }
            let got = q.withUnsafeBufferPointer { table.mask(of: $0) }
            if let got {
                answered += 1
                #expect(got == expected, "\(q.map { String($0, radix: 16) })")
            }
            // The whole-text form, folding first.
            let folded = ChromeRules.foldKey(s)
            var expectedFolded: UInt64 = 0
            for (k, list) in lists.enumerated() where list.contains(folded) { expectedFolded |= 1 << UInt64(k) }
            if let got = s.withUTF8Bytes({ table.mask(ofFolding: $0) }) { #expect(got == expectedFolded, "\(q.map { String($0, radix: 16) })") }
        }
        #expect(answered > queries.count / 4)
        // The menu words of the default rules, in their matching form, are answered on the bytes
        // (but for those with a letter that has a decomposition, like `ç` or Hangul).
        let menus = CanonicalWordTable(lists: Self.defaultRules.menus.map(\.words))
        var typical = 0
        for menu in Self.defaultRules.menus {
            for w in menu.words {
                let q = w.unicodeScalars.map(\.value)
                let simple = q.allSatisfy { $0 < 0x80 || (0x3000...0x30FF).contains($0) || (0x4E00...0x9FFF).contains($0) || (0xFF00...0xFFEF).contains($0) }
                guard simple else { continue }
                typical += 1
                #expect(q.withUnsafeBufferPointer { menus.mask(of: $0) } != nil, "\(w)")
            }
        }
        #expect(typical > 200)
    }

    @Test func wordTrieSplitsAsTheOriginal() {
        var g = Generator(state: 11)
        let alphabet: [UInt32] = [0x30A2, 0x30A4, 0x30A6, 0x30AB, 0x3099, 0x41, 0x1F642, 0x4E00]
        for _ in 0..<200 {
            var words = Set<String>()
            for _ in 0..<(g.below(12)) {
                words.insert(String(String.UnicodeScalarView((0..<g.below(4)).map { _ in Unicode.Scalar(g.pick(alphabet))! })))
            }
            let fast = WordTrie(words)
            let reference = ReferenceWordTrie(words)
            #expect(fast.longest == reference.longest)
            for _ in 0..<50 {
                let s = (0..<g.below(14)).map { _ in g.pick(alphabet) }
                #expect(fast.segmentCount(s) == reference.segmentCount(s), "\(words) \(s)")
            }
        }
    }

    @Test func tocEntriesAsTheOriginal() {
        var g = Generator(state: 13)
        var lines = Self.trickyLines
        for _ in 0..<5000 {
            let number = g.pick(["1", "2", "1.1", "2.3.4", "１", "１．２", "3.", ".1", "", "12", "1..2"])
            lines.append(number + g.pick([" ", "\u{3000}", "  ", "", "\t"]) + (0..<g.below(30)).map { _ in g.pick(Self.bodyPieces) }.joined())
        }
        for line in lines { #expect(StripSiteChrome.isTOCEntry(line) == ReferenceStripSiteChrome.isTOCEntry(line), "\(line)") }
    }

    // MARK: - Reader

    /// The page-start detector's look-up of a line's first character before its automaton
    /// (``PageStartDetector/filtersFirstCharacter``) and of its last character before the scan
    /// for rules that fill a line (``PageStartDetector/filtersLastCharacter``) change no answer:
    /// on every line of the fixtures, and on the page-start phrases of the rules as they are and
    /// with ASCII in full-width forms, after a space, a link number or glued to text, as a link,
    /// and followed by characters that share a last byte with a rule's last one or read as nothing.
    @Test func pageStartFirstCharacterLookUpChangesNothing() throws {
        let fast = PageStartDetector(rules: Self.defaultRules)
        var slow = fast
        slow.filtersFirstCharacter = false
        slow.filtersLastCharacter = false
        var lines: [String] = []
        for url in Self.fixtureFiles() {
            let text = try String(contentsOf: url, encoding: .utf8)
            lines += text.split(separator: "\n").map(String.init)
        }
        for phrase in Self.defaultRules.phrases where phrase.signal == .pageStart {
            let source = phrase.template.source
            let wide = String(String.UnicodeScalarView(source.unicodeScalars.map { u in
                (0x21..<0x7F).contains(u.value) ? Unicode.Scalar(u.value + 0xFEE0)! : u
            }))
            for form in [source, wide] {
                lines += [form, "\u{3000}" + form, " " + form, "[3]" + form, form + "本文です。", "[\(form)](https://example.org/ \"x\")"]
                lines += ["」", "ｍ", "M", "ｇ", "\u{200B}", "\u{FE0F}", "\u{3099}", "ｰ", "ﾞ"].map { form + $0 }
            }
        }
        // Lines that rules of a whole line fill (a reader view's domain), in other forms, and
        // with something after them.
        for domain in ["ja.wikipedia.org", "naruto.fandom.com", "www.weblio.jp", "wikiwand.com", "12 captures", "wiki.atwiki.jp"] {
            let wide = String(String.UnicodeScalarView(domain.unicodeScalars.map { u in
                (0x21..<0x7F).contains(u.value) ? Unicode.Scalar(u.value + 0xFEE0)! : u
            }))
            for form in [domain, domain.uppercased(), wide] {
                lines += [form, "「" + form + "」", form + "\u{200B}", form + "\u{FE0F}", form + "\u{3099}", form + "ｍ"]
            }
        }
        var opened = 0
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { p in
                let a = fast.pageStart(p)
                let b = slow.pageStart(p)
                if b != nil { opened += 1 }
                #expect(a?.end == b?.end && a?.first == b?.first && a?.subtitled == b?.subtitled, "\(line)")
            }
        }
        #expect(opened > 100)  // the lines do reach the rules
    }

    /// The folded keys made on the bytes (``UTF8Scan/matchFolded(_:)``) are those of its
    /// definition, the scalar view's matching forms in order: on every line of the fixtures, and on the
    /// menu words of the rules as they are, with ASCII in full-width forms, after a space and
    /// glued to text.
    @Test func menuWordKeysOnTheBytes() throws {
        var lines: [String] = ["", " ", "\u{3000}", "ｶﾞｲﾄﾞ", "😀メニュー", "é", "\u{FF01}\u{FF5E}"]
        for url in Self.fixtureFiles() {
            let text = try String(contentsOf: url, encoding: .utf8)
            lines += text.split(separator: "\n").map(String.init)
        }
        for word in Self.defaultRules.menus.flatMap(\.words) {
            let wide = String(String.UnicodeScalarView(word.unicodeScalars.map { u in
                (0x21..<0x7F).contains(u.value) ? Unicode.Scalar(u.value + 0xFEE0)! : u
            }))
            for form in [word, wide] { lines += [form, "\u{3000}" + form, " " + form, form + "本文"] }
        }
        for line in lines {
            let reference = line.unicodeScalars.flatMap { u in
                let f = UTF8Scan.matchFold(u.value)
                return [f.first, f.second].filter { $0 != 0 }
            }
            #expect(UTF8Scan.matchFolded(line) == reference, "\(line)")
        }
    }

    /// The opening pre-check (``Template/openingClasses``) only turns down tries the template
    /// would turn down: wherever a template of the rules matches, the character its first step
    /// after the anchor reads (or its first, for a template matched from the line's start) is
    /// of a class in its set. On generated texts of every rule in every width and form, cut or
    /// not, some with characters replaced. The test can fail: it checks that the set does turn
    /// down some positions, that matches open with characters in other forms than the folded
    /// ones (a set made of the rules' own scalars alone would turn those down: digits in full
    /// width, an ideographic space, half-width kana), and that each class found is needed (its
    /// bit taken out, the check says no).
    @Test func openingPreCheckNeverTurnsDownAMatch() {
        var g = Generator(state: 0xD161_7500)
        var rulesSeen = 0
        var turnedDown = 0
        var otherForms = 0
        for rules in Self.ruleVariants {
            for phrase in rules.phrases {
                guard var bits = phrase.template.openingClasses else { continue }
                rulesSeen += 1
                var matches = 0
                for k in 0..<120 {
                    var text = Self.vary(Self.instantiate(phrase.template.source, &g), &g)
                    if k % 3 == 0 {
                        // Characters replaced: most of these must not match.
                        text = String(String.UnicodeScalarView(text.unicodeScalars.map { u in
                            g.below(3) == 0 ? g.pick(["一", "a", " ", "\u{3000}", "]", "ｱ", "１"]).unicodeScalars.first! : u
                        }))
                    }
                    let line = g.pick(["", "本文", "x ", "[", "1", "("]) + text + g.pick(["", "。", "]", " 続き"])
                    Array(line.utf8).withUnsafeBufferPointer { p in
                        var s = 0
                        while s < p.count {
                            defer { s += UTF8Scan.decode(p, s).length }
                            var from = s
                            if phrase.template.startsWithAnchor {
                                guard let end = Template.matchLiteral(phrase.template.anchor, p, at: s) else { continue }
                                from = end
                            }
                            let may = bits.withUnsafeBufferPointer { Template.OpeningClasses.mayOpen($0.baseAddress!, p, from) }
                            guard phrase.template.match(p, at: s) != nil else {
                                if !may { turnedDown += 1 }
                                continue
                            }
                            matches += 1
                            #expect(may, "\(phrase.id): \(line) matches at \(s) but the pre-check turns it down")
                            guard may, from < p.count else { continue }
                            let u = UTF8Scan.decode(p, from).scalar
                            if UTF8Scan.fold(u) != u || UTF8Scan.matchFold(u).first != u { otherForms += 1 }
                            // The class read there is needed: without it, the check says no.
                            let c = Template.OpeningClasses.of(p, from)
                            bits[c >> 6] ^= 1 << UInt64(c & 63)
                            #expect(!bits.withUnsafeBufferPointer { Template.OpeningClasses.mayOpen($0.baseAddress!, p, from) })
                            bits[c >> 6] ^= 1 << UInt64(c & 63)
                        }
                    }
                }
                #expect(matches > 0, "\(phrase.id): no generated text matched, so nothing was checked")
            }
        }
        // The default rules have such templates (the footnote mark, timestamp lines, phrases
        // with literal text after their anchor), and the check turns some tries down.
        #expect(rulesSeen >= 20)
        #expect(turnedDown > 1000)
        #expect(otherForms > 100)
    }

    /// Every scalar that reads otherwise than itself, in ``UTF8Scan/matchFold(_:)`` or
    /// ``UTF8Scan/fold(_:)``, lies in a page ``UTF8Scan/readsAsItself(page:)`` names: the pages
    /// that ``Template/OpeningClasses/readers`` looks through to find a scalar's other forms.
    @Test func openingReadersCoverEveryFoldedScalar() {
        for c in UInt32(0)..<0x11_0000 where !(0xD800..<0xE000).contains(c) {
            let m = UTF8Scan.matchFold(c)
            guard m.first != c || m.second != 0 || UTF8Scan.fold(c) != c else { continue }
            #expect(!UTF8Scan.readsAsItself(page: Int(c >> 8)), "U+\(String(c, radix: 16)) reads otherwise, outside the pages looked through")
        }
        // A scalar's class, worked out from its value, is the one read off its bytes.
        for c in UInt32(0)..<0x11_0000 where !(0xD800..<0xE000).contains(c) && (c < 0x3_0000 || c % 97 == 0) {
            let bytes = Array(String(Unicode.Scalar(c)!).utf8)
            let read = bytes.withUnsafeBufferPointer { Template.OpeningClasses.of($0, 0) }
            guard read != Template.OpeningClasses.of(scalar: c) else { continue }
            Issue.record("U+\(String(c, radix: 16)): class \(Template.OpeningClasses.of(scalar: c)), read as \(read)")
        }
        func has(_ bits: [UInt64]?, _ c: UInt32) -> Bool {
            let k = Template.OpeningClasses.of(scalar: c)
            return bits.map { $0[k >> 6] & (1 << UInt64(k & 63)) != 0 } ?? false
        }
        let readers = Template.OpeningClasses.readers
        #expect(has(readers.digits, 0xFF10) && has(readers.digits, 0x35) && !has(readers.digits, 0x41))
        #expect(has(readers.spaces, 0x3000) && has(readers.spaces, 0x20) && has(readers.spaces, 0xA0) && !has(readers.spaces, 0x41))
        #expect(has(readers.skipped, 0x200B) && has(readers.skipped, 0x3000) && !has(readers.skipped, 0x41))
        var ka = [UInt64](repeating: 0, count: Template.OpeningClasses.wordCount)
        ka.withUnsafeMutableBufferPointer { Template.OpeningClasses.addReaders(of: 0x30AB, to: $0.baseAddress!) }
        #expect(has(ka, 0x30AB) && has(ka, 0x30AC) && has(ka, 0xFF76))  // カ, ガ (reads カ first), ｶ
        #expect(has(ka, 0x200B) && !has(ka, 0x41))  // skipped; no other
    }

    private static func readAll(_ path: String, options: ReaderOptions, maximumPageLines: Int, reference: Bool) throws -> ([String], ReaderAccounting) {
        let detector = PageStartDetector(rules: defaultRules)
        var out: [String] = []
        func record(_ item: ReaderItem) {
            switch item {
            case .page(let d): out += dump([d])
            case .rejected(let r):
                out.append("rejected \(r.reason) \(r.message) \(r.input) \(r.line.map(String.init) ?? "-") \(r.raw) \(r.rawTruncated) \(r.lineCount) \(r.jsonLine)")
            }
        }
        if reference {
            var reader = try ReferencePlainTextReader(path: path, name: "in.txt", options: options, detector: detector, maximumPageLines: maximumPageLines)
            while let item = try reader.next() { record(item) }
            out.append("progress \(reader.progress.done) \(reader.progress.total.map(String.init) ?? "-")")
            return (out, reader.accounting)
        } else {
            var reader = try PlainTextReader(path: path, name: "in.txt", options: options, detector: detector, maximumPageLines: maximumPageLines)
            while let item = try reader.next() { record(item) }
            out.append("progress \(reader.progress.done) \(reader.progress.total.map(String.init) ?? "-")")
            return (out, reader.accounting)
        }
    }

    private static func expectSameReading(_ bytes: [UInt8], _ label: @autoclosure () -> String, maximumRecordBytes: Int = 64 << 20, maximumPageLines: Int = 20_000) throws {
        let path = TestSupport.write(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = ReaderOptions()
        options.maximumRecordBytes = maximumRecordBytes
        let a = try readAll(path, options: options, maximumPageLines: maximumPageLines, reference: false)
        let b = try readAll(path, options: options, maximumPageLines: maximumPageLines, reference: true)
        #expect(a.0 == b.0, "items differ: \(label())")
        #expect(a.1 == b.1, "counts differ: \(label())")
    }

    @Test func readerReadsFixturesAsTheOriginal() throws {
        for url in Self.fixtureFiles() where url.pathExtension == "txt" {
            let bytes = [UInt8](try Data(contentsOf: url))
            try Self.expectSameReading(bytes, url.lastPathComponent)
            try Self.expectSameReading(bytes, url.lastPathComponent, maximumRecordBytes: 300, maximumPageLines: 7)
        }
    }

    /// Line pieces for the reader: text, page openers and titles, every kind of white space and
    /// near-white-space, invalid UTF-8 of every shape (cut-off sequences at either end, overlong
    /// forms, surrogates, stray continuation bytes), NUL.
    static let readerPieces: [[UInt8]] = [
        "本文である。", "二つ目の記事", "短い", "左メニュー", "出典: フリー百科事典『ウィキペディア（Wikipedia）』", "コンテンツにスキップ", "鳴門海峡は、海峡である。とても長い本文である。",
        " ", "\t", "\u{3000}", "\u{00A0}", "\u{2000}", "\u{200A}", "\u{202F}", "\u{200B}", "\u{205F}", "\u{2028}", "\u{FEFF}", "\r", "、", "…", "...", "x",
        String(repeating: "あ", count: 30), "é", "🙂",
    ].map { Array($0.utf8) } + [
        [0xFF], [0xC0, 0x80], [0xC1, 0xBF], [0xE3, 0x80], [0xE3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x80],
        [0xC2], [0x80], [0xA0], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xE2, 0x80, 0x8B], [0xE2, 0x80, 0xAF], [0xE2, 0x80, 0x8A], [0xE2, 0x80, 0x8C],
        [0xE3, 0x80, 0x80], [0xE3, 0x80, 0x81], [0xC2, 0xA0], [0xC2, 0xA1], [0x00], [0xEF, 0xBB, 0xBF], [0x80, 0x80], [0xE3, 0x80, 0x80, 0x80],
        [0xF0, 0x9F, 0x99], [0xCE], [0x20, 0xC2],
    ]

    @Test func readerReadsRandomDumpsAsTheOriginal() throws {
        var g = Generator(state: 17)
        for round in 0..<300 {
            var bytes: [UInt8] = g.below(5) == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<(1 + g.below(30)) {
                for _ in 0..<g.below(6) { bytes += g.pick(Self.readerPieces) }
                bytes += g.below(4) == 0 ? [0x0D, 0x0A] : [0x0A]
            }
            if g.below(3) == 0 { bytes += g.pick(Self.readerPieces) }
            try Self.expectSameReading(bytes, "round \(round): \(bytes)")
            try Self.expectSameReading(bytes, "round \(round) (small limits): \(bytes)", maximumRecordBytes: 1 + g.below(60), maximumPageLines: 1 + g.below(5))
        }
    }

    /// Trimming on the raw bytes agrees with validating the whole line and trimming the string,
    /// for every line of up to three pieces.
    @Test func spaceTrimmingOnBytesAgreesWithTheStringForm() {
        let pieces = Self.readerPieces
        var lines: [[UInt8]] = [[]]
        for a in pieces {
            lines.append(a)
            for b in pieces {
                lines.append(a + b)
                for c in [pieces[0], pieces[7], pieces[8], pieces[9], pieces[10], [0xE3], [0x80], [0xE2, 0x80]] { lines.append(a + c + b); lines.append(c + a + b + c) }
            }
        }
        for line in lines {
            line.withUnsafeBufferPointer { p in
                let whole = String(validating: p, as: UTF8.self)
                let (s, e) = PlainTextReader.spaceTrimmedBounds(p)
                let trimmed = PlainTextReader.validatedString(UnsafeBufferPointer(rebasing: p[s..<e]))
                #expect((whole == nil) == (trimmed == nil), "\(line)")
                if let whole, let trimmed {
                    #expect(Array(whole.trimmingSpaces.utf8) == Array(trimmed.utf8), "\(line)")
                }
            }
        }
    }
}

extension StripChromeFastPathTests {
    /// The byte-level shortcuts of `trimmedBounds` and `ellipsisStart` (a line whose first and
    /// last bytes cannot belong to a space, whose last byte cannot end a mark) give what the
    /// loops over scalars give, on every line of up to three pieces of every kind of space,
    /// dot, ellipsis and middle dot, and on random lines of them.
    @Test func lineBoundsShortcutsAgreeWithTheScalarLoops() {
        let pieces = [
            " ", "\t", "\u{3000}", "\u{A0}", "\u{2000}", "\u{2005}", "\u{200A}", "\u{200B}", "\u{202F}", "\u{2028}", ".", "．", "…", "‥", "・", "･",
            "。", "あ", "高", "x", "é", "𠮷", "ー", "「", "」", "\u{3001}", "\u{2010}", "\u{2030}", "Wikipedia", "『", "【", "む", "\u{80}",
            "\u{8A}", "\u{2080}", "\u{200E}", "\u{FF0C}", "\u{FF0E}", "\u{FF10}", "\u{2026}\u{2026}", "...", "・・・",
        ]
        let lines = Self.linesOfPieces(pieces, random: 20000, longest: 14, seed: 0x7B0D)
        for line in lines {
            var copy = line
            copy.withUTF8 { p in
                #expect(StripSiteChrome.trimmedBounds(p) == StripSiteChrome.trimmedBoundsByScalars(p), "\(Array(line.utf8))")
                let (s, e) = StripSiteChrome.trimmedBoundsByScalars(p)
                for (a, b) in [(0, p.count), (s, e)] {
                    #expect(StripSiteChrome.ellipsisStart(p, a, b) == StripSiteChrome.ellipsisStartByScalars(p, a, b), "\(Array(line.utf8))")
                }
            }
        }
    }
}

extension StripChromeFastPathTests {
    /// `breadcrumbEnd`'s walk over a crumb in C gives what the loop over scalars gives, on every
    /// line of up to three pieces of separators (spaced or not), stops, spaces and text, and on
    /// random lines of them, for crumb limits below and at the rules' own, from a start and to an
    /// end inside the line too.
    @Test func breadcrumbWalkAgreesWithTheScalarLoop() {
        let pieces = [
            " > ", ">", " >", "> ", "＞", "›", "\u{3000}", " ", "。", "、", "\n", "高等", "あ", "x", "é", "𠮷", "ホーム", "(", "（", "Wiki",
            "高等工業学校", "\u{203A}\u{3000}", "＞ ", "\u{2039}", "\u{FF1F}", "\u{3003}",
        ]
        let lines = Self.linesOfPieces(pieces, random: 5000, longest: 12, seed: 0xB2EAD)
        for line in lines {
            var copy = line
            copy.withUTF8 { p in
                let n = p.count
                let isBoundary = { (i: Int) in i >= n || p[i] & 0xC0 != 0x80 }
                for maxCrumb in [0, 1, 2, 3, 5, 40] {
                    for start in [0, min(n, 1), n / 2] where isBoundary(start) {
                        for end in [n, start + (n - start) / 2] where isBoundary(end) {
                            #expect(
                                StripSiteChrome.breadcrumbEnd(p, start, end, maxCrumb: maxCrumb)
                                    == StripSiteChrome.breadcrumbEndByScalars(p, start, end, maxCrumb: maxCrumb),
                                "\(Array(line.utf8)) \(start) \(end) \(maxCrumb)")
                        }
                    }
                }
            }
        }
    }
}

extension StripChromeFastPathTests {
    /// Test lines made of `pieces`: the empty line, every line of one, two or three pieces, and
    /// `random` lines of up to `longest - 1` pieces picked with the seeded generator.
    static func linesOfPieces(_ pieces: [String], random: Int = 0, longest: Int = 1, seed: UInt64 = 1) -> [String] {
        var lines: [String] = [""]
        for a in pieces {
            lines.append(a)
            for b in pieces {
                lines.append(a + b)
                for c in pieces { lines.append(a + b + c) }
            }
        }
        var g = Generator(state: seed)
        for _ in 0..<random { lines.append((0..<g.below(longest)).map { _ in g.pick(pieces) }.joined()) }
        return lines
    }
}

extension StripChromeFastPathTests {
    /// `isOnlyEllipsis` on the bytes (what stripLine reads) answers as the `String` form, on
    /// every line of up to three pieces of dots, ellipses, near misses and other characters.
    @Test func onlyEllipsisOnBytesAgreesWithTheStringForm() {
        let pieces = [".", "…", "‥", "．", "・", " ", "\u{2027}", "\u{2006}", "\u{20A6}", "x", "あ", "\u{E2}", "...", "……", "é", "𠮷"]
        let lines = Self.linesOfPieces(pieces)
        for line in lines {
            var copy = line
            copy.withUTF8 { p in
                #expect(StripSiteChrome.isOnlyEllipsis(p) == StripSiteChrome.isOnlyEllipsis(line), "\(Array(line.utf8))")
            }
        }
    }
}

extension StripChromeFastPathTests {
    /// `RuleIDSet` (the rule-id sets the passes over a page ask, with a test on the length of an
    /// ASCII id first) answers as its `Set<String>`: for the rules' own ids, for ids of other
    /// lengths, and for strings canonically equivalent to an ASCII id but not ASCII themselves
    /// (`K` KELVIN SIGN for `K`, `;` GREEK QUESTION MARK for `;`).
    @Test func ruleIDSetAnswersAsItsSet() {
        let rules = Self.defaultRules
        let ids = rules.phrases.map(\.id) + rules.menus.map(\.id)
        let probes = ids + ids.map { $0 + "x" } + ids.map { String($0.dropLast()) } + [
            "", "K", "\u{212A}", "a;b", "a\u{037E}b", "wikipedia.navbar-links", "wiki\u{212A}", "ｗｉｋｉ", "é", "e\u{301}",
        ]
        let sets: [Set<String>] = [
            [], Set(rules.menus.map(\.id)), Set(rules.phrases.filter(\.dropsNextLine).map(\.id)), ["K", "a;b"], ["\u{212A}"], ["é"],
            ["e\u{301}", "abc"],
        ]
        for set in sets {
            let fast = RuleIDSet(set)
            #expect(fast.isEmpty == set.isEmpty)
            for probe in probes { #expect(fast.contains(probe) == set.contains(probe), "\(probe) in \(set.count) ids") }
        }
    }
}

extension StripChromeFastPathTests {
    /// `isKeyValueRow`'s test on the bytes (no `:` or `：` byte in the first 52 bytes: no row)
    /// answers as the label loop alone, on every line of up to three pieces of colons, labels,
    /// punctuation and characters of every length, and on random longer ones.
    @Test func keyValueRowByteTestAgreesWithTheLoop() {
        let pieces = [
            ":", "：", "﹕", "所在地", "築城年", "a", "é", "𠮷", "\u{3000}", " ", "。", "、", "(", "（", "[", "値", "1604年",
            "ラベルラベルラベルラベル", "x:y", "\u{FF1A}\u{FF1A}", "\u{9A}", "ｼﾞ", "長いラベルの項目名です",
        ]
        let lines = Self.linesOfPieces(pieces, random: 20000, longest: 24, seed: 0x6B1A)
        for line in lines {
            let slow = line.withUTF8Bytes { StripSiteChrome.isKeyValueRowByScalars($0) }
            #expect(StripSiteChrome.isKeyValueRow(line) == slow, "\(Array(line.utf8))")
        }
    }
}

extension StripChromeFastPathTests {
    /// The stage's `menuAlphabet` (asked before a glued menu line goes to the tries) holds every
    /// scalar of every menu word, of the default rules and of each rule variant: the alphabet of
    /// each trie, so a line it turns down is one no trie splits.
    @Test func menuAlphabetHoldsEveryMenuWordsScalars() {
        for (stage, _) in Self.stagePairs {
            for menu in stage.rules.menus {
                for word in menu.words {
                    for u in word.unicodeScalars { #expect(stage.menuAlphabet.contains(u.value), "\(menu.id) \(word)") }
                }
                // And a key with a scalar outside it is split by no trie.
                let key = UTF8Scan.matchFolded((menu.words.first ?? "") + "\u{10FFFD}")
                #expect(menu.trie.segmentCount(key) == 0)
            }
        }
    }

    /// `containsKutenOrTouten` on the bytes answers as `containsKuten || containsBytes("、")`,
    /// on every line of up to three pieces of the two marks, their neighbours in U+3000–303F and
    /// characters whose bytes hold 0x80, 0x81 or 0x82 elsewhere.
    @Test func kutenOrToutenOnBytesAgreesWithTheStringTests() {
        let pieces = ["。", "、", "「", "〃", "\u{3000}", "あ", "x", "é", "\u{2081}", "\u{2082}", "€", "𠮷", "ー", "\u{E3}", "\u{80}"]
        for line in Self.linesOfPieces(pieces, random: 5000, longest: 20, seed: 0x3002) {
            let slow = line.containsKuten || line.containsBytes("、")
            #expect(line.withUTF8Bytes { StripSiteChrome.containsKutenOrTouten($0) } == slow, "\(Array(line.utf8))")
        }
    }

    /// `titleBarEnds`, which steps over the bytes between spaces and EF with `memchr`, finds
    /// the ends the byte loop it replaced finds, on every line of up to three pieces of
    /// separators, near misses and text, and on random longer ones.
    @Test func titleBarEndsAgreeWithTheByteLoop() {
        /// The loop as it was: every byte looked at.
        func byteLoop(_ text: String) -> (String, String)? {
            let cuts = text.withUTF8Bytes { p -> (Int, Int)? in
                let n = p.count
                var first = -1
                var last = -1
                var k = 0
                while k < n {
                    var e = -1
                    if p[k] == 0x20, k + 2 < n {
                        var m = k + 1
                        if p[m] == 0x2D || p[m] == 0x7C {
                            m += 1
                        } else if p[m] == 0xE2, m + 2 < n, p[m + 1] == 0x80, p[m + 2] == 0x93 || p[m + 2] == 0x94 {
                            m += 3
                        } else {
                            k += 1; continue
                        }
                        if m < n, p[m] == 0x20 { e = m + 1 }
                    } else if p[k] == 0xEF, k + 2 < n, p[k + 1] == 0xBD, p[k + 2] == 0x9C {
                        e = k + 3
                    }
                    if e >= 0 {
                        if first < 0 { first = k }
                        last = e
                        k = e
                    } else {
                        k += 1
                    }
                }
                return first < 0 ? nil : (first, last)
            }
            guard let (fs, le) = cuts else { return nil }
            let first = text.scalarAlignedSlice(0, fs).trimmingSpaces
            let last = text.scalarAlignedSlice(le, text.utf8.count).trimmingSpaces
            guard !first.isEmpty, !last.isEmpty else { return nil }
            return (first, last)
        }
        let pieces = [" - ", " | ", " – ", " — ", "｜", " ", "-", "|", "–", "ｰ", "ｼ", "Ｂ", "タイトル", "サイト名", "a", " -", "- ", "\u{FF5C}\u{FF5C}"]
        for line in Self.linesOfPieces(pieces, random: 20000, longest: 16, seed: 0x7C7C) {
            let fast = StripSiteChrome.titleBarEnds(line)
            let slow = byteLoop(line)
            #expect(fast?.0 == slow?.0 && fast?.1 == slow?.1, "\(Array(line.utf8))")
        }
    }
}
