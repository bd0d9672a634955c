import Localization
import Mustache
import RoomExchange

/// One form control with its label, value, hint and error, rendered by the
/// `partials/field*` templates so every form gets labels, `aria-describedby` and
/// `aria-invalid` the same way.
struct FieldContext: MustacheContext {
    enum Kind { case input(type: String), textarea(rows: Int), select([Option]), checkbox }

    struct Option {
        let value: String
        let label: String
    }

    let name: String
    let label: String
    var kind = Kind.input(type: "text")
    var value = ""
    var error: String?
    var hint: String?
    var required = false
    var autocomplete: String?
    /// Extra attributes for numbers and times, e.g. `min="1"`.
    var min: String?
    var step: String?
    var maxLength: Int?

    var id: String { "field-" + name.replacingOccurrences(of: "_", with: "-") }

    func value(for key: String) -> MustacheValue {
        switch key {
        case "id": return .text(id)
        case "name": return .text(name)
        case "label": return .text(label)
        case "value": return .text(value)
        case "error": return .text(error)
        case "error_id": return .text(id + "-error")
        case "hint": return .text(hint)
        case "hint_id": return .text(id + "-hint")
        case "describedby":
            let ids = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
            return ids.isEmpty ? .missing : .text(ids.joined(separator: " "))
        case "required": return .bool(required)
        case "autocomplete": return .text(autocomplete)
        case "min": return .text(min)
        case "step": return .text(step)
        case "maxlength": return maxLength.map { .int($0) } ?? .missing
        case "checked": return .bool(value == "1")
        case "is_input": if case .input = kind { return .bool(true) } else { return .bool(false) }
        case "is_textarea": if case .textarea = kind { return .bool(true) } else { return .bool(false) }
        case "is_select": if case .select = kind { return .bool(true) } else { return .bool(false) }
        case "is_checkbox": if case .checkbox = kind { return .bool(true) } else { return .bool(false) }
        case "type": if case .input(let type) = kind { return .text(type) } else { return .missing }
        case "rows": if case .textarea(let rows) = kind { return .int(rows) } else { return .missing }
        case "options":
            guard case .select(let options) = kind else { return .missing }
            return .list(options.map { option in
                NamedContext(values: ["value": .text(option.value), "label": .text(option.label), "selected": .bool(option.value == value)])
            })
        default: return .missing
        }
    }
}

/// A form's fields by name plus its error summary and CSRF token.
struct FormContext: MustacheContext {
    var fields: [FieldContext]
    var csrfToken: String
    /// A message for the whole form (wrong password, conflict).
    var formError: String?
    /// Further values the template needs beside the fields.
    var extra: [String: MustacheValue] = [:]

    /// Field errors become words in the visitor's language here.
    init(fields: [FieldContext], errors: FieldErrors = FieldErrors(), visitor: Visitor, formError: String? = nil) {
        self.fields = fields.map { field in
            var field = field
            field.error = errors[field.name].map(visitor.texts.callAsFunction)
            return field
        }
        self.csrfToken = visitor.csrfToken
        self.formError = formError
    }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "csrf_token": return .text(csrfToken)
        case "form_error": return .text(formError)
        case "has_errors": return .bool(formError != nil || fields.contains { $0.error != nil })
        case "errors":
            return .list(fields.compactMap { field in
                // A checkbox label is a sentence; its full stop does not belong before the colon.
                field.error.map { NamedContext(values: ["field_id": .text(field.id),
                                                        "message": .text("\(field.label.hasSuffix(".") ? String(field.label.dropLast()) : field.label): \($0)")]) }
            })
        case "all_fields": return .list(fields)
        default:
            if let value = extra[name] { return value }
            if let field = fields.first(where: { $0.name == name }) { return .context(field) }
            return .missing
        }
    }
}
