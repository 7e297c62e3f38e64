/// Connected components over accepted links, guarded against chains that join people known
/// to be different.
///
/// Plain connected components let one wrong or weak link chain two people together (A–B and
/// B–C accepted, A–C clearly different). Here links are taken strongest first, and a link is
/// refused when the two clusters it would join contain a pair already scored as a clear
/// non-match: the strong evidence that built each cluster wins over the weak link between them.
public enum GuardedClustering {
    /// A link between two records, with the weight that orders it.
    public struct Link: Sendable, Hashable {
        /// The first record's index.
        public let a: Int
        /// The second record's index.
        public let b: Int
        /// The link's weight; stronger links are taken first.
        public let weight: Double

        /// A link between records `a` and `b` of strength `weight`.
        public init(_ a: Int, _ b: Int, weight: Double) {
            self.a = a
            self.b = b
            self.weight = weight
        }
    }

    /// The clusters found.
    public struct Components: Sendable, Hashable {
        /// Each cluster's record indices, ascending; clusters ordered by their first record.
        public let clusters: [[Int]]
        /// For each record, the index of its cluster in ``clusters``.
        public let clusterOfRecord: [Int]
        /// Links refused because they would have joined a known non-match.
        public let refusedLinks: Int

    }

    /// The clusters of `recordCount` records joined by `links`, never putting the two records of
    /// a pair in `nonMatches` into one cluster. Every record is in a cluster, alone if unlinked.
    public static func components(recordCount: Int, links: [Link], nonMatches: [(Int, Int)]) -> Components {
        var sets = UnionFind(recordCount)
        // Only records that some link touches can ever share a cluster, so only their
        // non-matches need remembering.
        var linked = [Bool](repeating: false, count: recordCount)
        for link in links { linked[link.a] = true; linked[link.b] = true }
        // For each cluster representative, the records its members are known not to match.
        var forbidden = [[Int32]](repeating: [], count: recordCount)
        for (a, b) in nonMatches where a != b && linked[a] && linked[b] {
            forbidden[a].append(Int32(b))
            forbidden[b].append(Int32(a))
        }
        let ordered = links.sorted { ($0.weight, $1.a, $1.b) > ($1.weight, $0.a, $0.b) }
        var refused = 0
        for link in ordered {
            let rootA = sets.find(link.a), rootB = sets.find(link.b)
            if rootA == rootB { continue }
            let countA = forbidden[rootA].count, countB = forbidden[rootB].count
            // Checking the shorter list suffices: every non-match is listed on both sides.
            let (checked, other) = countA <= countB ? (rootA, rootB) : (rootB, rootA)
            if forbidden[checked].contains(where: { sets.find(Int($0)) == other }) {
                refused += 1
                continue
            }
            let root = sets.unionRoots(rootA, rootB)
            if countA > 0 || countB > 0 {
                // The shorter list joins the longer, which is moved rather than copied.
                let (longer, shorter) = countA >= countB ? (rootA, rootB) : (rootB, rootA)
                var merged: [Int32] = []
                swap(&merged, &forbidden[longer])
                merged.append(contentsOf: forbidden[shorter])
                forbidden[shorter] = []
                forbidden[root] = merged
            }
        }
        var clusterOfRoot = [Int](repeating: -1, count: recordCount)
        var clusters: [[Int]] = []
        var clusterOfRecord = [Int](repeating: 0, count: recordCount)
        for record in 0..<recordCount {
            let root = sets.find(record)
            if clusterOfRoot[root] < 0 {
                clusterOfRoot[root] = clusters.count
                clusters.append([])
            }
            clusters[clusterOfRoot[root]].append(record)
            clusterOfRecord[record] = clusterOfRoot[root]
        }
        return Components(clusters: clusters, clusterOfRecord: clusterOfRecord, refusedLinks: refused)
    }
}

extension GuardedClustering.Components {
    /// The clusters of records numbered by `clusterOfRecord` (any numbering), renumbered in
    /// the order of their first records.
    init(regrouping clusterOfRecord: [Int], refusedLinks: Int) {
        var members: [Int: [Int]] = [:]
        for (record, cluster) in clusterOfRecord.enumerated() { members[cluster, default: []].append(record) }
        clusters = members.values.sorted { $0[0] < $1[0] }
        var renumbered = [Int](repeating: 0, count: clusterOfRecord.count)
        for (index, cluster) in clusters.enumerated() { for record in cluster { renumbered[record] = index } }
        self.clusterOfRecord = renumbered
        self.refusedLinks = refusedLinks
    }
}
