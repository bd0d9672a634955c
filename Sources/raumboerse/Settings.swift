import Foundation
import Web

/// The one table of settings: each has a flag, a `RAUMBOERSE_*` variable and a
/// default; a flag wins over the environment, the environment over the default.
struct Settings {
    let environment: [String: String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    func string(_ flag: String?, _ variable: String, default value: String) -> String {
        flag ?? environment["RAUMBOERSE_" + variable] ?? value
    }

    func int(_ flag: Int?, _ variable: String, default value: Int) throws -> Int {
        if let flag { return flag }
        guard let text = environment["RAUMBOERSE_" + variable] else { return value }
        guard let number = Int(text) else { throw SettingsError(variable: "RAUMBOERSE_" + variable, value: text) }
        return number
    }

    func double(_ flag: Double?, _ variable: String, default value: Double) throws -> Double {
        if let flag { return flag }
        guard let text = environment["RAUMBOERSE_" + variable] else { return value }
        guard let number = Double(text), number >= 0 else { throw SettingsError(variable: "RAUMBOERSE_" + variable, value: text) }
        return number
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func bool(_ flag: Bool, _ variable: String) -> Bool {
        flag || ["1", "true", "yes", "on"].contains(environment["RAUMBOERSE_" + variable]?.lowercased() ?? "")
    }
}

struct SettingsError: Error, CustomStringConvertible {
    let variable: String
    let value: String
    var description: String { "\(variable)=\(value) is not a number" }
}
