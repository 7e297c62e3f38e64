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
    /// Free-form fields by name (`postcode`, `suburb`, `soc_sec_id`…), each in ``TextKey`` form;
    /// a missing value has no entry. Comparators and blocking keys name the ones they read.
    public var attributes: [String: String]

    /// A record with fields already normalised (`attributes` in ``TextKey`` form).
    public init(id: RecordID, name: MatchName? = nil, email: MatchEmail? = nil, phone: MatchPhone? = nil, birthDate: MatchDate? = nil,
                attributes: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.birthDate = birthDate
        self.attributes = attributes
    }

    /// A record from raw text fields, each normalised by its `Match…` type (attributes by
    /// ``TextKey``); text that does not read as a value (`N/A`, `john@`, `  `) leaves the field missing.
    public init(sourceSystem: String, sourceID: String, name: String? = nil, email: String? = nil, phone: String? = nil,
                birthDate: String? = nil, nicknames: NicknameTable = .english, attributes: [String: String?] = [:]) {
        var keys: [String: String] = [:]
        for (attribute, text) in attributes {
            if let key = text.flatMap(TextKey.key) { keys[attribute] = key }
        }
        self.init(id: RecordID(sourceSystem: sourceSystem, sourceID: sourceID),
                  name: name.flatMap { MatchName(parsing: $0, nicknames: nicknames) },
                  email: email.flatMap(MatchEmail.init),
                  phone: phone.flatMap(MatchPhone.init),
                  birthDate: birthDate.flatMap(MatchDate.init),
                  attributes: keys)
    }

    /// Sets attribute `name` from raw text, normalised by ``TextKey``; text without letters or
    /// digits (or nil) removes it.
    public mutating func setAttribute(_ name: String, text: String?) {
        attributes[name] = text.flatMap(TextKey.key)
    }
}
