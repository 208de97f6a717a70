/// The chrome rules a ``StripSiteChrome`` stage applies, loaded from a rules file
/// (`Pipelines/rules/chrome-ja.yaml` by default): phrases and patterns per site family,
/// menu vocabularies, and the shapes that need more than a pattern (breadcrumbs, tables
/// of contents, infoboxes).
public struct ChromeRules: Sendable {
    /// Where in a line a phrase rule may match.
    public enum Place: String, Sendable, CaseIterable {
        /// The match must be the whole line (white space aside).
        case line
        /// The match must start the line.
        case start
        /// The match must end the line (a trailing `...`/`…` aside).
        case end
        /// The match must end the line right after a truncation mark (`...X`): a read-more
        /// link or a count glued after a preview.
        case afterMark = "after-mark"
        /// Anywhere, glued to text or not.
        case anywhere
    }

    /// What to do with a match.
    public enum Action: String, Sendable, CaseIterable {
        /// Cut the matched span out of the line.
        case cut
        /// The whole line is chrome.
        case dropLine = "drop-line"
    }

    /// A phrase or pattern rule.
    public struct Phrase: Sendable {
        public var id: String
        public var template: Template
        public var place: Place
        public var action: Action
        public var signal: Block.Signal?
        /// The line after a whole-line match is chrome too (a menu heading announces its
        /// menu), unless it is an article lead.
        public var dropsNextLine = false
        /// The line after a whole-line match is chrome too when it reads like a page id
        /// (``StripSiteChrome/isPageID(_:)``: DokuWiki's template prints the page's id,
        /// `kyushu:sakurajima`, under its breadcrumbs) (`next-line: drop-page-id`).
        public var dropsNextPageID = false
        /// The page path a site prints over the title line (GROWI's `/火山/`) is chrome: the
        /// line over the first line of text above a whole-line match, when it reads like a path
        /// (``StripSiteChrome/isPagePath(_:)``) (`path-over-title: drop`).
        public var dropsPathOverTitle = false
        /// The line before a whole-line match is chrome too (a subtitle line under the page
        /// title, as Wikiwand's short description above `ウィキペディアから`), unless it is an
        /// article lead or reads like a sentence.
        public var dropsPreviousLine = false
        /// What becomes of the lines after a whole-line match (`next-lines:`); nil: nothing.
        public var nextLines: NextLines?
        /// A `page-start` phrase that is the first thing its site renders (a skip link, the
        /// site's brand, an HTML title): a title-like line right before it ends the previous
        /// page, where a tagline's page start takes the title line over it (`first-on-page:`).
        public var firstOnPage = false
    }

    /// The lines a whole-line match makes chrome after it, as far as the next chrome line or
    /// the end of the page (and only when the run reaches one of them).
    public enum NextLines: String, Sendable {
        /// Lines that read like the entries of a side block (`人気のページ`, `カテゴリ:` with
        /// one link a line).
        case drop
        /// Any lines, at most 12: the body of a board post or page comment under its header.
        case dropAll = "drop-all"
        /// Rows of a navbox under its navbar `表・話・編・歴` (a title or a group of links,
        /// long or short, no `。`, no lead).
        case dropNavbox = "drop-navbox"
        /// Any lines, to the end of the page: the raw source and diff lines of a diff or source
        /// view under its title (`X のバックアップ差分(No.3)`, `「X」の版間の差分`), a whole page
        /// of chrome. A footer line (a rule with `signal: page-end`) or another page's preview
        /// (a lead cut off with `...`) ends the run.
        case dropPage = "drop-page"
        /// The language names of a language menu under its count (`24の言語版`) or heading
        /// (`他言語版`), one a line, past the lines a language menu took, up to the menu's next
        /// chrome line (`リンクを編集`, the tabs) or the end of the page.
        case dropLanguages = "drop-languages"
        /// The one line right after, as the caption of an image the line stands for (a file
        /// link a copy shows instead of the image): short, no sentence end, not a section name.
        case caption
    }

    /// A menu vocabulary: lines made only of these words are chrome when enough of them
    /// stand together (single words like `ヘルプ` or `表示` are common in prose).
    public struct Menu: Sendable {
        public var id: String
        public var words: Set<String> { didSet { trie = WordTrie(words) } }
        /// The words as a trie over folded scalars, to split glued menu lines.
        var trie: WordTrie
        /// How many consecutive menu lines make a run (1: any single line).
        public var minimumRun: Int
        public var signal: Block.Signal?
    }

    public var phrases: [Phrase] = []
    public var menus: [Menu] = []
    /// Menu words as the rules spell them, those long enough (48 bytes or more) to pass for a
    /// line of text by their length (`ログアウトした編集者のページ もっと詳しく`), and the
    /// sentences that whole-line phrase rules of plain text spell.
    public var longMenuSpellings: Set<String> = []
    /// Rule id for `A > B > C` breadcrumbs at the start of a line (nil: off).
    public var breadcrumbRule: String? = "generic.breadcrumb"
    /// Longest crumb, in characters.
    public var maximumCrumbLength = 40
    /// Rule id for tables of contents (`目次1 概要[編集]2 …` glued, or `目次` + numbered lines).
    public var tocRule: String? = "generic.toc"
    public var tocHeadings: [String] = ["目次"]
    /// Rule id and markers for the end of a flattened infobox (`…テンプレートを表示`).
    public var infoboxRule: String? = "wikipedia.infobox"
    public var infoboxEndMarkers: [String] = ["テンプレートを表示"]
    /// Shortest prefix of a phrase, left just before a truncation mark, that is cut as that
    /// phrase (`この項目は、...` is a cut-off stub notice).
    public var truncatedPrefixMinimum = 4

    public init() {}

    // MARK: Loading

    /// Loads rules from YAML text. `file` names the file in errors.
    public init(yaml: String, file: String) throws(ConfigError) {
        let root = try ConfigNode.parse(yaml: yaml, file: file)
        var seen = Set<String>()
        func checkID(_ id: String, _ node: ConfigNode) throws(ConfigError) {
            guard !id.isEmpty else { throw node.error("a rule id must not be empty") }
            guard seen.insert(id).inserted else { throw node.error("rule id \"\(id)\" is used twice") }
        }
        func signal(_ node: ConfigNode) throws(ConfigError) -> Block.Signal {
            let s = try node.string()
            guard let v = Block.Signal(rawValue: s) else {
                throw node.error("unknown signal \"\(s)\"; expected page-start or page-end")
            }
            return v
        }
        for (key, value) in try root.mapping() {
            switch key {
            case "version":
                guard try value.int() == 1 else { throw value.error("unsupported rules version; expected 1") }
            case "phrases":
                for item in try value.sequence() {
                    var id: String?
                    var pattern: Template?
                    var place = Place.anywhere
                    var action = Action.cut
                    var sig: Block.Signal?
                    var next = false
                    var nextPageID = false
                    var pathOverTitle = false
                    var previous = false
                    var nextLines: NextLines?
                    var firstOnPage = false
                    for (k, v) in try item.mapping() {
                        switch k {
                        case "id": id = try v.string(); try checkID(id!, v)
                        case "next-line":
                            let s = try v.string()
                            switch s {
                            case "drop": next = true
                            case "drop-page-id": nextPageID = true
                            default: throw v.error("next-line takes drop or drop-page-id, not \"\(s)\"")
                            }
                        case "path-over-title":
                            let s = try v.string()
                            guard s == "drop" else { throw v.error("path-over-title takes drop, not \"\(s)\"") }
                            pathOverTitle = true
                        case "next-lines":
                            let s = try v.string()
                            guard let kind = NextLines(rawValue: s) else {
                                throw v.error("next-lines takes drop, drop-all, drop-navbox, drop-page, drop-languages or caption, not \"\(s)\"")
                            }
                            nextLines = kind
                        case "previous-line":
                            let s = try v.string()
                            guard s == "drop" else { throw v.error("previous-line takes drop, not \"\(s)\"") }
                            previous = true
                        case "pattern":
                            do { pattern = try Template(try v.string()) } catch let e as Template.SyntaxError {
                                throw v.error(e.message)
                            } catch { throw v.error("\(error)") }
                        case "where":
                            let s = try v.string()
                            guard let p = Place(rawValue: s) else {
                                throw v.error("unknown place \"\(s)\"; expected line, start, end, after-mark or anywhere")
                            }
                            place = p
                        case "action":
                            let s = try v.string()
                            guard let a = Action(rawValue: s) else {
                                throw v.error("unknown action \"\(s)\"; expected cut or drop-line")
                            }
                            action = a
                        case "signal": sig = try signal(v)
                        case "first-on-page": firstOnPage = try v.bool()
                        case "why", "note", "evidence": _ = try v.scalarText()
                        default: throw v.error("unknown key \"\(k)\" in a phrase rule")
                        }
                    }
                    guard let id else { throw item.error("a phrase rule needs an id") }
                    guard let pattern else { throw item.error("phrase rule \"\(id)\" needs a pattern") }
                    if !pattern.startsWithAnchor && place != .line && place != .start {
                        throw item.error("phrase rule \"\(id)\": a pattern that starts with a placeholder needs where: line or where: start")
                    }
                    if firstOnPage && sig != .pageStart { throw item.error("phrase rule \"\(id)\": first-on-page goes with signal: page-start") }
                    // A whole line of plain text that is a sentence (Vector 2022's
                    // `ページのコンテンツが他言語でサポートされていません。` under the title): no text
                    // for the reader either, as a long menu word.
                    if place == .line, pattern.pieces.count == 1, case .literal = pattern.pieces[0], pattern.source.containsKuten,
                        pattern.source.utf8.count >= 48
                    {
                        longMenuSpellings.insert(pattern.source)
                    }
                    var phrase = Phrase(
                        id: id, template: pattern, place: place, action: action, signal: sig, dropsNextLine: next, dropsPreviousLine: previous, nextLines: nextLines,
                        firstOnPage: firstOnPage)
                    phrase.dropsNextPageID = nextPageID
                    phrase.dropsPathOverTitle = pathOverTitle
                    phrases.append(phrase)
                }
            case "menus":
                for item in try value.sequence() {
                    var id: String?
                    var words: [String] = []
                    var run = 2
                    var sig: Block.Signal?
                    for (k, v) in try item.mapping() {
                        switch k {
                        case "id": id = try v.string(); try checkID(id!, v)
                        case "words": words = try v.stringList()
                        case "min-run":
                            run = try v.int()
                            guard run >= 1 else { throw v.error("min-run must be at least 1") }
                        case "signal": sig = try signal(v)
                        case "why", "note", "evidence": _ = try v.scalarText()
                        default: throw v.error("unknown key \"\(k)\" in a menu rule")
                        }
                    }
                    guard let id else { throw item.error("a menu rule needs an id") }
                    let folded = Set(words.map(Self.foldKey))
                    for w in words where w.utf8.count >= 48 { longMenuSpellings.insert(w) }
                    menus.append(Menu(id: id, words: folded, trie: WordTrie(folded), minimumRun: run, signal: sig))
                }
            case "breadcrumb":
                for (k, v) in try value.mapping() {
                    switch k {
                    case "id": breadcrumbRule = try v.string(); try checkID(breadcrumbRule!, v)
                    case "max-crumb": maximumCrumbLength = try v.int()
                    case "enabled": if !(try v.bool()) { breadcrumbRule = nil }
                    default: throw v.error("unknown key \"\(k)\" in breadcrumb")
                    }
                }
            case "toc":
                for (k, v) in try value.mapping() {
                    switch k {
                    case "id": tocRule = try v.string(); try checkID(tocRule!, v)
                    case "headings": tocHeadings = try v.stringList()
                    case "enabled": if !(try v.bool()) { tocRule = nil }
                    default: throw v.error("unknown key \"\(k)\" in toc")
                    }
                }
            case "infobox":
                for (k, v) in try value.mapping() {
                    switch k {
                    case "id": infoboxRule = try v.string(); try checkID(infoboxRule!, v)
                    case "end-markers": infoboxEndMarkers = try v.stringList()
                    case "enabled": if !(try v.bool()) { infoboxRule = nil }
                    default: throw v.error("unknown key \"\(k)\" in infobox")
                    }
                }
            case "truncated-prefix-min":
                truncatedPrefixMinimum = try value.int()
            default:
                throw value.error("unknown top-level key \"\(key)\"; expected version, phrases, menus, breadcrumb, toc, infobox or truncated-prefix-min")
            }
        }
    }

    /// The form in which menu words, titles and headings are compared: the matching form of
    /// ``UTF8Scan/matchFold(_:)`` (widths and voiced kana unified, white space removed), each
    /// scalar's form written as UTF-8 straight into the string's storage (appended scalar by
    /// scalar to a `String.UnicodeScalarView`, it took a hundred instructions a character, and
    /// titles are compared with whole paragraphs: ``DetectArticleBoundaries/isTitleLine(_:title:)``
    /// folds the first paragraph of a page). A test compares it with that definition.
    static func foldKey(_ s: String) -> String {
        s.withUTF8Bytes { p in
            let n = p.count
            guard n > 0 else { return "" }
            // A scalar reads as at most two, of at most four bytes each, and takes one byte
            // at least: eight bytes a byte is room enough. Made in a scratch buffer, then
            // copied unchecked (valid UTF-8 by construction): `String(unsafeUninitializedCapacity:)`
            // validated it again.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8 * n) { out in
                var o = 0
                @inline(__always)
                func put(_ c: UInt32) {
                    // `Unicode.Scalar(c)` fails (and `foldKey` drops `c`) on a surrogate or past U+10FFFF.
                    if c < 0x80 {
                        out[o] = UInt8(truncatingIfNeeded: c)
                        o += 1
                    } else if c < 0x800 {
                        out[o] = UInt8(truncatingIfNeeded: 0xC0 | c >> 6)
                        out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | c & 0x3F)
                        o += 2
                    } else if c < 0x10000 {
                        guard c < 0xD800 || c > 0xDFFF else { return }
                        out[o] = UInt8(truncatingIfNeeded: 0xE0 | c >> 12)
                        out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (c >> 6) & 0x3F)
                        out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | c & 0x3F)
                        o += 3
                    } else if c <= 0x10FFFF {
                        out[o] = UInt8(truncatingIfNeeded: 0xF0 | c >> 18)
                        out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (c >> 12) & 0x3F)
                        out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | (c >> 6) & 0x3F)
                        out[o + 3] = UInt8(truncatingIfNeeded: 0x80 | c & 0x3F)
                        o += 4
                    }
                }
                var i = 0
                while i < n {
                    let d = UTF8Scan.decode(p, i)
                    i += d.length
                    let f = UTF8Scan.matchFold(d.scalar)
                    if f.first != 0 { put(f.first) }
                    if f.second != 0 { put(f.second) }
                }
                return UTF8Validation.knownValidString(UnsafeBufferPointer(rebasing: out[0..<o]))
            }
        }
    }
}

/// A set of words as a trie over Unicode scalar values, for splitting a glued run of words
/// without building substrings.
struct WordTrie: Sendable {
    /// Edges as one open-addressing table, keyed `(node << 32 | scalar) + 1` (0: an empty
    /// slot), with the child node of each.
    private var edgeKeys: [UInt64]
    private var edgeTargets: [Int32]
    private var terminal: [Bool] = [false]
    /// Every scalar of every word: a string with another scalar is no run of words.
    private var alphabet = ScalarSet()
    let longest: Int

    /// Built straight into the open-addressing table, sized for every scalar of the words
    /// (at most one edge each), then moved into a table of the size the edges need: a
    /// `[UInt64: Int32]` of the edges, sorted into the table, took ~4 M instructions for the
    /// default rules' 23 menus.
    init(_ words: Set<String>) {
        var longest = 0
        var scalars = 0
        for w in words { scalars += w.utf8.count }
        var size = 8
        while size < scalars * 2 { size <<= 1 }
        var keys = [UInt64](repeating: 0, count: size)
        var targets = [Int32](repeating: 0, count: size)
        var nodes = 1
        for w in words {
            var node = 0
            var n = 0
            for u in w.unicodeScalars {
                n += 1
                alphabet.insert(u.value)
                let key = (UInt64(node) << 32 | UInt64(u.value)) + 1
                var slot = Self.slot(key, size - 1)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (size - 1) }
                if keys[slot] == key {
                    node = Int(targets[slot])
                } else {
                    terminal.append(false)
                    keys[slot] = key
                    targets[slot] = Int32(nodes)
                    node = nodes
                    nodes += 1
                }
            }
            terminal[node] = true
            longest = max(longest, n)
        }
        self.longest = longest
        // One edge per node but the root.
        var fitted = 8
        while fitted < (nodes - 1) * 2 { fitted <<= 1 }
        if fitted < size {
            var fittedKeys = [UInt64](repeating: 0, count: fitted)
            var fittedTargets = [Int32](repeating: 0, count: fitted)
            for k in 0..<size where keys[k] != 0 {
                var slot = Self.slot(keys[k], fitted - 1)
                while fittedKeys[slot] != 0 { slot = (slot + 1) & (fitted - 1) }
                fittedKeys[slot] = keys[k]
                fittedTargets[slot] = targets[k]
            }
            keys = fittedKeys
            targets = fittedTargets
        }
        edgeKeys = keys
        edgeTargets = targets
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The child of `node` along `scalar` (-1: none).
    @inline(__always)
    private func child(_ node: Int, _ scalar: UInt32, _ keys: UnsafeBufferPointer<UInt64>, _ targets: UnsafeBufferPointer<Int32>) -> Int {
        let key = (UInt64(node) << 32 | UInt64(scalar)) + 1
        let mask = keys.count - 1
        var slot = Self.slot(key, mask)
        while true {
            let k = keys[slot]
            if k == key { return Int(targets[slot]) }
            if k == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// The most words that make up `s` exactly, glued (0 when it cannot be split so).
    func segmentCount(_ s: [UInt32]) -> Int {
        s.withUnsafeBufferPointer { segmentCount($0) }
    }

    /// The most words that make up `s` exactly, glued (0 when it cannot be split so).
    func segmentCount(_ s: UnsafeBufferPointer<UInt32>) -> Int {
        guard !s.isEmpty else { return 0 }
        for c in s where !alphabet.contains(c) { return 0 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: s.count + 1) { best in
            best.initialize(repeating: -1)
            best[0] = 0
            edgeKeys.withUnsafeBufferPointer { keys in
                edgeTargets.withUnsafeBufferPointer { targets in
                    terminal.withUnsafeBufferPointer { terminal in
                        for i in 0..<s.count where best[i] >= 0 {
                            var node = 0
                            var j = i
                            while j < s.count {
                                let next = child(node, s[j], keys, targets)
                                if next < 0 { break }
                                node = next
                                j += 1
                                if terminal[node] { best[j] = max(best[j], best[i] + 1) }
                            }
                        }
                    }
                }
            }
            return max(best[s.count], 0)
        }
    }
}
