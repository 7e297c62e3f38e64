import Yams

/// A node of a matching configuration file with where it is, so that every complaint names the
/// file, the line and the setting: `rules.yml line 12: blocking: unknown key 'adress'`.
struct ConfigNode {
    let node: Yams.Node
    /// The setting's path (`attributes.postcode`).
    let path: String
    let file: String

    /// The file's root mapping; an empty file is an empty mapping.
    static func root(yaml: String, file: String) throws(UnificationError) -> ConfigNode {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw UnificationError("\(file): not valid YAML: \(Self.describe(error))")
        } catch {
            throw UnificationError("\(file): not valid YAML")
        }
        let root = ConfigNode(node: node ?? Yams.Node([(Yams.Node, Yams.Node)]()), path: "", file: file)
        guard root.node.mapping != nil else { throw root.error("the file must be a mapping of settings (key: value)") }
        return root
    }

    /// An error about this node.
    func error(_ message: String) -> UnificationError {
        let line = node.mark.map { " line \($0.line)" } ?? ""
        let setting = path.isEmpty ? "" : "\(path): "
        return UnificationError("\(file)\(line): \(setting)\(message)")
    }

    /// The child at `key` of a mapping.
    func child(_ key: String) -> ConfigNode? {
        guard let mapping = node.mapping, let value = mapping[key] else { return nil }
        return ConfigNode(node: value, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The mapping's entries in order, after checking that every key is one of `allowed` (nil: any).
    func entries(allowed: [String]? = nil) throws(UnificationError) -> [(key: String, value: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value)") }
        var result: [(key: String, value: ConfigNode)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error("a key must be text") }
            if let allowed, !allowed.contains(key) {
                let place = ConfigNode(node: keyNode, path: path, file: file)
                throw place.error("unknown key '\(key)' (expected one of: \(allowed.joined(separator: ", ")))")
            }
            result.append((key, ConfigNode(node: value, path: path.isEmpty ? key : "\(path).\(key)", file: file)))
        }
        return result
    }

    /// Checks that the node is a mapping whose keys are all in `allowed`.
    func checkKeys(_ allowed: [String]) throws(UnificationError) {
        _ = try entries(allowed: allowed)
    }

    var isMapping: Bool { node.mapping != nil }
    var isSequence: Bool { node.sequence != nil }

    /// The sequence's items.
    func items() throws(UnificationError) -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { ConfigNode(node: $1, path: "\(path)[\($0 + 1)]", file: file) }
    }

    /// The node as text.
    func text() throws(UnificationError) -> String {
        guard node.scalar != nil, let value = node.string, !value.isEmpty else { throw error("expected a text value") }
        return value
    }

    /// The node as a number.
    func number() throws(UnificationError) -> Double {
        guard let value = node.float, value.isFinite else { throw error("expected a number, got '\(node.string ?? "a list or mapping")'") }
        return value
    }

    /// The node as a whole number.
    func integer() throws(UnificationError) -> Int {
        guard let value = node.int else { throw error("expected a whole number, got '\(node.string ?? "a list or mapping")'") }
        return value
    }

    /// The node as `true` or `false`.
    func boolean() throws(UnificationError) -> Bool {
        guard let value = node.bool else { throw error("expected true or false, got '\(node.string ?? "a list or mapping")'") }
        return value
    }

    /// A list of numbers, or one number as a list of one.
    func numbers() throws(UnificationError) -> [Double] {
        if isSequence {
            var values: [Double] = []
            for item in try items() { values.append(try item.number()) }
            return values
        }
        return [try number()]
    }

    /// A list of whole numbers, or one as a list of one.
    func integers() throws(UnificationError) -> [Int] {
        if isSequence {
            var values: [Int] = []
            for item in try items() { values.append(try item.integer()) }
            return values
        }
        return [try integer()]
    }

    /// Jaro–Winkler thresholds: one to four numbers in (0, 1].
    func similarityThresholds() throws(UnificationError) -> [Double] {
        let thresholds = try numbers()
        for threshold in thresholds where !(threshold > 0 && threshold <= 1) {
            throw error("Jaro–Winkler thresholds must be in (0, 1], got \(threshold)")
        }
        guard thresholds.count <= 4 else { throw error("at most four Jaro–Winkler thresholds") }
        return thresholds
    }

    /// Edit-distance bands: numbers of edits, each 1, 2 or 3.
    func editDistances() throws(UnificationError) -> [Int] {
        let edits = try integers()
        for edit in edits where !(1...3).contains(edit) { throw error("edit distances must be 1, 2 or 3, got \(edit)") }
        return edits
    }

    /// YAML's own message, on one line: where and what.
    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "line \(mark.line) column \(mark.column): \(problem)"
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
