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

    /// After this many failures within `window` the key is locked for `lockDuration`.
    let maxFailures: Int
    let window: TimeInterval
    let lockDuration: TimeInterval
    private let records = Locked<[String: Record]>([:])

    init(maxFailures: Int = 5, window: TimeInterval = 15 * 60, lockDuration: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
        self.lockDuration = lockDuration
    }

    /// When the earliest of `keys` is locked, until when.
    func lockedUntil(_ keys: [String], now: Date = Date()) -> Date? {
        records.withLock { records in
            keys.compactMap { records[$0]?.lockedUntil }.filter { $0 > now }.max()
        }
    }

    /// How long to make this attempt wait: nothing for the first failures, then
    /// growing, so guessing gets slow before it gets locked.
    func delay(for keys: [String], now: Date = Date()) -> TimeInterval {
        let failures = records.withLock { records in
            keys.map { records[$0]?.failures.filter { now.timeIntervalSince($0) < window }.count ?? 0 }.max() ?? 0
        }
        return failures < 3 ? 0 : min(2, 0.25 * Double(failures - 2))
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        records.withLock { records in
            for key in keys {
                var record = records[key] ?? Record()
                record.failures = record.failures.filter { now.timeIntervalSince($0) < window } + [now]
                if record.failures.count >= maxFailures {
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
