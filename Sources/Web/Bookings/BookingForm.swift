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
        let day = LocalDate(typed: date)
        if day == nil { errors.add("date", "booking.error.date") }
        let startMinute = WeeklyHours.minutes(start), endMinute = WeeklyHours.minutes(end)
        if startMinute == nil || start.count != 5 { errors.add("start", "booking.error.start") }
        if endMinute == nil || end.count != 5 { errors.add("end", "booking.error.end") }
        if let s = startMinute, let e = endMinute {
            if s % 15 != 0 { errors.add("start", "booking.problem.not_on_grid") }
            if e % 15 != 0 { errors.add("end", "booking.problem.not_on_grid") }
            if e <= s { errors.add("end", "booking.problem.end_not_after_start") }
        }
        let people = Int(attendees)
        if people.map({ $0 < 1 || $0 > 10_000 }) ?? true || attendees.contains("+") { errors.add("attendees", "booking.error.attendees") }
        if purpose.count > 500 { errors.add("purpose", Phrase("booking.error.purpose_too_long", ["max": "500"])) }
        let repeats = Int(repeatWeeks)
        if repeats.map({ !(0...26).contains($0) }) ?? true || repeatWeeks.contains("+") {
            errors.add("repeat_weeks", "booking.error.repeat_weeks")
        }
        guard errors.isEmpty, let day, let startMinute, let endMinute, let people, let repeats else { return .failure(errors) }
        let slots = (0...repeats).map { BookingSlot(date: day.adding(days: 7 * $0), startMinute: startMinute, endMinute: endMinute) }
        return .success(Parsed(slots: slots, attendees: people, purpose: purpose))
    }

    func context(errors: FieldErrors, conflicts: [(slot: BookingSlot, problems: [BookingProblem])], visitor: Visitor, action: String) -> FormContext {
        let texts = visitor.texts
        var context = FormContext(fields: [
            FieldContext(name: "date", label: texts("booking.field.date"), kind: .input(type: "date"), value: date, required: true),
            FieldContext(name: "start", label: texts("booking.field.start"), kind: .input(type: "time"), value: start, required: true, step: "900"),
            FieldContext(name: "end", label: texts("booking.field.end"), kind: .input(type: "time"), value: end, required: true, step: "900"),
            FieldContext(name: "attendees", label: texts("booking.field.attendees"), kind: .input(type: "number"), value: attendees, required: true,
                         min: "1", step: "1"),
            FieldContext(name: "purpose", label: texts("booking.field.purpose"), kind: .textarea(rows: 3), value: purpose,
                         hint: texts("booking.field.purpose_hint"), maxLength: 500),
            FieldContext(name: "repeat_weeks", label: texts("booking.field.repeat_weeks"), kind: .input(type: "number"), value: repeatWeeks,
                         hint: texts("booking.field.repeat_weeks_hint"), min: "0", step: "1"),
        ], errors: errors, visitor: visitor,
           formError: conflicts.isEmpty ? nil : conflicts.count == 1 && Int(repeatWeeks) == 0
                ? texts("booking.error.slot_not_bookable")
                : texts("booking.error.slots_not_bookable"))
        context.extra = [
            "action": .text(action),
            "conflicts": .list(conflicts.map { conflict in
                NamedContext(values: ["label": .text(texts.slot(conflict.slot)),
                                      "reasons": .text(conflict.problems.map(texts.message).joined(separator: " "))])
            }),
        ]
        return context
    }
}
