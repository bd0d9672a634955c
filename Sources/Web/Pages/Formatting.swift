import Foundation

/// Text shortening for pages; everything worded is in the catalogues.
enum Formatting {
    /// The first `length` characters with line breaks as spaces, cut at a word,
    /// with an ellipsis when cut. Reads only as far as it needs: a search page
    /// shortens twenty descriptions of up to 5,000 characters each.
    static func excerpt(_ text: String, length: Int) -> String {
        var result = ""
        result.reserveCapacity(length + 4)
        var count = 0
        var lastSpace: String.Index?
        for character in text {
            if count == length {
                // A word that ends right at the limit is whole.
                let end = character.isNewline || character == " " ? result.endIndex : lastSpace ?? result.endIndex
                let cut = result[..<end]
                return cut.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + " …"
            }
            if character.isNewline || character == " " {
                lastSpace = result.endIndex
                result.append(" ")
            } else {
                result.append(character)
            }
            count += 1
        }
        return result
    }
}
