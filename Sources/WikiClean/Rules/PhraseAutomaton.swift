/// An Aho–Corasick automaton over UTF-8 bytes that finds every occurrence of many
/// phrases in one pass, folding full-width ASCII and the ideographic space to ASCII on
/// the fly (so `（` finds `(`). The transition table is complete (a DFA), so the scan costs
/// one table look-up per byte, whatever the number of phrases.
struct PhraseAutomaton: Sendable {
    /// `table[state * 256 + byte]` = next state.
    private let table: [Int32]
    /// Phrases (indices) that end in a state, following output links: `outputs[outputStart[s]..<outputStart[s+1]]`.
    private let outputs: [Int32]
    private let outputStart: [Int32]
    /// Byte length of each phrase (folded UTF-8).
    let phraseLengths: [Int]

    /// Builds the automaton for phrases given as folded scalars.
    init(phrases: [[UInt32]]) {
        var goto: [[Int32]] = [[Int32](repeating: -1, count: 256)]
        var out: [[Int32]] = [[]]
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
        table = goto.flatMap { $0 }
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
    func scan(_ p: UnsafeBufferPointer<UInt8>, found: (Int, Int) -> Void) {
        table.withUnsafeBufferPointer { t in
            outputStart.withUnsafeBufferPointer { os in
                outputs.withUnsafeBufferPointer { outs in
                    phraseLengths.withUnsafeBufferPointer { lengths in
                        let kana = UTF8Scan.kanaFoldedBytes
                        let wide = UTF8Scan.fullwidthFoldedBytes
                        kana.bytes.withUnsafeBufferPointer { kb in
                            kana.length.withUnsafeBufferPointer { kl in
                                wide.bytes.withUnsafeBufferPointer { wb in
                                    wide.length.withUnsafeBufferPointer { wl in
                                        var cursor = Cursor(t: t, os: os, outs: outs, lengths: lengths)
                                        Self.run(p, &cursor, kb: kb, kl: kl, wb: wb, wl: wl, found: found)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The automaton's position while it reads one text.
    private struct Cursor {
        let t: UnsafeBufferPointer<Int32>
        let os: UnsafeBufferPointer<Int32>
        let outs: UnsafeBufferPointer<Int32>
        let lengths: UnsafeBufferPointer<Int>
        var state = 0
        var fed = 0
        /// Raw offset of each fed byte, in a ring (phrases are at most 255 folded bytes).
        var ring: (UnsafeMutablePointer<Int>) = .allocate(capacity: 256)

        init(t: UnsafeBufferPointer<Int32>, os: UnsafeBufferPointer<Int32>, outs: UnsafeBufferPointer<Int32>, lengths: UnsafeBufferPointer<Int>) {
            self.t = t
            self.os = os
            self.outs = outs
            self.lengths = lengths
        }

        /// Feeds one byte of the matching form, read at raw offset `raw`.
        @inline(__always)
        mutating func feed(_ b: UInt8, _ raw: Int, _ found: (Int, Int) -> Void) {
            ring[fed & 255] = raw
            fed += 1
            state = Int(t[state << 8 | Int(b)])
            let from = Int(os[state])
            let to = Int(os[state + 1])
            if from < to {
                for k in from..<to {
                    let phrase = Int(outs[k])
                    found(phrase, ring[(fed - lengths[phrase]) & 255])
                }
            }
        }
    }

    private static func run(
        _ p: UnsafeBufferPointer<UInt8>, _ c: inout Cursor, kb: UnsafeBufferPointer<UInt8>, kl: UnsafeBufferPointer<UInt8>,
        wb: UnsafeBufferPointer<UInt8>, wl: UnsafeBufferPointer<UInt8>, found: (Int, Int) -> Void
    ) {
        defer { c.ring.deallocate() }
        let n = p.count
        var i = 0
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 {
                if b0 != 0x20 && b0 != 0x09 && b0 != 0x0A && b0 != 0x0D { c.feed(b0, i, found) }
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
                    let len = inKana ? kl[index] : wl[index]
                    if len == 255 {
                        c.feed(b0, i, found)
                        c.feed(b1, i, found)
                        c.feed(p[i + 2], i, found)
                    } else {
                        let src = inKana ? kb : wb
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
