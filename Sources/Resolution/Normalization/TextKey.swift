/// Free-form values (addresses, suburbs, postcodes, ids) written one way for comparison: lower
/// case, accents folded, punctuation dropped, words separated by one space.
///
/// `12 Main St.`, `12  MAIN ST` and `12 main st` are one address to a clerk; so are `St Kilda`
/// and `St. Kilda`. Unlike ``NameKey``, word breaks are kept (as one space): in an address they
/// separate a number from a street, and `1 23` is not `12 3`. Letters fold as in ``NameKey``;
/// whitespace, `-`, `/`, `_`, `,` and `;` break words; other punctuation is dropped.
public enum TextKey {
    /// The comparison form of `text`, or nil when it has no letters or digits.
    public static func key(_ text: some StringProtocol) -> String? {
        if let key = asciiKey(text) { return key.isEmpty ? nil : key }
        var scalars = String.UnicodeScalarView()
        var pendingBreak = false
        for scalar in text.unicodeScalars {
            if isWordBreak(scalar) {
                pendingBreak = !scalars.isEmpty
                continue
            }
            var folded = String.UnicodeScalarView()
            NameKey.append(scalar, to: &folded)
            // Punctuation folds to nothing and neither breaks nor joins words.
            guard !folded.isEmpty else { continue }
            if pendingBreak { scalars.append(" ") }
            pendingBreak = false
            scalars.append(contentsOf: folded)
        }
        return scalars.isEmpty ? nil : String(scalars)
    }

    /// The key of ASCII text by bytes, the common case (postcodes, ids, most addresses); nil when
    /// the text has other characters and needs the general path.
    private static func asciiKey(_ text: some StringProtocol) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var pendingBreak = false
                for byte in bytes {
                    switch byte {
                    case 0x30...0x39, 0x61...0x7A, 0x41...0x5A:
                        if pendingBreak {
                            out[count] = 0x20
                            count += 1
                            pendingBreak = false
                        }
                        out[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                        count += 1
                    case 0x20, 0x09...0x0D, 0x2D, 0x2F, 0x5F, 0x2C, 0x3B:
                        pendingBreak = count > 0
                    default:
                        break
                    }
                }
                return count
            }
        } ?? nil
    }

    private static func isWordBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "-", "/", "_", ",", ";": true
        default: scalar.properties.isWhitespace
        }
    }
}
