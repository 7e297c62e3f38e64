import AsyncHTTPClient
import Foundation
import Logging

// One request to the tracking server, with MLflow's error bodies turned into MLflowError.
extension MLflowClient {
    enum Method: String, Sendable {
        case get = "GET", post = "POST", put = "PUT"
    }

    /// Largest response read; MLflow's JSON answers here are small, this only bounds a misbehaving server.
    private static let maxResponseBytes = 32 << 20

    /// Sends a request without a body and decodes the JSON answer as `Response`.
    func call<Response: Decodable>(_ method: Method, _ path: String, query: String? = nil) async throws -> Response {
        let answer = try await send(method, path, query: query, body: nil, contentType: "application/json")
        return try decode(answer, method, path)
    }

    /// Sends `body` as JSON and decodes the JSON answer as `Response`.
    func call<Response: Decodable>(_ method: Method, _ path: String, body: some Encodable) async throws -> Response {
        let data = try JSONCoding.encoder.encode(body)
        let answer = try await send(method, path, body: data, contentType: "application/json")
        return try decode(answer, method, path)
    }

    private func decode<Response: Decodable>(_ answer: Data, _ method: Method, _ path: String) throws -> Response {
        do {
            return try JSONCoding.decoder.decode(Response.self, from: answer.isEmpty ? Data("{}".utf8) : answer)
        } catch {
            throw MLflowError(
                operation: operation(method, path), status: 200,
                message: "the answer is not the JSON MLflow sends (\(error))",
                hint: "is \(trackingURL) an MLflow tracking server?")
        }
    }

    /// Sends one request and returns the body of a 2xx answer.
    func send(_ method: Method, _ path: String, query: String? = nil, body: Data?, contentType: String) async throws -> Data {
        let base = try self.base.get()
        let url = base + path + (query.map { "?\($0)" } ?? "")
        let operation = operation(method, path)
        var request = HTTPClientRequest(url: url)
        switch method {
        case .get: request.method = .GET
        case .post: request.method = .POST
        case .put: request.method = .PUT
        }
        request.headers.add(name: "Accept", value: "application/json")
        if let credentials { request.headers.add(name: "Authorization", value: credentials.authorization) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(body)
        }
        logger.debug("MLflow request", metadata: ["method": "\(method.rawValue)", "path": "\(path)"])

        let status: Int
        let answer: Data
        do {
            let response = try await httpClient.execute(request, timeout: .nanoseconds(timeoutNanoseconds))
            status = Int(response.status.code)
            answer = Data(try await response.body.collect(upTo: Self.maxResponseBytes).readableBytesView)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw MLflowError(
                operation: operation,
                message: "could not reach the server: \(redact(Self.reason(error)))",
                hint: "is an MLflow tracking server running at \(trackingURL)? scripts/mlflow start runs one locally")
        }
        guard (200..<300).contains(status) else {
            throw httpError(operation: operation, path: path, status: status, body: answer)
        }
        return answer
    }

    private func httpError(operation: String, path: String, status: Int, body: Data) -> MLflowError {
        let parsed = try? JSONDecoder().decode(ErrorBody.self, from: body)
        let text = parsed?.message ?? String(decoding: body.prefix(300), as: UTF8.self)
        let message = switch text.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "": "no message"
        case let page where page.hasPrefix("<"): "the answer is an HTML page, not MLflow's JSON"
        case let plain: plain
        }
        let hint: String? = switch status {
        case 401, 403:
            credentials == nil
                ? "the server wants credentials: set MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"
                : "check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"
        case 404 where parsed?.error_code == nil && path.contains("mlflow-artifacts"):
            "the server does not proxy artifacts; run `mlflow server` with --serve-artifacts"
        case 404 where parsed?.error_code == nil:
            "is \(trackingURL) an MLflow tracking server of version 2 or later?"
        default:
            nil
        }
        return MLflowError(
            operation: operation, status: status, errorCode: parsed?.error_code,
            message: redact(message), hint: hint)
    }

    /// The networking error in a few words; NIO's own wording is long and repeats itself.
    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("Connection refused") { return "connection refused" }
        if text.contains("deadlineExceeded") || text.contains("connectTimeout") { return "no answer in time" }
        return text
    }

    /// `METHOD base/path`, the query left out: it can carry names but never matters for a fix.
    private func operation(_ method: Method, _ path: String) -> String {
        "\(method.rawValue) \(trackingURL)\(path)"
    }

    private func redact(_ text: String) -> String {
        credentials?.redact(text) ?? text
    }
}
