/// Writes a person's facts the way a hurried clerk or a legacy migration would: the one place where
/// the simulated bank's dirt is applied, each kind at its configured rate.
struct Scribe {
    let rates: DirtRates

    /// A free-typed date: ISO, `DD/MM/YYYY` or `MM-DD-YYYY`, now and then unusable.
    func date(_ day: Day, _ random: inout SeededRandom) -> String {
        if random.chance(rates.malformedCells) {
            return random.pick(["N/A", "TBD", "31/02/\(day.year)", "00-00-0000", "\(day.year)"])
        }
        let (y, m, d) = day.components
        guard random.chance(rates.mixedDateFormats) else { return day.iso }
        return random.chance(0.5) ? "\(pad2(d))/\(pad2(m))/\(pad4(y))" : "\(pad2(m))-\(pad2(d))-\(pad4(y))"
    }

    /// A phone number in one of the four formats the bank's systems hold.
    func phone(_ digits: String, _ random: inout SeededRandom) -> String {
        if random.chance(rates.malformedCells) { return random.pick(["N/A", "000", "555-01", "none"]) }
        guard random.chance(rates.mixedPhoneFormats) else { return "+1" + digits }
        let chars = Array(digits)
        let area = String(chars[0..<3]), exchange = String(chars[3..<6]), line = String(chars[6..<10])
        switch random.int(0...2) {
        case 0: return digits
        case 1: return "\(area)-\(exchange)-\(line)"
        default: return "(\(area)) \(exchange)-\(line)"
        }
    }

    /// An e-mail address with occasional stray capitals or surrounding spaces.
    func email(_ address: String, _ random: inout SeededRandom) -> String {
        if random.chance(rates.malformedCells) { return String(address.prefix { $0 != "@" }) + "@" }
        guard random.chance(rates.emailNoise) else { return address }
        switch random.int(0...2) {
        case 0: return address.uppercased()
        case 1: return " \(address) "
        default: return address.prefix(1).uppercased() + address.dropFirst()
        }
    }

    /// The person's name as a system records it: case, initials, nickname and suffix spelling vary.
    func fullName(_ person: Person, allowNickname: Bool, _ random: inout SeededRandom) -> String {
        let parts = nameParts(person, allowNickname: allowNickname, &random)
        var name = ([parts.given] + (parts.middle.map { [$0] } ?? []) + [parts.surname]).joined(separator: " ")
        if let suffix = parts.suffix { name += random.chance(0.5) ? " \(suffix)" : ", \(suffix)" }
        return cased(name, &random)
    }

    /// Given name, optional middle initial, surname and suffix spelling, before case is applied.
    func nameParts(_ person: Person, allowNickname: Bool, _ random: inout SeededRandom)
        -> (given: String, middle: String?, surname: String, suffix: String?) {
        var given = person.givenName
        if allowNickname, random.chance(rates.nicknames), let familiar = NamePool.nicknames[given] {
            given = random.pick(familiar)
        }
        var middle: String? = nil
        if random.chance(rates.nameInitials) {
            if random.chance(0.5) { given = "\(given.prefix(1))." } else { middle = "\(person.middleInitial ?? "J")." }
        }
        let suffix = person.suffix.flatMap { canonical in
            NamePool.suffixes.first { $0.canonical == canonical }.map { random.pick($0.spellings) }
        }
        return (given, middle, person.surname, suffix)
    }

    /// Text in title case, or now and then all upper or all lower case.
    func cased(_ text: String, _ random: inout SeededRandom) -> String {
        guard random.chance(rates.nameCase) else { return text }
        return random.chance(0.6) ? text.uppercased() : text.lowercased()
    }

    /// `value`, or nil at the empty-cell rate.
    func maybe(_ value: String, _ random: inout SeededRandom) -> String? {
        random.chance(rates.emptyCells) ? nil : value
    }

    /// A branch as a sheet names it: the ERPNext name or one of its variants.
    func branchName(_ branch: Branch, _ random: inout SeededRandom) -> String {
        random.chance(rates.branchNameVariants) ? random.pick(branch.sheetVariants) : branch.territory
    }

    /// A region as a sheet names it: `North`, `NORTH`, `N`…
    func regionName(_ region: Region, _ random: inout SeededRandom) -> String {
        random.chance(rates.branchNameVariants) ? random.pick(region.sheetVariants) : region.rawValue
    }

    /// The address an app account was registered with: mostly the person's own, sometimes another
    /// address or a provider alias (dots or `+tag` in a Gmail address).
    func appEmail(_ person: Person, _ random: inout SeededRandom) -> String {
        guard random.chance(rates.appEmailDiffers) else { return email(person.email, &random) }
        let local = person.email.prefix { $0 != "@" }
        if person.email.hasSuffix("@gmail.com") {
            return random.chance(0.5) ? "\(local)+bank@gmail.com" : "\(local.replacingDots())@gmail.com"
        }
        return person.otherEmail
    }
}

private extension Substring {
    /// The address with its dots removed, or with one added when it has none (both reach the same Gmail box).
    func replacingDots() -> String {
        if contains(".") { return filter { $0 != "." } }
        let middle = index(startIndex, offsetBy: Swift.max(1, count / 2))
        return String(self[..<middle]) + "." + String(self[middle...])
    }
}
