import Foundation
import Resolution
import Testing
import Unification

/// `tenure resolve --input … --config …`: the YAML configuration, the CSV reading and a run on
/// small files with known truth.
@Suite("File resolution: configuration, CSV input, clusters out")
struct FileResolutionTests {
    /// A configuration from `yaml`, or the one-line error it gives.
    func parse(_ yaml: String) -> Result<FileMatchConfiguration, UnificationError> {
        Result { () throws(UnificationError) in try FileMatchConfiguration(yaml: yaml, file: "rules.yml") }
    }

    func error(_ yaml: String) -> String {
        switch parse(yaml) {
        case .success: "no error"
        case .failure(let error): error.description
        }
    }

    static let minimal = """
        id: rec_id
        columns: { given_name: first, surname: last, birth_date: dob, birth_date_format: yyyymmdd }
        """

    @Test("a full configuration becomes the matcher's settings")
    func settings() throws {
        let yaml = """
            id: { a: rec_id, b.csv: key }
            link_type: link_only
            columns:
              given_name: first
              surname: last
              birth_date: dob
              birth_date_format: yyyymmdd
            comparisons:
              surname: { jaro_winkler: [0.9], term_frequency: false, initial: false }
            attributes:
              postcode: { term_frequency: true }
              street: { column: address_1, jaro_winkler: [0.9, 0.8], edit_distance: [1, 2] }
              ssn: edit_distance
              state: { compare: false }
            blocking:
              - [given_name, surname]
              - [ssn]
              - [{ attribute: street, first: 4 }, postcode]
              - [first 2 of state, birth_year]
            thresholds: { accept: 6, review: 1, non_match: -8 }
            caps: none
            estimation: { random_pairs: 5000, seed: 3 }
            truth: { id_pattern: 'rec-(\\d+)-' }
            """
        let configuration = try parse(yaml).get()
        let settings = configuration.settings
        #expect(settings.linkType == .linkOnly)
        #expect(settings.comparators.map(\.name) == ["given_name", "surname", "birth_date", "postcode", "street", "ssn"])
        #expect(settings.comparators[1].levelNames == ["exact", "jaro-winkler >= 0.9", "one edit apart", "else"])
        #expect(!settings.comparators[1].termFrequencyAdjusted)
        #expect(settings.comparators[3].termFrequencyAdjusted && settings.comparators[3].levelNames == ["exact", "else"])
        #expect(settings.comparators[4].levelNames == ["exact", "jaro-winkler >= 0.9", "jaro-winkler >= 0.8", "one edit apart", "two edits apart", "else"])
        #expect(settings.comparators[5].levelNames == ["exact", "one edit apart", "else"])
        #expect(settings.blockingRules.map(\.name) == ["given_name + surname", "ssn", "first 4 of street + postcode", "first 2 of state + birth_year"])
        #expect(settings.acceptThreshold == 6 && settings.reviewThreshold == 1 && settings.nonMatchThreshold == -8)
        #expect(settings.caps.isEmpty)
        #expect(settings.parameters == .estimated(EstimationSettings(randomPairs: 5000, seed: 3)))
        #expect(configuration.truth == .idPattern("rec-(\\d+)-"))
        #expect(configuration.idColumn(for: "a.csv") == "rec_id" && configuration.idColumn(for: "b.csv") == "key")
        #expect(configuration.idColumn(for: "c.csv") == nil)
        #expect(configuration.attributes.map(\.column) == ["postcode", "address_1", "ssn", "state"])
    }

    @Test("defaults: the person fields' comparators, default blocking rules that fit the columns, the given-name cap")
    func defaults() throws {
        let configuration = try parse("id: id\ncolumns: { full_name: name, email: mail }").get()
        let settings = configuration.settings
        #expect(settings.comparators.map(\.name) == ["given_name", "surname", "email"])
        #expect(settings.blockingRules.map(\.name) == ["email"])
        #expect(settings.caps == DecisionCap.defaults)
        #expect(settings.linkType == .dedupeAndLink)
    }

    @Test("every mistake is one line naming the file, the line and the setting")
    func errors() {
        #expect(error("id: [") .hasPrefix("rules.yml: not valid YAML: line"))
        #expect(error("columns: { surname: last }") == "rules.yml line 1: 'id' is missing: name the column holding each record's id (per file if they differ)")
        #expect(error(Self.minimal + "\nblockng: [[surname]]").hasPrefix("rules.yml line 3: unknown key 'blockng' (expected one of: id, link_type"))
        #expect(error(Self.minimal + "\nblocking: [[surname, adress]]").hasPrefix("rules.yml line 3: blocking[1][2]: unknown blocking key 'adress' (keys: email"))
        #expect(error(Self.minimal + "\nblocking: [[email]]") == "rules.yml line 3: blocking[1][1]: blocking key 'email' needs the email column under 'columns'")
        #expect(error(Self.minimal + "\nlink_type: link") == "rules.yml line 3: link_type: 'link' is not a link type (dedupe_and_link or link_only)")
        #expect(error(Self.minimal + "\nthresholds: { accept: 1, review: 4 }") == "rules.yml line 3: thresholds: the thresholds must satisfy non_match <= review <= accept")
        #expect(error(Self.minimal + "\nattributes: { zip: { jaro_winkler: 2 } }").contains("attributes.zip.jaro_winkler: Jaro–Winkler thresholds must be in (0, 1], got 2.0"))
        #expect(error(Self.minimal + "\nattributes: { zip: { edit_distance: 4 } }").contains("edit distances must be 1, 2 or 3, got 4"))
        #expect(error(Self.minimal + "\nattributes: { zip: fuzzy }").contains("attributes.zip: expected exact, jaro_winkler, edit_distance, none"))
        #expect(error(Self.minimal + "\nattributes: { surname: exact }").contains("'surname' is the name of a person field"))
        #expect(error("id: id\ncolumns: { birth_date: dob, birth_date_format: yyyy-mm }").contains("'yyyy-mm' is not a date format"))
        #expect(error("id: id\ncolumns: { full_name: n, surname: s }").contains("give either full_name or given_name and surname, not both"))
        #expect(error("id: id") == "rules.yml line 1: nothing to compare: map some columns under 'columns' or declare 'attributes'")
        #expect(error(Self.minimal + "\ncaps: [{ field: given_name, level: nonsense, at_most: review }]").contains("'given_name' has no level 'nonsense'"))
        #expect(error(Self.minimal + "\ntruth: { id_pattern: 'rec-(' }").contains("is not a valid regular expression"))
        #expect(error(Self.minimal + "\nmodel: { prior: 0.001 }").contains("m and u are missing for 'given_name'"))
        // Too many levels for 32 bits: the matcher's own message, naming the comparators.
        let wide = (0..<12).map { "  a\($0): { jaro_winkler: [0.9, 0.8], edit_distance: [1, 2] }" }.joined(separator: "\n")
        #expect(error("id: id\nattributes:\n" + wide + "\nblocking: [[a0]]").contains("do not fit in 32 bits"))
        for message in [error("id: ["), error(Self.minimal + "\nblockng: 1")] { #expect(!message.contains("\n")) }
    }

    @Test("a fixed model replaces estimation")
    func fixedModel() throws {
        let yaml = """
            id: id
            attributes: { ssn: exact }
            blocking: [[ssn]]
            model:
              prior: 0.001
              ssn: { m: [0.95, 0.05], u: [0.001, 0.999] }
            """
        let configuration = try parse(yaml).get()
        guard case .fixed(let model) = configuration.settings.parameters else { Issue.record("not fixed"); return }
        #expect(model.randomMatchProbability == 0.001)
        #expect(abs(model.fields[0].weights[0] - log2(0.95 / 0.001)) < 1e-9)
        #expect(error("id: id\nattributes: { ssn: exact }\nblocking: [[ssn]]\nmodel: { ssn: { m: [0.9], u: [0.1, 0.9] } }")
            .contains("1 values for 2 levels (exact, else)"))
    }

    @Test("the index-based evaluation agrees with TruthEvaluation")
    func evaluation() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let count = Int.random(in: 1...60, using: &random)
            let clusters = (0..<count).map { _ in Int.random(in: 0..<12, using: &random) }
            let entities: [String?] = (0..<count).map { _ in Bool.random(using: &random) && Bool.random(using: &random) ? nil : "e\(Int.random(in: 0..<10, using: &random))" }
            let fast = ClusterEvaluation(clusterOfRecord: clusters, entity: entities)
            var keys: [RecordID: String?] = [:], truth: [RecordID: String] = [:]
            for index in 0..<count {
                let id = RecordID(sourceSystem: "f", sourceID: "\(index)")
                keys[id] = .some("k\(clusters[index])")
                if let entity = entities[index] { truth[id] = entity }
            }
            let reference = TruthEvaluation(keys: keys, truth: truth)
            #expect(fast.records == reference.records && fast.predictedPairs == reference.predictedPairs)
            #expect(fast.truePairs == reference.truePairs && fast.correctPairs == reference.correctPairs)
            #expect(fast.trueEntities == reference.truePeople && fast.clusters == reference.foundPeople)
            #expect(fast.exactClusters == reference.exactPeople && fast.mergingClusters == reference.mergedPeople)
            #expect(fast.splitEntities == reference.splitPeople)
        }
    }

    /// Writes `text` to a temporary file named `name` and returns its path.
    func file(_ name: String, _ text: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("two small files linked end to end: quoted fields, spaced separators, clusters written, truth measured")
    func endToEnd() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try file("a.csv", """
            rec_id, first, last, dob, suburb, ssn
            rec-1-org, michaela, neumann, 19151111, winston hills, 5304218
            rec-2-org, courtney, painter, 19161214, richlands, 4066625
            rec-3-org, charles, green, 19480930, dapto, 4365168
            "rec-4-org","vanessa","parr, jr",19951119,"south
            grafton",9239102
            """, in: folder)
        let b = try file("b.csv", """
            rec_id, first, last, dob, suburb, ssn
            rec-1-dup-0, michafla, neumann, 19151111, winstonbhills, 5304218
            rec-2-dup-0, courtney, painter, 19161214, richlands, 4066652
            rec-3-dup-0, charles, grene, 19480930, dapto, 4365168
            rec-9-dup-0, vanessa, parr, 19800101, dapto, 1111111
            """, in: folder)
        let yaml = Self.minimal + """

            link_type: link_only
            attributes: { suburb: { jaro_winkler: [0.9] }, ssn: { edit_distance: [1, 2] } }
            blocking: [[ssn], [given_name, surname], [birth_date]]
            caps: none
            model:
              prior: 0.2
              given_name: { m: [0.8, 0.05, 0.04, 0.04, 0.02, 0.05], u: [0.01, 0.01, 0.02, 0.01, 0.01, 0.94] }
              surname: { m: [0.8, 0.05, 0.04, 0.04, 0.02, 0.05], u: [0.01, 0.01, 0.02, 0.01, 0.01, 0.94] }
              birth_date: { m: [0.9, 0.02, 0.03, 0.02, 0.03], u: [0.001, 0.001, 0.01, 0.05, 0.938] }
              suburb: { m: [0.8, 0.1, 0.1], u: [0.01, 0.01, 0.98] }
              ssn: { m: [0.9, 0.05, 0.02, 0.03], u: [0.0001, 0.001, 0.01, 0.9889] }
            truth: { id_pattern: 'rec-(\\d+)-' }
            """
        let configuration = try FileMatchConfiguration(yaml: yaml, file: "rules.yml")
        let out = folder.appendingPathComponent("clusters.csv").path
        let summary = try FileResolution(configuration: configuration).run(inputs: [a, b], output: out)
        #expect(summary.records == 8)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "source,id,cluster_key" && lines.count == 9)
        var key: [String: String] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            key[fields[1]] = fields[2]
            #expect(fields[0] == (fields[1].contains("org") ? "a" : "b"))
        }
        #expect(key["rec-1-org"] == key["rec-1-dup-0"] && key["rec-2-org"] == key["rec-2-dup-0"] && key["rec-3-org"] == key["rec-3-dup-0"])
        #expect(key["rec-4-org"] != key["rec-9-dup-0"])
        let evaluation = try #require(summary.evaluation)
        #expect(evaluation.precision == 1 && evaluation.recall == 1 && evaluation.truePairs == 3)
        #expect(evaluation.trueEntities == 5 && evaluation.clusters == 5 && evaluation.exactClusters == 5)
    }

    @Test("input problems are refused in one line naming the file")
    func inputErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try parse(Self.minimal + "\nblocking: [[surname]]").get()
        func failure(_ inputs: [String], out: String? = nil) -> String {
            let output = out ?? folder.appendingPathComponent("out.csv").path
            do {
                _ = try FileResolution(configuration: configuration).run(inputs: inputs, output: output)
                return "no error"
            } catch {
                return error.description
            }
        }
        let missing = folder.appendingPathComponent("nowhere.csv").path
        #expect(failure([missing]) == "\(missing): no such file")
        #expect(failure([try file("empty.csv", "", in: folder)]) == "empty.csv: is empty (no header, no records)")
        #expect(failure([try file("header.csv", "rec_id,first,last,dob\n", in: folder)]) == "header.csv: has a header but no records")
        #expect(failure([try file("cols.csv", "rec_id,first,surname,dob\n1,a,b,c\n", in: folder)])
            == "cols.csv: no column 'last' (the header has: rec_id, first, surname, dob)")
        #expect(failure([try file("dup.csv", "rec_id,first,last,dob\n1,a,b,\n1,c,d,\n", in: folder)]) == "dup.csv line 3: id '1' appears twice")
        #expect(failure([try file("wide.csv", "rec_id,first,last,dob\n1,a,b,c,d\n", in: folder)])
            == "wide.csv line 2: 5 fields where the header has 4")
        #expect(failure([try file("quote.csv", "rec_id,first,last,dob\n1,a\"b,c,d\n", in: folder)]) == "quote.csv line 2: malformed CSV quoting")
        let good = try file("good.csv", "rec_id,first,last,dob\n1,a,b,19800101\n", in: folder)
        #expect(failure([good], out: folder.path) == "\(folder.path): is a folder; --out names the CSV file to write")
        #expect(failure([good, good]).contains("another input is also named 'good'"))
    }
}
