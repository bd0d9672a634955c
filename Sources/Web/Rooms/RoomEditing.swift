import Foundation
import HTTPServer
import Localization
import Mustache
import RoomExchange
import Storage

/// Creating and changing rooms, their photos and closures. Every lookup goes
/// through the visitor's organisation, so another organisation's room is a 404.
struct RoomEditing: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let photosDirectory: String

    static let maxPhotoBytes = 5 * 1024 * 1024
    /// A decompression bomb guard: larger images are refused (ASVS 5.2.6).
    static let maxPhotoPixels = 40_000_000

    private func organisation(of visitor: Visitor, _ request: HTTPRequest) throws -> (User, Organisation) {
        let user = try visitor.requireUser(request)
        guard let id = user.organisationID, let organisation = try database.organisation(id) else {
            throw HTTPError(.forbidden, message: "room_form.error.no_organisation")
        }
        return (user, organisation)
    }

    private func ownedRoom(_ request: HTTPRequest, _ visitor: Visitor) throws -> (User, Organisation, Room) {
        let (user, organisation) = try organisation(of: visitor, request)
        let id = Room.ID(Int64(try request.parameters.id("id")))
        guard let room = try database.room(id, ownedBy: organisation.id) else { throw HTTPError(.notFound) }
        return (user, organisation, room)
    }

    // MARK: Create

    func showNewRoomForm(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        _ = try organisation(of: visitor, request)
        return try renderNew(RoomForm(), errors: FieldErrors(), visitor, status: .ok)
    }

    func createRoom(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (_, organisation) = try organisation(of: visitor, request)
        let form = RoomForm(FormData(request))
        switch form.validate(id: Room.ID(0), organisation: organisation.id) {
        case .failure(let errors):
            return try renderNew(form, errors: errors, visitor, status: .unprocessableContent)
        case .success(let room):
            let id = try database.createRoom(room, trusted: organisation.trusted)
            return .redirect(to: Paths.editRoom(id) + "?saved=created")
        }
    }

    private func renderNew(_ form: RoomForm, errors: FieldErrors, _ visitor: Visitor, status: HTTPStatus) throws -> HTTPResponse {
        let context = form.context(errors: errors, visitor: visitor, extra: ["action": .text(Paths.rooms), "is_new": .bool(true)])
        let title = (errors.isEmpty ? "" : visitor.texts("common.title_error_prefix")) + visitor.texts("room_form.new.title")
        return try pages.page(.roomForm, context, layout: LayoutContext(title: title,
                                                                       canonicalPath: "/rooms/new", section: .my, visitor: visitor), status: status)
    }

    // MARK: Edit

    func showEditRoomForm(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (_, _, room) = try ownedRoom(request, visitor)
        let texts = visitor.texts
        let saved = ["created": texts("room_form.saved.created"), "saved": texts("room_form.saved.saved"), "photo": texts("room_form.saved.photo"),
                     "photo-deleted": texts("room_form.saved.photo_deleted"), "closure": texts("room_form.saved.closure"),
                     "closure-deleted": texts("room_form.saved.closure_deleted"), "review": texts("room_form.saved.review")][request.queryItems["saved"] ?? ""]
        return try renderEdit(room, visitor, saved: saved)
    }

    func updateRoom(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (_, organisation, room) = try ownedRoom(request, visitor)
        guard room.status != .archived else { throw HTTPError(.conflict, message: "room_form.error.archived") }
        let form = RoomForm(FormData(request))
        switch form.validate(id: room.id, organisation: organisation.id) {
        case .failure(let errors):
            return try renderEdit(room, form: form, visitor, errors: errors, status: .unprocessableContent)
        case .success(let changed):
            guard let update = try database.updateRoom(changed, ownedBy: organisation.id, trusted: organisation.trusted) else { throw HTTPError(.notFound) }
            return .redirect(to: Paths.editRoom(room.id) + (update == .textAwaitsReview ? "?saved=review" : "?saved=saved"))
        }
    }

    /// The edit page; without `form`, the form shows the room as saved, with the
    /// text its owners proposed if one waits for review (they go on from it).
    func renderEdit(_ room: Room, form: RoomForm? = nil, _ visitor: Visitor, errors: FieldErrors = FieldErrors(),
                    photoErrors: FieldErrors = FieldErrors(), photoAlt: String = "", closureErrors: FieldErrors = FieldErrors(),
                    closure: (from: String, to: String, reason: String) = ("", "", ""),
                    saved: String? = nil, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let texts = visitor.texts
        let photos = try database.photosForOwners(of: room.id)
        let review = try database.pendingChanges(of: room.id)
        var asSaved = room
        if let proposal = review.text {
            (asSaved.title, asSaved.description, asSaved.rules) = (proposal.title, proposal.description, proposal.rules)
        }
        let photoForm = FormContext(fields: [
            FieldContext(name: "photo", label: texts("room_form.field.photo"), kind: .input(type: "file"), hint: texts("room_form.field.photo_hint"), required: true),
            FieldContext(name: "alt", label: texts("room_form.field.alt"), value: photoAlt,
                         hint: texts("room_form.field.alt_hint"), required: true, maxLength: 300),
        ], errors: photoErrors, visitor: visitor)
        let closureForm = FormContext(fields: [
            FieldContext(name: "from", label: texts("room_form.field.closure_from"), kind: .input(type: "date"), value: closure.from, required: true),
            FieldContext(name: "to", label: texts("room_form.field.closure_to"), kind: .input(type: "date"), value: closure.to, required: true),
            FieldContext(name: "reason", label: texts("room_form.field.closure_reason"), value: closure.reason, maxLength: 200),
        ], errors: closureErrors, visitor: visitor)
        let extra: [String: MustacheValue] = [
            "action": .text(Paths.room(room.id)), "is_new": .bool(false), "saved": .text(saved),
            "room_url": .text(Paths.room(room.id)), "status_label": .text(texts.roomStatusLabel(room.status)),
            "is_published": .bool(room.status == .published), "is_archived": .bool(room.status == .archived),
            "photos": .list(photos.map { photo in
                NamedContext(values: ["url": .text(Paths.photo(photo.fileName)), "alt": .text(photo.alt), "width": .int(photo.width),
                                      "height": .int(photo.height), "delete_url": .text(Paths.room(room.id) + "/photos/\(photo.id.rawValue)/delete"),
                                      "awaits_review": .bool(photo.awaitsReview)])
            }),
            "can_add_photo": .bool(photos.count < AppDatabase.maxPhotosPerRoom),
            "photo_form": .context(photoForm), "photo_url": .text(Paths.room(room.id) + "/photos"),
            "closures": .list(try database.closures(of: room.id).map { c in
                NamedContext(values: ["from": .text(texts.date(stored: c.from)), "to": .text(texts.date(stored: c.to)), "reason": .text(c.reason),
                                      "delete_url": .text(Paths.room(room.id) + "/closures/\(c.id)/delete")])
            }),
            "closure_form": .context(closureForm), "closure_url": .text(Paths.room(room.id) + "/closures"),
            "archive_url": .text(Paths.room(room.id) + "/archive"),
            // Archiving cannot be undone and cancels bookings: the browser asks for
            // the tick (`required`); the contract's POST itself needs no field.
            "archive_form": .context(FormContext(fields: [
                FieldContext(name: "confirm", label: texts.plural("room_form.archive.confirm", try database.futureBookingCount(of: room.id)),
                             kind: .checkbox, required: true),
            ], visitor: visitor)),
            // Text edits of an untrusted organisation's public room wait for review.
            "review_notice": .text(try room.status == .published && database.organisation(room.organisationID)?.trusted == false
                ? texts("room_form.edit.review_notice") : nil),
            "proposal_notice": .text(review.text.map { texts("room_form.edit.proposal_waiting", ["since": texts.dateTime($0.at)]) }),
            "proposal_rejection": .text(review.rejection),
        ]
        let context = (form ?? RoomForm(asSaved)).context(errors: errors, visitor: visitor, extra: extra)
        let failed = !errors.isEmpty || !photoErrors.isEmpty || !closureErrors.isEmpty
        let title = (failed ? texts("common.title_error_prefix") : "") + texts("room_form.edit.page_title", ["title": room.title])
        return try pages.page(.roomForm, context, layout: LayoutContext(title: title,
                                                                       canonicalPath: Paths.editRoom(room.id), section: .my, visitor: visitor), status: status)
    }

    // MARK: Photos

    func uploadPhoto(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (_, organisation, room) = try ownedRoom(request, visitor)
        let form = FormData(request)
        let alt = form.text("alt")
        var errors = FieldErrors()
        let file = form.multipart?.file("photo")
        var image: ImageInfo?
        if let file, !file.body.isEmpty {
            if file.body.count > RoomEditing.maxPhotoBytes {
                errors.add("photo", "room_form.error.photo_too_large")
            } else if let info = ImageInfo(bytes: file.body) {
                if info.width * info.height > RoomEditing.maxPhotoPixels {
                    errors.add("photo", "room_form.error.photo_too_many_pixels")
                }
                image = info
            } else {
                errors.add("photo", "room_form.error.photo_format")
            }
        } else {
            errors.add("photo", "room_form.error.photo_missing")
        }
        if alt.isEmpty { errors.add("alt", "room_form.error.alt_missing") }
        if alt.count > 300 { errors.add("alt", Phrase("room_form.error.description_too_long", ["max": "300"])) }
        guard errors.isEmpty, let file, let image else {
            return try renderEdit(room, visitor, photoErrors: errors, photoAlt: alt, status: .unprocessableContent)
        }
        // A random name chosen by us, never the client's: nothing to traverse or execute.
        let name = Tokens.random() + "." + image.format.fileExtension
        let path = photosDirectory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(file.body)) else { throw HTTPError(.internalServerError) }
        let added: (id: Photo.ID, awaitsReview: Bool)
        do {
            guard let photo = try database.addPhoto(to: room.id, ownedBy: organisation.id, fileName: name, contentType: image.format.contentType,
                                                    width: image.width, height: image.height, alt: alt) else { throw HTTPError(.notFound) }
            added = photo
        } catch is TooManyPhotos {
            try? FileManager.default.removeItem(atPath: path)
            errors.add("photo", "room_form.error.too_many_photos")
            return try renderEdit(room, visitor, photoErrors: errors, photoAlt: alt, status: .unprocessableContent)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return .redirect(to: Paths.editRoom(room.id) + (added.awaitsReview ? "?saved=review#fotos" : "?saved=photo#fotos"))
    }

    func deletePhoto(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (_, organisation, room) = try ownedRoom(request, visitor)
        let photo = Photo.ID(Int64(try request.parameters.id("photo")))
        guard let fileName = try database.deletePhoto(photo, of: room.id, ownedBy: organisation.id) else { throw HTTPError(.notFound) }
        try? FileManager.default.removeItem(atPath: photosDirectory + "/" + fileName)
        return .redirect(to: Paths.editRoom(room.id) + "?saved=photo-deleted#fotos")
    }

    // MARK: Closures and archive

    func addClosure(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (_, organisation, room) = try ownedRoom(request, visitor)
        let form = FormData(request)
        let values = (from: form.text("from"), to: form.text("to"), reason: form.text("reason"))
        var errors = FieldErrors()
        let from = LocalDate(typed: values.from), to = LocalDate(typed: values.to)
        if from == nil { errors.add("from", "room_form.error.closure_from") }
        if to == nil { errors.add("to", "room_form.error.closure_to") }
        if let from, let to, to < from { errors.add("to", "room_form.error.closure_end_before_start") }
        if let to, to < BerlinTime.today() { errors.add("to", "room_form.error.closure_past") }
        if values.reason.count > 200 { errors.add("reason", Phrase("room_form.error.reason_too_long", ["max": "200"])) }
        guard errors.isEmpty, let from, let to else {
            return try renderEdit(room, visitor, closureErrors: errors, closure: values, status: .unprocessableContent)
        }
        switch try database.addClosure(to: room.id, ownedBy: organisation.id, from: from, to: to, reason: values.reason) {
        case .added:
            return .redirect(to: Paths.editRoom(room.id) + "?saved=closure#sperrzeiten")
        case .notTheirs:
            throw HTTPError(.notFound)
        case .bookingsInTheWay(let bookings):
            let texts = visitor.texts
            errors.add("to", Phrase("room_form.error.closure_bookings", ["bookings": bookings.map { texts.interval($0.start, $0.end) }.joined(separator: "; ")]))
            return try renderEdit(room, visitor, closureErrors: errors, closure: values, status: .conflict)
        }
    }

    func deleteClosure(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (_, organisation, room) = try ownedRoom(request, visitor)
        guard try database.deleteClosure(Int64(try request.parameters.id("closure")), of: room.id, ownedBy: organisation.id) else {
            throw HTTPError(.notFound)
        }
        return .redirect(to: Paths.editRoom(room.id) + "?saved=closure-deleted#sperrzeiten")
    }

    func archiveRoom(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let (user, organisation, room) = try ownedRoom(request, visitor)
        guard try database.archiveRoom(room.id, ownedBy: organisation.id, by: user.id) != nil else { throw HTTPError(.notFound) }
        return .redirect(to: "/my?saved=archived")
    }

    // MARK: Serving photos

    /// A stored photo, by its random name, as an image that can never run as a page.
    /// One awaiting review is shown only to its organisation and the moderators,
    /// and kept out of shared caches; `viewer` is asked only then.
    func servePhoto(_ request: HTTPRequest, viewer: () throws -> Visitor) throws -> HTTPResponse {
        guard let name = request.parameters["name"], RoomEditing.isPhotoName(name),
              let photo = try database.storedPhoto(fileName: name) else { throw HTTPError(.notFound) }
        if let organisation = photo.reviewPendingFor {
            let user = try viewer().user
            guard user?.organisationID == organisation || user?.role.canModerate == true else { throw HTTPError(.notFound) }
        }
        guard let data = FileManager.default.contents(atPath: photosDirectory + "/" + name) else { throw HTTPError(.notFound) }
        return HTTPResponse(status: .ok, headers: [
            "Content-Type": photo.contentType,
            "Cache-Control": photo.reviewPendingFor == nil ? "public, max-age=31536000, immutable" : "private, no-store",
            "Content-Security-Policy": "sandbox; default-src 'none'", "Content-Disposition": "inline",
        ], body: Array(data))
    }

    static func isPhotoName(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.count == 2 && parts[0].utf8.count == 43 && ["jpg", "png", "webp"].contains(parts[1])
            && parts[0].utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
    }
}
