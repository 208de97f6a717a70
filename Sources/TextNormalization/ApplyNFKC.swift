internal import CICUShims

/// `nfkc`: Unicode NFKC through ICU's `UNormalizer2` (thread-safe; scratch is per call).
///
/// Only the pieces between normalization boundaries that hold an NFKC-unsafe character go
/// through UTF-16 and ICU, so the result equals normalizing the whole line. Calls
/// `cicu_nfkc_utf8_skipping` (`unorm2_normalize`), which passes runs of characters without
/// triggers 32 bytes at a time (``TriggerTables/nfkcSkipTable``).
struct ApplyNFKC {
    /// Normalizes `input`, of which every character before `start`, and every character that
    /// begins at or after `end`, is NFKC-safe (the pipeline passes the first and last characters
    /// that may not be): ICU sees only what lies between the normalization boundary at or before
    /// `start` and the first one at or after `end`, and the safe ends are copied. The result and
    /// the edits are those of normalizing the whole line, since ICU works piece by piece between
    /// boundaries and the ends hold no unsafe piece.
    /// `summary`: where the edits are added up instead of listed, when it is active.
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int = .max, into out: inout [UInt8],
        edits: inout [Edit], track: Bool, summary: UnsafeMutablePointer<EditSummary>? = nil
    ) -> Bool {
        guard let base = input.baseAddress, !input.isEmpty else { return false }
        let skip = Self.boundary(input, atOrBefore: start)
        let stop = max(skip, Self.boundary(input, atOrAfter: end))
        let tail = input.count - stop
        let src = base + skip
        let n = stop - skip
        var capacity = n + n / 2 + 32
        var editCapacity = track ? 16 : 0
        let quiet = TriggerTables.shared.nfkcSkipTable
        while true {
            var editCount: Int64 = 0
            var result: Int64 = 0
            // ICU's output goes straight into `out` (the pipeline's scratch, which keeps its
            // storage), after the bytes before the piece, and the rest of the line after it: where
            // it went to a buffer on the stack, copied into an emptied `out` in three appends (~400
            // instructions a call), or, for a long piece, to the heap. `out` is made long enough
            // for the three (what it holds is of no matter), then cut to the result.
            let room = skip + capacity + tail
            while out.count < room {
                // Grown with bytes at hand (a copy), not zeros (`repeatElement`: ~300 instructions
                // an append, through the generic path).
                out.append(contentsOf: UnsafeBufferPointer(start: base, count: min(room - out.count, input.count)))
            }
            // NB: the edits go to a stack buffer: an array of the C struct would look up its
            // generic metadata at run time on every call.
            let retry = withUnsafeTemporaryAllocation(of: cicu_nfkc_edit.self, capacity: max(editCapacity, 1)) {
                rawEdits -> Bool in
                let retry = out.withUnsafeMutableBufferPointer { o -> Bool in
                    let dst = o.baseAddress! + skip
                    result = cicu_nfkc_utf8_skipping(
                        src, Int64(n), dst, Int64(capacity),
                        track ? rawEdits.baseAddress : nil, Int64(editCapacity), &editCount, quiet)
                    if result == -1 { return false }
                    // NB: ICU failing here means its data could not be loaded; Normalizer.init checked that.
                    precondition(result >= 0, "ICU NFKC normalization failed (cicu_nfkc_utf8 returned \(result))")
                    if result > capacity || (track && editCount > editCapacity) { return true }
                    o.baseAddress!.update(from: base, count: skip)
                    (dst + Int(result)).update(from: base + stop, count: tail)
                    return false
                }
                if !retry && result >= 0 && track, let summary, summary.pointee.active {
                    summary.pointee.add(
                        .nfkc, UnsafeBufferPointer(rebasing: rawEdits.prefix(Int(editCount))), shift: skip, in: input)
                } else if !retry && result >= 0 && track {
                    for e in rawEdits.prefix(Int(editCount)) {
                        edits.append(
                            Edit(
                                rule: .nfkc, start: skip + Int(e.src_start), end: skip + Int(e.src_end),
                                outStart: skip + Int(e.dst_start), outEnd: skip + Int(e.dst_end)))
                    }
                }
                return retry
            }
            if result == -1 { return false }
            if !retry {
                let length = skip + Int(result) + tail
                if out.count != length { out.removeLast(out.count - length) }
                return true
            }
            capacity = max(capacity, Int(result))
            editCapacity = max(editCapacity, Int(editCount))
        }
    }

    /// The last normalization boundary at or before byte offset `i`: the start of an ASCII
    /// character or of one that never interacts with what precedes it (0 at worst). ICU's
    /// pieces start at such boundaries.
    static func boundary(_ input: UnsafeBufferPointer<UInt8>, atOrBefore i: Int) -> Int {
        guard let p = input.baseAddress else { return 0 }
        var s = min(max(i, 0), input.count)
        while s > 0 && s < input.count && p[s] & 0xC0 == 0x80 { s -= 1 }
        while s > 0 {
            if s < input.count {
                if p[s] < 0x80 { break }
                let c = decodeScalar(p, s).scalar
                if cicu_nfkc_flags(c) & UInt8(CICU_NFKC_BOUNDARY_BEFORE) != 0 { break }
            }
            s = scalarBefore(p, s).start
        }
        return s
    }

    /// The first normalization boundary at or after byte offset `i` (the end of the input at
    /// worst): the start of a character, ASCII or one that never interacts with what precedes it.
    static func boundary(_ input: UnsafeBufferPointer<UInt8>, atOrAfter i: Int) -> Int {
        guard let p = input.baseAddress else { return 0 }
        let n = input.count
        var s = min(max(i, 0), n)
        while s < n && p[s] & 0xC0 == 0x80 { s += 1 }
        while s < n {
            if p[s] < 0x80 { break }
            let (c, len) = decodeScalar(p, s)
            if cicu_nfkc_flags(c) & UInt8(CICU_NFKC_BOUNDARY_BEFORE) != 0 { break }
            s += len
        }
        return s
    }

    /// Whether ICU's NFKC data is usable.
    static var isAvailable: Bool { cicu_nfkc_status() == 0 }

    /// Starts loading ICU's NFKC tables on a background thread.
    static func prepareInBackground() { cicu_nfkc_prepare() }
}
