import Testing
import TenureCore

@Suite("Normalization: dates")
struct CalendarDateTextTests {
    @Test("ISO, slashed, day-first and month-first dates read", arguments: [
        ("2024-03-07", "2024-03-07"),
        ("  2024-03-07\t", "2024-03-07"),
        ("\u{A0}2024-03-07\u{A0}", "2024-03-07"),
        ("2024-3-7", "2024-03-07"),
        ("2024-03-07T10:15:00Z", "2024-03-07"),
        ("2024-03-07 9:05", "2024-03-07"),
        ("2024-03-07 10:15:00.123+05:00", "2024-03-07"),
        ("2024/03/07", "2024-03-07"),
        ("07/03/2024", "2024-03-07"),
        ("7/3/2024", "2024-03-07"),
        ("03-07-2024", "2024-03-07"),
        ("3-7-2024", "2024-03-07"),
        ("1800-01-01", "1800-01-01"),
        ("2199-12-31", "2199-12-31"),
    ])
    func reads(input: String, expected: String) {
        #expect(CalendarDateText.iso(input) == expected)
    }

    @Test("the number in the month position over 12 swaps with the day")
    func swapsAmbiguous() {
        // Slashes: day first, unless the second number cannot be a month.
        #expect(CalendarDateText.iso("01/13/2024") == "2024-01-13")
        #expect(CalendarDateText.iso("13/01/2024") == "2024-01-13")
        // Dashes: month first, unless the first number cannot be a month.
        #expect(CalendarDateText.iso("13-01-2024") == "2024-01-13")
        #expect(CalendarDateText.iso("01-13-2024") == "2024-01-13")
        // Both over 12: no swap, no date.
        #expect(CalendarDateText.iso("13/13/2024") == nil)
        // Both at most 12: the convention decides.
        #expect(CalendarDateText.iso("02/03/2024") == "2024-03-02")
        #expect(CalendarDateText.iso("02-03-2024") == "2024-02-03")
        // ISO never swaps.
        #expect(CalendarDateText.iso("2024-13-01") == nil)
    }

    @Test("leap days are real only in leap years")
    func leapDays() {
        #expect(CalendarDateText.iso("29/02/2024") == "2024-02-29")
        #expect(CalendarDateText.iso("29/02/2023") == nil)
        #expect(CalendarDateText.iso("2000-02-29") == "2000-02-29")
        #expect(CalendarDateText.iso("1900-02-29") == nil)
        #expect(CalendarDateText.iso("02-29-2100") == nil)
    }

    @Test("unusable text gives nil", arguments: [
        "", "   ", "N/A", "TBD", "2024", "31/02/2024", "00-00-0000", "2024-00-10", "2024-04-31", "0024-01-01",
        "1799-12-31", "2200-01-01", "20240115", "2024-01-15T", "2024-01-15 x", "2024-01-15T25", "2024/01/15 10:00",
        "2024-01/15", "01/15-2024", "1/2/24", "123/01/2024", "2024-001-01", "2024-01-015", "+2024-01-15", "2024–01–15",
        "２０２４-01-15", "15.01.2024", "2024-01-15\n10:00",
    ])
    func rejects(input: String) {
        #expect(CalendarDateText.iso(input) == nil)
    }

    @Test("days are added across months, years and leap days")
    func addsDays() {
        #expect(CalendarDateText.addingDays(1, to: "2024-02-28") == "2024-02-29")
        #expect(CalendarDateText.addingDays(1, to: "2023-02-28") == "2023-03-01")
        #expect(CalendarDateText.addingDays(1, to: "2023-12-31 23:59:59") == "2024-01-01")
        #expect(CalendarDateText.addingDays(-1, to: "2024-01-01T00:00:00Z") == "2023-12-31")
        #expect(CalendarDateText.addingDays(0, to: "2024-05-05") == "2024-05-05")
        #expect(CalendarDateText.addingDays(366, to: "2024-01-01") == "2025-01-01")
        #expect(CalendarDateText.addingDays(-36_524, to: "2000-01-01") == "1900-01-01")
        #expect(CalendarDateText.addingDays(1, to: "2199-12-31") == nil)
        #expect(CalendarDateText.addingDays(-1, to: "1800-01-01") == nil)
        #expect(CalendarDateText.addingDays(Int.max, to: "2024-01-01") == nil)
        #expect(CalendarDateText.addingDays(Int.min, to: "2024-01-01") == nil)
        // Only clean ISO date parts.
        #expect(CalendarDateText.addingDays(1, to: "07/03/2024") == nil)
        #expect(CalendarDateText.addingDays(1, to: " 2024-03-07") == nil)
        #expect(CalendarDateText.addingDays(1, to: "2024-3-7") == nil)
        #expect(CalendarDateText.addingDays(1, to: "2024-03-070") == nil)
        #expect(CalendarDateText.addingDays(1, to: "2024-02-30") == nil)
    }

    @Test("days between two dates or timestamps count from the first to the second")
    func daysBetween() {
        #expect(CalendarDateText.daysBetween("2024-01-01", "2024-03-01") == 60)
        #expect(CalendarDateText.daysBetween("2023-01-01", "2023-03-01") == 59)
        #expect(CalendarDateText.daysBetween("2024-03-01", "2024-01-01") == -60)
        #expect(CalendarDateText.daysBetween("2024-01-01T23:59:59Z", "2024-01-02 00:00:00") == 1)
        #expect(CalendarDateText.daysBetween("1800-01-01", "2199-12-31") == 146_096)
        #expect(CalendarDateText.daysBetween("1970-01-01", "1970-01-01") == 0)
        #expect(CalendarDateText.daysBetween("N/A", "2024-01-01") == nil)
        #expect(CalendarDateText.daysBetween("2024-01-01", "2024-02-30") == nil)
    }

    @Test("epoch days round-trip over the whole supported range")
    func epochDays() throws {
        let first = try #require(CalendarDate(year: 1800, month: 1, day: 1))
        let last = try #require(CalendarDate(year: 2199, month: 12, day: 31))
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        var previous: CalendarDate?
        for ordinal in first.daysSinceEpoch...last.daysSinceEpoch {
            let date = try #require(CalendarDate(daysSinceEpoch: ordinal))
            #expect(date.daysSinceEpoch == ordinal)
            if let previous { #expect(previous < date) }
            previous = date
        }
        #expect(CalendarDate(daysSinceEpoch: first.daysSinceEpoch - 1) == nil)
        #expect(CalendarDate(daysSinceEpoch: last.daysSinceEpoch + 1) == nil)
        #expect(last.iso == "2199-12-31")
    }
}

@Suite("Normalization: timestamps")
struct TimestampTextTests {
    @Test("source systems' timestamps read as UTC", arguments: [
        ("2023-01-03 11:39:11.868867", "2023-01-03 11:39:11"),
        ("2021-06-01T14:56:36.000+0000", "2021-06-01 14:56:36"),
        ("2023-01-07T06:54:20+00:00", "2023-01-07 06:54:20"),
        ("2023-01-07T06:54:20Z", "2023-01-07 06:54:20"),
        ("2023-01-07T06:54:20-00", "2023-01-07 06:54:20"),
        ("2023-01-07 06:54", "2023-01-07 06:54:00"),
        ("2023-01-07", "2023-01-07 00:00:00"),
        (" 2023-01-07T06:54:20.5Z\n", "2023-01-07 06:54:20"),
        ("2023-01-07T06:54:59.999999", "2023-01-07 06:54:59"),
    ])
    func reads(input: String, expected: String) {
        #expect(TimestampText.utc(input) == expected)
    }

    @Test("offsets convert to UTC across days, months, years and leap days", arguments: [
        ("2024-01-15T09:30:00+05:30", "2024-01-15 04:00:00"),
        ("2024-01-15T09:30:00+0530", "2024-01-15 04:00:00"),
        ("2024-01-15T09:30:00+05", "2024-01-15 04:30:00"),
        ("2024-01-15T01:00:00+02:00", "2024-01-14 23:00:00"),
        ("2024-01-15T23:00:00-02:00", "2024-01-16 01:00:00"),
        ("2024-01-01T00:30:00+01:00", "2023-12-31 23:30:00"),
        ("2023-12-31T22:00:00-05:00", "2024-01-01 03:00:00"),
        ("2024-02-28T23:00:00-03:00", "2024-02-29 02:00:00"),
        ("2023-02-28T23:00:00-03:00", "2023-03-01 02:00:00"),
        ("2024-03-01T00:00:00+00:01", "2024-02-29 23:59:00"),
        ("2024-03-01 00:00+23:59", "2024-02-29 00:01:00"),
        ("2024-06-30T20:00:00-23:59", "2024-07-01 19:59:00"),
        ("2024-01-15 09:30-0800", "2024-01-15 17:30:00"),
    ])
    func convertsOffsets(input: String, expected: String) {
        #expect(TimestampText.utc(input) == expected)
    }

    @Test("malformed timestamps give nil", arguments: [
        "", "N/A", "2024-01-15T", "2024-01-15T24:00:00", "2024-01-15T10:60", "2024-01-15T10:00:60", "2024-01-15T9:00",
        "2024-01-15 10", "2024-01-15T10:00:00.", "2024-01-15T10:00:00+5", "2024-01-15T10:00:00+05:", "2024-01-15T10:00:00+053",
        "2024-01-15T10:00:00+24:00", "2024-01-15T10:00:00+05:60", "2024-01-15T10:00:00 +05:00", "2024-01-15T10:00:00z",
        "2024-01-15Z", "2024-02-30T10:00:00", "15/01/2024 10:00", "2024-1-15 10:00", "2024-01-15T10:00:00ZZ",
        "2199-12-31T23:00:00-05:00", "1800-01-01T00:30:00+01:00", "2024-01-15T10:00:00+05:00:00",
    ])
    func rejects(input: String) {
        #expect(TimestampText.utc(input) == nil)
    }
}
