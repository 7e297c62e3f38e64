/// Everything a matching run is configured with: what to compare, how to block, where the
/// parameters come from and the thresholds that turn weights into decisions.
public struct MatchSettings: Sendable, Hashable {
    /// Where m and u come from.
    public enum Parameters: Sendable, Hashable {
        /// Estimated from the records on every run.
        case estimated(EstimationSettings)
        /// Configured, for reproducible or hand-tuned scoring.
        case fixed(MatchModel)
    }

    /// The fields compared, in explanation order.
    public var comparators: [FieldComparator]
    /// The blocking rules, OR-ed.
    public var blockingRules: [BlockingRule]
    /// Blocks with more records are skipped (and counted) rather than compared pair by pair.
    public var maximumBlockSize: Int
    /// Pairs weighing at least this are accepted as matches. Weights include the prior, so a
    /// threshold is posterior log-odds in bits: 4 is a match probability of about 0.94, 0 of 0.5.
    public var acceptThreshold: Double
    /// Pairs weighing at least this but less than ``acceptThreshold`` go to review; below, rejected.
    public var reviewThreshold: Double
    /// Pairs weighing less than this are clear non-matches: clustering never joins their records.
    public var nonMatchThreshold: Double
    /// The model's source.
    public var parameters: Parameters
    /// The largest term-frequency adjustment, either way, in bits.
    public var maximumTermFrequencyAdjustment: Double
    /// Levels that limit a pair's decision whatever its weight.
    public var caps: [DecisionCap]

    /// Settings; the defaults are tuned on the simulated bank's kinds of dirt.
    public init(comparators: [FieldComparator] = FieldComparator.defaults, blockingRules: [BlockingRule] = BlockingRule.defaults,
                maximumBlockSize: Int = 1_000, acceptThreshold: Double = 4, reviewThreshold: Double = 0,
                nonMatchThreshold: Double = -10, parameters: Parameters = .estimated(EstimationSettings()),
                maximumTermFrequencyAdjustment: Double = 6, caps: [DecisionCap] = DecisionCap.defaults) {
        self.comparators = comparators
        self.blockingRules = blockingRules
        self.maximumBlockSize = maximumBlockSize
        self.acceptThreshold = acceptThreshold
        self.reviewThreshold = reviewThreshold
        self.nonMatchThreshold = nonMatchThreshold
        self.parameters = parameters
        self.maximumTermFrequencyAdjustment = maximumTermFrequencyAdjustment
        self.caps = caps
    }

    /// Checks that the settings can be run.
    func validate() throws(ResolutionError) {
        guard !comparators.isEmpty else { throw ResolutionError("no comparators configured") }
        guard Set(comparators.map(\.name)).count == comparators.count else {
            throw ResolutionError("two comparators share a name: \(comparators.map(\.name))")
        }
        guard !blockingRules.isEmpty, blockingRules.allSatisfy({ !$0.keys.isEmpty }) else {
            throw ResolutionError("every run needs at least one blocking rule, each with at least one key")
        }
        guard maximumBlockSize >= 2 else { throw ResolutionError("the maximum block size must be at least 2") }
        guard reviewThreshold <= acceptThreshold, nonMatchThreshold <= reviewThreshold else {
            throw ResolutionError("thresholds must satisfy non-match (\(nonMatchThreshold)) <= review (\(reviewThreshold)) <= accept (\(acceptThreshold))")
        }
        guard let space = PatternSpace(comparators) else { throw ResolutionError("too many comparators and levels to pack a pair's levels in 32 bits") }
        _ = try DecisionPolicy(self, space: space)
        if case .fixed(let model) = parameters { try model.validate(against: comparators) }
        if case .estimated(let estimation) = parameters {
            guard estimation.randomPairs > 0, estimation.maximumIterations > 0, estimation.smoothing >= 0,
                  estimation.priorMatchProbability > 0, estimation.priorMatchProbability < 1
            else { throw ResolutionError("estimation needs random pairs, iterations, smoothing >= 0 and a prior in (0, 1)") }
        }
    }
}
