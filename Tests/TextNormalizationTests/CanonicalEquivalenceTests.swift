import Foundation
import Testing

@testable import TextNormalization

/// `Normalizer.certainlyNotCanonicallyEquivalent` never says "different" for strings Swift
/// finds equal.
@Suite struct CanonicalEquivalenceTests {
    /// Every code point called a stable starter has combining class 0 and is its own canonical
    /// decomposition (checked with Foundation's NFD).
    @Test func stableStartersAreStableStarters() {
        var count = 0
        for v in UInt32(0)...0xFFFF where Normalizer.isStableStarter(v) {
            guard let c = Unicode.Scalar(v) else { continue }
            #expect(c.properties.canonicalCombiningClass == .notReordered, "\(v)")
            let nfd = String(c).decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
            #expect(nfd == [v], "U+\(String(v, radix: 16)) decomposes to \(nfd)")
            count += 1
        }
        #expect(count > 25000)
        // The precomposed voiced kana are not.
        for c in "がぱゔゞガパヴヷヺヾ".unicodeScalars { #expect(!Normalizer.isStableStarter(c.value)) }
        for c in "かはうゝカハウワヽー゛゜ゟヿ、。（）ＡｱﾞA漢" .unicodeScalars { #expect(Normalizer.isStableStarter(c.value)) }
    }

    /// The leading starter of a kana is the first scalar of its canonical decomposition
    /// (Foundation's NFD), and a stable starter, for every kana that has one; the precomposed
    /// voiced kana all have one.
    @Test func leadingStartersAreTheFirstScalarsOfNFD() {
        var voiced = 0
        for v in UInt32(0x3041)...0x30FF {
            guard let c = Unicode.Scalar(v), let s = Normalizer.leadingStarter(v) else { continue }
            let nfd = String(c).decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
            #expect(nfd.first == s, "U+\(String(v, radix: 16))")
            #expect(Normalizer.isStableStarter(s), "U+\(String(v, radix: 16))")
            if s != v { voiced += 1 }
        }
        for c in "がぱゔゞガパヴヷヺヾ".unicodeScalars { #expect(Normalizer.leadingStarter(c.value) != nil) }
        #expect(voiced > 40)
        #expect(Normalizer.certainlyNotCanonicallyEquivalent("ダム", "ﾀﾞﾑ"))
        #expect(Normalizer.certainlyNotCanonicallyEquivalent("ダ", "バ"))
        #expect(!Normalizer.certainlyNotCanonicallyEquivalent("ダ", "タ\u{3099}"))
    }

    /// `Scratch.changedFrom` never passes the first byte where a normalized text differs from
    /// its input, and starting the comparison there gives the same answer.
    @Test func changedFromIsALowerBoundOfTheFirstDifference() {
        let pieces = ["あ", "漢字", "ｶﾞ", "（", "１", " ", "　", "ーー", "—", "〜", "\u{200B}", "…", "\n", "a", "㍿", "か\u{3099}"]
        Self.forRandomTexts(seed: 17, pieces: pieces) { text, normalizer, scratch, counter in
            let out = normalizer.normalize(text, counter: &counter, scratch: &scratch)
            let x = Array(text.utf8)
            let y = Array(out.utf8)
            var first = 0
            while first < min(x.count, y.count) && x[first] == y[first] { first += 1 }
            if x != y { #expect(scratch.changedFrom <= first, "\(text.debugDescription)") }
            #expect(
                Normalizer.certainlyNotCanonicallyEquivalent(out, text, from: scratch.changedFrom)
                    == Normalizer.certainlyNotCanonicallyEquivalent(out, text))
        }
    }

    /// Calls `body` with 3,000 texts of up to 11 random `pieces` for each of the profiles wiki-ja,
    /// neologdn and nfkc, with that profile's normalizer and a scratch and counter kept across calls.
    private static func forRandomTexts(
        seed: UInt64, pieces: [String],
        _ body: (String, Normalizer, inout Normalizer.Scratch, inout NormalizationCounter) -> Void
    ) {
        var rng = SplitMix64(seed: seed)
        for options in [NormalizationOptions.wikiJa, .neologdn, .nfkcOnly] {
            let normalizer = Normalizer(options: options)
            var scratch = Normalizer.Scratch()
            var counter = NormalizationCounter()
            for _ in 0..<3000 {
                var text = ""
                for _ in 0..<Int(rng.next() % 12) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
                body(text, normalizer, &scratch, &counter)
            }
        }
    }

    /// `Scratch.certainlyChanged` (decided on bytes when a one-line text changed) is
    /// `certainlyNotCanonicallyEquivalent` of the result and the text, so never true of two
    /// canonically equivalent ones; false when no rule changed the text or it has several lines.
    @Test func certainlyChangedIsTheStringsAnswer() {
        let pieces = ["あ", "漢字", "ｶﾞ", "ﾀﾞ", "（", "１", " ", "　", "ーー", "—", "〜", "\u{200B}", "…", "\n", "a", "㍿", "か\u{3099}", "Å", "\u{212B}"]
        var decided = 0
        Self.forRandomTexts(seed: 29, pieces: pieces) { text, normalizer, scratch, counter in
            let changed = text.utf8.withContiguousStorageIfAvailable {
                normalizer.normalizedIfChanged(utf8: $0, counter: &counter, scratch: &scratch)
            } ?? nil
            guard let out = changed, !text.contains("\n") else {
                #expect(!scratch.certainlyChanged, "\(text.debugDescription)")
                return
            }
            #expect(
                scratch.certainlyChanged == Normalizer.certainlyNotCanonicallyEquivalent(out, text),
                "\(text.debugDescription)")
            if scratch.certainlyChanged {
                decided += 1
                #expect(out != text, "\(text.debugDescription)")
            }
        }
        #expect(decided > 1000)
    }

    @Test func certainlyDifferentStringsAreDifferent() {
        let pieces = [
            "", "a", " ", "か", "が", "か\u{3099}", "は\u{309A}", "ぱ", "ｶﾞ", "ガ", "カ\u{3099}", "（", "(", "Å", "A\u{30A}",
            "\u{212B}", "e\u{301}", "é", "漢", "\u{F900}", "ー", "〜", "\u{3000}", "ﾞ", "\u{3099}", "\u{302A}", "１",
        ]
        var rng = SplitMix64(seed: 5)
        var decided = 0
        for _ in 0..<40000 {
            var a = ""
            var b = ""
            let shared = Int(rng.next() % 3)
            for _ in 0..<shared {
                let p = pieces[Int(rng.next() % UInt64(pieces.count))]
                a += p
                b += p
            }
            for _ in 0..<Int(rng.next() % 3) { a += pieces[Int(rng.next() % UInt64(pieces.count))] }
            for _ in 0..<Int(rng.next() % 3) { b += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if Normalizer.certainlyNotCanonicallyEquivalent(a, b) {
                decided += 1
                #expect(a != b, "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
        #expect(decided > 10000)
        // Equal strings, the same storage, and canonically equivalent ones are never "certainly different".
        let s = "ｶﾞｲﾄﾞ　ブック"
        #expect(!Normalizer.certainlyNotCanonicallyEquivalent(s, s))
        #expect(!Normalizer.certainlyNotCanonicallyEquivalent("が", "か\u{3099}"))
        #expect(!Normalizer.certainlyNotCanonicallyEquivalent("x\u{212B}", "xÅ"))
        #expect(Normalizer.certainlyNotCanonicallyEquivalent("（1）", "(1)"))
        #expect(Normalizer.certainlyNotCanonicallyEquivalent("少将 を", "少将を"))
    }
}
