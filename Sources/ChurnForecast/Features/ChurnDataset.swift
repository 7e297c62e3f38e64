import Foundation
import Warehouse

/// Rows of `gold.churn_features` as the model sees them: a matrix of feature values (NaN where
/// missing), the labels where known, and who and when each row is.
public struct ChurnDataset: Sendable {
    /// The table the rows come from.
    public static let table = TableName(.gold, "churn_features")

    /// The feature columns, in order.
    public let features: [ChurnFeature]
    /// Row-major feature values.
    public var values: [Float]
    /// Each row's customer.
    public var customerKeys: [String]
    /// Each row's cutoff, `YYYY-MM-DD`.
    public var cutoffs: [String]
    /// Each row's label, nil at the scoring cutoff.
    public var labels: [Bool?]
    /// How many of the bank's rule signals each row showed (0–3).
    public var ruleSignals: [Int]

    /// The number of rows.
    public var count: Int { customerKeys.count }

    /// The rows of the snapshots with `roles`, ordered by cutoff and customer.
    public static func load(_ roles: [SnapshotSchedule.Role], from warehouse: any SQLExecutor,
                            features: [ChurnFeature] = ChurnFeature.all) async throws -> ChurnDataset {
        guard try await warehouse.tableExists(table) else {
            throw ChurnForecastError("gold.churn_features does not exist yet: run `tenure build` first")
        }
        let present = Set(try await warehouse.columns(of: table))
        if let absent = features.first(where: { !present.contains($0.name) }) {
            throw ChurnForecastError("gold.churn_features has no column \(absent.name): rebuild it with `tenure build -s churn_features`")
        }
        return try await load(roles, from: warehouse, table: table.sql, features: features)
    }

    /// The rows of the snapshots with `roles` from `table` (an SQL relation name, such as the
    /// staging table of a build in progress).
    /// With `cutoff`, only that cutoff's rows: a caller scoring every snapshot holds one at a time.
    public static func load(_ roles: [SnapshotSchedule.Role], from warehouse: any SQLExecutor, table: String,
                            features: [ChurnFeature], cutoff: String? = nil) async throws -> ChurnDataset {
        let columns = features.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let roleList = roles.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let rows = try await warehouse.query("""
            SELECT customer_key, cutoff_date, churned_in_horizon, rule_signals, \(columns)
            FROM \(table) WHERE snapshot_role IN (\(roleList))\(cutoff == nil ? "" : " AND cutoff_date = ?")
            ORDER BY cutoff_date, customer_key
            """, cutoff.map { [.text($0)] } ?? [])
        var dataset = ChurnDataset(features: features, values: [], customerKeys: [], cutoffs: [], labels: [], ruleSignals: [])
        dataset.values.reserveCapacity(rows.count * features.count)
        for row in rows {
            dataset.customerKeys.append(row.string("customer_key") ?? "")
            dataset.cutoffs.append(row.string("cutoff_date") ?? "")
            dataset.labels.append(row.int("churned_in_horizon").map { $0 == 1 })
            dataset.ruleSignals.append(row.int("rule_signals") ?? 0)
            for feature in features { dataset.values.append(row.double(feature.name).map(Float.init) ?? .nan) }
        }
        return dataset
    }

    /// The rows at `indices`, in that order.
    public func subset(_ indices: [Int]) -> ChurnDataset {
        let width = features.count
        var values: [Float] = []
        values.reserveCapacity(indices.count * width)
        for index in indices { values.append(contentsOf: self.values[(index * width)..<((index + 1) * width)]) }
        return ChurnDataset(features: features, values: values, customerKeys: indices.map { customerKeys[$0] },
                            cutoffs: indices.map { cutoffs[$0] }, labels: indices.map { labels[$0] },
                            ruleSignals: indices.map { ruleSignals[$0] })
    }

    /// The value of feature `column` in `row`.
    public func value(row: Int, column: Int) -> Float { values[row * features.count + column] }

    /// The labels, which every row must have.
    func requireLabels(_ part: String) throws -> [Bool] {
        let known = labels.compactMap { $0 }
        guard known.count == labels.count else { throw ChurnForecastError("\(part) has rows without a label") }
        let positives = known.filter { $0 }.count
        guard positives > 0, positives < known.count else {
            throw ChurnForecastError("""
                \(part) holds \(known.count) rows, \(positives) of them churned: both outcomes are needed \
                (more history, or more churn.snapshots)
                """)
        }
        return known
    }
}
