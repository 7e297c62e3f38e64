import Foundation
import Warehouse

/// A data test: a query for the rows that break an expectation. No rows means it passes.
public struct DataTest: Sendable {
    /// What is expected.
    public enum Kind: Sendable {
        /// No two rows share a value of the column.
        case unique(String)
        /// The column is never null.
        case notNull(String)
        /// The column only holds these values.
        case acceptedValues(String, [String])
        /// Every non-null value of the column exists in `field` of another model: a foreign key.
        case relationships(String, model: String, field: String)
        /// No two rows share the combination of these columns.
        case uniqueCombination([String])
        /// The number of rows lies within the bounds.
        case rowCount(min: Int?, max: Int?)
        /// The newest value of a date column is at most this many days before the run date.
        case freshness(String, maxAgeDays: Int)
        /// A SQL condition every row meets.
        case expression(String)
        /// A SQL file of its own that selects the failing rows.
        case singular(SQLTemplate)
    }

    /// Whether a failure stops the build (`error`) or is only reported (`warn`).
    public enum Severity: String, Sendable {
        case error, warn
    }

    /// The test's name, unique in the project: `unique_dim_customer_customer_key`.
    public let name: String
    /// The model it tests; its failure keeps that model's new table out.
    public let model: String
    /// The column it tests, for column tests.
    public let column: String?
    /// What is expected.
    public let kind: Kind
    /// Whether a failure stops the build.
    public let severity: Severity
    /// The project file that declares it.
    public let file: String

    /// The other models it reads, which must be built before it runs.
    public var otherModels: [String] {
        switch kind {
        case .relationships(_, let model, _): [model]
        case .singular(let template): template.refs.filter { $0 != model }
        default: []
        }
    }

    /// The kind's name as the YAML spells it.
    public var kindName: String {
        switch kind {
        case .unique: "unique"
        case .notNull: "not_null"
        case .acceptedValues: "accepted_values"
        case .relationships: "relationships"
        case .uniqueCombination: "unique_combination_of_columns"
        case .rowCount: "row_count"
        case .freshness: "freshness"
        case .expression: "expression_is_true"
        case .singular: "sql"
        }
    }

    /// The query for failing rows, with the tested model read from `relation`.
    func failingRowsSQL(relation: String, context: RenderContext) -> String {
        let q = SQLIdentifier.quoted
        switch kind {
        case .unique(let column):
            return "SELECT \(q(column)) AS value, COUNT(*) AS occurrences FROM \(relation) WHERE \(q(column)) IS NOT NULL GROUP BY \(q(column)) HAVING COUNT(*) > 1"
        case .notNull(let column):
            return "SELECT * FROM \(relation) WHERE \(q(column)) IS NULL"
        case .acceptedValues(let column, let values):
            let list = values.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
            return "SELECT \(q(column)) AS value, COUNT(*) AS occurrences FROM \(relation) WHERE \(q(column)) IS NOT NULL AND CAST(\(q(column)) AS TEXT) NOT IN (\(list)) GROUP BY \(q(column))"
        case .relationships(let column, let model, let field):
            return """
                SELECT child.\(q(column)) AS value FROM \(relation) child WHERE child.\(q(column)) IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM \(context.relation(model)) parent WHERE parent.\(q(field)) = child.\(q(column)))
                """
        case .uniqueCombination(let columns):
            let list = columns.map(q).joined(separator: ", ")
            return "SELECT \(list), COUNT(*) AS occurrences FROM \(relation) GROUP BY \(list) HAVING COUNT(*) > 1"
        case .rowCount(let min, let max):
            let bounds = [min.map { "row_count < \($0)" }, max.map { "row_count > \($0)" }].compactMap { $0 }
            return "SELECT row_count FROM (SELECT COUNT(*) AS row_count FROM \(relation)) counted WHERE \(bounds.isEmpty ? "1 = 0" : bounds.joined(separator: " OR "))"
        case .freshness(let column, let maxAgeDays):
            return """
                SELECT newest FROM (SELECT MAX(\(q(column))) AS newest FROM \(relation)) latest \
                WHERE newest IS NULL OR tenure_days_between(newest, '\(context.runDate)') > \(maxAgeDays)
                """
        case .expression(let condition):
            return "SELECT * FROM \(relation) WHERE NOT (\(condition))"
        case .singular(let template):
            var own = context
            let model = self.model
            let outer = context.relation
            own.relation = { name in name == model ? relation : outer(name) }
            return template.render(own)
        }
    }
}
