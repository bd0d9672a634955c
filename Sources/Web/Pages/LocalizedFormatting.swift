import Localization
import RoomExchange

/// Dates, times and durations in the catalogue's language: every word and every
/// pattern comes from the catalogue (`format.*`, `date.*`), so `Di., 14.01.2027,
/// 18:00–20:00 Uhr` in German is `Tue 14 Jan 2027, 18:00–20:00` in English.
extension Catalog {
    /// `14.01.2027` / `14 Jan 2027`
    func date(_ date: LocalDate) -> String {
        self("format.date", ["day": String(date.day), "day2": Catalog.two(date.day), "month2": Catalog.two(date.month),
                             "month_name": self(Catalog.monthKeys[date.month - 1]), "year": String(date.year)])
    }

    /// `Di., 14.01.2027` / `Tue 14 Jan 2027`
    func dateWithWeekday(_ date: LocalDate) -> String {
        self("format.date_with_weekday", ["weekday": weekday(BerlinTime.weekday(date), short: true), "date": self.date(date)])
    }

    /// `Dienstag` / `Tuesday`, or `Di.` / `Tue` when `short`.
    func weekday(_ day: Weekday, short: Bool = false) -> String {
        self((short ? Catalog.shortWeekdayKeys : Catalog.longWeekdayKeys)[day.rawValue])
    }

    // The keys are made once: interpolating them was a tenth of formatting a date.
    private static let monthKeys = (1...12).map { "date.month.short.\($0)" }
    private static let shortWeekdayKeys = Weekday.allCases.map { "date.weekday.short.\($0.rawValue)" }
    private static let longWeekdayKeys = Weekday.allCases.map { "date.weekday.long.\($0.rawValue)" }

    /// `18:00` (minutes after midnight; 1440 is `24:00`).
    func clock(_ minutes: Int) -> String { WeeklyHours.clock(minutes) }

    /// `Di., 14.01.2027, 18:00–20:00 Uhr`; across midnight both dates.
    func interval(_ start: Int64, _ end: Int64) -> String {
        let a = BerlinTime.local(start), b = BerlinTime.local(end)
        if a.date == b.date || (b.minute == 0 && a.date.adding(days: 1) == b.date) {
            return self("format.interval.same_day", ["day": dateWithWeekday(a.date), "start": clock(a.minute),
                                                      "end": clock(b.minute == 0 && a.date != b.date ? 1440 : b.minute)])
        }
        return self("format.interval.days", ["start_day": dateWithWeekday(a.date), "start": clock(a.minute),
                                              "end_day": dateWithWeekday(b.date), "end": clock(b.minute)])
    }

    /// A slot as a person asked for it: `Di., 14.01.2027, 18:00–20:00 Uhr`.
    func slot(_ slot: BookingSlot) -> String {
        self("format.interval.same_day", ["day": dateWithWeekday(slot.date), "start": clock(slot.startMinute), "end": clock(slot.endMinute)])
    }

    /// `14.01.2027, 18:03 Uhr`
    func dateTime(_ instant: Int64) -> String {
        let local = BerlinTime.local(instant)
        return self("format.date_time", ["date": date(local.date), "time": clock(local.minute)])
    }

    /// `90 Minuten`, `2 Stunden`, `1 Stunde 30 Minuten` / `2 hours`.
    func duration(minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        if hours == 0 { return plural("format.minutes", rest) }
        if rest == 0 { return plural("format.hours", hours) }
        return plural("format.hours", hours) + " " + plural("format.minutes", rest)
    }

    /// `08:00–12:00 und 14:00–18:00 Uhr`, `ganztägig` or `geschlossen`.
    func openingHours(_ hours: WeeklyHours, on day: Weekday) -> String {
        let spans = hours[day]
        if spans.isEmpty { return self("format.hours.closed") }
        if spans == [MinuteSpan(start: 0, end: 1440)!] { return self("format.hours.all_day") }
        let list = spans.map { clock($0.start) + "–" + clock($0.end) }
        let joined = list.count == 1 ? list[0]
            : list.dropLast().joined(separator: ", ") + self("format.list.and") + list.last!
        return self("format.hours.spans", ["spans": joined])
    }

    private static func two(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
}
