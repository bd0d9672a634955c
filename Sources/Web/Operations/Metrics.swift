import Foundation
import HTTPServer
import Storage

/// Request counts and latencies, kept in memory and shown at `/metrics` in the
/// Prometheus text format, with gauges read from the server and the database at
/// scrape time.
final class Metrics: Sendable {
    static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Series: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private struct State {
        var requests: [Series: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: Metrics.buckets.count)
        var durationSum = 0.0
        var durationCount = 0
    }

    private let state = Locked(State())

    func record(_ entry: HTTPServer.AccessLogEntry) {
        let seconds = Double(entry.duration.components.seconds) + Double(entry.duration.components.attoseconds) / 1e18
        state.withLock { state in
            state.requests[Series(route: entry.route ?? "unmatched", method: entry.method, status: entry.status), default: 0] += 1
            for (index, bound) in Metrics.buckets.enumerated() where seconds <= bound { state.bucketCounts[index] += 1 }
            state.durationSum += seconds
            state.durationCount += 1
        }
    }

    func render(openConnections: Int, database: AppDatabase) throws -> String {
        let snapshot = state.withLock { $0 }
        var out = "# HELP raumboerse_http_requests_total HTTP requests by route pattern, method and status.\n"
        out += "# TYPE raumboerse_http_requests_total counter\n"
        for (series, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "raumboerse_http_requests_total{route=\"\(Metrics.escape(series.route))\",method=\"\(series.method)\",status=\"\(series.status)\"} \(count)\n"
        }
        out += "# HELP raumboerse_http_request_duration_seconds Time from a parsed request to its written response.\n"
        out += "# TYPE raumboerse_http_request_duration_seconds histogram\n"
        for (index, bound) in Metrics.buckets.enumerated() {
            out += "raumboerse_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(snapshot.bucketCounts[index])\n"
        }
        out += "raumboerse_http_request_duration_seconds_bucket{le=\"+Inf\"} \(snapshot.durationCount)\n"
        out += "raumboerse_http_request_duration_seconds_sum \(snapshot.durationSum)\n"
        out += "raumboerse_http_request_duration_seconds_count \(snapshot.durationCount)\n"
        out += "# HELP raumboerse_open_connections Open HTTP connections.\n# TYPE raumboerse_open_connections gauge\n"
        out += "raumboerse_open_connections \(openConnections)\n"
        let stats = try database.operationalStatistics()
        out += "# HELP raumboerse_database_size_bytes Size of the SQLite database file.\n# TYPE raumboerse_database_size_bytes gauge\n"
        out += "raumboerse_database_size_bytes \(stats.databaseBytes)\n"
        out += "# HELP raumboerse_outbox_pending E-mails waiting to be sent.\n# TYPE raumboerse_outbox_pending gauge\n"
        out += "raumboerse_outbox_pending \(stats.outboxPending)\n"
        out += "# HELP raumboerse_bookings Bookings by status.\n# TYPE raumboerse_bookings gauge\n"
        for (status, count) in stats.bookingsByStatus.sorted(by: { $0.key < $1.key }) {
            out += "raumboerse_bookings{status=\"\(status)\"} \(count)\n"
        }
        return out
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
