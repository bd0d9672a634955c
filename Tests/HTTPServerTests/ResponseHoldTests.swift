import Foundation
import Testing
import ThreadWaits
@testable import HTTPServer

@Suite("Responses held while more requests are ready")
struct ResponseHoldTests {
    private func connection() -> Connection {
        Connection(fd: -1, remoteAddress: "test", parser: HTTPRequestParser(limits: HTTPParserLimits()) { _ in 1024 })
    }

    private func response(_ byte: UInt8) -> EncodedResponse { EncodedResponse(head: [byte], body: []) }

    @Test("only a quick handler's response is held, at most `limit` of them")
    func holdRules() {
        let hold = ResponseHold(limit: 2)
        let quick = ResponseHold.quickHandlerNanoseconds - 1
        #expect(!hold.hold(response(1), for: connection(), started: 0, finished: ResponseHold.quickHandlerNanoseconds),
                "a handler that took a millisecond may be followed by more slow ones")
        #expect(!hold.isHolding)
        #expect(hold.hold(response(1), for: connection(), started: 10, finished: 10 + quick))
        #expect(hold.hold(response(2), for: connection(), started: 20, finished: 20 + quick))
        #expect(!hold.hold(response(3), for: connection(), started: 30, finished: 30 + quick), "the third is over the limit")
        #expect(hold.takeAll().map(\.response.head) == [[1], [2]], "sent in the order they were finished")
        #expect(!hold.isHolding)
        #expect(!ResponseHold(limit: 0).hold(response(1), for: connection(), started: 0, finished: 1), "limit 0 holds nothing")
    }

    @Test("the thread serves more ready requests only for a millisecond after the first held response")
    func holdAge() {
        let hold = ResponseHold(limit: 16)
        #expect(hold.hold(response(1), for: connection(), started: 1_000, finished: 2_000))
        #expect(hold.mayServeMore(now: 2_000 + ResponseHold.maxWaitNanoseconds - 1))
        #expect(!hold.mayServeMore(now: 2_000 + ResponseHold.maxWaitNanoseconds))
    }

    /// One thread serves. `/gate` keeps it busy until released, so that `/quick`
    /// and then `second` are both ready when it comes back. Returns the seconds
    /// from the release until `/quick`'s response arrived, and `second`'s status.
    private func quickThen(_ second: String) throws -> (seconds: Double, secondStatus: Int) {
        let gate = DispatchSemaphore(value: 0)
        return try withOnePlaceServer(handler: { request in
            switch request.path {
            case "/gate": _ = gate.wait(timeout: .now() + 5)
            case "/slow": Thread.sleep(forTimeInterval: 1)
            case "/wait": ThreadWaits.whileWaiting { Thread.sleep(forTimeInterval: 1) }
            default: break
            }
            return .text(request.path)
        }) { server in
            let gated = try RawHTTPClient(port: server.port)
            try gated.send(Raw.get("/gate"))
            Thread.sleep(forTimeInterval: 0.2)
            let quick = try RawHTTPClient(port: server.port)
            try quick.send(Raw.get("/quick"))
            Thread.sleep(forTimeInterval: 0.05)
            let slow = try RawHTTPClient(port: server.port)
            try slow.send(second)
            Thread.sleep(forTimeInterval: 0.05)
            let released = ContinuousClock.now
            gate.signal()
            #expect(try gated.readResponse().status == 200)
            let response = try quick.readResponse()
            let seconds = (ContinuousClock.now - released).seconds
            #expect(response.status == 200 && String(decoding: response.body, as: UTF8.self) == "/quick")
            return (seconds, try slow.readResponse().status)
        }
    }

    @Test("a held response is sent before a request with a body runs (a login's hash, an upload)")
    func sentBeforeABody() throws {
        let (seconds, status) = try quickThen(Raw.post("/slow", body: "x"))
        #expect(status == 200)
        #expect(seconds < 0.5, "not after the second's sleep (\(seconds) s)")
    }

    @Test("a held response is sent before a handler waits inside ThreadWaits.whileWaiting")
    func sentBeforeAWait() throws {
        let (seconds, status) = try quickThen(Raw.get("/wait"))
        #expect(status == 200)
        #expect(seconds < 0.5, "not after the wait (\(seconds) s)")
    }

    @Test("the price: a held response waits for the one GET that follows it in the burst")
    func waitsForOneGet() throws {
        let (seconds, status) = try quickThen(Raw.get("/slow"))
        #expect(status == 200)
        #expect(seconds > 0.9, "held while the slow GET ran (\(seconds) s)")
    }

    @Test("pipelined requests on many connections, served in bursts, are all answered in order")
    func pipelinedBursts() throws {
        try withServer({ $0.workerThreads = 1 }) { server in
            let clients = try (0..<12).map { _ in try RawHTTPClient(port: server.port) }
            for (index, client) in clients.enumerated() {
                try client.send((0..<3).map { Raw.get("/c\(index)/r\($0)") }.joined())
            }
            for (index, client) in clients.enumerated() {
                for request in 0..<3 {
                    let response = try client.readResponse()
                    #expect(String(decoding: response.body, as: UTF8.self) == "GET /c\(index)/r\(request)\n")
                }
            }
        }
    }
}
