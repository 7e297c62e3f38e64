import Testing
import TenureCore
@testable import Warehouse
import WarehouseTestSupport

/// Runs the portable SQL functions on each engine and compares every result with TenureCore's
/// Swift implementation: identical results on SQLite (which calls that implementation) and
/// PostgreSQL (which has its own SQL and PL/pgSQL definitions) prove the engines agree.
@Suite("Portable SQL functions")
struct PortableFunctionTests {
    /// A function call over bound arguments, with what the Swift implementation gives.
    struct Probe: Sendable {
        let arguments: [SQLValue]
        let expected: SQLValue
    }

    @Test("tenure_date agrees with the Swift rules and the hand-written examples", arguments: TestEngine.allCases)
    func dates(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            try await Self.check(warehouse, "tenure_date(a)", PortableFunctionCorpus.dates.map(Self.probe(CalendarDateText.iso)))
            try await Self.expect(warehouse, "tenure_date(a)", swift: CalendarDateText.iso, [
                ("2024-03-07", "2024-03-07"), ("07/03/2024", "2024-03-07"), ("03-07-2024", "2024-03-07"),
                ("2024/03/07", "2024-03-07"), ("2024-03-07T10:00:00Z", "2024-03-07"), ("01/13/2024", "2024-01-13"),
                ("13-01-2024", "2024-01-13"), ("29/02/2024", "2024-02-29"), (" 7/3/2024 ", "2024-03-07"),
                ("29/02/2023", nil), ("31/02/2024", nil), ("00-00-0000", nil), ("N/A", nil), ("TBD", nil), ("2024", nil),
                ("1799-12-31", nil), ("2200-01-01", nil),
            ])
        }
    }

    @Test("tenure_timestamp agrees with the Swift rules and the hand-written examples", arguments: TestEngine.allCases)
    func timestamps(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            try await Self.check(warehouse, "tenure_timestamp(a)", PortableFunctionCorpus.timestamps.map(Self.probe(TimestampText.utc)))
            try await Self.expect(warehouse, "tenure_timestamp(a)", swift: TimestampText.utc, [
                ("2023-01-03 11:39:11.868867", "2023-01-03 11:39:11"),
                ("2021-06-01T14:56:36.000+0000", "2021-06-01 14:56:36"),
                ("2023-01-07T06:54:20+00:00", "2023-01-07 06:54:20"),
                ("2023-01-07", "2023-01-07 00:00:00"),
                ("2024-01-01T00:30:00+01:00", "2023-12-31 23:30:00"),
                ("2023-12-31T22:00:00-05:00", "2024-01-01 03:00:00"),
                ("2024-02-28T23:00:00-0300", "2024-02-29 02:00:00"),
                ("2024-03-01T00:00:00+01", "2024-02-29 23:00:00"),
                (" 2024-01-15T09:30:00+05:30 ", "2024-01-15 04:00:00"),
                ("2024-01-15T24:00:00", nil), ("2024-02-30T10:00:00Z", nil), ("2199-12-31T23:00:00-05:00", nil), ("N/A", nil),
            ])
        }
    }

    @Test("tenure_add_days and tenure_days_between agree with the Swift rules", arguments: TestEngine.allCases)
    func dateArithmetic(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let additions = PortableFunctionCorpus.additions.map { text, days in
                Probe(arguments: [.text(text), .integer(Int64(days))],
                      expected: Self.value(CalendarDateText.addingDays(days, to: text)))
            }
            try await Self.check(warehouse, "tenure_add_days(a, b)", additions)
            let intervals = PortableFunctionCorpus.intervals.map { start, end in
                Probe(arguments: [.text(start), .text(end)], expected: Self.value(CalendarDateText.daysBetween(start, end)))
            }
            try await Self.check(warehouse, "tenure_days_between(a, b)", intervals)
            let literal: [([SQLValue], SQLValue)] = [
                ([.text("2024-02-28"), .integer(1)], .text("2024-02-29")),
                ([.text("2023-12-31 23:59:59"), .integer(1)], .text("2024-01-01")),
                ([.text("2024-01-01T00:00:00Z"), .integer(-1)], .text("2023-12-31")),
                ([.text("2199-12-31"), .integer(1)], .null),
                ([.text("2024-01-01"), .integer(2_147_483_647)], .null),
                ([.text("2024-01-01"), .integer(-2_147_483_648)], .null),
                ([.text("07/03/2024"), .integer(1)], .null),
            ]
            for (arguments, expected) in literal {
                #expect(try await Self.evaluate(warehouse, "tenure_add_days(?, ?)", arguments) == expected, "\(engine) \(arguments)")
            }
            #expect(try await Self.evaluate(warehouse, "tenure_days_between(?, ?)", [.text("2024-01-01"), .text("2024-03-01")]) == .integer(60))
            #expect(try await Self.evaluate(warehouse, "tenure_days_between(?, ?)", [.text("2024-03-01T23:00:00Z"), .text("2024-01-01")]) == .integer(-60))
        }
    }

    @Test("tenure_phone, tenure_email and tenure_number agree with the Swift rules", arguments: TestEngine.allCases)
    func contactsAndAmounts(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            try await Self.check(warehouse, "tenure_phone(a)", PortableFunctionCorpus.phones.map(Self.probe(PhoneNumber.e164)))
            try await Self.check(warehouse, "tenure_email(a)", PortableFunctionCorpus.emails.map(Self.probe(EmailAddress.normalized)))
            try await Self.check(warehouse, "tenure_number(a)", PortableFunctionCorpus.amounts.map { text in
                Probe(arguments: [.text(text)], expected: MoneyText.amount(text).map(SQLValue.real) ?? .null)
            })
            try await Self.expect(warehouse, "tenure_phone(a)", swift: PhoneNumber.e164, [
                ("6305333428", "+16305333428"), ("630-533-3428", "+16305333428"), ("(630) 533-3428", "+16305333428"),
                ("+16305333428", "+16305333428"), ("N/A", nil), ("000", nil), ("555-01", nil), ("none", nil),
            ])
            try await Self.expect(warehouse, "tenure_email(a)", swift: EmailAddress.normalized, [
                (" John.Smith@Example.COM ", "john.smith@example.com"), ("john.smith@", nil), ("ÉLODIE@EXAMPLE.FR", "élodie@example.fr"),
            ])
            for (text, expected) in [("$1,234.50", 1234.5), ("(123.45)", -123.45), ("-7", -7.0)] {
                #expect(MoneyText.amount(text) == expected)
                #expect(try await Self.evaluate(warehouse, "tenure_number(?)", [.text(text)]) == .real(expected), "\(engine) \(text)")
            }
            #expect(try await Self.evaluate(warehouse, "tenure_number(?)", [.text("N/A")]) == .null)
        }
    }

    @Test("tenure_person_name agrees with the Swift rules for every part", arguments: TestEngine.allCases)
    func personNames(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let names = PortableFunctionCorpus.names
            for part in PersonName.Part.allCases.map(\.rawValue) + ["Given", "nickname"] {
                try await Self.check(warehouse, "tenure_person_name(a, b)", names.map { name in
                    Probe(arguments: [.text(name), .text(part)], expected: Self.value(PersonName.part(part, of: name)))
                })
            }
            let examples: [(String, String, String?)] = [
                ("adam williams", "full", "Adam Williams"), ("WILLIAMS, ADAM", "full", "Adam Williams"),
                ("J. Smith Jr.", "full", "J. Smith"), ("J. Smith Jr.", "suffix", "Jr"),
                ("Mary K Jones, III", "full", "Mary K. Jones"), ("Mary K Jones, III", "middle", "K."),
                ("Mary K Jones, III", "suffix", "III"), ("O'BRIEN", "surname", "O'Brien"),
                ("smith-jones", "surname", "Smith-Jones"), ("MCDONALD", "surname", "McDonald"),
                ("adam williams", "middle", nil), ("adam williams", "suffix", nil),
            ]
            for (name, part, expected) in examples {
                #expect(PersonName.part(part, of: name) == expected, "Swift \(name) \(part)")
                #expect(try await Self.evaluate(warehouse, "tenure_person_name(?, ?)", [.text(name), .text(part)]) == Self.value(expected),
                        "\(engine) \(name) \(part)")
            }
        }
    }

    @Test("tenure_regexp_replace agrees on the portable subset", arguments: TestEngine.allCases)
    func regexReplace(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let replacer = RegexReplacer()
            let probes = try PortableFunctionCorpus.replacements.map { text, pattern, replacement in
                Probe(arguments: [.text(text), .text(pattern), .text(replacement)],
                      expected: .text(try replacer.replacingAll(in: text, pattern: pattern, with: replacement)))
            }
            try await Self.check(warehouse, "tenure_regexp_replace(a, b, c)", probes)
            #expect(try await Self.evaluate(warehouse, "tenure_regexp_replace(?, ?, ?)",
                                            [.text("Smith, John"), .text("^([^,]+), (.+)$"), .text(#"\2 \1"#)]) == .text("John Smith"))
        }
    }

    @Test("NULL in gives NULL out", arguments: TestEngine.allCases)
    func nulls(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let calls: [(String, [SQLValue])] = [
                ("tenure_date(CAST(? AS TEXT))", [.null]), ("tenure_timestamp(CAST(? AS TEXT))", [.null]),
                ("tenure_add_days(CAST(? AS TEXT), 1)", [.null]), ("tenure_add_days(?, CAST(? AS INTEGER))", [.text("2024-01-01"), .null]),
                ("tenure_days_between(CAST(? AS TEXT), ?)", [.null, .text("2024-01-01")]),
                ("tenure_days_between(?, CAST(? AS TEXT))", [.text("2024-01-01"), .null]),
                ("tenure_phone(CAST(? AS TEXT))", [.null]), ("tenure_email(CAST(? AS TEXT))", [.null]),
                ("tenure_number(CAST(? AS TEXT))", [.null]),
                ("tenure_person_name(CAST(? AS TEXT), 'full')", [.null]), ("tenure_person_name('Adam Smith', CAST(? AS TEXT))", [.null]),
                ("tenure_regexp_replace(CAST(? AS TEXT), 'a', 'b')", [.null]), ("tenure_regexp_replace('a', CAST(? AS TEXT), 'b')", [.null]),
                ("tenure_regexp_replace('a', 'a', CAST(? AS TEXT))", [.null]),
            ]
            for (call, arguments) in calls {
                let value = try await Self.evaluate(warehouse, call, arguments)
                #expect(value == .null, "\(engine) \(call)")
            }
        }
    }

    @Test("opening one PostgreSQL database from several places at once installs the functions once")
    func concurrentOpen() async throws {
        try await TestEngine.postgres.withWarehouseLocation { location in
            let warehouses = try await withThrowingTaskGroup(of: (any Warehouse).self) { group in
                for _ in 0..<4 {
                    group.addTask { try await openWarehouse(location, logger: TestEngine.logger) }
                }
                var opened: [any Warehouse] = []
                for try await warehouse in group { opened.append(warehouse) }
                return opened
            }
            for warehouse in warehouses {
                #expect(try await warehouse.scalarInt("SELECT public.tenure_functions_version() AS v") == PostgresFunctions.version)
                #expect(try await Self.evaluate(warehouse, "tenure_date(?)", [.text("07/03/2024")]) == .text("2024-03-07"))
                try await warehouse.close()
            }
        }
    }

    @Test("an outdated installation is replaced when the warehouse opens")
    func reinstallsOutdated() async throws {
        try await TestEngine.postgres.withWarehouseLocation { location in
            let first = try await openWarehouse(location, logger: TestEngine.logger)
            try await first.execute("CREATE OR REPLACE FUNCTION public.tenure_functions_version() RETURNS integer LANGUAGE sql AS 'SELECT 0'")
            try await first.execute("DROP FUNCTION public.tenure_phone(text)")
            try await first.close()
            let second = try await openWarehouse(location, logger: TestEngine.logger)
            #expect(try await second.scalarInt("SELECT public.tenure_functions_version() AS v") == PostgresFunctions.version)
            #expect(try await Self.evaluate(second, "tenure_phone(?)", [.text("630-533-3428")]) == .text("+16305333428"))
            try await second.close()
        }
    }

    @Test("the hot PostgreSQL functions are inlined into the query")
    func inlined() async throws {
        try await TestEngine.postgres.withWarehouse { warehouse in
            let calls = [("tenure_date", "x"), ("tenure_timestamp", "x"), ("tenure_add_days", "x, 3"), ("tenure_days_between", "x, x"),
                         ("tenure_phone", "x"), ("tenure_email", "x"), ("tenure_number", "x"), ("tenure_regexp_replace", "x, 'a', 'b'")]
            for (function, arguments) in calls {
                let plan = try await warehouse.query(
                    "EXPLAIN (VERBOSE, FORMAT TEXT) SELECT \(function)(\(arguments)) FROM (SELECT md5(g::text) AS x FROM generate_series(1, 3) AS g) AS s")
                let text = plan.compactMap { $0.string("QUERY PLAN") }.joined(separator: "\n")
                #expect(text.contains("Output:") && !text.contains("\(function)("), "\(function) was not inlined:\n\(text)")
            }
        }
    }

    @Test("changed PostgreSQL definitions come with a new version")
    func versionFollowsDefinitions() {
        // FNV-1a over the definitions. When this fails, raise `PostgresFunctions.version` (so that
        // existing databases get the new definitions) and record the new pair here.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in PostgresFunctions.definitions.joined(separator: "\n").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let fingerprint = String(hash, radix: 16)
        #expect(PostgresFunctions.version == 1 && fingerprint == "baf6fc97d1e870f4", "version \(PostgresFunctions.version), fingerprint \(fingerprint)")
    }

    // MARK: Helpers

    /// A probe of a one-argument text function.
    static func probe(_ function: @escaping (String) -> String?) -> (String) -> Probe {
        { text in Probe(arguments: [.text(text)], expected: value(function(text))) }
    }

    static func value(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    static func value(_ integer: Int?) -> SQLValue { integer.map { .integer(Int64($0)) } ?? .null }

    /// Evaluates `call` (over columns `a`, `b`, `c`) for every probe, in batches, and expects the
    /// Swift implementation's result for each.
    static func check(_ warehouse: any Warehouse, _ call: String, _ probes: [Probe]) async throws {
        let width = probes.first?.arguments.count ?? 0
        let columns = ["a", "b", "c"].prefix(width).joined(separator: ", ")
        for start in stride(from: 0, to: probes.count, by: 200) {
            let batch = Array(probes[start..<min(start + 200, probes.count)])
            let row = "(?" + String(repeating: ", ?", count: width) + ")"
            let sql = """
                WITH input(i, \(columns)) AS (VALUES \(Array(repeating: row, count: batch.count).joined(separator: ", ")))
                SELECT i, \(call) AS v FROM input ORDER BY i
                """
            var arguments: [SQLValue] = []
            for (offset, probe) in batch.enumerated() { arguments += [.integer(Int64(start + offset))] + probe.arguments }
            let rows = try await warehouse.query(sql, arguments)
            #expect(rows.count == batch.count)
            for (row, probe) in zip(rows, batch) {
                #expect(row["v"] == probe.expected, "\(warehouse.engine) \(call) of \(probe.arguments)")
            }
        }
    }

    /// Expects literal results of a one-argument text function, from the Swift implementation and the engine.
    static func expect(_ warehouse: any Warehouse, _ call: String, swift: (String) -> String?, _ cases: [(String, String?)]) async throws {
        for (input, expected) in cases { #expect(swift(input) == expected, "Swift \(call) of \(input)") }
        try await check(warehouse, call, cases.map { Probe(arguments: [.text($0.0)], expected: value($0.1)) })
    }

    /// The single value `SELECT call` returns.
    static func evaluate(_ executor: any SQLExecutor, _ call: String, _ arguments: [SQLValue]) async throws -> SQLValue? {
        try await executor.query("SELECT \(call) AS v", arguments).first?["v"]
    }
}
