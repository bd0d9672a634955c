import GRDB
import GRDBSQLite

/// The current row of a statement, read through SQLite's C API by column
/// number: `row[0]` gives the type asked for, as GRDB's `Row` does. GRDB's
/// `Row` first copies each row and builds a table of its columns, about
/// 10,000 instructions a fetch; reading a room that way was an eighth of a
/// booking request (Benchmarks/README.md §4). Valid only inside the closure
/// that receives it.
struct SQLiteRow {
    fileprivate let handle: OpaquePointer

    subscript<Value: SQLiteColumnValue>(_ column: Int) -> Value {
        Value.read(handle, Int32(column))
    }
}

/// A type a column reads as. A NULL reads as 0, "" or false, as an optional as nil.
protocol SQLiteColumnValue {
    static func read(_ statement: OpaquePointer, _ column: Int32) -> Self
}

extension Int64: SQLiteColumnValue {
    static func read(_ statement: OpaquePointer, _ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
}

extension Int: SQLiteColumnValue {
    static func read(_ statement: OpaquePointer, _ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
}

extension Bool: SQLiteColumnValue {
    static func read(_ statement: OpaquePointer, _ column: Int32) -> Bool { sqlite3_column_int64(statement, column) != 0 }
}

extension Double: SQLiteColumnValue {
    static func read(_ statement: OpaquePointer, _ column: Int32) -> Double { sqlite3_column_double(statement, column) }
}

extension String: SQLiteColumnValue {
    static func read(_ statement: OpaquePointer, _ column: Int32) -> String {
        guard let text = sqlite3_column_text(statement, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }
}

extension Optional: SQLiteColumnValue where Wrapped: SQLiteColumnValue {
    static func read(_ statement: OpaquePointer, _ column: Int32) -> Wrapped? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : Wrapped.read(statement, column)
    }
}

extension Statement {
    /// Binds `arguments`, calls `body` for each row, and resets the statement.
    func forEachRow(arguments: StatementArguments = StatementArguments(), _ body: (SQLiteRow) throws -> Void) throws {
        try setArguments(arguments)
        let handle = sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW:
                try body(SQLiteRow(handle: handle))
            case SQLITE_DONE:
                return
            case let code:
                throw stepError(code, arguments)
            }
        }
    }

    /// Every row, as `transform` makes it.
    func fetchAll<T>(arguments: StatementArguments = StatementArguments(), _ transform: (SQLiteRow) throws -> T) throws -> [T] {
        var values: [T] = []
        try forEachRow(arguments: arguments) { values.append(try transform($0)) }
        return values
    }

    /// The first row, as `transform` makes it; nil when there is none.
    func fetchFirst<T>(arguments: StatementArguments = StatementArguments(), _ transform: (SQLiteRow) throws -> T) throws -> T? {
        try setArguments(arguments)
        let handle = sqliteStatement
        defer { sqlite3_reset(handle) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return try transform(SQLiteRow(handle: handle))
        case SQLITE_DONE:
            return nil
        case let code:
            throw stepError(code, arguments)
        }
    }

    private func stepError(_ code: Int32, _ arguments: StatementArguments) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))),
                      sql: sql, arguments: arguments)
    }
}
