import Testing
@testable import Mustache

private struct Values: MustacheContext {
    var values: [String: MustacheValue]
    init(_ values: [String: MustacheValue]) { self.values = values }
    func value(for name: String) -> MustacheValue { values[name] ?? .missing }
}

private func render(_ source: String, _ context: Values, partials: [String: String] = [:]) throws -> String {
    let library = try MustacheLibrary(templates: partials.merging(["main": source]) { a, _ in a })
    return String(decoding: try library.render("main", context), as: UTF8.self)
}

@Suite("Mustache rendering")
struct MustacheTemplateTests {
    @Test("variables are HTML-escaped by default, raw only with triple braces or &")
    func escaping() throws {
        let context = Values(["x": .text("<a href=\"x\">'&'</a>")])
        #expect(try render("{{x}}", context) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(try render("{{{x}}}", context) == "<a href=\"x\">'&'</a>")
        #expect(try render("{{& x}}", context) == "<a href=\"x\">'&'</a>")
    }

    @Test("escaping finds a special character at every position of a sixteen-byte block and of the words after it, around multi-byte text")
    func escapingEveryPosition() throws {
        for special in ["&", "<", ">", "\"", "'"] {
            let escaped = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"][special]!
            for position in 0..<35 {
                let plain = String(repeating: "ü", count: position / 2) + String(repeating: "a", count: position % 2)
                let text = plain + special + "Straße 12, Lübeck"
                #expect(try render("{{x}}", Values(["x": .text(text)])) == plain + escaped + "Straße 12, Lübeck")
            }
        }
        // Bytes next to the special ones (%, (, =, ?, ;) and bytes above 0x7F stay as they are.
        let neighbours = "%()=?;:!#$*+,-./[]{}~\u{7F}é€🎉"
        #expect(try render("{{x}}", Values(["x": .text(neighbours + neighbours)])) == neighbours + neighbours)
    }

    @Test("numbers render, negative ones and the extremes too; missing names render nothing")
    func numbersAndMissing() throws {
        #expect(try render("[{{n}}|{{nothing}}]", Values(["n": .int(42)])) == "[42|]")
        #expect(try render("{{a}} {{b}} {{c}} {{d}}", Values(["a": .int(0), "b": .int(-7), "c": .int(Int.max), "d": .int(Int.min)]))
                == "0 -7 \(Int.max) \(Int.min)")
    }

    @Test("rendered markup goes in as it is, and counts as empty when it is")
    func renderedMarkup() throws {
        let context = Values(["body": .rendered(Array("<p>a &amp; b</p>".utf8)), "none": .rendered([])])
        #expect(try render("<main>{{body}}|{{{body}}}</main>", context) == "<main><p>a &amp; b</p>|<p>a &amp; b</p></main>")
        #expect(try render("{{#body}}yes{{/body}}{{^none}}empty{{/none}}", context) == "yesempty")
    }

    @Test("text after a section stays after it, however often the section repeats")
    func textAfterSections() throws {
        let items: [any MustacheContext] = [Values(["t": .text("a")]), Values(["t": .text("b")])]
        let context = Values(["items": .list(items), "no": .bool(false)])
        #expect(try render("<{{#items}}[{{t}}]{{/items}}>{{^no}}!{{/no}}.", context) == "<[a][b]>!.")
        #expect(try render("{{#no}}x{{/no}}after", context) == "after")
    }

    @Test("a list section repeats with each item as context, outer names still resolve")
    func listSection() throws {
        let items: [any MustacheContext] = [Values(["name": .text("A")]), Values(["name": .text("B")])]
        let output = try render("{{#items}}{{name}}{{sep}}{{/items}}", Values(["items": .list(items), "sep": .text(",")]))
        #expect(output == "A,B,")
    }

    @Test("bool, empty list, empty text and missing sections; inverted sections")
    func truthiness() throws {
        let context = Values(["yes": .bool(true), "no": .bool(false), "empty": .list([]), "blank": .text("")])
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#empty}}E{{/empty}}{{#blank}}B{{/blank}}{{#missing}}M{{/missing}}", context) == "Y")
        #expect(try render("{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^empty}}E{{/empty}}{{^blank}}B{{/blank}}{{^missing}}M{{/missing}}", context) == "NEBM")
    }

    @Test("a name the inner context knows without a value (nil) is false there and does not fall through to the outer one")
    func knownNilStopsTheLookup() throws {
        let item = Values(["photo": .context(nil), "caption": .text(nil)])
        let outer = Values(["item": .context(item), "photo": .context(Values([:])), "caption": .text("outer")])
        #expect(try render("{{#item}}[{{caption}}]{{#photo}}P{{/photo}}{{^photo}}none{{/photo}}{{/item}}", outer) == "[]none")
        // An unknown name still falls through.
        #expect(try render("{{#item}}{{sep}}{{/item}}", Values(["item": .context(item), "sep": .text(",")])) == ",")
    }

    @Test("dotted names resolve inside nested contexts")
    func dottedNames() throws {
        let context = Values(["room": .context(Values(["organisation": .context(Values(["name": .text("AWO")]))]))])
        #expect(try render("{{room.organisation.name}}|{{room.missing.name}}", context) == "AWO|")
    }

    @Test("partials render with the current context")
    func partials() throws {
        let items: [any MustacheContext] = [Values(["t": .text("x")]), Values(["t": .text("y")])]
        let output = try render("{{#items}}{{> card}}{{/items}}", Values(["items": .list(items)]), partials: ["card": "<{{t}}>"])
        #expect(output == "<x><y>")
    }

    @Test("partials in partials are put in place when the library loads; one that includes itself renders as deep as the data goes")
    func nestedAndRecursivePartials() throws {
        let partials = ["outer": "[{{> inner}}]", "inner": "{{t}}", "node": "({{t}}{{#children}}{{> node}}{{/children}})"]
        #expect(try render("{{#items}}{{> outer}}{{/items}}", Values(["items": .list([Values(["t": .text("x")])])]), partials: partials) == "[x]")
        let leaf = Values(["t": .text("b"), "children": .list([])])
        let tree = Values(["t": .text("a"), "children": .list([leaf, leaf])])
        #expect(try render("{{> node}}", tree, partials: partials) == "(a(b)(b))")
    }

    @Test("a tag alone on its line is removed with the line, so templates can be indented")
    func standaloneLines() throws {
        let source = "<ul>\n  {{#items}}\n  <li>{{t}}</li>\n  {{/items}}\n</ul>\n"
        let items: [any MustacheContext] = [Values(["t": .text("a")])]
        #expect(try render(source, Values(["items": .list(items)])) == "<ul>\n  <li>a</li>\n</ul>\n")
        #expect(try render("a {{! note }} b", Values([:])) == "a  b")
    }

    @Test("parse errors name the template, line and column")
    func parseErrors() throws {
        #expect(throws: MustacheError(template: "t", line: 2, column: 3, message: "section {{#open}} is never closed")) {
            try MustacheTemplate(name: "t", source: "x\n  {{#open}}")
        }
        #expect(throws: MustacheError(template: "t", line: 1, column: 7, message: "closing tag {{/b}} does not match an open section")) {
            try MustacheTemplate(name: "t", source: "{{#a}}{{/b}}")
        }
        #expect(throws: MustacheError.self) { try MustacheTemplate(name: "t", source: "{{unclosed") }
        #expect(throws: MustacheError.self) { try MustacheTemplate(name: "t", source: "{{=<% %>=}}") }
    }

    @Test("a missing partial fails when the library loads, not when a page renders")
    func missingPartial() throws {
        #expect(throws: MustacheError.self) { try MustacheLibrary(templates: ["main": "{{> nowhere}}"]) }
        let library = try MustacheLibrary(templates: ["main": "x"])
        #expect(throws: MustacheError.self) { try library.render("other", EmptyContext()) }
    }
}
