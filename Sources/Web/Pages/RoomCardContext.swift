import Localization
import Mustache
import RoomExchange

/// A room in a list (`partials/room-card`).
struct RoomCardContext: MustacheContext {
    let room: RoomSummary
    let texts: Catalog
    /// What a search asked for and the room offers: the card says so and links to
    /// the booking form filled in for it.
    var match: SearchMatch? = nil

    /// A searched slot the room is free in, or a searched day it is open on,
    /// worded and turned into an address once for all cards of a page: wording
    /// a slot took 37,000 instructions, twice per card. One optional, as every
    /// field of a card is retained each time the renderer copies the card.
    struct SearchMatch {
        enum Kind { case freeSlot, openDay }
        let kind: Kind
        let label: String
        let bookingForm: String

        init(slot: BookingSlot, texts: Catalog) {
            kind = .freeSlot
            label = texts.slot(slot)
            bookingForm = Paths.bookingForm(slot)
        }

        init(day: LocalDate, texts: Catalog) {
            kind = .openDay
            label = texts.dateWithWeekday(day)
            bookingForm = Paths.bookingForm(on: day)
        }
    }

    /// The cards of a list, all free in `slot` or open on `day` when a search asked for one.
    static func cards(_ rooms: [RoomSummary], texts: Catalog, freeIn slot: BookingSlot?, openOn day: LocalDate? = nil) -> [any MustacheContext] {
        let match = slot.map { SearchMatch(slot: $0, texts: texts) } ?? day.map { SearchMatch(day: $0, texts: texts) }
        return rooms.map { RoomCardContext(room: $0, texts: texts, match: match) }
    }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "url": .text(Paths.room(room.id) + (match?.bookingForm ?? ""))
        case "title": .text(room.title)
        case "district_name": .text(texts.name(room.district))
        case "capacity": .text(texts.number(room.capacity))
        case "capacity_is_one": .bool(room.capacity == 1)
        case "price_label": .text(texts.priceLabel(room.price))
        case "is_free": .bool(room.price == .free || room.price == .donation)
        case "organisation_name": .text(room.organisationName)
        case "excerpt": .text(Formatting.excerpt(room.description, length: 160))
        case "step_free": .bool(room.stepFree)
        case "photo": .context(room.photo.map(PhotoContext.init))
        // Last: a switch over strings compares in order, and most cards answer no search.
        case "free_slot": .text(match?.kind == .freeSlot ? match?.label : nil)
        case "open_day": .text(match?.kind == .openDay ? match?.label : nil)
        default: .missing
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
            let scalars = String(decoding: line, as: UTF8.self).unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                  let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
            return ParagraphContext(text: String(scalars[first...last]))
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
