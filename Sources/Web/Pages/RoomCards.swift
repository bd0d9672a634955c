import Localization
import Mustache
import RoomExchange

/// Rooms in a list (`partials/room-card`), as rows for the renderer: each
/// card's texts are worded once into one buffer, and the renderer resolves the
/// card's names to field numbers once per list, where a context per card was
/// asked for each name by string (Benchmarks/README.md §3).
final class RoomCards: MustacheRows {
    /// The fields, in the order of `fieldNames`.
    private enum Field: Int, CaseIterable {
        case url, title, districtName, capacity, capacityIsOne, priceLabel, isFree, organisationName, excerpt, stepFree,
             freeSlot, openDay, photoURL, photoAlt, photoWidth, photoHeight
    }

    private enum Value {
        case text(Range<Int>)
        case int(Int)
        case bool(Bool)
    }

    private static let names = ["url", "title", "district_name", "capacity", "capacity_is_one", "price_label", "is_free",
                                "organisation_name", "excerpt", "step_free", "free_slot", "open_day", "photo_url", "photo_alt",
                                "photo_width", "photo_height"]
    private static let width = Field.allCases.count

    var fieldNames: [String] { RoomCards.names }
    let count: Int
    /// `width` values per card, in the order of `Field`.
    private let values: [Value]
    private let text: UnsafeMutableBufferPointer<UInt8>

    /// The cards of `rooms`, all free in `slot` or open on `day` when a search asked
    /// for one: the card says so and links to the booking form filled in for it.
    /// The match is worded once for all cards (wording a slot took 37,000 instructions).
    init(_ rooms: [RoomSummary], texts: Catalog, freeIn slot: BookingSlot? = nil, openOn day: LocalDate? = nil) {
        let freeSlot = slot.map { (label: texts.slot($0), form: Paths.bookingForm($0)) }
        let openDay = slot == nil ? day.map { (label: texts.dateWithWeekday($0), form: Paths.bookingForm(on: $0)) } : nil
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rooms.count * 512)
        var values: [Value] = []
        values.reserveCapacity(rooms.count * RoomCards.width)
        // Worded once per page: cards of one page share Stadtteile and prices,
        // and each wording looks up and fills catalogue texts.
        var districtNames: [District: String] = [:]
        var priceLabels: [Price: String] = [:]
        func districtName(_ district: District) -> String {
            if let name = districtNames[district] { return name }
            let name = texts.name(district)
            districtNames[district] = name
            return name
        }
        func priceLabel(_ price: Price) -> String {
            if let label = priceLabels[price] { return label }
            let label = texts.priceLabel(price)
            priceLabels[price] = label
            return label
        }
        func stored(_ string: String) -> Value {
            let start = bytes.count
            bytes += string.utf8
            return .text(start..<bytes.count)
        }
        for room in rooms {
            for field in Field.allCases {
                let value: Value = switch field {
                case .url: stored(Paths.room(room.id) + (freeSlot?.form ?? openDay?.form ?? ""))
                case .title: stored(room.title)
                case .districtName: stored(districtName(room.district))
                case .capacity: stored(texts.number(room.capacity))
                case .capacityIsOne: .bool(room.capacity == 1)
                case .priceLabel: stored(priceLabel(room.price))
                case .isFree: .bool(room.price == .free || room.price == .donation)
                case .organisationName: stored(room.organisationName)
                case .excerpt: stored(Formatting.excerpt(room.description, length: 160))
                case .stepFree: .bool(room.stepFree)
                case .freeSlot: stored(freeSlot?.label ?? "")
                case .openDay: stored(openDay?.label ?? "")
                case .photoURL: stored(room.photo.map { Paths.photo($0.fileName) } ?? "")
                case .photoAlt: stored(room.photo?.alt ?? "")
                case .photoWidth: .int(room.photo?.width ?? 0)
                case .photoHeight: .int(room.photo?.height ?? 0)
                }
                values.append(value)
            }
        }
        count = rooms.count
        self.values = values
        text = .allocate(capacity: bytes.count)
        _ = text.initialize(fromContentsOf: bytes)
    }

    deinit { text.deallocate() }

    func field(_ field: Int, of item: Int) -> MustacheField {
        switch values[item * RoomCards.width + field] {
        case .text(let range): .utf8(UnsafeBufferPointer(rebasing: text[range]))
        case .int(let number): .int(number)
        case .bool(let value): .bool(value)
        }
    }
}

struct PhotoContext: MustacheContext {
    let photo: Photo

    func value(for name: String) -> MustacheValue {
        switch name {
        case "url": .text(Paths.photo(photo.fileName))
        case "alt": .text(photo.alt)
        case "width": .int(photo.width)
        case "height": .int(photo.height)
        default: .missing
        }
    }
}

/// One paragraph of a longer text, so templates never need raw HTML.
struct ParagraphContext: MustacheContext {
    let text: String

    /// A paragraph per line, without the spaces around it; blank lines are
    /// dropped. Lines end at LF, so CR LF from a form's text area ends one too
    /// (as a Character, CR LF is not "\n"). Splits bytes and trims scalars:
    /// Foundation's trimming and Character splitting were a fifth of a room page.
    static func list(_ text: String) -> [any MustacheContext] {
        Array(text.utf8).split(separator: UInt8(ascii: "\n")).compactMap { line in
            let paragraph = String(decoding: line, as: UTF8.self).trimmingWhitespace()
            return paragraph.isEmpty ? nil : ParagraphContext(text: paragraph)
        }
    }

    func value(for name: String) -> MustacheValue {
        name == "text" ? .text(text) : .missing
    }
}

/// A name/value item for simple lists (`{{name}}`). Its few names are searched
/// in order: a dictionary hashed every name twice, once to build it for each
/// item of a list and once to look it up.
struct NamedContext: MustacheContext {
    let values: KeyValuePairs<String, MustacheValue>

    func value(for name: String) -> MustacheValue { values.first { $0.key == name }?.value ?? .missing }
}
