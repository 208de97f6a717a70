/// One of `count` parts of an input, for a run split across processes or machines: shard
/// `index` (1-based) of `count` takes the pages that start in the `index`-th equal slice of
/// the file's bytes. Each reader moves its slice's two ends to page boundaries by the same
/// rule (see ``PlainTextReader/syncPoint(path:at:options:detector:maximumPageLines:)``), so
/// the shards' pages follow one another with nothing missing or read twice, and their
/// documents, concatenated in shard order, are the whole run's, byte for byte.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw ShardError(message: "the number of shards must be at least 1, not \(count)") }
        guard (1...count).contains(index) else { throw ShardError(message: "shard \(index) of \(count) does not exist: shards are numbered 1 to \(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `K/N` (`3/8`: the third of eight shards).
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError(message: "\"\(text)\" is no shard: write K/N, e.g. 3/8 for the third of eight")
        }
        try self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The slice of an input of `total` bytes before its ends move to page boundaries.
    public func byteRange(total: Int) -> Range<Int> {
        // Multiplied in two steps so that no product of two large numbers overflows.
        func cut(_ k: Int) -> Int { k == count ? total : total / count * k + total % count * k / count }
        return cut(index - 1)..<cut(index)
    }

    /// The suffix of the output names (`dump.shard-03-of-12.jsonl`): zero-padded, so that
    /// the files sort in shard order.
    public var fileSuffix: String {
        let width = String(count).count
        let k = String(index)
        return ".shard-" + String(repeating: "0", count: width - k.count) + k + "-of-\(count)"
    }
}

public struct ShardError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The lines a sharded reader covers: from `first` up to (not including) `end`, 1-based
/// line numbers. Lines from `first` up to `sync` are the title lines that the page starting
/// at `sync` carries with it: they join that page as they are, as a whole-file reader moves
/// them there when it cuts the previous page at `sync`.
struct LineWindow: Sendable, Hashable {
    var first: Int
    var sync: Int
    var end: Int
    static let whole = LineWindow(first: 1, sync: 1, end: .max)
}
