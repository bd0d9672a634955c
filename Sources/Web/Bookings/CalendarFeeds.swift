import Foundation
import HTTPServer
import Localization
import RoomExchange
import Storage

/// The room's busy times and a member's private booking feed as iCalendar.
struct CalendarFeeds: Sendable {
    let database: AppDatabase
    let catalogs: Catalogs

    /// Busy times only: no names, no purposes. Anyone may subscribe, so the
    /// feed has no visitor: its words follow `?lang=`, which the room page adds
    /// to the link in its own language.
    func roomCalendar(_ request: HTTPRequest) throws -> HTTPResponse {
        let id = Room.ID(Int64(try request.parameters.id("id")))
        guard let room = try database.room(id), room.status == .published else { throw HTTPError(.notFound) }
        let texts = catalogs[request.queryItems["lang"].flatMap(Language.init(rawValue:)) ?? .default]
        let events = try database.confirmedBookings(of: id).map { booking in
            ICalendar.Event(uid: "busy-\(booking.id)@raumboerse.luebeck", stamp: booking.updatedAt, start: booking.start, end: booking.end,
                            summary: texts("room.calendar.busy", ["title": room.title]), status: "CONFIRMED", sequence: booking.sequence)
        }
        return CalendarFeeds.response(ICalendar(name: texts("room.calendar.name", ["title": room.title]), events: events), cache: "public, max-age=300")
    }

    /// `/my/bookings.ics?token=…`: the secret token stands in for the session, so
    /// calendar programs can subscribe. In the language the user chose for their account.
    func myCalendar(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let token = request.queryItems["token"], token.utf8.count == 43, let user = try database.user(calendarToken: token) else {
            throw HTTPError(.notFound)
        }
        let texts = catalogs[user.language]
        let events = try database.calendarBookings(for: user).map { booking in
            let mine = booking.bookerUserID == user.id
            let status = switch booking.status {
            case .confirmed: "CONFIRMED"
            case .requested: "TENTATIVE"
            case .declined, .cancelled: "CANCELLED"
            }
            return ICalendar.Event(
                uid: "booking-\(booking.id.rawValue)@raumboerse.luebeck", stamp: booking.updatedAt, start: booking.startsAt, end: booking.endsAt,
                summary: mine ? booking.roomTitle : texts("bookings.calendar.rented_out", ["title": booking.roomTitle]), status: status, sequence: booking.sequence,
                location: booking.roomTitle + ", " + booking.roomOrganisationName + ", " + booking.roomAddress,
                description: texts.label(booking.status) + (booking.purpose.isEmpty ? "" : "\n" + booking.purpose), url: nil
            )
        }
        return CalendarFeeds.response(ICalendar(name: texts("bookings.calendar.name"), events: events), cache: "private, no-store")
    }

    static func response(_ calendar: ICalendar, cache: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/calendar; charset=utf-8", "Cache-Control": cache], body: calendar.render())
    }
}
