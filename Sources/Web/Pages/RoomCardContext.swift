import Localization
import Mustache
import RoomExchange

/// A room in a list (`partials/room-card`).
struct RoomCardContext: MustacheContext {
    let room: RoomSummary
    let texts: Catalog
    /// The slot a search asked for and the room is free in: the card links to
    /// the booking form filled in for it.
    var freeSlot: FreeSlot? = nil
    var openDay: OpenDay? = nil

    /// A searched slot, worded and turned into an address once for all cards of
    /// a page: wording it took 37,000 instructions, twice per card.
    struct FreeSlot {
        let label: String
        let bookingForm: String

        init(_ slot: BookingSlot, texts: Catalog) {
            label = texts.slot(slot)
            bookingForm = Paths.bookingForm(slot)
        }
    }

    /// A searched day the room is open on: the card links to that day's week
    /// and the booking form with the date filled in.
    struct OpenDay {
        let label: String
        let bookingForm: String

        init(_ date: LocalDate, texts: Catalog) {
            label = texts.dateWithWeekday(date)
            bookingForm = Paths.bookingForm(on: date)
        }
    }

    /// The cards of a list, all free in `slot` or open on `day` when a search asked for one.
    static func cards(_ rooms: [RoomSummary], texts: Catalog, freeIn slot: BookingSlot?, openOn day: LocalDate? = nil) -> [any MustacheContext] {
        let freeSlot = slot.map { FreeSlot($0, texts: texts) }
        let openDay = day.map { OpenDay($0, texts: texts) }
        return rooms.map { RoomCardContext(room: $0, texts: texts, freeSlot: freeSlot, openDay: openDay) }
    }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "url": .text(Paths.room(room.id) + (freeSlot?.bookingForm ?? openDay?.bookingForm ?? ""))
        case "free_slot": .text(freeSlot?.label)
        case "open_day": .text(openDay?.label)
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
