/// The parts of a `multipart/form-data` body (RFC 7578 on RFC 2046 §5.1), the
/// way a browser sends a form with a file input: the photo upload of a room.
///
/// Strict where a lenient reading would let two parsers disagree about what was
/// sent (a delimiter line not ending in CRLF, a part without a name, a name given
/// twice, a body without its closing delimiter are refused), and safe against
/// hostile bodies: one linear pass over the bytes, bounded headers, a bounded
/// number of parts, and memory no larger than the body it was given.
///
/// A file input left empty arrives as a part with `filename=""` and no bytes;
/// such a part is left out of `parts` altogether, so `file(_:)` answers nil and
/// the empty value does not show up among the text `fields` either.
public struct MultipartForm: Sendable {
    public struct Part: Sendable {
        public let name: String
        /// The `filename` parameter as sent, nil for a text field. Never trust it
        /// as a path or as the file's type; look at the bytes.
        public let filename: String?
        /// The part's own `Content-Type`, nil when it has none.
        public let contentType: String?
        public let body: [UInt8]
    }

    public struct Limits: Sendable {
        /// Counted before empty file parts are dropped, as it bounds the work done.
        public var maxParts = 50
        /// The header section of one part, without the empty line that ends it.
        public var maxPartHeaderBytes = 8 * 1024
        /// A part without a filename; files are bounded by the request body limit only.
        public var maxTextFieldBytes = 64 * 1024
        public init() {}
    }

    public let parts: [Part]

    /// `contentType` is the request's Content-Type header value, e.g. `multipart/form-data; boundary=----abc`.
    public init(body: [UInt8], contentType: String, limits: Limits = Limits()) throws(MultipartError) {
        let boundary = try Self.boundary(of: contentType)
        parts = try body.withUnsafeBufferPointer { (bytes) throws(MultipartError) -> [Part] in
            try Reader(bytes: bytes, dashBoundary: Array("--\(boundary)".utf8), limits: limits).readParts()
        }
    }

    /// First non-file field with this name, decoded as UTF-8 (nil if missing or invalid UTF-8).
    public subscript(name: String) -> String? {
        guard let part = parts.first(where: { $0.filename == nil && $0.name == name }) else { return nil }
        return String(validating: part.body, as: UTF8.self)
    }

    /// First part with this name that has a filename.
    public func file(_ name: String) -> Part? {
        parts.first { $0.filename != nil && $0.name == name }
    }

    /// All non-file fields as name/value pairs, in order (repeated names kept).
    /// Fields whose value is not UTF-8 are left out, as `URLEncodedForm` leaves out
    /// malformed escapes.
    public var fields: URLEncodedForm {
        URLEncodedForm(items: parts.compactMap { part in
            guard part.filename == nil, let value = String(validating: part.body, as: UTF8.self) else { return nil }
            return (part.name, value)
        })
    }

    /// The boundary parameter of a `multipart/form-data` Content-Type. Given twice
    /// it is refused: which one applies would be a guess.
    static func boundary(of contentType: String) throws(MultipartError) -> String {
        var type = contentType.prefix { $0 != ";" }
        while type.first == " " || type.first == "\t" { type.removeFirst() }
        while type.last == " " || type.last == "\t" { type.removeLast() }
        guard type.lowercased() == "multipart/form-data" else { throw .notMultipart }
        guard let value = ParameterizedValue(parsing: contentType) else { throw .missingBoundary }
        let boundaries = value.parameters.filter { $0.name == "boundary" }
        guard boundaries.count == 1, let boundary = boundaries.first?.value, isValidBoundary(boundary) else {
            throw .missingBoundary
        }
        return boundary
    }

    /// RFC 2046 §5.1.1: 1–70 `bchars`, not ending in a space. Excluding CR from the
    /// boundary is also what keeps the delimiter search linear.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.last != 0x20 else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
            case UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: "_"),
                 UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
                 UInt8(ascii: "="), UInt8(ascii: "?"), 0x20: true
            default: false
            }
        }
    }
}

/// Why a multipart body was refused. Every case is the client's fault (400, or
/// 413 for the size limits); none of them leaves a partial result behind.
public enum MultipartError: Error, Equatable, Sendable {
    /// Content-Type is not multipart/form-data.
    case notMultipart
    /// No or invalid boundary parameter (RFC 2046: 1–70 chars).
    case missingBoundary
    /// Structure broken: no opening delimiter, missing CRLF, part without
    /// Content-Disposition or name, truncated body (no closing delimiter), …
    case malformed(String)
    case tooManyParts
    case partHeadersTooLarge
    /// A non-file field larger than `maxTextFieldBytes`.
    case fieldTooLarge
}

// MARK: - Reading the body

extension MultipartForm {
    /// One pass over the body. Everything is an index into `bytes`; a part's bytes
    /// are copied once, when the part is complete.
    private struct Reader {
        /// What a delimiter line announces.
        enum Delimiter {
            /// Another part, whose headers start at this index.
            case part(start: Int)
            /// The close delimiter; what follows is the epilogue.
            case close
        }

        let bytes: UnsafeBufferPointer<UInt8>
        /// `--` and the boundary: a delimiter line without its leading CRLF.
        let dashBoundary: [UInt8]
        let limits: Limits
        /// How far a window may move when its last byte is `byte`: the distance from
        /// that byte's last place in the pattern (not counting the pattern's final
        /// byte) to the pattern's end, or the whole pattern's length.
        let shifts: [Int]

        init(bytes: UnsafeBufferPointer<UInt8>, dashBoundary: [UInt8], limits: Limits) {
            self.bytes = bytes
            self.dashBoundary = dashBoundary
            self.limits = limits
            let pattern: [UInt8] = [0x0D, 0x0A] + dashBoundary
            var shifts = [Int](repeating: pattern.count, count: 256)
            for (offset, byte) in pattern.dropLast().enumerated() { shifts[Int(byte)] = pattern.count - 1 - offset }
            self.shifts = shifts
        }

        func readParts() throws(MultipartError) -> [Part] {
            // The first delimiter may open the body or end a preamble (RFC 2046 §5.1.1),
            // in which case the CRLF before it belongs to the delimiter.
            var opening = try delimiter(at: 0)
            if opening == nil { opening = try nextDelimiter(from: 0)?.delimiter }
            guard var delimiter = opening else { throw .malformed("no opening delimiter") }
            var parts: [Part] = []
            var seen = 0
            while case .part(let start) = delimiter {
                seen += 1
                guard seen <= limits.maxParts else { throw .tooManyParts }
                guard let (end, following) = try nextDelimiter(from: start) else {
                    throw .malformed("body ends before the closing delimiter")
                }
                if let part = try part(start..<end) { parts.append(part) }
                delimiter = following
            }
            return parts
        }

        /// The first delimiter at or after `from`: the index of its CRLF and what it
        /// announces. Boyer–Moore–Horspool on `CRLF--boundary`: each window is judged
        /// by its last byte first, so ordinary data is skipped a pattern's length at a
        /// time. A window is then compared from its front, and CR occurs in the
        /// pattern only there, so a partial match is never re-read by a later window:
        /// linear in the worst case too: 5 MB of photo or of CRs takes about 1 ms in a
        /// release build, 5 MB of the one byte that shifts by 1 about 25 ms.
        func nextDelimiter(from: Int) throws(MultipartError) -> (start: Int, delimiter: Delimiter)? {
            let last = dashBoundary.count + 1
            let lastByte = dashBoundary[dashBoundary.count - 1]
            let end = bytes.count - last
            var index = from
            while index < end {
                let byte = bytes[index + last]
                if byte == lastByte, bytes[index] == 0x0D, bytes[index + 1] == 0x0A, let delimiter = try delimiter(at: index + 2) {
                    return (index, delimiter)
                }
                index += shifts[Int(byte)]
            }
            return nil
        }

        /// The delimiter whose dash-boundary starts at `index`, or nil when the bytes
        /// there are data. Like Go's mime/multipart, the boundary followed by a byte
        /// that cannot continue a delimiter line is data (so `--abcdef` is not the
        /// boundary `abc`); once the line is a delimiter, it must be a correct one.
        func delimiter(at index: Int) throws(MultipartError) -> Delimiter? {
            guard index + dashBoundary.count < bytes.count else { return nil }
            for offset in 0..<dashBoundary.count where bytes[index + offset] != dashBoundary[offset] { return nil }
            var next = index + dashBoundary.count
            switch bytes[next] {
            case UInt8(ascii: "-"):
                guard next + 1 < bytes.count, bytes[next + 1] == UInt8(ascii: "-") else { return nil }
                return .close
            case 0x20, 0x09, 0x0D, 0x0A:
                // transport-padding, then CRLF (RFC 2046 §5.1.1).
                while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
                guard next + 1 < bytes.count, bytes[next] == 0x0D, bytes[next + 1] == 0x0A else {
                    throw .malformed("delimiter line does not end in CRLF")
                }
                return .part(start: next + 2)
            default:
                return nil
            }
        }

        /// The part between two delimiters: header lines, an empty line, the body.
        /// Nil for an empty file input.
        func part(_ range: Range<Int>) throws(MultipartError) -> Part? {
            guard let headerEnd = headerSectionEnd(in: range) else {
                if range.count - 4 >= limits.maxPartHeaderBytes { throw .partHeadersTooLarge }
                throw .malformed("part headers do not end with an empty line")
            }
            let headers = try PartHeaders(UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<headerEnd]))
            let bodyRange = (headerEnd + 4)..<range.upperBound
            if headers.filename == nil, bodyRange.count > limits.maxTextFieldBytes { throw .fieldTooLarge }
            if headers.filename == "", bodyRange.isEmpty { return nil }
            return Part(
                name: headers.name, filename: headers.filename, contentType: headers.contentType,
                body: Array(UnsafeBufferPointer(rebasing: bytes[bodyRange]))
            )
        }

        /// The index of the CRLF CRLF that ends the header section, searched no
        /// further than the header limit allows.
        func headerSectionEnd(in range: Range<Int>) -> Int? {
            // Written so that a limit of `Int.max` cannot overflow.
            let end = range.count - 4 <= limits.maxPartHeaderBytes ? range.upperBound : range.lowerBound + limits.maxPartHeaderBytes + 4
            var index = range.lowerBound
            while index + 3 < end {
                if bytes[index + 3] != 0x0A { index += bytes[index + 3] == 0x0D ? 1 : 4; continue }
                if bytes[index] == 0x0D, bytes[index + 1] == 0x0A, bytes[index + 2] == 0x0D { return index }
                index += 1
            }
            return nil
        }
    }
}

// MARK: - Part headers

extension MultipartForm {
    /// The header fields of one part that matter to a form (RFC 7578 §4.2, §4.4).
    /// Other fields are ignored; the ones read here may appear only once.
    struct PartHeaders {
        var name = ""
        var filename: String?
        var contentType: String?

        init(_ section: UnsafeBufferPointer<UInt8>) throws(MultipartError) {
            var disposition: String?
            var transferEncoding: String?
            for line in try Self.lines(section) {
                let (field, value) = try Self.field(line)
                switch field.lowercased() {
                case "content-disposition":
                    guard disposition == nil else { throw .malformed("Content-Disposition given twice") }
                    disposition = value
                case "content-type":
                    guard contentType == nil else { throw .malformed("Content-Type given twice") }
                    contentType = value
                case "content-transfer-encoding":
                    guard transferEncoding == nil else { throw .malformed("Content-Transfer-Encoding given twice") }
                    transferEncoding = value
                default:
                    continue
                }
            }
            // RFC 7578 §4.7: deprecated; an encoding we would not undo must not pass as the content.
            if let transferEncoding, !["binary", "8bit", "7bit"].contains(transferEncoding.lowercased()) {
                throw .malformed("unsupported Content-Transfer-Encoding \(transferEncoding)")
            }
            guard let disposition else { throw .malformed("part without Content-Disposition") }
            guard let value = ParameterizedValue(parsing: disposition), value.value == "form-data" else {
                throw .malformed("Content-Disposition is not form-data")
            }
            var name: String?
            for parameter in value.parameters {
                // `filename*` (RFC 5987) is ignored: RFC 7578 §4.2 says senders must not use it.
                switch parameter.name {
                case "name":
                    guard name == nil else { throw .malformed("name given twice") }
                    name = parameter.value
                case "filename":
                    guard filename == nil else { throw .malformed("filename given twice") }
                    filename = parameter.value
                default:
                    continue
                }
            }
            guard let name, !name.isEmpty else { throw .malformed("part without name") }
            self.name = name
        }

        /// Lines separated by CRLF; a bare CR or LF is refused, as in the request head.
        static func lines(_ section: UnsafeBufferPointer<UInt8>) throws(MultipartError) -> [UnsafeBufferPointer<UInt8>] {
            guard let lines = crlfLines(section) else { throw .malformed("bare CR or LF in part headers") }
            return lines
        }

        /// One `name: value` line, by the rules of RFC 9112 §5 (no folding, no space
        /// before the colon, no control bytes); the value must be UTF-8, which is
        /// how browsers send non-ASCII names and filenames.
        static func field(_ line: UnsafeBufferPointer<UInt8>) throws(MultipartError) -> (String, String) {
            let parts: (name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>)
            do {
                parts = try splitHeaderField(line)
            } catch {
                let reason = switch error {
                case .empty: "part without headers"
                case .folded: "folded part header"
                case .noColon, .invalidName: "invalid part header line"
                case .controlCharacter: "control character in part header"
                }
                throw .malformed(reason)
            }
            guard let text = String(validating: parts.value, as: UTF8.self) else { throw .malformed("part header is not UTF-8") }
            return (String(decoding: parts.name, as: UTF8.self), text)
        }
    }

    /// A header value with parameters: `form-data; name="photo"; filename="a.jpg"`
    /// or `multipart/form-data; boundary=x` (RFC 9110 §5.6.6). The value and the
    /// parameter names are lowercased; parameter values are kept as sent.
    struct ParameterizedValue: Equatable {
        var value: String
        var parameters: [Parameter]

        struct Parameter: Equatable {
            var name: String
            var value: String
        }

        /// Nil when the syntax is broken: an unterminated quoted string, a parameter
        /// without `=`, bytes between parameters that are not `;`.
        init?(parsing text: String) {
            let bytes = Array(text.utf8)
            var index = 0
            func skipSpaces() {
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            }
            func token(allowingSlash: Bool = false) -> String? {
                let start = index
                while index < bytes.count,
                      HTTPRequestParser.isTokenByte(bytes[index]) || (allowingSlash && bytes[index] == UInt8(ascii: "/")) {
                    index += 1
                }
                return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
            }

            skipSpaces()
            guard let value = token(allowingSlash: true) else { return nil }
            self.value = value.lowercased()
            parameters = []
            while true {
                skipSpaces()
                if index == bytes.count { break }
                guard bytes[index] == UInt8(ascii: ";") else { return nil }
                index += 1
                skipSpaces()
                if index == bytes.count { break }  // a trailing `;` is harmless
                guard let name = token(), index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
                index += 1
                let parameterValue: String
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    guard let quoted = Self.quotedString(bytes, &index) else { return nil }
                    parameterValue = quoted
                } else {
                    guard let plain = token() else { return nil }
                    parameterValue = plain
                }
                parameters.append(Parameter(name: name.lowercased(), value: parameterValue))
            }
        }

        /// A quoted string starting at `index`, which is left after the closing quote.
        /// `\"` and `\\` are unescaped; a backslash before anything else is kept, so
        /// a Windows path such as `C:\Fotos\saal.jpg` (sent unescaped by old
        /// browsers) survives.
        private static func quotedString(_ bytes: [UInt8], _ index: inout Int) -> String? {
            var out: [UInt8] = []
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\") where index + 1 < bytes.count
                    && (bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\")):
                    out.append(bytes[index + 1])
                    index += 2
                default:
                    out.append(byte)
                    index += 1
                }
            }
            return nil
        }
    }
}
