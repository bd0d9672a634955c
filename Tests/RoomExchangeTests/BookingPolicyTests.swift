import Foundation
import Testing
import RoomExchange

private func room(hours: [String] = Array(repeating: "08:00-12:00, 14:00-22:00", count: 7), min: Int = 60, max: Int = 240,
                  lead: Int = 2, ahead: Int = 365, capacity: Int = 20) throws -> Room {
    Room(id: .init(1), organisationID: .init(1), status: .published, title: "Raum", description: "", district: .innenstadt,
         street: "", postcode: "23552", capacity: capacity, areaM2: nil, price: .free, bookingMode: .instant,
         accessibility: Accessibility(stepFree: false, accessibleWC: false, hearingLoop: false), equipment: [],
         openingHours: WeeklyHours(days: try hours.map { try WeeklyHours.parseDay($0) }), minMinutes: min, maxMinutes: max,
         leadHours: lead, maxDaysAhead: ahead, rules: "")
}

private func day(_ text: String) -> LocalDate { LocalDate(text)! }
/// 2027-01-11 09:00 local (UTC+1) as epoch seconds.
private let mondayMorning = BerlinTime.instant(LocalDate("2027-01-11")!, minute: 9 * 60)!

@Suite("Booking rules in Europe/Berlin time")
struct BookingPolicyTests {
    @Test("a slot inside the hours, on the grid, far enough ahead is bookable and gets its UTC instants")
    func bookable() throws {
        let slot = BookingSlot(date: day("2027-01-12"), startMinute: 18 * 60, endMinute: 20 * 60)
        let (problems, instants) = BookingPolicy.check(slot, attendees: 10, room: try room(), closures: [], now: mondayMorning)
        #expect(problems.isEmpty)
        #expect(instants?.start == 1_799_773_200) // 2027-01-12T17:00:00Z
        #expect(instants.map { $0.end - $0.start } == 7200)
    }

    @Test("outside the opening spans, across the lunch break, or on a closed weekday is refused")
    func openingHours() throws {
        var hours = Array(repeating: "08:00-12:00, 14:00-22:00", count: 7)
        hours[6] = ""
        let room = try room(hours: hours)
        for (date, start, end) in [("2027-01-12", 11 * 60, 13 * 60), ("2027-01-12", 21 * 60, 23 * 60), ("2027-01-17", 10 * 60, 11 * 60), ("2027-01-12", 7 * 60, 9 * 60)] {
            let slot = BookingSlot(date: day(date), startMinute: start, endMinute: end)
            #expect(BookingPolicy.check(slot, attendees: 1, room: room, closures: [], now: mondayMorning).problems.contains(.outsideOpeningHours), "\(date) \(start)")
        }
        #expect(BookingPolicy.check(BookingSlot(date: day("2027-01-12"), startMinute: 14 * 60, endMinute: 15 * 60), attendees: 1, room: room, closures: [], now: mondayMorning).problems.isEmpty)
    }

    @Test("a whole-day room can be booked up to midnight")
    func midnight() throws {
        let room = try room(hours: Array(repeating: "00:00-24:00", count: 7), max: 1440)
        let slot = BookingSlot(date: day("2027-01-12"), startMinute: 22 * 60, endMinute: 1440)
        let (problems, instants) = BookingPolicy.check(slot, attendees: 1, room: room, closures: [], now: mondayMorning)
        #expect(problems.isEmpty)
        #expect(instants.map { $0.end - $0.start } == 7200)
    }

    @Test("grid, order, lengths, capacity, past, lead time and horizon each give their own reason")
    func rules() throws {
        let room = try room(min: 60, max: 180, lead: 48, ahead: 30, capacity: 8)
        func problems(_ date: String, _ start: Int, _ end: Int, people: Int = 2) -> [BookingProblem] {
            BookingPolicy.check(BookingSlot(date: day(date), startMinute: start, endMinute: end), attendees: people, room: room, closures: [], now: mondayMorning).problems
        }
        #expect(problems("2027-01-20", 18 * 60 + 10, 20 * 60) == [.notOnGrid])
        #expect(problems("2027-01-20", 20 * 60, 18 * 60) == [.endNotAfterStart])
        #expect(problems("2027-01-20", 18 * 60, 18 * 60 + 30) == [.tooShort(minimum: 60)])
        #expect(problems("2027-01-20", 14 * 60, 18 * 60) == [.tooLong(maximum: 180)])
        #expect(problems("2027-01-20", 18 * 60, 20 * 60, people: 9) == [.tooManyPeople(capacity: 8)])
        #expect(problems("2027-01-10", 18 * 60, 20 * 60) == [.inThePast])
        #expect(problems("2027-01-12", 8 * 60, 10 * 60) == [.tooSoon(leadHours: 48)])
        #expect(problems("2027-02-11", 18 * 60, 20 * 60) == [.tooFarAhead(days: 30)])
        #expect(problems("2027-02-10", 18 * 60, 20 * 60).isEmpty)
        #expect(!BookingProblem.notOnGrid.isConflict && BookingProblem.overlapsBooking.isConflict)
    }

    @Test("closures block every day from their first to their last date")
    func closures() throws {
        let closures = [BookingPolicy.ClosedPeriod(from: day("2027-01-20"), to: day("2027-01-22"), reason: "Renovierung")]
        for (date, closed) in [("2027-01-19", false), ("2027-01-20", true), ("2027-01-22", true), ("2027-01-23", false)] {
            let slot = BookingSlot(date: day(date), startMinute: 18 * 60, endMinute: 19 * 60)
            let problems = BookingPolicy.check(slot, attendees: 1, room: try room(), closures: closures, now: mondayMorning).problems
            #expect(problems.contains(.closed(reason: "Renovierung")) == closed, "\(date)")
        }
    }

    @Test("spring forward: 02:30 on the last Sunday in March does not exist; a night booking is an hour shorter")
    func springForward() throws {
        let room = try room(hours: Array(repeating: "00:00-24:00", count: 7), max: 600)
        let sunday = day("2027-03-28")
        #expect(BerlinTime.instant(sunday, minute: 150) == nil)
        let gap = BookingPolicy.check(BookingSlot(date: sunday, startMinute: 150, endMinute: 240), attendees: 1, room: room, closures: [], now: mondayMorning)
        #expect(gap.problems == [.nonexistentLocalTime])
        let night = BookingPolicy.check(BookingSlot(date: sunday, startMinute: 60, endMinute: 240), attendees: 1, room: room, closures: [], now: mondayMorning)
        #expect(night.problems.isEmpty)
        #expect(night.instants.map { $0.end - $0.start } == 7200, "01:00–04:00 lasts two real hours")
        #expect(BerlinTime.local(night.instants!.start).minute == 60)
        #expect(BerlinTime.local(night.instants!.end).minute == 240)
    }

    @Test("fall back: 02:30 on the last Sunday in October means the first (summer time) occurrence; a night booking is an hour longer")
    func fallBack() throws {
        let room = try room(hours: Array(repeating: "00:00-24:00", count: 7), max: 600)
        let sunday = day("2027-10-31")
        let ambiguous = try #require(BerlinTime.instant(sunday, minute: 150))
        #expect(ambiguous == 1_824_942_600) // 2027-10-31T00:30:00Z = 02:30 CEST
        let night = BookingPolicy.check(BookingSlot(date: sunday, startMinute: 60, endMinute: 240), attendees: 1, room: room, closures: [], now: mondayMorning)
        #expect(night.problems.isEmpty)
        #expect(night.instants.map { $0.end - $0.start } == 14_400)
        #expect(BerlinTime.local(night.instants!.end).minute == 240)
    }

    @Test("weekdays, ISO weeks and German dates")
    func calendarHelpers() {
        #expect(BerlinTime.weekday(day("2027-01-11")) == .monday)
        #expect(BerlinTime.weekday(day("2027-01-17")) == .sunday)
        #expect(ISOWeek("2027-W02")?.monday == day("2027-01-11"))
        #expect(ISOWeek("2026-W53")?.monday == day("2026-12-28"))
        #expect(ISOWeek("2027-W53") == nil)
        #expect(ISOWeek("2027-2") == nil)
        #expect(ISOWeek.containing(day("2027-01-03")).description == "2026-W53")
        #expect(ISOWeek("2027-W02")?.adding(weeks: -1).description == "2027-W01")
        #expect(LocalDate("2028-02-29") != nil && LocalDate("2027-02-29") == nil && LocalDate("2027-1-1") == nil)
        for text in ["2027-+1-01", "+027-01-01", "2027-01-1 ", "2027/01/01", "2027-01-0١", "2027-00-10", "2027-13-01", "2027-01-32"] {
            #expect(LocalDate(text) == nil, "\(text)")
        }
        #expect(day("2027-12-31").adding(days: 1) == day("2028-01-01"))
        // Typed by hand where the browser shows no date picker: ISO or German.
        #expect(LocalDate(typed: "2026-11-30") == day("2026-11-30"))
        #expect(LocalDate(typed: "30.11.2026") == day("2026-11-30") && LocalDate(typed: "1.2.2027") == day("2027-02-01"))
        for text in ["30.11.26", "31.11.2026", "29.02.2027", "30.11.2026.", "30..2026", "+1.12.2026", "30.11.1899", "", "30-11-2026", "1.012.2026"] {
            #expect(LocalDate(typed: text) == nil, "\(text)")
        }
    }

    @Test("prices follow the booker's kind and the true length")
    func prices() {
        #expect(BookingPrice.of(.freeForNonprofits(feePerHourCents: 3000), minutes: 90, for: .nonprofit) == .free)
        #expect(BookingPrice.of(.freeForNonprofits(feePerHourCents: 3000), minutes: 90, for: .company) == .fee(cents: 4500))
        #expect(BookingPrice.of(.fee(perHourCents: 2500), minutes: 120, for: .nonprofit) == .fee(cents: 5000))
        #expect(BookingPrice.of(.donation, minutes: 60, for: .company) == .donation)
    }
}

@Suite("Dates at the edges")
struct DateEdgeTests {
    @Test("dates and weeks people type are bounded, so arithmetic on them never leaves the calendar")
    func bounds() {
        #expect(LocalDate("9999-12-31") == nil)
        #expect(ISOWeek("9999-W52") == nil)
        #expect(LocalDate("2200-12-31")?.adding(days: 7 * 26) != nil)
        #expect(ISOWeek("2200-W52")?.adding(weeks: 1) != nil)
    }
}

@Suite("Day arithmetic")
struct DayArithmeticTests {
    @Test("adding days, days between and weekdays agree with Foundation's calendar over three centuries")
    func agreesWithFoundation() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let start = LocalDate(year: 1970, month: 1, day: 1)!
        var date = start
        for offset in stride(from: 0, through: 84_000, by: 7) {
            let expected = utc.dateComponents([.year, .month, .day, .weekday],
                                              from: Date(timeIntervalSince1970: TimeInterval(offset) * 86_400))
            date = start.adding(days: offset)
            #expect(date == LocalDate(year: expected.year!, month: expected.month!, day: expected.day!))
            #expect(BerlinTime.weekday(date).rawValue == (expected.weekday! + 5) % 7)
            #expect(start.days(until: date) == offset)
        }
        #expect(LocalDate("2028-02-28")!.adding(days: 1) == LocalDate("2028-02-29"))
        #expect(LocalDate("2100-02-28")!.adding(days: 1) == LocalDate("2100-03-01"))
        #expect(LocalDate("2000-03-01")!.adding(days: -1) == LocalDate("2000-02-29"))
        #expect(BerlinTime.weekday(LocalDate("2027-01-14")!) == .thursday)
    }

    @Test("ISO weeks agree with Foundation's ISO 8601 calendar, and a week's Monday lies in it")
    func isoWeeksAgreeWithFoundation() {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        let start = LocalDate(year: 1970, month: 1, day: 1)!
        for offset in stride(from: 0, through: 84_000, by: 3) {
            let date = start.adding(days: offset)
            let c = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: Date(timeIntervalSince1970: TimeInterval(offset) * 86_400))
            let week = ISOWeek.containing(date)
            #expect(week.year == c.yearForWeekOfYear && week.week == c.weekOfYear, "\(date)")
            #expect(BerlinTime.weekday(week.monday) == .monday && week.monday.days(until: date) < 7 && week.monday <= date)
        }
    }
}
