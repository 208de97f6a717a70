extension StripSiteChrome {
    /// A contents list without numbers after a `目次` line at `heading` (skins that number their
    /// entries with CSS leave bare heading names in a text scrape): short lines, one a line,
    /// each of which the page shows again further down (as the heading it lists, possibly
    /// with an edit marker glued on). Returns where the entries end (chrome lines among them
    /// included), or nil when fewer than two entries are found. Shared with the reference
    /// implementation.
    static func unnumberedTOCEnd(_ blocks: [Block], after heading: Int) -> Int? {
        let maximumEntries = 200
        func isEntryShape(_ text: String) -> Bool {
            let t = text.trimmingSpaces
            return !t.isEmpty && t.utf8.count <= 4 * 40 && t.unicodeScalars.count <= 40 && !t.containsKuten
                && !t.hasSuffixBytes("...") && !t.hasSuffixBytes("…")
        }
        // The candidate run: entry-shaped paragraph lines, chrome lines between them.
        var candidates: [Int] = []
        var j = heading + 1
        while j < blocks.count, candidates.count < maximumEntries {
            if blocks[j].role == .chrome { j += 1; continue }
            guard blocks[j].role == .paragraph, isEntryShape(blocks[j].text) else { break }
            candidates.append(j)
            j += 1
        }
        guard candidates.count >= 2 else { return nil }
        // Where each line after the heading comes last, as the heading it may be (`概要`,
        // `概要[編集]`, `概要[]`, PukiWiki's `概要 †`).
        var lastSeen: [String: Int] = [:]
        for k in (heading + 1)..<blocks.count where blocks[k].role != .chrome {
            let t = blocks[k].text.trimmingSpaces
            guard t.utf8.count <= 4 * 60 else { continue }
            lastSeen[t] = k
            if let bracket = t.firstIndex(of: "["), bracket > t.startIndex { lastSeen[String(t[..<bracket]).trimmingSpaces] = k }
            if t.hasSuffix("†") { lastSeen[String(t.dropLast()).trimmingSpaces] = k }
            // PukiWiki's paragraph-edit link after the heading (`概要 Edit`), older MediaWiki's
            // edit link before it (`[編集] 概要`).
            if t.hasSuffixBytes(" Edit") { lastSeen[String(t.unicodeScalars.dropLast(5)).trimmingSpaces] = k }
            if let (_, head) = HeadingAnchors.editLinkBeforeHeading(t, maximumHeadingLength: 60) { lastSeen[head] = k }
        }
        // The longest prefix of the run whose entries all come again after it. The run may
        // have taken in the first heading itself (`概要` right under the contents list, as
        // ピクシブ百科事典 shows it): that line is the prefix's end, not an entry.
        var count = 0
        var earliest = Int.max
        for (n, k) in candidates.enumerated() {
            earliest = min(earliest, lastSeen[blocks[k].text.trimmingSpaces] ?? -1)
            guard earliest > k else { break }
            count = n + 1
        }
        guard count >= 2 else { return nil }
        return candidates[count - 1] + 1
    }

    /// A `目次` line at `heading` whose entries a scrape did not carry over (a contents box that
    /// script fills in or that was collapsed: WIKIWIKI.jp's `#contents`, an older MediaWiki's
    /// box): the next line that is no chrome is a heading with its edit link (`[編集] 概要`,
    /// `概要[編集]`, `概要 Edit`, `概要 †`, `概要 編集`), or a section word alone (`概要`, its
    /// anchor lost too) over a line that is none (a run of section words is the list itself).
    /// Shared with the reference implementation.
    static func isEmptyTOCOverAMarkedHeading(_ blocks: [Block], after heading: Int) -> Bool {
        var j = heading + 1
        while j < blocks.count, blocks[j].role == .chrome { j += 1 }
        guard j < blocks.count, blocks[j].role == .paragraph else { return false }
        let t = blocks[j].text.trimmingSpaces
        guard !t.isEmpty, t.utf8.count <= 4 * 70, !t.containsKuten else { return false }
        func isSectionWord(_ w: String) -> Bool {
            w.utf8.count <= 30
                && (SplitHeadings.defaultBareHeadingWords.contains(w) || HeadingAnchors.bodySectionWords.contains(w)
                    || HeadingAnchors.trailingSectionWords.contains(w))
        }
        if isSectionWord(t) {
            var k = j + 1
            while k < blocks.count, blocks[k].role == .chrome { k += 1 }
            return k < blocks.count && blocks[k].role == .paragraph && !isSectionWord(blocks[k].text.trimmingSpaces)
        }
        if t.hasSuffixBytes(" Edit") || t.hasSuffixBytes("†") || t.hasSuffixBytes(" 編集") || t.hasSuffixBytes("\u{3000}編集") { return true }
        if HeadingAnchors.editLinkBeforeHeading(t, maximumHeadingLength: 60) != nil { return true }
        return t.withUTF8Bytes { p -> Bool in
            var i = p.count
            while i > 0 {
                i -= 1
                guard p[i] == 0x5B || (i + 2 < p.count && p[i] == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0xBB) else { continue }
                return i > 0 && EditMarkers.match(p, at: i, end: p.count) == p.count
            }
            return false
        }
    }
}
