import HTTPServer

/// Security headers on every answer, error pages and static files included
/// (RELIABILITY.md §2): a CSP without inline script or style, no framing, no
/// MIME sniffing, no referrer leaks to other sites.
struct SecurityHeaders: HTTPMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "img-src 'self'", "style-src 'self'", "script-src 'self'", "font-src 'self'",
        "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func handle(_ request: HTTPRequest, next: any HTTPHandler) throws -> HTTPResponse {
        var response = try next.handle(request)
        if response.headers["Content-Security-Policy"] == nil {
            response.headers["Content-Security-Policy"] = SecurityHeaders.contentSecurityPolicy
        }
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response
    }
}
