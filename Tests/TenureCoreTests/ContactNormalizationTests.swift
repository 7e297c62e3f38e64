import Testing
import TenureCore

@Suite("Normalization: phones, e-mails, amounts, letter case")
struct ContactNormalizationTests {
    @Test("every phone format the bank's systems hold gives E.164", arguments: [
        "6305333428", "630-533-3428", "(630) 533-3428", "+16305333428", " +1 (630) 533-3428 ", "16305333428",
        "1-630-533-3428", "630.533.3428", "tel: 630 533 3428",
    ])
    func phones(input: String) {
        #expect(PhoneNumber.e164(input) == "+16305333428")
    }

    @Test("international numbers keep their digits; other text gives nil")
    func otherPhones() {
        #expect(PhoneNumber.e164("+44 20 7946 0958") == "+442079460958")
        #expect(PhoneNumber.e164("+49 30 1234") == "+49301234")
        #expect(PhoneNumber.e164("+1234567") == nil)
        #expect(PhoneNumber.e164("+1234567890123456") == nil)
        #expect(PhoneNumber.e164("\u{A0}+442079460958") == "+442079460958")
        #expect(PhoneNumber.e164("26305333428") == nil)
        #expect(PhoneNumber.e164("442079460958") == nil)
        #expect(PhoneNumber.e164("1+6305333428") == "+16305333428")
        for junk in ["N/A", "000", "555-01", "none", "", "   ", "+", "630533342", "12345678901234567890"] {
            #expect(PhoneNumber.e164(junk) == nil, "\(junk)")
        }
    }

    @Test("e-mail addresses are trimmed and lowered; implausible ones give nil")
    func emails() {
        #expect(EmailAddress.normalized("John.Smith@Gmail.com") == "john.smith@gmail.com")
        #expect(EmailAddress.normalized(" JOHN.SMITH@GMAIL.COM ") == "john.smith@gmail.com")
        #expect(EmailAddress.normalized("john+bank@gmail.com") == "john+bank@gmail.com")
        #expect(EmailAddress.normalized("ZOË@EXAMPLE.ORG") == "zoë@example.org")
        #expect(EmailAddress.normalized("a@b.co.uk") == "a@b.co.uk")
        for junk in ["john.smith@", "@gmail.com", "john@gmail", "john@@gmail.com", "jo hn@gmail.com", "john@gmail..com",
                     "john@.gmail.com", "john@gmail.com.", "john@gm ail.com", "a@b@c.com", "", "N/A", "john\t@x.com"] {
            #expect(EmailAddress.normalized(junk) == nil, "\(junk)")
        }
    }

    @Test("amounts as typed in sheets", arguments: [
        ("123.45", 123.45), ("$1,234.50", 1234.5), ("(123.45)", -123.45), ("-$5", -5), ("$-5", -5), (" 1 000 ", 1000),
        ("12.", 12), (".5", 0.5), ("-.5", -0.5), ("($1,000.00)", -1000), ("0", 0), ("007", 7),
    ])
    func amounts(input: String, expected: Double) {
        #expect(MoneyText.amount(input) == expected)
    }

    @Test("text that is no amount gives nil", arguments: [
        "N/A", "", "$", "-", "()", "(-5)", "-(5)", "1.2.3", "1e5", "+5", "12-", "5%", "€5", "(5", "5)", "--5", ".",
        String(repeating: "9", count: 101),
    ])
    func rejectsAmounts(input: String) {
        #expect(MoneyText.amount(input) == nil)
    }

    @Test("the case table is one to one and covers ASCII and Latin letters")
    func letterCase() {
        for pair in LetterCase.nonASCIIPairs {
            #expect(LetterCase.lowercased(pair.upper) == pair.lower)
            #expect(LetterCase.uppercased(pair.lower) == pair.upper)
        }
        #expect(LetterCase.nonASCIIPairs.count == 92)
        #expect(Set(LetterCase.nonASCIIPairs.map(\.lower)).count == 92)
        for value in UInt32(0)...0x2FF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let lower = LetterCase.lowercased(scalar)
            if lower != scalar { #expect(LetterCase.uppercased(lower) == scalar) }
            let upper = LetterCase.uppercased(scalar)
            if upper != scalar { #expect(LetterCase.lowercased(upper) == scalar) }
        }
        #expect(LetterCase.lowercased("ÀÉÎÕÜŸŁŽ AZ ß") == "àéîõüÿłž az ß")
    }

    @Test("whitespace is the fixed set")
    func whitespace() {
        #expect(Whitespace.trimmed(" \t\n\u{0B}\u{0C}\r\u{A0}x y\u{A0}") == "x y")
        #expect(Whitespace.trimmed("\u{2003}x") == "\u{2003}x")
        #expect(Whitespace.collapsed("  a\tb\u{A0}\u{A0}c ") == "a b c")
        #expect(Whitespace.collapsed(" \t ") == "")
    }
}
