/// The whitespace Tenure's portable SQL functions trim and collapse: one fixed set on every engine.
///
/// Space, tab, line feed, vertical tab, form feed, carriage return and the no-break space
/// (U+00A0, which sheets and web forms let in). A fixed set rather than Unicode's, because
/// PostgreSQL's idea of whitespace depends on the database's locale and the engines must agree.
public enum Whitespace {
    /// The members of the set.
    public static let scalars: [Unicode.Scalar] = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{A0}"]

    /// Whether `scalar` is in the set.
    @inlinable
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D, 0xA0: true
        default: false
        }
    }

    /// `text` without the set's characters at either end.
    public static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !contains($0) }),
              let last = scalars.lastIndex(where: { !contains($0) })
        else { return "" }
        return Substring(scalars[first...last])
    }

    /// `text` trimmed, with every run of whitespace inside replaced by one space.
    public static func collapsed(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if contains(scalar) {
                pendingSpace = !scalars.isEmpty
            } else {
                if pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The byte range of `bytes` (UTF-8) without the set's characters at either end.
    ///
    /// The hot parsers work on bytes: the set is ASCII plus U+00A0, whose UTF-8 form `C2 A0`
    /// cannot be the tail of another character because `C2` is always a lead byte.
    static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = 0
        var upper = bytes.count
        while lower < upper {
            let byte = bytes[lower]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                lower += 1
            } else if byte == 0xC2, lower + 1 < upper, bytes[lower + 1] == 0xA0 {
                lower += 2
            } else {
                break
            }
        }
        while upper > lower {
            let byte = bytes[upper - 1]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                upper -= 1
            } else if byte == 0xA0, upper - 2 >= lower, bytes[upper - 2] == 0xC2 {
                upper -= 2
            } else {
                break
            }
        }
        return lower..<upper
    }
}
