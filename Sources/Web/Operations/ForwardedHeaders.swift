import HTTPServer

/// Behind a reverse proxy: `X-Forwarded-For` and `X-Forwarded-Proto` are believed
/// only from the configured proxy addresses, and removed from every other
/// request, so nothing downstream can be fooled by a client that sends them. Also
/// gives each request an id, echoed in `X-Request-Id` and logged.
struct ForwardedHeaders: HTTPMiddleware {
    let trustedProxies: Set<String>

    func handle(_ request: HTTPRequest, next: any HTTPHandler) throws -> HTTPResponse {
        var request = request
        let trusted = trustedProxies.contains(request.remoteAddress)
        var requestID: String?
        if trusted {
            // The client is the last address the proxies did not add themselves.
            let chain = request.headers.values("X-Forwarded-For").flatMap { $0.split(separator: ",") }.map { String($0.trimmingSpaces()) }
            if let client = chain.reversed().first(where: { !trustedProxies.contains($0) && ForwardedHeaders.isAddress($0) }) {
                request.remoteAddress = client
            }
            if let id = request.headers["X-Request-Id"], ForwardedHeaders.isRequestID(id) { requestID = id }
        } else {
            request.headers.remove("X-Forwarded-For")
            request.headers.remove("X-Forwarded-Proto")
            request.headers.remove("X-Forwarded-Host")
        }
        let id = requestID ?? Tokens.base64(Tokens.randomBytes(12))
        var response = try next.handle(request)
        response.headers["X-Request-Id"] = id
        response.logMetadata["request_id"] = id
        response.logMetadata["client"] = request.remoteAddress
        return response
    }

    static func isAddress(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 45 && text.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
    }

    static func isRequestID(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

extension HTTPRequest {
    /// True when the client reached us over HTTPS (through a trusted proxy).
    var isHTTPS: Bool { headers["X-Forwarded-Proto"]?.lowercased() == "https" }
}

private extension StringProtocol {
    func trimmingSpaces() -> Substring {
        let s = Substring(self)
        guard let start = s.firstIndex(where: { $0 != " " }) else { return "" }
        return s[start...s.lastIndex(where: { $0 != " " })!]
    }
}
