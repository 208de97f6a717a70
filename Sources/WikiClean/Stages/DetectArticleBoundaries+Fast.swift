/// Byte-level helpers of ``DetectArticleBoundaries``: the same answers as the `String`
/// forms they replace, without `Character` iteration or intermediate strings.

extension DetectArticleBoundaries {
    /// Number of Unicode scalars (`s.unicodeScalars.count`), counted on the UTF-8 bytes: one
    /// per byte that does not continue a sequence.
    static func scalarCount(_ s: String) -> Int {
        s.withUTF8Bytes(UTF8Scan.scalarCount)
    }

    /// A result that the byte form could decide, or a case it leaves to the `Character` form.
    enum ByteDecision<T> {
        case decided(T)
        case undecided
    }

    /// ``trailingResidue(_:)`` on bytes. `Character`s matter only around the last `。`: it
    /// counts when it is a character of its own, so the byte form decides only when the
    /// scalars next to it cannot join it into a larger character (no prepended mark before,
    /// no combining mark, joiner or spacing mark after); otherwise it is undecided.
    static func trailingResidueBytes(_ text: String) -> ByteDecision<(String, String)?> {
        // The end of the last `。`, or -1 (none), -2 (undecided), -3 (no residue).
        let end = text.withUTF8Bytes { p -> Int in
            let n = p.count
            // The last `。` (E3 80 82). A hiragana (U+3041–309F: E3 81 81–BF, E3 82 80–9F) or a
            // `、` (E3 80 81) after it puts one in the tail, which then is no residue, whatever
            // the `。` (the character form's tail after an earlier `。` holds it too): the walk
            // back stops there. Prose ends in hiragana, so it stops within a few characters
            // instead of reading a line with no `。` to its start.
            var at = n - 3
            while at >= 0 {
                if p[at] == 0xE3 {
                    let b1 = p[at + 1]
                    let b2 = p[at + 2]
                    if b1 == 0x80 {
                        if b2 == 0x82 { break }
                        if b2 == 0x81 { return -3 }
                    } else if (b1 == 0x81 && b2 >= 0x81) || (b1 == 0x82 && b2 <= 0x9F) {
                        return -3
                    }
                }
                at -= 1
            }
            guard at >= 0 else { return -1 }
            if at > 0 {
                let prev = UTF8Scan.decodeBefore(p, at).scalar
                guard prev < 0x600 || (prev >= 0x3000 && prev < 0xA000) || (prev >= 0xFF00 && prev < 0xFFF0) else { return -2 }
            }
            let end = at + 3
            if end < n {
                let next = UTF8Scan.decode(p, end).scalar
                let joinsNothing =
                    next < 0x300 || (next >= 0x3000 && next < 0x302A) || (next >= 0x3030 && next < 0x3099)
                    || (next >= 0x309B && next < 0xA000) || (next >= 0xFF00 && next < 0xFF9E)
                guard joinsNothing else { return -2 }
            }
            // The tail: at least 8 scalars, no hiragana, no `、`, no ` - `.
            var i = end
            var count = 0
            while i < n {
                let d = UTF8Scan.decode(p, i)
                if UTF8Scan.isHiragana(d.scalar) || d.scalar == 0x3001 { return -3 }
                if d.scalar == 0x2D, i > end, p[i - 1] == 0x20, i + 1 < n, p[i + 1] == 0x20 { return -3 }
                count += 1
                i += d.length
            }
            return count >= 8 ? end : -3
        }
        switch end {
        case -2: return .undecided
        case ..<0: return .decided(nil)
        default: return .decided((text.utf8Copy(0, end), text.utf8Copy(end, text.utf8.count)))
        }
    }
}

extension String {
    /// A copy of the UTF-8 bytes `from..<to`, both on scalar boundaries (a copy of a slice:
    /// no UTF-8 validation, unlike decoding the bytes). The bytes are copied straight from
    /// the string's storage (`String(Substring(utf8[a..<b]))` went through the generic
    /// slice path, three times the instructions).
    func utf8Copy(_ from: Int, _ to: Int) -> String {
        withUTF8Bytes { UTF8Validation.knownValidString(UnsafeBufferPointer(rebasing: $0[from..<to])) }
    }
}

extension DetectArticleBoundaries {
    /// `text.hasPrefix(prefix)`, decided scalar by scalar on the bytes while both texts hold
    /// plain scalars (``isPlainScalar(_:)``: there equal characters are equal scalars), the
    /// text's scalar after the prefix too (none joins the prefix's last); `String.hasPrefix`
    /// otherwise. (`hasPrefix` on `Character`s cost some 20,000 instructions a lead.)
    static func hasPlainPrefix(_ text: String, _ prefix: String) -> Bool {
        let decided: Bool? = text.withUTF8Bytes { t in
            prefix.withUTF8Bytes { q -> Bool? in
                var i = 0
                while i < q.count {
                    let d = UTF8Scan.decode(q, i)
                    guard isPlainScalar(d.scalar) else { return nil }
                    guard i < t.count else { return false }
                    let e = UTF8Scan.decode(t, i)
                    guard isPlainScalar(e.scalar) else { return nil }
                    if e.scalar != d.scalar { return false }
                    i += d.length
                }
                return i == t.count || isPlainScalar(UTF8Scan.decode(t, i).scalar) ? true : nil
            }
        }
        return decided ?? text.hasPrefix(prefix)
    }
}

extension DetectArticleBoundaries {
    /// Scalars for which searching and comparing as bytes gives the answers of `Character`
    /// and Foundation (canonical-equivalence) comparisons: each is a character of its own
    /// next to any other such scalar (no combining, joining, prepended or spacing marks,
    /// no controls, no emoji), none is canonically equivalent to another string of such
    /// scalars (no singleton decompositions; the voiced kana decompose only with U+3099 or
    /// U+309A, which are left out). Printable ASCII, some general punctuation, CJK
    /// punctuation, kana, CJK ideographs and the full- and half-width forms.
    @inline(__always)
    static func isPlainScalar(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x20 && c < 0x7F }
        if c < 0x3000 { return c >= 0x2010 && c <= 0x2027 }
        if c < 0x3040 { return c < 0x302A || (c > 0x3030 && c < 0x303D) || c == 0x303E || c == 0x303F }
        if c < 0x3100 { return c > 0x3040 && c < 0x3097 || c > 0x309A }
        if c >= 0x3400 && c <= 0x4DBF { return true }
        if c >= 0x4E00 && c <= 0x9FFF { return true }
        return c >= 0xFF01 && c <= 0xFF9D
    }

    /// ``headerBeforeCaptionCharacters(_:)`` on the bytes of the header: decided when all its
    /// scalars are plain (``isPlainScalar(_:)``), where `hasSuffix` and `contains` are byte
    /// comparisons, or when its last scalar is no `)` or `）`; undecided otherwise.
    static func headerBeforeCaption(_ head: UnsafeBufferPointer<UInt8>, scalars: Int) -> ByteDecision<(title: String, caption: String)?> {
        let n = head.count
        guard n > 0 else { return .decided(nil) }
        // Ends in `)` or `）` (EF BC 89), or the string form finds nothing: its last character is
        // then none of them (neither has another canonical form, and a mark after one is part
        // of its character). Asked first: most headers (370 on cc4) end otherwise, and each
        // scalar was decoded and tested for plainness before (~1,100 instructions a header).
        let last = head[n - 1]
        guard last == 0x29 || (n >= 3 && last == 0x89 && head[n - 2] == 0xBC && head[n - 3] == 0xEF) else { return .decided(nil) }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: scalars + 1) { offsets -> ByteDecision<(title: String, caption: String)?> in
            // Scalar start offsets, and whether all scalars are plain.
            var i = 0
            var k = 0
            while i < n {
                let d = UTF8Scan.decode(head, i)
                guard isPlainScalar(d.scalar), k < scalars else { return .undecided }
                offsets[k] = i
                k += 1
                i += d.length
            }
            guard k == scalars else { return .undecided }
            offsets[k] = n
            var m = min(k / 2, 40)
            while m >= 2 {
                let cut = offsets[m]
                let prefix = UnsafeBufferPointer(rebasing: head[0..<cut])
                let rest = UnsafeBufferPointer(rebasing: head[cut..<n])
                if UTF8Scan.find(prefix, in: rest) != nil {
                    return .decided((
                        String(decoding: prefix, as: UTF8.self), String(decoding: rest, as: UTF8.self)
                    ))
                }
                m -= 1
            }
            return .decided(nil)
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether the bytes contain `。` (E3 80 82).
    var containsKutenBytes: Bool { containsIdeographicPunctuation(0x82) }

    /// Whether the bytes contain `、` (E3 80 81).
    var containsToutenBytes: Bool { containsIdeographicPunctuation(0x81) }

    /// Whether the bytes contain the character E3 80 `third` (U+3000–303F).
    private func containsIdeographicPunctuation(_ third: UInt8) -> Bool {
        guard count >= 3 else { return false }
        var i = 0
        let last = count - 3
        while i <= last {
            guard let hit = memchr(baseAddress! + i, 0xE3, last - i + 1) else { return false }
            let at = baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if self[at + 1] == 0x80 && self[at + 2] == third { return true }
            i = at + 1
        }
        return false
    }
}

/// The infobox labels of a ``DetectArticleBoundaries`` indexed by their first scalar, to find
/// the earliest label in a line in one pass (instead of one byte search per label).
final class InfoboxLabelIndex: Sendable {
    /// The labels' UTF-8 (empty labels left out: they never match).
    let labels: [[UInt8]]
    /// One bit per BMP scalar: some label starts with it.
    let firstBits: [UInt64]
    /// For each word of ``firstBits``, the set bits in the words before it: a BMP scalar's
    /// rank among the labels' first scalars (in scalar order) is that plus the set bits below
    /// it in its own word.
    let rankBase: [Int32]
    /// The labels starting with the BMP first scalar of rank `r`, in label order:
    /// `bmpLabels[bmpGroups[r]..<bmpGroups[r + 1]]`. Found by rank, not looked up in a
    /// `[UInt32: [Int]]`, whose hashing cost some 115 instructions a candidate scalar (1,290
    /// lookups on cc4).
    let bmpGroups: [Int32]
    let bmpLabels: [Int32]
    /// Labels by first scalar outside the BMP (rare), in label order.
    let astralByFirst: [UInt32: [Int]]
    /// The labels it was built from.
    let source: [String]

    init(_ labels: [String]) {
        source = labels
        var bytes: [[UInt8]] = []
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        var byFirst: [UInt32: [Int]] = [:]
        var astral: [UInt32: [Int]] = [:]
        for label in labels {
            guard let first = label.unicodeScalars.first?.value else { continue }
            if first < 0x10000 {
                byFirst[first, default: []].append(bytes.count)
                bits[Int(first >> 6)] |= 1 << UInt64(first & 63)
            } else {
                astral[first, default: []].append(bytes.count)
            }
            bytes.append(Array(label.utf8))
        }
        var base: [Int32] = []
        var total: Int32 = 0
        for word in bits {
            base.append(total)
            total += Int32(word.nonzeroBitCount)
        }
        var groups: [Int32] = [0]
        var order: [Int32] = []
        for first in byFirst.keys.sorted() {
            order.append(contentsOf: byFirst[first]!.map { Int32($0) })
            groups.append(Int32(order.count))
        }
        self.labels = bytes
        firstBits = bits
        rankBase = base
        bmpGroups = groups
        bmpLabels = order
        astralByFirst = astral
    }

    /// The labels that start with `c` (indices into ``labels``, in label order): none unless
    /// some label does.
    @inline(__always)
    private func forEachLabel(startingWith c: UInt32, _ body: (Int) -> Bool) -> Bool {
        if c < 0x10000 {
            let word = firstBits[Int(c >> 6)]
            let bit = UInt64(1) << UInt64(c & 63)
            guard word & bit != 0 else { return false }
            let r = Int(rankBase[Int(c >> 6)]) + (word & (bit &- 1)).nonzeroBitCount
            var j = Int(bmpGroups[r])
            let end = Int(bmpGroups[r + 1])
            while j < end {
                if body(Int(bmpLabels[j])) { return true }
                j += 1
            }
            return false
        }
        guard let list = astralByFirst[c] else { return false }
        for l in list where body(l) { return true }
        return false
    }

    private static let defaultIndex = InfoboxLabelIndex(DetectArticleBoundaries.defaultInfoboxLabels)

    /// The index of `labels` (the default one when they are the default labels).
    static func index(for labels: [String]) -> InfoboxLabelIndex {
        let d = defaultIndex
        return labels == d.source ? d : InfoboxLabelIndex(labels)
    }

    /// The earliest label in `p` that starts after the first scalar and at most
    /// `maximumOffset` scalars in: its byte offset and the number of scalars before it.
    func earliest(in p: UnsafeBufferPointer<UInt8>, maximumOffset: Int) -> (Int, Int)? {
        let n = p.count
        guard n > 0, !labels.isEmpty else { return nil }
        var i = UTF8Scan.decode(p, 0).length
        var k = 1
        while i < n && k <= maximumOffset {
            let d = UTF8Scan.decode(p, i)
            let found = forEachLabel(startingWith: d.scalar) { l in
                let label = labels[l]
                return i + label.count <= n && label.withUnsafeBufferPointer { memcmp(p.baseAddress! + i, $0.baseAddress!, label.count) == 0 }
            }
            if found { return (i, k) }
            i += d.length
            k += 1
        }
        return nil
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DetectArticleBoundaries {
}

extension Array {
    /// `Array(repeating:count:)`, made through `reserveCapacity` and `append`: those are
    /// specialized here, while `init(repeating:count:)` allocates through the standard
    /// library's unspecialized `_allocateBufferUninitialized`, which looked up the storage
    /// class's metadata on every call (some 500 instructions for an `[Int8]`, more than
    /// filling a page's array).
    @inline(__always)
    init(filledWith value: Element, count: Int) {
        self.init()
        reserveCapacity(count)
        append(contentsOf: repeatElement(value, count: count))
    }
}
