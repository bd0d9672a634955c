import HTTPServer
import Mustache

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
        try render(.impressum, "Impressum", "/impressum", visitor)
    }

    func datenschutz(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try render(.datenschutz, "Datenschutz", "/datenschutz", visitor)
    }

    func barrierefreiheit(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try render(.barrierefreiheit, "Barrierefreiheit", "/barrierefreiheit", visitor)
    }

    private func render(_ template: Template, _ title: String, _ path: String, _ visitor: Visitor) throws -> HTTPResponse {
        let operatorContext = NamedContext(values: [
            "name": .text(details.name), "street": .text(details.street), "city": .text(details.city), "email": .text(details.email),
            "phone": .text(details.phone), "responsible": .text(details.responsible),
        ])
        let context = NamedContext(values: ["operator": .context(operatorContext), "updated": .text("27.11.2026")])
        return try pages.page(template, context, layout: LayoutContext(title: title, canonicalPath: path, visitor: visitor))
    }
}
