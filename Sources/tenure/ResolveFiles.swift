import Foundation
import Resolution
import Unification

/// `tenure resolve --input FILE.csv [--input SECOND.csv] --config rules.yml --out clusters.csv`:
/// entity resolution of CSV files, outside any warehouse.
extension Resolve {
    func resolveFiles() throws {
        guard !inputs.isEmpty else { throw CLIError("give the CSV file(s) to resolve with --input (twice to link two files)") }
        guard let config else { throw CLIError("give the matching configuration with --config rules.yml (see examples/febrl/)") }
        guard let out else { throw CLIError("give the CSV file to write each record's cluster to with --out") }
        let summary: FileResolution.Summary
        do {
            let configuration = try FileMatchConfiguration.load(config)
            summary = try FileResolution(configuration: configuration).run(inputs: inputs, output: out)
        } catch {
            throw CLIError(error.description)
        }
        print(FileResolutionReport.text(summary, output: out, details: options.verbose))
    }
}

/// How a file resolution is printed: one summary line, the evaluation when there is a truth,
/// and with `--verbose` the phases, blocking rules and model.
enum FileResolutionReport {
    static func text(_ s: FileResolution.Summary, output: String, details: Bool) -> String {
        var lines = [String(format: "%@ records, %@ pairs compared, %@ clusters (%@ of several records), %.2f s -> %@",
                            count(s.records), count(s.pairs), count(s.clusters), count(s.multiRecordClusters), s.seconds, output)]
        if let e = s.evaluation {
            lines.append(String(format: "pairwise precision %.4f, recall %.4f, F1 %.4f (%@ of %@ predicted pairs correct, %@ true pairs)",
                                e.precision, e.recall, e.f1, count(e.correctPairs), count(e.predictedPairs), count(e.truePairs)))
            var people = "clusters against the truth: \(count(e.trueEntities)) true entities, \(count(e.clusters)) clusters; "
                + "\(count(e.exactClusters)) exactly right, \(count(e.mergingClusters)) merging several entities, "
                + "\(count(e.splitEntities)) entities split"
            if s.recordsWithoutTruth > 0 { people += "; \(count(s.recordsWithoutTruth)) records without a true entity left out" }
            lines.append(people)
        }
        guard details else { return lines.joined(separator: "\n") }
        lines.append("phases: " + s.timings.map { String(format: "%@ %.2f s", $0.phase, $0.seconds) }.joined(separator: ", "))
        for rule in s.blocking.rules {
            lines.append("  rule \(rule.name): \(count(rule.pairs)) pairs (\(count(rule.duplicatePairs)) already proposed), "
                + "largest block \(rule.largestBlock), \(rule.oversizedBlocks) blocks over the cap skipped")
        }
        if let prior = s.model.randomMatchProbability {
            lines.append(String(format: "  prior: P(two random records match) = %.3g (%.2f bits)", prior, s.model.priorWeight))
        }
        for field in s.model.fields {
            lines.append("  \(field.name): " + zip(field.levelNames, field.weights).map { String(format: "%@ %+.2f", $0, $1) }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private static func count(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 && character != "-" && result != "-" { result.append(",") }
            result.append(character)
        }
        return result
    }
}
