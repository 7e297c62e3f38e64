import AsyncHTTPClient
import Foundation
import Testing

/// The MLflow server of scripts/mlflow, read over plain REST with our own HTTP calls so the checks
/// do not go through the code under test.
struct MLflowServer {
    let url: String

    /// The server at TENURE_TEST_MLFLOW_URL; records a failure (not a skip) when it is unset.
    static func fromEnvironment() throws -> MLflowServer {
        let url = try #require(
            ProcessInfo.processInfo.environment["TENURE_TEST_MLFLOW_URL"].flatMap { $0.isEmpty ? nil : $0 },
            "TENURE_TEST_MLFLOW_URL is not set: run `scripts/mlflow start` and export TENURE_TEST_MLFLOW_URL=$(scripts/mlflow url) (scripts/test does both)"
        )
        return MLflowServer(url: url)
    }

    /// An experiment name no earlier test run used.
    static func uniqueExperimentName(_ purpose: String) -> String {
        "tenure-tracking-tests/\(purpose)/\(UUID().uuidString.lowercased())"
    }

    /// A JSON object from `GET path?query`.
    func get(_ path: String, query: [(String, String)] = []) async throws -> [String: Any] {
        let encoded = query.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        let data = try await request("GET", path + (encoded.isEmpty ? "" : "?\(encoded)"), body: nil)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `GET path?query` decoded as `T`, non-finite doubles spelt as MLflow does ("NaN", "Infinity").
    func decode<T: Decodable>(_ type: T.Type, _ path: String, query: [(String, String)] = []) async throws -> T {
        let encoded = query.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        let data = try await request("GET", path + (encoded.isEmpty ? "" : "?\(encoded)"), body: nil)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(T.self, from: data)
    }

    /// A JSON object from `POST path` with a JSON body.
    func post(_ path: String, _ body: [String: Any]) async throws -> [String: Any] {
        let data = try await request("POST", path, body: try JSONSerialization.data(withJSONObject: body))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The raw bytes of `GET path`.
    func bytes(_ path: String) async throws -> Data {
        try await request("GET", path, body: nil)
    }

    private func request(_ method: String, _ path: String, body: Data?) async throws -> Data {
        var request = HTTPClientRequest(url: url + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = Data(try await response.body.collect(upTo: 64 << 20).readableBytesView)
        try #require(
            response.status.code == 200,
            "\(method) \(path) answered \(response.status.code): \(String(decoding: data.prefix(500), as: UTF8.self))")
        return data
    }

    static func encode(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Each `/`-separated segment percent-encoded.
    static func encodePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }.joined(separator: "/")
    }
}

/// The `{key, value}` entries of a runs/get answer as a dictionary.
func keyValues(_ entries: Any?) -> [String: String] {
    var result: [String: String] = [:]
    for entry in entries as? [[String: Any]] ?? [] {
        if let key = entry["key"] as? String, let value = entry["value"] as? String { result[key] = value }
    }
    return result
}

/// The metrics of a runs/get answer.
struct RunMetrics: Decodable {
    struct Run: Decodable { let data: RunData }
    struct RunData: Decodable { let metrics: [Metric] }
    struct Metric: Decodable {
        let key: String
        let value: Double
        let step: Int64
    }
    let run: Run
}
