import GRDB
import GRDBSQLite

/// Read access to the shared benchmark database (`../shared/bench/db/gen_db.py`):
/// the same read connections and single-statement reads as `AppDatabase` (an
/// organisation's rooms), so the benchmark measures the code paths the site uses.
public struct BenchmarkRooms: Sendable {
    /// One page of rooms. Their text stays the UTF-8 bytes SQLite holds, all in
    /// one buffer owned by the page: building a `String` per column validated
    /// every byte again and cost more than the query (Benchmarks/README.md §1).
    public final class Page: @unchecked Sendable {  // changed only while the query fills it
        public fileprivate(set) var rows: [Row] = []
        private var text: UnsafeMutableBufferPointer<UInt8>
        private var textCount = 0

        fileprivate init(textCapacity: Int) {
            text = .allocate(capacity: textCapacity)
            rows.reserveCapacity(20)
        }

        deinit { text.deallocate() }

        /// Bytes of a row's text column; valid as long as the page lives.
        public func text(_ column: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: text[column])
        }

        /// Copies a text column of the statement's current row in behind the others.
        fileprivate func append(_ column: Int32, of statement: OpaquePointer) -> Range<Int> {
            guard let bytes = sqlite3_column_text(statement, column) else { return textCount..<textCount }
            let count = Int(sqlite3_column_bytes(statement, column))
            if textCount + count > text.count {
                let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(text.count * 2, textCount + count))
                _ = grown.initialize(fromContentsOf: text[..<textCount])
                text.deallocate()
                text = grown
            }
            (text.baseAddress! + textCount).initialize(from: bytes, count: count)
            textCount += count
            return (textCount - count)..<textCount
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
            let result = Page(textCapacity: 8 * 1024)
            let columns = statement.sqliteStatement
            // A cursor of the first column steps the statement without making a
            // GRDB `Row` per row (which reads every column's name: 2 % of a page).
            let ids = try Int.fetchCursor(statement, arguments: [district, (page - 1) * 20])
            while let id = try ids.next() {
                result.rows.append(Row(id: id, title: result.append(1, of: columns), district: result.append(2, of: columns),
                                       capacity: Int(sqlite3_column_int64(columns, 3)), description: result.append(4, of: columns),
                                       free: sqlite3_column_int64(columns, 5) != 0))
            }
            return result
        }
    }
}
