@testable import DemoData
import Foundation
import HTTPServer
import RoomExchange
import Storage
import Testing
import TestSupport

@Suite("Public pages over HTTP")
struct PublicPagesTests {
    @Test("the start page shows the search, published rooms and the figures")
    func home() throws {
        let server = try TestServer()
        defer { server.stop() }
        let page = try server.client().get("/")
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.text.contains("<h1"))
        #expect(page.text.contains("action=\"/rooms\""))
        #expect(page.text.contains("/rooms/60\""))
        #expect(page.text.contains(">60<"))
    }

    @Test("/rooms lists 20 rooms a page with a pagination that keeps the filters")
    func pagination() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let first = try client.get("/rooms")
        #expect(first.status == 200)
        #expect(first.text.contains("60 Räume gefunden"))
        #expect(cardCount(first) == 20)
        #expect(first.text.contains("href=\"/rooms?page=2\""))
        let third = try client.get("/rooms?page=3")
        #expect(cardCount(third) == 20)
        #expect(cardLinks(third).isDisjoint(with: cardLinks(first)))
        let beyond = try client.get("/rooms?page=9")
        #expect(beyond.status == 200)
        #expect(cardCount(beyond) == 0)
        let filtered = try client.get("/rooms?capacity=10&accessible=1")
        if filtered.text.contains("page=2") { #expect(filtered.text.contains("capacity=10&amp;accessible=1&amp;page=2")) }
    }

    @Test("each filter narrows the results to matching rooms")
    func filters() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let rooms = DemoCatalog.rooms
        func total(_ query: String) throws -> Int {
            let page = try client.get("/rooms?" + query)
            #expect(page.status == 200)
            let pattern = try Regex("([0-9.]+) R(aum|äume) gefunden")
            guard let match = page.text.firstMatch(of: pattern), let number = Int(String(match.output[1].substring ?? "").replacingOccurrences(of: ".", with: "")) else {
                Issue.record("no result count for \(query)")
                return -1
            }
            return number
        }
        #expect(try total("district=moisling") == rooms.filter { $0.district == "moisling" }.count)
        #expect(try total("capacity=50") == rooms.filter { $0.capacity >= 50 }.count)
        #expect(try total("accessible=1") == rooms.filter(\.stepFree).count)
        #expect(try total("free=1") == rooms.filter { $0.priceModel != "fee" }.count)
        #expect(try total("equipment=kitchen&equipment=wifi") == rooms.filter { $0.equipment.contains("kitchen") && $0.equipment.contains("wifi") }.count)
        #expect(try total("district=travemuende&capacity=20") == rooms.filter { $0.district == "travemuende" && $0.capacity >= 20 }.count)
        let word = rooms[0].title.split(separator: " ").first { $0.count > 5 }.map(String.init) ?? rooms[0].title
        #expect(try total("q=" + TestClientEncoding.encode(word)) >= 1)
        #expect(try total("q=zzzxxyyqq") == 0)
        // Unknown values are ignored rather than failing the page.
        #expect(try total("district=atlantis&capacity=-3") == rooms.count)
        let empty = try client.get("/rooms?q=zzzxxyyqq")
        #expect(empty.text.contains("Keine Räume gefunden"))
        // With words, the page says in which order the matches come; without, it says nothing.
        let order = try germanTexts()("rooms.order_with_words")
        #expect(try client.get("/rooms?q=" + TestClientEncoding.encode(word)).text.contains(order))
        #expect(!empty.text.contains(order))
        #expect(!(try client.get("/rooms")).text.contains(order))
    }

    @Test("a room page shows its facts; unknown, malformed and unpublished ids are 404 pages in the layout")
    func roomPage() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let room = DemoCatalog.rooms[0]
        let page = try client.get("/rooms/1")
        #expect(page.status == 200)
        #expect(page.text.contains(escaped(room.title)))
        #expect(page.text.contains(room.postcode))
        #expect(page.text.contains("Montag"))
        for path in ["/rooms/9999", "/rooms/abc", "/rooms/0", "/rooms/-1", "/rooms/1x", "/organisations/999", "/nowhere"] {
            let missing = try client.get(path)
            #expect(missing.status == 404, "\(path)")
            #expect(missing.text.contains("Seite nicht gefunden"), "\(path)")
            #expect(missing.text.contains("Raumbörse Lübeck"), "\(path)")
        }
        let organisation = try server.database.insertOrganisation(Organisation(id: .init(0), name: "Neu e.V.", kind: .nonprofit, district: nil, description: "", website: nil, contactEmail: nil, phone: nil, trusted: false))
        let pending = try server.database.insertRoom(pendingRoom(organisation, title: "Geheimer Raum"))
        let hidden = try client.get("/rooms/\(pending.rawValue)")
        #expect(hidden.status == 404)
        #expect(!hidden.text.contains("Geheimer Raum"))
        #expect(!(try client.get("/rooms?q=Geheimer")).text.contains("Geheimer Raum"))
        #expect(!(try client.get("/organisations/\(organisation.rawValue)")).text.contains("Geheimer Raum"))
    }

    @Test("text from the database is escaped wherever it is shown")
    func escaping() throws {
        let server = try TestServer()
        defer { server.stop() }
        let organisation = try server.database.insertOrganisation(Organisation(id: .init(0), name: "<b>Evil</b> & Co", kind: .company, district: .innenstadt, description: "<script>alert(1)</script>", website: nil, contactEmail: nil, phone: nil, trusted: true))
        var room = pendingRoom(organisation, title: "<script>alert('x')</script>")
        room.status = .published
        room.description = "<img src=x onerror=alert(1)>"
        let id = try server.database.insertRoom(room)
        let client = server.client()
        for path in ["/rooms/\(id.rawValue)", "/rooms", "/organisations/\(organisation.rawValue)", "/"] {
            let page = try client.get(path)
            #expect(!page.text.contains("<script>alert"), "\(path)")
            #expect(!page.text.contains("<img src=x"), "\(path)")
            #expect(!page.text.contains("<b>Evil"), "\(path)")
        }
        #expect(try client.get("/rooms/\(id.rawValue)").text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    @Test("every answer carries the security headers, error pages and static files included")
    func securityHeaders() throws {
        let server = try TestServer()
        defer { server.stop() }
        for path in ["/", "/rooms/9999", "/static/css/site.css", "/health"] {
            let response = try server.client().get(path)
            let csp = response.header("Content-Security-Policy") ?? ""
            #expect(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "\(path)")
            #expect(!csp.contains("unsafe-inline"))
            #expect(response.header("X-Content-Type-Options") == "nosniff", "\(path)")
            #expect(response.header("Referrer-Policy") == "same-origin", "\(path)")
        }
    }

    @Test("pages are gzipped for clients that accept it and decompress to the same bytes")
    func gzip() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let plain = try client.get("/rooms")
        let compressed = try client.get("/rooms", headers: [("Accept-Encoding", "gzip, deflate")])
        #expect(plain.header("Content-Encoding") == nil)
        #expect(compressed.header("Content-Encoding") == "gzip")
        #expect(compressed.header("Vary")?.contains("Accept-Encoding") == true)
        #expect(compressed.body.count < plain.body.count / 3)
        #expect(Gzip.decompress(compressed.body) == plain.body)
        let small = try client.get("/health", headers: [("Accept-Encoding", "gzip")])
        #expect(small.header("Content-Encoding") == nil)
        #expect(small.text == "ok")
    }

    @Test("static files have a type, an ETag and answer 304 when unchanged; traversal is refused")
    func staticFiles() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let css = try client.get("/static/css/site.css")
        #expect(css.status == 200)
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(css.header("Cache-Control")?.contains("max-age") == true)
        let etag = try #require(css.header("ETag"))
        #expect(try client.get("/static/css/site.css", headers: [("If-None-Match", etag)]).status == 304)
        let lastModified = try #require(css.header("Last-Modified"))
        #expect(try client.get("/static/css/site.css", headers: [("If-Modified-Since", lastModified)]).status == 304)
        for path in ["/static/../Package.swift", "/static/%2e%2e/Package.swift", "/static/css/..%2f..%2fPackage.swift",
                     "/static/css/", "/static/", "/static/css", "/static/%00", "/static/.git/config", "/static/css%2fsite.css"] {
            let response = try client.get(path)
            #expect(response.status == 404 || response.status == 400, "\(path)")
            #expect(!response.text.contains("swift-tools-version"), "\(path)")
        }
    }

    @Test("health answers ok while the database answers")
    func health() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let response = try server.client().get("/health")
        #expect(response.status == 200)
        #expect(response.text == "ok")
    }

    @Test("a method the path does not support is 405 with Allow, HEAD works wherever GET does")
    func methods() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let delete = try client.request("DELETE", "/rooms/1")
        #expect(delete.status == 405)
        #expect(delete.header("Allow") == "GET, HEAD, POST")
        let head = try client.request("HEAD", "/rooms/1")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(Int(head.header("Content-Length") ?? "") ?? 0 > 1000)
    }
}

private func cardLinks(_ page: TestResponse) -> Set<String> {
    let pattern = try! Regex("<h3[^>]*>\\s*<a[^>]*href=\"(/rooms/[0-9]+)\"")
    return Set(page.text.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) })
}

private func cardCount(_ page: TestResponse) -> Int { cardLinks(page).count }

private func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}

private func pendingRoom(_ organisation: Organisation.ID, title: String) -> Room {
    Room(id: .init(0), organisationID: organisation, status: .pending, title: title, description: "Beschreibung",
         district: .innenstadt, street: "Breite Straße 1", postcode: "23552", capacity: 10, areaM2: nil, price: .free,
         bookingMode: .instant, accessibility: Accessibility(stepFree: false, accessibleWC: false, hearingLoop: false),
         equipment: [], openingHours: .closed, minMinutes: 60, maxMinutes: 240, leadHours: 2, maxDaysAhead: 365, rules: "")
}

enum TestClientEncoding {
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

@Suite("Hostile dates over HTTP")
struct HostileDateTests {
    @Test("far-future dates and weeks are answered, and the server stays up")
    func farFuture() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        #expect(try client.get("/rooms?date=9999-12-31&from=10:00&to=24:00").status == 200)
        #expect(try client.get("/rooms/1?week=9999-W52").status == 200)
        #expect(try client.get("/rooms?date=0000-01-01&from=10:00&to=11:00").status == 200)
        #expect(try client.get("/health").text == "ok")
    }
}

@Suite("Search counts")
struct SearchCountTests {
    @Test("matches are counted 100 beyond the page shown: 'more than' with open pagination, exact once the end is in reach")
    func countWindow() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let loaded = try DemoLoader.load(into: server.database, rooms: 450)
        let client = server.client()

        let first = try client.get("/rooms").text
        #expect(first.contains("Mehr als 100 Räume gefunden"))
        #expect(first.contains("Seite 1<") || first.contains("Seite 1 "))
        #expect(!first.contains("Seite 1 von"))
        #expect(first.contains("page=6"))
        #expect(!first.contains("page=7"))

        let eleventh = try client.get("/rooms?page=11").text
        #expect(eleventh.contains("Mehr als 300 Räume gefunden"))

        let near = try client.get("/rooms?page=21").text
        #expect(near.contains("\(loaded.rooms) Räume gefunden"))
        let pages = (loaded.rooms + 19) / 20
        #expect(near.contains("Seite 21 von \(pages)"))
        #expect(try client.get("/rooms?page=21&lang=en").text.contains("Page 21 of \(pages)"))
    }
}
