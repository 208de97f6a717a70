#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Yams

/// A parsed YAML document as the configuration readers see it: scalars (as their text),
/// mappings (in order) and sequences, each with the line and column where it starts
/// (1-based, as Yams reports them).
struct ConfigTree: Equatable {
    enum Value: Equatable {
        case scalar(String)
        case mapping([Member])
        case sequence([ConfigTree])
    }

    struct Member: Equatable {
        /// The key's text; nil for a key that is no scalar.
        var key: String?
        var value: ConfigTree
    }

    var value: Value
    var line: Int?
    var column: Int?

    /// The tree of a node Yams composed.
    init(_ node: Node) {
        line = node.mark?.line
        column = node.mark?.column
        switch node {
        case .scalar(let s):
            value = .scalar(s.string)
        case .mapping(let m):
            value = .mapping(m.map { Member(key: $0.key.string, value: ConfigTree($0.value)) })
        case .sequence(let s):
            value = .sequence(s.map { ConfigTree($0) })
        case .alias:
            // `.basic` composition resolves aliases; an unresolved one reads as an empty scalar.
            value = .scalar("")
        }
    }

    init(value: Value, line: Int?, column: Int?) {
        self.value = value
        self.line = line
        self.column = column
    }
}

/// A reader for the plain subset of YAML that the project's own pipeline and rules files are
/// written in: block mappings and sequences, flow sequences of scalars (`[a, "b"]`, over
/// several lines), plain scalars (folded over more indented lines), single- and double-quoted
/// one-line scalars, comments. Yams (libyaml) took ~33 M instructions to compose the 69 KB default rules file, a
/// quarter of a run's start-up; this reads it in a small fraction of that.
///
/// It gives up (nil) on anything beyond the subset (flow mappings, nested flow sequences,
/// block scalars, anchors, tags, document markers, tabs, quoted scalars over several lines,
/// empty values, keys that are not plain words or that repeat, escapes it does not know), and
/// the caller then asks Yams, so a file means the same whichever reads it; a test checks both
/// give the same tree, positions included, on every YAML file of the project.
struct FastYAML {
    private let lines: [ArraySlice<UInt8>]
    private var index = 0
    /// A tab or carriage return somewhere in the text (not in the subset).
    private let hasTabOrReturn: Bool

    /// The text's lines, found with `memchr` (a byte loop over the 118 KB rules file and a
    /// second one per line for tabs took ~2.5 M instructions of a run's start-up).
    private init(_ text: String) {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var tabOrReturn = false
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            let n = p.count
            tabOrReturn = memchr(base, 0x09, n) != nil || memchr(base, 0x0D, n) != nil
            var start = 0
            while start < n, let hit = memchr(base + start, 0x0A, n - start) {
                let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                lines.append(bytes[start..<i])
                start = i + 1
            }
            if start < n { lines.append(bytes[start..<n]) }
        }
        self.lines = lines
        hasTabOrReturn = tabOrReturn
    }

    /// The document's tree, or nil when the text is not in the subset.
    static func parse(_ text: String) -> ConfigTree? {
        var reader = FastYAML(text)
        guard reader.checkLines() else { return nil }
        reader.skipBlank()
        guard reader.index < reader.lines.count else { return nil }  // empty: let Yams say so
        let indent = reader.indentation(reader.index)
        guard indent == 0, let tree = reader.block(indent: indent) else { return nil }
        reader.skipBlank()
        return reader.index == reader.lines.count ? tree : nil
    }

    // MARK: - Lines

    private static let refusedLineStarts: [[UInt8]] = [[0xEF, 0xBB, 0xBF], Array("---".utf8), Array("...".utf8)]

    /// No tab, carriage return, byte-order mark or document marker anywhere.
    private func checkLines() -> Bool {
        if hasTabOrReturn { return false }
        for line in lines {
            // Only a line that opens with one of the refused starts' first bytes is compared.
            guard let first = line.first else { continue }
            if first == 0x25 { return false }  // % directive
            if first == 0xEF || first == 0x2D || first == 0x2E, Self.refusedLineStarts.contains(where: { line.starts(with: $0) }) {
                return false
            }
        }
        return true
    }

    private func indentation(_ k: Int) -> Int {
        var n = 0
        for b in lines[k] {
            guard b == 0x20 else { break }
            n += 1
        }
        return n
    }

    /// Whether line `k` holds nothing but spaces or a comment.
    private func isBlank(_ k: Int) -> Bool {
        let l = lines[k]
        let i = indentation(k)
        return i == l.count || l[l.startIndex + i] == 0x23
    }

    private mutating func skipBlank() {
        while index < lines.count && isBlank(index) { index += 1 }
    }

    // MARK: - Blocks

    /// The block (mapping or sequence) whose first line is the current one, at `indent`.
    private mutating func block(indent: Int) -> ConfigTree? {
        let line = lines[index]
        let at = line.startIndex + indent
        if line[at] == 0x2D && (at + 1 == line.endIndex || line[at + 1] == 0x20) {
            return sequence(indent: indent)
        }
        return mapping(indent: indent, firstColumn: indent, firstLineRest: nil)
    }

    /// A block sequence of items `- …` at `indent`.
    private mutating func sequence(indent: Int) -> ConfigTree? {
        let startLine = index + 1
        var items: [ConfigTree] = []
        while true {
            skipBlank()
            guard index < lines.count, indentation(index) == indent else { break }
            let line = lines[index]
            let dash = line.startIndex + indent
            guard line[dash] == 0x2D, dash + 1 == line.endIndex || line[dash + 1] == 0x20 else { break }
            // The item's content starts after the dash and its spaces.
            var c = dash + 1
            while c < line.endIndex && line[c] == 0x20 { c += 1 }
            guard c < line.endIndex, line[c] != 0x23 else { return nil }  // `-` alone: not in the subset
            let column = c - line.startIndex
            if let colon = keyColon(line, from: c) {
                // `- key: value`: a mapping whose keys line up with this first one.
                guard let m = mapping(indent: column, firstColumn: column, firstLineRest: (c, colon)) else { return nil }
                items.append(m)
            } else {
                guard let s = value(line, from: c, ownerIndent: indent) else { return nil }
                items.append(s)
            }
        }
        guard !items.isEmpty else { return nil }
        return ConfigTree(value: .sequence(items), line: startLine, column: indent + 1)
    }

    /// A block mapping at `indent`. When `firstLineRest` is given, its first key starts at the
    /// given offset of the current line (after a sequence item's dash), its colon at the other.
    private mutating func mapping(indent: Int, firstColumn: Int, firstLineRest: (Int, Int)?) -> ConfigTree? {
        let startLine = index + 1
        var members: [ConfigTree.Member] = []
        var first = firstLineRest
        while true {
            let line: ArraySlice<UInt8>
            let keyStart: Int
            let colon: Int
            if let f = first {
                line = lines[index]
                (keyStart, colon) = f
                first = nil
            } else {
                skipBlank()
                guard index < lines.count, indentation(index) == indent else { break }
                line = lines[index]
                keyStart = line.startIndex + indent
                guard let c = keyColon(line, from: keyStart) else { return nil }
                colon = c
            }
            let key = String(decoding: line[keyStart..<colon], as: UTF8.self)
            // Yams refuses a key twice in one mapping.
            guard !members.contains(where: { $0.key == key }) else { return nil }
            // The value: on the same line, or a block on the lines under it.
            var v = colon + 1
            while v < line.endIndex && line[v] == 0x20 { v += 1 }
            if v < line.endIndex && line[v] != 0x23 {
                guard let s = value(line, from: v, ownerIndent: indent) else { return nil }
                members.append(ConfigTree.Member(key: key, value: s))
            } else {
                index += 1
                skipBlank()
                guard index < lines.count else { return nil }  // an empty value: not in the subset
                let inner = indentation(index)
                let innerLine = lines[index]
                let at = innerLine.startIndex + inner
                let isItem = innerLine[at] == 0x2D && (at + 1 == innerLine.endIndex || innerLine[at + 1] == 0x20)
                // A nested block is indented more, or is a sequence at the key's own indent.
                guard inner > indent || (inner == indent && isItem) else { return nil }
                guard let b = block(indent: inner) else { return nil }
                members.append(ConfigTree.Member(key: key, value: b))
            }
        }
        guard !members.isEmpty else { return nil }
        return ConfigTree(value: .mapping(members), line: startLine, column: firstColumn + 1)
    }

    /// Where the colon of a `key:` starts at `from` ends the key: a plain word of letters,
    /// digits, `-` and `_`, followed by `:` and a space or the line's end. Nil when the line
    /// holds no such key there.
    private func keyColon(_ line: ArraySlice<UInt8>, from: Int) -> Int? {
        var i = from
        while i < line.endIndex {
            let b = line[i]
            let isWord = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
            guard isWord else { break }
            i += 1
        }
        guard i > from, i < line.endIndex, line[i] == 0x3A else { return nil }
        guard i + 1 == line.endIndex || line[i + 1] == 0x20 else { return nil }
        return i
    }

    // MARK: - Scalars

    /// The 1-based column of the byte at `i`, in characters (Unicode scalars), as Yams counts.
    private static func column(_ line: ArraySlice<UInt8>, at i: Int) -> Int {
        var n = 1
        for b in line[line.startIndex..<i] where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The value that starts at `from` on the current line, of a key or item at
    /// `ownerIndent`: a scalar or a flow sequence of scalars. Moves past its last line.
    private mutating func value(_ line: ArraySlice<UInt8>, from: Int, ownerIndent: Int) -> ConfigTree? {
        let startLine = index + 1
        let column = Self.column(line, at: from)
        let tree: ConfigTree
        switch line[from] {
        case 0x5B:  // [
            guard let items = flowSequence(from: from) else { return nil }
            tree = ConfigTree(value: .sequence(items), line: startLine, column: column)
        case 0x22, 0x27:
            guard let text = line[from] == 0x22 ? doubleQuoted(line, from: from) : singleQuoted(line, from: from) else { return nil }
            tree = ConfigTree(value: .scalar(text), line: startLine, column: column)
            index += 1
        default:
            guard var text = plain(line, from: from) else { return nil }
            index += 1
            // Lines more indented than the owner continue a plain scalar, folded with a space.
            while index < lines.count && !isBlank(index) && indentation(index) > ownerIndent {
                let next = lines[index]
                guard let more = plain(next, from: next.startIndex + indentation(index), continuation: true) else { return nil }
                text += " " + more
                index += 1
            }
            tree = ConfigTree(value: .scalar(text), line: startLine, column: column)
        }
        // The next line that holds anything is a key or item of this block or of one it
        // closes; more indented (after a blank line, or after a quoted scalar or a flow
        // sequence), it is not in the subset.
        var k = index
        while k < lines.count && isBlank(k) { k += 1 }
        if k < lines.count && indentation(k) > ownerIndent { return nil }
        return tree
    }

    /// The items of a flow sequence `[a, "b", c]` whose `[` is at `from` on the current line:
    /// one-line scalars, on as many lines as it takes. Moves past its last line.
    private mutating func flowSequence(from: Int) -> [ConfigTree]? {
        var items: [ConfigTree] = []
        var line = lines[index]
        var i = from + 1
        var expectItem = true
        while true {
            // Spaces, and the line's end (or a comment) between tokens.
            while i < line.endIndex && line[i] == 0x20 { i += 1 }
            if i == line.endIndex || (line[i] == 0x23 && line[i - 1] == 0x20) {
                index += 1
                guard index < lines.count else { return nil }
                line = lines[index]
                i = line.startIndex
                continue
            }
            let c = line[i]
            if c == 0x5D {  // ]
                guard restIsEmpty(line, from: i + 1) || i + 1 == line.endIndex else { return nil }
                // An empty list, or a trailing comma: left to Yams.
                guard !items.isEmpty, !expectItem else { return nil }
                index += 1
                return items
            }
            if c == 0x2C {  // ,
                guard !expectItem else { return nil }
                expectItem = true
                i += 1
                continue
            }
            guard expectItem else { return nil }
            let column = Self.column(line, at: i)
            let text: String
            if c == 0x22 || c == 0x27 {
                guard let (t, end) = quotedInFlow(line, from: i) else { return nil }
                text = t
                i = end
            } else {
                // A plain item runs to a `,` or `]` on this line.
                if "-?:,[]{}#&*!|>'\"%@`".utf8.contains(c) { return nil }
                var end = i
                var j = i
                while j < line.endIndex && line[j] != 0x2C && line[j] != 0x5D {
                    let b = line[j]
                    if b == 0x3A || b == 0x5B || b == 0x7B || b == 0x7D { return nil }
                    if b == 0x23 && line[j - 1] == 0x20 { return nil }
                    if b != 0x20 { end = j + 1 }
                    j += 1
                }
                guard j < line.endIndex else { return nil }  // runs onto the next line
                text = String(decoding: line[i..<end], as: UTF8.self)
                i = j
            }
            items.append(ConfigTree(value: .scalar(text), line: index + 1, column: column))
            expectItem = false
        }
    }

    /// A quoted scalar inside a flow sequence: its text and where it ends.
    private func quotedInFlow(_ line: ArraySlice<UInt8>, from: Int) -> (String, Int)? {
        let quote = line[from]
        var j = from + 1
        while j < line.endIndex {
            if line[j] == quote {
                if quote == 0x27 && j + 1 < line.endIndex && line[j + 1] == 0x27 {
                    j += 2
                    continue
                }
                break
            }
            if quote == 0x22 && line[j] == 0x5C { j += 1 }
            j += 1
        }
        guard j < line.endIndex else { return nil }
        let token = line[from...j]
        guard let text = quote == 0x22 ? doubleQuoted(token, from: token.startIndex) : singleQuoted(token, from: token.startIndex) else {
            return nil
        }
        return (text, j + 1)
    }

    /// A plain scalar: no indicator first, no `: ` or ` #` inside; trailing spaces go.
    private func plain(_ line: ArraySlice<UInt8>, from: Int, continuation: Bool = false) -> String? {
        let b = line[from]
        // Indicators that cannot start a plain scalar (`-`, `?` and `:` can, before a
        // non-space, but are left to Yams); a line that continues one may start with any but
        // these three.
        if continuation ? "-?:".utf8.contains(b) : "-?:,[]{}#&*!|>'\"%@`".utf8.contains(b) { return nil }
        var end = from
        var i = from
        while i < line.endIndex {
            let c = line[i]
            if c == 0x3A && (i + 1 == line.endIndex || line[i + 1] == 0x20) { return nil }  // a second mapping on the line
            if c == 0x20 && i + 1 < line.endIndex && line[i + 1] == 0x23 { break }  // a comment
            if c != 0x20 { end = i + 1 }
            i += 1
        }
        return String(decoding: line[from..<end], as: UTF8.self)
    }

    /// What follows a quoted scalar's closing quote: spaces, then a comment or nothing.
    private func restIsEmpty(_ line: ArraySlice<UInt8>, from: Int) -> Bool {
        var i = from
        while i < line.endIndex && line[i] == 0x20 { i += 1 }
        return i == line.endIndex || (line[i] == 0x23 && i > from)
    }

    private func singleQuoted(_ line: ArraySlice<UInt8>, from: Int) -> String? {
        var out: [UInt8] = []
        var i = from + 1
        while i < line.endIndex {
            let c = line[i]
            if c == 0x27 {
                if i + 1 < line.endIndex && line[i + 1] == 0x27 {
                    out.append(0x27)
                    i += 2
                    continue
                }
                return restIsEmpty(line, from: i + 1) ? String(decoding: out, as: UTF8.self) : nil
            }
            out.append(c)
            i += 1
        }
        return nil  // runs onto the next line
    }

    private func doubleQuoted(_ line: ArraySlice<UInt8>, from: Int) -> String? {
        // No escape before the closing quote (most): the bytes between the quotes, with no
        // array built byte by byte.
        var j = from + 1
        while j < line.endIndex && line[j] != 0x22 && line[j] != 0x5C { j += 1 }
        if j < line.endIndex && line[j] == 0x22 {
            return restIsEmpty(line, from: j + 1) ? String(decoding: line[(from + 1)..<j], as: UTF8.self) : nil
        }
        var out: [UInt8] = []
        var i = from + 1
        while i < line.endIndex {
            let c = line[i]
            if c == 0x22 { return restIsEmpty(line, from: i + 1) ? String(decoding: out, as: UTF8.self) : nil }
            if c == 0x5C {
                guard i + 1 < line.endIndex else { return nil }
                let digits: Int
                switch line[i + 1] {
                case 0x5C, 0x22, 0x2F, 0x20:  // \\ \" \/ and an escaped space: themselves
                    out.append(line[i + 1])
                    i += 2
                    continue
                case 0x6E, 0x74, 0x30:  // \n \t \0
                    out.append(line[i + 1] == 0x6E ? 0x0A : line[i + 1] == 0x74 ? 0x09 : 0x00)
                    i += 2
                    continue
                case 0x78: digits = 2  // \x
                case 0x75: digits = 4  // \u
                case 0x55: digits = 8  // \U
                default: return nil
                }
                guard i + 2 + digits <= line.endIndex,
                    let v = UInt32(String(decoding: line[(i + 2)..<(i + 2 + digits)], as: UTF8.self), radix: 16),
                    let u = Unicode.Scalar(v)
                else { return nil }
                out.append(contentsOf: Array(String(Character(u)).utf8))
                i += 2 + digits
                continue
            }
            out.append(c)
            i += 1
        }
        return nil  // runs onto the next line
    }
}
