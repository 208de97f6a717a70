internal import CICUShims

/// `nfkc`: Unicode NFKC through ICU's `UNormalizer2` (thread-safe; scratch is per call).
///
/// Only the pieces between normalization boundaries that hold an NFKC-unsafe character go
/// through UTF-16 and ICU, so the result equals normalizing the whole line. Calls
/// `cicu_nfkc_utf8` (`unorm2_normalize`).
struct ApplyNFKC {
    func apply(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8],
        edits: inout [Edit], track: Bool
    ) -> Bool {
        guard let src = input.baseAddress else { return false }
        let n = input.count
        var capacity = n + n / 2 + 32
        var editCapacity = track ? 16 : 0
        while true {
            var rawEdits = [cicu_nfkc_edit](
                repeating: cicu_nfkc_edit(), count: editCapacity)
            var editCount: Int64 = 0
            var result: Int64 = 0
            let buffer = [UInt8](unsafeUninitializedCapacity: capacity) { dst, count in
                result = rawEdits.withUnsafeMutableBufferPointer { e in
                    cicu_nfkc_utf8(
                        src, Int64(n), dst.baseAddress, Int64(capacity),
                        track ? e.baseAddress : nil, Int64(editCapacity), &editCount)
                }
                count = result > 0 && result <= capacity ? Int(result) : 0
            }
            if result == -1 { return false }
            // NB: ICU failing here means its data could not be loaded; Normalizer.init checked that.
            precondition(result >= 0, "ICU NFKC normalization failed (cicu_nfkc_utf8 returned \(result))")
            if result > capacity || (track && editCount > editCapacity) {
                capacity = max(capacity, Int(result))
                editCapacity = max(editCapacity, Int(editCount))
                continue
            }
            out = buffer
            if track {
                for e in rawEdits.prefix(Int(editCount)) {
                    edits.append(
                        Edit(
                            rule: .nfkc, start: Int(e.src_start), end: Int(e.src_end),
                            outStart: Int(e.dst_start), outEnd: Int(e.dst_end)))
                }
            }
            return true
        }
    }

    /// Whether ICU's NFKC data is usable.
    static var isAvailable: Bool { cicu_nfkc_status() == 0 }
}
