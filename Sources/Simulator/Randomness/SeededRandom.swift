/// A small, fast, seedable random source (xoshiro256**) whose output is the same on every platform.
///
/// Each person and each concern gets its own stream derived from the run's seed, so adding a field to
/// one system's records never shifts the random numbers of another's — the files stay comparable
/// across generator changes, and any one person can be regenerated alone.
struct SeededRandom {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A stream for `seed`, optionally split by `stream` (a person's index, a concern's tag…).
    init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = seed &+ stream &* 0x9E37_79B9_7F4A_7C15
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in the closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A uniform double in [lower, upper).
    mutating func double(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * unit() }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }

    /// One element, uniformly.
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// One element, with probability proportional to its weight.
    mutating func pick<T>(weighted items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var target = unit() * total
        for (item, weight) in items {
            target -= weight
            if target < 0 { return item }
        }
        return items[items.count - 1].0
    }

    /// A roughly normal value (sum of uniforms), good enough for amounts and durations.
    mutating func normal(mean: Double, deviation: Double) -> Double {
        let sum = unit() + unit() + unit() + unit() + unit() + unit()
        return mean + (sum - 3) * deviation * 1.414
    }

    /// A version-4 UUID in lower-case text form, as PostgreSQL prints `uuid` columns.
    mutating func uuid() -> String {
        var high = next(), low = next()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = hex16(high) + hex16(low)
        let c = Array(hex.utf8)
        func s(_ a: Int, _ b: Int) -> String { String(decoding: c[a..<b], as: UTF8.self) }
        return "\(s(0, 8))-\(s(8, 12))-\(s(12, 16))-\(s(16, 20))-\(s(20, 32))"
    }

    /// `count` random characters from lower-case letters and digits (Frappe's child-row names).
    mutating func token(_ count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(alphabet[Int(next() % 36)]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private func hex16(_ value: UInt64) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var bytes = [UInt8](repeating: 0, count: 16)
    var v = value
    for i in stride(from: 15, through: 0, by: -1) {
        bytes[i] = digits[Int(v & 0xF)]
        v >>= 4
    }
    return String(decoding: bytes, as: UTF8.self)
}
