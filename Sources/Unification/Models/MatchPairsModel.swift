import Resolution
import Transform
import Warehouse

/// `silver.match_pairs`: the pairs of records entity resolution compared and did not find
/// clearly different, with each field's comparison level and weight, the total, the decision and
/// who made it, so anyone can see why two records were merged or kept apart.
///
/// Clear non-matches (below the non-match threshold, −10 bits: a 1 in 1,000 chance) are counted
/// in the log but not stored: blocking proposes them by the million at the scale of a bank (14.6
/// million pairs at N=50,000, most of them people who share a common name), and
/// `tenure resolve explain` recomputes any pair's waterfall on demand.
public struct MatchPairsModel: SwiftModel {
    /// The model's name.
    public let name = "match_pairs"
    /// Built after `customer_xref`, from the same resolution.
    public let dependencies = BankRecords.models + ["customer_xref"]
    let resolution: CustomerResolution

    /// The model, publishing `resolution`'s scored pairs.
    public init(_ resolution: CustomerResolution) { self.resolution = resolution }

    /// One row per compared pair.
    public func rows(_ context: SwiftModelContext) async throws -> SwiftModelOutput {
        let resolved = try await resolution.resolve(context)
        let comparators = resolution.settings.comparators.map(\.name)
        var columns = [
            ColumnDefinition("left_system", .text), ColumnDefinition("left_id", .text),
            ColumnDefinition("right_system", .text), ColumnDefinition("right_id", .text),
            ColumnDefinition("prior_weight", .real),
        ]
        for name in comparators { columns += [ColumnDefinition("\(name)_level", .text), ColumnDefinition("\(name)_weight", .real)] }
        columns += [
            ColumnDefinition("total_weight", .real), ColumnDefinition("match_probability", .real), ColumnDefinition("decision", .text),
            ColumnDefinition("decided_by", .text), ColumnDefinition("same_person", .integer),
        ]
        let result = resolved.result
        let floor = resolution.settings.nonMatchThreshold
        let kept = result.pairs.filter { $0.weight >= floor || $0.reviewed || result.clusterOfRecord[$0.left] == result.clusterOfRecord[$0.right] }
        context.logger.info("match pairs kept", metadata: ["kept": "\(kept.count)", "compared": "\(result.pairs.count)"])
        let rows = kept.map { pair -> [SQLValue] in
            let left = result.records[pair.left], right = result.records[pair.right]
            let explanation = result.explanation(of: pair)
            var row: [SQLValue] = [.text(left.sourceSystem), .text(left.sourceID), .text(right.sourceSystem), .text(right.sourceID),
                                   .real(explanation.prior)]
            for contribution in explanation.contributions { row += [.text(contribution.levelName), .real(contribution.weight)] }
            row += [.real(pair.weight), .real(MatchModel.probability(weight: pair.weight)), .text(pair.decision.rawValue),
                    .text(resolved.provenance(of: pair).rawValue),
                    .integer(result.clusterOfRecord[pair.left] == result.clusterOfRecord[pair.right] ? 1 : 0)]
            return row
        }
        return SwiftModelOutput(columns: columns, rows: rows)
    }
}
