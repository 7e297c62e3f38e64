import Access
import ArgumentParser
import Dashboard
import Foundation
import Hummingbird
import Logging
import Pipeline
import Scheduling
import TenureCore
import Transform
import Warehouse

/// `tenure serve`: the executive dashboard and retention workbench.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the dashboard and its JSON API from the warehouse (sign in with a user from `tenure users add`).",
        discussion: """
        Listens on 127.0.0.1:8080 by default: only this machine can reach it until --host says \
        otherwise. Put it behind a TLS-terminating proxy for a team, with --secure-cookies.


        With --schedule (or pipeline.schedule in tenure.yml) the same process runs the bank's day \
        (`tenure run`) at each time the schedule names: Quartz syntax (`0 0 7 * * ?`, seconds first) \
        or five-field cron (`0 7 * * *`), read in --time-zone. The next run shows on the overview, \
        the runs page, /api/pipeline and /metrics.
        """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Flag(help: "Mark cookies Secure (when served over HTTPS).")
    var secureCookies = false

    @Option(help: "Run the pipeline on this schedule: Quartz (\"0 0 7 * * ?\") or five-field cron (default: pipeline.schedule in tenure.yml).")
    var schedule: String?

    @Option(help: "The time zone the schedule is read in, e.g. Europe/Berlin (default: pipeline.time_zone, else the machine's).")
    var timeZone: String?

    func run() async throws {
        let configuration = try options.configuration()
        var logger = options.logger("tenure.serve")
        logger.logLevel = options.verbose ? .info : .notice
        let schedule = try cronSchedule(configuration)
        let project = try TransformProject.load(configuration).project
        let lineage = Lineage(project: project, models: project.order)
        let warehouse = try await options.openConfiguredWarehouse(configuration, logger: logger)
        let access = AccessStore(warehouse: warehouse, logger: logger)
        do {
            try await access.prepare()
            if try await access.listUsers().isEmpty {
                printError("warning: no users yet: add one with `tenure users add NAME --role admin`")
            }
            var settings = DashboardServer.Settings()
            settings.host = host
            settings.port = port
            settings.secureCookies = secureCookies
            settings.scheduledRuns = try schedule.map { try scheduledRuns($0, configuration, warehouse: warehouse, logger: logger) }
            print("Tenure dashboard on http://\(host):\(port)/ (Ctrl-C stops it)")
            if let scheduled = settings.scheduledRuns {
                print("pipeline scheduled \(scheduled.schedule); next run " + (scheduled.nextRun.map { ScheduledRuns.format($0, in: scheduled.schedule.timeZone) } ?? "never"))
            }
            fflush(nil)
            let server = DashboardServer(warehouse: warehouse, access: access, lineage: lineage, settings: settings, logger: logger).application()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.runService() }
                if let scheduled = settings.scheduledRuns { group.addTask { await scheduled.run() } }
                // The server returns on SIGINT or SIGTERM; the schedule stops with it.
                try await group.next()
                group.cancelAll()
            }
        } catch {
            try? await warehouse.close()
            throw CLIError("the dashboard stopped: \(error)")
        }
        try await warehouse.close()
    }

    /// The schedule from --schedule or tenure.yml, if any.
    func cronSchedule(_ configuration: TenureConfiguration) throws -> CronSchedule? {
        guard let expression = schedule ?? configuration.pipeline.schedule else { return nil }
        return try Self.cronSchedule(expression, timeZone: timeZone ?? configuration.pipeline.timeZone,
                                     origin: schedule == nil ? "pipeline.schedule" : "--schedule")
    }

    /// `expression` read in the named time zone (or the machine's); `origin` names where it came from in errors.
    static func cronSchedule(_ expression: String, timeZone name: String?, origin: String) throws -> CronSchedule {
        let zone = try timeZone(name)
        do { return try CronSchedule(expression, timeZone: zone) } catch { throw CLIError("\(origin) \"\(expression)\": \(error)") }
    }

    /// The schedule's runs of the pipeline in this process.
    func scheduledRuns(_ cron: CronSchedule, _ configuration: TenureConfiguration, warehouse: any Warehouse, logger: Logger) throws -> ScheduledRuns {
        // Checked now, so a misconfigured alert channel or source folder stops the server at start, not at 7 am.
        _ = try PipelineAssembly.dailyRun(configuration, warehouse: warehouse, from: nil, full: false, progress: LogProgress(logger: logger), logger: logger)
        return ScheduledRuns(schedule: cron, logger: logger) { scheduledFor in
            do {
                var daily = try PipelineAssembly.dailyRun(configuration, warehouse: warehouse, from: nil, full: false,
                                                          progress: LogProgress(logger: logger), logger: logger)
                daily.trigger = .schedule
                let result = try await daily.run()
                logger.notice("scheduled run finished", metadata: ["run": "\(result.runID)", "status": "\(result.status.rawValue)",
                                                                   "seconds": "\(Int(result.seconds))"])
            } catch {
                logger.error("scheduled run could not start", metadata: ["scheduled_for": "\(scheduledFor)", "error": "\(error)"])
            }
        }
    }

    /// The named time zone, or the machine's.
    static func timeZone(_ name: String?) throws -> TimeZone {
        guard let name else { return .current }
        guard let zone = TimeZone(identifier: name) else { throw CLIError("no time zone named '\(name)' (use an IANA name such as Europe/Berlin)") }
        return zone
    }
}
