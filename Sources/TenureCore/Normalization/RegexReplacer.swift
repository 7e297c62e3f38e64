import Foundation

/// Replaces every match of a regular expression, with PostgreSQL's `regexp_replace(s, p, r, 'g')`
/// replacement syntax: the Swift side of the SQL function `tenure_regexp_replace`.
///
/// Patterns are compiled once and kept (up to `capacity`, then the cache starts over), behind a
/// lock so SQLite's connections can share one replacer. Only the subset that PostgreSQL's and
/// ICU's (Foundation's) engines read alike is portable: literal characters and `\.`-style
/// escapes of punctuation, `.`, bracket expressions with ranges and negation (`[^0-9a-z_]`),
/// `\d \w \s \D \W \S`, the quantifiers `* + ? {n} {n,} {n,m}`, the anchors `^` and `$`, groups
/// `( )` and `(?: )`, and alternation `|`. Not portable: lookaround, backreferences inside the
/// pattern, word boundaries, Unicode property classes, and alternatives of which one is a
/// prefix of another (PostgreSQL takes the longest match, ICU the first alternative). `.`
/// matches a newline on both. In the replacement, `\1`…`\9` insert a group (empty when it did
/// not take part), `\&` the whole match and `\\` a backslash; any other backslash is literal.
public final class RegexReplacer: @unchecked Sendable {
    /// The pattern could not be compiled.
    public struct InvalidPattern: Error, CustomStringConvertible {
        /// Why ICU refused it.
        public let reason: String
        /// One line for logs and SQL errors; the pattern itself may be long, so it is not repeated.
        public var description: String { "invalid regular expression: \(reason)" }
    }

    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression] = [:]
    private let capacity: Int

    /// A replacer that keeps up to `capacity` compiled patterns.
    public init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// `text` with every match of `pattern` replaced by `replacement`.
    public func replacingAll(in text: String, pattern: String, with replacement: String) throws -> String {
        let expression = try self.expression(pattern)
        let source = text as NSString
        let matches = expression.matches(in: text, range: NSRange(location: 0, length: source.length))
        guard !matches.isEmpty else { return text }
        let template = Array(replacement.unicodeScalars)
        var result = ""
        var copied = 0
        for match in matches {
            result += source.substring(with: NSRange(location: copied, length: match.range.location - copied))
            append(template, for: match, of: source, to: &result)
            copied = match.range.location + match.range.length
        }
        result += source.substring(from: copied)
        return result
    }

    /// Expands PostgreSQL's replacement syntax for one match.
    private func append(_ template: [Unicode.Scalar], for match: NSTextCheckingResult, of source: NSString, to result: inout String) {
        var index = 0
        while index < template.count {
            let scalar = template[index]
            guard scalar == "\\", index + 1 < template.count else {
                result.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            let next = template[index + 1]
            if let group = Int(String(next)), (1...9).contains(group) {
                if group < match.numberOfRanges {
                    let range = match.range(at: group)
                    if range.location != NSNotFound { result += source.substring(with: range) }
                }
                index += 2
            } else if next == "&" {
                result += source.substring(with: match.range)
                index += 2
            } else if next == "\\" {
                result += "\\"
                index += 2
            } else {
                result += "\\"
                index += 1
            }
        }
    }

    /// The compiled pattern, from the cache when possible.
    private func expression(_ pattern: String) throws -> NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let expression = compiled[pattern] { return expression }
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        } catch {
            throw InvalidPattern(reason: "\(error.localizedDescription)")
        }
        if compiled.count >= capacity { compiled.removeAll(keepingCapacity: true) }
        compiled[pattern] = expression
        return expression
    }
}
