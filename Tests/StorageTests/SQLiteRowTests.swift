import GRDB
import Testing
@testable import Storage

@Suite("Rows read through SQLite's C API")
struct SQLiteRowTests {
    @Test("columns read as the type asked for; NULL is nil for optionals and 0, false or empty text otherwise")
    func types() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let statement = try db.makeStatement(sql: "SELECT 42, 'Küche <1>', 1, 2.5, NULL, ?, CAST(? AS BLOB)")
            let read = try #require(try statement.fetchFirst(arguments: ["Saal", "roh"]) { row in
                (row[0] as Int64, row[0] as Int, row[1] as String, row[2] as Bool, row[3] as Double,
                 row[4] as String?, row[4] as Int64?, row[4] as Int, row[4] as String, row[4] as Bool, row[5] as String?, row[6] as String)
            })
            #expect(read.0 == 42 && read.1 == 42 && read.2 == "Küche <1>" && read.3 && read.4 == 2.5)
            #expect(read.5 == nil && read.6 == nil && read.7 == 0 && read.8 == "" && !read.9)
            #expect(read.10 == "Saal" && read.11 == "roh")
        }
    }

    @Test("every row in order, none for an empty result; the statement is reset and runs again with new arguments")
    func rows() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let statement = try db.makeStatement(sql: "SELECT value FROM json_each(?) ORDER BY key")
            #expect(try statement.fetchAll(arguments: ["[3, 1, 2]"]) { $0[0] as Int } == [3, 1, 2])
            #expect(try statement.fetchAll(arguments: ["[]"]) { $0[0] as Int }.isEmpty)
            #expect(try statement.fetchFirst(arguments: ["[]"]) { $0[0] as Int } == nil)
            #expect(try statement.fetchFirst(arguments: ["[7, 8]"]) { $0[0] as Int } == 7)
            #expect(try statement.fetchAll(arguments: ["[5]"]) { $0[0] as Int } == [5], "fetchFirst left no step behind")
        }
    }

    @Test("an error while stepping is thrown with the statement's SQL, and the statement can run again")
    func stepError() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let statement = try db.makeStatement(sql: "SELECT abs(?)")
            do {
                _ = try statement.fetchAll(arguments: [Int64.min]) { $0[0] as Int64 }
                Issue.record("abs of the smallest integer overflows in SQLite")
            } catch let error as DatabaseError {
                #expect(error.message?.contains("integer overflow") == true)
                #expect(error.sql == "SELECT abs(?)")
            }
            #expect(try statement.fetchFirst(arguments: [-3]) { $0[0] as Int } == 3)
        }
    }

    @Test("an error thrown by the caller's closure passes through and leaves the statement ready")
    func closureError() throws {
        struct Stop: Error {}
        let queue = try DatabaseQueue()
        try queue.read { db in
            let statement = try db.makeStatement(sql: "SELECT value FROM json_each('[1, 2, 3]')")
            #expect(throws: Stop.self) { try statement.forEachRow { _ in throw Stop() } }
            #expect(try statement.fetchAll { $0[0] as Int } == [1, 2, 3])
        }
    }
}
