import Foundation
import GRDB
import Synchronization
import Testing
@testable import Storage

@Suite("Read connections")
struct ReaderConnectionsTests {
    private func organisations(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM organisation") ?? -1
    }

    private func addOrganisation(_ database: AppDatabase, _ name: String) throws {
        try database.pool.write { db in
            try db.execute(sql: "INSERT INTO organisation (name, kind, createdAt) VALUES (?, 'nonprofit', 0)", arguments: [name])
        }
    }

    @Test("a read sees one snapshot across its statements while a writer commits; the next read sees the commit")
    func snapshot() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try addOrganisation(database, "Erste")
        let (before, after) = try database.read { db in
            let before = try organisations(db)
            // Another thread writes and commits while this read is open.
            let written = DispatchSemaphore(value: 0)
            Thread { try? addOrganisation(database, "Zweite"); written.signal() }.start()
            written.wait()
            return (before, try organisations(db))
        }
        #expect(before == 1 && after == 1)
        #expect(try database.read(organisations) == 2)
    }

    @Test("a read that throws gives its connection back with no transaction left open")
    func throwingRead() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let readers = ReaderConnections(path: database.path, maximum: 1)
        struct Failure: Error {}
        #expect(throws: Failure.self) { try readers.read { db in _ = try organisations(db); throw Failure() } }
        #expect(throws: DatabaseError.self) { try readers.read { db in try db.execute(sql: "SELECT * FROM nowhere") } }
        // With one connection, these would fail to begin if a transaction were still open.
        #expect(try readers.read { db in (try organisations(db), db.isInsideTransaction) } == (0, true))
        try addOrganisation(database, "Neu")
        #expect(try readers.read(organisations) == 1)
    }

    @Test("a single-statement read ends its snapshot when it returns, even when it stopped stepping early")
    func singleStatement() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["Erste", "Zweite", "Dritte"] { try addOrganisation(database, name) }
        let readers = ReaderConnections(path: database.path, maximum: 1)
        let first = try readers.read(statement: "SELECT name FROM organisation ORDER BY id") { statement in
            try String.fetchCursor(statement).next()  // one row of three: the statement is still running here
        }
        #expect(first == "Erste")
        try addOrganisation(database, "Vierte")
        // A snapshot still held by the (only) reader would keep the checkpoint from truncating the WAL.
        let (busy, _, _) = try database.pool.writeWithoutTransaction { db in
            try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)").map { ($0[0] as Int, $0[1] as Int, $0[2] as Int) }!
        }
        #expect(busy == 0)
        #expect(try readers.read(statement: "SELECT count(*) FROM organisation") { try Int.fetchOne($0) } == 4)
    }

    @Test("never more connections in use than the maximum; readers beyond it wait and all finish")
    func bounded() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let readers = ReaderConnections(path: database.path, maximum: 2)
        let inUse = Atomic(0)
        let most = Atomic(0)
        let finished = Atomic(0)
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread {
                defer { group.leave() }
                try? readers.read { db in
                    let now = inUse.add(1, ordering: .sequentiallyConsistent).newValue
                    _ = most.max(now, ordering: .sequentiallyConsistent)
                    Thread.sleep(forTimeInterval: 0.02)
                    _ = try organisations(db)
                    inUse.subtract(1, ordering: .sequentiallyConsistent)
                }
                finished.add(1, ordering: .sequentiallyConsistent)
            }.start()
        }
        #expect(group.wait(timeout: .now() + 10) == .success)
        #expect(finished.load(ordering: .sequentiallyConsistent) == 8)
        #expect(most.load(ordering: .sequentiallyConsistent) == 2)
    }
}
