import Localization
import Testing

@Suite struct LanguageTests {
    @Test func acceptLanguagePicksTheHighestQualityAmongOurs() {
        #expect(Language.preferred(acceptLanguage: "en-GB,en;q=0.9,de;q=0.8") == .en)
        #expect(Language.preferred(acceptLanguage: "fr-FR, de;q=0.5, en;q=0.4") == .de)
        #expect(Language.preferred(acceptLanguage: "de-DE;q=0.3, EN-us;q=0.7") == .en)
    }

    @Test func tiesKeepTheHeadersOrder() {
        #expect(Language.preferred(acceptLanguage: "en, de") == .en)
        #expect(Language.preferred(acceptLanguage: "de, en") == .de)
    }

    @Test func refusedOrForeignLanguagesGiveNoPreference() {
        #expect(Language.preferred(acceptLanguage: "en;q=0, fr") == nil)
        #expect(Language.preferred(acceptLanguage: "*") == nil)
        #expect(Language.preferred(acceptLanguage: "") == nil)
        #expect(Language.preferred(acceptLanguage: "en;q=abc, de;q=2") == .en)
    }
}

@Suite struct CatalogTests {
    let german = Catalog(language: .de, entries: [
        "rooms.count.one": "{{count}} Raum", "rooms.count.other": "{{count}} Räume",
        "format.thousands_separator": ".", "format.decimal_separator": ",", "greeting": "Hallo {{name}}, {{name}}!",
    ])

    @Test func fillsEveryPlaceholderAndLeavesUnknownOnes() {
        #expect(german("greeting", ["name": "Ada"]) == "Hallo Ada, Ada!")
        #expect(german("greeting", ["other": "x"]) == "Hallo {{name}}, {{name}}!")
    }

    @Test func pluralFormatsTheCount() {
        #expect(german.plural("rooms.count", 1) == "1 Raum")
        #expect(german.plural("rooms.count", 12345) == "12.345 Räume")
        #expect(german.plural("rooms.count", 0) == "0 Räume")
    }

    @Test func numbersUseTheLanguagesSeparators() {
        let english = Catalog(language: .en, entries: ["format.thousands_separator": ",", "format.decimal_separator": "."])
        #expect(german.number(-1234567) == "-1.234.567")
        #expect(english.number(999) == "999")
        #expect(english.number(-999) == "-999" && english.number(1000) == "1,000" && german.number(-1000) == "-1.000")
        #expect(german.number(0) == "0" && german.number(Int.min) == "-9.223.372.036.854.775.808")
        #expect(german.decimal(1234.56) == "1.234,6")
        #expect(english.decimal(1234.56) == "1,234.6")
    }

    @Test func aMissingKeyShowsTheKey() {
        #expect(german("no.such.key") == "no.such.key")
    }

    @Test func catalogsThatDisagreeAreRefusedWithEveryProblem() {
        let english = Catalog(language: .en, entries: [
            "rooms.count.one": "{{count}} room", "rooms.count.other": "{{number}} rooms",
            "format.thousands_separator": ",", "format.decimal_separator": " ", "extra": "x",
        ])
        #expect(throws: CatalogError.self) { try Catalogs([german, english]) }
        do {
            _ = try Catalogs([german, english])
        } catch {
            #expect(error.problems.contains("de: missing 'extra'"))
            #expect(error.problems.contains("en: missing 'greeting'"))
            #expect(error.problems.contains("en: empty 'format.decimal_separator'"))
            #expect(error.problems.contains { $0.hasPrefix("en: 'rooms.count.other' fills in [\"number\"]") })
        }
    }
}

@Suite struct FillTests {
    @Test func fillsAtTheEdgesNextToTextAndLeavesBrokenTagsAlone() {
        let catalog = Catalog(language: .de, entries: [
            "edges": "{{a}}-{{b}}", "umlaut": "Grüße, {{name}}! Äpfel: {{n}}", "open": "Preis {{amount", "single": "{a} {{a}}",
        ])
        #expect(catalog("edges", ["a": "1", "b": "2"]) == "1-2")
        #expect(catalog("umlaut", ["name": "Jürgen", "n": "3"]) == "Grüße, Jürgen! Äpfel: 3")
        #expect(catalog("open", ["amount": "5 €"]) == "Preis {{amount")
        #expect(catalog("single", ["a": "x"]) == "{a} x")
    }
}
