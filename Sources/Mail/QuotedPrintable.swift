/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text bodies: lines end in CRLF,
/// no encoded line is longer than 76 characters, `=` and bytes outside printable
/// ASCII are escaped, and blanks at a line's end are escaped so no relay can
/// strip them.
public enum QuotedPrintable {
    public static let maxLineLength = 76

    /// Encodes `text`; its line breaks (LF, CRLF or CR) become hard CRLF breaks.
    public static func encode(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let lines = normalizedLines(text)
        for (index, line) in lines.enumerated() {
            encodeLine(Array(line.utf8), into: &output)
            if index < lines.count - 1 { output += "\r\n" }
        }
        return output
    }

    /// Decodes quoted-printable (used by tests and for reading messages back).
    public static func decode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let input = Array(text.utf8)
        var i = 0
        while i < input.count {
            let byte = input[i]
            if byte == UInt8(ascii: "=") {
                if i + 2 < input.count, input[i + 1] == 13, input[i + 2] == 10 { i += 3; continue }
                if i + 1 < input.count, input[i + 1] == 10 { i += 2; continue }
                if i + 2 < input.count, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) {
                    bytes.append(high << 4 | low)
                    i += 3
                    continue
                }
            }
            bytes.append(byte)
            i += 1
        }
        return bytes
    }

    static func normalizedLines(_ text: String) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    private static func encodeLine(_ bytes: [UInt8], into output: inout String) {
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let token: String
            if byte == UInt8(ascii: "=") || byte > 126 || (byte < 32 && byte != 9) || ((byte == 32 || byte == 9) && isLast) {
                token = "=" + hex(byte)
            } else {
                token = String(UnicodeScalar(byte))
            }
            // A soft break takes one column ("="), so a line holds 75 characters of content;
            // the last token of the line may use the 76th column since no "=" follows it.
            let limit = isLast ? maxLineLength : maxLineLength - 1
            if lineLength + token.count > limit {
                output += "=\r\n"
                lineLength = 0
            }
            output += token
            lineLength += token.count
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
