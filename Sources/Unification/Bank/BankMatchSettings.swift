import Resolution

extension MatchSettings {
    /// The bank's settings: the matcher's defaults, plus the branch (where a customer banks, where
    /// a relationship manager wrote a note) and the blocking rules that let a note naming only a
    /// person (`Kelly Martinez`, `John S.`, `Mr. Smith`, at a branch, no e-mail or phone) meet
    /// the customer it names.
    public static let bank = MatchSettings(
        comparators: FieldComparator.defaults + [.attribute(BankRecords.branch), .attribute(BankRecords.gender)],
        blockingRules: BlockingRule.defaults + [
            BlockingRule([.surname, .attribute(BankRecords.branch)]),
            BlockingRule([.givenName, .surnameInitial, .attribute(BankRecords.branch)]),
        ],
        caps: DecisionCap.defaults + [DecisionCap(field: FieldComparator.Field.birthDate.rawValue, level: "else", atMost: .review)],
        mentionSystems: ["sheets", "supabase"], mentionAcceptThreshold: -2, mentionMargin: 2)
}
