import Localization
import Foundation
import HTTPServer
import RoomExchange
import Storage

/// Registration, login, logout and the account page.
struct AccountPages: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let security: SiteSecurity
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let accountThrottle: LoginThrottle

    // MARK: Register

    /// Like logging in, registering leads on to `next` (a room's booking form
    /// that sent the person here) or else to their overview.
    func showRegister(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let query = request.queryItems
        let next = AccountPages.safeNext(query["next"])
        if visitor.isSignedIn { return .redirect(to: next) }
        var form = RegistrationForm()
        guard let token = query["invitation"] else { return try renderRegister(form, next: next, errors: FieldErrors(), visitor) }
        // An invitation link: the form names the organisation and offers the invited address.
        guard let invitation = try database.openInvitation(tokenHash: Tokens.sha256(token)) else {
            return try renderRegister(form, next: next, errors: FieldErrors(), formError: "register.invitation.invalid", visitor, status: .gone)
        }
        form.invitation = token
        form.email = invitation.email
        return try renderRegister(form, joining: invitation, next: next, errors: FieldErrors(), visitor)
    }

    func register(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let data = FormData(request)
        var form = RegistrationForm(data)
        let next = AccountPages.safeNext(data["next"])
        var invitation: OpenInvitation?
        var formError: String?
        if !form.invitation.isEmpty {
            invitation = try database.openInvitation(tokenHash: Tokens.sha256(form.invitation))
            if invitation == nil {
                // Used or expired since the form was shown: offer the form for one's own organisation.
                form.invitation = ""
                formError = "register.invitation.invalid"
            }
        }
        var errors = form.validate()
        if errors.isEmpty && formError == nil {
            let membership: NewAccount.Membership = form.invitation.isEmpty
                ? .founding(name: form.organisationName, kind: Organisation.Kind(rawValue: form.organisationKind) ?? .other)
                : .invited(tokenHash: Tokens.sha256(form.invitation))
            do {
                // The account keeps the language the person registered in: pages after
                // login and every e-mail use it.
                let id = try database.register(NewAccount(
                    email: form.email, name: form.name, passwordHash: try hasher.hash(form.password), membership: membership, language: visitor.language
                ))
                guard let user = try database.user(id) else { throw HTTPError(.internalServerError) }
                var response = HTTPResponse.redirect(to: next)
                try security.signIn(user, replacing: visitor.session, request: request, on: &response)
                return response
            } catch is EmailTaken {
                errors.add("email", "register.error.email_taken")
            } catch is InvitationInvalid {
                form.invitation = ""
                invitation = nil
                formError = "register.invitation.invalid"
            }
        }
        return try renderRegister(form, joining: invitation, next: next, errors: errors, formError: formError, visitor, status: .unprocessableContent)
    }

    private func renderRegister(_ form: RegistrationForm, joining invitation: OpenInvitation? = nil, next: String, errors: FieldErrors,
                                formError: String? = nil, _ visitor: Visitor, status: HTTPStatus = .ok) throws -> HTTPResponse {
        var context = FormContext(fields: form.fields(visitor.texts), errors: errors, visitor: visitor, formError: formError.map { visitor.texts($0) })
        context.extra = [
            "next": .text(next), "invitation": .text(invitation == nil ? nil : form.invitation),
            "joining": .text(invitation.map { visitor.texts("register.invitation.joining", ["organisation": $0.organisationName]) }),
        ]
        return try pages.page(.register, context,
                       layout: LayoutContext(title: AccountPages.title("register.title", failed: !errors.isEmpty || formError != nil, visitor), canonicalPath: "/register",
                                             visitor: visitor),
                       status: status)
    }

    // MARK: Login

    func showLogin(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let next = AccountPages.safeNext(request.queryItems["next"])
        if visitor.isSignedIn { return .redirect(to: next) }
        let notice = request.queryItems["reset"] == "1" ? visitor.texts("login.notice.reset") : nil
        return try renderLogin(email: "", next: next, message: nil, notice: notice, visitor, status: .ok)
    }

    func login(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let form = FormData(request)
        let email = form.text("email").lowercased()
        let password = form["password"] ?? ""
        let next = AccountPages.safeNext(form["next"])
        // Failures lock per client address and per account from that address, so
        // nobody elsewhere can lock a person out of their own account; per account
        // from everywhere they only space attempts out (a second or two).
        let keys = ["ip:" + request.remoteAddress, "account:" + email + "|" + request.remoteAddress]
        if let until = throttle.lockedUntil(keys) {
            let minutes = max(1, Int(until.timeIntervalSinceNow / 60 + 0.99))
            return try renderLogin(email: email, next: next, message: visitor.texts.plural("login.error.locked", minutes), visitor, status: .tooManyRequests)
        }
        // Too soon after the last failures: refused without trying the password, so it does not count.
        if throttle.wait(for: keys) > 0 || accountThrottle.wait(for: [email]) > 0 {
            return try renderLogin(email: email, next: next, message: visitor.texts("login.error.slow_down"), visitor, status: .tooManyRequests)
        }
        let credentials = try database.credentials(email: email)
        if credentials == nil { hasher.verifyNothing(password) }
        guard let (user, hash) = credentials, hasher.verify(password, against: hash) else {
            throttle.recordFailure(keys)
            accountThrottle.recordFailure([email])
            return try renderLogin(email: email, next: next, message: visitor.texts("login.error.failed"), visitor, status: .unprocessableContent)
        }
        throttle.recordSuccess(account: keys[1])
        accountThrottle.recordSuccess(account: email)
        var response = HTTPResponse.redirect(to: next)
        try security.signIn(user, replacing: visitor.session, request: request, on: &response)
        return response
    }

    private func renderLogin(email: String, next: String, message: String?, notice: String? = nil, _ visitor: Visitor, status: HTTPStatus) throws -> HTTPResponse {
        let fields = [
            FieldContext(name: "email", label: visitor.texts("account.field.email"), kind: .input(type: "email"), value: email, required: true,
                         autocomplete: "username"),
            FieldContext(name: "password", label: visitor.texts("account.field.password"), kind: .input(type: "password"), required: true,
                         autocomplete: "current-password"),
        ]
        var context = FormContext(fields: fields, visitor: visitor, formError: message)
        context.extra = ["next": .text(next), "notice": .text(notice),
                         "register_url": .text(next == AccountPages.overview ? "/register" : "/register?next=" + next.percentEncoded())]
        return try pages.page(.login, context, layout: LayoutContext(title: AccountPages.title("login.title", failed: message != nil, visitor),
                                                                              canonicalPath: "/login", visitor: visitor), status: status)
    }

    /// Only paths of this site: `/x` but not `//host` or `/\host`. Browsers drop
    /// tabs and newlines from URLs and read `\` as `/`, so `/<TAB>/host` would
    /// lead away too: no whitespace, control character or backslash anywhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
              !next.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" || $0.properties.isWhitespace })
        else { return overview }
        return next
    }

    /// Where logging in or registering leads without a `next`.
    static let overview = "/my"

    func logout(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        var response = HTTPResponse.redirect(to: "/")
        try security.signOut(visitor, request: request, on: &response)
        return response
    }

    // MARK: My account

    func showAccount(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        let saved = AccountForms.savedMessages[request.queryItems["saved"] ?? ""].map { visitor.texts($0) }
        return try renderAccount(request, user, visitor, forms: AccountForms(user: user), saved: saved, status: .ok)
    }

    /// One POST for the account page; `action` says which of its forms was sent.
    func updateAccount(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        let form = FormData(request)
        var forms = AccountForms(user: user)
        let storedHash = try database.passwordHash(of: user.id) ?? ""
        switch form["action"] {
        case "name":
            forms.name = form.text("name")
            if forms.name.isEmpty || forms.name.count > 100 {
                forms.errors.add("name", Phrase("account.error.name", ["max": "100"]))
            } else {
                try database.updateName(of: user.id, to: forms.name)
                return .redirect(to: "/my/account?saved=name")
            }
        case "email":
            forms.email = form.text("email").lowercased()
            if !RegistrationForm.isEmail(forms.email) {
                forms.errors.add("email", "account.error.email_invalid")
            } else if !hasher.verify(form["email_password"] ?? "", against: storedHash) {
                forms.errors.add("email_password", "account.error.password_wrong")
            } else {
                do {
                    try database.updateEmail(of: user.id, to: forms.email)
                    return .redirect(to: "/my/account?saved=email")
                } catch is EmailTaken {
                    forms.errors.add("email", "account.error.email_taken_other")
                }
            }
        case "password":
            let new = form["new_password"] ?? ""
            if !hasher.verify(form["current_password"] ?? "", against: storedHash) {
                forms.errors.add("current_password", "account.error.current_password_wrong")
            } else if let problem = RegistrationForm.passwordProblem(new, email: user.email) {
                forms.errors.add("new_password", problem)
            } else {
                // Every other session ends (ASVS 7.4.3); this one stays.
                try database.updatePassword(of: user.id, to: try hasher.hash(new), keepingSession: visitor.session?.id)
                return .redirect(to: "/my/account?saved=password")
            }
        case "mail":
            let choices = Dictionary(uniqueKeysWithValues: MailTopic.allCases.map { ($0, form.isChecked("mail_" + $0.rawValue)) })
            try database.setMailPreferences(of: user.id, choices)
            return .redirect(to: "/my/account?saved=mail#benachrichtigungen")
        case "language":
            // Stored with the account (e-mails, the next login elsewhere) and set as
            // the cookie, so this browser shows the next page in it at once.
            guard let language = form["language"].flatMap(Language.init(rawValue:)) else { throw HTTPError(.badRequest) }
            try database.setLanguage(of: user.id, to: language)
            var response = HTTPResponse.redirect(to: "/my/account?saved=language#sprache")
            response.setCookie(SetCookie(name: SiteSecurity.languageCookie, value: language.rawValue, maxAge: 365 * 24 * 3600,
                                         secure: security.isSecure(request)))
            return response
        case "calendar":
            try database.renewCalendarToken(of: user.id, to: Tokens.random())
            return .redirect(to: "/my/account?saved=calendar#kalender")
        case "delete":
            if !hasher.verify(form["delete_password"] ?? "", against: storedHash) {
                forms.errors.add("delete_password", "account.error.password_wrong")
            } else if form["confirm"] != "1" {
                forms.errors.add("confirm", "account.error.delete_confirm")
            } else {
                try database.deleteUser(user.id)
                var response = HTTPResponse.redirect(to: "/?deleted=1")
                response.setCookie(.expired(security.sessionCookie, secure: security.isSecure(request)))
                return response
            }
        default:
            throw HTTPError(.badRequest)
        }
        return try renderAccount(request, user, visitor, forms: forms, saved: nil, status: .unprocessableContent)
    }

    /// All data stored about the user, as a JSON download.
    func exportAccount(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        let data = try JSONSerialization.data(withJSONObject: try database.exportData(of: user.id), options: [.prettyPrinted, .sortedKeys])
        var response = HTTPResponse.json(Array(data))
        response.headers["Content-Disposition"] = "attachment; filename=\"" + visitor.texts("account.data.filename") + "\""
        response.headers["Cache-Control"] = "private, no-store"
        return response
    }

    private func renderAccount(_ request: HTTPRequest, _ user: User, _ visitor: Visitor, forms: AccountForms, saved: String?, status: HTTPStatus) throws -> HTTPResponse {
        let token = try database.calendarToken(of: user.id, creatingWith: Tokens.random())
        let context = AccountPageContext(forms: forms, visitor: visitor, saved: saved, calendarURL: Paths.siteURL(of: request) + "/my/bookings.ics?token=" + token,
                                         mailPreferences: try database.mailPreferences(of: user.id), language: user.language)
        return try pages.page(.account, context, layout: LayoutContext(title: AccountPages.title("account.title", failed: !forms.errors.isEmpty, visitor),
                                                                       canonicalPath: "/my/account", visitor: visitor), status: status)
    }

    /// A page title from the catalogue; a form that failed says so first, so a
    /// screen reader hears it before anything else.
    static func title(_ key: String, failed: Bool, _ visitor: Visitor) -> String {
        (failed ? visitor.texts("common.title_error_prefix") : "") + visitor.texts(key)
    }
}
