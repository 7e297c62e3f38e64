import Resolution
import TenureCore

/// A deterministic synthetic population with known truth: people, and the records several
/// systems keep of them, with the kinds of dirt real systems have (nicknames, initials, case,
/// typos, swapped day and month, other addresses, missing fields) and the hard cases a matcher
/// must not merge (relatives sharing a surname, phone and sometimes an address; twins).
struct SyntheticPeople {
    struct Person {
        var given: String
        var surname: String
        var suffix: String?
        var birth: (year: Int, month: Int, day: Int)
        var email: String
        var otherEmail: String
        var phone: String
    }

    /// How dirty the records are.
    struct Dirt {
        var nickname = 0.08, initial = 0.05, middleInitial = 0.05, commaForm = 0.1, nameCase = 0.15
        var surnameTypo = 0.03, givenTypo = 0.02
        var missingEmail = 0.08, otherEmail = 0.05, gmailAlias = 0.3, emailNoise = 0.08
        var missingPhone = 0.1, otherAreaCode = 0.03, otherPhone = 0.02
        var missingBirth = 0.05, transposedBirth = 0.02, birthTypo = 0.02
        var relatives = 0.06, twins = 0.005
    }

    let people: [Person]
    let records: [Record]
    /// The person each record belongs to.
    let truth: [Int]

    static let givenNames = [
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
        "Lisa", "Nancy", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol",
        "Amanda", "Dorothy", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen",
        "Amy", "Angela", "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole", "Helen", "Samantha",
        "Katherine", "Christine", "Debra", "Rachel", "Carolyn", "Janet", "Catherine", "Maria", "Heather", "Diane",
        "Ruth", "Julie", "Olivia", "Joyce", "Virginia", "Victoria", "Kelly", "Lauren", "Christina", "Priya",
        "Aisha", "Mei", "Sofia", "Ingrid", "Fatima", "Yuki", "Chloe", "Zoe", "Leah", "Zoë",
        "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Charles",
        "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua",
        "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan",
        "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon",
        "Benjamin", "Samuel", "Gregory", "Alexander", "Frank", "Patrick", "Raymond", "Jack", "Dennis", "Jerry",
        "Tyler", "Aaron", "José", "Adam", "Nathan", "Henry", "Douglas", "Zachary", "Peter", "Kyle",
        "Rahul", "Omar", "Wei", "Mateo", "Lars", "Kwame", "Hiroshi", "Liam", "Noah", "Ethan",
    ]

    static let surnames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
        "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
        "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
        "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
        "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
        "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes",
        "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander", "Hamilton", "Graham",
        "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant", "Herrera", "Gibson",
        "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray", "Ford", "Castro", "Marshall", "Owens",
        "Harrison", "Fernandez", "McDonald", "Woods", "Washington", "Kennedy", "Wells", "Vargas", "Henry", "Chen",
        "Freeman", "Webb", "Tucker", "Guzman", "Burns", "Crawford", "Olson", "Simpson", "Porter", "Hunter",
        "Gordon", "Mendez", "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Muñoz", "Hunt", "Hicks",
        "Holmes", "Palmer", "Wagner", "Black", "Robertson", "Boyd", "Rose", "Stone", "Salazar", "Fox",
        "O'Brien", "O'Connor", "Van der Berg", "McAllister", "St. John", "Okafor", "Haddad", "Kowalski", "Nakamura", "Lindqvist",
        "Abernathy", "Quintero", "Delacroix", "Fitzgerald", "Oyelaran", "Zielinski", "Castellano", "Whitfield", "Ashworth", "Baptiste",
    ]

    static let nicknames: [String: [String]] = [
        "William": ["Bill", "Will", "Billy"], "Robert": ["Bob", "Rob", "Bobby"], "Richard": ["Rick", "Dick", "Rich"],
        "James": ["Jim", "Jimmy"], "John": ["Jack", "Johnny"], "Michael": ["Mike", "Mick"], "Joseph": ["Joe", "Joey"],
        "Thomas": ["Tom", "Tommy"], "Charles": ["Charlie", "Chuck"], "Christopher": ["Chris"], "Daniel": ["Dan", "Danny"],
        "Matthew": ["Matt"], "Anthony": ["Tony"], "Donald": ["Don"], "Steven": ["Steve"], "Andrew": ["Andy", "Drew"],
        "Joshua": ["Josh"], "Kenneth": ["Ken", "Kenny"], "Timothy": ["Tim"], "Ronald": ["Ron"], "Edward": ["Ed", "Eddie", "Ted"],
        "Jeffrey": ["Jeff"], "Jacob": ["Jake"], "Nicholas": ["Nick"], "Jonathan": ["Jon"], "Benjamin": ["Ben"],
        "Samuel": ["Sam"], "Gregory": ["Greg"], "Alexander": ["Alex"], "Patrick": ["Pat"], "Raymond": ["Ray"],
        "Zachary": ["Zach"], "Nathan": ["Nate"], "Douglas": ["Doug"], "Peter": ["Pete"],
        "Elizabeth": ["Liz", "Beth", "Betty"], "Patricia": ["Pat", "Patty", "Trish"], "Jennifer": ["Jen", "Jenny"],
        "Margaret": ["Maggie", "Peggy"], "Susan": ["Sue"], "Jessica": ["Jess"], "Kimberly": ["Kim"], "Deborah": ["Debbie", "Deb"],
        "Stephanie": ["Steph"], "Rebecca": ["Becky"], "Katherine": ["Kate", "Kathy"], "Christine": ["Chris", "Tina"],
        "Catherine": ["Cathy", "Kate"], "Victoria": ["Vicky", "Tori"], "Samantha": ["Sam"], "Pamela": ["Pam"],
        "Cynthia": ["Cindy"], "Kathleen": ["Kathy"], "Dorothy": ["Dot"], "Amanda": ["Mandy"], "Sandra": ["Sandy"],
    ]

    static let providers: [(String, Double)] = [
        ("gmail.com", 0.38), ("yahoo.com", 0.14), ("outlook.com", 0.12), ("hotmail.com", 0.1),
        ("icloud.com", 0.1), ("aol.com", 0.04), ("proton.me", 0.04), ("comcast.net", 0.08),
    ]
    static let systems = ["erpnext", "salesforce", "supabase", "sheets"]

    /// `count` people and their records, the same for the same seed.
    init(people count: Int, seed: UInt64 = 42, dirt: Dirt = Dirt()) {
        var random = TestRandom(seed: seed)
        let surnameWeights = Self.surnames.indices.map { 1.0 / Double($0 + 8) }
        var people: [Person] = []
        people.reserveCapacity(count)
        let areas = ["217", "309", "312", "630", "708", "773", "815", "847"]
        while people.count < count {
            let index = people.count
            let given = random.pick(Self.givenNames)
            let surname = Self.surnames[random.pick(weights: surnameWeights)]
            let birth = (random.int(1935...2005), random.int(1...12), random.int(1...28))
            let phone = random.pick(areas) + String(2_000_000 + (index * 3_333_331 + 97) % 8_000_000)
            var person = Person(given: given, surname: surname, suffix: random.chance(0.02) ? random.pick(["Jr", "Sr", "II"]) : nil,
                                birth: birth, email: Self.email(given, surname, index, &random), otherEmail: "", phone: phone)
            person.otherEmail = Self.email(given, surname, index + 7_000_000, &random)
            people.append(person)
            // Relatives: same surname and phone, another given name and birth date; twins share the birth date too.
            if people.count < count, random.chance(dirt.relatives + dirt.twins) {
                let twin = random.chance(dirt.twins / (dirt.relatives + dirt.twins))
                var relative = person
                repeat { relative.given = random.pick(Self.givenNames) } while relative.given == person.given
                if !twin { relative.birth = (random.int(1935...2005), random.int(1...12), random.int(1...28)) }
                relative.suffix = nil
                relative.email = Self.email(relative.given, surname, people.count, &random)
                relative.otherEmail = Self.email(relative.given, surname, people.count + 7_000_000, &random)
                people.append(relative)
            }
        }
        var records: [Record] = []
        var truth: [Int] = []
        for (index, person) in people.enumerated() {
            let roll = random.unit()
            let copies = roll < 0.55 ? 1 : roll < 0.85 ? 2 : roll < 0.97 ? 3 : 4
            for copy in 0..<copies {
                let system = Self.systems[(index + copy) % Self.systems.count]
                records.append(Self.record(person, id: "\(system.prefix(2).uppercased())-\(index)-\(copy)", system: system,
                                           dirt: dirt, &random))
                truth.append(index)
            }
        }
        // Shuffle so that a person's records are not adjacent (blocking must find them).
        var order = Array(records.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.int(0...i)) }
        self.people = people
        self.records = order.map { records[$0] }
        self.truth = order.map { truth[$0] }
    }

    private static func email(_ given: String, _ surname: String, _ index: Int, _ random: inout TestRandom) -> String {
        let g = NameKey.key(given), s = NameKey.key(surname)
        let local: String
        switch random.int(0...3) {
        case 0: local = "\(g).\(s)"
        case 1: local = "\(g)\(s)"
        case 2: local = "\(g.prefix(1))\(s)"
        default: local = "\(s).\(g.prefix(1))"
        }
        let providers = Self.providers
        return "\(local)\(index)@\(providers[random.pick(weights: providers.map(\.1))].0)"
    }

    private static func record(_ person: Person, id: String, system: String, dirt: Dirt, _ random: inout TestRandom) -> Record {
        // Name.
        var given = person.given
        if random.chance(dirt.nickname), let familiar = nicknames[given] { given = random.pick(familiar) }
        if random.chance(dirt.givenTypo) { given = typo(given, &random) }
        var surname = person.surname
        if random.chance(dirt.surnameTypo) { surname = typo(surname, &random) }
        if random.chance(dirt.initial) { given = "\(given.prefix(1))." }
        let middle = random.chance(dirt.middleInitial) ? " \(random.pick(["A", "J", "M", "R"]))." : ""
        var name = random.chance(dirt.commaForm) ? "\(surname), \(given)\(middle)" : "\(given)\(middle) \(surname)"
        if let suffix = person.suffix {
            // The spellings the systems use: `Jr`, `Jr.`, `, Jr.`; numerals without a period.
            let spelled = suffix.hasSuffix("r") && random.chance(0.5) ? suffix + "." : suffix
            name += random.chance(0.5) ? " \(spelled)" : ", \(spelled)"
        }
        if random.chance(dirt.nameCase) { name = random.chance(0.6) ? name.uppercased() : name.lowercased() }

        // E-mail.
        var email: String? = random.chance(dirt.otherEmail) ? person.otherEmail : person.email
        if var address = email, address.hasSuffix("@gmail.com"), random.chance(dirt.gmailAlias) {
            let local = address.prefix { $0 != "@" }
            address = random.chance(0.5) ? "\(local)+bank@gmail.com" : "\(local.filter { $0 != "." })@googlemail.com"
            email = address
        }
        if let address = email, random.chance(dirt.emailNoise) { email = random.chance(0.5) ? " \(address.uppercased()) " : address.prefix(1).uppercased() + address.dropFirst() }
        if random.chance(dirt.missingEmail) { email = nil }

        // Phone.
        var digits = person.phone
        if random.chance(dirt.otherAreaCode) { digits = random.pick(["219", "331", "464"]) + digits.dropFirst(3) }
        if random.chance(dirt.otherPhone) { digits = "630" + String(random.int(2_000_000...9_999_999)) }
        let chars = Array(digits)
        var phone: String? = switch random.int(0...3) {
        case 0: "+1" + digits
        case 1: digits
        case 2: "\(String(chars[0..<3]))-\(String(chars[3..<6]))-\(String(chars[6...]))"
        default: "(\(String(chars[0..<3]))) \(String(chars[3..<6]))-\(String(chars[6...]))"
        }
        if random.chance(dirt.missingPhone) { phone = nil }

        // Birth date, in the three forms the systems use.
        var (year, month, day) = person.birth
        if random.chance(dirt.transposedBirth) && day <= 12 && day != month { (month, day) = (day, month) }
        if random.chance(dirt.birthTypo) { day = day % 10 >= 8 ? day - 1 : day + 1 }
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        var birth: String? = switch random.int(0...2) {
        case 0: "\(year)-\(pad(month))-\(pad(day))"
        case 1: "\(pad(day))/\(pad(month))/\(year)"
        default: "\(pad(month))-\(pad(day))-\(year)"
        }
        if random.chance(dirt.missingBirth) { birth = nil }
        return Record(sourceSystem: system, sourceID: id, name: name, email: email, phone: phone, birthDate: birth)
    }

    /// `word` with one slip: a letter replaced, dropped, doubled or two swapped (never the first).
    static func typo(_ word: String, _ random: inout TestRandom) -> String {
        var letters = Array(word)
        guard letters.count >= 3 else { return word }
        let at = random.int(1...(letters.count - 2))
        switch random.int(0...3) {
        case 0: letters[at] = Character(Unicode.Scalar(UInt8(random.int(97...122))))
        case 1: letters.remove(at: at)
        case 2: letters.insert(letters[at], at: at)
        default: letters.swapAt(at, at + 1)
        }
        return String(letters)
    }

    /// Pairwise precision and recall of `clusterOfRecord` against the truth.
    func pairwise(_ clusterOfRecord: [Int]) -> (precision: Double, recall: Double, truePairs: Int, foundPairs: Int) {
        var byCluster: [Int: Int] = [:], byPerson: [Int: Int] = [:], byBoth: [[Int]: Int] = [:]
        for (record, cluster) in clusterOfRecord.enumerated() {
            byCluster[cluster, default: 0] += 1
            byPerson[truth[record], default: 0] += 1
            byBoth[[cluster, truth[record]], default: 0] += 1
        }
        let pairs = { (n: Int) in n * (n - 1) / 2 }
        let found = byCluster.values.reduce(0) { $0 + pairs($1) }
        let actual = byPerson.values.reduce(0) { $0 + pairs($1) }
        let correct = byBoth.values.reduce(0) { $0 + pairs($1) }
        return (found == 0 ? 1 : Double(correct) / Double(found), actual == 0 ? 1 : Double(correct) / Double(actual), actual, found)
    }
}

/// TenureCore's SplitMix64 for test data: the same people on every run and machine.
struct TestRandom {
    private var source: SplitMix64
    init(seed: UInt64) { source = SplitMix64(seed: seed) }
    mutating func next() -> UInt64 { source.next() }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func pick(weights: [Double]) -> Int {
        var target = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }
}
