import HTTPServer
import Logging

/// Turns errors into pages in the site's layout. A handler's unexpected error is
/// logged with the request and shown as a plain 500 page; details stay in the log.
struct ErrorPages: HTTPMiddleware {
    let pages: PageRenderer
    let security: SiteSecurity
    let logger: Logger

    func handle(_ request: HTTPRequest, next: any HTTPHandler) throws -> HTTPResponse {
        do {
            return try next.handle(request)
        } catch let error as HTTPError where error.status == .seeOther {
            var response = HTTPResponse(status: .seeOther, headers: error.headers)
            response.routePattern = error.routePattern
            return response
        } catch let error as HTTPError {
            var response = render(error.status, message: error.message, visitor: try? security.visitor(request))
            for (name, value) in error.headers { response.headers[name] = value }
            response.routePattern = error.routePattern
            return response
        } catch {
            logger.error("handler failed", metadata: ["method": "\(request.method.rawValue)", "path": "\(request.path)", "error": "\(error)"])
            return render(.internalServerError, message: nil, visitor: nil)
        }
    }

    private func render(_ status: HTTPStatus, message: String?, visitor: Visitor?) -> HTTPResponse {
        let (heading, text) = ErrorPages.wording(status)
        let context = ErrorPageContext(status: status.code, heading: heading, message: message ?? text)
        do {
            return try pages.page(.error, context, layout: LayoutContext(title: heading, canonicalPath: "/", visitor: visitor), status: status)
        } catch {
            logger.critical("error page failed to render", metadata: ["error": "\(error)"])
            return .text("\(status.code) \(heading)\n", status: status)
        }
    }

    static func wording(_ status: HTTPStatus) -> (heading: String, message: String) {
        switch status.code {
        case 400: ("Ungültige Anfrage", "Die Anfrage konnte nicht verstanden werden. Bitte prüfen Sie die Adresse.")
        case 403: ("Keine Berechtigung", "Sie haben keine Berechtigung für diese Seite oder Aktion.")
        case 404: ("Seite nicht gefunden", "Diese Seite gibt es nicht (mehr). Vielleicht wurde der Raum archiviert oder die Adresse ist falsch geschrieben.")
        case 405: ("Aktion nicht erlaubt", "Diese Adresse kann so nicht aufgerufen werden.")
        case 413: ("Zu groß", "Die gesendeten Daten sind zu groß.")
        case 429: ("Zu viele Anfragen", "Bitte warten Sie einen Moment und versuchen Sie es dann erneut.")
        case 503: ("Vorübergehend nicht erreichbar", "Die Raumbörse ist gerade nicht erreichbar. Bitte versuchen Sie es in ein paar Minuten erneut.")
        default: ("Ein Fehler ist aufgetreten", "Auf unserer Seite ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.")
        }
    }
}
