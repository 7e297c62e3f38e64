/// Which free-form attributes a run reads, and which prefixes of them blocking groups by: the
/// columns a ``RecordTable`` interns beyond the fixed fields.
struct AttributeSchema: Sendable, Hashable {
    /// The attributes, in slot order.
    private(set) var names: [String] = []
    /// The prefixes blocking needs: an attribute's slot and the number of characters.
    private(set) var prefixes: [Prefix] = []

    struct Prefix: Sendable, Hashable {
        let slot: Int
        let length: Int
    }

    /// No attributes.
    init() {}

    /// The attributes `comparators` and `rules` read.
    init(comparators: [FieldComparator], rules: [BlockingRule]) {
        for comparator in comparators { if let attribute = comparator.attribute { _ = slot(adding: attribute) } }
        for rule in rules {
            for key in rule.keys {
                guard case .attribute(let attribute, let first) = key else { continue }
                let slot = slot(adding: attribute)
                if let first, !prefixes.contains(Prefix(slot: slot, length: first)) {
                    prefixes.append(Prefix(slot: slot, length: first))
                }
            }
        }
    }

    /// The slot of `attribute`, or nil when the schema does not read it.
    func slot(of attribute: String) -> Int? {
        names.firstIndex(of: attribute)
    }

    /// The index in ``prefixes`` of `length` characters of `attribute`.
    func prefix(of attribute: String, length: Int) -> Int? {
        guard let slot = slot(of: attribute) else { return nil }
        return prefixes.firstIndex(of: Prefix(slot: slot, length: length))
    }

    private mutating func slot(adding attribute: String) -> Int {
        if let slot = slot(of: attribute) { return slot }
        names.append(attribute)
        return names.count - 1
    }
}
