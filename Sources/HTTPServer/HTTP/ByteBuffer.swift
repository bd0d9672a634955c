/// Bytes received but not yet parsed. Consumed bytes are dropped lazily so that
/// pipelined requests and body chunks do not shift the array on every step.
struct ByteBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var readerIndex = 0

    var readableCount: Int { bytes.count - readerIndex }
    var isEmpty: Bool { readerIndex == bytes.count }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        if readerIndex > 0, readerIndex >= bytes.count / 2 {
            bytes.removeSubrange(0..<readerIndex)
            readerIndex = 0
        }
        bytes.append(contentsOf: chunk)
    }

    mutating func append(_ chunk: [UInt8]) {
        chunk.withUnsafeBytes { append($0) }
    }

    mutating func consume(_ count: Int) {
        readerIndex += count
        if readerIndex == bytes.count {
            bytes.removeAll(keepingCapacity: bytes.capacity <= 65_536)
            readerIndex = 0
        }
    }

    func byte(at offset: Int) -> UInt8 { bytes[readerIndex + offset] }

    /// Offset (from the reader index) of the first `\r\n` at or after `start`, or nil.
    func firstCRLF(from start: Int = 0, within limit: Int = .max) -> Int? {
        let end = min(bytes.count, readerIndex + limit)
        var i = readerIndex + start
        while i + 1 < end {
            if bytes[i] == 0x0D, bytes[i + 1] == 0x0A { return i - readerIndex }
            i += 1
        }
        return nil
    }

    func withReadableBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> R) throws(HTTPParseError) -> R {
        let start = readerIndex
        return try bytes.withUnsafeBufferPointer { (all) throws(HTTPParseError) -> R in
            try body(UnsafeBufferPointer(rebasing: all[start...]))
        }
    }
}

/// Splits a header section into lines at CRLF; nil when it holds a bare CR or LF,
/// which both the request head and multipart part headers refuse (RFC 9112 §2.2).
func crlfLines(_ section: UnsafeBufferPointer<UInt8>) -> [UnsafeBufferPointer<UInt8>]? {
    var lines: [UnsafeBufferPointer<UInt8>] = []
    lines.reserveCapacity(16)  // a browser's head has about a dozen lines: one allocation
    var lineStart = 0
    var index = 0
    while index < section.count {
        if section[index] == 0x0D {
            guard index + 1 < section.count, section[index + 1] == 0x0A else { return nil }
            lines.append(UnsafeBufferPointer(rebasing: section[lineStart..<index]))
            index += 2
            lineStart = index
            continue
        }
        if section[index] == 0x0A { return nil }
        index += 1
    }
    lines.append(UnsafeBufferPointer(rebasing: section[lineStart..<section.count]))
    return lines
}

/// Why a `name: value` line breaks RFC 9112 §5.
enum HeaderFieldFailure: Error {
    case empty, folded, noColon, invalidName, controlCharacter
}

/// Splits one `name: value` line: no folding, a token name with no space before
/// the colon, optional whitespace trimmed, no control bytes but HTAB in the value.
/// Shared by request headers, trailers and multipart part headers.
func splitHeaderField(_ line: UnsafeBufferPointer<UInt8>) throws(HeaderFieldFailure)
    -> (name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
    guard let first = line.first else { throw .empty }
    if first == 0x20 || first == 0x09 { throw .folded }
    guard let colon = line.firstIndex(of: 0x3A), colon > 0 else { throw .noColon }
    let name = UnsafeBufferPointer(rebasing: line[..<colon])
    guard name.allSatisfy(HTTPRequestParser.isTokenByte) else { throw .invalidName }
    var valueStart = colon + 1
    var valueEnd = line.count
    while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
    while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
    let value = UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd])
    for byte in value where (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw .controlCharacter }
    return (name, value)
}
