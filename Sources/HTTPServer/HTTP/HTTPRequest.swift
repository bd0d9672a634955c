/// A complete request as parsed from the connection.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target as sent: origin-form, absolute-form or `*`.
    public var target: String
    /// The path of the target, still percent-encoded.
    public var path: String
    /// The query after `?`, still percent-encoded; empty when there is none.
    public var query: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The peer's IP address.
    public var remoteAddress: String
    /// Values the router took from the path pattern.
    public var parameters: HTTPPathParameters

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:], body: [UInt8] = [], remoteAddress: String = "127.0.0.1"
    ) {
        self.method = method
        self.target = target
        let (path, query) = HTTPRequest.split(target: target)
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.parameters = HTTPPathParameters()
    }

    /// Parsed query items (`a=1&b=2`), decoded.
    public var queryItems: URLEncodedForm { URLEncodedForm(parsing: query) }

    /// True when the client asked to keep the connection open (RFC 9112 §9.3).
    public var wantsKeepAlive: Bool {
        switch version {
        case .http1_1: !headers.hasToken("close", in: "Connection")
        case .http1_0: headers.hasToken("keep-alive", in: "Connection")
        }
    }

    static func split(target: String) -> (path: String, query: String) {
        // On the UTF-8 view: searching the characters of a String cost a request 1 %.
        let bytes = target.utf8
        var start = bytes.startIndex
        // absolute-form (RFC 9112 §3.2.2): keep only the path and query.
        if bytes.starts(with: "http://".utf8) || bytes.starts(with: "https://".utf8) {
            let colon = bytes.firstIndex(of: UInt8(ascii: ":"))!
            let authority = bytes.index(colon, offsetBy: 3, limitedBy: bytes.endIndex) ?? bytes.endIndex
            guard let slash = bytes[authority...].firstIndex(of: UInt8(ascii: "/")) else { return ("/", "") }
            start = slash
        }
        if let mark = bytes[start...].firstIndex(of: UInt8(ascii: "?")) {
            return (String(target[start..<mark]), String(target[bytes.index(after: mark)...]))
        }
        return (String(target[start...]), "")
    }
}

/// Named values from the matched route pattern (`/rooms/:id`).
public struct HTTPPathParameters: Sendable {
    var values: [(String, String)] = []

    public subscript(name: String) -> String? {
        values.first { $0.0 == name }?.1
    }

    /// The parameter as a positive integer id; anything else is a 404, since no
    /// such resource can exist.
    public func id(_ name: String) throws(HTTPError) -> Int {
        guard let text = self[name], let value = Int(asciiDigits: text), value > 0 else {
            throw HTTPError(.notFound)
        }
        return value
    }
}

extension Int {
    /// Parses only plain ASCII digits: `Int("+5")` and `Int("-1")` accept signs, which
    /// header and id parsing must refuse.
    public init?(asciiDigits text: some StringProtocol, maxDigits: Int = 18) {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maxDigits else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        self = value
    }
}
