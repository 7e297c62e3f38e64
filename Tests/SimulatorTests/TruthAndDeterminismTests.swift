import Foundation
import Testing
@testable import Simulator

@Suite("Truth and determinism")
struct TruthAndDeterminismTests {
    @Test func truthCoversEveryPersonRecordExactlyOnce() throws {
        let bank = try GeneratedBank.standard.get()
        let rows = try bank.csv("truth/source_records.csv")
        let people = try bank.people()
        let keys = rows.map { "\($0["source_system"] ?? "")/\($0["entity"] ?? "")/\($0["source_id"] ?? "")" }
        #expect(Set(keys).count == keys.count, "no record is claimed twice")
        #expect(rows.allSatisfy { people[$0["person_id"] ?? ""] != nil })
        #expect(Set(rows.compactMap { $0["person_id"] }) == Set(people.keys), "every person has records")
        let truth = Set(keys)
        for (system, entity, id) in [("erpnext", "customer", "name"), ("erpnext", "sales_invoice", "name"), ("salesforce", "contact", "Id"),
                                     ("salesforce", "case", "Id"), ("salesforce", "task", "Id"), ("supabase", "app_sessions", "id"),
                                     ("supabase", "app_events", "id")] {
            let records = try bank.records(system, entity)
            let ids = records.compactMap { $0[id] as? String }
            #expect(ids.count == records.count)
            #expect(ids.allSatisfy { truth.contains("\(system)/\(entity)/\($0)") }, "\(system)/\(entity)")
            #expect(rows.filter { $0["source_system"] == system && $0["entity"] == entity }.count == records.count)
        }
        let notes = try bank.sheet("customer_notes").rows.count
        #expect((2...(notes + 1)).allSatisfy { truth.contains("sheets/customer_notes/\($0)") })
        #expect(rows.count == bank.summary.truthRecords)
    }

    @Test func theSameSeedGivesByteIdenticalFiles() throws {
        let first = try GeneratedBank.make(customers: 60, seed: 7, dirt: DirtRates())
        let second = try GeneratedBank.make(customers: 60, seed: 7, dirt: DirtRates())
        let other = try GeneratedBank.make(customers: 60, seed: 8, dirt: DirtRates())
        defer { for bank in [first, second, other] { try? FileManager.default.removeItem(at: bank.directory) } }
        let files = try FileManager.default.subpathsOfDirectory(atPath: first.directory.path).filter { $0.contains(".") }.sorted()
        #expect(files.count == 28, "\(files)")
        for file in files {
            let a = try Data(contentsOf: first.directory.appendingPathComponent(file))
            let b = try Data(contentsOf: second.directory.appendingPathComponent(file))
            #expect(a == b, "\(file) differs between two runs with the same seed")
        }
        let a = try Data(contentsOf: first.directory.appendingPathComponent("salesforce/contact.json"))
        let c = try Data(contentsOf: other.directory.appendingPathComponent("salesforce/contact.json"))
        #expect(a != c, "another seed gives another bank")
    }

    @Test func theSmallestBankIsComplete() throws {
        let bank = try GeneratedBank.make(customers: 1, seed: 3, dirt: DirtRates())
        defer { try? FileManager.default.removeItem(at: bank.directory) }
        #expect(try bank.people().count == 1)
        #expect(bank.summary.rows("erpnext/customer") >= 1 && bank.summary.rows("erpnext/sales_invoice") >= 1)
        #expect(try bank.records("erpnext", "territory").count == 17)
    }

    @Test func specificationsOutOfRangeAreRefused() throws {
        #expect(throws: SimulatorError.customersOutOfRange(0)) { try BankSpecification(customers: 0) }
        #expect(throws: SimulatorError.customersOutOfRange(500_001)) { try BankSpecification(customers: 500_001) }
        var rates = DirtRates()
        #expect(throws: SimulatorError.self) { try rates.apply("nicknames=1.5") }
        #expect(throws: SimulatorError.self) { try rates.apply("no_such_rate=0.1") }
        try rates.apply("nicknames=0.5")
        #expect(rates.nicknames == 0.5)
        try rates.apply("none")
        #expect(rates == .clean)
    }

    @Test func anUnwritableFolderIsAClearError() throws {
        let specification = try BankSpecification(customers: 5)
        #expect(throws: SimulatorError.self) {
            try BankGenerator(specification: specification).generate(into: URL(fileURLWithPath: "/dev/null/bank"))
        }
    }
}
