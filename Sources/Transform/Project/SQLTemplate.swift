import Foundation

/// A model's SQL with its dbt-style tags, parsed once: `{{ ref('model') }}`,
/// `{{ source('system', 'table') }}`, `{{ run_date }}`, `{{ this }}`, `{{ config(key='value') }}`,
/// `{% if is_incremental() %} … {% else %} … {% endif %}` and `{# comments #}`.
///
/// Only these tags exist: the project stays plain SQL that any analyst can read, and a tag
/// Tenure does not know is an error with its line rather than silently left in the SQL.
public struct SQLTemplate: Sendable {
    indirect enum Piece: Sendable {
        case text(String)
        case ref(String)
        case source(SourceReference)
        case runDate
        case this
        case incremental(then: [Piece], otherwise: [Piece])
    }

    let pieces: [Piece]
    /// The models this SQL reads, in order of first use.
    public let refs: [String]
    /// The bronze tables this SQL reads.
    public let sources: [SourceReference]
    /// Settings from `{{ config(…) }}`, which override the model's YAML.
    public let config: [String: String]

    /// Parses `text`; `file` names it in errors.
    public init(_ text: String, file: String) throws(TransformError) {
        var parser = TemplateParser(text: text, file: file)
        pieces = try parser.parse()
        refs = parser.refs
        sources = parser.sources
        config = parser.config
    }

    /// The SQL to run, with every tag replaced.
    public func render(_ context: RenderContext) -> String {
        Self.render(pieces, context)
    }

    private static func render(_ pieces: [Piece], _ context: RenderContext) -> String {
        var sql = ""
        for piece in pieces {
            switch piece {
            case .text(let text): sql += text
            case .ref(let name): sql += context.relation(name)
            case .source(let source): sql += context.source(source)
            case .runDate: sql += "'\(context.runDate)'"
            case .this: sql += context.this
            case .incremental(let then, let otherwise): sql += render(context.isIncremental ? then : otherwise, context)
            }
        }
        return sql
    }
}

/// What a template's tags become when it is rendered for one run.
public struct RenderContext: Sendable {
    /// The relation a `ref` names: a table's SQL name, or its staging table during a build.
    public var relation: @Sendable (String) -> String
    /// The SQL (a table or a subquery) a `source` reads.
    public var source: @Sendable (SourceReference) -> String
    /// The run date, `YYYY-MM-DD`.
    public var runDate: String
    /// The model's own table, for incremental filters.
    public var this: String
    /// Whether rows are being added to an existing table rather than building it whole.
    public var isIncremental: Bool

    /// Creates a context.
    public init(relation: @escaping @Sendable (String) -> String, source: @escaping @Sendable (SourceReference) -> String,
                runDate: String, this: String, isIncremental: Bool) {
        self.relation = relation
        self.source = source
        self.runDate = runDate
        self.this = this
        self.isIncremental = isIncremental
    }
}

/// A `source('system', 'table')`: a bronze table of one source system.
public struct SourceReference: Hashable, Sendable, CustomStringConvertible {
    /// The source system as `tenure.yml` and the CLI name it: `erpnext`.
    public let system: String
    /// The bronze table without its system prefix: `customers` for `bronze.erp_customers`.
    public let table: String

    /// Creates a reference.
    public init(system: String, table: String) {
        self.system = system
        self.table = table
    }

    /// `source('erpnext', 'customers')`.
    public var description: String { "source('\(system)', '\(table)')" }
}

/// Parses a template's text into pieces; one pass, tags may not nest except `if` blocks.
private struct TemplateParser {
    let text: String
    let file: String
    var index: String.Index
    var refs: [String] = []
    var sources: [SourceReference] = []
    var config: [String: String] = [:]

    init(text: String, file: String) {
        self.text = text
        self.file = file
        self.index = text.startIndex
    }

    mutating func parse() throws(TransformError) -> [SQLTemplate.Piece] {
        let (pieces, terminator) = try parseBlock()
        if let terminator { throw error("'{% \(terminator) %}' without an opening '{% if %}'", at: index) }
        return pieces
    }

    /// Pieces up to the end of text or up to an `else`/`endif` tag, which is returned.
    private mutating func parseBlock() throws(TransformError) -> ([SQLTemplate.Piece], String?) {
        var pieces: [SQLTemplate.Piece] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
        }
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("{{") {
                flush()
                let start = index
                let body = try tagBody(closing: "}}")
                if let piece = try expression(body, at: start) { pieces.append(piece) }
            } else if rest.hasPrefix("{%") {
                flush()
                let start = index
                let body = try tagBody(closing: "%}")
                let words = body.split(separator: " ").map(String.init)
                switch words.first {
                case "if":
                    guard words.dropFirst().joined(separator: " ").replacingOccurrences(of: " ", with: "") == "is_incremental()" else {
                        throw error("only '{% if is_incremental() %}' is supported, not '{% \(body) %}'", at: start)
                    }
                    let (then, terminator) = try parseBlock()
                    var otherwise: [SQLTemplate.Piece] = []
                    var end = terminator
                    if terminator == "else" { (otherwise, end) = try parseBlock() }
                    guard end == "endif" else { throw error("'{% if %}' without '{% endif %}'", at: start) }
                    pieces.append(.incremental(then: then, otherwise: otherwise))
                case "else", "endif":
                    return (pieces, words[0])
                default:
                    throw error("unknown tag '{% \(body) %}'", at: start)
                }
            } else if rest.hasPrefix("{#") {
                flush()
                _ = try tagBody(closing: "#}")
            } else {
                literal.append(text[index])
                index = text.index(after: index)
            }
        }
        flush()
        return (pieces, nil)
    }

    /// The trimmed text between the opening (at `index`) and `closing`; moves past the tag.
    private mutating func tagBody(closing: String) throws(TransformError) -> String {
        let start = index
        let open = text.index(index, offsetBy: 2)
        guard let close = text[open...].range(of: closing) else {
            throw error("a tag is not closed with '\(closing)'", at: start)
        }
        index = close.upperBound
        return text[open..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private mutating func expression(_ body: String, at position: String.Index) throws(TransformError) -> SQLTemplate.Piece? {
        switch body {
        case "run_date": return .runDate
        case "this": return .this
        default: break
        }
        guard let open = body.firstIndex(of: "("), body.hasSuffix(")") else {
            throw error("unknown expression '{{ \(body) }}' (expected ref, source, config, run_date or this)", at: position)
        }
        let name = body[..<open].trimmingCharacters(in: .whitespaces)
        let arguments = try Self.arguments(String(body[body.index(after: open)..<body.index(before: body.endIndex)]))
            .get(orThrow: error("cannot read the arguments of '{{ \(body) }}'", at: position))
        switch name {
        case "ref":
            guard arguments.count == 1, arguments[0].key == nil else { throw error("ref takes one model name: ref('model')", at: position) }
            if !refs.contains(arguments[0].value) { refs.append(arguments[0].value) }
            return .ref(arguments[0].value)
        case "source":
            guard arguments.count == 2, arguments.allSatisfy({ $0.key == nil }) else {
                throw error("source takes a system and a table: source('erpnext', 'customers')", at: position)
            }
            let source = SourceReference(system: arguments[0].value, table: arguments[1].value)
            if !sources.contains(source) { sources.append(source) }
            return .source(source)
        case "config":
            for argument in arguments {
                guard let key = argument.key else { throw error("config takes key='value' arguments", at: position) }
                config[key] = argument.value
            }
            return nil
        default:
            throw error("unknown function '\(name)' (expected ref, source or config)", at: position)
        }
    }

    /// Comma-separated `'text'`, `"text"` or `key='text'` arguments; nil when malformed.
    private static func arguments(_ text: String) -> [(key: String?, value: String)]? {
        var result: [(key: String?, value: String)] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
            if rest.isEmpty { return result }
            var key: String?
            if let equals = rest.firstIndex(of: "="), let quote = rest.firstIndex(where: { $0 == "'" || $0 == "\"" }), equals < quote {
                key = rest[..<equals].trimmingCharacters(in: .whitespaces)
                rest = rest[rest.index(after: equals)...].drop { $0 == " " }
            }
            guard let quote = rest.first, quote == "'" || quote == "\"" else { return nil }
            let valueStart = rest.index(after: rest.startIndex)
            guard let valueEnd = rest[valueStart...].firstIndex(of: quote) else { return nil }
            result.append((key, String(rest[valueStart..<valueEnd])))
            rest = rest[rest.index(after: valueEnd)...].drop { $0 == " " }
            if rest.isEmpty { return result }
            guard rest.first == "," else { return nil }
            rest = rest.dropFirst()
        }
    }

    private func error(_ message: String, at position: String.Index) -> TransformError {
        let line = text[..<position].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
        return TransformError(.template, message, at: "\(file):\(line)")
    }
}

private extension Optional {
    func get(orThrow error: @autoclosure () -> TransformError) throws(TransformError) -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
