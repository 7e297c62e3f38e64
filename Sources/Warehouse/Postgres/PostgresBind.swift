import PostgresNIO

/// How an ``SQLValue`` travels as a PostgreSQL parameter.
///
/// Text is sent with an unspecified type (OID 0), as libpq and psycopg do, so the server reads
/// it as whatever the context needs: a timestamp, JSONB, a number, an enum. Integers go as
/// `int4` when they fit (so `substr(x, ?)` and friends resolve), else `int8`; reals as
/// `float8`; blobs as `bytea`. NULL is added with `appendNull`, also untyped.
struct PostgresBind: PostgresDynamicTypeEncodable {
    let value: SQLValue

    var psqlType: PostgresDataType {
        switch value {
        case .integer(let integer): Int32(exactly: integer) != nil ? .int4 : .int8
        case .real: .float8
        case .blob: .bytea
        case .text, .null: .null
        }
    }

    var psqlFormat: PostgresFormat {
        switch value {
        case .text, .null: .text
        case .integer, .real, .blob: .binary
        }
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        switch value {
        case .integer(let integer):
            if let small = Int32(exactly: integer) {
                buffer.writeInteger(small)
            } else {
                buffer.writeInteger(integer)
            }
        case .real(let real): buffer.writeInteger(real.bitPattern)
        case .text(let text): buffer.writeString(text)
        case .blob(let bytes): buffer.writeBytes(bytes)
        case .null: break
        }
    }

    /// The bindings for `arguments`, in order.
    static func bindings(_ arguments: [SQLValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            if argument.isNull {
                bindings.appendNull()
            } else {
                bindings.append(PostgresBind(value: argument))
            }
        }
        return bindings
    }
}
