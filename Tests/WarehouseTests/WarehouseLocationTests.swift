import Foundation
import Testing
import Warehouse
import WarehouseTestSupport

@Suite("Locations")
struct WarehouseLocationTests {
    @Test("PostgreSQL URLs are recognised by scheme")
    func postgresURLs() throws {
        for text in ["postgres://u@h:5432/db", "postgresql://u:p@h/db", "POSTGRES://u@h/db?sslmode=disable"] {
            let location = try WarehouseLocation(parsing: text)
            #expect(location == .postgres(url: text))
            #expect(location.engine == .postgres)
        }
    }

    @Test("sqlite: prefixes and plain paths name an SQLite folder")
    func sqlitePaths() throws {
        #expect(try WarehouseLocation(parsing: "sqlite:/var/tenure") == .sqlite(directory: URL(fileURLWithPath: "/var/tenure", isDirectory: true)))
        #expect(try WarehouseLocation(parsing: "sqlite:///var/tenure") == .sqlite(directory: URL(fileURLWithPath: "/var/tenure", isDirectory: true)))
        #expect(try WarehouseLocation(parsing: "/var/tenure") == .sqlite(directory: URL(fileURLWithPath: "/var/tenure", isDirectory: true)))
        let relative = try WarehouseLocation(parsing: "sqlite:warehouse")
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("warehouse", isDirectory: true).standardizedFileURL
        #expect(relative == .sqlite(directory: expected))
        #expect(relative.engine == .sqlite)
    }

    @Test("unknown schemes and empty paths are refused")
    func refused() {
        #expect(throws: WarehouseError.self) { try WarehouseLocation(parsing: "mysql://u@h/db") }
        #expect(throws: WarehouseError.self) { try WarehouseLocation(parsing: "sqlite:") }
    }

    @Test("an SQLite warehouse keeps one file per schema and its data across reopening")
    func sqliteFolderLayout() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tenure-layout-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await openWarehouse("sqlite:\(directory.path)", logger: TestEngine.logger)
        try await first.execute("CREATE TABLE ops.audit_log (event TEXT)")
        try await first.execute("INSERT INTO ops.audit_log (event) VALUES (?)", ["opened"])
        try await first.close()
        for schema in ["bronze", "silver", "gold", "ml", "ops"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(schema).sqlite").path))
        }
        let second = try await openWarehouse(.sqlite(directory: directory), logger: TestEngine.logger)
        let rows = try await second.query("SELECT event FROM ops.audit_log")
        #expect(rows.map(\.values) == [[.text("opened")]])
        let journal = try await second.query("PRAGMA ops.journal_mode")
        #expect(journal.first?.values == [.text("wal")])
        try await second.close()
    }
}
