import Foundation
import HTTPServer
import Mustache
import RoomExchange
import Storage

/// Booking a room, the booking page and its life cycle.
struct BookingPages: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let publicPages: PublicPages

    /// POST /rooms/{id}/bookings: form → policy for every date → one transaction → 303,
    /// or the room page again with 422 (input) or 409 (the room is not free then).
    func createBooking(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        let id = Room.ID(Int64(try request.parameters.id("id")))
        guard let facts = try database.bookingFacts(room: id, bookerOrganisation: user.organisationID),
              facts.room.status == .published else { throw HTTPError(.notFound) }
        let room = facts.room
        let form = BookingForm(FormData(request))
        let parsed: BookingForm.Parsed
        switch form.parse() {
        case .failure(let errors):
            return try publicPages.renderRoom(request, visitor, booking: form, errors: errors, conflicts: [], status: .unprocessableContent)
        case .success(let value):
            parsed = value
        }
        let now = Int64(Date().timeIntervalSince1970)
        let closures = facts.closures
        var checked: [CheckedSlot] = []
        var failures: [(slot: BookingSlot, problems: [BookingProblem])] = []
        for slot in parsed.slots {
            let (problems, instants) = BookingPolicy.check(slot, attendees: parsed.attendees, room: room, closures: closures, now: now)
            if problems.isEmpty, let instants {
                checked.append(CheckedSlot(slot: slot, startsAt: instants.start, endsAt: instants.end))
            } else {
                failures.append((slot, problems))
            }
        }
        if !failures.isEmpty {
            let malformed = failures.flatMap(\.problems).contains { !$0.isConflict }
            return try publicPages.renderRoom(request, visitor, booking: form, errors: FieldErrors(), conflicts: failures,
                                              status: malformed ? .unprocessableContent : .conflict)
        }
        do {
            let ids = try database.book(room: id, slots: checked, by: user, organisationKind: facts.bookerKind, attendees: parsed.attendees,
                                        purpose: parsed.purpose, confirmed: room.bookingMode == .instant, price: room.price)
            return .redirect(to: Paths.booking(ids[0]))
        } catch let conflict as BookingConflict {
            return try publicPages.renderRoom(request, visitor, booking: form, errors: FieldErrors(), conflicts: conflict.failures, status: .conflict)
        }
    }

    func showBooking(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        let id = BookingID(Int64(try request.parameters.id("id")))
        // Strangers learn nothing, not even that the booking exists.
        guard let booking = try database.booking(id, visibleTo: user) else { throw HTTPError(.notFound) }
        let texts = visitor.texts
        let saved = ["confirmed": texts("booking.saved.confirmed"), "declined": texts("booking.saved.declined"),
                     "cancelled": texts("booking.saved.cancelled")][request.queryItems["saved"] ?? ""]
        let context = BookingPageContext(booking: booking, user: user, visitor: visitor, saved: saved, reasonError: nil)
        return try pages.page(.booking, context, layout: LayoutContext(title: texts("booking.title", ["room_title": booking.roomTitle]),
                                                                       canonicalPath: Paths.booking(id), section: .my, visitor: visitor))
    }

    func confirm(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try change(request, visitor) { _ in .confirm }
    }

    func decline(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try change(request, visitor, reasonRequired: true) { .decline(reason: $0) }
    }

    func cancel(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        try change(request, visitor, reasonRequired: true) { FormData(request)["series"] == "1" ? .cancelSeries(reason: $0) : .cancel(reason: $0) }
    }

    private func change(_ request: HTTPRequest, _ visitor: Visitor, reasonRequired: Bool = false,
                        _ make: (String) -> AppDatabase.BookingChange) throws -> HTTPResponse {
        let user = try visitor.requireUser(request)
        let id = BookingID(Int64(try request.parameters.id("id")))
        guard let booking = try database.booking(id, visibleTo: user) else { throw HTTPError(.notFound) }
        let reason = FormData(request).text("reason")
        let change = make(reason)
        if reasonRequired, reason.isEmpty || reason.count > 500 {
            let form: BookingPageContext.ReasonError.Form = if case .decline = change { .decline } else { .cancel }
            let context = BookingPageContext(booking: booking, user: user, visitor: visitor, saved: nil,
                                             reasonError: .init(form: form, message: visitor.texts("booking.error.reason", ["max": "500"]), typed: reason))
            let title = visitor.texts("common.title_error_prefix") + visitor.texts("booking.title_error")
            return try pages.page(.booking, context, layout: LayoutContext(title: title, canonicalPath: Paths.booking(id), section: .my, visitor: visitor),
                                  status: .unprocessableContent)
        }
        do {
            switch try database.changeBooking(id, change, by: user) {
            case .changed: break
            case .notTheirs: throw HTTPError(.forbidden, message: "booking.error.change_not_possible")
            // A second click, or the other side was quicker.
            case .notNow: throw HTTPError(.conflict, message: "booking.error.change_not_possible")
            }
        } catch let conflict as BookingConflict {
            // Already in the visitor's words: the error page shows a text that is not a key as it is.
            let reasons = conflict.failures.flatMap(\.problems).map(visitor.texts.message).joined(separator: " ")
            throw HTTPError(.conflict, message: visitor.texts("booking.error.cannot_confirm", ["reasons": reasons]))
        } catch is RoomNotLent {
            throw HTTPError(.conflict, message: "booking.error.room_not_lent")
        }
        let saved = switch change { case .confirm: "confirmed"; case .decline: "declined"; case .cancel, .cancelSeries: "cancelled" }
        return .redirect(to: Paths.booking(id) + "?saved=" + saved)
    }
}

struct BookingPageContext: MustacheContext {
    let booking: BookingDetails
    let user: User
    let visitor: Visitor
    let saved: String?
    let reasonError: ReasonError?

    /// A reason that was missing or too long, at the form it was typed into.
    struct ReasonError {
        /// The form, named by its textarea's id.
        enum Form: String { case decline = "decline-reason", cancel = "cancel-reason" }
        let form: Form
        let message: String
        let typed: String
    }

    /// The reason's error when it belongs to `form`.
    private func reasonError(in form: ReasonError.Form) -> ReasonError? { reasonError?.form == form ? reasonError : nil }

    func value(for name: String) -> MustacheValue {
        let isOwner = booking.roomOrganisationID == user.organisationID
        let isBooker = booking.bookerUserID == user.id
        let future = booking.endsAt > Int64(Date().timeIntervalSince1970)
        let texts = visitor.texts
        switch name {
        case "id": return .int(Int(booking.id.rawValue))
        case "room_title": return .text(booking.roomTitle)
        case "room_url": return .text(Paths.room(booking.roomID))
        case "organisation_name": return .text(booking.roomOrganisationName)
        case "when": return .text(texts.interval(booking.startsAt, booking.endsAt))
        case "attendees": return .int(booking.attendees)
        case "purpose": return .text(booking.purpose.isEmpty ? nil : booking.purpose)
        case "status_label": return .text(texts.label(booking.status))
        // What the status means for the booker, right after booking and later.
        case "booker_status_help":
            guard isBooker, future else { return .text(nil) }
            let help: String? = switch booking.status {
            case .confirmed: texts("booking.help.confirmed")
            case .requested: texts("booking.help.requested")
            case .declined, .cancelled: nil
            }
            return .text(help)
        case "status": return .text(booking.status.rawValue)
        // A reason the system gave is a catalogue key; one a person typed stays as it is.
        case "status_reason": return .text(booking.statusReason.map(texts.callAsFunction))
        case "price_label": return .text(texts.bookingPriceLabel(cents: booking.priceCents, model: booking.priceModel))
        case "booker":
            return .text([booking.bookerName, booking.bookerOrganisationName].compactMap { $0 }.joined(separator: ", ").nilIfEmpty
                ?? texts("booking.deleted_account"))
        case "show_booker": return .bool(isOwner || user.role.canModerate)
        case "booker_email": return .text(isOwner || user.role.canModerate ? booking.bookerEmail : nil)
        case "address": return .text("\(booking.roomAddress) (\(texts.name(booking.roomDistrict)))")
        case "rules": return .text(booking.roomRules.isEmpty ? nil : booking.roomRules)
        case "provider_email": return .text(booking.providerEmail)
        case "provider_phone": return .text(booking.providerPhone)
        // A tel: link takes no spaces: "0451 7093412" dials as "04517093412".
        case "provider_phone_href": return .text(booking.providerPhone.map { "tel:" + $0.filter { $0.isNumber || $0 == "+" } })
        case "is_series": return .bool(booking.seriesID != nil)
        case "can_confirm": return .bool(isOwner && booking.status == .requested && future)
        case "can_cancel": return .bool((isOwner || isBooker) && booking.status.isActive && future)
        case "csrf_token": return .text(visitor.csrfToken)
        case "saved": return .text(saved)
        case "reason_error": return .text(reasonError?.message)
        case "reason_field": return .text(reasonError?.form.rawValue)
        case "decline_error": return .text(reasonError(in: .decline)?.message)
        case "cancel_error": return .text(reasonError(in: .cancel)?.message)
        case "decline_typed": return .text(reasonError(in: .decline)?.typed)
        case "cancel_typed": return .text(reasonError(in: .cancel)?.typed)
        case "base_url": return .text(Paths.booking(booking.id))
        case "events":
            let names = ["requested": texts("booking.event.requested"), "confirmed": texts("booking.event.confirmed"),
                         "declined": texts("booking.event.declined"), "cancelled": texts("booking.event.cancelled")]
            return .list(booking.events.map { event in
                NamedContext(values: [
                    "when": .text(texts.dateTime(event.at)), "action": .text(names[event.action] ?? event.action),
                    "actor": .text(event.actorName ?? texts("booking.history.system")), "reason": .text(event.reason.map(texts.callAsFunction)),
                ])
            })
        default: return .missing
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
