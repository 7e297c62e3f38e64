/// Distinct strings stored once, as Unicode scalars in one flat buffer, each named by an integer id.
///
/// Millions of records share a few thousand names: comparing two records' names becomes
/// comparing two ids, and the similarity measures read scalars in place without building strings.
struct ScalarPool: Sendable {
    private var ids: [String: Int32] = [:]
    /// Where each value's scalars start; one more entry than values.
    private(set) var offsets: [Int32] = [0]
    private(set) var scalars: [UInt32] = []
    private(set) var values: [String] = []

    /// The number of distinct values.
    var count: Int { values.count }

    /// The id of `text`, added when new.
    mutating func intern(_ text: String) -> Int32 {
        if let id = ids[text] { return id }
        let id = Int32(values.count)
        ids[text] = id
        values.append(text)
        for scalar in text.unicodeScalars { scalars.append(scalar.value) }
        offsets.append(Int32(scalars.count))
        return id
    }

    /// The Jaro–Winkler similarity of two values.
    func similarity(_ a: Int32, _ b: Int32) -> Double {
        scalars.withUnsafeBufferPointer { all in
            JaroWinkler.similarity(slice(all, a), slice(all, b))
        }
    }

    /// Whether two values are at most one edit apart (Damerau–Levenshtein).
    func withinOneEdit(_ a: Int32, _ b: Int32) -> Bool {
        scalars.withUnsafeBufferPointer { all in
            DamerauLevenshtein.isWithinOne(slice(all, a), slice(all, b))
        }
    }

    /// The Damerau–Levenshtein distance of two values, or `limit + 1` when their lengths alone
    /// say it exceeds `limit`.
    func distance(_ a: Int32, _ b: Int32, atMost limit: Int) -> Int {
        scalars.withUnsafeBufferPointer { all in
            let x = slice(all, a), y = slice(all, b)
            if abs(x.count - y.count) > limit { return limit + 1 }
            return DamerauLevenshtein.distance(x, y)
        }
    }

    /// The first scalar of a value (0 when empty).
    func firstScalar(_ id: Int32) -> UInt32 {
        let start = Int(offsets[Int(id)])
        return start < Int(offsets[Int(id) + 1]) ? scalars[start] : 0
    }

    private func slice(_ all: UnsafeBufferPointer<UInt32>, _ id: Int32) -> UnsafeBufferPointer<UInt32> {
        let index = Int(id)
        return UnsafeBufferPointer(rebasing: all[Int(offsets[index])..<Int(offsets[index + 1])])
    }
}
