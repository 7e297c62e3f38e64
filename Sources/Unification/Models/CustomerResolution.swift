import Logging
import Resolution
import Synchronization
import Transform
import Warehouse

/// Entity resolution of the bank's customers for one build: the records of the staging models,
/// last run's keys, the CRM's core-banking links and people's review decisions, matched once
/// and shared by the models that publish the result (`customer_xref`, `match_pairs`).
public final class CustomerResolution: Sendable {
    /// Why a pair's decision is what it is.
    public enum Provenance: String, Sendable {
        /// The pair's weight against the thresholds.
        case model = "probabilistic"
        /// A person's accept or reject in the review queue.
        case review
        /// The CRM contact names the ERPNext customer as its core-banking id.
        case coreBankingID = "core_banking_id"
    }

    /// One resolution: its inputs and what matching made of them.
    public struct Resolved: Sendable {
        /// The records matched.
        public let input: BankRecords
        /// The review decisions honoured.
        public let reviews: [RecordPair: Decision]
        /// The matcher's result.
        public let result: MatchResult

        /// Why `pair`'s decision was made.
        public func provenance(of pair: ScoredPair) -> Provenance {
            guard pair.reviewed else { return .model }
            let ids = RecordPair(result.records[pair.left], result.records[pair.right])
            return reviews[ids] != nil ? .review : .coreBankingID
        }
    }

    /// The matcher's settings.
    public let settings: MatchSettings
    private let last = Mutex<Resolved?>(nil)

    /// A resolution with `settings`, checked.
    public init(settings: MatchSettings = .bank) throws {
        _ = try Matcher(settings: settings)
        self.settings = settings
    }

    /// Resolves the records the staging models hold now. Matching the same records under the
    /// same decisions again gives the same result, so a second model of the same build reuses it.
    public func resolve(_ context: SwiftModelContext) async throws -> Resolved {
        try await resolve(warehouse: context.warehouse, relation: context.relation, logger: context.logger)
    }

    /// Resolves the records the staging models hold now, `relation` naming each model's table.
    public func resolve(warehouse: any SQLExecutor, relation: @Sendable (String) -> String, logger: Logger) async throws -> Resolved {
        let input = try await BankRecords.read(from: warehouse, relation: relation)
        let reviews = try await MatchReviews.decisions(in: warehouse)
        if let cached = last.withLock({ $0 }), cached.input == input, cached.reviews == reviews { return cached }

        let previous = try await Self.previousKeys(warehouse, relation: relation)
        var forced: [RecordPair: Decision] = [:]
        for link in input.coreBankingLinks { forced[link] = .accept }
        // A person's decision outranks the CRM's link.
        forced.merge(reviews) { _, person in person }
        let started = ContinuousClock.now
        let result = try Matcher(settings: settings).run(input.records, previousKeys: previous, reviewed: forced)
        logger.info("customers resolved", metadata: [
            "records": "\(input.records.count)", "pairs": "\(result.pairs.count)", "clusters": "\(result.clusters.count)",
            "seconds": "\((ContinuousClock.now - started).components.seconds)",
        ])
        let resolved = Resolved(input: input, reviews: reviews, result: result)
        last.withLock { $0 = resolved }
        return resolved
    }

    /// Last build's key of every record, from the published `customer_xref`, so people keep theirs.
    static func previousKeys(_ warehouse: any SQLExecutor, relation: (String) -> String) async throws -> [RecordID: String] {
        guard try await warehouse.tableExists(TableName(.silver, "customer_xref")) else { return [:] }
        var keys: [RecordID: String] = [:]
        for row in try await warehouse.query(
            "SELECT source_system, source_id, customer_key FROM \(relation("customer_xref")) WHERE customer_key IS NOT NULL") {
            guard let system = row.string("source_system"), let id = row.string("source_id"), let key = row.string("customer_key") else { continue }
            keys[RecordID(sourceSystem: system, sourceID: id)] = key
        }
        return keys
    }
}
