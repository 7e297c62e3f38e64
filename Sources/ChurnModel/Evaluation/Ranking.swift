/// Outcomes ordered by score, highest first, with equal scores grouped: the basis of every
/// ranking metric, so that ties are treated the same way by each.
public struct Ranking: Sendable {
    /// A run of rows with the same score.
    struct Group {
        var score: Double
        var rows: Int
        var positives: Int
    }

    /// The groups from the highest score down.
    let groups: [Group]
    /// The number of positive rows.
    public let positives: Int
    /// The number of rows.
    public let count: Int

    /// Ranks `labels` (true = positive) by `scores`, which must be as many and not NaN.
    public init(labels: [Bool], scores: [Double]) {
        precondition(labels.count == scores.count, "a label per score")
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var groups: [Group] = []
        for index in order {
            let positive = labels[index] ? 1 : 0
            if let last = groups.last, last.score == scores[index] {
                groups[groups.count - 1].rows += 1
                groups[groups.count - 1].positives += positive
            } else {
                groups.append(Group(score: scores[index], rows: 1, positives: positive))
            }
        }
        self.groups = groups
        positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        count = labels.count
    }

    /// Area under the ROC curve (the Mann-Whitney statistic), a tied positive-negative pair counting
    /// half; NaN when either class is absent.
    public func rocAUC() -> Double {
        let negatives = count - positives
        guard positives > 0, negatives > 0 else { return .nan }
        // Walking down from the top: each negative is outscored by the positives above its group,
        // and ties with half of its own group's positives.
        var positivesAbove = 0
        var pairs = 0.0
        for group in groups {
            let groupNegatives = group.rows - group.positives
            pairs += Double(groupNegatives) * (Double(positivesAbove) + Double(group.positives) / 2)
            positivesAbove += group.positives
        }
        return pairs / (Double(positives) * Double(negatives))
    }

    /// Average precision: the precision at each distinct score threshold, weighted by the recall it
    /// adds (scikit-learn's definition, with tied scores forming one threshold); NaN without positives.
    public func averagePrecision() -> Double {
        guard positives > 0 else { return .nan }
        var truePositives = 0
        var selected = 0
        var total = 0.0
        for group in groups {
            truePositives += group.positives
            selected += group.rows
            guard group.positives > 0 else { continue }
            total += Double(group.positives) / Double(positives) * (Double(truePositives) / Double(selected))
        }
        return total
    }

    /// The expected number of positives among the `top` highest-scored rows, a tied group straddling
    /// the cut contributing in proportion to the places it takes.
    public func positivesInTop(_ top: Int) -> Double {
        var remaining = max(0, min(top, count))
        var found = 0.0
        for group in groups where remaining > 0 {
            if group.rows <= remaining {
                found += Double(group.positives)
                remaining -= group.rows
            } else {
                found += Double(group.positives) * Double(remaining) / Double(group.rows)
                remaining = 0
            }
        }
        return found
    }
}
