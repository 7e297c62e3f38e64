import Foundation

/// Retention campaigns: the saved rate of contacted vs not-contacted HIGH-risk customers, and
/// the branches' local campaigns from the sheets.
struct RetentionPage {
    let saved: (contacted: (customers: Int, stayed: Int), notContacted: (customers: Int, stayed: Int))
    let campaigns: [[String]]

    func page(for viewer: Viewer) -> Page {
        func rate(_ part: (customers: Int, stayed: Int)) -> String {
            part.customers == 0 ? "—" : Format.percent(Double(part.stayed) / Double(part.customers))
        }
        var body = table(["HIGH-risk customers", "Customers", "Still with the bank", "Saved rate"], [
            ["contacted", e(Format.count(saved.contacted.customers)), e(Format.count(saved.contacted.stayed)), e(rate(saved.contacted))],
            ["not contacted", e(Format.count(saved.notContacted.customers)), e(Format.count(saved.notContacted.stayed)), e(rate(saved.notContacted))],
        ], caption: "Outreach against predictions")
        body += "<h2>Branch campaigns</h2>" + table(["Campaign", "Branch", "Start", "End", "Segment", "Targeted", "Responses"], campaigns.map { $0.map(e) })
        return Page(title: "Retention", viewer: viewer, body: body)
    }
}
