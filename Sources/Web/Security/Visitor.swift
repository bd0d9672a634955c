import HTTPServer
import Localization
import RoomExchange
import Storage

/// Who is asking: a signed-in user with their session, or an anonymous visitor
/// with a pre-session CSRF cookie. Handlers get this instead of digging in cookies.
struct Visitor: Sendable {
    let session: StoredSession?
    /// The token every form of this visitor carries in `csrf_token`.
    let csrfToken: String
    /// A new pre-session cookie to set on the response, when the visitor had none.
    let newCSRFCookie: String?
    /// The language pages are shown in, and its texts.
    let texts: Catalog
    /// Set when the visitor chose a language with `?lang=`: remembered in a cookie.
    let chosenLanguage: Language?
    /// The page asked for, to link to the same page in another language; nil for
    /// a POST, whose answer has no address of its own.
    let pageTarget: String?

    var language: Language { texts.language }
    var user: User? { session?.user }
    var isSignedIn: Bool { session != nil }

    /// The signed-in user or a redirect to the login page that comes back here.
    func requireUser(_ request: HTTPRequest) throws -> User {
        guard let user else {
            let next = request.target.hasPrefix("/") ? request.target : "/my"
            throw HTTPError(.seeOther, headers: ["Location": "/login?next=" + next.percentEncoded()])
        }
        return user
    }
}

/// Sessions, CSRF and access checks: every route goes through one of its
/// wrappers, so no handler can forget them.
struct SiteSecurity: Sendable {
    let database: AppDatabase
    let catalogs: Catalogs
    let secureCookies: Bool
    /// Inactivity after which a session ends (OWASP: 15–30 min for low-risk sites).
    var idleTimeout: Int64 = 30 * 60
    /// A session ends after this time whatever happens (a working day).
    var absoluteTimeout: Int64 = 12 * 60 * 60

    var sessionCookie: String { secureCookies ? "__Host-sid" : "sid" }
    var csrfCookie: String { secureCookies ? "__Host-csrf" : "csrf" }
    /// Not a secret and not a session: the language a visitor switched to.
    static let languageCookie = "lang"

    typealias Handler = @Sendable (HTTPRequest, Visitor) throws -> HTTPResponse

    /// Resolves the visitor from the cookies; an expired session is deleted.
    func visitor(_ request: HTTPRequest) throws -> Visitor {
        let cookies = request.cookies
        var session: StoredSession?
        if let token = cookies[sessionCookie], token.utf8.count == 43,
           let stored = try database.session(tokenHash: Tokens.sha256(token)) {
            let now = Int64(Date.now.timeIntervalSince1970)
            if now - stored.lastSeenAt > idleTimeout || now - stored.createdAt > absoluteTimeout {
                try database.deleteSession(stored.id)
            } else {
                // One write a minute at most, not one per page.
                if now - stored.lastSeenAt > 60 { try database.touchSession(stored.id) }
                session = stored
            }
        }
        var csrfToken = session?.csrfToken ?? cookies[csrfCookie]
        var newCSRFCookie: String?
        if csrfToken?.utf8.count != 43 {
            csrfToken = Tokens.random()
            newCSRFCookie = csrfToken
        }
        let chosen = request.queryItems["lang"].flatMap(Language.init(rawValue:))
        let language = chosen
            ?? cookies[SiteSecurity.languageCookie].flatMap(Language.init(rawValue:))
            ?? session?.user.language
            ?? request.headers["Accept-Language"].flatMap(Language.preferred(acceptLanguage:))
            ?? .default
        let isRead = request.method == .GET || request.method == .HEAD
        return Visitor(session: session, csrfToken: csrfToken!, newCSRFCookie: newCSRFCookie, texts: catalogs[language],
                       chosenLanguage: chosen, pageTarget: isRead ? request.target : nil)
    }

    /// A page anyone may see.
    func page(_ handler: @escaping Handler) -> Router.Handler {
        { request in
            let visitor = try self.visitor(request)
            return finish(try handler(request, visitor), visitor, request)
        }
    }

    /// A page for signed-in users; others are sent to the login page.
    func memberPage(_ handler: @escaping Handler) -> Router.Handler {
        page { request, visitor in
            _ = try visitor.requireUser(request)
            return try handler(request, visitor)
        }
    }

    /// A state-changing POST: refused with 403 unless it carries this visitor's
    /// CSRF token and comes from our own origin.
    func action(_ handler: @escaping Handler) -> Router.Handler {
        { request in
            let visitor = try self.visitor(request)
            try checkOrigin(request)
            guard let sent = FormData(request).csrfToken, Tokens.constantTimeEqual(sent, visitor.csrfToken) else {
                throw HTTPError(.forbidden, message: "error.csrf")
            }
            return finish(try handler(request, visitor), visitor, request)
        }
    }

    /// A state-changing POST for signed-in users.
    func memberAction(_ handler: @escaping Handler) -> Router.Handler {
        action { request, visitor in
            guard visitor.isSignedIn else { throw HTTPError(.seeOther, headers: ["Location": "/login"]) }
            return try handler(request, visitor)
        }
    }

    /// A POST only moderators and admins may make.
    func moderatorAction(_ handler: @escaping Handler) -> Router.Handler {
        memberAction { request, visitor in
            guard visitor.user?.role.canModerate == true else { throw HTTPError(.forbidden) }
            return try handler(request, visitor)
        }
    }

    /// Browsers send `Origin` on POST and `Sec-Fetch-Site`; a cross-site form is refused
    /// even before the token is compared (defence in depth, ASVS 3.5).
    private func checkOrigin(_ request: HTTPRequest) throws {
        if request.headers["Sec-Fetch-Site"] == "cross-site" { throw HTTPError(.forbidden) }
        if let origin = request.headers["Origin"], origin != "null", let host = request.headers["Host"] {
            let own = origin == "http://" + host || origin == "https://" + host
            guard own else { throw HTTPError(.forbidden) }
        }
    }

    /// Cookies are `Secure` when configured so or when a trusted proxy says the
    /// client came over HTTPS.
    func isSecure(_ request: HTTPRequest) -> Bool { secureCookies || request.isHTTPS }

    private func finish(_ response: HTTPResponse, _ visitor: Visitor, _ request: HTTPRequest) -> HTTPResponse {
        var response = response
        if let token = visitor.newCSRFCookie {
            response.setCookie(SetCookie(name: csrfCookie, value: token, secure: isSecure(request)))
        }
        if let language = visitor.chosenLanguage {
            response.setCookie(SetCookie(name: SiteSecurity.languageCookie, value: language.rawValue, maxAge: 365 * 24 * 3600,
                                         secure: isSecure(request)))
        }
        if response.headers["Cache-Control"] == nil, visitor.isSignedIn || response.headers["Set-Cookie"] != nil {
            response.headers["Cache-Control"] = "private, no-store"
        }
        return response
    }

    // MARK: Signing in and out

    /// Starts a new session (a new token at every login) and sets its cookie.
    func signIn(_ user: User, replacing old: StoredSession?, request: HTTPRequest, on response: inout HTTPResponse) throws {
        if let old { try database.deleteSession(old.id) }
        let token = Tokens.random()
        try database.createSession(user: user.id, tokenHash: Tokens.sha256(token), csrfToken: Tokens.random())
        response.setCookie(SetCookie(name: sessionCookie, value: token, secure: isSecure(request)))
    }

    func signOut(_ visitor: Visitor, request: HTTPRequest, on response: inout HTTPResponse) throws {
        if let session = visitor.session { try database.deleteSession(session.id) }
        response.setCookie(.expired(sessionCookie, secure: isSecure(request)))
    }
}

import Foundation
