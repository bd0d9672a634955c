import HTTPServer

/// The whole URL surface of the site, in CONTRACT.md order.
func makeRoutes(_ handlers: Handlers) -> Router {
    var router = Router()
    let pages = handlers.publicPages
    router.add(.GET, "/", pages.showHome)
    router.add(.GET, "/rooms", pages.showRooms)
    router.add(.GET, "/rooms/:id", pages.showRoom)
    router.add(.GET, "/organisations/:id", pages.showOrganisation)
    router.add(.GET, "/health", pages.health)
    let staticFiles = handlers.staticFiles
    router.add(.GET, "/static/*") { request in
        try staticFiles.respond(to: request, relativePath: request.parameters["*"] ?? "")
    }
    return router
}

/// The handler groups the routes call into.
struct Handlers: Sendable {
    let publicPages: PublicPages
    let staticFiles: StaticFileHandler
}
