import GRDB
import RoomExchange

/// What a password-reset link is worth now.
public enum PasswordResetState: Sendable, Equatable {
    case valid(User.ID)
    case expired
    case used
    case unknown
}

extension AppDatabase {
    /// At most this many links per account and hour, so nobody can flood a mailbox.
    public static let passwordResetsPerHour = 3

    /// Stores a single-use reset token (its SHA-256 only) for the unblocked account
    /// of `email` and queues the mail with the link, in one transaction. An unknown
    /// address, a blocked account or too many recent requests change nothing; the
    /// caller answers the same in every case. The link is in the queued message
    /// until it is sent, then erased from the outbox.
    @discardableResult
    public func requestPasswordReset(email: String, token: String, tokenHash: [UInt8], validFor seconds: Int64) throws -> Bool {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id FROM user WHERE email = ? AND blockedAt IS NULL", arguments: [email]) else { return false }
            let userID: Int64 = row[0]
            let now = AppDatabase.now
            let recent = try Int.fetchOne(db, sql: "SELECT count(*) FROM passwordReset WHERE userId = ? AND createdAt > ?",
                                          arguments: [userID, now - 3600]) ?? 0
            guard recent < AppDatabase.passwordResetsPerHour else { return false }
            try db.execute(sql: "INSERT INTO passwordReset (tokenHash, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
                           arguments: [Data(tokenHash), userID, now, now + seconds])
            try AppDatabase.enqueueMail(db, .passwordReset, to: .user(userID),
                                        payload: MailPayload(values: ["token": token, "expires_at": String(now + seconds)]))
            return true
        }
    }

    public func passwordReset(tokenHash: [UInt8]) throws -> PasswordResetState {
        try read { db in try AppDatabase.passwordResetState(db, tokenHash) }
    }

    static func passwordResetState(_ db: Database, _ tokenHash: [UInt8]) throws -> PasswordResetState {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT r.userId, r.expiresAt, r.usedAt FROM passwordReset r JOIN user u ON u.id = r.userId
            WHERE r.tokenHash = ? AND u.blockedAt IS NULL
            """, arguments: [Data(tokenHash)]) else { return .unknown }
        if (row[2] as Int64?) != nil { return .used }
        if (row[1] as Int64) <= AppDatabase.now { return .expired }
        return .valid(User.ID(row[0]))
    }

    /// Sets the new password when the token is still valid: the token and every
    /// other open token of the account are used up and all sessions end, in one
    /// transaction. Returns the state the token had; only `.valid` changed anything.
    public func resetPassword(tokenHash: [UInt8], to passwordHash: String) throws -> PasswordResetState {
        try pool.write { db in
            let state = try AppDatabase.passwordResetState(db, tokenHash)
            guard case .valid(let user) = state else { return state }
            let now = AppDatabase.now
            try db.execute(sql: "UPDATE passwordReset SET usedAt = ? WHERE userId = ? AND usedAt IS NULL", arguments: [now, user.rawValue])
            try db.execute(sql: "UPDATE user SET passwordHash = ? WHERE id = ?", arguments: [passwordHash, user.rawValue])
            try db.execute(sql: "DELETE FROM session WHERE userId = ?", arguments: [user.rawValue])
            let actor = try db.cachedStatement(sql: "SELECT \(AppDatabase.userColumns) FROM user WHERE id = ?").fetchFirst(arguments: [user.rawValue]) { AppDatabase.user($0) }
            try AppDatabase.audit(db, actor: actor, action: "user.password_reset", objectType: "user", objectID: user.rawValue, reason: nil)
            return state
        }
    }
}

import Foundation
