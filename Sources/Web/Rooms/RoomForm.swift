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
        if title.count < 3 || title.count > 120 { errors.add("title", "Bitte geben Sie einen Titel mit 3 bis 120 Zeichen an.") }
        if description.count < 20 { errors.add("description", "Bitte beschreiben Sie den Raum in mindestens 20 Zeichen: Was gibt es, wofür eignet er sich?") }
        if description.count > 5000 { errors.add("description", "Die Beschreibung darf höchstens 5000 Zeichen lang sein.") }
        let district = District(rawValue: self["district"])
        if district == nil { errors.add("district", "Bitte wählen Sie den Stadtteil.") }
        if self["street"].isEmpty || self["street"].count > 120 { errors.add("street", "Bitte geben Sie Straße und Hausnummer an.") }
        let postcode = Int(asciiDigits: self["postcode"], maxDigits: 5)
        if self["postcode"].count != 5 || postcode.map({ !(23552...23570).contains($0) }) ?? true {
            errors.add("postcode", "Bitte geben Sie eine Lübecker Postleitzahl an (23552 bis 23570).")
        }
        let capacity = Int(asciiDigits: self["capacity"], maxDigits: 5)
        if capacity.map({ !(1...10_000).contains($0) }) ?? true { errors.add("capacity", "Bitte geben Sie an, wie viele Personen Platz haben (1 bis 10.000).") }
        var area: Int?
        if !self["area_m2"].isEmpty {
            area = Int(asciiDigits: self["area_m2"], maxDigits: 6)
            if area.map({ !(1...100_000).contains($0) }) ?? true { errors.add("area_m2", "Bitte geben Sie die Fläche als ganze Zahl in m² an, oder lassen Sie das Feld leer.") }
        }
        let model = Price.Model(rawValue: self["price_model"])
        if model == nil { errors.add("price_model", "Bitte wählen Sie ein Preismodell.") }
        var cents: Int?
        if model == .fee || model == .freeNonprofit {
            cents = RoomForm.cents(self["price_per_hour_eur"])
            if cents.map({ !(1...100_000).contains($0) }) ?? true {
                errors.add("price_per_hour_eur", "Bitte geben Sie den Preis pro Stunde in Euro an, z. B. 25 oder 12,50.")
            }
        }
        let mode = Room.BookingMode(rawValue: self["booking_mode"])
        if mode == nil { errors.add("booking_mode", "Bitte wählen Sie, wie gebucht wird.") }

        var days: [[MinuteSpan]] = []
        for day in Weekday.allCases {
            do {
                days.append(try WeeklyHours.parseDay(self["hours_" + day.key]))
            } catch {
                days.append([])
                let message = switch error {
                case .malformed: "Bitte schreiben Sie die Zeiten wie 08:00-18:00, mehrere getrennt durch Komma."
                case .endBeforeStart: "Das Ende muss nach dem Beginn liegen, z. B. 08:00-18:00."
                case .overlapping: "Die Zeitspannen überschneiden sich."
                }
                errors.add("hours_" + day.key, Phrase(message))
            }
        }
        if days.allSatisfy(\.isEmpty), !Weekday.allCases.contains(where: { errors["hours_" + $0.key] != nil }) {
            errors.add("hours_mon", "Bitte geben Sie für mindestens einen Tag Öffnungszeiten an.")
        }
        let minMinutes = Int(asciiDigits: self["min_minutes"], maxDigits: 4)
        let maxMinutes = Int(asciiDigits: self["max_minutes"], maxDigits: 4)
        if minMinutes.map({ $0 < 15 || $0 > 1440 || $0 % 15 != 0 }) ?? true {
            errors.add("min_minutes", "Bitte geben Sie die kürzeste Buchung in Minuten an, in 15-Minuten-Schritten (z. B. 60).")
        }
        if maxMinutes.map({ $0 < 15 || $0 > 1440 || $0 % 15 != 0 }) ?? true {
            errors.add("max_minutes", "Bitte geben Sie die längste Buchung in Minuten an, in 15-Minuten-Schritten (höchstens 1440).")
        } else if let minMinutes, let maxMinutes, maxMinutes < minMinutes {
            errors.add("max_minutes", "Die längste Buchung darf nicht kürzer sein als die kürzeste.")
        }
        let lead = Int(asciiDigits: self["lead_hours"], maxDigits: 3)
        if lead.map({ $0 > 336 }) ?? true { errors.add("lead_hours", "Bitte geben Sie den Vorlauf in Stunden an (0 bis 336).") }
        let ahead = Int(asciiDigits: self["max_days_ahead"], maxDigits: 3)
        if ahead.map({ !(1...730).contains($0) }) ?? true { errors.add("max_days_ahead", "Bitte geben Sie an, wie viele Tage im Voraus gebucht werden kann (1 bis 730).") }
        if self["rules"].count > 3000 { errors.add("rules", "Die Hausordnung darf höchstens 3000 Zeichen lang sein.") }
        let knownEquipment = equipment.compactMap(Equipment.init(rawValue:))
        if knownEquipment.count != equipment.count { errors.add("equipment", "Bitte wählen Sie nur Ausstattung aus der Liste.") }

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
        let districts = [FieldContext.Option(value: "", label: "Bitte wählen")] + District.allCases.map { FieldContext.Option(value: $0.rawValue, label: $0.name) }
        let models: [FieldContext.Option] = [
            .init(value: "free", label: "Kostenlos für alle"), .init(value: "free_nonprofit", label: "Kostenlos für gemeinnützige Organisationen, sonst gegen Gebühr"),
            .init(value: "donation", label: "Gegen Spende"), .init(value: "fee", label: "Gegen Gebühr"),
        ]
        var fields = [
            FieldContext(name: "title", label: "Titel", value: self["title"], hint: "Zum Beispiel „Heller Seminarraum mit Blick auf die Trave“.", required: true, maxLength: 120),
            FieldContext(name: "description", label: "Beschreibung", kind: .textarea(rows: 8), value: self["description"],
                         hint: "Was gibt es im Raum, wofür eignet er sich, wie kommt man hin?", required: true, maxLength: 5000),
            FieldContext(name: "district", label: "Stadtteil", kind: .select(districts), value: self["district"], required: true),
            FieldContext(name: "street", label: "Straße und Hausnummer", value: self["street"], required: true, autocomplete: "address-line1", maxLength: 120),
            FieldContext(name: "postcode", label: "Postleitzahl", kind: .input(type: "text"), value: self["postcode"], required: true, autocomplete: "postal-code", maxLength: 5),
            FieldContext(name: "capacity", label: "Personen (höchstens)", kind: .input(type: "number"), value: self["capacity"], required: true, min: "1", step: "1"),
            FieldContext(name: "area_m2", label: "Fläche in m² (freiwillig)", kind: .input(type: "number"), value: self["area_m2"], min: "1", step: "1"),
            FieldContext(name: "price_model", label: "Preis", kind: .select(models), value: self["price_model"], required: true),
            FieldContext(name: "price_per_hour_eur", label: "Gebühr pro Stunde in Euro", value: self["price_per_hour_eur"],
                         hint: "Nur bei Gebühr: was zahlende Organisationen pro Stunde zahlen, z. B. 25 oder 12,50."),
            FieldContext(name: "booking_mode", label: "Buchung", kind: .select([.init(value: "request", label: "Auf Anfrage – wir bestätigen jede Buchung"),
                                                                                 .init(value: "instant", label: "Sofort buchbar – freie Zeiten sind sofort gebucht")]),
                         value: self["booking_mode"], required: true),
            FieldContext(name: "min_minutes", label: "Kürzeste Buchung in Minuten", kind: .input(type: "number"), value: self["min_minutes"], required: true, min: "15", step: "15"),
            FieldContext(name: "max_minutes", label: "Längste Buchung in Minuten", kind: .input(type: "number"), value: self["max_minutes"], required: true, min: "15", step: "15"),
            FieldContext(name: "lead_hours", label: "Vorlauf in Stunden", kind: .input(type: "number"), value: self["lead_hours"],
                         hint: "So viele Stunden vor Beginn muss spätestens gebucht werden.", min: "0", step: "1"),
            FieldContext(name: "max_days_ahead", label: "Höchstens so viele Tage im Voraus buchbar", kind: .input(type: "number"), value: self["max_days_ahead"], min: "1", step: "1"),
            FieldContext(name: "step_free", label: "Stufenloser Zugang", kind: .checkbox, value: self["step_free"]),
            FieldContext(name: "accessible_wc", label: "Barrierefreies WC", kind: .checkbox, value: self["accessible_wc"]),
            FieldContext(name: "hearing_loop", label: "Induktive Höranlage", kind: .checkbox, value: self["hearing_loop"]),
            FieldContext(name: "rules", label: "Hausordnung (freiwillig)", kind: .textarea(rows: 4), value: self["rules"], maxLength: 3000),
        ]
        for day in Weekday.allCases {
            fields.append(FieldContext(name: "hours_" + day.key, label: day.name, value: self["hours_" + day.key],
                                       hint: day == .monday ? "Zum Beispiel 08:00-18:00 oder 08:00-12:00, 14:00-18:00; 00:00-24:00 ist der ganze Tag; leer heißt geschlossen." : nil))
        }
        var context = FormContext(fields: fields, errors: errors, visitor: visitor)
        context.extra = extra
        context.extra["equipment_options"] = .list(Equipment.allCases.map { item in
            NamedContext(values: ["slug": .text(item.rawValue), "name": .text(item.name), "checked": .bool(equipment.contains(item.rawValue))])
        })
        context.extra["equipment_error"] = .text(errors["equipment"].map(visitor.texts.callAsFunction))
        return context
    }
}

import Foundation
