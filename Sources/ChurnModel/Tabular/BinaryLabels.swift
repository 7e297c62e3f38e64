/// The two values of a label column and which one means the event (churn).
public struct BinaryLabels: Sendable, Hashable, Codable {
    /// The value meaning the event happened (churned, yes, 1, true…).
    public var positive: String
    /// The other value.
    public var negative: String

    /// Values read as the event, compared without case.
    static let positiveWords: Set<String> = [
        "1", "1.0", "yes", "y", "true", "t", "churn", "churned", "exited", "left", "attrited",
        "attrited customer", "closed", "lost", "cancelled", "canceled", "positive", "pos",
    ]
    /// Values read as no event, compared without case.
    static let negativeWords: Set<String> = [
        "0", "0.0", "no", "n", "false", "f", "retained", "stayed", "active", "existing",
        "existing customer", "current", "open", "kept", "negative", "neg",
    ]

    /// The labels of a column holding `values` (missing ones already left out): exactly two distinct
    /// values, the positive one given or recognised by its spelling.
    public static func infer(column: String, values: [String], positive: String? = nil) throws -> BinaryLabels {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        let distinct = counts.keys.sorted()
        guard distinct.count == 2 else {
            let shown = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .prefix(6).map { "'\($0.key)' (\($0.value))" }.joined(separator: ", ")
            if distinct.count < 2 {
                throw ChurnModelError("label column \(column) must hold two distinct values, it holds \(distinct.count)\(shown.isEmpty ? "" : ": " + shown)")
            }
            throw ChurnModelError("label column \(column) must hold two distinct values, it holds \(distinct.count): \(shown)\(distinct.count > 6 ? ", …" : "")")
        }
        if let positive {
            guard let match = distinct.first(where: { $0 == positive }) ?? distinct.first(where: { $0.lowercased() == positive.lowercased() }) else {
                throw ChurnModelError("--positive \(positive) is not a value of label column \(column) ('\(distinct[0])' or '\(distinct[1])')")
            }
            return BinaryLabels(positive: match, negative: distinct[0] == match ? distinct[1] : distinct[0])
        }
        let known = distinct.map { (positive: positiveWords.contains($0.lowercased()), negative: negativeWords.contains($0.lowercased())) }
        for (index, other) in [(0, 1), (1, 0)] {
            // One value reads as the event and the other does not; or one reads as no event and the other does not.
            if known[index].positive && !known[other].positive { return BinaryLabels(positive: distinct[index], negative: distinct[other]) }
        }
        for (index, other) in [(0, 1), (1, 0)] where known[other].negative && !known[index].negative {
            return BinaryLabels(positive: distinct[index], negative: distinct[other])
        }
        throw ChurnModelError("cannot tell which value of label column \(column) means churn, '\(distinct[0])' or '\(distinct[1])'; name it with --positive")
    }

    /// Whether `value` is the positive label; nil when it is neither value.
    public func isPositive(_ value: String) -> Bool? {
        if value == positive { return true }
        if value == negative { return false }
        return nil
    }
}
