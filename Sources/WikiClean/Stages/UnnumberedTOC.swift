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
        guard candidates.count >= 2, let last = candidates.last else { return nil }
        // The lines after the run, as the headings they may be (`概要` or `概要[編集]`).
        var later = Set<String>()
        for b in blocks[(last + 1)...] where b.role != .chrome {
            let t = b.text.trimmingSpaces
            guard t.utf8.count <= 4 * 60 else { continue }
            later.insert(t)
            if let bracket = t.firstIndex(of: "["), bracket > t.startIndex { later.insert(String(t[..<bracket]).trimmingSpaces) }
        }
        // The longest prefix of the run whose entries all come again.
        var count = 0
        for k in candidates {
            guard later.contains(blocks[k].text.trimmingSpaces) else { break }
            count += 1
        }
        guard count >= 2 else { return nil }
        return candidates[count - 1] + 1
    }
}
