import Connectors
import Foundation

/// The secrets the sandbox accepts, made fresh for each sandbox: ERPNext's API key and secret,
/// a Salesforce connected app (and a user for the legacy password flow), Supabase's service key,
/// and a Google service account whose public key the token endpoint checks signatures with.
public struct SandboxCredentials: Sendable {
    public var erpnextKey: String, erpnextSecret: String
    public var salesforceClientID: String, salesforceClientSecret: String
    public var salesforceUsername: String, salesforcePassword: String
    public var supabaseServiceKey: String
    /// The service account's e-mail and key file (whose `token_uri` the sandbox rewrites to itself).
    public var googleClientEmail: String, googleKeyFile: Data
    /// The service account's public key, to verify the assertions it signs.
    public var googlePublicKeyPEM: String
    /// The spreadsheet holding the branches, notes and campaigns tabs.
    public var spreadsheetID: String

    /// The first words of every env file the sandbox writes.
    static let marker = "# Written by `tenure sandbox`"

    /// Fresh random credentials.
    public static func generate() throws -> SandboxCredentials {
        func secret(_ length: Int = 32) -> String {
            let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
        }
        let email = "tenure-extract@tenure-sandbox.iam.gserviceaccount.com"
        let key = try ServiceAccountKey.generate(clientEmail: email, tokenURI: "http://127.0.0.1/token")
        return SandboxCredentials(
            erpnextKey: secret(15), erpnextSecret: secret(15), salesforceClientID: "3MVG9" + secret(80), salesforceClientSecret: secret(64),
            salesforceUsername: "integration@tenurebank.example", salesforcePassword: secret(16) + secret(24),
            supabaseServiceKey: "sb_secret_" + secret(40), googleClientEmail: email, googleKeyFile: key.keyFileJSON,
            googlePublicKeyPEM: key.publicKeyPEM, spreadsheetID: "1" + secret(43))
    }

    /// The key file with `token_uri` pointing at `tokenURI`.
    public func googleKeyFile(tokenURI: String) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: googleKeyFile) as? [String: Any] else {
            throw SandboxError("the generated service-account key file is not a JSON object")
        }
        object["token_uri"] = tokenURI
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    /// The environment the connectors read, pointing at a sandbox on `baseURL`; the service
    /// account's key file is written beside `envFile` and named in it.
    public func writeEnvironment(to envFile: URL, baseURL: String) throws {
        // Never clobber a file of real credentials: only a file the sandbox wrote is replaced.
        if let existing = try? String(contentsOf: envFile, encoding: .utf8), !existing.hasPrefix(Self.marker) {
            throw SandboxError("\(envFile.path) exists and was not written by `tenure sandbox`: name another file with --env-file")
        }
        let keyFile = envFile.deletingLastPathComponent().appendingPathComponent("sandbox-service-account.json")
        try googleKeyFile(tokenURI: baseURL + "/token").write(to: keyFile, options: .atomic)
        let lines = [
            Self.marker + ": the simulated bank's APIs on \(baseURL). Secrets: keep this file private.",
            "ERPNEXT_URL=\(baseURL)", "ERPNEXT_API_KEY=\(erpnextKey)", "ERPNEXT_API_SECRET=\(erpnextSecret)",
            "SALESFORCE_URL=\(baseURL)", "SALESFORCE_CLIENT_ID=\(salesforceClientID)", "SALESFORCE_CLIENT_SECRET=\(salesforceClientSecret)",
            "SUPABASE_URL=\(baseURL)", "SUPABASE_SERVICE_KEY=\(supabaseServiceKey)",
            "GOOGLE_SHEETS_URL=\(baseURL)", "GOOGLE_SHEETS_SPREADSHEET_ID=\(spreadsheetID)", "GOOGLE_APPLICATION_CREDENTIALS=\(keyFile.path)",
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: envFile, options: .atomic)
        for file in [envFile, keyFile] { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path) }
    }
}
