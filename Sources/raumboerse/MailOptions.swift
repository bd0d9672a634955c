import ArgumentParser
import Mail
import Web

/// The e-mail settings of `raumboerse serve`. Tests shorten the timings through
/// variables without flags: RAUMBOERSE_MAIL_POLL_SECONDS (default 5),
/// RAUMBOERSE_MAIL_RETRY_SECONDS and RAUMBOERSE_MAIL_RETRY_MAX_SECONDS (backoff
/// 30 s doubling up to 3600 s), RAUMBOERSE_PASSWORD_RESET_TTL (3600 s).
struct MailOptions: ParsableArguments {
    @Option(help: "Where e-mail goes: smtp://[user:pass@]host:port, sendmail:/usr/sbin/sendmail, file:DIR or off (RAUMBOERSE_MAIL; default off, file:DATA_DIR/mail with --demo).")
    var mail: String?
    @Option(help: "Sender of e-mail, e.g. \"Raumbörse Lübeck <noreply@luebeck.de>\" (RAUMBOERSE_MAIL_FROM).") var mailFrom: String?
    @Option(help: "The site's public address for links in e-mail (RAUMBOERSE_BASE_URL, default http://HOST:PORT).") var baseURL: String?
    @Option(help: "Give up delivering a message after this many hours (RAUMBOERSE_MAIL_GIVE_UP_HOURS, default 48).") var mailGiveUpHours: Double?

    func apply(to configuration: inout AppConfiguration, _ settings: Settings, demo: Bool) throws {
        let transport = settings.string(mail, "MAIL", default: demo ? "file:" + configuration.dataDirectory + "/mail" : "off")
        do {
            configuration.mail.transport = try MailTransportSetting(parsing: transport)
        } catch {
            throw ValidationError("--mail: \(error)")
        }
        configuration.mail.from = settings.string(mailFrom, "MAIL_FROM", default: configuration.mail.from)
        guard MailAddress(parsing: configuration.mail.from) != nil else { throw ValidationError("--mail-from must be an address like \"Name <a@b.de>\"") }
        let base = settings.string(baseURL, "BASE_URL", default: "")
        if !base.isEmpty {
            guard base.hasPrefix("http://") || base.hasPrefix("https://") else { throw ValidationError("--base-url must start with http:// or https://") }
            configuration.mail.baseURL = base
        }
        configuration.mail.pollInterval = try settings.double(nil, "MAIL_POLL_SECONDS", default: 5)
        configuration.mail.retry = RetrySchedule(base: try settings.double(nil, "MAIL_RETRY_SECONDS", default: 30),
                                                 cap: try settings.double(nil, "MAIL_RETRY_MAX_SECONDS", default: 3600),
                                                 giveUpAfter: try settings.double(mailGiveUpHours, "MAIL_GIVE_UP_HOURS", default: 48) * 3600)
        configuration.passwordResetTTL = Int64(try settings.int(nil, "PASSWORD_RESET_TTL", default: 3600))
    }
}
