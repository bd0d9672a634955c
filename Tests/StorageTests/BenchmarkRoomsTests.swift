import Foundation
import GRDB
import Testing
@testable import Storage

@Suite("Benchmark rooms")
struct BenchmarkRoomsTests {
    /// A database shaped like `../shared/bench/db/gen_db.py`'s.
    private func makeBenchmarkDatabase() throws -> (path: String, directory: String) {
        let directory = NSTemporaryDirectory() + "bench-rooms-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/rooms.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE room (id INTEGER PRIMARY KEY, title TEXT NOT NULL, district TEXT NOT NULL, capacity INTEGER NOT NULL,
                                   description TEXT NOT NULL, free INTEGER NOT NULL CHECK (free IN (0, 1)));
                CREATE INDEX room_district_id ON room(district, id);
                """)
            // Long descriptions: a page's text outgrows the buffer it starts with.
            for id in 101...120 {
                try db.execute(sql: "INSERT INTO room VALUES (?, ?, 'Buntekuh', 10, ?, 1)",
                               arguments: [id, "Halle \(id)", String(repeating: "ä\(id % 10)", count: 1_000)])
            }
            for id in 1...45 {
                let district = id % 2 == 0 ? "St. Jürgen" : "Moisling"
                try db.execute(sql: "INSERT INTO room VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [id, "Saal #\(id) \"Süd\" & Co.", district, id * 2, id == 2 ? "" : "Küche <klein> \(id)", id % 3 == 0])
            }
        }
        return (path, directory)
    }

    @Test("a page holds the district's rooms in id order, 20 at a time, with their text as stored")
    func page() throws {
        let (path, directory) = try makeBenchmarkDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rooms = try BenchmarkRooms(path: path)
        let first = try rooms.rooms(district: "St. Jürgen", page: 1)
        #expect(first.rows.map(\.id) == Array(stride(from: 2, through: 40, by: 2)))
        let room = try #require(first.rows.first)
        #expect(String(decoding: first.text(room.title), as: UTF8.self) == "Saal #2 \"Süd\" & Co.")
        #expect(String(decoding: first.text(room.district), as: UTF8.self) == "St. Jürgen")
        #expect(first.text(room.description).isEmpty)
        #expect(room.capacity == 4 && !room.free)
        let last = try #require(first.rows.last)
        #expect(String(decoding: first.text(last.description), as: UTF8.self) == "Küche <klein> 40")
        #expect(try rooms.rooms(district: "St. Jürgen", page: 2).rows.map(\.id) == [42, 44])
        #expect(try rooms.rooms(district: "Innenstadt", page: 1).rows.isEmpty)
    }

    @Test("text beyond the room a page starts with comes out whole, row by row")
    func longText() throws {
        let (path, directory) = try makeBenchmarkDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let page = try BenchmarkRooms(path: path).rooms(district: "Buntekuh", page: 1)
        #expect(page.rows.map(\.id) == Array(101...120))
        for row in page.rows {
            #expect(String(decoding: page.text(row.description), as: UTF8.self) == String(repeating: "ä\(row.id % 10)", count: 1_000))
            #expect(String(decoding: page.text(row.title), as: UTF8.self) == "Halle \(row.id)")
        }
    }

    @Test("a missing database fails when opened, not at the first page")
    func missingFile() {
        #expect(throws: (any Error).self) { try BenchmarkRooms(path: "/nonexistent/rooms.sqlite") }
    }
}
