/// `KEY=VALUE` options for one stage, from a pipeline file or from `--set`, each
/// remembering where it was written so that errors can name the place.
public struct StageOptions: Sendable {
    /// Where an option was written.
    public struct Origin: Sendable, Hashable {
        public var file: String
        public var line: Int?
        public var column: Int?
        public init(file: String, line: Int? = nil, column: Int? = nil) {
            self.file = file
            self.line = line
            self.column = column
        }
    }

    public struct Entry: Sendable {
        public var key: String
        public var value: String
        public var origin: Origin
    }

    public private(set) var entries: [Entry] = []
    /// Folder that relative rules paths are read from.
    public var baseDirectory: String

    public init(baseDirectory: String = ".") {
        self.baseDirectory = baseDirectory
    }

    public mutating func set(_ key: String, _ value: String, origin: Origin) {
        entries.removeAll { $0.key == key }
        entries.append(Entry(key: key, value: value, origin: origin))
    }

    /// Parses `KEY=VALUE` (from `--set`).
    public mutating func set(assignment: String, origin: Origin) throws(ConfigError) {
        guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
            throw ConfigError(file: origin.file, message: "--set takes KEY=VALUE, not \"\(assignment)\"")
        }
        set(String(assignment[..<eq]), String(assignment[assignment.index(after: eq)...]), origin: origin)
    }

    func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

    func error(_ entry: Entry, _ message: String) -> ConfigError {
        ConfigError(file: entry.origin.file, line: entry.origin.line, column: entry.origin.column, key: entry.key, message: message)
    }

    func bool(_ key: String, default value: Bool) throws(ConfigError) -> Bool {
        guard let e = entry(key) else { return value }
        switch e.value {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(e, "option \(key) takes true or false, not \"\(e.value)\"")
        }
    }

    func int(_ key: String, default value: Int, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let e = entry(key) else { return value }
        guard let n = Int(e.value), range.contains(n) else {
            throw error(e, "option \(key) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(e.value)\"")
        }
        return n
    }

    func list(_ key: String, default value: [String]) -> [String] {
        guard let e = entry(key) else { return value }
        return e.value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// Fails on keys the stage does not know.
    func checkKeys(_ known: [String], stage: String) throws(ConfigError) {
        for e in entries where !known.contains(e.key) {
            throw error(e, "stage \(stage) has no option \"\(e.key)\"; its options are: \(known.joined(separator: ", "))")
        }
    }
}
