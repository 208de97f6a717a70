/// A set of Unicode scalar values with a membership test of one bit look-up for the BMP
/// (8 KiB of bits), for hot paths that ask "can a rule begin with this character?".
struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)
    private var astral = Set<UInt32>()

    init() {}

    init(_ values: some Sequence<UInt32>) {
        for v in values { insert(v) }
    }

    mutating func insert(_ v: UInt32) {
        if v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) } else { astral.insert(v) }
    }

    @inline(__always)
    func contains(_ v: UInt32) -> Bool {
        if v < 0x10000 { return bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return astral.contains(v)
    }
}
