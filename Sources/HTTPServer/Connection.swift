#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// One client connection. One thread at a time works on it, holding `lock`: the
/// thread that received its one-shot epoll event, or the deadline check, which
/// only takes connections no thread holds. `phase` and the deadline are atomics
/// so the deadline check can look without taking the lock.
final class Connection: @unchecked Sendable {
    enum Phase: UInt8 {
        /// Waiting for (more of) a request.
        case reading
        /// A thread runs the handler and writes the response.
        case handling
        /// The response did not fit the socket buffer; the rest goes out when writable.
        case writing
        /// Our side is shut; input is discarded until the peer closes.
        case lingering
    }

    enum DeadlineKind: UInt8 {
        case idle, header, body, write, linger

        /// A client cut off in the middle of a request is told why.
        var answersWith408: Bool { self == .header || self == .body }
    }

    let fd: Int32
    let remoteAddress: String
    let lock = NSLock()
    /// Set under `lock` when the descriptor is closed; a thread that waited for
    /// the lock meanwhile then leaves the connection alone.
    var isClosed = false
    var buffer = ByteBuffer()
    var parser: HTTPRequestParser
    var pendingOutput: [UInt8] = []
    var pendingOffset = 0
    var closeAfterWrite = false
    var requestsServed = 0
    /// When the first byte of the current request head arrived (monotonic ns), 0 when none.
    var requestStartedAt: UInt64 = 0
    var bodyStartedAt: UInt64 = 0
    var lastReadAt: UInt64 = 0

    private let phaseValue = Atomic<UInt8>(Phase.reading.rawValue)
    private let deadlineValue = Atomic<UInt64>(0)
    private let deadlineKindValue = Atomic<UInt8>(DeadlineKind.idle.rawValue)

    init(fd: Int32, remoteAddress: String, parser: HTTPRequestParser) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.parser = parser
    }

    var phase: Phase {
        get { Phase(rawValue: phaseValue.load(ordering: .acquiring))! }
        set { phaseValue.store(newValue.rawValue, ordering: .releasing) }
    }

    var deadline: (at: UInt64, kind: DeadlineKind) {
        (deadlineValue.load(ordering: .relaxed), DeadlineKind(rawValue: deadlineKindValue.load(ordering: .relaxed))!)
    }

    func setDeadline(_ at: UInt64, _ kind: DeadlineKind) {
        deadlineValue.store(at, ordering: .relaxed)
        deadlineKindValue.store(kind.rawValue, ordering: .relaxed)
    }

    var isIdle: Bool { phase == .reading && buffer.isEmpty && !parser.isReadingBody }
}

enum MonotonicClock {
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

extension Duration {
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
