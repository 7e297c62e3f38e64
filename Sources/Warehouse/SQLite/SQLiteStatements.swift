import GRDB
import GRDBSQLite

/// The statement-level work shared by ``SQLiteWarehouse`` and ``SQLiteTransaction``; runs on
/// a GRDB connection inside one database access.
enum SQLiteStatements {
    /// Runs one statement; GRDB refuses several statements in one string, as PostgreSQL does.
    static func execute(_ db: Database, _ sql: String, _ arguments: [SQLValue]) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(StatementArguments(arguments.map(\.databaseValue)))
        try statement.execute()
    }

    /// Runs one query and reads every row; when `onlyIfReadOnly` is set, returns nil without
    /// running a statement that would write.
    static func query(_ db: Database, _ sql: String, _ arguments: [SQLValue], onlyIfReadOnly: Bool) throws -> [Row]? {
        let statement = try db.makeStatement(sql: sql)
        if onlyIfReadOnly && !statement.isReadonly { return nil }
        try statement.setArguments(StatementArguments(arguments.map(\.databaseValue)))
        let columns = statement.columnNames
        let cursor = try GRDB.Row.fetchCursor(statement)
        var rows: [Row] = []
        while let row = try cursor.next() {
            var values: [SQLValue] = []
            values.reserveCapacity(columns.count)
            for index in 0..<columns.count {
                values.append(SQLValue(row[index] as DatabaseValue))
            }
            rows.append(Row(uncheckedColumns: columns, values: values))
        }
        return rows
    }

    /// `INSERT INTO "schema"."table" ("a", "b") VALUES (?, ?)`.
    static func insertSQL(into table: TableName, columns: [String]) -> String {
        let names = columns.map(SQLIdentifier.quoted).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table.sql) (\(names)) VALUES (\(placeholders))"
    }

    /// Inserts every row with one prepared statement, re-bound per row; the caller's
    /// transaction makes this one commit instead of one per row.
    ///
    /// Binds through SQLite's C API rather than GRDB's `StatementArguments`: building an
    /// arguments value per row costs more than SQLite's own work on wide rows.
    /// Returns how many rows were inserted (fewer than given when the SQL skips conflicts).
    @discardableResult
    static func bulkInsert(_ db: Database, sql: String, columnCount: Int, rows: [[SQLValue]]) throws -> Int {
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        var inserted = 0
        for (index, row) in rows.enumerated() {
            guard row.count == columnCount else {
                throw WarehouseError(.invalidArguments, engine: .sqlite,
                    message: "row \(index) has \(row.count) values for \(columnCount) columns", sql: sql)
            }
            sqlite3_reset(handle)
            for (offset, value) in row.enumerated() {
                let code = bind(value, to: handle, at: Int32(offset + 1))
                guard code == SQLITE_OK else { throw failure(db, code: code, sql: sql) }
            }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                sqlite3_reset(handle)
                throw failure(db, code: code, sql: sql)
            }
            inserted += Int(sqlite3_changes(db.sqliteConnection))
        }
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        return inserted
    }

    /// Tells SQLite to copy bound text and blobs, whose Swift storage is only borrowed.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private static func bind(_ value: SQLValue, to handle: OpaquePointer, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(var text):
            return text.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) { chars in
                    // An empty string still needs a non-null pointer, or SQLite binds NULL.
                    guard let base = chars.baseAddress, !chars.isEmpty else {
                        return sqlite3_bind_text(handle, index, "", 0, transient)
                    }
                    return sqlite3_bind_text(handle, index, base, Int32(chars.count), transient)
                }
            }
        case .blob(let bytes):
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), transient)
            }
        }
    }

    private static func failure(_ db: Database, code: Int32, sql: String) -> WarehouseError {
        let message = sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) } ?? "SQLite error"
        return WarehouseError(.statementFailed, engine: .sqlite, message: message, code: "\(code & 0xFF)", sql: sql)
    }
}
