@testable import Access
import Foundation
import Testing
import Warehouse
import WarehouseTestSupport

@Suite("Users")
struct UserTests {
    @Test(arguments: TestEngine.allCases)
    func usersAreAddedListedAndRemoved(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let store = try await Fixture.store(warehouse)
            #expect(try await store.listUsers().isEmpty)
            try await store.addUser("maria.lopez", role: .retentionAgent, password: Fixture.password)
            try await store.addUser("admin", role: .admin, password: "another long password")
            let users = try await store.listUsers()
            #expect(users.map(\.username) == ["admin", "maria.lopez"])
            #expect(users.map(\.role) == [.admin, .retentionAgent])
            #expect(users.allSatisfy { !$0.disabled && $0.createdAt == Fixture.january15(9) })

            _ = try await store.createToken(for: "maria.lopez", label: "laptop")
            let maria = try #require(try await store.user(named: "maria.lopez"))
            _ = try await store.startSession(for: maria, ip: "10.0.0.1")
            try await store.removeUser("maria.lopez")
            #expect(try await store.listUsers().map(\.username) == ["admin"])
            #expect(try await store.user(named: "maria.lopez") == nil)
            // Their tokens and sessions go with them.
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM ops.api_tokens") == 0)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM ops.sessions") == 0)
            await #expect(throws: AccessError.unknownUser("maria.lopez")) { try await store.removeUser("maria.lopez") }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func duplicateMalformedAndWeakAreRefused(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let store = try await Fixture.store(warehouse)
            try await store.addUser("maria", role: .analyst, password: Fixture.password)
            await #expect(throws: AccessError.duplicateUser("maria")) {
                try await store.addUser("maria", role: .admin, password: Fixture.password)
            }
            await #expect(throws: AccessError.weakPassword(minimumLength: 12)) {
                try await store.addUser("omar", role: .analyst, password: "elevenchars")
            }
            for name in ["M", "Maria", "maria lopez", "maría", "a", String(repeating: "x", count: 65), "omar;drop", ""] {
                await #expect(throws: AccessError.invalidUsername(name)) {
                    try await store.addUser(name, role: .analyst, password: Fixture.password)
                }
            }
            try await store.addUser("o_k-1.x", role: .analyst, password: "exactly12chr")
            #expect(try await store.listUsers().map(\.username) == ["maria", "o_k-1.x"])
            #expect(try await store.user(named: "maria")?.role == .analyst)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func storedHashesAreSaltedAndNotThePassword(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let store = try await Fixture.store(warehouse)
            try await store.addUser("maria", role: .analyst, password: Fixture.password)
            try await store.addUser("omar", role: .analyst, password: Fixture.password)
            let hashes = try await warehouse.query("SELECT username, password_hash FROM ops.users ORDER BY username")
                .compactMap { $0.string("password_hash") }
            #expect(hashes.count == 2)
            #expect(hashes[0] != hashes[1])
            #expect(hashes.allSatisfy { $0.hasPrefix("pbkdf2-sha256$210000$") && !$0.contains(Fixture.password) })
        }
    }

    @Test(arguments: TestEngine.allCases)
    func authenticationAcceptsOnlyTheRightPasswordOfAnEnabledUser(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let store = try await Fixture.store(warehouse)
            try await store.addUser("maria", role: .retentionAgent, password: Fixture.password)
            let maria = try await store.authenticate(username: "maria", password: Fixture.password)
            #expect(maria?.username == "maria" && maria?.role == .retentionAgent)
            #expect(try await store.authenticate(username: "maria", password: "correct horse battery!") == nil)
            #expect(try await store.authenticate(username: "nobody", password: Fixture.password) == nil)
            #expect(try await store.authenticate(username: "not a valid name", password: Fixture.password) == nil)

            try await store.setDisabled("maria", true)
            #expect(try await store.authenticate(username: "maria", password: Fixture.password) == nil)
            #expect(try await store.listUsers().first?.disabled == true)
            try await store.setDisabled("maria", false)
            #expect(try await store.authenticate(username: "maria", password: Fixture.password) != nil)

            // A new password replaces the old one and ends the user's sessions.
            let session = try await store.startSession(for: try #require(maria), ip: nil)
            try await store.setPassword("maria", password: "a brand new passphrase")
            #expect(try await store.authenticate(username: "maria", password: Fixture.password) == nil)
            #expect(try await store.authenticate(username: "maria", password: "a brand new passphrase") != nil)
            #expect(try await store.session(session.sessionID) == nil)
            await #expect(throws: AccessError.weakPassword(minimumLength: 12)) { try await store.setPassword("maria", password: "short") }
            await #expect(throws: AccessError.unknownUser("nobody")) { try await store.setPassword("nobody", password: Fixture.password) }
        }
    }

    @Test func anUnknownUserCostsAHashLikeAKnownOne() async throws {
        try await TestEngine.sqlite.withWarehouse { warehouse in
            let store = try await Fixture.store(warehouse)
            try await store.addUser("maria", role: .analyst, password: Fixture.password)
            try await store.addUser("olga", role: .analyst, password: Fixture.password)
            try await store.setDisabled("olga", true)
            _ = PasswordHash.dummy // made on first use, which must not count below
            // Counted, not timed: under a loaded test run a clock says nothing. Without the dummy
            // hash an unknown user would cost no derivation and answer in microseconds.
            for (username, password) in [("maria", "wrong password!!"), ("maria", Fixture.password), ("olga", Fixture.password),
                                         ("nobody", "wrong password!!"), ("nobody", "")] {
                let count = PasswordHash.DerivationCount()
                _ = try await PasswordHash.$derivationCount.withValue(count) {
                    try await store.authenticate(username: username, password: password)
                }
                #expect(count.iterations == [PasswordHash.iterations], "\(username): \(count.iterations)")
            }
        }
    }
}
