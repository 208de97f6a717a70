import Foundation
import TextNormalization
import WikiClean

/// A Swift port of the project's judge, `shared/eval/score.py`, that gives the same figures.
///
/// The scorer pairs the documents of a cleaning run with those of a gold annotation by the
/// similarity of their body text, then reports how well boundaries, text, titles, readings,
/// kinds, headings, captions and paragraphs were reproduced, how much of what the gold cuts out
/// was indeed removed, and how much edit-marker and site-chrome residue is left:
///
/// ```swift
/// let figures = try GoldScore.score(
///     gold: Array(try Data(contentsOf: goldURL)), output: Array(try Data(contentsOf: runURL)))
/// figures["para_r"]   // 0.93…
/// ```
///
/// It follows the script step by step, so the figures are the same to the last bit:
/// - `canon` is NFKC (ICU, through ``Normalizer`` with ``NormalizationOptions/nfkcOnly``), then
///   every character for which Python's `str.isspace()` holds is dropped (``isSpace(_:)``).
/// - Strings are compared, counted and searched as sequences of Unicode scalars, like Python's
///   `str` (never as Swift `Character`s or with `String`'s canonical equivalence).
/// - Documents are paired greedily on character-bigram similarity ≥ 0.5; ties go as Python's
///   `cands.sort(reverse=True)` on `(sim, i, j)` sends them: higher `i`, then higher `j` first.
/// - Python's dynamic typing is reproduced where the script relies on it: `x or []` and
///   iteration (a string iterates over its characters, an object over its keys), truthiness
///   (`0`, `""`, `[]`, `{}`, `null`, `false` are false), and `==` (`true == 1`, `1 == 1.0`).
///   Where the script would stop with a `TypeError` (say, a title that is a number compared
///   with one that is a string), the port throws a ``Failure`` instead.
///
/// The figures come back as `[String: Double]` under the script's names (``figureNames``);
/// counts (`gold_docs`, `output_docs`, `paired`, `residue`) are whole numbers.
struct GoldScore {
    /// Why scoring stopped: unreadable input, or a value the Python script would also reject.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong, in the words of the script's error where there is one.
        var message: String
        var description: String { message }
        init(_ message: String) { self.message = message }
    }

    /// A Python `str`: its code points.
    typealias Scalars = [Unicode.Scalar]

    /// The figures in the order the script reports them; `chrome_removal_r` only comes with a
    /// raw input and its chrome lines.
    static let figureNames = [
        "gold_docs", "output_docs", "paired", "boundary_p", "boundary_r", "boundary_f1",
        "text_p", "text_r", "text_f1", "article_text_f1", "fragment_text_f1",
        "title_acc", "reading_acc", "kind_acc", "truncated_acc",
        "heading_p", "heading_r", "caption_p", "caption_r", "para_p", "para_r",
        "removal_r", "residue", "chrome_removal_r",
    ]

    /// Edit markers and site chrome that must not be left in output text (the script's
    /// `RESIDUE`), counted after NFKC.
    static let residueMarkers = [
        "[編集]", "[編集", "編集]", "[ソースを編集]", "左メニュー", "シェアボタン",
        "ナビゲーションに移動", "検索に移動", "出典: フリー百科事典", "テンプレートを表示",
        "特に記載のない限り、コミュニティのコンテンツは", "[脚注の使い方]",
        "この節の加筆が望まれています", "記事の信頼性向上にご協力をお願いいたします",
        "をクリックすると編集できます", "ソースを編集", "コンテンツにスキップ", "メインメニュー",
        "プライバシー・ポリシー", "免責事項", "ウィキペディアについて", "日時は個人設定で未設定ならばUTC",
        "クリエイティブ・コモンズ 表示-継承ライセンス", "このページの最終更新日時は",
    ]

    private static let normalizer = Normalizer(options: .nfkcOnly)
    private static let normalizedMarkers: [Scalars] = residueMarkers.map { nfkc($0) }
    private static let mobileEditSuffix = Scalars(" 編集".unicodeScalars)
    private static let bareEditMarker = Scalars("編集".unicodeScalars)

    // MARK: - Entry points

    /// Scores a run against a gold annotation, both given as JSON Lines bytes.
    ///
    /// - Parameters:
    ///   - gold: the gold annotation (`expected.jsonl`).
    ///   - output: the run's documents.
    ///   - raw: the text of the raw input the run read, as the script reads it
    ///     (`encoding="utf-8-sig"`, so a leading BOM is ignored; line ends untouched).
    ///   - chromeLines: the 1-based numbers of the raw lines that are pure chrome
    ///     (`chrome_lines.json`). With `raw`, adds `chrome_removal_r`.
    /// - Returns: the figures, keyed by the script's names.
    /// - Throws: ``Failure`` when a file is not UTF-8 JSON Lines of objects, or holds a value
    ///   that makes the script fail too.
    static func score(
        gold: [UInt8], output: [UInt8], raw: String? = nil, chromeLines: [Int]? = nil
    ) throws -> [String: Double] {
        let goldDocs = try documents(in: gold, name: "gold")
        let outputDocs = try documents(in: output, name: "output")
        var figures = try score(gold: goldDocs, output: outputDocs)
        if let raw, let chromeLines {
            figures["chrome_removal_r"] = try chromeRemoval(
                gold: goldDocs, output: outputDocs, texts: chromeTexts(raw: raw, lines: chromeLines))
        }
        return figures
    }

    /// Scores a run whose raw input was JSON Lines: chrome lines are `(record, line)` pairs,
    /// the record 0-based among the non-blank raw lines, the line 1-based in its `"text"`.
    static func score(
        gold: [UInt8], output: [UInt8], rawJSONLines: String,
        chromeRecordLines: [(record: Int, line: Int)]
    ) throws -> [String: Double] {
        let goldDocs = try documents(in: gold, name: "gold")
        let outputDocs = try documents(in: output, name: "output")
        var figures = try score(gold: goldDocs, output: outputDocs)
        figures["chrome_removal_r"] = try chromeRemoval(
            gold: goldDocs, output: outputDocs,
            texts: chromeTexts(rawJSONLines: rawJSONLines, lines: chromeRecordLines))
        return figures
    }

    /// Scores files as the script's command line does: `score.py GOLD OUTPUT [--raw RAW
    /// --chrome-lines CHROME]` (a raw path ending in `.jsonl` is read as JSON Lines).
    static func score(
        goldPath: String, outputPath: String, rawPath: String? = nil, chromeLinesPath: String? = nil
    ) throws -> [String: Double] {
        let gold = try readBytes(goldPath)
        let output = try readBytes(outputPath)
        guard let rawPath, let chromeLinesPath else { return try score(gold: gold, output: output) }
        // chromeTexts drops a leading BOM, as `encoding="utf-8-sig"` does.
        let rawText = try decodeUTF8(readBytes(rawPath), name: rawPath)
        let spec: JSONValue
        do { spec = try JSONParser.parse(readBytes(chromeLinesPath)) } catch let error as JSONParser.Error {
            throw Failure("\(chromeLinesPath): not JSON: \(error)")
        }
        if rawPath.hasSuffix(".jsonl") {
            let pairs = try pyIterate(spec).map { item -> (record: Int, line: Int) in
                guard case .array(let pair) = item, pair.count == 2 else {
                    throw Failure("\(chromeLinesPath): expected [record, line] pairs")
                }
                return (try pyInt(pair[0]), try pyInt(pair[1]))
            }
            return try score(
                gold: gold, output: output, rawJSONLines: rawText, chromeRecordLines: pairs)
        }
        let lines = try pyIterate(spec).map(pyInt)
        return try score(gold: gold, output: output, raw: rawText, chromeLines: lines)
    }

    /// The package root: the nearest folder above `filePath` that holds `Package.swift`.
    static func packageRoot(filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(filePath)")
    }

    // MARK: - Text

    /// Python's `str.isspace()`: bidirectional type WS, B or S, or category Zs.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Unicode NFKC, as `unicodedata.normalize("NFKC", s)`.
    static func nfkc(_ s: String) -> Scalars { Scalars(normalizer.normalize(s).unicodeScalars) }

    /// The script's `canon`: NFKC, then every white-space character removed.
    static func canon(_ s: String) -> Scalars { nfkc(s).filter { !isSpace($0) } }

    /// `canon(value)` for any JSON value: `canon(x)` normalizes `x or ""`, so a false value
    /// gives `""` and anything else but a string is a `TypeError`.
    static func canon(_ value: JSONValue?) throws -> Scalars {
        guard let value, pyTruthy(value) else { return [] }
        guard case .string(let s) = value else {
            throw Failure("TypeError: normalize() argument 2 must be str, not \(value.kindDescription)")
        }
        return canon(s)
    }

    /// Python's `str.strip()` with no argument.
    static func strip<C: BidirectionalCollection<Unicode.Scalar>>(_ s: C) -> Scalars {
        guard let first = s.firstIndex(where: { !isSpace($0) }) else { return [] }
        let last = s.lastIndex(where: { !isSpace($0) })!
        return Scalars(s[first...last])
    }

    /// Python's `str.rstrip()` with no argument.
    static func rstrip<C: BidirectionalCollection<Unicode.Scalar>>(_ s: C) -> Scalars {
        guard let last = s.lastIndex(where: { !isSpace($0) }) else { return [] }
        return Scalars(s[...last])
    }

    /// Python's `str.splitlines()`: breaks at `\n`, `\r`, `\r\n`, `\v`, `\f`, U+001C–001E,
    /// U+0085, U+2028 and U+2029; no empty piece after a final break.
    static func splitLines(_ s: Scalars) -> [Scalars] {
        var lines: [Scalars] = []
        var start = 0
        var i = 0
        while i < s.count {
            switch s[i].value {
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                lines.append(Scalars(s[start..<i]))
                i += 1
                start = i
            case 0x0D:
                lines.append(Scalars(s[start..<i]))
                i += (i + 1 < s.count && s[i + 1] == "\n") ? 2 : 1
                start = i
            default:
                i += 1
            }
        }
        if start < s.count { lines.append(Scalars(s[start...])) }
        return lines
    }

    /// Python's `needle in haystack` for strings.
    static func contains(_ haystack: Scalars, _ needle: Scalars) -> Bool {
        firstIndex(of: needle, in: haystack, from: 0) != nil
    }

    /// Python's `haystack.count(needle)`: non-overlapping occurrences, left to right.
    static func occurrences(of needle: Scalars, in haystack: Scalars) -> Int {
        precondition(!needle.isEmpty, "empty needle")
        var n = 0
        var from = 0
        while let i = firstIndex(of: needle, in: haystack, from: from) {
            n += 1
            from = i + needle.count
        }
        return n
    }

    private static func firstIndex(of needle: Scalars, in haystack: Scalars, from: Int) -> Int? {
        if needle.isEmpty { return from }
        guard haystack.count - from >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// The script's `bigrams`: a multiset of adjacent code-point pairs of `canon(s)`; a
    /// one-character text counts that character. A pair is packed as `a << 21 | b`, a lone
    /// character as `1 << 63 | a`, so the two never collide.
    static func bigrams(_ s: String) -> [UInt64: Int] {
        let c = canon(s)
        if c.count < 2 {
            return c.isEmpty ? [:] : [1 << 63 | UInt64(c[0].value): 1]
        }
        var counts: [UInt64: Int] = [:]
        counts.reserveCapacity(c.count)
        for k in 0..<(c.count - 1) {
            counts[UInt64(c[k].value) << 21 | UInt64(c[k + 1].value), default: 0] += 1
        }
        return counts
    }

    // MARK: - Python semantics for JSON values

    /// Python's `bool(x)`.
    static func pyTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let b): return b
        case .number(let text): return (Double(text) ?? 1) != 0
        case .string(let s): return !s.isEmpty
        case .array(let items): return !items.isEmpty
        case .object(let object): return !object.isEmpty
        }
    }

    /// `for x in (value or [])`: a string gives its characters, an object its keys (first
    /// occurrence order, as a Python dict keeps them); a true number or boolean is a
    /// `TypeError`.
    static func pyIterateOrEmpty(_ value: JSONValue?) throws -> [JSONValue] {
        guard let value, pyTruthy(value) else { return [] }
        return try pyIterate(value)
    }

    /// `for x in value`.
    static func pyIterate(_ value: JSONValue) throws -> [JSONValue] {
        switch value {
        case .array(let items): return items
        case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .object(let object): return pyKeys(object).map { .string($0) }
        default: throw Failure("TypeError: '\(value.kindDescription)' is not iterable")
        }
    }

    /// The keys of a Python dict built from `object`: duplicates once, at their first place.
    private static func pyKeys(_ object: JSONObject) -> [String] {
        var seen = Set<Scalars>()
        var keys: [String] = []
        for key in object.keys where seen.insert(Scalars(key.unicodeScalars)).inserted {
            keys.append(key)
        }
        return keys
    }

    /// An integer index from JSON, as Python takes one (`true` is 1).
    private static func pyInt(_ value: JSONValue) throws -> Int {
        switch value {
        case .bool(let b): return b ? 1 : 0
        case .number(let text):
            if let n = Int(text) { return n }
            throw Failure("TypeError: list indices must be integers, not \(text)")
        default: throw Failure("TypeError: list indices must be integers, not \(value.kindDescription)")
        }
    }

    /// `list[index]`, negative indices counting from the end.
    private static func pyElement<T>(_ list: [T], _ index: Int) throws -> T {
        let k = index < 0 ? index + list.count : index
        guard k >= 0, k < list.count else { throw Failure("IndexError: list index out of range") }
        return list[k]
    }

    /// `a == b` between values from `json.loads` (`nil`, a missing key, is `None`).
    static func pyEqual(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a ?? .null, b ?? .null) {
        case (.null, .null): return true
        case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { pyEqual($0, $1) }
        case (.object(let x), .object(let y)):
            let xk = pyKeys(x), yk = pyKeys(y)
            guard xk.count == yk.count else { return false }
            return xk.allSatisfy { key in
                y.keys.contains { $0.unicodeScalars.elementsEqual(key.unicodeScalars) }
                    && pyEqual(lastValue(x, key), lastValue(y, key))
            }
        case (let x, let y):
            guard let m = PyNumber(x), let n = PyNumber(y) else { return false }
            return m == n
        }
    }

    /// `object[key]` with keys compared by code points.
    private static func lastValue(_ object: JSONObject, _ key: String) -> JSONValue? {
        object.members.last { $0.key.unicodeScalars.elementsEqual(key.unicodeScalars) }?.value
    }

    /// A Python `int` (booleans included) or `float`, compared as Python compares them:
    /// exactly, across the two types.
    private enum PyNumber: Equatable {
        /// The decimal digits with an optional `-`, never `-0`.
        case int(String)
        case float(Double)

        init?(_ value: JSONValue) {
            switch value {
            case .bool(let b): self = .int(b ? "1" : "0")
            case .number(let text):
                if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                    self = .float(Double(text) ?? .nan)
                } else {
                    self = .int(text == "-0" ? "0" : text)
                }
            default: return nil
            }
        }

        static func == (a: PyNumber, b: PyNumber) -> Bool {
            switch (a, b) {
            case (.int(let x), .int(let y)): return x == y
            case (.float(let x), .float(let y)): return x == y
            case (.int(let x), .float(let y)), (.float(let y), .int(let x)):
                guard y.isFinite, y.rounded(.towardZero) == y else { return false }
                return exactDecimal(y) == x
            }
        }

        /// The exact decimal digits of an integral finite double.
        private static func exactDecimal(_ d: Double) -> String {
            if d.magnitude < 0x1p62 { return String(Int64(d)) }
            // NB: |d| ≥ 2^62 is (2^52 + significand bits) · 2^(exponent - 52), exponent ≥ 62:
            // double a little-endian base-10^9 number that many times.
            let base: UInt64 = 1_000_000_000
            var limbs: [UInt64] = []
            var m = d.significandBitPattern | 1 << 52
            while m > 0 {
                limbs.append(m % base)
                m /= base
            }
            for _ in 0..<(Int(d.exponent) - 52) {
                var carry: UInt64 = 0
                for k in limbs.indices {
                    let v = limbs[k] * 2 + carry
                    limbs[k] = v % base
                    carry = v / base
                }
                if carry > 0 { limbs.append(carry) }
            }
            var text = d < 0 ? "-" : ""
            text += String(limbs.last!)
            for limb in limbs.dropLast().reversed() {
                let digits = String(limb)
                text += String(repeating: "0", count: 9 - digits.count) + digits
            }
            return text
        }
    }

    // MARK: - Loading

    /// The objects of a JSON Lines text, read as the script's `load` reads a file: strict
    /// UTF-8, universal newlines, each line stripped of white space, blank lines skipped.
    ///
    /// - Throws: ``Failure`` for invalid UTF-8, a line that is not JSON, or a value that is not
    ///   an object.
    static func documents(in bytes: [UInt8], name: String = "input") throws -> [JSONObject] {
        let text = try decodeUTF8(bytes, name: name)
        var docs: [JSONObject] = []
        var lineNumber = 0
        var line: Scalars = []
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let c = pending {
            pending = scalars.next()
            if c == "\r" && pending == "\n" { continue }  // \r\n counts once, at the \n
            if c == "\n" || c == "\r" {
                lineNumber += 1
                if let doc = try document(line, name: name, lineNumber: lineNumber) { docs.append(doc) }
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(c)
            }
        }
        if !line.isEmpty {
            lineNumber += 1
            if let doc = try document(line, name: name, lineNumber: lineNumber) { docs.append(doc) }
        }
        return docs
    }

    private static func document(_ line: Scalars, name: String, lineNumber: Int) throws -> JSONObject? {
        let stripped = strip(line)
        if stripped.isEmpty { return nil }
        var utf8: [UInt8] = []
        for c in stripped { utf8.append(contentsOf: UTF8.encode(c)!) }
        let value: JSONValue
        do { value = try JSONParser.parse(utf8) } catch {
            throw Failure("\(name):\(lineNumber): not JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw Failure("\(name):\(lineNumber): not a JSON object")
        }
        return object
    }

    private static func decodeUTF8(_ bytes: [UInt8], name: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure("\(name): not valid UTF-8")
        }
        return text
    }

    private static func readBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure("\(path): cannot read the file")
        }
        return Array(data)
    }

    // MARK: - Document parts

    /// The script's `body`: the paragraphs of all sections joined by `\n` when `sections` is
    /// a non-empty list, otherwise `text or ""`.
    static func body(_ doc: JSONObject) throws -> String {
        if case .array(let sections)? = doc["sections"], !sections.isEmpty {
            var parts: [String] = []
            for case .object(let section) in sections {
                for case .string(let p) in try pyIterateOrEmpty(section["paragraphs"]) {
                    parts.append(p)
                }
            }
            return parts.joined(separator: "\n")
        }
        guard let text = doc["text"], pyTruthy(text) else { return "" }
        // NB: the script returns a non-string `text` as is and fails on it a moment later.
        guard case .string(let s) = text else {
            throw Failure("TypeError: normalize() argument 2 must be str, not \(text.kindDescription)")
        }
        return s
    }

    /// The script's `paragraphs`: canonical, non-empty paragraphs, or lines of `text`.
    static func paragraphs(_ doc: JSONObject) throws -> [Scalars] {
        if case .array(let sections)? = doc["sections"], !sections.isEmpty {
            var out: [Scalars] = []
            for case .object(let section) in sections {
                for case .string(let p) in try pyIterateOrEmpty(section["paragraphs"]) {
                    out.append(canon(p))
                }
            }
            return out.filter { !$0.isEmpty }
        }
        let text = Scalars(try body(doc).unicodeScalars)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { canon(String(String.UnicodeScalarView($0))) }
            .filter { !$0.isEmpty }
    }

    /// The script's `headings`: canonical non-empty section headings.
    static func headings(_ doc: JSONObject) throws -> [Scalars] {
        var out: [Scalars] = []
        for case .object(let section) in try pyIterateOrEmpty(doc["sections"]) {
            if let heading = section["heading"], pyTruthy(heading) { out.append(try canon(heading)) }
        }
        return out
    }

    /// The canonical captions (string items of `captions`).
    static func captions(_ doc: JSONObject) throws -> [Scalars] {
        var out: [Scalars] = []
        for case .string(let c) in try pyIterateOrEmpty(doc["captions"]) { out.append(canon(c)) }
        return out
    }

    // MARK: - Scoring

    private static func counter<K: Hashable>(_ items: [K]) -> [K: Int] {
        var counts: [K: Int] = [:]
        for item in items { counts[item, default: 0] += 1 }
        return counts
    }

    /// `sum((a & b).values())`.
    private static func overlap<K: Hashable>(_ a: [K: Int], _ b: [K: Int]) -> Int {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var n = 0
        for (key, count) in small {
            if let other = large[key] { n += min(count, other) }
        }
        return n
    }

    private static func total<K>(_ counts: [K: Int]) -> Int { counts.values.reduce(0, +) }

    private static func f1(_ p: Double, _ r: Double) -> Double {
        p + r == 0 ? 0.0 : 2 * p * r / (p + r)
    }

    /// `value == string`, `value` being what `.get(key)` returned.
    private static func isString(_ value: JSONValue?, _ string: String) -> Bool {
        guard case .string(let s)? = value else { return false }
        return s.unicodeScalars.elementsEqual(string.unicodeScalars)
    }

    /// The script's `pair`: greedy one-to-one pairing, most similar first.
    static func pair(gold: [JSONObject], output: [JSONObject]) throws -> (
        pairs: [(gold: Int, output: Int)], gold: [[UInt64: Int]], output: [[UInt64: Int]]
    ) {
        let gb = try gold.map { try bigrams(body($0)) }
        let ob = try output.map { try bigrams(body($0)) }
        let osums = ob.map(total)
        var cands: [(sim: Double, i: Int, j: Int)] = []
        for (i, g) in gb.enumerated() {
            let gs = total(g)
            for (j, o) in ob.enumerated() {
                let os = osums[j]
                if gs == 0 && os == 0 {
                    // Empty bodies pair on title.
                    let title = try canon(gold[i]["title"])
                    if !title.isEmpty, try title == canon(output[j]["title"]) { cands.append((1.0, i, j)) }
                    continue
                }
                let ov = overlap(g, o)
                if ov == 0 { continue }
                let sim = Double(2 * ov) / Double(gs + os)
                if sim >= 0.5 { cands.append((sim, i, j)) }
            }
        }
        cands.sort { a, b in
            if a.sim != b.sim { return a.sim > b.sim }
            if a.i != b.i { return a.i > b.i }
            return a.j > b.j
        }
        var usedGold = Set<Int>(), usedOutput = Set<Int>()
        var pairs: [(gold: Int, output: Int)] = []
        for (_, i, j) in cands where !usedGold.contains(i) && !usedOutput.contains(j) {
            usedGold.insert(i)
            usedOutput.insert(j)
            pairs.append((i, j))
        }
        return (pairs, gb, ob)
    }

    /// The script's `score`: every figure but `chrome_removal_r`.
    static func score(gold: [JSONObject], output out: [JSONObject]) throws -> [String: Double] {
        let (pairs, gb, ob) = try pair(gold: gold, output: out)
        let pairedGold = Set(pairs.map(\.gold))
        let pairedOutput = Set(pairs.map(\.output))
        var res: [String: Double] = [
            "gold_docs": Double(gold.count), "output_docs": Double(out.count),
            "paired": Double(pairs.count),
        ]
        let bp = out.isEmpty ? 0.0 : Double(pairs.count) / Double(out.count)
        let br = gold.isEmpty ? 0.0 : Double(pairs.count) / Double(gold.count)
        res["boundary_p"] = bp
        res["boundary_r"] = br
        res["boundary_f1"] = f1(bp, br)

        func textScores(_ kind: String?) -> (p: Double, r: Double, f: Double) {
            var tp = 0, fpDen = 0, fnDen = 0
            for (i, j) in pairs {
                if let kind, !isString(gold[i]["kind"], kind) { continue }
                tp += overlap(gb[i], ob[j])
                fpDen += total(ob[j])
                fnDen += total(gb[i])
            }
            for (j, o) in ob.enumerated() where !pairedOutput.contains(j) {
                // `out[j].get("kind", kind) == kind`: a missing kind counts for every kind.
                if let kind, let k = out[j]["kind"], !isString(k, kind) { continue }
                fpDen += total(o)
            }
            for (i, g) in gb.enumerated() where !pairedGold.contains(i) {
                if let kind, !isString(gold[i]["kind"], kind) { continue }
                fnDen += total(g)
            }
            let p = fpDen > 0 ? Double(tp) / Double(fpDen) : 0.0
            let r = fnDen > 0 ? Double(tp) / Double(fnDen) : 0.0
            return (p, r, f1(p, r))
        }

        let text = textScores(nil)
        res["text_p"] = text.p
        res["text_r"] = text.r
        res["text_f1"] = text.f
        res["article_text_f1"] = textScores("article").f
        res["fragment_text_f1"] = textScores("fragment").f

        func acc(_ key: String, onlyIfGold: Bool = false) throws -> Double {
            var n = 0, hit = 0
            for (i, j) in pairs {
                let g = gold[i][key]
                if onlyIfGold && (pyEqual(g, .null) || isString(g, "")) { continue }
                n += 1
                let o = out[j][key]
                if g?.stringValue != nil || o?.stringValue != nil {
                    if try canon(g) == canon(o) { hit += 1 }
                } else if pyEqual(g, o) {
                    hit += 1
                }
            }
            return n > 0 ? Double(hit) / Double(n) : 1.0
        }

        res["title_acc"] = try acc("title")
        res["reading_acc"] = try acc("reading", onlyIfGold: true)
        res["kind_acc"] = try acc("kind")
        res["truncated_acc"] = try acc("truncated")

        func setPR(_ getter: (JSONObject) throws -> [Scalars]) throws -> (p: Double, r: Double) {
            var tp = 0, gn = 0, on = 0
            for (i, j) in pairs {
                let g = counter(try getter(gold[i])), o = counter(try getter(out[j]))
                tp += overlap(g, o)
                gn += total(g)
                on += total(o)
            }
            return (on > 0 ? Double(tp) / Double(on) : 1.0, gn > 0 ? Double(tp) / Double(gn) : 1.0)
        }

        let heading = try setPR(headings)
        res["heading_p"] = heading.p
        res["heading_r"] = heading.r
        let caption = try setPR(captions)
        res["caption_p"] = caption.p
        res["caption_r"] = caption.r

        var tp = 0, gn = 0, on = 0
        for (i, j) in pairs {
            let g = counter(try paragraphs(gold[i])), o = counter(try paragraphs(out[j]))
            tp += overlap(g, o)
            gn += total(g)
            on += total(o)
        }
        for j in out.indices where !pairedOutput.contains(j) { on += try paragraphs(out[j]).count }
        for i in gold.indices where !pairedGold.contains(i) { gn += try paragraphs(gold[i]).count }
        res["para_p"] = on > 0 ? Double(tp) / Double(on) : 0.0
        res["para_r"] = gn > 0 ? Double(tp) / Double(gn) : 0.0

        var pieces = 0, leaked = 0
        for (i, j) in pairs {
            let kept = canon(try body(gold[i]))
            let got = canon(try body(out[j]))
            for piece in try pyIterateOrEmpty(gold[i]["removed"]) {
                let pieceObject = piece.objectValue
                let text = try canon(pieceObject.map { $0["text"] ?? .null } ?? .string(""))
                if text.count < 3 || (pieceObject.map { isString($0["why"], "heading") } ?? false)
                    || contains(kept, text)
                {
                    continue
                }
                pieces += 1
                if contains(got, text) { leaked += 1 }
            }
        }
        res["removal_r"] = pieces > 0 ? 1 - Double(leaked) / Double(pieces) : 1.0

        var residue = 0
        for d in out {
            let text = nfkc(try body(d))
            for marker in normalizedMarkers { residue += occurrences(of: marker, in: text) }
            // Mobile skins render a heading as "見出し 編集": a paragraph ending so is a glued marker.
            for p in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let endsWithMarker = rstrip(p).suffix(mobileEditSuffix.count).elementsEqual(mobileEditSuffix)
                if endsWithMarker || strip(p) == bareEditMarker { residue += 1 }
            }
        }
        res["residue"] = Double(residue)
        return res
    }

    // MARK: - Chrome

    /// The raw text of each pure-chrome line (1-based line numbers; a leading BOM is ignored).
    static func chromeTexts(raw: String, lines: [Int]) throws -> [String] {
        var scalars = Scalars(raw.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let rawLines = splitLines(scalars)
        return try lines.map { String(String.UnicodeScalarView(try pyElement(rawLines, $0 - 1))) }
    }

    /// The raw text of each pure-chrome line of a JSON Lines input: `record` is 0-based among
    /// the non-blank lines, `line` 1-based in that record's `"text"`.
    static func chromeTexts(rawJSONLines: String, lines: [(record: Int, line: Int)]) throws -> [String] {
        var scalars = Scalars(rawJSONLines.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let records: [Scalars] = try splitLines(scalars).filter { !strip($0).isEmpty }.map { line in
            var utf8: [UInt8] = []
            for c in line { utf8.append(contentsOf: UTF8.encode(c)!) }
            let value: JSONValue
            do { value = try JSONParser.parse(utf8) } catch { throw Failure("raw: not JSON: \(error)") }
            guard case .object(let object) = value else {
                throw Failure("AttributeError: raw record is \(value.kindDescription), not an object")
            }
            guard case .string(let text) = object["text"] ?? .string("") else {
                throw Failure("AttributeError: raw record's text is not a string")
            }
            return Scalars(text.unicodeScalars)
        }
        return try lines.map { spec in
            let recordLines = splitLines(try pyElement(records, spec.record))
            return String(String.UnicodeScalarView(try pyElement(recordLines, spec.line - 1)))
        }
    }

    /// The script's `chrome_removal`: the share of chrome texts (4+ characters after `canon`,
    /// absent from all gold text) that appear in no output body.
    static func chromeRemoval(gold: [JSONObject], output: [JSONObject], texts: [String]) throws -> Double {
        func joined(_ docs: [JSONObject]) throws -> Scalars {
            var out: Scalars = []
            for (k, d) in docs.enumerated() {
                if k > 0 { out.append("\n") }
                out += canon(try body(d))
            }
            return out
        }
        let kept = try joined(gold)
        let got = try joined(output)
        var total = 0, leaked = 0
        for t in texts {
            let c = canon(t)
            if c.count < 4 || contains(kept, c) { continue }
            total += 1
            if contains(got, c) { leaked += 1 }
        }
        return total > 0 ? 1 - Double(leaked) / Double(total) : 1.0
    }
}
