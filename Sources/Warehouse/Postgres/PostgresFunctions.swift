import Logging
import PostgresNIO
import TenureCore

/// The portable SQL functions (`tenure_date`, `tenure_timestamp`…) as PostgreSQL definitions in
/// schema `public`, giving exactly what TenureCore's Swift implementations (registered on SQLite)
/// give.
///
/// The hot ones (`tenure_timestamp`, `tenure_date`, `tenure_add_days`, `tenure_days_between`) are
/// `LANGUAGE sql` single expressions, which the planner inlines into the query: no function call
/// per row, which matters on ten million rows. Their common case (the clean text the sources
/// write) is checked by a few `substr` lookups in hashed `IN` lists, which test digits, ranges
/// and the calendar at once; PostgreSQL's regular expressions cost about a microsecond a row
/// even for a trivial pattern, and a large inlined expression makes the JIT compiler slow, so
/// everything else (dates typed `DD/MM/YYYY`, offsets, stray whitespace) goes to a PL/pgSQL
/// helper, which also has the local variables that person names need. No function raises on bad
/// input: every cast is guarded and a bad value gives NULL. Nothing depends on the session
/// (`DateStyle`, `TimeZone`, the locale), so all are `IMMUTABLE`: case mapping uses
/// `LetterCase`'s fixed table, whitespace `Whitespace`'s set, comparisons the `C` collation.
enum PostgresFunctions {
    /// The version of the definitions; raise it whenever one changes, so that opening a database
    /// holding older ones reinstalls them (a test pins the definitions' fingerprint to it).
    static let version = 1

    /// Installs the functions when they are missing or older than ``version``.
    ///
    /// Checking first lets users without the CREATE privilege on `public` open a prepared
    /// database. Installing happens in one transaction holding an advisory lock, re-checking
    /// under the lock, so concurrent openers neither race on `CREATE OR REPLACE` (which fails
    /// with "tuple concurrently updated") nor install twice.
    static func installIfNeeded(_ connection: PostgresConnection, logger: Logger) async throws {
        if let installed = try await installedVersion(connection, logger: logger), installed >= version {
            if installed > version {
                // A newer Tenure installed them; replacing them with older ones would make the two fight.
                logger.notice("the database's portable SQL functions are newer than this Tenure's; leaving them",
                              metadata: ["installed": "\(installed)", "version": "\(version)"])
            }
            return
        }
        try await PostgresStatements.execute(connection, "BEGIN", [], logger: logger)
        do {
            try await PostgresStatements.execute(connection, "SELECT pg_advisory_xact_lock(hashtext('tenure.functions'))", [], logger: logger)
            let installed = try await installedVersion(connection, logger: logger)
            if installed.map({ $0 < version }) ?? true {
                for definition in definitions {
                    try await PostgresStatements.execute(connection, definition, [], logger: logger)
                }
                logger.info("installed the portable SQL functions", metadata: ["version": "\(version)"])
            }
            try await PostgresStatements.execute(connection, "COMMIT", [], logger: logger)
        } catch {
            try? await PostgresStatements.execute(connection, "ROLLBACK", [], logger: logger)
            throw error
        }
    }

    /// The installed version, or nil when the functions are not installed.
    private static func installedVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let present = try await PostgresStatements.query(
            connection, "SELECT to_regprocedure('public.tenure_functions_version()') IS NOT NULL AS present", [], logger: logger)
        guard present.first?.bool("present") == true else { return nil }
        return try await PostgresStatements.query(
            connection, "SELECT public.tenure_functions_version() AS version", [], logger: logger
        ).first?.int("version")
    }

    /// Every `CREATE OR REPLACE FUNCTION`, helpers first, the version last.
    static var definitions: [String] {
        [
            function("_tenure_date_loose(value text)", returns: "text", language: "plpgsql", strict: true, body: looseDateBody),
            function("tenure_date(value text)", returns: "text", body: "SELECT \(dateExpression)"),
            function("_tenure_timestamp_general(value text)", returns: "text", language: "plpgsql", strict: true,
                     body: generalTimestampBody),
            function("tenure_timestamp(value text)", returns: "text", body: "SELECT \(timestampExpression)"),
            function("tenure_add_days(value text, days integer)", returns: "text", body: "SELECT \(addDaysExpression)"),
            function("tenure_days_between(start_date text, end_date text)", returns: "integer", body: "SELECT \(daysBetweenExpression)"),
            function("tenure_phone(value text)", returns: "text", body: "SELECT \(phoneExpression)"),
            function("tenure_email(value text)", returns: "text", body: "SELECT \(emailExpression)"),
            function("tenure_number(value text)", returns: "double precision", body: "SELECT \(numberExpression)"),
            function("tenure_regexp_replace(value text, pattern text, replacement text)", returns: "text",
                     body: "SELECT regexp_replace(value, pattern, replacement, 'g')"),
            function("_tenure_name_word(word text)", returns: "text", language: "plpgsql", strict: true, body: nameWordBody),
            function("_tenure_name_words(words text[])", returns: "text", language: "plpgsql", strict: true, body: nameWordsBody),
            function("tenure_person_name(full_name text, wanted text)", returns: "text", language: "plpgsql", body: personNameBody),
            function("tenure_functions_version()", returns: "integer", body: "SELECT \(version)"),
        ]
    }

    private static func function(_ signature: String, returns type: String, language: String = "sql", strict: Bool = false, body: String) -> String {
        // A strict SQL function is not inlined when its body might not be strict, so only the
        // PL/pgSQL helpers are strict.
        """
        CREATE OR REPLACE FUNCTION public.\(signature) RETURNS \(type)
        LANGUAGE \(language) IMMUTABLE \(strict ? "STRICT " : "")PARALLEL SAFE
        AS $tenure$
        \(body)
        $tenure$
        """
    }

    // MARK: Shared fragments

    /// `Whitespace`'s set as the inside of an escape string literal (`E'…'`).
    static let whitespaceEscapes = #" \t\n\u000b\f\r\u00a0"#
    /// `Whitespace`'s set as an escape string literal, for `btrim` and `ltrim`.
    static let whitespaceLiteral = "E'\(whitespaceEscapes)'"
    /// `Whitespace`'s set as the inside of a regular-expression bracket.
    static let whitespaceClass = #" \t\n\v\f\r\u00a0"#

    static func trimmed(_ text: String) -> String { "btrim(\(text), \(whitespaceLiteral))" }

    /// `LetterCase`'s non-ASCII letters, upper and lower, in matching order.
    static let nonASCIIUpper = String(String.UnicodeScalarView(LetterCase.nonASCIIPairs.map(\.upper)))
    static let nonASCIILower = String(String.UnicodeScalarView(LetterCase.nonASCIIPairs.map(\.lower)))

    /// `LetterCase.lowercased`: ASCII by the `C` collation's `lower`, the rest by a fixed table.
    static func lowered(_ text: String) -> String {
        "translate(lower((\(text)) COLLATE \"C\"), '\(nonASCIIUpper)', '\(nonASCIILower)')"
    }

    /// `LetterCase.uppercased`.
    static func uppered(_ text: String) -> String {
        "translate(upper((\(text)) COLLATE \"C\"), '\(nonASCIILower)', '\(nonASCIIUpper)')"
    }

    /// Words as an SQL list of string literals (none of them holds a quote).
    static func sqlList(_ words: some Sequence<String>) -> String {
        words.sorted().map { "'\($0)'" }.joined(separator: ", ")
    }
}
