import Localization
import Mustache
import RoomExchange

struct HomePageContext: MustacheContext {
    let featured: [RoomSummary]
    let roomCount: Int
    let organisationCount: Int
    let texts: Catalog

    func value(for name: String) -> MustacheValue {
        switch name {
        case "room_count": .text(texts.number(roomCount))
        case "organisation_count": .text(texts.number(organisationCount))
        case "district_count": .text(texts.number(District.allCases.count))
        case "districts": .list(DistrictOption.all(selected: nil, texts: texts))
        case "featured_rooms": .rows(RoomCards(featured, texts: texts))
        // Asked instead of the cards themselves, which are worded when asked for.
        case "has_featured_rooms": .bool(!featured.isEmpty)
        default: .missing
        }
    }
}

/// A Stadtteil (district) in a select.
struct DistrictOption: MustacheContext {
    let district: District
    let selected: Bool
    let texts: Catalog

    static func all(selected: District?, texts: Catalog) -> [any MustacheContext] {
        District.allCases.map { DistrictOption(district: $0, selected: $0 == selected, texts: texts) }
    }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "slug": .text(district.rawValue)
        case "name": .text(texts.name(district))
        case "selected": .bool(selected)
        default: .missing
        }
    }
}
