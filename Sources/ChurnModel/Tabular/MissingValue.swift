/// The spellings of a missing value in a CSV cell: empty, `NA`, `N/A`, `NaN`, `null`, `None`, `?`, `-` (any case).
enum MissingValue {
    private static let spellings: Set<String> = ["", "na", "n/a", "nan", "null", "none", "?", "-", "#n/a"]

    /// Whether `text` (already trimmed) stands for no value.
    static func isMissing(_ text: String) -> Bool {
        text.count <= 4 && spellings.contains(text.lowercased())
    }

    /// `text` as a finite number, or nil.
    static func number(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
