import Localization
import RoomExchange

/// Texts of the room, search and booking pages that need more than one key:
/// amounts, prices, limits and statuses, in the catalogue's language.
extension Catalog {
    /// `25,00 €` / `€25.00`: always with cents, as rooms and bookings have always
    /// shown their prices.
    func money(cents: Int) -> String {
        let rest = cents.magnitude % 100
        let amount = number(cents / 100) + self("format.decimal_separator") + (rest < 10 ? "0" : "") + String(rest)
        return self("format.euros", ["amount": amount])
    }

    /// `Kostenlos`, `25,50 € pro Stunde` / `Free`, `€25.50 per hour`.
    func priceLabel(_ price: Price) -> String {
        switch price {
        case .free, .donation: label(price.model)
        // Everyone else sees what they would pay.
        case .freeForNonprofits(let cents): self("price.label.free_nonprofit", ["amount": money(cents: cents)])
        case .fee(let cents): self("price.per_hour", ["amount": money(cents: cents)])
        }
    }

    /// A sentence explaining the price, when it needs one.
    func priceNote(_ price: Price) -> String? {
        switch price {
        case .free: self("price.note.free")
        case .freeForNonprofits(let cents): self("price.note.free_nonprofit", ["amount": money(cents: cents)])
        case .donation: self("price.note.donation")
        case .fee: nil
        }
    }

    /// What a booking costs: `51,00 €`, `Kostenlos` or `Gegen Spende`.
    func bookingPriceLabel(cents: Int?, model: String) -> String {
        if let cents { return money(cents: cents) }
        return label(model == Price.Model.donation.rawValue ? Price.Model.donation : Price.Model.free)
    }

    /// A room's status for its organisation: a waiting room waits for the city.
    func roomStatusLabel(_ status: Room.Status) -> String {
        status == .pending ? self("room.status_long.pending") : label(status)
    }

    /// `Buchbar für 1 Stunde bis 8 Stunden, mindestens 2 Stunden im Voraus`.
    func bookingLimits(_ room: Room) -> String {
        func duration(_ minutes: Int) -> String {
            minutes % 60 == 0 ? plural("format.hours", minutes / 60) : plural("format.minutes", minutes)
        }
        let limits = ["min": duration(room.minMinutes), "max": duration(room.maxMinutes)]
        guard room.leadHours > 0 else { return self("room.limits", limits) }
        return self("room.limits_with_lead", limits.merging(["lead": plural("format.hours", room.leadHours)]) { a, _ in a })
    }

    /// `14.01.2027` for a stored `2027-01-14`; anything else as it is.
    func date(stored text: String) -> String { LocalDate(text).map { date($0) } ?? text }
}
