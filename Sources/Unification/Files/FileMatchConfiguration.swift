import Foundation
import Resolution

/// How to match records kept in CSV files (`tenure resolve --input … --config rules.yml`): which
/// columns hold what, how to compare and block, the thresholds, and optionally the truth to
/// measure against. Read from YAML; every mistake is refused in one line naming the file, the
/// line and the setting.
///
/// ```yaml
/// id: rec_id                      # or per file: { dataset4a: rec_id, dataset4b: id }
/// link_type: link_only            # or dedupe_and_link (the default)
/// columns:                        # the person fields, each optional
///   given_name: given_name        # or full_name: name
///   surname: surname
///   birth_date: date_of_birth
///   birth_date_format: yyyymmdd   # when the dates are not in a form read without a hint
/// comparisons:                    # optional: the person fields' comparators
///   surname: { jaro_winkler: [0.92, 0.8], term_frequency: true, initial: true }
/// attributes:                     # free-form columns and how each is compared
///   postcode: { term_frequency: true }              # exact, else
///   address_1: { jaro_winkler: [0.9, 0.8] }
///   soc_sec_id: { edit_distance: [1, 2] }
///   state: { compare: false }                       # for blocking only
/// blocking:                       # rules, OR-ed; each a list of keys that must all agree
///   - [given_name, surname]
///   - [soc_sec_id]
///   - [{ attribute: address_1, first: 4 }, postcode]
/// thresholds: { accept: 4, review: 0, non_match: -10 }
/// truth: { id_pattern: 'rec-(\d+)-' }   # or { column: entity }
/// ```
public struct FileMatchConfiguration: Sendable {
    /// The columns holding the person fields; nil when a file has no such column.
    public struct Columns: Sendable, Hashable {
        /// The given name (with ``surname``), kept apart as CRMs keep it.
        public var givenName: String?
        /// The surname.
        public var surname: String?
        /// The whole name in one column (`SMITH, JOHN`, `John Smith Jr`), instead of the two above.
        public var fullName: String?
        /// The e-mail address.
        public var email: String?
        /// The phone number.
        public var phone: String?
        /// The date of birth.
        public var birthDate: String?
        /// How ``birthDate`` is written, when not in a form read without a hint.
        public var birthDateFormat: DatePattern?

        /// Whether any name column is given.
        var hasName: Bool { givenName != nil || surname != nil || fullName != nil }
    }

    /// A free-form column matched as a ``Record/attributes`` entry.
    public struct Attribute: Sendable, Hashable {
        /// The attribute's name (in comparators, blocking rules and explanations).
        public var name: String
        /// The CSV column it is read from.
        public var column: String
    }

    /// Where the true entity of each record comes from, to measure the result against.
    public enum Truth: Sendable, Hashable {
        /// A column naming the entity.
        case column(String)
        /// A regular expression over the id; its first capture group (or the whole match) names the entity.
        case idPattern(String)
    }

    /// The id column for every file, unless ``idColumnByFile`` names another.
    public var idColumn: String?
    /// The id column of particular files, by file name with or without its extension.
    public var idColumnByFile: [String: String]
    /// The person fields' columns.
    public var columns: Columns
    /// The free-form columns read.
    public var attributes: [Attribute]
    /// The truth, when measuring.
    public var truth: Truth?
    /// Whether familiar given names count as their full names (`Bill` as `William`).
    public var nicknames: Bool
    /// The matcher's settings.
    public var settings: MatchSettings

    /// The file's configuration, checked.
    public static func load(_ path: String) throws(UnificationError) -> FileMatchConfiguration {
        let name = URL(fileURLWithPath: path).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UnificationError("\(path): no such configuration file")
        }
        guard !isDirectory.boolValue else { throw UnificationError("\(path): is a folder, not a configuration file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw UnificationError("\(path): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw UnificationError("\(name): not UTF-8 text") }
        return try FileMatchConfiguration(yaml: text, file: name)
    }

    /// The configuration in `yaml`, checked; errors name `file`.
    public init(yaml: String, file: String) throws(UnificationError) {
        let root = try ConfigNode.root(yaml: yaml, file: file)
        try root.checkKeys(Self.topLevelKeys)

        // Ids.
        idColumn = nil
        idColumnByFile = [:]
        if let id = root.child("id") {
            if id.isMapping {
                for (key, value) in try id.entries() { idColumnByFile[key] = try value.text() }
                idColumn = idColumnByFile.removeValue(forKey: "default")
            } else {
                idColumn = try id.text()
            }
        } else {
            throw root.error("'id' is missing: name the column holding each record's id (per file if they differ)")
        }

        // Person fields.
        columns = Columns()
        if let node = root.child("columns") {
            for (key, value) in try node.entries(allowed: Self.columnKeys) {
                let text = try value.text()
                switch key {
                case "given_name": columns.givenName = text
                case "surname": columns.surname = text
                case "full_name": columns.fullName = text
                case "email": columns.email = text
                case "phone": columns.phone = text
                case "birth_date": columns.birthDate = text
                default:
                    guard let pattern = DatePattern(text) else {
                        throw value.error("'\(text)' is not a date format: write it with yyyy, mm and dd (yyyymmdd, dd/mm/yyyy, mm-dd-yyyy)")
                    }
                    columns.birthDateFormat = pattern
                }
            }
            if columns.fullName != nil && (columns.givenName != nil || columns.surname != nil) {
                throw node.error("give either full_name or given_name and surname, not both")
            }
            if columns.birthDateFormat != nil && columns.birthDate == nil {
                throw node.error("birth_date_format is given but no birth_date column")
            }
        }

        // Comparators of the person fields.
        var comparators: [FieldComparator] = []
        let tuning = root.child("comparisons")
        let tuned = try tuning?.entries(allowed: ["given_name", "surname", "email", "phone", "birth_date"]) ?? []
        func options(_ field: String) -> ConfigNode? { tuned.first { $0.key == field }?.value }
        let hasGiven = columns.givenName != nil || columns.fullName != nil
        let hasSurname = columns.surname != nil || columns.fullName != nil
        for (field, present) in [("given_name", hasGiven), ("surname", hasSurname), ("email", columns.email != nil),
                                 ("phone", columns.phone != nil), ("birth_date", columns.birthDate != nil)] {
            let node = options(field)
            guard present else {
                if let node { throw node.error("no \(field) column is configured under 'columns'") }
                continue
            }
            comparators.append(try Self.personComparator(field, node))
        }

        // Attributes.
        attributes = []
        var attributeComparators: [FieldComparator] = []
        if let node = root.child("attributes") {
            for (name, value) in try node.entries() {
                guard BlockingKey(rawValue: name) == nil, !Self.reservedNames.contains(name) else {
                    throw value.error("'\(name)' is the name of a person field; give the attribute another name (and its column with column:)")
                }
                let (attribute, comparator) = try Self.attribute(name, value)
                attributes.append(attribute)
                if let comparator { attributeComparators.append(comparator) }
            }
        }
        comparators += attributeComparators
        guard !comparators.isEmpty else {
            throw root.error("nothing to compare: map some columns under 'columns' or declare 'attributes'")
        }

        // Blocking.
        var rules: [BlockingRule] = []
        let available = Self.availableKeys(columns)
        let attributeNames = Set(attributes.map(\.name))
        if let node = root.child("blocking") {
            for item in try node.items() {
                let keyNodes = item.isSequence ? try item.items() : [item]
                var keys: [BlockingKey] = []
                for keyNode in keyNodes { keys.append(try Self.blockingKey(keyNode, available: available, attributes: attributeNames)) }
                guard !keys.isEmpty else { throw item.error("a blocking rule needs at least one key") }
                rules.append(BlockingRule(keys))
            }
            guard !rules.isEmpty else { throw node.error("give at least one blocking rule") }
        } else {
            rules = BlockingRule.defaults.filter { rule in rule.keys.allSatisfy { available.contains($0) } }
            guard !rules.isEmpty else {
                throw root.error("'blocking' is missing, and the default rules need columns this file does not map: give blocking rules")
            }
        }

        // Thresholds, estimation, caps, link type.
        var settings = MatchSettings(comparators: comparators, blockingRules: rules)
        settings.caps = comparators.contains { $0.field == .givenName } ? DecisionCap.defaults : []
        if let node = root.child("thresholds") {
            for (key, value) in try node.entries(allowed: ["accept", "review", "non_match"]) {
                switch key {
                case "accept": settings.acceptThreshold = try value.number()
                case "review": settings.reviewThreshold = try value.number()
                default: settings.nonMatchThreshold = try value.number()
                }
            }
            guard settings.nonMatchThreshold <= settings.reviewThreshold, settings.reviewThreshold <= settings.acceptThreshold else {
                throw node.error("the thresholds must satisfy non_match <= review <= accept")
            }
        }
        if let node = root.child("maximum_block_size") {
            let size = try node.integer()
            guard size >= 2 else { throw node.error("must be at least 2") }
            settings.maximumBlockSize = size
        }
        if let node = root.child("maximum_term_frequency_adjustment") {
            let bits = try node.number()
            guard bits >= 0 else { throw node.error("must be at least 0") }
            settings.maximumTermFrequencyAdjustment = bits
        }
        if let node = root.child("link_type") {
            let text = try node.text()
            guard let type = MatchSettings.LinkType(rawValue: text) else {
                throw node.error("'\(text)' is not a link type (dedupe_and_link or link_only)")
            }
            settings.linkType = type
        }
        if let node = root.child("caps") {
            settings.caps = try Self.caps(node, comparators: comparators)
        }
        if let node = root.child("estimation") {
            var estimation = EstimationSettings()
            for (key, value) in try node.entries(allowed: ["random_pairs", "seed", "max_iterations", "u_correction_rounds"]) {
                let number = try value.integer()
                guard number >= (key == "seed" || key == "u_correction_rounds" ? 0 : 1) else { throw value.error("must be positive") }
                switch key {
                case "random_pairs": estimation.randomPairs = number
                case "seed": estimation.seed = UInt64(number)
                case "max_iterations": estimation.maximumIterations = number
                default: estimation.uCorrectionRounds = number
                }
            }
            settings.parameters = .estimated(estimation)
        }
        if let node = root.child("model") {
            if root.child("estimation") != nil { throw node.error("give either a fixed model or estimation settings, not both") }
            settings.parameters = .fixed(try Self.fixedModel(node, comparators: comparators))
        }
        nicknames = try root.child("nicknames")?.boolean() ?? true

        // Truth.
        truth = nil
        if let node = root.child("truth") {
            let entries = try node.entries(allowed: ["column", "id_pattern"])
            guard entries.count == 1, let entry = entries.first else { throw node.error("give one of column or id_pattern") }
            if entry.key == "column" {
                truth = .column(try entry.value.text())
            } else {
                let pattern = try entry.value.text()
                guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw entry.value.error("'\(pattern)' is not a valid regular expression")
                }
                truth = .idPattern(pattern)
            }
        }
        do { _ = try Matcher(settings: settings) } catch { throw root.error(error.message) }
        self.settings = settings
    }

    /// The id column of the file named `file` (with its extension).
    public func idColumn(for file: String) -> String? {
        let stem = (file as NSString).deletingPathExtension
        return idColumnByFile[file] ?? idColumnByFile[stem] ?? idColumn
    }

    // MARK: - Parts

    static let topLevelKeys = [
        "id", "link_type", "columns", "comparisons", "attributes", "blocking", "thresholds", "maximum_block_size",
        "maximum_term_frequency_adjustment", "caps", "estimation", "model", "nicknames", "truth",
    ]
    static let columnKeys = ["given_name", "surname", "full_name", "email", "phone", "birth_date", "birth_date_format"]
    static let reservedNames: Set<String> = ["given_name", "surname", "full_name", "email", "phone", "birth_date", "suffix"]

    /// A person field's comparator, defaults adjusted by `node`.
    private static func personComparator(_ field: String, _ node: ConfigNode?) throws(UnificationError) -> FieldComparator {
        let isName = field == "given_name" || field == "surname"
        let allowed = isName ? ["jaro_winkler", "term_frequency"] + (field == "surname" ? ["initial"] : []) : ["term_frequency"]
        let entries = try node?.entries(allowed: allowed) ?? []
        func value(_ key: String) -> ConfigNode? { entries.first { $0.key == key }?.value }
        let thresholds = try value("jaro_winkler")?.similarityThresholds() ?? [0.92, 0.80]
        let frequency = try value("term_frequency")?.boolean()
        switch field {
        case "given_name":
            return .givenName(similarityThresholds: thresholds, termFrequencyAdjusted: frequency ?? true)
        case "surname":
            return .surname(similarityThresholds: thresholds, termFrequencyAdjusted: frequency ?? true,
                            initialLevel: try value("initial")?.boolean() ?? true)
        case "email": return .email(termFrequencyAdjusted: frequency ?? false)
        case "phone": return .phone(termFrequencyAdjusted: frequency ?? false)
        default: return .birthDate(termFrequencyAdjusted: frequency ?? false)
        }
    }

    /// An attribute and its comparator (nil when it is read for blocking only).
    private static func attribute(_ name: String, _ node: ConfigNode) throws(UnificationError) -> (Attribute, FieldComparator?) {
        // Shorthands: `postcode: exact`, `address: jaro_winkler`, `ssn: edit_distance`, `state: none`.
        if !node.isMapping {
            let text = (try? node.text()) ?? ""
            let attribute = Attribute(name: name, column: name)
            switch text {
            case "exact": return (attribute, .attribute(name))
            case "jaro_winkler": return (attribute, .attribute(name, similarityThresholds: [0.92, 0.80]))
            case "edit_distance": return (attribute, .attribute(name, editDistances: [1]))
            case "none": return (attribute, nil)
            default:
                throw node.error("expected exact, jaro_winkler, edit_distance, none, or a mapping of comparator settings")
            }
        }
        let entries = try node.entries(allowed: ["column", "jaro_winkler", "edit_distance", "term_frequency", "compare"])
        func value(_ key: String) -> ConfigNode? { entries.first { $0.key == key }?.value }
        let attribute = Attribute(name: name, column: try value("column")?.text() ?? name)
        if let compare = value("compare"), try !compare.boolean() {
            if entries.count > (value("column") == nil ? 1 : 2) {
                throw compare.error("an attribute that is not compared takes no comparator settings")
            }
            return (attribute, nil)
        }
        let thresholds = try value("jaro_winkler")?.similarityThresholds() ?? []
        let edits = try value("edit_distance")?.editDistances() ?? []
        let comparator = FieldComparator.attribute(name, similarityThresholds: thresholds, editDistances: edits,
                                                   termFrequencyAdjusted: try value("term_frequency")?.boolean() ?? false)
        return (attribute, comparator)
    }

    /// The keys the mapped person fields make available.
    private static func availableKeys(_ columns: Columns) -> Set<BlockingKey> {
        var keys: Set<BlockingKey> = []
        if columns.givenName != nil || columns.fullName != nil { keys.formUnion([.givenName, .givenInitial]) }
        if columns.surname != nil || columns.fullName != nil { keys.formUnion([.surname, .surnameSoundex, .surnameInitial]) }
        if columns.email != nil { keys.formUnion([.email, .emailLocalPart]) }
        if columns.phone != nil { keys.formUnion([.phone, .phoneLastSeven]) }
        if columns.birthDate != nil { keys.formUnion([.birthDate, .birthYear]) }
        return keys
    }

    /// The column each fixed key needs, for errors.
    private static func column(for key: BlockingKey) -> String {
        switch key {
        case .givenName, .givenInitial: "given_name (or full_name)"
        case .surname, .surnameSoundex, .surnameInitial: "surname (or full_name)"
        case .email, .emailLocalPart: "email"
        case .phone, .phoneLastSeven: "phone"
        case .birthDate, .birthYear: "birth_date"
        case .attribute(let name, _): name
        }
    }

    /// One key of a blocking rule: a fixed key's name, an attribute's name, `first N of NAME`,
    /// or `{ attribute: NAME, first: N }`.
    private static func blockingKey(_ node: ConfigNode, available: Set<BlockingKey>, attributes: Set<String>) throws(UnificationError) -> BlockingKey {
        let known = "keys: \(BlockingKey.allCases.map(\.rawValue).joined(separator: ", ")); attributes: "
            + (attributes.isEmpty ? "none declared" : attributes.sorted().joined(separator: ", "))
        if node.isMapping {
            let entries = try node.entries(allowed: ["attribute", "first"])
            guard let nameNode = entries.first(where: { $0.key == "attribute" })?.value else {
                throw node.error("a key given as a mapping needs 'attribute' (and optionally 'first')")
            }
            let name = try nameNode.text()
            guard attributes.contains(name) else { throw nameNode.error("unknown attribute '\(name)' (\(known))") }
            guard let firstNode = entries.first(where: { $0.key == "first" })?.value else { return .attribute(name) }
            let first = try firstNode.integer()
            guard first >= 1 else { throw firstNode.error("the number of characters must be at least 1") }
            return .attribute(name, first: first)
        }
        let text = try node.text()
        if let key = BlockingKey(rawValue: text) {
            guard available.contains(key) else {
                throw node.error("blocking key '\(text)' needs the \(column(for: key)) column under 'columns'")
            }
            return key
        }
        if attributes.contains(text) { return .attribute(text) }
        // `first 3 of postcode`, as keys are named in statistics.
        let words = text.split(separator: " ")
        if words.count == 4, words[0] == "first", words[2] == "of", let first = Int(words[1]) {
            let name = String(words[3])
            guard attributes.contains(name) else { throw node.error("unknown attribute '\(name)' (\(known))") }
            guard first >= 1 else { throw node.error("the number of characters must be at least 1") }
            return .attribute(name, first: first)
        }
        throw node.error("unknown blocking key '\(text)' (\(known))")
    }

    /// Decision caps: `none`, or a list of `{ field, level, at_most }`.
    private static func caps(_ node: ConfigNode, comparators: [FieldComparator]) throws(UnificationError) -> [DecisionCap] {
        if !node.isSequence {
            guard (try? node.text()) == "none" else { throw node.error("expected none or a list of { field, level, at_most }") }
            return []
        }
        var caps: [DecisionCap] = []
        for item in try node.items() {
            let entries = try item.entries(allowed: ["field", "level", "at_most"])
            func value(_ key: String) throws(UnificationError) -> ConfigNode {
                guard let node = entries.first(where: { $0.key == key })?.value else { throw item.error("'\(key)' is missing") }
                return node
            }
            let fieldNode = try value("field"), levelNode = try value("level"), decisionNode = try value("at_most")
            let field = try fieldNode.text(), level = try levelNode.text(), decisionText = try decisionNode.text()
            guard let comparator = comparators.first(where: { $0.name == field }) else {
                throw fieldNode.error("no comparator '\(field)' (comparators: \(comparators.map(\.name).joined(separator: ", ")))")
            }
            guard comparator.levelNames.contains(level) else {
                throw levelNode.error("'\(field)' has no level '\(level)' (levels: \(comparator.levelNames.joined(separator: ", ")))")
            }
            guard let decision = Decision(rawValue: decisionText), decision != .accept else {
                throw decisionNode.error("at_most must be review or reject")
            }
            caps.append(DecisionCap(field: field, level: level, atMost: decision))
        }
        return caps
    }

    /// A fixed model: `prior` (the probability that two random records match) and, for every
    /// comparator, `m` and `u` per level in the comparator's level order.
    private static func fixedModel(_ node: ConfigNode, comparators: [FieldComparator]) throws(UnificationError) -> MatchModel {
        let entries = try node.entries(allowed: ["prior"] + comparators.map(\.name))
        var prior: Double?
        if let priorNode = entries.first(where: { $0.key == "prior" })?.value {
            let value = try priorNode.number()
            guard value > 0 && value < 1 else { throw priorNode.error("the prior must be in (0, 1)") }
            prior = value
        }
        var m: [[Double]] = [], u: [[Double]] = []
        for comparator in comparators {
            guard let fieldNode = entries.first(where: { $0.key == comparator.name })?.value else {
                throw node.error("m and u are missing for '\(comparator.name)' (levels: \(comparator.levelNames.joined(separator: ", ")))")
            }
            let probabilities = try fieldNode.entries(allowed: ["m", "u"])
            var values: [String: [Double]] = [:]
            for (key, value) in probabilities {
                let list = try value.numbers()
                guard list.count == comparator.levelNames.count else {
                    throw value.error("\(list.count) values for \(comparator.levelNames.count) levels (\(comparator.levelNames.joined(separator: ", ")))")
                }
                guard list.allSatisfy({ $0 > 0 && $0 <= 1 }) else { throw value.error("probabilities must be in (0, 1]") }
                values[key] = list
            }
            guard let fieldM = values["m"], let fieldU = values["u"] else { throw fieldNode.error("give both m and u") }
            m.append(fieldM)
            u.append(fieldU)
        }
        do { return try MatchModel.fixed(comparators, m: m, u: u, randomMatchProbability: prior) } catch { throw node.error(error.message) }
    }
}
