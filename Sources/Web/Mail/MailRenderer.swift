import Foundation
import Localization
import Mustache
import RoomExchange
import Storage

/// Turns an outbox message (kind + facts) into subject, plain text and HTML from
/// `Templates/mail/`: `KIND.txt` and `KIND.html` inside `layout.txt` and
/// `layout.html`. The text part is rendered without HTML escaping. Each message
/// is written in its own language (the recipient's, fixed when it was queued),
/// with that language's templates, texts and date formats.
struct MailRenderer: Sendable {
    let catalogs: Catalogs
    private let libraries: [Language: MustacheLibrary]

    struct Rendered: Equatable {
        let subject: String
        let text: String
        let html: String
    }

    /// The compiled templates of every language from `pages`; fails at start-up
    /// when a kind lacks one of its templates.
    init(pages: PageRenderer) throws {
        var libraries: [Language: MustacheLibrary] = [:]
        let names = ["mail/layout.txt", "mail/layout.html"] + MailKind.allCases.flatMap { [MailRenderer.template($0, "txt"), MailRenderer.template($0, "html")] }
        for language in Language.allCases {
            let library = pages.library(language)
            for name in names where !library.contains(name) {
                throw MustacheError(template: name, line: 0, column: 0, message: "mail template is missing")
            }
            libraries[language] = library
        }
        self.libraries = libraries
        catalogs = pages.catalogs
    }

    static func template(_ kind: MailKind, _ format: String) -> String {
        "mail/" + kind.rawValue.replacingOccurrences(of: "_", with: "-") + "." + format
    }

    /// Where the user switches kinds of mail off.
    static func settingsURL(_ baseURL: String) -> String { baseURL + "/my/account#benachrichtigungen" }

    func render(_ message: OutboxMessage, baseURL: String) throws -> Rendered {
        guard let kind = MailKind(rawValue: message.kind) else {
            throw MustacheError(template: "mail/" + message.kind, line: 0, column: 0, message: "unknown kind of mail")
        }
        let library = libraries[message.language] ?? libraries[.default]!
        let context = MailContext(kind: kind, message: message, baseURL: baseURL, texts: catalogs[message.language])
        let subject = MailRenderer.subject(kind, context)
        var bodies: [String] = []
        for format in ["txt", "html"] {
            var layout = context
            layout.subject = subject
            try library.render(MailRenderer.template(kind, format), context, into: &layout.body, escapingHTML: format == "html")
            var output: [UInt8] = []
            try library.render("mail/layout." + format, layout, into: &output, escapingHTML: format == "html")
            bodies.append(String(decoding: output, as: UTF8.self))
        }
        return Rendered(subject: subject, text: bodies[0], html: bodies[1])
    }

    static func subject(_ kind: MailKind, _ context: MailContext) -> String {
        let texts = context.texts
        let confirmed = context.values["confirmed"] == "1"
        let changesOnly = context.values["changes_only"] == "1"
        let arguments = [
            "room_title": context.values["room_title"] ?? "", "organisation": context.values["organisation"] ?? "",
            "count": texts.number(context.times.count), "when": context.firstWhen ?? "",
        ]
        let key = switch kind {
        case .bookingRequested: confirmed ? "mail.subject.booking_requested.confirmed" : "mail.subject.booking_requested.request"
        case .seriesCreated: confirmed ? "mail.subject.series_created.confirmed" : "mail.subject.series_created.request"
        case .bookingConfirmed: "mail.subject.booking_confirmed"
        case .bookingDeclined: "mail.subject.booking_declined"
        case .bookingCancelled: "mail.subject.booking_cancelled"
        case .bookingReminder: "mail.subject.booking_reminder"
        case .roomApproved: changesOnly ? "mail.subject.room_changes_approved" : "mail.subject.room_approved"
        case .roomRejected: changesOnly ? "mail.subject.room_changes_rejected" : "mail.subject.room_rejected"
        case .roomUnpublished: "mail.subject.room_unpublished"
        case .invitation: "mail.subject.invitation"
        case .passwordReset: "mail.subject.password_reset"
        case .emailChanged: "mail.subject.email_changed"
        }
        return texts(key, arguments)
    }
}

/// What the mail templates can use: the message's facts under their own names,
/// the times formatted in the message's language, and the links of the kind
/// built from the base URL.
struct MailContext: MustacheContext {
    let kind: MailKind
    let values: [String: String]
    let times: [MailPayload.Time]
    let recipientName: String?
    let baseURL: String
    let texts: Catalog
    var subject = ""
    /// The message's own part, rendered by its template.
    var body: [UInt8] = []

    init(kind: MailKind, message: OutboxMessage, baseURL: String, texts: Catalog) {
        self.kind = kind
        values = message.payload.values
        times = message.payload.times
        recipientName = message.recipientName
        self.baseURL = baseURL
        self.texts = texts
    }

    var firstWhen: String? { times.first.map { texts.interval($0.start, $0.end) } }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "subject": return .text(subject)
        case "body": return .rendered(body)
        case "lang": return .text(texts.language.rawValue)
        case "recipient_name": return .text(recipientName)
        case "site_url": return .text(baseURL + "/")
        case "settings_url": return kind.topic == nil ? .missing : .text(MailRenderer.settingsURL(baseURL))
        case "when": return .text(firstWhen)
        case "times": return .list(times.map { NamedContext(values: ["when": .text(texts.interval($0.start, $0.end))]) })
        case "several": return .bool(times.count > 1)
        case "count": return .text(texts.number(times.count))
        // The booker with their organisation: `Anna Weiß (Chor e.V.)`.
        case "booker": return .text(values["booker_name"].map { name in name + (values["booker_organisation"].map { " (" + $0 + ")" } ?? "") })
        case "booking_url": return .text(values["booking_id"].map { baseURL + "/bookings/" + $0 })
        case "room_url": return .text(values["room_id"].map { baseURL + "/rooms/" + $0 })
        case "edit_url": return .text(values["room_id"].map { baseURL + "/rooms/" + $0 + "/edit" })
        case "my_url": return .text(baseURL + "/my")
        case "invitation_url": return .text(values["token"].map { baseURL + "/register?invitation=" + $0 })
        case "login_url": return .text(baseURL + "/login")
        case "reset_url": return .text(values["token"].map { baseURL + "/password-reset/" + $0 })
        case "reset_request_url": return .text(baseURL + "/password-reset")
        case "expires": return .text(values["expires_at"].flatMap { Int64($0) }.map(texts.dateTime))
        case "changed": return .text(values["changed_at"].flatMap { Int64($0) }.map(texts.dateTime))
        case "legal_url": return .text(baseURL + "/impressum")
        // A reason the system wrote is a catalogue key; one a person typed stays as it is.
        case "reason": return .text(values["reason"].map(texts.callAsFunction))
        default:
            if let value = values[name] { return .text(value) }
            return .missing
        }
    }
}
