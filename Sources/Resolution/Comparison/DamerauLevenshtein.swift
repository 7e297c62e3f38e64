/// The Damerau–Levenshtein distance in its optimal-string-alignment form: the fewest
/// insertions, deletions, substitutions and transpositions of adjacent characters that turn
/// one string into the other, no substring edited twice.
///
/// The restricted form because it is what typing slips produce (`Smtih`), and it needs only
/// three rows of the table: no heap allocation for strings of ordinary length.
public enum DamerauLevenshtein {
    /// The distance between `a` and `b`, compared by Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        ScalarBuffers.with(a, b) { distance($0, $1) }
    }

    /// Whether the distance between two buffers is at most 1, in one pass and without a table:
    /// the "one slip" test comparators make on most pairs they see.
    @inlinable
    public static func isWithinOne<Unit: Equatable>(_ a: UnsafeBufferPointer<Unit>, _ b: UnsafeBufferPointer<Unit>) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let n = short.count
        guard long.count - n <= 1 else { return false }
        var i = 0
        while i < n && short[i] == long[i] { i += 1 }
        if i == long.count { return true }
        if long.count > n {
            // One insertion: the rest must line up shifted by one.
            while i < n && short[i] == long[i + 1] { i += 1 }
            return i == n
        }
        // Same length: one substitution, or one swap of neighbours.
        if i + 1 < n && short[i] == long[i + 1] && short[i + 1] == long[i] {
            i += 2
        } else {
            i += 1
        }
        while i < n && short[i] == long[i] { i += 1 }
        return i == n
    }

    /// The distance between two buffers of code units.
    @inlinable
    public static func distance<Unit: Equatable>(_ a: UnsafeBufferPointer<Unit>, _ b: UnsafeBufferPointer<Unit>) -> Int {
        let n = a.count, m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        let width = m + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            // Rows i-2, i-1 and i of the table, rotated rather than copied.
            var older = 0, previous = width, current = 2 * width
            for j in 0...m { rows.initializeElement(at: previous + j, to: j) }
            for j in 0...m { rows.initializeElement(at: older + j, to: 0) }
            for j in 0...m { rows.initializeElement(at: current + j, to: 0) }
            for i in 1...n {
                rows[current] = i
                for j in 1...m {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var best = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        best = min(best, rows[older + j - 2] + 1)
                    }
                    rows[current + j] = best
                }
                (older, previous, current) = (previous, current, older)
            }
            return rows[previous + m]
        }
    }
}
