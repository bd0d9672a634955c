import Foundation
import HTTPServer
import Localization
import Mustache
import RoomExchange
import Storage

/// The city staff's queue, decisions, reports, trust, audit log and export.
struct ModerationPages: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    /// Where rejected photos are deleted from.
    let photosDirectory: String

    /// Moderators and admins only; everyone else signed in gets 403.
    static func requireModerator(_ request: HTTPRequest, _ visitor: Visitor) throws -> User {
        let user = try visitor.requireUser(request)
        guard user.role.canModerate else { throw HTTPError(.forbidden) }
        return user
    }

    func showQueue(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        _ = try ModerationPages.requireModerator(request, visitor)
        let queue = try database.moderationQueue()
        let texts = visitor.texts
        func entries(_ list: [QueueEntry]) throws -> MustacheValue {
            .list(try list.map { entry in
                let id = entry.summary.id
                return NamedContext(values: [
                    "card": .context(NamedContext(values: [
                        "district_name": .text(texts.name(entry.summary.district)), "capacity": .text(texts.number(entry.summary.capacity)),
                        "price_label": .text(texts.priceLabel(entry.summary.price)), "excerpt": .text(Formatting.excerpt(entry.summary.description, length: 160)),
                    ])),
                    "title": .text(entry.summary.title),
                    "url": .text(Paths.room(id)),
                    "organisation": .text(entry.summary.organisationName),
                    "organisation_url": .text(Paths.organisation(entry.organisationID)),
                    "trusted": .bool(entry.organisationTrusted),
                    "trust_url": .text("/moderation/organisations/\(entry.organisationID.rawValue)/" + (entry.organisationTrusted ? "untrust" : "trust")),
                    "since": .text(texts.dateTime(entry.updatedAt)),
                    "changes": .text(ModerationPages.changes(entry, texts)),
                    // The version goes with the decision: it applies to the changes shown here only.
                    "changes_version": .text(entry.changes.map { String($0.version) }),
                    "proposal_fields": .list(ModerationPages.proposalFields(entry, texts)),
                    "has_new_photos": .bool(!entry.newPhotos.isEmpty),
                    "new_photos": .list(entry.newPhotos.map { photo in
                        NamedContext(values: ["url": .text(Paths.photo(photo.fileName)), "alt": .text(photo.alt),
                                              "width": .int(photo.width), "height": .int(photo.height)])
                    }),
                    "approve_url": .text("/moderation/rooms/\(id.rawValue)/approve"),
                    "reject_url": .text("/moderation/rooms/\(id.rawValue)/reject"),
                    "unpublish_url": .text("/moderation/rooms/\(id.rawValue)/unpublish"),
                    "report_count": .int(entry.reports.count),
                    "report_count_label": .text(texts.plural("moderation.reports", entry.reports.count)),
                    "reports": .list(entry.reports.map { NamedContext(values: ["reason": .text($0.reason), "at": .text(texts.dateTime($0.at))]) }),
                    "history": .list(try database.auditEntries(for: "room", id: id.rawValue).map { record in
                        let line = texts("moderation.history", ["at": texts.dateTime(record.at), "action": ModerationPages.actionLabel(record.action, texts),
                                                                "actor": record.actorName])
                        return NamedContext(values: ["text": .text(line + (record.reason.map { " – " + $0 } ?? ""))])
                    }),
                    "field_id": .text("reason-\(id.rawValue)"),
                ])
            })
        }
        let context = NamedContext(values: [
            "pending": try entries(queue.pending), "pending_count": .int(queue.pending.count), "has_pending": .bool(!queue.pending.isEmpty),
            "pending_label": .text(texts.plural("moderation.lead.pending", queue.pending.count)),
            "reported": try entries(queue.reported), "reported_count": .int(queue.reported.count), "has_reported": .bool(!queue.reported.isEmpty),
            "reported_label": .text(texts.plural("moderation.lead.reported", queue.reported.count)),
            "csrf_token": .text(visitor.csrfToken),
            "saved": .text(ModerationPages.savedMessages[request.queryItems["saved"] ?? ""].map { texts($0) }),
        ])
        return try pages.page(.moderationQueue, context, layout: LayoutContext(title: texts("moderation.title"), canonicalPath: "/moderation", section: .moderation, visitor: visitor))
    }

    /// The notices after a decision (`?saved=…`), by catalogue key.
    static let savedMessages = [
        "approved": "moderation.saved.approved", "rejected": "moderation.saved.rejected", "unpublished": "moderation.saved.unpublished",
        "changes-approved": "moderation.saved.changes_approved", "changes-rejected": "moderation.saved.changes_rejected",
        "trusted": "moderation.saved.trusted", "untrusted": "moderation.saved.untrusted",
    ]

    /// What an audited action did, in words; an action without words as it is stored.
    static func actionLabel(_ action: String, _ texts: Catalog) -> String {
        let key = "audit.action." + action
        return texts.entries[key] == nil ? action : texts(key)
    }

    /// What waits on a queue entry, in words: changes to a public room, or what
    /// an edit of a pending room changed since it was last approved.
    static func changes(_ entry: QueueEntry, _ texts: Catalog) -> String {
        guard let changes = entry.changes else { return changes(entry.changedFields, texts) }
        var parts = [texts("moderation.changes.while_public")]
        if changes.text != nil { parts.append(ModerationPages.changes(entry.changedFields, texts)) }
        if changes.photos > 0 { parts.append(texts.plural("moderation.changes.photos", changes.photos)) }
        return parts.joined(separator: " ")
    }

    /// The fields a new text of a public room changes, before and after.
    static func proposalFields(_ entry: QueueEntry, _ texts: Catalog) -> [NamedContext] {
        guard let proposal = entry.changes?.text else { return [] }
        let before = ["title": entry.text.title, "description": entry.text.description, "rules": entry.text.rules]
        let after = ["title": proposal.title, "description": proposal.description, "rules": proposal.rules]
        return (entry.changedFields ?? []).map { field in
            NamedContext(values: ["label": .text(fieldName(field, texts)),
                                  "before": .text(before[field] ?? ""), "after": .text(after[field] ?? "")])
        }
    }

    /// What an edit of a room changed since it was last approved; nil: a new room.
    static func changes(_ fields: [String]?, _ texts: Catalog) -> String {
        guard let fields else { return texts("moderation.changes.new") }
        if fields.isEmpty { return texts("moderation.changes.minor") }
        return texts("moderation.changes.fields", ["fields": fields.map { fieldName($0, texts) }.joined(separator: ", ")])
    }

    /// A room field's name in words; a field without words as it is stored.
    static func fieldName(_ field: String, _ texts: Catalog) -> String {
        let key = "moderation.changes.field." + field
        return texts.entries[key] == nil ? field : texts(key)
    }

    /// The audit log's object filter: its values and their labels' keys.
    static let auditTypes = ["": "audit.type.all", "room": "audit.type.room", "organisation": "audit.type.organisation",
                             "booking": "audit.type.booking", "user": "audit.type.user"]

    // MARK: Decisions

    func approve(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try decide(request, visitor, to: .published, reasonRequired: false, saved: "approved")
    }

    func reject(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try decide(request, visitor, to: .rejected, reasonRequired: true, saved: "rejected")
    }

    func unpublish(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try decide(request, visitor, to: .archived, reasonRequired: true, saved: "unpublished")
    }

    private func decide(_ request: HTTPRequest, _ visitor: Visitor, to status: Room.Status, reasonRequired: Bool, saved: String) throws -> HTTPResponse {
        let moderator = try ModerationPages.requireModerator(request, visitor)
        let id = Room.ID(Int64(try request.parameters.id("id")))
        let form = FormData(request)
        let reason = form.text("reason")
        if reasonRequired, reason.isEmpty {
            throw HTTPError(.unprocessableContent, message: "moderation.error.reason_required")
        }
        // A decision on the changes waiting on a published room names their version.
        let version = form.text("changes")
        if !version.isEmpty, status != .archived {
            guard let version = Int(asciiDigits: version, maxDigits: 9) else { throw HTTPError(.badRequest) }
            guard let deleted = try database.decideChanges(of: id, version: version, approve: status == .published,
                                                           reason: reason.isEmpty ? nil : reason, by: moderator) else {
                throw HTTPError(.conflict, message: "moderation.error.changes_changed")
            }
            for name in deleted { try? FileManager.default.removeItem(atPath: photosDirectory + "/" + name) }
            return .redirect(to: "/moderation?saved=changes-" + saved)
        }
        guard try database.moderateRoom(id, to: status, reason: reason.isEmpty ? nil : reason, by: moderator) else { throw HTTPError(.notFound) }
        return .redirect(to: "/moderation?saved=" + saved)
    }

    func trust(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try setTrust(request, visitor, true)
    }

    func untrust(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try setTrust(request, visitor, false)
    }

    private func setTrust(_ request: HTTPRequest, _ visitor: Visitor, _ trusted: Bool) throws -> HTTPResponse {
        let moderator = try ModerationPages.requireModerator(request, visitor)
        let id = Organisation.ID(Int64(try request.parameters.id("id")))
        guard try database.setTrusted(id, trusted, by: moderator) else { throw HTTPError(.notFound) }
        return .redirect(to: "/moderation?saved=" + (trusted ? "trusted" : "untrusted"))
    }

    /// Any signed-in user may flag a published room.
    func report(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        let id = Room.ID(Int64(try request.parameters.id("id")))
        let reason = FormData(request).text("reason")
        guard !reason.isEmpty, reason.count <= 1000 else {
            throw HTTPError(.unprocessableContent, message: "moderation.error.report_reason")
        }
        guard try database.report(room: id, by: user, reason: reason) else { throw HTTPError(.notFound) }
        return .redirect(to: Paths.room(id) + "?reported=1")
    }

    // MARK: Audit and export

    func showAudit(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        _ = try ModerationPages.requireModerator(request, visitor)
        let query = request.queryItems
        let action = String((query["action"] ?? "").prefix(50)), type = String((query["type"] ?? "").prefix(30))
        let page = Int(asciiDigits: query["page"] ?? "", maxDigits: 6).map { max(1, $0) } ?? 1
        let (entries, total) = try database.auditEntries(action: action, objectType: type, page: page)
        var next = URLEncodedForm()
        if !action.isEmpty { next.append("action", action) }
        if !type.isEmpty { next.append("type", type) }
        func link(_ page: Int) -> String {
            var form = next
            form.append("page", String(page))
            return "/moderation/audit?" + form.encoded
        }
        let pageCount = max(1, (total + 49) / 50)
        let texts = visitor.texts
        let context = NamedContext(values: [
            "action": .text(action), "type": .text(type), "total": .text(texts.plural("audit.entries", total)),
            "entries": .list(entries.map { e in
                NamedContext(values: ["at": .text(texts.dateTime(e.at)), "actor": .text(e.actorName), "action": .text(e.action),
                                      "action_label": .text(ModerationPages.actionLabel(e.action, texts)), "object": .text(e.objectType + (e.objectID.map { " \($0)" } ?? "")),
                                      // A reason the system wrote is a catalogue key; one a person typed stays as it is.
                                      "reason": .text(e.reason.map { texts.entries[$0] == nil ? $0 : texts($0) })])
            }),
            "has_entries": .bool(!entries.isEmpty),
            "page_label": .text(texts("audit.page", ["page": texts.number(page), "pages": texts.number(pageCount)])),
            "prev_url": page > 1 ? .text(link(page - 1)) : .missing,
            "next_url": page < pageCount ? .text(link(page + 1)) : .missing,
            "types": .list(["", "room", "organisation", "booking", "user"].map { t in
                NamedContext(values: ["value": .text(t), "label": .text(texts(ModerationPages.auditTypes[t]!)),
                                      "selected": .bool(t == type)])
            }),
        ])
        return try pages.page(.moderationAudit, context, layout: LayoutContext(title: texts("audit.title"), canonicalPath: "/moderation/audit", section: .moderation, visitor: visitor))
    }

    func exportCSV(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        _ = try ModerationPages.requireModerator(request, visitor)
        // The column headers follow the visitor's language; the cells are data as stored.
        let texts = visitor.texts
        let header = [
            texts("moderation.export.col.id"), texts("moderation.export.col.title"), texts("moderation.export.col.organisation"),
            texts("moderation.export.col.kind"), texts("moderation.export.col.status"), texts("moderation.export.col.district"),
            texts("moderation.export.col.capacity"), texts("moderation.export.col.price_model"), texts("moderation.export.col.bookings"),
            texts("moderation.export.col.hours"),
        ]
        let body = CSV.render(header: header, rows: try database.exportRows())
        return HTTPResponse(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8",
                                                   "Content-Disposition": "attachment; filename=\"" + texts("moderation.export.filename") + "\"",
                                                   "Cache-Control": "private, no-store"], body: body)
    }
}

/// Admins manage accounts: search, roles, blocking.
struct AdminPages: Sendable {
    let database: AppDatabase
    let pages: PageRenderer

    private func requireAdmin(_ request: HTTPRequest, _ visitor: Visitor) throws -> User {
        let user = try visitor.requireUser(request)
        guard user.role == .admin else { throw HTTPError(.forbidden) }
        return user
    }

    func showUsers(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let admin = try requireAdmin(request, visitor)
        let query = String((request.queryItems["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let users = try database.users(matching: query)
        let texts = visitor.texts
        let context = NamedContext(values: [
            "q": .text(query), "csrf_token": .text(visitor.csrfToken),
            "users": .list(users.map { listing in
                let id = listing.user.id.rawValue
                return NamedContext(values: [
                    "name": .text(listing.user.name), "email": .text(listing.user.email), "organisation": .text(listing.organisationName),
                    "role": .text(listing.user.role.rawValue), "blocked": .bool(listing.blocked), "is_self": .bool(listing.user.id == admin.id),
                    "role_url": .text("/admin/users/\(id)/role"), "block_url": .text("/admin/users/\(id)/" + (listing.blocked ? "unblock" : "block")),
                    "select_id": .text("role-\(id)"),
                    "roles": .list(User.Role.allCases.map { role in
                        NamedContext(values: ["value": .text(role.rawValue), "label": .text(texts.label(role)),
                                              "selected": .bool(role == listing.user.role)])
                    }),
                ])
            }),
            "has_users": .bool(!users.isEmpty),
            "saved": .text(AdminPages.savedMessages[request.queryItems["saved"] ?? ""].map { texts($0) }),
        ])
        return try pages.page(.adminUsers, context, layout: LayoutContext(title: texts("admin.users.title"), canonicalPath: "/admin/users", section: .my, visitor: visitor))
    }

    /// The notices after a change (`?saved=…`), by catalogue key.
    static let savedMessages = ["role": "admin.users.saved.role", "blocked": "admin.users.saved.blocked", "unblocked": "admin.users.saved.unblocked"]

    func setRole(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let admin = try requireAdmin(request, visitor)
        let id = User.ID(Int64(try request.parameters.id("id")))
        guard let role = User.Role(rawValue: FormData(request).text("role")) else { throw HTTPError(.unprocessableContent, message: "admin.error.unknown_role") }
        guard id != admin.id else { throw HTTPError(.conflict, message: "admin.error.own_role") }
        guard try database.setRole(of: id, to: role, by: admin) else { throw HTTPError(.notFound) }
        return .redirect(to: "/admin/users?saved=role")
    }

    func block(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse { try setBlocked(request, visitor, true) }
    func unblock(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse { try setBlocked(request, visitor, false) }

    private func setBlocked(_ request: HTTPRequest, _ visitor: Visitor, _ blocked: Bool) throws -> HTTPResponse {
        let admin = try requireAdmin(request, visitor)
        let id = User.ID(Int64(try request.parameters.id("id")))
        guard id != admin.id else { throw HTTPError(.conflict, message: "admin.error.block_self") }
        guard try database.setBlocked(id, blocked, by: admin) else { throw HTTPError(.notFound) }
        return .redirect(to: "/admin/users?saved=" + (blocked ? "blocked" : "unblocked"))
    }
}
