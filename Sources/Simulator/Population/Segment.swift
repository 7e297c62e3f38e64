/// Where a person stands with the bank at the end of the simulated window. Only the truth folder
/// names it: the source systems show it through behaviour alone.
public enum Segment: String, Sendable, CaseIterable {
    case active
    case atRisk = "at_risk"
    case churned
}
