/// A person's name taken apart and written one way: the rules of the SQL function
/// `tenure_person_name`.
///
/// Whitespace is trimmed and collapsed; remarks in parentheses (`(VIP)`) and a leading
/// honorific (`Mr.`, `Mrs`, `Ms.`, `Miss`, `Mx`, `Dr.`) are dropped; a trailing suffix (`Jr`,
/// `Jr.`, `JR.`, `Sr`, `SR.`, `II`, `III`, `IV`, with or without a comma before it) is split off
/// and written `Jr`, `Sr`, `II`, `III` or `IV`. If a comma remains (`WILLIAMS, ADAM J.`), what
/// precedes it is the surname and what follows is given name and middle names. Otherwise the
/// first word is the given name, the last the surname, and the words between middle names,
/// except that the surname takes along the particles before it (`Van der Berg`, `St. John`,
/// `de la Cruz`), which are surnames' words, not middle names. A lone word is a surname (CRM
/// records require the last name, not the first).
///
/// Every word is title-cased: its first letter and every letter after a hyphen or an apostrophe
/// in upper case, the rest in lower case (`O'Brien`, `Smith-Jones`), and a word starting with
/// `Mc` gets the next letter in upper case (`McDonald`); case follows ``LetterCase``. A single
/// letter, with or without a period, is an initial and is written `J.`.
public struct PersonName: Sendable, Hashable {
    /// The parts `tenure_person_name` can return, named as its second argument.
    public enum Part: String, Sendable, CaseIterable {
        /// Given name, middle names and surname, without the suffix.
        case full
        /// The first name.
        case given
        /// The words between the given name and the surname.
        case middle
        /// The family name, particles included.
        case surname
        /// `Jr`, `Sr`, `II`, `III` or `IV`.
        case suffix
    }

    /// The first name, or nil when only a surname was written.
    public let given: String?
    /// The middle names or initials, joined by one space; nil when there are none.
    public let middle: String?
    /// The family name; nil only when the name has no words.
    public let surname: String?
    /// The canonical suffix (`Jr`, `Sr`, `II`, `III`, `IV`), or nil.
    public let suffix: String?

    /// Given name, middle names and surname, separated by single spaces.
    public var full: String? {
        let words = [given, middle, surname].compactMap { $0 }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The name in `text`, or nil when it has no words.
    public init?(parsing text: String) {
        guard let parsed = PersonNameParser.parse(text) else { return nil }
        self = parsed
    }

    /// Honorifics dropped before the given name, in lower case, with and without a period.
    public static let honorifics: Set<String> = ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "dr", "dr."]

    /// Suffix spellings in lower case, with their canonical form.
    public static let suffixSpellings: [String: String] = [
        "jr": "Jr", "jr.": "Jr", "sr": "Sr", "sr.": "Sr", "ii": "II", "iii": "III", "iv": "IV",
    ]

    /// Words, in lower case, that belong to the surname after them (`Van der Berg`, `St. John`).
    public static let surnameParticles: Set<String> = [
        "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "la", "le",
        "saint", "st", "st.", "ste", "ste.", "ter", "van", "von",
    ]

    /// A name made of already clean parts.
    init(given: String?, middle: String?, surname: String?, suffix: String?) {
        self.given = given
        self.middle = middle
        self.surname = surname
        self.suffix = suffix
    }

    /// The requested part.
    public subscript(part: Part) -> String? {
        switch part {
        case .full: full
        case .given: given
        case .middle: middle
        case .surname: surname
        case .suffix: suffix
        }
    }

    /// `tenure_person_name(text, part)`: the part named `part` (`full`, `given`, `middle`,
    /// `surname`, `suffix`) of the name in `text`; nil for an unknown part or an empty name.
    public static func part(_ part: String, of text: String) -> String? {
        guard let part = Part(rawValue: part) else { return nil }
        return PersonName(parsing: text)?[part]
    }
}
