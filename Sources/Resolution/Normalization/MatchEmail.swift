import TenureCore

/// An e-mail address as a matching key: TenureCore's normalised address, with the
/// provider's own rules applied where the provider defines them.
///
/// Gmail ignores dots and everything from a `+` in the local part and treats `googlemail.com`
/// as `gmail.com`, so those addresses reach one mailbox and get one key. Other providers'
/// rules differ or are unpublished (some deliver `+tag`, some do not; dots matter to most), so
/// their addresses are left as written: a wrong merge costs more than a missed one.
public struct MatchEmail: Sendable, Hashable {
    /// The address with provider rules applied (`johnsmith@gmail.com`).
    public let key: String
    /// The key's part before the `@`.
    public let localPart: String
    /// The key's part after the `@`.
    public let domain: String

    /// Domains whose provider defines dots and `+tag` in the local part as insignificant.
    public static let dotAndTagInsensitiveDomains: Set<String> = ["gmail.com", "googlemail.com"]

    /// The key of `text`, or nil when it is not a plausible address (by ``EmailAddress``).
    public init?(_ text: String) {
        guard let address = EmailAddress.normalized(text),
              let at = address.unicodeScalars.firstIndex(of: "@")
        else { return nil }
        var local = String(address.unicodeScalars[..<at])
        var domain = String(address.unicodeScalars[address.unicodeScalars.index(after: at)...])
        if Self.dotAndTagInsensitiveDomains.contains(domain) {
            var scalars = String.UnicodeScalarView()
            for scalar in local.unicodeScalars {
                if scalar == "+" { break }
                if scalar != "." { scalars.append(scalar) }
            }
            // `+tag@gmail.com` has no mailbox name left; keep what was written rather than an empty key.
            if !scalars.isEmpty { local = String(scalars) }
            domain = "gmail.com"
        }
        self.localPart = local
        self.domain = domain
        self.key = local + "@" + domain
    }
}
