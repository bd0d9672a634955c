import Foundation
import HTTPServer
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

    /// What follows a room's path for its page with the week of `date` and the
    /// booking form with the date filled in.
    static func bookingForm(on date: LocalDate) -> String {
        "?week=\(ISOWeek.containing(date))&date=\(date)#buchen"
    }

    /// What follows a room's path for its page with the booking form filled in
    /// for `slot` (as its time fields hold it) and the week view on the slot's week.
    static func bookingForm(_ slot: BookingSlot) -> String {
        "?week=\(ISOWeek.containing(slot.date))&date=\(slot.date)&start=\(Formatting.timeField(slot.startMinute))"
            + "&end=\(Formatting.timeField(slot.endMinute))#buchen"
    }
}

extension Paths {
    /// `http://host[:port]` as the client reached us: the `Host` header (the server
    /// has already refused malformed ones) and `https` only when a proxy in front
    /// says so with `X-Forwarded-Proto`.
    static func siteURL(of request: HTTPRequest) -> String {
        let proto = request.headers["X-Forwarded-Proto"]?.split(separator: ",").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        let scheme = proto == "https" ? "https" : "http"
        let host = request.headers["Host"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        return scheme + "://" + host
    }
}
