/// Entity resolution over in-memory records: block, compare, estimate, score, cluster, key.
///
/// ```swift
/// let matcher = try Matcher(settings: MatchSettings())
/// let result = try matcher.run(records, previousKeys: lastRun.keysByRecord)
/// ```
public struct Matcher: Sendable {
    /// The run's configuration.
    public let settings: MatchSettings

    /// Pairs scored per concurrent chunk: large enough to amortise dispatch, small enough to balance two cores.
    static let chunkSize = 32_768

    /// A matcher with `settings`, checked.
    public init(settings: MatchSettings = MatchSettings()) throws(ResolutionError) {
        try settings.validate()
        self.settings = settings
    }

    /// Matches `records`. `previousKeys` (last run's record → key) keeps people's keys;
    /// `reviewed` holds decisions people made on pairs, which override the thresholds: a
    /// reviewed accept always links, a reviewed reject never lets its records share a cluster.
    public func run(_ records: [Record], previousKeys: [RecordID: String] = [:],
                    reviewed: [RecordPair: Decision] = [:]) throws(ResolutionError) -> MatchResult {
        let clock = ContinuousClock()
        var timings: [PhaseTiming] = []
        var phaseStart = clock.now
        func finish(_ phase: String) {
            let now = clock.now
            timings.append(PhaseTiming(phase: phase, duration: now - phaseStart))
            phaseStart = now
        }
        let space = try PatternSpace.checked(settings.comparators)
        let policy = try DecisionPolicy(settings, space: space)
        guard records.count < Int(Int32.max) else { throw ResolutionError("at most \(Int32.max - 1) records per run") }

        let table = RecordTable(records, schema: AttributeSchema(comparators: settings.comparators, rules: settings.blockingRules))
        let linkOnly = settings.linkType == .linkOnly
        let comparer = PairComparer(table: table, comparators: settings.comparators, space: space)
        let reviewedByIndex = Self.indexPairs(reviewed, ids: table.ids)
        finish("index")

        var candidates = CandidatePairs(table, rules: settings.blockingRules, maximumBlockSize: settings.maximumBlockSize,
                                        linkOnly: linkOnly)
        candidates.add(reviewedByIndex.keys.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) })
        finish("block")

        let left = candidates.left, right = candidates.right
        let chunks = Concurrently.chunks(left.count, size: Self.chunkSize)
        let patterns = [UInt32](unsafeUninitializedCapacity: left.count) { buffer, initialized in
            let slots = SendableBuffer(buffer)
            Concurrently.forEach(chunks.count) { chunk in
                for index in chunks[chunk] {
                    slots.buffer.initializeElement(at: index, to: comparer.pattern(Int(left[index]), Int(right[index])))
                }
            }
            initialized = left.count
        }
        finish("compare")

        let model: MatchModel
        switch settings.parameters {
        case .fixed(let fixed): model = fixed
        case .estimated(let estimation):
            model = try ModelEstimator.estimate(comparer, candidates: candidates, patterns: patterns, rules: settings.blockingRules,
                                                settings: estimation, linkOnly: linkOnly)
        }
        let frequencies = TermFrequencies(table, comparators: settings.comparators, limit: settings.maximumTermFrequencyAdjustment)
        let scorer = PairScorer(comparer: comparer, model: model, frequencies: frequencies)
        finish("estimate")

        var pairs = [ScoredPair](unsafeUninitializedCapacity: left.count) { buffer, initialized in
            let slots = SendableBuffer(buffer)
            Concurrently.forEach(chunks.count) { chunk in
                for index in chunks[chunk] {
                    let i = left[index], j = right[index]
                    let weight = scorer.weight(patterns[index], left: Int(i))
                    var decision = policy.decide(weight, patterns[index])
                    var isReviewed = false
                    if !reviewedByIndex.isEmpty, let verdict = reviewedByIndex[UInt64(UInt32(i)) << 32 | UInt64(UInt32(j))] {
                        decision = verdict
                        isReviewed = true
                    }
                    slots.buffer.initializeElement(at: index, to: ScoredPair(
                        leftIndex: i, rightIndex: j, pattern: patterns[index], weight: weight, decision: decision, reviewed: isReviewed))
                }
            }
            initialized = left.count
        }
        finish("score")

        // Mentions (notes naming a person) join people after the people are built, never linking two.
        let isMention = table.ids.map { settings.mentionSystems.contains($0.sourceSystem) }
        let hasMentions = isMention.contains(true)
        var links: [GuardedClustering.Link] = []
        var linked = [Bool](repeating: false, count: records.count)
        for pair in pairs where pair.decision == .accept && !isMention[pair.left] && !isMention[pair.right] {
            // A person's accept outranks any computed weight.
            links.append(GuardedClustering.Link(pair.left, pair.right, weight: pair.reviewed ? .infinity : pair.weight))
            linked[pair.left] = true
            linked[pair.right] = true
        }
        // Only records some link touches can share a cluster: other non-matches need no guarding.
        var nonMatches: [(Int, Int)] = []
        for pair in pairs where linked[pair.left] && linked[pair.right] && pair.decision != .accept {
            if pair.reviewed ? pair.decision == .reject : pair.weight < settings.nonMatchThreshold {
                nonMatches.append((pair.left, pair.right))
            }
        }
        var components = GuardedClustering.components(recordCount: records.count, links: links, nonMatches: nonMatches)
        if hasMentions {
            let clusterOfRecord = MentionLinking.attach(
                clusterOfRecord: components.clusterOfRecord, isMention: isMention, pairs: pairs,
                acceptWorthy: { policy.decideMention($0.weight, $0.pattern) == .accept }, margin: settings.mentionMargin)
            components = GuardedClustering.Components(regrouping: clusterOfRecord, refusedLinks: components.refusedLinks)
            // A mention's pair is accepted when it names the person the mention joined; an
            // accept-worthy pair to anyone else was outweighed or ambiguous, and waits for review.
            let final = components.clusterOfRecord
            pairs = pairs.map { pair in
                guard !pair.reviewed, isMention[pair.left] || isMention[pair.right] else { return pair }
                var decision = policy.decideMention(pair.weight, pair.pattern)
                if decision == .accept && final[pair.left] != final[pair.right] { decision = .review }
                return ScoredPair(leftIndex: pair.leftIndex, rightIndex: pair.rightIndex, pattern: pair.pattern, weight: pair.weight,
                                  decision: decision, reviewed: false)
            }
        }
        finish("cluster")

        let keys = StableKeys.assign(clusters: components.clusters.map { $0.map { table.ids[$0] } }, previous: previousKeys)
        let clusters = zip(keys, components.clusters).map { Cluster(key: $0, members: $1) }
        finish("keys")

        return MatchResult(records: table.ids, model: model, pairs: pairs, clusters: clusters,
                           clusterOfRecord: components.clusterOfRecord, blocking: candidates.statistics,
                           refusedLinks: components.refusedLinks, timings: timings, scorer: scorer, policy: policy)
    }

    /// Reviewed decisions by packed index pair (lower index first); pairs naming an unknown record are ignored.
    private static func indexPairs(_ reviewed: [RecordPair: Decision], ids: [RecordID]) -> [UInt64: Decision] {
        guard !reviewed.isEmpty else { return [:] }
        var indexOf: [RecordID: Int] = [:]
        indexOf.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() where indexOf[id] == nil { indexOf[id] = index }
        var result: [UInt64: Decision] = [:]
        for (pair, decision) in reviewed {
            guard let a = indexOf[pair.first], let b = indexOf[pair.second], a != b else { continue }
            result[UInt64(min(a, b)) << 32 | UInt64(max(a, b))] = decision
        }
        return result
    }
}
