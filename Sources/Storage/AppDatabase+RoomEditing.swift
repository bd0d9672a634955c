import GRDB
import RoomExchange

/// A room as its owners see it on `/my`: any status, with the moderator's reason.
public struct OwnedRoom: Sendable {
    public let summary: RoomSummary
    public let status: Room.Status
    public let statusReason: String?
    /// A change of its text waits for review (the room stays as it was).
    public let textAwaitsReview: Bool
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
    /// Counts the room's proposals, so a decision applies to the text the
    /// moderator saw and not to one changed since.
    public let version: Int
}

/// What the owners see of the review of their room's text.
public struct TextReview: Sendable, Equatable {
    public let proposal: TextProposal?
    /// Why the last proposal was turned down, until the text changes again.
    public let rejection: String?
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
                UPDATE room SET proposedTitle = NULL, proposedDescription = NULL, proposedRules = NULL, proposedAt = NULL,
                    proposalRejection = CASE WHEN ? THEN NULL ELSE proposalRejection END
                WHERE id = ?
                """, arguments: [textChanged, r.id.rawValue])
            return .saved(status)
        }
    }

    /// The waiting text change of a room and why the last one was turned down.
    public func textReview(of room: Room.ID) throws -> TextReview {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT proposedTitle, proposedDescription, proposedRules, proposedAt, proposalVersion, proposalRejection FROM room WHERE id = ?
                """, arguments: [room.rawValue])
            return TextReview(proposal: row.flatMap { AppDatabase.textProposal($0, from: 0) }, rejection: row?[5])
        }
    }

    /// The proposal in five columns of `row` from `start`: title, description, rules, time, version.
    static func textProposal(_ row: Row, from start: Int) -> TextProposal? {
        guard let title = row[start] as String?, let description = row[start + 1] as String?, let rules = row[start + 2] as String?,
              let at = row[start + 3] as Int64? else { return nil }
        return TextProposal(title: title, description: description, rules: rules, at: at, version: row[start + 4])
    }

    /// A moderator's decision on the waiting text change `version` of a public
    /// room: approved, it becomes the public text; rejected, it is dropped and the
    /// organisation sees the reason. Either way the organisation is told by mail.
    /// False when the room has no such proposal (changed since, or decided).
    public func decideTextProposal(of id: Room.ID, version: Int, approve: Bool, reason: String?, by moderator: User) throws -> Bool {
        try pool.write { db in
            let now = AppDatabase.now
            if approve {
                try db.execute(sql: """
                    UPDATE room SET title = proposedTitle, description = proposedDescription, rules = proposedRules,
                        approvedTitle = proposedTitle, approvedDescription = proposedDescription, approvedRules = proposedRules,
                        proposedTitle = NULL, proposedDescription = NULL, proposedRules = NULL, proposedAt = NULL,
                        proposalRejection = NULL, updatedAt = ?
                    WHERE id = ? AND status = 'published' AND proposedAt IS NOT NULL AND proposalVersion = ?
                    """, arguments: [now, id.rawValue, version])
            } else {
                try db.execute(sql: """
                    UPDATE room SET proposedTitle = NULL, proposedDescription = NULL, proposedRules = NULL, proposedAt = NULL,
                        proposalRejection = ?, updatedAt = ?
                    WHERE id = ? AND status = 'published' AND proposedAt IS NOT NULL AND proposalVersion = ?
                    """, arguments: [reason, now, id.rawValue, version])
            }
            guard db.changesCount == 1 else { return false }
            try AppDatabase.notifyRoomModerated(db, id, to: approve ? .published : .rejected, reason: reason, textChange: true)
            try AppDatabase.audit(db, actor: moderator, action: approve ? "room.text_approved" : "room.text_rejected",
                                  objectType: "room", objectID: id.rawValue, reason: reason)
            return true
        }
    }

    /// The rooms of an organisation in every status, for its members.
    public func ownedRooms(of organisation: Organisation.ID) throws -> [OwnedRoom] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(AppDatabase.summaryColumns), r.status, r.statusReason, r.proposedAt IS NOT NULL FROM room r
                JOIN organisation o ON o.id = r.organisationId
                LEFT JOIN photo p ON p.id = (SELECT id FROM photo WHERE roomId = r.id ORDER BY position, id LIMIT 1)
                WHERE r.organisationId = ? ORDER BY r.status = 'archived', r.title
                """, arguments: [organisation.rawValue]).map { row in
                OwnedRoom(summary: AppDatabase.summary(row), status: Room.Status(rawValue: row[14]) ?? .pending, statusReason: row[15],
                          textAwaitsReview: row[16])
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

    /// Adds a photo record to a room of `organisation`; nil when the room is not theirs.
    /// Adds a photo to a room of `organisation`. A photo and its text are content
    /// like the room's text: on a published room of an untrusted organisation
    /// they send the room back to review.
    public func addPhoto(to room: Room.ID, ownedBy organisation: Organisation.ID, fileName: String, contentType: String,
                         width: Int, height: Int, alt: String) throws -> Photo.ID? {
        try pool.write { db in
            guard try Int64.fetchOne(db, sql: "SELECT organisationId FROM room WHERE id = ?", arguments: [room.rawValue]) == organisation.rawValue else {
                return nil
            }
            try db.execute(sql: """
                UPDATE room SET status = 'pending', updatedAt = ? WHERE id = ? AND status = 'published'
                AND NOT (SELECT trusted FROM organisation WHERE id = room.organisationId)
                """, arguments: [AppDatabase.now, room.rawValue])
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM photo WHERE roomId = ?", arguments: [room.rawValue]) ?? 0
            guard count < AppDatabase.maxPhotosPerRoom else { throw TooManyPhotos() }
            try db.execute(sql: """
                INSERT INTO photo (roomId, fileName, contentType, width, height, alt, position, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [room.rawValue, fileName, contentType, width, height, alt, count, AppDatabase.now])
            return Photo.ID(db.lastInsertedRowID)
        }
    }

    /// Removes a photo of a room of `organisation`; returns its file name to delete.
    public func deletePhoto(_ photo: Photo.ID, of room: Room.ID, ownedBy organisation: Organisation.ID) throws -> String? {
        try pool.write { db in
            guard let fileName = try String.fetchOne(db, sql: """
                SELECT p.fileName FROM photo p JOIN room r ON r.id = p.roomId WHERE p.id = ? AND r.id = ? AND r.organisationId = ?
                """, arguments: [photo.rawValue, room.rawValue, organisation.rawValue]) else { return nil }
            try db.execute(sql: "DELETE FROM photo WHERE id = ?", arguments: [photo.rawValue])
            return fileName
        }
    }

    /// The content type of a stored photo file, if it exists.
    public func photoContentType(fileName: String) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT contentType FROM photo WHERE fileName = ?", arguments: [fileName]) }
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
        try Row.fetchAll(db.cachedStatement(sql: "SELECT id, fromDate, toDate, reason FROM closure WHERE roomId = ? ORDER BY fromDate"),
                         arguments: [room.rawValue]).map { Closure(id: $0[0], from: $0[1], to: $0[2], reason: $0[3]) }
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
