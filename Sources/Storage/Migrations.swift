import GRDB

/// The schema, one named migration after another. Shipped migrations are never
/// edited; changes go into a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: v1) }
        migrator.registerMigration("v2-accounts") { db in try db.execute(sql: v2Accounts) }
        migrator.registerMigration("v3-moderation") { db in try db.execute(sql: v3Moderation) }
        migrator.registerMigration("v4-outbox") { db in try db.execute(sql: v4Outbox) }
        migrator.registerMigration("v5-search-order") { db in try db.execute(sql: v5SearchOrder) }
        migrator.registerMigration("v6-overlap-probe") { db in try db.execute(sql: v6OverlapProbe) }
        migrator.registerMigration("v7-outbox-language") { db in try db.execute(sql: v7OutboxLanguage) }
        migrator.registerMigration("v8-search-filters") { db in try db.execute(sql: v8SearchFilters) }
        migrator.registerMigration("v9-search-terms") { db in try db.execute(sql: v9SearchTerms) }
        migrator.registerMigration("v10-opening-codes") { db in try db.execute(sql: v10OpeningCodes) }
        migrator.registerMigration("v11-invitation-links") { db in try db.execute(sql: v11InvitationLinks) }
        migrator.registerMigration("v12-text-proposals") { db in try db.execute(sql: v12TextProposals) }
        migrator.registerMigration("v13-photo-review") { db in try db.execute(sql: v13PhotoReview) }
        return migrator
    }

    /// The whole product as far as it is known: organisations and their members,
    /// sessions, rooms with hours, equipment, closures and photos, bookings with
    /// their history, reports and the audit log. The invariants live here: CHECKs
    /// for every enumeration, foreign keys, and a trigger that refuses two
    /// overlapping confirmed bookings of one room whatever code path writes them.
    static let v1 = """
    CREATE TABLE organisation (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind TEXT NOT NULL CHECK (kind IN ('nonprofit', 'company', 'public', 'other')),
        district TEXT CHECK (district IN ('innenstadt', 'st-juergen', 'moisling', 'buntekuh', 'st-lorenz-sued',
            'st-lorenz-nord', 'st-gertrud', 'schlutup', 'kuecknitz', 'travemuende')),
        description TEXT NOT NULL DEFAULT '',
        website TEXT,
        contactEmail TEXT,
        phone TEXT,
        trusted INTEGER NOT NULL DEFAULT 0 CHECK (trusted IN (0, 1)),
        createdAt INTEGER NOT NULL
    );

    CREATE TABLE user (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        passwordHash TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'moderator', 'admin')),
        organisationId INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
        language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
        calendarToken TEXT UNIQUE,
        blockedAt INTEGER,
        createdAt INTEGER NOT NULL
    );
    CREATE INDEX user_organisation ON user(organisationId);

    CREATE TABLE session (
        id INTEGER PRIMARY KEY,
        tokenHash BLOB NOT NULL UNIQUE,
        userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        csrfToken TEXT NOT NULL,
        createdAt INTEGER NOT NULL,
        lastSeenAt INTEGER NOT NULL
    );
    CREATE INDEX session_user ON session(userId);

    CREATE TABLE room (
        id INTEGER PRIMARY KEY,
        organisationId INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected', 'archived')),
        statusReason TEXT,
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description TEXT NOT NULL,
        district TEXT NOT NULL CHECK (district IN ('innenstadt', 'st-juergen', 'moisling', 'buntekuh', 'st-lorenz-sued',
            'st-lorenz-nord', 'st-gertrud', 'schlutup', 'kuecknitz', 'travemuende')),
        street TEXT NOT NULL,
        postcode TEXT NOT NULL CHECK (length(postcode) = 5),
        capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        areaM2 INTEGER CHECK (areaM2 IS NULL OR areaM2 > 0),
        priceModel TEXT NOT NULL CHECK (priceModel IN ('free', 'free_nonprofit', 'donation', 'fee')),
        pricePerHourCents INTEGER CHECK (pricePerHourCents IS NULL OR pricePerHourCents >= 0),
        bookingMode TEXT NOT NULL CHECK (bookingMode IN ('instant', 'request')),
        stepFree INTEGER NOT NULL DEFAULT 0 CHECK (stepFree IN (0, 1)),
        accessibleWC INTEGER NOT NULL DEFAULT 0 CHECK (accessibleWC IN (0, 1)),
        hearingLoop INTEGER NOT NULL DEFAULT 0 CHECK (hearingLoop IN (0, 1)),
        minMinutes INTEGER NOT NULL DEFAULT 60 CHECK (minMinutes > 0 AND minMinutes % 15 = 0),
        maxMinutes INTEGER NOT NULL DEFAULT 480 CHECK (maxMinutes >= minMinutes AND maxMinutes % 15 = 0),
        leadHours INTEGER NOT NULL DEFAULT 2 CHECK (leadHours >= 0),
        maxDaysAhead INTEGER NOT NULL DEFAULT 365 CHECK (maxDaysAhead BETWEEN 1 AND 730),
        rules TEXT NOT NULL DEFAULT '',
        createdAt INTEGER NOT NULL,
        updatedAt INTEGER NOT NULL,
        publishedAt INTEGER,
        CHECK ((priceModel IN ('fee', 'free_nonprofit')) = (pricePerHourCents IS NOT NULL))
    );
    CREATE INDEX room_status_district ON room(status, district, id);
    CREATE INDEX room_status_capacity ON room(status, capacity);
    CREATE INDEX room_organisation ON room(organisationId, status);

    CREATE TABLE openingSpan (
        roomId INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
        startMinute INTEGER NOT NULL CHECK (startMinute BETWEEN 0 AND 1439),
        endMinute INTEGER NOT NULL CHECK (endMinute BETWEEN 1 AND 1440 AND endMinute > startMinute),
        PRIMARY KEY (roomId, weekday, startMinute)
    ) WITHOUT ROWID;

    CREATE TABLE roomEquipment (
        roomId INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        equipment TEXT NOT NULL CHECK (equipment IN ('wifi', 'projector', 'screen', 'whiteboard', 'kitchen', 'chairs',
            'tables', 'sound', 'stage', 'parking')),
        PRIMARY KEY (roomId, equipment)
    ) WITHOUT ROWID;
    CREATE INDEX roomEquipment_equipment ON roomEquipment(equipment, roomId);

    CREATE TABLE closure (
        id INTEGER PRIMARY KEY,
        roomId INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        fromDate TEXT NOT NULL,
        toDate TEXT NOT NULL CHECK (toDate >= fromDate),
        reason TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX closure_room ON closure(roomId, fromDate);

    CREATE TABLE photo (
        id INTEGER PRIMARY KEY,
        roomId INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        fileName TEXT NOT NULL UNIQUE,
        contentType TEXT NOT NULL CHECK (contentType IN ('image/jpeg', 'image/png', 'image/webp')),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        alt TEXT NOT NULL CHECK (length(alt) > 0),
        position INTEGER NOT NULL DEFAULT 0,
        createdAt INTEGER NOT NULL
    );
    CREATE INDEX photo_room ON photo(roomId, position, id);

    CREATE TABLE bookingSeries (
        id INTEGER PRIMARY KEY,
        roomId INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        createdAt INTEGER NOT NULL
    );

    -- Instants are UTC epoch seconds; local wall-clock times are derived with the
    -- Europe/Berlin rules when shown.
    CREATE TABLE booking (
        id INTEGER PRIMARY KEY,
        roomId INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        seriesId INTEGER REFERENCES bookingSeries(id) ON DELETE SET NULL,
        bookerUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
        bookerOrganisationId INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
        startsAt INTEGER NOT NULL,
        endsAt INTEGER NOT NULL CHECK (endsAt > startsAt),
        attendees INTEGER NOT NULL CHECK (attendees > 0),
        purpose TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'declined', 'cancelled')),
        statusReason TEXT,
        priceCents INTEGER,
        sequence INTEGER NOT NULL DEFAULT 0,
        createdAt INTEGER NOT NULL,
        updatedAt INTEGER NOT NULL
    );
    CREATE INDEX booking_room_time ON booking(roomId, status, startsAt);
    CREATE INDEX booking_booker ON booking(bookerUserId, startsAt);
    CREATE INDEX booking_series ON booking(seriesId);

    -- The last line of defence of the booking invariant.
    CREATE TRIGGER booking_no_overlap_insert BEFORE INSERT ON booking
    WHEN NEW.status = 'confirmed' AND EXISTS (
        SELECT 1 FROM booking b WHERE b.roomId = NEW.roomId AND b.status = 'confirmed'
        AND b.startsAt < NEW.endsAt AND NEW.startsAt < b.endsAt)
    BEGIN SELECT RAISE(ABORT, 'booking overlaps a confirmed booking'); END;

    CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE OF status, startsAt, endsAt, roomId ON booking
    WHEN NEW.status = 'confirmed' AND EXISTS (
        SELECT 1 FROM booking b WHERE b.roomId = NEW.roomId AND b.status = 'confirmed' AND b.id <> NEW.id
        AND b.startsAt < NEW.endsAt AND NEW.startsAt < b.endsAt)
    BEGIN SELECT RAISE(ABORT, 'booking overlaps a confirmed booking'); END;

    CREATE TABLE bookingEvent (
        id INTEGER PRIMARY KEY,
        bookingId INTEGER NOT NULL REFERENCES booking(id) ON DELETE CASCADE,
        actorUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
        action TEXT NOT NULL,
        reason TEXT,
        at INTEGER NOT NULL
    );
    CREATE INDEX bookingEvent_booking ON bookingEvent(bookingId, at);

    CREATE TABLE report (
        id INTEGER PRIMARY KEY,
        roomId INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        userId INTEGER REFERENCES user(id) ON DELETE SET NULL,
        reason TEXT NOT NULL,
        createdAt INTEGER NOT NULL,
        resolvedAt INTEGER,
        UNIQUE (roomId, userId)
    );

    -- Append-only: no UPDATE or DELETE is ever allowed.
    CREATE TABLE auditEntry (
        id INTEGER PRIMARY KEY,
        actorUserId INTEGER,
        actorName TEXT NOT NULL,
        action TEXT NOT NULL,
        objectType TEXT NOT NULL,
        objectId INTEGER,
        reason TEXT,
        at INTEGER NOT NULL
    );
    CREATE INDEX auditEntry_at ON auditEntry(at);
    CREATE TRIGGER auditEntry_no_update BEFORE UPDATE ON auditEntry BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER auditEntry_no_delete BEFORE DELETE ON auditEntry BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    -- Full-text search over title, description and organisation name;
    -- unicode61 with remove_diacritics folds case and accents (Jürgen ~ jurgen).
    CREATE VIRTUAL TABLE roomSearch USING fts5(
        title, description, organisation, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER room_search_insert AFTER INSERT ON room BEGIN
        INSERT INTO roomSearch(rowid, title, description, organisation)
        SELECT NEW.id, NEW.title, NEW.description, name FROM organisation WHERE id = NEW.organisationId;
    END;
    CREATE TRIGGER room_search_update AFTER UPDATE OF title, description, organisationId ON room BEGIN
        DELETE FROM roomSearch WHERE rowid = OLD.id;
        INSERT INTO roomSearch(rowid, title, description, organisation)
        SELECT NEW.id, NEW.title, NEW.description, name FROM organisation WHERE id = NEW.organisationId;
    END;
    CREATE TRIGGER room_search_delete AFTER DELETE ON room BEGIN
        DELETE FROM roomSearch WHERE rowid = OLD.id;
    END;
    CREATE TRIGGER organisation_search_rename AFTER UPDATE OF name ON organisation BEGIN
        UPDATE roomSearch SET organisation = NEW.name WHERE rowid IN (SELECT id FROM room WHERE organisationId = NEW.id);
    END;
    """

    /// Organisation managers and invitations by e-mail address.
    static let v2Accounts = """
    ALTER TABLE user ADD COLUMN organisationRole TEXT NOT NULL DEFAULT 'member'
        CHECK (organisationRole IN ('manager', 'member'));

    CREATE TABLE invitation (
        id INTEGER PRIMARY KEY,
        organisationId INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        email TEXT NOT NULL COLLATE NOCASE,
        invitedByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
        createdAt INTEGER NOT NULL,
        acceptedAt INTEGER,
        UNIQUE (organisationId, email)
    );
    CREATE INDEX invitation_email ON invitation(email, acceptedAt);
    """

    /// What a room said when a moderator last approved it, so the queue can show
    /// what an edit changed.
    static let v3Moderation = """
    ALTER TABLE room ADD COLUMN approvedTitle TEXT;
    ALTER TABLE room ADD COLUMN approvedDescription TEXT;
    ALTER TABLE room ADD COLUMN approvedRules TEXT;
    CREATE INDEX report_room ON report(roomId, resolvedAt);
    CREATE INDEX auditEntry_object ON auditEntry(objectType, objectId);
    """

    /// E-mail through a transactional outbox: a message is a row written in the
    /// same transaction as the change it tells of, so it exists exactly when the
    /// change does; the sender delivers it later. `payload` holds the facts the
    /// message is rendered from; `subject`, `textBody` and `htmlBody` are filled at
    /// the first attempt and kept, so every retry sends the same text. `messageId`
    /// makes the Message-ID stable across retries and restarts; `dedupeKey` keeps
    /// a message that a scan produces (the reminder) from being queued twice.
    /// Kinds have no CHECK so that a new kind needs no table rebuild.
    /// Password-reset tokens are stored as SHA-256 only. A user's switched-off
    /// kinds of mail live in `mailPreference`; no row means on.
    static let v4Outbox = """
    CREATE TABLE outboxMessage (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        userId INTEGER REFERENCES user(id) ON DELETE CASCADE,
        recipient TEXT NOT NULL,
        recipientName TEXT,
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        subject TEXT,
        textBody TEXT,
        htmlBody TEXT,
        messageId TEXT NOT NULL UNIQUE,
        dedupeKey TEXT UNIQUE,
        createdAt INTEGER NOT NULL,
        nextAttemptAt INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        lastError TEXT,
        sentAt INTEGER,
        failedAt INTEGER,
        CHECK (sentAt IS NULL OR failedAt IS NULL)
    );
    CREATE INDEX outboxMessage_pending ON outboxMessage(nextAttemptAt, id) WHERE sentAt IS NULL AND failedAt IS NULL;
    CREATE INDEX outboxMessage_failed ON outboxMessage(failedAt) WHERE failedAt IS NOT NULL;
    CREATE INDEX outboxMessage_user ON outboxMessage(userId);

    CREATE TABLE passwordReset (
        id INTEGER PRIMARY KEY,
        tokenHash BLOB NOT NULL UNIQUE,
        userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        createdAt INTEGER NOT NULL,
        expiresAt INTEGER NOT NULL CHECK (expiresAt > createdAt),
        usedAt INTEGER
    );
    CREATE INDEX passwordReset_user ON passwordReset(userId, createdAt);

    CREATE TABLE mailPreference (
        userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        PRIMARY KEY (userId, kind)
    ) WITHOUT ROWID;

    -- The reminder scan: confirmed bookings by start time.
    CREATE INDEX booking_status_start ON booking(status, startsAt);
    """

    /// Newest-first lists of all published rooms without sorting the whole table.
    static let v5SearchOrder = """
    CREATE INDEX room_status_id ON room(status, id);
    """

    /// The overlap triggers in two index probes instead of a scan. Confirmed
    /// bookings of a room never overlap one another (these triggers see to it), so
    /// one that overlaps [start, end) either starts inside it or is the last one
    /// to start before it. The old form scanned every earlier booking of the room:
    /// linear in the room's history, for every booking.
    static let v6OverlapProbe = """
    DROP TRIGGER booking_no_overlap_insert;
    DROP TRIGGER booking_no_overlap_update;

    CREATE TRIGGER booking_no_overlap_insert BEFORE INSERT ON booking
    WHEN NEW.status = 'confirmed' AND (
        EXISTS (SELECT 1 FROM booking b WHERE b.roomId = NEW.roomId AND b.status = 'confirmed'
                AND b.startsAt >= NEW.startsAt AND b.startsAt < NEW.endsAt)
        OR coalesce((SELECT b.endsAt > NEW.startsAt FROM booking b WHERE b.roomId = NEW.roomId AND b.status = 'confirmed'
                AND b.startsAt < NEW.startsAt ORDER BY b.startsAt DESC LIMIT 1), 0))
    BEGIN SELECT RAISE(ABORT, 'booking overlaps a confirmed booking'); END;

    CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE OF status, startsAt, endsAt, roomId ON booking
    WHEN NEW.status = 'confirmed' AND (
        EXISTS (SELECT 1 FROM booking b WHERE b.roomId = NEW.roomId AND b.status = 'confirmed' AND b.id <> NEW.id
                AND b.startsAt >= NEW.startsAt AND b.startsAt < NEW.endsAt)
        OR coalesce((SELECT b.endsAt > NEW.startsAt FROM booking b WHERE b.roomId = NEW.roomId AND b.status = 'confirmed'
                AND b.id <> NEW.id AND b.startsAt < NEW.startsAt ORDER BY b.startsAt DESC LIMIT 1), 0))
    BEGIN SELECT RAISE(ABORT, 'booking overlaps a confirmed booking'); END;
    """

    /// The language a message is written in, fixed when it is queued: the
    /// recipient's (for an invitation to someone without an account, the
    /// inviter's). Messages queued before this were all German.
    static let v7OutboxLanguage = """
    ALTER TABLE outboxMessage ADD COLUMN language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en'));
    """

    /// The search filters answered from two narrow indexes instead of a table
    /// row or two equipment probes per candidate room. On 100,000 rooms,
    /// counting the matches of "stage and Wi-Fi" fell from 523 to 55 µs, of
    /// "free on a date" from 428 to 188 µs.
    /// `equipmentMask` mirrors `roomEquipment` (still the source of truth)
    /// through triggers; the bits live in `equipmentBit`, so no code repeats them.
    static let v8SearchFilters = """
    CREATE TABLE equipmentBit (equipment TEXT PRIMARY KEY, bit INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
    INSERT INTO equipmentBit VALUES ('wifi', 1), ('projector', 2), ('screen', 4), ('whiteboard', 8), ('kitchen', 16),
        ('chairs', 32), ('tables', 64), ('sound', 128), ('stage', 256), ('parking', 512);

    ALTER TABLE room ADD COLUMN equipmentMask INTEGER NOT NULL DEFAULT 0;
    UPDATE room SET equipmentMask = (
        SELECT coalesce(sum(b.bit), 0) FROM roomEquipment e JOIN equipmentBit b USING (equipment) WHERE e.roomId = room.id);

    CREATE TRIGGER roomEquipment_mask_insert AFTER INSERT ON roomEquipment BEGIN
        UPDATE room SET equipmentMask = equipmentMask | (SELECT bit FROM equipmentBit WHERE equipment = NEW.equipment)
        WHERE id = NEW.roomId;
    END;
    CREATE TRIGGER roomEquipment_mask_delete AFTER DELETE ON roomEquipment BEGIN
        UPDATE room SET equipmentMask = equipmentMask & ~(SELECT bit FROM equipmentBit WHERE equipment = OLD.equipment)
        WHERE id = OLD.roomId;
    END;
    CREATE TRIGGER roomEquipment_mask_update AFTER UPDATE ON roomEquipment BEGIN
        UPDATE room SET equipmentMask = (
            SELECT coalesce(sum(b.bit), 0) FROM roomEquipment e JOIN equipmentBit b USING (equipment) WHERE e.roomId = room.id)
        WHERE id IN (OLD.roomId, NEW.roomId);
    END;

    -- Newest first, and by Stadtteil: every filter column and booking rule rides along.
    DROP INDEX room_status_id;
    CREATE INDEX room_status_id_filters ON room(status, id, district, capacity, stepFree, priceModel, equipmentMask,
        minMinutes, maxMinutes, leadHours, maxDaysAhead);
    DROP INDEX room_status_district;
    CREATE INDEX room_status_district_filters ON room(status, district, id, capacity, stepFree, priceModel, equipmentMask,
        minMinutes, maxMinutes, leadHours, maxDaysAhead);
    """

    /// The words of the full-text index, so that a prefix can be turned into the
    /// words it stands for. FTS5 answers a prefix query ("seminarraum"*) by
    /// merging the whole list of every matching word before the first row: on
    /// 100,000 rooms 190 µs, paid by the count and again by the page. Named
    /// words it reads lazily and stops at the limit: 22 µs.
    ///
    /// `searchTerm` holds every word `roomSearch` has held (a superset: words of
    /// deleted rooms stay, and only cost a lookup that finds nothing).
    /// `searchTermIndex` finds them by prefix with the same tokenizer, so a
    /// visitor's "Jürg" folds exactly as the rooms' "Jürgen" did. New words are
    /// tokenized by FTS5 itself: the triggers insert text into the view
    /// `searchText`, whose trigger writes it to the contentless `searchScratch`,
    /// reads its words from `searchScratchTerms`, and empties it.
    ///
    /// The index also holds published rooms only: a search no longer looks up
    /// each match's room to check its status, which was half of a search's count.
    static let v9SearchTerms = """
    CREATE TABLE searchTerm (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
    CREATE VIRTUAL TABLE searchTermIndex USING fts5(
        term, content = 'searchTerm', content_rowid = 'id', detail = 'none', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER searchTerm_index AFTER INSERT ON searchTerm BEGIN
        INSERT INTO searchTermIndex(rowid, term) VALUES (NEW.id, NEW.term);
    END;
    CREATE VIRTUAL TABLE searchScratch USING fts5(
        text, content = '', detail = 'none', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE searchScratchTerms USING fts5vocab(searchScratch, 'row');
    CREATE VIEW searchText(text) AS SELECT NULL WHERE 0;
    CREATE TRIGGER searchText_words INSTEAD OF INSERT ON searchText BEGIN
        INSERT INTO searchScratch(text) VALUES (NEW.text);
        INSERT OR IGNORE INTO searchTerm(term) SELECT term FROM searchScratchTerms;
        INSERT INTO searchScratch(searchScratch) VALUES ('delete-all');
    END;
    CREATE VIRTUAL TABLE roomSearchTerms USING fts5vocab(roomSearch, 'row');

    DELETE FROM roomSearch WHERE rowid IN (SELECT id FROM room WHERE status <> 'published');
    INSERT INTO searchTerm(term) SELECT term FROM roomSearchTerms;

    DROP TRIGGER room_search_insert;
    DROP TRIGGER room_search_update;
    DROP TRIGGER organisation_search_rename;
    CREATE TRIGGER room_search_insert AFTER INSERT ON room WHEN NEW.status = 'published' BEGIN
        INSERT INTO roomSearch(rowid, title, description, organisation)
        SELECT NEW.id, NEW.title, NEW.description, name FROM organisation WHERE id = NEW.organisationId;
        INSERT INTO searchText(text) SELECT NEW.title || ' ' || NEW.description || ' ' || name
        FROM organisation WHERE id = NEW.organisationId;
    END;
    CREATE TRIGGER room_search_update AFTER UPDATE OF status, title, description, organisationId ON room BEGIN
        DELETE FROM roomSearch WHERE rowid = OLD.id;
        INSERT INTO roomSearch(rowid, title, description, organisation)
        SELECT NEW.id, NEW.title, NEW.description, name FROM organisation WHERE id = NEW.organisationId AND NEW.status = 'published';
        INSERT INTO searchText(text) SELECT NEW.title || ' ' || NEW.description || ' ' || name
        FROM organisation WHERE id = NEW.organisationId AND NEW.status = 'published';
    END;
    CREATE TRIGGER organisation_search_rename AFTER UPDATE OF name ON organisation BEGIN
        UPDATE roomSearch SET organisation = NEW.name WHERE rowid IN (SELECT id FROM room WHERE organisationId = NEW.id);
        INSERT INTO searchText(text) VALUES (NEW.name);
    END;
    """

    /// Each weekday's opening hours as one integer in the room row and in both
    /// filter indexes, so that the date filter reads them with the other
    /// filter columns. Probing `openingSpan` for each candidate room was half
    /// of counting the 201 rooms free on a Tuesday evening (85 of 160 µs on
    /// 100,000 rooms); the codes cost a shift and two comparisons.
    ///
    /// `hours0` (Monday) … `hours6` (Sunday): 0 closed; one span `start << 11 | end`;
    /// two spans the later one's code `<< 22 | ` the earlier one's; more than
    /// two -1, for which the filter asks `openingSpan`, which stays the source of truth.
    static let v10OpeningCodes = """
    ALTER TABLE room ADD COLUMN hours0 INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE room ADD COLUMN hours1 INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE room ADD COLUMN hours2 INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE room ADD COLUMN hours3 INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE room ADD COLUMN hours4 INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE room ADD COLUMN hours5 INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE room ADD COLUMN hours6 INTEGER NOT NULL DEFAULT 0;

    CREATE VIEW openingDayCode(roomId, weekday, code) AS
        SELECT roomId, weekday, CASE count(*)
            WHEN 1 THEN max(startMinute << 11 | endMinute)
            WHEN 2 THEN max(startMinute << 11 | endMinute) << 22 | min(startMinute << 11 | endMinute)
            ELSE -1 END
        FROM openingSpan GROUP BY roomId, weekday;
    -- Inserting a room's id here recomputes its seven codes; the span triggers share it.
    CREATE VIEW openingCodesRefresh(roomId) AS SELECT NULL WHERE 0;
    CREATE TRIGGER openingCodesRefresh_room INSTEAD OF INSERT ON openingCodesRefresh BEGIN
        UPDATE room SET (hours0, hours1, hours2, hours3, hours4, hours5, hours6) = (
            SELECT coalesce(max(CASE weekday WHEN 0 THEN code END), 0), coalesce(max(CASE weekday WHEN 1 THEN code END), 0),
                   coalesce(max(CASE weekday WHEN 2 THEN code END), 0), coalesce(max(CASE weekday WHEN 3 THEN code END), 0),
                   coalesce(max(CASE weekday WHEN 4 THEN code END), 0), coalesce(max(CASE weekday WHEN 5 THEN code END), 0),
                   coalesce(max(CASE weekday WHEN 6 THEN code END), 0)
            FROM openingDayCode WHERE roomId = NEW.roomId)
        WHERE id = NEW.roomId;
    END;
    CREATE TRIGGER openingSpan_codes_insert AFTER INSERT ON openingSpan BEGIN
        INSERT INTO openingCodesRefresh VALUES (NEW.roomId);
    END;
    CREATE TRIGGER openingSpan_codes_delete AFTER DELETE ON openingSpan BEGIN
        INSERT INTO openingCodesRefresh VALUES (OLD.roomId);
    END;
    CREATE TRIGGER openingSpan_codes_update AFTER UPDATE ON openingSpan BEGIN
        INSERT INTO openingCodesRefresh SELECT OLD.roomId UNION SELECT NEW.roomId;
    END;
    INSERT INTO openingCodesRefresh SELECT DISTINCT roomId FROM openingSpan;

    DROP INDEX room_status_id_filters;
    CREATE INDEX room_status_id_filters ON room(status, id, district, capacity, stepFree, priceModel, equipmentMask,
        minMinutes, maxMinutes, leadHours, maxDaysAhead, hours0, hours1, hours2, hours3, hours4, hours5, hours6);
    DROP INDEX room_status_district_filters;
    CREATE INDEX room_status_district_filters ON room(status, district, id, capacity, stepFree, priceModel, equipmentMask,
        minMinutes, maxMinutes, leadHours, maxDaysAhead, hours0, hours1, hours2, hours3, hours4, hours5, hours6);
    """

    /// An invitation is accepted through the link in its e-mail (a single-use
    /// token, only its SHA-256 stored), no longer by registering with the invited
    /// address: whoever registered first with that address took the seat, and an
    /// invited person could not found their own organisation. Invitations from
    /// before have no link; they count as expired until the manager invites again.
    static let v11InvitationLinks = """
    ALTER TABLE invitation ADD COLUMN tokenHash BLOB;
    ALTER TABLE invitation ADD COLUMN expiresAt INTEGER NOT NULL DEFAULT 0;
    CREATE UNIQUE INDEX invitation_token ON invitation(tokenHash) WHERE tokenHash IS NOT NULL;
    """

    /// A published room of an untrusted organisation stays public while a change
    /// of its text waits for review: the new text waits in `proposed…`, visitors
    /// see `title`, `description` and `rules` as approved. Before, such an edit
    /// took the room offline until a moderator came. `proposalVersion` counts
    /// proposals, so a decision applies to the text the moderator saw;
    /// `proposalRejection` keeps the reason a proposal was turned down for.
    static let v12TextProposals = """
    ALTER TABLE room ADD COLUMN proposedTitle TEXT CHECK (length(proposedTitle) BETWEEN 1 AND 200);
    ALTER TABLE room ADD COLUMN proposedDescription TEXT;
    ALTER TABLE room ADD COLUMN proposedRules TEXT;
    ALTER TABLE room ADD COLUMN proposedAt INTEGER
        CHECK ((proposedAt IS NULL) = (proposedTitle IS NULL) AND (proposedAt IS NULL) = (proposedDescription IS NULL)
               AND (proposedAt IS NULL) = (proposedRules IS NULL));
    ALTER TABLE room ADD COLUMN proposalVersion INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE room ADD COLUMN proposalRejection TEXT;
    CREATE INDEX room_proposed ON room(proposedAt) WHERE proposedAt IS NOT NULL;
    """

    /// Photos added to a published room of an untrusted organisation wait for
    /// review like its text (v12), hidden from the public, while the room stays
    /// online. Before, a new photo took the room offline.
    static let v13PhotoReview = """
    ALTER TABLE photo ADD COLUMN awaitsReview INTEGER NOT NULL DEFAULT 0 CHECK (awaitsReview IN (0, 1));
    CREATE INDEX photo_awaiting_review ON photo(roomId) WHERE awaitsReview;
    """
}
