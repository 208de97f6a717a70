internal import CICUShims

/// An Aho–Corasick automaton that finds every occurrence of many phrases in a line of
/// UTF-8 in one pass, reading the text in its matching form (``UTF8Scan/matchFold(_:)``:
/// white space skipped, full/half widths and voiced-kana forms unified), so `（` finds `(`
/// and `ｶﾞ` finds `ガ`.
///
/// It steps one scalar at a time: each scalar of the text is mapped to a class (the
/// scalars the phrases use each have their own; every other scalar is class 0) through a
/// two-level table that also applies the folding, then a transition table (a DFA, stored
/// as each state's differences from the start state: see ``packed``) gives the next state. The look-up of the class does not depend on the state, so
/// the scan costs one dependent table load per character, whatever the number of phrases.
final class PhraseAutomaton: Sendable {
    /// Columns of the table: the classes, the rare class, and last the state's own number
    /// (see ``packed``).
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
    /// Everything the tuned loop (``stepValid``) reads, in one buffer, so that it keeps
    /// one base pointer: its live values then fit in the registers a call leaves alone, and are
    /// not reloaded from the stack at every character. In order:
    /// - by a three-byte character's first two bytes, read as one big-endian 16-bit word (256 ×
    ///   lead + second byte), the offset in this buffer of its block of 64 loop entries, less
    ///   0x80: the third byte (a continuation byte, 0x80–0xBF) is added as it is, unmasked;
    ///   no block when the two bytes are no three-byte lead and continuation byte (the
    ///   offset of 256 loop entries that stand for ``noCharacter``, whatever the third byte).
    ///   One load instead of checking and decoding the two bytes. Big-endian, so that the
    ///   entries of a lead byte sit together (4 cache lines); read little-endian, the entries of
    ///   the 64 second bytes lie 1 KiB apart and share 4 of the L1 cache's 64 sets, and a
    ///   quarter of the scan's L1 misses were theirs (`callgrind --cache-sim=yes`);
    /// - at ``asciiBase``, the class entry of each ASCII byte;
    /// - at ``blocksBase``, ``blockOf`` as offsets in this buffer (of the class entries);
    /// - at ``fullDeltaAt``, how many entries after a loop entry (below) its class entry is;
    /// - at ``startBase``, the start state's row: its entry for each class (below);
    /// - then the loop entries: 256 for no character, then ``classes`` with each
    ///   rare entry made the rare class (the column after the phrases' classes); after them,
    ///   the same with the class entries: 256 ``noCharacter``, then ``classes``. The loop reads
    ///   the loop entry, which is a column of the table whatever the character: the rare class's
    ///   entry in the start row is ``rareStep`` and no state's slot holds the class, so a rare
    ///   character (8% of those the 4 MB slice's scan reads) is told by the step's test for a
    ///   phrase's end, and the test for a rare entry before each step goes (with a rotate of
    ///   the first two bytes that clang no longer masks after: 14 → 11 instructions a common
    ///   character, the loop 25.8 M → 23.7 M on the 4 MB slice);
    /// - then the transition table (the DFA), compressed: each state's entries that differ
    ///   from the start state's for the same class (those into a state of depth 2 or more),
    ///   in a comb of 8-byte slots (two words: the entry, and the class it is for, all ones
    ///   in a free slot). A state's row is at a displacement of its own (no two states share
    ///   one): its entry for class `c` is in its row's slot `c` when that slot's class is `c`,
    ///   else it is the start state's. Exact for an Aho–Corasick automaton, whose entries
    ///   into a state of depth 1 or 0 do not depend on the state. The dense table (3,509
    ///   states × 479 classes × 4 bytes, 6.7 MB, for the default chrome rules) held the start
    ///   row again in every state's, so the entries that the text reads lay across 133 KB on
    ///   the 4 MB slice and missed the L1 cache; the comb holds 7,809 entries in 12,253
    ///   slots (96 KB), and the loop's L1 read misses went 735 K → 586 K (callgrind's cache
    ///   simulation) for 3.2 M more instructions (a compare and a conditional move a step),
    ///   and the start-up no longer writes 6.7 MB. An entry is the offset in this buffer of the
    ///   next state's row, in bytes (times 4), + 1 when that state ends a phrase: the tuned
    ///   loop keeps a pointer to the state's row, reads the slot with the class as its index,
    ///   and the entry added to the buffer's start is the next one (less 1 when it ends a
    ///   phrase, which the loop tests anyway), with no shift. The row's last column is no
    ///   class: its slot holds the state's number, so that a report needs no division.
    private let packed: [UInt32]
    /// Where the start state's row is in the comb of ``packed`` (the loop's first row).
    private let startRow: Int
    private static let asciiBase = 0x1_0000
    private static let blocksBase = 0x1_0000 + 128
    /// Where ``packed`` holds ``fullDelta`` (for the loop: `PHRASE_FULL_DELTA_AT`).
    private static let fullDeltaAt = blocksBase + 1024
    /// The start state's row: one entry a class (no class word), the entry of every state
    /// whose own slot for the class holds another class.
    private static let startBase = fullDeltaAt + 1
    /// The start state's entry for the rare class: no row's offset (0), ending a phrase (for
    /// the loop: `PHRASE_RARE_STEP`).
    private static let rareStep: UInt32 = 1
    /// The entry of the bytes at a character that is no three-byte one (ASCII among others): a
    /// rare entry (``rare`` set) that no scalar's entry is (a skipped scalar's second class is 0).
    private static let noCharacter: UInt32 = 0xFFFF_FFFF
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
    /// Per phrase, for ``scanValidUTF8(_:flags:found:)``: the bit it sets in the flags when it
    /// is found (-1: none, it is reported as by the other scans), and whether it is then
    /// reported the first time only (with start -1) or never (only its bit tells).
    private let flagBit: [Int32]
    private let reportsFirstFlag: [Bool]
    /// Per state, what ``scanValidUTF8(_:flags:found:)`` makes of its phrases when they are
    /// flagged in at most one word of the flags for each kind (else `full`).
    private let quickReports: [QuickReport]

    /// The flagged phrases that end in a state, as masks: those never reported, set at once;
    /// those reported the first time, checked at once (nothing to report when all are set).
    /// `full`: a phrase reported as the other scans report it, or masks in more than one word;
    /// each of its phrases is reported (``reportEvents``).
    private struct QuickReport {
        var neverWord: Int32 = -1
        var firstWord: Int32 = -1
        var neverMask: UInt64 = 0
        var firstMask: UInt64 = 0
        var full = false
    }

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

    /// How ``scanValidUTF8(_:flags:found:)`` reports a phrase.
    enum Flagging: Sendable, Equatable {
        /// Every occurrence, with its start (as the other scans).
        case always
        /// Sets bit `bit` of the flags; reported (with start -1) only when the bit was clear:
        /// a caller that needs only the first occurrence and not where it starts.
        case first(bit: Int)
        /// Sets bit `bit` of the flags, never reported: a caller that only asks whether
        /// the phrase occurs.
        case never(bit: Int)
    }

    /// Builds the automaton for phrases given as folded scalars; `flagging` (one per phrase,
    /// or none: all ``Flagging/always``) says how ``scanValidUTF8(_:flags:found:)`` reports them.
    init(phrases: [[UInt32]], flagging: [Flagging] = []) {
        precondition(flagging.isEmpty || flagging.count == phrases.count)
        var bits = [Int32](repeating: -1, count: phrases.count)
        var first = [Bool](repeating: false, count: phrases.count)
        for (k, f) in flagging.enumerated() {
            switch f {
            case .always: break
            case .first(let bit): bits[k] = Int32(bit); first[k] = true
            case .never(let bit): bits[k] = Int32(bit)
            }
        }
        flagBit = bits
        reportsFirstFlag = first
        let flagsOf = bits, firstOf = first
        // Classes: one per distinct scalar of the phrases, in order of first use; those of BMP
        // scalars in a flat array (every phrase scalar is looked up, twice), the others in
        // a dictionary.
        var bmpClasses = [UInt16](repeating: 0, count: 0x1_0000)
        var pagesWithClasses = [Bool](repeating: false, count: 256)
        var astral: [UInt32: UInt16] = [:]
        var classCount = 0
        var phraseScalars = 0
        for phrase in phrases {
            phraseScalars += phrase.count
            for s in phrase {
                if s < 0x1_0000 {
                    if bmpClasses[Int(s)] == 0 {
                        classCount += 1
                        precondition(classCount < 0x7FFE, "too many distinct characters in the phrases")
                        bmpClasses[Int(s)] = UInt16(classCount)
                        pagesWithClasses[Int(s >> 8)] = true
                    }
                } else if astral[s] == nil {
                    classCount += 1
                    precondition(classCount < 0x7FFE, "too many distinct characters in the phrases")
                    astral[s] = UInt16(classCount)
                }
            }
        }
        // The rare class (the loop entry of every rare entry) after the phrases' classes.
        let rareClass = classCount + 1
        let stride = classCount + 3
        self.stride = stride

        // Trie over classes: its edges as lists per state, and for the look-up by state and
        // class while the phrases go in, an open-addressing table keyed `state * stride + class
        // + 1` (0: an empty slot), sized for one edge per phrase scalar. (A `[Int: Int32]` took
        // ~2 M instructions of the start-up, and an array of outputs per state ~1.5 M: the
        // outputs are counted and laid out flat below.)
        var edgeSize = 8
        while edgeSize < phraseScalars * 2 { edgeSize <<= 1 }
        var edgeKeys = [Int](repeating: 0, count: edgeSize)
        var edgeTargets = [Int32](repeating: 0, count: edgeSize)
        var firstEdge: [Int32] = [-1]  // per state: its first edge, -1 for none
        var nextEdge: [Int32] = []
        var edgeClass: [Int32] = []
        var edgeChild: [Int32] = []
        var depths: [Int32] = [0]
        var lengths: [Int32] = []
        var endState = [Int32](repeating: 0, count: phrases.count)
        edgeKeys.withUnsafeMutableBufferPointer { keys in
            edgeTargets.withUnsafeMutableBufferPointer { targets in
                let mask = edgeSize - 1
                for (index, phrase) in phrases.enumerated() {
                    lengths.append(Int32(phrase.count))
                    var state = 0
                    for s in phrase {
                        let c = Int(s < 0x1_0000 ? bmpClasses[Int(s)] : astral[s]!)
                        let key = state * stride + c + 1
                        var slot = Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
                        if keys[slot] == key {
                            state = Int(targets[slot])
                            continue
                        }
                        let child = Int32(depths.count)
                        keys[slot] = key
                        targets[slot] = child
                        edgeClass.append(Int32(c))
                        edgeChild.append(child)
                        nextEdge.append(firstEdge[state])
                        firstEdge[state] = Int32(edgeClass.count - 1)
                        firstEdge.append(-1)
                        depths.append(depths[state] + 1)
                        state = Int(child)
                    }
                    endState[index] = Int32(state)
                }
            }
        }
        // The phrases that end in each state (its own outputs), in phrase order.
        let stateCount = depths.count
        var ownStart = [Int32](repeating: 0, count: stateCount + 1)
        for s in endState { ownStart[Int(s) + 1] += 1 }
        for r in 0..<stateCount { ownStart[r + 1] += ownStart[r] }
        var ownPhrases = [Int32](repeating: 0, count: phrases.count)
        var ownFill = ownStart
        for (index, s) in endState.enumerated() {
            ownPhrases[Int(ownFill[Int(s)])] = Int32(index)
            ownFill[Int(s)] += 1
        }
        // How many phrases end in each state, following output links (set breadth first,
        // before any entry can lead to the state).
        var outCount = [Int32](repeating: 0, count: stateCount)
        outCount[0] = ownStart[1] - ownStart[0]
        // The matching form of every BMP scalar, as classes. Blocks where every scalar reads
        // as itself and is in no phrase share block 0.
        // (Classes of BMP scalars in a flat array: 65,536 look-ups, once per automaton.)
        // Immutable from here, so the function below reads it with no exclusivity check.
        let bmpClass = bmpClasses
        let astralClass = astral
        func classOfScalar(_ s: UInt32) -> UInt32 { s < 0x1_0000 ? UInt32(bmpClass[Int(s)]) : UInt32(astralClass[s] ?? 0) }
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
        for block in 0..<1024 {
            let page = block >> 2
            if page >= 0xD8 && page < 0xE0 { blocks.append(0); continue }  // surrogates
            // A page whose scalars all read as themselves and are in no phrase is plain.
            if !pagesWithClasses[page] && UTF8Scan.readsAsItself(page: page) { blocks.append(0); continue }
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

        // The tuned loop's buffer (see ``packed``): its fixed parts, the start state's row, the
        // loop entries and the class entries, both rebased after them, then the comb.
        let noBlock = Self.startBase + stride
        let fullDelta = 256 + cls.count
        let loopClassesBase = noBlock + 256
        let classesBase = loopClassesBase + fullDelta
        let combBase = (classesBase + cls.count + 1) & ~1  // even: a slot's two words are 8 bytes aligned
        // The DFA, breadth first, as the entries that differ from the start state's row (see
        // ``packed``): those into a state of depth 2 or more. A state's are its own edges and,
        // on its other classes, its failure state's (complete already: it is shallower), so
        // none is kept for the start state and a state of depth 1 keeps its own edges only.
        // Each state's row then goes in the comb (``placeRows``).
        var fail = [Int](repeating: 0, count: stateCount)
        var queue: [Int] = [0]
        queue.reserveCapacity(stateCount)
        var rootChild = [Int32](repeating: 0, count: stride)
        var edge = Int(firstEdge[0])
        while edge >= 0 {
            rootChild[Int(edgeClass[edge])] = edgeChild[edge]
            edge = Int(nextEdge[edge])
        }
        // Each state's entries (class, next state), flat, breadth first.
        var diffStart = [Int32](repeating: 0, count: stateCount)
        var diffEnd = [Int32](repeating: 0, count: stateCount)
        var diffClass: [Int32] = []
        var diffTarget: [Int32] = []
        // By class, the entries of the state being built (valid where `stamp` is its number).
        var value = [Int32](repeating: 0, count: stride)
        var stamp = [Int32](repeating: -1, count: stride)
        var head = 0
        while head < queue.count {
            let r = queue[head]
            head += 1
            let from = diffClass.count
            let f = fail[r]
            let inherited = Int(diffStart[f])..<Int(diffEnd[f])
            if r != 0 {
                for k in inherited {
                    value[Int(diffClass[k])] = diffTarget[k]
                    stamp[Int(diffClass[k])] = Int32(r)
                }
            }
            var e = Int(firstEdge[r])
            while e >= 0 {
                let c = Int(edgeClass[e])
                let child = Int(edgeChild[e])
                // Where the failure state leads on this class; from the start state, back to it.
                let fc = r == 0 ? 0 : Int(stamp[c] == Int32(r) ? value[c] : rootChild[c])
                fail[child] = fc
                outCount[child] = ownStart[child + 1] - ownStart[child] + outCount[fc]
                queue.append(child)
                if r != 0 {
                    if stamp[c] != Int32(r) {
                        diffClass.append(Int32(c))
                        diffTarget.append(Int32(child))
                        stamp[c] = Int32(r)
                    }
                    value[c] = Int32(child)
                }
                e = Int(nextEdge[e])
            }
            if r != 0 {
                for k in inherited {
                    diffClass.append(diffClass[k])
                    diffTarget.append(value[Int(diffClass[k])])
                }
            }
            diffStart[r] = Int32(from)
            diffEnd[r] = Int32(diffClass.count)
        }
        // Each state's row in the comb (room for twice the slots taken is most often enough).
        var capacity = 2 * (diffClass.count + stateCount + stride)
        var placed = Self.placeRows(queue, stride, diffStart, diffEnd, diffClass, capacity: capacity)
        while placed == nil {
            capacity *= 2
            placed = Self.placeRows(queue, stride, diffStart, diffEnd, diffClass, capacity: capacity)
        }
        let (displacement, slotClass) = placed!
        let slotCount = slotClass.count
        let size = combBase + 2 * slotCount
        precondition(size < 1 << 30, "too many states")
        // An entry in its final form: the offset of the next state's row in the buffer * 4,
        // + 1 when it ends a phrase.
        func encoded(_ state: Int) -> UInt32 {
            UInt32((combBase + 2 * Int(displacement[state])) * 4 + (outCount[state] == 0 ? 0 : 1))
        }
        packed = [UInt32](unsafeUninitializedCapacity: size) { g, initialized in
            let m = g.baseAddress!
            m.initialize(repeating: UInt32(noBlock), count: 0x1_0000)
            for lead in 0xE0..<0xF0 {
                for second in 0x80..<0xC0 {
                    m[lead << 8 | second] = UInt32(loopClassesBase + Int(blocks[(lead & 0x0F) << 6 | (second & 0x3F)]) - 0x80)
                }
            }
            for b in 0..<128 { (m + Self.asciiBase + b).initialize(to: cls[Int(blocks[0]) + b]) }
            for k in 0..<1024 { (m + Self.blocksBase + k).initialize(to: UInt32(classesBase + Int(blocks[k]))) }
            (m + Self.fullDeltaAt).initialize(to: UInt32(fullDelta))
            for c in 0..<stride { (m + Self.startBase + c).initialize(to: c == rareClass ? Self.rareStep : encoded(Int(rootChild[c]))) }
            (m + noBlock).initialize(repeating: UInt32(rareClass), count: 256)
            for (k, e) in cls.enumerated() { (m + loopClassesBase + k).initialize(to: e < Self.rare ? e : UInt32(rareClass)) }
            (m + noBlock + fullDelta).initialize(repeating: Self.noCharacter, count: 256)
            cls.withUnsafeBufferPointer { (m + classesBase).initialize(from: $0.baseAddress!, count: $0.count) }
            for k in (classesBase + cls.count)..<combBase { (m + k).initialize(to: 0) }
            for k in 0..<slotCount {
                (m + combBase + 2 * k).initialize(to: 0)
                (m + combBase + 2 * k + 1).initialize(to: slotClass[k])
            }
            for r in 0..<stateCount {
                let row = m + combBase + 2 * Int(displacement[r])
                row[2 * (stride - 1)] = UInt32(r)
                for k in Int(diffStart[r])..<Int(diffEnd[r]) { row[2 * Int(diffClass[k])] = encoded(Int(diffTarget[k])) }
            }
            initialized = size
        }
        startRow = combBase + 2 * Int(displacement[0])
        depth = depths
        // A state's outputs: its own phrases, then those of its failure state (laid out
        // before it, breadth first).
        var starts = [Int32](repeating: 0, count: stateCount + 1)
        for r in 0..<stateCount { starts[r + 1] = starts[r] + outCount[r] }
        var flat = [Int32](repeating: 0, count: Int(starts[stateCount]))
        for r in queue {
            var at = Int(starts[r])
            for k in Int(ownStart[r])..<Int(ownStart[r + 1]) {
                flat[at] = ownPhrases[k]
                at += 1
            }
            if r != 0 {
                let f = fail[r]
                for k in Int(starts[f])..<Int(starts[f] + outCount[f]) {
                    flat[at] = flat[k]
                    at += 1
                }
            }
        }
        outputs = flat
        outputStart = starts
        quickReports = (0..<stateCount).map { r in
            var q = QuickReport()
            for phrase in flat[Int(starts[r])..<Int(starts[r + 1])] {
                let bit = Int(flagsOf[Int(phrase)])
                if bit < 0 {
                    q.full = true
                } else if firstOf[Int(phrase)] {
                    if q.firstWord >= 0 && q.firstWord != bit >> 6 { q.full = true } else { q.firstWord = Int32(bit >> 6); q.firstMask |= 1 << UInt64(bit & 63) }
                } else {
                    if q.neverWord >= 0 && q.neverWord != bit >> 6 { q.full = true } else { q.neverWord = Int32(bit >> 6); q.neverMask |= 1 << UInt64(bit & 63) }
                }
            }
            return q
        }
        phraseLengths = lengths
        var ring = 64
        while ring < Int(lengths.max() ?? 0) { ring *= 2 }
        ringMask = ring - 1
        astralClasses = astral
    }

    /// Places the row of each state of `order` (breadth first: the states read most often
    /// first, their rows together), its entries' classes `diffClass[diffStart[s]..<diffEnd[s]]`
    /// and its number's column `stride - 1`, in a comb of at most `capacity` slots (see
    /// ``packed``): at the first displacement that no other row has, where its lowest class
    /// meets a free slot and its other columns find free slots too. Returns each state's
    /// displacement and each slot's class (all ones: free), up to the last row's last column;
    /// nil when `capacity` slots are not enough.
    private static func placeRows(
        _ order: [Int], _ stride: Int, _ diffStart: [Int32], _ diffEnd: [Int32], _ diffClass: [Int32], capacity: Int
    ) -> (displacement: [Int32], slotClass: [UInt32])? {
        let empty = UInt32.max
        var slotClass = [UInt32](repeating: empty, count: capacity)
        var displacement = [Int32](repeating: 0, count: order.count)
        // Per slot: a free slot at or after it (itself when free), as a disjoint-set forest, so
        // that the search visits free slots only (trying every displacement from the first
        // free slot on took 420 M instructions: the comb is 94% full); how many rows found no
        // place with their lowest class there (a free slot that 4 rows passed is left free
        // but no longer tried: with every hole tried by every row, the search took 26 M); and
        // whether it is a row's displacement.
        var freeFrom = [Int32](unsafeUninitializedCapacity: capacity + 1) { g, n in
            for k in 0...capacity { g[k] = Int32(k) }
            n = capacity + 1
        }
        var misses = [UInt8](repeating: 0, count: capacity + 1)
        var baseTaken = [Bool](repeating: false, count: capacity)
        var end = 0
        let fits = slotClass.withUnsafeMutableBufferPointer { slots in
            freeFrom.withUnsafeMutableBufferPointer { freeFrom in
                misses.withUnsafeMutableBufferPointer { misses in
                    baseTaken.withUnsafeMutableBufferPointer { baseTaken in
                        diffClass.withUnsafeBufferPointer { diffClass in
                            for r in order {
                                let entries = Int(diffStart[r])..<Int(diffEnd[r])
                                var low = stride - 1
                                for k in entries { low = min(low, Int(diffClass[k])) }
                                var free = 0
                                var b = 0
                                while true {
                                    // The next free slot from `free` on, the paths it takes halved.
                                    while Int(freeFrom[free]) != free {
                                        let next = freeFrom[Int(freeFrom[free])]
                                        freeFrom[free] = next
                                        free = Int(next)
                                    }
                                    b = free - low
                                    if b + stride > capacity { return false }
                                    if b >= 0 && !baseTaken[b] && slots[b + stride - 1] == empty {
                                        var k = entries.lowerBound
                                        while k < entries.upperBound && slots[b + Int(diffClass[k])] == empty { k += 1 }
                                        if k == entries.upperBound { break }
                                    }
                                    misses[free] += 1
                                    if misses[free] == 4 { freeFrom[free] = Int32(free + 1) }
                                    free += 1
                                }
                                baseTaken[b] = true
                                displacement[r] = Int32(b)
                                end = max(end, b + stride)
                                slots[b + stride - 1] = UInt32(stride - 1)
                                freeFrom[b + stride - 1] = Int32(b + stride)
                                for k in entries {
                                    slots[b + Int(diffClass[k])] = UInt32(diffClass[k])
                                    freeFrom[b + Int(diffClass[k])] = Int32(b + Int(diffClass[k]) + 1)
                                }
                            }
                            return true
                        }
                    }
                }
            }
        }
        guard fits else { return nil }
        slotClass.removeLast(capacity - end)
        return (displacement, slotClass)
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
        packed.withUnsafeBufferPointer { m in
            scanValid(base, p.count, m.baseAddress!, nil, startsNeededBelow, false, found)
        }
    }

    /// ``scanValidUTF8(_:startsNeededBelow:found:)`` with each phrase reported as its
    /// ``Flagging`` says: a phrase with a bit sets it in `flags` (which must hold it), and is
    /// reported (with start -1) the first time only or never. What ``scan(_:found:)`` reports,
    /// less those calls; the tests check the two agree.
    ///
    /// With `defersStarts`, a phrase reported with its start (``Flagging/always``) is reported
    /// with a code below -1 instead, which ``resolvedStart(of:_:in:)`` turns into its start: a
    /// caller that drops most phrases found (by what the rest of the line holds, known only
    /// after the scan) steps back only for those it keeps.
    func scanValidUTF8(
        _ p: UnsafeBufferPointer<UInt8>, flags: UnsafeMutablePointer<UInt64>, defersStarts: Bool = false, found: (Int, Int) -> Void
    ) {
        guard let base = p.baseAddress, p.count > 0 else { return }
        packed.withUnsafeBufferPointer { m in
            scanValid(base, p.count, m.baseAddress!, flags, .max, defersStarts, found)
        }
    }

    /// How many states ending a phrase ``stepValid`` records before they are reported (two
    /// words each: 1 KiB, which `withUnsafeTemporaryAllocation` takes on the stack without
    /// asking whether it may).
    static let eventCapacity = 64

    /// Words of the records after which ``stepValid`` stops and they are reported: a character
    /// records two at most (two classes), so there is room for them while this many are held.
    private static let eventLimit = 2 * (eventCapacity - 2)

    /// The scan of ``scanValidUTF8(_:startsNeededBelow:found:)``: ``stepValid`` runs the
    /// automaton over the line and records where it entered a state that ends a phrase (the
    /// state's row, the character's offset and how many of its classes were read), and the
    /// reports are made from those records afterwards, in the same order, by
    /// ``reportEvents``: the loop makes no call per phrase found, so it keeps its values in
    /// registers and passes no arguments (a report called from the loop took 7 arguments on
    /// the stack and its own prologue, ~50 instructions, for 99 K reports on the 4 MB slice, of
    /// which 62 K only set flag bits that were set already). The reports change nothing the
    /// loop reads (only the flags and what `found` does), so making them later changes no call
    /// nor its order. The loop stops when its buffer is nearly full (the records are reported,
    /// and it goes on from the same byte and state), and at a character that is no three-byte
    /// one nor ASCII, or in the last two bytes, fed here: so it makes no call at all.
    private func scanValid(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ m: UnsafePointer<UInt32>, _ flags: UnsafeMutablePointer<UInt64>?, _ startsNeededBelow: Int,
        _ defersStarts: Bool, _ found: (Int, Int) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.eventCapacity) { buffer in
            let events = buffer.baseAddress!
            var i = 0
            var row = startRow
            var count = 0
            while i < n {
                (i, row, count) = stepValid(p, n, m, i, row, events, count)
                if i < n && count <= Self.eventLimit {
                    let (e, len) = entryOther(p, n, i, m)
                    row = feed(e, i, row, m, events, &count)
                    i &+= len
                }
                if count > Self.eventLimit {
                    reportEvents(events, count, p, m, flags, startsNeededBelow, defersStarts, found)
                    count = 0
                }
            }
            if count > 0 { reportEvents(events, count, p, m, flags, startsNeededBelow, defersStarts, found) }
        }
    }

    /// The loop of ``scanValidUTF8(_:startsNeededBelow:found:)``, on raw pointers with
    /// wrapping arithmetic, so that what is live fits in registers: from byte `start` in the
    /// state whose row is at `startRow`, with `startCount` words of `events` written, over the
    /// three-byte and ASCII characters that start before the last two bytes. Records each state
    /// it enters that ends a phrase in `events` (two words: the state's row, and the offset of
    /// the character that led to it times 2, + 1 when that was its second class). Returns
    /// where it stopped (the line's last two bytes, a character of another length, or more
    /// than ``eventLimit`` words written), the state's row there, and how many words of
    /// `events` are written. Per scalar: one class
    /// look-up (a three-byte character's straight from its bytes) and one table step, whatever
    /// the character: no branch that depends on which characters the text holds, but for
    /// ASCII against the rest and the rare skipped (white space) and two-class (voiced mark)
    /// characters. (A loop that passed over the characters that cannot start a phrase ran 30%
    /// fewer instructions but mispredicted nearly four times as many branches, and took more
    /// time.) A common character's entry is its class, told from a rare one by one test, and
    /// while three bytes are left a three-byte character's length needs no check: on the 4 MB
    /// slice, 39 → 33 instructions a character, the run 636.5 M → 628.6 M.
    ///
    /// Every table is read through one base pointer (``packed``), and a well-formed three-byte
    /// character's third byte is a continuation byte, 0x80 + its place in the block: added to
    /// the block's offset as it is, with no check nor mask (a malformed one still reads an entry
    /// within the buffer: the classes lie at least 0x80 entries after its start, and the table
    /// after them).
    ///
    /// The block of a three-byte character is asked before its first byte is tested: the test
    /// for ASCII is then made only for the rare characters that are no three-byte ones (3% of
    /// those of the benchmark slice), and a three-byte character's third byte is read as it is:
    /// on the 4 MB slice, 27 → 24 instructions a three-byte character, the loop 41.1 M → 37.8 M.
    /// Its common step (no rare entry) is made whole in its branch, which then needs no
    /// length kept for the end of the loop: 22 instructions, the loop 35.5 M (when it still
    /// called a report for each phrase found, and tested for the block of no character).
    ///
    /// The loop is ``cicu_phrase_step`` (C): the same steps, with the index advanced in place
    /// (the Swift loop kept the next offset in another register and copied it back at the end
    /// of each step, one instruction a character). It now tells a rare entry by its step
    /// (the rare class: see ``packed``), not by a test of its own.
    @inline(__always)
    private func stepValid(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ m: UnsafePointer<UInt32>, _ start: Int, _ startRow: Int, _ events: UnsafeMutablePointer<Int>,
        _ startCount: Int
    ) -> (Int, Int, Int) {
        var row = Int64(startRow)
        var count = Int64(startCount)
        let i = events.withMemoryRebound(to: Int64.self, capacity: 2 * Self.eventCapacity) { events in
            cicu_phrase_step(p, Int64(n), m, Int64(start), &row, events, &count, Int64(Self.eventLimit))
        }
        return (Int(i), Int(row), Int(count))
    }

    /// The entry of the state whose row is at `row` in ``packed`` (`m`) for class `c`: its
    /// slot's, when the slot holds class `c`, else the start state's (see ``packed``).
    @inline(__always)
    private static func entry(_ m: UnsafePointer<UInt32>, _ row: Int, _ c: Int) -> Int {
        let slot = row &+ c &<< 1
        return Int(m[slot &+ 1] == UInt32(truncatingIfNeeded: c) ? m[slot] : m[startBase &+ c])
    }

    /// The number of the state whose row is at `row` in ``packed`` (`m`): its last column.
    @inline(__always)
    private func stateNumber(atRow row: Int, _ m: UnsafePointer<UInt32>) -> Int {
        Int(m[row &+ (stride &- 1) &<< 1])
    }

    /// Feeds any entry `e` (one class, or a rare one: a skipped scalar, or two classes) of the
    /// character at `at` and records the states it leads to that end a phrase (see
    /// ``stepValid``). Inlined: a voiced kana (two classes) is common in Japanese text.
    @inline(__always)
    private func feed(
        _ e: UInt32, _ at: Int, _ row: Int, _ m: UnsafePointer<UInt32>, _ events: UnsafeMutablePointer<Int>, _ count: inout Int
    ) -> Int {
        let (first, second) = Self.decodeEntry(e)
        guard let first else { return row }
        var step = Self.entry(m, row, Int(first))
        var row = step &>> 2
        if step & 1 != 0 {
            events[count] = row
            events[count &+ 1] = at &<< 1
            count &+= 2
        }
        guard let second else { return row }
        step = Self.entry(m, row, Int(second))
        row = step &>> 2
        if step & 1 != 0 {
            events[count] = row
            events[count &+ 1] = at &<< 1 | 1
            count &+= 2
        }
        return row
    }

    /// Reports what ends in the states that ``stepValid`` recorded in the first `count` words
    /// of `events`, in order: with `flags`, a state whose phrases are all flagged in one word
    /// of each kind is done with a mask or two (a literal that occurs on every line, a rule
    /// found once a line); else each phrase that ends in the state is reported, its start found
    /// by ``stepBack`` (or left pending, with `defersStarts`), and with `flags` a phrase with a
    /// bit sets it, and is reported the first time only (start -1), or never. The arrays are
    /// read through pointers taken once a line (a report made by a call of its own, for 37 K
    /// of the 99 K states recorded on the 4 MB slice, took its arguments on the stack and read
    /// the arrays' addresses again each time).
    @inline(__always)
    private func reportEvents(
        _ events: UnsafeMutablePointer<Int>, _ count: Int, _ p: UnsafePointer<UInt8>, _ m: UnsafePointer<UInt32>,
        _ flags: UnsafeMutablePointer<UInt64>?, _ startsNeededBelow: Int, _ defersStarts: Bool, _ found: (Int, Int) -> Void
    ) {
        quickReports.withUnsafeBufferPointer { quick in
            outputs.withUnsafeBufferPointer { outputs in
                outputStart.withUnsafeBufferPointer { outputStart in
                    flagBit.withUnsafeBufferPointer { flagBit in
                        reportsFirstFlag.withUnsafeBufferPointer { reportsFirst in
                            var k = 0
                            while k < count {
                                let row = events[k]
                                let code = events[k &+ 1]
                                k &+= 2
                                let state = stateNumber(atRow: row, m)
                                if let flags {
                                    let q = quick[state]
                                    if q.neverWord >= 0 { flags[Int(q.neverWord)] |= q.neverMask }
                                    if !q.full && (q.firstWord < 0 || flags[Int(q.firstWord)] & q.firstMask == q.firstMask) { continue }
                                }
                                let at = code &>> 1
                                let fedHere = (code & 1) &+ 1
                                var o = Int(outputStart[state])
                                let end = Int(outputStart[state &+ 1])
                                while o < end {
                                    let phrase = Int(outputs[o])
                                    o &+= 1
                                    if let flags {
                                        let bit = Int(flagBit[phrase])
                                        if bit >= 0 {
                                            let mask: UInt64 = 1 << UInt64(bit & 63)
                                            let word = flags[bit &>> 6]
                                            flags[bit &>> 6] = word | mask
                                            if word & mask == 0 && reportsFirst[phrase] { found(phrase, -1) }
                                            continue
                                        }
                                    }
                                    if phrase >= startsNeededBelow {
                                        found(phrase, -1)
                                    } else if defersStarts {
                                        found(phrase, Self.pendingStart(at: at, fedHere: fedHere))
                                    } else {
                                        found(phrase, stepBack(phrase, at, fedHere, p, m))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// What a scan that defers starts reports for a phrase whose start it has not worked out:
    /// a code below -1 that keeps where the phrase ends (the character at `at`, of which
    /// `fedHere` classes, 1 or 2, were read).
    @inline(__always)
    private static func pendingStart(at: Int, fedHere: Int) -> Int { -2 &- (at &<< 1 | (fedHere &- 1)) }

    /// The start of phrase `phrase` that a scan of `p` that defers starts
    /// (``scanValidUTF8(_:flags:defersStarts:found:)``) reported with `start`: `start`
    /// itself when it is no pending code (≥ -1).
    func resolvedStart(of phrase: Int, _ start: Int, in p: UnsafeBufferPointer<UInt8>) -> Int {
        guard start < -1 else { return start }
        let code = -2 &- start
        return packed.withUnsafeBufferPointer { m in stepBack(phrase, code &>> 1, (code & 1) &+ 1, p.baseAddress!, m.baseAddress!) }
    }

    /// The byte offset after the last character of a phrase that a scan that defers starts
    /// reported with the pending code `start` (< -1), when that character was read whole (nil
    /// when its first class only was read: a voiced kana whose mark the phrase leaves out).
    func pendingEnd(_ start: Int, in p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard start < -1 else { return nil }
        let code = -2 &- start
        let at = code &>> 1
        let d = UTF8Scan.decode(p, at)
        if code & 1 == 0 && UTF8Scan.matchFold(d.scalar).second != 0 { return nil }
        return at + d.length
    }

    /// Where phrase `phrase` starts when it ends at the character at `at`, of which `fedHere`
    /// classes were read: found by stepping back over characters (well-formed UTF-8), counting
    /// the classes each stands for, as the ring would have recorded them.
    @inline(__always)
    private func stepBack(_ phrase: Int, _ at: Int, _ fedHere: Int, _ p: UnsafePointer<UInt8>, _ m: UnsafePointer<UInt32>) -> Int {
        var remaining = Int(phraseLengths[phrase]) - fedHere
        var pos = at
        while remaining > 0 && pos > 0 {
            // ASCII and a three-byte character read their entries as the forward loop does.
            let last = p[pos &- 1]
            let e: UInt32
            if last < 0x80 {
                e = m[Self.asciiBase &+ Int(last)]
                pos &-= 1
            } else if pos >= 3 && p[pos &- 3] & 0xF0 == 0xE0,
                case let block = Int(m[Int(UInt16(bigEndian: UnsafeRawPointer(p + (pos &- 3)).loadUnaligned(as: UInt16.self)))]),
                case let full = m[block &+ Int(m[Self.fullDeltaAt]) &+ Int(last)], full != Self.noCharacter
            {
                e = full
                pos &-= 3
            } else {
                var s = pos - 1
                while s > 0 && p[s] & 0xC0 == 0x80 { s -= 1 }
                let u = UTF8Scan.decode(UnsafeBufferPointer(start: p, count: pos), s).scalar
                e = u < 0x1_0000 ? Self.bmpEntry(u, m) : astralEntry(u)
                pos = s
            }
            if e < Self.rare {
                remaining &-= 1
            } else {
                let (first, second) = Self.decodeEntry(e)
                if first != nil { remaining -= second != nil ? 2 : 1 }
            }
        }
        return pos
    }

    /// The class entry of the character at `i` (or malformed byte) that is not ASCII nor a
    /// three-byte character with three bytes left, and its length.
    @inline(never)
    private func entryOther(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ m: UnsafePointer<UInt32>) -> (UInt32, Int) {
        let (u, len) = p[i] < 0x80 ? (UInt32(p[i]), 1) : Self.decodeOther(p, i, n)
        return (u < 0x1_0000 ? Self.bmpEntry(u, m) : astralEntry(u), len)
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

    /// The class entry of a scalar of the BMP, read in ``packed``.
    @inline(__always)
    private static func bmpEntry(_ u: UInt32, _ m: UnsafePointer<UInt32>) -> UInt32 {
        m[Int(m[blocksBase &+ Int(u &>> 6)]) &+ Int(u & 0x3F)]
    }

    /// Like ``scan(_:found:)``, but only for phrases that begin with the first character of
    /// the text's matching form; stops reading as soon as no such phrase can still match.
    @inline(__always)
    func scanPrefix(_ p: UnsafeBufferPointer<UInt8>, found: (Int, Int) -> Void) {
        run(p, prefixOnly: true, found: found)
    }

    private func run(_ p: UnsafeBufferPointer<UInt8>, prefixOnly: Bool, found: (Int, Int) -> Void) {
        packed.withUnsafeBufferPointer { t in
            classes.withUnsafeBufferPointer { cls in
                blockOf.withUnsafeBufferPointer { blocks in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: ringMask + 1) { ringBuffer in
                        // The state lives in locals (registers), not in a struct in memory:
                        // the scan is one chain of dependent loads, and every cycle on it counts.
                        let ring = ringBuffer.baseAddress!
                        let mask = ringMask
                        var row = startRow  // offset of the state's row
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
        _ c: Int, at i: Int, _ t: UnsafePointer<UInt32>, _ row: inout Int, _ fed: inout Int, _ ring: UnsafeMutablePointer<Int>, _ mask: Int,
        _ prefixOnly: Bool, _ found: (Int, Int) -> Void
    ) -> Bool {
        ring[fed & mask] = i
        fed &+= 1
        let entry = Self.entry(t, row, c)
        row = entry &>> 2
        if prefixOnly && Int(depth[stateNumber(atRow: row, t)]) < fed { return false }
        if entry & 1 != 0 { report(stateNumber(atRow: row, t), fed, ring, mask, prefixOnly, found) }
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
