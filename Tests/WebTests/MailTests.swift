#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
@testable import Mail
import RoomExchange
@testable import Storage
import Testing
import TestSupport
@testable import Web

// The outbox over HTTP, the sender with the file transport and with stand-in
// transports, and the SMTP client against a scripted server on a loopback port.
// The whole path through a real SMTP server is Tests/Browser/test_mail.py.

private struct Queued: Equatable {
    let kind: String
    let recipient: String
}

private func outbox(_ server: TestServer) throws -> [Queued] {
    try server.database.pool.read { db in
        try Row.fetchAll(db, sql: "SELECT kind, recipient FROM outboxMessage ORDER BY id").map { Queued(kind: $0[0], recipient: $0[1]) }
    }
}

private func payload(_ server: TestServer, _ id: Int) throws -> MailPayload {
    try #require(try server.database.outboxMessages(failed: false, limit: 1000).first { $0.id == Int64(id) }).payload
}

private func dateAhead(_ days: Int) -> String { BerlinTime.today().adding(days: days).description }

/// An owner (with a colleague invited into the organisation) and a published request room open all day.
private func ownersWithRoom(_ server: TestServer) throws -> (owner: TestClient, colleague: TestClient) {
    let owner = server.client()
    try owner.register(email: "owner@treff.example", name: "Jürgen Köhler", organisation: "Stadtteiltreff Süd e.V.")
    #expect(try owner.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "kollegin@treff.example")]).status == 303)
    let colleague = server.client()
    #expect(try colleague.accept(invitation: try #require(try server.invitationToken(to: "kollegin@treff.example")), email: "kollegin@treff.example").status == 303)
    var fields = roomFields(title: "Saal „Große Freiheit“").filter { !$0.0.hasPrefix("hours_") && $0.0 != "booking_mode" && $0.0 != "max_minutes" }
    fields += Weekday.allCases.map { ("hours_" + $0.key, "00:00-24:00") } + [("booking_mode", "request"), ("max_minutes", "480")]
    #expect(try owner.submit("/rooms/new", to: "/rooms", fields).status == 303)
    try server.database.pool.write { try $0.execute(sql: "UPDATE room SET status = 'published'") }
    return (owner, colleague)
}

private func book(_ client: TestClient, date: String, start: String = "10:00", end: String = "12:00", repeats: String = "0") throws -> TestResponse {
    try client.submit("/rooms/1", to: "/rooms/1/bookings", [("date", date), ("start", start), ("end", end), ("attendees", "5"),
                                                           ("purpose", "Probe"), ("repeat_weeks", repeats)])
}

/// Polls until `condition` holds (the sender runs on its own thread).
private func eventually(_ seconds: Double = 10, _ condition: () throws -> Bool) throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
}

/// A transport that fails as told, then accepts, counting deliveries.
private final class ScriptedTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [MailDeliveryError]
    private(set) var delivered: [MailMessage] = []

    init(failures: [MailDeliveryError] = []) {
        self.failures = failures
    }

    func deliver(_ message: MailMessage) throws(MailDeliveryError) {
        lock.lock()
        defer { lock.unlock() }
        if !failures.isEmpty { throw failures.removeFirst() }
        delivered.append(message)
    }
}

private func sender(_ server: TestServer, _ transport: any MailTransport, retry: RetrySchedule = RetrySchedule()) throws -> MailSender {
    var settings = MailSettings()
    settings.retry = retry
    settings.from = "Raumbörse Lübeck <noreply@raumboerse.example>"
    let sender = try MailSender(database: server.database, renderer: try MailRenderer(pages: try PageRenderer(directory: server.app.configuration.templatesDirectory)),
                                transport: transport, settings: settings, logger: .init(label: "test"))
    sender.setBaseURL("https://raumboerse.example")
    return sender
}

@Suite("E-mail: outbox, preferences, sender, SMTP client, password reset")
struct MailTests {
    @Test("each change queues its messages in its own transaction, to the right people; a refused change queues nothing")
    func enqueueing() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let (owner, _) = try ownersWithRoom(server)
        #expect(try outbox(server) == [Queued(kind: "invitation", recipient: "kollegin@treff.example")])
        let invitation = try payload(server, 1)
        #expect(Set(invitation.values.keys) == ["organisation", "inviter_name", "token", "expires_at"])
        #expect(invitation.values["organisation"] == "Stadtteiltreff Süd e.V." && invitation.values["inviter_name"] == "Jürgen Köhler")
        #expect(try owner.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "kollegin@treff.example")]).status == 422)
        #expect(try outbox(server).count == 1, "inviting a member again sends nothing")

        let first = server.client(), second = server.client()
        try first.register(email: "a@chor.example", name: "Anna Weiß", organisation: "Chor e.V.")
        try second.register(email: "b@chor.example")
        #expect(try book(first, date: dateAhead(9)).status == 303)
        #expect(try book(second, date: dateAhead(9), start: "11:00", end: "13:00").status == 303)
        #expect(try outbox(server).dropFirst() == [
            Queued(kind: "booking_requested", recipient: "owner@treff.example"), Queued(kind: "booking_requested", recipient: "kollegin@treff.example"),
            Queued(kind: "booking_requested", recipient: "owner@treff.example"), Queued(kind: "booking_requested", recipient: "kollegin@treff.example"),
        ])
        let request = try payload(server, 2)
        #expect(request.values["room_title"] == "Saal „Große Freiheit“" && request.values["booker_name"] == "Anna Weiß" && request.values["booking_id"] == "1")
        #expect(request.times.count == 1 && request.times[0].end - request.times[0].start == 7200)

        // Confirming tells the booker and declines the overlapping request, telling its booker.
        #expect(try owner.submit("/bookings/1", to: "/bookings/1/confirm", []).status == 303)
        #expect(try outbox(server).suffix(2) == [Queued(kind: "booking_confirmed", recipient: "a@chor.example"),
                                                 Queued(kind: "booking_declined", recipient: "b@chor.example")])
        #expect(try payload(server, 7).values["reason"] == BookingReason.otherRequestConfirmed)
        // A booking the database refuses (409) leaves no message behind.
        let before = try outbox(server).count
        try server.database.pool.write { try $0.execute(sql: "UPDATE room SET bookingMode = 'instant'") }
        #expect(try book(second, date: dateAhead(9), start: "10:30", end: "11:30").status == 409)
        #expect(try outbox(server).count == before)

        // A cancellation by the booker goes to the room's organisation.
        #expect(try first.submit("/bookings/1", to: "/bookings/1/cancel", [("reason", "Krank")]).status == 303)
        #expect(try outbox(server).suffix(2) == [Queued(kind: "booking_cancelled", recipient: "owner@treff.example"),
                                                 Queued(kind: "booking_cancelled", recipient: "kollegin@treff.example")])
        #expect(try payload(server, 9).values["by_booker"] == "1" && payload(server, 9).values["reason"] == "Krank")

        // A series is one message with every date; cancelling it by the owner is one message to the booker.
        #expect(try book(first, date: dateAhead(20), repeats: "2").status == 303)
        #expect(try outbox(server).suffix(3) == [Queued(kind: "series_created", recipient: "owner@treff.example"),
                                                 Queued(kind: "series_created", recipient: "kollegin@treff.example"),
                                                 Queued(kind: "booking_confirmed", recipient: "a@chor.example")],
                "an instant booking is confirmed to the booker in writing, every date in one message")
        #expect(try payload(server, 11).times.count == 3 && payload(server, 11).values["confirmed"] == "1")
        let toBooker = try #require(try server.database.outboxMessages(failed: false, limit: 1000).last)
        #expect(toBooker.payload.times.count == 3)
        let renderer = try MailRenderer(pages: try PageRenderer(directory: server.app.configuration.templatesDirectory))
        let written = try renderer.render(toBooker, baseURL: "https://raumboerse.example")
        #expect(written.text.components(separatedBy: "\n").filter { $0.hasPrefix("- ") }.count == 3)
        // Each side's mail answers to the other side: the booker to the room's organisation and back.
        #expect(toBooker.payload.values["reply_to"] == "owner@treff.example", "the organisation gave no contact address: its manager's")
        #expect(written.text.contains("Eine Antwort darauf geht an owner@treff.example."))
        #expect(try payload(server, 11).values["reply_to"] == "a@chor.example")
        let seriesBooking = try server.database.pool.read { try Int.fetchOne($0, sql: "SELECT max(id) FROM booking") }!
        #expect(try owner.submit("/bookings/\(seriesBooking)", to: "/bookings/\(seriesBooking)/cancel", [("reason", "Umbau"), ("series", "1")]).status == 303)
        #expect(try outbox(server).suffix(1) == [Queued(kind: "booking_cancelled", recipient: "a@chor.example")])
        #expect(try payload(server, 12).times.count == 3 && payload(server, 12).values["by_booker"] == nil)

        // Sent: each booking mail answers to the other side.
        let transport = ScriptedTransport()
        _ = try sender(server, transport).runOnce(now: Int64(Date().timeIntervalSince1970))
        let series = try #require(transport.delivered.first { $0.to.address == "owner@treff.example" && $0.subject.hasPrefix("Neue Serienbuchung") })
        #expect(series.replyTo?.address == "a@chor.example", "the owner answers the booker directly")
        #expect(transport.delivered.filter { $0.subject.hasPrefix("Einladung") }.allSatisfy { $0.replyTo == nil }, "nobody to answer")
    }

    @Test("moderation decisions go to the organisation's members once per change of status; archiving tells the bookers")
    func moderationAndArchive() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let (owner, _) = try ownersWithRoom(server)
        try server.database.pool.write { try $0.execute(sql: "UPDATE room SET status = 'pending'") }
        let moderator = try server.moderatorClient()
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", []).status == 303)
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/approve", []).status == 303)
        #expect(try moderator.submit("/moderation", to: "/moderation/rooms/1/unpublish", [("reason", "Beschwerden über Lärm")]).status == 303)
        #expect(try outbox(server).dropFirst() == [
            Queued(kind: "room_approved", recipient: "owner@treff.example"), Queued(kind: "room_approved", recipient: "kollegin@treff.example"),
            Queued(kind: "room_unpublished", recipient: "owner@treff.example"), Queued(kind: "room_unpublished", recipient: "kollegin@treff.example"),
        ])
        #expect(try payload(server, 4).values["reason"] == "Beschwerden über Lärm")

        try server.database.pool.write { try $0.execute(sql: "UPDATE room SET status = 'published'") }
        let booker = server.client()
        try booker.register(email: "a@chor.example")
        #expect(try book(booker, date: dateAhead(5)).status == 303)
        #expect(try owner.submit("/rooms/1/edit", to: "/rooms/1/archive", [("confirm", "1")]).status == 303)
        #expect(try outbox(server).suffix(1) == [Queued(kind: "booking_cancelled", recipient: "a@chor.example")])
        #expect(try payload(server, 8).values["reason"] == BookingReason.roomArchived)
    }

    @Test("the account page switches kinds of mail off and on; switched-off kinds are not queued")
    func preferences() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let (_, colleague) = try ownersWithRoom(server)
        let page = try colleague.get("/my/account")
        #expect(page.text.contains("id=\"benachrichtigungen\""))
        for topic in MailTopic.allCases { #expect(page.text.contains("name=\"mail_\(topic.rawValue)\" type=\"checkbox\" value=\"1\" checked")) }
        let saved = try colleague.submit("/my/account", [("action", "mail"), ("mail_booking_changes", "1")])
        #expect(saved.status == 303)
        #expect(saved.header("Location") == "/my/account?saved=mail#benachrichtigungen")
        let after = try colleague.get("/my/account")
        #expect(after.text.contains("name=\"mail_booking_requests\" type=\"checkbox\" value=\"1\">"))
        #expect(after.text.contains("name=\"mail_booking_changes\" type=\"checkbox\" value=\"1\" checked"))
        #expect(try server.client().post("/my/account", form: [("action", "mail")]).status == 403, "CSRF-protected like the other forms")

        let booker = server.client()
        try booker.register(email: "a@chor.example")
        #expect(try book(booker, date: dateAhead(6)).status == 303)
        #expect(try outbox(server).suffix(1) == [Queued(kind: "booking_requested", recipient: "owner@treff.example")])
    }

    @Test("a reminder is queued once per booking a day ahead, only for bookings confirmed before that")
    func reminders() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        _ = try ownersWithRoom(server)
        let booker = server.client()
        try booker.register(email: "a@chor.example")
        let user = try #require(try server.database.credentials(email: "a@chor.example")).user
        let start: Int64 = 2_000_000_000
        try server.database.pool.write { db in
            for (offset, updated) in [(0, start - 3 * 86400), (7200, start - 3600)] as [(Int64, Int64)] {
                try db.execute(sql: """
                    INSERT INTO booking (roomId, bookerUserId, startsAt, endsAt, attendees, status, createdAt, updatedAt)
                    VALUES (1, ?, ?, ?, 4, 'confirmed', ?, ?)
                    """, arguments: [user.id.rawValue, start + offset, start + offset + 3600, updated, updated])
            }
        }
        let queued = try outbox(server).count
        #expect(try server.database.enqueueReminders(now: start - 2 * 86400) == 0, "too early")
        #expect(try server.database.enqueueReminders(now: start - 86400 + 60) == 1)
        #expect(try server.database.enqueueReminders(now: start - 3600) == 0, "already queued; the other was confirmed too late")
        #expect(try outbox(server).dropFirst(queued) == [Queued(kind: "booking_reminder", recipient: "a@chor.example")])
        #expect(try payload(server, queued + 1).values["address"] == "Lindenplatz 3, 23554 Lübeck")
        try server.database.setMailPreferences(of: user.id, [.bookingReminders: false])
        try server.database.pool.write { try $0.execute(sql: "DELETE FROM outboxMessage WHERE kind = 'booking_reminder'") }
        #expect(try server.database.enqueueReminders(now: start - 86400 + 60) == 0, "switched off")
    }

    @Test("the file transport: one .eml per message with a decoded subject, links from the base URL, marked sent; reset links erased after sending")
    func fileTransport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rb-outbox-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try TestServer(demo: false) { configuration in
            configuration.mail.transport = .file(directory: directory)
            configuration.mail.pollInterval = 0.05
            configuration.mail.baseURL = "https://raumboerse.example/"
        }
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example", name: "Jürgen Köhler", organisation: "Stadtteiltreff Süd e.V.")
        #expect(try owner.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "neu@treff.example")]).status == 303)
        #expect(try server.client().submit("/password-reset", [("email", "owner@treff.example")]).status == 303)
        #expect(try eventually { try server.database.outboxCounts().sent == 2 })
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files.count == 2 && files.allSatisfy { $0.hasPrefix("rb.") && $0.hasSuffix("_localhost.eml") }, "named after the Message-ID")
        let texts = try files.map { try String(contentsOfFile: directory + "/" + $0, encoding: .utf8) }
        let invitation = try #require(texts.first { $0.contains("To: neu@treff.example") })
        let subject = try #require(invitation.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
            .components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        #expect(EncodedWord.decode(String(subject.dropFirst(9))) == "Einladung in die Raumbörse Lübeck", "no text of the inviter's choosing in the subject")
        let invitationLink = try #require(String(decoding: QuotedPrintable.decode(invitation), as: UTF8.self).components(separatedBy: "\r\n")
            .first { $0.hasPrefix("https://raumboerse.example/register?invitation=") })
        let invitationToken = String(invitationLink.dropFirst("https://raumboerse.example/register?invitation=".count))
        #expect(try server.client().get("/register?invitation=" + invitationToken).text.contains("Stadtteiltreff Süd e.V."))
        #expect(try server.database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT payload || coalesce(textBody, '') || coalesce(htmlBody, '') FROM outboxMessage WHERE kind = 'invitation'")
        }?.contains(invitationToken) == false, "the invitation link is not kept once sent")
        let reset = try #require(texts.first { $0.contains("To: =?UTF-8?Q?J=C3=BCrgen_K=C3=B6hler?= <owner@treff.example>") })
        #expect(!reset.contains("List-Unsubscribe"))
        let link = try #require(String(decoding: QuotedPrintable.decode(reset), as: UTF8.self).components(separatedBy: "\r\n")
            .first { $0.hasPrefix("https://raumboerse.example/password-reset/") })
        let token = String(link.dropFirst("https://raumboerse.example/password-reset/".count))
        #expect(try server.client().get("/password-reset/" + token).status == 200)
        let stored = try server.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT payload, textBody, htmlBody, subject, sentAt FROM outboxMessage WHERE kind = 'password_reset'")
        }
        #expect(!(stored?[0] as String? ?? token).contains(token) && (stored?[1] as String?) == nil && (stored?[2] as String?) == nil,
                "the link is not kept once sent")
        #expect((stored?[3] as String?) == "Passwort zurücksetzen – Raumbörse Lübeck" && (stored?[4] as Int64?) != nil)
    }

    @Test("the sender: a temporary failure is retried after the backoff, a permanent one is failed, an old message is given up; sent once")
    func senderOutcomes() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        try owner.register(email: "owner@treff.example")
        for address in ["spaeter@verein.example", "kaputt@verein.example"] {
            #expect(try owner.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", address)]).status == 303)
        }
        let transport = ScriptedTransport(failures: [.temporary("451 4.3.0 später"), .permanent("550 5.1.1 unbekannt")])
        let mailer = try sender(server, transport, retry: RetrySchedule(base: 1, cap: 1, giveUpAfter: 3600))
        let now = Int64(Date().timeIntervalSince1970)
        #expect(try mailer.runOnce(now: now) == 0)
        let pending = try server.database.outboxMessages(failed: false)
        try #require(pending.count == 1)
        #expect(pending.count == 1 && pending[0].recipient == "spaeter@verein.example" && pending[0].attempts == 1 && pending[0].lastError == "451 4.3.0 später")
        #expect(pending[0].nextAttemptAt >= now + 1 && pending[0].nextAttemptAt <= now + 2)
        #expect(pending[0].subject?.hasPrefix("Einladung") == true, "rendered once and kept")
        let failed = try server.database.outboxMessages(failed: true)
        try #require(failed.count == 1)
        #expect(failed.count == 1 && failed[0].recipient == "kaputt@verein.example" && failed[0].lastError == "550 5.1.1 unbekannt")
        #expect(try mailer.runOnce(now: now) == 0, "not due yet")
        Thread.sleep(forTimeInterval: 2.1)
        #expect(try mailer.runOnce(now: now + 3) == 1)
        #expect(try mailer.runOnce(now: now + 3) == 0, "sent once")
        #expect(transport.delivered.map(\.to.address) == ["spaeter@verein.example"])
        #expect(transport.delivered[0].messageID.hasSuffix("@raumboerse.example"))
        #expect(transport.delivered[0].extraHeaders.contains { $0.name == "Auto-Submitted" })
        #expect(try server.database.outboxCounts() == (pending: 0, sent: 1, failed: 1))

        // A message queued longer ago than the give-up time is failed without an attempt.
        #expect(try owner.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "alt@verein.example")]).status == 303)
        try server.database.pool.write { try $0.execute(sql: "UPDATE outboxMessage SET createdAt = createdAt - 7200 WHERE recipient = 'alt@verein.example'") }
        #expect(try mailer.runOnce(now: Int64(Date().timeIntervalSince1970)) == 0)
        #expect(transport.delivered.count == 1)
        #expect(try server.database.outboxMessages(failed: true).first?.lastError?.hasPrefix("nicht zugestellt: älter als 1 h") == true)

        // The admins see the failed ones.
        _ = try server.database.createUser(email: "admin@luebeck.example", name: "Ad Min", role: .admin, passwordHash: try PasswordHasher(logN: 10).hash("admin-passwort-123"))
        let admin = server.client()
        try admin.signIn(email: "admin@luebeck.example", password: "admin-passwort-123")
        let page = try admin.get("/admin/mail")
        #expect(page.status == 200 && page.text.contains("kaputt@verein.example") && page.text.contains("550 5.1.1 unbekannt"))
        #expect(try owner.get("/admin/mail").status == 403)
    }

    @Test("password reset: same answer for any address, single-use token stored hashed, expiry, all sessions end, at most 3 an hour")
    func passwordReset() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let signedIn = server.client()
        try signedIn.register(email: "erika@verein.example")
        let visitor = server.client()
        let known = try visitor.submit("/password-reset", [("email", "Erika@verein.example")])
        let unknown = try visitor.submit("/password-reset", [("email", "niemand@verein.example")])
        #expect(known.status == 303 && unknown.status == 303 && known.header("Location") == unknown.header("Location"))
        #expect(try visitor.submit("/password-reset", [("email", "kaputt")]).status == 422)
        #expect(try outbox(server) == [Queued(kind: "password_reset", recipient: "erika@verein.example")])
        let token = try #require(try payload(server, 1).values["token"])
        let stored = try server.database.pool.read { try Data.fetchAll($0, sql: "SELECT tokenHash FROM passwordReset") }
        #expect(stored == [Data(Tokens.sha256(token))], "only the hash is stored")

        #expect(try visitor.get("/password-reset/\(token)").status == 200)
        #expect(try visitor.submit("/password-reset/\(token)", [("password", "kurz")]).status == 422)
        #expect(try visitor.submit("/password-reset/\(token)", [("password", "passwort123")]).status == 422, "same rules as registration")
        let done = try visitor.submit("/password-reset/\(token)", [("password", "ein ganz neues Passwort")])
        #expect(done.status == 303 && done.header("Location") == "/login?reset=1")
        #expect(try signedIn.get("/my").status == 303, "every session ended")
        #expect(try server.client().signIn(email: "erika@verein.example", password: "ein ganz neues Passwort").status == 303)
        #expect(try visitor.get("/password-reset/\(token)").status == 410)
        #expect(try visitor.submit("/password-reset", to: "/password-reset/\(token)", [("password", "noch ein neues Passwort")]).status == 410)
        #expect(try visitor.get("/password-reset/" + String(repeating: "x", count: 43)).status == 404)

        for _ in 0..<4 { _ = try visitor.submit("/password-reset", [("email", "erika@verein.example")]) }
        #expect(try server.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM passwordReset") } == 3, "three an hour")
        let latest = try #require(try server.database.outboxMessages(failed: false).last?.payload.values["token"])
        try server.database.pool.write { try $0.execute(sql: "UPDATE passwordReset SET expiresAt = createdAt - 1, createdAt = createdAt - 3600") }
        #expect(try visitor.get("/password-reset/\(latest)").status == 410)
        #expect(try server.database.pool.read { try String.fetchAll($0, sql: "SELECT action FROM auditEntry") } == ["user.password_reset"])
    }

    @Test("each message is written in its recipient's language: subject, text and HTML part, dates in that language's format")
    func recipientLanguage() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        // A German owner, a colleague who switched to English, and a booker who registered in English.
        let (owner, colleague) = try ownersWithRoom(server)
        #expect(try colleague.submit("/my/account", [("action", "language"), ("language", "en")]).status == 303)
        let booker = server.client()
        _ = try booker.get("/register?lang=en")
        try booker.register(email: "anna@chor.example", name: "Anna Weiß", organisation: "Chor e.V.")
        let day = BerlinTime.today().adding(days: 9)
        #expect(try book(booker, date: day.description).status == 303)
        #expect(try owner.submit("/bookings/1", to: "/bookings/1/confirm", []).status == 303)

        let messages = try server.database.outboxMessages(failed: false)
        func message(_ kind: String, to recipient: String) throws -> OutboxMessage {
            try #require(messages.first { $0.kind == kind && $0.recipient == recipient }, "\(kind) to \(recipient)")
        }
        let toOwner = try message("booking_requested", to: "owner@treff.example")
        let toColleague = try message("booking_requested", to: "kollegin@treff.example")
        let toBooker = try message("booking_confirmed", to: "anna@chor.example")
        #expect(toOwner.language == .de && toColleague.language == .en && toBooker.language == .en)
        let invitation = try message("invitation", to: "kollegin@treff.example")
        #expect(invitation.language == .de, "the German inviter's language")

        // The dates as each language writes them, spelt out here rather than taken from the catalogue.
        let weekday = BerlinTime.weekday(day).rawValue
        let english = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday] + " \(day.day) "
            + ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.month - 1] + " \(day.year), 10:00–12:00"
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        let german = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."][weekday] + ", \(two(day.day)).\(two(day.month)).\(day.year), 10:00–12:00 Uhr"

        let renderer = try MailRenderer(pages: try PageRenderer(directory: server.app.configuration.templatesDirectory))
        let de = try renderer.render(toOwner, baseURL: "https://raumboerse.example")
        #expect(de.subject == "Neue Buchungsanfrage: Saal „Große Freiheit“")
        #expect(de.text.hasPrefix("Guten Tag Jürgen Köhler,\n\nfür Ihren Raum „Saal „Große Freiheit““ gibt es eine neue Buchungsanfrage."))
        #expect(de.text.contains("Wann: " + german + "\n"))
        #expect(de.html.contains("<html lang=\"de\">") && de.html.contains("<strong>Wann:</strong> " + german))

        let en = try renderer.render(toColleague, baseURL: "https://raumboerse.example")
        #expect(en.subject == "New booking request: Saal „Große Freiheit“")
        #expect(en.text.hasPrefix("Hello Kim Kollegin,\n\nThere is a new booking request for your room “Saal „Große Freiheit“”. Please confirm or decline it."))
        #expect(en.text.contains("When: " + english + "\n") && en.text.contains("Who: Anna Weiß (Chor e.V.)\n"))
        #expect(en.text.contains("View the booking: https://raumboerse.example/bookings/1"))
        #expect(en.text.contains("You can choose which emails you get from us here:\nhttps://raumboerse.example/my/account#benachrichtigungen"))
        #expect(en.html.contains("<html lang=\"en\">") && en.html.contains("<strong>When:</strong> " + english))
        #expect(en.html.contains("<title>New booking request: Saal „Große Freiheit“</title>"))
        for part in [en.subject, en.text, en.html] {
            #expect(!part.contains("Guten Tag") && !part.contains("Wann") && !part.contains("Uhr") && !part.contains("Buchung"), "no German in \(part)")
        }

        let confirmed = try renderer.render(toBooker, baseURL: "https://raumboerse.example")
        #expect(confirmed.subject == "Booking confirmed: Saal „Große Freiheit“")
        #expect(confirmed.text.contains("Hello Anna Weiß,\n\nYour booking of the room “Saal „Große Freiheit“” (Stadtteiltreff Süd e.V.) is confirmed."))
        #expect(confirmed.text.contains("When: " + english + "\nPeople: 5\n"))
        #expect(confirmed.html.contains("The room, with its address and house rules</a>"))
    }

    @Test("invitations are written in the inviter's language, password resets in the account's")
    func invitationAndResetLanguage() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let owner = server.client()
        _ = try owner.get("/register?lang=en")
        try owner.register(email: "owner@treff.example", name: "Jürgen Köhler", organisation: "Stadtteiltreff Süd e.V.")
        #expect(try owner.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "neu@treff.example")]).status == 303)
        let german = server.client()
        try german.register(email: "erika@verein.example")
        for email in ["owner@treff.example", "erika@verein.example"] {
            #expect(try server.client().submit("/password-reset", [("email", email)]).status == 303)
        }
        let messages = try server.database.outboxMessages(failed: false)
        #expect(messages.map { "\($0.kind) \($0.recipient) \($0.language.rawValue)" } == [
            "invitation neu@treff.example en", "password_reset owner@treff.example en", "password_reset erika@verein.example de",
        ])
        let renderer = try MailRenderer(pages: try PageRenderer(directory: server.app.configuration.templatesDirectory))
        let invitation = try renderer.render(messages[0], baseURL: "https://raumboerse.example")
        #expect(invitation.subject == "Invitation to the Raumbörse Lübeck")
        #expect(invitation.text.hasPrefix("Hello,\n\nJürgen Köhler invites you to join the organisation “Stadtteiltreff Süd e.V.”"))
        #expect(invitation.text.contains("you will then belong to “Stadtteiltreff Süd e.V.” straight away:\n\nhttps://raumboerse.example/register?invitation="))
        #expect(invitation.text.contains("ask Jürgen Köhler for a new invitation"))
        #expect(!invitation.text.contains("benachrichtigungen"), "an invitation cannot be switched off")
        let english = try renderer.render(messages[1], baseURL: "https://raumboerse.example")
        #expect(english.subject == "Reset your password – Raumbörse Lübeck")
        // `The link is valid until 14 Jan 2027, 18:03 and works only once.`
        let validity = try #require(english.text.components(separatedBy: "\n").first { $0.hasPrefix("The link is valid until ") })
        #expect(validity.range(of: #"^The link is valid until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} and works only once\.$"#,
                                options: .regularExpression) != nil, "\(validity)")
        #expect(english.html.contains("Set a new password</a>"))
        let deutsch = try renderer.render(messages[2], baseURL: "https://raumboerse.example")
        #expect(deutsch.subject == "Passwort zurücksetzen – Raumbörse Lübeck")
        let gueltig = try #require(deutsch.text.components(separatedBy: "\n").first { $0.hasPrefix("Der Link ist bis ") })
        #expect(gueltig.range(of: #"^Der Link ist bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr gültig und funktioniert nur einmal\.$"#,
                              options: .regularExpression) != nil, "\(gueltig)")
    }

    @Test("SMTP client: EHLO, AUTH PLAIN, MAIL, RCPT, dot-stuffed DATA and QUIT against a scripted server; 4xx temporary, 5xx permanent")
    func smtpClient() throws {
        let message = MailMessage(from: MailAddress(address: "noreply@raumboerse.example")!, to: MailAddress(address: "erika@verein.example")!,
                                  subject: "Prüfung", date: Date(), messageID: "rb.1@raumboerse.example", textBody: ".versteckt\nzweite Zeile", htmlBody: "<p>.</p>")
        let accepted = try ScriptedSMTPServer(replies: [:])
        try SMTPTransport(host: "127.0.0.1", port: accepted.port, username: "rb@x", password: "ge:heim", timeout: 5).deliver(message)
        let commands = accepted.finish()
        #expect(commands.count == 6 && zip(commands, ["EHLO ", "AUTH PLAIN ", "MAIL FROM:", "RCPT TO:", "DATA", "QUIT"]).allSatisfy { $0.hasPrefix($1) })
        #expect(commands[1] == "AUTH PLAIN " + Data("\0rb@x\0ge:heim".utf8).base64EncodedString())
        #expect(commands[2] == "MAIL FROM:<noreply@raumboerse.example>" && commands[3] == "RCPT TO:<erika@verein.example>")
        let data = try #require(accepted.data)
        #expect(data.contains("\r\n..versteckt\r\n"), "a leading dot is doubled on the wire")
        #expect(data.hasSuffix("\r\n.\r\n"))
        #expect(commands.last == "QUIT")

        let deferred = try ScriptedSMTPServer(replies: ["RCPT": "451 4.7.1 Greylisted, try again later"])
        #expect(throws: MailDeliveryError.temporary("RCPT TO: 451 4.7.1 Greylisted, try again later")) {
            try SMTPTransport(host: "127.0.0.1", port: deferred.port, timeout: 5).deliver(message)
        }
        _ = deferred.finish()
        let refused = try ScriptedSMTPServer(replies: ["DATA-END": "554 5.7.1 Message rejected as spam"])
        #expect(throws: MailDeliveryError.permanent("end of DATA: 554 5.7.1 Message rejected as spam")) {
            try SMTPTransport(host: "127.0.0.1", port: refused.port, timeout: 5).deliver(message)
        }
        _ = refused.finish()
        // After the final 250 nothing can make the message fail: the server hangs up instead of answering QUIT.
        let rude = try ScriptedSMTPServer(replies: ["QUIT": ""])
        try SMTPTransport(host: "127.0.0.1", port: rude.port, timeout: 5).deliver(message)
        _ = rude.finish()
        let silent = try ScriptedSMTPServer(replies: ["GREETING": "-"])
        do {
            try SMTPTransport(host: "127.0.0.1", port: silent.port, timeout: 0.5).deliver(message)
            Issue.record("a silent server must time out")
        } catch {
            #expect(error.kind == .temporary)
        }
        _ = silent.finish()
        let closedPort = silent.port
        do {
            try SMTPTransport(host: "127.0.0.1", port: closedPort, timeout: 2).deliver(message)
            Issue.record("nothing listens there")
        } catch {
            #expect(error.kind == .temporary && error.message.contains("refused"))
        }
    }
}

/// One SMTP session on a loopback port with canned replies: 250 to everything
/// (a multi-line EHLO reply, 235 to AUTH, 354 to DATA) unless `replies` says
/// otherwise for a verb, `DATA-END` or `GREETING` ("-": say nothing; "": hang up).
private final class ScriptedSMTPServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let replies: [String: String]
    private let done = DispatchSemaphore(value: 0)
    private var commands: [String] = []
    private(set) var data: String?

    init(replies: [String: String]) throws {
        self.replies = replies
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 1) == 0 else { throw MailDeliveryError.temporary("the scripted server cannot listen") }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in serve() }.start()
    }

    /// Waits for the session to end and closes the port; returns the commands seen.
    func finish() -> [String] {
        _ = done.wait(timeout: .now() + 10)
        close(listener)
        return commands
    }

    private func serve() {
        defer { done.signal() }
        let fd = accept(listener, nil, nil)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var buffer: [UInt8] = []
        func send(_ line: String) { _ = line.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        func readLine() -> String? {
            while true {
                if let end = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .newlines)
                    buffer.removeFirst(end + 1)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = recv(fd, &chunk, chunk.count, 0)
                if n <= 0 { return nil }
                buffer += chunk[..<n]
            }
        }
        func reply(_ key: String, _ normal: String) -> Bool {
            let text = replies[key] ?? normal
            if text == "-" { Thread.sleep(forTimeInterval: 1.5); return false }
            if text.isEmpty { return false }
            send(text + "\r\n")
            return true
        }
        guard reply("GREETING", "220 scripted.example ESMTP") else { return }
        while let line = readLine() {
            commands.append(line)
            let verb = String(line.prefix { $0 != " " && $0 != ":" }).uppercased()
            switch verb {
            case "EHLO": guard reply("EHLO", "250-scripted.example\r\n250-AUTH PLAIN\r\n250 8BITMIME") else { return }
            case "AUTH": guard reply("AUTH", "235 2.7.0 Authentication successful") else { return }
            case "DATA":
                guard reply("DATA", "354 End data with <CR><LF>.<CR><LF>") else { return }
                var lines: [String] = []
                while let dataLine = readLine(), dataLine != "." { lines.append(dataLine) }
                data = lines.joined(separator: "\r\n") + "\r\n.\r\n"
                guard reply("DATA-END", "250 2.0.0 Ok: queued") else { return }
            case "QUIT":
                _ = reply("QUIT", "221 2.0.0 Bye")
                return
            default: guard reply(verb, "250 2.1.0 Ok") else { return }
            }
        }
    }
}
