import ArgumentParser
import Foundation
import RoomExchange
import Storage
import Web

/// `raumboerse user create --email … --role moderator|admin`: accounts for city staff.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage user accounts.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user; prints a one-time password, or reads one from standard input with --password-stdin."
        )

        @OptionGroup var data: DataOptions
        @Option(help: "E-mail address (the login name).") var email: String
        @Option(help: "member, moderator or admin.") var role: String = "member"
        @Option(help: "Display name.") var name: String?
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() throws {
            guard let role = User.Role(rawValue: role) else { throw ValidationError("--role must be member, moderator or admin") }
            let email = email.trimmingCharacters(in: .whitespaces).lowercased()
            guard email.contains("@") else { throw ValidationError("--email needs an e-mail address") }
            let generated = !passwordStdin
            let password = generated ? Tokens.random().prefix(20).description : (readLine(strippingNewline: true) ?? "")
            guard password.count >= 10 else { throw ValidationError("the password needs at least 10 characters") }
            let database = try data.openDatabase(Settings())
            do {
                _ = try database.createUser(email: email, name: name ?? email, role: role, passwordHash: try PasswordHasher.owasp.hash(password))
            } catch is EmailTaken {
                throw ValidationError("a user with \(email) exists already")
            }
            print("created \(role.rawValue) \(email)")
            if generated { print("initial password (change it at /my/account after the first login): \(password)") }
        }
    }
}
