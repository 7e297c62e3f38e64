import AsyncHTTPClient
import Foundation
import TenureCore

/// The four systems' API connectors, configured from environment variables (which a `.env`
/// file may supply): where each API is and the credentials to use. A system whose settings are
/// missing gets a connector that fails with what to set, so the other three still run.
///
/// | system | variables |
/// |---|---|
/// | ERPNext | `ERPNEXT_URL`, `ERPNEXT_API_KEY`, `ERPNEXT_API_SECRET` |
/// | Salesforce | `SALESFORCE_URL` (My Domain), `SALESFORCE_CLIENT_ID`, `SALESFORCE_CLIENT_SECRET`; `SALESFORCE_USERNAME` and `SALESFORCE_PASSWORD` for the legacy password flow; `SALESFORCE_API_VERSION` (v59.0) |
/// | Supabase | `SUPABASE_URL`, `SUPABASE_SERVICE_KEY` |
/// | Google Sheets | `GOOGLE_APPLICATION_CREDENTIALS` (the service account's key file), `GOOGLE_SHEETS_SPREADSHEET_ID`; `GOOGLE_SHEETS_URL` (https://sheets.googleapis.com) |
public enum APISources {
    /// A connector for each of `systems`.
    public static func connectors(for systems: [SourceSystem], environment: [String: String], client: HTTPClient = .shared,
                                  policy: RetryPolicy = RetryPolicy()) -> [any Connector] {
        systems.map { system in
            do {
                return try connector(for: system, environment: environment, client: client, policy: policy)
            } catch let problem as ConnectorError {
                return UnavailableConnector(system: system, problem: problem)
            } catch {
                return UnavailableConnector(system: system, problem: ConnectorError("\(system.rawValue): \(error)"))
            }
        }
    }

    static func connector(for system: SourceSystem, environment: [String: String], client: HTTPClient, policy: RetryPolicy) throws(ConnectorError) -> any Connector {
        func value(_ name: String) throws(ConnectorError) -> String {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                throw ConnectorError("\(system.rawValue): \(name) is not set (in the environment or the .env file tenure.yml names)")
            }
            return value
        }
        switch system {
        case .erpnext:
            return ERPNextConnector(baseURL: try value("ERPNEXT_URL"), apiKey: try value("ERPNEXT_API_KEY"), apiSecret: try value("ERPNEXT_API_SECRET"),
                                    client: client, policy: policy)
        case .salesforce:
            return SalesforceConnector(loginURL: try value("SALESFORCE_URL"), clientID: try value("SALESFORCE_CLIENT_ID"),
                                       clientSecret: try value("SALESFORCE_CLIENT_SECRET"), username: environment["SALESFORCE_USERNAME"],
                                       password: environment["SALESFORCE_PASSWORD"], apiVersion: environment["SALESFORCE_API_VERSION"] ?? "v59.0",
                                       client: client, policy: policy)
        case .supabase:
            return SupabaseConnector(baseURL: try value("SUPABASE_URL"), serviceKey: try value("SUPABASE_SERVICE_KEY"), client: client, policy: policy)
        case .sheets:
            let key: ServiceAccountKey
            do { key = try ServiceAccountKey.load(from: URL(fileURLWithPath: try value("GOOGLE_APPLICATION_CREDENTIALS"))) } catch let error as ConnectorError {
                throw error
            } catch {
                throw ConnectorError("sheets: \(error)")
            }
            return SheetsConnector(apiURL: environment["GOOGLE_SHEETS_URL"] ?? "https://sheets.googleapis.com",
                                   spreadsheetID: try value("GOOGLE_SHEETS_SPREADSHEET_ID"), key: key, client: client, policy: policy)
        }
    }
}

/// A system that cannot be reached as configured: every extraction fails with why.
public struct UnavailableConnector: Connector {
    public let system: SourceSystem
    /// Why.
    public let problem: ConnectorError
    public let statistics = ExtractionStatistics()
    public var origin: String { "\(system.rawValue):unconfigured" }

    public func extract(_ entity: SourceEntity, since watermark: String?) throws(ConnectorError) -> RecordPages { throw problem }
}
