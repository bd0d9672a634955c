@testable import DemoData
import Foundation
import GRDB
import RoomExchange
import Testing
import TestSupport
@testable import Storage

/// A fresh database file in its own temporary directory.
func makeTestDatabase() throws -> (AppDatabase, String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("raumboerse-storage-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return (try AppDatabase(path: directory + "/raumboerse.sqlite"), directory)
}

/// A database file migrated only up to `migration` and filled by `sql`, as an
/// older version of the program left it; returns its directory.
func makeDatabase(migratedUpTo migration: String, filledWith sql: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("raumboerse-\(migration)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let queue = try DatabaseQueue(path: directory + "/raumboerse.sqlite")
    try Migrations.migrator.migrate(queue, upTo: migration)
    try queue.write { db in try db.execute(sql: sql) }
    try queue.close()
    return directory
}

/// `makeDatabase(migratedUpTo:filledWith:)` with organisation 1 ("Verein", Moisling)
/// and its `rooms` in Moisling, then `sql` for the rest the test needs.
func makeDatabase(migratedUpTo migration: String,
                  rooms: [(id: Int, status: String, title: String, description: String, capacity: Int)],
                  then sql: String = "") throws -> String {
    let quoted = { (text: String) in "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
    let values = rooms.map { room in
        "(\(room.id), 1, \(quoted(room.status)), \(quoted(room.title)), \(quoted(room.description)), 'moisling', 'Weg 1', '23560', \(room.capacity), 'free', 'instant', 0, 0)"
    }
    return try makeDatabase(migratedUpTo: migration, filledWith: """
        INSERT INTO organisation (id, name, kind, district, description, trusted, createdAt) VALUES (1, 'Verein', 'nonprofit', 'moisling', '', 1, 0);
        INSERT INTO room (id, organisationId, status, title, description, district, street, postcode, capacity, priceModel,
                          bookingMode, createdAt, updatedAt)
        VALUES \(values.joined(separator: ", "));
        \(sql)
        """)
}

/// A trusted nonprofit in Moisling.
func insertOrganisation(_ database: AppDatabase, name: String = "Verein") throws -> Organisation.ID {
    try database.insertOrganisation(Organisation(id: .init(0), name: name, kind: .nonprofit, district: .moisling,
                                                 description: "", website: nil, contactEmail: nil, phone: nil, trusted: true))
}

@Suite("Storage")
struct AppDatabaseTests {
    @Test("migrating creates the schema in WAL mode with foreign keys, and running it again changes nothing")
    func migrates() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try database.appliedMigrations() == ["v1", "v2-accounts", "v3-moderation", "v4-outbox", "v5-search-order", "v6-overlap-probe", "v7-outbox-language", "v8-search-filters", "v9-search-terms", "v10-opening-codes", "v11-invitation-links", "v12-text-proposals", "v13-photo-review"])
        // Asked of the writer: GRDB switches it to WAL after `prepareDatabase`
        // and sets `synchronous = NORMAL` on the way, which a reader never shows.
        let (mode, foreignKeys, synchronous, tempStore) = try database.pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA temp_store"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        #expect(synchronous == 2, "FULL: every commit is synced, not only checkpoints")
        #expect(tempStore == 2, "MEMORY: the group commit's savepoint journals stay off the disk")
        let reopened = try AppDatabase(path: database.path)
        #expect(try reopened.appliedMigrations() == ["v1", "v2-accounts", "v3-moderation", "v4-outbox", "v5-search-order", "v6-overlap-probe", "v7-outbox-language", "v8-search-filters", "v9-search-terms", "v10-opening-codes", "v11-invitation-links", "v12-text-proposals", "v13-photo-review"])
    }

    @Test("a database migrated by a newer program is refused")
    func refusesNewerDatabase() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try database.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999')") }
        #expect(throws: StorageError.databaseNewerThanCode) { try AppDatabase(path: database.path) }
    }

    @Test("the schema refuses values outside its enumerations")
    func checkConstraints() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: DatabaseError.self) {
            try database.pool.write { db in
                try db.execute(sql: "INSERT INTO organisation (name, kind, createdAt) VALUES ('X', 'club', 0)")
            }
        }
        #expect(try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM organisation") } == 0)
    }

    @Test("two overlapping confirmed bookings of one room are refused by the database itself")
    func overlapTrigger() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try DemoLoader.load(into: database)
        let room = Room.ID(1)
        try database.inTransaction { tx in
            try tx.insertBooking(room: room, organisation: nil, startsAt: 2_000_000_000, endsAt: 2_000_003_600, attendees: 1, purpose: "", confirmed: true)
            // Touching ends and requests never collide.
            try tx.insertBooking(room: room, organisation: nil, startsAt: 2_000_003_600, endsAt: 2_000_007_200, attendees: 1, purpose: "", confirmed: true)
            try tx.insertBooking(room: room, organisation: nil, startsAt: 2_000_001_800, endsAt: 2_000_005_400, attendees: 1, purpose: "", confirmed: false)
        }
        #expect(throws: DatabaseError.self) {
            try database.inTransaction { tx in
                try tx.insertBooking(room: room, organisation: nil, startsAt: 2_000_001_800, endsAt: 2_000_005_400, attendees: 1, purpose: "", confirmed: true)
            }
        }
        #expect(throws: DatabaseError.self) {
            try database.pool.write { db in
                try db.execute(sql: "UPDATE booking SET status = 'confirmed' WHERE startsAt = 2000001800")
            }
        }
        let confirmed = try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM booking WHERE roomId = 1 AND status = 'confirmed' AND startsAt >= 2000000000") }
        #expect(confirmed == 2)
    }

    @Test("the two-probe overlap check (trigger and query) agrees with a brute-force check on random slots")
    func overlapProbeMatchesBruteForce() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try DemoLoader.load(into: database)
        let room = Room.ID(1)
        let base: Int64 = 3_000_000_000
        var generator = SystemRandomNumberGenerator()
        var confirmed: [(Int64, Int64)] = []
        for _ in 0..<400 {
            let start = base + Int64.random(in: 0..<200, using: &generator) * 900
            let end = start + Int64.random(in: 1...8, using: &generator) * 900
            let expected = confirmed.contains { $0.0 < end && start < $0.1 }
            let probed = try database.pool.read { try AppDatabase.overlapsConfirmed($0, room: room, start: start, end: end, except: nil) }
            #expect(probed == expected, "query for \(start)–\(end)")
            let stored = (try? database.inTransaction { tx in
                try tx.insertBooking(room: room, organisation: nil, startsAt: start, endsAt: end, attendees: 1, purpose: "", confirmed: true)
            }) != nil
            #expect(stored == !expected, "trigger for \(start)–\(end)")
            if stored { confirmed.append((start, end)) }
        }
        #expect(confirmed.count > 20)
    }

    @Test("the audit log is append-only")
    func auditAppendOnly() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try database.pool.write { db in
            try db.execute(sql: "INSERT INTO auditEntry (actorName, action, objectType, at) VALUES ('system', 'test', 'room', 0)")
        }
        #expect(throws: DatabaseError.self) { try database.pool.write { try $0.execute(sql: "UPDATE auditEntry SET action = 'x'") } }
        #expect(throws: DatabaseError.self) { try database.pool.write { try $0.execute(sql: "DELETE FROM auditEntry") } }
    }

    @Test("search filters narrow the published rooms and count them")
    func searchFilters() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try DemoLoader.load(into: database)
        let all = try database.searchRooms(RoomFilter())
        #expect(all.total == DemoCatalog.rooms.count)
        #expect(all.rooms.count == 20)

        var filter = RoomFilter()
        filter.district = .moisling
        let moisling = try database.searchRooms(filter)
        #expect(moisling.total == DemoCatalog.rooms.filter { $0.district == "moisling" }.count)
        #expect(moisling.rooms.allSatisfy { $0.district == .moisling })

        filter = RoomFilter()
        filter.minCapacity = 100
        #expect(try database.searchRooms(filter).total == DemoCatalog.rooms.filter { $0.capacity >= 100 }.count)

        filter = RoomFilter()
        filter.stepFree = true
        filter.equipment = [.kitchen]
        let expected = DemoCatalog.rooms.filter { $0.stepFree && $0.equipment.contains("kitchen") }.count
        #expect(try database.searchRooms(filter).total == expected)

        filter = RoomFilter()
        filter.freeOnly = true
        filter.visitorKind = .company
        #expect(try database.searchRooms(filter).total == DemoCatalog.rooms.filter { ["free", "donation"].contains($0.priceModel) }.count)
    }

    @Test("full-text search ignores case and diacritics and matches word prefixes")
    func fullText() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let org = try database.insertOrganisation(Organisation(id: .init(0), name: "Kulturverein Süd", kind: .nonprofit, district: .stLorenzSued,
                                                               description: "", website: nil, contactEmail: nil, phone: nil, trusted: false))
        _ = try database.insertRoom(sampleRoom(org, title: "Großer Probenraum für Chöre", status: .published))
        _ = try database.insertRoom(sampleRoom(org, title: "Werkstatt", status: .pending))
        func total(_ words: String) throws -> Int {
            var filter = RoomFilter()
            filter.words = words
            return try database.searchRooms(filter).total
        }
        #expect(try total("chore") == 1)
        #expect(try total("GROSS") == 0) // ß is not folded to ss by unicode61
        #expect(try total("groß probe") == 1)
        #expect(try total("kultur") == 1) // organisation name
        #expect(try total("werkstatt") == 0) // not published
        #expect(try total("\"; DROP TABLE room; --") == 0)
        #expect(try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM room") } == 2)
    }

    @Test("a backup is a consistent copy that passes the integrity check")
    func backup() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try DemoLoader.load(into: database)
        let copy = directory + "/copy.sqlite"
        try database.backup(to: copy)
        let restored = try AppDatabase(path: copy)
        #expect(try restored.searchRooms(RoomFilter()).total == DemoCatalog.rooms.count)
    }

    @Test("demo data goes only into an empty database, and generates large sets")
    func demoData() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let summary = try DemoLoader.load(into: database, rooms: 500)
        #expect(summary.rooms == 500)
        #expect(summary.organisations == DemoCatalog.organisations.count)
        #expect(try database.searchRooms(RoomFilter()).total == 500)
        #expect(throws: DemoLoader.LoadError.self) { try DemoLoader.load(into: database) }
    }
}

func sampleRoom(_ organisation: Organisation.ID, title: String, status: Room.Status) -> Room {
    Room(id: .init(0), organisationID: organisation, status: status, title: title, description: "Ein Raum.",
         district: .innenstadt, street: "Breite Straße 1", postcode: "23552", capacity: 10, areaM2: nil, price: .free,
         bookingMode: .instant, accessibility: Accessibility(stepFree: false, accessibleWC: false, hearingLoop: false),
         equipment: [], openingHours: .closed, minMinutes: 60, maxMinutes: 240, leadHours: 2, maxDaysAhead: 365, rules: "")
}

@Suite("Invitations in the database")
struct InvitationStorageTests {
    @Test("invitations from before v11 have no link: they count as expired and nobody joins through them")
    func migratedInvitations() throws {
        let directory = try makeDatabase(migratedUpTo: "v10-opening-codes", filledWith: """
            INSERT INTO organisation (id, name, kind, createdAt) VALUES (1, 'Treff', 'nonprofit', 0);
            INSERT INTO invitation (organisationId, email, createdAt) VALUES (1, 'alt@treff.example', 0);
            """)
        let database = try AppDatabase(path: directory + "/raumboerse.sqlite")
        #expect(try database.pendingInvitations(of: Organisation.ID(1)) == [SentInvitation(email: "alt@treff.example", expired: true)])
        #expect(throws: InvitationInvalid.self) {
            try database.register(NewAccount(email: "alt@treff.example", name: "Alt", passwordHash: "x", membership: .invited(tokenHash: [])))
        }
        #expect(try database.register(NewAccount(email: "alt@treff.example", name: "Alt", passwordHash: "x",
                                                 membership: .founding(name: "Alt e.V.", kind: .nonprofit))) == User.ID(1))
        #expect(try database.user(User.ID(1))?.organisationID == Organisation.ID(2))
    }
}

@Suite("Mail payloads")
struct MailPayloadTests {
    @Test("the payload's JSON reads back as it was, whatever the texts hold, with keys sorted as JSONEncoder sorts them")
    func jsonRoundTrip() throws {
        let tricky = ["quote": "Saal \"Große Freiheit\"", "backslash": "C:\\Raum", "lines": "eins\nzwei\r\ndrei\tvier",
                      "control": "a\u{0}b\u{1F}c\u{7F}", "slash": "</script>", "emoji": "Chor 🎶 Möwe", "": "leer"]
        var generator = SeededGenerator(seed: 11)
        var payloads = [MailPayload(), MailPayload(values: tricky, times: [.init(start: 1_800_000_000, end: 1_800_003_600), .init(start: -5, end: 0)])]
        for _ in 0..<50 {
            let values = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                (String((0..<Int.random(in: 0...8, using: &generator)).map { _ in Character(UnicodeScalar(UInt8.random(in: 0...127, using: &generator))) }),
                 String((0..<Int.random(in: 0...20, using: &generator)).map { _ in Character(UnicodeScalar(UInt32.random(in: 0...0x2FF, using: &generator))!) }))
            }
            payloads.append(MailPayload(values: Dictionary(values, uniquingKeysWith: { a, _ in a }),
                                        times: (0..<Int.random(in: 0...3, using: &generator)).map { _ in .init(start: .random(in: 0...2_000_000_000, using: &generator), end: 7) }))
        }
        for payload in payloads {
            #expect(try JSONDecoder().decode(MailPayload.self, from: Data(payload.json.utf8)) == payload, "\(payload.json)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let plain = MailPayload(values: ["room_title": "Saal", "booking_id": "7"], times: [.init(start: 1, end: 2)])
        #expect(plain.json == String(decoding: try encoder.encode(plain), as: UTF8.self))
    }
}
