import Foundation
import Logging

/// Hears how a run goes, step by step, to show it.
public protocol ProgressReporter: Sendable {
    /// A step began.
    func stepStarted(_ step: PipelineStep)
    /// A step finished `done` of its `total` units of work (entities landed, models built); `item`
    /// is the one just finished.
    func advanced(_ step: PipelineStep, done: Int, of total: Int, item: String)
    /// A step ended.
    func stepFinished(_ outcome: StepOutcome)
}

/// Progress as structured log lines, for when output is not a terminal (cron, CI, a log file):
/// one line per step start and end, quiet in between.
public struct LogProgress: ProgressReporter {
    let logger: Logger

    /// Progress logged to `logger`.
    public init(logger: Logger) { self.logger = logger }

    public func stepStarted(_ step: PipelineStep) {
        logger.info("step started", metadata: ["step": "\(step.rawValue)"])
    }

    public func advanced(_ step: PipelineStep, done: Int, of total: Int, item: String) {
        logger.debug("step progress", metadata: ["step": "\(step.rawValue)", "done": "\(done)", "total": "\(total)", "item": "\(item)"])
    }

    public func stepFinished(_ outcome: StepOutcome) {
        let level: Logger.Level = switch outcome.status {
        case .failed: .error
        case .degraded: .warning
        default: .notice
        }
        logger.log(level: level, "step finished", metadata: [
            "step": "\(outcome.step.rawValue)", "status": "\(outcome.status.rawValue)", "rows": "\(outcome.rows)",
            "seconds": "\(String(format: "%.1f", outcome.seconds))", "detail": "\(outcome.detail)",
        ])
    }
}

/// Progress on a terminal: a bar with the rate and the time left while a step works, and a line
/// per step when it ends.
public final class TerminalProgress: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var stepStart = Date()
    private var lastDraw = Date.distantPast
    private let write: @Sendable (String) -> Void
    /// The bar's width in characters.
    let width = 24

    /// Progress drawn with `write` (standard error by default).
    public init(write: @escaping @Sendable (String) -> Void = { text in FileHandle.standardError.write(Data(text.utf8)) }) {
        self.write = write
    }

    public func stepStarted(_ step: PipelineStep) {
        lock.withLock {
            stepStart = Date()
            lastDraw = .distantPast
        }
        write("\r\u{1B}[K\(Self.label(step)) …")
    }

    public func advanced(_ step: PipelineStep, done: Int, of total: Int, item: String) {
        let now = Date()
        let (start, draw): (Date, Bool) = lock.withLock {
            // A few frames a second is enough, and keeps a fast step from flooding the terminal.
            let draw = done == total || now.timeIntervalSince(lastDraw) > 0.2
            if draw { lastDraw = now }
            return (stepStart, draw)
        }
        guard draw else { return }
        write("\r\u{1B}[K" + Self.bar(step, done: done, total: total, elapsed: now.timeIntervalSince(start), item: item, width: width))
    }

    public func stepFinished(_ outcome: StepOutcome) {
        write("\r\u{1B}[K" + outcome.line + "\n")
    }

    /// `build    [#########...............]  12/30  2.4/s  ETA 0:08  gold.customer_360`.
    static func bar(_ step: PipelineStep, done: Int, total: Int, elapsed: Double, item: String, width: Int) -> String {
        let share = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let filled = Int((share * Double(width)).rounded(.down))
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let eta = String(format: "%d:%02d", Int(left) / 60, Int(left) % 60)
        return "\(label(step)) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + "\(done)/\(total)  " + String(format: "%.1f/s", rate) + "  ETA \(eta)  \(item)"
    }

    static func label(_ step: PipelineStep) -> String {
        step.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
    }
}

extension StepOutcome {
    /// `ok   build      12.3 s  30 of 30 models built …`: the step in one line.
    public var line: String {
        let mark = switch status {
        case .succeeded: "ok  "
        case .degraded: "WARN"
        case .failed: "FAIL"
        case .skipped: "skip"
        case .running, .abandoned: "    "
        }
        return "\(mark) \(TerminalProgress.label(step))" + String(format: "%7.1f s  ", seconds) + detail
    }
}
