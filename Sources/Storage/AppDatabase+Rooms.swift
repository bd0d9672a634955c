import GRDB
import RoomExchange

/// A room's page: the room, who offers it, its photos, and when it is taken.
public struct RoomPage: Sendable {
    public let room: Room
    public let organisation: Organisation
    public let photos: [Photo]
    public let occupancy: [AppDatabase.Occupancy]
    public let closedPeriods: [BookingPolicy.ClosedPeriod]
}

extension AppDatabase {
    /// A booked or requested stretch of a room's time.
    public typealias Occupancy = (start: Int64, end: Int64, status: BookingStatus)

    /// Published rooms matching `filter`, one page, newest first. With words,
    /// rooms whose title holds every word come first, then those that hold them
    /// elsewhere (description, organisation), each group newest first.
    ///
    /// That order replaced FTS5's bm25 rank, which scored every match before
    /// the first could be shown: 23 ms of CPU a page for the 6,250 matches of
    /// "seminarraum" on 100,000 rooms. Each group is read in rowid order and
    /// stops at the page and the count limit.
    public func searchRooms(_ filter: RoomFilter) throws -> RoomSearchResult {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let district = filter.district {
            conditions.append("r.district = ?")
            arguments.append(district.rawValue)
        }
        if let capacity = filter.minCapacity {
            // `+` keeps SQLite off the capacity index: "at least N people" matches most
            // rooms, and walking that index to filter by Stadtteil cost 23 ms on 100,000 rooms.
            conditions.append("+r.capacity >= ?")
            arguments.append(capacity)
        }
        if filter.stepFree { conditions.append("r.stepFree = 1") }
        if filter.freeOnly {
            let models = filter.freePriceModels
            conditions.append("r.priceModel IN (\(models.map { _ in "?" }.joined(separator: ", ")))")
            arguments.append(contentsOf: models.map(\.rawValue))
        }
        // The mask of the wanted items is computed once per query; each room's
        // mask is in the filter indexes (migration v8).
        if !filter.equipment.isEmpty {
            let wanted = "(SELECT sum(bit) FROM equipmentBit WHERE equipment IN (\(filter.equipment.map { _ in "?" }.joined(separator: ", "))))"
            conditions.append("r.equipmentMask & \(wanted) = \(wanted)")
            let items = filter.equipment.sorted().map(\.rawValue)
            arguments += items + items
        }
        // Joined to each room, before the conditions; their arguments come first.
        var joins = ""
        var joinArguments: [any DatabaseValueConvertible] = []
        if let slot = filter.available {
            let minutes = slot.slot.endMinute - slot.slot.startMinute
            // The booking rules and the day's opening code (migration v10) first: they are read from
            // the filter index, the probes after them are not. A code holds one span in its low 22
            // bits and a second in the next 22; -1 (more than two spans) asks `openingSpan`.
            let weekday = BerlinTime.weekday(slot.slot.date).rawValue
            let hours = "r.hours\(weekday)"
            conditions.append("""
                r.minMinutes <= ? AND r.maxMinutes >= ? AND r.leadHours * 3600 <= ? - ? AND r.maxDaysAhead >= ?
                AND ((\(hours) >> 11) & 2047 <= ? AND \(hours) & 2047 >= ?
                     OR (\(hours) >> 33) & 2047 <= ? AND (\(hours) >> 22) & 2047 >= ?
                     OR \(hours) < 0 AND EXISTS (SELECT 1 FROM openingSpan s
                         WHERE s.roomId = r.id AND s.weekday = ? AND s.startMinute <= ? AND s.endMinute >= ?))
                AND c.roomId IS NULL AND b.id IS NULL
                """)
            let (start, end) = (slot.slot.startMinute, slot.slot.endMinute)
            arguments += [minutes, minutes, slot.startsAt, slot.now, BerlinTime.local(slot.now).date.days(until: slot.slot.date),
                          start, end, start, end, weekday, start, end]
            // No closure, no confirmed booking: anti-joins, which keep their cursors open from room to
            // room, where NOT EXISTS opened and closed one per room (a fifth of counting 201 free rooms).
            joins = """
                 LEFT JOIN closure c ON c.roomId = r.id AND c.fromDate <= ? AND c.toDate >= ?
                 LEFT JOIN booking b ON b.roomId = r.id AND b.status = 'confirmed' AND b.startsAt < ? AND ? < b.endsAt
                """
            let date = slot.slot.date.description
            joinArguments = [date, date, slot.endsAt, slot.startsAt]
        } else if let day = filter.openOn {
            // Weekday and days ahead from the filter index; closures by anti-join, as for a slot.
            conditions.append("r.hours\(BerlinTime.weekday(day.date).rawValue) != 0 AND r.maxDaysAhead >= ? AND c.roomId IS NULL")
            arguments.append(day.daysAhead)
            joins = " LEFT JOIN closure c ON c.roomId = r.id AND c.fromDate <= ? AND c.toDate >= ?"
            joinArguments = [day.date.description, day.date.description]
        }
        let offset = (max(1, filter.page) - 1) * filter.perPage

        return try read { db in
            let groups: [RoomQuery]
            if let words = filter.words, let match = try AppDatabase.ftsQuery(words, db) {
                // The index holds published rooms only (migration v9): without other
                // filters a group is counted and paged in it alone.
                let from = conditions.isEmpty && joins.isEmpty ? "roomSearch fts" : "roomSearch fts CROSS JOIN room r ON r.id = fts.rowid" + joins
                groups = ["{title} : (\(match))", "(\(match)) NOT {title} : (\(match))"].map { group in
                    // CROSS JOIN keeps FTS5 the outer loop: a plan that probed it once per room took seconds.
                    RoomQuery(id: "fts.rowid", from: from, conditions: ["roomSearch MATCH ?"] + conditions,
                              arguments: joinArguments + [group] + arguments)
                }
            } else {
                groups = [RoomQuery(id: "r.id", from: "room r" + joins, conditions: ["r.status = 'published'"] + conditions,
                                    arguments: joinArguments + arguments)]
            }
            var rooms: [RoomSummary] = []
            var total = 0
            var skip = offset
            for group in groups {
                // Counting stops at the limit: an exact count of 100,000 rooms costs more than the page.
                // A limit of 0 asks for no count at all (the start page's newest rooms, always a first
                // page): each group then counts as endless, which is exact as long as the page starts in it.
                let uncounted = filter.countLimit == 0
                let remaining = filter.countLimit.map { $0 + 1 - total }
                if !uncounted, remaining.map({ $0 <= 0 }) == true { break }
                let count = uncounted ? Int.max : try group.count(db, limit: remaining)
                if rooms.count < filter.perPage, skip < count {
                    rooms += try group.page(db, limit: filter.perPage - rooms.count, offset: skip)
                }
                skip = max(0, skip - count)
                if !uncounted { total += count }
            }
            return RoomSearchResult(rooms: rooms, total: total, page: filter.page, perPage: filter.perPage)
        }
    }

    /// The newest published rooms, for the start page.
    public func featuredRooms(limit: Int) throws -> [RoomSummary] {
        var filter = RoomFilter()
        filter.perPage = limit
        filter.countLimit = 0
        return try searchRooms(filter).rooms
    }

    /// Published rooms of one organisation.
    public func publishedRooms(of organisation: Organisation.ID) throws -> [RoomSummary] {
        try read(statement: """
            SELECT \(AppDatabase.summaryColumns) FROM room r
            JOIN organisation o ON o.id = r.organisationId
            \(AppDatabase.firstPhotoJoin)
            WHERE r.organisationId = ? AND r.status = 'published' ORDER BY r.title
            """) { statement in
            try statement.fetchAll(arguments: [organisation.rawValue], AppDatabase.summary)
        }
    }

    /// A room in any status with everything its page shows; nil when unknown.
    public func room(_ id: Room.ID) throws -> Room? {
        try read { db in try AppDatabase.fetchRoom(db, id) }
    }

    /// Everything a room's page shows, read in one transaction: one consistent
    /// picture, and one reader taken instead of five (taking readers was a
    /// third of the page's time with eight server threads). Nil when unknown.
    public func roomPage(_ id: Room.ID, occupancyFrom from: Int64, to: Int64) throws -> RoomPage? {
        try read { db in
            guard let room = try AppDatabase.fetchRoom(db, id),
                  let organisation = try AppDatabase.fetchOrganisation(db, room.organisationID) else { return nil }
            return RoomPage(room: room, organisation: organisation, photos: try AppDatabase.fetchPhotos(db, id),
                            occupancy: try AppDatabase.fetchOccupancy(db, id, from: from, to: to),
                            closedPeriods: AppDatabase.closedPeriods(try AppDatabase.fetchClosures(db, id)))
        }
    }

    /// A room's photos as the public sees them: reviewed ones only.
    public func photos(of room: Room.ID) throws -> [Photo] {
        try read { db in try AppDatabase.fetchPhotos(db, room) }
    }

    /// A room's photos for its organisation: those awaiting review too.
    public func photosForOwners(of room: Room.ID) throws -> [Photo] {
        try read { db in try AppDatabase.fetchPhotos(db, room, includingUnreviewed: true) }
    }

    static func fetchPhotos(_ db: Database, _ room: Room.ID, includingUnreviewed: Bool = false) throws -> [Photo] {
        try db.cachedStatement(sql: """
            SELECT id, fileName, width, height, alt, awaitsReview FROM photo WHERE roomId = ? AND (? OR NOT awaitsReview) ORDER BY position, id
            """).fetchAll(arguments: [room.rawValue, includingUnreviewed]) { Photo(id: Photo.ID($0[0]), fileName: $0[1], width: $0[2], height: $0[3], alt: $0[4], awaitsReview: $0[5]) }
    }

    public func organisation(_ id: Organisation.ID) throws -> Organisation? {
        try read { db in try AppDatabase.fetchOrganisation(db, id) }
    }

    static func fetchOrganisation(_ db: Database, _ id: Organisation.ID) throws -> Organisation? {
        try db.cachedStatement(sql: """
            SELECT id, name, kind, district, description, website, contactEmail, phone, trusted FROM organisation WHERE id = ?
            """).fetchFirst(arguments: [id.rawValue], AppDatabase.organisation)
    }

    /// Figures for the start page: published rooms and the organisations offering them.
    /// Cached for a minute: counting 100,000 published rooms took 4 ms of every
    /// start page, for a figure nobody needs to the second.
    public func exchangeFigures() throws -> (rooms: Int, organisations: Int) {
        try figures.value(maxAge: 60) { try countFigures() }
    }

    private func countFigures() throws -> (rooms: Int, organisations: Int) {
        try read { db in
            let rooms = try Int.fetchOne(db, sql: "SELECT count(*) FROM room WHERE status = 'published'") ?? 0
            // One index probe per organisation instead of a DISTINCT over every room.
            let organisations = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM organisation o WHERE EXISTS (SELECT 1 FROM room r WHERE r.organisationId = o.id AND r.status = 'published')
                """) ?? 0
            return (rooms, organisations)
        }
    }

    // MARK: Writing

    /// Creates an organisation; returns its id.
    public func insertOrganisation(_ draft: Organisation) throws -> Organisation.ID {
        try pool.write { db in try AppDatabase.insertOrganisation(db, draft) }
    }

    /// Stores a room with its hours and equipment in one transaction; returns its id.
    public func insertRoom(_ room: Room) throws -> Room.ID {
        try pool.write { db in try AppDatabase.insertRoom(db, room) }
    }

    /// Runs `body` in one write transaction (bulk loading of demo data).
    /// A bulk load touches more pages than SQLite's default 2 MB cache holds; with
    /// the default, 100,000 rooms re-read pages for minutes instead of seconds.
    public func inTransaction<T>(_ body: (Transaction) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(Transaction(db: db))
                return .commit
            }
            return result!
        }
    }

    /// Writes inside one transaction, for bulk loads.
    public struct Transaction {
        let db: Database

        public func insertOrganisation(_ draft: Organisation) throws -> Organisation.ID {
            try AppDatabase.insertOrganisation(db, draft)
        }

        public func insertRoom(_ room: Room) throws -> Room.ID {
            try AppDatabase.insertRoom(db, room)
        }

        public func count(_ table: String) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.filter { $0.isLetter })") ?? 0
        }
    }

    static func insertOrganisation(_ db: Database, _ o: Organisation) throws -> Organisation.ID {
        try db.cachedStatement(sql: """
            INSERT INTO organisation (name, kind, district, description, website, contactEmail, phone, trusted, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [o.name, o.kind.rawValue, o.district?.rawValue, o.description, o.website,
                                     o.contactEmail, o.phone, o.trusted, now])
        return Organisation.ID(db.lastInsertedRowID)
    }

    static func insertRoom(_ db: Database, _ r: Room) throws -> Room.ID {
        let now = now
        try db.cachedStatement(sql: """
            INSERT INTO room (organisationId, status, title, description, district, street, postcode, capacity, areaM2,
                priceModel, pricePerHourCents, bookingMode, stepFree, accessibleWC, hearingLoop, minMinutes, maxMinutes,
                leadHours, maxDaysAhead, rules, createdAt, updatedAt, publishedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                r.organisationID.rawValue, r.status.rawValue, r.title, r.description, r.district.rawValue, r.street,
                r.postcode, r.capacity, r.areaM2, r.price.model.rawValue, r.price.feePerHourCents, r.bookingMode.rawValue,
                r.accessibility.stepFree, r.accessibility.accessibleWC, r.accessibility.hearingLoop, r.minMinutes,
                r.maxMinutes, r.leadHours, r.maxDaysAhead, r.rules, now, now, r.status == .published ? now : nil,
            ])
        let id = db.lastInsertedRowID
        let span = try db.cachedStatement(sql: "INSERT INTO openingSpan (roomId, weekday, startMinute, endMinute) VALUES (?, ?, ?, ?)")
        for day in Weekday.allCases {
            for s in r.openingHours[day] { try span.execute(arguments: [id, day.rawValue, s.start, s.end]) }
        }
        let equipment = try db.cachedStatement(sql: "INSERT INTO roomEquipment (roomId, equipment) VALUES (?, ?)")
        for item in r.equipment.sorted() { try equipment.execute(arguments: [id, item.rawValue]) }
        return Room.ID(id)
    }

    // MARK: Reading rows

    static let summaryColumns = """
        r.id, r.title, r.description, r.district, r.capacity, r.priceModel, r.pricePerHourCents, r.stepFree, o.name,
        p.id, p.fileName, p.width, p.height, p.alt
        """

    /// The first reviewed photo of room `r` as `p`, for `summaryColumns`.
    static let firstPhotoJoin = """
        LEFT JOIN photo p ON p.id = (SELECT id FROM photo WHERE roomId = r.id AND NOT awaitsReview ORDER BY position, id LIMIT 1)
        """

    static func summary(_ row: SQLiteRow) -> RoomSummary {
        let photo: Photo? = (row[9] as Int64?).map { Photo(id: Photo.ID($0), fileName: row[10], width: row[11], height: row[12], alt: row[13]) }
        return RoomSummary(
            id: Room.ID(row[0]), title: row[1], description: row[2], district: District(rawValue: row[3]) ?? .innenstadt,
            capacity: row[4], price: price(model: row[5], cents: row[6]), stepFree: row[7], organisationName: row[8], photo: photo
        )
    }

    static func price(model: String, cents: Int?) -> Price {
        Price.Model(rawValue: model).flatMap { Price(model: $0, feePerHourCents: cents) } ?? .free
    }

    static func organisation(_ row: SQLiteRow) -> Organisation {
        Organisation(
            id: Organisation.ID(row[0]), name: row[1], kind: Organisation.Kind(rawValue: row[2]) ?? .other,
            district: (row[3] as String?).flatMap(District.init(rawValue:)), description: row[4], website: row[5],
            contactEmail: row[6], phone: row[7], trusted: row[8]
        )
    }

    static func fetchRoom(_ db: Database, _ id: Room.ID) throws -> Room? {
        var days: [[MinuteSpan]] = Array(repeating: [], count: 7)
        try db.cachedStatement(sql: "SELECT weekday, startMinute, endMinute FROM openingSpan WHERE roomId = ?")
            .forEachRow(arguments: [id.rawValue]) { span in
                let day: Int = span[0]
                if days.indices.contains(day), let s = MinuteSpan(start: span[1], end: span[2]) { days[day].append(s) }
            }
        let equipment = try db.cachedStatement(sql: "SELECT equipment FROM roomEquipment WHERE roomId = ?")
            .fetchAll(arguments: [id.rawValue]) { Equipment(rawValue: $0[0]) }.compactMap { $0 }
        return try db.cachedStatement(sql: """
            SELECT id, organisationId, status, title, description, district, street, postcode, capacity, areaM2, priceModel,
                pricePerHourCents, bookingMode, stepFree, accessibleWC, hearingLoop, minMinutes, maxMinutes, leadHours,
                maxDaysAhead, rules FROM room WHERE id = ?
            """).fetchFirst(arguments: [id.rawValue]) { row in
            Room(
                id: Room.ID(row[0]), organisationID: Organisation.ID(row[1]), status: Room.Status(rawValue: row[2]) ?? .pending,
                title: row[3], description: row[4], district: District(rawValue: row[5]) ?? .innenstadt, street: row[6],
                postcode: row[7], capacity: row[8], areaM2: row[9], price: price(model: row[10], cents: row[11]),
                bookingMode: Room.BookingMode(rawValue: row[12]) ?? .request,
                accessibility: Accessibility(stepFree: row[13], accessibleWC: row[14], hearingLoop: row[15]),
                equipment: Set(equipment), openingHours: WeeklyHours(days: days), minMinutes: row[16], maxMinutes: row[17],
                leadHours: row[18], maxDaysAhead: row[19], rules: row[20]
            )
        }
    }

    /// Words to an FTS5 query: every word must match, each as a prefix, so
    /// "seminar jürg" finds "Seminarraum in St. Jürgen". Nil when no word is left.
    ///
    /// A prefix that stands for a few known words is written as those words
    /// ("seminar" as "seminarraum" OR "seminarraume"): FTS5 reads named words
    /// lazily and stops at the page, but merges a prefix's whole list first
    /// (migration v9). A prefix that stands for many words stays a prefix.
    static func ftsQuery(_ text: String, _ db: Database) throws -> String? {
        let words = text.split { !$0.isLetter && !$0.isNumber }.prefix(10)
        guard !words.isEmpty else { return nil }
        let lookup = try db.cachedStatement(sql: """
            SELECT t.term FROM searchTermIndex i CROSS JOIN searchTerm t ON t.id = i.rowid
            WHERE searchTermIndex MATCH ? LIMIT \(maximumTermsPerPrefix + 1)
            """)
        return try words.map { word in
            let prefix = "\"\(word)\"*"
            let terms = try String.fetchAll(lookup, arguments: [prefix])
            guard (1...maximumTermsPerPrefix).contains(terms.count) else { return prefix }
            return "(" + terms.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }

    /// Beyond this many words a prefix stays a prefix: OR-ing hundreds of lists costs more than merging them.
    static let maximumTermsPerPrefix = 16
}

extension AppDatabase.Transaction {
    /// Inserts a booking as it stands (bulk loading); the schema's trigger still
    /// refuses an overlapping confirmed one.
    public func insertBooking(room: Room.ID, organisation: Organisation.ID?, startsAt: Int64, endsAt: Int64,
                              attendees: Int, purpose: String, confirmed: Bool) throws {
        let now = AppDatabase.now
        try db.cachedStatement(sql: """
            INSERT INTO booking (roomId, bookerOrganisationId, startsAt, endsAt, attendees, purpose, status, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [room.rawValue, organisation?.rawValue, startsAt, endsAt, attendees, purpose,
                                     confirmed ? "confirmed" : "requested", now, now])
    }
}

/// One SELECT over published rooms: where it reads, its conditions, newest first.
private struct RoomQuery {
    /// The room id in `from`, which also gives the order: newest first.
    let id: String
    let from: String
    let conditions: [String]
    let arguments: [any DatabaseValueConvertible]

    private var matches: String { "SELECT \(id) AS id FROM \(from) WHERE \(conditions.joined(separator: " AND "))" }

    /// Matches, counted up to `limit` when given.
    func count(_ db: Database, limit: Int?) throws -> Int {
        let limitClause = limit.map { " LIMIT \($0)" } ?? ""
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (\(matches)\(limitClause))"),
                                arguments: StatementArguments(arguments)) ?? 0
    }

    /// The page's ids come first, so that the rooms skipped by the offset are
    /// never joined with their organisation and photo. The page is put in order
    /// here: an ORDER BY over the join cost SQLite a temporary B-tree. Rows are
    /// read where SQLite holds them (a cursor), not copied first.
    func page(_ db: Database, limit: Int, offset: Int) throws -> [RoomSummary] {
        try db.cachedStatement(sql: """
            SELECT \(AppDatabase.summaryColumns) FROM (\(matches) ORDER BY \(id) DESC LIMIT ? OFFSET ?) hit
            CROSS JOIN room r ON r.id = hit.id
            JOIN organisation o ON o.id = r.organisationId
            \(AppDatabase.firstPhotoJoin)
            """).fetchAll(arguments: StatementArguments(arguments + [limit, offset]), AppDatabase.summary)
            .sorted { $0.id.rawValue > $1.id.rawValue }
    }
}
