import HTTPServer
import Mustache

/// Every template the site renders, so a missing file fails at start-up, not on
/// the first visit.
enum Template: String, CaseIterable {
    case layout
    case home
    case roomsIndex = "rooms/index"
    case roomsShow = "rooms/show"
    case organisationsShow = "organisations/show"
    case error = "errors/error"
    case register = "account/register"
    case login = "account/login"
    case account = "account/account"
    case passwordReset = "account/password-reset"
    case passwordResetNew = "account/password-reset-new"
    case adminMail = "admin/mail"
    case dashboard = "my/dashboard"
    case roomForm = "rooms/form"
    case organisationForm = "organisations/edit"
    case booking = "bookings/show"
    case moderationQueue = "moderation/queue"
    case moderationAudit = "moderation/audit"
    case adminUsers = "admin/users"
    case impact = "impact"
    case impressum = "legal/impressum"
    case datenschutz = "legal/datenschutz"
    case barrierefreiheit = "legal/barrierefreiheit"
}

/// Renders pages into the layout.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init(directory: String) throws {
        library = try MustacheLibrary(directory: directory)
        for template in Template.allCases where !library.contains(template.rawValue) {
            throw MustacheError(template: template.rawValue, line: 0, column: 0, message: "template file is missing")
        }
    }

    /// The page `template` with `context`, inside the layout, as an HTML response.
    func page(_ template: Template, _ context: any MustacheContext, layout: LayoutContext,
              status: HTTPStatus = .ok) throws -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(16 * 1024)
        try library.render(template.rawValue, context, into: &body)
        var layout = layout
        layout.body = String(decoding: body, as: UTF8.self)
        var output: [UInt8] = []
        output.reserveCapacity(body.count + 4096)
        try library.render(Template.layout.rawValue, layout, into: &output)
        return .html(output, status: status)
    }
}

/// What the layout shows around every page.
struct LayoutContext: MustacheContext {
    enum Section { case home, rooms, impact, my, other }

    var title: String
    var description = "Die Raumbörse Lübeck: Räume von Vereinen, Unternehmen und der Stadt finden, buchen und teilen."
    var canonicalPath: String
    var section = Section.other
    var body = ""
    var lang = "de"
    var visitor: Visitor?

    init(title: String, canonicalPath: String, section: Section = .other, visitor: Visitor?) {
        self.title = title
        self.canonicalPath = canonicalPath
        self.section = section
        self.visitor = visitor
    }

    func value(for name: String) -> MustacheValue {
        switch name {
        case "title": .text(title)
        case "description": .text(description)
        case "canonical_path": .text(canonicalPath)
        case "body": .text(body)
        case "lang": .text(lang)
        case "nav_home": .bool(section == .home)
        case "nav_rooms": .bool(section == .rooms)
        case "nav_impact": .bool(section == .impact)
        case "nav_my": .bool(section == .my)
        case "signed_in": .bool(visitor?.isSignedIn == true)
        case "user_name": .text(visitor?.user?.name)
        case "is_moderator": .bool(visitor?.user?.role.canModerate == true)
        case "csrf_token": .text(visitor?.csrfToken)
        default: .missing
        }
    }
}
