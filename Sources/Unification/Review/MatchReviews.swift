import Foundation
import Resolution
import Warehouse

/// The review queue: pairs whose weight fell in the uncertain band wait in `silver.match_pairs`
/// (decision `review`); people's decisions on them are kept in `ops.match_reviews`, one per
/// pair, and every later build honours them (an accept always links, a reject never lets the
/// two records share a person).
public enum MatchReviews {
    /// The table of decisions.
    public static let table = TableName(.ops, "match_reviews")

    /// A pair waiting for a decision, or one decided.
    public struct Item: Sendable, Hashable {
        /// The pair's records.
        public let pair: RecordPair
        /// Its total weight in bits and the probability of a match it stands for.
        public let weight: Double
        /// The decision the thresholds reached (`review` for a pending pair).
        public let decision: String
    }

    static let columns = [
        ColumnDefinition("left_system", .text), ColumnDefinition("left_id", .text),
        ColumnDefinition("right_system", .text), ColumnDefinition("right_id", .text),
        ColumnDefinition("decision", .text), ColumnDefinition("reviewer", .text),
        ColumnDefinition("decided_at", .timestamp), ColumnDefinition("note", .text),
    ]

    /// Every decision made, by pair.
    public static func decisions(in warehouse: any SQLExecutor) async throws -> [RecordPair: Decision] {
        guard try await warehouse.tableExists(table) else { return [:] }
        var decisions: [RecordPair: Decision] = [:]
        for row in try await warehouse.query("SELECT left_system, left_id, right_system, right_id, decision FROM \(table.sql)") {
            guard let pair = pair(row, "left", "right"), let decision = row.string("decision").flatMap(Decision.init(rawValue:)) else { continue }
            decisions[pair] = decision
        }
        return decisions
    }

    /// Pairs in the uncertain band no one has decided yet, most likely matches first.
    public static func pending(in warehouse: any SQLExecutor, limit: Int = 50) async throws -> [Item] {
        let pairs = TableName(.silver, "match_pairs")
        guard try await warehouse.tableExists(pairs) else {
            throw UnificationError("silver.match_pairs does not exist yet: run `tenure build` first")
        }
        let decided = try await decisions(in: warehouse)
        var items: [Item] = []
        for row in try await warehouse.query("""
            SELECT left_system, left_id, right_system, right_id, total_weight, decision FROM \(pairs.sql)
            WHERE decision = 'review' AND decided_by = 'probabilistic'
            ORDER BY total_weight DESC, left_system, left_id, right_system, right_id
            """) {
            guard let pair = pair(row, "left", "right"), decided[pair] == nil else { continue }
            items.append(Item(pair: pair, weight: row.double("total_weight") ?? 0, decision: row.string("decision") ?? "review"))
            if items.count == limit { break }
        }
        return items
    }

    /// Records `decision` on the pair of `a` and `b`, replacing any earlier one.
    public static func record(_ decision: Decision, on a: RecordID, _ b: RecordID, reviewer: String, note: String?,
                              at time: Date = Date(), in warehouse: any Warehouse) async throws {
        guard decision != .review else { throw UnificationError("a review decides accept or reject") }
        guard a != b else { throw UnificationError("a record is always the same person as itself") }
        let pair = RecordPair(a, b)
        try await warehouse.createTable(table, columns: columns, ifNotExists: true)
        let stamp = ISO8601DateFormatter().string(from: time)
        try await warehouse.transaction { transaction in
            try await transaction.execute("""
                DELETE FROM \(table.sql) WHERE left_system = ? AND left_id = ? AND right_system = ? AND right_id = ?
                """, [.text(pair.first.sourceSystem), .text(pair.first.sourceID), .text(pair.second.sourceSystem), .text(pair.second.sourceID)])
            try await transaction.execute("INSERT INTO \(table.sql) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
                .text(pair.first.sourceSystem), .text(pair.first.sourceID), .text(pair.second.sourceSystem), .text(pair.second.sourceID),
                .text(decision.rawValue), .text(reviewer), .text(stamp), note.map { .text($0) } ?? .null,
            ])
        }
    }

    private static func pair(_ row: Row, _ left: String, _ right: String) -> RecordPair? {
        guard let ls = row.string("\(left)_system"), let li = row.string("\(left)_id"),
              let rs = row.string("\(right)_system"), let ri = row.string("\(right)_id") else { return nil }
        return RecordPair(RecordID(sourceSystem: ls, sourceID: li), RecordID(sourceSystem: rs, sourceID: ri))
    }
}
