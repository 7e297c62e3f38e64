import Foundation

/// Reads a `.env` file: `NAME=value` lines, `#` comments, optional `export ` and quotes. The
/// process environment wins over the file, so a deployment can override any value.
public enum DotEnv {
    /// Why a `.env` file cannot be read, in one line (never a value from it).
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// The variables in the file at `url`; a missing file is an empty one.
    public static func read(_ url: URL) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DotEnv.Problem("cannot read \(url.path): \(error.localizedDescription)")
        }
        var values: [String: String] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                throw DotEnv.Problem("\(url.path):\(number + 1): expected NAME=value")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first { value = String(value.dropFirst().dropLast()) }
            values[name] = value
        }
        return values
    }

    /// The file's variables overlaid by the process environment.
    public static func environment(with file: URL?, process: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: String] {
        try (file.map(read) ?? [:]).merging(process) { _, fromProcess in fromProcess }
    }
}
