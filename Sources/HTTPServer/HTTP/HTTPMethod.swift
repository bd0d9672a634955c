/// The request methods the server recognises; any other token is answered 501.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH, TRACE, CONNECT

    /// Safe methods never change state (RFC 9110 §9.2.1).
    public var isSafe: Bool { self == .GET || self == .HEAD || self == .OPTIONS || self == .TRACE }
}

/// HTTP/1.0 or HTTP/1.1; other versions never get past the parser.
public enum HTTPVersion: Sendable, Hashable {
    case http1_0, http1_1

    var text: String { self == .http1_1 ? "HTTP/1.1" : "HTTP/1.0" }
}
