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

    /// Which pairs of records a run may compare.
    public enum LinkType: String, Sendable, Hashable, CaseIterable {
        /// Every pair: duplicates within a system and links across systems.
        case dedupeAndLink = "dedupe_and_link"
        /// Only pairs of records from different systems (``RecordID/sourceSystem``): for linking
        /// sources each already free of duplicates, such as two files of one population.
        case linkOnly = "link_only"
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
    /// Which pairs are compared: all, or only those across systems.
    public var linkType: LinkType
    /// Systems whose records mention a person rather than stand for one (a relationship
    /// manager's note naming `John S.`): a mention joins the one cluster it best matches and
    /// never joins two clusters together, so a vague note cannot merge two people.
    public var mentionSystems: Set<String>
    /// A mention joins a cluster when its best link there weighs at least this (decision caps
    /// apply)…
    public var mentionAcceptThreshold: Double
    /// …and at least this many bits more than its best link to any other cluster.
    public var mentionMargin: Double

    /// Settings; the defaults are tuned on the simulated bank's kinds of dirt.
    public init(comparators: [FieldComparator] = FieldComparator.defaults, blockingRules: [BlockingRule] = BlockingRule.defaults,
                maximumBlockSize: Int = 1_000, acceptThreshold: Double = 4, reviewThreshold: Double = 0,
                nonMatchThreshold: Double = -10, parameters: Parameters = .estimated(EstimationSettings()),
                maximumTermFrequencyAdjustment: Double = 6, caps: [DecisionCap] = DecisionCap.defaults,
                linkType: LinkType = .dedupeAndLink, mentionSystems: Set<String> = [], mentionAcceptThreshold: Double = 4,
                mentionMargin: Double = 2) {
        self.comparators = comparators
        self.blockingRules = blockingRules
        self.maximumBlockSize = maximumBlockSize
        self.acceptThreshold = acceptThreshold
        self.reviewThreshold = reviewThreshold
        self.nonMatchThreshold = nonMatchThreshold
        self.parameters = parameters
        self.maximumTermFrequencyAdjustment = maximumTermFrequencyAdjustment
        self.caps = caps
        self.linkType = linkType
        self.mentionSystems = mentionSystems
        self.mentionAcceptThreshold = mentionAcceptThreshold
        self.mentionMargin = mentionMargin
    }

    /// Checks that the settings can be run.
    func validate() throws(ResolutionError) {
        guard !comparators.isEmpty else { throw ResolutionError("no comparators configured") }
        guard mentionMargin >= 0 else { throw ResolutionError("a mention's margin must be at least 0 bits") }
        guard Set(comparators.map(\.name)).count == comparators.count else {
            throw ResolutionError("two comparators share a name: \(comparators.map(\.name))")
        }
        guard !blockingRules.isEmpty, blockingRules.allSatisfy({ !$0.keys.isEmpty }) else {
            throw ResolutionError("every run needs at least one blocking rule, each with at least one key")
        }
        for comparator in comparators where comparator.field == .attribute {
            guard let attribute = comparator.attribute, !attribute.isEmpty else {
                throw ResolutionError("comparator '\(comparator.name)' compares an attribute but names none")
            }
        }
        for rule in blockingRules {
            for case .attribute(let attribute, let first) in rule.keys {
                guard !attribute.isEmpty else { throw ResolutionError("blocking rule '\(rule.name)' names an attribute without a name") }
                if let first, first < 1 {
                    throw ResolutionError("blocking rule '\(rule.name)': the first \(first) characters of '\(attribute)' are no key")
                }
            }
        }
        guard maximumBlockSize >= 2 else { throw ResolutionError("the maximum block size must be at least 2") }
        guard reviewThreshold <= acceptThreshold, nonMatchThreshold <= reviewThreshold else {
            throw ResolutionError("thresholds must satisfy non-match (\(nonMatchThreshold)) <= review (\(reviewThreshold)) <= accept (\(acceptThreshold))")
        }
        let space = try PatternSpace.checked(comparators)
        _ = try DecisionPolicy(self, space: space)
        if case .fixed(let model) = parameters { try model.validate(against: comparators) }
        if case .estimated(let estimation) = parameters {
            guard estimation.randomPairs > 0, estimation.maximumIterations > 0, estimation.smoothing >= 0,
                  estimation.priorMatchProbability > 0, estimation.priorMatchProbability < 1
            else { throw ResolutionError("estimation needs random pairs, iterations, smoothing >= 0 and a prior in (0, 1)") }
        }
    }
}
