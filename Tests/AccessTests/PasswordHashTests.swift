@testable import Access
import Foundation
import Testing

@Suite("Password hashes")
struct PasswordHashTests {
    @Test func hashesDescribeThemselvesAndVerify() throws {
        let count = PasswordHash.DerivationCount()
        let hash = try PasswordHash.$derivationCount.withValue(count) { try PasswordHash.make(Fixture.password) }
        let parts = hash.split(separator: "$").map(String.init)
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256" && parts[1] == "210000")
        #expect(Data(base64Encoded: parts[2])?.count == 16)
        #expect(Data(base64Encoded: parts[3])?.count == 32)
        #expect(!hash.contains(Fixture.password))
        #expect(PasswordHash.verify(Fixture.password, against: hash))
        #expect(!PasswordHash.verify(Fixture.password + "!", against: hash))
        // The cost is real: one derivation of the full iterations (counted; a clock under load says nothing).
        #expect(count.iterations == [210_000])
    }

    @Test func theSamePasswordHashesDifferentlyEachTime() throws {
        let first = try PasswordHash.make(Fixture.password), second = try PasswordHash.make(Fixture.password)
        #expect(first != second)
        #expect(PasswordHash.verify(Fixture.password, against: first) && PasswordHash.verify(Fixture.password, against: second))
    }

    @Test func malformedOrCheapenedHashesNeverVerify() throws {
        let hash = try PasswordHash.make(Fixture.password)
        let parts = hash.split(separator: "$").map(String.init)
        for tampered in ["", "plain text", parts.dropLast().joined(separator: "$"),
                         ["pbkdf2-sha256", "1000", parts[2], parts[3]].joined(separator: "$"),
                         ["scrypt", parts[1], parts[2], parts[3]].joined(separator: "$")] {
            #expect(!PasswordHash.verify(Fixture.password, against: tampered), "\(tampered)")
        }
    }
}
