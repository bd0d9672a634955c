import Testing
import TestSupport
@testable import HTTPServer

// MARK: Helpers

private let boundary = "----WebKitFormBoundaryq7Zq3bQ1lT2xk9Ps"
private let contentType = "multipart/form-data; boundary=\(boundary)"

/// The bytes of `text` with every `\n` turned into CRLF, as a browser sends them.
private func crlf(_ text: String) -> [UInt8] {
    Array(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)
}

/// One part as a browser writes it: headers, empty line, bytes.
private func part(_ headers: String, _ body: [UInt8]) -> [UInt8] {
    crlf("--\(boundary)\n\(headers)\n\n") + body + crlf("\n")
}

private func field(_ name: String, _ value: String) -> [UInt8] {
    part("Content-Disposition: form-data; name=\"\(name)\"", Array(value.utf8))
}

private func file(_ name: String, _ filename: String, _ type: String, _ body: [UInt8]) -> [UInt8] {
    part("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\nContent-Type: \(type)", body)
}

private let close = crlf("--\(boundary)--\n")

/// The error a body is refused with, or nil when it parses.
private func failure(
    _ body: [UInt8], contentType: String = contentType, limits: MultipartForm.Limits = MultipartForm.Limits()
) -> MultipartError? {
    do {
        _ = try MultipartForm(body: body, contentType: contentType, limits: limits)
        return nil
    } catch {
        return error
    }
}

private func isMalformed(_ error: MultipartError?) -> Bool {
    if case .malformed = error { return true }
    return false
}

/// Every byte value, twice, so a "file" holds CR, LF, dashes and NULs.
private let binary: [UInt8] = (0...255).map { UInt8($0) } + (0...255).reversed().map { UInt8($0) }

/// What Chrome sends for the room form with a photo: text fields, a textarea,
/// repeated checkboxes and a JPEG.
private let browserBody: [UInt8] =
    field("title", "Großer Saal im Gemeinschaftshaus St. Lorenz")
    + field("description", "Barrierefrei, mit Küche.\r\nBitte Stühle hochstellen.")
    + field("equipment", "beamer")
    + field("equipment", "küche")
    + file("photo", "saal-übersicht.jpg", "image/jpeg", binary)
    + field("seats", "40")
    + close

// MARK: Tests

@Suite("Multipart form data")
struct MultipartFormTests {
    @Test("a browser's form with text fields, a textarea, repeated checkboxes and a file is read in order")
    func browserForm() throws {
        let form = try MultipartForm(body: browserBody, contentType: contentType)
        #expect(form.parts.map(\.name) == ["title", "description", "equipment", "equipment", "photo", "seats"])
        #expect(form["title"] == "Großer Saal im Gemeinschaftshaus St. Lorenz")
        #expect(form["description"] == "Barrierefrei, mit Küche.\r\nBitte Stühle hochstellen.")
        #expect(form["equipment"] == "beamer")
        #expect(form["seats"] == "40")
        #expect(form["photo"] == nil, "a file is not a text field")
        #expect(form["missing"] == nil)

        let photo = try #require(form.file("photo"))
        #expect(photo.filename == "saal-übersicht.jpg")
        #expect(photo.contentType == "image/jpeg")
        #expect(photo.body == binary)
        #expect(form.file("title") == nil, "a text field is not a file")

        let fields = form.fields
        #expect(fields.items.map(\.name) == ["title", "description", "equipment", "equipment", "seats"])
        #expect(fields.all("equipment") == ["beamer", "küche"])
        #expect(form.parts[0].filename == nil && form.parts[0].contentType == nil)
    }

    @Test("the boundary may be quoted or not, and parameter and type names are case-insensitive")
    func boundaryForms() throws {
        let body = crlf("--a'(b)+_,-./:=? c\nContent-Disposition: form-data; name=\"x\"\n\n1\n--a'(b)+_,-./:=? c--\n")
        for type in [
            "multipart/form-data; boundary=\"a'(b)+_,-./:=? c\"",
            "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a'(b)+_,-./:=? c\"",
            "multipart/form-data;boundary=\"a'(b)+_,-./:=? c\" ; ",
        ] {
            #expect(try MultipartForm(body: body, contentType: type)["x"] == "1", "\(type)")
        }
        let plain = crlf("--simple-Boundary_42\nContent-Disposition: form-data; name=\"x\"\n\n2\n--simple-Boundary_42--")
        #expect(try MultipartForm(body: plain, contentType: "multipart/form-data; Boundary=simple-Boundary_42")["x"] == "2")
        #expect(try MultipartForm(body: plain, contentType: "  multipart/form-data ;boundary=simple-Boundary_42")["x"] == "2")
    }

    @Test("a preamble before the first delimiter and an epilogue after the last are ignored")
    func preambleAndEpilogue() throws {
        let preamble = crlf("This is a multi-part message in MIME format.\n--\(boundary)X is not a delimiter\n")
        let body = preamble + field("a", "1") + close + crlf("epilogue\n--\(boundary)\nnot a part\n")
        let form = try MultipartForm(body: body, contentType: contentType)
        #expect(form.parts.count == 1)
        #expect(form["a"] == "1")

        let withCRLF = crlf("\n") + field("a", "2") + close
        #expect(try MultipartForm(body: withCRLF, contentType: contentType)["a"] == "2")
    }

    @Test("boundary-like bytes inside a file do not split it unless they form a delimiter line")
    func boundaryInsideData() throws {
        let tricky: [UInt8] = Array("x--\(boundary)".utf8) + [0x0D, 0x0A]      // not after CRLF
            + crlf("\n--\(boundary)X\n")                                        // followed by a byte that ends no delimiter
            + crlf("\n--\(boundary)-\n")                                        // one dash is not a close delimiter
            + crlf("\n--\(boundary.dropLast())\n")                              // a prefix of the boundary
            + Array("\r--\(boundary)\r\n\n--\(boundary)\r\n".utf8)              // bare CR, bare LF before it
            + crlf("\n-\(boundary)\n\r\r\r\n\r\n--\n")
        let body = file("photo", "a.bin", "application/octet-stream", tricky) + field("after", "ok") + close
        let form = try MultipartForm(body: body, contentType: contentType)
        #expect(form.file("photo")?.body == tricky)
        #expect(form["after"] == "ok")

        // The CRLF that ends the headers counts: data opening with the delimiter line ends the part there.
        let opening = file("photo", "a.bin", "application/octet-stream", Array("--\(boundary)\r\n".utf8)) + close
        #expect(isMalformed(failure(opening)))
    }

    @Test("transport padding after a delimiter is allowed, anything else before its CRLF is not")
    func transportPadding() throws {
        let padded = crlf("--\(boundary) \t\nContent-Disposition: form-data; name=\"a\"\n\nx\n--\(boundary)--  \n")
        #expect(try MultipartForm(body: padded, contentType: contentType)["a"] == "x")
        let junk = crlf("--\(boundary) junk\nContent-Disposition: form-data; name=\"a\"\n\nx\n--\(boundary)--\n")
        #expect(isMalformed(failure(junk)))
        let bareLF = Array("--\(boundary)\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--\(boundary)--".utf8)
        #expect(isMalformed(failure(bareLF)))
    }

    @Test("quoted names and filenames unescape \\\" and \\\\, keep other backslashes, and filename* is ignored")
    func quotedParameters() throws {
        let body = part(#"content-disposition: FORM-DATA; Name="photo"; FILENAME="Saal \"Nord\" \\ C:\Fotos\a.jpg"; filename*=UTF-8''x.jpg"#, [1, 2, 3])
            + part(#"Content-Disposition: form-data; name=ohne-anfuehrung"#, Array("token".utf8))
            + part(#"Content-Disposition: form-data; name="Grö\"ße\"""#, Array("1,5 m".utf8))
            + close
        let form = try MultipartForm(body: body, contentType: contentType)
        #expect(form.file("photo")?.filename == #"Saal "Nord" \ C:\Fotos\a.jpg"#)
        #expect(form["Grö\"ße\""] == "1,5 m")
        #expect(form["ohne-anfuehrung"] == "token")
        #expect(form.parts.count == 3)
    }

    @Test("an empty file input (filename=\"\" and no bytes) is left out; an empty named file is kept")
    func emptyFileParts() throws {
        let body = field("title", "Saal") + file("photo", "", "application/octet-stream", [])
            + file("plan", "leer.pdf", "application/pdf", []) + close
        let form = try MultipartForm(body: body, contentType: contentType)
        #expect(form.parts.map(\.name) == ["title", "plan"])
        #expect(form.file("photo") == nil)
        #expect(form["photo"] == nil)
        #expect(form.fields.items.count == 1)
        #expect(form.file("plan")?.body == [])
        #expect(form.file("plan")?.filename == "leer.pdf")
    }

    @Test("a form without fields, and empty text fields, are fine")
    func emptyForms() throws {
        #expect(try MultipartForm(body: close, contentType: contentType).parts.isEmpty)
        let form = try MultipartForm(body: field("note", "") + close, contentType: contentType)
        #expect(form["note"] == "")
    }

    @Test("a field that is not UTF-8 reads as nil and is left out of the fields")
    func invalidUTF8() throws {
        let body = part("Content-Disposition: form-data; name=\"a\"", [0xC3, 0x28]) + field("b", "ok") + close
        let form = try MultipartForm(body: body, contentType: contentType)
        #expect(form["a"] == nil)
        #expect(form.fields.items.map(\.name) == ["b"])
        #expect(form.parts.count == 2)
    }

    @Test("a Content-Type other than multipart/form-data is refused")
    func notMultipart() {
        for type in ["application/x-www-form-urlencoded", "multipart/mixed; boundary=\(boundary)", "", "text/plain; boundary=x",
                     "multipart/form-data-x; boundary=x", "multipart/form-datab"] {
            #expect(failure(browserBody, contentType: type) == .notMultipart, "\(type)")
        }
    }

    @Test("a missing, empty, too long, invalid, doubled or unterminated boundary is refused")
    func missingBoundary() {
        for type in [
            "multipart/form-data", "multipart/form-data;", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
            "multipart/form-data; boundary=" + String(repeating: "x", count: 71),
            "multipart/form-data; boundary=\"ab@cd\"", "multipart/form-data; boundary=\"abc \"",
            "multipart/form-data; boundary=\"abc", "multipart/form-data; boundary=a; boundary=a",
            "multipart/form-data; boundary=a b", "multipart/form-data; charset", "multipart/form-data; xboundary=abc",
            "multipart/form-data; boundary=\"a\u{0D}\u{0A}b\"",
        ] {
            #expect(failure(browserBody, contentType: type) == .missingBoundary, "\(type)")
        }
        let seventy = String(repeating: "x", count: 70)
        let body = crlf("--\(seventy)\nContent-Disposition: form-data; name=\"a\"\n\n1\n--\(seventy)--")
        #expect(failure(body, contentType: "multipart/form-data; boundary=\(seventy)") == nil)
    }

    @Test("a body without an opening delimiter is malformed")
    func noOpeningDelimiter() {
        #expect(isMalformed(failure([])))
        #expect(isMalformed(failure(Array("title=Saal&seats=40".utf8))))
        #expect(isMalformed(failure(Array("--\(boundary)".utf8))))
        #expect(isMalformed(failure(crlf("--other\nContent-Disposition: form-data; name=\"a\"\n\n1\n--other--\n"))))
    }

    @Test("a body cut off anywhere before its closing delimiter is malformed")
    func truncated() {
        let end = browserBody.count - 2  // after `--boundary--`, before the final CRLF
        for count in 0..<end {
            #expect(isMalformed(failure(Array(browserBody[..<count]))), "cut at \(count) of \(browserBody.count) bytes")
        }
        #expect(failure(Array(browserBody[..<end])) == nil)
    }

    @Test("parts with broken headers are malformed")
    func brokenPartHeaders() {
        let cases: [String: [UInt8]] = [
            "no Content-Disposition": part("Content-Type: text/plain", Array("x".utf8)),
            "no headers at all": crlf("--\(boundary)\n\nx\n"),
            "headers not ended": crlf("--\(boundary)\nContent-Disposition: form-data; name=\"a\"\nx\n"),
            "no name": part("Content-Disposition: form-data; filename=\"a.jpg\"", []),
            "empty name": part("Content-Disposition: form-data; name=\"\"", []),
            "name twice": part("Content-Disposition: form-data; name=\"a\"; name=\"b\"", []),
            "filename twice": part("Content-Disposition: form-data; name=\"a\"; filename=\"x\"; filename=\"y\"", []),
            "not form-data": part("Content-Disposition: attachment; name=\"a\"", []),
            "unterminated quote": part("Content-Disposition: form-data; name=\"a", []),
            "parameter without value": part("Content-Disposition: form-data; name", []),
            "Content-Disposition twice": part("Content-Disposition: form-data; name=\"a\"\nContent-Disposition: form-data; name=\"b\"", []),
            "folded header": part("Content-Disposition: form-data;\n name=\"a\"", []),
            "space before colon": part("Content-Disposition : form-data; name=\"a\"", []),
            "line without colon": part("Content-Disposition: form-data; name=\"a\"\nfoo", []),
            "bare LF": Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\nX-A: b\r\n\r\nx\r\n".utf8),
            "bare CR": Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\rX-A: b\r\n\r\nx\r\n".utf8),
            "control byte": part("Content-Disposition: form-data; name=\"a\u{01}\"", []),
            "not UTF-8": crlf("--\(boundary)\n") + Array("Content-Disposition: form-data; name=\"".utf8) + [0xFF] + crlf("\"\n\nx\n"),
            "base64": part("Content-Disposition: form-data; name=\"a\"\nContent-Transfer-Encoding: base64", Array("eA==".utf8)),
        ]
        for (label, broken) in cases {
            let error = failure(field("ok", "1") + broken + close)
            #expect(isMalformed(error), "\(label): \(String(describing: error))")
        }
        let binaryEncoding = part("Content-Disposition: form-data; name=\"a\"\nContent-Transfer-Encoding: BINARY\nX-Other: ignored", [1])
        #expect(failure(binaryEncoding + close) == nil)
    }

    @Test("50 parts are read, the 51st is refused")
    func tooManyParts() {
        let fifty = (0..<50).flatMap { field("f\($0)", "\($0)") }
        #expect(failure(fifty + close) == nil)
        #expect(failure(fifty + field("f50", "50") + close) == .tooManyParts)
        let emptyFiles = (0..<51).flatMap { _ in file("photo", "", "application/octet-stream", []) }
        #expect(failure(emptyFiles + close) == .tooManyParts, "empty file inputs count too")
        var limits = MultipartForm.Limits()
        limits.maxParts = 2
        #expect(failure(field("a", "1") + field("b", "2") + field("c", "3") + close, limits: limits) == .tooManyParts)
    }

    @Test("part headers over the limit are refused, at the limit they are read")
    func partHeadersTooLarge() throws {
        let disposition = "Content-Disposition: form-data; name=\"a\""
        let padding = 8 * 1024 - disposition.utf8.count - "\r\nX-Pad: ".utf8.count
        let atLimit = part(disposition + "\nX-Pad: " + String(repeating: "p", count: padding), Array("x".utf8))
        #expect(failure(atLimit + close) == nil)
        let overLimit = part(disposition + "\nX-Pad: " + String(repeating: "p", count: padding + 1), Array("x".utf8))
        #expect(failure(overLimit + close) == .partHeadersTooLarge)
        let huge = part(disposition + "\nX-Pad: " + String(repeating: "p", count: 1 << 20), Array("x".utf8))
        #expect(failure(huge + close) == .partHeadersTooLarge)
        let endless = crlf("--\(boundary)\n") + Array(repeating: UInt8(ascii: "h"), count: 100_000) + crlf("\n") + close
        #expect(failure(endless) == .partHeadersTooLarge)
    }

    @Test("a text field over the limit is refused, a file of any size is not")
    func fieldTooLarge() {
        let limit = 64 * 1024
        #expect(failure(field("text", String(repeating: "a", count: limit)) + close) == nil)
        #expect(failure(field("text", String(repeating: "a", count: limit + 1)) + close) == .fieldTooLarge)
        let bigFile = [UInt8](repeating: 0x41, count: 4 * limit)
        #expect(failure(file("photo", "big.jpg", "image/jpeg", bigFile) + close) == nil)
        var limits = MultipartForm.Limits()
        limits.maxTextFieldBytes = 3
        #expect(failure(field("a", "abc") + close, limits: limits) == nil)
        #expect(failure(field("a", "abcd") + close, limits: limits) == .fieldTooLarge)
    }

    @Test("a 5 MB photo parses quickly and its bytes come back exactly")
    func largeFile() throws {
        let photo = (0..<(5 << 20)).map { UInt8(truncatingIfNeeded: ($0 &* 0x9E37_79B1) >> 16) }
        let body = field("title", "Saal") + file("photo", "gross.jpg", "image/jpeg", photo) + close
        let start = ContinuousClock.now
        let form = try MultipartForm(body: body, contentType: contentType)
        let elapsed = ContinuousClock.now - start
        #expect(form.file("photo")?.body == photo)
        #expect(form["title"] == "Saal")
        // Generous, for debug builds on a busy machine; a quadratic search would take minutes.
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    @Test("data made of near-misses of the delimiter is still searched in linear time")
    func hostileData() throws {
        let nearMiss = Array("\r\n--\(boundary.dropLast())".utf8) + Array("\r\n-".utf8) + [0x0D]
        var hostile: [UInt8] = []
        while hostile.count < 2 << 20 { hostile += nearMiss }
        let body = file("photo", "x.jpg", "image/jpeg", hostile) + close
        let start = ContinuousClock.now
        let form = try MultipartForm(body: body, contentType: contentType)
        let elapsed = ContinuousClock.now - start
        #expect(form.file("photo")?.body == hostile)
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        // The byte before the boundary's last one moves each window by one byte only.
        let slowest = [UInt8](repeating: Array(boundary.utf8).dropLast().last!, count: 2 << 20)
        let slowStart = ContinuousClock.now
        #expect(try MultipartForm(body: file("photo", "x.jpg", "image/jpeg", slowest) + close, contentType: contentType)
            .file("photo")?.body == slowest)
        #expect(ContinuousClock.now - slowStart < .seconds(2))
        let carriageReturns = [UInt8](repeating: 0x0D, count: 2 << 20)
        #expect(try MultipartForm(body: file("photo", "x.jpg", "image/jpeg", carriageReturns) + close, contentType: contentType)
            .file("photo")?.body == carriageReturns)
    }

    @Test("random forms whose data is full of CR, LF, dashes and boundary bytes come back exactly")
    func randomRoundTrip() throws {
        var random = SeededGenerator(seed: 0x5261_756D)
        let alphabet = Array("\r\n-bnd".utf8) + [0x00, 0xFF]
        func data(_ count: Int) -> [UInt8] {
            // Data may not hold the delimiter (RFC 2046 §5.1.1); a browser picks a boundary that makes sure.
            while true {
                let bytes = (0..<count).map { _ in alphabet.randomElement(using: &random)! }
                let text = String(decoding: bytes, as: UTF8.self)
                if !text.contains("\r\n--bnd"), !text.hasPrefix("--bnd") { return bytes }
            }
        }
        for _ in 0..<300 {
            let parts = (0..<Int.random(in: 0...8, using: &random)).map { index in
                (name: "f\(index)", filename: Bool.random(using: &random) ? "p\(index).bin" : nil,
                 body: data(Int.random(in: 0...40, using: &random)))
            }
            var body = Bool.random(using: &random) ? data(Int.random(in: 0...20, using: &random)) + Array("\r\n".utf8) : []
            for part in parts {
                body += Array("--bnd\r\nContent-Disposition: form-data; name=\"\(part.name)\"".utf8)
                if let filename = part.filename { body += Array("; filename=\"\(filename)\"".utf8) }
                body += Array("\r\n\r\n".utf8) + part.body + Array("\r\n".utf8)
            }
            body += Array("--bnd--".utf8) + (Bool.random(using: &random) ? data(10) : [])
            let form = try MultipartForm(body: body, contentType: "multipart/form-data; boundary=bnd")
            #expect(form.parts.map(\.name) == parts.map(\.name))
            #expect(form.parts.map(\.filename) == parts.map(\.filename))
            #expect(form.parts.map(\.body) == parts.map(\.body))
        }
    }

    @Test("random garbage and mutated forms never crash")
    func randomInput() {
        var random = SeededGenerator(seed: 0x4C75_6265_636B)
        let shortBoundary = "multipart/form-data; boundary=b"
        let alphabet = Array("-b\r\n\"\\;=: ".utf8) + [0x00, 0xFF, UInt8(ascii: "C")]
        for round in 0..<300 {
            // Bytes drawn mostly from the characters that matter to the syntax.
            let count = Int.random(in: 0...200, using: &random)
            var bytes = (0..<count).map { _ in
                Bool.random(using: &random) ? alphabet.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            if round % 2 == 0 { bytes = Array("--b\r\n".utf8) + bytes }
            _ = failure(bytes, contentType: shortBoundary)
        }
        for _ in 0..<300 {
            var bytes = browserBody
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                }
            }
            if let form = try? MultipartForm(body: bytes, contentType: contentType) {
                #expect(form.parts.count <= 6)
            }
        }
        for _ in 0..<100 {
            let type = String(decoding: (0..<Int.random(in: 0...60, using: &random)).map { _ in
                alphabet.randomElement(using: &random)!
            }, as: UTF8.self)
            _ = failure(browserBody, contentType: "multipart/form-data; " + type)
        }
    }
}
