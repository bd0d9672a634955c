/// Anything that answers a request. Handlers run on the server's worker threads
/// and may block (SQLite); they never run on the event loop.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) throws -> HTTPResponse
}

/// A handler made from a closure.
public struct ClosureHTTPHandler: HTTPHandler {
    let body: @Sendable (HTTPRequest) throws -> HTTPResponse

    public init(_ body: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        self.body = body
    }

    public func handle(_ request: HTTPRequest) throws -> HTTPResponse { try body(request) }
}

/// Code that runs around a handler: compression, security headers, sessions.
public protocol HTTPMiddleware: Sendable {
    func handle(_ request: HTTPRequest, next: any HTTPHandler) throws -> HTTPResponse
}

extension HTTPHandler {
    /// This handler with `middleware` around it; the last one added runs first.
    public func wrapped(in middleware: any HTTPMiddleware) -> any HTTPHandler {
        MiddlewareHTTPHandler(middleware: middleware, next: self)
    }
}

struct MiddlewareHTTPHandler: HTTPHandler {
    let middleware: any HTTPMiddleware
    let next: any HTTPHandler

    func handle(_ request: HTTPRequest) throws -> HTTPResponse {
        try middleware.handle(request, next: next)
    }
}
