import Localization
import Foundation
import HTTPServer
import Mustache
import RoomExchange
import Storage

/// `/password-reset`: asking for a link by e-mail, and setting a new password
/// with it. The link's token is single-use, valid for `validFor` seconds, and
/// stored only as its SHA-256; using it ends every session of the account.
struct PasswordResetPages: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let hasher: PasswordHasher
    let validFor: Int64

    static let sentMessage = "password_reset.sent"

    func showRequestForm(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let sent = request.queryItems["sent"] == "1"
        return try renderRequest(email: "", errors: FieldErrors(), sent: sent, visitor, status: .ok)
    }

    /// The same answer whether or not an account has the address, so the form
    /// tells nobody who is registered.
    func requestReset(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let email = FormData(request).text("email").lowercased()
        guard RegistrationForm.isEmail(email) else {
            var errors = FieldErrors()
            errors.add("email", "account.error.email_invalid")
            return try renderRequest(email: email, errors: errors, sent: false, visitor, status: .unprocessableContent)
        }
        let token = Tokens.random()
        try database.requestPasswordReset(email: email, token: token, tokenHash: Tokens.sha256(token), validFor: validFor)
        return .redirect(to: "/password-reset?sent=1")
    }

    func showResetForm(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let token = request.parameters["token"] ?? ""
        let state = try state(of: token)
        guard case .valid = state else { return try renderInvalid(token: token, state, visitor) }
        return try renderNewPassword(token: token, errors: FieldErrors(), visitor, status: .ok)
    }

    func resetPassword(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let token = request.parameters["token"] ?? ""
        let state = try state(of: token)
        guard case .valid(let userID) = state, let user = try database.user(userID) else { return try renderInvalid(token: token, state, visitor) }
        let password = FormData(request)["password"] ?? ""
        if let problem = RegistrationForm.passwordProblem(password, email: user.email) {
            var errors = FieldErrors()
            errors.add("password", problem)
            return try renderNewPassword(token: token, errors: errors, visitor, status: .unprocessableContent)
        }
        // The state is checked again inside the transaction: of two requests with one token, one wins.
        let result = try database.resetPassword(tokenHash: Tokens.sha256(token), to: try hasher.hash(password))
        guard case .valid = result else { return try renderInvalid(token: token, result, visitor) }
        return .redirect(to: "/login?reset=1")
    }

    private func state(of token: String) throws -> PasswordResetState {
        guard token.utf8.count == 43 else { return .unknown }
        return try database.passwordReset(tokenHash: Tokens.sha256(token))
    }

    private func renderRequest(email: String, errors: FieldErrors, sent: Bool, _ visitor: Visitor, status: HTTPStatus) throws -> HTTPResponse {
        var form = FormContext(fields: [
            FieldContext(name: "email", label: visitor.texts("password_reset.field.email"), kind: .input(type: "email"), value: email, required: true,
                         autocomplete: "email"),
        ], errors: errors, visitor: visitor)
        form.extra = ["sent": .text(sent ? visitor.texts(PasswordResetPages.sentMessage) : nil)]
        return try pages.page(.passwordReset, form, layout: LayoutContext(title: AccountPages.title("password_reset.title", failed: !errors.isEmpty, visitor),
                                                                        canonicalPath: "/password-reset", visitor: visitor), status: status)
    }

    private func renderNewPassword(token: String, errors: FieldErrors, _ visitor: Visitor, status: HTTPStatus) throws -> HTTPResponse {
        var form = FormContext(fields: [
            FieldContext(name: "password", label: visitor.texts("account.field.new_password"), kind: .input(type: "password"),
                         hint: visitor.texts("account.field.password_hint"),
                         required: true, autocomplete: "new-password"),
        ], errors: errors, visitor: visitor)
        form.extra = ["action": .text("/password-reset/" + token), "valid": .bool(true)]
        var response = try pages.page(.passwordResetNew, form, layout: LayoutContext(title: AccountPages.title("password_reset.new.title", failed: !errors.isEmpty, visitor),
                                                                                   canonicalPath: "/password-reset", visitor: visitor), status: status)
        // The token is in this page's address: no referrer, no cache.
        response.headers["Cache-Control"] = "private, no-store"
        return response
    }

    /// An unknown link is 404; an expired or used one 410, both with a way to ask again.
    private func renderInvalid(token: String, _ state: PasswordResetState, _ visitor: Visitor) throws -> HTTPResponse {
        let message = switch state {
        case .used: visitor.texts("password_reset.invalid.used")
        case .expired: visitor.texts("password_reset.invalid.expired")
        case .unknown, .valid: visitor.texts("password_reset.invalid.unknown")
        }
        var form = FormContext(fields: [], visitor: visitor)
        form.extra = ["invalid": .text(message)]
        let status: HTTPStatus = state == .unknown ? .notFound : .gone
        var response = try pages.page(.passwordResetNew, form, layout: LayoutContext(title: visitor.texts("password_reset.invalid.title"), canonicalPath: "/password-reset", visitor: visitor),
                                      status: status)
        response.headers["Cache-Control"] = "private, no-store"
        return response
    }
}
