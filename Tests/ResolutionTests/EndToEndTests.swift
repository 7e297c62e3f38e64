import Foundation
import Resolution
import Testing

@Suite("End to end: a synthetic population with known truth")
struct EndToEndTests {
    @Test("pairwise precision and recall are at least 0.99")
    func precisionAndRecall() throws {
        let population = SyntheticPeople(people: 4_000, seed: 7)
        let settings = MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 200_000)))
        let result = try Matcher(settings: settings).run(population.records)
        let score = population.pairwise(result.clusterOfRecord)
        if ProcessInfo.processInfo.environment["TENURE_RESOLUTION_VERBOSE"] != nil { Self.describe(result, score: score) }
        #expect(score.precision >= 0.99)
        #expect(score.recall >= 0.99)
        // Every record is in exactly one cluster, and keys are unique.
        #expect(result.clusters.reduce(0) { $0 + $1.members.count } == population.records.count)
        #expect(Set(result.clusters.map(\.key)).count == result.clusters.count)
        #expect(result.clusters.count >= population.people.count * 99 / 100)
    }

    /// `TENURE_RESOLUTION_BENCHMARK=100000 swift test --filter EndToEndTests`: a run over that many
    /// records, with its phases' timings (use a release build for numbers worth quoting).
    @Test("timing on a large synthetic population", .enabled(if: ProcessInfo.processInfo.environment["TENURE_RESOLUTION_BENCHMARK"] != nil))
    func benchmark() throws {
        let records = Int(ProcessInfo.processInfo.environment["TENURE_RESOLUTION_BENCHMARK"] ?? "") ?? 100_000
        let population = SyntheticPeople(people: records * 100 / 163, seed: 2024)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try Matcher(settings: MatchSettings()).run(population.records)
        let elapsed = clock.now - start
        let score = population.pairwise(result.clusterOfRecord)
        print("resolution of \(population.records.count) records: \(elapsed)")
        Self.describe(result, score: score)
        #expect(score.precision >= 0.99 && score.recall >= 0.98)
    }

    static func describe(_ result: MatchResult, score: (precision: Double, recall: Double, truePairs: Int, foundPairs: Int)) {
        print("pairs \(result.pairs.count), clusters \(result.clusters.count), refused links \(result.refusedLinks)")
        print("precision \(score.precision), recall \(score.recall) (true pairs \(score.truePairs), found \(score.foundPairs))")
        for timing in result.timings { print("  \(timing.phase): \(timing.duration)") }
        for rule in result.blocking.rules {
            print("  rule \(rule.name): \(rule.pairs) pairs (\(rule.duplicatePairs) already proposed), largest block \(rule.largestBlock), \(rule.oversizedBlocks) skipped")
        }
        for field in result.model.fields {
            print("  \(field.name):", zip(field.levelNames, field.weights).map { "\($0)=\(($1 * 100).rounded() / 100)" }.joined(separator: ", "))
        }
        print("  prior \(result.model.randomMatchProbability ?? 0), candidate match share \(result.model.candidateMatchProbability ?? 0)")
    }
}

@Suite("End to end: degenerate inputs")
struct DegenerateInputTests {
    @Test("no records, one record, and records without any field")
    func degenerate() throws {
        let matcher = try Matcher(settings: MatchSettings())
        let empty = try matcher.run([])
        #expect(empty.pairs.isEmpty && empty.clusters.isEmpty)
        let one = try matcher.run([Record(sourceSystem: "crm", sourceID: "1", name: "Ann Lee")])
        #expect(one.pairs.isEmpty && one.clusters.count == 1 && one.clusters[0].members == [0])
        let bare = (0..<5).map { Record(id: RecordID(sourceSystem: "crm", sourceID: "\($0)")) }
        let result = try matcher.run(bare)
        #expect(result.pairs.isEmpty && result.clusters.count == 5)
        #expect(Set(result.clusters.map(\.key)).count == 5)
    }
}
