import Mustache
import Testing

private struct Values: MustacheContext {
    func value(for name: String) -> MustacheValue {
        switch name {
        case "title": .text("Kaffee & Kuchen <im> \"Saal\"")
        case "items": .list([Values()])
        default: .missing
        }
    }
}

@Suite("Mustache: plain text")
struct MustachePlainTextTests {
    @Test("without HTML escaping, {{name}} is written as it is, in sections and partials too; the default still escapes")
    func plainText() throws {
        let library = try MustacheLibrary(templates: ["mail": "Betreff: {{title}}\n{{#items}}{{> item}}{{/items}}", "item": "- {{title}}\n"])
        var text: [UInt8] = []
        try library.render("mail", Values(), into: &text, escapingHTML: false)
        #expect(String(decoding: text, as: UTF8.self) == "Betreff: Kaffee & Kuchen <im> \"Saal\"\n- Kaffee & Kuchen <im> \"Saal\"\n")
        let html = String(decoding: try library.render("mail", Values()), as: UTF8.self)
        #expect(html.hasPrefix("Betreff: Kaffee &amp; Kuchen &lt;im&gt; &quot;Saal&quot;"))
    }
}
