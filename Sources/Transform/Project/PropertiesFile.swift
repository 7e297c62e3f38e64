import Foundation
import Yams

/// One folder's YAML file of model properties, dbt's layout:
///
/// ```yaml
/// models:
///   - name: dim_customer
///     description: One row per real person.
///     config: {materialized: table, indexes: [[customer_key]]}
///     columns:
///       - name: customer_key
///         tests: [unique, not_null]
///     tests:
///       - row_count: {min: 1}
/// ```
///
/// Read from Yams' node tree rather than `Decodable` so that a mistake is reported with its line.
struct PropertiesFile {
    /// The declared properties of one model.
    struct Entry {
        var name: String
        var description: String?
        var config: [String: Node] = [:]
        var columns: [(name: String, description: String?, tests: [Node])] = []
        var tests: [Node] = []
        var line: Int
    }

    let file: String
    var entries: [Entry] = []

    /// Parses `text`; `file` names it in errors.
    init(_ text: String, file: String) throws(TransformError) {
        self.file = file
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw TransformError(.project, "not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")", at: file)
        }
        guard let root else { return }
        guard let mapping = root.mapping else { throw fail("expected a mapping with a 'models' list", root) }
        for (key, _) in mapping where !["models", "version"].contains(key.string ?? "") {
            throw fail("unknown key '\(key.string ?? "?")' (expected models)", key)
        }
        guard let models = mapping["models"] else { return }
        guard let list = models.sequence else { throw fail("'models' must be a list", models) }
        for node in list {
            entries.append(try entry(node))
        }
    }

    private func entry(_ node: Node) throws(TransformError) -> Entry {
        guard let mapping = node.mapping, let name = mapping["name"]?.string else {
            throw fail("each model needs a 'name'", node)
        }
        var entry = Entry(name: name, line: (node.mark?.line ?? 0))
        for (key, value) in mapping {
            switch key.string ?? "" {
            case "name": break
            case "description": entry.description = value.string
            case "config":
                guard let config = value.mapping else { throw fail("'config' of \(name) must be a mapping", value) }
                for (setting, setValue) in config { entry.config[setting.string ?? ""] = setValue }
            case "columns":
                guard let columns = value.sequence else { throw fail("'columns' of \(name) must be a list", value) }
                for column in columns {
                    guard let columnName = column["name"]?.string else { throw fail("a column of \(name) has no 'name'", column) }
                    let tests = (column["tests"] ?? column["data_tests"])?.sequence.map(Array.init) ?? []
                    entry.columns.append((columnName, column["description"]?.string, tests))
                }
            case "tests", "data_tests":
                guard let tests = value.sequence else { throw fail("'tests' of \(name) must be a list", value) }
                entry.tests = Array(tests)
            default:
                throw fail("unknown key '\(key.string ?? "?")' in model \(name) (expected name, description, config, columns, tests)", key)
            }
        }
        return entry
    }

    /// An error pointing at `node`'s line.
    func fail(_ message: String, _ node: Node) -> TransformError {
        TransformError(.project, message, at: node.mark.map { "\(file):\($0.line)" } ?? file)
    }
}
