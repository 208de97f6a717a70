import Foundation
import Testing
@testable import WikiClean

/// One document line as `wikiclean run` writes it.
private func doc(
    _ id: String?, title: String = "題", paragraphs: [String] = ["本文。"], heading: String? = nil,
    captions: [String] = [], meta: String = "{}"
) -> String {
    let idMember = id.map { "\"id\":\"\($0)\"," } ?? ""
    let quoted = paragraphs.map { "\"\($0)\"" }.joined(separator: ",")
    let captionList = captions.map { "\"\($0)\"" }.joined(separator: ",")
    let headingJSON = heading.map { "\"\($0)\"" } ?? "null"
    return """
        {\(idMember)"title":"\(title)","reading":null,"kind":"article","truncated":false,"text":"\
        \(paragraphs.joined(separator: "\\n"))","sections":[{"heading":\(headingJSON),"paragraphs":[\(quoted)]}],\
        "captions":[\(captionList)],"source":{"input":"dump.txt","line_start":1,"line_end":9,"record":null},\
        "meta":\(meta)}
        """
}

/// Lines joined into a JSON Lines file in memory.
private func file(_ lines: String...) -> [UInt8] {
    Array(lines.map { $0 + "\n" }.joined().utf8)
}

@Suite struct DiffTests {
    @Test func identicalFilesAreIdentical() throws {
        let a = file(doc("a"), doc("b"), doc("c"))
        let d = try JSONLinesDiff(old: a, new: a)
        #expect(d.isIdentical)
        #expect(d.summary == summary(unchanged: 3))
        #expect(d.renderText() == "0 changed, 0 added, 0 removed, 0 reordered, 3 unchanged\n")
    }

    @Test func keyOrderInsideObjectsDoesNotMatter() throws {
        let old = file(doc("a", meta: #"{"x":1,"y":{"p":true,"q":null}}"#))
        let new = file(doc("a", meta: #"{"y":{"q":null,"p":true},"x":1}"#))
        #expect(try JSONLinesDiff(old: old, new: new).isIdentical)
    }

    @Test func reorderedDocumentsAreIdenticalButCounted() throws {
        let old = file(doc("a"), doc("b"), doc("c"), doc("d"))
        let new = file(doc("b"), doc("c"), doc("d"), doc("a"))
        let d = try JSONLinesDiff(old: old, new: new)
        #expect(d.isIdentical)
        #expect(d.reordered == ["a"])
        #expect(d.summary == summary(reordered: 1, unchanged: 4))
        #expect(d.renderText().hasSuffix("0 changed, 0 added, 0 removed, 1 reordered, 4 unchanged\n"))
    }

    @Test func addedDocumentIsReportedInNewOrder() throws {
        let old = file(doc("a"), doc("c"))
        let new = file(doc("x", title: "新規"), doc("a"), doc("b"), doc("c"))
        let d = try JSONLinesDiff(old: old, new: new)
        #expect(!d.isIdentical)
        #expect(d.added == ["x", "b"])
        #expect(d.summary == summary(added: 2, unchanged: 2))
        #expect(d.renderText().hasPrefix("added x (新規)\nadded b (題)\n"))
    }

    @Test func removedDocumentIsReportedInOldOrder() throws {
        let old = file(doc("a"), doc("r2"), doc("b"), doc("r1"))
        let new = file(doc("b"), doc("a"))
        let d = try JSONLinesDiff(old: old, new: new)
        #expect(d.removed == ["r2", "r1"])
        #expect(d.summary == summary(removed: 2, reordered: 1, unchanged: 2))
        #expect(d.renderText().contains("removed r2 (題)\nremoved r1 (題)\n"))
    }

    @Test func changedTitleNamesTheFieldAndBothValues() throws {
        let old = file(doc("a", title: "キューバ危機"))
        let new = file(doc("a", title: "キューバ危機 (1962)"))
        let d = try JSONLinesDiff(old: old, new: new)
        #expect(d.changed.map(\.id) == ["a"])
        #expect(d.changed.first?.fields == ["title"])
        #expect(d.changed.first?.diff == [])
        #expect(
            d.renderText() == """
                changed a (キューバ危機 (1962)): title
                  title: "キューバ危機" -> "キューバ危機 (1962)"
                1 changed, 0 added, 0 removed, 0 reordered, 0 unchanged

                """)
    }

    @Test func changedParagraphShowsUnifiedDiff() throws {
        let before = ["一。", "二。", "三。", "四。", "五。", "六。", "七。"]
        var after = before
        after[3] = "四、改。"
        let old = file(doc("a", paragraphs: before, heading: "歴史", captions: ["図"]))
        let new = file(doc("a", paragraphs: after, heading: "歴史", captions: ["図"]))
        let d = try JSONLinesDiff(old: old, new: new)
        let change = try #require(d.changed.first)
        #expect(change.fields == ["text", "sections"])
        #expect(change.diff == ["@@ -3,5 +3,5 @@", " 二。", " 三。", "-四。", "+四、改。", " 五。", " 六。"])
        #expect(d.renderText().contains("\n-四。\n+四、改。\n"))
        #expect(!d.renderText().contains("  text:"))
    }

    @Test func paragraphLinesFlattenHeadingsAndCaptions() throws {
        let value = try JSONParser.parse(doc("a", paragraphs: ["p1", "p2"], heading: "見出し", captions: ["c"]))
        let lines = JSONLinesDiff.paragraphLines(of: try #require(value.objectValue))
        #expect(lines == ["## 見出し", "p1", "p2", "[caption] c"])
    }

    @Test func ignoreMetaHidesAMetaOnlyChange() throws {
        let old = file(doc("a", meta: #"{"score":1}"#))
        let new = file(doc("a", meta: #"{"score":2}"#))
        let seen = try JSONLinesDiff(old: old, new: new)
        #expect(seen.changed.first?.fields == ["meta"])
        #expect(seen.renderText().contains("  meta: {\"score\":1} -> {\"score\":2}\n"))
        let hidden = try JSONLinesDiff(old: old, new: new, ignoring: ["meta"])
        #expect(hidden.isIdentical)
        #expect(hidden.summary == summary(unchanged: 1))
    }

    @Test func linesWithoutIDArePairedByLineNumber() throws {
        let old = file(doc(nil, title: "一"), doc(nil, title: "二"))
        let new = file(doc(nil, title: "一"), doc(nil, title: "弐"))
        let d = try JSONLinesDiff(old: old, new: new)
        #expect(d.changed.map(\.id) == ["#2"])
    }

    @Test func malformedLineErrorNamesFileAndLine() throws {
        let bad = file(doc("a"), "", #"{"id":"b","title":}"#)
        let error = try #require(throws: JSONLinesDiff.Error.self) {
            try JSONLinesDiff(old: file(doc("a")), new: bad, newName: "new.jsonl")
        }
        #expect(error.kind == .malformedLine)
        #expect(error.file == "new.jsonl")
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("new.jsonl:3: not valid JSON"))
    }

    @Test func lineThatIsNotAnObjectIsAnError() throws {
        let error = try #require(throws: JSONLinesDiff.Error.self) {
            try JSONLinesDiff(old: file(doc("a"), "[1,2]"), new: file(doc("a")), oldName: "old.jsonl")
        }
        #expect(error.description == "old.jsonl:2: the line is an array, not a JSON object")
    }

    @Test func duplicateIDErrorNamesBothLines() throws {
        let error = try #require(throws: JSONLinesDiff.Error.self) {
            try JSONLinesDiff(old: file(doc("a")), new: file(doc("a"), doc("b"), doc("a")), newName: "new.jsonl")
        }
        #expect(error.kind == .duplicateID)
        #expect(error.description == #"new.jsonl:3: duplicate id "a" (first on line 1)"#)
    }

    @Test func jsonReportIsDeterministicAndComplete() throws {
        let old = file(doc("a", title: "旧"), doc("gone"), doc("b"))
        let new = file(doc("b"), doc("a", title: "新"), doc("new"))
        let d = try JSONLinesDiff(old: old, new: new)
        let expected = """
            {"summary":{"changed":1,"added":1,"removed":1,"reordered":1,"unchanged":1},"added":["new"],\
            "removed":["gone"],"reordered":["b"],"changed":[{"id":"a","fields":["title"],"diff":[]}]}
            """
        #expect(d.renderJSON() == expected)
        #expect(try JSONLinesDiff(old: old, new: new).renderJSON() == expected)
    }

    @Test func filesOnDiskAreReadAndMissingFileIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikiclean-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let oldURL = folder.appendingPathComponent("old.jsonl")
        let newURL = folder.appendingPathComponent("new.jsonl")
        try Data(file(doc("a"), doc("b"))).write(to: oldURL)
        try Data(file(doc("a"), doc("c"))).write(to: newURL)
        let d = try JSONLinesDiff(oldPath: oldURL.path, newPath: newURL.path)
        #expect(d.added == ["c"])
        #expect(d.removed == ["b"])
        let error = try #require(throws: JSONLinesDiff.Error.self) {
            try JSONLinesDiff(oldPath: folder.appendingPathComponent("missing.jsonl").path, newPath: newURL.path)
        }
        #expect(error.kind == .unreadable)
    }

    // MARK: - Line diff

    @Test func unifiedDiffSplitsDistantChangesIntoHunks() {
        let old = (1...20).map { "l\($0)" }
        var new = old
        new[1] = "X"
        new.remove(at: 15)
        #expect(
            UnifiedDiff.hunks(old: old, new: new, context: 2) == [
                "@@ -1,4 +1,4 @@", " l1", "-l2", "+X", " l3", " l4",
                "@@ -14,5 +14,4 @@", " l14", " l15", "-l16", " l17", " l18",
            ])
        #expect(UnifiedDiff.hunks(old: old, new: old).isEmpty)
        #expect(UnifiedDiff.hunks(old: [], new: ["a"]) == ["@@ -0,0 +1 @@", "+a"])
    }

    @Test func editScriptIsAShortestOneOnRandomInputs() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let a = (0..<Int(rng.next() % 12)).map { _ in String(rng.next() % 4) }
            let b = (0..<Int(rng.next() % 12)).map { _ in String(rng.next() % 4) }
            let script = UnifiedDiff.edits(old: a, new: b)
            var rebuilt: [String] = []
            var kept = 0
            var oldSeen: [Int] = []
            for edit in script {
                switch edit {
                case .keep(let i, let j):
                    #expect(a[i] == b[j])
                    rebuilt.append(a[i])
                    oldSeen.append(i)
                    kept += 1
                case .delete(let i): oldSeen.append(i)
                case .insert(let j): rebuilt.append(b[j])
                }
            }
            #expect(rebuilt == b)
            #expect(oldSeen == Array(a.indices))
            #expect(kept == longestCommonSubsequence(a, b), "old \(a) new \(b)")
        }
    }

    // MARK: - The binary

    @Test(.enabled(if: DiffBinary.url != nil, "the wikiclean binary is not built next to the tests"))
    func binaryExitCodesFollowDiff() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikiclean-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        let a = try write("a.jsonl", file(doc("a"), doc("b")))
        let b = try write("b.jsonl", file(doc("b"), doc("a", meta: #"{"k":1}"#)))
        let bad = try write("bad.jsonl", file(doc("a"), "not json"))
        #expect(try DiffBinary.run(["diff", a, a]).status == 0)
        #expect(try DiffBinary.run(["diff", a, b]).status == 1)
        #expect(try DiffBinary.run(["diff", "--ignore", "meta", a, b]).status == 0)
        let json = try DiffBinary.run(["diff", "--format", "json", a, b])
        #expect(json.output.hasPrefix(#"{"summary":{"changed":1,"#))
        let broken = try DiffBinary.run(["diff", a, bad])
        #expect(broken.status == 2)
        #expect(broken.error.contains("error: \(bad):2: not valid JSON"))
        #expect(try DiffBinary.run(["diff", a, folder.appendingPathComponent("none").path]).status == 2)
    }
}

private func summary(changed: Int = 0, added: Int = 0, removed: Int = 0, reordered: Int = 0, unchanged: Int = 0)
    -> JSONLinesDiff.Summary
{
    var s = JSONLinesDiff.Summary()
    s.changed = changed
    s.added = added
    s.removed = removed
    s.reordered = reordered
    s.unchanged = unchanged
    return s
}

/// Length of a longest common subsequence, by the textbook table.
private func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0..<a.count {
        for j in 0..<b.count {
            table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
        }
    }
    return table[a.count][b.count]
}

/// The `wikiclean` executable of the same build as the tests (next to the test bundle), or
/// of the default `.build` folder of the package.
private enum DiffBinary {
    static let url: URL? = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("wikiclean"),
            testBinary.deletingLastPathComponent().appendingPathComponent("wikiclean"),
            packageRoot.appendingPathComponent(".build/debug/wikiclean"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }
}
