import Foundation
import Localization
import RoomExchange

/// The JSON bodies of the open-data API (`Public/api/openapi.json` describes each).
/// Public facts only: no e-mail address or phone number of anyone. Optional
/// values are written as `null`, never left out.
enum ApiModels {
    struct DistrictRef: Encodable {
        let slug: String
        let name: String

        init(_ district: District) {
            slug = district.rawValue
            name = district.name
        }
    }

    struct PriceInfo: Encodable {
        let model: String
        /// The fee per hour; for `free_nonprofit` what others pay. Null when free or by donation.
        let perHourEur: Double?
        let label: String

        /// `texts` is the German catalogue: the API's labels are documented as German.
        init(_ price: Price, texts: Catalog) {
            model = price.model.rawValue
            perHourEur = price.feePerHourCents.map { Double($0) / 100 }
            label = texts.priceLabel(price)
        }

        enum CodingKeys: String, CodingKey {
            case model, label
            case perHourEur = "per_hour_eur"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(model, forKey: .model)
            try c.encode(perHourEur, forKey: .perHourEur)
            try c.encode(label, forKey: .label)
        }
    }

    struct PhotoInfo: Encodable {
        let url: String
        let alt: String
        let width: Int
        let height: Int

        init(_ photo: Photo, base: String) {
            url = base + Paths.photo(photo.fileName)
            alt = photo.alt
            width = photo.width
            height = photo.height
        }
    }

    /// One entry of `GET /api/v1/rooms`.
    struct RoomListItem: Encodable {
        let id: Int64
        let title: String
        let description: String
        let district: DistrictRef
        let capacity: Int
        let price: PriceInfo
        let stepFree: Bool
        let organisationName: String
        let photo: PhotoInfo?
        let url: String
        let apiUrl: String
        /// In a search for a free slot: the room's page with the booking form filled in for it.
        let bookingUrl: String?

        /// `bookingForm`: what `Paths.bookingForm` gives for the slot searched, if any.
        init(_ room: RoomSummary, base: String, texts: Catalog, bookingForm: String? = nil) {
            id = room.id.rawValue
            title = room.title
            description = room.description
            district = DistrictRef(room.district)
            capacity = room.capacity
            price = PriceInfo(room.price, texts: texts)
            stepFree = room.stepFree
            organisationName = room.organisationName
            photo = room.photo.map { PhotoInfo($0, base: base) }
            let page = base + Paths.room(room.id)
            url = page
            apiUrl = base + ApiPaths.room(room.id)
            bookingUrl = bookingForm.map { page + $0 }
        }

        enum CodingKeys: String, CodingKey {
            case id, title, description, district, capacity, price, photo, url
            case stepFree = "step_free", organisationName = "organisation_name", apiUrl = "api_url", bookingUrl = "booking_url"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(description, forKey: .description)
            try c.encode(district, forKey: .district)
            try c.encode(capacity, forKey: .capacity)
            try c.encode(price, forKey: .price)
            try c.encode(stepFree, forKey: .stepFree)
            try c.encode(organisationName, forKey: .organisationName)
            try c.encode(photo, forKey: .photo)
            try c.encode(url, forKey: .url)
            try c.encode(apiUrl, forKey: .apiUrl)
            try c.encodeIfPresent(bookingUrl, forKey: .bookingUrl)
        }
    }

    struct RoomList: Encodable {
        let total: Int
        let page: Int
        let perPage: Int
        let rooms: [RoomListItem]
        let links: Links

        struct Links: Encodable {
            let current: String
            let next: String?
            let prev: String?

            enum CodingKeys: String, CodingKey {
                case next, prev
                case current = "self"
            }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(current, forKey: .current)
                try c.encode(next, forKey: .next)
                try c.encode(prev, forKey: .prev)
            }
        }

        enum CodingKeys: String, CodingKey {
            case total, page, rooms, links
            case perPage = "per_page"
        }
    }

    struct Address: Encodable {
        let street: String
        let postcode: String
        let city = "Lübeck"
    }

    struct AccessibilityInfo: Encodable {
        let stepFree: Bool
        let accessibleWC: Bool
        let hearingLoop: Bool

        enum CodingKeys: String, CodingKey {
            case stepFree = "step_free", accessibleWC = "accessible_wc", hearingLoop = "hearing_loop"
        }
    }

    struct TimeSpan: Encodable {
        let from: String
        let to: String
    }

    struct OrganisationInfo: Encodable {
        let id: Int64
        let name: String
        let kind: String
        /// The organisation's page on this site.
        let url: String
        /// Its own website, when it gave one (http or https only).
        let website: String?

        init(_ organisation: Organisation, base: String) {
            id = organisation.id.rawValue
            name = organisation.name
            kind = organisation.kind.rawValue
            url = base + Paths.organisation(organisation.id)
            website = organisation.website.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
        }

        enum CodingKeys: String, CodingKey { case id, name, kind, url, website }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(kind, forKey: .kind)
            try c.encode(url, forKey: .url)
            try c.encode(website, forKey: .website)
        }
    }

    /// `GET /api/v1/rooms/{id}`.
    struct RoomDetail: Encodable {
        let id: Int64
        let title: String
        let description: String
        let district: DistrictRef
        let address: Address
        let capacity: Int
        let areaM2: Int?
        let price: PriceInfo
        let bookingMode: String
        let accessibility: AccessibilityInfo
        let equipment: [String]
        let openingHours: [String: [TimeSpan]]
        let minMinutes: Int
        let maxMinutes: Int
        let leadHours: Int
        let maxDaysAhead: Int
        let rules: String
        let organisation: OrganisationInfo
        let photos: [PhotoInfo]
        let url: String
        let availabilityUrl: String

        init(_ room: Room, organisation: Organisation, photos: [Photo], base: String, texts: Catalog) {
            id = room.id.rawValue
            title = room.title
            description = room.description
            district = DistrictRef(room.district)
            address = Address(street: room.street, postcode: room.postcode)
            capacity = room.capacity
            areaM2 = room.areaM2
            price = PriceInfo(room.price, texts: texts)
            bookingMode = room.bookingMode.rawValue
            accessibility = AccessibilityInfo(stepFree: room.accessibility.stepFree, accessibleWC: room.accessibility.accessibleWC,
                                              hearingLoop: room.accessibility.hearingLoop)
            equipment = room.equipment.sorted().map(\.rawValue)
            var hours: [String: [TimeSpan]] = [:]
            for day in Weekday.allCases {
                hours[day.key] = room.openingHours[day].map { TimeSpan(from: WeeklyHours.clock($0.start), to: WeeklyHours.clock($0.end)) }
            }
            openingHours = hours
            minMinutes = room.minMinutes
            maxMinutes = room.maxMinutes
            leadHours = room.leadHours
            maxDaysAhead = room.maxDaysAhead
            rules = room.rules
            self.organisation = OrganisationInfo(organisation, base: base)
            self.photos = photos.map { PhotoInfo($0, base: base) }
            url = base + Paths.room(room.id)
            availabilityUrl = base + ApiPaths.availability(room.id)
        }

        enum CodingKeys: String, CodingKey {
            case id, title, description, district, address, capacity, price, accessibility, equipment, rules, organisation, photos, url
            case areaM2 = "area_m2", bookingMode = "booking_mode", openingHours = "opening_hours", minMinutes = "min_minutes"
            case maxMinutes = "max_minutes", leadHours = "lead_hours", maxDaysAhead = "max_days_ahead"
            case availabilityUrl = "availability_url"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(description, forKey: .description)
            try c.encode(district, forKey: .district)
            try c.encode(address, forKey: .address)
            try c.encode(capacity, forKey: .capacity)
            try c.encode(areaM2, forKey: .areaM2)
            try c.encode(price, forKey: .price)
            try c.encode(bookingMode, forKey: .bookingMode)
            try c.encode(accessibility, forKey: .accessibility)
            try c.encode(equipment, forKey: .equipment)
            try c.encode(openingHours, forKey: .openingHours)
            try c.encode(minMinutes, forKey: .minMinutes)
            try c.encode(maxMinutes, forKey: .maxMinutes)
            try c.encode(leadHours, forKey: .leadHours)
            try c.encode(maxDaysAhead, forKey: .maxDaysAhead)
            try c.encode(rules, forKey: .rules)
            try c.encode(organisation, forKey: .organisation)
            try c.encode(photos, forKey: .photos)
            try c.encode(url, forKey: .url)
            try c.encode(availabilityUrl, forKey: .availabilityUrl)
        }
    }

    struct Interval: Encodable {
        let start: String
        let end: String

        init(_ interval: RoomAvailability.Interval) {
            start = BerlinTimestamp.rfc3339(interval.start)
            end = BerlinTimestamp.rfc3339(interval.end)
        }
    }

    /// `GET /api/v1/rooms/{id}/availability`.
    struct Availability: Encodable {
        let roomId: Int64
        let from: String
        let to: String
        let timezone = "Europe/Berlin"
        let free: [Interval]
        let busy: [Interval]
        let requested: [Interval]
        let closed: [Interval]

        init(room: Room.ID, from: LocalDate, to: LocalDate, availability: RoomAvailability) {
            roomId = room.rawValue
            self.from = from.description
            self.to = to.description
            free = availability.free.map(Interval.init)
            busy = availability.busy.map(Interval.init)
            requested = availability.requested.map(Interval.init)
            closed = availability.closed.map(Interval.init)
        }

        enum CodingKeys: String, CodingKey {
            case from, to, timezone, free, busy, requested, closed
            case roomId = "room_id"
        }
    }
}
