import ArgumentParser
import Foundation
import Transform

/// `tenure test`: run the data tests against the current tables.
struct DataTests: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the project's data tests against the tables as they are now.",
        discussion: """
        unique, not_null, accepted_values, relationships, row-count, freshness and SQL tests, as \
        declared in models/*/*.yml and tests/*.sql. Results, with up to five failing rows, go to \
        ops.test_results; the exit status is non-zero when an error-severity test fails.
        """
    )

    @OptionGroup var options: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(help: "The run date freshness tests measure from, YYYY-MM-DD (default: the newest day in the data).")
    var runDate: String?

    func run() async throws {
        let configuration = try options.configuration()
        let logger = options.logger("tenure.test")
        let transform = try TransformProject.load(configuration)
        let project = transform.project
        _ = try selection.selection.models(in: project)
        let warehouse = try await options.openConfiguredWarehouse(configuration, logger: logger)
        let runner = transform.runner(on: warehouse, logger: logger)
        let result: (runID: String, runDate: String, outcomes: [TestOutcome])
        do {
            result = try await runner.test(selection.selection, runDate: runDate) { outcome in
                print(pad(outcome.status.rawValue.uppercased(), 6) + outcome.test.name)
                if outcome.status != .pass { print(BuildOutput.testLine(outcome)) }
                fflush(nil)
            }
        } catch {
            try? await warehouse.close()
            throw CLIError(String(describing: error))
        }
        try await warehouse.close()
        print("run \(result.runID) as of \(result.runDate): " + BuildOutput.testSummary(result.outcomes))
        let blocking = result.outcomes.filter(\.isBlocking)
        if !blocking.isEmpty {
            throw CLIError("\(blocking.count) data test\(blocking.count == 1 ? "" : "s") failed: \(blocking.prefix(5).map(\.test.name).joined(separator: ", "))")
        }
    }
}
