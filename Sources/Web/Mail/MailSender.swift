import Foundation
import Localization
import Logging
import Mail
import Storage

/// Delivers the outbox on its own thread: every `pollInterval` it queues the
/// reminders that are due, then takes each due message, renders it (once; the
/// text is kept), hands it to the transport and records the outcome. A temporary
/// failure is tried again after the backoff of `RetrySchedule`; a permanent one,
/// or a message older than the give-up time, is marked failed for the admins.
///
/// Sent at most once after the next hop accepted it: the message is marked sent
/// in its own write right after the transport returns (SMTP's final 250), before
/// anything else. What remains is at-least-once: if the process dies, or the
/// database write fails, between that 250 and the commit of `sentAt` (a few
/// milliseconds), or the connection drops after the server accepted the data
/// but before its 250 reached us, the message is sent again later, with the same
/// Message-ID, so a receiving system can recognise the duplicate. Nothing is
/// lost: a message leaves the outbox only as sent or as failed.
final class MailSender: @unchecked Sendable {
    private let database: AppDatabase
    private let renderer: MailRenderer
    private let transport: any MailTransport
    private let settings: MailSettings
    private let from: MailAddress
    private let logger: Logger
    /// How long a claimed message is skipped by other senders; a crash mid-attempt
    /// delays its retry by this much. Longer than the slowest SMTP exchange.
    private let lease: Int64

    private let condition = NSCondition()
    private var stopping = false
    private var running = false
    private var baseURL = "http://127.0.0.1"
    private var lastReminderScan: Int64 = 0

    init(database: AppDatabase, renderer: MailRenderer, transport: any MailTransport, settings: MailSettings, logger: Logger) throws {
        guard let from = MailAddress(parsing: settings.from) else {
            throw MailTransportSetting.Invalid(value: "sender address '\(settings.from)'")
        }
        self.database = database
        self.renderer = renderer
        self.transport = transport
        self.settings = settings
        self.from = from
        self.logger = logger
        lease = Int64(settings.smtpTimeout * 12) + 60
    }

    /// Starts the thread; links in messages begin with `baseURL`.
    func start(baseURL: String) {
        setBaseURL(baseURL)
        condition.lock()
        guard !running else { condition.unlock(); return }
        running = true
        stopping = false
        condition.unlock()
        let thread = Thread { [self] in
            loop()
            condition.lock()
            running = false
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "mail-sender"
        thread.start()
    }

    func setBaseURL(_ url: String) {
        condition.lock()
        baseURL = url
        condition.unlock()
    }

    /// Asks the thread to stop after the message in hand.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the thread to finish, at most `timeout` seconds.
    func waitUntilStopped(timeout: Double = 10) {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        while running, condition.wait(until: deadline) {}
        condition.unlock()
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func loop() {
        while !isStopping {
            do {
                try runOnce(now: Int64(Date().timeIntervalSince1970))
            } catch {
                logger.error("mail outbox failed", metadata: ["error": "\(error)"])
            }
            condition.lock()
            if !stopping { _ = condition.wait(until: Date().addingTimeInterval(settings.pollInterval)) }
            condition.unlock()
        }
    }

    /// One pass: due reminders, then every due message. Returns how many were sent.
    @discardableResult
    func runOnce(now: Int64) throws -> Int {
        if now - lastReminderScan >= 60 {
            lastReminderScan = now
            let queued = try database.enqueueReminders(now: now, lead: settings.reminderLead)
            if queued > 0 { logger.info("reminders queued", metadata: ["count": "\(queued)"]) }
        }
        var sent = 0
        // Due as of `now`: a message deferred during a long pass (slow disk, slow
        // relay) waits for the next one instead of coming round again in this one.
        while !isStopping {
            let due = try database.dueMail(now: now, limit: 20)
            if due.isEmpty { break }
            for message in due where !isStopping {
                if try deliver(message) { sent += 1 }
            }
        }
        return sent
    }

    /// One attempt at one message; true when it was sent.
    private func deliver(_ queued: OutboxMessage) throws -> Bool {
        let now = Int64(Date().timeIntervalSince1970)
        guard try database.claimMail(queued.id, now: now, leaseUntil: now + lease) else { return false }
        let attempt = queued.attempts + 1
        let age = Double(now - queued.createdAt)
        if settings.retry.shouldGiveUp(age: age) {
            let hours = String(Int(settings.retry.giveUpAfter / 3600))
            try fail(queued, queued.lastError.map { adminTexts("mail.error.too_old_last", ["hours": hours, "error": $0]) }
                ?? adminTexts("mail.error.too_old", ["hours": hours]))
            return false
        }
        var message = queued
        if message.subject == nil || message.textBody == nil || message.htmlBody == nil {
            let rendered: MailRenderer.Rendered
            do {
                rendered = try renderer.render(message, baseURL: currentBaseURL)
            } catch {
                try fail(message, "cannot render: \(error)")
                return false
            }
            try database.saveRenderedMail(message.id, subject: rendered.subject, textBody: rendered.text, htmlBody: rendered.html)
            message.subject = rendered.subject
            message.textBody = rendered.text
            message.htmlBody = rendered.html
        }
        guard let to = MailAddress(name: message.recipientName, address: message.recipient) else {
            try fail(message, "invalid recipient address")
            return false
        }
        var headers: [(name: String, value: String)] = [("Auto-Submitted", "auto-generated")]
        if MailKind(rawValue: message.kind)?.topic != nil {
            headers.append(("List-Unsubscribe", "<" + MailRenderer.settingsURL(currentBaseURL) + ">"))
        }
        // Booking mails name the other side: an answer reaches them, not our sender.
        let replyTo = message.payload.values["reply_to"].flatMap { MailAddress(address: $0) }
        let mail = MailMessage(from: from, to: to, replyTo: replyTo, subject: message.subject ?? "", date: Date(timeIntervalSince1970: TimeInterval(message.createdAt)),
                               messageID: message.messageID + "@" + from.domain, textBody: message.textBody ?? "", htmlBody: message.htmlBody ?? "",
                               extraHeaders: headers)
        do throws(MailDeliveryError) {
            try transport.deliver(mail)
        } catch {
            switch error.kind {
            case .permanent:
                try fail(message, error.message)
            case .temporary:
                let delay = settings.retry.delay(afterAttempt: attempt)
                if settings.retry.shouldGiveUp(age: age + delay) {
                    try fail(message, adminTexts("mail.error.given_up", ["attempts": String(attempt), "error": error.message]))
                } else {
                    try database.markMailDeferred(message.id, error: error.message, retryAt: now + Int64(delay.rounded(.up)))
                    logger.warning("mail deferred", metadata: ["id": "\(message.id)", "kind": "\(message.kind)", "attempt": "\(attempt)", "error": "\(error.message)"])
                }
            }
            return false
        }
        // Accepted by the next hop: record it before anything else can go wrong.
        try database.markMailSent(message.id, at: Int64(Date().timeIntervalSince1970))
        logger.info("mail sent", metadata: ["id": "\(message.id)", "kind": "\(message.kind)", "attempt": "\(attempt)"])
        return true
    }

    /// Why a message was given up is stored once and shown to every admin on
    /// `/admin/mail`, so it is written in the site's default language.
    private var adminTexts: Catalog { renderer.catalogs[.default] }

    private func fail(_ message: OutboxMessage, _ reason: String) throws {
        try database.markMailFailed(message.id, error: reason, at: Int64(Date().timeIntervalSince1970))
        logger.error("mail failed", metadata: ["id": "\(message.id)", "kind": "\(message.kind)", "error": "\(reason)"])
    }

    private var currentBaseURL: String {
        condition.lock()
        defer { condition.unlock() }
        return baseURL
    }
}
