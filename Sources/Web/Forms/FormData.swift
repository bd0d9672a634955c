import HTTPServer

/// The fields of a POST body, URL-encoded or multipart, read the same way.
struct FormData {
    let fields: URLEncodedForm
    let multipart: MultipartForm?

    init(_ request: HTTPRequest) {
        let type = request.headers["Content-Type"] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            let form = try? MultipartForm(body: request.body, contentType: type)
            multipart = form
            fields = form?.fields ?? URLEncodedForm()
        } else {
            multipart = nil
            fields = URLEncodedForm(body: request.body)
        }
    }

    subscript(name: String) -> String? { fields[name] }

    /// The trimmed value, empty when missing.
    func text(_ name: String) -> String {
        (fields[name] ?? "").trimmingWhitespace()
    }

    func all(_ name: String) -> [String] { fields.all(name) }

    func isChecked(_ name: String) -> Bool { fields[name] == "1" }

    var csrfToken: String? { fields["csrf_token"] }
}

import Foundation
