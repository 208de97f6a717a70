/// An Aho–Corasick automaton that finds every occurrence of many phrases in a line of
/// UTF-8 in one pass, reading the text in its matching form (``UTF8Scan/matchFold(_:)``:
/// white space skipped, full/half widths and voiced-kana forms unified), so `（` finds `(`
/// and `ｶﾞ` finds `ガ`.
///
/// It steps one scalar at a time: each scalar of the text is mapped to a class (the
/// scalars the phrases use each have their own; every other scalar is class 0) through a
/// two-level table that also applies the folding, then a complete transition table (a
/// DFA) gives the next state. The look-up of the class does not depend on the state, so
/// the scan costs one dependent table load per character, whatever the number of phrases.
final class PhraseAutomaton: Sendable {
    /// `table[state * stride + class]` = next state * stride * 2, + 1 when the next state
    /// ends a phrase.
    private let table: [Int32]
    /// Columns of the table (classes).
    private let stride: Int
    /// Classes of a BMP scalar's matching form, by block of 64 scalars: `blockOf[u >> 6]` is
    /// the offset of the block in `classes` (a three-byte character's block comes from its
    /// first two bytes, its place in the block from the third, without decoding it). An
    /// entry below ``rare`` is the scalar's one class. A rare entry (``rare`` set) holds the
    /// first class in its low 16 bits and the second (a voiced mark) in bits 16–30; ``skip``
    /// as the first class means the scalar is skipped, ``none`` as the second that there is
    /// none. So the scan tells the common case with one test.
    private let blockOf: [Int32]
    private let classes: [UInt32]
    /// For the tuned loop: the block in `classes` of a three-byte character, by its first two
    /// bytes read as one big-endian 16-bit word (256 × lead + second byte), as `blockOf`
    /// gives it; -1 when the two bytes are no three-byte lead and continuation byte. One load
    /// instead of checking and decoding the two bytes. Big-endian, so that the entries of a
    /// lead byte sit together (4 cache lines); read little-endian, the entries of the 64
    /// second bytes lie 1 KiB apart and share 4 of the L1 cache's 64 sets, and a quarter of
    /// the scan's L1 misses were theirs (`callgrind --cache-sim=yes`).
    private let blockOfLeadPair: [Int32]
    /// Classes of scalars beyond the BMP that phrases use (after folding).
    private let astralClasses: [UInt32: UInt16]
    /// Length in scalars of the text a state stands for (its depth in the trie).
    private let depth: [Int32]
    /// Phrases (indices) that end in a state, following output links: `outputs[outputStart[s]..<outputStart[s+1]]`.
    private let outputs: [Int32]
    private let outputStart: [Int32]
    /// Length of each phrase in scalars (of the matching form).
    private let phraseLengths: [Int32]
    /// The ring of raw offsets holds `ringMask + 1` entries, a power of two no smaller
    /// than the longest phrase.
    private let ringMask: Int

    private static let skip: UInt32 = 0xFFFF
    private static let none: UInt32 = 0x7FFF
    private static let rare: UInt32 = 0x8000_0000

    /// The classes an entry of `classes` stands for, in the order they are fed: none for a
    /// skipped scalar, one, or two.
    @inline(__always)
    private static func decodeEntry(_ e: UInt32) -> (first: UInt32?, second: UInt32?) {
        if e < rare { return (e, nil) }
        let first = e & 0xFFFF
        if first == skip { return (nil, nil) }
        let second = (e &>> 16) & none
        return (first, second == none ? nil : second)
    }

    /// Builds the automaton for phrases given as folded scalars.
    init(phrases: [[UInt32]]) {
        // Classes: one per distinct scalar of the phrases.
        var classOf: [UInt32: UInt16] = [:]
        for phrase in phrases {
            for s in phrase where classOf[s] == nil { classOf[s] = UInt16(classOf.count + 1) }
        }
        precondition(classOf.count < 0x7FFE, "too many distinct characters in the phrases")
        let stride = classOf.count + 1
        self.stride = stride

        // Trie over classes: its edges as lists per state (a look-up by state and class while
        // the phrases go in).
        var edgeOf: [Int: Int32] = [:]  // state * stride + class -> child
        var firstEdge: [Int32] = [-1]  // per state: its first edge, -1 for none
        var nextEdge: [Int32] = []
        var edgeClass: [Int32] = []
        var edgeChild: [Int32] = []
        var out: [[Int32]] = [[]]
        var depths: [Int32] = [0]
        var lengths: [Int32] = []
        for (index, phrase) in phrases.enumerated() {
            lengths.append(Int32(phrase.count))
            var state = 0
            for s in phrase {
                let c = Int(classOf[s]!)
                if let child = edgeOf[state * stride + c] {
                    state = Int(child)
                    continue
                }
                let child = Int32(depths.count)
                edgeOf[state * stride + c] = child
                edgeClass.append(Int32(c))
                edgeChild.append(child)
                nextEdge.append(firstEdge[state])
                firstEdge[state] = Int32(edgeClass.count - 1)
                firstEdge.append(-1)
                out.append([])
                depths.append(depths[state] + 1)
                state = Int(child)
            }
            out[state].append(Int32(index))
        }
        // The DFA, breadth first: a state's row is its failure state's row (complete already:
        // it is shallower) with the state's own edges written over it, so the table is built
        // by copying rows, not entry by entry. An entry is written in its final form (next
        // state * stride * 2, + 1 when it ends a phrase): a state's outputs are complete when
        // its parent's row is made, before any entry can lead to it.
        let stateCount = depths.count
        var fail = [Int](repeating: 0, count: stateCount)
        var queue: [Int] = [0]
        queue.reserveCapacity(stateCount)
        func encoded(_ state: Int) -> Int32 { Int32(state * stride * 2 + (out[state].isEmpty ? 0 : 1)) }
        let flatTable = [Int32](unsafeUninitializedCapacity: stateCount * stride) { g, initialized in
            let base = g.baseAddress!
            var head = 0
            while head < queue.count {
                let r = queue[head]
                head += 1
                let row = base + r * stride
                if r == 0 {
                    row.initialize(repeating: 0, count: stride)
                } else {
                    row.initialize(from: base + fail[r] * stride, count: stride)
                }
                var e = Int(firstEdge[r])
                while e >= 0 {
                    let c = Int(edgeClass[e])
                    let child = Int(edgeChild[e])
                    // Where the failure state leads on this class (the entry before it is
                    // overwritten); from the start state, back to it.
                    let f = r == 0 ? 0 : Int(row[c]) / (stride * 2)
                    fail[child] = f
                    out[child].append(contentsOf: out[f])
                    row[c] = encoded(child)
                    queue.append(child)
                    e = Int(nextEdge[e])
                }
            }
            initialized = stateCount * stride
        }
        table = flatTable
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
        var ring = 64
        while ring < Int(lengths.max() ?? 0) { ring *= 2 }
        ringMask = ring - 1

        // The matching form of every BMP scalar, as classes. Blocks where every scalar reads
        // as itself and is in no phrase share block 0.
        // (Classes of BMP scalars in a flat array: 65,536 look-ups, once per automaton.)
        var bmpClasses = [UInt16](repeating: 0, count: 0x1_0000)
        for (s, c) in classOf where s < 0x1_0000 { bmpClasses[Int(s)] = c }
        // Immutable from here, so the function below reads it with no exclusivity check.
        let bmpClass = bmpClasses
        func classOfScalar(_ s: UInt32) -> UInt32 { s < 0x1_0000 ? UInt32(bmpClass[Int(s)]) : UInt32(classOf[s] ?? 0) }
        func entry(_ u: UInt32) -> UInt32 {
            let f = UTF8Scan.matchFold(u)
            if f.first == 0 && f.second == 0 { return Self.rare | Self.skip }
            let first: UInt32 = f.first == 0 ? 0 : classOfScalar(f.first)
            if f.second == 0 { return first }
            return Self.rare | first | classOfScalar(f.second) << 16
        }
        let plain = UInt32(0)
        var blocks: [Int32] = []
        var cls = [UInt32](repeating: plain, count: 64)
        var pagesWithClasses = Set<Int>()
        for s in classOf.keys where s < 0x1_0000 { pagesWithClasses.insert(Int(s >> 8)) }
        for block in 0..<1024 {
            let page = block >> 2
            if page >= 0xD8 && page < 0xE0 { blocks.append(0); continue }  // surrogates
            // A page whose scalars all read as themselves and are in no phrase is plain.
            if !pagesWithClasses.contains(page) && UTF8Scan.readsAsItself(page: page) { blocks.append(0); continue }
            let entries = (0..<64).map { entry(UInt32(block << 6 | $0)) }
            if entries.allSatisfy({ $0 == plain }) {
                blocks.append(0)
            } else {
                blocks.append(Int32(cls.count))
                cls.append(contentsOf: entries)
            }
        }
        blockOf = blocks
        classes = cls
        var pairs = [Int32](repeating: -1, count: 0x1_0000)
        for lead in 0xE0..<0xF0 {
            for second in 0x80..<0xC0 { pairs[lead << 8 | second] = blocks[(lead & 0x0F) << 6 | (second & 0x3F)] }
        }
        blockOfLeadPair = pairs
        var astral: [UInt32: UInt16] = [:]
        for (s, c) in classOf where s >= 0x10000 { astral[s] = c }
        astralClasses = astral
    }

    /// Calls `found(phraseIndex, startByte)` for every occurrence in `p` (any bytes: a
    /// malformed byte reads as an unknown scalar), in order of end position. `startByte` is the
    /// raw byte offset where the (folded) phrase begins. The general loop, which keeps a ring
    /// of offsets; the pipeline reads `String`s, with the tuned ``scanValidUTF8(_:startsNeededBelow:found:)``,
    /// and the tests check the two agree.
    func scan(_ p: UnsafeBufferPointer<UInt8>, found: (Int, Int) -> Void) {
        run(p, prefixOnly: false, found: found)
    }

    /// ``scan(_:found:)`` for well-formed UTF-8 (the bytes of a `String`): the same calls in
    /// the same order, from a tuned loop that keeps no ring of offsets. Where a phrase starts is
    /// worked out when it is found, by stepping back over its characters, which well-formed
    /// text allows (a malformed byte may decode differently backwards). On the 4 MB slice of
    /// the benchmark dump (callgrind): the loop 70.9 M → 58.1 M instructions, the reports
    /// 9.3 M → 13.1 M (the steps back), the run −9.4 M (−1.4%), the same output.
    ///
    /// Phrases numbered `startsNeededBelow` or more are reported with start -1: a caller that
    /// only asks whether they occur saves the steps back.
    func scanValidUTF8(_ p: UnsafeBufferPointer<UInt8>, startsNeededBelow: Int = .max, found: (Int, Int) -> Void) {
        guard let base = p.baseAddress, p.count > 0 else { return }
        table.withUnsafeBufferPointer { t in
            classes.withUnsafeBufferPointer { cls in
                blockOf.withUnsafeBufferPointer { blocks in
                    blockOfLeadPair.withUnsafeBufferPointer { pairs in
                        scanLoopValid(
                            base, p.count, t.baseAddress!, cls.baseAddress!, blocks.baseAddress!, pairs.baseAddress!, startsNeededBelow, found)
                    }
                }
            }
        }
    }

    /// The loop of ``scanValidUTF8(_:startsNeededBelow:found:)``, on raw pointers with
    /// wrapping arithmetic, so that what is live fits in registers. Per scalar: one class
    /// look-up (a three-byte character's straight from its bytes) and one table step, whatever
    /// the character: no branch that depends on which characters the text holds, but for
    /// ASCII against the rest and the rare skipped (white space) and two-class (voiced mark)
    /// characters. (A loop that passed over the characters that cannot start a phrase ran 30%
    /// fewer instructions but mispredicted nearly four times as many branches, and took more
    /// time.) A common character's entry is its class, told from a rare one by one test, and
    /// while three bytes are left a three-byte character's length needs no check: on the 4 MB
    /// slice, 39 → 33 instructions a character, the run 636.5 M → 628.6 M.
    @inline(never)
    private func scanLoopValid(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ t: UnsafePointer<Int32>, _ cls: UnsafePointer<UInt32>, _ blocks: UnsafePointer<Int32>,
        _ pairs: UnsafePointer<Int32>, _ startsNeededBelow: Int, _ found: (Int, Int) -> Void
    ) {
        var row = 0  // state * stride
        var i = 0
        // While three bytes are left, a three-byte character needs no check of the length.
        while i &+ 2 < n {
            let at = i
            let b0 = p[i]
            let e: UInt32
            if b0 < 0x80 {
                e = Self.bmpEntry(UInt32(b0), cls, blocks)
                i &+= 1
            } else {
                // Most of Japanese text: a three-byte character. Its first two bytes name its
                // block of 64 scalars (or tell that it is none), the third its place in the
                // block: `b ^ 0x80` is below 0x40 exactly for a continuation byte, and is then
                // its six bits of payload.
                let block = pairs[Int(UInt16(bigEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt16.self)))]
                let c2 = p[i &+ 2] ^ 0x80
                if block >= 0 && c2 < 0x40 {
                    e = cls[Int(block) &+ Int(c2)]
                    i &+= 3
                } else {
                    let (other, len) = entryOther(p, n, i, cls, blocks)
                    e = other
                    i &+= len
                }
            }
            if e < Self.rare {
                let step = Int(t[row &+ Int(e)])
                row = step &>> 1
                if step & 1 != 0 { reportBack(row / stride, at, 1, p, n, startsNeededBelow, found) }
            } else {
                row = feedRare(e, at, row, t, p, n, startsNeededBelow, found)
            }
        }
        // The last one or two bytes.
        while i < n {
            let at = i
            let (e, len) = Self.entry(p, n, i, cls, blocks, pairs) ?? entryOther(p, n, i, cls, blocks)
            i &+= len
            row = feedRare(e, at, row, t, p, n, startsNeededBelow, found)
        }
    }

    /// Feeds any entry (a rare one: a skipped scalar, or two classes) at `at` and reports what
    /// ends there.
    @inline(never)
    private func feedRare(
        _ e: UInt32, _ at: Int, _ row: Int, _ t: UnsafePointer<Int32>, _ p: UnsafePointer<UInt8>, _ n: Int, _ startsNeededBelow: Int,
        _ found: (Int, Int) -> Void
    ) -> Int {
        let (first, second) = Self.decodeEntry(e)
        guard let first else { return row }
        var step = Int(t[row &+ Int(first)])
        var row = step &>> 1
        if step & 1 != 0 { reportBack(row / stride, at, 1, p, n, startsNeededBelow, found) }
        guard let second else { return row }
        step = Int(t[row &+ Int(second)])
        row = step &>> 1
        if step & 1 != 0 { reportBack(row / stride, at, 2, p, n, startsNeededBelow, found) }
        return row
    }

    /// Reports the phrases that end in `state` at the character at `at`, of which `fedHere`
    /// classes were read: each phrase's start is found by stepping back over characters
    /// (well-formed UTF-8), counting the classes each stands for, as the ring would have
    /// recorded them.
    @inline(never)
    private func reportBack(
        _ state: Int, _ at: Int, _ fedHere: Int, _ p: UnsafePointer<UInt8>, _ n: Int, _ startsNeededBelow: Int, _ found: (Int, Int) -> Void
    ) {
        classes.withUnsafeBufferPointer { c in
            blockOf.withUnsafeBufferPointer { b in
                reportBack(state, at, fedHere, p, n, c.baseAddress!, b.baseAddress!, startsNeededBelow, found)
            }
        }
    }

    private func reportBack(
        _ state: Int, _ at: Int, _ fedHere: Int, _ p: UnsafePointer<UInt8>, _ n: Int, _ cls: UnsafePointer<UInt32>,
        _ blocks: UnsafePointer<Int32>, _ startsNeededBelow: Int, _ found: (Int, Int) -> Void
    ) {
        let bytes = UnsafeBufferPointer(start: p, count: n)
        for k in Int(outputStart[state])..<Int(outputStart[state + 1]) {
            let phrase = Int(outputs[k])
            guard phrase < startsNeededBelow else {
                found(phrase, -1)
                continue
            }
            var remaining = Int(phraseLengths[phrase]) - fedHere
            var pos = at
            while remaining > 0 && pos > 0 {
                var s = pos - 1
                while s > 0 && p[s] & 0xC0 == 0x80 { s -= 1 }
                let u = UTF8Scan.decode(bytes, s).scalar
                let e = u < 0x1_0000 ? Self.bmpEntry(u, cls, blocks) : astralEntry(u)
                let (first, second) = Self.decodeEntry(e)
                if first != nil { remaining -= second != nil ? 2 : 1 }
                pos = s
            }
            found(phrase, pos)
        }
    }

    /// The class entry of the character at `i` and its length, for ASCII and well-formed
    /// three-byte characters (nil for any other: see ``entryOther(_:_:_:_:_:)``).
    @inline(__always)
    private static func entry(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ cls: UnsafePointer<UInt32>, _ blocks: UnsafePointer<Int32>, _ pairs: UnsafePointer<Int32>
    ) -> (UInt32, Int)? {
        let b0 = p[i]
        if b0 < 0x80 { return (bmpEntry(UInt32(b0), cls, blocks), 1) }
        if i &+ 2 < n {
            // Most of Japanese text: a three-byte character. Its first two bytes name its
            // block of 64 scalars (or tell that it is none), the third its place in the
            // block: `b ^ 0x80` is below 0x40 exactly for a continuation byte, and is then
            // its six bits of payload.
            let block = pairs[Int(UInt16(bigEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt16.self)))]
            let c2 = p[i &+ 2] ^ 0x80
            if block >= 0 && c2 < 0x40 { return (cls[Int(block) &+ Int(c2)], 3) }
        }
        return nil
    }

    /// The class entry of any other character at `i` (or malformed byte) and its length.
    @inline(never)
    private func entryOther(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ cls: UnsafePointer<UInt32>, _ blocks: UnsafePointer<Int32>
    ) -> (UInt32, Int) {
        let (u, len) = Self.decodeOther(p, i, n)
        return (u < 0x1_0000 ? Self.bmpEntry(u, cls, blocks) : astralEntry(u), len)
    }

    /// A scalar of two, three (near the end) or four bytes, or a malformed byte (read as an
    /// unknown scalar).
    @inline(never)
    private static func decodeOther(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (UInt32, Int) {
        let b0 = p[i]
        if b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n && p[i + 1] & 0xC0 == 0x80 {
            return (UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 >= 0xE0 && b0 < 0xF0 && i + 2 < n && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 {
            return (UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if b0 >= 0xF0 && b0 < 0xF5 && i + 3 < n && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 && p[i + 3] & 0xC0 == 0x80 {
            let u = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
            return (u, 4)
        }
        return (0xFFFD, 1)
    }

    /// The class entry of a scalar beyond the BMP.
    @inline(never)
    private func astralEntry(_ u: UInt32) -> UInt32 {
        UInt32(astralClasses[UTF8Scan.matchFold(u).first] ?? 0)
    }

    /// The class entry of a scalar of the BMP.
    @inline(__always)
    private static func bmpEntry(_ u: UInt32, _ cls: UnsafePointer<UInt32>, _ blocks: UnsafePointer<Int32>) -> UInt32 {
        cls[Int(blocks[Int(u &>> 6)]) &+ Int(u & 0x3F)]
    }

    /// Like ``scan(_:found:)``, but only for phrases that begin with the first character of
    /// the text's matching form; stops reading as soon as no such phrase can still match.
    @inline(__always)
    func scanPrefix(_ p: UnsafeBufferPointer<UInt8>, found: (Int, Int) -> Void) {
        run(p, prefixOnly: true, found: found)
    }

    private func run(_ p: UnsafeBufferPointer<UInt8>, prefixOnly: Bool, found: (Int, Int) -> Void) {
        table.withUnsafeBufferPointer { t in
            classes.withUnsafeBufferPointer { cls in
                blockOf.withUnsafeBufferPointer { blocks in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: ringMask + 1) { ringBuffer in
                        // The state lives in locals (registers), not in a struct in memory:
                        // the scan is one chain of dependent loads, and every cycle on it counts.
                        let ring = ringBuffer.baseAddress!
                        let mask = ringMask
                        var row = 0  // state * stride
                        var fed = 0  // characters of the matching form read so far
                        let n = p.count
                        var i = 0
                        while i < n {
                            // Decode one scalar (a malformed byte reads as an unknown scalar).
                            let b0 = p[i]
                            var u: UInt32
                            var len: Int
                            if b0 < 0x80 {
                                u = UInt32(b0)
                                len = 1
                            } else if b0 >= 0xE0 && b0 < 0xF0 && i + 2 < n && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 {
                                u = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                                len = 3
                            } else if b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n && p[i + 1] & 0xC0 == 0x80 {
                                u = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                                len = 2
                            } else if b0 >= 0xF0 && b0 < 0xF5 && i + 3 < n && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80
                                && p[i + 3] & 0xC0 == 0x80
                            {
                                u = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                                    | UInt32(p[i + 3] & 0x3F)
                                len = 4
                            } else {
                                u = 0xFFFD
                                len = 1
                            }
                            let e: UInt32
                            if u < 0x10000 {
                                e = Self.bmpEntry(u, cls.baseAddress!, blocks.baseAddress!)
                            } else {
                                let f = UTF8Scan.matchFold(u)
                                e = UInt32(astralClasses[f.first] ?? 0)
                            }
                            let (first, second) = Self.decodeEntry(e)
                            if let first {
                                guard feed(Int(first), at: i, t.baseAddress!, &row, &fed, ring, mask, prefixOnly, found) else { return }
                                if let second {
                                    guard feed(Int(second), at: i, t.baseAddress!, &row, &fed, ring, mask, prefixOnly, found) else { return }
                                }
                            }
                            i += len
                        }
                    }
                }
            }
        }
    }

    /// Feeds the class `c` of the character at raw offset `i`: records the offset, steps, and
    /// reports what ends there. False when a prefix scan can stop.
    @inline(__always)
    private func feed(
        _ c: Int, at i: Int, _ t: UnsafePointer<Int32>, _ row: inout Int, _ fed: inout Int, _ ring: UnsafeMutablePointer<Int>, _ mask: Int,
        _ prefixOnly: Bool, _ found: (Int, Int) -> Void
    ) -> Bool {
        ring[fed & mask] = i
        fed &+= 1
        let entry = Int(t[row &+ c])
        row = entry &>> 1
        if prefixOnly && Int(depth[row / stride]) < fed { return false }
        if entry & 1 != 0 { report(row / stride, fed, ring, mask, prefixOnly, found) }
        return true
    }

    /// Reports the phrases that end in `state`, `fed` characters into the text.
    @inline(never)
    private func report(
        _ state: Int, _ fed: Int, _ ring: UnsafeMutablePointer<Int>, _ mask: Int, _ prefixOnly: Bool,
        _ found: (Int, Int) -> Void
    ) {
        for k in Int(outputStart[state])..<Int(outputStart[state + 1]) {
            let phrase = Int(outputs[k])
            let length = Int(phraseLengths[phrase])
            if prefixOnly && length != fed { continue }
            found(phrase, ring[(fed - length) & mask])
        }
    }
}
