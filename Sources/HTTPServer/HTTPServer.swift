#if canImport(Glibc)
import Glibc
import CSystemLinux
#endif
import Foundation
import Synchronization

/// A small HTTP/1.1 server on POSIX sockets.
///
/// One event-loop thread accepts connections, reads and parses requests and
/// watches deadlines with epoll; a pool of worker threads runs the handler and
/// writes the response. Idle keep-alive connections cost a descriptor and a few
/// hundred bytes, not a thread. Pipelined requests on one connection are answered
/// in order because a connection is handed to only one thread at a time.
public final class HTTPServer: @unchecked Sendable {
    public let configuration: Configuration
    private let handler: any HTTPHandler
    private let poll: EventPoll
    private let workers: WorkerPool
    private let stopRequested = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)
    private let boundPort = Atomic<Int>(0)
    private let openConnections = Atomic<Int>(0)

    // Owned by the event-loop thread.
    private var listener: Int32 = -1
    private var connections: [Connection?] = []
    private var connectionCount = 0
    private var acceptPausedUntil: UInt64 = 0
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Ticks of the deadline check; the shortest timeouts in tests are ~1 s.
    private static let tickMilliseconds: Int32 = 100
    private static let lingerNanoseconds: UInt64 = 2_000_000_000

    public init(configuration: Configuration, handler: any HTTPHandler) throws {
        self.configuration = configuration
        self.handler = handler
        self.poll = try EventPoll()
        self.workers = WorkerPool(threadCount: configuration.workerThreads, name: "http-worker")
    }

    /// The port the server listens on (useful after binding port 0).
    public var port: Int { boundPort.load(ordering: .acquiring) }

    /// Connections open right now (for metrics).
    public var openConnectionCount: Int { openConnections.load(ordering: .relaxed) }

    /// Binds, listens and starts the event loop on its own thread.
    public func start() throws {
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: 1024)
        listener = fd
        boundPort.store(port, ordering: .releasing)
        poll.add(fd, events: EPOLLIN.rawValue)
        let thread = Thread { [self] in runLoop() }
        thread.name = "http-event-loop"
        thread.start()
    }

    /// Stops accepting, lets requests in flight finish (up to the grace period),
    /// then returns from `waitUntilStopped`. Safe to call from any thread.
    public func shutdown() {
        stopRequested.store(true, ordering: .releasing)
        poll.wake()
    }

    /// Blocks until the server has shut down.
    public func waitUntilStopped() {
        stopped.wait()
    }

    /// Raises the process's soft open-file limit to its hard limit.
    public static func raiseOpenFileLimit() { Socket.raiseOpenFileLimit() }

    // MARK: Event loop

    private func runLoop() {
        let capacity: Int32 = 512
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(capacity))
        defer { events.deallocate() }
        var nextTick: UInt64 = 0
        var drainingUntil: UInt64?

        while true {
            let count = poll.wait(into: events, capacity: capacity, timeoutMilliseconds: HTTPServer.tickMilliseconds)
            for index in 0..<count {
                let event = events[index]
                let fd = event.data.fd
                if fd == listener {
                    acceptConnections()
                } else if fd == poll.wakeFD {
                    poll.drainWake()
                } else if fd >= 0, fd < connections.count, let connection = connections[Int(fd)] {
                    handleEvent(on: connection)
                }
            }

            let now = MonotonicClock.now()
            if now >= nextTick {
                checkDeadlines(now)
                nextTick = now + UInt64(HTTPServer.tickMilliseconds) * 1_000_000
                if acceptPausedUntil != 0, now >= acceptPausedUntil, listener >= 0 {
                    acceptPausedUntil = 0
                    poll.modify(listener, events: EPOLLIN.rawValue)
                }
            }
            if drainingUntil == nil, stopRequested.load(ordering: .acquiring) {
                drainingUntil = now + configuration.shutdownGracePeriod.nanoseconds
                Socket.close(listener)
                listener = -1
            }
            if let deadline = drainingUntil {
                for case let connection? in connections where connection.isIdle { close(connection) }
                if connectionCount == 0 || now >= deadline { break }
            }
        }
        for case let connection? in connections where connection.phase != .handling { close(connection) }
        workers.stop()
        stopped.signal()
    }

    private func acceptConnections() {
        while listener >= 0 {
            let accepted: (fd: Int32, address: String)?
            do {
                accepted = try Socket.accept(listener)
            } catch {
                // Out of descriptors: make room by closing an idle connection, or stop
                // accepting for a moment instead of spinning on a listener that stays ready.
                if !shedIdleConnection() {
                    acceptPausedUntil = MonotonicClock.now() + 100_000_000
                    poll.modify(listener, events: 0)
                }
                return
            }
            guard let (fd, address) = accepted else { return }
            if connectionCount >= configuration.maxConnections, !shedIdleConnection() {
                Socket.close(fd)
                continue
            }
            if Int(fd) >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: Int(fd) + 1024 - connections.count))
            }
            let connection = Connection(fd: fd, remoteAddress: address, parser: makeParser())
            connection.setDeadline(MonotonicClock.now() + configuration.keepAliveTimeout.nanoseconds, .idle)
            connections[Int(fd)] = connection
            connectionCount += 1
            openConnections.store(connectionCount, ordering: .relaxed)
            poll.register(connection: fd)
        }
    }

    /// Closes one idle keep-alive connection (nginx's "reusing connections").
    private func shedIdleConnection() -> Bool {
        for case let connection? in connections where connection.isIdle {
            close(connection)
            return true
        }
        return false
    }

    private func makeParser() -> HTTPRequestParser {
        let defaultLimit = configuration.maxBodySize
        let bodyLimit = configuration.bodyLimit
        return HTTPRequestParser(limits: configuration.parserLimits) { head in
            bodyLimit?(head) ?? defaultLimit
        }
    }

    private func handleEvent(on connection: Connection) {
        switch connection.phase {
        case .reading:
            let result = readBuffer.withUnsafeMutableBytes { scratch -> Socket.ReadResult in
                let result = Socket.read(connection.fd, into: scratch)
                if case .bytes(let count) = result {
                    connection.buffer.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
                }
                return result
            }
            switch result {
            case .closed:
                close(connection)
            case .wouldBlock:
                poll.arm(connection.fd, for: .read)
            case .bytes:
                connection.lastReadAt = MonotonicClock.now()
                continueAfterInput(connection)
            }
        case .writing:
            writePending(connection)
        case .lingering:
            let result = readBuffer.withUnsafeMutableBytes { Socket.read(connection.fd, into: $0) }
            if case .bytes = result { poll.arm(connection.fd, for: .read) } else if case .wouldBlock = result {
                poll.arm(connection.fd, for: .read)
            } else {
                close(connection)
            }
        case .handling:
            break
        }
    }

    private func continueAfterInput(_ connection: Connection) {
        switch parseBuffered(connection) {
        case .request(let request):
            connection.phase = .handling
            workers.submit { [self] in serve(request, on: connection) }
        case .needMoreInput:
            connection.phase = .reading
            poll.arm(connection.fd, for: .read)
        case .closing:
            break
        }
    }

    private func writePending(_ connection: Connection) {
        let result = connection.pendingOutput.withUnsafeBytes {
            Socket.write(connection.fd, UnsafeRawBufferPointer(rebasing: $0[connection.pendingOffset...]))
        }
        switch result {
        case .written(let count):
            connection.pendingOffset += count
            if connection.pendingOffset < connection.pendingOutput.count {
                connection.setDeadline(MonotonicClock.now() + configuration.writeTimeout.nanoseconds, .write)
                poll.arm(connection.fd, for: .write)
                return
            }
            connection.pendingOutput = []
            connection.pendingOffset = 0
            if connection.closeAfterWrite {
                beginLingeringClose(connection)
            } else {
                continueAfterInput(connection)
            }
        case .wouldBlock:
            poll.arm(connection.fd, for: .write)
        case .failed:
            close(connection)
        }
    }

    private func checkDeadlines(_ now: UInt64) {
        for case let connection? in connections {
            let phase = connection.phase
            guard phase != .handling else { continue }
            let (at, kind) = connection.deadline
            guard at != 0, now >= at else { continue }
            if phase == .reading, kind.answersWith408 {
                sendError(HTTPParseError(.requestTimeout, "request not received in time"), on: connection)
            } else {
                close(connection)
            }
        }
    }

    private func close(_ connection: Connection) {
        guard connection.fd < connections.count, connections[Int(connection.fd)] === connection else { return }
        connections[Int(connection.fd)] = nil
        connectionCount -= 1
        openConnections.store(connectionCount, ordering: .relaxed)
        Socket.close(connection.fd)
    }

    // MARK: Shared by the loop and the workers (by whichever owns the connection)

    private enum ParseOutcome {
        case request(HTTPRequest)
        case needMoreInput
        case closing
    }

    private func parseBuffered(_ connection: Connection) -> ParseOutcome {
        do {
            while let event = try connection.parser.next(&connection.buffer) {
                switch event {
                case .head(let head):
                    connection.bodyStartedAt = MonotonicClock.now()
                    if head.expectsContinue, connection.buffer.isEmpty {
                        _ = HTTPResponseEncoder.continueResponse.withUnsafeBytes { Socket.write(connection.fd, $0) }
                    }
                case .request(let head, let body):
                    connection.requestStartedAt = 0
                    var request = HTTPRequest(
                        method: head.method, target: head.target, version: head.version,
                        headers: head.headers, body: body, remoteAddress: connection.remoteAddress
                    )
                    request.parameters = HTTPPathParameters()
                    return .request(request)
                }
            }
        } catch {
            sendError(error, on: connection)
            return .closing
        }
        setReadDeadline(connection)
        return .needMoreInput
    }

    private func setReadDeadline(_ connection: Connection) {
        let now = MonotonicClock.now()
        if connection.parser.isReadingBody {
            let idle = max(connection.lastReadAt, connection.bodyStartedAt) + configuration.bodyIdleTimeout.nanoseconds
            let total = connection.bodyStartedAt + configuration.bodyTimeout.nanoseconds
            connection.setDeadline(min(idle, total), .body)
        } else if !connection.buffer.isEmpty {
            if connection.requestStartedAt == 0 { connection.requestStartedAt = now }
            connection.setDeadline(connection.requestStartedAt + configuration.headerTimeout.nanoseconds, .header)
        } else {
            connection.requestStartedAt = 0
            connection.setDeadline(now + configuration.keepAliveTimeout.nanoseconds, .idle)
        }
    }

    /// Answers a request that could not be parsed, then closes: after a framing
    /// error the rest of the byte stream cannot be trusted.
    private func sendError(_ error: HTTPParseError, on connection: Connection) {
        var response = HTTPResponse.text("\(error.status.reason): \(error.reason)\n", status: error.status)
        response.headers["X-Content-Type-Options"] = "nosniff"
        let bytes = HTTPResponseEncoder.encode(response, version: .http1_1, includeBody: true, close: true)
        _ = bytes.withUnsafeBytes { Socket.write(connection.fd, $0) }
        configuration.accessLog?(HTTPServer.AccessLogEntry(
            method: "-", target: "-", route: nil, status: error.status.code, bytes: response.body.count,
            duration: .zero, remoteAddress: connection.remoteAddress, metadata: [:]
        ))
        beginLingeringClose(connection)
    }

    /// Half-closes and reads until the peer closes: closing with unread input would
    /// send a RST that can destroy the error response before the client reads it.
    private func beginLingeringClose(_ connection: Connection) {
        Glibc.shutdown(connection.fd, Int32(SHUT_WR))
        connection.setDeadline(MonotonicClock.now() + HTTPServer.lingerNanoseconds, .linger)
        connection.phase = .lingering
        poll.arm(connection.fd, for: .read)
    }

    // MARK: Worker side

    private func serve(_ first: HTTPRequest, on connection: Connection) {
        var request = first
        while true {
            let started = MonotonicClock.now()
            let response = respond(to: request)
            connection.requestsServed += 1
            let close = !request.wantsKeepAlive
                || connection.requestsServed >= configuration.maxRequestsPerConnection
                || stopRequested.load(ordering: .relaxed)
            let bytes = HTTPResponseEncoder.encode(response, version: request.version, includeBody: request.method != .HEAD, close: close)
            let written = bytes.withUnsafeBytes { Socket.write(connection.fd, $0) }
            configuration.accessLog?(HTTPServer.AccessLogEntry(
                method: request.method.rawValue, target: request.target, route: response.routePattern, status: response.status.code,
                bytes: response.body.count, duration: .nanoseconds(Int64(MonotonicClock.now() - started)),
                remoteAddress: request.remoteAddress, metadata: response.logMetadata
            ))
            switch written {
            case .failed:
                Glibc.shutdown(connection.fd, Int32(SHUT_RDWR))
                beginLingeringClose(connection)
                return
            case .wouldBlock, .written:
                let count = if case .written(let n) = written { n } else { 0 }
                if count < bytes.count {
                    connection.pendingOutput = bytes
                    connection.pendingOffset = count
                    connection.closeAfterWrite = close
                    connection.setDeadline(MonotonicClock.now() + configuration.writeTimeout.nanoseconds, .write)
                    connection.phase = .writing
                    poll.arm(connection.fd, for: .write)
                    return
                }
            }
            if close {
                beginLingeringClose(connection)
                return
            }
            switch parseBuffered(connection) {
            case .request(let next):
                request = next
            case .needMoreInput:
                connection.phase = .reading
                poll.arm(connection.fd, for: .read)
                return
            case .closing:
                return
            }
        }
    }

    private func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            return try handler.handle(request)
        } catch let error as HTTPError {
            var response = HTTPResponse.text((error.message ?? error.status.reason) + "\n", status: error.status)
            for (name, value) in error.headers { response.headers[name] = value }
            response.routePattern = error.routePattern
            return response
        } catch {
            configuration.errorLog?("\(request.method.rawValue) \(request.target): \(error)")
            return HTTPResponse.text("Internal Server Error\n", status: .internalServerError)
        }
    }
}
