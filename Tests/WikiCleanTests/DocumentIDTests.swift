import Testing
@testable import WikiClean

/// ``DocumentID``: ids kept as their parts give the text, the JSON and the equality the ids
/// made as strings gave.
@Suite struct DocumentIDTests {
    /// The id text as `DetectArticleBoundaries.id(for:line:)` formatted it before ids were kept
    /// as parts (`input:record:line`, `input:line`, `input:record`, `input:0`).
    static func referenceText(input: String, record: Int?, line: Int?) -> String {
        var s = input
        if let record { s += ":\(record)" }
        if let line { s += ":\(line)" } else if record == nil { s += ":0" }
        return s
    }

    /// A random input name: ASCII, characters JSON escapes (`"`, `\`, controls), Japanese,
    /// a character outside the BMP, colons, dots and digits (that look like parts).
    static func randomName(_ g: inout SplitMix64) -> String {
        let pieces = ["a", "dump.txt", "/tmp/x", "\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "日本", "é", "😀", ":", ".", "1", "-", " ", "\u{7F}"]
        var s = ""
        for _ in 0..<Int(g.next() % 6) { s += pieces[Int(g.next() % UInt64(pieces.count))] }
        return s
    }

    static func randomNumber(_ g: inout SplitMix64) -> Int? {
        switch g.next() % 6 {
        case 0: return nil
        case 1: return 0
        case 2: return -Int(g.next() % 1000)
        case 3: return [Int.max, Int.min, 9, 10, 99, 100][Int(g.next() % 6)]
        default: return Int(g.next() % 100_000)
        }
    }

    static func json(_ id: DocumentID) -> [UInt8] {
        var out = ByteBuffer(capacity: 16)
        id.appendJSON(to: &out)
        return Array(out.bytes)
    }

    static func json(_ s: String) -> [UInt8] {
        var out = ByteBuffer(capacity: 16)
        JSONWriter.appendString(s, to: &out)
        return Array(out.bytes)
    }

    @Test func partsGiveTheOldTextAndItsJSON() {
        var g = SplitMix64(seed: 0x1D_0011)
        for _ in 0..<5000 {
            let input = Self.randomName(&g)
            let record = Self.randomNumber(&g)
            let line = Self.randomNumber(&g)
            let id = DocumentID(input: input, record: record, line: line)
            let expected = Self.referenceText(input: input, record: record, line: line)
            #expect(id.text == expected)
            #expect(Self.json(id) == Self.json(expected), "\(expected.debugDescription)")
            let asText = DocumentID(text: expected)
            #expect(asText.text == expected)
            #expect(Self.json(asText) == Self.json(expected))
            #expect(id == asText && asText == id)
            #expect(id.hashValue == asText.hashValue && id.hashValue == expected.hashValue)
        }
    }

    /// Ids written one after another into one buffer (as a batch's documents are, the writer
    /// copying the last input name when it needed no escape) give the bytes of each written
    /// alone: the same name again, another of the same length, names with escapes, empty ones.
    @Test func idsInOneBufferGiveTheirOwnJSON() {
        var g = SplitMix64(seed: 0x1D_0013)
        let names = ["dump.txt", "dump.txt", "dumq.txt", "a\"b.txt", "a\"b.txt", "", "日本.txt", "/tmp/cc4d/corpus.txt", "/tmp/cc4d/corpus.txu"]
        var out = ByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        for _ in 0..<3000 {
            // A fresh string now and then (another storage with the same bytes), and random names.
            let name = g.next() % 5 == 0 ? Self.randomName(&g) : String(decoding: Array(names[Int(g.next() % UInt64(names.count))].utf8), as: UTF8.self)
            let id = DocumentID(input: name, record: Self.randomNumber(&g), line: Self.randomNumber(&g))
            let range = id.appendJSON(to: &out)
            let alone = Self.json(id)
            expected += alone
            #expect(Array(out.bytes) == expected, "\(name.debugDescription)")
            // The range answered holds the escaped name, as `source.input` copies it.
            if let range {
                #expect(Array(out.bytes[range]) == Array(Self.json(name).dropFirst().dropLast()), "\(name.debugDescription)")
            }
        }
    }

    /// Equal exactly when the texts are, whether the ids are parts or text: `a:1` with line 2
    /// is `a` with record 1 and line 2.
    @Test func equalityIsThatOfTheText() {
        var g = SplitMix64(seed: 0x1D_0012)
        let names = ["a", "a:1", "a:1:2", "b", ""]
        func random() -> DocumentID {
            if g.next() % 4 == 0 { return DocumentID(text: ["a:1:2", "a:0", "a:1", "a:1.2", ""][Int(g.next() % 5)]) }
            return DocumentID(
                input: names[Int(g.next() % UInt64(names.count))], record: g.next() % 2 == 0 ? nil : Int(g.next() % 3),
                line: g.next() % 2 == 0 ? nil : Int(g.next() % 3))
        }
        var equalPairs = 0
        for _ in 0..<5000 {
            let a = random()
            let b = random()
            #expect((a == b) == (a.text == b.text), "\(a.text) \(b.text)")
            if a == b {
                equalPairs += 1
                #expect(a.hashValue == b.hashValue)
            }
        }
        #expect(equalPairs > 100)
    }

    /// ``DetectArticleBoundaries/makeIDsUnique(_:)`` gives the ids the string renaming gave,
    /// on ids made of parts and on ids mixed with texts.
    @Test func deduplicationMatchesTheStringRenaming() {
        var g = SplitMix64(seed: 0x1D_0014)
        for round in 0..<1500 {
            let input = Self.randomName(&g)
            let record = g.next() % 2 == 0 ? nil : Int(g.next() % 3)
            var docs: [Document] = []
            for _ in 0..<Int(g.next() % 8) {
                var doc = Document(id: "", source: SourceLocation(input: input))
                let line = g.next() % 4 == 0 ? nil : Int(g.next() % 4)
                doc.storedID = DocumentID(input: input, record: record, line: line)
                if round % 5 == 0 && g.next() % 4 == 0 { doc.id = ["\(input):1", "\(input):1.2", "x"][Int(g.next() % 3)] }
                docs.append(doc)
            }
            // The renaming as it was, on the texts.
            var expected: [String] = []
            var used = Set<String>()
            for doc in docs {
                var id = doc.id
                var n = 2
                while !used.insert(id).inserted {
                    id = "\(doc.id).\(n)"
                    n += 1
                }
                expected.append(id)
            }
            var renamed = docs
            DetectArticleBoundaries.makeIDsUnique(&renamed)
            #expect(renamed.map(\.id) == expected)
            #expect(Set(renamed.map(\.id)).count == renamed.count)
        }
    }

    /// A document's id: set as text it stays that text; made by the pipeline it reads as the
    /// text its JSON has; documents with the same id text are equal however it is kept.
    @Test func documentIDReadsAndCompares() throws {
        var doc = Document(id: "p:1", blocks: [.paragraph("本文", line: 1)], source: SourceLocation(input: "p\"q", lineStart: 1, lineEnd: 1))
        #expect(doc.id == "p:1")
        var parts = doc
        parts.storedID = DetectArticleBoundaries.id(for: doc, line: 7)
        #expect(parts.id == "p\"q:7")
        #expect(parts.jsonLine.hasPrefix(#"{"id":"p\"q:7","#))
        doc.id = "p\"q:7"
        #expect(doc == parts)
        #expect(doc.hashValue == parts.hashValue)
        parts.id = "other"
        #expect(parts.id == "other" && parts != doc)

        // The reader's page ids, named as given (to be escaped in JSON).
        let path = TestSupport.write(Array("一行目\n二行目\n".utf8), name: "ids.txt")
        var reader = try PlainTextReader(
            path: path, name: "in\\put\"", options: ReaderOptions(), detector: PageStartDetector(rules: try TestSupport.chromeRules()))
        guard case .page(let page)? = try reader.next() else {
            Issue.record("no page")
            return
        }
        #expect(page.id == "in\\put\":1")
        #expect(page.jsonLine.hasPrefix(#"{"id":"in\\put\":1","#))
    }
}
