import Foundation
import PostgresNIO

extension SQLValue {
    /// Reads a PostgreSQL result cell into the storage classes every engine shares.
    ///
    /// - `bool` becomes 1/0, as SQLite stores booleans.
    /// - `numeric` becomes an integer when whole and in range (`SUM` of integers), else a real.
    /// - `timestamp`, `timestamptz`, `date` and `time` become text in SQLite's `datetime()`
    ///   format (`2024-05-01 13:45:00`, UTC for `timestamptz` with a `+00` suffix).
    /// - text-like types (`text`, `varchar`, `json`, `jsonb`, `uuid`, `name`…) become text.
    /// Anything else is refused with a hint to cast it to text in SQL, rather than guessed.
    init(_ cell: PostgresCell) throws {
        guard var buffer = cell.bytes else {
            self = .null
            return
        }
        do {
            switch cell.dataType {
            case .bool:
                self = .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .int2, .int4, .int8:
                self = .integer(try cell.decode(Int64.self))
            case .oid:
                guard let oid = buffer.readInteger(as: UInt32.self) else { throw PostgresTimeFormat.Malformed() }
                self = .integer(Int64(oid))
            case .float4, .float8:
                self = .real(try cell.decode(Double.self))
            case .numeric:
                self = SQLValue(numeric: try cell.decode(Decimal.self))
            case .bytea:
                self = .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
            case .timestamp, .timestamptz:
                guard let micros = buffer.readInteger(as: Int64.self) else { throw PostgresTimeFormat.Malformed() }
                self = .text(PostgresTimeFormat.timestamp(microseconds: micros) + (cell.dataType == .timestamptz ? "+00" : ""))
            case .date:
                guard let days = buffer.readInteger(as: Int32.self) else { throw PostgresTimeFormat.Malformed() }
                self = .text(PostgresTimeFormat.date(days: days))
            case .time:
                guard let micros = buffer.readInteger(as: Int64.self) else { throw PostgresTimeFormat.Malformed() }
                self = .text(PostgresTimeFormat.time(microseconds: micros))
            case .text, .varchar, .bpchar, .name, .json, .jsonb, .uuid, .xml, .char, .null, .unknown:
                self = .text(try cell.decode(String.self))
            default:
                throw WarehouseError(.unsupported, engine: .postgres,
                    message: "column '\(cell.columnName)' has PostgreSQL type \(cell.dataType), which the warehouse does not read; CAST it to TEXT in the query")
            }
        } catch let error as WarehouseError {
            throw error
        } catch {
            throw WarehouseError(.unsupported, engine: .postgres,
                message: "cannot read column '\(cell.columnName)' of PostgreSQL type \(cell.dataType)")
        }
    }

    private init(numeric: Decimal) {
        let text = "\(numeric)"
        if !text.contains("."), !text.contains("e"), !text.contains("E"), let integer = Int64(text) {
            self = .integer(integer)
        } else {
            self = .real(Double(text) ?? NSDecimalNumber(decimal: numeric).doubleValue)
        }
    }
}
