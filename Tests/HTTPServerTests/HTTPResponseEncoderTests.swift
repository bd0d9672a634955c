import Testing
@testable import HTTPServer

@Suite("Responses as they go on the wire")
struct HTTPResponseEncoderTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("the head ends in an empty line; the body stays apart, unchanged")
    func headAndBody() {
        let encoded = HTTPResponseEncoder.encode(.text("hallo"), version: .http1_1, includeBody: true, close: false)
        #expect(text(encoded.head).hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text(encoded.head).hasSuffix("Content-Length: 5\r\n\r\n"))
        #expect(encoded.body == Array("hallo".utf8))
        #expect(encoded.count == encoded.head.count + 5)
    }

    @Test("HEAD, 204 and 304 carry no body, HEAD still its Content-Length")
    func noBody() {
        let head = HTTPResponseEncoder.encode(.text("hallo"), version: .http1_1, includeBody: false, close: false)
        #expect(head.body.isEmpty)
        #expect(text(head.head).contains("Content-Length: 5\r\n"))
        let noContent = HTTPResponseEncoder.encode(HTTPResponse(status: .noContent, body: Array("x".utf8)),
                                                   version: .http1_1, includeBody: true, close: false)
        #expect(noContent.body.isEmpty)
        #expect(!text(noContent.head).contains("Content-Length"))
    }

    @Test("what a short write left is the rest of head and body, in order")
    func rest() {
        let encoded = EncodedResponse(head: Array("HEAD\r\n".utf8), body: Array("body".utf8))
        #expect(text(encoded.bytes(from: 0)) == "HEAD\r\nbody")
        #expect(text(encoded.bytes(from: 4)) == "\r\nbody")
        #expect(text(encoded.bytes(from: 6)) == "body")
        #expect(text(encoded.bytes(from: 8)) == "dy")
        #expect(encoded.bytes(from: 10).isEmpty)
    }
}
