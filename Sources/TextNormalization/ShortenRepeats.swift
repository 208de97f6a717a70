/// `repeat`: neologdn 0.5.6's `shorten_repeat(text, repeat, max_repeat_substr_length)`, one
/// line at a time: a substring (of at most `maxSubstringLength` scalars, 0 = no limit) that
/// repeats more than `limit` times in a row is cut to `limit` copies.
/// `無駄無駄無駄無駄ァ` with limit 1 → `無駄ァ`.
struct ShortenRepeats {
    var limit: Int
    var maxSubstringLength: Int

    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress, limit > 0 else { return false }
        var text: [UInt32] = []
        var starts: [Int] = []  // byte offset of each scalar in the input
        text.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let (c, len) = decodeScalar(p, i)
            text.append(c)
            starts.append(i)
            i += len
        }
        let originalCount = text.count
        guard originalCount >= 2 else { return false }
        // Original scalar index of each remaining scalar (only needed to report edits).
        var origin: [Int] = track ? Array(0..<originalCount) : []

        // A literal port of the Python loop, including its slice clipping and the text length
        // it takes once per position.
        func equalSlices(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Bool {
            let n = text.count
            let a1 = min(a, n)
            let b1 = max(min(b, n), a1)
            let c1 = min(c, n)
            let d1 = max(min(d, n), c1)
            guard b1 - a1 == d1 - c1 else { return false }
            var k = 0
            while k < b1 - a1 {
                if text[a1 + k] != text[c1 + k] { return false }
                k += 1
            }
            return true
        }

        var changed = false
        var pos = 0
        while pos < text.count {
            let textLength = text.count
            var upper = (textLength - pos) / 2
            if maxSubstringLength != 0 && maxSubstringLength < upper {
                upper = maxSubstringLength + 1
            }
            var length = 1
            while length < upper {
                var rightStart = pos + length
                var rightEnd = rightStart + length
                var repeats = 1
                while equalSlices(pos, pos + length, rightStart, rightEnd) && rightEnd <= textLength {
                    repeats += 1
                    rightStart += length
                    rightEnd += length
                }
                if repeats > limit {
                    let n = text.count
                    let keepEnd = min(pos + length * limit, n)
                    let resume = min(pos + length * repeats, n)
                    if resume > keepEnd {
                        text.removeSubrange(keepEnd..<resume)
                        if track { origin.removeSubrange(keepEnd..<resume) }
                        changed = true
                    }
                }
                length += 1
            }
            pos += 1
        }
        guard changed else { return false }

        out.removeAll(keepingCapacity: true)
        for c in text { appendUTF8(c, to: &out) }
        if track {
            // Deleted scalars, grouped into runs, become deletions.
            var kept = [Bool](repeating: false, count: originalCount)
            for o in origin { kept[o] = true }
            var outOffset = 0
            var k = 0
            while k < originalCount {
                if kept[k] {
                    let end = k + 1 < originalCount ? starts[k + 1] : input.count
                    outOffset += end - starts[k]
                    k += 1
                    continue
                }
                var j = k
                while j < originalCount && !kept[j] { j += 1 }
                let end = j < originalCount ? starts[j] : input.count
                edits.append(
                    Edit(rule: .repeat, start: starts[k], end: end, outStart: outOffset, outEnd: outOffset))
                k = j
            }
        }
        return true
    }
}
