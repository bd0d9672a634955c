import Foundation
import HTTPServer

/// An API error as an RFC 9457 problem: `application/problem+json` with `type`,
/// `title`, `status` and a `detail` that says what to change. A 400 also lists
/// every parameter it refused in `invalid_params` (name and reason).
struct ApiProblem: Error, Sendable, Equatable {
    struct InvalidParameter: Sendable, Equatable, Encodable {
        let name: String
        let reason: String
    }

    let status: HTTPStatus
    let detail: String
    var invalidParams: [InvalidParameter] = []
    var headers: [String: String] = [:]

    /// 400 for the parameters refused, each with its reason.
    static func invalid(_ parameters: [InvalidParameter]) -> ApiProblem {
        let detail = parameters.map { "\($0.name): \($0.reason)" }.joined(separator: "; ")
        return ApiProblem(status: .badRequest, detail: detail, invalidParams: parameters)
    }

    static func invalid(_ name: String, _ reason: String) -> ApiProblem {
        invalid([InvalidParameter(name: name, reason: reason)])
    }

    static func notFound(_ detail: String) -> ApiProblem {
        ApiProblem(status: .notFound, detail: detail)
    }

    static func methodNotAllowed(allow: String) -> ApiProblem {
        ApiProblem(status: .methodNotAllowed, detail: "This resource answers only \(allow).", headers: ["Allow": allow])
    }

    /// The body as sent; `type` is `about:blank`, so `title` is the status's reason phrase.
    var body: Body {
        Body(title: status.reason, status: status.code, detail: detail, invalidParams: invalidParams.isEmpty ? nil : invalidParams)
    }

    struct Body: Encodable {
        let type = "about:blank"
        let title: String
        let status: Int
        let detail: String
        let invalidParams: [InvalidParameter]?

        enum CodingKeys: String, CodingKey {
            case type, title, status, detail
            case invalidParams = "invalid_params"
        }
    }
}
