import Foundation
import RoomExchange

/// Free, busy, requested and closed time of a room between two local dates
/// (inclusive), as UTC instants: opening hours minus closed days minus confirmed
/// bookings. Requested bookings do not take time away; they are listed on their
/// own. Each list is sorted, without overlaps, with touching intervals joined.
struct RoomAvailability: Sendable, Equatable {
    struct Interval: Sendable, Equatable {
        let start: Int64
        let end: Int64
    }

    let windowStart: Int64
    let windowEnd: Int64
    let free: [Interval]
    let busy: [Interval]
    let requested: [Interval]
    let closed: [Interval]

    init(hours: WeeklyHours, from: LocalDate, to: LocalDate, closures: [BookingPolicy.ClosedPeriod],
         occupancy: [(start: Int64, end: Int64, status: BookingStatus)]) {
        (windowStart, windowEnd) = RoomAvailability.window(from: from, to: to)
        var open: [Interval] = []
        var closed: [Interval] = []
        var date = from
        while date <= to {
            let next = date.adding(days: 1)
            if closures.contains(where: { $0.from <= date && date <= $0.to }) {
                closed.append(Interval(start: RoomAvailability.instant(date, atOrAfter: 0), end: RoomAvailability.instant(next, atOrAfter: 0)))
            } else {
                for span in hours[BerlinTime.weekday(date)] {
                    let start = RoomAvailability.instant(date, atOrAfter: span.start)
                    let end = RoomAvailability.instant(date, atOrAfter: span.end)
                    if start < end { open.append(Interval(start: start, end: end)) }
                }
            }
            date = next
        }
        let window = (windowStart, windowEnd)
        busy = RoomAvailability.normalized(occupancy.filter { $0.status == .confirmed }.map { Interval(start: $0.start, end: $0.end) }, within: window)
        requested = RoomAvailability.normalized(occupancy.filter { $0.status == .requested }.map { Interval(start: $0.start, end: $0.end) }, within: window)
        self.closed = RoomAvailability.normalized(closed, within: window)
        free = RoomAvailability.subtract(RoomAvailability.normalized(open, within: window), busy)
    }

    /// From local midnight of `from` to local midnight after `to`.
    static func window(from: LocalDate, to: LocalDate) -> (start: Int64, end: Int64) {
        (instant(from, atOrAfter: 0), instant(to.adding(days: 1), atOrAfter: 0))
    }

    /// The instant of `minute` on `date` in Lübeck; a wall-clock time the spring change
    /// skips (02:00–02:59) becomes the first minute after it, 03:00.
    static func instant(_ date: LocalDate, atOrAfter minute: Int) -> Int64 {
        for candidate in minute...(24 * 60) {
            if let instant = BerlinTime.instant(date, minute: candidate) { return instant }
        }
        // Midnight always exists in Europe/Berlin; this is not reached.
        return BerlinTime.instant(date.adding(days: 1), minute: 0) ?? 0
    }

    /// Clipped to the window, sorted, overlapping and touching intervals joined.
    static func normalized(_ intervals: [Interval], within window: (Int64, Int64)) -> [Interval] {
        var result: [Interval] = []
        for item in intervals.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            let start = max(item.start, window.0), end = min(item.end, window.1)
            guard start < end else { continue }
            if let last = result.last, start <= last.end {
                result[result.count - 1] = Interval(start: last.start, end: max(last.end, end))
            } else {
                result.append(Interval(start: start, end: end))
            }
        }
        return result
    }

    /// `intervals` minus `taken`; both normalized.
    static func subtract(_ intervals: [Interval], _ taken: [Interval]) -> [Interval] {
        var result: [Interval] = []
        for interval in intervals {
            var cursor = interval.start
            for item in taken where item.end > cursor && item.start < interval.end {
                if item.start > cursor { result.append(Interval(start: cursor, end: item.start)) }
                cursor = max(cursor, item.end)
            }
            if cursor < interval.end { result.append(Interval(start: cursor, end: interval.end)) }
        }
        return result
    }
}

/// RFC 3339 timestamps in Lübeck's local time with its offset at that instant:
/// `2027-03-27T18:00:00+01:00`, `2027-03-29T18:00:00+02:00`.
enum BerlinTimestamp {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = BerlinTime.zone
        return calendar
    }()

    static func rfc3339(_ instant: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = BerlinTime.zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return pad(c.year!, 4) + "-" + pad(c.month!) + "-" + pad(c.day!) + "T" + pad(c.hour!) + ":" + pad(c.minute!) + ":" + pad(c.second!)
            + sign + pad(hours) + ":" + pad(minutes)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
