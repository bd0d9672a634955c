#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HTTPServer

/// Seconds since `start` on the monotonic clock.
private func elapsed(since start: ContinuousClock.Instant) -> Double {
    let (seconds, attoseconds) = (ContinuousClock.now - start).components
    return Double(seconds) + Double(attoseconds) / 1e18
}

private func sleep(for duration: Duration) {
    let (seconds, attoseconds) = duration.components
    usleep(useconds_t(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
}

/// Tries to connect until the connection is refused or `timeout` passes; true when refused.
/// Whether connecting to `port` is refused within `timeout`. Other failures are
/// tried again: tests running alongside hold thousands of sockets, and a
/// connect that found no descriptor or local port free once failed this check
/// (1 run in about 30). `last` says what happened last, for the message.
private func connectionRefused(port: Int, within timeout: Duration) -> (refused: Bool, last: String) {
    let start = ContinuousClock.now
    var last = "not tried"
    repeat {
        let (fd, error) = RawHTTPClient.connect(port: port)
        if fd >= 0 {
            Glibc.close(fd)
            last = "connected"
        } else if error == ECONNREFUSED {
            return (true, "refused")
        } else {
            last = String(cString: strerror(error))
        }
        sleep(for: .milliseconds(20))
    } while ContinuousClock.now - start < timeout
    return (false, last)
}

@Suite("HTTPServer over real sockets")
struct HTTPServerIntegrationTests {
    // MARK: Keep-alive, pipelining, framing

    @Test("an HTTP/1.1 connection stays open for a second request")
    func keepAlive() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/first"))
            let first = try client.readResponse()
            #expect(first.status == 200)
            #expect(first.version == "HTTP/1.1")
            #expect(first.text == "GET /first\n")
            #expect(!first.closes)
            #expect(first.header("Date") != nil)

            try client.send(Raw.get("/second?x=1"))
            let second = try client.readResponse()
            #expect(second.status == 200)
            #expect(second.text == "GET /second?x=1\n")
        }
    }

    @Test("three pipelined GETs get three responses in request order")
    func pipelining() throws {
        // The first request is the slowest, so answering in completion order would show.
        try withServer(handler: { request in
            if request.path == "/1" { usleep(50_000) }
            return try echo(request)
        }) { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/1") + Raw.get("/2") + Raw.get("/3"))
            let bodies = try (1...3).map { _ in try client.readResponse().text }
            #expect(bodies == ["GET /1\n", "GET /2\n", "GET /3\n"])
        }
    }

    @Test("a HEAD response has the Content-Length of its body but sends no body")
    func head() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            // A body after the HEAD response would be read as the next status line.
            try client.send("HEAD /page HTTP/1.1\r\nHost: a\r\n\r\n" + Raw.get("/after"))
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == String("HEAD /page\n".utf8.count))
            let next = try client.readResponse()
            #expect(next.status == 200)
            #expect(next.text == "GET /after\n")
        }
    }

    @Test("Connection: close is answered with Connection: close and the connection is closed")
    func connectionClose() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/bye", "Connection: close\r\n"))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.closes)
            #expect(try client.readUntilClosed().isEmpty)
        }
    }

    @Test("HTTP/1.0 closes by default and keeps the connection only on Connection: keep-alive")
    func http10() throws {
        try withServer { server in
            let plain = try RawHTTPClient(port: server.port)
            try plain.send("GET /old HTTP/1.0\r\n\r\n")
            let response = try plain.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "GET /old\n")
            #expect(response.closes)
            #expect(try plain.readUntilClosed().isEmpty)

            let keepAlive = try RawHTTPClient(port: server.port)
            try keepAlive.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try keepAlive.readResponse()
            #expect(first.header("Connection")?.lowercased() == "keep-alive")
            try keepAlive.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().text == "GET /b\n")
        }
    }

    @Test("a POST body with Content-Length reaches the handler intact")
    func contentLengthPost() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            let body = String((0..<100_000).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
            try client.send(Raw.post("/form", body: body))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "POST /form\n" + body)
        }
    }

    @Test("a chunked POST sent in pieces reaches the handler decoded")
    func chunkedPost() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
            sleep(for: .milliseconds(20))
            try client.send("lo\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "POST /upload\nhello, world")
            // The connection is still usable afterwards.
            try client.send(Raw.get("/next"))
            #expect(try client.readResponse().text == "GET /next\n")
        }
    }

    @Test("Expect: 100-continue gets HTTP/1.1 100 Continue before the body is sent, then the answer")
    func expectContinue() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send("PUT /file HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            #expect(interim.version == "HTTP/1.1")
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "PUT /file\nhello")
        }
    }

    @Test("a request after Connection: close on the same connection is not answered")
    func nothingAfterClose() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/last", "Connection: close\r\n") + Raw.get("/ignored"))
            #expect(try client.readResponse().text == "GET /last\n")
            #expect(try client.readUntilClosed().isEmpty)
        }
    }

    @Test("a client that half-closes after its request still gets the answer")
    func halfClose() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/half"))
            client.shutdownWrite()
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "GET /half\n")
            #expect(client.isClosedByServer(within: .seconds(2)))
        }
    }

    @Test("a response larger than the socket buffers arrives whole, then the next pipelined request is answered")
    func largeResponse() throws {
        let big = (0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try withServer(handler: { request in
            request.path == "/big" ? HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: big) : try echo(request)
        }) { server in
            let client = try RawHTTPClient(port: server.port, receiveBufferSize: 16 * 1024)
            try client.send(Raw.get("/big") + Raw.get("/after"))
            sleep(for: .milliseconds(100))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.body.count == big.count)
            #expect(response.body == big, "the bytes arrive in order")
            #expect(try client.readResponse().text == "GET /after\n")
        }
    }

    @Test("a pipelined malformed request after a good one: the good one is answered, then 400 and close")
    func pipelinedMalformed() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/good") + "GET /bad HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n")
            #expect(try client.readResponse().text == "GET /good\n")
            let bad = try client.readResponse()
            #expect(bad.status == 400)
            #expect(bad.closes)
            #expect(try client.readUntilClosed().isEmpty)
        }
    }

    @Test("after maxRequestsPerConnection answers the server closes the connection")
    func requestsPerConnection() throws {
        try withServer({ $0.maxRequestsPerConnection = 3 }) { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/1") + Raw.get("/2") + Raw.get("/3") + Raw.get("/4"))
            let responses = try (1...3).map { _ in try client.readResponse() }
            #expect(responses.map(\.text) == ["GET /1\n", "GET /2\n", "GET /3\n"])
            #expect(responses.map(\.closes) == [false, false, true])
            #expect(try client.readUntilClosed().isEmpty)
        }
    }

    // MARK: Errors and limits

    @Test("a malformed request gets 400 with Connection: close, and the server keeps serving others")
    func malformed() throws {
        try withServer { server in
            let bad = try RawHTTPClient(port: server.port)
            try bad.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n")
            let response = try bad.readResponse()
            #expect(response.status == 400)
            #expect(response.closes)
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            let rest = try bad.readUntilClosed()
            #expect(rest.isEmpty, "nothing after the 400, in particular no answer to the smuggled request")

            let good = try RawHTTPClient(port: server.port)
            try good.send(Raw.get("/ok"))
            #expect(try good.readResponse().status == 200)
        }
    }

    @Test("refusals reach the client with their status", arguments: [
        ("FOO / HTTP/1.1\r\nHost: a\r\n\r\n", 501),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nExpect: magic\r\n\r\n", 417),
        ("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X-A: b\r\n", count: 101) + "\r\n", 431),
    ])
    func refusalsOverTheWire(raw: String, status: Int) throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(raw)
            let response = try client.readResponse()
            #expect(response.status == status)
            #expect(response.closes)
        }
    }

    @Test("a Content-Length over the limit gets 413 without the body being sent")
    func contentTooLarge() throws {
        let handled = Locked(0)
        try withServer({ $0.maxBodySize = 1 << 20 }, handler: { request in
            handled.withLock { $0 += 1 }
            return try echo(request)
        }) { server in
            let client = try RawHTTPClient(port: server.port, timeout: .seconds(2))
            try client.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 50000000\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.closes)
            #expect(handled.current == 0)
        }
    }

    @Test("Expect: 100-continue with a Content-Length over the limit gets 413 and no 100 Continue")
    func expectContinueTooLarge() throws {
        try withServer({ $0.maxBodySize = 1000 }) { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send("PUT /file HTTP/1.1\r\nHost: a\r\nContent-Length: 1001\r\nExpect: 100-continue\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.closes)
        }
    }

    @Test("a chunked body over the limit gets 413")
    func chunkedTooLarge() throws {
        try withServer({ $0.maxBodySize = 1000 }) { server in
            let client = try RawHTTPClient(port: server.port)
            let chunk = String(repeating: "z", count: 600)
            try client.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.closes)
        }
    }

    @Test("a route can raise the body limit through configuration.bodyLimit")
    func perRouteLimit() throws {
        var router = Router()
        router.add(.POST, "/photo", maxBodySize: 200_000) { request in .text("photo \(request.body.count)") }
        router.add(.POST, "/form") { request in .text("form \(request.body.count)") }
        let routes = router
        try withServer({ configuration in
            configuration.maxBodySize = 10_000
            configuration.bodyLimit = { routes.maxBodySize(for: $0) }
        }, handler: { try routes.handle($0) }) { server in
            let large = String(repeating: "x", count: 150_000)
            let photo = try RawHTTPClient(port: server.port)
            try photo.send(Raw.post("/photo", body: large))
            let accepted = try photo.readResponse()
            #expect(accepted.status == 200)
            #expect(accepted.text == "photo 150000")

            let form = try RawHTTPClient(port: server.port)
            try form.send("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 150000\r\n\r\n")
            #expect(try form.readResponse().status == 413)

            let small = try RawHTTPClient(port: server.port)
            try small.send(Raw.post("/form", body: String(repeating: "y", count: 10_000)))
            #expect(try small.readResponse().text == "form 10000")
        }
    }

    @Test("a handler that throws an unknown error answers 500 and is logged; HTTPError answers its status")
    func handlerErrors() throws {
        struct Boom: Error {}
        let logged = Locked<[String]>([])
        try withServer({ configuration in
            configuration.errorLog = { line in logged.withLock { $0.append(line) } }
        }, handler: { request in
            switch request.path {
            case "/boom": throw Boom()
            case "/missing": throw HTTPError(.notFound)
            case "/teapot": throw HTTPError(HTTPStatus(418, "I'm a teapot"), message: "short and stout", headers: ["X-Why": "tea"])
            default: return .text("fine")
            }
        }) { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/boom"))
            let boom = try client.readResponse()
            #expect(boom.status == 500)
            #expect(boom.text == "Internal Server Error\n")
            #expect(!boom.text.contains("Boom"), "the error itself is not shown to the client")

            try client.send(Raw.get("/missing"))
            let missing = try client.readResponse()
            #expect(missing.status == 404)
            #expect(missing.text == "Not Found\n")

            try client.send(Raw.get("/teapot"))
            let teapot = try client.readResponse()
            #expect(teapot.status == 418)
            #expect(teapot.text == "short and stout\n")
            #expect(teapot.header("X-Why") == "tea")

            try client.send(Raw.get("/"))
            #expect(try client.readResponse().text == "fine", "the connection survives handler errors")
            #expect(logged.current == ["GET /boom: Boom()"])
        }
    }

    // MARK: Timeouts and resource limits

    @Test("a slowloris client is answered 408 by the whole-header deadline while others are served")
    func slowloris() throws {
        try withServer({ $0.headerTimeout = .milliseconds(800) }) { server in
            let slow = try RawHTTPClient(port: server.port, timeout: .seconds(3))
            let start = ContinuousClock.now
            try slow.send("GET / HTTP/1.1\r\nHost: a\r\nX-Drip: ")
            var drips = 0
            var otherServedFirst: Bool?
            // One byte every 200 ms: each byte would reset a per-read timer.
            while !slow.canRead(within: .milliseconds(200)), elapsed(since: start) < 3 {
                if (try? slow.send("a")) == nil { break }
                drips += 1
                if drips == 1 {
                    // A server blocked on the slow client would answer this one only after cutting it.
                    let other = try RawHTTPClient(port: server.port)
                    try other.send(Raw.get("/other"))
                    #expect(try other.readResponse().status == 200)
                    otherServedFirst = !slow.canRead(within: .zero)
                }
            }
            let cutAfter = elapsed(since: start)
            let response = try slow.readResponse()
            #expect(response.status == 408)
            #expect(response.closes)
            #expect(slow.isClosedByServer(within: .seconds(3)))
            #expect(cutAfter >= 0.7 && cutAfter < 2.0, "cut after \(cutAfter) s")
            #expect(drips >= 3)
            #expect(otherServedFirst == true, "another client was served while the slow one was still connected")
        }
    }

    @Test("a stalled body is cut off by the body idle timeout")
    func stalledBody() throws {
        try withServer({ $0.bodyIdleTimeout = .milliseconds(800) }) { server in
            let client = try RawHTTPClient(port: server.port, timeout: .seconds(3))
            let start = ContinuousClock.now
            try client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789")
            let response = try client.readResponse()
            let cutAfter = elapsed(since: start)
            #expect(response.status == 408)
            #expect(response.closes)
            #expect(client.isClosedByServer(within: .seconds(3)))
            #expect(cutAfter >= 0.7 && cutAfter < 2.0, "cut after \(cutAfter) s")
        }
    }

    @Test("a body dripped faster than the idle timeout is still cut by the whole-body deadline")
    func drippedBody() throws {
        try withServer({ configuration in
            configuration.bodyIdleTimeout = .milliseconds(800)
            configuration.bodyTimeout = .milliseconds(1200)
        }) { server in
            let client = try RawHTTPClient(port: server.port, timeout: .seconds(3))
            let start = ContinuousClock.now
            try client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n")
            while !client.canRead(within: .milliseconds(200)), elapsed(since: start) < 4 {
                if (try? client.send("x")) == nil { break }
            }
            let cutAfter = elapsed(since: start)
            #expect(try client.readResponse().status == 408)
            #expect(cutAfter >= 1.1 && cutAfter < 2.5, "cut after \(cutAfter) s")
        }
    }

    @Test("an idle keep-alive connection is closed after keepAliveTimeout")
    func idleKeepAlive() throws {
        try withServer({ $0.keepAliveTimeout = .milliseconds(600) }) { server in
            let client = try RawHTTPClient(port: server.port, timeout: .seconds(3))
            try client.send(Raw.get("/"))
            #expect(try client.readResponse().status == 200)
            let start = ContinuousClock.now
            #expect(try client.readUntilClosed().isEmpty, "closed without a response")
            let closedAfter = elapsed(since: start)
            #expect(closedAfter >= 0.5 && closedAfter < 1.5, "closed after \(closedAfter) s")

            // A connection that never sends anything is closed the same way.
            let silent = try RawHTTPClient(port: server.port, timeout: .seconds(3))
            #expect(silent.isClosedByServer(within: .seconds(2)))
        }
    }

    @Test("a client that stops reading a large response is cut off after writeTimeout while others are served")
    func stalledReader() throws {
        let big = [UInt8](repeating: 0x61, count: 32 << 20)
        try withServer({ $0.writeTimeout = .milliseconds(500) }, handler: { request in
            request.path == "/big" ? HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: big) : try echo(request)
        }) { server in
            let reader = try RawHTTPClient(port: server.port, receiveBufferSize: 4096)
            try reader.send(Raw.get("/big"))
            sleep(for: .milliseconds(300))
            let other = try RawHTTPClient(port: server.port)
            try other.send(Raw.get("/other"))
            #expect(try other.readResponse().status == 200)
            sleep(for: .milliseconds(900))
            // Whatever was in the socket buffers still arrives; then the stream ends early.
            let received = try reader.readUntilClosed()
            #expect(received.count > 0)
            #expect(received.count < big.count)
        }
    }

    @Test("with maxConnections held by idle connections a new client is still served; an idle one is shed")
    func shedsIdleConnections() throws {
        try withServer({ $0.maxConnections = 10 }) { server in
            let idle = try (0..<10).map { index in
                let client = try RawHTTPClient(port: server.port)
                try client.send(Raw.get("/idle/\(index)"))
                #expect(try client.readResponse().status == 200)
                return client
            }
            let start = ContinuousClock.now
            let fresh = try RawHTTPClient(port: server.port, timeout: .seconds(2))
            try fresh.send(Raw.get("/fresh"))
            let response = try fresh.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "GET /fresh\n")
            #expect(elapsed(since: start) < 1)
            let shed = idle.filter { $0.isClosedByServer(within: .milliseconds(50)) }.count
            #expect(shed >= 1)
        }
    }

    @Test("200 concurrent clients each doing 5 keep-alive requests all succeed")
    func concurrentClients() throws {
        let failures = Locked<[String]>([])
        let succeeded = Locked(0)
        try withServer { server in
            let port = server.port
            // 4 threads with 50 connections each; every round puts 200 requests in flight at once.
            let done = DispatchGroup()
            for group in 0..<4 {
                done.enter()
                Thread {
                    defer { done.leave() }
                    do {
                        let clients = try (0..<50).map { _ in try RawHTTPClient(port: port, timeout: .seconds(10)) }
                        for round in 0..<5 {
                            for (index, client) in clients.enumerated() {
                                try client.send(Raw.get("/c\(group)-\(index)/r\(round)"))
                            }
                            for (index, client) in clients.enumerated() {
                                let response = try client.readResponse()
                                if response.status == 200, response.text == "GET /c\(group)-\(index)/r\(round)\n", !response.closes {
                                    succeeded.withLock { $0 += 1 }
                                } else {
                                    failures.withLock { $0.append("c\(group)-\(index) r\(round): \(response.status) \(response.text)") }
                                }
                            }
                        }
                    } catch {
                        failures.withLock { $0.append("group \(group): \(error)") }
                    }
                }.start()
            }
            #expect(done.wait(timeout: .now() + 15) == .success)
        }
        #expect(failures.current == [])
        #expect(succeeded.current == 1000)
    }

    @Test("the access log is called once per request with method, target and status")
    func accessLog() throws {
        struct Line: Equatable { let method: String; let target: String; let status: Int; let bytes: Int }
        let lines = Locked<[Line]>([])
        try withServer({ configuration in
            configuration.accessLog = { entry in
                lines.withLock { $0.append(Line(method: entry.method, target: entry.target, status: entry.status, bytes: entry.bytes)) }
            }
        }, handler: { request in
            if request.path == "/missing" { throw HTTPError(.notFound) }
            return try echo(request)
        }) { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send(Raw.get("/a?b=c") + Raw.post("/form", body: "x=1") + Raw.get("/missing"))
            for _ in 0..<3 { _ = try client.readResponse() }

            let bad = try RawHTTPClient(port: server.port)
            try bad.send("BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try bad.readResponse().status == 501)

            let deadline = ContinuousClock.now + .seconds(2)
            while lines.withLock({ $0.count }) < 4, ContinuousClock.now < deadline { sleep(for: .milliseconds(10)) }
            sleep(for: .milliseconds(50))
            let logged = lines.current
            #expect(logged.count == 4)
            // The refused request is logged by the event loop, possibly before the third
            // answer of the other connection is logged; compare each connection's lines.
            let served = logged.filter { $0.method != "-" }
            let refused = logged.filter { $0.method == "-" }
            #expect(served == [
                Line(method: "GET", target: "/a?b=c", status: 200, bytes: "GET /a?b=c\n".utf8.count),
                Line(method: "POST", target: "/form", status: 200, bytes: "POST /form\nx=1".utf8.count),
                Line(method: "GET", target: "/missing", status: 404, bytes: "Not Found\n".utf8.count),
            ])
            #expect(refused.map(\.status) == [501])
        }
    }

    // MARK: Shutdown

    @Test("shutdown lets a request in flight finish with its full response, then refuses new connections")
    func gracefulShutdown() throws {
        let started = DispatchSemaphore(value: 0)
        let body = String(repeating: "done ", count: 2000)
        let server = try makeServer(handler: { request in
            started.signal()
            usleep(500_000)
            return .text(body)
        })
        let port = server.port
        let client = try RawHTTPClient(port: port, timeout: .seconds(5))
        try client.send(Raw.get("/slow"))
        #expect(started.wait(timeout: .now() + 2) == .success)

        let shutdownAt = ContinuousClock.now
        server.shutdown()
        let draining = connectionRefused(port: port, within: .seconds(2))
        #expect(draining.refused, "no new connections while draining (last attempt: \(draining.last))")

        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == body)
        #expect(response.closes)
        #expect(elapsed(since: shutdownAt) >= 0.3, "the response came after shutdown was called")
        #expect(try client.readUntilClosed().isEmpty)
        client.close()

        server.waitUntilStopped()
        #expect(elapsed(since: shutdownAt) < 2)
        let stopped = connectionRefused(port: port, within: .milliseconds(500))
        #expect(stopped.refused, "stopped: \(stopped.last)")
    }

    @Test("shutdown closes idle keep-alive connections at once")
    func shutdownClosesIdle() throws {
        let server = try makeServer()
        let client = try RawHTTPClient(port: server.port, timeout: .seconds(3))
        try client.send(Raw.get("/"))
        #expect(try client.readResponse().status == 200)
        let start = ContinuousClock.now
        server.shutdown()
        server.waitUntilStopped()
        #expect(elapsed(since: start) < 1)
        #expect(client.isClosedByServer(within: .seconds(1)))
    }
}
