internal import CICUShims

// The rules that map single characters or runs of them: controls, long-vowel, width,
// hyphens, tilde, spaces=japanese. Each works on one line of valid UTF-8, writes into `out`
// only when it changes something, and returns whether it did. Each looks at the characters (or
// runs of them) that begin in `[start, end)`, reading past `end` when a run or a join goes on;
// the rest of the line is copied.
//
// NB: they walk bytes and decode only at the lead bytes of the characters they handle (a lead
// byte never occurs inside another character in UTF-8), which keeps them cheap on the long
// kana/CJK stretches that make up most lines. A three-byte character (nearly every character
// of Japanese text) is skipped whole after one test of its bytes (``threeByteKey(_:_:)``), so
// the loops take one step per character there, not one per byte; and the quiet ones that follow
// (characters without triggers: every character a rule handles has one) go two at a time
// (``TriggerTables/skipQuietPairs(_:from:count:)``).

/// The three bytes of the character whose lead byte is at `i` (a lead byte `E0`–`EF`), as one
/// number: `E3 80 80` (U+3000) is `0xE38080`. Lets a rule test a character against the few it
/// handles with plain integer comparisons, without decoding it.
@inline(__always)
func threeByteKey(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt32 {
    UInt32(p[i]) << 16 | UInt32(p[i &+ 1]) << 8 | UInt32(p[i &+ 2])
}

/// `controls`: removes control and zero-width characters.
struct RemoveControls {
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        var w = Rewriter(input, rule: .controls, track: track)
        var i = start
        let limit = min(end, input.count)
        while i < limit {
            let (c, len) = decodeScalar(p, i)
            if CharacterClasses.isControl(c) {
                w.replace(i, i + len, with: nil, out: &out, edits: &edits)
            }
            i += len
        }
        return w.finish(out: &out)
    }
}

/// `long-vowel`: dash-like marks that stand for `ー`.
///
/// The loop runs in C (`cicu_unify_long_vowels`), as width's does (see ``UnifyWidth``): it
/// looks only at the lead bytes `E2` and `EF` and at a `ー` followed by one of `E2 E3 EF`, found
/// 32 bytes at a time, where the Swift loop (``applyInSwift(_:from:to:into:edits:track:)``,
/// kept for tests) walked ASCII a byte at a time and stopped at every `ー` (callgrind: 2.3 M for
/// the 858 lines of the 4 MB corpus that have a mark).
struct UnifyLongVowels {
    var mode: NormalizationOptions.LongVowel

    /// `summary`: where the C loop's edits are added up instead of listed, when it is active.
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool, summary: UnsafeMutablePointer<EditSummary>? = nil
    ) -> Bool {
        guard let p = input.baseAddress, mode != .off else { return false }
        guard edits.isEmpty else {
            return applyInSwift(input, from: start, to: end, into: &out, edits: &edits, track: track)
        }
        return applyInC(
            p, count: input.count, from: start, to: end, into: &out, edits: &edits, track: track, level: 2,
            summary: summary)
    }

    /// The C loop (`cicu_unify_long_vowels_at_level`; `level` 2: AVX2, below: bytes), through
    /// ``UnifyWidth/runInC(_:count:into:edits:rule:track:summary:_:)``. `out` is overwritten even when
    /// nothing changes.
    func applyInC(
        _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, to end: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool, level: Int32, summary: UnsafeMutablePointer<EditSummary>? = nil
    ) -> Bool {
        let all: Int32 = mode == .all ? 1 : 0
        let end = Int64(min(end, n))
        return UnifyWidth.runInC(
            p, count: n, into: &out, edits: &edits, rule: .longVowel, track: track, summary: summary
        ) {
            dst, rawEdits, capacity, count in
            level == 2
                ? cicu_unify_long_vowels(p, Int64(n), Int64(start), end, all, dst, rawEdits, capacity, &count)
                : cicu_unify_long_vowels_at_level(
                    p, Int64(n), Int64(start), end, all, dst, rawEdits, capacity, &count, level)
        }
    }

    /// Length of the long-vowel mark at `i` (0 if none) and whether it is `ー`/`ｰ` itself.
    @inline(__always)
    static func mark(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (length: Int, explicit: Bool) {
        let b = p[i]
        guard b == 0xE2 || b == 0xE3 || b == 0xEF, i + 2 < n else { return (0, false) }
        let c = decodeScalar(p, i).scalar
        guard CharacterClasses.isLongVowelMark(c) else { return (0, false) }
        return (3, c == 0x30FC || c == 0xFF70)
    }

    /// The rule in Swift: what the C loop does, character for character.
    func applyInSwift(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress, mode != .off else { return false }
        var w = Rewriter(input, rule: .longVowel, track: track)
        let n = input.count
        // Start at the beginning of the run that holds the first trigger.
        var i = start
        while i > 0 {
            let (c, s) = scalarBefore(p, i)
            guard CharacterClasses.isLongVowelMark(c) else { break }
            i = s
        }
        let limit = min(end, n)
        let tables = TriggerTables.shared
        while i < limit {
            let b = p[i]
            if b & 0xF0 == 0xE0 && b != 0xE2 && b != 0xEF && threeByteKey(p, i) != 0xE383BC {
                // A three-byte character that is not a mark: only ー (E3 83 BC) and marks with the
                // lead bytes E2 and EF are.
                i = tables.skipQuietPairs(p, from: i &+ 3, count: n)
                continue
            }
            let (length, explicit) = Self.mark(p, i, n)
            if length == 0 {
                i &+= 1
                continue
            }
            // A maximal run of marks.
            var j = i + length
            var runLength = 1
            var hasExplicitMark = explicit
            while j < n {
                let (l, e) = Self.mark(p, j, n)
                if l == 0 { break }
                hasExplicitMark = hasExplicitMark || e
                runLength += 1
                j += l
            }
            let unify: Bool
            switch mode {
            case .off: unify = false
            case .all: unify = true
            case .kana:
                let prev = i > 0 ? scalarBefore(p, i).scalar : 0
                // NB: a single dash-like mark counts only when no hyphen follows either: NFKC later
                // turns － and ﹣ into `-`, and `カ—－` must not become `カー-` on a second run.
                let next = j < n ? decodeScalar(p, j).scalar : 0
                let isolated = runLength == 1 && next != 0x2D && !CharacterClasses.isHyphen(next)
                unify =
                    (hasExplicitMark && CharacterClasses.isKana(prev))
                    || (isolated && CharacterClasses.isKatakana(prev))
            }
            if unify && !(runLength == 1 && p[i] == 0xE3) {
                w.replace(i, j, with: 0x30FC, out: &out, edits: &edits)
            }
            i = j
        }
        return w.finish(out: &out)
    }
}

/// `width`: full-width ASCII to ASCII, half-width katakana and punctuation to full-width,
/// joining voiced and semi-voiced marks as NFKC does (`ｶﾞ` → `ガ`, `カﾞ` → `ガ`; a mark that
/// joins nothing becomes combining U+3099/309A). The spacing marks `゛゜` are also joined into
/// a kana that has a voiced form (`か゛` → `が`), where NFKC would give `か ゙`.
///
/// The loop runs in C (`cicu_unify_width`), which looks only at the lead bytes `EF` and the
/// marks `E3 82 9B`/`9C` it finds 32 bytes at a time, and writes the line straight into `out`:
/// the Swift loop (``applyInSwift(_:from:to:into:edits:track:)``, kept for tests and for a
/// list of edits that already holds some) paid for its rewriter on each run (a check that the
/// array is unique and has room per `append`, a closure per run of half-width katakana, the
/// byte-by-byte walk over ASCII), some 400 instructions a run (callgrind: width 5.5 M on the
/// 4 MB corpus's 9,400 runs).
struct UnifyWidth {
    /// Edits that the C loop writes to the stack (768 bytes: under the size that
    /// `withUnsafeTemporaryAllocation` takes from the heap); a line with more asks again.
    static let stackEdits = 24

    /// `summary`: where the C loop's edits are added up instead of listed, when it is active.
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool, summary: UnsafeMutablePointer<EditSummary>? = nil
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        let n = input.count
        let limit = min(end, n)
        if start >= limit { return false }
        // NB: with edits of an earlier rule pending (never in the pipeline, which empties the
        // list before each step), the Swift loop, which may merge with them.
        guard edits.isEmpty else {
            return applyInSwift(input, from: start, to: end, into: &out, edits: &edits, track: track)
        }
        return Self.applyInC(
            p, count: n, from: start, to: limit, into: &out, edits: &edits, track: track, level: 2, summary: summary)
    }

    /// The C loop (`cicu_unify_width_at_level`; `level` 2: AVX2, below: bytes). `out` is
    /// overwritten even when nothing changes (the pipeline then ignores it).
    static func applyInC(
        _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, to limit: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool, level: Int32, summary: UnsafeMutablePointer<EditSummary>? = nil
    ) -> Bool {
        runInC(p, count: n, into: &out, edits: &edits, rule: .width, track: track, summary: summary) {
            dst, rawEdits, capacity, count in
            level == 2
                ? cicu_unify_width(p, Int64(n), Int64(start), Int64(limit), dst, rawEdits, capacity, &count)
                : cicu_unify_width_at_level(p, Int64(n), Int64(start), Int64(limit), dst, rawEdits, capacity, &count, level)
        }
    }

    /// Runs a rule's C loop, `body(out, edits, capacity, count)`, which writes the line of `n`
    /// bytes at `p` into `out` (never longer) and returns its length, -1 when nothing changed,
    /// or -2 when more edits than `capacity` were found (their number in `count`). `out` gets
    /// at least the line's length for the loop to write over, its edits go to the stack
    /// (``stackEdits``), or to the heap when the loop asks for more room; then into `edits`, or
    /// into `summary` when it is active.
    static func runInC(
        _ p: UnsafePointer<UInt8>, count n: Int, into out: inout [UInt8], edits: inout [Edit], rule: Rule,
        track: Bool, summary: UnsafeMutablePointer<EditSummary>? = nil,
        _ body: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<cicu_nfkc_edit>?, Int64, inout Int64) -> Int64
    ) -> Bool {
        guard n > 0 else { return false }
        // `out` is made at least `n` bytes long for the loop to write over: what it holds is of
        // no matter, so only the bytes it lacks are appended (a copy of the whole line into the
        // scratch array, which is mostly long enough already, cost 300 instructions a line). A
        // longer `out` is cut once, to the result's length, and not at all when nothing changed.
        let held = out.count
        if held < n {
            out.append(contentsOf: UnsafeBufferPointer(start: p + held, count: n - held))
        }
        func run(_ rawEdits: UnsafeMutablePointer<cicu_nfkc_edit>?, _ capacity: Int, _ count: inout Int64) -> Int64 {
            out.withUnsafeMutableBufferPointer { dst in body(dst.baseAddress!, rawEdits, Int64(capacity), &count) }
        }
        func finish(_ result: Int64, _ rawEdits: UnsafeMutablePointer<cicu_nfkc_edit>?, _ count: Int64) -> Bool {
            if result < 0 { return false }
            if out.count != Int(result) { out.removeLast(out.count - Int(result)) }
            if let rawEdits, let summary, summary.pointee.active {
                summary.pointee.add(
                    rule, UnsafeBufferPointer(start: rawEdits, count: Int(count)), shift: 0,
                    in: UnsafeBufferPointer(start: p, count: n))
            } else if let rawEdits {
                for e in UnsafeBufferPointer(start: rawEdits, count: Int(count)) {
                    edits.append(
                        Edit(
                            rule: rule, start: Int(e.src_start), end: Int(e.src_end), outStart: Int(e.dst_start),
                            outEnd: Int(e.dst_end)))
                }
            }
            return true
        }
        var count: Int64 = 0
        guard track else { return finish(run(nil, 0, &count), nil, 0) }
        return withUnsafeTemporaryAllocation(of: cicu_nfkc_edit.self, capacity: stackEdits) { stack in
            let result = run(stack.baseAddress, stackEdits, &count)
            if result != -2 { return finish(result, stack.baseAddress, count) }
            // More edits than fit on the stack: again with room for them all.
            let needed = Int(count)
            let heap = UnsafeMutablePointer<cicu_nfkc_edit>.allocate(capacity: needed)
            defer { heap.deallocate() }
            return finish(run(heap, needed, &count), heap, count)
        }
    }

    /// The rule in Swift: what the C loop does, character for character.
    func applyInSwift(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        var w = Rewriter(input, rule: .width, track: track)
        var i = start
        let n = input.count
        let limit = min(end, n)
        let tables = TriggerTables.shared
        while i < limit {
            // U+FF01–FF9F is EF BC 81 … EF BE 9F; ゛゜ (U+309B/309C) are E3 82 9B/9C.
            let b = p[i]
            if b & 0xF0 == 0xE0 && b != 0xEF && threeByteKey(p, i) &- 0xE3829B >= 2 {
                // Any other three-byte character.
                i = tables.skipQuiet(p, from: i &+ 3, count: n)
                continue
            }
            if b == 0xE3 && i + 2 < n && p[i + 1] == 0x82 && (p[i + 2] == 0x9B || p[i + 2] == 0x9C) {
                // A spacing voiced mark after a kana that has a voiced form: か゛ → が.
                if i > 0 {
                    let (prev, start) = scalarBefore(p, i)
                    if start >= w.flushFrom,
                        let j = p[i + 2] == 0x9B
                            ? CharacterClasses.voiced(prev) : CharacterClasses.semiVoiced(prev)
                    {
                        w.replace(start, i + 3, with: j, out: &out, edits: &edits)
                    }
                }
                i += 3
                continue
            }
            guard p[i] == 0xEF, i + 2 < n else {
                i &+= 1
                continue
            }
            let c = decodeScalar(p, i).scalar
            let next = i + 3
            switch c {
            case 0xFF01...0xFF5E:
                // A run of full-width ASCII (`２０２４`, `ＮＨＫ`: a run is as long as a word) is
                // one span written in one go: the edits of its characters, one after another,
                // were merged into one anyway.
                let outStart = w.begin(i, out: &out)
                var j = i
                repeat {
                    // EF BC 81–BF is U+FF01–FF3F (`!`–`_`), EF BD 80–9E U+FF40–FF5E (`` ` ``–`~`).
                    out.append(p[j &+ 1] == 0xBC ? p[j &+ 2] &- 0x60 : p[j &+ 2] &- 0x20)
                    j &+= 3
                } while j < limit && j + 2 < n && Self.isFullWidthASCII(p, j)
                w.end(i, j, outStart: outStart, out: &out, edits: &edits)
                i = j
            case 0xFF61...0xFF9D:
                // A run of half-width katakana (`ｶﾞｲﾄﾞ`), each joined with the mark after it, is
                // one span, as for full-width ASCII above. Each form, joined or not, is a BMP
                // scalar of three bytes (U+3001–30FC).
                let outStart = w.begin(i, out: &out)
                var j = i
                // The forms are written into a buffer on the stack and appended to `out` a
                // batch at a time: three `append` calls a character, each asking whether the
                // array is unique and has room, cost some 110 instructions a character with
                // the join (callgrind: 1.7 M for the 15 K half-width characters of the 4 MB corpus).
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96) { staged in
                    let s = staged.baseAddress!
                    var m = 0
                    repeat {
                        // EF BD A1–BF is U+FF61–FF7F, EF BE 80–9D U+FF80–FF9D: the index in the table.
                        let k = p[j &+ 1] == 0xBD ? Int(p[j &+ 2]) &- 0xA1 : Int(p[j &+ 2]) &- 0x80 &+ 0x1F
                        let full = CharacterClasses.halfwidthToFullwidth[k]
                        var scalar = full
                        var end = j &+ 3
                        // A mark that may join is EF BE 9E/9F or E3 82 99–9C: no call for a
                        // character whose second byte is neither `BE` nor `82`.
                        if end &+ 2 < n && (p[end &+ 1] == 0xBE || p[end &+ 1] == 0x82),
                            let (joined, e) = join(full, markAt: end, p, n)
                        {
                            scalar = joined
                            end = e
                        }
                        s[m] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
                        s[m &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar >> 6) & 0x3F)
                        s[m &+ 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                        m &+= 3
                        if m == staged.count {
                            out.append(contentsOf: UnsafeBufferPointer(start: s, count: m))
                            m = 0
                        }
                        j = end
                    } while j < limit && j + 2 < n && Self.isHalfWidthKana(p, j)
                    if m > 0 { out.append(contentsOf: UnsafeBufferPointer(start: s, count: m)) }
                }
                w.end(i, j, outStart: outStart, out: &out, edits: &edits)
                i = j
            case 0xFF9E, 0xFF9F:
                // A mark no half-width kana consumed: it may follow a full-width kana (カﾞ → ガ).
                var joined: (scalar: UInt32, start: Int)? = nil
                if i > 0 {
                    let (prev, start) = scalarBefore(p, i)
                    if start >= w.flushFrom,
                        let j = c == 0xFF9E
                            ? CharacterClasses.voiced(prev) : CharacterClasses.semiVoiced(prev)
                    {
                        joined = (j, start)
                    }
                }
                if let joined {
                    w.replace(joined.start, next, with: joined.scalar, out: &out, edits: &edits)
                } else {
                    w.replace(i, next, with: c == 0xFF9E ? 0x3099 : 0x309A, out: &out, edits: &edits)
                }
                i = next
            default:
                i = next
            }
        }
        return w.finish(out: &out)
    }

    /// Whether the character at `i` (with two bytes after it) is full-width ASCII, U+FF01–FF5E
    /// (EF BC 81 … EF BD 9E).
    @inline(__always)
    static func isFullWidthASCII(_ p: UnsafePointer<UInt8>, _ i: Int) -> Bool {
        p[i] == 0xEF && (p[i &+ 1] == 0xBC ? p[i &+ 2] >= 0x81 : p[i &+ 1] == 0xBD && p[i &+ 2] <= 0x9E)
    }

    /// Whether the character at `i` (with two bytes after it) is a half-width katakana or
    /// punctuation mark other than the sound marks, U+FF61–FF9D (EF BD A1 … EF BE 9D).
    @inline(__always)
    static func isHalfWidthKana(_ p: UnsafePointer<UInt8>, _ i: Int) -> Bool {
        p[i] == 0xEF && (p[i &+ 1] == 0xBD ? p[i &+ 2] >= 0xA1 : p[i &+ 1] == 0xBE && p[i &+ 2] <= 0x9D)
    }

    /// If a (semi-)voiced mark (half-width or combining) follows at `i` and composes with
    /// `base`, the composition and the end of the mark.
    @inline(__always)
    private func join(_ base: UInt32, markAt i: Int, _ p: UnsafePointer<UInt8>, _ n: Int)
        -> (UInt32, Int)?
    {
        guard i + 2 < n, p[i] == 0xEF || p[i] == 0xE3 else { return nil }
        let (m, mlen) = decodeScalar(p, i)
        let joined: UInt32?
        switch m {
        case 0xFF9E, 0x3099, 0x309B: joined = CharacterClasses.voiced(base)
        case 0xFF9F, 0x309A, 0x309C: joined = CharacterClasses.semiVoiced(base)
        default: joined = nil
        }
        guard let joined else { return nil }
        return (joined, i + mlen)
    }
}

/// `hyphens`: `˗ ֊ ‐ ‑ ‒ – ⁃ ⁻ ₋ −` to `-`; one after a `-` is dropped, so runs collapse.
struct UnifyHyphens {
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        var w = Rewriter(input, rule: .hyphens, track: track)
        var hyphenEnd = -1  // where the last hyphen this rule turned into `-` ended
        var i = start
        let n = input.count
        let limit = min(end, n)
        while i < limit {
            let b = p[i]
            guard b == 0xCB || b == 0xD6 || b == 0xE2 else {
                // Step over a whole three-byte character (its other bytes are never lead bytes).
                i &+= b & 0xF0 == 0xE0 ? 3 : 1
                continue
            }
            let (c, len) = decodeScalar(p, i)
            if CharacterClasses.isHyphen(c) {
                let afterHyphen = i == hyphenEnd || (i > 0 && p[i - 1] == 0x2D)
                w.replace(i, i + len, with: afterHyphen ? nil : 0x2D, out: &out, edits: &edits)
                hyphenEnd = i + len
            }
            i += len
        }
        return w.finish(out: &out)
    }
}

/// `tilde`: `~ ∼ ∾ 〜 〰 ～` kept, turned into `~` or `〜`, or removed.
struct UnifyTildes {
    var mode: NormalizationOptions.Tilde

    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        let target: UInt32?
        switch mode {
        case .ignore: return false
        case .normalize: target = 0x7E
        case .normalizeZenkaku: target = 0x301C
        case .remove: target = nil
        }
        var w = Rewriter(input, rule: .tilde, track: track)
        var i = start
        let n = input.count
        let limit = min(end, n)
        let tables = TriggerTables.shared
        while i < limit {
            let b = p[i]
            if b & 0xF0 == 0xE0 && b != 0xE2 && b != 0xEF {
                // Among the other three-byte characters only 〜 (E3 80 9C) and 〰 (E3 80 B0) are tildes.
                let k = threeByteKey(p, i)
                if k != 0xE3809C && k != 0xE380B0 {
                    i = tables.skipQuiet(p, from: i &+ 3, count: n)
                    continue
                }
            }
            guard b == 0x7E || b == 0xE2 || b == 0xE3 || b == 0xEF else {
                i &+= 1
                continue
            }
            let (c, len) = decodeScalar(p, i)
            if CharacterClasses.isTilde(c) && c != target {
                w.replace(i, i + len, with: target, out: &out, edits: &edits)
            }
            i += len
        }
        return w.finish(out: &out)
    }
}

/// `spaces=japanese`: space separators to one space, runs collapsed, each line trimmed, and a
/// space deleted when both neighbours are Japanese.
struct RemoveJapaneseSpaces {
    /// Length of the space separator (Unicode Zs) at `i`, or 0.
    @inline(__always)
    static func space(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        switch p[i] {
        case 0x20: return 1
        case 0xC2: return i + 1 < n && p[i + 1] == 0xA0 ? 2 : 0
        case 0xE1, 0xE2, 0xE3:
            guard i + 2 < n else { return 0 }
            return CharacterClasses.isSpace(decodeScalar(p, i).scalar) ? 3 : 0
        default: return 0
        }
    }

    /// The loop runs in C (`cicu_remove_japanese_spaces`), as width's does (see ``UnifyWidth``):
    /// it looks only at the bytes a space may begin with, found 32 at a time, where the Swift
    /// loop (``applyInSwift(_:from:to:into:edits:track:)``, kept for tests and for a list of
    /// edits that already holds some) stopped at every character the quiet skip does not pass
    /// and paid for its rewriter (callgrind, 4 MB corpus: 1.25 M for 1,320 lines). `summary`:
    /// where the C loop's edits are added up instead of listed, when it is active.
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool, summary: UnsafeMutablePointer<EditSummary>? = nil
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        guard edits.isEmpty else {
            return applyInSwift(input, from: start, to: end, into: &out, edits: &edits, track: track)
        }
        return applyInC(
            p, count: input.count, from: start, to: end, into: &out, edits: &edits, track: track, level: 2,
            summary: summary)
    }

    /// The C loop (`cicu_remove_japanese_spaces_at_level`; `level` 2: AVX2, below: bytes), through
    /// ``UnifyWidth/runInC(_:count:into:edits:rule:track:summary:_:)``. `out` is overwritten even
    /// when nothing changes.
    func applyInC(
        _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, to end: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool, level: Int32, summary: UnsafeMutablePointer<EditSummary>? = nil
    ) -> Bool {
        let end = Int64(min(end, n))
        return UnifyWidth.runInC(
            p, count: n, into: &out, edits: &edits, rule: .spaces, track: track, summary: summary
        ) { dst, rawEdits, capacity, count in
            level == 2
                ? cicu_remove_japanese_spaces(p, Int64(n), Int64(start), end, dst, rawEdits, capacity, &count)
                : cicu_remove_japanese_spaces_at_level(
                    p, Int64(n), Int64(start), end, dst, rawEdits, capacity, &count, level)
        }
    }

    /// The rule in Swift: what the C loop does, character for character.
    func applyInSwift(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        var w = Rewriter(input, rule: .spaces, track: track)
        let n = input.count
        // Start at the beginning of the run that holds the first trigger.
        var i = start
        while i > 0 {
            let (c, s) = scalarBefore(p, i)
            guard CharacterClasses.isSpace(c) else { break }
            i = s
        }
        let limit = min(end, n)
        let tables = TriggerTables.shared
        while i < limit {
            let b = p[i]
            if b & 0xF0 == 0xE0 {
                // The three-byte spaces are U+1680 (E1 9A 80), U+2000–200A, U+202F, U+205F
                // (E2 80 xx, E2 81 xx) and U+3000 (E3 80 80); step over every other character.
                let k = threeByteKey(p, i)
                if k != 0xE38080 && k & 0xFFFE00 != 0xE28000 && k != 0xE19A80 {
                    i = tables.skipQuiet(p, from: i &+ 3, count: n)
                    continue
                }
            }
            let length = Self.space(p, i, n)
            if length == 0 {
                i &+= 1
                continue
            }
            var j = i + length
            while j < n {
                let l = Self.space(p, j, n)
                if l == 0 { break }
                j += l
            }
            // NB: a space before a combining mark (NFKC writes ゛ as a space and U+3099) is kept:
            // deleting it would attach the mark to the previous character, and the result would no
            // longer be NFKC.
            if i > 0 && j < n
                && !(CharacterClasses.isJapanese(scalarBefore(p, i).scalar)
                    && CharacterClasses.isJapanese(decodeScalar(p, j).scalar)
                    && CharacterClasses.startsCluster(decodeScalar(p, j).scalar))
            {
                if !(j - i == 1 && length == 1) {
                    w.replace(i, j, with: 0x20, out: &out, edits: &edits)
                }
            } else {
                w.replace(i, j, with: nil, out: &out, edits: &edits)
            }
            i = j
        }
        return w.finish(out: &out)
    }
}
