#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why an input cannot be read at all (as opposed to one bad record, which is rejected).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var input: String
    public var message: String
    public var description: String { "\(input): \(message)" }
}

/// Reads a file (or standard input) line by line in fixed-size chunks, so memory does not
/// grow with the file. A line longer than the limit is not buffered whole: its first bytes
/// are kept and the rest is skipped.
final class ByteLineReader {
    /// One raw line, without its `\n` (and without a `\r` before it).
    struct Line {
        /// 1-based line number.
        var number: Int
        /// The line's bytes, valid until the next call to `next()`.
        var bytes: UnsafeBufferPointer<UInt8>
        /// The line was longer than the limit; `bytes` holds its first bytes only.
        var tooLong: Bool
        /// The full length of the line in bytes.
        var length: Int
        /// Byte offset of the line in the input.
        var offset: Int
    }

    let input: String
    private let fd: Int32
    private let ownsFD: Bool
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var eof = false
    private var lineNumber = 0
    private var offset = 0
    private let limit: Int
    private var scratch: [UInt8] = []
    /// Total bytes of the input (nil for pipes).
    let totalBytes: Int?
    /// Bytes consumed so far.
    var bytesRead: Int { offset }

    /// Opens `path` (`-` for standard input).
    init(path: String, limit: Int, chunkSize: Int = 1 << 20) throws(InputError) {
        self.input = path
        self.limit = limit
        if path == "-" {
            fd = 0
            ownsFD = false
            totalBytes = nil
        } else {
            var st = stat()
            guard stat(path, &st) == 0 else {
                throw InputError(input: path, message: "cannot read the input: \(String(cString: strerror(errno))). Check the path.")
            }
            guard (st.st_mode & S_IFMT) != S_IFDIR else {
                throw InputError(input: path, message: "is a folder, not a file")
            }
            let f = open(path, O_RDONLY)
            guard f >= 0 else {
                throw InputError(input: path, message: "cannot open the input: \(String(cString: strerror(errno)))")
            }
            fd = f
            ownsFD = true
            totalBytes = (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : nil
        }
        capacity = max(chunkSize, 1 << 16)
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        if ownsFD { close(fd) }
    }

    /// Fills the buffer after compacting; returns false at end of input.
    private func fill() throws(InputError) -> Bool {
        if eof { return false }
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        if end == capacity {
            // A line longer than the buffer: grow up to the limit (plus slack).
            let newCapacity = capacity * 2
            let b = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            b.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = b
            capacity = newCapacity
        }
        while true {
            let n = read(fd, buffer + end, capacity - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(input: input, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { eof = true; return false }
            end += n
            return true
        }
    }

    /// The next line, or nil at the end of the input. A last line without `\n` is a line.
    func next() throws(InputError) -> Line? {
        if lineNumber == 0 && offset == 0 && !checkedEncoding { try checkEncoding() }
        while true {
            let available = end - start
            if available > 0, let nl = memchr(buffer + start, 0x0A, available) {
                let lineEnd = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                return emit(from: start, to: lineEnd, consumed: lineEnd + 1 - start)
            }
            // One byte of slack: a `\r` before the `\n` is not part of the line, and may be all
            // that is in the buffer past the limit when the `\n` has not been read yet.
            // (`available - 1`, not `limit + 1`: the limit may be `Int.max`.)
            if available - 1 > limit {
                return try skipLongLine()
            }
            if !(try fill()) {
                guard end > start else { return nil }
                return emit(from: start, to: end, consumed: end - start)
            }
        }
    }

    private var checkedEncoding = false

    /// A UTF-16 or UTF-32 input (told by its byte-order mark) is not read line by line as
    /// UTF-8: every line would be rejected for its NUL bytes. It is refused with the command
    /// that converts it.
    private func checkEncoding() throws(InputError) {
        checkedEncoding = true
        while end - start < 4, try fill() {}
        let n = end - start
        let b = UnsafeBufferPointer(start: buffer + start, count: min(n, 4))
        let encoding: String?
        if n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 {
            encoding = "UTF-32LE"
        } else if n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF {
            encoding = "UTF-32BE"
        } else if n >= 2 && b[0] == 0xFF && b[1] == 0xFE {
            encoding = "UTF-16LE"
        } else if n >= 2 && b[0] == 0xFE && b[1] == 0xFF {
            encoding = "UTF-16BE"
        } else {
            encoding = nil
        }
        guard let encoding else { return }
        let hex = Array("0123456789ABCDEF")
        let mark = b.prefix(encoding.hasPrefix("UTF-32") ? 4 : 2).map { String([hex[Int($0 >> 4)], hex[Int($0 & 15)]]) }
            .joined(separator: " ")
        let file = input == "-" ? "FILE" : input
        // iconv reads the byte-order mark (and drops it) when told the encoding without its order.
        throw InputError(
            input: input,
            message: "is \(encoding) text (it starts with the byte-order mark \(mark)); wikiclean reads UTF-8. "
                + "Convert it first: iconv -f \(encoding.dropLast(2)) -t UTF-8 \(file) > converted.txt")
    }

    private func emit(from s: Int, to e: Int, consumed: Int) -> Line {
        var e2 = e
        if e2 > s && buffer[e2 - 1] == 0x0D { e2 -= 1 }
        lineNumber += 1
        let length = e2 - s
        let tooLong = length > limit
        let kept = tooLong ? min(length, Self.keptBytes) : length
        let line = Line(
            number: lineNumber, bytes: UnsafeBufferPointer(start: buffer + s, count: kept), tooLong: tooLong, length: length,
            offset: offset)
        offset += consumed
        start += consumed
        return line
    }

    /// How many bytes of an over-long line are kept for the rejects file.
    static let keptBytes = 1024

    /// A line over the limit: keep its first bytes, skip to its end without buffering it.
    private func skipLongLine() throws(InputError) -> Line {
        lineNumber += 1
        scratch = Array(UnsafeBufferPointer(start: buffer + start, count: min(Self.keptBytes, end - start)))
        var length = 0
        var lastWasCR = false
        let lineOffset = offset
        while true {
            let available = end - start
            if available > 0, let nl = memchr(buffer + start, 0x0A, available) {
                let lineEnd = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                length += lineEnd - start
                // A `\r` before the `\n` is not part of the line (as in `emit`).
                if lineEnd > start ? buffer[lineEnd - 1] == 0x0D : lastWasCR { length -= 1 }
                offset += lineEnd + 1 - start
                start = lineEnd + 1
                break
            }
            if available > 0 { lastWasCR = buffer[end - 1] == 0x0D }
            length += available
            offset += available
            start = end
            if !(try fill()) {
                if lastWasCR { length -= 1 }
                break
            }
        }
        return scratch.withUnsafeBufferPointer { p in
            Line(number: lineNumber, bytes: p, tooLong: true, length: length, offset: lineOffset)
        }
    }
}
