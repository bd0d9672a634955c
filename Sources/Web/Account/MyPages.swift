import Foundation
import HTTPServer
import Localization
import Mustache
import RoomExchange
import Storage

/// `/my`: the dashboard of a signed-in member.
struct MyPages: Sendable {
    let database: AppDatabase
    let pages: PageRenderer

    static func bookingItems(_ bookings: [BookingDetails], showBooker: Bool, _ texts: Catalog) -> MustacheValue {
        .list(bookings.map { booking in
            NamedContext(values: [
                "url": .text(Paths.booking(booking.id)), "room": .text(booking.roomTitle), "when": .text(texts.interval(booking.startsAt, booking.endsAt)),
                "status_label": .text(texts.label(booking.status)), "attendees": .text(texts.number(booking.attendees)),
                "booker": showBooker ? .text([booking.bookerName, booking.bookerOrganisationName].compactMap { $0 }.joined(separator: ", ")) : .missing,
            ])
        })
    }

    func showDashboard(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        let organisation = try user.organisationID.flatMap { try database.organisation($0) }
        let rooms = try organisation.map { try database.ownedRooms(of: $0.id) } ?? []
        let texts = visitor.texts
        let saved = ["archived": texts("my.saved.archived")][request.queryItems["saved"] ?? ""]
        let now = Int64(Date().timeIntervalSince1970)
        let requests = try organisation.map { try database.pendingRequests(for: $0.id, now: now) } ?? []
        let upcoming = try organisation.map { try database.upcomingBookings(ofRoomsOf: $0.id, now: now) } ?? []
        let mine = try database.bookings(bookedBy: user.id)
        let context = NamedContext(values: [
            "requests": MyPages.bookingItems(requests, showBooker: true, texts),
            "has_requests": .bool(!requests.isEmpty),
            "upcoming": MyPages.bookingItems(upcoming, showBooker: true, texts),
            "has_upcoming": .bool(!upcoming.isEmpty),
            "my_bookings": MyPages.bookingItems(mine, showBooker: false, texts),
            "has_my_bookings": .bool(!mine.isEmpty),
            "user_name": .text(user.name),
            "saved": .text(saved),
            "organisation": .context(organisation.map { OrganisationSummaryContext(organisation: $0, texts: texts) }),
            "organisation_edit_url": .text(organisation.map { Paths.organisation($0.id) + "/edit" }),
            "is_moderator": .bool(user.role.canModerate),
            "rooms": .list(rooms.map { owned in
                NamedContext(values: [
                    "title": .text(owned.summary.title), "edit_url": .text(Paths.editRoom(owned.summary.id)),
                    "url": .text(Paths.room(owned.summary.id)), "status_label": .text(owned.status == .pending ? texts("my.room_status.pending") : texts.label(owned.status)),
                    "status": .text(owned.status.rawValue), "is_published": .bool(owned.status == .published),
                    "reason": .text(owned.statusReason), "district_name": .text(texts.name(owned.summary.district)),
                    "changes_await_review": .bool(owned.changesAwaitReview),
                ])
            }),
            "has_rooms": .bool(!rooms.isEmpty),
        ])
        return try pages.page(.dashboard, context, layout: LayoutContext(title: texts("my.title"), canonicalPath: "/my", section: .my, visitor: visitor))
    }
}

/// Members edit their organisation's profile; its manager invites others.
struct OrganisationEditing: Sendable {
    let database: AppDatabase
    let pages: PageRenderer

    private func ownOrganisation(_ request: HTTPRequest, _ visitor: Visitor) throws -> (User, Organisation) {
        let user = try visitor.requireUser(request)
        let id = Organisation.ID(Int64(try request.parameters.id("id")))
        guard user.organisationID == id, let organisation = try database.organisation(id) else { throw HTTPError(.forbidden) }
        return (user, organisation)
    }

    func showEditForm(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (user, organisation) = try ownOrganisation(request, visitor)
        let values = [
            "name": organisation.name, "kind": organisation.kind.rawValue, "district": organisation.district?.rawValue ?? "",
            "description": organisation.description, "website": organisation.website ?? "", "contact_email": organisation.contactEmail ?? "",
            "phone": organisation.phone ?? "",
        ]
        let saved = ["saved": "organisation_edit.saved.profile", "invited": "organisation_edit.saved.invited"][request.queryItems["saved"] ?? ""]
            .map { visitor.texts($0) }
        return try render(user, organisation, values: values, errors: FieldErrors(), inviteEmail: "", inviteErrors: FieldErrors(), visitor, saved: saved, status: .ok)
    }

    func update(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (user, organisation) = try ownOrganisation(request, visitor)
        let form = FormData(request)
        var values: [String: String] = [:]
        for name in ["name", "kind", "district", "description", "website", "contact_email", "phone"] { values[name] = form.text(name) }
        var errors = FieldErrors()
        let name = values["name"] ?? ""
        if name.isEmpty || name.count > 200 { errors.add("name", Phrase("organisation_edit.error.name", ["max": "200"])) }
        let kind = Organisation.Kind(rawValue: values["kind"] ?? "")
        if kind == nil { errors.add("kind", "organisation_edit.error.kind") }
        let district = District(rawValue: values["district"] ?? "")
        if !(values["district"] ?? "").isEmpty, district == nil { errors.add("district", "organisation_edit.error.district") }
        if (values["description"] ?? "").count > 3000 { errors.add("description", Phrase("organisation_edit.error.description_too_long", ["max": "3000"])) }
        let website = values["website"] ?? ""
        // Only http(s) links may be shown, so a javascript: URL never becomes a link.
        if !website.isEmpty, !(website.hasPrefix("https://") || website.hasPrefix("http://")) || website.count > 300 || website.contains(" ") {
            errors.add("website", "organisation_edit.error.website")
        }
        let email = values["contact_email"] ?? ""
        if !email.isEmpty, !RegistrationForm.isEmail(email) { errors.add("contact_email", "account.error.email_invalid_short") }
        let phone = values["phone"] ?? ""
        if phone.count > 40 || phone.contains(where: { !($0.isNumber || " +-/()".contains($0)) }) {
            errors.add("phone", "organisation_edit.error.phone")
        }
        guard errors.isEmpty, let kind else {
            return try render(user, organisation, values: values, errors: errors, inviteEmail: "", inviteErrors: FieldErrors(), visitor, saved: nil, status: .unprocessableContent)
        }
        try database.updateOrganisation(Organisation(id: organisation.id, name: name, kind: kind, district: district,
                                                     description: values["description"] ?? "", website: website.isEmpty ? nil : website,
                                                     contactEmail: email.isEmpty ? nil : email, phone: phone.isEmpty ? nil : phone,
                                                     trusted: organisation.trusted), by: user)
        return .redirect(to: Paths.organisation(organisation.id) + "/edit?saved=saved")
    }

    func invite(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (user, organisation) = try ownOrganisation(request, visitor)
        guard user.organisationRole == .manager else { throw HTTPError(.forbidden, message: "invitation.error.not_manager") }
        let email = FormData(request).text("email").lowercased()
        var errors = FieldErrors()
        var status = HTTPStatus.unprocessableContent
        if !RegistrationForm.isEmail(email) {
            errors.add("email", "account.error.email_invalid_short")
        } else {
            let token = Tokens.random()
            switch try database.invite(email: email, to: organisation.id, by: user.id, token: token, tokenHash: Tokens.sha256(token),
                                       validFor: OrganisationEditing.invitationValidity) {
            case .sent: return .redirect(to: Paths.organisation(organisation.id) + "/edit?saved=invited")
            case .alreadySent: errors.add("email", "invitation.error.already_sent")
            case .tooMany:
                errors.add("email", Phrase("invitation.error.too_many", ["count": String(AppDatabase.invitationsPerDay)]))
                status = .tooManyRequests
            }
        }
        let values = ["name": organisation.name, "kind": organisation.kind.rawValue, "district": organisation.district?.rawValue ?? "",
                      "description": organisation.description, "website": organisation.website ?? "",
                      "contact_email": organisation.contactEmail ?? "", "phone": organisation.phone ?? ""]
        return try render(user, organisation, values: values, errors: FieldErrors(), inviteEmail: email, inviteErrors: errors, visitor, saved: nil, status: status)
    }

    /// How long an invitation link works.
    static let invitationValidity: Int64 = 14 * 24 * 3600

    private func render(_ user: User, _ organisation: Organisation, values: [String: String], errors: FieldErrors, inviteEmail: String,
                        inviteErrors: FieldErrors, _ visitor: Visitor, saved: String?, status: HTTPStatus) throws -> HTTPResponse {
        let texts = visitor.texts
        let kinds = Organisation.Kind.allCases.map { FieldContext.Option(value: $0.rawValue, label: texts.label($0)) }
        let districts = [FieldContext.Option(value: "", label: texts("organisation_edit.field.district_none"))]
            + District.allCases.map { FieldContext.Option(value: $0.rawValue, label: texts.name($0)) }
        var form = FormContext(fields: [
            FieldContext(name: "name", label: texts("organisation_edit.field.name"), value: values["name"] ?? "", required: true,
                         autocomplete: "organization", maxLength: 200),
            FieldContext(name: "kind", label: texts("organisation_edit.field.kind"), kind: .select(kinds), value: values["kind"] ?? "", required: true),
            FieldContext(name: "district", label: texts("organisation_edit.field.district"), kind: .select(districts), value: values["district"] ?? ""),
            FieldContext(name: "description", label: texts("organisation_edit.field.description"), kind: .textarea(rows: 6),
                         value: values["description"] ?? "", maxLength: 3000),
            FieldContext(name: "website", label: texts("organisation_edit.field.website"), kind: .input(type: "url"), value: values["website"] ?? "",
                         hint: texts("organisation_edit.field.website_hint"), autocomplete: "url"),
            FieldContext(name: "contact_email", label: texts("organisation_edit.field.contact_email"), kind: .input(type: "email"),
                         value: values["contact_email"] ?? "", hint: texts("organisation_edit.field.contact_hint"), autocomplete: "email"),
            FieldContext(name: "phone", label: texts("organisation_edit.field.phone"), kind: .input(type: "tel"), value: values["phone"] ?? "",
                         hint: texts("organisation_edit.field.contact_hint"), autocomplete: "tel"),
        ], errors: errors, visitor: visitor)
        let inviteForm = FormContext(fields: [
            FieldContext(name: "email", label: texts("invitation.field.email"), kind: .input(type: "email"), value: inviteEmail, required: true),
        ], errors: inviteErrors, visitor: visitor)
        form.extra = [
            "saved": .text(saved), "action": .text(Paths.organisation(organisation.id) + "/edit"),
            "profile_url": .text(Paths.organisation(organisation.id)),
            "is_manager": .bool(user.organisationRole == .manager),
            "invite_form": .context(inviteForm), "invite_url": .text(Paths.organisation(organisation.id) + "/invitations"),
            "members": .list(try database.members(of: organisation.id).map { NamedContext(values: ["name": .text($0.name), "email": .text($0.email),
                                                                                                  "is_manager": .bool($0.organisationRole == .manager)]) }),
            "invitations": .list(try database.pendingInvitations(of: organisation.id).map { invitation in
                NamedContext(values: ["text": .text(texts(invitation.expired ? "organisation_edit.members.invited_expired" : "organisation_edit.members.invited",
                                                          ["email": invitation.email]))])
            }),
        ]
        let failed = !errors.isEmpty || !inviteErrors.isEmpty
        return try pages.page(.organisationForm, form, layout: LayoutContext(title: AccountPages.title("organisation_edit.title", failed: failed, visitor),
                                                                            canonicalPath: Paths.organisation(organisation.id) + "/edit", section: .my, visitor: visitor), status: status)
    }
}
