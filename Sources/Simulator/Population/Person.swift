/// A real customer of the simulated bank: who they are, and how their relationship unfolds.
struct Person {
    /// 1-based position in the population; also the seed stream of everything about them.
    let index: Int
    /// The truth folder's identifier, `P0000001`.
    let id: String
    let givenName: String
    let female: Bool
    let middleInitial: String?
    let surname: String
    /// Canonical suffix (`Jr`, `Sr`, `II`, `III`), when the person has one.
    let suffix: String?
    let email: String
    /// A second address some systems hold instead (work or another provider).
    let otherEmail: String
    /// Ten digits, North American numbering plan, without country code.
    let phoneDigits: String
    let birthDate: Day
    let street: String
    let city: (city: String, state: String, zip: String)
    let segment: Segment
    let customerSince: Day
    /// The business segment (ERPNext customer group): Retail, Premier or Private Banking.
    let customerGroup: String
    let homeBranch: Int
    /// A second branch where the person was opened again, as a duplicate ERPNext customer.
    let duplicateBranch: Int?
    let products: [Int]
    /// When activity starts to fall (at-risk and churned people).
    let declineStart: Day?
    /// When the relationship closed (churned people).
    let churnDate: Day?
    /// A per-person appetite for banking activity around 1.
    let activityLevel: Double
    let appPlatform: String

    var fullName: String { "\(givenName) \(surname)" + (suffix.map { " \($0)" } ?? "") }

    /// Ten digits with the leading country code, E.164.
    var phoneE164: String { "+1" + phoneDigits }

    /// The last day the person does anything with the bank.
    func lastActiveDay(windowEnd: Day) -> Day { churnDate ?? windowEnd }

    /// The relative intensity of the person's activity on a day: 1 before the decline, falling
    /// to a fifth at churn (or the end of the window for the at-risk), 0 after churn.
    func intensity(on day: Day, windowEnd: Day) -> Double {
        if let churn = churnDate, day > churn { return 0 }
        guard let start = declineStart, day >= start else { return 1 }
        let end = churnDate ?? windowEnd
        let progress = Double(day.ordinal - start.ordinal) / Double(max(1, end.ordinal - start.ordinal))
        return 1 - 0.8 * min(1, max(0, progress))
    }
}
