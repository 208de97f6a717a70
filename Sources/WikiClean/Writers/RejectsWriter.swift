import Foundation

extension Rejection {
    /// The rejection as one JSON line (no newline): input, line, record, reason, message,
    /// and the raw bytes — as text when they are valid UTF-8, else base64.
    public var jsonLine: String {
        var o = JSONObject()
        o["input"] = .string(input)
        o["line"] = line.map { .number(String($0)) } ?? .null
        o["record"] = record.map { .number(String($0)) } ?? .null
        o["reason"] = .string(reason.rawValue)
        o["message"] = .string(message)
        if let text = String(validating: raw, as: UTF8.self), !raw.contains(0) {
            o["raw"] = .string(text)
            o["raw_base64"] = .null
        } else {
            o["raw"] = .null
            o["raw_base64"] = .string(Data(raw).base64EncodedString())
        }
        o["raw_truncated"] = .bool(rawTruncated)
        return JSONWriter.string(.object(o))
    }
}
