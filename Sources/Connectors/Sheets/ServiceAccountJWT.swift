import Foundation
import _CryptoExtras

// Google's service-account JWT-bearer flow (RFC 7523): the Sheets connector signs assertions with a key file,
// and the local emulator of Google's token endpoint verifies them with the matching public key.

/// Why a service-account key could not be used or an assertion was refused, in one line without key material.
public struct ServiceAccountError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; the verifier's messages are Google's token-endpoint `error_description`s.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message itself, so logs and `invalid_grant` bodies read the same.
    public var description: String { message }
}

/// The claims of a service-account assertion, with times in whole seconds since 1970 as the JWT carries them.
public struct ServiceAccountClaims: Codable, Sendable, Equatable {
    /// `iss`: the service account's e-mail address.
    public var issuer: String
    /// `scope`: space-separated OAuth scopes the access token is asked for.
    public var scope: String
    /// `aud`: the token endpoint the assertion is meant for.
    public var audience: String
    /// `iat`: when the assertion was issued.
    public var issuedAt: Int
    /// `exp`: when the assertion stops being accepted.
    public var expiresAt: Int

    /// The JWT's short claim names.
    enum CodingKeys: String, CodingKey {
        case issuer = "iss", scope, audience = "aud", issuedAt = "iat", expiresAt = "exp"
    }
}

/// A service-account key file as Google issues it, with its private key parsed once.
public struct ServiceAccountKey: Sendable, CustomStringConvertible {
    /// `client_email`: the account the assertions are issued by.
    public let clientEmail: String
    /// `private_key_id`: sent as the JWT's `kid` so Google knows which of the account's keys signed.
    public let privateKeyID: String
    /// `token_uri`: where assertions are exchanged for access tokens, and their default audience.
    public let tokenURI: String
    /// The RSA key from `private_key`; kept parsed, never as PEM text, so no description can leak it.
    let privateKey: _RSA.Signing.PrivateKey

    /// Names the account and key ID only, so printing a key never prints the key.
    public var description: String { "service account \(clientEmail) (key \(privateKeyID))" }

    /// Reads and parses the key file at `file`.
    public static func load(from file: URL) throws -> ServiceAccountKey {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw ServiceAccountError("cannot read the service-account key file \(file.path)")
        }
        return try ServiceAccountKey(json: data, source: "service-account key file \(file.path)")
    }

    /// Parses the contents of a key file.
    public init(json: Data) throws {
        try self.init(json: json, source: "service-account key JSON")
    }

    /// Parses `json`, naming `source` in errors so a bad file is easy to find.
    init(json: Data, source: String) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw ServiceAccountError("\(source) is not a JSON object")
        }
        func field(_ name: String) throws -> String {
            guard let value = object[name] as? String, !value.isEmpty else {
                throw ServiceAccountError("\(source) has no \"\(name)\" field")
            }
            return value
        }
        // `gcloud auth application-default login` writes "authorized_user" files; name the type, not a missing key.
        let type = try field("type")
        guard type == "service_account" else {
            throw ServiceAccountError("\(source) has type \"\(type.prefix(40))\", expected \"service_account\"")
        }
        clientEmail = try field("client_email")
        privateKeyID = try field("private_key_id")
        tokenURI = try field("token_uri")
        let pem = try field("private_key")
        // BoringSSL reads PKCS#8 ("PRIVATE KEY") as well as PKCS#1; the marker check keeps other PEM kinds out.
        guard pem.contains("-----BEGIN"), let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) else {
            throw ServiceAccountError("\(source) has a private_key that is not a PEM RSA key of at least 2048 bits")
        }
        privateKey = key
    }

    /// A signed RS256 assertion asking for `scope`, addressed to `audience` (the key's `token_uri` by default).
    public func assertion(
        scope: String, audience: String? = nil, now: Date = Date(), lifetime: TimeInterval = 3600
    ) throws -> String {
        // Google refuses assertions that live longer than an hour, so fail here with a clearer message.
        guard lifetime > 0, lifetime <= 3600 else {
            throw ServiceAccountError("assertion lifetime must be between 1 and 3600 seconds, not \(lifetime)")
        }
        let issuedAt = Int(now.timeIntervalSince1970.rounded(.down))
        let claims = ServiceAccountClaims(
            issuer: clientEmail, scope: scope, audience: audience ?? tokenURI,
            issuedAt: issuedAt, expiresAt: issuedAt + Int(lifetime))
        let header = JWTHeader(alg: "RS256", typ: "JWT", kid: privateKeyID)
        let signingInput = try JWTCoding.encode(header) + "." + JWTCoding.encode(claims)
        // RS256 is RSASSA-PKCS1-v1_5 with SHA-256; swift-crypto's default padding is PSS, which Google rejects.
        let data = Data(signingInput.utf8)
        guard let signature = try? privateKey.signature(for: data, padding: .insecurePKCS1v1_5) else {
            throw ServiceAccountError("cannot sign the assertion for \(clientEmail)")
        }
        return signingInput + "." + JWTCoding.base64URL(signature.rawRepresentation)
    }

    /// A fresh 2048-bit key in a key file shaped like Google's, and its public key as SPKI PEM for a verifier.
    public static func generate(
        clientEmail: String, keyID: String = UUID().uuidString, tokenURI: String
    ) throws -> (keyFileJSON: Data, publicKeyPEM: String) {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let pem = key.pkcs8PEMRepresentation  // BoringSSL ends it with "\n", as Google's files do; keep exactly one.
        // Google's files name the project in the account's domain: NAME@PROJECT.iam.gserviceaccount.com.
        let domain = clientEmail.split(separator: "@").last.map(String.init) ?? ""
        let projectID = domain.split(separator: ".").first.map(String.init) ?? "emulator"
        let clientID = String(Int.random(in: 1...9)) + (1..<21).map { _ in String(Int.random(in: 0...9)) }.joined()
        let certName = clientEmail.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", ".", "_"]))
        // Google's field order; the PEM must be PKCS#8, and `pemRepresentation` would give PKCS#1 ("RSA PRIVATE KEY").
        let fields: [(String, String)] = [
            ("type", "service_account"),
            ("project_id", projectID),
            ("private_key_id", keyID),
            ("private_key", pem.hasSuffix("\n") ? pem : pem + "\n"),
            ("client_email", clientEmail),
            ("client_id", clientID),
            ("auth_uri", "https://accounts.google.com/o/oauth2/auth"),
            ("token_uri", tokenURI),
            ("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs"),
            ("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/" + (certName ?? clientEmail)),
            ("universe_domain", "googleapis.com"),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Each value goes through JSONEncoder, so the PEM's newlines become \n as in Google's files.
        let lines = try fields.map { name, value in
            "  \"\(name)\": " + String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        return (Data(("{\n" + lines.joined(separator: ",\n") + "\n}\n").utf8), key.publicKey.pemRepresentation)
    }
}

/// Checks assertions the way Google's token endpoint does, for the local emulator.
public struct ServiceAccountVerifier: Sendable {
    /// The account's public key the signature must verify under.
    let publicKey: _RSA.Signing.PublicKey

    /// A verifier for `publicKeyPEM`, SPKI ("PUBLIC KEY") or PKCS#1 ("RSA PUBLIC KEY").
    public init(publicKeyPEM: String) throws {
        guard let key = try? _RSA.Signing.PublicKey(pemRepresentation: publicKeyPEM) else {
            throw ServiceAccountError("the public key is not a PEM RSA public key of at least 2048 bits")
        }
        publicKey = key
    }

    /// The claims of `jwt` if it is RS256, signed by this key, for `audience`, and short-lived around `now`.
    public func verify(
        _ jwt: String, audience: String, now: Date = Date(), leeway: TimeInterval = 60
    ) throws -> ServiceAccountClaims {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = JWTCoding.decodeBase64URL(parts[0]),
            let claimsData = JWTCoding.decodeBase64URL(parts[1]), let signature = JWTCoding.decodeBase64URL(parts[2])
        else { throw ServiceAccountError("Invalid JWT: the assertion is not three base64url parts.") }
        guard let header = try? JSONDecoder().decode(JWTHeader.self, from: headerData) else {
            throw ServiceAccountError("Invalid JWT: the header is not a JSON object with an alg.")
        }
        // Pinning RS256 keeps "none" and HMAC-with-the-public-key tricks out.
        guard header.alg == "RS256" else {
            throw ServiceAccountError("Invalid JWT: alg must be RS256.")
        }
        // The signature covers the parts exactly as sent, so verify before trusting any claim.
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature), for: signingInput, padding: .insecurePKCS1v1_5)
        else { throw ServiceAccountError("Invalid JWT Signature.") }
        let claims: ServiceAccountClaims
        do {
            claims = try JSONDecoder().decode(ServiceAccountClaims.self, from: claimsData)
        } catch DecodingError.keyNotFound(let key, _) {
            throw ServiceAccountError("Invalid JWT: missing claim \(key.stringValue).")
        } catch {
            throw ServiceAccountError("Invalid JWT: the claim set is malformed.")
        }
        guard claims.audience == audience else {
            throw ServiceAccountError("Invalid JWT: Failed audience check.")
        }
        // In Double, because Int subtraction of hostile iat/exp values would trap.
        let current = now.timeIntervalSince1970
        let lifetime = Double(claims.expiresAt) - Double(claims.issuedAt)
        guard Double(claims.expiresAt) >= current - leeway, Double(claims.issuedAt) <= current + leeway,
            lifetime > 0, lifetime <= 3600
        else {
            throw ServiceAccountError(
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your "
                    + "iat and exp values and use a clock with skew to account for clock differences between systems.")
        }
        return claims
    }
}

/// A JWS header; `typ` and `kid` are optional when reading because RFC 7515 makes them so.
private struct JWTHeader: Codable {
    /// The signature algorithm; only RS256 is produced or accepted.
    var alg: String
    /// The media type, "JWT" when written.
    var typ: String?
    /// The key ID, the key file's `private_key_id` when written.
    var kid: String?
}

/// The base64url and JSON encodings of JWT parts.
private enum JWTCoding {
    /// `value` as compact JSON in base64url, with sorted keys so the same claims sign the same way.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return base64URL(try encoder.encode(value))
    }

    /// `data` in base64url without padding (RFC 7515 §2).
    static func base64URL(_ data: Data) -> String {
        String(
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").prefix { $0 != "=" })
    }

    /// The bytes of unpadded base64url `text`, or nil if it uses any other alphabet or padding.
    static func decodeBase64URL(_ text: Substring) -> Data? {
        // Standard base64's "+" and "/" would decode too, so check the alphabet before translating.
        guard text.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }),
            text.utf8.count % 4 != 1
        else { return nil }
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return Data(base64Encoded: standard + String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4))
    }
}

extension UInt8 {
    /// Whether this byte is an ASCII letter or digit.
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
