/// Familiar forms of given names and the names they stand for (`Bill` for `William`).
///
/// Kept as data in Resolution rather than borrowed from the simulator: matching must know the
/// nicknames real customers use, not only those the simulated bank happens to write. A nickname
/// may stand for several names (`Chris`: Christopher, Christine, Christina); such a nickname is
/// kept as written and compared against each of them.
public struct NicknameTable: Sendable {
    private let canonicalByNickname: [String: [String]]
    private let canonicalNames: Set<String>

    /// A table from canonical given names to their nicknames, both in any case or spelling
    /// that ``NameKey`` reduces to the same key.
    public init(_ nicknamesByName: [String: [String]]) {
        var canonicalByNickname: [String: Set<String>] = [:]
        var canonicalNames = Set<String>()
        for (name, nicknames) in nicknamesByName {
            let canonical = NameKey.key(name)
            canonicalNames.insert(canonical)
            for nickname in nicknames { canonicalByNickname[NameKey.key(nickname), default: []].insert(canonical) }
        }
        self.canonicalByNickname = canonicalByNickname.mapValues { $0.sorted() }
        self.canonicalNames = canonicalNames
    }

    /// The canonical names a given-name key may stand for, sorted: the key itself when it is a
    /// canonical name or no nickname, else the names the nickname belongs to.
    public func canonicalNames(for key: String) -> [String] {
        // A name that is itself canonical (`Jack` is not, `John` is) never turns into another.
        if canonicalNames.contains(key) { return [key] }
        return canonicalByNickname[key] ?? [key]
    }

    /// No nicknames at all, for comparing given names as written.
    public static let none = NicknameTable([:])

    /// Common English nicknames.
    public static let english = NicknameTable([
        // Men's names.
        "William": ["Bill", "Billy", "Will", "Willy", "Willie"],
        "Robert": ["Bob", "Bobby", "Rob", "Robbie", "Bert"],
        "Richard": ["Rick", "Ricky", "Dick", "Rich", "Richie"],
        "James": ["Jim", "Jimmy", "Jamie"],
        "John": ["Jack", "Johnny", "Jon"],
        "Michael": ["Mike", "Mikey", "Mick", "Mickey"],
        "Joseph": ["Joe", "Joey"],
        "Thomas": ["Tom", "Tommy"],
        "Charles": ["Charlie", "Chuck", "Chas"],
        "Christopher": ["Chris", "Kit"],
        "Daniel": ["Dan", "Danny"],
        "Matthew": ["Matt", "Matty"],
        "Anthony": ["Tony"],
        "Donald": ["Don", "Donnie"],
        "Steven": ["Steve", "Stevie"],
        "Stephen": ["Steve", "Stevie"],
        "Andrew": ["Andy", "Drew"],
        "Joshua": ["Josh"],
        "Kenneth": ["Ken", "Kenny"],
        "Kevin": ["Kev"],
        "Timothy": ["Tim", "Timmy"],
        "Ronald": ["Ron", "Ronnie"],
        "Edward": ["Ed", "Eddie", "Ted", "Ned"],
        "Theodore": ["Ted", "Teddy", "Theo"],
        "Jeffrey": ["Jeff"],
        "Geoffrey": ["Geoff", "Jeff"],
        "Jacob": ["Jake"],
        "Nicholas": ["Nick", "Nicky"],
        "Jonathan": ["Jon", "Jonny"],
        "Benjamin": ["Ben", "Benny", "Benji"],
        "Samuel": ["Sam", "Sammy"],
        "Gregory": ["Greg"],
        "Alexander": ["Alex", "Xander"],
        "Patrick": ["Pat", "Paddy"],
        "Raymond": ["Ray"],
        "Zachary": ["Zach", "Zack"],
        "Nathan": ["Nate"],
        "Nathaniel": ["Nate", "Nat"],
        "Douglas": ["Doug"],
        "Peter": ["Pete"],
        "Lawrence": ["Larry"],
        "Gerald": ["Jerry", "Gerry"],
        "Henry": ["Hank", "Harry"],
        "Harold": ["Hal", "Harry"],
        "Dennis": ["Denny"],
        "Philip": ["Phil"],
        "Phillip": ["Phil"],
        "Walter": ["Walt", "Wally"],
        "Albert": ["Al", "Bert", "Bertie"],
        "Alfred": ["Al", "Alf", "Fred"],
        "Alan": ["Al"],
        "Leonard": ["Leo", "Len", "Lenny"],
        "Eugene": ["Gene"],
        "Frederick": ["Fred", "Freddie"],
        "Vincent": ["Vince", "Vinny"],
        "Victor": ["Vic"],
        "Stanley": ["Stan"],
        "Terrence": ["Terry"],
        "Gabriel": ["Gabe"],
        "Abraham": ["Abe"],
        "Francis": ["Fran"],
        "Bradley": ["Brad"],
        "Frank": ["Frankie"],
        // Women's names.
        "Elizabeth": ["Liz", "Lizzie", "Lizzy", "Beth", "Betty", "Betsy", "Eliza", "Libby"],
        "Patricia": ["Pat", "Patty", "Patsy", "Trish", "Tricia"],
        "Jennifer": ["Jen", "Jenn", "Jenny"],
        "Margaret": ["Maggie", "Peggy", "Meg", "Marge", "Margie", "Madge"],
        "Susan": ["Sue", "Susie", "Suzy"],
        "Jessica": ["Jess", "Jessie"],
        "Kimberly": ["Kim"],
        "Deborah": ["Debbie", "Debby", "Deb"],
        "Debra": ["Debbie", "Debby", "Deb"],
        "Stephanie": ["Steph"],
        "Rebecca": ["Becky", "Becca"],
        "Katherine": ["Kate", "Kathy", "Katie", "Kat", "Kay"],
        "Catherine": ["Cathy", "Cate", "Kate", "Katie"],
        "Kathleen": ["Kathy", "Kath"],
        "Christine": ["Chris", "Chrissy", "Tina"],
        "Christina": ["Chris", "Chrissy", "Tina"],
        "Victoria": ["Vicky", "Vicki", "Tori"],
        "Samantha": ["Sam", "Sammy"],
        "Pamela": ["Pam"],
        "Cynthia": ["Cindy"],
        "Dorothy": ["Dot", "Dottie", "Dolly"],
        "Amanda": ["Mandy"],
        "Sandra": ["Sandy"],
        "Barbara": ["Barb", "Babs"],
        "Jacqueline": ["Jackie"],
        "Alexandra": ["Alex", "Lexi"],
        "Abigail": ["Abby"],
        "Josephine": ["Josie"],
        "Judith": ["Judy"],
        "Frances": ["Fran"],
        "Theresa": ["Terri", "Tess"],
        "Melissa": ["Mel", "Missy"],
        "Melanie": ["Mel"],
        "Nicole": ["Nikki"],
        "Angela": ["Angie"],
        "Valerie": ["Val"],
        "Virginia": ["Ginny"],
        "Olivia": ["Liv"],
        "Sofia": ["Sophie"],
        "Sophia": ["Sophie"],
        "Eleanor": ["Ellie", "Nell"],
        "Gwendolyn": ["Gwen"],
        "Mary": ["Molly", "Polly"],
        "Anna": ["Annie"],
        "Ann": ["Annie"],
    ])
}
