import Localization
import Mustache
import RoomExchange

/// One week of a room as a table a screen reader can read: per day the opening
/// hours split into free, requested and booked stretches, in words, not colours.
struct WeekView: MustacheContext {
    enum Kind: String { case free, requested, busy, past }

    struct Segment {
        let start: Int
        let end: Int
        let kind: Kind
    }

    let room: Room
    let week: ISOWeek
    let days: [(date: LocalDate, closed: String?, segments: [Segment])]
    let texts: Catalog

    /// Whether any time of the week can still be booked.
    var hasFreeTime: Bool { days.contains { $0.closed == nil && $0.segments.contains { $0.kind == .free } } }

    /// Splits each day's opening spans by the occupied intervals.
    init(room: Room, week: ISOWeek, occupancy: [(start: Int64, end: Int64, status: BookingStatus)],
         closures: [BookingPolicy.ClosedPeriod], showingReasons: Bool, now: Int64, texts: Catalog) {
        self.room = room
        self.week = week
        self.texts = texts
        var days: [(LocalDate, String?, [Segment])] = []
        // Converted to local time once, not once per day and segment: Foundation's
        // time-zone conversions were a good part of a room page.
        let taken = occupancy.map { (start: BerlinTime.local($0.start), end: BerlinTime.local($0.end), status: $0.status) }
        let nowLocal = BerlinTime.local(now)
        for offset in 0..<7 {
            let date = week.monday.adding(days: offset)
            let closure = closures.first { $0.from <= date && date <= $0.to }
            var segments: [Segment] = []
            if closure == nil {
                for span in room.openingHours[BerlinTime.weekday(date)] {
                    segments += WeekView.split(span, on: date, taken: taken, now: nowLocal)
                }
            }
            days.append((date, closure.map { $0.reason.isEmpty || !showingReasons ? texts("week.closed") : texts("week.closed_because", ["reason": $0.reason]) }, segments))
        }
        self.days = days
    }

    typealias LocalTime = (date: LocalDate, minute: Int)

    static func split(_ span: MinuteSpan, on date: LocalDate, taken occupancy: [(start: LocalTime, end: LocalTime, status: BookingStatus)],
                      now: LocalTime) -> [Segment] {
        // Occupied minutes of this day, clamped to the span.
        var taken: [(Int, Int, Kind)] = []
        for item in occupancy {
            let start = item.start, end = item.end
            guard start.date <= date, date <= end.date else { continue }
            let from = start.date == date ? start.minute : 0
            let to = end.date == date ? end.minute : 1440
            let clamped = (max(from, span.start), min(to, span.end))
            if clamped.0 < clamped.1 { taken.append((clamped.0, clamped.1, item.status == .confirmed ? .busy : .requested)) }
        }
        taken.sort { $0.0 < $1.0 }
        var segments: [Segment] = []
        var cursor = span.start
        for (from, to, kind) in taken {
            if from > cursor { segments.append(Segment(start: cursor, end: from, kind: .free)) }
            if to > max(cursor, from) { segments.append(Segment(start: max(cursor, from), end: to, kind: kind)) }
            cursor = max(cursor, to)
        }
        if cursor < span.end { segments.append(Segment(start: cursor, end: span.end, kind: .free)) }
        // Stretches already begun are no longer bookable (compared in local time;
        // booking itself checks the exact instant).
        return segments.map { segment in
            guard segment.kind == .free, date < now.date || (date == now.date && segment.start <= now.minute) else { return segment }
            return Segment(start: segment.start, end: segment.end, kind: .past)
        }
    }

    /// `frei`, `angefragt`, `belegt`, `vorbei`, in words rather than colours.
    private func state(_ kind: Kind) -> String {
        switch kind {
        case .free: texts("week.state.free")
        case .requested: texts("week.state.requested")
        case .busy: texts("week.state.busy")
        case .past: texts("week.state.past")
        }
    }

    func value(for name: String) -> MustacheValue {
        let sunday = week.monday.adding(days: 6)
        switch name {
        case "caption": return .text(texts("week.caption", ["from": texts.date(week.monday), "to": texts.date(sunday)]))
        case "prev_url": return .text(Paths.room(room.id) + "?week=\(week.adding(weeks: -1))#belegung")
        case "next_url": return .text(Paths.room(room.id) + "?week=\(week.adding(weeks: 1))#belegung")
        case "days":
            return .list(days.map { day in
                NamedContext(values: [
                    "label": .text(texts.dateWithWeekday(day.date)),
                    "closed": .text(day.closed),
                    "has_segments": .bool(!day.segments.isEmpty),
                    "segments": .list(day.segments.map { segment in
                        let time = WeeklyHours.clock(segment.start) + "–" + WeeklyHours.clock(segment.end)
                        let bookable = segment.kind == .free && segment.end - segment.start >= room.minMinutes
                        let end = min(segment.end, segment.start + room.maxMinutes)
                        return NamedContext(values: [
                            "time": .text(time),
                            "state": .text(state(segment.kind)),
                            "kind": .text(segment.kind.rawValue),
                            "book_url": bookable ? .text(Paths.room(room.id) + Paths.bookingForm(BookingSlot(date: day.date, startMinute: segment.start, endMinute: end))) : .missing,
                        ])
                    }),
                ])
            })
        default: return .missing
        }
    }
}
