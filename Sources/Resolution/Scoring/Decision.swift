/// What a scored pair's weight says about it, against the accept and review thresholds.
public enum Decision: String, Sendable, Hashable, CaseIterable {
    /// The same person: the pair links its records.
    case accept
    /// Uncertain: queued for a person to decide; not linked meanwhile.
    case review
    /// Different people.
    case reject
}
