import GRDB

/// Read access to the shared benchmark database (`../shared/bench/db/gen_db.py`):
/// the same read connections and cached-statement queries as `AppDatabase`, so
/// the benchmark measures the code paths the site uses.
public struct BenchmarkRooms: Sendable {
    public struct Row: Sendable {
        public let id: Int
        public let title: String
        public let district: String
        public let capacity: Int
        public let description: String
        public let free: Bool
    }

    let readers: ReaderConnections

    public init(path: String) throws {
        readers = ReaderConnections(path: path, maximum: 4)
        try readers.read { _ in }  // a missing or unreadable file fails here, not at the first request
    }

    /// The 20 rooms of `district` on 1-based `page`, ordered by id.
    public func rooms(district: String, page: Int) throws -> [Row] {
        try readers.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT id, title, district, capacity, description, free FROM room WHERE district = ? ORDER BY id LIMIT 20 OFFSET ?
                """)
            var rows: [Row] = []
            rows.reserveCapacity(20)
            let cursor = try GRDB.Row.fetchCursor(statement, arguments: [district, (page - 1) * 20])
            while let row = try cursor.next() {
                rows.append(Row(id: row[0], title: row[1], district: row[2], capacity: row[3], description: row[4], free: row[5]))
            }
            return rows
        }
    }
}
