/// A line diff (Myers' O(N·D) algorithm) and its rendering as unified-diff hunks.
///
/// The diff is deterministic: the same two line lists always give the same hunks. Its cost
/// is bounded: past ``maximumEditDistance`` differing lines (after the common prefix and
/// suffix are set aside) the middle part is shown as removed whole and added whole, so a
/// diff never takes more than O((N+M)·D) time and O(D²) memory for that bound D.
public enum UnifiedDiff {
    /// One step of an edit script that turns the old lines into the new ones.
    public enum Edit: Sendable, Hashable {
        /// Old line `old` (0-based) is kept as new line `new`.
        case keep(old: Int, new: Int)
        /// Old line `old` (0-based) is removed.
        case delete(old: Int)
        /// New line `new` (0-based) is added.
        case insert(new: Int)
    }

    /// The largest edit distance searched for a shortest script; larger differences fall back
    /// to "remove all, add all" between the common prefix and suffix.
    public static let maximumEditDistance = 1000

    /// The hunks of a unified diff from `old` to `new`: `@@ -a,b +c,d @@` headers, then lines
    /// starting with ` ` (context), `-` (removed) or `+` (added). Empty when the lists are equal.
    ///
    /// There are no `---`/`+++` file headers. Lines are used as given, so they should not
    /// contain line breaks. Does not throw.
    /// - Parameter context: how many unchanged lines to show around each change.
    public static func hunks(old: [String], new: [String], context: Int = 2) -> [String] {
        let script = edits(old: old, new: new)
        let context = max(0, context)
        // Lines of old and new consumed before each edit, for the hunk headers.
        var oldBefore: [Int] = []
        var newBefore: [Int] = []
        oldBefore.reserveCapacity(script.count)
        newBefore.reserveCapacity(script.count)
        var o = 0
        var n = 0
        var changes: [Int] = []
        for (i, edit) in script.enumerated() {
            oldBefore.append(o)
            newBefore.append(n)
            switch edit {
            case .keep: o += 1; n += 1
            case .delete: o += 1; changes.append(i)
            case .insert: n += 1; changes.append(i)
            }
        }
        guard let firstChange = changes.first else { return [] }

        var out: [String] = []
        func emit(_ start: Int, _ end: Int) {
            var oldCount = 0
            var newCount = 0
            for edit in script[start...end] {
                switch edit {
                case .keep: oldCount += 1; newCount += 1
                case .delete: oldCount += 1
                case .insert: newCount += 1
                }
            }
            out.append("@@ -\(range(oldBefore[start] + 1, oldCount)) +\(range(newBefore[start] + 1, newCount)) @@")
            for edit in script[start...end] {
                switch edit {
                case .keep(let i, _): out.append(" " + old[i])
                case .delete(let i): out.append("-" + old[i])
                case .insert(let j): out.append("+" + new[j])
                }
            }
        }
        var hunkStart = max(0, firstChange - context)
        var lastChange = firstChange
        for c in changes.dropFirst() {
            if c - lastChange - 1 > 2 * context {
                emit(hunkStart, min(script.count - 1, lastChange + context))
                hunkStart = c - context
            }
            lastChange = c
        }
        emit(hunkStart, min(script.count - 1, lastChange + context))
        return out
    }

    /// `start,count` as unified diff writes it: `start` alone for one line, and the line
    /// before the range with `,0` for none.
    private static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(start - 1),0"
        case 1: return "\(start)"
        default: return "\(start),\(count)"
        }
    }

    /// A shortest edit script from `old` to `new` (within ``maximumEditDistance``), with the
    /// removals of each run of changes before its additions. Does not throw.
    public static func edits(old: [String], new: [String]) -> [Edit] {
        // Compare small integers rather than strings.
        var ids: [String: Int] = [:]
        var aIDs: [Int] = []
        aIDs.reserveCapacity(old.count)
        for line in old {
            if let id = ids[line] { aIDs.append(id) } else { let id = ids.count; ids[line] = id; aIDs.append(id) }
        }
        var bIDs: [Int] = []
        bIDs.reserveCapacity(new.count)
        for line in new {
            if let id = ids[line] { bIDs.append(id) } else { let id = ids.count; ids[line] = id; bIDs.append(id) }
        }

        var prefix = 0
        while prefix < aIDs.count, prefix < bIDs.count, aIDs[prefix] == bIDs[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < aIDs.count - prefix, suffix < bIDs.count - prefix,
            aIDs[aIDs.count - 1 - suffix] == bIDs[bIDs.count - 1 - suffix]
        {
            suffix += 1
        }

        var script: [Edit] = []
        script.reserveCapacity(aIDs.count + bIDs.count)
        for i in 0..<prefix { script.append(.keep(old: i, new: i)) }
        let middle = myers(Array(aIDs[prefix..<(aIDs.count - suffix)]), Array(bIDs[prefix..<(bIDs.count - suffix)]))
        for edit in groupedRemovalsFirst(middle) {
            switch edit {
            case .keep(let i, let j): script.append(.keep(old: i + prefix, new: j + prefix))
            case .delete(let i): script.append(.delete(old: i + prefix))
            case .insert(let j): script.append(.insert(new: j + prefix))
            }
        }
        for k in 0..<suffix { script.append(.keep(old: aIDs.count - suffix + k, new: bIDs.count - suffix + k)) }
        return script
    }

    /// Myers' greedy forward algorithm with a saved frontier per step for the walk back.
    private static func myers(_ a: [Int], _ b: [Int]) -> [Edit] {
        let n = a.count
        let m = b.count
        if n == 0 { return (0..<m).map { .insert(new: $0) } }
        if m == 0 { return (0..<n).map { .delete(old: $0) } }
        let bound = min(n + m, maximumEditDistance)
        let offset = bound + 1
        var v = [Int](repeating: 0, count: 2 * bound + 3)
        // trace[d][k + d] is v[k] as it stood before step d, for k in -d...d.
        var trace: [[Int]] = []
        var found: Int? = nil
        search: for d in 0...bound {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m {
                    found = d
                    break search
                }
            }
        }
        guard let distance = found else {
            return (0..<n).map { .delete(old: $0) } + (0..<m).map { .insert(new: $0) }
        }

        var reversed: [Edit] = []
        var x = n
        var y = m
        var d = distance
        while d > 0 {
            let saved = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && saved[k - 1 + d] < saved[k + 1 + d])) ? k + 1 : k - 1
            let previousX = saved[previousK + d]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                reversed.append(.keep(old: x - 1, new: y - 1))
                x -= 1
                y -= 1
            }
            if x == previousX {
                reversed.append(.insert(new: y - 1))
            } else {
                reversed.append(.delete(old: x - 1))
            }
            x = previousX
            y = previousY
            d -= 1
        }
        while x > 0 && y > 0 {
            reversed.append(.keep(old: x - 1, new: y - 1))
            x -= 1
            y -= 1
        }
        return reversed.reversed()
    }

    /// Reorders each run of changes (no kept line inside) to list its removals first.
    private static func groupedRemovalsFirst(_ script: [Edit]) -> [Edit] {
        var out: [Edit] = []
        out.reserveCapacity(script.count)
        var deletes: [Edit] = []
        var inserts: [Edit] = []
        func flush() {
            out.append(contentsOf: deletes)
            out.append(contentsOf: inserts)
            deletes.removeAll()
            inserts.removeAll()
        }
        for edit in script {
            switch edit {
            case .keep: flush(); out.append(edit)
            case .delete: deletes.append(edit)
            case .insert: inserts.append(edit)
            }
        }
        flush()
        return out
    }
}
