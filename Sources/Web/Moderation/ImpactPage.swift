import Foundation
import HTTPServer
import Localization
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
        let texts = visitor.texts
        let districts = District.allCases.map { ($0, figures.byDistrict[$0] ?? (0, 0, 0)) }
        let maxDistrictHours = max(1, districts.map { $0.1.hours }.max() ?? 1)
        let maxMonthHours = max(1, figures.byMonth.map(\.hours).max() ?? 1)
        func hours(_ value: Double) -> String { texts.decimal(value) }
        let context = NamedContext(values: [
            "rooms": .text(texts.number(figures.publishedRooms)),
            "organisations": .text(texts.number(figures.organisationsByKind.values.reduce(0, +))),
            "bookings": .text(texts.number(figures.confirmedBookings)),
            "hours": .text(hours(figures.hoursShared)),
            "free_hours": .text(hours(figures.freeHoursForNonprofits)),
            "value": .text(ImpactPage.euros(Int(figures.freeHoursForNonprofits * Double(euroPerHour) * 100), texts)),
            "rate": .text(ImpactPage.euros(euroPerHour * 100, texts)),
            "kinds": .list(Organisation.Kind.allCases.map { kind in
                NamedContext(values: ["label": .text(texts.label(kind)), "count": .text(texts.number(figures.organisationsByKind[kind] ?? 0))])
            }),
            "districts": .list(districts.enumerated().map { index, item in
                NamedContext(values: [
                    "name": .text(texts.name(item.0)), "rooms": .text(texts.number(item.1.rooms)), "bookings": .text(texts.number(item.1.bookings)),
                    "hours": .text(hours(item.1.hours)),
                    "y": .int(index * 30 + 4), "text_y": .int(index * 30 + 20), "bar_width": .int(Int((item.1.hours / maxDistrictHours * 320).rounded())),
                    "value_x": .int(150 + Int((item.1.hours / maxDistrictHours * 320).rounded()) + 6),
                ])
            }),
            "district_chart_height": .int(District.allCases.count * 30 + 8),
            "months": .list(figures.byMonth.enumerated().map { index, month in
                let height = Int((month.hours / maxMonthHours * 160).rounded())
                return NamedContext(values: [
                    "label": .text(ImpactPage.monthLabel(month.month, texts)), "bookings": .text(texts.number(month.bookings)), "hours": .text(hours(month.hours)),
                    "free_hours": .text(hours(month.freeHours)), "x": .int(index * 50 + 10), "text_x": .int(index * 50 + 30),
                    "bar_y": .int(180 - height), "bar_height": .int(height),
                ])
            }),
            // The CSV link keeps a language other than the default, so its headers match the page.
            "csv_path": .text(visitor.language == .default ? "/impact.csv" : "/impact.csv?lang=" + visitor.language.rawValue),
        ])
        return try pages.page(.impact, context, layout: LayoutContext(title: texts("impact.title"), canonicalPath: "/impact", section: .impact, visitor: visitor))
    }

    /// The figures for the city's reporting. Public and cached, so its language
    /// comes from the address alone (`?lang=en`), never from a cookie: German
    /// headers and decimal commas unless asked otherwise.
    func csv(_ request: HTTPRequest) throws -> HTTPResponse {
        let texts = pages.catalogs[request.queryItems["lang"].flatMap(Language.init(rawValue:)) ?? .default]
        let figures = try database.impactFigures()
        var rows = District.allCases.map { district -> [String] in
            let item = figures.byDistrict[district] ?? (0, 0, 0)
            return [texts("impact.csv.group.district"), texts.name(district), String(item.rooms), String(item.bookings), texts.decimal(item.hours), ""]
        }
        rows += figures.byMonth.map { [texts("impact.csv.group.month"), $0.month, "", String($0.bookings), texts.decimal($0.hours), texts.decimal($0.freeHours)] }
        rows.append([texts("impact.csv.group.total"), "", String(figures.publishedRooms), String(figures.confirmedBookings), texts.decimal(figures.hoursShared),
                     texts.decimal(figures.freeHoursForNonprofits)])
        let header = [texts("impact.csv.col.group"), texts("impact.csv.col.name"), texts("impact.csv.col.rooms"), texts("impact.csv.col.bookings"),
                      texts("impact.csv.col.hours"), texts("impact.csv.col.free_hours")]
        let body = CSV.render(header: header, rows: rows)
        return HTTPResponse(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8", "Content-Language": texts.language.rawValue,
                                                   "Content-Disposition": "attachment; filename=\"" + texts("impact.csv.filename") + "\"",
                                                   "Cache-Control": "public, max-age=300"], body: body)
    }

    /// `2027-01` → `Jan. 2027` / `Jan 2027`
    static func monthLabel(_ key: String, _ texts: Catalog) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return key }
        return texts("impact.month_label", ["month": texts("date.month.short.\(month)"), "year": String(parts[0])])
    }

    /// An amount with its cents always shown, as an estimate reads: `50,00 €` / `€50.00`.
    static func euros(_ cents: Int, _ texts: Catalog) -> String {
        let rest = cents % 100
        let amount = texts.number(cents / 100) + texts("format.decimal_separator") + (rest < 10 ? "0" : "") + String(rest)
        return texts("format.euros", ["amount": amount])
    }
}
