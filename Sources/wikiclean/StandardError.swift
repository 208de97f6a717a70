#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var s = string
        s.withUTF8 { p in
            var at = 0
            while at < p.count {
                let n = Glibc.write(2, p.baseAddress! + at, p.count - at)
                if n <= 0 { if errno == EINTR { continue } else { return } }
                at += n
            }
        }
    }
}

/// Whether standard error is a terminal (for progress lines).
var standardErrorIsTerminal: Bool { isatty(2) != 0 }

/// Writes bytes to standard output, buffered by the caller.
func writeStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
    var at = 0
    while at < bytes.count {
        let n = write(1, bytes.baseAddress! + at, bytes.count - at)
        if n <= 0 {
            if errno == EINTR { continue }
            return
        }
        at += n
    }
}
