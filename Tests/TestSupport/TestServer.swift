import DemoData
import Foundation
import Localization
import RoomExchange
import Storage
import Web

/// The real site on an ephemeral port with a fresh data directory, for
/// integration tests. Stopped and deleted by `stop()`.
public final class TestServer: @unchecked Sendable {
    public let app: App
    public let dataDirectory: String
    public var port: Int { app.port }

    /// The repository root, found from this file's path.
    public static let repositoryRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    public init(demo: Bool = true, configure: (inout AppConfiguration) -> Void = { _ in }) throws {
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("raumboerse-test-\(UUID().uuidString)").path
        var configuration = AppConfiguration()
        configuration.port = 0
        configuration.dataDirectory = dataDirectory
        configuration.templatesDirectory = TestServer.repositoryRoot + "/Templates"
        configuration.publicDirectory = TestServer.repositoryRoot + "/Public"
        configuration.accessLog = false
        configuration.server.workerThreads = 4
        configuration.server.spareThreads = 4
        // scrypt at 2^10 keeps tests fast; the production cost is tested on its own.
        configuration.passwordHasher = PasswordHasher(logN: 10)
        configure(&configuration)
        app = try App(configuration: configuration)
        if demo { _ = try DemoLoader.load(into: app.database) }
        try app.start()
    }

    public var database: AppDatabase { app.database }

    /// The link token of the newest invitation mail to `email` still in the outbox.
    public func invitationToken(to email: String) throws -> String? {
        try database.outboxMessages(failed: false, limit: 1000).last { $0.kind == "invitation" && $0.recipient == email }?.payload.values["token"]
    }

    /// A moderator created as `raumboerse user create` would, signed in on a new client.
    public func moderatorClient(email: String = "moderation@luebeck.example") throws -> TestClient {
        _ = try database.createUser(email: email, name: "Mo Derator", role: .moderator, passwordHash: try PasswordHasher(logN: 10).hash("moderations-passwort"))
        let client = client()
        try client.signIn(email: email, password: "moderations-passwort")
        return client
    }

    public func client() -> TestClient { TestClient(port: port) }

    public func stop() {
        app.shutdown()
        app.waitUntilStopped()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

/// A browser-like client: one request per connection, a cookie jar, the CSRF
/// token of the last page it saw.
public final class TestClient: @unchecked Sendable {
    public let port: Int
    public private(set) var cookies: [String: String] = [:]

    public init(port: Int) {
        self.port = port
    }

    @discardableResult
    public func get(_ path: String, headers: [(String, String)] = []) throws -> TestResponse {
        try request("GET", path, headers: headers)
    }

    /// A form POST (`application/x-www-form-urlencoded`).
    @discardableResult
    public func post(_ path: String, form: [(String, String)], headers: [(String, String)] = []) throws -> TestResponse {
        let body = form.map { "\(TestClient.encode($0.0))=\(TestClient.encode($0.1))" }.joined(separator: "&")
        return try request("POST", path, headers: headers + [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))
    }

    public func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> TestResponse {
        let connection = try TestHTTPConnection(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !cookies.isEmpty { head += "Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") + "\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        try connection.send(Array((head + "\r\n").utf8) + body)
        let response = try connection.readResponse(headRequest: method == "HEAD")
        for value in response.headers("Set-Cookie") {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if value.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return response
    }

    /// A `multipart/form-data` POST as a browser sends a file upload.
    @discardableResult
    public func postMultipart(_ path: String, fields: [(String, String)], file: (field: String, filename: String, contentType: String, bytes: [UInt8])?,
                              truncate: Bool = false) throws -> TestResponse {
        let boundary = "----RaumboerseTest\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.contentType)\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        if truncate { body = Array(body.prefix(body.count - 40)) }
        return try request("POST", path, headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
    }

    /// The `csrf_token` of the first form on a page.
    public static func csrfToken(in page: TestResponse) -> String? {
        guard let range = page.text.range(of: "name=\"csrf_token\" value=\"") else { return nil }
        return String(page.text[range.upperBound...].prefix { $0 != "\"" })
    }

    /// GETs `formPath`, then POSTs `fields` plus that page's CSRF token to `action`.
    @discardableResult
    public func submit(_ formPath: String, to action: String? = nil, _ fields: [(String, String)]) throws -> TestResponse {
        let page = try get(formPath)
        guard let token = TestClient.csrfToken(in: page) else { throw TestHTTPConnection.Failure(description: "no csrf_token on \(formPath) (status \(page.status))") }
        return try post(action ?? formPath.split(separator: "?")[0].description, form: fields + [("csrf_token", token)])
    }

    /// Registers a new user with their organisation and stays signed in.
    @discardableResult
    public func register(email: String, name: String = "Erika Muster", organisation: String = "Stadtteiltreff Test e.V.",
                         kind: String = "nonprofit", password: String = "ein langes Testpasswort") throws -> TestResponse {
        try submit("/register", [("email", email), ("password", password), ("name", name),
                                 ("organisation_name", organisation), ("organisation_kind", kind), ("privacy", "1")])
    }

    /// Registers through the invitation link `token` (from `TestServer.invitationToken`).
    @discardableResult
    public func accept(invitation token: String, email: String, name: String = "Kim Kollegin",
                       password: String = "ein langes Testpasswort") throws -> TestResponse {
        try submit("/register?invitation=" + token, to: "/register", [("invitation", token), ("email", email), ("password", password),
                                                                     ("name", name), ("privacy", "1")])
    }

    @discardableResult
    public func signIn(email: String, password: String = "ein langes Testpasswort") throws -> TestResponse {
        try submit("/login", [("email", email), ("password", password)])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

/// The site's German texts, to compare pages with what the catalogue says.
public func germanTexts() throws -> Catalog {
    try Catalogs(directory: TestServer.repositoryRoot + "/Templates/i18n")[.de]
}
