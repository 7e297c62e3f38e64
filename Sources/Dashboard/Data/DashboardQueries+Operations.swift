import Foundation
import Warehouse

extension DashboardQueries {
    /// The sheets' local campaigns, newest first.
    public func campaigns(limit: Int = 100) async throws -> [[String]] {
        guard try await warehouse.tableExists(TableName(.silver, "fct_campaigns")) else { return [] }
        return try await warehouse.query("SELECT * FROM silver.fct_campaigns ORDER BY start_date DESC, campaign_id").prefix(limit).map { row in
            ["campaign_name", "branch_code", "start_date", "end_date", "target_segment", "customers_targeted", "responses"].map {
                row.string($0) ?? row.double($0).map { String(Int($0)) } ?? ""
            }
        }
    }
}
