/// An ordered route table: method + path pattern → handler; the first match wins.
///
/// Patterns are `/`-separated segments: literals, `:name` parameters (percent-decoded
/// into `request.parameters`), and a final `*` for the rest of the path.
/// `HEAD` is served by the `GET` route. A path that matches with another method is
/// answered `405` with `Allow`; no match is `404`.
public struct Router: HTTPHandler {
    public typealias Handler = @Sendable (HTTPRequest) throws -> HTTPResponse

    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let text: String
        let maxBodySize: Int?
        let handler: Handler
    }

    private var routes: [Route] = []

    public init() {}

    /// Adds a route. `maxBodySize` overrides the server's limit for this route.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, maxBodySize: Int? = nil, _ handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: RoutePattern(pattern), text: pattern, maxBodySize: maxBodySize, handler: handler))
    }

    public func handle(_ request: HTTPRequest) throws -> HTTPResponse {
        let segments = RoutePattern.segments(of: request.path)
        var allowed: [HTTPMethod] = []
        for route in routes {
            guard let parameters = route.pattern.match(segments) else { continue }
            if route.method == request.method || (request.method == .HEAD && route.method == .GET) {
                var routed = request
                routed.parameters = parameters
                do {
                    var response = try route.handler(routed)
                    response.routePattern = route.text
                    return response
                } catch var error as HTTPError {
                    error.routePattern = route.text
                    throw error
                }
            }
            allowed.append(route.method)
        }
        guard !allowed.isEmpty else { throw HTTPError(.notFound) }
        if allowed.contains(.GET) { allowed.append(.HEAD) }
        let allow = Array(Set(allowed)).map(\.rawValue).sorted().joined(separator: ", ")
        if request.method == .OPTIONS {
            return HTTPResponse(status: .noContent, headers: ["Allow": allow])
        }
        throw HTTPError(.methodNotAllowed, headers: ["Allow": allow])
    }

    /// The body limit of the route that would serve this head, if it sets one.
    public func maxBodySize(for head: HTTPRequestHead) -> Int? {
        let segments = RoutePattern.segments(of: head.path)
        return routes.first { $0.method == head.method && $0.pattern.match(segments) != nil }?.maxBodySize
    }
}

struct RoutePattern: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case rest
    }

    let segments: [Segment]
    /// A `*` matches the rest of a path; it can only come last.
    private let endsInRest: Bool

    init(_ pattern: String) {
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part == "*" { return .rest }
            if part.hasPrefix(":") { return .parameter(String(part.dropFirst())) }
            return .literal(String(part))
        }
        precondition(!segments.dropLast().contains(.rest), "'*' must be the last segment of route \(pattern)")
        endsInRest = segments.last == .rest
    }

    static func segments(of path: String) -> [Substring] {
        // Split on bytes: splitting the String looks for Character boundaries (4,000 instructions for "/rooms").
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().map { Substring($0) }
    }

    func match(_ path: [Substring]) -> HTTPPathParameters? {
        // "/" splits into one empty segment; the root pattern has none.
        let path = path.count == 1 && path[0].isEmpty ? [] : path
        // Length and literals first, on bytes: most routes fail there, before any
        // parameter is decoded (matching was 4 % of a booking request's instructions).
        guard endsInRest ? path.count >= segments.count - 1 : path.count == segments.count else { return nil }
        for (index, segment) in segments.enumerated() {
            if case .literal(let literal) = segment, !path[index].utf8.elementsEqual(literal.utf8) { return nil }
        }
        var parameters = HTTPPathParameters()
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest:
                parameters.values.append(("*", path[index...].joined(separator: "/")))
            case .literal:
                continue
            case .parameter(let name):
                guard !path[index].isEmpty, let value = String(path[index]).percentDecoded() else { return nil }
                parameters.values.append((name, value))
            }
        }
        return parameters
    }
}
