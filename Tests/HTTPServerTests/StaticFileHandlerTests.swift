import Foundation
import Testing
@testable import HTTPServer

/// A temporary directory laid out as
///
///     <base>/secret.txt              outside the root: must never be served
///     <base>/public/                 the root
///         index.html, css/site.css, js/app.js, img/LOGO.PNG, data.json, icon.svg,
///         README, café.txt, with space.txt, %2e%2e (a file literally named so),
///         .env, .git/config, css/.hidden.css, outside → ../ (symlink), leak.txt → ../secret.txt
///
/// Every file has the modification time `Fixture.modified`.
private struct Fixture {
    static let modified = 1_700_000_000
    static let modifiedText = "Tue, 14 Nov 2023 22:13:20 GMT"

    let base: String
    let root: String
    let handler: StaticFileHandler

    init(cacheControl: String? = nil) throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("static-test-\(UUID().uuidString)").path
        root = base + "/public"
        let files: [String: String] = [
            "secret.txt": "TOP SECRET",
            "public/index.html": "<h1>Raumbörse</h1>",
            "public/css/site.css": "body { color: black; }",
            "public/js/app.js": "console.log(1)",
            "public/img/LOGO.PNG": "\u{89}PNG",
            "public/data.json": "{}",
            "public/icon.svg": "<svg/>",
            "public/README": "readme",
            "public/café.txt": "Kaffee",
            "public/with space.txt": "spaced",
            "public/%2e%2e": "a file with a strange name",
            "public/.env": "PASSWORD=1",
            "public/.git/config": "[core]",
            "public/css/.hidden.css": "hidden",
        ]
        let manager = FileManager.default
        for (path, contents) in files {
            let full = base + "/" + path
            try manager.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: URL(fileURLWithPath: full))
            try manager.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(Fixture.modified))], ofItemAtPath: full)
        }
        try manager.createSymbolicLink(atPath: root + "/outside", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: root + "/leak.txt", withDestinationPath: base + "/secret.txt")
        let root = root
        handler = cacheControl.map { StaticFileHandler(root: root, cacheControl: $0) } ?? StaticFileHandler(root: root)
    }

    func remove() { try? FileManager.default.removeItem(atPath: base) }

    func get(_ path: String, headers: HTTPHeaders = [:]) throws -> HTTPResponse {
        try handler.respond(to: HTTPRequest(method: .GET, target: "/static/" + path, headers: headers), relativePath: path)
    }

    /// The status for `path`, whether returned or thrown.
    func status(_ path: String, headers: HTTPHeaders = [:]) -> Int {
        do {
            return try get(path, headers: headers).status.code
        } catch let error as HTTPError {
            return error.status.code
        } catch {
            return -1
        }
    }
}

private func withFixture(cacheControl: String? = nil, _ body: (Fixture) throws -> Void) throws {
    let fixture = try Fixture(cacheControl: cacheControl)
    defer { fixture.remove() }
    try body(fixture)
}

/// An attempt to reach a file that must not be served.
struct Traversal: Sendable, CustomTestStringConvertible {
    let path: String
    let why: String
    var testDescription: String { "\(path) (\(why))" }
}

@Suite("StaticFileHandler")
struct StaticFileHandlerTests {
    @Test("a file is served with its bytes, MIME type, ETag, Last-Modified, Cache-Control and nosniff")
    func servesFile() throws {
        try withFixture { fixture in
            let response = try fixture.get("css/site.css")
            #expect(response.status == .ok)
            #expect(String(decoding: response.body, as: UTF8.self) == "body { color: black; }")
            #expect(response.headers["Content-Type"] == "text/css; charset=utf-8")
            #expect(response.headers["Last-Modified"] == Fixture.modifiedText)
            #expect(response.headers["Cache-Control"] == "public, max-age=3600")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            let etag = try #require(response.headers["ETag"])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2, "a strong, quoted entity tag")
        }
    }

    @Test("the Cache-Control value can be set")
    func cacheControl() throws {
        try withFixture(cacheControl: "public, max-age=31536000, immutable") { fixture in
            let response = try fixture.get("index.html")
            #expect(response.headers["Cache-Control"] == "public, max-age=31536000, immutable")
        }
    }

    @Test("MIME types follow the extension, case-insensitively, with octet-stream for the unknown", arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("js/app.js", "application/javascript; charset=utf-8"),
        ("img/LOGO.PNG", "image/png"),
        ("data.json", "application/json"),
        ("icon.svg", "image/svg+xml"),
        ("README", "application/octet-stream"),
    ])
    func mimeTypes(path: String, type: String) throws {
        try withFixture { fixture in
            let response = try fixture.get(path)
            #expect(response.headers["Content-Type"] == type)
        }
    }

    @Test("the path is percent-decoded once, so encoded names are found and %252e%252e is only a name")
    func decodedOnce() throws {
        try withFixture { fixture in
            func text(_ path: String) throws -> String { String(decoding: try fixture.get(path).body, as: UTF8.self) }
            let (cafe, spaced, strange) = (try text("caf%C3%A9.txt"), try text("with%20space.txt"), try text("%252e%252e"))
            #expect(cafe == "Kaffee")
            #expect(spaced == "spaced")
            #expect(strange == "a file with a strange name")
        }
    }

    @Test("the ETag changes when the file changes")
    func etagChanges() throws {
        try withFixture { fixture in
            let before = try fixture.get("index.html").headers["ETag"]
            try Data("<h1>Raumbörse Lübeck</h1>".utf8).write(to: URL(fileURLWithPath: fixture.root + "/index.html"))
            let after = try fixture.get("index.html").headers["ETag"]
            #expect(before != nil && after != nil)
            #expect(before != after)
        }
    }

    @Test("If-None-Match with the current ETag (strong, weak, in a list or *) answers 304 without a body")
    func ifNoneMatch() throws {
        try withFixture { fixture in
            let etag = try #require(try fixture.get("index.html").headers["ETag"])
            for value in [etag, "W/" + etag, "\"other\", " + etag, "*"] {
                let response = try fixture.get("index.html", headers: ["If-None-Match": value])
                #expect(response.status == .notModified, "If-None-Match: \(value)")
                #expect(response.body.isEmpty)
                #expect(response.headers["ETag"] == etag)
            }
            #expect(fixture.status("index.html", headers: ["If-None-Match": "\"other\""]) == 200)
        }
    }

    @Test("If-Modified-Since at or after the modification time answers 304, before it 200")
    func ifModifiedSince() throws {
        try withFixture { fixture in
            #expect(fixture.status("index.html", headers: ["If-Modified-Since": Fixture.modifiedText]) == 304)
            let later = HTTPDate.format(epochSeconds: Fixture.modified + 3600)
            #expect(fixture.status("index.html", headers: ["If-Modified-Since": later]) == 304)
            let earlier = HTTPDate.format(epochSeconds: Fixture.modified - 1)
            #expect(fixture.status("index.html", headers: ["If-Modified-Since": earlier]) == 200)
            #expect(fixture.status("index.html", headers: ["If-Modified-Since": "yesterday"]) == 200)
        }
    }

    @Test("If-None-Match takes precedence over If-Modified-Since")
    func ifNoneMatchWins() throws {
        try withFixture { fixture in
            let headers: HTTPHeaders = ["If-None-Match": "\"other\"", "If-Modified-Since": Fixture.modifiedText]
            #expect(fixture.status("index.html", headers: headers) == 200)
        }
    }

    static let traversals: [Traversal] = [
        Traversal(path: "../secret.txt", why: "dot-dot"),
        Traversal(path: "css/../../secret.txt", why: "dot-dot after a directory"),
        Traversal(path: "%2e%2e/secret.txt", why: "encoded dots"),
        Traversal(path: "%2E%2E%2Fsecret.txt", why: "encoded dots and slash, upper case"),
        Traversal(path: "..%2fsecret.txt", why: "encoded slash"),
        Traversal(path: "..%2Fsecret.txt", why: "encoded slash, upper case"),
        Traversal(path: "css/%2e%2e/%2e%2e/secret.txt", why: "encoded dots after a directory"),
        Traversal(path: ".%2e/secret.txt", why: "half-encoded dots"),
        Traversal(path: "%c0%ae%c0%ae/secret.txt", why: "overlong UTF-8 dots"),
        Traversal(path: "..\\secret.txt", why: "backslash"),
        Traversal(path: "..%5csecret.txt", why: "encoded backslash"),
        Traversal(path: "..%5Csecret.txt", why: "encoded backslash, upper case"),
        Traversal(path: "index.html%00.png", why: "NUL"),
        Traversal(path: "%00", why: "only NUL"),
        Traversal(path: "index.html%0a", why: "encoded LF"),
        Traversal(path: "/etc/passwd", why: "absolute path"),
        Traversal(path: "//etc/passwd", why: "double slash"),
        Traversal(path: "./index.html", why: "dot segment"),
        Traversal(path: "css/./site.css", why: "dot segment inside"),
        Traversal(path: ".env", why: "dot file"),
        Traversal(path: "%2eenv", why: "encoded dot file"),
        Traversal(path: ".git/config", why: "dot directory"),
        Traversal(path: "css/.hidden.css", why: "dot file in a directory"),
        Traversal(path: "outside/secret.txt", why: "symlinked directory out of the root"),
        Traversal(path: "leak.txt", why: "symlinked file out of the root"),
        Traversal(path: "css/", why: "directory with slash"),
        Traversal(path: "", why: "the root itself"),
        Traversal(path: "missing.txt", why: "no such file"),
        Traversal(path: "%zz", why: "malformed escape"),
    ]

    @Test("paths that leave the root, name hidden files or directories are refused with 404", arguments: traversals)
    func traversalRefused(_ traversal: Traversal) throws {
        try withFixture { fixture in
            #expect(fixture.handler.resolve(traversal.path) == nil)
            #expect(fixture.status(traversal.path) == 404)
        }
    }

    @Test("a directory is never served or listed: 404")
    func directories() throws {
        try withFixture { fixture in
            #expect(fixture.status("css") == 404)
            #expect(fixture.status("img") == 404)
            #expect(fixture.status("css/") == 404)
        }
    }

    @Test("the root given through a symlink or with a trailing slash still serves its files")
    func rootIsCanonical() throws {
        try withFixture { fixture in
            try FileManager.default.createSymbolicLink(atPath: fixture.base + "/alias", withDestinationPath: fixture.root)
            for root in [fixture.base + "/alias", fixture.root + "/", fixture.base + "/./public"] {
                let handler = StaticFileHandler(root: root)
                let response = try handler.respond(to: HTTPRequest(method: .GET, target: "/index.html"), relativePath: "index.html")
                #expect(response.status == .ok, "root \(root)")
                #expect(handler.resolve("../secret.txt") == nil)
            }
        }
    }

    @Test("HTTP dates format as IMF-fixdate and parse back")
    func httpDates() {
        #expect(HTTPDate.format(epochSeconds: Fixture.modified) == Fixture.modifiedText)
        #expect(HTTPDate.format(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.parse(Fixture.modifiedText) == Fixture.modified)
        #expect(HTTPDate.parse("Tue, 14 Nov 2023 22:13:20 CET") == nil)
        #expect(HTTPDate.parse("14 Nov 2023") == nil)
    }
}
