import Foundation
import RoomExchange
import Storage

/// Fills an empty database with the Lübeck catalogue, or with `rooms` generated
/// rooms for benchmarks (100,000 in seconds: one transaction, prepared statements).
public enum DemoLoader {
    public struct Summary: Sendable {
        public let organisations: Int
        public let rooms: Int
        public let bookings: Int
    }

    public enum LoadError: Error, CustomStringConvertible {
        case notEmpty
        case invalidCatalogue(String)

        public var description: String {
            switch self {
            case .notEmpty: "the database already has organisations; demo data goes only into an empty one"
            case .invalidCatalogue(let what): "demo catalogue: \(what)"
            }
        }
    }

    /// Loads the catalogue; with `rooms` > catalogue size, adds generated rooms.
    public static func load(into database: AppDatabase, rooms extraRooms: Int? = nil, now: Date = Date()) throws -> Summary {
        let summary = try database.inTransaction { tx in
            guard try tx.count("organisation") == 0 else { throw LoadError.notEmpty }
            var organisationIDs: [String: Organisation.ID] = [:]
            var organisations: [Organisation.ID] = []
            for o in DemoCatalog.organisations {
                let id = try tx.insertOrganisation(try organisation(o))
                organisationIDs[o.key] = id
                organisations.append(id)
            }
            var roomIDs: [(Room.ID, Room)] = []
            for r in DemoCatalog.rooms {
                guard let owner = organisationIDs[r.organisation] else { throw LoadError.invalidCatalogue("unknown organisation \(r.organisation)") }
                let room = try room(r, owner: owner)
                roomIDs.append((try tx.insertRoom(room), room))
            }
            let generated = max(0, (extraRooms ?? 0) - DemoCatalog.rooms.count)
            for index in 0..<generated {
                let room = generatedRoom(index, owner: organisations[index % organisations.count])
                _ = try tx.insertRoom(room)
            }
            var bookings = 0
            for (offset, (id, room)) in roomIDs.enumerated() where offset % 3 == 0 {
                guard let slot = nextSlot(of: room, after: now, skippingDays: 1 + offset % 6) else { continue }
                let booker = organisations[(offset * 7 + 3) % organisations.count]
                try tx.insertBooking(room: id, organisation: booker, startsAt: slot.start, endsAt: slot.end,
                                     attendees: max(1, room.capacity / 2), purpose: purposes[offset % purposes.count],
                                     confirmed: room.bookingMode == .instant || offset % 2 == 0)
                bookings += 1
            }
            return Summary(organisations: DemoCatalog.organisations.count, rooms: DemoCatalog.rooms.count + generated, bookings: bookings)
        }
        // The planner needs statistics for the new rows before the first search.
        try database.refreshStatistics()
        return summary
    }

    static func organisation(_ o: DemoOrganisation) throws -> Organisation {
        guard let kind = Organisation.Kind(rawValue: o.kind) else { throw LoadError.invalidCatalogue("kind \(o.kind)") }
        guard let district = District(rawValue: o.district) else { throw LoadError.invalidCatalogue("district \(o.district)") }
        return Organisation(id: Organisation.ID(0), name: o.name, kind: kind, district: district, description: o.description,
                            website: o.website, contactEmail: o.email, phone: o.phone, trusted: o.trusted)
    }

    static func room(_ r: DemoRoom, owner: Organisation.ID) throws -> Room {
        guard let district = District(rawValue: r.district),
              let model = Price.Model(rawValue: r.priceModel),
              let price = Price(model: model, feePerHourCents: r.pricePerHourCents),
              let mode = Room.BookingMode(rawValue: r.bookingMode),
              r.hours.count == 7
        else { throw LoadError.invalidCatalogue("room \(r.title)") }
        var days: [[MinuteSpan]] = []
        for text in r.hours {
            do { days.append(try WeeklyHours.parseDay(text)) } catch { throw LoadError.invalidCatalogue("hours \(text) of \(r.title)") }
        }
        return Room(
            id: Room.ID(0), organisationID: owner, status: .published, title: r.title, description: r.description,
            district: district, street: r.street, postcode: r.postcode, capacity: r.capacity, areaM2: r.areaM2, price: price,
            bookingMode: mode, accessibility: Accessibility(stepFree: r.stepFree, accessibleWC: r.accessibleWC, hearingLoop: r.hearingLoop),
            equipment: Set(r.equipment.compactMap(Equipment.init(rawValue:))), openingHours: WeeklyHours(days: days),
            minMinutes: r.minMinutes, maxMinutes: r.maxMinutes, leadHours: 2, maxDaysAhead: 365, rules: r.rules
        )
    }

    /// A varied, deterministic room for large data sets.
    static func generatedRoom(_ index: Int, owner: Organisation.ID) -> Room {
        let districts = District.allCases
        let district = districts[index % districts.count]
        let kind = DemoCatalog.roomKinds[index % DemoCatalog.roomKinds.count]
        let adjective = DemoCatalog.roomAdjectives[(index / 7) % DemoCatalog.roomAdjectives.count]
        let streets = DemoCatalog.streets[district.rawValue] ?? ["Hauptstraße"]
        let capacity = 6 + (index * 37) % 120
        let prices: [Price] = [.free, .donation, .freeForNonprofits(feePerHourCents: 2500), .fee(perHourCents: 1500 + (index % 10) * 500)]
        let weekday = MinuteSpan(start: 8 * 60, end: 20 * 60)!
        let evening = MinuteSpan(start: 17 * 60, end: 22 * 60)!
        var days: [[MinuteSpan]] = Array(repeating: index % 2 == 0 ? [weekday] : [evening], count: 5)
        days += index % 3 == 0 ? [[MinuteSpan(start: 10 * 60, end: 16 * 60)!], []] : [[], []]
        let equipment = Equipment.allCases.enumerated().filter { (offset, _) in (index >> offset) & 1 == 1 }.map(\.element)
        return Room(
            id: Room.ID(0), organisationID: owner, status: .published,
            title: "\(adjective.prefix(1).uppercased() + adjective.dropFirst()) \(kind) \(index + 1)",
            description: "Ein \(adjective) \(kind) in \(district.name) für bis zu \(capacity) Personen. Gut erreichbar mit dem Bus; Schlüsselübergabe nach Absprache.",
            district: district, street: "\(streets[index % streets.count]) \(1 + index % 90)", postcode: "235\(52 + index % 19)",
            capacity: capacity, areaM2: 20 + capacity * 2, price: prices[index % prices.count],
            bookingMode: index % 2 == 0 ? .instant : .request,
            accessibility: Accessibility(stepFree: index % 3 != 0, accessibleWC: index % 4 == 0, hearingLoop: index % 11 == 0),
            equipment: Set(equipment), openingHours: WeeklyHours(days: days), minMinutes: 60, maxMinutes: 480,
            leadHours: 2, maxDaysAhead: 365, rules: "Bitte hinterlassen Sie den Raum so, wie Sie ihn vorgefunden haben."
        )
    }

    static let purposes = [
        "Vereinssitzung", "Elterncafé", "Workshop Bewerbungstraining", "Chorprobe", "Nachbarschaftstreffen",
        "Deutschkurs für Anfängerinnen", "Teamklausur", "Repair-Café",
    ]

    /// The first two hours of the first opening span at least `skippingDays` days ahead.
    static func nextSlot(of room: Room, after now: Date, skippingDays: Int) -> (start: Int64, end: Int64)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        for offset in skippingDays..<(skippingDays + 7) {
            guard let day = calendar.date(byAdding: .day, value: offset, to: calendar.startOfDay(for: now)) else { continue }
            // Calendar weekday: 1 = Sunday … 7 = Saturday.
            let weekday = Weekday(rawValue: (calendar.component(.weekday, from: day) + 5) % 7)!
            guard let span = room.openingHours[weekday].first(where: { $0.end - $0.start >= 120 }) else { continue }
            let minutes = max(room.minMinutes, 120) <= room.maxMinutes ? 120 : room.minMinutes
            guard let start = calendar.date(bySettingHour: span.start / 60, minute: span.start % 60, second: 0, of: day) else { continue }
            let seconds = Int64(start.timeIntervalSince1970)
            return (seconds, seconds + Int64(minutes * 60))
        }
        return nil
    }
}
