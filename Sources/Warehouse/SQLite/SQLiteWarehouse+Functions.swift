import GRDB
import TenureCore

extension SQLiteWarehouse {
    /// SQL functions added to every SQLite connection (writer and readers), so model SQL can
    /// call the same portable functions on every engine. The rules live in TenureCore's
    /// normalisation types; PostgreSQL gets matching definitions in ``PostgresFunctions``.
    /// A NULL argument gives NULL, as on PostgreSQL.
    static func portableFunctions() -> [DatabaseFunction] {
        let replacer = RegexReplacer()
        return [
            textFunction("tenure_date", CalendarDateText.iso),
            textFunction("tenure_timestamp", TimestampText.utc),
            textFunction("tenure_phone", PhoneNumber.e164),
            textFunction("tenure_email", EmailAddress.normalized),
            DatabaseFunction("tenure_add_days", argumentCount: 2, pure: true) { values in
                guard let text = text(values[0]), let days = integer(values[1]) else { return nil }
                return CalendarDateText.addingDays(days, to: text)
            },
            DatabaseFunction("tenure_days_between", argumentCount: 2, pure: true) { values in
                guard let start = text(values[0]), let end = text(values[1]) else { return nil }
                return CalendarDateText.daysBetween(start, end)
            },
            DatabaseFunction("tenure_number", argumentCount: 1, pure: true) { values in
                switch values[0].storage {
                case .int64(let integer): Double(integer)
                case .double(let real): real
                case .string(let string): MoneyText.amount(string)
                case .null, .blob: nil
                }
            },
            DatabaseFunction("tenure_person_name", argumentCount: 2, pure: true) { values in
                guard let name = text(values[0]), let part = text(values[1]) else { return nil }
                return PersonName.part(part, of: name)
            },
            DatabaseFunction("tenure_regexp_replace", argumentCount: 3, pure: true) { values in
                guard let value = text(values[0]), let pattern = text(values[1]), let replacement = text(values[2]) else { return nil }
                return try replacer.replacingAll(in: value, pattern: pattern, with: replacement)
            },
        ]
    }

    /// A one-argument function from text to text.
    private static func textFunction(_ name: String, _ body: @escaping @Sendable (String) -> String?) -> DatabaseFunction {
        DatabaseFunction(name, argumentCount: 1, pure: true) { values in
            text(values[0]).flatMap(body)
        }
    }

    /// The argument as text: text itself, or an integer's digits (a phone number stored in a
    /// column of numeric affinity); nil for NULL, reals and blobs.
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .string(let string): string
        case .int64(let integer): String(integer)
        case .null, .double, .blob: nil
        }
    }

    /// The argument as an integer, as PostgreSQL's `integer` parameter would take it: an integer,
    /// a whole real, or text spelling one.
    private static func integer(_ value: DatabaseValue) -> Int? {
        switch value.storage {
        case .int64(let integer): Int(integer)
        case .double(let real): Int(exactly: real)
        case .string(let string): Int(Whitespace.trimmed(string))
        case .null, .blob: nil
        }
    }
}
