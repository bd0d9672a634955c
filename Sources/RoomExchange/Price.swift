/// What a booking costs; a fee is in euro cents so no rounding creeps in.
public enum Price: Sendable, Hashable {
    case free
    /// Free for nonprofits; others pay the fee per hour.
    case freeForNonprofits(feePerHourCents: Int)
    case donation
    case fee(perHourCents: Int)

    public enum Model: String, CaseIterable, Sendable {
        case free
        case freeNonprofit = "free_nonprofit"
        case donation
        case fee
    }

    public var model: Model {
        switch self {
        case .free: .free
        case .freeForNonprofits: .freeNonprofit
        case .donation: .donation
        case .fee: .fee
        }
    }

    public var feePerHourCents: Int? {
        switch self {
        case .free, .donation: nil
        case .freeForNonprofits(let cents), .fee(let cents): cents
        }
    }

    public init?(model: Model, feePerHourCents: Int?) {
        switch model {
        case .free: self = .free
        case .donation: self = .donation
        case .freeNonprofit:
            guard let cents = feePerHourCents, cents >= 0 else { return nil }
            self = .freeForNonprofits(feePerHourCents: cents)
        case .fee:
            guard let cents = feePerHourCents, cents > 0 else { return nil }
            self = .fee(perHourCents: cents)
        }
    }

    /// Free of charge for an organisation of this kind?
    public func isFree(for kind: Organisation.Kind?) -> Bool {
        switch self {
        case .free, .donation: true
        case .freeForNonprofits: kind == .nonprofit
        case .fee: false
        }
    }

    /// `2500` → `25,00 €` (German format).
    public static func euros(_ cents: Int) -> String {
        let euros = cents / 100
        let rest = cents % 100
        var digits = String(euros)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + "," + (rest < 10 ? "0" : "") + String(rest) + " €"
    }
}
