/// One of the bank's ten branches, with the names each system knows it by.
struct Branch: Sendable {
    /// The branch sheet's code, `BR001`…`BR010`.
    let code: String
    /// The ERPNext territory name.
    let territory: String
    /// Spellings the branch sheets and relationship managers use instead.
    let sheetVariants: [String]
    /// The region (an ERPNext territory group).
    let region: Region
    let manager: String
    let address: String
    let phone: String
    let opened: Day
    /// The branch's effect on service quality: some branches make customers unhappier.
    let serviceQuality: Double

    /// The ten branches of the simulated bank.
    static let all: [Branch] = [
        Branch(code: "BR001", territory: "Downtown Main", sheetVariants: ["downtown main", "DT Main Branch", "Downtown Main Branch", "DOWNTOWN MAIN"],
               region: .central, manager: "Margaret Okafor", address: "100 Main Street", phone: "(555) 201-1000", opened: Day(year: 1998, month: 3, day: 2), serviceQuality: 0.1),
        Branch(code: "BR002", territory: "Riverside", sheetVariants: ["riverside", "Riverside Branch", "RIVERSIDE", "Riverside Br."],
               region: .east, manager: "Daniel Reyes", address: "45 River Road", phone: "(555) 201-2000", opened: Day(year: 2003, month: 6, day: 16), serviceQuality: 0.0),
        Branch(code: "BR003", territory: "Northgate", sheetVariants: ["North Gate", "northgate", "Northgate Branch", "NORTHGATE"],
               region: .north, manager: "Priya Natarajan", address: "780 Northgate Blvd", phone: "(555) 201-3000", opened: Day(year: 2006, month: 9, day: 4), serviceQuality: -0.3),
        Branch(code: "BR004", territory: "Harbor View", sheetVariants: ["Harbour View", "harbor view", "Harbor View Branch", "HARBOR VIEW"],
               region: .south, manager: "Samuel Whitaker", address: "12 Harbor Way", phone: "(555) 201-4000", opened: Day(year: 2001, month: 1, day: 22), serviceQuality: 0.2),
        Branch(code: "BR005", territory: "Westfield", sheetVariants: ["West Field", "westfield", "Westfield Branch", "WESTFIELD"],
               region: .west, manager: "Elena Kowalski", address: "3300 Westfield Ave", phone: "(555) 201-5000", opened: Day(year: 2010, month: 5, day: 10), serviceQuality: -0.1),
        Branch(code: "BR006", territory: "University District", sheetVariants: ["Univ. District", "university district", "U District", "UNIVERSITY DISTRICT"],
               region: .central, manager: "Marcus Liu", address: "9 College Street", phone: "(555) 201-6000", opened: Day(year: 2012, month: 8, day: 27), serviceQuality: 0.0),
        Branch(code: "BR007", territory: "Eastside Plaza", sheetVariants: ["East Side Plaza", "eastside plaza", "Eastside", "EASTSIDE PLAZA"],
               region: .east, manager: "Fatima Haddad", address: "501 Plaza Drive", phone: "(555) 201-7000", opened: Day(year: 2008, month: 11, day: 3), serviceQuality: -0.4),
        Branch(code: "BR008", territory: "Lakeside", sheetVariants: ["Lake Side", "lakeside", "Lakeside Branch", "LAKESIDE"],
               region: .north, manager: "Henrik Larsen", address: "27 Lakeshore Drive", phone: "(555) 201-8000", opened: Day(year: 2015, month: 2, day: 9), serviceQuality: 0.3),
        Branch(code: "BR009", territory: "Southpoint", sheetVariants: ["South Point", "southpoint", "Southpoint Mall Branch", "SOUTHPOINT"],
               region: .south, manager: "Grace Mensah", address: "1500 Southpoint Mall", phone: "(555) 201-9000", opened: Day(year: 2017, month: 4, day: 18), serviceQuality: 0.0),
        Branch(code: "BR010", territory: "Airport Road", sheetVariants: ["Airport Rd", "airport road", "Airport Road Branch", "AIRPORT RD."],
               region: .west, manager: "Oliver Brennan", address: "88 Airport Road", phone: "(555) 201-0100", opened: Day(year: 2019, month: 10, day: 7), serviceQuality: -0.2),
    ]
}

/// A region of branches; the ERPNext territory groups.
enum Region: String, CaseIterable, Sendable {
    case north = "North", south = "South", east = "East", west = "West", central = "Central"

    /// Spellings the sheets use: `North`, `NORTH`, `N`, `north`.
    var sheetVariants: [String] { [rawValue.uppercased(), String(rawValue.prefix(1)), rawValue.lowercased(), rawValue + " Region"] }
}
