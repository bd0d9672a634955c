import Foundation
import GRDB
import Localization
import RoomExchange

// The transactional outbox. Write methods add a message with one call of
// `enqueueMail` inside their own transaction, so a message exists exactly when
// the change it tells of was committed.
//
// Storage stores facts, not text: a kind plus a JSON payload captured inside the
// transaction (titles, names, times, reasons as they were at that moment). Web's
// sender renders subject, plain text and HTML from `Templates/mail/` at the
// first attempt and stores them with the message, so retries send the same text.
// Rendering in Web keeps the dependency direction (Storage imports neither
// Mustache nor Web), needs no renderer injected into every `AppDatabase` (the
// command line and the tests open it without templates), keeps the write
// transaction short, and lets the text use Web's settings (base URL, sender).

/// Kinds of e-mail the site sends.
public enum MailKind: String, Sendable, CaseIterable {
    case bookingRequested = "booking_requested"
    case seriesCreated = "series_created"
    case bookingConfirmed = "booking_confirmed"
    case bookingDeclined = "booking_declined"
    case bookingCancelled = "booking_cancelled"
    case bookingReminder = "booking_reminder"
    case roomApproved = "room_approved"
    case roomRejected = "room_rejected"
    case roomUnpublished = "room_unpublished"
    case invitation
    case passwordReset = "password_reset"
    case emailChanged = "email_changed"

    /// The switch on `/my/account` that turns this kind off; nil: always sent.
    public var topic: MailTopic? {
        switch self {
        case .bookingRequested, .seriesCreated: .bookingRequests
        case .bookingConfirmed, .bookingDeclined, .bookingCancelled: .bookingChanges
        case .bookingReminder: .bookingReminders
        case .roomApproved, .roomRejected, .roomUnpublished: .roomModeration
        case .invitation, .passwordReset, .emailChanged: nil
        }
    }

    /// Messages whose text is a secret (a reset or invitation link): their text
    /// and payload are erased once the message is sent or given up.
    var isSecret: Bool { self == .passwordReset || self == .invitation }
}

/// The kinds of mail a user can switch off.
public enum MailTopic: String, Sendable, CaseIterable {
    case bookingRequests = "booking_requests"
    case bookingChanges = "booking_changes"
    case bookingReminders = "booking_reminders"
    case roomModeration = "room_moderation"
}

/// The facts a message is rendered from: named texts and the times concerned.
public struct MailPayload: Codable, Sendable, Equatable {
    public struct Time: Codable, Sendable, Equatable {
        /// UTC epoch seconds.
        public let start: Int64
        public let end: Int64
    }

    public var values: [String: String]
    public var times: [Time]

    public init(values: [String: String] = [:], times: [Time] = []) {
        self.values = values
        self.times = times
    }

    /// The payload as JSON with sorted keys, as `JSONEncoder` would write it.
    /// Written directly, as UTF-8 bytes: Foundation's encoder was 9 % of the
    /// server's CPU in the booking benchmark, and escaping by `Unicode.Scalar`
    /// into a `String` still 2 %, inside the single writer's transaction.
    /// Read back with `JSONDecoder`.
    var json: String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out += #"{"times":["#.utf8
        for (index, time) in times.enumerated() {
            out += ((index == 0 ? "" : ",") + #"{"end":"# + String(time.end) + #","start":"# + String(time.start) + "}").utf8
        }
        out += #"],"values":{"#.utf8
        for (index, entry) in values.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            MailPayload.appendQuoted(entry.key, to: &out)
            out.append(UInt8(ascii: ":"))
            MailPayload.appendQuoted(entry.value, to: &out)
        }
        out += "}}".utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7);
    /// every other byte, including those of multi-byte characters, as it is.
    /// Bytes between two that need escaping are copied as one run.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var plain = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<index]))
                plain = index + 1
                switch byte {
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case UInt8(ascii: "\n"): out += #"\n"#.utf8
                case UInt8(ascii: "\r"): out += #"\r"#.utf8
                case UInt8(ascii: "\t"): out += #"\t"#.utf8
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out += #"\u00"#.utf8
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A row of the outbox.
public struct OutboxMessage: Sendable {
    public let id: Int64
    /// Raw, so a kind this program does not know is shown rather than lost.
    public let kind: String
    public let userID: User.ID?
    public let recipient: String
    public let recipientName: String?
    /// The language the message is written in: the recipient's when it was queued.
    public let language: Language
    public let payload: MailPayload
    public var subject: String?
    public var textBody: String?
    public var htmlBody: String?
    /// The unique local part of the Message-ID.
    public let messageID: String
    public let createdAt: Int64
    public let nextAttemptAt: Int64
    public let attempts: Int
    public let lastError: String?
    public let sentAt: Int64?
    public let failedAt: Int64?
}

extension AppDatabase {
    /// Who a message goes to.
    enum MailRecipients {
        case user(Int64?)
        case membersOf(Organisation.ID)
        /// Someone who may have no account, written to in `language`.
        case address(String, Language)
    }

    /// Queues one message of `kind` per recipient inside the caller's transaction.
    /// Blocked users, the acting user and users who switched the kind off get none;
    /// with a `dedupeKey` that was used before, nothing is queued.
    static func enqueueMail(_ db: Database, _ kind: MailKind, to recipients: MailRecipients, except actor: Int64? = nil,
                            payload: MailPayload, dedupeKey: String? = nil) throws {
        // One INSERT … SELECT: the recipients are chosen, and their addresses
        // copied, inside SQLite, on the booking path's single writer.
        let columns = "INSERT INTO outboxMessage (kind, userId, recipient, recipientName, language, payload, messageId, dedupeKey, createdAt, nextAttemptAt)"
        let filter = "blockedAt IS NULL AND id IS NOT ? AND NOT EXISTS (SELECT 1 FROM mailPreference p WHERE p.userId = user.id AND p.kind = ? AND p.enabled = 0)"
        // The Message-ID's local part starts with the time in microseconds, so new
        // entries of its UNIQUE index go to the index's last page. With a random
        // start, every message dirtied a page of its own that the commit wrote to
        // the WAL (Benchmarks/README.md §4). 96 random bits keep it unguessable.
        let messageID = "printf('rb.%013x.', ?) || lower(hex(randomblob(12)))"
        let json = payload.json
        let now = AppDatabase.now
        let micros = Int64(Date().timeIntervalSince1970 * 1_000_000)
        switch recipients {
        case .user(let id):
            guard let id else { return }
            try db.cachedStatement(sql: """
                \(columns) SELECT ?, id, email, name, language, ?, \(messageID), ?, ?, ? FROM user WHERE id = ? AND \(filter)
                ON CONFLICT (dedupeKey) DO NOTHING
                """).execute(arguments: [kind.rawValue, json, micros, dedupeKey, now, now, id, actor, kind.topic?.rawValue])
        case .membersOf(let organisation):
            try db.cachedStatement(sql: """
                \(columns) SELECT ?, id, email, name, language, ?, \(messageID), ?, ?, ? FROM user WHERE organisationId = ? AND \(filter) ORDER BY id
                ON CONFLICT (dedupeKey) DO NOTHING
                """).execute(arguments: [kind.rawValue, json, micros, dedupeKey, now, now, organisation.rawValue, actor, kind.topic?.rawValue])
        case .address(let email, let language):
            try db.cachedStatement(sql: """
                \(columns) VALUES (?, NULL, ?, NULL, ?, ?, \(messageID), ?, ?, ?) ON CONFLICT (dedupeKey) DO NOTHING
                """).execute(arguments: [kind.rawValue, email, language.rawValue, json, micros, dedupeKey, now, now])
        }
    }

    // MARK: What the messages tell

    /// The facts of bookings `ids` (the first for names, all for times). `known`:
    /// their times when the caller has just written them, so they are not read back.
    static func bookingPayload(_ db: Database, _ ids: [Int64], times known: [MailPayload.Time]? = nil) throws -> (BookingDetails, MailPayload)? {
        guard let first = ids.first, let booking = try fetchBooking(db, BookingID(first)) else { return nil }
        var times: [MailPayload.Time] = known ?? []
        if known == nil {
            for id in ids {
                if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT startsAt, endsAt FROM booking WHERE id = ?"), arguments: [id]) {
                    times.append(MailPayload.Time(start: row[0], end: row[1]))
                }
            }
        }
        var values = [
            "booking_id": String(booking.id.rawValue), "room_id": String(booking.roomID.rawValue), "room_title": booking.roomTitle,
            "organisation": booking.roomOrganisationName, "attendees": String(booking.attendees), "purpose": booking.purpose,
        ]
        values["booker_name"] = booking.bookerName
        values["booker_organisation"] = booking.bookerOrganisationName
        return (booking, MailPayload(values: values, times: times.sorted { $0.start < $1.start }))
    }

    /// New bookings or requests (one message for a series) to the room's organisation.
    static func notifyBookingCreated(_ db: Database, _ ids: [BookingID], at times: [MailPayload.Time], by user: User, confirmed: Bool) throws {
        guard let (booking, facts) = try bookingPayload(db, ids.map(\.rawValue), times: times) else { return }
        var payload = facts
        payload.values["confirmed"] = confirmed ? "1" : nil
        payload.values["reply_to"] = booking.bookerEmail
        try enqueueMail(db, ids.count > 1 ? .seriesCreated : .bookingRequested, to: .membersOf(booking.roomOrganisationID),
                        except: user.id.rawValue, payload: payload)
        // An instant booking is done at once: the booker gets it in writing, with
        // every date of a series. A request is answered by the confirmation or decline.
        if confirmed {
            var toBooker = facts
            toBooker.values["reply_to"] = booking.providerEmail
            try enqueueMail(db, .bookingConfirmed, to: .user(user.id.rawValue), payload: toBooker)
        }
    }

    /// After bookings `ids` changed status (all to the same one, by `actor`): a
    /// confirmation or decline goes to the booker, a cancellation to the other
    /// side, as one message for several bookings of a series. Status and reason
    /// are read from the updated rows.
    static func notifyBookingChanged(_ db: Database, _ ids: [Int64], by actor: Int64?) throws {
        guard let (booking, facts) = try bookingPayload(db, ids) else { return }
        var payload = facts
        payload.values["reason"] = booking.statusReason
        let kind: MailKind
        switch booking.status {
        case .confirmed: kind = .bookingConfirmed
        case .declined: kind = .bookingDeclined
        case .cancelled: kind = .bookingCancelled
        case .requested: return
        }
        let byBooker = actor != nil && actor == booking.bookerUserID?.rawValue
        payload.values["by_booker"] = byBooker ? "1" : nil
        let recipients: MailRecipients = byBooker ? .membersOf(booking.roomOrganisationID) : .user(booking.bookerUserID?.rawValue)
        payload.values["reply_to"] = byBooker ? booking.bookerEmail : booking.providerEmail
        try enqueueMail(db, kind, to: recipients, except: actor, payload: payload)
    }

    /// A moderator's decision to the room's organisation: on the room, or with
    /// `changesOnly` on changes (text, photos) made while the room stayed public,
    /// of which `deletedPhotos` new photos were deleted.
    static func notifyRoomModerated(_ db: Database, _ room: Room.ID, to status: Room.Status, reason: String?, changesOnly: Bool = false,
                                    deletedPhotos: Int = 0) throws {
        let kind: MailKind
        switch status {
        case .published: kind = .roomApproved
        case .rejected: kind = .roomRejected
        case .archived: kind = .roomUnpublished
        case .pending: return
        }
        guard let row = try Row.fetchOne(db, sql: "SELECT r.title, r.organisationId, o.name FROM room r JOIN organisation o ON o.id = r.organisationId WHERE r.id = ?",
                                         arguments: [room.rawValue]) else { return }
        var values = ["room_id": String(room.rawValue), "room_title": row[0], "organisation": row[2]]
        values["reason"] = reason
        values["changes_only"] = changesOnly ? "1" : nil
        values["deleted_photos"] = deletedPhotos > 0 ? String(deletedPhotos) : nil
        try enqueueMail(db, kind, to: .membersOf(Organisation.ID(row[1])), payload: MailPayload(values: values))
    }

    /// An invitation to the invited address, in the inviter's language: the
    /// invited person has no account and so no language of their own yet.
    static func notifyInvitation(_ db: Database, email: String, token: String, expiresAt: Int64, to organisation: Organisation.ID, by user: User.ID) throws {
        let organisationName = try String.fetchOne(db, sql: "SELECT name FROM organisation WHERE id = ?", arguments: [organisation.rawValue]) ?? ""
        let row = try Row.fetchOne(db, sql: "SELECT name, language FROM user WHERE id = ?", arguments: [user.rawValue])
        let inviter: String = row?[0] ?? ""
        let language = (row?[1] as String?).flatMap(Language.init(rawValue:)) ?? .default
        try enqueueMail(db, .invitation, to: .address(email, language),
                        payload: MailPayload(values: ["organisation": organisationName, "inviter_name": inviter, "token": token,
                                                     "expires_at": String(expiresAt)]))
    }

    /// Queues a reminder for every confirmed booking that starts within `lead`
    /// seconds of `now`, once per booking (the dedupe key). Bookings confirmed less
    /// than `lead` before their start get none: their confirmation is fresh.
    /// Returns how many were queued.
    @discardableResult
    public func enqueueReminders(now: Int64, lead: Int64 = 24 * 3600) throws -> Int {
        try pool.write { db in
            let due = try Int64.fetchAll(db, sql: """
                SELECT b.id FROM booking b WHERE b.status = 'confirmed' AND b.startsAt > ? AND b.startsAt <= ?
                AND b.bookerUserId IS NOT NULL AND b.updatedAt <= b.startsAt - ?
                AND NOT EXISTS (SELECT 1 FROM outboxMessage m WHERE m.dedupeKey = 'reminder:' || b.id)
                ORDER BY b.startsAt
                """, arguments: [now, now + lead, lead])
            var queued = 0
            for id in due {
                guard let (booking, facts) = try AppDatabase.bookingPayload(db, [id]) else { continue }
                var payload = facts
                payload.values["address"] = booking.roomAddress
                payload.values["reply_to"] = booking.providerEmail
                let before = db.totalChangesCount
                try AppDatabase.enqueueMail(db, .bookingReminder, to: .user(booking.bookerUserID?.rawValue), payload: payload, dedupeKey: "reminder:\(id)")
                queued += db.totalChangesCount - before
            }
            return queued
        }
    }

    // MARK: The sender's side

    static let outboxColumns = """
        id, kind, userId, recipient, recipientName, payload, subject, textBody, htmlBody, messageId, createdAt, nextAttemptAt,
        attempts, lastError, sentAt, failedAt, language
        """

    static func outboxMessage(_ row: Row) -> OutboxMessage {
        let payload = (try? JSONDecoder().decode(MailPayload.self, from: Data((row[5] as String).utf8))) ?? MailPayload()
        return OutboxMessage(id: row[0], kind: row[1], userID: (row[2] as Int64?).map(User.ID.init), recipient: row[3], recipientName: row[4],
                             language: Language(rawValue: row[16]) ?? .default, payload: payload, subject: row[6], textBody: row[7], htmlBody: row[8], messageID: row[9], createdAt: row[10],
                             nextAttemptAt: row[11], attempts: row[12], lastError: row[13], sentAt: row[14], failedAt: row[15])
    }

    /// Messages neither sent nor given up whose next attempt is due, oldest first.
    public func dueMail(now: Int64, limit: Int = 20) throws -> [OutboxMessage] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(AppDatabase.outboxColumns) FROM outboxMessage
                WHERE sentAt IS NULL AND failedAt IS NULL AND nextAttemptAt <= ? ORDER BY nextAttemptAt, id LIMIT ?
                """, arguments: [now, limit]).map(AppDatabase.outboxMessage)
        }
    }

    /// Takes a due message for one attempt: counts the attempt and moves its next
    /// attempt to `leaseUntil`, so a second sender (another process on the same
    /// file) skips it and a crash mid-attempt retries it after the lease. False
    /// when someone else took it first.
    public func claimMail(_ id: Int64, now: Int64, leaseUntil: Int64) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE outboxMessage SET attempts = attempts + 1, nextAttemptAt = ?
                WHERE id = ? AND sentAt IS NULL AND failedAt IS NULL AND nextAttemptAt <= ?
                """, arguments: [leaseUntil, id, now])
            return db.changesCount == 1
        }
    }

    /// Keeps the rendered text, so every retry sends the same message.
    public func saveRenderedMail(_ id: Int64, subject: String, textBody: String, htmlBody: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outboxMessage SET subject = ?, textBody = ?, htmlBody = ? WHERE id = ?",
                           arguments: [subject, textBody, htmlBody, id])
        }
    }

    /// The next hop accepted the message; secret text is erased.
    public func markMailSent(_ id: Int64, at time: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outboxMessage SET sentAt = ?, lastError = NULL WHERE id = ?", arguments: [time, id])
            try AppDatabase.eraseSecretMail(db, id)
        }
    }

    /// A temporary failure: try again at `retryAt`.
    public func markMailDeferred(_ id: Int64, error: String, retryAt: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outboxMessage SET lastError = ?, nextAttemptAt = ? WHERE id = ? AND sentAt IS NULL",
                           arguments: [String(error.prefix(1000)), retryAt, id])
        }
    }

    /// Given up: a permanent failure or too old; admins see it at `/admin/mail`.
    public func markMailFailed(_ id: Int64, error: String, at time: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE outboxMessage SET lastError = ?, failedAt = ? WHERE id = ? AND sentAt IS NULL",
                           arguments: [String(error.prefix(1000)), time, id])
            try AppDatabase.eraseSecretMail(db, id)
        }
    }

    private static func eraseSecretMail(_ db: Database, _ id: Int64) throws {
        let secret = MailKind.allCases.filter(\.isSecret).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try db.execute(sql: """
            UPDATE outboxMessage SET payload = '{"values":{},"times":[]}', textBody = NULL, htmlBody = NULL WHERE id = ? AND kind IN (\(secret))
            """, arguments: [id])
    }

    /// How many messages wait, went out, and were given up.
    public func outboxCounts() throws -> (pending: Int, sent: Int, failed: Int) {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) FILTER (WHERE sentAt IS NULL AND failedAt IS NULL), count(sentAt), count(failedAt) FROM outboxMessage
                """)
            return (row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0)
        }
    }

    /// Given-up messages (newest first) or waiting ones (next due first).
    public func outboxMessages(failed: Bool, limit: Int = 100) throws -> [OutboxMessage] {
        try read { db in
            let condition = failed ? "failedAt IS NOT NULL ORDER BY failedAt DESC, id DESC" : "sentAt IS NULL AND failedAt IS NULL ORDER BY nextAttemptAt, id"
            return try Row.fetchAll(db, sql: "SELECT \(AppDatabase.outboxColumns) FROM outboxMessage WHERE \(condition) LIMIT ?",
                                    arguments: [limit]).map(AppDatabase.outboxMessage)
        }
    }

    // MARK: Preferences

    /// Which kinds of mail the user gets; all on unless switched off.
    public func mailPreferences(of user: User.ID) throws -> [MailTopic: Bool] {
        try read { db in
            var result = Dictionary(uniqueKeysWithValues: MailTopic.allCases.map { ($0, true) })
            for row in try Row.fetchAll(db, sql: "SELECT kind, enabled FROM mailPreference WHERE userId = ?", arguments: [user.rawValue]) {
                if let topic = MailTopic(rawValue: row[0]) { result[topic] = row[1] }
            }
            return result
        }
    }

    public func setMailPreferences(of user: User.ID, _ preferences: [MailTopic: Bool]) throws {
        try pool.write { db in
            for (topic, enabled) in preferences {
                try db.execute(sql: """
                    INSERT INTO mailPreference (userId, kind, enabled) VALUES (?, ?, ?)
                    ON CONFLICT (userId, kind) DO UPDATE SET enabled = excluded.enabled
                    """, arguments: [user.rawValue, topic.rawValue, enabled])
            }
        }
    }
}

