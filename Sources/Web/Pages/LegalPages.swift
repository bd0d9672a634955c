import HTTPServer
import Mustache
import RoomExchange

/// Who runs the site, shown in the imprint, privacy and accessibility pages.
public struct OperatorDetails: Sendable {
    public var name = "Hansestadt Lübeck, Bereich Digitalisierung"
    public var street = "Breite Straße 62"
    public var city = "23552 Lübeck"
    public var email = "raumboerse@luebeck.example"
    public var phone: String? = "0451 1220"
    public var responsible = "Hansestadt Lübeck, vertreten durch den Bürgermeister"

    public init() {}
}

/// Impressum, Datenschutz and Barrierefreiheit, which every German public website has.
struct LegalPages: Sendable {
    let pages: PageRenderer
    let details: OperatorDetails

    func impressum(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try render(.impressum, "legal.impressum.title", "/impressum", visitor)
    }

    func datenschutz(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try render(.datenschutz, "legal.privacy.title", "/datenschutz", visitor)
    }

    func barrierefreiheit(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try render(.barrierefreiheit, "legal.accessibility.title", "/barrierefreiheit", visitor)
    }

    /// When the texts were last reviewed (the accessibility statement says so).
    static let reviewed = LocalDate(year: 2026, month: 11, day: 27)!

    /// The operator's details come from the configuration; only the words around them are translated.
    private func render(_ template: Template, _ titleKey: String, _ path: String, _ visitor: Visitor) throws -> HTTPResponse {
        let operatorContext = NamedContext(values: [
            "name": .text(details.name), "street": .text(details.street), "city": .text(details.city), "email": .text(details.email),
            "phone": .text(details.phone), "responsible": .text(details.responsible),
        ])
        let context = NamedContext(values: ["operator": .context(operatorContext), "updated": .text(visitor.texts.date(LegalPages.reviewed))])
        return try pages.page(template, context, layout: LayoutContext(title: visitor.texts(titleKey), canonicalPath: path, visitor: visitor))
    }
}
