/// CSV for German spreadsheet programs: UTF-8 with BOM, `;` between cells, CRLF
/// line ends, and cells that a spreadsheet would run as a formula neutralised.
enum CSV {
    static func render(header: [String], rows: [[String]]) -> [UInt8] {
        var text = "\u{FEFF}"
        for row in [header] + rows { text += row.map(cell).joined(separator: ";") + "\r\n" }
        return Array(text.utf8)
    }

    /// OWASP CSV injection: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`.
    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            value = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
