/// Name/value pairs of a query string or an `application/x-www-form-urlencoded`
/// body, in order, with repeated names kept (`equipment=wifi&equipment=beamer`).
public struct URLEncodedForm: Sendable {
    public private(set) var items: [(name: String, value: String)] = []

    public init(items: [(name: String, value: String)] = []) {
        self.items = items
    }

    /// Parses `a=1&b=2`. Pairs whose escapes are malformed are dropped.
    public init(parsing text: some StringProtocol) {
        self.init(body: Array(text.utf8))
    }

    /// Parses bytes, not Characters: splitting a String finds grapheme
    /// boundaries, which made parsing a four-item query 40,000 instructions.
    /// Pairs whose escapes are malformed or whose bytes are not UTF-8 are dropped.
    public init(body: [UInt8]) {
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            guard let name = String.percentDecoding(pair[..<equals], plusAsSpace: true), !name.isEmpty,
                  let value = String.percentDecoding(pair[equals...].dropFirst(), plusAsSpace: true)
            else { continue }
            items.append((name, value))
        }
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
