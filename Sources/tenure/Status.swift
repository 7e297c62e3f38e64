import ArgumentParser
import Foundation
import Ingestion
import Pipeline
import Scheduling
import TenureCore

/// `tenure status`: what the warehouse holds, per source.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show, per source, the last batch, rows, age, quarantined rows and schema changes; the latest pipeline runs and the next."
    )

    @OptionGroup var options: ProjectOptions

    func run() async throws {
        let configuration = try options.configuration()
        let logger = options.logger("tenure.status")
        let warehouse = try await options.openConfiguredWarehouse(configuration, logger: logger)
        let status: BronzeStatus
        let runs: [PipelineRunRecord], steps: [StepRecord], holder: RunLock.Holder?
        do {
            status = try await BronzeStatus.read(from: warehouse)
            let history = RunHistory(warehouse)
            runs = try await history.recent(limit: 5)
            if let latest = runs.first { steps = try await history.steps(of: latest.id) } else { steps = [] }
            holder = try await RunLock(warehouse).holder()
        } catch {
            try? await warehouse.close()
            throw error
        }
        try await warehouse.close()
        print("warehouse: \(configuration.resolvedWarehouseURL.hasPrefix("postgres") ? "PostgreSQL" : configuration.resolvedWarehouseURL)")
        print("source      table                        rows  last batch                                           age  quarantined  schema changes")
        let now = Date()
        for table in status.tables {
            let age = table.lastBatchAt.flatMap { try? Date($0, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)) }
                .map { Self.age(now.timeIntervalSince($0)) } ?? "never"
            let changes = table.schemaChanges.map { "\($0.kind == .added ? "+" : "-")\($0.column)" }.joined(separator: " ")
            print(pad(table.system.rawValue, 11), pad(table.table, 24), lpad(table.rows, 9), " ", pad(table.lastBatch ?? "-", 52),
                  pad(age, 6), lpad(table.quarantined, 11), " ", changes)
        }
        print("")
        print(try Self.schedule(configuration.pipeline))
        if let holder { print("in progress: run \(holder.runID) since \(holder.acquiredAt) (\(holder.host), process \(holder.pid))") }
        guard let latest = runs.first else {
            print("pipeline: no runs yet (`tenure run`)")
            return
        }
        print("pipeline runs, newest first:")
        for run in runs {
            print("  " + pad(run.id, 34), pad(run.status, 10), pad(run.trigger, 9), run.startedAt, run.seconds.map { String(format: "%8.1f s", $0) } ?? "")
        }
        print("steps of \(latest.id):")
        for step in steps {
            print("  " + pad(step.step, 8), pad(step.status, 10), step.seconds.map { String(format: "%7.1f s", $0) } ?? "      — ", " ", step.detail ?? "")
        }
    }

    /// `schedule: 0 0 7 * * ? (Europe/Berlin), next run 2026-11-28 07:00 CET`.
    static func schedule(_ settings: PipelineSettings) throws -> String {
        guard let expression = settings.schedule else {
            return "schedule: none in tenure.yml (pipeline.schedule); `tenure serve --schedule \"0 0 7 * * ?\"` runs the pipeline daily at 7"
        }
        let schedule = try Serve.cronSchedule(expression, timeZone: settings.timeZone, origin: "pipeline.schedule")
        let next = schedule.nextFire(after: Date()).map { ScheduledRuns.format($0, in: schedule.timeZone) } ?? "never"
        return "schedule: \(schedule) (run by `tenure serve`), next run \(next)"
    }

    static func age(_ seconds: TimeInterval) -> String {
        switch seconds {
        case ..<120: "\(Int(seconds))s"
        case ..<7200: "\(Int(seconds / 60))m"
        case ..<172_800: "\(Int(seconds / 3600))h"
        default: "\(Int(seconds / 86_400))d"
        }
    }
}
