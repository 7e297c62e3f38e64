import Logging
import Warehouse

/// A model whose rows Swift code computes (entity resolution, scoring): a node of the same DAG
/// as the SQL models, declared in YAML with `materialized: swift`, built, tested and swapped in
/// the same way.
public protocol SwiftModel: Sendable {
    /// The model's name, as declared in YAML.
    var name: String { get }
    /// The models it reads.
    var dependencies: [String] { get }
    /// Computes the model's rows as of the context's run date.
    func rows(_ context: SwiftModelContext) async throws -> SwiftModelOutput
}

/// What a Swift model may read while it runs.
public struct SwiftModelContext: Sendable {
    /// The warehouse, for reading the models it depends on.
    public let warehouse: any SQLExecutor
    /// The run date, `YYYY-MM-DD`.
    public let runDate: String
    /// Where each model's rows are: `"silver"."dim_customer"`.
    public let relation: @Sendable (String) -> String
    /// Where a source's latest records are: `"bronze"."erp_customers__latest"`.
    public let source: @Sendable (SourceReference) -> String
    /// The runner's logger.
    public let logger: Logger
}

/// A Swift model's result: its columns and rows.
public struct SwiftModelOutput: Sendable {
    /// The table's columns, in order.
    public var columns: [ColumnDefinition]
    /// One value per column in each row.
    public var rows: [[SQLValue]]

    /// Creates an output.
    public init(columns: [ColumnDefinition], rows: [[SQLValue]]) {
        self.columns = columns
        self.rows = rows
    }
}
