import GRDB
import RoomExchange

/// A room as its owners see it on `/my`: any status, with the moderator's reason.
public struct OwnedRoom: Sendable {
    public let summary: RoomSummary
    public let status: Room.Status
    public let statusReason: String?
    /// Changes (text, photos) wait for review; the room stays as it was.
    public let changesAwaitReview: Bool
}

/// A blocked period of a room (inclusive local dates, `YYYY-MM-DD`).
public struct Closure: Sendable, Equatable {
    public let id: Int64
    public let from: String
    public let to: String
    public let reason: String
}

public struct TooManyPhotos: Error {}

/// A change of a public room's text by an untrusted organisation. It waits for
/// a moderator while visitors see the text approved before.
public struct TextProposal: Sendable, Equatable {
    public let title: String
    public let description: String
    public let rules: String
    public let at: Int64
}

/// What of a public room waits for review (a new text, new photos) while
/// visitors see the room as it was approved.
public struct PendingChanges: Sendable, Equatable {
    public let text: TextProposal?
    /// How many new photos wait.
    public let photos: Int
    /// Counts every change that waited, so a decision applies to what the
    /// moderator saw and not to something changed since.
    public let version: Int
    /// Why the last changes were turned down, until the room changes again.
    public let rejection: String?

    public var isEmpty: Bool { text == nil && photos == 0 }
}

/// What `updateRoom` did with an edit.
public enum RoomUpdate: Sendable, Equatable {
    /// Saved as sent; the room is now in this status.
    case saved(Room.Status)
    /// Saved except the text, which waits for review; the room stays public
    /// with its approved text.
    case textAwaitsReview
}

extension AppDatabase {
    /// Every write to a room goes through the owning organisation: another
    /// organisation's room is simply not found (404), it cannot be forgotten.
    public func room(_ id: Room.ID, ownedBy organisation: Organisation.ID) throws -> Room? {
        try read { db in
            let room = try AppDatabase.fetchRoom(db, id)
            return room?.organisationID == organisation ? room : nil
        }
    }

    /// Stores a new room: published at once for a trusted organisation, otherwise
    /// pending until a moderator approves it.
    public func createRoom(_ draft: Room, trusted: Bool) throws -> Room.ID {
        var room = draft
        room.status = trusted ? .published : .pending
        return try pool.write { db in try AppDatabase.insertRoom(db, room) }
    }

    /// Changes a room of `organisation`. On a published room of an untrusted
    /// organisation a changed text does not go live: it waits for review as a
    /// `TextProposal` while everything else is saved and the room stays public.
    /// Saving the approved text again withdraws a waiting proposal.
    /// Nil when the room is not theirs.
    public func updateRoom(_ draft: Room, ownedBy organisation: Organisation.ID, trusted: Bool) throws -> RoomUpdate? {
        try pool.write { db in
            guard let current = try AppDatabase.fetchRoom(db, draft.id), current.organisationID == organisation,
                  current.status != .archived else { return nil }
            let textChanged = current.title != draft.title || current.description != draft.description || current.rules != draft.rules
            var status = current.status
            if status == .rejected { status = trusted ? .published : .pending }
            let proposes = status == .published && textChanged && !trusted
            var r = draft
            if proposes {
                (r.title, r.description, r.rules) = (current.title, current.description, current.rules)
            }
            try db.execute(sql: """
                UPDATE room SET status = ?, title = ?, description = ?, district = ?, street = ?, postcode = ?, capacity = ?,
                    areaM2 = ?, priceModel = ?, pricePerHourCents = ?, bookingMode = ?, stepFree = ?, accessibleWC = ?,
                    hearingLoop = ?, minMinutes = ?, maxMinutes = ?, leadHours = ?, maxDaysAhead = ?, rules = ?, updatedAt = ?,
                    statusReason = CASE WHEN ? = status THEN statusReason ELSE NULL END,
                    publishedAt = CASE WHEN ? = 'published' THEN coalesce(publishedAt, ?) ELSE publishedAt END
                WHERE id = ?
                """, arguments: [
                    status.rawValue, r.title, r.description, r.district.rawValue, r.street, r.postcode, r.capacity, r.areaM2,
                    r.price.model.rawValue, r.price.feePerHourCents, r.bookingMode.rawValue, r.accessibility.stepFree,
                    r.accessibility.accessibleWC, r.accessibility.hearingLoop, r.minMinutes, r.maxMinutes, r.leadHours,
                    r.maxDaysAhead, r.rules, AppDatabase.now, status.rawValue, status.rawValue, AppDatabase.now, r.id.rawValue,
                ])
            try db.execute(sql: "DELETE FROM openingSpan WHERE roomId = ?", arguments: [r.id.rawValue])
            try db.execute(sql: "DELETE FROM roomEquipment WHERE roomId = ?", arguments: [r.id.rawValue])
            for day in Weekday.allCases {
                for s in r.openingHours[day] {
                    try db.execute(sql: "INSERT INTO openingSpan (roomId, weekday, startMinute, endMinute) VALUES (?, ?, ?, ?)",
                                   arguments: [r.id.rawValue, day.rawValue, s.start, s.end])
                }
            }
            for item in r.equipment.sorted() {
                try db.execute(sql: "INSERT INTO roomEquipment (roomId, equipment) VALUES (?, ?)", arguments: [r.id.rawValue, item.rawValue])
            }
            if proposes {
                // The same text again keeps its place in the queue and its version.
                try db.execute(sql: """
                    UPDATE room SET proposedTitle = ?1, proposedDescription = ?2, proposedRules = ?3, proposedAt = ?4,
                        proposalVersion = proposalVersion + 1, proposalRejection = NULL
                    WHERE id = ?5 AND NOT (proposedTitle IS ?1 AND proposedDescription IS ?2 AND proposedRules IS ?3)
                    """, arguments: [draft.title, draft.description, draft.rules, AppDatabase.now, r.id.rawValue])
                return .textAwaitsReview
            }
            try db.execute(sql: """
                UPDATE room SET proposalVersion = proposalVersion + (proposedAt IS NOT NULL), proposedTitle = NULL,
                    proposedDescription = NULL, proposedRules = NULL, proposedAt = NULL,
                    proposalRejection = CASE WHEN ? THEN NULL ELSE proposalRejection END
                WHERE id = ?
                """, arguments: [textChanged, r.id.rawValue])
            return .saved(status)
        }
    }

    /// What of a room waits for review, and why the last changes were turned down.
    public func pendingChanges(of room: Room.ID) throws -> PendingChanges {
        try read { db in try AppDatabase.fetchPendingChanges(db, room) }
    }

    static func fetchPendingChanges(_ db: Database, _ room: Room.ID) throws -> PendingChanges {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT proposedTitle, proposedDescription, proposedRules, proposedAt, proposalVersion, proposalRejection,
                (SELECT count(*) FROM photo WHERE roomId = room.id AND awaitsReview) FROM room WHERE id = ?
            """), arguments: [room.rawValue])
        guard let row else { return PendingChanges(text: nil, photos: 0, version: 0, rejection: nil) }
        var text: TextProposal?
        if let title = row[0] as String?, let description = row[1] as String?, let rules = row[2] as String?, let at = row[3] as Int64? {
            text = TextProposal(title: title, description: description, rules: rules, at: at)
        }
        return PendingChanges(text: text, photos: row[6], version: row[4], rejection: row[5])
    }

    /// A moderator's decision on what waits for review on a public room, as of
    /// `version`. Approved, the new text becomes the public one and the new
    /// photos are shown; rejected, the text is dropped, the photos deleted, and
    /// the organisation sees the reason. Either way it is told by mail. Returns
    /// the file names of deleted photos, or nil when nothing of that version
    /// waits (changed since, or decided).
    public func decideChanges(of id: Room.ID, version: Int, approve: Bool, reason: String?, by moderator: User) throws -> [String]? {
        try pool.write { db in
            guard try String.fetchOne(db, sql: "SELECT status FROM room WHERE id = ?", arguments: [id.rawValue]) == "published" else { return nil }
            let pending = try AppDatabase.fetchPendingChanges(db, id)
            guard !pending.isEmpty, pending.version == version else { return nil }
            let now = AppDatabase.now
            var deleted: [String] = []
            if approve {
                try db.execute(sql: """
                    UPDATE room SET title = coalesce(proposedTitle, title), description = coalesce(proposedDescription, description),
                        rules = coalesce(proposedRules, rules), approvedTitle = coalesce(proposedTitle, title),
                        approvedDescription = coalesce(proposedDescription, description), approvedRules = coalesce(proposedRules, rules),
                        proposedTitle = NULL, proposedDescription = NULL, proposedRules = NULL, proposedAt = NULL,
                        proposalRejection = NULL, updatedAt = ?
                    WHERE id = ?
                    """, arguments: [now, id.rawValue])
                try db.execute(sql: "UPDATE photo SET awaitsReview = 0 WHERE roomId = ? AND awaitsReview", arguments: [id.rawValue])
            } else {
                try db.execute(sql: """
                    UPDATE room SET proposedTitle = NULL, proposedDescription = NULL, proposedRules = NULL, proposedAt = NULL,
                        proposalRejection = ?, updatedAt = ?
                    WHERE id = ?
                    """, arguments: [reason, now, id.rawValue])
                deleted = try String.fetchAll(db, sql: "SELECT fileName FROM photo WHERE roomId = ? AND awaitsReview", arguments: [id.rawValue])
                try db.execute(sql: "DELETE FROM photo WHERE roomId = ? AND awaitsReview", arguments: [id.rawValue])
            }
            try AppDatabase.notifyRoomModerated(db, id, to: approve ? .published : .rejected, reason: reason, changesOnly: true,
                                                deletedPhotos: deleted.count)
            try AppDatabase.audit(db, actor: moderator, action: approve ? "room.changes_approved" : "room.changes_rejected",
                                  objectType: "room", objectID: id.rawValue, reason: reason)
            return deleted
        }
    }

    /// The rooms of an organisation in every status, for its members.
    public func ownedRooms(of organisation: Organisation.ID) throws -> [OwnedRoom] {
        try read { db in
            try db.cachedStatement(sql: """
                SELECT \(AppDatabase.summaryColumns), r.status, r.statusReason,
                    r.proposedAt IS NOT NULL OR EXISTS (SELECT 1 FROM photo WHERE roomId = r.id AND awaitsReview) FROM room r
                JOIN organisation o ON o.id = r.organisationId
                \(AppDatabase.firstPhotoJoin)
                WHERE r.organisationId = ? ORDER BY r.status = 'archived', r.title
                """).fetchAll(arguments: [organisation.rawValue]) { row in
                OwnedRoom(summary: AppDatabase.summary(row), status: Room.Status(rawValue: row[14]) ?? .pending, statusReason: row[15],
                          changesAwaitReview: row[16])
            }
        }
    }

    /// Takes a room offline and cancels its future bookings; returns the ids of the
    /// cancelled bookings, or nil when the room is not theirs.
    public func archiveRoom(_ id: Room.ID, ownedBy organisation: Organisation.ID, by user: User.ID) throws -> [Int64]? {
        try pool.write { db in
            guard try Int64.fetchOne(db, sql: "SELECT organisationId FROM room WHERE id = ?", arguments: [id.rawValue]) == organisation.rawValue else {
                return nil
            }
            try db.execute(sql: "UPDATE room SET status = 'archived', updatedAt = ? WHERE id = ?", arguments: [AppDatabase.now, id.rawValue])
            return try AppDatabase.cancelFutureBookings(db, of: id, reason: BookingReason.roomArchived, by: user.rawValue)
        }
    }

    /// Requested and confirmed bookings of the room that have not begun: what archiving would cancel.
    public func futureBookingCount(of room: Room.ID) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM booking WHERE roomId = ? AND startsAt > ? AND status IN ('requested', 'confirmed')",
                             arguments: [room.rawValue, AppDatabase.now]) ?? 0
        }
    }

    /// Cancels the room's requested and confirmed bookings that have not begun
    /// and tells both sides; returns their ids.
    static func cancelFutureBookings(_ db: Database, of room: Room.ID, reason: String, by user: Int64) throws -> [Int64] {
        let now = AppDatabase.now
        let cancelled = try Int64.fetchAll(db, sql: """
            SELECT id FROM booking WHERE roomId = ? AND startsAt > ? AND status IN ('requested', 'confirmed')
            """, arguments: [room.rawValue, now])
        for booking in cancelled {
            try db.execute(sql: """
                UPDATE booking SET status = 'cancelled', statusReason = ?, sequence = sequence + 1, updatedAt = ? WHERE id = ?
                """, arguments: [reason, now, booking])
            try db.execute(sql: "INSERT INTO bookingEvent (bookingId, actorUserId, action, reason, at) VALUES (?, ?, 'cancelled', ?, ?)",
                           arguments: [booking, user, reason, now])
            try AppDatabase.notifyBookingChanged(db, [booking], by: user)
        }
        return cancelled
    }

    // MARK: Photos

    public static let maxPhotosPerRoom = 8

    /// Adds a photo to a room of `organisation`; nil when the room is not theirs.
    /// A photo and its text are content like the room's text: on a published room
    /// of an untrusted organisation it waits for review, shown to the
    /// organisation and the moderators only, and the room stays public.
    public func addPhoto(to room: Room.ID, ownedBy organisation: Organisation.ID, fileName: String, contentType: String,
                         width: Int, height: Int, alt: String) throws -> (id: Photo.ID, awaitsReview: Bool)? {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT r.organisationId, r.status = 'published' AND NOT o.trusted FROM room r JOIN organisation o ON o.id = r.organisationId
                WHERE r.id = ?
                """, arguments: [room.rawValue]), row[0] as Int64 == organisation.rawValue else { return nil }
            let awaitsReview: Bool = row[1]
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM photo WHERE roomId = ?", arguments: [room.rawValue]) ?? 0
            guard count < AppDatabase.maxPhotosPerRoom else { throw TooManyPhotos() }
            try db.execute(sql: """
                INSERT INTO photo (roomId, fileName, contentType, width, height, alt, position, createdAt, awaitsReview) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [room.rawValue, fileName, contentType, width, height, alt, count, AppDatabase.now, awaitsReview])
            let id = Photo.ID(db.lastInsertedRowID)
            if awaitsReview { try AppDatabase.countChange(db, room) }
            return (id, awaitsReview)
        }
    }

    /// What waits for review on a room changed: a decision taken on what was there before must not apply.
    private static func countChange(_ db: Database, _ room: Room.ID) throws {
        try db.execute(sql: "UPDATE room SET proposalVersion = proposalVersion + 1, proposalRejection = NULL WHERE id = ?", arguments: [room.rawValue])
    }

    /// Removes a photo of a room of `organisation`; returns its file name to delete.
    public func deletePhoto(_ photo: Photo.ID, of room: Room.ID, ownedBy organisation: Organisation.ID) throws -> String? {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT p.fileName, p.awaitsReview FROM photo p JOIN room r ON r.id = p.roomId WHERE p.id = ? AND r.id = ? AND r.organisationId = ?
                """, arguments: [photo.rawValue, room.rawValue, organisation.rawValue]) else { return nil }
            try db.execute(sql: "DELETE FROM photo WHERE id = ?", arguments: [photo.rawValue])
            if row[1] as Bool { try AppDatabase.countChange(db, room) }
            return row[0]
        }
    }

    /// A stored photo file: its content type, and for one awaiting review the
    /// organisation that may see it. Nil when there is no such photo.
    public func storedPhoto(fileName: String) throws -> (contentType: String, reviewPendingFor: Organisation.ID?)? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT p.contentType, CASE WHEN p.awaitsReview THEN r.organisationId END FROM photo p JOIN room r ON r.id = p.roomId
                WHERE p.fileName = ?
                """, arguments: [fileName]).map { ($0[0], ($0[1] as Int64?).map(Organisation.ID.init)) }
        }
    }

    // MARK: Closures

    /// What adding a closure did.
    public enum ClosureOutcome: Sendable, Equatable {
        case added
        case notTheirs
        /// Requested or confirmed bookings (start, end) on those days: the
        /// organisation answers them first, so no booker is left without word.
        case bookingsInTheWay([(start: Int64, end: Int64)])

        public static func == (a: ClosureOutcome, b: ClosureOutcome) -> Bool {
            switch (a, b) {
            case (.added, .added), (.notTheirs, .notTheirs): true
            case (.bookingsInTheWay(let x), .bookingsInTheWay(let y)): x.map(\.start) == y.map(\.start) && x.map(\.end) == y.map(\.end)
            default: false
            }
        }
    }

    /// Blocks the days `from`…`to` unless a requested or confirmed booking falls on them.
    public func addClosure(to room: Room.ID, ownedBy organisation: Organisation.ID, from: LocalDate, to: LocalDate,
                           reason: String) throws -> ClosureOutcome {
        // Berlin changes its clocks at 2 and 3 a.m.: every midnight exists.
        guard let start = BerlinTime.instant(from, minute: 0), let end = BerlinTime.instant(to.adding(days: 1), minute: 0) else {
            preconditionFailure("no midnight on \(from) or \(to.adding(days: 1)) in Europe/Berlin")
        }
        return try pool.write { db in
            guard try Int64.fetchOne(db, sql: "SELECT organisationId FROM room WHERE id = ?", arguments: [room.rawValue]) == organisation.rawValue else {
                return .notTheirs
            }
            let bookings = try Row.fetchAll(db, sql: """
                SELECT startsAt, endsAt FROM booking WHERE roomId = ? AND status IN ('requested', 'confirmed') AND startsAt < ? AND ? < endsAt
                ORDER BY startsAt LIMIT 20
                """, arguments: [room.rawValue, end, start]).map { (start: $0[0] as Int64, end: $0[1] as Int64) }
            guard bookings.isEmpty else { return .bookingsInTheWay(bookings) }
            try db.execute(sql: "INSERT INTO closure (roomId, fromDate, toDate, reason) VALUES (?, ?, ?, ?)",
                           arguments: [room.rawValue, from.description, to.description, reason])
            return .added
        }
    }

    /// Lifts a closure; false when it is not one of the organisation's rooms'.
    public func deleteClosure(_ id: Int64, of room: Room.ID, ownedBy organisation: Organisation.ID) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                DELETE FROM closure WHERE id = ? AND roomId = ? AND roomId IN (SELECT id FROM room WHERE organisationId = ?)
                """, arguments: [id, room.rawValue, organisation.rawValue])
            return db.changesCount == 1
        }
    }

    public func closures(of room: Room.ID) throws -> [Closure] {
        try read { db in try AppDatabase.fetchClosures(db, room) }
    }

    static func fetchClosures(_ db: Database, _ room: Room.ID) throws -> [Closure] {
        try db.cachedStatement(sql: "SELECT id, fromDate, toDate, reason FROM closure WHERE roomId = ? ORDER BY fromDate")
            .fetchAll(arguments: [room.rawValue]) { Closure(id: $0[0], from: $0[1], to: $0[2], reason: $0[3]) }
    }

    // MARK: Moderation

    /// Sets a room's status as a moderator decided, with an audit entry.
    public func moderateRoom(_ id: Room.ID, to status: Room.Status, reason: String?, by moderator: User) throws -> Bool {
        try pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM room WHERE id = ?", arguments: [id.rawValue]) == 1 else { return false }
            let previous = try String.fetchOne(db, sql: "SELECT status FROM room WHERE id = ?", arguments: [id.rawValue])
            let now = AppDatabase.now
            try db.execute(sql: """
                UPDATE room SET status = ?, statusReason = ?, updatedAt = ?,
                    publishedAt = CASE WHEN ? = 'published' THEN coalesce(publishedAt, ?) ELSE publishedAt END WHERE id = ?
                """, arguments: [status.rawValue, reason, now, status.rawValue, now, id.rawValue])
            if status == .published {
                try db.execute(sql: "UPDATE room SET approvedTitle = title, approvedDescription = description, approvedRules = rules WHERE id = ?",
                               arguments: [id.rawValue])
                try db.execute(sql: "UPDATE report SET resolvedAt = ? WHERE roomId = ? AND resolvedAt IS NULL", arguments: [now, id.rawValue])
            }
            if status == .rejected || status == .archived {
                try db.execute(sql: "UPDATE report SET resolvedAt = ? WHERE roomId = ? AND resolvedAt IS NULL", arguments: [now, id.rawValue])
            }
            // A room taken down for good is not lent any more: its bookings end as
            // when the organisation archives it. A rejected room may come back
            // after an edit, so its bookings stay.
            if status == .archived && previous != status.rawValue {
                _ = try AppDatabase.cancelFutureBookings(db, of: id, reason: BookingReason.roomUnpublished, by: moderator.id.rawValue)
            }
            if previous != status.rawValue { try AppDatabase.notifyRoomModerated(db, id, to: status, reason: reason) }
            try AppDatabase.audit(db, actor: moderator, action: "room.\(status.rawValue)", objectType: "room", objectID: id.rawValue, reason: reason)
            return true
        }
    }

    static func audit(_ db: Database, actor: User?, action: String, objectType: String, objectID: Int64?, reason: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO auditEntry (actorUserId, actorName, action, objectType, objectId, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [actor?.id.rawValue, actor.map { "\($0.name) <\($0.email)>" } ?? "system", action, objectType, objectID, reason, now])
    }
}
