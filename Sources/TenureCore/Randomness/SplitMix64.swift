/// SplitMix64: a small, fast random source whose sequence depends only on its seed, so samples,
/// splits and estimates are the same on every run, machine and Swift version (the standard
/// library promises none of that for its own generator).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// The sequence of `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Stream `stream` of `seed`: parallel chunks seeded alike draw independent numbers.
    public init(seed: UInt64, stream: UInt64) {
        state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), by Lemire's multiply-shift.
    public mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// `items` in a random order (Fisher–Yates, drawing `next() % (i + 1)`).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, Int(next() % UInt64(index + 1)))
        }
        return items
    }
}
