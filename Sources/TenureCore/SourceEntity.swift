/// One kind of record a source system holds, and where it lands in bronze.
public struct SourceEntity: Hashable, Sendable, CustomStringConvertible {
    /// The system that owns the records.
    public let system: SourceSystem
    /// The entity's name in exports and on the command line: `customer`, `app_sessions`, `customer_notes`.
    public let name: String
    /// The entity's name in the system's API: a DocType, an sObject, a table, a sheet title.
    public let apiName: String
    /// The bronze table the records land in, without the schema: `erp_customers`.
    public let bronzeTable: String
    /// The field that identifies a record in its system (a sheet row's key is its row number).
    public let keyField: String
    /// The field that moves forward when a record changes, for incremental extraction.
    public let changeField: String?
    /// A child table carried inside each record (ERPNext's invoice `items`), landed in its own table.
    public let child: Child?

    /// Child rows nested in a parent record's field.
    public struct Child: Hashable, Sendable {
        /// The parent's field holding the rows.
        public let field: String
        /// The export name of the child rows when they come as their own file.
        public let name: String
        /// The bronze table of the child rows.
        public let bronzeTable: String
        /// The field identifying a child row.
        public let keyField: String
    }

    /// The key field of a sheet row: its 1-based row number in the sheet (the header is row 1).
    public static let sheetRowField = "_sheet_row"

    public var description: String { "\(system.rawValue)/\(name)" }

    /// Every entity Tenure extracts, in landing order (reference data first).
    public static let all: [SourceEntity] = [
        SourceEntity(system: .erpnext, name: "territory", apiName: "Territory", bronzeTable: "erp_territories", keyField: "name", changeField: "modified", child: nil),
        SourceEntity(system: .erpnext, name: "item", apiName: "Item", bronzeTable: "erp_items", keyField: "name", changeField: "modified", child: nil),
        SourceEntity(system: .erpnext, name: "customer", apiName: "Customer", bronzeTable: "erp_customers", keyField: "name", changeField: "modified", child: nil),
        SourceEntity(system: .erpnext, name: "sales_invoice", apiName: "Sales Invoice", bronzeTable: "erp_sales_invoices", keyField: "name", changeField: "modified",
                     child: Child(field: "items", name: "sales_invoice_item", bronzeTable: "erp_sales_invoice_items", keyField: "name")),
        SourceEntity(system: .salesforce, name: "contact", apiName: "Contact", bronzeTable: "sf_contacts", keyField: "Id", changeField: "SystemModstamp", child: nil),
        SourceEntity(system: .salesforce, name: "case", apiName: "Case", bronzeTable: "sf_cases", keyField: "Id", changeField: "SystemModstamp", child: nil),
        SourceEntity(system: .salesforce, name: "task", apiName: "Task", bronzeTable: "sf_tasks", keyField: "Id", changeField: "SystemModstamp", child: nil),
        SourceEntity(system: .supabase, name: "app_sessions", apiName: "app_sessions", bronzeTable: "sb_app_sessions", keyField: "id", changeField: "created_at", child: nil),
        SourceEntity(system: .supabase, name: "app_events", apiName: "app_events", bronzeTable: "sb_app_events", keyField: "id", changeField: "created_at", child: nil),
        SourceEntity(system: .sheets, name: "branches", apiName: "Branches", bronzeTable: "gs_branches", keyField: sheetRowField, changeField: nil, child: nil),
        SourceEntity(system: .sheets, name: "customer_notes", apiName: "Customer Notes", bronzeTable: "gs_customer_notes", keyField: sheetRowField, changeField: nil, child: nil),
        SourceEntity(system: .sheets, name: "campaigns", apiName: "Local Campaigns", bronzeTable: "gs_campaigns", keyField: sheetRowField, changeField: nil, child: nil),
    ]

    /// The entities of one system.
    public static func of(_ system: SourceSystem) -> [SourceEntity] { all.filter { $0.system == system } }
}
