/// How dirty the simulated bank's systems are: each kind of problem the bank's real data shows,
/// at a documented rate that can be changed (`tenure generate --dirt name=rate`).
public struct DirtRates: Sendable, Equatable {
    /// Share of free-typed dates (legacy ERPNext custom fields, sheet cells) not in ISO form;
    /// they are split evenly between `DD/MM/YYYY` and `MM-DD-YYYY`.
    public var mixedDateFormats = 0.6
    /// Share of names written in upper or lower case instead of title case.
    public var nameCase = 0.15
    /// Share of names written with the given name as an initial (`J. Smith`) or a middle initial added.
    public var nameInitials = 0.1
    /// Share of CRM contacts and sheet rows that use a nickname (`Bill` for `William`).
    public var nicknames = 0.08
    /// Share of phone numbers not written as E.164; they are split across `1234567890`,
    /// `123-456-7890` and `(123) 456-7890`.
    public var mixedPhoneFormats = 0.75
    /// Share of people opened twice in ERPNext at a second branch.
    public var duplicateCustomers = 0.03
    /// Share of CRM contacts without the core-banking customer id.
    public var unlinkedContacts = 0.1
    /// Share of CRM contacts carrying another e-mail address (work or second personal address).
    public var contactEmailDiffers = 0.07
    /// Share of people with a second, duplicate CRM contact.
    public var duplicateContacts = 0.03
    /// Share of app accounts registered with another e-mail address or a provider alias.
    public var appEmailDiffers = 0.05
    /// Share of complaint cases filed a second time, worded differently.
    public var duplicateComplaints = 0.05
    /// Share of sheet cells naming a branch or region in a non-standard way.
    public var branchNameVariants = 0.4
    /// Share of optional cells (e-mail, phone, sheet cells) left empty.
    public var emptyCells = 0.05
    /// Share of e-mail addresses with stray upper case or surrounding spaces.
    public var emailNoise = 0.08
    /// Share of free-typed cells holding unusable values (`N/A`, `31/02/2024`, `john.smith@`).
    public var malformedCells = 0.01

    /// The default, realistically dirty bank.
    public init() {}

    /// A bank with no dirt at all, for tests that need a clean baseline.
    public static let clean: DirtRates = {
        var rates = DirtRates()
        for keyPath in DirtRates.keyPaths.values { rates[keyPath: keyPath] = 0 }
        return rates
    }()

    /// Rate names as the command line and manifest spell them.
    public static let keyPaths: [String: WritableKeyPath<DirtRates, Double> & Sendable] = [
        "mixed_date_formats": \.mixedDateFormats, "name_case": \.nameCase, "name_initials": \.nameInitials,
        "nicknames": \.nicknames, "mixed_phone_formats": \.mixedPhoneFormats, "duplicate_customers": \.duplicateCustomers,
        "unlinked_contacts": \.unlinkedContacts, "contact_email_differs": \.contactEmailDiffers,
        "duplicate_contacts": \.duplicateContacts, "app_email_differs": \.appEmailDiffers,
        "duplicate_complaints": \.duplicateComplaints, "branch_name_variants": \.branchNameVariants,
        "empty_cells": \.emptyCells, "email_noise": \.emailNoise, "malformed_cells": \.malformedCells,
    ]

    /// Sets a rate from `name=value` text, as given on the command line; `none` sets every rate to 0.
    public mutating func apply(_ assignment: String) throws(SimulatorError) {
        if assignment == "none" {
            self = .clean
            return
        }
        let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let keyPath = Self.keyPaths[parts[0]] else {
            throw .invalidDirtRate("'\(assignment)' (expected NAME=RATE with NAME one of \(Self.keyPaths.keys.sorted().joined(separator: ", ")))")
        }
        guard let value = Double(parts[1]), value >= 0, value <= 1 else {
            throw .invalidDirtRate("'\(assignment)' (a rate is a number from 0 to 1)")
        }
        self[keyPath: keyPath] = value
    }

    /// Every rate by name, sorted, for the manifest.
    public var named: [(String, Double)] { Self.keyPaths.sorted { $0.key < $1.key }.map { ($0.key, self[keyPath: $0.value]) } }
}
