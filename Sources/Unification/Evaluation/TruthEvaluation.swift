import Foundation
import Resolution
import TenureCore

/// How well a clustering of the bank's records matches the simulated bank's truth: pairwise
/// precision, recall and F1 (over every pair of records, are the two the same person?), and
/// the clusters found against the people there are.
public struct TruthEvaluation: Sendable, Hashable {
    /// One system's share of the result.
    public struct SystemFigures: Sendable, Hashable {
        /// The system.
        public let system: String
        /// Its records with a known true person.
        public let records: Int
        /// Of those, records left without a person.
        public let unmatched: Int
        /// Of those with a person, records whose person is mostly someone else's records.
        public let misplaced: Int
    }

    /// Records evaluated (those the truth names a person for).
    public let records: Int
    /// Pairs of records predicted to be one person.
    public let predictedPairs: Int
    /// Pairs of records that truly are one person.
    public let truePairs: Int
    /// Pairs both predicted and true.
    public let correctPairs: Int
    /// Real people among the evaluated records.
    public let truePeople: Int
    /// People found (distinct keys; unmatched records are not people).
    public let foundPeople: Int
    /// People found whose records are exactly one real person's.
    public let exactPeople: Int
    /// People found holding records of more than one real person.
    public let mergedPeople: Int
    /// Real people whose records are spread over more than one person found, or partly unmatched.
    public let splitPeople: Int
    /// Per system.
    public let systems: [SystemFigures]

    /// correct / predicted pairs (1 when nothing was predicted).
    public var precision: Double { predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs) }
    /// correct / true pairs (1 when there are none).
    public var recall: Double { truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs) }
    /// The harmonic mean of precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Compares `keys` (each record's person, nil when unmatched) with `truth` (each record's
    /// real person); records the truth does not know are left out.
    public init(keys: [RecordID: String?], truth: [RecordID: String]) {
        var cells: [Pair: Int] = [:], byKey: [String: Int] = [:], byPerson: [String: Int] = [:]
        var figures: [String: (records: Int, unmatched: Int, misplaced: Int)] = [:]
        var evaluated: [(RecordID, String?, String)] = []
        for (id, key) in keys {
            guard let person = truth[id] else { continue }
            evaluated.append((id, key, person))
            // An unmatched record is a person of its own as far as pairs go.
            let cluster = key ?? "\u{0}\(id)"
            cells[Pair(cluster: cluster, person: person), default: 0] += 1
            byKey[cluster, default: 0] += 1
            byPerson[person, default: 0] += 1
        }
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        records = evaluated.count
        predictedPairs = byKey.values.reduce(0) { $0 + pairs($1) }
        truePairs = byPerson.values.reduce(0) { $0 + pairs($1) }
        correctPairs = cells.values.reduce(0) { $0 + pairs($1) }
        truePeople = byPerson.count

        var peopleOfKey: [String: Set<String>] = [:], keysOfPerson: [String: Set<String>] = [:]
        var majority: [String: (person: String, count: Int)] = [:]
        for (cell, count) in cells {
            keysOfPerson[cell.person, default: []].insert(cell.cluster)
            guard !cell.cluster.hasPrefix("\u{0}") else { continue }
            peopleOfKey[cell.cluster, default: []].insert(cell.person)
            if count > majority[cell.cluster]?.count ?? 0 || (count == majority[cell.cluster]?.count && cell.person < majority[cell.cluster]!.person) {
                majority[cell.cluster] = (cell.person, count)
            }
        }
        foundPeople = peopleOfKey.count
        mergedPeople = peopleOfKey.values.filter { $0.count > 1 }.count
        exactPeople = peopleOfKey.filter { key, people in
            people.count == 1 && keysOfPerson[people.first!] == [key]
        }.count
        splitPeople = keysOfPerson.values.filter { $0.count > 1 }.count
        for (id, key, person) in evaluated {
            var entry = figures[id.sourceSystem, default: (0, 0, 0)]
            entry.records += 1
            if let key { if majority[key]?.person != person { entry.misplaced += 1 } } else { entry.unmatched += 1 }
            figures[id.sourceSystem] = entry
        }
        systems = figures.keys.sorted().map { system in
            let entry = figures[system]!
            return SystemFigures(system: system, records: entry.records, unmatched: entry.unmatched, misplaced: entry.misplaced)
        }
    }

    private struct Pair: Hashable {
        let cluster: String
        let person: String
    }

    /// Each customer-identifying record's true person, from a generated bank's
    /// `truth/source_records.csv` (read line by line: the file also lists every app event).
    public static func truth(in bankDirectory: URL) throws -> [RecordID: String] {
        let file = bankDirectory.appendingPathComponent("truth/source_records.csv")
        guard let handle = fopen(file.path, "r") else {
            throw UnificationError("cannot read \(file.path): is \(bankDirectory.path) a bank made by `tenure generate`?")
        }
        defer { fclose(handle) }
        // The truth's entity names; other lines (millions of app events) are skipped by prefix, unparsed.
        let wanted = ["erpnext,customer,", "salesforce,contact,", "supabase,app_user,", "sheets,customer_notes,"]
        var owners: [RecordID: String] = [:]
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, handle) > 0, let line {
            guard wanted.contains(where: { strncmp(line, $0, $0.utf8.count) == 0 }) else { continue }
            let text = String(cString: line)
            guard let fields = CSVFields.parse(Array(text.utf8.prefix { $0 != 0x0A && $0 != 0x0D })), fields.count >= 4 else { continue }
            let value = { (index: Int) in String(decoding: fields[index], as: UTF8.self) }
            owners[RecordID(sourceSystem: value(0), sourceID: value(2))] = value(3)
        }
        guard !owners.isEmpty else { throw UnificationError("\(file.path) names no customer-identifying records") }
        return owners
    }
}
