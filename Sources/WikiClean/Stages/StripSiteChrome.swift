internal import CICUShims

/// Removes site chrome — menus, taglines, jump links, share buttons, hatnotes,
/// breadcrumbs, maintenance and stub banners, license lines, tables of contents and
/// flattened infoboxes — as whole lines and where it is glued to text.
///
/// Rules are data (``ChromeRules``, from a rules file). Matching is one Aho–Corasick pass
/// per line over UTF-8 bytes, then a bounded template check at each candidate, so the cost
/// is linear in the input. Full-width and half-width forms match alike. A line that was
/// all chrome becomes a `.chrome` block (it belongs to no document, and may signal a page
/// start or end); a glued piece is cut out. Every removal is counted under its rule id.
///
/// ```
/// 出典: フリー百科事典『ウィキペディア（Wikipedia）』ナビゲーションに移動検索に移動高知大学…
/// → 高知大学…
/// ```
public struct StripSiteChrome: InfallibleStage {
    public static let identifier = "strip-chrome"
    public static let summary = "Remove site chrome (menus, taglines, banners, breadcrumbs, TOC, infobox residue) by rule id."

    public let rules: ChromeRules
    private let automaton: PhraseAutomaton
    /// First scalars (folded) of every menu word: a line starting otherwise is no menu line.
    let menuFirstScalars: ScalarSet
    /// Each menu's trie (`rules.menus[k].trie`), read with no copy of the menu.
    let menuTries: [WordTrie]
    /// Every scalar of every menu word (the union of the tries' alphabets, which hold the
    /// scalars of their words): a glued line with another scalar is split by no trie.
    let menuAlphabet: ScalarSet
    /// The TOC headings' bytes, non-empty (for ``markGluedUnmarkedTOC(_:headings:rule:context:)``),
    /// made once, not for every page.
    private let tocHeadingBytes: [[UInt8]]
    /// First scalars of the literal heads of the phrase rules, for a quick test.
    private let headFirstScalars: ScalarSet
    /// Automaton phrases below this are groups of phrase rules (``memberTests``).
    private let tocBase: Int
    private let infoboxBase: Int
    /// The TOC headings and infobox end markers in their matching form (automaton phrases
    /// `tocBase..<literalBase`), made once: each is read again where it was found (made there,
    /// ~500 times on the 4 MB slice, 0.3 M instructions).
    private let markerLiterals: [[UInt32]]
    /// The phrase rules of each group, in rule order, as the tests asked of them before they
    /// are tried: `memberTests[ruleGroupStart[g]..<ruleGroupStart[g + 1]]` for group g (phrase
    /// g of the automaton). Rules with the same anchor, matched from it, are
    /// one phrase of the automaton (a run of them in rule order, not broken by a rule matched
    /// from the line start that has that anchor too): it is reported once where the anchor
    /// ends, not once per rule, and its start is stepped back to once. (On the 4 MB slice, a
    /// `「` stood for eight rules and `(` for four: 92 K reports of anchors, most of them turned
    /// down by the literals their rule needs.) The rules of a group come in the order their
    /// phrases were reported in, so they are tried in the same order.
    private let memberTests: [MemberTest]
    private let ruleGroupStart: [Int32]
    /// The phrase rules' ``Template/openingClasses``, one after another (``MemberTest/opening``):
    /// a rule is tried only where the character its template reads first after its anchor (or
    /// at the line's start) is of a class in its set. A necessary condition only (a test checks
    /// it on every template of the default rules): it spares the step back to the anchor's start
    /// and the template's run where it fails at once (`[ {d}]` at a `[` before text).
    private let openingBits: OpeningBits
    /// The phrase rules' templates, matched with nothing retained.
    private let templates: Template.Programs

    /// ``openingBits``' words, read through a pointer kept for the stage's life: the loop over
    /// a line's anchors reads them with no closure around it (one more closure there changed
    /// how the loop's locals were kept).
    private final class OpeningBits: @unchecked Sendable {
        let words: UnsafeMutablePointer<UInt64>
        init(_ pool: [UInt64]) {
            words = .allocate(capacity: max(1, pool.count))
            words.initialize(repeating: 0, count: max(1, pool.count))
            for (k, w) in pool.enumerated() { words[k] = w }
        }
        deinit { words.deallocate() }
    }
    /// Automaton phrases from here on are literals of ``requiredLiteralIDs`` (by id).
    private let literalBase: Int
    /// For each phrase rule, the ids of the literals besides its anchor that a match needs.
    /// (One flat array: `requiredLiteralIDs[requiredLiteralStart[k]..<requiredLiteralStart[k + 1]]`
    /// for rule k, read with no inner array to retain at each anchor.)
    private let requiredLiteralIDs: [Int32]
    private let requiredLiteralStart: [Int32]
    /// Literal ids of the breadcrumb separators.
    private let breadcrumbSeparators: [Int]
    /// 64-bit words of a line's set of seen literals.
    private let seenWords: Int
    /// 64-bit words of a line's set of the phrase rules tried from its start.
    private let triedWords: Int
    /// What ``stripLine`` needs of each phrase rule, without copying the rule.
    private let phraseShapes: [PhraseShape]
    /// Literal heads of the phrase rules (folded scalars) by their first scalar, in rule
    /// order, as ranges of ``truncationHeads`` (phrase index, start and count in
    /// ``truncationHeadScalars``): what a truncation may have cut off.
    private let truncationHeadRanges: [UInt32: Range<Int>]
    private let truncationHeads: [(phrase: Int, start: Int, count: Int)]
    private let truncationHeadScalars: [UInt32]
    private let longestTruncationHead: Int
    /// Bits of the pairs of consecutive scalars that can end a cut-off head (its last two
    /// scalars when it is at least `truncatedPrefixMinimum` long, ≥ 2): a line whose last two
    /// scalars before the mark are no such pair has no cut-off head. Empty: no such filter.
    private let truncationTailPairs: [UInt64]
    /// Rule ids whose whole-line match makes a line near it chrome too: the next line
    /// (`next-line: drop`, ``nextLineRules``), the next line when it is a page id
    /// (`next-line: drop-page-id`, ``pageIDRules``), or the page path over the title line
    /// above (`path-over-title: drop`, ``pathOverTitleRules``): one look-up a chrome line.
    let announcingRules: RuleIDSet
    let nextLineRules: RuleIDSet
    let pageIDRules: RuleIDSet
    let pathOverTitleRules: RuleIDSet
    /// Rules whose match makes the line before it chrome too (`previous-line: drop`).
    private let subtitleRules: RuleIDSet
    /// Rules whose match makes the link lines under it chrome (`next-lines: drop`).
    private let sideBlockRules: RuleIDSet
    /// Rules whose match opens a block of lines of its own (any `next-lines`): a side block
    /// goes on past other chrome lines inside it, never past one of these.
    private let blockHeaderRules: RuleIDSet
    private let languageListRules: RuleIDSet
    private let navboxRules: RuleIDSet
    /// Rules whose match makes the rest of the page chrome (`next-lines: drop-page`).
    private let pageViewRules: RuleIDSet
    private let fileLinkRules: RuleIDSet
    /// Rules whose match makes the post under it chrome (`next-lines: drop-all`), and the
    /// footer-link menus (for ``markPageFrame(_:posts:footerMenus:context:)``).
    private let pageFrame: (posts: RuleIDSet, footerMenus: FooterMenus)
    /// The menu vocabularies' rule ids (for ``markMenuTails(_:menus:context:)``).
    private let menuRuleIDs: RuleIDSet
    /// Folded menu words (bit k: in menu k), TOC headings and infobox end markers, looked up
    /// on bytes (nil: more than 64 menus, the `String` sets only).
    let menuWords: CanonicalWordTable?
    let tocHeadingKeys: CanonicalWordTable
    let infoboxMarkerKeys: CanonicalWordTable
    let tocHeadingSet: Set<String>
    let infoboxMarkerSet: Set<String>
    let maximumTOCHeadingBytes: Int
    let maximumInfoboxMarkerBytes: Int

    /// The scalars (folded) a phrase rule's match must read at the line's ends: `last`, the
    /// last scalar of a template that ends with literal text, for a rule that must end the
    /// line (`line`, `after-mark`; `end` also where a truncation mark starts); `first`, the
    /// first scalar of the anchor of a rule that must fill the line and starts with its anchor
    /// (a `start` rule may also start after a heading glued before it). 0: no such test.
    private struct PhraseEnds {
        var last: UInt32
        var orBeforeMark: Bool
        var first: UInt32
    }

    /// A phrase rule of a group (``memberTests``), with the cheap tests asked before it is
    /// tried, read from one record: the literals it needs (``hasRequiredLiterals``), as the bits
    /// `mask` of word `word` of the line's seen literals when they all lie in one word (most
    /// rules need one or two), and what the line's ends must read (``mayMatch``).
    private struct MemberTest {
        var rule: Int32
        /// -1: the literals lie in more than one word, asked of ``hasRequiredLiterals``.
        var word: Int32
        var mask: UInt64
        var ends: PhraseEnds
        /// Where the rule's ``Template/openingClasses`` start in ``openingBits`` (-1: none, the
        /// rule is tried whatever comes first).
        var opening: Int32
        /// Whether that set is asked of the character after the anchor (a template that starts
        /// with it), or of the line's first (one matched from the line's start).
        var opensAfterAnchor: Bool
    }

    /// What the ends of one line read (folded): the character before its end, and before its
    /// truncation mark (its end when it has none), as ``endsReading(_:_:_:)`` reads them (0
    /// for no character), and the classes of its first character. Each read when first asked
    /// (most lines have no anchor of a rule that needs one).
    private struct LineEnds {
        let p: UnsafeBufferPointer<UInt8>
        let lineStart: Int
        let lineEnd: Int
        let ellipsisStart: Int?
        private var lastRead: UInt32?
        private var lastBeforeMarkRead: UInt32?
        private var firstRead: (UInt32, UInt32)?

        init(_ p: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ lineEnd: Int, _ ellipsisStart: Int?) {
            self.p = p
            self.lineStart = lineStart
            self.lineEnd = lineEnd
            self.ellipsisStart = ellipsisStart
        }

        mutating func last() -> UInt32 {
            if let known = lastRead { return known }
            let c = StripSiteChrome.reading(before: lineEnd, p)
            lastRead = c
            return c
        }

        mutating func lastBeforeMark() -> UInt32 {
            guard let ell = ellipsisStart else { return last() }
            if let known = lastBeforeMarkRead { return known }
            let c = StripSiteChrome.reading(before: ell, p)
            lastBeforeMarkRead = c
            return c
        }

        mutating func first() -> (UInt32, UInt32) {
            if let known = firstRead { return known }
            var f = (UInt32(0), UInt32(0))
            if lineStart < lineEnd {
                let m = UTF8Scan.matchFold(UTF8Scan.decode(p, lineStart).scalar)
                f = (m.first, m.second)
            }
            firstRead = f
            return f
        }
    }

    private struct PhraseShape {
        var place: ChromeRules.Place
        var startsWithAnchor: Bool
        var dropsLine: Bool
        var signal: Block.Signal?
        /// A page view's title that starts the line (`next-lines: drop-page`, `where: start`).
        var viewTitle: Bool
        /// The last scalar of the template when it ends with literal text (nil otherwise): a
        /// rule that must end the line can only match where the character before the line's
        /// end reads so.
        var lastScalar: UInt32?
    }

    public init(rules: ChromeRules) {
        self.rules = rules
        // The groups of phrase rules (see ``ruleGroupMembers``): a rule matched from its anchor
        // joins the group of the rules before it with that anchor, unless a rule matched from
        // the line start with that anchor came between (reported once a line, it is a group of
        // its own, in its place).
        var groupOfRule = [Int](repeating: 0, count: rules.phrases.count)
        var anchors: [[UInt32]] = []
        var openGroup: [[UInt32]: Int] = [:]
        openGroup.reserveCapacity(rules.phrases.count)
        for (k, phrase) in rules.phrases.enumerated() {
            let anchor = phrase.template.anchor
            if phrase.template.startsWithAnchor {
                if let g = openGroup[anchor] {
                    groupOfRule[k] = g
                    continue
                }
                openGroup[anchor] = anchors.count
            } else {
                openGroup[anchor] = nil
            }
            groupOfRule[k] = anchors.count
            anchors.append(anchor)
        }
        tocBase = anchors.count
        anchors.append(contentsOf: rules.tocHeadings.map { UTF8Scan.matchFolded($0) })
        infoboxBase = anchors.count
        anchors.append(contentsOf: rules.infoboxEndMarkers.map { UTF8Scan.matchFolded($0) })
        // Every other literal a phrase needs, found in the same pass: a phrase is tried at
        // its anchor only when all of them occur in the line (a cheap necessary condition
        // that spares the template check at most anchors: `「` is everywhere, `」とは異なります。` is not).
        literalBase = anchors.count
        markerLiterals = Array(anchors[tocBase..<literalBase])
        var literalIDs: [[UInt32]: Int] = [:]
        var literals: [[UInt32]] = []
        func literalID(_ lit: [UInt32]) -> Int {
            if let id = literalIDs[lit] { return id }
            literalIDs[lit] = literals.count
            literals.append(lit)
            return literals.count - 1
        }
        literalIDs.reserveCapacity(rules.phrases.count)
        var required: [[Int]] = []
        for phrase in rules.phrases {
            // A literal of one scalar is left out where the rule needs a longer one too: it tells
            // little that the longer one does not (`と` besides `続きを見る`, `は` besides
            // `の米国およびその他の国における登録商標です。`), and a scalar common in the text
            // costs the scan a report at each occurrence (on the 4 MB slice, `と` and `は` were
            // half of the 150 K reports). The test is a necessary condition only: a rule that
            // passes it is matched all the same.
            let extra = phrase.template.requiredLiterals.dropFirst()
            let kept = extra.contains { $0.count >= 2 } ? extra.filter { $0.count >= 2 } : Array(extra)
            required.append(kept.map(literalID))
        }
        // Breadcrumb separators (`>`, `＞`, `›`): no separator, no breadcrumb.
        breadcrumbSeparators = [">", "›"].map { literalID(UTF8Scan.matchFolded($0)) }
        requiredLiteralIDs = required.flatMap { $0.map(Int32.init) }
        requiredLiteralStart = required.reduce(into: [0]) { starts, ids in starts.append(starts.last! + Int32(ids.count)) }
        let seenWords = max(1, (literals.count + 63) / 64)
        self.seenWords = seenWords
        triedWords = max(1, (rules.phrases.count + 63) / 64)
        anchors.append(contentsOf: literals)
        // The scan keeps the bits of a line's seen literals and of the rules matched from the
        // line start whose anchor was met (after the literals' words): a literal is only asked
        // whether it occurs, and a rule matched from the line start does something at its first
        // anchor only (the literals it needs are in the line or not), where it starts no matter.
        var flagging = [PhraseAutomaton.Flagging](repeating: .always, count: anchors.count)
        for (k, phrase) in rules.phrases.enumerated() where !phrase.template.startsWithAnchor {
            flagging[groupOfRule[k]] = .first(bit: seenWords * 64 + k)
        }
        for id in literals.indices { flagging[literalBase + id] = .never(bit: id) }
        // The automaton is built on another thread while the rest is made here (it is ~30%
        // of this init, and independent of the rest): taken at the end.
        let automatonPhrases = anchors, automatonFlagging = flagging
        let automatonBuild = BackgroundValue { PhraseAutomaton(phrases: automatonPhrases, flagging: automatonFlagging) }
        // Literal heads by first scalar, in rule order; flat, as ranges of one array.
        var heads: [UInt32: [(phrase: Int, head: [UInt32])]] = [:]
        for (k, phrase) in rules.phrases.enumerated() where phrase.template.startsWithAnchor {
            let head = phrase.template.literalHead
            if let f = head.first, head.count >= rules.truncatedPrefixMinimum { heads[f, default: []].append((k, head)) }
        }
        var ranges: [UInt32: Range<Int>] = [:]
        var flat: [(phrase: Int, start: Int, count: Int)] = []
        var headScalars: [UInt32] = []
        for (f, list) in heads {
            let lower = flat.count
            for (k, head) in list {
                flat.append((k, headScalars.count, head.count))
                headScalars.append(contentsOf: head)
            }
            ranges[f] = lower..<flat.count
        }
        truncationHeadRanges = ranges
        truncationHeads = flat
        truncationHeadScalars = headScalars
        longestTruncationHead = flat.map(\.count).max() ?? 0
        var pairs: [UInt64] = []
        if rules.truncatedPrefixMinimum >= 2 {
            pairs = [UInt64](repeating: 0, count: 1024)
            for list in heads.values {
                for (_, head) in list where head.count >= 2 {
                    for k in max(1, rules.truncatedPrefixMinimum - 1)..<head.count {
                        let h = Self.pairHash(head[k - 1], head[k])
                        pairs[h >> 6] |= 1 << UInt64(h & 63)
                    }
                }
            }
        }
        truncationTailPairs = pairs
        headFirstScalars = ScalarSet(heads.keys)
        var first = Set<UInt32>()
        var alphabet = ScalarSet()
        for menu in rules.menus {
            for w in menu.words {
                if let f = w.unicodeScalars.first { first.insert(f.value) }
                for u in w.unicodeScalars { alphabet.insert(u.value) }
            }
        }
        menuFirstScalars = ScalarSet(first)
        menuAlphabet = alphabet
        menuTries = rules.menus.map(\.trie)
        tocHeadingBytes = Self.tocHeadingBytes(rules)
        phraseShapes = rules.phrases.map {
            PhraseShape(place: $0.place, startsWithAnchor: $0.template.startsWithAnchor, dropsLine: $0.action == .dropLine, signal: $0.signal,
                viewTitle: $0.nextLines == .dropPage && $0.place == .start, lastScalar: $0.template.lastLiteralScalar)
        }
        let phraseEnds = rules.phrases.map {
            let endsLine = $0.place == .line || $0.place == .afterMark || $0.place == .end
            let fillsLine = $0.place == .line && $0.template.startsWithAnchor
            return PhraseEnds(
                last: endsLine ? $0.template.lastLiteralScalar ?? 0 : 0, orBeforeMark: $0.place == .end,
                first: fillsLine ? $0.template.anchor.first ?? 0 : 0)
        }
        var members = [[MemberTest]](repeating: [], count: tocBase)
        // The rules' opening sets, one after another (a set is asked for where a rule's anchor
        // passed its other tests, a few thousand times on the 4 MB slice: no need to share them).
        var openingPool: [UInt64] = []
        var templateList: [Template] = []
        templateList.reserveCapacity(groupOfRule.count)
        for (k, g) in groupOfRule.enumerated() {
            let template = rules.phrases[k].template
            templateList.append(template)
            // The rule's set, written in place at the pool's end (and taken back when there is none).
            var opening = Int32(openingPool.count)
            openingPool.append(contentsOf: repeatElement(0, count: Template.OpeningClasses.wordCount))
            if !openingPool.withUnsafeMutableBufferPointer({ template.openingClasses(into: $0.baseAddress! + Int(opening)) }) {
                openingPool.removeLast(Template.OpeningClasses.wordCount)
                opening = -1
            }
            var test = MemberTest(
                rule: Int32(k), word: 0, mask: 0, ends: phraseEnds[k], opening: opening, opensAfterAnchor: template.startsWithAnchor)
            for id in required[k] {
                if test.mask != 0 && Int(test.word) != id >> 6 {
                    test.word = -1
                    break
                }
                test.word = Int32(id >> 6)
                test.mask |= 1 << UInt64(id & 63)
            }
            members[g].append(test)
        }
        memberTests = members.flatMap { $0 }
        openingBits = OpeningBits(openingPool)
        templates = Template.Programs(templateList)
        ruleGroupStart = members.reduce(into: [0]) { starts, m in starts.append(starts.last! + Int32(m.count)) }
        nextLineRules = RuleIDSet(Set(rules.phrases.filter(\.dropsNextLine).map(\.id)))
        pageIDRules = RuleIDSet(Set(rules.phrases.filter(\.dropsNextPageID).map(\.id)))
        pathOverTitleRules = RuleIDSet(Set(rules.phrases.filter(\.dropsPathOverTitle).map(\.id)))
        announcingRules = RuleIDSet(nextLineRules.ids.union(pageIDRules.ids).union(pathOverTitleRules.ids))
        subtitleRules = RuleIDSet(Set(rules.phrases.filter(\.dropsPreviousLine).map(\.id)))
        sideBlockRules = RuleIDSet(Self.ruleIDs(rules, nextLines: .drop))
        blockHeaderRules = RuleIDSet(Set(rules.phrases.lazy.filter { $0.nextLines != nil }.map(\.id)))
        languageListRules = RuleIDSet(Self.ruleIDs(rules, nextLines: .dropLanguages))
        navboxRules = RuleIDSet(Self.ruleIDs(rules, nextLines: .dropNavbox))
        pageViewRules = RuleIDSet(Self.ruleIDs(rules, nextLines: .dropPage))
        fileLinkRules = RuleIDSet(Self.ruleIDs(rules, nextLines: .caption))
        pageFrame = (RuleIDSet(Self.ruleIDs(rules, nextLines: .dropAll)), Self.footerMenus(rules))
        menuRuleIDs = RuleIDSet(Set(rules.menus.map(\.id)))
        menuWords = rules.menus.count <= 64 ? CanonicalWordTable(lists: rules.menus.map(\.words)) : nil
        tocHeadingSet = Set(rules.tocHeadings.map(ChromeRules.foldKey))
        infoboxMarkerSet = Set(rules.infoboxEndMarkers.map(ChromeRules.foldKey))
        tocHeadingKeys = CanonicalWordTable(lists: [tocHeadingSet])
        infoboxMarkerKeys = CanonicalWordTable(lists: [infoboxMarkerSet])
        maximumTOCHeadingBytes = (rules.tocHeadings.map(\.utf8.count).max() ?? 0) * 3 + 8
        maximumInfoboxMarkerBytes = (rules.infoboxEndMarkers.map(\.utf8.count).max() ?? 0) * 3 + 8
        automaton = automatonBuild.value
    }

    public func apply(to document: consuming Document, context: inout StageContext) -> [Document] {
        applyInPlace(to: document, context: &context)
    }

    /// The stage on the page in place: its lines are marked or cut where they stand, and the
    /// page goes on (nil), with no array of one document made for it.
    public func apply(inPlace doc: inout Document, context: inout StageContext) -> [Document]? {
        var templateLinks = false
        // One array of spans for the page's lines, emptied for each: an array a line (of the
        // ~2,000 lines with spans on the 4 MB slice) was allocated, grown and freed.
        var spans: [Span] = []
        for i in doc.blocks.indices where doc.blocks[i].role == .paragraph {
            // The next line is read only for a whole-line match (581 of 8,547 lines on the 4 MB
            // slice): a `String?` argument copied it out of the array, retained and released, for
            // every line.
            let outcome = stripLine(doc.blocks[i].text, line: doc.blocks[i].line, spans: &spans, context: &context) {
                i + 1 < doc.blocks.count && doc.blocks[i + 1].role == .paragraph ? doc.blocks[i + 1].text : nil
            }
            switch outcome {
            case .unchanged: break
            case .text(let text): doc.blocks[i].text = text
            case .chrome(let rule, let signal):
                doc.blocks[i] = Block(role: .chrome, text: doc.blocks[i].text, line: doc.blocks[i].line, rule: rule, signal: signal)
                continue
            }
            // A line that opens with an image's file name (a capital first) or with `テン`: the
            // icon's name or links to missing templates may go.
            // (`utf8.first` called the unspecialized `Collection.first`, 7,751 calls, 232 K
            // instructions on the 4 MB slice; the bytes' `first` is inlined.)
            switch doc.blocks[i].text.withUTF8Bytes({ $0.first }) {
            case .some(0x41...0x5A): Self.markImageFileName(&doc.blocks[i], context: &context)
            case .some(0xE3): templateLinks = templateLinks || Self.opensWithTemplatePrefix(doc.blocks[i].text)
            default: break
            }
        }
        // Only on a page with a line that opens so (most have none).
        if templateLinks { Self.markMissingTemplateLinks(&doc.blocks, context: &context) }
        markAnnouncedLines(&doc.blocks, context: &context)
        Self.markSubtitleLines(&doc.blocks, rules: subtitleRules, context: &context)
        markMenuRuns(&doc.blocks, context: &context)
        Self.markMenuTails(&doc.blocks, menus: menuRuleIDs, context: &context)
        Self.markLanguageLists(&doc.blocks, announcing: languageListRules, context: &context)
        Self.markSideBlocks(&doc.blocks, announcing: sideBlockRules, blockHeaders: blockHeaderRules, context: &context)
        Self.markNavboxes(&doc.blocks, announcing: navboxRules, context: &context)
        Self.markPageViews(&doc.blocks, announcing: pageViewRules, context: &context)
        Self.markFileCaptions(&doc.blocks, announcing: fileLinkRules, context: &context)
        Self.markPageFrame(&doc.blocks, posts: pageFrame.posts, footerMenus: pageFrame.footerMenus, context: &context)
        markLineTOC(&doc.blocks, context: &context)
        if let rule = rules.tocRule { Self.markGluedUnmarkedTOC(&doc.blocks, headings: tocHeadingBytes, rule: rule, context: &context) }
        markInfoboxLines(&doc.blocks, context: &context)
        Self.markInfoboxHeader(&doc.blocks, rules: rules, context: &context)
        Self.markPortableInfobox(&doc.blocks, rules: rules, context: &context)
        Self.markKeyValueInfobox(&doc.blocks, rules: rules, context: &context)
        Self.markInfoboxUnderTagline(&doc.blocks, rules: rules, context: &context)
        return nil
    }

    // MARK: - One line

    private struct Span {
        var start: Int
        var end: Int
        var rule: String
        var dropsLine: Bool
        var signal: Block.Signal?
        /// A rule of the `after-mark` place (the span ends the line, after a truncation mark).
        var afterMark = false
    }

    /// What became of a paragraph line.
    private enum LineOutcome {
        case unchanged
        /// Chrome was cut out (or a cut-off phrase before a truncation mark): the new text.
        case text(String)
        /// The whole line is chrome.
        case chrome(rule: String, signal: Block.Signal?)
    }

    /// `next`: the line after it when that is a paragraph (asked only when a rule claims the
    /// whole line: a title over its reading stays). `spans`: storage for the line's spans (its
    /// contents are dropped first).
    private func stripLine(
        _ text: String, line: Int?, spans: inout [Span], context: inout StageContext, next: () -> String? = { nil }
    ) -> LineOutcome {
        // (Popped one by one: `removeAll(keepingCapacity:)` cost ~160 instructions a line.)
        while spans.popLast() != nil {}
        // A link after a truncation mark (`...[続きを読む]`), when the line ends in it: the text
        // before it (up to the mark) and the link's span.
        var beforeLink: (text: String, link: Span)?
        // Nothing matched and no truncation mark: the line stays as it is. No match but a
        // truncation mark: only a cut-off phrase before it may go, found on the bytes.
        let early: LineOutcome? = text.withUTF8Bytes { p -> LineOutcome? in
            let (lineStart, lineEnd) = Self.trimmedBounds(p)
            let ellipsisStart = Self.ellipsisStart(p, lineStart, lineEnd)
            collectSpans(p, lineStart, lineEnd, ellipsisStart, into: &spans)
            if spans.count > 1 { Self.yieldWholeLineToHeadCut(&spans, preview: ellipsisStart != nil) }
            if ellipsisStart == nil, let link = spans.first(where: \.afterMark) {
                let (a, b) = Self.trimmedBounds(UnsafeBufferPointer(rebasing: p[..<link.start]))
                beforeLink = (Self.string(p, a, b), link)
                return nil
            }
            guard spans.isEmpty else { return nil }
            guard let ell = ellipsisStart, ell > lineStart, let (phrase, start) = truncatedTailStart(p, lineStart, ell) else {
                return .unchanged
            }
            Self.recordRemoval(rule: rules.phrases[phrase].id, p, start, ell, line: line, context: &context)
            // The text without the cut-off phrase, trimmed: (0..<start) + (ell..<count).
            let tail = UnsafeBufferPointer(rebasing: p[ell..<p.count])
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: start + tail.count) { out -> LineOutcome in
                let base = out.baseAddress!
                if start > 0 { base.update(from: p.baseAddress!, count: start) }
                if tail.count > 0 { (base + start).update(from: tail.baseAddress!, count: tail.count) }
                let kept = UnsafeBufferPointer(start: base, count: start + tail.count)
                let (a, b) = Self.trimmedBounds(kept)
                return .text(Self.string(kept, a, b))
            }
        }
        if let early { return early }
        // The link goes, and the rest is read as a line that ends in its mark, as the rules
        // that look at the mark see it (a contents list that the mark cuts off).
        if let (rest, link) = beforeLink {
            text.withUTF8Bytes { Self.recordRemoval(rule: link.rule, $0, link.start, link.end, line: line, context: &context) }
            var restSpans: [Span] = []
            switch stripLine(rest, line: line, spans: &restSpans, context: &context) {
            case .unchanged: return .text(rest)
            case let outcome: return outcome
            }
        }
        // A rule that claims the whole line wins over any overlapping cut, unless the line's
        // prose comes first (`…となった。シェアボタン: …`): see ``proseBeforeDrop``.
        if let drop = spans.first(where: \.dropsLine) {
            if let next = next(), Self.isTitleOverItsReading(text, drop.start, drop.end, next) { return .unchanged }
            if let prose = Self.proseBeforeDrop(text, spans, line: line, context: &context) { return .text(prose) }
            context.recordRemoval(rule: drop.rule, text: text, line: line)
            return .chrome(rule: drop.rule, signal: drop.signal)
        }
        Self.keepNonOverlapping(&spans)
        // Whether a byte was cut: the text changed (no string comparison needed; a cut of
        // one scalar or more leaves no canonically equivalent text).
        let cut = spans.contains { $0.end > $0.start }
        // The text between the spans, put together in a temporary buffer, not an array, and
        // read on its bytes from there on (a cut-off phrase before a truncation mark, the
        // trimming): one `String` is made, of what is left. Spans cut at character boundaries
        // leave well-formed UTF-8; a cut inside a character (no rule is known to make one) is
        // first made the `String` `String(decoding:as:)` repairs, as it always was.
        return text.withUTF8Bytes { p in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: p.count) { out -> LineOutcome in
                var n = 0
                func keep(_ from: Int, _ to: Int) {
                    guard to > from else { return }
                    (out.baseAddress! + n).update(from: p.baseAddress! + from, count: to - from)
                    n += to - from
                }
                var at = 0
                var onBoundaries = true
                for span in spans {
                    keep(at, span.start)
                    Self.recordRemoval(rule: span.rule, p, span.start, span.end, line: line, context: &context)
                    onBoundaries = onBoundaries && Self.isCharacterBoundary(p, span.start) && Self.isCharacterBoundary(p, span.end)
                    at = span.end
                }
                keep(at, p.count)
                let kept = UnsafeBufferPointer(rebasing: out[0..<n])
                if onBoundaries { return keptOutcome(kept, spans, cut: cut, line: line, context: &context) }
                return String(decoding: kept, as: UTF8.self).withUTF8Bytes { keptOutcome($0, spans, cut: cut, line: line, context: &context) }
            }
        }
    }

    /// What is left of a line once its spans are cut out, `kept` (well-formed UTF-8): without a
    /// cut-off phrase before its truncation mark (``truncatedTailStart(_:_:_:)``), trimmed. The
    /// line is chrome when nothing but a truncation mark is left.
    private func keptOutcome(
        _ kept: UnsafeBufferPointer<UInt8>, _ spans: [Span], cut: Bool, line: Int?, context: inout StageContext
    ) -> LineOutcome {
        let (a, b) = Self.trimmedBounds(kept)
        guard let ell = Self.ellipsisStart(kept, a, b), ell > a, let (phrase, start) = truncatedTailStart(kept, a, ell) else {
            return keptOutcome(trimmed: UnsafeBufferPointer(rebasing: kept[a..<b]), spans, cut: cut)
        }
        Self.recordRemoval(rule: rules.phrases[phrase].id, kept, start, ell, line: line, context: &context)
        // (0..<start) + (ell..<count), trimmed.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: kept.count) { out -> LineOutcome in
            let base = out.baseAddress!
            if start > 0 { base.update(from: kept.baseAddress!, count: start) }
            if kept.count > ell { (base + start).update(from: kept.baseAddress! + ell, count: kept.count - ell) }
            let rest = UnsafeBufferPointer(start: base, count: start + kept.count - ell)
            let (a, b) = Self.trimmedBounds(rest)
            return keptOutcome(trimmed: UnsafeBufferPointer(rebasing: rest[a..<b]), spans, cut: cut || ell > start)
        }
    }

    /// The outcome for the trimmed text left of a line whose spans were cut out.
    private func keptOutcome(trimmed: UnsafeBufferPointer<UInt8>, _ spans: [Span], cut: Bool) -> LineOutcome {
        if trimmed.isEmpty || Self.isOnlyEllipsis(trimmed) {
            let main = spans.max(by: { $0.end - $0.start < $1.end - $1.start })!
            return .chrome(rule: main.rule, signal: spans.compactMap(\.signal).first)
        }
        return cut ? .text(UTF8Validation.knownValidString(trimmed)) : .unchanged
    }

    /// Whether byte offset `i` of `p` starts a character (or is its end).
    @inline(__always)
    private static func isCharacterBoundary(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool { i >= p.count || p[i] & 0xC0 != 0x80 }

    /// Page chrome glued after a line's prose (`…となった。シェアボタン: このページを…`, a
    /// footer glued to the last paragraph): when the first whole-line match is a page end's and
    /// starts after a sentence end, the prose before it stays (its own cuts made) and the line
    /// from the match on goes. Only a page end's: a signature's line (`見学しました。 -- 名前
    /// 2024-…`) is a comment as a whole, and after a page start comes another page. Nil (the
    /// whole line goes) otherwise; the removals are recorded when it keeps prose.
    private static func proseBeforeDrop(_ text: String, _ spans: [Span], line: Int?, context: inout StageContext) -> String? {
        var first: Span?
        for span in spans where span.dropsLine && span.start < (first?.start ?? .max) { first = span }
        guard let drop = first, drop.start > 0, drop.signal == .pageEnd else { return nil }
        // No span may run across the match's start.
        guard !spans.contains(where: { $0.start < drop.start && $0.end > drop.start }) else { return nil }
        var before = spans.filter { $0.end <= drop.start }
        keepNonOverlapping(&before)
        return text.withUTF8Bytes { p -> String? in
            var kept: [UInt8] = []
            kept.reserveCapacity(drop.start)
            var at = 0
            for span in before {
                kept.append(contentsOf: UnsafeBufferPointer(rebasing: p[at..<span.start]))
                at = span.end
            }
            kept.append(contentsOf: UnsafeBufferPointer(rebasing: p[at..<drop.start]))
            let prose = kept.withUnsafeBufferPointer { k -> String? in
                let (a, b) = trimmedBounds(k)
                // Ends a sentence: `。`.
                guard b - a > 3, k[b - 3] == 0xE3, k[b - 2] == 0x80, k[b - 1] == 0x82 else { return nil }
                return string(k, a, b)
            }
            guard let prose else { return nil }
            for span in before { recordRemoval(rule: span.rule, p, span.start, span.end, line: line, context: &context) }
            recordRemoval(rule: drop.rule, p, drop.start, p.count, line: line, context: &context)
            return prose
        }
    }

    /// The phrase rules, glued TOCs, infobox markers and breadcrumbs found in a line.
    private func collectSpans(
        _ p: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ lineEnd: Int, _ ellipsisStart: Int?, into spans: inout [Span]
    ) {
        // Where the paragraph after a heading glued before it starts (`脚注[編集]^ …`), found
        // when a rule that must start the line matches later in it; -1 for none.
        var gluedHeadingEnd: Int?
        func paragraphAfterHeading() -> Int {
            if let known = gluedHeadingEnd { return known }
            let found = Self.paragraphStartAfterGluedHeading(p, lineStart, lineEnd) ?? -1
            gluedHeadingEnd = found
            return found
        }
        /// Phrase rule `index` at its anchor's start. Not inlined: in the loop over a group's
        /// rules, its accesses to the spans and the heading's end (captured, so checked at run
        /// time) were begun for every group found, not for the few rules tried.
        @inline(never)
        func considerRule(
            _ index: Int, _ anchorStart: Int, _ seen: UnsafeMutableBufferPointer<UInt64>, _ triedFromLineStart: UnsafeMutableBufferPointer<UInt64>
        ) {
            // (The literals it needs are all in the line: ``hasRequiredLiterals``, asked
            // before the call.)
            let shape = phraseShapes[index]
            var start = anchorStart
            if !shape.startsWithAnchor {
                // Tried once a line (a bit per phrase rule, not a `Set` per line).
                let bit: UInt64 = 1 << UInt64(index & 63)
                guard triedFromLineStart[index >> 6] & bit == 0 else { return }
                triedFromLineStart[index >> 6] |= bit
                start = lineStart
            }
            // A rule that starts the line also starts the paragraph of a heading glued before
            // it: split-headings makes that paragraph a line of its own.
            let afterHeading = shape.place == .start && start != lineStart
                && (start == paragraphAfterHeading() || Self.startsAfterGluedMarker(p, lineStart, start))
            if (shape.place == .line || shape.place == .start) && start != lineStart && !afterHeading { return }
            // After a mark: the byte before is a dot (`.`, `．`), an ellipsis (`…`, `‥`) or a space; a byte, not a match.
            if shape.place == .afterMark, start == lineStart || !Self.mayEndMark(p[start - 1]) { return }
            // Where the match must end (-1: anywhere), two offsets at most, no array.
            let (end1, end2): (Int, Int)
            switch shape.place {
            case .line, .afterMark: (end1, end2) = (lineEnd, lineEnd)
            case .end: (end1, end2) = (lineEnd, ellipsisStart ?? lineEnd)
            default: (end1, end2) = (-1, -1)
            }
            // A template that ends with literal text ends where its last scalar is read:
            // the character before the end must read so (one decoded character, not a match).
            if end1 >= 0, let last = shape.lastScalar, !Self.endsReading(last, p, end1) && (end2 == end1 || !Self.endsReading(last, p, end2)) {
                return
            }
            guard let end = templates.match(index, p, at: start, endingAt: end1, or: end2) else { return }
            switch shape.place {
            case .line:
                guard start == lineStart && end == lineEnd else { return }
                // A line that is one edit marker (`[編集 | ソースを編集]`, which a PukiWiki navibar
                // group's shape also fits) stays for split-headings: the line over it is a heading.
                if shape.dropsLine, p[lineStart] == 0x5B || p[lineStart] == 0xEF || p[lineStart] == 0xE3,
                    EditMarkers.match(p, at: lineStart, end: lineEnd) == lineEnd
                { return }
            case .start:
                guard start == lineStart || afterHeading else { return }
                if shape.viewTitle && Self.sentenceFollows(p, end, lineEnd) { return }
            case .end: guard end == lineEnd || end == ellipsisStart else { return }
            // Bytes before the match: dots or an ellipsis character, and text before them.
            case .afterMark: guard end == lineEnd, start > lineStart, let ell = Self.ellipsisStart(p, lineStart, start), ell > lineStart else { return }
            case .anywhere: break
            }
            if afterHeading && shape.dropsLine {
                // The paragraph goes, the heading stays, and so does the next heading glued after it.
                // A preview's truncation mark stays for detect-boundaries.
                let end = Self.nextGluedHeadingStart(p, start, lineEnd) ?? ellipsisStart ?? lineEnd
                Self.append(to: &spans, Span(start: start, end: end, rule: rules.phrases[index].id, dropsLine: false, signal: shape.signal))
                return
            }
            Self.append(to: &spans,
                Span(start: start, end: end, rule: rules.phrases[index].id, dropsLine: shape.dropsLine, signal: shape.signal, afterMark: shape.place == .afterMark))
        }
        /// Automaton phrase `index` (a TOC heading or an infobox end marker) at its start.
        func consider(_ index: Int, _ anchorStart: Int) {
            if index < infoboxBase {
                guard let rule = rules.tocRule,
                    let end = Self.gluedTOCEnd(p, anchorStart, heading: markerLiterals[index - tocBase], lineEnd: lineEnd, ellipsisStart: ellipsisStart)
                else { return }
                Self.append(to: &spans, Span(start: anchorStart, end: end, rule: rule, dropsLine: false, signal: nil))
            } else {
                guard let rule = rules.infoboxRule else { return }
                // The marker's raw end: read it again in its matching form.
                guard let end = Template.matchLiteral(markerLiterals[index - tocBase], p, at: anchorStart) else { return }
                // The infobox runs from the last sentence end before the marker.
                var s = anchorStart
                while s > lineStart {
                    let d = UTF8Scan.decodeBefore(p, s)
                    if d.scalar == 0x3002 { break }
                    s -= d.length
                }
                Self.append(to: &spans, Span(start: s, end: end, rule: rule, dropsLine: false, signal: nil))
            }
        }
        // One pass collects the anchors (in order of their end) and the literals seen;
        // then each anchor is checked.
        // Bit sets, one allocation: the literals seen, the rules matched from the line start
        // whose anchor was met, and those tried.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: seenWords + 2 * triedWords) { words in
            words.initialize(repeating: 0)
            let seen = UnsafeMutableBufferPointer(rebasing: words[0..<seenWords])
            // (words[seenWords..<seenWords + triedWords]: the bits of `met`, which the scan sets.)
            let tried = UnsafeMutableBufferPointer(rebasing: words[(seenWords + triedWords)...])
            withUnsafeTemporaryAllocation(of: (index: Int, start: Int).self, capacity: 64) { buffer in
                var count = 0
                var more: [(index: Int, start: Int)] = []
                // The literals only set their bits in `seen`; the rules matched from the line
                // start set theirs in `met` and are reported once, at their first anchor. An
                // anchor's start is left pending: most anchors fail the test below, and need
                // none.
                automaton.scanValidUTF8(p, flags: words.baseAddress!, defersStarts: true) { index, start in
                    if count < buffer.count {
                        buffer[count] = (index, start)
                        count += 1
                    } else {
                        more.append((index, start))
                    }
                }
                // A phrase rule is tried only when every literal it needs is in the line and the
                // line's ends read as its match would need (cheap necessary conditions, asked
                // here: most anchors fail them, without a call nor a step back to their start).
                var ends = LineEnds(p, lineStart, lineEnd, ellipsisStart)
                // (No nested function here: one that captured `ends` would have it boxed, and
                // checked for exclusive access at every use; nor are `count` and `more`, which
                // the scan's closure captured, read in the loop, for the same reason.)
                let inBuffer = count
                let spilled = more
                let opening = UnsafePointer(openingBits.words)
                memberTests.withUnsafeBufferPointer { tests in
                    ruleGroupStart.withUnsafeBufferPointer { groupStart in
                        for k in 0..<(inBuffer + spilled.count) {
                            let (index, code) = k < inBuffer ? buffer[k] : spilled[k - inBuffer]
                            guard index < tocBase else {
                                consider(index, automaton.resolvedStart(of: index, code, in: p))
                                continue
                            }
                            // The rules of the group that pass, in rule order, from the group's
                            // start (stepped back to once, for the first of them).
                            var start = Int.min
                            var anchorEnd = Int.min
                            for m in Int(groupStart[index])..<Int(groupStart[index &+ 1]) {
                                // The literals first, read alone: most members fail there (on the
                                // 4 MB slice, 85 K of 91 K), and a copy of the whole record loaded
                                // every field of it before the test.
                                let t = tests.baseAddress! + m
                                let word = Int(t.pointee.word)
                                if word >= 0 {
                                    let mask = t.pointee.mask
                                    guard seen[word] & mask == mask else { continue }
                                } else {
                                    guard hasRequiredLiterals(Int(t.pointee.rule), seen) else { continue }
                                }
                                let test = t.pointee
                                let rule = Int(test.rule)
                                guard mayMatch(test.ends, &ends) else { continue }
                                if test.opening >= 0 {
                                    // Where the template's first step after the anchor reads (the
                                    // anchor's end, worked out once for the group; -1 when the scan
                                    // left it unknown: no test), or the line's start.
                                    var at = lineStart
                                    if test.opensAfterAnchor {
                                        if anchorEnd == Int.min { anchorEnd = automaton.pendingEnd(code, in: p) ?? -1 }
                                        at = anchorEnd
                                    }
                                    if at >= 0 && !Template.OpeningClasses.mayOpen(opening + Int(test.opening), p, at) { continue }
                                }
                                if start == Int.min { start = automaton.resolvedStart(of: index, code, in: p) }
                                considerRule(rule, start, seen, tried)
                            }
                        }
                    }
                }
            }
            if let rule = rules.breadcrumbRule,
                breadcrumbSeparators.contains(where: { seen[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }),
                let end = Self.breadcrumbEnd(p, lineStart, lineEnd, maxCrumb: rules.maximumCrumbLength)
            {
                Self.append(to: &spans, Span(start: lineStart, end: end, rule: rule, dropsLine: false, signal: nil))
            }
        }
    }

    /// Appends `span` to a line's spans, with room for four made at the first: a line that has
    /// spans mostly has several (on the 4 MB slice, 3,200 growths of the array for ~2,200
    /// lines, ~300 instructions each).
    @inline(__always)
    private static func append(to spans: inout [Span], _ span: Span) {
        if spans.capacity == 0 { spans.reserveCapacity(4) }
        spans.append(span)
    }

    /// Whether the literals that phrase rule `index` needs besides its anchor are all in the
    /// line (`seen`).
    @inline(__always)
    private func hasRequiredLiterals(_ index: Int, _ seen: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        for k in Int(requiredLiteralStart[index])..<Int(requiredLiteralStart[index + 1]) {
            let id = Int(requiredLiteralIDs[k])
            if seen[id >> 6] & (1 << UInt64(id & 63)) == 0 { return false }
        }
        return true
    }

    /// Whether a phrase rule whose match needs the line's ends to read `e` may match in a line
    /// whose ends read `ends`: false when ``considerRule`` would turn it down for what the
    /// line's ends read (the last scalar of its literal end, ``endsReading(_:_:_:)``, or the
    /// first scalar of its anchor where a match must start the line), whatever its start.
    @inline(__always)
    private func mayMatch(_ e: PhraseEnds, _ ends: inout LineEnds) -> Bool {
        if e.last != 0 && e.last != ends.last() && !(e.orBeforeMark && e.last == ends.lastBeforeMark()) { return false }
        if e.first != 0 {
            let (a, b) = ends.first()
            if e.first != a && e.first != b { return false }
        }
        return true
    }

    /// What the character before `end` reads last in its matching form, as
    /// ``endsReading(_:_:_:)`` reads it; 0 when `end` is 0.
    @inline(__always)
    static func reading(before end: Int, _ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard end > 0 else { return 0 }
        let f = UTF8Scan.matchFold(UTF8Scan.decodeBefore(p, end).scalar)
        return f.second != 0 ? f.second : f.first
    }

    /// Whether the character before `end` (> 0) reads, in its matching form, with `scalar` last:
    /// where a match whose last piece is literal text ending in `scalar` can end.
    @inline(__always)
    static func endsReading(_ scalar: UInt32, _ p: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        guard end > 0 else { return false }
        let f = UTF8Scan.matchFold(UTF8Scan.decodeBefore(p, end).scalar)
        return (f.second != 0 ? f.second : f.first) == scalar
    }

    /// The offset where the paragraph of a line that opens with a heading and its edit
    /// marker starts (`脚注[編集]` + `^ 注…`), past the footnote-help link MediaWiki puts
    /// after the 脚注 heading (`[脚注の使い方]`, which a rule cuts) and past a subheading
    /// glued after it (`脚注[編集][脚注の使い方]注釈[編集]^ …`); nil when the line does not
    /// open with a heading of at most 40 bytes and a marker.
    static func paragraphStartAfterGluedHeading(_ p: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ lineEnd: Int) -> Int? {
        guard var end = headingEnd(p, lineStart, lineEnd) else { return nil }
        for _ in 0..<3 {
            guard let next = headingEnd(p, end, lineEnd) else { break }
            end = next
        }
        return end
    }

    /// The end of a heading of at most 40 bytes and its edit marker at `lineStart` (and of
    /// the footnote-help link and spaces after them).
    private static func headingEnd(_ p: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ lineEnd: Int) -> Int? {
        var i = lineStart
        while i < lineEnd && i - lineStart <= 40 {
            let b = p[i]
            // `[` or the first byte of `［` (EF BC BB); a sentence end (`。`, E3 80 82) is no heading.
            if isMarkerOpen(p, i, lineEnd) {
                guard i > lineStart else { return nil }
                return markerEnd(p, i, lineEnd)
            }
            if b == 0xE3 && i + 2 < lineEnd && p[i + 1] == 0x80 && p[i + 2] == 0x82 { return nil }
            i += 1
        }
        return nil
    }

    /// `[` or the first byte of `［` (EF BC BB) at `i`.
    @inline(__always)
    private static func isMarkerOpen(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ lineEnd: Int) -> Bool {
        p[i] == 0x5B || (p[i] == 0xEF && i + 2 < lineEnd && p[i + 1] == 0xBC && p[i + 2] == 0xBB)
    }

    /// The end of an edit marker at `i` and of the spaces and footnote-help link after it, or nil.
    private static func markerEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ lineEnd: Int) -> Int? {
        guard var j = EditMarkers.match(p, at: i, end: lineEnd) else { return nil }
        while j < lineEnd && p[j] == 0x20 { j += 1 }
        let help = footnoteHelp
        if lineEnd - j >= help.count && (0..<help.count).allSatisfy({ p[j + $0] == help[$0] }) {
            j += help.count
            while j < lineEnd && p[j] == 0x20 { j += 1 }
        }
        return j
    }

    /// Whether `start` is right after a heading's edit marker later in the line
    /// (`…。出典[編集]^ 国土交通省…`: a note list glued after a second heading of the line),
    /// the marker opening at most 40 bytes back, after a heading of at most 40 bytes that
    /// follows a sentence end or another marker (`本文である。[編集]` has none).
    static func startsAfterGluedMarker(_ p: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ start: Int) -> Bool {
        // The byte before is the marker's `]`, the last byte of `］` (EF BC BD) or a space.
        let last = p[start - 1]
        guard last == 0x5D || last == 0xBD || last == 0x20 else { return false }
        var i = start - 1
        while i > lineStart && start - i <= 40 {
            if isMarkerOpen(p, i, start) {
                guard markerEnd(p, i, start) == start else { return false }
                // The heading: back to a sentence end or another marker's `]`, not empty.
                var k = i
                while k > lineStart && i - k <= 40 {
                    if p[k - 1] == 0x5D || (k - 3 >= lineStart && p[k - 3] == 0xE3 && p[k - 2] == 0x80 && p[k - 1] == 0x82) { return k < i }
                    k -= 1
                }
                return false
            }
            i -= 1
        }
        return false
    }

    /// Where the next heading glued into the line after `from` starts (`…3位。出典[編集]…`): the
    /// heading of at most 40 bytes between a sentence end (`。`) and the next edit marker, or a
    /// trailing section's word right before the marker (`…「石狩川水系」参考文献[編集]…`); nil
    /// when there is no marker, or neither before it.
    static func nextGluedHeadingStart(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ lineEnd: Int) -> Int? {
        var i = from
        var afterKuten = -1
        while i < lineEnd {
            let b = p[i]
            if b == 0xE3 && i + 2 < lineEnd && p[i + 1] == 0x80 && p[i + 2] == 0x82 {
                afterKuten = i + 3
                i += 3
                continue
            }
            if isMarkerOpen(p, i, lineEnd), EditMarkers.match(p, at: i, end: lineEnd) != nil {
                if afterKuten > from, i > afterKuten, i - afterKuten <= 40 { return afterKuten }
                for word in trailingSectionWordBytes where i - from > word.count {
                    if (0..<word.count).allSatisfy({ p[i - word.count + $0] == word[$0] }) { return i - word.count }
                }
                return nil
            }
            i += 1
        }
        return nil
    }

    private static let footnoteHelp = Array("[脚注の使い方]".utf8)

    /// ``HeadingAnchors/trailingSectionWords`` in UTF-8.
    private static let trailingSectionWordBytes = HeadingAnchors.trailingSectionWords.map { Array($0.utf8) }

    /// A 16-bit hash of two scalars.
    @inline(__always)
    private static func pairHash(_ a: UInt32, _ b: UInt32) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a) << 32 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15) >> 48)
    }

    /// The text between two byte offsets.
    @inline(__always)
    private static func string(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
    }

    /// Records that `rule` cut `p[from..<to]` out of the line `p` (well-formed UTF-8). A slice
    /// that starts and ends on character boundaries is well-formed too, and is counted on its
    /// bytes; any other is counted as the `String` `String(decoding:as:)` makes of it (with
    /// replacement characters), as it always was.
    private static func recordRemoval(
        rule: String, _ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, line: Int?, context: inout StageContext
    ) {
        func isBoundary(_ i: Int) -> Bool { i >= p.count || p[i] & 0xC0 != 0x80 }
        if isBoundary(from) && isBoundary(to) {
            context.recordRemoval(rule: rule, validUTF8: UnsafeBufferPointer(rebasing: p[from..<to]), line: line)
        } else {
            context.recordRemoval(rule: rule, text: string(p, from, to), line: line)
        }
    }

    /// A cut that opens the line and leaves text after it wins over a whole-line rule from the
    /// same start whose wildcard took that text, when the cut is a page's header (a page start:
    /// Seesaa's `最終更新： … 14:05:22` glued to the page's first heading, `…14:05:22概要`, is no
    /// footer `最終更新: …`) or the text is a preview (the line ends in a truncation mark: a date
    /// a list of pages glues before another page's cut-off lead, `更新日：2024年05月01日 霊台橋は、…...`,
    /// is no metadata line). The whole-line rule's span goes.
    /// Linear in the spans (a line may hold thousands of matches).
    private static func yieldWholeLineToHeadCut(_ spans: inout [Span], preview: Bool) {
        guard spans.contains(where: \.dropsLine) else { return }
        // The shortest such cut at each start.
        var cutEnd: [Int: Int] = [:]
        for s in spans where !s.dropsLine && (preview || s.signal == .pageStart) { cutEnd[s.start] = min(cutEnd[s.start] ?? .max, s.end) }
        guard !cutEnd.isEmpty else { return }
        spans.removeAll { s in s.dropsLine && cutEnd[s.start].map { s.end > $0 } == true }
    }

    /// Leftmost matches first, the longest at each start; overlapping later ones dropped. In
    /// place: sorted where they stand and the kept ones moved down (a sorted copy and an array
    /// of the kept ones grown an append at a time took two to four allocations a line of
    /// several spans: on the 4 MB slice, 502 lines, ~2,000 instructions each). The same order:
    /// `sorted(by:)` is a copy sorted by `sort(by:)`.
    private static func keepNonOverlapping(_ spans: inout [Span]) {
        // One span (most lines that have any): nothing to sort, nothing to drop.
        if spans.count <= 1 { return }
        spans.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var kept = 0
        var end = -1
        for k in spans.indices where spans[k].start >= end {
            end = spans[k].end
            if kept != k { spans.swapAt(kept, k) }
            kept += 1
        }
        spans.removeLast(spans.count - kept)
    }

    /// Where a cut-off phrase head starts before the truncation mark at `ell` (> `lineStart`),
    /// and the phrase: the earliest of the last 40 characters before the mark from which the
    /// rest up to the mark, in its matching form, is a prefix of a phrase's literal head (at
    /// least `truncatedPrefixMinimum` scalars long); the first such phrase in rule order.
    ///
    /// Every pair of consecutive scalars of a head from its `truncatedPrefixMinimum - 1`-th on
    /// is in ``truncationTailPairs``: a rest of `r` scalars that is a head's prefix reads such a
    /// pair at each of its last `r - (truncatedPrefixMinimum - 1)` scalars. So the first pair,
    /// back from the mark, that is in no head (at `j` scalars from the mark) bounds the rest to
    /// `j + truncatedPrefixMinimum - 1` scalars, and the walk back stops there (it tested the
    /// last pair only, then walked the whole longest head back: on the 4 MB slice, 396 lines
    /// passed that test and walked 39 characters each, ~7,500 instructions a line).
    private func truncatedTailStart(_ p: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ ell: Int) -> (phrase: Int, start: Int)? {
        let minimum = rules.truncatedPrefixMinimum
        let longest = longestTruncationHead
        guard longest > 0 else { return nil }
        // Back from the mark, character by character (at most 40), while the rest up to the
        // mark still fits in the longest head: its matching form in reverse, and for each
        // character where it starts, how long the rest is from there, and its first scalar.
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: longest + 2) { folded -> (phrase: Int, start: Int)? in
            withUnsafeTemporaryAllocation(of: (raw: Int, rest: Int, first: UInt32).self, capacity: 40) { chars -> (phrase: Int, start: Int)? in
                var s = ell
                var n = 0
                var nf = 0
                // The longest rest that may be a head's prefix, bounded by the first pair back
                // from the mark that is in no head (see above); `paired`: the pairs tested so
                // far (none to test without the pairs).
                var limit = longest
                let pairsFrom = max(1, minimum - 1)
                var paired = truncationTailPairs.isEmpty ? Int.max : 0
                while s > lineStart && n < 40 {
                    let d = UTF8Scan.decodeBefore(p, s)
                    let f = UTF8Scan.matchFold(d.scalar)
                    let add = (f.first != 0 ? 1 : 0) + (f.second != 0 ? 1 : 0)
                    // Too long from here on: no start at or before this character can match.
                    if nf + add > limit { break }
                    s -= d.length
                    if f.second != 0 {
                        folded[nf] = f.second
                        nf += 1
                    }
                    if f.first != 0 {
                        folded[nf] = f.first
                        nf += 1
                    }
                    chars[n] = (s, nf, f.first)
                    n += 1
                    while paired < nf - 1 {
                        let h = Self.pairHash(folded[paired + 1], folded[paired])
                        if truncationTailPairs[h >> 6] & (1 << UInt64(h & 63)) == 0 {
                            limit = min(limit, paired + pairsFrom)
                            // Every head the rest can be a prefix of ends in the last two scalars.
                            if limit < minimum { return nil }
                            paired = Int.max
                            break
                        }
                        paired += 1
                    }
                }
                return truncationHeadScalars.withUnsafeBufferPointer { heads -> (phrase: Int, start: Int)? in
                    // Earliest start first.
                    var c = n - 1
                    while c >= 0 {
                        defer { c -= 1 }
                        let (raw, rest, first) = chars[c]
                        guard rest >= minimum, rest <= limit, headFirstScalars.contains(first), let range = truncationHeadRanges[first] else { continue }
                        for h in range {
                            let head = truncationHeads[h]
                            guard rest <= head.count else { continue }
                            var k = 0
                            while k < rest && folded[rest - 1 - k] == heads[head.start + k] { k += 1 }
                            if k == rest { return (head.phrase, raw) }
                        }
                    }
                    return nil
                }
            }
        }
    }

    // MARK: - Shapes

    /// `A > B > C` at the start of a line. The last crumb is the page title, which the
    /// page repeats right after it (`… > 高等工業学校高等工業学校(こうとう…`); without that
    /// repetition only a breadcrumb that fills the line is cut whole.
    ///
    /// A crumb's characters are passed over in C (``cicu_crumb_walk``: on the 4 MB slice, 643
    /// lines with a separator somewhere walked 29 K characters, ~38 instructions each decoded
    /// here); the tests check this against ``breadcrumbEndByScalars(_:_:_:maxCrumb:)``.
    static func breadcrumbEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, maxCrumb: Int) -> Int? {
        guard start < end, let base = p.baseAddress else { return nil }
        var i = start
        var separators = 0
        var lastSeparatorEnd = start
        while i < end {
            // The next separator or stop, after a crumb of at most `maxCrumb` characters.
            let at = Int(cicu_crumb_walk(base, Int64(start), Int64(i), Int64(end), Int64(maxCrumb)))
            if at < 0 || at >= end { break }
            let d = UTF8Scan.decode(p, at)
            // (`。`, `、` and a line break read so unfolded: ``UTF8Scan/fold(_:)`` folds nothing
            // to them.)
            if d.scalar == 0x3002 || d.scalar == 0x3001 || d.scalar == 0x0A { break }
            // A separator: ` > ` with spaces, `＞` or `›`, after a crumb.
            guard at > i else { return nil }
            i = at + d.length
            i = spacesEnd(p, i, end)
            separators += 1
            lastSeparatorEnd = i
        }
        guard separators >= 1 else { return nil }
        return doubledCrumbEnd(p, lastSeparatorEnd, end, maxCrumb: maxCrumb)
    }

    /// ``breadcrumbEnd(_:_:_:maxCrumb:)`` character by character: the general loop.
    static func breadcrumbEndByScalars(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, maxCrumb: Int) -> Int? {
        var i = start
        var crumbLength = 0
        var separators = 0
        var lastSeparatorEnd = start
        while i < end {
            let d = UTF8Scan.decode(p, i)
            let spaced = d.scalar == 0x3E && i > start && p[i - 1] == 0x20 && i + 1 < end && p[i + 1] == 0x20
            if spaced || d.scalar == 0xFF1E || d.scalar == 0x203A {
                // A separator: ` > ` with spaces, `＞` or `›`, after a crumb.
                guard crumbLength > 0 else { return nil }
                i += d.length
                i = spacesEnd(p, i, end)
                separators += 1
                lastSeparatorEnd = i
                crumbLength = 0
                continue
            }
            // (`。`, `、` and a line break read so unfolded: ``UTF8Scan/fold(_:)`` folds nothing
            // to them.)
            if d.scalar == 0x3002 || d.scalar == 0x3001 || d.scalar == 0x0A { break }
            crumbLength += 1
            if crumbLength > maxCrumb { break }
            i += d.length
        }
        guard separators >= 1 else { return nil }
        return doubledCrumbEnd(p, lastSeparatorEnd, end, maxCrumb: maxCrumb)
    }

    /// The end of the spaces from `i` on, before `end` (whole characters: `　` is three bytes):
    /// where the crumb after a separator starts.
    @inline(__always)
    private static func spacesEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end {
            let space = UTF8Scan.decode(p, i)
            guard UTF8Scan.isSpace(UTF8Scan.fold(space.scalar)) else { break }
            i += space.length
        }
        return i
    }

    /// Where a breadcrumb whose last separator ends at `lastSeparatorEnd` ends: after its last
    /// crumb when the page title repeats it, at `end` when that crumb fills the rest of the line
    /// (short, no `(`, no full-width form), else at the separator's end.
    private static func doubledCrumbEnd(_ p: UnsafeBufferPointer<UInt8>, _ lastSeparatorEnd: Int, _ end: Int, maxCrumb: Int) -> Int {
        // The last crumb, doubled: find the longest X with rest = X X …
        let rest = UnsafeBufferPointer(rebasing: p[lastSeparatorEnd..<end])
        var bestEnd: Int?
        var x = 0
        var count = 0
        while x < rest.count && count < maxCrumb {
            x += UTF8Scan.decode(rest, x).length
            count += 1
            // The first bytes first: most lengths differ there, with no call.
            if 2 * x <= rest.count && rest[0] == rest[x] && memcmp(rest.baseAddress!, rest.baseAddress! + x, x) == 0 {
                bestEnd = lastSeparatorEnd + x
            }
        }
        if let bestEnd { return bestEnd }
        if rest.count > 0 && UTF8Scan.scalarCount(rest) <= maxCrumb && !rest.contains(0x28) && !rest.contains(0xEF) {
            return end
        }
        return lastSeparatorEnd
    }

    /// `目次1 概要[編集]2 歴史[編集]…`: a table of contents copied with its edit links, whose
    /// heading is `heading` in its matching form (``UTF8Scan/matchFolded(_:)``). Ends after the
    /// last entry, or at the truncation mark when the preview cut it off.
    static func gluedTOCEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, heading: [UInt32], lineEnd: Int, ellipsisStart: Int?) -> Int? {
        // The heading's raw end: its matching form can be longer or shorter than the rule's
        // text (`目次［非表示］`, `目次[非表示]` for `目次 [非表示]`), so read it again.
        guard let headingEnd = Template.matchLiteral(heading, p, at: start), headingEnd <= lineEnd else { return nil }
        // Without edit links, only a list cut off by a preview's truncation mark.
        if let end = unmarkedTOCEndAtTruncation(p, from: headingEnd, ellipsisStart: ellipsisStart) { return end }
        var i = headingEnd
        func skipSpaces() {
            while i < lineEnd, UTF8Scan.isSpace(UTF8Scan.fold(UTF8Scan.decode(p, i).scalar)) { i += UTF8Scan.decode(p, i).length }
        }
        var entries = 0
        var lastEntryEnd = i
        while i < lineEnd {
            skipSpaces()
            // Number: 1, 2.1, 3.1.2
            let numberStart = i
            while i < lineEnd, UTF8Scan.isDigit(UTF8Scan.fold(UTF8Scan.decode(p, i).scalar)) || p[i] == 0x2E {
                i += UTF8Scan.decode(p, i).length
            }
            guard i > numberStart else { break }
            // Title up to an edit marker.
            var n = 0
            var markerEnd: Int?
            while i < lineEnd && n <= 80 {
                let d = UTF8Scan.decode(p, i)
                if d.scalar == 0x5B /* [ */ || d.scalar == 0xFF3B {
                    if let e = EditMarkers.match(p, at: i, end: lineEnd) { markerEnd = e; break }
                }
                i += d.length
                n += 1
            }
            guard let markerEnd else {
                // A cut-off last entry counts only when a truncation mark follows.
                if let ell = ellipsisStart, entries > 0, i <= ell || i == lineEnd { return ell }
                break
            }
            i = markerEnd
            entries += 1
            lastEntryEnd = i
        }
        guard entries > 0 else { return nil }
        if let ell = ellipsisStart, lastEntryEnd <= ell {
            // Whatever is left before the truncation mark is a cut-off entry (`2`, `3 テレビドラ`).
            var j = lastEntryEnd
            var onlyEntryLike = true
            var n = 0
            while j < ell {
                let d = UTF8Scan.decode(p, j)
                if d.scalar == 0x3002 { onlyEntryLike = false; break }
                j += d.length
                n += 1
            }
            if onlyEntryLike && n <= 40 { return ell }
        }
        return lastEntryEnd
    }

    // MARK: - Helpers

    /// `set.contains(ChromeRules.foldKey(text))`, on the bytes when `table` (the same words)
    /// can tell.
    static func contains(_ table: CanonicalWordTable, _ set: Set<String>, _ text: String) -> Bool {
        if let mask = text.withUTF8Bytes({ table.mask(ofFolding: $0) }) { return mask != 0 }
        return set.contains(ChromeRules.foldKey(text))
    }

    /// The bounds of `p` (well-formed UTF-8) without its leading and trailing white space
    /// (``UTF8Scan/isSpace(_:)`` of ``UTF8Scan/fold(_:)``).
    static func trimmedBounds(_ p: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        // Most lines neither start nor end with a space, which their first and last bytes
        // tell. The tests check this against the loop below.
        if p.count > 0 && !startsWithSpace(p) && !endsWithSpace(p) { return (0, p.count) }
        return trimmedBoundsByScalars(p)
    }

    /// Whether the first character of `p` (well-formed UTF-8, not empty) is white space in
    /// ``UTF8Scan/fold(_:)``: 20, 09, C2 A0 (U+00A0), E3 80 80 (U+3000), E2 80 80–8A
    /// (U+2000–200A) or E2 80 AF (U+202F).
    @inline(__always)
    static func startsWithSpace(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        switch p[0] {
        case 0x20, 0x09: return true
        case 0xC2: return n > 1 && p[1] == 0xA0
        case 0xE2: return n > 2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF)
        case 0xE3: return n > 2 && p[1] == 0x80 && p[2] == 0x80
        default: return false
        }
    }

    /// Whether the last character of `p` (well-formed UTF-8, not empty) is white space (see
    /// ``startsWithSpace(_:)``).
    @inline(__always)
    static func endsWithSpace(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        let l = p[n - 1]
        switch l {
        case 0x20, 0x09: return true
        case 0xA0: return n > 1 && p[n - 2] == 0xC2
        case 0x80...0x8A, 0xAF: return n > 2 && p[n - 2] == 0x80 && (p[n - 3] == 0xE2 || (l == 0x80 && p[n - 3] == 0xE3))
        default: return false
        }
    }

    /// ``trimmedBounds(_:)`` scalar by scalar: the general loop.
    static func trimmedBoundsByScalars(_ p: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var s = 0
        var e = p.count
        while s < e {
            let d = UTF8Scan.decode(p, s)
            guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { break }
            s += d.length
        }
        while e > s {
            let d = UTF8Scan.decodeBefore(p, e)
            guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { break }
            e -= d.length
        }
        return (s, e)
    }

    /// Whether `b` may be the last byte of a truncation mark or of a space after one (what
    /// ``ellipsisStart(_:_:_:)`` skips back over): `.`, `．` (EF BC 8E), `…` (E2 80 A6),
    /// `‥` (E2 80 A5), `・` (E3 83 BB) and `･` (EF BD A5), or a space of ``UTF8Scan/fold(_:)``
    /// (tab, U+00A0, U+2000–200A, U+202F, U+3000).
    @inline(__always) static func mayEndMark(_ b: UInt8) -> Bool {
        b == 0x2E || b == 0x20 || b == 0x09 || (b >= 0x80 && b <= 0x8E) || b == 0xA0 || b == 0xA5 || b == 0xA6 || b == 0xAF || b == 0xBB
    }

    /// Whether the character before `end` (> 0, in well-formed UTF-8) may be one that
    /// ``ellipsisStart(_:_:_:)`` skips back over: false when its bytes tell that it is no dot,
    /// ellipsis, middle dot or space (see ``mayEndMark(_:)``): `。` (E3 80 82) ends in a byte
    /// that spaces end in, and its first two bytes tell it from them.
    @inline(__always) static func mayEndInMark(_ p: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        let b = p[end - 1]
        switch b {
        case 0x2E, 0x20, 0x09, 0xA0, 0xA5, 0xA6, 0xAF, 0xBB: return true
        case 0x80...0x8E:
            // U+2000–200E (E2 80 80–8E), U+3000 (E3 80 80), `．` (EF BC 8E).
            guard end >= 3 else { return true }
            let b2 = p[end - 2]
            let b3 = p[end - 3]
            return (b2 == 0x80 && (b3 == 0xE2 || (b3 == 0xE3 && b == 0x80))) || (b == 0x8E && b2 == 0xBC && b3 == 0xEF)
        default: return false
        }
    }

    /// Whether a scalar is a middle dot (`・` U+30FB, half-width `･` U+FF65): three of them are
    /// the truncation mark of sites that cut previews with `・・・` instead of `...`.
    @inline(__always) static func isNakaguro(_ c: UInt32) -> Bool { c == 0x30FB || c == 0xFF65 }

    /// Where a trailing truncation mark (`...`, `…`, `……`, or three middle dots or more,
    /// `・・・`) starts, if the line has one. Dots and middle dots are not mixed.
    ///
    /// The marks and spaces are read back from the end on their bytes (what
    /// ``ellipsisStartByScalars(_:_:_:)`` reads, without decoding and folding each character:
    /// on the 4 MB slice 9,091 lines end in a byte that may end a mark, ~210 instructions each);
    /// middle dots, rare, go to that loop.
    static func ellipsisStart(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        // Most lines end in no mark and no space: their last bytes say so.
        guard end > start, mayEndInMark(p, end) else { return nil }
        var e = end
        var dots = 0
        var ellipses = 0
        var lastMark = end
        // The characters that fold to `.` or a space, and `…`, `‥`: each told by its last
        // bytes (well-formed UTF-8: a lead byte at `e - 2` or `e - 3` starts the character
        // that ends at `e`); any other character ends the run.
        while e > start {
            let b = p[e - 1]
            if b == 0x2E {
                dots += 1
                e -= 1
                lastMark = e
            } else if b == 0x20 || b == 0x09 {
                e -= 1
            } else if b == 0xA0 && e - 2 >= start && p[e - 2] == 0xC2 {
                // U+00A0.
                e -= 2
            } else if b >= 0x80 && e - 3 >= start {
                let b2 = p[e - 2]
                let b3 = p[e - 3]
                if b3 == 0xE2 && b2 == 0x80 && (b == 0xA5 || b == 0xA6) {
                    // `‥` U+2025, `…` U+2026.
                    ellipses += 1
                    e -= 3
                    lastMark = e
                } else if (b3 == 0xE2 && b2 == 0x80 && (b <= 0x8A || b == 0xAF)) || (b3 == 0xE3 && b2 == 0x80 && b == 0x80) {
                    // U+2000–200A, U+202F, U+3000.
                    e -= 3
                } else if b3 == 0xEF && b2 == 0xBC && b == 0x8E {
                    // `．` U+FF0E.
                    dots += 1
                    e -= 3
                    lastMark = e
                } else {
                    break
                }
            } else {
                break
            }
        }
        if dots >= 3 || ellipses >= 1 { return lastMark }
        // `・` (E3 83 BB) and `･` (EF BD A5) end in 0xBB or 0xA5: only then the middle dots.
        guard dots == 0, ellipses == 0, e > start, p[e - 1] == 0xBB || p[e - 1] == 0xA5 else { return nil }
        return ellipsisStartByScalars(p, start, end)
    }

    /// ``ellipsisStart(_:_:_:)`` scalar by scalar: the general loop.
    static func ellipsisStartByScalars(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var e = end
        var dots = 0
        var ellipses = 0
        var lastMark = end
        while e > start {
            let d = UTF8Scan.decodeBefore(p, e)
            let c = UTF8Scan.fold(d.scalar)
            if c == 0x2E { dots += 1 } else if d.scalar == 0x2026 || d.scalar == 0x2025 { ellipses += 1 } else if !UTF8Scan.isSpace(c) { break }
            e -= d.length
            if !UTF8Scan.isSpace(c) { lastMark = e }
        }
        if dots >= 3 || ellipses >= 1 { return lastMark }
        // `・` (E3 83 BB) and `･` (EF BD A5) end in 0xBB or 0xA5: only then the middle dots.
        guard dots == 0, ellipses == 0, e > start, p[e - 1] == 0xBB || p[e - 1] == 0xA5 else { return nil }
        var nakaguro = 0
        while e > start {
            let d = UTF8Scan.decodeBefore(p, e)
            let c = UTF8Scan.fold(d.scalar)
            if isNakaguro(c) { nakaguro += 1 } else if !UTF8Scan.isSpace(c) { break }
            e -= d.length
            if !UTF8Scan.isSpace(c) { lastMark = e }
        }
        return nakaguro >= 3 ? lastMark : nil
    }

    /// A whole-line match (`start..<end` is the whole trimmed line) right over its own reading
    /// in hiragana is a page's title over its reading line, not the site's chrome: ピクシブ百科事典's
    /// page about ニコニコ大百科 heads it `ニコニコ大百科` over `にこにこだいひゃっか`, which
    /// nicopedia's logo rule would take. The title has kana or kanji, the reading spells its kana.
    static func isTitleOverItsReading(_ text: String, _ start: Int, _ end: Int, _ next: String) -> Bool {
        guard text.utf8.count <= 4 * 40, next.utf8.count <= 4 * 60 else { return false }
        let (a, b) = text.withUTF8Bytes { trimmedBounds($0) }
        guard start == a, end == b else { return false }
        let title = trimmed(text), reading = trimmed(next)
        guard title.unicodeScalars.contains(where: { UTF8Scan.isKanji($0.value) || UTF8Scan.isHiragana($0.value) || UTF8Scan.isKatakana($0.value) }),
            !reading.isEmpty, reading.unicodeScalars.allSatisfy({ UTF8Scan.isHiragana($0.value) || $0 == "ー" || $0 == "・" || $0 == " " })
        else { return false }
        return DetectArticleBoundaries.isReadingLine(reading) && DetectArticleBoundaries.mayBeReadAs(title, reading)
            && DetectArticleBoundaries.spellsKana(of: title, reading)
    }

    static func trimmed(_ s: String) -> String {
        s.withUTF8Bytes { p in
            let (a, b) = trimmedBounds(p)
            if a == 0 && b == p.count { return s }
            // Spaces trimmed off a valid string: what is left is valid, copied unchecked.
            return UTF8Validation.knownValidString(UnsafeBufferPointer(rebasing: p[a..<b]))
        }
    }

    static func isOnlyEllipsis(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0 == "." || $0 == "…" }
    }

    /// ``isOnlyEllipsis(_:)`` on well-formed UTF-8: `.` (2E) and `…` (E2 80 A6) only, not empty.
    /// The tests check the two agree.
    static func isOnlyEllipsis(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !p.isEmpty else { return false }
        var i = 0
        while i < p.count {
            if p[i] == 0x2E {
                i += 1
            } else if p[i] == 0xE2 && i + 2 < p.count && p[i + 1] == 0x80 && p[i + 2] == 0xA6 {
                i += 3
            } else {
                return false
            }
        }
        return true
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
