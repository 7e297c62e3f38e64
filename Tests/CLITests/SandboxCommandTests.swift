import Foundation
import Glibc
import Testing
import Warehouse
import WarehouseTestSupport

/// `tenure sandbox` and `tenure ingest --from api`, as a user runs them: the whole bank through HTTP.
@Suite("tenure sandbox and ingest --from api")
struct SandboxCommandTests {
    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(socket, raw, length) == 0, getsockname(socket, raw, &length) == 0 else { throw IngestCommandTests.CLIError(message: "no free port") }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func theSandboxServesTheWholeBankThroughHTTP() async throws {
        let bank = try await IngestCommandTests.bank.value
        let expected = try IngestCommandTests.expectedRows(bank)
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-sandbox-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: project) }
        let port = try Self.freePort()
        let sandbox = try ChildProcess(CommandLineTests.binary, ["sandbox", "--data", bank.path, "--port", String(port), "--project", project.path],
                                       captureErrors: false)
        // A test that throws leaves the sandbox to ChildProcess's deinit, which kills it.
        let started = await sandbox.wait(until: { $0.output.contains("Tenure sandbox on") }, timeLimit: .seconds(120))
        let printed = sandbox.output
        #expect(started && printed.contains("http://127.0.0.1:\(port)/") && printed.contains(".env"), "\(printed)")
        let env = try String(contentsOf: project.appendingPathComponent(".env"), encoding: .utf8)
        #expect(env.contains("ERPNEXT_API_SECRET=") && env.contains("GOOGLE_APPLICATION_CREDENTIALS="))
        let permissions = try FileManager.default.attributesOfItem(atPath: project.appendingPathComponent(".env").path)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "the credentials file is private")

        let location = "sqlite:" + project.appendingPathComponent("warehouse").path
        let ingest = try await CommandLineTests.run(["ingest", "--from", "api", "--project", project.path, "--warehouse", location])
        #expect(ingest.status == 0, "\(ingest.output)\(ingest.errors)")
        #expect(ingest.output.contains("requests") && ingest.output.contains("retries"))
        for line in env.split(separator: "\n") where line.contains("SECRET") || line.contains("KEY=") {
            let secret = line.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
            #expect(secret.isEmpty || (!ingest.output.contains(secret) && !ingest.errors.contains(secret)), "no secret is printed")
        }
        let warehouse = try await openWarehouse(WarehouseLocation(parsing: location), logger: TestEngine.logger)
        for (table, count) in expected {
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM \(TableName(.bronze, table).sql)") == count, "\(table)")
        }
        let watermarks = try await warehouse.scalarInt("SELECT COUNT(*) FROM ops.watermarks")
        #expect(watermarks == 9, "one per entity with a change field")
        try await warehouse.close()

        let again = try await CommandLineTests.run(["ingest", "--from", "api", "--project", project.path, "--warehouse", location])
        #expect(again.status == 0 && !again.output.contains("FAILED"), "\(again.output)")

        sandbox.send(SIGTERM)
        #expect(await sandbox.waitForExit(timeLimit: .seconds(30)) && sandbox.status == 0, "the sandbox stops cleanly on SIGTERM: \(sandbox.status)")
    }
}
