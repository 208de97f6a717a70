/// What a run did, per input and per stage. Written as `NAME.stats.json`: no timings, keys
/// sorted, so that two runs of the same input diff cleanly.
public struct RunStats: Sendable, Hashable {
    /// Accounting of one input.
    public struct Input: Sendable, Hashable {
        public var input: String
        public var format: String
        public var bytes = 0
        /// Raw lines of the input (JSON Lines: lines of the file).
        public var linesTotal = 0
        public var linesBlank = 0
        public var linesRejected = 0
        /// Lines within a written document's line range.
        public var linesInDocuments = 0
        /// Lines in no document, by the rule that claimed them (chrome, filtered fragments).
        public var linesOutsideDocuments: [String: Int] = [:]
        public var recordsRead = 0
        public var recordsRejected = 0
        public var rejectedByReason: [String: Int] = [:]
        public var pages = 0
        /// For JSON Lines: lines of text inside the records.
        public var recordTextLines = 0
        public var recordTextBlankLines = 0
        /// The part of the input read, for a sharded run.
        public var shard: Shard?

        public init(input: String, format: String) {
            self.input = input
            self.format = format
        }

        /// Whether every line is accounted for exactly once.
        public var linesAddUp: Bool {
            let outside = linesOutsideDocuments.values.reduce(0, +)
            if format == "jsonl" {
                return linesTotal == linesBlank + recordsRead && recordTextLines == recordTextBlankLines + linesInDocuments + outside
            }
            return linesTotal == linesBlank + linesRejected + linesInDocuments + outside
        }
    }

    /// What one stage did.
    public struct Stage: Sendable, Hashable {
        public var stage: String
        public var documentsIn = 0
        public var documentsOut = 0
        public var rejected = 0
        public var removed: [String: StageContext.Tally] = [:]
        public var changed: [String: StageContext.Tally] = [:]
        public init(stage: String) { self.stage = stage }
    }

    public var inputs: [Input] = []
    public var stages: [Stage] = []
    public var documentsWritten = 0
    public var documentsByKind: [String: Int] = [:]

    public init(stages: [String]) {
        self.stages = stages.map(Stage.init(stage:))
    }

    /// The stats as pretty, key-sorted JSON (ends with a newline).
    public var json: String {
        func tallies(_ d: [String: StageContext.Tally]) -> JSONValue {
            .object(JSONObject(d.keys.sorted().map {
                .init(key: $0, value: .object(JSONObject([
                    .init(key: "characters", value: .number(String(d[$0]!.characters))),
                    .init(key: "count", value: .number(String(d[$0]!.count))),
                ])))
            }))
        }
        func counts(_ d: [String: Int]) -> JSONValue {
            .object(JSONObject(d.keys.sorted().map { .init(key: $0, value: .number(String(d[$0]!))) }))
        }
        func n(_ v: Int) -> JSONValue { .number(String(v)) }
        let inputsJSON: [JSONValue] = inputs.map { i in
            var lines: [JSONObject.Member] = [
                .init(key: "blank", value: n(i.linesBlank)),
                .init(key: "in_documents", value: n(i.linesInDocuments)),
                .init(key: "outside_documents", value: counts(i.linesOutsideDocuments)),
                .init(key: "rejected", value: n(i.linesRejected)),
                .init(key: "total", value: n(i.linesTotal)),
            ]
            if i.format == "jsonl" {
                lines.append(.init(key: "record_text_blank", value: n(i.recordTextBlankLines)))
                lines.append(.init(key: "record_text_total", value: n(i.recordTextLines)))
                lines.sort { $0.key < $1.key }
            }
            return .object(JSONObject([
                .init(key: "accounting_ok", value: .bool(i.linesAddUp)),
                .init(key: "bytes", value: n(i.bytes)),
                .init(key: "format", value: .string(i.format)),
                .init(key: "input", value: .string(i.input)),
                .init(key: "lines", value: .object(JSONObject(lines))),
                .init(key: "pages", value: n(i.pages)),
                .init(key: "records", value: .object(JSONObject([
                    .init(key: "read", value: n(i.recordsRead)),
                    .init(key: "rejected", value: n(i.recordsRejected)),
                    .init(key: "rejected_by_reason", value: counts(i.rejectedByReason)),
                ]))),
            ] + (i.shard.map { [.init(key: "shard", value: .string($0.description))] } ?? [])))
        }
        let stagesJSON: [JSONValue] = stages.map { s in
            .object(JSONObject([
                .init(key: "changed", value: tallies(s.changed)),
                .init(key: "documents_in", value: n(s.documentsIn)),
                .init(key: "documents_out", value: n(s.documentsOut)),
                .init(key: "rejected", value: n(s.rejected)),
                .init(key: "removed", value: tallies(s.removed)),
                .init(key: "stage", value: .string(s.stage)),
            ]))
        }
        let root = JSONValue.object(JSONObject([
            .init(key: "documents", value: .object(JSONObject([
                .init(key: "by_kind", value: counts(documentsByKind)),
                .init(key: "written", value: n(documentsWritten)),
            ]))),
            .init(key: "inputs", value: .array(inputsJSON)),
            .init(key: "stages", value: .array(stagesJSON)),
        ]))
        return JSONPretty.format(root) + "\n"
    }
}

/// Indented JSON for small files meant to be read and diffed by people.
enum JSONPretty {
    static func format(_ value: JSONValue, indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch value {
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + format($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + close + "]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            return "{\n"
                + o.members.map { pad + JSONWriter.string(.string($0.key)) + ": " + format($0.value, indent: indent + 1) }.joined(separator: ",\n")
                + "\n" + close + "}"
        default:
            return JSONWriter.string(value)
        }
    }
}
