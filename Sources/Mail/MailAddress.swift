/// An address with an optional display name, as in `Raumbörse Lübeck <noreply@luebeck.de>`.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    /// Nil unless `address` is a plain `local@domain` without blanks, brackets or
    /// control characters, so it can go into a header and an SMTP command as it is.
    public init?(name: String? = nil, address: String) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254,
              address.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && !"<>()[],;:\\\"".unicodeScalars.contains($0) })
        else { return nil }
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.address = address
    }

    /// `Name <a@b>` or a bare `a@b`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            self.init(name: name, address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
        } else {
            self.init(address: trimmed)
        }
    }

    /// The part after `@`, for Message-IDs.
    public var domain: String { String(address.split(separator: "@").last ?? "localhost") }

    /// The header form; a display name with non-ASCII characters becomes encoded-words.
    func header(used: Int) -> String {
        guard let name else { return address }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == " " || ("0"..."9").contains($0)) }
        let display = plain ? name : EncodedWord.encode(name, used: used, always: true)
        return display + " <" + address + ">"
    }
}

import Foundation
