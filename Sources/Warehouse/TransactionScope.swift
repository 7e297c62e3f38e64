/// Remembers, per task tree, which warehouses have a transaction open, so a body that calls
/// the warehouse instead of its transaction handle gets a clear error instead of a deadlock
/// (SQLite, whose writer is held) or a silent escape from the transaction (PostgreSQL).
enum TransactionScope {
    @TaskLocal static var openWarehouses: Set<ObjectIdentifier> = []

    /// Throws when the current task is inside a transaction of `warehouse`.
    static func ensureOutside(_ warehouse: AnyObject, engine: WarehouseEngine) throws {
        if openWarehouses.contains(ObjectIdentifier(warehouse)) {
            throw WarehouseError(.invalidUse, engine: engine,
                message: "the warehouse was used inside its own transaction; use the transaction handle passed to the body")
        }
    }

    /// Runs `body` marked as inside a transaction of `warehouse`.
    static func inside<T: Sendable>(_ warehouse: AnyObject, _ body: () async throws -> T) async throws -> T {
        try await $openWarehouses.withValue(openWarehouses.union([ObjectIdentifier(warehouse)])) {
            try await body()
        }
    }
}
