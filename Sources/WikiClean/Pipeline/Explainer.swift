/// Answers "what became of this raw line?": which document and section it went to, and
/// which stage removed or changed which span under which rule id.
///
/// It runs the pipeline on one thread with event recording on, page by page, so it costs
/// more than `run`; use a line range on big inputs.
public struct Explainer {
    /// What happened to one raw line.
    public struct LineReport: Sendable {
        /// 0-based record index (JSON Lines input), nil for text dumps.
        public var record: Int?
        /// 1-based line (within the record's text for JSON Lines).
        public var line: Int
        /// The raw text of the line as read (trimmed).
        public var raw: String
        /// Where its text went: (document id, title, section heading or nil for the lead, role).
        public var placements: [(document: String, title: String?, section: String?, role: Block.Role)]
        /// What the stages did to it, in pipeline order.
        public var events: [StageContext.Event]
    }

    public var pipeline: Pipeline

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    /// Reports on the raw lines of `path` within `lines` (all when nil).
    /// - Throws: ``InputError`` when the input cannot be read; bad records are reported as
    ///   rejected lines, not thrown.
    public func explain(path: String, name: String? = nil, lines: ClosedRange<Int>? = nil) throws -> [LineReport] {
        var reader = try pipeline.makeReader(path: path, name: name)
        var reports: [LineReport] = []
        while let item = try reader.next() {
            switch item {
            case .rejected(let r):
                guard let l = r.line, lines?.contains(l) ?? true else { continue }
                let event = StageContext.Event(stage: "read", rule: r.reason.rawValue, action: .removed, line: l, text: r.message)
                reports.append(LineReport(record: r.record, line: l, raw: String(decoding: r.raw, as: UTF8.self), placements: [], events: [event]))
            case .page(let page):
                let wanted = page.blocks.filter { b in b.line.map { lines?.contains($0) ?? true } ?? false }
                guard !wanted.isEmpty else { continue }
                let result = pipeline.process(page, recordEvents: true)
                var byLine: [Int: LineReport] = [:]
                for b in wanted {
                    byLine[b.line!] = LineReport(record: page.source.record, line: b.line!, raw: b.text, placements: [], events: [])
                }
                for context in result.contexts {
                    for e in context.events {
                        guard let l = e.line, byLine[l] != nil else { continue }
                        byLine[l]!.events.append(e)
                    }
                }
                for doc in result.documents {
                    var section: String?
                    for b in doc.blocks {
                        if b.role == .heading { section = b.text }
                        guard let l = b.line, byLine[l] != nil else { continue }
                        byLine[l]!.placements.append((doc.id, doc.title, b.role == .heading ? nil : section, b.role))
                    }
                }
                // A line inside a document's range whose text was all removed still belongs to it.
                for doc in result.documents {
                    guard let a = doc.source.lineStart, let b = doc.source.lineEnd else { continue }
                    for l in byLine.keys where (a...b).contains(l) && !byLine[l]!.placements.contains(where: { $0.document == doc.id }) {
                        byLine[l]!.placements.append((doc.id, doc.title, nil, .chrome))
                    }
                }
                for r in result.rejections {
                    for l in byLine.keys where (r.line ?? -1) <= l {
                        byLine[l]!.events.append(StageContext.Event(stage: "run", rule: r.reason.rawValue, action: .removed, line: l, text: r.message))
                    }
                }
                reports.append(contentsOf: byLine.keys.sorted().map { byLine[$0]! })
            }
        }
        return reports
    }

    /// Renders reports as indented text, one block per line.
    public static func render(_ reports: [LineReport]) -> String {
        func quote(_ s: String, _ max: Int = 80) -> String {
            let u = s.unicodeScalars
            let cut = u.count > max ? String(String.UnicodeScalarView(u.prefix(max))) + "…" : s
            return "\"\(cut)\""
        }
        var out = ""
        for r in reports {
            let place = r.record.map { "record \($0) line \(r.line)" } ?? "line \(r.line)"
            out += "\(place): \(quote(r.raw, 60))\n"
            if r.placements.isEmpty {
                out += "  → in no document\n"
            }
            var seen = Set<String>()
            for p in r.placements {
                let title = p.title.map { " (\($0))" } ?? ""
                let what: String
                switch p.role {
                case .heading: what = "heading"
                case .caption: what = "caption"
                case .paragraph: what = p.section.map { "paragraph in section \(quote($0))" } ?? "paragraph in the lead section"
                case .chrome: what = "nothing kept (all removed), within the range"
                }
                let line = "  → \(what) of document \(p.document)\(title)\n"
                if seen.insert(line).inserted { out += line }
            }
            for e in r.events {
                switch e.action {
                case .removed: out += "  \(e.stage): removed \(quote(e.text)) [rule \(e.rule)]\n"
                case .changed: out += "  \(e.stage): changed \(quote(e.text)) → \(quote(e.replacement ?? "")) [rule \(e.rule)]\n"
                case .relabeled: out += "  \(e.stage): \(quote(e.text)) is a \(e.replacement ?? "") [rule \(e.rule)]\n"
                case .outside: out += "  \(e.stage): the line belongs to no document [rule \(e.rule)]\n"
                }
            }
        }
        return out
    }
}
