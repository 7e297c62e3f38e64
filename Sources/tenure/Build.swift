import ArgumentParser
import ChurnForecast
import Foundation
import Logging
import Transform
import TenureCore
import Unification
import Warehouse

/// `tenure build`: run the SQL project's models in dependency order, with their tests.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build silver and gold from bronze: the SQL models under models/, in dependency order.",
        discussion: """
        Each table is built beside the old one, tested, and swapped in only when its error-severity \
        tests pass, so a failing test keeps the last good table. A model that fails stops only the \
        models that read it. Results go to ops.model_runs and ops.test_results; the exit status is \
        non-zero when any model failed or was skipped.
        """
    )

    @OptionGroup var options: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(help: "Compute everything as of this day, YYYY-MM-DD (default: the newest day in the data).")
    var runDate: String?

    @Flag(help: "Rebuild incremental models whole instead of merging new rows.")
    var fullRefresh = false

    func run() async throws {
        let configuration = try options.configuration()
        let logger = options.logger("tenure.build")
        let transform = try TransformProject.load(configuration)
        let project = transform.project
        let total = try selection.selection.models(in: project).count
        let warehouse = try await options.openConfiguredWarehouse(configuration, logger: logger)
        let runner = transform.runner(on: warehouse, logger: logger)
        let started = ContinuousClock.now
        let report: BuildReport
        do {
            let counter = ProgressCounter()
            report = try await runner.build(selection.selection, runDate: runDate, fullRefresh: fullRefresh) { outcome in
                let index = counter.next()
                print(BuildOutput.line(outcome, index: index, of: total))
                for test in outcome.tests where test.status != .pass { print(BuildOutput.testLine(test)) }
                if let message = outcome.message { print("        \(message)") }
                fflush(nil) // each model's line appears as it finishes, also when piped to a log
            }
        } catch {
            try? await warehouse.close()
            throw CLIError(String(describing: error))
        }
        try await warehouse.close()
        let elapsed = ContinuousClock.now - started
        print(BuildOutput.summary(report, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        let bad = report.models.filter { $0.status != .success }
        if !bad.isEmpty {
            throw CLIError("\(bad.count) of \(report.models.count) models were not built: \(bad.prefix(5).map(\.model.name).joined(separator: ", "))")
        }
    }
}

/// The `--select` option shared by the project commands.
struct SelectionOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Models to work on: NAME, NAME+ (and what reads it), +NAME (and what it reads), layer:gold; space or comma separated.")
    var select: String = ""

    var selection: Selection { Selection(select) }
}

/// The project under `models/`, with the models whose logic is Swift (entity resolution's, the churn forecast's).
struct TransformProject {
    let project: Project
    let swiftModels: [any SwiftModel]

    static func load(_ configuration: TenureConfiguration) throws -> TransformProject {
        let swiftModels = try CustomerUnification.models() + ChurnForecast.models(settings: configuration.churn)
        return TransformProject(project: try Project.load(from: configuration.projectDirectory, swiftModels: swiftModels),
                                swiftModels: swiftModels)
    }

    /// A runner of the project on `warehouse`.
    func runner(on warehouse: any Warehouse, logger: Logger) -> ProjectRunner {
        ProjectRunner(project: project, warehouse: warehouse, swiftModels: swiftModels, logger: logger)
    }
}

/// How build and test results are printed.
enum BuildOutput {
    static func line(_ outcome: ModelOutcome, index: Int, of total: Int) -> String {
        let status: String = switch outcome.status {
        case .success: "OK"
        case .error: "ERROR"
        case .skipped: "SKIP"
        }
        let name = "\(outcome.model.layer.rawValue).\(outcome.model.name)"
        let kind = outcome.incremental ? "incremental +" : outcome.model.materialization.rawValue
        let tests = outcome.tests.isEmpty ? "" : "  \(outcome.tests.filter { $0.status == .pass }.count)/\(outcome.tests.count) tests"
        let leader = name.count < 38 ? " " + String(repeating: ".", count: 38 - name.count) : ""
        return lpad(index, 4) + "/\(total) " + name + leader + " " + pad(kind, 13)
            + lpad(outcome.rows, 10) + " rows" + String(format: "%8.2f s  ", outcome.seconds) + pad(status, 5) + tests
    }

    static func testLine(_ test: TestOutcome) -> String {
        let head = "        \(test.status.rawValue.uppercased()) \(test.test.name)"
        if let message = test.message { return head + ": " + message }
        let example = test.sample.split(separator: "\n").first.map { ", e.g. " + $0 } ?? ""
        return head + ": \(test.failures) failing row\(test.failures == 1 ? "" : "s")" + example
    }

    static func summary(_ report: BuildReport, seconds: Double) -> String {
        let built = report.models.filter { $0.status == .success }.count
        let failed = report.models.filter { $0.status == .error }.count
        let skipped = report.models.filter { $0.status == .skipped }.count
        let tests = report.models.flatMap(\.tests)
        return "run \(report.runID) as of \(report.runDate): \(built) built, \(failed) failed, \(skipped) skipped; "
            + testSummary(tests) + String(format: " (%.1f s)", seconds)
    }

    static func testSummary(_ tests: [TestOutcome]) -> String {
        let count = { (status: TestOutcome.Status) in tests.filter { $0.status == status }.count }
        return "tests: \(count(.pass)) passed, \(count(.warn)) warned, \(count(.fail)) failed, \(count(.error)) errored"
    }
}
