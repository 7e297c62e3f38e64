import Connectors
import Foundation
import Logging
import TenureCore
import Warehouse

/// Runs the landing of several sources, each isolated: one failing never stops the others.
public struct Ingestor: Sendable {
    private let lander: BronzeLander
    private let watermarks: Watermarks
    private let logger: Logger

    /// An ingestor landing into `warehouse`.
    public init(warehouse: any Warehouse, logger: Logger) {
        lander = BronzeLander(warehouse: warehouse, logger: logger)
        watermarks = Watermarks(warehouse)
        self.logger = logger
    }

    /// One source's outcome: the batches it landed, or why it stopped.
    public struct SourceOutcome: Sendable {
        /// The system.
        public let system: SourceSystem
        /// The batches landed, one per entity, in order.
        public var batches: [BatchReport] = []
        /// The error that stopped the source, if any; entities landed before it stay landed.
        public var failure: String?
        /// Whether it was the warehouse that failed (a full disk, a lost database), not the source:
        /// no other source can land either, so this is no outage to work around.
        public var warehouseFailed = false
        /// What the connector did: requests, pages, records, retries.
        public var statistics: ExtractionStatistics
    }

    /// Lands every entity of each connector's system; returns each source's outcome. Each
    /// entity is extracted from its watermark, or from the start when `full`; `landed` hears of
    /// each batch as it is landed.
    public func ingest(_ connectors: [any Connector], full: Bool = true,
                       entities: (SourceSystem) -> [SourceEntity] = SourceEntity.of,
                       landed: (SourceSystem, BatchReport) -> Void = { _, _ in }) async -> [SourceOutcome] {
        var outcomes: [SourceOutcome] = []
        for connector in connectors {
            var outcome = SourceOutcome(system: connector.system, statistics: connector.statistics)
            for entity in entities(connector.system) {
                do {
                    let since = full ? nil : try await watermarks.watermark(of: entity)
                    let batch = try await lander.land(entity, from: connector, since: since)
                    if let latest = batch.latestChange {
                        try await watermarks.advance(entity, to: latest, batchID: batch.batchID)
                    }
                    outcome.batches.append(batch)
                    landed(connector.system, batch)
                } catch {
                    outcome.failure = "\(entity): \(error)"
                    outcome.warehouseFailed = error is WarehouseError
                    logger.error("source failed", metadata: ["entity": "\(entity)", "error": "\(error)"])
                    break
                }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }
}
