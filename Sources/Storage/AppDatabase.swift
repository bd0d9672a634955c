import Foundation
import GRDB
import RoomExchange

/// The one owner of the database: it opens the file, migrates it, and offers
/// methods that each run one transaction and keep one invariant.
public struct AppDatabase: Sendable {
    /// The writer (and GRDB's migrator and backups); reads go to `readers`.
    let pool: DatabasePool
    let readers: ReaderConnections
    /// Bookings commit in groups: see `GroupCommit`.
    let bookingCommits: GroupCommit
    /// The start page's figures, recounted at most once a minute.
    let figures = TimedValue<(rooms: Int, organisations: Int)>()
    public let path: String

    /// Opens (creating if needed) and migrates the database at `path`. Refuses a
    /// file that a newer version of the program has migrated. `readers`: the
    /// most reads at once (plus two for background work), at least the server's
    /// threads: with 4 for the server's 8 threads, threads waited for a reader.
    public init(path: String, migrate: Bool = true, readers: Int = 4) throws {
        self.path = path
        pool = try Persistence.openPool(at: path)
        self.readers = ReaderConnections(path: path, maximum: readers + 2)
        bookingCommits = GroupCommit(pool: pool)
        if try pool.read(Migrations.migrator.hasBeenSuperseded) { throw StorageError.databaseNewerThanCode }
        if migrate {
            try self.migrate()
            try refreshStatistics()
        }
    }

    /// Gives SQLite's planner fresh table statistics; without them it picked a
    /// capacity index and sorted 100,000 rooms for a plain newest-first page.
    /// `analysis_limit` keeps this to milliseconds on large tables.
    /// Also merges the full-text index into one segment: a prefix query
    /// ("seminarraum*") merges the doclists of every segment, and on 100,000
    /// rooms loaded in bulk that took 336 µs per query instead of 191 µs.
    /// The merge took 0.2 s there. The index of search words likewise (a
    /// lookup: 17 → 9 µs).
    public func refreshStatistics() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE")
            try db.execute(sql: "INSERT INTO roomSearch(roomSearch) VALUES ('optimize')")
            try db.execute(sql: "INSERT INTO searchTermIndex(searchTermIndex) VALUES ('optimize')")
        }
    }

    /// Runs `body` in one read transaction on a connection of its own.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try readers.read(body)
    }

    /// Runs one statement in the read transaction SQLite gives it.
    func read<T>(statement sql: String, _ body: (Statement) throws -> T) throws -> T {
        try readers.read(statement: sql, body)
    }

    public func migrate() throws {
        try Migrations.migrator.migrate(pool)
    }

    /// Names of migrations applied and known (for `raumboerse migrate`).
    public func appliedMigrations() throws -> [String] {
        try read { try Migrations.migrator.appliedMigrations($0) }
    }

    /// True when the database answers a query.
    public func isHealthy() -> Bool {
        (try? read { try Int.fetchOne($0, sql: "SELECT 1") }) == 1
    }

    /// A consistent copy of the database while it keeps serving (SQLite's online
    /// backup API), checked with `PRAGMA integrity_check` afterwards.
    public func backup(to destination: String) throws {
        let copy = try DatabaseQueue(path: destination)
        try pool.backup(to: copy)
        if let problem = try AppDatabase.verify(path: destination) { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: problem) }
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }
}

/// A value computed at most once per `maxAge` seconds; callers in between get
/// the last one.
final class TimedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: (value: Value, at: ContinuousClock.Instant)?

    func value(maxAge seconds: Int, compute: () throws -> Value) rethrows -> Value {
        let now = ContinuousClock.now
        if let cached = lock.withLock({ cached }), now - cached.at < .seconds(seconds) { return cached.value }
        let value = try compute()
        lock.withLock { cached = (value, now) }
        return value
    }
}
