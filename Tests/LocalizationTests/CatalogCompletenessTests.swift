import Foundation
import Localization
import Testing
import TestSupport
@testable import Web

/// The site's own catalogues: both languages complete, every key the templates
/// and the Swift code name present.
@Suite struct CatalogCompletenessTests {
    static let templates = TestServer.repositoryRoot + "/Templates"

    @Test func bothCataloguesHaveTheSameKeysAndPlaceholders() throws {
        let catalogs = try Catalogs(directory: CatalogCompletenessTests.templates + "/i18n")
        #expect(catalogs[.de].entries.keys.sorted() == catalogs[.en].entries.keys.sorted())
    }

    /// Loading compiles every template in every language; a `{{#t}}` key missing
    /// from a catalogue fails the load, naming the template and key.
    @Test func everyTemplateCompilesInEveryLanguage() throws {
        let renderer = try PageRenderer(directory: CatalogCompletenessTests.templates)
        for language in Language.allCases {
            #expect(renderer.library(language).contains("layout"))
        }
    }

    /// Keys named in Swift: `texts("…")`, `t("…")`, `plural("…")`, `Phrase("…")`,
    /// `errors.add("field", "…")` and `HTTPError(…, message: "…")`. A German sentence left in
    /// one of those places fails here, because it is not a key.
    @Test func everyKeyTheCodeNamesIsInTheCatalogue() throws {
        let catalogs = try Catalogs(directory: CatalogCompletenessTests.templates + "/i18n")
        let patterns = [
            #"\b(?:texts|t|plural|Phrase)\(\s*"([^"\\]*)""#,
            #"\.add\(\s*"[^"]*",\s*"([^"\\]*)""#,
            #"HTTPError\([^)]*message: "([^"\\]*)""#,
        ].map { try! NSRegularExpression(pattern: $0) }
        var missing: [String] = []
        let root = TestServer.repositoryRoot + "/Sources"
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        for file in files.sorted() where file.hasPrefix("Web/") || file.hasPrefix("RoomExchange/") {
            let source = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            let range = NSRange(source.startIndex..., in: source)
            for pattern in patterns {
                for match in pattern.matches(in: source, range: range) {
                    let key = String(source[Range(match.range(at: 1), in: source)!])
                    let entries = catalogs[.de].entries
                    // `plural("rooms.found", n)` names `rooms.found.one` and `rooms.found.other`.
                    let isPlural = entries[key + ".one"] != nil && entries[key + ".other"] != nil
                    if entries[key] == nil, !isPlural { missing.append("\(file): '\(key)'") }
                }
            }
        }
        #expect(missing == [])
    }
}
