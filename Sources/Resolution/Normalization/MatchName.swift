import TenureCore

/// A person's name reduced to what matching compares: given name, initial, surname and suffix,
/// each in ``NameKey`` form, the given name in its canonical form when it is a nickname.
///
/// Built on TenureCore's ``PersonName``, which already separates honorifics, suffixes,
/// particles and the `Surname, Given` order the sources use.
public struct MatchName: Sendable, Hashable {
    /// The given name's key: the canonical name for an unambiguous nickname (`bill` → `william`),
    /// else as written; nil when only an initial or nothing was written.
    public let given: String?
    /// The given name's key as written (`bill`), which typos and unlisted nicknames are closer to.
    public let givenAsWritten: String?
    /// The canonical names an ambiguous nickname stands for (`chris`: christina, christine,
    /// christopher); empty otherwise.
    public let givenAlternatives: [String]
    /// The first letter of the (canonical) given name, or the initial written instead of it.
    public let initial: Unicode.Scalar?
    /// The surname's key, particles included (`vanderberg`); nil when missing or only an initial.
    public let surname: String?
    /// The surname's first letter, or the initial written instead of it (`John S.` in a
    /// relationship manager's note); nil when no surname was written.
    public let surnameInitial: Unicode.Scalar?
    /// `Jr`, `Sr`, `II`, `III` or `IV`, as TenureCore writes them.
    public let suffix: String?

    /// Whether only an initial stands for the given name (`J. Smith`).
    public var hasOnlyInitial: Bool { given == nil && initial != nil }

    /// Whether only an initial stands for the surname (`John S.`).
    public var hasOnlySurnameInitial: Bool { surname == nil && surnameInitial != nil }

    /// The name in free text (`SMITH, WILLIAM J.`, `Bill Smith Jr`), or nil when it has no words.
    public init?(parsing text: String, nicknames: NicknameTable = .english) {
        guard let parsed = PersonName(parsing: text) else { return nil }
        self.init(parsed, nicknames: nicknames)
    }

    /// The name kept in separate fields, as CRMs keep it; nil when both are empty.
    public init?(given: String?, surname: String?, nicknames: NicknameTable = .english) {
        // `Surname, Given` is the form TenureCore reads without guessing where the surname
        // starts; `_` holds the place of a missing part and has no key.
        let text = "\(surname ?? "_"), \(given ?? "_")"
        guard let parsed = PersonName(parsing: text) else { return nil }
        self.init(parsed, nicknames: nicknames)
        guard self.surname != nil || surnameInitial != nil || initial != nil else { return nil }
    }

    /// The matching form of an already parsed name.
    public init(_ name: PersonName, nicknames: NicknameTable = .english) {
        let givenKey = name.given.map(NameKey.key) ?? ""
        let surnameKey = name.surname.map(NameKey.key) ?? ""
        if givenKey.unicodeScalars.count > 1 {
            let canonical = nicknames.canonicalNames(for: givenKey)
            given = canonical.count == 1 ? canonical[0] : givenKey
            givenAsWritten = givenKey
            givenAlternatives = canonical.count == 1 ? [] : canonical
        } else {
            given = nil
            givenAsWritten = nil
            givenAlternatives = []
        }
        initial = (given ?? givenKey).unicodeScalars.first
        // A one-letter surname (`John S.` in a sheet) is an initial: too little to compare as a
        // surname or to block on as one, but it agrees or disagrees with a surname's first letter.
        surname = surnameKey.unicodeScalars.count > 1 ? surnameKey : nil
        surnameInitial = surnameKey.unicodeScalars.first
        suffix = name.suffix
    }

    /// A name from parts already in key form, for tests and callers that normalise themselves.
    /// `surnameInitial` defaults to the surname's first letter.
    public init(given: String?, givenAsWritten: String? = nil, givenAlternatives: [String] = [], initial: Unicode.Scalar?,
                surname: String?, suffix: String?, surnameInitial: Unicode.Scalar? = nil) {
        self.given = given
        self.givenAsWritten = givenAsWritten ?? given
        self.givenAlternatives = givenAlternatives
        self.initial = initial ?? given?.unicodeScalars.first
        self.surname = surname
        self.surnameInitial = surnameInitial ?? surname?.unicodeScalars.first
        self.suffix = suffix
    }
}
