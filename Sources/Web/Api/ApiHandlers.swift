import Foundation
import HTTPServer
import Localization
import RoomExchange
import Storage

/// The paths of the open-data API (CONTRACT.md "JSON API").
enum ApiPaths {
    static let rooms = "/api/v1/rooms"
    static let openAPI = "/api/v1/openapi.json"
    static func room(_ id: Room.ID) -> String { "/api/v1/rooms/\(id.rawValue)" }
    static func availability(_ id: Room.ID) -> String { "/api/v1/rooms/\(id.rawValue)/availability" }
    /// Where the OpenAPI document lives below the public directory.
    static let openAPIFile = "api/openapi.json"
}

/// Adds the read-only JSON API. Its routes go last: `/api/*` catches every other
/// method and path below `/api` so that errors there are problem+json, not pages.
func addAPIRoutes(to router: inout Router, _ api: ApiHandlers) {
    router.add(.GET, ApiPaths.rooms, api.listRooms)
    router.add(.GET, "/api/v1/rooms/:id", api.showRoom)
    router.add(.GET, "/api/v1/rooms/:id/availability", api.showAvailability)
    router.add(.GET, ApiPaths.openAPI, api.showOpenAPI)
    for method in HTTPMethod.allCases {
        router.add(method, "/api/*", api.fallback)
    }
}

/// The open-data API: published rooms, one room, its free and busy times, and
/// the OpenAPI document. Public and read-only; nothing personal leaves here.
struct ApiHandlers: Sendable {
    let database: AppDatabase
    /// Labels in the API are German, whatever the client's language.
    let texts: Catalog
    /// `Public/api/openapi.json`, read once at start; nil when it is missing.
    let openAPIDocument: [UInt8]?

    init(database: AppDatabase, texts: Catalog, publicDirectory: String) {
        self.database = database
        self.texts = texts
        openAPIDocument = FileManager.default.contents(atPath: publicDirectory + "/" + ApiPaths.openAPIFile).map(Array.init)
    }

    func listRooms(_ request: HTTPRequest) throws -> HTTPResponse {
        try answer { () throws -> HTTPResponse in
            let query = try ApiRoomsQuery(request.queryItems, now: Int64(Date().timeIntervalSince1970))
            let result = try database.searchRooms(query.filter)
            let base = Paths.siteURL(of: request)
            let link = { (page: Int) in base + ApiPaths.rooms + "?" + query.query(page: page) }
            let page = result.page
            let lastPage = result.pageCount
            let bookingForm = query.filter.available.map { Paths.bookingForm($0.slot) }
            let body = ApiModels.RoomList(
                total: result.total, page: page, perPage: result.perPage,
                rooms: result.rooms.map { ApiModels.RoomListItem($0, base: base, texts: texts, bookingForm: bookingForm) },
                links: .init(current: link(page), next: page < lastPage ? link(page + 1) : nil,
                             prev: page > 1 ? link(min(page - 1, lastPage)) : nil)
            )
            return try ApiResponses.json(body, for: request)
        }
    }

    func showRoom(_ request: HTTPRequest) throws -> HTTPResponse {
        try answer { () throws -> HTTPResponse in
            let (room, organisation) = try publishedRoom(request)
            let body = ApiModels.RoomDetail(room, organisation: organisation, photos: try database.photos(of: room.id),
                                            base: Paths.siteURL(of: request), texts: texts)
            return try ApiResponses.json(body, for: request)
        }
    }

    func showAvailability(_ request: HTTPRequest) throws -> HTTPResponse {
        try answer { () throws -> HTTPResponse in
            let (room, _) = try publishedRoom(request)
            let query = try ApiAvailabilityQuery(request.queryItems)
            let window = RoomAvailability.window(from: query.from, to: query.to)
            let occupancy = try database.occupancy(of: room.id, from: window.start, to: window.end)
            let result = RoomAvailability(hours: room.openingHours, from: query.from, to: query.to,
                                          closures: try database.closedPeriods(of: room.id), occupancy: occupancy)
            return try ApiResponses.json(ApiModels.Availability(room: room.id, from: query.from, to: query.to, availability: result), for: request)
        }
    }

    func showOpenAPI(_ request: HTTPRequest) throws -> HTTPResponse {
        try answer { () throws -> HTTPResponse in
            guard let openAPIDocument else {
                throw ApiProblem(status: .internalServerError, detail: "The OpenAPI document is not installed.")
            }
            return ApiResponses.cached(openAPIDocument, contentType: "application/json", for: request,
                                       cacheControl: ApiResponses.documentCacheControl)
        }
    }

    /// Any other method or path below `/api`: a CORS preflight, 405 or 404, as problem+json.
    func fallback(_ request: HTTPRequest) throws -> HTTPResponse {
        let known = ApiHandlers.isResource(request.path)
        let allow = "GET, HEAD, OPTIONS"
        if known && request.method == .OPTIONS {
            return HTTPResponse(status: .noContent, headers: [
                "Allow": allow,
                "Access-Control-Allow-Origin": "*",
                "Access-Control-Allow-Methods": allow,
                "Access-Control-Allow-Headers": "If-None-Match",
                "Access-Control-Max-Age": "86400",
            ])
        }
        if known { return ApiResponses.problem(.methodNotAllowed(allow: allow)) }
        return ApiResponses.problem(.notFound("There is no API resource at this path; see \(ApiPaths.openAPI)."))
    }

    /// A published room and its organisation, or a 404 problem: unpublished rooms
    /// do not exist for the public.
    private func publishedRoom(_ request: HTTPRequest) throws -> (Room, Organisation) {
        let text = request.parameters["id"] ?? ""
        guard let number = Int(asciiDigits: text), number > 0 else {
            throw ApiProblem.notFound("There is no room \"\(ApiQueryReader.quote(text))\": room ids are whole numbers from 1.")
        }
        let id = Room.ID(Int64(number))
        guard let room = try database.room(id), room.status == .published, let organisation = try database.organisation(room.organisationID) else {
            throw ApiProblem.notFound("There is no published room with id \(number).")
        }
        return (room, organisation)
    }

    /// Runs `body`, turning an `ApiProblem` into its problem+json answer. Other
    /// errors go on to the site's error handling (logged, 500).
    private func answer(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try body()
        } catch let problem as ApiProblem {
            return ApiResponses.problem(problem)
        }
    }

    /// True for the paths the API serves (whatever the method).
    static func isResource(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard segments.count >= 3, Array(segments.prefix(2)) == ["api", "v1"] else { return false }
        let rest = Array(segments.dropFirst(2))
        switch rest.count {
        case 1: return rest[0] == "rooms" || rest[0] == "openapi.json"
        case 2: return rest[0] == "rooms" && !rest[1].isEmpty
        case 3: return rest[0] == "rooms" && !rest[1].isEmpty && rest[2] == "availability"
        default: return false
        }
    }
}
