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
    /// What each rule removed.
    public var removed: [String: Tally] { removedByRule.dictionary }
    /// What each rule changed or relabeled.
    public var changed: [String: Tally] { changedByRule.dictionary }
    /// Raw lines that left every document, by the rule that claimed them.
    public var linesOutside: [String: Int] { linesOutsideByRule.dictionary.mapValues(\.count) }
    // The figures are kept in tables of their own (``RuleTallies``): a stage records
    // something for most lines, and a `[String: Tally]` hashed the whole rule id with SipHash
    // on every record (some 350 instructions); the dictionaries above are made when asked for
    // (once a batch).
    private var removedByRule = RuleTallies()
    private var changedByRule = RuleTallies()
    private var linesOutsideByRule = RuleTallies()
    /// The sum of ``linesOutside``.
    public private(set) var linesOutsideTotal = 0
    public private(set) var events: [Event] = []
    /// Detect-boundaries' per-page arrays, empty, kept for their storage from one page to the
    /// next of the worker that holds this context (``DetectArticleBoundaries/Scratch``); no
    /// part of the figures (``merge(_:)`` leaves them).
    var boundaryScratch = DetectArticleBoundaries.Scratch()

    public init(stage: String, recordsEvents: Bool = false) {
        self.stage = stage
        self.recordsEvents = recordsEvents
    }

    /// Records that `rule` cut `text` out of the document.
    public mutating func recordRemoval(rule: String, text: Substring, line: Int?) {
        removedByRule.add(Tally(count: 1, characters: Self.scalarCount(text)), to: rule)
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
        removedByRule.add(Tally(count: 1, characters: UTF8Scan.scalarCount(bytes)), to: rule)
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .removed, line: line, text: UTF8Validation.knownValidString(bytes)))
        }
    }

    /// Records that `rule` cut `text` out of the document. Counted on the string's own bytes: as
    /// a `Substring` (``recordRemoval(rule:text:line:)``) the count went through the generic
    /// `Slice.withContiguousStorageIfAvailable`, some 430 instructions a call (detect-boundaries'
    /// titles and infobox headers, 629 calls on cc4).
    public mutating func recordRemoval(rule: String, text: String, line: Int?) {
        removedByRule.add(Tally(count: 1, characters: text.withUTF8Bytes(UTF8Scan.scalarCount)), to: rule)
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .removed, line: line, text: text))
        }
    }

    /// Records that `rule` took the whole of `block` out, and gives the chrome block it became.
    mutating func removing(_ block: Block, rule: String) -> Block {
        recordRemoval(rule: rule, text: block.text, line: block.line)
        return Block(role: .chrome, text: block.text, line: block.line, rule: rule)
    }

    /// Records that `rule` changed `characters` characters of a block.
    public mutating func recordChange(rule: String, characters: Int, line: Int?, before: String, after: String) {
        changedByRule.add(Tally(count: 1, characters: characters), to: rule)
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .changed, line: line, text: before, replacement: after))
        }
    }

    /// Adds counts of changes measured elsewhere (a normalizer's own statistics).
    public mutating func addChanges(rule: String, _ tally: Tally) {
        changedByRule.add(tally, to: rule)
    }

    /// Records that a block's text now plays another role (a paragraph found to be a heading).
    public mutating func recordRelabel(rule: String, text: String, line: Int?, role: Block.Role) {
        changedByRule.add(Tally(count: 1, characters: 0), to: rule)
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .relabeled, line: line, text: text, replacement: role.rawValue))
        }
    }

    /// Records that a raw line ended up in no document, claimed by `rule`.
    public mutating func recordLineOutside(rule: String, line: Int?) {
        linesOutsideByRule.add(Tally(count: 1), to: rule)
        linesOutsideTotal += 1
        if recordsEvents {
            events.append(Event(stage: stage, rule: rule, action: .outside, line: line, text: ""))
        }
    }

    /// Adds another context's figures (same stage, other documents).
    public mutating func merge(_ other: StageContext) {
        removedByRule.add(other.removedByRule)
        changedByRule.add(other.changedByRule)
        linesOutsideByRule.add(other.linesOutsideByRule)
        linesOutsideTotal += other.linesOutsideTotal
        events.append(contentsOf: other.events)
    }
}

/// Tallies by rule id: what ``StageContext`` keeps instead of `[String: Tally]`. A stage's
/// rule ids are few (tens at most) and short, and most are the same `String` each time (a
/// stage's constant, a rule's id from its file): a record is a cheap hash of the id's
/// length and first and last bytes, a probe of a small open-addressing table and one string
/// comparison (equal storage answers it at once), instead of SipHash over every byte and a
/// `Dictionary` look-up. Ids are kept in the order first recorded.
struct RuleTallies: Sendable {
    private var rules: [String] = []
    private var tallies: [StageContext.Tally] = []
    /// Open addressing, linear probing: the index in `rules` plus one, 0 for an empty slot.
    /// Its size is a power of two, at least twice the number of rules.
    private var slots: [Int32] = []
    /// The bits of the last id looked up (`rules[lastIndex]`'s), and its index (-1: none).
    /// A stage records the same rule many times in a row, nearly always with the same `String`
    /// (its constant, its rule's id): the same bits are the same value, and the table holds
    /// that string, so its storage cannot be freed and reused for another id while it is here.
    /// A hit spares the hash and the probe (on the 4 MB slice 12,857 look-ups, ~130
    /// instructions each).
    private var lastBits: (UInt64, UInt64) = (0, 0)
    private var lastIndex = -1

    /// Adds `tally` to the tally of `rule`.
    @inline(__always)
    mutating func add(_ tally: StageContext.Tally, to rule: String) {
        tallies[index(of: rule)].add(tally)
    }

    /// Adds another table's tallies, rule by rule.
    mutating func add(_ other: RuleTallies) {
        for k in other.rules.indices { add(other.tallies[k], to: other.rules[k]) }
    }

    /// The tallies as a dictionary.
    var dictionary: [String: StageContext.Tally] {
        var d: [String: StageContext.Tally] = [:]
        d.reserveCapacity(rules.count)
        for k in rules.indices { d[rules[k]] = tallies[k] }
        return d
    }

    /// The index of `rule` in `rules`, appended with an empty tally when it is new.
    @inline(__always)
    private mutating func index(of rule: String) -> Int {
        let bits = unsafeBitCast(rule, to: (UInt64, UInt64).self)
        if lastIndex >= 0 && bits == lastBits { return lastIndex }
        let k = lookUp(rule)
        lastBits = unsafeBitCast(rules[k], to: (UInt64, UInt64).self)
        lastIndex = k
        return k
    }

    /// ``index(of:)`` by the hash table.
    private mutating func lookUp(_ rule: String) -> Int {
        if slots.isEmpty { slots = Array(repeating: 0, count: 16) }
        let mask = slots.count - 1
        var i = Self.hash(rule) & mask
        while true {
            let s = Int(slots[i])
            if s == 0 { break }
            if rules[s - 1] == rule { return s - 1 }
            i = (i + 1) & mask
        }
        let k = rules.count
        rules.append(rule)
        tallies.append(StageContext.Tally())
        slots[i] = Int32(k + 1)
        if 2 * rules.count > slots.count { rehash(to: 2 * slots.count) }
        return k
    }

    private mutating func rehash(to size: Int) {
        slots = Array(repeating: 0, count: size)
        let mask = size - 1
        for k in rules.indices {
            var i = Self.hash(rules[k]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(k + 1)
        }
    }

    /// A hash of the id's UTF-8 length and its first and last (up to) eight bytes: enough to
    /// tell a stage's rule ids apart nearly always (a collision costs a comparison more).
    static func hash(_ rule: String) -> Int {
        // (A Swift string's bytes are contiguous: native or small; others hash by length.)
        rule.utf8.withContiguousStorageIfAvailable { p -> Int in
            let n = p.count
            var a = UInt64(truncatingIfNeeded: n)
            var b: UInt64 = 0
            if n >= 8, let base = p.baseAddress {
                a ^= UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
                b = UnsafeRawPointer(base + n - 8).loadUnaligned(as: UInt64.self)
            } else {
                for k in 0..<n { b = b << 8 | UInt64(p[k]) }
            }
            var h = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)
            h ^= h >> 29
            h = h &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 32
            return Int(truncatingIfNeeded: h)
        } ?? rule.utf8.count
    }
}
