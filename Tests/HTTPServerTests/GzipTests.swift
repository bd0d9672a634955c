import Testing
@testable import HTTPServer

/// Text that compresses well and is `count` bytes long.
private func text(_ count: Int) -> [UInt8] {
    Array(String(repeating: "Raumbörse Lübeck, Raum 4, Montag 9–12 Uhr. ", count: count / 20 + 1).utf8.prefix(count))
}

/// Runs `CompressionMiddleware` around a handler that answers `response`.
private func compress(
    _ response: HTTPResponse, acceptEncoding: String?, middleware: CompressionMiddleware = CompressionMiddleware()
) throws -> HTTPResponse {
    let handler = ClosureHTTPHandler { _ in response }.wrapped(in: middleware)
    var headers: HTTPHeaders = ["Host": "a"]
    if let acceptEncoding { headers["Accept-Encoding"] = acceptEncoding }
    return try handler.handle(HTTPRequest(method: .GET, target: "/", headers: headers))
}

private func page(_ count: Int, type: String = "text/html; charset=utf-8") -> HTTPResponse {
    HTTPResponse(status: .ok, headers: ["Content-Type": type], body: text(count))
}

@Suite("Gzip")
struct GzipTests {
    @Test("compress then decompress gives the input back", arguments: [0, 1, 1000, 200_000])
    func roundTrip(size: Int) throws {
        let input = size == 1 ? [0x42] : text(size)
        let compressed = try #require(Gzip.compress(input))
        #expect(compressed.starts(with: [0x1F, 0x8B]), "a gzip member starts with the gzip magic")
        if size >= 1000 { #expect(compressed.count < input.count / 4) }
        #expect(Gzip.decompress(compressed) == input)
    }

    @Test("random bytes round-trip at every level")
    func randomBytes() throws {
        var generator = SystemRandomNumberGenerator()
        let input = (0..<70_000).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        for level: Int32 in [0, 1, 6, 9] {
            let compressed = try #require(Gzip.compress(input, level: level))
            #expect(Gzip.decompress(compressed) == input, "level \(level)")
        }
    }

    @Test("decompress refuses garbage and a truncated member")
    func refusesBadInput() throws {
        #expect(Gzip.decompress(Array("not gzip at all".utf8)) == nil)
        #expect(Gzip.decompress([]) == nil)
        let compressed = try #require(Gzip.compress(text(5000)))
        #expect(Gzip.decompress(Array(compressed.prefix(compressed.count - 10))) == nil)
        var corrupted = compressed
        corrupted[corrupted.count - 6] ^= 0xFF
        #expect(Gzip.decompress(corrupted) == nil, "a wrong CRC is detected")
    }

    @Test("decompress refuses output over its limit, however small")
    func decompressLimit() throws {
        let input = text(10_000)
        let compressed = try #require(Gzip.compress(input))
        #expect(Gzip.decompress(compressed, limit: 10_000) == input)
        // Compare counts so that a failure prints a number, not 10,000 bytes.
        #expect(Gzip.decompress(compressed, limit: 9_999)?.count == nil)
        #expect(Gzip.decompress(compressed, limit: 100)?.count == nil)
        let bomb = try #require(Gzip.compress([UInt8](repeating: 0, count: 1 << 20)))
        #expect(bomb.count < 2_000)
        #expect(Gzip.decompress(bomb, limit: 200_000)?.count == nil)
        #expect(Gzip.decompress(bomb)?.count == 1 << 20)
    }
}

@Suite("CompressionMiddleware")
struct CompressionMiddlewareTests {
    @Test("a text response of at least 1 KB is gzipped when the client accepts gzip")
    func compresses() throws {
        let original = page(4000)
        let response = try compress(original, acceptEncoding: "gzip, deflate, br")
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.headers.values("Vary") == ["Accept-Encoding"])
        #expect(response.body.count < original.body.count)
        #expect(Gzip.decompress(response.body) == original.body)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
    }

    @Test("the threshold is 1 KB: 1023 bytes stay plain, 1024 are compressed")
    func threshold() throws {
        let small = try compress(page(1023), acceptEncoding: "gzip")
        #expect(small.headers["Content-Encoding"] == nil)
        #expect(small.body == text(1023))
        #expect(small.headers["Vary"] == "Accept-Encoding", "the plain answer still varies with Accept-Encoding")

        let large = try compress(page(1024), acceptEncoding: "gzip")
        #expect(large.headers["Content-Encoding"] == "gzip")
        #expect(Gzip.decompress(large.body) == text(1024))
    }

    @Test("without an Accept-Encoding that allows gzip the body stays plain but says Vary", arguments: [
        nil, "", "identity", "deflate, br", "gzip;q=0", "gzip; q=0.0", "GZIP;Q=0", "*;q=0",
    ] as [String?])
    func notAccepted(acceptEncoding: String?) throws {
        let response = try compress(page(4000), acceptEncoding: acceptEncoding)
        #expect(response.headers["Content-Encoding"] == nil)
        #expect(response.body == text(4000))
        #expect(response.headers["Vary"] == "Accept-Encoding")
    }

    @Test("Accept-Encoding values that allow gzip", arguments: [
        "gzip", "GZip", "br;q=1.0, gzip;q=0.5", "gzip;q=0.001", "*", "deflate, *;q=0.1", "*;q=0, gzip",
    ])
    func accepted(acceptEncoding: String) throws {
        let response = try compress(page(4000), acceptEncoding: acceptEncoding)
        #expect(response.headers["Content-Encoding"] == "gzip")
    }

    @Test("an explicit gzip;q=0 wins over a * that allows everything")
    func explicitRefusalWins() throws {
        let response = try compress(page(4000), acceptEncoding: "*, gzip;q=0")
        #expect(response.headers["Content-Encoding"] == nil)
    }

    @Test("types that are already compressed, and responses without a type, are left alone without Vary")
    func incompressibleTypes() throws {
        for type in ["image/png", "image/jpeg", "application/pdf", "font/woff2"] {
            let response = try compress(page(4000, type: type), acceptEncoding: "gzip")
            #expect(response.headers["Content-Encoding"] == nil, "\(type)")
            #expect(response.headers["Vary"] == nil, "\(type)")
            #expect(response.body == text(4000), "\(type)")
        }
        let untyped = try compress(HTTPResponse(body: text(4000)), acceptEncoding: "gzip")
        #expect(untyped.headers["Content-Encoding"] == nil)
    }

    @Test("JSON, SVG, JavaScript and CSS are compressible")
    func compressibleTypes() throws {
        for type in ["application/json", "image/svg+xml", "application/javascript; charset=utf-8", "text/css; charset=utf-8"] {
            let response = try compress(page(4000, type: type), acceptEncoding: "gzip")
            #expect(response.headers["Content-Encoding"] == "gzip", "\(type)")
        }
    }

    @Test("a body that already has a Content-Encoding is not compressed twice")
    func alreadyEncoded() throws {
        let encoded = try #require(Gzip.compress(text(4000)))
        let original = HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain", "Content-Encoding": "gzip"], body: encoded + text(2000))
        let response = try compress(original, acceptEncoding: "gzip")
        #expect(response.body == original.body)
        #expect(response.headers.values("Content-Encoding") == ["gzip"])
    }

    @Test("a strong ETag becomes weak when the body is compressed, a weak one stays")
    func etags() throws {
        var strong = page(4000)
        strong.headers["ETag"] = "\"abc\""
        #expect(try compress(strong, acceptEncoding: "gzip").headers["ETag"] == "W/\"abc\"")
        #expect(try compress(strong, acceptEncoding: "identity").headers["ETag"] == "\"abc\"")

        var weak = page(4000)
        weak.headers["ETag"] = "W/\"abc\""
        #expect(try compress(weak, acceptEncoding: "gzip").headers["ETag"] == "W/\"abc\"")
    }

    @Test("a custom minimum size is honoured")
    func customMinimum() throws {
        let middleware = CompressionMiddleware(minimumSize: 100)
        #expect(try compress(page(150), acceptEncoding: "gzip", middleware: middleware).headers["Content-Encoding"] == "gzip")
        #expect(try compress(page(99), acceptEncoding: "gzip", middleware: middleware).headers["Content-Encoding"] == nil)
    }

    @Test("errors thrown by the inner handler pass through")
    func errorsPassThrough() {
        let handler = ClosureHTTPHandler { _ in throw HTTPError(.notFound) }.wrapped(in: CompressionMiddleware())
        let error = #expect(throws: HTTPError.self) { try handler.handle(HTTPRequest(method: .GET, target: "/")) }
        #expect(error?.status == .notFound)
    }
}
