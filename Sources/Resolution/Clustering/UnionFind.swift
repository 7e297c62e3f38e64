/// Disjoint sets of records with path compression and union by size: near-constant time per
/// operation over millions of links.
struct UnionFind {
    private var parent: [Int32]
    private var size: [Int32]

    /// `count` records, each alone.
    init(_ count: Int) {
        parent = (0..<count).map { Int32($0) }
        size = [Int32](repeating: 1, count: count)
    }

    /// The representative of `x`'s set.
    mutating func find(_ x: Int) -> Int {
        var root = x
        while Int(parent[root]) != root { root = Int(parent[root]) }
        var node = x
        while Int(parent[node]) != root {
            let next = Int(parent[node])
            parent[node] = Int32(root)
            node = next
        }
        return root
    }

    /// Joins the sets whose representatives are `a` and `b` (both roots, different), returning
    /// the new representative.
    mutating func unionRoots(_ a: Int, _ b: Int) -> Int {
        let (big, small) = size[a] >= size[b] ? (a, b) : (b, a)
        parent[small] = Int32(big)
        size[big] += size[small]
        return big
    }
}
