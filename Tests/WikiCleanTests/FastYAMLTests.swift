import Foundation
import Testing
import Yams

@testable import WikiClean

/// FastYAML either gives the tree Yams gives (values, order and positions) or gives up.
@Suite struct FastYAMLTests {
    /// Yams's tree, or nil when Yams finds no document or an error.
    static func yamsTree(_ text: String) -> ConfigTree? {
        guard let node = try? Yams.compose(yaml: text, .basic) else { return nil }
        return ConfigTree(node)
    }

    /// Where two trees first differ, for a readable failure.
    static func firstDifference(_ a: ConfigTree?, _ b: ConfigTree?, _ path: String = "") -> String? {
        guard let a, let b else { return a == nil && b == nil ? nil : "\(path): one is missing" }
        if a.line != b.line || a.column != b.column {
            return "\(path): at \(String(describing: a.line)):\(String(describing: a.column)) vs \(String(describing: b.line)):\(String(describing: b.column))"
        }
        switch (a.value, b.value) {
        case (.scalar(let x), .scalar(let y)): return x == y ? nil : "\(path): \(x.debugDescription) vs \(y.debugDescription)"
        case (.sequence(let x), .sequence(let y)):
            for (k, (p, q)) in zip(x, y).enumerated() { if let d = firstDifference(p, q, "\(path)[\(k)]") { return d } }
            return x.count == y.count ? nil : "\(path): \(x.count) vs \(y.count) items"
        case (.mapping(let x), .mapping(let y)):
            for (p, q) in zip(x, y) {
                if p.key != q.key { return "\(path): key \(String(describing: p.key)) vs \(String(describing: q.key))" }
                if let d = firstDifference(p.value, q.value, "\(path).\(p.key ?? "?")") { return d }
            }
            return x.count == y.count ? nil : "\(path): \(x.count) vs \(y.count) members"
        default: return "\(path): kinds differ"
        }
    }

    static func projectFile(_ path: String) throws -> String {
        try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test(arguments: ["Pipelines/default.yaml", "Pipelines/rules/chrome-ja.yaml"])
    func projectFilesReadFastAndAlike(path: String) throws {
        let text = try Self.projectFile(path)
        let fast = try #require(FastYAML.parse(text), "\(path) left the subset FastYAML reads")
        #expect(Self.firstDifference(fast, Self.yamsTree(text)) == nil)
    }

    @Test func embeddedDefaultsReadFast() {
        #expect(FastYAML.parse(EmbeddedDefaults.chromeRulesYAML) != nil)
        #expect(FastYAML.parse(EmbeddedDefaults.pipelineYAML) != nil)
    }

    static let inSubset: [String] = [
        "a: 1\nb: two words\n",
        "a: x # comment\n# full line\n\nb: 'it''s'\nc: \"q \\\" \\\\ \\u00e9 \\n\"\n",
        "list:\n  - one\n  - two\nother: x\n",
        "list:\n- one\n- two\nother: x\n",
        "items:\n  - id: a\n    pattern: \"p\"\n  - id: b\n    next-line: drop   # why\nmore:\n  nested:\n    deep: 1\n",
        "k: 日本語の値 (括弧) `code` 'quote' and #hash\n",
        "k: \"{d}年\"\n",
        "k: \"a\\tb\\/c\\x41\\ d\\0e\\U0001F600\"\n",
        "- a\n- b: c\n  d: e\n",
        "k:    spaced value   \n",
        "a: plain\n  continued\n  twice\nb: c\n",
        "a: [1, 2]\n",
        "words: [メニュー, \"目次 [非表示]\", 'x''y',   # a comment\n    色 (ベータ版), z]   # end\nnext: 1\n",
        "- [a, b]\n- c\n",
    ]

    @Test(arguments: inSubset)
    func subsetReadsAsYams(text: String) throws {
        let fast = try #require(FastYAML.parse(text))
        #expect(Self.firstDifference(fast, Self.yamsTree(text)) == nil)
    }

    static let outOfSubset: [String] = [
        "a: {b: c}\n",
        "a: [x, [y]]\n",
        "a: [x,\n  y\n  z]\n",
        "a: [x, y,]\n",
        "a: |\n  block\n",
        "a: >\n  folded\n",
        "a: &x 1\nb: *x\n",
        "a: !tag x\n",
        "---\na: 1\n",
        "a:\n",
        "a: plain\n\n  after a blank line\n",
        "a: \"quoted\"\n  more\n",
        "a: \"open\n  quote\"\n",
        "\"quoted key\": 1\n",
        "a:\tb\n",
        "a: b: c\n",
        "a: 1\r\nb: 2\r\n",
        "",
        "# only a comment\n",
    ]

    @Test(arguments: outOfSubset)
    func outsideTheSubsetItGivesUp(text: String) {
        #expect(FastYAML.parse(text) == nil)
    }

    /// Lines of the rules file dropped, indented, outdented or repeated at random: whatever
    /// FastYAML reads, Yams reads the same; what Yams refuses, FastYAML does not read.
    @Test func mangledRulesFileNeverReadsOtherwise() throws {
        let lines = try Self.projectFile("Pipelines/rules/chrome-ja.yaml").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var rng = SplitMix64(seed: 20261129)
        var read = 0
        for _ in 0..<150 {
            var l = Array(lines.prefix(120 + Int(rng.next() % 200)))
            for _ in 0..<3 {
                let k = Int(rng.next() % UInt64(l.count))
                switch rng.next() % 5 {
                case 0: l.remove(at: k)
                case 1: l[k] = "  " + l[k]
                case 2: if l[k].hasPrefix(" ") { l[k].removeFirst() }
                case 3: l.insert(l[k], at: k)
                default: l[k] = l[k].replacingOccurrences(of: ": ", with: ":  ")
                }
            }
            let text = l.joined(separator: "\n")
            guard let fast = FastYAML.parse(text) else { continue }
            read += 1
            #expect(Self.firstDifference(fast, Self.yamsTree(text)) == nil)
        }
        #expect(read > 10, "too few mangled files read fast to mean anything")
    }
}
