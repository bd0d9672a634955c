/// A span of minutes within one day, `start` inclusive, `end` exclusive; 0...1440.
public struct MinuteSpan: Sendable, Hashable, Comparable {
    public let start: Int
    public let end: Int

    public init?(start: Int, end: Int) {
        guard start >= 0, end <= 24 * 60, start < end else { return nil }
        self.start = start
        self.end = end
    }

    public static func < (a: MinuteSpan, b: MinuteSpan) -> Bool { a.start < b.start }

    public func contains(_ other: MinuteSpan) -> Bool { start <= other.start && other.end <= end }

    /// `08:00-18:00`
    public var text: String { "\(WeeklyHours.clock(start))-\(WeeklyHours.clock(end))" }
    /// `08:00–18:00` with an en dash, for reading.
    public var label: String { "\(WeeklyHours.clock(start))–\(WeeklyHours.clock(end))" }
}

public enum Weekday: Int, CaseIterable, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// `mon` … `sun`, as in the form fields `hours_mon` … `hours_sun`.
    public var key: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue] }
}

/// Opening hours per weekday: several spans a day, no overlaps, empty = closed.
public struct WeeklyHours: Sendable, Equatable {
    public private(set) var days: [[MinuteSpan]]

    public init(days: [[MinuteSpan]]) {
        precondition(days.count == 7)
        self.days = days.map { $0.sorted() }
    }

    public static let closed = WeeklyHours(days: Array(repeating: [], count: 7))

    public subscript(day: Weekday) -> [MinuteSpan] { days[day.rawValue] }

    public enum ParseError: Error, Equatable, Sendable {
        case malformed
        case endBeforeStart
        case overlapping
    }

    /// Parses one day: `08:00-12:00, 14:00-18:00`; `00:00-24:00` is the whole day;
    /// empty is closed. En dashes are accepted as people type them.
    public static func parseDay(_ text: String) throws(ParseError) -> [MinuteSpan] {
        let trimmed = text.replacingDashes().split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.filter { !$0.isWhitespace } }
            .filter { !$0.isEmpty }
        var spans: [MinuteSpan] = []
        for part in trimmed {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, let start = minutes(bounds[0]), let end = minutes(bounds[1]) else { throw .malformed }
            guard let span = MinuteSpan(start: start, end: end) else { throw .endBeforeStart }
            spans.append(span)
        }
        spans.sort()
        for (a, b) in zip(spans, spans.dropFirst()) where b.start < a.end { throw .overlapping }
        return spans
    }

    /// `HH:MM` (or `H:MM`, or `HH`) to minutes after midnight; `24:00` is allowed.
    /// Digits only: a sign, as `Int("+5")` would take it, is refused.
    public static func minutes(_ text: some StringProtocol) -> Int? {
        let bytes = Array(text.utf8)
        let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        guard let hour = Int(digits: bytes[..<(colon ?? bytes.count)], count: 1...2) else { return nil }
        let minute = colon.map { Int(digits: bytes[($0 + 1)...], count: 2...2) } ?? 0
        guard let minute, minute < 60, hour * 60 + minute <= 24 * 60 else { return nil }
        return hour * 60 + minute
    }


    public static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// The canonical text of one day, `08:00-12:00, 14:00-18:00`, as stored.
    public func text(for day: Weekday) -> String {
        self[day].map(\.text).joined(separator: ", ")
    }
}

private extension String {
    func replacingDashes() -> String {
        String(map { $0 == "–" || $0 == "—" ? "-" : $0 })
    }
}

extension Int {
    /// The value of `bytes` when they are ASCII digits and nothing else, as many
    /// as `count` allows: what people type into date and time fields.
    init?(digits bytes: ArraySlice<UInt8>, count: ClosedRange<Int>) {
        guard count.contains(bytes.count) else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        self = value
    }
}
