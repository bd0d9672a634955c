import Foundation

/// One e-mail as RFC 5322 and MIME want it: `Date`, `Message-ID`, `From`, `To`,
/// `Subject` (encoded-words when not plain ASCII), `MIME-Version`, and a
/// `multipart/alternative` body with a plain-text and an HTML part, both UTF-8 in
/// quoted-printable, so the message is 7-bit clean for any relay.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var date: Date
    /// Without angle brackets: `local@domain`.
    public var messageID: String
    public var textBody: String
    public var htmlBody: String
    /// Where answers go when not to `from`.
    public var replyTo: MailAddress?
    /// Further headers such as `List-Unsubscribe`, written as given (ASCII only).
    public var extraHeaders: [(name: String, value: String)]

    public init(from: MailAddress, to: MailAddress, replyTo: MailAddress? = nil, subject: String, date: Date, messageID: String,
                textBody: String, htmlBody: String, extraHeaders: [(name: String, value: String)] = []) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
    }

    /// The boundary comes from the Message-ID, so the same message renders to the
    /// same bytes every time. `=_` cannot occur in quoted-printable text.
    var boundary: String {
        "=_rb_" + String(messageID.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.map(Character.init).prefix(40))
    }

    /// The whole message, lines ending in CRLF.
    public func rendered() -> String {
        var lines: [String] = []
        func header(_ name: String, _ value: String) { lines.append(name + ": " + value) }
        header("Date", RFC5322Date.format(date))
        header("From", from.header(used: 6))
        header("To", to.header(used: 4))
        if let replyTo { header("Reply-To", replyTo.header(used: 10)) }
        header("Subject", EncodedWord.encode(subject, used: 9))
        header("Message-ID", "<" + messageID + ">")
        header("MIME-Version", "1.0")
        for (name, value) in extraHeaders {
            header(name, String(value.unicodeScalars.filter { $0.value >= 32 && $0.value < 127 }.map(Character.init)))
        }
        header("Content-Type", "multipart/alternative;\r\n boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        for (type, body) in [("text/plain", textBody), ("text/html", htmlBody)] {
            lines.append("--" + boundary)
            header("Content-Type", type + "; charset=UTF-8")
            header("Content-Transfer-Encoding", "quoted-printable")
            lines.append("")
            lines.append(QuotedPrintable.encode(body))
        }
        lines.append("--" + boundary + "--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// The date format of RFC 5322 §3.3 in UTC: `Tue, 14 Jan 2027 17:03:00 +0000`.
public enum RFC5322Date {
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return "\(days[c.weekday! - 1]), \(two(c.day)) \(months[c.month! - 1]) \(c.year!) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}
