import ArgumentParser
import DemoData
import Dispatch
import Foundation
import HTTPServer
import Logging
import Storage
import Web

@main
struct Raumboerse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raumboerse",
        abstract: "Raumbörse Lübeck – the city's digital room exchange.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, Backup.self, Restore.self, BenchServe.self],
        defaultSubcommand: Serve.self
    )
}

/// Where the data lives; shared by every command.
struct DataOptions: ParsableArguments {
    @Option(help: "Directory of the SQLite file and uploaded photos (RAUMBOERSE_DATA_DIR, default ./data).")
    var dataDir: String?

    func directory(_ settings: Settings) -> String {
        settings.string(dataDir, "DATA_DIR", default: "./data")
    }

    func openDatabase(_ settings: Settings) throws -> AppDatabase {
        let directory = directory(settings)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try AppDatabase(path: directory + "/raumboerse.sqlite")
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server.")

    @Option(help: "Port (RAUMBOERSE_PORT, default 8080).") var port: Int?
    @Option(help: "Address to listen on (RAUMBOERSE_HOST, default 127.0.0.1).") var host: String?
    @OptionGroup var data: DataOptions
    @Flag(help: "Fill an empty database with Lübeck demo data first (RAUMBOERSE_DEMO=1).") var demo = false
    @Option(help: "Templates directory (RAUMBOERSE_TEMPLATES, default ./Templates).") var templates: String?
    @Option(help: "Static files directory (RAUMBOERSE_PUBLIC, default ./Public).") var publicDir: String?
    @Option(help: "Server threads; each serves one request at a time (RAUMBOERSE_WORKERS, default 2 per CPU the process may run on).") var workers: Int?
    @Option(help: "Threads that serve while others wait for the disk, as bookings do (RAUMBOERSE_SPARE_THREADS, default 32).") var spareThreads: Int?
    @Flag(help: "Mark cookies Secure; set when served over HTTPS (RAUMBOERSE_SECURE_COOKIES=1).") var secureCookies = false
    @Flag(help: "No access log line per request (RAUMBOERSE_QUIET=1).") var quiet = false
    @Option(help: "Log lines as logfmt or json (RAUMBOERSE_LOG_FORMAT, default logfmt).") var logFormat: String?
    @Option(help: "Comma-separated reverse-proxy addresses whose X-Forwarded-* headers are believed (RAUMBOERSE_TRUSTED_PROXIES).") var trustedProxies: String?
    @Option(help: "Comma-separated client addresses allowed to read /metrics (RAUMBOERSE_METRICS_ALLOW, default 127.0.0.1,::1).") var metricsAllow: String?
    @Option(help: "Euro value of a room hour given free, stated on /impact (RAUMBOERSE_IMPACT_EURO_PER_HOUR, default 25).") var impactEuroPerHour: Int?
    @OptionGroup var mail: MailOptions

    func run() throws {
        let settings = Settings()
        LoggingSystem.bootstrap(StreamLogHandler.standardOutput)
        let logger = Logger(label: "raumboerse")
        var configuration = AppConfiguration()
        configuration.port = try settings.int(port, "PORT", default: 8080)
        configuration.host = settings.string(host, "HOST", default: "127.0.0.1")
        configuration.dataDirectory = data.directory(settings)
        configuration.templatesDirectory = settings.string(templates, "TEMPLATES", default: "./Templates")
        configuration.publicDirectory = settings.string(publicDir, "PUBLIC", default: "./Public")
        configuration.secureCookies = settings.bool(secureCookies, "SECURE_COOKIES")
        configuration.accessLog = !settings.bool(quiet, "QUIET")
        // Two requests at once per CPU: threads that share a core stretch each other's
        // requests, and on one core 4 took the pages' p99 from 48 to 60 ms, 8 to twice
        // that. Reads rarely wait; bookings do, for the disk, and lend their places to
        // spare threads meanwhile. The more bookings wait, the more one commit carries:
        // 28 spares instead of 4 took bookings from 1,216 to 1,505/s. A spare that never
        // serves costs its 64 KiB buffer (Benchmarks/README.md §3 and §4).
        configuration.server.workerThreads = try settings.int(workers, "WORKERS", default: 2 * HTTPServer.availableProcessors)
        configuration.server.spareThreads = try settings.int(spareThreads, "SPARE_THREADS", default: 32)
        let format = settings.string(logFormat, "LOG_FORMAT", default: "logfmt")
        guard let parsedFormat = RequestLogFormat(rawValue: format) else { throw ValidationError("--log-format must be logfmt or json") }
        configuration.logFormat = parsedFormat
        configuration.trustedProxies = Settings.list(settings.string(trustedProxies, "TRUSTED_PROXIES", default: ""))
        configuration.metricsAllowedAddresses = Settings.list(settings.string(metricsAllow, "METRICS_ALLOW", default: "127.0.0.1,::1"))
        configuration.impactEuroPerHour = try settings.int(impactEuroPerHour, "IMPACT_EURO_PER_HOUR", default: 25)
        try mail.apply(to: &configuration, settings, demo: settings.bool(demo, "DEMO"))
        HTTPServer.raiseOpenFileLimit()

        let app = try App(configuration: configuration, logger: logger)
        if settings.bool(demo, "DEMO") {
            do {
                let summary = try DemoLoader.load(into: app.database)
                logger.info("demo data loaded: \(summary.organisations) organisations, \(summary.rooms) rooms, \(summary.bookings) bookings")
            } catch DemoLoader.LoadError.notEmpty {
                logger.info("database has data already; demo data not loaded again")
            }
        }
        try app.start()
        logger.info("Raumbörse Lübeck listening on http://\(configuration.host):\(app.port)/",
                    metadata: ["threads": "\(configuration.server.workerThreads)"])

        // Graceful shutdown: stop accepting, finish requests in flight, close the database.
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let sources = [SIGTERM, SIGINT].map { signalNumber in
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                logger.info("shutting down")
                app.shutdown()
            }
            source.resume()
            return source
        }
        app.waitUntilStopped()
        sources.forEach { $0.cancel() }
        logger.info("stopped")
    }
}

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations and list them.")
    @OptionGroup var data: DataOptions

    func run() throws {
        let database = try data.openDatabase(Settings())
        print("migrations applied: \(try database.appliedMigrations().joined(separator: ", "))")
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty database with realistic Lübeck data.")
    @OptionGroup var data: DataOptions
    @Option(help: "Total number of rooms; more than the catalogue's 60 adds generated rooms (for benchmarks).") var rooms: Int?

    func run() throws {
        let database = try data.openDatabase(Settings())
        let started = Date()
        let summary = try DemoLoader.load(into: database, rooms: rooms)
        print("loaded \(summary.organisations) organisations, \(summary.rooms) rooms, \(summary.bookings) bookings in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the database and the photos into a new directory while the site keeps serving."
    )
    @OptionGroup var data: DataOptions
    @Argument(help: "The backup directory to create (must not exist).") var path: String

    func run() throws {
        do {
            let photos = try Storage.Backup.write(dataDirectory: data.directory(Settings()), to: path)
            print("backup written to \(path): database (integrity and foreign keys ok) and \(photos) photos")
        } catch let failure as Storage.Backup.Failure {
            throw ValidationError(failure.description)
        }
    }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Restore a backup directory into an empty data directory.")
    @OptionGroup var data: DataOptions
    @Argument(help: "A directory written by `raumboerse backup`.") var path: String

    func run() throws {
        let target = data.directory(Settings())
        do {
            let photos = try Storage.Backup.restore(from: path, into: target)
            print("restored \(path) into \(target): database (integrity and foreign keys ok, migrated) and \(photos) photos")
        } catch let failure as Storage.Backup.Failure {
            throw ValidationError(failure.description)
        }
    }
}
