import Testing
@testable import Mustache

private struct Values: MustacheContext {
    var values: [String: MustacheValue]
    init(_ values: [String: MustacheValue]) { self.values = values }
    func value(for name: String) -> MustacheValue { values[name] ?? .missing }
}

/// Rows whose text lives in one buffer, as a query's page does.
private final class Table: MustacheRows {
    let fieldNames = ["id", "title", "open"]
    private let titles: UnsafeMutableBufferPointer<UInt8>
    private let ranges: [Range<Int>]
    private let open: [Bool]

    init(_ rows: [(title: String, open: Bool)]) {
        let bytes = rows.flatMap { Array($0.title.utf8) }
        titles = .allocate(capacity: max(bytes.count, 1))
        _ = titles.initialize(from: bytes)
        var start = 0
        ranges = rows.map { row in
            defer { start += row.title.utf8.count }
            return start..<start + row.title.utf8.count
        }
        open = rows.map(\.open)
    }

    deinit { titles.deallocate() }

    var count: Int { ranges.count }

    func field(_ field: Int, of item: Int) -> MustacheField {
        switch field {
        case 0: .int(item + 1)
        case 1: .utf8(UnsafeBufferPointer(rebasing: titles[ranges[item]]))
        default: .bool(open[item])
        }
    }
}

private func render(_ source: String, _ context: Values, partials: [String: String] = [:]) throws -> String {
    let library = try MustacheLibrary(templates: partials.merging(["main": source]) { a, _ in a })
    return String(decoding: try library.render("main", context), as: UTF8.self)
}

@Suite("Mustache rows sections")
struct MustacheRowsTests {
    fileprivate let table = Table([(title: "Saal <A> & \"B\"", open: true), (title: "Küche", open: false), (title: "", open: true)])

    @Test("a rows section repeats per item; fields are escaped text, numbers and booleans")
    func fields() throws {
        let output = try render("{{#rooms}}[{{id}} {{title}} {{{title}}}{{#open}} offen{{/open}}{{^open}} zu{{/open}}]{{/rooms}}",
                                Values(["rooms": .rows(table)]))
        #expect(output == "[1 Saal &lt;A&gt; &amp; &quot;B&quot; Saal <A> & \"B\" offen][2 Küche Küche zu][3   offen]")
    }

    @Test("an empty text field is false; no rows is false; names that are not fields reach the contexts outside")
    func falseyAndOuterNames() throws {
        let context = Values(["rooms": .rows(table), "none": .rows(Table([])), "city": .text("Lübeck")])
        #expect(try render("{{#rooms}}{{^title}}({{id}} ohne Titel in {{city}}){{/title}}{{/rooms}}", context) == "(3 ohne Titel in Lübeck)")
        #expect(try render("{{#none}}x{{/none}}{{^none}}keine{{/none}}", context) == "keine")
    }

    @Test("a context opened inside a row comes first; the row's fields still resolve from inside it")
    func nestedContext() throws {
        let context = Values(["rooms": .rows(table), "inner": .context(Values(["title": .text("innen")]))])
        #expect(try render("{{#rooms}}{{#inner}}{{title}}/{{id}};{{/inner}}{{/rooms}}", context) == "innen/1;innen/2;innen/3;")
    }

    @Test("a partial inside a rows section sees the row's fields")
    func partialInRows() throws {
        let output = try render("{{#rooms}}{{> row}}{{/rooms}}", Values(["rooms": .rows(table)]),
                                partials: ["row": "<{{id}}:{{title}}>"])
        #expect(output == "<1:Saal &lt;A&gt; &amp; &quot;B&quot;><2:Küche><3:>")
    }

    @Test("a dotted name starting with a field finds nothing inside it")
    func dottedField() throws {
        #expect(try render("{{#rooms}}[{{title.length}}]{{/rooms}}", Values(["rooms": .rows(table)])) == "[][][]")
    }

    @Test("rows sections nest; the inner one's fields come first")
    func nestedRows() throws {
        let inner = Table([(title: "a", open: true), (title: "b", open: false)])
        let context = Values(["rooms": .rows(table), "inner": .rows(inner)])
        #expect(try render("{{#rooms}}{{#inner}}{{id}}{{title}} {{/inner}}|{{/rooms}}", context) == "1a 2b |1a 2b |1a 2b |")
    }

    @Test("escaping random text equals escaping it character by character, at any length and growth of the output")
    func escapingMatchesReference() throws {
        let alphabet: [Character] = ["a", "Z", "0", " ", "&", "<", ">", "\"", "'", "ü", "€", "🎉", "%", ";", "\u{7F}"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<300 {
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let expected = text.map { character -> String in
                switch character {
                case "&": "&amp;"
                case "<": "&lt;"
                case ">": "&gt;"
                case "\"": "&quot;"
                case "'": "&#39;"
                default: String(character)
                }
            }.joined()
            // Many variables in one render make the output grow past its first buffer.
            let output = try render(String(repeating: "{{x}}|", count: 40), Values(["x": .text(text)]))
            #expect(output == String(repeating: expected + "|", count: 40))
        }
    }
}
