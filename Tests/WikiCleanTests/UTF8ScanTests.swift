import Testing

@testable import WikiClean

/// ``UTF8Scan``'s decoders against the standard library's reading of the same text.
@Suite struct UTF8ScanTests {
    /// ``UTF8Scan/decodeBefore(_:_:)`` reads every scalar (its in-place forms for ASCII and
    /// three-byte characters, the walk back for the others) after each length of character,
    /// and a whole text read backwards is its scalars reversed.
    @Test func decodeBeforeReadsEveryScalar() {
        var scalars = (UInt32(0)...0xFFFF).filter { !(0xD800...0xDFFF).contains($0) }
        scalars += [0x10000, 0x1F600, 0x2A6D6, 0x10FFFF]
        var checked = 0
        for prefix in ["", "a", "é", "あ", "😀"] {
            for c in scalars {
                let scalar = Unicode.Scalar(c)!
                let bytes = Array((prefix + String(Character(scalar))).utf8)
                let d = bytes.withUnsafeBufferPointer { UTF8Scan.decodeBefore($0, $0.count) }
                if d.scalar != c || d.length != String(scalar).utf8.count {
                    Issue.record("U+\(String(c, radix: 16)) after \(prefix.debugDescription): \(d)")
                }
                checked += 1
            }
        }
        #expect(checked == 5 * scalars.count)
        let text = "漢字とかなaé😀ｶﾞ\u{3099}ー—\u{10FFFF}"
        let bytes = Array(text.utf8)
        var backwards: [UInt32] = []
        bytes.withUnsafeBufferPointer { p in
            var end = p.count
            while end > 0 {
                let d = UTF8Scan.decodeBefore(p, end)
                backwards.append(d.scalar)
                end -= d.length
            }
        }
        #expect(backwards == text.unicodeScalars.reversed().map(\.value))
    }
}
