import Localization
import HTTPServer
import Mustache
import RoomExchange
import Storage

/// The registration form: raw input kept for the re-render, checked in one place.
struct RegistrationForm {
    var email = ""
    var password = ""
    var name = ""
    var organisationName = ""
    var organisationKind = ""
    var privacy = false
    /// The token of the invitation link the person followed, or empty.
    var invitation = ""

    init() {}

    init(_ form: FormData) {
        invitation = form.text("invitation")
        email = form.text("email").lowercased()
        password = form["password"] ?? ""
        name = form.text("name")
        organisationName = form.text("organisation_name")
        organisationKind = form.text("organisation_kind")
        privacy = form.isChecked("privacy")
    }

    /// Someone who follows an invitation joins that organisation and names none.
    func validate() -> FieldErrors {
        var errors = FieldErrors()
        if !RegistrationForm.isEmail(email) { errors.add("email", "account.error.email_invalid") }
        if let problem = RegistrationForm.passwordProblem(password, email: email) { errors.add("password", problem) }
        if name.isEmpty { errors.add("name", "account.error.name_missing") }
        if name.count > 100 { errors.add("name", Phrase("account.error.name_too_long", ["max": "100"])) }
        if invitation.isEmpty {
            if organisationName.isEmpty { errors.add("organisation_name", "register.error.organisation_missing") }
            if organisationName.count > 200 { errors.add("organisation_name", Phrase("account.error.name_too_long", ["max": "200"])) }
            if Organisation.Kind(rawValue: organisationKind) == nil { errors.add("organisation_kind", "register.error.organisation_kind") }
        }
        if !privacy { errors.add("privacy", "register.error.privacy") }
        return errors
    }

    func fields(_ texts: Catalog) -> [FieldContext] {
        [
            FieldContext(name: "name", label: texts("account.field.name"), value: name, required: true, autocomplete: "name", maxLength: 100),
            FieldContext(name: "email", label: texts("account.field.email"), kind: .input(type: "email"), value: email, required: true, autocomplete: "email"),
            FieldContext(name: "password", label: texts("account.field.password"), kind: .input(type: "password"),
                         hint: texts("account.field.password_hint"), required: true, autocomplete: "new-password"),
            FieldContext(name: "organisation_name", label: texts("register.field.organisation_name"), value: organisationName,
                         hint: texts("register.field.organisation_name_hint"), required: true, autocomplete: "organization", maxLength: 200),
            FieldContext(name: "organisation_kind", label: texts("register.field.organisation_kind"),
                         kind: .select([FieldContext.Option(value: "", label: texts("register.field.organisation_kind_choose"))]
                             + Organisation.Kind.allCases.map { FieldContext.Option(value: $0.rawValue, label: texts.label($0)) }),
                         value: organisationKind, required: true),
            FieldContext(name: "privacy", label: texts("register.field.privacy"), kind: .checkbox, value: privacy ? "1" : "", required: true),
        ]
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }

    /// Why a new password is refused, or nil (ASVS 6.2: length, no composition rules, no common passwords).
    static func passwordProblem(_ password: String, email: String) -> Phrase? {
        if password.count < 10 { return "account.error.password_too_short" }
        if password.utf8.count > 1024 { return "account.error.password_too_long" }
        if CommonPasswords.contains(password) || password.lowercased() == email.lowercased() { return "account.error.password_common" }
        return nil
    }
}

/// The forms of `/my/account`, each with its own fields.
struct AccountForms {
    var name: String
    var email: String
    var errors = FieldErrors()

    init(user: User) {
        name = user.name
        email = user.email
    }

    /// The notice after a redirect with `?saved=…`, by its catalogue key.
    static let savedMessages = [
        "name": "account.saved.name",
        "email": "account.saved.email",
        "password": "account.saved.password",
        "calendar": "account.saved.calendar",
        "mail": "account.saved.mail",
        "language": "account.saved.language",
    ]
}

struct AccountPageContext: MustacheContext {
    let forms: AccountForms
    let visitor: Visitor
    let saved: String?
    /// Whole, for pasting into a calendar program.
    let calendarURL: String
    var mailPreferences: [MailTopic: Bool] = [:]
    /// The language stored with the account, checked in the language form.
    var language = Language.default

    static func mailLabel(_ topic: MailTopic) -> String { "account.mail.topic." + topic.rawValue }

    func value(for name: String) -> MustacheValue {
        let texts = visitor.texts
        switch name {
        case "mail_form":
            return .context(FormContext(fields: MailTopic.allCases.map { topic in
                FieldContext(name: "mail_" + topic.rawValue, label: texts(AccountPageContext.mailLabel(topic)), kind: .checkbox,
                             value: mailPreferences[topic] ?? true ? "1" : "")
            }, visitor: visitor))
        case "languages":
            // Each language named in itself, as a language choice must be.
            return .list(Language.allCases.map { option in
                NamedContext(values: ["code": .text(option.rawValue), "name": .text(LayoutContext.languageNames[option]),
                                      "selected": .bool(option == language)])
            })
        case "calendar_url": return .text(calendarURL)
        case "saved": return .text(saved)
        case "csrf_token": return .text(visitor.csrfToken)
        case "name_form":
            return .context(FormContext(fields: [FieldContext(name: "name", label: texts("account.field.name"), value: forms.name, required: true,
                                                              autocomplete: "name", maxLength: 100)],
                                        errors: forms.errors, visitor: visitor))
        case "email_form":
            return .context(FormContext(fields: [
                FieldContext(name: "email", label: texts("account.field.new_email"), kind: .input(type: "email"), value: forms.email, required: true, autocomplete: "email"),
                FieldContext(name: "email_password", label: texts("account.field.confirm_password"), kind: .input(type: "password"), required: true,
                             autocomplete: "current-password"),
            ], errors: forms.errors, visitor: visitor))
        case "password_form":
            return .context(FormContext(fields: [
                FieldContext(name: "current_password", label: texts("account.field.current_password"), kind: .input(type: "password"), required: true,
                             autocomplete: "current-password"),
                FieldContext(name: "new_password", label: texts("account.field.new_password"), kind: .input(type: "password"),
                             hint: texts("account.field.new_password_hint"), required: true, autocomplete: "new-password"),
            ], errors: forms.errors, visitor: visitor))
        case "delete_form":
            return .context(FormContext(fields: [
                FieldContext(name: "delete_password", label: texts("account.field.confirm_password"), kind: .input(type: "password"), required: true,
                             autocomplete: "current-password"),
                FieldContext(name: "confirm", label: texts("account.field.delete_confirm"), kind: .checkbox, required: true),
            ], errors: forms.errors, visitor: visitor))
        default: return .missing
        }
    }
}
