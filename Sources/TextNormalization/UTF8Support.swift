// Small UTF-8 helpers. Input always comes from a Swift `String`, so it is valid UTF-8 and the
// decoder does not re-validate.

@inline(__always)
func decodeScalar(_ p: UnsafePointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | (UInt32(p[i + 1]) & 0x3F), 2) }
    if b0 < 0xF0 {
        return (
            (b0 & 0x0F) << 12 | (UInt32(p[i + 1]) & 0x3F) << 6 | (UInt32(p[i + 2]) & 0x3F), 3
        )
    }
    return (
        (b0 & 0x07) << 18 | (UInt32(p[i + 1]) & 0x3F) << 12 | (UInt32(p[i + 2]) & 0x3F) << 6
            | (UInt32(p[i + 3]) & 0x3F), 4
    )
}

/// The scalar that ends right before byte offset `i` (> 0), and where it starts.
@inline(__always)
func scalarBefore(_ p: UnsafePointer<UInt8>, _ i: Int) -> (scalar: UInt32, start: Int) {
    var s = i - 1
    while s > 0 && p[s] & 0xC0 == 0x80 { s -= 1 }
    return (decodeScalar(p, s).scalar, s)
}

@inline(__always)
func appendUTF8(_ c: UInt32, to out: inout [UInt8]) {
    if c < 0x80 {
        out.append(UInt8(truncatingIfNeeded: c))
    } else if c < 0x800 {
        out.append(UInt8(truncatingIfNeeded: 0xC0 | c >> 6))
        out.append(UInt8(truncatingIfNeeded: 0x80 | c & 0x3F))
    } else if c < 0x10000 {
        out.append(UInt8(truncatingIfNeeded: 0xE0 | c >> 12))
        out.append(UInt8(truncatingIfNeeded: 0x80 | (c >> 6) & 0x3F))
        out.append(UInt8(truncatingIfNeeded: 0x80 | c & 0x3F))
    } else {
        out.append(UInt8(truncatingIfNeeded: 0xF0 | c >> 18))
        out.append(UInt8(truncatingIfNeeded: 0x80 | (c >> 12) & 0x3F))
        out.append(UInt8(truncatingIfNeeded: 0x80 | (c >> 6) & 0x3F))
        out.append(UInt8(truncatingIfNeeded: 0x80 | c & 0x3F))
    }
}

/// A `String` holding `bytes`, which must be valid UTF-8, made without validating them again.
///
/// Every rule writes whole scalars (copied input, `appendUTF8` of a scalar, or ICU's UTF-8), so
/// a normalized line of valid input is valid; `String(decoding:as:)` would re-check every byte,
/// which cost as much as a rule pass. Debug builds still check.
func stringFromValidUTF8(_ bytes: [UInt8]) -> String {
    assert(String(validating: bytes, as: UTF8.self) != nil, "normalized bytes are not valid UTF-8")
    if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
        return String(copying: unsafe UTF8Span(unchecked: bytes.span))
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Number of Unicode scalars in valid UTF-8.
func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 0
    for b in bytes where b & 0xC0 != 0x80 { n += 1 }
    return n
}

/// ``scalarCount(_:)`` of `bytes[start..<end]`: for a span of at most sixteen bytes with as
/// many readable from its start (most edits ``EditSummary`` counts: a few characters each),
/// its bytes less their continuation bytes (`10xxxxxx`), counted in two words at most;
/// otherwise a byte at a time. The byte loop took ~4.5 instructions a byte (callgrind, 4 MB
/// corpus: 14 K edits of 7 bytes on average); a loop over words, its trip count worked out
/// with overflow checks, cost more than it saved.
@inline(__always)
func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
    let length = end &- start
    guard length > 0, length <= 16, start &+ 16 <= bytes.count, let base = bytes.baseAddress else {
        return start < end ? scalarCount(UnsafeBufferPointer(rebasing: bytes[start..<end])) : 0
    }
    @inline(__always) func continuations(_ w: UInt64, _ kept: Int) -> Int {
        // The first `kept` (1–8) bytes of `w`; bit 7 set and bit 6 clear (bit 6 moved up to
        // bit 7 of the same byte by the shift), one bit a byte, summed into the top byte by a
        // multiplication (the build targets no processor with `popcnt`: `nonzeroBitCount`
        // took ~16 instructions).
        let v = w & (UInt64.max &>> UInt64((8 &- kept) &* 8))
        let marks = (v & ~(v &<< 1) & 0x8080_8080_8080_8080) &>> 7
        return Int(truncatingIfNeeded: (marks &* 0x0101_0101_0101_0101) &>> 56)
    }
    let raw = UnsafeRawPointer(base + start)
    let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    if length <= 8 { return length &- continuations(w0, length) }
    let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    return length &- continuations(w0, 8) &- continuations(w1, length &- 8)
}

/// Copies unchanged input to the output lazily: a rule calls ``replace(_:_:with:out:edits:)``
/// for each span it rewrites, and nothing is written at all when it rewrites nothing.
struct Rewriter {
    let input: UnsafeBufferPointer<UInt8>
    let rule: Rule
    let track: Bool
    private(set) var flushFrom = 0
    private(set) var changed = false

    init(_ input: UnsafeBufferPointer<UInt8>, rule: Rule, track: Bool) {
        self.input = input
        self.rule = rule
        self.track = track
    }

    /// Writes the unchanged input before `start`; returns where the replacement begins.
    @inline(__always)
    mutating func begin(_ start: Int, out: inout [UInt8]) -> Int {
        if !changed {
            changed = true
            out.removeAll(keepingCapacity: true)
            out.reserveCapacity(input.count + 16)
        }
        if start > flushFrom {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[flushFrom..<start]))
        }
        return out.count
    }

    /// Records that input `[start, end)` became output `[outStart, out.count)`.
    @inline(__always)
    mutating func end(
        _ start: Int, _ end: Int, outStart: Int, out: inout [UInt8], edits: inout [Edit]
    ) {
        flushFrom = end
        guard track else { return }
        if let last = edits.last, last.end == start, last.rule == rule, last.outEnd == outStart {
            edits[edits.count - 1].end = end
            edits[edits.count - 1].outEnd = out.count
        } else {
            edits.append(Edit(rule: rule, start: start, end: end, outStart: outStart, outEnd: out.count))
        }
    }

    /// Replaces input `[start, end)` with one scalar, or deletes it when `scalar` is nil.
    @inline(__always)
    mutating func replace(
        _ start: Int, _ end: Int, with scalar: UInt32?, out: inout [UInt8], edits: inout [Edit]
    ) {
        let outStart = begin(start, out: &out)
        if let scalar { appendUTF8(scalar, to: &out) }
        self.end(start, end, outStart: outStart, out: &out, edits: &edits)
    }

    /// Writes the rest of the input; returns whether anything changed.
    mutating func finish(out: inout [UInt8]) -> Bool {
        if changed && flushFrom < input.count {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[flushFrom...]))
            flushFrom = input.count
        }
        return changed
    }
}
