import Foundation
import Charts

/// The executive overview: headline figures, then churn and risk by month and today's risk,
/// split by segment, region, branch or product.
struct OverviewPage {
    let overview: DashboardQueries.Overview
    let trends: DashboardQueries.Trends
    /// Whether to offer links to the other splits (not in the e-mailed report).
    var offersSplits = true
    /// When the pipeline runs next, said for people; nil in the e-mailed report.
    var nextRun: String?

    /// Stacked series beyond this many groups are summed as "other", so a chart stays legible.
    static let groupsShown = 6

    func page(for viewer: Viewer) -> Page {
        let cards: [(String, String)] = [
            ("Active customers", Format.count(overview.activeCustomers)),
            ("Churn, last 12 months", "\(Format.count(overview.churnedLastYear)) (\(Format.percent(overview.churnRateLastYear)))"),
            ("At risk (HIGH)", Format.count(overview.highRisk)),
            ("Watch (MEDIUM)", Format.count(overview.mediumRisk)),
            ("Balance at risk", Format.money(overview.balanceAtRisk)),
            ("Model", overview.modelVersion.map { "\($0), AUC \(String(format: "%.3f", overview.modelAUC ?? .nan))" } ?? "not trained yet"),
        ]
        var body = "<p>Scored as of \(e(overview.asOf ?? "—")).\(nextRun.map { " Next pipeline run: \(e($0))." } ?? "")</p><div class=\"cards\">"
        body += cards.map { "<div class=\"card\">\(e($0.0))<b>\(e($0.1))</b></div>" }.joined() + "</div>"

        let split = trends.breakdown.rawValue
        if offersSplits {
            body += "<p class=\"splits\">Split by: " + DashboardQueries.Breakdown.allCases.map { breakdown in
                breakdown == trends.breakdown ? "<b>\(e(breakdown.rawValue))</b>" : "<a href=\"/?by=\(e(breakdown.rawValue))\">\(e(breakdown.rawValue))</a>"
            }.joined(separator: " · ") + "</p>"
        }
        body += Self.monthlyCharts(trends)
        let today = Array(trends.riskToday.prefix(15))
        body += Chart(.horizontalBar, ChartData(title: "Customers at risk today, by \(split)",
                                                subtitle: trends.riskToday.count > today.count ? "the \(today.count) with most HIGH-risk customers" : nil,
                                                categoryName: split.capitalized, categories: today.map(\.group),
                                                series: [Series("HIGH", today.map { Double($0.high) }), Series("MEDIUM", today.map { Double($0.medium) })]),
                      height: max(200, 60 + today.count * 34)).html
        body += "<h2>Data freshness</h2>" + table(["Source", "Last loaded", "Rows landed"], overview.freshness.map {
            [e($0.source), e($0.lastLoadedAt ?? "never"), e(Format.count($0.rows))]
        })
        return Page(title: "Overview", viewer: viewer, body: body)
    }

    /// Churn by month and HIGH risk by month, split as `trends` is.
    static func monthlyCharts(_ trends: DashboardQueries.Trends) -> String {
        let split = trends.breakdown.rawValue
        return Chart(.stackedBar, monthly(trends.churned, title: "Customers who left, by month and \(split)")).html
            + Chart(.line, monthly(trends.highRisk, title: "HIGH-risk customers at each month start, by \(split)",
                                   subtitle: "each snapshot scored by today's model (in-sample for its training months)",
                                   missingMonthsAreGaps: true)).html
    }

    /// Monthly counts as chart data: one series per group, the largest groups first and the rest
    /// as "other", every month from the first to the last on the axis so time reads true. A
    /// month with no row is zero for events (nobody left) but a gap for snapshots (none scored).
    static func monthly(_ counts: [DashboardQueries.MonthlyCount], title: String, subtitle: String? = nil,
                        missingMonthsAreGaps: Bool = false) -> ChartData {
        let present = Set(counts.map(\.month))
        let months = monthRange(present.sorted())
        var totals: [String: Int] = [:]
        for count in counts { totals[count.group, default: 0] += count.count }
        let ranked = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        let shown = ranked.count > groupsShown ? Array(ranked.prefix(groupsShown - 1)) : ranked
        let shownSet = Set(shown)
        var names = shown
        if ranked.count > shown.count { names.append("other") }
        let series = names.map { name in
            Series(name, months.map { month -> Double? in
                if missingMonthsAreGaps && !present.contains(month) { return nil }
                return Double(counts.filter { $0.month == month && (name == "other" ? !shownSet.contains($0.group) : $0.group == name) }
                    .map(\.count).reduce(0, +))
            })
        }
        return ChartData(title: title, subtitle: subtitle, categoryName: "Month", categories: months, series: series)
    }

    /// Every `YYYY-MM` from the first of `months` to the last.
    static func monthRange(_ months: [String]) -> [String] {
        func parse(_ month: String) -> (year: Int, month: Int)? {
            let parts = month.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]), (1...12).contains(number) else { return nil }
            return (year, number)
        }
        guard let first = months.first.flatMap(parse), let last = months.last.flatMap(parse) else { return months }
        var range: [String] = []
        var (year, month) = first
        while (year, month) <= last && range.count < 1200 {
            range.append(String(format: "%04d-%02d", year, month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return range
    }
}

/// The retention workbench's list.
struct AtRiskPage {
    let entries: [AtRiskList.Entry]
    /// How many customers the filter selects, of which `entries` are the first.
    let total: Int
    let filter: AtRiskList.Filter
    let choices: AtRiskList.Choices

    func page(for viewer: Viewer) -> Page {
        func option(_ value: String, _ label: String, selected: Bool) -> String {
            "<option value=\"\(e(value))\"\(selected ? " selected" : "")>\(e(label))</option>"
        }
        let tier = filter.tiers == ["HIGH", "MEDIUM"] ? "" : filter.tiers.joined(separator: ",")
        var body = "<form class=\"filters\" method=\"get\" action=\"/at-risk\">"
        body += "<label>Tier <select name=\"tier\">" + [("", "HIGH and MEDIUM"), ("HIGH", "HIGH"), ("MEDIUM", "MEDIUM"), ("LOW", "LOW"), ("ALL", "all")]
            .map { option($0.0, $0.1, selected: $0.0 == tier) }.joined() + "</select></label>"
        func choice(_ name: String, _ label: String, _ values: [String], _ chosen: String?, shown: (String) -> String = { $0 }) -> String {
            "<label>\(label) <select name=\"\(name)\">" + option("", "all", selected: chosen == nil)
                + values.map { option($0, shown($0), selected: $0 == chosen) }.joined() + "</select></label>"
        }
        body += choice("branch", "Branch", choices.branches, filter.branch)
        body += choice("reason", "Reason", choices.reasons, filter.reason) { $0.replacingOccurrences(of: "_", with: " ") }
        body += choice("action", "Action", choices.actions, filter.action)
        body += choice("owner", "Owner", choices.owners, filter.owner)
        body += "<label>Sort <select name=\"sort\">" + AtRiskList.SortKey.allCases
            .map { option($0.rawValue, $0.rawValue, selected: $0 == filter.sort) }.joined() + "</select></label>"
        body += "<button>Show</button></form>"
        let first = filter.offset + 1, last = filter.offset + entries.count
        let shown = entries.count < total ? "Customers \(Format.count(first))–\(Format.count(last)) of \(Format.count(total))"
            : total == 1 ? "1 customer" : "\(Format.count(total)) customers"
        var pages: [String] = []
        if let size = filter.limit, filter.offset > 0 {
            pages.append("<a href=\"/at-risk?\(e(queryString(offset: max(0, filter.offset - size))))\">Previous \(size)</a>")
        }
        if let size = filter.limit, last < total {
            pages.append("<a href=\"/at-risk?\(e(queryString(offset: last)))\">Next \(size)</a>")
        }
        body += "<p>\(shown). " + pages.map { $0 + " · " }.joined() + "<a href=\"/at-risk.csv?\(e(queryString(offset: nil)))\">Download CSV</a> (all \(Format.count(total)))</p>"
        let rows = entries.map { entry -> [String] in
            [
                "<a href=\"/customers/\(e(DashboardServer.pathComponent(entry.customerKey)))\">\(e(entry.name ?? entry.customerKey))</a>",
                e(viewer.mask(email: entry.email) ?? "—"), e(viewer.mask(phone: entry.phone) ?? "—"),
                e(entry.branch ?? "—"), String(format: "%.1f%%", entry.probability * 100),
                "<span class=\"\(e(entry.tier))\">\(e(entry.tier))</span>", entry.reasons.map(e).joined(separator: "<br>"),
                e(entry.action), e(entry.owner ?? "—"), e(entry.outreach ?? "—"),
            ]
        }
        body += table(["Customer", "E-mail", "Phone", "Branch", "Probability", "Tier", "Reasons", "Action", "Owner", "Outreach"], rows)
        return Page(title: "At-risk customers", viewer: viewer, body: body)
    }

    /// The filter as a query string, at `offset` (nil: no paging, as the CSV export wants).
    func queryString(offset: Int?) -> String {
        var pairs: [(String, String)] = [("tier", filter.tiers.joined(separator: ",")), ("sort", filter.sort.rawValue), ("dir", filter.descending ? "desc" : "asc")]
        if let offset, let limit = filter.limit { pairs += [("limit", String(limit)), ("offset", String(offset))] }
        if let branch = filter.branch { pairs.append(("branch", branch)) }
        if let action = filter.action { pairs.append(("action", action)) }
        if let reason = filter.reason { pairs.append(("reason", reason)) }
        if let owner = filter.owner { pairs.append(("owner", owner)) }
        return pairs.map { "\($0.0)=\(DashboardServer.pathComponent($0.1))" }.joined(separator: "&")
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
