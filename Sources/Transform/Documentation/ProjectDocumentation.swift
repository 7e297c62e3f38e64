import Foundation

/// The project's catalogue for people: every model with its description, columns and tests.
public enum ProjectDocumentation {
    /// The catalogue as Markdown, models in build order.
    public static func markdown(_ project: Project, models selected: [String]) -> String {
        var text = "# Tenure models\n\n\(selected.count) model\(selected.count == 1 ? "" : "s"). Build with `tenure build`, test with `tenure test`.\n"
        let lineage = Lineage(project: project, models: project.order)
        for name in selected {
            guard let model = project.models[name] else { continue }
            let id = "\(model.layer.rawValue).\(name)"
            text += "\n## \(id)\n\n"
            if let description = model.description { text += description.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" }
            text += "- Materialized: \(model.materialization.rawValue) (`\(model.file)`)\n"
            let reads = lineage.edges.filter { $0.to == id }.map(\.from)
            let feeds = lineage.edges.filter { $0.from == id }.map(\.to)
            if !reads.isEmpty { text += "- Reads: " + reads.map { "`\($0)`" }.joined(separator: ", ") + "\n" }
            if !feeds.isEmpty { text += "- Read by: " + feeds.map { "`\($0)`" }.joined(separator: ", ") + "\n" }
            if !model.columns.isEmpty {
                text += "\n| column | description | tests |\n|---|---|---|\n"
                for column in model.columns {
                    let tests = model.tests.filter { $0.column == column.name }.map { test in
                        test.kindName + (test.severity == .warn ? " (warn)" : "")
                    }
                    text += "| `\(column.name)` | \(column.description?.replacingOccurrences(of: "\n", with: " ") ?? "") | \(tests.joined(separator: ", ")) |\n"
                }
            }
            let modelTests = model.tests.filter { $0.column == nil }
            if !modelTests.isEmpty {
                text += "\nModel tests: " + modelTests.map { "`\($0.name)`" + ($0.severity == .warn ? " (warn)" : "") }.joined(separator: ", ") + "\n"
            }
        }
        return text
    }
}
