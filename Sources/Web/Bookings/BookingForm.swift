import Localization
import Mustache
import RoomExchange

/// The booking form on a room page, as typed.
struct BookingForm {
    var date = ""
    var start = ""
    var end = ""
    var attendees = ""
    var purpose = ""
    var repeatWeeks = "0"

    init() {}

    init(_ form: FormData) {
        date = form.text("date")
        start = form.text("start")
        end = form.text("end")
        attendees = form.text("attendees")
        purpose = form.text("purpose")
        repeatWeeks = form.text("repeat_weeks").isEmpty ? "0" : form.text("repeat_weeks")
    }

    /// Prefilled from a free slot of the week view.
    init(query: [String: String]) {
        date = query["date"] ?? ""
        start = query["start"] ?? ""
        end = query["end"] ?? ""
    }

    struct Parsed {
        let slots: [BookingSlot]
        let attendees: Int
        let purpose: String
    }

    /// The slots the form asks for (the date and `repeat_weeks` following weeks), or field errors.
    func parse() -> Result<Parsed, FieldErrors> {
        var errors = FieldErrors()
        let day = LocalDate(date)
        if day == nil { errors.add("date", "Bitte geben Sie das Datum an (TT.MM.JJJJ).") }
        let startMinute = WeeklyHours.minutes(start), endMinute = WeeklyHours.minutes(end)
        if startMinute == nil || start.count != 5 { errors.add("start", "Bitte geben Sie den Beginn als Uhrzeit an, z. B. 18:00.") }
        if endMinute == nil || end.count != 5 { errors.add("end", "Bitte geben Sie das Ende als Uhrzeit an, z. B. 20:00.") }
        if let s = startMinute, let e = endMinute {
            if s % 15 != 0 { errors.add("start", Phrase(BookingProblem.notOnGrid.message)) }
            if e % 15 != 0 { errors.add("end", Phrase(BookingProblem.notOnGrid.message)) }
            if e <= s { errors.add("end", Phrase(BookingProblem.endNotAfterStart.message)) }
        }
        let people = Int(attendees)
        if people.map({ $0 < 1 || $0 > 10_000 }) ?? true || attendees.contains("+") { errors.add("attendees", "Bitte geben Sie an, wie viele Personen kommen (mindestens 1).") }
        if purpose.count > 500 { errors.add("purpose", "Der Zweck darf höchstens 500 Zeichen lang sein.") }
        let repeats = Int(repeatWeeks)
        if repeats.map({ !(0...26).contains($0) }) ?? true || repeatWeeks.contains("+") {
            errors.add("repeat_weeks", "Bitte geben Sie eine Zahl von 0 bis 26 an.")
        }
        guard errors.isEmpty, let day, let startMinute, let endMinute, let people, let repeats else { return .failure(errors) }
        let slots = (0...repeats).map { BookingSlot(date: day.adding(days: 7 * $0), startMinute: startMinute, endMinute: endMinute) }
        return .success(Parsed(slots: slots, attendees: people, purpose: purpose))
    }

    func context(errors: FieldErrors, conflicts: [(slot: BookingSlot, problems: [BookingProblem])], visitor: Visitor, action: String) -> FormContext {
        var context = FormContext(fields: [
            FieldContext(name: "date", label: "Datum", kind: .input(type: "date"), value: date, required: true),
            FieldContext(name: "start", label: "Beginn", kind: .input(type: "time"), value: start, required: true, step: "900"),
            FieldContext(name: "end", label: "Ende", kind: .input(type: "time"), value: end, required: true, step: "900"),
            FieldContext(name: "attendees", label: "Personen", kind: .input(type: "number"), value: attendees, required: true, min: "1", step: "1"),
            FieldContext(name: "purpose", label: "Wofür? (freiwillig)", kind: .textarea(rows: 3), value: purpose,
                         hint: "Sieht nur die anbietende Organisation.", maxLength: 500),
            FieldContext(name: "repeat_weeks", label: "Wöchentlich wiederholen", kind: .input(type: "number"), value: repeatWeeks,
                         hint: "0 = einmalig; sonst so viele weitere Wochen zur selben Zeit (höchstens 26).", min: "0", step: "1"),
        ], errors: errors, visitor: visitor,
           formError: conflicts.isEmpty ? nil : conflicts.count == 1 && Int(repeatWeeks) == 0
                ? "Dieser Termin ist nicht buchbar. Es wurde nichts gespeichert."
                : "Nicht alle Termine sind buchbar. Es wurde nichts gespeichert.")
        context.extra = [
            "action": .text(action),
            "conflicts": .list(conflicts.map { conflict in
                NamedContext(values: ["label": .text(conflict.slot.label), "reasons": .text(conflict.problems.map(\.message).joined(separator: " "))])
            }),
        ]
        return context
    }
}
