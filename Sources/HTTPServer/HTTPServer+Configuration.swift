extension HTTPServer {
    /// Everything the server can be tuned by. The defaults follow nginx and the
    /// figures in RELIABILITY.md; the library never reads the environment.
    public struct Configuration: Sendable {
        /// Address to bind; `0.0.0.0` or `::` for all interfaces.
        public var host = "127.0.0.1"
        /// Port to bind; 0 picks a free one (tests), see `HTTPServer.port`.
        public var port = 8080
        /// Requests served at once: threads that wait for events and serve them
        /// (leader/followers). Handlers may block on SQLite and the disk, so more than cores.
        public var workerThreads = 4
        /// Threads beyond `workerThreads` that serve while others wait inside
        /// `ThreadWaits.whileWaiting` (a booking waiting for the disk), so that a
        /// wait does not keep another request from running.
        public var spareThreads = 0
        /// Finished responses a thread holds at most while more requests are
        /// ready, to send them in one burst (`ResponseHold`); 0 sends each at once.
        public var heldResponses = 16
        public var parserLimits = HTTPParserLimits()
        /// Largest request body; `bodyLimit` can raise it for single routes (uploads).
        public var maxBodySize = 1 << 20
        /// Per-request body limit from the head, e.g. the router's per-route limits.
        public var bodyLimit: (@Sendable (HTTPRequestHead) -> Int?)?
        /// The whole header section must arrive within this time, counted from its first
        /// byte and not reset by each new byte, so a slowloris client is cut off.
        public var headerTimeout: Duration = .seconds(10)
        /// Longest pause between two reads of a body.
        public var bodyIdleTimeout: Duration = .seconds(10)
        /// Longest time for a whole body, so a drip of one byte per second still ends.
        public var bodyTimeout: Duration = .seconds(60)
        /// How long an idle keep-alive connection stays open.
        public var keepAliveTimeout: Duration = .seconds(10)
        /// How long a client may take to read a response.
        public var writeTimeout: Duration = .seconds(30)
        /// How long shutdown waits for requests in flight.
        public var shutdownGracePeriod: Duration = .seconds(10)
        /// Open connections at most; when full, idle keep-alive connections are closed first.
        public var maxConnections = 16_384
        public var maxRequestsPerConnection = 1000
        /// Called once per request when its response is ready (a held response is
        /// sent a moment later, see `ResponseHold`); nil logs nothing.
        public var accessLog: (@Sendable (AccessLogEntry) -> Void)?
        /// Called for failures the client does not see (handler errors).
        public var errorLog: (@Sendable (String) -> Void)?

        public init() {}
    }

    /// One line of the access log.
    public struct AccessLogEntry: Sendable {
        public let method: String
        public let target: String
        /// The matched route pattern, when a router answered.
        public let route: String?
        public let status: Int
        public let bytes: Int
        public let duration: Duration
        public let remoteAddress: String
        /// What the application attached with `HTTPResponse.logMetadata`.
        public let metadata: [String: String]
    }
}
