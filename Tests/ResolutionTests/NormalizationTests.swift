import Resolution
import Testing

@Suite("Normalization: names, nicknames, e-mails, phones, dates")
struct NormalizationTests {
    @Test("name keys drop case, accents, punctuation and spaces", arguments: [
        ("O'Brien", "obrien"), ("OBRIEN", "obrien"), ("Muñoz", "munoz"), ("Van der Berg", "vanderberg"),
        ("St. John", "stjohn"), ("Smith-Jones", "smithjones"), ("Łukasz", "lukasz"), ("Straße", "strasse"),
        ("ZOË", "zoe"), ("Ærø", "aero"), ("O’Connor", "oconnor"), ("Nakamura 中村", "nakamura中村"),
    ])
    func nameKeys(text: String, key: String) {
        #expect(NameKey.key(text) == key)
    }

    /// The simulated bank's nicknames (Simulator's `NamePool.nicknames`), copied: Resolution must cover them all.
    @Test("every nickname the simulated bank uses maps to its name")
    func simulatorNicknames() {
        for (name, nicknames) in SyntheticPeople.nicknames {
            let canonical = NameKey.key(name)
            #expect(NicknameTable.english.canonicalNames(for: canonical) == [canonical], "\(name)")
            for nickname in nicknames {
                #expect(NicknameTable.english.canonicalNames(for: NameKey.key(nickname)).contains(canonical), "\(nickname) → \(name)")
            }
        }
    }

    @Test("nicknames: canonical names stay, ambiguous nicknames keep their candidates")
    func nicknameTable() {
        let table = NicknameTable.english
        #expect(table.canonicalNames(for: "bill") == ["william"])
        #expect(table.canonicalNames(for: "jack") == ["john"])
        #expect(table.canonicalNames(for: "john") == ["john"])
        #expect(table.canonicalNames(for: "chris") == ["christina", "christine", "christopher"])
        #expect(table.canonicalNames(for: "priya") == ["priya"])
        #expect(NicknameTable.none.canonicalNames(for: "bill") == ["bill"])
    }

    @Test("matching names: parts, nicknames, initials, suffixes")
    func matchNames() throws {
        let comma = try #require(MatchName(parsing: "SMITH, WILLIAM J."))
        #expect(comma.given == "william" && comma.surname == "smith" && comma.initial == "w")
        let nickname = try #require(MatchName(parsing: "Bill Smith Jr"))
        #expect(nickname.given == "william" && nickname.givenAsWritten == "bill" && nickname.suffix == "Jr")
        #expect(nickname.initial == "w")
        let initial = try #require(MatchName(parsing: "J. Smith"))
        #expect(initial.given == nil && initial.initial == "j" && initial.hasOnlyInitial && initial.surname == "smith")
        let decorated = try #require(MatchName(parsing: "Mrs. Mary O'Brien (VIP)"))
        #expect(decorated.given == "mary" && decorated.surname == "obrien")
        let sheet = try #require(MatchName(parsing: "John S."))
        #expect(sheet.given == "john" && sheet.surname == nil && sheet.surnameInitial == "s" && sheet.hasOnlySurnameInitial)
        #expect(initial.surnameInitial == "s" && !initial.hasOnlySurnameInitial)
        let ambiguous = try #require(MatchName(parsing: "Chris Evans"))
        #expect(ambiguous.given == "chris" && ambiguous.givenAlternatives == ["christina", "christine", "christopher"])
        #expect(MatchName(parsing: "  ") == nil)
    }

    @Test("matching names from separate given and surname fields")
    func separateFields() throws {
        let name = try #require(MatchName(given: "Bob", surname: "Van der Berg"))
        #expect(name.given == "robert" && name.surname == "vanderberg")
        let surnameOnly = try #require(MatchName(given: nil, surname: "Smith Jr."))
        #expect(surnameOnly.given == nil && surnameOnly.initial == nil && surnameOnly.surname == "smith" && surnameOnly.suffix == "Jr")
        let givenOnly = try #require(MatchName(given: "Mary Ann", surname: nil))
        #expect(givenOnly.given == "mary" && givenOnly.surname == nil)
        #expect(MatchName(given: nil, surname: nil) == nil)
        #expect(MatchName(given: " ", surname: "") == nil)
    }

    @Test("Gmail addresses lose dots and +tags; other providers keep them")
    func emails() throws {
        let gmail = try #require(MatchEmail(" John.Smith+bank@GMail.com "))
        #expect(gmail.key == "johnsmith@gmail.com" && gmail.localPart == "johnsmith" && gmail.domain == "gmail.com")
        #expect(MatchEmail("j.o.h.n.smith@googlemail.com")?.key == "johnsmith@gmail.com")
        let yahoo = try #require(MatchEmail("John.Smith+bank@Yahoo.com"))
        #expect(yahoo.key == "john.smith+bank@yahoo.com" && yahoo.localPart == "john.smith+bank")
        #expect(MatchEmail("john.smith@outlook.com")?.key == "john.smith@outlook.com")
        #expect(MatchEmail("+tag@gmail.com")?.key == "+tag@gmail.com")
        for junk in ["john.smith@", "N/A", "", "john@gmail"] { #expect(MatchEmail(junk) == nil, "\(junk)") }
    }

    @Test("phones: every format gives the same digits and last seven", arguments: [
        "6305333428", "630-533-3428", "(630) 533-3428", "+16305333428", "1-630-533-3428", "630.533.3428",
    ])
    func phones(text: String) throws {
        let phone = try #require(MatchPhone(text))
        #expect(phone.digits == "16305333428" && phone.isComplete && phone.lastSeven == 5_333_428)
    }

    @Test("phones: partial numbers keep their last seven; placeholders are nothing")
    func partialPhones() throws {
        let local = try #require(MatchPhone("533-3428"))
        #expect(local.digits == "5333428" && !local.isComplete && local.lastSeven == 5_333_428)
        let international = try #require(MatchPhone("+44 20 7946 0958"))
        #expect(international.digits == "442079460958" && international.isComplete && international.lastSeven == 9_460_958)
        for junk in ["N/A", "000", "555-01", "000-0000", "none", ""] { #expect(MatchPhone(junk) == nil, "\(junk)") }
    }

    @Test("dates: every form reads; day and month swapped is noticed")
    func dates() throws {
        let date = try #require(MatchDate("1985-03-07"))
        #expect(MatchDate("07/03/1985") == date)
        #expect(MatchDate("03-07-1985") == date)
        let swapped = try #require(MatchDate("1985-07-03"))
        #expect(date.isTransposed(with: swapped) && swapped.isTransposed(with: date))
        #expect(!date.isTransposed(with: date))
        let sameDayAndMonth = try #require(MatchDate("1985-03-03"))
        #expect(!sameDayAndMonth.isTransposed(with: sameDayAndMonth))
        #expect(try !date.isTransposed(with: #require(MatchDate("1986-07-03"))))
        #expect(MatchDate("31/02/1985") == nil && MatchDate("N/A") == nil)
    }

    @Test("Soundex codes", arguments: [
        ("Robert", "R163"), ("Rupert", "R163"), ("Ashcraft", "A261"), ("Tymczak", "T522"), ("Pfister", "P236"),
        ("Honeyman", "H555"), ("Lee", "L000"), ("O'Brien", "O165"), ("Smith", "S530"), ("Smyth", "S530"),
    ])
    func soundex(name: String, code: String) {
        #expect(Soundex.code(name) == code)
    }

    @Test("records read raw text fields and leave unreadable ones missing")
    func records() {
        let record = Record(sourceSystem: "sheets", sourceID: "7", name: "Bill Smith", email: "john@", phone: "N/A", birthDate: "07/03/1985")
        #expect(record.id == RecordID(sourceSystem: "sheets", sourceID: "7"))
        #expect(record.name?.given == "william" && record.email == nil && record.phone == nil)
        #expect(record.birthDate == MatchDate("1985-03-07"))
    }
}
