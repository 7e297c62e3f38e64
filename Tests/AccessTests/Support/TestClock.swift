import Access
import Foundation
import Logging
import Warehouse

/// A clock tests set and move by hand, so expiry and throttling need no sleeping.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    /// The clock's time, as the closure `AccessStore` and `LoginThrottle` take.
    var now: @Sendable () -> Date { { [self] in lock.withLock { current } } }

    /// Moves the clock on by `seconds`.
    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }

    /// Sets the clock to `date`.
    func set(_ date: Date) { lock.withLock { current = date } }
}

/// Test fixtures shared by the suites.
enum Fixture {
    static let logger = Logger(label: "tenure.access.tests") { _ in SwiftLogNoOpLogHandler() }

    /// 2025-01-15 at `hour`:`minute` UTC.
    static func january15(_ hour: Int, _ minute: Int = 0) -> Date {
        utc(2025, 1, 15, hour, minute)
    }

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) ?? Date()
    }

    /// A prepared store over `warehouse` on `clock`.
    static func store(_ warehouse: any Warehouse, clock: TestClock = TestClock(january15(9))) async throws -> AccessStore {
        let store = AccessStore(warehouse: warehouse, logger: logger, now: clock.now)
        try await store.prepare()
        return store
    }

    static let password = "correct horse battery"
}
