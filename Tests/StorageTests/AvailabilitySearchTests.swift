import Foundation
import RoomExchange
import Testing
import TestSupport
import GRDB
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
        #expect(try database.addClosure(to: ids["Geschlossen Saal"]!, ownedBy: org, from: day, to: day, reason: "Ferien") == .added)
        #expect(try database.addClosure(to: ids["Geschlossen Saal"]!, ownedBy: org, from: day.adding(days: -3),
                                        to: day.adding(days: 3), reason: "Umbau") == .added)
        #expect(try database.addClosure(to: ids["Offen Saal"]!, ownedBy: org, from: day.adding(days: 1),
                                        to: day.adding(days: 2), reason: "Später") == .added)
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

    @Test("a day without times lists rooms open that weekday, not closed that day and bookable that far ahead; bookings do not count")
    func openOnDay() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let org = try insertOrganisation(database)
        let weekday = BerlinTime.weekday(day).rawValue
        var ids: [String: Room.ID] = [:]
        for title in ["Offen Saal", "Anderer Tag Saal", "Geschlossen Saal", "Gebucht Saal", "Kurzfristig Saal"] {
            var room = sampleRoom(org, title: title, status: .published)
            var days = Array(repeating: [MinuteSpan](), count: 7)
            days[title.hasPrefix("Anderer") ? (weekday + 1) % 7 : weekday] = [MinuteSpan(start: 600, end: 720)!]
            room.openingHours = WeeklyHours(days: days)
            if title.hasPrefix("Kurzfristig") { room.maxDaysAhead = 7 }
            ids[title] = try database.insertRoom(room)
        }
        #expect(try database.addClosure(to: ids["Geschlossen Saal"]!, ownedBy: org, from: day, to: day, reason: "Ferien") == .added)
        try database.inTransaction { transaction in
            // Booked for all of its opening hours that day: still open, its week shows it full.
            try transaction.insertBooking(room: ids["Gebucht Saal"]!, organisation: org, startsAt: BerlinTime.instant(day, minute: 600)!,
                                          endsAt: BerlinTime.instant(day, minute: 720)!, attendees: 5, purpose: "Chor", confirmed: true)
        }
        let now = Int64(Date().timeIntervalSince1970)
        func open(on date: LocalDate, words: String? = nil) throws -> [String] {
            var filter = RoomFilter()
            filter.words = words
            filter.openOn = try #require(RoomFilter.OpenDay(date: date, now: now))
            return try database.searchRooms(filter).rooms.map(\.title)
        }
        #expect(try open(on: day) == ["Gebucht Saal", "Offen Saal"])
        #expect(try open(on: day, words: "offen") == ["Offen Saal"], "the join's arguments come before the words'")
        #expect(try open(on: day.adding(days: 1)) == ["Anderer Tag Saal"])
        #expect(try open(on: day.adding(days: -7)).contains("Kurzfristig Saal"), "a week ahead is within its seven days")
        #expect(RoomFilter.OpenDay(date: BerlinTime.today().adding(days: -1), now: now) == nil, "not a day in the past")
    }

    /// Rooms with none to three spans a day, some overlapping (the schema does
    /// not forbid it), against the plain question "does a span hold the slot?".
    @Test("the opening codes in the filter index list exactly the rooms whose spans hold the slot, on every weekday")
    func openingCodesAgreeWithSpans() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let org = try insertOrganisation(database)
        var generator = SeededGenerator(seed: 6)
        func span() -> MinuteSpan {
            let start = Int.random(in: 0...95, using: &generator) * 15
            return MinuteSpan(start: start, end: min(1440, start + Int.random(in: 1...40, using: &generator) * 15))!
        }
        var hours: [String: WeeklyHours] = [:]
        for index in 0..<60 {
            var room = sampleRoom(org, title: "Raum \(index)", status: .published)
            room.minMinutes = 15
            room.maxMinutes = 1440
            // One span per start at most: the start is part of openingSpan's key.
            room.openingHours = WeeklyHours(days: (0..<7).map { _ in
                Dictionary((0..<Int.random(in: 0...3, using: &generator)).map { _ in span() }.map { ($0.start, $0) }) { a, _ in a }
                    .values.sorted()
            })
            hours[room.title] = room.openingHours
            _ = try database.insertRoom(room)
        }
        for offset in 0..<7 {
            let date = day.adding(days: offset)
            let weekday = Weekday(rawValue: BerlinTime.weekday(date).rawValue)!
            for _ in 0..<12 {
                let slot = span()
                var filter = RoomFilter()
                filter.perPage = 100
                filter.available = RoomFilter.Availability(slot: BookingSlot(date: date, startMinute: slot.start, endMinute: slot.end),
                                                           now: Int64(Date().timeIntervalSince1970))
                let listed = try database.searchRooms(filter).rooms.map(\.title).sorted()
                let open = hours.filter { $0.value[weekday].contains { $0.contains(slot) } }.keys.sorted()
                #expect(listed == open, "\(date) \(slot.text)")
            }
        }
    }

    @Test("the codes follow edited hours and are computed for rooms of an older database")
    func openingCodesFollowChanges() throws {
        let directory = try makeDatabase(migratedUpTo: "v9-search-terms", rooms: [(1, "published", "Saal", "", 50)], then: """
            INSERT INTO openingSpan (roomId, weekday, startMinute, endMinute) VALUES (1, 0, 480, 720), (1, 0, 840, 1080),
                (1, 2, 0, 1440), (1, 4, 60, 120), (1, 4, 180, 240), (1, 4, 300, 360);
            """)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/raumboerse.sqlite")
        let codes = { try database.pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT hours0, hours1, hours2, hours3, hours4, hours5, hours6 FROM room WHERE id = 1")!
            return (0..<7).map { row[$0] as Int }
        } }
        let code = { (start: Int, end: Int) in start << 11 | end }
        #expect(try codes() == [code(840, 1080) << 22 | code(480, 720), 0, code(0, 1440), 0, -1, 0, 0])

        var room = try #require(try database.room(Room.ID(1), ownedBy: Organisation.ID(1)))
        var days = room.openingHours.days
        days[0] = []
        days[1] = [MinuteSpan(start: 600, end: 660)!]
        days[4].removeLast()
        room.openingHours = WeeklyHours(days: days)
        _ = try database.updateRoom(room, ownedBy: Organisation.ID(1), trusted: true)
        #expect(try codes() == [0, code(600, 660), code(0, 1440), 0, code(180, 240) << 22 | code(60, 120), 0, 0])
        try database.pool.write { db in try db.execute(sql: "DELETE FROM openingSpan WHERE roomId = 1 AND weekday = 2") }
        #expect(try codes() == [0, code(600, 660), 0, 0, code(180, 240) << 22 | code(60, 120), 0, 0])
    }
}

