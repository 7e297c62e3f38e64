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

    /// The latest run's data test results, failures first.
    public func latestTests() async throws -> [[String]] {
        let results = TableName(.ops, "test_results")
        guard try await warehouse.tableExists(results) else { return [] }
        return try await warehouse.query("""
            SELECT model, test_name, severity, status, failures FROM \(results.sql)
            WHERE run_id = (SELECT MAX(run_id) FROM \(results.sql))
            ORDER BY CASE status WHEN 'pass' THEN 1 ELSE 0 END, model, test_name
            """).map { row in
            [row.string("model") ?? "", row.string("test_name") ?? "", row.string("severity") ?? "", row.string("status") ?? "",
             row.int("failures").map(String.init) ?? ""]
        }
    }
}
