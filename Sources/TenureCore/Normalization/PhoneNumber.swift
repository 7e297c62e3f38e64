/// Telephone numbers in E.164 (`+16305333428`): the rules of the SQL function `tenure_phone`.
public enum PhoneNumber {
    /// `text` as an E.164 number for North America (the bank's country), or nil.
    ///
    /// Everything but the digits is dropped, noting whether the text starts with `+` (after
    /// whitespace). With a `+`, 8–15 digits give `+` and the digits (the caller already wrote an
    /// international number). Without, 10 digits are a national number and get `+1`; 11 digits
    /// starting with 1 get `+`. Anything else (`N/A`, `000`, `555-01`, `none`) is nil. So
    /// `6305333428`, `630-533-3428`, `(630) 533-3428` and `+16305333428` all give `+16305333428`.
    public static func e164(_ text: String) -> String? {
        text.withUTF8Bytes { bytes in
            let range = Whitespace.trimmedRange(bytes)
            let international = !range.isEmpty && bytes[range.lowerBound] == UInt8(ascii: "+")
            var digits: [UInt8] = [UInt8(ascii: "+")]
            digits.reserveCapacity(16)
            for byte in bytes where ByteCursor.isDigit(byte) {
                digits.append(byte)
                // More than 15 digits is never a phone number; stop before reading a whole document.
                if digits.count > 16 { return nil }
            }
            let count = digits.count - 1
            if international {
                guard (8...15).contains(count) else { return nil }
            } else if count == 10 {
                digits.insert(UInt8(ascii: "1"), at: 1)
            } else if !(count == 11 && digits[1] == UInt8(ascii: "1")) {
                return nil
            }
            return String(decoding: digits, as: UTF8.self)
        }
    }
}
