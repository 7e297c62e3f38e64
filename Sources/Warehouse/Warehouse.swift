/// The one SQL boundary of Tenure: an open warehouse on one engine.
///
/// Open one with ``openWarehouse(_:logger:environment:)``; every schema of `Layer` exists once it
/// is open. Statements run through ``SQLExecutor``'s `execute`/`query`; work that must be atomic
/// runs in ``transaction(_:)``. Call ``close()`` when done.
public protocol Warehouse: SQLExecutor {
    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws
    /// (and the error rethrown unchanged).
    ///
    /// Inside `body`, use only the transaction handle: calling the warehouse itself from within
    /// its own transaction throws ``WarehouseError/Kind/invalidUse`` rather than deadlocking or
    /// silently running outside the transaction. The handle stops working once `body` returns.
    ///
    /// On SQLite one transaction runs at a time (writes are serialised; reads outside the
    /// transaction go on concurrently and don't see its changes until commit). SQLite does not
    /// guarantee that a commit touching several attached schemas is atomic across them when
    /// in WAL mode, so a unit of work that must be atomic stays within one schema.
    func transaction<T: Sendable>(_ body: @Sendable (any WarehouseTransaction) async throws -> T) async throws -> T

    /// Releases the warehouse's connections; the warehouse cannot be used afterwards.
    func close() async throws
}
