import Foundation
import HTTPServer

public typealias RequestLogFormat = RequestLog.Format

/// Settings of the web application. Read from flags and `RAUMBOERSE_*` only in
/// the `raumboerse` executable; everything here has a default.
public struct AppConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Holds `raumboerse.sqlite` and uploaded photos.
    public var dataDirectory = "./data"
    public var templatesDirectory = "./Templates"
    public var publicDirectory = "./Public"
    /// Send cookies with `Secure` (set when served over HTTPS).
    public var secureCookies = false
    /// Write one access-log line per request.
    public var accessLog = true
    /// `logfmt` (default) or `json` lines.
    public var logFormat = RequestLogFormat.logfmt
    /// Where log lines go (standard output unless tests capture them).
    public var logWriter: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    /// Reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
    public var trustedProxies: [String] = []
    /// Client addresses that may read `/metrics`.
    public var metricsAllowedAddresses = ["127.0.0.1", "::1"]
    /// Who runs the site (imprint, privacy, accessibility pages).
    public var operatorDetails = OperatorDetails()
    /// Euro value of one room hour given free of charge, stated on `/impact`.
    public var impactEuroPerHour = 25
    /// scrypt cost for new password hashes (tests lower it; stored hashes keep theirs).
    public var passwordHasher = PasswordHasher.owasp
    /// E-mail: transport, sender, links, retries.
    public var mail = MailSettings()
    /// Seconds a password-reset link stays valid.
    public var passwordResetTTL: Int64 = 3600
    /// Settings of the HTTP server itself (timeouts, limits, threads).
    public var server = HTTPServer.Configuration()

    public init() {}

    public var databasePath: String { dataDirectory + "/raumboerse.sqlite" }
    public var photosDirectory: String { dataDirectory + "/photos" }
}
