import TenureCore
/// Inputs for the portable SQL functions: hand-picked edges plus a few hundred generated values in
/// every form the bank's systems write (see the Simulator's `Scribe` and `NamePool`), from a
/// fixed seed so a failure reproduces.
enum PortableFunctionCorpus {
    /// TenureCore's SplitMix64, with the draws the corpus needs.
    struct Random {
        private var source: SplitMix64

        init(state: UInt64) { source = SplitMix64(seed: state) }

        mutating func next() -> UInt64 { source.next() }

        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }

        mutating func chance(_ probability: Double) -> Bool {
            Double(next() % 1_000_000) / 1_000_000 < probability
        }

        mutating func pick<T>(_ items: [T]) -> T {
            items[int(0...(items.count - 1))]
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A year, month and day, sometimes out of range or impossible.
    static func someDay(_ random: inout Random) -> (year: Int, month: Int, day: Int) {
        let year = random.chance(0.05) ? random.pick([1799, 1800, 2199, 2200, 2024, 2023, 2000, 1900, 2100]) : random.int(1900...2100)
        let month = random.chance(0.03) ? random.pick([0, 13, 31]) : random.int(1...12)
        let day = random.chance(0.1) ? random.pick([28, 29, 30, 31, 0, 32]) : random.int(1...28)
        return (year, month, day)
    }

    static let whitespaceNoise = ["", "", "", "", " ", "  ", "\t", "\u{A0}", "\n"]

    static let dates: [String] = {
        var random = Random(state: 1)
        var values = [
            "", " ", "N/A", "TBD", "2024", "31/02/2024", "00-00-0000", "2024-03-07", "07/03/2024", "03-07-2024",
            "2024/03/07", "2024-3-7", "2024-03-07T10:15:00Z", "2024-03-07 9:05", "01/13/2024", "13-01-2024", "13/13/2024",
            "29/02/2024", "29/02/2023", "2024-13-01", "20240115", "2024-01-15T", "2024/01/15 10:00", "1/2/24",
            "2024-01-15\n10:00", "15.01.2024", "２０２４-01-15", "2024-01-15 10:00 ", "\u{A0}7/3/2024\u{A0}",
        ]
        for _ in 0..<300 {
            let (y, m, d) = someDay(&random)
            let text: String
            switch random.int(0...8) {
            case 8: text = "\(pad(m, 2))/\(pad(d, 2))/\(pad(y, 4))"
            case 0: text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
            case 1: text = "\(pad(y, 4))-\(m)-\(d)"
            case 2: text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))\(random.pick(["T", " "]))\(random.int(0...23)):\(pad(random.int(0...59), 2))\(random.pick(["", ":00", ":12.5Z", "+05:00"]))"
            case 3: text = "\(pad(y, 4))/\(pad(m, 2))/\(pad(d, 2))"
            case 4: text = "\(pad(d, 2))/\(pad(m, 2))/\(pad(y, 4))"
            case 5: text = "\(d)/\(m)/\(y)"
            case 6: text = "\(pad(m, 2))-\(pad(d, 2))-\(pad(y, 4))"
            default: text = "\(pad(d, 2))-\(pad(m, 2))-\(pad(y, 4))"
            }
            values.append(random.pick(whitespaceNoise) + text + random.pick(whitespaceNoise))
        }
        return values
    }()

    static let timestamps: [String] = {
        var random = Random(state: 2)
        var values = [
            "", "N/A", "2023-01-03 11:39:11.868867", "2021-06-01T14:56:36.000+0000", "2023-01-07T06:54:20+00:00",
            "2023-01-07", "2024-01-15T24:00:00", "2024-01-15T10:60", "2024-01-15T10:00:60", "2024-01-15T9:00",
            "2024-01-15T10:00:00+5", "2024-01-15T10:00:00+05:", "2024-01-15T10:00:00+053", "2024-01-15T10:00:00+24:00",
            "2024-01-15T10:00:00 +05:00", "2024-01-15T10:00:00z", "2024-01-15Z", "2199-12-31T23:00:00-05:00",
            "1800-01-01T00:30:00+01:00", "2024-01-15T10:00:00.", "2024-01-15 10", "2024-03-01 00:00+23:59",
        ]
        let boundaries = [(2023, 12, 31), (2024, 1, 1), (2024, 2, 28), (2024, 2, 29), (2023, 2, 28), (2024, 3, 1), (2024, 6, 30)]
        for _ in 0..<400 {
            var (y, m, d) = someDay(&random)
            if random.chance(0.4) { (y, m, d) = random.pick(boundaries) }
            let hour = random.chance(0.03) ? 24 : random.chance(0.5) ? random.pick([0, 1, 22, 23]) : random.int(0...23)
            let minute = random.chance(0.02) ? 60 : random.int(0...59)
            let second = random.chance(0.02) ? 60 : random.int(0...59)
            let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
            let separator = random.pick(["T", " "])
            var time = "\(pad(hour, 2)):\(pad(minute, 2))"
            if random.chance(0.8) { time += ":\(pad(second, 2))" }
            if time.count == 8 && random.chance(0.4) { time += "." + String(random.int(0...999_999)) }
            let offsetHours = random.chance(0.02) ? 24 : random.int(0...23)
            let offsetMinutes = random.pick([0, 0, 0, 30, 45, random.int(0...59)])
            let sign = random.pick(["+", "-"])
            let zone: String
            switch random.int(0...6) {
            case 0: zone = ""
            case 1: zone = "Z"
            case 2: zone = "\(sign)\(pad(offsetHours, 2)):\(pad(offsetMinutes, 2))"
            case 3: zone = "\(sign)\(pad(offsetHours, 2))\(pad(offsetMinutes, 2))"
            case 4: zone = "\(sign)\(pad(offsetHours, 2))"
            case 5: zone = random.pick(["+00:00", "+0000", "-00", "+00"])
            default: zone = "\(sign)\(pad(offsetHours, 2)):\(pad(offsetMinutes, 2))"
            }
            let text = random.chance(0.05) ? date : date + separator + time + zone
            values.append((random.chance(0.1) ? random.pick(whitespaceNoise) : "") + text)
        }
        return values
    }()

    static let additions: [(String, Int)] = {
        var random = Random(state: 3)
        var values: [(String, Int)] = [
            ("2024-02-28", 1), ("2023-02-28", 1), ("2023-12-31 23:59:59", 1), ("2024-01-01T00:00:00Z", -1),
            ("2199-12-31", 1), ("1800-01-01", -1), ("1800-01-01", 146_096), ("2199-12-31", -146_096),
            ("2024-01-01", 2_147_483_647), ("2024-01-01", -2_147_483_648), ("07/03/2024", 1), (" 2024-03-07", 1),
            ("2024-3-7", 1), ("2024-03-070", 1), ("2024-02-30", 1), ("", 1), ("N/A", 0),
        ]
        for _ in 0..<250 {
            let (y, m, d) = someDay(&random)
            var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
            if random.chance(0.3) { text += random.pick(["T10:00:00Z", " 23:59:59", "T00:00:00.123+05:00"]) }
            let days = random.chance(0.1) ? random.int(-200_000...200_000) : random.int(-3_000...3_000)
            values.append((text, days))
        }
        return values
    }()

    static let intervals: [(String, String)] = {
        var random = Random(state: 4)
        var values: [(String, String)] = [
            ("2024-01-01", "2024-03-01"), ("2023-01-01", "2023-03-01"), ("2024-03-01", "2024-01-01"),
            ("2024-01-01T23:59:59Z", "2024-01-02 00:00:00"), ("1800-01-01", "2199-12-31"), ("N/A", "2024-01-01"),
            ("2024-01-01", "2024-02-30"), ("2024-01-01", ""),
        ]
        for _ in 0..<250 {
            let (y1, m1, d1) = someDay(&random)
            let (y2, m2, d2) = someDay(&random)
            let time = random.pick(["", "", "T12:00:00Z", " 00:00:01"])
            values.append(("\(pad(y1, 4))-\(pad(m1, 2))-\(pad(d1, 2))\(time)", "\(pad(y2, 4))-\(pad(m2, 2))-\(pad(d2, 2))"))
        }
        return values
    }()

    static let phones: [String] = {
        var random = Random(state: 5)
        var values = [
            "6305333428", "630-533-3428", "(630) 533-3428", "+16305333428", "N/A", "000", "555-01", "none", "", "+",
            "+44 20 7946 0958", "+1234567", "+1234567890123456", "26305333428", "1+6305333428", "12345678901234567890",
            " +1 (630) 533-3428 ", "\u{A0}+442079460958", "tel: 630 533 3428", "630.533.3428",
        ]
        for _ in 0..<300 {
            let digits = String(random.int(2...9)) + (0..<9).map { _ in String(random.int(0...9)) }.joined()
            let chars = Array(digits)
            let area = String(chars[0..<3]), exchange = String(chars[3..<6]), line = String(chars[6..<10])
            switch random.int(0...6) {
            case 0: values.append("+1" + digits)
            case 1: values.append(digits)
            case 2: values.append("\(area)-\(exchange)-\(line)")
            case 3: values.append("(\(area)) \(exchange)-\(line)")
            case 4: values.append("1-\(area)-\(exchange)-\(line)")
            case 5: values.append(random.pick(["N/A", "000", "555-01", "none", "ext. 12", "+" + String(digits.prefix(random.int(5...9)))]))
            default: values.append("+" + String(random.int(2...99)) + " " + String(digits.prefix(random.int(4...10))))
            }
        }
        return values
    }()

    static let givenNames = ["Mary", "James", "Élodie", "Zoë", "Anne-Marie", "Kwame", "Priya", "William", "Bill", "Łukasz"]
    static let surnames = ["Smith", "O'Brien", "O'Connor", "Van der Berg", "McAllister", "McDonald", "St. John", "Okafor",
                           "Smith-Jones", "Zieliński", "Ørsted", "de la Cruz", "D’Arcy", "Nguyen"]

    static let emails: [String] = {
        var random = Random(state: 6)
        var values = [
            "John.Smith@Gmail.com", " JOHN.SMITH@GMAIL.COM ", "john.smith@", "@gmail.com", "john@gmail", "john@@gmail.com",
            "jo hn@gmail.com", "john@gmail..com", "john@.gmail.com", "john@gmail.com.", "", "N/A", "ZOË@EXAMPLE.ORG",
            "a@b.co.uk", "john\t@x.com", "ÉLODIE.ŁUKASZ@EXAMPLE.FR",
        ]
        let domains = ["gmail.com", "yahoo.com", "northwind.com", "umbrella-health.org", "cityschools.edu"]
        for _ in 0..<250 {
            let local = (random.pick(givenNames) + "." + random.pick(surnames)).lowercased().filter { $0 != " " && $0 != "'" }
            let address = local + (random.chance(0.1) ? "+bank" : "") + "@" + random.pick(domains)
            switch random.int(0...5) {
            case 0: values.append(address.uppercased())
            case 1: values.append(" \(address) ")
            case 2: values.append(address.prefix(1).uppercased() + address.dropFirst())
            case 3: values.append(String(address.prefix { $0 != "@" }) + "@")
            default: values.append(address)
            }
        }
        return values
    }()

    static let amounts: [String] = {
        var random = Random(state: 7)
        var values = [
            "123.45", "$1,234.50", "(123.45)", "-$5", "$-5", " 1 000 ", "12.", ".5", "-.5", "($1,000.00)", "0", "007",
            "N/A", "", "$", "-", "()", "(-5)", "-(5)", "1.2.3", "1e5", "+5", "12-", "5%", "€5", "(5", "5)", "--5", ".",
            String(repeating: "9", count: 100), String(repeating: "9", count: 101), "0." + String(repeating: "0", count: 97) + "1",
            "\u{A0}$12\u{A0}",
        ]
        for _ in 0..<250 {
            let cents = random.int(0...99_999_999)
            let whole = cents / 100
            var grouped = String(whole)
            if random.chance(0.5) {
                var digits = Array(String(whole))
                var index = digits.count - 3
                while index > 0 { digits.insert(",", at: index); index -= 3 }
                grouped = String(digits)
            }
            let number = grouped + (random.chance(0.7) ? ".\(pad(cents % 100, 2))" : "")
            let dollar = random.chance(0.5) ? "$" : ""
            switch random.int(0...3) {
            case 0: values.append("(\(dollar)\(number))")
            case 1: values.append("-\(dollar)\(number)")
            default: values.append(dollar + number)
            }
        }
        return values
    }()

    static let names: [String] = {
        var random = Random(state: 8)
        var values = [
            "adam williams", "WILLIAMS, ADAM", "Williams, Adam J.", "J. Smith Jr.", "Mary K Jones, III", "O'BRIEN",
            "smith-jones", "MCDONALD", "Williams Jr., Adam", "Mr. Smith", "Mrs. Jane Doe", "John S. (VIP)",
            "SMITH, JOHN (VIP)", "Smith", "Jr", "Smith Jr", "Mc", "Smith,", ", Smith", "Dr.", "(VIP)", "", " \t ",
            "a (b (c) d) e", "x ( y", "Mary Ann Lee Jones", "é. dupont", "anne-marie d’arcy", "ÿves ÿ", "Henry Ford iv",
        ]
        let suffixes = ["Jr", "Jr.", "JR", "JR.", "Sr", "Sr.", "SR.", "II", "III", "IV"]
        for _ in 0..<300 {
            var given = random.pick(givenNames)
            let surname = random.pick(surnames)
            var middle: String?
            if random.chance(0.2) {
                if random.chance(0.5) { given = "\(given.prefix(1))." } else { middle = random.pick(["J.", "K", "Ann", "m."]) }
            }
            let suffix = random.chance(0.15) ? random.pick(suffixes) : nil
            var name: String
            switch random.int(0...9) {
            case 0: name = "\(surname.uppercased()), \(given.uppercased())"
            case 1: name = "\(given) \(surname.prefix(1))." + (random.chance(0.5) ? " (VIP)" : "")
            case 2: name = "\(random.pick(["Mr.", "Mrs.", "Ms", "Dr."])) \(surname)"
            default:
                name = ([given] + (middle.map { [$0] } ?? []) + [surname]).joined(separator: " ")
                if let suffix { name += random.chance(0.5) ? " \(suffix)" : ", \(suffix)" }
            }
            if random.chance(0.3) { name = random.chance(0.6) ? name.uppercased() : name.lowercased() }
            values.append(random.pick(whitespaceNoise) + name + random.pick(whitespaceNoise))
        }
        return values
    }()

    /// Patterns within the documented portable subset.
    static let replacements: [(String, String, String)] = [
        ("a1b22c333", "[0-9]+", "#"), ("Smith, John", "^([^,]+), (.+)$", #"\2 \1"#), ("abc", "b", #"[\&]"#),
        ("abc", "(a)(x)?", #"[\2\1\\\q\0]"#), ("abc", "b*", "X"), ("a$b", #"\$"#, "$1"), ("none", "x", "y"),
        ("a\nb", "a.b", "X"), ("Zoë 🚀 x", "[^a-z ]", "?"), ("trail\\", "l", "\\"), ("  many   spaces  ", #"\s+"#, " "),
        ("North Branch", "^(north|south|east|west)( branch)?$", "N"), ("NORTH", "^(N|NORTH)$", "North"),
        ("2024-01-15", "^([0-9]{4})-([0-9]{2})-([0-9]{2})$", #"\3/\2/\1"#), ("aaa", "a{2}", "b"), ("abab", "(?:ab)+", "X"),
        ("x.y.z", #"\."#, "_"), ("CUST-2024-0001", "[^0-9]", ""), ("hello world", #"\w+"#, #"<\&>"#), ("tab\there", #"\S+"#, "w"),
    ]
}
