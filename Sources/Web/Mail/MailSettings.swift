import Mail

/// E-mail settings of the site. Read from flags and `RAUMBOERSE_*` only in the
/// `raumboerse` executable.
public struct MailSettings: Sendable {
    /// Where messages go; `off` leaves them queued in the outbox.
    public var transport = MailTransportSetting.off
    /// The `From` of every message (and the SMTP envelope sender).
    public var from = "Raumbörse Lübeck <noreply@localhost>"
    /// The site's public address for links in messages, without a trailing slash;
    /// nil: `http://HOST:PORT` of the running server.
    public var baseURL: String?
    /// Seconds between two looks at the outbox.
    public var pollInterval = 5.0
    /// Backoff after temporary failures and when to give up.
    public var retry = RetrySchedule()
    /// Seconds for connecting to the SMTP relay and for each of its replies.
    public var smtpTimeout = 30.0
    /// A reminder goes out this many seconds before a confirmed booking starts.
    public var reminderLead: Int64 = 24 * 3600

    public init() {}
}
