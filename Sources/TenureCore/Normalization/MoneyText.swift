/// Amounts as typed in spreadsheets (`$1,234.50`, `(123.45)`): the rules of the SQL function
/// `tenure_number`.
public enum MoneyText {
    /// The number in `text`, or nil when there is none.
    ///
    /// `$`, `,` and whitespace are dropped wherever they are (so `,` is never a decimal mark);
    /// what remains must be digits with at most one `.` (`12`, `12.`, `.5`), either led by an
    /// optional `-` or wrapped in parentheses, the accountant's negative (`(123.45)` is
    /// -123.45). At most 100 characters: longer text is no amount, and would overflow a double.
    public static func amount(_ text: String) -> Double? {
        text.withUTF8Bytes { bytes in
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                    index += 2
                    continue
                }
                if byte != UInt8(ascii: "$") && byte != UInt8(ascii: ",") && byte != 0x20 && !(0x09...0x0D).contains(byte) {
                    kept.append(byte)
                }
                index += 1
            }
            var negative = false
            var number = kept[...]
            if number.first == UInt8(ascii: "("), number.last == UInt8(ascii: ")"), number.count >= 2 {
                negative = true
                number = number.dropFirst().dropLast()
            } else if number.first == UInt8(ascii: "-") {
                negative = true
                number = number.dropFirst()
            }
            guard kept.count <= 100, isUnsignedDecimal(number), let value = Double(String(decoding: number, as: UTF8.self))
            else { return nil }
            return negative ? -value : value
        }
    }

    /// Digits with at most one `.`, and at least one digit.
    private static func isUnsignedDecimal(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digits = 0
        var dots = 0
        for byte in bytes {
            if ByteCursor.isDigit(byte) {
                digits += 1
            } else if byte == UInt8(ascii: ".") {
                dots += 1
            } else {
                return false
            }
        }
        return digits > 0 && dots <= 1
    }

    /// Whole dollars with thousands separators, the sign before the symbol: `-$1,234,567`.
    public static func dollars(_ amount: Double) -> String {
        let whole = Int(amount.rounded())
        let digits = String(whole.magnitude)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(character)
        }
        return (whole < 0 ? "-$" : "$") + grouped
    }
}
