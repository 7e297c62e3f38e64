import TenureCore

/// Which models a command works on, dbt's syntax: `dim_customer`, `dim_customer+` (and what
/// reads it), `+customer_360` (and what it reads), `+name+`, `layer:gold`; several separated by
/// spaces or commas.
public struct Selection: Sendable, Equatable {
    /// The selectors as given.
    public let selectors: [String]

    /// Parses `text`; empty selects every model.
    public init(_ text: String) {
        selectors = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    }

    /// Every model.
    public static let all = Selection("")

    /// The selected model names, in build order.
    public func models(in project: Project) throws(TransformError) -> [String] {
        guard !selectors.isEmpty else { return project.order }
        let graph = DependencyGraph(models: project.models)
        var chosen: Set<String> = []
        for selector in selectors {
            if selector.hasPrefix("layer:") {
                let name = String(selector.dropFirst(6))
                guard let layer = Layer(rawValue: name) else { throw TransformError(.graph, "no layer '\(name)' (expected silver, gold, ml or ops)") }
                let matched = project.models.values.filter { $0.layer == layer }.map(\.name)
                guard !matched.isEmpty else { throw TransformError(.graph, "no models in layer \(name)") }
                chosen.formUnion(matched)
                continue
            }
            let upstream = selector.hasPrefix("+"), downstream = selector.hasSuffix("+")
            let name = String(selector.drop { $0 == "+" }.reversed().drop { $0 == "+" }.reversed())
            guard project.models[name] != nil else {
                let close = project.order.filter { $0.contains(name) || name.contains($0) }.prefix(3)
                throw TransformError(.graph, "no model named '\(name)'" + (close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)"))
            }
            chosen.insert(name)
            if upstream { chosen.formUnion(graph.ancestors(of: name)) }
            if downstream { chosen.formUnion(graph.descendants(of: name)) }
        }
        return project.order.filter(chosen.contains)
    }
}
