#if canImport(Glibc)
import Glibc
#endif

/// Serves the files below `root` (never a directory listing) with a MIME type,
/// `ETag`, `Last-Modified`, `Cache-Control` and `304` answers.
///
/// The path is decoded exactly once; NUL, backslashes, encoded slashes and any
/// `.`/`..` segment are refused before the file system sees the name, and the
/// resolved path must still lie under the resolved root (symlinks included).
public struct StaticFileHandler: Sendable {
    public let root: String
    public let cacheControl: String

    public init(root: String, cacheControl: String = "public, max-age=3600") {
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX))
        self.root = realpath(root, &resolved) != nil ? resolved.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } : root
        self.cacheControl = cacheControl
    }

    /// Answers a request for `relativePath` (still percent-encoded, the part after the prefix).
    public func respond(to request: HTTPRequest, relativePath: String) throws -> HTTPResponse {
        guard let file = resolve(relativePath) else { throw HTTPError(.notFound) }
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw HTTPError(.notFound) }
        defer { Glibc.close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw HTTPError(.notFound) }

        let modified = Int(info.st_mtim.tv_sec)
        let etag = "\"\(String(info.st_size, radix: 16))-\(String(modified, radix: 16))\""
        var headers: HTTPHeaders = [
            "Content-Type": StaticFileHandler.mimeType(for: file),
            "ETag": etag,
            "Last-Modified": HTTPDate.format(epochSeconds: modified),
            "Cache-Control": cacheControl,
        ]
        if StaticFileHandler.matches(request.headers["If-None-Match"], etag: etag)
            || (request.headers["If-None-Match"] == nil
                && request.headers["If-Modified-Since"].flatMap(HTTPDate.parse).map { $0 >= modified } == true) {
            return HTTPResponse(status: .notModified, headers: headers)
        }
        var body = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = body.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count == body.count else { throw HTTPError(.notFound) }
        headers["X-Content-Type-Options"] = "nosniff"
        return HTTPResponse(status: .ok, headers: headers, body: body)
    }

    func resolve(_ encodedPath: String) -> String? {
        // An encoded slash or backslash would let one segment name two.
        let lowered = encodedPath.lowercased()
        guard !lowered.contains("%2f"), !lowered.contains("%5c"), let path = encodedPath.percentDecoded() else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.allSatisfy({ segment in
            !segment.isEmpty && segment != "." && segment != ".." && !segment.hasPrefix(".")
                && !segment.utf8.contains { $0 == 0 || $0 == UInt8(ascii: "\\") || $0 < 0x20 }
        }) else { return nil }
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard realpath(root + "/" + path, &resolved) != nil else { return nil }
        let full = resolved.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return full.hasPrefix(root + "/") ? full : nil
    }

    static func matches(_ ifNoneMatch: String?, etag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        let weak = "W/" + etag
        return ifNoneMatch.split(separator: ",").contains { tag in
            let tag = tag.trimmingSpaces()
            return tag == "*" || tag == etag || tag == weak
        }
    }

    static func mimeType(for path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return switch ext {
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "application/javascript; charset=utf-8"
        case "html": "text/html; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "gif": "image/gif"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}
