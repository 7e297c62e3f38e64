/// What bank to generate: how many customers, from which seed, over which window, how dirty.
public struct BankSpecification: Sendable, Equatable {
    /// The largest bank the generator supports.
    public static let maximumCustomers = 500_000

    /// The window of history, first to last day inclusive.
    public struct Window: Sendable, Equatable {
        public var start: Day
        public var end: Day
    }

    /// Number of real people (customers) in the bank.
    public var customers: Int
    /// Seed of every random choice: the same seed and size give byte-identical files.
    public var seed: UInt64
    /// Rates of each kind of dirty data.
    public var dirt: DirtRates
    /// January 2023 to January 2026, as the bank's proof of concept.
    public var window = Window(start: Day(year: 2023, month: 1, day: 1), end: Day(year: 2026, month: 1, day: 31))

    /// A bank of `customers` people from `seed`; fails when the size is out of range.
    public init(customers: Int = 500, seed: UInt64 = 42, dirt: DirtRates = DirtRates()) throws(SimulatorError) {
        guard (1...Self.maximumCustomers).contains(customers) else { throw .customersOutOfRange(customers) }
        self.customers = customers
        self.seed = seed
        self.dirt = dirt
    }

    /// The day the bank moved its core banking to ERPNext; older customers were migrated then.
    var erpMigrationDay: Day { Day(year: 2023, month: 1, day: 2) }

    /// The day the bank started using Salesforce.
    var crmStartDay: Day { Day(year: 2021, month: 6, day: 1) }

    /// The day the mobile app launched.
    var appLaunchDay: Day { Day(year: 2022, month: 3, day: 1) }
}
