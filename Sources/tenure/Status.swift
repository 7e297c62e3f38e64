import ArgumentParser
import Foundation
import Ingestion
import TenureCore

/// `tenure status`: what the warehouse holds, per source.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show, per source, the last batch, rows, age, quarantined rows and schema changes."
    )

    @OptionGroup var options: ProjectOptions

    func run() async throws {
        let configuration = try options.configuration()
        let logger = options.logger("tenure.status")
        let warehouse = try await options.openConfiguredWarehouse(configuration, logger: logger)
        let status = try await BronzeStatus.read(from: warehouse)
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
