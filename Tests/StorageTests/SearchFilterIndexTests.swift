import Foundation
import GRDB
import RoomExchange
import Testing
@testable import Storage

/// The equipment filter reads `room.equipmentMask`, which triggers keep in step
/// with `roomEquipment` (migration v8).
@Suite("Search filter index")
struct SearchFilterIndexTests {
    private func rooms(with equipment: Set<Equipment>, in database: AppDatabase) throws -> [String] {
        var filter = RoomFilter()
        filter.equipment = equipment
        return try database.searchRooms(filter).rooms.map(\.title).sorted()
    }

    @Test("the equipment filter needs every item and follows edits of a room's equipment")
    func followsEdits() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let org = try insertOrganisation(database)
        var hall = sampleRoom(org, title: "Saal", status: .published)
        hall.equipment = [.stage, .wifi, .sound]
        hall.id = try database.insertRoom(hall)
        var kitchen = sampleRoom(org, title: "Küche", status: .published)
        kitchen.equipment = [.kitchen, .wifi]
        kitchen.id = try database.insertRoom(kitchen)

        #expect(try rooms(with: [.wifi], in: database) == ["Küche", "Saal"])
        #expect(try rooms(with: [.stage, .wifi], in: database) == ["Saal"])
        #expect(try rooms(with: [.stage, .kitchen], in: database) == [])
        #expect(try rooms(with: [.parking], in: database) == [])

        hall.equipment = [.sound, .parking]
        #expect(try database.updateRoom(hall, ownedBy: org, trusted: true) == .saved(.published))
        #expect(try rooms(with: [.stage], in: database) == [])
        #expect(try rooms(with: [.parking, .sound], in: database) == ["Saal"])
        #expect(try rooms(with: [.wifi], in: database) == ["Küche"])

        // A direct change of a row (no code does this today) keeps the mask too.
        try database.pool.write { db in
            try db.execute(sql: "UPDATE roomEquipment SET equipment = 'stage' WHERE roomId = ? AND equipment = 'wifi'",
                           arguments: [kitchen.id.rawValue])
        }
        #expect(try rooms(with: [.stage, .kitchen], in: database) == ["Küche"])
        #expect(try rooms(with: [.wifi], in: database) == [])
        try expectMasksMatchEquipment(database)
    }

    @Test("migrating a database with rooms gives each room the mask of its equipment")
    func migrationFillsMasks() throws {
        let directory = try makeDatabase(migratedUpTo: "v7-outbox-language",
                                         rooms: [(1, "published", "Saal", "", 50), (2, "published", "Leer", "", 5)], then: """
            INSERT INTO roomEquipment VALUES (1, 'stage'), (1, 'wifi'), (1, 'parking');
            """)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/raumboerse.sqlite")
        #expect(try database.pool.read { try Int.fetchAll($0, sql: "SELECT equipmentMask FROM room ORDER BY id") } == [1 + 256 + 512, 0])
        #expect(try rooms(with: [.stage, .parking], in: database) == ["Saal"])
        try expectMasksMatchEquipment(database)
    }

    private func expectMasksMatchEquipment(_ database: AppDatabase) throws {
        let mismatches = try database.pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM room r WHERE r.equipmentMask != (
                    SELECT coalesce(sum(b.bit), 0) FROM roomEquipment e JOIN equipmentBit b USING (equipment) WHERE e.roomId = r.id)
                """)
        }
        #expect(mismatches == 0)
    }
}
