import Crypto
import CryptoExtras
import Foundation

/// scrypt password hashes stored as PHC strings (`$scrypt$ln=17,r=8,p=1$salt$hash`),
/// so the cost can be raised later and old hashes still verify with their own
/// parameters. Defaults are OWASP's current scrypt figures: N = 2^17, r = 8, p = 1
/// (128 MiB per hash).
public struct PasswordHasher: Sendable {
    public var logN: Int
    public var blockSize: Int
    public var parallelism: Int

    public static let owasp = PasswordHasher(logN: 17, blockSize: 8, parallelism: 1)

    public init(logN: Int, blockSize: Int = 8, parallelism: Int = 1) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    public func hash(_ password: String) throws -> String {
        let salt = Tokens.randomBytes(16)
        let key = try derive(password, salt: salt, logN: logN, r: blockSize, p: parallelism)
        return "$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$\(Tokens.base64(salt))$\(Tokens.base64(key))"
    }

    /// True when `password` matches `stored`; compares in constant time.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "scrypt" else { return false }
        var parameters: [String: Int] = [:]
        for pair in parts[1].split(separator: ",") {
            let kv = pair.split(separator: "=")
            if kv.count == 2, let value = Int(kv[1]) { parameters[String(kv[0])] = value }
        }
        guard let ln = parameters["ln"], let r = parameters["r"], let p = parameters["p"], (10...22).contains(ln),
              let salt = Tokens.decodeBase64(String(parts[2])), let expected = Tokens.decodeBase64(String(parts[3])),
              let actual = try? derive(password, salt: salt, logN: ln, r: r, p: p)
        else { return false }
        return Tokens.constantTimeEqual(actual, expected)
    }

    /// True when the stored hash is weaker than this hasher's parameters.
    /// Spends the time of one `verify` and fails: a login for an unknown or
    /// blocked address must take as long as one with a wrong password, or the
    /// answer's timing tells which addresses have accounts.
    public func verifyNothing(_ password: String) {
        _ = try? derive(password, salt: Array(repeating: 0, count: 16), logN: logN, r: blockSize, p: parallelism)
    }

    public func needsRehash(_ stored: String) -> Bool {
        !stored.hasPrefix("$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$")
    }

    private func derive(_ password: String, salt: [UInt8], logN: Int, r: Int, p: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32,
                                           rounds: 1 << logN, blockSize: r, parallelism: p)
        return key.withUnsafeBytes { Array($0) }
    }
}

/// Random tokens, their hashes and encodings.
public enum Tokens {
    /// Bytes from the system's CSPRNG (getrandom on Linux), eight per call:
    /// one call per byte was 44 system calls on every page a new visitor opens.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// 256 random bits, base64url without padding (43 characters).
    public static func random() -> String { base64(randomBytes(32)) }

    public static func sha256(_ text: String) -> [UInt8] { Array(SHA256.hash(data: Array(text.utf8))) }

    /// base64url without padding (RFC 4648 §5). Written out: Foundation's
    /// encoder and three replacements cost 3 % of a page that sets a CSRF cookie.
    public static func base64(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var bits = 0 as UInt32
            for byte in chunk { bits = bits << 8 | UInt32(byte) }
            bits <<= 8 * UInt32(3 - chunk.count)
            for position in 0...chunk.count { output.append(base64Alphabet[Int(bits >> (18 - 6 * UInt32(position)) & 63)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func decodeBase64(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }

    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        constantTimeEqual(Array(a.utf8), Array(b.utf8))
    }
}
