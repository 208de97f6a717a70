import Yams

/// An error in a pipeline or rules file, naming the file, the line and the key.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The key path that is wrong (`stages[2].profile`), when there is one.
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        let at = key.map { " (key \($0))" } ?? ""
        return "\(place): \(message)\(at)"
    }
}

/// A YAML node that remembers its file and key path, so every error names them.
struct ConfigNode {
    let file: String
    let node: ConfigTree
    /// The parent's key path and this node's step from it: the path is only written out when
    /// it is asked for (an error, or a child's path), not for every scalar of a rules file
    /// (the ~3,000 paths of the default rules took ~2 M instructions of a run's start-up).
    private let parentPath: String
    private let step: Step

    private enum Step {
        case root
        case key(String)
        case index(Int)
    }

    /// The key path of the node (`phrases[3].pattern`; empty for the root).
    var path: String {
        switch step {
        case .root: return parentPath
        case .key(let key): return parentPath.isEmpty ? key : "\(parentPath).\(key)"
        case .index(let i): return "\(parentPath)[\(i)]"
        }
    }

    private init(file: String, node: ConfigTree, parentPath: String, step: Step) {
        self.file = file
        self.node = node
        self.parentPath = parentPath
        self.step = step
    }

    /// Where the node starts in its file (1-based).
    var line: Int? { node.line }
    var column: Int? { node.column }

    static func parse(yaml: String, file: String) throws(ConfigError) -> ConfigNode {
        // The project's own files are in the plain subset that FastYAML reads; anything else
        // (and every error) goes to Yams.
        if let tree = FastYAML.parse(yaml) { return ConfigNode(file: file, node: tree, parentPath: "", step: .root) }
        do {
            // Scalars are read as the text they are (`string()`, `int()`, `bool()` below), so
            // no tag resolution: the basic resolver skips the default one's regular
            // expressions on every scalar (most of the start-up time of a run).
            guard let root = try Yams.compose(yaml: yaml, .basic) else {
                throw ConfigError(file: file, line: 1, message: "the file is empty")
            }
            return ConfigNode(file: file, node: ConfigTree(root), parentPath: "", step: .root)
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
                throw ConfigError(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
            default:
                throw ConfigError(file: file, message: "not valid YAML: \(error)")
            }
        } catch {
            throw ConfigError(file: file, message: "not valid YAML: \(error)")
        }
    }

    func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: node.line, column: node.column, key: path.isEmpty ? nil : path, message: message)
    }

    private func child(_ node: ConfigTree, _ key: String, parentPath: String) -> ConfigNode {
        ConfigNode(file: file, node: node, parentPath: parentPath, step: .key(key))
    }

    /// The members of a mapping, in order, with their key nodes for error positions.
    func mapping() throws(ConfigError) -> [(key: String, value: ConfigNode)] {
        guard case .mapping(let m) = node.value else { throw error("expected a mapping (key: value lines)") }
        var out: [(key: String, value: ConfigNode)] = []
        out.reserveCapacity(m.count)
        let parentPath = path
        for member in m {
            guard let key = member.key else { throw error("a key is not a plain string") }
            out.append((key: key, value: child(member.value, key, parentPath: parentPath)))
        }
        return out
    }

    /// The items of a sequence.
    func sequence() throws(ConfigError) -> [ConfigNode] {
        guard case .sequence(let s) = node.value else { throw error("expected a list") }
        let parentPath = path
        return s.enumerated().map { ConfigNode(file: file, node: $0.element, parentPath: parentPath, step: .index($0.offset)) }
    }

    func string() throws(ConfigError) -> String {
        guard case .scalar(let s) = node.value else { throw error("expected a string") }
        return s
    }

    func int() throws(ConfigError) -> Int {
        guard case .scalar(let s) = node.value, let n = Int(s) else { throw error("expected a whole number") }
        return n
    }

    func bool() throws(ConfigError) -> Bool {
        guard case .scalar(let s) = node.value else { throw error("expected true or false") }
        switch s {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, not \"\(s)\"")
        }
    }

    func stringList() throws(ConfigError) -> [String] {
        var out: [String] = []
        for item in try sequence() { out.append(try item.string()) }
        return out
    }

    /// The node as a plain scalar string, whatever its YAML type (for `KEY=VALUE` options).
    func scalarText() throws(ConfigError) -> String {
        guard case .scalar(let s) = node.value else { throw error("expected a single value") }
        return s
    }
}
