/// Mentions joined to the cluster each names: the last step of clustering when some systems'
/// records mention a person rather than stand for one (``MatchSettings/mentionSystems``).
///
/// Clusters of the other records are built first; then each mention joins the cluster of its
/// strongest link, when that link is accept-worthy and outweighs the mention's best link to any
/// other cluster by the margin. A mention that fits two people equally (`Ryan Miller` at a
/// branch with two of them) joins neither and waits for review. Mentions joined in one round
/// count as their cluster's records in the next, so a note naming only `John S.` can follow
/// another note of the same person that carries an e-mail address.
enum MentionLinking {
    /// The cluster of every record after mentions have joined theirs: `clusterOfRecord` of the
    /// other records' clustering (mentions alone in theirs), the scored `pairs`, which pairs are
    /// accept-worthy for a mention, and the margin.
    static func attach(clusterOfRecord: [Int], isMention: [Bool], pairs: [ScoredPair], acceptWorthy: (ScoredPair) -> Bool,
                       margin: Double, rounds: Int = 4) -> [Int] {
        var cluster: [Int?] = clusterOfRecord.indices.map { isMention[$0] ? nil : clusterOfRecord[$0] }
        // Each mention's scored pairs: the other record, the pair's weight, and its verdict.
        var neighbours = [[(other: Int, weight: Double, worthy: Bool, refused: Bool)]](repeating: [], count: isMention.count)
        for pair in pairs {
            let refused = pair.reviewed && pair.decision == .reject
            let weight = pair.reviewed && pair.decision == .accept ? Double.infinity : pair.weight
            let worthy = pair.reviewed ? pair.decision == .accept : acceptWorthy(pair)
            if isMention[pair.left] { neighbours[pair.left].append((pair.right, weight, worthy, refused)) }
            if isMention[pair.right] { neighbours[pair.right].append((pair.left, weight, worthy, refused)) }
        }
        for _ in 0..<rounds {
            var joins: [(mention: Int, cluster: Int)] = []
            for mention in neighbours.indices where isMention[mention] && cluster[mention] == nil {
                var best: [Int: (weight: Double, worthy: Bool)] = [:]
                var refusedClusters = Set<Int>()
                for link in neighbours[mention] {
                    guard let target = cluster[link.other] else { continue }
                    if link.refused { refusedClusters.insert(target); continue }
                    if let current = best[target], current.weight >= link.weight { continue }
                    best[target] = (link.weight, link.worthy)
                }
                let ranked = best.filter { !refusedClusters.contains($0.key) }
                    .sorted { ($0.value.weight, $1.key) > ($1.value.weight, $0.key) }
                guard let first = ranked.first, first.value.worthy else { continue }
                let runnerUp = ranked.dropFirst().first?.value.weight ?? -.infinity
                if first.value.weight - runnerUp >= margin { joins.append((mention, first.key)) }
            }
            guard !joins.isEmpty else { break }
            for join in joins { cluster[join.mention] = join.cluster }
        }
        // Mentions that joined no cluster form their own from the links among them that clear the
        // ordinary accept threshold (`pairs`' decisions): with no person to choose, no margin
        // guards them, so a mention's lower threshold does not apply.
        var sets = UnionFind(isMention.count)
        for pair in pairs where isMention[pair.left] && isMention[pair.right] && cluster[pair.left] == nil && cluster[pair.right] == nil {
            guard pair.decision == .accept else { continue }
            let a = sets.find(pair.left), b = sets.find(pair.right)
            if a != b { _ = sets.unionRoots(a, b) }
        }
        var next = (clusterOfRecord.max() ?? -1) + 1
        var clusterOfRoot: [Int: Int] = [:]
        return cluster.indices.map { record in
            if let assigned = cluster[record] { return assigned }
            let root = sets.find(record)
            if let existing = clusterOfRoot[root] { return existing }
            clusterOfRoot[root] = next
            next += 1
            return next - 1
        }
    }
}
