import TenureCore

/// Names written one way for comparison: lower case, accents folded, punctuation and spaces dropped.
///
/// `O'Brien`, `OBRIEN` and `O Brien` are the same surname to a clerk, and so are `Muñoz` and
/// `Munoz`: sources differ in what their keyboards and forms let through, not in the person.
/// Case follows TenureCore's ``LetterCase``; Latin-1 and Latin Extended-A letters fold to their
/// base letters (`ß` to `ss`, `æ` to `ae`); letters of other scripts are kept as written.
public enum NameKey {
    /// The comparison form of `text`; empty when it has no letters or digits.
    public static func key(_ text: some StringProtocol) -> String {
        // ASCII text (most names) by bytes, without building the string scalar by scalar.
        if let key = text.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                for byte in bytes {
                    switch byte {
                    case 0x30...0x39, 0x61...0x7A: out[count] = byte
                    case 0x41...0x5A: out[count] = byte + 0x20
                    default: continue
                    }
                    count += 1
                }
                return count
            }
        }), let key {
            return key
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(scalar, to: &scalars) }
        return String(scalars)
    }

    /// Appends the folded form of `scalar` (nothing for punctuation and spaces).
    static func append(_ scalar: Unicode.Scalar, to scalars: inout String.UnicodeScalarView) {
        let value = scalar.value
        switch value {
        case 0x30...0x39, 0x61...0x7A:
            scalars.append(scalar)
        case 0x41...0x5A:
            scalars.append(LetterCase.lowercased(scalar))
        case 0xC0...0xFF:
            appendFold(latin1Folds, at: Int(value - 0xC0), to: &scalars)
        case 0x100...0x17F:
            appendFold(extendedAFolds, at: Int(value - 0x100), to: &scalars)
        case 0x180...:
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                scalars.append(LetterCase.lowercased(scalar))
            }
        default:
            break
        }
    }

    /// Folds for U+00C0–U+00FF, one per code point: a letter, `-` for a non-letter (`×`, `÷`),
    /// or a digit naming a two-letter fold in ``ligatures``.
    private static let latin1Folds: [UInt8] = Array("aaaaaa1ceeeeiiiidnooooo-ouuuuy23aaaaaa1ceeeeiiiidnooooo-ouuuuy2y".utf8)
    /// Folds for U+0100–U+017F, in the same notation.
    private static let extendedAFolds: [UInt8] = Array(
        ("aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo55"
            + "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs").utf8)
    private static let ligatures: [UInt8: String] = [
        UInt8(ascii: "1"): "ae", UInt8(ascii: "2"): "th", UInt8(ascii: "3"): "ss",
        UInt8(ascii: "4"): "ij", UInt8(ascii: "5"): "oe",
    ]

    private static func appendFold(_ table: [UInt8], at index: Int, to scalars: inout String.UnicodeScalarView) {
        let fold = table[index]
        if fold == UInt8(ascii: "-") { return }
        if let pair = ligatures[fold] {
            scalars.append(contentsOf: pair.unicodeScalars)
        } else {
            scalars.append(Unicode.Scalar(fold))
        }
    }
}
