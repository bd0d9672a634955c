import Testing
import RoomExchange

@Suite("Opening hours")
struct WeeklyHoursTests {
    @Test("one span, several spans, whole day, closed")
    func parsesDays() throws {
        #expect(try WeeklyHours.parseDay("08:00-18:00") == [MinuteSpan(start: 480, end: 1080)!])
        #expect(try WeeklyHours.parseDay("14:00-18:00, 08:00-12:00") == [MinuteSpan(start: 480, end: 720)!, MinuteSpan(start: 840, end: 1080)!])
        #expect(try WeeklyHours.parseDay("00:00-24:00") == [MinuteSpan(start: 0, end: 1440)!])
        #expect(try WeeklyHours.parseDay("") == [])
        #expect(try WeeklyHours.parseDay("  ") == [])
        #expect(try WeeklyHours.parseDay("8:00 – 12:30") == [MinuteSpan(start: 480, end: 750)!])
    }

    @Test("refuses malformed, reversed and overlapping spans")
    func refusesBadInput() {
        #expect(throws: WeeklyHours.ParseError.malformed) { try WeeklyHours.parseDay("8-") }
        #expect(throws: WeeklyHours.ParseError.malformed) { try WeeklyHours.parseDay("25:00-26:00") }
        #expect(throws: WeeklyHours.ParseError.malformed) { try WeeklyHours.parseDay("08:60-09:00") }
        #expect(throws: WeeklyHours.ParseError.malformed) { try WeeklyHours.parseDay("morgens") }
        // Digits only: Int("+5") would read a sign.
        for text in ["+8:00-12:00", "08:+5-12:00", "-0:00-12:00", "8:5-12:00", "008:00-12:00", "08:00:00-12:00", "٨:00-12:00"] {
            #expect(throws: WeeklyHours.ParseError.malformed, "\(text)") { try WeeklyHours.parseDay(text) }
        }
        #expect(WeeklyHours.minutes("9") == 540 && WeeklyHours.minutes("24:00") == 1440 && WeeklyHours.minutes("24:01") == nil)
        #expect(throws: WeeklyHours.ParseError.endBeforeStart) { try WeeklyHours.parseDay("18:00-08:00") }
        #expect(throws: WeeklyHours.ParseError.endBeforeStart) { try WeeklyHours.parseDay("10:00-10:00") }
        #expect(throws: WeeklyHours.ParseError.overlapping) { try WeeklyHours.parseDay("08:00-12:00, 11:00-14:00") }
    }

    @Test("a day's spans are stored in their canonical text")
    func canonicalText() throws {
        var days: [[MinuteSpan]] = Array(repeating: [], count: 7)
        days[0] = try WeeklyHours.parseDay("08:00-12:00, 14:00-18:00")
        days[1] = try WeeklyHours.parseDay("00:00-24:00")
        let hours = WeeklyHours(days: days)
        #expect(hours.text(for: .monday) == "08:00-12:00, 14:00-18:00")
    }
}

@Suite("Prices")
struct PriceTests {
    @Test("euros are formatted the German way")
    func euros() {
        #expect(Price.euros(2500) == "25,00 €")
        #expect(Price.euros(5) == "0,05 €")
        #expect(Price.euros(123_456_78) == "123.456,78 €")
    }

    @Test("a fee model needs a fee; free models do not")
    func models() {
        #expect(Price(model: .fee, feePerHourCents: nil) == nil)
        #expect(Price(model: .fee, feePerHourCents: 0) == nil)
        #expect(Price(model: .fee, feePerHourCents: 1500) == .fee(perHourCents: 1500))
        #expect(Price(model: .freeNonprofit, feePerHourCents: 3000) == .freeForNonprofits(feePerHourCents: 3000))
        #expect(Price(model: .free, feePerHourCents: nil) == .free)
    }

    @Test("free for whom: nonprofits, companies, everyone")
    func freeFor() {
        #expect(Price.freeForNonprofits(feePerHourCents: 3000).isFree(for: .nonprofit))
        #expect(!Price.freeForNonprofits(feePerHourCents: 3000).isFree(for: .company))
        #expect(Price.donation.isFree(for: .company))
        #expect(!Price.fee(perHourCents: 100).isFree(for: .nonprofit))
        var filter = RoomFilter()
        #expect(filter.freePriceModels == [.free, .donation, .freeNonprofit])
        filter.visitorKind = .company
        #expect(filter.freePriceModels == [.free, .donation])
    }

    @Test("the ten Stadtteile have their slugs and names")
    func districts() {
        #expect(District.allCases.count == 10)
        #expect(District(rawValue: "st-lorenz-sued")?.name == "St. Lorenz Süd")
        #expect(District(rawValue: "travemuende")?.name == "Travemünde")
    }
}
