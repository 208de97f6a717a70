import Testing

@testable import WikiClean

/// The reader's UTF-8 validator accepts exactly what the standard library accepts.
@Suite struct UTF8ValidationTests {
    static func stdlibAccepts(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
    }

    static func check(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let ours = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
        let expected = stdlibAccepts(bytes)
        #expect(ours == expected, "\(bytes.map { String($0, radix: 16) })", sourceLocation: sourceLocation)
        // The byte loop (machines without AVX2) decides the same.
        let bytesPath = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0, level: 0) }
        #expect(bytesPath == expected, "byte loop: \(bytes.map { String($0, radix: 16) })", sourceLocation: sourceLocation)
        // The check with the NUL search, at each level: the same verdict, and a NUL byte found
        // exactly where there is one.
        var flaws: UTF8Validation.Flaws = expected ? [] : .invalid
        if bytes.contains(0) { flaws.insert(.nulByte) }
        for level: Int32 in [2, 0] {
            let found = bytes.withUnsafeBufferPointer { UTF8Validation.check($0, level: level) }
            #expect(found == flaws, "level \(level): \(bytes.map { String($0, radix: 16) })", sourceLocation: sourceLocation)
        }
        let made = bytes.withUnsafeBufferPointer { UTF8Validation.string($0) }
        let expectedString = bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
        #expect(made == expectedString, sourceLocation: sourceLocation)
        if let made { #expect(Array(made.utf8) == bytes, sourceLocation: sourceLocation) }
    }

    /// A NUL byte is found wherever it stands in lines of every length (at the start, in a
    /// block, in the last bytes that the check reads again or pads), with or without a flaw of
    /// UTF-8 after it.
    @Test func nulBytesAtEveryPlace() {
        let text = Array("キューバ危機(1962年)では、ソ連がキューバに核ミサイルを配備しようとした。abc".utf8)
        for count in [1, 2, 31, 32, 33, 63, 64, 65, 95, text.count] {
            for k in 0..<count {
                var bytes = Array(text.prefix(count))
                bytes[k] = 0
                Self.check(bytes)
                bytes.append(0xFF)
                Self.check(bytes)
            }
        }
    }

    /// Lines long enough for the check's two-blocks-a-turn loop, its one block after it and
    /// its last bytes read again: a NUL, a bad byte, a lone continuation byte or a lead cut
    /// short at every place, so that a flaw falls in each block of a pair, across the pair's
    /// seam, across two turns, and in the bytes after the last whole block.
    @Test func flawsAtEveryPlaceOfLongLines() {
        let text = Array(String(repeating: "東京都(とうきょうと)は、日本の首都。Tokyo ", count: 6).utf8)
        for count in [64, 65, 95, 96, 97, 127, 128, 129, 160, 191, 192, 193, 255, 256, 257, text.count] {
            let line = Array(text.prefix(count))
            Self.check(line)
            for k in 0..<count {
                for b: UInt8 in [0, 0xFF, 0x80, 0xE3] {
                    var bytes = line
                    bytes[k] = b
                    Self.check(bytes)
                }
            }
        }
    }

    @Test func boundaryForms() {
        let cases: [[UInt8]] = [
            [], [0x41], Array("日本語のテキスト".utf8), Array("abcdefghijklmnop日本".utf8), Array("😀 U+1F600".utf8),
            // Overlong forms, surrogates, beyond U+10FFFF, lone continuation bytes, bad leads.
            [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF],
            [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xBF], [0xFE], [0xFF],
            // Truncated sequences at the end, and followed by ASCII.
            [0xE3, 0x81], [0xE3], [0xF0, 0x9F, 0x98], [0xC3], [0xE3, 0x81, 0x41], [0xF0, 0x9F, 0x41, 0x41], [0xC3, 0x41],
            // E0 and ED leads right after another three-byte character (the two-at-a-time path),
            // valid and not.
            Array("日".utf8) + [0xE0, 0x80, 0x80] + Array("ab".utf8), Array("日".utf8) + [0xED, 0xA0, 0x80] + Array("ab".utf8),
            Array("日".utf8) + [0xE0, 0xA0, 0x80] + Array("ab".utf8), Array("日".utf8) + [0xED, 0x9F, 0xBF] + Array("ab".utf8),
            [0xE0, 0x80, 0x80] + Array("日ab".utf8), [0xED, 0xA0, 0x80] + Array("日ab".utf8),
            // A bad byte right after a run of ASCII words, and inside a run of kana.
            Array("abcdefgh".utf8) + [0x80] + Array("abcdefgh".utf8),
            Array("あいうえお".utf8) + [0xE3, 0x81] + Array("かきくけこ".utf8),
        ]
        for c in cases { Self.check(c) }
    }

    /// Random bytes drawn mostly from valid pieces, with single bytes changed, so that most
    /// inputs are near the boundary between valid and not.
    @Test func randomInputsAgreeWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 0x5EED_0008)
        let pieces: [[UInt8]] = ["a", " ", "abcdefgh", "の", "日本", "ｶﾞ", "é", "😀", "\n", "。", "\u{0}"].map { Array($0.utf8) }
        var invalid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 12) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if !bytes.isEmpty && rng.next() % 3 == 0 {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if !Self.stdlibAccepts(bytes) { invalid += 1 }
            Self.check(bytes)
        }
        #expect(invalid > 1000)  // the generator does reach invalid inputs
    }

    /// Runs of three-byte characters are checked four at a time: a lead E0 or ED, a bad
    /// continuation byte, an ASCII byte or another lead at any place of a run sends it to the
    /// slower paths, which must still decide as the standard library does; and a run that
    /// ends the text ends the check (the bytes after it, here a lead, are not the text's).
    @Test func runsOfFourThreeByteCharacters() {
        let kana = Array("あいうえおかきくけこさしすせそ".utf8)
        for k in 0..<27 {
            for replacement: UInt8 in [0xE0, 0xED, 0x80, 0xA0, 0x9F, 0x41, 0xC3, 0xF0] {
                var bytes = kana
                bytes[k] = replacement
                Self.check(bytes)
            }
        }
        // Characters with the leads E0 and ED at each place of a run: well-formed, an overlong
        // form, a surrogate.
        for k in stride(from: 0, to: 27, by: 3) {
            for character: [UInt8] in [[0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBD, 0x81], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80]] {
                var bytes = kana
                bytes.replaceSubrange(k..<(k + 3), with: character)
                Self.check(bytes)
            }
        }
        for count in stride(from: 12, through: 36, by: 12) {
            let buffer = Array(kana.prefix(count)) + [0xE3, 0x80]
            #expect(buffer.withUnsafeBufferPointer { UTF8Validation.isValid(UnsafeBufferPointer(rebasing: $0[0..<count])) })
        }
    }

    /// Lines long enough for the 32-byte blocks (Japanese text with ASCII, two- and four-byte
    /// characters and E0/ED leads mixed in), cut at every length, and with one byte changed at
    /// every place: a flaw inside a block, at its edges, in the characters a block ends inside,
    /// and a lead truncated at the very end must all be found as the standard library finds them.
    @Test func longLinesThroughTheBlocks() {
        let texts = [
            "キューバ危機(1962年)では、ソ連がキューバに核ミサイルを配備しようとした。アメリカ合衆国はこれに対して海上封鎖を行った。",
            "グロムイコ外相訪問[編集]グロムイコ外相(座って左から3番目)らと会談するケネディ大統領 é 😀 ਕ 퀀 end",
            String(repeating: "あいうえおかきくけこ", count: 8) + "abc",
        ]
        var rng = SplitMix64(seed: 0x5EED_0032)
        for text in texts {
            let bytes = Array(text.utf8)
            for count in 0...bytes.count { Self.check(Array(bytes.prefix(count))) }
            for k in bytes.indices {
                for replacement: UInt8 in [0x41, 0x80, 0xBF, 0xC3, 0xE0, 0xED, 0xE3, 0xF0, 0xFF, UInt8(truncatingIfNeeded: rng.next())] {
                    var changed = bytes
                    changed[k] = replacement
                    Self.check(changed)
                    // And cut right after the change (a truncated lead at the end).
                    Self.check(Array(changed.prefix(k + 1)))
                }
            }
        }
    }
}
