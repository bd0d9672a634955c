import Foundation
import GRDB
import RoomExchange
import Testing
@testable import Storage

/// A prefix is searched as the known words it stands for (migration v9): the
/// word list must follow every write, fold like FTS5, and give the same rooms
/// as the prefix itself.
@Suite("Search words")
struct SearchTermTests {
    private func titles(_ database: AppDatabase, _ words: String) throws -> [String] {
        var filter = RoomFilter()
        filter.words = words
        return try database.searchRooms(filter).rooms.map(\.title)
    }

    /// The rooms a plain FTS5 prefix query finds among published rooms, newest first.
    private func prefixTitles(_ database: AppDatabase, _ words: String) throws -> [String] {
        let match = words.split(separator: " ").map { "\"\($0)\"*" }.joined(separator: " ")
        return try database.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT r.title FROM roomSearch JOIN room r ON r.id = roomSearch.rowid
                WHERE roomSearch MATCH ? AND r.status = 'published' ORDER BY r.id DESC
                """, arguments: [match])
        }
    }

    private func expansion(_ database: AppDatabase, _ words: String) throws -> String? {
        try database.pool.read { try AppDatabase.ftsQuery(words, $0) }
    }

    private func organisation(_ database: AppDatabase, name: String) throws -> Organisation {
        try #require(try database.organisation(insertOrganisation(database, name: name)))
    }

    @Test("a prefix becomes the words it stands for, folded as FTS5 folds them; a rare one stays a prefix")
    func expands() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let org = try organisation(database, name: "Verein")
        var room = sampleRoom(org.id, title: "Seminarraum in St. Jürgen", status: .published)
        room.description = "Zwei Seminarräume mit Küche."
        _ = try database.insertRoom(room)

        #expect(try expansion(database, "Semin") == #"("seminarraum" OR "seminarraume")"#)
        #expect(try expansion(database, "JÜRG küch") == #"("jurgen") AND ("kuche")"#)
        #expect(try expansion(database, "nirgends") == #""nirgends"*"#)
        #expect(try expansion(database, "!!") == nil)
        #expect(try titles(database, "semin jürg") == ["Seminarraum in St. Jürgen"])

        // Seventeen words share "wort": more than a prefix is worth spelling out.
        var many = sampleRoom(org.id, title: "Wörter", status: .published)
        many.description = (1...AppDatabase.maximumTermsPerPrefix + 1).map { "wort\($0)" }.joined(separator: " ")
        _ = try database.insertRoom(many)
        #expect(try expansion(database, "wort") == #""wort"*"#)
        #expect(try titles(database, "wort") == ["Wörter"])
        #expect(try expansion(database, "wort17")?.contains(#""wort17""#) == true)
    }

    @Test("new rooms, edited rooms and renamed organisations bring their words; only published rooms are found")
    func followsWrites() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var org = try organisation(database, name: "Verein")
        var room = sampleRoom(org.id, title: "Zauberwerkstatt", status: .published)
        room.id = try database.insertRoom(room)
        let pending = sampleRoom(org.id, title: "Zauberkeller", status: .pending)
        let pendingID = try database.insertRoom(pending)
        #expect(try titles(database, "zauber") == ["Zauberwerkstatt"])

        room.title = "Töpferstube"
        #expect(try database.updateRoom(room, ownedBy: org.id, trusted: true) == .saved(.published))
        #expect(try titles(database, "zauber") == [])
        #expect(try titles(database, "töpf") == ["Töpferstube"])

        try database.pool.write { db in try db.execute(sql: "UPDATE room SET status = 'published' WHERE id = ?", arguments: [pendingID.rawValue]) }
        #expect(try titles(database, "zauber") == ["Zauberkeller"])
        try database.pool.write { db in try db.execute(sql: "UPDATE room SET status = 'archived' WHERE id = ?", arguments: [pendingID.rawValue]) }
        #expect(try titles(database, "zauber") == [])

        org.name = "Kulturkollektiv Hafen"
        try database.updateOrganisation(org, by: nil)
        #expect(try titles(database, "kulturkoll") == ["Töpferstube"])
        #expect(try expansion(database, "kulturkoll") == #"("kulturkollektiv")"#)
        #expect(try titles(database, "verein") == [])
    }

    @Test("spelled-out words find exactly the rooms the prefix finds")
    func sameRoomsAsPrefix() throws {
        let (database, directory) = try makeTestDatabase()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let org = try organisation(database, name: "Stadtteilhaus Moisling")
        let texts = [("Werkraum", "Werkbänke und Werkzeug."), ("Saal", "Bühne, Werkstattküche."), ("Küche", "Kochen für viele."),
                     ("Werkstatt", "Holz und Metall."), ("Büro", "Ruhig, mit Werkbank.")]
        for (title, description) in texts {
            var room = sampleRoom(org.id, title: title, status: .published)
            room.description = description
            _ = try database.insertRoom(room)
        }
        for words in ["werk", "werkb", "küch", "moisl werk", "stadtteil", "k", "holz metall"] {
            #expect(try titles(database, words).sorted() == prefixTitles(database, words).sorted(), "\(words)")
        }
        #expect(try titles(database, "werkb") == ["Büro", "Werkraum"])
    }

    @Test("migrating a database with rooms collects their words and drops unpublished rooms from the index")
    func migrationCollectsWords() throws {
        let directory = try makeDatabase(migratedUpTo: "v8-search-filters", rooms: [
            (1, "published", "Gemeinschaftsküche", "Groß", 50), (2, "pending", "Gemeinschaftsraum", "", 5),
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/raumboerse.sqlite")
        // The pending room's words come when it is published.
        #expect(try expansion(database, "gemein") == #"("gemeinschaftskuche")"#)
        #expect(try titles(database, "gemein") == ["Gemeinschaftsküche"])
        #expect(try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM roomSearch") } == 1)
    }
}
