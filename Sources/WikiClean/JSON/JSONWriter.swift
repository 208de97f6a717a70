#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
internal import CICUShims

/// Writes JSON into a byte buffer: compact, `ensure_ascii`-free UTF-8, and escaping
/// exactly what RFC 8259 requires (`"`, `\\`, and control characters).
///
/// Output is deterministic: the same value always gives the same bytes. The writers work on
/// a ``ByteBuffer``; the `[UInt8]` forms write into one and append its bytes.
public enum JSONWriter {
    /// Appends `value` as compact JSON.
    public static func append(_ value: JSONValue, to out: inout [UInt8]) {
        var buffer = ByteBuffer(capacity: 256)
        append(value, to: &buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// Appends `value` as compact JSON.
    static func append(_ value: JSONValue, to out: inout ByteBuffer) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
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
    static func appendRaw(_ s: String, to out: inout ByteBuffer) {
        s.withUTF8Bytes { out.append($0) }
    }

    /// Appends `s` as a JSON string literal. Copies runs that need no escaping in one go.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var buffer = ByteBuffer(capacity: s.utf8.count + 16)
        appendString(s, to: &buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// Appends `s` as a JSON string literal.
    @inline(__always)
    static func appendString(_ s: String, to out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(s, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped contents of `s` (a JSON string literal without its quotes).
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var buffer = ByteBuffer(capacity: s.utf8.count + 16)
        appendEscaped(s, to: &buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// Appends the escaped contents of `s` (a JSON string literal without its quotes).
    @inline(__always)
    static func appendEscaped(_ s: String, to out: inout ByteBuffer) {
        s.withUTF8Bytes { appendEscaped(utf8: $0, to: &out) }
    }

    /// Appends UTF-8 bytes escaped for a JSON string literal (without quotes): `"`, `\\` and
    /// control characters (below U+0020) are escaped, every other byte is copied as is; runs
    /// that need no escaping are copied in one append. A text of 16 bytes or more (a block's
    /// text) is searched by `cicu_json_escape_find` (64 bytes a step with AVX2: two vectors,
    /// one test); the Swift vectors it replaces took some three times its instructions (their
    /// tests were compiled to byte shuffles and calls). A shorter one (an id, a key, a rule)
    /// is searched 8 bytes at a time here, without a call. The search of a longer one copies
    /// the bytes it passes over as it reads them (``ByteBuffer/appendUnescapedRun(_:from:count:)``),
    /// where a `memcpy` of each run followed it: on the 4 MB slice 15,700 calls, nearly all of
    /// a whole block's text.
    static func appendEscaped(utf8 buf: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        let n = buf.count
        guard n > 0, let base = buf.baseAddress else { return }
        if n >= 16 {
            var i = 0
            while true {
                // Copied up to the next byte that needs escaping (n when none).
                i = out.appendUnescapedRun(base, from: i, count: n)
                if i >= n { return }
                appendEscape(buf[i], to: &out)
                i += 1
            }
        }
        var runStart = 0
        var i = 0
        while true {
            // The next byte that needs escaping, at or after `i` (n when none).
            i = nextEscape(base, from: i, count: n)
            if i >= n { break }
            if runStart < i { out.append(base + runStart, count: i - runStart) }
            appendEscape(buf[i], to: &out)
            i += 1
            runStart = i
        }
        if runStart < n { out.append(base + runStart, count: n - runStart) }
    }

    /// Appends the escape of byte `b` (one that needs it: below 0x20, `"` or `\\`).
    @inline(__always)
    static func appendEscape(_ b: UInt8, to out: inout ByteBuffer) {
        switch b {
        case 0x22: out.append(0x5C, 0x22)
        case 0x5C: out.append(0x5C, 0x5C)
        case 0x0A: out.append(0x5C, UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C, UInt8(ascii: "r"))
        case 0x09: out.append(0x5C, UInt8(ascii: "t"))
        case 0x08: out.append(0x5C, UInt8(ascii: "b"))
        case 0x0C: out.append(0x5C, UInt8(ascii: "f"))
        default:
            // `\u00XX`, lower-case hex.
            let hi = b >> 4
            let lo = b & 0xF
            out.append("\\u00")
            out.append(hi < 10 ? 0x30 + hi : 0x61 + hi - 10, lo < 10 ? 0x30 + lo : 0x61 + lo - 10)
        }
    }

    /// The first offset at or after `i` in `p[0..<n]` whose byte needs escaping, or `n`: 8
    /// bytes at a time (``escapeFlags(_:)``), then one by one. For short texts.
    @inline(__always)
    static func nextEscape(_ p: UnsafePointer<UInt8>, from i: Int, count n: Int) -> Int {
        var i = i
        while i + 8 <= n {
            let m = escapeFlags(UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)))
            if m != 0 { return i + m.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            let b = p[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return i }
            i += 1
        }
        return n
    }

    /// `cicu_json_escape_find` with the vector loops of `level` at most (2: AVX2, 1: SSE2, 0:
    /// bytes): for tests, to check each path against a byte loop.
    static func nextEscape(in p: UnsafeBufferPointer<UInt8>, from i: Int, level: Int32) -> Int {
        guard let base = p.baseAddress else { return 0 }
        return Int(cicu_json_escape_find_at_level(base, Int64(i), Int64(p.count), level))
    }

    /// `cicu_json_escape_copy` with the vector loops of `level` at most (2: AVX2, 1: SSE2, 0:
    /// bytes): for tests, to check each path against a byte loop and that it writes nothing past
    /// `out + (p.count - from)`.
    static func copyUnescaped(in p: UnsafeBufferPointer<UInt8>, from i: Int, to out: UnsafeMutablePointer<UInt8>, level: Int32) -> Int {
        guard let base = p.baseAddress else { return 0 }
        return Int(cicu_json_escape_copy_at_level(base, Int64(i), Int64(p.count), out, level))
    }

    /// The high bit of each byte of `w` (eight bytes of text, little-endian) that needs
    /// escaping: below 0x20, 0x22 or 0x5C. Exact as a whole: zero when no byte needs it, and the
    /// lowest flagged byte is always a true one (a borrow flags only bytes above a true one).
    @inline(__always)
    static func escapeFlags(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let below = (w &- ones &* 0x20) & ~w
        let xq = w ^ (ones &* 0x22)
        let xb = w ^ (ones &* 0x5C)
        let quote = (xq &- ones) & ~xq
        let backslash = (xb &- ones) & ~xb
        return (below | quote | backslash) & 0x8080_8080_8080_8080
    }

    /// Appends an integer in decimal, the same digits as `String(n)`.
    static func appendInt(_ n: Int, to out: inout [UInt8]) {
        var buffer = ByteBuffer(capacity: 24)
        appendInt(n, to: &buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// Appends an integer in decimal, the same digits as `String(n)`.
    @inline(__always)
    static func appendInt(_ n: Int, to out: inout ByteBuffer) {
        guard n >= 0 else {
            appendRaw(String(n), to: &out)
            return
        }
        out.appendDecimal(UInt64(n))
    }

    /// `value` as a compact JSON string.
    public static func string(_ value: JSONValue) -> String {
        var out = ByteBuffer(capacity: 256)
        append(value, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

/// A growable run of bytes for writing JSON: an append is a capacity test and a `memcpy`.
///
/// A document's JSON is many short pieces (keys, escaped runs); an `Array`'s
/// `append(contentsOf:)` costs some 70 instructions a call before it copies anything, more
/// than most pieces. Noncopyable: the buffer owns its memory and frees it once.
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int
    /// Scratch offsets for a writer that copies bytes it already wrote (``Document`` keeps
    /// where the escaped text of each of its paragraphs is), kept with the buffer so that it
    /// is allocated once: ``markCount`` of them at ``markBase``. Raw memory, not an `[Int]`:
    /// each append to the array tested it for uniqueness (a call) and its capacity, and
    /// emptying it was a generic `replaceSubrange`.
    private(set) var markBase: UnsafeMutablePointer<Int>
    private(set) var markCount = 0
    private var markCapacity = 64
    /// Where the last input name that ``appendEscapedName(_:)`` wrote went (``nameCount``
    /// bytes at ``nameStart``; -1: none), when it needed no escape: the bytes are then the
    /// name's own.
    private var nameStart = -1
    private var nameCount = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        // `malloc`, so that growing is a `realloc` (which can move a large buffer's pages
        // instead of copying them).
        guard let p = malloc(self.capacity) else { fatalError("out of memory") }
        base = p.assumingMemoryBound(to: UInt8.self)
        guard let m = malloc(markCapacity * MemoryLayout<Int>.stride) else { fatalError("out of memory") }
        markBase = m.assumingMemoryBound(to: Int.self)
    }

    deinit {
        free(base)
        free(markBase)
    }

    /// Appends a scratch offset (``markBase``).
    @inline(__always)
    mutating func appendMark(_ m: Int) {
        if markCount == markCapacity { growMarks() }
        markBase[markCount] = m
        markCount += 1
    }

    /// Forgets the scratch offsets (their memory is kept).
    @inline(__always)
    mutating func removeAllMarks() { markCount = 0 }

    @inline(never)
    private mutating func growMarks() {
        markCapacity *= 2
        guard let m = realloc(markBase, markCapacity * MemoryLayout<Int>.stride) else { fatalError("out of memory") }
        markBase = m.assumingMemoryBound(to: Int.self)
    }

    /// The bytes written so far (valid until the next append).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Makes room for `n` more bytes.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        guard let p = realloc(base, newCapacity) else { fatalError("out of memory") }
        base = p.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func append(_ a: UInt8, _ b: UInt8) {
        reserve(2)
        base[count] = a
        base[count + 1] = b
        count += 2
    }

    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        memcpy(base + count, p, n)
        count += n
    }

    @inline(__always)
    mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
        guard let a = p.baseAddress else { return }
        append(a, count: p.count)
    }

    /// Appends the UTF-8 of a literal (a JSON key, punctuation).
    @inline(__always)
    mutating func append(_ s: StaticString) {
        append(s.utf8Start, count: s.utf8CodeUnitCount)
    }

    /// Appends `p[from..<k]`, where `k` (returned) is the first offset at or after `from` of
    /// `p[0..<count]` whose byte a JSON string must escape (`count` when none): copied by the
    /// search as it reads (``cicu_json_escape_copy``), into room for the whole rest of `p`
    /// (past `k` the search may have written bytes of `p`, which the next append writes over).
    @inline(__always)
    mutating func appendUnescapedRun(_ p: UnsafePointer<UInt8>, from: Int, count n: Int) -> Int {
        reserve(n - from)
        let k = Int(cicu_json_escape_copy(p, Int64(from), Int64(n), base + count))
        count += k - from
        return k
    }

    /// Appends the UTF-8 bytes `p` of an input's name escaped (``JSONWriter/appendEscaped(utf8:to:)``):
    /// as a copy of the last name written, when it needed no escape and has these bytes. Every
    /// document of a batch names its input in its id, nearly always the same name: a compare
    /// and a copy of its bytes, where the escaper searched them (on the 4 MB slice 2,604 ids,
    /// ~140 instructions each). The bytes are compared, not the storage's address: a name
    /// freed and another made in its place could share it.
    @inline(__always)
    mutating func appendEscapedName(_ p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        if n == nameCount && nameStart >= 0, let a = p.baseAddress, memcmp(base + nameStart, a, n) == 0 {
            appendCopy(of: nameStart..<nameStart + n)
            return
        }
        let start = count
        JSONWriter.appendEscaped(utf8: p, to: &self)
        // No byte escaped: the bytes written are the name's.
        if count - start == n && n > 0 {
            nameStart = start
            nameCount = n
        }
    }

    /// Appends `v` in decimal (the digits of `String(v)`): counted first, then written in
    /// place from the last, two at a time from a table of pairs. Written one at a time into
    /// a scratch stretch and copied (a `memcpy`), a line number took some 80 instructions,
    /// three a document (its id's line, `line_start`, `line_end`).
    @inline(__always)
    mutating func appendDecimal(_ v: UInt64) {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && v >= power {
            digits += 1
            power &*= 10
        }
        reserve(digits)
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        let table = pairs.utf8Start
        var v = v
        var i = count + digits
        while v >= 100 {
            let q = v / 100
            let r = Int(v &- q &* 100) &* 2
            i -= 2
            base[i] = table[r]
            base[i + 1] = table[r + 1]
            v = q
        }
        if v >= 10 {
            let r = Int(v) &* 2
            base[i - 2] = table[r]
            base[i - 1] = table[r + 1]
        } else {
            base[i - 1] = 0x30 &+ UInt8(v)
        }
        count += digits
    }

    /// Appends a copy of bytes already written (`range` of ``bytes``).
    @inline(__always)
    mutating func appendCopy(of range: Range<Int>) {
        let n = range.count
        reserve(n)
        memcpy(base + count, base + range.lowerBound, n)
        count += n
    }
}
