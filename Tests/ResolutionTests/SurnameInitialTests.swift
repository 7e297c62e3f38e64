import Resolution
import Testing

@Suite("Surname initials: `John S.` keeps what it says about the surname")
struct SurnameInitialTests {
    func record(_ name: String?, id: String = "", email: String? = nil, birth: String? = nil) -> Record {
        Record(sourceSystem: "test", sourceID: id.isEmpty ? (name ?? "-") : id, name: name, email: email, birthDate: birth)
    }

    func level(_ comparator: FieldComparator, _ a: String, _ b: String) -> String {
        let level = comparator.level(record(a, id: "a"), record(b, id: "b"))
        #expect(level == comparator.level(record(b, id: "b"), record(a, id: "a")), "comparisons are symmetric")
        return comparator.levelName(level)
    }

    @Test("an initial agrees with a surname of that first letter, disagrees with another")
    func levels() {
        let surname = FieldComparator.surname()
        #expect(level(surname, "John S. (VIP)", "John Smith") == "initial")
        #expect(level(surname, "John S.", "SMITH, JOHN") == "initial")
        #expect(level(surname, "John S.", "John Brown") == "else")
        #expect(level(surname, "John S.", "Jane S") == "initial", "two equal initials")
        #expect(level(surname, "John S.", "John B.") == "else", "two different initials")
        #expect(level(surname, "Mary O.", "Mary O'Brien") == "initial")
        let givenOnly = Record(id: RecordID(sourceSystem: "test", sourceID: "g"), name: MatchName(given: "John", surname: nil))
        #expect(surname.level(record("John S."), givenOnly) == nil)
    }

    @Test("two full surnames never meet at the initial level")
    func fullSurnames() {
        let surname = FieldComparator.surname()
        // Same first letter, clearly different names: else, not initial.
        #expect(level(surname, "John Smith", "John Sanders") == "else")
        #expect(level(surname, "Ann Stone", "Ann Salazar") == "else")
        // Near spellings keep their own levels.
        #expect(level(surname, "Ann Kim", "Ann Kmi") == "one edit apart")
        #expect(level(surname, "Ann Smith", "Ann Smith") == "exact")
    }

    @Test("without the level, an initial says nothing (null)")
    func optional() {
        let surname = FieldComparator.surname(initialLevel: false)
        #expect(surname.levelNames == ["exact", "jaro-winkler >= 0.92", "jaro-winkler >= 0.8", "one edit apart", "else"])
        #expect(level(surname, "John S.", "John Smith") == "null")
        #expect(level(surname, "John Smith", "John Sanders") == "else")
    }

    @Test("the surname_initial key groups an initial with full surnames of its letter")
    func blockingKey() throws {
        let comparators: [FieldComparator] = [.givenName(termFrequencyAdjusted: false), .surname(termFrequencyAdjusted: false)]
        let model = try MatchModel.fixed(comparators, weights: comparators.map { $0.levelNames.indices.map { Double(-$0) } })
        let records = [
            record("John S.", id: "1"), record("John Smith", id: "2"), record("Jane Sanders", id: "3"),
            record("John Brown", id: "4"), record("J. B.", id: "5"), record("John", id: "6"),
        ]
        func pairs(_ keys: [BlockingKey]) throws -> Set<[Int]> {
            let settings = MatchSettings(comparators: comparators, blockingRules: [BlockingRule(keys)], parameters: .fixed(model), caps: [])
            return Set(try Matcher(settings: settings).run(records).pairs.map { [$0.left, $0.right] })
        }
        #expect(try pairs([.surnameInitial]) == [[0, 1], [0, 2], [1, 2], [3, 4]])
        #expect(try pairs([.givenInitial, .surnameInitial]) == [[0, 1], [0, 2], [1, 2], [3, 4]])
        #expect(try pairs([.givenName, .surnameInitial]) == [[0, 1]])
        // The surname key itself still ignores initials.
        #expect(try pairs([.surname]).isEmpty)
    }

    @Test("a note's `John S.` joins John Smith when the rest agrees")
    func endToEnd() throws {
        let comparators: [FieldComparator] = [.givenName(termFrequencyAdjusted: false), .surname(termFrequencyAdjusted: false), .email()]
        let model = try MatchModel.fixed(comparators, weights: [[6, 4, 2, 2, 1, -5], [5, 3, 1, 1, 1.5, -6], [8, 3, -2]])
        let records = [
            record("John Smith", id: "crm", email: "js@x.com"),
            record("John S. (VIP)", id: "note", email: "js@x.com"),
            record("John B.", id: "other", email: "js@x.com"),
        ]
        let settings = MatchSettings(comparators: comparators, blockingRules: [BlockingRule([.email])], acceptThreshold: 12,
                                     reviewThreshold: 5, nonMatchThreshold: -5, parameters: .fixed(model), caps: [])
        let result = try Matcher(settings: settings).run(records)
        #expect(result.explain(0, 1).total == 6 + 1.5 + 8)
        #expect(result.explain(0, 1).contributions[1].levelName == "initial")
        #expect(result.explain(0, 2).contributions[1].levelName == "else")
        #expect(result.clusterOfRecord[0] == result.clusterOfRecord[1])
        #expect(result.clusterOfRecord[0] != result.clusterOfRecord[2])
    }
}
