/// Every comparator's level for a pair packed into one integer (mixed radix, 0 for null), so
/// that a pair's comparison fits in four bytes and EM can work on counts of distinct patterns.
struct PatternSpace: Sendable {
    /// For each comparator, its number of levels plus one (for null).
    let radices: [UInt32]
    /// For each comparator, the value of one step of its digit.
    let strides: [UInt32]
    /// The number of possible patterns.
    let count: Int

    /// The space of `comparators`' patterns; nil when it does not fit in 32 bits.
    init?(_ comparators: [FieldComparator]) {
        var radices: [UInt32] = [], strides: [UInt32] = []
        var product = 1
        for comparator in comparators {
            let radix = comparator.levelNames.count + 1
            strides.append(UInt32(product))
            radices.append(UInt32(radix))
            let (next, overflow) = product.multipliedReportingOverflow(by: radix)
            guard !overflow, next <= Int(UInt32.max) else { return nil }
            product = next
        }
        self.radices = radices
        self.strides = strides
        self.count = product
    }

    /// The space of `comparators`' patterns, or an error naming each comparator's levels when
    /// they do not fit.
    static func checked(_ comparators: [FieldComparator]) throws(ResolutionError) -> PatternSpace {
        guard let space = PatternSpace(comparators) else {
            let radices = comparators.map { Double($0.levelNames.count + 1) }
            let bits = radices.reduce(0) { $0 + Logarithm.binary($1) }
            let levels = comparators.map { "\($0.name) \($0.levelNames.count)" }.joined(separator: ", ")
            throw ResolutionError(
                "the comparators' levels do not fit in 32 bits (each comparator's levels plus null, multiplied, need "
                    + "\(Int(bits.rounded(.up))) bits): \(levels); drop a comparator or some similarity or edit-distance levels")
        }
        return space
    }

    /// The level of comparator `k` in `pattern`, -1 for null.
    @inline(__always)
    func level(_ pattern: UInt32, _ k: Int) -> Int {
        Int(pattern / strides[k] % radices[k]) - 1
    }

    /// The pattern contribution of comparator `k` at `level` (-1 for null).
    @inline(__always)
    func digit(_ k: Int, level: Int) -> UInt32 {
        UInt32(level + 1) * strides[k]
    }
}
