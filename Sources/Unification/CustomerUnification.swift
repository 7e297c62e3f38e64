import Resolution
import Transform

/// The bank's customers as one person each, as models of the SQL project.
public enum CustomerUnification {
    /// The Swift models that resolve customers: `customer_xref` and `match_pairs`, sharing one
    /// resolution per build.
    public static func models(settings: MatchSettings = .bank) throws -> [any SwiftModel] {
        let resolution = try CustomerResolution(settings: settings)
        return [CustomerXrefModel(resolution), MatchPairsModel(resolution)]
    }
}
