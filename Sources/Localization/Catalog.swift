import Foundation

/// Every text of the site in one language: a flat JSON object from key to text,
/// one file per language (`Templates/i18n/de.json`). A text may name values as
/// `{{name}}`; the catalogues of all languages must have the same keys with the
/// same placeholders (patterns under `format.` excepted), which `Catalogs`
/// checks when it loads them.
public struct Catalog: Sendable {
    public let language: Language
    public let entries: [String: String]

    public init(language: Language, entries: [String: String]) {
        self.language = language
        self.entries = entries
    }

    /// The text for `key`. A missing key shows as the key itself rather than
    /// failing a page; the completeness tests make sure none is missing.
    public func callAsFunction(_ key: String) -> String { entries[key] ?? key }

    /// The text for `key` with its placeholders filled in.
    public func callAsFunction(_ key: String, _ arguments: [String: String]) -> String {
        Catalog.fill(self(key), arguments)
    }

    public func callAsFunction(_ phrase: Phrase) -> String { self(phrase.key, phrase.arguments) }

    /// One of two keys by count: `key.one` for 1, `key.other` otherwise, with
    /// `{{count}}` set to the formatted number.
    public func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        var arguments = arguments
        arguments["count"] = number(count)
        return self(count == 1 ? key + ".one" : key + ".other", arguments)
    }

    /// `12345` → `12.345` (de) or `12,345` (en).
    public func number(_ value: Int) -> String {
        // Most numbers shown (capacities, pages) need no separator.
        if value.magnitude < 1000 { return String(value) }
        let separator = self("format.thousands_separator")
        var digits = String(value.magnitude)
        var grouped = ""
        while digits.count > 3 {
            grouped = separator + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + digits + grouped
    }

    /// `1234.5` → `1.234,5` (de) or `1,234.5` (en): one decimal.
    public func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return number(tenths / 10) + self("format.decimal_separator") + String((tenths % 10).magnitude)
    }

    /// Replaces each `{{name}}` with its value; unknown names stay as they are.
    /// Scans the text's bytes in place: Foundation's `range(of:)` made this 14 %
    /// of a room page, and stepping `String.UTF8View` indices still 12 %.
    static func fill(_ text: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty else { return text }
        var text = text
        return text.withUTF8 { bytes in
            let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 32)
            var copied = 0
            var index = 0
            while index + 1 < bytes.count {
                guard bytes[index] == open, bytes[index + 1] == open else {
                    index += 1
                    continue
                }
                let nameStart = index + 2
                var end = nameStart
                while end < bytes.count, bytes[end] != close { end += 1 }
                guard end + 1 < bytes.count, bytes[end + 1] == close else { break }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<end]), as: UTF8.self)
                if let value = arguments[name] {
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    result.append(contentsOf: value.utf8)
                    copied = end + 2
                }
                index = end + 2
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The names a text fills in: `{{count}} Räume` → `["count"]`.
    public static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.insert(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return names
    }
}

/// The catalogues of all languages, loaded and checked against each other.
public struct Catalogs: Sendable {
    private let byLanguage: [Language: Catalog]

    public subscript(language: Language) -> Catalog { byLanguage[language]! }

    /// Loads `<directory>/<code>.json` for every language and refuses catalogues
    /// that differ in keys or placeholders, or have empty texts: a missing English
    /// text is a start-up error, not a German word on an English page.
    public init(directory: String) throws(CatalogError) {
        var catalogs: [Language: Catalog] = [:]
        for language in Language.allCases {
            let path = directory + "/" + language.rawValue + ".json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CatalogError(problems: ["\(path): file not found"])
            }
            guard let entries = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw CatalogError(problems: ["\(path): not a JSON object of strings"])
            }
            catalogs[language] = Catalog(language: language, entries: entries)
        }
        try self.init(catalogs.values.sorted { $0.language.rawValue < $1.language.rawValue })
    }

    public init(_ catalogs: [Catalog]) throws(CatalogError) {
        var byLanguage: [Language: Catalog] = [:]
        for catalog in catalogs { byLanguage[catalog.language] = catalog }
        let problems = Catalogs.problems(byLanguage)
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        self.byLanguage = byLanguage
    }

    /// Keys of patterns whose placeholders may differ between languages.
    public static let patternPrefix = "format."

    /// Every difference between the catalogues, sorted, for one readable error.
    static func problems(_ byLanguage: [Language: Catalog]) -> [String] {
        var problems: [String] = []
        for language in Language.allCases where byLanguage[language] == nil {
            problems.append("\(language.rawValue): no catalogue")
        }
        let allKeys = Set(byLanguage.values.flatMap(\.entries.keys))
        for key in allKeys.sorted() {
            var placeholders: Set<String>?
            for language in Language.allCases {
                guard let catalog = byLanguage[language] else { continue }
                guard let text = catalog.entries[key] else {
                    problems.append("\(language.rawValue): missing '\(key)'")
                    continue
                }
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    problems.append("\(language.rawValue): empty '\(key)'")
                }
                let names = Catalog.placeholders(in: text)
                // A date pattern picks its own fields (`{{day2}}.{{month2}}.` or
                // `{{day}} {{month_name}}`); every other text fills in the same values.
                if let placeholders, placeholders != names, !key.hasPrefix(Catalogs.patternPrefix) {
                    problems.append("\(language.rawValue): '\(key)' fills in \(names.sorted()) but \(Language.default.rawValue) fills in \(placeholders.sorted())")
                }
                placeholders = placeholders ?? names
            }
        }
        return problems
    }
}

public struct CatalogError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "text catalogues disagree:\n  " + problems.joined(separator: "\n  ") }
}
