import Access
import ArgumentParser
import Foundation

/// `tenure audit`: who looked at whose data in the dashboard, and when.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the dashboard's audit log (ops.audit_log), oldest first.",
        discussion: "Filters combine: `tenure audit --customer C-001 --date 2025-01-15` answers who saw that customer's data that day (UTC)."
    )

    @OptionGroup var options: ProjectOptions
    @Option(help: "Only views of this customer's data (a customer_key).") var customer: String?
    @Option(help: "Only this UTC day, YYYY-MM-DD.") var date: String?
    @Option(help: "Only this user's views.") var user: String?

    func run() async throws {
        let entries = try await options.withAccessStore("tenure.audit") { store in
            try await store.audit(customerKey: customer, day: date, username: user)
        }
        guard !entries.isEmpty else {
            print("no audit entries match")
            return
        }
        print(pad("time (UTC)", 21) + pad("user", 18) + pad("role", 17) + pad("customer", 16) + pad("page", 16) + pad("action", 16) + "ip")
        for entry in entries {
            print(pad(Users.time(entry.at), 21) + pad(entry.username, 18) + pad(entry.role, 17) + pad(entry.customerKey ?? "-", 16)
                  + pad(entry.page, 16) + pad(entry.action, 16) + (entry.ip ?? "-"))
        }
        print("\(entries.count) \(entries.count == 1 ? "entry" : "entries")")
    }
}
