// The strip-chrome stage and the plain-text reader exactly as they were before their fast
// paths (per-document constant sets, byte-level pre-checks, fewer String copies): the
// reference the differential tests in StripChromeFastPathTests compare the stage and the
// reader with. The reader reads lines with the production `ByteLineReader`, which the fast
// paths left unchanged. Only the type names (`ReferenceStripSiteChrome`,
// `ReferencePlainTextReader`), `isPageStartString` (renamed `referenceIsPageStartString`) and
// the access of a few declarations differ; the menus' `WordTrie` is the original one too
// (`ReferenceWordTrie`, at the end).
@testable import WikiClean

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - StripSiteChrome

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
struct ReferenceStripSiteChrome: Stage {
    public static let identifier = "strip-chrome"
    public static let summary = "Remove site chrome (menus, taglines, banners, breadcrumbs, TOC, infobox residue) by rule id."

    public let rules: ChromeRules
    private let automaton: PhraseAutomaton
    /// Literal heads of the phrase rules (folded scalars), by their first scalar: what a
    /// truncation may have cut off.
    private let headsByFirstScalar: [UInt32: [(rule: String, head: [UInt32])]]
    /// First scalars (folded) of every menu word: a line starting otherwise is no menu line.
    private let menuFirstScalars: ScalarSet
    /// First scalars of ``headsByFirstScalar``'s keys, for a quick test.
    private let headFirstScalars: ScalarSet
    private let tocBase: Int
    private let infoboxBase: Int
    /// Automaton phrases from here on are literals of ``requiredLiterals`` (by id).
    private let literalBase: Int
    /// For each phrase rule, the ids of the literals besides its anchor that a match needs.
    private let requiredLiterals: [[Int]]
    /// Literal ids of the breadcrumb separators.
    private let breadcrumbSeparators: [Int]
    /// 64-bit words of a line's set of seen literals.
    private let seenWords: Int
    /// The menus' words as the original tries (the stage's `WordTrie` was rewritten).
    private let referenceTries: [ReferenceWordTrie]

    public init(rules: ChromeRules) {
        self.rules = rules
        var anchors = rules.phrases.map(\.template.anchor)
        tocBase = anchors.count
        anchors.append(contentsOf: rules.tocHeadings.map { UTF8Scan.matchFolded($0) })
        infoboxBase = anchors.count
        anchors.append(contentsOf: rules.infoboxEndMarkers.map { UTF8Scan.matchFolded($0) })
        // Every other literal a phrase needs, found in the same pass: a phrase is tried at
        // its anchor only when all of them occur in the line (a cheap necessary condition
        // that spares the template check at most anchors: `「` is everywhere, `」とは異なります。` is not).
        literalBase = anchors.count
        var literalIDs: [[UInt32]: Int] = [:]
        var literals: [[UInt32]] = []
        func literalID(_ lit: [UInt32]) -> Int {
            if let id = literalIDs[lit] { return id }
            literalIDs[lit] = literals.count
            literals.append(lit)
            return literals.count - 1
        }
        var required: [[Int]] = []
        for phrase in rules.phrases {
            required.append(phrase.template.requiredLiterals.dropFirst().map(literalID))
        }
        // Breadcrumb separators (`>`, `＞`, `›`): no separator, no breadcrumb.
        breadcrumbSeparators = [">", "›"].map { literalID(UTF8Scan.matchFolded($0)) }
        requiredLiterals = required
        seenWords = max(1, (literals.count + 63) / 64)
        anchors.append(contentsOf: literals)
        automaton = PhraseAutomaton(phrases: anchors)
        var heads: [UInt32: [(rule: String, head: [UInt32])]] = [:]
        for phrase in rules.phrases where phrase.template.startsWithAnchor {
            let head = phrase.template.literalHead
            if let f = head.first, head.count >= rules.truncatedPrefixMinimum { heads[f, default: []].append((phrase.id, head)) }
        }
        headsByFirstScalar = heads
        headFirstScalars = ScalarSet(heads.keys)
        var first = Set<UInt32>()
        for menu in rules.menus {
            for w in menu.words { if let f = w.unicodeScalars.first { first.insert(f.value) } }
        }
        menuFirstScalars = ScalarSet(first)
        referenceTries = rules.menus.map { ReferenceWordTrie($0.words) }
    }

    public func apply(to document: Document, context: inout StageContext) throws -> [Document] {
        var doc = document
        for i in doc.blocks.indices where doc.blocks[i].role == .paragraph {
            let next = i + 1 < doc.blocks.count && doc.blocks[i + 1].role == .paragraph ? doc.blocks[i + 1].text : nil
            stripLine(&doc.blocks[i], next: next, context: &context)
        }
        // Added with icons' file names opening a line (`Icon-x.png …`); shared with the stage.
        for i in doc.blocks.indices { StripSiteChrome.markImageFileName(&doc.blocks[i], context: &context) }
        // Added with links to missing templates (`テンプレート:X`); shared with the stage.
        StripSiteChrome.markMissingTemplateLinks(&doc.blocks, context: &context)
        markAnnouncedLines(&doc.blocks, context: &context)
        // Added with the rule option `previous-line: drop`; shared with the stage.
        StripSiteChrome.markSubtitleLines(&doc.blocks, rules: Set(rules.phrases.filter(\.dropsPreviousLine).map(\.id)), context: &context)
        markMenuRuns(&doc.blocks, context: &context)
        StripSiteChrome.markMenuTails(&doc.blocks, menus: Set(rules.menus.map(\.id)), context: &context)
        // Added with the rule option `next-lines: drop-languages`; shared with the stage.
        StripSiteChrome.markLanguageLists(&doc.blocks, announcing: StripSiteChrome.ruleIDs(rules, nextLines: .dropLanguages), context: &context)
        // Added with the rule option `next-lines: drop`; shared with the stage.
        StripSiteChrome.markSideBlocks(
            &doc.blocks, announcing: StripSiteChrome.ruleIDs(rules, nextLines: .drop),
            blockHeaders: Set(rules.phrases.filter { $0.nextLines != nil }.map(\.id)), context: &context)
        // Added with the rule option `next-lines: drop-navbox`; shared with the stage.
        StripSiteChrome.markNavboxes(&doc.blocks, announcing: StripSiteChrome.ruleIDs(rules, nextLines: .dropNavbox), context: &context)
        // Added with the rule option `next-lines: drop-page` (diff and source views); shared with the stage.
        StripSiteChrome.markPageViews(&doc.blocks, announcing: StripSiteChrome.ruleIDs(rules, nextLines: .dropPage), context: &context)
        // Added with the rule option `next-lines: caption` (file links); shared with the stage.
        StripSiteChrome.markFileCaptions(&doc.blocks, announcing: StripSiteChrome.ruleIDs(rules, nextLines: .caption), context: &context)
        // Added with title bars, about-site links and post bodies; shared with the stage.
        StripSiteChrome.markPageFrame(
            &doc.blocks, posts: StripSiteChrome.ruleIDs(rules, nextLines: .dropAll), footerMenus: StripSiteChrome.footerMenus(rules), context: &context)
        markLineTOC(&doc.blocks, context: &context)
        // Added with one-line contents lists without edit links; shared with the stage.
        StripSiteChrome.markGluedUnmarkedTOC(&doc.blocks, rules: rules, context: &context)
        markInfoboxLines(&doc.blocks, context: &context)
        // Added with an infobox's header and photo caption over its rows; shared with the stage.
        StripSiteChrome.markInfoboxHeader(&doc.blocks, rules: rules, context: &context)
        // Added with portable infoboxes (Fandom) scraped one field a line; shared with the stage.
        StripSiteChrome.markPortableInfobox(&doc.blocks, rules: rules, context: &context)
        StripSiteChrome.markKeyValueInfobox(&doc.blocks, rules: rules, context: &context)
        // Added with infoboxes between the tagline and the lead with no `テンプレートを表示`; shared with the stage.
        StripSiteChrome.markInfoboxUnderTagline(&doc.blocks, rules: rules, context: &context)
        return [doc]
    }

    // MARK: - One line

    private struct Span {
        var start: Int
        var end: Int
        var rule: String
        var dropsLine: Bool
        var signal: Block.Signal?
        var afterMark = false
    }

    private func stripLine(_ block: inout Block, next: String? = nil, context: inout StageContext) {
        let text = block.text
        var spans: [Span] = []
        var endsWithEllipsis = false
        text.withUTF8Bytes { p in
            let (lineStart, lineEnd) = Self.trimmedBounds(p)
            let ellipsisStart = Self.ellipsisStart(p, lineStart, lineEnd)
            endsWithEllipsis = ellipsisStart != nil
            var triedFromLineStart = Set<Int>()
            // Added with notes glued to their heading (`脚注[編集]^ …`): a start rule may start the heading's paragraph.
            let paragraphAfterHeading = StripSiteChrome.paragraphStartAfterGluedHeading(p, lineStart, lineEnd) ?? -1
            func consider(_ index: Int, _ anchorStart: Int, _ seen: UnsafeMutableBufferPointer<UInt64>) {
                if index < tocBase {
                    for id in requiredLiterals[index] where seen[id >> 6] & (1 << UInt64(id & 63)) == 0 { return }
                    let phrase = rules.phrases[index]
                    var start = anchorStart
                    if !phrase.template.startsWithAnchor {
                        guard triedFromLineStart.insert(index).inserted else { return }
                        start = lineStart
                    }
                    // Added with notes glued after a second heading of the line (`…。出典[編集]^ …`).
                    let afterHeading = phrase.place == .start && start != lineStart
                        && (start == paragraphAfterHeading || StripSiteChrome.startsAfterGluedMarker(p, lineStart, start))
                    if (phrase.place == .line || phrase.place == .start) && start != lineStart && !afterHeading { return }
                    let ends: [Int]?
                    switch phrase.place {
                    case .line: ends = [lineEnd]
                    case .end: ends = ellipsisStart.map { [lineEnd, $0] } ?? [lineEnd]
                    case .afterMark: ends = [lineEnd]
                    default: ends = nil
                    }
                    guard let end = phrase.template.match(p, at: start, endingAt: ends) else { return }
                    switch phrase.place {
                    case .line:
                        guard start == lineStart && end == lineEnd else { return }
                        // Added with `[編集 | ソースを編集]` alone on a line: a lone edit marker is no drop-line rule's.
                        if phrase.action == .dropLine, EditMarkers.match(p, at: lineStart, end: lineEnd) == lineEnd { return }
                    case .start:
                        guard start == lineStart || afterHeading else { return }
                        // Added with prose quoting a diff view's title; shared with the stage.
                        if phrase.nextLines == .dropPage && StripSiteChrome.sentenceFollows(p, end, lineEnd) { return }
                    case .end: guard end == lineEnd || end == ellipsisStart else { return }
                    // Bytes before the match: dots or an ellipsis character, and text before them.
                    case .afterMark: guard end == lineEnd, start > lineStart, let ell = Self.ellipsisStart(p, lineStart, start), ell > lineStart else { return }
                    case .anywhere: break
                    }
                    if afterHeading && phrase.action == .dropLine {
                        // Added with notes glued before another heading: up to that heading.
                        let end = StripSiteChrome.nextGluedHeadingStart(p, start, lineEnd) ?? ellipsisStart ?? lineEnd
                        spans.append(Span(start: start, end: end, rule: phrase.id, dropsLine: false, signal: phrase.signal))
                        return
                    }
                    spans.append(
                        Span(start: start, end: end, rule: phrase.id, dropsLine: phrase.action == .dropLine, signal: phrase.signal, afterMark: phrase.place == .afterMark))
                } else if index < infoboxBase {
                    guard let rule = rules.tocRule, let end = Self.gluedTOCEnd(p, anchorStart, anchorIndex: index - tocBase, rules: rules, lineEnd: lineEnd, ellipsisStart: ellipsisStart) else { return }
                    spans.append(Span(start: anchorStart, end: end, rule: rule, dropsLine: false, signal: nil))
                } else {
                    guard let rule = rules.infoboxRule else { return }
                    // The marker's raw end: read it again in its matching form.
                    let marker = UTF8Scan.matchFolded(rules.infoboxEndMarkers[index - infoboxBase])
                    guard let end = Template.matchLiteral(marker, p, at: anchorStart) else { return }
                    // The infobox runs from the last sentence end before the marker.
                    var s = anchorStart
                    while s > lineStart {
                        let d = UTF8Scan.decodeBefore(p, s)
                        if d.scalar == 0x3002 { break }
                        s -= d.length
                    }
                    spans.append(Span(start: s, end: end, rule: rule, dropsLine: false, signal: nil))
                }
            }
            // One pass collects the anchors (in order of their end) and the literals seen;
            // then each anchor is checked.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: seenWords) { seen in
                seen.initialize(repeating: 0)
                withUnsafeTemporaryAllocation(of: (index: Int32, start: Int32).self, capacity: 32) { buffer in
                    var count = 0
                    var more: [(index: Int32, start: Int32)] = []
                    let literalBase = self.literalBase
                    automaton.scan(p) { index, start in
                        if index >= literalBase {
                            let id = index - literalBase
                            seen[id >> 6] |= 1 << UInt64(id & 63)
                        } else if count < buffer.count {
                            buffer[count] = (Int32(index), Int32(start))
                            count += 1
                        } else {
                            more.append((Int32(index), Int32(start)))
                        }
                    }
                    for k in 0..<count { consider(Int(buffer[k].index), Int(buffer[k].start), seen) }
                    for hit in more { consider(Int(hit.index), Int(hit.start), seen) }
                }
                if let rule = rules.breadcrumbRule,
                    breadcrumbSeparators.contains(where: { seen[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }),
                    let end = Self.breadcrumbEnd(p, lineStart, lineEnd, maxCrumb: rules.maximumCrumbLength)
                {
                    spans.append(Span(start: lineStart, end: end, rule: rule, dropsLine: false, signal: nil))
                }
            }
        }
        // Added with Seesaa's header glued to a heading and dates glued before previews: a cut
        // that opens the line (a page start, or any on a line cut off by a truncation mark) wins
        // over a whole-line rule from the same start that runs further.
        var headCutEnd: [Int: Int] = [:]
        for s in spans where !s.dropsLine && (endsWithEllipsis || s.signal == .pageStart) { headCutEnd[s.start] = min(headCutEnd[s.start] ?? .max, s.end) }
        spans = spans.filter { s in !(s.dropsLine && (headCutEnd[s.start].map { s.end > $0 } ?? false)) }
        // Added with read-more links after a mark (`...[続きを読む]` ending the line): the link
        // goes, and the text before it is stripped as a line that ends in its mark.
        if !endsWithEllipsis, let link = spans.first(where: \.afterMark) {
            let before = text.withUTF8Bytes { p in String(decoding: UnsafeBufferPointer(rebasing: p[..<link.start]), as: UTF8.self) }
            let linkText = text.withUTF8Bytes { p in String(decoding: UnsafeBufferPointer(rebasing: p[link.start..<link.end]), as: UTF8.self) }
            context.recordRemoval(rule: link.rule, text: linkText, line: block.line)
            block.text = Self.trimmed(before)
            stripLine(&block, context: &context)
            // A line that is chrome keeps its whole text in its chrome block.
            if block.role == .chrome { block.text = text }
            return
        }
        // Nothing matched and no truncation mark: the line stays as it is.
        if spans.isEmpty && !endsWithEllipsis { return }
        // A rule that claims the whole line wins over any overlapping cut, unless the line's
        // prose comes first and ends a sentence before the earliest such match, a page end's:
        // the prose stays, the line from the match on goes.
        if let drop = spans.filter(\.dropsLine).min(by: { $0.start < $1.start }), drop.start > 0, drop.signal == .pageEnd,
            !spans.contains(where: { $0.start < drop.start && $0.end > drop.start })
        {
            let before = Self.nonOverlapping(spans.filter { $0.end <= drop.start })
            // The kept bytes put together, then decoded once (as the main path does).
            var bytes: [UInt8] = []
            var at = 0
            text.withUTF8Bytes { p in
                for span in before {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[at..<span.start]))
                    at = span.end
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[at..<drop.start]))
            }
            let prose = Self.trimmed(String(decoding: bytes, as: UTF8.self))
            if prose.unicodeScalars.count >= 2, prose.hasSuffixBytes("。") {
                text.withUTF8Bytes { p in
                    for span in before {
                        context.recordRemoval(rule: span.rule, text: String(decoding: UnsafeBufferPointer(rebasing: p[span.start..<span.end]), as: UTF8.self), line: block.line)
                    }
                    context.recordRemoval(rule: drop.rule, text: String(decoding: UnsafeBufferPointer(rebasing: p[drop.start...]), as: UTF8.self), line: block.line)
                }
                block.text = prose
                return
            }
        }
        if let drop = spans.first(where: \.dropsLine) {
            // Added with ピクシブ百科事典's page about ニコニコ大百科: a whole-line match over its own
            // hiragana reading is the page's title (shared with the stage).
            if let next, StripSiteChrome.isTitleOverItsReading(text, drop.start, drop.end, next) { return }
            context.recordRemoval(rule: drop.rule, text: text, line: block.line)
            block = Block(role: .chrome, text: text, line: block.line, rule: drop.rule, signal: drop.signal)
            return
        }
        if !spans.isEmpty { spans = Self.nonOverlapping(spans) }
        var kept = text
        if !spans.isEmpty {
            kept = text.withUTF8Bytes { p in
                var out: [UInt8] = []
                out.reserveCapacity(p.count)
                var at = 0
                for span in spans {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[at..<span.start]))
                    context.recordRemoval(rule: span.rule, text: String(decoding: UnsafeBufferPointer(rebasing: p[span.start..<span.end]), as: UTF8.self), line: block.line)
                    at = span.end
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[at..<p.count]))
                return String(decoding: out, as: UTF8.self)
            }
        }
        if let (rule, cut) = truncatedTail(kept) {
            context.recordRemoval(rule: rule, text: cut.removed, line: block.line)
            kept = cut.kept
        }
        let trimmed = Self.trimmed(kept)
        if !spans.isEmpty && (trimmed.isEmpty || Self.isOnlyEllipsis(trimmed)) {
            let main = spans.max(by: { $0.end - $0.start < $1.end - $1.start })!
            block = Block(role: .chrome, text: text, line: block.line, rule: main.rule, signal: spans.compactMap(\.signal).first)
            return
        }
        if kept != text { block.text = trimmed }
    }

    /// Leftmost matches first, the longest at each start; overlapping later ones dropped.
    private static func nonOverlapping(_ spans: [Span]) -> [Span] {
        let sorted = spans.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var out: [Span] = []
        var end = -1
        for s in sorted where s.start >= end {
            out.append(s)
            end = s.end
        }
        return out
    }

    /// A cut-off chrome phrase just before the trailing `...`/`…` of a truncated preview.
    private func truncatedTail(_ text: String) -> (String, (kept: String, removed: String))? {
        text.withUTF8Bytes { p -> (String, (kept: String, removed: String))? in
            let (lineStart, lineEnd) = Self.trimmedBounds(p)
            guard let ell = Self.ellipsisStart(p, lineStart, lineEnd), ell > lineStart else { return nil }
            // Candidate starts: each of the last 40 characters before the ellipsis, earliest first.
            var starts: [Int] = []
            var s = ell
            while s > lineStart && starts.count < 40 {
                s -= UTF8Scan.decodeBefore(p, s).length
                starts.append(s)
            }
            for start in starts.reversed() {
                let first = UTF8Scan.matchFold(UTF8Scan.decode(p, start).scalar).first
                guard headFirstScalars.contains(first), let candidates = headsByFirstScalar[first] else { continue }
                for (rule, head) in candidates {
                    // The rest of the line up to the ellipsis must be a prefix of the head.
                    var i = start
                    var k = 0
                    var ok = true
                    while i < ell && ok {
                        let d = UTF8Scan.decode(p, i)
                        i += d.length
                        let f = UTF8Scan.matchFold(d.scalar)
                        if f.first != 0 {
                            if k < head.count && head[k] == f.first { k += 1 } else { ok = false }
                        }
                        if ok && f.second != 0 {
                            if k < head.count && head[k] == f.second { k += 1 } else { ok = false }
                        }
                    }
                    guard ok, k >= rules.truncatedPrefixMinimum else { continue }
                    let kept = String(decoding: UnsafeBufferPointer(rebasing: p[0..<start]), as: UTF8.self)
                        + String(decoding: UnsafeBufferPointer(rebasing: p[ell..<p.count]), as: UTF8.self)
                    let removed = String(decoding: UnsafeBufferPointer(rebasing: p[start..<ell]), as: UTF8.self)
                    return (rule, (kept, removed))
                }
            }
            return nil
        }
    }

    // MARK: - Shapes

    /// `A > B > C` at the start of a line. The last crumb is the page title, which the
    /// page repeats right after it (`… > 高等工業学校高等工業学校(こうとう…`); without that
    /// repetition only a breadcrumb that fills the line is cut whole.
    static func breadcrumbEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, maxCrumb: Int) -> Int? {
        var i = start
        var crumbLength = 0
        var separators = 0
        var lastSeparatorEnd = start
        while i < end {
            let d = UTF8Scan.decode(p, i)
            let c = UTF8Scan.fold(d.scalar)
            let spaced = d.scalar == 0x3E && i > start && p[i - 1] == 0x20 && i + 1 < end && p[i + 1] == 0x20
            if spaced || d.scalar == 0xFF1E || d.scalar == 0x203A {
                // A separator: ` > ` with spaces, `＞` or `›`, after a crumb.
                guard crumbLength > 0 else { return nil }
                i += d.length
                // Spaces after it, whole characters (`　` is three bytes).
                while i < end {
                    let space = UTF8Scan.decode(p, i)
                    guard UTF8Scan.isSpace(UTF8Scan.fold(space.scalar)) else { break }
                    i += space.length
                }
                separators += 1
                lastSeparatorEnd = i
                crumbLength = 0
                continue
            }
            if c == 0x3002 || c == 0x3001 || c == 0x0A { break }
            crumbLength += 1
            if crumbLength > maxCrumb { break }
            i += d.length
        }
        guard separators >= 1 else { return nil }
        // The last crumb, doubled: find the longest X with rest = X X …
        let rest = UnsafeBufferPointer(rebasing: p[lastSeparatorEnd..<end])
        var bestEnd: Int?
        var x = 0
        var count = 0
        while x < rest.count && count < maxCrumb {
            x += UTF8Scan.decode(rest, x).length
            count += 1
            if 2 * x <= rest.count && memcmp(rest.baseAddress!, rest.baseAddress! + x, x) == 0 {
                bestEnd = lastSeparatorEnd + x
            }
        }
        if let bestEnd { return bestEnd }
        if rest.count > 0 && Self.scalarCount(rest) <= maxCrumb && !rest.contains(0x28) && !rest.contains(0xEF) {
            return end
        }
        return lastSeparatorEnd
    }

    private static func scalarCount(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        p.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// `目次1 概要[編集]2 歴史[編集]…`: a table of contents copied with its edit links. Ends
    /// after the last entry, or at the truncation mark when the preview cut it off.
    static func gluedTOCEnd(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, anchorIndex: Int, rules: ChromeRules, lineEnd: Int, ellipsisStart: Int?
    ) -> Int? {
        let heading = rules.tocHeadings[anchorIndex]
        // Added with a heading whose matching form has another length than the rule's text:
        // read its raw end again.
        guard let headingEnd = Template.matchLiteral(UTF8Scan.matchFolded(heading), p, at: start), headingEnd <= lineEnd else { return nil }
        // Without edit links, only a list cut off by a preview's truncation mark.
        if let end = StripSiteChrome.unmarkedTOCEndAtTruncation(p, from: headingEnd, ellipsisStart: ellipsisStart) { return end }
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

    // MARK: - Multi-line shapes

    /// The line after a chrome line whose rule says so (`next-line: drop`: the @wiki
    /// `左メニュー` heading announces the menu block, whatever the wiki put in it), when that
    /// line reads like a menu rather than like body text.
    private func markAnnouncedLines(_ blocks: inout [Block], context: inout StageContext) {
        let announcing = Set(rules.phrases.filter(\.dropsNextLine).map(\.id))
        // Added with DokuWiki's page id and GROWI's page path: the lines a chrome line points
        // at by their shape.
        let pageID = Set(rules.phrases.filter(\.dropsNextPageID).map(\.id))
        let pathOverTitle = Set(rules.phrases.filter(\.dropsPathOverTitle).map(\.id))
        var lastPageID = -1
        for i in blocks.indices {
            guard blocks[i].role == .chrome, let rule = blocks[i].rule else { continue }
            if pathOverTitle.contains(rule) { StripSiteChrome.markPathOverTitle(&blocks, below: i, context: &context) }
            if pageID.contains(rule), i != lastPageID, StripSiteChrome.markPageID(&blocks, after: i, context: &context) { lastPageID = i + 1 }
            guard i + 1 < blocks.count, announcing.contains(rule) else { continue }
            let next = i + 1
            // A menu is a run of links: no sentence end (or cut off by a truncation), no lead.
            let text = blocks[next].text
            guard blocks[next].role == .paragraph, !text.containsKuten || DetectArticleBoundaries.endsTruncated(text),
                JapaneseText.parseLead(text) == nil
            else { continue }
            context.recordRemoval(rule: rule, text: blocks[next].text, line: blocks[next].line)
            blocks[next] = Block(role: .chrome, text: blocks[next].text, line: blocks[next].line, rule: rule, signal: blocks[i].signal)
        }
    }

    /// Runs of lines made only of menu words.
    private func markMenuRuns(_ blocks: inout [Block], context: inout StageContext) {
        guard !rules.menus.isEmpty else { return }
        var candidate = [(menu: Int, words: Int)?](repeating: nil, count: blocks.count)
        for (i, block) in blocks.enumerated() where block.role == .paragraph {
            candidate[i] = menuIndex(for: block.text)
            // Added with Wiktionary's language heading: a word over a lone `[編集]` line is a
            // heading, not a menu item.
            if candidate[i] != nil, i + 1 < blocks.count, blocks[i + 1].role == .paragraph, blocks[i + 1].text.utf8.count <= 64,
                blocks[i + 1].text.trimmingSpaces.withUTF8Bytes({ EditMarkers.match($0, at: 0, end: $0.count) == $0.count })
            {
                candidate[i] = nil
            }
        }
        // Added with Fandom's `全般 編集`: a menu word and the plain edit link `編集` alone on a
        // line, with text lines (not menu or chrome lines) on both sides, is a heading.
        for i in blocks.indices {
            guard let c = candidate[i], c.words == 2 else { continue }
            let text = blocks[i].text
            guard text.utf8.count <= 64, text.hasSuffix(" 編集"), !text.hasSuffix("  編集"), !text.hasPrefix(" ") else { continue }
            let textBefore = i == 0 || (blocks[i - 1].role == .paragraph && candidate[i - 1] == nil)
            let textAfter = i + 1 == blocks.count || (blocks[i + 1].role == .paragraph && candidate[i + 1] == nil)
            if textBefore && textAfter { candidate[i] = nil }
        }
        var i = 0
        while i < blocks.count {
            guard candidate[i] != nil else { i += 1; continue }
            var j = i
            while j < blocks.count && (candidate[j] != nil || blocks[j].role == .chrome) { j += 1 }
            // Chrome lines next to the run count towards it: menus sit among other chrome.
            var runStart = i
            while runStart > 0 && blocks[runStart - 1].role == .chrome { runStart -= 1 }
            let members = (i..<j).filter { candidate[$0] != nil }
            let runLength = j - runStart
            for k in members {
                let (index, words) = candidate[k]!
                let menu = rules.menus[index]
                // A line of several menu words is a run by itself.
                if runLength >= menu.minimumRun || words >= menu.minimumRun {
                    context.recordRemoval(rule: menu.id, text: blocks[k].text, line: blocks[k].line)
                    blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: menu.id, signal: menu.signal)
                }
            }
            i = j
        }
    }

    /// Which menu a line belongs to: the line is one menu word, or menu words separated by
    /// spaces, `|` or `·`, or glued together (three or more).
    private func menuIndex(for text: String) -> (menu: Int, words: Int)? {
        // Menu lines are short and have no sentence end.
        guard text.utf8.count <= 600, let first = text.unicodeScalars.first, menuFirstScalars.contains(UTF8Scan.matchFold(first.value).first),
            !text.containsKuten
        else { return nil }
        let key = ChromeRules.foldKey(text)
        guard !key.isEmpty, key.unicodeScalars.count <= 200 else { return nil }
        // The most permissive menu that has the word (a word that is chrome even alone wins).
        if let k = rules.menus.indices.filter({ rules.menus[$0].words.contains(key) }).min(by: { rules.menus[$0].minimumRun < rules.menus[$1].minimumRun }) {
            return (k, 1)
        }
        // Words separated by spaces, `|`, `·`, `•` or `/`.
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            let f = UTF8Scan.fold(u.value)
            if f == 0x20 || f == 0x7C || f == 0xB7 || f == 0x2022 || f == 0x2F {
                if !current.isEmpty { tokens.append(String(current)); current = String.UnicodeScalarView() }
            } else {
                current.append(u)
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        tokens = tokens.map(ChromeRules.foldKey)
        if tokens.count >= 2 {
            for (k, menu) in rules.menus.enumerated() where tokens.allSatisfy(menu.words.contains) { return (k, tokens.count) }
        }
        guard key.unicodeScalars.count <= 120, !key.containsBytes("、") else { return nil }
        let scalars = key.unicodeScalars.map(\.value)
        for (k, _) in rules.menus.enumerated() {
            let n = referenceTries[k].segmentCount(scalars)
            if n >= 3 { return (k, n) }
        }
        return nil
    }

    /// `目次` alone on a line, followed by numbered entries one per line.
    private func markLineTOC(_ blocks: inout [Block], context: inout StageContext) {
        guard let rule = rules.tocRule else { return }
        let headings = Set(rules.tocHeadings.map(ChromeRules.foldKey))
        let maxHeadingBytes = (rules.tocHeadings.map(\.utf8.count).max() ?? 0) * 3 + 8
        var i = 0
        while i < blocks.count {
            defer { i += 1 }
            guard blocks[i].role == .paragraph || blocks[i].role == .chrome, blocks[i].text.utf8.count <= maxHeadingBytes,
                headings.contains(ChromeRules.foldKey(blocks[i].text))
            else { continue }
            var j = i + 1
            var entries = 0
            var seen = Set<String>()
            while j < blocks.count, blocks[j].role == .chrome || (blocks[j].role == .paragraph && Self.isTOCEntry(blocks[j].text)) {
                if blocks[j].role == .paragraph {
                    // An entry the run already holds is the body's first numbered heading.
                    guard !StripSiteChrome.repeatsTOCEntry(blocks[j].text, seen: seen) else { break }
                    seen.insert(blocks[j].text)
                    entries += 1
                }
                j += 1
            }
            if entries == 0, let end = StripSiteChrome.unnumberedTOCEnd(blocks, after: i) {
                j = end
                entries = 1
            }
            // The contents box's title alone, its entries lost, over the first marked heading.
            if entries == 0, StripSiteChrome.isEmptyTOCOverAMarkedHeading(blocks, after: i) {
                j = i + 1
                entries = 1
            }
            guard entries > 0 else { continue }
            for k in i..<j where blocks[k].role == .paragraph {
                context.recordRemoval(rule: rule, text: blocks[k].text, line: blocks[k].line)
                blocks[k] = Block(role: .chrome, text: blocks[k].text, line: blocks[k].line, rule: rule)
            }
            i = j - 1
        }
    }

    /// `1 概要`, `2.1 生涯`: a numbered TOC entry.
    static func isTOCEntry(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.map { UTF8Scan.fold($0.value) })
        var i = 0
        while i < scalars.count, UTF8Scan.isDigit(scalars[i]) || (i > 0 && scalars[i] == 0x2E) { i += 1 }
        guard i > 0, i < scalars.count, scalars[i] == 0x20 else { return false }
        let title = scalars[(i + 1)...]
        return !title.isEmpty && title.count <= 60 && !title.contains(0x3002)
    }

    /// `テンプレートを表示` alone on a line closes a flattened infobox: it and the table-like
    /// lines above it (short, no sentence end) are chrome.
    private func markInfoboxLines(_ blocks: inout [Block], context: inout StageContext) {
        guard let rule = rules.infoboxRule else { return }
        let markers = Set(rules.infoboxEndMarkers.map(ChromeRules.foldKey))
        let maxBytes = (rules.infoboxEndMarkers.map(\.utf8.count).max() ?? 0) * 3 + 8
        for i in blocks.indices
        where (blocks[i].role == .paragraph || blocks[i].rule == rule) && blocks[i].text.utf8.count <= maxBytes
            && markers.contains(ChromeRules.foldKey(blocks[i].text))
        {
            var k = i
            while k >= 0 {
                let b = blocks[k]
                // A line another rule made chrome inside the box (a notice such as the IPA
                // one, a field that reads as a menu word) keeps its rule, and the run goes on
                // above it; not past a page's start or end.
                if k < i, b.role == .chrome, b.signal == nil {
                    k -= 1
                    continue
                }
                if k < i {
                    guard b.role == .paragraph || b.role == .caption, b.text.utf8.count <= 240, !b.text.containsKuten else { break }
                    // Added with infobox image captions: a dated caption alone, no space (a
                    // row's label and value), no digit before its parenthesis, is the box's
                    // image caption; the run goes on above it.
                    if b.role == .paragraph, SplitCaptions.isDatedCaptionLine(b.text) {
                        let u = Array(b.text.referenceTrimmingSpaces.unicodeScalars)
                        // Added with works in a box (`『こゝろ』（1914年）` among others so dated): no caption.
                        if !u.contains(where: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }), u.first != "『", u.first != "「",
                            !(k > 0 && SplitCaptions.isDatedCaptionLine(blocks[k - 1].text)),
                            !(k + 1 < blocks.count && SplitCaptions.isDatedCaptionLine(blocks[k + 1].text)),
                            let open = u.lastIndex(where: { $0 == "(" || $0 == "（" }), open > 0,
                            !u[..<open].contains(where: { UTF8Scan.isDigit(UTF8Scan.fold($0.value)) })
                        {
                            context.recordRelabel(rule: StripSiteChrome.infoboxCaptionRule, text: b.text, line: b.line, role: .caption)
                            blocks[k].role = .caption
                            k -= 1
                            continue
                        }
                    }
                }
                if b.role != .chrome { context.recordRemoval(rule: rule, text: b.text, line: b.line) }
                blocks[k] = Block(role: .chrome, text: b.text, line: b.line, rule: rule)
                k -= 1
            }
        }
    }

    // MARK: - Helpers

    static func trimmedBounds(_ p: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
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

    /// Where a trailing truncation mark (`...`, `…`, `……`, or `・・・`: three middle dots or
    /// more, not mixed with dots) starts, if the line has one.
    static func ellipsisStart(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
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
        // Middle dots: the trailing run of `・`, `･` and spaces, on scalars.
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        var run = 0
        var bytes = 0
        var markBytes = 0
        for u in text.unicodeScalars.reversed() {
            if u == "・" || u == "･" {
                run += 1
                bytes += String(u).utf8.count
                markBytes = bytes
            } else if UTF8Scan.isSpace(UTF8Scan.fold(u.value)) {
                bytes += String(u).utf8.count
            } else {
                break
            }
        }
        return run >= 3 ? end - markBytes : nil
    }

    static func trimmed(_ s: String) -> String {
        s.withUTF8Bytes { p in
            let (a, b) = trimmedBounds(p)
            if a == 0 && b == p.count { return s }
            return String(decoding: UnsafeBufferPointer(rebasing: p[a..<b]), as: UTF8.self)
        }
    }

    static func isOnlyEllipsis(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0 == "." || $0 == "…" }
    }
}


// MARK: - PlainTextReader

/// Reads a plain-text dump: UTF-8, one paragraph per line, pages concatenated with no
/// separator line. Handles a BOM, CRLF, blank lines and trailing white space.
///
/// Pages are cut where a line opens a new page (see ``PageStartDetector``): the page that
/// is being read must already hold text, and a short title line just before the opening
/// line moves with it. A page is also cut after `maximumPageLines` lines, so that memory
/// stays bounded on a dump without page markers. Lines that are not valid UTF-8, contain a
/// NUL byte or exceed the size limit are rejected one by one; their neighbours are untouched.
struct ReferencePlainTextReader: DocumentReader {
    public let input: String
    private let reader: ByteLineReader
    private let detector: PageStartDetector
    private let limit: Int
    public var maximumPageLines: Int
    public private(set) var accounting = ReaderAccounting()

    private var pending: [ReaderItem] = []
    private var page: [Block] = []
    private var pageHasText = false
    private var finished = false

    /// - Parameters:
    ///   - name: how the input is named in ids and `source.input` (default: the path).
    public init(path: String, name: String? = nil, options: ReaderOptions, detector: PageStartDetector, maximumPageLines: Int = 20_000) throws(InputError) {
        input = name ?? path
        reader = try ByteLineReader(path: path, limit: options.maximumRecordBytes)
        self.detector = detector
        limit = options.maximumRecordBytes
        self.maximumPageLines = maximumPageLines
    }

    public var progress: (done: Int, total: Int?) { (reader.bytesRead, reader.totalBytes) }

    public mutating func next() throws(InputError) -> ReaderItem? {
        while pending.isEmpty {
            if finished { return nil }
            try step()
        }
        return pending.removeFirst()
    }

    private mutating func step() throws(InputError) {
        guard let line = try reader.next() else {
            finished = true
            flushPage()
            accounting.bytes = reader.bytesRead
            return
        }
        accounting.lines += 1
        var bytes = line.bytes
        // A byte-order mark on any line (files joined with `cat` bring theirs).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: bytes[3...])
        }
        if let (reason, message) = LineCheck.problem(line, limit: limit) {
            reject(line, reason, message)
            return
        }
        // Validate before anything decodes the bytes as UTF-8.
        guard let whole = String(validating: bytes, as: UTF8.self) else {
            reject(line, .invalidUTF8, "the line is not valid UTF-8")
            return
        }
        let text = whole.trimmingSpaces
        if text.isEmpty {
            accounting.blankLines += 1
            return
        }
        accounting.records += 1
        if detector.referenceIsPageStartString(text) && pageHasText {
            // A short title line right before the opening line belongs to the new page, unless
            // the opening phrase stands first on its page.
            let opening = text.withUTF8Bytes { detector.pageStart($0) }
            let texts = page.map(\.text)
            let n = texts.count
            // Lines the carry may look at: not the page's first, at most 40 from the end.
            func ok(_ k: Int) -> Bool { k >= 1 && n - k <= 40 }
            var take = 0
            if !(opening?.first ?? false) {
                // The subtitle (Wikiwand's description), the title, the title bar that names it.
                var t = n - 1
                if opening?.subtitled ?? false, ok(t), isTitleLike(texts[t]) {
                    take = 1
                    t -= 1
                }
                if ok(t), isTitleLike(texts[t]) {
                    take = n - t
                    if ok(t - 1), StripSiteChrome.titleBarNames(texts[t - 1], texts[t]) { take += 1 }
                }
            }
            // The header's menu run (at least two words), up to two unknown entries under it,
            // and the site's name over it under the footer of the page before.
            var k = n - take
            var unknown = 0
            while unknown < 2, ok(k - 1), isTitleLike(texts[k - 1]), !detector.isHeaderMenuWord(texts[k - 1]) {
                unknown += 1
                k -= 1
            }
            var r = k
            while ok(r - 1), detector.isHeaderMenuWord(texts[r - 1]) { r -= 1 }
            if k - r >= 2 {
                take = n - r
                if ok(r - 1), isTitleLike(texts[r - 1]), !detector.isHeaderMenuWord(texts[r - 1]), ok(r - 2) || (r - 2 == 0 && n <= 40),
                    detector.isFooterMenuWord(texts[r - 2]) || !isTitleLike(texts[r - 2])
                {
                    take += 1
                }
            }
            let carried = Array(page.suffix(take))
            page.removeLast(take)
            flushPage()
            page = carried
        } else if page.count >= maximumPageLines {
            flushPage()
        }
        page.append(.paragraph(text, line: line.number))
        if !pageHasText && isText(text) {
            // The page-start phrase a line opens with is chrome: only what follows it counts.
            let rest: String? = text.withUTF8Bytes { p in
                detector.pageStartEnd(p).map { String(decoding: UnsafeBufferPointer(rebasing: p[$0...]), as: UTF8.self) }
            }
            pageHasText = rest.map(isText) ?? true
        }
    }

    private mutating func reject(_ line: ByteLineReader.Line, _ reason: Rejection.Reason, _ message: String) {
        accounting.records += 1
        accounting.rejectedRecords += 1
        accounting.rejectedLines += 1
        pending.append(.rejected(.forLine(line, input: input, reason: reason, message: message)))
    }

    private mutating func flushPage() {
        guard !page.isEmpty else { return }
        let first = page.first!.line!
        let last = page.last!.line!
        accounting.pages += 1
        let doc = Document(
            id: "\(input):\(first)", kind: .page, blocks: page,
            source: SourceLocation(input: input, lineStart: first, lineEnd: last))
        pending.append(.page(doc))
        page = []
        pageHasText = false
    }

    /// Body text, as opposed to menu items and titles: not a long line of Markdown links with
    /// no sentence end, nor a list item with no sentence end (a menu entry), nor one long
    /// ASCII word (a URL), nor a long menu word of the rules.
    private func isText(_ s: String) -> Bool {
        // Added with Vector 2022's no-languages message: a sentence the rules spell as a whole
        // line of chrome is no text either.
        if s.containsKuten { return !detector.isLongMenuWord(s) }
        let b = Array(s.utf8)
        let hasLink = b.count >= 2 && (0..<(b.count - 1)).contains { b[$0] == 0x5D && b[$0 + 1] == 0x28 }  // ](
        let listItem = ["• ", "◦ ", "▪ ", "* ", "- "].contains { s.hasPrefix($0) }
        // Nor a menu word the rules know, however long.
        return b.count >= 60 && !hasLink && !listItem && !s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x80 }
            && !detector.isLongMenuWord(s)
    }

    private func isTitleLike(_ s: String) -> Bool {
        s.utf8.count <= 180 && !s.containsKuten && !s.hasSuffixBytes("...") && !s.hasSuffixBytes("…") && !detector.referenceIsPageStartString(s)
    }
}

extension PageStartDetector {
    func referenceIsPageStartString(_ s: String) -> Bool {
        s.withUTF8Bytes { isPageStart($0) }
    }
}

// MARK: - WordTrie

/// A set of words as a trie over Unicode scalar values, for splitting a glued run of words
/// without building substrings.
struct ReferenceWordTrie: Sendable {
    private var children: [[UInt32: Int32]] = [[:]]
    private var terminal: [Bool] = [false]
    let longest: Int

    init(_ words: Set<String>) {
        var longest = 0
        for w in words {
            var node = 0
            var n = 0
            for u in w.unicodeScalars {
                n += 1
                if let next = children[node][u.value] {
                    node = Int(next)
                } else {
                    children.append([:])
                    terminal.append(false)
                    children[node][u.value] = Int32(children.count - 1)
                    node = children.count - 1
                }
            }
            terminal[node] = true
            longest = max(longest, n)
        }
        self.longest = longest
    }

    /// The most words that make up `s` exactly, glued (0 when it cannot be split so).
    func segmentCount(_ s: [UInt32]) -> Int {
        var best = [Int](repeating: -1, count: s.count + 1)
        best[0] = 0
        for i in 0..<s.count where best[i] >= 0 {
            var node = 0
            var j = i
            while j < s.count, let next = children[node][s[j]] {
                node = Int(next)
                j += 1
                if terminal[node] { best[j] = max(best[j], best[i] + 1) }
            }
        }
        return max(best[s.count], 0)
    }
}
