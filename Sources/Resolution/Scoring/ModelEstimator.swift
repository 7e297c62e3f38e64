import TenureCore
/// Estimates a ``MatchModel`` from the records themselves: u from random pairs, m by
/// expectation–maximisation over the candidate pairs, one blocking rule at a time.
///
/// Random pairs are almost all non-matches, so their level frequencies are u. Candidate pairs
/// are biased by blocking: every pair of a rule agrees on the rule's keys, so a comparator of
/// those fields looks like a perfect predictor there, and EM fitted to all candidates at once
/// can mistake "same name, same year" for the match class. So, as Splink does, EM runs on each
/// rule's pairs with u fixed, estimating m only for comparators the rule does not involve, and
/// each comparator's m is the mean over the rules that estimated it. The share of matches is
/// then fitted over all candidates with m and u fixed, and turned into the prior.
enum ModelEstimator {
    /// Chunks of the random-pair sample; fixed so the sample does not depend on the core count.
    static let sampleChunks = 16
    /// Fewer pairs than this in a rule's blocks teach EM nothing reliable.
    static let minimumTrainingPairs = 50.0

    /// The model of `comparer`'s comparators fitted to the candidate pairs.
    /// With `linkOnly`, only pairs of records from different systems are compared, so u is read
    /// from such pairs and the prior is a share of them.
    static func estimate(_ comparer: PairComparer, candidates: CandidatePairs, patterns: [UInt32], rules: [BlockingRule],
                         settings: EstimationSettings, linkOnly: Bool = false) throws(ResolutionError) -> MatchModel {
        let comparators = comparer.comparators
        let sample = randomPairSample(comparer, settings: settings, linkOnly: linkOnly)
        let counts = countPatterns(candidates, patterns: patterns, rules: rules, space: comparer.space)
        let allPairs = max(1, comparer.table.comparablePairs(linkOnly: linkOnly))
        var u = sample.frequencies
        var fit = fitM(comparer, counts: counts, rules: rules, u: u, settings: settings)
        // Random pairs are not all non-matches: where people have several records each, the
        // few matches among them dominate the agreements on near-unique values (an e-mail shared
        // by one random pair in a thousand is mostly one person's), and u read straight from
        // them drags an exact e-mail down to even odds. So the pairs of each level among all
        // pairs (the sample's share, scaled) less the matches expected there (the candidates'
        // posteriors: blocking proposes nearly every pair that agrees on something rare) are
        // the non-matches u is read from; m is refitted against the new u, a few rounds.
        for _ in 0..<settings.uCorrectionRounds {
            let matches = expectedMatchesByLevel(counts.all, space: comparer.space, m: fit.m, u: u, lambda: fit.lambda)
            u = comparators.indices.map { k in
                let pairs = sample.nonNullShare[k] * allPairs
                let nonMatches = sample.frequencies[k].indices.map { level in
                    max(settings.smoothing, sample.frequencies[k][level] * pairs - matches[k][level])
                }
                let total = nonMatches.reduce(0, +)
                return nonMatches.map { $0 / total }
            }
            fit = fitM(comparer, counts: counts, rules: rules, u: u, settings: settings)
        }
        var fields: [MatchModel.FieldParameters] = []
        for k in comparators.indices {
            fields.append(try MatchModel.FieldParameters(name: comparators[k].name, levelNames: comparators[k].levelNames, m: fit.m[k], u: u[k]))
        }
        // Matches among all pairs: those among the candidates (blocking misses few).
        let random = fit.lambda * Double(patterns.count) / allPairs
        return MatchModel(fields: fields, randomMatchProbability: min(max(random, 1 / allPairs), 0.5),
                          candidateMatchProbability: fit.lambda, iterations: fit.iterations)
    }

    /// m of every comparator and the share of matches among the candidates, with u fixed.
    private static func fitM(_ comparer: PairComparer, counts: PatternCounts, rules: [BlockingRule], u: [[Double]],
                             settings: EstimationSettings) -> (m: [[Double]], lambda: Double, iterations: Int) {
        let comparators = comparer.comparators
        let start = comparators.map { comparator -> [Double] in
            let count = comparator.levelNames.count
            return (0..<count).map { $0 == 0 ? 0.9 : 0.1 / Double(count - 1) }
        }
        var sums = start.map { [Double](repeating: 0, count: $0.count) }
        var runs = [Int](repeating: 0, count: comparators.count)
        var iterations = 0
        for (r, rule) in rules.enumerated() {
            let active = comparators.map { comparator in !rule.keys.contains { $0.constrains(comparator) } }
            guard active.contains(true), counts.byRule[r].reduce(0, { $0 + $1.count }) >= minimumTrainingPairs else { continue }
            let fit = expectationMaximisation(counts.byRule[r], space: comparer.space, active: active, m: start, u: u,
                                              lambda: settings.priorMatchProbability, estimateM: true, settings: settings)
            iterations += fit.iterations
            for k in comparators.indices where active[k] {
                for level in sums[k].indices { sums[k][level] += fit.m[k][level] }
                runs[k] += 1
            }
        }
        var m = comparators.indices.map { k in runs[k] > 0 ? sums[k].map { $0 / Double(runs[k]) } : start[k] }
        if runs.contains(0) {
            // A comparator every rule involves: learn it from all candidates, biased as they are.
            let active = runs.map { $0 == 0 }
            let fit = expectationMaximisation(counts.all, space: comparer.space, active: active, m: m, u: u,
                                              lambda: settings.priorMatchProbability, estimateM: true, settings: settings)
            iterations += fit.iterations
            for k in comparators.indices where active[k] { m[k] = fit.m[k] }
        }
        let share = expectationMaximisation(counts.all, space: comparer.space, active: comparators.map { _ in true }, m: m, u: u,
                                            lambda: settings.priorMatchProbability, estimateM: false, settings: settings)
        return (m, share.lambda, iterations + share.iterations)
    }

    /// Distinct patterns with their counts: over all candidates, and over each rule's blocks.
    struct PatternCounts {
        var all: [(pattern: UInt32, count: Double)]
        var byRule: [[(pattern: UInt32, count: Double)]]
    }

    /// Counts candidate pairs by pattern, overall and per rule whose blocks hold the pair.
    static func countPatterns(_ candidates: CandidatePairs, patterns: [UInt32], rules: [BlockingRule], space: PatternSpace) -> PatternCounts {
        let chunks = Concurrently.chunks(patterns.count, size: 262_144)
        let width = rules.count + 1
        let partial = Concurrently.map(chunks.count) { chunk -> [[UInt32: Double]] in
            var local = [[UInt32: Double]](repeating: [:], count: width)
            for index in chunks[chunk] {
                let pattern = patterns[index]
                local[0][pattern, default: 0] += 1
                let i = Int(candidates.left[index]), j = Int(candidates.right[index])
                for r in rules.indices where candidates.sharesBlock(r, i, j) { local[r + 1][pattern, default: 0] += 1 }
            }
            return local
        }
        var merged = [[UInt32: Double]](repeating: [:], count: width)
        for local in partial {
            for slot in 0..<width { merged[slot].merge(local[slot], uniquingKeysWith: +) }
        }
        // Sorted, so that EM sums in the same order on every run.
        let sorted = merged.map { $0.sorted { $0.key < $1.key }.map { (pattern: $0.key, count: $0.value) } }
        return PatternCounts(all: sorted[0], byRule: Array(sorted.dropFirst()))
    }

    /// The matches expected at each comparator's levels among candidate pairs: every pattern's
    /// count times its posterior probability of a match.
    static func expectedMatchesByLevel(_ counts: [(pattern: UInt32, count: Double)], space: PatternSpace, m: [[Double]], u: [[Double]],
                                       lambda: Double) -> [[Double]] {
        var expected = m.map { [Double](repeating: 0, count: $0.count) }
        for entry in counts {
            var odds = lambda / (1 - lambda)
            for k in m.indices {
                let level = space.level(entry.pattern, k)
                if level >= 0 { odds *= m[k][level] / u[k][level] }
            }
            let posterior = odds.isFinite ? odds / (1 + odds) : 1
            for k in m.indices {
                let level = space.level(entry.pattern, k)
                if level >= 0 { expected[k][level] += entry.count * posterior }
            }
        }
        return expected
    }

    /// What random record pairs look like: per comparator, the level frequencies among pairs
    /// where neither record lacks the field (smoothed so that no level has probability 0), and
    /// the share of pairs where neither does.
    struct RandomSample {
        var frequencies: [[Double]]
        var nonNullShare: [Double]
    }

    /// The level frequencies of random record pairs (see ``RandomSample``).
    static func randomPairSample(_ comparer: PairComparer, settings: EstimationSettings, linkOnly: Bool = false) -> RandomSample {
        let comparators = comparer.comparators
        let offsets = comparators.reduce(into: [0]) { $0.append(($0.last ?? 0) + $1.levelNames.count) }
        let n = comparer.table.count
        let allPairs = n < 2 ? 0 : n * (n - 1) / 2
        let comparable = Int(comparer.table.comparablePairs(linkOnly: linkOnly))
        let width = offsets.last ?? 0
        var counts = [Int](repeating: 0, count: width)
        let exhaustive = allPairs <= settings.randomPairs
        if comparable == 0 {
            // Nothing to compare (one record, or one system in a link-only run).
        } else if exhaustive {
            // Few records: every pair, exactly.
            let source = comparer.table.source
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) where !linkOnly || source[i] != source[j] {
                    for k in comparators.indices {
                        let level = comparer.level(k, i, j)
                        if level >= 0 { counts[offsets[k] + level] += 1 }
                    }
                }
            }
        } else {
            let perChunk = settings.randomPairs / sampleChunks + 1
            let seed = settings.seed
            let draw = linkOnly ? CrossSourceDraw(comparer.table) : nil
            let chunkCounts = Concurrently.map(sampleChunks) { chunk in
                var local = [Int](repeating: 0, count: width)
                var random = SplitMix64(seed: seed, stream: UInt64(chunk))
                for _ in 0..<perChunk {
                    let i: Int, j: Int
                    if let draw {
                        (i, j) = draw.pair(&random)
                    } else {
                        i = random.below(n)
                        var other = random.below(n - 1)
                        if other >= i { other += 1 }
                        j = other
                    }
                    for k in comparators.indices {
                        let level = comparer.level(k, i, j)
                        if level >= 0 { local[offsets[k] + level] += 1 }
                    }
                }
                return local
            }
            for local in chunkCounts { for index in counts.indices { counts[index] += local[index] } }
        }
        let drawn = Double(max(1, comparable == 0 ? 0 : exhaustive ? comparable : (settings.randomPairs / sampleChunks + 1) * sampleChunks))
        return RandomSample(
            frequencies: comparators.indices.map { k in
                let levels = counts[offsets[k]..<offsets[k + 1]]
                let total = Double(levels.reduce(0, +)) + settings.smoothing * Double(levels.count)
                return levels.map { (Double($0) + settings.smoothing) / total }
            },
            nonNullShare: comparators.indices.map { k in Double(counts[offsets[k]..<offsets[k + 1]].reduce(0, +)) / drawn })
    }

    /// EM with u fixed: m of the `active` comparators (when `estimateM`) and the share of
    /// matches, from pattern counts. Inactive comparators are ignored, as if null.
    static func expectationMaximisation(_ counts: [(pattern: UInt32, count: Double)], space: PatternSpace, active: [Bool],
                                        m start: [[Double]], u: [[Double]], lambda startLambda: Double, estimateM: Bool,
                                        settings: EstimationSettings) -> (m: [[Double]], lambda: Double, iterations: Int) {
        var m = start
        var lambda = min(max(startLambda, 1e-9), 1 - 1e-9)
        let comparatorCount = active.count
        let levels = counts.map { entry in (0..<comparatorCount).map { active[$0] ? space.level(entry.pattern, $0) : -1 } }
        var iterations = 0
        guard !counts.isEmpty else { return (m, lambda, 0) }
        while iterations < settings.maximumIterations {
            iterations += 1
            var sums = m.map { [Double](repeating: 0, count: $0.count) }
            var matched = 0.0, total = 0.0
            for (index, entry) in counts.enumerated() {
                // Likelihood ratios rather than products of probabilities: no underflow however many fields.
                var odds = lambda / (1 - lambda)
                for (k, level) in levels[index].enumerated() where level >= 0 { odds *= m[k][level] / u[k][level] }
                let posterior = odds.isFinite ? odds / (1 + odds) : 1
                if estimateM {
                    for (k, level) in levels[index].enumerated() where level >= 0 { sums[k][level] += entry.count * posterior }
                }
                matched += entry.count * posterior
                total += entry.count
            }
            var change = 0.0
            if estimateM {
                for k in m.indices where active[k] {
                    let levelTotal = sums[k].reduce(0, +) + settings.smoothing * Double(sums[k].count)
                    guard levelTotal > 0 else { continue }
                    for level in m[k].indices {
                        let next = (sums[k][level] + settings.smoothing) / levelTotal
                        change = max(change, abs(next - m[k][level]))
                        m[k][level] = next
                    }
                }
            }
            let nextLambda = min(max(matched / total, 1e-9), 1 - 1e-9)
            change = max(change, abs(nextLambda - lambda))
            lambda = nextLambda
            if change < settings.convergence { break }
        }
        return (m, lambda, iterations)
    }
}

/// Uniform random pairs of records from different systems, for a link-only run's u: the first
/// record drawn with weight the number of records outside its system, the second uniformly
/// among those, so every cross-system pair is equally likely however unequal the systems.
struct CrossSourceDraw: Sendable {
    /// Record indices grouped by system.
    private let order: [Int32]
    /// Where each system's records start in ``order``; one more entry than systems.
    private let starts: [Int]
    /// For each system, the cumulative weight of the systems up to it.
    private let cumulative: [Int]

    init(_ table: RecordTable) {
        var starts = [0]
        for count in table.sourceCounts { starts.append(starts[starts.count - 1] + count) }
        var next = Array(starts.dropLast())
        var order = [Int32](repeating: 0, count: table.count)
        for i in 0..<table.count {
            let s = Int(table.source[i])
            order[next[s]] = Int32(i)
            next[s] += 1
        }
        var running = 0
        cumulative = table.sourceCounts.map { count in
            running += count * (table.count - count)
            return running
        }
        self.order = order
        self.starts = starts
    }

    /// A random pair of records of different systems (there must be one).
    func pair(_ random: inout SplitMix64) -> (Int, Int) {
        let target = random.below(cumulative[cumulative.count - 1])
        var s = 0
        while cumulative[s] <= target { s += 1 }
        let inside = starts[s + 1] - starts[s]
        let i = Int(order[starts[s] + random.below(inside)])
        // The other systems' records are those of `order` outside system s's range.
        var position = random.below(order.count - inside)
        if position >= starts[s] { position += inside }
        return (i, Int(order[position]))
    }
}
