/// The CRM as Salesforce's REST API returns query results: Contact, Case and Task records, each
/// with its `attributes`, 18-character ids and `+0000` datetimes.
final class SalesforceSystem {
    static let apiVersion = "v59.0"
    private let specification: BankSpecification
    private let scribe: Scribe
    private let truth: TruthExport
    private let contacts: EntityExport
    private let cases: EntityExport
    private let tasks: EntityExport
    private var ids = SalesforceIDs()
    private var caseNumber = 1000
    /// Owners: the branch managers first, then the contact-centre agents.
    private var branchOwners: [String] = []
    private var agentOwners: [String] = []

    static let contactColumns = ["Id", "IsDeleted", "FirstName", "LastName", "Name", "Salutation", "Email", "Phone", "MobilePhone",
                                 "Birthdate", "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry",
                                 "AccountId", "OwnerId", "LeadSource", "Core_Banking_Id__c", "CreatedDate", "LastModifiedDate", "SystemModstamp"]
    static let caseColumns = ["Id", "IsDeleted", "CaseNumber", "ContactId", "AccountId", "SuppliedName", "SuppliedEmail", "Type", "Reason",
                              "Origin", "Status", "Priority", "Subject", "Description", "IsClosed", "ClosedDate", "IsEscalated", "OwnerId",
                              "Satisfaction_Score__c", "CreatedDate", "LastModifiedDate", "SystemModstamp"]
    static let taskColumns = ["Id", "IsDeleted", "WhoId", "WhatId", "Subject", "ActivityDate", "Status", "Priority", "Type", "TaskSubtype",
                              "Description", "IsClosed", "CompletedDateTime", "OwnerId", "CreatedDate", "LastModifiedDate", "SystemModstamp"]

    /// Opens the Salesforce exports in `directory`.
    init(directory: String, specification: BankSpecification, truth: TruthExport) throws(SimulatorError) {
        self.specification = specification
        scribe = Scribe(rates: specification.dirt)
        self.truth = truth
        contacts = try EntityExport(directory: directory, name: "contact", envelope: .salesforceQuery, csvColumns: Self.contactColumns)
        cases = try EntityExport(directory: directory, name: "case", envelope: .salesforceQuery, csvColumns: Self.caseColumns)
        tasks = try EntityExport(directory: directory, name: "task", envelope: .salesforceQuery, csvColumns: Self.taskColumns)
        branchOwners = Branch.all.map { _ in ids.next("005") }
        agentOwners = (0..<6).map { _ in ids.next("005") }
    }

    private func attributes(_ type: String, _ id: String) -> (String, FieldValue) {
        ("attributes", .object([("type", .string(type)), ("url", .string("/services/data/\(Self.apiVersion)/sobjects/\(type)/\(id)"))]))
    }

    private func audit(created: Instant, modified: Instant) -> Record {
        [("CreatedDate", .string(created.salesforce)), ("LastModifiedDate", .string(modified.salesforce)),
         ("SystemModstamp", .string(modified.adding(seconds: 1).salesforce))]
    }

    /// Writes the person's contacts, cases and tasks; `erpIDs` are their core-banking customer ids.
    func write(_ person: Person, erpIDs: [String]) {
        var random = SeededRandom(seed: specification.seed, stream: UInt64(person.index) &* 16 &+ 3)
        let window = specification.window
        let owner = branchOwners[person.homeBranch]
        // People who were customers before the CRM arrived were migrated into it over its first week.
        let mainCreated = person.customerSince < specification.crmStartDay
            ? person.moment(on: specification.crmStartDay.adding(days: person.index % 7), &random, earliestHour: 8, latestHour: 18)
            : person.moment(on: person.customerSince, &random, earliestHour: 8, latestHour: 18)
        var contactIDs = [contact(person, created: mainCreated, linkedTo: erpIDs.first, owner: owner, duplicateOf: nil, &random)]
        if random.chance(specification.dirt.duplicateContacts) {
            let created = person.moment(on: person.activeDay(from: mainCreated.day.adding(days: 1), to: person.lastActiveDay(windowEnd: window.end),
                                                             windowEnd: window.end, &random), &random)
            contactIDs.append(contact(person, created: created, linkedTo: erpIDs.last, owner: random.pick(agentOwners),
                                      duplicateOf: contactIDs[0], &random))
        }

        // Counts follow the bank's observed ranges, leaning to their upper ends.
        let caseCount: Int = switch person.segment {
        case .active: random.pick(weighted: [(0, 0.2), (1, 0.35), (2, 0.45)])
        case .atRisk: random.pick(weighted: [(2, 0.15), (3, 0.2), (4, 0.3), (5, 0.35)])
        case .churned: random.pick(weighted: [(3, 0.06), (4, 0.1), (5, 0.14), (6, 0.2), (7, 0.24), (8, 0.26)])
        }
        let first = person.firstActiveDay(window: window), last = person.lastActiveDay(windowEnd: window.end)
        var openings: [(Instant, Phrasebook.Complaint)] = []
        for number in 0..<caseCount {
            let isClosure = person.segment == .churned && number == caseCount - 1
            let day: Day
            if isClosure {
                day = last.adding(days: -random.int(0...14))
            } else if let decline = person.declineStart, random.chance(0.7) {
                day = Day(ordinal: random.int(min(decline.ordinal, last.ordinal)...last.ordinal))
            } else {
                day = person.activeDay(from: first, to: last, windowEnd: window.end, &random)
            }
            openings.append((person.moment(on: max(day, first), &random, earliestHour: 8, latestHour: 20),
                             isClosure ? Phrasebook.closure : random.pick(Phrasebook.complaints)))
        }
        openings.sort { $0.0 < $1.0 }
        for (opened, complaint) in openings {
            let contactID = contactIDs.count > 1 && random.chance(0.4) ? contactIDs[1] : contactIDs[0]
            let wording = random.pick(complaint.wordings)
            let caseID = writeCase(person, contactID: contactID, opened: opened, complaint: complaint,
                                   wording: wording, duplicateOf: nil, &random)
            if random.chance(specification.dirt.duplicateComplaints) {
                let again = opened.adding(seconds: random.int(3600...(3 * 86_400)))
                if again.day <= window.end {
                    let alternatives = complaint.wordings.filter { $0 != wording }
                    let other = alternatives.isEmpty ? wording : random.pick(alternatives)
                    _ = writeCase(person, contactID: contactIDs.last ?? contactID, opened: again, complaint: complaint,
                                  wording: other.lowercased() + (random.chance(0.5) ? " (called again)" : ""), duplicateOf: caseID, &random)
                }
            }
        }
        let courtesyCalls = random.chance(0.45) ? 1 : 0
        for _ in 0..<courtesyCalls {
            let due = person.activeDay(from: max(first, mainCreated.day), to: last, windowEnd: window.end, &random)
            writeTask(person, who: contactIDs[0], what: nil, subject: random.pick(Phrasebook.courtesyTasks), due: due,
                      owner: owner, &random)
        }
    }

    private func contact(_ person: Person, created: Instant, linkedTo erpID: String?, owner: String, duplicateOf: String?,
                         _ random: inout SeededRandom) -> String {
        let id = ids.next("003")
        let parts = scribe.nameParts(person, allowNickname: true, &random)
        let first = scribe.cased(parts.given + (parts.middle.map { " \($0)" } ?? ""), &random)
        let last = scribe.cased(person.surname + (parts.suffix.map { " \($0)" } ?? ""), &random)
        let emailDiffers = duplicateOf != nil ? random.chance(0.5) : random.chance(specification.dirt.contactEmailDiffers)
        let email = scribe.maybe(scribe.email(emailDiffers ? person.otherEmail : person.email, &random), &random)
        let linked = duplicateOf == nil ? !random.chance(specification.dirt.unlinkedContacts) : random.chance(0.3)
        let modified = created.adding(seconds: random.int(60...(86_400 * 200)))
        var record: Record = [attributes("Contact", id), ("Id", .string(id)), ("IsDeleted", .bool(false)),
                              ("FirstName", .string(first)), ("LastName", .string(last)), ("Name", .string("\(first) \(last)")),
                              ("Salutation", .string(person.female ? random.pick(["Ms.", "Mrs."]) : "Mr.")),
                              ("Email", .optional(email)),
                              ("Phone", .optional(scribe.maybe(scribe.phone(person.phoneDigits, &random), &random))),
                              ("MobilePhone", .optional(random.chance(0.5) ? scribe.phone(person.phoneDigits, &random) : nil)),
                              ("Birthdate", .optional(random.chance(0.7) ? person.birthDate.iso : nil)),
                              ("MailingStreet", .string(person.street)), ("MailingCity", .string(person.city.city)),
                              ("MailingState", .string(person.city.state)),
                              ("MailingPostalCode", .string(person.city.zip + padded(person.index % 100, width: 2))),
                              ("MailingCountry", .string(random.chance(0.8) ? "United States" : "USA")),
                              ("AccountId", .null), ("OwnerId", .string(owner)),
                              ("LeadSource", .string(random.pick(["Branch", "Web", "Referral", "Phone Inquiry"]))),
                              ("Core_Banking_Id__c", .optional(linked ? erpID : nil))]
        record += audit(created: created, modified: modified)
        contacts.write(record)
        truth.record("salesforce", "contact", id, person, duplicateOf: duplicateOf)
        return id
    }

    private func writeCase(_ person: Person, contactID: String, opened: Instant, complaint: Phrasebook.Complaint, wording: String,
                           duplicateOf: String?, _ random: inout SeededRandom) -> String {
        let window = specification.window
        let id = ids.next("500")
        caseNumber += 1
        let escalated = random.chance(complaint.escalation * (person.segment == .active ? 1 : 2))
        let resolved = opened.adding(seconds: random.int(3600...(escalated ? 40 : 15) * 86_400))
        let closed = resolved.day <= window.end ? resolved : nil
        let origin = random.pick(["Phone", "Email", "Web", "Branch", "App"])
        var satisfaction: FieldValue = .null
        if closed != nil, random.chance(0.7) {
            // Unhappiness shows once the decline has started, not for a leaver's whole life.
            let declining = person.declineStart.map { opened.day >= $0 } ?? false
            let segmentEffect: Double = switch (declining, person.segment) {
            case (false, _), (_, .active): 0
            case (true, .atRisk): -0.9
            case (true, .churned): -1.5
            }
            let score = 4.1 + Branch.all[person.homeBranch].serviceQuality * 2 + segmentEffect - (escalated ? 0.7 : 0) + random.normal(mean: 0, deviation: 0.7)
            satisfaction = .amount(Double(min(5, max(1, Int(score.rounded())))))
        }
        let status = closed != nil ? "Closed" : (escalated ? "Escalated" : random.pick(["New", "Working"]))
        var record: Record = [attributes("Case", id), ("Id", .string(id)), ("IsDeleted", .bool(false)),
                              ("CaseNumber", .string(padded(caseNumber, width: 8))), ("ContactId", .string(contactID)), ("AccountId", .null),
                              ("SuppliedName", .optional(origin == "Web" ? scribe.fullName(person, allowNickname: true, &random) : nil)),
                              ("SuppliedEmail", .optional(origin == "Web" ? scribe.email(person.email, &random) : nil)),
                              ("Type", .string(complaint.type)), ("Reason", .string(complaint.reason)), ("Origin", .string(origin)),
                              ("Status", .string(status)), ("Priority", .string(escalated ? "High" : random.pick(["Low", "Medium", "Medium"]))),
                              ("Subject", .string(wording)), ("Description", .string(complaint.description)),
                              ("IsClosed", .bool(closed != nil)), ("ClosedDate", .optional(closed?.salesforce)),
                              ("IsEscalated", .bool(escalated)), ("OwnerId", .string(random.pick(agentOwners))),
                              ("Satisfaction_Score__c", satisfaction)]
        record += audit(created: opened, modified: closed ?? opened.adding(seconds: random.int(60...7200)))
        cases.write(record)
        truth.record("salesforce", "case", id, person, duplicateOf: duplicateOf)
        if duplicateOf == nil, random.chance(0.7) {
            writeTask(person, who: contactID, what: id, subject: "Follow up on case \(padded(caseNumber, width: 8))",
                      due: opened.day.adding(days: random.int(2...7)), owner: branchOwners[person.homeBranch], &random)
        }
        return id
    }

    private func writeTask(_ person: Person, who: String, what: String?, subject: String, due: Day, owner: String,
                           _ random: inout SeededRandom) {
        let window = specification.window
        let id = ids.next("00T")
        let created = Instant(day: due.adding(days: -random.int(1...5)), secondOfDay: random.int(28_800...64_800))
        let done = due <= window.end.adding(days: -3) && random.chance(0.85)
        let completed = done ? Instant(day: due, secondOfDay: random.int(28_800...64_800)) : nil
        let type = random.pick(["Call", "Call", "Email", "Meeting"])
        var record: Record = [attributes("Task", id), ("Id", .string(id)), ("IsDeleted", .bool(false)), ("WhoId", .string(who)),
                              ("WhatId", .optional(what)), ("Subject", .string(subject)), ("ActivityDate", .string(due.iso)),
                              ("Status", .string(done ? "Completed" : (due < window.end ? "In Progress" : "Not Started"))),
                              ("Priority", .string(what == nil ? "Normal" : "High")), ("Type", .string(type)),
                              ("TaskSubtype", .string(type == "Email" ? "Email" : (type == "Call" ? "Call" : "Task"))),
                              ("Description", .optional(random.chance(0.6) ? "Logged by relationship manager" : nil)),
                              ("IsClosed", .bool(done)), ("CompletedDateTime", .optional(completed?.salesforce)), ("OwnerId", .string(owner))]
        record += audit(created: created, modified: completed ?? created.adding(seconds: random.int(60...3600)))
        tasks.write(record)
        truth.record("salesforce", "task", id, person)
    }

    /// Closes every Salesforce file.
    func close() throws(SimulatorError) {
        for export in [contacts, cases, tasks] { try export.close() }
    }

    /// Rows written per entity.
    var counts: [(String, Int)] { [("contact", contacts.count), ("case", cases.count), ("task", tasks.count)] }
}
