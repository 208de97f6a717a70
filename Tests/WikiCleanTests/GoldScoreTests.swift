import Foundation
import Testing
import WikiClean

/// Checks ``GoldScore``, the Swift port of `shared/eval/score.py`.
///
/// The parity tests run the Python script (`<package root>/../shared/eval/score.py --json`) on
/// the same files and require every figure to match within 1e-9; without python3 or the script
/// they print a note and pass. The other tests check figures worked out by hand on tiny inputs.
@Suite struct GoldScoreTests {
    typealias Figures = [String: Double]

    static let root = GoldScore.packageRoot()
    static let goldURL = root.appendingPathComponent("Fixtures/gold/seed/expected.jsonl")
    static let chromeURL = root.appendingPathComponent("Fixtures/gold/seed/chrome_lines.json")
    static let rawURL = root.appendingPathComponent("Fixtures/000_2232c584cf89ac51.txt")
    static let scriptURL = root.deletingLastPathComponent()
        .appendingPathComponent("shared/eval/score.py")

    // MARK: - Helpers

    /// Parses JSON Lines written as one literal per line.
    static func jsonl(_ lines: String...) -> [UInt8] {
        Array(lines.joined(separator: "\n").utf8) + [0x0A]
    }

    /// Writes documents as JSON Lines.
    static func jsonl(_ docs: [JSONObject]) -> [UInt8] {
        var out: [UInt8] = []
        for doc in docs {
            JSONWriter.append(.object(doc), to: &out)
            out.append(0x0A)
        }
        return out
    }

    static func goldDocuments() throws -> [JSONObject] {
        try GoldScore.documents(in: Array(Data(contentsOf: goldURL)), name: "gold")
    }

    /// Runs `/usr/bin/env <arguments>`; nil when it cannot start.
    static func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return nil }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self),
            String(decoding: stderr, as: UTF8.self)
        )
    }

    /// Whether the Python judge can be run here; prints why not when it cannot.
    static func pythonJudgeAvailable(_ test: String) -> Bool {
        guard FileManager.default.fileExists(atPath: scriptURL.path) else {
            print("GoldScore parity (\(test)) SKIPPED: \(scriptURL.path) not found.")
            return false
        }
        guard let probe = run(["python3", "-c", "pass"]), probe.status == 0 else {
            print("GoldScore parity (\(test)) SKIPPED: python3 not found.")
            return false
        }
        return true
    }

    /// A raw input and its chrome lines, for `--raw` and `--chrome-lines`.
    struct RawInput {
        /// The raw file's name; a `.jsonl` name makes it a JSON Lines input.
        var name: String
        var bytes: [UInt8]
        /// The text of `chrome_lines.json`.
        var chromeLines: String

        /// The seed input and the gold chrome lines.
        static func seed() throws -> RawInput {
            RawInput(
                name: "seed.txt", bytes: Array(try Data(contentsOf: rawURL)),
                chromeLines: try String(contentsOf: chromeURL, encoding: .utf8))
        }
    }

    /// Scores `gold` and `output` with the Python script and with the port, through files, and
    /// expects identical figures (same names, values within 1e-9). Returns the port's figures,
    /// or nil when the script cannot run.
    @discardableResult
    static func expectParity(
        _ label: String, gold: [UInt8], output: [UInt8], raw: RawInput? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Figures? {
        guard pythonJudgeAvailable(label) else { return nil }
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("gold-score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let goldPath = dir.appendingPathComponent("gold.jsonl").path
        let outputPath = dir.appendingPathComponent("output.jsonl").path
        try Data(gold).write(to: URL(fileURLWithPath: goldPath))
        try Data(output).write(to: URL(fileURLWithPath: outputPath))

        var arguments = ["python3", scriptURL.path, goldPath, outputPath, "--json"]
        var rawPath: String? = nil
        var chromePath: String? = nil
        if let raw {
            rawPath = dir.appendingPathComponent(raw.name).path
            chromePath = dir.appendingPathComponent("chrome_lines.json").path
            try Data(raw.bytes).write(to: URL(fileURLWithPath: rawPath!))
            try Data(raw.chromeLines.utf8).write(to: URL(fileURLWithPath: chromePath!))
            arguments += ["--raw", rawPath!, "--chrome-lines", chromePath!]
        }
        let python = try #require(run(arguments), sourceLocation: sourceLocation)
        try #require(
            python.status == 0, "\(label): score.py failed: \(python.stderr)",
            sourceLocation: sourceLocation)
        let expected = try #require(
            JSONParser.parse(python.stdout).objectValue, sourceLocation: sourceLocation)

        let figures = try GoldScore.score(
            goldPath: goldPath, outputPath: outputPath,
            rawPath: rawPath, chromeLinesPath: chromePath)

        #expect(
            Set(figures.keys) == Set(expected.keys), "\(label): figure names differ",
            sourceLocation: sourceLocation)
        for member in expected.members {
            guard case .number(let text) = member.value, let want = Double(text) else {
                Issue.record("\(label): \(member.key) is not a number in the script's output")
                continue
            }
            let got = figures[member.key] ?? .nan
            #expect(
                abs(got - want) <= 1e-9, "\(label): \(member.key) is \(got), score.py says \(want)",
                sourceLocation: sourceLocation)
        }
        return figures
    }

    /// Replaces the paragraphs of one section of `doc`.
    static func editParagraphs(
        _ doc: inout JSONObject, section: Int, _ edit: (inout [JSONValue]) -> Void
    ) {
        guard var sections = doc["sections"]?.arrayValue,
            var sec = sections[section].objectValue,
            var paragraphs = sec["paragraphs"]?.arrayValue
        else { preconditionFailure("no section \(section)") }
        edit(&paragraphs)
        sec["paragraphs"] = .array(paragraphs)
        sections[section] = .object(sec)
        doc["sections"] = .array(sections)
    }

    /// All paragraphs of `doc`, in order.
    static func allParagraphs(_ doc: JSONObject) -> [String] {
        (doc["sections"]?.arrayValue ?? []).flatMap { section in
            (section.objectValue?["paragraphs"]?.arrayValue ?? []).compactMap(\.stringValue)
        }
    }

    // MARK: - Parity with score.py

    @Test func goldAgainstItselfScoresOneEverywhereAndMatchesPython() throws {
        let gold = Array(try Data(contentsOf: Self.goldURL))
        let figures = try GoldScore.score(
            goldPath: Self.goldURL.path, outputPath: Self.goldURL.path, rawPath: Self.rawURL.path,
            chromeLinesPath: Self.chromeURL.path)
        #expect(Set(figures.keys) == Set(GoldScore.figureNames))
        for (name, value) in figures {
            switch name {
            case "gold_docs", "output_docs", "paired": #expect(value == 20, "\(name)")
            case "residue": #expect(value == 0)
            default: #expect(value == 1.0, "\(name)")
            }
        }
        try Self.expectParity("gold vs gold", gold: gold, output: gold, raw: .seed())
    }

    @Test func perturbedOutputMatchesPython() throws {
        let gold = try Self.goldDocuments()
        var out = gold

        // The article: a dropped and an altered paragraph, residue, a leaked removed piece,
        // a changed heading, captions off by one each way, a string for a boolean.
        var article = out[0]
        Self.editParagraphs(&article, section: 0) { p in
            p.remove(at: 1)
            p[0] = .string(p[0].stringValue! + "(追記)")
        }
        Self.editParagraphs(&article, section: 2) { p in
            p[0] = .string(p[0].stringValue! + "[編集]")
        }
        Self.editParagraphs(&article, section: 3) { p in p.append(.string("背景 編集")) }
        let leak = try #require(
            article["removed"]?.arrayValue?.compactMap(\.objectValue).first {
                $0["why"]?.stringValue != "heading" && ($0["text"]?.stringValue?.count ?? 0) >= 6
            }?["text"]?.stringValue)
        Self.editParagraphs(&article, section: 1) { p in p[0] = .string(leak + p[0].stringValue!) }
        var sections = try #require(article["sections"]?.arrayValue)
        var fifth = try #require(sections[4].objectValue)
        fifth["heading"] = .string("別の見出し")
        sections[4] = .object(fifth)
        article["sections"] = .array(sections)
        var captions = try #require(article["captions"]?.arrayValue)
        captions.removeFirst()
        captions.append(.string("余分なキャプション"))
        article["captions"] = .array(captions)
        article["truncated"] = .string("false")
        out[0] = article

        out[1]["title"] = .string("別の題")
        out[3]["reading"] = .string("ちがうよみ")
        out[3]["truncated"] = .bool(false)
        Self.editParagraphs(&out[4], section: 0) { p in p.removeAll() }  // an empty body
        out[5]["kind"] = .string("article")  // 黄巾の乱: empty in both, paired on title
        out[6]["kind"] = nil
        out[7]["kind"] = .null
        out[8]["truncated"] = .number("1")  // Python: True == 1
        out[11]["reading"] = .null
        out[13]["captions"] = .string("ab")  // iterated as "a", "b"
        Self.editParagraphs(&out[16], section: 0) { p in
            p[0] = .string(String(p[0].stringValue!.prefix(12)))
        }
        var twin = out[9]
        twin["title"] = .string("同じ本文の別の題")  // ties with out[9]; the later one wins
        out.remove(at: 2)
        out.reverse()
        out.append(twin)
        out.append(
            JSONObject([
                .init(key: "title", value: .string("ゴミ")),
                .init(
                    key: "text",
                    value: .string("左メニュー\nシェアボタン: このページをSNSに投稿するのに便利です。\n本文 編集")),
            ]))
        out.append(
            JSONObject([
                .init(key: "kind", value: .string("fragment")),
                .init(key: "text", value: .string("まったく関係のない文章です。")),
            ]))

        let figures = try Self.expectParity(
            "perturbed", gold: Self.jsonl(gold), output: Self.jsonl(out), raw: .seed())
            ?? GoldScore.score(gold: Self.jsonl(gold), output: Self.jsonl(out))
        #expect(figures["paired"]! < 20)
        #expect(figures["residue"]! >= 6)
        #expect(figures["title_acc"]! < 1 && figures["para_r"]! < 1 && figures["removal_r"]! < 1)
    }

    @Test func textOnlyDocumentsMatchPython() throws {
        let gold = try Self.goldDocuments()
        var out = gold
        for i in out.indices where i % 2 == 0 || i == 1 || i == 3 {
            let text = Self.allParagraphs(out[i]).joined(separator: "\n")
            switch i {
            case 1: out[i]["sections"] = .array([])  // empty list: scored on text
            case 3: out[i]["sections"] = .null
            default: out[i]["sections"] = nil
            }
            out[i]["text"] = .string(text)
        }
        out[0]["text"] = .string(out[0]["text"]!.stringValue! + "\n左メニュー")
        let figures = try Self.expectParity(
            "text only", gold: Self.jsonl(gold), output: Self.jsonl(out), raw: .seed())
            ?? GoldScore.score(gold: Self.jsonl(gold), output: Self.jsonl(out))
        #expect(figures["para_r"] == 1 && figures["para_p"]! < 1)  // one extra line: 左メニュー
        #expect(figures["heading_r"]! < 1)
    }

    @Test func pythonValueQuirksMatchPython() throws {
        let gold = Self.jsonl(
            #"{"title": "A", "kind": "fragment", "truncated": true, "reading": "えー", "sections": [{"heading": "見出し", "paragraphs": "一二三四五"}], "captions": {"キャプ": 1, "ション": 2}}"#,
            #"{"title": "B", "kind": "article", "truncated": false, "text": "東京は日本の首都です。\n大阪は大きな街です。", "sections": []}"#,
            #"{"title": "C", "kind": 0, "truncated": 0, "sections": {"x": 1}, "text": "京都は古い都です。", "removed": [{"text": "消した文字列", "why": "chrome"}, "文字列だけ", {"text": null}, {"text": "京都は", "why": "x"}, {"text": "見出しの文字", "why": "heading"}]}"#,
            #"{"title": "空", "sections": [{"heading": null, "paragraphs": []}]}"#,
            #"{"title": "空", "sections": [{"paragraphs": []}], "kind": "article"}"#,
            #"{"title": "D", "truncated": 18446744073709551616, "text": "二の六十四乗の真偽値。"}"#,
            #"{"title": "E", "truncated": 9007199254740993, "text": "二の五十三乗足す一の真偽値。"}"#)
        let output: [UInt8] = Array(
            [
                #"{"title": "A", "kind": "fragment", "truncated": 1, "reading": "えー", "sections": [{"heading": "見出し", "paragraphs": ["一二三四五"]}], "captions": ["キャプ"]}"#,
                #"{"title": "B", "kind": "article", "truncated": 0.0, "text": "東京は日本の首都です。\r大阪は大きな街です。 編集"}"#,
                "\u{3000} ",
                #"{"title": "C", "kind": 0.0, "truncated": false, "text": "京都は古い都です。消した文字列"}"#,
                #"{"title": "空 ", "text": ""}"#,
                #"{"title": "余分", "text": "ナビゲーションに移動検索に移動"}"#,
                #"{"title": "D", "truncated": 1.8446744073709552e19, "text": "二の六十四乗の真偽値。"}"#,
                #"{"title": "E", "truncated": 9007199254740992.0, "text": "二の五十三乗足す一の真偽値。"}"#,
            ].joined(separator: "\r\n").utf8)
        let figures = try Self.expectParity("python quirks", gold: gold, output: output)
            ?? GoldScore.score(gold: gold, output: output)
        #expect(figures["paired"] == 6)
        #expect(figures["caption_p"] == 1 && figures["caption_r"] == 0.5)
        #expect(figures["removal_r"] == 0)
        #expect(figures["residue"] == 3)
        // A: True == 1; B: False == 0.0; C: 0 == False; 空: None == None; D: 2^64 == 2.0^64;
        // E: 2^53 + 1 != 2.0^53.
        #expect(figures["truncated_acc"] == 5.0 / 6.0)
    }

    @Test func chromeInputsMatchPython() throws {
        let gold = Self.jsonl(#"{"text": "本文である。メニュー一覧"}"#)
        let output = Self.jsonl(#"{"text": "本文である。\n左メニュー"}"#)
        // A BOM, CRLF, U+2028 as a line break, and 0 meaning the last line (Python's [-1]).
        let text = "\u{FEFF}左メニュー\r\n本文である。\r\nシェアボタン\u{2028}メニュー一覧\nabc\n"
        let fromText = try Self.expectParity(
            "chrome, text input", gold: gold, output: output,
            raw: RawInput(name: "raw.txt", bytes: Array(text.utf8), chromeLines: "[1, 3, 4, 0]"))
        let records = #"{"text": "左メニュー\n本文"}"# + "\n\n" + #"{"id": 2, "text": "a\nシェアボタン"}"#
        let fromRecords = try Self.expectParity(
            "chrome, JSON Lines input", gold: gold, output: output,
            raw: RawInput(name: "raw.jsonl", bytes: Array(records.utf8), chromeLines: "[[0, 1], [1, 2]]"))
        if let fromText, let fromRecords {
            #expect(fromText["chrome_removal_r"] == 0.5 && fromRecords["chrome_removal_r"] == 0.5)
        }
    }

    @Test func failsWherePythonFails() throws {
        let gold = Self.jsonl(#"{"title": 5, "text": ""}"#)
        let output = Self.jsonl(#"{"title": "5", "text": ""}"#)
        #expect(throws: GoldScore.Failure.self) { try GoldScore.score(gold: gold, output: output) }
        guard Self.pythonJudgeAvailable("failure") else { return }
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("gold-score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(gold).write(to: dir.appendingPathComponent("g.jsonl"))
        try Data(output).write(to: dir.appendingPathComponent("o.jsonl"))
        let python = try #require(
            Self.run([
                "python3", Self.scriptURL.path, dir.appendingPathComponent("g.jsonl").path,
                dir.appendingPathComponent("o.jsonl").path, "--json",
            ]))
        #expect(python.status != 0)
        #expect(python.stderr.contains("TypeError"))
    }

    // MARK: - Figures worked out by hand

    @Test func oneChangedParagraphOutOfThree() throws {
        let gold = Self.jsonl(
            #"{"title": "T", "sections": [{"heading": null, "paragraphs": ["東京は日本の首都である。", "大阪は西日本の中心である。", "京都は古い都である。"]}]}"#)
        let output = Self.jsonl(
            #"{"title": "T", "sections": [{"heading": null, "paragraphs": ["東京は日本の首都である。", "大阪は西日本の大都市である。", "京都は古い都である。"]}]}"#)
        let f = try GoldScore.score(gold: gold, output: output)
        #expect(f["paired"] == 1 && f["boundary_f1"] == 1)
        #expect(f["para_p"] == 2.0 / 3.0)
        #expect(f["para_r"] == 2.0 / 3.0)
        // No headings, captions or readings anywhere: those figures default to 1.
        #expect(f["heading_p"] == 1 && f["caption_r"] == 1 && f["reading_acc"] == 1)
        #expect(f["kind_acc"] == 1 && f["title_acc"] == 1)  // None == None is a hit
    }

    @Test func bigramOverlapGivesTextFigures() throws {
        // abcd → {ab, bc, cd}; abce → {ab, bc, ce}: overlap 2, similarity 4/6.
        let f = try GoldScore.score(
            gold: Self.jsonl(#"{"kind": "article", "text": "abcd"}"#),
            output: Self.jsonl(#"{"text": "a b c e"}"#))
        #expect(f["paired"] == 1)
        #expect(f["text_p"] == 2.0 / 3.0 && f["text_r"] == 2.0 / 3.0)
        #expect(abs(f["text_f1"]! - 2.0 / 3.0) < 1e-15)
        #expect(abs(f["article_text_f1"]! - 2.0 / 3.0) < 1e-15)
        #expect(f["fragment_text_f1"] == 0)
        #expect(f["para_p"] == 0 && f["para_r"] == 0)
    }

    @Test func belowHalfSimilarityLeavesDocumentsUnpaired() throws {
        // abcd vs abxy: overlap 1 ({ab}), similarity 2/6 < 0.5.
        let f = try GoldScore.score(
            gold: Self.jsonl(#"{"text": "abcd"}"#), output: Self.jsonl(#"{"text": "abxy"}"#))
        #expect(f["paired"] == 0 && f["boundary_p"] == 0 && f["boundary_r"] == 0)
        #expect(f["text_p"] == 0 && f["text_r"] == 0)
        #expect(f["title_acc"] == 1)  // no pairs: accuracies default to 1
    }

    @Test func canonIsNFKCWithoutPythonWhiteSpace() {
        func canon(_ s: String) -> String { String(String.UnicodeScalarView(GoldScore.canon(s))) }
        #expect(canon("ｶﾞｲﾄﾞ\u{3000}ブック") == "ガイドブック")
        #expect(canon("①Ａ\u{A0}ﾊﾟ") == "1Aパ")
        #expect(canon("a\u{1F}b\u{85}c\u{2028}d\u{202F}e\u{205F}f") == "abcdef")
        // Not white space for Python: zero-width space, Mongolian vowel separator.
        #expect(GoldScore.canon("x\u{200B}y\u{180E}z").map(\.value) == [0x78, 0x200B, 0x79, 0x180E, 0x7A])
        #expect(!GoldScore.isSpace("\u{200B}") && GoldScore.isSpace("\u{1C}"))
    }

    @Test func residueCountsMarkersAndMobileEditSuffix() throws {
        // "本文[編集]": [編集], [編集, 編集] → 3.
        // Line 1 ends in " 編集" → 1; line 2 is "編集" → 1;
        // line 3 holds [ソースを編集], ソースを編集 and 編集] → 3.
        let f = try GoldScore.score(
            gold: [],
            output: Self.jsonl(
                #"{"text": "本文[編集]"}"#, #"{"text": "概要 編集\n 編集 \n [ソースを編集]"}"#))
        #expect(f["residue"] == 8)
        #expect(f["boundary_p"] == 0 && f["boundary_r"] == 0 && f["gold_docs"] == 0)
    }

    @Test func ties() throws {
        let body = #""text": "同じ本文です。""#
        // Equal similarity: the output with the higher index wins.
        var f = try GoldScore.score(
            gold: Self.jsonl(#"{"title": "B", \#(body)}"#),
            output: Self.jsonl(#"{"title": "A", \#(body)}"#, #"{"title": "B", \#(body)}"#))
        #expect(f["title_acc"] == 1 && f["boundary_p"] == 0.5)
        f = try GoldScore.score(
            gold: Self.jsonl(#"{"title": "A", \#(body)}"#),
            output: Self.jsonl(#"{"title": "A", \#(body)}"#, #"{"title": "B", \#(body)}"#))
        #expect(f["title_acc"] == 0)
        // And the gold document with the higher index.
        f = try GoldScore.score(
            gold: Self.jsonl(#"{"title": "A", \#(body)}"#, #"{"title": "B", \#(body)}"#),
            output: Self.jsonl(#"{"title": "A", \#(body)}"#))
        #expect(f["title_acc"] == 0 && f["boundary_r"] == 0.5)
    }

    @Test func emptyBodiesPairOnTitle() throws {
        let f = try GoldScore.score(
            gold: Self.jsonl(#"{"title": "黄巾の乱", "sections": [{"heading": null, "paragraphs": []}]}"#),
            output: Self.jsonl(#"{"title": " 黄巾の乱\u3000", "text": ""}"#))
        #expect(f["paired"] == 1 && f["title_acc"] == 1)
        #expect(f["text_p"] == 0 && f["text_r"] == 0 && f["para_p"] == 0)
        let untitled = try GoldScore.score(
            gold: Self.jsonl(#"{"title": null, "text": ""}"#),
            output: Self.jsonl(#"{"title": null, "text": ""}"#))
        #expect(untitled["paired"] == 0)
    }

    @Test func accuracyComparesLikePython() throws {
        func truncatedAcc(_ g: String, _ o: String) throws -> Double? {
            try GoldScore.score(
                gold: Self.jsonl(#"{"truncated": \#(g), "text": "本文です。"}"#),
                output: Self.jsonl(#"{"truncated": \#(o), "text": "本文です。"}"#))["truncated_acc"]
        }
        #expect(try truncatedAcc("true", "1") == 1)
        #expect(try truncatedAcc("1", "1.0") == 1)
        #expect(try truncatedAcc("false", "\"\"") == 1)  // canon(False) == canon("") == ""
        #expect(try truncatedAcc("[1, {\"a\": 2}]", "[true, {\"a\": 2.0}]") == 1)
        #expect(try truncatedAcc("true", "false") == 0)
        #expect(throws: GoldScore.Failure.self) { try truncatedAcc("true", "\"true\"") }
    }

    @Test func chromeRemovalIsTheShareOfChromeLinesLeftOut() throws {
        let gold = Self.jsonl(#"{"text": "本文である。メニュー一覧"}"#)
        let output = Self.jsonl(#"{"text": "本文である。\n左メニュー"}"#)
        let raw = "\u{FEFF}左メニュー\r\n本文である。\r\nシェアボタン\u{2028}メニュー一覧\nabc\n"
        // Line 1 leaked, line 3 removed, line 4 is in the gold text, line 5 (0 = the last
        // line, as Python indexes) is too short.
        let f = try GoldScore.score(gold: gold, output: output, raw: raw, chromeLines: [1, 3, 4, 0])
        #expect(f["chrome_removal_r"] == 0.5)
        let none = try GoldScore.score(gold: gold, output: output, raw: raw, chromeLines: [])
        #expect(none["chrome_removal_r"] == 1)
        #expect(throws: GoldScore.Failure.self) {
            try GoldScore.score(gold: gold, output: output, raw: raw, chromeLines: [9])
        }
        // A JSON Lines input: (record among the non-blank lines, line in its text).
        let records = #"{"text": "左メニュー\n本文"}"# + "\n\n" + #"{"id": 2, "text": "a\nシェアボタン"}"#
        let fromRecords = try GoldScore.score(
            gold: gold, output: output, rawJSONLines: records,
            chromeRecordLines: [(record: 0, line: 1), (record: 1, line: 2)])
        #expect(fromRecords["chrome_removal_r"] == 0.5)
    }

    @Test func rejectsWhatPythonRejects() {
        #expect(throws: GoldScore.Failure.self) { try GoldScore.documents(in: Array("[1]\n".utf8)) }
        #expect(throws: GoldScore.Failure.self) { try GoldScore.documents(in: Array("{\n".utf8)) }
        #expect(throws: GoldScore.Failure.self) { try GoldScore.documents(in: [0x7B, 0xFF, 0x7D]) }
        #expect(throws: GoldScore.Failure.self) {
            try GoldScore.score(
                gold: Self.jsonl(#"{"text": 5}"#), output: Self.jsonl(#"{"text": "x"}"#))
        }
    }
}
