// Byte-level helpers of the strip-chrome stage: word look-ups that give the answer of a
// `Set<String>` look-up (canonical equivalence, as Swift compares strings) without building or
// hashing a `String` in the common case, and the scalar table they rest on.
#if compiler(>=5.9) && compiler(<7)
    @_spi(_Unicode) import Swift

    /// The standard library's canonical decomposition of `s` (the data `String` equality
    /// uses), read through its `_Unicode` SPI.
    @inline(__always)
    func standardNFD(_ s: String) -> [Unicode.Scalar]? { Array(s._nfd) }

    /// Whether `u` is its own canonical decomposition (`standardNFD(String(u)) == [u]`),
    /// without building an array; nil when nothing is known.
    @inline(__always)
    func isOwnStandardNFD(_ u: Unicode.Scalar) -> Bool? {
        var scalars = String(u)._nfd.makeIterator()
        return scalars.next() == u && scalars.next() == nil
    }
#else
    /// A toolchain this code was not checked with may not offer the standard library's
    /// `_Unicode` SPI: then nothing is known, and every word look-up takes the `String` path.
    func standardNFD(_ s: String) -> [Unicode.Scalar]? { nil }
    func isOwnStandardNFD(_ u: Unicode.Scalar) -> Bool? { nil }
#endif

// MARK: - Scalars whose canonical decomposition is themselves

/// For the Basic Multilingual Plane, which scalars are their own canonical decomposition
/// (`NFD(c) == c`), with their canonical combining class: the data that tells when a string is
/// in NFD already, so that two strings compare as Swift compares them (canonical equivalence)
/// by comparing their bytes.
///
/// The table is read from the standard library's own normalization (`_nfd`, the data `String`
/// equality uses), for U+0000–33FF and U+F900–FFFF. CJK unified ideographs (U+3400–4DBF,
/// U+4E00–9FFF) have no decomposition and combining class 0; the tests check this against the
/// standard library for every one of them. Every other scalar (Hangul syllables, Yi, the private
/// use area, other planes) is taken as unknown, which only ever sends a look-up to the `String`
/// path.
///
/// Asking the standard library costs about a thousand instructions a scalar, and a run meets
/// few of the scalars of the pages it touches (ASCII, kana, full-width forms): so a scalar is
/// read when a look-up first needs it, once per process. (A page of 256 at a time read ~37
/// pages for the sample's 14 look-ups, 0.9 M instructions, and 1.8 M on the 4 MB slice.)
enum CanonicalScalars {
    /// No decomposition known: the scalar may not be taken as its own NFD.
    static let unknown: UInt8 = 0xFF

    /// The classes, a scalar read at a time. A scalar's entry is written once, under the lock,
    /// before the scalar is marked read, and never again: whoever has seen the mark (under the
    /// lock) reads it without it.
    private final class Table: @unchecked Sendable {
        let classes: UnsafeMutablePointer<UInt8>
        /// Which scalars are read, a bit each; used under `lock` only.
        let scalarRead: UnsafeMutablePointer<UInt64>
        let lock: UnsafeMutablePointer<pthread_mutex_t>
        /// Whether the standard library's normalization can be asked at all.
        let knowsNFD = standardNFD("a") != nil

        init() {
            classes = .allocate(capacity: 0x10000)
            classes.initialize(repeating: unknown, count: 0x10000)
            scalarRead = .allocate(capacity: 0x10000 / 64)
            scalarRead.initialize(repeating: 0, count: 0x10000 / 64)
            lock = .allocate(capacity: 1)
            lock.initialize(to: pthread_mutex_t())
            pthread_mutex_init(lock, nil)
        }

        /// Reads the BMP scalars among `scalars` that are not read yet.
        func read(_ scalars: some Sequence<UInt32>) {
            pthread_mutex_lock(lock)
            defer { pthread_mutex_unlock(lock) }
            for c in scalars where c < 0x10000 {
                let bit: UInt64 = 1 << UInt64(c & 63)
                if scalarRead[Int(c >> 6)] & bit == 0 {
                    read(scalar: c)
                    scalarRead[Int(c >> 6)] |= bit
                }
            }
        }

        private func read(scalar v: UInt32) {
            guard knowsNFD else { return }
            if v < 0x3400 || v >= 0xF900 {
                guard let u = Unicode.Scalar(v) else { return }
                if isOwnStandardNFD(u) == true { classes[Int(v)] = u.properties.canonicalCombiningClass.rawValue }
            } else if cjkIdeographs.contains(where: { $0.contains(v) }) {
                classes[Int(v)] = 0
            }
        }
    }

    private static let table = Table()

    /// The ranges taken as their own decomposition with combining class 0 without asking the
    /// standard library (checked by the tests).
    static let cjkIdeographs: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF]

    /// The canonical combining class of `c` when `NFD(c) == c` is known, else ``unknown``.
    static func combiningClass(_ c: UInt32) -> UInt8 {
        combiningClass(c, classes(reading: CollectionOfOne(c)))
    }

    /// The table, with `scalars` read: to read the entries of those scalars in a loop, without
    /// a lock or a check each time.
    static func classes(reading scalars: some Sequence<UInt32>) -> UnsafePointer<UInt8> {
        table.read(scalars)
        return UnsafePointer(table.classes)
    }

    /// The entry of `c` in a table from ``classes(reading:)`` that read `c`.
    @inline(__always)
    static func combiningClass(_ c: UInt32, _ classes: UnsafePointer<UInt8>) -> UInt8 {
        c < 0x10000 ? classes[Int(c)] : unknown
    }
}

// MARK: - Word look-up by canonical equivalence

/// A set of words (each with a bit mask of the lists it belongs to) that answers, for a string
/// given as its scalars, what `Set<String>.contains` answers: whether a word is canonically
/// equivalent to it.
///
/// The words are kept as the bytes of their NFD. A query whose scalars are each their own
/// decomposition and stand in canonical order *is* its NFD, so it is canonically equivalent to a
/// word exactly when its bytes are that word's: a byte hash look-up. Any other query gets no
/// answer (`nil`), and the caller asks the `String` set. A query whose known-NFD scalars alone
/// are longer than every word is answered "no" whatever the rest: its NFD can only be longer.
struct CanonicalWordTable: Sendable {
    private var pool: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var masks: [UInt64] = []
    private var slots: [Int32]
    private var slotMask: Int
    /// Longest word, in bytes of its NFD.
    private(set) var maximumLength = 0
    /// The first scalar of every word's NFD (``mask(ofFolding:)``'s first test).
    private var firstScalars = ScalarSet()

    /// `lists[k]` is the k-th list of words (at most 64 lists).
    init(lists: [Set<String>]) {
        precondition(lists.count <= 64)
        // Sized once, the NFD's bytes written by hand (``UTF8Scan/appendUTF8(_:to:)``: the
        // dictionary's growth and a `UTF8.encode` appended at a time took ~1 M instructions for
        // the default menus).
        var entries: [[UInt8]: UInt64] = [:]
        entries.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (k, words) in lists.enumerated() {
            for w in words {
                let scalars = standardNFD(w) ?? Array(w.unicodeScalars)
                if let f = scalars.first { firstScalars.insert(f.value) }
                var bytes: [UInt8] = []
                bytes.reserveCapacity(4 * scalars.count)
                for u in scalars { UTF8Scan.appendUTF8(u.value, to: &bytes) }
                entries[bytes, default: 0] |= 1 << UInt64(k)
            }
        }
        var size = 8
        while size < entries.count * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        slotMask = size - 1
        for (bytes, mask) in entries.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let id = Int32(starts.count)
            starts.append(Int32(pool.count))
            lengths.append(Int32(bytes.count))
            masks.append(mask)
            pool.append(contentsOf: bytes)
            maximumLength = max(maximumLength, bytes.count)
            var slot = bytes.withUnsafeBufferPointer { Self.hash($0) } & slotMask
            while slots[slot] >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = id
        }
    }

    @inline(__always)
    private static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The lists that hold `bytes` exactly (0: none).
    private func mask(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var slot = Self.hash(bytes) & slotMask
        return pool.withUnsafeBufferPointer { pool in
            while true {
                let id = Int(slots[slot])
                if id < 0 { return 0 }
                let n = Int(lengths[id])
                if n == bytes.count && (n == 0 || memcmp(pool.baseAddress! + Int(starts[id]), bytes.baseAddress!, n) == 0) {
                    return masks[id]
                }
                slot = (slot + 1) & slotMask
            }
        }
    }

    /// The lists that hold a word canonically equivalent to the string made of `scalars` (0:
    /// none), or nil when that cannot be told from the bytes.
    func mask(of scalars: UnsafeBufferPointer<UInt32>) -> UInt64? {
        let limit = maximumLength
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: limit + 4) { out -> UInt64? in
            var n = 0
            var known = 0
            var inNFD = true
            var lastClass: UInt8 = 0
            let classes = CanonicalScalars.classes(reading: scalars)
            for c in scalars {
                let cc = CanonicalScalars.combiningClass(c, classes)
                let width = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
                if cc == CanonicalScalars.unknown {
                    inNFD = false
                    continue
                }
                known += width
                // Its NFD holds these scalars at least: longer than any word, no word.
                if known > limit { return 0 }
                if cc != 0 && lastClass > cc { inNFD = false }
                lastClass = cc
                if inNFD {
                    // Only scalars of the BMP are known here: 1 to 3 bytes.
                    if c < 0x80 {
                        out[n] = UInt8(c)
                    } else if c < 0x800 {
                        out[n] = UInt8(0xC0 | (c >> 6))
                        out[n + 1] = UInt8(0x80 | (c & 0x3F))
                    } else {
                        out[n] = UInt8(0xE0 | (c >> 12))
                        out[n + 1] = UInt8(0x80 | ((c >> 6) & 0x3F))
                        out[n + 2] = UInt8(0x80 | (c & 0x3F))
                    }
                    n += width
                }
            }
            guard inNFD else { return nil }
            return mask(ofBytes: UnsafeBufferPointer(rebasing: out[0..<n]))
        }
    }

    /// As ``mask(of:)-(UnsafeBufferPointer<UInt32>)``, for `ChromeRules.foldKey` of the text `p`.
    ///
    /// A text whose matching form opens with a starter that is its own NFD (combining class 0)
    /// has an NFD that opens with it: when no word's NFD does, no word is canonically equivalent
    /// to it, and the answer is 0 before the whole text is folded (most of the short lines that
    /// strip-chrome asks whether they are a contents heading or an infobox's end marker: on the 4
    /// MB slice, ~600 lines, ~1,900 instructions each).
    func mask(ofFolding p: UnsafeBufferPointer<UInt8>) -> UInt64? {
        if let c = StripSiteChrome.firstFolded(p), !firstScalars.contains(c), CanonicalScalars.combiningClass(c) == 0 { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * p.count + 1) { folded in
            let n = StripSiteChrome.fold(p, into: folded)
            return mask(of: UnsafeBufferPointer(rebasing: folded[0..<n]))
        }
    }
}

// MARK: - Rule ids of chrome lines

/// What the passes over a page's lines ask of a set of rule ids: whether a chrome line's rule
/// is one of them. A `Set<String>` answers, and ``RuleIDSet`` answers the same, sooner.
protocol RuleIDLookup {
    func contains(_ id: String) -> Bool
    var isEmpty: Bool { get }
}

extension Set<String>: RuleIDLookup {}

/// A set of rule ids that answers as its `Set<String>` does, with a cheap test first: most
/// chrome lines' rules are in none of the small sets the passes ask, and a `Set<String>`
/// look-up hashes the id and compares it with the members it meets on the way (on the 4 MB
/// slice, a dozen comparisons a look-up in the menu ids). ASCII strings are equal (canonically
/// equivalent) only when their bytes are: when every member is ASCII, an ASCII id whose
/// ``signature(_:)`` (its length and three of its bytes) no member has is none of them. Any
/// other id is asked the set.
struct RuleIDSet: RuleIDLookup, Sendable {
    let ids: Set<String>
    /// Bit k set: a member has signature k; every bit when a member is not ASCII (no test then).
    private let signatures: (UInt64, UInt64, UInt64, UInt64)

    init(_ ids: Set<String>) {
        self.ids = ids
        var words: [UInt64] = [0, 0, 0, 0]
        for id in ids {
            guard id.withUTF8Bytes({ Self.isASCII($0) }) else {
                words = [~0, ~0, ~0, ~0]
                break
            }
            let k = id.withUTF8Bytes { Self.signature($0) }
            words[k >> 6] |= 1 << UInt64(k & 63)
        }
        signatures = (words[0], words[1], words[2], words[3])
    }

    var isEmpty: Bool { ids.isEmpty }

    @inline(__always)
    func contains(_ id: String) -> Bool {
        let absent = id.withUTF8Bytes { p -> Bool in
            let k = Self.signature(p)
            let word: UInt64
            switch k >> 6 {
            case 0: word = signatures.0
            case 1: word = signatures.1
            case 2: word = signatures.2
            default: word = signatures.3
            }
            return word & (1 << UInt64(k & 63)) == 0 && Self.isASCII(p)
        }
        return absent ? false : ids.contains(id)
    }

    /// A number below 256 made of the length of `p` and its first, middle and last bytes.
    @inline(__always)
    static func signature(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        let n = p.count
        guard n > 0 else { return 0 }
        return (n &* 29 &+ Int(p[0]) &* 7 &+ Int(p[n >> 1]) &* 3 &+ Int(p[n - 1])) & 255
    }

    /// Whether every byte of `p` is ASCII (eight at a time).
    @inline(__always)
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= p.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < p.count {
            high |= UInt64(p[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}

extension StripSiteChrome {
    /// The first scalar ``fold(_:into:)`` writes for `p`, or nil when it writes none.
    @inline(__always)
    static func firstFolded(_ p: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var i = 0
        while i < p.count {
            let b = p[i]
            if b < 0x80 && b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return UInt32(b) }
            let d = UTF8Scan.decode(p, i)
            i += d.length
            let f = UTF8Scan.matchFold(d.scalar)
            if f.first != 0 { return f.first }
            if f.second != 0 { return f.second }
        }
        return nil
    }

    /// Writes the scalars of `ChromeRules.foldKey(p)` (the matching form, skipped scalars left
    /// out) to `out`, which holds at least `2 * p.count` scalars; returns how many.
    @inline(__always)
    static func fold(_ p: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt32>) -> Int {
        var n = 0
        var i = 0
        while i < p.count {
            let b = p[i]
            if b < 0x80 && b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                // ASCII other than white space reads as itself.
                out[n] = UInt32(b)
                n += 1
                i += 1
                continue
            }
            let d = UTF8Scan.decode(p, i)
            i += d.length
            let f = UTF8Scan.matchFold(d.scalar)
            if f.first != 0 {
                out[n] = f.first
                n += 1
            }
            if f.second != 0 {
                out[n] = f.second
                n += 1
            }
        }
        return n
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
