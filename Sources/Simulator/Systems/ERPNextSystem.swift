/// The core-banking system as ERPNext's REST API returns it: Customer, Item, Territory and
/// Sales Invoice (one invoice per transaction, its product as the item row).
final class ERPNextSystem {
    static let company = "Tenure Community Bank"
    private static let standardColumns = ["name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"]

    private let specification: BankSpecification
    private let scribe: Scribe
    private let truth: TruthExport
    private let customers: EntityExport
    private let items: EntityExport
    private let territories: EntityExport
    private let invoices: EntityExport
    private let invoiceItems: EntityExport
    private var customerNumbers: [Int: Int] = [:]
    private var invoiceNumbers: [Int: Int] = [:]

    static let customerColumns = standardColumns + [
        "naming_series", "customer_name", "customer_type", "customer_group", "territory", "gender", "mobile_no", "email_id",
        "customer_primary_contact", "default_currency", "language", "disabled", "is_frozen", "custom_date_of_birth", "custom_customer_since",
    ]
    static let itemColumns = standardColumns + [
        "item_code", "item_name", "item_group", "stock_uom", "description", "is_stock_item", "is_sales_item", "is_purchase_item",
        "has_variants", "valuation_rate", "disabled",
    ]
    static let territoryColumns = standardColumns + ["territory_name", "parent_territory", "is_group", "territory_manager", "lft", "rgt", "old_parent"]
    static let invoiceColumns = standardColumns + [
        "naming_series", "customer", "customer_name", "company", "posting_date", "posting_time", "due_date", "currency", "conversion_rate",
        "territory", "customer_group", "total_qty", "total", "net_total", "total_taxes_and_charges", "grand_total", "rounded_total",
        "outstanding_amount", "status", "is_return", "return_against", "contact_email", "remarks",
    ]
    static let invoiceItemColumns = standardColumns + [
        "parent", "parentfield", "parenttype", "doctype", "item_code", "item_name", "description", "item_group", "qty", "uom", "stock_uom",
        "conversion_factor", "rate", "amount", "net_rate", "net_amount", "base_rate", "base_amount", "discount_percentage",
        "income_account", "cost_center",
    ]

    /// Opens the ERPNext exports in `directory`.
    init(directory: String, specification: BankSpecification, truth: TruthExport) throws(SimulatorError) {
        self.specification = specification
        scribe = Scribe(rates: specification.dirt)
        self.truth = truth
        customers = try EntityExport(directory: directory, name: "customer", envelope: .frappe, csvColumns: Self.customerColumns)
        items = try EntityExport(directory: directory, name: "item", envelope: .frappe, csvColumns: Self.itemColumns)
        territories = try EntityExport(directory: directory, name: "territory", envelope: .frappe, csvColumns: Self.territoryColumns)
        invoices = try EntityExport(directory: directory, name: "sales_invoice", envelope: .frappe, csvColumns: Self.invoiceColumns)
        invoiceItems = try EntityExport(directory: directory, name: "sales_invoice_item", envelope: .frappe,
                                        csvColumns: Self.invoiceItemColumns, writesJSON: false)
    }

    /// Frappe's datetime text: `2024-01-15 09:23:45.123456`, site-local time without a zone.
    static func timestamp(_ instant: Instant, _ random: inout SeededRandom) -> String {
        "\(instant.day.iso) \(instant.clock).\(padded(random.int(0...999_999), width: 6))"
    }

    private func standard(name: String, created: Instant, modified: Instant, owner: String, docstatus: Int,
                          _ random: inout SeededRandom) -> Record {
        let creation = Self.timestamp(created, &random)
        // Within one second, a document is modified no earlier than it was created.
        let modification = modified.seconds > created.seconds ? Self.timestamp(modified, &random) : creation
        return [("name", .string(name)), ("owner", .string(owner)), ("creation", .string(creation)),
         ("modified", .string(modification)), ("modified_by", .string(owner)),
         ("docstatus", .int(docstatus)), ("idx", .int(0))]
    }

    /// Writes the reference data: the ten products and the territory tree.
    func writeReferenceData() {
        var random = SeededRandom(seed: specification.seed, stream: 2)
        let setUp = Instant(day: specification.erpMigrationDay.adding(days: -20), secondOfDay: 9 * 3600)
        for product in Product.all {
            var record = standard(name: product.code, created: setUp, modified: setUp, owner: "Administrator", docstatus: 0, &random)
            record += [("item_code", .string(product.code)), ("item_name", .string(product.name)), ("item_group", .string(product.group)),
                       ("stock_uom", .string("Nos")), ("description", .string(product.description)), ("is_stock_item", .int(0)),
                       ("is_sales_item", .int(1)), ("is_purchase_item", .int(0)), ("has_variants", .int(0)),
                       ("valuation_rate", .amount(0)), ("disabled", .int(0))]
            items.write(record)
        }
        // A nested-set tree, as Frappe stores it: root, regions, branches, and the default catch-all.
        var entries: [(name: String, parent: String, group: Bool, manager: String?, lft: Int, rgt: Int)] = []
        var counter = 1
        let rootLeft = counter
        counter += 1
        for region in Region.allCases {
            let left = counter
            counter += 1
            var children: [(String, String, Bool, String?, Int, Int)] = []
            for branch in Branch.all where branch.region == region {
                children.append((branch.territory, region.rawValue, false, branch.manager, counter, counter + 1))
                counter += 2
            }
            entries.append((region.rawValue, "All Territories", true, nil, left, counter))
            counter += 1
            entries += children
        }
        entries.append(("Rest Of The World", "All Territories", false, nil, counter, counter + 1))
        counter += 2
        entries.insert(("All Territories", "", true, nil, rootLeft, counter), at: 0)
        for entry in entries {
            var record = standard(name: entry.name, created: setUp, modified: setUp, owner: "Administrator", docstatus: 0, &random)
            record += [("territory_name", .string(entry.name)), ("parent_territory", .string(entry.parent)),
                       ("is_group", .int(entry.group ? 1 : 0)), ("territory_manager", .optional(entry.manager)),
                       ("lft", .int(entry.lft)), ("rgt", .int(entry.rgt)), ("old_parent", .string(entry.parent))]
            territories.write(record)
        }
    }

    /// Writes the person's customer records and transactions; returns their ERPNext customer ids,
    /// the main record first.
    func write(_ person: Person) -> [String] {
        var random = SeededRandom(seed: specification.seed, stream: UInt64(person.index) &* 16 &+ 2)
        let window = specification.window
        let home = Branch.all[person.homeBranch]
        var records: [(id: String, name: String, branch: Branch, created: Instant, email: String?)] = []

        let mainCreated = person.customerSince < specification.erpMigrationDay
            ? Instant(day: specification.erpMigrationDay.adding(days: person.index % 5), secondOfDay: random.int(7200...64_800))
            : person.moment(on: person.customerSince, &random, earliestHour: 9, latestHour: 17)
        records.append(customer(person, branch: home, created: mainCreated, &random))
        if let second = person.duplicateBranch {
            let first = max(mainCreated.day.adding(days: 30), window.start)
            let last = person.lastActiveDay(windowEnd: window.end).adding(days: -30)
            if first < last {
                let created = person.moment(on: Day(ordinal: random.int(first.ordinal...last.ordinal)), &random, earliestHour: 9, latestHour: 17)
                records.append(customer(person, branch: Branch.all[second], created: created, &random))
            }
        }
        writeTransactions(person, records: records, &random)
        return records.map(\.id)
    }

    private func nextName(prefix: String, year: Int, counters: inout [Int: Int]) -> String {
        let number = (counters[year] ?? 0) + 1
        counters[year] = number
        return "\(prefix)\(year)-\(padded(number, width: 5))"
    }

    private func customer(_ person: Person, branch: Branch, created: Instant, _ random: inout SeededRandom)
        -> (id: String, name: String, branch: Branch, created: Instant, email: String?) {
        let id = nextName(prefix: "CUST-", year: created.day.year, counters: &customerNumbers)
        let name = scribe.fullName(person, allowNickname: false, &random)
        let email = scribe.maybe(scribe.email(person.email, &random), &random)
        let phone = random.chance(0.1) ? nil : scribe.maybe(scribe.phone(person.phoneDigits, &random), &random)
        let closed = person.churnDate.map { Instant(day: $0, secondOfDay: random.int(32_400...61_200)) }
        let owner = created.day <= specification.erpMigrationDay.adding(days: 5) ? "migration@tenurebank.example" : "\(branch.code.lowercased())@tenurebank.example"
        var record = standard(name: id, created: created, modified: closed ?? created.adding(seconds: random.int(0...86_400 * 30)),
                              owner: owner, docstatus: 0, &random)
        record += [("naming_series", .string("CUST-.YYYY.-")), ("customer_name", .string(name)), ("customer_type", .string("Individual")),
                   ("customer_group", .string(person.customerGroup)), ("territory", .string(branch.territory)),
                   ("gender", .string(person.female ? "Female" : "Male")), ("mobile_no", .optional(phone)), ("email_id", .optional(email)),
                   ("customer_primary_contact", .null), ("default_currency", .string("USD")), ("language", .string("en")),
                   ("disabled", .int(closed == nil ? 0 : 1)), ("is_frozen", .int(0)),
                   ("custom_date_of_birth", .optional(scribe.maybe(scribe.date(person.birthDate, &random), &random))),
                   ("custom_customer_since", .string(scribe.date(person.customerSince, &random)))]
        customers.write(record)
        truth.record("erpnext", "customer", id, person)
        return (id, name, branch, created, email)
    }

    private func writeTransactions(_ person: Person, records: [(id: String, name: String, branch: Branch, created: Instant, email: String?)],
                                   _ random: inout SeededRandom) {
        let window = specification.window
        let first = person.firstActiveDay(window: window), last = person.lastActiveDay(windowEnd: window.end)
        let months = Double(max(1, last.ordinal - first.ordinal)) / 30.4
        let perMonth: Double = switch person.segment { case .active: 0.5; case .atRisk: 0.46; case .churned: 0.47 }
        let count = max(1, Int((perMonth * months * person.activityLevel).rounded()))
        var moments: [Instant] = (0..<count).map { _ in
            person.moment(on: person.activeDay(from: first, to: last, windowEnd: window.end, &random), &random, earliestHour: 6, latestHour: 23)
        }
        moments.sort()
        for moment in moments {
            let product = Product.all[random.pick(person.products)]
            let declining = person.intensity(on: moment.day, windowEnd: window.end) < 0.95
            let outflow: Bool = switch product.kind {
            case .deposit, .current: random.chance(declining ? 0.7 : 0.38)
            case .investment: random.chance(declining ? 0.6 : 0.3)
            case .term, .card, .loan: false
            }
            let amount = max(5, (product.typicalAmount * random.double(0.3, 2.2) * (declining && outflow ? 1.8 : 1)).rounded() / 1)
            let remarks: String = switch (product.kind, outflow) {
            case (.card, _): "Card repayment"
            case (.loan, _): "Loan instalment"
            case (.term, _): "Term deposit placement"
            case (.investment, false): "Fund subscription"
            case (.investment, true): "Fund redemption"
            case (_, false): random.pick(["Cash deposit", "Salary credit", "Incoming transfer", "Cheque deposit"])
            case (_, true): random.pick(["ATM withdrawal", "Outgoing transfer", "Bill payment", "Debit card purchase"])
            }
            let target = records.count > 1 && moment >= records[1].created && random.chance(0.35) ? records[1] : records[0]
            invoice(person, customer: target, at: moment, product: product, amount: outflow ? -amount : amount, remarks: remarks, &random)
        }
        if let churn = person.churnDate {
            let balance = Double(random.int(150...25_000))
            invoice(person, customer: records[0], at: Instant(day: churn, secondOfDay: random.int(36_000...57_600)),
                    product: Product.all[person.products[0]], amount: -balance, remarks: "Account closure - balance transferred out", &random)
        }
    }

    private func invoice(_ person: Person, customer: (id: String, name: String, branch: Branch, created: Instant, email: String?),
                         at moment: Instant, product: Product, amount: Double, remarks: String, _ random: inout SeededRandom) {
        let id = nextName(prefix: "ACC-SINV-", year: moment.day.year, counters: &invoiceNumbers)
        let isReturn = amount < 0
        let qty = isReturn ? -1.0 : 1.0
        let rate = abs(amount)
        let owner = "\(customer.branch.code.lowercased())@tenurebank.example"
        let itemRow: Record = standard(name: random.token(10), created: moment, modified: moment, owner: owner, docstatus: 1, &random).map {
            $0.0 == "idx" ? ("idx", .int(1)) : $0
        } + [
            ("parent", .string(id)), ("parentfield", .string("items")), ("parenttype", .string("Sales Invoice")),
            ("doctype", .string("Sales Invoice Item")), ("item_code", .string(product.code)), ("item_name", .string(product.name)),
            ("description", .string(remarks)), ("item_group", .string(product.group)), ("qty", .amount(qty)), ("uom", .string("Nos")),
            ("stock_uom", .string("Nos")), ("conversion_factor", .amount(1)), ("rate", .amount(rate)), ("amount", .amount(amount)),
            ("net_rate", .amount(rate)), ("net_amount", .amount(amount)), ("base_rate", .amount(rate)), ("base_amount", .amount(amount)),
            ("discount_percentage", .amount(0)), ("income_account", .string("Sales - TCB")), ("cost_center", .string("Main - TCB")),
        ]
        var record = standard(name: id, created: moment, modified: moment.adding(seconds: random.int(1...90)), owner: owner, docstatus: 1, &random)
        record += [("naming_series", .string("ACC-SINV-.YYYY.-")), ("customer", .string(customer.id)), ("customer_name", .string(customer.name)),
                   ("company", .string(Self.company)), ("posting_date", .string(moment.day.iso)), ("posting_time", .string(moment.clock)),
                   ("due_date", .string(moment.day.iso)), ("currency", .string("USD")), ("conversion_rate", .amount(1)),
                   ("territory", .string(customer.branch.territory)), ("customer_group", .string(person.customerGroup)),
                   ("total_qty", .amount(qty)), ("total", .amount(amount)), ("net_total", .amount(amount)),
                   ("total_taxes_and_charges", .amount(0)), ("grand_total", .amount(amount)), ("rounded_total", .amount(amount)),
                   ("outstanding_amount", .amount(0)), ("status", .string(isReturn ? "Return" : "Paid")), ("is_return", .int(isReturn ? 1 : 0)),
                   ("return_against", .null), ("contact_email", .optional(customer.email)), ("remarks", .string(remarks)),
                   ("items", .rows([itemRow]))]
        invoices.write(record)
        invoiceItems.write(itemRow)
        truth.record("erpnext", "sales_invoice", id, person)
    }

    /// Closes every ERPNext file.
    func close() throws(SimulatorError) {
        for export in [customers, items, territories, invoices, invoiceItems] { try export.close() }
    }

    /// Rows written per entity.
    var counts: [(String, Int)] {
        [("customer", customers.count), ("item", items.count), ("territory", territories.count),
         ("sales_invoice", invoices.count), ("sales_invoice_item", invoiceItems.count)]
    }
}
