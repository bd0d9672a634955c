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

    /// `message` is a catalogue key from our handlers; a text from elsewhere
    /// (the server's own parser) is shown as it is.
    private func render(_ status: HTTPStatus, message: String?, visitor: Visitor?) -> HTTPResponse {
        let texts = visitor?.texts ?? pages.catalogs[.default]
        let kind = [400, 403, 404, 405, 413, 429, 503].contains(status.code) ? String(status.code) : "other"
        let heading = texts("error.\(kind).heading")
        let context = ErrorPageContext(status: status.code, heading: heading, message: texts(message ?? "error.\(kind).message"))
        do {
            return try pages.page(.error, context, layout: LayoutContext(title: heading, canonicalPath: "/", visitor: visitor), status: status)
        } catch {
            logger.critical("error page failed to render", metadata: ["error": "\(error)"])
            return .text("\(status.code) \(heading)\n", status: status)
        }
    }
}
