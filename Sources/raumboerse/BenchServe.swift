import ArgumentParser
import Foundation
import HTTPServer
import Mustache
import Storage

/// Serves the workload of `../shared/bench` (`GET /rooms?district=…&page=…` and
/// `GET /health`) through our server, storage and template engine, so it can be
/// measured side by side with the reference servers in one run.
struct BenchServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-serve",
        abstract: "Serve the shared benchmark workload (see Benchmarks/README.md)."
    )

    @Option(help: "The benchmark's rooms.sqlite.") var db: String
    @Option(help: "Directory with rooms.mustache.") var templates = "Benchmarks/templates"
    @Option var port = 8080
    @Option var host = "127.0.0.1"
    @Option(help: "Server threads.") var workers = 2
    @Option(help: "What /rooms does per request: all (query and render), query (then the bytes rendered at start), none (only the bytes).")
    var parts = Parts.all

    /// Taking parts out of `/rooms` one at a time shows what each costs in a
    /// side-by-side run (`Benchmarks/parts-side-by-side.sh`).
    enum Parts: String, ExpressibleByArgument {
        case all, query, none
    }

    /// The page `../shared/bench/run.sh` asks for.
    static let measuredTarget = "/rooms?district=St.%20J%C3%BCrgen&page=10"

    func run() throws {
        let rooms = try BenchmarkRooms(path: db)
        let library = try MustacheLibrary(directory: templates)
        @Sendable func rows(for request: HTTPRequest) throws -> (district: String, page: Int, rows: BenchmarkRooms.Page) {
            let query = request.queryItems
            let district = query["district"] ?? "Innenstadt"
            let page = min(max(Int(asciiDigits: query["page"] ?? "1", maxDigits: 6) ?? 1, 1), 10_000)
            return (district, page, try rooms.rooms(district: district, page: page))
        }
        @Sendable func render(_ request: HTTPRequest) throws -> [UInt8] {
            let (district, page, page20) = try rows(for: request)
            return try library.render("rooms", BenchRoomsPage(district: district, page: page, rooms: page20))
        }
        var router = Router()
        router.add(.GET, "/health") { _ in .text("ok") }
        switch parts {
        case .all:
            router.add(.GET, "/rooms") { request in .html(try render(request)) }
        case .query:
            let fixed = try render(HTTPRequest(method: .GET, target: Self.measuredTarget))
            router.add(.GET, "/rooms") { request in
                _ = try rows(for: request)
                return .html(fixed)
            }
        case .none:
            let fixed = try render(HTTPRequest(method: .GET, target: Self.measuredTarget))
            router.add(.GET, "/rooms") { _ in .html(fixed) }
        }
        var configuration = HTTPServer.Configuration()
        configuration.host = host
        configuration.port = port
        configuration.workerThreads = workers
        HTTPServer.raiseOpenFileLimit()
        let server = try HTTPServer(configuration: configuration, handler: router)
        try server.start()
        print("bench-serve listening on http://\(host):\(server.port)/")
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let sources = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.shutdown() }
            source.resume()
            return source
        }
        server.waitUntilStopped()
        sources.forEach { $0.cancel() }
    }
}

struct BenchRoomsPage: MustacheContext {
    let district: String
    let page: Int
    let rooms: BenchmarkRooms.Page

    func value(for name: String) -> MustacheValue {
        switch name {
        case "district": .text(district)
        // The reference servers encode everything but letters and digits.
        case "districtQuery": .text(district.percentEncoded(keeping: String.isLetterOrDigit))
        case "page": .int(page)
        case "count": .int(rooms.rows.count)
        case "rooms": .rows(BenchRoomRows(page: rooms))
        case "prevPage": page > 1 ? .int(page - 1) : .missing
        case "nextPage": .int(page + 1)
        default: .missing
        }
    }
}

struct BenchRoomRows: MustacheRows {
    let page: BenchmarkRooms.Page
    /// The page's rows, held here: read through the page, each field retained them.
    let rows: [BenchmarkRooms.Row]

    init(page: BenchmarkRooms.Page) {
        self.page = page
        rows = page.rows
    }

    var fieldNames: [String] { ["id", "title", "district", "capacity", "description", "free"] }
    var count: Int { rows.count }

    func field(_ field: Int, of item: Int) -> MustacheField {
        let room = rows[item]
        return switch field {
        case 0: .int(room.id)
        case 1: .utf8(page.text(room.title))
        case 2: .utf8(page.text(room.district))
        case 3: .int(room.capacity)
        case 4: .utf8(page.text(room.description))
        default: .bool(room.free)
        }
    }
}
