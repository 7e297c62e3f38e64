import Foundation
import Logging
import Pipeline
import Scheduling
import Testing

/// The schedule fires at the right times, by an injected clock: across daylight saving, and
/// without piling up runs when one outlasts the interval.
@Suite("scheduled pipeline runs")
struct ScheduledRunsTests {
    /// A clock that jumps to whatever time it is asked to sleep until.
    final class ManualClock: ScheduleClock, @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ start: Date) { current = start }
        func now() -> Date { lock.withLock { current } }
        func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
        func sleep(until time: Date) async throws {
            try Task.checkCancellation()
            lock.withLock { current = max(current, time) }
            await Task.yield()
        }
    }

    /// The runs' start times (by the clock) and the times they were scheduled for.
    actor Record {
        var runs: [(scheduled: Date, started: Date)] = []
        func add(_ scheduled: Date, _ started: Date) -> Int { runs.append((scheduled, started)); return runs.count }
    }

    static let logger = Logger(label: "tenure.schedule.tests") { _ in SwiftLogNoOpLogHandler() }

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Runs the schedule from `start` until `count` runs happened, each taking `duration` seconds.
    static func runs(_ expression: String, zone: String, from start: String, count: Int, duration: TimeInterval = 60,
                     nextDuringRun: (@Sendable (ScheduledRuns) -> Void)? = nil) async throws -> (ScheduledRuns, [(scheduled: Date, started: Date)]) {
        let clock = ManualClock(date(start))
        let record = Record()
        let schedule = try CronSchedule(expression, timeZone: TimeZone(identifier: zone)!)
        let holder = Holder()
        let scheduled = ScheduledRuns(schedule: schedule, clock: clock, logger: logger) { fire in
            if let runs = holder.runs { nextDuringRun?(runs) }
            let done = await record.add(fire, clock.now())
            clock.advance(by: duration)
            // Stops the schedule: the loop runs in its own task, so this cancels it, not the test.
            if done == count { withUnsafeCurrentTask { $0?.cancel() } }
        }
        holder.runs = scheduled
        await Task { await scheduled.run() }.value
        return (scheduled, await record.runs)
    }

    final class Holder: @unchecked Sendable { var runs: ScheduledRuns? }

    @Test func aDailyQuartzScheduleFiresAtSevenLocalTimeAcrossTheSpringChange() async throws {
        let (_, runs) = try await Self.runs("0 0 7 * * ?", zone: "Europe/Berlin", from: "2026-03-27T12:00:00Z", count: 4)
        #expect(runs.map(\.scheduled) == ["2026-03-28T06:00:00Z", "2026-03-29T05:00:00Z", "2026-03-30T05:00:00Z", "2026-03-31T05:00:00Z"].map(Self.date))
        #expect(runs.allSatisfy { $0.started == $0.scheduled }, "each run starts when it is due, not before")
    }

    @Test func fiveFieldCronOnWeekdaysSkipsTheWeekend() async throws {
        let (_, runs) = try await Self.runs("30 6 * * 1-5", zone: "America/New_York", from: "2026-11-27T00:00:00Z", count: 3)
        // Friday 27 November, then Monday and Tuesday; New York is UTC-5 in winter.
        #expect(runs.map(\.scheduled) == ["2026-11-27T11:30:00Z", "2026-11-30T11:30:00Z", "2026-12-01T11:30:00Z"].map(Self.date))
    }

    @Test func aRunThatOutlastsTheIntervalSkipsToTheNextFireTimeAfterIt() async throws {
        // Every 15 minutes, but each run takes 40: 00:15 runs to 00:55, so 00:30 and 00:45 are skipped.
        let (_, runs) = try await Self.runs("0 0/15 * * * ?", zone: "UTC", from: "2026-11-27T00:05:00Z", count: 3, duration: 40 * 60)
        #expect(runs.map(\.scheduled) == ["2026-11-27T00:15:00Z", "2026-11-27T01:00:00Z", "2026-11-27T01:45:00Z"].map(Self.date))
    }

    @Test func theNextRunIsKnownBeforeAndDuringARun() async throws {
        let schedule = try CronSchedule("0 0 7 * * ?", timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let clock = ManualClock(Self.date("2026-11-27T12:00:00Z"))
        let idle = ScheduledRuns(schedule: schedule, clock: clock, logger: Self.logger) { _ in }
        #expect(idle.nextRun == Self.date("2026-11-28T06:00:00Z"))
        #expect(!idle.isRunning)
        #expect(ScheduledRuns.format(Self.date("2026-11-28T06:00:00Z"), in: schedule.timeZone) == "2026-11-28 07:00 GMT+1")
        let seen = Seen()
        _ = try await Self.runs("0 0 7 * * ?", zone: "Europe/Berlin", from: "2026-11-27T12:00:00Z", count: 1) { runs in
            seen.set(runs.nextRun, runs.isRunning)
        }
        #expect(seen.value?.next == Self.date("2026-11-29T06:00:00Z") && seen.value?.running == true)
    }

    @Test func aScheduledRunWorksOnThePipelinesThreadsNotTheCooperativePool() async throws {
        let schedule = try CronSchedule("0 0 7 * * ?", timeZone: TimeZone(identifier: "UTC")!)
        let clock = ManualClock(Self.date("2026-11-27T12:00:00Z"))
        let labels = Labels()
        let scheduled = ScheduledRuns(schedule: schedule, clock: clock, logger: Self.logger) { _ in
            labels.add(Self.queueLabel())
            // Child tasks (a step's concurrent work) run there too.
            await withTaskGroup(of: String.self) { group in
                for _ in 0..<4 { group.addTask { Self.queueLabel() } }
                for await label in group { labels.add(label) }
            }
            withUnsafeCurrentTask { $0?.cancel() }
        }
        await Task { await scheduled.run() }.value
        #expect(labels.all == Array(repeating: "tenure.pipeline", count: 5), "\(labels.all)")
        #expect(Self.queueLabel() != "tenure.pipeline", "the test itself is on the cooperative pool")
    }

    /// Where the caller runs.
    static func queueLabel() -> String { PipelineExecutor.isCurrent ? "tenure.pipeline" : "elsewhere" }

    final class Labels: @unchecked Sendable {
        private let lock = NSLock()
        private var labels: [String] = []
        func add(_ label: String) { lock.withLock { labels.append(label) } }
        var all: [String] { lock.withLock { labels } }
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: (next: Date?, running: Bool)?
        func set(_ next: Date?, _ running: Bool) { lock.withLock { stored = (next, running) } }
        var value: (next: Date?, running: Bool)? { lock.withLock { stored } }
    }
}

/// What a run shows on a terminal: a bar with counts, rate and time left, then a line per step.
@Suite("pipeline progress")
struct ProgressTests {
    final class Screen: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func write(_ more: String) { lock.withLock { text += more } }
        var shown: String { lock.withLock { text } }
    }

    @Test func aTerminalShowsABarWithRateAndTimeLeftThenTheStepsLine() {
        let screen = Screen()
        let progress = TerminalProgress { screen.write($0) }
        progress.stepStarted(.build)
        progress.advanced(.build, done: 30, of: 30, item: "gold.customer_360")
        let outcome = StepOutcome(step: .build, status: .succeeded, rows: 1234, detail: "30 of 30 models built", seconds: 12.34, finishedAt: Date())
        progress.stepFinished(outcome)
        let lines = screen.shown.components(separatedBy: "\r\u{1B}[K")
        let bar = try? #require(lines.first { $0.contains("30/30") })
        #expect(bar?.hasPrefix("build    [########################] 30/30  ") == true, "\(screen.shown)")
        #expect(bar?.contains("/s  ETA 0:00  gold.customer_360") == true)
        #expect(screen.shown.hasSuffix("ok   build      12.3 s  30 of 30 models built\n"))
        #expect(outcome.line == "ok   build      12.3 s  30 of 30 models built")
    }
}
