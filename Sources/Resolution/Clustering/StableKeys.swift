/// Keys for clusters that stay the same from run to run: the `customer_key` of a real person.
///
/// A cluster keeps the key most of its records had last run (ties: the smallest key), so a
/// person keeps their key when a new record joins them, when records leave, and when the
/// clustering is rebuilt from scratch. Two clusters claiming one key (a person split in two)
/// are settled by votes: the cluster with more records carrying it wins, the other takes its
/// next-best old key or a new one. A cluster of new records gets a key derived from its
/// smallest record id alone, so the same records give the same key on every run.
public enum StableKeys {
    /// One key per cluster (each a list of record ids), given last run's key of each record.
    public static func assign(clusters: [[RecordID]], previous: [RecordID: String]) -> [String] {
        // Every claim a cluster can make on an old key, strongest first.
        var claims: [(votes: Int, key: String, smallest: RecordID, cluster: Int)] = []
        for (index, members) in clusters.enumerated() {
            var votes: [String: Int] = [:]
            for id in members { if let key = previous[id] { votes[key, default: 0] += 1 } }
            guard let smallest = members.min() else { continue }
            for (key, count) in votes { claims.append((count, key, smallest, index)) }
        }
        claims.sort { ($0.votes, $1.key, $1.smallest) > ($1.votes, $0.key, $0.smallest) }
        var keys = [String?](repeating: nil, count: clusters.count)
        var taken = Set<String>()
        for claim in claims where keys[claim.cluster] == nil && !taken.contains(claim.key) {
            keys[claim.cluster] = claim.key
            taken.insert(claim.key)
        }
        // A new key must not reuse an old one, even one no cluster kept: it named another person.
        var unavailable = taken.union(previous.values)
        return clusters.indices.map { index in
            if let key = keys[index] { return key }
            guard let smallest = clusters[index].min() else { return "" }
            var attempt = 0
            var key = newKey(for: smallest, attempt: attempt)
            while unavailable.contains(key) {
                attempt += 1
                key = newKey(for: smallest, attempt: attempt)
            }
            unavailable.insert(key)
            return key
        }
    }

    /// The key a cluster whose smallest record is `id` gets when it has no old key: 16 hex
    /// digits of a fixed 64-bit hash (FNV-1a, then SplitMix's finaliser) of the id; `attempt`
    /// derives the next candidate when one is taken.
    public static func newKey(for id: RecordID, attempt: Int = 0) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        for byte in id.sourceSystem.utf8 { mix(byte) }
        mix(0x1F)
        for byte in id.sourceID.utf8 { mix(byte) }
        if attempt > 0 {
            mix(0x1F)
            for byte in String(attempt).utf8 { mix(byte) }
        }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 31
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: hash >> (60 - 4 * index)) & 0xF
                buffer[index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 16
        }
    }
}
