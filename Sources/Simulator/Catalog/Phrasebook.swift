/// The words people write into the CRM and the sheets: case subjects, notes, tasks, campaigns.
enum Phrasebook {
    /// A kind of complaint, with the ways agents word it and how serious it is.
    struct Complaint: Sendable {
        let type: String
        let reason: String
        let wordings: [String]
        let description: String
        /// Chance that a case of this kind is escalated.
        let escalation: Double
    }

    static let complaints: [Complaint] = [
        Complaint(type: "Complaint", reason: "Fees", wordings: ["Monthly maintenance fee charged", "Charged monthly fee again", "monthly fee complaint", "Disputes account maintenance fee"],
                  description: "Customer disputes the monthly maintenance fee on the current account.", escalation: 0.1),
        Complaint(type: "Complaint", reason: "Fees", wordings: ["Overdraft fee dispute", "Unfair overdraft charge", "overdraft fees - wants refund"],
                  description: "Customer asks for an overdraft fee to be refunded.", escalation: 0.15),
        Complaint(type: "Problem", reason: "Digital", wordings: ["Mobile app login failure", "Cannot log in to the app", "app login not working", "Locked out of mobile banking"],
                  description: "Customer cannot sign in to the mobile app after the latest update.", escalation: 0.05),
        Complaint(type: "Problem", reason: "Cards", wordings: ["Card declined abroad", "Debit card declined while travelling", "card blocked overseas"],
                  description: "Card transactions declined while the customer was abroad.", escalation: 0.1),
        Complaint(type: "Complaint", reason: "Service", wordings: ["Long wait at branch", "Waited 45 minutes at branch", "branch queue too long"],
                  description: "Customer complains about waiting times at the branch counter.", escalation: 0.05),
        Complaint(type: "Complaint", reason: "Payments", wordings: ["Transfer delayed", "External transfer not received", "transfer still pending after 3 days"],
                  description: "An external transfer has not arrived at the beneficiary.", escalation: 0.2),
        Complaint(type: "Complaint", reason: "Rates", wordings: ["Savings rate not competitive", "Competitor offers better savings rate", "asks for rate match"],
                  description: "Customer says other banks pay more interest on savings.", escalation: 0.1),
        Complaint(type: "Complaint", reason: "Interest", wordings: ["Incorrect interest applied", "Interest miscalculated on loan", "wrong interest on statement"],
                  description: "Customer reports interest calculated incorrectly on the statement.", escalation: 0.25),
        Complaint(type: "Complaint", reason: "Service", wordings: ["Rude staff at branch", "Poor service from teller", "unhappy with branch staff"],
                  description: "Customer unhappy with how staff treated them at the branch.", escalation: 0.2),
        Complaint(type: "Question", reason: "Account", wordings: ["Question about statement", "Statement query", "cannot find e-statement"],
                  description: "Customer asks where to find their monthly statement.", escalation: 0.0),
    ]

    /// The case a leaving customer opens.
    static let closure = Complaint(type: "Request", reason: "Account", wordings: ["Account closure request", "Wants to close all accounts", "close account - moving banks"],
                                   description: "Customer asks to close their accounts and transfer the balance out.", escalation: 0.3)

    static let positiveNotes = ["Very happy with the new savings rate", "Thanked staff for quick mortgage approval", "Opened a second savings account for the kids",
                                "Referred a friend to the bank", "Pleased with mobile app update", "Praised branch team for help with transfer",
                                "Interested in investment products", "Increased monthly deposit"]
    static let neutralNotes = ["Updated address details", "Asked about branch opening hours", "Requested new debit card", "Annual account review done",
                               "Discussed travel notification", "Collected new cheque book", "Asked about online banking limits"]
    static let warningNotes = ["Asked about fees at other banks", "Complained about monthly fees", "Balance dropping - check in next month",
                               "Frustrated with app outages", "Mentioned competitor's savings offer", "Unhappy with loan rate review",
                               "Disappointed by complaint handling", "Reduced salary deposit - changed employer?"]
    static let negativeNotes = ["Moving to competitor - cited better rates", "Customer requested account closure", "Very unhappy - third complaint this quarter",
                                "Transferred savings to another bank", "Threatened to leave over fees", "Closed credit card, keeping current account for now",
                                "Wants to close all accounts", "Stopped salary deposit - moved to competitor"]

    /// Follow-ups written beside a note, sometimes left empty.
    static let followUps = ["Call back next week", "Send fee schedule", "Offer rate review", "Escalate to branch manager", "None", "Email product brochure"]

    static let courtesyTasks = ["Annual review call", "Courtesy call", "Birthday call", "Check satisfaction after product opening", "Offer financial health check"]

    static let campaignThemes: [(name: String, channel: String, segment: String)] = [
        ("Spring Savings Boost", "Email", "Active savers"), ("Mortgage Rate Lock", "Branch event", "Home buyers"),
        ("Card Rewards Double Points", "SMS", "Card holders"), ("Win-Back Fee Waiver", "Phone", "At-risk customers"),
        ("Student Starter Pack", "Campus stand", "Students"), ("Digital Banking Workshop", "Branch event", "Seniors"),
        ("Fixed Deposit Special", "Direct mail", "High balance"), ("Refer a Friend", "Email", "All customers"),
    ]
}
