import ArgumentParser
import Foundation
import Simulator

/// `tenure generate`: write a simulated bank's four source systems and its truth folder.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a simulated bank: the four source systems' data, realistically dirty, with ground truth.",
        discussion: """
        Writes, under the output folder, what each system's API returns (JSON) and the analysts' \
        exports (CSV): erpnext/ (customer, item, territory, sales_invoice[+_item]), salesforce/ \
        (contact, case, task), supabase/ (app_sessions, app_events), sheets/ (branches, \
        customer_notes, campaigns); truth/ (the real person behind every record, and who churned) \
        and manifest.json. The same seed and size always give byte-identical files.

        Dirty-data rates (set with --dirt NAME=RATE, or --dirt none for a clean bank): \
        \(DirtRates().named.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")).
        """
    )

    @Option(help: "Number of real customers (1–\(BankSpecification.maximumCustomers)).")
    var customers = 500

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 42

    @Option(help: "Output folder (created when missing).")
    var out = "data/bank"

    @Option(help: ArgumentHelp("Override a dirty-data rate, NAME=RATE (repeatable), or 'none'.", valueName: "name=rate"))
    var dirt: [String] = []

    func run() throws {
        var rates = DirtRates()
        for assignment in dirt { try rates.apply(assignment) }
        let specification = try BankSpecification(customers: customers, seed: seed, dirt: rates)
        let started = ContinuousClock.now
        let summary = try BankGenerator(specification: specification).generate(into: URL(fileURLWithPath: out))
        let elapsed = ContinuousClock.now - started
        print("Generated a bank of \(customers) customers (seed \(seed)) in \(out) in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))):")
        for (entity, rows) in summary.counts {
            print("  \(entity.padding(toLength: 30, withPad: " ", startingAt: 0)) \(rows)")
        }
        print("  truth/source_records              \(summary.truthRecords)")
    }
}
