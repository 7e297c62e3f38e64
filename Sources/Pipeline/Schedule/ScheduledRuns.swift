import Foundation
import Logging
import Scheduling

/// The time as the scheduler sees it, so tests can run a week of schedule in a moment.
public protocol ScheduleClock: Sendable {
    /// The time now.
    func now() -> Date
    /// Returns at `time` (at once when it has passed); throws when cancelled.
    func sleep(until time: Date) async throws
}

/// The machine's clock.
public struct SystemClock: ScheduleClock {
    /// The machine's clock.
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until time: Date) async throws {
        // In slices, so a suspended laptop or a changed system clock is noticed within a minute.
        while true {
            let left = time.timeIntervalSinceNow
            if left <= 0 { return }
            try await Task.sleep(for: .milliseconds(Int(min(left, 60) * 1000)))
        }
    }
}

/// Runs the pipeline at each time a schedule names, one run at a time: a run that outlasts the
/// next fire time makes the scheduler skip to the first fire time after it ends, rather than
/// start runs back to back to catch up.
public final class ScheduledRuns: Sendable {
    /// The schedule.
    public let schedule: CronSchedule
    let clock: any ScheduleClock
    let runPipeline: @Sendable (_ scheduledFor: Date) async -> Void
    let logger: Logger
    private let state = LockedState()

    /// Runs `runPipeline` at each of `schedule`'s fire times by `clock`.
    public init(schedule: CronSchedule, clock: any ScheduleClock = SystemClock(), logger: Logger,
                runPipeline: @escaping @Sendable (_ scheduledFor: Date) async -> Void) {
        self.schedule = schedule
        self.clock = clock
        self.runPipeline = runPipeline
        self.logger = logger
        state.set(next: schedule.nextFire(after: clock.now()))
    }

    /// When the next run starts (nil when the schedule names no future time); while a run is in
    /// progress, the one after it.
    public var nextRun: Date? { state.next }

    /// Whether a scheduled run is in progress.
    public var isRunning: Bool { state.running }

    /// Waits for each fire time and runs the pipeline, until cancelled.
    public func run() async {
        var after = clock.now()
        while !Task.isCancelled, let next = schedule.nextFire(after: after) {
            state.set(next: next)
            logger.notice("next scheduled run", metadata: ["at": "\(Self.format(next, in: schedule.timeZone))"])
            do { try await clock.sleep(until: next) } catch { return }
            state.set(running: true, next: schedule.nextFire(after: next))
            if #available(macOS 15.0, *) {
                await withTaskExecutorPreference(PipelineExecutor.shared) { await runPipeline(next) }
            } else {
                await runPipeline(next)
            }
            state.set(running: false, next: nil)
            after = max(next, clock.now())
        }
        state.set(next: nil)
    }

    /// `2026-11-28 07:00 CET`.
    public static func format(_ time: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: time)
    }

    private final class LockedState: @unchecked Sendable {
        private let lock = NSLock()
        private var _next: Date?
        private var _running = false
        var next: Date? { lock.withLock { _next } }
        var running: Bool { lock.withLock { _running } }
        func set(next: Date?) { lock.withLock { _next = next } }
        func set(running: Bool, next: Date?) { lock.withLock { _running = running; _next = next } }
    }
}
