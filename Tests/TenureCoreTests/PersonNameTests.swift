import Testing
import TenureCore

@Suite("Normalization: person names")
struct PersonNameTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let full: String?
        var given: String?
        var middle: String?
        var surname: String?
        var suffix: String?
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(input: "adam williams", full: "Adam Williams", given: "Adam", surname: "Williams"),
        Case(input: "WILLIAMS, ADAM", full: "Adam Williams", given: "Adam", surname: "Williams"),
        Case(input: "Williams, Adam J.", full: "Adam J. Williams", given: "Adam", middle: "J.", surname: "Williams"),
        Case(input: "J. Smith Jr.", full: "J. Smith", given: "J.", surname: "Smith", suffix: "Jr"),
        Case(input: "Mary K Jones, III", full: "Mary K. Jones", given: "Mary", middle: "K.", surname: "Jones", suffix: "III"),
        Case(input: "O'BRIEN", full: "O'Brien", surname: "O'Brien"),
        Case(input: "mary smith-jones", full: "Mary Smith-Jones", given: "Mary", surname: "Smith-Jones"),
        Case(input: "RONALD MCDONALD", full: "Ronald McDonald", given: "Ronald", surname: "McDonald"),
        Case(input: "ian mcallister sr.", full: "Ian McAllister", given: "Ian", surname: "McAllister", suffix: "Sr"),
        Case(input: "John Smith JR", full: "John Smith", given: "John", surname: "Smith", suffix: "Jr"),
        Case(input: "John Smith, JR.", full: "John Smith", given: "John", surname: "Smith", suffix: "Jr"),
        Case(input: "John Smith SR.", full: "John Smith", given: "John", surname: "Smith", suffix: "Sr"),
        Case(input: "john smith sr", full: "John Smith", given: "John", surname: "Smith", suffix: "Sr"),
        Case(input: "Henry Ford II", full: "Henry Ford", given: "Henry", surname: "Ford", suffix: "II"),
        Case(input: "Henry Ford iv", full: "Henry Ford", given: "Henry", surname: "Ford", suffix: "IV"),
        Case(input: "Williams Jr., Adam", full: "Adam Williams", given: "Adam", surname: "Williams", suffix: "Jr"),
        Case(input: "  mary   k.  jones  ", full: "Mary K. Jones", given: "Mary", middle: "K.", surname: "Jones"),
        Case(input: "Mary Ann Lee Jones", full: "Mary Ann Lee Jones", given: "Mary", middle: "Ann Lee", surname: "Jones"),
        Case(input: "Mary Van der Berg", full: "Mary Van Der Berg", given: "Mary", surname: "Van Der Berg"),
        Case(input: "KWAME ST. JOHN", full: "Kwame St. John", given: "Kwame", surname: "St. John"),
        Case(input: "VAN DER BERG, MARY", full: "Mary Van Der Berg", given: "Mary", surname: "Van Der Berg"),
        Case(input: "John S. (VIP)", full: "John S.", given: "John", surname: "S."),
        Case(input: "Mr. Smith", full: "Smith", surname: "Smith"),
        Case(input: "Mrs. Jane Doe", full: "Jane Doe", given: "Jane", surname: "Doe"),
        Case(input: "SMITH, JOHN (VIP)", full: "John Smith", given: "John", surname: "Smith"),
        Case(input: "j smith", full: "J. Smith", given: "J.", surname: "Smith"),
        Case(input: "ZOË ØRSTED", full: "Zoë Ørsted", given: "Zoë", surname: "Ørsted"),
        Case(input: "anne-marie d’arcy", full: "Anne-Marie D’Arcy", given: "Anne-Marie", surname: "D’Arcy"),
        Case(input: "Smith", full: "Smith", surname: "Smith"),
        Case(input: "Jr", full: "Jr", surname: "Jr"),
        Case(input: "Smith Jr", full: "Smith", surname: "Smith", suffix: "Jr"),
        Case(input: "Mc", full: "Mc", surname: "Mc"),
        Case(input: "é. dupont", full: "É. Dupont", given: "É.", surname: "Dupont"),
        Case(input: "Smith,", full: "Smith", surname: "Smith"),
        Case(input: ", Smith", full: "Smith", surname: "Smith"),
        Case(input: "Dr.", full: "Dr.", surname: "Dr."),
        Case(input: "(VIP)", full: nil),
        Case(input: "", full: nil),
        Case(input: " \t ", full: nil),
    ]

    @Test("names are taken apart and written one way", arguments: cases)
    func parts(_ example: Case) {
        let name = PersonName(parsing: example.input)
        #expect(name?.full == example.full)
        #expect(name?.given == example.given)
        #expect(name?.middle == example.middle)
        #expect(name?.surname == example.surname)
        #expect(name?.suffix == example.suffix)
        #expect(PersonName.part("full", of: example.input) == example.full)
        #expect(PersonName.part("suffix", of: example.input) == example.suffix)
    }

    @Test("an unknown part gives nil")
    func unknownPart() {
        #expect(PersonName.part("Given", of: "Adam Williams") == nil)
        #expect(PersonName.part("first", of: "Adam Williams") == nil)
        #expect(PersonName.part("given", of: "Adam Williams") == "Adam")
    }
}
