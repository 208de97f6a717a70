/// neologdn 0.5.6's `normalize` loop (`neologdn.pyx`), one line at a time.
///
/// It is a single left-to-right pass; `prev` is the last character emitted. Rules that are
/// switched off fall through to the last branch, where characters are copied (or converted,
/// when `convert` is on). Attributions: spaces → `spaces`, hyphens → `hyphens`, long-vowel
/// marks → `long-vowel`, tildes → `tilde`, the conversion table and voiced-mark joins → `width`.
struct NeologdnPass {
    /// The conversion table and voiced-mark joins (`width`).
    var convert: Bool
    var hyphens: Bool
    /// `long-vowel=all`.
    var longVowels: Bool
    /// nil: tildes are ordinary characters.
    var tilde: NormalizationOptions.Tilde?
    /// `remove_space=True`.
    var removeSpace: Bool

    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        if track {
            var sink = TrackingOutput()
            run(input, &sink)
            return sink.finish(input, into: &out, edits: &edits)
        } else {
            out.removeAll(keepingCapacity: true)
            out.reserveCapacity(input.count + 8)
            var sink = FastOutput(out: out)
            out = []
            run(input, &sink)
            out = sink.out
            return sink.changed
        }
    }

    private func run<S: NeologdnOutput>(_ input: UnsafeBufferPointer<UInt8>, _ sink: inout S) {
        guard let p = input.baseAddress else { return }
        var prev: UInt32 = 0
        var latinSpace = false
        var i = 0
        let n = input.count
        while i < n {
            let (c, len) = decodeScalar(p, i)
            let s = i
            i += len
            if c == 0x20 || c == 0x3000 {
                if (sink.count == 0 || prev == 0x20 || CharacterClasses.isNeologdnBlock(prev))
                    && removeSpace
                {
                    sink.drop(s, i, .spaces)
                    continue
                } else if prev != 0x2A && sink.count > 0 && prev < 0x80 {
                    latinSpace = true
                    sink.emit(0x20, s, i, c == 0x20 ? nil : .spaces)
                } else if removeSpace {
                    sink.drop(s, i, .spaces)
                } else {
                    sink.emit(0x20, s, i, c == 0x20 ? nil : .spaces)
                }
                prev = 0x20
            } else if hyphens && CharacterClasses.isHyphen(c) {
                if prev == 0x2D {
                    sink.drop(s, i, .hyphens)
                    continue
                }
                sink.emit(0x2D, s, i, .hyphens)
                latinSpace = false
                prev = 0x2D
            } else if longVowels && CharacterClasses.isLongVowelMark(c) {
                if prev == 0x30FC {
                    sink.drop(s, i, .longVowel)
                    continue
                }
                sink.emit(0x30FC, s, i, c == 0x30FC ? nil : .longVowel)
                latinSpace = false
                prev = 0x30FC
            } else if let tilde, CharacterClasses.isTilde(c) {
                let d: UInt32
                switch tilde {
                case .ignore: d = c
                case .normalize: d = 0x7E
                case .normalizeZenkaku: d = 0x301C
                case .remove:
                    sink.drop(s, i, .tilde)
                    continue
                }
                sink.emit(d, s, i, d == c ? nil : .tilde)
                latinSpace = false
                prev = d
            } else {
                var d = c
                var rule: Rule? = nil
                if convert, let m = CharacterClasses.neologdnConversion(c) {
                    d = m
                    rule = .width
                }
                if convert && d == 0xFF9E && sink.count > 0, let v = CharacterClasses.neologdnTen(prev) {
                    sink.replaceLast(with: v, absorbing: s, i, .width)
                    d = v
                } else if convert && d == 0xFF9F && sink.count > 0,
                    let v = CharacterClasses.neologdnMaru(prev)
                {
                    sink.replaceLast(with: v, absorbing: s, i, .width)
                    d = v
                } else {
                    if latinSpace && sink.count > 0 && CharacterClasses.isNeologdnBlock(d) && removeSpace {
                        sink.retractLast(.spaces)
                    }
                    sink.emit(d, s, i, rule)
                }
                latinSpace = false
                prev = d
            }
        }
        if sink.lastIsSpace {
            sink.retractLast(.spaces)
        }
    }
}

/// Where ``NeologdnPass`` writes: `emit` appends, `drop` skips input, `retractLast` undoes the
/// last emitted character (neologdn's `pos -= 1`), `replaceLast` joins a voiced mark into it.
protocol NeologdnOutput {
    var count: Int { get }
    var lastIsSpace: Bool { get }
    mutating func emit(_ c: UInt32, _ start: Int, _ end: Int, _ rule: Rule?)
    mutating func drop(_ start: Int, _ end: Int, _ rule: Rule)
    mutating func retractLast(_ rule: Rule)
    mutating func replaceLast(with c: UInt32, absorbing start: Int, _ end: Int, _ rule: Rule)
}

private struct FastOutput: NeologdnOutput {
    var out: [UInt8]
    var count = 0
    var changed = false

    var lastIsSpace: Bool { out.last == 0x20 }

    mutating func emit(_ c: UInt32, _ start: Int, _ end: Int, _ rule: Rule?) {
        appendUTF8(c, to: &out)
        count += 1
        if rule != nil { changed = true }
    }

    mutating func drop(_ start: Int, _ end: Int, _ rule: Rule) {
        changed = true
    }

    mutating func retractLast(_ rule: Rule) {
        while let b = out.popLast(), b & 0xC0 == 0x80 {}
        count -= 1
        changed = true
    }

    mutating func replaceLast(with c: UInt32, absorbing start: Int, _ end: Int, _ rule: Rule) {
        while let b = out.popLast(), b & 0xC0 == 0x80 {}
        appendUTF8(c, to: &out)
        changed = true
    }
}

private struct TrackingOutput: NeologdnOutput {
    struct Item {
        var scalar: UInt32?  // nil: dropped
        var start: Int
        var end: Int
        var rule: Rule?  // nil: copied unchanged
    }

    var items: [Item] = []
    var count = 0

    var lastIsSpace: Bool { lastEmitted.map { items[$0].scalar == 0x20 } ?? false }

    private var lastEmitted: Int? { items.lastIndex { $0.scalar != nil } }

    mutating func emit(_ c: UInt32, _ start: Int, _ end: Int, _ rule: Rule?) {
        items.append(Item(scalar: c, start: start, end: end, rule: rule))
        count += 1
    }

    mutating func drop(_ start: Int, _ end: Int, _ rule: Rule) {
        items.append(Item(scalar: nil, start: start, end: end, rule: rule))
    }

    mutating func retractLast(_ rule: Rule) {
        guard let k = lastEmitted else { return }
        items[k].scalar = nil
        items[k].rule = rule
        count -= 1
    }

    mutating func replaceLast(with c: UInt32, absorbing start: Int, _ end: Int, _ rule: Rule) {
        guard let k = lastEmitted else { return }
        items[k].scalar = c
        items[k].rule = rule
        if items[k].end == start && k == items.count - 1 {
            items[k].end = end
        } else {
            items.append(Item(scalar: nil, start: start, end: end, rule: rule))
        }
    }

    func finish(
        _ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], edits: inout [Edit]
    ) -> Bool {
        guard items.contains(where: { $0.rule != nil }) else { return false }
        out.removeAll(keepingCapacity: true)
        for item in items {
            let outStart = out.count
            guard let rule = item.rule else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[item.start..<item.end]))
                continue
            }
            if let c = item.scalar { appendUTF8(c, to: &out) }
            if let last = edits.last, last.rule == rule, last.end == item.start,
                last.outEnd == outStart
            {
                edits[edits.count - 1].end = item.end
                edits[edits.count - 1].outEnd = out.count
            } else {
                edits.append(
                    Edit(rule: rule, start: item.start, end: item.end, outStart: outStart, outEnd: out.count))
            }
        }
        return true
    }
}
