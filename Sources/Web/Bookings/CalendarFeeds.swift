import Foundation
import HTTPServer
import RoomExchange
import Storage

/// The room's busy times and a member's private booking feed as iCalendar.
struct CalendarFeeds: Sendable {
    let database: AppDatabase

    /// Busy times only: no names, no purposes.
    func roomCalendar(_ request: HTTPRequest) throws -> HTTPResponse {
        let id = Room.ID(Int64(try request.parameters.id("id")))
        guard let room = try database.room(id), room.status == .published else { throw HTTPError(.notFound) }
        let events = try database.confirmedBookings(of: id).map { booking in
            ICalendar.Event(uid: "busy-\(booking.id)@raumboerse.luebeck", stamp: booking.updatedAt, start: booking.start, end: booking.end,
                            summary: "Belegt: " + room.title, status: "CONFIRMED", sequence: booking.sequence)
        }
        return CalendarFeeds.response(ICalendar(name: "Belegung " + room.title, events: events), cache: "public, max-age=300")
    }

    /// `/my/bookings.ics?token=…`: the secret token stands in for the session, so
    /// calendar programs can subscribe.
    func myCalendar(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let token = request.queryItems["token"], token.utf8.count == 43, let user = try database.user(calendarToken: token) else {
            throw HTTPError(.notFound)
        }
        let events = try database.calendarBookings(for: user).map { booking in
            let mine = booking.bookerUserID == user.id
            let status = switch booking.status {
            case .confirmed: "CONFIRMED"
            case .requested: "TENTATIVE"
            case .declined, .cancelled: "CANCELLED"
            }
            return ICalendar.Event(
                uid: "booking-\(booking.id.rawValue)@raumboerse.luebeck", stamp: booking.updatedAt, start: booking.startsAt, end: booking.endsAt,
                summary: (mine ? "" : "Vermietet: ") + booking.roomTitle, status: status, sequence: booking.sequence,
                location: booking.roomTitle + ", " + booking.roomOrganisationName,
                description: booking.status.label + (booking.purpose.isEmpty ? "" : "\n" + booking.purpose), url: nil
            )
        }
        return CalendarFeeds.response(ICalendar(name: "Raumbörse: meine Buchungen", events: events), cache: "private, no-store")
    }

    static func response(_ calendar: ICalendar, cache: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/calendar; charset=utf-8", "Cache-Control": cache], body: calendar.render())
    }
}
