/// The branch network's Google Sheets as the Sheets API's `values.get` returns them: a header row
/// and rows of strings, typed by hand — branches, relationship managers' notes, local campaigns.
final class SheetsSystem {
    private let specification: BankSpecification
    private let scribe: Scribe
    private let truth: TruthExport
    private let branches: SheetExport
    private let notes: SheetExport
    private let campaigns: SheetExport
    private var noteNumber = 0

    static let branchHeader = ["Branch Code", "Branch Name", "Region", "Branch Manager", "Phone", "Address", "Opened"]
    static let noteHeader = ["Date", "Branch", "Customer", "Email", "Phone", "Relationship Manager", "Note", "Follow Up"]
    static let campaignHeader = ["Campaign ID", "Branch", "Region", "Campaign", "Channel", "Start Date", "End Date", "Target Segment",
                                 "Customers Targeted", "Responses", "Budget (USD)", "Owner"]

    /// Relationship managers per branch, besides the branch manager.
    private static let relationshipManagers = ["Alicia Grant", "Tom Becker", "Nadia Rahman", "Luis Ortega", "Karen Whitley", "Ben Osei",
                                               "Yara Costa", "Ian McLeod", "Sophie Turner", "Raj Malhotra", "Chen Wu", "Dana Fox",
                                               "Eva Novak", "Paulo Silva", "Hannah Stein", "Kofi Boateng", "Mia Jensen", "Sean Kelly",
                                               "Zara Ali", "Victor Hugo"]

    /// Opens the Sheets exports in `directory`.
    init(directory: String, specification: BankSpecification, truth: TruthExport) throws(SimulatorError) {
        self.specification = specification
        scribe = Scribe(rates: specification.dirt)
        self.truth = truth
        branches = try SheetExport(directory: directory, name: "branches", sheetTitle: "Branches", header: Self.branchHeader)
        notes = try SheetExport(directory: directory, name: "customer_notes", sheetTitle: "Customer Notes", header: Self.noteHeader)
        campaigns = try SheetExport(directory: directory, name: "campaigns", sheetTitle: "Local Campaigns", header: Self.campaignHeader)
    }

    /// Writes the branch sheet and the campaign tracker.
    func writeReferenceData() {
        var random = SeededRandom(seed: specification.seed, stream: 5)
        for branch in Branch.all {
            branches.write([branch.code, scribe.branchName(branch, &random), scribe.regionName(branch.region, &random),
                            scribe.maybe(branch.manager, &random) ?? "", branch.phone, branch.address, scribe.date(branch.opened, &random)])
        }
        let window = specification.window
        var serial = 0
        for quarter in 0..<13 {
            let quarterStart = window.start.adding(months: quarter * 3)
            for (position, branch) in Branch.all.enumerated() where random.chance(0.35) {
                serial += 1
                let theme = random.pick(Phrasebook.campaignThemes)
                let start = quarterStart.adding(days: random.int(0...60))
                let end = start.adding(days: random.int(14...75))
                let targeted = max(5, specification.customers / 10 * random.int(2...8) / 10 + random.int(0...20))
                let responses = targeted * random.int(2...25) / 100
                let budget = Double(random.int(5...80) * 100)
                let owner = random.chance(0.5) ? branch.manager : Self.relationshipManagers[position * 2 + random.int(0...1)]
                campaigns.write(["CMP-\(start.year)-\(padded(serial, width: 3))", scribe.branchName(branch, &random),
                                 scribe.regionName(branch.region, &random), theme.name, theme.channel,
                                 scribe.date(start, &random), end <= window.end ? scribe.date(end, &random) : "",
                                 theme.segment, groupedThousands(targeted), end <= window.end ? String(responses) : "",
                                 "$" + groupedThousands(Int(budget)) + ".00", owner])
            }
        }
    }

    /// Writes the relationship managers' notes about the person.
    func write(_ person: Person) {
        var random = SeededRandom(seed: specification.seed, stream: UInt64(person.index) &* 16 &+ 5)
        var story = SeededRandom(seed: specification.seed, stream: UInt64(person.index) &* 16 &+ 10)
        let window = specification.window
        let (count, pool): (Int, [String]) = switch person.segment {
        case .active: (random.int(0...3), random.chance(0.5) ? Phrasebook.positiveNotes : Phrasebook.neutralNotes)
        case .atRisk: (random.int(2...4), Phrasebook.warningNotes)
        case .churned: (random.int(2...5), Phrasebook.negativeNotes)
        }
        let first = person.firstActiveDay(window: window), last = person.lastActiveDay(windowEnd: window.end)
        var days: [Day] = (0..<count).map { _ in
            if let decline = person.declineStart { return Day(ordinal: random.int(min(decline.ordinal, last.ordinal)...last.ordinal)) }
            return Day(ordinal: random.int(first.ordinal...last.ordinal))
        }
        days.sort()
        let branchIndex = person.duplicateBranch.map { random.chance(0.3) ? $0 : person.homeBranch } ?? person.homeBranch
        let branch = Branch.all[branchIndex]
        for day in days {
            // Active customers get a mix of kinds of notes; the others' notes follow their story.
            // Managers read people imperfectly: three in ten notes on a slipping customer take the
            // other tone (a warning about a leaver, a complaint about one who stays).
            let tone = story.chance(0.3) ? (pool == Phrasebook.warningNotes ? Phrasebook.negativeNotes : Phrasebook.warningNotes) : pool
            let text = person.segment == .active ? random.pick(random.chance(0.5) ? Phrasebook.positiveNotes : Phrasebook.neutralNotes) : random.pick(tone)
            let manager = random.chance(0.3) ? branch.manager : Self.relationshipManagers[branchIndex * 2 + random.int(0...1)]
            notes.write([scribe.date(day, &random), scribe.branchName(branch, &random), customerLabel(person, &random),
                         random.chance(0.55) ? scribe.email(person.email, &random) : "",
                         random.chance(0.35) ? scribe.phone(person.phoneDigits, &random) : "",
                         manager, text, random.chance(0.6) ? random.pick(Phrasebook.followUps) : ""])
            noteNumber += 1
            // A sheet row has no id of its own: its row number in the sheet (the header is row 1) is its key.
            truth.record("sheets", "customer_notes", String(noteNumber + 1), person)
        }
    }

    /// How a relationship manager writes a customer's name in a note: `John Smith`, `John S. (VIP)`,
    /// `Mr. Smith`, `SMITH, JOHN`, `J. Smith`.
    private func customerLabel(_ person: Person, _ random: inout SeededRandom) -> String {
        let vip = person.customerGroup != "Retail" ? " (VIP)" : ""
        switch random.int(0...9) {
        case 0, 1: return "\(person.givenName) \(person.surname.prefix(1)).\(vip)"
        case 2: return "\(person.female ? "Mrs." : "Mr.") \(person.surname)"
        case 3: return "\(person.surname.uppercased()), \(person.givenName.uppercased())"
        default: return scribe.fullName(person, allowNickname: true, &random) + vip
        }
    }

    private func groupedThousands(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// Closes every sheet file.
    func close() throws(SimulatorError) {
        for export in [branches, notes, campaigns] { try export.close() }
    }

    /// Rows written per sheet (header excluded).
    var counts: [(String, Int)] { [("branches", branches.count), ("customer_notes", notes.count), ("campaigns", campaigns.count)] }
}
