/// An Aho–Corasick automaton over UTF-8 bytes that finds every occurrence of many
/// phrases in one pass, folding full-width ASCII and the ideographic space to ASCII on
/// the fly (so `（` finds `(`). The transition table is complete (a DFA), so the scan costs
/// one table look-up per byte, whatever the number of phrases.
struct PhraseAutomaton: Sendable {
    /// `table[state * stride + byteClass[byte]]` = next state * stride * 2, + 1 when the
    /// next state ends a phrase.
    private let table: [Int32]
    /// Column of each byte in the table.
    private let byteClass: [UInt8]
    /// Columns of the table.
    private let stride: Int
    /// Length in bytes of the text a state stands for (its depth in the trie).
    private let depth: [Int32]
    /// One bit per BMP scalar: whether some phrase begins with it. At the root, a
    /// three-byte scalar that begins none is skipped whole (it cannot be part of a match,
    /// and the state after it would be the root again).
    private let starters: [UInt64]
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
        var startBits = [UInt64](repeating: 0, count: 1024)
        for phrase in phrases {
            guard let f = phrase.first else { continue }
            if f < 0x10000 { startBits[Int(f >> 6)] |= 1 << UInt64(f & 63) }
        }
        starters = startBits
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
        // Bytes that no phrase uses all act alike: one column of the table stands for all
        // of them (a row shrinks from 256 entries to about 130, and the rows the scan
        // visits most stay in cache).
        var used = [Bool](repeating: false, count: 256)
        for row in goto { for b in 0..<256 where row[b] != 0 { used[b] = true } }
        var classes = [UInt8](repeating: 0, count: 256)
        var representative: [Int] = [used.firstIndex(of: false) ?? 0]
        for b in 0..<256 where used[b] {
            classes[b] = UInt8(representative.count)
            representative.append(b)
        }
        if representative.count > 256 {
            // Every byte is used: one class per byte (the first one doubles as class 0's).
            classes = (0..<256).map { UInt8($0) }
            representative = Array(0..<256)
        }
        byteClass = classes
        let stride = representative.count
        // Entries hold `next * stride * 2`, plus 1 when `next` ends a phrase: the scan looks
        // up outputs only then.
        var flatTable: [Int32] = []
        flatTable.reserveCapacity(goto.count * stride)
        for row in goto {
            for b in representative {
                let next = Int(row[b])
                flatTable.append(Int32(next * stride * 2 + (out[next].isEmpty ? 0 : 1)))
            }
        }
        table = flatTable
        self.stride = stride
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
                          starters.withUnsafeBufferPointer { starters in
                            byteClass.withUnsafeBufferPointer { classes in
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { ring in
                                var cursor = Cursor(
                                    t: t, os: os, outs: outs, lengths: lengths, depth: depth, ring: ring.baseAddress!,
                                    classes: classes, stride: stride, prefixOnly: prefixOnly)
                                Self.run(p, &cursor, tables: Self.foldTables, starters: starters, found: found)
                            }
                            }
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
        let classes: UnsafeBufferPointer<UInt8>
        let stride: Int
        let prefixOnly: Bool
        /// `state * stride` (the table is indexed by `state * stride + class`).
        var row = 0
        var fed = 0
        /// Set in prefix mode once no phrase can start at the first byte any more.
        var done = false

        init(
            t: UnsafeBufferPointer<Int32>, os: UnsafeBufferPointer<Int32>, outs: UnsafeBufferPointer<Int32>,
            lengths: UnsafeBufferPointer<Int>, depth: UnsafeBufferPointer<Int32>, ring: UnsafeMutablePointer<Int>,
            classes: UnsafeBufferPointer<UInt8>, stride: Int, prefixOnly: Bool
        ) {
            self.classes = classes
            self.stride = stride
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
            if prefixOnly && done { return }
            ring[fed & 255] = raw
            fed += 1
            let entry = Int(t[row &+ Int(classes[Int(b)])])
            row = entry >> 1
            if prefixOnly && Int(depth[row / stride]) < fed {
                done = true
                return
            }
            if entry & 1 != 0 { report(found) }
        }

        /// Reports the phrases that end at the current state.
        private func report(_ found: (Int, Int) -> Void) {
            let state = row / stride
            for k in Int(os[state])..<Int(os[state + 1]) {
                let phrase = Int(outs[k])
                if prefixOnly && lengths[phrase] != fed { continue }
                found(phrase, ring[(fed - lengths[phrase]) & 255])
            }
        }
    }

    private static func run(
        _ p: UnsafeBufferPointer<UInt8>, _ c: inout Cursor, tables: FoldTables, starters: UnsafeBufferPointer<UInt64>,
        found: (Int, Int) -> Void
    ) {
        /// At the root, whether the three-byte scalar at `i` begins no phrase (then it is skipped).
        @inline(__always) func skippable(_ i: Int) -> Bool {
            guard c.row == 0 else { return false }
            let u = Int(p[i] & 0x0F) << 12 | Int(p[i + 1] & 0x3F) << 6 | Int(p[i + 2] & 0x3F)
            if starters[u >> 6] & (1 << UInt64(u & 63)) != 0 { return false }
            // A prefix scan that cannot start here is over.
            if c.prefixOnly { c.done = true }
            return true
        }
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
                        if skippable(i) { i += 3; continue }
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
                if len == 3 && i + 2 < n && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 && skippable(i) {
                    i += 3
                    continue
                }
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
