import HTTPServer
import Localization
import Mustache
import RoomExchange

struct RoomPageContext: MustacheContext {
    let room: Room
    let photos: [Photo]
    let organisation: Organisation
    let visitor: Visitor
    let week: WeekView
    let bookingForm: FormContext
    /// Where logging in leads back to: this page as it was asked for, so a slot
    /// filled in (from a date search or the week view) stays filled in.
    let returnPath: String
    /// The visitor has just reported the room.
    let reported: Bool

    func value(for name: String) -> MustacheValue {
        let user = visitor.user
        let texts = visitor.texts
        switch name {
        case "reported_notice": return .text(reported ? texts("room.reported_notice") : nil)
        // A request binds nobody yet: its button says what it does.
        case "book_submit": return .text(texts(room.bookingMode == .instant ? "room.book.submit" : "room.book.submit_request"))
        case "week": return .context(week)
        case "booking_form": return .context(bookingForm)
        case "can_book": return .bool(visitor.isSignedIn && room.status == .published)
        case "room": return .context(Details(room: room, photos: photos, texts: texts))
        case "room_title": return .text(room.title)
        case "organisation": return .context(OrganisationSummaryContext(organisation: organisation, texts: texts))
        case "signed_in": return .bool(visitor.isSignedIn)
        case "login_url": return .text("/login?next=" + returnPath.percentEncoded())
        case "csrf_token": return .text(visitor.csrfToken)
        case "is_owner": return .bool(user != nil && user?.organisationID == room.organisationID)
        case "edit_url": return .text(Paths.editRoom(room.id))
        case "is_moderator": return .bool(user?.role.canModerate == true)
        case "is_pending": return .bool(room.status == .pending)
        case "is_published": return .bool(room.status == .published)
        case "status_label": return .text(texts.roomStatusLabel(room.status))
        case "approve_url": return .text("/moderation/rooms/\(room.id.rawValue)/approve")
        case "reject_url": return .text("/moderation/rooms/\(room.id.rawValue)/reject")
        case "report_url": return .text(Paths.room(room.id) + "/report")
        default: return .missing
        }
    }

    struct Details: MustacheContext {
        let room: Room
        let photos: [Photo]
        let texts: Catalog

        func value(for name: String) -> MustacheValue {
            switch name {
            case "id": .int(Int(room.id.rawValue))
            case "title": .text(room.title)
            case "district_name": .text(texts.name(room.district))
            case "street": .text(room.street)
            case "postcode": .text(room.postcode)
            case "capacity": .text(texts.number(room.capacity))
            case "capacity_label": .text(texts("room.facts.up_to", ["count": texts.number(room.capacity)]))
            case "area_m2": .text(room.areaM2.map(texts.number))
            case "price_label": .text(texts.priceLabel(room.price))
            case "price_note": .text(texts.priceNote(room.price))
            case "booking_mode_label": .text(texts.label(room.bookingMode))
            case "step_free": .bool(room.accessibility.stepFree)
            case "accessible_wc": .bool(room.accessibility.accessibleWC)
            case "hearing_loop": .bool(room.accessibility.hearingLoop)
            case "has_accessibility": .bool(!room.accessibility.isEmpty)
            case "equipment": .list(room.equipment.sorted().map { NamedContext(values: ["name": .text(texts.name($0))]) })
            case "has_equipment": .bool(!room.equipment.isEmpty)
            case "description_paragraphs": .list(ParagraphContext.list(room.description))
            case "rules_paragraphs": .list(ParagraphContext.list(room.rules))
            case "has_rules": .bool(!room.rules.isEmpty)
            case "opening_hours":
                .list(Weekday.allCases.map { day in
                    NamedContext(values: ["day": .text(texts.weekday(day)), "hours_label": .text(texts.openingHours(room.openingHours, on: day))])
                })
            case "booking_limits_label": .text(texts.bookingLimits(room))
            case "photos": .list(photos.map(PhotoContext.init))
            case "has_photos": .bool(!photos.isEmpty)
            // The feed's texts follow the page's language.
            case "calendar_url": .text(Paths.roomCalendar(room.id) + (texts.language == .default ? "" : "?lang=" + texts.language.rawValue))
            default: .missing
            }
        }
    }
}

struct OrganisationSummaryContext: MustacheContext {
    let organisation: Organisation
    let texts: Catalog

    func value(for name: String) -> MustacheValue {
        switch name {
        case "url": .text(Paths.organisation(organisation.id))
        case "name": .text(organisation.name)
        case "kind_label": .text(texts.label(organisation.kind))
        case "district_name": .text(organisation.district.map(texts.name))
        case "description_paragraphs": .list(ParagraphContext.list(organisation.description))
        // Only http(s) is ever linked; anything else would be a script URL waiting to happen.
        case "website": .text(organisation.website.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil })
        default: .missing
        }
    }
}

struct OrganisationPageContext: MustacheContext {
    let organisation: Organisation
    let rooms: [RoomSummary]
    /// Contact details are for signed-in users only.
    let showContact: Bool
    let isMember: Bool
    let texts: Catalog

    func value(for name: String) -> MustacheValue {
        switch name {
        case "contact_email": showContact ? .text(organisation.contactEmail) : .missing
        case "phone": showContact ? .text(organisation.phone) : .missing
        case "show_contact_hint": .bool(!showContact && (organisation.contactEmail != nil || organisation.phone != nil))
        case "is_member": .bool(isMember)
        case "edit_url": .text(Paths.organisation(organisation.id) + "/edit")
        case "organisation": .context(OrganisationSummaryContext(organisation: organisation, texts: texts))
        case "rooms": .rows(RoomCards(rooms, texts: texts))
        case "has_rooms": .bool(!rooms.isEmpty)
        case "room_count_label": .text(texts.plural("organisation_page.rooms.count", rooms.count))
        default: .missing
        }
    }
}

struct ErrorPageContext: MustacheContext {
    let status: Int
    let heading: String
    let message: String

    func value(for name: String) -> MustacheValue {
        switch name {
        case "status": .text(String(status))
        case "heading": .text(heading)
        case "message": .text(message)
        case "is_not_found": .bool(status == 404)
        default: .missing
        }
    }
}
