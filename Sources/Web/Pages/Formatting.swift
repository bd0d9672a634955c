import Foundation
import RoomExchange

/// Text shortening for pages; everything worded is in the catalogues.
enum Formatting {
    /// A time of day as a time field (`<input type="time" step="900">`) holds it.
    /// The field cannot hold 24:00: the end of the day becomes its last quarter hour.
    static func timeField(_ minutes: Int) -> String {
        WeeklyHours.clock(minutes == 24 * 60 ? 24 * 60 - 15 : minutes)
    }

    /// The first `length` characters with line breaks as spaces, cut at a word,
    /// with an ellipsis when cut. Reads only as far as it needs (a search page
    /// shortens twenty descriptions of up to 5,000 characters each) and walks
    /// Unicode scalars rather than Characters: grapheme breaking made excerpts
    /// 14 % of a search page. Combining marks do not count as characters, so
    /// a decomposed "ü" counts once as it does composed.
    static func excerpt(_ text: String, length: Int) -> String {
        // No more bytes than characters allowed: nothing to cut.
        if text.utf8.count <= length { return spacingLineBreaks(text) }
        let scalars = text.unicodeScalars
        var count = 0
        var index = scalars.startIndex
        var lastBreak: String.Index?
        var afterJoiner = false
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let isLineBreak = isLineBreak(scalar)
            let continuesCharacter = afterJoiner || isCombining(scalar)
                || (scalar == "\n" && index > scalars.startIndex && scalars[scalars.index(before: index)] == "\r")
            afterJoiner = scalar.value == 0x200D
            if continuesCharacter {
                index = scalars.index(after: index)
                continue
            }
            if count == length {
                // A word that ends right at the limit is whole.
                let end = isLineBreak || scalar == " " ? index : lastBreak ?? index
                return spacingLineBreaks(String(text[..<end])).trimmingCharacters(in: excerptTrimmed) + " …"
            }
            if isLineBreak || scalar == " " { lastBreak = index }
            count += 1
            index = scalars.index(after: index)
        }
        return spacingLineBreaks(text)
    }

    private static let excerptTrimmed = CharacterSet.punctuationCharacters.union(.whitespaces)

    /// Line breaks (Character.isNewline's set; CR LF as one) as single spaces.
    private static func spacingLineBreaks(_ text: String) -> String {
        guard mayHoldLineBreak(text), text.unicodeScalars.contains(where: isLineBreak) else { return text }
        return String(String.UnicodeScalarView(text.replacing("\r\n", with: "\n").unicodeScalars.map { isLineBreak($0) ? " " : $0 }))
    }

    /// A test of bytes before the test of scalars: every line break is or holds
    /// one of these bytes (as do a few other characters, é for one).
    private static func mayHoldLineBreak(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains { $0 &- 0x0A < 4 || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9 } }
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Marks and the zero-width joiner (with what follows it) belong to the
    /// character before them. Scalars below U+0300 never are, which spares the
    /// property lookup for most text.
    private static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar.value == 0x200D
        }
    }
}

extension String {
    /// Without white space (Unicode's White_Space: spaces, tabs, line breaks) at
    /// either end. Walks scalars from both ends only: Foundation's
    /// `trimmingCharacters(in:)` took 41,000 instructions of a booking request.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) ? self : String(scalars[first...last])
    }
}
