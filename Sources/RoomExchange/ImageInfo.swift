/// The format and pixel size of an uploaded photo, read from its first bytes.
///
/// A file's name and the Content-Type its browser sent are claims; the bytes are
/// what a visitor's browser will decode. Only the headers are read, nothing is
/// decoded, so a hostile file costs a few comparisons: every read is bounds-checked
/// and every loop moves forward.
public struct ImageInfo: Sendable, Equatable {
    public enum Format: String, Sendable {
        case jpeg, png, webp

        /// What to serve the file as.
        public var contentType: String {
            switch self {
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            case .webp: "image/webp"
            }
        }

        /// What to store the file as, whatever it was called when uploaded.
        public var fileExtension: String {
            switch self {
            case .jpeg: "jpg"
            case .png: "png"
            case .webp: "webp"
            }
        }
    }

    public let format: Format
    public let width: Int
    public let height: Int

    /// nil when the bytes are not a complete-enough JPEG, PNG or WebP to read the size.
    public init?(bytes: [UInt8]) {
        let size: (width: Int, height: Int)?
        let format: Format
        if bytes.starts(with: Self.pngSignature) {
            (format, size) = (.png, Self.pngSize(bytes))
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            (format, size) = (.jpeg, Self.jpegSize(bytes))
        } else if bytes.starts(with: Array("RIFF".utf8)) {
            (format, size) = (.webp, Self.webpSize(bytes))
        } else {
            return nil
        }
        guard let size, size.width > 0, size.height > 0 else { return nil }
        self.format = format
        self.width = size.width
        self.height = size.height
    }

    // MARK: PNG

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The first chunk must be IHDR, 13 bytes long, starting with width and height
    /// (PNG §11.2.2), each at most 2³¹ − 1.
    private static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 24, bigEndian(bytes, at: 8, count: 4) == 13,
              bytes[12..<16].elementsEqual("IHDR".utf8)
        else { return nil }
        let width = bigEndian(bytes, at: 16, count: 4)
        let height = bigEndian(bytes, at: 20, count: 4)
        guard width <= Int(Int32.max), height <= Int(Int32.max) else { return nil }
        return (width, height)
    }

    // MARK: JPEG

    /// Walks the marker segments (ITU T.81 §B.1) to the first frame header. Markers
    /// may be preceded by any number of 0xFF fill bytes (§B.1.1.2); segments are
    /// skipped by their length. A scan, the end of the image or a broken length
    /// before the frame header means there is no size to read.
    private static func jpegSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        var index = 2
        while index < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            while index < bytes.count, bytes[index] == 0xFF { index += 1 }
            guard index < bytes.count else { return nil }
            let marker = bytes[index]
            index += 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue  // TEM and RSTn stand alone, without a length
            case 0x00, 0xD8, 0xD9, 0xDA:
                return nil  // stuffing, a second SOI, EOI or a scan before any frame header
            default:
                break
            }
            guard index + 2 <= bytes.count else { return nil }
            let length = bigEndian(bytes, at: index, count: 2)
            guard length >= 2, index + length <= bytes.count else { return nil }
            if isStartOfFrame(marker) {
                // Lf P Y X Nf, then three bytes per component; the whole header must be there.
                guard length >= 8 else { return nil }
                let components = Int(bytes[index + 7])
                guard components >= 1, length >= 8 + 3 * components else { return nil }
                return (width: bigEndian(bytes, at: index + 5, count: 2), height: bigEndian(bytes, at: index + 3, count: 2))
            }
            index += length
        }
        return nil
    }

    /// SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    // MARK: WebP

    /// `RIFF` size `WEBP`, then the first chunk: `VP8 ` (lossy), `VP8L` (lossless)
    /// or `VP8X` (extended, which carries the canvas size). See RFC 9649.
    private static func webpSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 20, bytes[8..<12].elementsEqual("WEBP".utf8) else { return nil }
        let chunk = bytes[12..<16]
        let chunkSize = littleEndian(bytes, at: 16, count: 4)
        let data = 20
        if chunk.elementsEqual("VP8 ".utf8) {
            // Frame tag (3 bytes, bit 0 clear on a key frame), start code 9D 01 2A,
            // then 14-bit width and height with 2 bits of scaling each.
            guard chunkSize >= 10, bytes.count >= data + 10, bytes[data] & 0x01 == 0,
                  bytes[(data + 3)..<(data + 6)].elementsEqual([0x9D, 0x01, 0x2A])
            else { return nil }
            return (littleEndian(bytes, at: data + 6, count: 2) & 0x3FFF, littleEndian(bytes, at: data + 8, count: 2) & 0x3FFF)
        }
        if chunk.elementsEqual("VP8L".utf8) {
            // Signature 0x2F, then 14 bits of width − 1, 14 of height − 1, 1 alpha hint, 3 version bits (0).
            guard chunkSize >= 5, bytes.count >= data + 5, bytes[data] == 0x2F else { return nil }
            let bits = littleEndian(bytes, at: data + 1, count: 4)
            guard bits >> 29 == 0 else { return nil }
            return ((bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1)
        }
        if chunk.elementsEqual("VP8X".utf8) {
            // Flags, 3 reserved bytes, 24 bits of canvas width − 1, 24 of height − 1.
            guard chunkSize >= 10, bytes.count >= data + 10 else { return nil }
            return (littleEndian(bytes, at: data + 4, count: 3) + 1, littleEndian(bytes, at: data + 7, count: 3) + 1)
        }
        return nil
    }

    // MARK: Bytes

    /// Callers check `offset + count <= bytes.count` first; `count` is at most 4.
    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
        bytes[offset..<(offset + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
