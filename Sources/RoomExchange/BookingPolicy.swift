/// A slot someone wants: a local date and wall-clock minutes on it.
public struct BookingSlot: Sendable, Equatable {
    public let date: LocalDate
    public let startMinute: Int
    public let endMinute: Int

    public init(date: LocalDate, startMinute: Int, endMinute: Int) {
        self.date = date
        self.startMinute = startMinute
        self.endMinute = endMinute
    }
}

/// Why a slot cannot be booked, each with a sentence for the person asking.
public enum BookingProblem: Sendable, Equatable {
    case notOnGrid
    case endNotAfterStart
    case nonexistentLocalTime
    case tooShort(minimum: Int)
    case tooLong(maximum: Int)
    case tooManyPeople(capacity: Int)
    case inThePast
    case tooSoon(leadHours: Int)
    case tooFarAhead(days: Int)
    case outsideOpeningHours
    case closed(reason: String)
    case overlapsBooking
    /// The booker has asked for this time of this room already (a second click).
    case alreadyRequested

    /// Malformed input is answered 422; a slot the room does not offer is a 409.
    public var isConflict: Bool {
        switch self {
        case .notOnGrid, .endNotAfterStart, .nonexistentLocalTime: false
        default: true
        }
    }
}

/// The rules of `issues/4`: a slot is bookable when it lies in the opening hours,
/// outside every closure, on the 15-minute grid, within the room's length limits,
/// far enough ahead and not too far, and the group fits. Overlaps with confirmed
/// bookings are checked by the caller inside the write transaction.
public enum BookingPolicy {
    public struct ClosedPeriod: Sendable {
        public let from: LocalDate
        public let to: LocalDate
        public let reason: String

        public init(from: LocalDate, to: LocalDate, reason: String) {
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    /// The problems of a slot for `room` at `now` (epoch seconds), in the order a
    /// person should fix them; empty when bookable (but for overlaps). On success
    /// `instants` holds the UTC start and end.
    public static func check(_ slot: BookingSlot, attendees: Int, room: Room, closures: [ClosedPeriod],
                             now: Int64) -> (problems: [BookingProblem], instants: (start: Int64, end: Int64)?) {
        var problems: [BookingProblem] = []
        if slot.startMinute % 15 != 0 || slot.endMinute % 15 != 0 { problems.append(.notOnGrid) }
        if slot.endMinute <= slot.startMinute { problems.append(.endNotAfterStart) }
        guard problems.isEmpty else { return (problems, nil) }
        guard let start = BerlinTime.instant(slot.date, minute: slot.startMinute),
              let end = BerlinTime.instant(slot.date, minute: slot.endMinute) else { return ([.nonexistentLocalTime], nil) }
        let wallMinutes = slot.endMinute - slot.startMinute
        if wallMinutes < room.minMinutes { problems.append(.tooShort(minimum: room.minMinutes)) }
        if wallMinutes > room.maxMinutes { problems.append(.tooLong(maximum: room.maxMinutes)) }
        if attendees > room.capacity { problems.append(.tooManyPeople(capacity: room.capacity)) }
        if start <= now {
            problems.append(.inThePast)
        } else if start < now + Int64(room.leadHours) * 3600 {
            problems.append(.tooSoon(leadHours: room.leadHours))
        }
        let today = BerlinTime.local(now).date
        if today.days(until: slot.date) > room.maxDaysAhead { problems.append(.tooFarAhead(days: room.maxDaysAhead)) }
        let span = MinuteSpan(start: slot.startMinute, end: slot.endMinute)!
        if !room.openingHours[BerlinTime.weekday(slot.date)].contains(where: { $0.contains(span) }) {
            problems.append(.outsideOpeningHours)
        }
        if let closure = closures.first(where: { $0.from <= slot.date && slot.date <= $0.to }) {
            problems.append(.closed(reason: closure.reason))
        }
        return (problems, (start, end))
    }
}
