import Foundation
import HTTPServer

/// One structured line per request, logfmt or JSON, without secrets: query values
/// of token-like parameters and password-reset tokens in paths are replaced.
public struct RequestLog: Sendable {
    public enum Format: String, Sendable { case logfmt, json }

    let format: Format
    let write: @Sendable (String) -> Void

    func log(_ entry: HTTPServer.AccessLogEntry) {
        var fields: [(String, String)] = [
            ("time", ISO8601DateFormatter().string(from: Date())), ("event", "request"),
            ("method", entry.method), ("path", RequestLog.redact(entry.target)), ("route", entry.route ?? "-"),
            ("status", String(entry.status)), ("bytes", String(entry.bytes)),
            ("duration_ms", String(format: "%.2f", Double(entry.duration.components.attoseconds) / 1e15 + Double(entry.duration.components.seconds) * 1000)),
            ("client", entry.metadata["client"] ?? entry.remoteAddress),
        ]
        if let id = entry.metadata["request_id"] { fields.append(("request_id", id)) }
        write(RequestLog.line(fields, format: format))
    }

    static func line(_ fields: [(String, String)], format: Format) -> String {
        switch format {
        case .logfmt:
            return fields.map { key, value in
                let needsQuotes = value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
                return key + "=" + (needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value)
            }.joined(separator: " ")
        case .json:
            let object = Dictionary(fields, uniquingKeysWith: { a, _ in a })
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    static let secretParameters: Set<String> = ["token", "password", "csrf_token", "key", "secret", "invitation"]

    /// `/my/bookings.ics?token=abc` → `/my/bookings.ics?token=REDACTED`,
    /// `/password-reset/abc` → `/password-reset/REDACTED`.
    static func redact(_ target: String) -> String {
        var path = target
        var query = ""
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        }
        if path.hasPrefix("/password-reset/") { path = "/password-reset/REDACTED" }
        guard !query.isEmpty else { return path }
        let pairs = query.split(separator: "&").map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return secretParameters.contains(name.lowercased()) ? name + "=REDACTED" : String(pair)
        }
        return path + "?" + pairs.joined(separator: "&")
    }
}
