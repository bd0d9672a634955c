#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import HTTPServer

/// A blocking HTTP/1.1 client on one TCP connection to 127.0.0.1 that sends
/// exactly the bytes it is given, so tests see what goes over the wire.
final class RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A response as read from the socket.
    struct Response {
        var version: String
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }
        var closes: Bool { header("Connection")?.lowercased() == "close" }
    }

    let fd: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    /// Connects; reads fail with a timeout after `timeout` without data (SO_RCVTIMEO).
    /// `receiveBufferSize` shrinks SO_RCVBUF before connecting, for clients that read slowly.
    init(port: Int, timeout: Duration = .seconds(5), receiveBufferSize: Int32? = nil) throws {
        let (fd, error) = RawHTTPClient.connect(port: port, receiveBufferSize: receiveBufferSize)
        guard fd >= 0 else { throw Failure(description: "connect to port \(port) failed: errno \(error)") }
        self.fd = fd
        setReceiveTimeout(timeout)
    }

    deinit { close() }

    /// Closes our end; a server lingering on this connection sees the end of input.
    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(fd)
    }

    /// A connected descriptor, or -1 and the errno (ECONNREFUSED when nothing listens).
    static func connect(port: Int, receiveBufferSize: Int32? = nil) -> (fd: Int32, errno: Int32) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return (-1, errno) }
        if var size = receiveBufferSize {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let error = errno
            Glibc.close(fd)
            return (-1, error)
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return (fd, 0)
    }

    func setReceiveTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    // MARK: Sending

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            offset += n
        }
    }

    /// Stops sending; the server sees end of input.
    func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    // MARK: Receiving

    /// Reads one response: status line, headers and a Content-Length body. A response
    /// to HEAD, a 1xx, 204 or 304 has no body; without Content-Length the body runs
    /// to the end of the connection.
    func readResponse(head: Bool = false) throws -> Response {
        let end = try readUntil([13, 10, 13, 10])
        let text = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        var lines = text.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw Failure(description: "bad status line \(statusLine.debugDescription)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header line \(line.debugDescription)") }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = Response(version: String(parts[0]), status: status, headers: headers, body: [])
        if head || status < 200 || status == 204 || status == 304 { return response }
        if let length = response.header("Content-Length") {
            guard let count = Int(length), count >= 0 else { throw Failure(description: "bad Content-Length \(length)") }
            while buffer.count < count {
                guard try receive() else { throw Failure(description: "closed inside a body of \(count) bytes") }
            }
            response.body = Array(buffer[..<count])
            buffer.removeFirst(count)
        } else {
            response.body = try readUntilClosed()
        }
        return response
    }

    /// Reads until the server closes; returns what was left unread. Throws on timeout.
    func readUntilClosed() throws -> [UInt8] {
        while try receive() {}
        defer { buffer = [] }
        return buffer
    }

    /// True when the server closes the connection within `timeout` (EOF or reset),
    /// after discarding anything it sent.
    func isClosedByServer(within timeout: Duration) -> Bool {
        setReceiveTimeout(timeout)
        defer { setReceiveTimeout(.seconds(5)) }
        return (try? readUntilClosed()) != nil
    }

    /// True when bytes (or the end of the stream) can be read within `timeout`.
    func canRead(within timeout: Duration) -> Bool {
        if !buffer.isEmpty { return true }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return poll(&descriptor, 1, milliseconds) == 1
    }

    private func readUntil(_ needle: [UInt8]) throws -> Int {
        var searched = 0
        while true {
            if buffer.count >= needle.count {
                var i = max(0, searched - needle.count + 1)
                while i + needle.count <= buffer.count {
                    if buffer[i] == needle[0], Array(buffer[i..<(i + needle.count)]) == needle { return i }
                    i += 1
                }
                searched = buffer.count
            }
            guard try receive() else {
                throw Failure(description: "closed before the end of a response head; got \(String(decoding: buffer, as: UTF8.self).debugDescription)")
            }
        }
    }

    /// One recv: false at the end of the stream or on a reset; throws on timeout.
    private func receive() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 {
            buffer.append(contentsOf: chunk[..<n])
            return true
        }
        if n == 0 || errno == ECONNRESET { return false }
        throw Failure(description: "receive timed out or failed: errno \(errno)")
    }
}

/// Simple request texts.
enum Raw {
    static func get(_ target: String, _ extraHeaders: String = "") -> String {
        "GET \(target) HTTP/1.1\r\nHost: localhost\r\n\(extraHeaders)\r\n"
    }

    static func post(_ target: String, body: String, _ extraHeaders: String = "") -> String {
        "POST \(target) HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n\(extraHeaders)\r\n\(body)"
    }
}

/// Starts a server on port 0 with short test timeouts, runs `body`, then shuts it
/// down and waits for it to stop.
func withServer<R>(
    _ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse = echo,
    _ body: (HTTPServer) throws -> R
) throws -> R {
    let server = try makeServer(configure, handler: handler)
    defer {
        server.shutdown()
        server.waitUntilStopped()
    }
    return try body(server)
}

/// `withServer` with one place to serve in and one thread standing by for a
/// thread that waits inside `ThreadWaits.whileWaiting`.
func withOnePlaceServer<R>(
    handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse,
    _ body: (HTTPServer) throws -> R
) throws -> R {
    try withServer({ configuration in
        configuration.workerThreads = 1
        configuration.spareThreads = 1
    }, handler: handler, body)
}

extension Duration {
    /// The duration in seconds, for comparing with limits in tests.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

func makeServer(
    _ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse = echo
) throws -> HTTPServer {
    var configuration = HTTPServer.Configuration()
    configuration.port = 0
    configuration.workerThreads = 4
    configuration.shutdownGracePeriod = .seconds(3)
    configure(&configuration)
    let server = try HTTPServer(configuration: configuration, handler: ClosureHTTPHandler(handler))
    try server.start()
    return server
}

/// Answers `METHOD target` and, on the next line, the request body.
func echo(_ request: HTTPRequest) throws -> HTTPResponse {
    var response = HTTPResponse.text("\(request.method.rawValue) \(request.target)\n")
    response.body += request.body
    return response
}

extension Locked {
    /// The value now (tests read what server threads wrote).
    var current: Value { withLock { $0 } }
}
