import Foundation
import HTTPServer
import Testing

@Suite("Available processors")
struct AvailableProcessorsTests {
    @Test("the count follows the affinity mask, as the kernel lists it in /proc/self/status")
    func matchesAffinityList() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        // "0-1,3" → 3 CPUs
        let listed = try line.dropFirst("Cpus_allowed_list:".count).split(separator: ",").map { part -> Int in
            let bounds = part.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
            let first = try #require(bounds.first)
            return (bounds.last ?? first) - first + 1
        }.reduce(0, +)
        #expect(HTTPServer.availableProcessors == listed)
        #expect((1...ProcessInfo.processInfo.activeProcessorCount).contains(HTTPServer.availableProcessors))
    }
}
