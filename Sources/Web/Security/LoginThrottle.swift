import Foundation
import HTTPServer

/// Slows down and then locks repeated failed logins, per account and per client
/// address, in memory. Failures for one account never slow down another, and a
/// success clears that account's record.
final class LoginThrottle: Sendable {
    struct Record {
        var failures: [Date] = []
        var lockedUntil: Date?
    }

    /// After this many failures within `window` the key is locked for `lockDuration`;
    /// nil: never locked, only slowed down.
    let maxFailures: Int?
    let window: TimeInterval
    let lockDuration: TimeInterval
    /// Failures within `window` that cost no delay yet.
    let freeFailures: Int
    private let records = Locked<[String: Record]>([:])

    init(maxFailures: Int? = 5, window: TimeInterval = 15 * 60, lockDuration: TimeInterval = 15 * 60, freeFailures: Int = 2) {
        self.maxFailures = maxFailures
        self.window = window
        self.lockDuration = lockDuration
        self.freeFailures = freeFailures
    }

    /// Per account from every address together: many addresses (an IPv6 /64)
    /// guessing one password get slow, but nobody can lock a person out.
    static func accountWide() -> LoginThrottle { LoginThrottle(maxFailures: nil, freeFailures: 10) }

    /// How long attempts for `keys` must still wait after their last failure,
    /// spaced as `delay` grows. Answered at once (429) rather than slept through:
    /// a sleeping attempt held one of the server's few threads, so a handful of
    /// connections could have held them all.
    func wait(for keys: [String], now: Date = Date()) -> TimeInterval {
        keys.map { key in
            guard let last = records.withLock({ $0[key]?.failures.last }) else { return 0 }
            return max(0, delay(for: [key], now: now) - now.timeIntervalSince(last))
        }.max() ?? 0
    }

    /// When the earliest of `keys` is locked, until when.
    func lockedUntil(_ keys: [String], now: Date = Date()) -> Date? {
        records.withLock { records in
            keys.compactMap { records[$0]?.lockedUntil }.filter { $0 > now }.max()
        }
    }

    /// The spacing attempts need after the last failure: nothing for the first
    /// failures, then growing, so guessing gets slow before it gets locked.
    func delay(for keys: [String], now: Date = Date()) -> TimeInterval {
        let failures = records.withLock { records in
            keys.map { records[$0]?.failures.filter { now.timeIntervalSince($0) < window }.count ?? 0 }.max() ?? 0
        }
        return failures <= freeFailures ? 0 : min(2, 0.25 * Double(failures - freeFailures))
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        records.withLock { records in
            for key in keys {
                var record = records[key] ?? Record()
                record.failures = record.failures.filter { now.timeIntervalSince($0) < window } + [now]
                if let maxFailures, record.failures.count >= maxFailures {
                    record.lockedUntil = now.addingTimeInterval(lockDuration)
                    record.failures = []
                }
                records[key] = record
            }
            if records.count > 100_000 { records = records.filter { $0.value.lockedUntil.map { $0 > now } ?? false } }
        }
    }

    func recordSuccess(account key: String) {
        _ = records.withLock { $0.removeValue(forKey: key) }
    }
}
