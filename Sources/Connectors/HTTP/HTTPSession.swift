import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TenureCore

/// How a connector retries: exponential backoff with jitter on 5xx, 429 (waiting what
/// `Retry-After` asks) and network failures and timeouts, a bounded number of times.
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    public var attempts = 6
    /// The first backoff; each retry doubles it.
    public var baseDelay: Duration = .milliseconds(500)
    /// The longest backoff, and the longest `Retry-After` honoured.
    public var maximumDelay: Duration = .seconds(60)
    /// How long one request may take.
    public var timeout: Duration = .seconds(60)

    /// The defaults.
    public init() {}

    /// The wait before retry number `retry` (1-based): base × 2^(retry−1), capped, with "full jitter" in its upper half.
    func backoff(retry: Int) -> Duration {
        let ceiling = min(Double(maximumDelay.components.seconds) + Double(maximumDelay.components.attoseconds) / 1e18,
                          seconds(baseDelay) * pow(2, Double(retry - 1)))
        return .milliseconds(Int(ceiling * Double.random(in: 0.5...1.0) * 1000))
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// What a source's API answered.
struct HTTPAnswer: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]
}

/// Signs requests for one source and renews its access token when the source says it expired.
protocol Authorizer: Sendable {
    /// The headers that authenticate a request.
    func headers(using session: HTTPSession) async throws(ConnectorError) -> [(String, String)]
    /// Forgets the current token so the next `headers` fetches a new one; false when there is
    /// nothing to renew (a fixed API key), so a 401 means the credentials are wrong.
    func renew() async -> Bool
}

/// Requests to one source system: authentication, retries, and the counters of what happened.
/// Secrets travel only in headers and form bodies, never in URLs, logs or errors.
final class HTTPSession: Sendable {
    let system: SourceSystem
    let client: HTTPClient
    let policy: RetryPolicy
    let statistics: ExtractionStatistics
    let authorizer: (any Authorizer)?
    /// Where to look when the credentials are refused, for the error message.
    let credentialNames: String

    init(system: SourceSystem, client: HTTPClient, policy: RetryPolicy, statistics: ExtractionStatistics,
         authorizer: (any Authorizer)?, credentialNames: String) {
        self.system = system
        self.client = client
        self.policy = policy
        self.statistics = statistics
        self.authorizer = authorizer
        self.credentialNames = credentialNames
    }

    /// Sends a request, authenticated unless `authenticated` is false (a token request itself),
    /// and returns the first answer that is not a transient failure.
    func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
              authenticated: Bool = true) async throws(ConnectorError) -> HTTPAnswer {
        var renewed = false
        var lastProblem = ""
        for attempt in 1...max(1, policy.attempts) {
            if attempt > 1 { statistics.countRetry() }
            var request = HTTPClientRequest(url: url)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if authenticated, let authorizer {
                for (name, value) in try await authorizer.headers(using: self) { request.headers.replaceOrAdd(name: name, value: value) }
            }
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            statistics.countRequest()
            let answer: HTTPAnswer
            do {
                let response = try await client.execute(request, timeout: .nanoseconds(Int64(policy.seconds(policy.timeout) * 1e9)))
                let collected = try await response.body.collect(upTo: 512 << 20)
                answer = HTTPAnswer(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
            } catch {
                lastProblem = Self.describe(error)
                try await pause(policy.backoff(retry: attempt))
                continue
            }
            switch answer.status {
            case 200..<300:
                return answer
            case 401 where authenticated && !renewed:
                renewed = true
                if let authorizer, await authorizer.renew() { continue }
                throw refused(answer)
            case 401, 403:
                throw refused(answer)
            case 429:
                lastProblem = "HTTP 429 (rate limited)"
                try await pause(retryAfter(answer) ?? policy.backoff(retry: attempt))
            case 500..<600:
                lastProblem = "HTTP \(answer.status)" + Self.message(in: answer).map { ": \($0)" }.orEmpty
                try await pause(policy.backoff(retry: attempt))
            default:
                throw ConnectorError("\(system.rawValue) answered HTTP \(answer.status) to \(Self.redacted(url))" + Self.message(in: answer).map { ": \($0)" }.orEmpty)
            }
        }
        throw ConnectorError("\(system.rawValue) did not answer \(Self.redacted(url)) after \(policy.attempts) attempts (last: \(lastProblem))")
    }

    private func refused(_ answer: HTTPAnswer) -> ConnectorError {
        ConnectorError("\(system.rawValue) refused the credentials (HTTP \(answer.status)" + Self.message(in: answer).map { ": \($0)" }.orEmpty
                       + "): check \(credentialNames)")
    }

    private func pause(_ duration: Duration) async throws(ConnectorError) {
        do { try await Task.sleep(for: duration) } catch { throw ConnectorError("\(system.rawValue): extraction cancelled") }
    }

    /// `Retry-After` in seconds (or an HTTP date), capped by the policy.
    private func retryAfter(_ answer: HTTPAnswer) -> Duration? {
        guard let value = answer.headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        let seconds = Double(value) ?? {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
        }()
        guard let seconds else { return nil }
        return .milliseconds(Int(min(seconds, policy.seconds(policy.maximumDelay)) * 1000))
    }

    /// The error message an API put in its body, in any of the four shapes, shortened.
    static func message(in answer: HTTPAnswer) -> String? {
        guard let json = try? JSONSerialization.jsonObject(with: Data(answer.body)) else { return nil }
        var text: String?
        if let list = json as? [[String: Any]] { text = list.first.flatMap { [$0["errorCode"], $0["message"]].compactMap { $0 as? String }.joined(separator: ": ") } }
        if let object = json as? [String: Any] {
            if let error = object["error"] as? [String: Any] { text = error["message"] as? String }
            else if let error = object["error"] as? String { text = [error, object["error_description"] as? String].compactMap { $0 }.joined(separator: ": ") }
            else { text = (object["message"] as? String) ?? (object["exception"] as? String) ?? (object["exc_type"] as? String) }
        }
        return text.map { String($0.prefix(300)) }
    }

    /// `url` without its query, which may carry filters long enough to drown a message.
    static func redacted(_ url: String) -> String { String(url.prefix { $0 != "?" }) }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: error).prefix(200).description
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
