#if canImport(Glibc)
import Glibc
import CSystemLinux
#endif
import Foundation
import Synchronization
import ThreadWaits

/// A small HTTP/1.1 server on POSIX sockets.
///
/// Leader/followers: a few threads share one epoll instance. Whichever thread
/// receives a connection's event does all the work for it — read, parse, run the
/// handler, write — so no request is handed from one thread to another (the
/// hand-over cost a quarter of the CPU in the profile of the earlier design).
/// Connections are registered one-shot, so exactly one thread holds a connection
/// between an event and re-arming it; a slow handler occupies its thread only,
/// and idle keep-alive connections cost a descriptor and a few hundred bytes,
/// not a thread. Pipelined requests on one connection are answered in order.
/// Under load a thread answers the requests ready at once in one burst
/// (`ResponseHold`).
public final class HTTPServer: @unchecked Sendable {
    public let configuration: Configuration
    private let handler: any HTTPHandler
    private let poll: EventPoll
    private let stopRequested = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)
    private let boundPort = Atomic<Int>(0)
    private let openConnections = Atomic<Int>(0)
    private let runningThreads = Atomic<Int>(0)
    /// When the next deadline check is due (monotonic ns); one thread claims each.
    private let nextTick = Atomic<UInt64>(0)
    /// Nonzero while accepting is paused after running out of descriptors.
    private let acceptPausedUntil = Atomic<UInt64>(0)
    /// Nonzero once shutting down: when the grace period ends.
    private let drainingUntil = Atomic<UInt64>(0)
    private let table = Locked(ConnectionTable())
    /// At most `workerThreads` threads serve at once; a thread that waits lends its place.
    private let places: Places

    /// Ticks of the deadline check; the shortest timeouts in tests are ~1 s.
    private static let tickMilliseconds: Int32 = 100
    private static let lingerNanoseconds: UInt64 = 2_000_000_000

    public init(configuration: Configuration, handler: any HTTPHandler) throws {
        self.configuration = configuration
        self.handler = handler
        self.poll = try EventPoll()
        places = Places(count: max(1, configuration.workerThreads))
    }

    /// The port the server listens on (useful after binding port 0).
    public var port: Int { boundPort.load(ordering: .acquiring) }

    /// Connections open right now (for metrics).
    public var openConnectionCount: Int { openConnections.load(ordering: .relaxed) }

    /// Binds, listens and starts the server's threads.
    public func start() throws {
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: 1024)
        table.withLock { $0.listener = fd }
        boundPort.store(port, ordering: .releasing)
        poll.add(fd, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue)
        let count = max(1, configuration.workerThreads) + max(0, configuration.spareThreads)
        runningThreads.store(count, ordering: .releasing)
        for index in 0..<count {
            let thread = Thread { [self] in run() }
            thread.name = "http-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
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

    /// CPUs this process may run on: its affinity mask, so a server started
    /// under `taskset -c 0` counts one.
    public static var availableProcessors: Int {
        let count = Int(csl_available_cpus())
        return count > 0 ? count : ProcessInfo.processInfo.activeProcessorCount
    }

    // MARK: The threads

    /// Every thread runs this: wait for one event, do its work, now and then
    /// check deadlines; during shutdown, leave once no connection is left.
    private func run() {
        // One event per wait: a thread busy in a handler must not sit on events
        // that another, idle thread could serve.
        let event = UnsafeMutablePointer<epoll_event>.allocate(capacity: 1)
        defer { event.deallocate() }
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        let hold = ResponseHold(limit: max(0, configuration.heldResponses))
        ThreadWaits.install(PlaceLender(places: places) { [unowned self] in sendHeld(hold) })

        places.take()
        defer { places.give() }
        while true {
            if let (connection, request) = hold.nextPipelined() {
                connection.lock.withLock { serve(request, on: connection, hold: hold) }
                continue
            }
            if hold.isHolding {
                if hold.mayServeMore(now: MonotonicClock.now()),
                   poll.wait(into: event, capacity: 1, timeoutMilliseconds: 0) == 1 {
                    dispatch(event.pointee.data.fd, scratch: &scratch, hold: hold)
                } else {
                    sendHeld(hold)
                }
                continue
            }
            places.stepBackIfOver()
            let now = MonotonicClock.now()
            let due = nextTick.load(ordering: .relaxed)
            if now >= due, nextTick.compareExchange(expected: due, desired: now + UInt64(HTTPServer.tickMilliseconds) * 1_000_000,
                                                    ordering: .relaxed).exchanged {
                tick(now)
            }
            let deadline = drainingUntil.load(ordering: .acquiring)
            if deadline != 0, openConnections.load(ordering: .relaxed) == 0 || now >= deadline { break }
            if poll.wait(into: event, capacity: 1, timeoutMilliseconds: HTTPServer.tickMilliseconds) == 1 {
                dispatch(event.pointee.data.fd, scratch: &scratch, hold: hold)
            }
        }
        // The thread that takes this one's place leaves at once too, not after a tick.
        poll.wake()
        if runningThreads.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
            // The last thread out closes what is left and reports the stop.
            for connection in table.withLock({ $0.all }) where connection.phase != .handling { close(connection) }
            stopped.signal()
        }
    }

    /// Works on one event: the wake-up, the listener or a connection.
    private func dispatch(_ fd: Int32, scratch: inout [UInt8], hold: ResponseHold) {
        if fd == poll.wakeFD {
            poll.drainWake()
            return
        }
        // One look at the table per event: the listener or a connection.
        let (isListener, connection) = table.withLock { ($0.listener == fd, $0.connection(fd)) }
        if isListener {
            acceptConnections()
        } else if let connection {
            connection.lock.withLock { handleEvent(on: connection, scratch: &scratch, hold: hold) }
        }
    }

    /// Deadlines, the accept pause and shutdown, done by one thread per tick.
    private func tick(_ now: UInt64) {
        checkDeadlines(now)
        let paused = acceptPausedUntil.load(ordering: .relaxed)
        if paused != 0, now >= paused {
            acceptPausedUntil.store(0, ordering: .relaxed)
            armListener()
        }
        if stopRequested.load(ordering: .acquiring) {
            if drainingUntil.load(ordering: .relaxed) == 0 {
                drainingUntil.store(now + configuration.shutdownGracePeriod.nanoseconds, ordering: .releasing)
                let listener = table.withLock { table in
                    defer { table.listener = -1 }
                    return table.listener
                }
                if listener >= 0 { Socket.close(listener) }
            }
            for connection in table.withLock({ $0.all }) {
                connection.lock.withLockIfAvailable { if connection.isIdle { close(connection) } }
            }
        }
    }

    private func armListener() {
        table.withLock { table in
            if table.listener >= 0 { poll.modify(table.listener, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue) }
        }
    }

    private func acceptConnections() {
        while true {
            let listener = table.withLock { $0.listener }
            guard listener >= 0 else { return }
            let accepted: (fd: Int32, address: String)?
            do {
                accepted = try Socket.accept(listener)
            } catch {
                // Out of descriptors: make room by closing an idle connection, or stop
                // accepting for a moment instead of spinning on a listener that stays ready.
                if shedIdleConnection() {
                    armListener()
                } else {
                    acceptPausedUntil.store(MonotonicClock.now() + 100_000_000, ordering: .relaxed)
                }
                return
            }
            guard let (fd, address) = accepted else { break }
            if openConnections.load(ordering: .relaxed) >= configuration.maxConnections, !shedIdleConnection() {
                Socket.close(fd)
                continue
            }
            let connection = Connection(fd: fd, remoteAddress: address, parser: makeParser())
            connection.setDeadline(MonotonicClock.now() + configuration.keepAliveTimeout.nanoseconds, .idle)
            let count = table.withLock { $0.insert(connection) }
            openConnections.store(count, ordering: .relaxed)
            poll.register(connection: fd)
        }
        armListener()
    }

    /// Closes one idle keep-alive connection (nginx's "reusing connections").
    private func shedIdleConnection() -> Bool {
        for connection in table.withLock({ $0.all }) {
            let shed = connection.lock.withLockIfAvailable { () -> Bool in
                guard connection.isIdle else { return false }
                close(connection)
                return true
            }
            if shed == true { return true }
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

    /// The caller holds `connection.lock`.
    private func handleEvent(on connection: Connection, scratch: inout [UInt8], hold: ResponseHold) {
        guard !connection.isClosed else { return }
        switch connection.phase {
        case .reading:
            let result = scratch.withUnsafeMutableBytes { scratch -> Socket.ReadResult in
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
                continueAfterInput(connection, hold: hold)
            }
        case .writing:
            writePending(connection, hold: hold)
        case .lingering:
            let result = scratch.withUnsafeMutableBytes { Socket.read(connection.fd, into: $0) }
            if case .bytes = result { poll.arm(connection.fd, for: .read) } else if case .wouldBlock = result {
                poll.arm(connection.fd, for: .read)
            } else {
                close(connection)
            }
        case .handling:
            break
        }
    }

    private func continueAfterInput(_ connection: Connection, hold: ResponseHold) {
        switch parseBuffered(connection) {
        case .request(let request):
            connection.phase = .handling
            serve(request, on: connection, hold: hold)
        case .needMoreInput:
            connection.phase = .reading
            poll.arm(connection.fd, for: .read)
        case .closing:
            break
        }
    }

    private func writePending(_ connection: Connection, hold: ResponseHold) {
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
                continueAfterInput(connection, hold: hold)
            }
        case .wouldBlock:
            poll.arm(connection.fd, for: .write)
        case .failed:
            close(connection)
        }
    }

    /// A connection whose thread is busy with it is skipped: it is either running
    /// the handler or about to re-arm, and is checked again at the next tick.
    private func checkDeadlines(_ now: UInt64) {
        for connection in table.withLock({ $0.all }) {
            let (at, kind) = connection.deadline
            guard at != 0, now >= at else { continue }
            connection.lock.withLockIfAvailable {
                guard !connection.isClosed, connection.phase != .handling else { return }
                if connection.phase == .reading, kind.answersWith408 {
                    sendError(HTTPParseError(.requestTimeout, "request not received in time"), on: connection)
                } else {
                    close(connection)
                }
            }
        }
    }

    /// The caller holds `connection.lock` (or is the last thread, at the end).
    private func close(_ connection: Connection) {
        guard !connection.isClosed else { return }
        connection.isClosed = true
        let count = table.withLock { $0.remove(connection) }
        openConnections.store(count, ordering: .relaxed)
        Socket.close(connection.fd)
    }

    // MARK: Parsing, errors and responses (by the thread holding the connection)

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
        _ = write(HTTPResponseEncoder.encode(response, version: .http1_1, includeBody: true, close: true), to: connection.fd)
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

    private func serve(_ first: HTTPRequest, on connection: Connection, hold: ResponseHold) {
        var request = first
        while true {
            if hold.isHolding, request.body.count > 0 || (request.method != .GET && request.method != .HEAD) { sendHeld(hold) }
            let started = MonotonicClock.now()
            let response = respond(to: request)
            connection.requestsServed += 1
            let close = !request.wantsKeepAlive
                || connection.requestsServed >= configuration.maxRequestsPerConnection
                || stopRequested.load(ordering: .relaxed)
            let encoded = HTTPResponseEncoder.encode(response, version: request.version, includeBody: request.method != .HEAD, close: close)
            let finished = MonotonicClock.now()
            configuration.accessLog?(HTTPServer.AccessLogEntry(
                method: request.method.rawValue, target: request.target, route: response.routePattern, status: response.status.code,
                bytes: response.body.count, duration: .nanoseconds(Int64(finished - started)),
                remoteAddress: request.remoteAddress, metadata: response.logMetadata
            ))
            if !close, hold.hold(encoded, for: connection, started: started, finished: finished) { return }
            guard let next = send(encoded, on: connection, close: close) else { return }
            request = next
        }
    }

    /// Writes a response and moves its connection on: to lingering close, to
    /// waiting for writability or input, or, returned, to the next request already
    /// buffered. The caller holds `connection.lock`.
    private func send(_ response: EncodedResponse, on connection: Connection, close: Bool) -> HTTPRequest? {
        let written = write(response, to: connection.fd)
        switch written {
        case .failed:
            Glibc.shutdown(connection.fd, Int32(SHUT_RDWR))
            beginLingeringClose(connection)
            return nil
        case .wouldBlock, .written:
            let count = if case .written(let n) = written { n } else { 0 }
            if count < response.count {
                connection.pendingOutput = response.bytes(from: count)
                connection.pendingOffset = 0
                connection.closeAfterWrite = close
                connection.setDeadline(MonotonicClock.now() + configuration.writeTimeout.nanoseconds, .write)
                connection.phase = .writing
                poll.arm(connection.fd, for: .write)
                return nil
            }
        }
        if close {
            beginLingeringClose(connection)
            return nil
        }
        switch parseBuffered(connection) {
        case .request(let next):
            return next
        case .needMoreInput:
            connection.phase = .reading
            poll.arm(connection.fd, for: .read)
            return nil
        case .closing:
            return nil
        }
    }

    /// Sends every held response; requests found buffered behind them are served
    /// next by this thread. Safe inside a handler: held connections are taken by
    /// no other thread (they are not armed), so their locks are free.
    private func sendHeld(_ hold: ResponseHold) {
        for held in hold.takeAll() {
            held.connection.lock.withLock {
                if let next = send(held.response, on: held.connection, close: false) { hold.addPipelined(next, on: held.connection) }
            }
        }
    }

    private func write(_ response: EncodedResponse, to fd: Int32) -> Socket.WriteResult {
        response.head.withUnsafeBytes { head in response.body.withUnsafeBytes { body in Socket.write(fd, head, body) } }
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

/// The open connections by descriptor, and the listening socket. Guarded by the
/// server's `Locked`; a connection itself is guarded by its own lock.
struct ConnectionTable {
    var listener: Int32 = -1
    private var slots: [Connection?] = []
    private var count = 0

    func connection(_ fd: Int32) -> Connection? {
        fd >= 0 && Int(fd) < slots.count ? slots[Int(fd)] : nil
    }

    /// Returns the number of open connections.
    mutating func insert(_ connection: Connection) -> Int {
        let index = Int(connection.fd)
        if index >= slots.count { slots.append(contentsOf: repeatElement(nil, count: index + 1024 - slots.count)) }
        slots[index] = connection
        count += 1
        return count
    }

    /// Returns the number of open connections.
    mutating func remove(_ connection: Connection) -> Int {
        let index = Int(connection.fd)
        if index < slots.count, slots[index] === connection {
            slots[index] = nil
            count -= 1
        }
        return count
    }

    var all: [Connection] { slots.compactMap { $0 } }
}

/// A value behind an NSLock. Used instead of the standard library's `Mutex`
/// wherever threads share state: ThreadSanitizer does not see `Mutex`'s futex
/// calls and reports every access inside it as a race, so with `Mutex` it
/// could not check our locking at all; pthread mutexes it sees.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

extension NSLock {
    /// Runs `body` if the lock is free now; nil when another thread holds it.
    func withLockIfAvailable<Result>(_ body: () throws -> Result) rethrows -> Result? {
        guard self.try() else { return nil }
        defer { unlock() }
        return try body()
    }
}

/// The places to wait for events and serve requests in, `workerThreads` of
/// them. A thread keeps its place from event to event; threads beyond that
/// number stand by. In `ThreadWaits.whileWaiting` a thread lends its place to a
/// standing-by one for the wait; coming back it goes on at once, over the
/// count, and steps back to stand by after the request it is serving.
private final class Places: @unchecked Sendable {  // guarded by `condition`
    private let condition = NSCondition()
    private var free: Int

    init(count: Int) { free = count }

    func take() {
        condition.lock()
        while free <= 0 { condition.wait() }
        free -= 1
        condition.unlock()
    }

    func give() {
        condition.lock()
        free += 1
        if free > 0 { condition.signal() }
        condition.unlock()
    }

    /// Stands by if more threads hold places than there are.
    func stepBackIfOver() {
        condition.lock()
        if free < 0 {
            free += 1
            while free <= 0 { condition.wait() }
            free -= 1
        }
        condition.unlock()
    }

    func lend() { give() }

    func takeBack() {
        condition.lock()
        free -= 1
        condition.unlock()
    }
}

/// A thread's lender: before its place goes to another thread, the responses the
/// thread holds are sent, so that they do not wait for the disk with it.
private final class PlaceLender: WaitLender, @unchecked Sendable {  // used by its own thread only
    private let places: Places
    private let beforeLending: () -> Void

    init(places: Places, beforeLending: @escaping () -> Void) {
        self.places = places
        self.beforeLending = beforeLending
    }

    func lend() {
        beforeLending()
        places.lend()
    }

    func takeBack() { places.takeBack() }
}
