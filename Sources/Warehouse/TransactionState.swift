/// Whether a transaction handle may still be used; handles outlive their body only by mistake.
actor TransactionState {
    private var isOpen = true
    private let engine: WarehouseEngine

    init(engine: WarehouseEngine) {
        self.engine = engine
    }

    /// Throws when the transaction's body has already returned.
    func ensureOpen() throws {
        guard isOpen else {
            throw WarehouseError(.invalidUse, engine: engine,
                message: "the transaction is finished; its handle cannot be used after the body returns")
        }
    }

    /// Marks the transaction finished.
    func finish() {
        isOpen = false
    }
}
