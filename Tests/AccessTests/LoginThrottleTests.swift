import Access
import Foundation
import Testing

@Suite("Login throttle")
struct LoginThrottleTests {
    @Test func fiveFailuresLockThePairUntilTheWindowPasses() {
        let clock = TestClock(Fixture.january15(9))
        let throttle = LoginThrottle(now: clock.now)
        for _ in 0..<4 {
            #expect(throttle.allows(username: "maria", ip: "10.0.0.1"))
            throttle.recordFailure(username: "maria", ip: "10.0.0.1")
            clock.advance(60)
        }
        #expect(throttle.allows(username: "maria", ip: "10.0.0.1"))
        throttle.recordFailure(username: "maria", ip: "10.0.0.1")  // the fifth, at 09:04
        #expect(!throttle.allows(username: "maria", ip: "10.0.0.1"))
        #expect(!throttle.allows(username: "MARIA", ip: "10.0.0.1"))
        // Other pairs are not affected.
        #expect(throttle.allows(username: "maria", ip: "10.0.0.2"))
        #expect(throttle.allows(username: "omar", ip: "10.0.0.1"))
        // The first failure (09:00) is 15 minutes old at 09:15: refused just before, allowed then.
        #expect(throttle.retryAfter(username: "maria", ip: "10.0.0.1") == .seconds(11 * 60))
        clock.set(Fixture.january15(9, 15).addingTimeInterval(-1))
        #expect(!throttle.allows(username: "maria", ip: "10.0.0.1"))
        clock.set(Fixture.january15(9, 15))
        #expect(throttle.allows(username: "maria", ip: "10.0.0.1"))
        // One more failure makes five within the window again (09:01…09:04 and now).
        throttle.recordFailure(username: "maria", ip: "10.0.0.1")
        #expect(!throttle.allows(username: "maria", ip: "10.0.0.1"))
        clock.advance(16 * 60)
        #expect(throttle.allows(username: "maria", ip: "10.0.0.1"))
    }

    @Test func successClearsTheFailures() {
        let clock = TestClock(Fixture.january15(9))
        let throttle = LoginThrottle(now: clock.now)
        for _ in 0..<4 { throttle.recordFailure(username: "maria", ip: "10.0.0.1") }
        throttle.recordSuccess(username: "maria", ip: "10.0.0.1")
        for _ in 0..<4 { throttle.recordFailure(username: "maria", ip: "10.0.0.1") }
        #expect(throttle.allows(username: "maria", ip: "10.0.0.1"))
        throttle.recordFailure(username: "maria", ip: "10.0.0.1")
        #expect(!throttle.allows(username: "maria", ip: "10.0.0.1"))
    }

    @Test func failuresOlderThanTheWindowDoNotCount() {
        let clock = TestClock(Fixture.january15(9))
        let throttle = LoginThrottle(now: clock.now)
        for _ in 0..<10 {
            throttle.recordFailure(username: "maria", ip: "10.0.0.1")
            clock.advance(4 * 60)  // four minutes apart: never five within fifteen minutes
            #expect(throttle.allows(username: "maria", ip: "10.0.0.1"))
        }
    }
}
