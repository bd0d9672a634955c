import Localization
import RoomExchange
import Testing
import TestSupport
@testable import Web

/// Dates, times and opening hours in both languages, from the real catalogues.
@Suite struct LocalizedFormattingTests {
    let catalogs = try! Catalogs(directory: TestServer.repositoryRoot + "/Templates/i18n")

    @Test func aSlotReadsTheGermanWayAndTheEnglishWay() {
        let slot = BookingSlot(date: LocalDate("2027-01-14")!, startMinute: 18 * 60, endMinute: 20 * 60)
        #expect(catalogs[.de].slot(slot) == "Do., 14.01.2027, 18:00–20:00 Uhr")
        #expect(catalogs[.en].slot(slot) == "Thu 14 Jan 2027, 18:00–20:00")
    }

    @Test func intervalsAcrossMidnightNameBothDays() {
        // 2027-01-14 22:00 to 2027-01-15 02:00 in Berlin (UTC+1).
        let start = BerlinTime.instant(LocalDate("2027-01-14")!, minute: 22 * 60)!
        let end = BerlinTime.instant(LocalDate("2027-01-15")!, minute: 2 * 60)!
        #expect(catalogs[.de].interval(start, end) == "Do., 14.01.2027, 22:00 Uhr – Fr., 15.01.2027, 02:00 Uhr")
        #expect(catalogs[.en].interval(start, end) == "Thu 14 Jan 2027, 22:00 – Fri 15 Jan 2027, 02:00")
        // Ending at midnight stays one day: 22:00–24:00.
        let midnight = BerlinTime.instant(LocalDate("2027-01-15")!, minute: 0)!
        #expect(catalogs[.de].interval(start, midnight) == "Do., 14.01.2027, 22:00–24:00 Uhr")
    }

    @Test func openingHoursDurationsAndNumbers() throws {
        var days: [[MinuteSpan]] = Array(repeating: [], count: 7)
        days[0] = try WeeklyHours.parseDay("08:00-10:00, 12:00-14:00, 16:00-18:00")
        days[1] = try WeeklyHours.parseDay("00:00-24:00")
        let hours = WeeklyHours(days: days)
        #expect(catalogs[.de].openingHours(hours, on: .monday) == "08:00–10:00, 12:00–14:00 und 16:00–18:00 Uhr")
        #expect(catalogs[.en].openingHours(hours, on: .monday) == "08:00–10:00, 12:00–14:00 and 16:00–18:00")
        #expect(catalogs[.de].openingHours(hours, on: .tuesday) == "ganztägig")
        #expect(catalogs[.en].openingHours(hours, on: .sunday) == "closed")
        #expect(catalogs[.de].duration(minutes: 90) == "1 Stunde 30 Minuten")
        #expect(catalogs[.en].duration(minutes: 120) == "2 hours")
        #expect(catalogs[.de].money(cents: 123_450) == "1.234,50 €")
        #expect(catalogs[.en].money(cents: 123_450) == "€1,234.50")
    }
}
