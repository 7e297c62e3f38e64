import TenureCore
/// Which rows fit the model, which decide early stopping, and which the model is finally judged on.
public struct TabularSplit: Sendable, Hashable {
    /// How the test rows were chosen.
    public enum Method: String, Sendable, Hashable, Codable {
        /// A separate holdout file.
        case holdout
        /// The latest rows by the time column.
        case time
        /// A random share of each class (of each id's rows together, with an id column).
        case stratified
    }

    /// How the test rows were chosen; validation rows are carved from the rest the same way
    /// (by time, else stratified).
    public var method: Method
    /// Rows of the training table the models learn from.
    public var fitting: [Int]
    /// Rows of the training table that decide early stopping.
    public var validation: [Int]
    /// Rows of the training table held out for the final figures; empty with a holdout file.
    public var test: [Int]
    /// What was done, in words ("latest 20% by month: month ≥ 2024-07").
    public var description: String

    /// Splits `rows` for training.
    ///
    /// - Parameters:
    ///   - labels: each table row's label (true = positive), indexed by table row.
    ///   - times: each table row's time, indexed by table row, for a time-based split.
    ///   - groups: each table row's id, indexed by table row, to keep an id's rows on one side.
    static func make(rows: [Int], labels: [Bool], times: [TimeKey]?, timeColumn: String?, groups: [String]?,
                     hasHoldout: Bool, testFraction: Double, validationFraction: Double, seed: UInt64) throws -> TabularSplit {
        var generator = SplitMix64(seed: seed)
        var training = rows
        var test: [Int] = []
        var words: [String] = []
        let method: Method
        if hasHoldout {
            method = .holdout
            words.append("test = the holdout file")
        } else if let times, let timeColumn {
            method = .time
            let (earlier, later, cutoff) = try byTime(rows, times: times, fraction: testFraction, column: timeColumn, purpose: "a test set")
            (training, test) = (earlier, later)
            words.append("test = \(timeColumn) ≥ \(cutoff) (latest \(Int((testFraction * 100).rounded()))%)")
        } else {
            method = .stratified
            (training, test) = stratified(rows, labels: labels, groups: groups, fraction: testFraction, generator: &generator)
            words.append("test = random \(Int((testFraction * 100).rounded()))% of each class\(groups == nil ? "" : " (whole ids)")")
        }
        let fitting: [Int]
        let validation: [Int]
        if let times, let timeColumn {
            let (earlier, later, cutoff) = try byTime(training, times: times, fraction: validationFraction, column: timeColumn, purpose: "a validation set")
            (fitting, validation) = (earlier, later)
            words.append("validation = \(timeColumn) ≥ \(cutoff) before that")
        } else {
            (fitting, validation) = stratified(training, labels: labels, groups: groups, fraction: validationFraction, generator: &generator)
            words.append("validation = random \(Int((validationFraction * 100).rounded()))% of the rest")
        }
        return TabularSplit(method: method, fitting: fitting, validation: validation, test: test, description: words.joined(separator: "; "))
    }

    /// The rows whose time is at or after the time `fraction` from the end, and the rest.
    static func byTime(_ rows: [Int], times: [TimeKey], fraction: Double, column: String, purpose: String) throws -> (earlier: [Int], later: [Int], cutoff: String) {
        let sorted = rows.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
        guard !sorted.isEmpty else { throw ChurnModelError("no rows left to take \(purpose) from") }
        let cutoff = times[sorted[min(sorted.count - 1, Int((Double(sorted.count) * (1 - fraction)).rounded(.down)))]]
        let later = sorted.filter { times[$0] >= cutoff }
        let earlier = sorted.filter { times[$0] < cutoff }
        guard !earlier.isEmpty else {
            throw ChurnModelError("--time \(column) has too few distinct values to take \(purpose) from the latest rows: every row is at or after \(cutoff.text)")
        }
        return (earlier.sorted(), later.sorted(), cutoff.text)
    }

    /// A random `fraction` of each class's rows (or ids), and the rest.
    static func stratified(_ rows: [Int], labels: [Bool], groups: [String]?, fraction: Double,
                           generator: inout SplitMix64) -> (kept: [Int], taken: [Int]) {
        // Units are rows, or every row of one id, in order of first appearance.
        var units: [[Int]] = []
        if let groups {
            var unitOf: [String: Int] = [:]
            for row in rows {
                if let unit = unitOf[groups[row]] {
                    units[unit].append(row)
                } else {
                    unitOf[groups[row]] = units.count
                    units.append([row])
                }
            }
        } else {
            units = rows.map { [$0] }
        }
        var taken: [Int] = []
        var kept: [Int] = []
        for positive in [true, false] {
            let members = units.indices.filter { units[$0].contains { labels[$0] } == positive }
            let shuffled = generator.shuffled(members)
            var count = Int((Double(members.count) * fraction).rounded())
            if members.count >= 2 { count = min(max(count, 1), members.count - 1) }
            for (position, unit) in shuffled.enumerated() {
                if position < count { taken += units[unit] } else { kept += units[unit] }
            }
        }
        return (kept.sorted(), taken.sorted())
    }
}

/// A row's time: a number, or ISO-8601 text (which sorts as text).
enum TimeKey: Comparable, Sendable, Hashable {
    case number(Double)
    case text(String)

    var text: String {
        switch self {
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .text(let value): value
        }
    }

    /// The times of `values` (one column's cells): all numbers, or all ISO dates `YYYY-MM-DD…`.
    static func parse(_ values: [String], column: String, lines: [Int]) throws -> [TimeKey] {
        if let missing = values.firstIndex(where: MissingValue.isMissing) {
            throw ChurnModelError("line \(lines[missing]): --time \(column) is empty")
        }
        let numbers = values.map(MissingValue.number)
        if numbers.allSatisfy({ $0 != nil }) { return numbers.map { .number($0 ?? 0) } }
        if let bad = values.firstIndex(where: { !isISODate($0) }) {
            throw ChurnModelError("line \(lines[bad]): --time \(column) holds '\(values[bad])'; times must be numbers or ISO dates (YYYY-MM-DD…)")
        }
        return values.map { .text($0) }
    }

    private static func isISODate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 7, bytes[4] == UInt8(ascii: "-") else { return false }
        return bytes[0..<4].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && bytes[5...6].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
