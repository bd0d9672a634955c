import Localization
import RoomExchange

/// The words for the domain's values, from the catalogue: the domain names
/// things by identifiers, pages name them in the visitor's language.
extension Catalog {
    func name(_ district: District) -> String { self("district." + district.rawValue) }
    func name(_ item: Equipment) -> String { self("equipment." + item.rawValue) }
    func label(_ kind: Organisation.Kind) -> String { self("organisation.kind." + kind.rawValue) }
    func label(_ status: BookingStatus) -> String { self("booking.status." + status.rawValue) }
    func label(_ status: Room.Status) -> String { self("room.status." + status.rawValue) }
    func label(_ mode: Room.BookingMode) -> String { self("room.booking_mode." + mode.rawValue) }
    func label(_ role: User.Role) -> String { self("user.role." + role.rawValue) }
    func label(_ model: Price.Model) -> String { self("price.model." + model.rawValue) }

    /// Why a slot cannot be booked, as a sentence for the person asking.
    func message(_ problem: BookingProblem) -> String {
        switch problem {
        case .notOnGrid: self("booking.problem.not_on_grid")
        case .endNotAfterStart: self("booking.problem.end_not_after_start")
        case .nonexistentLocalTime: self("booking.problem.nonexistent_local_time")
        case .tooShort(let minimum): self("booking.problem.too_short", ["duration": duration(minutes: minimum)])
        case .tooLong(let maximum): self("booking.problem.too_long", ["duration": duration(minutes: maximum)])
        case .tooManyPeople(let capacity): self("booking.problem.too_many_people", ["capacity": number(capacity)])
        case .inThePast: self("booking.problem.in_the_past")
        case .tooSoon(let hours): self("booking.problem.too_soon", ["hours": number(hours)])
        case .tooFarAhead(let days): self("booking.problem.too_far_ahead", ["days": number(days)])
        case .outsideOpeningHours: self("booking.problem.outside_opening_hours")
        case .closed(let reason): reason.isEmpty ? self("booking.problem.closed") : self("booking.problem.closed_because", ["reason": reason])
        case .overlapsBooking: self("booking.problem.overlaps_booking")
        case .alreadyRequested: self("booking.problem.already_requested")
        }
    }
}
