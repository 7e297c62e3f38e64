import Foundation

/// `application/x-www-form-urlencoded` text, as forms post it and query strings carry it.
public enum FormEncoding {
    /// The fields of `name=value&…`, each decoded once: `+` is a space and `%2B` a plus.
    public static func fields(_ text: String) -> [String: String] {
        func decode(_ part: Substring) -> String { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
