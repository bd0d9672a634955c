import Foundation
import GRDB

/// Opens the SQLite file: WAL with concurrent readers and one writer,
/// `synchronous = FULL` so a confirmed booking survives a power loss, foreign
/// keys on, and a busy timeout so writers queue instead of failing.
enum Persistence {
    /// `readers` should be at least the number of threads that read at once:
    /// with 4 readers for the server's 8 threads, a third of a search page's
    /// time went to threads waiting for a reader.
    static func openPool(at path: String, readers: Int) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = max(1, readers)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return try DatabasePool(path: path, configuration: configuration)
    }
}
