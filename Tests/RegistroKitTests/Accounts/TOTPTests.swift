import Foundation
import Testing

@testable import RegistroKit

@Suite("TOTP follows RFC 6238")
struct TOTPTests {
    /// RFC 6238 appendix B's SHA-1 secret.
    static let rfcSecret = Array("12345678901234567890".utf8)

    /// RFC 6238 appendix B's SHA-1 vectors (time, 8-digit code); 6-digit codes are their last
    /// six digits.
    static let vectors: [(Int64, String)] = [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ]

    @Test("the published SHA-1 test vectors give the published codes", arguments: vectors)
    func publishedVectors(time: Int64, code: String) {
        let totp = TOTP(secret: Self.rfcSecret)
        let step = TOTP.step(at: Date(timeIntervalSince1970: TimeInterval(time)))
        #expect(totp.code(atStep: step) == String(code.suffix(6)))
    }

    @Test("a code of the previous or next step is accepted, two steps away it is not")
    func oneStepOfDrift() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        let step = TOTP.step(at: now)
        #expect(totp.matchingStep(of: totp.code(atStep: step), at: now) == step)
        #expect(totp.matchingStep(of: totp.code(atStep: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep(of: totp.code(atStep: step + 1), at: now) == step + 1)
        #expect(totp.matchingStep(of: totp.code(atStep: step - 2), at: now) == nil)
        #expect(totp.matchingStep(of: totp.code(atStep: step + 2), at: now) == nil)
    }

    @Test("a code that is not six digits matches nothing")
    func malformedCodes() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 59)
        for code in ["", "28708", "2870822", "28708a", "２８７０８２"] {
            #expect(totp.matchingStep(of: code, at: now) == nil)
        }
    }

    @Test("the provisioning URI carries the base-32 secret, the issuer and the account")
    func provisioningURI() {
        let uri = TOTP(secret: Self.rfcSecret).provisioningURI(issuer: "Registro", account: "dpo")
        #expect(uri.hasPrefix("otpauth://totp/Registro:dpo?"))
        #expect(uri.contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
        #expect(uri.contains("issuer=Registro"))
    }
}
