import RoomExchange

/// URL builders, so links in views and redirects come from one place.
enum Paths {
    static let home = "/"
    static let rooms = "/rooms"
    static func room(_ id: Room.ID) -> String { "/rooms/\(id.rawValue)" }
    static func roomCalendar(_ id: Room.ID) -> String { "/rooms/\(id.rawValue)/calendar.ics" }
    static func organisation(_ id: Organisation.ID) -> String { "/organisations/\(id.rawValue)" }
    static func photo(_ fileName: String) -> String { "/photos/\(fileName)" }
}

extension Paths {
    static func editRoom(_ id: Room.ID) -> String { "/rooms/\(id.rawValue)/edit" }
}

extension Paths {
    static func booking(_ id: BookingID) -> String { "/bookings/\(id.rawValue)" }

    /// A room's page with its booking form filled in for `slot` (as its time
    /// fields hold it) and its week view on the slot's week.
    static func book(_ id: Room.ID, _ slot: BookingSlot) -> String {
        room(id) + "?week=\(ISOWeek.containing(slot.date))&date=\(slot.date)&start=\(Formatting.timeField(slot.startMinute))"
            + "&end=\(Formatting.timeField(slot.endMinute))#buchen"
    }
}
