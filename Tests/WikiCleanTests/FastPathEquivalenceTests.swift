import Testing

@testable import WikiClean

/// The byte-level fast paths of `detect-boundaries` and the JSON writer against the forms
/// they replaced (kept here or in the sources as references), on tricky and random inputs.
@Suite struct FastPathEquivalenceTests {
    // MARK: - Inputs

    /// Scalars the random strings are drawn from: the ones the parsers look for, kana with
    /// and without voicing marks, combining and joining marks, prepended marks, controls,
    /// line separators, quotes and backslashes, emoji.
    static let alphabet: [Unicode.Scalar] = {
        var s: [Unicode.Scalar] = []
        for c in "()（）。、は、とはという又はまたは…...:：「」『』,;；，・ー=゠ 　がかきゃアイカガ漢字東京都市立中学校戦争年月日国所在地設立生年通称aZ09\"\\/\n\t\r".unicodeScalars {
            s.append(c)
        }
        for v: UInt32 in [
            0x00, 0x01, 0x08, 0x0C, 0x1F, 0x7F, 0xA0, 0xE9, 0x301, 0x600, 0x2028, 0x2029, 0x200D, 0x3099, 0x309A, 0x302A, 0xFF9E,
            0xFE0F, 0x1F600, 0x20BB7, 0xF900, 0x2329, 0x3008, 0xFF08, 0xFF09, 0x3000,
        ] {
            s.append(Unicode.Scalar(v)!)
        }
        return s
    }()

    static func randomString(_ rng: inout SplitMix64, maxLength: Int, from alphabet: [Unicode.Scalar] = alphabet) -> String {
        let n = Int(rng.next() % UInt64(maxLength + 1))
        var v = String.UnicodeScalarView()
        for _ in 0..<n { v.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
        return String(v)
    }

    static let trickyStrings: [String] = [
        "", "a", "\"", "\\", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}\u{2029}", "abc\"def\\ghi\njkl\rmno\tpqr\u{8}\u{C}",
        "12345678", "1234567\"", "\"1234567", "12345678\\", String(repeating: "あ", count: 100), String(repeating: "\"", count: 17),
        "日本語のテキスト「引用」と\"quotes\"、\\バックスラッシュ\\。", "😀\u{200D}😀", "é", "e\u{301}",
        String(repeating: "x", count: 7) + "\u{1}" + String(repeating: "y", count: 9),
        (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined(),
    ]

    // MARK: - JSON

    @Test func jsonEscaperMatchesTheByteByByteOne() {
        var rng = SplitMix64(seed: 1)
        var inputs = Self.trickyStrings
        for _ in 0..<3000 { inputs.append(Self.randomString(&rng, maxLength: 40)) }
        // An escape at every offset of two 16-byte vectors and of an 8-byte word, and at the end.
        for k in 0..<40 {
            for c in ["\"", "\\", "\n", "\u{0}", "\u{1F}"] {
                inputs.append(String(repeating: "a", count: k) + c + String(repeating: "b", count: 39 - k))
                inputs.append(String(repeating: "ア", count: k) + c)
            }
        }
        // And of the C search's two 32-byte vectors and the last one, on longer texts.
        for k in 0..<140 {
            for c in ["\"", "\n"] {
                inputs.append(String(repeating: "a", count: k) + c + String(repeating: "b", count: 139 - k))
                inputs.append(String(repeating: "ア", count: k / 3) + c + String(repeating: "b", count: k % 7))
            }
        }
        for _ in 0..<500 { inputs.append(Self.randomString(&rng, maxLength: 300)) }
        for s in inputs {
            var fast: [UInt8] = [1, 2, 3]
            var slow: [UInt8] = [1, 2, 3]
            JSONWriter.appendString(s, to: &fast)
            JSONWriter.appendStringReference(s, to: &slow)
            #expect(fast == slow, "\(s.debugDescription)")
            // A bridged or otherwise non-native string goes the same way.
            var viaSubstring: [UInt8] = [1, 2, 3]
            JSONWriter.appendString(String(Substring(s)), to: &viaSubstring)
            #expect(viaSubstring == slow)
        }
        // What the escapes are, spelled out.
        #expect(JSONWriter.string(.string("a\"b\\c\n\u{1}\u{1F}\u{7F}\u{2028}")) == "\"a\\\"b\\\\c\\n\\u0001\\u001f\u{7F}\u{2028}\"")
    }

    /// The C search for the next byte to escape, at each level of vectors, against a byte
    /// loop: random bytes of every length to 200 (escapes rare or dense), from every offset,
    /// so that a byte to escape falls in each lane of each vector and in the last one, which
    /// overlaps bytes tested already. The same for the search that copies as it goes
    /// (`cicu_json_escape_copy`), with the bytes it copied and a guard past its room.
    @Test func jsonEscapeSearchMatchesAByteLoop() {
        var rng = SplitMix64(seed: 7)
        func reference(_ p: [UInt8], _ from: Int) -> Int {
            var i = from
            while i < p.count, !(p[i] < 0x20 || p[i] == 0x22 || p[i] == 0x5C) { i += 1 }
            return max(i, from)
        }
        for length in 0...200 {
            for density in [0, 2, 40, 400] {
                var bytes: [UInt8] = []
                for _ in 0..<length {
                    let r = rng.next()
                    if density > 0 && Int(r % 1000) < density {
                        bytes.append([0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C][Int((r >> 32) % 6)])
                    } else {
                        // No byte to escape: 0x20 and up, without `"` and `\`.
                        var b = UInt8(0x20 + (r >> 16) % 0xE0)
                        if b == 0x22 || b == 0x5C { b = 0x7E }
                        bytes.append(b)
                    }
                }
                for from in 0...length {
                    let expected = reference(bytes, from)
                    for level: Int32 in [2, 1, 0] {
                        let found = bytes.withUnsafeBufferPointer { JSONWriter.nextEscape(in: $0, from: from, level: level) }
                        #expect(found == expected, "level \(level), length \(length), from \(from): \(bytes)")
                        // The search that copies as it goes: the same offset, the bytes before it
                        // copied, nothing written past the room it is given (the rest of the text).
                        var out = [UInt8](repeating: 0xA5, count: length - from + 64)
                        let copied = bytes.withUnsafeBufferPointer { p in
                            out.withUnsafeMutableBufferPointer { JSONWriter.copyUnescaped(in: p, from: from, to: $0.baseAddress!, level: level) }
                        }
                        #expect(copied == expected, "copy, level \(level), length \(length), from \(from): \(bytes)")
                        #expect(Array(out[0..<(max(copied, from) - from)]) == Array(bytes[from..<max(copied, from)]), "copy, level \(level), length \(length), from \(from)")
                        #expect(out[(length - from)...].allSatisfy { $0 == 0xA5 }, "copy, level \(level), length \(length), from \(from): wrote past its room")
                    }
                }
            }
        }
    }

    @Test func integersMatchStringDescription() {
        // Every digit count: each power of ten, and the numbers on either side of it.
        var powers: [Int] = []
        var p = 1
        for _ in 1...18 {
            p *= 10
            powers += [p - 1, p, p + 1]
        }
        for n in [0, 1, 9, 10, 99, 100, 12345, 999_999_999, Int.max, Int.max - 1, -1, -10, Int.min] + powers {
            var out: [UInt8] = []
            JSONWriter.appendInt(n, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(n))
        }
    }

    @Test func documentJSONMatchesTheOneBuiltFromTextAndSections() {
        var rng = SplitMix64(seed: 2)
        let roles: [Block.Role] = [.paragraph, .heading, .caption, .chrome]
        var docs: [Document] = []
        // Hand-made shapes: no blocks, only a heading, headings in a row, captions only.
        let source = SourceLocation(input: "in\"put.txt", lineStart: 3, lineEnd: 9)
        docs.append(Document(id: "a", kind: .article, blocks: [], source: source))
        docs.append(Document(id: "b", kind: .fragment, truncated: true, blocks: [.heading("見出し", line: 1)], source: source))
        docs.append(
            Document(
                id: "c", title: "題", reading: "だい", kind: .article,
                blocks: [.heading("一", line: 1), .heading("二", line: 2), .paragraph("本文\n改行", line: 3), .caption("図", line: nil)],
                source: SourceLocation(input: "x", lineStart: nil, lineEnd: -5, record: 12)))
        docs.append(
            Document(
                id: "d", kind: .page,
                blocks: [
                    Block(role: .chrome, text: "メニュー", line: 1, rule: "r\"1", signal: .pageStart), .paragraph("p", line: 2),
                    Block(role: .chrome, text: "", line: nil, rule: nil, signal: .pageEnd),
                ],
                source: source,
                meta: JSONObject([.init(key: "url", value: .string("http://x/\"y\"")), .init(key: "n", value: .number("3"))]),
                extra: JSONObject([.init(key: "z\n", value: .array([.null, .bool(true), .object(JSONObject())]))])))
        for k in 0..<400 {
            var blocks: [Block] = []
            for _ in 0..<Int(rng.next() % 8) {
                let role = roles[Int(rng.next() % 4)]
                let line: Int? = rng.next() % 3 == 0 ? nil : Int(rng.next() % 1000)
                blocks.append(
                    Block(
                        role: role, text: Self.randomString(&rng, maxLength: 20), line: line,
                        rule: role == .chrome ? Self.randomString(&rng, maxLength: 5) : nil,
                        signal: role == .chrome && rng.next() % 2 == 0 ? .pageEnd : nil))
            }
            let kind = Document.Kind.allCases[Int(rng.next() % 3)]
            docs.append(
                Document(
                    id: "r:\(k)", title: rng.next() % 2 == 0 ? nil : Self.randomString(&rng, maxLength: 6),
                    reading: rng.next() % 2 == 0 ? nil : Self.randomString(&rng, maxLength: 6), kind: kind,
                    truncated: rng.next() % 2 == 0, blocks: blocks,
                    source: SourceLocation(input: Self.randomString(&rng, maxLength: 4), lineStart: k, lineEnd: nil, record: nil)))
        }
        // Long documents: more marks than the buffer first has room for (its growth).
        for k in 0..<6 {
            var blocks: [Block] = []
            for _ in 0..<(40 + 60 * k) {
                blocks.append(Block(role: roles[Int(rng.next() % 4)], text: Self.randomString(&rng, maxLength: 30), line: k))
            }
            docs.append(Document(id: "long:\(k)", kind: .article, blocks: blocks, source: source))
        }
        // One buffer for all of them, as the runner writes a batch: the marks of one document
        // do not leak into the next.
        var shared = ByteBuffer(capacity: 16)
        var slowAll: [UInt8] = []
        for d in docs {
            var fast: [UInt8] = [0x0A]
            var slow: [UInt8] = [0x0A]
            d.appendJSON(to: &fast)
            d.appendJSONReference(to: &slow)
            #expect(fast == slow, "\(d.id)")
            d.appendJSON(to: &shared)
            shared.append(0x0A)
            slowAll += slow.dropFirst()
            slowAll.append(0x0A)
        }
        #expect(Array(shared.bytes) == slowAll)
    }

    // MARK: - Leads

    /// `JapaneseText.parseLead` as first written, on an array of scalars.
    static func referenceParseLead(_ text: String) -> (title: String, reading: String?)? {
        var u: [Unicode.Scalar] = []
        u.reserveCapacity(64)
        for c in text.unicodeScalars {
            u.append(c)
            if u.count == 300 { break }
        }
        func str(_ r: Range<Int>) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: u[r])
            return String(v)
        }
        func hasPrefix(_ at: Int, _ word: String) -> Bool {
            var i = at
            for w in word.unicodeScalars {
                guard i < u.count, u[i] == w else { return false }
                i += 1
            }
            return true
        }
        var start = 0
        var quoted = false
        // Added with list marks before a preview's lead (`・鼻葉(びよう)とは`).
        if let f = u.first, "・•●○■□◆◇▪▶►★☆".unicodeScalars.contains(f), u.count > 1 { start = 1 }
        if start < u.count, u[start] == "『" || u[start] == "「" {
            quoted = true
            start += 1
        }
        guard let open = u[start...].firstIndex(where: { $0 == "(" || $0 == "（" || $0 == "。" || $0 == "、" }) else { return nil }
        var titleEnd = open
        if (u[open] == "(" || u[open] == "（") && titleEnd > start && u[titleEnd - 1] == " " { titleEnd -= 1 }
        if quoted {
            guard titleEnd > start, u[titleEnd - 1] == "』" || u[titleEnd - 1] == "」" else { return nil }
            titleEnd -= 1
        }
        let titleLength = titleEnd - start
        guard titleLength >= 1, titleLength <= 60, u[start] != " " else { return nil }
        if u[open] == "、" {
            guard open - start >= 2, u[open - 1] == "は" else { return nil }
            var t = open - 1
            if u[t - 1] == "と" { t -= 1 }
            guard t > start, t - start <= 30 else { return nil }
            let particles: Set<Unicode.Scalar> = ["の", "が", "を", "に", "で", "も", "へ", "や", "「", "」", "(", ")", ",", " "]
            guard !u[start..<t].contains(where: { particles.contains($0) }) else { return nil }
            return (str(start..<t), nil)
        }
        guard u[open] == "(" || u[open] == "（" else { return nil }
        if !quoted, u[start..<titleEnd].contains(where: { $0 == "「" || $0 == "」" || $0 == "『" || $0 == "』" }) { return nil }
        var depth = 0
        var close: Int?
        for i in open..<u.count {
            if u[i] == "(" || u[i] == "（" { depth += 1 } else if u[i] == ")" || u[i] == "）" {
                depth -= 1
                if depth == 0 { close = i; break }
            }
        }
        guard let close else { return nil }
        var after = close + 1
        if after + 1 < u.count && u[after] == " " { after += 1 }
        let leadEnds = ["は", "とは", "、", ":", "：", "という", "とも", "...", "…", "又は", "または"]
        let listLead = after < u.count && hasPrefix(after, "では、")
        guard after == u.count || listLead || leadEnds.contains(where: { hasPrefix(after, $0) }) else {
            // `呼吸 (生物学)(こきゅう)とは、`: a qualifier, then the lead's parenthesis with a reading.
            let q = u[(open + 1)..<close]
            let bad: Set<Unicode.Scalar> = [" ", "\u{3000}", "、", "。", "(", ")", "（", "）"]
            guard !quoted, u[after] == "(" || u[after] == "（", (1...20).contains(q.count),
                !q.contains(where: { bad.contains($0) || ("0"..."9").contains($0) || ("０"..."９").contains($0) }),
                let lead = referenceParseLead("X" + String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(after)))), lead.reading != nil
            else { return nil }
            return (str(start..<(close + 1)), lead.reading)
        }
        var partEnd = open + 1
        while partEnd < close, !["、", ",", ";", "；", "，"].contains(u[partEnd]) { partEnd += 1 }
        let part = u[(open + 1)..<partEnd].filter { $0 != " " && $0 != "\u{3000}" }
        var reading: String?
        func isKana(_ c: Unicode.Scalar) -> Bool { UTF8Scan.isHiragana(c.value) || UTF8Scan.isKatakana(c.value) }
        // A dash right after a kana (or a long-vowel mark), no space between, reads as the long-vowel mark.
        let raw = u[(open + 1)..<partEnd]
        func isLongMark(_ i: Int) -> Bool {
            var j = i
            while j > open + 1, ["—", "―", "─", "━"].contains(u[j]) { j -= 1 }
            return j < i && ["—", "―", "─", "━"].contains(u[i]) && (isKana(u[j]) || u[j] == "ー")
        }
        if !part.isEmpty,
            raw.indices.allSatisfy({ i in
                let c = u[i]
                return c == " " || c == "\u{3000}" || isKana(c) || c == "・" || c == "ー" || c == "=" || c == "゠" || isLongMark(i)
            })
        {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: part)
            reading = String(v)
        }
        if (after == u.count || listLead) && reading == nil { return nil }
        return (str(start..<titleEnd), reading)
    }

    static func sameLead(_ a: (title: String, reading: String?)?, _ b: (title: String, reading: String?)?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.title.utf8.elementsEqual(y.title.utf8) && x.reading?.utf8.map { $0 } == y.reading?.utf8.map { $0 }
        default: return false
        }
    }

    @Test func leadParserMatchesTheScalarOne() {
        var inputs = [
            "キューバ危機(キューバきき、英: Cuban Missile Crisis)は、1962年の出来事。", "鼻葉(びよう)とは、小型のコウモリ", "『魏略』(ぎりゃく)は、中国",
            "高月北は、大阪府", "東京とは、日本の", "「題」(だい)", "題(だい)", "題(題)", "題(だ い　う)は", "題( )は", "題(だい;x)は", "(よみ)は",
            "『』(よみ)は", "『題(よみ)は", "題」(よみ)は", " 題(よみ)は", "題「」(よみ)は", "題((入れ子)よみ)は", "題(よみ", "題(よみ))は",
            "題(よみ)…", "題(よみ)...", "題(よみ)..", "題(よみ)または", "題(よみ)また", "題は、", "はは、", "とは、", "aとは、", "東京の町は、",
            String(repeating: "長", count: 60) + "(ちょう)は", String(repeating: "長", count: 61) + "(ちょう)は",
            "『" + String(repeating: "長", count: 60) + "』(ちょう)は", "『" + String(repeating: "長", count: 61) + "』(ちょう)は",
            String(repeating: "長", count: 30) + "は、", String(repeating: "長", count: 31) + "は、", String(repeating: "長", count: 30) + "とは、",
            "題 (よみ) は、", "題 (Title) は、", "『題』 (だい) は", "題  (よみ)は", "題 (よみ)  は", "題 (よみ) ", "題 (よみ)", " (よみ)は", "題 、は",
            "題(よみ)では、", "題(Title)では、", "題(よみ)では", "題(よみ)で", "題 (よみ) では、x",
            "呼吸 (生物学)(こきゅう)とは、", "題 (惑星) (わくせい)は、", "題（小説）（だい）は", "題 (2009年)(だい)は、", "題 (a b)(だい)は、",
            "題 (英: T)(だい)は、", "題 (q)(T)は、", "題 (q)(だい)", "題 (q)(だい)x", "『題』 (q)(だい)は、", "題 ((q))(だい)は、",
            "題 (" + String(repeating: "q", count: 20) + ")(だい)は", "題 (" + String(repeating: "q", count: 21) + ")(だい)は",
            "ゴ―ミン(ご―みん)は、", "題(ま—きゅり—)は", "題(―だい)は", "題(だ ―い)は", "題(だ――い)は", "題(だー―い)は", "題(だ─い)は", "題(だ━い)は",
            "題(ーー)は", "題(a―い)は", "題(・―い)は",
        ]
        // Around the 300-scalar window: the close parenthesis and the lead end at its edge.
        for pad in 280...300 {
            let inner = String(repeating: "か", count: pad - 4)
            inputs.append("題(" + inner + ")は、")
            inputs.append("題(" + inner + ")では、")
            inputs.append("題(" + inner + ")とは")
            inputs.append("題(" + inner + ")")
            inputs.append("題(" + inner + ")x")
            inputs.append("題(" + inner + "漢)")
        }
        var rng = SplitMix64(seed: 3)
        let leadAlphabet: [Unicode.Scalar] = Array("()（）。、はとはいうもまたは…:：「」『』,;；，・ー=゠ 　がかアカ漢字.で1".unicodeScalars) + [
            "\u{3099}", "\u{0}", "\u{1F600}", "\u{E9}",
        ]
        for _ in 0..<20000 {
            inputs.append(Self.randomString(&rng, maxLength: 24, from: leadAlphabet))
            inputs.append("題" + Self.randomString(&rng, maxLength: 12, from: leadAlphabet))
            inputs.append("題(よみ" + Self.randomString(&rng, maxLength: 6, from: leadAlphabet))
        }
        // Readings of the kana the parser tells by their first two bytes (E3 81 81 to E3 83 BF)
        // and of the scalars around them (U+3040, U+3100, the marks and dashes, spaces, a kanji),
        // in every order. (Letters and digits the title spells, which the reference does not
        // take, are DetectArticleBoundariesTests' `D51形蒸気機関車(D51がたじょうききかんしゃ)`.)
        let kanaAlphabet: [Unicode.Scalar] = Array("\u{3040}\u{3041}\u{307F}\u{3080}\u{3099}\u{309F}\u{30A0}\u{30BF}\u{30C0}\u{30FB}\u{30FC}\u{30FF}\u{3100}\u{3000}― 漢、=".unicodeScalars)
        for _ in 0..<20000 {
            inputs.append("題(" + Self.randomString(&rng, maxLength: 8, from: kanaAlphabet) + ")は、")
            inputs.append("題(" + Self.randomString(&rng, maxLength: 8, from: kanaAlphabet) + ")")
        }
        for s in inputs {
            #expect(Self.sameLead(JapaneseText.parseLead(s), Self.referenceParseLead(s)), "\(s.debugDescription)")
        }
    }

    /// The lead marks' scans (``JapaneseText/firstLeadMark(_:from:to:quotes:)``, C: 32 starts at a
    /// time with AVX2, 16 with SSE2, then the last bytes; each level checked, with and without
    /// the quotes; ``JapaneseText/hasCornerBracket(_:from:to:)``: sixteen starts at a time, the
    /// first mark's lane read from the mask) find what a byte-by-byte scan finds, for every start
    /// and end (texts of up to 100 bytes: past the 34 an AVX2 turn reads, and shorter); and
    /// ``JapaneseText/mayOpenWithReadingLead(_:)`` turns down no line that
    /// ``JapaneseText/parseReadingLead(_:)`` reads as a lead.
    @Test func leadMarkScansMatchAByteScan() {
        var rng = SplitMix64(seed: 41)
        let alphabet: [UInt8] = [0x28, 0x29, 0xE3, 0x80, 0x81, 0x82, 0x8C, 0x8E, 0x8F, 0x90, 0xEF, 0xBC, 0x88, 0x41]
        var failures: [String] = []
        for k in 0..<1500 {
            let n = Int(rng.next() % UInt64(k % 3 == 0 ? 100 : 40))
            let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            bytes.withUnsafeBufferPointer { p in
                for from in 0...n {
                    for end in from...n where (end - from) % 7 == 0 || end == n || end + 1 == n {
                        var mark = -1
                        var quoteMark = -1
                        var corner = false
                        var i = from
                        while i < end {
                            let b = p[i]
                            let three = i + 2 < n && b == 0xE3 && p[i + 1] == 0x80
                            let isMark = b == 0x28 || (three && (p[i + 2] == 0x81 || p[i + 2] == 0x82))
                                || (i + 2 < n && b == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0x88)
                            if mark < 0 && isMark { mark = i }
                            if quoteMark < 0 && (isMark || (three && (p[i + 2] == 0x8C || p[i + 2] == 0x8E))) { quoteMark = i }
                            if three && p[i + 2] >= 0x8C && p[i + 2] <= 0x8F { corner = true }
                            i += 1
                        }
                        if JapaneseText.firstLeadMark(p, from: from, to: end) != mark { failures.append("mark \(bytes) \(from)..<\(end)") }
                        if JapaneseText.firstLeadMark(p, from: from, to: end, quotes: true) != quoteMark {
                            failures.append("quote mark \(bytes) \(from)..<\(end)")
                        }
                        for level: Int32 in 0...2 {
                            if JapaneseText.firstLeadMark(p, from: from, to: end, level: level) != mark {
                                failures.append("mark at level \(level) \(bytes) \(from)..<\(end)")
                            }
                            if JapaneseText.firstLeadMark(p, from: from, to: end, quotes: true, level: level) != quoteMark {
                                failures.append("quote mark at level \(level) \(bytes) \(from)..<\(end)")
                            }
                        }
                        if JapaneseText.hasCornerBracket(p, from: from, to: end) != corner { failures.append("corner \(bytes) \(from)..<\(end)") }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        let leadAlphabet: [Unicode.Scalar] = Array("題名(よみ)は、。「」『』・ （）ABC".unicodeScalars)
        var inputs = ["題(だい)は、", "・題(だい)は、", "『題』(だい)は、", "題は、", "題、(だい)", String(repeating: "漢", count: 70) + "(かん)は、"]
        for _ in 0..<20000 { inputs.append(Self.randomString(&rng, maxLength: 20, from: leadAlphabet)) }
        for s in inputs where s.withUTF8Bytes({ JapaneseText.parseLead(utf8: $0, readingOnly: true) })?.reading != nil {
            #expect(s.withUTF8Bytes(JapaneseText.mayOpenWithReadingLead), "\(s.debugDescription)")
        }
    }

    // MARK: - Previews

    @Test func scalarCountMatchesTheStandardLibrary() {
        var rng = SplitMix64(seed: 4)
        var inputs = Self.trickyStrings
        for _ in 0..<2000 { inputs.append(Self.randomString(&rng, maxLength: 40)) }
        for s in inputs { #expect(DetectArticleBoundaries.scalarCount(s) == s.unicodeScalars.count) }
    }

    @Test func truncationMarkCutMatchesTheStringForm() {
        var rng = SplitMix64(seed: 5)
        var inputs = Self.trickyStrings + ["本文...", "本文…", "本文……", "本文 . . . ", "...", "…", "　本文　…　", "本文。", " ", "本文 ", "a..b..."]
        let tails = ["", "...", "…", "……", " ...", "．．．", "... ", "　…", ". . .", "‥", "\u{3000}", "・・・", "･･･", "・・"]
        for _ in 0..<3000 {
            inputs.append(Self.randomString(&rng, maxLength: 12) + tails[Int(rng.next() % UInt64(tails.count))])
        }
        for text in inputs {
            let cut = DetectArticleBoundaries.withoutEllipsis(text)
            let removed = String(text.unicodeScalars.suffix(text.unicodeScalars.count - cut.unicodeScalars.count))
            let kept = cut.trimmingSpaces
            let fast = DetectArticleBoundaries.cutTruncationMark(text)
            #expect(Array(fast.removed.utf8) == Array(removed.utf8), "\(text.debugDescription)")
            #expect(Array((fast.kept ?? text).utf8) == Array(kept.utf8), "\(text.debugDescription)")
            // The form that records the mark from the bytes: the same kept text, the same event
            // and tally as recording the mark's `String`.
            var recorded = StageContext(stage: DetectArticleBoundaries.identifier, recordsEvents: true)
            let keptToo = DetectArticleBoundaries.cutTruncationMark(text, recordingIn: &recorded, line: 7)
            var expected = StageContext(stage: DetectArticleBoundaries.identifier, recordsEvents: true)
            expected.recordRemoval(rule: DetectArticleBoundaries.ellipsisRule, text: fast.removed, line: 7)
            #expect(keptToo == fast.kept, "\(text.debugDescription)")
            #expect(recorded.removed == expected.removed, "\(text.debugDescription)")
            #expect(recorded.events.map(\.text) == expected.events.map(\.text), "\(text.debugDescription)")
            // The form that cuts in the string itself: the same kept text, event and tally, on a
            // string of its own (cut in its storage) and on one another variable shares (copied).
            var inPlace = StageContext(stage: DetectArticleBoundaries.identifier, recordsEvents: true)
            var own = String(decoding: Array(text.utf8), as: UTF8.self)
            DetectArticleBoundaries.cutTruncationMark(in: &own, recordingIn: &inPlace, line: 7)
            #expect(Array(own.utf8) == Array((fast.kept ?? text).utf8), "\(text.debugDescription)")
            #expect(inPlace.removed == expected.removed, "\(text.debugDescription)")
            #expect(inPlace.events.map(\.text) == expected.events.map(\.text), "\(text.debugDescription)")
            let fresh = String(decoding: Array(text.utf8), as: UTF8.self)
            var shared = fresh
            var again = StageContext(stage: DetectArticleBoundaries.identifier, recordsEvents: false)
            DetectArticleBoundaries.cutTruncationMark(in: &shared, recordingIn: &again, line: 7)
            #expect(Array(fresh.utf8) == Array(text.utf8), "\(text.debugDescription)")
            #expect(Array(shared.utf8) == Array((fast.kept ?? text).utf8), "\(text.debugDescription)")
            // Where a preview's mark starts, found once with `endsTruncated`'s answer: the
            // mark `ellipsisStart` finds, and the same cut when passed on.
            let markStart = text.withUTF8Bytes(DetectArticleBoundaries.truncationMarkStart)
            #expect((markStart != nil) == DetectArticleBoundaries.endsTruncated(text), "\(text.debugDescription)")
            if let markStart {
                #expect(markStart == text.utf8.count - fast.removed.utf8.count, "\(text.debugDescription)")
                var passed = StageContext(stage: DetectArticleBoundaries.identifier, recordsEvents: true)
                let keptPassed = DetectArticleBoundaries.cutTruncationMark(text, markStart: markStart, recordingIn: &passed, line: 7)
                #expect(keptPassed == fast.kept, "\(text.debugDescription)")
                var cutPassed = text
                var passedInPlace = StageContext(stage: DetectArticleBoundaries.identifier, recordsEvents: true)
                DetectArticleBoundaries.cutTruncationMark(in: &cutPassed, markStart: markStart, recordingIn: &passedInPlace, line: 7)
                #expect(Array(cutPassed.utf8) == Array((fast.kept ?? text).utf8), "\(text.debugDescription)")
                #expect(passedInPlace.removed == expected.removed, "\(text.debugDescription)")
                #expect(passed.removed == expected.removed, "\(text.debugDescription)")
                #expect(passed.events.map(\.text) == expected.events.map(\.text), "\(text.debugDescription)")
            }
        }
    }

    @Test func trailingResidueMatchesTheCharacterForm() {
        var rng = SplitMix64(seed: 6)
        var inputs = [
            "虐待行為である。人間関係種類ボーイフレンドブロマンス同棲側", "文。ABCDEFGH", "文。ABCDEFG", "文。ABCDEFGHあ", "文。ABCDEFGH、",
            "文。\u{3099}ABCDEFGH", "文\u{600}。ABCDEFGH", "文。ABCDEFGH。\u{301}ABCDEFGHIJ", "。", "", "文。ＡＢＣＤＥＦＧＨ",
            "文。ハリー・ポッター - 小説", "文。ハリー・ポッター -小説", "文。ハリー・ポッター- 小説", "文。ABCDEFGH -", "文。- ABCDEFGH",
        ]
        let residueAlphabet: [Unicode.Scalar] = Array("。漢字アカABC あ、- -".unicodeScalars) + [
            "\u{3099}", "\u{301}", "\u{600}", "\u{200D}", "\u{FF9E}", "\u{1F600}", "\u{FE0F}", "\u{D}", "\u{A}",
        ]
        for _ in 0..<20000 { inputs.append(Self.randomString(&rng, maxLength: 24, from: residueAlphabet)) }
        var decided = 0
        for text in inputs {
            let reference = DetectArticleBoundaries.trailingResidueCharacters(text)
            let full = DetectArticleBoundaries.trailingResidue(text)
            #expect(full?.0 == reference?.0 && full?.1 == reference?.1, "\(text.debugDescription)")
            if case .decided(let r) = DetectArticleBoundaries.trailingResidueBytes(text) {
                decided += 1
                #expect(
                    r.map { Array($0.0.utf8) + [0xFF] + Array($0.1.utf8) } == reference.map { Array($0.0.utf8) + [0xFF] + Array($0.1.utf8) },
                    "\(text.debugDescription)")
            }
        }
        #expect(decided > inputs.count / 2)
    }

    // MARK: - Infobox headers

    /// The earliest label as first searched: one byte search per label, at a character boundary.
    static func referenceEarliestLabel(_ text: String, _ labels: [String]) -> Int? {
        var firstLabelByte: Int?
        text.withUTF8Bytes { p in
            for label in labels {
                var l = label
                l.withUTF8 { needle in
                    guard needle.count > 0, p.count > needle.count else { return }
                    var from = 1
                    while let at = UTF8Scan.find(needle, in: p, from: from) {
                        if p[at] & 0xC0 != 0x80 {
                            if firstLabelByte == nil || at < firstLabelByte! { firstLabelByte = at }
                            return
                        }
                        from = at + 1
                    }
                }
            }
        }
        return firstLabelByte
    }

    @Test func labelIndexFindsTheEarliestLabel() {
        var rng = SplitMix64(seed: 7)
        let labelSets: [[String]] = [
            DetectArticleBoundaries.defaultInfoboxLabels, ["", "a", "ab", "国", "国籍", "😀x", "\u{301}", "所在地"], [],
        ]
        let labelAlphabet: [Unicode.Scalar] = Array("国籍所在地設立生年月日通称種別abx😀漢字アカ。".unicodeScalars) + ["\u{301}"]
        var inputs = ["高杉晋作高杉晋作通称東行生年天保10年8月20日(", "黄巾の乱赤が黄巾の乱が発生した地域(184年)戦争:黄巾の乱年月日:184年場所:中国全土", "国", "国国", "a国籍"]
        for _ in 0..<5000 { inputs.append(Self.randomString(&rng, maxLength: 100, from: labelAlphabet)) }
        for labels in labelSets {
            let index = InfoboxLabelIndex.index(for: labels)
            for text in inputs {
                let reference = Self.referenceEarliestLabel(text, labels)
                let found = text.withUTF8Bytes { index.earliest(in: $0, maximumOffset: 80) }
                // The index stops after 80 scalars (a longer header is refused anyway).
                let expected = reference.flatMap { at in text.utf8Slice(0, at).unicodeScalars.count <= 80 ? at : nil }
                #expect(found?.0 == expected, "\(text.debugDescription)")
                if let (at, scalars) = found { #expect(text.utf8Slice(0, at).unicodeScalars.count == scalars) }
            }
        }
        #expect(InfoboxLabelIndex.index(for: DetectArticleBoundaries.defaultInfoboxLabels) === InfoboxLabelIndex.index(for: DetectArticleBoundaries().infoboxLabels))
    }

    /// ``DetectArticleBoundaries/qualifiedTitleOpening(_:)`` as first written in
    /// ``DetectArticleBoundaries/qualifiedTitleLine(_:)``: its first mark (`(`, `（`, `「`, `『`,
    /// `、`, `。`) looked for scalar by scalar, among the first 61.
    static func referenceQualifiedTitleOpening(_ p: UnsafeBufferPointer<UInt8>) -> (open: Int, quote: Int)? {
        let n = p.count
        var i = 0
        var scalars = 0
        var open = -1
        var quote = -1
        while i < n, scalars <= 60 {
            let d = UTF8Scan.decode(p, i)
            if d.scalar == 0x28 || d.scalar == 0xFF08 { open = i; break }
            if d.scalar == 0x300C || d.scalar == 0x300E { quote = i; break }
            if d.scalar == 0x3001 || d.scalar == 0x3002 { return nil }
            i += d.length
            scalars += 1
        }
        guard open >= 1 || quote >= 1, p[0] != 0x20 else { return nil }
        return (open, quote)
    }

    /// ``DetectArticleBoundaries/qualifiedTitleOpening(_:)`` finds its first mark on the bytes
    /// (``JapaneseText/firstLeadMark(_:from:to:quotes:)``) and counts the scalars before it: the
    /// same answers as the scalar-by-scalar search, on random lines of title lines glued onto
    /// leads, around the limit of 60 scalars before the mark.
    @Test func qualifiedTitleLineMatchesTheScalarSearch() {
        var rng = SplitMix64(seed: 12)
        let pieces: [Unicode.Scalar] = Array("東京 (小説)『』「」（）、。はとよみきょうaA1".unicodeScalars) + ["\u{1F600}", "\u{301}"]
        var inputs = [
            "東京 (小説)東京は、小説である。", "銀河鉄道の夜『銀河鉄道の夜』(ぎんがてつどうのよる)は、童話。", "東京(とうきょう)は、日本の首都。",
            "ハリー・ポッター (曖昧さ回避)ハリー・ポッター(Harry Potter)は、", "(x)", "", " 東京 (小説)東京は、",
        ]
        for n in 55...63 {
            let name = String(repeating: "漢", count: n)
            inputs.append(name + " (小説)" + name + "(かん)は、")
            inputs.append(name + "『" + name + "』(かん)は、")
        }
        for _ in 0..<20000 {
            let name = Self.randomString(&rng, maxLength: 8, from: pieces)
            let qualifier = Self.randomString(&rng, maxLength: 4, from: pieces)
            let lead = Self.randomString(&rng, maxLength: 10, from: pieces)
            switch rng.next() % 3 {
            case 0: inputs.append(name + " (" + qualifier + ")" + name + lead)
            case 1: inputs.append(name + "『" + name + "』" + lead)
            default: inputs.append(Self.randomString(&rng, maxLength: 30, from: pieces))
            }
        }
        for text in inputs {
            let found = text.withUTF8Bytes(DetectArticleBoundaries.qualifiedTitleOpening)
            let expected = text.withUTF8Bytes(Self.referenceQualifiedTitleOpening)
            #expect(found?.open == expected?.open && found?.quote == expected?.quote, "\(text.debugDescription)")
        }
        #expect(DetectArticleBoundaries.qualifiedTitleLine("東京 (小説)東京は、小説である。")?.head == "東京 (小説)")
        #expect(DetectArticleBoundaries.qualifiedTitleLine("銀河鉄道の夜『銀河鉄道の夜』(ぎんがてつどうのよる)は、童話。")?.title == "銀河鉄道の夜")
    }

    /// ``DetectArticleBoundaries/readingIsDoubled(_:)`` on the bytes answers as the `Character`
    /// form of ``DetectArticleBoundaries/gluedTitleLine(_:reading:)`` (spaces filtered out, an
    /// even count, the second half repeating the first) wherever it decides, on random readings
    /// of doubled halves and of plain and other scalars (marks, a decomposed kana, a
    /// compatibility ideograph, a regional indicator, CR LF): undecided whenever one is there.
    @Test func readingIsDoubledMatchesTheCharacterForm() {
        var rng = SplitMix64(seed: 13)
        let plain: [Unicode.Scalar] = Array("とむきょうがヷーカ・漢字aZ!~ 　".unicodeScalars)
        let other: [Unicode.Scalar] = ["\u{3099}", "\u{301}", "\u{F900}", "\u{1F1EF}", "\r", "\n", "\u{3000}", "\u{600}", "\u{FF71}"]
        var inputs = ["", " ", "とむとむ", "とむ とむ", "とむと", "か\u{3099}か\u{3099}", "がか\u{3099}", "\r\n\r\n"]
        var decided = 0
        for _ in 0..<20000 {
            let half = Self.randomString(&rng, maxLength: 5, from: plain)
            let alphabet = rng.next() % 3 == 0 ? plain + other : plain
            inputs.append(half + Self.randomString(&rng, maxLength: 2, from: alphabet) + half)
            inputs.append(half + half)
            inputs.append(Self.randomString(&rng, maxLength: 10, from: alphabet))
        }
        for reading in inputs {
            let r = reading.filter { $0 != " " && $0 != "　" }
            let expected = r.count % 2 == 0 && r.hasSuffix(String(r.prefix(r.count / 2)))
            if let found = DetectArticleBoundaries.readingIsDoubled(reading) {
                decided += 1
                #expect(found == expected, "\(reading.debugDescription)")
            } else {
                #expect(reading.unicodeScalars.contains { other.contains($0) && $0 != "\u{3000}" }, "\(reading.debugDescription)")
            }
        }
        #expect(decided > inputs.count / 2)
    }

    @Test func headerBeforeCaptionMatchesTheStringForm() {
        var rng = SplitMix64(seed: 8)
        var inputs = [
            "黄巾の乱赤が黄巾の乱が発生した地域(184年)", "ABAB)", "AB(AB)", "乱乱)", "乱x乱)", "東京都東京都庁（2020年）", "ab)", ")",
            // A mark after the parenthesis (its character is then no `)`), a prepended one before it.
            "乱乱)\u{301}", "乱\u{3099}乱）\u{3099}", "乱乱\u{600})", "\u{600})",
        ]
        let plain: [Unicode.Scalar] = Array("乱東京都赤がかアカ()（）年12ab".unicodeScalars)
        let mixed: [Unicode.Scalar] = plain + ["\u{3099}", "\u{301}", "\u{E9}", "\u{2329}", "\u{3008}", "\u{F900}", "\u{8C48}", "\u{600}"]
        for _ in 0..<4000 {
            // Repeated prefixes make matches likely.
            let p = Self.randomString(&rng, maxLength: 6, from: plain)
            let q = Self.randomString(&rng, maxLength: 30, from: rng.next() % 2 == 0 ? plain : mixed)
            inputs.append(p + q + p + ")")
            inputs.append(p + q + "）")
            inputs.append(Self.randomString(&rng, maxLength: 30, from: mixed))
        }
        var decided = 0
        for head in inputs {
            let scalars = head.unicodeScalars.count
            let reference = DetectArticleBoundaries.headerBeforeCaptionCharacters(head)
            let fast = head.withUTF8Bytes { DetectArticleBoundaries.headerBeforeCaption($0, scalars: scalars) }
            if case .decided(let r) = fast {
                decided += 1
                #expect(r?.title == reference?.0 && r?.caption == reference?.1, "\(head.debugDescription)")
                if let r, let reference {
                    #expect(Array(r.title.utf8) == Array(reference.0.utf8) && Array(r.caption.utf8) == Array(reference.1.utf8))
                }
            }
        }
        #expect(decided > inputs.count / 3)
    }
}
