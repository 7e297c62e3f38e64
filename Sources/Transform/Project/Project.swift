import Foundation
import TenureCore
import Yams

/// The SQL project: every model, seed and test under `models/` and `tests/`, checked and ordered.
///
/// Layout, as in dbt: `models/<layer>/` holds one `select` per `.sql` file (the model is named
/// after the file), `.csv` seeds, and `.yml` files of descriptions, settings and tests;
/// `tests/` holds SQL tests that select failing rows; `models/project.yml` may give the query
/// for the default run date.
public struct Project: Sendable {
    /// The folder holding `models/`.
    public let directory: URL
    /// Every model by name.
    public let models: [String: Model]
    /// Model names in an order where each comes after everything it reads.
    public let order: [String]
    /// The query whose single value is the default run date; nil when the project has none.
    public let runDateQuery: SQLTemplate?

    /// Every data test, in model order.
    public var tests: [DataTest] { order.flatMap { models[$0]?.tests ?? [] } }

    /// Reads and checks the project in `directory`; `swiftModels` are the models whose logic is
    /// Swift, each declared in YAML with `materialized: swift`.
    public static func load(from directory: URL, swiftModels: [any SwiftModel] = []) throws(TransformError) -> Project {
        let modelsFolder = directory.appendingPathComponent("models", isDirectory: true).resolvingSymlinksInPath()
        guard FileManager.default.fileExists(atPath: modelsFolder.path) else {
            throw TransformError(.project, "no models/ folder in \(directory.path)")
        }
        var models: [String: Model] = [:]
        var properties: [(layer: Layer, file: PropertiesFile)] = []
        var runDateQuery: SQLTemplate?

        for folder in try contents(of: modelsFolder, relativeTo: directory) {
            let name = folder.lastPathComponent
            if name == "project.yml" {
                runDateQuery = try projectSettings(folder, relativeTo: directory)
                continue
            }
            guard folder.hasDirectoryPath else { continue }
            guard let layer = Layer(rawValue: name), layer != .bronze else {
                throw TransformError(.project, "models/\(name)/ is not a layer Tenure builds (expected silver, gold, ml or ops)")
            }
            for file in try contents(of: folder, relativeTo: directory) {
                let relative = "models/\(name)/\(file.lastPathComponent)"
                let stem = file.deletingPathExtension().lastPathComponent
                let model: Model
                switch file.pathExtension {
                case "sql":
                    model = Model(name: stem, layer: layer, materialization: .table,
                                  template: try SQLTemplate(read(file, relative), file: relative), seedRows: nil, file: relative)
                case "csv":
                    model = Model(name: stem, layer: layer, materialization: .seed, template: nil,
                                  seedRows: try seedRows(read(file, relative), file: relative), file: relative)
                case "yml", "yaml":
                    properties.append((layer, try PropertiesFile(read(file, relative), file: relative)))
                    continue
                default:
                    continue
                }
                if let existing = models[stem] {
                    throw TransformError(.project, "model '\(stem)' is defined twice (also in \(existing.file))", at: relative)
                }
                models[stem] = model
            }
        }

        let implementations = Dictionary(swiftModels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (layer, file) in properties {
            for entry in file.entries {
                try apply(entry, layer: layer, file: file, to: &models, implementations: implementations)
            }
        }
        for implementation in swiftModels where models[implementation.name] == nil {
            throw TransformError(.project, "the Swift model '\(implementation.name)' is not declared in any models/*.yml (declare it with config: {materialized: swift})")
        }
        try attachSingularTests(in: directory, to: &models)
        let order = try DependencyGraph(models: models).topologicalOrder()
        return Project(directory: directory, models: models, order: order, runDateQuery: runDateQuery)
    }

    /// Applies one model's YAML properties, or declares a Swift model.
    private static func apply(_ entry: PropertiesFile.Entry, layer: Layer, file: PropertiesFile,
                              to models: inout [String: Model], implementations: [String: any SwiftModel]) throws(TransformError) {
        let location = "\(file.file):\(entry.line)"
        let declared = entry.config["materialized"]?.string
        if models[entry.name] == nil {
            guard declared == Materialization.swift.rawValue else {
                throw TransformError(.project, "properties for '\(entry.name)', which has no .sql or .csv file", at: location)
            }
            guard let implementation = implementations[entry.name] else {
                throw TransformError(.project, "'\(entry.name)' is materialized as swift, but no Swift implementation is registered", at: location)
            }
            var model = Model(name: entry.name, layer: layer, materialization: .swift, template: nil, seedRows: nil, file: file.file)
            model.dependencies = implementation.dependencies
            models[entry.name] = model
        }
        guard var model = models[entry.name] else { return }
        guard model.layer == layer else {
            throw TransformError(.project, "'\(entry.name)' is a \(model.layer.rawValue) model, described in a \(layer.rawValue) folder", at: location)
        }
        model.description = entry.description
        model.columns = entry.columns.map { ColumnDocumentation(name: $0.name, description: $0.description) }
        var materialization = model.template?.config["materialized"] ?? declared
        if model.materialization == .seed || model.materialization == .swift { materialization = model.materialization.rawValue }
        if let materialization {
            guard let kind = Materialization(rawValue: materialization), kind != .seed || model.materialization == .seed else {
                throw TransformError(.project, "unknown materialization '\(materialization)' for \(entry.name) (expected table, view or incremental)", at: location)
            }
            model.materialization = kind
        }
        if let indexes = entry.config["indexes"]?.sequence {
            model.indexes = indexes.map { $0.sequence?.compactMap(\.string) ?? [$0.string].compactMap { $0 } }
        }
        if let key = entry.config["unique_key"]?.string { model.uniqueKey = key }
        if model.materialization == .incremental && model.uniqueKey == nil {
            throw TransformError(.project, "incremental model '\(entry.name)' needs config unique_key", at: location)
        }
        for column in entry.columns {
            for node in column.tests {
                model.tests.append(try DataTest.parse(node, model: entry.name, column: column.name, properties: file))
            }
        }
        for node in entry.tests {
            model.tests.append(try DataTest.parse(node, model: entry.name, column: nil, properties: file))
        }
        // Two tests of the same kind on the same column (two expressions, say) get numbered names.
        var seen: [String: Int] = [:]
        model.tests = model.tests.map { test in
            seen[test.name, default: 0] += 1
            guard let count = seen[test.name], count > 1 else { return test }
            return DataTest(name: "\(test.name)_\(count)", model: test.model, column: test.column, kind: test.kind, severity: test.severity, file: test.file)
        }
        models[entry.name] = model
    }

    /// Each `tests/*.sql` file becomes a test of the last model (in build order) it reads, so it
    /// runs against that model's new table before the table is swapped in.
    private static func attachSingularTests(in directory: URL, to models: inout [String: Model]) throws(TransformError) {
        let folder = directory.appendingPathComponent("tests", isDirectory: true).resolvingSymlinksInPath()
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        let provisional = try DependencyGraph(models: models).topologicalOrder()
        for file in try contents(of: folder, relativeTo: directory) where file.pathExtension == "sql" {
            let relative = "tests/\(file.lastPathComponent)"
            let template = try SQLTemplate(read(file, relative), file: relative)
            for name in template.refs where models[name] == nil {
                throw TransformError(.graph, "unknown model '\(name)' in ref('\(name)')", at: relative)
            }
            guard let owner = provisional.last(where: { template.refs.contains($0) }) else {
                throw TransformError(.project, "a SQL test must read at least one model with ref()", at: relative)
            }
            let severity = DataTest.Severity(rawValue: template.config["severity"]?.lowercased() ?? "error") ?? .error
            let name = file.deletingPathExtension().lastPathComponent
            models[owner]?.tests.append(DataTest(name: name, model: owner, column: nil, kind: .singular(template), severity: severity, file: relative))
        }
    }

    private static func projectSettings(_ file: URL, relativeTo directory: URL) throws(TransformError) -> SQLTemplate? {
        let relative = "models/project.yml"
        let root: Node?
        do { root = try Yams.compose(yaml: try read(file, relative)) } catch let error as TransformError { throw error } catch {
            throw TransformError(.project, "not valid YAML", at: relative)
        }
        guard let query = root?["run_date"]?.string else { return nil }
        return try SQLTemplate(query, file: relative)
    }

    /// Parses a seed: header first, every row as wide as the header.
    private static func seedRows(_ text: String, file: String) throws(TransformError) -> [[String]] {
        var rows: [[String]] = []
        var record: [UInt8] = []
        var quoted = false
        var lineNumber = 1
        func finish() throws(TransformError) {
            if record.last == 0x0D { record.removeLast() }
            defer { record = [] }
            guard !record.isEmpty else { return }
            guard let fields = CSVFields.parse(record) else { throw TransformError(.project, "malformed CSV quoting", at: "\(file):\(lineNumber)") }
            let row = fields.map { String(decoding: $0, as: UTF8.self) }
            if let header = rows.first, row.count != header.count {
                throw TransformError(.project, "\(row.count) fields where the header has \(header.count)", at: "\(file):\(lineNumber)")
            }
            rows.append(row)
        }
        for byte in text.utf8 {
            if byte == 0x22 { quoted.toggle() }
            if byte == 0x0A && !quoted {
                try finish()
                lineNumber += 1
            } else {
                record.append(byte)
            }
        }
        try finish()
        guard let header = rows.first, !header.isEmpty else { throw TransformError(.project, "a seed needs a header row", at: file) }
        return rows
    }

    private static func contents(of folder: URL, relativeTo directory: URL) throws(TransformError) -> [URL] {
        do {
            return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
                .map { url in
                    let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
                    return isDirectory ? url.appendingPathComponent("", isDirectory: true) : url
                }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw TransformError(.project, "cannot list \(folder.path): \(error.localizedDescription)")
        }
    }

    private static func read(_ file: URL, _ relative: String) throws(TransformError) -> String {
        do { return try String(contentsOf: file, encoding: .utf8) } catch {
            throw TransformError(.project, "cannot read the file (\(error.localizedDescription))", at: relative)
        }
    }
}
