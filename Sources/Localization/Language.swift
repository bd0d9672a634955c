/// The languages the site is written in. German is the default: the site is run
/// by a German city and every text is written in German first.
public enum Language: String, CaseIterable, Sendable, Codable, Hashable {
    case de, en

    public static let `default` = Language.de

    /// The language a browser prefers most among ours (RFC 9110 §12.5.4):
    /// `en-GB;q=0.9, de;q=0.8` → `.en`. Ties keep the header's order; `q=0`
    /// refuses a language. nil when the header names none of ours.
    public static func preferred(acceptLanguage header: String) -> Language? {
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let range = parts.first else { continue }
            let tag = range.trimmingCharacters(in: " \t").lowercased()
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingCharacters(in: " \t")
                if pair.hasPrefix("q="), let q = Double(pair.dropFirst(2)), (0...1).contains(q) { quality = q }
            }
            guard quality > 0, let language = Language(rawValue: primary) else { continue }
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        let trimmed = unicodeScalars.drop { scalars.contains($0) }.reversed().drop { scalars.contains($0) }.reversed()
        return String(String.UnicodeScalarView(trimmed))
    }
}
