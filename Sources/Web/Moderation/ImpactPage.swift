import Foundation
import HTTPServer
import Mustache
import RoomExchange
import Storage

/// What the exchange achieved, public: figures, charts drawn on the server as
/// SVG (with the same numbers as tables), and a CSV for the city's reporting.
struct ImpactPage: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    /// Euro value of an hour of a room, as stated on the page.
    let euroPerHour: Int

    func show(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
        let figures = try database.impactFigures()
        let districts = District.allCases.map { ($0, figures.byDistrict[$0] ?? (0, 0, 0)) }
        let maxDistrictHours = max(1, districts.map { $0.1.hours }.max() ?? 1)
        let maxMonthHours = max(1, figures.byMonth.map(\.hours).max() ?? 1)
        func hours(_ value: Double) -> String { Formatting.decimal(value) }
        let context = NamedContext(values: [
            "rooms": .text(Formatting.number(figures.publishedRooms)),
            "organisations": .text(Formatting.number(figures.organisationsByKind.values.reduce(0, +))),
            "bookings": .text(Formatting.number(figures.confirmedBookings)),
            "hours": .text(hours(figures.hoursShared)),
            "free_hours": .text(hours(figures.freeHoursForNonprofits)),
            "value": .text(Price.euros(Int(figures.freeHoursForNonprofits * Double(euroPerHour) * 100))),
            "rate": .text(Price.euros(euroPerHour * 100)),
            "kinds": .list(Organisation.Kind.allCases.map { kind in
                NamedContext(values: ["label": .text(kind.label), "count": .int(figures.organisationsByKind[kind] ?? 0)])
            }),
            "districts": .list(districts.enumerated().map { index, item in
                NamedContext(values: [
                    "name": .text(item.0.name), "rooms": .int(item.1.rooms), "bookings": .int(item.1.bookings), "hours": .text(hours(item.1.hours)),
                    "y": .int(index * 30 + 4), "text_y": .int(index * 30 + 20), "bar_width": .int(Int((item.1.hours / maxDistrictHours * 320).rounded())),
                    "value_x": .int(150 + Int((item.1.hours / maxDistrictHours * 320).rounded()) + 6),
                ])
            }),
            "district_chart_height": .int(District.allCases.count * 30 + 8),
            "months": .list(figures.byMonth.enumerated().map { index, month in
                let height = Int((month.hours / maxMonthHours * 160).rounded())
                return NamedContext(values: [
                    "label": .text(ImpactPage.monthLabel(month.month)), "bookings": .int(month.bookings), "hours": .text(hours(month.hours)),
                    "free_hours": .text(hours(month.freeHours)), "x": .int(index * 50 + 10), "text_x": .int(index * 50 + 30),
                    "bar_y": .int(180 - height), "bar_height": .int(height),
                ])
            }),
        ])
        return try pages.page(.impact, context, layout: LayoutContext(title: "Wirkung", canonicalPath: "/impact", section: .impact, visitor: visitor))
    }

    func csv(_ request: HTTPRequest) throws -> HTTPResponse {
        let figures = try database.impactFigures()
        var rows = District.allCases.map { district -> [String] in
            let item = figures.byDistrict[district] ?? (0, 0, 0)
            return ["Stadtteil", district.name, String(item.rooms), String(item.bookings), Formatting.decimal(item.hours), ""]
        }
        rows += figures.byMonth.map { ["Monat", $0.month, "", String($0.bookings), Formatting.decimal($0.hours), Formatting.decimal($0.freeHours)] }
        rows.append(["Gesamt", "", String(figures.publishedRooms), String(figures.confirmedBookings), Formatting.decimal(figures.hoursShared),
                     Formatting.decimal(figures.freeHoursForNonprofits)])
        let body = CSV.render(header: ["Gruppe", "Name", "Räume", "Buchungen", "Stunden", "Stunden kostenlos für Gemeinnützige"], rows: rows)
        return HTTPResponse(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8",
                                                   "Content-Disposition": "attachment; filename=\"raumboerse-wirkung.csv\"", "Cache-Control": "public, max-age=300"], body: body)
    }

    /// `2027-01` → `Jan. 2027`
    static func monthLabel(_ key: String) -> String {
        let names = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."]
        let parts = key.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return key }
        return names[month - 1] + " " + parts[0]
    }
}
