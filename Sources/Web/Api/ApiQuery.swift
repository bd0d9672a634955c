import Foundation
import HTTPServer
import RoomExchange

/// Reads the known parameters of an API query string and collects every refusal,
/// so one 400 names all that is wrong. Unknown parameters are ignored; an empty
/// value counts as absent, as HTML forms send them; a known single-valued
/// parameter given twice is refused.
struct ApiQueryReader {
    let query: URLEncodedForm
    private(set) var problems: [ApiProblem.InvalidParameter] = []

    init(_ query: URLEncodedForm) {
        self.query = query
    }

    mutating func refuse(_ name: String, _ reason: String) {
        problems.append(ApiProblem.InvalidParameter(name: name, reason: reason))
    }

    /// The one non-empty value of `name`, trimmed, or nil.
    mutating func single(_ name: String) -> String? {
        let values = query.all(name).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if values.count > 1 {
            refuse(name, "given \(values.count) times; give it once")
            return nil
        }
        return values.first
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = single(name) else { return nil }
        guard let value = Int(asciiDigits: text, maxDigits: 9), range.contains(value) else {
            refuse(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(ApiQueryReader.quote(text))\"")
            return nil
        }
        return value
    }

    /// `1`/`true` or `0`/`false`; absent is false.
    mutating func flag(_ name: String) -> Bool {
        guard let text = single(name) else { return false }
        switch text {
        case "1", "true": return true
        case "0", "false": return false
        default:
            refuse(name, "must be 1 or 0 (or true or false), not \"\(ApiQueryReader.quote(text))\"")
            return false
        }
    }

    mutating func date(_ name: String) -> LocalDate? {
        guard let text = single(name) else { return nil }
        guard let date = LocalDate(text) else {
            refuse(name, "must be a calendar date as YYYY-MM-DD from 1970-01-01 to 2200-12-31, not \"\(ApiQueryReader.quote(text))\"")
            return nil
        }
        return date
    }

    /// Exactly `HH:MM`, 00:00 to 23:59, or 24:00 when `allowMidnight` (the end of a day).
    mutating func time(_ name: String, allowMidnight: Bool) -> Int? {
        guard let text = single(name) else { return nil }
        guard let minutes = ApiQueryReader.clockMinutes(text), minutes < 24 * 60 || allowMidnight else {
            refuse(name, "must be a time as HH:MM from 00:00 to \(allowMidnight ? "24:00" : "23:59"), not \"\(ApiQueryReader.quote(text))\"")
            return nil
        }
        return minutes
    }

    static func clockMinutes(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), let hour = Int(asciiDigits: text.prefix(2)),
              let minute = Int(asciiDigits: text.suffix(2)), minute < 60 else { return nil }
        let total = hour * 60 + minute
        return total <= 24 * 60 ? total : nil
    }

    /// A value as echoed in a reason: at most 40 characters.
    static func quote(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

/// `GET /api/v1/rooms`: the filters of `/rooms` plus `page` and `per_page`,
/// validated; anything malformed is a 400 problem.
struct ApiRoomsQuery: Sendable {
    static let maxPerPage = 100
    static let defaultPerPage = 20
    static let maxPage = 100_000
    static let maxCapacity = 10_000
    static let maxWordsLength = 200

    var filter = RoomFilter()
    /// The date and times of `filter.available`, as given, for the links.
    var slotText: (date: String, from: String, to: String)?

    init(_ query: URLEncodedForm, now: Int64) throws(ApiProblem) {
        var reader = ApiQueryReader(query)
        if let q = reader.single("q") {
            if q.count > ApiRoomsQuery.maxWordsLength {
                reader.refuse("q", "must be at most \(ApiRoomsQuery.maxWordsLength) characters, not \(q.count)")
            } else {
                filter.words = q
            }
        }
        if let slug = reader.single("district") {
            if let district = District(rawValue: slug) {
                filter.district = district
            } else {
                reader.refuse("district", "unknown district \"\(ApiQueryReader.quote(slug))\"; one of "
                              + District.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        filter.minCapacity = reader.integer("capacity", in: 1...ApiRoomsQuery.maxCapacity)
        let given = ["date", "from", "to"].filter { reader.query.all($0).contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }
        let date = reader.date("date")
        let from = reader.time("from", allowMidnight: false)
        let to = reader.time("to", allowMidnight: true)
        if !given.isEmpty && given.count < 3 {
            for name in ["date", "from", "to"] where !given.contains(name) {
                reader.refuse(name, "is needed too: date, from and to together ask for rooms bookable in that slot")
            }
        }
        if let date, let from, let to {
            if to <= from {
                reader.refuse("to", "must be after from (\(WeeklyHours.clock(from)))")
            } else if let slot = RoomFilter.Availability(slot: BookingSlot(date: date, startMinute: from, endMinute: to), now: now) {
                filter.available = slot
                slotText = (date.description, WeeklyHours.clock(from), WeeklyHours.clock(to))
            } else {
                let name = BerlinTime.instant(date, minute: from) == nil ? "from" : "to"
                reader.refuse(name, "this local time does not exist on \(date) in Europe/Berlin (the clocks go forward from 02:00 to 03:00)")
            }
        }
        filter.stepFree = reader.flag("accessible")
        filter.freeOnly = reader.flag("free")
        var equipment: Set<Equipment> = []
        for value in query.all("equipment") {
            let slug = value.trimmingCharacters(in: .whitespaces)
            guard !slug.isEmpty else { continue }
            if let item = Equipment(rawValue: slug) {
                equipment.insert(item)
            } else {
                reader.refuse("equipment", "unknown equipment \"\(ApiQueryReader.quote(slug))\"; one of "
                              + Equipment.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        filter.equipment = equipment
        filter.page = reader.integer("page", in: 1...ApiRoomsQuery.maxPage) ?? 1
        filter.perPage = reader.integer("per_page", in: 1...ApiRoomsQuery.maxPerPage) ?? ApiRoomsQuery.defaultPerPage

        guard reader.problems.isEmpty else { throw ApiProblem.invalid(reader.problems) }
    }

    /// The canonical query string of this search at `page`, for `links`.
    func query(page: Int) -> String {
        var form = URLEncodedForm()
        if let words = filter.words { form.append("q", words) }
        if let district = filter.district { form.append("district", district.rawValue) }
        if let capacity = filter.minCapacity { form.append("capacity", String(capacity)) }
        if let slotText {
            form.append("date", slotText.date)
            form.append("from", slotText.from)
            form.append("to", slotText.to)
        }
        if filter.stepFree { form.append("accessible", "1") }
        if filter.freeOnly { form.append("free", "1") }
        for item in filter.equipment.sorted() { form.append("equipment", item.rawValue) }
        form.append("page", String(page))
        form.append("per_page", String(filter.perPage))
        return form.encoded
    }
}

/// `GET /api/v1/rooms/{id}/availability`: `from` and `to`, both required, at most 62 days.
struct ApiAvailabilityQuery: Sendable {
    static let maxDays = 62

    let from: LocalDate
    let to: LocalDate

    init(_ query: URLEncodedForm) throws(ApiProblem) {
        var reader = ApiQueryReader(query)
        let from = reader.date("from")
        let to = reader.date("to")
        for (name, value) in [("from", from), ("to", to)] where value == nil && !reader.problems.contains(where: { $0.name == name }) {
            reader.refuse(name, "is required (a date as YYYY-MM-DD)")
        }
        if let from, let to {
            let days = from.days(until: to) + 1
            if to < from {
                reader.refuse("to", "must not be before from (\(from))")
            } else if days > ApiAvailabilityQuery.maxDays {
                reader.refuse("to", "the range from \(from) to \(to) has \(days) days; at most \(ApiAvailabilityQuery.maxDays) are allowed")
            }
        }
        guard reader.problems.isEmpty, let from, let to else { throw ApiProblem.invalid(reader.problems) }
        self.from = from
        self.to = to
    }
}
