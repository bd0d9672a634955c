import Localization
import HTTPServer
import Mustache
import RoomExchange

/// The room form: every field as typed (kept for the re-render) and the checks
/// that turn it into a `Room` or into errors beside each field.
struct RoomForm {
    var values: [String: String] = [:]
    var equipment: Set<String> = []

    static let textFields = ["title", "description", "district", "street", "postcode", "capacity", "area_m2", "price_model",
                             "price_per_hour_eur", "booking_mode", "min_minutes", "max_minutes", "lead_hours", "max_days_ahead", "rules"]
        + Weekday.allCases.map { "hours_" + $0.key }
    static let checkboxes = ["step_free", "accessible_wc", "hearing_loop"]

    /// An empty form with the CONTRACT's defaults.
    init() {
        values = ["lead_hours": "2", "max_days_ahead": "365", "min_minutes": "60", "max_minutes": "480", "booking_mode": "request",
                  "price_model": "free"]
    }

    init(_ form: FormData) {
        for name in RoomForm.textFields { values[name] = form.text(name) }
        for name in RoomForm.checkboxes { values[name] = form.isChecked(name) ? "1" : "" }
        equipment = Set(form.all("equipment"))
    }

    init(_ room: Room) {
        values = [
            "title": room.title, "description": room.description, "district": room.district.rawValue, "street": room.street,
            "postcode": room.postcode, "capacity": String(room.capacity), "area_m2": room.areaM2.map(String.init) ?? "",
            "price_model": room.price.model.rawValue,
            "price_per_hour_eur": room.price.feePerHourCents.map { RoomForm.euroText($0) } ?? "",
            "booking_mode": room.bookingMode.rawValue, "min_minutes": String(room.minMinutes), "max_minutes": String(room.maxMinutes),
            "lead_hours": String(room.leadHours), "max_days_ahead": String(room.maxDaysAhead), "rules": room.rules,
            "step_free": room.accessibility.stepFree ? "1" : "", "accessible_wc": room.accessibility.accessibleWC ? "1" : "",
            "hearing_loop": room.accessibility.hearingLoop ? "1" : "",
        ]
        for day in Weekday.allCases { values["hours_" + day.key] = room.openingHours.text(for: day) }
        equipment = Set(room.equipment.map(\.rawValue))
    }

    subscript(name: String) -> String { values[name] ?? "" }

    /// The room the form describes, or what is wrong with it.
    func validate(id: Room.ID, organisation: Organisation.ID) -> Result<Room, FieldErrors> {
        var errors = FieldErrors()
        let title = self["title"], description = self["description"]
        if title.count < 3 || title.count > 120 { errors.add("title", "room_form.error.title") }
        if description.count < 20 { errors.add("description", "room_form.error.description_too_short") }
        if description.count > 5000 { errors.add("description", Phrase("room_form.error.description_too_long", ["max": "5000"])) }
        let district = District(rawValue: self["district"])
        if district == nil { errors.add("district", "room_form.error.district") }
        if self["street"].isEmpty || self["street"].count > 120 { errors.add("street", "room_form.error.street") }
        let postcode = Int(asciiDigits: self["postcode"], maxDigits: 5)
        if self["postcode"].count != 5 || postcode.map({ !(23552...23570).contains($0) }) ?? true {
            errors.add("postcode", "room_form.error.postcode")
        }
        let capacity = Int(asciiDigits: self["capacity"], maxDigits: 5)
        if capacity.map({ !(1...10_000).contains($0) }) ?? true { errors.add("capacity", "room_form.error.capacity") }
        var area: Int?
        if !self["area_m2"].isEmpty {
            area = Int(asciiDigits: self["area_m2"], maxDigits: 6)
            if area.map({ !(1...100_000).contains($0) }) ?? true { errors.add("area_m2", "room_form.error.area") }
        }
        let model = Price.Model(rawValue: self["price_model"])
        if model == nil { errors.add("price_model", "room_form.error.price_model") }
        var cents: Int?
        if model == .fee || model == .freeNonprofit {
            cents = RoomForm.cents(self["price_per_hour_eur"])
            if cents.map({ !(1...100_000).contains($0) }) ?? true {
                errors.add("price_per_hour_eur", "room_form.error.price_per_hour")
            }
        }
        let mode = Room.BookingMode(rawValue: self["booking_mode"])
        if mode == nil { errors.add("booking_mode", "room_form.error.booking_mode") }

        var days: [[MinuteSpan]] = []
        for day in Weekday.allCases {
            do {
                days.append(try WeeklyHours.parseDay(self["hours_" + day.key]))
            } catch {
                days.append([])
                let message = switch error {
                case .malformed: Phrase("room_form.error.hours_malformed")
                case .endBeforeStart: Phrase("room_form.error.hours_end_before_start")
                case .overlapping: Phrase("room_form.error.hours_overlapping")
                }
                errors.add("hours_" + day.key, message)
            }
        }
        if days.allSatisfy(\.isEmpty), !Weekday.allCases.contains(where: { errors["hours_" + $0.key] != nil }) {
            errors.add("hours_mon", "room_form.error.hours_none")
        }
        let minMinutes = Int(asciiDigits: self["min_minutes"], maxDigits: 4)
        let maxMinutes = Int(asciiDigits: self["max_minutes"], maxDigits: 4)
        if minMinutes.map({ $0 < 15 || $0 > 1440 || $0 % 15 != 0 }) ?? true {
            errors.add("min_minutes", "room_form.error.min_minutes")
        }
        if maxMinutes.map({ $0 < 15 || $0 > 1440 || $0 % 15 != 0 }) ?? true {
            errors.add("max_minutes", "room_form.error.max_minutes")
        } else if let minMinutes, let maxMinutes, maxMinutes < minMinutes {
            errors.add("max_minutes", "room_form.error.max_below_min")
        }
        let lead = Int(asciiDigits: self["lead_hours"], maxDigits: 3)
        if lead.map({ $0 > 336 }) ?? true { errors.add("lead_hours", "room_form.error.lead_hours") }
        let ahead = Int(asciiDigits: self["max_days_ahead"], maxDigits: 3)
        if ahead.map({ !(1...730).contains($0) }) ?? true { errors.add("max_days_ahead", "room_form.error.max_days_ahead") }
        if self["rules"].count > 3000 { errors.add("rules", Phrase("room_form.error.rules_too_long", ["max": "3000"])) }
        let knownEquipment = equipment.compactMap(Equipment.init(rawValue:))
        if knownEquipment.count != equipment.count { errors.add("equipment", "room_form.error.equipment") }

        guard errors.isEmpty, let district, let capacity, let model, let price = Price(model: model, feePerHourCents: cents), let mode,
              let minMinutes, let maxMinutes, let lead, let ahead else { return .failure(errors) }
        return .success(Room(
            id: id, organisationID: organisation, status: .pending, title: title, description: description, district: district,
            street: self["street"], postcode: self["postcode"], capacity: capacity, areaM2: area, price: price, bookingMode: mode,
            accessibility: Accessibility(stepFree: self["step_free"] == "1", accessibleWC: self["accessible_wc"] == "1", hearingLoop: self["hearing_loop"] == "1"),
            equipment: Set(knownEquipment), openingHours: WeeklyHours(days: days), minMinutes: minMinutes, maxMinutes: maxMinutes,
            leadHours: lead, maxDaysAhead: ahead, rules: self["rules"]
        ))
    }

    /// `25`, `25,5`, `25,50`, `25.50` → cents; nil for anything else.
    static func cents(_ text: String) -> Int? {
        let parts = text.replacingOccurrences(of: "€", with: "").trimmingCharacters(in: .whitespaces)
            .split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let euros = Int(asciiDigits: parts[0], maxDigits: 6) else { return nil }
        guard parts.count == 2 else { return euros * 100 }
        guard (1...2).contains(parts[1].count), let fraction = Int(asciiDigits: parts[1], maxDigits: 2) else { return nil }
        return euros * 100 + (parts[1].count == 1 ? fraction * 10 : fraction)
    }

    static func euroText(_ cents: Int) -> String {
        cents % 100 == 0 ? String(cents / 100) : String(cents / 100) + "," + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
    }

    /// The form's fields for the template, errors attached.
    func context(errors: FieldErrors, visitor: Visitor, extra: [String: MustacheValue]) -> FormContext {
        let texts = visitor.texts
        let districts = [FieldContext.Option(value: "", label: texts("room_form.field.choose"))]
            + District.allCases.map { FieldContext.Option(value: $0.rawValue, label: texts.name($0)) }
        let models: [FieldContext.Option] = [
            .init(value: "free", label: texts("room_form.price_model.free")),
            .init(value: "free_nonprofit", label: texts("room_form.price_model.free_nonprofit")),
            .init(value: "donation", label: texts("room_form.price_model.donation")),
            .init(value: "fee", label: texts("room_form.price_model.fee")),
        ]
        let modes: [FieldContext.Option] = [
            .init(value: "request", label: texts("room_form.booking_mode.request")),
            .init(value: "instant", label: texts("room_form.booking_mode.instant")),
        ]
        var fields = [
            FieldContext(name: "title", label: texts("room_form.field.title"), value: self["title"], hint: texts("room_form.field.title_hint"),
                         required: true, maxLength: 120),
            FieldContext(name: "description", label: texts("room_form.field.description"), kind: .textarea(rows: 8), value: self["description"],
                         hint: texts("room_form.field.description_hint"), required: true, maxLength: 5000),
            FieldContext(name: "district", label: texts("room_form.field.district"), kind: .select(districts), value: self["district"], required: true),
            FieldContext(name: "street", label: texts("room_form.field.street"), value: self["street"], required: true, autocomplete: "address-line1",
                         maxLength: 120),
            FieldContext(name: "postcode", label: texts("room_form.field.postcode"), kind: .input(type: "text"), value: self["postcode"], required: true,
                         autocomplete: "postal-code", maxLength: 5),
            FieldContext(name: "capacity", label: texts("room_form.field.capacity"), kind: .input(type: "number"), value: self["capacity"], required: true,
                         min: "1", step: "1"),
            FieldContext(name: "area_m2", label: texts("room_form.field.area"), kind: .input(type: "number"), value: self["area_m2"], min: "1", step: "1"),
            FieldContext(name: "price_model", label: texts("room_form.field.price_model"), kind: .select(models), value: self["price_model"], required: true),
            FieldContext(name: "price_per_hour_eur", label: texts("room_form.field.price_per_hour"), value: self["price_per_hour_eur"],
                         hint: texts("room_form.field.price_per_hour_hint")),
            FieldContext(name: "booking_mode", label: texts("room_form.field.booking_mode"), kind: .select(modes), value: self["booking_mode"], required: true),
            FieldContext(name: "min_minutes", label: texts("room_form.field.min_minutes"), kind: .input(type: "number"), value: self["min_minutes"],
                         required: true, min: "15", step: "15"),
            FieldContext(name: "max_minutes", label: texts("room_form.field.max_minutes"), kind: .input(type: "number"), value: self["max_minutes"],
                         required: true, min: "15", step: "15"),
            FieldContext(name: "lead_hours", label: texts("room_form.field.lead_hours"), kind: .input(type: "number"), value: self["lead_hours"],
                         hint: texts("room_form.field.lead_hours_hint"), min: "0", step: "1"),
            FieldContext(name: "max_days_ahead", label: texts("room_form.field.max_days_ahead"), kind: .input(type: "number"), value: self["max_days_ahead"],
                         min: "1", step: "1"),
            FieldContext(name: "step_free", label: texts("room.accessibility.step_free"), kind: .checkbox, value: self["step_free"]),
            FieldContext(name: "accessible_wc", label: texts("room.accessibility.accessible_wc"), kind: .checkbox, value: self["accessible_wc"]),
            FieldContext(name: "hearing_loop", label: texts("room_form.field.hearing_loop"), kind: .checkbox, value: self["hearing_loop"]),
            FieldContext(name: "rules", label: texts("room_form.field.rules"), kind: .textarea(rows: 4), value: self["rules"], maxLength: 3000),
        ]
        for day in Weekday.allCases {
            fields.append(FieldContext(name: "hours_" + day.key, label: texts.weekday(day), value: self["hours_" + day.key],
                                       hint: day == .monday ? texts("room_form.field.hours_hint") : nil))
        }
        var context = FormContext(fields: fields, errors: errors, visitor: visitor)
        context.extra = extra
        context.extra["equipment_options"] = .list(Equipment.allCases.map { item in
            NamedContext(values: ["slug": .text(item.rawValue), "name": .text(texts.name(item)), "checked": .bool(equipment.contains(item.rawValue))])
        })
        context.extra["equipment_error"] = .text(errors["equipment"].map(texts.callAsFunction))
        return context
    }
}

import Foundation
