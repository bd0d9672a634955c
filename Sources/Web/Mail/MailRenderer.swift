import Foundation
import Mustache
import RoomExchange
import Storage

/// Turns an outbox message (kind + facts) into subject, plain text and HTML from
/// `Templates/mail/`: `KIND.txt` and `KIND.html` inside `layout.txt` and
/// `layout.html`. The text part is rendered without HTML escaping.
struct MailRenderer: Sendable {
    let library: MustacheLibrary

    struct Rendered: Equatable {
        let subject: String
        let text: String
        let html: String
    }

    /// Fails at start-up when a kind lacks one of its templates.
    init(library: MustacheLibrary) throws {
        self.library = library
        let names = ["mail/layout.txt", "mail/layout.html"] + MailKind.allCases.flatMap { [MailRenderer.template($0, "txt"), MailRenderer.template($0, "html")] }
        for name in names where !library.contains(name) {
            throw MustacheError(template: name, line: 0, column: 0, message: "mail template is missing")
        }
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
        let context = MailContext(kind: kind, message: message, baseURL: baseURL)
        let subject = MailRenderer.subject(kind, context)
        var bodies: [String] = []
        for format in ["txt", "html"] {
            var body: [UInt8] = []
            try library.render(MailRenderer.template(kind, format), context, into: &body, escapingHTML: format == "html")
            var layout = context
            layout.subject = subject
            layout.body = String(decoding: body, as: UTF8.self)
            var output: [UInt8] = []
            try library.render("mail/layout." + format, layout, into: &output, escapingHTML: format == "html")
            bodies.append(String(decoding: output, as: UTF8.self))
        }
        return Rendered(subject: subject, text: bodies[0], html: bodies[1])
    }

    static func subject(_ kind: MailKind, _ context: MailContext) -> String {
        let room = context.values["room_title"] ?? ""
        let confirmed = context.values["confirmed"] == "1"
        switch kind {
        case .bookingRequested: return (confirmed ? "Neue Buchung: " : "Neue Buchungsanfrage: ") + room
        case .seriesCreated: return (confirmed ? "Neue Serienbuchung" : "Neue Serienanfrage") + " (\(context.times.count) Termine): " + room
        case .bookingConfirmed: return "Buchung bestätigt: " + room
        case .bookingDeclined: return "Buchungsanfrage abgelehnt: " + room
        case .bookingCancelled: return "Buchung storniert: " + room
        case .bookingReminder: return "Erinnerung: " + room + ", " + (context.firstWhen ?? "")
        case .roomApproved: return "Ihr Raum ist freigegeben: " + room
        case .roomRejected: return "Ihr Raum wurde nicht freigegeben: " + room
        case .roomUnpublished: return "Ihr Raum wurde offline genommen: " + room
        case .invitation: return "Einladung in die Raumbörse Lübeck: " + (context.values["organisation"] ?? "")
        case .passwordReset: return "Passwort zurücksetzen – Raumbörse Lübeck"
        }
    }
}

/// What the mail templates can use: the message's facts under their own names,
/// the times formatted, and the links of the kind built from the base URL.
struct MailContext: MustacheContext {
    let kind: MailKind
    let values: [String: String]
    let times: [MailPayload.Time]
    let recipientName: String?
    let baseURL: String
    var subject = ""
    var body = ""

    init(kind: MailKind, message: OutboxMessage, baseURL: String) {
        self.kind = kind
        values = message.payload.values
        times = message.payload.times
        recipientName = message.recipientName
        self.baseURL = baseURL
    }

    var firstWhen: String? { times.first.map { Formatting.interval($0.start, $0.end) } }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "subject": return .text(subject)
        case "body": return .text(body)
        case "recipient_name": return .text(recipientName)
        case "site_url": return .text(baseURL + "/")
        case "settings_url": return kind.topic == nil ? .missing : .text(MailRenderer.settingsURL(baseURL))
        case "when": return .text(firstWhen)
        case "times": return .list(times.map { NamedContext(values: ["when": .text(Formatting.interval($0.start, $0.end))]) })
        case "several": return .bool(times.count > 1)
        case "count": return .int(times.count)
        case "booking_url": return .text(values["booking_id"].map { baseURL + "/bookings/" + $0 })
        case "room_url": return .text(values["room_id"].map { baseURL + "/rooms/" + $0 })
        case "edit_url": return .text(values["room_id"].map { baseURL + "/rooms/" + $0 + "/edit" })
        case "my_url": return .text(baseURL + "/my")
        case "register_url": return .text(baseURL + "/register")
        case "login_url": return .text(baseURL + "/login")
        case "reset_url": return .text(values["token"].map { baseURL + "/password-reset/" + $0 })
        case "reset_request_url": return .text(baseURL + "/password-reset")
        case "expires": return .text(values["expires_at"].flatMap { Int64($0) }.map(Formatting.dateTime))
        default:
            if let value = values[name] { return .text(value) }
            return .missing
        }
    }
}
