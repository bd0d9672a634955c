/// A room an organisation offers.
public struct Room: Sendable, Identifiable {
    public typealias ID = Tagged<Room, Int64>

    public enum Status: String, CaseIterable, Sendable, Codable {
        case pending, published, rejected, archived
    }

    public enum BookingMode: String, CaseIterable, Sendable, Codable {
        /// A valid booking is confirmed at once.
        case instant
        /// The owner confirms or declines each booking.
        case request
    }

    public var id: ID
    public var organisationID: Organisation.ID
    public var status: Status
    public var title: String
    public var description: String
    public var district: District
    public var street: String
    public var postcode: String
    public var capacity: Int
    public var areaM2: Int?
    public var price: Price
    public var bookingMode: BookingMode
    public var accessibility: Accessibility
    public var equipment: Set<Equipment>
    public var openingHours: WeeklyHours
    public var minMinutes: Int
    public var maxMinutes: Int
    public var leadHours: Int
    public var maxDaysAhead: Int
    public var rules: String

    public init(id: ID, organisationID: Organisation.ID, status: Status, title: String, description: String,
                district: District, street: String, postcode: String, capacity: Int, areaM2: Int?, price: Price,
                bookingMode: BookingMode, accessibility: Accessibility, equipment: Set<Equipment>,
                openingHours: WeeklyHours, minMinutes: Int, maxMinutes: Int, leadHours: Int, maxDaysAhead: Int, rules: String) {
        self.id = id
        self.organisationID = organisationID
        self.status = status
        self.title = title
        self.description = description
        self.district = district
        self.street = street
        self.postcode = postcode
        self.capacity = capacity
        self.areaM2 = areaM2
        self.price = price
        self.bookingMode = bookingMode
        self.accessibility = accessibility
        self.equipment = equipment
        self.openingHours = openingHours
        self.minMinutes = minMinutes
        self.maxMinutes = maxMinutes
        self.leadHours = leadHours
        self.maxDaysAhead = maxDaysAhead
        self.rules = rules
    }
}

/// Accessibility facts, each stated in words on the page.
public struct Accessibility: Sendable, Equatable {
    public var stepFree: Bool
    public var accessibleWC: Bool
    public var hearingLoop: Bool

    public init(stepFree: Bool, accessibleWC: Bool, hearingLoop: Bool) {
        self.stepFree = stepFree
        self.accessibleWC = accessibleWC
        self.hearingLoop = hearingLoop
    }

    public var isEmpty: Bool { !stepFree && !accessibleWC && !hearingLoop }
}

public enum Equipment: String, CaseIterable, Sendable, Codable, Comparable {
    case wifi, projector, screen, whiteboard, kitchen, chairs, tables, sound, stage, parking

    public static func < (a: Equipment, b: Equipment) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
