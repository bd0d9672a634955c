/// The filters of `/rooms` and `/api/v1/rooms`, already validated.
public struct RoomFilter: Sendable, Equatable {
    public var words: String?
    public var district: District?
    public var minCapacity: Int?
    public var stepFree = false
    /// Only rooms free of charge for this visitor: for a logged-out visitor rooms
    /// free at least for nonprofits, otherwise free for their organisation's kind.
    public var freeOnly = false
    public var visitorKind: Organisation.Kind?
    public var equipment: Set<Equipment> = []
    public var page = 1
    public var perPage = 20
    /// Only rooms bookable in this slot.
    public var available: Availability?
    /// Only rooms open on this day (a date searched without times): opening
    /// hours that weekday, no closure, bookable that far ahead. Bookings are not
    /// looked at; the room's week shows what is left.
    public var openOn: OpenDay?
    /// Count matches only up to this number (then `total` is `countLimit + 1`); nil counts all.
    public var countLimit: Int?

    public init() {}

    /// A slot the rooms must be bookable in: opening hours, no closure, no
    /// confirmed booking, the room's length and lead-time limits.
    public struct Availability: Sendable, Equatable {
        public let slot: BookingSlot
        public let startsAt: Int64
        public let endsAt: Int64
        /// When the search runs (epoch seconds), for lead times.
        public let now: Int64

        public init?(slot: BookingSlot, now: Int64) {
            guard slot.endMinute > slot.startMinute, let start = BerlinTime.instant(slot.date, minute: slot.startMinute),
                  let end = BerlinTime.instant(slot.date, minute: slot.endMinute) else { return nil }
            self.slot = slot
            startsAt = start
            endsAt = end
            self.now = now
        }
    }

    public struct OpenDay: Sendable, Equatable {
        public let date: LocalDate
        /// Days from the search's day (in Berlin) to `date`, for how far ahead rooms take bookings.
        public let daysAhead: Int

        /// Nil for a day in the past.
        public init?(date: LocalDate, now: Int64) {
            let days = BerlinTime.local(now).date.days(until: date)
            guard days >= 0 else { return nil }
            self.date = date
            daysAhead = days
        }
    }

    /// The price models that count as free for this visitor.
    public var freePriceModels: [Price.Model] {
        switch visitorKind {
        case .some(.nonprofit), .none: [.free, .donation, .freeNonprofit]
        case .some: [.free, .donation]
        }
    }
}

/// A room as shown in a list.
public struct RoomSummary: Sendable {
    public var id: Room.ID
    public var title: String
    public var description: String
    public var district: District
    public var capacity: Int
    public var price: Price
    public var stepFree: Bool
    public var organisationName: String
    public var photo: Photo?

    public init(id: Room.ID, title: String, description: String, district: District, capacity: Int, price: Price,
                stepFree: Bool, organisationName: String, photo: Photo?) {
        self.id = id
        self.title = title
        self.description = description
        self.district = district
        self.capacity = capacity
        self.price = price
        self.stepFree = stepFree
        self.organisationName = organisationName
        self.photo = photo
    }
}

/// One page of search results.
public struct RoomSearchResult: Sendable {
    public var rooms: [RoomSummary]
    public var total: Int
    public var page: Int
    public var perPage: Int

    public init(rooms: [RoomSummary], total: Int, page: Int, perPage: Int) {
        self.rooms = rooms
        self.total = total
        self.page = page
        self.perPage = perPage
    }

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }

    /// True when counting stopped at the filter's `countLimit`.
    public func isCapped(at limit: Int?) -> Bool { limit.map { total > $0 } ?? false }
}

/// An uploaded room photo; the file lives in the data directory under `fileName`.
public struct Photo: Sendable, Equatable {
    public typealias ID = Tagged<Photo, Int64>

    public var id: ID
    public var fileName: String
    public var width: Int
    public var height: Int
    public var alt: String
    /// Added to a public room of an untrusted organisation and not yet reviewed:
    /// shown to its organisation and the moderators only.
    public var awaitsReview: Bool

    public init(id: ID, fileName: String, width: Int, height: Int, alt: String, awaitsReview: Bool = false) {
        self.id = id
        self.fileName = fileName
        self.width = width
        self.height = height
        self.alt = alt
        self.awaitsReview = awaitsReview
    }
}
