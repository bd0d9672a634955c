import Foundation
import HTTPServer
import Logging
import Mail
import Storage

/// The running site: database, templates and HTTP server wired together.
public final class App: Sendable {
    public let configuration: AppConfiguration
    public let database: AppDatabase
    let server: HTTPServer
    /// Delivers the outbox; nil when mail is `off` (messages then wait in the outbox).
    let mailSender: MailSender?

    /// The port the server listens on (after `start`).
    public var port: Int { server.port }

    /// Builds the site from `configuration`; tests call this too.
    public init(configuration: AppConfiguration, logger: Logger = Logger(label: "raumboerse")) throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(atPath: configuration.photosDirectory, withIntermediateDirectories: true)
        database = try AppDatabase(path: configuration.databasePath, readers: configuration.server.workerThreads)
        let pages = try PageRenderer(directory: configuration.templatesDirectory)
        let security = SiteSecurity(database: database, catalogs: pages.catalogs, secureCookies: configuration.secureCookies)
        let publicPages = PublicPages(database: database, pages: pages)
        let handlers = Handlers(
            security: security,
            publicPages: publicPages,
            account: AccountPages(database: database, pages: pages, security: security, hasher: configuration.passwordHasher,
                                  throttle: LoginThrottle(), accountThrottle: .accountWide()),
            my: MyPages(database: database, pages: pages),
            organisations: OrganisationEditing(database: database, pages: pages),
            roomEditing: RoomEditing(database: database, pages: pages, photosDirectory: configuration.photosDirectory),
            moderation: ModerationPages(database: database, pages: pages, photosDirectory: configuration.photosDirectory),
            admin: AdminPages(database: database, pages: pages),
            impact: ImpactPage(database: database, pages: pages, euroPerHour: configuration.impactEuroPerHour),
            legal: LegalPages(pages: pages, details: configuration.operatorDetails),
            bookings: BookingPages(database: database, pages: pages, publicPages: publicPages),
            calendars: CalendarFeeds(database: database, catalogs: pages.catalogs),
            staticFiles: StaticFileHandler(root: configuration.publicDirectory, cacheControl: "public, max-age=86400"),
            api: ApiHandlers(database: database, texts: pages.catalogs[.de], publicDirectory: configuration.publicDirectory),
            passwordReset: PasswordResetPages(database: database, pages: pages, hasher: configuration.passwordHasher, validFor: configuration.passwordResetTTL),
            mailAdmin: MailAdminPage(database: database, pages: pages, transportSummary: configuration.mail.transport.summary)
        )
        let mailRenderer = try MailRenderer(pages: pages)
        if let transport = configuration.mail.transport.makeTransport(timeout: configuration.mail.smtpTimeout) {
            mailSender = try MailSender(database: self.database, renderer: mailRenderer, transport: transport, settings: configuration.mail, logger: logger)
        } else {
            mailSender = nil
        }
        var router = makeRoutes(handlers)
        let metrics = Metrics()
        let serverBox = ServerBox()
        let database = database
        let metricsAllowed = Set(configuration.metricsAllowedAddresses)
        // Monitoring only from configured addresses (default loopback); others learn nothing.
        router.add(.GET, "/metrics") { request in
            guard metricsAllowed.contains(request.remoteAddress) else { throw HTTPError(.notFound) }
            let text = try metrics.render(openConnections: serverBox.server?.openConnectionCount ?? 0, database: database)
            return HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"],
                                body: Array(text.utf8))
        }
        let routes = router
        let site = routes
            .wrapped(in: ErrorPages(pages: pages, security: security, logger: logger))
            .wrapped(in: SecurityHeaders())
            .wrapped(in: CompressionMiddleware())
            .wrapped(in: ForwardedHeaders(trustedProxies: Set(configuration.trustedProxies)))

        var serverConfiguration = configuration.server
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        serverConfiguration.bodyLimit = { routes.maxBodySize(for: $0) }
        let requestLog = configuration.accessLog ? RequestLog(format: configuration.logFormat, write: configuration.logWriter) : nil
        serverConfiguration.accessLog = { entry in
            metrics.record(entry)
            requestLog?.log(entry)
        }
        let errorLogger = logger
        serverConfiguration.errorLog = { errorLogger.error("\($0)") }
        server = try HTTPServer(configuration: serverConfiguration, handler: site)
        serverBox.server = server
    }

    public func start() throws {
        try server.start()
        mailSender?.start(baseURL: mailBaseURL)
    }

    /// The site's address in e-mail links: the configured one, or this server's.
    public var mailBaseURL: String {
        if let url = configuration.mail.baseURL { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        let host = ["0.0.0.0", "::", ""].contains(configuration.host) ? "127.0.0.1" : configuration.host
        return "http://" + (host.contains(":") ? "[\(host)]" : host) + ":\(server.port)"
    }

    /// Graceful stop: no new connections, requests in flight finish.
    public func shutdown() {
        server.shutdown()
        mailSender?.stop()
    }

    public func waitUntilStopped() {
        server.waitUntilStopped()
        mailSender?.waitUntilStopped(timeout: 10)
    }
}

/// The server, known only after the routes that report on it were built. Weak:
/// the server owns the routes, so a strong reference here would be a cycle.
final class ServerBox: @unchecked Sendable {
    private let lock = NSLock()
    private weak var value: HTTPServer?

    var server: HTTPServer? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
