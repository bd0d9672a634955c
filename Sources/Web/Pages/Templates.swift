import HTTPServer
import Localization
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

/// Renders pages into the layout, in the page's language. Each language has its
/// own compiled templates: the texts are put in when the templates load.
struct PageRenderer: Sendable {
    let catalogs: Catalogs
    private let libraries: [Language: MustacheLibrary]

    /// Loads the templates of `directory` and the catalogues of `directory/i18n`;
    /// fails when a template names a key no catalogue has.
    init(directory: String) throws {
        let catalogs = try Catalogs(directory: directory + "/i18n")
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            let catalog = catalogs[language]
            let library = try MustacheLibrary(directory: directory, translations: MustacheTranslations { catalog.entries[$0] })
            for template in Template.allCases where !library.contains(template.rawValue) {
                throw MustacheError(template: template.rawValue, line: 0, column: 0, message: "template file is missing")
            }
            libraries[language] = library
        }
        self.catalogs = catalogs
        self.libraries = libraries
    }

    func library(_ language: Language) -> MustacheLibrary { libraries[language]! }

    /// The page `template` with `context`, inside the layout, as an HTML response
    /// in the layout's language.
    func page(_ template: Template, _ context: any MustacheContext, layout: LayoutContext,
              status: HTTPStatus = .ok) throws -> HTTPResponse {
        let library = library(layout.language)
        var layout = layout
        try library.render(template.rawValue, context, into: &layout.body)
        var output: [UInt8] = []
        try library.render(Template.layout.rawValue, layout, into: &output, reserving: layout.body.count + 4096)
        var response = HTTPResponse.html(output, status: status)
        response.headers["Content-Language"] = layout.language.rawValue
        // The same address answers in the language of the cookie or the browser.
        response.headers["Vary"] = "Accept-Language, Cookie"
        return response
    }
}

/// What the layout shows around every page.
struct LayoutContext: MustacheContext {
    enum Section { case home, rooms, impact, my, moderation, other }

    var title: String
    /// nil: the site's description from the catalogue.
    var description: String?
    var canonicalPath: String
    var section = Section.other
    /// The page's own markup, rendered by its template.
    var body: [UInt8] = []
    var visitor: Visitor?
    let language: Language

    init(title: String, canonicalPath: String, section: Section = .other, visitor: Visitor?, language: Language? = nil) {
        self.title = title
        self.canonicalPath = canonicalPath
        self.section = section
        self.visitor = visitor
        self.language = language ?? visitor?.language ?? .default
    }

    /// This page in `language`: the address asked for with `lang` set, so the
    /// search filters stay; after a POST, the page's canonical address.
    /// Works on bytes: String splitting made three addresses 2 % of a page.
    func address(in language: Language) -> String {
        let target = Array((visitor?.pageTarget ?? canonicalPath).utf8)
        let mark = target.firstIndex(of: UInt8(ascii: "?")) ?? target.count
        var address = Array(target[..<mark])
        address.append(UInt8(ascii: "?"))
        for item in target.dropFirst(mark + 1).split(separator: UInt8(ascii: "&"))
        where !item.elementsEqual("lang".utf8) && !item.starts(with: "lang=".utf8) {
            address += item
            address.append(UInt8(ascii: "&"))
        }
        address += "lang=\(language.rawValue)".utf8
        return String(decoding: address, as: UTF8.self)
    }

    /// The other languages, for the switcher and the `hreflang` alternates.
    struct Alternate: MustacheContext {
        let language: Language
        let href: String
        let name: String

        func value(for name: String) -> MustacheValue {
            switch name {
            case "code": .text(language.rawValue)
            case "href": .text(href)
            case "name": .text(self.name)
            default: .missing
            }
        }
    }

    private func alternates(including current: Bool) -> [any MustacheContext] {
        Language.allCases.filter { current || $0 != language }.map {
            Alternate(language: $0, href: address(in: $0), name: LayoutContext.languageNames[$0]!)
        }
    }

    /// Each language named in itself, as a language switcher must.
    static let languageNames: [Language: String] = [.de: "Deutsch", .en: "English"]

    func value(for name: String) -> MustacheValue {
        switch name {
        case "title": .text(title)
        case "description": .text(description)
        case "canonical_path": .text(language == .default ? canonicalPath : canonicalPath + "?lang=" + language.rawValue)
        case "default_path": .text(canonicalPath)
        case "body": .rendered(body)
        case "lang": .text(language.rawValue)
        case "alternates": .list(alternates(including: true))
        case "other_languages": .list(alternates(including: false))
        case "nav_home": .bool(section == .home)
        case "nav_rooms": .bool(section == .rooms)
        case "nav_impact": .bool(section == .impact)
        case "nav_my": .bool(section == .my)
        case "nav_moderation": .bool(section == .moderation)
        case "signed_in": .bool(visitor?.isSignedIn == true)
        case "user_name": .text(visitor?.user?.name)
        case "is_moderator": .bool(visitor?.user?.role.canModerate == true)
        case "csrf_token": .text(visitor?.csrfToken)
        default: .missing
        }
    }
}
