import Foundation
import HTTPServer
import Testing

@Suite("Available processors")
struct AvailableProcessorsTests {
    @Test("the count follows the affinity mask, as coreutils' nproc reads it")
    func matchesNproc() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nproc")
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let nproc = try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(HTTPServer.availableProcessors == nproc)
        #expect((1...ProcessInfo.processInfo.activeProcessorCount).contains(HTTPServer.availableProcessors))
    }
}
