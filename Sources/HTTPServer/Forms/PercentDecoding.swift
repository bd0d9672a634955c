extension String {
    /// Decodes `%XX` escapes (and `+` as space when `plusAsSpace`). Returns nil for a
    /// malformed escape or bytes that are not UTF-8, so callers can refuse them.
    public func percentDecoded(plusAsSpace: Bool = false) -> String? {
        String.percentDecoding(utf8, plusAsSpace: plusAsSpace)
    }

    /// `percentDecoded` for bytes (a query's name or value as it was sent).
    static func percentDecoding(_ encoded: some Collection<UInt8>, plusAsSpace: Bool) -> String? {
        // Decoded on the stack and made a `String` once: an array per call, and
        // `String(validating:)` over it, cost a thousand instructions per short value.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: encoded.count) { buffer -> String? in
            var count = 0
            var isASCII = true
            var iterator = encoded.makeIterator()
            while let byte = iterator.next() {
                var decoded = byte
                switch byte {
                case UInt8(ascii: "%"):
                    guard let high = iterator.next().flatMap(hexDigit), let low = iterator.next().flatMap(hexDigit) else { return nil }
                    decoded = high << 4 | low
                case UInt8(ascii: "+") where plusAsSpace:
                    decoded = 0x20
                default:
                    break
                }
                buffer[count] = decoded
                isASCII = isASCII && decoded < 0x80
                count += 1
            }
            let bytes = UnsafeBufferPointer(rebasing: buffer[..<count])
            var text = String(decoding: bytes, as: UTF8.self)
            // Decoding repairs what is not UTF-8; valid input comes out unchanged.
            return isASCII || text.withUTF8({ $0.elementsEqual(bytes) }) ? text : nil
        }
    }

    /// Percent-encodes every byte but those `keeping` keeps: by default the
    /// unreserved characters (RFC 3986 §2.3).
    public func percentEncoded(keeping: (UInt8) -> Bool = String.isUnreserved) -> String {
        // Written straight into the new string: no table or byte array per call.
        String(unsafeUninitializedCapacity: utf8.count * 3) { out in
            var count = 0
            for byte in utf8 {
                if keeping(byte) {
                    out[count] = byte
                    count += 1
                } else {
                    out[count] = UInt8(ascii: "%")
                    out[count + 1] = String.hexCharacter(of: byte >> 4)
                    out[count + 2] = String.hexCharacter(of: byte & 0xF)
                    count += 3
                }
            }
            return count
        }
    }

    /// `0`–`9`, `A`–`F` for a nibble.
    private static func hexCharacter(of nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    /// ASCII letters and digits.
    public static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    /// RFC 3986 §2.3: letters, digits, `-`, `.`, `_` and `~`.
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }
}

private func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
}
