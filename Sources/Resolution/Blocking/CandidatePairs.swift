/// The record pairs blocking proposes for comparison, each once, with its first record lower.
///
/// Each rule groups records by its key (by sorting, not hashing: no per-record allocation);
/// blocks larger than the cap are skipped and counted, so that a key shared by thousands
/// (a placeholder e-mail, a common surname in a given year) cannot make the pair count
/// quadratic. A pair a rule proposes is dropped when an earlier rule put both records in one
/// compared block, so no pair is produced twice and no set of pairs is needed.
struct CandidatePairs: Sendable {
    /// The key value meaning "this record is in no compared block of the rule".
    static let missing = UInt64.max

    /// The first record of each pair.
    private(set) var left: [Int32] = []
    /// The second record of each pair.
    private(set) var right: [Int32] = []
    /// What each rule contributed.
    let statistics: BlockingStatistics
    /// Each rule's key per record, ``missing`` for records in no compared block of the rule.
    let keys: [[UInt64]]

    var count: Int { left.count }

    /// The pairs `rules` propose over `table`; with `linkOnly`, only pairs of records from
    /// different source systems.
    init(_ table: RecordTable, rules: [BlockingRule], maximumBlockSize: Int, linkOnly: Bool = false) {
        let n = table.count
        let cap = max(2, maximumBlockSize)
        let boundKeys = rules.map { $0.keys.map { TableKey($0, table: table) } }
        // Each rule's key per record, and its records sorted by key; computed concurrently.
        let grouped = Concurrently.map(rules.count) { r -> (keys: [UInt64], order: [Int32]) in
            var keys = [UInt64](repeating: Self.missing, count: n)
            var order: [Int32] = []
            order.reserveCapacity(n)
            for i in 0..<n {
                let key = BlockingRule.key(boundKeys[r], in: table, i)
                keys[i] = key
                if key != Self.missing { order.append(Int32(i)) }
            }
            order.sort { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
            return (keys, order)
        }
        var keys = grouped.map(\.keys)
        var statistics = rules.map { BlockingStatistics.Rule(name: $0.name) }
        // Records in oversized blocks are taken out of the rule before any pair is made, so the
        // duplicate check below never counts a pair as already proposed by a skipped block.
        for r in rules.indices {
            let order = grouped[r].order
            var start = 0
            while start < order.count {
                let key = keys[r][Int(order[start])]
                var end = start + 1
                while end < order.count && keys[r][Int(order[end])] == key { end += 1 }
                if end - start > cap {
                    statistics[r].oversizedBlocks += 1
                    statistics[r].recordsInOversizedBlocks += end - start
                    for index in start..<end { keys[r][Int(order[index])] = Self.missing }
                }
                start = end
            }
        }
        let source = table.source
        for r in rules.indices {
            let order = grouped[r].order
            let ruleKeys = keys[r]
            var start = 0
            while start < order.count {
                let first = Int(order[start])
                let key = ruleKeys[first]
                var end = start + 1
                while end < order.count && key != Self.missing && ruleKeys[Int(order[end])] == key { end += 1 }
                if key != Self.missing && end - start >= 2 {
                    statistics[r].blocks += 1
                    statistics[r].largestBlock = max(statistics[r].largestBlock, end - start)
                    for a in start..<(end - 1) {
                        let i = Int(order[a])
                        for b in (a + 1)..<end {
                            let j = Int(order[b])
                            if linkOnly && source[i] == source[j] { continue }
                            if Self.proposedEarlier(i, j, before: r, keys) {
                                statistics[r].duplicatePairs += 1
                                continue
                            }
                            left.append(Int32(i))
                            right.append(Int32(j))
                            statistics[r].pairs += 1
                        }
                    }
                }
                start = end
            }
        }
        self.statistics = BlockingStatistics(rules: statistics)
        self.keys = keys
    }

    /// Whether rule `r` put records `i` and `j` in one compared block.
    @inline(__always)
    func sharesBlock(_ r: Int, _ i: Int, _ j: Int) -> Bool {
        let key = keys[r][i]
        return key != Self.missing && key == keys[r][j]
    }

    /// Whether a rule before `r` put records `i` and `j` in one compared block.
    @inline(__always)
    private static func proposedEarlier(_ i: Int, _ j: Int, before r: Int, _ keys: [[UInt64]]) -> Bool {
        for earlier in 0..<r {
            let key = keys[earlier][i]
            if key != missing && key == keys[earlier][j] { return true }
        }
        return false
    }

    /// Adds pairs not proposed by blocking (reviewed pairs), skipping those already present.
    mutating func add(_ pairs: [(Int, Int)]) {
        guard !pairs.isEmpty else { return }
        var present = Set<UInt64>()
        for index in left.indices { present.insert(UInt64(UInt32(left[index])) << 32 | UInt64(UInt32(right[index]))) }
        for (a, b) in pairs where a != b {
            let (i, j) = (min(a, b), max(a, b))
            if present.insert(UInt64(i) << 32 | UInt64(j)).inserted {
                left.append(Int32(i))
                right.append(Int32(j))
            }
        }
    }
}
