/// A text to show a person, named by its catalogue key with the values for its
/// placeholders. Rules and forms return phrases; a page turns them into words in
/// the visitor's language, so no code decides which language a text is in.
public struct Phrase: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let key: String
    public let arguments: [String: String]

    public init(_ key: String, _ arguments: [String: String] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    public init(stringLiteral key: String) { self.init(key) }

    public var description: String { arguments.isEmpty ? key : "\(key) \(arguments.sorted { $0.key < $1.key })" }
}
