/// One source record as matching sees it: where it comes from and its normalised fields,
/// each optional because every source leaves some out.
public struct Record: Sendable, Hashable {
    /// The record's system and id.
    public let id: RecordID
    /// The person's name.
    public var name: MatchName?
    /// The e-mail address.
    public var email: MatchEmail?
    /// The telephone number.
    public var phone: MatchPhone?
    /// The date of birth.
    public var birthDate: MatchDate?

    /// A record with fields already normalised.
    public init(id: RecordID, name: MatchName? = nil, email: MatchEmail? = nil, phone: MatchPhone? = nil, birthDate: MatchDate? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.birthDate = birthDate
    }

    /// A record from raw text fields, each normalised by its `Match…` type; text that
    /// does not read as a value (`N/A`, `john@`) leaves the field missing.
    public init(sourceSystem: String, sourceID: String, name: String? = nil, email: String? = nil, phone: String? = nil,
                birthDate: String? = nil, nicknames: NicknameTable = .english) {
        self.init(id: RecordID(sourceSystem: sourceSystem, sourceID: sourceID),
                  name: name.flatMap { MatchName(parsing: $0, nicknames: nicknames) },
                  email: email.flatMap(MatchEmail.init),
                  phone: phone.flatMap(MatchPhone.init),
                  birthDate: birthDate.flatMap(MatchDate.init))
    }
}
