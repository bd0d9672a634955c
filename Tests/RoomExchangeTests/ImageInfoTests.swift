import Foundation
import Testing
import TestSupport
import RoomExchange

/// The bytes of a file in `Fixtures/`, next to this source file, read from the
/// source tree so no bundle resources are needed. Made with Debian's ImageMagick 6
/// and cwebp from gradients (`convert -size 17x9 'gradient:#1d5c96-#e8a33c' …`):
/// `-interlace JPEG` for the progressive one, `-set comment` for the COM segment,
/// `cwebp -q 80` (VP8), `cwebp -lossless` (VP8L) and a half-transparent PNG through
/// `cwebp -q 80` (VP8X with ALPH).
private func fixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try [UInt8](Data(contentsOf: url))
}

private let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

@Suite("Image info")
struct ImageInfoTests {
    @Test("real PNG, JPEG and WebP files give their format and pixel size", arguments: [
        ("tiny-3x2.png", ImageInfo.Format.png, 3, 2),
        ("tiny-17x9.jpg", .jpeg, 17, 9),
        ("progressive-17x9.jpg", .jpeg, 17, 9),
        ("with-comment-3x2.jpg", .jpeg, 3, 2),
        ("lossy-3x2.webp", .webp, 3, 2),
        ("lossless-17x9.webp", .webp, 17, 9),
        ("alpha-17x9.webp", .webp, 17, 9),
    ])
    func realFiles(name: String, format: ImageInfo.Format, width: Int, height: Int) throws {
        let info = try #require(ImageInfo(bytes: fixture(name)))
        #expect(info.format == format)
        #expect(info.width == width)
        #expect(info.height == height)
    }

    @Test("each format names its content type and file extension")
    func formatNames() {
        #expect(ImageInfo.Format.jpeg.contentType == "image/jpeg")
        #expect(ImageInfo.Format.png.contentType == "image/png")
        #expect(ImageInfo.Format.webp.contentType == "image/webp")
        #expect(ImageInfo.Format.jpeg.fileExtension == "jpg")
        #expect(ImageInfo.Format.png.fileExtension == "png")
        #expect(ImageInfo.Format.webp.fileExtension == "webp")
    }

    @Test("a text file named .jpg, empty input and a PNG signature alone are not images")
    func notImages() throws {
        #expect(ImageInfo(bytes: try fixture("not-an-image.jpg")) == nil)
        #expect(ImageInfo(bytes: []) == nil)
        #expect(ImageInfo(bytes: pngSignature) == nil)
        #expect(ImageInfo(bytes: [0xFF, 0xD8, 0xFF]) == nil)
        #expect(ImageInfo(bytes: Array("GIF89a\u{3}\0\u{2}\0".utf8)) == nil)
    }

    @Test("a JPEG cut off inside its frame header has no size")
    func truncatedJPEG() throws {
        let bytes = try fixture("tiny-17x9.jpg")
        let sof = try #require(bytes.indices.dropLast().first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        // Through the height, through the width, and one byte short of the full header (8 + 3 × 3 components).
        for cut in [sof + 5, sof + 7, sof + 9, sof + 2 + 17 - 1] {
            #expect(ImageInfo(bytes: Array(bytes[..<cut])) == nil, "cut at \(cut - sof) bytes into the SOF")
        }
        #expect(ImageInfo(bytes: Array(bytes[..<(sof + 2 + 17)]))?.width == 17)
    }

    @Test("every prefix of a real file either has no size or the right one")
    func everyPrefix() throws {
        for (name, width, height) in [("tiny-3x2.png", 3, 2), ("progressive-17x9.jpg", 17, 9), ("lossy-3x2.webp", 3, 2),
                                      ("lossless-17x9.webp", 17, 9), ("alpha-17x9.webp", 17, 9)] {
            let bytes = try fixture(name)
            for count in 0...bytes.count {
                guard let info = ImageInfo(bytes: Array(bytes[..<count])) else { continue }
                #expect(info.width == width && info.height == height, "\(name) cut to \(count) bytes")
            }
        }
    }

    @Test("fill bytes before a JPEG marker are skipped")
    func jpegFillBytes() throws {
        var bytes = try fixture("with-comment-3x2.jpg")
        bytes.insert(contentsOf: [0xFF, 0xFF, 0xFF], at: 2)
        #expect(ImageInfo(bytes: bytes)?.width == 3)
    }

    @Test("a frame header inside an APP1 segment (an Exif thumbnail) is skipped with its segment")
    func jpegThumbnail() throws {
        var bytes = try fixture("tiny-17x9.jpg")
        let thumbnail: [UInt8] = Array("Exif\0\0".utf8) + [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 120, 0x00, 160, 0x01, 0x01, 0x11, 0x00]
        bytes.insert(contentsOf: [0xFF, 0xE1, 0x00, UInt8(2 + thumbnail.count)] + thumbnail, at: 2)
        let info = try #require(ImageInfo(bytes: bytes))
        #expect(info.width == 17 && info.height == 9)
    }

    @Test("a JPEG whose segments lead nowhere has no size: a bad length, a scan before the frame, an end")
    func jpegWithoutFrame() {
        let header: [UInt8] = [0xFF, 0xD8]
        #expect(ImageInfo(bytes: header + [0xFF, 0xE0, 0x00, 0x01]) == nil)            // length below 2
        #expect(ImageInfo(bytes: header + [0xFF, 0xE0, 0x40, 0x00, 0x00]) == nil)      // length past the end
        #expect(ImageInfo(bytes: header + [0xFF, 0xDA, 0x00, 0x08, 0, 0, 0, 0, 0, 0]) == nil)
        #expect(ImageInfo(bytes: header + [0xFF, 0xD9]) == nil)
        #expect(ImageInfo(bytes: header + [0xFF, 0xE0, 0x00, 0x02, 0x12, 0x34]) == nil) // junk instead of a marker
        // DHT (C4) sits in the SOF range but is not a frame header.
        let dht: [UInt8] = [0xFF, 0xC4, 0x00, 0x0B, 0x08, 0x00, 0x09, 0x00, 0x11, 0x01, 0x01, 0x11, 0x00]
        #expect(ImageInfo(bytes: header + dht) == nil)
    }

    @Test("a minimal hand-made JPEG frame header is read, an SOF with zero width is not")
    func handMadeJPEG() {
        func jpeg(width: UInt8, height: UInt8, marker: UInt8 = 0xC0) -> [UInt8] {
            [0xFF, 0xD8, 0xFF, marker, 0x00, 0x0B, 0x08, 0x00, height, 0x00, width, 0x01, 0x01, 0x11, 0x00]
        }
        #expect(ImageInfo(bytes: jpeg(width: 5, height: 4)) == ImageInfo(bytes: jpeg(width: 5, height: 4, marker: 0xCF)))
        #expect(ImageInfo(bytes: jpeg(width: 5, height: 4))?.width == 5)
        #expect(ImageInfo(bytes: jpeg(width: 5, height: 4))?.height == 4)
        #expect(ImageInfo(bytes: jpeg(width: 0, height: 4)) == nil)
        #expect(ImageInfo(bytes: jpeg(width: 5, height: 0)) == nil)
    }

    @Test("a PNG with zero width or a first chunk other than IHDR has no size")
    func badPNG() throws {
        var zeroWidth = try fixture("tiny-3x2.png")
        zeroWidth.replaceSubrange(16..<20, with: [0, 0, 0, 0])
        #expect(ImageInfo(bytes: zeroWidth) == nil)
        var otherChunk = try fixture("tiny-3x2.png")
        otherChunk.replaceSubrange(12..<16, with: Array("IDAT".utf8))
        #expect(ImageInfo(bytes: otherChunk) == nil)
        var huge = try fixture("tiny-3x2.png")
        huge.replaceSubrange(16..<20, with: [0x80, 0, 0, 0])
        #expect(ImageInfo(bytes: huge) == nil)
    }

    @Test("RIFF without WEBP, an unknown WebP chunk and a VP8 without its start code are not images")
    func badWebP() throws {
        var wave = try fixture("lossy-3x2.webp")
        wave.replaceSubrange(8..<12, with: Array("WAVE".utf8))
        #expect(ImageInfo(bytes: wave) == nil)
        var unknown = try fixture("lossy-3x2.webp")
        unknown.replaceSubrange(12..<16, with: Array("VP9 ".utf8))
        #expect(ImageInfo(bytes: unknown) == nil)
        var noStartCode = try fixture("lossy-3x2.webp")
        noStartCode[23] = 0x00
        #expect(ImageInfo(bytes: noStartCode) == nil)
        var zeroWidth = try fixture("lossy-3x2.webp")
        zeroWidth.replaceSubrange(26..<28, with: [0x00, 0xC0])  // scaling bits set, width 0
        #expect(ImageInfo(bytes: zeroWidth) == nil)
        var badSignature = try fixture("lossless-17x9.webp")
        badSignature[20] = 0x2E
        #expect(ImageInfo(bytes: badSignature) == nil)
    }

    @Test("random bytes and mutated images never crash")
    func randomInput() throws {
        var random = SeededGenerator(seed: 0x52_61_75_6D)
        let prefixes: [[UInt8]] = [[], pngSignature, [0xFF, 0xD8, 0xFF], Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBP".utf8)]
        for round in 0..<400 {
            let count = Int.random(in: 0...64, using: &random)
            let noise = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = ImageInfo(bytes: prefixes[round % prefixes.count] + noise)
        }
        let originals = try ["tiny-3x2.png", "tiny-17x9.jpg", "progressive-17x9.jpg", "lossy-3x2.webp",
                             "lossless-17x9.webp", "alpha-17x9.webp"].map(fixture)
        for round in 0..<600 {
            var bytes = originals[round % originals.count]
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if let info = ImageInfo(bytes: bytes) {
                #expect(info.width > 0 && info.height > 0)
            }
        }
    }
}
