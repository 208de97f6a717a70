/// Collects what a stage did to the documents it was given: removals and changes by rule
/// id (counts and characters), and, when asked for, every single event with its span, for
/// `wikiclean explain`.
public struct StageContext: Sendable {
    /// Count and size of what one rule did.
    public struct Tally: Sendable, Hashable {
        public var count = 0
        public var characters = 0
        public init(count: Int = 0, characters: Int = 0) {
            self.count = count
            self.characters = characters
        }
        mutating func add(_ other: Tally) {
            count += other.count
            characters += other.characters
        }
    }

    /// One thing a stage did, recorded only when ``recordsEvents`` is on.
    public struct Event: Sendable, Hashable {
        public enum Action: String, Sendable, Hashable {
            case removed, changed, relabeled
            /// The raw line ended up in no document.
            case outside
        }
        public var stage: String
        public var rule: String
        public var action: Action
        public var line: Int?
        /// The text removed or changed (before).
        public var text: String
        /// For `.changed`: the new text; for `.relabeled`: the new role.
        public var replacement: String?
    }

    /// Identifier of the stage being run (set by the runner).
    public var stage: String
    /// Whether to keep every event (slow; for `explain`).
    public var recordsEvents: Bool
    public private(set) var removed: [String: Tally] = [:]
    public private(set) var changed: [String: Tally] = [:]
    /// Raw lines that left every document, by the rule that claimed them.
    public private(set) var linesOutside: [String: Int] = [:]
    /// The sum of ``linesOutside``.
    public private(set) var linesOutsideTotal = 0
    public private(set) var events: [Event] = []

    public init(stage: String, recordsEvents: Bool = false) {
        self.stage = stage
        self.recordsEvents = recordsEvents
    }

    /// Records that `rule` cut `text` out of the document.
    public mutating func recordRemoval(rule: String, text: Substring, line: Int?) {
        removed[rule, default: Tally()].add(Tally(count: 1, characters: Self.scalarCount(text)))
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .removed, line: line, text: String(text)))
        }
    }

    /// Unicode scalars in `text`, counted on its UTF-8 bytes.
    static func scalarCount(_ text: Substring) -> Int {
        text.utf8.withContiguousStorageIfAvailable(UTF8Scan.scalarCount) ?? text.unicodeScalars.count
    }

    /// Records that `rule` cut out the text whose UTF-8 is `bytes`, which must be well-formed
    /// (a slice of a `String` cut at character boundaries): counted on the bytes, and made a
    /// `String` only when events are kept, so that a stage cutting pieces out of a line builds
    /// no `String` for them.
    mutating func recordRemoval(rule: String, validUTF8 bytes: UnsafeBufferPointer<UInt8>, line: Int?) {
        removed[rule, default: Tally()].add(Tally(count: 1, characters: UTF8Scan.scalarCount(bytes)))
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .removed, line: line, text: UTF8Validation.knownValidString(bytes)))
        }
    }

    /// Records that `rule` cut `text` out of the document.
    public mutating func recordRemoval(rule: String, text: String, line: Int?) {
        recordRemoval(rule: rule, text: text[...], line: line)
    }

    /// Records that `rule` took the whole of `block` out, and gives the chrome block it became.
    mutating func removing(_ block: Block, rule: String) -> Block {
        recordRemoval(rule: rule, text: block.text, line: block.line)
        return Block(role: .chrome, text: block.text, line: block.line, rule: rule)
    }

    /// Records that `rule` changed `characters` characters of a block.
    public mutating func recordChange(rule: String, characters: Int, line: Int?, before: String, after: String) {
        changed[rule, default: Tally()].add(Tally(count: 1, characters: characters))
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .changed, line: line, text: before, replacement: after))
        }
    }

    /// Adds counts of changes measured elsewhere (a normalizer's own statistics).
    public mutating func addChanges(rule: String, _ tally: Tally) {
        changed[rule, default: Tally()].add(tally)
    }

    /// Records that a block's text now plays another role (a paragraph found to be a heading).
    public mutating func recordRelabel(rule: String, text: String, line: Int?, role: Block.Role) {
        changed[rule, default: Tally()].add(Tally(count: 1, characters: 0))
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .relabeled, line: line, text: text, replacement: role.rawValue))
        }
    }

    /// Records that a raw line ended up in no document, claimed by `rule`.
    public mutating func recordLineOutside(rule: String, line: Int?) {
        linesOutside[rule, default: 0] += 1
        linesOutsideTotal += 1
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .outside, line: line, text: ""))
        }
    }

    /// Adds another context's figures (same stage, other documents).
    public mutating func merge(_ other: StageContext) {
        for (k, v) in other.removed { removed[k, default: Tally()].add(v) }
        for (k, v) in other.changed { changed[k, default: Tally()].add(v) }
        for (k, v) in other.linesOutside { linesOutside[k, default: 0] += v }
        linesOutsideTotal += other.linesOutsideTotal
        events.append(contentsOf: other.events)
    }
}
