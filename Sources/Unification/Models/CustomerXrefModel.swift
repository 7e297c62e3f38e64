import Resolution
import Transform
import Warehouse

/// `silver.customer_xref`: every customer-identifying source record and the person it belongs
/// to, by entity resolution.
///
/// A person is a cluster holding at least one ERPNext customer: the core-banking system is
/// where someone becomes a customer. Records whose cluster has none (an app account under an
/// address no other system knows, a note naming nobody recognisable) keep a null key and the
/// rule `unmatched`, so they are counted rather than lost.
public struct CustomerXrefModel: SwiftModel {
    /// The model's name.
    public let name = "customer_xref"
    /// The staging models it reads.
    public let dependencies = BankRecords.models
    let resolution: CustomerResolution

    /// The model, publishing `resolution`'s clusters.
    public init(_ resolution: CustomerResolution) { self.resolution = resolution }

    /// The record-to-person rows.
    public func rows(_ context: SwiftModelContext) async throws -> SwiftModelOutput {
        let resolved = try await resolution.resolve(context)
        return SwiftModelOutput(columns: Self.columns, rows: Self.rows(resolved))
    }

    static let columns = [
        ColumnDefinition("source_system", .text), ColumnDefinition("source_entity", .text), ColumnDefinition("source_id", .text),
        ColumnDefinition("customer_key", .text), ColumnDefinition("match_rule", .text), ColumnDefinition("match_probability", .real),
    ]

    /// One row per record. `match_rule` says how the record joined its person: the strongest
    /// kind of link inside its cluster touching it (`core_banking_id`, `review`, then `probabilistic`),
    /// `single` for a customer linked to nothing, `unmatched` for a cluster with no customer.
    /// `match_probability` is that of its most certain link.
    static func rows(_ resolved: CustomerResolution.Resolved) -> [[SQLValue]] {
        let result = resolved.result
        var strongest = [CustomerResolution.Provenance?](repeating: nil, count: result.records.count)
        var probability = [Double?](repeating: nil, count: result.records.count)
        let rank: [CustomerResolution.Provenance: Int] = [.model: 0, .review: 1, .coreBankingID: 2]
        for pair in result.pairs where pair.decision == .accept && result.clusterOfRecord[pair.left] == result.clusterOfRecord[pair.right] {
            let provenance = resolved.provenance(of: pair)
            let chance = provenance == .model ? MatchModel.probability(weight: pair.weight) : 1
            for index in [pair.left, pair.right] {
                if strongest[index].map({ rank[$0]! < rank[provenance]! }) ?? true { strongest[index] = provenance }
                probability[index] = max(probability[index] ?? 0, chance)
            }
        }
        let hasCustomer = result.clusters.map { cluster in cluster.members.contains { result.records[$0].sourceSystem == "erpnext" } }
        return result.records.enumerated().map { index, id in
            let cluster = result.clusterOfRecord[index]
            let rule: String
            if !hasCustomer[cluster] {
                rule = "unmatched"
            } else {
                rule = strongest[index]?.rawValue ?? "single"
            }
            return [.text(id.sourceSystem), .text(BankRecords.entity(of: id.sourceSystem)), .text(id.sourceID),
                    hasCustomer[cluster] ? .text(result.clusters[cluster].key) : .null, .text(rule),
                    probability[index].map { .real($0) } ?? .null]
        }
    }
}
