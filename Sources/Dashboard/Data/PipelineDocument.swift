import Pipeline

/// `GET /api/pipeline`: the schedule, the next run, and the latest runs with their steps.
struct PipelineDocument: Codable {
    /// The schedule this server runs the pipeline on (`0 0 7 * * ? (Europe/Berlin)`), if any.
    var schedule: String?
    /// When the next scheduled run starts (ISO 8601), if any.
    var nextRun: String?
    /// The latest runs, newest first.
    var runs: [PipelineRunDocument]

    enum CodingKeys: String, CodingKey { case schedule, nextRun = "next_run", runs }
}

/// One run in `GET /api/pipeline`.
struct PipelineRunDocument: Codable {
    struct Step: Codable {
        var step: String, status: String, seconds: Double?, rows: Int?, detail: String?
    }

    var runID: String, trigger: String, status: String, startedAt: String, finishedAt: String?, seconds: Double?, summary: String?
    var steps: [Step]

    init(_ run: PipelineRunRecord, steps: [StepRecord]) {
        runID = run.id
        trigger = run.trigger
        status = run.status
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        seconds = run.seconds
        summary = run.summary
        self.steps = steps.map { Step(step: $0.step, status: $0.status, seconds: $0.seconds, rows: $0.rows, detail: $0.detail) }
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", trigger, status, startedAt = "started_at", finishedAt = "finished_at", seconds, summary, steps
    }
}
