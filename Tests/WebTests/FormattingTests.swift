import RoomExchange
import Testing
@testable import Web

@Suite("Excerpts")
struct FormattingTests {
    @Test("short texts stay whole, with line breaks as spaces")
    func shortTexts() {
        #expect(Formatting.excerpt("Saal\nmit Bühne", length: 20) == "Saal mit Bühne")
        #expect(Formatting.excerpt("genau zehn", length: 10) == "genau zehn")
        #expect(Formatting.excerpt("", length: 10) == "")
        // Every line break, and characters whose bytes look like one of them (é is C3 A9, like U+2029's last byte).
        #expect(Formatting.excerpt("a\u{2028}b\u{2029}c\u{85}d\re", length: 20) == "a b c d e")
        #expect(Formatting.excerpt("Café für ©", length: 20) == "Café für ©")
        // More bytes than the length but few enough characters: still whole.
        #expect(Formatting.excerpt("Küche\r\nSäle", length: 10) == "Küche Säle")
    }

    @Test("long texts are cut at the last word that fits, without trailing punctuation, with an ellipsis")
    func longTexts() {
        #expect(Formatting.excerpt("Großer Saal, hell und ruhig, mit Küche", length: 20) == "Großer Saal, hell …")
        #expect(Formatting.excerpt("Saal, Küche; Garten und Hof", length: 12) == "Saal, Küche …")
        #expect(Formatting.excerpt("Donaudampfschifffahrt", length: 5) == "Donau …")
        // Characters, not bytes: umlauts and emoji count once.
        #expect(Formatting.excerpt("üüü 🎉🎉 äää", length: 8) == "üüü 🎉🎉 …")
        // A decomposed "ü" (u + U+0308) counts once too, and is never split.
        #expect(Formatting.excerpt("u\u{308}u\u{308}u\u{308} Saal", length: 3) == "u\u{308}u\u{308}u\u{308} …")
        #expect(Formatting.excerpt("Küche\r\nSaal mit Bühne", length: 10) == "Küche Saal …")
        #expect(Formatting.excerpt("Küche\r\nSaal", length: 10) == "Küche Saal")
        #expect(Formatting.excerpt("Kueche Saal", length: 3) == "Kue …")
        #expect(Formatting.excerpt("👩‍🔧👩‍🔧 Werkstatt", length: 2) == "👩‍🔧👩‍🔧 …")
        #expect(Formatting.excerpt("Ku\u{308}che Saal", length: 2) == "Ku\u{308} …")
    }
}

@Suite("Week view")
struct WeekViewTests {
    let day = LocalDate("2027-01-14")!

    @Test("a day's span splits into free, booked, requested and already begun stretches")
    func splitsADay() {
        let span = MinuteSpan(start: 8 * 60, end: 18 * 60)!
        let taken: [(start: WeekView.LocalTime, end: WeekView.LocalTime, status: BookingStatus)] = [
            ((day, 10 * 60), (day, 12 * 60), .confirmed),
            ((day, 14 * 60), (day, 15 * 60), .requested),
            // From the evening before until 09:00: clamped to the span.
            ((day.adding(days: -1), 20 * 60), (day, 9 * 60), .confirmed),
        ]
        let segments = WeekView.split(span, on: day, taken: taken, now: (day, 9 * 60 + 30))
        #expect(segments.map { [$0.start, $0.end] } == [[480, 540], [540, 600], [600, 720], [720, 840], [840, 900], [900, 1080]])
        #expect(segments.map(\.kind) == [.busy, .past, .busy, .free, .requested, .free])
    }

    @Test("every free stretch of an earlier day is past, none of a later day")
    func pastAndFutureDays() {
        let span = MinuteSpan(start: 8 * 60, end: 18 * 60)!
        #expect(WeekView.split(span, on: day, taken: [], now: (day.adding(days: 1), 0)).map(\.kind) == [.past])
        #expect(WeekView.split(span, on: day, taken: [], now: (day.adding(days: -1), 23 * 60)).map(\.kind) == [.free])
    }
}

@Suite("Paragraphs")
struct ParagraphTests {
    private func paragraphs(_ text: String) -> [String] {
        ParagraphContext.list(text).compactMap { context in
            if case .text(let text) = context.value(for: "text") { text } else { nil }
        }
    }

    @Test("a paragraph per line, LF or CR LF, trimmed of spaces (tabs and no-break spaces too), blank lines dropped")
    func lines() {
        #expect(paragraphs("Großer Saal\nmit Bühne") == ["Großer Saal", "mit Bühne"])
        #expect(paragraphs("  Erste Zeile  \r\n\r\n\t Zweite\u{00A0}\r\n \u{00A0} \n") == ["Erste Zeile", "Zweite"])
        #expect(paragraphs("Innen  bleiben   Abstände") == ["Innen  bleiben   Abstände"])
        #expect(paragraphs("u\u{308}ber\n👩‍🔧 Werkstatt") == ["u\u{308}ber", "👩‍🔧 Werkstatt"])
        #expect(paragraphs("") == [] && paragraphs(" \n \r\n") == [])
    }

    @Test("trimming white space takes spaces, tabs, line breaks and no-break spaces from both ends only")
    func trimmingWhitespace() {
        #expect(" \t Saal am  Markt\r\n".trimmingWhitespace() == "Saal am  Markt")
        #expect("\u{00A0}\u{3000}Küche\u{2028}".trimmingWhitespace() == "Küche")
        #expect("Raum".trimmingWhitespace() == "Raum")
        #expect(" \n\t\u{00A0}".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
        #expect(" e\u{0301} ".trimmingWhitespace() == "e\u{0301}", "a combining mark at the end stays with its letter")
    }
}
