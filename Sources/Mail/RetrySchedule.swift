/// How long to wait before the next attempt after a temporary failure: doubling
/// from `base` up to `cap` (30 s, 1 min, 2 min, … 1 h by default), and giving up
/// once a message is older than `giveUpAfter`.
public struct RetrySchedule: Sendable, Equatable {
    public var base: Double
    public var cap: Double
    public var giveUpAfter: Double

    public init(base: Double = 30, cap: Double = 3600, giveUpAfter: Double = 2 * 24 * 3600) {
        self.base = base
        self.cap = cap
        self.giveUpAfter = giveUpAfter
    }

    /// Seconds to wait after attempt number `attempt` (1 for the first) failed.
    public func delay(afterAttempt attempt: Int) -> Double {
        let exponent = min(max(attempt - 1, 0), 40)
        return min(cap, base * Double(1 << min(exponent, 40)))
    }

    /// True when a message first queued `age` seconds ago should not be tried again.
    public func shouldGiveUp(age: Double) -> Bool { age >= giveUpAfter }
}
