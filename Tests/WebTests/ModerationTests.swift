import Foundation
import GRDB
import RoomExchange
@testable import Storage
import Testing
import TestSupport
@testable import Web

private func auditActions(_ server: TestServer) throws -> [String] {
    try server.database.pool.read { try String.fetchAll($0, sql: "SELECT action FROM auditEntry ORDER BY id") }
}

private func admin(_ server: TestServer) throws -> TestClient {
    _ = try server.database.createUser(email: "admin@luebeck.example", name: "Ad Min", role: .admin, passwordHash: try PasswordHasher(logN: 10).hash("admin-passwort-123"))
    let client = server.client()
    try client.signIn(email: "admin@luebeck.example", password: "admin-passwort-123")
    return client
}

@Suite("Moderation, trust, reports, administration, audit, export and impact over HTTP")
struct ModerationTests {
    @Test("the queue shows pending rooms; approve publishes, reject hides with a reason the owner sees")
    func approveAndReject() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields(title: "Erster Raum"))
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields(title: "Zweiter Raum"))
        let moderator = try server.moderatorClient()
        let queue = try moderator.get("/moderation")
        #expect(queue.status == 200)
        #expect(queue.text.contains("Zur Prüfung (2)"))
        #expect(queue.text.range(of: "Erster Raum")!.lowerBound < queue.text.range(of: "Zweiter Raum")!.lowerBound, "oldest first")
        #expect(queue.text.contains("Neuer Raum"))
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", []).status == 303)
        let noReason = try moderator.submit("/moderation", to: "/moderation/rooms/2/reject", [("reason", "")])
        #expect(noReason.status == 422)
        #expect(try server.database.room(Room.ID(2))?.status == .pending)
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/2/reject", [("reason", "Bitte ein echtes Foto und die Adresse ergänzen.")]).status == 303)
        let visitor = server.client()
        #expect(try visitor.get("/rooms/1").status == 200)
        #expect(try visitor.get("/rooms/2").status == 404)
        #expect(try owner.get("/my").text.contains("Bitte ein echtes Foto und die Adresse ergänzen."))
        #expect(try auditActions(server) == ["room.published", "room.rejected"])
        // An edit of the published room's text puts it back in the queue, showing what changed.
        _ = try owner.submit("/rooms/1/edit", to: "/rooms/1", roomFields(title: "Erster Raum, neu beschrieben"))
        let again = try moderator.get("/moderation")
        #expect(again.text.contains("Geändert: Titel"))
    }

    @Test("changes to a public room: the queue shows the text before and after and the new photos; a decision applies to the version seen, and tells the owner")
    func changesWhilePublic() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields(title: "Erster Raum"))
        let moderator = try server.moderatorClient()
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", []).status == 303)
        var changed = roomFields(title: "Erster Raum <neu>")
        changed.removeAll { $0.0 == "rules" }
        changed.append(("rules", "Bitte lüften und die Stühle hochstellen."))
        #expect(try owner.submit("/rooms/1/edit", to: "/rooms/1", changed).header("Location") == "/rooms/1/edit?saved=review")

        let queue = try moderator.get("/moderation").text
        #expect(queue.contains("Zur Prüfung (1)"))
        #expect(queue.contains("Änderungen an einem öffentlichen Raum"))
        #expect(queue.contains("Geändert: Titel, Hausordnung"))
        #expect(queue.contains("<dd>Erster Raum</dd>") && queue.contains("<dd>Erster Raum &lt;neu&gt;</dd>"), "before and after, escaped")
        #expect(queue.contains("<dd>Bitte lüften und die Stühle hochstellen.</dd>"))
        #expect(queue.contains("name=\"changes\" value=\"1\""))

        // A photo added after the moderator loaded the queue: the old decision applies to nothing.
        let token = TestClient.csrfToken(in: try owner.get("/rooms/1/edit"))!
        let png = Array(try Data(contentsOf: URL(fileURLWithPath: TestServer.repositoryRoot + "/Tests/RoomExchangeTests/Fixtures/tiny-3x2.png")))
        _ = try owner.postMultipart("/rooms/1/photos", fields: [("csrf_token", token), ("alt", "Blick in den Saal")], file: ("photo", "saal.png", "image/png", png))
        let photo = try #require(try server.database.photosForOwners(of: Room.ID(1)).first)
        let stale = try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", [("changes", "1")])
        #expect(stale.status == 409 && stale.text.contains("inzwischen noch einmal geändert"))
        #expect(try server.database.room(Room.ID(1))?.title == "Erster Raum")
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", [("changes", "x")]).status == 400)
        let withPhoto = try moderator.get("/moderation").text
        #expect(withPhoto.contains("1 neues Foto.") && withPhoto.contains("src=\"/photos/\(photo.fileName)\"") && withPhoto.contains("alt=\"Blick in den Saal\""))
        let noReason = try moderator.submit("/moderation", to: "/moderation/rooms/1/reject", [("changes", "2"), ("reason", "")])
        #expect(noReason.status == 422)
        #expect(try server.database.pendingChanges(of: Room.ID(1)).version == 2)

        // Rejected: the room stays public as it was, the photo is gone, the owner sees why.
        let rejected = try moderator.submit("/moderation", to: "/moderation/rooms/1/reject", [("changes", "2"), ("reason", "Bitte keine Werbung im Titel.")])
        #expect(rejected.status == 303 && rejected.header("Location") == "/moderation?saved=changes-rejected")
        #expect(try moderator.get("/moderation?saved=changes-rejected").text.contains("der Raum bleibt online, wie er war"))
        let afterReject = try #require(try server.database.room(Room.ID(1)))
        #expect(afterReject.status == .published && afterReject.title == "Erster Raum")
        #expect(try server.client().get("/rooms/1").status == 200)
        #expect(try server.database.photosForOwners(of: Room.ID(1)).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: server.app.configuration.photosDirectory + "/" + photo.fileName), "the file is deleted too")
        #expect(try owner.get("/rooms/1/edit").text.contains("Bitte keine Werbung im Titel."))
        #expect(try server.database.pendingChanges(of: Room.ID(1)) == PendingChanges(text: nil, photos: 0, version: 2, rejection: "Bitte keine Werbung im Titel."))
        #expect(try moderator.get("/moderation").text.contains("Keine Räume warten auf Prüfung."))

        // Approved: the new text is public and searchable, the new photo shown, the rejection note gone.
        _ = try owner.submit("/rooms/1/edit", to: "/rooms/1", roomFields(title: "Erster Raum am Lindenplatz"))
        _ = try owner.postMultipart("/rooms/1/photos", fields: [("csrf_token", token), ("alt", "Der helle Saal")], file: ("photo", "saal.png", "image/png", png))
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", [("changes", "4")]).header("Location") == "/moderation?saved=changes-approved")
        let page = try server.client().get("/rooms/1").text
        #expect(page.contains("Erster Raum am Lindenplatz") && page.contains("Der helle Saal"))
        #expect(try server.client().get("/rooms?q=Lindenplatz").text.contains("Erster Raum am Lindenplatz"))
        let shown = try #require(try server.database.photos(of: Room.ID(1)).first)
        #expect(try server.client().get("/photos/" + shown.fileName).header("Cache-Control") == "public, max-age=31536000, immutable")
        #expect(try server.database.pendingChanges(of: Room.ID(1)) == PendingChanges(text: nil, photos: 0, version: 4, rejection: nil))
        let again = try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", [("changes", "4")])
        #expect(again.status == 409, "decided once")
        #expect(try auditActions(server) == ["room.published", "room.changes_rejected", "room.changes_approved"])

        // The owner's mails name the changes, not the room's publication.
        let messages = try server.database.outboxMessages(failed: false, limit: 100).filter { $0.kind.hasPrefix("room_") }
        #expect(messages.map(\.kind) == ["room_approved", "room_rejected", "room_approved"])
        #expect(messages.map { $0.payload.values["changes_only"] } == [nil, "1", "1"])
        let renderer = try MailRenderer(pages: try PageRenderer(directory: server.app.configuration.templatesDirectory))
        let rejection = try renderer.render(messages[1], baseURL: "https://raumboerse.example")
        #expect(rejection.subject == "Ihre Änderungen wurden nicht übernommen: Erster Raum")
        #expect(rejection.text.contains("Der Raum bleibt, wie er war, in der Raumbörse. Die neuen Fotos (1) sind gelöscht.")
                && rejection.text.contains("Bitte keine Werbung im Titel."))
        #expect(messages[1].payload.values["deleted_photos"] == "1" && messages[2].payload.values["deleted_photos"] == nil)
        let approval = try renderer.render(messages[2], baseURL: "https://raumboerse.example")
        #expect(approval.subject == "Ihre Änderungen sind freigegeben: Erster Raum am Lindenplatz")
    }

    @Test("a trusted organisation publishes without review; untrusting brings the review back")
    func trust() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        let moderator = try server.moderatorClient()
        #expect(try moderator.submit("/moderation", to: "/moderation/organisations/1/trust", []).status == 303)
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields(title: "Sofort online"))
        #expect(try server.database.room(Room.ID(1))?.status == .published)
        #expect(try moderator.submit("/moderation", to: "/moderation/organisations/1/untrust", []).status == 303)
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields(title: "Wieder geprüft"))
        #expect(try server.database.room(Room.ID(2))?.status == .pending)
        #expect(try auditActions(server) == ["organisation.trusted", "organisation.untrusted"])
    }

    @Test("any signed-in user can report a room; one user's repeated reports count once; moderators resolve or unpublish")
    func reports() throws {
        let server = try TestServer()
        defer { server.stop() }
        let user = server.client()
        try user.register(email: "a@verein.example")
        #expect(try user.submit("/rooms/3", to: "/rooms/3/report", [("reason", "Der Raum existiert nicht mehr.")]).status == 303)
        #expect(try user.submit("/rooms/3", to: "/rooms/3/report", [("reason", "Wirklich nicht.")]).status == 303)
        #expect(try user.submit("/rooms/3", to: "/rooms/3/report", [("reason", "")]).status == 422)
        #expect(try server.database.openReportCount(room: Room.ID(3)) == 1)
        #expect(try server.client().post("/rooms/3/report", form: [("reason", "x")]).status == 403, "no CSRF token, not signed in")
        let moderator = try server.moderatorClient()
        let queue = try moderator.get("/moderation")
        #expect(queue.text.contains("Gemeldete Räume (1)"))
        #expect(queue.text.contains("Wirklich nicht."))
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/3/unpublish", [("reason", "Existiert nicht mehr")]).status == 303)
        #expect(try server.client().get("/rooms/3").status == 404)
        #expect(try server.database.openReportCount(room: Room.ID(3)) == 0)
        #expect(try auditActions(server).suffix(3) == ["room.reported", "room.reported", "room.archived"])
    }

    @Test("every moderation and admin route: members get 403, visitors are sent to log in, GET never changes state")
    func roleChecks() throws {
        let server = try TestServer()
        defer { server.stop() }
        let member = server.client()
        try member.register(email: "member@verein.example")
        let token = TestClient.csrfToken(in: try member.get("/my"))!
        for path in ["/moderation", "/moderation/audit", "/moderation/export.csv", "/admin/users"] {
            #expect(try member.get(path).status == 403, "\(path)")
            #expect(try server.client().get(path).status == 303, "\(path)")
        }
        for path in ["/moderation/rooms/1/approve", "/moderation/rooms/1/reject", "/moderation/rooms/1/unpublish", "/moderation/organisations/1/trust",
                     "/moderation/organisations/1/untrust", "/admin/users/1/role", "/admin/users/1/block", "/admin/users/1/unblock"] {
            #expect(try member.post(path, form: [("csrf_token", token), ("reason", "x"), ("role", "admin")]).status == 403, "\(path)")
            #expect(try member.get(path).status == 405, "\(path) via GET")
        }
        let moderator = try server.moderatorClient()
        #expect(try moderator.get("/admin/users").status == 403, "moderators are not admins")
        #expect(try auditActions(server).isEmpty)
        #expect(try server.database.room(Room.ID(1))?.status == .published)
    }

    @Test("admins change roles and block users: a blocked user's sessions end and they cannot log in")
    func administration() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let member = server.client()
        try member.register(email: "member@verein.example")
        let admin = try admin(server)
        let list = try admin.get("/admin/users?q=verein")
        #expect(list.status == 200)
        #expect(list.text.contains("member@verein.example"))
        #expect(!list.text.contains("admin@luebeck.example"))
        let memberID = try #require(try server.database.credentials(email: "member@verein.example")).user.id.rawValue
        #expect(try admin.submit("/admin/users", to: "/admin/users/\(memberID)/role", [("role", "moderator")]).status == 303)
        #expect(try member.get("/moderation").status == 200)
        #expect(try admin.submit("/admin/users", to: "/admin/users/\(memberID)/block", []).status == 303)
        #expect(try member.get("/my").status == 303, "the session ended")
        #expect(try server.client().signIn(email: "member@verein.example").status == 422)
        #expect(try admin.submit("/admin/users", to: "/admin/users/\(memberID)/unblock", []).status == 303)
        #expect(try server.client().signIn(email: "member@verein.example").status == 303)
        #expect(try auditActions(server) == ["user.role.moderator", "user.blocked", "user.unblocked"])
        let audit = try admin.get("/moderation/audit?type=user")
        #expect(audit.text.contains("gesperrt"))
        #expect(audit.text.contains("3 Einträge"))
    }

    @Test("the CSV export is UTF-8 with BOM, semicolons, and neutralises formulas")
    func csvExport() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example", organisation: "Treff; \"Süd\"")
        _ = try owner.submit("/rooms/new", to: "/rooms", roomFields(title: "=HYPERLINK(\"http://evil\")"))
        let csv = try server.moderatorClient().get("/moderation/export.csv")
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: csv.body.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("Raum-Nr.;Titel;Organisation;"))
        #expect(lines[1].hasPrefix("1;\"'=HYPERLINK(\"\"http://evil\"\")\";\"Treff; \"\"Süd\"\"\";nonprofit;pending;St. Lorenz Süd;30;"))
        #expect(CSV.cell("@SUM(A1)") == "'@SUM(A1)" && CSV.cell("-2+3") == "'-2+3" && CSV.cell("+1") == "'+1" && CSV.cell("Plain") == "Plain")
    }

    @Test("impact figures match a hand-made data set")
    func impact() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let db = server.database
        let nonprofit = try db.insertOrganisation(Organisation(id: .init(0), name: "Verein", kind: .nonprofit, district: .moisling, description: "", website: nil, contactEmail: nil, phone: nil, trusted: true))
        let company = try db.insertOrganisation(Organisation(id: .init(0), name: "Firma", kind: .company, district: .innenstadt, description: "", website: nil, contactEmail: nil, phone: nil, trusted: true))
        var room = sampleRoom(company, title: "Saal")
        room.status = .published
        room.district = .moisling
        room.price = .freeForNonprofits(feePerHourCents: 2000)
        let saal = try db.insertRoom(room)
        room.district = .travemuende
        let other = try db.insertRoom(room)
        let now = Int64(Date().timeIntervalSince1970)
        try db.inTransaction { tx in
            // 2 h free for the nonprofit, 3 h paid by the company, 1 h cancelled (not counted).
            try tx.insertBooking(room: saal, organisation: nonprofit, startsAt: now - 86_400, endsAt: now - 86_400 + 7200, attendees: 5, purpose: "", confirmed: true)
            try tx.insertBooking(room: other, organisation: company, startsAt: now - 3 * 86_400, endsAt: now - 3 * 86_400 + 10_800, attendees: 5, purpose: "", confirmed: true)
            try tx.insertBooking(room: other, organisation: nonprofit, startsAt: now - 4 * 86_400, endsAt: now - 4 * 86_400 + 3600, attendees: 5, purpose: "", confirmed: false)
        }
        try db.pool.write { db in
            try db.execute(sql: "UPDATE booking SET priceCents = 6000 WHERE bookerOrganisationId = ?", arguments: [company.rawValue])
            try db.execute(sql: "UPDATE booking SET status = 'cancelled' WHERE status = 'requested'")
        }
        let figures = try db.impactFigures()
        #expect(figures.publishedRooms == 2)
        #expect(figures.organisationsByKind == [.company: 1])
        #expect(figures.confirmedBookings == 2)
        #expect(figures.hoursShared == 5)
        #expect(figures.freeHoursForNonprofits == 2)
        #expect(figures.byDistrict[.moisling]?.hours == 2 && figures.byDistrict[.travemuende]?.bookings == 1)
        #expect(figures.byMonth.count == 12)
        #expect(figures.byMonth.map(\.hours).reduce(0, +) == 5)
        let page = try server.client().get("/impact")
        #expect(page.status == 200)
        #expect(page.text.contains(">5,0<") && page.text.contains(">2,0<"))
        #expect(page.text.contains("50,00 €"), "2 free hours × 25 €")
        #expect(page.text.contains("<svg") && page.text.contains("<title id=\"chart-districts-title\">"))
        let csv = try server.client().get("/impact.csv")
        #expect(csv.text.contains("Stadtteil;Moisling;1;1;2,0;"))
        #expect(csv.text.contains("Gesamt;;2;2;5,0;2,0"))
    }
}
