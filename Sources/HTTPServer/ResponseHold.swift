/// Responses one thread has finished but not sent yet, because more requests
/// were ready at once. The thread sends them together when no request is ready,
/// after `limit` of them, or a millisecond after the first, whichever comes first
/// (Redis writes its replies the same way, just before its event loop sleeps).
///
/// Why: a response to a client that sleeps wakes it, and the wake-up costs the
/// sending CPU; on this project's VM ≈ 9 µs, an interrupt through the hypervisor
/// (`Benchmarks/README.md` §1). A local reverse proxy, the recommended
/// deployment, is such a client. Sent in one burst, the responses cost one
/// wake-up. When requests are not queueing there is nothing to hold, and no
/// response waits: the thread finds no ready event and sends at once.
///
/// What follows a held response must be quick, so only responses of quick
/// handlers are held, and the server sends what is held before a request that
/// may take long (any but GET and HEAD, and any with a body: a login's password
/// hash, an upload) and before a handler waits (`ThreadWaits`).
final class ResponseHold {
    struct Response {
        let connection: Connection
        let response: EncodedResponse
    }

    /// A handler that took longer than this is not taken as part of a burst.
    static let quickHandlerNanoseconds: UInt64 = 1_000_000
    /// The longest the first held response waits for the others.
    static let maxWaitNanoseconds: UInt64 = 1_000_000

    private let limit: Int
    private var responses: [Response] = []
    private var firstHeldAt: UInt64 = 0
    /// Requests found already buffered behind a response once it was sent
    /// (pipelining): the thread serves them before taking new events.
    private var pipelined: [(Connection, HTTPRequest)] = []

    /// `limit` 0 holds nothing.
    init(limit: Int) {
        self.limit = limit
        responses.reserveCapacity(limit)
    }

    var isHolding: Bool { !responses.isEmpty }

    /// Takes the response of a handler that ran from `started` to `finished`, or
    /// returns false: then the caller sends it now.
    func hold(_ response: EncodedResponse, for connection: Connection, started: UInt64, finished: UInt64) -> Bool {
        guard responses.count < limit, finished - started < ResponseHold.quickHandlerNanoseconds else { return false }
        if responses.isEmpty { firstHeldAt = finished }
        responses.append(Response(connection: connection, response: response))
        return true
    }

    /// Whether the thread may serve one more ready request before sending.
    func mayServeMore(now: UInt64) -> Bool {
        responses.count < limit && now - firstHeldAt < ResponseHold.maxWaitNanoseconds
    }

    func takeAll() -> [Response] {
        defer { responses.removeAll(keepingCapacity: true) }
        return responses
    }

    func addPipelined(_ request: HTTPRequest, on connection: Connection) {
        pipelined.append((connection, request))
    }

    func nextPipelined() -> (Connection, HTTPRequest)? {
        pipelined.isEmpty ? nil : pipelined.removeFirst()
    }
}
