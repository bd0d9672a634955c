import Foundation
import GRDB
import RoomExchange
@testable import Storage
import Testing
import TestSupport
@testable import Web

/// A date `days` from today in Lübeck, as the form wants it.
private func dateAhead(_ days: Int) -> String { BerlinTime.today().adding(days: days).description }

/// An owner with one published room open all day every day; returns the owner's client.
private func openRoom(_ server: TestServer, mode: String = "instant", capacity: String = "30") throws -> TestClient {
    let owner = server.client()
    try owner.register(email: "owner-\(UUID().uuidString.prefix(6))@treff.example")
    var fields = roomFields().filter { !$0.0.hasPrefix("hours_") && !["booking_mode", "max_minutes", "capacity"].contains($0.0) }
    fields += Weekday.allCases.map { ("hours_" + $0.key, "00:00-24:00") }
    fields += [("booking_mode", mode), ("max_minutes", "480"), ("capacity", capacity)]
    let created = try owner.submit("/rooms/new", to: "/rooms", fields)
    #expect(created.status == 303)
    try server.database.pool.write { try $0.execute(sql: "UPDATE room SET status = 'published'") }
    return owner
}

private func book(_ client: TestClient, room: Int = 1, date: String, start: String, end: String, people: String = "5",
                  repeats: String = "0") throws -> TestResponse {
    try client.submit("/rooms/\(room)", to: "/rooms/\(room)/bookings", [("date", date), ("start", start), ("end", end), ("attendees", people),
                                                                        ("purpose", "Vereinstreffen"), ("repeat_weeks", repeats)])
}

private func statuses(_ server: TestServer) throws -> [String] {
    try server.database.pool.read { try String.fetchAll($0, sql: "SELECT status FROM booking ORDER BY id") }
}

@Suite("Bookings over HTTP")
struct BookingTests {
    @Test("an instant room is confirmed at once; the booking page and /my show it; strangers get 404")
    func instantBooking() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = try openRoom(server)
        let booker = server.client()
        try booker.register(email: "office@firma.example", organisation: "Firma GmbH", kind: "company")
        let response = try book(booker, date: dateAhead(7), start: "18:00", end: "20:00")
        #expect(response.status == 303)
        #expect(response.header("Location") == "/bookings/1")
        let page = try booker.get("/bookings/1")
        #expect(page.status == 200)
        #expect(page.text.contains("Der Raum ist für Sie reserviert."), "what the status means for the booker")
        #expect(page.text.contains("Lindenplatz 3, 23554 Lübeck (St. Lorenz Süd)"), "where to go")
        #expect(page.text.contains("href=\"mailto:owner-"), "whom to ask: the manager when the organisation gave no contact")
        #expect(!page.text.contains("office@firma.example"), "the booker's own address is for the room's organisation")
        let ownerView = try owner.get("/bookings/1")
        #expect(ownerView.text.contains("href=\"mailto:office@firma.example\""), "the organisation sees how to reach the booker")
        #expect(page.text.contains("Bestätigt"))
        #expect(page.text.contains("18:00–20:00 Uhr"))
        #expect(page.text.contains("51,00 €"), "a company pays 25,50 € × 2 h")
        #expect(try booker.get("/my").text.contains("/bookings/1"))
        let stranger = server.client()
        try stranger.register(email: "fremd@x.example")
        #expect(try stranger.get("/bookings/1").status == 404)
        let token = TestClient.csrfToken(in: try stranger.get("/my"))!
        #expect(try stranger.post("/bookings/1/cancel", form: [("reason", "weg"), ("csrf_token", token)]).status == 404)
        #expect(try statuses(server) == ["confirmed"])
        #expect(try server.client().get("/bookings/1").status == 303)
    }

    @Test("a request waits; confirming it declines the overlapping requests; decline needs a reason; cancel by the booker")
    func requestLifeCycle() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = try openRoom(server, mode: "request")
        let first = server.client(), second = server.client()
        try first.register(email: "a@verein.example")
        try second.register(email: "b@verein.example")
        #expect(try book(first, date: dateAhead(8), start: "10:00", end: "12:00").status == 303)
        let twice = try book(first, date: dateAhead(8), start: "10:00", end: "12:00")
        #expect(twice.status == 409 && twice.text.contains("Diese Zeit haben Sie schon angefragt"), "a second click asks nothing twice")
        #expect(try book(second, date: dateAhead(8), start: "11:00", end: "13:00").status == 303)
        #expect(try statuses(server) == ["requested", "requested"])
        let my = try owner.get("/my")
        #expect(my.text.contains("Anfragen, die auf Ihre Antwort warten"))
        #expect(try first.submit("/bookings/1", to: "/bookings/1/confirm", []).status == 403, "only the room's organisation confirms")
        #expect(try owner.submit("/bookings/1", to: "/bookings/1/confirm", []).status == 303)
        #expect(try statuses(server) == ["confirmed", "declined"])
        #expect(try second.get("/bookings/2").text.contains("andere Anfrage bestätigt"))
        let noReason = try first.submit("/bookings/1", to: "/bookings/1/cancel", [("reason", "")])
        #expect(noReason.status == 422)
        #expect(try first.submit("/bookings/1", to: "/bookings/1/cancel", [("reason", "Treffen fällt aus")]).status == 303)
        #expect(try statuses(server) == ["cancelled", "declined"])
        let history = try owner.get("/bookings/1").text
        #expect(history.contains("bestätigt von") && history.contains("storniert von") && history.contains("Treffen fällt aus"))
        let audit = try server.database.pool.read { try String.fetchAll($0, sql: "SELECT action FROM auditEntry WHERE objectType = 'booking' ORDER BY id") }
        #expect(audit == ["booking.requested", "booking.requested", "booking.confirmed", "booking.declined", "booking.cancelled"])
    }

    @Test("overlaps are 409 with the reason, malformed input 422, and nothing is stored")
    func refusals() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        _ = try openRoom(server)
        let booker = server.client()
        try booker.register(email: "a@verein.example")
        #expect(try book(booker, date: dateAhead(9), start: "10:00", end: "12:00").status == 303)
        let overlap = try book(booker, date: dateAhead(9), start: "11:00", end: "13:00")
        #expect(overlap.status == 409)
        #expect(overlap.text.contains("schon gebucht"))
        #expect(overlap.text.contains("value=\"11:00\""), "input kept")
        for (field, value, message) in [("start", "11:10", "Viertelstunde"), ("date", "31.02.2030", "Datum"), ("end", "10:00", "nach dem Beginn"),
                                        ("attendees", "0", "Personen"), ("repeat_weeks", "27", "0 bis 26")] {
            var fields = [("date", dateAhead(9)), ("start", "14:00"), ("end", "15:00"), ("attendees", "5"), ("repeat_weeks", "0")]
            fields.removeAll { $0.0 == field }
            fields.append((field, value))
            let page = try booker.submit("/rooms/1", to: "/rooms/1/bookings", fields)
            #expect(page.status == 422, "\(field)=\(value)")
            #expect(page.text.contains(message), "\(field)=\(value)")
        }
        // Typed the German way where a browser shows no date picker.
        let german = BerlinTime.today().adding(days: 11)
        let typed = String(format: "%02d.%02d.%04d", german.day, german.month, german.year)
        #expect(try book(booker, date: typed, start: "10:00", end: "11:00").status == 303)
        let tooMany = try book(booker, date: dateAhead(10), start: "10:00", end: "11:00", people: "31")
        #expect(tooMany.status == 409)
        #expect(tooMany.text.contains("höchstens 30 Personen"))
        let past = try book(booker, date: dateAhead(-1), start: "10:00", end: "11:00")
        #expect(past.status == 409)
        #expect(try statuses(server) == ["confirmed", "confirmed"], "the two bookings that were fine, nothing else")
    }

    @Test("a weekly series books every date, or nothing when one date collides, listing each failing date")
    func series() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        _ = try openRoom(server)
        let booker = server.client()
        try booker.register(email: "a@verein.example")
        #expect(try book(booker, date: dateAhead(21), start: "18:00", end: "19:00").status == 303)
        let collide = try book(booker, date: dateAhead(7), start: "18:00", end: "20:00", repeats: "3")
        #expect(collide.status == 409)
        let failing = try germanTexts().slot(BookingSlot(date: BerlinTime.today().adding(days: 21), startMinute: 18 * 60, endMinute: 20 * 60))
        #expect(collide.text.contains(failing + ": Der Raum ist zu dieser Zeit schon gebucht."))
        #expect(try statuses(server).count == 1)
        let ok = try book(booker, date: dateAhead(8), start: "18:00", end: "20:00", repeats: "3")
        #expect(ok.status == 303)
        let series = try server.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT seriesId) FROM booking WHERE seriesId IS NOT NULL") }
        #expect(series == 1)
        #expect(try statuses(server) == ["confirmed", "confirmed", "confirmed", "confirmed", "confirmed"])
        let id = try server.database.pool.read { try Int64.fetchOne($0, sql: "SELECT min(id) FROM booking WHERE seriesId IS NOT NULL") }!
        #expect(try booker.submit("/bookings/\(id)", to: "/bookings/\(id)/cancel", [("reason", "Kurs endet"), ("series", "1")]).status == 303)
        #expect(try statuses(server) == ["confirmed", "cancelled", "cancelled", "cancelled", "cancelled"])
    }

    @Test("a room the moderators take down: its future bookings are cancelled and both sides told; a request can no longer be confirmed")
    func unpublishedRoomEndsItsBookings() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = try openRoom(server, mode: "request")
        let booker = server.client()
        try booker.register(email: "chor@verein.example", organisation: "Chor e.V.")
        #expect(try book(booker, date: dateAhead(5), start: "10:00", end: "12:00").status == 303)
        #expect(try book(booker, date: dateAhead(6), start: "10:00", end: "12:00").status == 303)
        #expect(try owner.submit("/bookings/1", to: "/bookings/1/confirm", []).status == 303)
        let moderator = try server.moderatorClient()
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/unpublish", [("reason", "Raum existiert nicht mehr")]).status == 303)
        #expect(try statuses(server) == ["cancelled", "cancelled"])
        let page = try booker.get("/bookings/1")
        #expect(page.text.contains("Der Raum wurde von der Moderation der Raumbörse offline genommen."))
        let told = try server.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outboxMessage WHERE kind = 'booking_cancelled'") }
        #expect(told == 2, "the booker of each booking is told")

        // A request on a room taken down (here: archived before v11 left it open) cannot be confirmed.
        try server.database.pool.write { try $0.execute(sql: "UPDATE booking SET status = 'requested' WHERE id = 2") }
        let refused = try owner.submit("/bookings/2", to: "/bookings/2/confirm", [])
        #expect(refused.status == 409 && refused.text.contains("nicht mehr im Angebot"))
        #expect(try statuses(server) == ["cancelled", "requested"])
        #expect(try owner.submit("/bookings/2", to: "/bookings/2/decline", [("reason", "Raum gibt es nicht mehr")]).status == 303)
    }

    @Test("closures: not over bookings (answer them first), not in the past; lifted again by the organisation only")
    func closures() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = try openRoom(server)
        let booker = server.client()
        try booker.register(email: "chor@verein.example", organisation: "Chor e.V.")
        #expect(try book(booker, date: dateAhead(8), start: "10:00", end: "12:00").status == 303)
        let blocked = try owner.submit("/rooms/1/edit", to: "/rooms/1/closures", [("from", dateAhead(7)), ("to", dateAhead(9)), ("reason", "Ferien")])
        #expect(blocked.status == 409)
        #expect(blocked.text.contains("An diesen Tagen gibt es noch Buchungen oder Anfragen") && blocked.text.contains("10:00–12:00 Uhr"))
        #expect(blocked.text.contains("value=\"Ferien\""), "input kept")
        #expect(try server.database.closures(of: Room.ID(1)).isEmpty)
        let past = try owner.submit("/rooms/1/edit", to: "/rooms/1/closures", [("from", dateAhead(-5)), ("to", dateAhead(-3)), ("reason", "")])
        #expect(past.status == 422 && past.text.contains("schon vorbei"))
        #expect(try owner.submit("/bookings/1", to: "/bookings/1/cancel", [("reason", "Wir schließen über die Feiertage")]).status == 303)
        #expect(try owner.submit("/rooms/1/edit", to: "/rooms/1/closures", [("from", dateAhead(7)), ("to", dateAhead(9)), ("reason", "Ferien")]).status == 303)
        let closure = try #require(try server.database.closures(of: Room.ID(1)).first)
        let token = try #require(TestClient.csrfToken(in: try booker.get("/my")))
        #expect(try booker.post("/rooms/1/closures/\(closure.id)/delete", form: [("csrf_token", token)]).status == 404, "not theirs")
        let edit = try owner.get("/rooms/1/edit")
        #expect(edit.text.contains("action=\"/rooms/1/closures/\(closure.id)/delete\""))
        let lifted = try owner.submit("/rooms/1/edit", to: "/rooms/1/closures/\(closure.id)/delete", [])
        #expect(lifted.status == 303 && lifted.header("Location") == "/rooms/1/edit?saved=closure-deleted#sperrzeiten")
        #expect(try server.database.closures(of: Room.ID(1)).isEmpty)
        #expect(try owner.get("/rooms/1/edit?saved=closure-deleted").text.contains("Die Sperre ist aufgehoben."))
    }

    @Test("the last person of an organisation deletes their account: its rooms are archived and their bookings cancelled, with word")
    func lastMemberLeaves() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = try openRoom(server)
        let booker = server.client()
        try booker.register(email: "chor@verein.example", organisation: "Chor e.V.")
        #expect(try book(booker, date: dateAhead(6), start: "10:00", end: "12:00").status == 303)
        #expect(try owner.submit("/my/account", [("action", "delete"), ("delete_password", "ein langes Testpasswort"), ("confirm", "1")]).status == 303)
        #expect(try server.database.room(Room.ID(1))?.status == .archived)
        #expect(try statuses(server) == ["cancelled"])
        #expect(try booker.get("/bookings/1").text.contains("Der Raum wurde vom Anbieter archiviert."))
        let told = try server.database.pool.read { try String.fetchAll($0, sql: "SELECT recipient FROM outboxMessage WHERE kind = 'booking_cancelled'") }
        #expect(told == ["chor@verein.example"])
    }

    @Test("a manager who leaves hands the organisation to the longest-standing member")
    func managerLeaves() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let manager = server.client()
        try manager.register(email: "leitung@treff.example")
        #expect(try manager.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "kim@treff.example")]).status == 303)
        let kim = server.client()
        #expect(try kim.accept(invitation: try #require(try server.invitationToken(to: "kim@treff.example")), email: "kim@treff.example").status == 303)
        #expect(try manager.submit("/my/account", [("action", "delete"), ("delete_password", "ein langes Testpasswort"), ("confirm", "1")]).status == 303)
        #expect(try server.database.credentials(email: "kim@treff.example")?.user.organisationRole == .manager)
        #expect(try kim.get("/organisations/1/edit").text.contains("Jemanden einladen"))
    }

    @Test("with nothing left to book this week, the room page shows next week unless a week was asked for")
    func nextWeekWhenThisOneIsOver() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = try openRoom(server)
        let today = BerlinTime.today()
        let thisWeek = ISOWeek.containing(today)
        let nextWeek = thisWeek.adding(weeks: 1)
        if BerlinTime.weekday(today) != .sunday {  // late on a Sunday this week may be over already
            #expect(try server.client().get("/rooms/1").text.contains("?week=\(thisWeek.adding(weeks: 1))#belegung"), "this week, while it has free time")
        }
        // The rest of this week closed: nothing left to book in it.
        #expect(try owner.submit("/rooms/1/edit", to: "/rooms/1/closures", [("from", today.description),
                                                                           ("to", nextWeek.monday.adding(days: -1).description)]).status == 303)
        let page = try server.client().get("/rooms/1")
        #expect(page.text.contains("?week=\(nextWeek.adding(weeks: 1))#belegung") && page.text.contains("?week=\(thisWeek)#belegung"),
                "next week shown: its links lead on and back")
        let asked = try server.client().get("/rooms/1?week=\(thisWeek)")
        #expect(asked.text.contains("?week=\(nextWeek)#belegung") && !asked.text.contains("?week=\(nextWeek.adding(weeks: 1))#belegung"))
    }

    @Test("50 clients booking the same slot at once: exactly one confirmed, every other 409, one row in the database")
    func concurrentBookings() async throws {
        let server = try TestServer(demo: false) { $0.server.workerThreads = 8 }
        defer { server.stop() }
        _ = try openRoom(server)
        let date = dateAhead(12)
        // Sign everyone in first, so the race is only about the booking.
        var clients: [(TestClient, String)] = []
        for index in 0..<50 {
            let client = server.client()
            try client.register(email: "racer\(index)@verein.example")
            clients.append((client, TestClient.csrfToken(in: try client.get("/rooms/1"))!))
        }
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, (client, token)) in clients.enumerated() {
                group.addTask {
                    // Half ask for the exact slot, half for one overlapping it.
                    let start = index % 2 == 0 ? "10:00" : "10:30"
                    return try client.post("/rooms/1/bookings", form: [("date", date), ("start", start), ("end", "11:30"), ("attendees", "3"),
                                                                      ("repeat_weeks", "0"), ("csrf_token", token)]).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == 303 }.count == 1)
        #expect(results.filter { $0 == 409 }.count == 49)
        #expect(try statuses(server) == ["confirmed"])
    }

    @Test("/rooms with date, from and to lists only rooms bookable then, each linking to its booking form filled in for the slot")
    func availabilitySearch() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        _ = try openRoom(server)
        let booker = server.client()
        try booker.register(email: "a@verein.example")
        let date = dateAhead(14)
        let week = ISOWeek.containing(LocalDate(date)!)
        let listed = { (from: String, to: String) in
            try server.client().get("/rooms?date=\(date)&from=\(from)&to=\(to)").text.contains("href=\"/rooms/1?week=\(week)&amp;date=\(date)")
        }
        let search = try server.client().get("/rooms?date=\(date)&from=10:00&to=12:00").text
        #expect(search.contains("href=\"/rooms/1?week=\(week)&amp;date=\(date)&amp;start=10:00&amp;end=12:00#buchen\""))
        #expect(search.contains("Frei am "))
        let form = try booker.get("/rooms/1?week=\(week)&date=\(date)&start=10:00&end=12:00").text
        #expect(form.contains("name=\"date\" type=\"date\" value=\"\(date)\""))
        #expect(form.contains("value=\"10:00\"") && form.contains("value=\"12:00\""))
        // Someone not logged in logs in from there and comes back to the filled-in form.
        let guest = server.client()
        try server.client().register(email: "gast@verein.example")
        let target = "/rooms/1?week=\(week)&date=\(date)&start=10:00&end=12:00"
        let next = target + "#buchen"
        let loginURL = "/login?next=" + next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))!
        #expect(try guest.get(target).text.contains("href=\"\(loginURL)\""))
        let login = try guest.get(loginURL)
        let loggedIn = try guest.post("/login", form: [("email", "gast@verein.example"), ("password", "ein langes Testpasswort"),
                                                       ("next", next), ("csrf_token", try #require(TestClient.csrfToken(in: login)))])
        #expect(loggedIn.header("Location") == next)
        let back = try guest.get(target).text
        #expect(back.contains("id=\"buchen\"") && back.contains("value=\"10:00\"") && back.contains("value=\"12:00\""))
        #expect(try guest.get("/rooms/1").text.contains("id=\"buchen\""))
        // Someone new goes from there to registering, and on to the form too.
        let newcomer = server.client()
        let registerURL = "/register?next=" + loginURL.dropFirst("/login?next=".count)
        #expect(try newcomer.get(loginURL).text.contains("href=\"\(registerURL)\""))
        #expect(try newcomer.get(registerURL).text.contains("name=\"next\" value=\"\(next.replacingOccurrences(of: "&", with: "&amp;"))\""))
        let registered = try newcomer.submit(registerURL, to: "/register", [
            ("email", "neu@verein.example"), ("password", "ein langes Testpasswort"), ("name", "Neu"),
            ("organisation_name", "Neuer Verein e.V."), ("organisation_kind", "nonprofit"), ("privacy", "1"), ("next", next)])
        #expect(registered.header("Location") == next)
        #expect(try server.client().register(email: "ohne@verein.example").header("Location") == "/my", "without next, the overview")
        #expect(try server.client().get("/rooms/1").text.contains("href=\"/login?next=%2Frooms%2F1\""), "without a slot, back to the plain page")
        let toMidnight = try server.client().get("/rooms?date=\(date)&from=20:00&to=24:00").text
        #expect(toMidnight.contains("start=20:00&amp;end=23:45#buchen"), "a time field cannot hold 24:00")
        #expect(toMidnight.contains("name=\"to\" type=\"time\" step=\"900\" value=\"23:45\""))
        #expect(toMidnight.contains("&amp;to=24:00&amp;lang=en"), "the search itself keeps midnight")
        _ = try book(booker, date: date, start: "10:00", end: "12:00")
        #expect(try !listed("11:00", "12:00"))
        #expect(try listed("12:00", "13:00"))
        #expect(try !listed("12:00", "21:00"), "longer than the maximum")
        #expect(!(try server.client().get("/rooms").text.contains("Frei am ")), "without a slot, cards name none")
        let bad = try server.client().get("/rooms?date=morgen&from=12:00&to=13:00")
        #expect(bad.status == 200)
        #expect(bad.text.contains("Datum ab heute, z. B. 30.11.2026"))
        #expect(bad.text.contains("aria-describedby=\"filter-available-hint filter-availability-error\" aria-invalid=\"true\""))
        // A date alone: rooms open that day, each linking to that day's week with the date in the form.
        let openDay = try server.client().get("/rooms?date=\(date)").text
        #expect(openDay.contains("Geöffnet am ") && !openDay.contains("Frei am "))
        #expect(openDay.contains("href=\"/rooms/1?week=\(week)&amp;date=\(date)#buchen\""))
        #expect(openDay.contains("name=\"date\" type=\"date\" value=\"\(date)\""))
        #expect(!openDay.contains("filter-availability-error"))
        let farAhead = BerlinTime.today().adding(days: 400)  // beyond the room's booking horizon
        #expect(!(try server.client().get("/rooms?date=\(farAhead)").text.contains("href=\"/rooms/1?")))
        let yesterday = BerlinTime.today().adding(days: -1)
        #expect(try server.client().get("/rooms?date=\(yesterday)").text.contains("Datum ab heute"), "not a day in the past")
        #expect(try server.client().get("/rooms?date=\(date)&from=12:00").text.contains("Datum ab heute"), "a start without an end")
        let day = try #require(LocalDate(date))
        let german = String(format: "%02d.%02d.%04d", day.day, day.month, day.year)
        let typed = try server.client().get("/rooms?date=\(german)&from=12:00&to=13:00").text
        #expect(typed.contains("Frei am ") && typed.contains("name=\"date\" type=\"date\" value=\"\(date)\""), "typed the German way, echoed as ISO")
    }

    @Test("the week view shows free and booked times in words, and free times link to a prefilled form")
    func weekView() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        _ = try openRoom(server)
        let booker = server.client()
        try booker.register(email: "a@verein.example")
        let date = BerlinTime.today().adding(days: 7)
        _ = try book(booker, date: date.description, start: "10:00", end: "12:00")
        let page = try booker.get("/rooms/1?week=\(ISOWeek.containing(date))")
        #expect(page.text.contains("10:00–12:00 Uhr: belegt"))
        #expect(page.text.contains("00:00–10:00 Uhr: frei"))
        #expect(page.text.contains("date=\(date)&amp;start=12:00"))
        let prefilled = try booker.get("/rooms/1?date=\(date)&start=12:00&end=14:00")
        #expect(prefilled.text.contains("value=\"12:00\""))
        #expect(try booker.get("/rooms/1?week=2027-W99").status == 200, "a bad week falls back to this week")
    }

    @Test("calendars: the room's shows busy times without names; the private feed needs its token, which can be renewed")
    func calendars() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        _ = try openRoom(server)
        let booker = server.client()
        try booker.register(email: "a@verein.example", name: "Geheime Person")
        _ = try book(booker, date: dateAhead(7), start: "10:00", end: "12:00")
        let room = try server.client().get("/rooms/1/calendar.ics")
        #expect(room.status == 200)
        #expect(room.header("Content-Type") == "text/calendar; charset=utf-8")
        #expect(room.text.hasPrefix("BEGIN:VCALENDAR\r\n") && room.text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(room.text.contains("UID:busy-1@raumboerse.luebeck"))
        #expect(!room.text.contains("Geheime") && !room.text.contains("Vereinstreffen"))
        let account = try booker.get("/my/account")
        let path = try #require(account.text.firstMatch(of: try Regex("/my/bookings\\.ics\\?token=[A-Za-z0-9_-]{43}"))).output[0].substring.map(String.init)!
        #expect(account.text.contains(">http://127.0.0.1:\(server.port)" + path + "</a>"), "the whole address, to paste into a calendar program")
        let feed = try server.client().get(path)
        #expect(feed.status == 200)
        #expect(feed.text.replacingOccurrences(of: "\r\n ", with: "").contains("Lindenplatz 3\\, 23554 Lübeck"), "where to go, for a phone's map")
        #expect(feed.text.contains("STATUS:CONFIRMED"))
        #expect(feed.text.contains("SEQUENCE:0"))
        #expect(try server.client().get("/my/bookings.ics?token=" + String(repeating: "x", count: 43)).status == 404)
        #expect(try booker.submit("/my/account", [("action", "calendar")]).status == 303)
        #expect(try server.client().get(path).status == 404, "the old address stops working")
        _ = try booker.submit("/bookings/1", to: "/bookings/1/cancel", [("reason", "abgesagt")])
        let newPath = try #require(try booker.get("/my/account").text.firstMatch(of: try Regex("/my/bookings\\.ics\\?token=[A-Za-z0-9_-]{43}"))).output[0].substring.map(String.init)!
        let updated = try server.client().get(newPath).text
        #expect(updated.contains("STATUS:CANCELLED") && updated.contains("SEQUENCE:1"))
    }

    @Test("iCalendar lines are folded at 75 octets without splitting characters, and text is escaped")
    func icalendarFormat() {
        let event = ICalendar.Event(uid: "u1", stamp: 0, start: 0, end: 3600, summary: String(repeating: "Ü", count: 60) + "; a, b\\c\nd",
                                    status: "CONFIRMED", sequence: 2)
        let text = String(decoding: ICalendar(name: "Test", events: [event]).render(), as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + String(repeating: "Ü", count: 60) + "\\; a\\, b\\\\c\\nd\r\n"))
        #expect(unfolded.contains("DTSTART:19700101T000000Z\r\nDTEND:19700101T010000Z"))
    }
}
