import GRDB
import GRDBSQLite

/// Read access to the shared benchmark database (`../shared/bench/db/gen_db.py`):
/// the same read connections, statement cache and single-statement reads as
/// `AppDatabase` (an organisation's rooms). The rows are read with SQLite's C
/// API rather than GRDB's decoding, as the site's hottest reads could be.
public struct BenchmarkRooms: Sendable {
    /// One page of rooms. Their text stays the UTF-8 bytes SQLite holds, all in
    /// one buffer owned by the page: building a `String` per column validated
    /// every byte again and cost more than the query (Benchmarks/README.md §1).
    public final class Page: @unchecked Sendable {  // immutable
        public let rows: [Row]
        private let text: UnsafeMutableBufferPointer<UInt8>

        fileprivate init(rows: [Row], text: consuming PageText) {
            self.rows = rows
            self.text = text.take()
        }

        deinit { text.deallocate() }

        /// Bytes of a row's text column; valid as long as the page lives.
        public func text(_ column: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: text[column])
        }
    }

    public struct Row: Sendable {
        public let id: Int
        /// Ranges for `Page.text(_:)`.
        public let title: Range<Int>
        public let district: Range<Int>
        public let capacity: Int
        public let description: Range<Int>
        public let free: Bool
    }

    let readers: ReaderConnections

    public init(path: String) throws {
        readers = ReaderConnections(path: path, maximum: 4)
        try readers.read { _ in }  // a missing or unreadable file fails here, not at the first request
    }

    /// The 20 rooms of `district` on 1-based `page`, ordered by id.
    public func rooms(district: String, page: Int) throws -> Page {
        try readers.read(statement: """
            SELECT id, title, district, capacity, description, free FROM room WHERE district = ? ORDER BY id LIMIT 20 OFFSET ?
            """) { statement in
            // Bound and stepped through SQLite's C API: GRDB's arguments and
            // cursor took 12,000 instructions a page around SQLite's 178,000.
            let handle = statement.sqliteStatement
            sqlite3_bind_text(handle, 1, district, -1, SQLITE_TRANSIENT)
            sqlite3_bind_int64(handle, 2, Int64((page - 1) * 20))
            var text = PageText(capacity: 8 * 1024)
            var rows: [Row] = []
            rows.reserveCapacity(20)
            while true {
                switch sqlite3_step(handle) {
                case SQLITE_ROW:
                    rows.append(Row(id: Int(sqlite3_column_int64(handle, 0)), title: text.append(1, of: handle),
                                    district: text.append(2, of: handle), capacity: Int(sqlite3_column_int64(handle, 3)),
                                    description: text.append(4, of: handle), free: sqlite3_column_int64(handle, 5) != 0))
                case SQLITE_DONE:
                    return Page(rows: rows, text: text)
                case let code:
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                                        sql: statement.sql)
                }
            }
        }
    }
}

/// A page's text columns, copied in one after the other while the rows are read.
private struct PageText: ~Copyable {
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

    init(capacity: Int) { buffer = .allocate(capacity: capacity) }

    deinit { buffer.deallocate() }

    /// Copies a text column of the statement's current row in behind the others.
    mutating func append(_ column: Int32, of statement: OpaquePointer) -> Range<Int> {
        guard let bytes = sqlite3_column_text(statement, column) else { return count..<count }
        let length = Int(sqlite3_column_bytes(statement, column))
        if count + length > buffer.count {
            let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(buffer.count * 2, count + length))
            _ = grown.initialize(fromContentsOf: buffer[..<count])
            buffer.deallocate()
            buffer = grown
        }
        (buffer.baseAddress! + count).initialize(from: bytes, count: length)
        count += length
        return (count - length)..<count
    }

    /// The bytes, now owned by the caller.
    consuming func take() -> UnsafeMutableBufferPointer<UInt8> {
        let taken = buffer
        discard self
        return taken
    }
}

/// SQLite copies the bound text (the C macro is not imported into Swift).
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
