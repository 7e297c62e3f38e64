import Access
import ChurnForecast
import ChurnModel
import Foundation
import Warehouse

/// `tenure report`: the executive pages as one self-contained HTML file (styles inside, charts
/// as inline SVG, nothing fetched), to e-mail or archive, and the at-risk list as CSV.
public struct ExecutiveReport: Sendable {
    /// What was written.
    public struct Written: Sendable {
        /// The HTML report and the CSV list.
        public let html: URL, csv: URL
        /// Customers in the CSV.
        public let customers: Int
    }

    let warehouse: any SQLExecutor

    /// A report of `warehouse`.
    public init(_ warehouse: any SQLExecutor) { self.warehouse = warehouse }

    /// Writes `tenure-report.html` and `at-risk.csv` into `directory`; e-mail addresses and
    /// phone numbers are masked unless `includePII`.
    public func write(to directory: URL, includePII: Bool = false) async throws -> Written {
        let reader = Viewer(username: "report", capabilities: includePII ? .admin : .analyst, csrfToken: "")
        let queries = DashboardQueries(warehouse)
        let overview = try await queries.overview()
        let overviewPage = OverviewPage(overview: overview, trends: try await queries.trends(by: .segment), offersSplits: false)
        var everyone = AtRiskList.Filter()
        everyone.limit = nil
        let entries = try await AtRiskList(warehouse).entries(everyone)
        var body = overviewPage.page(for: reader).body
        for breakdown in [DashboardQueries.Breakdown.region, .product] {
            body += OverviewPage.monthlyCharts(try await queries.trends(by: breakdown))
        }
        if let champion = try await ModelRegistry(warehouse).champion(), let figures = champion.figures {
            body += "<h2>The churn model, out of time</h2><pre>\(e(ClassificationMetrics.table([("XGBoost", figures.xgboost), ("logistic", figures.logistic), ("bank rule", figures.rule)])))</pre>"
        }
        let high = entries.filter { $0.tier == "HIGH" }.prefix(50)
        body += "<h2>The 50 riskiest customers</h2>" + table(["Customer", "Branch", "Probability", "Reasons", "Action"], high.map {
            [e($0.name ?? $0.customerKey), e($0.branch ?? "—"), String(format: "%.1f%%", $0.probability * 100), $0.reasons.map(e).joined(separator: "<br>"), e($0.action)]
        })
        var page = Page(title: "Churn report, as of \(overview.asOf ?? "—")", viewer: nil, body: body)
        page.standalone = true
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let html = directory.appendingPathComponent("tenure-report.html"), csv = directory.appendingPathComponent("at-risk.csv")
            try Data(page.html.utf8).write(to: html, options: .atomic)
            try Data(AtRiskPage.csv(entries, for: reader).utf8).write(to: csv, options: .atomic)
            return Written(html: html, csv: csv, customers: entries.count)
        } catch {
            throw DashboardError("cannot write the report into \(directory.path): \(error.localizedDescription)")
        }
    }
}
