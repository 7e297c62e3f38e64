import Resolution
import Testing

@Suite("Blocking: OR-ed rules, no duplicate pairs, capped blocks")
struct BlockingTests {
    static let model: MatchModel = {
        // A model is needed to run; blocking does not depend on it.
        let weights = FieldComparator.defaults.map { comparator in comparator.levelNames.indices.map { Double(-$0) } }
        return (try? MatchModel.fixed(FieldComparator.defaults, weights: weights)) ?? MatchModel(fields: [])
    }()

    func settings(_ rules: [BlockingRule], cap: Int = 1_000) -> MatchSettings {
        MatchSettings(blockingRules: rules, maximumBlockSize: cap, parameters: .fixed(Self.model))
    }

    @Test("several rules propose each pair once, lower record first")
    func noDuplicates() throws {
        let records = SyntheticPeople(people: 1_500, seed: 5).records
        let result = try Matcher(settings: settings(BlockingRule.defaults)).run(records)
        var seen = Set<[Int]>()
        for pair in result.pairs {
            #expect(pair.left < pair.right)
            #expect(seen.insert([pair.left, pair.right]).inserted, "pair \(pair.left)-\(pair.right) twice")
        }
        #expect(result.blocking.pairs == result.pairs.count)
        // Later rules find pairs earlier ones already proposed, and skip them.
        #expect(result.blocking.rules.dropFirst().contains { $0.duplicatePairs > 0 })
        // Every true pair that shares an e-mail key was proposed by the first rule.
        let emailPairs = result.blocking.rules[0].pairs
        #expect(emailPairs > 0)
    }

    @Test("the union of rules equals each rule's pairs, deduplicated")
    func unionOfRules() throws {
        let records = SyntheticPeople(people: 800, seed: 8).records
        let rules = [BlockingRule([.email]), BlockingRule([.surname, .birthYear]), BlockingRule([.phoneLastSeven])]
        let together = try Matcher(settings: settings(rules)).run(records)
        var union = Set<[Int]>()
        for rule in rules {
            for pair in try Matcher(settings: settings([rule])).run(records).pairs { union.insert([pair.left, pair.right]) }
        }
        #expect(Set(together.pairs.map { [$0.left, $0.right] }) == union)
    }

    @Test("a block larger than the cap is skipped and counted")
    func cappedBlocks() throws {
        // A placeholder address shared by 300 records, and two real duplicates.
        var records = (0..<300).map { Record(sourceSystem: "crm", sourceID: "\($0)", name: "Person\($0) Doe", email: "none@bank.com") }
        records.append(Record(sourceSystem: "crm", sourceID: "a", name: "Ann Lee", email: "ann@x.com"))
        records.append(Record(sourceSystem: "erp", sourceID: "b", name: "Ann Lee", email: "ann@x.com"))
        let capped = try Matcher(settings: settings([BlockingRule([.email])], cap: 100)).run(records)
        #expect(capped.blocking.rules[0].oversizedBlocks == 1)
        #expect(capped.blocking.rules[0].recordsInOversizedBlocks == 300)
        #expect(capped.pairs.count == 1 && capped.pairs[0].left == 300)
        let uncapped = try Matcher(settings: settings([BlockingRule([.email])], cap: 300)).run(records)
        #expect(uncapped.pairs.count == 300 * 299 / 2 + 1)
        #expect(uncapped.blocking.rules[0].largestBlock == 300)
    }

    @Test("a record lacking a rule's key is left out of that rule")
    func missingKeys() throws {
        let records = [
            Record(sourceSystem: "crm", sourceID: "1", name: "Ann Lee"),
            Record(sourceSystem: "erp", sourceID: "2", name: "Ann Lee"),
            Record(sourceSystem: "erp", sourceID: "3", name: "Ann Lee", birthDate: "1980-01-01"),
            Record(sourceSystem: "app", sourceID: "4", name: "Ann Lee", birthDate: "1980-06-01"),
        ]
        let result = try Matcher(settings: settings([BlockingRule([.surname, .birthYear])])).run(records)
        #expect(result.pairs.map { [$0.left, $0.right] } == [[2, 3]])
        #expect(BlockingRule([.surname, .birthYear]).name == "surname + birth_year")
    }
}
