import Foundation
import GRDB
import Synchronization
import Testing
@testable import Storage

@Suite("Group commit")
struct GroupCommitTests {
    struct Refused: Error {}

    @Test("concurrent writes share transactions; a failing write rolls back alone; each caller gets its own result")
    func concurrentWrites() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try database.pool.write { try $0.execute(sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)") }
        let commits = GroupCommit(pool: database.pool)
        let results = Mutex<[Int: Result<Int64, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: 64) { value in
            let result = Result<Int64, any Error> {
                try commits.write { db in
                    try db.execute(sql: "INSERT INTO probe (value) VALUES (?)", arguments: [value])
                    // Every fourth write fails after it has written: its row must go.
                    if value % 4 == 0 { throw Refused() }
                    return db.lastInsertedRowID
                }
            }
            results.withLock { $0[value] = result }
        }
        let stored = try database.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, value FROM probe").map { row -> (Int64, Int) in (row[0], row[1]) })
        }
        let all = results.withLock { $0 }
        #expect(all.count == 64)
        #expect(stored.count == 48)
        for (value, result) in all {
            switch result {
            case .success(let id): #expect(stored[id] == value)
            case .failure(let error): #expect(error is Refused && value % 4 == 0)
            }
        }
        #expect(!stored.values.contains { $0 % 4 == 0 })
    }

    @Test("a write after a quiet period leads its own commit and returns")
    func singleWrite() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let commits = GroupCommit(pool: database.pool)
        for expected in 1...3 {
            let count = try commits.write { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY)")
                try db.execute(sql: "INSERT INTO probe DEFAULT VALUES")
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM probe")!
            }
            #expect(count == expected)
        }
    }
}
