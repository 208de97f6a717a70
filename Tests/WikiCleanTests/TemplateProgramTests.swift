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
    /// Every template of the default rules and of the edit markers, and some written for the
    /// optional-part cases, on random lines built from their own literals, digits, spaces,
    /// `。`, line breaks and other text, at every start, with no end, one end and two ends.
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
        for t in templates {
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
                    var starts = [0]
                    var i = 0
                    while i < p.count {
                        i += UTF8Scan.decode(p, i).length
                        starts.append(i)
                    }
                    for s in starts where s < p.count || s == 0 {
                        let e2 = Int(rng.next() % UInt64(p.count + 1))
                        for ends in [nil, [p.count], [p.count, e2], [e2, p.count, 0]] as [[Int]?] {
                            let want = ReferenceTemplateMatch.match(t, p, at: s, endingAt: ends)
                            #expect(t.match(p, at: s, endingAt: ends) == want, "\(t.source) on \(line) at \(s) ends \(String(describing: ends))")
                            if let ends, ends.count <= 2 {
                                #expect(t.match(p, at: s, endingAt: ends[0], or: ends.last!) == want, "\(t.source) on \(line)")
                            }
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared > 10_000)
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
