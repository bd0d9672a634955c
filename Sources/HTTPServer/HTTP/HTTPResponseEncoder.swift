#if canImport(Glibc)
import Glibc
#endif

/// A response as it goes on the wire: the serialised head, and the body as the
/// handler made it. Both leave in one `sendmsg`, so the body is not copied in
/// behind the head (a page's 10 KB and an allocation per response).
struct EncodedResponse {
    let head: [UInt8]
    let body: [UInt8]

    var count: Int { head.count + body.count }

    /// The bytes from `offset` on, in one buffer: for the rare write the socket
    /// did not take whole.
    func bytes(from offset: Int) -> [UInt8] {
        offset < head.count ? Array(head[offset...]) + body : Array(body[(offset - head.count)...])
    }
}

/// Serialises a response head; the body goes behind it unchanged.
enum HTTPResponseEncoder {
    static func encode(_ response: HTTPResponse, version: HTTPVersion, includeBody: Bool, close: Bool) -> EncodedResponse {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        // RFC 9110 §2.5: answer with the highest version we speak, whatever the client's.
        out.append(contentsOf: http11)
        out.append(contentsOf: String(response.status.code).utf8)
        out.append(0x20)
        out.append(contentsOf: response.status.reason.utf8)
        out.append(contentsOf: crlf)
        for (name, value) in response.headers.fields {
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: colonSpace)
            out.append(contentsOf: value.utf8)
            out.append(contentsOf: crlf)
        }
        out.append(contentsOf: HTTPDate.current())
        // 1xx, 204 and 304 carry no Content-Length of their own body (RFC 9110 §8.6).
        let code = response.status.code
        if code >= 200, code != 204, code != 304 {
            out.append(contentsOf: contentLength)
            out.append(contentsOf: String(response.body.count).utf8)
            out.append(contentsOf: crlf)
        }
        if close {
            out.append(contentsOf: connectionClose)
        } else if version == .http1_0 {
            out.append(contentsOf: connectionKeepAlive)
        }
        out.append(contentsOf: crlf)
        return EncodedResponse(head: out, body: includeBody && code != 204 && code != 304 ? response.body : [])
    }

    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    private static let http11: [UInt8] = Array("HTTP/1.1 ".utf8)
    private static let crlf: [UInt8] = [0x0D, 0x0A]
    private static let colonSpace: [UInt8] = [0x3A, 0x20]
    private static let contentLength: [UInt8] = Array("Content-Length: ".utf8)
    private static let connectionClose: [UInt8] = Array("Connection: close\r\n".utf8)
    private static let connectionKeepAlive: [UInt8] = Array("Connection: keep-alive\r\n".utf8)
}

/// The `Date` header line, formatted once per second (RFC 9110 §5.6.7 IMF-fixdate).
enum HTTPDate {
    private static let cache = Locked<(second: Int, line: [UInt8])>((-1, []))

    static func current() -> [UInt8] {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let second = now.tv_sec
        return cache.withLock { cached in
            if cached.second != second {
                cached = (second, Array("Date: \(format(epochSeconds: second))\r\n".utf8))
            }
            return cached.line
        }
    }

    /// IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func format(epochSeconds: Int) -> String {
        var seconds = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// Parses an IMF-fixdate back to epoch seconds (for `If-Modified-Since`).
    public static func parse(_ text: String) -> Int? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(asciiDigits: parts[1]),
              let month = months.firstIndex(of: String(parts[2])), let year = Int(asciiDigits: parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int(asciiDigits: $0) }
        guard clock.count == 3 else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(clock[0])
        fields.tm_min = Int32(clock[1])
        fields.tm_sec = Int32(clock[2])
        return Int(timegm(&fields))
    }
}
