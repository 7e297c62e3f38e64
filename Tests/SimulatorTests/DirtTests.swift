import Foundation
import Testing
@testable import Simulator

/// Every kind of dirty data the bank's real systems show is present at the default rates, and
/// absent when the rates are zero — so each is produced by its rate, not by accident.
@Suite("Dirty data")
struct DirtTests {
    nonisolated(unsafe) static let ddmmyyyy = #/^\d\d/\d\d/\d{4}$/#
    nonisolated(unsafe) static let mmddyyyy = #/^\d\d-\d\d-\d{4}$/#
    nonisolated(unsafe) static let iso = #/^\d{4}-\d\d-\d\d$/#

    /// Dates typed by hand: the legacy ERPNext fields and the sheets' date cells.
    func typedDates(_ bank: GeneratedBank) throws -> [String] {
        try bank.records("erpnext", "customer").flatMap { [$0["custom_customer_since"], $0["custom_date_of_birth"]].compactMap { $0 as? String } }
            + bank.sheetRows("customer_notes").compactMap { $0["Date"] }
            + bank.sheetRows("campaigns").compactMap { $0["Start Date"] }
    }

    func phones(_ bank: GeneratedBank) throws -> [String] {
        try bank.records("erpnext", "customer").compactMap { $0["mobile_no"] as? String }
            + bank.records("salesforce", "contact").compactMap { $0["Phone"] as? String }
            + bank.sheetRows("customer_notes").compactMap { $0["Phone"] }.filter { !$0.isEmpty }
    }

    @Test func datesComeInThreeFormats() throws {
        let dates = try typedDates(try GeneratedBank.standard.get())
        let dmy = dates.filter { $0.wholeMatch(of: Self.ddmmyyyy) != nil }.count
        let mdy = dates.filter { $0.wholeMatch(of: Self.mmddyyyy) != nil }.count
        let iso = dates.filter { $0.wholeMatch(of: Self.iso) != nil }.count
        #expect(dmy > dates.count / 5 && mdy > dates.count / 5 && iso > dates.count / 5, "DD/MM \(dmy), MM-DD \(mdy), ISO \(iso) of \(dates.count)")
        // Some are unusable; they must stay, to be counted as unparseable downstream.
        #expect(dates.contains { $0 == "N/A" || $0 == "TBD" || $0.hasPrefix("31/02") || $0 == "00-00-0000" || $0.count == 4 })
        // Both day-first and month-first forms hold days above 12, which make the format visible.
        #expect(dates.contains { $0.wholeMatch(of: Self.ddmmyyyy) != nil && Int($0.prefix(2))! > 12 })
        #expect(dates.contains { $0.wholeMatch(of: Self.mmddyyyy) != nil && Int($0.dropFirst(3).prefix(2))! > 12 })
    }

    @Test func phonesComeInFourFormats() throws {
        let phones = try phones(try GeneratedBank.standard.get())
        let patterns = [#/^\d{10}$/#, #/^\d{3}-\d{3}-\d{4}$/#, #/^\+1\d{10}$/#, #/^\(\d{3}\) \d{3}-\d{4}$/#]
        for pattern in patterns {
            #expect(phones.filter { $0.wholeMatch(of: pattern) != nil }.count > phones.count / 10)
        }
        #expect(phones.contains { $0 == "N/A" || $0 == "none" || $0 == "000" || $0 == "555-01" })
    }

    @Test func namesVaryInCaseInitialsSuffixesAndNicknames() throws {
        let bank = try GeneratedBank.standard.get()
        let people = try bank.people()
        let truth = try bank.truth()
        let erpNames = try bank.records("erpnext", "customer").compactMap { $0["customer_name"] as? String }
        #expect(erpNames.contains { $0 == $0.uppercased() && $0.contains(" ") })
        #expect(erpNames.contains { $0 == $0.lowercased() })
        #expect(erpNames.contains { $0.wholeMatch(of: #/^[A-Za-z]\. .+/#) != nil }, "an initial for the given name")
        #expect(erpNames.contains { $0.range(of: #" [A-Z]\. "#, options: .regularExpression) != nil }, "a middle initial")
        #expect(erpNames.contains { $0.uppercased().hasSuffix("JR.") || $0.uppercased().hasSuffix("JR") || $0.hasSuffix("III") || $0.hasSuffix("II") || $0.uppercased().hasSuffix("SR.") })
        // Nicknames in the CRM: the contact's given name is a familiar form of the person's.
        let nicknamed = try bank.records("salesforce", "contact").filter { contact in
            let person = truth["salesforce/contact/\(contact["Id"] as? String ?? "")"].flatMap { people[$0["person_id"] ?? ""] }
            let familiar = NamePool.nicknames[person?["given_name"] ?? ""] ?? []
            return familiar.contains { ($0.lowercased()) == (contact["FirstName"] as? String ?? "").lowercased() }
        }
        #expect(!nicknamed.isEmpty)
        // Relationship managers' informal names: "John S. (VIP)", "SMITH, JOHN", "Mr. Smith".
        let labels = try bank.sheetRows("customer_notes").compactMap { $0["Customer"] }
        #expect(labels.contains { $0.wholeMatch(of: #/^\S+ \S\. \(VIP\)$/#) != nil })
        #expect(labels.contains { $0.wholeMatch(of: #/^[A-Z' .]+, [A-Z]+$/#) != nil })
        #expect(labels.contains { $0.hasPrefix("Mr. ") || $0.hasPrefix("Mrs. ") })
    }

    @Test func identitiesAreSplitAcrossAndWithinSystems() throws {
        let bank = try GeneratedBank.standard.get()
        let people = try bank.people()
        let truth = try bank.truth()
        func owner(_ key: String) -> [String: String]? { truth[key].flatMap { people[$0["person_id"] ?? ""] } }

        // The same person opened twice in ERPNext, at different branches.
        let customers = try bank.records("erpnext", "customer")
        let byPerson = Dictionary(grouping: customers) { truth["erpnext/customer/\($0["name"] as? String ?? "")"]?["person_id"] ?? "" }
        let twice = byPerson.values.filter { $0.count == 2 }
        #expect(twice.count >= 5)
        #expect(twice.allSatisfy { Set($0.compactMap { $0["territory"] as? String }).count == 2 })

        let contacts = try bank.records("salesforce", "contact")
        #expect(contacts.filter { $0["Core_Banking_Id__c"] is NSNull }.count > contacts.count / 20, "contacts not linked to core banking")
        let otherEmail = contacts.filter { contact in
            guard let email = (contact["Email"] as? String)?.trimmingCharacters(in: .whitespaces).lowercased(),
                  let person = owner("salesforce/contact/\(contact["Id"] as? String ?? "")") else { return false }
            return email != person["email"] && email.contains("@") && !email.hasSuffix("@")
        }
        #expect(otherEmail.count >= 15, "contacts holding another e-mail address: \(otherEmail.count)")
        let duplicateContacts = truth.values.filter { $0["entity"] == "contact" && !($0["duplicate_of"] ?? "").isEmpty }
        #expect(duplicateContacts.count >= 5)

        // The app account registered with another address or a Gmail alias.
        let sessions = try bank.records("supabase", "app_sessions")
        let aliases = Set(sessions.compactMap { session -> String? in
            guard let email = session["user_email"] as? String,
                  let person = owner("supabase/app_sessions/\(session["id"] as? String ?? "")") else { return nil }
            let clean = email.trimmingCharacters(in: .whitespaces).lowercased()
            return clean != person["email"] && !clean.hasSuffix("@") ? clean : nil
        })
        #expect(aliases.contains { $0.contains("+bank@gmail.com") } || aliases.contains { $0.hasSuffix("@gmail.com") })
        #expect(aliases.count >= 10)

        // E-mail noise: stray capitals and spaces.
        let erpEmails = customers.compactMap { $0["email_id"] as? String }
        #expect(erpEmails.contains { $0 != $0.lowercased() })
        #expect(erpEmails.contains { $0.hasPrefix(" ") || $0.hasSuffix(" ") })
        #expect(customers.contains { $0["email_id"] is NSNull }, "e-mail missing")
    }

    @Test func complaintsAreFiledTwiceInOtherWords() throws {
        let bank = try GeneratedBank.standard.get()
        let truth = try bank.truth()
        let cases = Dictionary(uniqueKeysWithValues: try bank.records("salesforce", "case").map { ($0["Id"] as? String ?? "", $0) })
        let duplicates = truth.values.filter { $0["entity"] == "case" && !($0["duplicate_of"] ?? "").isEmpty }
        #expect(duplicates.count >= 30)
        for duplicate in duplicates {
            let copy = try #require(cases[duplicate["source_id"] ?? ""]), original = try #require(cases[duplicate["duplicate_of"] ?? ""])
            #expect(copy["Subject"] as? String != original["Subject"] as? String)
            #expect(copy["Reason"] as? String == original["Reason"] as? String)
            #expect((copy["CreatedDate"] as? String ?? "") > (original["CreatedDate"] as? String ?? ""))
        }
    }

    @Test func branchesAndRegionsAreSpelledDifferentlyInTheSheets() throws {
        let bank = try GeneratedBank.standard.get()
        let territories = Set(Branch.all.map(\.territory))
        let sheetBranches = try bank.sheetRows("customer_notes").compactMap { $0["Branch"] } + bank.sheetRows("branches").compactMap { $0["Branch Name"] }
        #expect(sheetBranches.filter { !territories.contains($0) }.count > sheetBranches.count / 5)
        #expect(sheetBranches.contains("DT Main Branch") || sheetBranches.contains("downtown main"))
        let regions = try bank.sheetRows("campaigns").compactMap { $0["Region"] } + bank.sheetRows("branches").compactMap { $0["Region"] }
        #expect(regions.contains { $0.count == 1 }, "a region abbreviated to its letter")
        #expect(regions.contains { $0 == $0.uppercased() && $0.count > 1 })
        #expect(regions.contains { Region(rawValue: $0) != nil })
    }

    @Test func aCleanBankHasNoneOfIt() throws {
        let bank = try GeneratedBank.clean.get()
        let dates = try typedDates(bank)
        #expect(!dates.isEmpty && dates.allSatisfy { $0.wholeMatch(of: Self.iso) != nil })
        let phones = try phones(bank)
        #expect(!phones.isEmpty && phones.allSatisfy { $0.wholeMatch(of: #/^\+1\d{10}$/#) != nil })
        let people = try bank.people()
        let truth = try bank.truth()
        #expect(try bank.records("erpnext", "customer").count == people.count)
        #expect(try bank.records("salesforce", "contact").allSatisfy { !($0["Core_Banking_Id__c"] is NSNull) })
        #expect(truth.values.allSatisfy { ($0["duplicate_of"] ?? "").isEmpty })
        let territories = Set(Branch.all.map(\.territory))
        #expect(try bank.sheetRows("customer_notes").allSatisfy { territories.contains($0["Branch"] ?? "") })
        for customer in try bank.records("erpnext", "customer") {
            let person = try #require(truth["erpnext/customer/\(customer["name"] as? String ?? "")"].flatMap { people[$0["person_id"] ?? ""] })
            #expect(customer["email_id"] as? String == person["email"])
        }
    }
}
