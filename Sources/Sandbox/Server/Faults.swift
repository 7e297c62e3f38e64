import Foundation
import TenureCore

/// The ways the sandbox misbehaves on purpose, so connectors can be shown to survive what real
/// services do: slowness, server errors, rate limits, expiring tokens, and outages.
public struct FaultSettings: Sendable, Equatable {
    /// Added to every answer.
    public var latency: Duration = .zero
    /// The share of requests (0–1) answered with a 5xx error.
    public var serverErrorRate = 0.0
    /// Every this many requests, a burst of 429 answers begins (0: never).
    public var rateLimitEvery = 0
    /// How many requests a 429 burst lasts.
    public var rateLimitBurst = 3
    /// The seconds `Retry-After` asks a client to wait.
    public var retryAfterSeconds = 1
    /// How many requests an OAuth access token (Salesforce, Google) serves before it expires (0: never).
    public var tokenLifetimeRequests = 0
    /// Systems that answer every request with 503, as if down.
    public var down: Set<SourceSystem> = []
    /// The seed of the random choice of failing requests, so a test sees the same faults every run.
    public var seed: UInt64 = 7

    /// No faults.
    public init() {}
}

/// Decides, request by request, which fault (if any) a request meets.
final class FaultInjector: @unchecked Sendable {
    /// What a request meets.
    enum Fault: Equatable {
        case down, serverError, rateLimited(retryAfter: Int)
    }

    private let lock = NSLock()
    private var settings: FaultSettings
    private var random: SplitMix64
    private var requests = 0
    private var burstLeft = 0

    init(_ settings: FaultSettings) {
        self.settings = settings
        random = SplitMix64(seed: settings.seed)
    }

    /// The current settings.
    var current: FaultSettings { lock.withLock { settings } }

    /// Replaces the settings (the sandbox's control endpoint and tests flip faults at run time).
    func update(_ settings: FaultSettings) {
        lock.withLock {
            self.settings = settings
            random = SplitMix64(seed: settings.seed)
            burstLeft = 0
        }
    }

    /// The fault the next request to `system` meets. Token requests are spared from random
    /// errors (not from outages), so a fault rate tests data paging rather than sign-in alone.
    func next(for system: SourceSystem, isTokenRequest: Bool) -> Fault? {
        lock.withLock {
            if settings.down.contains(system) { return .down }
            if isTokenRequest { return nil }
            requests += 1
            if burstLeft > 0 {
                burstLeft -= 1
                return .rateLimited(retryAfter: settings.retryAfterSeconds)
            }
            if settings.rateLimitEvery > 0, requests % settings.rateLimitEvery == 0 {
                burstLeft = max(0, settings.rateLimitBurst - 1)
                return .rateLimited(retryAfter: settings.retryAfterSeconds)
            }
            if settings.serverErrorRate > 0, Double(random.next() >> 11) / Double(1 << 53) < settings.serverErrorRate { return .serverError }
            return nil
        }
    }
}

/// OAuth access tokens the sandbox has issued, and how many more requests each may serve.
final class TokenIssuer: @unchecked Sendable {
    /// What a presented token is.
    enum Verdict { case valid, expired, unknown }

    private let lock = NSLock()
    private var remaining: [String: Int] = [:]
    private let faults: FaultInjector

    init(faults: FaultInjector) { self.faults = faults }

    /// A new token for `system`.
    func issue(for system: SourceSystem) -> String {
        let token = "\(system.rawValue)-" + (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 36) }.joined()
        let lifetime = faults.current.tokenLifetimeRequests
        lock.withLock { remaining[token] = lifetime > 0 ? lifetime : Int.max }
        return token
    }

    /// Checks `token` and spends one of its requests.
    func spend(_ token: String) -> Verdict {
        lock.withLock {
            guard let left = remaining[token] else { return .unknown }
            guard left > 0 else { return .expired }
            remaining[token] = left - 1
            return .valid
        }
    }
}
