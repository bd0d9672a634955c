import Foundation
@testable import Mail
import Testing

private func sample(subject: String = "Buchung bestätigt: Saal „Große Freiheit“ in Lübeck", text: String = "Hallo Jürgen,\nalles gut.\n",
                    html: String = "<p>Hallo J&uuml;rgen</p>") -> MailMessage {
    MailMessage(from: MailAddress(parsing: "Raumbörse Lübeck <noreply@raumboerse.example>")!, to: MailAddress(address: "erika@verein.example")!,
                subject: subject, date: Date(timeIntervalSince1970: 1_800_000_000), messageID: "rb-42.0123abcd@raumboerse.example",
                textBody: text, htmlBody: html, extraHeaders: [("List-Unsubscribe", "<http://127.0.0.1:8080/my/account#benachrichtigungen>")])
}

/// Splits a rendered message into header fields (unfolded) and body.
private func parse(_ message: String) -> (headers: [(String, String)], body: String) {
    let parts = message.components(separatedBy: "\r\n\r\n")
    let unfolded = parts[0].replacingOccurrences(of: "\r\n ", with: " ")
    let headers = unfolded.components(separatedBy: "\r\n").map { line -> (String, String) in
        let colon = line.firstIndex(of: ":")!
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    return (headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
}

@Suite("Mail: quoted-printable, encoded-words, dot-stuffing, MIME, retries")
struct MailMessageTests {
    @Test("quoted-printable escapes =, umlauts and trailing blanks, keeps lines at most 76 characters, and decodes back")
    func quotedPrintable() {
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
        #expect(QuotedPrintable.encode("Grüße") == "Gr=C3=BC=C3=9Fe")
        #expect(QuotedPrintable.encode("Ende \nnächste\t") == "Ende=20\r\nn=C3=A4chste=09")
        #expect(QuotedPrintable.encode("eins\r\nzwei\rdrei") == "eins\r\nzwei\r\ndrei")
        let long = String(repeating: "Lübeck ist schön. ", count: 40) + "\n" + String(repeating: "x", count: 76) + "\n" + String(repeating: "ä", count: 30)
        let encoded = QuotedPrintable.encode(long)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
            #expect(line.utf8.allSatisfy { $0 >= 32 && $0 < 127 || $0 == 9 })
        }
        #expect(encoded.components(separatedBy: "\r\n")[0...].contains(String(repeating: "x", count: 76)), "a line of exactly 76 characters needs no soft break")
        #expect(String(decoding: QuotedPrintable.decode(encoded), as: UTF8.self) == long.replacingOccurrences(of: "\n", with: "\r\n"))
        // An escape is never split by a soft line break.
        let escapes = QuotedPrintable.encode(String(repeating: "ö", count: 40))
        for line in escapes.components(separatedBy: "\r\n") { #expect(!line.dropLast().hasSuffix("=") || line.hasSuffix("=")) }
        #expect(String(decoding: QuotedPrintable.decode(escapes), as: UTF8.self) == String(repeating: "ö", count: 40))
    }

    @Test("a subject with umlauts becomes UTF-8 Q encoded-words of at most 75 characters, folded, that decode back")
    func encodedWords() {
        #expect(EncodedWord.encode("Hello", used: 9) == "Hello")
        #expect(EncodedWord.encode("Buchung bestätigt", used: 9) == "=?UTF-8?Q?Buchung_best=C3=A4tigt?=")
        #expect(EncodedWord.encode("Fake =?utf-8?q?x?=", used: 9).hasPrefix("=?UTF-8?Q?"), "encoded-word look-alikes are encoded")
        #expect(EncodedWord.encode("zwei\r\nBcc: x@y", used: 9) == "zwei  Bcc: x@y", "no header injection through CR/LF")
        let subject = "Neue Buchungsanfrage für „Gemeinschaftsraum am Lindenplatz“ in St. Jürgen – bitte bestätigen oder ablehnen 😀"
        let encoded = EncodedWord.encode(subject, used: 9)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(9 + lines[0].utf8.count <= 78)
        for line in lines {
            let word = line.trimmingCharacters(in: .whitespaces)
            #expect(word.hasPrefix("=?UTF-8?Q?") && word.hasSuffix("?=") && word.utf8.count <= 75)
            #expect(!word.contains(" "))
            // Every word is valid UTF-8 on its own: no character is split between two words.
            let inner = word.dropFirst(10).dropLast(2).replacingOccurrences(of: "_", with: " ")
            #expect(String(validating: QuotedPrintable.decode(inner), as: UTF8.self) != nil, "\(word)")
        }
        #expect(EncodedWord.decode(encoded) == subject)
    }

    @Test("dot-stuffing doubles a leading dot on every line, normalises line ends and ends with a lone dot")
    func dotStuffing() {
        let block = String(decoding: SMTPTransport.dataBlock(".erste Zeile\r\nmitte . punkt\n..zwei\r\n.\r\nletzte\r\n"), as: UTF8.self)
        #expect(block == "..erste Zeile\r\nmitte . punkt\r\n...zwei\r\n..\r\nletzte\r\n.\r\n")
        #expect(String(decoding: SMTPTransport.dataBlock("ohne Zeilenende"), as: UTF8.self) == "ohne Zeilenende\r\n.\r\n")
    }

    @Test("the message parses back: headers, multipart/alternative with text and HTML parts in quoted-printable UTF-8")
    func mimeStructure() throws {
        let rendered = sample(text: "Hallo Jürgen,\n.\nEin Punkt allein und eine sehr lange Zeile: " + String(repeating: "Raumbörse ", count: 20) + "\n").rendered()
        #expect(rendered.utf8.allSatisfy { $0 < 128 }, "7-bit clean")
        #expect(!rendered.contains("\n") || !rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "only CRLF line ends")
        for line in rendered.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
        let (headers, body) = parse(rendered)
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        #expect(header("Date") == "Fri, 15 Jan 2027 08:00:00 +0000")
        #expect(header("Message-ID") == "<rb-42.0123abcd@raumboerse.example>")
        #expect(header("To") == "erika@verein.example")
        #expect(header("MIME-Version") == "1.0")
        #expect(header("List-Unsubscribe") == "<http://127.0.0.1:8080/my/account#benachrichtigungen>")
        #expect(header("Reply-To") == nil)
        var answered = sample()
        answered.replyTo = MailAddress(name: "Chor Möwe", address: "chor@verein.example")
        #expect(EncodedWord.decode(try #require(parse(answered.rendered()).headers.first { $0.0 == "Reply-To" }?.1)) == "Chor Möwe <chor@verein.example>")
        #expect(EncodedWord.decode(try #require(header("Subject"))) == "Buchung bestätigt: Saal „Große Freiheit“ in Lübeck")
        #expect(EncodedWord.decode(try #require(header("From"))) == "Raumbörse Lübeck <noreply@raumboerse.example>")
        let type = try #require(header("Content-Type"))
        #expect(type.hasPrefix("multipart/alternative; boundary=\""), "folded onto two lines, unfolded by the parser")
        let boundary = String(type.split(separator: "\"")[1])
        let parts = body.components(separatedBy: "--" + boundary)
        #expect(parts.count == 4, "preamble, two parts, closing")
        #expect(parts[3] == "--\r\n")
        var decoded: [String: String] = [:]
        for part in parts[1...2] {
            // "\r\n" is one Character in Swift.
            let (partHeaders, partBody) = parse(String(part.dropFirst()))
            let contentType = try #require(partHeaders.first { $0.0 == "Content-Type" }?.1)
            #expect(partHeaders.contains { $0 == ("Content-Transfer-Encoding", "quoted-printable") })
            #expect(contentType.hasSuffix("; charset=UTF-8"))
            decoded[String(contentType.split(separator: ";")[0])] = String(decoding: QuotedPrintable.decode(String(partBody.dropLast())), as: UTF8.self)
        }
        #expect(decoded["text/plain"]?.hasPrefix("Hallo Jürgen,\r\n.\r\nEin Punkt allein") == true)
        #expect(decoded["text/plain"]?.contains(String(repeating: "Raumbörse ", count: 20)) == true)
        #expect(decoded["text/html"] == "<p>Hallo J&uuml;rgen</p>")
        #expect(sample().rendered() == sample().rendered(), "the same message renders to the same bytes")
    }

    @Test("addresses: a display name with umlauts is encoded; brackets, blanks and line breaks are refused")
    func addresses() {
        #expect(MailAddress(parsing: "noreply@luebeck.example")?.address == "noreply@luebeck.example")
        #expect(MailAddress(parsing: "\"Stadt Lübeck\" <rb@luebeck.example>")?.name == "Stadt Lübeck")
        #expect(MailAddress(address: "a@b\r\nBcc: c@d") == nil)
        #expect(MailAddress(address: "a b@c") == nil)
        #expect(MailAddress(address: "<a@b>") == nil)
        #expect(MailAddress(address: "ab") == nil)
        #expect(MailAddress(parsing: "Raumboerse <rb@x.example>")?.header(used: 6) == "Raumboerse <rb@x.example>")
    }

    @Test("the retry schedule doubles from its base up to its cap and gives up after the configured age")
    func backoff() {
        let schedule = RetrySchedule()
        #expect((1...9).map { schedule.delay(afterAttempt: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(schedule.delay(afterAttempt: 1000) == 3600)
        #expect(!schedule.shouldGiveUp(age: 2 * 24 * 3600 - 1))
        #expect(schedule.shouldGiveUp(age: 2 * 24 * 3600))
        let fast = RetrySchedule(base: 0.5, cap: 2, giveUpAfter: 10)
        #expect((1...5).map { fast.delay(afterAttempt: $0) } == [0.5, 1, 2, 2, 2])
    }

    @Test("transport settings: smtp with credentials, sendmail, file, off; anything else is refused")
    func transportSettings() throws {
        #expect(try MailTransportSetting(parsing: "smtp://127.0.0.1:2525") == .smtp(host: "127.0.0.1", port: 2525, username: nil, password: nil))
        #expect(try MailTransportSetting(parsing: "smtp://rb%40x:p%3Ass@relay.example") == .smtp(host: "relay.example", port: 25, username: "rb@x", password: "p:ss"))
        #expect(try MailTransportSetting(parsing: "smtp://u:secret@h:25").summary == "smtp://u:***@h:25")
        #expect(try MailTransportSetting(parsing: "sendmail:/usr/sbin/sendmail") == .sendmail(path: "/usr/sbin/sendmail"))
        #expect(try MailTransportSetting(parsing: "file:./data/mail") == .file(directory: "./data/mail"))
        #expect(try MailTransportSetting(parsing: "off") == .off)
        #expect(throws: MailTransportSetting.Invalid.self) { try MailTransportSetting(parsing: "smtps://h:465") }
        #expect(throws: MailTransportSetting.Invalid.self) { try MailTransportSetting(parsing: "sendmail:sendmail") }
        #expect(throws: MailTransportSetting.Invalid.self) { try MailTransportSetting(parsing: "smtp://h:99999") }
    }

    @Test("the file transport writes one .eml per message, named after its Message-ID, and rewrites it on a retry")
    func fileTransport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rb-mail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let transport = FileTransport(directory: directory)
        try transport.deliver(sample())
        try transport.deliver(sample())
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files == ["rb-42.0123abcd_raumboerse.example.eml"])
        #expect(try String(contentsOfFile: directory + "/" + files[0], encoding: .utf8) == sample().rendered())
    }
}
