import Foundation
import PostgresNIO

/// A PostgreSQL URL taken apart into what postgres-nio needs.
///
/// Understands `postgres://` and `postgresql://`, percent-encoded user and password, a default
/// port of 5432, a default database named after the user, and libpq's `sslmode`
/// (`disable`, `allow`, `prefer` — the default —, `require`, `verify-ca`, `verify-full`; like
/// libpq, only the `verify-` modes check the server's certificate).
struct PostgresSettings: Sendable {
    enum TLSMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String
    var tlsMode: TLSMode

    /// Parses `url`; without a password in it, `PGPASSWORD` from `environment` is used.
    /// Errors never repeat the URL, which may hold a password.
    init(url: String, environment: [String: String]) throws {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else {
            throw WarehouseError(.invalidLocation, engine: .postgres,
                message: "cannot read the PostgreSQL URL; expected postgres://user[:password]@host[:port]/database (percent-encode special characters in the password)")
        }
        var host = components.host ?? ""
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "localhost" : host
        self.port = components.port ?? 5432
        guard let user = components.user, !user.isEmpty else {
            throw WarehouseError(.invalidLocation, engine: .postgres,
                message: "the PostgreSQL URL names no user; expected postgres://user@host:port/database")
        }
        self.username = user
        if let password = components.password, !password.isEmpty {
            self.password = password
        } else {
            self.password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard let mode = TLSMode(rawValue: sslmode) else {
            throw WarehouseError(.invalidLocation, engine: .postgres,
                message: "unknown sslmode '\(sslmode)'; use disable, allow, prefer, require, verify-ca or verify-full")
        }
        self.tlsMode = mode
    }

    /// `user@host:port/database`, for messages and logs.
    var displayName: String { "\(username)@\(host):\(port)/\(database)" }

    /// `url` with any password replaced by `***`, or a placeholder when it cannot be read.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "postgres://(unreadable URL)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "postgres://(unreadable URL)"
    }

    private var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch tlsMode {
        case .verifyFull: configuration.certificateVerification = .fullVerification
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .disable, .allow, .prefer, .require: configuration.certificateVerification = .none
        }
        return configuration
    }

    /// Session settings every connection starts with: UTC so timestamps read the same for
    /// everyone, and a name that shows up in `pg_stat_activity`.
    private static let startupParameters = [("TimeZone", "UTC"), ("application_name", "tenure")]

    /// The pool's configuration.
    func clientConfiguration() -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch tlsMode {
            case .disable: .disable
            case .allow, .prefer: .prefer(tlsConfiguration)
            case .require, .verifyCA, .verifyFull: .require(tlsConfiguration)
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.additionalStartupParameters = Self.startupParameters
        configuration.options.connectTimeout = .seconds(15)
        return configuration
    }

    /// The configuration of a single connection, used to check reachability and set up schemas.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch tlsMode {
        case .disable: tls = .disable
        case .allow, .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration))
        case .require, .verifyCA, .verifyFull: tls = .require(try NIOSSLContext(configuration: tlsConfiguration))
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.additionalStartupParameters = Self.startupParameters
        configuration.options.connectTimeout = .seconds(15)
        return configuration
    }
}
