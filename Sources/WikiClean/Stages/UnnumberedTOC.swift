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
}
