import Connectors
import Foundation
import Logging
import TenureCore
import Warehouse

/// Runs the landing of several sources, each isolated: one failing never stops the others.
public struct Ingestor: Sendable {
    private let lander: BronzeLander
    private let logger: Logger

    /// An ingestor landing into `warehouse`.
    public init(warehouse: any Warehouse, logger: Logger) {
        lander = BronzeLander(warehouse: warehouse, logger: logger)
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
    }

    /// Lands every entity of each connector's system; returns each source's outcome.
    public func ingest(_ connectors: [any Connector], entities: (SourceSystem) -> [SourceEntity] = SourceEntity.of) async -> [SourceOutcome] {
        var outcomes: [SourceOutcome] = []
        for connector in connectors {
            var outcome = SourceOutcome(system: connector.system)
            for entity in entities(connector.system) {
                do {
                    outcome.batches.append(try await lander.land(entity, from: connector))
                } catch {
                    outcome.failure = "\(entity): \(error)"
                    logger.error("source failed", metadata: ["entity": "\(entity)", "error": "\(error)"])
                    break
                }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }
}
