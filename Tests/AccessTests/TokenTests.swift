import Access
import Foundation
import Testing
import Warehouse
import WarehouseTestSupport

@Suite("API tokens")
struct TokenTests {
    @Test(arguments: TestEngine.allCases)
    func tokensAreShownOnceAndStoredHashed(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let clock = TestClock(Fixture.january15(9))
            let store = try await Fixture.store(warehouse, clock: clock)
            try await store.addUser("ci-bot", role: .engineer, password: Fixture.password)
            let token = try await store.createToken(for: "ci-bot", label: "nightly export")
            let second = try await store.createToken(for: "ci-bot")
            #expect(token != second)
            // tnr_ and 32 bytes in unpadded base64url: 43 characters.
            #expect(token.hasPrefix("tnr_") && token.count == 4 + 43)
            #expect(token.dropFirst(4).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })

            // The token is nowhere in the table, in any column; its SHA-256 is.
            let rows = try await warehouse.query("SELECT * FROM ops.api_tokens")
            #expect(rows.count == 2)
            for row in rows {
                for column in row.columns {
                    let text = row.string(column) ?? ""
                    #expect(!text.contains(token) && !text.contains(String(token.dropFirst(4))), "\(column)")
                }
                #expect(row.string("token_hash")?.count == 64)
            }

            let listed = try await store.tokens(for: "ci-bot")
            #expect(listed.count == 2 && listed.allSatisfy { $0.lastUsedAt == nil && !$0.revoked })
            #expect(Set(listed.compactMap(\.label)) == ["nightly export"])

            clock.advance(3600)
            #expect(try await store.user(forToken: token)?.username == "ci-bot")
            let used = try await store.tokens(for: "ci-bot").first { $0.label == "nightly export" }
            #expect(used?.lastUsedAt == Fixture.january15(10))
            #expect(try await store.user(forToken: "tnr_" + String(repeating: "A", count: 43)) == nil)
            #expect(try await store.user(forToken: String(token.dropFirst(4))) == nil)
            await #expect(throws: AccessError.unknownUser("nobody")) { _ = try await store.createToken(for: "nobody") }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func revokedTokensAndDisabledUsersFail(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let store = try await Fixture.store(warehouse)
            try await store.addUser("ci-bot", role: .engineer, password: Fixture.password)
            let byID = try await store.createToken(for: "ci-bot", label: "by id")
            let byValue = try await store.createToken(for: "ci-bot", label: "by value")
            #expect(try await store.user(forToken: byID) != nil)
            #expect(try await store.user(forToken: byValue) != nil)

            let id = try #require(try await store.tokens(for: "ci-bot").first { $0.label == "by id" }?.id)
            try await store.revokeToken(id: id)
            #expect(try await store.user(forToken: byID) == nil)
            #expect(try await store.user(forToken: byValue) != nil)
            #expect(try await store.revokeToken(byValue))
            #expect(try await store.user(forToken: byValue) == nil)
            #expect(try await store.tokens().allSatisfy(\.revoked))
            #expect(try await !store.revokeToken("tnr_unknown"))
            await #expect(throws: AccessError.unknownToken("feedbeef")) { try await store.revokeToken(id: "feedbeef") }

            let fresh = try await store.createToken(for: "ci-bot")
            try await store.setDisabled("ci-bot", true)
            #expect(try await store.user(forToken: fresh) == nil)
        }
    }
}
