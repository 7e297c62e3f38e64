import Crypto
import _CryptoExtras
import Foundation

/// Password hashing: PBKDF2-HMAC-SHA256 with a random salt, kept as one self-describing string,
/// `pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64`, so the cost can be raised later and old
/// hashes still verify with the iterations they were made with.
public enum PasswordHash {
    /// The scheme's name at the start of every stored hash.
    public static let scheme = "pbkdf2-sha256"
    /// Iterations for new hashes: OWASP's minimum for PBKDF2-HMAC-SHA256 (and swift-crypto's floor).
    public static let iterations = 210_000
    /// The most iterations a stored hash may ask for, so a tampered row cannot stall sign-in.
    static let maximumIterations = 10_000_000
    /// Bytes of random salt per hash.
    public static let saltByteCount = 16
    /// Bytes of derived key kept.
    public static let hashByteCount = 32
    /// The shortest password accepted.
    public static let minimumPasswordLength = 12

    /// Hashes `password` with a fresh random salt.
    public static func make(_ password: String) throws -> String {
        let salt = RandomSecret.bytes(saltByteCount)
        let hash = try derive(password, salt: salt, iterations: iterations)
        return [scheme, String(iterations), Data(salt).base64EncodedString(), Data(hash).base64EncodedString()].joined(separator: "$")
    }

    /// Whether `password` is the one `stored` was made from; compares in constant time.
    ///
    /// A malformed or too-cheap stored hash never verifies (it still costs a hash, so the
    /// answer takes as long as a real one).
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let rounds = Int(parts[1]), (iterations...maximumIterations).contains(rounds),
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              !expected.isEmpty, let actual = try? derive(password, salt: Array(salt), iterations: rounds, byteCount: expected.count)
        else {
            _ = try? derive(password, salt: dummySalt, iterations: iterations)
            return false
        }
        return constantTimeEqual(actual, Array(expected))
    }

    /// A valid hash of no one's password, verified against when a user is unknown so that the
    /// answer takes as long as for a known user.
    static let dummy: String = (try? make(RandomSecret.token(bytes: 24))) ?? ""

    private static let dummySalt = [UInt8](repeating: 0, count: saltByteCount)

    /// Counts the key derivations made by the current task and the tasks it awaits, so a test can
    /// check that every sign-in path costs the same work, which timing under load cannot show.
    @TaskLocal static var derivationCount: DerivationCount?

    /// Key derivations and their iterations, as ``derivationCount`` records them.
    final class DerivationCount: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [Int] = []
        func add(_ iterations: Int) { lock.withLock { recorded.append(iterations) } }
        /// The iterations of each derivation, in order.
        var iterations: [Int] { lock.withLock { recorded } }
    }

    private static func derive(_ password: String, salt: [UInt8], iterations: Int, byteCount: Int = hashByteCount) throws -> [UInt8] {
        derivationCount?.add(iterations)
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                    outputByteCount: byteCount, rounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Compares every byte whatever the first difference, so timing says nothing about where it is.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
