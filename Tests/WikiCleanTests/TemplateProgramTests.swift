import Foundation
import Testing

@testable import WikiClean

/// The recursive matcher over `[Template.Piece]` that ``Template/Program`` replaced, kept as
/// the reference the compiled steps must agree with.
enum ReferenceTemplateMatch {
    static func match(_ t: Template, _ p: UnsafeBufferPointer<UInt8>, at start: Int, endingAt ends: [Int]? = nil) -> Int? {
        match(t.pieces[...], p, start, ends)
    }

    static func match(_ pieces: ArraySlice<Template.Piece>, _ p: UnsafeBufferPointer<UInt8>, _ pos: Int, _ ends: [Int]?) -> Int? {
        guard let piece = pieces.first else {
            if let ends, !ends.contains(pos) { return nil }
            return pos
        }
        let rest = pieces.dropFirst()
        switch piece {
        case .literal(let lit):
            // The text in its matching form: white space inside is skipped, a scalar may
            // read as two (a voiced kana).
            var i = pos
            var k = 0
            while k < lit.count {
                guard i < p.count else { return nil }
                let d = UTF8Scan.decode(p, i)
                i += d.length
                let f = UTF8Scan.matchFold(d.scalar)
                if f.first == 0 { continue }
                guard lit[k] == f.first else { return nil }
                k += 1
                if f.second != 0 {
                    guard k < lit.count, lit[k] == f.second else { return nil }
                    k += 1
                }
            }
            return match(rest, p, i, ends)
        case .space:
            var i = pos
            while i < p.count {
                let d = UTF8Scan.decode(p, i)
                guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { break }
                i += d.length
            }
            return match(rest, p, i, ends)
        case .digits:
            var i = pos
            var n = 0
            while i < p.count, n < 9 {
                let d = UTF8Scan.decode(p, i)
                guard UTF8Scan.isDigit(UTF8Scan.fold(d.scalar)) else { break }
                i += d.length
                n += 1
            }
            return n == 0 ? nil : match(rest, p, i, ends)
        case .any(let max, let stopsAtKuten):
            var i = pos
            for _ in 0..<max {
                guard i < p.count else { return nil }
                let d = UTF8Scan.decode(p, i)
                if d.scalar == 0x0A || (stopsAtKuten && d.scalar == 0x3002) { return nil }
                i += d.length
                if let end = match(rest, p, i, ends) { return end }
            }
            return nil
        case .optional(let inner):
            // An optional part that ends in `{any}`/`{text}` (`[要出典{?{text<30}}]`) grows until
            // what follows it matches: matched as one sequence with the rest. (Matched alone,
            // its placeholder would stop at one character.) Left out first, as its placeholder
            // matches the fewest characters it can: `[要出典]` ends at its own `]`, not at the
            // next one (`[要出典]リンクは[[名前>URL]]`).
            if case .any? = inner.last {
                if let end = match(rest, p, pos, ends) { return end }
                return match((inner + rest)[...], p, pos, ends)
            } else if let mid = match(inner[...], p, pos, nil), let end = match(rest, p, mid, ends) {
                return end
            }
            return match(rest, p, pos, ends)
        }
    }
}

@Suite struct TemplateProgramTests {
    /// The offsets where the characters of `p` start, and its end.
    static func characterStarts(_ p: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        var i = 0
        while i < p.count {
            i += UTF8Scan.decode(p, i).length
            starts.append(i)
        }
        return starts
    }

    /// Every template of the default rules and of the edit markers, and some written for the
    /// optional-part cases, on random lines built from their own literals, digits, spaces,
    /// `。`, line breaks and other text, at every start, with no end, one end and two ends;
    /// and the same programs copied together into ``Template/Programs`` (strip-chrome's).
    @Test func theCompiledStepsAgreeWithTheRecursiveMatcher() throws {
        let rules = try TestSupport.chromeRules()
        var templates = rules.phrases.map(\.template)
        for source in [
            "[要出典{?{text<30}}]", "a{?b{any<3}c}d", "{?x{?y}w}z{any<4}", "x{?{any<2}}{?{text<3}}y", "{any<3} - {?{any<2}}w",
            "最終更新 {d}年{d}月{d}日 ({any<3}) {d}:{d}{? (UTC)}", "p{?}q", "{?({any<3})} {d}時",
        ] {
            templates.append(try Template(source))
        }
        var pieces: [String] = ["1", "23", "４５", " ", "　", "。", "\n", "本文", "ガ", "ｶﾞ", "x", "y", "z", "(", "（", "]", "-", "|", "…", "..."]
        for t in templates {
            for piece in t.pieces {
                if case .literal(let l) = piece {
                    pieces.append(String(String.UnicodeScalarView(l.compactMap(Unicode.Scalar.init))))
                }
            }
        }
        var rng = SplitMix64(seed: 0x7E3A)
        var compared = 0
        let programs = Template.Programs(templates)
        for (k, t) in templates.enumerated() {
            let literals = t.pieces.compactMap { piece -> String? in
                guard case .literal(let l) = piece else { return nil }
                return String(String.UnicodeScalarView(l.compactMap(Unicode.Scalar.init)))
            }
            for _ in 0..<40 {
                // Mostly the template's own literals in order, with other pieces between.
                var line = ""
                for lit in literals {
                    for _ in 0..<Int(rng.next() % 3) { line += pieces[Int(rng.next() % UInt64(pieces.count))] }
                    if rng.next() % 8 != 0 { line += lit }
                }
                for _ in 0..<Int(rng.next() % 3) { line += pieces[Int(rng.next() % UInt64(pieces.count))] }
                line.withUTF8Bytes { p in
                    let starts = Self.characterStarts(p)
                    for s in starts where s < p.count || s == 0 {
                        let e2 = Int(rng.next() % UInt64(p.count + 1))
                        for ends in [nil, [p.count], [p.count, e2], [e2, p.count, 0]] as [[Int]?] {
                            let want = ReferenceTemplateMatch.match(t, p, at: s, endingAt: ends)
                            #expect(t.match(p, at: s, endingAt: ends) == want, "\(t.source) on \(line) at \(s) ends \(String(describing: ends))")
                            if let ends, ends.count <= 2 {
                                #expect(t.match(p, at: s, endingAt: ends[0], or: ends.last!) == want, "\(t.source) on \(line)")
                                #expect(programs.match(k, p, at: s, endingAt: ends[0], or: ends.last!) == want, "Programs: \(t.source) on \(line)")
                            }
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared > 10_000)
    }

    /// A literal's scalars (what ``UTF8Scan/matchFold(_:)`` gives) each read as themselves,
    /// none skipped: the compiled literal match reads the text's bytes that agree with the
    /// literal's UTF-8 form at once, which only holds so.
    @Test func everyScalarALiteralMayHoldReadsAsItself() {
        for c in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(c) {
            let f = UTF8Scan.matchFold(c)
            for x in [f.first, f.second] where x != 0 {
                let g = UTF8Scan.matchFold(x)
                #expect(g.first == x && g.second == 0, "U+\(String(c, radix: 16)) reads U+\(String(x, radix: 16))")
            }
        }
        var bytes: [UInt8] = []
        for c: UInt32 in [0x41, 0xE9, 0x3099, 0x30AB, 0xFF76, 0x2_0BB7] { UTF8Scan.appendUTF8(c, to: &bytes) }
        #expect(bytes == Array("A\u{E9}\u{3099}カｶ𠮷".utf8))
    }

    /// The templates of the default rules on lines made of their literals written in the
    /// other forms that read alike (full-width ASCII, half-width kana, voiced kana whole or
    /// as base and mark, hyphen and long-vowel variants, white space and zero-width
    /// characters put in, a character changed or cut off), and on the seed fixture's lines:
    /// the compiled steps agree with the recursive matcher at every start.
    @Test func literalsInTheFormsThatReadAlikeMatchAsTheReferenceDoes() throws {
        let rules = try TestSupport.chromeRules()
        let templates = rules.phrases.map(\.template)
        // Every scalar of the BMP by what it reads as (one scalar, or two).
        var readers: [UInt64: [UInt32]] = [:]
        for c in UInt32(0)..<0x10000 where !(0xD800...0xDFFF).contains(c) {
            let f = UTF8Scan.matchFold(c)
            guard f.first != 0 else { continue }
            readers[UInt64(f.first) | UInt64(f.second) << 32, default: []].append(c)
        }
        let skipped: [UInt32] = [0x20, 0x3000, 0x09, 0xA0, 0x200B, 0xFEFF, 0x00AD, 0x2009]
        var rng = SplitMix64(seed: 0xF01D)
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        var lines: [(line: String, template: Int?)] = []
        for (ti, t) in templates.enumerated() {
            let literals = t.pieces.compactMap { piece -> [UInt32]? in
                guard case .literal(let l) = piece else { return nil }
                return l
            }
            for _ in 0..<12 {
                var scalars: [UInt32] = []
                for lit in literals {
                    if rng.next() % 3 == 0 { scalars += [0x672C, 0x6587] + (rng.next() % 2 == 0 ? [0x3002] : []) }
                    var k = 0
                    while k < lit.count {
                        let roll = rng.next() % 10
                        if k + 1 < lit.count, roll < 3, let whole = readers[UInt64(lit[k]) | UInt64(lit[k + 1]) << 32] {
                            scalars.append(pick(whole))
                            k += 2
                            continue
                        }
                        switch roll {
                        case 0...4: scalars.append(lit[k])
                        case 5...6: scalars.append(pick(readers[UInt64(lit[k])] ?? [lit[k]]))
                        case 7: scalars += [pick(skipped), lit[k]]
                        case 8: scalars.append(lit[k] &+ 1)
                        default: if rng.next() % 4 != 0 { scalars.append(lit[k]) }
                        }
                        k += 1
                    }
                }
                if rng.next() % 2 == 0, !scalars.isEmpty { scalars.removeLast(Int(rng.next() % UInt64(min(3, scalars.count) + 1))) }
                lines.append((String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))), ti))
            }
        }
        let seed = try String(contentsOfFile: TestSupport.seedPath, encoding: .utf8)
        lines += seed.split(separator: "\n").prefix(1500).map { (String($0), nil) }
        var compared = 0
        for (line, own) in lines {
            line.withUTF8Bytes { p in
                let starts = Self.characterStarts(p)
                for (ti, t) in templates.enumerated() where own == nil || own == ti {
                    // Where the template may match: every start for a line made for it, the
                    // line's start and those of its anchor's first scalar (in any form) in a
                    // fixture line.
                    let anchor = t.anchor.first ?? 0
                    for s in starts where s < p.count {
                        if own == nil && s > 0 {
                            let f = UTF8Scan.matchFold(UTF8Scan.decode(p, s).scalar).first
                            guard f == anchor || f == 0 else { continue }
                        }
                        let ends: [Int]? = rng.next() % 2 == 0 ? nil : [p.count]
                        let want = ReferenceTemplateMatch.match(t, p, at: s, endingAt: ends)
                        #expect(t.match(p, at: s, endingAt: ends) == want, "\(t.source) on \(line) at \(s)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 20_000)
    }

    /// The number of an `{any<N}` / `{text<N}` placeholder is read as
    /// `name.split(separator: "<").last` reads it (empty parts left out), whatever the `<`s
    /// around it: the template compiles exactly when that gives 1 to 2000, with that bound.
    @Test func placeholderNumbersReadAsTheSplitReadsThem() {
        var names: [String] = []
        for head in ["any", "text", "anyx", "tex"] {
            for tail in ["5", "<5", "5<", "<<5<<", "5<6", "<", "", "0", "2000", "2001", "+7", "-3", "<<", "12<x", "x<12"] {
                names.append(head + "<" + tail)
            }
        }
        names += ["any", "text", "d<5", "any<\u{301}5", "any<5\u{301}", "text<\u{600}<5"]
        for name in names {
            let expected: Int? = {
                guard name.hasPrefix("any<") || name.hasPrefix("text<"), let n = Int(name.split(separator: "<").last ?? ""), n > 0, n <= 2000 else {
                    return nil
                }
                return n
            }()
            let template = try? Template("x{\(name)}y")
            #expect((template != nil) == (expected != nil), "\(name.debugDescription)")
            if let template, let expected { #expect(template.longestWildcard == expected, "\(name.debugDescription)") }
        }
    }
}
