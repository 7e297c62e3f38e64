import Resolution
import Warehouse

/// The bank's customer-identifying records, read from the silver staging models as matching
/// sees them: ERPNext customers, Salesforce contacts, app accounts and relationship managers'
/// notes, each a ``Record`` named by its system and id.
public struct BankRecords: Sendable, Equatable {
    /// The kind of record each system holds, in the order records are read.
    public static let entities: [(system: String, entity: String)] = [
        ("erpnext", "customer"), ("salesforce", "contact"), ("supabase", "app_user"), ("sheets", "customer_note"),
    ]

    /// The staging models the records come from: the models `customer_xref` depends on.
    public static let models = ["stg_erp_customers", "stg_sf_contacts", "stg_app_users", "stg_customer_notes"]

    /// The attribute holding a record's branch: an ERPNext customer's, or the branch a note was written at.
    public static let branch = "branch"

    /// The attribute holding a person's gender, as ERPNext records it, the CRM's salutation or a note's title says.
    public static let gender = "gender"

    /// Every record, ERPNext first, then by id within each system.
    public let records: [Record]
    /// CRM contacts' core-banking ids: the ERPNext customer the CRM says a contact is.
    public let coreBankingLinks: [RecordPair]

    /// The entity of `system` (`customer` for `erpnext`).
    public static func entity(of system: String) -> String {
        entities.first { $0.system == system }?.entity ?? system
    }

    /// Reads the records from the staging models, `relation` giving each model's table.
    public static func read(from warehouse: any SQLExecutor, relation: (String) -> String) async throws -> BankRecords {
        var records: [Record] = []
        var links: [RecordPair] = []
        func person(_ system: String, _ row: Row, id: String, name: String?) -> Record {
            Record(sourceSystem: system, sourceID: id, name: name, email: row.string("email"), phone: row.string("phone"),
                   birthDate: row.string("birth_date"))
        }
        for row in try await warehouse.query("""
            SELECT erp_customer_id AS id, full_name, email, phone, birth_date, branch_code, gender FROM \(relation("stg_erp_customers"))
            ORDER BY erp_customer_id
            """) {
            guard let id = row.string("id") else { continue }
            var customer = person("erpnext", row, id: id, name: row.string("full_name"))
            customer.setAttribute(Self.branch, text: row.string("branch_code"))
            customer.setAttribute(Self.gender, text: row.string("gender"))
            records.append(customer)
        }
        let customers = Set(records.map(\.id.sourceID))
        for row in try await warehouse.query("""
            SELECT sf_contact_id AS id, full_name, email, phone, birth_date, gender, core_banking_id FROM \(relation("stg_sf_contacts")) ORDER BY sf_contact_id
            """) {
            guard let id = row.string("id") else { continue }
            var contact = person("salesforce", row, id: id, name: row.string("full_name"))
            contact.setAttribute(Self.gender, text: row.string("gender"))
            records.append(contact)
            // A core-banking id naming no customer (a typo, a customer not yet created) links nothing.
            if let customer = row.string("core_banking_id"), customers.contains(customer) {
                links.append(RecordPair(contact.id, RecordID(sourceSystem: "erpnext", sourceID: customer)))
            }
        }
        for row in try await warehouse.query("SELECT app_user_id AS id, email FROM \(relation("stg_app_users")) ORDER BY app_user_id") {
            guard let id = row.string("id") else { continue }
            records.append(Record(sourceSystem: "supabase", sourceID: id, email: row.string("email")))
        }
        for row in try await warehouse.query("""
            SELECT CAST(note_id AS TEXT) AS id, customer_name, customer_gender, email, phone, branch_code FROM \(relation("stg_customer_notes"))
            ORDER BY note_id
            """) {
            guard let id = row.string("id") else { continue }
            records.append(Record(sourceSystem: "sheets", sourceID: id, name: row.string("customer_name"), email: row.string("email"),
                                  phone: row.string("phone"), attributes: [Self.branch: row.string("branch_code"), Self.gender: row.string("customer_gender")]))
        }
        return BankRecords(records: records, coreBankingLinks: links)
    }
}
