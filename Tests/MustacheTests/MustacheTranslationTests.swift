import Testing
@testable import Mustache

private struct Values: MustacheContext {
    var values: [String: MustacheValue]
    func value(for name: String) -> MustacheValue { values[name] ?? .missing }
}

@Suite("Mustache texts from a catalogue")
struct MustacheTranslationTests {
    let texts: [String: String] = [
        "greeting": "Hallo {{name}} & willkommen <bei uns>",
        "title": "Räume \"teilen\"",
    ]

    func library(_ sources: [String: String]) throws -> MustacheLibrary {
        let texts = self.texts
        return try MustacheLibrary(templates: sources, translations: MustacheTranslations { texts[$0] })
    }

    @Test("{{#t}}key{{/t}} becomes the text: its own words escaped once, its placeholders rendered (and escaped) from the context")
    func htmlTemplate() throws {
        let library = try library(["page": "<h1 title=\"{{#t}}title{{/t}}\">{{#t}} greeting {{/t}}</h1>"])
        let html = String(decoding: try library.render("page", Values(values: ["name": .text("<Ada>")])), as: UTF8.self)
        #expect(html == "<h1 title=\"Räume &quot;teilen&quot;\">Hallo &lt;Ada&gt; &amp; willkommen &lt;bei uns&gt;</h1>")
    }

    @Test("a plain-text template (*.txt) takes the words as they are")
    func plainTextTemplate() throws {
        let library = try library(["mail/x.txt": "{{#t}}greeting{{/t}}"])
        var output: [UInt8] = []
        try library.render("mail/x.txt", Values(values: ["name": .text("Ada")]), into: &output, escapingHTML: false)
        #expect(String(decoding: output, as: UTF8.self) == "Hallo Ada & willkommen <bei uns>")
    }

    @Test("a key the catalogue lacks fails loading, naming template and key; a t section must hold only a key")
    func missingKey() {
        #expect(throws: MustacheError.self) { try library(["page": "{{#t}}no.such.key{{/t}}"]) }
        let error = #expect(throws: MustacheError.self) { try library(["page": "line\n{{#t}}no.such.key{{/t}}"]) }
        #expect(error?.template == "page" && error?.line == 2 && error?.message.contains("no.such.key") == true)
        #expect(throws: MustacheError.self) { try library(["page": "{{#t}}{{x}}{{/t}}"]) }
    }

    @Test("without a catalogue, t is an ordinary section")
    func withoutCatalogue() throws {
        let library = try MustacheLibrary(templates: ["page": "[{{#t}}key{{/t}}]"])
        #expect(String(decoding: try library.render("page", Values(values: [:])), as: UTF8.self) == "[]")
    }
}
