/// Upper and lower case as Tenure's portable SQL functions apply it: one fixed table on every engine.
///
/// ASCII, Latin-1 and Latin Extended-A letters (the alphabets of the bank's customers' names)
/// map one to one; every other character is left as typed. A fixed table rather than Unicode's
/// full rules, because PostgreSQL's `upper` and `lower` follow the database's locale (a `C`
/// database changes only ASCII) and the engines must agree. Letters without a one-to-one
/// partner (`ß`, dotless `ı`, dotted `İ`, `ĸ`, `ŉ`, `ſ`) are left alone.
public enum LetterCase {
    /// Every non-ASCII upper-case letter of the table with its lower-case partner, in code order.
    public static let nonASCIIPairs: [(upper: Unicode.Scalar, lower: Unicode.Scalar)] = {
        var pairs: [(upper: Unicode.Scalar, lower: Unicode.Scalar)] = []
        for value in UInt32(0xC0)...0x17F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let lower = lowercased(scalar)
            if lower != scalar { pairs.append((scalar, lower)) }
        }
        return pairs
    }()

    /// The lower-case form of `scalar`, or `scalar` itself when the table has none.
    @inlinable
    public static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x80 {
            return (0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar
        }
        let lower: UInt32
        switch value {
        case 0xC0...0xDE where value != 0xD7: lower = value + 0x20
        case 0x178: lower = 0xFF
        case 0x100...0x12F where value % 2 == 0, 0x132...0x137 where value % 2 == 0,
             0x139...0x148 where value % 2 == 1, 0x14A...0x177 where value % 2 == 0,
             0x179...0x17E where value % 2 == 1:
            lower = value + 1
        default: return scalar
        }
        return Unicode.Scalar(lower) ?? scalar
    }

    /// The upper-case form of `scalar`, or `scalar` itself when the table has none.
    @inlinable
    public static func uppercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x80 {
            return (0x61...0x7A).contains(value) ? Unicode.Scalar(UInt8(value - 0x20)) : scalar
        }
        let upper: UInt32
        switch value {
        case 0xE0...0xFE where value != 0xF7: upper = value - 0x20
        case 0xFF: upper = 0x178
        case 0x101...0x12F where value % 2 == 1, 0x133...0x137 where value % 2 == 1,
             0x13A...0x148 where value % 2 == 0, 0x14B...0x177 where value % 2 == 1,
             0x17A...0x17E where value % 2 == 0:
            upper = value - 1
        default: return scalar
        }
        return Unicode.Scalar(upper) ?? scalar
    }

    /// `text` with every letter of the table in lower case.
    public static func lowercased(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(lowercased(scalar)) }
        return String(scalars)
    }
}
