/// Compares two records of a ``RecordTable`` on every configured field, into one pattern.
struct PairComparer: Sendable {
    let table: RecordTable
    let comparators: [FieldComparator]
    let kernels: [ComparisonKernel]
    let space: PatternSpace

    init(table: RecordTable, comparators: [FieldComparator], space: PatternSpace) {
        self.table = table
        self.comparators = comparators
        self.kernels = comparators.map { ComparisonKernel($0, table: table) }
        self.space = space
    }

    /// Comparator `k`'s level for records `i` and `j`, -1 for null.
    @inline(__always)
    func level(_ k: Int, _ i: Int, _ j: Int) -> Int {
        kernels[k].level(in: table, i, j)
    }

    /// Every comparator's level for records `i` and `j`, packed.
    @inline(__always)
    func pattern(_ i: Int, _ j: Int) -> UInt32 {
        var pattern: UInt32 = 0
        for k in kernels.indices {
            pattern &+= space.digit(k, level: kernels[k].level(in: table, i, j))
        }
        return pattern
    }
}
