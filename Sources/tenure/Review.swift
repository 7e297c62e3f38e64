import ArgumentParser
import Foundation
import Resolution
import TenureCore
import Unification
import Warehouse

/// `tenure review`: the queue of record pairs entity resolution was unsure of.
struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work the entity-resolution review queue: pairs in the uncertain band, accepted or rejected by a person.",
        discussion: """
        Decisions are kept in ops.match_reviews and honoured by every later `tenure build`: an accepted \
        pair always links its records, a rejected one never lets them share a person.
        """,
        subcommands: [List.self, Accept.self, Reject.self]
    )

    /// `tenure review list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List pairs waiting for a decision, most likely matches first.")

        @OptionGroup var options: ProjectOptions
        @Option(help: "Show at most this many pairs.") var limit = 50

        func run() async throws {
            let configuration = try options.configuration()
            let items = try await options.withConfiguredWarehouse(configuration, logger: options.logger("tenure.review")) { warehouse in
                do { return try await MatchReviews.pending(in: warehouse, limit: limit) } catch let error as UnificationError {
                    throw CLIError(error.description)
                }
            }
            guard !items.isEmpty else {
                print("no pairs waiting for review")
                return
            }
            print("weight  P(match)  first record                                second record")
            for item in items {
                print(String(format: "%6.2f  %8.4f  ", item.weight, MatchModel.probability(weight: item.weight))
                      + pad(item.pair.first.description, 44) + item.pair.second.description)
            }
            print("decide with `tenure review accept A B` or `tenure review reject A B`; `tenure resolve explain A B` shows why")
        }
    }

    /// `tenure review accept A B`.
    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide that two records are the same person.")
        @OptionGroup var decision: ReviewDecisionOptions
        func run() async throws { try await decision.record(.accept) }
    }

    /// `tenure review reject A B`.
    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide that two records are different people.")
        @OptionGroup var decision: ReviewDecisionOptions
        func run() async throws { try await decision.record(.reject) }
    }
}

/// What accepting or rejecting a pair takes.
struct ReviewDecisionOptions: ParsableArguments {
    @OptionGroup var options: ProjectOptions
    @Argument(help: "The first record, SYSTEM:ID.") var first: String
    @Argument(help: "The second record, SYSTEM:ID.") var second: String
    @Option(help: "Who decides (default: the USER environment variable).") var reviewer: String?
    @Option(help: "Why, for whoever looks at the pair next.") var note: String?

    func record(_ decision: Decision) async throws {
        let a = try Resolve.Explain.recordID(first), b = try Resolve.Explain.recordID(second)
        let configuration = try options.configuration()
        let who = reviewer ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        try await options.withConfiguredWarehouse(configuration, logger: options.logger("tenure.review")) { warehouse in
            let known = try await BankRecords.read(from: warehouse, relation: { TableName(.silver, $0).sql }).records.map(\.id)
            for id in [a, b] where !known.contains(id) { throw CLIError("no record \(id) among the staged customer records") }
            do { try await MatchReviews.record(decision, on: a, b, reviewer: who, note: note, in: warehouse) } catch let error as UnificationError {
                throw CLIError(error.description)
            }
        }
        print("\(decision == .accept ? "accepted" : "rejected") \(a) and \(b) as \(decision == .accept ? "the same person" : "different people"); the next `tenure build` honours it")
    }
}
