/// Escaping for any text placed in HTML or SVG markup.
public enum HTMLText {
    /// Returns `text` safe to place between tags, or inside a single- or double-quoted attribute, in HTML or XML.
    ///
    /// Escapes `&`, `<`, `>`, `"` and `'`; both quotes, so one function serves element content and
    /// attribute values alike. Characters that XML 1.0 forbids outright (C0 controls other than tab,
    /// newline and carriage return; U+FFFE, U+FFFF) become U+FFFD: a single one of them makes an
    /// inline SVG unparseable, and HTML treats them as errors too.
    ///
    /// Works on Unicode scalars, not `Character`s: a combining mark after `&` or `<` forms a
    /// different grapheme cluster, which a `Character` comparison would let through unescaped.
    ///
    /// Not for URLs, inline scripts or styles, or unquoted attributes: those contexts need their own encoding.
    public static func escape(_ text: String) -> String {
        // Most labels need nothing; skip the copy for them.
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            // `&#39;` rather than `&apos;`, which HTML 4 does not define.
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return String(out)
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": true
        default: !isXMLCharacter(scalar)
        }
    }

    /// The `Char` production of XML 1.0; Swift strings hold no surrogates, so only these gaps remain.
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x0..<0x20, 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
