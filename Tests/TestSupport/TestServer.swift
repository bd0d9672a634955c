import DemoData
import Foundation
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
        configure(&configuration)
        app = try App(configuration: configuration)
        if demo { _ = try DemoLoader.load(into: app.database) }
        try app.start()
    }

    public var database: AppDatabase { app.database }

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

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
