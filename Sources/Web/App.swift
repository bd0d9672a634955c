import Foundation
import HTTPServer
import Logging
import Storage

/// The running site: database, templates and HTTP server wired together.
public final class App: Sendable {
    public let configuration: AppConfiguration
    public let database: AppDatabase
    let server: HTTPServer

    /// The port the server listens on (after `start`).
    public var port: Int { server.port }

    /// Builds the site from `configuration`; tests call this too.
    public init(configuration: AppConfiguration, logger: Logger = Logger(label: "raumboerse")) throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(atPath: configuration.photosDirectory, withIntermediateDirectories: true)
        database = try AppDatabase(path: configuration.databasePath)
        let pages = try PageRenderer(directory: configuration.templatesDirectory)
        let security = SiteSecurity(database: database, secureCookies: configuration.secureCookies)
        let publicPages = PublicPages(database: database, pages: pages)
        let handlers = Handlers(
            security: security,
            publicPages: publicPages,
            account: AccountPages(database: database, pages: pages, security: security, hasher: configuration.passwordHasher, throttle: LoginThrottle()),
            my: MyPages(database: database, pages: pages),
            organisations: OrganisationEditing(database: database, pages: pages),
            roomEditing: RoomEditing(database: database, pages: pages, photosDirectory: configuration.photosDirectory),
            moderation: ModerationPages(database: database, pages: pages),
            admin: AdminPages(database: database, pages: pages),
            impact: ImpactPage(database: database, pages: pages, euroPerHour: configuration.impactEuroPerHour),
            bookings: BookingPages(database: database, pages: pages, publicPages: publicPages),
            calendars: CalendarFeeds(database: database),
            staticFiles: StaticFileHandler(root: configuration.publicDirectory, cacheControl: "public, max-age=86400")
        )
        let router = makeRoutes(handlers)
        let site = router
            .wrapped(in: ErrorPages(pages: pages, security: security, logger: logger))
            .wrapped(in: SecurityHeaders())
            .wrapped(in: CompressionMiddleware())

        var serverConfiguration = configuration.server
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        serverConfiguration.bodyLimit = { router.maxBodySize(for: $0) }
        if configuration.accessLog {
            let accessLogger = logger
            serverConfiguration.accessLog = { entry in
                accessLogger.info("\(entry.method) \(entry.target) \(entry.status) \(entry.bytes)B \(entry.duration.milliseconds)ms", metadata: ["remote": "\(entry.remoteAddress)"])
            }
        }
        let errorLogger = logger
        serverConfiguration.errorLog = { errorLogger.error("\($0)") }
        server = try HTTPServer(configuration: serverConfiguration, handler: site)
    }

    public func start() throws {
        try server.start()
    }

    /// Graceful stop: no new connections, requests in flight finish.
    public func shutdown() {
        server.shutdown()
    }

    public func waitUntilStopped() {
        server.waitUntilStopped()
    }
}

extension Duration {
    var milliseconds: String {
        let (seconds, attoseconds) = components
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.2f", ms)
    }
}
