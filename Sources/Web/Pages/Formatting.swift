import Foundation

/// German number and text formatting for pages.
enum Formatting {
    /// `12345` → `12.345`
    static func number(_ value: Int) -> String {
        var digits = String(abs(value))
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + digits + grouped
    }

    /// `1 Raum`, `3 Räume`
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(number(value)) \(value == 1 ? singular : plural)"
    }

    /// The first `length` characters, cut at a word, with an ellipsis when cut.
    static func excerpt(_ text: String, length: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard flat.count > length else { return flat }
        let cut = flat.prefix(length)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + " …"
    }
}

import RoomExchange

extension Formatting {
    /// `Di., 14.01.2027, 18:00–20:00 Uhr` (across midnight: both dates).
    static func interval(_ start: Int64, _ end: Int64) -> String {
        let a = BerlinTime.local(start), b = BerlinTime.local(end)
        if a.date == b.date || (b.minute == 0 && a.date.adding(days: 1) == b.date) {
            return "\(a.date.germanWithWeekday), \(WeeklyHours.clock(a.minute))–\(WeeklyHours.clock(b.minute == 0 && a.date != b.date ? 1440 : b.minute)) Uhr"
        }
        return "\(a.date.germanWithWeekday), \(WeeklyHours.clock(a.minute)) Uhr – \(b.date.germanWithWeekday), \(WeeklyHours.clock(b.minute)) Uhr"
    }

    /// `14.01.2027, 18:03 Uhr`
    static func dateTime(_ instant: Int64) -> String {
        let local = BerlinTime.local(instant)
        return "\(local.date.german), \(WeeklyHours.clock(local.minute)) Uhr"
    }
}

extension Formatting {
    /// `1234.5` → `1.234,5` (one decimal, German separators).
    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return number(tenths / 10) + "," + String(abs(tenths % 10))
    }
}
