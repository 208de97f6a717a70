@testable import WikiClean

// The JSON writers as first written, byte by byte and through `text`/`sections`: the
// references the fast writers are tested against (FastPathEquivalenceTests).

extension Document {
    /// ``appendJSON(to:)`` as first written, through ``text`` and ``sections``: the reference
    /// the direct writer is tested against.
    func appendJSONReference(to out: inout [UInt8]) {
        func key(_ k: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        }
        func optString(_ s: String?) {
            if let s { JSONWriter.appendStringReference(s, to: &out) } else { key("null") }
        }
        func optInt(_ n: Int?) {
            if let n { out.append(contentsOf: String(n).utf8) } else { key("null") }
        }
        key("{\"id\":"); JSONWriter.appendStringReference(id, to: &out)
        key(",\"title\":"); optString(title)
        key(",\"reading\":"); optString(reading)
        key(",\"kind\":\""); out.append(contentsOf: kind.rawValue.utf8); key("\"")
        key(",\"truncated\":"); key(truncated ? "true" : "false")
        key(",\"text\":"); JSONWriter.appendStringReference(text, to: &out)
        key(",\"sections\":[")
        for (k, section) in sections.enumerated() {
            if k > 0 { key(",") }
            key("{\"heading\":"); optString(section.heading)
            key(",\"paragraphs\":[")
            for (j, p) in section.paragraphs.enumerated() {
                if j > 0 { key(",") }
                JSONWriter.appendStringReference(p, to: &out)
            }
            key("]}")
        }
        key("],\"captions\":[")
        var firstCaption = true
        for block in blocks where block.role == .caption {
            if !firstCaption { key(",") }
            JSONWriter.appendStringReference(block.text, to: &out)
            firstCaption = false
        }
        key("],\"source\":{\"input\":"); JSONWriter.appendStringReference(source.input, to: &out)
        key(",\"line_start\":"); optInt(source.lineStart)
        key(",\"line_end\":"); optInt(source.lineEnd)
        key(",\"record\":"); optInt(source.record)
        key("},\"meta\":"); JSONWriter.append(.object(meta), to: &out)
        if kind == .page {
            key(",\"blocks\":[")
            for (k, block) in blocks.enumerated() {
                if k > 0 { key(",") }
                key("{\"role\":\""); out.append(contentsOf: block.role.rawValue.utf8)
                key("\",\"line\":"); optInt(block.line)
                if let rule = block.rule { key(",\"rule\":"); JSONWriter.appendStringReference(rule, to: &out) }
                if let signal = block.signal {
                    key(",\"signal\":\""); out.append(contentsOf: signal.rawValue.utf8); key("\"")
                }
                key(",\"text\":"); JSONWriter.appendStringReference(block.text, to: &out)
                key("}")
            }
            key("]")
        }
        for member in extra.members {
            key(",")
            JSONWriter.appendStringReference(member.key, to: &out)
            key(":")
            JSONWriter.append(member.value, to: &out)
        }
        key("}")
    }
}

extension JSONWriter {
    /// The escaper as first written, byte by byte: the reference the fast one is tested against.
    static func appendStringReference(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            var runStart = 0
            var i = 0
            let n = buf.count
            while i < n {
                let b = buf[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C {
                    i += 1
                    continue
                }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i])) }
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
                i += 1
                runStart = i
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<n])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
