/// Masks for personal data shown to roles that do not see PII (see ``Role/seesPII``).
public enum PIIMask {
    /// The mask character.
    public static let bullet: Character = "•"

    /// `maria.lopez@gmail.com` → `m•••@gmail.com`: the first character and the domain stay.
    public static func email(_ email: String?) -> String? {
        guard let email else { return nil }
        guard let at = email.lastIndex(of: "@"), let first = email.first, at != email.startIndex else {
            return String(repeating: bullet, count: 3)
        }
        return String(first) + String(repeating: bullet, count: 3) + email[at...]
    }

    /// `+15551234567` → `•••••••4567`: one bullet for each digit but the last four, which stay.
    public static func phone(_ phone: String?) -> String? {
        guard let phone else { return nil }
        let digits = phone.filter { $0.isASCII && $0.isNumber }
        guard digits.count > 4 else { return String(repeating: bullet, count: max(digits.count, 3)) }
        return String(repeating: bullet, count: digits.count - 4) + digits.suffix(4)
    }
}
