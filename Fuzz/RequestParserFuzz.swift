// libFuzzer entry for the HTTP request parser and the multipart parser. Built by
// scripts/fuzz.sh together with the HTTPServer sources as one module, so the
// internal parser is reachable without making it public.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = bytes.first else { return 0 }
    let input = Array(bytes.dropFirst())
    if selector & 1 == 0 {
        fuzzRequestParser(input, chunk: Int(selector >> 1) % 7 + 1)
    } else {
        _ = try? MultipartForm(body: input, contentType: "multipart/form-data; boundary=XyZ", limits: MultipartForm.Limits())
    }
    return 0
}

/// Feeds the bytes in small pieces, as a slow client would, and walks every event.
private func fuzzRequestParser(_ input: [UInt8], chunk: Int) {
    var parser = HTTPRequestParser(limits: HTTPParserLimits()) { _ in 64 * 1024 }
    var buffer = ByteBuffer()
    var offset = 0
    while offset < input.count {
        let end = min(input.count, offset + chunk)
        buffer.append(Array(input[offset..<end]))
        offset = end
        do {
            while let event = try parser.next(&buffer) {
                if case .request(let head, let body) = event {
                    precondition(body.count <= 64 * 1024, "body over the limit")
                    _ = HTTPRequest(method: head.method, target: head.target, version: head.version, headers: head.headers, body: body).queryItems
                }
            }
        } catch {
            return
        }
    }
}
