/// A booking of a room for one slot.
public enum BookingStatus: String, Sendable, CaseIterable {
    /// Waiting for the room's organisation (rooms booked on request).
    case requested
    case confirmed
    case declined
    case cancelled

    /// Still taking up (or asking for) the room.
    public var isActive: Bool { self == .requested || self == .confirmed }
}

public typealias BookingID = Tagged<BookingStatus, Int64>

/// What a booking costs the booker's organisation, as shown with it.
public enum BookingPrice: Sendable, Equatable {
    case free
    case donation
    case fee(cents: Int)

    /// The price of `minutes` (true duration) in `room` for an organisation of `kind`.
    public static func of(_ price: Price, minutes: Int, for kind: Organisation.Kind?) -> BookingPrice {
        switch price {
        case .free: return .free
        case .donation: return .donation
        case .freeForNonprofits(let cents):
            return kind == .nonprofit ? .free : .fee(cents: (cents * minutes + 59) / 60)
        case .fee(let cents): return .fee(cents: (cents * minutes + 59) / 60)
        }
    }

    public var cents: Int? {
        if case .fee(let cents) = self { return cents }
        return nil
    }
}
