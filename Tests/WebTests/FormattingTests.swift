import Testing
@testable import Web

@Suite("Excerpts")
struct FormattingTests {
    @Test("short texts stay whole, with line breaks as spaces")
    func shortTexts() {
        #expect(Formatting.excerpt("Saal\nmit Bühne", length: 20) == "Saal mit Bühne")
        #expect(Formatting.excerpt("genau zehn", length: 10) == "genau zehn")
        #expect(Formatting.excerpt("", length: 10) == "")
    }

    @Test("long texts are cut at the last word that fits, without trailing punctuation, with an ellipsis")
    func longTexts() {
        #expect(Formatting.excerpt("Großer Saal, hell und ruhig, mit Küche", length: 20) == "Großer Saal, hell …")
        #expect(Formatting.excerpt("Saal, Küche; Garten und Hof", length: 12) == "Saal, Küche …")
        #expect(Formatting.excerpt("Donaudampfschifffahrt", length: 5) == "Donau …")
        // Characters, not bytes: umlauts and emoji count once.
        #expect(Formatting.excerpt("üüü 🎉🎉 äää", length: 8) == "üüü 🎉🎉 …")
    }
}
