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

    init() {}

    init(_ form: FormData) {
        email = form.text("email").lowercased()
        password = form["password"] ?? ""
        name = form.text("name")
        organisationName = form.text("organisation_name")
        organisationKind = form.text("organisation_kind")
        privacy = form.isChecked("privacy")
    }

    func validate(organisationRequired: Bool) -> FieldErrors {
        var errors = FieldErrors()
        if !RegistrationForm.isEmail(email) { errors.add("email", "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@verein.de.") }
        if let problem = RegistrationForm.passwordProblem(password, email: email) { errors.add("password", Phrase(problem)) }
        if name.isEmpty { errors.add("name", "Bitte geben Sie Ihren Namen an.") }
        if name.count > 100 { errors.add("name", "Der Name darf höchstens 100 Zeichen lang sein.") }
        if organisationRequired {
            if organisationName.isEmpty { errors.add("organisation_name", "Bitte geben Sie den Namen Ihrer Organisation an.") }
            if organisationName.count > 200 { errors.add("organisation_name", "Der Name darf höchstens 200 Zeichen lang sein.") }
            if Organisation.Kind(rawValue: organisationKind) == nil { errors.add("organisation_kind", "Bitte wählen Sie aus, welche Art von Organisation es ist.") }
        }
        if !privacy { errors.add("privacy", "Bitte stimmen Sie der Datenschutzerklärung zu, damit wir Ihr Konto anlegen dürfen.") }
        return errors
    }

    var fields: [FieldContext] {
        [
            FieldContext(name: "name", label: "Ihr Name", value: name, required: true, autocomplete: "name", maxLength: 100),
            FieldContext(name: "email", label: "E-Mail-Adresse", kind: .input(type: "email"), value: email, required: true, autocomplete: "email"),
            FieldContext(name: "password", label: "Passwort", kind: .input(type: "password"),
                         hint: "Mindestens 10 Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und schwer zu erraten.",
                         required: true, autocomplete: "new-password"),
            FieldContext(name: "organisation_name", label: "Name Ihrer Organisation", value: organisationName,
                         hint: "Wenn Sie eingeladen wurden, treten Sie der einladenden Organisation bei; dann bleibt dieses Feld leer.",
                         autocomplete: "organization", maxLength: 200),
            FieldContext(name: "organisation_kind", label: "Art der Organisation",
                         kind: .select([FieldContext.Option(value: "", label: "Bitte wählen")]
                             + Organisation.Kind.allCases.map { FieldContext.Option(value: $0.rawValue, label: $0.label) }),
                         value: organisationKind),
            FieldContext(name: "privacy", label: "Ich habe die Datenschutzerklärung gelesen und stimme ihr zu.", kind: .checkbox,
                         value: privacy ? "1" : "", required: true),
        ]
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }

    /// Why a new password is refused, or nil (ASVS 6.2: length, no composition rules, no common passwords).
    static func passwordProblem(_ password: String, email: String) -> String? {
        if password.count < 10 { return "Das Passwort muss mindestens 10 Zeichen lang sein." }
        if password.utf8.count > 1024 { return "Das Passwort darf höchstens 1024 Zeichen lang sein." }
        if CommonPasswords.contains(password) || password.lowercased() == email.lowercased() {
            return "Dieses Passwort ist zu bekannt und leicht zu erraten. Bitte wählen Sie ein anderes."
        }
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

    static let savedMessages = [
        "name": "Ihr Name wurde gespeichert.",
        "email": "Ihre E-Mail-Adresse wurde geändert.",
        "password": "Ihr Passwort wurde geändert. Alle anderen Sitzungen wurden beendet.",
        "calendar": "Die Kalenderadresse wurde erneuert; die alte funktioniert nicht mehr.",
        "mail": "Ihre Einstellungen für E-Mails wurden gespeichert.",
    ]
}

struct AccountPageContext: MustacheContext {
    let forms: AccountForms
    let visitor: Visitor
    let saved: String?
    let calendarPath: String
    var mailPreferences: [MailTopic: Bool] = [:]

    static func mailLabel(_ topic: MailTopic) -> String {
        switch topic {
        case .bookingRequests: "Neue Buchungen und Anfragen für Räume meiner Organisation"
        case .bookingChanges: "Bestätigungen, Ablehnungen und Stornierungen von Buchungen"
        case .bookingReminders: "Erinnerung am Tag vor einer Buchung"
        case .roomModeration: "Entscheidungen der Stadt über die Räume meiner Organisation"
        }
    }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "mail_form":
            return .context(FormContext(fields: MailTopic.allCases.map { topic in
                FieldContext(name: "mail_" + topic.rawValue, label: AccountPageContext.mailLabel(topic), kind: .checkbox,
                             value: mailPreferences[topic] ?? true ? "1" : "")
            }, visitor: visitor))
        case "calendar_path": return .text(calendarPath)
        case "saved": return .text(saved)
        case "csrf_token": return .text(visitor.csrfToken)
        case "name_form":
            return .context(FormContext(fields: [FieldContext(name: "name", label: "Ihr Name", value: forms.name, required: true, autocomplete: "name", maxLength: 100)],
                                        errors: forms.errors, visitor: visitor))
        case "email_form":
            return .context(FormContext(fields: [
                FieldContext(name: "email", label: "Neue E-Mail-Adresse", kind: .input(type: "email"), value: forms.email, required: true, autocomplete: "email"),
                FieldContext(name: "email_password", label: "Ihr Passwort zur Bestätigung", kind: .input(type: "password"), required: true, autocomplete: "current-password"),
            ], errors: forms.errors, visitor: visitor))
        case "password_form":
            return .context(FormContext(fields: [
                FieldContext(name: "current_password", label: "Bisheriges Passwort", kind: .input(type: "password"), required: true, autocomplete: "current-password"),
                FieldContext(name: "new_password", label: "Neues Passwort", kind: .input(type: "password"), hint: "Mindestens 10 Zeichen.", required: true, autocomplete: "new-password"),
            ], errors: forms.errors, visitor: visitor))
        case "delete_form":
            return .context(FormContext(fields: [
                FieldContext(name: "delete_password", label: "Ihr Passwort zur Bestätigung", kind: .input(type: "password"), required: true, autocomplete: "current-password"),
                FieldContext(name: "confirm", label: "Ja, mein Konto und meine persönlichen Daten sollen gelöscht werden.", kind: .checkbox, required: true),
            ], errors: forms.errors, visitor: visitor))
        default: return .missing
        }
    }
}
