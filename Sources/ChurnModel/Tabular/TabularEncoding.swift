/// How a table's columns become XGBoost's numeric features, learnt on the training rows and then
/// applied unchanged to validation, test and holdout rows.
///
/// A column whose every present value is a number stays one numeric feature (missing → NaN). Any
/// other column is categorical: one 0/1 feature per frequent level, the rest folded into
/// `column=other`; a missing value, or a level the training rows never showed (when nothing was
/// folded), sets none of them. Constant, empty and identifier-like columns are left out, each with
/// its reason.
public struct TabularEncoding: Sendable, Hashable, Codable {
    /// How one source column is encoded.
    public enum Column: Sendable, Hashable, Codable {
        /// A number, one feature.
        case numeric(name: String)
        /// One feature per level, plus `name=other` when rare levels were folded.
        case categorical(name: String, levels: [String], hasOther: Bool)

        /// The source column's name.
        public var name: String {
            switch self {
            case .numeric(let name), .categorical(let name, _, _): name
            }
        }

        /// The names of the features it becomes.
        public var featureNames: [String] {
            switch self {
            case .numeric(let name): [name]
            case .categorical(let name, let levels, let hasOther): levels.map { "\(name)=\($0)" } + (hasOther ? ["\(name)=other"] : [])
            }
        }
    }

    /// A column left out of the features, and why.
    public struct Omission: Sendable, Hashable, Codable {
        /// The column.
        public var column: String
        /// Why, in a few words.
        public var reason: String
    }

    /// The encoded columns, in the table's order.
    public var columns: [Column]
    /// The columns left out (besides the label, id and time columns).
    public var omitted: [Omission]

    /// Every feature's name, in matrix column order.
    public var featureNames: [String] { columns.flatMap(\.featureNames) }

    /// Learns the encoding of `table`'s columns other than `excluded`, from the rows `rows`.
    ///
    /// - Parameters:
    ///   - maxLevels: the most levels a categorical column keeps as features.
    ///   - minLevelCount: the fewest training rows a kept level must have.
    public static func learn(_ table: CSVTable, rows: [Int], excluding excluded: Set<String>,
                             maxLevels: Int = 20, minLevelCount: Int = 10) -> TabularEncoding {
        var columns: [Column] = []
        var omitted: [Omission] = []
        for (index, name) in table.header.enumerated() where !excluded.contains(name) {
            var present: [String] = []
            present.reserveCapacity(rows.count)
            for row in rows {
                let value = table.rows[row][index]
                if !MissingValue.isMissing(value) { present.append(value) }
            }
            guard !present.isEmpty else {
                omitted.append(Omission(column: name, reason: "empty in every training row"))
                continue
            }
            var counts: [String: Int] = [:]
            for value in present { counts[value, default: 0] += 1 }
            if present.allSatisfy({ MissingValue.number($0) != nil }) {
                if counts.count == 1 && present.count == rows.count {
                    omitted.append(Omission(column: name, reason: "constant (\(present[0]))"))
                } else {
                    columns.append(.numeric(name: name))
                }
                continue
            }
            if counts.count == 1 && present.count == rows.count {
                omitted.append(Omission(column: name, reason: "constant (\(present[0]))"))
                continue
            }
            // A text column with a new value in most rows names rows rather than describing them.
            if counts.count > max(maxLevels, present.count / 2) {
                omitted.append(Omission(column: name, reason: "identifier-like: \(counts.count) distinct values in \(present.count) rows"))
                continue
            }
            let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            let kept = ranked.prefix(maxLevels).filter { $0.value >= minLevelCount }.map(\.key)
            let hasOther = kept.count < ranked.count
            if kept.isEmpty {
                omitted.append(Omission(column: name, reason: "no level in \(minLevelCount) or more training rows"))
                continue
            }
            columns.append(.categorical(name: name, levels: kept, hasOther: hasOther))
        }
        return TabularEncoding(columns: columns, omitted: omitted)
    }

    /// The features of `table`'s rows `rows`, row-major, `featureNames.count` per row; `table` may
    /// order its columns differently from the training table but must have all the encoded ones.
    public func encode(_ table: CSVTable, rows: [Int]) throws -> [Float] {
        let width = featureNames.count
        var values = [Float](repeating: 0, count: rows.count * width)
        var offset = 0
        for column in columns {
            let index = try table.column(column.name)
            switch column {
            case .numeric:
                for (position, row) in rows.enumerated() {
                    let text = table.rows[row][index]
                    let value: Float
                    if MissingValue.isMissing(text) {
                        value = .nan
                    } else if let number = MissingValue.number(text) {
                        value = Float(number)
                    } else {
                        throw ChurnModelError("line \(table.lineNumbers[row]): column \(column.name) holds '\(text)', but it was numeric in the training rows")
                    }
                    values[position * width + offset] = value
                }
                offset += 1
            case .categorical(_, let levels, let hasOther):
                let slot = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($0.element, $0.offset) })
                for (position, row) in rows.enumerated() {
                    let text = table.rows[row][index]
                    guard !MissingValue.isMissing(text) else { continue }
                    if let level = slot[text] {
                        values[position * width + offset + level] = 1
                    } else if hasOther {
                        values[position * width + offset + levels.count] = 1
                    }
                }
                offset += levels.count + (hasOther ? 1 : 0)
            }
        }
        return values
    }
}
