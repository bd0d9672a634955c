import Foundation
import GRDB
import HTTPServer
import RoomExchange
@testable import Storage
import Testing
import TestSupport
@testable import Web

private typealias JSON = [String: Any]

private func json(_ response: TestResponse) throws -> JSON {
    let object = try JSONSerialization.jsonObject(with: Data(response.body))
    return try #require(object as? JSON, "not a JSON object: \(response.text)")
}

private func rooms(_ body: JSON) -> [JSON] { body["rooms"] as? [JSON] ?? [] }
private func links(_ body: JSON) -> JSON { body["links"] as? JSON ?? [:] }

/// Path and query of an absolute link, after checking it points at this server.
private func relative(_ link: Any?, port: Int) -> String? {
    guard let link = link as? String else { return nil }
    let base = "http://127.0.0.1:\(port)"
    #expect(link.hasPrefix(base + "/"), "absolute link expected: \(link)")
    return String(link.dropFirst(base.count))
}

/// A 400 problem naming `parameter` (among others) in `detail` and `invalid_params`.
private func expectProblem(_ response: TestResponse, _ parameter: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status == 400, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
    #expect(response.header("Access-Control-Allow-Origin") == "*", sourceLocation: sourceLocation)
    let body = try json(response)
    #expect(body["type"] as? String == "about:blank", sourceLocation: sourceLocation)
    #expect(body["title"] as? String == "Bad Request", sourceLocation: sourceLocation)
    #expect(body["status"] as? Int == 400, sourceLocation: sourceLocation)
    #expect((body["detail"] as? String)?.contains(parameter + ":") == true, "\(body)", sourceLocation: sourceLocation)
    let names = (body["invalid_params"] as? [JSON] ?? []).compactMap { $0["name"] as? String }
    #expect(names.contains(parameter), "\(body)", sourceLocation: sourceLocation)
}

/// Replaces a room's opening hours: the same spans every day, plus extra ones on some weekdays.
private func setHours(_ server: TestServer, room: Int64, daily: [(Int, Int)], extra: [Weekday: [(Int, Int)]] = [:]) throws {
    try server.database.pool.write { db in
        try db.execute(sql: "DELETE FROM openingSpan WHERE roomId = ?", arguments: [room])
        for day in Weekday.allCases {
            for (start, end) in daily + (extra[day] ?? []) {
                try db.execute(sql: "INSERT INTO openingSpan (roomId, weekday, startMinute, endMinute) VALUES (?, ?, ?, ?)",
                               arguments: [room, day.rawValue, start, end])
            }
        }
        try db.execute(sql: "DELETE FROM booking WHERE roomId = ?", arguments: [room])
    }
}

private func intervals(_ body: JSON, _ key: String) -> [[String]] {
    (body[key] as? [JSON] ?? []).map { [$0["start"] as? String ?? "?", $0["end"] as? String ?? "?"] }
}

private func instant(_ date: String, _ clock: String) throws -> Int64 {
    let day = try #require(LocalDate(date))
    let minute = try #require(WeeklyHours.minutes(clock))
    return try #require(BerlinTime.instant(day, minute: minute))
}

@Suite("Open-data JSON API")
struct ApiTests {
    @Test("GET /api/v1/rooms: 20 published rooms a page, total, absolute links, JSON headers, CORS, ETag, cache lifetime")
    func listFirstPage() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.client().get("/api/v1/rooms")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        #expect(response.header("Cache-Control") == "public, max-age=60")
        #expect(response.header("ETag")?.wholeMatch(of: /"[0-9a-f]{32}"/) != nil)
        let body = try json(response)
        #expect(body["total"] as? Int == 60)
        #expect(body["page"] as? Int == 1)
        #expect(body["per_page"] as? Int == 20)
        let list = rooms(body)
        #expect(list.count == 20)
        #expect(list.first?["id"] as? Int == 60, "newest first")
        let first = try #require(list.first)
        #expect(Set(first.keys) == ["id", "title", "description", "district", "capacity", "price", "step_free", "organisation_name", "photo", "url", "api_url"])
        #expect(first["photo"] is NSNull)
        #expect(relative(first["url"], port: server.port) == "/rooms/60")
        #expect(relative(first["api_url"], port: server.port) == "/api/v1/rooms/60")
        let price = try #require(first["price"] as? JSON)
        #expect(Set(price.keys) == ["model", "per_hour_eur", "label"])
        #expect(relative(links(body)["self"], port: server.port) == "/api/v1/rooms?page=1&per_page=20")
        #expect(relative(links(body)["next"], port: server.port) == "/api/v1/rooms?page=2&per_page=20")
        #expect(links(body)["prev"] is NSNull)
        #expect(!response.text.contains("@"), "no e-mail addresses in the list")
    }

    @Test("pagination: per_page, the last page, a page past the end, and following next reaches every room once")
    func pagination() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let last = try json(try client.get("/api/v1/rooms?per_page=7&page=9"))
        #expect(last["total"] as? Int == 60)
        #expect(rooms(last).count == 4)
        #expect(links(last)["next"] is NSNull)
        #expect(relative(links(last)["prev"], port: server.port) == "/api/v1/rooms?page=8&per_page=7")

        let beyond = try client.get("/api/v1/rooms?page=50&per_page=7")
        #expect(beyond.status == 200)
        let beyondBody = try json(beyond)
        #expect(rooms(beyondBody).isEmpty)
        #expect(links(beyondBody)["next"] is NSNull)
        #expect(relative(links(beyondBody)["prev"], port: server.port) == "/api/v1/rooms?page=9&per_page=7", "prev of a page past the end is the last page")

        var seen: [Int] = []
        var next: String? = "/api/v1/rooms?per_page=25"
        var pages = 0
        while let path = next {
            let body = try json(try client.get(path))
            seen += rooms(body).compactMap { $0["id"] as? Int }
            next = relative(links(body)["next"], port: server.port)
            pages += 1
        }
        #expect(pages == 3)
        #expect(seen.count == 60)
        #expect(Set(seen) == Set(1...60))

        let largest = try json(try client.get("/api/v1/rooms?per_page=100"))
        #expect(rooms(largest).count == 60)
        #expect(links(largest)["next"] is NSNull)
    }

    @Test("each filter narrows the list as on /rooms, and the links keep the filters")
    func filters() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        func list(_ query: String) throws -> JSON {
            let response = try client.get("/api/v1/rooms?per_page=100&" + query)
            #expect(response.status == 200, "\(query): \(response.text)")
            return try json(response)
        }
        func details(_ body: JSON) throws -> [JSON] {
            try rooms(body).map { try json(try client.get("/api/v1/rooms/\($0["id"] as? Int ?? 0)")) }
        }

        let district = try list("district=innenstadt")
        #expect((1..<60).contains(district["total"] as? Int ?? 0))
        #expect(rooms(district).allSatisfy { ($0["district"] as? JSON)?["slug"] as? String == "innenstadt" })
        #expect(rooms(district).allSatisfy { ($0["district"] as? JSON)?["name"] as? String == "Innenstadt" })
        #expect((links(district)["self"] as? String)?.contains("district=innenstadt&page=1&per_page=100") == true)

        let big = try list("capacity=80")
        #expect((1..<60).contains(big["total"] as? Int ?? 0))
        #expect(rooms(big).allSatisfy { ($0["capacity"] as? Int ?? 0) >= 80 })

        let accessible = try list("accessible=1")
        #expect((1..<60).contains(accessible["total"] as? Int ?? 0))
        #expect(rooms(accessible).allSatisfy { $0["step_free"] as? Bool == true })
        #expect(try list("accessible=true")["total"] as? Int == accessible["total"] as? Int)
        #expect(try list("accessible=0")["total"] as? Int == 60)

        let free = try list("free=1")
        #expect((1..<60).contains(free["total"] as? Int ?? 0))
        #expect(rooms(free).allSatisfy { ["free", "free_nonprofit", "donation"].contains(($0["price"] as? JSON)?["model"] as? String) })

        let equipped = try list("equipment=projector&equipment=kitchen")
        #expect((1..<60).contains(equipped["total"] as? Int ?? 0))
        for room in try details(equipped) {
            let items = room["equipment"] as? [String] ?? []
            #expect(items.contains("projector") && items.contains("kitchen"))
        }
        #expect((links(equipped)["self"] as? String)?.contains("equipment=projector&equipment=kitchen") == true)

        let words = try list("q=Seminarraum")
        #expect((1..<60).contains(words["total"] as? Int ?? 0))
        #expect((links(words)["self"] as? String)?.contains("q=Seminarraum&") == true)
        #expect(try list("q=xyzzyNichtVorhanden")["total"] as? Int == 0)

        // A slot a week ahead: every room listed is open then, and the same rooms as the site's search.
        let day = BerlinTime.today().adding(days: 7)
        let slot = try list("date=\(day)&from=10:00&to=12:00")
        let total = slot["total"] as? Int ?? 0
        #expect((1..<60).contains(total))
        let weekday = BerlinTime.weekday(day).key
        for room in try details(slot) {
            let spans = (room["opening_hours"] as? JSON)?[weekday] as? [JSON] ?? []
            #expect(spans.contains { ($0["from"] as? String ?? "99") <= "10:00" && ($0["to"] as? String ?? "") >= "12:00" }, "\(room["id"] ?? "")")
        }
        let page = try client.get("/rooms?date=\(day)&from=10:00&to=12:00")
        #expect(page.text.contains(total == 1 ? "1 Raum gefunden" : "\(total) Räume gefunden"))
        #expect((links(slot)["self"] as? String)?.contains("date=\(day)&from=10%3A00&to=12%3A00") == true)
        // Each room links to its booking form filled in for the slot; other searches name no slot.
        let form = "?week=\(ISOWeek.containing(day))&date=\(day)&start=10:00&end=12:00#buchen"
        #expect(rooms(slot).allSatisfy { relative($0["booking_url"], port: server.port) == "/rooms/\($0["id"] as? Int ?? 0)" + form })
        #expect(rooms(district).allSatisfy { $0["booking_url"] == nil })

        let combined = try list("district=innenstadt&capacity=10&accessible=1&free=1")
        #expect((combined["total"] as? Int ?? 99) <= (district["total"] as? Int ?? 0))

        #expect(try list("unknown=1&sort=price")["total"] as? Int == 60, "unknown parameters are ignored")
        #expect(try list("capacity=&district=&q=&equipment=")["total"] as? Int == 60, "empty values count as absent")
    }

    @Test("malformed known parameters answer 400 problem+json naming the parameter and the reason")
    func badParameters() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let cases: [(String, String)] = [
            ("capacity=abc", "capacity"), ("capacity=0", "capacity"), ("capacity=-3", "capacity"), ("capacity=10001", "capacity"),
            ("district=atlantis", "district"), ("page=0", "page"), ("page=x", "page"), ("per_page=500", "per_page"), ("per_page=0", "per_page"),
            ("equipment=wifi&equipment=jacuzzi", "equipment"), ("accessible=yes", "accessible"), ("free=2", "free"),
            ("date=2027-02-30&from=10:00&to=12:00", "date"), ("date=27.01.2027&from=10:00&to=12:00", "date"),
            ("date=2027-01-12&from=25:00&to=26:00", "from"), ("date=2027-01-12&from=9:00&to=12:00", "from"),
            ("date=2027-01-12&from=12:00&to=10:00", "to"), ("date=2027-01-12", "from"), ("from=10:00&to=12:00", "date"),
            ("date=2027-03-28&from=02:15&to=04:00", "from"), ("capacity=1&capacity=2", "capacity"),
            ("q=" + String(repeating: "a", count: 201), "q"), ("date=9999-12-31&from=10:00&to=24:00", "date"),
        ]
        for (query, parameter) in cases {
            try expectProblem(try client.get("/api/v1/rooms?" + query), parameter)
        }
        let problem = try json(try client.get("/api/v1/rooms?capacity=abc&district=atlantis"))
        #expect((problem["invalid_params"] as? [JSON])?.count == 2, "all refusals at once")
        #expect(problem["detail"] as? String == "district: unknown district \"atlantis\"; one of innenstadt, st-juergen, moisling, buntekuh, st-lorenz-sued, st-lorenz-nord, st-gertrud, schlutup, kuecknitz, travemuende; capacity: must be a whole number from 1 to 10000, not \"abc\"")
        let headers = try client.get("/api/v1/rooms?page=0")
        #expect(headers.header("Cache-Control") == "no-store")
    }

    @Test("GET /api/v1/rooms/{id}: the public facts, absolute URLs, photos, no personal data")
    func roomDetail() throws {
        let server = try TestServer()
        defer { server.stop() }
        let room = try #require(try server.database.room(Room.ID(1)))
        let organisation = try #require(try server.database.organisation(room.organisationID))
        // Trusted, so the new photo does not send the room back to review.
        try server.database.pool.write { try $0.execute(sql: "UPDATE organisation SET trusted = 1 WHERE id = ?", arguments: [room.organisationID.rawValue]) }
        _ = try server.database.addPhoto(to: room.id, ownedBy: room.organisationID, fileName: "abc123.jpg", contentType: "image/jpeg",
                                         width: 800, height: 600, alt: "Der Saal von vorn")
        let response = try server.client().get("/api/v1/rooms/1")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        let body = try json(response)
        #expect(Set(body.keys) == ["id", "title", "description", "district", "address", "capacity", "area_m2", "price", "booking_mode",
                                   "accessibility", "equipment", "opening_hours", "min_minutes", "max_minutes", "lead_hours",
                                   "max_days_ahead", "rules", "organisation", "photos", "url", "availability_url"])
        #expect(body["id"] as? Int == 1)
        #expect(body["title"] as? String == room.title)
        #expect(body["capacity"] as? Int == room.capacity)
        #expect((body["district"] as? JSON)?["slug"] as? String == room.district.rawValue)
        let address = try #require(body["address"] as? JSON)
        #expect(address["street"] as? String == room.street)
        #expect(address["postcode"] as? String == room.postcode)
        #expect(address["city"] as? String == "Lübeck")
        #expect(body["booking_mode"] as? String == room.bookingMode.rawValue)
        let price = try #require(body["price"] as? JSON)
        #expect(price["model"] as? String == room.price.model.rawValue)
        #expect(price["label"] as? String == (try germanTexts()).priceLabel(room.price))
        if let cents = room.price.feePerHourCents {
            #expect(price["per_hour_eur"] as? Double == Double(cents) / 100)
        } else {
            #expect(price["per_hour_eur"] is NSNull)
        }
        let accessibility = try #require(body["accessibility"] as? JSON)
        #expect(accessibility["step_free"] as? Bool == room.accessibility.stepFree)
        #expect(accessibility["accessible_wc"] as? Bool == room.accessibility.accessibleWC)
        #expect(accessibility["hearing_loop"] as? Bool == room.accessibility.hearingLoop)
        #expect(body["equipment"] as? [String] == room.equipment.sorted().map(\.rawValue))
        let hours = try #require(body["opening_hours"] as? JSON)
        #expect(Set(hours.keys) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        for day in Weekday.allCases {
            let spans = (hours[day.key] as? [JSON] ?? []).map { "\($0["from"] as? String ?? "")-\($0["to"] as? String ?? "")" }
            #expect(spans.joined(separator: ", ") == room.openingHours.text(for: day))
        }
        #expect(body["min_minutes"] as? Int == room.minMinutes)
        #expect(body["max_minutes"] as? Int == room.maxMinutes)
        #expect(body["lead_hours"] as? Int == room.leadHours)
        #expect(body["max_days_ahead"] as? Int == room.maxDaysAhead)
        #expect(body["rules"] as? String == room.rules)
        let org = try #require(body["organisation"] as? JSON)
        #expect(Set(org.keys) == ["id", "name", "kind", "url", "website"])
        #expect(org["name"] as? String == organisation.name)
        #expect(org["kind"] as? String == organisation.kind.rawValue)
        #expect(relative(org["url"], port: server.port) == "/organisations/\(organisation.id.rawValue)")
        let photos = try #require(body["photos"] as? [JSON])
        #expect(photos.count == 1)
        #expect(relative(photos.first?["url"], port: server.port) == "/photos/abc123.jpg")
        #expect(photos.first?["alt"] as? String == "Der Saal von vorn")
        #expect(photos.first?["width"] as? Int == 800)
        #expect(photos.first?["height"] as? Int == 600)
        #expect(relative(body["url"], port: server.port) == "/rooms/1")
        #expect(relative(body["availability_url"], port: server.port) == "/api/v1/rooms/1/availability")
        // Contact details of the organisation stay out.
        if let email = organisation.contactEmail { #expect(!response.text.contains(email)) }
        if let phone = organisation.phone { #expect(!response.text.contains(phone)) }
        #expect(!response.text.contains("@"))
        // The list shows the first photo too.
        let list = try json(try server.client().get("/api/v1/rooms?per_page=100"))
        let listed = try #require(rooms(list).first { $0["id"] as? Int == 1 })
        #expect(relative((listed["photo"] as? JSON)?["url"], port: server.port) == "/photos/abc123.jpg")
    }

    @Test("unknown, malformed and unpublished ids, other paths and methods below /api answer problem+json")
    func notFound() throws {
        let server = try TestServer()
        defer { server.stop() }
        try server.database.pool.write { try $0.execute(sql: "UPDATE room SET status = 'pending' WHERE id = 2") }
        let client = server.client()
        for path in ["/api/v1/rooms/99999", "/api/v1/rooms/abc", "/api/v1/rooms/0", "/api/v1/rooms/2",
                     "/api/v1/rooms/2/availability?from=2027-01-01&to=2027-01-02", "/api/v1/rooms/99999/availability?from=2027-01-01&to=2027-01-02",
                     "/api/v1/nothing", "/api/v2/rooms", "/api", "/api/v1/rooms/1/photos"] {
            let response = try client.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(response.header("Content-Type") == "application/problem+json", "\(path)")
            #expect(response.header("Access-Control-Allow-Origin") == "*", "\(path)")
            let body = try json(response)
            #expect(body["status"] as? Int == 404)
            #expect(body["title"] as? String == "Not Found")
            #expect(body["type"] as? String == "about:blank")
            #expect(!(body["detail"] as? String ?? "").isEmpty)
        }
        // Its published neighbour is there.
        #expect(try client.get("/api/v1/rooms/3").status == 200)

        let post = try client.post("/api/v1/rooms", form: [("q", "x")])
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(post.header("Content-Type") == "application/problem+json")

        let preflight = try client.request("OPTIONS", "/api/v1/rooms/1", headers: [("Origin", "https://example.org"), ("Access-Control-Request-Method", "GET"),
                                                                                  ("Access-Control-Request-Headers", "if-none-match")])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == "*")
        #expect(preflight.header("Access-Control-Allow-Headers") == "If-None-Match")
        #expect(preflight.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS")
    }

    @Test("ETag and If-None-Match: 304 without a body (strong, weak and gzip forms), a new tag when the data changes, HEAD")
    func conditionalRequests() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        for path in ["/api/v1/rooms?district=innenstadt", "/api/v1/rooms/1", "/api/v1/rooms/1/availability?from=2027-01-04&to=2027-01-10", "/api/v1/openapi.json"] {
            let first = try client.get(path)
            #expect(first.status == 200, "\(path)")
            let etag = try #require(first.header("ETag"))
            #expect(try client.get(path).header("ETag") == etag, "the same data has the same tag")
            let notModified = try client.get(path, headers: [("If-None-Match", etag)])
            #expect(notModified.status == 304, "\(path)")
            #expect(notModified.body.isEmpty)
            #expect(notModified.header("ETag") == etag)
            #expect(notModified.header("Access-Control-Allow-Origin") == "*")
            #expect(notModified.header("Cache-Control") == first.header("Cache-Control"))
            #expect(try client.get(path, headers: [("If-None-Match", "\"0000\", W/" + etag)]).status == 304)
            #expect(try client.get(path, headers: [("If-None-Match", "*")]).status == 304)
            #expect(try client.get(path, headers: [("If-None-Match", "\"00000000000000000000000000000000\"")]).status == 200)

            let gzipped = try client.get(path, headers: [("Accept-Encoding", "gzip")])
            if gzipped.header("Content-Encoding") == "gzip" {
                #expect(gzipped.header("ETag") == "W/" + etag)
                #expect(Gzip.decompress(gzipped.body) == first.body)
                let again = try client.get(path, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", "W/" + etag)])
                #expect(again.status == 304)
                #expect(again.header("ETag") == "W/" + etag)
            }
            let head = try client.request("HEAD", path)
            #expect(head.status == 200)
            #expect(head.header("ETag") == etag)
        }
        #expect(try client.get("/api/v1/rooms?district=innenstadt", headers: [("Accept-Encoding", "gzip")]).header("Content-Encoding") == "gzip",
                "JSON is compressed")

        let before = try #require(try client.get("/api/v1/rooms/1").header("ETag"))
        try server.database.pool.write { try $0.execute(sql: "UPDATE room SET title = 'Neuer Titel' WHERE id = 1") }
        let after = try client.get("/api/v1/rooms/1", headers: [("If-None-Match", before)])
        #expect(after.status == 200)
        #expect(after.header("ETag") != before)
        #expect(try json(after)["title"] as? String == "Neuer Titel")
        #expect(try client.get("/api/v1/rooms?district=moisling").header("ETag") != client.get("/api/v1/rooms?district=innenstadt").header("ETag"))
    }

    @Test("availability across the spring DST change: +01:00 then +02:00, the skipped hour, bookings, requests and closures")
    func availabilitySpring() throws {
        let server = try TestServer()
        defer { server.stop() }
        let room = try #require(try server.database.room(Room.ID(5)))
        // 18:00–22:00 every day; on Sundays also 01:00–04:00, across the night the clocks go forward.
        try setHours(server, room: 5, daily: [(18 * 60, 22 * 60)], extra: [.sunday: [(60, 240)]])
        try server.database.inTransaction { tx in
            try tx.insertBooking(room: room.id, organisation: nil, startsAt: try instant("2027-03-29", "19:00"), endsAt: try instant("2027-03-29", "20:30"),
                                 attendees: 5, purpose: "Chorprobe", confirmed: true)
            try tx.insertBooking(room: room.id, organisation: nil, startsAt: try instant("2027-03-27", "18:00"), endsAt: try instant("2027-03-27", "19:00"),
                                 attendees: 5, purpose: "Anfrage", confirmed: false)
            // Outside the range asked for: not listed.
            try tx.insertBooking(room: room.id, organisation: nil, startsAt: try instant("2027-03-30", "18:00"), endsAt: try instant("2027-03-30", "19:00"),
                                 attendees: 5, purpose: "Später", confirmed: true)
        }
        let response = try server.client().get("/api/v1/rooms/5/availability?from=2027-03-27&to=2027-03-29")
        #expect(response.status == 200, "\(response.text)")
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        #expect(response.header("Cache-Control") == "public, max-age=60")
        let body = try json(response)
        #expect(Set(body.keys) == ["room_id", "from", "to", "timezone", "free", "busy", "requested", "closed"])
        #expect(body["room_id"] as? Int == 5)
        #expect(body["from"] as? String == "2027-03-27")
        #expect(body["to"] as? String == "2027-03-29")
        #expect(body["timezone"] as? String == "Europe/Berlin")
        #expect(intervals(body, "free") == [
            ["2027-03-27T18:00:00+01:00", "2027-03-27T22:00:00+01:00"],
            ["2027-03-28T01:00:00+01:00", "2027-03-28T04:00:00+02:00"],
            ["2027-03-28T18:00:00+02:00", "2027-03-28T22:00:00+02:00"],
            ["2027-03-29T18:00:00+02:00", "2027-03-29T19:00:00+02:00"],
            ["2027-03-29T20:30:00+02:00", "2027-03-29T22:00:00+02:00"],
        ])
        #expect(intervals(body, "busy") == [["2027-03-29T19:00:00+02:00", "2027-03-29T20:30:00+02:00"]])
        #expect(intervals(body, "requested") == [["2027-03-27T18:00:00+01:00", "2027-03-27T19:00:00+01:00"]])
        #expect(intervals(body, "closed").isEmpty)

        // A closed day takes the whole day away and is listed; an opening time inside the skipped hour starts at 03:00.
        // Written directly: the site refuses a closure over bookings, but one from before that rule may exist.
        try server.database.pool.write { db in
            try db.execute(sql: "INSERT INTO closure (roomId, fromDate, toDate, reason) VALUES (?, '2027-03-27', '2027-03-27', 'Renovierung')",
                           arguments: [room.id.rawValue])
        }
        try setHours(server, room: 5, daily: [(18 * 60, 22 * 60)], extra: [.sunday: [(150, 300)]])
        let closedResponse = try server.client().get("/api/v1/rooms/5/availability?from=2027-03-27&to=2027-03-28")
        let closed = try json(closedResponse)
        #expect(intervals(closed, "closed") == [["2027-03-27T00:00:00+01:00", "2027-03-28T00:00:00+01:00"]])
        #expect(intervals(closed, "free") == [
            ["2027-03-28T03:00:00+02:00", "2027-03-28T05:00:00+02:00"],
            ["2027-03-28T18:00:00+02:00", "2027-03-28T22:00:00+02:00"],
        ])
        #expect(!closedResponse.text.contains("Renovierung"), "closure reasons stay private")
    }

    @Test("availability across the autumn change: a room open all day is one interval of 49 hours over two days")
    func availabilityAutumn() throws {
        let server = try TestServer()
        defer { server.stop() }
        try setHours(server, room: 7, daily: [(0, 24 * 60)])
        let body = try json(try server.client().get("/api/v1/rooms/7/availability?from=2027-10-30&to=2027-10-31"))
        #expect(intervals(body, "free") == [["2027-10-30T00:00:00+02:00", "2027-11-01T00:00:00+01:00"]])
        // A winter week and a summer week for the same room: offsets follow the date.
        let winter = try json(try server.client().get("/api/v1/rooms/7/availability?from=2027-01-12&to=2027-01-12"))
        #expect(intervals(winter, "free") == [["2027-01-12T00:00:00+01:00", "2027-01-13T00:00:00+01:00"]])
        let summer = try json(try server.client().get("/api/v1/rooms/7/availability?from=2027-07-12&to=2027-07-12"))
        #expect(intervals(summer, "free") == [["2027-07-12T00:00:00+02:00", "2027-07-13T00:00:00+02:00"]])
    }

    @Test("availability parameters: both dates required, to not before from, at most 62 days")
    func availabilityLimits() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let sixtyTwo = try client.get("/api/v1/rooms/1/availability?from=2027-01-01&to=2027-03-03")
        #expect(sixtyTwo.status == 200)
        let free = intervals(try json(sixtyTwo), "free")
        #expect(!free.isEmpty)
        #expect(free.allSatisfy { $0[0] >= "2027-01-01" && $0[1] <= "2027-03-04T00:00:00+01:00" })
        let tooLong = try client.get("/api/v1/rooms/1/availability?from=2027-01-01&to=2027-03-04")
        try expectProblem(tooLong, "to")
        #expect((try json(tooLong)["detail"] as? String)?.contains("63 days; at most 62") == true)
        try expectProblem(try client.get("/api/v1/rooms/1/availability?from=2027-01-10&to=2027-01-09"), "to")
        try expectProblem(try client.get("/api/v1/rooms/1/availability?from=2027-01-10"), "to")
        try expectProblem(try client.get("/api/v1/rooms/1/availability?to=2027-01-10"), "from")
        try expectProblem(try client.get("/api/v1/rooms/1/availability"), "from")
        try expectProblem(try client.get("/api/v1/rooms/1/availability?from=2027-1-1&to=2027-01-10"), "from")
        try expectProblem(try client.get("/api/v1/rooms/1/availability?from=2027-01-01&to=9999-12-31"), "to")
        try expectProblem(try client.get("/api/v1/rooms/1/availability?from=2027-01-01&from=2027-01-02&to=2027-01-10"), "from")
        #expect(try client.get("/api/v1/rooms/1/availability?from=2200-12-31&to=2200-12-31").status == 200, "the last day taken")
        try expectProblem(try client.get("/api/v1/rooms/1/availability?from=2201-01-01&to=2201-01-01"), "from")
        try expectProblem(try client.get("/api/v1/rooms/1/availability?from=1969-12-31&to=1970-01-01"), "from")
        #expect(try client.get("/api/v1/rooms/1/availability?from=2027-01-01&to=2027-01-01&extra=1").status == 200)
    }

    @Test("the OpenAPI document is served as kept in Public/api/openapi.json and names every path")
    func openAPIDocument() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.client().get("/api/v1/openapi.json")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        #expect(response.header("Cache-Control") == "public, max-age=3600")
        let file = try Data(contentsOf: URL(fileURLWithPath: TestServer.repositoryRoot + "/Public/api/openapi.json"))
        #expect(response.body == Array(file))
        let body = try json(response)
        #expect(body["openapi"] as? String == "3.1.0")
        let paths = try #require(body["paths"] as? JSON)
        #expect(Set(paths.keys) == ["/api/v1/rooms", "/api/v1/rooms/{id}", "/api/v1/rooms/{id}/availability", "/api/v1/openapi.json"])
    }

    @Test("absolute URLs: http and the Host header, https only when X-Forwarded-Proto says so")
    func baseURL() {
        var request = HTTPRequest(method: .GET, target: "/api/v1/rooms", headers: ["Host": "raumboerse.example:8443"])
        #expect(Paths.siteURL(of: request) == "http://raumboerse.example:8443")
        request.headers["X-Forwarded-Proto"] = "https"
        #expect(Paths.siteURL(of: request) == "https://raumboerse.example:8443")
        request.headers["X-Forwarded-Proto"] = "HTTPS, http"
        #expect(Paths.siteURL(of: request) == "https://raumboerse.example:8443")
        request.headers["X-Forwarded-Proto"] = "gopher"
        #expect(Paths.siteURL(of: request) == "http://raumboerse.example:8443")
        #expect(Paths.siteURL(of: HTTPRequest(method: .GET, target: "/", version: .http1_0)) == "http://localhost")
    }

    @Test("interval arithmetic: clipping, joining touching intervals, subtracting bookings")
    func intervalArithmetic() {
        typealias I = RoomAvailability.Interval
        let joined = RoomAvailability.normalized([I(start: 50, end: 60), I(start: 0, end: 10), I(start: 10, end: 20), I(start: 15, end: 30), I(start: 90, end: 200)],
                                                 within: (5, 100))
        #expect(joined == [I(start: 5, end: 30), I(start: 50, end: 60), I(start: 90, end: 100)])
        let free = RoomAvailability.subtract([I(start: 0, end: 100), I(start: 200, end: 300)],
                                             [I(start: 0, end: 10), I(start: 40, end: 50), I(start: 90, end: 210), I(start: 250, end: 260)])
        #expect(free == [I(start: 10, end: 40), I(start: 50, end: 90), I(start: 210, end: 250), I(start: 260, end: 300)])
        #expect(BerlinTimestamp.rfc3339(0) == "1970-01-01T01:00:00+01:00")
        #expect(BerlinTimestamp.rfc3339(1_806_273_000) == "2027-03-29T00:30:00+02:00")
    }
}
