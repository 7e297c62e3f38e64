/// Fellegi–Sunter parameters: for each comparator and level, the probability of that level
/// among matching pairs (m) and among non-matching pairs (u), and the match weight log2(m/u).
///
/// A pair's total weight is the prior's weight plus its levels' weights (nulls add 0), in
/// bits: the log-odds that the pair is a match, each bit doubling the odds.
public struct MatchModel: Sendable, Hashable {
    /// One comparator's parameters.
    public struct FieldParameters: Sendable, Hashable {
        /// The comparator's name.
        public let name: String
        /// The comparator's level names, best first.
        public let levelNames: [String]
        /// P(level | match) per level, when estimated or configured as probabilities.
        public let m: [Double]?
        /// P(level | non-match) per level, when estimated or configured as probabilities.
        public let u: [Double]?
        /// The match weight of each level, log2(m/u) or as configured.
        public let weights: [Double]

        /// Parameters from probabilities; each must be in (0, 1].
        public init(name: String, levelNames: [String], m: [Double], u: [Double]) throws(ResolutionError) {
            guard m.count == levelNames.count, u.count == levelNames.count else {
                throw ResolutionError("\(name): \(levelNames.count) levels but \(m.count) m and \(u.count) u probabilities")
            }
            guard (m + u).allSatisfy({ $0 > 0 && $0 <= 1 }) else {
                throw ResolutionError("\(name): m and u probabilities must be in (0, 1]")
            }
            self.name = name
            self.levelNames = levelNames
            self.m = m
            self.u = u
            self.weights = zip(m, u).map { Logarithm.binary($0 / $1) }
        }

        /// Parameters given directly as weights in bits.
        public init(name: String, levelNames: [String], weights: [Double]) throws(ResolutionError) {
            guard weights.count == levelNames.count else {
                throw ResolutionError("\(name): \(levelNames.count) levels but \(weights.count) weights")
            }
            guard weights.allSatisfy(\.isFinite) else { throw ResolutionError("\(name): weights must be finite") }
            self.name = name
            self.levelNames = levelNames
            self.m = nil
            self.u = nil
            self.weights = weights
        }
    }

    /// One entry per comparator, in the comparators' order.
    public let fields: [FieldParameters]
    /// The probability that two records drawn at random are the same person, when known:
    /// the prior every pair's weight starts from.
    public let randomMatchProbability: Double?
    /// The share of candidate pairs that match, when estimated.
    public let candidateMatchProbability: Double?
    /// The EM rounds run in all (every per-rule fit and the final fit of the match share), when estimated.
    public let iterations: Int?

    /// A model of these fields; `randomMatchProbability` must be in (0, 1) when given.
    public init(fields: [FieldParameters], randomMatchProbability: Double? = nil, candidateMatchProbability: Double? = nil,
                iterations: Int? = nil) {
        self.fields = fields
        self.randomMatchProbability = randomMatchProbability.map { min(max($0, 1e-15), 1 - 1e-15) }
        self.candidateMatchProbability = candidateMatchProbability
        self.iterations = iterations
    }

    /// The prior's weight, log2(p / (1 − p)) of ``randomMatchProbability``; 0 when unknown.
    ///
    /// Field weights compare a pair with random pairs; the prior says how rare matches are
    /// among random pairs to begin with, so that prior plus field weights is the pair's
    /// posterior log-odds and a threshold means the same at a thousand records as at a million.
    public var priorWeight: Double {
        randomMatchProbability.map { Logarithm.binary($0 / (1 - $0)) } ?? 0
    }

    /// The probability of a match for a total weight (prior included): 1 / (1 + 2^−weight).
    public static func probability(weight: Double) -> Double {
        1 / (1 + Logarithm.power(-weight))
    }

    /// A fixed model for `comparators`, one weight per level of each, with an optional prior.
    public static func fixed(_ comparators: [FieldComparator], weights: [[Double]],
                             randomMatchProbability: Double? = nil) throws(ResolutionError) -> MatchModel {
        guard comparators.count == weights.count else {
            throw ResolutionError("\(comparators.count) comparators but weights for \(weights.count)")
        }
        var fields: [FieldParameters] = []
        for (comparator, levelWeights) in zip(comparators, weights) {
            fields.append(try FieldParameters(name: comparator.name, levelNames: comparator.levelNames, weights: levelWeights))
        }
        return MatchModel(fields: fields, randomMatchProbability: randomMatchProbability)
    }

    /// A fixed model for `comparators` from m and u probabilities per level, with an optional prior.
    public static func fixed(_ comparators: [FieldComparator], m: [[Double]], u: [[Double]],
                             randomMatchProbability: Double? = nil) throws(ResolutionError) -> MatchModel {
        guard comparators.count == m.count, comparators.count == u.count else {
            throw ResolutionError("\(comparators.count) comparators but m for \(m.count) and u for \(u.count)")
        }
        var fields: [FieldParameters] = []
        for index in comparators.indices {
            let comparator = comparators[index]
            fields.append(try FieldParameters(name: comparator.name, levelNames: comparator.levelNames, m: m[index], u: u[index]))
        }
        return MatchModel(fields: fields, randomMatchProbability: randomMatchProbability)
    }

    /// The weight of `level` of comparator `field` (0 for null).
    public func weight(field: Int, level: Int?) -> Double {
        level.map { fields[field].weights[$0] } ?? 0
    }

    /// Checks that the model was made for `comparators`: same names and levels, in order.
    func validate(against comparators: [FieldComparator]) throws(ResolutionError) {
        guard fields.count == comparators.count else {
            throw ResolutionError("the model has \(fields.count) fields but \(comparators.count) comparators are configured")
        }
        for (field, comparator) in zip(fields, comparators) where field.name != comparator.name || field.levelNames != comparator.levelNames {
            throw ResolutionError("the model's field '\(field.name)' \(field.levelNames) does not fit comparator '\(comparator.name)' \(comparator.levelNames)")
        }
    }
}
