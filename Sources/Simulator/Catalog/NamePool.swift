/// Given names, surnames and nicknames the population is drawn from.
///
/// Surnames are drawn with a skewed weight so that a few are common (as Smith and Garcia are):
/// entity resolution must learn that a shared common surname says less than a shared rare one.
enum NamePool {
    /// Given names with their sex, which decides the salutation in the sheets.
    static let givenNames: [(name: String, female: Bool)] = {
        let female = ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
                      "Lisa", "Nancy", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle",
                      "Carol", "Amanda", "Dorothy", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia",
                      "Kathleen", "Amy", "Angela", "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole", "Helen",
                      "Samantha", "Katherine", "Christine", "Debra", "Rachel", "Carolyn", "Janet", "Catherine", "Maria", "Heather",
                      "Diane", "Ruth", "Julie", "Olivia", "Joyce", "Virginia", "Victoria", "Kelly", "Lauren", "Christina",
                      "Priya", "Aisha", "Mei", "Sofia", "Ingrid", "Fatima", "Yuki", "Chloe", "Zoe", "Leah"]
        let male = ["James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Charles",
                    "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua",
                    "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan",
                    "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon",
                    "Benjamin", "Samuel", "Gregory", "Alexander", "Frank", "Patrick", "Raymond", "Jack", "Dennis", "Jerry",
                    "Tyler", "Aaron", "Jose", "Adam", "Nathan", "Henry", "Douglas", "Zachary", "Peter", "Kyle",
                    "Rahul", "Omar", "Wei", "Mateo", "Lars", "Kwame", "Hiroshi", "Liam", "Noah", "Ethan"]
        return female.map { ($0, true) } + male.map { ($0, false) }
    }()

    /// Surnames, most common first.
    static let surnames: [String] = [
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
        "Gordon", "Mendez", "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Munoz", "Hunt", "Hicks",
        "Holmes", "Palmer", "Wagner", "Black", "Robertson", "Boyd", "Rose", "Stone", "Salazar", "Fox",
        "Warren", "Mills", "Meyer", "Rice", "Schmidt", "Garza", "Daniels", "Ferguson", "Nichols", "Stephens",
        "Soto", "Weaver", "Ryan", "Gardner", "Payne", "Grant", "Dunn", "Kelley", "Spencer", "Hawkins",
        "O'Brien", "O'Connor", "Van der Berg", "McAllister", "St. John", "Okafor", "Haddad", "Kowalski", "Nakamura", "Lindqvist",
        "Abernathy", "Quintero", "Delacroix", "Fitzgerald", "Oyelaran", "Zielinski", "Castellano", "Whitfield", "Ashworth", "Baptiste",
    ]

    /// Surnames with weights that fall off with rank (a Zipf-like law).
    static let weightedSurnames: [(String, Double)] = surnames.enumerated().map { ($1, 1.0 / Double($0 + 8)) }

    /// Familiar forms people use for themselves in the CRM and the sheets.
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

    /// Name suffixes, with the spellings the systems use for each.
    static let suffixes: [(canonical: String, spellings: [String])] = [
        ("Jr", ["Jr", "Jr.", "JR", "JR."]), ("Sr", ["Sr", "Sr.", "SR."]), ("II", ["II"]), ("III", ["III"]),
    ]

    /// Free e-mail providers and the share of people who use each.
    static let emailProviders: [(String, Double)] = [
        ("gmail.com", 0.38), ("yahoo.com", 0.14), ("outlook.com", 0.12), ("hotmail.com", 0.1),
        ("icloud.com", 0.1), ("aol.com", 0.04), ("proton.me", 0.04), ("comcast.net", 0.08),
    ]

    /// Employers whose domains appear as work e-mail addresses in the CRM.
    static let employers = ["northwind.com", "contoso.com", "initech.com", "globex.com", "umbrella-health.org",
                            "cityschools.edu", "acme-logistics.com", "brightwater.io", "stateuniversity.edu", "harborhospital.org"]

    static let streets = ["Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Main",
                          "Sunset", "River", "Highland", "Church", "Spring", "Walnut", "Willow", "Chestnut", "Mill", "Forest"]
    static let streetTypes = ["St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Way"]
    static let cities: [(city: String, state: String, zip: String)] = [
        ("Springfield", "IL", "627"), ("Riverton", "IL", "625"), ("Fairview", "IL", "626"), ("Lakewood", "IL", "604"),
        ("Oak Park", "IL", "603"), ("Naperville", "IL", "605"), ("Evanston", "IL", "602"), ("Peoria", "IL", "616"),
    ]
}
