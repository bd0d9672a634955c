import Foundation
import GRDB

/// Figures for monitoring, and restoring a backup.
public struct OperationalStatistics: Sendable {
    public let databaseBytes: Int
    public let outboxPending: Int
    public let bookingsByStatus: [String: Int]
}

extension AppDatabase {
    public func operationalStatistics() throws -> OperationalStatistics {
        try read { db in
            let bytes = (try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")) ?? 0
            // The outbox arrives with the e-mail migration; before it there is nothing pending.
            let hasOutbox = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'outboxMessage'") == 1
            let pending = hasOutbox ? try Int.fetchOne(db, sql: "SELECT count(*) FROM outboxMessage WHERE sentAt IS NULL AND failedAt IS NULL") ?? 0 : 0
            var byStatus: [String: Int] = ["requested": 0, "confirmed": 0, "declined": 0, "cancelled": 0]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM booking GROUP BY status") { byStatus[row[0]] = row[1] }
            return OperationalStatistics(databaseBytes: bytes, outboxPending: pending, bookingsByStatus: byStatus)
        }
    }

    /// `PRAGMA integrity_check` and `foreign_key_check` of a database file: nil when
    /// both are clean, otherwise what they reported.
    public static func verify(path: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard integrity == ["ok"] else { return integrity.joined(separator: "; ") }
            let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            return foreign.isEmpty ? nil : "\(foreign.count) rows violate foreign keys"
        }
    }

    /// File names of all stored photos (for copying them beside a backup).
    public func photoFileNames() throws -> [String] {
        try read { try String.fetchAll($0, sql: "SELECT fileName FROM photo") }
    }
}
