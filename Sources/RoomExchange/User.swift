import Localization

/// A person with an account.
public struct User: Sendable, Identifiable, Equatable {
    public typealias ID = Tagged<User, Int64>

    public enum Role: String, CaseIterable, Sendable, Codable {
        case member, moderator, admin

        /// Moderators and admins see the moderation queue.
        public var canModerate: Bool { self != .member }
    }

    /// What a person may do for their organisation.
    public enum OrganisationRole: String, Sendable, Codable {
        /// Edits the organisation and invites members (the first user).
        case manager
        case member
    }

    public var id: ID
    public var email: String
    public var name: String
    public var role: Role
    public var organisationID: Organisation.ID?
    public var organisationRole: OrganisationRole
    public var language: Language

    public init(id: ID, email: String, name: String, role: Role, organisationID: Organisation.ID?,
                organisationRole: OrganisationRole, language: Language) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.organisationID = organisationID
        self.organisationRole = organisationRole
        self.language = language
    }
}

/// Validation failures keyed by form field, in the order found.
public struct FieldErrors: Error, Sendable, Equatable {
    public private(set) var messages: [(field: String, message: Phrase)] = []

    public init() {}

    public mutating func add(_ field: String, _ message: Phrase) {
        guard self[field] == nil else { return }
        messages.append((field, message))
    }

    public subscript(field: String) -> Phrase? {
        messages.first { $0.field == field }?.message
    }

    public var isEmpty: Bool { messages.isEmpty }

    public static func == (a: FieldErrors, b: FieldErrors) -> Bool {
        a.messages.map(\.field) == b.messages.map(\.field) && a.messages.map(\.message) == b.messages.map(\.message)
    }
}
