import Foundation
import GRDB

/// Opens the SQLite file for writing: WAL, so that `ReaderConnections` read
/// while one writer writes, `synchronous = FULL` so a confirmed booking
/// survives a power loss, foreign keys on, and a busy timeout so writers queue
/// instead of failing.
enum Persistence {
    /// Reads run on `ReaderConnections`; the pool keeps one reader for GRDB's
    /// migrator and backups.
    static func openPool(at path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 1
        configuration.prepareDatabase { db in
            // Keeps the savepoint journals of a group commit (one savepoint per
            // booking) in memory: by default they spill to a temporary file after
            // 64 KiB, and every group of bookings passed that.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // Not in `prepareDatabase`: GRDB sets `synchronous = NORMAL` on the writer
        // after it, when it switches the file to WAL. NORMAL syncs the WAL only
        // at checkpoints, so a commit could be lost with the power.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        return pool
    }
}
