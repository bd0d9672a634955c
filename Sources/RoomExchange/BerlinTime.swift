import Foundation

/// Local wall-clock time in Lübeck (Europe/Berlin, with daylight saving time) and
/// its conversion to the UTC instants the database stores.
///
/// Policy at the two changes a year: a local time that does not exist (02:00–02:59
/// on the last Sunday in March) is refused; a local time that exists twice
/// (02:00–02:59 on the last Sunday in October) means its first occurrence, in
/// summer time, as most calendar programs read it.
public enum BerlinTime {
    public static let zone = TimeZone(identifier: "Europe/Berlin")!

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    /// Seconds since 1970 (UTC) of `minute` after local midnight of `date`; `1440`
    /// is the next midnight. Nil when that local time does not exist.
    public static func instant(_ date: LocalDate, minute: Int) -> Int64? {
        if minute == 24 * 60 {
            return instant(date.adding(days: 1), minute: 0)
        }
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: minute / 60, minute: minute % 60)
        guard let result = calendar.date(from: components) else { return nil }
        // Foundation moves a time in the spring gap forward; such a time does not exist.
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: result)
        guard back.year == date.year, back.month == date.month, back.day == date.day,
              back.hour == minute / 60, back.minute == minute % 60 else { return nil }
        // Of two occurrences, take the earlier (summer time).
        let earlier = result.addingTimeInterval(-3600)
        let earlierBack = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: earlier)
        if earlierBack == back { return Int64(earlier.timeIntervalSince1970) }
        return Int64(result.timeIntervalSince1970)
    }

    /// The local date and minute of the day of an instant.
    public static func local(_ instant: Int64) -> (date: LocalDate, minute: Int) {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(instant)))
        return (LocalDate(year: c.year!, month: c.month!, day: c.day!)!, c.hour! * 60 + c.minute!)
    }

    public static func today(now: Date = Date()) -> LocalDate {
        local(Int64(now.timeIntervalSince1970)).date
    }

    /// Monday = 0 … Sunday = 6. (1970-01-01 was a Thursday.)
    public static func weekday(_ date: LocalDate) -> Weekday {
        Weekday(rawValue: ((date.daysSince1970 % 7) + 7 + 3) % 7)!
    }
}

/// Day arithmetic on the proleptic Gregorian calendar in plain integers (Howard
/// Hinnant's `days_from_civil` and `civil_from_days`): a week view asks for
/// dozens of weekdays and dates, and Foundation's Calendar was 15 % of a room page.
extension LocalDate {
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSince1970: daysSince1970 + days)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int {
        other.daysSince1970 - daysSince1970
    }

    var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    }
}

/// An ISO 8601 week (`2027-W02`), Monday to Sunday.
public struct ISOWeek: Sendable, Equatable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-W")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let w = Int(parts[1]),
              (1...53).contains(w), LocalDate.typedYears.contains(y) else { return nil }
        year = y
        week = w
        guard ISOWeek.containing(monday).week == w else { return nil }
    }

    init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// The week of `date`: the one whose Thursday falls in the same year (ISO 8601).
    public static func containing(_ date: LocalDate) -> ISOWeek {
        let thursday = date.adding(days: 3 - BerlinTime.weekday(date).rawValue)
        let january1 = LocalDate(unchecked: thursday.year, 1, 1)
        return ISOWeek(year: thursday.year, week: january1.days(until: thursday) / 7 + 1)
    }

    /// Week 1 is the week of 4 January.
    public var monday: LocalDate {
        let january4 = LocalDate(unchecked: year, 1, 4)
        return january4.adding(days: -BerlinTime.weekday(january4).rawValue + 7 * (week - 1))
    }

    public var description: String { String(year) + "-W" + (week < 10 ? "0" : "") + String(week) }

    public func adding(weeks: Int) -> ISOWeek { ISOWeek.containing(monday.adding(days: 7 * weeks)) }
}
