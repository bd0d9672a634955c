import Testing
@testable import HTTPServer

@Suite("URLEncodedForm and percent decoding")
struct URLEncodedFormTests {
    @Test("pairs are decoded in order, with + as space and %XX escapes")
    func decoding() {
        let form = URLEncodedForm(parsing: "name=Gro%C3%9Fer+Saal&seats=40&note=a%2Bb%26c%3Dd")
        #expect(form.items.map(\.name) == ["name", "seats", "note"])
        #expect(form["name"] == "Großer Saal")
        #expect(form["seats"] == "40")
        #expect(form["note"] == "a+b&c=d")
        #expect(form["missing"] == nil)
    }

    @Test("repeated names are all kept, the subscript gives the first")
    func repeatedNames() {
        let form = URLEncodedForm(parsing: "equipment=wifi&equipment=beamer&equipment=")
        #expect(form.all("equipment") == ["wifi", "beamer", ""])
        #expect(form["equipment"] == "wifi")
    }

    @Test("a name without = has an empty value; empty pairs and empty names are skipped")
    func edgeCases() {
        let form = URLEncodedForm(parsing: "&flag&&=orphan&a=1=2&")
        #expect(form.items.count == 2)
        #expect(form["flag"] == "")
        #expect(form["a"] == "1=2")
    }

    @Test("pairs with malformed escapes or bytes that are not UTF-8 are dropped, the rest kept")
    func malformed() {
        let form = URLEncodedForm(parsing: "bad=%zz&short=%4&invalid=%C3%28&name%=x&good=yes")
        #expect(form.items.map(\.name) == ["good"])
        #expect(form["good"] == "yes")
    }

    @Test("a form body is parsed like a query string")
    func body() {
        let form = URLEncodedForm(body: Array("title=Chor+probe&week=12".utf8))
        #expect(form["title"] == "Chor probe")
        #expect(form["week"] == "12")
        // Unescaped UTF-8 is taken as it is; a pair holding bytes that are not UTF-8 is dropped.
        let raw = URLEncodedForm(body: Array("ort=Lübeck&".utf8) + [UInt8(ascii: "x"), UInt8(ascii: "="), 0xFF] + Array("&=leer&ok".utf8))
        #expect(raw.items.map(\.name) == ["ort", "ok"])
        #expect(raw["ort"] == "Lübeck" && raw["ok"] == "")
    }

    @Test("encoding escapes everything but unreserved characters and parses back to the same items")
    func roundTrip() {
        var form = URLEncodedForm()
        form.append("name", "Großer Saal & Co.")
        form.append("q", "a+b=c/d?e#f%")
        form.append("q", "~-._")
        #expect(form.encoded == "name=Gro%C3%9Fer%20Saal%20%26%20Co.&q=a%2Bb%3Dc%2Fd%3Fe%23f%25&q=~-._")
        let parsed = URLEncodedForm(parsing: form.encoded)
        #expect(parsed.items.map(\.name) == form.items.map(\.name))
        #expect(parsed.items.map(\.value) == form.items.map(\.value))
    }

    @Test("set replaces every value of a name, or removes it with nil")
    func set() {
        var form = URLEncodedForm(parsing: "a=1&b=2&a=3")
        form.set("a", "9")
        #expect(form.all("a") == ["9"])
        #expect(form["b"] == "2")
        form.set("b", nil)
        #expect(form["b"] == nil)
    }

    @Test("a request's queryItems come from its query")
    func queryItems() {
        let request = HTTPRequest(method: .GET, target: "/rooms?week=12&equipment=wifi&equipment=beamer")
        #expect(request.queryItems["week"] == "12")
        #expect(request.queryItems.all("equipment") == ["wifi", "beamer"])
        #expect(HTTPRequest(method: .GET, target: "/rooms").queryItems.items.isEmpty)
    }

    @Test("percentDecoded keeps + unless asked, and refuses malformed escapes")
    func percentDecoding() {
        #expect("a+b%20c".percentDecoded() == "a+b c")
        #expect("a+b%20c".percentDecoded(plusAsSpace: true) == "a b c")
        #expect("%e2%82%ac".percentDecoded() == "€")
        #expect("%".percentDecoded() == nil)
        #expect("%G0".percentDecoded() == nil)
        #expect("%c0%ae".percentDecoded() == nil, "overlong UTF-8 is not text")
        #expect("%F0%9F%98".percentDecoded() == nil, "a cut-off sequence is refused, even where its repair is as long")
        #expect("a%FFb".percentDecoded() == nil)
        #expect("%EF%BF%BD".percentDecoded() == "\u{FFFD}", "a sent replacement character is text")
        #expect("Jürgen%21".percentDecoded() == "Jürgen!")
        #expect("".percentDecoded() == "")
    }

    @Test("percentEncoded keeps unreserved characters by default, or only what it is told to keep")
    func percentEncoding() {
        #expect("St. Jürgen a-b_c~d/e?".percentEncoded() == "St.%20J%C3%BCrgen%20a-b_c~d%2Fe%3F")
        #expect("St. Jürgen".percentEncoded(keeping: String.isLetterOrDigit) == "St%2E%20J%C3%BCrgen")
        #expect("St. Jürgen".percentEncoded().percentDecoded() == "St. Jürgen")
    }
}
