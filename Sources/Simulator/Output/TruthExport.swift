/// The answer key beside the data: which real person is behind every source record, and who churned.
/// No pipeline step reads it; tests and evaluations compare against it.
final class TruthExport {
    private let records: ByteSink
    private let people: ByteSink
    private(set) var recordCount = 0

    /// Opens `truth/source_records.csv` and `truth/people.csv` under `directory`.
    init(directory: String) throws(SimulatorError) {
        records = try ByteSink(path: "\(directory)/source_records.csv")
        people = try ByteSink(path: "\(directory)/people.csv")
        records.write("source_system,entity,source_id,person_id,duplicate_of\n")
        people.write("person_id,given_name,surname,suffix,email,phone,birth_date,home_branch,customer_group,customer_since,segment,decline_start,churn_date\n")
    }

    /// Records that `sourceID` in `entity` of `system` belongs to `person`; `duplicateOf` names
    /// the record it repeats (a complaint filed twice, a contact entered twice).
    func record(_ system: String, _ entity: String, _ sourceID: String, _ person: Person, duplicateOf: String? = nil) {
        records.write { CSVText.appendLine([system, entity, sourceID, person.id, duplicateOf ?? ""], to: &$0) }
        recordCount += 1
    }

    /// Records the person's true identity and fate.
    func person(_ person: Person) {
        people.write { CSVText.appendLine([
            person.id, person.givenName, person.surname, person.suffix ?? "", person.email, person.phoneE164,
            person.birthDate.iso, Branch.all[person.homeBranch].code, person.customerGroup, person.customerSince.iso,
            person.segment.rawValue, person.declineStart?.iso ?? "", person.churnDate?.iso ?? "",
        ], to: &$0) }
    }

    /// Closes both files.
    func close() throws(SimulatorError) {
        try records.close()
        try people.close()
    }
}
