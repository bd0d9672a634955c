import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a delivery failed, and whether trying again later can help: a 4xx reply,
/// a refused connection or a timeout is temporary; a 5xx reply is permanent.
public struct MailDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case temporary, permanent }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func temporary(_ message: String) -> MailDeliveryError { MailDeliveryError(.temporary, message) }
    public static func permanent(_ message: String) -> MailDeliveryError { MailDeliveryError(.permanent, message) }

    public var description: String { message }
}

/// Hands one finished message to the next hop. Returning normally means the
/// next hop has taken responsibility for it (SMTP's final 250, sendmail's exit
/// status 0, the file renamed into place).
public protocol MailTransport: Sendable {
    func deliver(_ message: MailMessage) throws(MailDeliveryError)
}

/// The transports `--mail` names: `smtp://[user:pass@]host:port`,
/// `sendmail:/usr/sbin/sendmail`, `file:DIR` and `off`.
public enum MailTransportSetting: Sendable, Equatable {
    case off
    case smtp(host: String, port: Int, username: String?, password: String?)
    case sendmail(path: String)
    case file(directory: String)

    public struct Invalid: Error, CustomStringConvertible {
        public let value: String

        public init(value: String) {
            self.value = value
        }

        public var description: String {
            "mail transport '\(value)' is not one of smtp://host:port, sendmail:/path/to/sendmail, file:DIR, off"
        }
    }

    public init(parsing value: String) throws {
        let text = value.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text == "off" {
            self = .off
        } else if text.hasPrefix("smtp://") {
            guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else { throw Invalid(value: value) }
            let port = components.port ?? 25
            guard (1...65535).contains(port), components.path.isEmpty || components.path == "/" else { throw Invalid(value: value) }
            self = .smtp(host: host, port: port, username: components.user?.removingPercentEncoding,
                         password: components.password?.removingPercentEncoding)
        } else if text.hasPrefix("sendmail:") {
            let path = String(text.dropFirst("sendmail:".count))
            guard path.hasPrefix("/") else { throw Invalid(value: value) }
            self = .sendmail(path: path)
        } else if text.hasPrefix("file:") {
            var path = String(text.dropFirst("file:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw Invalid(value: value) }
            self = .file(directory: path)
        } else {
            throw Invalid(value: value)
        }
    }

    /// The transport, or nil for `off`. `timeout` bounds each SMTP step.
    public func makeTransport(timeout: Double = 30) -> (any MailTransport)? {
        switch self {
        case .off: nil
        case let .smtp(host, port, username, password):
            SMTPTransport(host: host, port: port, username: username, password: password, timeout: timeout)
        case .sendmail(let path): SendmailTransport(path: path)
        case .file(let directory): FileTransport(directory: directory)
        }
    }

    /// For logs: never shows the password.
    public var summary: String {
        switch self {
        case .off: "off"
        case let .smtp(host, port, username, _): "smtp://\(username.map { $0 + ":***@" } ?? "")\(host):\(port)"
        case .sendmail(let path): "sendmail:" + path
        case .file(let directory): "file:" + directory
        }
    }
}

/// `file:DIR`: one `.eml` file per message, named after its Message-ID, so
/// delivering the same message again rewrites the same file. Written to a
/// temporary name first and renamed, so a reader never sees half a message.
public struct FileTransport: MailTransport {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func deliver(_ message: MailMessage) throws(MailDeliveryError) {
        let safe = String(message.messageID.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0)) ? Character($0) : "_" })
        let final = URL(fileURLWithPath: directory).appendingPathComponent(safe + ".eml")
        let temporary = URL(fileURLWithPath: directory).appendingPathComponent("." + safe + ".tmp")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(message.rendered().utf8).write(to: temporary)
            if FileManager.default.fileExists(atPath: final.path) { try FileManager.default.removeItem(at: final) }
            try FileManager.default.moveItem(at: temporary, to: final)
        } catch {
            throw .temporary("cannot write \(final.path): \(error.localizedDescription)")
        }
    }
}

/// `sendmail:PATH`: the local MTA's sendmail interface, `-i` so a lone dot is
/// text, the envelope sender with `-f`, the recipient after `--`. Exit status 75
/// (EX_TEMPFAIL) or a program that cannot start is temporary; other failures
/// are permanent.
public struct SendmailTransport: MailTransport {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func deliver(_ message: MailMessage) throws(MailDeliveryError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-i", "-f", message.from.address, "--", message.to.address]
        // A sendmail that exits early must not kill the site with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw .temporary("cannot start \(path): \(error.localizedDescription)")
        }
        // The local submission interface wants LF line ends.
        let bytes = Data(message.rendered().replacingOccurrences(of: "\r\n", with: "\n").utf8)
        let written: Bool
        do {
            try input.fileHandleForWriting.write(contentsOf: bytes)
            try input.fileHandleForWriting.close()
            written = true
        } catch {
            written = false
        }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        let status = process.terminationStatus
        if status == 0, written, process.terminationReason == .exit { return }
        let text = "\(path) exited with \(status)" + (said.isEmpty ? "" : ": " + String(said.prefix(300)))
        throw status == 75 || !written || process.terminationReason != .exit ? .temporary(text) : .permanent(text)
    }
}
