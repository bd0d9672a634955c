import Testing
@testable import HTTPServer

private func request(cookies: String...) -> HTTPRequest {
    var headers: HTTPHeaders = ["Host": "a"]
    for value in cookies { headers.append("Cookie", value) }
    return HTTPRequest(method: .GET, target: "/", headers: headers)
}

@Suite("Cookies")
struct CookiesTests {
    @Test("the Cookie header is split into names and values, spaces trimmed")
    func parsesCookies() {
        let cookies = request(cookies: "session=abc123; theme=dark;lang = de ").cookies
        #expect(cookies == ["session": "abc123", "theme": "dark", "lang": "de"])
        #expect(request(cookies: "\tsid=1\t;\t csrf =\t\t; lang=\"d e\"").cookies == ["sid": "1", "csrf": "", "lang": "\"d e\""],
                "tabs are trimmed like spaces; a space inside a value stays")
    }

    @Test("a value may contain =, and pairs without = are skipped")
    func valuesWithEquals() {
        let cookies = request(cookies: "token=a=b==; flag; csrf=x").cookies
        #expect(cookies == ["token": "a=b==", "csrf": "x"])
    }

    @Test("the first of a repeated name wins, across several Cookie headers too")
    func firstWins() {
        #expect(request(cookies: "session=first; session=second").cookies["session"] == "first")
        let split = request(cookies: "session=first", "session=second; other=1").cookies
        #expect(split == ["session": "first", "other": "1"])
    }

    @Test("no Cookie header means no cookies")
    func noCookies() {
        #expect(request().cookies.isEmpty)
        #expect(request(cookies: "").cookies.isEmpty)
    }

    @Test("Set-Cookie defaults are the safe ones: Path=/, HttpOnly, SameSite=Lax, no Secure, no Max-Age")
    func defaults() {
        #expect(SetCookie(name: "session", value: "abc").headerValue == "session=abc; Path=/; HttpOnly; SameSite=Lax")
    }

    @Test("Max-Age, Secure, SameSite=Strict and a non-HttpOnly cookie are written out")
    func attributes() {
        let cookie = SetCookie(name: "csrf", value: "t0k", maxAge: 3600, secure: true, httpOnly: false, sameSite: .strict)
        #expect(cookie.headerValue == "csrf=t0k; Path=/; Max-Age=3600; Secure; SameSite=Strict")
    }

    @Test("an expired cookie has an empty value and Max-Age=0")
    func expired() {
        #expect(SetCookie.expired("session").headerValue == "session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
        #expect(SetCookie.expired("session", secure: true).headerValue.contains("; Secure"))
    }

    @Test("setCookie adds one Set-Cookie field per cookie")
    func setCookieAppends() {
        var response = HTTPResponse()
        response.setCookie(SetCookie(name: "a", value: "1"))
        response.setCookie(SetCookie(name: "b", value: "2"))
        #expect(response.headers.values("Set-Cookie") == [
            "a=1; Path=/; HttpOnly; SameSite=Lax",
            "b=2; Path=/; HttpOnly; SameSite=Lax",
        ])
    }
}
