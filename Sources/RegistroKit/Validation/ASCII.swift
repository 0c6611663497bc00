/// ASCII classification of UTF-8 bytes, shared by the validators.
enum ASCII {
    /// Whether `byte` is `0`–`9`.
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
    /// Whether `byte` is `A`–`Z`.
    static func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
    /// Whether `byte` is a space, tab or line break.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
