import CZlib

/// gzip through the system zlib.
public enum Gzip {
    /// Compresses `bytes` into a gzip member (RFC 1952); nil if zlib fails.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8]? {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip header and trailer.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// Inflates a gzip member; for tests and for clients that post gzip.
    public static func decompress(_ bytes: [UInt8], limit: Int = 64 << 20) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return bytes.withUnsafeBufferPointer { input -> [UInt8]? in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                result.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                // Checked before the end too: the last (or only) chunk may be over the limit.
                guard result.count <= limit else { return nil }
                if status == Z_STREAM_END { return result }
                guard status == Z_OK else { return nil }
            }
        }
    }
}

/// Gzips compressible responses of at least `minimumSize` bytes when the client
/// accepts gzip, and says `Vary: Accept-Encoding` so caches keep both forms apart.
public struct CompressionMiddleware: HTTPMiddleware {
    public var minimumSize: Int

    public init(minimumSize: Int = 1024) {
        self.minimumSize = minimumSize
    }

    public func handle(_ request: HTTPRequest, next: any HTTPHandler) throws -> HTTPResponse {
        var response = try next.handle(request)
        guard let type = response.headers["Content-Type"], CompressionMiddleware.isCompressible(type) else { return response }
        if !response.headers.hasToken("Accept-Encoding", in: "Vary") {
            // One field line, so clients that read only the first still see every token.
            response.headers["Vary"] = response.headers["Vary"].map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
        }
        guard response.body.count >= minimumSize, !response.headers.contains("Content-Encoding"),
              CompressionMiddleware.acceptsGzip(request.headers["Accept-Encoding"]),
              let compressed = Gzip.compress(response.body)
        else { return response }
        response.body = compressed
        response.headers["Content-Encoding"] = "gzip"
        if let etag = response.headers["ETag"], !etag.hasPrefix("W/") {
            response.headers["ETag"] = "W/" + etag
        }
        return response
    }

    static func isCompressible(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/") || contentType.hasPrefix("application/json")
            || contentType.hasPrefix("application/problem+json") || contentType.hasPrefix("image/svg+xml")
            || contentType.hasPrefix("application/javascript") || contentType.hasPrefix("text/calendar")
    }

    /// True when `Accept-Encoding` lists gzip (or `*`) without `q=0` (RFC 9110 §12.5.3).
    /// An explicit `gzip` entry wins over `*`, wherever each stands in the list.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzipQuality: Double?
        var anyQuality: Double?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingSpaces().lowercased() }
            guard let coding = pieces.first, coding == "gzip" || coding == "*" else { continue }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.map { Double($0.dropFirst(2)) ?? 0 } ?? 1
            if coding == "gzip" { gzipQuality = q } else { anyQuality = q }
        }
        return (gzipQuality ?? anyQuality ?? 0) > 0
    }
}
