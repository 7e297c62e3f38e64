import TenureCore

/// How a source writes its dates when it is not in a form ``CalendarDateText`` reads on its own:
/// `yyyymmdd` (FEBRL, many mainframe exports), `dd.mm.yyyy`, `mm/dd/yyyy`.
///
/// A pattern is made of `yyyy`, `mm` and `dd` (each once, in any case) and the literal
/// characters between them. In a pattern with separators a month or day followed by one (or by
/// the end) may have one or two digits (`7/3/1985`); in one without (`yyyymmdd`) each part has
/// exactly its width.
public struct DatePattern: Sendable, Hashable, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case year, month, day
        case literal(UInt8)
    }

    let parts: [Part]
    /// The pattern as written.
    public let description: String

    /// The pattern `text`, or nil when it lacks one of `yyyy`, `mm`, `dd` or repeats one.
    public init?(_ text: String) {
        var parts: [Part] = []
        var rest = Substring(text.lowercased())
        while let first = rest.first {
            if rest.hasPrefix("yyyy") {
                parts.append(.year)
                rest = rest.dropFirst(4)
            } else if rest.hasPrefix("mm") {
                parts.append(.month)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("dd") {
                parts.append(.day)
                rest = rest.dropFirst(2)
            } else {
                guard let byte = first.asciiValue, !first.isLetter, !first.isNumber else { return nil }
                parts.append(.literal(byte))
                rest = rest.dropFirst()
            }
        }
        guard parts.filter({ $0 == .year }).count == 1, parts.filter({ $0 == .month }).count == 1,
              parts.filter({ $0 == .day }).count == 1
        else { return nil }
        self.parts = parts
        self.description = text
    }

    /// The date `text` holds in this pattern (surrounding whitespace ignored), or nil when it
    /// does not fit the pattern or is not a real date in ``CalendarDate/supportedYears``.
    public func date(_ text: String) -> CalendarDate? {
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D) { end -= 1 }
        var index = start
        var year = 0, month = 0, day = 0
        let hasSeparators = parts.contains { if case .literal = $0 { true } else { false } }
        for (position, part) in parts.enumerated() {
            switch part {
            case .literal(let byte):
                guard index < end, bytes[index] == byte else { return nil }
                index += 1
            case .year, .month, .day:
                let separated = hasSeparators
                    && (position + 1 == parts.count || { if case .literal = parts[position + 1] { true } else { false } }())
                let width = part == .year ? 4 : 2
                let minimum = part == .year || !separated ? width : 1
                var value = 0, digits = 0
                while index < end, digits < width, (0x30...0x39).contains(bytes[index]) {
                    value = value * 10 + Int(bytes[index] - 0x30)
                    digits += 1
                    index += 1
                }
                guard digits >= minimum else { return nil }
                switch part {
                case .year: year = value
                case .month: month = value
                default: day = value
                }
            }
        }
        guard index == end else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}

extension MatchDate {
    /// The date `text` holds in `pattern`; nil when none.
    public init?(_ text: String, pattern: DatePattern) {
        guard let date = pattern.date(text) else { return nil }
        self.init(date)
    }
}
