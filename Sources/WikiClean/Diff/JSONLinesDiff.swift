#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The differences between two document JSON Lines files (outputs of `wikiclean run`), for CI.
///
/// Documents are paired by their `id` string; a line without one is paired by its 1-based
/// line number as `#N`. Paired documents are compared field by field as JSON values (the
/// order of members inside objects does not matter; numbers compare by their literal text),
/// leaving out the fields in `ignoring`. A document that only moved is unchanged; how many
/// moved is reported as ``Summary/reordered``.
///
/// Every list is in a deterministic order: ``added`` and ``changed`` in the order of the
/// new file, ``removed`` in the order of the old file.
public struct JSONLinesDiff: Sendable {
    /// Why two files could not be compared: an unreadable file, a line that is not a JSON
    /// object, or an id used twice in one file.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// What went wrong.
        public enum Kind: Sendable, Hashable {
            /// The file cannot be opened or read.
            case unreadable
            /// A line is not JSON, or is JSON but not an object.
            case malformedLine
            /// Two lines of one file have the same id.
            case duplicateID
        }

        /// What went wrong.
        public var kind: Kind
        /// The file's path (or the name given for in-memory input).
        public var file: String
        /// The 1-based line number, when the error is about one line.
        public var line: Int?
        /// A sentence saying what is wrong.
        public var message: String

        /// Creates an error.
        public init(kind: Kind, file: String, line: Int?, message: String) {
            self.kind = kind
            self.file = file
            self.line = line
            self.message = message
        }

        /// `file:line: message`.
        public var description: String {
            if let line { return "\(file):\(line): \(message)" }
            return "\(file): \(message)"
        }
    }

    /// Counts of documents by outcome.
    ///
    /// `changed + added + removed + unchanged` is the number of distinct ids in both files;
    /// `reordered` counts the unchanged documents that moved, so it is part of `unchanged`.
    public struct Summary: Sendable, Hashable {
        /// Documents in both files whose compared fields differ.
        public var changed = 0
        /// Documents only in the new file.
        public var added = 0
        /// Documents only in the old file.
        public var removed = 0
        /// Unchanged documents that moved relative to the others (the fewest moves that
        /// explain the new order).
        public var reordered = 0
        /// Documents in both files whose compared fields are equal, moved or not.
        public var unchanged = 0

        /// Creates a summary with all counts zero.
        public init() {}
    }

    /// One document present in both files whose compared fields differ.
    public struct Change: Sendable, Hashable {
        /// The document's id (or `#N` for a line without one).
        public var id: String
        /// The top-level fields that differ, in the new document's member order, then fields
        /// only the old document has.
        public var fields: [String]
        /// The document as read from the old file.
        public var old: JSONObject
        /// The document as read from the new file.
        public var new: JSONObject
        /// Unified-diff hunks over the paragraph lines of both documents (see
        /// ``JSONLinesDiff/paragraphLines(of:ignoring:)``); empty when those lines are equal.
        public var diff: [String]
    }

    /// Ids of documents only in the new file, in its order.
    public private(set) var added: [String] = []
    /// Ids of documents only in the old file, in its order.
    public private(set) var removed: [String] = []
    /// Documents in both files that differ, in the new file's order.
    public private(set) var changed: [Change] = []
    /// Ids of unchanged documents that moved, in the new file's order.
    public private(set) var reordered: [String] = []
    /// Counts of documents by outcome.
    public private(set) var summary = Summary()
    /// Titles of added, removed and changed documents, for the text rendering.
    private var titles: [String: String] = [:]
    /// Ids of added and changed documents in the new file's order, for the text rendering.
    private var newOrder: [String] = []

    /// Whether no document was added, removed or changed (moved documents do not count).
    public var isIdentical: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// Compares two files of JSON Lines held in memory.
    ///
    /// Throws only ``Error`` (a malformed line or a duplicate id); nothing else.
    /// - Parameters:
    ///   - oldName: the name of `old` in error messages.
    ///   - newName: the name of `new` in error messages.
    ///   - ignoring: top-level fields to leave out of the comparison (`meta`, `source`, …).
    ///   - context: unchanged paragraph lines shown around each change in ``Change/diff``.
    public init(
        old: [UInt8], new: [UInt8], oldName: String = "old", newName: String = "new", ignoring: Set<String> = [],
        context: Int = 2
    ) throws(Error) {
        let oldTable = try DocumentTable(bytes: old, file: oldName)
        let newTable = try DocumentTable(bytes: new, file: newName)
        self.init(old: oldTable, new: newTable, ignoring: ignoring, context: context)
    }

    /// Compares two JSON Lines files read from disk (`-` reads standard input), line by line.
    ///
    /// Throws only ``Error`` (an unreadable file, a malformed line or a duplicate id); nothing else.
    /// - Parameters:
    ///   - ignoring: top-level fields to leave out of the comparison (`meta`, `source`, …).
    ///   - context: unchanged paragraph lines shown around each change in ``Change/diff``.
    public init(oldPath: String, newPath: String, ignoring: Set<String> = [], context: Int = 2) throws(Error) {
        let oldTable = try DocumentTable(path: oldPath)
        let newTable = try DocumentTable(path: newPath)
        self.init(old: oldTable, new: newTable, ignoring: ignoring, context: context)
    }

    private init(old: DocumentTable, new: DocumentTable, ignoring: Set<String>, context: Int) {
        // Old positions of the documents in both files, in the new file's order.
        var pairedOldPositions: [Int] = []
        var pairedUnchanged: [Bool] = []
        var pairedIDs: [String] = []
        for entry in new.entries {
            guard let oldPosition = old.position[entry.key] else {
                added.append(entry.key)
                newOrder.append(entry.key)
                titles[entry.key] = entry.object["title"]?.stringValue
                continue
            }
            let before = old.entries[oldPosition].object
            let fields = Self.changedFields(before, entry.object, ignoring: ignoring)
            pairedOldPositions.append(oldPosition)
            pairedUnchanged.append(fields.isEmpty)
            pairedIDs.append(entry.key)
            guard !fields.isEmpty else { continue }
            var diff: [String] = []
            if fields.contains("sections") || fields.contains("captions") || fields.contains("text") {
                diff = UnifiedDiff.hunks(
                    old: Self.paragraphLines(of: before, ignoring: ignoring),
                    new: Self.paragraphLines(of: entry.object, ignoring: ignoring), context: context)
            }
            changed.append(Change(id: entry.key, fields: fields, old: before, new: entry.object, diff: diff))
            newOrder.append(entry.key)
            titles[entry.key] = entry.object["title"]?.stringValue ?? before["title"]?.stringValue
        }
        for entry in old.entries where new.position[entry.key] == nil {
            removed.append(entry.key)
            titles[entry.key] = entry.object["title"]?.stringValue
        }
        let staying = Self.longestIncreasingSubsequence(pairedOldPositions)
        for (i, id) in pairedIDs.enumerated() where pairedUnchanged[i] && !staying[i] {
            reordered.append(id)
        }
        summary.changed = changed.count
        summary.added = added.count
        summary.removed = removed.count
        summary.reordered = reordered.count
        summary.unchanged = pairedIDs.count - changed.count
    }

    // MARK: - Comparison

    /// The top-level fields that differ between two documents, leaving out `ignoring`: the new
    /// document's keys in order, then keys only the old one has. Does not throw.
    public static func changedFields(_ old: JSONObject, _ new: JSONObject, ignoring: Set<String> = []) -> [String] {
        var seen: Set<String> = []
        var fields: [String] = []
        for key in new.keys + old.keys where !ignoring.contains(key) && seen.insert(key).inserted {
            switch (old[key], new[key]) {
            case (let a?, let b?): if !equivalent(a, b) { fields.append(key) }
            default: fields.append(key)
            }
        }
        return fields
    }

    /// Whether two JSON values are equal, ignoring the order of object members (with
    /// duplicate keys, the last member counts, as ``JSONObject``'s subscript reads it).
    /// Numbers compare by their literal text. Does not throw.
    public static func equivalent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            for i in x.indices where !equivalent(x[i], y[i]) { return false }
            return true
        case (.object(let x), .object(let y)):
            if x == y { return true }
            var left: [String: JSONValue] = [:]
            for member in x.members { left[member.key] = member.value }
            var right: [String: JSONValue] = [:]
            for member in y.members { right[member.key] = member.value }
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let other = right[key], equivalent(value, other) else { return false }
            }
            return true
        default:
            return a == b
        }
    }

    /// A document's content as lines for the unified diff: for each entry of `sections`, a
    /// `## heading` line when the heading is a string, then one line per paragraph; then one
    /// `[caption] …` line per caption. Line breaks inside a text are shown as `\n`.
    ///
    /// Fields in `ignoring` contribute no lines; entries of unexpected shape are skipped.
    /// Does not throw.
    public static func paragraphLines(of document: JSONObject, ignoring: Set<String> = []) -> [String] {
        func oneLine(_ s: String) -> String {
            s.contains("\n") || s.contains("\r")
                ? s.replacingAll("\r\n", "\\n").replacingAll("\n", "\\n").replacingAll("\r", "\\r") : s
        }
        var lines: [String] = []
        if !ignoring.contains("sections") {
            for case .object(let section) in document["sections"]?.arrayValue ?? [] {
                if let heading = section["heading"]?.stringValue { lines.append("## " + oneLine(heading)) }
                for case .string(let p) in section["paragraphs"]?.arrayValue ?? [] { lines.append(oneLine(p)) }
            }
        }
        if !ignoring.contains("captions") {
            for case .string(let c) in document["captions"]?.arrayValue ?? [] { lines.append("[caption] " + oneLine(c)) }
        }
        return lines
    }

    /// For each element, whether it is on one longest strictly increasing subsequence
    /// (the earliest-ending one, so the choice is deterministic).
    private static func longestIncreasingSubsequence(_ values: [Int]) -> [Bool] {
        // tails[l] is the index of the smallest tail of an increasing run of length l + 1.
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: values.count)
        for (i, value) in values.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if values[tails[mid]] < value { low = mid + 1 } else { high = mid }
            }
            if low > 0 { previous[i] = tails[low - 1] }
            if low == tails.count { tails.append(i) } else { tails[low] = i }
        }
        var onRun = [Bool](repeating: false, count: values.count)
        var i = tails.last ?? -1
        while i >= 0 {
            onRun[i] = true
            i = previous[i]
        }
        return onRun
    }

    // MARK: - Rendering

    /// The longest rendering of a field's value in ``renderText()``, in characters.
    private static let valueWidth = 120

    /// A human-readable report, ending with a newline: for each changed document a line
    /// `changed ID (TITLE): FIELDS`, the old and new values of changed fields other than the
    /// paragraph content, and the unified diff of its paragraph lines; `added ID` and
    /// `removed ID` lines; then a summary line of counts. Does not throw.
    public func renderText() -> String {
        var out = ""
        func label(_ id: String) -> String {
            if let title = titles[id], !title.isEmpty { return "\(id) (\(title))" }
            return id
        }
        var changeIndex: [String: Int] = [:]
        for (i, change) in changed.enumerated() { changeIndex[change.id] = i }
        for id in newOrder {
            guard let i = changeIndex[id] else {
                out += "added \(label(id))\n"
                continue
            }
            let change = changed[i]
            out += "changed \(label(id)): \(change.fields.joined(separator: ", "))\n"
            for field in change.fields {
                let shownByDiff = field == "sections" || field == "captions" || (field == "text" && !change.diff.isEmpty)
                if shownByDiff { continue }
                out += "  \(field): \(Self.shortJSON(change.old[field])) -> \(Self.shortJSON(change.new[field]))\n"
            }
            for line in change.diff { out += line + "\n" }
        }
        for id in removed { out += "removed \(label(id))\n" }
        out += summaryLine + "\n"
        return out
    }

    /// `3 changed, 1 added, 0 removed, 2 reordered, 120 unchanged`.
    public var summaryLine: String {
        "\(summary.changed) changed, \(summary.added) added, \(summary.removed) removed, "
            + "\(summary.reordered) reordered, \(summary.unchanged) unchanged"
    }

    /// The report as one compact JSON object (no newline), written by ``JSONWriter``:
    /// `{"summary":{…counts…},"added":[ids],"removed":[ids],"reordered":[ids],`
    /// `"changed":[{"id":…,"fields":[…],"diff":[…lines…]}]}`. Does not throw.
    public func renderJSON() -> String {
        JSONWriter.string(json)
    }

    /// The report of ``renderJSON()`` as a value.
    public var json: JSONValue {
        func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        func count(_ n: Int) -> JSONValue { .number(String(n)) }
        let counts = JSONObject([
            .init(key: "changed", value: count(summary.changed)),
            .init(key: "added", value: count(summary.added)),
            .init(key: "removed", value: count(summary.removed)),
            .init(key: "reordered", value: count(summary.reordered)),
            .init(key: "unchanged", value: count(summary.unchanged)),
        ])
        let changes: [JSONValue] = changed.map { change in
            .object(
                JSONObject([
                    .init(key: "id", value: .string(change.id)),
                    .init(key: "fields", value: strings(change.fields)),
                    .init(key: "diff", value: strings(change.diff)),
                ]))
        }
        return .object(
            JSONObject([
                .init(key: "summary", value: .object(counts)),
                .init(key: "added", value: strings(added)),
                .init(key: "removed", value: strings(removed)),
                .init(key: "reordered", value: strings(reordered)),
                .init(key: "changed", value: .array(changes)),
            ]))
    }

    /// A value as compact JSON cut to ``valueWidth`` characters, or `(absent)`.
    private static func shortJSON(_ value: JSONValue?) -> String {
        guard let value else { return "(absent)" }
        let text = JSONWriter.string(value)
        guard text.count > valueWidth else { return text }
        return String(text.prefix(valueWidth)) + "…"
    }
}

// MARK: - Reading

/// The documents of one file, keyed by id, in file order.
private struct DocumentTable {
    struct Entry {
        var key: String
        var line: Int
        var object: JSONObject
    }

    let file: String
    var entries: [Entry] = []
    /// Index into `entries` by key.
    var position: [String: Int] = [:]

    /// Reads lines from memory.
    init(bytes: [UInt8], file: String) throws(JSONLinesDiff.Error) {
        self.file = file
        var lineNumber = 0
        var start = 0
        let count = bytes.count
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONLinesDiff.Error) in
            while start < count {
                var end = start
                while end < count, buffer[end] != 0x0A { end += 1 }
                lineNumber += 1
                var lineEnd = end
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                try add(UnsafeBufferPointer(rebasing: buffer[start..<lineEnd]), number: lineNumber)
                start = end + 1
            }
        }
    }

    /// Reads a file line by line (`-` is standard input).
    init(path: String) throws(JSONLinesDiff.Error) {
        self.file = path
        func unreadable(_ error: InputError) -> JSONLinesDiff.Error {
            JSONLinesDiff.Error(kind: .unreadable, file: path, line: nil, message: error.message)
        }
        let reader: ByteLineReader
        do { reader = try ByteLineReader(path: path, limit: Int.max) } catch { throw unreadable(error) }
        while true {
            let next: ByteLineReader.Line?
            do { next = try reader.next() } catch { throw unreadable(error) }
            guard let line = next else { break }
            try add(line.bytes, number: line.number)
        }
    }

    /// Parses one line; blank lines are skipped.
    mutating func add(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws(JSONLinesDiff.Error) {
        var bytes = line
        if number == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: bytes[3...])
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw JSONLinesDiff.Error(kind: .malformedLine, file: file, line: number, message: "not valid JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw JSONLinesDiff.Error(
                kind: .malformedLine, file: file, line: number,
                message: "the line is \(value.kindDescription), not a JSON object")
        }
        let key = object["id"]?.stringValue ?? "#\(number)"
        if let earlier = position[key] {
            throw JSONLinesDiff.Error(
                kind: .duplicateID, file: file, line: number,
                message: "duplicate id \"\(key)\" (first on line \(entries[earlier].line))")
        }
        position[key] = entries.count
        entries.append(Entry(key: key, line: number, object: object))
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced by `replacement`, without Foundation.
    fileprivate func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[rest.startIndex..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
