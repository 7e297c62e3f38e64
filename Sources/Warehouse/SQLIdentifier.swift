/// Quoting of identifiers (schemas, tables, columns) the same way on every engine.
public enum SQLIdentifier {
    /// Returns `name` in double quotes with embedded double quotes doubled: `a"b` → `"a""b"`.
    ///
    /// Both SQLite and PostgreSQL read this as an identifier, never as a string literal, so any
    /// name can be used safely; quoting also keeps the case exactly as written.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
