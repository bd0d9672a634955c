/// A response produced by a handler. The server adds `Date`, `Content-Length`
/// and `Connection`.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The route pattern that produced the response (`/rooms/:id`), for metrics
    /// and logs that must not contain ids or tokens. Never sent.
    public var routePattern: String?
    /// Fields the application adds to this request's access-log line (request id,
    /// client address behind a proxy). Never sent.
    public var logMetadata: [String: String] = [:]

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    public static func html(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: bytes)
    }

    public static func json(_ bytes: [UInt8], status: HTTPStatus = .ok, contentType: String = "application/json") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: bytes)
    }

    /// `303 See Other`, the answer to a form POST that worked.
    public static func redirect(to location: String, status: HTTPStatus = .seeOther) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Location": location])
    }
}

/// An error that knows the status it answers with. The message is safe to show.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    public var message: String?
    public var headers: HTTPHeaders
    /// Set by the router when a route's handler threw, for metrics.
    public var routePattern: String?

    public init(_ status: HTTPStatus, message: String? = nil, headers: HTTPHeaders = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "HTTPError(\(status)\(message.map { ": " + $0 } ?? ""))" }
}
