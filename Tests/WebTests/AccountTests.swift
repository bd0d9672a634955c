import Foundation
import RoomExchange
@testable import Storage
import Testing
import TestSupport
@testable import Web

@Suite("Accounts, sessions and CSRF over HTTP")
struct AccountTests {
    @Test("registering creates the user and their organisation, signs in and redirects to /my")
    func register() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let client = server.client()
        let response = try client.register(email: "Erika@Verein.example")
        #expect(response.status == 303)
        #expect(response.header("Location") == "/my")
        let cookie = try #require(response.headers("Set-Cookie").first { $0.hasPrefix("sid=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
        let my = try client.get("/my")
        #expect(my.status == 200)
        #expect(my.text.contains("Stadtteiltreff Test e.V."))
        let user = try #require(try server.database.credentials(email: "erika@verein.example"))
        #expect(user.user.organisationRole == .manager)
        #expect(user.passwordHash.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(!user.passwordHash.contains("ein langes Testpasswort"))
        // The token itself is never stored, only its hash.
        let token = String(cookie.dropFirst(4).prefix { $0 != ";" })
        #expect(try server.database.session(tokenHash: Array(token.utf8)) == nil)
        #expect(try server.database.session(tokenHash: Tokens.sha256(token)) != nil)
    }

    @Test("each invalid registration field gets its own message, input is kept and nothing is stored")
    func registrationErrors() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let client = server.client()
        let page = try client.submit("/register", [("email", "kein-at-zeichen"), ("password", "kurz"), ("name", "<b>Ich</b>"),
                                                   ("organisation_name", ""), ("organisation_kind", "club")])
        #expect(page.status == 422)
        for message in ["gültige E-Mail-Adresse", "mindestens 10 Zeichen", "Namen Ihrer Organisation", "Art von Organisation", "Datenschutzerklärung zu"] {
            #expect(page.text.contains(message), "\(message)")
        }
        #expect(page.text.contains("value=\"kein-at-zeichen\""))
        #expect(page.text.contains("value=\"&lt;b&gt;Ich&lt;/b&gt;\""))
        #expect(page.text.contains("aria-invalid=\"true\""))
        #expect(page.text.contains("aria-describedby=\"field-email-error\""))
        #expect(!page.text.contains("value=\"kurz\""), "passwords are never sent back")
        let common = try client.submit("/register", [("email", "a@b.example"), ("password", "passwort123"), ("name", "A"),
                                                     ("organisation_name", "X"), ("organisation_kind", "company"), ("privacy", "1")])
        #expect(common.status == 422)
        #expect(common.text.contains("zu bekannt"))
        #expect(try server.database.credentials(email: "a@b.example") == nil)
        try client.register(email: "dup@verein.example")
        let other = server.client()
        let duplicate = try other.register(email: "DUP@verein.example")
        #expect(duplicate.status == 422)
        #expect(duplicate.text.contains("schon ein Konto"))
    }

    @Test("a state-changing POST without, with a wrong, or with a cross-site token is 403 and changes nothing")
    func csrf() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let client = server.client()
        let fields = [("email", "x@verein.example"), ("password", "ein langes Testpasswort"), ("name", "X"),
                      ("organisation_name", "X e.V."), ("organisation_kind", "nonprofit"), ("privacy", "1")]
        _ = try client.get("/register")
        #expect(try client.post("/register", form: fields).status == 403)
        #expect(try client.post("/register", form: fields + [("csrf_token", "A" + String(repeating: "b", count: 42))]).status == 403)
        let token = try #require(TestClient.csrfToken(in: try client.get("/register")))
        #expect(try client.post("/register", form: fields + [("csrf_token", token)], headers: [("Origin", "https://evil.example")]).status == 403)
        #expect(try client.post("/register", form: fields + [("csrf_token", token)], headers: [("Sec-Fetch-Site", "cross-site")]).status == 403)
        #expect(try server.database.credentials(email: "x@verein.example") == nil)
        // Signed in, the session's own token is needed: the pre-session one no longer counts.
        try client.register(email: "y@verein.example")
        let logout = try client.post("/logout", form: [("csrf_token", token)])
        #expect(logout.status == 403)
        #expect(try client.get("/my").status == 200)
    }

    @Test("login with a wrong password or unknown address gives one message; next is only followed on this site")
    func login() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        try server.client().register(email: "erika@verein.example")
        let client = server.client()
        let wrong = try client.signIn(email: "erika@verein.example", password: "falsches Passwort!")
        let unknown = try client.signIn(email: "niemand@verein.example", password: "falsches Passwort!")
        #expect(wrong.status == 422 && unknown.status == 422)
        #expect(wrong.text.contains("E-Mail-Adresse oder Passwort ist nicht richtig."))
        #expect(unknown.text.contains("E-Mail-Adresse oder Passwort ist nicht richtig."))
        #expect(wrong.text.contains("value=\"erika@verein.example\""))
        let page = try client.get("/login?next=/rooms/new")
        let token = try #require(TestClient.csrfToken(in: page))
        let ok = try client.post("/login", form: [("email", "erika@verein.example"), ("password", "ein langes Testpasswort"), ("next", "/rooms/new"), ("csrf_token", token)])
        #expect(ok.status == 303)
        #expect(ok.header("Location") == "/rooms/new")
        #expect(AccountPages.safeNext("//evil.example/") == "/my")
        #expect(AccountPages.safeNext("https://evil.example/") == "/my")
        #expect(AccountPages.safeNext("/\\evil.example") == "/my")
        #expect(AccountPages.safeNext("/rooms?q=x") == "/rooms?q=x")
        // Browsers drop tabs and newlines and read a backslash as a slash.
        for sneaky in ["/\t/evil.example", "/\n/evil.example", "/ /evil.example", "/x\\..\\..\\/evil", "/\u{7F}/evil.example", "/\u{A0}/evil.example"] {
            #expect(AccountPages.safeNext(sneaky) == "/my", "\(sneaky.debugDescription)")
        }
        let away = try client.get("/login?next=/%09/evil.example")
        #expect(away.status == 303 && away.header("Location") == "/my", "signed in: straight on, but not away")
    }

    @Test("repeated failures lock the account for that address with a clear message; other clients still sign in")
    func throttling() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        try server.client().register(email: "erika@verein.example")
        let attacker = server.client()
        for _ in 0..<3 { #expect(try attacker.signIn(email: "erika@verein.example", password: "falsches Passwort!").status == 422) }
        // From the third failure on, the next attempt must wait (0.25 s, then 0.5 s); one too soon is
        // answered at once with 429, without trying the password and without counting.
        let tooSoon = try attacker.signIn(email: "erika@verein.example", password: "ein langes Testpasswort")
        #expect(tooSoon.status == 429 && tooSoon.text.contains("in ein paar Sekunden noch einmal"))
        #expect(tooSoon.header("Location") == nil, "not signed in, even with the right password")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try attacker.signIn(email: "erika@verein.example", password: "falsches Passwort!").status == 422)
        Thread.sleep(forTimeInterval: 0.55)
        #expect(try attacker.signIn(email: "erika@verein.example", password: "falsches Passwort!").status == 422)
        let locked = try attacker.signIn(email: "erika@verein.example", password: "ein langes Testpasswort")
        #expect(locked.status == 429)
        #expect(locked.text.contains("Zu viele fehlgeschlagene Anmeldeversuche"))

        let throttle = LoginThrottle(maxFailures: 3, window: 60, lockDuration: 60)
        throttle.recordFailure(["ip:1", "account:a|1"])
        throttle.recordFailure(["ip:1", "account:a|1"])
        #expect(throttle.lockedUntil(["ip:1"]) == nil)
        throttle.recordFailure(["ip:1", "account:a|1"])
        #expect(throttle.lockedUntil(["ip:1"]) != nil)
        #expect(throttle.lockedUntil(["ip:2", "account:a|2"]) == nil, "someone else's failures do not lock me")
        #expect(throttle.lockedUntil(["ip:1"], now: Date().addingTimeInterval(61)) == nil)

        // Per account from everywhere: slower after ten failures, never locked.
        let accountWide = LoginThrottle.accountWide()
        for _ in 0..<10 { accountWide.recordFailure(["erika@verein.example"]) }
        #expect(accountWide.delay(for: ["erika@verein.example"]) == 0)
        #expect(accountWide.wait(for: ["erika@verein.example"]) == 0)
        for _ in 0..<20 { accountWide.recordFailure(["erika@verein.example"]) }
        #expect(accountWide.delay(for: ["erika@verein.example"]) == 2)
        #expect(accountWide.wait(for: ["erika@verein.example"]) > 1.9, "right after a failure: wait")
        #expect(accountWide.wait(for: ["erika@verein.example"], now: Date().addingTimeInterval(2.1)) == 0, "two seconds later: try again")
        #expect(accountWide.wait(for: ["anna@verein.example", "erika@verein.example"]) > 1.9, "the longest wait of the keys")
        #expect(accountWide.lockedUntil(["erika@verein.example"]) == nil)
        #expect(accountWide.delay(for: ["anna@verein.example"]) == 0)
        accountWide.recordSuccess(account: "erika@verein.example")
        #expect(accountWide.delay(for: ["erika@verein.example"]) == 0)
    }

    @Test("logout ends the session on the server: the old cookie no longer works")
    func logout() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let client = server.client()
        try client.register(email: "erika@verein.example")
        let sid = try #require(client.cookies["sid"])
        let page = try client.get("/my")
        let response = try client.post("/logout", form: [("csrf_token", try #require(TestClient.csrfToken(in: page)))])
        #expect(response.status == 303)
        let replay = try server.client().request("GET", "/my", headers: [("Cookie", "sid=\(sid)")])
        #expect(replay.status == 303)
        #expect(replay.header("Location")?.hasPrefix("/login?next=") == true)
    }

    @Test("a new session token at every login; changing the password ends other sessions")
    func sessionRotation() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let first = server.client()
        try first.register(email: "erika@verein.example")
        let second = server.client()
        try second.signIn(email: "erika@verein.example")
        #expect(first.cookies["sid"] != second.cookies["sid"])
        let change = try second.submit("/my/account", [("action", "password"), ("current_password", "ein langes Testpasswort"),
                                                       ("new_password", "ein ganz neues Passwort")])
        #expect(change.status == 303)
        #expect(try second.get("/my").status == 200)
        #expect(try first.get("/my").status == 303)
        #expect(try server.client().signIn(email: "erika@verein.example", password: "ein ganz neues Passwort").status == 303)
    }

    @Test("account page: name, e-mail with password, export as JSON, deletion that keeps bookings anonymised")
    func accountPage() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let client = server.client()
        try client.register(email: "erika@verein.example")
        #expect(try client.submit("/my/account", [("action", "name"), ("name", "Erika Beispiel")]).status == 303)
        let badEmail = try client.submit("/my/account", [("action", "email"), ("email", "neu@verein.example"), ("email_password", "falsch falsch")])
        #expect(badEmail.status == 422)
        #expect(badEmail.text.contains("Das Passwort ist nicht richtig."))
        #expect(try client.submit("/my/account", [("action", "email"), ("email", "neu@verein.example"), ("email_password", "ein langes Testpasswort")]).status == 303)
        // The old address hears of the change, in the account's language, with the new address.
        let notice = try #require(try server.database.outboxMessages(failed: false).first { $0.kind == "email_changed" })
        #expect(notice.recipient == "erika@verein.example" && notice.payload.values["new_email"] == "neu@verein.example")
        let renderer = try MailRenderer(pages: try PageRenderer(directory: server.app.configuration.templatesDirectory))
        let written = try renderer.render(notice, baseURL: "https://raumboerse.example")
        #expect(written.subject == "E-Mail-Adresse geändert – Raumbörse Lübeck")
        #expect(written.text.contains("auf neu@verein.example geändert") && written.text.contains("https://raumboerse.example/impressum"))
        let export = try client.get("/my/account/export.json")
        #expect(export.status == 200)
        #expect(export.header("Content-Disposition")?.contains("attachment") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(export.body)) as? [String: Any])
        #expect(json["email"] as? String == "neu@verein.example")
        #expect(json["name"] as? String == "Erika Beispiel")
        #expect(!export.text.contains("scrypt"))

        let user = try #require(try server.database.credentials(email: "neu@verein.example")).user
        let room = try server.database.createRoom(sampleRoom(user.organisationID!), trusted: true)
        try server.database.inTransaction { tx in
            try tx.insertBooking(room: room, organisation: user.organisationID, startsAt: 2_000_000_000, endsAt: 2_000_003_600, attendees: 3, purpose: "Treffen", confirmed: true)
        }
        try server.database.pool.write { try $0.execute(sql: "UPDATE booking SET bookerUserId = ?", arguments: [user.id.rawValue]) }
        let refused = try client.submit("/my/account", [("action", "delete"), ("delete_password", "ein langes Testpasswort")])
        #expect(refused.status == 422)
        let deleted = try client.submit("/my/account", [("action", "delete"), ("delete_password", "ein langes Testpasswort"), ("confirm", "1")])
        #expect(deleted.status == 303)
        #expect(try server.database.credentials(email: "neu@verein.example") == nil)
        let bookings = try server.database.pool.read { try Row.fetchAll($0, sql: "SELECT bookerUserId, purpose FROM booking") }
        #expect(bookings.count == 1)
        #expect(bookings[0][0] as Int64? == nil)
        #expect(try client.get("/my").status == 303)
    }

    @Test("the production password hash uses OWASP's scrypt cost and verifies; a wrong password fails")
    func passwordHashing() throws {
        #expect(PasswordHasher.owasp.logN == 17 && PasswordHasher.owasp.blockSize == 8 && PasswordHasher.owasp.parallelism == 1)
        let hasher = PasswordHasher(logN: 10)
        let hash = try hasher.hash("korrekt pferd batterie")
        #expect(hasher.verify("korrekt pferd batterie", against: hash))
        #expect(!hasher.verify("korrekt pferd batteriE", against: hash))
        #expect(try hasher.hash("korrekt pferd batterie") != hash, "salted")
        #expect(hasher.needsRehash(hash) == false)
        #expect(PasswordHasher.owasp.needsRehash(hash))
        #expect(PasswordHasher.owasp.verify("korrekt pferd batterie", against: hash), "old hashes verify with their own parameters")
        #expect(!hasher.verify("x", against: "$scrypt$ln=40,r=8,p=1$AAAA$AAAA"))
    }

    @Test("random bytes come in the length asked for, around the eight-byte steps, and differ each time")
    func randomBytes() {
        for count in [0, 1, 7, 8, 9, 12, 32, 33] { #expect(Tokens.randomBytes(count).count == count) }
        #expect(Tokens.randomBytes(32) != Tokens.randomBytes(32))
        #expect(Tokens.random().utf8.count == 43)
        // RFC 4648 §10 test vectors, in the URL alphabet without padding.
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors { #expect(Tokens.base64(Array(plain.utf8)) == encoded) }
        #expect(Tokens.base64([0xFB, 0xFF, 0xBF]) == "-_-_")
        for count in 0...40 {
            let bytes = Tokens.randomBytes(count)
            #expect(Tokens.decodeBase64(Tokens.base64(bytes)) == bytes)
        }
        // 32 × 256 bytes: every byte value turns up (missing one by chance: about 256 × e^-32).
        #expect(Set((0..<256).flatMap { _ in Tokens.randomBytes(32) }).count == 256)
    }
}

import GRDB

func sampleRoom(_ organisation: Organisation.ID, title: String = "Seminarraum am Markt") -> Room {
    Room(id: .init(0), organisationID: organisation, status: .pending, title: title, description: "Ein heller Raum mit Tischen und Stühlen.",
         district: .innenstadt, street: "Breite Straße 1", postcode: "23552", capacity: 10, areaM2: nil, price: .free,
         bookingMode: .instant, accessibility: Accessibility(stepFree: false, accessibleWC: false, hearingLoop: false),
         equipment: [], openingHours: .closed, minMinutes: 60, maxMinutes: 240, leadHours: 2, maxDaysAhead: 365, rules: "")
}

@Suite("Session expiry")
struct SessionExpiryTests {
    @Test("a session ends after 30 minutes without activity and after 12 hours in all, on the server")
    func expiry() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let client = server.client()
        try client.register(email: "erika@verein.example")
        #expect(try client.get("/my").status == 200)
        let now = Int64(Date().timeIntervalSince1970)
        try server.database.pool.write { try $0.execute(sql: "UPDATE session SET lastSeenAt = ?", arguments: [now - 31 * 60]) }
        #expect(try client.get("/my").status == 303)
        #expect(try server.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM session") } == 0, "the expired session is deleted")
        try client.signIn(email: "erika@verein.example")
        try server.database.pool.write { try $0.execute(sql: "UPDATE session SET createdAt = ?, lastSeenAt = ?", arguments: [now - 13 * 3600, now - 60]) }
        #expect(try client.get("/my").status == 303, "absolute lifetime")
    }
}
