import Foundation
import RoomExchange
@testable import Storage
import Testing
import TestSupport

/// A complete, valid room form.
func roomFields(title: String = "Gemeinschaftsraum am Lindenplatz", district: String = "st-lorenz-sued") -> [(String, String)] {
    [("title", title), ("description", "Ein heller Raum mit Stuhlkreis, Teeküche und WLAN, gut erreichbar mit dem Bus."),
     ("district", district), ("street", "Lindenplatz 3"), ("postcode", "23554"), ("capacity", "30"), ("area_m2", "60"),
     ("price_model", "free_nonprofit"), ("price_per_hour_eur", "25,50"), ("booking_mode", "instant"), ("step_free", "1"),
     ("accessible_wc", "1"), ("equipment", "wifi"), ("equipment", "kitchen"), ("hours_mon", "08:00-12:00, 14:00-18:00"),
     ("hours_tue", "09:00-17:00"), ("hours_sat", "00:00-24:00"), ("min_minutes", "60"), ("max_minutes", "240"),
     ("lead_hours", "2"), ("max_days_ahead", "365"), ("rules", "Bitte lüften.")]
}

/// An organisation (not trusted) with its owner signed in and room 1 published.
private func publishedRoomOfUntrustedOrganisation(_ server: TestServer) throws -> TestClient {
    let owner = server.client()
    try owner.register(email: "owner@treff.example")
    _ = try owner.submit("/rooms/new", to: "/rooms", roomFields())
    try server.database.pool.write { try $0.execute(sql: "UPDATE room SET status = 'published'") }
    return owner
}

private let fixtures = TestServer.repositoryRoot + "/Tests/RoomExchangeTests/Fixtures/"

private func fixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + name)))
}

private func roomCount(_ server: TestServer) throws -> Int {
    try server.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM room") ?? 0 }
}

import GRDB

@Suite("Room listings over HTTP")
struct RoomListingTests {
    @Test("register → list a room → it waits for moderation → a moderator approves → the public finds it with each filter")
    func listingJourney() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "ehrenamt@treff.example")
        let created = try owner.submit("/rooms/new", to: "/rooms", roomFields())
        #expect(created.status == 303)
        let location = try #require(created.header("Location"))
        #expect(location.hasPrefix("/rooms/1/edit"))
        let my = try owner.get("/my")
        #expect(my.text.contains("Wartet auf Prüfung"))
        let visitor = server.client()
        #expect(try visitor.get("/rooms/1").status == 404)
        #expect(!(try visitor.get("/rooms")).text.contains("Lindenplatz"))
        #expect(try visitor.get("/").text.contains("Zurzeit werden hier noch keine Räume vorgestellt."), "the start page says it has none")
        #expect(try owner.get("/rooms/1").status == 200, "the owner may preview a pending room")

        let moderator = try server.moderatorClient()
        let approve = try moderator.submit("/rooms/1", to: "/moderation/rooms/1/approve", [])
        #expect(approve.status == 303)
        let audit = try server.database.pool.read { try String.fetchOne($0, sql: "SELECT action FROM auditEntry") }
        #expect(audit == "room.published")

        let page = try visitor.get("/rooms/1")
        #expect(page.status == 200)
        #expect(page.text.contains("Gemeinschaftsraum am Lindenplatz"))
        #expect(page.text.contains("08:00–12:00 und 14:00–18:00 Uhr"))
        #expect(page.text.contains("25,50 €"))
        let home = try visitor.get("/").text
        #expect(home.contains("href=\"/rooms/1\">Gemeinschaftsraum am Lindenplatz</a>") && !home.contains("noch keine Räume vorgestellt"))
        for query in ["q=lindenplatz", "q=Gemeinschaft", "district=st-lorenz-sued", "capacity=30", "accessible=1", "free=1",
                      "equipment=wifi&equipment=kitchen", "q=stadtteil"] {
            #expect(try visitor.get("/rooms?" + query).text.contains("/rooms/1\""), "\(query)")
        }
        for query in ["district=moisling", "capacity=31", "equipment=stage", "q=bahnhof"] {
            #expect(!(try visitor.get("/rooms?" + query)).text.contains("/rooms/1\""), "\(query)")
        }
    }

    @Test("every invalid room field is answered 422 beside the field, input kept, nothing stored")
    func roomValidation() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "ehrenamt@treff.example")
        let cases: [(String, String, String)] = [
            ("title", "", "Titel mit 3 bis 120"), ("description", "kurz", "mindestens 20 Zeichen"), ("district", "atlantis", "Stadtteil"),
            ("street", "", "Straße und Hausnummer"), ("postcode", "12345", "Lübecker Postleitzahl"), ("capacity", "0", "wie viele Personen"),
            ("capacity", "+5", "wie viele Personen"), ("area_m2", "groß", "Fläche"), ("price_model", "gratis", "Preismodell"),
            ("price_per_hour_eur", "", "Preis pro Stunde"), ("price_per_hour_eur", "12,345", "Preis pro Stunde"),
            ("booking_mode", "sofort", "wie gebucht wird"), ("hours_mon", "8 bis 12", "08:00-18:00"),
            ("hours_mon", "18:00-08:00", "Ende muss nach dem Beginn"), ("hours_mon", "08:00-12:00, 11:00-13:00", "überschneiden"),
            ("min_minutes", "50", "15-Minuten-Schritten"), ("max_minutes", "30", "nicht kürzer"), ("lead_hours", "-1", "Vorlauf"),
            ("max_days_ahead", "1000", "im Voraus"), ("equipment", "jacuzzi", "Ausstattung aus der Liste"),
        ]
        for (field, value, message) in cases {
            var fields = roomFields().filter { $0.0 != field || field == "equipment" }
            fields.append((field, value))
            let page = try owner.submit("/rooms/new", to: "/rooms", fields)
            #expect(page.status == 422, "\(field)=\(value)")
            #expect(page.text.contains(message), "\(field)=\(value)")
            #expect(page.text.contains("Gemeinschaftsraum am Lindenplatz") || field == "title", "input kept for \(field)")
        }
        var closed = roomFields().filter { !$0.0.hasPrefix("hours_") }
        closed.append(("hours_mon", ""))
        #expect(try owner.submit("/rooms/new", to: "/rooms", closed).text.contains("mindestens einen Tag"))
        #expect(try roomCount(server) == 0)
    }

    @Test("script and markup typed into every text field come back inert")
    func injection() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "ehrenamt@treff.example", organisation: "<script>alert('org')</script>")
        let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
        var fields = roomFields(title: evil).filter { !["description", "street", "rules"].contains($0.0) }
        fields += [("description", evil + " und noch etwas mehr Text"), ("street", evil), ("rules", evil)]
        #expect(try owner.submit("/rooms/new", to: "/rooms", fields).status == 303)
        try server.database.pool.write { try $0.execute(sql: "UPDATE room SET status = 'published'") }
        for path in ["/rooms/1", "/rooms/1/edit", "/rooms", "/my", "/organisations/1", "/"] {
            let page = try owner.get(path)
            #expect(!page.text.contains("<script>alert"), "\(path)")
            #expect(!page.text.contains("<img src=x"), "\(path)")
        }
    }

    @Test("another organisation's member gets 404 for every room and photo action, and nothing changes")
    func accessControl() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields())
        let upload = try owner.postMultipart("/rooms/1/photos", fields: [("alt", "Der Raum"), ("csrf_token", TestClient.csrfToken(in: try owner.get("/rooms/1/edit"))!)],
                                             file: ("photo", "raum.png", "image/png", try fixture("tiny-3x2.png")))
        #expect(upload.status == 303)
        let stranger = server.client()
        try stranger.register(email: "fremd@firma.example", organisation: "Fremde GmbH", kind: "company")
        let token = try #require(TestClient.csrfToken(in: try stranger.get("/my")))
        #expect(try stranger.get("/rooms/1/edit").status == 404)
        #expect(try stranger.get("/rooms/1").status == 404, "pending rooms are private")
        let attempts: [(String, [(String, String)])] = [
            ("/rooms/1", roomFields(title: "Übernommen")), ("/rooms/1/photos/1/delete", []), ("/rooms/1/closures", [("from", "2030-01-01"), ("to", "2030-01-02")]),
            ("/rooms/1/archive", []), ("/organisations/1/edit", [("name", "Gekapert"), ("kind", "company")]), ("/organisations/1/invitations", [("email", "x@y.example")]),
        ]
        for (path, fields) in attempts {
            let response = try stranger.post(path, form: fields + [("csrf_token", token)])
            #expect(response.status == 404 || response.status == 403, "\(path): \(response.status)")
        }
        let photo = try stranger.postMultipart("/rooms/1/photos", fields: [("alt", "x"), ("csrf_token", token)], file: ("photo", "x.png", "image/png", try fixture("tiny-3x2.png")))
        #expect(photo.status == 404)
        #expect(try stranger.post("/moderation/rooms/1/approve", form: [("csrf_token", token)]).status == 403)
        let room = try #require(try server.database.room(Room.ID(1)))
        #expect(room.title == "Gemeinschaftsraum am Lindenplatz")
        #expect(room.status == .pending)
        #expect(try server.database.photos(of: Room.ID(1)).count == 1)
        #expect(try server.database.closures(of: Room.ID(1)).isEmpty)
        #expect(try server.database.organisation(Organisation.ID(1))?.name == "Stadtteiltreff Test e.V.")
        #expect(try server.database.pendingInvitations(of: Organisation.ID(1)).isEmpty)
    }

    @Test("photos: real JPEG, PNG and WebP are stored under random names and served safely; fakes, huge and truncated uploads are refused")
    func photos() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields())
        func upload(_ name: String, _ bytes: [UInt8], alt: String = "Blick in den Raum", truncate: Bool = false) throws -> TestResponse {
            let token = TestClient.csrfToken(in: try owner.get("/rooms/1/edit"))!
            return try owner.postMultipart("/rooms/1/photos", fields: [("csrf_token", token), ("alt", alt)], file: ("photo", name, "image/jpeg", bytes), truncate: truncate)
        }
        for name in ["tiny-17x9.jpg", "tiny-3x2.png", "lossy-3x2.webp"] {
            #expect(try upload(name, try fixture(name)).status == 303, "\(name)")
        }
        let photos = try server.database.photos(of: Room.ID(1))
        #expect(photos.map(\.width) == [17, 3, 3])
        #expect(photos.allSatisfy { !$0.fileName.contains("tiny") && $0.fileName.count > 40 })
        let served = try owner.get("/photos/" + photos[1].fileName)
        #expect(served.status == 200)
        #expect(served.header("Content-Type") == "image/png")
        #expect(served.header("X-Content-Type-Options") == "nosniff")
        #expect(served.header("Content-Security-Policy")?.hasPrefix("sandbox") == true)
        #expect(served.body == (try fixture("tiny-3x2.png")))
        #expect(try owner.get("/photos/../raumboerse.sqlite").status == 404)

        let fake = try upload("foto.jpg", try fixture("not-an-image.jpg"))
        #expect(fake.status == 422)
        #expect(fake.text.contains("kein Foto im Format JPEG, PNG oder WebP"))
        let noAlt = try upload("x.png", try fixture("tiny-3x2.png"), alt: "")
        #expect(noAlt.status == 422)
        #expect(noAlt.text.contains("was auf dem Foto zu sehen ist"))
        let huge = try upload("big.jpg", try fixture("tiny-17x9.jpg") + [UInt8](repeating: 0, count: 5 * 1024 * 1024 + 10))
        #expect(huge.status == 422)
        #expect(huge.text.contains("größer als 5 MB"))
        let truncated = try upload("x.png", try fixture("tiny-3x2.png"), truncate: true)
        #expect(truncated.status == 403 || truncated.status == 422)
        // A phone's photo of 12 MB gets the form's message, not the server's bare 413.
        let phone = try upload("handy.jpg", try fixture("tiny-17x9.jpg") + [UInt8](repeating: 0, count: 12 * 1024 * 1024))
        #expect(phone.status == 422 && phone.text.contains("größer als 5 MB"))
        let tooLarge = try upload("huge.jpg", [UInt8](repeating: 0xFF, count: 21 * 1024 * 1024))
        #expect(tooLarge.status == 413)
        #expect(try server.database.photos(of: Room.ID(1)).count == 3)
        let files = try FileManager.default.contentsOfDirectory(atPath: server.dataDirectory + "/photos")
        #expect(files.count == 3)

        let token = TestClient.csrfToken(in: try owner.get("/rooms/1/edit"))!
        #expect(try owner.post("/rooms/1/photos/\(photos[0].id.rawValue)/delete", form: [("csrf_token", token)]).status == 303)
        #expect(try server.database.photos(of: Room.ID(1)).count == 2)
        #expect(try owner.get("/photos/" + photos[0].fileName).status == 404)
    }

    @Test("prices say what the visitor pays: the free filter is worded for their kind of organisation, cards give the fee behind 'free for nonprofits'")
    func pricesForTheVisitor() throws {
        let server = try TestServer()
        defer { server.stop() }
        let anonymous = try server.client().get("/rooms")
        #expect(anonymous.text.contains(">Kostenlos oder gegen Spende (für gemeinnützige Organisationen)</label>"))
        let company = server.client()
        try company.register(email: "office@firma.example", organisation: "Firma GmbH", kind: "company")
        let page = try company.get("/rooms?free=1")
        #expect(page.text.contains(">Kostenlos oder gegen Spende für Ihre Organisation</label>"))
        #expect(!page.text.contains("Kostenlos für gemeinnützige Organisationen"), "the filter leaves out what the company would pay for")
        let all = try company.get("/rooms?district=innenstadt")
        let fee = try Regex("Kostenlos für gemeinnützige Organisationen, sonst [0-9][^<]* pro Stunde")
        #expect(all.text.firstMatch(of: fee) != nil)
    }

    @Test("unreviewed content does not go public: an untrusted organisation's new photo waits for review; closure reasons show for trusted ones only")
    func unreviewedContent() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = try publishedRoomOfUntrustedOrganisation(server)
        let day = BerlinTime.today().adding(days: 3)
        #expect(try owner.submit("/rooms/1/edit", to: "/rooms/1/closures", [("from", day.description), ("to", day.description),
                                                                             ("reason", "Jetzt Kredit ohne Schufa: evil.example")]).status == 303)
        let week = "?week=" + ISOWeek.containing(day).description
        #expect(!(try server.client().get("/rooms/1" + week)).text.contains("Schufa"), "an untrusted organisation's reason stays private")
        try server.database.pool.write { try $0.execute(sql: "UPDATE organisation SET trusted = 1") }
        #expect(try server.client().get("/rooms/1" + week).text.contains("Jetzt Kredit ohne Schufa"))
        try server.database.pool.write { try $0.execute(sql: "UPDATE organisation SET trusted = 0") }

        // A new photo waits for review: the room stays public without it, and its
        // address answers only the organisation and the moderators.
        let token = TestClient.csrfToken(in: try owner.get("/rooms/1/edit"))!
        let upload = try owner.postMultipart("/rooms/1/photos", fields: [("csrf_token", token), ("alt", "Werbung statt Raum")],
                                             file: ("photo", "tiny-3x2.png", "image/png", try fixture("tiny-3x2.png")))
        #expect(upload.status == 303 && upload.header("Location") == "/rooms/1/edit?saved=review#fotos")
        #expect(try server.database.room(Room.ID(1))?.status == .published)
        let photo = try #require(try server.database.photosForOwners(of: Room.ID(1)).first)
        #expect(photo.awaitsReview)
        #expect(try server.database.photos(of: Room.ID(1)).isEmpty)
        for path in ["/api/v1/rooms/1", "/api/v1/rooms"] {
            let api = try server.client().get(path)
            #expect(api.status == 200 && !api.text.contains(photo.fileName) && !api.text.contains("Werbung statt Raum"), "nor in the open data: \(path)")
        }
        let page = try server.client().get("/rooms/1")
        #expect(page.status == 200 && !page.text.contains(photo.fileName) && !page.text.contains("Werbung statt Raum"))
        let cardsBefore = try server.client().get("/rooms").text
        #expect(!cardsBefore.contains(photo.fileName) && cardsBefore.contains("room-card-placeholder"), "nor on the cards")
        #expect(try server.client().get("/photos/" + photo.fileName).status == 404)
        let stranger = server.client()
        try stranger.register(email: "fremd@verein.example")
        #expect(try stranger.get("/photos/" + photo.fileName).status == 404)
        let own = try owner.get("/photos/" + photo.fileName)
        #expect(own.status == 200 && own.header("Cache-Control") == "private, no-store")
        #expect(try owner.get("/rooms/1/edit").text.contains("Wartet auf Prüfung; bis dahin nicht öffentlich."))
        #expect(try owner.get("/my").text.contains("Änderungen warten auf Prüfung"), "a waiting photo counts as a change")
        #expect(try server.moderatorClient().get("/photos/" + photo.fileName).status == 200)
        // Trusted organisations' photos go online at once.
        try server.database.pool.write { try $0.execute(sql: "UPDATE organisation SET trusted = 1") }
        let trusted = try owner.postMultipart("/rooms/1/photos", fields: [("csrf_token", token), ("alt", "Der Saal von innen")],
                                              file: ("photo", "tiny-3x2.png", "image/png", try fixture("tiny-3x2.png")))
        #expect(trusted.header("Location") == "/rooms/1/edit?saved=photo#fotos")
        #expect(try server.client().get("/rooms/1").text.contains("Der Saal von innen"))
        let online = try #require(try server.database.photos(of: Room.ID(1)).first)
        let cards = try server.client().get("/rooms").text
        #expect(cards.contains("<img class=\"room-card-media\" src=\"/photos/\(online.fileName)\" alt=\"Der Saal von innen\" width=\"3\" height=\"2\""),
                "the card shows the reviewed photo")
        #expect(!cards.contains("room-card-placeholder"))
    }

    @Test("editing: a public room of an untrusted organisation stays public with its approved text while a new text waits for review")
    func editing() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = try publishedRoomOfUntrustedOrganisation(server)
        var fields = roomFields()
        fields.removeAll { $0.0 == "capacity" }
        fields.append(("capacity", "40"))
        #expect(try owner.get("/rooms/1/edit").text.contains("prüft die Moderation das, bevor es öffentlich wird"), "said before saving")
        let minor = try owner.submit("/rooms/1/edit", to: "/rooms/1", fields)
        #expect(minor.status == 303 && minor.header("Location") == "/rooms/1/edit?saved=saved")
        #expect(try server.database.room(Room.ID(1))?.status == .published)
        #expect(try server.database.room(Room.ID(1))?.capacity == 40)
        #expect(try server.database.pendingChanges(of: Room.ID(1)).isEmpty)

        var newText = roomFields(title: "Neuer Titel für den Raum")
        newText.removeAll { $0.0 == "capacity" }
        newText.append(("capacity", "45"))
        let text = try owner.submit("/rooms/1/edit", to: "/rooms/1", newText)
        #expect(text.status == 303 && text.header("Location") == "/rooms/1/edit?saved=review")
        let form = try owner.get("/rooms/1/edit?saved=review").text
        #expect(form.contains("bis zur Freigabe sehen Besucher den Raum, wie er war"))
        #expect(form.contains("wartet auf Prüfung") && form.contains("value=\"Neuer Titel für den Raum\""), "the owners go on from their proposal")
        let room = try #require(try server.database.room(Room.ID(1)))
        #expect(room.status == .published && room.title == "Gemeinschaftsraum am Lindenplatz", "the public text stays")
        #expect(room.capacity == 45, "what needs no review is saved at once")
        let page = try server.client().get("/rooms/1")
        #expect(page.status == 200 && page.text.contains("Gemeinschaftsraum am Lindenplatz") && !page.text.contains("Neuer Titel"))
        #expect(!(try server.client().get("/rooms?q=Neuer").text.contains("/rooms/1\"")), "the search knows the public text only")
        #expect(try server.client().get("/rooms?q=Lindenplatz").text.contains("/rooms/1\""))
        #expect(try owner.get("/my").text.contains("Änderungen warten auf Prüfung"))

        // The same text again keeps the proposal's version; a different one counts up.
        let first = try server.database.pendingChanges(of: Room.ID(1))
        #expect(first.text?.title == "Neuer Titel für den Raum")
        _ = try owner.submit("/rooms/1/edit", to: "/rooms/1", newText)
        #expect(try server.database.pendingChanges(of: Room.ID(1)) == first)
        _ = try owner.submit("/rooms/1/edit", to: "/rooms/1", roomFields(title: "Noch ein neuer Titel"))
        #expect(try server.database.pendingChanges(of: Room.ID(1)).version == first.version + 1)
        // Sending the public text again withdraws the proposal.
        let back = try owner.submit("/rooms/1/edit", to: "/rooms/1", roomFields())
        #expect(back.header("Location") == "/rooms/1/edit?saved=saved")
        #expect(try server.database.pendingChanges(of: Room.ID(1)).text == nil)
        #expect(!(try owner.get("/my").text.contains("Änderungen warten auf Prüfung")))

        // Trusted organisations publish without review.
        try server.database.pool.write { try $0.execute(sql: "UPDATE organisation SET trusted = 1") }
        #expect(try owner.submit("/rooms/1/edit", to: "/rooms/1", roomFields(title: "Sofort neuer Titel")).header("Location") == "/rooms/1/edit?saved=saved")
        #expect(try server.database.room(Room.ID(1))?.title == "Sofort neuer Titel")
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields(title: "Zweiter Raum"))
        #expect(try server.database.room(Room.ID(2))?.status == .published)
    }

    @Test("closures and archiving")
    func closuresAndArchive() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields())
        let bad = try owner.submit("/rooms/1/edit", to: "/rooms/1/closures", [("from", "2030-02-30"), ("to", "2030-01-01")])
        #expect(bad.status == 422)
        #expect(bad.text.contains("erste gesperrte Datum"))
        let reversed = try owner.submit("/rooms/1/edit", to: "/rooms/1/closures", [("from", "2030-03-10"), ("to", "2030-03-01")])
        #expect(reversed.status == 422)
        #expect(try owner.submit("/rooms/1/edit", to: "/rooms/1/closures", [("from", "2030-07-01"), ("to", "2030-08-15"), ("reason", "Sommerferien")]).status == 303)
        #expect(try server.database.closures(of: Room.ID(1)) == [Closure(id: 1, from: "2030-07-01", to: "2030-08-15", reason: "Sommerferien")])
        #expect(try owner.get("/rooms/1/edit").text.contains("01.07.2030 bis 15.08.2030"))
        try server.database.inTransaction { tx in
            try tx.insertBooking(room: Room.ID(1), organisation: nil, startsAt: 4_000_000_000, endsAt: 4_000_003_600, attendees: 2, purpose: "", confirmed: true)
        }
        #expect(try owner.get("/rooms/1/edit").text.contains("Ja, archivieren. Die eine künftige Buchung oder Anfrage wird storniert"))
        #expect(try owner.get("/rooms/1/edit").text.contains("name=\"confirm\" type=\"checkbox\" value=\"1\" required"), "the browser asks for the tick")
        #expect(try owner.submit("/rooms/1/edit", to: "/rooms/1/archive", []).status == 303, "the contract's POST needs no field")
        #expect(try server.database.room(Room.ID(1))?.status == .archived)
        let status = try server.database.pool.read { try String.fetchOne($0, sql: "SELECT status FROM booking") }
        #expect(status == "cancelled")
    }

    @Test("organisation profile: members edit it, contact details only for signed-in users, invitees join")
    func organisationProfile() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        let bad = try owner.submit("/organisations/1/edit", [("name", "Treff"), ("kind", "nonprofit"), ("website", "javascript:alert(1)")])
        #expect(bad.status == 422)
        #expect(bad.text.contains("beginnend mit https://"))
        #expect(try owner.submit("/organisations/1/edit", [("name", "Treff e.V."), ("kind", "nonprofit"), ("district", "moisling"),
                                                           ("website", "https://treff.example"), ("contact_email", "info@treff.example"),
                                                           ("phone", "0451 123456"), ("description", "Wir sind ein Treff.")]).status == 303)
        #expect(!(try server.client().get("/organisations/1")).text.contains("info@treff.example"))
        #expect(try owner.get("/organisations/1").text.contains("info@treff.example"))
        #expect(try owner.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "neu@treff.example")]).status == 303)
        let invitee = server.client()
        let joined = try invitee.accept(invitation: try #require(try server.invitationToken(to: "neu@treff.example")), email: "neu@treff.example")
        #expect(joined.status == 303)
        let member = try #require(try server.database.credentials(email: "neu@treff.example")).user
        #expect(member.organisationID == Organisation.ID(1))
        #expect(member.organisationRole == .member)
        let token = TestClient.csrfToken(in: try invitee.get("/my"))!
        #expect(try invitee.post("/organisations/1/invitations", form: [("email", "z@treff.example"), ("csrf_token", token)]).status == 403)
    }

    @Test("pages that need a login redirect to /login with the way back")
    func loginRedirects() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        for path in ["/my", "/my/account", "/rooms/new", "/rooms/1/edit", "/organisations/1/edit"] {
            let response = try server.client().get(path)
            #expect(response.status == 303, "\(path)")
            #expect(response.header("Location") == "/login?next=" + path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))!, "\(path)")
        }
    }
}
