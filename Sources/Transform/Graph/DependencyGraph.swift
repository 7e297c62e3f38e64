import TenureCore

/// The DAG of models: an edge from each model to every model it reads.
struct DependencyGraph {
    let models: [String: Model]

    /// Every model after everything it reads; among models free at the same time, silver before
    /// gold and then by name, so the order is the same on every run.
    func topologicalOrder() throws(TransformError) -> [String] {
        var waitingOn: [String: Set<String>] = [:]
        var readers: [String: Set<String>] = [:]
        for model in models.values {
            for dependency in Set(model.dependencies + model.tests.flatMap(\.otherModels)) {
                guard models[dependency] != nil else {
                    throw TransformError(.graph, "unknown model '\(dependency)' in ref('\(dependency)')", at: model.file)
                }
                guard dependency != model.name else { continue }
                waitingOn[model.name, default: []].insert(dependency)
                readers[dependency, default: []].insert(model.name)
            }
        }
        func rank(_ name: String) -> (Int, String) { (models[name]?.layer.buildRank ?? 0, name) }
        var ready = models.keys.filter { waitingOn[$0, default: []].isEmpty }.sorted { rank($0) < rank($1) }
        var order: [String] = []
        while !ready.isEmpty {
            let next = ready.removeFirst()
            order.append(next)
            for reader in (readers[next] ?? []).sorted() {
                waitingOn[reader]?.remove(next)
                if waitingOn[reader]?.isEmpty == true {
                    let position = ready.firstIndex { rank(reader) < rank($0) } ?? ready.endIndex
                    ready.insert(reader, at: position)
                }
            }
        }
        guard order.count == models.count else {
            let stuck = models.keys.filter { !order.contains($0) }.sorted()
            throw TransformError(.graph, "the models \(stuck.joined(separator: ", ")) depend on each other in a cycle")
        }
        return order
    }

    /// The models that read `name`, directly or through others.
    func descendants(of name: String) -> Set<String> {
        var found: Set<String> = []
        var frontier = [name]
        while let current = frontier.popLast() {
            for model in models.values where model.dependencies.contains(current) && !found.contains(model.name) {
                found.insert(model.name)
                frontier.append(model.name)
            }
        }
        return found
    }

    /// The models `name` reads, directly or through others.
    func ancestors(of name: String) -> Set<String> {
        var found: Set<String> = []
        var frontier = [name]
        while let current = frontier.popLast() {
            for dependency in models[current]?.dependencies ?? [] where !found.contains(dependency) {
                found.insert(dependency)
                frontier.append(dependency)
            }
        }
        return found
    }
}

extension Layer {
    /// Where the layer comes in the build, for a stable order.
    var buildRank: Int { Layer.allCases.firstIndex(of: self) ?? 0 }
}
