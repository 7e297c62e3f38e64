/// One of the bank's four operational systems that Tenure extracts from.
public enum SourceSystem: String, CaseIterable, Sendable, Codable {
    case erpnext
    case salesforce
    case supabase
    case sheets

    /// The name people use for the system in prose and reports.
    public var displayName: String {
        switch self {
        case .erpnext: "ERPNext"
        case .salesforce: "Salesforce"
        case .supabase: "Supabase"
        case .sheets: "Google Sheets"
        }
    }

    /// The prefix of this system's tables in the bronze layer (`erp_customers`, `sf_cases`…).
    public var tablePrefix: String {
        switch self {
        case .erpnext: "erp"
        case .salesforce: "sf"
        case .supabase: "sb"
        case .sheets: "gs"
        }
    }
}
