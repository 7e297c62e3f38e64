import Foundation
import Charts

/// The executive overview: headline figures, churn by month, risk by segment, region and branch.
struct OverviewPage {
    let overview: DashboardQueries.Overview
    let churnBySegment: [(month: String, group: String, churned: Int)]
    let riskByBranch: [(group: String, high: Int, medium: Int)]
    let riskBySegment: [(group: String, high: Int, medium: Int)]

    func page(for viewer: Viewer) -> Page {
        let cards: [(String, String)] = [
            ("Active customers", Format.count(overview.activeCustomers)),
            ("Churn, last 12 months", "\(Format.count(overview.churnedLastYear)) (\(Format.percent(overview.churnRateLastYear)))"),
            ("At risk (HIGH)", Format.count(overview.highRisk)),
            ("Watch (MEDIUM)", Format.count(overview.mediumRisk)),
            ("Balance at risk", Format.money(overview.balanceAtRisk)),
            ("Model", overview.modelVersion.map { "\($0), AUC \(String(format: "%.3f", overview.modelAUC ?? .nan))" } ?? "not trained yet"),
        ]
        var body = "<p>Scored as of \(e(overview.asOf ?? "—")).</p><div class=\"cards\">"
        body += cards.map { "<div class=\"card\">\(e($0.0))<b>\(e($0.1))</b></div>" }.joined() + "</div>"

        let months = Array(Set(churnBySegment.map(\.month))).sorted()
        let groups = Array(Set(churnBySegment.map(\.group))).sorted()
        let series = groups.map { group in
            Series(group, months.map { month in Double(churnBySegment.first { $0.month == month && $0.group == group }?.churned ?? 0) })
        }
        body += Chart(.stackedBar, ChartData(title: "Customers who left, by month and segment", categoryName: "Month", categories: months, series: series)).html
        body += Chart(.horizontalBar, ChartData(title: "HIGH-risk customers by branch", categoryName: "Branch", categories: riskByBranch.map(\.group),
                                                series: [Series("HIGH", riskByBranch.map { Double($0.high) })])).html
        body += Chart(.bar, ChartData(title: "Customers at risk by segment", categoryName: "Segment", categories: riskBySegment.map(\.group),
                                      series: [Series("HIGH", riskBySegment.map { Double($0.high) }),
                                               Series("MEDIUM", riskBySegment.map { Double($0.medium) })])).html
        body += "<h2>Data freshness</h2>" + table(["Source", "Last loaded", "Rows landed"], overview.freshness.map {
            [e($0.source), e($0.lastLoadedAt ?? "never"), e(Format.count($0.rows))]
        })
        return Page(title: "Overview", viewer: viewer, body: body)
    }
}

/// The retention workbench's list.
struct AtRiskPage {
    let entries: [AtRiskList.Entry]
    let filter: AtRiskList.Filter
    let branches: [String]
    let actions: [String]

    func page(for viewer: Viewer) -> Page {
        func option(_ value: String, _ label: String, selected: Bool) -> String {
            "<option value=\"\(e(value))\"\(selected ? " selected" : "")>\(e(label))</option>"
        }
        let tier = filter.tiers == ["HIGH", "MEDIUM"] ? "" : filter.tiers.joined(separator: ",")
        var body = "<form class=\"filters\" method=\"get\" action=\"/at-risk\">"
        body += "<label>Tier <select name=\"tier\">" + [("", "HIGH and MEDIUM"), ("HIGH", "HIGH"), ("MEDIUM", "MEDIUM"), ("LOW", "LOW"), ("ALL", "all")]
            .map { option($0.0, $0.1, selected: $0.0 == tier) }.joined() + "</select></label>"
        body += "<label>Branch <select name=\"branch\">" + option("", "all", selected: filter.branch == nil)
            + branches.map { option($0, $0, selected: $0 == filter.branch) }.joined() + "</select></label>"
        body += "<label>Action <select name=\"action\">" + option("", "all", selected: filter.action == nil)
            + actions.map { option($0, $0, selected: $0 == filter.action) }.joined() + "</select></label>"
        body += "<label>Sort <select name=\"sort\">" + AtRiskList.SortKey.allCases
            .map { option($0.rawValue, $0.rawValue, selected: $0 == filter.sort) }.joined() + "</select></label>"
        body += "<button>Show</button></form>"
        body += "<p>\(entries.count) customers. <a href=\"/at-risk.csv?\(e(queryString))\">Download CSV</a></p>"
        let rows = entries.map { entry -> [String] in
            [
                "<a href=\"/customers/\(e(entry.customerKey))\">\(e(entry.name ?? entry.customerKey))</a>",
                e(viewer.mask(email: entry.email) ?? "—"), e(viewer.mask(phone: entry.phone) ?? "—"),
                e(entry.branch ?? "—"), String(format: "%.1f%%", entry.probability * 100),
                "<span class=\"\(e(entry.tier))\">\(e(entry.tier))</span>", entry.reasons.map(e).joined(separator: "<br>"),
                e(entry.action), e(entry.owner ?? "—"), e(entry.outreach ?? "—"),
            ]
        }
        body += table(["Customer", "E-mail", "Phone", "Branch", "Probability", "Tier", "Reasons", "Action", "Owner", "Outreach"], rows)
        return Page(title: "At-risk customers", viewer: viewer, body: body)
    }

    var queryString: String {
        var pairs: [(String, String)] = [("tier", filter.tiers.joined(separator: ",")), ("sort", filter.sort.rawValue), ("dir", filter.descending ? "desc" : "asc")]
        if let branch = filter.branch { pairs.append(("branch", branch)) }
        if let action = filter.action { pairs.append(("action", action)) }
        if let reason = filter.reason { pairs.append(("reason", reason)) }
        return pairs.map { "\($0.0)=\(Self.percentEncode($0.1))" }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// The list as CSV, masked as the viewer's role requires.
    static func csv(_ entries: [AtRiskList.Entry], for viewer: Viewer) -> String {
        func field(_ text: String?) -> String {
            let value = text ?? ""
            // A leading = + - @ would run as a formula in a spreadsheet.
            let safe = value.first.map { "=+-@".contains($0) } == true ? "'" + value : value
            return safe.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
        }
        var lines = ["customer_key,name,email,phone,branch,segment,balance,churn_probability,risk_tier,reason_1,reason_2,reason_3,recommended_action,owner,outreach"]
        for entry in entries {
            let reasons = (0..<3).map { $0 < entry.reasons.count ? entry.reasons[$0] : "" }
            lines.append(([entry.customerKey, entry.name, viewer.mask(email: entry.email), viewer.mask(phone: entry.phone), entry.branch,
                           entry.segment, entry.balance.map { String(format: "%.2f", $0) }, String(format: "%.4f", entry.probability),
                           entry.tier] + reasons + [entry.action, entry.owner, entry.outreach]).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
