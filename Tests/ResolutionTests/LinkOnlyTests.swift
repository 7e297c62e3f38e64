import Resolution
import Testing

@Suite("Link type: link only compares across systems, never within one")
struct LinkOnlyTests {
    /// Two files of one population: each person once in `a`, and in `b` a copy of most of them,
    /// with duplicates inside each file that link-only must leave alone.
    static func twoFiles() -> [Record] {
        let population = SyntheticPeople(people: 600, seed: 21)
        var records: [Record] = []
        var seen = Set<Int>()
        for (record, person) in zip(population.records, population.truth) {
            let system = seen.insert(person).inserted ? "a" : "b"
            records.append(Record(id: RecordID(sourceSystem: system, sourceID: record.id.sourceID), name: record.name, email: record.email,
                                  phone: record.phone, birthDate: record.birthDate))
        }
        // Exact duplicates inside file a, which a dedupe run would link.
        for index in 0..<20 {
            let original = records[index]
            records.append(Record(id: RecordID(sourceSystem: original.id.sourceSystem, sourceID: "copy-\(index)"), name: original.name,
                                  email: original.email, phone: original.phone, birthDate: original.birthDate))
        }
        return records
    }

    @Test("no pair of records from the same system is compared, and cross-system pairs are")
    func neverSameSource() throws {
        let records = Self.twoFiles()
        var linkOnly = MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 20_000)))
        linkOnly.linkType = .linkOnly
        let linked = try Matcher(settings: linkOnly).run(records)
        #expect(!linked.pairs.isEmpty)
        for pair in linked.pairs {
            #expect(records[pair.left].id.sourceSystem != records[pair.right].id.sourceSystem)
        }
        // The default compares within systems too, and finds the copies.
        let both = try Matcher(settings: MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 20_000)))).run(records)
        #expect(MatchSettings().linkType == .dedupeAndLink)
        let sameSource = both.pairs.filter { records[$0.left].id.sourceSystem == records[$0.right].id.sourceSystem }
        #expect(sameSource.count > 20)
        // Every cross-system pair the default compares, link-only compares too: only same-system pairs are dropped.
        let crossBoth = Set(both.pairs.filter { records[$0.left].id.sourceSystem != records[$0.right].id.sourceSystem }.map { [$0.left, $0.right] })
        #expect(crossBoth == Set(linked.pairs.map { [$0.left, $0.right] }))
        // Copies inside file a only share a cluster when a record of b joins them to it.
        let copies = records.count - 20
        let joinedWithoutB = (0..<20).filter { index in
            linked.clusterOfRecord[index] == linked.clusterOfRecord[copies + index]
                && !linked.clusters[linked.clusterOfRecord[index]].members.contains { records[$0].id.sourceSystem == "b" }
        }
        #expect(joinedWithoutB.isEmpty)
        // The prior is a share of cross-system pairs, which are fewer than all pairs: link-only's prior is higher.
        let priorLinked = try #require(linked.model.randomMatchProbability), priorBoth = try #require(both.model.randomMatchProbability)
        #expect(priorLinked > priorBoth)
    }

    @Test("link-only over one system compares nothing; with few records u comes from every cross pair")
    func degenerate() throws {
        var settings = MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 1_000)))
        settings.linkType = .linkOnly
        let one = (0..<50).map { Record(sourceSystem: "a", sourceID: "\($0)", name: "Ann Lee", email: "ann@x.com") }
        let result = try Matcher(settings: settings).run(one)
        #expect(result.pairs.isEmpty && result.clusters.count == 50)
        let few = [
            Record(sourceSystem: "a", sourceID: "1", name: "Ann Lee", email: "ann@x.com"),
            Record(sourceSystem: "a", sourceID: "2", name: "Ann Lee", email: "ann@x.com"),
            Record(sourceSystem: "b", sourceID: "1", name: "Ann Lee", email: "ann@x.com"),
        ]
        let small = try Matcher(settings: settings).run(few)
        #expect(small.pairs.map { [$0.left, $0.right] } == [[0, 2], [1, 2]])
    }

    @Test("link-only on two files of one population finds the links at the end-to-end standard")
    func accuracy() throws {
        let population = SyntheticPeople(people: 1_200, seed: 33)
        // Each person's first record in file a, a second one (if any) in file b; later copies dropped.
        var records: [Record] = [], truth: [Int] = []
        var copies: [Int: Int] = [:]
        for (record, person) in zip(population.records, population.truth) {
            let copy = copies[person, default: 0]
            copies[person] = copy + 1
            guard copy < 2 else { continue }
            records.append(Record(id: RecordID(sourceSystem: copy == 0 ? "a" : "b", sourceID: record.id.sourceID), name: record.name,
                                  email: record.email, phone: record.phone, birthDate: record.birthDate))
            truth.append(person)
        }
        var settings = MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 100_000)))
        settings.linkType = .linkOnly
        let result = try Matcher(settings: settings).run(records)
        var found = 0, correct = 0, actual = 0
        var byPerson: [Int: [Int]] = [:]
        for (index, person) in truth.enumerated() { byPerson[person, default: []].append(index) }
        actual = byPerson.values.filter { $0.count == 2 }.count
        for pair in result.pairs where result.clusterOfRecord[pair.left] == result.clusterOfRecord[pair.right] {
            found += 1
            if truth[pair.left] == truth[pair.right] { correct += 1 }
        }
        #expect(actual > 300)
        #expect(Double(correct) / Double(found) >= 0.99)
        #expect(Double(correct) / Double(actual) >= 0.98)
    }
}
