import Resolution
import Testing

@Suite("Attributes: free-form fields normalised, compared, blocked on")
struct AttributeTests {
    /// A record with only attributes.
    func record(_ id: String, _ attributes: [String: String?], system: String = "test") -> Record {
        Record(sourceSystem: system, sourceID: id, attributes: attributes)
    }

    func level(_ comparator: FieldComparator, _ a: String?, _ b: String?) -> String {
        let attribute = comparator.attribute ?? ""
        let left = record("a", [attribute: a]), right = record("b", [attribute: b])
        let level = comparator.level(left, right)
        #expect(level == comparator.level(right, left), "comparisons are symmetric")
        return comparator.levelName(level)
    }

    @Test("values fold case, accents, punctuation and spacing; empty text is missing")
    func textKeys() {
        #expect(TextKey.key("12  Main St.") == "12 main st")
        #expect(TextKey.key(" ST. KILDA ") == "st kilda")
        #expect(TextKey.key("St Kilda") == "st kilda")
        #expect(TextKey.key("Smith-Jones / Unit 4") == "smith jones unit 4")
        #expect(TextKey.key("O'Connor Street") == "oconnor street")
        #expect(TextKey.key("Müller-Straße") == "muller strasse")
        #expect(TextKey.key(" . - ") == nil)
        #expect(TextKey.key("") == nil)
        let parsed = record("1", ["suburb": "  Winston HILLS ", "state": "", "postcode": nil])
        #expect(parsed.attributes == ["suburb": "winston hills"])
        var edited = parsed
        edited.setAttribute("postcode", text: "4223 ")
        edited.setAttribute("suburb", text: "  ")
        #expect(edited.attributes == ["postcode": "4223"])
    }

    @Test("exact and else; null when either side lacks the value")
    func exact() {
        let postcode = FieldComparator.attribute("postcode")
        #expect(postcode.name == "postcode" && postcode.field == .attribute)
        #expect(postcode.levelNames == ["exact", "else"])
        #expect(level(postcode, "4223", " 4223") == "exact")
        #expect(level(postcode, "4223", "4232") == "else")
        #expect(level(postcode, nil, "4232") == "null")
        #expect(level(postcode, "n/a", "") == "null")
    }

    @Test("Jaro–Winkler bands, edit-distance bands, else, in that order")
    func bands() {
        let address = FieldComparator.attribute("address_1", similarityThresholds: [0.8, 0.95, 2], editDistances: [2, 1, 7],
                                                name: "street")
        #expect(address.name == "street")
        #expect(address.similarityThresholds == [0.95, 0.8])
        #expect(address.editDistances == [1, 2])
        #expect(address.levelNames == ["exact", "jaro-winkler >= 0.95", "jaro-winkler >= 0.8", "one edit apart", "two edits apart", "else"])
        #expect(level(address, "Stanley Street", "stanley street.") == "exact")
        #expect(level(address, "stanley street", "stanley streat") == "jaro-winkler >= 0.95")
        #expect(level(address, "salkauskas crescent", "salkauskas cr") == "jaro-winkler >= 0.8")
        #expect(level(address, "pinkerton circuit", "macquoid place") == "else")

        let id = FieldComparator.attribute("soc_sec_id", editDistances: [1, 2, 3])
        #expect(id.levelNames == ["exact", "one edit apart", "two edits apart", "three edits apart", "else"])
        #expect(level(id, "5304218", "5304218") == "exact")
        #expect(level(id, "5304218", "5304281") == "one edit apart", "two neighbours swapped")
        #expect(level(id, "5304218", "530421") == "one edit apart", "a digit dropped")
        #expect(level(id, "5304218", "5904211") == "two edits apart")
        #expect(level(id, "5304218", "9304911") == "three edits apart")
        #expect(level(id, "5304218", "1234567") == "else")
        #expect(level(id, "5304218", "53042181234") == "else", "too long to be within three edits")

        let oneEdit = FieldComparator.attribute("suburb", editDistances: [1])
        #expect(oneEdit.levelNames == ["exact", "one edit apart", "else"])
        #expect(level(oneEdit, "dapto", "dpato") == "one edit apart")
        #expect(level(oneEdit, "dapto", "dap") == "else")
    }

    @Test("term frequencies: a rare value's exact agreement weighs more than a common one's")
    func termFrequency() throws {
        let comparators: [FieldComparator] = [.attribute("suburb", termFrequencyAdjusted: true), .attribute("street")]
        let model = try MatchModel.fixed(comparators, weights: [[4, -4], [2, -2]])
        var records = (0..<30).map { record("c\($0)", ["suburb": "Richlands", "street": "street \($0)"]) }
        records += [record("r1", ["suburb": "Utakarra", "street": "gundulu place"]), record("r2", ["suburb": "utakarra", "street": "gundulu place"])]
        let settings = MatchSettings(comparators: comparators, blockingRules: [BlockingRule([.attribute("suburb")])],
                                     acceptThreshold: 5, reviewThreshold: 0, nonMatchThreshold: -5, parameters: .fixed(model), caps: [])
        let result = try Matcher(settings: settings).run(records)
        let common = result.explain(0, 1), rare = result.explain(30, 31)
        #expect(common.contributions[0].levelName == "exact" && rare.contributions[0].levelName == "exact")
        #expect(common.contributions[0].termFrequencyAdjustment < 0)
        #expect(rare.contributions[0].termFrequencyAdjustment > 0)
        #expect(rare.contributions[1].termFrequencyAdjustment == 0, "not adjusted unless configured")
        #expect(result.clusterOfRecord[30] == result.clusterOfRecord[31])
    }

    @Test("blocking on a whole attribute and on its first characters")
    func blocking() throws {
        let comparators: [FieldComparator] = [.attribute("postcode"), .attribute("address")]
        let model = try MatchModel.fixed(comparators, weights: [[1, -1], [1, -1]])
        let records = [
            record("1", ["postcode": "2119", "address": "wallaby place"]),
            record("2", ["postcode": "2119", "address": "wallaby pl"]),
            record("3", ["postcode": "2190", "address": "walaby place"]),
            record("4", ["postcode": "3165", "address": "pridham street"]),
            record("5", ["address": "pridhamstreet"]),
        ]
        func pairs(_ rules: [BlockingRule]) throws -> Set<[Int]> {
            let settings = MatchSettings(comparators: comparators, blockingRules: rules, parameters: .fixed(model), caps: [])
            return Set(try Matcher(settings: settings).run(records).pairs.map { [$0.left, $0.right] })
        }
        #expect(try pairs([BlockingRule([.attribute("postcode")])]) == [[0, 1]])
        #expect(try pairs([BlockingRule([.attribute("postcode", first: 2)])]) == [[0, 1], [0, 2], [1, 2]])
        #expect(try pairs([BlockingRule([.attribute("address", first: 4)])]) == [[0, 1], [3, 4]])
        #expect(try pairs([BlockingRule([.attribute("address", first: 4), .attribute("postcode", first: 3)])]) == [[0, 1]])
        // An attribute no comparator reads can still block.
        #expect(try pairs([BlockingRule([.attribute("unused")])]).isEmpty)
        #expect(BlockingRule([.attribute("address", first: 4), .attribute("postcode")]).name == "first 4 of address + postcode")
        #expect(BlockingKey(rawValue: "surname_initial") == .surnameInitial)
        #expect(BlockingKey(rawValue: "postcode") == nil)
    }

    @Test("a configuration whose levels cannot be packed in 32 bits is refused, naming every comparator")
    func patternSpace() {
        let wide = (0..<12).map { FieldComparator.attribute("a\($0)", similarityThresholds: [0.9, 0.8], editDistances: [1, 2]) }
        let settings = MatchSettings(comparators: wide, blockingRules: [BlockingRule([.attribute("a0")])], caps: [])
        do {
            _ = try Matcher(settings: settings)
            Issue.record("the matcher accepted 12 comparators of 6 levels")
        } catch {
            #expect(error.message.contains("do not fit in 32 bits"))
            #expect(error.message.contains("a0 6") && error.message.contains("a11 6"))
            #expect(error.message.contains("need 34 bits"))
        }
        // Twelve three-level comparators fit (4^12 = 2^24), and so do twelve of five (6^12 < 2^32).
        let narrow = (0..<12).map { FieldComparator.attribute("a\($0)", editDistances: [1]) }
        #expect(throws: Never.self) { try Matcher(settings: MatchSettings(comparators: narrow, blockingRules: [BlockingRule([.attribute("a0")])], caps: [])) }
        let five = (0..<12).map { FieldComparator.attribute("a\($0)", similarityThresholds: [0.9, 0.8], editDistances: [1]) }
        #expect(throws: Never.self) { try Matcher(settings: MatchSettings(comparators: five, blockingRules: [BlockingRule([.attribute("a0")])], caps: [])) }
    }

    @Test("dates in a declared pattern")
    func datePatterns() throws {
        let compact = try #require(DatePattern("yyyymmdd"))
        #expect(compact.date("19151111")?.iso == "1915-11-11")
        #expect(compact.date(" 19480930 ")?.iso == "1948-09-30")
        #expect(compact.date("1915111") == nil && compact.date("19151311") == nil && compact.date("19150230") == nil)
        let dotted = try #require(DatePattern("DD.MM.YYYY"))
        #expect(dotted.date("7.3.1985")?.iso == "1985-03-07")
        #expect(dotted.date("07.03.1985")?.iso == "1985-03-07")
        #expect(dotted.date("07/03/1985") == nil && dotted.date("7.3.85") == nil)
        let iso = try #require(DatePattern("yyyy-mm-dd"))
        #expect(iso.date("1985-3-7")?.iso == "1985-03-07" && iso.date("1985-03-07x") == nil)
        let american = try #require(DatePattern("mm/dd/yyyy"))
        #expect(MatchDate("03/07/1985", pattern: american)?.date.iso == "1985-03-07")
        #expect(DatePattern("yyyy-mm") == nil && DatePattern("yyyymmddmm") == nil && DatePattern("yyyyQmmdd") == nil)
    }
}
