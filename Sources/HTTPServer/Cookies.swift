extension HTTPRequest {
    /// Cookies sent by the client (RFC 6265 §5.4); the first of a repeated name wins.
    public var cookies: [String: String] {
        var result: [String: String] = [:]
        for header in headers.values("Cookie") {
            // Split and trimmed on bytes: on Characters, grapheme breaking made this
            // 56,000 instructions of a signed-in request.
            for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let name = String(Substring(pair[..<equals].trimmingSpacesAndTabs()))
                if result[name] == nil { result[name] = String(Substring(pair[pair.index(after: equals)...].trimmingSpacesAndTabs())) }
            }
        }
        return result
    }
}

/// A `Set-Cookie` value. Defaults are the safe ones: HttpOnly, SameSite=Lax, Path=/.
public struct SetCookie: Sendable {
    public enum SameSite: String, Sendable { case strict = "Strict", lax = "Lax" }

    public var name: String
    public var value: String
    public var maxAge: Int?
    public var path = "/"
    public var httpOnly = true
    public var secure = false
    public var sameSite = SameSite.lax

    public init(name: String, value: String, maxAge: Int? = nil, secure: Bool = false, httpOnly: Bool = true, sameSite: SameSite = .lax) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
    }

    /// A cookie that tells the browser to forget `name`.
    public static func expired(_ name: String, secure: Bool = false) -> SetCookie {
        SetCookie(name: name, value: "", maxAge: 0, secure: secure)
    }

    public var headerValue: String {
        var text = "\(name)=\(value); Path=\(path)"
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        if secure { text += "; Secure" }
        if httpOnly { text += "; HttpOnly" }
        text += "; SameSite=\(sameSite.rawValue)"
        return text
    }
}

extension HTTPResponse {
    public mutating func setCookie(_ cookie: SetCookie) {
        headers.append("Set-Cookie", cookie.headerValue)
    }
}

extension Substring.UTF8View {
    /// Without spaces and tabs at either end.
    fileprivate func trimmingSpacesAndTabs() -> Substring.UTF8View {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return self[endIndex...] }
        return self[first...last]
    }
}
