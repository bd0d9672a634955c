import Foundation
import RoomExchange

/// An iCalendar document (RFC 5545): CRLF line ends, lines folded at 75 octets
/// without splitting a UTF-8 character, text escaped, times in UTC.
struct ICalendar {
    struct Event {
        let uid: String
        let stamp: Int64
        let start: Int64
        let end: Int64
        let summary: String
        let status: String
        let sequence: Int
        var location: String?
        var description: String?
        var url: String?
    }

    let name: String
    let events: [Event]

    func render() -> [UInt8] {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hansestadt Luebeck//Raumboerse//DE", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + ICalendar.escape(name), "X-WR-TIMEZONE:Europe/Berlin"]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + ICalendar.utc(event.stamp), "DTSTART:" + ICalendar.utc(event.start),
                      "DTEND:" + ICalendar.utc(event.end), "SUMMARY:" + ICalendar.escape(event.summary), "STATUS:" + event.status,
                      "SEQUENCE:" + String(event.sequence)]
            if let location = event.location { lines.append("LOCATION:" + ICalendar.escape(location)) }
            if let description = event.description { lines.append("DESCRIPTION:" + ICalendar.escape(description)) }
            if let url = event.url { lines.append("URL:" + url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        var out: [UInt8] = []
        for line in lines { out += ICalendar.fold(line) }
        return out
    }

    /// `20270114T170000Z`
    static func utc(_ instant: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(instant)))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year!)\(two(c.month!))\(two(c.day!))T\(two(c.hour!))\(two(c.minute!))\(two(c.second!))Z"
    }

    /// TEXT escaping (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out
    }

    /// A content line folded into ≤ 75-octet pieces, continuation lines starting with a space.
    static func fold(_ line: String) -> [UInt8] {
        var out: [UInt8] = []
        var count = 0
        for scalar in line.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if count + bytes.count > 75 {
                out += [0x0D, 0x0A, 0x20]
                count = 1
            }
            out += bytes
            count += bytes.count
        }
        return out + [0x0D, 0x0A]
    }
}
