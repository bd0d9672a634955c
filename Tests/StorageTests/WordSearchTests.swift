import Foundation
import RoomExchange
import Testing
@testable import Storage

/// Rooms found by words: title matches first, then matches elsewhere, each
/// group newest first, paged and counted across both groups.
@Suite("Search by words")
struct WordSearchTests {
    /// Rooms 1…7: odd ones say "Werkstatt" in the title, even ones only in the
    /// description; room 7 is pending and never shows.
    private func makeRooms() throws -> (AppDatabase, String) {
        let (database, directory) = try makeTestDatabase()
        let org = try insertOrganisation(database)
        for number in 1...7 {
            let inTitle = number % 2 == 1
            var room = sampleRoom(org, title: inTitle ? "Werkstatt \(number)" : "Raum \(number)", status: number == 7 ? .pending : .published)
            room.description = inTitle ? "Ein Raum." : "Mit kleiner Werkstatt im Keller."
            room.district = number <= 2 ? .buntekuh : .moisling
            _ = try database.insertRoom(room)
        }
        return (database, directory)
    }

    private func search(_ database: AppDatabase, _ words: String, page: Int = 1, perPage: Int = 20, countLimit: Int? = nil,
                        district: District? = nil) throws -> (titles: [String], total: Int) {
        var filter = RoomFilter()
        filter.words = words
        filter.page = page
        filter.perPage = perPage
        filter.countLimit = countLimit
        filter.district = district
        let result = try database.searchRooms(filter)
        return (result.rooms.map(\.title), result.total)
    }

    @Test("title matches come first, then the others, newest first in each group")
    func order() throws {
        let (database, directory) = try makeRooms()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try search(database, "werk")
        #expect(result.titles == ["Werkstatt 5", "Werkstatt 3", "Werkstatt 1", "Raum 6", "Raum 4", "Raum 2"])
        #expect(result.total == 6)
        // Every word must match; a word found only in the description puts the room in the second group.
        #expect(try search(database, "werkstatt keller").titles == ["Raum 6", "Raum 4", "Raum 2"])
        // No title holds both words: one group, newest first.
        #expect(try search(database, "raum werkstatt").titles == ["Raum 6", "Werkstatt 5", "Raum 4", "Werkstatt 3", "Raum 2", "Werkstatt 1"])
        #expect(try search(database, "nirgends").total == 0)
    }

    @Test("pages run across the two groups without gaps or repeats")
    func pages() throws {
        let (database, directory) = try makeRooms()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pages = try (1...4).map { try search(database, "werk", page: $0, perPage: 2).titles }
        #expect(pages == [["Werkstatt 5", "Werkstatt 3"], ["Werkstatt 1", "Raum 6"], ["Raum 4", "Raum 2"], []])
        let fours = try (1...2).map { try search(database, "werk", page: $0, perPage: 4).titles }
        #expect(fours == [["Werkstatt 5", "Werkstatt 3", "Werkstatt 1", "Raum 6"], ["Raum 4", "Raum 2"]])
        // Counting up to a limit takes each page from the rooms counted: the same pages, the same total,
        // and a page past the matches still counts them.
        for page in 1...4 {
            let limited = try search(database, "werk", page: page, perPage: 2, countLimit: 200)
            #expect(limited.titles == pages[page - 1] && limited.total == 6, "page \(page)")
        }
        let plain = try (1...3).map { try search(database, "", page: $0, perPage: 3, countLimit: 200) }
        #expect(plain.map(\.titles) == [["Raum 6", "Werkstatt 5", "Raum 4"], ["Werkstatt 3", "Raum 2", "Werkstatt 1"], []])
        #expect(plain.map(\.total) == [6, 6, 6])
    }

    @Test("counting stops at the limit across both groups; other filters still apply")
    func countsAndFilters() throws {
        let (database, directory) = try makeRooms()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Limit 2: three title matches already pass it, so total is limit + 1.
        #expect(try search(database, "werk", perPage: 2, countLimit: 2) == (["Werkstatt 5", "Werkstatt 3"], 3))
        // Limit 4: three in titles plus two of the others.
        #expect(try search(database, "werk", page: 2, perPage: 2, countLimit: 4).total == 5)
        #expect(try search(database, "werk", district: .buntekuh).titles == ["Werkstatt 1", "Raum 2"])
    }
}
