import Foundation
import GRDB
import Mail
import RoomExchange
@testable import Storage
import Synchronization
import Testing
import TestSupport
@testable import Web

/// Log lines written by the server under test.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    /// The log once it contains `marker`: lines are written after the response.
    func waitFor(_ marker: String) throws -> String {
        for _ in 0..<100 where !text.contains(marker) { Thread.sleep(forTimeInterval: 0.01) }
        return text
    }
}

@Suite("Operations: backups, metrics, logs, proxies")
struct OperationsTests {
    @Test("a backup taken during a booking load passes the checks, holds every booking confirmed before it began, and restores to the same pages")
    func backupDuringLoad() async throws {
        let server = try TestServer(demo: true) { $0.server.workerThreads = 6 }
        defer { server.stop() }
        // Demo rooms 1…60 are published; book distinct slots of the first room that has long opening hours.
        try await server.database.pool.write { db in
            try db.execute(sql: "DELETE FROM openingSpan WHERE roomId = 1")
            for day in 0..<7 { try db.execute(sql: "INSERT INTO openingSpan VALUES (1, ?, 0, 1440)", arguments: [day]) }
            try db.execute(sql: "UPDATE room SET maxMinutes = 1440, leadHours = 0, capacity = 100 WHERE id = 1")
            // The demo's own bookings of the room lie on days relative to today; on some days
            // one of them took a slot below (found on a Saturday).
            try db.execute(sql: "UPDATE booking SET status = 'cancelled' WHERE roomId = 1")
        }
        var clients: [(TestClient, String)] = []
        for index in 0..<4 {
            let client = server.client()
            try client.register(email: "load\(index)@verein.example")
            clients.append((client, TestClient.csrfToken(in: try client.get("/rooms/1"))!))
        }
        let confirmedBefore = try await withThrowingTaskGroup(of: Int.self) { group -> Int in
            for (index, (client, token)) in clients.enumerated() {
                group.addTask {
                    var ok = 0
                    for slot in 0..<12 {
                        let date = BerlinTime.today().adding(days: 2 + slot).description
                        let hour = 8 + index * 2
                        let response = try client.post("/rooms/1/bookings", form: [("date", date), ("start", String(format: "%02d:00", hour)), ("end", String(format: "%02d:00", hour + 1)),
                                                                                   ("attendees", "2"), ("repeat_weeks", "0"), ("csrf_token", token)])
                        if response.status == 303 { ok += 1 }
                    }
                    return ok
                }
            }
            // The backup starts while the clients are booking.
            try await Task.sleep(for: .milliseconds(150))
            let before = try await server.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM booking WHERE status = 'confirmed'") ?? 0 }
            let backup = server.dataDirectory + "-backup"
            defer { try? FileManager.default.removeItem(atPath: backup) }
            try Backup.write(dataDirectory: server.dataDirectory, to: backup)
            #expect(try AppDatabase.verify(path: backup + "/raumboerse.sqlite") == nil)
            let copied = try AppDatabase(path: backup + "/raumboerse.sqlite", migrate: false)
                .operationalStatistics().bookingsByStatus["confirmed"] ?? 0
            #expect(copied >= before)
            #expect(throws: Backup.Failure.self) { try Backup.restore(from: backup, into: server.dataDirectory) }
            let restoredDirectory = server.dataDirectory + "-restored"
            defer { try? FileManager.default.removeItem(atPath: restoredDirectory) }
            try Backup.restore(from: backup, into: restoredDirectory)
            let restored = try TestServer(demo: false) { $0.dataDirectory = restoredDirectory }
            defer { restored.stop() }
            for path in ["/rooms?district=moisling", "/rooms/5", "/organisations/3"] {
                #expect(try restored.client().get(path).text == (try server.client().get(path)).text.replacingOccurrences(of: "\n", with: "\n"), "\(path)")
            }
            return try await group.reduce(0, +)
        }
        #expect(confirmedBefore == 48)
    }

    @Test("/metrics answers loopback in the Prometheus format and nobody else")
    func metrics() throws {
        let server = try TestServer()
        defer { server.stop() }
        _ = try server.client().get("/rooms/1")
        _ = try server.client().get("/rooms/9999")
        // Requests are counted after their response is written, each on its own thread: wait until both are in.
        var metrics = try server.client().get("/metrics")
        for _ in 0..<250 where !(metrics.text.contains("status=\"404\"} 1") && metrics.text.contains("status=\"200\"} 1")) {
            Thread.sleep(forTimeInterval: 0.02)
            metrics = try server.client().get("/metrics")
        }
        #expect(metrics.text.contains("raumboerse_http_requests_total{route=\"/rooms/:id\",method=\"GET\",status=\"200\"} 1"))
        #expect(metrics.text.contains("raumboerse_http_requests_total{route=\"/rooms/:id\",method=\"GET\",status=\"404\"} 1"))
        #expect(metrics.text.contains("raumboerse_http_request_duration_seconds_count"))
        #expect(metrics.text.contains("raumboerse_bookings{status=\"confirmed\"}"))
        let open = metrics.text.firstMatch(of: try Regex("raumboerse_open_connections ([0-9]+)"))?.output[1].substring.flatMap { Int($0) }
        #expect(open.map { $0 >= 1 } == true, "at least the scraping connection")
        let closed = try TestServer(demo: false) { $0.metricsAllowedAddresses = ["10.9.9.9"] }
        defer { closed.stop() }
        #expect(try closed.client().get("/metrics").status == 404)
    }

    @Test("X-Forwarded-For and -Proto count only from a trusted proxy; every answer has a request id")
    func forwardedHeaders() throws {
        let trustedLog = CapturedLog(), untrustedLog = CapturedLog()
        let trusted = try TestServer(demo: false) { $0.trustedProxies = ["127.0.0.1"]; $0.accessLog = true; $0.logWriter = trustedLog.append }
        let untrusted = try TestServer(demo: false) { $0.accessLog = true; $0.logWriter = untrustedLog.append }
        defer { trusted.stop(); untrusted.stop() }
        let headers = [("X-Forwarded-For", "198.51.100.7, 203.0.113.9"), ("X-Forwarded-Proto", "https"), ("X-Request-Id", "abc-123")]
        let a = try trusted.client().get("/login", headers: headers)
        let b = try untrusted.client().get("/login", headers: headers)
        #expect(a.header("X-Request-Id") == "abc-123")
        #expect(b.header("X-Request-Id") != "abc-123" && (b.header("X-Request-Id")?.count ?? 0) >= 16)
        #expect(a.headers("Set-Cookie").allSatisfy { $0.contains("Secure") })
        #expect(b.headers("Set-Cookie").allSatisfy { !$0.contains("Secure") })
        #expect(try trustedLog.waitFor("route=/login").contains("client=203.0.113.9"))
        let untrustedText = try untrustedLog.waitFor("route=/login")
        #expect(untrustedText.contains("client=127.0.0.1"))
        #expect(!untrustedText.contains("203.0.113.9"))
    }

    @Test("no password, session cookie, CSRF, calendar or reset token appears in any log line: log in, book, reset the password")
    func noSecretsInLogs() throws {
        let log = CapturedLog()
        let mailDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("rb-log-mail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: mailDirectory) }
        let server = try TestServer(demo: true) { configuration in
            configuration.accessLog = true
            configuration.logWriter = log.append
            configuration.logFormat = .json
            configuration.mail.transport = .file(directory: mailDirectory)
            configuration.mail.pollInterval = 0.05
        }
        defer { server.stop() }
        let client = server.client()
        try server.client().register(email: "geheim@verein.example", password: "mein sehr geheimes Passwort")
        try client.signIn(email: "geheim@verein.example", password: "mein sehr geheimes Passwort")
        let account = try client.get("/my/account")
        let calendar = try #require(account.text.firstMatch(of: try Regex("/my/bookings\\.ics\\?token=([A-Za-z0-9_-]{43})"))).output[1].substring.map(String.init)!
        _ = try client.get("/my/bookings.ics?token=" + calendar)
        let date = BerlinTime.today().adding(days: 9).description
        _ = try client.submit("/rooms/1", to: "/rooms/1/bookings", [("date", date), ("start", "14:00"), ("end", "15:00"), ("attendees", "2"), ("repeat_weeks", "0")])
        // Password reset: the link arrives by mail; using it sets a new password.
        #expect(try server.client().submit("/password-reset", [("email", "geheim@verein.example")]).status == 303)
        var mail = ""
        for _ in 0..<200 where mail.isEmpty {
            Thread.sleep(forTimeInterval: 0.02)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: mailDirectory)) ?? []
            mail = try files.map { try String(contentsOfFile: mailDirectory + "/" + $0, encoding: .utf8) }.first { $0.contains("password-reset/") } ?? ""
        }
        let decoded = String(decoding: QuotedPrintable.decode(mail), as: UTF8.self)
        let reset = try #require(decoded.firstMatch(of: try Regex("/password-reset/([A-Za-z0-9_-]{20,})"))).output[1].substring.map(String.init)!
        let resetter = server.client()
        #expect(try resetter.submit("/password-reset/" + reset, [("password", "ein neues geheimes Passwort")]).status == 303)
        #expect(try server.client().signIn(email: "geheim@verein.example", password: "ein neues geheimes Passwort").status == 303)
        let secrets = ["mein sehr geheimes Passwort", "mein+sehr+geheimes", "ein neues geheimes Passwort", "ein+neues+geheimes",
                       client.cookies["sid"]!, TestClient.csrfToken(in: account)!, calendar, reset]
        let text = try log.waitFor("password-reset/REDACTED")
        #expect(text.contains("token=REDACTED"))
        #expect(text.contains("\"route\":\"\\/rooms\\/:id\\/bookings\""), "the booking request is logged")
        for secret in secrets { #expect(!text.contains(secret), "a secret leaked into the log") }
        #expect(RequestLog.redact("/password-reset/abcdef?x=1") == "/password-reset/REDACTED?x=1")
        #expect(RequestLog.redact("/a?q=1&token=x&csrf_token=y") == "/a?q=1&token=REDACTED&csrf_token=REDACTED")
        #expect(RequestLog.redact("/register?invitation=abc&next=/my") == "/register?invitation=REDACTED&next=/my", "an invitation link is a key")
    }
}
