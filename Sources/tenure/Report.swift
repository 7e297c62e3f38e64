import ArgumentParser
import Dashboard
import Foundation

/// `tenure report`: the executive pages as one HTML file, and the at-risk list as CSV.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the executive report (one self-contained HTML file) and the at-risk list (CSV) into a folder.",
        discussion: "E-mail addresses and phone numbers are masked unless --include-pii is given."
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: ArgumentHelp("The folder to write into (created when missing).", valueName: "dir"))
    var out: String

    @Flag(help: "Show e-mail addresses and phone numbers in the CSV unmasked.")
    var includePII = false

    func run() async throws {
        let configuration = try options.configuration()
        let written = try await options.withConfiguredWarehouse(configuration, logger: options.logger("tenure.report")) { warehouse in
            do {
                return try await ExecutiveReport(warehouse).write(to: URL(fileURLWithPath: out), includePII: includePII)
            } catch let error as DashboardError {
                throw CLIError(error.description)
            }
        }
        print("wrote \(written.html.path) and \(written.csv.path) (\(written.customers) customers at risk)")
    }
}
