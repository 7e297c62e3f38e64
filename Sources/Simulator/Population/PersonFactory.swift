/// Draws the people of the simulated bank, one at a time and each from their own random stream,
/// so the population never has to be held in memory.
struct PersonFactory {
    let specification: BankSpecification

    /// The person at 1-based `index`.
    func person(_ index: Int) -> Person {
        var random = SeededRandom(seed: specification.seed, stream: UInt64(index) &* 16 &+ 1)
        let window = specification.window
        let given = NamePool.givenNames[random.int(0...(NamePool.givenNames.count - 1))]
        let surname = random.pick(weighted: NamePool.weightedSurnames)
        let middle: String? = random.chance(0.35) ? String(random.pick(Array("ABCDEFGHJKLMNPRSTW")) ) : nil
        let suffix: String? = !given.female && random.chance(0.05) ? random.pick(NamePool.suffixes).canonical : nil

        let homeBranch = random.pick(weighted: Branch.all.indices.map { ($0, $0 == 0 ? 2.0 : 1.0) })
        let segment = segmentFor(index: index, branch: Branch.all[homeBranch])

        let earliestOpen = Day(year: 2008, month: 1, day: 1)
        let latestOpen: Day
        var churnDate: Day? = nil
        var declineStart: Day? = nil
        switch segment {
        case .active:
            latestOpen = window.end.adding(days: -120)
        case .atRisk:
            // Some have been slipping for over a year without leaving: the warning signs a
            // churn model must tell apart from the real thing.
            let decline = window.end.adding(days: -random.int(45...420))
            declineStart = decline
            latestOpen = decline.adding(days: -240)
        case .churned:
            let churn = window.end.adding(days: -random.int(95...365))
            // About three in ten leave with only weeks of warning (a move, a rival's offer). Their
            // own stream decides, so the draws of everything else about the person stay as they were.
            var story = SeededRandom(seed: specification.seed, stream: UInt64(index) &* 16 &+ 9)
            let warning = random.int(60...200)
            let decline = churn.adding(days: -(story.chance(0.3) ? story.int(7...30) : warning))
            churnDate = churn
            declineStart = decline
            latestOpen = decline.adding(days: -240)
        }
        let customerSince = Day(ordinal: random.int(earliestOpen.ordinal...latestOpen.ordinal))

        var products: [Int] = []
        for (position, product) in Product.all.enumerated() where random.chance(product.uptake) { products.append(position) }
        if !products.contains(2) && !products.contains(0) { products.insert(random.chance(0.7) ? 2 : 0, at: 0) }
        let customerGroup = products.contains(9) && random.chance(0.5) ? "Private Banking"
            : products.contains(3) ? "Premier" : "Retail"

        let duplicateBranch: Int? = random.chance(specification.dirt.duplicateCustomers)
            ? (homeBranch + random.int(1...(Branch.all.count - 1))) % Branch.all.count : nil

        let city = random.pick(NamePool.cities)
        let street = "\(random.int(1...9899)) \(random.pick(NamePool.streets)) \(random.pick(NamePool.streetTypes))"
        let birth = Day(ordinal: random.int(Day(year: 1940, month: 1, day: 1).ordinal...Day(year: 2004, month: 12, day: 31).ordinal))

        return Person(
            index: index,
            id: "P" + padded(index, width: 7),
            givenName: given.name,
            female: given.female,
            middleInitial: middle,
            surname: surname,
            suffix: suffix,
            email: emailAddress(given: given.name, surname: surname, index: index, random: &random),
            otherEmail: otherEmailAddress(given: given.name, surname: surname, index: index, random: &random),
            phoneDigits: phoneDigits(index: index, random: &random),
            birthDate: birth,
            street: street,
            city: city,
            segment: segment,
            customerSince: customerSince,
            customerGroup: customerGroup,
            homeBranch: homeBranch,
            duplicateBranch: duplicateBranch,
            products: products,
            declineStart: declineStart,
            churnDate: churnDate,
            activityLevel: random.double(0.6, 1.4),
            appPlatform: random.chance(0.55) ? "ios" : "android"
        )
    }

    /// Spreads the segments evenly over the population (a golden-ratio sequence) so that their
    /// shares hold even for small banks; branches with poorer service lose somewhat more people.
    private func segmentFor(index: Int, branch: Branch) -> Segment {
        let offset = Double(specification.seed % 1000) / 1000
        let position = (Double(index) * 0.618_033_988_749_895 + offset).truncatingRemainder(dividingBy: 1)
        let churned = 0.15 * (1 - 0.5 * branch.serviceQuality)
        if position < churned { return .churned }
        if position < churned + 0.25 { return .atRisk }
        return .active
    }

    /// A unique number for the person inside a range large enough for the population, which keeps
    /// every address unique without remembering the ones already handed out.
    private func uniqueNumber(_ index: Int, multiplier: Int) -> Int {
        var modulus = 100
        while modulus < specification.customers * 10 { modulus *= 10 }
        return (index * multiplier + 4321) % modulus
    }

    private func localPart(_ given: String, _ surname: String, style: Int) -> String {
        let g = given.lowercased().filter(\.isLetter), s = surname.lowercased().filter(\.isLetter)
        switch style {
        case 0: return "\(g).\(s)"
        case 1: return "\(g)\(s)"
        case 2: return "\(g.prefix(1))\(s)"
        case 3: return "\(g)_\(s)"
        default: return "\(s).\(g.prefix(1))"
        }
    }

    private func emailAddress(given: String, surname: String, index: Int, random: inout SeededRandom) -> String {
        let local = localPart(given, surname, style: random.int(0...4))
        return "\(local)\(uniqueNumber(index, multiplier: 7_777_777))@\(random.pick(weighted: NamePool.emailProviders))"
    }

    private func otherEmailAddress(given: String, surname: String, index: Int, random: inout SeededRandom) -> String {
        let local = localPart(given, surname, style: random.int(0...4))
        let number = uniqueNumber(index, multiplier: 3_333_331)
        return random.chance(0.6) ? "\(local)\(number)@\(random.pick(NamePool.employers))"
            : "\(local).\(number)@\(random.pick(weighted: NamePool.emailProviders))"
    }

    /// A North American number whose last seven digits are unique to the person.
    private func phoneDigits(index: Int, random: inout SeededRandom) -> String {
        let area = random.pick(["217", "309", "312", "630", "708", "773", "815", "847"])
        let unique = (index * 3_333_331 + 97) % 8_000_000
        return area + String(200 + unique / 10_000) + padded(unique % 10_000, width: 4)
    }
}
