import Resolution
import Testing

@Suite("Mentions: records that join one person and never two")
struct MentionTests {
    static let comparators: [FieldComparator] = [.givenName(termFrequencyAdjusted: false), .surname(termFrequencyAdjusted: false),
                                                 .email(), .attribute("branch")]

    /// Fixed weights: exact agreement `exact`, else `other`, partial levels half of exact; no prior (0 bits).
    static func settings(mentionThreshold: Double = 4, margin: Double = 2) throws -> MatchSettings {
        func levels(_ comparator: FieldComparator, _ exact: Double, _ other: Double) -> [Double] {
            comparator.levelNames.indices.map { $0 == 0 ? exact : $0 == comparator.elseLevel ? other : exact / 2 }
        }
        let c = comparators
        let model = try MatchModel.fixed(c, weights: [levels(c[0], 3, -6), levels(c[1], 3, -6), levels(c[2], 12, -2), levels(c[3], 2, -1)],
                                         randomMatchProbability: 0.5)
        return MatchSettings(comparators: c, blockingRules: [BlockingRule([.surname]), BlockingRule([.email])],
                             acceptThreshold: 8, reviewThreshold: 0, nonMatchThreshold: -10, parameters: .fixed(model), caps: [],
                             mentionSystems: ["notes", "app"], mentionAcceptThreshold: mentionThreshold, mentionMargin: margin)
    }

    static let records = [
        Record(sourceSystem: "core", sourceID: "A", name: "Ryan Miller", email: "ryan.a@x.com", attributes: ["branch": "BR003"]),
        Record(sourceSystem: "core", sourceID: "B", name: "Ryan Miller", email: "ryan.b@y.com", attributes: ["branch": "BR008"]),
        // At A's branch: joins A (6 + 2 bits against B's 6 − 1).
        Record(sourceSystem: "notes", sourceID: "1", name: "Ryan Miller", attributes: ["branch": "BR003"]),
        // No branch: fits A and B equally, joins neither.
        Record(sourceSystem: "notes", sourceID: "2", name: "Ryan Miller"),
        // Only an e-mail address, B's.
        Record(sourceSystem: "app", sourceID: "u", email: "ryan.b@y.com"),
        // A's address and nothing else, written in a note: joins A through the e-mail alone.
        Record(sourceSystem: "notes", sourceID: "3", name: "Mr. Miller", email: "ryan.a@x.com"),
    ]

    @Test("a mention joins the person it best fits by the margin, and an ambiguous one joins no one")
    func mentionsJoinOnePerson() throws {
        let result = try Matcher(settings: try Self.settings()).run(Self.records)
        let cluster = result.clusterOfRecord
        #expect(cluster[0] != cluster[1], "two people with one name stay two, though a note fits both")
        #expect(cluster[2] == cluster[0])
        #expect(cluster[3] != cluster[0] && cluster[3] != cluster[1])
        #expect(cluster[4] == cluster[1])
        #expect(cluster[5] == cluster[0])
        // The ambiguous note's accept-worthy pairs wait for review; the chosen ones are accepted.
        let decision = { (a: Int, b: Int) in result.pairs.first { $0.left == a && $0.right == b }?.decision }
        #expect(decision(0, 3) == .review && decision(1, 3) == .review)
        #expect(decision(0, 2) == .accept && decision(1, 2) == .review)
        // Records that are not mentions link only by the ordinary threshold: 3 + 3 − 2 − 1 < 8.
        #expect(decision(0, 1) == .review)
    }

    @Test("without the margin the strongest link wins; a larger margin leaves a near tie unjoined")
    func marginDecides() throws {
        let loose = try Matcher(settings: try Self.settings(margin: 0)).run(Self.records)
        // Note 2 ties between A and B (6 bits each): the smaller cluster index wins a tie at margin 0.
        #expect(loose.clusterOfRecord[3] == loose.clusterOfRecord[0] || loose.clusterOfRecord[3] == loose.clusterOfRecord[1])
        let strict = try Matcher(settings: try Self.settings(margin: 10)).run(Self.records)
        #expect(strict.clusterOfRecord[2] != strict.clusterOfRecord[0], "8 against 5 bits is no 10-bit margin")
        #expect(strict.clusterOfRecord[4] == strict.clusterOfRecord[1], "an e-mail only B has: 12 bits against none")
    }

    @Test("a reviewed reject keeps a mention from its best person; a reviewed accept joins it")
    func reviewsOverrule() throws {
        let reject = try Matcher(settings: try Self.settings()).run(
            Self.records, reviewed: [RecordPair(Self.records[0].id, Self.records[2].id): .reject])
        #expect(reject.clusterOfRecord[2] != reject.clusterOfRecord[0])
        let accept = try Matcher(settings: try Self.settings()).run(
            Self.records, reviewed: [RecordPair(Self.records[1].id, Self.records[3].id): .accept])
        #expect(accept.clusterOfRecord[3] == accept.clusterOfRecord[1])
        #expect(accept.clusterOfRecord[0] != accept.clusterOfRecord[1])
    }
}
