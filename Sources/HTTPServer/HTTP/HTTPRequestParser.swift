/// Why a request could not be parsed, and the status that says so. The server
/// answers with `status` and closes the connection: after a framing error the
/// rest of the stream cannot be trusted (RFC 9112 §6.3).
public struct HTTPParseError: Error, Equatable, Sendable {
    public let status: HTTPStatus
    public let reason: String

    init(_ status: HTTPStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    static func bad(_ reason: String) -> HTTPParseError { HTTPParseError(.badRequest, reason) }
}

/// The request line and header fields, known before the body arrives.
public struct HTTPRequestHead: Sendable {
    public var method: HTTPMethod
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    var framing: BodyFraming
    var expectsContinue: Bool

    /// The path of the target, percent-encoded, without the query.
    public var path: String { HTTPRequest.split(target: target).path }
}

enum BodyFraming: Equatable, Sendable {
    case none
    case length(Int)
    case chunked
}

/// Size limits of the request head (RFC 9112 §3 recommends ≥ 8000 octets of request line).
public struct HTTPParserLimits: Sendable {
    public var maxRequestLineLength = 8 * 1024
    public var maxHeaderBytes = 32 * 1024
    public var maxHeaderCount = 100
    public init() {}
}

/// An incremental HTTP/1.1 request parser (RFC 9112), strict where leniency
/// allows request smuggling: it refuses what llhttp, Go and nginx refuse.
struct HTTPRequestParser {
    enum Event {
        /// The head of a request that has a body still to come.
        case head(HTTPRequestHead)
        case request(HTTPRequestHead, body: [UInt8])
    }

    private enum State {
        case head
        case fixedBody(HTTPRequestHead, remaining: Int)
        case chunked(HTTPRequestHead, ChunkPhase)
    }

    private enum ChunkPhase {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers(bytes: Int)
    }

    let limits: HTTPParserLimits
    let maxBodySize: @Sendable (HTTPRequestHead) -> Int
    private var state = State.head
    private var body: [UInt8] = []
    private var bodyTotal = 0
    /// How far the head has been searched for its end, so a dripping client costs
    /// linear time.
    private var scanned = 0

    init(limits: HTTPParserLimits, maxBodySize: @escaping @Sendable (HTTPRequestHead) -> Int) {
        self.limits = limits
        self.maxBodySize = maxBodySize
    }

    /// True while part of a request has been received.
    func isInsideRequest(_ buffer: ByteBuffer) -> Bool {
        if case .head = state { return !buffer.isEmpty }
        return true
    }

    var isReadingBody: Bool {
        if case .head = state { return false }
        return true
    }

    /// Consumes what it can from `buffer` and returns the next event, or nil when
    /// more bytes are needed.
    mutating func next(_ buffer: inout ByteBuffer) throws(HTTPParseError) -> Event? {
        switch state {
        case .head:
            guard let (head, length) = try parseHead(buffer) else { return nil }
            buffer.consume(length)
            scanned = 0
            switch head.framing {
            case .none, .length(0):
                return .request(head, body: [])
            case .length(let count):
                guard count <= maxBodySize(head) else { throw HTTPParseError(.contentTooLarge, "body of \(count) bytes is over the limit") }
                state = .fixedBody(head, remaining: count)
                body = []
                body.reserveCapacity(count)
                return .head(head)
            case .chunked:
                state = .chunked(head, .size)
                body = []
                bodyTotal = 0
                return .head(head)
            }
        case .fixedBody(let head, let remaining):
            let take = min(remaining, buffer.readableCount)
            if take > 0 {
                try buffer.withReadableBytes { body.append(contentsOf: $0.prefix(take)) }
                buffer.consume(take)
            }
            if take == remaining { return finish(head) }
            state = .fixedBody(head, remaining: remaining - take)
            return nil
        case .chunked(let head, let phase):
            return try parseChunked(head, phase, &buffer)
        }
    }

    private mutating func finish(_ head: HTTPRequestHead) -> Event {
        state = .head
        let complete = body
        body = []
        return .request(head, body: complete)
    }

    // MARK: Head

    private mutating func parseHead(_ buffer: ByteBuffer) throws(HTTPParseError) -> (HTTPRequestHead, Int)? {
        try buffer.withReadableBytes { (bytes) throws(HTTPParseError) -> (HTTPRequestHead, Int)? in
            // RFC 9112 §2.2: ignore empty lines before the request line.
            var start = 0
            while start + 1 < bytes.count, bytes[start] == 0x0D, bytes[start + 1] == 0x0A, start < 8 { start += 2 }

            guard let end = findHeadEnd(bytes, from: max(start, scanned - 3)) else {
                scanned = bytes.count
                let lineEnd = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if lineEnd - start > limits.maxRequestLineLength + 1 {
                    throw HTTPParseError(.uriTooLong, "request line longer than \(limits.maxRequestLineLength) bytes")
                }
                if bytes.count - start > limits.maxHeaderBytes {
                    throw HTTPParseError(.requestHeaderFieldsTooLarge, "header section larger than \(limits.maxHeaderBytes) bytes")
                }
                return nil
            }
            let head = try parseHeadLines(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            return (head, end + 4)
        }
    }

    private func findHeadEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while i + 3 < bytes.count {
            if bytes[i + 3] != 0x0A { i += bytes[i + 3] == 0x0D ? 1 : 4; continue }
            if bytes[i] == 0x0D, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x0D { return i }
            i += 1
        }
        return nil
    }

    private func parseHeadLines(_ head: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        guard let lines = crlfLines(head) else { throw .bad("bare CR or LF in the header section") }

        let requestLine = lines[0]
        if requestLine.count > limits.maxRequestLineLength {
            throw HTTPParseError(.uriTooLong, "request line longer than \(limits.maxRequestLineLength) bytes")
        }
        if head.count > limits.maxHeaderBytes {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "header section larger than \(limits.maxHeaderBytes) bytes")
        }
        if lines.count - 1 > limits.maxHeaderCount {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "more than \(limits.maxHeaderCount) header fields")
        }
        let (method, target, version) = try parseRequestLine(requestLine)

        var headers = HTTPHeaders(capacity: lines.count - 1)
        for line in lines.dropFirst() {
            let (name, value) = try HTTPRequestParser.parseField(line)
            headers.append(name, value)
        }
        return try validate(method: method, target: target, version: version, headers: headers)
    }

    private func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        // method SP target SP version, each part non-empty but the version, no third space.
        guard let methodEnd = line.firstIndex(of: 0x20), methodEnd > 0,
              let targetEnd = line[(methodEnd + 1)...].firstIndex(of: 0x20), targetEnd > methodEnd + 1,
              !line[(targetEnd + 1)...].contains(0x20)
        else { throw .bad("malformed request line") }
        let methodBytes = line[..<methodEnd], targetBytes = line[(methodEnd + 1)..<targetEnd]
        guard methodBytes.allSatisfy(HTTPRequestParser.isTokenByte) else { throw .bad("invalid method") }
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { throw .bad("invalid request target") }

        let versionBytes = UnsafeBufferPointer(rebasing: line[(targetEnd + 1)...])
        guard versionBytes.count == 8, versionBytes.starts(with: "HTTP/".utf8),
              isDigit(versionBytes[5]), versionBytes[6] == 0x2E, isDigit(versionBytes[7])
        else { throw .bad("malformed HTTP version") }
        guard versionBytes[5] == 0x31 else {
            throw HTTPParseError(.httpVersionNotSupported, "only HTTP/1.0 and HTTP/1.1 are supported")
        }
        // RFC 9110 §2.5: a higher minor version is answered as the highest we speak.
        let version: HTTPVersion = versionBytes[7] == 0x30 ? .http1_0 : .http1_1

        let methodText = String(decoding: methodBytes, as: UTF8.self)
        guard let method = HTTPMethod(rawValue: methodText), method != .CONNECT else {
            throw HTTPParseError(.notImplemented, "method \(methodText) is not implemented")
        }
        let target = String(decoding: targetBytes, as: UTF8.self)
        let isOrigin = target.hasPrefix("/")
        let isAbsolute = target.hasPrefix("http://") || target.hasPrefix("https://")
        let isAsterisk = target == "*" && method == .OPTIONS
        guard isOrigin || isAbsolute || isAsterisk else { throw .bad("invalid request target") }
        return (method, target, version)
    }

    /// One `name: value` line (RFC 9112 §5). Shared by header and trailer sections.
    static func parseField(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (String, String) {
        do {
            let (name, value) = try splitHeaderField(line)
            return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
        } catch {
            // Whitespace before the colon is a name error too (RFC 9112 §5.1: MUST 400).
            let reason = switch error {
            case .empty: "empty header line"
            case .folded: "obsolete line folding"
            case .noColon: "header line without name or colon"
            case .invalidName: "invalid header name"
            case .controlCharacter: "control character in header value"
            }
            throw .bad(reason)
        }
    }

    private func validate(method: HTTPMethod, target: String, version: HTTPVersion, headers: HTTPHeaders) throws(HTTPParseError) -> HTTPRequestHead {
        let hosts = headers.values("Host")
        if version == .http1_1, hosts.count != 1 { throw .bad("HTTP/1.1 needs exactly one Host header") }
        if hosts.count > 1 { throw .bad("more than one Host header") }
        if let host = hosts.first, !host.utf8.allSatisfy(HTTPRequestParser.isHostByte) { throw .bad("invalid Host header") }

        let transferEncodings = headers.values("Transfer-Encoding")
        let contentLengths = headers.values("Content-Length")
        var framing = BodyFraming.none
        if !transferEncodings.isEmpty {
            if !contentLengths.isEmpty { throw .bad("both Content-Length and Transfer-Encoding") }
            if version == .http1_0 { throw .bad("Transfer-Encoding in an HTTP/1.0 request") }
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces().lowercased() }
            guard codings.last == "chunked" else { throw .bad("chunked is not the final transfer coding") }
            guard codings.count == 1 else { throw HTTPParseError(.notImplemented, "transfer coding not implemented") }
            framing = .chunked
        } else if !contentLengths.isEmpty {
            // Duplicates are refused even when equal, as llhttp does: proxies disagree.
            guard contentLengths.count == 1, let length = Int(asciiDigits: contentLengths[0]) else {
                throw .bad("invalid Content-Length")
            }
            framing = .length(length)
        }

        var expectsContinue = false
        if let expect = headers["Expect"] {
            guard expect.equalsIgnoringASCIICase("100-continue") else {
                throw HTTPParseError(.expectationFailed, "only Expect: 100-continue is supported")
            }
            expectsContinue = version == .http1_1
        }
        return HTTPRequestHead(method: method, target: target, version: version, headers: headers, framing: framing, expectsContinue: expectsContinue)
    }

    // MARK: Chunked body (RFC 9112 §7.1)

    private mutating func parseChunked(_ head: HTTPRequestHead, _ start: ChunkPhase, _ buffer: inout ByteBuffer) throws(HTTPParseError) -> Event? {
        var phase = start
        while true {
            switch phase {
            case .size:
                guard let lineEnd = buffer.firstCRLF(within: 1026) else {
                    if buffer.readableCount > 1024 { throw .bad("chunk size line too long") }
                    state = .chunked(head, phase)
                    return nil
                }
                let size = try buffer.withReadableBytes { (bytes) throws(HTTPParseError) in
                    try HTTPRequestParser.parseChunkSize(UnsafeBufferPointer(rebasing: bytes[..<lineEnd]))
                }
                buffer.consume(lineEnd + 2)
                bodyTotal += size
                if bodyTotal > maxBodySize(head) { throw HTTPParseError(.contentTooLarge, "chunked body over the limit") }
                phase = size == 0 ? .trailers(bytes: 0) : .data(remaining: size)
            case .data(let remaining):
                let take = min(remaining, buffer.readableCount)
                if take > 0 {
                    try buffer.withReadableBytes { body.append(contentsOf: $0.prefix(take)) }
                    buffer.consume(take)
                }
                if take < remaining {
                    state = .chunked(head, .data(remaining: remaining - take))
                    return nil
                }
                phase = .dataEnd
            case .dataEnd:
                guard buffer.readableCount >= 2 else {
                    state = .chunked(head, phase)
                    return nil
                }
                guard buffer.byte(at: 0) == 0x0D, buffer.byte(at: 1) == 0x0A else { throw .bad("chunk data not followed by CRLF") }
                buffer.consume(2)
                phase = .size
            case .trailers(let seen):
                guard let lineEnd = buffer.firstCRLF(within: limits.maxHeaderBytes) else {
                    if seen + buffer.readableCount > limits.maxHeaderBytes {
                        throw HTTPParseError(.requestHeaderFieldsTooLarge, "trailer section too large")
                    }
                    state = .chunked(head, phase)
                    return nil
                }
                if lineEnd == 0 {
                    buffer.consume(2)
                    return finish(head)
                }
                try buffer.withReadableBytes { (bytes) throws(HTTPParseError) in
                    let line = UnsafeBufferPointer(rebasing: bytes[..<lineEnd])
                    if line.contains(0x0A) || line.contains(0x0D) { throw .bad("bare CR or LF in trailer") }
                    _ = try HTTPRequestParser.parseField(line)
                }
                buffer.consume(lineEnd + 2)
                if seen + lineEnd > limits.maxHeaderBytes { throw HTTPParseError(.requestHeaderFieldsTooLarge, "trailer section too large") }
                phase = .trailers(bytes: seen + lineEnd + 2)
            }
        }
    }

    /// `1*HEXDIG [ BWS ";" chunk-ext ]`: no sign, no `0x`, at most 16 digits.
    static func parseChunkSize(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        var value = 0
        var digits = 0
        var i = 0
        while i < line.count, let digit = hexValue(line[i]) {
            digits += 1
            guard digits <= 16 else { throw .bad("chunk size too long") }
            // Past 2^59 the total is over any limit anyway; saturate instead of overflowing.
            value = value > (Int.max >> 5) ? Int.max >> 1 : value << 4 | digit
            i += 1
        }
        guard digits > 0 else { throw .bad("missing chunk size") }
        var rest = UnsafeBufferPointer(rebasing: line[i...])
        while let first = rest.first, first == 0x20 || first == 0x09 { rest = UnsafeBufferPointer(rebasing: rest.dropFirst()) }
        if let first = rest.first {
            guard first == 0x3B else { throw .bad("invalid chunk size") }
            for byte in rest where (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw .bad("control character in chunk extension") }
        }
        return value
    }

    // MARK: Character classes

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// reg-name, IP-literal and port characters of a Host value (RFC 3986).
    static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
             UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
             UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "%"): true
        default: false
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
