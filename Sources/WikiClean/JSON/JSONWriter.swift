/// Writes JSON into a byte buffer: compact, `ensure_ascii`-free UTF-8, and escaping
/// exactly what RFC 8259 requires (`"`, `\`, and control characters).
///
/// Output is deterministic: the same value always gives the same bytes.
public enum JSONWriter {
    /// Appends `value` as compact JSON.
    public static func append(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): appendRaw(b ? "true" : "false", to: &out)
        case .number(let n): appendRaw(n, to: &out)
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (k, member) in object.members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends ASCII text as is.
    @inline(__always)
    static func appendRaw(_ s: String, to out: inout [UInt8]) {
        out.append(contentsOf: s.utf8)
    }

    /// Appends `s` as a JSON string literal. Copies runs that need no escaping in one go.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(s, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped contents of `s` (a JSON string literal without its quotes).
    @inline(__always)
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        if let done: Void = s.utf8.withContiguousStorageIfAvailable({ appendEscaped(utf8: $0, to: &out) }) { return done }
        var s = s
        s.withUTF8 { appendEscaped(utf8: $0, to: &out) }
    }

    /// Appends UTF-8 bytes escaped for a JSON string literal (without quotes): `"`, `\` and
    /// control characters (below U+0020) are escaped, every other byte is copied as is.
    /// Eight bytes are tested at a time; runs that need no escaping are copied in one append.
    static func appendEscaped(utf8 buf: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let n = buf.count
        guard n > 0, let base = buf.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var runStart = 0
        var i = 0
        let space = SIMD16<UInt8>(repeating: 0x20)
        let quoteMark = SIMD16<UInt8>(repeating: 0x22)
        let backslashMark = SIMD16<UInt8>(repeating: 0x5C)
        while true {
            // The next byte that needs escaping, at or after `i` (n when none): 32 bytes at a
            // time (two vectors, one test), then 16, then 8, then one by one.
            while i + 32 <= n {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let w = UnsafeRawPointer(base + i + 16).loadUnaligned(as: SIMD16<UInt8>.self)
                let inV = (v .< space) .| (v .== quoteMark) .| (v .== backslashMark)
                let inW = (w .< space) .| (w .== quoteMark) .| (w .== backslashMark)
                if any(inV .| inW) { break }
                i += 32
            }
            while i + 16 <= n {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                if any((v .< space) .| (v .== quoteMark) .| (v .== backslashMark)) { break }
                i += 16
            }
            while i + 8 <= n {
                let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                // Bytes below 0x20, equal to 0x22, equal to 0x5C (exact as a whole; the lowest
                // flagged byte is always a true one).
                let below = (w &- ones &* 0x20) & ~w
                let xq = w ^ (ones &* 0x22)
                let xb = w ^ (ones &* 0x5C)
                let quote = (xq &- ones) & ~xq
                let backslash = (xb &- ones) & ~xb
                let m = (below | quote | backslash) & highs
                if m != 0 {
                    i += m.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            if i + 8 > n {
                while i < n {
                    let b = buf[i]
                    if b < 0x20 || b == 0x22 || b == 0x5C { break }
                    i += 1
                }
            }
            if i >= n { break }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            let b = buf[i]
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
            default:
                // `\u00XX`, lower-case hex.
                let hi = b >> 4
                let lo = b & 0xF
                out.append(0x5C)
                out.append(UInt8(ascii: "u"))
                out.append(0x30)
                out.append(0x30)
                out.append(hi < 10 ? 0x30 + hi : 0x61 + hi - 10)
                out.append(lo < 10 ? 0x30 + lo : 0x61 + lo - 10)
            }
            i += 1
            runStart = i
        }
        if runStart < n { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: n - runStart)) }
    }


    /// Appends an integer in decimal, the same digits as `String(n)`.
    @inline(__always)
    static func appendInt(_ n: Int, to out: inout [UInt8]) {
        guard n >= 0 else {
            out.append(contentsOf: String(n).utf8)
            return
        }
        var v = n
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var k = 24
            repeat {
                k -= 1
                d[k] = 0x30 + UInt8(v % 10)
                v /= 10
            } while v > 0
            out.append(contentsOf: UnsafeBufferPointer(start: d.baseAddress!.assumingMemoryBound(to: UInt8.self) + k, count: 24 - k))
        }
    }

    /// `value` as a compact JSON string.
    public static func string(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
