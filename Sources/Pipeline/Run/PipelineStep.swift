import Foundation

/// The steps of the bank's day, in the order they run.
public enum PipelineStep: String, Sendable, CaseIterable {
    /// Land what changed in the four systems into bronze, each system on its own.
    case ingest
    /// Resolve the systems' records into people (silver.customer_xref and what it reads).
    case resolve
    /// Build the rest of silver and gold, each table tested before it is swapped in.
    case build
    /// Retrain the churn model when it is due.
    case train
    /// Score every customer with the champion and publish the predictions.
    case score
    /// Write the executive report.
    case report
    /// Tell the retention team about customers newly at HIGH risk.
    case alerts

    /// Its place in the run, from 1.
    public var position: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
}

/// How a step went.
public enum StepStatus: String, Sendable {
    /// Still going (or stopped without saying so: see ``abandoned``).
    case running
    /// Did all of its work.
    case succeeded
    /// Did its work with part of its input missing (a source down, an alert not delivered).
    case degraded
    /// Could not do its work.
    case failed
    /// Not due, or not safe after an earlier failure.
    case skipped
    /// Its run stopped midway (killed) and a later run took over.
    case abandoned
}

/// How a run went.
public enum PipelineRunStatus: String, Sendable {
    /// In progress.
    case running
    /// Every step did its work.
    case succeeded
    /// Predictions were published, but with some input missing (a source down) or some alert undelivered.
    case degraded
    /// A step failed: no new predictions were published, the last good ones stay.
    case failed
    /// Killed midway; the next run redid its work.
    case abandoned
}

/// What started a run.
public enum PipelineTrigger: String, Sendable {
    /// `tenure run`.
    case manual
    /// The schedule of `tenure serve --schedule`.
    case schedule
}

/// How one step of a run ended.
public struct StepOutcome: Sendable {
    /// The step.
    public let step: PipelineStep
    /// How it went.
    public let status: StepStatus
    /// Rows it handled (records landed, rows built, customers scored, alerts sent).
    public let rows: Int
    /// What it did, in a line, for the run history and the terminal.
    public let detail: String
    /// Its wall-clock seconds.
    public let seconds: Double
    /// When it ended.
    public let finishedAt: Date

    /// An outcome of `step`.
    public init(step: PipelineStep, status: StepStatus, rows: Int, detail: String, seconds: Double, finishedAt: Date) {
        self.step = step
        self.status = status
        self.rows = rows
        self.detail = detail
        self.seconds = seconds
        self.finishedAt = finishedAt
    }
}
