#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Pages read through a furigana proxy (trans.hiragana.jp/ruby/, chrome catalogue §8): the
/// proxy puts a reading over each kanji word, and a text scrape writes it after the word,
/// between spaces (`熊本県 くまもとけん 北東部 ほくとうぶ にある`, `持 も つ`). Every other stage
/// then reads words that are not there: the readings go, with the spaces around them.
extension RejoinLines {
    static let rubyRule = "textdump.ruby-reading"
    /// Readings a page's first lines must show before the page is taken for a proxy's.
    static let minimumRubyReadings = 3
    /// The longest reading taken for one (in kana); a longer run of kana is text.
    static let maximumRubyKana = 12

    /// Whether the page's first three text lines hold at least ``minimumRubyReadings``
    /// readings between spaces after kanji. Only the first 600 bytes of a line are read, so the
    /// check costs the same on any page.
    static func showsRubyReadings(_ blocks: [Block]) -> Bool {
        var found = 0
        var lines = 0
        // By index: a block copied out retained and released its two strings (3 of 6 a page's
        // calls to the runtime here).
        for i in blocks.indices where blocks[i].role == .paragraph {
            found += blocks[i].text.withUTF8Bytes { p in
                rubyReadingSpans(UnsafeBufferPointer(rebasing: p[0..<min(p.count, 600)]), limit: minimumRubyReadings).count
            }
            if found >= minimumRubyReadings { return true }
            lines += 1
            if lines == 3 { return false }
        }
        return false
    }

    /// The page's paragraphs without their readings; each reading is recorded as removed.
    static func removingRubyReadings(_ blocks: [Block], context: inout StageContext) -> [Block] {
        blocks.map { block in
            guard block.role == .paragraph else { return block }
            return block.text.withUTF8Bytes { p -> Block in
                let spans = rubyReadingSpans(p, limit: .max)
                guard !spans.isEmpty else { return block }
                var out: [UInt8] = []
                out.reserveCapacity(p.count)
                var at = 0
                for (start, end) in spans {
                    out.append(contentsOf: p[at..<start])
                    context.recordRemoval(rule: rubyRule, text: String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self), line: block.line)
                    at = end
                }
                out.append(contentsOf: p[at..<p.count])
                return Block(role: .paragraph, text: String(decoding: out, as: UTF8.self), line: block.line, rule: block.rule)
            }
        }
    }

    /// Byte ranges of the readings in `p`, at most `limit` of them: a space after a kanji,
    /// one to ``maximumRubyKana`` hiragana, then a space or the line end. The range takes the
    /// space before and the one after, unless a Latin letter or a title bar's separator (`-`,
    /// `|`, `–`, `—`) follows it, which keeps its space (`阿蘇山 あそさん - Wikipedia`).
    static func rubyReadingSpans(_ p: UnsafeBufferPointer<UInt8>, limit: Int) -> [(Int, Int)] {
        var spans: [(Int, Int)] = []
        guard let base = p.baseAddress else { return spans }
        let n = p.count
        var i = 3
        while i < n, spans.count < limit {
            // The next space, found with memchr: most Japanese lines hold few.
            guard let hit = memchr(base + i, 0x20, n - i) else { break }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard i >= 3, isKanji(p[i - 3], p[i - 2], p[i - 1]) else { i += 1; continue }
            var j = i + 1
            var kana = 0
            while j + 3 <= n {
                guard p[j] == 0xE3, isHiragana(p[j + 1], p[j + 2]) else { break }
                j += 3
                kana += 1
            }
            guard kana >= 1, kana <= maximumRubyKana, j == n || p[j] == 0x20 else { i += 1; continue }
            // A reading spells its whole kanji word, a kana at least for each kanji: kana after a
            // longer word are text (a name list's `夏目漱石 なつめ そうせき`: the surname's reading).
            if kana < maximumRubyKana, kanjiRun(p, before: i, atLeast: kana + 1) { i += 1; continue }
            var end = j
            if j < n, !keepsSpace(p, j + 1) { end = j + 1 }
            spans.append((i, end))
            i = end
        }
        return spans
    }

    /// Whether at least `count` kanji stand right before byte `end` (three bytes each).
    @inline(__always)
    static func kanjiRun(_ p: UnsafeBufferPointer<UInt8>, before end: Int, atLeast count: Int) -> Bool {
        var k = end
        for _ in 0..<count {
            guard k >= 3, isKanji(p[k - 3], p[k - 2], p[k - 1]) else { return false }
            k -= 3
        }
        return true
    }

    /// A kanji (CJK unified ideographs and extension A, compatibility ideographs, `々`) in
    /// three UTF-8 bytes.
    @inline(__always)
    static func isKanji(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        guard b0 & 0xF0 == 0xE0, b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return false }
        let u = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
        return (0x4E00...0x9FFF).contains(u) || (0x3400...0x4DBF).contains(u) || (0xF900...0xFAFF).contains(u) || u == 0x3005
    }

    /// The second and third bytes of a hiragana letter after `E3` (U+3041–U+3096).
    @inline(__always)
    static func isHiragana(_ b1: UInt8, _ b2: UInt8) -> Bool {
        (b1 == 0x81 && b2 >= 0x81 && b2 <= 0xBF) || (b1 == 0x82 && b2 >= 0x80 && b2 <= 0x96)
    }

    /// Whether the space at `k - 1` stays: a Latin letter or a title bar's separator follows.
    @inline(__always)
    static func keepsSpace(_ p: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        guard k < p.count else { return false }
        let b = p[k]
        if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x7C { return true }
        return b == 0xE2 && k + 2 < p.count && p[k + 1] == 0x80 && (p[k + 2] == 0x93 || p[k + 2] == 0x94)
    }
}
