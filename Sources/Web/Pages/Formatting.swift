import Foundation

/// German number and text formatting for pages.
enum Formatting {
    /// `12345` → `12.345`
    static func number(_ value: Int) -> String {
        var digits = String(abs(value))
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + digits + grouped
    }

    /// `1 Raum`, `3 Räume`
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(number(value)) \(value == 1 ? singular : plural)"
    }

    /// The first `length` characters, cut at a word, with an ellipsis when cut.
    static func excerpt(_ text: String, length: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard flat.count > length else { return flat }
        let cut = flat.prefix(length)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + " …"
    }
}
