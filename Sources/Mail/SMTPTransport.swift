#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// `smtp://[user:pass@]host:port`: plain SMTP (RFC 5321) to the site's relay,
/// e.g. a local Postfix: EHLO (HELO for old servers), optional AUTH PLAIN
/// (RFC 4954), MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. One connection
/// per message. There is no STARTTLS: the relay is expected on the same host or
/// a trusted network, and credentials in the URL travel in the clear.
public struct SMTPTransport: MailTransport {
    public let host: String
    public let port: Int
    public let username: String?
    public let password: String?
    /// Seconds for connecting and for each reply; the reply to the end of DATA may take four times as long.
    public let timeout: Double
    public let heloName: String

    public init(host: String, port: Int, username: String? = nil, password: String? = nil, timeout: Double = 30, heloName: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.timeout = timeout
        self.heloName = heloName ?? SMTPTransport.hostName()
    }

    public func deliver(_ message: MailMessage) throws(MailDeliveryError) {
        let connection = try SMTPConnection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        try connection.expect(220, after: "connect", try connection.readReply())
        var hello = try connection.command("EHLO " + heloName)
        if hello.code >= 500 { hello = try connection.command("HELO " + heloName) }
        try connection.expect(250, after: "EHLO", hello)
        if let username {
            let credentials = Base64.encode([0] + Array(username.utf8) + [0] + Array((password ?? "").utf8))
            try connection.expect(235, after: "AUTH PLAIN", try connection.command("AUTH PLAIN " + credentials))
        }
        try connection.expect(250, after: "MAIL FROM", try connection.command("MAIL FROM:<\(message.from.address)>"))
        let recipient = try connection.command("RCPT TO:<\(message.to.address)>")
        try connection.expect(recipient.code == 251 ? 251 : 250, after: "RCPT TO", recipient)
        try connection.expect(354, after: "DATA", try connection.command("DATA"))
        try connection.send(SMTPTransport.dataBlock(message.rendered()))
        // From here the server may take responsibility: its 250 is the moment of delivery.
        let accepted = try connection.readReply(timeout: timeout * 4)
        try connection.expect(250, after: "end of DATA", accepted)
        // The message is delivered; a failing QUIT must not make anyone send it again.
        _ = try? connection.command("QUIT")
    }

    /// The DATA block: CRLF line ends, a dot doubled at the start of every line
    /// (RFC 5321 §4.5.2), then the terminating `.` line.
    public static func dataBlock(_ message: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.utf8.count + 64)
        let lines = QuotedPrintable.normalizedLines(message)
        let count = lines.last?.isEmpty == true ? lines.count - 1 : lines.count
        for line in lines.prefix(count) {
            if line.hasPrefix(".") { output.append(UInt8(ascii: ".")) }
            output.append(contentsOf: line.utf8)
            output.append(contentsOf: [13, 10])
        }
        output.append(contentsOf: Array(".\r\n".utf8))
        return output
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}

/// An SMTP reply: the code and its text lines.
struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]

    var text: String { "\(code) " + lines.joined(separator: " / ") }
}

/// One blocking TCP connection with timeouts, speaking SMTP's line protocol.
final class SMTPConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let timeout: Double

    init(host: String, port: Int, timeout: Double) throws(MailDeliveryError) {
        self.timeout = timeout
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &info)
        guard rc == 0, info != nil else { throw .temporary("cannot resolve \(host): \(String(cString: gai_strerror(rc)))") }
        defer { freeaddrinfo(info) }
        var lastError = "no address for \(host)"
        var cursor = info
        while let address = cursor {
            cursor = address.pointee.ai_next
            let candidate = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard candidate >= 0 else { lastError = "socket: \(String(cString: strerror(errno)))"; continue }
            if let problem = SMTPConnection.connect(candidate, address.pointee.ai_addr, address.pointee.ai_addrlen, timeout: timeout) {
                lastError = "connect to \(host):\(port): \(problem)"
                Glibc.close(candidate)
                continue
            }
            var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
            setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(candidate, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            fd = candidate
            return
        }
        throw .temporary(lastError)
    }

    /// Connects without blocking longer than `timeout`; nil on success, else why not.
    private static func connect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t, timeout: Double) -> String? {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if Glibc.connect(fd, address, length) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        if ready == 0 { return "timed out after \(Int(timeout)) s" }
        if ready < 0 { return String(cString: strerror(errno)) }
        var error: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
        return error == 0 ? nil : String(cString: strerror(error))
    }

    func close() {
        Glibc.close(fd)
    }

    func command(_ line: String) throws(MailDeliveryError) -> SMTPReply {
        try send(Array((line + "\r\n").utf8))
        return try readReply()
    }

    func send(_ bytes: [UInt8]) throws(MailDeliveryError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 {
                if n < 0, errno == EINTR { continue }
                throw .temporary("send failed: " + (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? "timed out" : String(cString: strerror(errno))))
            }
            offset += n
        }
    }

    /// Reads `ddd-text` lines up to the last `ddd text` line.
    func readReply(timeout replyTimeout: Double? = nil) throws(MailDeliveryError) -> SMTPReply {
        if let replyTimeout {
            var limit = timeval(tv_sec: Int(replyTimeout), tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        }
        var lines: [String] = []
        while true {
            let line = try readLine()
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(code) else {
                throw .temporary("malformed reply: \(line.prefix(200))")
            }
            lines.append(String(line.dropFirst(4)))
            if bytes.count == 3 || bytes[3] != UInt8(ascii: "-") { return SMTPReply(code: code, lines: lines) }
            if lines.count > 100 { throw .temporary("reply has too many lines") }
        }
    }

    private func readLine() throws(MailDeliveryError) -> String {
        while true {
            if let end = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<end])
                buffer.removeFirst(end + 1)
                if line.last == 13 { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            if buffer.count > 4096 { throw .temporary("reply line longer than 4096 bytes") }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[..<n]); continue }
            if n < 0, errno == EINTR { continue }
            if n == 0 { throw .temporary("connection closed by the server") }
            throw .temporary(errno == EAGAIN || errno == EWOULDBLOCK ? "no reply within \(Int(timeout)) s" : "receive failed: \(String(cString: strerror(errno)))")
        }
    }

    /// 2xx/3xx as wanted passes; 4xx is temporary, 5xx permanent, anything else unexpected.
    func expect(_ code: Int, after step: String, _ reply: SMTPReply) throws(MailDeliveryError) {
        if reply.code == code { return }
        let text = "\(step): \(reply.text)".prefix(500).description
        if (400...499).contains(reply.code) { throw .temporary(text) }
        throw .permanent(text)
    }
}
