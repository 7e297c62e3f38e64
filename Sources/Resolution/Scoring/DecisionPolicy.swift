/// Thresholds and caps turned into one decision per pair.
struct DecisionPolicy: Sendable {
    let accept: Double
    let review: Double
    /// The accept threshold of pairs with a mention (``MatchSettings/mentionAcceptThreshold``).
    let mentionAccept: Double
    /// For each comparator and level, the best decision's rank allowed (2 accept, 1 review, 0 reject).
    let caps: [[UInt8]]
    let space: PatternSpace
    let capped: Bool

    init(_ settings: MatchSettings, space: PatternSpace) throws(ResolutionError) {
        accept = settings.acceptThreshold
        review = settings.reviewThreshold
        mentionAccept = settings.mentionAcceptThreshold
        var caps = settings.comparators.map { [UInt8](repeating: 2, count: $0.levelNames.count) }
        for cap in settings.caps {
            guard let k = settings.comparators.firstIndex(where: { $0.name == cap.field }),
                  let level = settings.comparators[k].levelNames.firstIndex(of: cap.level)
            else { throw ResolutionError("decision cap on '\(cap.field)' level '\(cap.level)': no such comparator level") }
            caps[k][level] = min(caps[k][level], Self.rank(cap.decision))
        }
        self.caps = caps
        self.space = space
        self.capped = !settings.caps.isEmpty
    }

    /// The decision for a pair of `weight` whose levels are `pattern`.
    @inline(__always)
    func decide(_ weight: Double, _ pattern: UInt32) -> Decision { decide(weight, pattern, accept: accept) }

    /// The decision for a pair with a mention, whose accept threshold is its own.
    func decideMention(_ weight: Double, _ pattern: UInt32) -> Decision { decide(weight, pattern, accept: mentionAccept) }

    @inline(__always)
    private func decide(_ weight: Double, _ pattern: UInt32, accept: Double) -> Decision {
        var rank: UInt8 = weight >= accept ? 2 : weight >= review ? 1 : 0
        if capped && rank > 0 {
            for k in caps.indices {
                let level = space.level(pattern, k)
                if level >= 0 { rank = min(rank, caps[k][level]) }
            }
        }
        return rank == 2 ? .accept : rank == 1 ? .review : .reject
    }

    private static func rank(_ decision: Decision) -> UInt8 {
        switch decision {
        case .accept: 2
        case .review: 1
        case .reject: 0
        }
    }
}
