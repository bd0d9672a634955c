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
                                      organisationCount: figures.organisations)
        return try pages.page(.home, context, layout: LayoutContext(title: "Räume teilen in Lübeck", canonicalPath: Paths.home, section: .home, visitor: visitor))
    }

    func showRooms(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        var form = RoomSearchForm(query: request.queryItems)
        form.filter.visitorKind = try visitor.user?.organisationID.flatMap { try database.organisation($0) }?.kind
        let result = try database.searchRooms(form.filter)
        var title = "Räume finden"
        if result.page > 1 { title += " – Seite \(result.page)" }
        return try pages.page(.roomsIndex, RoomsIndexContext(form: form, result: result),
                              layout: LayoutContext(title: title, canonicalPath: Paths.rooms, section: .rooms, visitor: visitor))
    }

    func showRoom(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let id = Room.ID(Int64(try request.parameters.id("id")))
        // Unpublished rooms exist only for their organisation and moderators.
        let user = visitor.user
        guard let room = try database.room(id),
              room.status == .published || user?.role.canModerate == true || (user?.organisationID == room.organisationID && user != nil),
              let organisation = try database.organisation(room.organisationID)
        else { throw HTTPError(.notFound) }
        let context = RoomPageContext(room: room, photos: try database.photos(of: id), organisation: organisation, visitor: visitor)
        var layout = LayoutContext(title: room.title, canonicalPath: Paths.room(id), section: .rooms, visitor: visitor)
        layout.description = Formatting.excerpt(room.description, length: 150)
        return try pages.page(.roomsShow, context, layout: layout)
    }

    func showOrganisation(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let id = Organisation.ID(Int64(try request.parameters.id("id")))
        guard let organisation = try database.organisation(id) else { throw HTTPError(.notFound) }
        let context = OrganisationPageContext(organisation: organisation, rooms: try database.publishedRooms(of: id),
                                              showContact: visitor.isSignedIn, isMember: visitor.user?.organisationID == id)
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
