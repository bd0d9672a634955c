/// A calendar date without time zone, as typed in forms (`YYYY-MM-DD`).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...LocalDate.daysIn(month, of: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date computed from a valid one (day arithmetic), so known to be valid.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Years a person may type: far enough for any booking, and far from the
    /// calendar's limits, so date arithmetic on them can never overflow.
    public static let typedYears = 1970...2200

    /// Parses exactly `YYYY-MM-DD` within `typedYears`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = Int(digits: bytes[0..<4], count: 4...4), let m = Int(digits: bytes[5..<7], count: 2...2),
              let d = Int(digits: bytes[8..<10], count: 2...2), LocalDate.typedYears.contains(y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A date as a person may type it where the browser offers no date picker:
    /// `2026-11-30` as a picker sends it, or the German `30.11.2026` (also `1.2.2027`).
    public init?(typed text: some StringProtocol) {
        if let date = LocalDate(text) {
            self = date
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard parts.count == 3, let d = Int(digits: parts[0][...], count: 1...2), let m = Int(digits: parts[1][...], count: 1...2),
              let y = Int(digits: parts[2][...], count: 4...4), LocalDate.typedYears.contains(y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
