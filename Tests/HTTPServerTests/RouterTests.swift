import Testing
@testable import HTTPServer

/// A router whose handlers answer with the route's name and its parameters, so a
/// test can see which route served a request.
private func makeRouter() -> Router {
    var router = Router()
    router.add(.GET, "/") { _ in .text("home") }
    router.add(.GET, "/rooms") { _ in .text("rooms") }
    router.add(.POST, "/rooms") { _ in .text("create room") }
    router.add(.GET, "/rooms/new") { _ in .text("new room form") }
    router.add(.GET, "/rooms/:id") { request in .text("room \(request.parameters["id"] ?? "?")") }
    router.add(.GET, "/rooms/:id/bookings/:booking") { request in
        .text("booking \(request.parameters["booking"] ?? "?") of room \(request.parameters["id"] ?? "?")")
    }
    router.add(.POST, "/rooms/:id/photo", maxBodySize: 8 << 20) { _ in .text("photo") }
    router.add(.GET, "/static/*") { request in .text("static \(request.parameters["*"] ?? "?")") }
    return router
}

private func body(_ router: Router, _ method: HTTPMethod, _ target: String) throws -> String {
    String(decoding: try router.handle(HTTPRequest(method: method, target: target)).body, as: UTF8.self)
}

/// The status a request is answered with, whether returned or thrown.
private func status(_ router: Router, _ method: HTTPMethod, _ target: String) -> Int {
    do {
        return try router.handle(HTTPRequest(method: method, target: target)).status.code
    } catch let error as HTTPError {
        return error.status.code
    } catch {
        return -1
    }
}

private func head(_ method: HTTPMethod, _ target: String) -> HTTPRequestHead {
    HTTPRequestHead(method: method, target: target, version: .http1_1, headers: ["Host": "a"], framing: .none, expectsContinue: false)
}

@Suite("Router")
struct RouterTests {
    @Test("literal routes match exactly, the root included, and the query is ignored")
    func literals() throws {
        let router = makeRouter()
        #expect(try body(router, .GET, "/") == "home")
        #expect(try body(router, .GET, "/rooms") == "rooms")
        #expect(try body(router, .GET, "/rooms?week=3") == "rooms")
        #expect(try body(router, .POST, "/rooms") == "create room")
    }

    @Test("the first matching route wins, so a literal added before a parameter shadows it")
    func firstMatchWins() throws {
        let router = makeRouter()
        #expect(try body(router, .GET, "/rooms/new") == "new room form")
        #expect(try body(router, .GET, "/rooms/12") == "room 12")
    }

    @Test("parameters are taken from the path and percent-decoded")
    func parameters() throws {
        let router = makeRouter()
        #expect(try body(router, .GET, "/rooms/7/bookings/42") == "booking 42 of room 7")
        #expect(try body(router, .GET, "/rooms/Gro%C3%9Fer%20Saal") == "room Großer Saal")
    }

    @Test("a parameter with a malformed escape does not match")
    func malformedParameter() {
        #expect(status(makeRouter(), .GET, "/rooms/%zz") == 404)
    }

    @Test("a trailing * takes the rest of the path")
    func rest() throws {
        let router = makeRouter()
        #expect(try body(router, .GET, "/static/css/site.css") == "static css/site.css")
        #expect(try body(router, .GET, "/static/app.js?v=3") == "static app.js")
    }

    @Test("an unknown path, an extra segment, an empty parameter or a trailing slash answers 404")
    func notFound() {
        let router = makeRouter()
        #expect(status(router, .GET, "/nothing") == 404)
        #expect(status(router, .GET, "/rooms/1/2") == 404)
        #expect(status(router, .GET, "/rooms/") == 404)
        #expect(status(router, .GET, "/rooms/1/") == 404)
        #expect(status(router, .GET, "/Rooms") == 404)
        #expect(status(Router(), .GET, "/") == 404)
    }

    @Test("HEAD is served by the GET route")
    func headUsesGet() throws {
        let router = makeRouter()
        #expect(try body(router, .HEAD, "/rooms/3") == "room 3")
    }

    @Test("a path served only for other methods answers 405 with Allow")
    func methodNotAllowed() throws {
        let router = makeRouter()
        let error = #expect(throws: HTTPError.self) { try router.handle(HTTPRequest(method: .DELETE, target: "/rooms")) }
        #expect(error?.status == .methodNotAllowed)
        #expect(error?.headers["Allow"] == "GET, HEAD, POST")

        let photo = #expect(throws: HTTPError.self) { try router.handle(HTTPRequest(method: .GET, target: "/rooms/1/photo")) }
        #expect(photo?.status == .methodNotAllowed)
        #expect(photo?.headers["Allow"] == "POST")
    }

    @Test("OPTIONS on a routed path answers 204 with Allow")
    func options() throws {
        let response = try makeRouter().handle(HTTPRequest(method: .OPTIONS, target: "/rooms"))
        #expect(response.status == .noContent)
        #expect(response.headers["Allow"] == "GET, HEAD, POST")
    }

    @Test("an error thrown by a handler reaches the caller unchanged")
    func handlerErrors() {
        var router = Router()
        router.add(.GET, "/gone") { _ in throw HTTPError(.gone, message: "removed") }
        let error = #expect(throws: HTTPError.self) { try router.handle(HTTPRequest(method: .GET, target: "/gone")) }
        #expect(error?.status == .gone)
        #expect(error?.message == "removed")
    }

    @Test("maxBodySize(for:) gives the limit of the route that will serve the head, else nil")
    func routeBodyLimit() {
        let router = makeRouter()
        #expect(router.maxBodySize(for: head(.POST, "/rooms/5/photo")) == 8 << 20)
        #expect(router.maxBodySize(for: head(.POST, "/rooms/5/photo?x=1")) == 8 << 20)
        #expect(router.maxBodySize(for: head(.POST, "/rooms")) == nil)
        #expect(router.maxBodySize(for: head(.PUT, "/rooms/5/photo")) == nil)
        #expect(router.maxBodySize(for: head(.POST, "/elsewhere")) == nil)
    }

    @Test("the id parameter accepts only positive plain digits, anything else is 404")
    func idParameter() throws {
        var router = Router()
        router.add(.GET, "/rooms/:id") { request in
            let id = try request.parameters.id("id")
            return .text("id \(id)")
        }
        #expect(try body(router, .GET, "/rooms/42") == "id 42")
        for bad in ["0", "-1", "+5", "1e3", "abc", "99999999999999999999"] {
            #expect(status(router, .GET, "/rooms/\(bad)") == 404, "id \(bad)")
        }
    }
}
