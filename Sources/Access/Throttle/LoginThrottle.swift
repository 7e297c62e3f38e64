import Foundation

/// Slows password guessing: once `limit` sign-ins for the same username from the same address
/// have failed within `window`, that pair is refused until the oldest of those failures is
/// `window` old (at most `limit` guesses per `window`, however they are spread); a successful
/// sign-in clears the pair's failures.
///
/// In memory (one per server process) and safe to share between concurrent requests.
public struct LoginThrottle: Sendable {
    /// Failures that lock a pair.
    public let limit: Int
    /// How far back failures count, and how long a lock lasts.
    public let window: Duration

    private let now: @Sendable () -> Date
    private let state = LockedFailures()

    /// Creates a throttle; `now` is the clock (injected so tests can move time).
    public init(limit: Int = 5, window: Duration = .seconds(15 * 60), now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = max(1, limit)
        self.window = window
        self.now = now
    }

    /// Whether a sign-in for `username` from `ip` may be tried now.
    public func allows(username: String, ip: String) -> Bool {
        retryAfter(username: username, ip: ip) == nil
    }

    /// How long until `username` from `ip` may try again, or nil when it may now.
    public func retryAfter(username: String, ip: String) -> Duration? {
        let key = Key(username: username, ip: ip), time = now()
        return state.withLock { failures in
            prune(&failures, at: time)
            guard let times = failures[key], times.count >= limit else { return nil }
            let wait = times[times.count - limit].addingTimeInterval(seconds).timeIntervalSince(time)
            return wait > 0 ? .milliseconds(Int64((wait * 1000).rounded(.up))) : nil
        }
    }

    /// Notes a failed sign-in for `username` from `ip`.
    public func recordFailure(username: String, ip: String) {
        let key = Key(username: username, ip: ip), time = now()
        state.withLock { failures in
            prune(&failures, at: time)
            failures[key, default: []].append(time)
        }
    }

    /// Notes a successful sign-in: the pair's failures are forgotten.
    public func recordSuccess(username: String, ip: String) {
        let key = Key(username: username, ip: ip)
        state.withLock { failures in failures[key] = nil }
    }

    private var seconds: TimeInterval {
        let (whole, fraction) = window.components
        return Double(whole) + Double(fraction) / 1e18
    }

    /// Drops failures older than the window, so memory stays bounded by recent traffic.
    private func prune(_ failures: inout [Key: [Date]], at time: Date) {
        let cutoff = time.addingTimeInterval(-seconds)
        for (key, times) in failures {
            let recent = times.filter { $0 > cutoff }
            failures[key] = recent.isEmpty ? nil : recent
        }
    }

    /// Usernames compare case-insensitively so `Maria` and `maria` share a count.
    private struct Key: Hashable {
        let username: String
        let ip: String
        init(username: String, ip: String) {
            self.username = username.lowercased()
            self.ip = ip
        }
    }

    /// The failures by pair behind a lock (a class, so copies of the throttle share them).
    private final class LockedFailures: @unchecked Sendable {
        private let lock = NSLock()
        private var failures: [Key: [Date]] = [:]

        func withLock<T>(_ body: (inout [Key: [Date]]) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&failures)
        }
    }
}
