// The normalization fast paths as they were before they were rewritten for speed, kept
// verbatim (renamed) as references: `NormalizerFastPathTests` checks the current code against
// them on many generated lines. Do not "optimize" these.

internal import CICUShims
@testable import TextNormalization

extension Triggers {
    /// The triggers of the character itself, ignoring what rewriting rules turn it into.
    static func referenceOwn(_ c: UInt32) -> Triggers {
        var t: Triggers = []
        if CharacterClasses.isControl(c) { t.insert(.controls) }
        // NB: a lone ー never changes; scanLine triggers on ーー itself.
        if CharacterClasses.isLongVowelMark(c) && c != 0x30FC { t.insert(.longVowel) }
        if CharacterClasses.isHyphen(c) { t.insert(.hyphens) }
        if CharacterClasses.isTilde(c) { t.insert(.tilde) }
        if CharacterClasses.isSpace(c) { t.insert(.spaces) }
        if CharacterClasses.neologdnConversion(c) != nil || c == 0xFF9E || c == 0xFF9F {
            t.insert(.neologdn)
        }
        return t
    }

    /// All triggers of one code point.
    static func referenceTriggers(of c: UInt32) -> Triggers {
        var t = referenceOwn(c)
        if c == 0x309B || c == 0x309C { t.insert(.width) }
        if isWidthCharacter(c) {
            t.insert(.width)
            t.formUnion(
                referenceOwn(c <= 0xFF5E ? c - 0xFEE0 : CharacterClasses.halfwidthToFullwidth[Int(c - 0xFF61)]))
        }
        if cicu_nfkc_flags(c) & UInt8(CICU_NFKC_SAFE) == 0 {
            if !isWidthCharacter(c) { t.insert(.nfkc) }
            for d in referenceNFKCImage(of: c) { t.formUnion(referenceOwn(d)) }
        }
        return t
    }

    /// The NFKC form of a single code point.
    static func referenceNFKCImage(of c: UInt32) -> [UInt32] {
        var src: [UInt8] = []
        appendUTF8(c, to: &src)
        var dst = [UInt8](repeating: 0, count: 128)
        let n = dst.withUnsafeMutableBufferPointer { d in
            src.withUnsafeBufferPointer { s in
                cicu_nfkc_utf8(s.baseAddress, Int64(s.count), d.baseAddress, 128, nil, 0, nil)
            }
        }
        guard n > 0 && n <= 128 else { return [] }
        return String(decoding: dst[..<Int(n)], as: UTF8.self).unicodeScalars.map(\.value)
    }

    static func referenceScanLine(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, table: UnsafeBufferPointer<UInt8>
    ) -> LineScan {
        var scan = LineScan()
        guard let p = bytes.baseAddress, let t = table.baseAddress else {
            scan.end = start
            return scan
        }
        let n = bytes.count
        var mask: UInt8 = 0
        var prevProlonged = false
        var i = start
        while i < n {
            let b = p[i]
            if b & 0xF0 == 0xE0 {
                let c = Int(b & 0x0F) << 12 | Int(p[i &+ 1] & 0x3F) << 6 | Int(p[i &+ 2] & 0x3F)
                // ー never changes alone; a run ーー triggers long-vowel.
                let prolonged = c == 0x30FC
                if prolonged && prevProlonged && mask & Triggers.longVowel.rawValue == 0 {
                    scan.first.note(Triggers.longVowel.rawValue, at: i &- 3 &- start)
                    mask |= Triggers.longVowel.rawValue
                }
                prevProlonged = prolonged
                let tc = t[c]
                if tc & ~mask != 0 {
                    scan.first.note(tc & ~mask, at: i &- start)
                    mask |= tc
                }
                i &+= 3
                continue
            }
            prevProlonged = false
            var tc: UInt8
            let at = i
            if b < 0x80 {
                if b == 0x0A { break }
                i &+= 1
                if b == 0x20 && at > start && i < n {
                    // A single space between two printable ASCII characters (other than `*`, which
                    // neologdn treats specially) is never changed by any space rule.
                    let before = p[at &- 1]
                    let after = p[i]
                    if before > 0x20 && before < 0x7F && before != 0x2A && after > 0x20 && after < 0x7F {
                        continue
                    }
                }
                tc = t[Int(b)]
            } else {
                let (c, len) = decodeScalar(p, i)
                i &+= len
                tc = c < 0x10000 ? t[Int(c)] : Triggers.supplementary(c).rawValue
            }
            if tc & ~mask != 0 {
                scan.first.note(tc & ~mask, at: at &- start)
                mask |= tc
            }
        }
        scan.triggers = Triggers(rawValue: mask)
        scan.end = i
        return scan
    }
}

/// `controls`: removes control and zero-width characters.
struct ReferenceRemoveControls {
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        var w = Rewriter(input, rule: .controls, track: track)
        var i = start
        while i < input.count {
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
struct ReferenceUnifyLongVowels {
    var mode: NormalizationOptions.LongVowel

    /// Length of the long-vowel mark at `i` (0 if none) and whether it is `ー`/`ｰ` itself.
    @inline(__always)
    static func mark(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (length: Int, explicit: Bool) {
        let b = p[i]
        guard b == 0xE2 || b == 0xE3 || b == 0xEF, i + 2 < n else { return (0, false) }
        let c = decodeScalar(p, i).scalar
        guard CharacterClasses.isLongVowelMark(c) else { return (0, false) }
        return (3, c == 0x30FC || c == 0xFF70)
    }

    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
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
        while i < n {
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
struct ReferenceUnifyWidth {
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        var w = Rewriter(input, rule: .width, track: track)
        var i = start
        let n = input.count
        while i < n {
            // U+FF01–FF9F is EF BC 81 … EF BE 9F; ゛゜ (U+309B/309C) are E3 82 9B/9C.
            if p[i] == 0xE3 && i + 2 < n && p[i + 1] == 0x82 && (p[i + 2] == 0x9B || p[i + 2] == 0x9C) {
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
                w.replace(i, next, with: c - 0xFEE0, out: &out, edits: &edits)
                i = next
            case 0xFF61...0xFF9D:
                let full = CharacterClasses.halfwidthToFullwidth[Int(c - 0xFF61)]
                if let (joined, end) = join(full, markAt: next, p, n) {
                    w.replace(i, end, with: joined, out: &out, edits: &edits)
                    i = end
                } else {
                    w.replace(i, next, with: full, out: &out, edits: &edits)
                    i = next
                }
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
struct ReferenceUnifyHyphens {
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let p = input.baseAddress else { return false }
        var w = Rewriter(input, rule: .hyphens, track: track)
        var hyphenEnd = -1  // where the last hyphen this rule turned into `-` ended
        var i = start
        let n = input.count
        while i < n {
            let b = p[i]
            guard b == 0xCB || b == 0xD6 || b == 0xE2 else {
                i &+= 1
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
struct ReferenceUnifyTildes {
    var mode: NormalizationOptions.Tilde

    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
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
        while i < n {
            let b = p[i]
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
struct ReferenceRemoveJapaneseSpaces {
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

    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
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
        while i < n {
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

