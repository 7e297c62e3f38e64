import Resolution
import Testing

@Suite("Comparison: each comparator's levels")
struct ComparatorTests {
    /// A record with only the fields given.
    func record(name: String? = nil, email: String? = nil, phone: String? = nil, birth: String? = nil) -> Record {
        Record(sourceSystem: "test", sourceID: "\(name ?? "")|\(email ?? "")|\(phone ?? "")|\(birth ?? "")",
               name: name, email: email, phone: phone, birthDate: birth)
    }

    func level(_ comparator: FieldComparator, _ a: Record, _ b: Record) -> String {
        let level = comparator.level(a, b)
        #expect(level == comparator.level(b, a), "comparisons are symmetric")
        return comparator.levelName(level)
    }

    @Test("given names: exact (nicknames too), similarity bands, one edit, initial, else, null")
    func givenNames() {
        let given = FieldComparator.givenName()
        #expect(given.levelNames == ["exact", "jaro-winkler >= 0.92", "jaro-winkler >= 0.8", "one edit apart", "initial", "else"])
        #expect(level(given, record(name: "William Smith"), record(name: "BILL SMITH")) == "exact")
        #expect(level(given, record(name: "Jon Smith"), record(name: "John Smith")) == "exact")
        #expect(level(given, record(name: "Chris Lee"), record(name: "Christine Lee")) == "exact")
        #expect(level(given, record(name: "Kate Lee"), record(name: "Kathy Lee")) == "exact")
        #expect(level(given, record(name: "Jonathon Smith"), record(name: "Jonathan Smith")) == "jaro-winkler >= 0.92")
        #expect(level(given, record(name: "Jakc Smith"), record(name: "Jack Smith")) == "jaro-winkler >= 0.92")
        #expect(level(given, record(name: "Dwayne Smith"), record(name: "Duane Smith")) == "jaro-winkler >= 0.8")
        #expect(level(given, record(name: "Zoe Smith"), record(name: "Zeo Smith")) == "one edit apart")
        #expect(level(given, record(name: "J. Smith"), record(name: "John Smith")) == "initial")
        #expect(level(given, record(name: "B. Smith"), record(name: "Bill Smith")) == "initial")
        #expect(level(given, record(name: "J. Smith"), record(name: "J Smith")) == "initial")
        #expect(level(given, record(name: "J. Smith"), record(name: "Mary Smith")) == "else")
        #expect(level(given, record(name: "John Smith"), record(name: "Mary Smith")) == "else")
        #expect(level(given, record(name: "Smith"), record(name: "John Smith")) == "null")
        #expect(level(given, record(), record(name: "John Smith")) == "null")
    }

    @Test("surnames: exact, similarity bands, one edit, initial, else, null")
    func surnames() {
        let surname = FieldComparator.surname()
        #expect(level(surname, record(name: "Ann O'Brien"), record(name: "ANN OBRIEN")) == "exact")
        #expect(level(surname, record(name: "Ann Johnson"), record(name: "Ann Jonhson")) == "jaro-winkler >= 0.92")
        #expect(level(surname, record(name: "Ann Smith"), record(name: "Ann Smythe")) == "jaro-winkler >= 0.8")
        #expect(level(surname, record(name: "Ann Kim"), record(name: "Ann Kmi")) == "one edit apart")
        #expect(level(surname, record(name: "Ann Smith"), record(name: "Ann Nguyen")) == "else")
        #expect(surname.levelNames == ["exact", "jaro-winkler >= 0.92", "jaro-winkler >= 0.8", "one edit apart", "initial", "else"])
        #expect(level(surname, record(name: "Ann S."), record(name: "Ann Smith")) == "initial")
        #expect(level(surname, record(), record(name: "Ann S.")) == "null")
    }

    @Test("e-mails: exact key, same local part, else, null")
    func emails() {
        let email = FieldComparator.email()
        #expect(level(email, record(email: "john.smith+bank@gmail.com"), record(email: "JohnSmith@googlemail.com")) == "exact")
        #expect(level(email, record(email: "john.smith@yahoo.com"), record(email: "john.smith@outlook.com")) == "same local part")
        #expect(level(email, record(email: "john.smith+bank@yahoo.com"), record(email: "john.smith@yahoo.com")) == "else")
        #expect(level(email, record(email: "john@x.com"), record(email: "jane@x.com")) == "else")
        #expect(level(email, record(email: "john@"), record(email: "john@x.com")) == "null")
    }

    @Test("phones: exact, last seven digits, else, null")
    func phones() {
        let phone = FieldComparator.phone()
        #expect(level(phone, record(phone: "(630) 533-3428"), record(phone: "+16305333428")) == "exact")
        #expect(level(phone, record(phone: "630-533-3428"), record(phone: "815-533-3428")) == "last seven digits")
        #expect(level(phone, record(phone: "533-3428"), record(phone: "630-533-3428")) == "last seven digits")
        #expect(level(phone, record(phone: "630-533-3428"), record(phone: "630-533-3429")) == "else")
        #expect(level(phone, record(phone: "N/A"), record(phone: "630-533-3428")) == "null")
    }

    @Test("dates of birth: exact, transposed, one digit apart, same year, else, null")
    func dates() {
        let date = FieldComparator.birthDate()
        #expect(level(date, record(birth: "1985-03-07"), record(birth: "07/03/1985")) == "exact")
        #expect(level(date, record(birth: "1985-03-07"), record(birth: "1985-07-03")) == "day and month transposed")
        #expect(level(date, record(birth: "1985-03-07"), record(birth: "1985-03-17")) == "one digit apart")
        #expect(level(date, record(birth: "1985-03-07"), record(birth: "1958-03-07")) == "one digit apart")
        #expect(level(date, record(birth: "1985-01-01"), record(birth: "1985-12-25")) == "same year")
        #expect(level(date, record(birth: "1985-01-01"), record(birth: "1990-06-15")) == "else")
        #expect(level(date, record(birth: "N/A"), record(birth: "1990-06-15")) == "null")
    }

    @Test("suffixes: same, different, null")
    func suffixes() {
        let suffix = FieldComparator.suffix()
        #expect(level(suffix, record(name: "John Smith Jr."), record(name: "JOHN SMITH, JR")) == "same")
        #expect(level(suffix, record(name: "John Smith Jr."), record(name: "John Smith Sr")) == "different")
        #expect(level(suffix, record(name: "John Smith"), record(name: "John Smith Sr")) == "null")
    }

    @Test("similarity thresholds are sorted and deduplicated into levels")
    func thresholds() {
        let surname = FieldComparator.surname(similarityThresholds: [0.7, 0.95, 0.7, 2])
        #expect(surname.similarityThresholds == [0.95, 0.7])
        #expect(surname.levelNames == ["exact", "jaro-winkler >= 0.95", "jaro-winkler >= 0.7", "one edit apart", "initial", "else"])
    }
}
