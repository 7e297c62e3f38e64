/// American Soundex: a letter and three digits that sound-alike surnames share
/// (`Robert`, `Rupert` → `R163`), for blocking records whose surnames are spelled differently.
public enum Soundex {
    /// The code of `text`'s ASCII letters (in any case), or nil when it has none.
    public static func code(_ text: some StringProtocol) -> String? {
        let packed = packedCode(NameKey.key(text))
        guard packed != 0 else { return nil }
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: packed >> (24 - 8 * $0)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The code of a ``NameKey`` as four ASCII bytes in one integer, 0 when it has no letters.
    static func packedCode(_ key: String) -> UInt32 {
        var result: UInt32 = 0
        var length = 0
        var previous: UInt8 = 0
        for byte in key.utf8 where (0x61...0x7A).contains(byte) {
            let digit = Self.digit(byte)
            if length == 0 {
                result = UInt32(byte - 0x20)
                length = 1
                previous = digit
                continue
            }
            // `h` and `w` do not separate letters of the same code; vowels do.
            if byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w") { continue }
            if digit != 0 && digit != previous {
                result = result << 8 | UInt32(0x30 + digit)
                length += 1
                if length == 4 { break }
            }
            previous = digit
        }
        guard length > 0 else { return 0 }
        while length < 4 {
            result = result << 8 | 0x30
            length += 1
        }
        return result
    }

    /// The Soundex digit of a lower-case ASCII letter; 0 for vowels, `h`, `w` and `y`.
    private static func digit(_ letter: UInt8) -> UInt8 {
        switch letter {
        case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "p"), UInt8(ascii: "v"): 1
        case UInt8(ascii: "c"), UInt8(ascii: "g"), UInt8(ascii: "j"), UInt8(ascii: "k"),
             UInt8(ascii: "q"), UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "z"): 2
        case UInt8(ascii: "d"), UInt8(ascii: "t"): 3
        case UInt8(ascii: "l"): 4
        case UInt8(ascii: "m"), UInt8(ascii: "n"): 5
        case UInt8(ascii: "r"): 6
        default: 0
        }
    }
}
