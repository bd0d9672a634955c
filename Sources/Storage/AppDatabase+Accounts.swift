import Foundation
import GRDB
import Localization
import RoomExchange

/// A signed-in session: the token itself is never stored, only its SHA-256.
public struct StoredSession: Sendable {
    public let id: Int64
    public let user: User
    public let csrfToken: String
    public let createdAt: Int64
    public let lastSeenAt: Int64
}

/// A new account as the registration form validated it.
public struct NewAccount: Sendable {
    /// Where the new user belongs: an organisation they found and manage, or the
    /// one whose invitation link they followed.
    public enum Membership: Sendable {
        case founding(name: String, kind: Organisation.Kind)
        case invited(tokenHash: [UInt8])
    }

    public var email: String
    public var name: String
    public var passwordHash: String
    public var membership: Membership
    /// The language the person registered in: their pages and e-mails use it.
    public var language: Language

    public init(email: String, name: String, passwordHash: String, membership: Membership, language: Language = .default) {
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.membership = membership
        self.language = language
    }
}

/// An invitation whose link still works.
public struct OpenInvitation: Sendable, Equatable {
    public let organisationID: Organisation.ID
    public let organisationName: String
    public let email: String
}

/// An invitation as its organisation's managers see it.
public struct SentInvitation: Sendable, Equatable {
    public let email: String
    /// The link is used up or too old: inviting again sends a new one.
    public let expired: Bool
}

/// What inviting an address did.
public enum InvitationOutcome: Sendable, Equatable {
    case sent
    /// The address was invited within the last hour or has joined; nothing was sent.
    case alreadySent
    /// The organisation sent `AppDatabase.invitationsPerDay` in the last 24 hours.
    case tooMany
}

extension AppDatabase {
    // MARK: Users

    /// Creates the user and either their organisation, which they then manage, or
    /// their membership in the organisation whose invitation they accept. One
    /// transaction; an invitation that is not open throws `InvitationInvalid`.
    public func register(_ account: NewAccount) throws -> User.ID {
        try pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM user WHERE email = ?", arguments: [account.email]) == 0 else {
                throw EmailTaken()
            }
            let now = AppDatabase.now
            let organisationID: Int64
            let organisationRole: User.OrganisationRole
            switch account.membership {
            case .founding(let name, let kind):
                try db.execute(sql: "INSERT INTO organisation (name, kind, createdAt) VALUES (?, ?, ?)", arguments: [name, kind.rawValue, now])
                organisationID = db.lastInsertedRowID
                organisationRole = .manager
            case .invited(let tokenHash):
                guard let invitation = try Row.fetchOne(db, sql: """
                    SELECT id, organisationId FROM invitation WHERE tokenHash = ? AND acceptedAt IS NULL AND expiresAt > ?
                    """, arguments: [Data(tokenHash), now]) else { throw InvitationInvalid() }
                organisationID = invitation[1]
                organisationRole = .member
                try db.execute(sql: "UPDATE invitation SET acceptedAt = ? WHERE id = ?", arguments: [now, invitation[0] as Int64])
            }
            try db.execute(sql: """
                INSERT INTO user (email, name, passwordHash, organisationId, organisationRole, language, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [account.email, account.name, account.passwordHash, organisationID, organisationRole.rawValue, account.language.rawValue, now])
            return User.ID(db.lastInsertedRowID)
        }
    }

    /// A user without organisation (city staff created on the command line).
    public func createUser(email: String, name: String, role: User.Role, passwordHash: String) throws -> User.ID {
        try pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM user WHERE email = ?", arguments: [email]) == 0 else { throw EmailTaken() }
            try db.execute(sql: "INSERT INTO user (email, name, passwordHash, role, createdAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [email, name, passwordHash, role.rawValue, AppDatabase.now])
            return User.ID(db.lastInsertedRowID)
        }
    }

    /// The user and password hash for a login attempt; blocked users are not found.
    public func credentials(email: String) throws -> (user: User, passwordHash: String)? {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(AppDatabase.userColumns), passwordHash FROM user WHERE email = ? AND blockedAt IS NULL")
                .fetchFirst(arguments: [email]) { row in (AppDatabase.user(row), row[8]) }
        }
    }

    public func user(_ id: User.ID) throws -> User? {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(AppDatabase.userColumns) FROM user WHERE id = ?").fetchFirst(arguments: [id.rawValue]) { AppDatabase.user($0) }
        }
    }

    public func passwordHash(of id: User.ID) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT passwordHash FROM user WHERE id = ?", arguments: [id.rawValue]) }
    }

    public func updateName(of id: User.ID, to name: String) throws {
        try pool.write { try $0.execute(sql: "UPDATE user SET name = ? WHERE id = ?", arguments: [name, id.rawValue]) }
    }

    /// The language the user's pages and e-mails are in.
    public func setLanguage(of id: User.ID, to language: Language) throws {
        try pool.write { try $0.execute(sql: "UPDATE user SET language = ? WHERE id = ?", arguments: [language.rawValue, id.rawValue]) }
    }

    public func updateEmail(of id: User.ID, to email: String) throws {
        try pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM user WHERE email = ? AND id <> ?", arguments: [email, id.rawValue]) == 0 else {
                throw EmailTaken()
            }
            let (previous, language) = try Row.fetchOne(db, sql: "SELECT email, language FROM user WHERE id = ?", arguments: [id.rawValue])
                .map { ($0[0] as String, Language(rawValue: $0[1]) ?? .default) } ?? ("", .default)
            try db.execute(sql: "UPDATE user SET email = ? WHERE id = ?", arguments: [email, id.rawValue])
            // The old address hears of it: whoever lost the account to someone who
            // knew the password (or mistyped the new address) learns it there.
            if !previous.isEmpty, previous != email {
                try AppDatabase.enqueueMail(db, .emailChanged, to: .address(previous, language),
                                            payload: MailPayload(values: ["new_email": email, "changed_at": String(AppDatabase.now)]))
            }
        }
    }

    /// Sets a new password hash and ends every other session of the user.
    public func updatePassword(of id: User.ID, to hash: String, keepingSession keep: Int64?) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE user SET passwordHash = ? WHERE id = ?", arguments: [hash, id.rawValue])
            try db.execute(sql: "DELETE FROM session WHERE userId = ? AND id IS NOT ?", arguments: [id.rawValue, keep])
        }
    }

    /// Deletes the person: their sessions go with them; bookings stay for the room
    /// owner's records without a booker (the foreign key sets it to NULL). Their
    /// organisation is not left without anyone to answer for its rooms: when others
    /// remain but no manager, the longest-standing member becomes one; when nobody
    /// remains, its rooms are archived and their future bookings cancelled, with
    /// word to the bookers.
    public func deleteUser(_ id: User.ID) throws {
        try pool.write { db in
            let organisation = try Int64.fetchOne(db, sql: "SELECT organisationId FROM user WHERE id = ?", arguments: [id.rawValue])
            if let organisation {
                let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM user WHERE organisationId = ? AND id <> ?",
                                              arguments: [organisation, id.rawValue]) ?? 0
                if others == 0 {
                    let rooms = try Int64.fetchAll(db, sql: "SELECT id FROM room WHERE organisationId = ? AND status <> 'archived'", arguments: [organisation])
                    for room in rooms {
                        try db.execute(sql: "UPDATE room SET status = 'archived', updatedAt = ? WHERE id = ?", arguments: [AppDatabase.now, room])
                        _ = try AppDatabase.cancelFutureBookings(db, of: Room.ID(room), reason: BookingReason.roomArchived, by: id.rawValue)
                    }
                }
            }
            try db.execute(sql: "UPDATE booking SET purpose = '' WHERE bookerUserId = ?", arguments: [id.rawValue])
            try db.execute(sql: "DELETE FROM user WHERE id = ?", arguments: [id.rawValue])
            if let organisation {
                try db.execute(sql: """
                    UPDATE user SET organisationRole = 'manager' WHERE id = (SELECT id FROM user WHERE organisationId = ? ORDER BY id LIMIT 1)
                    AND NOT EXISTS (SELECT 1 FROM user WHERE organisationId = ? AND organisationRole = 'manager')
                    """, arguments: [organisation, organisation])
            }
        }
    }

    /// Everything stored about a user, for the GDPR export.
    public func exportData(of id: User.ID) throws -> [String: Any] {
        try read { db in
            guard let user = try Row.fetchOne(db, sql: "SELECT email, name, role, language, createdAt, organisationId FROM user WHERE id = ?",
                                              arguments: [id.rawValue]) else { return [:] }
            var result: [String: Any] = [
                "email": user[0] as String, "name": user[1] as String, "role": user[2] as String,
                "language": user[3] as String, "created_at": AppDatabase.iso(user[4]),
            ]
            if let org = try Row.fetchOne(db, sql: "SELECT name, kind FROM organisation WHERE id = ?", arguments: [user[5] as Int64?]) {
                result["organisation"] = ["name": org[0] as String, "kind": org[1] as String]
            }
            result["bookings"] = try Row.fetchAll(db, sql: """
                SELECT b.id, r.title, b.startsAt, b.endsAt, b.attendees, b.purpose, b.status FROM booking b JOIN room r ON r.id = b.roomId
                WHERE b.bookerUserId = ? ORDER BY b.startsAt
                """, arguments: [id.rawValue]).map { row -> [String: Any] in
                ["id": row[0] as Int64, "room": row[1] as String, "starts_at": AppDatabase.iso(row[2]), "ends_at": AppDatabase.iso(row[3]),
                 "attendees": row[4] as Int, "purpose": row[5] as String, "status": row[6] as String]
            }
            result["sessions"] = try Row.fetchAll(db, sql: "SELECT createdAt, lastSeenAt FROM session WHERE userId = ?", arguments: [id.rawValue])
                .map { ["created_at": AppDatabase.iso($0[0]), "last_seen_at": AppDatabase.iso($0[1])] }
            return result
        }
    }

    static func iso(_ seconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    // MARK: Sessions

    public func createSession(user: User.ID, tokenHash: [UInt8], csrfToken: String) throws {
        let now = AppDatabase.now
        try pool.write { db in
            try db.execute(sql: "INSERT INTO session (tokenHash, userId, csrfToken, createdAt, lastSeenAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [Data(tokenHash), user.rawValue, csrfToken, now, now])
        }
    }

    /// The session of a token hash with its (unblocked) user.
    /// One statement in SQLite's own read transaction: every signed-in request asks.
    public func session(tokenHash: [UInt8]) throws -> StoredSession? {
        try read(statement: """
            SELECT s.id, s.csrfToken, s.createdAt, s.lastSeenAt, u.id, u.email, u.name, u.role, u.organisationId, u.organisationRole, u.language, u.blockedAt
            FROM session s JOIN user u ON u.id = s.userId WHERE s.tokenHash = ? AND u.blockedAt IS NULL
            """) { statement in
            try statement.fetchFirst(arguments: [Data(tokenHash)]) { row in
                StoredSession(id: row[0], user: AppDatabase.user(row, offset: 4), csrfToken: row[1], createdAt: row[2], lastSeenAt: row[3])
            }
        }
    }

    public func touchSession(_ id: Int64) throws {
        try pool.write { try $0.execute(sql: "UPDATE session SET lastSeenAt = ? WHERE id = ?", arguments: [AppDatabase.now, id]) }
    }

    public func deleteSession(_ id: Int64) throws {
        try pool.write { try $0.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id]) }
    }

    /// Removes sessions idle or older than the limits (housekeeping).
    public func deleteExpiredSessions(idleSeconds: Int64, maxAgeSeconds: Int64) throws {
        let now = AppDatabase.now
        try pool.write { db in
            try db.execute(sql: "DELETE FROM session WHERE lastSeenAt < ? OR createdAt < ?", arguments: [now - idleSeconds, now - maxAgeSeconds])
        }
    }

    // MARK: Organisations

    /// Saves the profile. A change of kind decides prices (rooms free for
    /// nonprofits), so it is written to the audit log for the moderators, with the old and new kind.
    public func updateOrganisation(_ organisation: Organisation, by user: User?) throws {
        try pool.write { db in
            let previousKind = try String.fetchOne(db, sql: "SELECT kind FROM organisation WHERE id = ?", arguments: [organisation.id.rawValue])
            if let previousKind, previousKind != organisation.kind.rawValue {
                try AppDatabase.audit(db, actor: user, action: "organisation.kind_changed", objectType: "organisation",
                                      objectID: organisation.id.rawValue, reason: previousKind + " → " + organisation.kind.rawValue)
            }
            try db.execute(sql: """
                UPDATE organisation SET name = ?, kind = ?, district = ?, description = ?, website = ?, contactEmail = ?, phone = ?
                WHERE id = ?
                """, arguments: [organisation.name, organisation.kind.rawValue, organisation.district?.rawValue, organisation.description,
                                 organisation.website, organisation.contactEmail, organisation.phone, organisation.id.rawValue])
        }
    }

    public func members(of organisation: Organisation.ID) throws -> [User] {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(AppDatabase.userColumns) FROM user WHERE organisationId = ? ORDER BY name")
                .fetchAll(arguments: [organisation.rawValue]) { AppDatabase.user($0) }
        }
    }

    /// At most this many invitation mails per organisation in 24 hours, so the
    /// site's sender cannot be used to send many mails with a text of one's choosing.
    public static let invitationsPerDay = 20

    /// Invites an address to join and queues the mail with the link (valid for
    /// `validFor` seconds), in one transaction. Inviting an address again sends a
    /// new link, replacing the old one, unless the last was sent within the hour
    /// or the address has joined.
    public func invite(email: String, to organisation: Organisation.ID, by user: User.ID,
                       token: String, tokenHash: [UInt8], validFor seconds: Int64) throws -> InvitationOutcome {
        try pool.write { db in
            let now = AppDatabase.now
            let recent = try Int.fetchOne(db, sql: "SELECT count(*) FROM invitation WHERE organisationId = ? AND createdAt > ?",
                                          arguments: [organisation.rawValue, now - 24 * 3600]) ?? 0
            guard recent < AppDatabase.invitationsPerDay else { return .tooMany }
            try db.execute(sql: """
                INSERT INTO invitation (organisationId, email, invitedByUserId, createdAt, tokenHash, expiresAt) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (organisationId, email) DO UPDATE SET
                    invitedByUserId = excluded.invitedByUserId, createdAt = excluded.createdAt,
                    tokenHash = excluded.tokenHash, expiresAt = excluded.expiresAt
                WHERE acceptedAt IS NULL AND createdAt <= excluded.createdAt - 3600
                """, arguments: [organisation.rawValue, email, user.rawValue, now, Data(tokenHash), now + seconds])
            guard db.changesCount == 1 else { return .alreadySent }
            try AppDatabase.notifyInvitation(db, email: email, token: token, expiresAt: now + seconds, to: organisation, by: user)
            return .sent
        }
    }

    /// The invitation of this link, while it is open.
    public func openInvitation(tokenHash: [UInt8]) throws -> OpenInvitation? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT i.organisationId, o.name, i.email FROM invitation i JOIN organisation o ON o.id = i.organisationId
                WHERE i.tokenHash = ? AND i.acceptedAt IS NULL AND i.expiresAt > ?
                """, arguments: [Data(tokenHash), AppDatabase.now]).map {
                OpenInvitation(organisationID: Organisation.ID($0[0]), organisationName: $0[1], email: $0[2])
            }
        }
    }

    /// Invitations nobody has accepted yet.
    public func pendingInvitations(of organisation: Organisation.ID) throws -> [SentInvitation] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT email, expiresAt <= ? FROM invitation WHERE organisationId = ? AND acceptedAt IS NULL ORDER BY email",
                             arguments: [AppDatabase.now, organisation.rawValue]).map { SentInvitation(email: $0[0], expired: $0[1]) }
        }
    }

    // MARK: Rows

    static let userColumns = "id, email, name, role, organisationId, organisationRole, language, blockedAt"

    static func user(_ row: SQLiteRow, offset: Int = 0) -> User {
        User(id: User.ID(row[offset]), email: row[offset + 1], name: row[offset + 2],
             role: User.Role(rawValue: row[offset + 3]) ?? .member,
             organisationID: (row[offset + 4] as Int64?).map(Organisation.ID.init),
             organisationRole: User.OrganisationRole(rawValue: row[offset + 5]) ?? .member, language: Language(rawValue: row[offset + 6]) ?? .default)
    }
}
