/// An organisation that lends or books rooms.
public struct Organisation: Sendable, Identifiable {
    public typealias ID = Tagged<Organisation, Int64>

    public enum Kind: String, CaseIterable, Sendable, Codable {
        case nonprofit, company, `public`, other
    }

    public var id: ID
    public var name: String
    public var kind: Kind
    public var district: District?
    public var description: String
    public var website: String?
    public var contactEmail: String?
    public var phone: String?
    public var trusted: Bool

    public init(id: ID, name: String, kind: Kind, district: District?, description: String, website: String?,
                contactEmail: String?, phone: String?, trusted: Bool) {
        self.id = id
        self.name = name
        self.kind = kind
        self.district = district
        self.description = description
        self.website = website
        self.contactEmail = contactEmail
        self.phone = phone
        self.trusted = trusted
    }
}

/// An identifier that cannot be mixed up with another kind's (`Room.ID` is not `Organisation.ID`).
public struct Tagged<Tag, RawValue: Hashable & Sendable>: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: RawValue
    public init(_ rawValue: RawValue) { self.rawValue = rawValue }
    public var description: String { "\(rawValue)" }
}
