/// Name/value pairs of a query string or an `application/x-www-form-urlencoded`
/// body, in order, with repeated names kept (`equipment=wifi&equipment=beamer`).
public struct URLEncodedForm: Sendable {
    public private(set) var items: [(name: String, value: String)] = []

    public init(items: [(name: String, value: String)] = []) {
        self.items = items
    }

    /// Parses `a=1&b=2`. Pairs whose escapes are malformed are dropped.
    public init(parsing text: some StringProtocol) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = String(parts[0]).percentDecoded(plusAsSpace: true), !name.isEmpty,
                  let value = (parts.count > 1 ? String(parts[1]) : "").percentDecoded(plusAsSpace: true)
            else { continue }
            items.append((name, value))
        }
    }

    public init(body: [UInt8]) {
        self.init(parsing: String(decoding: body, as: UTF8.self))
    }

    /// The first value for `name`, or nil.
    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    public func all(_ name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    /// Encodes back to `a=1&b=2`.
    public var encoded: String {
        items.map { $0.name.percentEncoded() + "=" + $0.value.percentEncoded() }.joined(separator: "&")
    }

    public mutating func append(_ name: String, _ value: String) {
        items.append((name, value))
    }

    public mutating func set(_ name: String, _ value: String?) {
        items.removeAll { $0.name == name }
        if let value { items.append((name, value)) }
    }
}
