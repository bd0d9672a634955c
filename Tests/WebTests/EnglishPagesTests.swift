@testable import DemoData
import Foundation
import GRDB
import RoomExchange
@testable import Storage
import Testing
import TestSupport

/// A date `days` from today in Lübeck, as the booking form wants it.
private func dayAhead(_ days: Int) -> String { BerlinTime.today().adding(days: days).description }

/// The calendar's text with folded lines joined again (RFC 5545 §3.1).
private func unfolded(_ response: TestResponse) -> String { response.text.replacingOccurrences(of: "\r\n ", with: "") }

/// Every German text of the catalogue long enough not to be a name, as it
/// appears in HTML: none of them belongs on an English page.
private let germanTexts: [String] = {
    func load(_ language: String) -> [String: String] {
        let data = FileManager.default.contents(atPath: TestServer.repositoryRoot + "/Templates/i18n/\(language).json")!
        return try! JSONDecoder().decode([String: String].self, from: data)
    }
    let de = load("de"), en = load("en")
    var texts: [String] = []
    for (key, text) in de where text != en[key] {
        // Place and equipment names also stand in what people write about their rooms.
        if key.hasPrefix("district.") || key.hasPrefix("equipment.") { continue }
        // The part before the first placeholder, so texts with values are checked too.
        let fixed = String(text.prefix { $0 != "{" }).trimmingCharacters(in: .whitespaces)
        guard fixed.count >= 10 else { continue }
        texts.append(fixed.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;"))
    }
    return texts
}()

/// Fails for any German catalogue text on the page outside what people typed
/// in (room and organisation texts stay in their language).
private func expectNoGerman(_ page: TestResponse, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(germanTexts.count > 200)
    for text in germanTexts where page.text.contains(text) {
        Issue.record("\(path): German '\(text)' on an English page", sourceLocation: sourceLocation)
    }
}

@Suite("English pages over HTTP")
struct EnglishPagesTests {
    @Test("?lang=en: the start page in English, with lang, Content-Language, hreflang alternates, a lang cookie and a switch back")
    func home() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let page = try client.get("/?lang=en")
        #expect(page.status == 200)
        #expect(page.text.contains("<html lang=\"en\">"))
        #expect(page.header("Content-Language") == "en")
        #expect(page.headers("Set-Cookie").contains { $0.hasPrefix("lang=en;") })
        #expect(page.text.contains("<h1 id=\"hero-title\">Sharing rooms in Lübeck</h1>"))
        #expect(page.text.contains("<title>Sharing rooms in Lübeck – Raumbörse Lübeck</title>"))
        #expect(page.text.contains("Featured rooms") && page.text.contains("How it works") && page.text.contains(">Search term<"))
        #expect(page.text.contains("<option value=\"\">All districts</option>"))
        #expect(page.text.contains(">Innenstadt (city centre)<"))
        #expect(page.text.contains("<span class=\"figure-number\">60</span> <span class=\"figure-label\">Rooms</span>"))
        #expect(!page.text.contains("Räume teilen") && !page.text.contains("Ausgewählte Räume") && !page.text.contains("So funktioniert"))
        expectNoGerman(page, "/?lang=en")
        #expect(page.text.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"/?lang=de\">"))
        #expect(page.text.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"/?lang=en\">"))
        #expect(page.text.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"/\">"))
        #expect(page.text.contains("<a class=\"site-nav-link language-switch\" href=\"/?lang=de\" hreflang=\"de\" lang=\"de\">Deutsch</a>"))

        // The cookie keeps the language without ?lang=; ?lang=de switches back.
        #expect(client.cookies["lang"] == "en")
        let again = try client.get("/")
        #expect(again.text.contains("<html lang=\"en\">") && again.text.contains("Sharing rooms in Lübeck"))
        #expect(again.headers("Set-Cookie").allSatisfy { !$0.hasPrefix("lang=") }, "only ?lang= sets the cookie")
        let german = try client.get("/?lang=de")
        #expect(german.text.contains("<html lang=\"de\">") && german.text.contains("Räume teilen in Lübeck"))
        #expect(german.header("Content-Language") == "de")
        #expect(client.cookies["lang"] == "de")
        #expect(german.text.contains("href=\"/?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"))
    }

    @Test("Accept-Language: en gives English without a cookie; German stays the default")
    func acceptLanguage() throws {
        let server = try TestServer()
        defer { server.stop() }
        let english = try server.client().get("/rooms", headers: [("Accept-Language", "en-GB,en;q=0.9,de;q=0.5")])
        #expect(english.status == 200)
        #expect(english.header("Content-Language") == "en")
        #expect(english.text.contains("<html lang=\"en\">"))
        #expect(english.text.contains("<h1>Find rooms</h1>") && english.text.contains("60 rooms found"))
        #expect(english.headers("Set-Cookie").allSatisfy { !$0.hasPrefix("lang=") })
        #expect(english.header("Vary")?.contains("Accept-Language") == true)
        let preferred = try server.client().get("/rooms", headers: [("Accept-Language", "de;q=0.4, en;q=0.8")])
        #expect(preferred.text.contains("60 rooms found"))
        let german = try server.client().get("/rooms", headers: [("Accept-Language", "de-DE,de;q=0.9")])
        #expect(german.header("Content-Language") == "de")
        #expect(german.text.contains("<h1>Räume finden</h1>") && german.text.contains("60 Räume gefunden"))
        let none = try server.client().get("/rooms")
        #expect(none.text.contains("<html lang=\"de\">") && none.text.contains("60 Räume gefunden"))
    }

    @Test("/rooms?lang=en with a district filter: counts, filters, cards and the switch link that keeps the filter")
    func roomsIndex() throws {
        let server = try TestServer()
        defer { server.stop() }
        let moisling = DemoCatalog.rooms.filter { $0.district == "moisling" }
        #expect(moisling.count > 1)
        let page = try server.client().get("/rooms?lang=en&district=moisling")
        #expect(page.status == 200)
        #expect(page.text.contains("<h2 id=\"results-title\" class=\"results-title\">\(moisling.count) rooms found</h2>"))
        #expect(page.text.contains("\(moisling.count) rooms found – skip to the results"))
        #expect(page.text.contains("<option value=\"moisling\" selected>Moisling</option>"))
        #expect(page.text.contains("<legend>Available on</legend>") && page.text.contains(">Clear all filters<"))
        #expect(page.text.contains(">Wi-Fi</label>") && !page.text.contains(">WLAN<"))
        #expect(page.text.contains("<span class=\"visually-hidden\">District: </span>Moisling"))
        let capacity = moisling.map(\.capacity).max()!
        #expect(page.text.contains("up to \(capacity) people"))
        #expect(page.text.contains("<span class=\"visually-hidden\">Price: </span>"))
        expectNoGerman(page, "/rooms?lang=en&district=moisling")
        #expect(page.text.contains("<title>Find rooms – Raumbörse Lübeck</title>"))
        #expect(page.text.contains("href=\"/rooms?district=moisling&amp;lang=de\" hreflang=\"de\" lang=\"de\">Deutsch</a>"))
        #expect(page.text.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"/rooms?district=moisling&amp;lang=en\">"))

        let second = try server.client().get("/rooms?lang=en&page=2")
        #expect(second.text.contains("<title>Find rooms – page 2 – Raumbörse Lübeck</title>"))
        #expect(second.text.contains("<p class=\"pagination-label\">Page 2 of 3</p>"))
        #expect(second.text.contains(">Previous<span class=\"visually-hidden\"> page</span>"))
        let empty = try server.client().get("/rooms?lang=en&q=zzzxxyyqq&date=gestern")
        #expect(empty.text.contains("No rooms found") && empty.text.contains("0 rooms found"))
        #expect(empty.text.contains("To search we need a date from today on, e.g. 30.11.2026"))
        expectNoGerman(empty, "/rooms?lang=en&q=zzzxxyyqq")
    }

    @Test("/rooms/{id}?lang=en: facts, opening hours, week and prices in English; the calendar link keeps the language")
    func roomPage() throws {
        let server = try TestServer()
        defer { server.stop() }
        let room = DemoCatalog.rooms[0]
        let page = try server.client().get("/rooms/1?lang=en")
        #expect(page.status == 200)
        #expect(page.text.contains("<title>\(room.title) – Raumbörse Lübeck</title>"))
        #expect(page.text.contains(">At a glance<") && page.text.contains("<dt>Address</dt>") && page.text.contains("<dd>up to \(room.capacity)</dd>"))
        #expect(page.text.contains("<th scope=\"row\">Monday</th>") && !page.text.contains("Montag"))
        #expect(page.text.contains("Opening hours of “"))
        #expect(page.text.contains("Can be booked for "))
        #expect(page.text.contains("<h2 id=\"week-title\">Available times</h2>") && page.text.contains("<caption>Bookings from "))
        #expect(page.text.contains("Log in to book this room."))
        #expect(page.text.contains("<a href=\"/rooms/1/calendar.ics?lang=en\">Bookings as a calendar (iCal)</a>"))
        expectNoGerman(page, "/rooms/1?lang=en")
        #expect(page.text.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"/rooms/1?lang=de\">"))
        #expect(page.text.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"/rooms/1\">"))
        #expect(page.text.contains("href=\"/rooms/1?lang=de\" hreflang=\"de\" lang=\"de\">Deutsch</a>"))

        let feed = unfolded(try server.client().get("/rooms/1/calendar.ics?lang=en"))
        #expect(feed.contains("X-WR-CALNAME:\(room.title) – bookings"))
        #expect(feed.contains("SUMMARY:Booked: "))
        let german = unfolded(try server.client().get("/rooms/1/calendar.ics"))
        #expect(german.contains("X-WR-CALNAME:Belegung \(room.title)") && german.contains("SUMMARY:Belegt: "))
        #expect(!(try server.client().get("/rooms/1")).text.contains("calendar.ics?lang="))
    }

    @Test("a booking form sent with errors while lang=en is set answers in English, German absent")
    func bookingErrors() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        try client.get("/?lang=en")
        try client.register(email: "english@verein.example")
        #expect(client.cookies["lang"] == "en")
        let invalid = try client.submit("/rooms/1", to: "/rooms/1/bookings", [("date", ""), ("start", "18:07"), ("end", "17:00"),
                                                                               ("attendees", "0"), ("purpose", ""), ("repeat_weeks", "30")])
        #expect(invalid.status == 422)
        #expect(invalid.text.contains("<title>Error: "))
        #expect(invalid.text.contains("<h2>Please check your entries</h2>"))
        #expect(invalid.text.contains("Date: Please enter the date, e.g. 2026-11-30."))
        #expect(invalid.text.contains("Start and end must fall on a quarter hour"))
        #expect(invalid.text.contains("Please say how many people are coming (at least 1)."))
        #expect(invalid.text.contains("Please enter a number from 0 to 26."))
        #expect(invalid.text.contains("People <span class=\"required\">(required)</span>"))
        #expect(invalid.text.contains(">Book (binding)</button>") || invalid.text.contains(">Send request</button>"))
        expectNoGerman(invalid, "POST /rooms/1/bookings")
        #expect(!invalid.text.contains("Bitte geben Sie") && !invalid.text.contains("Bitte prüfen Sie"))

        let past = try client.submit("/rooms/1", to: "/rooms/1/bookings", [("date", dayAhead(-7)), ("start", "10:00"), ("end", "11:00"),
                                                                            ("attendees", "2"), ("repeat_weeks", "0")])
        #expect(past.status == 422 || past.status == 409)
        #expect(past.text.contains("This time cannot be booked. Nothing has been saved."))
        #expect(past.text.contains("This time is in the past."))
        expectNoGerman(past, "POST /rooms/1/bookings (past)")
    }

    @Test("the room form, a booking and its page in English; the private calendar in the user's language")
    func roomFormAndBooking() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.get("/?lang=en")
        try owner.register(email: "owner@treff.example")
        let form = try owner.get("/rooms/new")
        #expect(form.text.contains("<h1>Offer a room</h1>") && form.text.contains("<legend>Price and booking</legend>"))
        #expect(form.text.contains(">Free for nonprofits, otherwise for a fee</option>") && form.text.contains(">Tuesday</label>"))
        expectNoGerman(form, "/rooms/new")
        let invalid = try owner.submit("/rooms/new", to: "/rooms", [("title", "x"), ("postcode", "12345"), ("hours_mon", "abends")])
        #expect(invalid.status == 422)
        #expect(invalid.text.contains("<title>Error: Offer a room – Raumbörse Lübeck</title>"))
        #expect(invalid.text.contains("Please enter a title of 3 to 120 characters."))
        #expect(invalid.text.contains("Please enter a Lübeck postcode (23552 to 23570)."))
        #expect(invalid.text.contains("Please write the times like 08:00-18:00"))
        expectNoGerman(invalid, "POST /rooms")

        var fields = roomFields().filter { !$0.0.hasPrefix("hours_") }
        fields += Weekday.allCases.map { ("hours_" + $0.key, "00:00-24:00") }
        #expect(try owner.submit("/rooms/new", to: "/rooms", fields).status == 303)
        let edit = try owner.get("/rooms/1/edit?saved=created")
        #expect(edit.text.contains("The room has been created.") && edit.text.contains("Waiting for review by the city"))
        #expect(edit.text.contains("<h2 id=\"sperrzeiten-titel\">Closed days</h2>"))
        expectNoGerman(edit, "/rooms/1/edit")
        try server.database.pool.write { try $0.execute(sql: "UPDATE room SET status = 'published'") }

        let booker = server.client()
        try booker.get("/?lang=en")
        try booker.register(email: "office@firma.example", organisation: "Firma GmbH", kind: "company")
        let booked = try booker.submit("/rooms/1", to: "/rooms/1/bookings", [("date", dayAhead(7)), ("start", "18:00"), ("end", "20:00"),
                                                                              ("attendees", "5"), ("purpose", "Treffen"), ("repeat_weeks", "0")])
        #expect(booked.status == 303)
        let page = try booker.get("/bookings/1")
        #expect(page.status == 200)
        #expect(page.text.contains("<title>Booking: Gemeinschaftsraum am Lindenplatz – Raumbörse Lübeck</title>"))
        #expect(page.text.contains("<strong>Confirmed</strong>"))
        #expect(page.text.contains("18:00–20:00</dd>") && !page.text.contains(" Uhr"))
        #expect(page.text.contains("<dd>€51.00</dd>"), "a company pays €25.50 × 2 h")
        #expect(page.text.contains(": confirmed by ") || page.text.contains(": requested by "))
        expectNoGerman(page, "/bookings/1")
        let noReason = try booker.submit("/bookings/1", to: "/bookings/1/cancel", [("reason", "")])
        #expect(noReason.status == 422)
        #expect(noReason.text.contains("Please give a reason (at most 500 characters)."))

        // The owner's private feed follows the language stored with the account.
        let ownerID = try server.database.pool.read { try Int64.fetchOne($0, sql: "SELECT id FROM user WHERE email = 'owner@treff.example'")! }
        try server.database.pool.write { try $0.execute(sql: "UPDATE user SET language = 'en' WHERE id = ?", arguments: [ownerID]) }
        let token = try server.database.calendarToken(of: User.ID(ownerID), creatingWith: String(repeating: "a", count: 43))
        let feed = unfolded(try server.client().get("/my/bookings.ics?token=" + token))
        #expect(feed.contains("X-WR-CALNAME:Raumbörse: my bookings"))
        #expect(feed.contains("SUMMARY:Rented out: Gemeinschaftsraum am Lindenplatz"))
        #expect(feed.contains("DESCRIPTION:Confirmed"))
        try server.database.pool.write { try $0.execute(sql: "UPDATE user SET language = 'de' WHERE id = ?", arguments: [ownerID]) }
        let german = unfolded(try server.client().get("/my/bookings.ics?token=" + token))
        #expect(german.contains("SUMMARY:Vermietet: Gemeinschaftsraum am Lindenplatz") && german.contains("DESCRIPTION:Bestätigt"))
    }

    @Test("/organisations/{id}?lang=en and the 404 page in English")
    func organisationAndNotFound() throws {
        let server = try TestServer()
        defer { server.stop() }
        let page = try server.client().get("/organisations/1?lang=en")
        #expect(page.status == 200)
        #expect(page.text.contains("<h2 id=\"org-rooms-title\">Rooms of this organisation</h2>"))
        #expect(page.text.contains("<p class=\"section-head-count\">2 rooms</p>") || page.text.contains("<p class=\"section-head-count\">1 room</p>")
            || page.text.contains(" rooms</p>"))
        #expect(page.text.contains("<a href=\"/login\">Log in</a> to see the email address and phone number."))
        #expect(page.text.contains(">Nonprofit organisation<") || page.text.contains(">Company<") || page.text.contains(">Public body<"))
        expectNoGerman(page, "/organisations/1?lang=en")
        #expect(!page.text.contains("Räume dieser Organisation"))

        for path in ["/rooms/9999?lang=en", "/organisations/999?lang=en", "/nowhere?lang=en"] {
            let missing = try server.client().get(path)
            #expect(missing.status == 404, "\(path)")
            #expect(missing.header("Content-Language") == "en", "\(path)")
            #expect(missing.text.contains("<html lang=\"en\">"), "\(path)")
            #expect(missing.text.contains("<p class=\"error-status\">Error 404</p>"), "\(path)")
            #expect(missing.text.contains("<h1>Page not found</h1>"), "\(path)")
            #expect(missing.text.contains("One of these links may help:") && missing.text.contains(">Home page</a>"), "\(path)")
            #expect(!missing.text.contains("Seite nicht gefunden") && !missing.text.contains("Fehler 404"), "\(path)")
            expectNoGerman(missing, path)
        }
        let german = try server.client().get("/nowhere")
        #expect(german.text.contains("Fehler 404") && german.text.contains("Seite nicht gefunden"))
    }
}

@Suite("Language of parts")
struct LanguageOfPartsTests {
    @Test("texts organisations write are marked German on English pages (WCAG 3.1.2), the page itself English")
    func organisationTextsAreMarkedGerman() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client()
        let room = try client.get("/rooms/1?lang=en").text
        #expect(room.contains("<html lang=\"en\">"))
        #expect(room.contains("<h1 lang=\"de\">"))
        #expect(room.contains("<p lang=\"de\">"))
        let list = try client.get("/rooms?lang=en").text
        #expect(list.contains("class=\"room-card-title\" lang=\"de\""))
        #expect(list.contains("class=\"room-card-excerpt\" lang=\"de\""))
    }
}
