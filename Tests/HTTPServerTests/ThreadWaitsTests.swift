import Foundation
import Testing
import ThreadWaits
@testable import HTTPServer

/// Seconds a request to `target` took on a connection of its own.
private func timedGet(port: Int, _ target: String) throws -> (status: Int, seconds: Double) {
    let start = ContinuousClock.now
    let client = try RawHTTPClient(port: port)
    try client.send(Raw.get(target))
    let status = try client.readResponse().status
    return (status, (ContinuousClock.now - start).seconds)
}

@Suite("Threads that wait lend their place")
struct ThreadWaitsTests {
    /// With one place and one thread standing by, `/wait` holds its thread until
    /// `/go` is served or two seconds pass; `lending` says whether it lends its
    /// place meanwhile. Returns how `/go`, sent 0.3 s after `/wait`, fared.
    private func goWhileWaiting(lending: Bool) throws -> (status: Int, seconds: Double) {
        let go = DispatchSemaphore(value: 0)
        return try withOnePlaceServer(handler: { request in
            switch request.path {
            case "/wait":
                let wait = { go.wait(timeout: .now() + 2) == .success }
                let served = lending ? ThreadWaits.whileWaiting(wait) : wait()
                return .text(served ? "went" : "timed out")
            default:
                go.signal()
                return .text("go")
            }
        }) { server in
            let waiting = Thread { _ = try? timedGet(port: server.port, "/wait") }
            waiting.start()
            Thread.sleep(forTimeInterval: 0.3)
            return try timedGet(port: server.port, "/go")
        }
    }

    @Test("a request waiting inside whileWaiting lets the standing-by thread serve another")
    func lending() throws {
        let go = try goWhileWaiting(lending: true)
        #expect(go.status == 200 && go.seconds < 1, "served at once, not after the wait's two seconds")
    }

    @Test("a request that waits without saying so keeps its place: no more requests run than places")
    func notLending() throws {
        let go = try goWhileWaiting(lending: false)
        #expect(go.status == 200 && go.seconds > 1.2, "served only after the waiting request gave up (\(go.seconds) s)")
    }

    @Test("outside a server thread whileWaiting just runs its body")
    func outsideTheServer() {
        #expect(ThreadWaits.whileWaiting { 42 } == 42)
    }
}
