/// A chrome pattern in the rules file's small template language, compiled for matching.
///
/// Syntax (chosen so that every pattern matches in time bounded by its own size, whatever
/// the input — no backtracking blow-up, no regex engine):
/// - literal text matches itself, with full-width ASCII and ASCII treated alike
///   (`（Wikipedia）` and `(Wikipedia)`) and any space standing for *zero or more* spaces
///   (ASCII, ideographic U+3000, NBSP, tab);
/// - `{d}` one to nine digits;
/// - `{any<N}` one to N characters, as few as possible (never crosses a line);
/// - `{text<N}` the same, but never crosses a `。`;
/// - `{?…}` an optional part, tried first;
/// - `{{` and `}}` a literal brace.
public struct Template: Sendable, Hashable {
    indirect enum Piece: Sendable, Hashable {
        case literal([UInt32])
        case space
        case digits
        case any(max: Int, stopsAtKuten: Bool)
        case optional([Piece])
    }

    let pieces: [Piece]
    /// The template as written.
    public let source: String

    /// Why a template does not compile.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(_ source: String) throws(SyntaxError) {
        self.source = source
        var scalars = Array(source.unicodeScalars.map { UTF8Scan.fold($0.value) })[...]
        pieces = Template.foldLiterals(try Template.parse(&scalars, nested: false))
        guard pieces.contains(where: { if case .literal = $0 { return true } else { return false } }) else {
            throw SyntaxError(message: "template \"\(source)\" needs some literal text outside optional parts")
        }
    }

    /// Whether every match starts with the anchor; otherwise a match is sought from the
    /// start of the line whenever the anchor occurs in it.
    var startsWithAnchor: Bool {
        if case .literal? = pieces.first { return true }
        return false
    }

    /// The first literal text outside optional parts (folded), used to find candidates.
    var anchor: [UInt32] {
        for piece in pieces { if case .literal(let l) = piece { return l } }
        return []
    }

    /// The last scalar of the template (folded) when it ends with literal text; nil when it
    /// ends with a wildcard, digits, a space or an optional part.
    var lastLiteralScalar: UInt32? {
        if case .literal(let l)? = pieces.last { return l.last }
        return nil
    }

    /// The most characters one wildcard (`{any<N}`, `{text<N}`) may take, optional parts
    /// included; 0 when there is none.
    var longestWildcard: Int {
        func longest(_ pieces: [Piece]) -> Int {
            pieces.map { piece -> Int in
                switch piece {
                case .any(let max, _): return max
                case .optional(let inner): return longest(inner)
                default: return 0
                }
            }.max() ?? 0
        }
        return longest(pieces)
    }

    /// Every literal text outside optional parts (folded), in order: a match contains each
    /// of them. The first is ``anchor``.
    var requiredLiterals: [[UInt32]] {
        pieces.compactMap { if case .literal(let l) = $0 { return l } else { return nil } }
    }

    /// Literal text in its matching form (``UTF8Scan/matchFold(_:)``).
    private static func foldLiterals(_ pieces: [Piece]) -> [Piece] {
        pieces.map { piece in
            switch piece {
            case .literal(let l):
                var out: [UInt32] = []
                for c in l {
                    let f = UTF8Scan.matchFold(c)
                    if f.first != 0 { out.append(f.first) }
                    if f.second != 0 { out.append(f.second) }
                }
                return .literal(out)
            case .optional(let inner): return .optional(foldLiterals(inner))
            default: return piece
            }
        }
    }

    private static func parse(_ s: inout ArraySlice<UInt32>, nested: Bool) throws(SyntaxError) -> [Piece] {
        var out: [Piece] = []
        var literal: [UInt32] = []
        func flush() {
            if !literal.isEmpty { out.append(.literal(literal)); literal = [] }
        }
        while let c = s.first {
            s.removeFirst()
            if c == 0x7B /* { */ {
                if s.first == 0x7B { s.removeFirst(); literal.append(c); continue }
                flush()
                if s.first == 0x3F /* ? */ {
                    s.removeFirst()
                    let inner = try parse(&s, nested: true)
                    out.append(.optional(inner))
                    continue
                }
                var name: [UInt32] = []
                while let d = s.first, d != 0x7D { name.append(d); s.removeFirst() }
                guard s.first == 0x7D else { throw SyntaxError(message: "unclosed '{' in a template") }
                s.removeFirst()
                let word = String(String.UnicodeScalarView(name.compactMap(Unicode.Scalar.init)))
                if word == "d" {
                    out.append(.digits)
                } else if word.hasPrefix("any<") || word.hasPrefix("text<"), let n = Int(word.split(separator: "<").last ?? ""),
                    n > 0, n <= 2000
                {
                    out.append(.any(max: n, stopsAtKuten: word.hasPrefix("text<")))
                } else {
                    throw SyntaxError(message: "unknown placeholder {\(word)}; use {d}, {any<N}, {text<N} or {?…}")
                }
            } else if c == 0x7D /* } */ {
                if s.first == 0x7D { s.removeFirst(); literal.append(c); continue }
                guard nested else { throw SyntaxError(message: "unmatched '}' in a template") }
                flush()
                return out
            } else if c == 0x20 {
                flush()
                if case .space? = out.last {} else { out.append(.space) }
            } else {
                literal.append(c)
            }
        }
        guard !nested else { throw SyntaxError(message: "unclosed '{?' in a template") }
        flush()
        return out
    }

    /// Matches the template at byte `start` of `p` (a line). Returns the end byte offset of
    /// the match (as long as the optional parts allow, as short as `{any}` allows).
    ///
    /// With `ends`, only a match that ends at one of those offsets counts (a rule that must
    /// fill the line lets `{any<N}` run to the line end).
    func match(_ p: UnsafeBufferPointer<UInt8>, at start: Int, endingAt ends: [Int]? = nil) -> Int? {
        Template.match(pieces[...], p, start, ends)
    }

    private static func match(_ pieces: ArraySlice<Piece>, _ p: UnsafeBufferPointer<UInt8>, _ pos: Int, _ ends: [Int]?) -> Int? {
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

    /// Matches folded literal scalars at byte `pos` of `p`; returns the end offset.
    static func matchLiteral(_ lit: [UInt32], _ p: UnsafeBufferPointer<UInt8>, at pos: Int) -> Int? {
        match([.literal(lit)][...], p, pos, nil)
    }

    /// The literal text a match starts with, up to the first placeholder, spaces left out
    /// (folded): what a truncated preview may have kept of a chrome phrase.
    var literalHead: [UInt32] {
        var out: [UInt32] = []
        for piece in pieces {
            switch piece {
            case .literal(let l): out.append(contentsOf: l)
            case .space: continue
            default: return out
            }
        }
        return out
    }
}
