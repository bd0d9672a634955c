import Foundation
import HTTPServer
import Localization
import Mustache
import RoomExchange

/// The `/rooms` query as typed in, kept for the form, and as a validated filter.
struct RoomSearchForm {
    /// Matches are counted only this far beyond the page shown; past that the page
    /// says "more than". Counting 1,000 matches of a filter on 100,000 rooms took
    /// 2 ms, eight times the page itself; the count moves along as people page on.
    /// Five pages ahead: counting 200 free rooms was still 36 % of a date search's
    /// instructions (Benchmarks/README.md §3), and more than 100 rooms asks for a
    /// narrower filter rather than paging.
    static let countAhead = 100

    var q = ""
    var district = ""
    var capacity = ""
    var accessible = false
    var free = false
    var equipment: [String] = []
    var date = ""
    var from = ""
    var to = ""
    /// Set when date, from and to describe neither a slot nor a day.
    var availabilityError: Phrase?
    var filter = RoomFilter()

    init(query: URLEncodedForm) {
        q = String((query["q"] ?? "").trimmingWhitespace().prefix(200))
        district = query["district"] ?? ""
        capacity = (query["capacity"] ?? "").trimmingWhitespace()
        accessible = query["accessible"] == "1"
        free = query["free"] == "1"
        equipment = query.all("equipment")

        filter.words = q.isEmpty ? nil : q
        filter.district = District(rawValue: district)
        if let value = Int(asciiDigits: capacity), value > 0 { filter.minCapacity = min(value, 10_000) }
        filter.stepFree = accessible
        filter.freeOnly = free
        filter.equipment = Set(equipment.compactMap(Equipment.init(rawValue:)))
        filter.page = Int(asciiDigits: query["page"] ?? "", maxDigits: 6).map { max(1, $0) } ?? 1
        filter.countLimit = (filter.page - 1) * filter.perPage + RoomSearchForm.countAhead

        date = (query["date"] ?? "").trimmingWhitespace()
        from = (query["from"] ?? "").trimmingWhitespace()
        to = (query["to"] ?? "").trimmingWhitespace()
        if !date.isEmpty || !from.isEmpty || !to.isEmpty {
            let now = Int64(Date().timeIntervalSince1970)
            let day = LocalDate(typed: date).flatMap { RoomFilter.OpenDay(date: $0, now: now) }
            if let day, from.isEmpty, to.isEmpty {
                filter.openOn = day
            } else if let day, let start = WeeklyHours.minutes(from), let end = WeeklyHours.minutes(to), end > start,
                      let slot = RoomFilter.Availability(slot: BookingSlot(date: day.date, startMinute: start, endMinute: end), now: now) {
                filter.available = slot
            } else {
                availabilityError = Phrase("search.error.availability")
            }
        }
    }

    /// The address of page `page` of the search `search` (as `encodedSearch` gives it).
    static func address(search: String, page: Int) -> String {
        let pageItem = page > 1 ? "page=\(page)" : ""
        let query = search.isEmpty || pageItem.isEmpty ? search + pageItem : search + "&" + pageItem
        return query.isEmpty ? Paths.rooms : Paths.rooms + "?" + query
    }

    /// The search's query string without its page.
    var encodedSearch: String {
        var form = URLEncodedForm()
        if !q.isEmpty { form.append("q", q) }
        if let district = filter.district { form.append("district", district.rawValue) }
        if let capacity = filter.minCapacity { form.append("capacity", String(capacity)) }
        if accessible { form.append("accessible", "1") }
        if free { form.append("free", "1") }
        for item in filter.equipment.sorted() { form.append("equipment", item.rawValue) }
        if filter.available != nil {
            form.append("date", date)
            form.append("from", from)
            form.append("to", to)
        } else if filter.openOn != nil {
            form.append("date", date)
        }
        return form.encoded
    }
}

struct RoomsIndexContext: MustacheContext {
    let form: RoomSearchForm
    let result: RoomSearchResult
    let texts: Catalog

    func value(for name: String) -> MustacheValue {
        switch name {
        case "filter": .context(FilterContext(form: form, texts: texts))
        case "districts": .list(DistrictOption.all(selected: form.filter.district, texts: texts))
        case "equipment_options":
            .list(Equipment.allCases.map { item in
                NamedContext(values: ["slug": .text(item.rawValue), "name": .text(texts.name(item)),
                                      "checked": .bool(form.filter.equipment.contains(item))])
            })
        case "total_label": .text(result.isCapped(at: form.filter.countLimit)
            ? texts("rooms.found_more_than", ["count": texts.number(form.filter.countLimit ?? 0)])
            : texts.plural("rooms.found", result.total))
        case "has_results": .bool(!result.rooms.isEmpty)
        // As `AppDatabase.ftsQuery`: words count when they hold a letter or digit.
        case "has_words": .bool(form.filter.words?.contains { $0.isLetter || $0.isNumber } == true)
        case "rooms": .rows(RoomCards(result.rooms, texts: texts, freeIn: form.filter.available?.slot, openOn: form.filter.openOn?.date))
        case "pagination": result.pageCount > 1 ? .context(PaginationContext(form: form, result: result, texts: texts,
                                                                             isOpen: result.isCapped(at: form.filter.countLimit))) : .missing
        default: .missing
        }
    }

    struct FilterContext: MustacheContext {
        let form: RoomSearchForm
        let texts: Catalog

        func value(for name: String) -> MustacheValue {
            switch name {
            case "q": .text(form.q)
            case "capacity": .text(form.capacity)
            case "accessible": .bool(form.accessible)
            case "free": .bool(form.free)
            // The filter counts what is free for the visitor's kind of organisation.
            case "free_label": .text(texts(form.filter.visitorKind == nil || form.filter.visitorKind == .nonprofit
                                           ? "rooms.filter.free" : "rooms.filter.free_for_you"))
            // Typed as 30.11.2026, echoed as the date field holds it.
            case "date": .text((form.filter.available?.slot.date ?? form.filter.openOn?.date)?.description ?? form.date)
            case "from": .text(form.from)
            // A slot to midnight (typed as 24:00 into an address) as the time field can hold it.
            case "to": .text(form.filter.available?.slot.endMinute == 24 * 60 ? Formatting.timeField(24 * 60) : form.to)
            case "availability_error": .text(form.availabilityError.map(texts.callAsFunction))
            default: .missing
            }
        }
    }
}

struct PaginationContext: MustacheContext {
    let result: RoomSearchResult
    let texts: Catalog
    /// More pages follow than were counted: the label names no last page.
    let isOpen: Bool
    /// The search's query string, encoded once for all the page links.
    let search: String

    init(form: RoomSearchForm, result: RoomSearchResult, texts: Catalog, isOpen: Bool) {
        self.result = result
        self.texts = texts
        self.isOpen = isOpen
        search = form.encodedSearch
    }

    func value(for name: String) -> MustacheValue {
        let page = result.page
        switch name {
        case "label":
            return .text(isOpen ? texts("rooms.pagination.status_open", ["page": texts.number(page)])
                                : texts("rooms.pagination.status", ["page": texts.number(page), "pages": texts.number(result.pageCount)]))
        case "has_prev": return .bool(page > 1)
        case "prev_url": return .text(RoomSearchForm.address(search: search, page: page - 1))
        case "has_next": return .bool(page < result.pageCount)
        case "next_url": return .text(RoomSearchForm.address(search: search, page: page + 1))
        case "pages":
            // The first, the last and two either side of the current page.
            let numbers = (1...result.pageCount).filter { $0 == 1 || $0 == result.pageCount || abs($0 - page) <= 2 }
            return .list(numbers.map { number in
                NamedContext(values: ["number": .int(number), "url": .text(RoomSearchForm.address(search: search, page: number)), "current": .bool(number == page)])
            })
        default: return .missing
        }
    }
}
