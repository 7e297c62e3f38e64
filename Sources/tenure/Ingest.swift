import ArgumentParser
import Connectors
import Foundation
import Ingestion
import TenureCore

/// `tenure ingest`: land the sources' records into bronze.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Land the sources' records into bronze, as received, one atomic batch per entity.",
        discussion: """
        Reads each source's exports (the JSON its API returns, or CSV) from a folder, or with \
        --from api extracts from the four systems' APIs (ERPNext, Salesforce, Supabase, Google \
        Sheets) what changed since each entity's watermark, and lands \
        every record into its bronze table with _batch_id, _ingested_at and _source_system. Records \
        bronze already holds are recognised and not stored twice; records that cannot be read go to \
        bronze._quarantine with their reason; new fields become new columns. One source failing \
        does not stop the others; the exit status is non-zero when any failed.
        """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "Only this source: erpnext, salesforce, supabase or sheets.")
    var source: SourceSystem?

    @Option(help: "Where to read: a folder of exports (default: sources.directory in tenure.yml, else data/bank), or `api` for the four systems' APIs as the environment (or the .env file) configures them.")
    var from: String?

    @Flag(help: "With --from api: extract everything again instead of what changed since each entity's watermark.")
    var full = false

    func run() async throws {
        let configuration = try options.configuration()
        let logger = options.logger("tenure.ingest")
        let origin = from ?? configuration.sourcesDirectory
        let systems = source.map { [$0] } ?? SourceSystem.allCases
        let sources = try SourceConnectors.make(origin: origin, systems: systems, full: full, configuration: configuration)
        let warehouse = try await options.openConfiguredWarehouse(configuration, logger: logger)
        let started = ContinuousClock.now
        let outcomes = await Ingestor(warehouse: warehouse, logger: logger).ingest(sources.connectors, full: !sources.incremental)
        let elapsed = ContinuousClock.now - started
        try await warehouse.close()

        print("source      entity               received     landed  unchanged  quarantined  schema changes")
        var failed: [String] = []
        for outcome in outcomes {
            for batch in outcome.batches {
                let changes = batch.schemaChanges.map { "\($0.kind == .added ? "+" : "-")\($0.column)" }.joined(separator: " ")
                print(pad(outcome.system.rawValue, 11), pad(batch.entity.name, 16),
                      lpad(batch.received, 12), lpad(batch.landed, 10), lpad(batch.unchanged, 10),
                      lpad(batch.quarantined, 12), " ", changes + (batch.childrenLanded > 0 ? "(+\(batch.childrenLanded) child rows)" : ""))
            }
            let statistics = outcome.statistics
            if statistics.requests > 0 {
                print(pad(outcome.system.rawValue, 11), "\(statistics.requests) requests, \(statistics.pages) pages, \(statistics.records) records, \(statistics.retries) retries")
            }
            if let failure = outcome.failure {
                print(pad(outcome.system.rawValue, 11), "FAILED: \(failure)")
                failed.append(outcome.system.rawValue)
            }
        }
        let rows = outcomes.flatMap(\.batches).reduce(0) { $0 + $1.received }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%d records in %.1f s (%.0f records/s)", rows, seconds, Double(rows) / max(seconds, 0.001)))
        if !failed.isEmpty { throw CLIError("ingestion failed for \(failed.joined(separator: ", ")); the other sources landed") }
    }
}

extension SourceSystem: ExpressibleByArgument {}

func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
func lpad(_ value: Int, _ width: Int) -> String { let text = String(value); return String(repeating: " ", count: max(0, width - text.count)) + text }
