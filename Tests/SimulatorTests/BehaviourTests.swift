import Foundation
import Testing
@testable import Simulator

/// At the default size the bank matches the proof of concept's volumes and the bank's observed
/// behaviour per segment, read back from the files themselves and the truth folder.
@Suite("The default bank's volumes and behaviour")
struct BehaviourTests {
    let bank: GeneratedBank

    init() throws { bank = try GeneratedBank.standard.get() }

    /// Records of `system/entity` grouped by the truth's person id, duplicates left out.
    func perPerson(_ system: String, _ entity: String, idField: String, includeDuplicates: Bool = false) throws -> [String: [[String: Any]]] {
        let truth = try bank.truth()
        var grouped: [String: [[String: Any]]] = [:]
        for record in try bank.records(system, entity) {
            let row = try #require(truth["\(system)/\(entity)/\(record[idField] as? String ?? "")"])
            if !includeDuplicates && !(row["duplicate_of"] ?? "").isEmpty { continue }
            grouped[row["person_id"] ?? "", default: []].append(record)
        }
        return grouped
    }

    @Test func volumesMatchTheProofOfConcept() throws {
        let s = bank.summary
        let people = try bank.people()
        #expect(people.count == 500)
        let segments = Dictionary(grouping: people.values, by: { $0["segment"] ?? "" }).mapValues(\.count)
        #expect((275...325).contains(segments["active"] ?? 0), "about 60% active: \(segments)")
        #expect((100...150).contains(segments["at_risk"] ?? 0), "about 25% at risk: \(segments)")
        #expect((55...95).contains(segments["churned"] ?? 0), "about 15% churned: \(segments)")
        #expect((500...550).contains(s.rows("erpnext/customer")))
        #expect(s.rows("erpnext/item") == 10)
        #expect((7_000...10_000).contains(s.rows("erpnext/sales_invoice")), "about 8,500 transactions: \(s.rows("erpnext/sales_invoice"))")
        #expect((480...560).contains(s.rows("salesforce/contact")))
        #expect((1_200...1_800).contains(s.rows("salesforce/case")), "about 1,500 cases: \(s.rows("salesforce/case"))")
        #expect((1_000...1_500).contains(s.rows("salesforce/task")), "about 1,200 tasks: \(s.rows("salesforce/task"))")
        #expect((15_000...20_000).contains(s.rows("supabase/app_sessions")))
        #expect(s.rows("supabase/app_events") >= 50_000)
        #expect((850...1_300).contains(s.rows("sheets/customer_notes")), "about 1,000 notes: \(s.rows("sheets/customer_notes"))")
        #expect(s.rows("sheets/branches") == 10)
    }

    @Test func casesSessionsEventsAndNotesFollowEachSegment() throws {
        let people = try bank.people()
        let cases = try perPerson("salesforce", "case", idField: "Id")
        let sessions = try perPerson("supabase", "app_sessions", idField: "id")
        let eventsPerSession = Dictionary(grouping: try bank.records("supabase", "app_events"), by: { $0["session_id"] as? String ?? "" })
            .mapValues(\.count)
        let expectations: [String: (cases: ClosedRange<Int>, sessions: ClosedRange<Int>, events: ClosedRange<Int>)] = [
            "active": (0...2, 30...60, 4...10), "at_risk": (2...5, 15...30, 2...5), "churned": (3...8, 5...15, 1...3),
        ]
        for (id, person) in people {
            let expected = try #require(expectations[person["segment"] ?? ""])
            #expect(expected.cases.contains(cases[id]?.count ?? 0), "\(id) \(person["segment"] ?? "") cases")
            let own = sessions[id] ?? []
            #expect(expected.sessions.contains(own.count), "\(id) \(person["segment"] ?? "") sessions")
            // Sessions shorten only once the decline starts: before it everyone uses the app alike.
            let decline = person["decline_start"].flatMap(parseISO)
            for session in own {
                let day = (session["session_start"] as? String).flatMap { parseISO(String($0.prefix(10))) }
                let declining = decline.map { start in day.map { $0 >= start } ?? false } ?? false
                #expect((declining ? expected.events : 4...10).contains(eventsPerSession[session["id"] as? String ?? ""] ?? 0))
            }
        }
    }

    @Test func eventTypesFollowTheAppsMix() throws {
        let events = try bank.records("supabase", "app_events")
        let shares = Dictionary(grouping: events, by: { $0["event_type"] as? String ?? "" })
            .mapValues { Double($0.count) / Double(events.count) * 100 }
        let expected: [String: Double] = ["view_balance": 30, "view_transactions": 20, "transfer_internal": 15, "bill_payment": 10,
                                          "transfer_external": 5, "card_controls": 5, "view_statements": 5, "apply_product": 5,
                                          "update_profile": 3, "contact_support": 2]
        #expect(Set(shares.keys) == Set(expected.keys))
        for (type, share) in expected {
            #expect(abs((shares[type] ?? 0) - share) < 1.0, "\(type): \(shares[type] ?? 0)% vs \(share)%")
        }
    }

    @Test func notesMatchEachSegmentsStory() throws {
        let people = try bank.people()
        let truth = try bank.truth()
        var notes: [String: [String]] = [:]
        for (offset, row) in try bank.sheetRows("customer_notes").enumerated() {
            let owner = try #require(truth["sheets/customer_notes/\(offset + 2)"])
            notes[owner["person_id"] ?? "", default: []].append(row["Note"] ?? "")
        }
        var warnings = (atRisk: 0, churned: 0), total = (atRisk: 0, churned: 0)
        for (id, person) in people {
            let own = notes[id] ?? []
            switch person["segment"] {
            case "active":
                #expect((0...3).contains(own.count))
                #expect(own.allSatisfy { Phrasebook.positiveNotes.contains($0) || Phrasebook.neutralNotes.contains($0) })
            case "at_risk":
                #expect((2...4).contains(own.count))
                #expect(own.allSatisfy { Phrasebook.warningNotes.contains($0) || Phrasebook.negativeNotes.contains($0) })
                warnings.atRisk += own.filter(Phrasebook.warningNotes.contains).count
                total.atRisk += own.count
            default:
                #expect((2...5).contains(own.count))
                #expect(own.allSatisfy { Phrasebook.warningNotes.contains($0) || Phrasebook.negativeNotes.contains($0) })
                warnings.churned += own.filter(Phrasebook.warningNotes.contains).count
                total.churned += own.count
            }
        }
        // Mostly warnings about those who stay, mostly complaints about those who leave; three in ten the other way.
        #expect((0.6...0.8).contains(Double(warnings.atRisk) / Double(total.atRisk)), "\(warnings.atRisk) of \(total.atRisk)")
        #expect((0.2...0.4).contains(Double(warnings.churned) / Double(total.churned)), "\(warnings.churned) of \(total.churned)")
    }

    @Test func churnShowsOnlyThroughTheRecords() throws {
        let people = try bank.people()
        let truth = try bank.truth()
        let end = "2026-01-31"
        var lastInvoice: [String: String] = [:]
        for invoice in try bank.records("erpnext", "sales_invoice") {
            let owner = truth["erpnext/sales_invoice/\(invoice["name"] as? String ?? "")"]?["person_id"] ?? ""
            lastInvoice[owner] = max(lastInvoice[owner] ?? "", invoice["posting_date"] as? String ?? "")
        }
        var disabled: [String: Bool] = [:]
        for customer in try bank.records("erpnext", "customer") {
            let owner = truth["erpnext/customer/\(customer["name"] as? String ?? "")"]?["person_id"] ?? ""
            disabled[owner] = (disabled[owner] ?? true) && customer["disabled"] as? Int == 1
        }
        let endDay = Day(year: 2026, month: 1, day: 31)
        for (id, person) in people {
            let last = try #require(lastInvoice[id])
            if person["segment"] == "churned" {
                let churn = try #require(person["churn_date"])
                #expect(last == churn, "the closure is the last transaction")
                #expect(disabled[id] == true, "a churned customer's ERPNext records are disabled")
                let monthsBefore = Double(endDay.ordinal - (parseISO(churn)?.ordinal ?? 0)) / 30.4
                #expect((3...12.1).contains(monthsBefore))
            } else {
                #expect(disabled[id] == false && last <= end)
            }
        }
        // At-risk customers' activity declines: fewer sessions per month after the decline starts.
        let sessions = try perPerson("supabase", "app_sessions", idField: "id")
        var before = 0.0, after = 0.0
        for (id, person) in people where person["segment"] == "at_risk" {
            guard let decline = person["decline_start"].flatMap(parseISO) else { continue }
            let days = (sessions[id] ?? []).compactMap { ($0["session_start"] as? String).flatMap { parseISO(String($0.prefix(10))) } }
            let span = Double(decline.ordinal - Day(year: 2023, month: 1, day: 1).ordinal)
            before += Double(days.filter { $0 < decline }.count) / max(span, 1)
            after += Double(days.filter { $0 >= decline }.count) / Double(max(1, endDay.ordinal - decline.ordinal))
        }
        #expect(after < before * 0.8, "session rate after decline \(after) vs before \(before)")
    }

    private func parseISO(_ text: String) -> Day? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return parts.count == 3 ? Day(year: parts[0], month: parts[1], day: parts[2]) : nil
    }
}
