/// A value records are grouped by: only records sharing it (and every other key of the same
/// rule) are compared.
public enum BlockingKey: String, Sendable, Hashable, CaseIterable {
    /// The e-mail key.
    case email
    /// The e-mail key's local part.
    case emailLocalPart = "email_local_part"
    /// The canonical given name.
    case givenName = "given_name"
    /// The given name's first letter.
    case givenInitial = "given_initial"
    /// The surname.
    case surname
    /// The surname's Soundex code, which survives most misspellings.
    case surnameSoundex = "surname_soundex"
    /// The date of birth.
    case birthDate = "birth_date"
    /// The year of birth.
    case birthYear = "birth_year"
    /// The phone's digits.
    case phone
    /// The phone's last seven digits.
    case phoneLastSeven = "phone_last_seven"

    /// The field the key is made from: a comparator of that field cannot learn its m from pairs
    /// this key forced to agree.
    var field: FieldComparator.Field {
        switch self {
        case .email, .emailLocalPart: .email
        case .givenName, .givenInitial: .givenName
        case .surname, .surnameSoundex: .surname
        case .birthDate, .birthYear: .birthDate
        case .phone, .phoneLastSeven: .phone
        }
    }

    /// The key of record `i` as a number below 2³², 0 when the record lacks it.
    @inline(__always)
    func value(in table: RecordTable, _ i: Int) -> UInt32 {
        switch self {
        case .email: UInt32(bitPattern: table.email[i] + 1)
        case .emailLocalPart: UInt32(bitPattern: table.emailLocal[i] + 1)
        case .givenName: UInt32(bitPattern: table.given[i] + 1)
        case .givenInitial: table.initial[i]
        case .surname: UInt32(bitPattern: table.surname[i] + 1)
        case .surnameSoundex: table.surname[i] < 0 ? 0 : table.surnameSoundex[Int(table.surname[i])]
        case .birthDate: table.birthDate[i] < 0 ? 0 : UInt32(bitPattern: table.birthDateValues[Int(table.birthDate[i])])
        case .birthYear: table.birthDate[i] < 0 ? 0 : UInt32(bitPattern: table.birthDateValues[Int(table.birthDate[i])] / 10_000)
        case .phone: UInt32(bitPattern: table.phone[i] + 1)
        case .phoneLastSeven: UInt32(bitPattern: table.phoneLastSeven[i] + 1)
        }
    }
}
