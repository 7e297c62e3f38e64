import TenureCore
import Warehouse

/// One node of the project's DAG: a SQL model, a seed (a CSV file) or a model whose logic is Swift.
public struct Model: Sendable {
    /// The model's name, unique across the project; also its table's name.
    public let name: String
    /// The schema its table lives in: the folder it is in.
    public let layer: Layer
    /// How it becomes a relation in the warehouse.
    public var materialization: Materialization
    /// What it holds, for people.
    public var description: String?
    /// Its documented columns, in order.
    public var columns: [ColumnDocumentation]
    /// Its data tests, column and model level.
    public var tests: [DataTest]
    /// The parsed SQL; nil for seeds and Swift models.
    public let template: SQLTemplate?
    /// The seed's rows as read from its CSV (header first); nil for other models.
    public let seedRows: [[String]]?
    /// The models it reads (from `ref`, or declared by a Swift model).
    public var dependencies: [String]
    /// The bronze tables it reads.
    public var sources: [SourceReference]
    /// Indexes to create on its table, each a list of columns: what downstream joins look up by.
    public var indexes: [[String]]
    /// For incremental models: the column identifying a row, replaced when it arrives again.
    public var uniqueKey: String?
    /// The project file that defines it, relative to the project.
    public let file: String

    /// Its table: `silver.dim_customer`.
    public var table: TableName { TableName(layer, name) }

    init(name: String, layer: Layer, materialization: Materialization, template: SQLTemplate?, seedRows: [[String]]?, file: String) {
        self.name = name
        self.layer = layer
        self.materialization = materialization
        self.template = template
        self.seedRows = seedRows
        self.file = file
        self.description = nil
        self.columns = []
        self.tests = []
        self.dependencies = template?.refs ?? []
        self.sources = template?.sources ?? []
        self.indexes = []
        self.uniqueKey = template?.config["unique_key"]
    }
}

/// How a model becomes a relation.
public enum Materialization: String, Sendable, CaseIterable {
    /// Built whole beside the old table, tested, then swapped in atomically.
    case table
    /// A view, re-created in one transaction; cheap, always current.
    case view
    /// Rows new since the last build are merged into the table by ``Model/uniqueKey``; built
    /// whole on the first run, with `--full-refresh`, or when the run date changes.
    case incremental
    /// Rows loaded from a CSV file in the project (mapping tables analysts maintain).
    case seed
    /// Rows computed by Swift code registered with the runner (entity resolution, scoring).
    case swift
}

/// A documented column of a model.
public struct ColumnDocumentation: Sendable, Equatable {
    /// The column's name.
    public let name: String
    /// What it means.
    public let description: String?
}
