/// Records in columns of integer ids, the form every hot loop (blocking, comparing, scoring) reads.
///
/// Each field's values are interned: equal values get equal ids, so exact comparisons are
/// integer comparisons and term frequencies are counts per id. `-1` marks a missing value.
struct RecordTable: Sendable {
    /// The number of records.
    let count: Int
    let ids: [RecordID]
    /// Each record's source system, interned (for link-only runs, which compare across systems only).
    var source: [Int32]
    /// The number of records of each source system, by its id.
    var sourceCounts: [Int] = []

    /// The canonical given name.
    var given: [Int32]
    /// The given name as written, in the same pool.
    var givenWritten: [Int32]
    /// The given name's first letter (or written initial) as a scalar value; 0 when none.
    var initial: [UInt32]
    var surname: [Int32]
    /// The surname's first letter, or the initial written instead of it, as a scalar value; 0 when none.
    var surnameInitial: [UInt32]
    /// 1–5 for `Jr`, `Sr`, `II`, `III`, `IV`; 0 when none.
    var suffix: [UInt8]
    var email: [Int32]
    var emailLocal: [Int32]
    var phone: [Int32]
    /// The phone's last seven digits; -1 when there is no phone.
    var phoneLastSeven: [Int32]
    var birthDate: [Int32]

    var givenNames = ScalarPool()
    /// For each given-name id, the ids of the canonical names an ambiguous nickname stands for.
    var givenAlternatives: [[Int32]] = []
    var surnames = ScalarPool()
    /// For each surname id, its Soundex code packed in four bytes.
    var surnameSoundex: [UInt32] = []
    /// For each birth-date id, the date as `YYYYMMDD`.
    var birthDateValues: [Int32] = []
    /// The number of distinct values of the interned-only fields.
    var emailCount = 0, emailLocalCount = 0, phoneCount = 0

    /// The free-form attributes read, and the prefixes blocked on.
    let schema: AttributeSchema
    /// Every attribute value of every record, row by row (`attributeValues[i * width + slot]`):
    /// a pair's values sit together. Ids are of ``attributePool``; -1 when missing.
    var attributeValues: [Int32]
    /// The number of attributes per record.
    let attributeWidth: Int
    /// The distinct values of all attributes, in one pool: equal ids are equal values.
    var attributePool = ScalarPool()
    /// For each of the schema's prefixes, the prefix id of each pool value (-1 for values of other attributes).
    var prefixOfValue: [[Int32]] = []

    static let suffixCodes: [String: UInt8] = ["Jr": 1, "Sr": 2, "II": 3, "III": 4, "IV": 5]

    init(_ records: [Record], schema: AttributeSchema = AttributeSchema()) {
        count = records.count
        ids = records.map(\.id)
        self.schema = schema
        attributeWidth = schema.names.count
        attributeValues = Array(repeating: -1, count: count * schema.names.count)
        source = Array(repeating: 0, count: count)
        surnameInitial = Array(repeating: 0, count: count)
        given = Array(repeating: -1, count: count)
        givenWritten = Array(repeating: -1, count: count)
        initial = Array(repeating: 0, count: count)
        surname = Array(repeating: -1, count: count)
        suffix = Array(repeating: 0, count: count)
        email = Array(repeating: -1, count: count)
        emailLocal = Array(repeating: -1, count: count)
        phone = Array(repeating: -1, count: count)
        phoneLastSeven = Array(repeating: -1, count: count)
        birthDate = Array(repeating: -1, count: count)

        var emails: [String: Int32] = [:], locals: [String: Int32] = [:], phones: [String: Int32] = [:]
        var dates: [Int32: Int32] = [:]
        var sources: [String: Int32] = [:]
        func intern<Key: Hashable>(_ key: Key, _ table: inout [Key: Int32]) -> Int32 {
            if let id = table[key] { return id }
            let id = Int32(table.count)
            table[key] = id
            return id
        }
        for (index, record) in records.enumerated() {
            // Records usually come system by system: the previous record's system saves a lookup.
            let sourceID: Int32
            if index > 0 && record.id.sourceSystem == records[index - 1].id.sourceSystem {
                sourceID = source[index - 1]
            } else {
                sourceID = intern(record.id.sourceSystem, &sources)
            }
            if Int(sourceID) == sourceCounts.count { sourceCounts.append(0) }
            sourceCounts[Int(sourceID)] += 1
            source[index] = sourceID
            if let name = record.name {
                if let value = name.given {
                    given[index] = internGiven(value, alternatives: name.givenAlternatives)
                    givenWritten[index] = internGiven(name.givenAsWritten ?? value, alternatives: [])
                }
                initial[index] = name.initial?.value ?? 0
                if let value = name.surname {
                    let id = surnames.intern(value)
                    if Int(id) == surnameSoundex.count { surnameSoundex.append(Soundex.packedCode(value)) }
                    surname[index] = id
                }
                surnameInitial[index] = name.surnameInitial?.value ?? 0
                suffix[index] = name.suffix.flatMap { Self.suffixCodes[$0] } ?? 0
            }
            if let value = record.email {
                email[index] = intern(value.key, &emails)
                emailLocal[index] = intern(value.localPart, &locals)
            }
            if let value = record.phone {
                phone[index] = intern(value.digits, &phones)
                phoneLastSeven[index] = Int32(value.lastSeven)
            }
            if let value = record.birthDate {
                let packed = value.packed
                let id = intern(packed, &dates)
                if Int(id) == birthDateValues.count { birthDateValues.append(packed) }
                birthDate[index] = id
            }
            if attributeWidth > 0 && !record.attributes.isEmpty {
                let row = index * attributeWidth
                for (slot, attribute) in schema.names.enumerated() {
                    if let value = record.attributes[attribute] { attributeValues[row + slot] = attributePool.intern(value) }
                }
            }
        }
        emailCount = emails.count
        emailLocalCount = locals.count
        phoneCount = phones.count
        prefixOfValue = schema.prefixes.map { prefix in
            // Per distinct value, not per record: a million records share a few thousand postcodes.
            var slotOfValue = [Bool](repeating: false, count: attributePool.count)
            for index in 0..<count {
                let value = attributeValues[index * attributeWidth + prefix.slot]
                if value >= 0 { slotOfValue[Int(value)] = true }
            }
            var ids: [String: Int32] = [:]
            return attributePool.values.indices.map { value in
                guard slotOfValue[value] else { return -1 }
                return intern(String(String.UnicodeScalarView(attributePool.values[value].unicodeScalars.prefix(prefix.length))), &ids)
            }
        }
    }

    /// The id of record `i`'s value of the attribute in `slot`; -1 when missing.
    @inline(__always)
    func attribute(_ slot: Int, _ i: Int) -> Int32 {
        attributeValues[i &* attributeWidth &+ slot]
    }

    /// The values of the attribute in `slot` for every record.
    func attributeColumn(_ slot: Int) -> [Int32] {
        (0..<count).map { attribute(slot, $0) }
    }

    /// The number of record pairs a run may compare: all of them, or in a link-only run only
    /// those whose records come from different systems.
    func comparablePairs(linkOnly: Bool) -> Double {
        let n = Double(count)
        let all = n * (n - 1) / 2
        guard linkOnly else { return all }
        return all - sourceCounts.reduce(0) { $0 + Double($1) * Double($1 - 1) / 2 }
    }

    private mutating func internGiven(_ value: String, alternatives: [String]) -> Int32 {
        let id = givenNames.intern(value)
        while givenAlternatives.count < givenNames.count { givenAlternatives.append([]) }
        if !alternatives.isEmpty && givenAlternatives[Int(id)].isEmpty {
            var ids: [Int32] = []
            for alternative in alternatives {
                let alternativeID = givenNames.intern(alternative)
                while givenAlternatives.count < givenNames.count { givenAlternatives.append([]) }
                ids.append(alternativeID)
            }
            givenAlternatives[Int(id)] = ids.sorted()
        }
        return id
    }

    /// Whether two different given-name ids may be the same name: one is a canonical name an
    /// ambiguous nickname stands for, or two ambiguous nicknames share one (`kate`, `kathy`).
    func givenNamesMayAgree(_ a: Int32, _ b: Int32) -> Bool {
        let alternativesA = givenAlternatives[Int(a)], alternativesB = givenAlternatives[Int(b)]
        if alternativesA.isEmpty && alternativesB.isEmpty { return false }
        if alternativesA.contains(b) || alternativesB.contains(a) { return true }
        return alternativesA.contains(where: alternativesB.contains)
    }
}
