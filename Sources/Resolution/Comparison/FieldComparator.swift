/// Compares one field of two records and grades the result into named levels, best first,
/// so that each level can carry its own match weight.
///
/// A comparator returns a level index (0 is the best, the last is "else"), or nil when either
/// record lacks the field: a missing value says nothing either way and contributes weight 0.
public struct FieldComparator: Sendable, Hashable {
    /// The fields a comparator can read.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// The given name: exact (nicknames canonical), Jaro–Winkler bands, one edit apart
        /// (short names, where Jaro–Winkler punishes one slip hardest), initial, else.
        case givenName = "given_name"
        /// The surname: exact, Jaro–Winkler bands, one edit apart, initial (one side wrote only
        /// the surname's initial, and it agrees), else.
        case surname
        /// The e-mail key: exact, same local part, else.
        case email
        /// The phone: exact, last seven digits, else.
        case phone
        /// The date of birth: exact, day and month transposed, one digit apart, same year, else.
        case birthDate = "birth_date"
        /// The name suffix (`Jr`, `Sr`…): same, different.
        case suffix
        /// A free-form attribute named by ``FieldComparator/attribute``: exact, Jaro–Winkler
        /// bands, edit-distance bands, else, as configured.
        case attribute
    }

    /// The field compared.
    public let field: Field
    /// The name in explanations and `silver.match_pairs`.
    public let name: String
    /// Jaro–Winkler thresholds of the similarity levels, highest first (names only; at most four).
    public let similarityThresholds: [Double]
    /// Whether an exact agreement's weight is adjusted by how common the value is.
    public let termFrequencyAdjusted: Bool
    /// The levels' names, best first; the index of a name is the level.
    public let levelNames: [String]
    /// The attribute compared, for ``Field/attribute``; nil for the fixed fields.
    public let attribute: String?
    /// The edit-distance bands, for attributes: a pair within each number of Damerau–Levenshtein
    /// edits (1 to 3, ascending) has its own level, after the Jaro–Winkler bands.
    public let editDistances: [Int]
    /// Whether the surname has an `initial` level (one side wrote only the surname's initial).
    public let surnameInitialLevel: Bool

    /// The names of the edit-distance levels, by distance.
    static let editLevelNames = [1: "one edit apart", 2: "two edits apart", 3: "three edits apart"]

    /// The name of the level of a pair that lacks the field on either side.
    public static let nullLevelName = "null"

    private init(_ field: Field, name: String?, thresholds: [Double] = [], termFrequencyAdjusted: Bool,
                 attribute: String? = nil, editDistances: [Int] = [], surnameInitialLevel: Bool = false) {
        self.field = field
        self.name = name ?? attribute ?? field.rawValue
        self.attribute = attribute
        self.editDistances = Array(Set(editDistances.filter { (1...3).contains($0) })).sorted()
        self.surnameInitialLevel = surnameInitialLevel
        // Duplicates would make a level no pair can reach; out-of-range values compare nothing.
        // Four bands are more than any data set supports, and the hot path keeps them inline.
        self.similarityThresholds = Array(Array(Set(thresholds.filter { $0 > 0 && $0 <= 1 })).sorted(by: >).prefix(4))
        self.termFrequencyAdjusted = termFrequencyAdjusted
        let similarity = similarityThresholds.map { "jaro-winkler >= \($0)" }
        switch field {
        case .givenName: levelNames = ["exact"] + similarity + ["one edit apart", "initial", "else"]
        case .surname: levelNames = ["exact"] + similarity + ["one edit apart"] + (surnameInitialLevel ? ["initial"] : []) + ["else"]
        case .email: levelNames = ["exact", "same local part", "else"]
        case .phone: levelNames = ["exact", "last seven digits", "else"]
        case .birthDate: levelNames = ["exact", "day and month transposed", "one digit apart", "same year", "else"]
        case .suffix: levelNames = ["same", "different"]
        case .attribute:
            levelNames = ["exact"] + similarity + self.editDistances.compactMap { Self.editLevelNames[$0] } + ["else"]
        }
    }

    /// Given names; exact counts a nickname and its name as equal.
    public static func givenName(similarityThresholds: [Double] = [0.92, 0.80], termFrequencyAdjusted: Bool = true,
                                 name: String? = nil) -> FieldComparator {
        FieldComparator(.givenName, name: name, thresholds: similarityThresholds, termFrequencyAdjusted: termFrequencyAdjusted)
    }

    /// Surnames. With `initialLevel`, a surname written as an initial (`John S.`) that agrees with
    /// the other record's surname's first letter (or initial) reaches the level `initial`; two
    /// full surnames never do.
    public static func surname(similarityThresholds: [Double] = [0.92, 0.80], termFrequencyAdjusted: Bool = true,
                               name: String? = nil, initialLevel: Bool = true) -> FieldComparator {
        FieldComparator(.surname, name: name, thresholds: similarityThresholds, termFrequencyAdjusted: termFrequencyAdjusted,
                        surnameInitialLevel: initialLevel)
    }

    /// E-mail keys.
    public static func email(termFrequencyAdjusted: Bool = false, name: String? = nil) -> FieldComparator {
        FieldComparator(.email, name: name, termFrequencyAdjusted: termFrequencyAdjusted)
    }

    /// Phone numbers.
    public static func phone(termFrequencyAdjusted: Bool = false, name: String? = nil) -> FieldComparator {
        FieldComparator(.phone, name: name, termFrequencyAdjusted: termFrequencyAdjusted)
    }

    /// Dates of birth.
    public static func birthDate(termFrequencyAdjusted: Bool = false, name: String? = nil) -> FieldComparator {
        FieldComparator(.birthDate, name: name, termFrequencyAdjusted: termFrequencyAdjusted)
    }

    /// Name suffixes.
    public static func suffix(name: String? = nil) -> FieldComparator {
        FieldComparator(.suffix, name: name, termFrequencyAdjusted: false)
    }

    /// A free-form attribute (``Record/attributes``): exact; then one level per Jaro–Winkler
    /// threshold (highest first, at most four); then one per edit distance (`editDistances`, 1 to
    /// 3: `one edit apart`, `two edits apart`…); else. Named after the attribute unless `name` is given.
    public static func attribute(_ attribute: String, similarityThresholds: [Double] = [], editDistances: [Int] = [],
                                 termFrequencyAdjusted: Bool = false, name: String? = nil) -> FieldComparator {
        FieldComparator(.attribute, name: name, thresholds: similarityThresholds, termFrequencyAdjusted: termFrequencyAdjusted,
                        attribute: attribute, editDistances: editDistances)
    }

    /// Given name, surname, e-mail, phone and date of birth, with their default levels.
    public static let defaults: [FieldComparator] = [.givenName(), .surname(), .email(), .phone(), .birthDate()]

    /// The index of the last level, "else" (or "different").
    public var elseLevel: Int { levelNames.count - 1 }

    /// The level of `a` and `b` on this field, or nil when either lacks it.
    public func level(_ a: Record, _ b: Record) -> Int? {
        let table = RecordTable([a, b], schema: AttributeSchema(comparators: [self], rules: []))
        let level = ComparisonKernel(self, table: table).level(in: table, 0, 1)
        return level < 0 ? nil : level
    }

    /// The value ids of this field for every record of `table`, and how many distinct ids there are.
    func values(in table: RecordTable) -> (ids: [Int32], distinct: Int)? {
        switch field {
        case .givenName: (table.given, table.givenNames.count)
        case .surname: (table.surname, table.surnames.count)
        case .email: (table.email, table.emailCount)
        case .phone: (table.phone, table.phoneCount)
        case .birthDate: (table.birthDate, table.birthDateValues.count)
        case .suffix: nil
        case .attribute: attribute.flatMap(table.schema.slot).map { (table.attributeColumn($0), table.attributePool.count) }
        }
    }

    /// The name of `level`, or ``nullLevelName`` for nil.
    public func levelName(_ level: Int?) -> String {
        level.map { levelNames[$0] } ?? Self.nullLevelName
    }
}
