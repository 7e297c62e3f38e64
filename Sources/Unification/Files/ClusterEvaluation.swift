/// How well a clustering matches known true entities: pairwise precision, recall and F1 (over
/// every pair of records, are the two the same entity?) and the clusters against the entities.
///
/// The same figures as ``TruthEvaluation``, computed on record indices rather than ids: sorting
/// one packed (cluster, entity) key per record, so a million records take a fraction of a second.
public struct ClusterEvaluation: Sendable, Hashable {
    /// Records evaluated (those with a known entity).
    public let records: Int
    /// Pairs of evaluated records put in one cluster.
    public let predictedPairs: Int
    /// Pairs of evaluated records of one entity.
    public let truePairs: Int
    /// Pairs both.
    public let correctPairs: Int
    /// True entities among the evaluated records.
    public let trueEntities: Int
    /// Clusters holding evaluated records, singletons included.
    public let clusters: Int
    /// Clusters holding exactly one entity's records, all of them.
    public let exactClusters: Int
    /// Clusters holding records of more than one entity.
    public let mergingClusters: Int
    /// Entities whose records are spread over more than one cluster.
    public let splitEntities: Int

    /// correct / predicted pairs (1 when nothing was predicted).
    public var precision: Double { predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs) }
    /// correct / true pairs (1 when there are none).
    public var recall: Double { truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs) }
    /// The harmonic mean of precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Compares `clusterOfRecord` (each record's cluster index) with `entity` (each record's true
    /// entity, nil when unknown: such records are left out).
    public init(clusterOfRecord: [Int], entity: [String?]) {
        var ids: [String: Int] = [:]
        var keys: [UInt64] = []
        keys.reserveCapacity(clusterOfRecord.count)
        for (record, cluster) in clusterOfRecord.enumerated() {
            guard record < entity.count, let name = entity[record] else { continue }
            let id: Int
            if let known = ids[name] { id = known } else { id = ids.count; ids[name] = id }
            keys.append(UInt64(cluster) << 32 | UInt64(id))
        }
        keys.sort()
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var byCluster: [Int: (records: Int, entities: Int)] = [:]
        var byEntity = [(records: Int, clusters: Int)](repeating: (0, 0), count: ids.count)
        var correct = 0
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            let cluster = Int(keys[start] >> 32), id = Int(keys[start] & 0xFFFF_FFFF), count = end - start
            correct += pairs(count)
            byCluster[cluster, default: (0, 0)].records += count
            byCluster[cluster, default: (0, 0)].entities += 1
            byEntity[id].records += count
            byEntity[id].clusters += 1
            start = end
        }
        records = keys.count
        correctPairs = correct
        predictedPairs = byCluster.values.reduce(0) { $0 + pairs($1.records) }
        truePairs = byEntity.reduce(0) { $0 + pairs($1.records) }
        trueEntities = ids.count
        clusters = byCluster.count
        mergingClusters = byCluster.values.filter { $0.entities > 1 }.count
        splitEntities = byEntity.filter { $0.clusters > 1 }.count
        // A cluster of one entity is exact when that entity has no other cluster: one cell of the
        // entity, one cell of the cluster.
        var exact = 0
        start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            let cluster = Int(keys[start] >> 32), id = Int(keys[start] & 0xFFFF_FFFF)
            if byCluster[cluster]?.entities == 1 && byEntity[id].clusters == 1 { exact += 1 }
            start = end
        }
        exactClusters = exact
    }
}
