import PostgresNIO

extension WarehouseError {
    /// Converts whatever postgres-nio threw, keeping bound values out of the message.
    ///
    /// PostgreSQL puts offending values into some messages (`invalid input syntax for type
    /// bigint: "…"`) and into the DETAIL field (`Key (email)=(…) already exists`). So DETAIL is
    /// never used, data exceptions (SQLSTATE class 22) lose everything after their colon, and
    /// any quoted occurrence of a bound argument is blanked out.
    init(postgres error: any Error, sql: String?, arguments: [SQLValue] = [], connecting: Bool = false) {
        switch error {
        case let error as WarehouseError:
            self = error
        case let error as PSQLError:
            if error.code == .server, let info = error.serverInfo {
                let sqlState = info[.sqlState]
                let message = WarehouseError.scrubbed(info[.message] ?? "server error", sqlState: sqlState, arguments: arguments)
                let isConnectionClass = sqlState.map { ["08", "28", "3D", "57"].contains(String($0.prefix(2))) } ?? false
                self.init(connecting || isConnectionClass ? .connectionFailed : .statementFailed,
                          engine: .postgres, message: message, code: sqlState, sql: connecting ? nil : sql)
            } else if error.code == .poolClosed || error.code == .clientClosedConnection {
                self.init(.invalidUse, engine: .postgres, message: "the warehouse is closed", sql: sql)
            } else if error.code == .tooManyParameters {
                self.init(.invalidArguments, engine: .postgres, message: "more than 65535 bound values in one statement", sql: sql)
            } else {
                // Underlying errors here are network and TLS failures; their text holds no values.
                let underlying = error.underlying.map { ": \($0)" } ?? ""
                self.init(.connectionFailed, engine: .postgres, message: "\(error.code)\(underlying)", sql: connecting ? nil : sql)
            }
        case is CancellationError:
            self.init(.statementFailed, engine: .postgres, message: "cancelled", sql: sql)
        default:
            self.init(connecting ? .connectionFailed : .statementFailed, engine: .postgres,
                      message: connecting ? "\(error)" : "unexpected \(type(of: error))", sql: sql)
        }
    }

    private static func scrubbed(_ message: String, sqlState: String?, arguments: [SQLValue]) -> String {
        var message = message
        if sqlState?.hasPrefix("22") == true, let colon = message.range(of: ": ") {
            message = message[..<colon.lowerBound] + ": …"
        }
        for argument in arguments {
            let text: String
            switch argument {
            case .text(let value): text = value
            case .integer(let value): text = String(value)
            case .real(let value): text = String(value)
            case .null, .blob: continue
            }
            guard !text.isEmpty else { continue }
            message = message.replacingOccurrences(of: "\"\(text)\"", with: "\"…\"")
        }
        return message
    }
}
