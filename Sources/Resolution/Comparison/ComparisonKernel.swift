/// A comparator reduced to what the hot path reads, all inline: copying one per pair and field
/// retains nothing, where a ``FieldComparator`` (names, level names) would retain several arrays.
struct ComparisonKernel: Sendable {
    let field: FieldComparator.Field
    let elseLevel: Int
    /// The similarity thresholds, highest first; unused slots are infinite.
    let thresholds: (Double, Double, Double, Double)
    /// The number of similarity thresholds in use.
    let similarityLevels: Int
    /// The edit-distance bands, ascending; unused slots are 0.
    let editDistances: (Int, Int, Int)
    /// The surname's `one edit apart` level, and its `initial` level (-1 when it has none).
    let surnameEditLevel: Int, surnameInitialLevel: Int
    /// The attribute's slot in the table, for ``FieldComparator/Field/attribute``; -1 otherwise.
    let slot: Int

    /// The kernel of `comparator` on `table` (which must have interned the attribute it reads).
    init(_ comparator: FieldComparator, table: RecordTable) {
        field = comparator.field
        elseLevel = comparator.elseLevel
        let values = comparator.similarityThresholds
        similarityLevels = values.count
        let padded = values + [Double](repeating: .infinity, count: max(0, 4 - values.count))
        thresholds = (padded[0], padded[1], padded[2], padded[3])
        let edits = comparator.editDistances + [Int](repeating: 0, count: max(0, 3 - comparator.editDistances.count))
        editDistances = (edits[0], edits[1], edits[2])
        surnameInitialLevel = comparator.surnameInitialLevel ? comparator.elseLevel - 1 : -1
        surnameEditLevel = comparator.elseLevel - (comparator.surnameInitialLevel ? 2 : 1)
        slot = comparator.attribute.flatMap(table.schema.slot) ?? -1
    }
}

/// The comparisons themselves, on a ``RecordTable``'s interned columns: the hot path.
extension ComparisonKernel {
    /// The level of records `i` and `j` of `table`; -1 when either lacks the field.
    @inline(__always)
    func level(in table: RecordTable, _ i: Int, _ j: Int) -> Int {
        switch field {
        case .givenName: givenNameLevel(table, i, j)
        case .surname: surnameLevel(table, i, j)
        case .email: pairLevel(table.email, table.emailLocal, i, j)
        case .phone: phoneLevel(table, i, j)
        case .birthDate: birthDateLevel(table, i, j)
        case .suffix: suffixLevel(table, i, j)
        case .attribute: attributeLevel(table, i, j)
        }
    }

    /// The interned value an exact agreement of records `i` and `j` is about (record `i`'s),
    /// for term-frequency adjustment; -1 when the field has no interned values.
    @inline(__always)
    func valueID(in table: RecordTable, _ i: Int) -> Int32 {
        switch field {
        case .givenName: table.given[i]
        case .surname: table.surname[i]
        case .email: table.email[i]
        case .phone: table.phone[i]
        case .birthDate: table.birthDate[i]
        case .suffix: -1
        case .attribute: slot < 0 ? -1 : table.attribute(slot, i)
        }
    }

    private func givenNameLevel(_ table: RecordTable, _ i: Int, _ j: Int) -> Int {
        let a = table.given[i], b = table.given[j]
        if a >= 0 && b >= 0 {
            if a == b || table.givenNamesMayAgree(a, b) { return 0 }
            let writtenA = table.givenWritten[i], writtenB = table.givenWritten[j]
            let nicknamed = writtenA != a || writtenB != b
            // A nickname with a slip (`Jakc`) is closer to its written form than to its name.
            var similarity = table.givenNames.similarity(a, b)
            if nicknamed {
                similarity = max(similarity, table.givenNames.similarity(writtenA, writtenB),
                                 table.givenNames.similarity(writtenA, b), table.givenNames.similarity(a, writtenB))
            }
            if let level = similarityLevel(similarity) { return level }
            if table.givenNames.withinOneEdit(a, b) || (nicknamed && table.givenNames.withinOneEdit(writtenA, writtenB)) {
                return elseLevel - 2
            }
            return elseLevel
        }
        // One side wrote only an initial (or nothing): compare initials, the written one too.
        let initialA = table.initial[i], initialB = table.initial[j]
        if initialA == 0 || initialB == 0 { return -1 }
        if initialA == initialB
            || (a >= 0 && table.givenNames.firstScalar(table.givenWritten[i]) == initialB)
            || (b >= 0 && table.givenNames.firstScalar(table.givenWritten[j]) == initialA) {
            return elseLevel - 1
        }
        return elseLevel
    }

    private func surnameLevel(_ table: RecordTable, _ i: Int, _ j: Int) -> Int {
        let a = table.surname[i], b = table.surname[j]
        if a >= 0 && b >= 0 {
            if a == b { return 0 }
            if let level = similarityLevel(table.surnames.similarity(a, b)) { return level }
            return table.surnames.withinOneEdit(a, b) ? surnameEditLevel : elseLevel
        }
        // One side wrote only an initial (or nothing): an initial agrees or disagrees with the
        // other's first letter. Two full surnames never get here.
        guard surnameInitialLevel >= 0 else { return -1 }
        let initialA = table.surnameInitial[i], initialB = table.surnameInitial[j]
        if initialA == 0 || initialB == 0 { return -1 }
        return initialA == initialB ? surnameInitialLevel : elseLevel
    }

    /// Exact, then the similarity bands, then the edit-distance bands, else.
    private func attributeLevel(_ table: RecordTable, _ i: Int, _ j: Int) -> Int {
        guard slot >= 0 else { return -1 }
        let a = table.attribute(slot, i), b = table.attribute(slot, j)
        if a < 0 || b < 0 { return -1 }
        if a == b { return 0 }
        if similarityLevels > 0, let level = similarityLevel(table.attributePool.similarity(a, b)) { return level }
        let first = similarityLevels + 1
        if editDistances.0 == 0 { return elseLevel }
        if editDistances.1 == 0 && editDistances.0 == 1 {
            // The common case, one band of one edit: a single pass, no table.
            return table.attributePool.withinOneEdit(a, b) ? first : elseLevel
        }
        let limit = max(editDistances.0, editDistances.1, editDistances.2)
        let distance = table.attributePool.distance(a, b, atMost: limit)
        if distance <= editDistances.0 { return first }
        if editDistances.1 > 0 && distance <= editDistances.1 { return first + 1 }
        if editDistances.2 > 0 && distance <= editDistances.2 { return first + 2 }
        return elseLevel
    }

    /// The first similarity level whose threshold `similarity` reaches, if any.
    @inline(__always)
    private func similarityLevel(_ similarity: Double) -> Int? {
        if similarity >= thresholds.0 { return 1 }
        if similarity >= thresholds.1 { return 2 }
        if similarity >= thresholds.2 { return 3 }
        if similarity >= thresholds.3 { return 4 }
        return nil
    }

    /// Exact on the full value, then on a part of it, else.
    @inline(__always)
    private func pairLevel(_ full: [Int32], _ part: [Int32], _ i: Int, _ j: Int) -> Int {
        let a = full[i], b = full[j]
        if a < 0 || b < 0 { return -1 }
        if a == b { return 0 }
        return part[i] == part[j] ? 1 : 2
    }

    private func phoneLevel(_ table: RecordTable, _ i: Int, _ j: Int) -> Int {
        let a = table.phone[i], b = table.phone[j]
        if a < 0 || b < 0 { return -1 }
        if a == b { return 0 }
        return table.phoneLastSeven[i] == table.phoneLastSeven[j] ? 1 : 2
    }

    private func birthDateLevel(_ table: RecordTable, _ i: Int, _ j: Int) -> Int {
        let a = table.birthDate[i], b = table.birthDate[j]
        if a < 0 || b < 0 { return -1 }
        if a == b { return 0 }
        let x = Int(table.birthDateValues[Int(a)]), y = Int(table.birthDateValues[Int(b)])
        let (yearX, monthX, dayX) = (x / 10_000, x / 100 % 100, x % 100)
        let (yearY, monthY, dayY) = (y / 10_000, y / 100 % 100, y % 100)
        if yearX == yearY && monthX == dayY && dayX == monthY { return 1 }
        if Self.oneDigitApart(x, y) { return 2 }
        return yearX == yearY ? 3 : 4
    }

    /// Whether two `YYYYMMDD` numbers are one Damerau–Levenshtein edit apart: with eight digits
    /// each, that is one digit changed or two neighbouring digits swapped.
    private static func oneDigitApart(_ x: Int, _ y: Int) -> Bool {
        var x = x, y = y
        var differing = 0, first = -1
        var digitsX = 0, digitsY = 0
        for position in 0..<8 {
            let dx = x % 10, dy = y % 10
            if dx != dy {
                differing += 1
                if differing > 2 { return false }
                if first < 0 { first = position }
                digitsX = digitsX * 10 + dx
                digitsY = digitsY * 10 + dy
                if differing == 2 && position != first + 1 { return false }
            }
            x /= 10
            y /= 10
        }
        // Two differing neighbours must be the same two digits, swapped.
        return differing == 1 || (differing == 2 && digitsX / 10 == digitsY % 10 && digitsX % 10 == digitsY / 10)
    }

    private func suffixLevel(_ table: RecordTable, _ i: Int, _ j: Int) -> Int {
        let a = table.suffix[i], b = table.suffix[j]
        if a == 0 || b == 0 { return -1 }
        return a == b ? 0 : 1
    }
}
