/// Jaro and Jaro–Winkler similarity: how alike two short strings (names) are, from 0 to 1.
///
/// Standard definitions: matching characters are equal characters no further apart than
/// `max(|a|, |b|) / 2 - 1`; Jaro is the mean of the two matched shares and the share of
/// matches in the same order; Winkler adds `prefix × 0.1 × (1 − Jaro)` for a common prefix
/// of up to four characters, with no boost threshold. Both run on Unicode scalars (the
/// ``String`` entry points) or on any buffer of code units, without heap allocation for
/// names of ordinary length: they run on millions of candidate pairs.
public enum JaroWinkler {
    /// The weight of each common prefix character.
    public static let prefixScale = 0.1
    /// The longest prefix that earns the boost.
    public static let maximumPrefix = 4

    /// The Jaro–Winkler similarity of `a` and `b`, compared by Unicode scalars.
    public static func similarity(_ a: String, _ b: String) -> Double {
        ScalarBuffers.with(a, b) { similarity($0, $1) }
    }

    /// The Jaro similarity of `a` and `b`, compared by Unicode scalars.
    public static func jaro(_ a: String, _ b: String) -> Double {
        ScalarBuffers.with(a, b) { jaro($0, $1) }
    }

    /// The Jaro–Winkler similarity of two buffers of code units.
    @inlinable
    public static func similarity<Unit: Equatable>(_ a: UnsafeBufferPointer<Unit>, _ b: UnsafeBufferPointer<Unit>) -> Double {
        let base = jaro(a, b)
        var prefix = 0
        let limit = min(maximumPrefix, a.count, b.count)
        while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
        return base + Double(prefix) * prefixScale * (1 - base)
    }

    /// The Jaro similarity of two buffers of code units; two empty strings are identical (1).
    @inlinable
    public static func jaro<Unit: Equatable>(_ a: UnsafeBufferPointer<Unit>, _ b: UnsafeBufferPointer<Unit>) -> Double {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return n == m ? 1 : 0 }
        let window = max(0, max(n, m) / 2 - 1)
        // One flag per character of each side; on the stack for names of ordinary length.
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n + m) { flags in
            flags.initialize(repeating: false)
            var matches = 0
            for i in 0..<n {
                let low = max(0, i - window), high = min(m - 1, i + window)
                guard low <= high else { continue }
                for j in low...high where !flags[n + j] && a[i] == b[j] {
                    flags[i] = true
                    flags[n + j] = true
                    matches += 1
                    break
                }
            }
            guard matches > 0 else { return 0 }
            var outOfOrder = 0
            var k = 0
            for i in 0..<n where flags[i] {
                while !flags[n + k] { k += 1 }
                if a[i] != b[k] { outOfOrder += 1 }
                k += 1
            }
            let matched = Double(matches)
            let transpositions = Double(outOfOrder / 2)
            return (matched / Double(n) + matched / Double(m) + (matched - transpositions) / matched) / 3
        }
    }
}
