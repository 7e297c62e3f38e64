import Resolution
import Transform
import Warehouse

/// `silver.match_pairs`: every pair of records entity resolution compared, with each field's
/// comparison level and weight, the total, the decision and who made it, so anyone can see why
/// two records were merged or kept apart.
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
        let rows = result.pairs.map { pair -> [SQLValue] in
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
