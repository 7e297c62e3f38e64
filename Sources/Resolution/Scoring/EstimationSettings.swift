/// How m and u are estimated from the records being matched.
public struct EstimationSettings: Sendable, Hashable {
    /// Random record pairs drawn to estimate u (all pairs when there are fewer).
    public var randomPairs: Int
    /// The seed of the random-pair sample: the same seed gives the same model.
    public var seed: UInt64
    /// The most expectation–maximisation rounds to estimate m.
    public var maximumIterations: Int
    /// EM stops when no parameter moves more than this.
    public var convergence: Double
    /// The starting guess of the share of a rule's candidate pairs that match.
    public var priorMatchProbability: Double
    /// Pseudo-pairs added to every level's count, so that a level no pair reached keeps a
    /// finite weight.
    public var smoothing: Double
    /// Rounds of taking the expected matches out of the random pairs u is read from (0 takes u as sampled).
    public var uCorrectionRounds: Int

    /// Settings; the defaults suit a few thousand to a few million records.
    public init(randomPairs: Int = 1_000_000, seed: UInt64 = 0x7E4E_5E, maximumIterations: Int = 25,
                convergence: Double = 1e-6, priorMatchProbability: Double = 0.1, smoothing: Double = 1,
                uCorrectionRounds: Int = 5) {
        self.randomPairs = randomPairs
        self.seed = seed
        self.maximumIterations = maximumIterations
        self.convergence = convergence
        self.priorMatchProbability = priorMatchProbability
        self.smoothing = smoothing
        self.uCorrectionRounds = uCorrectionRounds
    }
}
