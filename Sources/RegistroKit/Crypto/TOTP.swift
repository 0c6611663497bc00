import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps,
/// 6 digits, as every authenticator app expects by default.
///
/// HMAC-SHA1 comes from swift-crypto, since libsodium has no SHA-1; SHA-1's weaknesses as a
/// hash do not touch HMAC-SHA1, which RFC 6238 still names as its default.
public struct TOTP: Sendable {
    /// The length of a step, in seconds.
    public static let stepSeconds: Int64 = 30
    /// The number of digits of a code.
    public static let digits = 6
    /// The length of a new secret, in bytes (RFC 4226 recommends 160 bits).
    public static let secretLength = 20

    /// The shared secret.
    let secret: [UInt8]

    /// A TOTP over an existing `secret`.
    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// A TOTP over a fresh random secret.
    static func generate() -> TOTP {
        TOTP(secret: Sodium.randomBytes(secretLength))
    }

    /// The time step that holds `date`: whole steps since the Unix epoch.
    public static func step(at date: Date) -> Int64 {
        Int64(floor(date.timeIntervalSince1970)) / stepSeconds
    }

    /// The code of time step `step`, as six digits with leading zeros.
    public func code(atStep step: Int64) -> String {
        let counter = withUnsafeBytes(of: UInt64(step).bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let truncated =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let value = truncated % 1_000_000
        let text = String(value)
        return String(repeating: "0", count: Self.digits - text.count) + text
    }

    /// The step whose code is `code`, looking at the step of `date` and one step either side
    /// (a clock drift of up to 30 seconds), or `nil` when none matches.
    public func matchingStep(of code: String, at date: Date) -> Int64? {
        guard code.count == Self.digits, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let now = Self.step(at: date)
        return [now, now - 1, now + 1].first { step in
            constantTimeEquals(Array(self.code(atStep: step).utf8), Array(code.utf8))
        }
    }

    /// The secret in base 32 (RFC 4648, without padding), as authenticator apps take it.
    public var base32Secret: String {
        Base32.encode(secret)
    }

    /// The `otpauth://` URI an authenticator app reads (usually from a QR code), naming the
    /// registry as issuer and the user by id.
    public func provisioningURI(issuer: String, account: String) -> String {
        var components = URLComponents()
        components.scheme = "otpauth"
        components.host = "totp"
        components.path = "/\(issuer):\(account)"
        components.queryItems = [
            URLQueryItem(name: "secret", value: base32Secret), URLQueryItem(name: "issuer", value: issuer),
            URLQueryItem(name: "algorithm", value: "SHA1"), URLQueryItem(name: "digits", value: String(Self.digits)),
            URLQueryItem(name: "period", value: String(Self.stepSeconds)),
        ]
        return components.string ?? ""
    }
}

/// Whether two byte strings are equal, in a time that depends only on their lengths.
func constantTimeEquals(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices {
        difference |= left[index] ^ right[index]
    }
    return difference == 0
}
