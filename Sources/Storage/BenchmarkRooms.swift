import GRDB
import GRDBSQLite

/// Read access to the shared benchmark database (`../shared/bench/db/gen_db.py`):
/// the same read connections and single-statement reads as `AppDatabase` (an
/// organisation's rooms), so the benchmark measures the code paths the site uses.
public struct BenchmarkRooms: Sendable {
    /// One page of rooms. Their text stays the UTF-8 bytes SQLite holds, all in
    /// one buffer owned by the page: building a `String` per column validated
    /// every byte again and cost more than the query (Benchmarks/README.md §1).
    public final class Page: @unchecked Sendable {  // immutable after init
        public let rows: [Row]
        private let text: UnsafeMutableBufferPointer<UInt8>

        init(rows: [Row], text: [UInt8]) {
            self.rows = rows
            self.text = .allocate(capacity: text.count)
            _ = self.text.initialize(from: text)
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
            var text: [UInt8] = []
            text.reserveCapacity(8 * 1024)
            var rows: [Row] = []
            rows.reserveCapacity(20)
            let columns = statement.sqliteStatement
            // `text` is passed in: captured and changed, it lived in a box retained on every use.
            func append(_ column: Int32, to text: inout [UInt8]) -> Range<Int> {
                let start = text.count
                if let bytes = sqlite3_column_text(columns, column) {
                    text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(columns, column))))
                }
                return start..<text.count
            }
            // A cursor of the first column steps the statement without making a
            // GRDB `Row` per row (which reads every column's name: 2 % of a page).
            let ids = try Int.fetchCursor(statement, arguments: [district, (page - 1) * 20])
            while let id = try ids.next() {
                rows.append(Row(id: id, title: append(1, to: &text), district: append(2, to: &text),
                                capacity: Int(sqlite3_column_int64(columns, 3)), description: append(4, to: &text),
                                free: sqlite3_column_int64(columns, 5) != 0))
            }
            return Page(rows: rows, text: text)
        }
    }
}
