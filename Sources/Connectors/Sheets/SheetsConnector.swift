import AsyncHTTPClient
import Foundation
import TenureCore

/// Extracts the tabs of one Google spreadsheet through the Sheets API (`values.get`), signed in
/// as a service account (an RS256-signed JWT exchanged at the key file's `token_uri`). The
/// header row comes first, then blocks of rows by A1 range; a block that comes back short
/// (Google leaves out trailing empty rows) is the last. Sheets have no change feed, so every
/// extraction reads the whole tab and bronze recognises the rows it holds.
public struct SheetsConnector: Connector {
    public let system = SourceSystem.sheets
    public let statistics = ExtractionStatistics()
    let apiURL: String
    let spreadsheetID: String
    let session: HTTPSession
    let rowsPerPage: Int
    static let scope = "https://www.googleapis.com/auth/spreadsheets.readonly"

    /// A connector for `spreadsheetID` at `apiURL` (`https://sheets.googleapis.com`), signing in with `key`.
    public init(apiURL: String = "https://sheets.googleapis.com", spreadsheetID: String, key: ServiceAccountKey,
                client: HTTPClient = .shared, policy: RetryPolicy = RetryPolicy(), rowsPerPage: Int = 1_000) {
        self.apiURL = apiURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.spreadsheetID = spreadsheetID
        self.rowsPerPage = rowsPerPage
        let authorizer = OAuthAuthorizer { session throws(ConnectorError) in
            let assertion: String
            do { assertion = try key.assertion(scope: Self.scope) } catch { throw ConnectorError("sheets: cannot sign the token request: \(error)") }
            let answer = try await session.send(.POST, key.tokenURI, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                body: formBody([("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)]),
                                                authenticated: false)
            guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any],
                  let token = object["access_token"] as? String else {
                throw ConnectorError("sheets: the token answer has no access_token")
            }
            return .init(accessToken: token, instanceURL: nil)
        }
        session = HTTPSession(system: .sheets, client: client, policy: policy, statistics: statistics, authorizer: authorizer,
                              credentialNames: "GOOGLE_APPLICATION_CREDENTIALS and the spreadsheet's sharing")
    }

    public var origin: String { "sheets:\(spreadsheetID)" }

    public func extract(_ entity: SourceEntity, since watermark: String?) throws(ConnectorError) -> RecordPages {
        let state = SheetState()
        let tab = "'" + entity.apiName.replacingOccurrences(of: "'", with: "''") + "'"
        return RecordPages { [self] in
            guard let first = state.nextRow else { return nil }
            if state.header == nil {
                let rows = try await values("\(tab)!A1:ZZ1")
                guard let row = rows.first, let cells = try? JSONSerialization.jsonObject(with: Data(row)) as? [String] else {
                    throw ConnectorError("sheets: the tab \(entity.apiName) has no header row")
                }
                state.header = cells
            }
            let rows = try await values("\(tab)!A\(first):ZZ\(first + rowsPerPage - 1)")
            state.nextRow = rows.count < rowsPerPage ? nil : first + rowsPerPage
            guard !rows.isEmpty else { return nil }
            let records = rows.enumerated().map { RawRecord(payload: $0.element, format: .sheetRow(number: first + $0.offset)) }
            return statistics.counted(RecordPage(header: state.header ?? [], records: records))
        }
    }

    /// The rows of an A1 range, each as its JSON array's bytes.
    private func values(_ range: String) async throws(ConnectorError) -> [[UInt8]] {
        let path = range.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? range
        let answer = try await session.send(.GET, "\(apiURL)/v4/spreadsheets/\(spreadsheetID)/values/\(path)")
        guard let members = JSONSpans.members(of: answer.body) else { throw ConnectorError("sheets: the answer for \(range) is not a JSON object") }
        guard let values = members.first(where: { $0.name == "values" }) else { return [] }
        let array = Array(answer.body[values.value])
        return (JSONSpans.elements(of: array) ?? []).map { Array(array[$0]) }
    }
}

/// Where reading a tab stands: its header, and the next row to read (nil when done).
private final class SheetState: @unchecked Sendable {
    private let lock = NSLock()
    private var storedHeader: [String]?
    private var storedNext: Int? = 2

    var header: [String]? {
        get { lock.withLock { storedHeader } }
        set { lock.withLock { storedHeader = newValue } }
    }

    var nextRow: Int? {
        get { lock.withLock { storedNext } }
        set { lock.withLock { storedNext = newValue } }
    }
}
