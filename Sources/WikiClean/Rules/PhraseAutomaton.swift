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
    /// position. `startByte` is the raw byte offset where the (folded) phrase begins.
    func scan(_ p: UnsafeBufferPointer<UInt8>, found: (Int, Int) -> Void) {
        // Raw offset of each fed byte, in a ring (phrases are at most 255 folded bytes).
        var ring = [Int](repeating: 0, count: 256)
        var fed = 0
        var state = 0
        var i = 0
        let n = p.count
        table.withUnsafeBufferPointer { t in
            outputStart.withUnsafeBufferPointer { os in
                outputs.withUnsafeBufferPointer { outs in
                    ring.withUnsafeMutableBufferPointer { ring in
                        while i < n {
                            var b = p[i]
                            let rawStart = i
                            var rawLength = 1
                            // Fold full-width ASCII (EF BC 81–EF BD 9E) and U+3000 (E3 80 80) to ASCII.
                            if b == 0xEF, i + 2 < n {
                                let b1 = p[i + 1], b2 = p[i + 2]
                                if b1 == 0xBC, b2 >= 0x81 && b2 <= 0xBF {
                                    b = b2 - 0x81 + 0x21
                                    rawLength = 3
                                } else if b1 == 0xBD, b2 >= 0x80 && b2 <= 0x9E {
                                    b = b2 - 0x80 + 0x60
                                    rawLength = 3
                                }
                            } else if b == 0xE3, i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0x80 {
                                b = 0x20
                                rawLength = 3
                            }
                            ring[fed & 255] = rawStart
                            fed += 1
                            state = Int(t[state << 8 | Int(b)])
                            let from = Int(os[state]), to = Int(os[state + 1])
                            if from < to {
                                for k in from..<to {
                                    let phrase = Int(outs[k])
                                    found(phrase, ring[(fed - phraseLengths[phrase]) & 255])
                                }
                            }
                            i += rawLength
                        }
                    }
                }
            }
        }
    }
}
