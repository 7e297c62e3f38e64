import Foundation
import Testing
import Transform

/// Reading a project: templates, YAML, selection, and the errors an analyst gets.
@Suite("Reading a SQL project")
struct ProjectTests {
    @Test func selectorsFollowTheDAG() throws {
        let fixture = try ProjectFixture(RunnerTests.files())
        defer { fixture.remove() }
        let project = try fixture.load()
        #expect(try Selection("customers").models(in: project) == ["customers"])
        #expect(try Selection("customers+").models(in: project).sorted() == ["customer_count", "customer_count_source", "customers", "named_customers"])
        #expect(try Selection("+named_customers").models(in: project) == ["customers", "customer_count_source", "named_customers"])
        #expect(try Selection("layer:silver").models(in: project) == ["customers", "segments"])
        #expect(throws: TransformError.self) { try Selection("custmers").models(in: project) }
        let tests = project.tests.map(\.name)
        #expect(tests.contains("unique_customers_customer_id"))
        #expect(tests.contains("relationships_named_customers_customer_id__customers"))
        #expect(tests.contains("every_customer_is_counted"))
        // The SQL test reads two models and gates the later one.
        #expect(project.models["customer_count"]?.tests.contains { $0.name == "every_customer_is_counted" } == true)
    }

    @Test func mistakesNameTheirFileAndLine() throws {
        func error(_ files: [String: String]) throws -> String {
            let fixture = try ProjectFixture(files)
            defer { fixture.remove() }
            do {
                _ = try fixture.load()
                return "no error"
            } catch let error as TransformError {
                return error.description
            }
        }
        #expect(try error(["models/silver/a.sql": "SELECT 1 AS x\nFROM {{ ref('missing') }}"]).contains("unknown model 'missing'"))
        #expect(try error(["models/silver/a.sql": "SELECT 1\n\n{{ reff('b') }}"]) == "models/silver/a.sql:3: unknown function 'reff' (expected ref, source or config)")
        #expect(try error(["models/silver/a.sql": "SELECT {{ run_date"]).contains("models/silver/a.sql:1: a tag is not closed"))
        #expect(try error(["models/silver/a.sql": "SELECT * FROM {{ ref('b') }}", "models/silver/b.sql": "SELECT * FROM {{ ref('a') }}"])
            == "the models a, b depend on each other in a cycle")
        #expect(try error(["models/silver/a.sql": "SELECT 1 AS x", "models/silver/p.yml": "models:\n  - name: a\n    columns:\n      - name: x\n        tests: [uniq]\n"])
            .hasPrefix("models/silver/p.yml:5: unknown test 'uniq'"))
        #expect(try error(["models/silver/a.sql": "SELECT 1 AS x", "models/silver/p.yml": "models:\n  - name: b\n"]).contains("properties for 'b', which has no .sql"))
        #expect(try error(["models/bronze/a.sql": "SELECT 1"]).contains("not a layer Tenure builds"))
        #expect(try error(["models/silver/a.sql": "SELECT 1", "models/gold/a.sql": "SELECT 2"]).contains("defined twice"))
    }

    @Test func templatesRenderRefsSourcesAndIncrementalBlocks() throws {
        let template = try SQLTemplate("""
            {{ config(materialized='incremental', unique_key="id") }}{# a comment #}
            SELECT * FROM {{ source('erpnext', 'customers') }} c JOIN {{ ref('b') }} USING (id)
            WHERE d <= {{ run_date }}{% if is_incremental() %} AND d > (SELECT MAX(d) FROM {{ this }}){% else %} AND 1 = 1{% endif %}
            """, file: "t.sql")
        #expect(template.refs == ["b"])
        #expect(template.sources == [SourceReference(system: "erpnext", table: "customers")])
        #expect(template.config == ["materialized": "incremental", "unique_key": "id"])
        var context = RenderContext(relation: { "silver.\($0)" }, source: { "bronze.\($0.table)" }, runDate: "2026-01-31", this: "silver.a", isIncremental: false)
        #expect(template.render(context) == "\nSELECT * FROM bronze.customers c JOIN silver.b USING (id)\nWHERE d <= '2026-01-31' AND 1 = 1")
        context.isIncremental = true
        #expect(template.render(context).hasSuffix("AND d > (SELECT MAX(d) FROM silver.a)"))
    }
}
