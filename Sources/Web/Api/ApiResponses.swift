import Crypto
import Foundation
import HTTPServer

/// How every API answer is made: JSON with sorted keys, CORS for any origin, an
/// `ETag` from the body's hash with `If-None-Match` → 304, and a cache lifetime.
enum ApiResponses {
    static let corsHeaders: [(String, String)] = [
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Expose-Headers", "ETag"),
    ]
    /// Rooms and bookings change, but a minute of staleness is fine for open data.
    static let dataCacheControl = "public, max-age=60"
    static let documentCacheControl = "public, max-age=3600"

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// A 200 JSON answer, or 304 when the client already has these bytes.
    static func json(_ value: some Encodable, for request: HTTPRequest, cacheControl: String = dataCacheControl) throws -> HTTPResponse {
        cached(try encode(value), contentType: "application/json", for: request, cacheControl: cacheControl)
    }

    /// `body` with its ETag, or 304 when `If-None-Match` names it. The 304 repeats the
    /// tag in the form the client sent it (`W/` after gzip), so its cache entry stays valid.
    static func cached(_ body: [UInt8], contentType: String, for request: HTTPRequest, cacheControl: String) -> HTTPResponse {
        let etag = entityTag(body)
        var headers: HTTPHeaders = ["ETag": etag, "Cache-Control": cacheControl]
        for (name, value) in corsHeaders { headers[name] = value }
        if let sent = matchingTag(request.headers["If-None-Match"], etag: etag) {
            headers["ETag"] = sent
            headers["Vary"] = "Accept-Encoding"
            return HTTPResponse(status: .notModified, headers: headers)
        }
        headers["Content-Type"] = contentType
        return HTTPResponse(status: .ok, headers: headers, body: body)
    }

    /// A strong tag: the first 128 bits of the body's SHA-256, in hex.
    static func entityTag(_ body: [UInt8]) -> String {
        let digest = SHA256.hash(data: body)
        return "\"" + digest.prefix(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "\""
    }

    /// The tag of `If-None-Match` that names `etag` by weak comparison (RFC 9110 §13.1.2), or nil.
    static func matchingTag(_ ifNoneMatch: String?, etag: String) -> String? {
        guard let ifNoneMatch else { return nil }
        for part in ifNoneMatch.split(separator: ",") {
            let tag = part.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return etag }
            let opaque = tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
            if opaque == etag { return tag }
        }
        return nil
    }

    static func problem(_ problem: ApiProblem) -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/problem+json", "Cache-Control": "no-store"]
        for (name, value) in corsHeaders { headers[name] = value }
        for (name, value) in problem.headers { headers[name] = value }
        // Encoding a few strings cannot fail; the fallback keeps the answer well-formed anyway.
        let body = (try? encode(problem.body)) ?? Array(#"{"type":"about:blank","status":\#(problem.status.code)}"#.utf8)
        return HTTPResponse(status: problem.status, headers: headers, body: body)
    }
}
