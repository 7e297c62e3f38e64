import TenureCore

/// What one batch did: every record received is landed, recognised as unchanged, or quarantined.
public struct BatchReport: Sendable, Equatable {
    /// The batch's id, as stored in `_batch_id`.
    public let batchID: String
    /// The entity the batch landed.
    public let entity: SourceEntity
    /// Records read from the source.
    public var received = 0
    /// Records written to bronze.
    public var landed = 0
    /// Records whose identical content bronze already held.
    public var unchanged = 0
    /// Records sent to `bronze._quarantine`.
    public var quarantined = 0
    /// Child rows (ERPNext invoice items) written to their own table.
    public var childrenLanded = 0
    /// Columns that appeared or vanished compared with the previous batch.
    public var schemaChanges: [SchemaChange] = []
    /// The largest value of the entity's change field among the records read (the next
    /// extraction's watermark); nil when the entity has none or nothing came.
    public var latestChange: String?

    /// A report with nothing counted yet.
    public init(batchID: String, entity: SourceEntity) {
        self.batchID = batchID
        self.entity = entity
    }

    /// Whether the books balance: received = landed + unchanged + quarantined.
    public var isBalanced: Bool { received == landed + unchanged + quarantined }
}

/// A source field that appeared in or vanished from an entity.
public struct SchemaChange: Sendable, Hashable, Codable {
    /// Whether the field was added or removed.
    public enum Kind: String, Sendable, Codable { case added, removed }

    /// The bronze table the field belongs to.
    public let table: String
    /// The field (column) name.
    public let column: String
    /// What happened to it.
    public let kind: Kind

    /// A change of `kind` to `column` of `table`.
    public init(table: String, column: String, kind: Kind) {
        self.table = table
        self.column = column
        self.kind = kind
    }
}
