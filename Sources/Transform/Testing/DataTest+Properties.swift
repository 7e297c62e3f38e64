import Yams

extension DataTest {
    /// Reads one entry of a `tests:` list: `unique`, or `{accepted_values: {values: [...], severity: warn}}`.
    static func parse(_ node: Node, model: String, column: String?, properties: PropertiesFile) throws(TransformError) -> DataTest {
        let kindName: String
        var arguments: Node.Mapping?
        if let name = node.string {
            kindName = name
        } else if let mapping = node.mapping, mapping.count == 1, let (key, value) = mapping.first.map({ ($0.key, $0.value) }), let name = key.string {
            kindName = name
            arguments = value.mapping
            guard arguments != nil || value.string == nil else {
                throw properties.fail("the arguments of test '\(name)' must be a mapping", value)
            }
        } else {
            throw properties.fail("a test is a name (unique) or a one-key mapping ({accepted_values: {values: [...]}})", node)
        }
        func argument(_ key: String) -> Node? { arguments?[key] ?? arguments?["arguments"]?[key] }
        func required(_ key: String) throws(TransformError) -> Node {
            guard let value = argument(key) else { throw properties.fail("test '\(kindName)' on \(model) needs '\(key)'", node) }
            return value
        }
        func requireColumn() throws(TransformError) -> String {
            guard let column = column ?? argument("column")?.string else {
                throw properties.fail("test '\(kindName)' on \(model) belongs under a column (or needs 'column')", node)
            }
            return column
        }
        let kind: Kind
        switch kindName {
        case "unique": kind = .unique(try requireColumn())
        case "not_null": kind = .notNull(try requireColumn())
        case "accepted_values":
            let values = try required("values").sequence?.compactMap(\.string) ?? []
            guard !values.isEmpty else { throw properties.fail("accepted_values on \(model) needs a non-empty 'values' list", node) }
            kind = .acceptedValues(try requireColumn(), values)
        case "relationships":
            guard let target = try required("to").string, let referenced = Self.refName(target) else {
                throw properties.fail("relationships on \(model): 'to' must be ref('model')", node)
            }
            guard let field = try required("field").string else { throw properties.fail("relationships on \(model) needs 'field'", node) }
            kind = .relationships(try requireColumn(), model: referenced, field: field)
        case "unique_combination_of_columns":
            let columns = try required("columns").sequence?.compactMap(\.string) ?? []
            guard columns.count >= 1 else { throw properties.fail("unique_combination_of_columns on \(model) needs 'columns'", node) }
            kind = .uniqueCombination(columns)
        case "row_count":
            let min = argument("min")?.int, max = argument("max")?.int
            guard min != nil || max != nil else { throw properties.fail("row_count on \(model) needs 'min' or 'max'", node) }
            kind = .rowCount(min: min, max: max)
        case "freshness":
            guard let days = try required("max_age_days").int else { throw properties.fail("freshness on \(model): 'max_age_days' must be a number", node) }
            kind = .freshness(try requireColumn(), maxAgeDays: days)
        case "expression_is_true":
            guard let expression = try required("expression").string else { throw properties.fail("expression_is_true on \(model) needs 'expression'", node) }
            kind = .expression(expression)
        default:
            throw properties.fail("unknown test '\(kindName)' (expected unique, not_null, accepted_values, relationships, unique_combination_of_columns, row_count, freshness, expression_is_true)", node)
        }
        let severityText = argument("severity")?.string ?? arguments?["config"]?["severity"]?.string ?? "error"
        guard let severity = Severity(rawValue: severityText.lowercased()) else {
            throw properties.fail("severity must be error or warn, not '\(severityText)'", node)
        }
        let columnPart = column.map { "_" + $0 } ?? ""
        let suffix: String
        switch kind {
        case .relationships(_, let target, _): suffix = "__" + target
        case .uniqueCombination(let columns): suffix = "_" + columns.joined(separator: "_")
        case .freshness(let column, _) where column != columnPart.dropFirst(): suffix = "_" + column
        default: suffix = ""
        }
        let name = argument("name")?.string ?? "\(kindName)_\(model)\(columnPart)\(suffix)"
        return DataTest(name: name, model: model, column: column,
                        kind: kind, severity: severity, file: properties.file)
    }

    /// `dim_customer` from `ref('dim_customer')`.
    static func refName(_ text: String) -> String? {
        let trimmed = text.filter { $0 != " " }
        guard trimmed.hasPrefix("ref("), trimmed.hasSuffix(")") else { return nil }
        let inner = trimmed.dropFirst(4).dropLast()
        guard inner.count >= 2, let quote = inner.first, quote == "'" || quote == "\"", inner.last == quote else { return nil }
        return String(inner.dropFirst().dropLast())
    }
}
