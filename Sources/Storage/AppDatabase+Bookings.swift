import GRDB
import RoomExchange

/// Slots that could not be booked, each with its problems; nothing was stored.
public struct BookingConflict: Error, Sendable {
    public let failures: [(slot: BookingSlot, problems: [BookingProblem])]
}

/// A slot ready to store: checked by `BookingPolicy`, with its UTC instants.
public struct CheckedSlot: Sendable {
    public let slot: BookingSlot
    public let startsAt: Int64
    public let endsAt: Int64

    public init(slot: BookingSlot, startsAt: Int64, endsAt: Int64) {
        self.slot = slot
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

public struct BookingEvent: Sendable {
    public let action: String
    public let reason: String?
    public let actorName: String?
    public let at: Int64
}

/// A booking with what its page shows.
public struct BookingDetails: Sendable {
    public let id: BookingID
    public let roomID: Room.ID
    public let roomTitle: String
    public let roomOrganisationID: Organisation.ID
    public let roomOrganisationName: String
    public let bookerUserID: User.ID?
    public let bookerName: String?
    public let bookerEmail: String?
    public let bookerOrganisationName: String?
    public let startsAt: Int64
    public let endsAt: Int64
    public let attendees: Int
    public let purpose: String
    public let status: BookingStatus
    public let statusReason: String?
    public let priceCents: Int?
    public let priceModel: String
    public let seriesID: Int64?
    public let sequence: Int
    public let createdAt: Int64
    public let updatedAt: Int64
    /// Where to go and what to keep to: the parties need it once they have a booking.
    public let roomStreet: String
    public let roomPostcode: String
    public let roomDistrict: District
    public let roomRules: String
    /// How the booker reaches the room's organisation: its contact details, or its manager's address.
    public let providerPhone: String?
    public let providerEmail: String?
    public var events: [BookingEvent] = []

    /// `Lindenplatz 3, 23554 Lübeck`
    public var roomAddress: String { roomStreet + ", " + roomPostcode + " Lübeck" }
}

/// Reasons the system gives for a change of status, stored as catalogue keys so
/// each reader sees them in their language; reasons people type are stored as typed.
public enum BookingReason {
    public static let otherRequestConfirmed = "booking.reason.other_request_confirmed"
    public static let roomArchived = "booking.reason.room_archived"
    public static let roomUnpublished = "booking.reason.room_unpublished"
}

extension AppDatabase {
    /// Books `slots` all or nothing: every slot is checked against the confirmed
    /// bookings first and, if any collides, nothing is stored. A request room
    /// stores `requested` bookings; only confirmed ones block others. Runs in a
    /// savepoint of a group commit, so it returns once the booking is on disk.
    public func book(room: Room.ID, slots: [CheckedSlot], by user: User, organisationKind: Organisation.Kind?,
                     attendees: Int, purpose: String, confirmed: Bool, price: Price) throws -> [BookingID] {
        try bookingCommits.write { db in
            guard try db.cachedStatement(sql: "SELECT status FROM room WHERE id = ?").fetchFirst(arguments: [room.rawValue], { $0[0] as String }) == "published" else {
                throw StorageError.notFound
            }
            var failures: [(slot: BookingSlot, problems: [BookingProblem])] = []
            for slot in slots {
                if try AppDatabase.overlapsConfirmed(db, room: room, start: slot.startsAt, end: slot.endsAt, except: nil) {
                    failures.append((slot.slot, [.overlapsBooking]))
                } else if !confirmed, try Int.fetchOne(db.cachedStatement(sql: """
                    SELECT count(*) FROM booking WHERE roomId = ? AND bookerUserId = ? AND status = 'requested' AND startsAt < ? AND ? < endsAt
                    """), arguments: [room.rawValue, user.id.rawValue, slot.endsAt, slot.startsAt]) ?? 0 > 0 {
                    failures.append((slot.slot, [.alreadyRequested]))
                }
            }
            if !failures.isEmpty { throw BookingConflict(failures: failures) }
            let now = AppDatabase.now
            var seriesID: Int64?
            if slots.count > 1 {
                try db.execute(sql: "INSERT INTO bookingSeries (roomId, createdAt) VALUES (?, ?)", arguments: [room.rawValue, now])
                seriesID = db.lastInsertedRowID
            }
            let status: BookingStatus = confirmed ? .confirmed : .requested
            var ids: [BookingID] = []
            for slot in slots {
                let cents = BookingPrice.of(price, minutes: Int(slot.endsAt - slot.startsAt) / 60, for: organisationKind).cents
                try db.cachedStatement(sql: """
                    INSERT INTO booking (roomId, seriesId, bookerUserId, bookerOrganisationId, startsAt, endsAt, attendees, purpose, status,
                        priceCents, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [room.rawValue, seriesID, user.id.rawValue, user.organisationID?.rawValue, slot.startsAt, slot.endsAt,
                                     attendees, purpose, status.rawValue, cents, now, now])
                let id = db.lastInsertedRowID
                try AppDatabase.recordEvent(db, booking: id, actor: user, action: status.rawValue, reason: nil)
                ids.append(BookingID(id))
            }
            try AppDatabase.notifyBookingCreated(db, ids, at: slots.map { MailPayload.Time(start: $0.startsAt, end: $0.endsAt) },
                                                 by: user, confirmed: confirmed)
            return ids
        }
    }

    /// Two index probes, as in the overlap triggers (migration v6): a confirmed
    /// booking that overlaps starts inside the slot or is the last to start before it.
    static func overlapsConfirmed(_ db: Database, room: Room.ID, start: Int64, end: Int64, except: Int64?) throws -> Bool {
        let inside = try db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM booking WHERE roomId = ? AND status = 'confirmed' AND startsAt >= ? AND startsAt < ? AND id IS NOT ?)
            """).fetchFirst(arguments: [room.rawValue, start, end, except]) { $0[0] as Bool } ?? false
        if inside { return true }
        let before = try db.cachedStatement(sql: """
            SELECT endsAt FROM booking WHERE roomId = ? AND status = 'confirmed' AND startsAt < ? AND id IS NOT ?
            ORDER BY startsAt DESC LIMIT 1
            """).fetchFirst(arguments: [room.rawValue, start, except]) { $0[0] as Int64 }
        return before.map { $0 > start } ?? false
    }

    static func recordEvent(_ db: Database, booking: Int64, actor: User?, action: String, reason: String?) throws {
        try db.cachedStatement(sql: "INSERT INTO bookingEvent (bookingId, actorUserId, action, reason, at) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [booking, actor?.id.rawValue, action, reason, now])
        try audit(db, actor: actor, action: "booking." + action, objectType: "booking", objectID: booking, reason: reason)
    }

    /// A booking if `user` may see it: the booker, the room's organisation, moderators.
    public func booking(_ id: BookingID, visibleTo user: User) throws -> BookingDetails? {
        try read { db in
            guard var details = try AppDatabase.fetchBooking(db, id) else { return nil }
            let allowed = details.bookerUserID == user.id || details.roomOrganisationID == user.organisationID || user.role.canModerate
            guard allowed else { return nil }
            details.events = try Row.fetchAll(db, sql: """
                SELECT e.action, e.reason, u.name, e.at FROM bookingEvent e LEFT JOIN user u ON u.id = e.actorUserId
                WHERE e.bookingId = ? ORDER BY e.at, e.id
                """, arguments: [id.rawValue]).map { BookingEvent(action: $0[0], reason: $0[1], actorName: $0[2], at: $0[3]) }
            return details
        }
    }

    static let bookingColumns = """
        b.id, b.roomId, r.title, r.organisationId, o.name, b.bookerUserId, u.name, u.email, bo.name, b.startsAt, b.endsAt,
        b.attendees, b.purpose, b.status, b.statusReason, b.priceCents, r.priceModel, b.seriesId, b.sequence, b.createdAt, b.updatedAt,
        r.street, r.postcode, r.district, r.rules, o.phone,
        coalesce(o.contactEmail, (SELECT m.email FROM user m WHERE m.organisationId = o.id AND m.organisationRole = 'manager' ORDER BY m.id LIMIT 1))
        """
    static let bookingJoins = """
        FROM booking b JOIN room r ON r.id = b.roomId JOIN organisation o ON o.id = r.organisationId
        LEFT JOIN user u ON u.id = b.bookerUserId LEFT JOIN organisation bo ON bo.id = b.bookerOrganisationId
        """

    static func fetchBooking(_ db: Database, _ id: BookingID) throws -> BookingDetails? {
        try db.cachedStatement(sql: "SELECT \(bookingColumns) \(bookingJoins) WHERE b.id = ?").fetchFirst(arguments: [id.rawValue], bookingDetails)
    }

    static func bookingDetails(_ row: SQLiteRow) -> BookingDetails {
        BookingDetails(
            id: BookingID(row[0]), roomID: Room.ID(row[1]), roomTitle: row[2], roomOrganisationID: Organisation.ID(row[3]),
            roomOrganisationName: row[4], bookerUserID: (row[5] as Int64?).map(User.ID.init), bookerName: row[6], bookerEmail: row[7],
            bookerOrganisationName: row[8], startsAt: row[9], endsAt: row[10], attendees: row[11], purpose: row[12],
            status: BookingStatus(rawValue: row[13]) ?? .cancelled, statusReason: row[14], priceCents: row[15], priceModel: row[16],
            seriesID: row[17], sequence: row[18], createdAt: row[19], updatedAt: row[20],
            roomStreet: row[21], roomPostcode: row[22], roomDistrict: District(rawValue: row[23]) ?? .innenstadt, roomRules: row[24],
            providerPhone: row[25], providerEmail: row[26]
        )
    }

    public enum BookingChange: Sendable { case confirm, decline(reason: String), cancel(reason: String), cancelSeries(reason: String) }

    /// What asking for a change did.
    public enum BookingChangeOutcome: Sendable, Equatable {
        case changed
        /// Not the user's to change: only the room's organisation answers requests,
        /// only it and the booker cancel.
        case notTheirs
        /// Theirs, but the booking's state stands in the way: answered or cancelled
        /// meanwhile, or over.
        case notNow
    }

    /// Changes a booking's status as `user` may: the room's organisation confirms
    /// or declines requests (confirming declines the requests it overlaps); booker
    /// or organisation cancel.
    public func changeBooking(_ id: BookingID, _ change: BookingChange, by user: User) throws -> BookingChangeOutcome {
        try pool.write { db in
            guard let booking = try AppDatabase.fetchBooking(db, id) else { return .notTheirs }
            let isOwner = booking.roomOrganisationID == user.organisationID
            let isBooker = booking.bookerUserID == user.id
            let now = AppDatabase.now
            func set(_ bookingID: Int64, _ status: BookingStatus, _ reason: String?) throws {
                try db.execute(sql: "UPDATE booking SET status = ?, statusReason = ?, sequence = sequence + 1, updatedAt = ? WHERE id = ?",
                               arguments: [status.rawValue, reason, now, bookingID])
                try AppDatabase.recordEvent(db, booking: bookingID, actor: user, action: status.rawValue, reason: reason)
            }
            switch change {
            case .confirm:
                guard isOwner else { return .notTheirs }
                guard booking.status == .requested else { return .notNow }
                // Pending (an edit under review) may be confirmed; a room taken down or rejected may not.
                let roomStatus = try String.fetchOne(db, sql: "SELECT status FROM room WHERE id = ?", arguments: [booking.roomID.rawValue])
                guard roomStatus == Room.Status.published.rawValue || roomStatus == Room.Status.pending.rawValue else { throw RoomNotLent() }
                if try AppDatabase.overlapsConfirmed(db, room: booking.roomID, start: booking.startsAt, end: booking.endsAt, except: nil) {
                    throw BookingConflict(failures: [(AppDatabase.slot(booking), [.overlapsBooking])])
                }
                try set(booking.id.rawValue, .confirmed, nil)
                try AppDatabase.notifyBookingChanged(db, [booking.id.rawValue], by: user.id.rawValue)
                let overlapping = try Int64.fetchAll(db, sql: """
                    SELECT id FROM booking WHERE roomId = ? AND status = 'requested' AND startsAt < ? AND ? < endsAt AND id <> ?
                    """, arguments: [booking.roomID.rawValue, booking.endsAt, booking.startsAt, booking.id.rawValue])
                for other in overlapping { try set(other, .declined, BookingReason.otherRequestConfirmed) }
                for other in overlapping { try AppDatabase.notifyBookingChanged(db, [other], by: user.id.rawValue) }
            case .decline(let reason):
                guard isOwner else { return .notTheirs }
                guard booking.status == .requested else { return .notNow }
                try set(booking.id.rawValue, .declined, reason)
                try AppDatabase.notifyBookingChanged(db, [booking.id.rawValue], by: user.id.rawValue)
            case .cancel(let reason):
                guard isOwner || isBooker else { return .notTheirs }
                guard booking.status.isActive, booking.endsAt > now else { return .notNow }
                try set(booking.id.rawValue, .cancelled, reason)
                try AppDatabase.notifyBookingChanged(db, [booking.id.rawValue], by: user.id.rawValue)
            case .cancelSeries(let reason):
                guard isOwner || isBooker else { return .notTheirs }
                guard let series = booking.seriesID else { return .notNow }
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT id FROM booking WHERE seriesId = ? AND status IN ('requested', 'confirmed') AND endsAt > ?
                    """, arguments: [series, now])
                guard !ids.isEmpty else { return .notNow }
                for other in ids { try set(other, .cancelled, reason) }
                try AppDatabase.notifyBookingChanged(db, ids, by: user.id.rawValue)
            }
            return .changed
        }
    }

    static func slot(_ booking: BookingDetails) -> BookingSlot {
        let start = BerlinTime.local(booking.startsAt), end = BerlinTime.local(booking.endsAt)
        return BookingSlot(date: start.date, startMinute: start.minute, endMinute: end.date == start.date ? end.minute : 1440)
    }

    /// Busy (confirmed) and requested intervals of a room between two instants.
    public func occupancy(of room: Room.ID, from: Int64, to: Int64) throws -> [Occupancy] {
        try read { db in try AppDatabase.fetchOccupancy(db, room, from: from, to: to) }
    }

    static func fetchOccupancy(_ db: Database, _ room: Room.ID, from: Int64, to: Int64) throws -> [Occupancy] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT startsAt, endsAt, status FROM booking WHERE roomId = ? AND status IN ('confirmed', 'requested')
            AND startsAt < ? AND ? < endsAt ORDER BY startsAt
            """), arguments: [room.rawValue, to, from]).map { ($0[0], $0[1], BookingStatus(rawValue: $0[2]) ?? .requested) }
    }

    public func closedPeriods(of room: Room.ID) throws -> [BookingPolicy.ClosedPeriod] {
        AppDatabase.closedPeriods(try closures(of: room))
    }

    static func closedPeriods(_ closures: [Closure]) -> [BookingPolicy.ClosedPeriod] {
        closures.compactMap { c in
            guard let from = LocalDate(c.from), let to = LocalDate(c.to) else { return nil }
            return BookingPolicy.ClosedPeriod(from: from, to: to, reason: c.reason)
        }
    }

    /// What a booking request is checked against, read in one transaction
    /// instead of three: the room, its closed periods and the kind of the
    /// booker's organisation (which decides the price). nil when there is no such room.
    public func bookingFacts(room id: Room.ID, bookerOrganisation: Organisation.ID?) throws
        -> (room: Room, closures: [BookingPolicy.ClosedPeriod], bookerKind: Organisation.Kind?)? {
        try read { db in
            guard let room = try AppDatabase.fetchRoom(db, id) else { return nil }
            let kind = try bookerOrganisation.flatMap { organisation in
                try db.cachedStatement(sql: "SELECT kind FROM organisation WHERE id = ?").fetchFirst(arguments: [organisation.rawValue]) { $0[0] as String }
            }.flatMap(Organisation.Kind.init(rawValue:))
            return (room, AppDatabase.closedPeriods(try AppDatabase.fetchClosures(db, id)), kind)
        }
    }

    /// The user's own bookings, newest start first.
    public func bookings(bookedBy user: User.ID, limit: Int = 50) throws -> [BookingDetails] {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(AppDatabase.bookingColumns) \(AppDatabase.bookingJoins) WHERE b.bookerUserId = ? ORDER BY b.startsAt DESC LIMIT ?")
                .fetchAll(arguments: [user.rawValue, limit], AppDatabase.bookingDetails)
        }
    }

    /// Requests for the organisation's rooms that wait for an answer.
    public func pendingRequests(for organisation: Organisation.ID, now: Int64) throws -> [BookingDetails] {
        try read { db in
            try db.cachedStatement(sql: """
                SELECT \(AppDatabase.bookingColumns) \(AppDatabase.bookingJoins)
                WHERE r.organisationId = ? AND b.status = 'requested' AND b.endsAt > ? ORDER BY b.startsAt
                """).fetchAll(arguments: [organisation.rawValue, now], AppDatabase.bookingDetails)
        }
    }

    /// Upcoming confirmed bookings of the organisation's rooms.
    public func upcomingBookings(ofRoomsOf organisation: Organisation.ID, now: Int64, limit: Int = 50) throws -> [BookingDetails] {
        try read { db in
            try db.cachedStatement(sql: """
                SELECT \(AppDatabase.bookingColumns) \(AppDatabase.bookingJoins)
                WHERE r.organisationId = ? AND b.status = 'confirmed' AND b.endsAt > ? ORDER BY b.startsAt LIMIT ?
                """).fetchAll(arguments: [organisation.rawValue, now, limit], AppDatabase.bookingDetails)
        }
    }

    /// Everything for a user's calendar feed: as booker and for their organisation's rooms.
    public func calendarBookings(for user: User) throws -> [BookingDetails] {
        try read { db in
            try db.cachedStatement(sql: """
                SELECT \(AppDatabase.bookingColumns) \(AppDatabase.bookingJoins)
                WHERE b.bookerUserId = ? OR r.organisationId IS ? ORDER BY b.startsAt
                """).fetchAll(arguments: [user.id.rawValue, user.organisationID?.rawValue], AppDatabase.bookingDetails)
        }
    }

    /// The room's confirmed bookings, for its public busy-time calendar.
    public func confirmedBookings(of room: Room.ID) throws -> [(id: Int64, start: Int64, end: Int64, sequence: Int, updatedAt: Int64)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, startsAt, endsAt, sequence, updatedAt FROM booking WHERE roomId = ? AND status = 'confirmed' ORDER BY startsAt",
                             arguments: [room.rawValue]).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
        }
    }

    // MARK: Calendar tokens

    /// The user's secret calendar-feed token, created on first use.
    public func calendarToken(of user: User.ID, creatingWith newToken: String) throws -> String {
        try pool.write { db in
            if let token = try String.fetchOne(db, sql: "SELECT calendarToken FROM user WHERE id = ?", arguments: [user.rawValue]) { return token }
            try db.execute(sql: "UPDATE user SET calendarToken = ? WHERE id = ?", arguments: [newToken, user.rawValue])
            return newToken
        }
    }

    public func renewCalendarToken(of user: User.ID, to token: String) throws {
        try pool.write { try $0.execute(sql: "UPDATE user SET calendarToken = ? WHERE id = ?", arguments: [token, user.rawValue]) }
    }

    public func user(calendarToken token: String) throws -> User? {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(AppDatabase.userColumns) FROM user WHERE calendarToken = ? AND blockedAt IS NULL")
                .fetchFirst(arguments: [token]) { AppDatabase.user($0) }
        }
    }
}
