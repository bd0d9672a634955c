import HTTPServer

/// The whole URL surface of the site, in CONTRACT.md order. Each route says who
/// may use it through the `SiteSecurity` wrapper it is added with.
func makeRoutes(_ h: Handlers) -> Router {
    var router = Router()
    let s = h.security

    // Public pages
    router.add(.GET, "/", s.page(h.publicPages.showHome))
    router.add(.GET, "/rooms", s.page(h.publicPages.showRooms))
    router.add(.GET, "/rooms/new", s.memberPage(h.roomEditing.showNewRoomForm))
    router.add(.GET, "/rooms/:id", s.page(h.publicPages.showRoom))
    router.add(.GET, "/rooms/:id/calendar.ics", h.calendars.roomCalendar)
    router.add(.GET, "/organisations/:id", s.page(h.publicPages.showOrganisation))
    router.add(.GET, "/health", h.publicPages.health)
    router.add(.GET, "/impressum", s.page(h.legal.impressum))
    router.add(.GET, "/datenschutz", s.page(h.legal.datenschutz))
    router.add(.GET, "/barrierefreiheit", s.page(h.legal.barrierefreiheit))
    let staticFiles = h.staticFiles
    router.add(.GET, "/static/*") { request in
        try staticFiles.respond(to: request, relativePath: request.parameters["*"] ?? "")
    }
    let roomEditing = h.roomEditing
    router.add(.GET, "/photos/:name") { request in try roomEditing.servePhoto(request, viewer: { try s.visitor(request) }) }

    // Accounts
    router.add(.GET, "/register", s.page(h.account.showRegister))
    router.add(.POST, "/register", s.action(h.account.register))
    router.add(.GET, "/login", s.page(h.account.showLogin))
    router.add(.POST, "/login", s.action(h.account.login))
    router.add(.GET, "/password-reset", s.page(h.passwordReset.showRequestForm))
    router.add(.POST, "/password-reset", s.action(h.passwordReset.requestReset))
    router.add(.GET, "/password-reset/:token", s.page(h.passwordReset.showResetForm))
    router.add(.POST, "/password-reset/:token", s.action(h.passwordReset.resetPassword))
    router.add(.POST, "/logout", s.action(h.account.logout))
    router.add(.GET, "/my", s.memberPage(h.my.showDashboard))
    router.add(.GET, "/my/account", s.memberPage(h.account.showAccount))
    router.add(.POST, "/my/account", s.memberAction(h.account.updateAccount))
    router.add(.GET, "/my/account/export.json", s.memberPage(h.account.exportAccount))
    router.add(.GET, "/my/bookings.ics", h.calendars.myCalendar)
    router.add(.GET, "/organisations/:id/edit", s.memberPage(h.organisations.showEditForm))
    router.add(.POST, "/organisations/:id/edit", s.memberAction(h.organisations.update))
    router.add(.POST, "/organisations/:id/invitations", s.memberAction(h.organisations.invite))

    // Rooms (members of the owning organisation)
    router.add(.POST, "/rooms", s.memberAction(h.roomEditing.createRoom))
    router.add(.GET, "/rooms/:id/edit", s.memberPage(h.roomEditing.showEditRoomForm))
    router.add(.POST, "/rooms/:id", s.memberAction(h.roomEditing.updateRoom))
    // Photos may be 5 MB; every other body stays under the server's 1 MiB. The
    // limit is higher so that a phone's 8–15 MB photo gets the form's message
    // saying so, not the server's bare 413.
    router.add(.POST, "/rooms/:id/photos", maxBodySize: 20 * 1024 * 1024, s.memberAction(h.roomEditing.uploadPhoto))
    router.add(.POST, "/rooms/:id/photos/:photo/delete", s.memberAction(h.roomEditing.deletePhoto))
    router.add(.POST, "/rooms/:id/closures", s.memberAction(h.roomEditing.addClosure))
    router.add(.POST, "/rooms/:id/closures/:closure/delete", s.memberAction(h.roomEditing.deleteClosure))
    router.add(.POST, "/rooms/:id/archive", s.memberAction(h.roomEditing.archiveRoom))

    // Bookings
    router.add(.POST, "/rooms/:id/bookings", s.memberAction(h.bookings.createBooking))
    router.add(.GET, "/bookings/:id", s.memberPage(h.bookings.showBooking))
    router.add(.POST, "/bookings/:id/confirm", s.memberAction(h.bookings.confirm))
    router.add(.POST, "/bookings/:id/decline", s.memberAction(h.bookings.decline))
    router.add(.POST, "/bookings/:id/cancel", s.memberAction(h.bookings.cancel))

    // Moderation (city staff) and administration
    router.add(.GET, "/moderation", s.memberPage(h.moderation.showQueue))
    router.add(.POST, "/moderation/rooms/:id/approve", s.moderatorAction(h.moderation.approve))
    router.add(.POST, "/moderation/rooms/:id/reject", s.moderatorAction(h.moderation.reject))
    router.add(.POST, "/moderation/rooms/:id/unpublish", s.moderatorAction(h.moderation.unpublish))
    router.add(.POST, "/moderation/organisations/:id/trust", s.moderatorAction(h.moderation.trust))
    router.add(.POST, "/moderation/organisations/:id/untrust", s.moderatorAction(h.moderation.untrust))
    router.add(.POST, "/rooms/:id/report", s.memberAction(h.moderation.report))
    router.add(.GET, "/moderation/audit", s.memberPage(h.moderation.showAudit))
    router.add(.GET, "/moderation/export.csv", s.memberPage(h.moderation.exportCSV))
    router.add(.GET, "/admin/users", s.memberPage(h.admin.showUsers))
    router.add(.POST, "/admin/users/:id/role", s.memberAction(h.admin.setRole))
    router.add(.POST, "/admin/users/:id/block", s.memberAction(h.admin.block))
    router.add(.POST, "/admin/users/:id/unblock", s.memberAction(h.admin.unblock))
    router.add(.GET, "/admin/mail", s.memberPage(h.mailAdmin.show))

    // Impact
    router.add(.GET, "/impact", s.page(h.impact.show))
    router.add(.GET, "/impact.csv", h.impact.csv)
    addAPIRoutes(to: &router, h.api)
    return router
}

/// The handler groups the routes call into.
struct Handlers: Sendable {
    let security: SiteSecurity
    let publicPages: PublicPages
    let account: AccountPages
    let my: MyPages
    let organisations: OrganisationEditing
    let roomEditing: RoomEditing
    let moderation: ModerationPages
    let admin: AdminPages
    let impact: ImpactPage
    let legal: LegalPages
    let bookings: BookingPages
    let calendars: CalendarFeeds
    let staticFiles: StaticFileHandler
    let api: ApiHandlers
    let passwordReset: PasswordResetPages
    let mailAdmin: MailAdminPage
}
