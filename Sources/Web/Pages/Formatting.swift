import Foundation

/// Text shortening for pages; everything worded is in the catalogues.
enum Formatting {
    /// The first `length` characters, cut at a word, with an ellipsis when cut.
    static func excerpt(_ text: String, length: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard flat.count > length else { return flat }
        let cut = flat.prefix(length)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + " …"
    }
}
