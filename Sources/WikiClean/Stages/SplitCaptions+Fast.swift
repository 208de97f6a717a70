/// Scalar loading and offsets for ``SplitCaptions``, on the UTF-8 bytes of a line.
extension SplitCaptions {
    /// Where the glued-caption scan stops in `u`: `limit`, the first `。` or
    /// `maximumCaptionLength`, whichever comes first; and `lastClose`, the last `)` or `）`
    /// before it (-1 if none).
    struct FirstSentence: Equatable {
        var limit: Int
        var lastClose: Int

        init(limit: Int, lastClose: Int) {
            self.limit = limit
            self.lastClose = lastClose
        }

        init(_ u: [Unicode.Scalar], maximumCaptionLength: Int) {
            var limit = min(u.count, maximumCaptionLength)
            var lastClose = -1
            var i = 0
            while i < limit {
                let v = u[i].value
                if v == 0x3002 {  // 。
                    limit = i
                    break
                }
                if v == 0x29 || v == 0xFF09 { lastClose = i }
                i += 1
            }
            self.init(limit: limit, lastClose: lastClose)
        }
    }

    /// Fills `u` with the scalars of `text` that the caption checks read, and tells whether
    /// the line may be made of captions only (content came before it and it ends like a
    /// caption). Such a line is read whole; another one up to its first `。` (included) or
    /// to `maximumCaptionLength + 1` scalars. Also finds ``FirstSentence`` on the way.
    static func loadScalars(_ text: String, into u: inout [Unicode.Scalar], sawContent: Bool, maximumCaptionLength: Int)
        -> (Bool, FirstSentence)
    {
        u.removeAll(keepingCapacity: true)
        return text.withUTF8Bytes { p -> (Bool, FirstSentence) in
            let n = p.count
            let mayBeCaptionOnly = sawContent && n > 0 && endsLikeACaption(last: UTF8Scan.decodeBefore(p, n).scalar)
            let limit = mayBeCaptionOnly ? Int.max : maximumCaptionLength + 1
            // Decoded into a scratch buffer (no capacity check per scalar), then appended at once.
            let capacity = min(n, limit)
            var kuten = -1
            var lastClose = -1
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: capacity) { buffer in
                guard let out = buffer.baseAddress else { return }  // an empty line
                var k = 0
                var i = 0
                while i < n {
                    let d = UTF8Scan.decode(p, i)
                    i &+= d.length
                    // Valid UTF-8 decodes to a valid scalar.
                    (out + k).initialize(to: unsafeBitCast(d.scalar, to: Unicode.Scalar.self))
                    if d.scalar == 0x3002 {  // 。
                        if kuten < 0 { kuten = k }
                        if !mayBeCaptionOnly { k &+= 1; break }
                    } else if (d.scalar == 0x29 || d.scalar == 0xFF09) && kuten < 0 && k < maximumCaptionLength {
                        lastClose = k
                    }
                    k &+= 1
                    if k >= limit { break }
                }
                u.append(contentsOf: UnsafeBufferPointer(start: out, count: k))
            }
            let sentence = FirstSentence(limit: min(kuten < 0 ? u.count : kuten, maximumCaptionLength), lastClose: lastClose)
            return (mayBeCaptionOnly, sentence)
        }
    }

    /// UTF-8 length of the first `k` scalars of `u`.
    @inline(__always)
    static func utf8Offset(_ u: [Unicode.Scalar], _ k: Int) -> Int {
        utf8Offset(u[0..<k])
    }

    /// UTF-8 length of scalars.
    static func utf8Offset(_ s: ArraySlice<Unicode.Scalar>) -> Int {
        var n = 0
        for c in s {
            let v = c.value
            n += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x1_0000 ? 3 : 4
        }
        return n
    }

    /// ``mayOpenSentence(_:)`` as a bitmap over the Basic Multilingual Plane.
    struct OpenerFirstSet: Sendable {
        private let bits: [UInt64]
        private let values: [UInt32]

        init(_ values: [UInt32]) {
            self.values = values
            var bits = [UInt64](repeating: 0, count: 0x1_0000 / 64)
            for v in values where v < 0x1_0000 { bits[Int(v) >> 6] |= 1 << UInt64(v & 63) }
            self.bits = bits
        }

        /// A digit, or the first scalar (U+3040 or above) of a sentence opener.
        @inline(__always)
        func mayOpenSentence(_ v: UInt32) -> Bool {
            if (v >= 0x30 && v <= 0x39) || (v >= 0xFF10 && v <= 0xFF19) { return true }
            guard v >= 0x3040 else { return false }
            if v < 0x1_0000 { return bits[Int(v) >> 6] & (1 << UInt64(v & 63)) != 0 }
            return values.contains(v)
        }
    }

    static let openerFirstSet = OpenerFirstSet(openerFirstValues)
}
