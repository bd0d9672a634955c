import Foundation
import RoomExchange
import Testing
@testable import Storage

/// The date filter: opening hours, closures, confirmed bookings and the room's
/// booking rules decide which rooms are listed, each room once.
@Suite("Search by free slot")
struct AvailabilitySearchTests {
    private let day = BerlinTime.today().adding(days: 14)

    private func titles(_ database: AppDatabase, from: Int, to: Int, words: String? = nil, countLimit: Int? = nil) throws -> (titles: [String], total: Int) {
        var filter = RoomFilter()
        filter.words = words
        filter.countLimit = countLimit
        filter.available = RoomFilter.Availability(slot: BookingSlot(date: day, startMinute: from, endMinute: to),
                                                   now: Int64(Date().timeIntervalSince1970))
        let result = try database.searchRooms(filter)
        return (result.rooms.map(\.title), result.total)
    }

    @Test("opening hours, closures and confirmed bookings decide; requests, other days and other times do not")
    func decides() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let org = try insertOrganisation(database)
        var ids: [String: Room.ID] = [:]
        for title in ["Offen Saal", "Geschlossen Saal", "Gebucht Saal", "Angefragt Saal", "Zwei Spannen Saal", "Morgens Saal"] {
            var room = sampleRoom(org, title: title, status: .published)
            let weekday = BerlinTime.weekday(day).rawValue
            var days = Array(repeating: [MinuteSpan](), count: 7)
            days[weekday] = title.hasPrefix("Morgens") ? [MinuteSpan(start: 480, end: 720)!]
                : title.hasPrefix("Zwei") ? [MinuteSpan(start: 480, end: 840)!, MinuteSpan(start: 600, end: 1320)!]
                : [MinuteSpan(start: 480, end: 1320)!]
            room.openingHours = WeeklyHours(days: days)
            ids[title] = try database.insertRoom(room)
        }
        // Two closures covering the day (the room must still show up nowhere, not twice), one on another day.
        #expect(try database.addClosure(to: ids["Geschlossen Saal"]!, ownedBy: org, from: day.description, to: day.description, reason: "Ferien"))
        #expect(try database.addClosure(to: ids["Geschlossen Saal"]!, ownedBy: org, from: day.adding(days: -3).description,
                                        to: day.adding(days: 3).description, reason: "Umbau"))
        #expect(try database.addClosure(to: ids["Offen Saal"]!, ownedBy: org, from: day.adding(days: 1).description,
                                        to: day.adding(days: 2).description, reason: "Später"))
        let at = { (minute: Int) in BerlinTime.instant(day, minute: minute)! }
        try database.inTransaction { transaction in
            try transaction.insertBooking(room: ids["Gebucht Saal"]!, organisation: org, startsAt: at(600), endsAt: at(720),
                                          attendees: 5, purpose: "Chor", confirmed: true)
            try transaction.insertBooking(room: ids["Gebucht Saal"]!, organisation: org, startsAt: at(1080), endsAt: at(1200),
                                          attendees: 5, purpose: "Abends", confirmed: true)
            try transaction.insertBooking(room: ids["Angefragt Saal"]!, organisation: org, startsAt: at(600), endsAt: at(720),
                                          attendees: 5, purpose: "Anfrage", confirmed: false)
            try transaction.insertBooking(room: ids["Offen Saal"]!, organisation: org, startsAt: at(720), endsAt: at(780),
                                          attendees: 5, purpose: "Danach", confirmed: true)
        }

        let morning = try titles(database, from: 600, to: 720)
        #expect(morning.titles == ["Morgens Saal", "Zwei Spannen Saal", "Angefragt Saal", "Offen Saal"])
        #expect(morning.total == 4)
        // The booking ending at 12:00 and the one from 18:00 leave the afternoon free.
        #expect(try titles(database, from: 780, to: 900).titles == ["Zwei Spannen Saal", "Angefragt Saal", "Gebucht Saal", "Offen Saal"])
        #expect(try titles(database, from: 1140, to: 1260).titles == ["Zwei Spannen Saal", "Angefragt Saal", "Offen Saal"])
        // The joins take their arguments before the words' and the conditions'.
        #expect(try titles(database, from: 600, to: 720, words: "saal").titles == morning.titles)
        #expect(try titles(database, from: 600, to: 720, words: "offen").titles == ["Offen Saal"])
        #expect(try titles(database, from: 600, to: 720, countLimit: 2).total == 3)
    }
}
