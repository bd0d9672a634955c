import Foundation
import HTTPServer
import Localization
import Mustache
import RoomExchange
import Storage

/// `/admin/mail` (admins only): how many messages wait, went out or were given
/// up, with the given-up and waiting ones and their last error.
struct MailAdminPage: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let transportSummary: String

    func show(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        guard user.role == .admin else { throw HTTPError(.forbidden) }
        let counts = try database.outboxCounts()
        let texts = visitor.texts
        func rows(_ messages: [OutboxMessage]) -> MustacheValue {
            .list(messages.map { message in
                NamedContext(values: [
                    "id": .int(Int(message.id)), "recipient": .text(message.recipient), "kind": .text(MailAdminPage.kindLabel(message.kind, texts)),
                    "subject": .text(message.subject), "created": .text(texts.dateTime(message.createdAt)), "attempts": .int(message.attempts),
                    "error": .text(message.lastError), "failed": .text(message.failedAt.map(texts.dateTime)),
                    "next": .text(texts.dateTime(message.nextAttemptAt)),
                ])
            })
        }
        let failed = try database.outboxMessages(failed: true)
        let pending = try database.outboxMessages(failed: false)
        let context = NamedContext(values: [
            "transport": .text(transportSummary),
            "pending_count": .int(counts.pending), "sent_count": .int(counts.sent), "failed_count": .int(counts.failed),
            "failed": rows(failed), "has_failed": .bool(!failed.isEmpty),
            "pending": rows(pending), "has_pending": .bool(!pending.isEmpty),
        ])
        return try pages.page(.adminMail, context, layout: LayoutContext(title: texts("admin.mail.title"), canonicalPath: "/admin/mail", section: .my, visitor: visitor))
    }

    /// A known kind by its name in the catalogue; an unknown one as it is stored.
    static func kindLabel(_ kind: String, _ texts: Catalog) -> String {
        let key = "admin.mail.kind." + kind
        return MailKind(rawValue: kind) == nil ? kind : texts(key)
    }
}
