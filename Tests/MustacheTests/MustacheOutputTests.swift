import Mustache
import Testing

private struct Repeated: MustacheContext {
    let items: Int
    func value(for name: String) -> MustacheValue {
        switch name {
        case "items": .list(Array(repeating: Repeated(items: 0), count: items))
        case "word": .text("Saal & Küche")
        default: .missing
        }
    }
}

@Suite("Mustache: where the output goes")
struct MustacheOutputTests {
    private let library = try! MustacheLibrary(templates: ["list": "{{#items}}<li>{{word}}</li>{{/items}}"])
    private let item = "<li>Saal &amp; Küche</li>"

    @Test("a render follows the bytes already in the output, within the room reserved or beyond it")
    func prefixAndGrowth() throws {
        for (items, reserving) in [(3, 1024), (3, 1), (2_000, 16 * 1024), (0, 0)] {
            var output = Array("<ul>".utf8)
            try library.render("list", Repeated(items: items), into: &output, reserving: reserving)
            #expect(String(decoding: output, as: UTF8.self) == "<ul>" + String(repeating: item, count: items),
                    "\(items) items, \(reserving) bytes reserved")
        }
    }

    @Test("a page larger than the default room comes out whole")
    func large() throws {
        let page = try library.render("list", Repeated(items: 5_000))
        #expect(page.count == item.utf8.count * 5_000)
        #expect(String(decoding: page.suffix(item.utf8.count), as: UTF8.self) == item)
    }
}
