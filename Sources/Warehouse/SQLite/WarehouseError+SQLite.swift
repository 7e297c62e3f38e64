import GRDB

extension WarehouseError {
    /// Converts whatever a GRDB access threw; GRDB's own message never includes bound values
    /// (`publicStatementArguments` stays off) and is used as is.
    init(sqlite error: any Error, sql: String?) {
        switch error {
        case let error as WarehouseError:
            self = error
        case let error as DatabaseError:
            let message = error.message ?? "SQLite error"
            let kind: Kind =
                if message.hasPrefix("wrong number of statement arguments") { .invalidArguments }
                else if message == "Connection is closed" { .invalidUse }
                else { .statementFailed }
            self.init(kind, engine: .sqlite, message: message, code: "\(error.resultCode.rawValue)", sql: sql)
        default:
            self.init(.statementFailed, engine: .sqlite, message: "unexpected \(type(of: error))", sql: sql)
        }
    }
}
