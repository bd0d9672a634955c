import Foundation
import GRDB
import RoomExchange

/// A room in the moderation queue.
public struct QueueEntry: Sendable {
    public let summary: RoomSummary
    public let organisationID: Organisation.ID
    public let organisationTrusted: Bool
    public let status: Room.Status
    public let updatedAt: Int64
    /// Fields whose text differs from the last approved version, by name (`title`,
    /// `description`, `rules`; pages put them into words); nil: never approved.
    public let changedFields: [String]?
    public let reports: [(reason: String, at: Int64)]
    /// What waits for review on a published room; nil for a pending one.
    public let changes: PendingChanges?
    /// The new photos among `changes`.
    public let newPhotos: [Photo]
    /// The public text: title, description, rules.
    public let text: (title: String, description: String, rules: String)
}

public struct AuditRecord: Sendable {
    public let actorName: String
    public let action: String
    public let objectType: String
    public let objectID: Int64?
    public let reason: String?
    public let at: Int64
}

/// Figures for the impact page.
public struct ImpactFigures: Sendable {
    public var publishedRooms = 0
    public var organisationsByKind: [Organisation.Kind: Int] = [:]
    public var confirmedBookings = 0
    public var hoursShared = 0.0
    public var freeHoursForNonprofits = 0.0
    public var byDistrict: [District: (rooms: Int, bookings: Int, hours: Double)] = [:]
    /// `YYYY-MM` → (bookings, hours, free nonprofit hours), the last 12 months.
    public var byMonth: [(month: String, bookings: Int, hours: Double, freeHours: Double)] = []
}

public struct UserListing: Sendable {
    public let user: User
    public let organisationName: String?
    public let blocked: Bool
}

extension AppDatabase {
    // MARK: Queue

    /// What waits for review, oldest first: pending rooms and changes (text,
    /// photos) to published ones. Then published rooms with open reports.
    public func moderationQueue() throws -> (pending: [QueueEntry], reported: [QueueEntry]) {
        try read { db in
            func entries(_ condition: String, order: String, since: String = "NULL") throws -> [QueueEntry] {
                try db.cachedStatement(sql: """
                    SELECT \(AppDatabase.summaryColumns), r.status, r.updatedAt, r.organisationId, o.trusted,
                        r.title, r.description, r.rules, r.approvedTitle, r.approvedDescription, r.approvedRules, \(since) FROM room r
                    JOIN organisation o ON o.id = r.organisationId
                    \(AppDatabase.firstPhotoJoin)
                    WHERE \(condition) ORDER BY \(order)
                    """).fetchAll { row in
                    let id: Int64 = row[0]
                    // Columns after the 14 summary columns: status, updatedAt, organisationId, trusted,
                    // title, description, rules, approvedTitle, approvedDescription, approvedRules, since.
                    let status = Room.Status(rawValue: row[14]) ?? .pending
                    let text: (title: String, description: String, rules: String) = (row[18], row[19], row[20])
                    var changes: PendingChanges?
                    if status == .published {
                        let pending = try AppDatabase.fetchPendingChanges(db, Room.ID(id))
                        if !pending.isEmpty { changes = pending }
                    }
                    let newPhotos = changes == nil ? [] : try AppDatabase.fetchPhotos(db, Room.ID(id), includingUnreviewed: true).filter(\.awaitsReview)
                    // A new text is compared with the public one, a pending room with the text approved last.
                    var before: [String?] = [row[21], row[22], row[23]]
                    var after = [text.title, text.description, text.rules]
                    if let changes {
                        before = after
                        if let proposal = changes.text { after = [proposal.title, proposal.description, proposal.rules] }
                    }
                    let changed: [String]? = before[0] == nil ? nil
                        : zip(["title", "description", "rules"], zip(before, after)).filter { $1.0 != $1.1 }.map(\.0)
                    let reports = try Row.fetchAll(db, sql: "SELECT reason, createdAt FROM report WHERE roomId = ? AND resolvedAt IS NULL ORDER BY createdAt DESC",
                                                   arguments: [id]).map { (reason: $0[0] as String, at: $0[1] as Int64) }
                    return QueueEntry(summary: AppDatabase.summary(row), organisationID: Organisation.ID(row[16]), organisationTrusted: row[17],
                                      status: status, updatedAt: row[24] ?? row[15], changedFields: changed, reports: reports,
                                      changes: changes, newPhotos: newPhotos, text: text)
                }
            }
            // Since when a published room's changes wait: its new text or its first new photo.
            let waitingSince = """
                CASE WHEN r.status = 'published' THEN coalesce(r.proposedAt,
                    (SELECT min(createdAt) FROM photo WHERE roomId = r.id AND awaitsReview)) END
                """
            let pending = try entries("""
                r.status = 'pending' OR (r.status = 'published' AND (r.proposedAt IS NOT NULL
                    OR EXISTS (SELECT 1 FROM photo WHERE roomId = r.id AND awaitsReview)))
                """, order: "coalesce(\(waitingSince), r.updatedAt), r.id", since: waitingSince)
            let reported = try entries("r.id IN (SELECT roomId FROM report WHERE resolvedAt IS NULL) AND r.status = 'published'",
                                       order: "(SELECT max(createdAt) FROM report WHERE roomId = r.id AND resolvedAt IS NULL) DESC")
            return (pending, reported)
        }
    }

    /// Flags a room; a second report by the same user replaces the first.
    public func report(room: Room.ID, by user: User, reason: String) throws -> Bool {
        try pool.write { db in
            guard try String.fetchOne(db, sql: "SELECT status FROM room WHERE id = ?", arguments: [room.rawValue]) == "published" else { return false }
            try db.execute(sql: """
                INSERT INTO report (roomId, userId, reason, createdAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (roomId, userId) DO UPDATE SET reason = excluded.reason, createdAt = excluded.createdAt, resolvedAt = NULL
                """, arguments: [room.rawValue, user.id.rawValue, reason, AppDatabase.now])
            try AppDatabase.audit(db, actor: user, action: "room.reported", objectType: "room", objectID: room.rawValue, reason: reason)
            return true
        }
    }

    public func openReportCount(room: Room.ID) throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM report WHERE roomId = ? AND resolvedAt IS NULL", arguments: [room.rawValue]) ?? 0 }
    }

    /// Trusted organisations publish without review.
    public func setTrusted(_ organisation: Organisation.ID, _ trusted: Bool, by moderator: User) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE organisation SET trusted = ? WHERE id = ?", arguments: [trusted, organisation.rawValue])
            guard db.changesCount == 1 else { return false }
            try AppDatabase.audit(db, actor: moderator, action: trusted ? "organisation.trusted" : "organisation.untrusted",
                                  objectType: "organisation", objectID: organisation.rawValue, reason: nil)
            return true
        }
    }

    // MARK: Audit

    public func auditEntries(action: String?, objectType: String?, page: Int, perPage: Int = 50) throws -> (entries: [AuditRecord], total: Int) {
        try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let action, !action.isEmpty {
                conditions.append("action LIKE ? ESCAPE '\\'")
                arguments.append(action.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%")
            }
            if let objectType, !objectType.isEmpty {
                conditions.append("objectType = ?")
                arguments.append(objectType)
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry \(whereClause)", arguments: StatementArguments(arguments)) ?? 0
            let entries = try Row.fetchAll(db, sql: """
                SELECT actorName, action, objectType, objectId, reason, at FROM auditEntry \(whereClause) ORDER BY id DESC LIMIT ? OFFSET ?
                """, arguments: StatementArguments(arguments + [perPage, (max(1, page) - 1) * perPage])).map {
                AuditRecord(actorName: $0[0], action: $0[1], objectType: $0[2], objectID: $0[3], reason: $0[4], at: $0[5])
            }
            return (entries, total)
        }
    }

    public func auditEntries(for objectType: String, id: Int64) throws -> [AuditRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT actorName, action, objectType, objectId, reason, at FROM auditEntry WHERE objectType = ? AND objectId = ? ORDER BY id",
                             arguments: [objectType, id]).map {
                AuditRecord(actorName: $0[0], action: $0[1], objectType: $0[2], objectID: $0[3], reason: $0[4], at: $0[5])
            }
        }
    }

    // MARK: Users (admin)

    public func users(matching query: String, limit: Int = 100) throws -> [UserListing] {
        try read { db in
            let pattern = "%" + query.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            return try db.cachedStatement(sql: """
                SELECT u.id, u.email, u.name, u.role, u.organisationId, u.organisationRole, u.language, u.blockedAt, o.name FROM user u
                LEFT JOIN organisation o ON o.id = u.organisationId
                WHERE u.email LIKE ? ESCAPE '\\' OR u.name LIKE ? ESCAPE '\\' OR o.name LIKE ? ESCAPE '\\' ORDER BY u.email LIMIT ?
                """).fetchAll(arguments: [pattern, pattern, pattern, limit]) {
                UserListing(user: AppDatabase.user($0), organisationName: $0[8], blocked: ($0[7] as Int64?) != nil)
            }
        }
    }

    public func setRole(of user: User.ID, to role: User.Role, by admin: User) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE user SET role = ? WHERE id = ?", arguments: [role.rawValue, user.rawValue])
            guard db.changesCount == 1 else { return false }
            try AppDatabase.audit(db, actor: admin, action: "user.role." + role.rawValue, objectType: "user", objectID: user.rawValue, reason: nil)
            return true
        }
    }

    /// Blocking ends every session of the user at once.
    public func setBlocked(_ user: User.ID, _ blocked: Bool, by admin: User) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE user SET blockedAt = ? WHERE id = ?", arguments: [blocked ? AppDatabase.now : nil, user.rawValue])
            guard db.changesCount == 1 else { return false }
            if blocked { try db.execute(sql: "DELETE FROM session WHERE userId = ?", arguments: [user.rawValue]) }
            try AppDatabase.audit(db, actor: admin, action: blocked ? "user.blocked" : "user.unblocked", objectType: "user", objectID: user.rawValue, reason: nil)
            return true
        }
    }

    // MARK: Export and impact

    /// Rows for the moderators' CSV: room, organisation, status, Stadtteil, bookings, hours.
    public func exportRows() throws -> [[String]] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.title, o.name, o.kind, r.status, r.district, r.capacity, r.priceModel,
                    (SELECT count(*) FROM booking b WHERE b.roomId = r.id AND b.status = 'confirmed'),
                    (SELECT coalesce(sum(b.endsAt - b.startsAt), 0) FROM booking b WHERE b.roomId = r.id AND b.status = 'confirmed')
                FROM room r JOIN organisation o ON o.id = r.organisationId ORDER BY r.id
                """).map { row in
                let seconds: Int64 = row[9]
                return [String(row[0] as Int64), row[1], row[2], row[3], row[4], District(rawValue: row[5])?.name ?? row[5],
                        String(row[6] as Int), row[7], String(row[8] as Int), String(format: "%.2f", Double(seconds) / 3600).replacingOccurrences(of: ".", with: ",")]
            }
        }
    }

    /// The public impact figures; bookings count when confirmed and already begun
    /// or ahead, months from `now` back over the last twelve.
    public func impactFigures(now: Date = Date()) throws -> ImpactFigures {
        try read { db in
            var figures = ImpactFigures()
            figures.publishedRooms = try Int.fetchOne(db, sql: "SELECT count(*) FROM room WHERE status = 'published'") ?? 0
            for row in try Row.fetchAll(db, sql: """
                SELECT kind, count(*) FROM organisation WHERE id IN (SELECT organisationId FROM room WHERE status = 'published') GROUP BY kind
                """) {
                if let kind = Organisation.Kind(rawValue: row[0]) { figures.organisationsByKind[kind] = row[1] }
            }
            let bookings = try Row.fetchAll(db, sql: """
                SELECT b.startsAt, b.endsAt, r.district, coalesce(bo.kind, ''), coalesce(b.priceCents, 0) FROM booking b
                JOIN room r ON r.id = b.roomId LEFT JOIN organisation bo ON bo.id = b.bookerOrganisationId WHERE b.status = 'confirmed'
                """)
            let months = (0..<12).reversed().map { offset -> String in
                let date = Calendar(identifier: .gregorian).date(byAdding: .month, value: -offset, to: now)!
                let local = BerlinTime.local(Int64(date.timeIntervalSince1970)).date
                return String(format: "%04d-%02d", local.year, local.month)
            }
            var monthly: [String: (Int, Double, Double)] = Dictionary(uniqueKeysWithValues: months.map { ($0, (0, 0.0, 0.0)) })
            for row in try Row.fetchAll(db, sql: "SELECT district, count(*) FROM room WHERE status = 'published' GROUP BY district") {
                if let district = District(rawValue: row[0]) { figures.byDistrict[district] = (row[1], 0, 0) }
            }
            for row in bookings {
                let hours = Double((row[1] as Int64) - (row[0] as Int64)) / 3600
                let free = (row[3] as String) == "nonprofit" && (row[4] as Int) == 0
                figures.confirmedBookings += 1
                figures.hoursShared += hours
                if free { figures.freeHoursForNonprofits += hours }
                if let district = District(rawValue: row[2]) {
                    let current = figures.byDistrict[district] ?? (0, 0, 0)
                    figures.byDistrict[district] = (current.rooms, current.bookings + 1, current.hours + hours)
                }
                let local = BerlinTime.local(row[0]).date
                let key = String(format: "%04d-%02d", local.year, local.month)
                if let current = monthly[key] { monthly[key] = (current.0 + 1, current.1 + hours, current.2 + (free ? hours : 0)) }
            }
            figures.byMonth = months.map { ($0, monthly[$0]!.0, monthly[$0]!.1, monthly[$0]!.2) }
            return figures
        }
    }
}
