/// E-mail addresses in one spelling: the rules of the SQL function `tenure_email`.
public enum EmailAddress {
    /// `text` trimmed and in lower case, or nil when it is not a plausible address.
    ///
    /// Plausible: exactly one `@`, a non-empty local part, a domain of at least two non-empty
    /// labels separated by dots, and no whitespace inside (`john.smith@` is nil). Lower case
    /// follows ``LetterCase``; the local part is lowered too, as every provider the bank sees
    /// treats it case-insensitively.
    public static func normalized(_ text: String) -> String? {
        // Nearly every address is ASCII: check and lower its bytes directly.
        let ascii: String?? = text.withUTF8Bytes { bytes in
            let range = Whitespace.trimmedRange(bytes)
            guard !bytes[range].contains(where: { $0 >= 0x80 }) else { return .none }
            var validator = Validator()
            var lowered: [UInt8] = []
            lowered.reserveCapacity(range.count)
            for byte in bytes[range] {
                guard validator.accept(Unicode.Scalar(byte)) else { return .some(nil) }
                lowered.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            }
            return .some(validator.isComplete ? String(decoding: lowered, as: UTF8.self) : nil)
        }
        if let ascii { return ascii }
        var validator = Validator()
        var scalars = String.UnicodeScalarView()
        for scalar in Whitespace.trimmed(text).unicodeScalars {
            guard validator.accept(scalar) else { return nil }
            scalars.append(LetterCase.lowercased(scalar))
        }
        return validator.isComplete ? String(scalars) : nil
    }

    /// The plausibility rules, one character at a time.
    private struct Validator {
        private var ats = 0
        private var localLength = 0
        private var dotsInDomain = 0
        private var previous: Unicode.Scalar = "@"

        /// Takes the next character; false when the text can no longer be plausible.
        mutating func accept(_ scalar: Unicode.Scalar) -> Bool {
            if Whitespace.contains(scalar) { return false }
            if scalar == "@" {
                ats += 1
                if ats > 1 || localLength == 0 { return false }
            } else if ats == 0 {
                localLength += 1
            } else if scalar == "." {
                // An empty label: `@.` or `..` in the domain.
                if previous == "." || previous == "@" { return false }
                dotsInDomain += 1
            }
            previous = scalar
            return true
        }

        /// Whether the text read so far is a plausible address.
        var isComplete: Bool { ats == 1 && dotsInDomain > 0 && previous != "." && previous != "@" }
    }
}
