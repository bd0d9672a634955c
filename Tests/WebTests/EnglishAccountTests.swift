import Foundation
import Localization
import RoomExchange
@testable import Storage
import Testing
import TestSupport
@testable import Web

/// The pages of accounts, moderation, administration, impact and the legal texts
/// in English, and the language an account keeps.
@Suite("English: accounts, language preference, moderation, impact and legal pages over HTTP")
struct EnglishAccountTests {
    private func language(_ server: TestServer, _ email: String) throws -> Language? {
        try server.database.credentials(email: email)?.user.language
    }

    @Test("registering stores the language the visitor used; the account's language then shows pages anywhere")
    func registrationStoresLanguage() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let english = server.client()
        let form = try english.get("/register?lang=en")
        #expect(form.text.contains("<html lang=\"en\">") && form.text.contains("<h1>Register</h1>") && form.text.contains(">Create account</button>"))
        #expect(form.text.contains("<option value=\"nonprofit\">Nonprofit organisation</option>") && !form.text.contains("Konto anlegen"))
        #expect(try english.register(email: "anna@chor.example", name: "Anna Weiß").status == 303)
        #expect(try language(server, "anna@chor.example") == .en)
        try server.client().register(email: "erika@verein.example")
        #expect(try language(server, "erika@verein.example") == .de, "no lang cookie, no Accept-Language: German")

        // A new browser without a cookie shows the account's language once signed in.
        let elsewhere = server.client()
        try elsewhere.signIn(email: "anna@chor.example")
        let my = try elsewhere.get("/my")
        #expect(my.text.contains("<h1>My area</h1>") && my.text.contains("Welcome, Anna Weiß."))
        #expect(my.text.contains("Rooms of Stadtteiltreff Test e.V.") && my.text.contains("Offer your first room now"))
        let edit = try elsewhere.get("/organisations/1/edit")
        #expect(edit.text.contains("<h1>Edit organisation</h1>") && edit.text.contains(">About us") && edit.text.contains("manages the organisation"))
        let german = server.client()
        try german.signIn(email: "erika@verein.example")
        #expect(try german.get("/my").text.contains("<h1>Mein Bereich</h1>"))
    }

    @Test("/login?lang=en is English; failed logins and registrations say why in English")
    func englishErrors() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        try server.client().register(email: "erika@verein.example")
        let client = server.client()
        let login = try client.get("/login?lang=en")
        #expect(login.text.contains("<title>Log in – Raumbörse Lübeck</title>"))
        #expect(login.text.contains(">Email address") && login.text.contains(">Password") && login.text.contains("Forgotten your password?"))
        #expect(!login.text.contains("Passwort vergessen"))
        let failed = try client.signIn(email: "erika@verein.example", password: "falsches Passwort!")
        #expect(failed.status == 422)
        #expect(failed.text.contains("<title>Error: Log in – Raumbörse Lübeck</title>"))
        #expect(failed.text.contains("The email address or password is incorrect.") && failed.text.contains("Please check your entries"))
        #expect(!failed.text.contains("nicht richtig"))
        _ = try client.signIn(email: "erika@verein.example", password: "falsches Passwort!")
        _ = try client.signIn(email: "erika@verein.example", password: "falsches Passwort!")
        let tooSoon = try client.signIn(email: "erika@verein.example")
        #expect(tooSoon.status == 429 && tooSoon.text.contains("Please try again in a few seconds."))
        Thread.sleep(forTimeInterval: 0.3)
        _ = try client.signIn(email: "erika@verein.example", password: "falsches Passwort!")
        Thread.sleep(forTimeInterval: 0.55)
        _ = try client.signIn(email: "erika@verein.example", password: "falsches Passwort!")
        let locked = try client.signIn(email: "erika@verein.example")
        #expect(locked.status == 429)
        #expect(locked.text.contains("Too many failed login attempts. Please wait ") && locked.text.contains(" and then try again."))

        let register = try client.submit("/register", [("email", "kein-at-zeichen"), ("password", "kurz"), ("name", ""), ("organisation_name", ""),
                                                       ("organisation_kind", "club")])
        #expect(register.status == 422)
        for message in ["Email address: Please enter a valid email address, e.g. name@club.org.", "The password must be at least 10 characters long.",
                        "Please enter your name.", "Please enter the name of your organisation.", "Please choose what type of organisation it is.",
                        "Please agree to the privacy notice so that we may create your account."] {
            #expect(register.text.contains(message), "\(message)")
        }
        let reset = try client.get("/password-reset")
        #expect(reset.text.contains("<h1>Forgotten password</h1>") && reset.text.contains("Your account&#39;s email address"))
        let sent = try client.submit("/password-reset", [("email", "erika@verein.example")])
        #expect(try client.get(try #require(sent.header("Location"))).text.contains("If there is an account for this address"))
    }

    @Test("the language form of /my/account stores the language and sets the cookie, so the next page is in it")
    func languageForm() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let client = server.client()
        try client.register(email: "erika@verein.example")
        let page = try client.get("/my/account")
        #expect(page.text.contains("<h2 id=\"konto-sprache\">Sprache</h2>"))
        #expect(page.text.contains("name=\"language\" type=\"radio\" value=\"de\" checked>") && page.text.contains("name=\"language\" type=\"radio\" value=\"en\">"))
        #expect(page.text.contains("<label for=\"field-language-en\" lang=\"en\">English</label>"))

        // A language chosen earlier with ?lang= sits in the cookie; saving the form must replace it.
        #expect(try client.get("/my/account?lang=de").headers("Set-Cookie").contains { $0.hasPrefix("lang=de;") })
        let saved = try client.submit("/my/account", [("action", "language"), ("language", "en")])
        #expect(saved.status == 303)
        #expect(saved.header("Location") == "/my/account?saved=language#sprache")
        let cookie = try #require(saved.headers("Set-Cookie").first { $0.hasPrefix("lang=") })
        #expect(cookie.hasPrefix("lang=en;") && cookie.contains("Max-Age="))
        #expect(try language(server, "erika@verein.example") == .en)
        let after = try client.get("/my/account?saved=language")
        #expect(after.text.contains("<html lang=\"en\">") && after.text.contains("Your language has been saved."))
        #expect(after.text.contains("<h1>My account</h1>") && after.text.contains("name=\"language\" type=\"radio\" value=\"en\" checked>"))
        #expect(after.text.contains("Email notifications") && after.text.contains("A reminder the day before a booking"))

        let back = try client.submit("/my/account", [("action", "language"), ("language", "de")])
        #expect(back.headers("Set-Cookie").contains { $0.hasPrefix("lang=de;") })
        #expect(try language(server, "erika@verein.example") == .de)
        #expect(try client.get("/my/account?saved=language").text.contains("Ihre Sprache wurde gespeichert."))

        #expect(try client.submit("/my/account", [("action", "language"), ("language", "fr")]).status == 400)
        #expect(try server.client().post("/my/account", form: [("action", "language"), ("language", "en")]).status == 403, "CSRF-protected")
        #expect(try language(server, "erika@verein.example") == .de)
    }

    @Test("Impressum, Datenschutz and Barrierefreiheit in English keep the operator's details")
    func legalPages() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let pages: [(path: String, title: String, english: String, german: String)] = [
            ("/impressum", "Legal notice (Impressum)", "Responsible for the content", "Verantwortlich für den Inhalt"),
            ("/datenschutz", "Privacy", "<h1>Privacy notice (Datenschutzerklärung)</h1>", "Was wir speichern"),
            ("/barrierefreiheit", "Accessibility", "This statement was last reviewed on 27 Nov 2026.", "Diese Erklärung wurde zuletzt"),
        ]
        for page in pages {
            let english = try server.client().get(page.path + "?lang=en")
            #expect(english.status == 200 && english.header("Content-Language") == "en")
            #expect(english.text.contains("<title>\(page.title) – Raumbörse Lübeck</title>"), "\(page.path)")
            #expect(english.text.contains(page.english) && !english.text.contains(page.german), "\(page.path)")
            #expect(english.text.contains("raumboerse@luebeck.example"), "the operator's address stays")
            let german = try server.client().get(page.path)
            #expect(german.text.contains(page.german) && !german.text.contains(page.english), "\(page.path)")
        }
        let impressum = try server.client().get("/impressum?lang=en")
        #expect(impressum.text.contains("Hansestadt Lübeck, Bereich Digitalisierung") && impressum.text.contains("Email: <a href=\"mailto:"))
        #expect(try server.client().get("/barrierefreiheit").text.contains("zuletzt am 27.11.2026 überprüft."))
    }

    @Test("moderation, audit log, CSV export and administration in the staff member's language; impact and its CSV in English")
    func staffPagesAndImpact() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        #expect(try owner.submit("/rooms/new", to: "/rooms", roomFields(title: "Erster Raum")).status == 303)
        #expect(try owner.get("/moderation?lang=en").status == 403, "members are not moderators in any language")

        let moderator = try server.moderatorClient()
        let staff = try #require(try server.database.credentials(email: "moderation@luebeck.example")).user
        try server.database.setLanguage(of: staff.id, to: .en)
        let queue = try moderator.get("/moderation")
        #expect(queue.status == 200 && queue.text.contains("<html lang=\"en\">"), "the account's language, without a cookie")
        #expect(queue.text.contains("1 room awaiting review, 0 reported rooms.") && queue.text.contains("For review (1)"))
        #expect(queue.text.contains("New room · since ") && queue.text.contains("up to 30 people") && queue.text.contains(">Approve<"))
        #expect(!queue.text.contains("Zur Prüfung"))
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", []).status == 303)
        #expect(try moderator.get("/moderation?saved=approved").text.contains("The room has been published."))
        let audit = try moderator.get("/moderation/audit")
        #expect(audit.text.contains("<h1>Audit log</h1>") && audit.text.contains("Who did what and when: 1 entry.") && audit.text.contains("approved"))
        #expect(audit.text.contains("Page 1 of 1"))
        let csv = try moderator.get("/moderation/export.csv")
        #expect(String(decoding: csv.body.dropFirst(3), as: UTF8.self).hasPrefix("Room no.;Title;Organisation;Type;Status;District;Places;"))
        #expect(csv.header("Content-Disposition") == "attachment; filename=\"raumboerse-rooms.csv\"")

        _ = try server.database.createUser(email: "admin@luebeck.example", name: "Ad Min", role: .admin,
                                           passwordHash: try PasswordHasher(logN: 10).hash("admin-passwort-123"))
        let admin = server.client()
        try admin.signIn(email: "admin@luebeck.example", password: "admin-passwort-123")
        let users = try admin.get("/admin/users?lang=en")
        #expect(users.text.contains("<h1>Manage accounts</h1>") && users.text.contains(">Moderator</option>") && users.text.contains(">Block<"))
        #expect(try admin.get("/admin/mail").text.contains("<h1>Email delivery</h1>"))
        #expect(try admin.get("/moderation/audit?lang=de").text.contains("<h1>Protokoll</h1>"), "another staff member, another language")

        let impact = try server.client().get("/impact?lang=en")
        #expect(impact.text.contains("<h1>What the Raumbörse achieves</h1>") && impact.text.contains("rooms online"))
        #expect(impact.text.contains("estimated value (at €25.00 per hour)") && impact.text.contains(">0.0<"))
        #expect(impact.text.contains("href=\"/impact.csv?lang=en\""))
        let englishCSV = try server.client().get("/impact.csv?lang=en")
        #expect(englishCSV.text.contains("Group;Name;Rooms;Bookings;Hours;Hours free for nonprofits\r\n") && englishCSV.text.contains("District;Moisling;0;0;0.0;"))
        #expect(englishCSV.text.contains("Total;;1;0;0.0;0.0"))
        let germanCSV = try server.client().get("/impact.csv")
        #expect(germanCSV.text.contains("Gruppe;Name;Räume;Buchungen;Stunden;Stunden kostenlos für Gemeinnützige\r\n") && germanCSV.text.contains("Gesamt;;1;0;0,0;0,0"))
        #expect(try server.client().get("/impact").text.contains("href=\"/impact.csv\""))
    }
}
