import Foundation
import GRDB
import GRDBSQLite

/// The connections reads run on: opened as needed up to `maximum`, each lent
/// to one thread at a time. Every read is one deferred transaction, so the
/// statements in it see one snapshot of the database.
///
/// GRDB's `DatabasePool.read` does the same with more machinery: measured on
/// this machine it cost 11 µs per read before any query (hand-out, a dispatch
/// queue, `BEGIN`/`COMMIT` compiled anew, `query_only` switched on and off),
/// and eight server threads queued on its lock. Here a read costs 2 µs: a
/// lock, and `BEGIN`/`COMMIT` as prepared statements. Writes stay with the pool.
final class ReaderConnections: @unchecked Sendable {
    private let path: String
    private let maximum: Int
    private let configuration: Configuration
    private let condition = NSCondition()
    private var idle: [DatabaseQueue] = []
    private var opened = 0

    init(path: String, maximum: Int) {
        self.path = path
        self.maximum = max(1, maximum)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        self.configuration = configuration
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try connection.inDatabase { db in
            try db.cachedStatement(sql: "BEGIN DEFERRED").execute()
            defer {
                // A read transaction always commits; should it not, roll back so
                // that the next read starts clean.
                if (try? db.cachedStatement(sql: "COMMIT").execute()) == nil { try? db.rollback() }
            }
            return try body(db)
        }
    }

    /// A read of a single statement: SQLite runs it in a read transaction of its
    /// own, so it sees one snapshot without `BEGIN`/`COMMIT` (2 % of the
    /// benchmark's rooms page). `body` gets the statement only, so it cannot run
    /// a second one outside that snapshot; the statement is reset afterwards,
    /// which ends its transaction.
    func read<T>(statement sql: String, _ body: (Statement) throws -> T) throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try connection.inDatabase { db in
            let statement = try db.cachedStatement(sql: sql)
            defer { sqlite3_reset(statement.sqliteStatement) }
            return try body(statement)
        }
    }

    private func take() throws -> DatabaseQueue {
        condition.lock()
        while idle.isEmpty && opened >= maximum { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        opened += 1
        condition.unlock()
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            condition.lock()
            opened -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func giveBack(_ connection: DatabaseQueue) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}
