/// The mobile app's database as Supabase's REST API (PostgREST) returns it: `app_sessions` and
/// `app_events` rows, bare JSON arrays with uuid ids and `timestamptz` text.
final class SupabaseSystem {
    private let specification: BankSpecification
    private let scribe: Scribe
    private let truth: TruthExport
    private let sessions: EntityExport
    private let events: EntityExport

    static let sessionColumns = ["id", "user_id", "user_email", "session_start", "session_end", "device_type", "platform", "app_version", "created_at"]
    static let eventColumns = ["id", "session_id", "user_id", "user_email", "event_type", "event_timestamp", "event_data", "created_at"]

    /// Event types with the share of events each has in the bank's app analytics.
    static let eventMix: [(String, Double)] = [
        ("view_balance", 30), ("view_transactions", 20), ("transfer_internal", 15), ("bill_payment", 10),
        ("transfer_external", 5), ("card_controls", 5), ("view_statements", 5), ("apply_product", 5),
        ("update_profile", 3), ("contact_support", 2),
    ]

    /// App releases and the day each reached the stores.
    private static let releases: [(String, Day)] = [
        ("3.8.2", Day(year: 2022, month: 11, day: 14)), ("3.9.0", Day(year: 2023, month: 3, day: 6)),
        ("4.0.1", Day(year: 2023, month: 9, day: 18)), ("4.1.3", Day(year: 2024, month: 2, day: 12)),
        ("4.2.0", Day(year: 2024, month: 6, day: 24)), ("4.3.2", Day(year: 2024, month: 11, day: 4)),
        ("5.0.0", Day(year: 2025, month: 3, day: 17)), ("5.1.1", Day(year: 2025, month: 8, day: 11)),
    ]

    /// Opens the Supabase exports in `directory`.
    init(directory: String, specification: BankSpecification, truth: TruthExport) throws(SimulatorError) {
        self.specification = specification
        scribe = Scribe(rates: specification.dirt)
        self.truth = truth
        sessions = try EntityExport(directory: directory, name: "app_sessions", envelope: .postgrest, csvColumns: Self.sessionColumns)
        events = try EntityExport(directory: directory, name: "app_events", envelope: .postgrest, csvColumns: Self.eventColumns)
    }

    /// Writes the person's app sessions and the events inside them.
    func write(_ person: Person) {
        var random = SeededRandom(seed: specification.seed, stream: UInt64(person.index) &* 16 &+ 4)
        let window = specification.window
        let userID = random.uuid()
        let email = scribe.appEmail(person, &random)
        let device = random.chance(0.85) ? "phone" : "tablet"
        // Sessions get shorter only once the decline starts: before it, a customer who will leave
        // uses the app like anyone else, so the app shows churn coming rather than who churns.
        let (sessionRange, decliningEvents): (ClosedRange<Int>, ClosedRange<Int>) = switch person.segment {
        case .active: (30...60, 4...10)
        case .atRisk: (15...30, 2...5)
        case .churned: (5...15, 1...3)
        }
        let first = max(person.firstActiveDay(window: window), specification.appLaunchDay)
        let last = person.lastActiveDay(windowEnd: window.end)
        var starts = (0..<random.int(sessionRange)).map { _ in
            person.moment(on: person.activeDay(from: first, to: last, windowEnd: window.end, &random), &random, earliestHour: 6, latestHour: 23)
        }
        starts.sort()
        // The app has no user table to export; its account is known by the sessions' user_id.
        if !starts.isEmpty { truth.record("supabase", "app_user", userID, person) }
        for start in starts {
            let sessionID = random.uuid()
            let declining = person.declineStart.map { start.day >= $0 } ?? false
            let eventCount = random.int(declining ? decliningEvents : 4...10)
            var moment = start
            var eventRecords: [Record] = []
            for _ in 0..<eventCount {
                moment = moment.adding(seconds: random.int(3...90))
                let type = random.pick(weighted: Self.eventMix)
                eventRecords.append([("id", .string(random.uuid())), ("session_id", .string(sessionID)), ("user_id", .string(userID)),
                                     ("user_email", .string(email)), ("event_type", .string(type)), ("event_timestamp", .string(moment.postgrest)),
                                     ("event_data", .object(eventData(type, person: person, &random))),
                                     ("created_at", .string(moment.adding(seconds: random.int(0...2)).postgrest))])
            }
            let end = moment.adding(seconds: random.int(5...120))
            sessions.write([("id", .string(sessionID)), ("user_id", .string(userID)), ("user_email", .string(email)),
                            ("session_start", .string(start.postgrest)), ("session_end", .string(end.postgrest)),
                            ("device_type", .string(device)), ("platform", .string(person.appPlatform)),
                            ("app_version", .string(version(on: start.day, &random))), ("created_at", .string(start.postgrest))])
            truth.record("supabase", "app_sessions", sessionID, person)
            for record in eventRecords {
                events.write(record)
                if case .string(let id) = record[0].1 { truth.record("supabase", "app_events", id, person) }
            }
        }
    }

    private func version(on day: Day, _ random: inout SeededRandom) -> String {
        let available = Self.releases.filter { $0.1 <= day }
        guard let newest = available.last else { return Self.releases[0].0 }
        // Some people update late and stay one release behind.
        return available.count > 1 && random.chance(0.25) ? available[available.count - 2].0 : newest.0
    }

    private func eventData(_ type: String, person: Person, _ random: inout SeededRandom) -> Record {
        let account: FieldValue = .string(random.pick(["current", "savings", "card"]))
        switch type {
        case "view_balance": return [("account_type", account)]
        case "view_transactions": return [("account_type", account), ("days", .int(random.pick([7, 30, 90])))]
        case "transfer_internal":
            return [("amount", .amount(Double(random.int(10...2000)))), ("currency", .string("USD")), ("from", .string("current")), ("to", .string("savings"))]
        case "bill_payment":
            return [("amount", .amount(Double(random.int(1500...40000)) / 100)), ("payee_category", .string(random.pick(["utilities", "telecom", "insurance", "tax"])))]
        case "transfer_external": return [("amount", .amount(Double(random.int(20...5000)))), ("currency", .string("USD"))]
        case "card_controls": return [("action", .string(random.pick(["freeze", "unfreeze", "set_limit", "travel_notice"])))]
        case "view_statements": return [("month", .string(String(random.pick(["2023", "2024", "2025"])) + "-" + pad2(random.int(1...12))))]
        case "apply_product": return [("product_code", .string(random.pick(Product.all).code))]
        case "update_profile": return [("field", .string(random.pick(["address", "phone", "email", "notifications"])))]
        default: return [("channel", .string(random.pick(["chat", "callback"]))), ("topic", .string(random.pick(["fees", "card", "login", "transfer"])))]
        }
    }

    /// Closes both files.
    func close() throws(SimulatorError) {
        try sessions.close()
        try events.close()
    }

    /// Rows written per entity.
    var counts: [(String, Int)] { [("app_sessions", sessions.count), ("app_events", events.count)] }
}
