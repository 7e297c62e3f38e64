import Foundation
import TenureCore

/// The project's DAG for people: as text, as Graphviz DOT, or as an SVG picture for the dashboard.
public struct Lineage: Sendable {
    /// A node: a model or a bronze source.
    public struct Node: Hashable, Sendable {
        /// `silver.dim_customer` or `bronze.erp_customers`.
        public let id: String
        /// The layer it belongs to.
        public let layer: Layer
        /// How it is materialized (`source` for bronze tables).
        public let kind: String
        /// How many edges lead to it from a source, through its longest path.
        public let depth: Int
    }

    /// Every node, by depth then name.
    public let nodes: [Node]
    /// Edges from the node read to the node reading it.
    public let edges: [(from: String, to: String)]

    /// The lineage of the selected models (with the sources and models they read).
    public init(project: Project, models selected: [String]) {
        let chosen = Set(selected)
        var depth: [String: Int] = [:]
        var nodes: [Node] = []
        var edges: [(from: String, to: String)] = []
        var sourcesSeen: Set<String> = []
        for name in project.order {
            guard let model = project.models[name] else { continue }
            let id = "\(model.layer.rawValue).\(name)"
            var level = 1
            for source in model.sources {
                let sourceID = SourceRelation.table(for: source).map { "bronze.\($0.name)" } ?? "bronze.\(source.table)"
                if chosen.contains(name), sourcesSeen.insert(sourceID).inserted {
                    nodes.append(Node(id: sourceID, layer: .bronze, kind: "source", depth: 0))
                }
                if chosen.contains(name) { edges.append((sourceID, id)) }
            }
            for dependency in model.dependencies {
                guard let upstream = project.models[dependency] else { continue }
                level = max(level, (depth[dependency] ?? 1) + 1)
                if chosen.contains(name) && chosen.contains(dependency) {
                    edges.append(("\(upstream.layer.rawValue).\(dependency)", id))
                }
            }
            depth[name] = level
            if chosen.contains(name) { nodes.append(Node(id: id, layer: model.layer, kind: model.materialization.rawValue, depth: level)) }
        }
        self.nodes = nodes.sorted { ($0.depth, $0.id) < ($1.depth, $1.id) }
        self.edges = edges
    }

    /// One block per model: what it reads and what reads it.
    public var text: String {
        nodes.filter { $0.kind != "source" }.map { node in
            let reads = edges.filter { $0.to == node.id }.map(\.from)
            let feeds = edges.filter { $0.from == node.id }.map(\.to)
            var block = "\(node.id) (\(node.kind))"
            if !reads.isEmpty { block += "\n  reads  " + reads.joined(separator: ", ") }
            if !feeds.isEmpty { block += "\n  feeds  " + feeds.joined(separator: ", ") }
            return block
        }.joined(separator: "\n")
    }

    /// Graphviz DOT, left to right.
    public var dot: String {
        var lines = ["digraph lineage {", "  rankdir=LR;", "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];"]
        for node in nodes {
            lines.append("  \"\(node.id)\" [fillcolor=\"\(Self.colour(node.layer))\"];")
        }
        for edge in edges { lines.append("  \"\(edge.from)\" -> \"\(edge.to)\";") }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// A self-contained SVG: one column per depth, boxes coloured by layer, curved arrows from
    /// what is read to what reads it.
    public var svg: String {
        let width = 230, height = 26, columnGap = 70, rowGap = 10, margin = 20
        var position: [String: (x: Int, y: Int)] = [:]
        var row: [String: Double] = [:]
        let columns = Dictionary(grouping: nodes, by: \.depth)
        let upstream = Dictionary(grouping: edges, by: \.to).mapValues { $0.map(\.from) }
        for depth in columns.keys.sorted() {
            // Each node sits near the average row of what it reads (the barycentre heuristic),
            // which keeps most edges short and uncrossed.
            let members = (columns[depth] ?? []).enumerated().map { index, node -> (node: Node, key: Double) in
                let rows = (upstream[node.id] ?? []).compactMap { row[$0] }
                return (node, rows.isEmpty ? Double(index) : rows.reduce(0, +) / Double(rows.count))
            }.sorted { ($0.key, $0.node.id) < ($1.key, $1.node.id) }
            for (index, member) in members.enumerated() {
                row[member.node.id] = Double(index)
                position[member.node.id] = (margin + depth * (width + columnGap), margin + index * (height + rowGap))
            }
        }
        let totalWidth = margin * 2 + (columns.keys.max() ?? 0) * (width + columnGap) + width
        let totalHeight = margin * 2 + (columns.values.map(\.count).max() ?? 1) * (height + rowGap)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Tenure lineage" width="\(totalWidth)" height="\(totalHeight)" viewBox="0 0 \(totalWidth) \(totalHeight)" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <title>Tenure lineage</title>
            <defs><marker id="lineage-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#8a94a6"/></marker></defs>

            """
        for edge in edges {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            let x1 = from.x + width, y1 = from.y + height / 2, x2 = to.x, y2 = to.y + height / 2
            let bend = (x2 - x1) / 2
            svg += "<path d=\"M\(x1),\(y1) C\(x1 + bend),\(y1) \(x2 - bend),\(y2) \(x2),\(y2)\" fill=\"none\" stroke=\"#8a94a6\" stroke-width=\"1\" marker-end=\"url(#lineage-arrow)\"/>\n"
        }
        for node in nodes {
            guard let at = position[node.id] else { continue }
            svg += """
                <g><title>\(Self.escaped("\(node.id) (\(node.kind))"))</title><rect x="\(at.x)" y="\(at.y)" width="\(width)" height="\(height)" rx="5" fill="\(Self.colour(node.layer))" stroke="#4a5568"/>\
                <text x="\(at.x + 8)" y="\(at.y + 17)">\(Self.escaped(node.id))</text></g>

                """
        }
        return svg + "</svg>\n"
    }

    static func colour(_ layer: Layer) -> String {
        switch layer {
        case .bronze: "#f3e1c7"
        case .silver: "#e2e8f0"
        case .gold: "#fbe7a1"
        case .ml: "#d5f0dd"
        case .ops: "#e9d8fd"
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
