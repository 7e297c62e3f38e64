/// A value records are grouped by: only records sharing it (and every other key of the same
/// rule) are compared.
public enum BlockingKey: Sendable, Hashable, CustomStringConvertible {
    /// The e-mail key.
    case email
    /// The e-mail key's local part.
    case emailLocalPart
    /// The canonical given name.
    case givenName
    /// The given name's first letter.
    case givenInitial
    /// The surname.
    case surname
    /// The surname's Soundex code, which survives most misspellings.
    case surnameSoundex
    /// The surname's first letter, whether the surname is written in full or as an initial.
    case surnameInitial
    /// The date of birth.
    case birthDate
    /// The year of birth.
    case birthYear
    /// The phone's digits.
    case phone
    /// The phone's last seven digits.
    case phoneLastSeven
    /// A free-form attribute's value (``Record/attributes``), whole or, with `first`, its first
    /// `first` characters (``TextKey`` form, so spaces count).
    case attribute(String, first: Int? = nil)

    /// The keys on the fixed fields, every one but ``attribute(_:first:)``.
    public static let allCases: [BlockingKey] = [
        .email, .emailLocalPart, .givenName, .givenInitial, .surname, .surnameSoundex, .surnameInitial,
        .birthDate, .birthYear, .phone, .phoneLastSeven,
    ]

    /// A fixed field's key by name (`surname_soundex`); nil for any other name.
    public init?(rawValue: String) {
        guard let key = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = key
    }

    /// The key's name: `surname_soundex`, or for an attribute its name (`postcode`, `first 3 of postcode`).
    public var rawValue: String {
        switch self {
        case .email: "email"
        case .emailLocalPart: "email_local_part"
        case .givenName: "given_name"
        case .givenInitial: "given_initial"
        case .surname: "surname"
        case .surnameSoundex: "surname_soundex"
        case .surnameInitial: "surname_initial"
        case .birthDate: "birth_date"
        case .birthYear: "birth_year"
        case .phone: "phone"
        case .phoneLastSeven: "phone_last_seven"
        case .attribute(let name, let first): first.map { "first \($0) of \(name)" } ?? name
        }
    }

    /// The key's name (``rawValue``).
    public var description: String { rawValue }

    /// Whether pairs this key forces to agree tell nothing about `comparator`'s m: the key is
    /// made from the field the comparator reads.
    func constrains(_ comparator: FieldComparator) -> Bool {
        switch self {
        case .email, .emailLocalPart: comparator.field == .email
        case .givenName, .givenInitial: comparator.field == .givenName
        case .surname, .surnameSoundex, .surnameInitial: comparator.field == .surname
        case .birthDate, .birthYear: comparator.field == .birthDate
        case .phone, .phoneLastSeven: comparator.field == .phone
        case .attribute(let name, _): comparator.field == .attribute && comparator.attribute == name
        }
    }
}

/// A ``BlockingKey`` bound to a ``RecordTable``: attribute names resolved to slots once, so the
/// per-record loop reads columns only.
enum TableKey: Sendable {
    case fixed(BlockingKey)
    case attribute(slot: Int)
    case prefix(slot: Int, index: Int)
    /// An attribute the table does not hold: every record lacks it.
    case absent

    init(_ key: BlockingKey, table: RecordTable) {
        switch key {
        case .attribute(let name, let first):
            if let first {
                if let slot = table.schema.slot(of: name), let index = table.schema.prefix(of: name, length: first) {
                    self = .prefix(slot: slot, index: index)
                } else {
                    self = .absent
                }
            } else {
                self = table.schema.slot(of: name).map { .attribute(slot: $0) } ?? .absent
            }
        default:
            self = .fixed(key)
        }
    }

    /// The key of record `i` as a number below 2³², 0 when the record lacks it.
    @inline(__always)
    func value(in table: RecordTable, _ i: Int) -> UInt32 {
        switch self {
        case .fixed(let key):
            switch key {
            case .email: UInt32(bitPattern: table.email[i] + 1)
            case .emailLocalPart: UInt32(bitPattern: table.emailLocal[i] + 1)
            case .givenName: UInt32(bitPattern: table.given[i] + 1)
            case .givenInitial: table.initial[i]
            case .surname: UInt32(bitPattern: table.surname[i] + 1)
            case .surnameSoundex: table.surname[i] < 0 ? 0 : table.surnameSoundex[Int(table.surname[i])]
            case .surnameInitial: table.surnameInitial[i]
            case .birthDate: table.birthDate[i] < 0 ? 0 : UInt32(bitPattern: table.birthDateValues[Int(table.birthDate[i])])
            case .birthYear: table.birthDate[i] < 0 ? 0 : UInt32(bitPattern: table.birthDateValues[Int(table.birthDate[i])] / 10_000)
            case .phone: UInt32(bitPattern: table.phone[i] + 1)
            case .phoneLastSeven: UInt32(bitPattern: table.phoneLastSeven[i] + 1)
            case .attribute: 0
            }
        case .attribute(let slot):
            UInt32(bitPattern: table.attribute(slot, i) + 1)
        case .prefix(let slot, let index):
            table.attribute(slot, i) < 0 ? 0 : UInt32(bitPattern: table.prefixOfValue[index][Int(table.attribute(slot, i))] + 1)
        case .absent:
            0
        }
    }
}
