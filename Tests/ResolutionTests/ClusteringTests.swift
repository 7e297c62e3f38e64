import Resolution
import Testing

@Suite("Clustering: guarded components and stable keys")
struct ClusteringTests {
    @Test("a weak chain through a known non-match is refused")
    func guardRefusesChain() {
        // A–B strong, B–C strong, A–C clearly different.
        let components = GuardedClustering.components(
            recordCount: 3, links: [.init(0, 1, weight: 20), .init(1, 2, weight: 15)], nonMatches: [(0, 2)])
        #expect(components.clusters == [[0, 1], [2]])
        #expect(components.refusedLinks == 1)
        // Without the non-match, plain connected components.
        let plain = GuardedClustering.components(recordCount: 3, links: [.init(0, 1, weight: 20), .init(1, 2, weight: 15)], nonMatches: [])
        #expect(plain.clusters == [[0, 1, 2]] && plain.refusedLinks == 0)
    }

    @Test("the stronger side of a chain wins, whatever order links arrive in")
    func strongestFirst() {
        let links: [GuardedClustering.Link] = [.init(2, 3, weight: 30), .init(1, 2, weight: 9), .init(0, 1, weight: 25)]
        let components = GuardedClustering.components(recordCount: 4, links: links.reversed(), nonMatches: [(0, 3)])
        #expect(components.clusters == [[0, 1], [2, 3]])
        #expect(components.clusterOfRecord == [0, 0, 1, 1])
    }

    @Test("the matcher's guard: three records, two strong links, one clear non-match")
    func matcherGuard() throws {
        let comparators: [FieldComparator] = [.givenName(termFrequencyAdjusted: false), .surname(termFrequencyAdjusted: false),
                                              .email(), .phone(), .birthDate()]
        let model = try MatchModel.fixed(comparators, weights: [
            [6, 4, 2, 2, 3, -6], [4, 3, 1, 1, 0.5, -6], [12, 4, -2], [12, 10, -3], [10, 6, 4, -4, -10],
        ])
        let records = [
            Record(sourceSystem: "erp", sourceID: "A", name: "John Smith", email: "js@x.com", birthDate: "1980-01-01"),
            Record(sourceSystem: "crm", sourceID: "B", name: "J. Smith", email: "js@x.com", phone: "630-533-3428"),
            Record(sourceSystem: "app", sourceID: "C", name: "Jane Smith", phone: "630-533-3428", birthDate: "1990-05-05"),
        ]
        // The guard sees only scored pairs: A–C must be a candidate, here through the surname.
        let settings = MatchSettings(comparators: comparators,
                                     blockingRules: [BlockingRule([.email]), BlockingRule([.phoneLastSeven]), BlockingRule([.surname])],
                                     acceptThreshold: 10, reviewThreshold: 5, nonMatchThreshold: -5, parameters: .fixed(model), caps: [])
        let result = try Matcher(settings: settings).run(records)
        let weight = { (a: Int, b: Int) -> Double in result.pairs.first { $0.left == a && $0.right == b }?.weight ?? .nan }
        #expect(weight(0, 1) == 19, "initial + surname + e-mail")
        #expect(weight(1, 2) == 19, "initial + surname + phone")
        #expect(weight(0, 2) == -12, "given else + surname + date else")
        #expect(result.refusedLinks == 1)
        #expect(result.clusters.count == 2)
        #expect(result.clusterOfRecord[0] != result.clusterOfRecord[2])
    }

    @Test("keys: majority of old keys, ties to the smallest key, new clusters from their smallest record id")
    func stableKeys() {
        let id = { (name: String) in RecordID(sourceSystem: "s", sourceID: name) }
        let previous = [id("a"): "K1", id("b"): "K1", id("c"): "K2", id("d"): "K3", id("e"): "K4"]
        let keys = StableKeys.assign(clusters: [[id("a"), id("b"), id("c")], [id("d"), id("e")], [id("x"), id("y")]], previous: previous)
        #expect(keys[0] == "K1")
        #expect(keys[1] == "K3")
        #expect(keys[2] == StableKeys.newKey(for: id("x")))
        #expect(keys[2].count == 16)
        // The same clusters in any order, with members in any order, get the same keys.
        let again = StableKeys.assign(clusters: [[id("y"), id("x")], [id("e"), id("d")], [id("c"), id("b"), id("a")]], previous: previous)
        #expect(again == [keys[2], keys[1], keys[0]])
    }

    @Test("keys: a person split in two keeps the key on the side with more of its records")
    func splitKeys() {
        let id = { (name: String) in RecordID(sourceSystem: "s", sourceID: name) }
        let previous = [id("a"): "K1", id("b"): "K1", id("c"): "K1", id("d"): "K2"]
        let keys = StableKeys.assign(clusters: [[id("a")], [id("b"), id("c"), id("d")]], previous: previous)
        #expect(keys[1] == "K1")
        // The smaller side had no other old key: a new one, which reuses no old key.
        #expect(keys[0] == StableKeys.newKey(for: id("a")))
        #expect(Set(keys).count == 2 && keys[0] != "K2")
    }

    @Test("keys across runs: the same records keep their keys; a new record joins its person's key")
    func keysAcrossRuns() throws {
        let population = SyntheticPeople(people: 1_000, seed: 31)
        let settings = MatchSettings(parameters: .estimated(EstimationSettings(randomPairs: 100_000)))
        let matcher = try Matcher(settings: settings)
        let first = try matcher.run(population.records)
        let firstKeys = first.keysByRecord
        #expect(Set(first.clusters.map(\.key)).count == first.clusters.count)

        // The same records in another order, without previous keys: the same keys.
        let reversed = try matcher.run(population.records.reversed())
        #expect(reversed.keysByRecord == firstKeys)

        // A new record of a person who has several: it takes their key, and no old record's key changes.
        let person = try #require(Dictionary(grouping: population.truth.indices, by: { population.truth[$0] }).values
            .filter { $0.count >= 2 }.min { $0[0] < $1[0] })
        let template = population.records[person[0]]
        let newcomer = Record(id: RecordID(sourceSystem: "sheets", sourceID: "NEW-1"), name: template.name,
                              email: template.email, phone: template.phone, birthDate: template.birthDate)
        let second = try matcher.run(population.records + [newcomer], previousKeys: firstKeys)
        let secondKeys = second.keysByRecord
        #expect(secondKeys[newcomer.id] == firstKeys[template.id])
        for (id, key) in firstKeys { #expect(secondKeys[id] == key, "\(id)") }
    }
}
