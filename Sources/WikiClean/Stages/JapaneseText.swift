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
    static let openersAfterCaption = ["この", "その", "そして", "さらに", "なお", "当時", "ここ", "これ", "こう", "それ", "しかし", "また", "一方"]

    private static let openerScalars: [[Unicode.Scalar]] = sentenceOpeners.map { Array($0.unicodeScalars) }
    private static let afterCaptionScalars: [[Unicode.Scalar]] = openersAfterCaption.map { Array($0.unicodeScalars) }
    private static let timesOfDay: [[Unicode.Scalar]] = ["午前", "午後", "未明", "夕方", "深夜", "早朝", "朝", "夜", "昼"].map { Array($0.unicodeScalars) }

    @inline(__always)
    private static func hasPrefix(_ u: [Unicode.Scalar], _ at: Int, _ w: [Unicode.Scalar]) -> Bool {
        guard at + w.count <= u.count else { return false }
        for k in 0..<w.count where u[at + k] != w[k] { return false }
        return true
    }

    /// Does a sentence open at `u[at...]`? The scalar form of ``opensSentence(_:)``.
    static func opensSentence(_ u: [Unicode.Scalar], at: Int) -> Bool {
        for w in openerScalars where hasPrefix(u, at, w) { return true }
        if at + 2 < u.count, u[at] == "ま", u[at + 1] == "た" {
            let next = u[at + 2]
            let sc = script(next.value)
            if sc == .kanji || sc == .katakana || next == "、" { return true }
        }
        return dateAdverbialLength(u, at: at) != nil
    }

    /// Openers allowed after a date/position parenthesis (scalar form).
    static func opensAfterCaption(_ u: [Unicode.Scalar], at: Int) -> Bool {
        opensSentence(u, at: at) || afterCaptionScalars.contains { hasPrefix(u, at, $0) }
    }

    /// ``dateAdverbialLength(_:)`` on scalars.
    static func dateAdverbialLength(_ u: [Unicode.Scalar], at: Int) -> Int? {
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
    static func parseLead(_ text: String) -> (title: String, reading: String?)? {
        var u: [Unicode.Scalar] = []
        u.reserveCapacity(64)
        for c in text.unicodeScalars {
            u.append(c)
            if u.count == 300 { break }
        }
        func str(_ r: Range<Int>) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: u[r])
            return String(v)
        }
        func hasPrefix(_ at: Int, _ word: String) -> Bool {
            var i = at
            for w in word.unicodeScalars {
                guard i < u.count, u[i] == w else { return false }
                i += 1
            }
            return true
        }
        var start = 0
        var quoted = false
        if let f = u.first, f == "『" || f == "「" {
            quoted = true
            start = 1
        }
        guard let open = u[start...].firstIndex(where: { $0 == "(" || $0 == "（" || $0 == "。" || $0 == "、" }) else { return nil }
        var titleEnd = open
        if quoted {
            guard titleEnd > start, u[titleEnd - 1] == "』" || u[titleEnd - 1] == "」" else { return nil }
            titleEnd -= 1
        }
        let titleLength = titleEnd - start
        guard titleLength >= 1, titleLength <= 60, u[start] != " " else { return nil }
        if u[open] == "、" {
            // `タイトルは、…` with no parenthesis.
            guard open - start >= 2, u[open - 1] == "は" else { return nil }
            var t = open - 1
            if u[t - 1] == "と" { t -= 1 }
            guard t > start, t - start <= 30 else { return nil }
            let particles: Set<Unicode.Scalar> = ["の", "が", "を", "に", "で", "も", "へ", "や", "「", "」", "(", ")", ",", " "]
            guard !u[start..<t].contains(where: { particles.contains($0) }) else { return nil }
            return (str(start..<t), nil)
        }
        guard u[open] == "(" || u[open] == "（" else { return nil }
        if !quoted, u[start..<titleEnd].contains(where: { $0 == "「" || $0 == "」" || $0 == "『" || $0 == "』" }) { return nil }
        // The matching close parenthesis (nested ones allowed).
        var depth = 0
        var close: Int?
        for i in open..<u.count {
            if u[i] == "(" || u[i] == "（" { depth += 1 } else if u[i] == ")" || u[i] == "）" {
                depth -= 1
                if depth == 0 { close = i; break }
            }
        }
        guard let close else { return nil }
        let after = close + 1
        let leadEnds = ["は", "とは", "、", ":", "：", "という", "とも", "...", "…", "又は", "または"]
        guard after == u.count || leadEnds.contains(where: { hasPrefix(after, $0) }) else { return nil }
        // The reading: the first part of the parenthesis, if it is kana.
        var partEnd = open + 1
        while partEnd < close, !["、", ",", ";", "；", "，"].contains(u[partEnd]) { partEnd += 1 }
        let part = u[(open + 1)..<partEnd].filter { $0 != " " && $0 != "\u{3000}" }
        var reading: String?
        if !part.isEmpty,
            part.allSatisfy({ UTF8Scan.isHiragana($0.value) || UTF8Scan.isKatakana($0.value) || $0 == "・" || $0 == "ー" || $0 == "=" || $0 == "゠" })
        {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: part)
            reading = String(v)
        }
        // A bare `名詞(…)` with nothing after it is a lead only when the parenthesis is a reading.
        if after == u.count && reading == nil { return nil }
        return (str(start..<titleEnd), reading)
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
