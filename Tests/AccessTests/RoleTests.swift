import Access
import Testing

@Suite("Roles")
struct RoleTests {
    @Test func theCapabilityMatrix() {
        // (seesPII, administers, worksRetention, seesDataHealth)
        let expected: [Role: [Bool]] = [
            .admin: [true, true, true, true],
            .engineer: [false, false, false, true],
            .analyst: [false, false, false, false],
            .retentionAgent: [true, false, true, false],
        ]
        for role in Role.allCases {
            #expect([role.seesPII, role.administers, role.worksRetention, role.seesDataHealth] == expected[role], "\(role)")
        }
        #expect(Role.allCases.map(\.rawValue) == ["admin", "engineer", "analyst", "retention_agent"])
        #expect(Role(rawValue: "retention_agent") == .retentionAgent)
    }
}
