import Access
import Foundation
import Testing
import Warehouse
import WarehouseTestSupport

@Suite("Sessions")
struct SessionTests {
    @Test(arguments: TestEngine.allCases)
    func sessionsLastTheirLifetimeAndEnd(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let clock = TestClock(Fixture.january15(9))
            let store = try await Fixture.store(warehouse, clock: clock)
            try await store.addUser("maria", role: .retentionAgent, password: Fixture.password)
            let maria = try #require(try await store.user(named: "maria"))

            let session = try await store.startSession(for: maria, ip: "10.0.0.7")
            #expect(session.sessionID.count == 43 && session.csrfToken.count == 43 && session.sessionID != session.csrfToken)
            let found = try await store.session(session.sessionID)
            #expect(found?.user == maria && found?.csrfToken == session.csrfToken)
            #expect(try await store.session(session.csrfToken) == nil)
            #expect(try await store.session("") == nil)

            // Only the id's SHA-256 is stored.
            let row = try #require(try await warehouse.query("SELECT * FROM ops.sessions").first)
            #expect(row.columns.allSatisfy { !(row.string($0) ?? "").contains(session.sessionID) })
            #expect(row.string("session_hash")?.count == 64 && row.string("ip") == "10.0.0.7")

            // Eight hours by default: valid a second before, gone at the end.
            clock.advance(8 * 3600 - 1)
            #expect(try await store.session(session.sessionID) != nil)
            clock.advance(1)
            #expect(try await store.session(session.sessionID) == nil)

            // A shorter lifetime, then signing out.
            let short = try await store.startSession(for: maria, ip: nil, lifetime: .seconds(60))
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM ops.sessions") == 1)  // the expired one was cleared
            #expect(try await store.session(short.sessionID) != nil)
            try await store.endSession(short.sessionID)
            #expect(try await store.session(short.sessionID) == nil)

            // A disabled user's sessions stop working.
            let other = try await store.startSession(for: maria, ip: nil)
            try await store.setDisabled("maria", true)
            #expect(try await store.session(other.sessionID) == nil)
        }
    }
}
