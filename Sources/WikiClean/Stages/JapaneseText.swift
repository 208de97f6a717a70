internal import CICUShims

/// Character classes and small shapes of Japanese wiki text used by the splitting stages.
enum JapaneseText {
    enum Script: Equatable {
        case kanji, katakana, hiragana, alnum, open, close, punctuation, space, other
    }

    static func script(_ c: UInt32) -> Script {
        let f = UTF8Scan.fold(c)
        if UTF8Scan.isKanji(f) { return .kanji }
        if UTF8Scan.isKatakana(f) || f == 0x30FC || f == 0x30FB { return .katakana }
        if UTF8Scan.isHiragana(f) { return .hiragana }
        if UTF8Scan.isDigit(f) || UTF8Scan.isLatinLetter(f) { return .alnum }
        if f == 0x28 || f == 0x300C || f == 0x300E || f == 0x3010 || f == 0x5B { return .open }
        if f == 0x29 || f == 0x300D || f == 0x300F || f == 0x3011 || f == 0x5D { return .close }
        if f == 0x20 { return .space }
        if f == 0x3001 || f == 0x3002 || f == 0x2C || f == 0x2E || f == 0xFF0C || f == 0x3A || f == 0x3B { return .punctuation }
        return .other
    }

    /// Words that open a sentence right after a caption.
    static let sentenceOpeners = [
        "このような", "このように", "こうした", "こうして", "これが", "これは", "これに", "これを", "ここで", "ここに", "また、", "しかし",
        "一方", "同年", "同月", "同日", "翌年", "翌日",
    ]

    /// Words that open a sentence after a caption that a date or position parenthesis
    /// already closed (looser: the parenthesis is the strong signal).
    /// Hiragana-initial adverbs and conjunctions open a sentence there as well (`いずれも`,
    /// `かつて`, `ただし`): a particle (`には`, `まで`) would continue the caption's phrase instead.
    static let openersAfterCaption = [
        "この", "その", "そして", "さらに", "なお", "当時", "ここ", "これ", "こう", "それ", "しかし", "また", "一方",
        "いずれ", "かつて", "ただし", "ところが", "やがて", "のちに", "なかでも", "とくに", "すなわち", "つまり",
    ]

    private static let openerScalars: [[Unicode.Scalar]] = sentenceOpeners.map { Array($0.unicodeScalars) }
    private static let afterCaptionScalars: [[Unicode.Scalar]] = openersAfterCaption.map { Array($0.unicodeScalars) }
    private static let timesOfDay: [[Unicode.Scalar]] = ["午前", "午後", "未明", "夕方", "深夜", "早朝", "朝", "夜", "昼"].map { Array($0.unicodeScalars) }
    /// A bit for each opener's first scalar (its low six bits): a scalar whose bit is clear
    /// opens no word of the list, and the list is not walked (word by word, each compared
    /// scalar by scalar, some 450 instructions a call).
    private static let openerFirstBits = firstScalarBits(openerScalars)
    private static let afterCaptionFirstBits = firstScalarBits(afterCaptionScalars)

    private static func firstScalarBits(_ words: [[Unicode.Scalar]]) -> UInt64 {
        words.reduce(0) { $0 | UInt64(1) << UInt64($1[0].value & 63) }
    }

    @inline(__always)
    private static func mayOpenWord(_ c: Unicode.Scalar, _ bits: UInt64) -> Bool {
        bits & (UInt64(1) << UInt64(c.value & 63)) != 0
    }

    @inline(__always)
    private static func hasPrefix(_ u: [Unicode.Scalar], _ at: Int, _ w: [Unicode.Scalar]) -> Bool {
        guard at + w.count <= u.count else { return false }
        for k in 0..<w.count where u[at + k] != w[k] { return false }
        return true
    }

    /// Does a sentence open at `u[at...]`? The scalar form of ``opensSentence(_:)``.
    static func opensSentence(_ u: [Unicode.Scalar], at: Int) -> Bool {
        // Nothing at `at`: no word, no `また`, no date.
        guard at >= 0, at < u.count else { return false }
        if mayOpenWord(u[at], openerFirstBits) {
            for w in openerScalars where hasPrefix(u, at, w) { return true }
        }
        if at + 2 < u.count, u[at] == "ま", u[at + 1] == "た" {
            let next = u[at + 2]
            let sc = script(next.value)
            if sc == .kanji || sc == .katakana || next == "、" { return true }
        }
        return dateAdverbialLength(u, at: at) != nil
    }

    /// Openers allowed after a date/position parenthesis (scalar form).
    static func opensAfterCaption(_ u: [Unicode.Scalar], at: Int) -> Bool {
        opensSentence(u, at: at) || (at >= 0 && at < u.count && mayOpenWord(u[at], afterCaptionFirstBits) && afterCaptionScalars.contains { hasPrefix(u, at, $0) })
    }

    /// ``dateAdverbialLength(_:)`` on scalars.
    static func dateAdverbialLength(_ u: [Unicode.Scalar], at: Int) -> Int? {
        // Each part opens with a digit: with none at `at`, there is none.
        guard at >= 0, at < u.count, UTF8Scan.isDigit(UTF8Scan.fold(u[at].value)) else { return nil }
        var i = at
        var parts = 0
        for unit: Unicode.Scalar in ["年", "月", "日"] {
            var j = i
            while j < u.count, j - i < 5, UTF8Scan.isDigit(UTF8Scan.fold(u[j].value)) { j += 1 }
            if j > i, j < u.count, u[j] == unit {
                i = j + 1
                parts += 1
            }
        }
        guard parts > 0 else { return nil }
        for tod in timesOfDay where hasPrefix(u, i, tod) {
            i += tod.count
            break
        }
        guard i < u.count else { return nil }
        if u[i] == "に" || u[i] == "、" || u[i] == "," { return i + 1 - at }
        if i + 1 < u.count, u[i] == "か", u[i + 1] == "ら" { return i + 2 - at }
        return nil
    }

    /// Does a sentence open at `s` (a date adverbial like `1959年1月に`, `10月24日午前に`,
    /// or an opener word)?
    static func opensSentence(_ s: Substring) -> Bool {
        for w in sentenceOpeners where s.hasPrefix(w) { return true }
        if s.hasPrefix("また"), let next = s.dropFirst(2).unicodeScalars.first {
            let sc = script(next.value)
            if sc == .kanji || sc == .katakana || next == "、" { return true }
        }
        return dateAdverbialLength(s) != nil
    }

    /// Length (in characters) of a date adverbial at the start of `s`: `(\d+年)?(\d+月)?(\d+日)?`
    /// with at least one part, an optional time of day, then `に`, `、`, `には` or `から`.
    static func dateAdverbialLength(_ s: Substring) -> Int? {
        let u = Array(s.unicodeScalars.prefix(24))
        var i = 0
        var parts = 0
        for unit in ["年", "月", "日"] {
            var j = i
            while j < u.count, UTF8Scan.isDigit(UTF8Scan.fold(u[j].value)) { j += 1 }
            if j > i, j < u.count, String(u[j]) == unit {
                i = j + 1
                parts += 1
            }
        }
        guard parts > 0 else { return nil }
        for tod in ["午前", "午後", "未明", "夕方", "深夜", "早朝", "朝", "夜", "昼"] {
            let t = Array(tod.unicodeScalars)
            if i + t.count <= u.count, Array(u[i..<(i + t.count)]) == t { i += t.count; break }
        }
        guard i < u.count else { return nil }
        if u[i] == "に" || u[i] == "、" || u[i] == "," { return i + 1 }
        if i + 1 < u.count, u[i] == "か", u[i + 1] == "ら" { return i + 2 }
        return nil
    }

    /// A lead sentence `タイトル(よみ、…)は、…`: the title and its kana reading when it has
    /// one. Also `タイトルは、` (no reading). Looks at the first 300 characters only.
    ///
    /// Works on the UTF-8 bytes (scalar by scalar, never `Character`): the title is at most
    /// 60 scalars long, so a line without `(`, `（` or `、` near its start is rejected after
    /// a short scan.
    /// The marks a page draws before the items of a list (`・`, `•`, `●`, `■`, `◆`, `▶`, `★` and
    /// their hollow forms).
    /// Inlined: called out of line, once for each lead parsed (some 25 instructions a call).
    @inline(__always)
    static func isListBullet(_ v: UInt32) -> Bool {
        switch v {
        case 0x30FB, 0x2022, 0x25CF, 0x25CB, 0x25A0, 0x25A1, 0x25C6, 0x25C7, 0x25AA, 0x25B6, 0x25BA, 0x2605, 0x2606: return true
        default: return false
        }
    }

    static func parseLead(_ text: String) -> (title: String, reading: String?)? {
        text.withUTF8Bytes { parseLead(utf8: $0) }
    }

    /// Whether ``parseLead(_:)`` finds a lead in `text` (`parseLead(text) != nil`), for the
    /// callers that only ask that: the same parse, with no title nor reading made (a
    /// `String` each, allocated, copied and freed, on every lead found).
    static func opensWithLead(_ text: String) -> Bool {
        text.withUTF8Bytes { parseLead(utf8: $0, makingStrings: false) != nil }
    }

    /// ``parseLead(_:)`` when the lead has a reading, else nil. Most lines are prose whose
    /// first lead mark is `、` or `。` (a reading needs a parenthesis there): they are turned
    /// down once that mark is found, with no scalar counted and no title made.
    static func parseReadingLead(_ text: String) -> (title: String, reading: String)? {
        text.withUTF8Bytes { p in
            guard mayOpenWithReadingLead(p), let lead = parseLead(utf8: p, readingOnly: true), let reading = lead.reading else { return nil }
            return (lead.title, reading)
        }
    }

    /// The first steps of ``parseLead(utf8:readingOnly:)`` with `readingOnly`, alone: false
    /// when its first lead mark (after a list's mark and an opening quote) is none or is `、`
    /// or `。`, where the parser turns the line down. Prose is turned down here, without the
    /// parser's set-up (asked of every paragraph of an article's body).
    @inline(__always)
    static func mayOpenWithReadingLead(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = p.count
        guard count > 0 else { return false }
        var start = 0
        var first = UTF8Scan.decode(p, 0)
        if isListBullet(first.scalar), first.length < count {
            start = first.length
            first = UTF8Scan.decode(p, start)
        }
        if first.scalar == 0x300E || first.scalar == 0x300C { start += first.length }
        let open = firstLeadMark(p, from: start, to: min(count, start + 62 * 4))
        return open >= 0 && p[open] != 0xE3
    }

    /// ``parseLead(_:)`` on valid UTF-8. With `readingOnly`, a lead whose first mark is no
    /// parenthesis (`タイトルは、`, which never has a reading) is nil.
    /// Without `makingStrings`, the answer is the same but its title and reading (when there
    /// is one) are empty strings (``opensWithLead(_:)``).
    static func parseLead(
        utf8 p: UnsafeBufferPointer<UInt8>, readingOnly: Bool = false, makingStrings: Bool = true
    ) -> (title: String, reading: String?)? {
        // Scalar positions are counted as in the scalar form, which looks at the first 300
        // scalars only (`limit`).
        let limit = 300
        let count = p.count
        guard count > 0 else { return nil }
        // Offsets found by decoding: on character boundaries of valid UTF-8, copied unchecked.
        func str(_ a: Int, _ b: Int) -> String { makingStrings ? UTF8Validation.knownValidString(UnsafeBufferPointer(rebasing: p[a..<b])) : "" }
        var start = 0
        var startK = 0
        var quoted = false
        var first = UTF8Scan.decode(p, 0)
        // A list's mark before a preview's lead (`・鼻葉(びよう)とは、…`) is not the title's.
        if isListBullet(first.scalar), first.length < count {
            start = first.length
            startK = 1
            first = UTF8Scan.decode(p, start)
        }
        if first.scalar == 0x300E || first.scalar == 0x300C {  // 『 「
            quoted = true
            start += first.length
            startK += 1
        }
        // The first `(`, `（`, `。` or `、`. The title before it is at most 60 scalars (61 with
        // a closing quote), so the search stops there: among the first 62 scalars, which lie
        // in the next 248 bytes. Found on the bytes, then its scalars counted.
        let open = firstLeadMark(p, from: start, to: min(count, start + 62 * 4))
        guard open >= 0 else { return nil }
        // `、` and `。` start with E3; `(` is 28 and `（` starts with EF.
        if readingOnly && p[open] == 0xE3 { return nil }
        // Scalars in [start, open).
        let m = UTF8Scan.scalarCount(UnsafeBufferPointer(rebasing: p[start..<open]))
        guard m <= 61 else { return nil }
        let openScalar: UInt32
        let openLength: Int
        switch p[open] {
        case 0x28: (openScalar, openLength) = (0x28, 1)
        case 0xEF: (openScalar, openLength) = (0xFF08, 3)
        default: (openScalar, openLength) = (p[open + 2] == 0x81 ? 0x3001 : 0x3002, 3)
        }
        var titleEnd = open
        var titleLength = m
        // `ジュピター (Jupiter) は、`: a space before the parenthesis is not the title's.
        if (openScalar == 0x28 || openScalar == 0xFF08) && titleEnd > start && p[titleEnd - 1] == 0x20 {
            titleEnd -= 1
            titleLength -= 1
        }
        if quoted {
            guard m > 0 else { return nil }
            let d = UTF8Scan.decodeBefore(p, titleEnd)
            guard d.scalar == 0x300F || d.scalar == 0x300D else { return nil }  // 』 」
            titleEnd -= d.length
            titleLength -= 1
        }
        guard titleLength >= 1, titleLength <= 60, p[start] != 0x20 else { return nil }
        if openScalar == 0x3001 {
            // `タイトルは、…` with no parenthesis.
            guard m >= 2 else { return nil }
            let ha = UTF8Scan.decodeBefore(p, open)
            guard ha.scalar == 0x306F else { return nil }  // は
            var t = open - ha.length
            var tK = m - 1
            let to = UTF8Scan.decodeBefore(p, t)
            if to.scalar == 0x3068 {  // と
                t -= to.length
                tK -= 1
            }
            guard tK > 0, tK <= 30 else { return nil }
            var j = start
            while j < t {
                let d = UTF8Scan.decode(p, j)
                switch d.scalar {
                // の が を に で も へ や 「 」 ( ) , space
                case 0x306E, 0x304C, 0x3092, 0x306B, 0x3067, 0x3082, 0x3078, 0x3084, 0x300C, 0x300D, 0x28, 0x29, 0x2C, 0x20:
                    return nil
                default: break
                }
                j += d.length
            }
            return (str(start, t), nil)
        }
        guard openScalar == 0x28 || openScalar == 0xFF08 else { return nil }
        // No `「 」 『 』` (E3 80 8C–8F) in the title.
        if !quoted && hasCornerBracket(p, from: start, to: titleEnd) { return nil }
        // The matching close parenthesis (nested ones allowed), within the first 300 scalars:
        // found on the bytes (at most 4 a scalar), then its scalar index counted.
        let openK = startK + m
        guard openK < limit else { return nil }
        let closing = matchingClose(p, from: open, to: min(count, open + (limit - openK) * 4))
        guard closing.at >= 0 else { return nil }
        let close = closing.at
        let closeLength = closing.length
        let k = openK + UTF8Scan.scalarCount(UnsafeBufferPointer(rebasing: p[open..<close]))
        guard k < limit else { return nil }
        var after = close + closeLength
        var afterK = k + 1
        // One space between the parenthesis and the lead's end (`X (よみ) は、`).
        if after + 1 < count && afterK + 1 < limit && p[after] == 0x20 {
            after += 1
            afterK += 1
        }
        let atEnd = after == count || afterK == limit
        // `Xの登場人物(…)では、`, `1972年の日本(…ねんのにほん)では、`: a list's or a chronology's
        // lead, only with a kana reading.
        var needsReading = false
        if !atEnd {
            // The lead ends (at most 3 scalars, all within the first 300).
            var windowEnd = after
            var w = 0
            while windowEnd < count && w < 3 && afterK + w < limit {
                windowEnd += UTF8Scan.decode(p, windowEnd).length
                w += 1
            }
            let avail = windowEnd - after
            // Byte by byte, not `memcmp`: most tests fail on the first byte, and a call per
            // test cost more than the comparison.
            @inline(__always)
            func hasPrefix(_ s: StaticString) -> Bool {
                let n = s.utf8CodeUnitCount
                guard n <= avail else { return false }
                let q = s.utf8Start
                var j = 0
                while j < n {
                    if p[after + j] != q[j] { return false }
                    j += 1
                }
                return true
            }
            if !(hasPrefix("は") || hasPrefix("とは") || hasPrefix("、") || hasPrefix(":") || hasPrefix("：") || hasPrefix("という")
                || hasPrefix("とも") || hasPrefix("...") || hasPrefix("…") || hasPrefix("又は") || hasPrefix("または"))
            {
                guard hasPrefix("では、") else {
                    return quoted
                        ? nil
                        : qualifiedLead(
                            p, start: start, qualifier: (open + openLength)..<close, close: close + closeLength, next: after,
                            makingStrings: makingStrings)
                }
                needsReading = true
            }
        }
        // The reading: the first part of the parenthesis, if it is kana.
        let partStart = open + openLength
        var partEnd = partStart
        var skipped = false
        var isReading = true
        var nonEmpty = false
        var afterKana = false
        // Latin letters the title spells (`D51形蒸気機関車(D51がたじょうききかんしゃ)`,
        // `EF63形…(EF63がた…)`): jawiki leaves them in the reading as written, with the digits
        // around them. Each run of letters and digits must stand in the title, and the reading
        // must hold kana. Digits alone are no kana reading (`1964年(1964 ねん)`).
        var hasKana = false
        var letterSeen = false
        var alnumStart = -1
        var alnumOK = true
        var alnumSeen = false
        func titleHolds(_ a: Int, _ b: Int) -> Bool {
            let n = b - a
            guard n > 0, titleEnd - start >= n else { return false }
            // The run's first byte first: a `memcmp` call at every offset of the title cost
            // some 3,000 instructions a run.
            let first = p[a]
            var s = start
            while s + n <= titleEnd {
                if p[s] == first && memcmp(p.baseAddress! + s, p.baseAddress! + a, n) == 0 { return true }
                s += 1
            }
            return false
        }
        while partEnd < close {
            // A kana (E3 81 81 to E3 83 BF: U+3041–30FF, UTF8Scan.isHiragana's or isKatakana's),
            // nearly every scalar of a reading, told by its first two bytes (decoded and put
            // through every test below, each cost some 40 instructions): no stop, no letter or
            // digit (it ends a run of them), no space.
            if p[partEnd] == 0xE3 {
                let b1 = p[partEnd + 1]
                if b1 == 0x82 || b1 == 0x83 || (b1 == 0x81 && p[partEnd + 2] != 0x80) {
                    if alnumStart >= 0 {
                        alnumOK = alnumOK && titleHolds(alnumStart, partEnd)
                        alnumStart = -1
                    }
                    nonEmpty = true
                    hasKana = true
                    afterKana = true
                    partEnd += 3
                    continue
                }
            }
            let d = UTF8Scan.decode(p, partEnd)
            let c = d.scalar
            if c == 0x3001 || c == 0x2C || c == 0x3B || c == 0xFF1B || c == 0xFF0C { break }  // 、 , ; ； ，
            let alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            if alnum {
                if alnumStart < 0 { alnumStart = partEnd }
                alnumSeen = true
                if c >= 0x41 { letterSeen = true }
            } else if alnumStart >= 0 {
                alnumOK = alnumOK && titleHolds(alnumStart, partEnd)
                alnumStart = -1
            }
            if c == 0x20 || c == 0x3000 {
                skipped = true
                afterKana = false
            } else {
                nonEmpty = true
                let kana = UTF8Scan.isHiragana(c) || UTF8Scan.isKatakana(c)
                // A dash after a kana is the long-vowel mark typed as another character
                // (`ご―みん`, `ま—きゅり—`), as the fold reads it (``UTF8Scan/matchFold(_:)``).
                let longMark = afterKana && (c == 0x2014 || c == 0x2015 || c == 0x2500 || c == 0x2501)
                if !(kana || longMark || alnum || c == 0x30FB || c == 0x30FC || c == 0x3D || c == 0x30A0) {
                    // No reading, whatever follows (nothing after the loop but the reading reads
                    // where the part ends).
                    isReading = false
                    break
                }
                if kana { hasKana = true }
                afterKana = kana || longMark || c == 0x30FC
            }
            partEnd += d.length
        }
        if alnumStart >= 0 { alnumOK = alnumOK && titleHolds(alnumStart, partEnd) }
        if alnumSeen && (!letterSeen || !alnumOK || !hasKana) { isReading = false }
        var reading: String?
        if nonEmpty && isReading {
            if !skipped || !makingStrings {
                reading = str(partStart, partEnd)
            } else {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(partEnd - partStart)
                var q = partStart
                while q < partEnd {
                    let d = UTF8Scan.decode(p, q)
                    if d.scalar != 0x20 && d.scalar != 0x3000 {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[q..<(q + d.length)]))
                    }
                    q += d.length
                }
                reading = String(decoding: bytes, as: UTF8.self)
            }
        }
        // A bare `名詞(…)` with nothing after it is a lead only when the parenthesis is a reading.
        if (atEnd || needsReading) && reading == nil { return nil }
        let name = legalFormTrimmed(p, start, titleEnd)
        return (str(name.lowerBound, name.upperBound), reading)
    }

    /// Whether any lane of `mask` is set: the mask's 16 bytes read as two words (a set lane
    /// is all ones). `any(_:)` compiled here to an out-of-line `SIMD.min()` call per test,
    /// some 30 instructions where this takes a few.
    @inline(__always)
    static func anyLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// The index of the first set lane of `mask`, which has one: a set lane is a byte of all
    /// ones, so the lowest set bit of the mask's bytes read as two words (lane 0 lowest) is in
    /// it. Where a block's first mark is, without reading the block again byte by byte.
    @inline(__always)
    static func firstLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Int {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] != 0 ? words[0].trailingZeroBitCount >> 3 : 8 + (words[1].trailingZeroBitCount >> 3)
    }

    /// The offset of the first `(`, `（` (EF BC 88), `、` (E3 80 81) or `。` (E3 80 82) that starts
    /// in `p[from..<to]` (`from` on a scalar boundary), or -1; with `quotes`, `「` (E3 80 8C) and
    /// `『` (E3 80 8E) too. In valid UTF-8 the byte 0x28 is only `(`, and E3 and EF only start a
    /// sequence, so a match on the bytes is a match on the scalars.
    /// The scan is ``cicu_first_lead_mark`` (C): 32 start positions at a time with AVX2 (the bytes
    /// at them and the two after them, three loads), the last ones in one more vector. In Swift
    /// it tested sixteen a time (`SIMD16`, SSE2 only), some 32 instructions a turn and 160 a
    /// call, over the 4 to 5 turns most lines took (parseLead's and mayOpenWithReadingLead's
    /// 7,800 calls on cc4, 1.26 M instructions).
    @inline(__always)
    static func firstLeadMark(_ p: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, quotes: Bool = false) -> Int {
        guard from < end, let base = p.baseAddress else { return -1 }
        return Int(cicu_first_lead_mark(base, Int64(p.count), Int64(from), Int64(end), quotes ? 1 : 0))
    }

    /// ``firstLeadMark(_:from:to:quotes:)`` with the vector loop of `level` at most (2: AVX2,
    /// 1: SSE2, 0: bytes): for tests.
    static func firstLeadMark(_ p: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, quotes: Bool = false, level: Int32) -> Int {
        guard from < end, let base = p.baseAddress else { return -1 }
        return Int(cicu_first_lead_mark_at_level(base, Int64(p.count), Int64(from), Int64(end), quotes ? 1 : 0, level))
    }

    /// Whether a `「`, `」`, `『` or `』` (E3 80 8C–8F) starts in `p[from..<to]`: sixteen start
    /// positions at a time, as ``firstLeadMark(_:from:to:)`` does.
    @inline(__always)
    static func hasCornerBracket(_ p: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Bool {
        // Named constants (written inline in the tests, the comparisons were compiled lane by lane).
        let byte80 = SIMD16<UInt8>(repeating: 0x80)
        let byte8C = SIMD16<UInt8>(repeating: 0x8C)
        let byte8F = SIMD16<UInt8>(repeating: 0x8F)
        let byteE3 = SIMD16<UInt8>(repeating: 0xE3)
        guard from < end, let base = p.baseAddress else { return false }
        let count = p.count
        var i = from
        while i + 18 <= count && i < end {
            let v0 = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let v1 = UnsafeRawPointer(base + i + 1).loadUnaligned(as: SIMD16<UInt8>.self)
            let v2 = UnsafeRawPointer(base + i + 2).loadUnaligned(as: SIMD16<UInt8>.self)
            let bracket = (v0 .== byteE3) .& (v1 .== byte80)
                .& (v2 .>= byte8C) .& (v2 .<= byte8F)
            if anyLane(bracket) { return i + firstLane(bracket) < end }
            i += 16
        }
        while i < end {
            if base[i] == 0xE3, i + 2 < count, base[i + 1] == 0x80, base[i + 2] >= 0x8C, base[i + 2] <= 0x8F { return true }
            i += 1
        }
        return false
    }

    /// The close parenthesis (`)` or `）`, EF BC 89) that matches the open one at `from`, nested
    /// ones counted (`(` and `（` EF BC 88 open), starting before `to`: its offset and length, or
    /// -1. Sixteen start positions are tested at a time (as in ``firstLeadMark(_:from:to:)``);
    /// in a block with a parenthesis only the positions of the parentheses are read (the set
    /// lanes, lowest first): the block was read byte by byte, and the opening parenthesis's
    /// block (the first) and the closing one's always have one.
    @inline(__always)
    static func matchingClose(_ p: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> (at: Int, length: Int) {
        // Named constants (written inline in the tests, the comparisons were compiled lane by lane).
        let byte28 = SIMD16<UInt8>(repeating: 0x28)
        let byte29 = SIMD16<UInt8>(repeating: 0x29)
        let byte88 = SIMD16<UInt8>(repeating: 0x88)
        let byte89 = SIMD16<UInt8>(repeating: 0x89)
        let byteBC = SIMD16<UInt8>(repeating: 0xBC)
        let byteEF = SIMD16<UInt8>(repeating: 0xEF)
        guard from < end, let base = p.baseAddress else { return (-1, 0) }
        let count = p.count
        var depth = 0
        var i = from
        while i < end {
            // Sixteen start positions with no parenthesis at all are passed over at once.
            if i + 18 <= count {
                let v0 = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let v1 = UnsafeRawPointer(base + i + 1).loadUnaligned(as: SIMD16<UInt8>.self)
                let v2 = UnsafeRawPointer(base + i + 2).loadUnaligned(as: SIMD16<UInt8>.self)
                let fullWidth = (v0 .== byteEF) .& (v1 .== byteBC)
                    .& ((v2 .== byte88) .| (v2 .== byte89))
                let parens = (v0 .== byte28) .| (v0 .== byte29) .| fullWidth
                // One bit a lane (each set lane is a byte of all ones): the top bit of its byte.
                let words = unsafeBitCast(parens, to: SIMD2<UInt64>.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                var lanes = (low: words[0] & high, high: words[1] & high)
                while lanes.low | lanes.high != 0 {
                    let lane: Int
                    if lanes.low != 0 {
                        lane = lanes.low.trailingZeroBitCount >> 3
                        lanes.low &= lanes.low &- 1
                    } else {
                        lane = 8 + (lanes.high.trailingZeroBitCount >> 3)
                        lanes.high &= lanes.high &- 1
                    }
                    let k = i + lane
                    // The search stops at `end`: no parenthesis starting there or later counts.
                    guard k < end else { return (-1, 0) }
                    // `(` or `（` opens; `)` or `）` closes (a set lane is one of the four).
                    let b = base[k]
                    if b == 0x28 || (b == 0xEF && base[k + 2] == 0x88) {
                        depth += 1
                    } else {
                        depth -= 1
                        if depth == 0 { return (k, b == 0x29 ? 1 : 3) }
                    }
                }
                i += 16
                continue
            }
            let blockEnd = min(i + 16, end)
            while i < blockEnd {
                let b = base[i]
                if b == 0x28 {
                    depth += 1
                } else if b == 0x29 {
                    depth -= 1
                    if depth == 0 { return (i, 1) }
                } else if b == 0xEF, i + 2 < count, base[i + 1] == 0xBC {
                    if base[i + 2] == 0x88 {
                        depth += 1
                    } else if base[i + 2] == 0x89 {
                        depth -= 1
                        if depth == 0 { return (i, 3) }
                    }
                }
                i += 1
            }
        }
        return (-1, 0)
    }

    /// The legal forms of companies and other juridical persons that jawiki's naming
    /// conventions leave out of an article's name (Wikipedia:記事名の付け方, 企業・団体:
    /// `任天堂株式会社(にんてんどう、…)は、` is the article `任天堂`, `株式会社セガ(…)は、`
    /// the article `セガ`, `公益財団法人日本相撲協会` the article `日本相撲協会`).
    static let legalForms: [[UInt8]] = [
        "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "相互会社",
        "一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人", "特定非営利活動法人",
        "独立行政法人", "地方独立行政法人", "国立研究開発法人", "国立大学法人", "学校法人", "社会福祉法人", "医療法人",
    ].map { Array($0.utf8) }

    /// `会社` and `法人`, the last two characters of every legal form.
    private static let kaisha: [UInt8] = Array("会社".utf8)
    private static let houjin: [UInt8] = Array("法人".utf8)
    /// The first characters of the legal forms (each three bytes), as big-endian numbers.
    private static let legalFormFirstScalars: [UInt32] = {
        var firsts: [UInt32] = []
        for form in legalForms {
            let v = UInt32(form[0]) << 16 | UInt32(form[1]) << 8 | UInt32(form[2])
            if !firsts.contains(v) { firsts.append(v) }
        }
        return firsts
    }()

    /// The length in characters of the legal form `s` ends with (`セガ概要株式会社`: 4), or nil.
    static func legalFormSuffixLength(_ s: String) -> Int? {
        let u = Array(s.utf8)
        for form in legalForms where u.count > form.count && u[(u.count - form.count)...].elementsEqual(form) {
            return String(decoding: form, as: UTF8.self).count
        }
        return nil
    }

    /// The name in `p[start..<end]` without a legal form before or after it (and the space
    /// between them), when a name of at least two scalars remains; the whole range otherwise
    /// (`株式会社は、` is the article on the form itself).
    static func legalFormTrimmed(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        // Every form is at least 12 bytes; a name of two scalars at least 2 more.
        guard end - start >= 14 else { return start..<end }
        func scalars(_ a: Int, _ b: Int) -> Int {
            var n = 0
            var i = a
            while i < b { i += UTF8Scan.decode(p, i).length; n += 1 }
            return n
        }
        // Every form ends in `会社` or `法人`, and starts with one of a few kanji: a name that
        // does neither at its end or start is compared with none.
        let base = p.baseAddress!
        let mayEndInForm = memcmp(base + end - 6, kaisha, 6) == 0 || memcmp(base + end - 6, houjin, 6) == 0
        let head = UInt32(base[start]) << 16 | UInt32(base[start + 1]) << 8 | UInt32(base[start + 2])
        let mayStartWithForm = legalFormFirstScalars.contains(head)
        guard mayEndInForm || mayStartWithForm else { return start..<end }
        for form in legalForms where end - start > form.count {
            if mayEndInForm, memcmp(p.baseAddress! + end - form.count, form, form.count) == 0 {
                var e = end - form.count
                while e > start, p[e - 1] == 0x20 { e -= 1 }
                if scalars(start, e) >= 2 { return start..<e }
            }
            if mayStartWithForm, memcmp(p.baseAddress! + start, form, form.count) == 0 {
                var s = start + form.count
                while s < end, p[s] == 0x20 { s += 1 }
                if scalars(s, end) >= 2 { return s..<end }
            }
        }
        return start..<end
    }

    /// `呼吸 (生物学)(こきゅう)とは、…`, `マーキュリー (惑星)(まーきゅりー)は、…`: a page name with the
    /// qualifier Wikipedia gives one of several pages of the same name, then the lead's own
    /// parenthesis with its kana reading. The title is the page name with its qualifier, as
    /// the lead writes it (a lone `摩周丸 (船)` keeps its qualifier too). The qualifier is 1 to 20
    /// scalars with no space, digit, sentence or parenthesis in it (not a date, `(2009年)`, nor
    /// a second reading); the parenthesis after it must give a kana reading and end as a lead.
    private static func qualifiedLead(
        _ p: UnsafeBufferPointer<UInt8>, start: Int, qualifier: Range<Int>, close: Int, next: Int, makingStrings: Bool
    ) -> (title: String, reading: String?)? {
        let count = p.count
        // The next parenthesis right after the qualifier's (one space allowed, already skipped).
        guard next < count, p[next] == 0x28 || (next + 2 < count && p[next] == 0xEF && p[next + 1] == 0xBC && p[next + 2] == 0x88) else { return nil }
        var i = qualifier.lowerBound
        var n = 0
        while i < qualifier.upperBound {
            let d = UTF8Scan.decode(p, i)
            switch d.scalar {
            case 0x20, 0x3000, 0x30...0x39, 0xFF10...0xFF19, 0x3001, 0x3002, 0x28, 0x29, 0xFF08, 0xFF09: return nil
            default: break
            }
            n += 1
            i += d.length
        }
        guard n >= 1, n <= 20 else { return nil }
        // The rest read as a lead of a one-letter title.
        var bytes: [UInt8] = [0x58]
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[next..<count]))
        guard let lead = bytes.withUnsafeBufferPointer({ parseLead(utf8: $0, makingStrings: makingStrings) }), lead.reading != nil else { return nil }
        return (makingStrings ? UTF8Validation.knownValidString(UnsafeBufferPointer(rebasing: p[start..<close])) : "", lead.reading)
    }
}

extension Substring {
    func trimmingCharacters(in chars: String) -> Substring {
        var s = self
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return s
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension JapaneseText {
    /// Whether the text ends in three middle dots (`・・・`, half-width `･･･`), the mark that cuts
    /// a preview like `...` and `…` (six or more dots are prose, as for detect-boundaries):
    /// a byte test on the last twelve bytes.
    static func endsWithMiddleDotMark(_ text: String) -> Bool {
        text.withUTF8Bytes { p in
            // `・` is E3 83 BB, `･` is EF BD A5.
            func dot(_ k: Int) -> Bool {
                k >= 0 && ((p[k] == 0xE3 && p[k + 1] == 0x83 && p[k + 2] == 0xBB) || (p[k] == 0xEF && p[k + 1] == 0xBD && p[k + 2] == 0xA5))
            }
            let n = p.count
            return n >= 9 && dot(n - 3) && dot(n - 6) && dot(n - 9) && !dot(n - 12)
        }
    }
}
