import ArgumentParser
import Foundation
import Resolution
import TenureCore
import Unification
import Warehouse

/// `tenure resolve`: entity resolution's figures against the truth, and why two records match.
struct Resolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure and explain entity resolution: which records are the same person, and why.",
        discussion: """
        `tenure build` resolves customers (silver.customer_xref, silver.match_pairs). \
        `tenure resolve --evaluate` compares the result with a generated bank's truth/ folder: \
        pairwise precision, recall and F1, and the people found against the real ones.
        """,
        subcommands: [Explain.self]
    )

    @OptionGroup var options: ProjectOptions

    @Flag(help: "Compare silver.customer_xref with the generated bank's truth.")
    var evaluate = false

    @Option(help: "The generated bank whose truth/ to compare with (default: the sources directory of tenure.yml).")
    var bank: String?

    @Option(name: .customLong("input"), help: "A CSV file to resolve outside the warehouse; twice to link two files (with --config and --out).")
    var inputs: [String] = []

    @Option(help: "The matching configuration (YAML) for --input files: columns, comparators, blocking, thresholds (see examples/febrl/).")
    var config: String?

    @Option(help: "Where to write each --input record's cluster, as CSV: source,id,cluster_key.")
    var out: String?

    func run() async throws {
        if !inputs.isEmpty || config != nil || out != nil {
            try resolveFiles()
            return
        }
        guard evaluate else { throw CLIError("say what to do: --evaluate, or `tenure resolve explain A B` (see --help)") }
        let configuration = try options.configuration()
        let folder = URL(fileURLWithPath: bank ?? configuration.sourcesDirectory,
                         relativeTo: configuration.projectDirectory).standardizedFileURL
        let truth: [RecordID: String]
        do { truth = try TruthEvaluation.truth(in: folder) } catch let error as UnificationError { throw CLIError(error.description) }
        let logger = options.logger("tenure.resolve")
        let keys = try await options.withConfiguredWarehouse(configuration, logger: logger) { warehouse in
            guard try await warehouse.tableExists(TableName(.silver, "customer_xref")) else {
                throw CLIError("silver.customer_xref does not exist yet: run `tenure build` first")
            }
            var keys: [RecordID: String?] = [:]
            for row in try await warehouse.query("SELECT source_system, source_id, customer_key FROM silver.customer_xref") {
                guard let system = row.string("source_system"), let id = row.string("source_id") else { continue }
                keys[RecordID(sourceSystem: system, sourceID: id)] = .some(row.string("customer_key"))
            }
            return keys
        }
        let evaluation = TruthEvaluation(keys: keys, truth: truth)
        print(EvaluationReport.text(evaluation))
    }
}

/// How an evaluation is printed.
enum EvaluationReport {
    static func text(_ e: TruthEvaluation) -> String {
        var lines = [
            "records evaluated   \(e.records)",
            String(format: "pairwise precision  %.4f   (%d of %d predicted pairs are one person)", e.precision, e.correctPairs, e.predictedPairs),
            String(format: "pairwise recall     %.4f   (%d of %d true pairs found)", e.recall, e.correctPairs, e.truePairs),
            String(format: "pairwise F1         %.4f", e.f1),
            "people             \(e.foundPeople) found, \(e.truePeople) real; \(e.exactPeople) exactly right, \(e.mergedPeople) merging several people, \(e.splitPeople) real people split or partly unmatched",
            "system       records  unmatched  misplaced",
        ]
        for system in e.systems {
            lines.append(pad(system.system, 11) + lpad(system.records, 9) + lpad(system.unmatched, 11) + lpad(system.misplaced, 11))
        }
        return lines.joined(separator: "\n")
    }
}

extension Resolve {
    /// `tenure resolve explain A B`: the waterfall of two records' match weight.
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show why two records are, or are not, the same person: each field's contribution to the match weight.",
            discussion: "Records are named SYSTEM:ID, e.g. erpnext:CUST-2023-00001 salesforce:003Dn0000000001IAA."
        )

        @OptionGroup var options: ProjectOptions

        @Argument(help: "The first record, SYSTEM:ID.") var first: String
        @Argument(help: "The second record, SYSTEM:ID.") var second: String

        func run() async throws {
            let a = try Self.recordID(first), b = try Self.recordID(second)
            let configuration = try options.configuration()
            let logger = options.logger("tenure.resolve")
            let resolved = try await options.withConfiguredWarehouse(configuration, logger: logger) { warehouse in
                do {
                    return try await CustomerResolution().resolve(warehouse: warehouse, relation: { TableName(.silver, $0).sql }, logger: logger)
                } catch {
                    throw CLIError("cannot read the staged customer records (run `tenure build` first): \(error)")
                }
            }
            let records = resolved.result.records
            guard let left = records.firstIndex(of: a) else { throw CLIError("no record \(a) among the staged customer records") }
            guard let right = records.firstIndex(of: b) else { throw CLIError("no record \(b) among the staged customer records") }
            let explanation = resolved.result.explain(left, right)
            let compared = resolved.result.pairs.first { ($0.left, $0.right) == (min(left, right), max(left, right)) }
            print(ExplanationReport.text(explanation, compared: compared, provenance: compared.map(resolved.provenance(of:)),
                                         sameCluster: resolved.result.clusterOfRecord[left] == resolved.result.clusterOfRecord[right],
                                         key: resolved.result.key(ofRecord: left)))
        }

        static func recordID(_ text: String) throws -> RecordID {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CLIError("'\(text)' is not a record: write SYSTEM:ID, e.g. erpnext:CUST-2023-00001")
            }
            return RecordID(sourceSystem: parts[0], sourceID: parts[1])
        }
    }
}

/// How an explanation is printed: a waterfall from the prior to the total.
enum ExplanationReport {
    static func text(_ e: Explanation, compared: ScoredPair?, provenance: CustomerResolution.Provenance?, sameCluster: Bool, key: String) -> String {
        var lines = ["\(e.left)  vs  \(e.right)", "field          level                          weight   running"]
        var running = e.prior
        lines.append(pad("prior", 46) + signed(e.prior) + signed(running) + "  " + bar(e.prior))
        for part in e.contributions {
            running += part.weight
            let adjustment = part.termFrequencyAdjustment == 0 ? "" : String(format: " (tf %+.2f)", part.termFrequencyAdjustment)
            lines.append(pad(part.field, 14) + " " + pad(part.levelName + adjustment, 31) + signed(part.weight) + signed(running) + "  " + bar(part.weight))
        }
        lines.append(pad("total", 46) + signed(e.total) + String(format: "   P(match) = %.6f", e.matchProbability))
        if let compared, let provenance {
            let by = provenance == .model ? "by weight" : "by \(provenance.rawValue.replacingOccurrences(of: "_", with: " "))"
            lines.append("decision: \(compared.decision.rawValue) (\(by))")
        } else {
            lines.append("decision: not compared (no blocking rule pairs these records); by weight alone it would be \(e.decision.rawValue)")
        }
        lines.append(sameCluster ? "same person: yes, \(key)" : "same person: no")
        return lines.joined(separator: "\n")
    }

    private static func signed(_ value: Double) -> String { String(format: "%+9.2f", value) }

    /// One `+` or `-` per two bits, at most twenty.
    private static func bar(_ value: Double) -> String {
        String(repeating: value >= 0 ? "+" : "-", count: min(20, Int((abs(value) / 2).rounded())))
    }
}
