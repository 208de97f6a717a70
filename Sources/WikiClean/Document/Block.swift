/// One element of a page: a paragraph, a heading, an image caption, or a piece of site
/// chrome that was recognised and set aside.
///
/// A plain-text reader turns every raw line into a `.paragraph` block; later stages split,
/// relabel and trim blocks. A reader that knows the structure (an HTML or MediaWiki XML
/// reader with a DOM) emits `.heading` and `.caption` blocks directly, and the stages that
/// would have guessed them leave such blocks alone.
public struct Block: Sendable, Hashable {
    /// What a block is.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case paragraph, heading, caption, chrome
    }

    /// A hint that a chrome block gives about where pages begin and end.
    public enum Signal: String, Sendable, Hashable, CaseIterable {
        /// Chrome that a site renders at the top of a page (a menu, a skip link, a tagline).
        case pageStart = "page-start"
        /// Chrome that a site renders after the body (a share button, a license line).
        case pageEnd = "page-end"
    }

    // `text` is declared first so that the memberwise initializer the compiler makes
    // (`init(text:role:line:rule:signal:)`, internal) differs from the public one below, which
    // calls it: see there.
    public var text: String
    public var role: Role
    /// 1-based line of the raw input the block came from (for JSON Lines input: the line
    /// within the record's text), or `nil` when unknown.
    public var line: Int?
    /// For `.chrome`: the id of the rule that recognised it. For a `.paragraph`: a hint from
    /// an earlier stage, such as ``UnwrapMarkdown/headingHint`` (a heading in the page's Markdown).
    public var rule: String?
    /// For `.chrome`: what it says about page boundaries.
    public var signal: Signal?

    /// A paragraph block.
    public static func paragraph(_ text: String, line: Int?) -> Block { Block(role: .paragraph, text: text, line: line) }
    /// A heading block.
    public static func heading(_ text: String, line: Int?) -> Block { Block(role: .heading, text: text, line: line) }
    /// A caption block.
    public static func caption(_ text: String, line: Int?) -> Block { Block(role: .caption, text: text, line: line) }
}

extension Block {
    /// Delegates to the memberwise initializer, declared in an extension so that the compiler
    /// still makes one. Written field by field (`self.role = role`, …), an initializer of its
    /// own built the block twice where it was inlined: once where it was assembled and once
    /// where it was stored, the first copied over (an outlined copy: its strings retained) and
    /// the second destroyed (released), some 140 instructions for every block made, every line
    /// the reader reads among them. The memberwise initializer builds the value in one place.
    public init(role: Role, text: String, line: Int?, rule: String? = nil, signal: Signal? = nil) {
        self.init(text: text, role: role, line: line, rule: rule, signal: signal)
    }
}

extension Array where Element == Block {
    /// Whether no other block next to the one at `index` comes from the same raw line (the
    /// block is a whole line of the page, not a piece a stage cut from it).
    func isWholeLine(at index: Int) -> Bool {
        let line = self[index].line
        return (index == 0 || self[index - 1].line != line) && (index + 1 == count || self[index + 1].line != line)
    }
}

extension Array where Element == Block {
    // Searches by role, reading each block's role in place: `firstIndex(where:)` and
    // `contains(where:)` with a closure copied every block they looked at (its strings
    // retained, then released) to read that one field.

    /// The first index at or after `start` whose block has role `a` (or `b`).
    func firstIndex(from start: Int = 0, role a: Block.Role, or b: Block.Role? = nil) -> Int? {
        var k = start
        while k < count {
            let r = self[k].role
            if r == a || r == b { return k }
            k += 1
        }
        return nil
    }

    /// The first index at or after `start` whose block does not have role `role`.
    func firstIndex(from start: Int, notRole role: Block.Role) -> Int? {
        var k = start
        while k < count {
            if self[k].role != role { return k }
            k += 1
        }
        return nil
    }

    /// The last index whose block has role `a` (or `b`).
    func lastIndex(role a: Block.Role, or b: Block.Role? = nil) -> Int? {
        var k = count - 1
        while k >= 0 {
            let r = self[k].role
            if r == a || r == b { return k }
            k -= 1
        }
        return nil
    }

    /// Whether a block at or after `start` has role `a` (or `b`).
    func contains(from start: Int = 0, role a: Block.Role, or b: Block.Role? = nil) -> Bool {
        firstIndex(from: start, role: a, or: b) != nil
    }
}
