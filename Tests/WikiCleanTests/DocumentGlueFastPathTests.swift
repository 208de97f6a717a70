import Testing

@testable import WikiClean

/// The per-page glue's and detect-boundaries' shortcuts against the forms they replace: the
/// line accounting's single walk, the byte copy of a string's slice, the SIMD lane test.
@Suite struct DocumentGlueFastPathTests {
    /// The line accounting as first written: lines sorted, ranges merged, a search per line.
    static func referenceLineAccounting(of page: Document, in docs: [Document]) -> (Int, Int) {
        let ranges = LineRanges(docs.compactMap { d -> ClosedRange<Int>? in
            guard let a = d.source.lineStart, let b = d.source.lineEnd, a <= b else { return nil }
            return a...b
        })
        var lines = page.blocks.compactMap(\.line)
        if zip(lines, lines.dropFirst()).contains(where: { $0 > $1 }) { lines.sort() }
        var inDocs = 0
        var outside = 0
        var previous: Int?
        for l in lines where l != previous {
            previous = l
            if ranges.contains(l) { inDocs += 1 } else { outside += 1 }
        }
        return (inDocs, outside)
    }

    static func document(lines: [Int?], ranges: [(Int?, Int?)]) -> (Document, [Document]) {
        let page = Document(id: "p", blocks: lines.map { .paragraph("x", line: $0) }, source: SourceLocation(input: "p"))
        let docs = ranges.map { r in
            Document(id: "d", kind: .article, source: SourceLocation(input: "p", lineStart: r.0, lineEnd: r.1))
        }
        return (page, docs)
    }

    @Test func lineAccountingAgreesWithTheReference() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        for round in 0..<2000 {
            var lines: [Int?] = []
            var l = next(3)
            for _ in 0..<next(12) {
                l += next(3)
                lines.append(next(8) == 0 ? nil : l)
            }
            // Some pages out of line order.
            if round % 5 == 0, lines.count > 2 { lines.swapAt(0, lines.count - 1) }
            var ranges: [(Int?, Int?)] = []
            var s = next(4)
            for _ in 0..<next(5) {
                s += next(4) - 1
                let e = s + next(5) - 1
                ranges.append((next(10) == 0 ? nil : s, next(10) == 0 ? nil : e))
            }
            if round % 7 == 0, ranges.count > 1 { ranges.reverse() }
            let (page, docs) = Self.document(lines: lines, ranges: ranges)
            let fast = Pipeline.lineAccounting(of: page, in: docs)
            let reference = Self.referenceLineAccounting(of: page, in: docs)
            #expect(fast == reference, "lines \(lines), ranges \(ranges)")
        }
    }

    @Test func utf8CopyAgreesWithSubstringCopy() {
        for text in ["", "a", "鼻葉(びよう)とは、小型の…", "日本語 text 𠮷野家 mixed", String(repeating: "あ", count: 40)] {
            let u = Array(text.utf8)
            // Every pair of scalar boundaries.
            let cuts = (0...u.count).filter { $0 == u.count || u[$0] & 0xC0 != 0x80 }
            for a in cuts {
                for b in cuts where b >= a {
                    let s = text.utf8
                    let reference = String(Substring(s[s.index(s.startIndex, offsetBy: a)..<s.index(s.startIndex, offsetBy: b)]))
                    #expect(text.utf8Copy(a, b) == reference)
                }
            }
        }
    }

    @Test func scalarCountAgreesWithUnicodeScalars() {
        let pieces = ["a", "é", "あ", "𠮷", " ", "漢字", "\u{10FFFF}", "\u{7F}", "\u{80}"]
        var seed: UInt64 = 42
        // Lengths around every word boundary and past the 255-word flush of the lane sums.
        for length in Array(0..<40) + [500, 2030, 2047, 2048, 2049, 5000, 9000] {
            var text = ""
            for _ in 0..<length {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((seed >> 33) % UInt64(pieces.count))]
            }
            let count = text.withUTF8Bytes { UTF8Scan.scalarCount($0) }
            #expect(count == text.unicodeScalars.count, "length \(length)")
            // Each loop of the C count (AVX2, words, bytes), on every suffix of a short text.
            text.withUTF8Bytes { p in
                for from in 0...min(p.count, 80) {
                    let part = UnsafeBufferPointer(rebasing: p[from...])
                    let expected = part.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                    for level: Int32 in 0...2 {
                        #expect(UTF8Scan.scalarCount(part, level: level) == expected, "length \(length) from \(from) level \(level)")
                    }
                }
            }
        }
        // All continuation bytes' lanes full: the lane sums at their largest.
        let wide = String(repeating: "𠮷", count: 4000)
        #expect(wide.withUTF8Bytes { UTF8Scan.scalarCount($0) } == 4000)
    }

    @Test func blockRoleSearchesAgreeWithClosureForms() {
        let roles = Block.Role.allCases
        var seed: UInt64 = 7
        for _ in 0..<500 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let n = Int((seed >> 33) % 7)
            var blocks: [Block] = []
            for k in 0..<n {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                blocks.append(Block(role: roles[Int((seed >> 33) % UInt64(roles.count))], text: "b\(k)", line: k))
            }
            for a in roles {
                for b in [nil] + roles.map(Optional.some) {
                    func matches(_ x: Block) -> Bool { x.role == a || x.role == b }
                    #expect(blocks.lastIndex(role: a, or: b) == blocks.lastIndex(where: matches))
                    for start in 0...n {
                        #expect(blocks.firstIndex(from: start, role: a, or: b) == blocks[start...].firstIndex(where: matches))
                        #expect(blocks.contains(from: start, role: a, or: b) == blocks[start...].contains(where: matches))
                        #expect(blocks.firstIndex(from: start, notRole: a) == blocks[start...].firstIndex(where: { $0.role != a }))
                    }
                }
            }
        }
    }

    @Test func anyLaneAgreesWithAny() {
        for lane in -1..<16 {
            var v = SIMD16<UInt8>(repeating: 0)
            if lane >= 0 { v[lane] = 0x28 }
            let mask = v .== SIMD16<UInt8>(repeating: 0x28)
            #expect(JapaneseText.anyLane(mask) == any(mask))
        }
    }
}
