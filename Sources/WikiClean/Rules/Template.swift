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
    /// ``pieces`` compiled for matching (see ``Program``): derived from them, so it takes no
    /// part in equality.
    private let program: Program

    /// Why a template does not compile.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(_ source: String) throws(SyntaxError) {
        self.source = source
        // The scalars decoded from the bytes (a `map` over the `unicodeScalars` view cost
        // ~3,500 instructions a template), and the literals put in their matching form as
        // they are parsed (a second pass that rebuilt the pieces cost ~7,000).
        var text = source
        var decoded: [UInt32] = []
        text.withUTF8 { p in
            decoded.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                let d = UTF8Scan.decode(p, i)
                decoded.append(UTF8Scan.fold(d.scalar))
                i += d.length
            }
        }
        var scalars = decoded[...]
        pieces = try Template.parse(&scalars, nested: false)
        program = Program(pieces)
        guard pieces.contains(where: { if case .literal = $0 { return true } else { return false } }) else {
            throw SyntaxError(message: "template \"\(source)\" needs some literal text outside optional parts")
        }
    }

    public static func == (a: Template, b: Template) -> Bool { a.pieces == b.pieces && a.source == b.source }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pieces)
        hasher.combine(source)
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
    private static func foldLiteral(_ l: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(l.count)
        for c in l {
            let f = UTF8Scan.matchFold(c)
            if f.first != 0 { out.append(f.first) }
            if f.second != 0 { out.append(f.second) }
        }
        return out
    }

    /// The last of the parts of ASCII `word` between `<`s, empty ones left out (what
    /// `word.split(separator: "<").last` reads, without an array of substrings; ~3,800
    /// instructions a placeholder).
    private static func lastComponent(_ word: String) -> Substring {
        let u = word.utf8
        var end = u.endIndex
        while end > u.startIndex && u[u.index(before: end)] == 0x3C { end = u.index(before: end) }
        var start = end
        while start > u.startIndex && u[u.index(before: start)] != 0x3C { start = u.index(before: start) }
        return word[start..<end]
    }

    /// The pieces of the template, their literals in their matching form (``foldLiteral(_:)``).
    private static func parse(_ s: inout ArraySlice<UInt32>, nested: Bool) throws(SyntaxError) -> [Piece] {
        var out: [Piece] = []
        var literal: [UInt32] = []
        func flush() {
            // The folded copy goes in the piece: the buffer is kept for the next literal.
            if !literal.isEmpty { out.append(.literal(foldLiteral(literal))); literal.removeAll(keepingCapacity: true) }
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
                // The name as a `String` (an ASCII name straight from its bytes: building a
                // `String.UnicodeScalarView` cost thousands of instructions a placeholder).
                let ascii = name.allSatisfy({ $0 < 0x80 })
                let word =
                    ascii
                    ? String(decoding: name.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
                    : String(String.UnicodeScalarView(name.compactMap(Unicode.Scalar.init)))
                if word == "d" {
                    out.append(.digits)
                } else if word.hasPrefix("any<") || word.hasPrefix("text<"),
                    let n = Int(ascii ? Self.lastComponent(word) : word.split(separator: "<").last ?? ""), n > 0, n <= 2000
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
        guard let ends else { return program.match(p, start, -1, -1) }
        switch ends.count {
        case 0: return nil
        case 1: return program.match(p, start, ends[0], ends[0])
        case 2: return program.match(p, start, ends[0], ends[1])
        default:
            // Any end of the first two, then any other (the first match that ends at one of them).
            return program.match(p, start, ends[0], ends[1], more: ends)
        }
    }

    /// ``match(_:at:endingAt:)`` with at most two ends (`end` and `orEnd`, the same offset for
    /// one), without an array of them.
    @inline(__always)
    func match(_ p: UnsafeBufferPointer<UInt8>, at start: Int, endingAt end: Int, or orEnd: Int) -> Int? {
        program.match(p, start, end, orEnd)
    }

    /// The pieces as one flat array of steps, each naming the step after it, so that matching
    /// walks indices: no array slices, no copies of indirect enum payloads, no reference
    /// counting (the recursive matcher over `[Piece]` it replaces spent most of its time so;
    /// on the 4 MB slice, callgrind: see the commit). The steps and the order in which they
    /// try things are those of the recursive matcher, which the tests keep as the reference:
    ///
    /// - A literal, a space, digits: match, then the next step.
    /// - `{any<N}`: one to N characters, each length tried with the next step, shortest first.
    /// - An optional part: matched alone to its own end (its steps end in ``ret``), and the rest
    ///   after it; failing that, the rest without it. An optional part that ends in `{any}` is
    ///   matched as one sequence with the rest instead (its last step leads to the rest), after
    ///   the rest without it.
    /// - ``end``: the whole template matched; an end offset, if any was asked for, must fit.
    struct Program: Sendable {
        enum Kind: UInt8, Sendable {
            case end, ret, literal, space, digits, any, optional, optionalAny
        }

        struct Step: Sendable {
            var kind: Kind
            /// `{text<N}`: stops at `。`.
            var stopsAtKuten = false
            /// Literal: first scalar in ``Program/scalars``; `{any}`: N; optional: its first step.
            var a: Int32 = 0
            /// Literal: number of scalars.
            var b: Int32 = 0
            /// The step after this one.
            var next: Int32 = 0
            /// Literal: its scalars' UTF-8 form, as offset in ``Program/bytes`` and length.
            var bytesAt: Int32 = 0
            var byteCount: Int32 = 0
        }

        static let endStep = 0
        static let retStep = 1

        let steps: [Step]
        let scalars: [UInt32]
        /// The literals' scalars in UTF-8 (``Matcher/matchLiteral(_:_:)``).
        let bytes: [UInt8]
        let first: Int

        init(_ pieces: [Piece]) {
            var steps = [Step(kind: .end), Step(kind: .ret)]
            var scalars: [UInt32] = []
            func compile(_ pieces: [Piece], then next: Int) -> Int {
                var cur = next
                for piece in pieces.reversed() {
                    var step: Step
                    switch piece {
                    case .literal(let l):
                        step = Step(kind: .literal, a: Int32(scalars.count), b: Int32(l.count))
                        scalars.append(contentsOf: l)
                    case .space: step = Step(kind: .space)
                    case .digits: step = Step(kind: .digits)
                    case .any(let max, let stops): step = Step(kind: .any, stopsAtKuten: stops, a: Int32(max))
                    case .optional(let inner):
                        if case .any? = inner.last {
                            step = Step(kind: .optionalAny, a: Int32(compile(inner, then: cur)))
                        } else {
                            step = Step(kind: .optional, a: Int32(compile(inner, then: Self.retStep)))
                        }
                    }
                    step.next = Int32(cur)
                    steps.append(step)
                    cur = steps.count - 1
                }
                return cur
            }
            first = compile(pieces, then: Self.endStep)
            // The literals in UTF-8, once all are known (one allocation, mostly).
            var bytes: [UInt8] = []
            bytes.reserveCapacity(3 * scalars.count)
            for s in steps.indices where steps[s].kind == .literal {
                steps[s].bytesAt = Int32(bytes.count)
                for k in Int(steps[s].a)..<Int(steps[s].a + steps[s].b) { UTF8Scan.appendUTF8(scalars[k], to: &bytes) }
                steps[s].byteCount = Int32(bytes.count) - steps[s].bytesAt
            }
            self.steps = steps
            self.scalars = scalars
            self.bytes = bytes
        }

        /// Where an optional part's ``ret`` goes on: the step after the part, and the same for
        /// the part around it (nil: none, the template's end).
        struct Return {
            let step: Int
            let outer: UnsafePointer<Return>?
        }

        /// Adds to `bits` (``OpeningClasses/wordCount`` words) the classes (``OpeningClasses``)
        /// of the characters the steps from `s` may read first, as ``Matcher/run(_:_:)`` reads
        /// them, `returns` where a ``ret`` goes on; false when they may read any character, or
        /// none (then `bits` tells nothing).
        func opening(_ s: Int, _ returns: UnsafePointer<Return>?, _ bits: UnsafeMutablePointer<UInt64>) -> Bool {
            let step = steps[s]
            let next = Int(step.next)
            switch step.kind {
            case .end, .any: return false
            case .ret:
                guard let r = returns else { return false }
                return opening(r.pointee.step, r.pointee.outer, bits)
            case .literal:
                guard step.b > 0 else { return opening(next, returns, bits) }
                // A character that reads as the first scalar, or one the literal skips.
                OpeningClasses.addReaders(of: scalars[Int(step.a)], to: bits)
                return true
            case .space:
                // Zero or more spaces, then the next step.
                OpeningClasses.union(bits, OpeningClasses.readers.spaces)
                return opening(next, returns, bits)
            case .digits:
                OpeningClasses.union(bits, OpeningClasses.readers.digits)
                return true
            case .optionalAny:
                // The rest without the part, or the part and the rest.
                return opening(next, returns, bits) && opening(Int(step.a), returns, bits)
            case .optional:
                let inner = withUnsafePointer(to: Return(step: next, outer: returns)) { opening(Int(step.a), $0, bits) }
                return inner && opening(next, returns, bits)
            }
        }

        /// The end of a match at `start`: any end when `end` < 0, else one at `end` or `orEnd`
        /// (or in `more`, when given).
        func match(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ orEnd: Int, more: [Int]? = nil) -> Int? {
            steps.withUnsafeBufferPointer { st in
                scalars.withUnsafeBufferPointer { sc in
                    bytes.withUnsafeBufferPointer { by in
                        Matcher(p: p, steps: st.baseAddress!, scalars: sc.baseAddress!, bytes: by.baseAddress, end: end, orEnd: orEnd, more: more)
                            .run(first, start)
                    }
                }
            }
        }
    }

    /// One match of a ``Program`` on a line.
    private struct Matcher {
        let p: UnsafeBufferPointer<UInt8>
        let steps: UnsafePointer<Program.Step>
        let scalars: UnsafePointer<UInt32>
        /// ``Program/bytes`` (nil when empty).
        let bytes: UnsafePointer<UInt8>?
        let end: Int
        let orEnd: Int
        let more: [Int]?

        /// The end of a match of the steps from `s` at `pos`.
        func run(_ s: Int, _ pos: Int) -> Int? {
            let step = steps[s]
            let next = Int(step.next)
            let n = p.count
            switch step.kind {
            case .end:
                if end >= 0 && pos != end && pos != orEnd && !(more?.contains(pos) ?? false) { return nil }
                return pos
            case .ret:
                return pos
            case .literal:
                // The text in its matching form: white space inside is skipped, a scalar may
                // read as two (a voiced kana).
                guard let i = matchLiteral(step, pos) else { return nil }
                return run(next, i)
            case .space:
                var i = pos
                while i < n {
                    let d = UTF8Scan.decode(p, i)
                    guard UTF8Scan.isSpace(UTF8Scan.fold(d.scalar)) else { break }
                    i += d.length
                }
                return run(next, i)
            case .digits:
                var i = pos
                var k = 0
                while i < n, k < 9 {
                    let d = UTF8Scan.decode(p, i)
                    guard UTF8Scan.isDigit(UTF8Scan.fold(d.scalar)) else { break }
                    i += d.length
                    k += 1
                }
                return k == 0 ? nil : run(next, i)
            case .any:
                var i = pos
                let after = steps[next]
                if after.kind == .literal && after.b > 0 {
                    // Literal text after the wildcard (`{any<40}wiki`, `{text<80}から転送`): a length
                    // is tried only where the next character may open it (its matching form is
                    // the literal's first scalar, or nothing: a character the literal skips),
                    // so most lengths cost a decode rather than a call that fails on its first
                    // scalar. The same lengths succeed, in the same order: a length that ends
                    // the line fails either way, as the literal needs a character.
                    let opening = scalars[Int(after.a)]
                    guard i < n else { return nil }
                    var d = UTF8Scan.decode(p, i)
                    for _ in 0..<Int(step.a) {
                        if d.scalar == 0x0A || (step.stopsAtKuten && d.scalar == 0x3002) { return nil }
                        i += d.length
                        guard i < n else { return nil }
                        d = UTF8Scan.decode(p, i)
                        let f = UTF8Scan.matchFold(d.scalar).first
                        if f == 0 || f == opening, let e = run(next, i) { return e }
                    }
                    return nil
                }
                for _ in 0..<Int(step.a) {
                    guard i < n else { return nil }
                    let d = UTF8Scan.decode(p, i)
                    if d.scalar == 0x0A || (step.stopsAtKuten && d.scalar == 0x3002) { return nil }
                    i += d.length
                    if let e = run(next, i) { return e }
                }
                return nil
            case .optionalAny:
                if let e = run(next, pos) { return e }
                return run(Int(step.a), pos)
            case .optional:
                if let mid = run(Int(step.a), pos), let e = run(next, mid) { return e }
                return run(next, pos)
            }
        }

        /// The end of literal `step` at `pos`: ``Template/matchLiteral(_:count:_:at:)`` read
        /// off the literal's UTF-8 form. The text mostly has the very characters of the literal
        /// (a chrome line: `左メニューはヘッダーメニューの【編集】>…`), and a character that is
        /// one of the literal's scalars reads as it (none is skipped, none reads as another: a
        /// test checks it of every scalar they may be), so the bytes that agree, whole
        /// characters, are read at once; a character that differs (a full-width `＞`, a space,
        /// `ｶﾞ`) is read in its matching form, then the bytes again. (On the 4 MB slice, 2,500
        /// matches, most of chrome lines, decoded and folded every character.)
        @inline(__always)
        private func matchLiteral(_ step: Program.Step, _ pos: Int) -> Int? {
            guard let bytes else { return Template.matchLiteral(scalars + Int(step.a), count: Int(step.b), p, at: pos) }
            let want = UnsafeBufferPointer(start: bytes + Int(step.bytesAt), count: Int(step.byteCount))
            let n = p.count
            let m = want.count
            var i = pos
            var j = 0
            while true {
                // Eight bytes a turn while both have them, then the byte where they differ.
                // (Byte by byte, the agreeing bytes were ~190 K turns of nine instructions on
                // the 4 MB slice.)
                while j &+ 8 <= m && i &+ 8 <= n {
                    let a = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    let b = UnsafeRawPointer(want.baseAddress! + j).loadUnaligned(as: UInt64.self)
                    let x = a ^ b
                    if x != 0 {
                        let same = (UInt64(littleEndian: x).trailingZeroBitCount) &>> 3
                        i &+= same
                        j &+= same
                        break
                    }
                    i &+= 8
                    j &+= 8
                }
                while j < m && i < n && p[i] == want[j] {
                    i &+= 1
                    j &+= 1
                }
                if j == m { return i }
                // Back to the start of the literal's character (and so of the text's: the bytes
                // before agree).
                while want[j] & 0xC0 == 0x80 {
                    i &-= 1
                    j &-= 1
                }
                guard i < n else { return nil }
                let d = UTF8Scan.decode(p, i)
                i &+= d.length
                let f = UTF8Scan.matchFold(d.scalar)
                if f.first == 0 { continue }
                let l = UTF8Scan.decode(want, j)
                guard l.scalar == f.first else { return nil }
                j &+= l.length
                if f.second != 0 {
                    guard j < m else { return nil }
                    let l2 = UTF8Scan.decode(want, j)
                    guard l2.scalar == f.second else { return nil }
                    j &+= l2.length
                }
            }
        }
    }

    /// The compiled programs of some templates, copied into memory of their own and read
    /// through pointers, so that the k-th is matched with no array to retain: through
    /// `rules.phrases[k].template`, each match retained and released the template's source and
    /// its program's arrays (on the 4 MB slice, strip-chrome's 2,517 matches, ten calls each).
    final class Programs: @unchecked Sendable {
        /// Where template k's steps, scalars and bytes start, and its first step.
        private struct Entry {
            var steps = 0
            var scalars = 0
            var bytes = 0
            /// Whether it has bytes (``Matcher/bytes`` is nil otherwise).
            var hasBytes = false
            var first = 0
        }
        private let entries: UnsafeMutablePointer<Entry>
        private let steps: UnsafeMutablePointer<Program.Step>
        private let scalars: UnsafeMutablePointer<UInt32>
        private let bytes: UnsafeMutablePointer<UInt8>

        init(_ templates: [Template]) {
            var total = Entry()
            for t in templates {
                total.steps += t.program.steps.count
                total.scalars += t.program.scalars.count
                total.bytes += t.program.bytes.count
            }
            entries = .allocate(capacity: max(1, templates.count))
            steps = .allocate(capacity: max(1, total.steps))
            scalars = .allocate(capacity: max(1, total.scalars))
            bytes = .allocate(capacity: max(1, total.bytes))
            // Plain values, copied a template's array at a time.
            var e = Entry()
            for (k, t) in templates.enumerated() {
                e.hasBytes = !t.program.bytes.isEmpty
                e.first = t.program.first
                (entries + k).initialize(to: e)
                t.program.steps.withUnsafeBufferPointer { (steps + e.steps).initialize(from: $0.baseAddress!, count: $0.count) }
                t.program.scalars.withUnsafeBufferPointer { if let b = $0.baseAddress { (scalars + e.scalars).initialize(from: b, count: $0.count) } }
                t.program.bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { (bytes + e.bytes).initialize(from: b, count: $0.count) } }
                e.steps += t.program.steps.count
                e.scalars += t.program.scalars.count
                e.bytes += t.program.bytes.count
            }
        }

        deinit {
            // (Plain values: nothing to deinitialize.)
            entries.deallocate()
            steps.deallocate()
            scalars.deallocate()
            bytes.deallocate()
        }

        /// ``Template/match(_:at:endingAt:or:)`` of template k.
        @inline(__always)
        func match(_ k: Int, _ p: UnsafeBufferPointer<UInt8>, at start: Int, endingAt end: Int, or orEnd: Int) -> Int? {
            let e = entries[k]
            return Matcher(
                p: p, steps: steps + e.steps, scalars: scalars + e.scalars, bytes: e.hasBytes ? UnsafePointer(bytes + e.bytes) : nil,
                end: end, orEnd: orEnd, more: nil
            ).run(e.first, start)
        }
    }

    /// Matches folded literal scalars at byte `pos` of `p`; returns the end offset.
    static func matchLiteral(_ lit: [UInt32], _ p: UnsafeBufferPointer<UInt8>, at pos: Int) -> Int? {
        lit.withUnsafeBufferPointer { l in matchLiteral(l.baseAddress!, count: l.count, p, at: pos) }
    }

    /// ``matchLiteral(_:_:at:)`` on `count` scalars at `lit`: the text in its matching form
    /// (white space inside is skipped, a scalar may read as two: a voiced kana).
    @inline(__always)
    static func matchLiteral(_ lit: UnsafePointer<UInt32>, count: Int, _ p: UnsafeBufferPointer<UInt8>, at pos: Int) -> Int? {
        var i = pos
        var k = 0
        let n = p.count
        while k < count {
            guard i < n else { return nil }
            let d = UTF8Scan.decode(p, i)
            i += d.length
            let f = UTF8Scan.matchFold(d.scalar)
            if f.first == 0 { continue }
            guard lit[k] == f.first else { return nil }
            k += 1
            if f.second != 0 {
                guard k < count, lit[k] == f.second else { return nil }
                k += 1
            }
        }
        return i
    }

    /// What the template's first step after its anchor (``startsWithAnchor``), or its first
    /// step (a template matched from the line's start), may read first, as a set of
    /// ``OpeningClasses`` (bits, ``OpeningClasses/wordCount`` words); nil when it may read
    /// anything there, or nothing (the anchor alone, `{any<N}`, an optional part that may be
    /// all there is). Worked out once from the compiled steps, for a cheap pre-check: where the
    /// character there is of no class in the set, the template fails at once, so it is not run
    /// (`[ {d}]` at a `[` before text, `({d})` at a `(` before a word, `{d}-{d}-{d}` on a line
    /// that opens with a letter).
    var openingClasses: [UInt64]? {
        var bits = [UInt64](repeating: 0, count: OpeningClasses.wordCount)
        let some = bits.withUnsafeMutableBufferPointer { openingClasses(into: $0.baseAddress!) }
        return some ? bits : nil
    }

    /// ``openingClasses`` written to `bits` (``OpeningClasses/wordCount`` words, zero): false
    /// for nil (then `bits` tells nothing). No array made: the stage writes the sets of all its
    /// rules into one.
    func openingClasses(into bits: UnsafeMutablePointer<UInt64>) -> Bool {
        guard !startsWithAnchor || !anchor.isEmpty else { return false }
        let first = startsWithAnchor ? Int(program.steps[program.first].next) : program.first
        return program.opening(first, nil, bits)
    }

    /// Classes of characters for ``openingClasses``, read off their first two bytes: an ASCII
    /// byte is a class of its own, any other character falls in the class of its lead byte's
    /// low four bits and its second byte's low six bits (a 64-scalar block of the BMP for a
    /// three-byte character: kana, CJK punctuation, full-width forms each apart from the
    /// ideographs), so that one look-up answers with no decoding.
    enum OpeningClasses {
        static let wordCount = (128 + 1024) / 64

        /// The class of the character at byte `i` of `p` (well-formed UTF-8, `i < p.count`).
        @inline(__always)
        static func of(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
            let b0 = p[i]
            if b0 < 0x80 { return Int(b0) }
            let b1 = i &+ 1 < p.count ? p[i &+ 1] : 0
            return 0x80 | Int(b0 & 0x0F) &<< 6 | Int(b1 & 0x3F)
        }

        /// The class of scalar `c` (that of its UTF-8 form: the low bits of its lead byte, and
        /// its second byte's six bits of payload).
        static func of(scalar c: UInt32) -> Int {
            switch c {
            case ..<0x80: return Int(c)
            case ..<0x800: return 0x80 | Int((0xC0 | c >> 6) & 0x0F) << 6 | Int(c & 0x3F)
            case ..<0x1_0000: return 0x80 | Int((0xE0 | c >> 12) & 0x0F) << 6 | Int(c >> 6 & 0x3F)
            default: return 0x80 | Int((0xF0 | c >> 18) & 0x0F) << 6 | Int(c >> 12 & 0x3F)
            }
        }

        /// Whether the character at byte `i` of `p` may open a match whose set is `bits`
        /// (false at the end of `p`: every step the set stands for reads a character).
        @inline(__always)
        static func mayOpen(_ bits: UnsafePointer<UInt64>, _ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
            guard i < p.count else { return false }
            let c = of(p, i)
            return bits[c &>> 6] & (1 &<< UInt64(c & 63)) != 0
        }

        /// Adds the class of `scalar` to `bits`.
        static func add(_ scalar: UInt32, to bits: UnsafeMutablePointer<UInt64>) {
            let c = of(scalar: scalar)
            bits[c >> 6] |= 1 << UInt64(c & 63)
        }

        /// `bits` |= `more`.
        static func union(_ bits: UnsafeMutablePointer<UInt64>, _ more: [UInt64]) {
            for k in 0..<wordCount { bits[k] |= more[k] }
        }

        /// Adds to `bits` the classes of the characters a literal whose first scalar is `f`
        /// may read first: `f`, those that read as it first in ``UTF8Scan/matchFold(_:)``, and
        /// those it skips.
        static func addReaders(of f: UInt32, to bits: UnsafeMutablePointer<UInt64>) {
            let r = readers
            add(f, to: bits)
            union(bits, r.skipped)
            // The first of `f`'s entries (sorted by what they read as), then the rest of them.
            var lo = 0
            var hi = r.readsAs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if r.readsAs[mid] < f { lo = mid + 1 } else { hi = mid }
            }
            while lo < r.readsAs.count && r.readsAs[lo] == f {
                let c = Int(r.classes[lo])
                bits[c >> 6] |= 1 << UInt64(c & 63)
                lo += 1
            }
        }

        /// The classes of the characters that read otherwise than themselves: as a space and as
        /// a digit in ``UTF8Scan/fold(_:)`` (each set with the scalar's own class), skipped in
        /// ``UTF8Scan/matchFold(_:)``, and as another scalar first there (`readsAs`, sorted,
        /// with each one's class in `classes`). Every scalar that reads as another lies in a page
        /// that ``UTF8Scan/readsAsItself(page:)`` names (a test checks it of every scalar), so
        /// those pages are all there is to look through. Made once, when first asked for (some
        /// 1,800 scalars, 400 of which read as another).
        struct Readers: Sendable {
            var spaces = [UInt64](repeating: 0, count: wordCount)
            var digits = [UInt64](repeating: 0, count: wordCount)
            var skipped = [UInt64](repeating: 0, count: wordCount)
            var readsAs: [UInt32] = []
            var classes: [UInt16] = []
        }

        static let readers: Readers = {
            var r = Readers()
            var pairs: [(readsAs: UInt32, cls: UInt16)] = []
            func set(_ c: UInt32, _ bits: inout [UInt64]) { bits.withUnsafeMutableBufferPointer { add(c, to: $0.baseAddress!) } }
            set(0x20, &r.spaces)
            for d in UInt32(0x30)...0x39 { set(d, &r.digits) }
            for page in 0..<0x100 where !UTF8Scan.readsAsItself(page: page) {
                for c in UInt32(page << 8)..<UInt32(page << 8 + 0x100) {
                    let f = UTF8Scan.matchFold(c).first
                    if f == 0 {
                        set(c, &r.skipped)
                    } else if f != c {
                        pairs.append((f, UInt16(of(scalar: c))))
                    }
                    let g = UTF8Scan.fold(c)
                    if g == 0x20 { set(c, &r.spaces) }
                    if g >= 0x30 && g <= 0x39 { set(c, &r.digits) }
                }
            }
            pairs.sort { $0.readsAs < $1.readsAs }
            r.readsAs = pairs.map(\.readsAs)
            r.classes = pairs.map(\.cls)
            return r
        }()
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
