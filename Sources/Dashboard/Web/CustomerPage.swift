import Charts
import Foundation

/// Customer 360: who the customer is, every record the four systems hold for them, their risk
/// and reasons, and a timeline of what happened.
struct CustomerPage {
    let profile: CustomerProfile

    func page(for viewer: Viewer) -> Page {
        let facts: [(String, String?)] = [
            ("Customer key", profile.customerKey), ("E-mail", viewer.mask(email: profile.email)), ("Phone", viewer.mask(phone: profile.phone)),
            ("Customer since", profile.customerSince), ("Branch", profile.branch), ("Region", profile.region), ("Segment", profile.segment), ("Main product", profile.product),
            ("Status", profile.status), ("Balance", profile.balance.map(Format.money)), ("Bank rule", profile.ruleFlag),
        ]
        var body = table(["", ""], facts.map { [e($0.0), e($0.1 ?? "—")] }, caption: "Profile")
        if let probability = profile.probability, let tier = profile.tier {
            body += "<h2>Churn risk</h2><p><span class=\"\(e(tier))\">\(e(tier))</span> — \(String(format: "%.1f%%", probability * 100))"
                + " within 90 days (\(e(profile.modelVersion ?? "")))</p><ol>" + profile.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ol>"
                + "<p>Recommended: <strong>\(e(profile.action ?? "—"))</strong></p>"
        }
        if !profile.riskHistory.isEmpty {
            body += Chart(.line, ChartData(title: "Churn probability at each month start", subtitle: "as today's model scores each month",
                                           unit: "%", categoryName: "Month start", categories: profile.riskHistory.map(\.cutoff),
                                           series: [Series("probability", profile.riskHistory.map(\.probability))]), height: 220).html
        }
        if viewer.capabilities.worksRetention {
            body += "<h2>Log outreach</h2><form method=\"post\" action=\"/customers/\(e(DashboardServer.pathComponent(profile.customerKey)))/outreach\">\(csrfField(viewer.csrfToken))"
                + "<label>Outcome <select name=\"outcome\">" + RetentionOutreach.Outcome.allCases.map { "<option>\($0.rawValue)</option>" }.joined()
                + "</select></label> <label>Offer <input name=\"offer\" maxlength=\"200\"></label> <label>Note <input name=\"note\" maxlength=\"500\"></label>"
                + " <button>Save</button></form>"
        }
        body += "<h2>Records in the source systems</h2>" + table(["System", "Entity", "Source id", "Linked by"], profile.records.map {
            [e($0.system), e($0.entity), e($0.sourceID), e($0.matchRule ?? "—")]
        })
        body += "<h2>Timeline</h2>" + table(["Day", "What", "Detail"], profile.timeline.map { [e($0.day), e($0.kind), e($0.detail)] })
        return Page(title: profile.name ?? profile.customerKey, viewer: viewer, body: body)
    }
}

/// The sign-in form.
struct LoginPage {
    let csrfToken: String
    let message: String?

    var page: Page {
        let error = message.map { "<p class=\"error\">\(e($0))</p>" } ?? ""
        return Page(title: "Sign in", viewer: nil, body: """
            \(error)<form method="post" action="/login">\(csrfField(csrfToken))
            <p><label>User name <input name="username" autocomplete="username" required></label></p>
            <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
            <button>Sign in</button></form>
            """)
    }
}

/// A plain error page; never a stack trace.
struct ErrorPage {
    let status: Int
    let message: String

    func page(for viewer: Viewer?) -> Page {
        Page(title: status == 404 ? "Not found" : status == 403 ? "Not allowed" : "Something went wrong", viewer: viewer,
             body: "<p>\(e(message))</p>")
    }
}
