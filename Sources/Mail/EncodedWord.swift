/// RFC 2047 encoded-words for header text with non-ASCII characters, e.g. a
/// subject `Buchung bestätigt` → `=?UTF-8?Q?Buchung_best=C3=A4tigt?=`. Each word
/// is at most 75 characters, never splits a UTF-8 sequence, and words are folded
/// onto continuation lines so no header line exceeds 78 characters.
public enum EncodedWord {
    static let prefix = "=?UTF-8?Q?"
    static let suffix = "?="
    static let maxWordLength = 75

    /// Header text as it may appear after `Name: `: unchanged when it is short
    /// printable ASCII without encoded-word look-alikes, otherwise encoded-words
    /// separated by CRLF + space. `used` is how many columns the line has already
    /// (the header name and `: `). Control characters become spaces first, so a
    /// user's text can never start a new header line.
    public static func encode(_ text: String, used: Int = 0, always: Bool = false) -> String {
        let clean = String(text.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : Character($0) })
        let isPlain = !always && clean.utf8.allSatisfy { $0 >= 32 && $0 < 127 } && !clean.contains("=?") && used + clean.utf8.count <= 78
        if isPlain { return clean }
        var words: [String] = []
        var current = ""
        // The first line also holds the header name; later lines start with one space.
        var budget = max(12, min(maxWordLength, 78 - used)) - prefix.count - suffix.count
        for scalar in clean.unicodeScalars {
            let token = encodeScalar(scalar)
            if current.count + token.count > budget, !current.isEmpty {
                words.append(prefix + current + suffix)
                current = ""
                budget = maxWordLength - prefix.count - suffix.count
            }
            current += token
        }
        if !current.isEmpty || words.isEmpty { words.append(prefix + current + suffix) }
        return words.joined(separator: "\r\n ")
    }

    /// One character in Q encoding: letters and digits stay, space is `_`, the rest `=XX`.
    private static func encodeScalar(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "_" }
        if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!*+-/".unicodeScalars.contains(scalar) {
            return String(Character(scalar))
        }
        return String(Character(scalar)).utf8.map { "=" + QuotedPrintable.hex($0) }.joined()
    }

    /// Decodes a header value made of Q- or B-encoded words and plain text (tests).
    public static func decode(_ value: String) -> String {
        var result = ""
        var rest = Substring(value.replacingOccurrences(of: "\r\n ", with: " "))
        var lastWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            if !(lastWasWord && before.allSatisfy({ $0 == " " })) { result += before }
            let afterStart = rest[start.upperBound...]
            let parts = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[3].hasPrefix("=") else { result += rest; return result }
            let encoding = parts[1].uppercased(), payload = parts[2]
            var bytes: [UInt8] = []
            if encoding == "Q" {
                bytes = QuotedPrintable.decode(payload.replacingOccurrences(of: "_", with: " "))
            } else if encoding == "B", let data = Base64.decode(String(payload)) {
                bytes = data
            }
            result += String(decoding: bytes, as: UTF8.self)
            rest = parts[3].dropFirst()
            lastWasWord = true
        }
        return result + rest
    }
}
