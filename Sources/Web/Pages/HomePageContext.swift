import Mustache
import RoomExchange

struct HomePageContext: MustacheContext {
    let featured: [RoomSummary]
    let roomCount: Int
    let organisationCount: Int

    func value(for name: String) -> MustacheValue {
        switch name {
        case "room_count": .text(Formatting.number(roomCount))
        case "organisation_count": .text(Formatting.number(organisationCount))
        case "district_count": .text(String(District.allCases.count))
        case "districts": .list(DistrictOption.all(selected: nil))
        case "featured_rooms": .list(featured.map(RoomCardContext.init))
        default: .missing
        }
    }
}

/// A Stadtteil in a select.
struct DistrictOption: MustacheContext {
    let district: District
    let selected: Bool

    static func all(selected: District?) -> [any MustacheContext] {
        District.allCases.map { DistrictOption(district: $0, selected: $0 == selected) }
    }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "slug": .text(district.rawValue)
        case "name": .text(district.name)
        case "selected": .bool(selected)
        default: .missing
        }
    }
}
