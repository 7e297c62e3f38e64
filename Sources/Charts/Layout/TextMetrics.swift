/// Estimates text widths, since the server cannot measure fonts it does not render.
enum TextMetrics {
    /// An estimate of `text`'s width at `fontSize`: 0.6 em per character, 1 em for wide (CJK) ones.
    ///
    /// Deliberately generous, so labels thinned or truncated by it do not collide in common system fonts.
    static func width(_ text: String, fontSize: Double) -> Double {
        text.reduce(0) { total, character in
            let wide = (character.unicodeScalars.first?.value ?? 0) >= 0x1100
            return total + fontSize * (wide ? 1.0 : 0.6)
        }
    }

    /// `text` shortened with an ellipsis to fit `maxWidth`; whole characters only, never half a grapheme.
    static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        guard width(text, fontSize: fontSize) > maxWidth else { return text }
        var kept = ""
        for character in text {
            if width(kept + String(character) + "…", fontSize: fontSize) > maxWidth { break }
            kept.append(character)
        }
        return kept + "…"
    }
}
