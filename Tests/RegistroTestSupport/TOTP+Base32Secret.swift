import RegistroKit

extension TOTP {
    /// The TOTP of an enrolment's secret as it is shown to the user: unpadded upper-case base 32,
    /// decoded here independently of the library's encoder.
    public init(base32Secret text: String) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var buffer: UInt32 = 0
        var bits = 0
        var secret: [UInt8] = []
        for character in text {
            buffer = (buffer << 5) | UInt32(alphabet.firstIndex(of: character)!)
            bits += 5
            if bits >= 8 {
                secret.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        self.init(secret: secret)
    }
}
