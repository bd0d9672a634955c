import Testing
@testable import HTTPServer

// MARK: Helpers

/// What a parser event says, in a form `#expect` can compare.
private enum Parsed: Equatable, CustomStringConvertible {
    case head(method: String, target: String)
    case request(method: String, target: String, body: String)

    var description: String {
        switch self {
        case .head(let method, let target): "head(\(method) \(target))"
        case .request(let method, let target, let body): "request(\(method) \(target) body: \(body.debugDescription))"
        }
    }
}

private func makeParser(maxBodySize: Int = 1 << 20, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPRequestParser {
    HTTPRequestParser(limits: limits) { _ in maxBodySize }
}

/// Feeds `input` to a fresh parser, all at once or one byte at a time, and
/// collects every event until the parser needs more bytes.
private func parse(
    _ input: String, byteByByte: Bool = false, maxBodySize: Int = 1 << 20, limits: HTTPParserLimits = HTTPParserLimits()
) throws(HTTPParseError) -> [Parsed] {
    try parseEvents(Array(input.utf8), byteByByte: byteByByte, maxBodySize: maxBodySize, limits: limits).map { event in
        switch event {
        case .head(let head): .head(method: head.method.rawValue, target: head.target)
        case .request(let head, let body): .request(method: head.method.rawValue, target: head.target, body: String(decoding: body, as: UTF8.self))
        }
    }
}

private func parseEvents(
    _ input: [UInt8], byteByByte: Bool = false, maxBodySize: Int = 1 << 20, limits: HTTPParserLimits = HTTPParserLimits()
) throws(HTTPParseError) -> [HTTPRequestParser.Event] {
    var parser = makeParser(maxBodySize: maxBodySize, limits: limits)
    var buffer = ByteBuffer()
    var events: [HTTPRequestParser.Event] = []
    let pieces: [[UInt8]] = byteByByte ? input.map { [$0] } : [input]
    for piece in pieces {
        buffer.append(piece)
        while let event = try parser.next(&buffer) { events.append(event) }
    }
    return events
}

/// The only complete request in `input`, or a failed expectation.
private func singleRequest(_ input: String, maxBodySize: Int = 1 << 20) throws -> (HTTPRequestHead, [UInt8]) {
    let requests = try parseEvents(Array(input.utf8), maxBodySize: maxBodySize).compactMap { event -> (HTTPRequestHead, [UInt8])? in
        if case .request(let head, let body) = event { return (head, body) }
        return nil
    }
    try #require(requests.count == 1, "expected one request, got \(requests.count)")
    return requests[0]
}

/// The status the parser refuses `input` with, or nil when it accepts it (or waits for more).
private func refusal(_ input: String, maxBodySize: Int = 1 << 20, limits: HTTPParserLimits = HTTPParserLimits()) -> Int? {
    refusal(Array(input.utf8), maxBodySize: maxBodySize, limits: limits)
}

private func refusal(_ input: [UInt8], maxBodySize: Int = 1 << 20, limits: HTTPParserLimits = HTTPParserLimits()) -> Int? {
    do {
        _ = try parseEvents(input, maxBodySize: maxBodySize, limits: limits)
        return nil
    } catch {
        return error.status.code
    }
}

/// A raw request and the status it must be refused with.
struct Refusal: Sendable, CustomTestStringConvertible {
    let name: String
    let raw: String
    let status: Int

    init(_ name: String, _ raw: String, _ status: Int) {
        self.name = name
        self.raw = raw
        self.status = status
    }

    var testDescription: String { "\(name) → \(status)" }
}

// MARK: Accepted requests

@Suite("HTTPRequestParser: accepted requests")
struct HTTPRequestParserAcceptanceTests {
    @Test("a simple GET gives one request with method, target, version and headers")
    func simpleGet() throws {
        let (head, body) = try singleRequest("GET /rooms?week=12 HTTP/1.1\r\nHost: example.org\r\nAccept: text/html\r\n\r\n")
        #expect(head.method == .GET)
        #expect(head.target == "/rooms?week=12")
        #expect(head.path == "/rooms")
        #expect(head.version == .http1_1)
        #expect(head.headers["host"] == "example.org")
        #expect(head.headers["Accept"] == "text/html")
        #expect(body.isEmpty)
    }

    @Test("header values lose surrounding whitespace and keep inner whitespace")
    func headerValueTrimming() throws {
        let (head, _) = try singleRequest("GET / HTTP/1.1\r\nHost: a\r\nX-Note: \t two  words \t\r\n\r\n")
        #expect(head.headers["X-Note"] == "two  words")
    }

    @Test("pipelined requests in one buffer come out as several events, in order")
    func pipelined() throws {
        let input = "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
            + "GET /three HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(try parse(input) == [
            .request(method: "GET", target: "/one", body: ""),
            .head(method: "POST", target: "/two"),
            .request(method: "POST", target: "/two", body: "abc"),
            .request(method: "GET", target: "/three", body: ""),
        ])
    }

    @Test("feeding one byte at a time gives exactly the events of feeding it all at once")
    func byteByByte() throws {
        let input = "\r\nGET /one HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
            + "PUT /three HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n"
            + "DELETE /four HTTP/1.1\r\nHost: a\r\n\r\n"
        let whole = try parse(input)
        let dripped = try parse(input, byteByByte: true)
        #expect(whole.count == 6)
        #expect(dripped == whole)
        #expect(whole.last == .request(method: "DELETE", target: "/four", body: ""))
    }

    @Test("a Content-Length body is read to exactly that length; the rest is the next request")
    func contentLengthBody() throws {
        var parser = makeParser()
        var buffer = ByteBuffer()
        buffer.append(Array("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world".utf8))
        buffer.append(Array("GET /".utf8))
        guard case .head(let head)? = try parser.next(&buffer) else { Issue.record("expected a head event"); return }
        #expect(head.framing == .length(11))
        guard case .request(_, let body)? = try parser.next(&buffer) else { Issue.record("expected a request event"); return }
        #expect(String(decoding: body, as: UTF8.self) == "hello world")
        #expect(try parser.next(&buffer) == nil)
        #expect(buffer.readableCount == 5, "the start of the next request stays in the buffer")
        #expect(!parser.isReadingBody)
    }

    @Test("a body that has not fully arrived leaves the parser waiting inside the body")
    func partialBody() throws {
        var parser = makeParser()
        var buffer = ByteBuffer()
        buffer.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc".utf8))
        guard case .head? = try parser.next(&buffer) else { Issue.record("expected a head event"); return }
        #expect(try parser.next(&buffer) == nil)
        #expect(parser.isReadingBody)
        buffer.append(Array("defghij".utf8))
        guard case .request(_, let body)? = try parser.next(&buffer) else { Issue.record("expected a request event"); return }
        #expect(String(decoding: body, as: UTF8.self) == "abcdefghij")
    }

    @Test("Content-Length: 0 gives a request without a head event")
    func zeroLength() throws {
        #expect(try parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n") == [.request(method: "POST", target: "/", body: "")])
    }

    @Test("a chunked body with chunk extensions and trailers is decoded")
    func chunkedBody() throws {
        let input = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "6 ; quoted=\"a b\"\r\n world\r\n"
            + "A\r\n, chunked!\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\n"
        let (head, body) = try singleRequest(input)
        #expect(head.framing == .chunked)
        #expect(String(decoding: body, as: UTF8.self) == "hello world, chunked!")
    }

    @Test("Transfer-Encoding is matched case-insensitively")
    func chunkedCaseInsensitive() throws {
        let (_, body) = try singleRequest("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        #expect(body == Array("abc".utf8))
    }

    @Test("Expect: 100-continue gives a head event that asks for 100 Continue before the body")
    func expectContinue() throws {
        var parser = makeParser()
        var buffer = ByteBuffer()
        buffer.append(Array("PUT /file HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-Continue\r\n\r\n".utf8))
        guard case .head(let head)? = try parser.next(&buffer) else { Issue.record("expected a head event"); return }
        #expect(head.expectsContinue)
        #expect(head.method == .PUT)
        #expect(try parser.next(&buffer) == nil)
        buffer.append(Array("data".utf8))
        guard case .request(let final, let body)? = try parser.next(&buffer) else { Issue.record("expected a request event"); return }
        #expect(final.target == "/file")
        #expect(body == Array("data".utf8))
    }

    @Test("a head event without Expect does not ask for 100 Continue, nor does HTTP/1.0")
    func noContinueWithoutExpect() throws {
        let events = try parseEvents(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\n".utf8))
        guard case .head(let head)? = events.first else { Issue.record("expected a head event"); return }
        #expect(!head.expectsContinue)

        let old = try parseEvents(Array("POST / HTTP/1.0\r\nContent-Length: 1\r\nExpect: 100-continue\r\n\r\n".utf8))
        guard case .head(let oldHead)? = old.first else { Issue.record("expected a head event"); return }
        #expect(!oldHead.expectsContinue)
    }

    @Test("OPTIONS * is accepted")
    func optionsAsterisk() throws {
        let (head, _) = try singleRequest("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(head.method == .OPTIONS)
        #expect(head.target == "*")
    }

    @Test("an absolute-form target is accepted and split into path and query")
    func absoluteForm() throws {
        let (head, _) = try singleRequest("GET http://example.org:8080/rooms/4?week=12&day=mon HTTP/1.1\r\nHost: example.org:8080\r\n\r\n")
        #expect(head.target == "http://example.org:8080/rooms/4?week=12&day=mon")
        #expect(head.path == "/rooms/4")
        let request = HTTPRequest(method: head.method, target: head.target)
        #expect(request.path == "/rooms/4")
        #expect(request.query == "week=12&day=mon")
        #expect(HTTPRequest(method: .GET, target: "https://example.org").path == "/")
    }

    @Test("a target splits at its first ? into path and query", arguments: [
        ("/rooms", "/rooms", ""), ("/rooms?", "/rooms", ""), ("/rooms?a=1?b=2", "/rooms", "a=1?b=2"),
        ("/st-j%C3%BCrgen?q=%C3%BC", "/st-j%C3%BCrgen", "q=%C3%BC"), ("*", "*", ""),
        ("http://host", "/", ""), ("https://host:8443?x", "/", ""), ("http://host/?x=1", "/", "x=1"),
    ])
    func targetSplit(target: String, path: String, query: String) {
        let request = HTTPRequest(method: .GET, target: target)
        #expect(request.path == path)
        #expect(request.query == query)
    }

    @Test("HTTP/1.0 needs no Host and HTTP/1.1 with a higher minor version is read as 1.1")
    func versions() throws {
        let (old, _) = try singleRequest("GET / HTTP/1.0\r\n\r\n")
        #expect(old.version == .http1_0)
        let (newer, _) = try singleRequest("GET / HTTP/1.2\r\nHost: a\r\n\r\n")
        #expect(newer.version == .http1_1)
    }

    @Test("a request line of exactly 8 KiB is accepted")
    func longestRequestLine() throws {
        let target = "/" + String(repeating: "a", count: 8 * 1024 - "GET / HTTP/1.1".utf8.count)
        let line = "GET \(target) HTTP/1.1"
        #expect(line.utf8.count == 8 * 1024)
        let (head, _) = try singleRequest(line + "\r\nHost: a\r\n\r\n")
        #expect(head.target == target)
    }

    @Test("100 header fields are accepted")
    func hundredFields() throws {
        let fields = (1..<100).map { "X-Field-\($0): v\r\n" }.joined()
        let (head, _) = try singleRequest("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n")
        #expect(head.headers.count == 100)
    }

    @Test("a body of exactly the limit is accepted, by Content-Length and chunked")
    func bodyAtTheLimit() throws {
        let (_, fixed) = try singleRequest("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", maxBodySize: 10)
        #expect(fixed.count == 10)
        let (_, chunked) = try singleRequest("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", maxBodySize: 10)
        #expect(chunked.count == 10)
    }

    @Test("the body limit is asked per request head")
    func perRequestLimit() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits()) { head in head.path == "/upload" ? 100 : 10 }
        var buffer = ByteBuffer()
        buffer.append(Array("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 50\r\n\r\n".utf8))
        guard case .head? = try parser.next(&buffer) else { Issue.record("expected a head event"); return }

        var other = HTTPRequestParser(limits: HTTPParserLimits()) { head in head.path == "/upload" ? 100 : 10 }
        var otherBuffer = ByteBuffer()
        otherBuffer.append(Array("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 50\r\n\r\n".utf8))
        let error = #expect(throws: HTTPParseError.self) { try other.next(&otherBuffer) }
        #expect(error?.status == .contentTooLarge)
    }
}

// MARK: Refusals

@Suite("HTTPRequestParser: refusals")
struct HTTPRequestParserRefusalTests {
    static let framing: [Refusal] = [
        Refusal("Content-Length and Transfer-Encoding together",
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        Refusal("Transfer-Encoding before Content-Length",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400),
        Refusal("duplicate equal Content-Length",
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400),
        Refusal("duplicate different Content-Length",
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400),
        Refusal("Content-Length list in one field", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello", 400),
        Refusal("Content-Length +5", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", 400),
        Refusal("Content-Length -1", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        Refusal("Content-Length ' 5x'", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:  5x\r\n\r\nhello", 400),
        Refusal("Content-Length '4 2'", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4 2\r\n\r\n", 400),
        Refusal("empty Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", 400),
        Refusal("Content-Length that overflows", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        Refusal("Transfer-Encoding gzip, chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        Refusal("Transfer-Encoding chunked, gzip", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
        Refusal("Transfer-Encoding pigeons", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: pigeons\r\n\r\n", 400),
        Refusal("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    ]

    @Test("request framing that could smuggle a request is refused", arguments: framing)
    func framingRefused(_ example: Refusal) {
        #expect(refusal(example.raw) == example.status)
    }

    static let chunks: [Refusal] = [
        Refusal("chunk size 0x5", "0x5\r\nhello\r\n0\r\n\r\n", 400),
        Refusal("chunk size -1", "-1\r\nh\r\n0\r\n\r\n", 400),
        Refusal("chunk size +5", "+5\r\nhello\r\n0\r\n\r\n", 400),
        Refusal("chunk size of 17 hex digits", "00000000000000005\r\nhello\r\n0\r\n\r\n", 400),
        Refusal("empty chunk size", "\r\nhello\r\n0\r\n\r\n", 400),
        Refusal("chunk size followed by garbage", "5 x\r\nhello\r\n0\r\n\r\n", 400),
        Refusal("missing CRLF after chunk data", "5\r\nhelloX\r\n0\r\n\r\n", 400),
        Refusal("bare LF after chunk data", "5\r\nhello\n0\r\n\r\n", 400),
        Refusal("bare LF in chunk size line", "5\nhello\r\n0\r\n\r\n", 400),
        Refusal("bare LF in a trailer", "0\r\nX-T: a\nb\r\n\r\n", 400),
        Refusal("trailer without colon", "0\r\nnonsense\r\n\r\n", 400),
    ]

    @Test("malformed chunked framing is refused", arguments: chunks)
    func chunksRefused(_ example: Refusal) {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(refusal(head + example.raw) == example.status)
    }

    @Test("a chunk size of 16 hex digits is read (and is over any limit)")
    func sixteenHexDigits() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(refusal(head + "0000000000000005\r\nhello\r\n0\r\n\r\n") == nil)
        #expect(refusal(head + "FFFFFFFFFFFFFFFF\r\n") == 413)
    }

    static let syntax: [Refusal] = [
        Refusal("bare CR in a header", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n", 400),
        Refusal("bare CR in the request line", "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Refusal("bare LF in the header section", "GET / HTTP/1.1\r\nHost: a\nX-A: b\r\n\r\n", 400),
        Refusal("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  continued\r\n\r\n", 400),
        Refusal("obs-fold with a tab", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tcontinued\r\n\r\n", 400),
        Refusal("space before the colon", "GET / HTTP/1.1\r\nHost: a\r\nX-A : b\r\n\r\n", 400),
        Refusal("space before the colon of Content-Length",
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length : 5\r\n\r\nhello", 400),
        Refusal("empty header name", "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n", 400),
        Refusal("header line without colon", "GET / HTTP/1.1\r\nHost: a\r\nX-A b\r\n\r\n", 400),
        Refusal("NUL in a header value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{0}c\r\n\r\n", 400),
        Refusal("DEL in a header value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{7F}c\r\n\r\n", 400),
        Refusal("NUL in a header name", "GET / HTTP/1.1\r\nHost: a\r\nX\u{0}A: b\r\n\r\n", 400),
        Refusal("no Host on HTTP/1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
        Refusal("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        Refusal("two Hosts on HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        Refusal("Host with {", "GET / HTTP/1.1\r\nHost: exa{mple.org\r\n\r\n", 400),
        Refusal("Host with a control character", "GET / HTTP/1.1\r\nHost: a\u{6}b\r\n\r\n", 400),
        Refusal("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
    ]

    @Test("header syntax that parsers disagree on is refused", arguments: syntax)
    func syntaxRefused(_ example: Refusal) {
        #expect(refusal(example.raw) == example.status)
    }

    static let requestLine: [Refusal] = [
        Refusal("unknown method FOO", "FOO / HTTP/1.1\r\nHost: a\r\n\r\n", 501),
        Refusal("lower-case method", "get / HTTP/1.1\r\nHost: a\r\n\r\n", 501),
        Refusal("CONNECT", "CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n", 501),
        Refusal("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        Refusal("HTTP/0.9", "GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505),
        Refusal("HTTP/1.x", "GET / HTTP/1.x\r\nHost: a\r\n\r\n", 400),
        Refusal("lower-case http/1.1", "GET / http/1.1\r\nHost: a\r\n\r\n", 400),
        Refusal("GET *", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Refusal("relative target", "GET rooms HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Refusal("two spaces in the request line", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Refusal("missing version", "GET /\r\nHost: a\r\n\r\n", 400),
        Refusal("invalid method token", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Refusal("Expect other than 100-continue", "GET / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n", 417),
    ]

    @Test("request lines with an unknown method, version or target are refused", arguments: requestLine)
    func requestLineRefused(_ example: Refusal) {
        #expect(refusal(example.raw) == example.status)
    }

    @Test("a request line over 8 KiB is answered 414, also before its end has arrived")
    func requestLineTooLong() {
        let target = "/" + String(repeating: "a", count: 8 * 1024 - "GET / HTTP/1.1".utf8.count + 1)
        #expect(refusal("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n") == 414)
        #expect(refusal("GET /" + String(repeating: "a", count: 9000)) == 414)
    }

    @Test("a header section over 32 KiB is answered 431, also before its end has arrived")
    func headerSectionTooLarge() {
        let fields = (0..<40).map { "X-Field-\($0): " + String(repeating: "v", count: 900) + "\r\n" }.joined()
        let complete = "GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n"
        #expect(complete.utf8.count > 32 * 1024)
        #expect(refusal(complete) == 431)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\n" + fields) == 431)
    }

    @Test("101 header fields are answered 431")
    func tooManyFields() {
        let fields = (1...100).map { "X-Field-\($0): v\r\n" }.joined()
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n") == 431)
    }

    @Test("a Content-Length over the limit is answered 413 as soon as the head is complete")
    func contentLengthOverLimit() {
        var parser = makeParser(maxBodySize: 1000)
        var buffer = ByteBuffer()
        buffer.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1001\r\n\r\n".utf8))
        let error = #expect(throws: HTTPParseError.self) { try parser.next(&buffer) }
        #expect(error?.status == .contentTooLarge)
    }

    @Test("a chunked body whose running total passes the limit is answered 413")
    func chunkedOverLimit() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        // Each chunk is under the limit; the total is not.
        #expect(refusal(head + "6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n", maxBodySize: 10) == 413)
        // One declared chunk over the limit is refused before its data arrives.
        #expect(refusal(head + "100000\r\n", maxBodySize: 10) == 413)
    }

    @Test("a trailer section over the header limit is answered 431")
    func trailersTooLarge() {
        var limits = HTTPParserLimits()
        limits.maxHeaderBytes = 1024
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let trailers = (0..<20).map { "X-T-\($0): " + String(repeating: "t", count: 100) + "\r\n" }.joined()
        #expect(refusal(head + trailers + "\r\n", limits: limits) == 431)
    }

    @Test("a request refused by the parser names its status and a reason")
    func errorValue() {
        var parser = makeParser()
        var buffer = ByteBuffer()
        buffer.append(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        do {
            _ = try parser.next(&buffer)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.status == .badRequest)
            #expect(!error.reason.isEmpty)
        }
    }
}
