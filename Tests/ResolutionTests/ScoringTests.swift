import Foundation
import Resolution
import Testing

@Suite("Scoring: Fellegi–Sunter weights, EM, term frequencies, explanations")
struct ScoringTests {
    static let comparators: [FieldComparator] = [.givenName(termFrequencyAdjusted: false), .surname(), .email()]
    /// given: exact, jw .92, jw .80, one edit, initial, else; surname: exact, .92, .80, one edit, initial, else; email: exact, local, else.
    static let weights: [[Double]] = [[6, 4, 2, 2, 1, -5], [5, 3, 1, 1, 0.5, -6], [12, 4, -2]]

    func settings(_ model: MatchModel, comparators: [FieldComparator] = comparators) -> MatchSettings {
        MatchSettings(comparators: comparators, blockingRules: [BlockingRule([.surname]), BlockingRule([.email])],
                      acceptThreshold: 10, reviewThreshold: 5, nonMatchThreshold: -5, parameters: .fixed(model), caps: [])
    }

    @Test("EM recovers m, and random pairs recover u, on a population with known truth")
    func expectationMaximisation() throws {
        let population = SyntheticPeople(people: 3_000, seed: 11)
        let records = population.records
        let settings = MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 300_000, seed: 5)))
        let result = try Matcher(settings: settings).run(records)

        // The truth: level frequencies among all true pairs (m) and among random non-matching pairs (u).
        var byPerson: [Int: [Int]] = [:]
        for (index, person) in population.truth.enumerated() { byPerson[person, default: []].append(index) }
        var random = TestRandom(seed: 99)
        var nonMatches: [(Int, Int)] = []
        while nonMatches.count < 20_000 {
            let a = random.int(0...(records.count - 1)), b = random.int(0...(records.count - 1))
            if population.truth[a] != population.truth[b] { nonMatches.append((a, b)) }
        }
        for (k, comparator) in settings.comparators.enumerated() {
            var m = [Double](repeating: 0, count: comparator.levelNames.count), u = m
            for members in byPerson.values where members.count > 1 {
                for x in members.indices { for y in members.indices where y > x {
                    if let level = comparator.level(records[members[x]], records[members[y]]) { m[level] += 1 }
                } }
            }
            for (a, b) in nonMatches { if let level = comparator.level(records[a], records[b]) { u[level] += 1 } }
            let trueM = m.map { $0 / m.reduce(0, +) }, trueU = u.map { $0 / u.reduce(0, +) }
            let estimatedM = try #require(result.model.fields[k].m), estimatedU = try #require(result.model.fields[k].u)
            for level in trueM.indices {
                #expect(abs(estimatedM[level] - trueM[level]) < 0.03, "m of \(comparator.name) \(comparator.levelNames[level]): \(estimatedM[level]) vs \(trueM[level])")
                #expect(abs(estimatedU[level] - trueU[level]) < 0.01, "u of \(comparator.name) \(comparator.levelNames[level]): \(estimatedU[level]) vs \(trueU[level])")
            }
            // The weights that decide most: agreement is evidence for, disagreement against.
            #expect(result.model.fields[k].weights[0] > 4)
            #expect(try #require(result.model.fields[k].weights.last) < -2)
        }
        // About one record pair in a few thousand random pairs matches here.
        let prior = try #require(result.model.randomMatchProbability)
        let truePairs = Double(population.pairwise(population.truth).truePairs)
        let allPairs = Double(records.count * (records.count - 1) / 2)
        #expect(prior > truePairs / allPairs / 2 && prior < truePairs / allPairs * 2)
    }

    @Test("estimation is deterministic: the same seed gives the same model")
    func deterministic() throws {
        let records = SyntheticPeople(people: 600, seed: 3).records
        let settings = MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 50_000, seed: 9)))
        let first = try Matcher(settings: settings).run(records), second = try Matcher(settings: settings).run(records)
        #expect(first.model == second.model)
        #expect(first.pairs == second.pairs)
    }

    @Test("a common surname's exact agreement counts less than a rare one's")
    func termFrequency() throws {
        var records: [Record] = []
        for index in 0..<40 {
            records.append(Record(sourceSystem: "crm", sourceID: "s\(index)", name: "Person\(index) Smith", email: "p\(index)@x.com"))
        }
        records += [
            Record(sourceSystem: "crm", sourceID: "a1", name: "Ann Smith", email: "ann@x.com"),
            Record(sourceSystem: "erp", sourceID: "a2", name: "Ann Smith", email: "ann@x.com"),
            Record(sourceSystem: "crm", sourceID: "b1", name: "Ann Oyelaran", email: "oy@x.com"),
            Record(sourceSystem: "erp", sourceID: "b2", name: "Ann Oyelaran", email: "oy@x.com"),
        ]
        let model = try MatchModel.fixed(Self.comparators, weights: Self.weights)
        let result = try Matcher(settings: settings(model)).run(records)
        let common = result.explain(40, 41), rare = result.explain(42, 43)
        let commonSurname = try #require(common.contributions.first { $0.field == "surname" })
        let rareSurname = try #require(rare.contributions.first { $0.field == "surname" })
        #expect(commonSurname.levelName == "exact" && rareSurname.levelName == "exact")
        #expect(commonSurname.levelWeight == 5 && rareSurname.levelWeight == 5)
        #expect(commonSurname.termFrequencyAdjustment < 0)
        #expect(rareSurname.termFrequencyAdjustment > 0)
        #expect(common.total < rare.total)
        // Comparators without adjustment keep the configured weight.
        #expect(common.contributions[0].weight == 6 && common.contributions[0].termFrequencyAdjustment == 0)
    }

    @Test("an explanation's prior and field weights add up exactly to the pair's weight")
    func explanationsSum() throws {
        let population = SyntheticPeople(people: 800, seed: 21)
        let result = try Matcher(settings: MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 100_000)))).run(population.records)
        #expect(!result.pairs.isEmpty)
        for pair in result.pairs {
            let explanation = result.explanation(of: pair)
            var sum = explanation.prior
            for contribution in explanation.contributions { sum += contribution.weight }
            #expect(sum == explanation.total)
            #expect(explanation.total == pair.weight)
            #expect(explanation.decision == pair.decision)
            #expect(explanation.contributions.map(\.level) == result.levels(of: pair))
            for contribution in explanation.contributions where contribution.level == nil { #expect(contribution.weight == 0) }
        }
        // Explaining a pair blocking never proposed works the same way.
        let anyPair = result.explain(0, population.records.count - 1)
        #expect(anyPair.contributions.reduce(anyPair.prior) { $0 + $1.weight } == anyPair.total)
    }

    @Test("fixed weights score a pair as configured; decisions follow the thresholds")
    func fixedWeights() throws {
        let comparators: [FieldComparator] = [.givenName(termFrequencyAdjusted: false), .surname(termFrequencyAdjusted: false), .email()]
        let model = try MatchModel.fixed(comparators, weights: Self.weights, randomMatchProbability: 0.5)
        #expect(model.priorWeight == 0)
        let records = [
            Record(sourceSystem: "crm", sourceID: "1", name: "Bill Jones", email: "bill@x.com"),
            Record(sourceSystem: "erp", sourceID: "2", name: "William Jones", email: "bill@x.com"),
            Record(sourceSystem: "erp", sourceID: "3", name: "W. Jones"),
            Record(sourceSystem: "erp", sourceID: "4", name: "Mary Jones", email: "mary@y.com"),
        ]
        let result = try Matcher(settings: settings(model, comparators: comparators)).run(records)
        let weights = Dictionary(uniqueKeysWithValues: result.pairs.map { ([$0.left, $0.right], ($0.weight, $0.decision)) })
        #expect(weights[[0, 1]]?.0 == 6 + 5 + 12 && weights[[0, 1]]?.1 == .accept)
        #expect(weights[[0, 2]]?.0 == 1 + 5 && weights[[0, 2]]?.1 == .review)
        #expect(weights[[0, 3]]?.0 == -5 + 5 - 2 && weights[[0, 3]]?.1 == .reject)
        #expect(result.clusterOfRecord[0] == result.clusterOfRecord[1])
        #expect(result.clusterOfRecord[0] != result.clusterOfRecord[3])
        #expect(abs(MatchModel.probability(weight: 0) - 0.5) < 1e-12)
    }

    @Test("a model that does not fit the comparators is refused")
    func mismatchedModel() throws {
        #expect(throws: ResolutionError.self) { try MatchModel.fixed(Self.comparators, weights: [[1, 2]]) }
        let model = try MatchModel.fixed([.email()], weights: [[1, 0, -1]])
        #expect(throws: ResolutionError.self) { try Matcher(settings: settings(model)) }
        #expect(throws: ResolutionError.self) { try MatchModel.fixed([.email()], m: [[0.9, 0.1, 0]], u: [[0.1, 0.1, 0.8]]) }
        var bad = MatchSettings()
        bad.reviewThreshold = 10
        #expect(throws: ResolutionError.self) { try Matcher(settings: bad) }
        bad = MatchSettings(caps: [DecisionCap(field: "given_name", level: "nonsense", atMost: .review)])
        #expect(throws: ResolutionError.self) { try Matcher(settings: bad) }
    }

    @Test("a decision cap keeps clearly different given names out of automatic merges")
    func caps() throws {
        let comparators: [FieldComparator] = [.givenName(termFrequencyAdjusted: false), .surname(termFrequencyAdjusted: false), .email()]
        let model = try MatchModel.fixed(comparators, weights: [[6, 4, 2, 2, 1, -5], [5, 3, 1, 1, 0.5, -6], [20, 4, -2]])
        // Twins sharing an address: everything agrees but the given name.
        let records = [
            Record(sourceSystem: "crm", sourceID: "1", name: "Mary Jones", email: "jones.family@x.com"),
            Record(sourceSystem: "crm", sourceID: "2", name: "Anna Jones", email: "jones.family@x.com"),
        ]
        var capped = settings(model, comparators: comparators)
        capped.caps = [DecisionCap(field: "given_name", level: "else", atMost: .review)]
        let result = try Matcher(settings: capped).run(records)
        #expect(result.pairs.count == 1 && result.pairs[0].weight == 20)
        #expect(result.pairs[0].decision == .review)
        #expect(result.explanation(of: result.pairs[0]).decision == .review)
        #expect(result.clusters.count == 2)
        let uncapped = try Matcher(settings: settings(model, comparators: comparators)).run(records)
        #expect(uncapped.pairs[0].decision == .accept && uncapped.clusters.count == 1)
    }

    @Test("reviewed decisions override the thresholds, both ways")
    func reviewed() throws {
        let comparators: [FieldComparator] = [.givenName(termFrequencyAdjusted: false), .surname(termFrequencyAdjusted: false), .email()]
        let model = try MatchModel.fixed(comparators, weights: Self.weights)
        let records = [
            Record(sourceSystem: "crm", sourceID: "1", name: "Bill Jones", email: "bill@x.com"),
            Record(sourceSystem: "erp", sourceID: "2", name: "William Jones", email: "bill@x.com"),
            Record(sourceSystem: "erp", sourceID: "3", name: "J. Jones"),
            Record(sourceSystem: "app", sourceID: "4", name: "Dana Smith", email: "dana@y.com"),
        ]
        let reviewed: [RecordPair: Decision] = [
            RecordPair(records[1].id, records[0].id): .reject,
            RecordPair(records[0].id, records[2].id): .accept,
            // Never proposed by blocking (different surname and e-mail): scored because a person decided it.
            RecordPair(records[3].id, records[2].id): .accept,
        ]
        let result = try Matcher(settings: settings(model, comparators: comparators)).run(records, reviewed: reviewed)
        let byPair = Dictionary(uniqueKeysWithValues: result.pairs.map { ([$0.left, $0.right], $0) })
        #expect(byPair[[0, 1]]?.decision == .reject && byPair[[0, 1]]?.reviewed == true)
        #expect(byPair[[0, 2]]?.decision == .accept && byPair[[0, 2]]?.reviewed == true)
        #expect(byPair[[2, 3]]?.decision == .accept)
        #expect(result.clusterOfRecord[0] == result.clusterOfRecord[2] && result.clusterOfRecord[2] == result.clusterOfRecord[3])
        #expect(result.clusterOfRecord[0] != result.clusterOfRecord[1])
    }
}
