import ChurnForecast
import Charts
import Foundation
import Pipeline
import Transform

/// Data health: tests, freshness and rows per layer, quarantine, schema changes, and entity resolution.
struct DataHealthPage {
    let health: DashboardQueries.DataHealth

    func page(for viewer: Viewer) -> Page {
        let failing = health.tests.filter { $0.status != "pass" }
        var body = "<div class=\"cards\">"
        body += [("Data tests", "\(health.tests.count - failing.count) of \(health.tests.count) pass"),
                 ("Quarantined records", Format.count(health.quarantine.map(\.records).reduce(0, +))),
                 ("Schema changes", Format.count(health.schemaChanges.count)),
                 ("People resolved", health.resolution.map { Format.count($0.people) } ?? "—")]
            .map { "<div class=\"card\">\(e($0.0))<b>\(e($0.1))</b></div>" }.joined() + "</div>"
        body += table(["Source", "Last loaded", "Rows landed"], health.sources.map { [e($0.source), e($0.lastLoadedAt ?? "never"), e(Format.count($0.rows))] },
                      caption: "Bronze: freshness per source")
        body += table(["Layer", "Model", "Status", "Rows", "Seconds", "Built at"], health.tables.map {
            [e($0.layer), e($0.model), "<span class=\"\(e($0.status))\">\(e($0.status))</span>", e($0.rows.map(Format.count) ?? "—"),
             e($0.seconds.map { String(format: "%.2f", $0) } ?? "—"), e($0.builtAt ?? "—")]
        }, caption: "Silver and gold: each model's latest build")
        func testRows(_ tests: [DashboardQueries.TestResult]) -> [[String]] {
            tests.map { [e($0.model), e($0.test), e($0.severity), "<span class=\"\(e($0.status))\">\(e($0.status))</span>", e($0.failures.map(String.init) ?? "")] }
        }
        let testHeader = ["Model", "Test", "Severity", "Status", "Failures"]
        body += failing.isEmpty ? "<h2>Data tests</h2><p>Every data test passed when it last ran.</p>"
            : table(testHeader, testRows(failing), caption: "Data tests whose latest run did not pass")
        body += "<details><summary>\(health.tests.count - failing.count) passing tests</summary>"
            + table(testHeader, testRows(health.tests.filter { $0.status == "pass" })) + "</details>"
        body += health.quarantine.isEmpty ? "<h2>Quarantine</h2><p>No record has been quarantined.</p>"
            : table(["Source", "Table", "Reason", "Records", "Latest"], health.quarantine.map {
                [e($0.source), e($0.table), e($0.reason), e(Format.count($0.records)), e($0.lastAt ?? "—")]
            }, caption: "Quarantine: records set aside at landing, with why")
        body += health.schemaChanges.isEmpty ? "<h2>Schema changes</h2><p>No source has added or dropped a column.</p>"
            : table(["Detected", "Source", "Table", "Column", "Change"], health.schemaChanges.map {
                [e($0.detectedAt ?? "—"), e($0.source), e($0.table), e($0.column), e($0.change)]
            }, caption: "Schema changes seen in the sources")
        if let resolution = health.resolution {
            let systems = Array(Set(resolution.placements.map(\.system))).sorted()
            let rules = Array(Set(resolution.placements.map(\.rule))).sorted()
            body += Chart(.stackedBar, ChartData(
                title: "Entity resolution: how each system's records were placed",
                subtitle: "\(Format.count(resolution.people)) people; \(Format.count(resolution.pairsToReview)) pairs wait for review (tenure review list)",
                categoryName: "System", categories: systems,
                series: rules.map { rule in
                    Series(rule, systems.map { system in Double(resolution.placements.first { $0.system == system && $0.rule == rule }?.records ?? 0) })
                })).html
        }
        return Page(title: "Data health", viewer: viewer, body: body)
    }
}

/// Pipeline runs: the daily runs with their outcome and the next one, each build of the models,
/// and the churn model's trainings.
struct RunsPage {
    let pipelineRuns: [PipelineRunRecord]
    let nextRun: String
    let runs: [DashboardQueries.BuildRun]
    let trainings: [ModelVersion]

    func page(for viewer: Viewer) -> Page {
        var body = "<p>Next pipeline run: \(e(nextRun)).</p>"
        body += table(["Run", "Trigger", "Status", "Started", "Seconds", "What went wrong or was missing"], pipelineRuns.map {
            ["<a href=\"/runs/\(e(DashboardServer.pathComponent($0.id)))\">\(e($0.id))</a>", e($0.trigger), PipelineRunPage.status($0.status),
             e($0.startedAt), e($0.seconds.map { String(format: "%.1f", $0) } ?? "—"), e($0.summary ?? "")]
        }, caption: "Pipeline runs (`tenure run`), newest first")
        let recent = Array(runs.prefix(20).reversed())
        body += Chart(.bar, ChartData(title: "Build time of the latest runs", unit: "s", categoryName: "Run",
                                         categories: recent.map { String($0.finishedAt?.prefix(16) ?? "") },
                                         series: [Series("seconds", recent.map(\.seconds))])).html
        body += table(["Run", "Run date", "Finished", "Built", "Failed", "Skipped", "Test errors", "Test warnings", "Seconds"], runs.map {
            ["<a href=\"/runs/\(e(DashboardServer.pathComponent($0.runID)))\">\(e($0.runID))</a>", e($0.runDate ?? "—"), e($0.finishedAt ?? "—"),
             e(String($0.built)), $0.failed > 0 ? "<span class=\"error\">\($0.failed)</span>" : "0", e(String($0.skipped)),
             $0.testErrors > 0 ? "<span class=\"error\">\($0.testErrors)</span>" : "0", e(String($0.testWarnings)), e(String(format: "%.1f", $0.seconds))]
        }, caption: "Builds of the models, newest first")
        body += table(["Model", "Registered", "Validation ROC AUC", "Champion"], trainings.map {
            [e($0.name), e($0.createdAt), e(String(format: "%.4f", $0.validationAUC)), $0.isChampion ? "<b>champion</b>" : ""]
        }, caption: "Churn model trainings")
        return Page(title: "Pipeline runs", viewer: viewer, body: body)
    }
}

/// One pipeline run's steps: how each went, how long it took, how many rows it handled.
struct PipelineRunPage {
    let run: PipelineRunRecord
    let steps: [StepRecord]

    func page(for viewer: Viewer) -> Page {
        var body = "<p>\(e(run.trigger)) run, \(Self.status(run.status)), started \(e(run.startedAt))"
            + (run.finishedAt.map { ", finished \(e($0))" } ?? "") + ".</p>"
        body += Chart(.horizontalBar, ChartData(title: "Seconds per step", unit: "s", categoryName: "Step",
                                                categories: steps.map(\.step), series: [Series("seconds", steps.map { $0.seconds ?? 0 })]),
                      height: max(200, 60 + steps.count * 26)).html
        body += table(["Step", "Status", "Seconds", "Rows", "What it did"], steps.map {
            [e($0.step), Self.status($0.status), e($0.seconds.map { String(format: "%.1f", $0) } ?? "—"),
             e($0.rows.map(Format.count) ?? "—"), e($0.detail ?? "")]
        }, caption: "Steps in order")
        return Page(title: "Run \(run.id)", viewer: viewer, body: body)
    }

    /// A status, marked as an error or warning when it is one.
    static func status(_ status: String) -> String {
        let kind = switch status {
        case "failed", "abandoned": "error"
        case "degraded": "warn"
        default: ""
        }
        return kind.isEmpty ? e(status) : "<span class=\"\(kind)\">\(e(status))</span>"
    }
}

/// One build's steps and how long each took.
struct RunPage {
    let runID: String
    let steps: [DashboardQueries.BuildStep]

    func page(for viewer: Viewer) -> Page {
        let slowest = steps.sorted { $0.seconds > $1.seconds }.prefix(15)
        var body = Chart(.horizontalBar, ChartData(title: "The slowest steps", unit: "s", categoryName: "Model",
                                                   categories: slowest.map(\.model), series: [Series("seconds", slowest.map(\.seconds))]),
                         height: max(200, 60 + slowest.count * 26)).html
        body += table(["Model", "Layer", "Materialization", "Status", "Rows", "Seconds", "Finished", "Message"], steps.map {
            [e($0.model), e($0.layer), e($0.materialization), "<span class=\"\(e($0.status))\">\(e($0.status))</span>",
             e($0.rows.map(Format.count) ?? "—"), e(String(format: "%.2f", $0.seconds)), e($0.finishedAt ?? "—"), e($0.message ?? "")]
        }, caption: "Steps in the order they finished")
        return Page(title: "Run \(runID)", viewer: viewer, body: body)
    }
}

/// Lineage: the models' DAG as a diagram, with the same edges as text for screen readers and search.
struct LineagePage {
    let lineage: Lineage

    func page(for viewer: Viewer) -> Page {
        let models = lineage.nodes.filter { $0.kind != "source" }.count
        var body = "<p>\(models) models read \(lineage.nodes.count - models) bronze sources; arrows point from what is read to what reads it.</p>"
        body += "<figure class=\"lineage\">\(lineage.svg)<figcaption>The model DAG, left to right by depth; colour by layer.</figcaption></figure>"
        body += table(["Model", "Reads", "Feeds"], lineage.nodes.filter { $0.kind != "source" }.map { node in
            [e("\(node.id) (\(node.kind))"), e(lineage.edges.filter { $0.to == node.id }.map(\.from).joined(separator: ", ")),
             e(lineage.edges.filter { $0.from == node.id }.map(\.to).joined(separator: ", "))]
        }, caption: "Every model, what it reads and what reads it")
        return Page(title: "Lineage", viewer: viewer, body: body)
    }
}
