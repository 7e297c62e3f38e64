import Access
import Foundation
import Testing
import Warehouse
import WarehouseTestSupport

@Suite("Audit log")
struct AuditTests {
    @Test(arguments: TestEngine.allCases)
    func whoAccessedThisCustomersDataOnJanuary15th(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let clock = TestClock(Fixture.utc(2025, 1, 14, 23, 59))
            let store = try await Fixture.store(warehouse, clock: clock)
            try await store.recordView(user: "maria", role: .retentionAgent, customerKey: "C-001", page: "customer", ip: "10.0.0.7", userAgent: "Firefox")
            clock.set(Fixture.january15(0, 0))
            try await store.recordView(user: "omar", role: .analyst, customerKey: "C-001", page: "customer", ip: "10.0.0.8", userAgent: nil)
            clock.set(Fixture.january15(10, 30))
            try await store.recordView(user: "maria", role: .retentionAgent, customerKey: "C-001", page: "customer",
                                       action: "mark-contacted", ip: "10.0.0.7", userAgent: "Firefox")
            clock.set(Fixture.january15(11))
            try await store.recordView(user: "maria", role: .retentionAgent, customerKey: "C-002", page: "customer", ip: "10.0.0.7", userAgent: "Firefox")
            clock.set(Fixture.january15(9))  // recorded later, earlier in time: the query still orders by time
            try await store.recordView(user: "admin", role: .admin, customerKey: "C-001", page: "customer", ip: nil, userAgent: nil)
            clock.set(Fixture.utc(2025, 1, 16, 0, 0))
            try await store.recordView(user: "maria", role: .retentionAgent, customerKey: "C-001", page: "customer", ip: "10.0.0.7", userAgent: "Firefox")
            clock.advance(300)
            try await store.recordView(user: "admin", role: .admin, customerKey: nil, page: "users", ip: nil, userAgent: nil)

            let onThe15th = try await store.audit(customerKey: "C-001", day: "2025-01-15")
            #expect(onThe15th.map(\.username) == ["omar", "admin", "maria"])
            #expect(onThe15th.map(\.at) == [Fixture.january15(0), Fixture.january15(9), Fixture.january15(10, 30)])
            #expect(onThe15th.map(\.action) == ["view", "view", "mark-contacted"])
            #expect(onThe15th.map(\.role) == ["analyst", "admin", "retention_agent"])
            #expect(onThe15th.first?.ip == "10.0.0.8" && onThe15th.first?.userAgent == nil && onThe15th.first?.page == "customer")

            let marias = try await store.audit(username: "maria")
            #expect(marias.count == 4)
            #expect(marias.map(\.customerKey) == ["C-001", "C-001", "C-002", "C-001"])
            #expect(try await store.audit(day: "2025-01-15", username: "maria").count == 2)
            #expect(try await store.audit(customerKey: "C-001").count == 5)
            #expect(try await store.audit().count == 7)
            #expect(try await store.audit().last?.customerKey == nil)
            #expect(try await store.audit(day: "2025-01-13").isEmpty)

            for day in ["2025-1-15", "2025-02-30", "15/01/2025", "yesterday"] {
                await #expect(throws: AccessError.invalidDay(day)) { _ = try await store.audit(day: day) }
            }
        }
    }
}
