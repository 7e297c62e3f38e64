import Connectors
import Foundation
import HTTPTypes
import Hummingbird
import TenureCore

/// Google's OAuth token endpoint for service accounts (the JWT-bearer grant, with the assertion's
/// RS256 signature checked against the account's public key) and the Sheets API's
/// `GET /v4/spreadsheets/{id}/values/{range}`, with ragged rows and Google's error envelope.
struct SheetsEmulator {
    let sandbox: SandboxServer

    static let tabs: [String: SourceEntity] = Dictionary(uniqueKeysWithValues: SourceEntity.of(.sheets).map { ($0.apiName, $0) })
    static let scope = "https://www.googleapis.com/auth/spreadsheets.readonly"

    func register(on router: Router<BasicRequestContext>) {
        router.post("/token") { request, _ in
            let form = try await formFields(request)
            func refuse(_ description: String) -> Response {
                jsonResponse(object: ["error": "invalid_grant", "error_description": description], status: .badRequest)
            }
            guard form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer" else {
                return jsonResponse(object: ["error": "unsupported_grant_type", "error_description": "Invalid grant_type: \(form["grant_type"] ?? "")"],
                                    status: .badRequest)
            }
            guard let assertion = form["assertion"] else { return refuse("Missing required parameter: assertion") }
            let audience = "http://\(request.head.authority ?? "127.0.0.1")/token"
            do {
                let claims = try ServiceAccountVerifier(publicKeyPEM: sandbox.credentials.googlePublicKeyPEM).verify(assertion, audience: audience)
                guard claims.issuer == sandbox.credentials.googleClientEmail else { return refuse("Invalid JWT: unknown issuer") }
                guard claims.scope.split(separator: " ").contains(where: { $0 == Self.scope || $0 == "https://www.googleapis.com/auth/spreadsheets" }) else {
                    return refuse("Invalid JWT: the scope does not grant the Sheets API")
                }
            } catch {
                return refuse("\(error)")
            }
            return jsonResponse(object: ["access_token": sandbox.tokens.issue(for: .sheets), "expires_in": 3599, "token_type": "Bearer"])
        }
        router.get("/v4/spreadsheets/:id/values/:range") { request, context in
            guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
                  sandbox.tokens.spend(String(header.dropFirst(7))) == .valid else {
                throw EmulatorFailure(.sheets, .unauthorized, "Request had invalid authentication credentials. Expected OAuth 2 access token.")
            }
            guard try context.parameters.require("id") == sandbox.credentials.spreadsheetID else {
                throw EmulatorFailure(.sheets, .notFound, "Requested entity was not found.")
            }
            let raw = try context.parameters.require("range")
            let range = try A1Range(raw.removingPercentEncoding ?? raw)
            guard let entity = Self.tabs[range.sheet] else { throw EmulatorFailure(.sheets, .badRequest, "Unable to parse range: \(range.sheet)") }
            let rows = try sandbox.store.sheetRows(entity, first: range.firstRow, last: range.lastRow ?? Int.max)
            var body = #"{"range": \#(String(decoding: JSONSpans.jsonString(range.echo), as: UTF8.self)), "majorDimension": "ROWS""#
            // Like Google: no `values` at all when the range holds nothing.
            if !rows.isEmpty { body += #", "values": "# + String(decoding: jsonArray(rows.map(\.payload)), as: UTF8.self) }
            return jsonResponse(Array((body + "}").utf8))
        }
    }

}

/// An A1 range: `'Customer Notes'!A2:H1001`, `Branches!A:G`, `Branches`.
struct A1Range {
    let sheet: String
    let firstRow: Int
    let lastRow: Int?
    /// The range as the answer echoes it.
    let echo: String

    init(_ text: String) throws {
        let parts = text.split(separator: "!", maxSplits: 1).map(String.init)
        var name = parts[0]
        if name.hasPrefix("'"), name.hasSuffix("'"), name.count >= 2 { name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") }
        sheet = name
        echo = text
        guard parts.count == 2 else { firstRow = 1; lastRow = nil; return }
        let cells = parts[1].split(separator: ":").map(String.init)
        func row(_ cell: String) -> Int? { Int(cell.drop { $0.isLetter }) }
        guard let start = cells.first, start.first?.isLetter == true else { throw EmulatorFailure(.sheets, .badRequest, "Unable to parse range: \(text)") }
        firstRow = row(start) ?? 1
        lastRow = cells.count == 2 ? row(cells[1]) : (row(start) ?? nil)
    }
}
