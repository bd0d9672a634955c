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
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return try DatabasePool(path: path, configuration: configuration)
    }
}
