import Foundation
import HTTPServer
import RoomExchange
import Storage

/// The pages anyone can see: start page, search, a room, an organisation.
struct PublicPages: Sendable {
    let database: AppDatabase
    let pages: PageRenderer

    func showHome(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let figures = try database.exchangeFigures()
        let context = HomePageContext(featured: try database.featuredRooms(limit: 6), roomCount: figures.rooms,
                                      organisationCount: figures.organisations, texts: visitor.texts)
        return try pages.page(.home, context, layout: LayoutContext(title: visitor.texts("home.title"), canonicalPath: Paths.home, section: .home, visitor: visitor))
    }

    func showRooms(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        var form = RoomSearchForm(query: request.queryItems)
        form.filter.visitorKind = try visitor.user?.organisationID.flatMap { try database.organisation($0) }?.kind
        let result = try database.searchRooms(form.filter)
        let title = result.page > 1 ? visitor.texts("rooms.title_with_page", ["page": visitor.texts.number(result.page)]) : visitor.texts("rooms.title")
        return try pages.page(.roomsIndex, RoomsIndexContext(form: form, result: result, texts: visitor.texts),
                              layout: LayoutContext(title: title, canonicalPath: Paths.rooms, section: .rooms, visitor: visitor))
    }

    func showRoom(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let query = request.queryItems
        var prefill: [String: String] = [:]
        for name in ["date", "start", "end"] { prefill[name] = query[name] }
        return try renderRoom(request, visitor, booking: BookingForm(query: prefill), errors: FieldErrors(), conflicts: [], status: .ok)
    }

    /// The room page, with the booking form in the state given (errors after a failed POST).
    func renderRoom(_ request: HTTPRequest, _ visitor: Visitor, booking: BookingForm, errors: FieldErrors,
                    conflicts: [(slot: BookingSlot, problems: [BookingProblem])], status: HTTPStatus) throws -> HTTPResponse {
        let id = Room.ID(Int64(try request.parameters.id("id")))
        let now = Int64(Date().timeIntervalSince1970)
        let user = visitor.user
        let askedWeek = request.queryItems["week"].flatMap(ISOWeek.init)
        let week = askedWeek ?? ISOWeek.containing(BerlinTime.today())
        // Unless a week was asked for, the next one is read too: on a Friday evening
        // or a Sunday this week may have nothing left to book, and then it is shown.
        let weeksRead = askedWeek == nil ? 2 : 1
        let from = BerlinTime.instant(week.monday, minute: 0) ?? now
        let to = BerlinTime.instant(week.monday.adding(days: 7 * weeksRead), minute: 0) ?? now
        // Unpublished rooms exist only for their organisation and moderators.
        guard let page = try database.roomPage(id, occupancyFrom: from, to: to),
              page.room.status == .published || user?.role.canModerate == true
                || (user != nil && user?.organisationID == page.room.organisationID)
        else { throw HTTPError(.notFound) }
        func view(_ week: ISOWeek) -> WeekView {
            WeekView(room: page.room, week: week, occupancy: page.occupancy, closures: page.closedPeriods,
                     // A closure's reason is text nobody reviewed: shown for trusted organisations only.
                     showingReasons: page.organisation.trusted, now: now, texts: visitor.texts)
        }
        var weekView = view(week)
        if askedWeek == nil && !weekView.hasFreeTime { weekView = view(week.adding(weeks: 1)) }
        let room = page.room
        let bookingForm = booking.context(errors: errors, conflicts: conflicts, visitor: visitor, action: Paths.room(id) + "/bookings#buchen")
        let returnPath = request.query.isEmpty ? Paths.room(id) : Paths.room(id) + "?" + request.query + (booking.date.isEmpty ? "" : "#buchen")
        let context = RoomPageContext(room: room, photos: page.photos, organisation: page.organisation, visitor: visitor,
                                      week: weekView, bookingForm: bookingForm, returnPath: returnPath,
                                      reported: request.queryItems["reported"] == "1" && visitor.isSignedIn)
        let failed = !errors.isEmpty || !conflicts.isEmpty
        var layout = LayoutContext(title: (failed ? visitor.texts("common.title_error_prefix") : "") + room.title, canonicalPath: Paths.room(id), section: .rooms, visitor: visitor)
        layout.description = Formatting.excerpt(room.description, length: 150)
        return try pages.page(.roomsShow, context, layout: layout, status: status)
    }

    func showOrganisation(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let id = Organisation.ID(Int64(try request.parameters.id("id")))
        guard let organisation = try database.organisation(id) else { throw HTTPError(.notFound) }
        let context = OrganisationPageContext(organisation: organisation, rooms: try database.publishedRooms(of: id),
                                              showContact: visitor.isSignedIn, isMember: visitor.user?.organisationID == id,
                                              texts: visitor.texts)
        return try pages.page(.organisationsShow, context,
                              layout: LayoutContext(title: organisation.name, canonicalPath: Paths.organisation(id), visitor: visitor))
    }

    /// `200 ok` while the database answers, `503` otherwise (for load balancers and Docker).
    func health(_ request: HTTPRequest) -> HTTPResponse {
        var response = database.isHealthy() ? HTTPResponse.text("ok") : HTTPResponse.text("database unavailable", status: .serviceUnavailable)
        response.headers["Cache-Control"] = "no-store"
        return response
    }
}
