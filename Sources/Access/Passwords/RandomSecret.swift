import Crypto
import Foundation

/// Random secrets (tokens, session ids, salts) and the digests that are stored in their place.
enum RandomSecret {
    /// `count` bytes from the system's cryptographically secure generator.
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// `bytes` random bytes as unpadded base64url text.
    static func token(bytes count: Int) -> String {
        base64URL(bytes(count))
    }

    /// Unpadded base64url (RFC 4648 §5): safe in URLs, cookies and headers.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The lowercase hex SHA-256 of `secret`'s UTF-8: what is stored instead of a token or session id.
    static func digest(_ secret: String) -> String {
        hex(SHA256.hash(data: Array(secret.utf8)))
    }

    /// Lowercase hex, two digits a byte.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
