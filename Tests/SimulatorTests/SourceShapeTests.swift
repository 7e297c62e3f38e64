import Foundation
import Testing
@testable import Simulator

/// Each entity carries the field names and value formats of its source system's real API
/// (see shared/reference/source-apis.md); custom fields follow each system's naming rule.
@Suite("Source systems look like their real APIs")
struct SourceShapeTests {
    let bank: GeneratedBank

    init() throws { bank = try GeneratedBank.standard.get() }

    static let frappeStandard: Set = ["name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"]

    /// Fields of every record: all documented names present, and nothing but documented or custom fields.
    func expectFields(_ records: [[String: Any]], documented: Set<String>, customRule: (String) -> Bool,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!records.isEmpty, sourceLocation: sourceLocation)
        for record in records.prefix(200) {
            let keys = Set(record.keys)
            #expect(documented.isSubset(of: keys), "missing \(documented.subtracting(keys).sorted())", sourceLocation: sourceLocation)
            let unknown = keys.subtracting(documented).filter { !customRule($0) }
            #expect(unknown.isEmpty, "undocumented fields \(unknown.sorted())", sourceLocation: sourceLocation)
        }
    }

    @Test func erpnextCustomerItemTerritory() throws {
        expectFields(try bank.records("erpnext", "customer"), documented: Self.frappeStandard.union([
            "naming_series", "customer_name", "customer_type", "customer_group", "territory", "gender", "mobile_no", "email_id",
            "customer_primary_contact", "default_currency", "language", "disabled", "is_frozen",
        ]), customRule: { $0.hasPrefix("custom_") })
        expectFields(try bank.records("erpnext", "item"), documented: Self.frappeStandard.union([
            "item_code", "item_name", "item_group", "stock_uom", "description", "is_stock_item", "is_sales_item", "is_purchase_item",
            "has_variants", "valuation_rate", "disabled",
        ]), customRule: { $0.hasPrefix("custom_") })
        expectFields(try bank.records("erpnext", "territory"), documented: Self.frappeStandard.union([
            "territory_name", "parent_territory", "is_group", "territory_manager", "lft", "rgt", "old_parent",
        ]), customRule: { _ in false })

        let customers = try bank.records("erpnext", "customer")
        let namePattern = try Regex(#"^CUST-20\d\d-\d{5,}$"#)
        let stampPattern = try Regex(#"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$"#)
        for customer in customers {
            #expect((customer["name"] as? String)?.wholeMatch(of: namePattern) != nil)
            #expect((customer["creation"] as? String)?.wholeMatch(of: stampPattern) != nil)
            #expect((customer["modified"] as? String ?? "") >= (customer["creation"] as? String ?? ""))
            #expect([0, 1].contains(customer["disabled"] as? Int))
        }
        #expect(try bank.records("erpnext", "item").count == 10)
        let territories = try bank.records("erpnext", "territory")
        let leaves = territories.filter { ($0["is_group"] as? Int) == 0 && ($0["name"] as? String) != "Rest Of The World" }
        #expect(leaves.count == 10)
        #expect(territories.contains { ($0["name"] as? String) == "All Territories" && ($0["is_group"] as? Int) == 1 })
        // A nested set: every child lies inside its parent's lft/rgt interval.
        let byName = Dictionary(uniqueKeysWithValues: territories.map { ($0["name"] as? String ?? "", $0) })
        for territory in territories where !(territory["parent_territory"] as? String ?? "").isEmpty {
            let parent = try #require(byName[territory["parent_territory"] as? String ?? ""])
            #expect((parent["lft"] as? Int ?? 0) < (territory["lft"] as? Int ?? 0))
            #expect((territory["rgt"] as? Int ?? 0) < (parent["rgt"] as? Int ?? 0))
        }
    }

    @Test func erpnextSalesInvoicesCarryTheirItemRows() throws {
        let invoices = try bank.records("erpnext", "sales_invoice")
        expectFields(invoices, documented: Self.frappeStandard.union([
            "naming_series", "customer", "customer_name", "company", "posting_date", "posting_time", "due_date", "currency",
            "conversion_rate", "territory", "customer_group", "total_qty", "total", "net_total", "total_taxes_and_charges",
            "grand_total", "rounded_total", "outstanding_amount", "status", "is_return", "return_against", "contact_email", "remarks", "items",
        ]), customRule: { $0.hasPrefix("custom_") })
        let customers = Set(try bank.records("erpnext", "customer").compactMap { $0["name"] as? String })
        let products = Set(Product.all.map(\.code))
        let childFields = Self.frappeStandard.union(["parent", "parentfield", "parenttype", "doctype", "item_code", "item_name", "qty",
                                                     "rate", "amount", "uom", "item_group"])
        for invoice in invoices {
            let items = try #require(invoice["items"] as? [[String: Any]])
            #expect(!items.isEmpty)
            #expect(customers.contains(invoice["customer"] as? String ?? ""))
            for (position, item) in items.enumerated() {
                #expect(childFields.isSubset(of: Set(item.keys)))
                #expect(item["parent"] as? String == invoice["name"] as? String)
                #expect(item["idx"] as? Int == position + 1)
                #expect(item["parenttype"] as? String == "Sales Invoice" && item["parentfield"] as? String == "items")
                #expect(products.contains(item["item_code"] as? String ?? ""))
            }
            let total = items.reduce(0.0) { $0 + (($1["amount"] as? NSNumber)?.doubleValue ?? 0) }
            #expect(abs(total - ((invoice["grand_total"] as? NSNumber)?.doubleValue ?? .nan)) < 0.005)
            #expect((invoice["is_return"] as? Int == 1) == (total < 0))
        }
        let dates = invoices.compactMap { $0["posting_date"] as? String }
        #expect(dates.min()?.hasPrefix("2023-01") == true)
        #expect(dates.max()?.hasPrefix("2026-01") == true)
        // The item rows CSV has one line per child row.
        #expect(try bank.csv("erpnext/sales_invoice_item.csv").count == invoices.reduce(0) { $0 + (($1["items"] as? [Any])?.count ?? 0) })
    }

    @Test func salesforceRecordsHaveAttributesIdsAndDatetimes() throws {
        let standard: Set = ["attributes", "Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp"]
        let isCustom: (String) -> Bool = { $0.hasSuffix("__c") }
        expectFields(try bank.records("salesforce", "contact"), documented: standard.union([
            "FirstName", "LastName", "Name", "Salutation", "Email", "Phone", "MobilePhone", "Birthdate", "MailingStreet", "MailingCity",
            "MailingState", "MailingPostalCode", "MailingCountry", "AccountId", "OwnerId", "LeadSource",
        ]), customRule: isCustom)
        expectFields(try bank.records("salesforce", "case"), documented: standard.union([
            "CaseNumber", "ContactId", "AccountId", "SuppliedName", "SuppliedEmail", "Type", "Reason", "Origin", "Status", "Priority",
            "Subject", "Description", "IsClosed", "ClosedDate", "IsEscalated", "OwnerId",
        ]), customRule: isCustom)
        expectFields(try bank.records("salesforce", "task"), documented: standard.union([
            "WhoId", "WhatId", "Subject", "ActivityDate", "Status", "Priority", "Type", "TaskSubtype", "Description", "IsClosed",
            "CompletedDateTime", "OwnerId",
        ]), customRule: isCustom)

        let datetime = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$"#)
        for (entity, type, prefix) in [("contact", "Contact", "003"), ("case", "Case", "500"), ("task", "Task", "00T")] {
            let object = try #require(try bank.json("salesforce", entity) as? [String: Any])
            let records = try #require(object["records"] as? [[String: Any]])
            #expect(object["totalSize"] as? Int == records.count)
            #expect(object["done"] as? Bool == true)
            for record in records {
                let id = try #require(record["Id"] as? String)
                #expect(id.count == 18 && id.hasPrefix(prefix))
                #expect(String(id.suffix(3)) == SalesforceIDs.checksum(String(id.prefix(15))))
                let attributes = try #require(record["attributes"] as? [String: String])
                #expect(attributes["type"] == type)
                #expect(attributes["url"] == "/services/data/v59.0/sobjects/\(type)/\(id)")
                for field in ["CreatedDate", "LastModifiedDate", "SystemModstamp"] {
                    #expect((record[field] as? String)?.wholeMatch(of: datetime) != nil)
                }
            }
        }
        // Every case and task points at a contact that exists.
        let contactIDs = Set(try bank.records("salesforce", "contact").compactMap { $0["Id"] as? String })
        #expect(try bank.records("salesforce", "case").allSatisfy { contactIDs.contains($0["ContactId"] as? String ?? "") })
        #expect(try bank.records("salesforce", "task").allSatisfy { contactIDs.contains($0["WhoId"] as? String ?? "") })
    }

    @Test func supabaseRowsHaveTheSeedSchemaColumns() throws {
        let uuid = try Regex(#"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#)
        let timestamp = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$"#)
        let sessions = try bank.records("supabase", "app_sessions")
        let events = try bank.records("supabase", "app_events")
        #expect(Set(sessions[0].keys) == ["id", "user_id", "user_email", "session_start", "session_end", "device_type", "platform", "app_version", "created_at"])
        #expect(Set(events[0].keys) == ["id", "session_id", "user_id", "user_email", "event_type", "event_timestamp", "event_data", "created_at"])
        var sessionIDs = Set<String>()
        for session in sessions {
            let id = try #require(session["id"] as? String)
            #expect(id.wholeMatch(of: uuid) != nil && (session["user_id"] as? String)?.wholeMatch(of: uuid) != nil)
            let start = try #require(session["session_start"] as? String), end = try #require(session["session_end"] as? String)
            #expect(start.wholeMatch(of: timestamp) != nil && end.wholeMatch(of: timestamp) != nil && start < end)
            #expect(["ios", "android"].contains(session["platform"] as? String ?? ""))
            sessionIDs.insert(id)
        }
        #expect(sessionIDs.count == sessions.count)
        for event in events.prefix(5000) {
            #expect(sessionIDs.contains(event["session_id"] as? String ?? ""))
            #expect((event["event_timestamp"] as? String)?.wholeMatch(of: timestamp) != nil)
            #expect(event["event_data"] is [String: Any], "event_data is a JSON object, as a jsonb column returns it")
        }
    }

    @Test func sheetsAreRaggedRowsOfStringsUnderAHeader() throws {
        let branches = try bank.sheet("branches")
        #expect(branches.header == ["Branch Code", "Branch Name", "Region", "Branch Manager", "Phone", "Address", "Opened"])
        #expect(branches.rows.map { $0[0] } == (1...10).map { "BR" + String(format: "%03d", $0) })
        #expect(branches.range == "'Branches'!A1:G11")
        let notes = try bank.sheet("customer_notes")
        #expect(notes.header == ["Date", "Branch", "Customer", "Email", "Phone", "Relationship Manager", "Note", "Follow Up"])
        #expect(notes.rows.contains { $0.count < notes.header.count }, "trailing empty cells are omitted, as the API omits them")
        #expect(notes.rows.allSatisfy { $0.count <= notes.header.count && $0.last != "" })
        #expect(notes.range == "'Customer Notes'!A1:H\(notes.rows.count + 1)")
        let campaigns = try bank.sheet("campaigns")
        #expect(campaigns.header.first == "Campaign ID" && campaigns.rows.count >= 20)
        // The CSV export pads rows to the header's width.
        #expect(try bank.csv("sheets/customer_notes.csv").count == notes.rows.count)
    }

    @Test func noSourceCarriesASegmentOrChurnColumn() throws {
        for (system, entity) in [("erpnext", "customer"), ("erpnext", "sales_invoice"), ("salesforce", "contact"), ("salesforce", "case"),
                                 ("salesforce", "task"), ("supabase", "app_sessions"), ("supabase", "app_events")] {
            let header = try String(contentsOf: bank.directory.appendingPathComponent("\(system)/\(entity).csv"), encoding: .utf8)
                .prefix { $0 != "\n" }.lowercased()
            #expect(!header.contains("churn") && !header.contains("segment") && !header.contains("risk"), "\(system)/\(entity)")
        }
        for sheet in ["branches", "customer_notes"] {
            #expect(try !bank.sheet(sheet).header.contains { $0.lowercased().contains("churn") || $0.lowercased().contains("risk") })
        }
    }
}
