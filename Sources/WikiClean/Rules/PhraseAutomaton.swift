/// An Aho–Corasick automaton over UTF-8 bytes that finds every occurrence of many
/// phrases in one pass, folding full-width ASCII and the ideographic space to ASCII on
/// the fly (so `（` finds `(`). The transition table is complete (a DFA), so the scan costs
/// one table look-up per byte, whatever the number of phrases.
struct PhraseAutomaton: Sendable {
    /// `table[state * 256 + byte]` = next state * 256.
    private let table: [Int32]
    /// Length in bytes of the text a state stands for (its depth in the trie).
    private let depth: [Int32]
    /// Phrases (indices) that end in a state, following output links: `outputs[outputStart[s]..<outputStart[s+1]]`.
    private let outputs: [Int32]
    private let outputStart: [Int32]
    /// Byte length of each phrase (folded UTF-8).
    let phraseLengths: [Int]

    /// Builds the automaton for phrases given as folded scalars.
    init(phrases: [[UInt32]]) {
        var goto: [[Int32]] = [[Int32](repeating: -1, count: 256)]
        var out: [[Int32]] = [[]]
        var depths: [Int32] = [0]
        var lengths: [Int] = []
        for (index, phrase) in phrases.enumerated() {
            var bytes: [UInt8] = []
            for s in phrase { bytes.append(contentsOf: UTF8.encode(Unicode.Scalar(s)!)!) }
            lengths.append(bytes.count)
            var state = 0
            for b in bytes {
                if goto[state][Int(b)] < 0 {
                    goto.append([Int32](repeating: -1, count: 256))
                    out.append([])
                    depths.append(depths[state] + 1)
                    goto[state][Int(b)] = Int32(goto.count - 1)
                }
                state = Int(goto[state][Int(b)])
            }
            out[state].append(Int32(index))
        }
        // Breadth-first failure links, turning goto into a complete DFA.
        var fail = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for b in 0..<256 {
            let s = goto[0][b]
            if s < 0 { goto[0][b] = 0 } else { fail[Int(s)] = 0; queue.append(Int(s)) }
        }
        var head = 0
        while head < queue.count {
            let r = queue[head]
            head += 1
            for b in 0..<256 {
                let s = goto[r][b]
                if s < 0 {
                    goto[r][b] = goto[fail[r]][b]
                } else {
                    let f = Int(goto[fail[r]][b])
                    fail[Int(s)] = f
                    out[Int(s)].append(contentsOf: out[f])
                    queue.append(Int(s))
                }
            }
        }
        table = goto.flatMap { row in row.map { $0 << 8 } }
        depth = depths
        var flat: [Int32] = []
        var starts: [Int32] = [0]
        for o in out {
            flat.append(contentsOf: o)
            starts.append(Int32(flat.count))
        }
        outputs = flat
        outputStart = starts
        phraseLengths = lengths
    }

    /// Calls `found(phraseIndex, startByte)` for every occurrence in `p`, in order of end
    /// position. `startByte` is the raw byte offset where the (folded) phrase begins. The
    /// text is read in its matching form (``UTF8Scan/matchFold(_:)``): white space skipped,
    /// widths and voiced-kana forms unified.
    @inline(__always)
    func scan(_ p: UnsafeBufferPointer<UInt8>, found: (Int, Int) -> Void) {
        run(p, prefixOnly: false, found: found)
    }

    /// Like ``scan(_:found:)``, but only for phrases that begin with the first byte of the
    /// text's matching form; stops reading as soon as no such phrase can still match, so a
    /// line costs only as many bytes as its longest matching prefix.
    @inline(__always)
    func scanPrefix(_ p: UnsafeBufferPointer<UInt8>, found: (Int, Int) -> Void) {
        run(p, prefixOnly: true, found: found)
    }

    private func run(_ p: UnsafeBufferPointer<UInt8>, prefixOnly: Bool, found: (Int, Int) -> Void) {
        table.withUnsafeBufferPointer { t in
            outputStart.withUnsafeBufferPointer { os in
                outputs.withUnsafeBufferPointer { outs in
                    phraseLengths.withUnsafeBufferPointer { lengths in
                        depth.withUnsafeBufferPointer { depth in
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { ring in
                                var cursor = Cursor(
                                    t: t, os: os, outs: outs, lengths: lengths, depth: depth, ring: ring.baseAddress!, prefixOnly: prefixOnly)
                                Self.run(p, &cursor, tables: Self.foldTables, found: found)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The fold tables the scan reads (``UTF8Scan``'s, gathered once).
    private struct FoldTables: @unchecked Sendable {
        let kanaBytes: UnsafeMutableBufferPointer<UInt8>
        let kanaLength: UnsafeMutableBufferPointer<UInt8>
        let wideBytes: UnsafeMutableBufferPointer<UInt8>
        let wideLength: UnsafeMutableBufferPointer<UInt8>
        /// ASCII bytes the matching form skips (white space).
        let asciiSkipped: UnsafeMutableBufferPointer<Bool>

        init() {
            func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
                let b = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
                _ = b.initialize(from: a)
                return b
            }
            let kana = UTF8Scan.kanaFoldedBytes
            let wide = UTF8Scan.fullwidthFoldedBytes
            kanaBytes = copy(kana.bytes)
            kanaLength = copy(kana.length)
            wideBytes = copy(wide.bytes)
            wideLength = copy(wide.length)
            asciiSkipped = copy((0..<128).map { UTF8Scan.matchFold(UInt32($0)).first == 0 })
        }
    }

    /// Built once for the process and never freed.
    private static let foldTables = FoldTables()

    /// The automaton's position while it reads one text.
    private struct Cursor {
        let t: UnsafeBufferPointer<Int32>
        let os: UnsafeBufferPointer<Int32>
        let outs: UnsafeBufferPointer<Int32>
        let lengths: UnsafeBufferPointer<Int>
        let depth: UnsafeBufferPointer<Int32>
        /// Raw offset of each fed byte, in a ring (phrases are at most 255 folded bytes).
        let ring: UnsafeMutablePointer<Int>
        let prefixOnly: Bool
        /// `state * 256` (the table is indexed by `state * 256 + byte`).
        var row = 0
        var fed = 0
        /// Set in prefix mode once no phrase can start at the first byte any more.
        var done = false

        init(
            t: UnsafeBufferPointer<Int32>, os: UnsafeBufferPointer<Int32>, outs: UnsafeBufferPointer<Int32>,
            lengths: UnsafeBufferPointer<Int>, depth: UnsafeBufferPointer<Int32>, ring: UnsafeMutablePointer<Int>, prefixOnly: Bool
        ) {
            self.t = t
            self.os = os
            self.outs = outs
            self.lengths = lengths
            self.depth = depth
            self.ring = ring
            self.prefixOnly = prefixOnly
        }

        /// Feeds one byte of the matching form, read at raw offset `raw`.
        @inline(__always)
        mutating func feed(_ b: UInt8, _ raw: Int, _ found: (Int, Int) -> Void) {
            if done { return }
            ring[fed & 255] = raw
            fed += 1
            row = Int(t[row | Int(b)])
            let state = row >> 8
            if prefixOnly && Int(depth[state]) < fed {
                done = true
                return
            }
            let from = Int(os[state])
            let to = Int(os[state + 1])
            if from < to {
                for k in from..<to {
                    let phrase = Int(outs[k])
                    if prefixOnly && lengths[phrase] != fed { continue }
                    found(phrase, ring[(fed - lengths[phrase]) & 255])
                }
            }
        }
    }

    private static func run(_ p: UnsafeBufferPointer<UInt8>, _ c: inout Cursor, tables: FoldTables, found: (Int, Int) -> Void) {
        let n = p.count
        var i = 0
        while i < n && !c.done {
            let b0 = p[i]
            if b0 < 0x80 {
                if !tables.asciiSkipped[Int(b0)] { c.feed(b0, i, found) }
                i += 1
                continue
            }
            // U+3000–30FF (E3 80–83 xx) and U+FF00–FFFF (EF BC–BF xx) by table.
            if (b0 == 0xE3 || b0 == 0xEF) && i + 2 < n {
                let b1 = p[i + 1]
                let inKana = b0 == 0xE3 && b1 >= 0x80 && b1 <= 0x83
                let inWide = b0 == 0xEF && b1 >= 0xBC
                if inKana || inWide {
                    let index = Int(b1 & 0x03) << 6 | Int(p[i + 2] & 0x3F)
                    let len = inKana ? tables.kanaLength[index] : tables.wideLength[index]
                    if len == 255 {
                        c.feed(b0, i, found)
                        c.feed(b1, i, found)
                        c.feed(p[i + 2], i, found)
                    } else {
                        let src = inKana ? tables.kanaBytes : tables.wideBytes
                        for q in 0..<Int(len) { c.feed(src[index * 6 + q], i, found) }
                    }
                    i += 3
                    continue
                }
            }
            if !UTF8Scan.leadByteMayFold(b0) {
                // Reads as itself: feed the raw bytes of this scalar.
                let len = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
                for j in i..<min(n, i + len) { c.feed(p[j], i, found) }
                i += len
                continue
            }
            let d = UTF8Scan.decode(p, i)
            let f = UTF8Scan.matchFold(d.scalar)
            if f.first == d.scalar && f.second == 0 {
                for j in i..<(i + d.length) { c.feed(p[j], i, found) }
            } else {
                if f.first != 0 { for byte in UTF8.encode(Unicode.Scalar(f.first)!)! { c.feed(byte, i, found) } }
                if f.second != 0 { for byte in UTF8.encode(Unicode.Scalar(f.second)!)! { c.feed(byte, i, found) } }
            }
            i += d.length
        }
    }
}
